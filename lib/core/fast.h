/* SPDX-License-Identifier: MIT */
/*
 * The fast path of <libeas/fast.h> (docs/placement.md §7.1): the layout
 * of struct eas_fast, shared by the snapshot (lib/core/fast.c, a normal
 * translation unit: flavour independent, it asks the public kernel
 * helpers for the few unusual CPUs) and the decisions
 * (lib/core/common/fast_feec.c and fast_select.c, compiled inside every
 * flavour TU as that flavour's static functions, docs/design-api.md
 * "Flavours").
 *
 * Each decision is exact: it returns the mirror's result bit for bit, or
 * EAS__FAST_DECLINED without writing anything, and the caller then runs
 * the mirror. The differential tests (tests/unit/test_fast_diff.c)
 * compare both against the literal oracle and assert that both are
 * taken.
 */
#ifndef EAS_CORE_FAST_H
#define EAS_CORE_FAST_H

#include <libeas/em.h>
#include <libeas/fast.h>
#include <libeas/kernel.h>
#include <libeas/place.h>

#include "internal.h"

/* The first member of struct eas_fast: what a caller may test before
 * asking a speed path (a declined decision stays cheap). */
struct eas__fast_head {
	uint32_t magic; /* EAS__FAST_MAGIC once eas_fast_init() ran */
	uint32_t ready; /* refreshed, preconditions hold, no CPU
			   overutilized: decisions may use it */
};
#define EAS__FAST_MAGIC 0x65617366u /* "easf" */

static inline bool eas__fast_ready(const struct eas_fast *f)
{
	const struct eas__fast_head *h = (const struct eas__fast_head *)f;

	return h->magic == EAS__FAST_MAGIC && h->ready;
}

/* "not covered by the snapshot: run the mirror" */
#define EAS__FAST_DECLINED (-3)

#define NO_SLOT 0xffffffffu
#define LUT_MAX_CAP 4096u /* longest util -> state table per domain */

/* the per-domain helpers of a decision: inlined into the domain loop */
#if defined(__GNUC__)
#define HOT static inline __attribute__((always_inline))
/* one per flavour / case, kept out of the entry so that a declined
 * decision costs only the checks */
#define DECIDE static __attribute__((noinline))
#else
#define HOT static inline
#define DECIDE static
#endif

#define EAS__FAST_SCALE 1024u /* SCHED_CAPACITY_SCALE */

/* One online CPU of a perf domain (slots in pd->cpus order). */
struct fast_slot {
	uint64_t u;    /* util_avg */
	uint64_t e;    /* util_est under sched_feat(UTIL_EST), else 0 */
	uint64_t ur;   /* v6.19 max(util_avg, runnable_avg) */
	uint64_t cap;  /* capacity_of(cpu) */
	uint64_t busy; /* without p: v6.19 effective_cpu_util() share of
			  eenv_pd_busy_time(); v5.4 ENERGY_UTIL */
	uint64_t req;  /* without p: v6.19 eenv_pd_max_util() request (before
			  min cpu_cap); v5.4 FREQUENCY_UTIL */
	uint32_t cpu;
	uint32_t unusual; /* not quiet: general formulas */
};

struct eas__fast_pd {
	uint32_t first;		       /* first slot */
	uint32_t n;		       /* online CPUs = slots used */
	uint32_t uniform;	       /* every online CPU quiet */
	uint32_t max1_slot;	       /* slot of max1, NO_SLOT if none */
	uint32_t lut_len;	       /* 0: no table, use the em.c functions */
	uint32_t min_ps, max_ps, skip; /* v6.19 limits the table is for */
	uint64_t scale;		       /* pd->capacity */
	uint64_t cpu_cap;	       /* v6.19 eenv->cpu_cap */
	uint64_t pd_cap;	       /* v6.19 eenv->pd_cap */
	uint64_t sum;		       /* sum of busy */
	uint64_t max1, max2;	       /* two largest requests */
	uint64_t base;		       /* base energy (no p anywhere) */
	uint16_t *lut;		       /* [lut_len] util -> state */
	/* the candidate without a scan (fast619q()): the first slot of
	 * least util_avg and of least util_est, all util_est equal, every
	 * util_avg / util_est below 2^40 */
	uint32_t amin_u, amin_e, e_equal, small;
};

struct eas_fast {
	struct eas__fast_head head; /* magic, ready (fast.h) */
	uint32_t valid;		    /* refreshed since init */
	const struct eas_platform *pf;
	const struct eas_rq *rq; /* the array of the last refresh */
	uint32_t features;	 /* eas__features() of the last refresh */
	uint32_t ok;		 /* flavour / feature preconditions hold */
	uint32_t est_on;
	uint32_t nr_ou;		 /* online CPUs with cpu_overutilized() */
	uint32_t nr_unusual;	 /* CPUs in the unusual mask */
	uint32_t all_lut;	 /* every perf domain has its state table */
	struct eas__fast_pd *pd; /* [nr_pds], pf->pds order */
	struct fast_slot *slot;	 /* [nr_cpus] */
	uint32_t *cpu_slot;	 /* [nr_cpus] slot, NO_SLOT when offline */
	int32_t *sd_full;	 /* [nr_cpus] sd_asym if its span is all */
	uint8_t *cpu_ou;	 /* [nr_cpus] */
	eas_mask_word *unusual;	 /* [mask_words] */
};

/* ---- helpers of the snapshot and the decisions ---------------------- */

/* v6.19 request of a CPU in eenv_pd_max_util() for cpu_util(cpu, p, dst,
 * 1), uclamp off: effective_cpu_util() + sugov_effective_cpu_perf().
 * Inside a flavour TU the helpers are the TU's own (flavour.h renames
 * them); in fast.c they are the public dispatchers of api.c. */
static inline uint64_t perf619(const struct eas_system *sys, uint32_t cpu,
			       const struct eas_task *p, int32_t dst)
{
	uint64_t lo, hi, eff;

	eff = eas_effective_cpu_util(
		sys, cpu, eas_cpu_util(sys, cpu, p, dst, true), &lo, &hi);
	return eas_sugov_effective_cpu_perf(eff, lo, hi);
}

/* quiet CPU request for a boosted util x (<= scale): effective_cpu_util()
 * is x, min 0, max min(scale, 1024), headroom x + x / 4 */
HOT uint64_t quiet_req(uint64_t x, uint64_t scale)
{
	return eas__min_u64(x + (x >> 2), eas__min_u64(scale, EAS__FAST_SCALE));
}

HOT void add_max(uint64_t v, uint32_t s, uint64_t *m1, uint64_t *m2,
		 uint32_t *m1s)
{
	/* base_add_max() of feec.c: first one, then strictly larger */
	if (*m1s == NO_SLOT || v > *m1) {
		*m2 = *m1;
		*m1 = v;
		*m1s = s;
	} else if (v > *m2) {
		*m2 = v;
	}
}

HOT uint64_t energy619(const struct eas_perf_domain *pd,
		       const struct eas__fast_pd *fp, uint64_t mx,
		       uint64_t busy)
{
	/* em_cpu_energy(); mx is already min(.., cpu_cap) */
	if (mx < fp->lut_len)
		return busy ? pd->table[fp->lut[mx]].cost * busy : 0;
	return eas_em_cpu_energy(pd, mx, busy, fp->cpu_cap);
}

HOT uint64_t energy54(const struct eas_perf_domain *pd,
		      const struct eas__fast_pd *fp, uint64_t mx, uint64_t sum)
{
	/* em_pd_energy() */
	if (mx < fp->lut_len)
		return pd->table[fp->lut[mx]].cost * sum / fp->scale;
	return eas_em_pd_energy(pd, mx, sum);
}

#endif /* EAS_CORE_FAST_H */
