/* SPDX-License-Identifier: MIT */
/*
 * Literal load-balance oracle (see ref_balance.h). The statement order
 * follows v5.4 / v6.19 kernel/sched/fair.c function by function; names
 * are the kernel's. Reimplemented from the semantics, no kernel text.
 */
#include "ref_balance.h"

#include <limits.h>
#include <string.h>

#include <libeas/place.h>

#define SCHED_CAPACITY_SCALE 1024UL
#define NICE_0_LOAD_DOWN 1024UL

/* group types in the kernel's own per-flavour numbering */
enum v54_group_type {
	v54_group_other = 0,
	v54_group_misfit_task,
	v54_group_imbalanced,
	v54_group_overloaded,
};
enum v619_group_type {
	v619_group_has_spare = 0,
	v619_group_fully_busy,
	v619_group_misfit_task,
	v619_group_smt_balance,
	v619_group_asym_packing,
	v619_group_imbalanced,
	v619_group_overloaded,
};
enum migration_type {
	migrate_load = 0,
	migrate_util,
	migrate_task,
	migrate_misfit
};

#define CPU_IDLE 0
#define CPU_NOT_IDLE 1
#define CPU_NEWLY_IDLE 2

#define LBF_ALL_PINNED 0x01
#define LBF_DST_PINNED 0x04
#define LBF_SOME_PINNED 0x08
#define LBF_ACTIVE_LB 0x10

struct rq {
	int cpu;
	const struct eas_rq *s;
	unsigned long cpu_capacity;
	unsigned long cpu_capacity_orig;
	unsigned int nr_running;
	unsigned int h_nr_running;  /* v5.4 cfs.h_nr_running */
	unsigned int h_nr_runnable; /* v6.19 */
	unsigned long misfit_task_load;
};

struct sched_group {
	struct sched_group *next;
	bool span[REF_LB_MAX_CPUS];
	int first;
	unsigned int group_weight;
	unsigned long capacity, min_capacity, max_capacity;
	int asym_prefer_cpu;
	unsigned int flags;
	int imbalance;
};

struct sched_domain {
	unsigned int flags;
	unsigned int imbalance_pct;
	unsigned int cache_nice_tries;
	unsigned int nr_balance_failed;
	bool span[REF_LB_MAX_CPUS];
	bool has_parent;
	bool has_child;
	unsigned int child_flags;
	struct sched_group *groups;
};

struct sg_lb_stats {
	unsigned long avg_load, group_load, group_capacity, group_util,
		group_runnable, load_per_task, group_misfit_task_load;
	unsigned int sum_nr_running, sum_h_nr_running, idle_cpus, group_weight;
	int group_type;
	int group_no_capacity;
	unsigned int group_asym_packing, group_smt_balance;
	unsigned int group_overutilized; /* 7.1 */
};

struct sd_lb_stats {
	struct sched_group *busiest, *local;
	unsigned long total_load, total_capacity, avg_load;
	unsigned long total_running;
	unsigned int prefer_sibling;
	struct sg_lb_stats busiest_stat, local_stat;
};

struct lb_env {
	const struct eas_system *sys;
	const struct eas_lb_env *e;
	struct sched_domain *sd;
	int src_cpu, dst_cpu;
	struct rq *src_rq, *dst_rq;
	int idle;
	long imbalance;
	unsigned int flags;
	unsigned int loop, loop_max;
	int src_grp_type;
	enum migration_type migration_type;
	const struct eas_lb_task *tasks;
	unsigned int nr_tasks;
	bool overutilized;
	bool v54;
	bool v71; /* Linux 7.1.3: the v6.19 text plus its fair.c changes */
	struct sched_group *dst_grp;
};

static struct rq rqs[REF_LB_MAX_CPUS];
static struct sched_group groups_mem[REF_LB_MAX_CPUS];
static struct sched_domain sd_mem;

static bool env_cpus[REF_LB_MAX_CPUS]; /* env->cpus */
static int new_dst_cpu;

static struct rq *cpu_rq(int cpu)
{
	return &rqs[cpu];
}

static unsigned long capacity_of(int cpu)
{
	return rqs[cpu].cpu_capacity;
}

static int check_cpu_capacity(struct rq *rq, struct sched_domain *sd)
{
	return rq->cpu_capacity * sd->imbalance_pct <
	       rq->cpu_capacity_orig * 100;
}

static bool capacity_greater(unsigned long a, unsigned long b)
{
	return a * 1024 > b * 1078;
}

static bool fits_capacity(unsigned long cap, unsigned long max)
{
	return cap * 1280 < max * 1024;
}

static bool sched_asym_prefer(const struct lb_env *env, int a, int b)
{
	const int32_t *prio = env->e->asym_prio;
	long pa = prio ? prio[a] : -a;
	long pb = prio ? prio[b] : -b;

	return pa > pb;
}

/* v6.19, no SMT */
static bool sched_use_asym_prio(struct sched_domain *sd, int cpu)
{
	(void)cpu;
	return (sd->flags & EAS_SD_ASYM_PACKING) != 0;
}

static bool idle_cpu(const struct lb_env *env, int cpu)
{
	return env->sys->rq[cpu].idle;
}

static bool cpu_active(const struct lb_env *env, int cpu)
{
	return env->sys->rq[cpu].online;
}

/* ------------------------------------------------------------------ */

static int v54_group_has_capacity(struct lb_env *env, struct sg_lb_stats *sgs)
{
	if (sgs->sum_nr_running < sgs->group_weight)
		return 1;
	if ((sgs->group_capacity * 100) >
	    (sgs->group_util * env->sd->imbalance_pct))
		return 1;
	return 0;
}

static int v54_group_is_overloaded(struct lb_env *env, struct sg_lb_stats *sgs)
{
	if (sgs->sum_nr_running <= sgs->group_weight)
		return 0;
	if ((sgs->group_capacity * 100) <
	    (sgs->group_util * env->sd->imbalance_pct))
		return 1;
	return 0;
}

static int v54_group_classify(struct sched_group *group,
			      struct sg_lb_stats *sgs)
{
	if (sgs->group_no_capacity)
		return v54_group_overloaded;
	if (group->imbalance)
		return v54_group_imbalanced;
	if (sgs->group_misfit_task_load)
		return v54_group_misfit_task;
	return v54_group_other;
}

static int v619_group_has_capacity(unsigned int pct, struct sg_lb_stats *sgs)
{
	if (sgs->sum_nr_running < sgs->group_weight)
		return 1;
	if ((sgs->group_capacity * pct) < (sgs->group_runnable * 100))
		return 0;
	if ((sgs->group_capacity * 100) > (sgs->group_util * pct))
		return 1;
	return 0;
}

/* sched_energy_enabled(): the static key, on when a root domain has
 * perf domains (one root domain here) */
static bool sched_energy_enabled(const struct lb_env *env)
{
	return env->sys->pf->eas_possible &&
	       (env->sys->features & EAS_FEAT_ENERGY_AWARE);
}

static int v619_group_is_overloaded(const struct lb_env *env, unsigned int pct,
				    struct sg_lb_stats *sgs)
{
	/* 7.1: with EAS a group is overloaded only if one of its CPUs is
	 * overutilized */
	if (env->v71 && sched_energy_enabled(env) && !sgs->group_overutilized)
		return 0;
	if (sgs->sum_nr_running <= sgs->group_weight)
		return 0;
	if ((sgs->group_capacity * 100) < (sgs->group_util * pct))
		return 1;
	if ((sgs->group_capacity * pct) < (sgs->group_runnable * 100))
		return 1;
	return 0;
}

static int v619_group_classify(const struct lb_env *env, unsigned int pct,
			       struct sched_group *group,
			       struct sg_lb_stats *sgs)
{
	if (v619_group_is_overloaded(env, pct, sgs))
		return v619_group_overloaded;
	if (group->imbalance)
		return v619_group_imbalanced;
	if (sgs->group_asym_packing)
		return v619_group_asym_packing;
	if (sgs->group_smt_balance)
		return v619_group_smt_balance;
	if (sgs->group_misfit_task_load)
		return v619_group_misfit_task;
	if (!v619_group_has_capacity(pct, sgs))
		return v619_group_fully_busy;
	return v619_group_has_spare;
}

static void update_sg_lb_stats(struct lb_env *env, struct sd_lb_stats *sds,
			       struct sched_group *group,
			       struct sg_lb_stats *sgs, bool *sg_overload,
			       bool *sg_overutilized)
{
	const struct eas_system *sys = env->sys;
	int i, nr_running, local_group;

	memset(sgs, 0, sizeof(*sgs));
	local_group = group == sds->local;

	for (i = 0; i < (int)sys->pf->nr_cpus; i++) {
		struct rq *rq;

		if (!group->span[i] || !cpu_active(env, i))
			continue;
		rq = cpu_rq(i);
		if (env->v54) {
			sgs->group_load += rq->s->runnable_load_avg;
			sgs->group_util +=
				eas_cpu_util(sys, (uint32_t)i, NULL, -1, false);
			sgs->sum_nr_running += rq->h_nr_running;
			nr_running = (int)rq->nr_running;
			if (nr_running > 1)
				*sg_overload = true;
			if (eas_cpu_overutilized(sys, (uint32_t)i))
				*sg_overutilized = true;
			if (!nr_running && idle_cpu(env, i))
				sgs->idle_cpus++;
			if (env->sd->flags & EAS_SD_ASYM_CPUCAPACITY &&
			    sgs->group_misfit_task_load <
				    rq->misfit_task_load) {
				sgs->group_misfit_task_load =
					rq->misfit_task_load;
				*sg_overload = true;
			}
			continue;
		}
		{
			unsigned long load = rq->s->load_avg;

			sgs->group_load += load;
			sgs->group_util +=
				eas_cpu_util(sys, (uint32_t)i, NULL, -1, false);
			sgs->group_runnable += rq->s->runnable_avg;
			sgs->sum_h_nr_running += rq->h_nr_runnable;
			nr_running = (int)rq->nr_running;
			sgs->sum_nr_running += (unsigned int)nr_running;
			/* 7.1: sgs->group_overutilized = 1, ORed into
			 * sg_overutilized by update_sd_lb_stats() */
			if (eas_cpu_overutilized(sys, (uint32_t)i)) {
				if (env->v71)
					sgs->group_overutilized = 1;
				else
					*sg_overutilized = true;
			}
			if (!nr_running && idle_cpu(env, i)) {
				sgs->idle_cpus++;
				continue;
			}
			if (!env->sd->has_parent && nr_running > 1)
				*sg_overload = true;
			if (local_group)
				continue;
			if (env->sd->flags & EAS_SD_ASYM_CPUCAPACITY) {
				if (sgs->group_misfit_task_load <
				    rq->misfit_task_load) {
					sgs->group_misfit_task_load =
						rq->misfit_task_load;
					*sg_overload = true;
				}
			} else if (env->idle != CPU_NOT_IDLE &&
				   rq->h_nr_runnable == 1 &&
				   check_cpu_capacity(rq, env->sd)) {
				if (sgs->group_misfit_task_load < load)
					sgs->group_misfit_task_load = load;
			}
		}
	}

	sgs->group_capacity = group->capacity;
	sgs->group_weight = group->group_weight;
	if (env->v54) {
		sgs->avg_load = (sgs->group_load * SCHED_CAPACITY_SCALE) /
				sgs->group_capacity;
		if (sgs->sum_nr_running)
			sgs->load_per_task =
				sgs->group_load / sgs->sum_nr_running;
		sgs->group_no_capacity = v54_group_is_overloaded(env, sgs);
		sgs->group_type = v54_group_classify(group, sgs);
		return;
	}
	if (!local_group && env->idle != CPU_NOT_IDLE &&
	    sgs->sum_h_nr_running &&
	    !((group->flags & EAS_SD_SHARE_CPUCAPACITY) &&
	      (sgs->group_weight - sgs->idle_cpus != 1)) &&
	    sched_use_asym_prio(env->sd, env->dst_cpu) &&
	    sched_asym_prefer(env, env->dst_cpu, group->asym_prefer_cpu))
		sgs->group_asym_packing = 1;
	if (!local_group && env->idle != CPU_NOT_IDLE &&
	    (group->flags & EAS_SD_SHARE_CPUCAPACITY) &&
	    sgs->sum_h_nr_running > 1)
		sgs->group_smt_balance = 1;
	sgs->group_type =
		v619_group_classify(env, env->sd->imbalance_pct, group, sgs);
	if (sgs->group_type == v619_group_overloaded)
		sgs->avg_load = (sgs->group_load * SCHED_CAPACITY_SCALE) /
				sgs->group_capacity;
}

static bool v54_update_sd_pick_busiest(struct lb_env *env,
				       struct sd_lb_stats *sds,
				       struct sched_group *sg,
				       struct sg_lb_stats *sgs)
{
	struct sg_lb_stats *busiest = &sds->busiest_stat;

	if (sgs->group_type == v54_group_misfit_task &&
	    (!fits_capacity(sg->max_capacity, sds->local->max_capacity) ||
	     !v54_group_has_capacity(env, &sds->local_stat)))
		return false;
	if (sgs->group_type > busiest->group_type)
		return true;
	if (sgs->group_type < busiest->group_type)
		return false;
	if (sgs->avg_load <= busiest->avg_load)
		return false;
	if (!(env->sd->flags & EAS_SD_ASYM_CPUCAPACITY))
		goto asym_packing;
	if (sgs->sum_nr_running <= sgs->group_weight &&
	    fits_capacity(sds->local->min_capacity, sg->min_capacity))
		return false;
	if (sgs->group_type == v54_group_misfit_task &&
	    sgs->group_misfit_task_load < busiest->group_misfit_task_load)
		return false;
asym_packing:
	if (!(env->sd->flags & EAS_SD_ASYM_PACKING))
		return true;
	if (env->idle == CPU_NOT_IDLE)
		return true;
	if (sgs->sum_nr_running &&
	    sched_asym_prefer(env, env->dst_cpu, sg->asym_prefer_cpu)) {
		if (!sds->busiest)
			return true;
		if (sched_asym_prefer(env, sds->busiest->asym_prefer_cpu,
				      sg->asym_prefer_cpu))
			return true;
	}
	return false;
}

static bool smt_vs_nonsmt_groups(struct sched_group *a, struct sched_group *b)
{
	if (!a || !b)
		return false;
	return (a->flags & EAS_SD_SHARE_CPUCAPACITY) !=
	       (b->flags & EAS_SD_SHARE_CPUCAPACITY);
}

static bool v619_update_sd_pick_busiest(struct lb_env *env,
					struct sd_lb_stats *sds,
					struct sched_group *sg,
					struct sg_lb_stats *sgs)
{
	struct sg_lb_stats *busiest = &sds->busiest_stat;

	if (!sgs->sum_h_nr_running)
		return false;
	if ((env->sd->flags & EAS_SD_ASYM_CPUCAPACITY) &&
	    sgs->group_type == v619_group_misfit_task &&
	    (!capacity_greater(capacity_of(env->dst_cpu), sg->max_capacity) ||
	     sds->local_stat.group_type != v619_group_has_spare))
		return false;
	if (sgs->group_type > busiest->group_type)
		return true;
	if (sgs->group_type < busiest->group_type)
		return false;
	switch (sgs->group_type) {
	case v619_group_overloaded:
		return sgs->avg_load > busiest->avg_load;
	case v619_group_imbalanced:
		return false;
	case v619_group_asym_packing:
		return sched_asym_prefer(env, sds->busiest->asym_prefer_cpu,
					 sg->asym_prefer_cpu);
	case v619_group_misfit_task:
		return sgs->group_misfit_task_load >
		       busiest->group_misfit_task_load;
	case v619_group_smt_balance:
		if (sgs->idle_cpus != 0 || busiest->idle_cpus != 0)
			goto has_spare;
		/* fall through */
	case v619_group_fully_busy:
		if (sgs->avg_load < busiest->avg_load)
			return false;
		if (sgs->avg_load == busiest->avg_load) {
			if (sds->busiest->flags & EAS_SD_SHARE_CPUCAPACITY)
				return false;
		}
		break;
	case v619_group_has_spare:
		if (smt_vs_nonsmt_groups(sds->busiest, sg)) {
			if (sg->flags & EAS_SD_SHARE_CPUCAPACITY &&
			    sgs->sum_h_nr_running <= 1)
				return false;
			else
				return true;
		}
has_spare:
		if (sgs->idle_cpus > busiest->idle_cpus)
			return false;
		else if ((sgs->idle_cpus == busiest->idle_cpus) &&
			 (sgs->sum_nr_running <= busiest->sum_nr_running))
			return false;
		break;
	}
	if ((env->sd->flags & EAS_SD_ASYM_CPUCAPACITY) &&
	    (sgs->group_type <= v619_group_fully_busy) &&
	    (capacity_greater(sg->min_capacity, capacity_of(env->dst_cpu))))
		return false;
	return true;
}

static void update_sd_lb_stats(struct lb_env *env, struct sd_lb_stats *sds,
			       struct ref_lb_result *out)
{
	struct sched_group *sg = env->sd->groups;
	struct sg_lb_stats *local = &sds->local_stat;
	struct sg_lb_stats tmp_sgs;
	bool sg_overload = false, sg_overutilized = false;
	int prefer_sibling = env->sd->has_child &&
			     (env->sd->child_flags & EAS_SD_PREFER_SIBLING);

	do {
		struct sg_lb_stats *sgs = &tmp_sgs;
		int local_group = sg->span[env->dst_cpu];

		if (local_group) {
			sds->local = sg;
			sgs = local;
		}
		update_sg_lb_stats(env, sds, sg, sgs, &sg_overload,
				   &sg_overutilized);
		if (env->v54) {
			if (local_group)
				goto next_group;
			if (prefer_sibling && sds->local &&
			    v54_group_has_capacity(env, local) &&
			    (sgs->sum_nr_running > local->sum_nr_running + 1)) {
				sgs->group_no_capacity = 1;
				sgs->group_type = v54_group_classify(sg, sgs);
			}
			if (v54_update_sd_pick_busiest(env, sds, sg, sgs)) {
				sds->busiest = sg;
				sds->busiest_stat = *sgs;
			}
		} else {
			if (!local_group &&
			    v619_update_sd_pick_busiest(env, sds, sg, sgs)) {
				sds->busiest = sg;
				sds->busiest_stat = *sgs;
			}
			if (env->v71)
				sg_overutilized |= sgs->group_overutilized;
		}
next_group:
		out->group_first[out->nr_groups] = sg->first;
		out->group_type[out->nr_groups] = sgs->group_type;
		out->group_misfit[out->nr_groups] = sgs->group_misfit_task_load;
		out->group_avg_load[out->nr_groups] = sgs->avg_load;
		out->nr_groups++;
		sds->total_running += sgs->sum_nr_running;
		sds->total_load += sgs->group_load;
		sds->total_capacity += sgs->group_capacity;
		sg = sg->next;
	} while (sg != env->sd->groups);

	if (!env->v54 && sds->busiest)
		sds->prefer_sibling =
			!!(sds->busiest->flags & EAS_SD_PREFER_SIBLING);

	if (!env->sd->has_parent)
		env->overutilized = sg_overutilized;
	else if (sg_overutilized)
		env->overutilized = true;
}

/* ---- v5.4 imbalance -------------------------------------------------- */

static unsigned long cpu_avg_load_per_task(int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long nr_running = rq->h_nr_running;
	unsigned long load_avg = rq->s->runnable_load_avg;

	if (nr_running)
		return load_avg / nr_running;
	return 0;
}

static void fix_small_imbalance(struct lb_env *env, struct sd_lb_stats *sds)
{
	unsigned long tmp, capa_now = 0, capa_move = 0;
	unsigned int imbn = 2;
	unsigned long scaled_busy_load_per_task;
	struct sg_lb_stats *local, *busiest;

	local = &sds->local_stat;
	busiest = &sds->busiest_stat;
	if (!local->sum_nr_running)
		local->load_per_task = cpu_avg_load_per_task(env->dst_cpu);
	else if (busiest->load_per_task > local->load_per_task)
		imbn = 1;
	scaled_busy_load_per_task =
		(busiest->load_per_task * SCHED_CAPACITY_SCALE) /
		busiest->group_capacity;
	if (busiest->avg_load + scaled_busy_load_per_task >=
	    local->avg_load + (scaled_busy_load_per_task * imbn)) {
		env->imbalance = (long)busiest->load_per_task;
		return;
	}
	capa_now += busiest->group_capacity *
		    (busiest->load_per_task < busiest->avg_load ?
			     busiest->load_per_task :
			     busiest->avg_load);
	capa_now +=
		local->group_capacity *
		(local->load_per_task < local->avg_load ? local->load_per_task :
							  local->avg_load);
	capa_now /= SCHED_CAPACITY_SCALE;
	if (busiest->avg_load > scaled_busy_load_per_task) {
		unsigned long d = busiest->avg_load - scaled_busy_load_per_task;

		capa_move +=
			busiest->group_capacity *
			(busiest->load_per_task < d ? busiest->load_per_task :
						      d);
	}
	if (busiest->avg_load * busiest->group_capacity <
	    busiest->load_per_task * SCHED_CAPACITY_SCALE) {
		tmp = (busiest->avg_load * busiest->group_capacity) /
		      local->group_capacity;
	} else {
		tmp = (busiest->load_per_task * SCHED_CAPACITY_SCALE) /
		      local->group_capacity;
	}
	capa_move += local->group_capacity *
		     (local->load_per_task < local->avg_load + tmp ?
			      local->load_per_task :
			      local->avg_load + tmp);
	capa_move /= SCHED_CAPACITY_SCALE;
	if (capa_move > capa_now)
		env->imbalance = (long)busiest->load_per_task;
}

static void v54_calculate_imbalance(struct lb_env *env, struct sd_lb_stats *sds)
{
	unsigned long max_pull, load_above_capacity = ~0UL;
	struct sg_lb_stats *local, *busiest;
	unsigned long a, b;

	local = &sds->local_stat;
	busiest = &sds->busiest_stat;
	if (busiest->group_type == v54_group_imbalanced)
		busiest->load_per_task =
			busiest->load_per_task < sds->avg_load ?
				busiest->load_per_task :
				sds->avg_load;
	if (busiest->group_type != v54_group_misfit_task &&
	    (busiest->avg_load <= sds->avg_load ||
	     local->avg_load >= sds->avg_load)) {
		env->imbalance = 0;
		fix_small_imbalance(env, sds);
		return;
	}
	if (busiest->group_type == v54_group_overloaded &&
	    local->group_type == v54_group_overloaded) {
		load_above_capacity =
			busiest->sum_nr_running * SCHED_CAPACITY_SCALE;
		if (load_above_capacity > busiest->group_capacity) {
			load_above_capacity -= busiest->group_capacity;
			load_above_capacity *= NICE_0_LOAD_DOWN;
			load_above_capacity /= busiest->group_capacity;
		} else
			load_above_capacity = ~0UL;
	}
	max_pull = busiest->avg_load - sds->avg_load;
	if (load_above_capacity < max_pull)
		max_pull = load_above_capacity;
	a = max_pull * busiest->group_capacity;
	b = (sds->avg_load - local->avg_load) * local->group_capacity;
	env->imbalance = (long)((a < b ? a : b) / SCHED_CAPACITY_SCALE);
	if (busiest->group_type == v54_group_misfit_task) {
		if ((long)busiest->group_misfit_task_load > env->imbalance)
			env->imbalance = (long)busiest->group_misfit_task_load;
	}
	if ((unsigned long)env->imbalance < busiest->load_per_task)
		fix_small_imbalance(env, sds);
}

/* ---- v6.19 imbalance ------------------------------------------------- */

static long sibling_imbalance(struct lb_env *env, struct sg_lb_stats *busiest,
			      struct sg_lb_stats *local)
{
	long ncores_busiest = busiest->group_weight;
	long ncores_local = local->group_weight;
	long imbalance;

	if (env->idle == CPU_NOT_IDLE || !busiest->sum_nr_running)
		return 0;
	if (ncores_busiest == ncores_local) {
		imbalance = busiest->sum_nr_running;
		imbalance -= local->sum_nr_running;
		if (imbalance < 0)
			imbalance = 0;
		return imbalance;
	}
	imbalance = ncores_local * busiest->sum_nr_running;
	imbalance -= ncores_busiest * local->sum_nr_running;
	if (imbalance < 0)
		imbalance = 0;
	imbalance = 2 * imbalance + ncores_local + ncores_busiest;
	imbalance /= ncores_local + ncores_busiest;
	if (imbalance <= 1 && local->sum_nr_running == 0 &&
	    busiest->sum_nr_running > 1)
		imbalance = 2;
	return imbalance;
}

static void v619_calculate_imbalance(struct lb_env *env,
				     struct sd_lb_stats *sds)
{
	struct sg_lb_stats *local = &sds->local_stat;
	struct sg_lb_stats *busiest = &sds->busiest_stat;
	unsigned long a, b;

	if (busiest->group_type == v619_group_misfit_task) {
		if (env->sd->flags & EAS_SD_ASYM_CPUCAPACITY) {
			env->migration_type = migrate_misfit;
			env->imbalance = 1;
		} else {
			env->migration_type = migrate_load;
			env->imbalance = (long)busiest->group_misfit_task_load;
		}
		return;
	}
	if (busiest->group_type == v619_group_asym_packing) {
		env->migration_type = migrate_task;
		env->imbalance = busiest->sum_h_nr_running;
		return;
	}
	if (busiest->group_type == v619_group_smt_balance) {
		env->migration_type = migrate_task;
		env->imbalance = 1;
		return;
	}
	if (busiest->group_type == v619_group_imbalanced) {
		env->migration_type = migrate_task;
		env->imbalance = 1;
		return;
	}
	if (local->group_type == v619_group_has_spare) {
		if ((busiest->group_type > v619_group_fully_busy) &&
		    !(env->sd->flags & EAS_SD_SHARE_LLC)) {
			env->migration_type = migrate_util;
			env->imbalance =
				(long)((local->group_capacity >
							local->group_util ?
						local->group_capacity :
						local->group_util) -
				       local->group_util);
			if (env->idle != CPU_NOT_IDLE && env->imbalance == 0) {
				env->migration_type = migrate_task;
				env->imbalance = 1;
			}
			return;
		}
		if (busiest->group_weight == 1 || sds->prefer_sibling) {
			env->migration_type = migrate_task;
			env->imbalance = sibling_imbalance(env, busiest, local);
		} else {
			long d = (long)local->idle_cpus -
				 (long)busiest->idle_cpus;

			env->migration_type = migrate_task;
			env->imbalance = d > 0 ? d : 0;
		}
		env->imbalance >>= 1;
		return;
	}
	if (local->group_type < v619_group_overloaded) {
		local->avg_load = (local->group_load * SCHED_CAPACITY_SCALE) /
				  local->group_capacity;
		if (local->avg_load >= busiest->avg_load) {
			env->imbalance = 0;
			return;
		}
		sds->avg_load = (sds->total_load * SCHED_CAPACITY_SCALE) /
				sds->total_capacity;
		if (local->avg_load >= sds->avg_load) {
			env->imbalance = 0;
			return;
		}
	}
	env->migration_type = migrate_load;
	a = (busiest->avg_load - sds->avg_load) * busiest->group_capacity;
	b = (sds->avg_load - local->avg_load) * local->group_capacity;
	env->imbalance = (long)((a < b ? a : b) / SCHED_CAPACITY_SCALE);
}

static struct sched_group *find_busiest_group(struct lb_env *env,
					      struct ref_lb_result *out)
{
	struct sg_lb_stats *local, *busiest;
	struct sd_lb_stats sds;
	bool eas = env->sys->pf->eas_possible &&
		   (env->sys->features & EAS_FEAT_ENERGY_AWARE);

	memset(&sds, 0, sizeof(sds));
	if (!env->v54) {
		sds.busiest_stat.idle_cpus = UINT_MAX;
		sds.busiest_stat.group_type = v619_group_has_spare;
	}
	update_sd_lb_stats(env, &sds, out);
	local = &sds.local_stat;
	busiest = &sds.busiest_stat;

	if (env->v54) {
		if (eas && !env->overutilized)
			goto out_balanced;
		if ((env->sd->flags & EAS_SD_ASYM_PACKING) &&
		    env->idle != CPU_NOT_IDLE && sds.busiest &&
		    !sched_asym_prefer(env, sds.busiest->asym_prefer_cpu,
				       env->dst_cpu)) {
			env->imbalance = (long)sds.busiest_stat.group_load;
			return sds.busiest;
		}
		if (!sds.busiest || busiest->sum_nr_running == 0)
			goto out_balanced;
		sds.avg_load = (SCHED_CAPACITY_SCALE * sds.total_load) /
			       sds.total_capacity;
		if (busiest->group_type == v54_group_imbalanced)
			goto force_balance;
		if (env->idle != CPU_NOT_IDLE &&
		    v54_group_has_capacity(env, local) &&
		    busiest->group_no_capacity)
			goto force_balance;
		if (busiest->group_type == v54_group_misfit_task)
			goto force_balance;
		if (local->avg_load >= busiest->avg_load)
			goto out_balanced;
		if (local->avg_load >= sds.avg_load)
			goto out_balanced;
		if (env->idle == CPU_IDLE) {
			if ((busiest->group_type != v54_group_overloaded) &&
			    (local->idle_cpus <= (busiest->idle_cpus + 1)))
				goto out_balanced;
		} else {
			if (100 * busiest->avg_load <=
			    env->sd->imbalance_pct * local->avg_load)
				goto out_balanced;
		}
force_balance:
		env->src_grp_type = busiest->group_type;
		v54_calculate_imbalance(env, &sds);
		return env->imbalance ? sds.busiest : NULL;
	}

	if (!sds.busiest)
		goto out_balanced;
	env->src_grp_type = busiest->group_type;
	if (busiest->group_type == v619_group_misfit_task)
		goto force619;
	if (eas && !env->overutilized)
		goto out_balanced;
	if (busiest->group_type == v619_group_asym_packing)
		goto force619;
	if (busiest->group_type == v619_group_imbalanced)
		goto force619;
	if (local->group_type > busiest->group_type)
		goto out_balanced;
	if (local->group_type == v619_group_overloaded) {
		if (local->avg_load >= busiest->avg_load)
			goto out_balanced;
		sds.avg_load = (sds.total_load * SCHED_CAPACITY_SCALE) /
			       sds.total_capacity;
		if (local->avg_load >= sds.avg_load)
			goto out_balanced;
		if (100 * busiest->avg_load <=
		    env->sd->imbalance_pct * local->avg_load)
			goto out_balanced;
	}
	if (sds.prefer_sibling && local->group_type == v619_group_has_spare &&
	    sibling_imbalance(env, busiest, local) > 1)
		goto force619;
	if (busiest->group_type != v619_group_overloaded) {
		if (env->idle == CPU_NOT_IDLE)
			goto out_balanced;
		if (busiest->group_weight > 1 &&
		    local->idle_cpus <= (busiest->idle_cpus + 1))
			goto out_balanced;
		if (busiest->sum_h_nr_running == 1)
			goto out_balanced;
	}
force619:
	v619_calculate_imbalance(env, &sds);
	return env->imbalance ? sds.busiest : NULL;

out_balanced:
	env->imbalance = 0;
	return NULL;
}

static struct rq *find_busiest_queue(struct lb_env *env,
				     struct sched_group *group)
{
	struct rq *busiest = NULL, *rq;
	unsigned long busiest_load = 0, busiest_capacity = 1;
	unsigned long busiest_util = 0;
	unsigned int busiest_nr = 0;
	int i;

	for (i = 0; i < (int)env->sys->pf->nr_cpus; i++) {
		unsigned long capacity, load, util;
		unsigned int nr_running;

		if (!group->span[i] || !cpu_active(env, i))
			continue;
		rq = cpu_rq(i);
		if (env->v54) {
			if (env->src_grp_type == v54_group_misfit_task) {
				if (rq->misfit_task_load > busiest_load) {
					busiest_load = rq->misfit_task_load;
					busiest = rq;
				}
				continue;
			}
			capacity = capacity_of(i);
			if (env->sd->flags & EAS_SD_ASYM_CPUCAPACITY &&
			    capacity_of(env->dst_cpu) < capacity &&
			    rq->nr_running == 1)
				continue;
			load = rq->s->runnable_load_avg;
			if (rq->nr_running == 1 &&
			    load > (unsigned long)env->imbalance &&
			    !check_cpu_capacity(rq, env->sd))
				continue;
			if (load * busiest_capacity > busiest_load * capacity) {
				busiest_load = load;
				busiest_capacity = capacity;
				busiest = rq;
			}
			continue;
		}
		nr_running = rq->h_nr_runnable;
		if (!nr_running)
			continue;
		capacity = capacity_of(i);
		if (env->sd->flags & EAS_SD_ASYM_CPUCAPACITY &&
		    !capacity_greater(capacity_of(env->dst_cpu), capacity) &&
		    nr_running == 1)
			continue;
		if (sched_use_asym_prio(env->sd, i) &&
		    sched_asym_prefer(env, i, env->dst_cpu) && nr_running == 1)
			continue;
		switch (env->migration_type) {
		case migrate_load:
			load = rq->s->load_avg;
			if (nr_running == 1 &&
			    load > (unsigned long)env->imbalance &&
			    !check_cpu_capacity(rq, env->sd))
				break;
			if (load * busiest_capacity > busiest_load * capacity) {
				busiest_load = load;
				busiest_capacity = capacity;
				busiest = rq;
			}
			break;
		case migrate_util:
			util = eas_cpu_util(env->sys, (uint32_t)i, NULL, -1,
					    true);
			if (nr_running <= 1)
				continue;
			if (busiest_util < util) {
				busiest_util = util;
				busiest = rq;
			}
			break;
		case migrate_task:
			if (busiest_nr < nr_running) {
				busiest_nr = nr_running;
				busiest = rq;
			}
			break;
		case migrate_misfit:
			if (rq->misfit_task_load > busiest_load) {
				busiest_load = rq->misfit_task_load;
				busiest = rq;
			}
			break;
		}
	}
	return busiest;
}

/* ---- can_migrate_task ------------------------------------------------ */

static int task_hot(const struct eas_lb_task *t, struct lb_env *env)
{
	const struct eas_task *p = &t->task;
	int64_t delta;
	uint64_t cost = env->e->migration_cost_ns;

	if (p->policy != EAS_POLICY_NORMAL && p->policy != EAS_POLICY_BATCH)
		return 0;
	if (!env->v54 && (env->sd->flags & EAS_SD_SHARE_CPUCAPACITY))
		return 0;
	if ((env->sys->features & EAS_FEAT_CACHE_HOT_BUDDY) &&
	    env->dst_rq->nr_running &&
	    (t->next_buddy || (env->v54 && t->last_buddy)))
		return 1;
	if (cost == UINT64_MAX)
		return 1;
	if (cost == 0)
		return 0;
	delta = (int64_t)(env->src_rq->s->clock_task - p->exec_start);
	return delta < (int64_t)cost;
}

static int can_migrate_task(const struct eas_lb_task *t, struct lb_env *env,
			    int *reason)
{
	const struct eas_task *p = &t->task;
	int tsk_cache_hot;

	if (!env->v54 && t->delayed && env->migration_type != migrate_load) {
		*reason = EAS_CM_DELAYED;
		return 0;
	}
	if (t->throttled) {
		*reason = EAS_CM_THROTTLED;
		return 0;
	}
	if (!env->v54) {
		if (!env->sd->nr_balance_failed && t->ineligible) {
			*reason = EAS_CM_INELIGIBLE;
			return 0;
		}
		if (p->per_cpu_kthread) {
			*reason = EAS_CM_PER_CPU_KTHREAD;
			return 0;
		}
		if (t->blocked) {
			*reason = EAS_CM_BLOCKED;
			return 0;
		}
	}
	if (p->cpus_allowed &&
	    !eas_mask_test(p->cpus_allowed, (uint32_t)env->dst_cpu)) {
		int cpu;

		env->flags |= LBF_SOME_PINNED;
		*reason = EAS_CM_PINNED;
		if (env->idle == CPU_NEWLY_IDLE ||
		    env->flags & (LBF_DST_PINNED | LBF_ACTIVE_LB) ||
		    !env->dst_grp)
			return 0;
		/* cpumask_first_and(dst_grpmask, env->cpus, p->cpus_ptr) */
		for (cpu = 0; cpu < (int)env->sys->pf->nr_cpus; cpu++) {
			if (env->dst_grp->span[cpu] && env_cpus[cpu] &&
			    eas_mask_test(p->cpus_allowed, (uint32_t)cpu)) {
				env->flags |= LBF_DST_PINNED;
				new_dst_cpu = cpu;
				break;
			}
		}
		return 0;
	}
	env->flags &= ~(unsigned int)LBF_ALL_PINNED;
	if (p->is_current) {
		*reason = EAS_CM_RUNNING;
		return 0;
	}
	if (!env->v54 && (env->flags & LBF_ACTIVE_LB)) {
		*reason = EAS_CM_OK;
		return 1;
	}
	tsk_cache_hot = t->numa_hot ? 1 : task_hot(t, env);
	if (tsk_cache_hot <= 0 ||
	    env->sd->nr_balance_failed > env->sd->cache_nice_tries) {
		*reason = EAS_CM_OK;
		return 1;
	}
	*reason = EAS_CM_CACHE_HOT;
	return 0;
}

/* src_rq->cfs_tasks as an array, [0] = head; detach removes, a skip
 * moves the task to the head (list_move(&p->se.group_node, tasks)) */
static int cfs_list[REF_LB_MAX_TASKS];
static int cfs_len;

static void list_move_head(int pos)
{
	int v = cfs_list[pos], i;

	for (i = pos; i > 0; i--)
		cfs_list[i] = cfs_list[i - 1];
	cfs_list[0] = v;
}

static void list_del_at(int pos)
{
	int i;

	for (i = pos; i < cfs_len - 1; i++)
		cfs_list[i] = cfs_list[i + 1];
	cfs_len--;
}

static int detach_tasks(struct lb_env *env, bool *detached_mark)
{
	int detached = 0, reason;
	unsigned long load, util;

	if (env->imbalance <= 0)
		return 0;
	while (cfs_len > 0) {
		const struct eas_lb_task *t;
		int k;

		if (env->idle != CPU_NOT_IDLE && env->src_rq->nr_running <= 1)
			break;
		env->loop++;
		if (env->loop > env->loop_max)
			break;
		k = cfs_list[cfs_len - 1]; /* list_last_entry */
		t = &env->tasks[k];
		if (!can_migrate_task(t, env, &reason))
			goto next;
		if (env->v54) {
			load = t->task.h_load;
			if ((load / 2) > (unsigned long)env->imbalance)
				goto next;
			env->imbalance -= (long)load;
		} else {
			switch (env->migration_type) {
			case migrate_load:
				load = t->task.h_load > 1 ? t->task.h_load : 1;
				/* shr_bound(): shift capped at 63 */
				if ((load >>
				     (env->sd->nr_balance_failed < 63 ?
					      env->sd->nr_balance_failed :
					      63)) >
				    (unsigned long)env->imbalance)
					goto next;
				env->imbalance -= (long)load;
				break;
			case migrate_util:
				util = eas_task_util_est(env->sys, &t->task);
				if ((util >>
				     (env->sd->nr_balance_failed < 63 ?
					      env->sd->nr_balance_failed :
					      63)) >
				    (unsigned long)env->imbalance)
					goto next;
				env->imbalance -= (long)util;
				break;
			case migrate_task:
				env->imbalance--;
				break;
			case migrate_misfit:
				if (eas_task_fits_cpu(env->sys, &t->task,
						      (uint32_t)env->src_cpu))
					goto next;
				env->imbalance = 0;
				break;
			}
		}
		list_del_at(cfs_len - 1); /* detach_task() */
		detached_mark[k] = true;
		env->src_rq->nr_running--;
		detached++;
		if (env->idle == CPU_NEWLY_IDLE && !env->e->no_preemption)
			break;
		if (env->imbalance <= 0)
			break;
		continue;
next:
		list_move_head(cfs_len - 1);
	}
	return detached;
}

static int need_active_balance(struct lb_env *env)
{
	struct sched_domain *sd = env->sd;
	int src = env->src_cpu, dst = env->dst_cpu;
	bool asym = env->idle != CPU_NOT_IDLE &&
		    (sd->flags & EAS_SD_ASYM_PACKING) &&
		    sched_asym_prefer(env, dst, src);
	bool reduced = false;
	unsigned int h = env->v54 ? env->src_rq->h_nr_running :
				    env->src_rq->h_nr_runnable;

	if (env->idle != CPU_NOT_IDLE && h == 1) {
		if (check_cpu_capacity(env->src_rq, sd) &&
		    capacity_of(src) * sd->imbalance_pct <
			    capacity_of(dst) * 100)
			reduced = true;
	}
	if (env->v54) {
		if (asym)
			return EAS_LB_RULE_ASYM_PACKING;
		if (reduced)
			return EAS_LB_RULE_REDUCED_CAPACITY;
		if (env->src_grp_type == v54_group_misfit_task)
			return EAS_LB_RULE_MISFIT;
		if (sd->nr_balance_failed > sd->cache_nice_tries + 2)
			return EAS_LB_RULE_FAILED_BALANCE;
		return EAS_LB_RULE_NONE;
	}
	if (asym)
		return EAS_LB_RULE_ASYM_PACKING;
	if (env->migration_type == migrate_task &&
	    sd->nr_balance_failed > sd->cache_nice_tries + 2)
		return EAS_LB_RULE_FAILED_BALANCE;
	if (reduced)
		return EAS_LB_RULE_REDUCED_CAPACITY;
	if (env->migration_type == migrate_misfit)
		return EAS_LB_RULE_MISFIT;
	return EAS_LB_RULE_NONE;
}

/* ---- building the domain -------------------------------------------- */

static void setup_rqs(const struct eas_system *sys)
{
	uint32_t i;

	for (i = 0; i < sys->pf->nr_cpus; i++) {
		const struct eas_rq *s = &sys->rq[i];

		rqs[i].cpu = (int)i;
		rqs[i].s = s;
		rqs[i].cpu_capacity = eas_capacity_of(sys, i);
		rqs[i].cpu_capacity_orig = eas_arch_capacity(sys, i);
		rqs[i].nr_running = s->nr_running;
		rqs[i].h_nr_running = s->h_nr_running;
		rqs[i].h_nr_runnable =
			s->h_nr_running >= s->h_nr_delayed ?
				s->h_nr_running - s->h_nr_delayed :
				0;
		rqs[i].misfit_task_load = s->misfit_task_load;
	}
}

static int build_domain(struct lb_env *env)
{
	const struct eas_platform *pf = env->sys->pf;
	int dst = env->dst_cpu, n = (int)pf->nr_cpus, l = env->e->level;
	int i, k, ng = 0;
	bool covered[REF_LB_MAX_CPUS];
	struct sched_domain *sd = &sd_mem;
	struct sched_group *prev = NULL;

	if (l < 0) {
		for (l = 0; l < (int)pf->nr_levels; l++)
			if (pf->levels[l].cpu_span[dst] ==
			    pf->levels[l].cpu_span[env->src_cpu])
				break;
	}
	if (l >= (int)pf->nr_levels)
		return -1;
	memset(sd, 0, sizeof(*sd));
	for (i = 0; i < n; i++)
		sd->span[i] = pf->levels[l].cpu_span[i] ==
			      pf->levels[l].cpu_span[dst];
	if (!sd->span[env->src_cpu])
		return -1;
	sd->flags = pf->levels[l].span_flags[pf->levels[l].cpu_span[dst]] |
		    env->e->extra_sd_flags;
	sd->imbalance_pct = pf->levels[l].imbalance_pct;
	sd->cache_nice_tries = pf->levels[l].cache_nice_tries;
	sd->nr_balance_failed = env->e->nr_balance_failed;
	{
		int w = 0, w2;

		for (i = 0; i < n; i++)
			w += sd->span[i];
		for (k = l + 1; k < (int)pf->nr_levels; k++) {
			w2 = 0;
			for (i = 0; i < n; i++)
				w2 += pf->levels[k].cpu_span[i] ==
				      pf->levels[k].cpu_span[dst];
			if (w2 > w)
				sd->has_parent = true;
		}
		if (l > 0) {
			w2 = 0;
			for (i = 0; i < n; i++)
				w2 += pf->levels[l - 1].cpu_span[i] ==
				      pf->levels[l - 1].cpu_span[dst];
			if (w2 > 1) {
				sd->has_child = true;
				sd->child_flags =
					pf->levels[l - 1].span_flags
						[pf->levels[l - 1]
							 .cpu_span[dst]];
			}
		}
	}
	/* build_sched_groups(): for_each_cpu_wrap(i, span, dst) */
	memset(covered, 0, sizeof(covered));
	for (k = 0; k < n; k++) {
		struct sched_group *sg;
		int j, w;

		i = (dst + k) % n;
		if (!sd->span[i] || covered[i])
			continue;
		sg = &groups_mem[ng++];
		memset(sg, 0, sizeof(*sg));
		sg->first = -1;
		for (j = 0; j < n; j++) {
			bool in = l == 0 ?
					  j == i :
					  pf->levels[l - 1].cpu_span[j] ==
						  pf->levels[l - 1].cpu_span[i];

			if (!in)
				continue;
			sg->span[j] = true;
			covered[j] = true;
			if (sg->first < 0)
				sg->first = j;
		}
		sg->flags = 0;
		w = 0;
		for (j = 0; j < n; j++)
			w += sg->span[j];
		if (l > 0 && w > 1)
			sg->flags = pf->levels[l - 1].span_flags
					    [pf->levels[l - 1].cpu_span[i]];
		sg->group_weight = (unsigned int)w;
		sg->min_capacity = ~0UL;
		sg->asym_prefer_cpu = -1;
		for (j = 0; j < n; j++) {
			if (!sg->span[j])
				continue;
			sg->capacity += capacity_of(j);
			if (capacity_of(j) < sg->min_capacity)
				sg->min_capacity = capacity_of(j);
			if (capacity_of(j) > sg->max_capacity)
				sg->max_capacity = capacity_of(j);
			if (sg->asym_prefer_cpu < 0 ||
			    sched_asym_prefer(env, j, sg->asym_prefer_cpu))
				sg->asym_prefer_cpu = j;
		}
		sg->imbalance = env->e->sgc_imbalance &&
				eas_mask_test(env->e->sgc_imbalance,
					      (uint32_t)sg->first);
		if (prev)
			prev->next = sg;
		else
			sd->groups = sg;
		prev = sg;
	}
	prev->next = sd->groups;
	env->sd = sd;
	env->dst_grp = sd->groups;
	return 0;
}

/* map the kernel's per-flavour group type to enum eas_group_type */
static int map_type(bool v54, int t)
{
	static const int m54[] = { EAS_GROUP_OTHER, EAS_GROUP_MISFIT_TASK,
				   EAS_GROUP_IMBALANCED, EAS_GROUP_OVERLOADED };
	static const int m619[] = {
		EAS_GROUP_HAS_SPARE,	EAS_GROUP_FULLY_BUSY,
		EAS_GROUP_MISFIT_TASK,	EAS_GROUP_SMT_BALANCE,
		EAS_GROUP_ASYM_PACKING, EAS_GROUP_IMBALANCED,
		EAS_GROUP_OVERLOADED
	};

	return v54 ? m54[t] : m619[t];
}

int ref_load_balance(const struct eas_system *sys, const struct eas_lb_env *e,
		     struct ref_lb_result *out)
{
	struct lb_env env;
	struct sched_group *busiest;
	struct rq *bq;
	int i, reason, ld_moved;

	memset(out, 0, sizeof(*out));
	if (sys->pf->nr_cpus > REF_LB_MAX_CPUS ||
	    e->nr_src_tasks > REF_LB_MAX_TASKS)
		return -1;
	memset(&env, 0, sizeof(env));
	env.sys = sys;
	env.e = e;
	env.v54 = sys->pf->kernel == EAS_KERNEL_V5_4;
	env.v71 = sys->pf->kernel == EAS_KERNEL_V7_1;
	env.src_cpu = (int)e->src_cpu;
	env.dst_cpu = (int)e->dst_cpu;
	env.idle = e->idle == EAS_LB_IDLE	? CPU_IDLE :
		   e->idle == EAS_LB_NEWLY_IDLE ? CPU_NEWLY_IDLE :
						  CPU_NOT_IDLE;
	env.tasks = e->src_tasks;
	env.nr_tasks = e->src_tasks ? e->nr_src_tasks : 0;
	env.overutilized = sys->rd_overutilized ?
				   sys->rd_overutilized == EAS_RD_OU_SET :
				   eas_is_overutilized(sys);
	setup_rqs(sys);
	env.src_rq = cpu_rq(env.src_cpu);
	env.dst_rq = cpu_rq(env.dst_cpu);
	if (build_domain(&env))
		return -1;

	busiest = find_busiest_group(&env, out);
	out->overutilized = env.overutilized;
	out->busiest_first = -1;
	out->busiest_cpu = -1;
	out->src_grp_type = map_type(env.v54, env.src_grp_type);
	out->migration_type = (int)env.migration_type;
	out->imbalance = env.imbalance;
	if (busiest) {
		out->busiest_first = busiest->first;
		bq = find_busiest_queue(&env, busiest);
		out->busiest_cpu = bq ? bq->cpu : -1;
	}
	for (i = 0; i < out->nr_groups; i++)
		out->group_type[i] = map_type(env.v54, out->group_type[i]);

	/* env->cpus = span(sd) & cpu_active_mask */
	for (i = 0; i < (int)sys->pf->nr_cpus; i++)
		env_cpus[i] = env.sd->span[i] && cpu_active(&env, i);
	/* the regular detach_tasks() can_migrate view */
	for (i = 0; i < (int)env.nr_tasks; i++) {
		env.flags = 0;
		out->cm_ok[i] = can_migrate_task(&env.tasks[i], &env, &reason);
		out->cm_reason[i] = reason;
	}
	/*
	 * load_balance() (v5.4) / sched_balance_rq() (v6.19) from the
	 * find_busiest_group() call on, with its labels. The pass stops being
	 * described when it turns to a busiest CPU other than src_cpu or
	 * redoes the search (out_unknown: the counter is not written).
	 */
	out->nr_balance_failed_after_known = true;
	if (!busiest)
		goto out_balanced;
	if (out->busiest_cpu < 0)
		goto out_balanced;
	if (out->busiest_cpu != env.src_cpu)
		goto out_unknown;
	ld_moved = 0;
	env.flags = LBF_ALL_PINNED;
	if (env.src_rq->nr_running > 1) {
		bool mark[REF_LB_MAX_TASKS];
		struct rq *orig_dst = env.dst_rq;
		int orig_dst_cpu = env.dst_cpu;
		unsigned int orig_nr = env.src_rq->nr_running;

		memset(mark, 0, sizeof(mark));
		cfs_len = (int)env.nr_tasks;
		for (i = 0; i < cfs_len; i++)
			cfs_list[i] = i;
		env.loop_max = env.src_rq->nr_running < 32 ?
				       env.src_rq->nr_running :
				       32;
		env.loop = 0;
more_balance:
		out->nr_detached += detach_tasks(&env, mark);
		if ((env.flags & LBF_DST_PINNED) && env.imbalance > 0) {
			env_cpus[env.dst_cpu] = false;
			env.dst_rq = cpu_rq(new_dst_cpu);
			env.dst_cpu = new_dst_cpu;
			env.flags &= ~(unsigned int)LBF_DST_PINNED;
			env.loop = 0;
			goto more_balance;
		}
		out->all_pinned = (env.flags & LBF_ALL_PINNED) != 0;
		env.dst_rq = orig_dst;
		env.dst_cpu = orig_dst_cpu;
		env.src_rq->nr_running = orig_nr;
		env.imbalance = out->imbalance;
		ld_moved = out->nr_detached;
		if (env.flags & LBF_ALL_PINNED) {
			/* __cpumask_clear_cpu(cpu_of(busiest), cpus); redo
			 * unless cpumask_subset(cpus, env.dst_grpmask) */
			env_cpus[env.src_cpu] = false;
			for (i = 0; i < (int)sys->pf->nr_cpus; i++)
				if (env_cpus[i] && !env.dst_grp->span[i])
					goto out_unknown; /* goto redo */
			goto out_all_pinned;
		}
	}
	if (!ld_moved) {
		out->reached = true;
		if (env.idle != CPU_NEWLY_IDLE &&
		    (env.v54 || env.migration_type != migrate_misfit))
			env.sd->nr_balance_failed++;
		out->nr_balance_failed_seen = env.sd->nr_balance_failed;
		out->rule = need_active_balance(&env);
		if (out->rule) {
			if (e->src_curr_allowed &&
			    !eas_mask_test(e->src_curr_allowed, e->dst_cpu))
				goto out_one_pinned;
			if (env.v54)
				env.sd->nr_balance_failed =
					env.sd->cache_nice_tries + 1;
		}
	} else {
		env.sd->nr_balance_failed = 0;
	}
	goto out;

out_balanced:
out_all_pinned:
	env.sd->nr_balance_failed = 0;
out_one_pinned:
	goto out;
out_unknown:
	out->nr_balance_failed_after_known = false;
out:
	if (!out->reached)
		out->nr_balance_failed_seen = e->nr_balance_failed;
	out->nr_balance_failed_after = env.sd->nr_balance_failed;

	/* active_load_balance_cpu_stop(): detach_one_task(), CPU_IDLE,
	 * LBF_DST_PINNED (v5.4) / LBF_ACTIVE_LB (v6.19); the running task is
	 * preempted by then */
	env.idle = CPU_IDLE;
	env.flags = env.v54 ? LBF_DST_PINNED : LBF_ACTIVE_LB;
	env.migration_type = migrate_load;
	out->detach_one = -1;
	for (i = (int)env.nr_tasks - 1; i >= 0; i--) {
		struct eas_lb_task t = env.tasks[i];

		t.task.is_current = false;
		if (can_migrate_task(&t, &env, &reason)) {
			out->detach_one = i;
			break;
		}
	}
	return 0;
}

uint64_t ref_misfit_task_load(const struct eas_system *sys,
			      const struct eas_task *p, int cpu)
{
	const struct eas_platform *pf = sys->pf;
	unsigned long max_allowed = 0;
	uint32_t i, n = 0;
	bool asym = false;

	for (i = 0; i < pf->nr_cpus; i++)
		if (pf->cpus[i].sd_asym >= 0)
			asym = true;
	if (!asym || !p)
		return 0;
	if (pf->kernel == EAS_KERNEL_V5_4) {
		if (fits_capacity(eas_task_util_est(sys, p),
				  eas_capacity_of(sys, (uint32_t)cpu)))
			return 0;
		return p->h_load;
	}
	for (i = 0; i < pf->nr_cpus; i++) {
		if (p->cpus_allowed && !eas_mask_test(p->cpus_allowed, i))
			continue;
		n++;
		if (pf->cpus[i].capacity > max_allowed)
			max_allowed = pf->cpus[i].capacity;
	}
	if (p->nr_cpus_allowed)
		n = p->nr_cpus_allowed;
	if (p->max_allowed_capacity)
		max_allowed = p->max_allowed_capacity;
	if (n == 1 || pf->cpus[cpu].capacity == max_allowed ||
	    eas_task_fits_cpu(sys, p, (uint32_t)cpu))
		return 0;
	return p->h_load > 1 ? p->h_load : 1;
}

int ref_need_active_balance(const struct eas_system *sys,
			    const struct eas_nab_input *in)
{
	struct lb_env env;
	struct sched_domain sd;
	struct eas_lb_env e;

	setup_rqs(sys);
	memset(&env, 0, sizeof(env));
	memset(&sd, 0, sizeof(sd));
	memset(&e, 0, sizeof(e));
	e.asym_prio = in->asym_prio;
	env.e = &e;
	env.sys = sys;
	env.v54 = sys->pf->kernel == EAS_KERNEL_V5_4;
	env.v71 = sys->pf->kernel == EAS_KERNEL_V7_1;
	env.sd = &sd;
	env.src_cpu = (int)in->src_cpu;
	env.dst_cpu = (int)in->dst_cpu;
	env.src_rq = cpu_rq(env.src_cpu);
	env.idle = in->idle == EAS_LB_NOT_IDLE ? CPU_NOT_IDLE : CPU_IDLE;
	sd.flags = in->sd_flags;
	sd.imbalance_pct = in->imbalance_pct;
	sd.cache_nice_tries = in->cache_nice_tries;
	sd.nr_balance_failed = in->nr_balance_failed;
	env.src_grp_type = in->src_grp_type == EAS_GROUP_MISFIT_TASK ?
				   v54_group_misfit_task :
				   v54_group_other;
	env.migration_type = (enum migration_type)in->migration_type;
	return need_active_balance(&env);
}
