/* SPDX-License-Identifier: MIT */
/*
 * Load balance of both kernel flavours (include/libeas/balance.h,
 * docs/balance.md). Semantics of v5.4 and v6.19 kernel/sched/fair.c;
 * each function names the kernel function it mirrors. No kernel text is
 * reproduced: this is a reimplementation from the documented semantics.
 *
 * Integer types: the kernel's unsigned long is uint64_t, long is int64_t;
 * env->imbalance is a long in both flavours.
 */
#include <libeas/balance.h>
#include <libeas/error.h>

#include "internal.h"
#include "lb_common.h"
#include "sched_util.h"

/* ---------------------------------------------------------------------- */
/* small helpers                                                           */
/* ---------------------------------------------------------------------- */

static bool is_v54(const struct eas_system *sys)
{
	return eas__is_v54(sys); /* a constant of the flavour TU */
}

/* sched_energy_enabled() && rd->pd: EAS runs on this root domain. */
static bool eas_enabled(const struct eas_system *sys)
{
	return sys->pf->eas_possible &&
	       (eas__features(sys) & EAS_FEAT_ENERGY_AWARE) != 0;
}

/* sched_asym_prefer(a, b): arch_asym_cpu_priority(a) > ...(b); the
 * default priority is -cpu (lower CPU ids preferred). */
static bool asym_prefer(const int32_t *prio, uint32_t a, uint32_t b)
{
	int64_t pa = prio ? prio[a] : -(int64_t)a;
	int64_t pb = prio ? prio[b] : -(int64_t)b;

	return pa > pb;
}

/* rq->cfs.h_nr_running (v5.4) / h_nr_runnable = h_nr_queued -
 * h_nr_delayed (v6.19). */
static uint32_t cfs_h_nr_runnable(const struct eas_system *sys, uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];

	if (is_v54(sys))
		return rq->h_nr_running;
	return rq->h_nr_running >= rq->h_nr_delayed ?
		       rq->h_nr_running - rq->h_nr_delayed :
		       0u;
}

static bool cpu_active(const struct eas_system *sys, uint32_t cpu)
{
	return sys->rq[cpu].online;
}

static bool mask_allows(const eas_mask_word *m, uint32_t cpu)
{
	return !m || eas_mask_test(m, cpu);
}

/* ---------------------------------------------------------------------- */
/* Overutilization                                                         */
/* ---------------------------------------------------------------------- */

/*
 * v5.4 fair.c update_overutilized_status() (called from enqueue_task_fair()
 * and task_tick_fair()); v6.19 check_update_overutilized_status().
 * v5.4.0's enqueue_task_fair() tests ENQUEUE_WAKEUP on a flags variable the
 * enqueue loop has overwritten, so a new task's first enqueue also updates
 * the flag (fixed by 8e1ac4299a6e in 5.4.80); v6.19 skips task_new.
 */
static bool eas_overutilized_update(const struct eas_system *sys, uint32_t cpu,
				    enum eas_ou_event ev, bool overutilized)
{
	if (!sys || !sys->pf || cpu >= sys->pf->nr_cpus)
		return overutilized;
	/* v6.19 returns early without EAS; v5.4 has no such test (the flag
	 * is then set but never read: no perf domains) */
	if (!is_v54(sys) && !eas_enabled(sys))
		return overutilized;
	if (ev == EAS_OU_ENQUEUE_NEW && !is_v54(sys))
		return overutilized;
	if (!overutilized && eas_cpu_overutilized(sys, cpu))
		return true;
	return overutilized;
}

/*
 * update_sd_lb_stats() at the root domain (!env->sd->parent): the flag is
 * overwritten with the OR of cpu_overutilized() over the CPUs visited,
 * i.e. every active CPU of the root domain.
 */
static bool eas_overutilized_root_update(const struct eas_system *sys)
{
	uint32_t cpu;
	bool ou = false;

	if (!sys || !sys->pf)
		return false;
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++) {
		if (!cpu_active(sys, cpu))
			continue;
		if (eas_cpu_overutilized(sys, cpu))
			ou = true;
	}
	return ou;
}

/* ---------------------------------------------------------------------- */
/* Misfit                                                                  */
/* ---------------------------------------------------------------------- */

/* Does the platform have an asymmetric-capacity domain
 * (static key sched_asym_cpucapacity)? */
static bool asym_cpucapacity(const struct eas_platform *pf)
{
	uint32_t cpu;

	for (cpu = 0; cpu < pf->nr_cpus; cpu++)
		if (pf->cpus[cpu].sd_asym >= 0)
			return true;
	return false;
}

static uint32_t task_nr_cpus_allowed(const struct eas_platform *pf,
				     const struct eas_task *p)
{
	uint32_t cpu, n = 0;

	if (p->nr_cpus_allowed)
		return p->nr_cpus_allowed;
	if (!p->cpus_allowed)
		return pf->nr_cpus;
	for (cpu = 0; cpu < pf->nr_cpus; cpu++)
		if (eas_mask_test(p->cpus_allowed, cpu))
			n++;
	return n;
}

/*
 * v5.4 fair.c update_misfit_status(): asym key, task_fits_capacity() with
 * capacity_of(), misfit load = task_h_load(p) (may be 0).
 * v6.19 fair.c update_misfit_status(): also 0 for a task with one allowed
 * CPU and on a CPU whose capacity is the task's max_allowed_capacity;
 * misfit load = max(task_h_load(p), 1).
 */
static uint64_t eas_update_misfit_status(const struct eas_system *sys,
					 const struct eas_task *p, uint32_t cpu)
{
	uint64_t mac;

	if (!sys || !sys->pf || cpu >= sys->pf->nr_cpus)
		return 0;
	if (!asym_cpucapacity(sys->pf))
		return 0;
	if (!p)
		return 0;
	if (is_v54(sys)) {
		if (eas_task_fits_cpu(sys, p, cpu))
			return 0;
		return p->h_load;
	}
	if (task_nr_cpus_allowed(sys->pf, p) == 1)
		return 0;
	mac = p->max_allowed_capacity ?
		      p->max_allowed_capacity :
		      eas_task_max_allowed_capacity(sys->pf, p->cpus_allowed);
	if (eas_arch_capacity(sys, cpu) == mac)
		return 0;
	if (eas_task_fits_cpu(sys, p, cpu))
		return 0;
	return p->h_load > 1u ? p->h_load : 1u;
}

/* check_cpu_capacity(rq, sd) (both flavours). */
static bool eas_check_cpu_capacity(const struct eas_system *sys, uint32_t cpu,
				   uint32_t imbalance_pct)
{
	if (!sys || !sys->pf || cpu >= sys->pf->nr_cpus)
		return false;
	return eas_capacity_of(sys, cpu) * imbalance_pct <
	       eas_arch_capacity(sys, cpu) * 100u;
}

/* v5.4 fair.c check_misfit_status(rq, sd); v6.19 check_misfit_status(rq). */
static bool eas_check_misfit_status(const struct eas_system *sys, uint32_t cpu,
				    uint32_t imbalance_pct)
{
	const struct eas_rq *rq;

	if (!sys || !sys->pf || cpu >= sys->pf->nr_cpus)
		return false;
	rq = &sys->rq[cpu];
	if (!is_v54(sys))
		return rq->misfit_task_load != 0;
	return rq->misfit_task_load &&
	       (eas_arch_capacity(sys, cpu) < sys->pf->max_cpu_capacity ||
		eas_check_cpu_capacity(sys, cpu, imbalance_pct));
}

/* Everything one pass needs about env->sd. */
struct lb_sd {
	uint32_t level;
	uint32_t flags;	      /* sd->flags (+ extra) */
	uint32_t child_flags; /* sd->child->flags, 0 without child */
	bool has_child;
	bool is_root; /* !sd->parent */
	uint32_t imbalance_pct;
	uint32_t cache_nice_tries;
	const uint32_t *span; /* CPUs of sd, ascending */
	uint32_t span_len;
};

/* The lowest level of dst's domain walk spanning src (for_each_domain()
 * as load_balance() / active_load_balance_cpu_stop() search it). */
static int32_t level_spanning(const struct eas_platform *pf, uint32_t dst,
			      uint32_t src)
{
	uint32_t l;

	for (l = 0; l < pf->nr_levels; l++)
		if (eas_sd_contains(pf, l, dst, src))
			return (int32_t)l;
	return -1;
}

static int lb_sd_init(const struct eas_system *sys,
		      const struct eas_lb_env *env, struct lb_sd *sd)
{
	const struct eas_platform *pf = sys->pf;
	int32_t lv = env->level;
	uint32_t l, w;

	if (lv < 0)
		lv = level_spanning(pf, env->dst_cpu, env->src_cpu);
	if (lv < 0 || (uint32_t)lv >= pf->nr_levels)
		return EAS_EINVAL;
	l = (uint32_t)lv;
	if (!eas_sd_contains(pf, l, env->dst_cpu, env->src_cpu))
		return EAS_EINVAL;
	sd->level = l;
	sd->flags = eas_sd_flags(pf, l, env->dst_cpu) | env->extra_sd_flags;
	sd->imbalance_pct = pf->levels[l].imbalance_pct;
	sd->cache_nice_tries = pf->levels[l].cache_nice_tries;
	sd->span = eas_sd_span(pf, l, env->dst_cpu, &sd->span_len);
	sd->has_child = false;
	sd->child_flags = 0;
	if (l > 0 && eas__sd_weight(pf, l - 1, env->dst_cpu) > 1) {
		sd->has_child = true;
		sd->child_flags = eas_sd_flags(pf, l - 1, env->dst_cpu);
	}
	w = eas__sd_weight(pf, l, env->dst_cpu);
	sd->is_root = true;
	for (l = sd->level + 1; l < pf->nr_levels; l++)
		if (eas__sd_weight(pf, l, env->dst_cpu) > w)
			sd->is_root = false;
	return EAS_OK;
}

/* CPUs of the group containing cpu: the child level's span, or cpu
 * alone at the lowest level (build_sched_groups()). */
static const uint32_t *group_span(const struct eas_system *sys,
				  const struct lb_sd *sd, const uint32_t *one,
				  uint32_t cpu, uint32_t *nr)
{
	if (sd->level == 0) {
		*nr = 1;
		return one;
	}
	return eas_sd_span(sys->pf, sd->level - 1, cpu, nr);
}

/* sg->flags: the child domain's flags (0 at the lowest level). */
static uint32_t group_flags(const struct eas_system *sys,
			    const struct lb_sd *sd, uint32_t cpu)
{
	if (sd->level == 0)
		return 0;
	if (eas__sd_weight(sys->pf, sd->level - 1, cpu) <= 1)
		return 0;
	return eas_sd_flags(sys->pf, sd->level - 1, cpu);
}

/*
 * Is cpu the first CPU of its group in the order build_sched_groups()
 * visits the domain span (for_each_cpu_wrap starting at dst)? The group
 * list starts with the local group and continues in that order.
 */
static bool group_leader_in_wrap(const uint32_t *g, uint32_t n, uint32_t dst,
				 uint32_t cpu)
{
	uint32_t lo = 0, hi = n;

	/* first CPU of g that is >= dst, else g[0] */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2u;

		if (g[mid] < dst)
			lo = mid + 1u;
		else
			hi = mid;
	}
	return (lo < n ? g[lo] : g[0]) == cpu;
}

/* The CPU of the span at position k of the wrap order from dst. */
static uint32_t wrap_cpu(const struct lb_sd *sd, uint32_t start, uint32_t k)
{
	uint32_t i = start + k;

	if (i >= sd->span_len)
		i -= sd->span_len;
	return sd->span[i];
}

static uint32_t wrap_start(const struct lb_sd *sd, uint32_t dst)
{
	uint32_t i;

	for (i = 0; i < sd->span_len; i++)
		if (sd->span[i] >= dst)
			return i;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* update_sg_lb_stats / group_classify                                     */
/* ---------------------------------------------------------------------- */

struct lb_ctx {
	const struct eas_system *sys;
	const struct eas_lb_env *env;
	struct lb_sd sd;
	bool v54;
	bool sg_overload;
	bool sg_overutilized;
};

/* sgc of a group: capacity = Σ capacity_of, min / max over its CPUs
 * (update_group_capacity() / update_cpu_capacity(), non-NUMA). */
static void group_capacity(const struct eas_system *sys, const uint32_t *g,
			   uint32_t n, struct eas_sg_stats *sgs)
{
	uint64_t sum = 0, min = EAS__U64_MAX, max = 0;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint64_t c = eas_capacity_of(sys, g[i]);

		sum += c;
		min = eas__min_u64(min, c);
		max = eas__max_u64(max, c);
	}
	sgs->group_capacity = sum;
	sgs->min_capacity = n ? min : 0;
	sgs->max_capacity = max;
}

static bool sg_imbalanced(const struct eas_lb_env *env, uint32_t first)
{
	return env->sgc_imbalance && eas_mask_test(env->sgc_imbalance, first);
}

/* sched_group->asym_prefer_cpu: the most preferred CPU of the group
 * (first in ascending order on ties). */
static uint32_t group_asym_prefer_cpu(const struct eas_lb_env *env,
				      const uint32_t *g, uint32_t n)
{
	uint32_t i, best = g[0];

	for (i = 1; i < n; i++)
		if (asym_prefer(env->asym_prio, g[i], best))
			best = g[i];
	return best;
}

/* ---------------------------------------------------------------------- */
/* update_sd_pick_busiest                                                  */
/* ---------------------------------------------------------------------- */

struct sds {
	int32_t busiest; /* group index */
	int32_t local;
	struct eas_sg_stats busiest_stat;
	uint32_t busiest_prefer_cpu; /* asym_prefer_cpu of busiest */
	uint32_t busiest_flags;	     /* sg->flags of busiest */
	uint64_t total_load;
	uint64_t total_capacity;
	uint64_t total_running;
	uint64_t avg_load;
	bool prefer_sibling;
};

/* ---------------------------------------------------------------------- */
/* should_we_balance                                                       */
/* ---------------------------------------------------------------------- */

/*
 * v5.4 / v6.19 fair.c should_we_balance(): dst must be in env->cpus (span
 * & active); newidle: every CPU (v6.19: not if it has a task now); else the
 * first idle CPU of the local group's balance mask (the group span for
 * non-overlapping domains), or group_balance_cpu() = its first CPU.
 */
static bool eas_should_we_balance(const struct eas_system *sys,
				  const struct eas_lb_env *env)
{
	struct lb_sd sd;
	const uint32_t *g;
	uint32_t n, i, one;

	if (!sys || !sys->pf || !sys->rq || !env ||
	    env->dst_cpu >= sys->pf->nr_cpus ||
	    env->src_cpu >= sys->pf->nr_cpus || lb_sd_init(sys, env, &sd))
		return false;
	if (!cpu_active(sys, env->dst_cpu))
		return false;
	if (env->idle == EAS_LB_NEWLY_IDLE)
		return is_v54(sys) || sys->rq[env->dst_cpu].nr_running == 0;
	one = env->dst_cpu;
	g = group_span(sys, &sd, &one, env->dst_cpu, &n);
	for (i = 0; i < n; i++)
		if (cpu_active(sys, g[i]) && eas__idle_cpu(sys, g[i]))
			return g[i] == env->dst_cpu;
	return g[0] == env->dst_cpu;
}

/* ---------------------------------------------------------------------- */
/* Balance intervals                                                       */
/* ---------------------------------------------------------------------- */

#define MAX_PINNED_INTERVAL 512u

/* msecs_to_jiffies(): rounds up (HZ dividing 1000, or a multiple of it;
 * other HZ values by the exact ceiling of m * HZ / 1000). */
static uint64_t msecs_to_jiffies(uint64_t m, uint64_t hz)
{
	if (1000u % hz == 0)
		return (m + 1000u / hz - 1u) / (1000u / hz);
	if (hz % 1000u == 0)
		return m * (hz / 1000u);
	return (m * hz + 999u) / 1000u;
}

/* v5.4 / v6.19 fair.c get_sd_balance_interval(), max_load_balance_interval
 * = HZ * num_online_cpus() / 10 (update_max_interval()). */
static uint64_t eas_lb_interval_jiffies(const struct eas_system *sys,
					const struct eas_lb_env *env,
					uint32_t balance_interval_ms,
					bool cpu_busy)
{
	struct lb_sd sd;
	uint64_t hz, interval, max;
	uint32_t cpu, online = 0;

	if (!sys || !sys->pf || !sys->rq || !env ||
	    env->dst_cpu >= sys->pf->nr_cpus ||
	    env->src_cpu >= sys->pf->nr_cpus || lb_sd_init(sys, env, &sd))
		return 1;
	hz = eas__hz(sys);
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
		if (sys->rq[cpu].online)
			online++;
	max = hz * online / 10u;
	interval = balance_interval_ms;
	if (cpu_busy)
		interval *= sys->pf->levels[sd.level].busy_factor;
	interval = msecs_to_jiffies(interval, hz);
	if (cpu_busy && !is_v54(sys))
		interval -= 1u; /* unsigned long: 0 wraps, then clamped */
	if (interval > max)
		interval = max;
	if (interval < 1u)
		interval = 1u;
	return interval;
}

/* The balance_interval update at the end of load_balance() /
 * sched_balance_rq() for the outcome in res. */
static uint32_t eas_lb_balance_interval_after(const struct eas_system *sys,
					      const struct eas_lb_env *env,
					      const struct eas_lb_result *res,
					      uint32_t balance_interval_ms)
{
	struct lb_sd sd;
	uint32_t min, max, bi = balance_interval_ms;
	bool v54, all_pinned, active_balance, voluntary;

	if (!sys || !sys->pf || !sys->rq || !env || !res ||
	    env->dst_cpu >= sys->pf->nr_cpus ||
	    env->src_cpu >= sys->pf->nr_cpus || lb_sd_init(sys, env, &sd))
		return balance_interval_ms;
	v54 = is_v54(sys);
	min = sd.span_len;
	max = 2u * sd.span_len;
	if (res->nr_detached || (res->reached && !res->kick_pinned)) {
		/* unbalanced: tasks moved, or the active-balance step */
		active_balance = res->kick;
		voluntary = res->rule != EAS_LB_RULE_NONE &&
			    res->rule != EAS_LB_RULE_FAILED_BALANCE;
		if (!active_balance ||
		    (v54 ? voluntary : res->need_active_balance))
			return min;
		if (bi < max) /* v5.4: back off after a forced kick */
			bi *= 2u;
		return bi;
	}
	/* out_balanced / out_all_pinned / out_one_pinned */
	if (env->idle == EAS_LB_NEWLY_IDLE)
		return bi;
	if (!v54 && res->busiest_group >= 0 &&
	    res->migration_type == EAS_MIGRATE_MISFIT)
		return bi;
	if (res->kick_pinned)
		/* v5.4 sets LBF_ALL_PINNED; v6.19 keeps it when no task was
		 * examined (busiest ran a single task) */
		all_pinned = v54 || sys->rq[env->src_cpu].nr_running <= 1u;
	else
		all_pinned = res->all_pinned;
	if ((all_pinned && bi < MAX_PINNED_INTERVAL) || bi < max)
		bi *= 2u;
	return bi;
}

/* ---------------------------------------------------------------------- */
/* need_active_balance                                                     */
/* ---------------------------------------------------------------------- */

/*
 * v5.4 fair.c need_active_balance() = voluntary_active_balance()
 * (asym_active_balance, reduced capacity, misfit group) || failures >
 * cache_nice_tries + 2.
 * v6.19 fair.c need_active_balance(): asym_active_balance,
 * imbalanced_active_balance (failures, migrate_task only), reduced
 * capacity, migrate_misfit.
 */
static enum eas_lb_rule eas_need_active_balance(const struct eas_system *sys,
						const struct eas_nab_input *in)
{
	bool idle, asym, reduced;
	uint32_t src, dst;

	if (!sys || !sys->pf || !in || in->src_cpu >= sys->pf->nr_cpus ||
	    in->dst_cpu >= sys->pf->nr_cpus)
		return EAS_LB_RULE_NONE;
	src = in->src_cpu;
	dst = in->dst_cpu;
	idle = in->idle != EAS_LB_NOT_IDLE;
	/* asym_active_balance(); v6.19 sched_use_asym_prio() without SMT */
	asym = idle && (in->sd_flags & EAS_SD_ASYM_PACKING) &&
	       asym_prefer(in->asym_prio, dst, src);
	reduced = idle && cfs_h_nr_runnable(sys, src) == 1 &&
		  eas_check_cpu_capacity(sys, src, in->imbalance_pct) &&
		  eas_capacity_of(sys, src) * in->imbalance_pct <
			  eas_capacity_of(sys, dst) * 100u;

	if (is_v54(sys)) {
		if (asym)
			return EAS_LB_RULE_ASYM_PACKING;
		if (reduced)
			return EAS_LB_RULE_REDUCED_CAPACITY;
		if (in->src_grp_type == EAS_GROUP_MISFIT_TASK)
			return EAS_LB_RULE_MISFIT;
		if (in->nr_balance_failed > in->cache_nice_tries + 2u)
			return EAS_LB_RULE_FAILED_BALANCE;
		return EAS_LB_RULE_NONE;
	}
	if (asym)
		return EAS_LB_RULE_ASYM_PACKING;
	if (in->migration_type == EAS_MIGRATE_TASK &&
	    in->nr_balance_failed > in->cache_nice_tries + 2u)
		return EAS_LB_RULE_FAILED_BALANCE;
	if (reduced)
		return EAS_LB_RULE_REDUCED_CAPACITY;
	if (in->migration_type == EAS_MIGRATE_MISFIT)
		return EAS_LB_RULE_MISFIT;
	return EAS_LB_RULE_NONE;
}

/* ---------------------------------------------------------------------- */
/* can_migrate_task / task_hot / detach                                    */
/* ---------------------------------------------------------------------- */

/* Arguments of one can_migrate_task() call. */
struct cm_args {
	const struct eas_system *sys;
	const struct eas_lb_env *env;
	const struct eas_lb_task *list;
	uint32_t nr;
	struct lb_sd sd;
	enum eas_lb_idle idle;
	uint32_t nr_balance_failed;
	uint32_t lbf;
	enum eas_migration_type mt;
	bool ignore_running; /* the mechanism's thread runs on src */
	/* LBF_DST_PINNED retries: CPUs cleared from env->cpus, and the
	 * balancing CPU whose local group is dst_grpmask */
	const uint32_t *tried;
	uint32_t ntried;
	uint32_t grp_cpu;
};

/* v5.4 / v6.19 fair.c task_hot(p, env) */
static int task_hot(const struct cm_args *a, const struct eas_lb_task *t)
{
	const struct eas_task *p = &t->task;
	uint64_t cost = a->env->migration_cost_ns;
	int64_t delta;

	if (p->policy != EAS_POLICY_NORMAL && p->policy != EAS_POLICY_BATCH)
		return 0; /* not fair class, or SCHED_IDLE */
	if (!is_v54(a->sys) && (a->sd.flags & EAS_SD_SHARE_CPUCAPACITY))
		return 0; /* v6.19: SMT siblings share the cache */
	if ((eas__features(a->sys) & EAS_FEAT_CACHE_HOT_BUDDY) &&
	    a->sys->rq[a->env->dst_cpu].nr_running &&
	    (t->next_buddy || (is_v54(a->sys) && t->last_buddy)))
		return 1;
	if (cost == EAS_MIGRATION_COST_ALWAYS_HOT)
		return 1;
	if (cost == 0)
		return 0;
	/* s64 delta = rq_clock_task(src) - p->se.exec_start */
	delta = (int64_t)(a->sys->rq[a->env->src_cpu].clock_task -
			  p->exec_start);
	return delta < (int64_t)cost;
}

/* dst_grpmask ∩ env->cpus ∩ p->cpus_ptr, first CPU (the new_dst_cpu of
 * LBF_DST_PINNED): the local group of the domain. */
static int32_t new_dst_cpu(const struct cm_args *a, const struct eas_task *p)
{
	uint32_t one = a->grp_cpu, n, i, j;
	const uint32_t *g = group_span(a->sys, &a->sd, &one, a->grp_cpu, &n);

	for (i = 0; i < n; i++) {
		bool cleared = false;

		for (j = 0; j < a->ntried; j++)
			if (a->tried[j] == g[i])
				cleared = true;
		if (!cleared && cpu_active(a->sys, g[i]) &&
		    eas__cpu_allowed(p, g[i]))
			return (int32_t)g[i];
	}
	return -1;
}

/* v5.4 fair.c can_migrate_task() (5.4.0: no per-CPU kthread test);
 * v6.19 fair.c can_migrate_task(). */
static void can_migrate(const struct cm_args *a, uint32_t i,
			struct eas_can_migrate *o)
{
	const struct eas_lb_task *t = &a->list[i];
	const struct eas_task *p = &t->task;
	bool v54 = is_v54(a->sys);
	int hot;

	o->ok = false;
	o->reason = EAS_CM_OK;
	o->hot = -1;
	o->cache_hot_ignored = false;
	o->new_dst_cpu = -1;
	o->detached = false;

	if (!v54 && t->delayed && a->mt != EAS_MIGRATE_LOAD) {
		o->reason = EAS_CM_DELAYED;
		return;
	}
	if (t->throttled) {
		o->reason = EAS_CM_THROTTLED;
		return;
	}
	if (!v54) {
		if (!a->nr_balance_failed && t->ineligible) {
			o->reason = EAS_CM_INELIGIBLE;
			return;
		}
		if (p->per_cpu_kthread) {
			o->reason = EAS_CM_PER_CPU_KTHREAD;
			return;
		}
		if (t->blocked) {
			o->reason = EAS_CM_BLOCKED;
			return;
		}
	}
	if (!eas__cpu_allowed(p, a->env->dst_cpu)) {
		o->reason = EAS_CM_PINNED;
		if (a->idle == EAS_LB_NEWLY_IDLE ||
		    (a->lbf & (EAS_LBF_DST_PINNED | EAS_LBF_ACTIVE_LB)))
			return;
		o->new_dst_cpu = new_dst_cpu(a, p);
		return;
	}
	if (p->is_current && !a->ignore_running) {
		o->reason = EAS_CM_RUNNING;
		return;
	}
	if (!v54 && (a->lbf & EAS_LBF_ACTIVE_LB)) {
		o->ok = true;
		return;
	}
	/* migrate_degrades_locality(): NUMA is not modelled unless stated */
	hot = t->numa_hot ? 1 : task_hot(a, t);
	o->hot = (int8_t)hot;
	if (!hot || a->nr_balance_failed > a->sd.cache_nice_tries) {
		o->ok = true;
		o->cache_hot_ignored = hot != 0;
		return;
	}
	o->reason = EAS_CM_CACHE_HOT;
}

static void cm_args_init(struct cm_args *a, const struct eas_system *sys,
			 const struct eas_lb_env *env, const struct lb_sd *sd)
{
	a->sys = sys;
	a->env = env;
	a->list = env->src_tasks;
	a->nr = env->src_tasks ? env->nr_src_tasks : 0;
	a->sd = *sd;
	a->idle = env->idle;
	a->nr_balance_failed = env->nr_balance_failed;
	a->lbf = 0;
	a->mt = EAS_MIGRATE_LOAD;
	a->ignore_running = false;
	a->tried = NULL;
	a->ntried = 0;
	a->grp_cpu = env->dst_cpu;
}

static bool env_ok(const struct eas_system *sys, const struct eas_lb_env *env)
{
	return sys && sys->pf && sys->rq && env &&
	       env->src_cpu < sys->pf->nr_cpus &&
	       env->dst_cpu < sys->pf->nr_cpus &&
	       env->src_cpu != env->dst_cpu &&
	       (env->src_tasks || !env->nr_src_tasks);
}

static void eas_can_migrate_task(const struct eas_system *sys,
				 const struct eas_lb_env *env, uint32_t i,
				 enum eas_lb_idle idle,
				 uint32_t nr_balance_failed, uint32_t lbf_flags,
				 struct eas_can_migrate *out)
{
	struct cm_args a;
	struct lb_sd sd;

	if (!out)
		return;
	*out = (struct eas_can_migrate){ 0 };
	out->hot = -1;
	out->new_dst_cpu = -1;
	if (!env_ok(sys, env) || i >= env->nr_src_tasks ||
	    lb_sd_init(sys, env, &sd))
		return;
	cm_args_init(&a, sys, env, &sd);
	a.idle = idle;
	a.nr_balance_failed = nr_balance_failed;
	a.lbf = lbf_flags;
	can_migrate(&a, i, out);
}

static int eas_task_hot(const struct eas_system *sys,
			const struct eas_lb_env *env, uint32_t i)
{
	struct cm_args a;
	struct lb_sd sd;

	if (!env_ok(sys, env) || i >= env->nr_src_tasks ||
	    lb_sd_init(sys, env, &sd))
		return EAS_EINVAL;
	cm_args_init(&a, sys, env, &sd);
	return task_hot(&a, &env->src_tasks[i]);
}

/* fair.c detach_one_task(): reverse walk of cfs_tasks (tail first). */
static int32_t detach_one(const struct cm_args *a)
{
	struct eas_can_migrate o;
	uint32_t k;

	for (k = a->nr; k-- > 0;) {
		can_migrate(a, k, &o);
		if (o.ok)
			return (int32_t)k;
	}
	return -1;
}

/* The flags the flavour's active_load_balance_cpu_stop() detaches with. */
static uint32_t stopper_lbf(const struct eas_system *sys)
{
	return is_v54(sys) ? EAS_LBF_DST_PINNED : EAS_LBF_ACTIVE_LB;
}

static int eas_detach_one_task(const struct eas_system *sys,
			       const struct eas_lb_env *env, uint32_t lbf_flags,
			       int32_t *task)
{
	struct cm_args a;
	struct lb_sd sd;

	if (task)
		*task = -1;
	if (!task || !env_ok(sys, env) || lb_sd_init(sys, env, &sd))
		return EAS_EINVAL;
	cm_args_init(&a, sys, env, &sd);
	a.idle = EAS_LB_IDLE;
	a.lbf = lbf_flags;
	*task = detach_one(&a);
	return 0;
}

/* sysctl_sched_nr_migrate (default 32) */
#define SCHED_NR_MIGRATE 32u

/* Bounds of the LBF_DST_PINNED retries modelled without allocation. */
#define LB_MAX_DST_RETRY 16u
#define LB_MAX_DETACHED 64u

/* State of detach_tasks() across load_balance()'s more_balance retries. */
struct detach_state {
	int64_t imbalance;
	uint32_t src_nr;   /* src_rq->nr_running */
	uint32_t loop_max; /* min(sysctl_sched_nr_migrate, nr_running) */
	uint32_t cursor;   /* list tail: next index to examine */
	uint32_t nr_det;
	uint32_t det[LB_MAX_DETACHED];
	uint32_t tried[LB_MAX_DST_RETRY];
	uint32_t ntried;
	bool all_pinned; /* LBF_ALL_PINNED */
};

static bool is_detached(const struct detach_state *ds, uint32_t k)
{
	uint32_t i;

	for (i = 0; i < ds->nr_det; i++)
		if (ds->det[i] == k)
			return true;
	return false;
}

/*
 * One fair.c detach_tasks() call. cfs_tasks is examined from the tail;
 * a skipped task is moved to the head, so the walk is cyclic over the
 * indices in descending order and a later call (after a retry) continues
 * where this one stopped. Returns the number detached; *new_dst receives
 * the LBF_DST_PINNED candidate (-1 none).
 */
static uint32_t detach_tasks_once(struct cm_args *a, struct detach_state *ds,
				  struct eas_can_migrate *cm, int32_t *new_dst)
{
	const struct eas_system *sys = a->sys;
	uint32_t loop = 0, detached = 0, live, k;
	bool v54 = is_v54(sys);

	*new_dst = -1;
	live = a->nr - ds->nr_det;
	if (ds->imbalance <= 0 || !live)
		return 0;
	while (live) {
		const struct eas_lb_task *t;
		struct eas_can_migrate o;
		uint64_t load, util;

		if (a->idle != EAS_LB_NOT_IDLE && ds->src_nr <= 1)
			break;
		if (++loop > ds->loop_max)
			break;
		while (is_detached(ds, ds->cursor))
			ds->cursor = ds->cursor ? ds->cursor - 1 : a->nr - 1;
		k = ds->cursor;
		ds->cursor = k ? k - 1 : a->nr - 1;
		t = &a->list[k];
		can_migrate(a, k, &o);
		if (o.ok || o.reason == EAS_CM_RUNNING ||
		    o.reason == EAS_CM_CACHE_HOT)
			ds->all_pinned = false; /* passed the affinity test */
		if (o.new_dst_cpu >= 0 && *new_dst < 0) {
			*new_dst = o.new_dst_cpu; /* LBF_DST_PINNED */
			a->lbf |= EAS_LBF_DST_PINNED;
		}
		if (!o.ok)
			continue;
		if (v54) {
			load = t->task.h_load;
			if (load / 2u > (uint64_t)ds->imbalance)
				continue;
			ds->imbalance -= (int64_t)load;
		} else {
			switch (a->mt) {
			case EAS_MIGRATE_LOAD:
				load = t->task.h_load > 1u ? t->task.h_load :
							     1u;
				/* shr_bound(load, nr_balance_failed) */
				if ((load >> (a->nr_balance_failed < 63u ?
						      a->nr_balance_failed :
						      63u)) >
				    (uint64_t)ds->imbalance)
					continue;
				ds->imbalance -= (int64_t)load;
				break;
			case EAS_MIGRATE_UTIL:
				util = eas_task_util_est(sys, &t->task);
				if ((util >> (a->nr_balance_failed < 63u ?
						      a->nr_balance_failed :
						      63u)) >
				    (uint64_t)ds->imbalance)
					continue;
				ds->imbalance -= (int64_t)util;
				break;
			case EAS_MIGRATE_TASK:
				ds->imbalance--;
				break;
			case EAS_MIGRATE_MISFIT:
				if (eas_task_fits_cpu(sys, &t->task,
						      a->env->src_cpu))
					continue;
				ds->imbalance = 0;
				break;
			}
		}
		if (ds->nr_det >= LB_MAX_DETACHED)
			break; /* model bound, see docs/balance.md */
		ds->det[ds->nr_det++] = k;
		live--;
		detached++;
		ds->src_nr--;
		if (cm)
			cm[k].detached = true;
		/* CONFIG_PREEMPTION: newidle stops after one task */
		if (a->idle == EAS_LB_NEWLY_IDLE && !a->env->no_preemption)
			break;
		if (ds->imbalance <= 0)
			break;
	}
	return detached;
}

/* detach_tasks()'s state, env and arguments: in the load-balance scratch
 * (struct lb_scratch) */
struct detach_scratch {
	struct detach_state ds;
	struct eas_lb_env e;
	struct cm_args a;
};

/*
 * load_balance()'s detach part for src_rq with nr_running > 1:
 * detach_tasks(), then while LBF_DST_PINNED and imbalance remains, again
 * towards new_dst_cpu (another CPU of the local group that a pinned task
 * allows; the previous dst is cleared from env->cpus). Returns the
 * number of tasks detached (ld_moved != 0) and LBF_ALL_PINNED.
 */
static uint32_t detach_tasks(const struct cm_args *a0, int64_t imbalance,
			     struct eas_can_migrate *cm, bool *all_pinned,
			     struct detach_scratch *w)
{
	struct detach_state *ds = &w->ds;
	struct eas_lb_env *e = &w->e;
	struct cm_args *a = &w->a;
	uint32_t total = 0;
	int32_t nd;

	*e = *a0->env;
	*a = *a0;
	ds->imbalance = imbalance;
	ds->src_nr = a0->sys->rq[e->src_cpu].nr_running;
	ds->loop_max =
		ds->src_nr < SCHED_NR_MIGRATE ? ds->src_nr : SCHED_NR_MIGRATE;
	ds->cursor = a->nr ? a->nr - 1 : 0;
	ds->nr_det = 0;
	ds->ntried = 0;
	ds->all_pinned = true;
	a->env = e;
	a->tried = ds->tried;
	for (;;) {
		a->ntried = ds->ntried;
		a->lbf &= ~EAS_LBF_DST_PINNED;
		total += detach_tasks_once(a, ds, cm, &nd);
		if (nd < 0 || ds->imbalance <= 0 ||
		    ds->ntried >= LB_MAX_DST_RETRY)
			break;
		ds->tried[ds->ntried++] = e->dst_cpu;
		e->dst_cpu = (uint32_t)nd;
	}
	*all_pinned = ds->all_pinned;
	return total;
}

/* ---------------------------------------------------------------------- */
/* The pass                                                                */
/* ---------------------------------------------------------------------- */

static void balanced(struct eas_lb_result *res, enum eas_lb_balanced why)
{
	res->balanced = why;
	res->imbalance = 0;
}

/*
 * LBF_ALL_PINNED after detach_tasks(): load_balance() / sched_balance_rq()
 * clear the busiest CPU from env->cpus (span of sd & cpu_active_mask) and
 * goto redo if a CPU outside env->dst_grpmask (the local group; the CPUs
 * an LBF_DST_PINNED retry cleared are in it) remains, else goto
 * out_all_pinned. True for the redo.
 */
static bool all_pinned_redo(const struct lb_ctx *c,
			    const struct eas_lb_env *env)
{
	uint32_t k, cpu;

	for (k = 0; k < c->sd.span_len; k++) {
		cpu = c->sd.span[k];
		if (cpu == env->src_cpu || !cpu_active(c->sys, cpu))
			continue;
		if (c->sd.level == 0 ?
			    cpu != env->dst_cpu :
			    !eas_sd_contains(c->sys->pf, c->sd.level - 1u,
					     env->dst_cpu, cpu))
			return true;
	}
	return false;
}

/*
 * The flavour's load-balance statistics and decisions (v5_4/lb_stats.c,
 * v5_4/lb_decide.c, v6_19/lb_stats.c, v6_19/lb_decide.c), under the kernel
 * names; load_balance() below is shared.
 */
static bool group_has_capacity(uint32_t pct, const struct eas_sg_stats *s);
static enum eas_group_type group_classify(const struct lb_ctx *c,
					  const struct eas_sg_stats *s);
static void update_sg_lb_stats(struct lb_ctx *c, const uint32_t *g, uint32_t n,
			       struct eas_sg_stats *s);
static bool update_sd_pick_busiest(const struct lb_ctx *c,
				   const struct sds *sds,
				   const struct eas_sg_stats *local,
				   const struct eas_sg_stats *sgs,
				   uint32_t prefer_cpu, uint32_t sg_flags);
static int32_t find_busiest_group(struct lb_ctx *c, struct sds *sds,
				  struct eas_sg_stats *local,
				  struct eas_lb_result *res);
static int32_t find_busiest_queue(const struct lb_ctx *c, const uint32_t *g,
				  uint32_t n, const struct eas_lb_result *res);

/* the group statistics of one load_balance() pass: in sys->scratch or on
 * the stack of load_balance_onstack() */
struct lb_scratch {
	union {
		/* update_sd_lb_stats() .. find_busiest_group() */
		struct {
			struct sds sds;
			struct eas_sg_stats local, tmp;
		} g;
		/* detach_tasks(), after the groups are done with */
		struct detach_scratch d;
	} u;
};
EAS__SCRATCH_FITS(struct lb_scratch);

static int load_balance_body(const struct eas_system *sys,
			     const struct eas_lb_env *env,
			     struct eas_sg_stats *groups, uint32_t max_groups,
			     struct eas_can_migrate *cm,
			     struct eas_lb_result *res, struct lb_scratch *scr)
{
	struct lb_ctx c;
	struct sds *sds = &scr->u.g.sds;
	struct eas_sg_stats *local = &scr->u.g.local, *tmp = &scr->u.g.tmp;
	struct cm_args a;
	struct eas_nab_input nab;
	const uint32_t *busiest_g = NULL;
	uint32_t busiest_n = 0, start, k, ng = 0, busiest_one = 0;
	int32_t bg;
	int err;

	if (!res)
		return EAS_EINVAL;
	*res = (struct eas_lb_result){ 0 };
	if (!env_ok(sys, env) || (!groups && max_groups))
		return EAS_EINVAL;
	c.sys = sys;
	c.env = env;
	c.v54 = is_v54(sys);
	c.sg_overload = false;
	c.sg_overutilized = false;
	err = lb_sd_init(sys, env, &c.sd);
	if (err)
		return err;

	res->level = (int32_t)c.sd.level;
	res->imbalance_pct = c.sd.imbalance_pct;
	res->cache_nice_tries = c.sd.cache_nice_tries;
	res->sd_flags = c.sd.flags;
	res->overutilized_before =
		sys->rd_overutilized ? sys->rd_overutilized == EAS_RD_OU_SET :
				       eas_is_overutilized(sys);
	res->local_group = -1;
	res->busiest_group = -1;
	res->busiest_cpu = -1;
	res->detach_one_index = -1;
	res->misfit_task_load = sys->rq[env->src_cpu].misfit_task_load;
	res->groups = groups;
	res->can_migrate = cm;

	/* update_sd_lb_stats(): groups in build order, local first */
	/* init_sd_lb_stats(): v6.19 busiest_stat starts as has_spare with
	 * idle_cpus UINT_MAX; v5.4 as group_other, all zero */
	*sds = (struct sds){ 0 };
	sds->busiest = -1;
	sds->local = -1;
	if (!c.v54) {
		sds->busiest_stat.group_type = EAS_GROUP_HAS_SPARE;
		sds->busiest_stat.idle_cpus = UINT32_MAX;
	}
	*local = (struct eas_sg_stats){ 0 };
	start = wrap_start(&c.sd, env->dst_cpu);
	for (k = 0; k < c.sd.span_len; k++) {
		uint32_t cpu = wrap_cpu(&c.sd, start, k), n, one = cpu;
		const uint32_t *g = group_span(sys, &c.sd, &one, cpu, &n);
		struct eas_sg_stats *sgs;
		uint32_t prefer, gflags;
		bool pick;

		if (!group_leader_in_wrap(g, n, env->dst_cpu, cpu))
			continue;
		if (groups && ng >= max_groups)
			return EAS_ENOSPC;
		sgs = (ng == 0) ? local : tmp;
		update_sg_lb_stats(&c, g, n, sgs);
		prefer = group_asym_prefer_cpu(env, g, n);
		gflags = group_flags(sys, &c.sd, cpu);
		if (sgs->local) {
			sds->local = (int32_t)ng;
		} else {
			if (c.v54 && c.sd.has_child &&
			    (c.sd.child_flags & EAS_SD_PREFER_SIBLING) &&
			    group_has_capacity(c.sd.imbalance_pct, local) &&
			    sgs->sum_nr_running > local->sum_nr_running + 1u) {
				sgs->group_no_capacity = true;
				sgs->group_type = group_classify(&c, sgs);
			}
			pick = update_sd_pick_busiest(&c, sds, local, sgs,
						      prefer, gflags);
			if (pick) {
				sds->busiest = (int32_t)ng;
				sds->busiest_stat = *sgs;
				sds->busiest_prefer_cpu = prefer;
				sds->busiest_flags = gflags;
				busiest_g = g;
				busiest_n = n;
				if (n == 1) {
					busiest_one = cpu;
					busiest_g = &busiest_one;
				}
			}
		}
		sds->total_running += sgs->sum_nr_running;
		sds->total_load += sgs->group_load;
		sds->total_capacity += sgs->group_capacity;
		if (groups)
			groups[ng] = *sgs;
		ng++;
	}
	res->nr_groups = ng;
	res->local_group = sds->local;
	if (!c.v54 && sds->busiest >= 0)
		sds->prefer_sibling =
			(sds->busiest_flags & EAS_SD_PREFER_SIBLING) != 0;

	/* the root domain's overutilized flag after update_sd_lb_stats() */
	res->overutilized = res->overutilized_before;
	if (c.sd.is_root)
		res->overutilized = c.sg_overutilized;
	else if (c.sg_overutilized)
		res->overutilized = true;

	bg = find_busiest_group(&c, sds, local, res);
	if (groups && sds->local >= 0)
		groups[sds->local] = *local; /* avg_load may have been set */
	if (bg >= 0) {
		res->busiest_group = bg;
		res->busiest_cpu =
			find_busiest_queue(&c, busiest_g, busiest_n, res);
	}

	/* can_migrate_task() of a regular detach_tasks() pass */
	cm_args_init(&a, sys, env, &c.sd);
	a.mt = res->migration_type;
	if (cm)
		for (k = 0; k < a.nr; k++)
			can_migrate(&a, k, &cm[k]);
	if (res->busiest_cpu == (int32_t)env->src_cpu &&
	    sys->rq[env->src_cpu].nr_running > 1)
		res->nr_detached = detach_tasks(&a, (int64_t)res->imbalance, cm,
						&res->all_pinned, &scr->u.d);
	res->reached = res->busiest_cpu == (int32_t)env->src_cpu &&
		       res->nr_detached == 0 && !res->all_pinned;

	/*
	 * sd->nr_balance_failed at the end of load_balance() (v5.4) /
	 * sched_balance_rq() (v6.19), per exit (same in both flavours):
	 * - find_busiest_group() / sched_balance_find_src_group() NULL, or
	 *   find_busiest_queue() / sched_balance_find_src_rq() NULL: goto
	 *   out_balanced, which falls through to out_all_pinned: 0;
	 * - ld_moved != 0: the else branch of "if (!ld_moved)": 0;
	 * - LBF_ALL_PINNED after detach_tasks(): goto out_all_pinned (0)
	 *   unless active CPUs outside dst_grpmask remain, then goto redo
	 *   without src (the final value is that of the redone search);
	 * - busiest_cpu other than src_cpu: the pass goes on with that CPU,
	 *   whose tasks env does not describe;
	 * - otherwise the "if (!ld_moved)" block (res->reached).
	 * The counter is not written before one of these exits, so an
	 * undetermined exit reports the value before the pass.
	 */
	res->nr_balance_failed_seen = env->nr_balance_failed;
	res->nr_balance_failed_after = env->nr_balance_failed;
	res->nr_balance_failed_after_known = true;
	if (res->busiest_cpu < 0 || res->nr_detached)
		res->nr_balance_failed_after = 0;
	else if (res->busiest_cpu != (int32_t)env->src_cpu)
		res->nr_balance_failed_after_known = false;
	else if (res->all_pinned) {
		if (all_pinned_redo(&c, env))
			res->nr_balance_failed_after_known = false;
		else
			res->nr_balance_failed_after = 0;
	}

	if (res->reached) {
		/* "if (!ld_moved)": nr_balance_failed++ only when
		 * idle != CPU_NEWLY_IDLE (v6.19: and migration_type !=
		 * migrate_misfit), then need_active_balance() reads it */
		if (env->idle != EAS_LB_NEWLY_IDLE &&
		    (c.v54 || res->migration_type != EAS_MIGRATE_MISFIT))
			res->nr_balance_failed_seen++;
		nab.src_cpu = env->src_cpu;
		nab.dst_cpu = env->dst_cpu;
		nab.idle = env->idle;
		nab.nr_balance_failed = res->nr_balance_failed_seen;
		nab.imbalance_pct = c.sd.imbalance_pct;
		nab.cache_nice_tries = c.sd.cache_nice_tries;
		nab.sd_flags = c.sd.flags;
		nab.asym_prio = env->asym_prio;
		nab.src_grp_type = res->src_grp_type;
		nab.migration_type = res->migration_type;
		res->rule = eas_need_active_balance(sys, &nab);
		res->need_active_balance = res->rule != EAS_LB_RULE_NONE;
		res->nr_balance_failed_after = res->nr_balance_failed_seen;
	}

	if (res->reached && res->need_active_balance) {
		if (!mask_allows(env->src_curr_allowed, env->dst_cpu)) {
			/* goto out_one_pinned: the counter stays as
			 * incremented */
			res->kick_pinned = true;
		} else {
			/* v5.4: "force task migration" next time, whether or
			 * not busiest->active_balance was already set */
			if (c.v54)
				res->nr_balance_failed_after =
					c.sd.cache_nice_tries + 1u;
			if (env->busiest_active_balance)
				res->kick_busy = true;
			else
				res->kick = true;
		}
	}

	/* what the stopper's detach_one_task() would take (the running task
	 * has been preempted by then) */
	a.idle = EAS_LB_IDLE;
	a.lbf = stopper_lbf(sys);
	a.mt = EAS_MIGRATE_LOAD;
	a.nr_balance_failed = res->nr_balance_failed_after;
	a.ignore_running = true;
	res->detach_one_index = detach_one(&a);
	return EAS_OK;
}

static EAS__NOINLINE int
load_balance_onstack(const struct eas_system *sys, const struct eas_lb_env *env,
		     struct eas_sg_stats *groups, uint32_t max_groups,
		     struct eas_can_migrate *cm, struct eas_lb_result *res)
{
	struct lb_scratch scr;

	return load_balance_body(sys, env, groups, max_groups, cm, res, &scr);
}

static int eas_load_balance(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    struct eas_sg_stats *groups, uint32_t max_groups,
			    struct eas_can_migrate *cm,
			    struct eas_lb_result *res)
{
	if (sys && sys->scratch)
		return load_balance_body(sys, env, groups, max_groups, cm, res,
					 (struct lb_scratch *)sys->scratch);
	return load_balance_onstack(sys, env, groups, max_groups, cm, res);
}

/* ---------------------------------------------------------------------- */
/* Active-balance mechanisms                                               */
/* ---------------------------------------------------------------------- */

static int32_t task_index_by_id(const struct eas_lb_task *list, uint32_t nr,
				uint32_t id)
{
	uint32_t k;

	for (k = 0; k < nr; k++)
		if (list[k].task.id == id)
			return (int32_t)k;
	return -1;
}

static int eas_mech_decide(const struct eas_system *sys,
			   const struct eas_lb_env *env,
			   const struct eas_lb_result *res, enum eas_mech m,
			   struct eas_mech_decision *d)
{
	enum eas_sched_class cls;
	uint32_t nr;

	if (!d)
		return EAS_EINVAL;
	*d = (struct eas_mech_decision){ 0 };
	d->task_index = -1;
	if (!env_ok(sys, env) || !res || (unsigned)m >= EAS_MECH_COUNT)
		return EAS_EINVAL;
	d->mech = m;
	d->src_cpu = env->src_cpu;
	d->dst_cpu = env->dst_cpu;
	d->lbf_flags = stopper_lbf(sys);
	d->nr_balance_failed = res->nr_balance_failed_after;
	d->when = EAS_MECH_WHEN_NEVER;
	nr = env->src_tasks ? env->nr_src_tasks : 0;
	cls = decision_curr_class(env);
	d->curr_class = cls;

	if (!res->reached)
		d->reason = EAS_MECH_NOT_REACHED;
	else if (!res->need_active_balance)
		d->reason = EAS_MECH_NOT_NEEDED;
	else if (res->kick_pinned)
		d->reason = EAS_MECH_CURR_PINNED;
	else if (res->kick_busy)
		d->reason = EAS_MECH_ALREADY_ACTIVE;
	if (d->reason != EAS_MECH_OK)
		return EAS_OK;

	d->started = true;
	d->holds_active_balance = true;
	switch (m) {
	case EAS_MECH_STOPPER:
		/* stop_one_cpu_nowait(busiest, active_load_balance_cpu_stop):
		 * the stopper class preempts whatever runs */
		d->when = EAS_MECH_WHEN_NOW;
		d->task_index = res->detach_one_index;
		d->must_hold = EAS_HOLD_CPUS_ACTIVE | EAS_HOLD_ACTIVE_BALANCE |
			       EAS_HOLD_NR_RUNNING_GT1 | EAS_HOLD_MOVABLE_TASK;
		d->preempts_cfs = cls == EAS_CLASS_CFS;
		d->preempts_rt = cls == EAS_CLASS_RT;
		d->preempts_dl = cls == EAS_CLASS_DL;
		d->context_switches = 2;
		break;
	case EAS_MECH_BALANCE_CALLBACK:
		/* RFC: active_balance_target = busiest->curr, whatever its
		 * class; the callback runs when it schedules out, never
		 * preempts, and only ever moves a fair-class target */
		d->when = EAS_MECH_WHEN_TARGET_SCHEDULES_OUT;
		if (cls == EAS_CLASS_CFS)
			d->task_index = task_index_by_id(env->src_tasks, nr,
							 env->src_curr_id);
		d->must_hold = EAS_HOLD_CPUS_ACTIVE | EAS_HOLD_ACTIVE_BALANCE |
			       EAS_HOLD_NR_RUNNING_GT1 | EAS_HOLD_TARGET_CFS |
			       EAS_HOLD_TARGET_RUNNING |
			       EAS_HOLD_TARGET_ON_SRC | EAS_HOLD_TARGET_ALLOWED;
		d->context_switches = 0;
		break;
	case EAS_MECH_FIFO1_THREAD:
		/* SCHED_FIFO prio 1 kthread: runs once no RT task is
		 * runnable on busiest, preempts CFS, same detach */
		d->when = EAS_MECH_WHEN_NO_RT_RUNNABLE;
		d->task_index = res->detach_one_index;
		d->must_hold = EAS_HOLD_CPUS_ACTIVE | EAS_HOLD_ACTIVE_BALANCE |
			       EAS_HOLD_NR_RUNNING_GT1 | EAS_HOLD_MOVABLE_TASK |
			       EAS_HOLD_NO_RT_RUNNABLE;
		/* a runnable RT task runs first; once the RT work is gone
		 * the thread is picked before any CFS task */
		d->preempts_cfs =
			cls == EAS_CLASS_CFS && !decision_rt_nr_running(env);
		d->context_switches = 2;
		break;
	}
	if (m == EAS_MECH_BALANCE_CALLBACK)
		d->task_id = env->src_curr_id;
	else if (d->task_index >= 0)
		d->task_id = env->src_tasks[d->task_index].task.id;
	return EAS_OK;
}

/* the copies a mechanism's run works on: in sys->scratch or on the stack
 * of mech_execute_onstack() */
struct mech_scratch {
	struct eas_lb_env e;
	struct cm_args a, one;
	struct eas_lb_task t;
};
EAS__SCRATCH_FITS(struct mech_scratch);

/*
 * The stopper / FIFO-1 body: active_load_balance_cpu_stop() of the
 * flavour. st->nr_running excludes the mechanism's own thread (the
 * kernel's "nr_running <= 1" counts the stopper itself).
 */
static void run_detach(const struct eas_system *sys,
		       const struct eas_lb_env *env,
		       const struct eas_mech_decision *d,
		       const struct eas_busiest_state *st,
		       struct eas_mech_result *r, struct mech_scratch *w)
{
	struct eas_lb_env *e = &w->e;
	struct cm_args *a = &w->a, *one = &w->one;
	struct lb_sd sd;
	struct eas_can_migrate o;
	struct eas_lb_task *t = &w->t;
	bool adjust = false, gone = false;
	int32_t k;

	*e = *env;
	if (!st->src_active || !st->dst_active) {
		r->reason = EAS_MECH_CPU_INACTIVE;
		return;
	}
	if (!st->active_balance) {
		r->reason = EAS_MECH_NOT_ACTIVE_BALANCE;
		return;
	}
	if (st->nr_running + 1u <= 1u) {
		r->reason = EAS_MECH_NR_RUNNING_LE1;
		return;
	}
	if (st->src_tasks || st->nr_src_tasks) {
		e->src_tasks = st->src_tasks;
		e->nr_src_tasks = st->src_tasks ? st->nr_src_tasks : 0;
	} else if (env->src_curr_is_cfs) {
		/* the decision-time list, with the target (the CFS curr at
		 * decision) as the state says: detach_one_task() walks
		 * rq->cfs_tasks, which a task leaves when it is dequeued
		 * (blocks), changes class or migrates */
		adjust = true;
		gone = st->target_class != EAS_CLASS_CFS ||
		       !st->target_was_running ||
		       st->target_cpu != env->src_cpu;
	}
	/* the domain: lowest of target (dst) spanning busiest */
	e->level = -1;
	if (lb_sd_init(sys, e, &sd)) {
		r->reason = EAS_MECH_NO_MOVABLE_TASK;
		return;
	}
	cm_args_init(a, sys, e, &sd);
	a->idle = EAS_LB_IDLE;
	a->lbf = d->lbf_flags;
	a->mt = EAS_MIGRATE_LOAD;
	/* sd->nr_balance_failed as load_balance() left it */
	a->nr_balance_failed = d->nr_balance_failed;
	a->ignore_running = true;
	if (!adjust) {
		k = detach_one(a);
	} else {
		/* detach_one() with the target's entry as it is now */
		for (k = (int32_t)a->nr; k-- > 0;) {
			if (e->src_tasks[k].task.id != env->src_curr_id) {
				can_migrate(a, (uint32_t)k, &o);
			} else if (gone) {
				continue;
			} else {
				*t = e->src_tasks[k];
				if (st->target_allowed)
					t->task.cpus_allowed =
						st->target_allowed;
				*one = *a;
				one->list = t;
				one->nr = 1;
				can_migrate(one, 0, &o);
			}
			if (o.ok)
				break;
		}
	}
	if (k < 0) {
		r->reason = EAS_MECH_NO_MOVABLE_TASK;
		return;
	}
	r->moved = true;
	r->task_index = k;
	r->task_id = e->src_tasks[k].task.id;
	r->reset_nr_balance_failed = true;
}

/*
 * The RFC's callback (Yafang Shao, 2021-07-11): the body of
 * active_load_balance_cpu_stop() without the stopper (CPUs active,
 * active_balance still set, nr_running > 1 on busiest), then instead of
 * detach_one_task() its target: still fair class, still TASK_RUNNING
 * (preempted, not asleep), still on busiest, and can_migrate_task() with
 * the flavour's active-balance flags (dst allowed, ...). st->nr_running
 * counts the runnable tasks of busiest, the target included.
 */
static void run_callback(const struct eas_system *sys,
			 const struct eas_lb_env *env,
			 const struct eas_mech_decision *d,
			 const struct eas_busiest_state *st,
			 struct eas_mech_result *r, struct mech_scratch *w)
{
	const struct eas_lb_task *list =
		st->src_tasks ? st->src_tasks : env->src_tasks;
	uint32_t nr = st->src_tasks ? st->nr_src_tasks :
				      (env->src_tasks ? env->nr_src_tasks : 0);
	struct eas_lb_task *t = &w->t;
	struct eas_can_migrate o;
	struct eas_lb_env *e = &w->e;
	struct cm_args *a = &w->a;
	struct lb_sd sd;
	int32_t k;

	*e = *env;
	if (!st->src_active || !st->dst_active) {
		r->reason = EAS_MECH_CPU_INACTIVE;
		return;
	}
	if (!st->active_balance) {
		r->reason = EAS_MECH_NOT_ACTIVE_BALANCE;
		return;
	}
	if (st->nr_running <= 1u) {
		r->reason = EAS_MECH_NR_RUNNING_LE1;
		return;
	}
	if (st->target_class != EAS_CLASS_CFS) {
		r->reason = EAS_MECH_TARGET_NOT_CFS;
		return;
	}
	if (!st->target_was_running) {
		r->reason = EAS_MECH_TARGET_NOT_RUNNING;
		return;
	}
	if (st->target_cpu != env->src_cpu) {
		r->reason = EAS_MECH_TARGET_MOVED;
		return;
	}
	k = task_index_by_id(list, nr, d->task_id);
	if (k >= 0) {
		*t = list[k];
	} else {
		/* not listed: a plain task with the target's mask */
		*t = (struct eas_lb_task){ 0 };
		t->task.id = d->task_id;
		t->task.policy = EAS_POLICY_NORMAL;
	}
	t->task.is_current = false; /* it has just switched out */
	t->task.cpus_allowed = st->target_allowed;
	e->src_tasks = t;
	e->nr_src_tasks = 1;
	e->level = -1;
	if (lb_sd_init(sys, e, &sd)) {
		r->reason = EAS_MECH_NO_MOVABLE_TASK;
		return;
	}
	cm_args_init(a, sys, e, &sd);
	a->idle = EAS_LB_IDLE;
	a->lbf = d->lbf_flags;
	a->mt = EAS_MIGRATE_LOAD;
	a->nr_balance_failed = d->nr_balance_failed;
	can_migrate(a, 0, &o);
	if (!o.ok) {
		r->reason = o.reason == EAS_CM_PINNED ?
				    EAS_MECH_TARGET_NOT_ALLOWED :
				    EAS_MECH_NO_MOVABLE_TASK;
		return;
	}
	r->moved = true;
	r->task_id = d->task_id;
	r->task_index = k;
	r->reset_nr_balance_failed = true;
}

static int mech_execute_body(const struct eas_system *sys,
			     const struct eas_lb_env *env,
			     const struct eas_mech_decision *d,
			     const struct eas_busiest_state *st,
			     struct eas_mech_result *r, struct mech_scratch *w)
{
	if (!r)
		return EAS_EINVAL;
	*r = (struct eas_mech_result){ 0 };
	r->task_index = -1;
	if (!env_ok(sys, env) || !d || !st ||
	    (unsigned)d->mech >= EAS_MECH_COUNT)
		return EAS_EINVAL;
	if (!d->started) {
		/* load_balance() writes busiest->active_balance = 1 only when
		 * it starts a mechanism (v5.4 fair.c load_balance(), v6.19
		 * sched_balance_rq(): inside "if (!busiest->active_balance)",
		 * past the curr->cpus_ptr test): it keeps its value */
		r->reason = d->reason;
		r->active_balance_after = env->busiest_active_balance;
		return EAS_OK;
	}

	switch (d->mech) {
	case EAS_MECH_STOPPER:
		/* runs now, whatever is current is preempted (the stop
		 * class is above DL and RT; a stop-class curr is not) */
		r->ran = true;
		r->preempted_cfs = st->curr_class == EAS_CLASS_CFS;
		r->preempted_rt = st->curr_class == EAS_CLASS_RT;
		r->preempted_dl = st->curr_class == EAS_CLASS_DL;
		r->context_switches = 2;
		run_detach(sys, env, d, st, r, w);
		break;
	case EAS_MECH_FIFO1_THREAD:
		if (st->rt_nr_runnable || st->curr_class == EAS_CLASS_RT ||
		    st->curr_class == EAS_CLASS_DL ||
		    st->curr_class == EAS_CLASS_STOP) {
			r->reason = EAS_MECH_WAITING;
			r->active_balance_after = st->active_balance;
			return EAS_OK;
		}
		r->ran = true;
		r->preempted_cfs = st->curr_class == EAS_CLASS_CFS;
		r->context_switches = 2;
		run_detach(sys, env, d, st, r, w);
		break;
	case EAS_MECH_BALANCE_CALLBACK:
		/* v6.19 core.c sched_cpu_deactivate() -> balance_push_set():
		 * rq->balance_callback = &balance_push_callback replaces the
		 * pending list, so the callback never runs and its
		 * out_unlock never clears active_balance (v5.4 has no
		 * balance_push: it runs and leaves at !cpu_active()) */
		if (!is_v54(sys) && !st->src_active) {
			r->reason = EAS_MECH_CPU_INACTIVE;
			r->active_balance_after = st->active_balance;
			return EAS_OK;
		}
		/* runs from __schedule() as the target switches out */
		r->ran = true;
		run_callback(sys, env, d, st, r, w);
		break;
	}
	r->active_balance_after = false; /* cleared at the end */
	return EAS_OK;
}

static EAS__NOINLINE int
mech_execute_onstack(const struct eas_system *sys, const struct eas_lb_env *env,
		     const struct eas_mech_decision *d,
		     const struct eas_busiest_state *st,
		     struct eas_mech_result *r)
{
	struct mech_scratch w;

	return mech_execute_body(sys, env, d, st, r, &w);
}

static int eas_mech_execute(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    const struct eas_mech_decision *d,
			    const struct eas_busiest_state *st,
			    struct eas_mech_result *r)
{
	if (sys && sys->scratch)
		return mech_execute_body(sys, env, d, st, r,
					 (struct mech_scratch *)sys->scratch);
	return mech_execute_onstack(sys, env, d, st, r);
}
