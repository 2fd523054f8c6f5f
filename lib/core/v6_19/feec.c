/* SPDX-License-Identifier: MIT */
/*
 * v6.19 kernel/sched/fair.c: compute_energy() with its energy_env
 * (eenv_task_busy_time(), eenv_pd_busy_time(), eenv_pd_max_util()) and
 * find_energy_efficient_cpu() (kernel-eas.md §3.5), on the shared
 * landscape helpers of common/feec.c. Compiled in the v6.19 and the v7.1
 * flavour TUs (7.1 changes none of these functions).
 */

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
static uint64_t compute_energy(const struct eas_system *sys,
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
static int32_t find_energy_efficient_cpu(const struct eas_system *sys,
					 const struct eas_task *p,
					 uint32_t this_cpu, int lazy,
					 struct eas_feec_result *r)
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
