/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the little-first heuristic (little_first.c), on a system
 * built in C: 4 little CPUs (capacity 446) and 4 big ones (1024), one perf
 * domain each. Expectations are derived by hand from the heuristic's rule
 * (lowest-capacity CPUs when the task fits, idle first, then least
 * utilised, then lowest id; otherwise select_task_rq_fair()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/libeas.h>
#include <libeas/sim.h> /* eas_policy_load() */

#include "little_first.h"

#include <string.h>

#define NR 8

struct fixture {
	struct eas_platform pf;
	uint64_t mem[EAS_PLATFORM_SIZE(NR, 2, 4, 3) / 8 + 1];
	struct eas_rq rq[NR];
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	struct eas_place_result res;
};

static const uint32_t little[] = { 0, 1, 2, 3 }, big[] = { 4, 5, 6, 7 };
static const struct eas_state_desc little_states[] = {
	{ 533000, 28000, 0 },
	{ 1844000, 205000, 0 },
};
static const struct eas_state_desc big_states[] = {
	{ 903000, 280000, 0 },
	{ 2362000, 1500000, 0 },
};

static void setup(struct fixture *f, enum eas_kernel k)
{
	struct eas_cpu_desc cpus[NR];
	struct eas_pd_desc pds[2];
	struct eas_platform_desc d;
	uint32_t i;

	memset(f, 0, sizeof(*f));
	memset(cpus, 0, sizeof(cpus));
	memset(pds, 0, sizeof(pds));
	memset(&d, 0, sizeof(d));
	for (i = 0; i < NR; i++)
		cpus[i].capacity = i < 4 ? 446 : 1024;
	pds[0].nr_cpus = 4;
	pds[0].cpus = little;
	pds[0].nr_states = 2;
	pds[0].states = little_states;
	pds[1].nr_cpus = 4;
	pds[1].cpus = big;
	pds[1].nr_states = 2;
	pds[1].states = big_states;
	d.nr_cpus = NR;
	d.cpus = cpus;
	d.nr_pds = 2;
	d.pds = pds;
	assert_int_equal(eas_platform_build(&f->pf, f->mem, sizeof(f->mem), &d,
					    k, 0, NULL),
			 0);
	for (i = 0; i < NR; i++)
		eas_rq_init(&f->rq[i]);
	f->sys.pf = &f->pf;
	f->sys.rq = f->rq;
	eas_task_init(&f->p);
	f->p.prev_cpu = 5;
	f->p.id = 1;
	eas_waker_init(&f->w);
	f->w.cpu = 5;
	f->w.id = 2;
}

static void busy(struct fixture *f, uint32_t cpu, uint64_t util)
{
	f->rq[cpu].util_avg = util;
	f->rq[cpu].util_est = util;
	f->rq[cpu].nr_running = 1;
	f->rq[cpu].h_nr_running = 1;
	f->rq[cpu].idle = false;
}

static int place(struct fixture *f)
{
	memset(&f->res, 0, sizeof(f->res));
	f->res.path = EAS_PATH_POLICY;
	return little_first_select(NULL, &f->sys, &f->p, &f->w, EAS_WF_TTWU,
				   &f->res);
}

/* A small task (util 100, fits 446) on an idle system: the first idle
 * little CPU, CPU0, although prev is the big CPU 5. */
static void test_small_task_goes_little(void **state)
{
	struct fixture f;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		setup(&f, k ? EAS_KERNEL_V6_19 : EAS_KERNEL_V5_4);
		f.p.util_avg = 100;
		assert_int_equal(place(&f), 0);
		assert_int_equal(f.res.path, EAS_PATH_POLICY);
	}
}

/* Idle beats busy; among busy littles the least utilised wins. */
static void test_idle_then_least_utilised(void **state)
{
	struct fixture f;

	(void)state;
	setup(&f, EAS_KERNEL_V6_19);
	f.p.util_avg = 50;
	busy(&f, 0, 200);
	busy(&f, 1, 100);
	busy(&f, 3, 50);
	assert_int_equal(place(&f), 2); /* the only idle little */
	busy(&f, 2, 80);
	assert_int_equal(place(&f), 3); /* 50 + p < 80 + p < 100 + p */
}

/* A task too big for a little CPU (util 600 > 446 / 1.25): exactly the
 * kernel's decision, with its path. */
static void test_big_task_is_left_to_the_kernel(void **state)
{
	struct fixture f, g;
	int cpu, k;

	(void)state;
	for (k = 0; k < 2; k++) {
		enum eas_kernel kk = k ? EAS_KERNEL_V6_19 : EAS_KERNEL_V5_4;

		setup(&f, kk);
		setup(&g, kk);
		f.p.util_avg = g.p.util_avg = 600;
		busy(&f, 4, 300);
		busy(&g, 4, 300);
		cpu = place(&f);
		memset(&g.res, 0, sizeof(g.res));
		assert_int_equal(cpu,
				 eas_select_task_rq_fair(&g.sys, &g.p, &g.w,
							 EAS_WF_TTWU, &g.res));
		assert_true(cpu >= 4);
		assert_int_equal(f.res.path, g.res.path);
	}
}

/* Affinity without the little CPUs: the kernel decides (a big CPU). */
static void test_affinity_excludes_littles(void **state)
{
	struct fixture f;
	eas_mask_word m[EAS_MASK_WORDS(NR)] = { 0 };
	int cpu;

	(void)state;
	setup(&f, EAS_KERNEL_V6_19);
	eas_mask_set(m, 6);
	eas_mask_set(m, 7);
	f.p.cpus_allowed = m;
	f.p.nr_cpus_allowed = 2;
	f.p.prev_cpu = 6;
	f.p.util_avg = 10;
	cpu = place(&f);
	assert_true(cpu == 6 || cpu == 7);
	assert_int_not_equal(f.res.path, EAS_PATH_POLICY);
}

/* The entry point, and the shared object as eas simulate loads it. */
static void test_entry_and_plugin(void **state)
{
	const struct eas_policy *pol = eas_policy_entry();
	void *h = NULL;
	char err[256];
	int e;

	(void)state;
	assert_non_null(pol);
	assert_int_equal(pol->abi, EAS_POLICY_ABI);
	assert_string_equal(pol->name, "little-first");
	assert_ptr_equal(pol->select_task_rq, little_first_select);
	pol = eas_policy_load(LITTLE_FIRST_SO, &h, &e, err, sizeof(err));
	if (!pol)
		fail_msg("%s", err);
	assert_non_null(h);
	assert_string_equal(pol->name, "little-first");
	eas_policy_unload(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small_task_goes_little),
		cmocka_unit_test(test_idle_then_least_utilised),
		cmocka_unit_test(test_big_task_is_left_to_the_kernel),
		cmocka_unit_test(test_affinity_excludes_littles),
		cmocka_unit_test(test_entry_and_plugin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
