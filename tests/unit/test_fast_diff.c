/* SPDX-License-Identifier: MIT */
/*
 * Differential tests of the decision accelerator (<libeas/fast.h>:
 * lib/core/fast.c, lib/core/common/fast_feec.c and fast_select.c): on
 * seeded random landscapes (quiet ones, ones with a few unusual CPUs:
 * offline, RT / DL / IRQ, pressure, a stated capacity_of; allowed masks;
 * overutilized ones; uclamp; queued wakees), for HiKey960, RK3399, Juno
 * r0, generated platforms and the three flavours:
 *  - eas__fast_feec() (the flavour's ops->fast_feec) either declines or
 *    fills a result equal, field by field, to the mirror's (ops->feec,
 *    sys->fast NULL), for both eas__feec() modes (select_task_rq_fair()'s
 *    and the public feec's);
 *  - select_task_rq_fair() and find_energy_efficient_cpu() with the
 *    snapshot attached equal the stateless calls and the literal oracle
 *    (tests/oracle/ref_place.c);
 *  - eas_fast_update_cpu() after changing one CPU equals a fresh refresh;
 *  - both the fast path and the fallback are taken, often (asserted).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/fast.h>
#include <libeas/place.h>

#include "fast.h"
#include "fixtures.h"
#include "ops.h"
#include "ref_place.h"

static unsigned long taken[3], declined[3], taken_unusual[3], taken_allowed[3],
	taken_moved[3], taken_quiet[3];
/* select_task_rq_fair() placed by feec with the snapshot attached */
static unsigned long select_eas[3];

static uint64_t rnd(uint64_t *s, uint64_t lo, uint64_t hi)
{
	return fix_rand_range(s, lo, hi);
}

static bool chance(uint64_t *s, unsigned pct)
{
	return rnd(s, 0, 99) < pct;
}

struct rig {
	const struct eas_platform *pf;
	struct eas_rq *rq;
	eas_mask_word *allowed;
	void *mem, *mem2;
	struct eas_fast *f, *f2;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	uint32_t flags; /* wake flags of the select_task_rq_fair() calls */
};

/* one CPU's signals; unusual with probability pct_unusual */
static void rand_rq(struct rig *r, uint64_t *s, uint32_t i, unsigned busy_pct,
		    unsigned pct_unusual)
{
	struct eas_rq *q = &r->rq[i];
	uint64_t cap = r->pf->cpus[i].capacity;

	eas_rq_init(q);
	q->util_avg = rnd(s, 0, cap * busy_pct / 100);
	q->util_est = chance(s, 50) ? rnd(s, 0, cap * busy_pct / 100) : 0;
	q->runnable_avg = q->util_avg + rnd(s, 0, 200);
	q->nr_running = (uint32_t)rnd(s, 0, 3);
	q->h_nr_running = q->nr_running;
	q->idle = q->nr_running == 0;
	q->load_avg = rnd(s, 0, 2048);
	/* rq clamps: read only when uclamp is in effect (then declined) */
	if (chance(s, 20)) {
		q->uclamp_min = rnd(s, 0, 1024);
		q->uclamp_max = rnd(s, 0, 1024);
		q->uclamp_idle = chance(s, 30);
	}
	if (!chance(s, pct_unusual))
		return;
	switch (rnd(s, 0, 8)) {
	case 0:
		q->online = false;
		break;
	case 1:
		q->rt_util_avg = rnd(s, 0, cap / 3);
		break;
	case 2:
		q->dl_util_avg = rnd(s, 0, cap / 4);
		break;
	case 3:
		q->irq_util_avg = rnd(s, 0, chance(s, 5) ? cap : cap / 5);
		break;
	case 4:
		q->dl_running_bw = rnd(s, 0, 1u << 19);
		break;
	case 5:
		q->rt_nr_running = 1;
		break;
	case 6:
		q->hw_pressure = rnd(s, 0, cap / 2);
		break;
	case 7:
		q->cpufreq_max_khz =
			rnd(s, 1, r->pf->cpus[i].capacity_freq_ref_khz + 10);
		break;
	default:
		q->capacity_of = rnd(s, 1, cap);
		break;
	}
}

static void randomize(struct rig *r, uint64_t *s)
{
	const struct eas_platform *pf = r->pf;
	uint32_t n = pf->nr_cpus, i;
	unsigned busy = chance(s, 20) ? 90 : 40;
	unsigned unusual = chance(s, 40) ? 0 : chance(s, 50) ? 10 : 40;

	r->sys.pf = pf;
	r->sys.rq = r->rq;
	r->sys.features = eas_features_default(pf->kernel);
	if (chance(s, 25))
		r->sys.features &= ~EAS_FEAT_UTIL_EST;
	if (chance(s, 5))
		r->sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	else if (chance(s, 5)) /* built, static key off (v6.19: uclamp off) */
		r->sys.features |= EAS_FEAT_UCLAMP_BUILT;
	if (chance(s, 10))
		r->sys.features &= ~EAS_FEAT_AVG_IRQ;
	r->sys.rd_overutilized =
		chance(s, 10) ?
			(rnd(s, 0, 1) ? EAS_RD_OU_SET : EAS_RD_OU_CLEAR) :
			EAS_RD_OU_UNKNOWN;
	r->sys.jiffies = rnd(s, 0, 2000);
	r->sys.fast = NULL;
	for (i = 0; i < n; i++)
		rand_rq(r, s, i, busy, unusual);
	eas_task_init(&r->p);
	r->p.util_avg = rnd(s, 0, chance(s, 10) ? 1024 : 300);
	r->p.util_est_ewma = chance(s, 50) ? rnd(s, 0, 400) : 0;
	r->p.util_est_enqueued = chance(s, 50) ? rnd(s, 0, 400) : 0;
	r->p.util_est = chance(s, 50) ? rnd(s, 0, 400) : 0;
	if (chance(s, 10))
		r->p.util_est |= 0x80000000u;
	r->p.runnable_avg = r->p.util_avg + rnd(s, 0, 50);
	if (chance(s, 20)) {
		r->p.uclamp_min = rnd(s, 0, 1024);
		r->p.uclamp_max = rnd(s, 0, 1024);
	}
	r->p.prev_cpu = (int32_t)rnd(s, 0, n - 1);
	r->p.id = (uint32_t)rnd(s, 1, 4);
	r->p.queued = chance(s, 5);
	r->p.is_current = chance(s, 5);
	r->p.cpus_allowed = NULL;
	if (chance(s, 20)) {
		memset(r->allowed, 0,
		       EAS_MASK_WORDS(n) * sizeof(eas_mask_word));
		for (i = 0; i < n; i++)
			if (chance(s, 60))
				eas_mask_set(r->allowed, i);
		eas_mask_set(r->allowed, (uint32_t)r->p.prev_cpu);
		r->p.cpus_allowed = r->allowed;
	}
	eas_waker_init(&r->w);
	r->w.cpu = chance(s, 30) ? r->p.prev_cpu : (int32_t)rnd(s, 0, n - 1);
	r->w.last_wakee = (uint32_t)rnd(s, 1, 4);
	r->rq[r->w.cpu].online = true;
	if (chance(s, 90))
		r->rq[r->p.prev_cpu].online = true;
	/* last draws: the wake flags and the waker's in/out fields */
	r->flags = chance(s, 5) ? EAS_WF_FORK : EAS_WF_TTWU;
	if (chance(s, 25))
		r->flags |= EAS_WF_SYNC;
	if (chance(s, 8))
		r->flags |= EAS_WF_CURRENT_CPU;
	r->w.exiting = chance(s, 5);
	r->w.wakee_flips = (uint32_t)rnd(s, 0, 40);
	r->w.wakee_flip_decay_ts = rnd(s, 0, 2000);
}

static void same_feec(const struct eas_feec_result *a,
		      const struct eas_feec_result *b)
{
	assert_int_equal(a->nr_candidates, b->nr_candidates);
	assert_int_equal(a->nr_computed, b->nr_computed);
	assert_int_equal(a->cpu, b->cpu);
	assert_int_equal(a->reason, b->reason);
	assert_int_equal(a->overutilized, b->overutilized);
	assert_int_equal(a->best_cpu, b->best_cpu);
	assert_int_equal(a->base_energy, b->base_energy);
	assert_int_equal(a->prev_delta, b->prev_delta);
	assert_int_equal(a->best_delta, b->best_delta);
	assert_int_equal(a->margin, b->margin);
	assert_int_equal(a->prev_fits, b->prev_fits);
	assert_int_equal(a->best_fits, b->best_fits);
	assert_int_equal(a->task_busy_time, b->task_busy_time);
}

static void fresh(struct eas_feec_result *r)
{
	memset(r, 0xa5, sizeof(*r));
	r->candidates = NULL;
	r->max_candidates = 0;
}

/* the fast path against the mirror, both eas__feec() modes */
static void check_feec(struct rig *r, uint32_t this_cpu)
{
	static const int modes[] = { EAS__OU_SELECT, -1 };
	enum eas_kernel k = r->pf->kernel;
	size_t m;

	for (m = 0; m < 2; m++) {
		struct eas_feec_result a, b;
		int32_t ca, cb;

		fresh(&a);
		fresh(&b);
		r->sys.fast = r->f;
		ca = EAS__OPS(&r->sys)->fast_feec(&r->sys, &r->p, this_cpu,
						  modes[m], &a);
		r->sys.fast = NULL;
		if (ca == EAS__FAST_DECLINED) {
			declined[k]++;
			continue;
		}
		taken[k]++;
		if (eas_fast_nr_unusual(r->f))
			taken_unusual[k]++;
		else if (!r->p.cpus_allowed)
			taken_quiet[k]++; /* v6.19 / v7.1: fast619q() */
		if (r->p.cpus_allowed)
			taken_allowed[k]++;
		if (ca != r->p.prev_cpu)
			taken_moved[k]++;
		cb = EAS__OPS(&r->sys)->feec(&r->sys, &r->p, this_cpu, modes[m],
					     &b);
		assert_int_equal(ca, cb);
		same_feec(&a, &b);
	}
}

/* every output of select_task_rq_fair() but the feec part */
static void same_place(const struct eas_place_result *a,
		       const struct eas_place_result *b)
{
	assert_int_equal(a->cpu, b->cpu);
	assert_int_equal(a->path, b->path);
	assert_int_equal(a->eas_entered, b->eas_entered);
	assert_int_equal(a->overutilized, b->overutilized);
	assert_int_equal(a->sync, b->sync);
	assert_int_equal(a->want_affine, b->want_affine);
	assert_int_equal(a->wake_wide, b->wake_wide);
	assert_int_equal(a->wake_cap, b->wake_cap);
	assert_int_equal(a->affine_cpu, b->affine_cpu);
	assert_int_equal(a->sis_target, b->sis_target);
	assert_int_equal(a->sd_level, b->sd_level);
	assert_int_equal(a->no_eas, b->no_eas);
	assert_ptr_equal(a->feec.candidates, b->feec.candidates);
	assert_int_equal(a->feec.max_candidates, b->feec.max_candidates);
}

/* the public calls with the snapshot attached: stateless and oracle */
static void check_public(struct rig *r)
{
	struct eas_place_result a, b, c;
	struct eas_feec_result fa, fb, fc;
	struct eas_task pa = r->p, pb = r->p, pc = r->p;
	struct eas_waker wa = r->w, wb = r->w, wc = r->w;
	int ra, rb, rc;

	memset(&a, 0x5a, sizeof(a));
	memset(&b, 0x5a, sizeof(b));
	memset(&c, 0, sizeof(c));
	a.feec.candidates = b.feec.candidates = NULL;
	a.feec.max_candidates = b.feec.max_candidates = 0;
	r->sys.fast = r->f;
	ra = eas_select_task_rq_fair(&r->sys, &pa, &wa, r->flags, &a);
	fresh(&fa);
	rc = eas_find_energy_efficient_cpu(&r->sys, &r->p, (uint32_t)r->w.cpu,
					   &fa);
	assert_int_equal(rc, fa.cpu);
	r->sys.fast = NULL;
	rb = eas_select_task_rq_fair(&r->sys, &pb, &wb, r->flags, &b);
	fresh(&fb);
	(void)eas_find_energy_efficient_cpu(&r->sys, &r->p, (uint32_t)r->w.cpu,
					    &fb);
	rc = ref_select_task_rq_fair(&r->sys, &pc, &wc, r->flags, &c);
	fresh(&fc);
	(void)ref_feec(&r->sys, &r->p, (uint32_t)r->w.cpu, &fc);
	assert_int_equal(ra, rb);
	assert_int_equal(ra, rc);
	assert_int_equal(a.path, b.path);
	assert_int_equal(a.path, c.path);
	assert_int_equal(a.eas_entered, b.eas_entered);
	assert_int_equal(a.no_eas, b.no_eas);
	assert_int_equal(a.overutilized, b.overutilized);
	same_place(&a, &b);
	same_feec(&a.feec, &b.feec);
	same_feec(&fa, &fb);
	assert_int_equal(fa.cpu, fc.cpu);
	if (a.eas_entered) {
		assert_int_equal(a.feec.cpu, c.feec.cpu);
		assert_int_equal(a.feec.nr_computed, c.feec.nr_computed);
	}
	assert_int_equal(wa.wakee_flips, wb.wakee_flips);
	assert_int_equal(wa.last_wakee, wb.last_wakee);
	assert_int_equal(wa.wakee_flip_decay_ts, wb.wakee_flip_decay_ts);
	assert_int_equal(wa.recent_used_cpu, wb.recent_used_cpu);
	assert_int_equal(pa.recent_used_cpu, pb.recent_used_cpu);
	assert_int_equal(wa.wakee_flips, wc.wakee_flips);
	assert_int_equal(wa.last_wakee, wc.last_wakee);
	if (a.path == EAS_PATH_EAS)
		select_eas[r->pf->kernel]++;
	/* no result struct: the same CPU and in/out fields */
	pa = r->p;
	wa = r->w;
	r->sys.fast = r->f;
	assert_int_equal(
		eas_select_task_rq_fair(&r->sys, &pa, &wa, r->flags, NULL), rb);
	r->sys.fast = NULL;
	assert_int_equal(wa.wakee_flips, wb.wakee_flips);
	assert_int_equal(wa.last_wakee, wb.last_wakee);
	assert_int_equal(wa.wakee_flip_decay_ts, wb.wakee_flip_decay_ts);
	assert_int_equal(wa.recent_used_cpu, wb.recent_used_cpu);
	assert_int_equal(pa.recent_used_cpu, pb.recent_used_cpu);
}

static void run(struct eas_platform *pf, uint32_t iters, uint64_t seed0)
{
	size_t sz = eas_fast_size(pf);
	struct rig r;
	uint32_t it;

	memset(&r, 0, sizeof(r));
	r.pf = pf;
	r.rq = calloc(pf->nr_cpus, sizeof(*r.rq));
	r.allowed = calloc(EAS_MASK_WORDS(pf->nr_cpus), sizeof(eas_mask_word));
	r.mem = aligned_alloc(8, (sz + 7) & ~(size_t)7);
	r.mem2 = aligned_alloc(8, (sz + 7) & ~(size_t)7);
	assert_non_null(r.rq);
	assert_non_null(r.allowed);
	assert_non_null(r.mem);
	assert_non_null(r.mem2);
	assert_int_equal(eas_fast_init(&r.f, r.mem, sz - 1, pf), EAS_EINVAL);
	assert_int_equal(eas_fast_init(&r.f, r.mem, sz, pf), EAS_OK);
	assert_int_equal(eas_fast_init(&r.f2, r.mem2, sz, pf), EAS_OK);
	for (it = 0; it < iters; it++) {
		uint64_t s = seed0 * 1000003u + it;
		uint32_t cpu, j;

		randomize(&r, &s);
		assert_int_equal(eas_fast_refresh(r.f, &r.sys), EAS_OK);
		check_feec(&r, (uint32_t)r.w.cpu);
		check_public(&r);
		/* change a few CPUs, report them one by one: the snapshot
		 * then decides as a fresh one and as the stateless code */
		for (j = 0; j < 3; j++) {
			cpu = (uint32_t)rnd(&s, 0, pf->nr_cpus - 1);
			rand_rq(&r, &s, cpu, 40, 30);
			assert_int_equal(eas_fast_update_cpu(r.f, &r.sys, cpu),
					 EAS_OK);
		}
		r.rq[r.w.cpu].online = true;
		assert_int_equal(
			eas_fast_update_cpu(r.f, &r.sys, (uint32_t)r.w.cpu),
			EAS_OK);
		assert_int_equal(eas_fast_refresh(r.f2, &r.sys), EAS_OK);
		assert_int_equal(eas_fast_nr_unusual(r.f),
				 eas_fast_nr_unusual(r.f2));
		check_feec(&r, (uint32_t)r.w.cpu);
		check_public(&r);
	}
	assert_int_equal(eas_fast_update_cpu(r.f, &r.sys, pf->nr_cpus),
			 EAS_EINVAL);
	r.sys.rq = NULL;
	assert_int_equal(eas_fast_refresh(r.f, &r.sys), EAS_EINVAL);
	free(r.rq);
	free(r.allowed);
	free(r.mem);
	free(r.mem2);
	fix_free(pf);
}

static void test_socs(void **state)
{
	enum eas_kernel k;

	(void)state;
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		run(fix_hikey960(k, 0), 1500, 10 + k);
		run(fix_rk3399(k, 0), 600, 20 + k);
		run(fix_juno_r0(k, 0), 600, 30 + k);
		run(fix_2x2(k, 0), 600, 40 + k);
	}
	run(fix_hikey960(EAS_KERNEL_V5_4, EAS_OPT_V54_EM_SCALE_POWER), 600, 50);
}

static void test_generated(void **state)
{
	static const struct fix_gen_params gp[] = {
		{ 12, 3, 5, 11, 0 },
		{ 8, 8, 4, 12, 0 },
		{ 16, 4, 6, 13, FIX_GEN_DMIPS },
		{ 70, 5, 4, 16, FIX_GEN_NO_SKIP },
		{ 256, 64, 5, 17, 0 },
	};
	enum eas_kernel k;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(gp) / sizeof(gp[0]); i++)
		for (k = 0; k < EAS_KERNEL_COUNT; k++)
			run(fix_generated(&gp[i], k, 0),
			    gp[i].nr_cpus > 20 ? 60 : 300, 100 + i * 3 + k);
}

/* both the fast path and the fallback are exercised, per flavour, also
 * with unusual CPUs and with an allowed mask on the fast path */
static void test_coverage(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < 3; k++) {
		fprintf(stderr,
			"%s: fast %lu (all quiet %lu, unusual CPUs %lu, allowed "
			"mask %lu, moved %lu), declined %lu; select placed by "
			"feec %lu\n",
			eas_kernel_name((enum eas_kernel)k), taken[k],
			taken_quiet[k], taken_unusual[k], taken_allowed[k],
			taken_moved[k], declined[k], select_eas[k]);
		assert_true(taken[k] > 1000);
		assert_true(declined[k] > 1000);
		assert_true(taken_unusual[k] > 200);
		assert_true(taken_quiet[k] > 200);
		assert_true(select_eas[k] > 1000);
		assert_true(taken_allowed[k] > 100);
		assert_true(taken_moved[k] > 200);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_socs),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_coverage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
