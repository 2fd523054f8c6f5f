/* SPDX-License-Identifier: MIT */
/*
 * v5.4 load-balance decisions (docs/balance.md): find_busiest_group()
 * with check_asym_packing(), calculate_imbalance() /
 * fix_small_imbalance(), and find_busiest_queue(). Part of the v5.4
 * flavour TU; the shared load_balance() skeleton is common/balance.c.
 */

/* ---------------------------------------------------------------------- */
/* calculate_imbalance                                                     */
/* ---------------------------------------------------------------------- */

/* v5.4 cpu_avg_load_per_task(cpu) */
static uint64_t cpu_avg_load_per_task(const struct eas_system *sys,
				      uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];

	if (rq->h_nr_running)
		return rq->runnable_load_avg / rq->h_nr_running;
	return 0;
}

/* v5.4 fair.c fix_small_imbalance() */
static int64_t v54_fix_small_imbalance(const struct lb_ctx *c,
				       struct eas_sg_stats *local,
				       const struct eas_sg_stats *busiest,
				       int64_t imbalance)
{
	uint64_t tmp, capa_now = 0, capa_move = 0, sbl;
	uint64_t imbn = 2;

	if (!local->sum_nr_running)
		local->load_per_task =
			cpu_avg_load_per_task(c->sys, c->env->dst_cpu);
	else if (busiest->load_per_task > local->load_per_task)
		imbn = 1;
	sbl = busiest->load_per_task * EAS__SCALE / busiest->group_capacity;
	if (busiest->avg_load + sbl >= local->avg_load + sbl * imbn)
		return (int64_t)busiest->load_per_task;

	capa_now += busiest->group_capacity *
		    eas__min_u64(busiest->load_per_task, busiest->avg_load);
	capa_now += local->group_capacity *
		    eas__min_u64(local->load_per_task, local->avg_load);
	capa_now /= EAS__SCALE;
	if (busiest->avg_load > sbl)
		capa_move += busiest->group_capacity *
			     eas__min_u64(busiest->load_per_task,
					  busiest->avg_load - sbl);
	if (busiest->avg_load * busiest->group_capacity <
	    busiest->load_per_task * EAS__SCALE)
		tmp = busiest->avg_load * busiest->group_capacity /
		      local->group_capacity;
	else
		tmp = busiest->load_per_task * EAS__SCALE /
		      local->group_capacity;
	capa_move += local->group_capacity *
		     eas__min_u64(local->load_per_task, local->avg_load + tmp);
	capa_move /= EAS__SCALE;
	if (capa_move > capa_now)
		return (int64_t)busiest->load_per_task;
	return imbalance;
}

/* v5.4 fair.c calculate_imbalance() */
static int64_t v54_calculate_imbalance(const struct lb_ctx *c, struct sds *sds,
				       struct eas_sg_stats *local)
{
	struct eas_sg_stats *busiest = &sds->busiest_stat;
	uint64_t max_pull, load_above_capacity = EAS__U64_MAX, a, b;
	int64_t imbalance;

	if (busiest->group_type == EAS_GROUP_IMBALANCED)
		busiest->load_per_task =
			eas__min_u64(busiest->load_per_task, sds->avg_load);
	if (busiest->group_type != EAS_GROUP_MISFIT_TASK &&
	    (busiest->avg_load <= sds->avg_load ||
	     local->avg_load >= sds->avg_load))
		return v54_fix_small_imbalance(c, local, busiest, 0);
	if (busiest->group_type == EAS_GROUP_OVERLOADED &&
	    local->group_type == EAS_GROUP_OVERLOADED) {
		load_above_capacity =
			(uint64_t)busiest->sum_nr_running * EAS__SCALE;
		if (load_above_capacity > busiest->group_capacity) {
			load_above_capacity -= busiest->group_capacity;
			load_above_capacity *= EAS__NICE_0_LOAD;
			load_above_capacity /= busiest->group_capacity;
		} else {
			load_above_capacity = EAS__U64_MAX;
		}
	}
	/* unsigned: wraps when busiest is below the average (misfit) */
	max_pull = eas__min_u64(busiest->avg_load - sds->avg_load,
				load_above_capacity);
	a = max_pull * busiest->group_capacity;
	b = (sds->avg_load - local->avg_load) * local->group_capacity;
	imbalance = (int64_t)(eas__min_u64(a, b) / EAS__SCALE);
	if (busiest->group_type == EAS_GROUP_MISFIT_TASK &&
	    (int64_t)busiest->group_misfit_task_load > imbalance)
		imbalance = (int64_t)busiest->group_misfit_task_load;
	/* imbalance (long) < load_per_task (unsigned long): unsigned compare */
	if ((uint64_t)imbalance < busiest->load_per_task)
		return v54_fix_small_imbalance(c, local, busiest, imbalance);
	return imbalance;
}

/* ---------------------------------------------------------------------- */
/* find_busiest_group / find_busiest_queue                                 */
/* ---------------------------------------------------------------------- */

/* v5.4 check_asym_packing() */
static bool v54_check_asym_packing(const struct lb_ctx *c,
				   const struct sds *sds, int64_t *imb)
{
	if (!(c->sd.flags & EAS_SD_ASYM_PACKING))
		return false;
	if (c->env->idle == EAS_LB_NOT_IDLE)
		return false;
	if (sds->busiest < 0)
		return false;
	if (asym_prefer(c->env->asym_prio, sds->busiest_prefer_cpu,
			c->env->dst_cpu))
		return false;
	*imb = (int64_t)sds->busiest_stat.group_load;
	return true;
}

/* v5.4 fair.c find_busiest_queue() */
static int32_t v54_find_busiest_queue(const struct lb_ctx *c, const uint32_t *g,
				      uint32_t n,
				      enum eas_group_type src_grp_type,
				      int64_t imbalance)
{
	const struct eas_system *sys = c->sys;
	uint64_t busiest_load = 0, busiest_capacity = 1;
	int32_t busiest = -1;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint32_t cpu = g[i];
		const struct eas_rq *rq = &sys->rq[cpu];
		uint64_t capacity, load;

		if (!cpu_active(sys, cpu))
			continue;
		if (src_grp_type == EAS_GROUP_MISFIT_TASK) {
			if (rq->misfit_task_load > busiest_load) {
				busiest_load = rq->misfit_task_load;
				busiest = (int32_t)cpu;
			}
			continue;
		}
		capacity = eas_capacity_of(sys, cpu);
		if ((c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) &&
		    eas_capacity_of(sys, c->env->dst_cpu) < capacity &&
		    rq->nr_running == 1)
			continue;
		load = rq->runnable_load_avg;
		if (rq->nr_running == 1 && load > (uint64_t)imbalance &&
		    !eas_check_cpu_capacity(sys, cpu, c->sd.imbalance_pct))
			continue;
		if (load * busiest_capacity > busiest_load * capacity) {
			busiest_load = load;
			busiest_capacity = capacity;
			busiest = (int32_t)cpu;
		}
	}
	return busiest;
}

/*
 * v5.4 find_busiest_group(): returns the busiest group index or -1; fills
 * res.
 */
static int32_t find_busiest_group(struct lb_ctx *c, struct sds *sds,
				  struct eas_sg_stats *local,
				  struct eas_lb_result *res)
{
	const struct eas_lb_env *env = c->env;
	struct eas_sg_stats *busiest = &sds->busiest_stat;
	bool eas_quiet = eas_enabled(c->sys) && !res->overutilized;
	int64_t imb = 0;

	if (eas_quiet) {
		balanced(res, EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED);
		return -1;
	}
	if (v54_check_asym_packing(c, sds, &imb)) {
		/* returns without setting src_grp_type */
		res->imbalance = (uint64_t)imb;
		return sds->busiest;
	}
	if (sds->busiest < 0 || busiest->sum_nr_running == 0) {
		balanced(res, EAS_LB_BALANCED_NO_BUSIEST);
		return -1;
	}
	sds->avg_load = EAS__SCALE * sds->total_load / sds->total_capacity;
	if (busiest->group_type == EAS_GROUP_IMBALANCED)
		goto force;
	if (env->idle != EAS_LB_NOT_IDLE &&
	    group_has_capacity(c->sd.imbalance_pct, local) &&
	    busiest->group_no_capacity)
		goto force;
	if (busiest->group_type == EAS_GROUP_MISFIT_TASK)
		goto force;
	if (local->avg_load >= busiest->avg_load) {
		balanced(res, EAS_LB_BALANCED_LOCAL_BUSIER);
		return -1;
	}
	if (local->avg_load >= sds->avg_load) {
		balanced(res, EAS_LB_BALANCED_ABOVE_AVG);
		return -1;
	}
	if (env->idle == EAS_LB_IDLE) {
		if (busiest->group_type != EAS_GROUP_OVERLOADED &&
		    local->idle_cpus <= busiest->idle_cpus + 1u) {
			balanced(res, EAS_LB_BALANCED_IDLE_CPUS);
			return -1;
		}
	} else if (100u * busiest->avg_load <=
		   c->sd.imbalance_pct * local->avg_load) {
		balanced(res, EAS_LB_BALANCED_IMBALANCE_PCT);
		return -1;
	}
force:
	res->src_grp_type = busiest->group_type;
	imb = v54_calculate_imbalance(c, sds, local);
	res->imbalance = (uint64_t)imb;
	res->migration_type = EAS_MIGRATE_LOAD;
	if (!imb) {
		balanced(res, EAS_LB_BALANCED_ZERO_IMBALANCE);
		return -1;
	}
	return sds->busiest;
}

/* find_busiest_queue() as the shared load_balance() calls it */
static int32_t find_busiest_queue(const struct lb_ctx *c, const uint32_t *g,
				  uint32_t n, const struct eas_lb_result *res)
{
	return v54_find_busiest_queue(c, g, n, res->src_grp_type,
				      (int64_t)res->imbalance);
}
