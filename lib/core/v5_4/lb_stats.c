/* SPDX-License-Identifier: MIT */
/*
 * v5.4 load-balance statistics (docs/balance.md): group_has_capacity(),
 * group_is_overloaded(), group_classify(), update_sg_lb_stats() and
 * update_sd_pick_busiest(). Part of the v5.4 flavour TU; the shared
 * load_balance() skeleton is common/balance.c.
 */

/* v5.4 group_has_capacity(env, sgs) */
static bool group_has_capacity(uint32_t pct, const struct eas_sg_stats *s)
{
	if (s->sum_nr_running < s->group_weight)
		return true;
	if (s->group_capacity * 100u > s->group_util * pct)
		return true;
	return false;
}

/* v5.4 group_is_overloaded(env, sgs) */
static bool group_is_overloaded(uint32_t pct, const struct eas_sg_stats *s)
{
	if (s->sum_nr_running <= s->group_weight)
		return false;
	if (s->group_capacity * 100u < s->group_util * pct)
		return true;
	return false;
}

/* v5.4 group_classify(group, sgs) */
static enum eas_group_type group_classify(const struct lb_ctx *c,
					  const struct eas_sg_stats *s)
{
	if (s->group_no_capacity)
		return EAS_GROUP_OVERLOADED;
	if (sg_imbalanced(c->env, s->first_cpu))
		return EAS_GROUP_IMBALANCED;
	if (s->group_misfit_task_load)
		return EAS_GROUP_MISFIT_TASK;
	return EAS_GROUP_OTHER;
}

/* v5.4 group_smaller_{min,max}_cpu_capacity(sg, ref):
 * fits_capacity(sg cap, ref cap). */
static bool smaller_cap(uint64_t sg, uint64_t ref)
{
	return eas_fits_capacity(sg, ref);
}

/*
 * v5.4 update_sg_lb_stats() for the group g (n CPUs, ascending). The group
 * is local when it contains dst.
 */
static void update_sg_lb_stats(struct lb_ctx *c, const uint32_t *g, uint32_t n,
			       struct eas_sg_stats *s)
{
	const struct eas_system *sys = c->sys;
	const struct eas_lb_env *env = c->env;
	uint32_t i;
	bool local = false;

	*s = (struct eas_sg_stats){ 0 };
	s->first_cpu = g[0];
	for (i = 0; i < n; i++)
		if (g[i] == env->dst_cpu)
			local = true;
	s->local = local;

	for (i = 0; i < n; i++) {
		uint32_t cpu = g[i];
		const struct eas_rq *rq = &sys->rq[cpu];
		uint32_t nr = rq->nr_running;

		if (!cpu_active(sys, cpu))
			continue; /* env->cpus = span & active */
		s->group_load += rq->runnable_load_avg;
		s->group_util += eas_cpu_util(sys, cpu, NULL, -1, false);
		s->sum_nr_running += rq->h_nr_running;
		if (nr > 1) {
			c->sg_overload = true;
			s->overloaded = true;
		}
		if (eas_cpu_overutilized(sys, cpu)) {
			c->sg_overutilized = true;
			s->overutilized = true;
		}
		if (!nr && eas__idle_cpu(sys, cpu))
			s->idle_cpus++;
		if ((c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) &&
		    s->group_misfit_task_load < rq->misfit_task_load) {
			s->group_misfit_task_load = rq->misfit_task_load;
			c->sg_overload = true;
			s->overloaded = true;
		}
	}

	group_capacity(sys, g, n, s);
	s->group_weight = n;
	s->avg_load = s->group_load * EAS__SCALE / s->group_capacity;
	if (s->sum_nr_running)
		s->load_per_task = s->group_load / s->sum_nr_running;
	s->group_no_capacity = group_is_overloaded(c->sd.imbalance_pct, s);
	s->group_type = group_classify(c, s);
}

/* v5.4 fair.c update_sd_pick_busiest() */
static bool update_sd_pick_busiest(const struct lb_ctx *c,
				   const struct sds *sds,
				   const struct eas_sg_stats *local,
				   const struct eas_sg_stats *sgs,
				   uint32_t prefer_cpu, uint32_t sg_flags)
{
	(void)sg_flags; /* v6.19 reads the group's sd flags, v5.4 not */
	const struct eas_sg_stats *busiest = &sds->busiest_stat;
	const struct eas_lb_env *env = c->env;

	if (sgs->group_type == EAS_GROUP_MISFIT_TASK &&
	    (!smaller_cap(sgs->max_capacity, local->max_capacity) ||
	     !group_has_capacity(c->sd.imbalance_pct, local)))
		return false;
	if (sgs->group_type > busiest->group_type)
		return true;
	if (sgs->group_type < busiest->group_type)
		return false;
	if (sgs->avg_load <= busiest->avg_load)
		return false;
	if (c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) {
		if (sgs->sum_nr_running <= sgs->group_weight &&
		    smaller_cap(local->min_capacity, sgs->min_capacity))
			return false;
		if (sgs->group_type == EAS_GROUP_MISFIT_TASK &&
		    sgs->group_misfit_task_load <
			    busiest->group_misfit_task_load)
			return false;
	}
	/* asym_packing: */
	if (!(c->sd.flags & EAS_SD_ASYM_PACKING))
		return true;
	if (env->idle == EAS_LB_NOT_IDLE)
		return true;
	if (sgs->sum_nr_running &&
	    asym_prefer(env->asym_prio, env->dst_cpu, prefer_cpu)) {
		if (sds->busiest < 0)
			return true;
		if (asym_prefer(env->asym_prio, sds->busiest_prefer_cpu,
				prefer_cpu))
			return true;
	}
	return false;
}
