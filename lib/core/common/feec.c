/* SPDX-License-Identifier: MIT */
/*
 * What find_energy_efficient_cpu() and compute_energy() of every flavour
 * share (kernel-eas.md §3.3, §3.5), compiled into each flavour TU: the
 * public compute_energy() entry, the fused per-CPU landscape helpers, the
 * candidate records, and eas__feec(), which computes rd->overutilized
 * and calls the flavour's find_energy_efficient_cpu() (v5_4/feec.c,
 * v6_19/feec.c).
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

/* The flavour's own (v5_4/feec.c, v6_19/feec.c). */
static uint64_t compute_energy(const struct eas_system *sys,
			       const struct eas_task *p, int32_t dst,
			       const struct eas_perf_domain *pd);
/* lazy: rd->overutilized computed inside the scan (LAZY_NOTE / LAZY_STOP
 * below), 0 = r->overutilized already holds it. */
static int32_t find_energy_efficient_cpu(const struct eas_system *sys,
					 const struct eas_task *p,
					 uint32_t this_cpu, int lazy,
					 struct eas_feec_result *r);

/* compute_energy() of perf domain pd (<libeas/kernel.h>) */
static uint64_t eas_compute_energy(const struct eas_system *sys,
				   const struct eas_task *p, int32_t dst,
				   uint32_t pd)
{
	const struct eas_perf_domain *d = &sys->pf->pds[pd];

	return compute_energy(sys, p, dst, d);
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

/* eas__feec() without the fast path. Out of line (DECIDE, fast.h), so
 * that its frame and the fast path's are not stacked. */
DECIDE int32_t feec_stateless(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t this_cpu,
			      int ou, struct eas_feec_result *r)
{
	int lazy = 0;
	int32_t cpu;

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
	if (!eas__is_v54(sys) && ou == EAS__OU_SELECT && !lazy &&
	    r->overutilized) {
		/* v6.19 select_task_rq_fair(): feec only while
		 * !is_rd_overutilized() */
		r->reason = EAS_FEEC_OVERUTILIZED;
		cpu = -1;
	} else {
		cpu = find_energy_efficient_cpu(sys, p, this_cpu, lazy, r);
	}
	r->cpu = cpu;
	return cpu;
}

static int32_t eas__feec(const struct eas_system *sys, const struct eas_task *p,
			 uint32_t this_cpu, int ou, struct eas_feec_result *r)
{
	/* speed path beside this mirror (common/fast_feec.c): exact, or
	 * declines */
	if (sys->fast) {
		int32_t cpu = eas__fast_feec(sys, p, this_cpu, ou, r);

		if (cpu != EAS__FAST_DECLINED)
			return cpu;
	}
	return feec_stateless(sys, p, this_cpu, ou, r);
}
