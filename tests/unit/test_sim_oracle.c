/* SPDX-License-Identifier: MIT */
/*
 * eas_sim_oracle() / `eas simulate --oracle`: the distance between the
 * simulated EAS placement and the optimal one.
 *
 * Checked: the report re-scores EAS's placement exactly as the oracle's
 * own eas_oracle_energy() does for the CPUs the simulation says each task
 * ran on longest; the optimum is never worse than EAS's placement and
 * equals a brute-force search on a small workload; a task alone on the
 * platform is placed optimally; non-steady workloads are refused with a
 * message naming the thread; the JSON carries the section.
 */
#define _POSIX_C_SOURCE 200809L /* popen() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/oracle.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *rel, size_t *len)
{
	char path[1024];
	char *buf;

	snprintf(path, sizeof(path), "%s/%s", EAS_SOURCE_DIR, rel);
	buf = eas_test_slurp(path, len);
	assert_non_null(buf);
	return buf;
}

struct run {
	char *pbuf, *wbuf;
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
};

static void run_open(struct run *r, const char *plat, const char *wl,
		     enum eas_kernel k, uint64_t duration_ns)
{
	struct eas_json_diag diag;
	struct eas_sim_config cfg;
	size_t pl, wlen;
	char err[256];
	int e = 0;

	memset(r, 0, sizeof(*r));
	r->pbuf = slurp(plat, &pl);
	r->wbuf = slurp(wl, &wlen);
	assert_int_equal(
		eas_json_platform_load(r->pbuf, pl, k, 0, &r->jp, &diag), 0);
	assert_int_equal(eas_rtapp_load(r->wbuf, wlen, &r->w, &diag), 0);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = duration_ns;
	cfg.oracle = true;
	r->s = eas_sim_create(&r->jp, &r->w, &cfg, &e, err, sizeof(err));
	assert_non_null(r->s);
	assert_int_equal(eas_sim_run(r->s, 0), 0);
}

static void run_close(struct run *r)
{
	eas_sim_free(r->s);
	eas_rtapp_free(&r->w);
	eas_json_platform_free(&r->jp);
	free(r->pbuf);
	free(r->wbuf);
}

/* The report's numbers, recomputed from the public pieces. */
static void check_report(struct run *r)
{
	const struct eas_sim_stats *st = eas_sim_stats(r->s);
	struct eas_oracle_workload ow;
	struct eas_sim_oracle o;
	uint32_t *map, i;
	uint64_t e;
	bool feas;

	assert_int_equal(eas_sim_oracle(r->s, &o), 0);
	assert_int_equal(o.status, 0);
	assert_int_equal(eas_oracle_from_rtapp(&r->w, &r->jp.pf, &ow, NULL, 0),
			 0);
	assert_int_equal(o.nr_tasks, ow.nr_tasks);
	map = calloc(ow.nr_tasks + 1u, sizeof(*map));
	assert_non_null(map);
	for (i = 0; i < o.nr_tasks; i++) {
		assert_true(o.task[i] < st->nr_tasks);
		assert_int_equal(o.eas_cpu[i], st->tasks[o.task[i]].main_cpu);
		assert_true(o.eas_cpu[i] >= 0);
		map[i] = (uint32_t)o.eas_cpu[i];
	}
	assert_int_equal(eas_oracle_energy(&r->jp.pf, ow.tasks, ow.nr_tasks,
					   map, &e, &feas),
			 0);
	assert_int_equal(e, o.eas);
	assert_int_equal(feas, o.eas_feasible);
	/* the optimum's own mapping scores what it claims */
	assert_int_equal(eas_oracle_energy(&r->jp.pf, ow.tasks, ow.nr_tasks,
					   o.optimal_cpu, &e, &feas),
			 0);
	assert_int_equal(e, o.optimum);
	if (o.optimum_feasible && o.eas_feasible)
		assert_true(o.optimum <= o.eas);
	assert_true(o.nodes > 0);
	free(map);
	eas_oracle_workload_free(&ow);
	eas_sim_oracle_free(&o);
}

static void test_one_task_is_optimal(void **state)
{
	struct run r;
	struct eas_sim_oracle o;

	(void)state;
	for (int k = 0; k < 2; k++) {
		run_open(&r, "examples/platforms/hikey960.json",
			 "examples/workloads/periodic-10pct.json",
			 (enum eas_kernel)k, 2000000000ull);
		check_report(&r);
		assert_int_equal(eas_sim_oracle(r.s, &o), 0);
		assert_int_equal(o.nr_tasks, 1);
		/* a 10% task alone: EAS keeps it on a little CPU, optimal */
		assert_int_equal(o.eas, o.optimum);
		assert_true(o.eas_cpu[0] < 4);
		eas_sim_oracle_free(&o);
		run_close(&r);
	}
}

static void test_heavy_mix_both_flavours(void **state)
{
	struct run r;

	(void)state;
	for (int k = 0; k < 2; k++) {
		run_open(&r, "examples/platforms/hikey960.json",
			 "examples/workloads/heavy-mix.json",
			 (enum eas_kernel)k, 3000000000ull);
		check_report(&r);
		run_close(&r);
	}
}

/* On a small workload the branch-and-bound optimum is the brute force's. */
static void test_optimum_matches_brute_force(void **state)
{
	struct run r;
	struct eas_oracle_workload ow;
	struct eas_oracle_result res;
	struct eas_sim_oracle o;
	uint32_t *map;

	(void)state;
	for (int k = 0; k < 2; k++) {
		run_open(&r, "examples/platforms/sched-energy-example.json",
			 "tests/data/workloads/oracle-small.json",
			 (enum eas_kernel)k, 1000000000ull);
		check_report(&r);
		assert_int_equal(eas_sim_oracle(r.s, &o), 0);
		assert_int_equal(
			eas_oracle_from_rtapp(&r.w, &r.jp.pf, &ow, NULL, 0), 0);
		map = calloc(ow.nr_tasks + 1u, sizeof(*map));
		assert_non_null(map);
		assert_int_equal(eas_oracle_brute_force(&r.jp.pf, ow.tasks,
							ow.nr_tasks, map, &res),
				 0);
		assert_int_equal(res.energy, o.optimum);
		assert_int_equal(res.nodes, 1024);
		assert_true(o.nodes < res.nodes);
		free(map);
		eas_oracle_workload_free(&ow);
		eas_sim_oracle_free(&o);
		run_close(&r);
	}
}

static void test_refuses_non_steady(void **state)
{
	struct run r;
	struct eas_sim_oracle o;

	(void)state;
	run_open(&r, "examples/platforms/hikey960.json",
		 "examples/workloads/ramp.json", EAS_KERNEL_V6_19,
		 500000000ull);
	assert_int_equal(eas_sim_oracle(r.s, &o), EAS_EUNSUPPORTED);
	assert_int_equal(o.status, EAS_EUNSUPPORTED);
	assert_non_null(strstr(o.msg, "'ramp'"));
	assert_int_equal(o.nr_tasks, 0);
	assert_null(o.eas_cpu);
	eas_sim_oracle_free(&o);
	run_close(&r);
}

static void test_cli_json(void **state)
{
	FILE *p;
	char buf[1 << 16];
	size_t n;
	struct json_object *root, *orc, *v;

	(void)state;
	p = popen(EAS_BINARY_DIR
		  "/tools/eas simulate " EAS_SOURCE_DIR
		  "/examples/platforms/hikey960.json " EAS_SOURCE_DIR
		  "/examples/workloads/periodic-10pct.json"
		  " --duration 1 --oracle --json",
		  "r");
	assert_non_null(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = 0;
	assert_int_equal(pclose(p), 0);
	root = json_tokener_parse(buf);
	assert_non_null(root);
	assert_true(json_object_object_get_ex(root, "oracle", &orc));
	assert_true(json_object_object_get_ex(orc, "status", &v));
	assert_string_equal(json_object_get_string(v), "OK");
	assert_true(json_object_object_get_ex(orc, "gap_permille", &v));
	assert_int_equal(json_object_get_int64(v), 0);
	assert_true(json_object_object_get_ex(orc, "tasks", &v));
	assert_int_equal(json_object_array_length(v), 1);
	json_object_put(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_task_is_optimal),
		cmocka_unit_test(test_heavy_mix_both_flavours),
		cmocka_unit_test(test_optimum_matches_brute_force),
		cmocka_unit_test(test_refuses_non_steady),
		cmocka_unit_test(test_cli_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
