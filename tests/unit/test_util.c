/* SPDX-License-Identifier: MIT */
/*
 * Placement building blocks (include/libeas/place.h), hand-computed:
 * fits_capacity, scale_rt_capacity / capacity_of (RT, DL, IRQ, HW and
 * cpufreq pressure), task_util_est quirks, cpu_util / cpu_util_next,
 * schedutil_cpu_util, effective_cpu_util + sugov_effective_cpu_perf,
 * util_fits_cpu, cpu_overutilized; plus a randomized check against the
 * literal oracle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <libeas/place.h>

#include "fixtures.h"
#include "ref_place.h"

struct rig {
	struct eas_platform *pf;
	struct eas_rq rq[4];
	struct eas_system sys;
	struct eas_task p;
};

static void rig_init(struct rig *g, enum eas_kernel k)
{
	uint32_t i;

	memset(g, 0, sizeof(*g));
	g->pf = fix_2x2(k, 0);
	for (i = 0; i < 4; i++)
		eas_rq_init(&g->rq[i]);
	g->sys.pf = g->pf;
	g->sys.rq = g->rq;
	g->sys.features = eas_features_default(k);
	g->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	eas_task_init(&g->p);
}

static void test_fits_capacity(void **state)
{
	(void)state;
	/* util must be below 80%: 819 * 1280 = 1048320 < 1048576 */
	assert_true(eas_fits_capacity(819, 1024));
	assert_false(eas_fits_capacity(820, 1024));
	assert_true(eas_fits_capacity(409, 512));
	assert_false(eas_fits_capacity(410, 512));
	assert_false(eas_fits_capacity(0, 0));
}

static void test_capacity_of(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, EAS_KERNEL_V5_4);
	/* (1024 - 150) * (1024 - 100) / 1024 = 874 * 924 / 1024 = 788 */
	g.rq[2].rt_util_avg = 100;
	g.rq[2].dl_util_avg = 50;
	g.rq[2].irq_util_avg = 100;
	assert_int_equal(eas_capacity_of(&g.sys, 2), 788);
	/* v5.4 ignores hardware pressure */
	g.rq[2].hw_pressure = 200;
	assert_int_equal(eas_capacity_of(&g.sys, 2), 788);
	/* without CONFIG_HAVE_SCHED_AVG_IRQ: 1024 - 150 */
	g.sys.features &= ~EAS_FEAT_AVG_IRQ;
	assert_int_equal(eas_capacity_of(&g.sys, 2), 874);
	g.sys.features |= EAS_FEAT_AVG_IRQ;
	/* irq >= max or rt+dl >= max: 1 */
	g.rq[1].irq_util_avg = 512;
	assert_int_equal(eas_capacity_of(&g.sys, 1), 1);
	g.rq[1].irq_util_avg = 0;
	g.rq[1].rt_util_avg = 500;
	g.rq[1].dl_util_avg = 12;
	assert_int_equal(eas_capacity_of(&g.sys, 1), 1);
	/* stated capacity_of wins */
	g.rq[1].capacity_of = 300;
	assert_int_equal(eas_capacity_of(&g.sys, 1), 300);
	fix_free(g.pf);

	rig_init(&g, EAS_KERNEL_V6_19);
	/* v6.19: max = 1024 - 200 = 824; (824 - 150) * (824 - 100) / 824 =
	 * 674 * 724 / 824 = 592 */
	g.rq[2].rt_util_avg = 100;
	g.rq[2].dl_util_avg = 50;
	g.rq[2].irq_util_avg = 100;
	g.rq[2].hw_pressure = 200;
	assert_int_equal(eas_actual_cpu_capacity(&g.sys, 2), 824);
	assert_int_equal(eas_capacity_of(&g.sys, 2), 592);
	/* cpufreq pressure: policy->max 768 kHz of freq_ref 1024 kHz:
	 * 1024 - mult_frac(1024, 768, 1024) = 256; max(200, 256) */
	g.rq[2].cpufreq_max_khz = 768;
	assert_int_equal(g.pf->cpus[2].capacity_freq_ref_khz, 1024);
	assert_int_equal(eas_cpufreq_pressure(&g.sys, 2), 256);
	assert_int_equal(eas_actual_cpu_capacity(&g.sys, 2), 768);
	/* policy->max at or above the reference: no pressure */
	g.rq[2].cpufreq_max_khz = 1024;
	assert_int_equal(eas_cpufreq_pressure(&g.sys, 2), 0);
	fix_free(g.pf);
}

static void test_task_util_est(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, EAS_KERNEL_V5_4);
	/* max(ewma, enqueued) | 1 */
	g.p.util_avg = 10;
	g.p.util_est_ewma = 60;
	g.p.util_est_enqueued = 40;
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 61);
	g.p.util_avg = 100;
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 100);
	/* never 0 in v5.4 */
	memset(&g.p, 0, sizeof(g.p));
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 1);
	fix_free(g.pf);
	rig_init(&g, EAS_KERNEL_V6_19);
	g.p.util_avg = 10;
	g.p.util_est = 0x80000000u | 70u; /* UTIL_AVG_UNCHANGED masked */
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 70);
	g.p.util_est = 0;
	g.p.util_avg = 0;
	assert_int_equal(eas_task_util_est(&g.sys, &g.p), 0);
	fix_free(g.pf);
}

static void test_cpu_util(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, EAS_KERNEL_V5_4);
	g.rq[0].util_avg = 300;
	g.rq[0].util_est = 350;
	g.rq[1].util_avg = 100;
	g.p.util_avg = 100;
	g.p.util_est_ewma = 80;
	g.p.prev_cpu = 0;
	/* p leaves CPU0: 300 - 100, but util_est (350) keeps it */
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, 1, false), 350);
	g.sys.features &= ~EAS_FEAT_UTIL_EST;
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, 1, false), 200);
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, -1, false), 200);
	g.sys.features |= EAS_FEAT_UTIL_EST;
	/* p lands on CPU1: 100 + 100; util_est 0 + (80 | 1) */
	assert_int_equal(eas_cpu_util(&g.sys, 1, &g.p, 1, false), 200);
	/* capped at the CPU's capacity (512) */
	g.rq[1].util_avg = 500;
	assert_int_equal(eas_cpu_util(&g.sys, 1, &g.p, 1, false), 512);
	/* p == NULL: v5.4 cpu_util() */
	assert_int_equal(eas_cpu_util(&g.sys, 0, NULL, -1, false), 350);
	fix_free(g.pf);

	rig_init(&g, EAS_KERNEL_V6_19);
	g.rq[0].util_avg = 300;
	g.rq[0].runnable_avg = 500;
	g.rq[0].util_est = 120;
	g.p.util_avg = 100;
	g.p.util_est = 100;
	g.p.prev_cpu = 0;
	/* boost: max(300, 500) - 100 = 400 */
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, -1, true), 400);
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, -1, false), 200);
	/* a queued p is removed from util_est as well */
	g.rq[0].util_est = 350;
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, -1, false), 350);
	g.p.queued = true;
	assert_int_equal(eas_cpu_util(&g.sys, 0, &g.p, -1, false), 250);
	fix_free(g.pf);
}

static void test_schedutil_effective(void **state)
{
	struct rig g;
	uint64_t lo, hi, u;

	(void)state;
	rig_init(&g, EAS_KERNEL_V5_4);
	g.rq[2].rt_util_avg = 100;
	g.rq[2].dl_util_avg = 50;
	g.rq[2].irq_util_avg = 100;
	g.rq[2].dl_running_bw = 1u << 19; /* cpu_bw_dl = 512 */
	/* ENERGY: (300 + 100 + 50) * 924 / 1024 + 100 = 406 + 100 */
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 300, 1024,
						EAS_ENERGY_UTIL, NULL),
			 506);
	/* FREQUENCY: (300 + 100) * 924 / 1024 + 100 + 512 = 972 */
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 300, 1024,
						EAS_FREQUENCY_UTIL, NULL),
			 972);
	/* RT runnable without CONFIG_UCLAMP_TASK: max for FREQUENCY */
	g.rq[2].rt_nr_running = 1;
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 0, 1024,
						EAS_FREQUENCY_UTIL, NULL),
			 1024);
	/* util + dl >= max: max */
	g.rq[2].rt_nr_running = 0;
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 900, 1024,
						EAS_ENERGY_UTIL, NULL),
			 1024);
	/* uclamp (built): FREQUENCY util clamped to max(rq, p) min */
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT;
	g.p.uclamp_min = 600;
	/* clamp(400, 600, 1024) = 600 -> 600 * 924 / 1024 + 100 + 512 */
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 300, 1024,
						EAS_FREQUENCY_UTIL, &g.p),
			 1024);
	g.rq[2].dl_running_bw = 0;
	assert_int_equal(eas_schedutil_cpu_util(&g.sys, 2, 300, 1024,
						EAS_FREQUENCY_UTIL, &g.p),
			 641);
	fix_free(g.pf);

	rig_init(&g, EAS_KERNEL_V6_19);
	g.rq[2].rt_util_avg = 100;
	g.rq[2].dl_util_avg = 50;
	g.rq[2].irq_util_avg = 100;
	g.rq[2].dl_running_bw = 1u << 19;
	u = eas_effective_cpu_util(&g.sys, 2, 300, &lo, &hi);
	assert_int_equal(u, 506);
	assert_int_equal(lo, 612); /* irq + cpu_bw_dl */
	assert_int_equal(hi, 1024);
	/* headroom 506 + 126 = 632, within [612, 1024] */
	assert_int_equal(eas_sugov_effective_cpu_perf(u, lo, hi), 632);
	assert_int_equal(eas_sugov_effective_cpu_perf(100, 300, 1024), 300);
	assert_int_equal(eas_sugov_effective_cpu_perf(900, 0, 1000), 1000);
	/* RT runnable, uclamp unused: min raised to the scale */
	g.rq[2].rt_nr_running = 1;
	(void)eas_effective_cpu_util(&g.sys, 2, 300, &lo, &hi);
	assert_int_equal(lo, 1024);
	fix_free(g.pf);
}

static void test_util_fits_cpu(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, EAS_KERNEL_V6_19);
	/* uclamp unused: plain fits_capacity */
	assert_int_equal(eas_util_fits_cpu(&g.sys, 300, 600, 1024, 0), 1);
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	/* fits by util, uclamp_min 600 above the little's 512: -1 */
	assert_int_equal(eas_util_fits_cpu(&g.sys, 300, 600, 1024, 0), -1);
	/* uclamp_max 400 caps uclamp_min to 400 <= 512: fits */
	assert_int_equal(eas_util_fits_cpu(&g.sys, 300, 600, 400, 0), 1);
	/* too big by util but uclamp_max 400 <= 512: fits */
	assert_int_equal(eas_util_fits_cpu(&g.sys, 500, 0, 400, 0), 1);
	/* big CPU with uclamp_max 1024: only the util counts */
	assert_int_equal(eas_util_fits_cpu(&g.sys, 900, 0, 1024, 2), 0);
	assert_int_equal(eas_util_fits_cpu(&g.sys, 900, 0, 1000, 2), 1);
	/* v5.4: no uclamp in fits */
	fix_free(g.pf);
	rig_init(&g, EAS_KERNEL_V5_4);
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT;
	assert_int_equal(eas_util_fits_cpu(&g.sys, 500, 0, 400, 0), 0);
	fix_free(g.pf);
}

static void test_overutilized(void **state)
{
	struct rig g;

	(void)state;
	rig_init(&g, EAS_KERNEL_V6_19);
	g.rq[1].util_avg = 409;
	assert_false(eas_cpu_overutilized(&g.sys, 1));
	g.rq[1].util_avg = 410;
	assert_true(eas_cpu_overutilized(&g.sys, 1));
	assert_true(eas_is_overutilized(&g.sys));
	/* offline CPUs do not count */
	g.rq[1].online = false;
	assert_false(eas_is_overutilized(&g.sys));
	g.rq[1].online = true;
	/* a uclamp_min-only misfit (-1) is not overutilized in v6.19 */
	g.sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	g.rq[1].util_avg = 100;
	g.rq[1].uclamp_min = 800;
	assert_false(eas_cpu_overutilized(&g.sys, 1));
	/* EAS off (sysctl): never overutilized in v6.19 */
	g.rq[1].util_avg = 500;
	g.sys.features &= ~EAS_FEAT_ENERGY_AWARE;
	assert_false(eas_cpu_overutilized(&g.sys, 1));
	fix_free(g.pf);
	/* v5.4: CFS util incl. util_est against capacity_of (RT shrinks) */
	rig_init(&g, EAS_KERNEL_V5_4);
	g.rq[1].util_avg = 100;
	g.rq[1].util_est = 300;
	g.rq[1].rt_util_avg = 200; /* capacity_of 312: 300*1280 > 312*1024 */
	assert_true(eas_cpu_overutilized(&g.sys, 1));
	g.sys.rd_overutilized = EAS_RD_OU_CLEAR;
	assert_false(eas_is_overutilized(&g.sys));
	fix_free(g.pf);
}

/* random signals: every building block equals the oracle's */
static void test_random_vs_oracle(void **state)
{
	uint64_t s = 42;
	int k, it;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct rig g;

		rig_init(&g, (enum eas_kernel)k);
		for (it = 0; it < 5000; it++) {
			uint32_t c;

			g.sys.features = eas_features_default(g.pf->kernel);
			if (fix_rand_range(&s, 0, 1))
				g.sys.features |= EAS_FEAT_UCLAMP_BUILT |
						  EAS_FEAT_UCLAMP_USED;
			for (c = 0; c < 4; c++) {
				struct eas_rq *q = &g.rq[c];

				q->util_avg = fix_rand_range(&s, 0, 1100);
				q->util_est = fix_rand_range(&s, 0, 1100);
				q->rt_util_avg = fix_rand_range(&s, 0, 600);
				q->dl_util_avg = fix_rand_range(&s, 0, 300);
				q->irq_util_avg = fix_rand_range(&s, 0, 300);
				q->hw_pressure = fix_rand_range(&s, 0, 600);
				q->cpufreq_max_khz =
					fix_rand_range(&s, 0, 1200);
				q->uclamp_min = fix_rand_range(&s, 0, 1024);
				q->uclamp_max = fix_rand_range(&s, 0, 1024);
				assert_int_equal(
					eas_capacity_of(&g.sys, c),
					ref_capacity_of(&g.sys, (int)c));
				assert_int_equal(
					eas_cpu_overutilized(&g.sys, c),
					ref_cpu_overutilized(&g.sys, (int)c));
			}
			g.p.util_avg = fix_rand_range(&s, 0, 1024);
			g.p.prev_cpu = (int32_t)fix_rand_range(&s, 0, 3);
			for (c = 0; c < 2; c++)
				assert_int_equal(
					eas_compute_energy(&g.sys, &g.p, -1, c),
					ref_compute_energy(&g.sys, &g.p, -1,
							   c));
		}
		fix_free(g.pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fits_capacity),
		cmocka_unit_test(test_capacity_of),
		cmocka_unit_test(test_task_util_est),
		cmocka_unit_test(test_cpu_util),
		cmocka_unit_test(test_schedutil_effective),
		cmocka_unit_test(test_util_fits_cpu),
		cmocka_unit_test(test_overutilized),
		cmocka_unit_test(test_random_vs_oracle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
