/* SPDX-License-Identifier: MIT */
/*
 * The decision accelerator of <libeas/fast.h>: a snapshot of everything
 * find_energy_efficient_cpu() computes that does not depend on the waking
 * task, and a feec() of each flavour that reads it (docs/placement.md
 * §7.1).
 *
 * This file is a speed path beside the kernel mirror (feec.c), not a
 * mirror itself: the mirror is the reference, and eas__fast_feec() either
 * returns exactly what the mirror returns (every field of the result) or
 * declines (EAS__FAST_DECLINED, nothing written) and eas__feec() runs the
 * mirror. tests/unit/test_fast_diff.c checks both against each other and
 * the literal oracle on random landscapes and asserts that both are
 * taken.
 *
 * Why it is exact. In feec() (v5.4 fair.c:6334, v6.19 fair.c:8321) every
 * CPU other than p's prev CPU and the candidate dst sees the same
 * utilisation whatever p does (cpu_util_next() / cpu_util() only differ
 * on task_cpu(p) and on dst; v6.19's util_est removal on every CPU for a
 * queued or current p is declined). So per CPU the snapshot keeps:
 * util_avg, util_est, max(util_avg, runnable_avg), capacity_of(), the
 * CPU's share of the domain's busy time / ENERGY_UTIL sum and its
 * frequency request (both without p); per perf domain: the online CPUs
 * in pd->cpus order, the sum, the two largest requests, the domain's
 * capacities and its base energy. A decision then only
 *  - recomputes prev's share and request with p removed (the top two of
 *    prev's domain are re-scanned unless prev's old request was below
 *    the second largest),
 *  - scans the domain's CPUs for the candidate with the most spare
 *    capacity (with every CPU quiet and p allowed everywhere this is the
 *    smallest max(util + task_util, util_est + task_util_est), the first
 *    one in pd->cpus order on ties: fits_capacity() is monotonic in util
 *    and capacity_of() is the arch capacity on a quiet CPU; fast619q()
 *    skips the scan when one CPU is first of least util_avg and of least
 *    util_est),
 *  - evaluates at most two energies per domain, the state from a
 *    util -> performance state table built once per domain.
 * rd->overutilized is the OR of per-CPU flags kept in the snapshot.
 *
 * "Quiet" CPU (not in the unusual mask): online, no RT / DL / IRQ
 * utilisation, no DL bandwidth, no RT task, no HW or cpufreq pressure, no
 * stated capacity_of, capacity in 1 .. 2^32. Its figures follow from
 * util_avg / util_est / runnable_avg with the short forms the mirror
 * already uses (feec.c "quiet CPU"); an unusual CPU's come from the
 * public kernel helpers (eas_cpu_util(), eas_effective_cpu_util(),
 * eas_schedutil_cpu_util(), eas_capacity_of()), exactly as the literal
 * kernel composes them.
 *
 * Declined (the mirror runs): uclamp in effect, a queued or current p
 * (v6.19), candidate recording, rd->overutilized set or computed true, an
 * explicit ou argument, no asym domain whose span holds every CPU for
 * this_cpu, zero task utilisation, a v6.19 energy below the base, a
 * snapshot of another rq array / feature set / perf-domain limits.
 */
/* Included by every flavour TU (lib/core/flavour_*.c): eas__fast_feec()
 * is the TU's static EAS__F(fast_feec), and the kernel helpers it asks
 * for unusual CPUs are the TU's own. The snapshot itself is built by
 * lib/core/fast.c. */
#include "fast.h"
#include "sched_util.h"

#include <libeas/em.h>
#include <libeas/error.h>

/* ---- decisions ------------------------------------------------------------ */

/* ---- the snapshot's flavour parts (ops, called by lib/core/fast.c) ---- */

/* the util -> state table of a domain: v5.4 em_pd_energy()'s state for
 * max_util (em_pd_state()); v6.19 em_pd_get_efficient_state() for the
 * limits min_ps .. max_ps */
static void EAS__F(fast_build_lut)(const struct eas_perf_domain *pd,
				   uint16_t *lut, uint32_t len, uint32_t min_ps,
				   uint32_t max_ps, bool skip)
{
	uint32_t x;

	for (x = 0; x < len; x++)
		lut[x] = (uint16_t)(EAS__V54 ? eas_em_pd_state(pd, x) :
					       eas__em_efficient_state(
						       pd->table, min_ps,
						       max_ps, skip, x));
}

/* a domain's base energy (no p anywhere) from its snapshot: v5.4
 * em_pd_energy(max, sum); v6.19 em_cpu_energy() with eenv's clamps */
static uint64_t EAS__F(fast_base_energy)(const struct eas_perf_domain *pd,
					 const struct eas__fast_pd *fp)
{
	if (EAS__V54)
		return energy54(pd, fp, fp->max1, fp->sum);
	if (!fp->n)
		return 0;
	return energy619(pd, fp, eas__min_u64(fp->max1, fp->cpu_cap),
			 eas__min_u64(fp->pd_cap, fp->sum));
}

/* per-decision constants */
struct fast_dec {
	const struct eas_fast *f;
	const struct eas_system *sys;
	const struct eas_task *p;
	const eas_mask_word *allowed; /* NULL = every CPU */
	uint64_t tu, te;	      /* task_util(p), _task_util_est(p) or 0 */
	uint64_t tue;		      /* task_util_est(p) */
	int32_t prev;
	uint32_t prev_slot; /* NO_SLOT: prev offline */
};

/* The domain's candidates (candidates()): max_slot / max_spare the CPU
 * with the most spare capacity among those that fit, other than prev in
 * v6.19 (in v5.4 prev competes too); prev_spare prev's spare if it is in
 * this domain and fits (-1 otherwise). Spare is capacity_of(cpu) -
 * cpu_util(cpu, p, cpu), as in the mirror. */
struct cand {
	uint32_t max_slot; /* NO_SLOT: none */
	int64_t max_spare;
	int64_t prev_spare;
	uint64_t prev_util; /* cpu_util(prev, p, prev) */
	uint64_t max_util;
};

HOT void scan_min(const struct fast_slot *sl, uint32_t from, uint32_t to,
		  uint64_t tu, uint64_t te, uint64_t *bw, uint32_t *bs)
{
	uint32_t i;

	for (i = from; i < to; i++) {
		uint64_t w = eas__max_u64(sl[i].u + tu, sl[i].e + te);

		if (w < *bw) {
			*bw = w;
			*bs = i;
		}
	}
}

/* candidates of one domain; v54: prev may also be max (strict >, from
 * 0), v6.19: prev never is max (from -1) */
HOT void candidates(const struct fast_dec *d, const struct eas__fast_pd *fp,
		    uint32_t ps, bool v54, struct cand *c)
{
	const struct fast_slot *sl = d->f->slot;
	uint32_t s0 = fp->first, s1 = fp->first + fp->n, i;
	uint64_t scale = fp->scale;

	c->max_slot = NO_SLOT;
	c->max_spare = v54 ? 0 : -1;
	c->prev_spare = -1;
	if (fp->uniform && !d->allowed) {
		uint64_t bw = EAS__U64_MAX, util;
		uint32_t bs = NO_SLOT;

		/* every CPU quiet (capacity_of = scale) and allowed: the
		 * most spare is the smallest util, the first on ties */
		if (ps == NO_SLOT) {
			scan_min(sl, s0, s1, d->tu, d->te, &bw, &bs);
		} else {
			scan_min(sl, s0, ps, d->tu, d->te, &bw, &bs);
			scan_min(sl, ps + 1, s1, d->tu, d->te, &bw, &bs);
		}
		if (bs != NO_SLOT) {
			util = eas__min_u64(bw, scale);
			if (eas_fits_capacity(util, scale)) {
				c->max_slot = bs;
				c->max_spare = (int64_t)(scale - util);
				c->max_util = util;
			}
		}
		if (ps != NO_SLOT) {
			util = eas__min_u64(
				eas__max_u64(sl[ps].u, sl[ps].e + d->te),
				scale);
			if (eas_fits_capacity(util, scale)) {
				int64_t sp = (int64_t)(scale - util);

				c->prev_spare = sp;
				c->prev_util = util;
				/* v5.4: prev competes in pd->cpus order */
				if (v54 && (sp > c->max_spare ||
					    (sp == c->max_spare &&
					     c->max_slot != NO_SLOT &&
					     ps < c->max_slot))) {
					c->max_slot = ps;
					c->max_spare = sp;
					c->max_util = util;
				}
			}
		}
		return;
	}
	/* general: per-CPU capacity_of and p->cpus_ptr (the asym span holds
	 * every CPU: checked by the caller) */
	for (i = s0; i < s1; i++) {
		uint64_t util, cap = sl[i].cap;
		int64_t sp;

		if (d->allowed && !eas_mask_test(d->allowed, sl[i].cpu))
			continue;
		util = eas__min_u64(
			eas__max_u64(i == ps ? sl[i].u : sl[i].u + d->tu,
				     sl[i].e + d->te),
			scale);
		if (!eas_fits_capacity(util, cap))
			continue;
		sp = (int64_t)(cap - util);
		if (i == ps) {
			c->prev_spare = sp;
			c->prev_util = util;
			if (!v54)
				continue;
		}
		if (sp > c->max_spare) {
			c->max_spare = sp;
			c->max_slot = i;
			c->max_util = util;
		}
	}
}

/* base of prev's domain with p removed from prev: *sum, max1 / max2 /
 * max1 slot, and prev's busy share (returned) */
HOT uint64_t base_without_p(const struct fast_dec *d,
			    const struct eas__fast_pd *fp, uint32_t ps,
			    bool v54, uint64_t *sum, uint64_t *m1, uint64_t *m2,
			    uint32_t *m1s)
{
	const struct fast_slot *sl = d->f->slot;
	const struct fast_slot *s = &sl[ps];
	uint64_t busy, req, scale = fp->scale;
	uint32_t i;

	if (!s->unusual) {
		busy = eas__min_u64(
			eas__max_u64(eas__sub_positive(s->u, d->tu), s->e),
			scale);
		req = v54 ? busy :
			    quiet_req(
				    eas__min_u64(
					    eas__max_u64(eas__sub_positive(
								 s->ur, d->tu),
							 s->e),
					    scale),
				    scale);
	} else if (v54) {
		uint64_t u0 = eas_cpu_util(d->sys, s->cpu, d->p, -1, false);

		busy = eas_schedutil_cpu_util(d->sys, s->cpu, u0, scale,
					      EAS_ENERGY_UTIL, NULL);
		req = eas_schedutil_cpu_util(d->sys, s->cpu, u0, scale,
					     EAS_FREQUENCY_UTIL, NULL);
	} else {
		busy = eas_effective_cpu_util(
			d->sys, s->cpu,
			eas_cpu_util(d->sys, s->cpu, d->p, -1, false), NULL,
			NULL);
		req = perf619(d->sys, s->cpu, d->p, -1);
	}
	*sum = fp->sum - s->busy + busy;
	if (!s->unusual && s->req < fp->max2) {
		/* removing p only lowers a quiet CPU's request: below the
		 * second largest it was no top-two contributor, and the
		 * top two and the first CPU holding the largest stay */
		*m1 = fp->max1;
		*m2 = fp->max2;
		*m1s = fp->max1_slot;
		return busy;
	}
	*m1 = *m2 = 0;
	*m1s = NO_SLOT;
	for (i = fp->first; i < fp->first + fp->n; i++)
		add_max(i == ps ? req : sl[i].req, i, m1, m2, m1s);
	return busy;
}

/* v6.19 request of dst in eenv_pd_max_util() with p on dst */
HOT uint64_t dst_perf619(const struct fast_dec *d, uint32_t slot,
			 uint64_t scale)
{
	const struct fast_slot *s = &d->f->slot[slot];
	uint64_t x;

	if (s->unusual)
		return perf619(d->sys, s->cpu, d->p, (int32_t)s->cpu);
	x = s->ur + (slot == d->prev_slot ? 0 : d->tu);
	x = eas__min_u64(eas__max_u64(x, s->e + d->te), scale);
	return quiet_req(x, scale);
}

/* the end of v6.19 feec() (fair.c:8321, after the domain loop) and every
 * field of r as eas__feec() leaves it (result_init() + v619_feec()) */
HOT int32_t finish619(struct eas_feec_result *r, uint32_t nr_computed,
		      int32_t prev, int32_t best, int32_t prev_fits,
		      int32_t best_fits, uint64_t prev_delta,
		      uint64_t best_delta, uint64_t win_delta,
		      uint64_t min_delta, uint64_t best_cap, uint64_t prev_cap,
		      uint64_t base_energy, uint64_t tbt)
{
	enum eas_feec_reason reason;
	int32_t target = prev;

	if (best_fits > prev_fits ||
	    (best_fits > 0 && best_delta < prev_delta) ||
	    (best_fits < 0 && best_cap > prev_cap)) {
		target = best;
		if (win_delta <= min_delta)
			reason = EAS_FEEC_ENERGY;
		else if (best_fits > prev_fits ||
			 (best_fits > 0 && best_delta < prev_delta))
			reason = EAS_FEEC_FITS;
		else
			reason = EAS_FEEC_CAPACITY;
	} else {
		reason = prev_delta == UINT64_MAX && best == prev ?
				 EAS_FEEC_NO_CANDIDATE :
				 EAS_FEEC_PREV_BEST;
	}
	r->nr_candidates = 0;
	r->nr_computed = nr_computed;
	r->cpu = target;
	r->reason = reason;
	r->overutilized = false;
	r->best_cpu = best;
	r->base_energy = base_energy;
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	r->margin = 0;
	r->prev_fits = prev_fits;
	r->best_fits = best_fits;
	r->task_busy_time = tbt;
	return target;
}

/* v6.19 / v7.1 find_energy_efficient_cpu() from the snapshot */
DECIDE int32_t fast619(const struct fast_dec *d, int32_t sd,
		       struct eas_feec_result *r)
{
	const struct eas_fast *f = d->f;
	const struct eas_platform *pf = f->pf;
	uint64_t prev_delta = UINT64_MAX, best_delta = UINT64_MAX;
	uint64_t best_cap = 0, prev_cap = 0, base_energy = 0;
	uint64_t win_delta = UINT64_MAX, min_delta = UINT64_MAX;
	uint64_t tbt, max_cap, irq;
	int32_t prev = d->prev, best = prev;
	int32_t prev_fits = -1, best_fits = -1;
	uint32_t k, nr_computed = 0;
	uint32_t prev_pd = pf->cpus[prev].pd;

	(void)sd;
	/* eenv_task_busy_time() */
	max_cap = pf->cpus[prev].capacity;
	irq = eas__irq_util(d->sys, (uint32_t)prev);
	tbt = irq >= max_cap ? max_cap : d->tue * (max_cap - irq) / max_cap;
	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t pdi = pf->pd_order[k];
		const struct eas_perf_domain *pd = &pf->pds[pdi];
		const struct eas__fast_pd *fp = &f->pd[pdi];
		uint32_t ps = pdi == prev_pd ? d->prev_slot : NO_SLOT;
		uint64_t sum, m1, m2, pd_busy, base, e, mx;
		uint32_t m1s;
		struct cand c;

		if (!fp->n)
			continue;
		/* em_update_performance_limits() since the table was built
		 * (the skip flag is fixed when the platform is built) */
		if (fp->lut_len && (pd->min_perf_state != fp->min_ps ||
				    pd->max_perf_state != fp->max_ps))
			return EAS__FAST_DECLINED;
		candidates(d, fp, ps, false, &c);
		if (c.prev_spare > -1)
			prev_fits = 1;
		if (c.max_slot == NO_SLOT && c.prev_spare < 0)
			continue;
		if (ps != NO_SLOT) {
			(void)base_without_p(d, fp, ps, false, &sum, &m1, &m2,
					     &m1s);
			pd_busy = eas__min_u64(fp->pd_cap, sum);
			base = energy619(pd, fp, eas__min_u64(m1, fp->cpu_cap),
					 pd_busy);
		} else {
			m1 = fp->max1;
			m2 = fp->max2;
			m1s = fp->max1_slot;
			pd_busy = eas__min_u64(fp->pd_cap, fp->sum);
			base = fp->base;
		}
		base_energy += base;
		pd_busy = eas__min_u64(fp->pd_cap, pd_busy + tbt);
		if (c.prev_spare > -1) {
			mx = eas__max_u64(m1s == ps ? m2 : m1,
					  dst_perf619(d, ps, fp->scale));
			e = energy619(pd, fp, eas__min_u64(mx, fp->cpu_cap),
				      pd_busy);
			nr_computed++;
			if (e < base)
				return EAS__FAST_DECLINED;
			prev_delta = e - base;
			prev_cap = fp->cpu_cap;
			best_delta = eas__min_u64(best_delta, prev_delta);
			min_delta = eas__min_u64(min_delta, prev_delta);
		}
		if (c.max_slot != NO_SLOT && c.max_spare > c.prev_spare) {
			uint64_t cur;

			mx = eas__max_u64(
				m1s == c.max_slot ? m2 : m1,
				dst_perf619(d, c.max_slot, fp->scale));
			e = energy619(pd, fp, eas__min_u64(mx, fp->cpu_cap),
				      pd_busy);
			nr_computed++;
			if (e < base)
				return EAS__FAST_DECLINED;
			cur = e - base;
			min_delta = eas__min_u64(min_delta, cur);
			if (best_fits > 0 && cur >= best_delta)
				continue;
			win_delta = cur;
			best_delta = cur;
			best = (int32_t)f->slot[c.max_slot].cpu;
			best_fits = 1;
			best_cap = fp->cpu_cap;
		}
	}
	return finish619(r, nr_computed, prev, best, prev_fits, best_fits,
			 prev_delta, best_delta, win_delta, min_delta, best_cap,
			 prev_cap, base_energy, tbt);
}

/*
 * v6.19 / v7.1 feec() when every CPU is quiet (the unusual mask is empty,
 * so every CPU is online with capacity_of() = actual capacity = arch
 * capacity), p may run anywhere and every domain has its state table:
 * fast619() with the unusual-CPU branches and the per-CPU mask tests
 * folded away, the same arithmetic (candidates(), base_without_p(),
 * dst_perf619(), energy619()). A domain's slots are contiguous, so "prev
 * is in this domain" is a range test on prev's slot.
 */
DECIDE int32_t fast619q(const struct fast_dec *d, struct eas_feec_result *r)
{
	const struct eas_fast *f = d->f;
	const struct eas_platform *pf = f->pf;
	const struct fast_slot *sl = f->slot;
	const uint64_t tu = d->tu, te = d->te;
	const uint32_t ps = d->prev_slot;
	uint64_t prev_delta = UINT64_MAX, best_delta = UINT64_MAX;
	uint64_t best_cap = 0, prev_cap = 0, base_energy = 0;
	uint64_t win_delta = UINT64_MAX, min_delta = UINT64_MAX;
	uint64_t tbt, max_cap = pf->cpus[d->prev].capacity;
	int32_t best = d->prev, prev_fits = -1, best_fits = -1;
	uint32_t k, nr_computed = 0;

	/* no wrap-around in u + tu, e + te for the scan-free candidate */
	const bool tt_small = !((tu | te) >> 40);

	/* eenv_task_busy_time(): no irq on a quiet prev */
	tbt = d->tue * max_cap / max_cap;
	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t pdi = pf->pd_order[k];
		const struct eas__fast_pd *fp = &f->pd[pdi];
		const struct eas_perf_domain *pd = &pf->pds[pdi];
		const struct eas_perf_state *tab = pd->table;
		const uint32_t s0 = fp->first, s1 = s0 + fp->n;
		const uint64_t scale = fp->scale, cap = fp->cpu_cap;
		const bool hasp = ps - s0 < fp->n;
		uint64_t bw = EAS__U64_MAX, mutil, m1, m2, busy, base, e, x;
		int64_t pspare = -1;
		uint32_t bs = NO_SLOT, m1s;
		bool maxok;

		if (!fp->n)
			continue;
		if (pd->min_perf_state != fp->min_ps ||
		    pd->max_perf_state != fp->max_ps)
			return EAS__FAST_DECLINED;
		if (fp->amin_u != ps && fp->small && tt_small &&
		    (fp->amin_u == fp->amin_e ||
		     (fp->e_equal &&
		      sl[fp->amin_u].u + tu >= sl[fp->amin_u].e + te))) {
			/* the scan's answer without it: w = max(u + tu, e +
			 * te) is smallest, and first, at the slot m that is
			 * first of least u and first of least e (any earlier
			 * slot has a larger u and a larger e, a later one no
			 * smaller ones), or, all e equal, at m = first of
			 * least u when u_m + tu >= e + te (an earlier slot
			 * has a larger u + tu, the max) */
			bs = fp->amin_u;
			bw = eas__max_u64(sl[bs].u + tu, sl[bs].e + te);
		} else if (!hasp) {
			scan_min(sl, s0, s1, tu, te, &bw, &bs);
		} else {
			scan_min(sl, s0, ps, tu, te, &bw, &bs);
			scan_min(sl, ps + 1, s1, tu, te, &bw, &bs);
		}
		if (hasp) {
			x = eas__min_u64(eas__max_u64(sl[ps].u, sl[ps].e + te),
					 scale);
			if (eas_fits_capacity(x, scale)) {
				pspare = (int64_t)(scale - x);
				prev_fits = 1;
			}
		}
		mutil = eas__min_u64(bw, scale);
		maxok = bs != NO_SLOT && eas_fits_capacity(mutil, scale);
		if (!maxok && pspare < 0)
			continue;
		if (hasp) {
			const struct fast_slot *s = &sl[ps];
			uint64_t bu = eas__min_u64(
				eas__max_u64(eas__sub_positive(s->u, tu), s->e),
				scale);

			busy = eas__min_u64(fp->pd_cap, fp->sum - s->busy + bu);
			if (s->req < fp->max2) {
				m1 = fp->max1;
				m2 = fp->max2;
				m1s = fp->max1_slot;
			} else {
				uint64_t req = quiet_req(
					eas__min_u64(
						eas__max_u64(eas__sub_positive(
								     s->ur, tu),
							     s->e),
						scale),
					scale);
				uint32_t i;

				m1 = m2 = 0;
				m1s = NO_SLOT;
				for (i = s0; i < s1; i++)
					add_max(i == ps ? req : sl[i].req, i,
						&m1, &m2, &m1s);
			}
			x = eas__min_u64(m1, cap);
			base = busy && x < fp->lut_len ?
				       tab[fp->lut[x]].cost * busy :
				       energy619(pd, fp, x, busy);
		} else {
			m1 = fp->max1;
			m2 = fp->max2;
			m1s = fp->max1_slot;
			busy = eas__min_u64(fp->pd_cap, fp->sum);
			base = fp->base;
		}
		base_energy += base;
		busy = eas__min_u64(fp->pd_cap, busy + tbt);
		if (pspare > -1) {
			x = quiet_req(eas__min_u64(eas__max_u64(sl[ps].ur,
								sl[ps].e + te),
						   scale),
				      scale);
			x = eas__min_u64(eas__max_u64(m1s == ps ? m2 : m1, x),
					 cap);
			e = energy619(pd, fp, x, busy);
			nr_computed++;
			if (e < base)
				return EAS__FAST_DECLINED;
			prev_delta = e - base;
			prev_cap = cap;
			best_delta = eas__min_u64(best_delta, prev_delta);
			min_delta = eas__min_u64(min_delta, prev_delta);
		}
		if (maxok && (int64_t)(scale - mutil) > pspare) {
			uint64_t cur;

			x = quiet_req(eas__min_u64(eas__max_u64(sl[bs].ur + tu,
								sl[bs].e + te),
						   scale),
				      scale);
			x = eas__min_u64(eas__max_u64(m1s == bs ? m2 : m1, x),
					 cap);
			e = energy619(pd, fp, x, busy);
			nr_computed++;
			if (e < base)
				return EAS__FAST_DECLINED;
			cur = e - base;
			min_delta = eas__min_u64(min_delta, cur);
			if (best_fits > 0 && cur >= best_delta)
				continue;
			win_delta = cur;
			best_delta = cur;
			best = (int32_t)sl[bs].cpu;
			best_fits = 1;
			best_cap = cap;
		}
	}
	return finish619(r, nr_computed, d->prev, best, prev_fits, best_fits,
			 prev_delta, best_delta, win_delta, min_delta, best_cap,
			 prev_cap, base_energy, tbt);
}

/* v5.4 energy of a domain with p on dst (v54_energy_with() of feec.c) */
static uint64_t with54(const struct fast_dec *d,
		       const struct eas_perf_domain *pd,
		       const struct eas__fast_pd *fp, uint32_t slot,
		       uint64_t util, uint64_t s0, uint64_t sum, uint64_t m1,
		       uint64_t m2, uint32_t m1s)
{
	const struct fast_slot *s = &d->f->slot[slot];
	uint64_t mx, s1, f1;

	if (s->unusual) {
		uint32_t cpu = s->cpu;
		uint64_t u0 = eas_cpu_util(d->sys, cpu, d->p, -1, false);
		uint64_t u1 =
			eas_cpu_util(d->sys, cpu, d->p, (int32_t)cpu, false);

		s0 = eas_schedutil_cpu_util(d->sys, cpu, u0, fp->scale,
					    EAS_ENERGY_UTIL, NULL);
		s1 = eas_schedutil_cpu_util(d->sys, cpu, u1, fp->scale,
					    EAS_ENERGY_UTIL, NULL);
		f1 = eas_schedutil_cpu_util(d->sys, cpu, u1, fp->scale,
					    EAS_FREQUENCY_UTIL, d->p);
	} else {
		/* quiet: both schedutil_cpu_util() values are the util */
		s1 = f1 = util;
	}
	mx = eas__max_u64(m1s == slot ? m2 : m1, f1);
	return energy54(pd, fp, mx, sum - s0 + s1);
}

/* v5.4 find_energy_efficient_cpu() from the snapshot */
DECIDE int32_t fast54(const struct fast_dec *d, struct eas_feec_result *r)
{
	const struct eas_fast *f = d->f;
	const struct eas_platform *pf = f->pf;
	uint64_t prev_delta = UINT64_MAX, best_delta = UINT64_MAX;
	uint64_t base_energy = 0, margin = 0;
	int32_t prev = d->prev, best = prev, ret;
	enum eas_feec_reason reason;
	uint32_t k, nr_computed = 0;
	uint32_t prev_pd = pf->cpus[prev].pd;

	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t pdi = pf->pd_order[k];
		const struct eas_perf_domain *pd = &pf->pds[pdi];
		const struct eas__fast_pd *fp = &f->pd[pdi];
		uint32_t ps = pdi == prev_pd ? d->prev_slot : NO_SLOT;
		uint64_t sum, m1, m2, base, e, ps_busy = 0;
		uint32_t m1s;
		struct cand c;

		if (!fp->n) {
			base_energy += fp->base;
			continue;
		}
		candidates(d, fp, ps, true, &c);
		if (ps != NO_SLOT) {
			ps_busy = base_without_p(d, fp, ps, true, &sum, &m1,
						 &m2, &m1s);
			base = energy54(pd, fp, m1, sum);
		} else {
			sum = fp->sum;
			m1 = fp->max1;
			m2 = fp->max2;
			m1s = fp->max1_slot;
			base = fp->base;
		}
		base_energy += base;
		if (c.prev_spare > -1) {
			e = with54(d, pd, fp, ps, c.prev_util, ps_busy, sum, m1,
				   m2, m1s);
			nr_computed++;
			prev_delta = e - base;
			best_delta = eas__min_u64(best_delta, prev_delta);
		}
		if (c.max_slot != NO_SLOT && c.max_slot != ps) {
			uint64_t cur;

			e = with54(d, pd, fp, c.max_slot, c.max_util,
				   f->slot[c.max_slot].busy, sum, m1, m2, m1s);
			nr_computed++;
			cur = e - base;
			if (cur < best_delta) {
				best_delta = cur;
				best = (int32_t)f->slot[c.max_slot].cpu;
			}
		}
	}
	if (prev_delta == UINT64_MAX) {
		reason = best == prev ? EAS_FEEC_NO_CANDIDATE :
					EAS_FEEC_PREV_UNFIT;
		ret = best;
	} else {
		margin = (prev_delta + base_energy) >> 4;
		if (prev_delta - best_delta > margin) {
			reason = EAS_FEEC_ENERGY;
			ret = best;
		} else {
			reason = best != prev && best_delta < prev_delta ?
					 EAS_FEEC_PREV_MARGIN :
					 EAS_FEEC_PREV_BEST;
			ret = prev;
		}
	}
	r->nr_candidates = 0;
	r->nr_computed = nr_computed;
	r->cpu = ret;
	r->reason = reason;
	r->overutilized = false;
	r->best_cpu = best;
	r->base_energy = base_energy;
	r->prev_delta = prev_delta;
	r->best_delta = best_delta;
	r->margin = margin;
	r->prev_fits = -1;
	r->best_fits = -1;
	r->task_busy_time = 0;
	return ret;
}

DECIDE int32_t eas__fast_feec(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t this_cpu,
			      int ou, struct eas_feec_result *r)
{
	const struct eas_fast *f = sys->fast;
	struct fast_dec d;
	bool v54;
	int32_t sd;

	/* the snapshot is of this system, and covers this decision */
	if (sys->rd_overutilized == EAS_RD_OU_SET || ou >= 0 || r->candidates ||
	    f->head.magic != EAS__FAST_MAGIC || !f->head.ready ||
	    f->rq != sys->rq || f->pf != sys->pf ||
	    f->features != eas__features(sys))
		return EAS__FAST_DECLINED;
	v54 = eas__is_v54(sys);
	if (!v54 && (p->queued || p->is_current))
		return EAS__FAST_DECLINED;
	/* eas__asym_sd_covering(): sd_asym of this_cpu, which holds prev */
	sd = f->sd_full[this_cpu];
	d.te = eas__task_util_est_raw(sys, p);
	/* task_util_est() */
	d.tue = eas__max_u64(p->util_avg, d.te);
	if (sd < 0 || !d.tue)
		return EAS__FAST_DECLINED;
	if (!f->est_on)
		d.te = 0;
	d.f = f;
	d.sys = sys;
	d.p = p;
	d.allowed = p->cpus_allowed;
	d.tu = p->util_avg;
	d.prev = p->prev_cpu;
	d.prev_slot = f->cpu_slot[p->prev_cpu];
	if (v54)
		return fast54(&d, r);
	if (!f->nr_unusual && !d.allowed && f->all_lut)
		return fast619q(&d, r);
	return fast619(&d, sd, r);
}
