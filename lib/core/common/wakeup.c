/* SPDX-License-Identifier: MIT */
/*
 * select_task_rq_fair() of every flavour with its three paths
 * (kernel-eas.md §4): the energy-aware path (common/feec.c and the
 * flavour's feec.c), the slow path (v5.4 find_idlest_cpu(), v6.19
 * sched_balance_find_dst_cpu()) and the fast path (wake_affine() +
 * select_idle_sibling()). Compiled into each flavour TU: the flavour's
 * find_idlest_group() and select_idle_sibling() are in its folder's
 * wakeup.c (v5_4/, v6_19/); the remaining v5.4 / v6.19 differences of
 * the functions here are eas__is_v54() tests, constants of the TU.
 *
 * Modelling choices (docs/placement.md has the full list):
 *  - sched groups of a level-l domain are the level-(l-1) spans inside it
 *    (single CPUs at level 0), visited in ascending order of first CPU,
 *    cyclically, starting at the group that contains the domain's CPU —
 *    the ring build_sched_groups() leaves for non-overlapping groups.
 *  - sgc->capacity / max_capacity are the sum / max of capacity_of().
 *  - offline CPUs are outside every domain span (the kernel rebuilds its
 *    domains without them).
 *  - no cluster scheduling (sched_cluster_active off), no core scheduling
 *    cookies, no NUMA-specific has_spare rules.
 *  - side effects the kernel has on shared state (avg_scan_cost,
 *    has_idle_cores cleared) are not written back; the task's and the
 *    waker's fields are.
 */
#include "fast.h"
#include "sched_util.h"

#include <libeas/error.h>

#define NO_CPU (-1)

/* ---- topology helpers --------------------------------------------------- */

/* the per-CPU domain below level l in cpu's for_each_domain() walk */
static int32_t sd_child(const struct eas_platform *pf, uint32_t cpu, int32_t l)
{
	int32_t t = eas_sd_lowest(pf, cpu), prev = -1;

	while (t >= 0 && t != l) {
		prev = t;
		t = eas_sd_parent(pf, cpu, t);
	}
	return t == l ? prev : -1;
}

static uint32_t sd_weight(const struct eas_platform *pf, int32_t l,
			  uint32_t cpu)
{
	uint32_t n;

	(void)eas_sd_span(pf, (uint32_t)l, cpu, &n);
	return n;
}

/* cpu inside the span of domain (l, of), offline CPUs excluded */
static bool in_span(const struct eas_system *sys, int32_t l, uint32_t of,
		    uint32_t cpu)
{
	return eas_sd_contains(sys->pf, (uint32_t)l, of, cpu) &&
	       eas__cpu_online(sys, cpu);
}

/* sched_smt_present / sched_smt_active(): some level-0 domain is SMT */
static bool smt_present(const struct eas_platform *pf)
{
	const struct eas_sd_level *lv;
	uint32_t s;

	if (!pf->nr_levels)
		return false;
	lv = &pf->levels[0];
	for (s = 0; s < lv->nr_spans; s++)
		if (lv->span_flags[s] & EAS_SD_SHARE_CPUCAPACITY)
			return true;
	return false;
}

/* cpu_smt_mask(cpu): the level-0 span when it is an SMT domain */
static const uint32_t *smt_mask(const struct eas_platform *pf, uint32_t *cpu,
				uint32_t *nr)
{
	if (pf->nr_levels &&
	    (eas_sd_flags(pf, 0, *cpu) & EAS_SD_SHARE_CPUCAPACITY))
		return eas_sd_span(pf, 0, *cpu, nr);
	*nr = 1;
	return cpu;
}

/* sched_asym_cpucapacity static key: some CPU has sd_asym_cpucapacity */
static bool asym_active(const struct eas_platform *pf)
{
	uint32_t cpu;

	for (cpu = 0; cpu < pf->nr_cpus; cpu++)
		if (pf->cpus[cpu].sd_asym >= 0)
			return true;
	return false;
}

/* position of cpu in a for_each_cpu_wrap() scan that starts at start */
static inline uint32_t wrap_pos(uint32_t cpu, uint32_t start, uint32_t n)
{
	return cpu >= start ? cpu - start : cpu + n - start;
}

/* ---- wakee tracking (both flavours) ------------------------------------- */

/* record_wakee(p) with the injectable jiffies clock */
static void record_wakee(const struct eas_system *sys, const struct eas_task *p,
			 struct eas_waker *w)
{
	/* time_after(jiffies, ts + HZ) */
	if ((int64_t)(w->wakee_flip_decay_ts + eas__hz(sys) - sys->jiffies) <
	    0) {
		w->wakee_flips >>= 1;
		w->wakee_flip_decay_ts = sys->jiffies;
	}
	if (w->last_wakee != p->id) {
		w->last_wakee = p->id;
		w->wakee_flips++;
	}
}

/* wake_wide(p): factor = sd_llc_size of the waking CPU */
static bool wake_wide(const struct eas_system *sys, const struct eas_task *p,
		      const struct eas_waker *w)
{
	uint32_t master = w->wakee_flips, slave = p->wakee_flips;
	uint32_t factor = sys->pf->cpus[w->cpu].sd_llc_size;

	if (master < slave) {
		uint32_t t = master;

		master = slave;
		slave = t;
	}
	if (slave < factor || master < slave * factor)
		return false;
	return true;
}

/* v5.4 wake_cap(p, cpu, prev_cpu) (fair.c:6185) */
static bool v54_wake_cap(const struct eas_system *sys, const struct eas_task *p,
			 uint32_t cpu, uint32_t prev)
{
	const struct eas_platform *pf = sys->pf;
	int64_t min_cap, max_cap;

	if (!asym_active(pf))
		return false;
	min_cap = (int64_t)pf->cpus[prev].capacity;
	if ((int64_t)pf->cpus[cpu].capacity < min_cap)
		min_cap = (int64_t)pf->cpus[cpu].capacity;
	max_cap = (int64_t)pf->max_cpu_capacity;
	if (max_cap - min_cap < max_cap >> 3)
		return false;
	return !eas_fits_capacity(eas_task_util_est(sys, p), (uint64_t)min_cap);
}

/* ---- wake_affine --------------------------------------------------------- */

static int32_t wake_affine_idle(const struct eas_system *sys, uint32_t this_cpu,
				uint32_t prev, bool sync)
{
	const struct eas_rq *trq = &sys->rq[this_cpu];

	if (eas__idle_cpu(sys, this_cpu) &&
	    eas_cpus_share_cache(sys->pf, this_cpu, prev))
		return eas__idle_cpu(sys, prev) ? (int32_t)prev :
						  (int32_t)this_cpu;
	if (eas__is_v54(sys)) {
		if (sync && trq->nr_running == 1)
			return (int32_t)this_cpu;
		return NO_CPU;
	}
	/* v6.19: (nr_running - cfs_h_nr_delayed) == 1, then idle prev */
	if (sync && trq->nr_running - trq->h_nr_delayed == 1)
		return (int32_t)this_cpu;
	if (eas__idle_cpu(sys, prev))
		return (int32_t)prev;
	return NO_CPU;
}

/* cpu_runnable_load() (v5.4) / cpu_load() (v6.19) */
static uint64_t wa_load(const struct eas_system *sys, uint32_t cpu)
{
	return eas__is_v54(sys) ? sys->rq[cpu].runnable_load_avg :
				  sys->rq[cpu].load_avg;
}

/* wake_affine_weight(): s64 arithmetic with unsigned long operands, as
 * the kernel (the u64 products are reinterpreted as s64). */
static int32_t wake_affine_weight(const struct eas_system *sys, int32_t l,
				  const struct eas_task *p,
				  const struct eas_waker *w, uint32_t this_cpu,
				  uint32_t prev, bool sync)
{
	uint64_t this_eff = wa_load(sys, this_cpu), prev_eff;
	uint64_t task_load = p->h_load;
	uint32_t pct = sys->pf->levels[l].imbalance_pct;

	if (sync) {
		uint64_t current_load = w->h_load;

		/* unsigned long > s64: compared as unsigned */
		if (current_load > this_eff)
			return (int32_t)this_cpu;
		this_eff -= current_load;
	}
	this_eff += task_load;
	if (eas__features(sys) & EAS_FEAT_WA_BIAS)
		this_eff *= 100u;
	this_eff *= eas_capacity_of(sys, prev);

	prev_eff = wa_load(sys, prev);
	prev_eff -= task_load;
	if (eas__features(sys) & EAS_FEAT_WA_BIAS)
		prev_eff = (uint64_t)((int64_t)prev_eff *
				      (int64_t)(100 + (pct - 100) / 2));
	prev_eff *= eas_capacity_of(sys, this_cpu);
	if (sync)
		prev_eff += 1;
	return (int64_t)this_eff < (int64_t)prev_eff ? (int32_t)this_cpu :
						       NO_CPU;
}

/* wake_affine() of the flavour */
static int32_t wake_affine(const struct eas_system *sys, int32_t l,
			   const struct eas_task *p, const struct eas_waker *w,
			   uint32_t this_cpu, uint32_t prev, bool sync)
{
	int32_t target = NO_CPU;

	if (eas__features(sys) & EAS_FEAT_WA_IDLE)
		target = wake_affine_idle(sys, this_cpu, prev, sync);
	if ((eas__features(sys) & EAS_FEAT_WA_WEIGHT) && target == NO_CPU)
		target = wake_affine_weight(sys, l, p, w, this_cpu, prev, sync);
	if (eas__is_v54(sys))
		return target == NO_CPU ? (int32_t)prev : target;
	/* v6.19: anything but this_cpu means prev_cpu */
	return target != (int32_t)this_cpu ? (int32_t)prev : target;
}

/* ---- slow path ------------------------------------------------------------ */

/* Iterate the sched groups of domain (l, cpu): calls back with the group's
 * CPU list. Ring order as documented at the top of the file. */
struct group_iter {
	const struct eas_platform *pf;
	int32_t l;
	uint32_t cpu;
	const uint32_t *span;
	uint32_t n, start, k;
};

static void group_iter_init(struct group_iter *it,
			    const struct eas_platform *pf, int32_t l,
			    uint32_t cpu)
{
	uint32_t i, first = cpu;

	it->pf = pf;
	it->l = l;
	it->cpu = cpu;
	it->span = eas_sd_span(pf, (uint32_t)l, cpu, &it->n);
	if (l > 0) {
		uint32_t nc;
		const uint32_t *c = eas_sd_span(pf, (uint32_t)l - 1u, cpu, &nc);

		first = c[0];
	}
	it->start = 0;
	for (i = 0; i < it->n; i++)
		if (it->span[i] == first)
			it->start = i;
	it->k = 0;
}

/* next group: returns its CPUs (ascending) or NULL at the end */
static const uint32_t *group_next(struct group_iter *it, uint32_t *nr)
{
	while (it->k < it->n) {
		uint32_t c = it->span[(it->start + it->k) % it->n];

		it->k++;
		if (it->l == 0) {
			*nr = 1;
			return &it->span[(it->start + it->k - 1) % it->n];
		} else {
			uint32_t nc;
			const uint32_t *g = eas_sd_span(
				it->pf, (uint32_t)it->l - 1u, c, &nc);

			if (g[0] == c) {
				*nr = nc;
				return g;
			}
		}
	}
	return NULL;
}

/* p is new (fork): !p->se.avg.last_update_time */
struct slow_ctx {
	const struct eas_system *sys;
	const struct eas_task *p;
	bool fork;
	struct eas_place_steps *rec; /* explanation steps, or NULL */
};

/* ---- explanation recording (never read back by a decision) -------------- */

/* the recorders run only with a caller's step array: keep them out of the
 * decision loops (callers test the pointer inline) */
#if defined(__GNUC__)
#define NOTE_COLD __attribute__((noinline, cold))
#else
#define NOTE_COLD
#endif

/* the next step slot: NULL when the caller's array is full */
static struct eas_place_step *step_new(struct eas_place_steps *r, uint32_t kind,
				       int32_t cpu, int32_t level)
{
	struct eas_place_step *s;

	r->nr_steps_total++;
	if (r->nr_steps >= r->max_steps)
		return NULL;
	s = &r->steps[r->nr_steps++];
	*s = (struct eas_place_step){ 0 };
	s->kind = kind;
	s->test = EAS_TEST_BUSY;
	s->cpu = cpu;
	s->level = level;
	return s;
}

/* the group decision of one level: records it, returns found */
static NOTE_COLD void note_pick_rec(const struct slow_ctx *x, int32_t l,
				    uint32_t test, const uint32_t *g)
{
	struct eas_place_step *s;

	s = step_new(x->rec, EAS_STEP_GROUP_PICK, g ? (int32_t)g[0] : -1, l);
	if (s)
		s->test = test;
}

static inline int note_pick(const struct slow_ctx *x, int32_t l, int found,
			    uint32_t test, const uint32_t *g)
{
	if (x->rec)
		note_pick_rec(x, l, test, g);
	return found;
}

/* find_idlest_group_cpu() replayed for the explanation (after the call):
 * the group's online CPUs (a single one: returned at once; else the
 * allowed ones, up to v6.19's early return of a sched_idle CPU) with what
 * the kernel compares, the returned one marked */
static NOTE_COLD void note_group_cpus(const struct slow_ctx *x,
				      const uint32_t *g, uint32_t nr,
				      uint32_t chosen)
{
	const struct eas_system *sys = x->sys;
	struct eas_place_step *s0;
	uint32_t i, weight = 0;
	bool won = false;

	for (i = 0; i < nr; i++)
		if (eas__cpu_online(sys, g[i]))
			weight++;
	for (i = 0; i < nr; i++) {
		uint32_t c = g[i];
		struct eas_place_step *s;
		bool si;

		if (!eas__cpu_online(sys, c) ||
		    (weight > 1 && !eas__cpu_allowed(x->p, c)))
			continue;
		s = step_new(x->rec, EAS_STEP_GROUP_CPU, (int32_t)c, -1);
		si = !eas__idle_cpu(sys, c) &&
		     eas__choose_sched_idle(sys, c, x->p);
		if (s) {
			s->chosen = c == chosen;
			if (eas__idle_cpu(sys, c)) {
				s->test = EAS_TEST_IDLE;
				s->exit_latency = sys->rq[c].idle_exit_latency;
				s->idle_stamp = sys->rq[c].idle_stamp;
			} else {
				s->test = si ? EAS_TEST_SCHED_IDLE :
					       EAS_TEST_BUSY;
				s->load = wa_load(sys, c);
			}
		}
		if (c == chosen)
			won = true;
		if (weight == 1 ||
		    (!eas__is_v54(sys) && eas__choose_sched_idle(sys, c, x->p)))
			break;
	}
	if (won)
		return;
	/* nothing in the group won: the initial least_loaded_cpu */
	s0 = step_new(x->rec, EAS_STEP_GROUP_CPU, (int32_t)chosen, -1);
	if (s0) {
		s0->test = EAS_TEST_THIS_CPU;
		s0->chosen = true;
	}
}

/* v5.4 find_idlest_group_cpu() / v6.19 sched_balance_find_dst_group_cpu() */
static uint32_t find_idlest_group_cpu(const struct slow_ctx *x,
				      const uint32_t *g, uint32_t nr,
				      uint32_t this_cpu)
{
	const struct eas_system *sys = x->sys;
	bool v54 = eas__is_v54(sys);
	uint64_t min_load = UINT64_MAX, latest = 0;
	uint32_t min_exit = UINT32_MAX;
	int32_t least = (int32_t)this_cpu, shallowest = NO_CPU, si = NO_CPU;
	uint32_t i, weight = 0;

	for (i = 0; i < nr; i++)
		if (eas__cpu_online(sys, g[i]))
			weight++;
	if (weight == 1) {
		for (i = 0; i < nr; i++)
			if (eas__cpu_online(sys, g[i]))
				return g[i];
	}
	for (i = 0; i < nr; i++) {
		uint32_t c = g[i];
		const struct eas_rq *rq = &sys->rq[c];

		if (!eas__cpu_online(sys, c) || !eas__cpu_allowed(x->p, c))
			continue;
		/* v6.19 sched_idle_cpu(i); v7.1 choose_sched_idle_rq(rq, p) */
		if (!v54 && eas__choose_sched_idle(sys, c, x->p))
			return c;
		if (eas__idle_cpu(sys, c)) {
			uint32_t el = rq->idle_exit_latency; /* 0: no state */

			if (el && el < min_exit) {
				min_exit = el;
				latest = rq->idle_stamp;
				shallowest = (int32_t)c;
			} else if ((!el || el == min_exit) &&
				   rq->idle_stamp > latest) {
				latest = rq->idle_stamp;
				shallowest = (int32_t)c;
			}
		} else if (shallowest == NO_CPU && (!v54 || si == NO_CPU)) {
			uint64_t load;

			if (v54 && eas__sched_idle_cpu(sys, c)) {
				si = (int32_t)c;
				continue;
			}
			load = wa_load(sys, c);
			if (load < min_load) {
				min_load = load;
				least = (int32_t)c;
			}
		}
	}
	if (shallowest != NO_CPU)
		return (uint32_t)shallowest;
	if (si != NO_CPU)
		return (uint32_t)si;
	return (uint32_t)least;
}

/* the last step that can have returned cpu is marked chosen; false if
 * none (select_idle_sibling() fell back to target) */
static NOTE_COLD bool mark_chosen(struct eas_place_steps *r, uint32_t cpu)
{
	uint32_t i = r->nr_steps;

	while (i--) {
		struct eas_place_step *s = &r->steps[i];

		if (s->kind == EAS_STEP_GROUP || s->kind == EAS_STEP_GROUP_PICK)
			return false; /* not in this group's CPU scan */
		if (s->cpu != (int32_t)cpu)
			continue;
		if (s->test == EAS_TEST_IDLE ||
		    s->test == EAS_TEST_SCHED_IDLE ||
		    s->test == EAS_TEST_CORE_IDLE ||
		    s->test == EAS_TEST_KTHREAD_STACK ||
		    s->kind == EAS_STEP_GROUP_CPU ||
		    (s->test == EAS_TEST_UNFIT &&
		     s->kind == EAS_STEP_IDLE_CAPACITY)) {
			s->chosen = true;
			return true;
		}
	}
	return false;
}

/* The flavour's slow-path group search: v5.4 find_idlest_group()
 * (v5_4/wakeup.c), v6.19 sched_balance_find_dst_group() (v6_19/wakeup.c).
 * Returns 1 with the group's CPUs in *out / *out_nr, or 0 (no group:
 * descend). */
static int32_t find_idlest_group(const struct slow_ctx *x, int32_t l,
				 uint32_t this_cpu, uint32_t sd_flag,
				 const uint32_t **out, uint32_t *out_nr);

/* v5.4 find_idlest_cpu() (fair.c:5747) / v6.19
 * sched_balance_find_dst_cpu() */
static int32_t find_idlest_cpu(const struct slow_ctx *x, int32_t sd,
			       uint32_t cpu, uint32_t prev, uint32_t sd_flag)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	uint32_t new_cpu = cpu, n, i;
	const uint32_t *span = eas_sd_span(pf, (uint32_t)sd, cpu, &n);
	bool any = false;

	for (i = 0; i < n; i++)
		if (eas__cpu_online(sys, span[i]) &&
		    eas__cpu_allowed(x->p, span[i]))
			any = true;
	if (!any)
		return (int32_t)prev;
	while (sd >= 0) {
		const uint32_t *g = NULL;
		uint32_t gnr = 0, weight;
		int found;
		int32_t t;

		if (!(eas_sd_flags(pf, (uint32_t)sd, cpu) & sd_flag)) {
			sd = sd_child(pf, cpu, sd);
			continue;
		}
		found = find_idlest_group(x, sd, cpu, sd_flag, &g, &gnr);
		if (!found) {
			sd = sd_child(pf, cpu, sd);
			continue;
		}
		new_cpu = find_idlest_group_cpu(x, g, gnr, cpu);
		if (x->rec)
			note_group_cpus(x, g, gnr, new_cpu);
		if (new_cpu == cpu) {
			sd = sd_child(pf, cpu, sd);
			continue;
		}
		weight = sd_weight(pf, sd, cpu);
		cpu = new_cpu;
		sd = -1;
		for (t = eas_sd_lowest(pf, cpu); t >= 0;
		     t = eas_sd_parent(pf, cpu, t)) {
			if (weight <= sd_weight(pf, t, cpu))
				break;
			if (eas_sd_flags(pf, (uint32_t)t, cpu) & sd_flag)
				sd = t;
		}
	}
	return (int32_t)new_cpu;
}

/* ---- fast path ------------------------------------------------------------ */

struct sis_ctx {
	const struct eas_system *sys;
	struct eas_task *p;
	const struct eas_waker *w;
	bool asym;
	uint64_t util, umin, umax;   /* v6.19 asym_fits_cpu() inputs */
	struct eas_place_steps *rec; /* explanation steps, or NULL */
};

/* available_idle_cpu(cpu) || sched_idle_cpu(cpu) (v5.4, v6.19); v7.1
 * choose_idle_cpu(cpu, p): a SCHED_IDLE-only rq only for a wakee that is
 * not SCHED_IDLE itself (eas__choose_sched_idle()). */
static bool idle_or_sched_idle(const struct eas_system *sys, uint32_t cpu,
			       const struct eas_task *p)
{
	return eas__idle_cpu(sys, cpu) || eas__choose_sched_idle(sys, cpu, p);
}

/* v6.19 asym_fits_cpu() */
static bool asym_fits(const struct sis_ctx *x, uint32_t cpu)
{
	if (eas__is_v54(x->sys) || !x->asym)
		return true;
	return eas_util_fits_cpu(x->sys, x->util, x->umin, x->umax, cpu) > 0;
}

/* Fast-path step: cpu looked at by kind. test EAS_TEST_BUSY means "find
 * out": idle / sched_idle / busy, and for the select_idle_sibling()
 * shortcuts v6.19's asym_fits_cpu() (unfit); any other test is stored. */
static NOTE_COLD void note_cpu_rec(const struct sis_ctx *x, uint32_t kind,
				   uint32_t cpu, int32_t level, uint32_t test)
{
	const struct eas_system *sys = x->sys;
	struct eas_place_step *s;

	s = step_new(x->rec, kind, (int32_t)cpu, level);
	if (!s)
		return;
	if (test != EAS_TEST_BUSY) {
		s->test = test;
		return;
	}
	if (eas__idle_cpu(sys, cpu))
		s->test = EAS_TEST_IDLE;
	else if (eas__choose_sched_idle(sys, cpu, x->p))
		s->test = EAS_TEST_SCHED_IDLE;
	if (kind <= EAS_STEP_KTHREAD && !eas__is_v54(sys) && x->asym) {
		s->fits =
			eas_util_fits_cpu(sys, x->util, x->umin, x->umax, cpu);
		if (s->fits <= 0 && s->test != EAS_TEST_BUSY)
			s->test = EAS_TEST_UNFIT;
	}
}

static inline void note_cpu(const struct sis_ctx *x, uint32_t kind,
			    uint32_t cpu, int32_t level, uint32_t test)
{
	if (x->rec)
		note_cpu_rec(x, kind, cpu, level, test);
}

/*
 * Does an earlier CPU of core's SMT mask (in the wrap scan from start,
 * restricted to span & allowed) exist? Then select_idle_core() already
 * visited the core and cleared core from the scan mask.
 */
static bool core_seen(const struct sis_ctx *x, int32_t llc, uint32_t of,
		      uint32_t cpu, uint32_t start)
{
	const struct eas_platform *pf = x->sys->pf;
	uint32_t nr, i, c = cpu;
	const uint32_t *m = smt_mask(pf, &c, &nr);

	for (i = 0; i < nr; i++) {
		uint32_t s = m[i];

		if (s == cpu || !in_span(x->sys, llc, of, s) ||
		    !eas__cpu_allowed(x->p, s))
			continue;
		if (wrap_pos(s, start, pf->nr_cpus) <
		    wrap_pos(cpu, start, pf->nr_cpus))
			return true;
	}
	return false;
}

/* prev / recent_used_cpu shortcut of select_idle_sibling(): not sharing
 * the target's LLC, not allowed, or the idle (and v6.19 fits) tests */
static NOTE_COLD void note_shortcut(const struct sis_ctx *x, uint32_t kind,
				    uint32_t cpu, uint32_t target)
{
	const struct eas_system *sys = x->sys;

	if (!eas_cpus_share_cache(sys->pf, cpu, target))
		note_cpu(x, kind, cpu, -1, EAS_TEST_NOT_SHARED);
	else if (kind == EAS_STEP_RECENT &&
		 (!eas__cpu_online(sys, cpu) || !eas__cpu_allowed(x->p, cpu)))
		note_cpu(x, kind, cpu, -1, EAS_TEST_NOT_ALLOWED);
	else
		note_cpu(x, kind, cpu, -1, EAS_TEST_BUSY);
}

/*
 * The shortcuts of select_idle_sibling() replayed for the explanation
 * before the call (they only read the state; recent_used_cpu is read
 * before the call updates it): target, prev, v6.19's per-CPU kthread
 * stacking, recent_used_cpu, up to the first one that returns.
 */
static NOTE_COLD void note_sis_shortcuts(const struct sis_ctx *x, uint32_t prev,
					 uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	const struct eas_waker *w = x->w;
	int32_t recent = x->p->recent_used_cpu;
	struct sis_ctx y = *x;

	if (y.asym) {
		/* what the v6.19 select_idle_sibling() sets first */
		y.util = eas_task_util_est(sys, x->p);
		y.umin = x->p->uclamp_min;
		y.umax = x->p->uclamp_max;
	}
	note_cpu(&y, EAS_STEP_TARGET, target, -1, EAS_TEST_BUSY);
	if (idle_or_sched_idle(sys, target, x->p) && asym_fits(&y, target))
		return;
	if (prev != target) {
		note_shortcut(&y, EAS_STEP_PREV, prev, target);
		if (eas_cpus_share_cache(pf, prev, target) &&
		    idle_or_sched_idle(sys, prev, x->p) && asym_fits(&y, prev))
			return;
	}
	if (!eas__is_v54(sys) && w->per_cpu_kthread &&
	    (int32_t)prev == w->cpu) {
		bool stack =
			sys->rq[w->cpu].nr_running <= 1 && asym_fits(&y, prev);

		note_cpu(&y, EAS_STEP_KTHREAD, prev, -1,
			 stack ? EAS_TEST_KTHREAD_STACK : EAS_TEST_BUSY);
		if (stack)
			return;
	}
	if (recent >= 0 && (uint32_t)recent < pf->nr_cpus &&
	    recent != (int32_t)prev && recent != (int32_t)target)
		note_shortcut(&y, EAS_STEP_RECENT, (uint32_t)recent, target);
}

/* ---- select_task_rq_fair -------------------------------------------------- */

/* the fast path's answer: its step marked chosen, or a fallback step */
static NOTE_COLD void note_sis_result(const struct sis_ctx *x, int32_t cpu,
				      int32_t target)
{
	struct eas_place_step *s;

	if (mark_chosen(x->rec, (uint32_t)cpu))
		return;
	s = step_new(x->rec,
		     cpu == target ? EAS_STEP_FALLBACK : EAS_STEP_IDLE_CPU, cpu,
		     -1);
	if (s) {
		s->test = eas__idle_cpu(x->sys, (uint32_t)cpu) ?
				  EAS_TEST_IDLE :
			  eas__choose_sched_idle(x->sys, (uint32_t)cpu, x->p) ?
				  EAS_TEST_SCHED_IDLE :
				  EAS_TEST_BUSY;
		s->chosen = true;
	}
}

/* the feec part of an eas_place_result when feec was not called */
static void feec_result_not_run(struct eas_feec_result *f)
{
	struct eas_place_candidate *c = f->candidates;
	uint32_t mc = f->max_candidates;

	*f = (struct eas_feec_result){ 0 };
	f->candidates = c;
	f->max_candidates = mc;
	f->cpu = -1;
	f->best_cpu = -1;
	f->prev_delta = UINT64_MAX;
	f->best_delta = UINT64_MAX;
	f->prev_fits = -1;
	f->best_fits = -1;
}

static void place_result_init(struct eas_place_result *r)
{
	struct eas_place_candidate *c = r->feec.candidates;
	uint32_t mc = r->feec.max_candidates;

	*r = (struct eas_place_result){ 0 };
	r->feec.candidates = c;
	r->feec.max_candidates = mc;
	feec_result_not_run(&r->feec);
	r->affine_cpu = NO_CPU;
	r->sis_target = NO_CPU;
	r->sd_level = NO_CPU;
}

/* The flavour's fast path: select_idle_sibling(p, prev, target)
 * (v5_4/wakeup.c, v6_19/wakeup.c). */
static int32_t select_idle_sibling(struct sis_ctx *x, uint32_t prev,
				   uint32_t target);

/* select_task_rq_fair() with the optional step recorder; res is never
 * NULL (select_rq() below gives the caller's, the scratch's or one on the
 * stack) */
static int select_rq_body(const struct eas_system *sys, struct eas_task *p,
			  struct eas_waker *w, uint32_t wake_flags,
			  struct eas_place_result *res,
			  struct eas_place_steps *rec)
{
	const struct eas_platform *pf;
	uint32_t type, sd_flag, cpu, prev;
	bool v54, ttwu, want_affine = false;
	int32_t new_cpu, sd = NO_CPU, l;

	/* bad arguments: EAS_EINVAL, the library's one bad-argument code
	 * (docs/design-api.md) */
	if (!sys || !sys->pf || !sys->rq || !p || !w)
		return EAS_EINVAL;
	pf = sys->pf;
	type = wake_flags & (EAS_WF_EXEC | EAS_WF_FORK | EAS_WF_TTWU);
	if (type != EAS_WF_EXEC && type != EAS_WF_FORK && type != EAS_WF_TTWU)
		return EAS_EINVAL;
	if (w->cpu < 0 || (uint32_t)w->cpu >= pf->nr_cpus || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= pf->nr_cpus)
		return EAS_EINVAL;
	/* arguments valid: from here on the outputs are written */
	if (rec) {
		rec->nr_steps = 0;
		rec->nr_steps_total = 0;
		if (!rec->steps)
			rec->max_steps = 0;
	}
	place_result_init(res);
	res->no_eas = EAS_NOEAS_NOT_WAKEUP;
	v54 = eas__is_v54(sys);
	ttwu = type == EAS_WF_TTWU;
	sd_flag = type == EAS_WF_TTWU ? EAS_SD_BALANCE_WAKE :
		  type == EAS_WF_FORK ? EAS_SD_BALANCE_FORK :
					EAS_SD_BALANCE_EXEC;
	cpu = (uint32_t)w->cpu;
	prev = (uint32_t)p->prev_cpu;
	new_cpu = (int32_t)prev;
	res->sync = (wake_flags & EAS_WF_SYNC) && !w->exiting;

	if (ttwu) {
		record_wakee(sys, p, w);
		if (!v54 && (wake_flags & EAS_WF_CURRENT_CPU) &&
		    eas__cpu_allowed(p, cpu)) {
			res->cpu = (int32_t)cpu;
			res->path = EAS_PATH_CURRENT_CPU;
			res->no_eas = EAS_NOEAS_CURRENT_CPU;
			return res->cpu;
		}
		/* v5.4: sched_energy_enabled(); v6.19: !is_rd_overutilized().
		 * rd->overutilized (false without EAS) is computed by
		 * eas__feec(), inside its own scan when it can: v6.19 then
		 * stops at the first overutilized CPU and reports feec as
		 * not called. */
		if (energy_enabled(sys)) {
			int32_t r = eas__feec(sys, p, cpu, EAS__OU_SELECT,
					      &res->feec);

			res->overutilized = res->feec.overutilized;
			res->no_eas = r >= 0 ? EAS_NOEAS_NONE :
				      res->overutilized ?
					       EAS_NOEAS_OVERUTILIZED :
					       EAS_NOEAS_DECLINED;
			if (v54 || !res->overutilized) {
				res->eas_entered = true;
				if (r >= 0) {
					res->cpu = r;
					res->path = EAS_PATH_EAS;
					return r;
				}
				new_cpu = (int32_t)prev;
			} else {
				feec_result_not_run(&res->feec);
			}
		} else {
			res->no_eas = sys->pf->eas_possible ?
					      EAS_NOEAS_DISABLED :
					      EAS_NOEAS_PLATFORM;
		}
		res->wake_wide = wake_wide(sys, p, w);
		if (v54)
			res->wake_cap = v54_wake_cap(sys, p, cpu, prev);
		want_affine = !res->wake_wide && !res->wake_cap &&
			      eas__cpu_allowed(p, cpu);
		res->want_affine = want_affine;
	}

	for (l = eas_sd_lowest(pf, cpu); l >= 0;
	     l = eas_sd_parent(pf, cpu, l)) {
		uint32_t flags = eas_sd_flags(pf, (uint32_t)l, cpu);

		if (v54 && !(flags & EAS_SD_LOAD_BALANCE))
			break;
		if (want_affine && (flags & EAS_SD_WAKE_AFFINE) &&
		    eas_sd_contains(pf, (uint32_t)l, cpu, prev)) {
			if (cpu != prev) {
				new_cpu = wake_affine(sys, l, p, w, cpu, prev,
						      res->sync);
				res->affine_cpu = new_cpu;
			}
			sd = NO_CPU;
			break;
		}
		if (flags & sd_flag)
			sd = l;
		else if (!want_affine)
			break;
	}

	if (sd >= 0) {
		struct slow_ctx x = { sys, p, type == EAS_WF_FORK, rec };

		res->sd_level = sd;
		new_cpu = find_idlest_cpu(&x, sd, cpu, prev, sd_flag);
		res->path = EAS_PATH_IDLEST;
	} else if (ttwu) {
		struct sis_ctx x = { sys, p, w, false, 0, 0, 0, rec };
		int32_t target = new_cpu;

		res->sis_target = target;
		if (rec) {
			x.asym = !v54 && asym_active(pf);
			note_sis_shortcuts(&x, prev, (uint32_t)target);
		}
		if (v54) {
			new_cpu =
				select_idle_sibling(&x, prev, (uint32_t)target);
			if (want_affine)
				w->recent_used_cpu = (int32_t)cpu;
		} else {
			x.asym = asym_active(pf);
			new_cpu =
				select_idle_sibling(&x, prev, (uint32_t)target);
		}
		res->path = res->affine_cpu >= 0 && new_cpu == target ?
				    EAS_PATH_WAKE_AFFINE :
				    EAS_PATH_IDLE_SIBLING;
		if (rec)
			note_sis_result(&x, new_cpu, target);
	} else {
		res->path = EAS_PATH_IDLEST;
	}
	res->cpu = new_cpu;
	return new_cpu;
}

/* the caller passed no result: one on the stack (sys->scratch NULL) */
static EAS__NOINLINE int select_rq_onstack(const struct eas_system *sys,
					   struct eas_task *p,
					   struct eas_waker *w,
					   uint32_t wake_flags,
					   struct eas_place_steps *rec)
{
	struct eas_place_result tmp;

	tmp.feec.candidates = NULL;
	tmp.feec.max_candidates = 0;
	return select_rq_body(sys, p, w, wake_flags, &tmp, rec);
}

/* the layout of sys->scratch during a placement */
struct select_scratch {
	struct eas_place_result res;
};
EAS__SCRATCH_FITS(struct select_scratch);

static int select_rq(const struct eas_system *sys, struct eas_task *p,
		     struct eas_waker *w, uint32_t wake_flags,
		     struct eas_place_result *res, struct eas_place_steps *rec)
{
	if (!res && sys && sys->scratch) {
		res = &((struct select_scratch *)sys->scratch)->res;
		res->feec.candidates = NULL;
		res->feec.max_candidates = 0;
	}
	if (!res)
		return select_rq_onstack(sys, p, w, wake_flags, rec);
	return select_rq_body(sys, p, w, wake_flags, res, rec);
}

static int eas_select_task_rq_fair(const struct eas_system *sys,
				   struct eas_task *p, struct eas_waker *w,
				   uint32_t wake_flags,
				   struct eas_place_result *res)
{
	/* speed path beside this mirror (common/fast_select.c): exact, or declines */
	if (sys && sys->fast && sys->pf && sys->rq) {
		int r = eas__fast_select(sys, p, w, wake_flags, res);

		if (r != EAS__FAST_DECLINED)
			return r;
	}
	return select_rq(sys, p, w, wake_flags, res, NULL);
}

static int eas_select_task_rq_fair_explain(const struct eas_system *sys,
					   struct eas_task *p,
					   struct eas_waker *w,
					   uint32_t wake_flags,
					   struct eas_place_result *res,
					   struct eas_place_steps *steps)
{
	/* select_rq() resets steps once the arguments are valid */
	return select_rq(sys, p, w, wake_flags, res, steps);
}
