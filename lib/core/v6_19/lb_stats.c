/* SPDX-License-Identifier: MIT */
/*
 * v6.19 load-balance statistics (docs/balance.md): group_has_capacity(),
 * group_is_overloaded(), group_classify(), update_sg_lb_stats() and
 * update_sd_pick_busiest(). Compiled in the v6.19 and v7.1 flavour TUs;
 * v7.1's group_is_overloaded() EAS test is v7_1/balance.c.
 */

/* v6.19 fair.c capacity_greater(): cap1 * 1024 > cap2 * 1078 (~5%). */
static bool capacity_greater(uint64_t cap1, uint64_t cap2)
{
	return cap1 * 1024u > cap2 * 1078u;
}

/* v6.19 group_has_capacity(imbalance_pct, sgs) */
static bool group_has_capacity(uint32_t pct, const struct eas_sg_stats *s)
{
	if (s->sum_nr_running < s->group_weight)
		return true;
	if (s->group_capacity * pct < s->group_runnable * 100u)
		return false;
	if (s->group_capacity * 100u > s->group_util * pct)
		return true;
	return false;
}

/* v6.19 group_is_overloaded(imbalance_pct, sgs) */
static bool group_is_overloaded(uint32_t pct, const struct eas_sg_stats *s)
{
	if (s->sum_nr_running <= s->group_weight)
		return false;
	if (s->group_capacity * 100u < s->group_util * pct)
		return true;
	if (s->group_capacity * pct < s->group_runnable * 100u)
		return true;
	return false;
}

#ifndef EAS__V71_RULES
/* v6.19 group_is_overloaded() has no EAS test: the overload conditions
 * always apply (v7.1's is in v7_1/balance.c). */
static bool group_overloaded_gated(const struct eas_system *sys,
				   bool group_overutilized)
{
	(void)sys;
	(void)group_overutilized;
	return false;
}
#endif

/* v6.19 group_classify(imbalance_pct, group, sgs) (also v7.1) */
static enum eas_group_type group_classify(const struct lb_ctx *c,
					  const struct eas_sg_stats *s)
{
	uint32_t pct = c->sd.imbalance_pct;
	/* s->overutilized: cpu_overutilized() of one of the group's CPUs
	 * (update_sg_lb_stats()) */
	bool gated = group_overloaded_gated(c->sys, s->overutilized);

	if (!gated && group_is_overloaded(pct, s))
		return EAS_GROUP_OVERLOADED;
	if (sg_imbalanced(c->env, s->first_cpu))
		return EAS_GROUP_IMBALANCED;
	if (s->group_asym_packing)
		return EAS_GROUP_ASYM_PACKING;
	if (s->group_smt_balance)
		return EAS_GROUP_SMT_BALANCE;
	if (s->group_misfit_task_load)
		return EAS_GROUP_MISFIT_TASK;
	if (!group_has_capacity(pct, s))
		return EAS_GROUP_FULLY_BUSY;
	return EAS_GROUP_HAS_SPARE;
}

/* v6.19 sched_use_asym_prio(sd, cpu) without SMT (EAS platforms have no
 * SMT in v6.19): SD_ASYM_PACKING set. */
static bool use_asym_prio(const struct lb_sd *sd)
{
	return (sd->flags & EAS_SD_ASYM_PACKING) != 0;
}

static bool lb_idle(const struct eas_lb_env *env)
{
	/* v6.19 "env->idle" truthiness / v5.4 "idle != CPU_NOT_IDLE" */
	return env->idle != EAS_LB_NOT_IDLE;
}

/*
 * v6.19 update_sg_lb_stats() for the group g (n CPUs, ascending). The group
 * is local when it contains dst.
 */
static void update_sg_lb_stats(struct lb_ctx *c, const uint32_t *g, uint32_t n,
			       struct eas_sg_stats *s)
{
	const struct eas_system *sys = c->sys;
	const struct eas_lb_env *env = c->env;
	uint32_t i, gflags;
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
		s->group_load += rq->load_avg;
		s->group_util += eas_cpu_util(sys, cpu, NULL, -1, false);
		s->group_runnable += rq->runnable_avg;
		s->sum_h_nr_running += cfs_h_nr_runnable(sys, cpu);
		s->sum_nr_running += nr;
		if (eas_cpu_overutilized(sys, cpu)) {
			c->sg_overutilized = true;
			s->overutilized = true;
		}
		if (!nr && eas__idle_cpu(sys, cpu)) {
			s->idle_cpus++;
			continue; /* an idle CPU has no misfit task */
		}
		if (c->sd.is_root && nr > 1) {
			c->sg_overload = true;
			s->overloaded = true;
		}
		if (local)
			continue;
		if (c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) {
			if (s->group_misfit_task_load < rq->misfit_task_load) {
				s->group_misfit_task_load =
					rq->misfit_task_load;
				c->sg_overload = true;
				s->overloaded = true;
			}
		} else if (lb_idle(env) && cfs_h_nr_runnable(sys, cpu) == 1 &&
			   eas_check_cpu_capacity(sys, cpu,
						  c->sd.imbalance_pct)) {
			/* sched_reduced_capacity(): the task's load counts as
			 * misfit load */
			if (s->group_misfit_task_load < rq->load_avg)
				s->group_misfit_task_load = rq->load_avg;
		}
	}

	group_capacity(sys, g, n, s);
	s->group_weight = n;
	gflags = group_flags(sys, &c->sd, g[0]);

	/* sched_group_asym(): dst idle and preferred to the group */
	if (!local && lb_idle(env) && s->sum_h_nr_running &&
	    !((gflags & EAS_SD_SHARE_CPUCAPACITY) &&
	      (s->group_weight - s->idle_cpus != 1)) &&
	    use_asym_prio(&c->sd) &&
	    asym_prefer(env->asym_prio, env->dst_cpu,
			group_asym_prefer_cpu(env, g, n)))
		s->group_asym_packing = true;
	/* smt_balance() */
	if (!local && lb_idle(env) && (gflags & EAS_SD_SHARE_CPUCAPACITY) &&
	    s->sum_h_nr_running > 1)
		s->group_smt_balance = true;
	s->group_type = group_classify(c, s);
	if (s->group_type == EAS_GROUP_OVERLOADED)
		s->avg_load = s->group_load * EAS__SCALE / s->group_capacity;
}

/* v6.19 fair.c update_sd_pick_busiest() (no SMT groups on EAS systems,
 * but the SD_SHARE_CPUCAPACITY tests are kept). */
static bool update_sd_pick_busiest(const struct lb_ctx *c,
				   const struct sds *sds,
				   const struct eas_sg_stats *local,
				   const struct eas_sg_stats *sgs,
				   uint32_t prefer_cpu, uint32_t sg_flags)
{
	const struct eas_sg_stats *busiest = &sds->busiest_stat;
	const struct eas_system *sys = c->sys;
	uint64_t dst_cap = eas_capacity_of(sys, c->env->dst_cpu);

	if (!sgs->sum_h_nr_running)
		return false;
	if ((c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) &&
	    sgs->group_type == EAS_GROUP_MISFIT_TASK &&
	    (!capacity_greater(dst_cap, sgs->max_capacity) ||
	     local->group_type != EAS_GROUP_HAS_SPARE))
		return false;
	if (sgs->group_type > busiest->group_type)
		return true;
	if (sgs->group_type < busiest->group_type)
		return false;

	switch (sgs->group_type) {
	case EAS_GROUP_OVERLOADED:
		return sgs->avg_load > busiest->avg_load;
	case EAS_GROUP_IMBALANCED:
		return false;
	case EAS_GROUP_ASYM_PACKING:
		return asym_prefer(c->env->asym_prio, sds->busiest_prefer_cpu,
				   prefer_cpu);
	case EAS_GROUP_MISFIT_TASK:
		return sgs->group_misfit_task_load >
		       busiest->group_misfit_task_load;
	case EAS_GROUP_SMT_BALANCE:
		if (sgs->idle_cpus != 0 || busiest->idle_cpus != 0)
			goto has_spare;
		/* fall through */
	case EAS_GROUP_FULLY_BUSY:
		if (sgs->avg_load < busiest->avg_load)
			return false;
		if (sgs->avg_load == busiest->avg_load &&
		    (sds->busiest_flags & EAS_SD_SHARE_CPUCAPACITY))
			return false;
		break;
	case EAS_GROUP_HAS_SPARE:
		if (sds->busiest >= 0 && ((sds->busiest_flags ^ sg_flags) &
					  EAS_SD_SHARE_CPUCAPACITY)) {
			if ((sg_flags & EAS_SD_SHARE_CPUCAPACITY) &&
			    sgs->sum_h_nr_running <= 1)
				return false;
			return true;
		}
has_spare:
		if (sgs->idle_cpus > busiest->idle_cpus)
			return false;
		if (sgs->idle_cpus == busiest->idle_cpus &&
		    sgs->sum_nr_running <= busiest->sum_nr_running)
			return false;
		break;
	case EAS_GROUP_OTHER:
		break;
	}
	if ((c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) &&
	    sgs->group_type <= EAS_GROUP_FULLY_BUSY &&
	    capacity_greater(sgs->min_capacity, dst_cap))
		return false;
	return true;
}
