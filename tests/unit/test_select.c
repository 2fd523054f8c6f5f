/* SPDX-License-Identifier: MIT */
/*
 * select_task_rq_fair() hand-derived cases: each path of the flavours
 * and each tie-break / quirk named in kernel-eas.md §3-4, with the
 * expected CPU worked out in the comment above the assertion. Every case
 * is also replayed on the literal oracle (tests/oracle/ref_place.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <libeas/balance.h>
#include <libeas/place.h>

#include "fixtures.h"
#include "ref_place.h"

#define V54 EAS_KERNEL_V5_4
#define V619 EAS_KERNEL_V6_19
#define TTWU EAS_WF_TTWU

struct rig {
	struct eas_platform *pf;
	struct eas_rq rq[8];
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	eas_mask_word allowed[1];
	struct eas_place_candidate c[16];
	struct eas_place_result r;
};

static void rig_init(struct rig *g, struct eas_platform *pf)
{
	uint32_t i;

	memset(g, 0, sizeof(*g));
	g->pf = pf;
	for (i = 0; i < pf->nr_cpus; i++)
		eas_rq_init(&g->rq[i]);
	g->sys.pf = pf;
	g->sys.rq = g->rq;
	g->sys.features = eas_features_default(pf->kernel);
	g->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	eas_task_init(&g->p);
	g->p.id = 7;
	eas_waker_init(&g->w);
}

static void busy(struct rig *g, uint32_t cpu, uint64_t util, uint32_t nr)
{
	g->rq[cpu].util_avg = util;
	g->rq[cpu].runnable_avg = util;
	g->rq[cpu].nr_running = nr;
	g->rq[cpu].h_nr_running = nr;
	g->rq[cpu].idle = nr == 0;
}

/* run the library and the oracle; they must agree; returns the CPU */
static int place(struct rig *g, uint32_t flags)
{
	struct eas_place_candidate rc[16];
	struct eas_place_result rr;
	struct eas_task p2 = g->p;
	struct eas_waker w2 = g->w;
	uint32_t i;
	int a, b;

	memset(&g->r, 0, sizeof(g->r));
	g->r.feec.candidates = g->c;
	g->r.feec.max_candidates = 16;
	memset(&rr, 0, sizeof(rr));
	rr.feec.candidates = rc;
	rr.feec.max_candidates = 16;
	b = ref_select_task_rq_fair(&g->sys, &p2, &w2, flags, &rr);
	a = eas_select_task_rq_fair(&g->sys, &g->p, &g->w, flags, &g->r);
	assert_int_equal(a, b);
	assert_int_equal(g->r.path, rr.path);
	assert_int_equal(g->r.feec.nr_candidates, rr.feec.nr_candidates);
	for (i = 0; i < rr.feec.nr_candidates; i++) {
		assert_int_equal(g->c[i].cpu, rc[i].cpu);
		assert_int_equal(g->c[i].delta, rc[i].delta);
	}
	assert_int_equal(g->p.recent_used_cpu, p2.recent_used_cpu);
	assert_int_equal(g->w.recent_used_cpu, w2.recent_used_cpu);
	return a;
}

/* ---- energy-aware path ------------------------------------------------ */

/* An overutilized root domain never takes the energy-aware path. */
static void test_overutilized_no_eas(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		/* CPU1: 420 on 512 -> 420*1280 = 537600 >= 524288 */
		busy(&g, 1, 420, 1);
		g.p.util_avg = 100;
		g.p.prev_cpu = 0;
		g.w.cpu = 0;
		assert_true(eas_cpu_overutilized(&g.sys, 1));
		assert_false(eas_cpu_overutilized(&g.sys, 0));
		assert_true(eas_is_overutilized(&g.sys));
		place(&g, TTWU);
		assert_true(g.r.overutilized);
		assert_int_not_equal(g.r.path, EAS_PATH_EAS);
		if (k == V54) {
			/* v5.4 calls feec, which declines */
			assert_true(g.r.eas_entered);
			assert_int_equal(g.r.feec.cpu, -1);
			assert_int_equal(g.r.feec.reason,
					 EAS_FEEC_OVERUTILIZED);
		} else {
			assert_false(g.r.eas_entered);
		}
		/* stated 0 overrides the signals */
		g.sys.rd_overutilized = EAS_RD_OU_CLEAR;
		place(&g, TTWU);
		assert_int_equal(g.r.path, EAS_PATH_EAS);
		fix_free(g.pf);
	}
}

/* Lowest CPU id wins on equal spare capacity (strict '>'). */
static void test_tie_lowest_cpu(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		busy(&g, 0, 300, 1); /* prev, includes p's 100 */
		busy(&g, 2, 200, 1);
		busy(&g, 3, 200, 1);
		g.p.util_avg = 100;
		g.p.prev_cpu = 0;
		place(&g, TTWU);
		/* big PD first (descending first CPU): CPU2 and CPU3 both
		 * spare 1024 - 300 = 724: the candidate is CPU2 */
		assert_int_equal(g.c[0].cpu, 2);
		assert_int_equal(g.c[0].perf_domain, 1);
		fix_free(g.pf);
	}
}

/* The v6.19 rule "prev kept on equal delta": scenario A of §7.1 has
 * CPU1's delta == prev_delta (both 161 / 1,610,100): prev CPU0 stays. */
static void test_tie_prev_kept(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		busy(&g, 0, 400, 1);
		busy(&g, 1, 100, 1);
		busy(&g, 2, 600, 1);
		busy(&g, 3, 500, 1);
		g.p.util_avg = 200;
		assert_int_equal(place(&g, TTWU), 0);
		assert_int_equal(g.c[1].delta, g.c[2].delta);
		assert_int_equal(g.r.feec.reason, EAS_FEEC_PREV_BEST);
		fix_free(g.pf);
	}
}

/* three PDs: little {0} and two identical bigs {1}, {2} */
static const struct eas_cpu_desc cpus3[] = {
	{ .capacity = 512 },
	{ .capacity = 1024 },
	{ .capacity = 1024 },
};
static const uint32_t pd3_0[] = { 0 }, pd3_1[] = { 1 }, pd3_2[] = { 2 };
static const struct eas_state_desc little3[] = {
	{ .frequency_khz = 500, .power_mw = 100 },
	{ .frequency_khz = 1000, .power_mw = 300 },
};
static const struct eas_state_desc big3[] = {
	{ .frequency_khz = 1000, .power_mw = 400 },
	{ .frequency_khz = 2000, .power_mw = 1200 },
};
static const struct eas_pd_desc pds3[] = {
	{ .nr_cpus = 1, .cpus = pd3_0, .nr_states = 2, .states = little3 },
	{ .nr_cpus = 1, .cpus = pd3_1, .nr_states = 2, .states = big3 },
	{ .nr_cpus = 1, .cpus = pd3_2, .nr_states = 2, .states = big3 },
};
static const struct eas_platform_desc desc3 = {
	.nr_cpus = 3,
	.cpus = cpus3,
	.nr_pds = 3,
	.pds = pds3,
};

/* First PD in the rd->pd list wins on equal delta (strict '<'): the list
 * is {2}, {1}, {0}; CPU2 and CPU1 cost the same, so CPU2. */
static void test_tie_first_pd(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_build(&desc3, (enum eas_kernel)k, 0));
		assert_true(g.pf->eas_possible);
		/* CPU0 at 350 (incl. p) is not overutilized, but with p's
		 * util_est enqueued (150 + 300) p does not fit it */
		busy(&g, 0, 350, 1);
		g.rq[0].util_est = 150;
		g.p.util_avg = 300;
		g.p.util_est_ewma = 300;
		g.p.util_est = 300;
		g.p.prev_cpu = 0;
		assert_int_equal(place(&g, TTWU), 2);
		assert_int_equal(g.r.feec.nr_computed, 2);
		assert_int_equal(g.c[0].cpu, 2);
		assert_int_equal(g.c[1].cpu, 1);
		assert_int_equal(g.c[0].delta, g.c[1].delta);
		assert_int_equal(g.r.feec.reason, k == V54 ?
							  EAS_FEEC_PREV_UNFIT :
							  EAS_FEEC_ENERGY);
		fix_free(g.pf);
	}
}

/* a little PD where the higher OPP is cheaper per unit (inefficient low
 * OPP): placing p raises the OPP and *lowers* the PD's energy */
static const struct eas_cpu_desc cpusw[] = {
	{ .capacity = 512 },
	{ .capacity = 512 },
	{ .capacity = 1024 },
	{ .capacity = 1024 },
};
static const uint32_t w_l[] = { 0, 1 }, w_b[] = { 2, 3 };
static const struct eas_state_desc w_little[] = {
	{ .frequency_khz = 256, .power_mw = 300 },
	{ .frequency_khz = 512, .power_mw = 310 },
};
static const struct eas_state_desc w_big[] = {
	{ .frequency_khz = 512, .power_mw = 400 },
	{ .frequency_khz = 768, .power_mw = 800 },
	{ .frequency_khz = 1024, .power_mw = 1700 },
};
static const struct eas_pd_desc pdsw[] = {
	{ .nr_cpus = 2,
	  .cpus = w_l,
	  .nr_states = 2,
	  .states = w_little,
	  .no_skip_inefficiencies = true },
	{ .nr_cpus = 2,
	  .cpus = w_b,
	  .nr_states = 3,
	  .states = w_big,
	  .no_skip_inefficiencies = true },
};
static const struct eas_platform_desc descw = {
	.nr_cpus = 4,
	.cpus = cpusw,
	.nr_pds = 2,
	.pds = pdsw,
};

/*
 * v5.4 unsigned wrap: little costs {512*300/256 = 600, 310}. p (150) on
 * CPU0 (util 230 incl. p), CPU1 at 200. Base (p removed): max 200 ->
 * freq 640*200/512 = 250 -> OPP0: 600*280/512 = 328. With p on CPU0: max
 * 230 -> freq 287 -> OPP1: 310*430/512 = 260 < 328: prev_delta wraps to
 * 2^64 - 68. The margin (prev_delta + base_energy) >> 4 wraps back to a
 * small number, so the big CPU (a positive delta) wins although staying
 * would have saved energy. v6.19 returns prev at once (energy < base).
 */
static void test_v54_unsigned_wrap(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, fix_build(&descw, V54, 0));
	g.sys.features &= ~EAS_FEAT_UTIL_EST;
	busy(&g, 0, 230, 1);
	busy(&g, 1, 200, 1);
	g.p.util_avg = 150;
	g.p.prev_cpu = 0;
	assert_int_equal(eas_compute_energy(&g.sys, &g.p, -1, 0), 328);
	assert_int_equal(eas_compute_energy(&g.sys, &g.p, 0, 0), 260);
	assert_int_equal(place(&g, TTWU), 2);
	assert_int_equal(g.r.feec.prev_delta, (uint64_t)0 - 68u);
	assert_true(g.r.feec.margin < 1000);
	assert_int_equal(g.r.feec.reason, EAS_FEEC_ENERGY);
	fix_free(g.pf);

	rig_init(&g, fix_build(&descw, V619, 0));
	g.sys.features &= ~EAS_FEAT_UTIL_EST;
	busy(&g, 0, 230, 1);
	busy(&g, 1, 200, 1);
	g.p.util_avg = 150;
	g.p.prev_cpu = 0;
	assert_int_equal(place(&g, TTWU), 0);
	/* the big PD came first and was evaluated; then prev's energy fell
	 * below the little base: early return of prev_cpu */
	assert_int_equal(g.r.feec.reason, EAS_FEEC_BELOW_BASE);
	fix_free(g.pf);
}

/* v6.19 fits ranking: uclamp_min 800 cannot be met by a little CPU
 * (util_fits_cpu -1), a big CPU fits (1): best_fits > prev_fits moves p
 * to a big CPU whatever the energy. */
static void test_v619_fits_ranking(void **state)
{
	struct rig g;
	uint32_t i;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	busy(&g, 0, 100, 1);
	g.p.util_avg = 100;
	g.p.uclamp_min = 800;
	g.p.prev_cpu = 0;
	assert_int_equal(eas_util_fits_cpu(&g.sys, 100, 800, 1024, 0), -1);
	assert_int_equal(eas_util_fits_cpu(&g.sys, 100, 800, 1024, 2), 1);
	assert_int_equal(place(&g, TTWU), 2);
	for (i = 0; i < g.r.feec.nr_candidates; i++)
		assert_int_equal(g.c[i].fits, g.c[i].cpu < 2 ? -1 : 1);
	assert_int_equal(g.r.feec.prev_fits, -1);
	assert_int_equal(g.r.feec.best_fits, 1);
	/* without uclamp the same task stays on the little prev */
	g.sys.features &= ~(EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED);
	assert_int_equal(place(&g, TTWU), 0);
	fix_free(g.pf);
}

/* v6.19 uclamp_max lets a big task fit a little CPU (uclamp_max <= its
 * capacity); without it only big CPUs are candidates. */
static void test_v619_uclamp_max(void **state)
{
	struct rig g;
	uint32_t i;
	bool little = false;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	busy(&g, 2, 600, 1); /* prev, includes p */
	/* idle rqs have no active uclamp_max: p's own cap applies */
	g.rq[0].uclamp_idle = g.rq[1].uclamp_idle = true;
	g.p.util_avg = 500;
	g.p.uclamp_max = 300;
	g.p.prev_cpu = 2;
	g.w.cpu = 2;
	place(&g, TTWU);
	for (i = 0; i < g.r.feec.nr_candidates; i++)
		little |= g.c[i].cpu < 2;
	assert_true(little);
	assert_int_equal(g.r.cpu, 0); /* capped at 300: little is cheaper */
	g.p.uclamp_max = 1024;
	place(&g, TTWU);
	for (i = 0; i < g.r.feec.nr_candidates; i++)
		assert_true(g.c[i].cpu >= 2);
	fix_free(g.pf);
}

/* util_est: v5.4 task util_est 300 (| 1 = 301) against a little CPU with
 * util_est 200: 200 + 301 = 501 does not fit 512 (501*1280 > 512*1024);
 * with UTIL_EST off the little CPU is a candidate. */
static void test_util_est(void **state)
{
	struct rig g;
	uint32_t i;
	bool little;

	(void)state;
	rig_init(&g, fix_2x2(V54, 0));
	busy(&g, 0, 300, 1); /* spare 182 with p: CPU1 has more (332) */
	busy(&g, 1, 150, 1);
	g.rq[1].util_est = 200;
	g.p.util_avg = 30;
	g.p.util_est_ewma = 300;
	g.p.prev_cpu = 3;
	g.w.cpu = 3;
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 301);
	place(&g, TTWU);
	little = false;
	for (i = 0; i < g.r.feec.nr_candidates; i++)
		little |= g.c[i].cpu == 1;
	assert_false(little);
	g.sys.features &= ~EAS_FEAT_UTIL_EST;
	place(&g, TTWU);
	little = false;
	for (i = 0; i < g.r.feec.nr_candidates; i++)
		little |= g.c[i].cpu == 1;
	assert_true(little);
	fix_free(g.pf);
}

/* RT pressure shrinks capacity_of: rt 400 on little CPU1 leaves
 * 512 - 400 = 112; an offline CPU and a disallowed CPU are never
 * candidates either. */
static void test_rt_offline_allowed(void **state)
{
	struct rig g;
	uint32_t i;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		busy(&g, 3, 700, 1);
		g.p.util_avg = 100;
		g.p.prev_cpu = 3;
		g.w.cpu = 3;
		g.rq[1].rt_util_avg = 400;
		assert_int_equal(eas_capacity_of(&g.sys, 1), 112);
		g.rq[0].online = false;
		g.allowed[0] = 0xdu; /* {0, 2, 3} */
		g.p.cpus_allowed = g.allowed;
		place(&g, TTWU);
		for (i = 0; i < g.r.feec.nr_candidates; i++)
			assert_true(g.c[i].cpu >= 2);
		/* CPU1 allowed again: still no room for 100 in 112 */
		g.p.cpus_allowed = NULL;
		place(&g, TTWU);
		for (i = 0; i < g.r.feec.nr_candidates; i++)
			assert_true(g.c[i].cpu >= 2);
		/* without the RT load CPU1 is the cheapest */
		g.rq[1].rt_util_avg = 0;
		assert_int_equal(place(&g, TTWU), 1);
		fix_free(g.pf);
	}
}

/* ---- fast and slow paths -------------------------------------------------- */

/* wake_wide: v5.4 has SD_BALANCE_WAKE on the asym domain, so a wide
 * wake-up takes the slow path; v6.19 has no SD_BALANCE_WAKE: fast path. */
static void test_wake_wide(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		g.sys.rd_overutilized = EAS_RD_OU_SET;
		busy(&g, 0, 200, 1);
		g.p.util_avg = 100;
		g.p.prev_cpu = 1;
		g.w.cpu = 0;
		/* llc size 2: slave 2 >= 2 and master 9 + 1 >= 2 * 2 */
		g.p.wakee_flips = 2;
		g.w.wakee_flips = 9;
		place(&g, TTWU);
		assert_true(g.r.wake_wide);
		assert_false(g.r.want_affine);
		assert_int_equal(g.r.path, k == V54 ? EAS_PATH_IDLEST :
						      EAS_PATH_IDLE_SIBLING);
		assert_int_equal(g.w.wakee_flips, 10);
		fix_free(g.pf);
	}
}

/* v5.4 wake_cap: a 500-util task woken on a little CPU for a little prev:
 * max_cap 1024 - min_cap 512 >= 128 and 500 does not fit 512 -> no
 * affine wake-up, slow path. */
static void test_v54_wake_cap(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V54, 0));
	g.sys.rd_overutilized = EAS_RD_OU_SET;
	busy(&g, 0, 100, 1);
	g.p.util_avg = 500;
	g.p.prev_cpu = 1;
	g.w.cpu = 0;
	place(&g, TTWU);
	assert_true(g.r.wake_cap);
	assert_int_equal(g.r.path, EAS_PATH_IDLEST);
	/* a small task keeps wake_affine */
	g.p.util_avg = 100;
	place(&g, TTWU);
	assert_false(g.r.wake_cap);
	assert_true(g.r.want_affine);
	fix_free(g.pf);
}

/*
 * Sync wake-up, waker on big CPU2 (only its own task running), prev on
 * little CPU0 in another LLC: wake_affine_idle(): CPU2 not idle; sync and
 * nr_running == 1 -> CPU2. With CPU3 busy, select_idle_sibling(0, 2)
 * finds nothing idle in CPU2's LLC and returns the target: "wake_affine".
 * v6.19 needs prev not idle too (its wake_affine_idle() prefers an idle
 * prev), and asym_fits_cpu() of the target.
 */
static void test_sync_wake_affine(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		g.sys.rd_overutilized = EAS_RD_OU_SET;
		busy(&g, 0, 300, 1);
		busy(&g, 1, 300, 1);
		busy(&g, 2, 300, 1);
		busy(&g, 3, 300, 1);
		g.p.util_avg = 100;
		g.p.prev_cpu = 0;
		g.w.cpu = 2;
		assert_int_equal(place(&g, TTWU | EAS_WF_SYNC), 2);
		assert_true(g.r.sync);
		assert_int_equal(g.r.affine_cpu, 2);
		assert_int_equal(g.r.path, EAS_PATH_WAKE_AFFINE);
		/* PF_EXITING cancels sync */
		g.w.exiting = true;
		place(&g, TTWU | EAS_WF_SYNC);
		assert_false(g.r.sync);
		fix_free(g.pf);
	}
}

/* recent_used_cpu (v5.4): target and prev busy, the task's recent CPU is
 * idle and shares the target's LLC: it is returned and p->recent_used_cpu
 * becomes prev; the waker's recent_used_cpu becomes its CPU. */
static void test_recent_used_cpu(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V54, 0));
	g.sys.rd_overutilized = EAS_RD_OU_SET;
	busy(&g, 0, 300, 1);
	busy(&g, 1, 0, 0);
	busy(&g, 2, 300, 1);
	busy(&g, 3, 300, 1);
	g.p.util_avg = 100;
	g.p.prev_cpu = 0;
	g.p.recent_used_cpu = 1;
	g.w.cpu = 0;
	assert_int_equal(place(&g, TTWU), 1);
	assert_int_equal(g.r.path, EAS_PATH_IDLE_SIBLING);
	assert_int_equal(g.p.recent_used_cpu, 0);
	assert_int_equal(g.w.recent_used_cpu, 0);
	fix_free(g.pf);
}

/* v6.19 select_idle_capacity(): p (600) does not fit a little CPU; all
 * CPUs idle: the scan from target 0 returns the first fitting idle CPU,
 * CPU2. With the bigs busy, the best non-fitting idle CPU (largest
 * capacity, then scan order) is CPU0. With uclamp_min 800 the littles fit
 * "-1", preferred over 0. */
static void test_v619_select_idle_capacity(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	g.sys.rd_overutilized = EAS_RD_OU_SET;
	g.p.util_avg = 600;
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	assert_int_equal(place(&g, TTWU), 2);
	busy(&g, 2, 300, 1);
	busy(&g, 3, 300, 1);
	assert_int_equal(place(&g, TTWU), 0);
	g.w.cpu = 1; /* target 1 after wake_affine: scan from 1 */
	g.p.prev_cpu = 1;
	assert_int_equal(place(&g, TTWU), 1);
	fix_free(g.pf);
}

/* v6.19 WF_CURRENT_CPU: the waker's CPU if allowed, before feec. */
static void test_v619_current_cpu(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	busy(&g, 3, 500, 1);
	g.p.util_avg = 100;
	g.p.prev_cpu = 0;
	g.w.cpu = 3;
	assert_int_equal(place(&g, TTWU | EAS_WF_CURRENT_CPU), 3);
	assert_int_equal(g.r.path, EAS_PATH_CURRENT_CPU);
	assert_false(g.r.eas_entered);
	g.allowed[0] = 0x3u;
	g.p.cpus_allowed = g.allowed;
	place(&g, TTWU | EAS_WF_CURRENT_CPU);
	assert_int_not_equal(g.r.path, EAS_PATH_CURRENT_CPU);
	fix_free(g.pf);
	/* v5.4 has no WF_CURRENT_CPU */
	rig_init(&g, fix_2x2(V54, 0));
	g.p.prev_cpu = 0;
	g.w.cpu = 3;
	g.p.util_avg = 100;
	place(&g, TTWU | EAS_WF_CURRENT_CPU);
	assert_int_not_equal(g.r.path, EAS_PATH_CURRENT_CPU);
	fix_free(g.pf);
}

/* fork/exec: never energy-aware; the slow path from the highest domain
 * with SD_BALANCE_FORK/EXEC. All idle: v5.4 find_idlest_group() picks by
 * spare capacity (the big group), find_idlest_group_cpu() the shallowest
 * idle state; v6.19 (has_spare groups) the group with more idle CPUs, the
 * local group when equal. */
static void test_fork_exec(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		g.p.util_avg = 0;
		g.p.prev_cpu = 0;
		g.w.cpu = 0;
		g.rq[2].idle_exit_latency = 10;
		g.rq[3].idle_exit_latency = 5;
		place(&g, EAS_WF_FORK);
		assert_int_equal(g.r.path, EAS_PATH_IDLEST);
		assert_false(g.r.eas_entered);
		assert_int_equal(g.w.wakee_flips, 0); /* no record_wakee */
		if (k == V54) {
			/* fork skips the spare-capacity test; all loads 0:
			 * the remote group becomes idlest (ULONG_MAX >
			 * 0 + imbalance) and the final "100 * this_avg <
			 * scale * min_avg" is 0 < 0: false, so the remote
			 * group {2,3} is taken; its shallowest idle CPU is
			 * CPU3 (latency 5), whose MC level repeats the same
			 * reasoning towards {2}: CPU2. */
			assert_int_equal(g.r.cpu, 2);
		} else {
			/* equal idle CPUs (2 vs 2): stay local; the MC
			 * level then picks among {0, 1}: both idle without
			 * state, no idle_stamp: CPU0 (this cpu) */
			assert_int_equal(g.r.cpu, 0);
		}
		/* make the local cluster busy: the big cluster wins and
		 * its shallowest idle CPU (exit latency 5) is CPU3 */
		busy(&g, 0, 500, 2);
		busy(&g, 1, 500, 2);
		g.rq[0].load_avg = g.rq[1].load_avg = 2048;
		g.rq[0].runnable_load_avg = g.rq[1].runnable_load_avg = 2048;
		/* sched_exec(): p is current and queued on CPU0 */
		g.p.queued = g.p.is_current = true;
		assert_int_equal(place(&g, EAS_WF_EXEC), 3);
		fix_free(g.pf);
	}
}

/* symmetric 8-CPU platform (one LLC, EAS off): the idle-CPU scan budget.
 * v5.4 SIS_PROP: avg_idle 0 -> nr = 4: the scan from target 0 gives up
 * at CPU3 (returning a remembered SCHED_IDLE CPU); with a large budget and
 * no idle CPU the remembered SCHED_IDLE CPU is dropped (quirk) and the
 * target is kept. v6.19 SIS_UTIL: nr_idle_scan 0 gives up at once;
 * otherwise the scan from target + 1 accepts a SCHED_IDLE CPU. */
static void test_idle_scan_budget(void **state)
{
	struct fix_gen_params gp = { 8, 1, 3, 21, FIX_GEN_SYMMETRIC };
	struct rig g;
	uint32_t c;

	(void)state;
	rig_init(&g, fix_generated(&gp, V54, 0));
	assert_false(g.pf->eas_possible);
	assert_int_equal(g.pf->cpus[0].sd_llc_size, 8);
	for (c = 0; c < 8; c++)
		busy(&g, c, 300, 1);
	busy(&g, 6, 0, 0);
	g.p.util_avg = 100;
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	g.rq[0].avg_idle = 0; /* nr = 4 */
	assert_int_equal(place(&g, TTWU), 0);
	g.rq[0].avg_idle = 512u * 1000u; /* nr = 8 * 1000 / 1 */
	assert_int_equal(place(&g, TTWU), 6);
	/* CPU2 runs only SCHED_IDLE tasks */
	g.rq[2].idle_h_nr_running = 1;
	g.rq[0].avg_idle = 0;
	assert_int_equal(place(&g, TTWU), 2); /* budget out: si_cpu */
	busy(&g, 6, 300, 1);
	g.rq[0].avg_idle = 512u * 1000u;
	assert_int_equal(place(&g, TTWU), 0); /* scan done: si_cpu lost */
	fix_free(g.pf);

	rig_init(&g, fix_generated(&gp, V619, 0));
	for (c = 0; c < 8; c++)
		busy(&g, c, 300, 1);
	busy(&g, 6, 0, 0);
	g.p.util_avg = 100;
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	g.rq[0].nr_idle_scan = 0; /* nr = 1: give up */
	assert_int_equal(place(&g, TTWU), 0);
	g.rq[0].nr_idle_scan = 4; /* CPUs 1..4 scanned */
	assert_int_equal(place(&g, TTWU), 0);
	g.rq[0].nr_idle_scan = 6; /* reaches CPU6 */
	assert_int_equal(place(&g, TTWU), 6);
	g.rq[2].idle_h_nr_running = 1;
	assert_int_equal(place(&g, TTWU), 2);
	fix_free(g.pf);
}

/* SMT (CPU pairs): with has_idle_cores, a fully idle core (6, 7) wins
 * over an idle sibling of a busy core (3), in both flavours. */
static void test_smt_idle_core(void **state)
{
	struct fix_gen_params gp = { 8, 1, 3, 22,
				     FIX_GEN_SYMMETRIC | FIX_GEN_SMT };
	struct rig g;
	uint32_t c;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_generated(&gp, (enum eas_kernel)k, 0));
		for (c = 0; c < 8; c++)
			busy(&g, c, 300, 1);
		busy(&g, 3, 0, 0);
		busy(&g, 6, 0, 0);
		busy(&g, 7, 0, 0);
		g.rq[0].avg_idle = 512u * 1000u;
		g.rq[0].nr_idle_scan = 8;
		g.p.util_avg = 100;
		g.p.prev_cpu = 0;
		g.w.cpu = 0;
		g.rq[0].has_idle_cores = true;
		assert_int_equal(place(&g, TTWU), 6);
		/* without the hint: the first idle CPU of the scan */
		g.rq[0].has_idle_cores = false;
		assert_int_equal(place(&g, TTWU), 3);
		fix_free(g.pf);
	}
}

/*
 * Fork of a big task (700) from little CPU0, everything idle. v6.19: on
 * the asymmetric PKG domain the little group is misfit_task (700 fits no
 * little CPU), the big group has_spare: the big group wins. Inside it
 * sched_balance_find_dst_group_cpu() prefers the most recently idled CPU
 * (idle_stamp) among CPUs without an idle state; with every idle_stamp 0
 * none qualifies and it returns this_cpu (CPU0, outside the group!), so
 * the walk continues on CPU0's MC level and the task stays on CPU0.
 * v5.4 has no misfit notion in its slow path: fork skips the spare
 * capacity test and the all-zero loads make the remote group "idlest"
 * at each level: CPU1 with stamps 0, CPU2 with stamps.
 */
static void test_fork_misfit_idle_stamp(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		g.p.util_avg = 700;
		g.p.prev_cpu = 0;
		g.w.cpu = 0;
		assert_int_equal(place(&g, EAS_WF_FORK), k == V54 ? 1 : 0);
		assert_int_equal(g.r.path, EAS_PATH_IDLEST);
		g.rq[2].idle_stamp = 3;
		g.rq[3].idle_stamp = 5;
		/* v6.19: CPU3 (stamp 5), then its MC level keeps it (equal
		 * idle CPUs: stay local); v5.4: CPU3, then its MC level
		 * moves on to the "idlest" remote group {2} */
		assert_int_equal(place(&g, EAS_WF_FORK), k == V54 ? 2 : 3);
		fix_free(g.pf);
	}
}

/* allowed CPUs as a mask (CPU list terminated by -1) */
static void allow(struct rig *g, const int *cpus)
{
	g->allowed[0] = 0;
	for (; *cpus >= 0; cpus++)
		eas_mask_set(g->allowed, (uint32_t)*cpus);
	g->p.cpus_allowed = g->allowed;
}

/*
 * v6.19 update_sg_wakeup_stats() (fair.c:10711) sums its per-CPU
 * statistics over for_each_cpu_and(i, sched_group_span(group),
 * p->cpus_ptr) (10724); group_weight and group_capacity come from the
 * group (group->group_weight, group->sgc->capacity). On the same
 * landscape only the affinity mask changes the group
 * sched_balance_find_dst_group() (10826) returns at PKG.
 *
 * Fork of p (util 0) from CPU0 on 2x2 (CPUs 0,1: 512; 2,3: 1024).
 * CPU0 and CPU3 run one task (util 300), CPUs 1 and 2 are idle (exit
 * latency 1).
 *  - All CPUs allowed. PKG: local {0,1} has_spare with 1 idle CPU (1),
 *    {2,3} has_spare with 1 (2); "local_sgs.idle_cpus >=
 *    idlest_sgs.idle_cpus" returns NULL. MC of CPU0: {1} (1 idle) beats
 *    the local {0} (0 idle): {1}, group_weight 1: CPU1.
 *  - p may run on {0,2,3}. PKG: local {0,1} counts CPU0 only: 0 idle
 *    CPUs; {2,3} 1: 0 >= 1 fails, {2,3} is returned and
 *    sched_balance_find_dst_group_cpu() (7383) gives the idle CPU2. MC of
 *    CPU2: local {2} 1 idle vs {3} 0: NULL. CPU2 (the whole-group sum
 *    counted CPU1 as idle: NULL at PKG, {1} skipped at MC: CPU0).
 */
static void test_v619_wakeup_stats_affinity(void **state)
{
	static const int m023[] = { 0, 2, 3, -1 }, m012[] = { 0, 1, 2, -1 };
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	g.p.util_avg = 0;
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	busy(&g, 0, 300, 1);
	g.rq[0].load_avg = 600;
	busy(&g, 3, 300, 1);
	g.rq[3].load_avg = 600;
	g.rq[1].idle_exit_latency = g.rq[2].idle_exit_latency = 1;
	g.rq[1].idle_stamp = g.rq[2].idle_stamp = 1000;
	assert_int_equal(place(&g, EAS_WF_FORK), 1);
	assert_int_equal(g.r.path, EAS_PATH_IDLEST);
	allow(&g, m023);
	assert_int_equal(place(&g, EAS_WF_FORK), 2);
	assert_int_equal(g.r.path, EAS_PATH_IDLEST);

	/*
	 * The group type. CPU1 now runs one task (util 300), CPU3 three
	 * (util 1000, runnable 2500), CPU2 is idle.
	 *  - All allowed. PKG: {2,3}: sum_nr_running 3 > group_weight 2 and
	 *    group_capacity * imbalance_pct < group_runnable * 100 (2048 *
	 *    117 < 2500 * 100): group_overloaded (group_is_overloaded()).
	 *    The local {0,1} (2 tasks on 2 CPUs, util 600) is has_spare:
	 *    local type < idlest type, NULL. MC of CPU0: {1} has_spare with
	 *    0 idle CPUs, local 0 >= 0: NULL. CPU0.
	 *  - p may run on {0,1,2}. {2,3} counts CPU2 only: has_spare, 1
	 *    idle CPU, against the local 0: {2,3}, then CPU2 (CPU3 is not
	 *    allowed); at MC {3} is skipped (no allowed CPU): CPU2.
	 */
	g.p.cpus_allowed = NULL;
	busy(&g, 1, 300, 1);
	g.rq[1].load_avg = 600;
	busy(&g, 3, 1000, 3);
	g.rq[3].runnable_avg = 2500;
	g.rq[3].load_avg = 3000;
	assert_int_equal(place(&g, EAS_WF_FORK), 0);
	allow(&g, m012);
	assert_int_equal(place(&g, EAS_WF_FORK), 2);
	fix_free(g.pf);
}

/*
 * v6.19 misfit test of update_sg_wakeup_stats(): on an
 * SD_ASYM_CPUCAPACITY domain group_misfit_task_load starts at 1 and is
 * cleared by the first allowed CPU where task_fits_cpu() (5048) holds;
 * a CPU p may not run on does not clear it. The comparison of two
 * misfit groups uses group->sgc->max_capacity (update_pick_idlest(),
 * sched_balance_find_dst_group() "case group_misfit_task"): the whole
 * group's, disallowed CPUs included.
 *
 * 2x2 v6.19, fork from CPU0; CPUs 0 and 1 run one task each (util 100);
 * CPUs 2 and 3 idle, CPU3's capacity_of is 300 (idle_stamp 5); p may run
 * on {0,1,3}.
 *  - p util 400: fits_capacity(400, 512) (512000 < 524288): the local
 *    {0,1} is has_spare (2 tasks on 2 CPUs, 1024 * 100 > 200 * 117). In
 *    {2,3} only CPU3 is counted, 400 * 1280 >= 300 * 1024: the group
 *    stays group_misfit_task. has_spare < misfit_task: NULL at PKG; MC
 *    of CPU0: {1} and {0} have 0 idle CPUs: NULL. CPU0. (Letting CPU2
 *    clear the misfit made {2,3} has_spare with 2 idle CPUs: CPU3.)
 *  - p util 700 fits no little CPU: the local group is misfit_task
 *    too. local max_capacity 512 >= idlest max_capacity 1024 (CPU2's,
 *    not allowed) is false: {2,3}, then CPU3, the only allowed CPU
 *    (idle, most recent idle_stamp); MC of CPU3 skips {2}: CPU3. (A max
 *    over the allowed CPUs only, 300, would return NULL: CPU0.)
 */
static void test_v619_wakeup_stats_misfit(void **state)
{
	static const int m013[] = { 0, 1, 3, -1 };
	struct rig g;

	(void)state;
	rig_init(&g, fix_2x2(V619, 0));
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	busy(&g, 0, 100, 1);
	busy(&g, 1, 100, 1);
	g.rq[3].capacity_of = 300;
	g.rq[3].idle_stamp = 5;
	allow(&g, m013);
	g.p.util_avg = 400;
	assert_true(eas_task_fits_cpu(&g.sys, &g.p, 0));
	assert_true(eas_task_fits_cpu(&g.sys, &g.p, 2));
	assert_false(eas_task_fits_cpu(&g.sys, &g.p, 3));
	assert_int_equal(place(&g, EAS_WF_FORK), 0);
	assert_int_equal(g.r.path, EAS_PATH_IDLEST);
	g.p.util_avg = 700;
	assert_false(eas_task_fits_cpu(&g.sys, &g.p, 0));
	assert_int_equal(place(&g, EAS_WF_FORK), 3);
	fix_free(g.pf);
}

/*
 * v5.4 find_idlest_group() (fair.c:5555) sums every CPU of a group
 * (for_each_cpu(i, sched_group_span(group)), 5590), allowed or not.
 * 2x2 v5.4 fork from CPU0, p may run on {0,2,3}; cpu_runnable_load():
 * CPU0 100, CPU1 1000 (not allowed), CPUs 2 and 3 300. DIE
 * (imbalance_pct 125: imbalance 256, imbalance_scale 112): local {0,1}
 * runnable (100 + 1000) * 1024 / 1024 = 1100, {2,3} 600 * 1024 / 2048 =
 * 300 becomes idlest; fork skips the spare-capacity test; neither
 * "min_runnable_load > this_runnable_load + imbalance" (300 > 1356) nor
 * "this_runnable_load < min_runnable_load + imbalance" (1100 < 556)
 * holds: {2,3}. find_idlest_group_cpu(): no idle CPU, least loaded CPU2
 * (first of two 300s). MC of CPU2 (117: imbalance 174, scale 108): {3}
 * 300 vs local 300, 300 < 474 and 100 * 300 < 108 * 300: NULL. CPU2.
 * (Counting only CPU0 would keep the task local: CPU0.)
 */
static void test_v54_idlest_group_whole_span(void **state)
{
	static const int m023[] = { 0, 2, 3, -1 };
	static const uint64_t load[4] = { 100, 1000, 300, 300 };
	struct rig g;
	uint32_t c;

	(void)state;
	rig_init(&g, fix_2x2(V54, 0));
	g.p.util_avg = 0;
	g.p.prev_cpu = 0;
	g.w.cpu = 0;
	for (c = 0; c < 4; c++) {
		busy(&g, c, 100, 1);
		g.rq[c].runnable_load_avg = g.rq[c].load_avg = load[c];
	}
	allow(&g, m023);
	assert_int_equal(place(&g, EAS_WF_FORK), 2);
	assert_int_equal(g.r.path, EAS_PATH_IDLEST);
	fix_free(g.pf);
}

/*
 * The explanation of test_v71_sched_idle_wakee (b): the scan's step for the
 * SCHED_IDLE-only CPU2 says sched_idle and is chosen, unless v7.1 refuses
 * it to a SCHED_IDLE wakee: then it says busy and CPU6 (idle) is chosen.
 */
static void check_v71_scan_steps(struct rig *g, bool refused)
{
	struct eas_place_step st[64];
	struct eas_place_steps ss;
	struct eas_place_result r;
	struct eas_task p = g->p;
	struct eas_waker w = g->w;
	uint32_t j, seen2 = 0, seen6 = 0;

	memset(&r, 0, sizeof(r));
	memset(&ss, 0, sizeof(ss));
	ss.steps = st;
	ss.max_steps = 64;
	p.recent_used_cpu = 0;
	assert_int_equal(
		eas_select_task_rq_fair_explain(&g->sys, &p, &w, TTWU, &r, &ss),
		refused ? 6 : 2);
	for (j = 0; j < ss.nr_steps; j++) {
		const struct eas_place_step *s = &st[j];

		if (s->kind != EAS_STEP_IDLE_CPU)
			continue;
		if (s->cpu == 2) {
			seen2++;
			assert_int_equal(s->test, refused ?
							  EAS_TEST_BUSY :
							  EAS_TEST_SCHED_IDLE);
			assert_int_equal(s->chosen, !refused);
		}
		if (s->cpu == 6) {
			seen6++;
			assert_int_equal(s->test, EAS_TEST_IDLE);
			assert_true(s->chosen);
		}
	}
	assert_int_equal(seen2, 1);
	assert_int_equal(seen6, refused ? 1u : 0u);
}

/*
 * v7.1 choose_idle_cpu() / choose_sched_idle_rq() (7.1.3 fair.c): a rq
 * running only SCHED_IDLE tasks (sched_idle_rq(): nr_running ==
 * cfs.h_nr_idle > 0) counts as idle only for a wakee that is not itself
 * SCHED_IDLE (task_has_idle_policy(p)); 6.19 sched_idle_cpu() has no task.
 * Symmetric 8 CPUs, one LLC, EAS off (is_rd_overutilized() true: no feec),
 * every CPU busy (normal, nr 1) except CPU6 idle; waker = prev = 0, so
 * target 0, no wake_affine(); recent_used_cpu = prev; SIS_UTIL with
 * nr_idle_scan 6 on the LLC: select_idle_cpu() scans 1, 2, ..., 6 (nr 7,
 * "--nr <= 0" first true at CPU 7).
 * (a) CPU0 (target) SCHED_IDLE-only. Normal wakee: choose_idle_cpu(0)
 *     true in both: 0. SCHED_IDLE wakee: 6.19 sched_idle_cpu(0): 0; 7.1
 *     target refused, prev == target, recent == prev, the scan finds
 *     idle CPU6: 6.
 * (b) CPU0 normal again, CPU2 SCHED_IDLE-only. Normal wakee: the scan
 *     stops at 2 in both. SCHED_IDLE wakee: 6.19 2; 7.1 skips 2: 6.
 */
static void test_v71_sched_idle_wakee(void **state)
{
	struct fix_gen_params gp = { 8, 1, 3, 21, FIX_GEN_SYMMETRIC };
	struct rig g;
	uint32_t c;
	int k, idle;

	(void)state;
	for (k = V619; k <= EAS_KERNEL_V7_1; k++) {
		for (idle = 0; idle < 2; idle++) {
			bool v71 = k == EAS_KERNEL_V7_1;

			rig_init(&g, fix_generated(&gp, (enum eas_kernel)k, 0));
			assert_false(g.pf->eas_possible);
			for (c = 0; c < 8; c++)
				busy(&g, c, 300, 1);
			busy(&g, 6, 0, 0);
			g.rq[0].nr_idle_scan = 6;
			g.p.util_avg = 100;
			g.p.prev_cpu = 0;
			g.p.recent_used_cpu = 0;
			g.p.policy = idle ? EAS_POLICY_IDLE : EAS_POLICY_NORMAL;
			g.w.cpu = 0;
			/* (a) */
			g.rq[0].idle_h_nr_running = 1;
			assert_int_equal(place(&g, TTWU), idle && v71 ? 6 : 0);
			assert_int_equal(g.r.path, EAS_PATH_IDLE_SIBLING);
			/* (b) */
			g.rq[0].idle_h_nr_running = 0;
			g.rq[2].idle_h_nr_running = 1;
			assert_int_equal(place(&g, TTWU), idle && v71 ? 6 : 2);
			check_v71_scan_steps(&g, idle && v71);
			fix_free(g.pf);
		}
	}
}

/*
 * The explanation of test_v71_slow_path (a) follows the decision: the
 * local PKG group {0,1} is overloaded in 6.19, fully_busy in 7.1; the
 * group_cpu scan of {2,3} stops at the SCHED_IDLE CPU2 (chosen) unless
 * the child is SCHED_IDLE under 7.1: then CPU2 is busy (load 300) and
 * CPU3 (load 100) is chosen; never the this_cpu fallback.
 */
static void check_v71_slow_steps(struct rig *g, bool v71, bool idle)
{
	struct eas_place_step st[64];
	struct eas_place_steps ss;
	struct eas_place_result r;
	struct eas_task p = g->p;
	struct eas_waker w = g->w;
	uint32_t j, n = 0;
	int32_t cpus[4] = { -1, -1, -1, -1 };
	bool chosen[4] = { false }, saw_local = false;
	uint32_t tests[4] = { 0 };

	memset(&r, 0, sizeof(r));
	memset(&ss, 0, sizeof(ss));
	ss.steps = st;
	ss.max_steps = 64;
	p.prev_cpu = 0;
	assert_int_equal(eas_select_task_rq_fair_explain(&g->sys, &p, &w,
							 EAS_WF_FORK, &r, &ss),
			 idle && v71 ? 3 : 2);
	for (j = 0; j < ss.nr_steps; j++) {
		const struct eas_place_step *s = &st[j];

		assert_int_not_equal(s->test, EAS_TEST_THIS_CPU);
		if (s->kind == EAS_STEP_GROUP && s->local && s->level == 1) {
			saw_local = true;
			assert_int_equal(s->group_type,
					 v71 ? EAS_GROUP_FULLY_BUSY :
					       EAS_GROUP_OVERLOADED);
		}
		if (s->kind == EAS_STEP_GROUP_CPU && n < 4) {
			cpus[n] = s->cpu;
			chosen[n] = s->chosen;
			tests[n] = s->test;
			n++;
		}
	}
	assert_true(saw_local);
	if (idle && v71) {
		assert_int_equal(n, 2);
		assert_int_equal(cpus[0], 2);
		assert_int_equal(tests[0], EAS_TEST_BUSY);
		assert_false(chosen[0]);
		assert_int_equal(cpus[1], 3);
		assert_int_equal(tests[1], EAS_TEST_BUSY);
		assert_true(chosen[1]);
	} else {
		assert_int_equal(n, 1);
		assert_int_equal(cpus[0], 2);
		assert_int_equal(tests[0], EAS_TEST_SCHED_IDLE);
		assert_true(chosen[0]);
	}
}

/*
 * 2x2 (EAS on), fork from CPU0 of a child with util 0: the slow path from
 * PKG (SD_BALANCE_FORK). The child fits everywhere: no misfit group.
 * (a) sched_balance_find_dst_group_cpu(), choose_sched_idle_rq(rq, p):
 *     CPU0 nr 2 util 500, CPU1 nr 1 util 480 (loads 100 each); CPU2 runs
 *     one SCHED_IDLE task (util 200, load 300), CPU3 one normal task
 *     (util 100, load 100).
 *     Local {0,1}: nr 3 > 2, util 980: 102400 < 980 * 117 = 114660:
 *     6.19 overloaded; 7.1 (EAS: update_sg_wakeup_stats() never sets
 *     group_overutilized) not overloaded, has_capacity fails on util:
 *     fully_busy. Remote {2,3}: nr 2, util 300: has_spare. Local type >
 *     remote type in both: the remote group.
 *     6.19: sched_idle_cpu(2): 2. 7.1 normal child: 2. 7.1 SCHED_IDLE
 *     child: CPU2 is neither chosen nor idle, least cpu_load: CPU3 (100
 *     < 300): 3. The MC level below ({2} vs {3}, both has_spare with no
 *     idle CPU, local idle_cpus 0 >= 0) keeps the CPU.
 * (b) group_is_overloaded()'s gate, normal child: CPU2 and CPU3 run one
 *     normal task each, util 900 (loads 500, 500); CPU0/CPU1 loads 200.
 *     Remote {2,3}: nr 2 = weight, 204800 < 1800 * 117 = 210600:
 *     fully_busy, avg_load 1000 * 1024 / 2048 = 500. Local avg_load
 *     400 * 1024 / 1024 = 400.
 *     6.19: local overloaded > fully_busy: remote; least load CPU2 (500,
 *     not < 500 at CPU3): 2; MC of CPU2: {2} and {3} fully_busy (900 *
 *     117 > 102400), 500 >= 500 + 174 no, 100 * 500 <= 117 * 500: stay: 2.
 *     7.1: both fully_busy: 500 >= 400 + 174 no, 100 * 400 = 40000 <=
 *     117 * 500 = 58500: NULL, stay local; MC of CPU0: {0} (load 200 on
 *     512: avg 400) and {1} (avg 400) fully_busy (500 * 117 > 51200,
 *     480 * 117 > 51200): 400 >= 574 no, 40000 <= 46800: NULL: CPU0.
 *     Control: EAS off (sysctl): sched_energy_enabled() false, the gate is
 *     inactive: 7.1 = 6.19 = 2.
 */
static void test_v71_slow_path(void **state)
{
	struct rig g;
	int k, idle, eas;

	(void)state;
	for (k = V619; k <= EAS_KERNEL_V7_1; k++) {
		for (idle = 0; idle < 2; idle++) {
			bool v71 = k == EAS_KERNEL_V7_1;

			rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
			assert_true(g.pf->eas_possible);
			g.p.util_avg = 0;
			g.p.prev_cpu = 0;
			g.p.policy = idle ? EAS_POLICY_IDLE : EAS_POLICY_NORMAL;
			g.w.cpu = 0;
			busy(&g, 0, 500, 2);
			busy(&g, 1, 480, 1);
			g.rq[0].load_avg = g.rq[1].load_avg = 100;
			busy(&g, 2, 200, 1);
			g.rq[2].idle_h_nr_running = 1;
			g.rq[2].load_avg = 300;
			busy(&g, 3, 100, 1);
			g.rq[3].load_avg = 100;
			assert_int_equal(place(&g, EAS_WF_FORK),
					 idle && v71 ? 3 : 2);
			assert_int_equal(g.r.path, EAS_PATH_IDLEST);
			check_v71_slow_steps(&g, v71, idle);
			fix_free(g.pf);
		}
		for (eas = 0; eas < 2; eas++) {
			bool v71 = k == EAS_KERNEL_V7_1;

			rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
			if (!eas)
				g.sys.features &= ~EAS_FEAT_ENERGY_AWARE;
			g.p.util_avg = 0;
			g.p.prev_cpu = 0;
			g.w.cpu = 0;
			busy(&g, 0, 500, 2);
			busy(&g, 1, 480, 1);
			g.rq[0].load_avg = g.rq[1].load_avg = 200;
			busy(&g, 2, 900, 1);
			busy(&g, 3, 900, 1);
			g.rq[2].load_avg = g.rq[3].load_avg = 500;
			assert_int_equal(place(&g, EAS_WF_FORK),
					 eas && v71 ? 0 : 2);
			assert_int_equal(g.r.path, EAS_PATH_IDLEST);
			fix_free(g.pf);
		}
	}
}

/*
 * v7.1 cpu_overutilized() passes uclamp_min 0 to util_fits_cpu() (6.19:
 * the rq's uclamp_min). util_fits_cpu() reads uclamp_min only when the
 * utilisation already fits, to turn 1 into -1, and !1 == !(-1): no
 * decision changes (control). 2x2, uclamp in use, little CPU0 (512) with
 * rq uclamp_min 1024, uclamp_max 1024:
 * - util 300: fits (384000 < 524288); 6.19 util < 1024 > actual capacity
 *   512: -1; 7.1: 1; not overutilized in both;
 * - util 450: 576000 > 524288, uclamp_max 1024 > 512: 0 in both:
 *   overutilized.
 */
static void test_v71_cpu_overutilized_uclamp_min(void **state)
{
	struct rig g;
	int k;

	(void)state;
	for (k = V619; k <= EAS_KERNEL_V7_1; k++) {
		rig_init(&g, fix_2x2((enum eas_kernel)k, 0));
		g.sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
		busy(&g, 0, 300, 1);
		g.rq[0].uclamp_min = 1024;
		g.rq[0].uclamp_max = 1024;
		assert_int_equal(eas_util_fits_cpu(&g.sys, 300, 1024, 1024, 0),
				 -1);
		assert_false(eas_cpu_overutilized(&g.sys, 0));
		busy(&g, 0, 450, 1);
		assert_true(eas_cpu_overutilized(&g.sys, 0));
		fix_free(g.pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overutilized_no_eas),
		cmocka_unit_test(test_tie_lowest_cpu),
		cmocka_unit_test(test_tie_prev_kept),
		cmocka_unit_test(test_tie_first_pd),
		cmocka_unit_test(test_v54_unsigned_wrap),
		cmocka_unit_test(test_v619_fits_ranking),
		cmocka_unit_test(test_v619_uclamp_max),
		cmocka_unit_test(test_util_est),
		cmocka_unit_test(test_rt_offline_allowed),
		cmocka_unit_test(test_wake_wide),
		cmocka_unit_test(test_v54_wake_cap),
		cmocka_unit_test(test_sync_wake_affine),
		cmocka_unit_test(test_recent_used_cpu),
		cmocka_unit_test(test_v619_select_idle_capacity),
		cmocka_unit_test(test_v619_current_cpu),
		cmocka_unit_test(test_fork_exec),
		cmocka_unit_test(test_idle_scan_budget),
		cmocka_unit_test(test_smt_idle_core),
		cmocka_unit_test(test_fork_misfit_idle_stamp),
		cmocka_unit_test(test_v619_wakeup_stats_affinity),
		cmocka_unit_test(test_v619_wakeup_stats_misfit),
		cmocka_unit_test(test_v54_idlest_group_whole_span),
		cmocka_unit_test(test_v71_sched_idle_wakee),
		cmocka_unit_test(test_v71_slow_path),
		cmocka_unit_test(test_v71_cpu_overutilized_uclamp_min),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
