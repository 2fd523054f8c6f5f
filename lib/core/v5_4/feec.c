/* SPDX-License-Identifier: MIT */
/*
 * v5.4 kernel/sched/fair.c: compute_energy() and
 * find_energy_efficient_cpu() (kernel-eas.md §3.3), on the shared
 * landscape helpers of common/feec.c. Part of the v5.4 flavour TU
 * (flavour_v5_4.c).
 */

/* ---- literal compute_energy() (public building block) ----------------- */

/* v5.4 compute_energy(p, dst_cpu, pd) (fair.c:6251) */
static uint64_t compute_energy(const struct eas_system *sys,
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
static int32_t find_energy_efficient_cpu(const struct eas_system *sys,
					 const struct eas_task *p,
					 uint32_t this_cpu, int lazy,
					 struct eas_feec_result *r)
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
		lazy = 0;
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
