/* SPDX-License-Identifier: MIT */
/*
 * Literal oracle of select_task_rq_fair() and friends, both flavours: see
 * ref_place.h. Structure follows kernel/sched/fair.c of v5.4 and v6.19
 * (function by function, same names, same loops); semantics taken from
 * kernel-eas.md. "unsigned long" is 64-bit here (LP64 host), as in the
 * kernel on arm64.
 */
#include "ref_place.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/em.h>

#define nr_cpumask_bits (S->pf->nr_cpus)
#define SCHED_CAPACITY_SCALE 1024UL
#define ULONG_MAX_ (~0UL)

/* The "world" of one call (the kernel's globals and per-CPU data). */
struct world {
	const struct eas_system *sys;
	const struct eas_platform *pf;
	int v54;
	int v71; /* Linux 7.1.3: the v6.19 text plus its fair.c changes */
	const struct eas_waker *current;
	int this_cpu;
};

#define S (W->sys)

/* ---- cpumasks ------------------------------------------------------------ */

struct mask {
	int n;
	bool *b;
};

static struct mask mask_new(const struct world *W)
{
	struct mask m;

	m.n = (int)W->pf->nr_cpus;
	m.b = calloc((size_t)m.n + 1, sizeof(bool));
	if (!m.b)
		abort();
	return m;
}

static void mask_free(struct mask *m)
{
	free(m->b);
}

static int mask_weight(const struct mask *m)
{
	int i, w = 0;

	for (i = 0; i < m->n; i++)
		w += m->b[i];
	return w;
}

static int mask_empty(const struct mask *m)
{
	return mask_weight(m) == 0;
}

static int mask_first(const struct mask *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->b[i])
			return i;
	return m->n;
}

/* for_each_cpu_wrap(): the next set CPU at or after position k of the scan
 * starting at start (k counts steps), or -1 */
static int wrap_next(const struct mask *m, int start, int *k)
{
	while (*k < m->n) {
		int cpu = (start + *k) % m->n;

		(*k)++;
		if (m->b[cpu])
			return cpu;
	}
	return -1;
}

static int cpu_online(const struct world *W, int cpu)
{
	return S->rq[cpu].online;
}

static int cpus_ptr_test(const struct eas_task *p, int cpu)
{
	return !p->cpus_allowed ||
	       eas_mask_test(p->cpus_allowed, (uint32_t)cpu);
}

/* ---- sched domains: rebuilt here from the platform levels ----------------- */

/* span of platform level l around cpu, restricted to online CPUs (the
 * kernel builds its domains over the active CPUs only) */
static struct mask level_span(const struct world *W, int l, int cpu)
{
	struct mask m = mask_new(W);
	const struct eas_sd_level *lv = &W->pf->levels[l];
	uint32_t s = lv->cpu_span[cpu], i;

	for (i = lv->span_start[s]; i < lv->span_start[s + 1]; i++)
		if (cpu_online(W, (int)lv->span_cpus[i]))
			m.b[lv->span_cpus[i]] = true;
	return m;
}

static int level_weight_raw(const struct world *W, int l, int cpu)
{
	const struct eas_sd_level *lv = &W->pf->levels[l];
	uint32_t s = lv->cpu_span[cpu];

	return (int)(lv->span_start[s + 1] - lv->span_start[s]);
}

/* for_each_domain(cpu, sd): degenerate domains removed (weight 1, or the
 * same span as the child). Returns the number of domains in out[]. */
static int domains_of(const struct world *W, int cpu, int *out)
{
	int l, n = 0, prev_w = 1;

	for (l = 0; l < (int)W->pf->nr_levels; l++) {
		int w = level_weight_raw(W, l, cpu);

		if (w > prev_w) {
			out[n++] = l;
			prev_w = w;
		}
	}
	return n;
}

static unsigned int sd_flags(const struct world *W, int l, int cpu)
{
	return eas_sd_flags(W->pf, (uint32_t)l, (uint32_t)cpu);
}

/* sched group: the CPUs of the child level's span containing a CPU */
static struct mask group_span(const struct world *W, int l, int cpu)
{
	struct mask m;

	if (l == 0) {
		m = mask_new(W);
		if (cpu_online(W, cpu))
			m.b[cpu] = true;
		return m;
	}
	return level_span(W, l - 1, cpu);
}

/* the group ring of level l as build_sched_groups() leaves it: each CPU i
 * of the span (ascending) rebuilds the shared groups' next pointers from
 * a for_each_cpu_wrap(span, i) scan; the last writer wins. Group id =
 * first CPU of the child span (get_group()). Returns the ids in ring
 * order starting at the group of cpu. */
static int group_ring(const struct world *W, int l, int cpu, int *ids)
{
	struct mask span = level_span(W, l, cpu);
	int n = W->pf->nr_cpus, *next = malloc(sizeof(int) * (size_t)n);
	int i, cnt = 0, g0;

	if (!next)
		abort();
	/* every CPU of the span rebuilds the ring; the last builder (the
	 * highest CPU) links every group of the span, so only its pass
	 * survives: emulate that one */
	for (i = n - 1; i >= 0 && !span.b[i]; i--)
		;
	for (; i >= 0 && i < n; i = n) {
		struct mask covered;
		int first = -1, last = -1, k = 0, j;

		covered = mask_new(W);
		while ((j = wrap_next(&span, i, &k)) >= 0) {
			struct mask g;
			int gid;

			if (covered.b[j])
				continue;
			g = group_span(W, l, j);
			gid = mask_first(&g);
			for (int c = 0; c < n; c++)
				if (g.b[c])
					covered.b[c] = true;
			mask_free(&g);
			if (first < 0)
				first = gid;
			if (last >= 0)
				next[last] = gid;
			last = gid;
		}
		next[last] = first;
		mask_free(&covered);
	}
	{
		struct mask g = group_span(W, l, cpu);

		g0 = mask_first(&g);
		mask_free(&g);
	}
	i = g0;
	do {
		ids[cnt++] = i;
		i = next[i];
	} while (i != g0 && cnt < n);
	free(next);
	mask_free(&span);
	return cnt;
}

/* ---- signals ---------------------------------------------------------------- */

static unsigned long arch_scale_cpu_capacity(const struct world *W, int cpu)
{
	return W->pf->cpus[cpu].capacity;
}

static unsigned long cpu_util_irq(const struct world *W, int cpu)
{
	if (!(S->features & EAS_FEAT_AVG_IRQ))
		return 0;
	return S->rq[cpu].irq_util_avg;
}

static int uclamp_is_used(const struct world *W)
{
	if (W->v54)
		return !!(S->features & EAS_FEAT_UCLAMP_BUILT);
	return !!(S->features & EAS_FEAT_UCLAMP_USED);
}

static unsigned long uclamp_rq_get(const struct world *W, int cpu, int max)
{
	if (!uclamp_is_used(W))
		return max ? 1024 : 0;
	return max ? S->rq[cpu].uclamp_max : S->rq[cpu].uclamp_min;
}

static unsigned long uclamp_eff_value(const struct world *W,
				      const struct eas_task *p, int max)
{
	if (!uclamp_is_used(W))
		return max ? 1024 : 0;
	return max ? p->uclamp_max : p->uclamp_min;
}

static unsigned long cpufreq_get_pressure(const struct world *W, int cpu)
{
	unsigned long cap = arch_scale_cpu_capacity(W, cpu);
	unsigned long max_freq = W->pf->cpus[cpu].capacity_freq_ref_khz;
	unsigned long pmax = S->rq[cpu].cpufreq_max_khz;

	if (W->v54 || !pmax || !max_freq)
		return 0;
	if (!(pmax < max_freq))
		return 0;
	/* mult_frac(cap, pmax, max_freq) */
	return cap -
	       ((cap / max_freq) * pmax + ((cap % max_freq) * pmax) / max_freq);
}

static unsigned long get_actual_cpu_capacity(const struct world *W, int cpu)
{
	unsigned long capacity = arch_scale_cpu_capacity(W, cpu);
	unsigned long hw = S->rq[cpu].hw_pressure, cf;

	if (W->v54)
		return capacity;
	cf = cpufreq_get_pressure(W, cpu);
	capacity -= hw > cf ? hw : cf;
	return capacity;
}

static unsigned long scale_rt_capacity(const struct world *W, int cpu)
{
	unsigned long max = get_actual_cpu_capacity(W, cpu);
	unsigned long used, free, irq;

	irq = cpu_util_irq(W, cpu);
	if (irq >= max)
		return 1;
	used = S->rq[cpu].rt_util_avg;
	used += S->rq[cpu].dl_util_avg;
	if (used >= max)
		return 1;
	free = max - used;
	return free * (max - irq) / max;
}

static unsigned long capacity_of(const struct world *W, int cpu)
{
	unsigned long capacity;

	if (S->rq[cpu].capacity_of)
		return S->rq[cpu].capacity_of;
	capacity = scale_rt_capacity(W, cpu);
	if (!capacity)
		capacity = 1;
	return capacity;
}

static int fits_capacity(unsigned long cap, unsigned long max)
{
	return cap * 1280 < max * 1024;
}

static unsigned long task_util(const struct eas_task *p)
{
	return p->util_avg;
}

static unsigned long _task_util_est(const struct world *W,
				    const struct eas_task *p)
{
	if (W->v54) {
		unsigned long e = p->util_est_ewma, q = p->util_est_enqueued;

		return (e > q ? e : q) | 0x1;
	}
	return p->util_est & ~0x80000000UL;
}

static unsigned long task_util_est(const struct world *W,
				   const struct eas_task *p)
{
	unsigned long a = task_util(p), b = _task_util_est(W, p);

	return a > b ? a : b;
}

#define lsub_positive(ptr, val)                                                \
	do {                                                                   \
		*(ptr) -= (*(ptr) < (val) ? *(ptr) : (val));                   \
	} while (0)

static int sched_feat_util_est(const struct world *W)
{
	return !!(S->features & EAS_FEAT_UTIL_EST);
}

/* v5.4 cpu_util() */
static unsigned long cpu_util54(const struct world *W, int cpu)
{
	unsigned long util = S->rq[cpu].util_avg;

	if (sched_feat_util_est(W) && S->rq[cpu].util_est > util)
		util = S->rq[cpu].util_est;
	return util < arch_scale_cpu_capacity(W, cpu) ?
		       util :
		       arch_scale_cpu_capacity(W, cpu);
}

/* v5.4 cpu_util_next() */
static unsigned long cpu_util_next(const struct world *W, int cpu,
				   const struct eas_task *p, int dst_cpu)
{
	unsigned long util_est, util = S->rq[cpu].util_avg;

	if (p->prev_cpu == cpu && dst_cpu != cpu)
		lsub_positive(&util, task_util(p));
	else if (p->prev_cpu != cpu && dst_cpu == cpu)
		util += task_util(p);
	if (sched_feat_util_est(W)) {
		util_est = S->rq[cpu].util_est;
		if (dst_cpu == cpu)
			util_est += _task_util_est(W, p);
		util = util > util_est ? util : util_est;
	}
	return util < arch_scale_cpu_capacity(W, cpu) ?
		       util :
		       arch_scale_cpu_capacity(W, cpu);
}

/* v6.19 cpu_util() */
static unsigned long cpu_util619(const struct world *W, int cpu,
				 const struct eas_task *p, int dst_cpu,
				 int boost)
{
	unsigned long util = S->rq[cpu].util_avg;

	if (boost && S->rq[cpu].runnable_avg > util)
		util = S->rq[cpu].runnable_avg;
	if (p && p->prev_cpu == cpu && dst_cpu != cpu)
		lsub_positive(&util, task_util(p));
	else if (p && p->prev_cpu != cpu && dst_cpu == cpu)
		util += task_util(p);
	if (sched_feat_util_est(W)) {
		unsigned long util_est = S->rq[cpu].util_est;

		if (dst_cpu == cpu)
			util_est += _task_util_est(W, p);
		else if (p && (p->queued || p->is_current))
			lsub_positive(&util_est, _task_util_est(W, p));
		util = util > util_est ? util : util_est;
	}
	return util < arch_scale_cpu_capacity(W, cpu) ?
		       util :
		       arch_scale_cpu_capacity(W, cpu);
}

static unsigned long cpu_bw_dl(const struct world *W, int cpu)
{
	return (S->rq[cpu].dl_running_bw * SCHED_CAPACITY_SCALE) >> 20;
}

/* v5.4 schedutil_cpu_util() */
enum { FREQUENCY_UTIL, ENERGY_UTIL };

static unsigned long schedutil_cpu_util(const struct world *W, int cpu,
					unsigned long util_cfs,
					unsigned long max, int type,
					const struct eas_task *p)
{
	unsigned long dl_util, util, irq;

	if (!(S->features & EAS_FEAT_UCLAMP_BUILT) && type == FREQUENCY_UTIL &&
	    S->rq[cpu].rt_nr_running)
		return max;
	irq = cpu_util_irq(W, cpu);
	if (irq >= max)
		return max;
	util = util_cfs + S->rq[cpu].rt_util_avg;
	if (type == FREQUENCY_UTIL && (S->features & EAS_FEAT_UCLAMP_BUILT)) {
		/* uclamp_util_with(rq, util, p) */
		unsigned long min_util = S->rq[cpu].uclamp_min;
		unsigned long max_util = S->rq[cpu].uclamp_max;

		if (p) {
			if (p->uclamp_min > min_util)
				min_util = p->uclamp_min;
			if (p->uclamp_max > max_util)
				max_util = p->uclamp_max;
		}
		if (min_util >= max_util)
			util = min_util;
		else
			util = util < min_util ? min_util :
			       util > max_util ? max_util :
						 util;
	}
	dl_util = S->rq[cpu].dl_util_avg;
	if (util + dl_util >= max)
		return max;
	if (type == ENERGY_UTIL)
		util += dl_util;
	util = util * (max - irq) / max;
	util += irq;
	if (type == FREQUENCY_UTIL)
		util += cpu_bw_dl(W, cpu);
	return max < util ? max : util;
}

/* v6.19 effective_cpu_util() */
static unsigned long effective_cpu_util(const struct world *W, int cpu,
					unsigned long util_cfs,
					unsigned long *min, unsigned long *max)
{
	unsigned long util, irq, scale;

	scale = arch_scale_cpu_capacity(W, cpu);
	irq = cpu_util_irq(W, cpu);
	if (irq >= scale) {
		if (min)
			*min = scale;
		if (max)
			*max = scale;
		return scale;
	}
	if (min) {
		unsigned long a = irq + cpu_bw_dl(W, cpu);
		unsigned long b = uclamp_rq_get(W, cpu, 0);

		*min = a > b ? a : b;
		if (!uclamp_is_used(W) && S->rq[cpu].rt_nr_running)
			*min = *min > scale ? *min : scale;
	}
	util = util_cfs + S->rq[cpu].rt_util_avg;
	util += S->rq[cpu].dl_util_avg;
	if (max) {
		unsigned long b = uclamp_rq_get(W, cpu, 1);

		*max = scale < b ? scale : b;
	}
	if (util >= scale)
		return scale;
	util = util * (scale - irq) / scale;
	util += irq;
	return scale < util ? scale : util;
}

static unsigned long sugov_effective_cpu_perf(unsigned long actual,
					      unsigned long min,
					      unsigned long max)
{
	actual = actual + (actual >> 2);
	if (actual < max)
		max = actual;
	return min > max ? min : max;
}

static int util_fits_cpu(const struct world *W, unsigned long util,
			 unsigned long uclamp_min, unsigned long uclamp_max,
			 int cpu)
{
	unsigned long capacity = capacity_of(W, cpu);
	unsigned long capacity_orig;
	bool fits, uclamp_max_fits;

	fits = fits_capacity(util, capacity);
	if (W->v54 || !uclamp_is_used(W))
		return fits;
	capacity_orig = arch_scale_cpu_capacity(W, cpu);
	uclamp_max_fits = (capacity_orig == SCHED_CAPACITY_SCALE) &&
			  (uclamp_max == SCHED_CAPACITY_SCALE);
	uclamp_max_fits = !uclamp_max_fits && (uclamp_max <= capacity_orig);
	fits = fits || uclamp_max_fits;
	uclamp_min = uclamp_min < uclamp_max ? uclamp_min : uclamp_max;
	if (fits && (util < uclamp_min) &&
	    (uclamp_min > get_actual_cpu_capacity(W, cpu)))
		return -1;
	return fits;
}

static int task_fits_cpu(const struct world *W, const struct eas_task *p,
			 int cpu)
{
	return util_fits_cpu(W, task_util_est(W, p), uclamp_eff_value(W, p, 0),
			     uclamp_eff_value(W, p, 1), cpu) > 0;
}

static int sched_energy_enabled(const struct world *W)
{
	return W->pf->eas_possible && (S->features & EAS_FEAT_ENERGY_AWARE);
}

static int cpu_overutilized(const struct world *W, int cpu)
{
	if (W->v54)
		return !fits_capacity(cpu_util54(W, cpu), capacity_of(W, cpu));
	if (!sched_energy_enabled(W))
		return 0;
	/* 7.1: util_fits_cpu(cpu_util_cfs(cpu), 0, rq_util_max, cpu) */
	return !util_fits_cpu(W, cpu_util619(W, cpu, NULL, -1, 0),
			      W->v71 ? 0 : uclamp_rq_get(W, cpu, 0),
			      uclamp_rq_get(W, cpu, 1), cpu);
}

static int rd_overutilized(const struct world *W)
{
	int cpu, o = 0;

	if (S->rd_overutilized != EAS_RD_OU_UNKNOWN)
		return S->rd_overutilized == EAS_RD_OU_SET;
	for (cpu = 0; cpu < (int)W->pf->nr_cpus; cpu++)
		if (cpu_online(W, cpu))
			o |= cpu_overutilized(W, cpu);
	return o;
}

/* ---- energy model: linear scans as the kernel's inline helpers ------------ */

/* v5.4 em_pd_energy() */
static unsigned long em_pd_energy(const struct eas_perf_domain *pd,
				  unsigned long max_util,
				  unsigned long sum_util)
{
	unsigned long freq, scale_cpu;
	const struct eas_perf_state *cs = NULL;
	int i;

	scale_cpu = pd->capacity;
	cs = &pd->table[pd->nr_perf_states - 1];
	freq = (cs->frequency + (cs->frequency >> 2)) * max_util / scale_cpu;
	for (i = 0; i < (int)pd->nr_perf_states; i++) {
		cs = &pd->table[i];
		if (cs->frequency >= freq)
			break;
	}
	return cs->cost * sum_util / scale_cpu;
}

/* v6.19 em_cpu_energy() with em_pd_get_efficient_state() */
static unsigned long em_cpu_energy(const struct eas_perf_domain *pd,
				   unsigned long max_util,
				   unsigned long sum_util,
				   unsigned long allowed_cpu_cap)
{
	int i, found = (int)pd->max_perf_state;

	if (!sum_util)
		return 0;
	max_util = max_util < allowed_cpu_cap ? max_util : allowed_cpu_cap;
	for (i = (int)pd->min_perf_state; i <= (int)pd->max_perf_state; i++) {
		const struct eas_perf_state *ps = &pd->table[i];

		if (ps->performance >= max_util) {
			if ((pd->flags & EAS_PD_SKIP_INEFFICIENCIES) &&
			    (ps->flags & EAS_PERF_STATE_INEFFICIENT))
				continue;
			found = i;
			break;
		}
	}
	return pd->table[found].cost * sum_util;
}

/* ---- v5.4 compute_energy / feec ------------------------------------------- */

static long compute_energy54(const struct world *W, const struct eas_task *p,
			     int dst_cpu, const struct eas_perf_domain *pd)
{
	unsigned long max_util = 0, sum_util = 0, cpu_cap;
	uint32_t i;

	cpu_cap = arch_scale_cpu_capacity(W, (int)pd->cpus[0]);
	for (i = 0; i < pd->nr_cpus; i++) {
		int cpu = (int)pd->cpus[i];
		unsigned long util_cfs, cpu_util;

		if (!cpu_online(W, cpu))
			continue;
		util_cfs = cpu_util_next(W, cpu, p, dst_cpu);
		sum_util += schedutil_cpu_util(W, cpu, util_cfs, cpu_cap,
					       ENERGY_UTIL, NULL);
		cpu_util = schedutil_cpu_util(W, cpu, util_cfs, cpu_cap,
					      FREQUENCY_UTIL,
					      cpu == dst_cpu ? p : NULL);
		max_util = max_util > cpu_util ? max_util : cpu_util;
	}
	return (long)em_pd_energy(pd, max_util, sum_util);
}

static void rec(struct eas_feec_result *r, int cpu, uint32_t pdi,
		unsigned long e, unsigned long base)
{
	if (r->candidates && r->nr_candidates < r->max_candidates) {
		struct eas_place_candidate *c =
			&r->candidates[r->nr_candidates++];

		memset(c, 0, sizeof(*c));
		c->cpu = cpu;
		c->perf_domain = pdi;
		c->energy = e;
		c->base_energy = base;
		c->delta = e - base;
	}
	r->nr_computed++;
}

/* sd_asym_cpucapacity of this_cpu, climbed until it spans prev_cpu:
 * returns the platform level or -1 */
static int asym_sd(const struct world *W, int this_cpu, int prev_cpu)
{
	int doms[64], n = domains_of(W, this_cpu, doms), i, start = -1;

	for (i = 0; i < n; i++)
		if (doms[i] == W->pf->cpus[this_cpu].sd_asym)
			start = i;
	if (start < 0)
		return -1;
	for (i = start; i < n; i++) {
		struct mask m = level_span(W, doms[i], this_cpu);
		int ok =
			m.b[prev_cpu] ||
			eas_sd_contains(W->pf, (uint32_t)doms[i],
					(uint32_t)this_cpu, (uint32_t)prev_cpu);

		mask_free(&m);
		if (ok)
			return doms[i];
	}
	return -1;
}

static int feec54(const struct world *W, const struct eas_task *p, int prev_cpu,
		  struct eas_feec_result *r)
{
	unsigned long prev_delta = ULONG_MAX_, best_delta = ULONG_MAX_;
	unsigned long cpu_cap, util, base_energy = 0;
	int cpu, best_energy_cpu = prev_cpu;
	uint32_t k;
	int sd;

	if (!W->pf->eas_possible || rd_overutilized(W))
		return -1;
	sd = asym_sd(W, W->this_cpu, prev_cpu);
	if (sd < 0)
		return -1;
	if (!task_util_est(W, p))
		goto unlock;
	for (k = 0; k < W->pf->nr_pds; k++) {
		uint32_t pdi = W->pf->pd_order[k];
		const struct eas_perf_domain *pd = &W->pf->pds[pdi];
		unsigned long cur_delta, spare_cap, max_spare_cap = 0;
		unsigned long base_energy_pd;
		int max_spare_cap_cpu = -1;
		struct mask span = level_span(W, sd, W->this_cpu);

		base_energy_pd = (unsigned long)compute_energy54(W, p, -1, pd);
		base_energy += base_energy_pd;
		for (cpu = 0; cpu < (int)W->pf->nr_cpus; cpu++) {
			if (W->pf->cpus[cpu].pd != pdi || !span.b[cpu])
				continue;
			if (!cpus_ptr_test(p, cpu))
				continue;
			util = cpu_util_next(W, cpu, p, cpu);
			cpu_cap = capacity_of(W, cpu);
			if (!fits_capacity(util, cpu_cap))
				continue;
			if (cpu == prev_cpu) {
				unsigned long e =
					(unsigned long)compute_energy54(
						W, p, prev_cpu, pd);

				rec(r, cpu, pdi, e, base_energy_pd);
				prev_delta = e;
				prev_delta -= base_energy_pd;
				best_delta = best_delta < prev_delta ?
						     best_delta :
						     prev_delta;
			}
			spare_cap = cpu_cap - util;
			if (spare_cap > max_spare_cap) {
				max_spare_cap = spare_cap;
				max_spare_cap_cpu = cpu;
			}
		}
		mask_free(&span);
		if (max_spare_cap_cpu >= 0 && max_spare_cap_cpu != prev_cpu) {
			unsigned long e = (unsigned long)compute_energy54(
				W, p, max_spare_cap_cpu, pd);

			rec(r, max_spare_cap_cpu, pdi, e, base_energy_pd);
			cur_delta = e - base_energy_pd;
			if (cur_delta < best_delta) {
				best_delta = cur_delta;
				best_energy_cpu = max_spare_cap_cpu;
			}
		}
	}
unlock:
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	r->base_energy = base_energy;
	if (prev_delta == ULONG_MAX_)
		return best_energy_cpu;
	if ((prev_delta - best_delta) > ((prev_delta + base_energy) >> 4))
		return best_energy_cpu;
	return prev_cpu;
}

/* ---- v6.19 energy_env / compute_energy / feec ------------------------------- */

struct energy_env {
	unsigned long task_busy_time;
	unsigned long pd_busy_time;
	unsigned long cpu_cap;
	unsigned long pd_cap;
};

static void eenv_task_busy_time(const struct world *W, struct energy_env *eenv,
				const struct eas_task *p, int prev_cpu)
{
	unsigned long busy_time, max_cap = arch_scale_cpu_capacity(W, prev_cpu);
	unsigned long irq = cpu_util_irq(W, prev_cpu);

	if (irq >= max_cap)
		busy_time = max_cap;
	else
		busy_time = task_util_est(W, p) * (max_cap - irq) / max_cap;
	eenv->task_busy_time = busy_time;
}

static void eenv_pd_busy_time(const struct world *W, struct energy_env *eenv,
			      const struct mask *pd_cpus,
			      const struct eas_task *p)
{
	unsigned long busy_time = 0;
	int cpu;

	for (cpu = 0; cpu < pd_cpus->n; cpu++) {
		unsigned long util;

		if (!pd_cpus->b[cpu])
			continue;
		util = cpu_util619(W, cpu, p, -1, 0);
		busy_time += effective_cpu_util(W, cpu, util, NULL, NULL);
	}
	eenv->pd_busy_time =
		eenv->pd_cap < busy_time ? eenv->pd_cap : busy_time;
}

static unsigned long eenv_pd_max_util(const struct world *W,
				      struct energy_env *eenv,
				      const struct mask *pd_cpus,
				      const struct eas_task *p, int dst_cpu)
{
	unsigned long max_util = 0;
	int cpu;

	for (cpu = 0; cpu < pd_cpus->n; cpu++) {
		const struct eas_task *tsk;
		unsigned long util, eff_util, min, max;

		if (!pd_cpus->b[cpu])
			continue;
		tsk = (cpu == dst_cpu) ? p : NULL;
		util = cpu_util619(W, cpu, p, dst_cpu, 1);
		eff_util = effective_cpu_util(W, cpu, util, &min, &max);
		if (tsk && uclamp_is_used(W)) {
			unsigned long pm = uclamp_eff_value(W, p, 0);
			unsigned long pM = uclamp_eff_value(W, p, 1);

			min = min > pm ? min : pm;
			if (S->rq[cpu].uclamp_idle)
				max = pM;
			else
				max = max > pM ? max : pM;
		}
		eff_util = sugov_effective_cpu_perf(eff_util, min, max);
		max_util = max_util > eff_util ? max_util : eff_util;
	}
	return max_util < eenv->cpu_cap ? max_util : eenv->cpu_cap;
}

static unsigned long compute_energy619(const struct world *W,
				       struct energy_env *eenv,
				       const struct eas_perf_domain *pd,
				       const struct mask *pd_cpus,
				       const struct eas_task *p, int dst_cpu)
{
	unsigned long max_util = eenv_pd_max_util(W, eenv, pd_cpus, p, dst_cpu);
	unsigned long busy_time = eenv->pd_busy_time;

	if (dst_cpu >= 0) {
		busy_time += eenv->task_busy_time;
		busy_time = eenv->pd_cap < busy_time ? eenv->pd_cap : busy_time;
	}
	return em_cpu_energy(pd, max_util, busy_time, eenv->cpu_cap);
}

static struct mask pd_online(const struct world *W, uint32_t pdi)
{
	struct mask m = mask_new(W);
	const struct eas_perf_domain *pd = &W->pf->pds[pdi];
	uint32_t i;

	for (i = 0; i < pd->nr_cpus; i++)
		if (cpu_online(W, (int)pd->cpus[i]))
			m.b[pd->cpus[i]] = true;
	return m;
}

static int feec619(const struct world *W, const struct eas_task *p,
		   int prev_cpu, struct eas_feec_result *r)
{
	unsigned long prev_delta = ULONG_MAX_, best_delta = ULONG_MAX_;
	unsigned long p_util_min =
		uclamp_is_used(W) ? uclamp_eff_value(W, p, 0) : 0;
	unsigned long p_util_max =
		uclamp_is_used(W) ? uclamp_eff_value(W, p, 1) : 1024;
	struct energy_env eenv;
	int prev_fits = -1, best_fits = -1;
	unsigned long best_actual_cap = 0;
	unsigned long prev_actual_cap = 0;
	int cpu, best_energy_cpu, target = -1;
	uint32_t k;
	int sd;

	memset(&eenv, 0, sizeof(eenv));
	if (!W->pf->eas_possible)
		goto unlock;
	sd = asym_sd(W, W->this_cpu, prev_cpu);
	if (sd < 0)
		goto unlock;
	target = prev_cpu;
	if (!task_util_est(W, p) && p_util_min == 0)
		goto unlock;
	eenv_task_busy_time(W, &eenv, p, prev_cpu);
	best_energy_cpu = prev_cpu;
	for (k = 0; k < W->pf->nr_pds; k++) {
		uint32_t pdi = W->pf->pd_order[k];
		const struct eas_perf_domain *pd = &W->pf->pds[pdi];
		unsigned long util_min = p_util_min, util_max = p_util_max;
		unsigned long cpu_cap, cpu_actual_cap, util;
		long prev_spare_cap = -1, max_spare_cap = -1;
		unsigned long rq_util_min, rq_util_max;
		unsigned long cur_delta, base_energy;
		int max_spare_cap_cpu = -1;
		int fits, max_fits = -1;
		struct mask cpus = pd_online(W, pdi);
		struct mask span = level_span(W, sd, W->this_cpu);

		if (mask_empty(&cpus)) {
			mask_free(&cpus);
			mask_free(&span);
			continue;
		}
		cpu = mask_first(&cpus);
		cpu_actual_cap = get_actual_cpu_capacity(W, cpu);
		eenv.cpu_cap = cpu_actual_cap;
		eenv.pd_cap = 0;
		for (cpu = 0; cpu < cpus.n; cpu++) {
			if (!cpus.b[cpu])
				continue;
			eenv.pd_cap += cpu_actual_cap;
			if (!span.b[cpu])
				continue;
			if (!cpus_ptr_test(p, cpu))
				continue;
			util = cpu_util619(W, cpu, p, cpu, 0);
			cpu_cap = capacity_of(W, cpu);
			if (uclamp_is_used(W) && !S->rq[cpu].uclamp_idle) {
				rq_util_min = uclamp_rq_get(W, cpu, 0);
				rq_util_max = uclamp_rq_get(W, cpu, 1);
				util_min = rq_util_min > p_util_min ?
						   rq_util_min :
						   p_util_min;
				util_max = rq_util_max > p_util_max ?
						   rq_util_max :
						   p_util_max;
			}
			fits = util_fits_cpu(W, util, util_min, util_max, cpu);
			if (!fits)
				continue;
			lsub_positive(&cpu_cap, util);
			if (cpu == prev_cpu) {
				prev_spare_cap = (long)cpu_cap;
				prev_fits = fits;
			} else if ((fits > max_fits) ||
				   ((fits == max_fits) &&
				    ((long)cpu_cap > max_spare_cap))) {
				max_spare_cap = (long)cpu_cap;
				max_spare_cap_cpu = cpu;
				max_fits = fits;
			}
		}
		mask_free(&span);
		if (max_spare_cap_cpu < 0 && prev_spare_cap < 0) {
			mask_free(&cpus);
			continue;
		}
		eenv_pd_busy_time(W, &eenv, &cpus, p);
		base_energy = compute_energy619(W, &eenv, pd, &cpus, p, -1);
		r->base_energy += base_energy;
		if (prev_spare_cap > -1) {
			prev_delta = compute_energy619(W, &eenv, pd, &cpus, p,
						       prev_cpu);
			rec(r, prev_cpu, pdi, prev_delta, base_energy);
			if (prev_delta < base_energy) {
				mask_free(&cpus);
				goto unlock;
			}
			prev_delta -= base_energy;
			prev_actual_cap = cpu_actual_cap;
			best_delta = best_delta < prev_delta ? best_delta :
							       prev_delta;
		}
		if (max_spare_cap_cpu >= 0 && max_spare_cap > prev_spare_cap) {
			if (max_fits < best_fits) {
				mask_free(&cpus);
				continue;
			}
			if ((max_fits < 0) &&
			    (cpu_actual_cap <= best_actual_cap)) {
				mask_free(&cpus);
				continue;
			}
			cur_delta = compute_energy619(W, &eenv, pd, &cpus, p,
						      max_spare_cap_cpu);
			rec(r, max_spare_cap_cpu, pdi, cur_delta, base_energy);
			if (cur_delta < base_energy) {
				mask_free(&cpus);
				goto unlock;
			}
			cur_delta -= base_energy;
			if ((max_fits > 0) && (best_fits > 0) &&
			    (cur_delta >= best_delta)) {
				mask_free(&cpus);
				continue;
			}
			best_delta = cur_delta;
			best_energy_cpu = max_spare_cap_cpu;
			best_fits = max_fits;
			best_actual_cap = cpu_actual_cap;
		}
		mask_free(&cpus);
	}
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	if ((best_fits > prev_fits) ||
	    ((best_fits > 0) && (best_delta < prev_delta)) ||
	    ((best_fits < 0) && (best_actual_cap > prev_actual_cap)))
		target = best_energy_cpu;
	return target;
unlock:
	return target;
}

static void world_init(struct world *W, const struct eas_system *sys,
		       const struct eas_waker *w, int this_cpu)
{
	W->sys = sys;
	W->pf = sys->pf;
	W->v54 = sys->pf->kernel == EAS_KERNEL_V5_4;
	W->v71 = sys->pf->kernel == EAS_KERNEL_V7_1;
	W->current = w;
	W->this_cpu = this_cpu;
}

static void feec_init(struct eas_feec_result *r)
{
	r->nr_candidates = 0;
	r->nr_computed = 0;
	r->base_energy = 0;
	r->prev_delta = ULONG_MAX_;
	r->best_delta = ULONG_MAX_;
}

int ref_feec(const struct eas_system *sys, const struct eas_task *p,
	     uint32_t this_cpu, struct eas_feec_result *r)
{
	struct world w, *W = &w;
	int ret;

	world_init(W, sys, NULL, (int)this_cpu);
	feec_init(r);
	if (W->v54)
		ret = feec54(W, p, p->prev_cpu, r);
	else
		ret = feec619(W, p, p->prev_cpu, r);
	r->cpu = ret;
	return ret;
}

uint64_t ref_compute_energy(const struct eas_system *sys,
			    const struct eas_task *p, int dst, uint32_t pdi)
{
	struct world w, *W = &w;
	const struct eas_perf_domain *pd = &sys->pf->pds[pdi];
	struct energy_env eenv;
	struct mask cpus;
	unsigned long e;
	int cpu;

	world_init(W, sys, NULL, 0);
	if (W->v54)
		return (unsigned long)compute_energy54(W, p, dst, pd);
	memset(&eenv, 0, sizeof(eenv));
	cpus = pd_online(W, pdi);
	if (mask_empty(&cpus)) {
		mask_free(&cpus);
		return 0;
	}
	eenv.cpu_cap = get_actual_cpu_capacity(W, mask_first(&cpus));
	for (cpu = 0; cpu < cpus.n; cpu++)
		if (cpus.b[cpu])
			eenv.pd_cap += eenv.cpu_cap;
	eenv_task_busy_time(W, &eenv, p, p->prev_cpu);
	eenv_pd_busy_time(W, &eenv, &cpus, p);
	e = compute_energy619(W, &eenv, pd, &cpus, p, dst);
	mask_free(&cpus);
	return e;
}

uint64_t ref_capacity_of(const struct eas_system *sys, int cpu)
{
	struct world w;

	world_init(&w, sys, NULL, 0);
	return capacity_of(&w, cpu);
}

int ref_cpu_overutilized(const struct eas_system *sys, int cpu)
{
	struct world w;

	world_init(&w, sys, NULL, 0);
	return cpu_overutilized(&w, cpu);
}

int ref_rd_overutilized(const struct eas_system *sys)
{
	struct world w;

	world_init(&w, sys, NULL, 0);
	return rd_overutilized(&w);
}

/* ---- select_task_rq_fair: wakee tracking ------------------------------------ */

static void record_wakee(const struct world *W, const struct eas_task *p,
			 struct eas_waker *current)
{
	unsigned long jiffies = S->jiffies, hz = S->hz ? S->hz : 250;

	if ((long)(current->wakee_flip_decay_ts + hz - jiffies) < 0) {
		current->wakee_flips >>= 1;
		current->wakee_flip_decay_ts = jiffies;
	}
	if (current->last_wakee != p->id) {
		current->last_wakee = p->id;
		current->wakee_flips++;
	}
}

static int wake_wide(const struct world *W, const struct eas_task *p)
{
	unsigned int master = W->current->wakee_flips;
	unsigned int slave = p->wakee_flips;
	int factor = (int)W->pf->cpus[W->this_cpu].sd_llc_size;

	if (master < slave) {
		unsigned int t = master;

		master = slave;
		slave = t;
	}
	if (slave < (unsigned int)factor ||
	    master < slave * (unsigned int)factor)
		return 0;
	return 1;
}

static int asym_key(const struct world *W)
{
	int cpu;

	for (cpu = 0; cpu < (int)W->pf->nr_cpus; cpu++)
		if (W->pf->cpus[cpu].sd_asym >= 0)
			return 1;
	return 0;
}

static int wake_cap(const struct world *W, const struct eas_task *p, int cpu,
		    int prev_cpu)
{
	long min_cap, max_cap;

	if (!asym_key(W))
		return 0;
	min_cap = (long)arch_scale_cpu_capacity(W, prev_cpu);
	if ((long)arch_scale_cpu_capacity(W, cpu) < min_cap)
		min_cap = (long)arch_scale_cpu_capacity(W, cpu);
	max_cap = (long)W->pf->max_cpu_capacity;
	if (max_cap - min_cap < max_cap >> 3)
		return 0;
	return !fits_capacity(task_util_est(W, p), (unsigned long)min_cap);
}

static int available_idle_cpu(const struct world *W, int cpu)
{
	return S->rq[cpu].idle;
}

static int sched_idle_cpu(const struct world *W, int cpu)
{
	return S->rq[cpu].nr_running &&
	       S->rq[cpu].nr_running == S->rq[cpu].idle_h_nr_running;
}

/* 7.1 sched_idle_rq(rq): nr_running == cfs.h_nr_idle && nr_running */
static int sched_idle_rq(const struct world *W, int cpu)
{
	return S->rq[cpu].nr_running == S->rq[cpu].idle_h_nr_running &&
	       S->rq[cpu].nr_running;
}

/* 7.1 choose_sched_idle_rq(rq, p): sched_idle_rq(rq) &&
 * !task_has_idle_policy(p). The 6.19 call sites read sched_idle_cpu(cpu)
 * (the same rq test, no task): that is what this returns for 6.19. */
static int choose_sched_idle_rq(const struct world *W, int cpu,
				const struct eas_task *p)
{
	if (!W->v71)
		return sched_idle_cpu(W, cpu);
	return sched_idle_rq(W, cpu) && p->policy != EAS_POLICY_IDLE;
}

/* 7.1 choose_idle_cpu(cpu, p): available_idle_cpu(cpu) ||
 * choose_sched_idle_rq(cpu_rq(cpu), p); 6.19 call sites:
 * available_idle_cpu(cpu) || sched_idle_cpu(cpu). */
static int choose_idle_cpu(const struct world *W, int cpu,
			   const struct eas_task *p)
{
	return available_idle_cpu(W, cpu) || choose_sched_idle_rq(W, cpu, p);
}

static int cpus_share_cache(const struct world *W, int a, int b)
{
	return W->pf->cpus[a].sd_llc_id == W->pf->cpus[b].sd_llc_id;
}

static int wake_affine_idle(const struct world *W, int this_cpu, int prev_cpu,
			    int sync)
{
	if (available_idle_cpu(W, this_cpu) &&
	    cpus_share_cache(W, this_cpu, prev_cpu))
		return available_idle_cpu(W, prev_cpu) ? prev_cpu : this_cpu;
	if (W->v54) {
		if (sync && S->rq[this_cpu].nr_running == 1)
			return this_cpu;
		return (int)nr_cpumask_bits;
	}
	if (sync &&
	    (S->rq[this_cpu].nr_running - S->rq[this_cpu].h_nr_delayed) == 1)
		return this_cpu;
	if (available_idle_cpu(W, prev_cpu))
		return prev_cpu;
	return (int)nr_cpumask_bits;
}

static unsigned long cpu_load(const struct world *W, int cpu)
{
	return W->v54 ? S->rq[cpu].runnable_load_avg : S->rq[cpu].load_avg;
}

static int wake_affine_weight(const struct world *W, int sdl,
			      const struct eas_task *p, int this_cpu,
			      int prev_cpu, int sync)
{
	long this_eff_load, prev_eff_load;
	unsigned long task_load;
	unsigned int pct = W->pf->levels[sdl].imbalance_pct;

	this_eff_load = (long)cpu_load(W, this_cpu);
	if (sync) {
		unsigned long current_load = W->current->h_load;

		if (current_load > (unsigned long)this_eff_load)
			return this_cpu;
		this_eff_load =
			(long)((unsigned long)this_eff_load - current_load);
	}
	task_load = p->h_load;
	this_eff_load = (long)((unsigned long)this_eff_load + task_load);
	if (S->features & EAS_FEAT_WA_BIAS)
		this_eff_load *= 100;
	this_eff_load =
		(long)((unsigned long)this_eff_load * capacity_of(W, prev_cpu));
	prev_eff_load = (long)cpu_load(W, prev_cpu);
	prev_eff_load = (long)((unsigned long)prev_eff_load - task_load);
	if (S->features & EAS_FEAT_WA_BIAS)
		prev_eff_load *= 100 + (long)(pct - 100) / 2;
	prev_eff_load =
		(long)((unsigned long)prev_eff_load * capacity_of(W, this_cpu));
	if (sync)
		prev_eff_load += 1;
	return this_eff_load < prev_eff_load ? this_cpu : (int)nr_cpumask_bits;
}

static int wake_affine(const struct world *W, int sdl, const struct eas_task *p,
		       int this_cpu, int prev_cpu, int sync)
{
	int target = (int)nr_cpumask_bits;

	if (S->features & EAS_FEAT_WA_IDLE)
		target = wake_affine_idle(W, this_cpu, prev_cpu, sync);
	if ((S->features & EAS_FEAT_WA_WEIGHT) &&
	    target == (int)nr_cpumask_bits)
		target =
			wake_affine_weight(W, sdl, p, this_cpu, prev_cpu, sync);
	if (W->v54)
		return target == (int)nr_cpumask_bits ? prev_cpu : target;
	if (target != this_cpu)
		return prev_cpu;
	return target;
}

/* ---- slow path -------------------------------------------------------------- */

static unsigned long cpu_util_without(const struct world *W, int cpu,
				      const struct eas_task *p, int is_new)
{
	unsigned long util;

	if (!W->v54) {
		if (cpu != p->prev_cpu || is_new)
			p = NULL;
		return cpu_util619(W, cpu, p, -1, 0);
	}
	if (cpu != p->prev_cpu || is_new)
		return cpu_util54(W, cpu);
	util = S->rq[cpu].util_avg;
	lsub_positive(&util, task_util(p));
	if (sched_feat_util_est(W)) {
		unsigned long estimated = S->rq[cpu].util_est;

		if (p->queued || p->is_current)
			lsub_positive(&estimated, _task_util_est(W, p));
		util = util > estimated ? util : estimated;
	}
	return util < arch_scale_cpu_capacity(W, cpu) ?
		       util :
		       arch_scale_cpu_capacity(W, cpu);
}

static int mask_intersects_allowed(const struct mask *m,
				   const struct eas_task *p)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->b[i] && cpus_ptr_test(p, i))
			return 1;
	return 0;
}

static unsigned long group_capacity(const struct world *W, const struct mask *g)
{
	unsigned long c = 0;
	int i;

	for (i = 0; i < g->n; i++)
		if (g->b[i])
			c += capacity_of(W, i);
	return c;
}

static unsigned long group_max_capacity(const struct world *W,
					const struct mask *g)
{
	unsigned long c = 0;
	int i;

	for (i = 0; i < g->n; i++)
		if (g->b[i] && capacity_of(W, i) > c)
			c = capacity_of(W, i);
	return c;
}

/* v5.4 find_idlest_group(): returns the group id (first CPU) or -1 */
static int find_idlest_group54(const struct world *W, int sdl,
			       const struct eas_task *p, int this_cpu,
			       unsigned int sd_flag, int is_new)
{
	int ids[4096 + 1], ng, gi;
	int idlest = -1, most_spare_sg = -1;
	unsigned long min_runnable_load = ULONG_MAX_;
	unsigned long this_runnable_load = ULONG_MAX_;
	unsigned long min_avg_load = ULONG_MAX_, this_avg_load = ULONG_MAX_;
	unsigned long most_spare = 0, this_spare = 0;
	unsigned int pct = W->pf->levels[sdl].imbalance_pct;
	unsigned long imbalance_scale = 100 + (pct - 100) / 2;
	unsigned long imbalance = 1024UL * (pct - 100) / 100;

	ng = group_ring(W, sdl, this_cpu, ids);
	for (gi = 0; gi < ng; gi++) {
		struct mask g = group_span(W, sdl, ids[gi]);
		unsigned long load, avg_load = 0, runnable_load = 0;
		unsigned long spare_cap, max_spare_cap = 0;
		int local_group, i;

		if (!mask_intersects_allowed(&g, p)) {
			mask_free(&g);
			continue;
		}
		local_group = g.b[this_cpu];
		for (i = 0; i < g.n; i++) {
			long sp;

			if (!g.b[i])
				continue;
			load = S->rq[i].runnable_load_avg;
			runnable_load += load;
			avg_load += S->rq[i].load_avg;
			sp = (long)(capacity_of(W, i) -
				    cpu_util_without(W, i, p, is_new));
			spare_cap = sp > 0 ? (unsigned long)sp : 0;
			if (spare_cap > max_spare_cap)
				max_spare_cap = spare_cap;
		}
		avg_load = (avg_load * SCHED_CAPACITY_SCALE) /
			   group_capacity(W, &g);
		runnable_load = (runnable_load * SCHED_CAPACITY_SCALE) /
				group_capacity(W, &g);
		if (local_group) {
			this_runnable_load = runnable_load;
			this_avg_load = avg_load;
			this_spare = max_spare_cap;
		} else {
			if (min_runnable_load > (runnable_load + imbalance)) {
				min_runnable_load = runnable_load;
				min_avg_load = avg_load;
				idlest = ids[gi];
			} else if ((runnable_load <
				    (min_runnable_load + imbalance)) &&
				   (100 * min_avg_load >
				    imbalance_scale * avg_load)) {
				min_avg_load = avg_load;
				idlest = ids[gi];
			}
			if (most_spare < max_spare_cap) {
				most_spare = max_spare_cap;
				most_spare_sg = ids[gi];
			}
		}
		mask_free(&g);
	}
	if (sd_flag & EAS_SD_BALANCE_FORK)
		goto skip_spare;
	if (this_spare > task_util(p) / 2 &&
	    imbalance_scale * this_spare > 100 * most_spare)
		return -1;
	if (most_spare > task_util(p) / 2)
		return most_spare_sg;
skip_spare:
	if (idlest < 0)
		return -1;
	if ((sd_flags(W, sdl, this_cpu) & EAS_SD_NUMA) &&
	    min_runnable_load + imbalance >= this_runnable_load)
		return -1;
	if (min_runnable_load > (this_runnable_load + imbalance))
		return -1;
	if ((this_runnable_load < (min_runnable_load + imbalance)) &&
	    (100 * this_avg_load < imbalance_scale * min_avg_load))
		return -1;
	return idlest;
}

struct sg_lb_stats {
	unsigned long avg_load, group_load, group_capacity, group_util;
	unsigned long group_runnable;
	unsigned int sum_nr_running, sum_h_nr_running, idle_cpus;
	unsigned int group_weight;
	int group_type;
	unsigned long group_misfit_task_load;
	unsigned int group_overutilized; /* 7.1 */
};

enum { g_has_spare, g_fully_busy, g_misfit, g_smt, g_asym, g_imb, g_over };

static int group_classify(const struct world *W, unsigned int pct,
			  struct sg_lb_stats *sgs)
{
	int over = 0, cap;

	/* 7.1 group_is_overloaded(): "if (sched_energy_enabled() &&
	 * !sgs->group_overutilized) return false" before the 6.19 tests */
	if (W->v71 && sched_energy_enabled(W) && !sgs->group_overutilized)
		over = 0;
	else if (sgs->sum_nr_running > sgs->group_weight) {
		if ((sgs->group_capacity * 100) < (sgs->group_util * pct))
			over = 1;
		else if ((sgs->group_capacity * pct) <
			 (sgs->group_runnable * 100))
			over = 1;
	}
	if (over)
		return g_over;
	if (sgs->group_misfit_task_load)
		return g_misfit;
	if (sgs->sum_nr_running < sgs->group_weight)
		cap = 1;
	else if ((sgs->group_capacity * pct) < (sgs->group_runnable * 100))
		cap = 0;
	else
		cap = (sgs->group_capacity * 100) > (sgs->group_util * pct);
	return cap ? g_has_spare : g_fully_busy;
}

static void update_sg_wakeup_stats(const struct world *W, int sdl, int of,
				   const struct mask *g,
				   struct sg_lb_stats *sgs,
				   const struct eas_task *p, int is_new)
{
	unsigned int flags = sd_flags(W, sdl, of);
	int i;

	memset(sgs, 0, sizeof(*sgs));
	if (flags & EAS_SD_ASYM_CPUCAPACITY)
		sgs->group_misfit_task_load = 1;
	/* for_each_cpu_and(i, sched_group_span(group), p->cpus_ptr) */
	for (i = 0; i < g->n; i++) {
		int on, local;
		unsigned int nr_running;

		if (!g->b[i] || !cpus_ptr_test(p, i))
			continue;
		on = i == p->prev_cpu && !is_new;
		local = on && p->queued;
		if (on) {
			unsigned long l = S->rq[i].load_avg;

			lsub_positive(&l, p->h_load);
			sgs->group_load += l;
		} else {
			sgs->group_load += S->rq[i].load_avg;
		}
		sgs->group_util += cpu_util_without(W, i, p, is_new);
		if (on) {
			unsigned long r = S->rq[i].runnable_avg;

			lsub_positive(&r, p->runnable_avg);
			sgs->group_runnable += r;
		} else {
			sgs->group_runnable += S->rq[i].runnable_avg;
		}
		sgs->sum_h_nr_running +=
			S->rq[i].h_nr_running - (unsigned)local;
		nr_running = S->rq[i].nr_running - (unsigned)local;
		sgs->sum_nr_running += nr_running;
		if (!nr_running && (S->rq[i].idle || (on && p->is_current)))
			sgs->idle_cpus++;
		if ((flags & EAS_SD_ASYM_CPUCAPACITY) &&
		    sgs->group_misfit_task_load && task_fits_cpu(W, p, i))
			sgs->group_misfit_task_load = 0;
	}
	/* group->sgc->capacity, group->group_weight: the whole group */
	sgs->group_capacity = group_capacity(W, g);
	sgs->group_weight = (unsigned)mask_weight(g);
	/* update_sg_wakeup_stats() (7.1 unchanged) never sets
	 * group_overutilized: the memset leaves it 0 */
	sgs->group_type =
		group_classify(W, W->pf->levels[sdl].imbalance_pct, sgs);
	if (sgs->group_type == g_fully_busy || sgs->group_type == g_over)
		sgs->avg_load = (sgs->group_load * SCHED_CAPACITY_SCALE) /
				sgs->group_capacity;
}

static int update_pick_idlest(const struct world *W, int sdl, int idlest,
			      struct sg_lb_stats *idlest_sgs, int group,
			      struct sg_lb_stats *sgs)
{
	if (sgs->group_type < idlest_sgs->group_type)
		return 1;
	if (sgs->group_type > idlest_sgs->group_type)
		return 0;
	switch (sgs->group_type) {
	case g_over:
	case g_fully_busy:
		if (idlest_sgs->avg_load <= sgs->avg_load)
			return 0;
		break;
	case g_imb:
	case g_asym:
	case g_smt:
		return 0;
	case g_misfit: {
		struct mask a = group_span(W, sdl, idlest);
		struct mask b = group_span(W, sdl, group);
		int r = group_max_capacity(W, &a) >= group_max_capacity(W, &b);

		mask_free(&a);
		mask_free(&b);
		if (r)
			return 0;
		break;
	}
	case g_has_spare:
		if (idlest_sgs->idle_cpus > sgs->idle_cpus)
			return 0;
		if (idlest_sgs->idle_cpus == sgs->idle_cpus &&
		    idlest_sgs->group_util <= sgs->group_util)
			return 0;
		break;
	}
	return 1;
}

static int find_idlest_group619(const struct world *W, int sdl,
				const struct eas_task *p, int this_cpu,
				int is_new)
{
	int ids[4096 + 1], ng, gi, idlest = -1, local = -1;
	struct sg_lb_stats local_sgs, tmp_sgs, idlest_sgs;
	unsigned int pct = W->pf->levels[sdl].imbalance_pct;
	unsigned long imbalance;

	memset(&idlest_sgs, 0, sizeof(idlest_sgs));
	memset(&local_sgs, 0, sizeof(local_sgs));
	idlest_sgs.avg_load = 0xffffffffUL;
	idlest_sgs.group_type = g_over;
	ng = group_ring(W, sdl, this_cpu, ids);
	for (gi = 0; gi < ng; gi++) {
		struct mask g = group_span(W, sdl, ids[gi]);
		struct sg_lb_stats *sgs;
		int local_group;

		if (!mask_intersects_allowed(&g, p)) {
			mask_free(&g);
			continue;
		}
		local_group = g.b[this_cpu];
		if (local_group) {
			sgs = &local_sgs;
			local = ids[gi];
		} else {
			sgs = &tmp_sgs;
		}
		update_sg_wakeup_stats(W, sdl, this_cpu, &g, sgs, p, is_new);
		if (!local_group &&
		    update_pick_idlest(W, sdl, idlest, &idlest_sgs, ids[gi],
				       sgs)) {
			idlest = ids[gi];
			idlest_sgs = *sgs;
		}
		mask_free(&g);
	}
	if (idlest < 0)
		return -1;
	if (local < 0)
		return idlest;
	if (local_sgs.group_type < idlest_sgs.group_type)
		return -1;
	if (local_sgs.group_type > idlest_sgs.group_type)
		return idlest;
	switch (local_sgs.group_type) {
	case g_over:
	case g_fully_busy:
		imbalance = 1024UL * (pct - 100) / 100;
		if ((sd_flags(W, sdl, this_cpu) & EAS_SD_NUMA) &&
		    ((idlest_sgs.avg_load + imbalance) >= local_sgs.avg_load))
			return -1;
		if (idlest_sgs.avg_load >= (local_sgs.avg_load + imbalance))
			return -1;
		if (100 * local_sgs.avg_load <= pct * idlest_sgs.avg_load)
			return -1;
		break;
	case g_imb:
	case g_asym:
	case g_smt:
		return -1;
	case g_misfit: {
		struct mask a = group_span(W, sdl, local);
		struct mask b = group_span(W, sdl, idlest);
		int r = group_max_capacity(W, &a) >= group_max_capacity(W, &b);

		mask_free(&a);
		mask_free(&b);
		if (r)
			return -1;
		break;
	}
	case g_has_spare:
		if (local_sgs.idle_cpus >= idlest_sgs.idle_cpus)
			return -1;
		break;
	}
	return idlest;
}

static int find_idlest_group_cpu(const struct world *W, int sdl, int gid,
				 const struct eas_task *p, int this_cpu)
{
	struct mask g = group_span(W, sdl, gid);
	unsigned long load, min_load = ULONG_MAX_;
	unsigned int min_exit_latency = ~0u;
	unsigned long latest_idle_timestamp = 0;
	int least_loaded_cpu = this_cpu;
	int shallowest_idle_cpu = -1, si_cpu = -1;
	int i, r;

	if (mask_weight(&g) == 1) {
		r = mask_first(&g);
		mask_free(&g);
		return r;
	}
	for (i = 0; i < g.n; i++) {
		const struct eas_rq *rq = &S->rq[i];

		if (!g.b[i] || !cpus_ptr_test(p, i))
			continue;
		/* 6.19 sched_idle_cpu(i); 7.1 choose_sched_idle_rq(rq, p) */
		if (!W->v54 && choose_sched_idle_rq(W, i, p)) {
			mask_free(&g);
			return i;
		}
		if (available_idle_cpu(W, i)) {
			int has = rq->idle_exit_latency != 0;

			if (has && rq->idle_exit_latency < min_exit_latency) {
				min_exit_latency = rq->idle_exit_latency;
				latest_idle_timestamp = rq->idle_stamp;
				shallowest_idle_cpu = i;
			} else if ((!has || rq->idle_exit_latency ==
						    min_exit_latency) &&
				   rq->idle_stamp > latest_idle_timestamp) {
				latest_idle_timestamp = rq->idle_stamp;
				shallowest_idle_cpu = i;
			}
		} else if (shallowest_idle_cpu == -1 &&
			   (!W->v54 || si_cpu == -1)) {
			if (W->v54 && sched_idle_cpu(W, i)) {
				si_cpu = i;
				continue;
			}
			load = cpu_load(W, i);
			if (load < min_load) {
				min_load = load;
				least_loaded_cpu = i;
			}
		}
	}
	mask_free(&g);
	if (shallowest_idle_cpu != -1)
		return shallowest_idle_cpu;
	if (si_cpu != -1)
		return si_cpu;
	return least_loaded_cpu;
}

static int dom_index(const int *doms, int n, int l)
{
	int i;

	for (i = 0; i < n; i++)
		if (doms[i] == l)
			return i;
	return -1;
}

static int find_idlest_cpu(const struct world *W, int sdl,
			   const struct eas_task *p, int cpu, int prev_cpu,
			   unsigned int sd_flag, int is_new)
{
	int new_cpu = cpu, doms[64], nd;
	struct mask span = level_span(W, sdl, cpu);

	if (!mask_intersects_allowed(&span, p)) {
		mask_free(&span);
		return prev_cpu;
	}
	mask_free(&span);
	nd = domains_of(W, cpu, doms);
	while (sdl >= 0) {
		int group, weight, tmp, k;

		if (!(sd_flags(W, sdl, cpu) & sd_flag)) {
			k = dom_index(doms, nd, sdl);
			sdl = k > 0 ? doms[k - 1] : -1;
			continue;
		}
		if (W->v54)
			group = find_idlest_group54(W, sdl, p, cpu, sd_flag,
						    is_new);
		else
			group = find_idlest_group619(W, sdl, p, cpu, is_new);
		if (group < 0) {
			k = dom_index(doms, nd, sdl);
			sdl = k > 0 ? doms[k - 1] : -1;
			continue;
		}
		new_cpu = find_idlest_group_cpu(W, sdl, group, p, cpu);
		if (new_cpu == cpu) {
			k = dom_index(doms, nd, sdl);
			sdl = k > 0 ? doms[k - 1] : -1;
			continue;
		}
		cpu = new_cpu;
		weight = level_weight_raw(W, sdl, cpu);
		sdl = -1;
		nd = domains_of(W, cpu, doms);
		for (tmp = 0; tmp < nd; tmp++) {
			if (weight <= level_weight_raw(W, doms[tmp], cpu))
				break;
			if (sd_flags(W, doms[tmp], cpu) & sd_flag)
				sdl = doms[tmp];
		}
	}
	return new_cpu;
}

/* ---- fast path -------------------------------------------------------------- */

static int smt_active(const struct world *W)
{
	const struct eas_sd_level *lv;
	uint32_t s;

	if (!W->pf->nr_levels)
		return 0;
	lv = &W->pf->levels[0];
	for (s = 0; s < lv->nr_spans; s++)
		if (lv->span_flags[s] & EAS_SD_SHARE_CPUCAPACITY)
			return 1;
	return 0;
}

static struct mask cpu_smt_mask(const struct world *W, int cpu)
{
	struct mask m;

	if (W->pf->nr_levels &&
	    (sd_flags(W, 0, cpu) & EAS_SD_SHARE_CPUCAPACITY))
		return level_span(W, 0, cpu);
	m = mask_new(W);
	m.b[cpu] = true;
	return m;
}

static int asym_fits_cpu(const struct world *W, unsigned long util,
			 unsigned long umin, unsigned long umax, int cpu)
{
	if (!W->v54 && asym_key(W))
		return util_fits_cpu(W, util, umin, umax, cpu) > 0;
	return 1;
}

static int select_idle_capacity(const struct world *W, int sdl,
				const struct eas_task *p, int target)
{
	unsigned long task_util_v, util_min, util_max, best_cap = 0;
	int fits, best_fits = 0, cpu, best_cpu = -1, k = 0;
	struct mask cpus = level_span(W, sdl, target);

	for (cpu = 0; cpu < cpus.n; cpu++)
		if (!cpus_ptr_test(p, cpu))
			cpus.b[cpu] = false;
	task_util_v = task_util_est(W, p);
	util_min = p->uclamp_min;
	util_max = p->uclamp_max;
	while ((cpu = wrap_next(&cpus, target, &k)) >= 0) {
		unsigned long cpu_cap = capacity_of(W, cpu);

		if (!choose_idle_cpu(W, cpu, p))
			continue;
		fits = util_fits_cpu(W, task_util_v, util_min, util_max, cpu);
		if (fits > 0) {
			mask_free(&cpus);
			return cpu;
		} else if (fits < 0) {
			cpu_cap = get_actual_cpu_capacity(W, cpu);
		}
		if ((fits < best_fits) ||
		    ((fits == best_fits) && (cpu_cap > best_cap))) {
			best_cap = cpu_cap;
			best_cpu = cpu;
			best_fits = fits;
		}
	}
	mask_free(&cpus);
	return best_cpu;
}

static int select_idle_core54(const struct world *W, int llc,
			      const struct eas_task *p, int target)
{
	struct mask cpus;
	int core, cpu, k = 0;

	if (!smt_active(W))
		return -1;
	if (!S->rq[W->pf->cpus[target].sd_llc_id].has_idle_cores)
		return -1;
	cpus = level_span(W, llc, target);
	for (cpu = 0; cpu < cpus.n; cpu++)
		if (!cpus_ptr_test(p, cpu))
			cpus.b[cpu] = false;
	while ((core = wrap_next(&cpus, target, &k)) >= 0) {
		bool idle = true;
		struct mask smt = cpu_smt_mask(W, core);

		for (cpu = 0; cpu < smt.n; cpu++) {
			if (!smt.b[cpu])
				continue;
			cpus.b[cpu] = false;
			if (!available_idle_cpu(W, cpu))
				idle = false;
		}
		mask_free(&smt);
		if (idle) {
			mask_free(&cpus);
			return core;
		}
	}
	mask_free(&cpus);
	return -1;
}

static int select_idle_cpu54(const struct world *W, int llc,
			     const struct eas_task *p, int target)
{
	unsigned long avg_cost, avg_idle;
	int this = W->this_cpu;
	int cpu, nr = 0x7fffffff, si_cpu = -1, k = 0;
	struct mask span;

	if (W->pf->cpus[this].sd_llc < 0)
		return -1;
	span = level_span(W, llc, target);
	avg_idle = S->rq[this].avg_idle / 512;
	avg_cost = S->rq[W->pf->cpus[this].sd_llc_id].avg_scan_cost + 1;
	if (S->features & EAS_FEAT_SIS_PROP) {
		/* sd->span_weight: the platform's span (offline CPUs are
		 * skipped by scans, topology sizes stay as described) */
		unsigned long span_avg =
			(unsigned long)level_weight_raw(W, llc, target) *
			avg_idle;

		if (span_avg > 4 * avg_cost)
			nr = (int)(span_avg / avg_cost);
		else
			nr = 4;
	}
	while ((cpu = wrap_next(&span, target, &k)) >= 0) {
		if (!--nr) {
			mask_free(&span);
			return si_cpu;
		}
		if (!cpus_ptr_test(p, cpu))
			continue;
		if (available_idle_cpu(W, cpu))
			break;
		if (si_cpu == -1 && sched_idle_cpu(W, cpu))
			si_cpu = cpu;
	}
	mask_free(&span);
	return cpu; /* -1 when the scan ran out (cpu >= nr_cpumask_bits) */
}

static int select_idle_smt54(const struct world *W, const struct eas_task *p,
			     int target)
{
	int cpu, si_cpu = -1;
	struct mask smt;

	if (!smt_active(W))
		return -1;
	smt = cpu_smt_mask(W, target);
	for (cpu = 0; cpu < smt.n; cpu++) {
		if (!smt.b[cpu] || !cpus_ptr_test(p, cpu))
			continue;
		if (available_idle_cpu(W, cpu)) {
			mask_free(&smt);
			return cpu;
		}
		if (si_cpu == -1 && sched_idle_cpu(W, cpu))
			si_cpu = cpu;
	}
	mask_free(&smt);
	return si_cpu;
}

static int select_idle_sibling54(const struct world *W, struct eas_task *p,
				 int prev, int target)
{
	int i, recent_used_cpu, llc;

	if (available_idle_cpu(W, target) || sched_idle_cpu(W, target))
		return target;
	if (prev != target && cpus_share_cache(W, prev, target) &&
	    (available_idle_cpu(W, prev) || sched_idle_cpu(W, prev)))
		return prev;
	recent_used_cpu = p->recent_used_cpu;
	if (recent_used_cpu >= 0 && recent_used_cpu < (int)W->pf->nr_cpus &&
	    cpu_online(W, recent_used_cpu) && recent_used_cpu != prev &&
	    recent_used_cpu != target &&
	    cpus_share_cache(W, recent_used_cpu, target) &&
	    (available_idle_cpu(W, recent_used_cpu) ||
	     sched_idle_cpu(W, recent_used_cpu)) &&
	    cpus_ptr_test(p, recent_used_cpu)) {
		p->recent_used_cpu = prev;
		return recent_used_cpu;
	}
	llc = W->pf->cpus[target].sd_llc;
	if (llc < 0)
		return target;
	i = select_idle_core54(W, llc, p, target);
	if (i >= 0)
		return i;
	i = select_idle_cpu54(W, llc, p, target);
	if (i >= 0)
		return i;
	i = select_idle_smt54(W, p, target);
	if (i >= 0)
		return i;
	return target;
}

static int select_idle_core619(const struct world *W, const struct eas_task *p,
			       int core, struct mask *cpus, int *idle_cpu)
{
	bool idle = true;
	int cpu;
	struct mask smt = cpu_smt_mask(W, core);

	for (cpu = 0; cpu < smt.n; cpu++) {
		if (!smt.b[cpu])
			continue;
		if (!available_idle_cpu(W, cpu)) {
			idle = false;
			if (*idle_cpu == -1) {
				if (choose_sched_idle_rq(W, cpu, p) &&
				    cpus->b[cpu]) {
					*idle_cpu = cpu;
					break;
				}
				continue;
			}
			break;
		}
		if (*idle_cpu == -1 && cpus->b[cpu])
			*idle_cpu = cpu;
	}
	if (idle) {
		mask_free(&smt);
		return core;
	}
	for (cpu = 0; cpu < smt.n; cpu++)
		if (smt.b[cpu])
			cpus->b[cpu] = false;
	mask_free(&smt);
	return -1;
}

static int select_idle_cpu619(const struct world *W, int llc,
			      const struct eas_task *p, int has_idle_core,
			      int target)
{
	int i, cpu, idle_cpu = -1, nr = 0x7fffffff, k = 0;
	struct mask cpus;

	if (S->features & EAS_FEAT_SIS_UTIL) {
		nr = (int)S->rq[W->pf->cpus[target].sd_llc_id].nr_idle_scan + 1;
		if (nr == 1)
			return -1;
	}
	cpus = level_span(W, llc, target);
	for (cpu = 0; cpu < cpus.n; cpu++)
		if (!cpus_ptr_test(p, cpu))
			cpus.b[cpu] = false;
	/* 7.1: if (!cpumask_and(cpus, sched_domain_span(sd), p->cpus_ptr))
	 * return -1; */
	if (W->v71 && mask_empty(&cpus)) {
		mask_free(&cpus);
		return -1;
	}
	while ((cpu = wrap_next(&cpus, (target + 1) % cpus.n, &k)) >= 0) {
		if (has_idle_core) {
			i = select_idle_core619(W, p, cpu, &cpus, &idle_cpu);
			if (i >= 0) {
				mask_free(&cpus);
				return i;
			}
		} else {
			if (--nr <= 0) {
				mask_free(&cpus);
				return -1;
			}
			/* __select_idle_cpu(): 7.1 choose_idle_cpu() */
			if (choose_idle_cpu(W, cpu, p)) {
				idle_cpu = cpu;
				break;
			}
		}
	}
	mask_free(&cpus);
	return idle_cpu;
}

static int select_idle_smt619(const struct world *W, int llc,
			      const struct eas_task *p, int target)
{
	int cpu;
	struct mask smt = cpu_smt_mask(W, target);
	struct mask span = level_span(W, llc, target);

	for (cpu = 0; cpu < smt.n; cpu++) {
		if (!smt.b[cpu] || !cpus_ptr_test(p, cpu) || cpu == target)
			continue;
		if (!span.b[cpu])
			continue;
		if (choose_idle_cpu(W, cpu, p)) {
			mask_free(&smt);
			mask_free(&span);
			return cpu;
		}
	}
	mask_free(&smt);
	mask_free(&span);
	return -1;
}

static int select_idle_sibling619(const struct world *W, struct eas_task *p,
				  int prev, int target)
{
	int has_idle_core = 0, i, recent_used_cpu, llc;
	unsigned long task_util_v = 0, util_min = 0, util_max = 0;

	if (asym_key(W)) {
		task_util_v = task_util_est(W, p);
		util_min = p->uclamp_min;
		util_max = p->uclamp_max;
	}
	if (choose_idle_cpu(W, target, p) &&
	    asym_fits_cpu(W, task_util_v, util_min, util_max, target))
		return target;
	if (prev != target && cpus_share_cache(W, prev, target) &&
	    choose_idle_cpu(W, prev, p) &&
	    asym_fits_cpu(W, task_util_v, util_min, util_max, prev))
		return prev;
	if (W->current->per_cpu_kthread && prev == W->this_cpu &&
	    S->rq[W->this_cpu].nr_running <= 1 &&
	    asym_fits_cpu(W, task_util_v, util_min, util_max, prev))
		return prev;
	recent_used_cpu = p->recent_used_cpu;
	p->recent_used_cpu = prev;
	if (recent_used_cpu >= 0 && recent_used_cpu < (int)W->pf->nr_cpus &&
	    cpu_online(W, recent_used_cpu) && recent_used_cpu != prev &&
	    recent_used_cpu != target &&
	    cpus_share_cache(W, recent_used_cpu, target) &&
	    choose_idle_cpu(W, recent_used_cpu, p) &&
	    cpus_ptr_test(p, recent_used_cpu) &&
	    asym_fits_cpu(W, task_util_v, util_min, util_max, recent_used_cpu))
		return recent_used_cpu;
	if (asym_key(W)) {
		int sdl = W->pf->cpus[target].sd_asym;

		if (sdl >= 0) {
			i = select_idle_capacity(W, sdl, p, target);
			return i >= 0 ? i : target;
		}
	}
	llc = W->pf->cpus[target].sd_llc;
	if (llc < 0)
		return target;
	if (smt_active(W)) {
		has_idle_core =
			S->rq[W->pf->cpus[target].sd_llc_id].has_idle_cores;
		if (!has_idle_core && cpus_share_cache(W, prev, target)) {
			i = select_idle_smt619(W, llc, p, prev);
			if (i >= 0)
				return i;
		}
	}
	i = select_idle_cpu619(W, llc, p, has_idle_core, target);
	if (i >= 0)
		return i;
	return target;
}

/* ---- select_task_rq_fair ------------------------------------------------------- */

int ref_select_task_rq_fair(const struct eas_system *sys, struct eas_task *p,
			    struct eas_waker *current, uint32_t wake_flags,
			    struct eas_place_result *res)
{
	struct world w, *W = &w;
	unsigned int type =
		wake_flags & (EAS_WF_EXEC | EAS_WF_FORK | EAS_WF_TTWU);
	unsigned int sd_flag = type == EAS_WF_TTWU ? EAS_SD_BALANCE_WAKE :
			       type == EAS_WF_FORK ? EAS_SD_BALANCE_FORK :
						     EAS_SD_BALANCE_EXEC;
	int sync = (wake_flags & EAS_WF_SYNC) && !current->exiting;
	int cpu = current->cpu, prev_cpu = p->prev_cpu;
	int new_cpu = prev_cpu, want_affine = 0, sd = -1;
	int doms[64], nd, i;

	world_init(W, sys, current, cpu);
	res->eas_entered = false;
	res->affine_cpu = -1;
	res->want_affine = false;
	res->wake_wide = false;
	res->wake_cap = false;
	feec_init(&res->feec);
	res->feec.cpu = -1;
	if (type == EAS_WF_TTWU) {
		record_wakee(W, p, current);
		if (!W->v54 && (wake_flags & EAS_WF_CURRENT_CPU) &&
		    cpus_ptr_test(p, cpu)) {
			res->cpu = cpu;
			res->path = EAS_PATH_CURRENT_CPU;
			return cpu;
		}
		res->overutilized =
			sched_energy_enabled(W) && rd_overutilized(W);
		if (W->v54 ? sched_energy_enabled(W) :
			     (sched_energy_enabled(W) && !rd_overutilized(W))) {
			res->eas_entered = true;
			new_cpu = ref_feec(sys, p, (uint32_t)cpu, &res->feec);
			if (new_cpu >= 0) {
				res->cpu = new_cpu;
				res->path = EAS_PATH_EAS;
				return new_cpu;
			}
			new_cpu = prev_cpu;
		}
		res->wake_wide = wake_wide(W, p);
		res->wake_cap = W->v54 && wake_cap(W, p, cpu, prev_cpu);
		want_affine = !res->wake_wide && !res->wake_cap &&
			      cpus_ptr_test(p, cpu);
		res->want_affine = want_affine;
	}
	nd = domains_of(W, cpu, doms);
	for (i = 0; i < nd; i++) {
		int tmp = doms[i];
		unsigned int f = sd_flags(W, tmp, cpu);
		struct mask span;
		int has_prev;

		if (W->v54 && !(f & EAS_SD_LOAD_BALANCE))
			break;
		span = level_span(W, tmp, cpu);
		has_prev = span.b[prev_cpu] ||
			   eas_sd_contains(W->pf, (uint32_t)tmp, (uint32_t)cpu,
					   (uint32_t)prev_cpu);
		mask_free(&span);
		if (want_affine && (f & EAS_SD_WAKE_AFFINE) && has_prev) {
			if (cpu != prev_cpu) {
				new_cpu = wake_affine(W, tmp, p, cpu, prev_cpu,
						      sync);
				res->affine_cpu = new_cpu;
			}
			sd = -1;
			break;
		}
		if (f & sd_flag)
			sd = tmp;
		else if (!want_affine)
			break;
	}
	if (sd >= 0) {
		new_cpu = find_idlest_cpu(W, sd, p, cpu, prev_cpu, sd_flag,
					  type == EAS_WF_FORK);
		res->path = EAS_PATH_IDLEST;
	} else if (type == EAS_WF_TTWU) {
		int target = new_cpu;

		if (W->v54) {
			new_cpu =
				select_idle_sibling54(W, p, prev_cpu, new_cpu);
			if (want_affine)
				current->recent_used_cpu = cpu;
		} else {
			new_cpu =
				select_idle_sibling619(W, p, prev_cpu, new_cpu);
		}
		res->path = res->affine_cpu >= 0 && new_cpu == target ?
				    EAS_PATH_WAKE_AFFINE :
				    EAS_PATH_IDLE_SIBLING;
	} else {
		res->path = EAS_PATH_IDLEST;
	}
	res->cpu = new_cpu;
	return new_cpu;
}
