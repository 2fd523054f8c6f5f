/* SPDX-License-Identifier: MIT */
/*
 * find_energy_efficient_cpu() golden numbers: kernel-eas.md §7.1
 * (sched-energy.rst example 2 replayed with the kernel's arithmetic) for
 * v5.4, v5.4 + EM_SCALE_POWER and v6.19: chosen CPU, every candidate's
 * delta in kernel order, base energies; plus hand-derived tie-break and
 * quirk cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <libeas/place.h>

#include "fixtures.h"

struct land {
	struct eas_platform *pf;
	struct eas_rq rq[4];
	struct eas_system sys;
	struct eas_task p;
};

static void land_init(struct land *l, enum eas_kernel k, uint32_t opts,
		      const uint64_t util[4], uint64_t tutil, int32_t prev)
{
	uint32_t i;

	memset(l, 0, sizeof(*l));
	l->pf = fix_2x2(k, opts);
	for (i = 0; i < 4; i++) {
		eas_rq_init(&l->rq[i]);
		l->rq[i].util_avg = util[i];
		l->rq[i].runnable_avg = util[i];
		l->rq[i].idle = util[i] == 0;
		l->rq[i].nr_running = util[i] ? 1u : 0u;
		l->rq[i].h_nr_running = l->rq[i].nr_running;
	}
	l->sys.pf = l->pf;
	l->sys.rq = l->rq;
	l->sys.features = eas_features_default(k);
	l->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	eas_task_init(&l->p);
	l->p.util_avg = tutil;
	l->p.prev_cpu = prev;
	l->p.id = 7;
}

struct want {
	int32_t cpu;
	uint64_t delta;
	uint64_t base;
};

static void check(enum eas_kernel k, uint32_t opts, const uint64_t util[4],
		  uint64_t tutil, int32_t prev, int32_t result,
		  const struct want *w, uint32_t nw, uint64_t base_sum)
{
	struct eas_place_candidate c[4];
	struct eas_feec_result r;
	struct eas_place_result pr;
	struct eas_waker wk;
	struct land l;
	uint32_t i;
	int ret;

	land_init(&l, k, opts, util, tutil, prev);
	r.candidates = c;
	r.max_candidates = 4;
	ret = eas_find_energy_efficient_cpu(&l.sys, &l.p, (uint32_t)prev, &r);
	assert_int_equal(ret, result);
	assert_int_equal(r.cpu, result);
	assert_false(r.overutilized);
	assert_int_equal(r.nr_candidates, nw);
	assert_int_equal(r.nr_computed, nw);
	for (i = 0; i < nw; i++) {
		assert_int_equal(c[i].cpu, w[i].cpu);
		assert_int_equal(c[i].delta, w[i].delta);
		if (w[i].base != UINT64_MAX)
			assert_int_equal(c[i].base_energy, w[i].base);
		assert_int_equal(c[i].energy - c[i].base_energy, c[i].delta);
		assert_int_equal(c[i].perf_domain, l.pf->cpus[c[i].cpu].pd);
	}
	if (base_sum != UINT64_MAX)
		assert_int_equal(r.base_energy, base_sum);

	/* the same through select_task_rq_fair(): path "eas" */
	eas_waker_init(&wk);
	wk.cpu = prev;
	pr.feec.candidates = NULL;
	pr.feec.max_candidates = 0;
	ret = eas_select_task_rq_fair(&l.sys, &l.p, &wk, EAS_WF_TTWU, &pr);
	assert_int_equal(ret, result);
	assert_int_equal(pr.path, EAS_PATH_EAS);
	assert_true(pr.eas_entered);
	assert_int_equal(pr.feec.nr_candidates, 0);
	assert_int_equal(pr.feec.nr_computed, nw);
	assert_int_equal(wk.wakee_flips, 1);
	assert_int_equal(wk.last_wakee, 7);
	fix_free(l.pf);
}

#define V54 EAS_KERNEL_V5_4
#define V619 EAS_KERNEL_V6_19
#define SP EAS_OPT_V54_EM_SCALE_POWER
#define ANY UINT64_MAX

/* Scenario A: the doc's numbers; the kernel keeps P on CPU0. */
static void test_scenario_a(void **state)
{
	static const uint64_t u[4] = { 400, 100, 600, 500 };
	static const struct want w54[] = { { 3, 1013, 1145 },
					   { 0, 161, 131 },
					   { 1, 161, 131 } };
	static const struct want w54y[] = { { 3, 1012371, ANY },
					    { 0, 161004, ANY },
					    { 1, 161004, ANY } };
	static const struct want w619[] = { { 3, 10123700, 11457600 },
					    { 0, 1610100, 1319400 },
					    { 1, 1610100, 1319400 } };
	(void)state;
	check(V54, 0, u, 200, 0, 0, w54, 3, 1276);
	check(V54, SP, u, 200, 0, 0, w54y, 3, 1277796);
	check(V619, 0, u, 200, 0, 0, w619, 3, 11457600 + 1319400);
}

/* Scenario B: P (200) on CPU3 moves to CPU1 in every flavour. */
static void test_scenario_b(void **state)
{
	static const uint64_t u[4] = { 200, 100, 600, 700 };
	static const struct want w54[] = { { 3, 1013, ANY }, { 2, ANY, ANY } };
	struct eas_place_candidate c[4];
	struct eas_feec_result r;
	struct land l;

	(void)state;
	(void)w54;
	land_init(&l, V54, 0, u, 200, 3);
	r.candidates = c;
	r.max_candidates = 4;
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, &r), 1);
	assert_int_equal(r.prev_delta, 1013);
	assert_int_equal(r.best_delta, 161);
	assert_int_equal(r.base_energy, 1276);
	assert_int_equal(r.margin, (1013 + 1276) >> 4);
	assert_int_equal(r.reason, EAS_FEEC_ENERGY);
	fix_free(l.pf);
	land_init(&l, V54, SP, u, 200, 3);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, NULL),
			 1);
	fix_free(l.pf);
	land_init(&l, V619, 0, u, 200, 3);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, &r), 1);
	assert_int_equal(r.reason, EAS_FEEC_ENERGY);
	fix_free(l.pf);
}

/* Scenario C: P (50) on CPU2 moves to CPU0. */
static void test_scenario_c(void **state)
{
	static const uint64_t u[4] = { 300, 300, 650, 100 };
	struct eas_place_candidate c[4];
	struct eas_feec_result r;
	struct land l;
	uint32_t i;

	(void)state;
	land_init(&l, V54, 0, u, 50, 2);
	r.candidates = c;
	r.max_candidates = 4;
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 2, &r), 0);
	assert_int_equal(r.base_energy, 1079);
	assert_int_equal(r.prev_delta, 517);
	for (i = 0; i < r.nr_candidates; i++) {
		if (c[i].cpu == 3)
			assert_int_equal(c[i].delta, 52);
		if (c[i].cpu == 0)
			assert_int_equal(c[i].delta, 29);
	}
	fix_free(l.pf);
	land_init(&l, V54, SP, u, 50, 2);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 2, NULL),
			 0);
	fix_free(l.pf);
	land_init(&l, V619, 0, u, 50, 2);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 2, NULL),
			 0);
	fix_free(l.pf);
}

/* Scenario D: the v5.4 margin keeps P on CPU3, v6.19 moves it. */
static void test_scenario_d(void **state)
{
	static const uint64_t u[4] = { 0, 0, 0, 600 };
	static const struct want w54[] = { { 3, 52, 572 },
					   { 2, 52, 572 },
					   { 0, 14, 0 } };
	static const struct want w54y[] = { { 3, 52083, ANY },
					    { 2, 52083, ANY },
					    { 0, 14705, ANY } };
	struct eas_feec_result r;
	struct land l;

	(void)state;
	check(V54, 0, u, 50, 3, 3, w54, 3, 572);
	check(V54, SP, u, 50, 3, 3, w54y, 3, 572916);
	land_init(&l, V54, 0, u, 50, 3);
	r.candidates = NULL;
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, &r), 3);
	assert_int_equal(r.reason, EAS_FEEC_PREV_MARGIN);
	assert_int_equal(r.margin, 39);
	fix_free(l.pf);
	land_init(&l, V619, 0, u, 50, 3);
	r.candidates = NULL;
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, &r), 0);
	assert_int_equal(r.prev_delta, 520800);
	assert_int_equal(r.best_delta, 147050);
	fix_free(l.pf);
}

/* {0,0,0,700} prev 3 and {0,0,100,500} prev 2 behave as D. */
static void test_scenario_d_variants(void **state)
{
	static const uint64_t u1[4] = { 0, 0, 0, 700 };
	static const uint64_t u2[4] = { 0, 0, 100, 500 };
	struct land l;

	(void)state;
	land_init(&l, V54, 0, u1, 50, 3);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, NULL),
			 3);
	fix_free(l.pf);
	land_init(&l, V54, SP, u1, 50, 3);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, NULL),
			 3);
	fix_free(l.pf);
	land_init(&l, V619, 0, u1, 50, 3);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 3, NULL),
			 0);
	fix_free(l.pf);
	land_init(&l, V54, 0, u2, 50, 2);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 2, NULL),
			 2);
	fix_free(l.pf);
	land_init(&l, V619, 0, u2, 50, 2);
	assert_int_equal(eas_find_energy_efficient_cpu(&l.sys, &l.p, 2, NULL),
			 0);
	fix_free(l.pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenario_a),
		cmocka_unit_test(test_scenario_b),
		cmocka_unit_test(test_scenario_c),
		cmocka_unit_test(test_scenario_d),
		cmocka_unit_test(test_scenario_d_variants),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
