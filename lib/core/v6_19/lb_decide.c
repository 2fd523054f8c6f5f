/* SPDX-License-Identifier: MIT */
/*
 * v6.19 load-balance decisions (docs/balance.md):
 * sched_balance_find_src_group() (find_busiest_group()) with
 * sibling_imbalance() and calculate_imbalance(), and
 * sched_balance_find_src_rq() (find_busiest_queue()). Compiled in the
 * v6.19 and v7.1 flavour TUs.
 */

/* v6.19 sibling_imbalance() without SMT (cores == group weight). */
static int64_t sibling_imbalance(const struct lb_ctx *c,
				 const struct eas_sg_stats *busiest,
				 const struct eas_sg_stats *local)
{
	int64_t nb = busiest->group_weight, nl = local->group_weight, imb;

	if (!lb_idle(c->env) || !busiest->sum_nr_running)
		return 0;
	if (nb == nl) {
		imb = (int64_t)busiest->sum_nr_running -
		      (int64_t)local->sum_nr_running;
		return imb > 0 ? imb : 0;
	}
	imb = nl * (int64_t)busiest->sum_nr_running -
	      nb * (int64_t)local->sum_nr_running;
	if (imb < 0)
		imb = 0;
	imb = (2 * imb + nl + nb) / (nl + nb);
	if (imb <= 1 && local->sum_nr_running == 0 &&
	    busiest->sum_nr_running > 1)
		imb = 2;
	return imb;
}

/* v6.19 fair.c calculate_imbalance(); returns env->imbalance and sets
 * *mt. */
static int64_t v619_calculate_imbalance(const struct lb_ctx *c, struct sds *sds,
					struct eas_sg_stats *local,
					enum eas_migration_type *mt)
{
	const struct eas_sg_stats *busiest = &sds->busiest_stat;
	int64_t imb;

	if (busiest->group_type == EAS_GROUP_MISFIT_TASK) {
		if (c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) {
			*mt = EAS_MIGRATE_MISFIT;
			return 1;
		}
		*mt = EAS_MIGRATE_LOAD;
		return (int64_t)busiest->group_misfit_task_load;
	}
	if (busiest->group_type == EAS_GROUP_ASYM_PACKING) {
		*mt = EAS_MIGRATE_TASK;
		return busiest->sum_h_nr_running;
	}
	if (busiest->group_type == EAS_GROUP_SMT_BALANCE ||
	    busiest->group_type == EAS_GROUP_IMBALANCED) {
		*mt = EAS_MIGRATE_TASK;
		return 1;
	}
	if (local->group_type == EAS_GROUP_HAS_SPARE) {
		if (busiest->group_type > EAS_GROUP_FULLY_BUSY &&
		    !(c->sd.flags & EAS_SD_SHARE_LLC)) {
			*mt = EAS_MIGRATE_UTIL;
			imb = (int64_t)(eas__max_u64(local->group_capacity,
						     local->group_util) -
					local->group_util);
			if (lb_idle(c->env) && imb == 0) {
				*mt = EAS_MIGRATE_TASK;
				imb = 1;
			}
			return imb;
		}
		*mt = EAS_MIGRATE_TASK;
		if (busiest->group_weight == 1 || sds->prefer_sibling) {
			imb = sibling_imbalance(c, busiest, local);
		} else {
			imb = (int64_t)local->idle_cpus -
			      (int64_t)busiest->idle_cpus;
			if (imb < 0)
				imb = 0;
		}
		return imb >> 1;
	}
	if (local->group_type < EAS_GROUP_OVERLOADED) {
		local->avg_load =
			local->group_load * EAS__SCALE / local->group_capacity;
		if (local->avg_load >= busiest->avg_load)
			return 0;
		sds->avg_load =
			sds->total_load * EAS__SCALE / sds->total_capacity;
		if (local->avg_load >= sds->avg_load)
			return 0;
	}
	*mt = EAS_MIGRATE_LOAD;
	return (int64_t)(eas__min_u64((busiest->avg_load - sds->avg_load) *
					      busiest->group_capacity,
				      (sds->avg_load - local->avg_load) *
					      local->group_capacity) /
			 EAS__SCALE);
}

/* v6.19 fair.c sched_balance_find_src_rq() */
static int32_t v619_find_busiest_queue(const struct lb_ctx *c,
				       const uint32_t *g, uint32_t n,
				       enum eas_migration_type mt,
				       int64_t imbalance)
{
	const struct eas_system *sys = c->sys;
	const struct eas_lb_env *env = c->env;
	uint64_t busiest_util = 0, busiest_load = 0, busiest_capacity = 1;
	uint32_t busiest_nr = 0, i;
	int32_t busiest = -1;

	for (i = 0; i < n; i++) {
		uint32_t cpu = g[i];
		const struct eas_rq *rq = &sys->rq[cpu];
		uint64_t capacity, load, util;
		uint32_t nr;

		if (!cpu_active(sys, cpu))
			continue;
		nr = cfs_h_nr_runnable(sys, cpu);
		if (!nr)
			continue;
		capacity = eas_capacity_of(sys, cpu);
		if ((c->sd.flags & EAS_SD_ASYM_CPUCAPACITY) &&
		    !capacity_greater(eas_capacity_of(sys, env->dst_cpu),
				      capacity) &&
		    nr == 1)
			continue;
		/* sched_asym(sd, i, dst) && nr == 1 */
		if (use_asym_prio(&c->sd) &&
		    asym_prefer(env->asym_prio, cpu, env->dst_cpu) && nr == 1)
			continue;
		switch (mt) {
		case EAS_MIGRATE_LOAD:
			load = rq->load_avg;
			if (nr == 1 && load > (uint64_t)imbalance &&
			    !eas_check_cpu_capacity(sys, cpu,
						    c->sd.imbalance_pct))
				break;
			if (load * busiest_capacity > busiest_load * capacity) {
				busiest_load = load;
				busiest_capacity = capacity;
				busiest = (int32_t)cpu;
			}
			break;
		case EAS_MIGRATE_UTIL:
			util = eas_cpu_util(sys, cpu, NULL, -1, true);
			if (nr <= 1)
				break;
			if (busiest_util < util) {
				busiest_util = util;
				busiest = (int32_t)cpu;
			}
			break;
		case EAS_MIGRATE_TASK:
			if (busiest_nr < nr) {
				busiest_nr = nr;
				busiest = (int32_t)cpu;
			}
			break;
		case EAS_MIGRATE_MISFIT:
			if (rq->misfit_task_load > busiest_load) {
				busiest_load = rq->misfit_task_load;
				busiest = (int32_t)cpu;
			}
			break;
		}
	}
	return busiest;
}

/*
 * v6.19 sched_balance_find_src_group() (find_busiest_group()): returns the
 * busiest group index or -1; fills res.
 */
static int32_t find_busiest_group(struct lb_ctx *c, struct sds *sds,
				  struct eas_sg_stats *local,
				  struct eas_lb_result *res)
{
	const struct eas_lb_env *env = c->env;
	struct eas_sg_stats *busiest = &sds->busiest_stat;
	enum eas_migration_type mt = EAS_MIGRATE_LOAD;
	bool eas_quiet = eas_enabled(c->sys) && !res->overutilized;
	int64_t imb = 0;

	if (sds->busiest < 0) {
		balanced(res, EAS_LB_BALANCED_NO_BUSIEST);
		return -1;
	}
	res->src_grp_type = busiest->group_type;
	if (busiest->group_type == EAS_GROUP_MISFIT_TASK)
		goto force619;
	if (eas_quiet) {
		balanced(res, EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED);
		return -1;
	}
	if (busiest->group_type == EAS_GROUP_ASYM_PACKING ||
	    busiest->group_type == EAS_GROUP_IMBALANCED)
		goto force619;
	if (local->group_type > busiest->group_type) {
		balanced(res, EAS_LB_BALANCED_LOCAL_BUSIER);
		return -1;
	}
	if (local->group_type == EAS_GROUP_OVERLOADED) {
		if (local->avg_load >= busiest->avg_load) {
			balanced(res, EAS_LB_BALANCED_LOCAL_BUSIER);
			return -1;
		}
		sds->avg_load =
			sds->total_load * EAS__SCALE / sds->total_capacity;
		if (local->avg_load >= sds->avg_load) {
			balanced(res, EAS_LB_BALANCED_ABOVE_AVG);
			return -1;
		}
		if (100u * busiest->avg_load <=
		    c->sd.imbalance_pct * local->avg_load) {
			balanced(res, EAS_LB_BALANCED_IMBALANCE_PCT);
			return -1;
		}
	}
	if (sds->prefer_sibling && local->group_type == EAS_GROUP_HAS_SPARE &&
	    sibling_imbalance(c, busiest, local) > 1)
		goto force619;
	if (busiest->group_type != EAS_GROUP_OVERLOADED) {
		if (!lb_idle(env)) {
			balanced(res, EAS_LB_BALANCED_LOCAL_NO_SPARE);
			return -1;
		}
		if (busiest->group_weight > 1 &&
		    local->idle_cpus <= busiest->idle_cpus + 1u) {
			balanced(res, EAS_LB_BALANCED_IDLE_CPUS);
			return -1;
		}
		if (busiest->sum_h_nr_running == 1) {
			balanced(res, EAS_LB_BALANCED_NO_BUSIEST);
			return -1;
		}
	}
force619:
	imb = v619_calculate_imbalance(c, sds, local, &mt);
	res->migration_type = mt;
	res->imbalance = (uint64_t)imb;
	if (!imb) {
		balanced(res, EAS_LB_BALANCED_ZERO_IMBALANCE);
		return -1;
	}
	return sds->busiest;
}

/* sched_balance_find_src_rq() as the shared load_balance() calls it */
static int32_t find_busiest_queue(const struct lb_ctx *c, const uint32_t *g,
				  uint32_t n, const struct eas_lb_result *res)
{
	return v619_find_busiest_queue(c, g, n, res->migration_type,
				       (int64_t)res->imbalance);
}
