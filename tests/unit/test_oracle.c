/* SPDX-License-Identifier: MIT */
/*
 * Optimal-placement oracle (lib/sim/oracle.c): golden optima on the
 * sched-energy.rst 2x2 platform, branch and bound against brute force on
 * seeded random cases (both flavours), symmetry pruning, infeasible
 * cases, and utilisation derived from rt-app workloads.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/oracle.h>
#include <libeas/place.h>

#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXT 16

static void solve_both(const struct eas_platform *pf,
		       const struct eas_oracle_task *t, uint32_t n,
		       struct eas_oracle_result *bb, uint32_t *map_bb,
		       struct eas_oracle_result *bf, uint32_t *map_bf)
{
	uint64_t e;
	bool ok;

	assert_int_equal(eas_oracle_solve(pf, t, n, 0, map_bb, bb), 0);
	assert_int_equal(eas_oracle_brute_force(pf, t, n, map_bf, bf), 0);
	if (bb->energy != bf->energy || bb->feasible != bf->feasible)
		fprintf(stderr, "bb %llu/%d bf %llu/%d\n",
			(unsigned long long)bb->energy, bb->feasible,
			(unsigned long long)bf->energy, bf->feasible);
	assert_int_equal(bb->energy, bf->energy);
	assert_int_equal(bb->feasible, bf->feasible);
	assert_int_equal(bb->brute_force, bf->brute_force);
	assert_int_equal(bf->nodes, bf->brute_force);
	/* the mapping returned really has that energy and feasibility */
	assert_int_equal(eas_oracle_energy(pf, t, n, map_bb, &e, &ok), 0);
	assert_int_equal(e, bb->energy);
	assert_int_equal(ok, bb->feasible);
	assert_int_equal(eas_oracle_energy(pf, t, n, map_bf, &e, &ok), 0);
	assert_int_equal(e, bf->energy);
}

/*
 * 2x2 (kernel-eas.md §7.1): little CPUs 0,1 (512: 170/341/512 kHz,
 * 50/150/300 mW), big CPUs 2,3 (1024: 512/768/1024 kHz, 400/800/1700 mW).
 */
static void test_golden_2x2(void **state)
{
	struct eas_oracle_task t[2] = { { 200, NULL }, { 200, NULL } };
	struct eas_oracle_result r;
	uint32_t map[2];
	struct eas_platform *pf;

	(void)state;
	/* v6.19 costs: little {2941, 4398, 5859}, big {7812, 10416, 16601} */
	pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	/* one task of 200: 250 needed -> little perf 341, 4398 * 200 */
	assert_int_equal(eas_oracle_solve(pf, t, 1, 0, map, &r), 0);
	assert_int_equal(r.energy, 879600);
	assert_true(r.feasible);
	assert_true(map[0] == 0 || map[0] == 1);
	assert_int_equal(r.brute_force, 4);
	/* two: split over both littles (max 200 -> 341: 4398 * 400) beats
	 * sharing one (max 400 -> 500 -> 512: 5859 * 400 = 2343600) */
	assert_int_equal(eas_oracle_solve(pf, t, 2, 0, map, &r), 0);
	assert_int_equal(r.energy, 1759200);
	assert_true(map[0] <= 1 && map[1] <= 1 && map[0] != map[1]);
	fix_free(pf);

	/* v5.4 costs: little {150, 225, 300}, big {800, 1066, 1700} */
	pf = fix_2x2(EAS_KERNEL_V5_4, 0);
	assert_int_equal(eas_oracle_solve(pf, t, 1, 0, map, &r), 0);
	assert_int_equal(r.energy, 87); /* 225 * 200 / 512 */
	assert_int_equal(eas_oracle_solve(pf, t, 2, 0, map, &r), 0);
	assert_int_equal(r.energy, 175); /* 225 * 400 / 512 (vs 234) */
	assert_true(map[0] <= 1 && map[1] <= 1 && map[0] != map[1]);
	fix_free(pf);
}

/* A task of 500 does not fit a little CPU (500 * 1280 >= 512 * 1024). */
static void test_fits_capacity(void **state)
{
	struct eas_oracle_task t[1] = { { 409, NULL } };
	struct eas_oracle_result r;
	uint32_t map[1];
	struct eas_platform *pf = fix_2x2(EAS_KERNEL_V6_19, 0);

	(void)state;
	/* 409 * 1280 = 523520 < 524288: fits the little CPU */
	assert_int_equal(eas_oracle_solve(pf, t, 1, 0, map, &r), 0);
	assert_true(map[0] <= 1);
	assert_true(r.feasible);
	/* 410 * 1280 = 524800: does not, though the little one would be
	 * cheaper per unit of util at its top OPP (5859 < 7812) */
	t[0].util = 410;
	assert_int_equal(eas_oracle_solve(pf, t, 1, 0, map, &r), 0);
	assert_true(map[0] >= 2);
	assert_true(r.feasible);
	fix_free(pf);
}

static void test_infeasible(void **state)
{
	struct eas_oracle_task t[3] = { { 900, NULL },
					{ 900, NULL },
					{ 900, NULL } };
	struct eas_oracle_result bb, bf;
	uint32_t m1[3], m2[3];

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_2x2((enum eas_kernel)k, 0);
		solve_both(pf, t, 3, &bb, m1, &bf, m2);
		assert_false(bb.feasible);
		fix_free(pf);
	}
}

static void test_bad_input(void **state)
{
	struct eas_platform *pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	eas_mask_word none[1] = { 0 }, only3[1] = { 1u << 3 };
	struct eas_oracle_task t[2] = { { 100, NULL }, { 100, only3 } };
	struct eas_oracle_result r;
	uint32_t map[2] = { 0, 0 };
	uint64_t e;

	(void)state;
	assert_int_equal(eas_oracle_energy(pf, t, 2, map, &e, NULL),
			 EAS_EINVAL); /* task 1 not allowed on CPU 0 */
	map[1] = 3;
	assert_int_equal(eas_oracle_energy(pf, t, 2, map, &e, NULL), 0);
	map[1] = 4;
	assert_int_equal(eas_oracle_energy(pf, t, 2, map, &e, NULL),
			 EAS_EINVAL);
	t[1].cpus_allowed = none;
	assert_int_equal(eas_oracle_solve(pf, t, 2, 0, map, &r), EAS_EINVAL);
	t[1].cpus_allowed = NULL;
	t[1].util = 1025;
	assert_int_equal(eas_oracle_solve(pf, t, 2, 0, map, &r), EAS_EINVAL);
	assert_int_equal(eas_oracle_solve(NULL, t, 2, 0, map, &r), EAS_EINVAL);
	/* node limit: best so far, EAS_ERANGE */
	t[1].util = 100;
	assert_int_equal(eas_oracle_solve(pf, t, 2, 1, map, &r), EAS_ERANGE);
	assert_int_equal(r.nodes, 1);
	fix_free(pf);
}

static uint32_t rand_tasks(uint64_t *seed, const struct eas_platform *pf,
			   struct eas_oracle_task *t, eas_mask_word *masks,
			   uint32_t max_tasks, uint64_t max_util)
{
	uint32_t n = (uint32_t)fix_rand_range(seed, 1, max_tasks);

	for (uint32_t i = 0; i < n; i++) {
		eas_mask_word *m = masks + (size_t)i * pf->mask_words;
		t[i].util = fix_rand_range(seed, 0, max_util);
		t[i].cpus_allowed = NULL;
		if (fix_rand(seed) % 3 == 0) {
			memset(m, 0, pf->mask_words * sizeof(*m));
			for (uint32_t c = 0; c < pf->nr_cpus; c++)
				if (fix_rand(seed) % 2)
					eas_mask_set(m, c);
			eas_mask_set(m, (uint32_t)fix_rand_range(
						seed, 0, pf->nr_cpus - 1));
			t[i].cpus_allowed = m;
		}
	}
	return n;
}

/* Branch and bound == brute force on seeded random platforms and tasks. */
static void test_vs_brute_force(void **state)
{
	uint64_t seed = 0x5eed0cafe;
	uint64_t nodes_bb = 0, nodes_bf = 0;
	int infeasible = 0;

	(void)state;
	for (int iter = 0; iter < 300; iter++) {
		struct fix_gen_params gp = {
			.nr_cpus = (uint32_t)fix_rand_range(&seed, 2, 6),
			.nr_states = (uint32_t)fix_rand_range(&seed, 1, 6),
			.seed = fix_rand(&seed),
			.flags = (fix_rand(&seed) % 2) ? FIX_GEN_NO_SKIP : 0,
		};
		enum eas_kernel k = (enum eas_kernel)(iter % 2);
		struct eas_oracle_task t[MAXT];
		eas_mask_word masks[MAXT];
		struct eas_oracle_result bb, bf;
		uint32_t m1[MAXT], m2[MAXT], n;
		struct eas_platform *pf;

		gp.nr_pds = (uint32_t)fix_rand_range(&seed, 1, gp.nr_cpus);
		if (fix_rand(&seed) % 4 == 0)
			gp.flags |= FIX_GEN_DMIPS;
		pf = fix_generated(&gp, k, 0);
		n = rand_tasks(&seed, pf, t, masks, 6,
			       iter % 5 == 0 ? 1024 : 500);
		solve_both(pf, t, n, &bb, m1, &bf, m2);
		infeasible += !bb.feasible;
		nodes_bb += bb.nodes;
		nodes_bf += bf.nodes;
		fix_free(pf);
	}
	/* both regimes were exercised, and pruning pays */
	assert_true(infeasible > 0 && infeasible < 300);
	assert_true(nodes_bb < nodes_bf);
}

/*
 * Symmetry: on HiKey960 (two clusters of 4 identical CPUs) the search
 * visits far fewer nodes than brute force and still finds the same
 * optimum, also when affinities break the symmetry of some CPUs.
 */
static void test_symmetry(void **state)
{
	struct eas_oracle_task t[6];
	eas_mask_word pin5[1] = { 1u << 5 }, lit[1] = { 0x0f };
	struct eas_oracle_result bb, bf;
	uint32_t m1[6], m2[6];
	static const uint64_t u[6] = { 300, 250, 120, 80, 80, 40 };

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_hikey960((enum eas_kernel)k, 0);
		for (int i = 0; i < 6; i++)
			t[i] = (struct eas_oracle_task){ u[i], NULL };
		solve_both(pf, t, 6, &bb, m1, &bf, m2);
		assert_int_equal(bf.brute_force, 262144); /* 8^6 */
		assert_true(bb.nodes * 50 < bf.nodes);
		t[1].cpus_allowed = pin5;
		t[3].cpus_allowed = lit;
		solve_both(pf, t, 6, &bb, m1, &bf, m2);
		assert_int_equal(m1[1], 5);
		assert_true(m1[3] < 4);
		assert_int_equal(bf.brute_force, 8u * 1 * 8 * 4 * 8 * 8);
		fix_free(pf);
	}
}

/* Bigger instance: still exact within a modest node budget. */
static void test_larger_instance(void **state)
{
	struct eas_oracle_task t[12];
	struct eas_oracle_result r;
	uint32_t map[12];
	uint64_t e;
	bool ok;
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	uint64_t seed = 42;

	(void)state;
	for (int i = 0; i < 12; i++)
		t[i] = (struct eas_oracle_task){ fix_rand_range(&seed, 20, 300),
						 NULL };
	assert_int_equal(eas_oracle_solve(pf, t, 12, 20000000, map, &r), 0);
	assert_true(r.feasible);
	assert_int_equal(r.brute_force, 68719476736u); /* 8^12 */
	assert_true(r.nodes < r.brute_force / 1000);
	assert_int_equal(eas_oracle_energy(pf, t, 12, map, &e, &ok), 0);
	assert_int_equal(e, r.energy);
	fprintf(stderr,
		"   12 tasks on hikey960: %llu nodes (brute force "
		"%llu mappings)\n",
		(unsigned long long)r.nodes, (unsigned long long)r.brute_force);
	fix_free(pf);
}

static int load_rtapp(const char *s, struct eas_rtapp_workload *w)
{
	struct eas_json_diag d;
	int r = eas_rtapp_load(s, strlen(s), w, &d);
	if (r)
		fprintf(stderr, "rt-app: %s: %s\n", d.path, d.msg);
	return r;
}

static void test_from_rtapp(void **state)
{
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	struct eas_rtapp_workload w;
	struct eas_oracle_workload ow;
	char msg[256];

	(void)state;
	/* 10 % calibrated on a big CPU (1024) -> 102; 2 instances */
	assert_int_equal(load_rtapp("{\"global\":{\"calibration\":\"CPU4\"},"
				    "\"tasks\":{\"a\":{\"instance\":2,"
				    "\"run\":2000,\"timer\":{\"ref\":"
				    "\"unique\",\"period\":20000}},"
				    "\"b\":{\"cpus\":[1,2],\"phases\":{"
				    "\"x\":{\"run\":1000,\"run2\":1000,"
				    "\"timer\":{\"ref\":\"t\",\"period\":"
				    "10000}},\"y\":{\"run\":4000,\"timer\":"
				    "{\"ref\":\"t\",\"period\":20000}}}}}}",
				    &w),
			 0);
	assert_int_equal(eas_oracle_from_rtapp(&w, pf, &ow, msg, sizeof(msg)),
			 0);
	assert_int_equal(ow.nr_tasks, 3);
	assert_int_equal(ow.tasks[0].util, 102);
	assert_int_equal(ow.tasks[1].util, 102);
	assert_int_equal(ow.instance[1], 1);
	assert_int_equal(ow.task_index[2], 1);
	assert_int_equal(ow.tasks[2].util, 204); /* 2000/10000 * 1024 */
	assert_non_null(ow.tasks[2].cpus_allowed);
	assert_true(eas_mask_test(ow.tasks[2].cpus_allowed, 1));
	assert_true(eas_mask_test(ow.tasks[2].cpus_allowed, 2));
	assert_false(eas_mask_test(ow.tasks[2].cpus_allowed, 0));
	assert_null(ow.tasks[0].cpus_allowed);
	{
		struct eas_oracle_result r;
		uint32_t map[3];
		assert_int_equal(
			eas_oracle_solve(pf, ow.tasks, ow.nr_tasks, 0, map, &r),
			0);
		assert_true(r.feasible);
		assert_true(map[2] == 1 || map[2] == 2);
	}
	eas_oracle_workload_free(&ow);
	eas_rtapp_free(&w);

	/* calibrated on a little CPU (462) -> 46; pLoad -> biggest (1024) */
	assert_int_equal(load_rtapp("{\"global\":{\"calibration\":\"CPU0\"},"
				    "\"tasks\":{\"a\":{\"run\":2000,\"timer\":"
				    "{\"ref\":\"u\",\"period\":20000}}}}",
				    &w),
			 0);
	assert_int_equal(eas_oracle_from_rtapp(&w, pf, &ow, msg, sizeof(msg)),
			 0);
	assert_int_equal(ow.tasks[0].util, 46);
	eas_oracle_workload_free(&ow);
	eas_rtapp_free(&w);
	assert_int_equal(load_rtapp("{\"global\":{\"calibration\":300},"
				    "\"tasks\":{\"a\":{\"run\":2000,\"timer\":"
				    "{\"ref\":\"u\",\"period\":20000}}}}",
				    &w),
			 0);
	assert_int_equal(eas_oracle_from_rtapp(&w, pf, &ow, msg, sizeof(msg)),
			 0);
	assert_int_equal(ow.tasks[0].util, 102);
	eas_oracle_workload_free(&ow);
	eas_rtapp_free(&w);

	fix_free(pf);
}

static void expect_not_steady(const struct eas_platform *pf, const char *s,
			      int err, const char *what)
{
	struct eas_rtapp_workload w;
	struct eas_oracle_workload ow;
	static const struct eas_oracle_workload zero;
	char msg[256];

	assert_int_equal(load_rtapp(s, &w), 0);
	assert_int_equal(eas_oracle_from_rtapp(&w, pf, &ow, msg, sizeof(msg)),
			 err);
	if (!strstr(msg, what))
		fprintf(stderr, "message: %s\n", msg);
	assert_non_null(strstr(msg, what));
	assert_memory_equal(&ow, &zero, sizeof(zero));
	eas_rtapp_free(&w);
}

static void test_from_rtapp_not_steady(void **state)
{
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);

	(void)state;
	/* spreading-tasks: light and heavy phases */
	expect_not_steady(pf,
			  "{\"tasks\":{\"s\":{\"phases\":{"
			  "\"l\":{\"run\":1000,\"timer\":{\"ref\":\"u\","
			  "\"period\":10000}},"
			  "\"h\":{\"run\":7000,\"timer\":{\"ref\":\"u\","
			  "\"period\":10000}}}}}}",
			  EAS_EUNSUPPORTED, "different utilisation");
	expect_not_steady(pf, "{\"tasks\":{\"s\":{\"run\":1,\"sleep\":9}}}",
			  EAS_EUNSUPPORTED, "sleep");
	expect_not_steady(pf, "{\"tasks\":{\"s\":{\"run\":1}}}",
			  EAS_EUNSUPPORTED, "timer");
	expect_not_steady(pf,
			  "{\"tasks\":{\"s\":{\"policy\":\"SCHED_FIFO\","
			  "\"run\":1,\"timer\":{\"ref\":\"u\",\"period\":9}}}}",
			  EAS_EUNSUPPORTED, "CFS");
	expect_not_steady(pf,
			  "{\"tasks\":{\"s\":{\"cpus\":[9],\"run\":1,"
			  "\"timer\":{\"ref\":\"u\",\"period\":9}}}}",
			  EAS_EINVAL, "CPU");
	expect_not_steady(pf,
			  "{\"global\":{\"calibration\":\"CPU8\"},"
			  "\"tasks\":{\"s\":{\"run\":1,"
			  "\"timer\":{\"ref\":\"u\",\"period\":9}}}}",
			  EAS_EINVAL, "calibration");
	fix_free(pf);
}

/*
 * The oracle's per-domain model is the placement code's compute_energy()
 * (v5.4 compute_energy(), v6.19 compute_energy() with its energy_env) on
 * run queues whose utilisation is the mapping's, with no task moving:
 * random mappings on random platforms, both flavours.
 */
static void test_energy_matches_compute_energy(void **state)
{
	uint64_t seed = 0xc0ffee;

	(void)state;
	for (int it = 0; it < 400; it++) {
		struct fix_gen_params gp = {
			.nr_cpus = (uint32_t)fix_rand_range(&seed, 1, 8),
			.nr_states = (uint32_t)fix_rand_range(&seed, 1, 7),
			.seed = fix_rand(&seed),
			.flags = (fix_rand(&seed) % 2) ? FIX_GEN_NO_SKIP : 0,
		};
		enum eas_kernel k = (enum eas_kernel)(it % 2);
		struct eas_oracle_task t[MAXT];
		uint32_t map[MAXT], n;
		struct eas_rq rq[8];
		struct eas_system sys;
		struct eas_task p;
		struct eas_platform *pf;
		uint64_t e, want = 0;
		bool ok;

		gp.nr_pds = (uint32_t)fix_rand_range(&seed, 1, gp.nr_cpus);
		pf = fix_generated(&gp, k, 0);
		n = (uint32_t)fix_rand_range(&seed, 0, 8);
		for (uint32_t c = 0; c < pf->nr_cpus; c++)
			eas_rq_init(&rq[c]);
		for (uint32_t i = 0; i < n; i++) {
			t[i].util = fix_rand_range(&seed, 0, 700);
			t[i].cpus_allowed = NULL;
			map[i] = (uint32_t)fix_rand_range(&seed, 0,
							  pf->nr_cpus - 1);
			rq[map[i]].util_avg += t[i].util;
		}
		for (uint32_t c = 0; c < pf->nr_cpus; c++) {
			rq[c].runnable_avg = rq[c].util_avg;
			rq[c].idle = rq[c].util_avg == 0;
			rq[c].nr_running = rq[c].h_nr_running = !rq[c].idle;
		}
		memset(&sys, 0, sizeof(sys));
		sys.pf = pf;
		sys.rq = rq;
		sys.features = eas_features_default(k);
		sys.rd_overutilized = EAS_RD_OU_CLEAR;
		eas_task_init(&p); /* util 0: "no task moving" */
		p.prev_cpu = 0;
		for (uint32_t d = 0; d < pf->nr_pds; d++)
			want += eas_compute_energy(&sys, &p, -1, d);
		assert_int_equal(eas_oracle_energy(pf, t, n, map, &e, &ok), 0);
		if (e != want)
			fprintf(stderr, "it %d %s: oracle %llu compute %llu\n",
				it, eas_kernel_name(k), (unsigned long long)e,
				(unsigned long long)want);
		assert_int_equal(e, want);
		fix_free(pf);
	}
}

/* The example workloads that are steady have an exact optimum, found with
 * a small fraction of the brute-force work. */
static void test_example_workloads(void **state)
{
	static const char *const files[] = { "periodic-10pct.json",
					     "phone-light.json",
					     "heavy-mix.json" };
	static const uint32_t nr[] = { 1, 7, 9 };

	(void)state;
	for (int k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_hikey960((enum eas_kernel)k, 0);
		for (size_t i = 0; i < 3; i++) {
			char path[512], msg[256], *buf;
			struct eas_rtapp_workload w;
			struct eas_oracle_workload ow;
			struct eas_oracle_result r;
			uint32_t map[16];
			FILE *f;
			long n;

			snprintf(path, sizeof(path), "%s/examples/workloads/%s",
				 EAS_SOURCE_DIR, files[i]);
			f = fopen(path, "rb");
			assert_non_null(f);
			fseek(f, 0, SEEK_END);
			n = ftell(f);
			fseek(f, 0, SEEK_SET);
			buf = calloc(1, (size_t)n + 1);
			assert_non_null(buf);
			assert_int_equal(fread(buf, 1, (size_t)n, f),
					 (size_t)n);
			fclose(f);
			assert_int_equal(load_rtapp(buf, &w), 0);
			free(buf);
			assert_int_equal(eas_oracle_from_rtapp(&w, pf, &ow, msg,
							       sizeof(msg)),
					 0);
			assert_int_equal(ow.nr_tasks, nr[i]);
			assert_int_equal(eas_oracle_solve(pf, ow.tasks,
							  ow.nr_tasks, 0, map,
							  &r),
					 0);
			assert_true(r.feasible);
			assert_true(r.nodes * 100 < r.brute_force ||
				    r.brute_force < 100);
			fprintf(stderr,
				"   %s %s: optimum %llu, %llu nodes / %llu "
				"mappings\n",
				eas_kernel_name(pf->kernel), files[i],
				(unsigned long long)r.energy,
				(unsigned long long)r.nodes,
				(unsigned long long)r.brute_force);
			if (i == 2) {
				/* the 716 task can only go to a big CPU */
				assert_true(map[0] >= 4);
			}
			eas_oracle_workload_free(&ow);
			eas_rtapp_free(&w);
		}
		fix_free(pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_2x2),
		cmocka_unit_test(test_energy_matches_compute_energy),
		cmocka_unit_test(test_fits_capacity),
		cmocka_unit_test(test_infeasible),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_vs_brute_force),
		cmocka_unit_test(test_symmetry),
		cmocka_unit_test(test_larger_instance),
		cmocka_unit_test(test_from_rtapp),
		cmocka_unit_test(test_from_rtapp_not_steady),
		cmocka_unit_test(test_example_workloads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
