/* SPDX-License-Identifier: MIT */
/*
 * find_energy_efficient_cpu() of both flavours (kernel-eas.md §3.3, §3.5)
 * and compute_energy().
 *
 * Speed: the kernel calls compute_energy() up to three times per perf
 * domain, each a loop over the domain's CPUs. Here one pass per domain
 * gathers each CPU's base contribution (p removed) and the two largest
 * per-CPU frequency requests; the energy with p on a candidate dst then
 * follows in O(1), because every CPU other than dst sees exactly the
 * same utilisation with dst as with dst = -1 (cpu_util_next() /
 * cpu_util() only differ on dst itself). Results are bit-identical to the
 * literal kernel order (tests/oracle/ref_place.c checks it).
 */
#include "fast.h"
#include "sched_util.h"

#include <libeas/em.h>
#include <libeas/error.h>

/* ---- literal compute_energy() (public building block) ----------------- */

/* v5.4 compute_energy(p, dst_cpu, pd) (fair.c:6251) */
static uint64_t v54_compute_energy(const struct eas_system *sys,
				   const struct eas_task *p, int32_t dst,
				   const struct eas_perf_domain *pd)
{
	uint64_t max_util = 0, sum_util = 0;
	uint64_t cpu_cap = pd->capacity;
	uint32_t i;

	for (i = 0; i < pd->nr_cpus; i++) {
		uint32_t cpu = pd->cpus[i];
		uint64_t util_cfs, cpu_util;

		if (!eas__cpu_online(sys, cpu))
			continue;
		util_cfs = eas_cpu_util(sys, cpu, p, dst, false);
		sum_util += eas_schedutil_cpu_util(sys, cpu, util_cfs, cpu_cap,
						   EAS_ENERGY_UTIL, NULL);
		cpu_util = eas_schedutil_cpu_util(
			sys, cpu, util_cfs, cpu_cap, EAS_FREQUENCY_UTIL,
			(int32_t)cpu == dst ? p : NULL);
		max_util = eas__max_u64(max_util, cpu_util);
	}
	/* em_pd_energy() result returned as long, then stored in an
	 * unsigned long by the caller: the bits are unchanged. */
	return eas_em_pd_energy(pd, max_util, sum_util);
}

/* v6.19 struct energy_env */
struct energy_env {
	uint64_t task_busy_time;
	uint64_t pd_busy_time;
	uint64_t cpu_cap;
	uint64_t pd_cap;
};

/* v6.19 eenv_task_busy_time(eenv, p, prev_cpu) (fair.c:8159) */
static uint64_t v619_task_busy_time(const struct eas_system *sys,
				    const struct eas_task *p, uint32_t prev_cpu)
{
	uint64_t max_cap = sys->pf->cpus[prev_cpu].capacity;
	uint64_t irq = eas__irq_util(sys, prev_cpu);

	if (irq >= max_cap)
		return max_cap;
	return eas_task_util_est(sys, p) * (max_cap - irq) / max_cap;
}

/* The per-CPU frequency request of eenv_pd_max_util() (fair.c:8218),
 * before the min(.., eenv->cpu_cap). */
static uint64_t v619_cpu_perf(const struct eas_system *sys, uint32_t cpu,
			      const struct eas_task *p, int32_t dst)
{
	uint64_t util = eas_cpu_util(sys, cpu, p, dst, true);
	uint64_t lo, hi, eff;

	eff = eas_effective_cpu_util(sys, cpu, util, &lo, &hi);
	if ((int32_t)cpu == dst && eas__uclamp_on(sys)) {
		lo = eas__max_u64(lo, p->uclamp_min);
		if (eas__uclamp_rq_is_idle(sys, cpu))
			hi = p->uclamp_max;
		else
			hi = eas__max_u64(hi, p->uclamp_max);
	}
	return eas_sugov_effective_cpu_perf(eff, lo, hi);
}

/* One CPU's share of eenv_pd_busy_time() (fair.c:8194). */
static uint64_t v619_cpu_busy(const struct eas_system *sys, uint32_t cpu,
			      const struct eas_task *p)
{
	return eas_effective_cpu_util(
		sys, cpu, eas_cpu_util(sys, cpu, p, -1, false), NULL, NULL);
}

/* v6.19 compute_energy(eenv, pd, cpus = pd & online, p, dst) with the
 * energy_env feec() would have built for this domain. */
static uint64_t v619_compute_energy(const struct eas_system *sys,
				    const struct eas_task *p, int32_t dst,
				    const struct eas_perf_domain *pd)
{
	struct energy_env eenv = { 0 };
	uint64_t max_util = 0, busy = 0;
	int32_t first = -1;
	uint32_t i;

	for (i = 0; i < pd->nr_cpus; i++) {
		uint32_t cpu = pd->cpus[i];

		if (!eas__cpu_online(sys, cpu))
			continue;
		if (first < 0) {
			first = (int32_t)cpu;
			eenv.cpu_cap = eas_actual_cpu_capacity(sys, cpu);
		}
		eenv.pd_cap += eenv.cpu_cap;
	}
	if (first < 0)
		return 0;
	eenv.task_busy_time =
		v619_task_busy_time(sys, p, (uint32_t)p->prev_cpu);
	for (i = 0; i < pd->nr_cpus; i++) {
		uint32_t cpu = pd->cpus[i];

		if (!eas__cpu_online(sys, cpu))
			continue;
		busy += v619_cpu_busy(sys, cpu, p);
		max_util =
			eas__max_u64(max_util, v619_cpu_perf(sys, cpu, p, dst));
	}
	eenv.pd_busy_time = eas__min_u64(eenv.pd_cap, busy);
	max_util = eas__min_u64(max_util, eenv.cpu_cap);
	busy = eenv.pd_busy_time;
	if (dst >= 0)
		busy = eas__min_u64(eenv.pd_cap, busy + eenv.task_busy_time);
	return eas_em_cpu_energy(pd, max_util, busy, eenv.cpu_cap);
}

uint64_t eas_compute_energy(const struct eas_system *sys,
			    const struct eas_task *p, int32_t dst, uint32_t pd)
{
	const struct eas_perf_domain *d = &sys->pf->pds[pd];

	if (eas__is_v54(sys))
		return v54_compute_energy(sys, p, dst, d);
	return v619_compute_energy(sys, p, dst, d);
}

/* ---- fused per-CPU landscape (hot loop) --------------------------------- */

/*
 * The hot loops below need, for every CPU of a perf domain, the same
 * quantities the kernel computes through several calls (cpu_util_next() /
 * cpu_util() with dst -1 and dst = cpu, schedutil_cpu_util() ENERGY and
 * FREQUENCY, effective_cpu_util() + sugov_effective_cpu_perf()). These
 * helpers compute them in one go from one read of the rq, with exactly
 * the arithmetic of the public functions in sched_util.c (the
 * differential tests compare against the literal oracle).
 */
static inline uint64_t sub_pos(uint64_t a, uint64_t b)
{
	return a - (a < b ? a : b);
}

/* sugov_effective_cpu_perf() (= eas_sugov_effective_cpu_perf()), inlined */
static inline uint64_t sugov_perf(uint64_t actual, uint64_t min, uint64_t max)
{
	actual += actual >> 2;
	if (actual < max)
		max = actual;
	return eas__max_u64(min, max);
}

/* task constants shared by every CPU of one decision */
struct task_c {
	uint64_t tu; /* task_util(p) */
	uint64_t te; /* _task_util_est(p) */
	bool est_on; /* sched_feat(UTIL_EST) */
	bool rm_est; /* v6.19: p queued or current */
};

static void task_c_init(const struct eas_system *sys, const struct eas_task *p,
			struct task_c *t)
{
	t->tu = p->util_avg;
	t->te = eas__task_util_est_raw(sys, p);
	t->est_on = eas__util_est(sys);
	t->rm_est = p->queued || p->is_current;
}

/* v5.4 cpu_util(cpu) / v6.19 cpu_util_cfs(cpu): p not removed, for
 * cpu_overutilized() */
static inline uint64_t cpu_util_full(const struct eas_rq *rq, uint64_t cap,
				     const struct task_c *t)
{
	uint64_t u = rq->util_avg;

	if (t->est_on && rq->util_est > u)
		u = rq->util_est;
	return eas__min_u64(u, cap);
}

/* rd->overutilized computed inside the scan (eas__feec()) */
#define LAZY_NOTE 1 /* record it, keep going (public v6.19 feec) */
#define LAZY_STOP 2 /* stop at the first overutilized CPU */

/* v5.4: cpu_util_next(cpu, p, -1) -> *u0 and cpu_util_next(cpu, p, cpu) */
static inline uint64_t v54_utils(const struct eas_rq *rq, uint64_t cap, bool on,
				 const struct task_c *t, uint64_t *u0)
{
	uint64_t u = rq->util_avg, n, d;

	n = on ? sub_pos(u, t->tu) : u;
	d = on ? u : u + t->tu;
	if (t->est_on) {
		uint64_t e = rq->util_est;

		n = eas__max_u64(n, e);
		d = eas__max_u64(d, e + t->te);
	}
	*u0 = eas__min_u64(n, cap);
	return eas__min_u64(d, cap);
}

/* v5.4 schedutil_cpu_util(cpu, u, max, ENERGY, NULL) -> return value and
 * (.., FREQUENCY_UTIL, NULL) -> *freq */
static inline uint64_t v54_su_both(const struct eas_system *sys,
				   const struct eas_rq *rq, uint64_t u,
				   uint64_t max, uint64_t *freq)
{
	uint64_t irq =
		(eas__features(sys) & EAS_FEAT_AVG_IRQ) ? rq->irq_util_avg : 0;
	uint64_t x, e, f;

	if (irq >= max) {
		*freq = max;
		return max;
	}
	x = u + rq->rt_util_avg;
	/* ENERGY_UTIL */
	if (x + rq->dl_util_avg >= max) {
		e = max;
	} else {
		e = x + rq->dl_util_avg;
		if (irq || max > UINT32_MAX)
			e = e * (max - irq) / max + irq;
		e = eas__min_u64(max, e);
	}
	/* FREQUENCY_UTIL */
	if (!(eas__features(sys) & EAS_FEAT_UCLAMP_BUILT)) {
		if (rq->rt_nr_running) {
			*freq = max;
			return e;
		}
	} else {
		uint64_t lo = rq->uclamp_min, hi = rq->uclamp_max;

		x = lo >= hi ? lo : (x < lo ? lo : (x > hi ? hi : x));
	}
	if (x + rq->dl_util_avg >= max) {
		f = max;
	} else {
		f = x;
		if (irq || max > UINT32_MAX)
			f = f * (max - irq) / max + irq;
		f += (rq->dl_running_bw * EAS__SCALE) >> EAS__BW_SHIFT;
		f = eas__min_u64(max, f);
	}
	*freq = f;
	return e;
}

/* v6.19: cpu_util(cpu, p, -1, 0) -> *busy_u, cpu_util(cpu, p, -1, 1) ->
 * *boost_u, return cpu_util(cpu, p, cpu, 0) */
static inline uint64_t v619_utils(const struct eas_rq *rq, uint64_t cap,
				  bool on, const struct task_c *t,
				  uint64_t *busy_u, uint64_t *boost_u)
{
	uint64_t u = rq->util_avg, ub = eas__max_u64(u, rq->runnable_avg);
	uint64_t n, nb, d;

	if (on) {
		n = sub_pos(u, t->tu);
		nb = sub_pos(ub, t->tu);
		d = u;
	} else {
		n = u;
		nb = ub;
		d = u + t->tu;
	}
	if (t->est_on) {
		uint64_t e = rq->util_est;
		uint64_t en = t->rm_est ? sub_pos(e, t->te) : e;

		n = eas__max_u64(n, en);
		nb = eas__max_u64(nb, en);
		d = eas__max_u64(d, e + t->te);
	}
	*busy_u = eas__min_u64(n, cap);
	*boost_u = eas__min_u64(nb, cap);
	return eas__min_u64(d, cap);
}

/* v6.19 effective_cpu_util() (min / max via v619_minmax) */
static inline uint64_t v619_eff(uint64_t u, uint64_t rtdl, uint64_t irq,
				uint64_t scale)
{
	uint64_t x = u + rtdl;

	if (x >= scale)
		return scale;
	if (irq || scale > UINT32_MAX)
		x = x * (scale - irq) / scale + irq;
	return eas__min_u64(scale, x);
}

/* v6.19: a CPU's share of eenv_pd_busy_time() -> *busy and its request in
 * eenv_pd_max_util() when it is not dst -> return value */
static inline uint64_t v619_busy_perf(const struct eas_system *sys,
				      const struct eas_rq *rq, uint64_t scale,
				      uint64_t busy_u, uint64_t boost_u,
				      uint64_t *busy)
{
	bool uc = (eas__features(sys) & EAS_FEAT_UCLAMP_USED) != 0;
	uint64_t irq =
		(eas__features(sys) & EAS_FEAT_AVG_IRQ) ? rq->irq_util_avg : 0;
	uint64_t rtdl, lo, hi, eff;

	if (irq >= scale) {
		*busy = scale;
		return sugov_perf(scale, scale, scale);
	}
	rtdl = rq->rt_util_avg + rq->dl_util_avg;
	*busy = v619_eff(busy_u, rtdl, irq, scale);
	eff = boost_u == busy_u ? *busy : v619_eff(boost_u, rtdl, irq, scale);
	lo = eas__max_u64(
		irq + ((rq->dl_running_bw * EAS__SCALE) >> EAS__BW_SHIFT),
		uc ? rq->uclamp_min : 0u);
	if (!uc && rq->rt_nr_running)
		lo = eas__max_u64(lo, scale);
	hi = eas__min_u64(scale, uc ? rq->uclamp_max : EAS__SCALE);
	return sugov_perf(eff, lo, hi);
}

/* v6.19: dst's request in eenv_pd_max_util(): cpu_util(dst, p, dst, 1),
 * effective_cpu_util() with min / max, p's uclamp, headroom (the fused
 * equivalent of v619_cpu_perf(sys, dst, p, dst)) */
static uint64_t v619_dst_perf(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t dst)
{
	const struct eas_rq *rq = &sys->rq[dst];
	uint64_t scale = sys->pf->cpus[dst].capacity;
	bool uc = (eas__features(sys) & EAS_FEAT_UCLAMP_USED) != 0;
	uint64_t irq =
		(eas__features(sys) & EAS_FEAT_AVG_IRQ) ? rq->irq_util_avg : 0;
	uint64_t u = eas__max_u64(rq->util_avg, rq->runnable_avg);
	uint64_t lo, hi, eff;

	if (p->prev_cpu != (int32_t)dst)
		u += p->util_avg;
	if (eas__util_est(sys))
		u = eas__max_u64(u,
				 rq->util_est + eas__task_util_est_raw(sys, p));
	u = eas__min_u64(u, scale);
	if (!(rq->rt_util_avg | rq->dl_util_avg | rq->irq_util_avg |
	      rq->dl_running_bw | rq->rt_nr_running | uc) &&
	    scale <= UINT32_MAX)
		/* quiet CPU: effective_cpu_util() is u (<= scale), min 0,
		 * max min(scale, 1024) */
		return eas__min_u64(u + (u >> 2),
				    eas__min_u64(scale, EAS__SCALE));
	if (irq >= scale) {
		eff = lo = hi = scale;
	} else {
		eff = v619_eff(u, rq->rt_util_avg + rq->dl_util_avg, irq,
			       scale);
		lo = eas__max_u64(irq + ((rq->dl_running_bw * EAS__SCALE) >>
					 EAS__BW_SHIFT),
				  uc ? rq->uclamp_min : 0u);
		if (!uc && rq->rt_nr_running)
			lo = eas__max_u64(lo, scale);
		hi = eas__min_u64(scale, uc ? rq->uclamp_max : EAS__SCALE);
	}
	if (uc) {
		lo = eas__max_u64(lo, p->uclamp_min);
		hi = rq->uclamp_idle ? p->uclamp_max :
				       eas__max_u64(hi, p->uclamp_max);
	}
	return sugov_perf(eff, lo, hi);
}

/* ---- feec --------------------------------------------------------------- */

/* The base landscape of one perf domain: sum of per-CPU busy figures and
 * the two largest per-CPU frequency requests (p removed everywhere). */
struct pd_base {
	uint64_t sum;
	uint64_t max1, max2;
	int32_t max1_cpu;
};

static inline void base_add_max(struct pd_base *b, uint64_t v, uint32_t cpu)
{
	if (b->max1_cpu < 0 || v > b->max1) {
		b->max2 = b->max1;
		b->max1 = v;
		b->max1_cpu = (int32_t)cpu;
	} else if (v > b->max2) {
		b->max2 = v;
	}
}

/* max over the domain's CPUs other than dst */
static inline uint64_t base_max_without(const struct pd_base *b, uint32_t dst)
{
	return b->max1_cpu == (int32_t)dst ? b->max2 : b->max1;
}

/* what the energy model was given: max_util and sum_util */
struct em_in {
	uint64_t max_util, sum_util;
};

/* the state the flavour's energy model picks for e (EAS_NO_OPP: none) */
static uint32_t em_state(const struct eas_system *sys,
			 const struct eas_perf_domain *pd,
			 const struct em_in *e)
{
	if (!pd->nr_perf_states)
		return EAS_NO_OPP;
	if (eas__is_v54(sys))
		return eas_em_pd_state(pd, e->max_util);
	/* em_cpu_energy(): sum_util 0 returns before choosing a state;
	 * max_util is already min(.., cpu_cap) (eenv_pd_max_util()) */
	if (!e->sum_util)
		return EAS_NO_OPP;
	return eas_em_pd_get_efficient_state(pd, e->max_util);
}

#if defined(__GNUC__)
#define RECORD_COLD __attribute__((noinline, cold))
#else
#define RECORD_COLD
#endif

/* one candidate into the caller's array (only when there is one) */
static RECORD_COLD void record_rec(const struct eas_system *sys,
				   struct eas_feec_result *r, int32_t cpu,
				   uint32_t pdi, uint64_t energy, uint64_t base,
				   int64_t spare, int32_t fits, bool is_prev,
				   const struct em_in *e,
				   const struct em_in *be)
{
	const struct eas_perf_domain *pd = &sys->pf->pds[pdi];
	struct eas_place_candidate *c;

	if (r->nr_candidates >= r->max_candidates)
		return;
	c = &r->candidates[r->nr_candidates++];
	c->max_util = e->max_util;
	c->sum_util = e->sum_util;
	c->opp = em_state(sys, pd, e);
	c->opp_khz = c->opp == EAS_NO_OPP ? 0 : pd->table[c->opp].frequency_khz;
	c->base_max_util = be->max_util;
	c->base_sum_util = be->sum_util;
	c->base_opp = em_state(sys, pd, be);
	c->base_opp_khz = c->base_opp == EAS_NO_OPP ?
				  0 :
				  pd->table[c->base_opp].frequency_khz;
	c->cpu = cpu;
	c->perf_domain = pdi;
	c->energy = energy;
	c->base_energy = base;
	c->delta = energy - base;
	c->spare_cap = spare;
	c->fits = fits;
	c->is_prev = is_prev;
}

static inline void record(const struct eas_system *sys,
			  struct eas_feec_result *r, int32_t cpu, uint32_t pdi,
			  uint64_t energy, uint64_t base, int64_t spare,
			  int32_t fits, bool is_prev, const struct em_in *e,
			  const struct em_in *be)
{
	r->nr_computed++;
	if (r->candidates)
		record_rec(sys, r, cpu, pdi, energy, base, spare, fits, is_prev,
			   e, be);
}

static void result_init(struct eas_feec_result *r)
{
	r->nr_candidates = 0;
	r->nr_computed = 0;
	r->cpu = -1;
	r->reason = EAS_FEEC_NOT_RUN;
	r->overutilized = false;
	r->best_cpu = -1;
	r->base_energy = 0;
	r->prev_delta = UINT64_MAX;
	r->best_delta = UINT64_MAX;
	r->margin = 0;
	r->prev_fits = -1;
	r->best_fits = -1;
	r->task_busy_time = 0;
}

/* v5.4: energy of pd with p on dst, from the base landscape */
static uint64_t v54_energy_with(const struct eas_system *sys,
				const struct eas_task *p,
				const struct eas_perf_domain *pd,
				const struct pd_base *b, uint32_t dst,
				struct em_in *ei)
{
	uint64_t cap = pd->capacity;
	uint64_t u0 = eas_cpu_util(sys, dst, p, -1, false);
	uint64_t u1 = eas_cpu_util(sys, dst, p, (int32_t)dst, false);
	uint64_t s0 = eas_schedutil_cpu_util(sys, dst, u0, cap, EAS_ENERGY_UTIL,
					     NULL);
	uint64_t s1 = eas_schedutil_cpu_util(sys, dst, u1, cap, EAS_ENERGY_UTIL,
					     NULL);
	uint64_t f1 = eas_schedutil_cpu_util(sys, dst, u1, cap,
					     EAS_FREQUENCY_UTIL, p);
	uint64_t mx = eas__max_u64(base_max_without(b, dst), f1);

	ei->max_util = mx;
	ei->sum_util = b->sum - s0 + s1;
	return eas_em_pd_energy(pd, mx, ei->sum_util);
}

/* v5.4 find_energy_efficient_cpu() (fair.c:6334) */
static int32_t v54_feec(const struct eas_system *sys, const struct eas_task *p,
			uint32_t this_cpu, bool lazy, struct eas_feec_result *r)
{
	const struct eas_platform *pf = sys->pf;
	uint64_t prev_delta = UINT64_MAX, best_delta = UINT64_MAX;
	uint64_t base_energy = 0;
	int32_t prev = p->prev_cpu, best = prev;
	bool uc_built = (eas__features(sys) & EAS_FEAT_UCLAMP_BUILT) != 0;
	struct em_in ei, be;
	const uint32_t *span;
	struct task_c tc;
	uint32_t k, sid;
	int32_t sd;

	if (!pf->eas_possible || !pf->nr_pds) {
		r->reason = EAS_FEEC_NO_PD;
		return -1;
	}
	sd = eas__asym_sd_covering(sys, this_cpu, (uint32_t)prev);
	/* the fused scan below needs sd and a non-zero util: otherwise
	 * take rd->overutilized from the plain scan first */
	if (lazy && (sd < 0 || !eas_task_util_est(sys, p))) {
		lazy = false;
		r->overutilized = eas_is_overutilized(sys);
	}
	if (r->overutilized) {
		r->reason = EAS_FEEC_OVERUTILIZED;
		return -1;
	}
	if (sd < 0) {
		r->reason = EAS_FEEC_NO_ASYM_SD;
		return -1;
	}
	/* task_util_est() is never 0 in v5.4 (the "| 1"), kept for form. */
	if (!eas_task_util_est(sys, p)) {
		r->reason = EAS_FEEC_ZERO_UTIL;
		return prev;
	}
	task_c_init(sys, p, &tc);
	/* eas_sd_contains(pf, sd, this_cpu, cpu) hoisted */
	span = pf->levels[sd].cpu_span;
	sid = span[this_cpu];
	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t pdi = pf->pd_order[k];
		const struct eas_perf_domain *pd = &pf->pds[pdi];
		const uint64_t pd_cap = pd->capacity;
		struct pd_base b = { 0, 0, 0, -1 };
		uint64_t max_spare = 0, base_pd, prev_spare = 0;
		int32_t max_cpu = -1;
		bool prev_here = false;
		uint32_t i;

		for (i = 0; i < pd->nr_cpus; i++) {
			uint32_t cpu = pd->cpus[i];
			const struct eas_rq *rq = &sys->rq[cpu];
			uint64_t u0, util, cap, spare, freq, q;

			if (!rq->online)
				continue;
			/* base: compute_energy(p, -1, pd) contribution */
			util = v54_utils(rq, pd_cap, (int32_t)cpu == prev, &tc,
					 &u0);
			q = rq->rt_util_avg | rq->dl_util_avg |
			    rq->irq_util_avg;
			if (!(q | rq->dl_running_bw | rq->rt_nr_running |
			      uc_built) &&
			    pd_cap <= UINT32_MAX) {
				/* quiet CPU: both schedutil_cpu_util() values
				 * are u0 (u0 <= max, no irq scaling) */
				b.sum += u0;
				base_add_max(&b, u0, cpu);
			} else {
				b.sum +=
					v54_su_both(sys, rq, u0, pd_cap, &freq);
				base_add_max(&b, freq, cpu);
			}
			if (!(q | rq->hw_pressure | rq->cpufreq_max_khz |
			      rq->capacity_of) &&
			    pf->cpus[cpu].capacity)
				cap = pf->cpus[cpu].capacity;
			else
				cap = eas__capacity_of(sys, cpu);
			/* fused rd->overutilized: cpu_overutilized(cpu) */
			if (lazy &&
			    !eas_fits_capacity(
				    cpu_util_full(rq, pf->cpus[cpu].capacity,
						  &tc),
				    cap))
				goto overutilized;
			/* candidates: pd & sd span & p->cpus_ptr */
			if (span[cpu] != sid || !eas__cpu_allowed(p, cpu))
				continue;
			if (!eas_fits_capacity(util, cap))
				continue;
			spare = cap - util;
			if ((int32_t)cpu == prev) {
				prev_here = true;
				prev_spare = spare;
			}
			if (spare > max_spare) {
				max_spare = spare;
				max_cpu = (int32_t)cpu;
			}
		}
		base_pd = eas_em_pd_energy(pd, b.max1, b.sum);
		base_energy += base_pd;
		be.max_util = b.max1;
		be.sum_util = b.sum;
		if (prev_here) {
			uint64_t e = v54_energy_with(sys, p, pd, &b,
						     (uint32_t)prev, &ei);

			prev_delta = e - base_pd;
			best_delta = eas__min_u64(best_delta, prev_delta);
			record(sys, r, prev, pdi, e, base_pd,
			       (int64_t)prev_spare, 1, true, &ei, &be);
		}
		if (max_cpu >= 0 && max_cpu != prev) {
			uint64_t e = v54_energy_with(sys, p, pd, &b,
						     (uint32_t)max_cpu, &ei);
			uint64_t cur = e - base_pd;

			record(sys, r, max_cpu, pdi, e, base_pd,
			       (int64_t)max_spare, 1, false, &ei, &be);
			if (cur < best_delta) {
				best_delta = cur;
				best = max_cpu;
			}
		}
	}
	r->base_energy = base_energy;
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	r->best_cpu = best;
	if (prev_delta == UINT64_MAX) {
		r->reason = best == prev ? EAS_FEEC_NO_CANDIDATE :
					   EAS_FEEC_PREV_UNFIT;
		return best;
	}
	r->margin = (prev_delta + base_energy) >> 4;
	if (prev_delta - best_delta > r->margin) {
		r->reason = EAS_FEEC_ENERGY;
		return best;
	}
	r->reason = best != prev && best_delta < prev_delta ?
			    EAS_FEEC_PREV_MARGIN :
			    EAS_FEEC_PREV_BEST;
	return prev;
overutilized:
	/* as if feec had returned at its rd->overutilized test */
	result_init(r);
	r->overutilized = true;
	r->reason = EAS_FEEC_OVERUTILIZED;
	return -1;
}

/* v6.19: energy of pd with p on dst, from the base landscape */
static uint64_t
v619_energy_with(const struct eas_system *sys, const struct eas_task *p,
		 const struct eas_perf_domain *pd, const struct pd_base *b,
		 const struct energy_env *eenv, int32_t dst, struct em_in *ei)
{
	uint64_t mx, busy;

	if (dst < 0) {
		mx = b->max1;
		busy = eenv->pd_busy_time;
	} else {
		mx = eas__max_u64(base_max_without(b, (uint32_t)dst),
				  v619_dst_perf(sys, p, (uint32_t)dst));
		busy = eas__min_u64(eenv->pd_cap,
				    eenv->pd_busy_time + eenv->task_busy_time);
	}
	mx = eas__min_u64(mx, eenv->cpu_cap);
	ei->max_util = mx;
	ei->sum_util = busy;
	return eas_em_cpu_energy(pd, mx, busy, eenv->cpu_cap);
}

/* v6.19 find_energy_efficient_cpu() (fair.c:8321) */
static int32_t v619_feec(const struct eas_system *sys, const struct eas_task *p,
			 uint32_t this_cpu, int lazy, struct eas_feec_result *r)
{
	const struct eas_platform *pf = sys->pf;
	bool uc = eas__uclamp_on(sys);
	uint64_t p_min = uc ? p->uclamp_min : 0;
	uint64_t p_max = uc ? p->uclamp_max : EAS__SCALE;
	uint64_t prev_delta = UINT64_MAX, best_delta = UINT64_MAX;
	uint64_t best_cap = 0, prev_cap = 0;
	/* explanation only: the winner's own delta, the lowest computed */
	uint64_t win_delta = UINT64_MAX, min_delta = UINT64_MAX;
	struct em_in ei, be;
	int32_t prev = p->prev_cpu, best = prev, target;
	int32_t prev_fits = -1, best_fits = -1;
	struct energy_env eenv = { 0 };
	const struct eas_rq *rqs = sys->rq;
	bool ou_seen = false;
	const uint32_t *span;
	struct task_c tc;
	uint32_t k, sid;
	int32_t sd;

	if (!pf->eas_possible || !pf->nr_pds) {
		r->reason = EAS_FEEC_NO_PD;
		return -1;
	}
	sd = eas__asym_sd_covering(sys, this_cpu, (uint32_t)prev);
	target = prev;
	/* the fused scan needs the loop: otherwise the plain scan */
	if (lazy && (sd < 0 || (!eas_task_util_est(sys, p) && p_min == 0))) {
		r->overutilized = eas_is_overutilized(sys);
		if (r->overutilized && lazy == LAZY_STOP)
			goto overutilized;
		lazy = 0;
	}
	if (sd < 0) {
		r->reason = EAS_FEEC_NO_ASYM_SD;
		return -1;
	}
	if (!eas_task_util_est(sys, p) && p_min == 0) {
		r->reason = EAS_FEEC_ZERO_UTIL;
		return target;
	}
	eenv.task_busy_time = v619_task_busy_time(sys, p, (uint32_t)prev);
	r->task_busy_time = eenv.task_busy_time;
	task_c_init(sys, p, &tc);
	/* eas_sd_contains(pf, sd, this_cpu, cpu) hoisted */
	span = pf->levels[sd].cpu_span;
	sid = span[this_cpu];
	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t pdi = pf->pd_order[k];
		const struct eas_perf_domain *pd = &pf->pds[pdi];
		/* reset per domain only: the kernel's carry-over quirk */
		uint64_t umin = p_min, umax = p_max;
		int64_t prev_spare = -1, max_spare = -1;
		int32_t max_cpu = -1, max_fits = -1, pfits = -1;
		struct pd_base b = { 0, 0, 0, -1 };
		uint64_t busy = 0, actual_cap = 0, base;
		bool any = false;
		uint32_t i;

		eenv.pd_cap = 0;
		for (i = 0; i < pd->nr_cpus; i++) {
			uint32_t cpu = pd->cpus[i];
			const struct eas_rq *rq;
			uint64_t util, cap, scale, bu, bb, cb, q;
			int fits;

			rq = &rqs[cpu];
			if (!rq->online)
				continue;
			scale = pf->cpus[cpu].capacity;
			if (!any) {
				any = true;
				/* get_actual_cpu_capacity(): no HW pressure and
				 * no cpufreq cap (cpufreq_get_pressure() 0)
				 * leave the arch capacity */
				actual_cap = !(rq->hw_pressure |
					       rq->cpufreq_max_khz) ?
						     scale :
						     eas_actual_cpu_capacity(
							     sys, cpu);
				eenv.cpu_cap = actual_cap;
			}
			eenv.pd_cap += actual_cap;
			/* base landscape (eenv_pd_busy_time + max util) */
			util = v619_utils(rq, scale, (int32_t)cpu == prev, &tc,
					  &bu, &bb);
			q = rq->rt_util_avg | rq->dl_util_avg |
			    rq->irq_util_avg;
			if (!(q | rq->dl_running_bw | rq->rt_nr_running | uc) &&
			    scale <= UINT32_MAX) {
				/* quiet CPU: v619_busy_perf() exactly */
				base_add_max(
					&b,
					eas__min_u64(bb + (bb >> 2),
						     eas__min_u64(scale,
								  EAS__SCALE)),
					cpu);
				busy += bu;
			} else {
				base_add_max(&b,
					     v619_busy_perf(sys, rq, scale, bu,
							    bb, &cb),
					     cpu);
				busy += cb;
			}

			if (!(q | rq->hw_pressure | rq->cpufreq_max_khz |
			      rq->capacity_of) &&
			    scale)
				cap = scale; /* eas__capacity_of() fast path */
			else
				cap = eas__capacity_of(sys, cpu);
			/* fused rd->overutilized (no uclamp): cpu_overutilized()
			 * = !fits_capacity(cpu_util_cfs(cpu), capacity_of()) */
			if (lazy && !ou_seen &&
			    !eas_fits_capacity(cpu_util_full(rq, scale, &tc),
					       cap)) {
				ou_seen = true;
				if (lazy == LAZY_STOP)
					goto overutilized;
			}
			if (span[cpu] != sid || !eas__cpu_allowed(p, cpu))
				continue;
			if (!uc) {
				/* util_fits_cpu() = fits_capacity() (0 / 1), so
				 * util < cap and every CPU kept has fits 1: the
				 * tests below reduce to the spare comparison */
				if (!eas_fits_capacity(util, cap))
					continue;
				if ((int32_t)cpu == prev) {
					prev_spare = (int64_t)(cap - util);
					pfits = 1;
				} else if ((int64_t)(cap - util) > max_spare) {
					max_spare = (int64_t)(cap - util);
					max_cpu = (int32_t)cpu;
					max_fits = 1;
				}
				continue;
			}
			if (!eas__uclamp_rq_is_idle(sys, cpu)) {
				umin = eas__max_u64(sys->rq[cpu].uclamp_min,
						    p_min);
				umax = eas__max_u64(sys->rq[cpu].uclamp_max,
						    p_max);
			}
			fits = eas__util_fits_cap(sys, util, umin, umax, cpu,
						  cap);
			if (!fits)
				continue;
			cap -= cap < util ? cap : util;
			if ((int32_t)cpu == prev) {
				prev_spare = (int64_t)cap;
				pfits = fits;
			} else if (fits > max_fits ||
				   (fits == max_fits &&
				    (int64_t)cap > max_spare)) {
				max_spare = (int64_t)cap;
				max_cpu = (int32_t)cpu;
				max_fits = fits;
			}
		}
		if (prev_spare > -1)
			prev_fits = pfits;
		if (max_cpu < 0 && prev_spare < 0)
			continue;
		eenv.pd_busy_time = eas__min_u64(eenv.pd_cap, busy);
		base = v619_energy_with(sys, p, pd, &b, &eenv, -1, &be);
		r->base_energy += base;
		if (prev_spare > -1) {
			uint64_t e = v619_energy_with(sys, p, pd, &b, &eenv,
						      prev, &ei);

			record(sys, r, prev, pdi, e, base, prev_spare, pfits,
			       true, &ei, &be);
			if (e < base) {
				r->reason = EAS_FEEC_BELOW_BASE;
				goto below_base;
			}
			prev_delta = e - base;
			prev_cap = actual_cap;
			best_delta = eas__min_u64(best_delta, prev_delta);
			min_delta = eas__min_u64(min_delta, prev_delta);
		}
		if (max_cpu >= 0 && max_spare > prev_spare) {
			uint64_t e, cur;

			if (max_fits < best_fits)
				continue;
			if (max_fits < 0 && actual_cap <= best_cap)
				continue;
			e = v619_energy_with(sys, p, pd, &b, &eenv, max_cpu,
					     &ei);
			record(sys, r, max_cpu, pdi, e, base, max_spare,
			       max_fits, false, &ei, &be);
			if (e < base) {
				r->reason = EAS_FEEC_BELOW_BASE;
				goto below_base;
			}
			cur = e - base;
			min_delta = eas__min_u64(min_delta, cur);
			if (max_fits > 0 && best_fits > 0 && cur >= best_delta)
				continue;
			win_delta = cur;
			best_delta = cur;
			best = max_cpu;
			best_fits = max_fits;
			best_cap = actual_cap;
		}
	}
	if (best_fits > prev_fits ||
	    (best_fits > 0 && best_delta < prev_delta) ||
	    (best_fits < 0 && best_cap > prev_cap)) {
		target = best;
		/* the winner's own delta is not the lowest computed: the
		 * fits (or, all unfit, capacity) ranking decided */
		if (win_delta <= min_delta)
			r->reason = EAS_FEEC_ENERGY;
		else if (best_fits > prev_fits ||
			 (best_fits > 0 && best_delta < prev_delta))
			r->reason = EAS_FEEC_FITS;
		else
			r->reason = EAS_FEEC_CAPACITY;
	} else {
		r->reason = prev_delta == UINT64_MAX && best == prev ?
				    EAS_FEEC_NO_CANDIDATE :
				    EAS_FEEC_PREV_BEST;
	}
	if (lazy)
		r->overutilized = ou_seen;
out:
	if (lazy == LAZY_STOP && r->overutilized)
		goto overutilized;
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	r->best_cpu = best;
	r->prev_fits = prev_fits;
	r->best_fits = best_fits;
	return target;
below_base:
	/* left the scan early: the plain rd->overutilized scan */
	if (lazy)
		r->overutilized = eas_is_overutilized(sys);
	goto out;
overutilized:
	/* select_task_rq_fair() would not have called feec */
	result_init(r);
	r->overutilized = true;
	r->reason = EAS_FEEC_OVERUTILIZED;
	return -1;
}

/*
 * Can rd->overutilized be computed inside feec's scan? Only when the scan
 * visits every CPU (each CPU is in exactly one perf domain, checked by
 * the platform builder: the counts must add up) and cpu_overutilized()
 * is the plain fits_capacity() test (v5.4; v6.19 with EAS on and
 * without uclamp).
 */
static bool ou_fusable(const struct eas_system *sys)
{
	const struct eas_platform *pf = sys->pf;
	uint64_t n = 0;
	uint32_t k;

	if (sys->rd_overutilized != EAS_RD_OU_UNKNOWN || !pf->eas_possible ||
	    !pf->nr_pds)
		return false;
	if (!eas__is_v54(sys) &&
	    (!(eas__features(sys) & EAS_FEAT_ENERGY_AWARE) ||
	     eas__uclamp_on(sys)))
		return false;
	for (k = 0; k < pf->nr_pds; k++)
		n += pf->pds[k].nr_cpus;
	return n == pf->nr_cpus;
}

int32_t eas__feec(const struct eas_system *sys, const struct eas_task *p,
		  uint32_t this_cpu, int ou, struct eas_feec_result *r)
{
	int lazy = 0;
	int32_t cpu;

	/* speed path beside this mirror (fast_feec.c): exact, or declines */
	if (sys->fast) {
		cpu = eas__fast_feec(sys, p, this_cpu, ou, r);
		if (cpu != EAS__FAST_DECLINED)
			return cpu;
	}
	result_init(r);
	if (ou < 0 && ou_fusable(sys)) {
		/* v5.4 feec stops at rd->overutilized itself; v6.19 only
		 * when select_task_rq_fair() asks (EAS__OU_SELECT) */
		lazy = eas__is_v54(sys) || ou == EAS__OU_SELECT ? LAZY_STOP :
								  LAZY_NOTE;
		r->overutilized = false;
	} else {
		r->overutilized = ou < 0 ? eas_is_overutilized(sys) : ou != 0;
	}
	if (eas__is_v54(sys)) {
		cpu = v54_feec(sys, p, this_cpu, lazy != 0, r);
	} else if (ou == EAS__OU_SELECT && !lazy && r->overutilized) {
		r->reason = EAS_FEEC_OVERUTILIZED;
		cpu = -1;
	} else {
		cpu = v619_feec(sys, p, this_cpu, lazy, r);
	}
	r->cpu = cpu;
	return cpu;
}

const char *eas_energy_unit(const struct eas_platform *pf)
{
	if (!pf)
		return "";
	if (pf->kernel == EAS_KERNEL_V5_4)
		return (pf->opts & EAS_OPT_V54_EM_SCALE_POWER) ? "uW" : "mW";
	return "0.1uW";
}

int eas_find_energy_efficient_cpu(const struct eas_system *sys,
				  const struct eas_task *p, uint32_t this_cpu,
				  struct eas_feec_result *out)
{
	struct eas_feec_result tmp;

	if (!sys || !sys->pf || !sys->rq || !p)
		return EAS_EFORMAT;
	if (this_cpu >= sys->pf->nr_cpus || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= sys->pf->nr_cpus)
		return EAS_ECPU;
	if (!out) {
		tmp.candidates = NULL;
		tmp.max_candidates = 0;
		out = &tmp;
	}
	return eas__feec(sys, p, this_cpu, -1, out);
}
