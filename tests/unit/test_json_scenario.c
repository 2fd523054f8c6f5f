/* SPDX-License-Identifier: MIT */
/*
 * Scenario loader (lib/json/scenario.c): defaults, every field kind,
 * strict errors with JSON paths, nothing half-loaded; the example
 * scenarios through the loader and the core give the golden CPUs; the
 * eas place command's JSON output.
 */
#define _POSIX_C_SOURCE 200809L /* popen(), pclose() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>

#include "fixtures.h"

static int load(const char *txt, uint32_t nr, struct eas_scenario *sc,
		struct eas_json_diag *d)
{
	return eas_json_scenario_load(txt, strlen(txt), nr, sc, d);
}

#define HDR "{\"format\":\"libeas-scenario/1\","

static void test_defaults(void **state)
{
	struct eas_scenario sc;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load(HDR "\"task\":{\"prev_cpu\":2}}", 4, &sc, &d), 0);
	assert_false(sc.has_kernel);
	assert_int_equal(sc.nr_cpus, 4);
	assert_int_equal(sc.task.prev_cpu, 2);
	assert_int_equal(sc.task.uclamp_max, 1024);
	assert_int_equal(sc.task.recent_used_cpu, -1);
	assert_null(sc.task.cpus_allowed);
	assert_int_equal(sc.waker.cpu, 2);
	assert_int_equal(sc.waker.last_wakee, EAS_TASK_NONE);
	assert_int_equal(sc.wake_flags, EAS_WF_TTWU);
	assert_int_equal(sc.overutilized, -1);
	assert_null(sc.balance_json);
	assert_string_equal(sc.platform, "");
	assert_true(sc.rq[3].online);
	assert_true(sc.rq[3].idle);
	assert_int_equal(sc.rq[3].uclamp_max, 1024);
	assert_int_equal(eas_scenario_features(&sc, EAS_KERNEL_V5_4),
			 eas_features_default(EAS_KERNEL_V5_4));
	eas_scenario_free(&sc);
	/* "platform": the name of the platform file it is for */
	assert_int_equal(load(HDR "\"platform\":\"hikey960\","
				  "\"task\":{\"prev_cpu\":2}}",
			      4, &sc, &d),
			 0);
	assert_string_equal(sc.platform, "hikey960");
	eas_scenario_free(&sc);
}

/* "kernel": "v7.1" (and "7.1") selects the v7.1 flavour */
static void test_kernel_v71(void **state)
{
	static const char *txt =
		HDR "\"kernel\":\"v7.1\",\"task\":{\"prev_cpu\":0}}";
	static const char *bare =
		HDR "\"kernel\":\"7.1\",\"task\":{\"prev_cpu\":0}}";
	struct eas_scenario sc;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load(txt, 2, &sc, &d), 0);
	assert_true(sc.has_kernel);
	assert_int_equal(sc.kernel, EAS_KERNEL_V7_1);
	eas_scenario_free(&sc);
	assert_int_equal(load(bare, 2, &sc, &d), 0);
	assert_int_equal(sc.kernel, EAS_KERNEL_V7_1);
	eas_scenario_free(&sc);
}

static void test_fields(void **state)
{
	static const char *txt = HDR
		"\"kernel\":\"v5.4\",\"name\":\"x\",\"description\":\"y\","
		"\"features\":{\"util_est\":false,\"uclamp\":true},"
		"\"cpus\":[{\"cpu\":1,\"util_avg\":300,\"nr_running\":2,"
		"\"rt_util_avg\":10,\"dl_running_bw\":1000,\"online\":false,"
		"\"idle_exit_latency_us\":5,\"avg_scan_cost_ns\":7}],"
		"\"task\":{\"prev_cpu\":1,\"util_avg\":50,"
		"\"util_est\":{\"ewma\":30,\"enqueued\":60},"
		"\"cpus_allowed\":[0,1],\"recent_used_cpu\":0,"
		"\"policy\":\"batch\",\"current\":true},"
		"\"waker\":{\"cpu\":0,\"sync\":true,\"current_cpu\":true,"
		"\"last_wakee\":3,\"wakee_flips\":9},"
		"\"wake\":\"fork\",\"overutilized\":true,\"jiffies\":77,"
		"\"hz\":100,\"balance\":{\"src_cpu\":0, \"s\":\"}\"}}";
	struct eas_scenario sc;
	struct eas_json_diag d;
	uint32_t f;

	(void)state;
	assert_int_equal(load(txt, 2, &sc, &d), 0);
	assert_true(sc.has_kernel);
	assert_int_equal(sc.kernel, EAS_KERNEL_V5_4);
	assert_string_equal(sc.name, "x");
	f = eas_scenario_features(&sc, EAS_KERNEL_V6_19);
	assert_false(f & EAS_FEAT_UTIL_EST);
	assert_true(f & EAS_FEAT_UCLAMP_USED);
	assert_true(f & EAS_FEAT_SIS_UTIL);
	assert_int_equal(sc.rq[1].util_avg, 300);
	assert_int_equal(sc.rq[1].runnable_avg, 300);
	assert_int_equal(sc.rq[1].h_nr_running, 2);
	assert_false(sc.rq[1].idle);
	assert_false(sc.rq[1].online);
	assert_int_equal(sc.rq[1].dl_running_bw, 1000);
	assert_int_equal(sc.rq[1].idle_exit_latency, 5);
	assert_int_equal(sc.rq[1].avg_scan_cost, 7);
	assert_int_equal(sc.task.util_est_ewma, 30);
	assert_int_equal(sc.task.util_est_enqueued, 60);
	assert_int_equal(sc.task.util_est, 60);
	assert_non_null(sc.task.cpus_allowed);
	assert_true(eas_mask_test(sc.task.cpus_allowed, 1));
	assert_int_equal(sc.task.nr_cpus_allowed, 2);
	assert_int_equal(sc.task.policy, EAS_POLICY_BATCH);
	assert_true(sc.task.is_current);
	assert_int_equal(sc.waker.cpu, 0);
	assert_int_equal(sc.waker.last_wakee, 3);
	assert_int_equal(sc.wake_flags,
			 EAS_WF_FORK | EAS_WF_SYNC | EAS_WF_CURRENT_CPU);
	assert_int_equal(sc.overutilized, 1);
	assert_int_equal(sc.jiffies, 77);
	assert_int_equal(sc.hz, 100);
	assert_string_equal(sc.balance_json, "{\"src_cpu\":0, \"s\":\"}\"}");
	eas_scenario_free(&sc);
	assert_null(sc.rq);
}

struct bad {
	const char *txt;
	int err;
	const char *path;
};

static void test_errors(void **state)
{
	static const struct bad bad[] = {
		{ "{\"format\":\"libeas-scenario/2\",\"task\":{\"prev_cpu\":0}}",
		  EAS_EFORMAT, "/format" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"bogus\":1}", EAS_EFORMAT,
		  "/bogus" },
		{ HDR "\"platform\":1,\"task\":{\"prev_cpu\":0}}", EAS_EFORMAT,
		  "/platform" },
		{ HDR "\"platform\":\"\",\"task\":{\"prev_cpu\":0}}",
		  EAS_ERANGE, "/platform" },
		{ HDR "\"cpus\":[]}", EAS_EFORMAT, "/task" },
		{ HDR "\"task\":{\"prev_cpu\":4}}", EAS_ERANGE,
		  "/task/prev_cpu" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"util_avg\":1.5}}",
		  EAS_EFORMAT, "/task/util_avg" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"util_avg\":\"3\"}}",
		  EAS_EFORMAT, "/task/util_avg" },
		{ HDR "\"cpus\":[{\"cpu\":1},{\"cpu\":1}],"
		      "\"task\":{\"prev_cpu\":0}}",
		  EAS_ECPU, "/cpus/1/cpu" },
		{ HDR "\"cpus\":[{\"cpu\":0,\"utl_avg\":1}],"
		      "\"task\":{\"prev_cpu\":0}}",
		  EAS_EFORMAT, "/cpus/0/utl_avg" },
		{ HDR "\"cpus\":[{\"cpu\":0,\"uclamp_max\":2000}],"
		      "\"task\":{\"prev_cpu\":0}}",
		  EAS_ERANGE, "/cpus/0/uclamp_max" },
		{ HDR "\"cpus\":[{\"cpu\":0,\"idle\":true,\"nr_running\":1}],"
		      "\"task\":{\"prev_cpu\":0}}",
		  EAS_ERANGE, "/cpus/0/idle" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"cpus_allowed\":[0,9]}}",
		  EAS_ERANGE, "/task/cpus_allowed/1" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"cpus_allowed\":[]}}",
		  EAS_ERANGE, "/task/cpus_allowed" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"util_est\":{\"ewma\":1,"
		      "\"x\":2}}}",
		  EAS_EFORMAT, "/task/util_est/x" },
		{ HDR "\"task\":{\"prev_cpu\":0,\"uclamp_min\":900,"
		      "\"uclamp_max\":100}}",
		  EAS_ERANGE, "/task/uclamp_min" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"wake\":\"wakeup\"}",
		  EAS_EFORMAT, "/wake" },
		{ HDR "\"kernel\":\"v4.19\",\"task\":{\"prev_cpu\":0}}",
		  EAS_EKERNEL, "/kernel" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"waker\":{\"cpu\":-1}}",
		  EAS_ERANGE, "/waker/cpu" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"features\":{\"uclmp\":1}}",
		  EAS_EFORMAT, "/features/uclmp" },
		/* "expect" (eas place --expect) */
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{}}", EAS_EFORMAT,
		  "/expect" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":[1]}", EAS_EFORMAT,
		  "/expect" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"cpu\":4}}",
		  EAS_ERANGE, "/expect/cpu" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"cpu\":\"1\"}}",
		  EAS_EFORMAT, "/expect/cpu" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"path\":"
		      "\"energy\"}}",
		  EAS_EFORMAT, "/expect/path" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"reason\":"
		      "\"eas\"}}",
		  EAS_EFORMAT, "/expect/reason" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"no_eas\":1}}",
		  EAS_EFORMAT, "/expect/no_eas" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"expect\":{\"cpus\":1}}",
		  EAS_EFORMAT, "/expect/cpus" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"balance\":[1]}", EAS_EFORMAT,
		  "/balance" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"task\":{\"prev_cpu\":1}}",
		  EAS_EFORMAT, NULL },
		/* exec: sched_exec() passes current, running and queued on
		 * task_cpu(p), which is this_cpu */
		{ HDR "\"cpus\":[{\"cpu\":0,\"nr_running\":1}],"
		      "\"task\":{\"prev_cpu\":0,\"queued\":false},"
		      "\"wake\":\"exec\"}",
		  EAS_ERANGE, "/task/queued" },
		{ HDR "\"cpus\":[{\"cpu\":0,\"nr_running\":1}],"
		      "\"task\":{\"prev_cpu\":0,\"current\":false},"
		      "\"wake\":\"exec\"}",
		  EAS_ERANGE, "/task/current" },
		{ HDR "\"task\":{\"prev_cpu\":0},\"wake\":\"exec\"}",
		  EAS_ERANGE, "/task/prev_cpu" },
		{ HDR "\"cpus\":[{\"cpu\":0,\"nr_running\":1}],"
		      "\"task\":{\"prev_cpu\":0},\"waker\":{\"cpu\":1},"
		      "\"wake\":\"exec\"}",
		  EAS_ERANGE, "/waker/cpu" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct eas_scenario sc;
		struct eas_json_diag d;
		int r = load(bad[i].txt, 4, &sc, &d);

		if (r != bad[i].err ||
		    (bad[i].path && strcmp(d.path, bad[i].path)))
			fprintf(stderr, "case %zu: err %d path '%s' msg '%s'\n",
				i, r, d.path, d.msg);
		assert_int_equal(r, bad[i].err);
		if (bad[i].path)
			assert_string_equal(d.path, bad[i].path);
		assert_true(strlen(d.msg) > 0);
		/* nothing half-loaded */
		assert_null(sc.rq);
		assert_null(sc.cpus_allowed);
		assert_null(sc.balance_json);
	}
}

static char *slurp(const char *rel, size_t *len)
{
	char path[512];
	FILE *f;
	char *b;
	long n;

	snprintf(path, sizeof(path), "%s/%s", EAS_SOURCE_DIR, rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	assert_non_null(b);
	assert_int_equal(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* "expect": every name eas place --json prints is accepted and read
 * back as its enum value; absent members stay unset */
static void test_expect(void **state)
{
	char txt[512];
	struct eas_scenario sc;
	struct eas_json_diag d;
	unsigned i;

	(void)state;
	assert_int_equal(load(HDR "\"task\":{\"prev_cpu\":0}}", 4, &sc, &d), 0);
	assert_false(sc.has_expect);
	eas_scenario_free(&sc);
	for (i = 0; i <= EAS_PATH_CURRENT_CPU; i++) {
		snprintf(txt, sizeof(txt),
			 HDR "\"task\":{\"prev_cpu\":0},\"expect\":{"
			     "\"path\":\"%s\"}}",
			 eas_place_path_name((enum eas_place_path)i));
		assert_int_equal(load(txt, 4, &sc, &d), 0);
		assert_true(sc.has_expect && sc.expect.has_path);
		assert_false(sc.expect.has_cpu || sc.expect.has_reason ||
			     sc.expect.has_no_eas);
		assert_int_equal(sc.expect.path, i);
		eas_scenario_free(&sc);
	}
	for (i = 0; i <= EAS_FEEC_CAPACITY; i++) {
		snprintf(txt, sizeof(txt),
			 HDR "\"task\":{\"prev_cpu\":0},\"expect\":{"
			     "\"reason\":\"%s\"}}",
			 eas_feec_reason_name((enum eas_feec_reason)i));
		assert_int_equal(load(txt, 4, &sc, &d), 0);
		assert_true(sc.expect.has_reason);
		assert_int_equal(sc.expect.reason, i);
		eas_scenario_free(&sc);
	}
	for (i = 0; i <= EAS_NOEAS_DECLINED; i++) {
		snprintf(txt, sizeof(txt),
			 HDR "\"task\":{\"prev_cpu\":0},\"expect\":{"
			     "\"no_eas\":\"%s\",\"cpu\":3}}",
			 eas_no_eas_reason_name((enum eas_no_eas_reason)i));
		assert_int_equal(load(txt, 4, &sc, &d), 0);
		assert_true(sc.expect.has_no_eas && sc.expect.has_cpu);
		assert_int_equal(sc.expect.no_eas, i);
		assert_int_equal(sc.expect.cpu, 3);
		eas_scenario_free(&sc);
	}
	/* the error names what is expected */
	assert_int_equal(load(HDR "\"task\":{\"prev_cpu\":0},\"expect\":{"
				  "\"path\":\"fast\"}}",
			      4, &sc, &d),
			 EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "\"idle_sibling\""));
	assert_int_equal(load(HDR "\"task\":{\"prev_cpu\":0},\"expect\":{}}", 4,
			      &sc, &d),
			 EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "at least one of \"cpu\""));
}

/* example scenarios on the sched-energy platform: golden CPUs */
static void test_examples(void **state)
{
	static const struct {
		const char *file;
		int cpu54, cpu619;
		enum eas_place_path path54, path619;
	} ex[] = {
		{ "examples/scenarios/sched-energy-a.json", 0, 0, EAS_PATH_EAS,
		  EAS_PATH_EAS },
		{ "examples/scenarios/sched-energy-b.json", 1, 1, EAS_PATH_EAS,
		  EAS_PATH_EAS },
		{ "examples/scenarios/margin-v54.json", 3, 0, EAS_PATH_EAS,
		  EAS_PATH_EAS },
		{ "examples/scenarios/overutilized.json", 0, 2,
		  EAS_PATH_WAKE_AFFINE, EAS_PATH_IDLE_SIBLING },
		{ "examples/scenarios/fork.json", 2, 3, EAS_PATH_IDLEST,
		  EAS_PATH_IDLEST },
		{ "examples/scenarios/uclamp-min.json", 0, 3, EAS_PATH_EAS,
		  EAS_PATH_EAS },
	};
	size_t plen, i;
	char *pbuf =
		slurp("examples/platforms/sched-energy-example.json", &plen);
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct eas_json_platform jp;
		struct eas_json_diag d;

		assert_int_equal(eas_json_platform_load(pbuf, plen,
							(enum eas_kernel)k, 0,
							&jp, &d),
				 0);
		for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
			struct eas_scenario sc;
			struct eas_system sys;
			struct eas_place_result r;
			size_t slen;
			char *sbuf = slurp(ex[i].file, &slen);

			assert_int_equal(eas_json_scenario_load(sbuf, slen,
								jp.pf.nr_cpus,
								&sc, &d),
					 0);
			eas_scenario_system(&sc, &jp.pf, &sys);
			memset(&r, 0, sizeof(r));
			assert_int_equal(eas_select_task_rq_fair(
						 &sys, &sc.task, &sc.waker,
						 sc.wake_flags, &r),
					 k ? ex[i].cpu619 : ex[i].cpu54);
			assert_int_equal(r.path,
					 k ? ex[i].path619 : ex[i].path54);
			eas_scenario_free(&sc);
			free(sbuf);
		}
		eas_json_platform_free(&jp);
	}
	free(pbuf);
}

/*
 * "wake": "exec" is sched_exec() (v5.4 core.c:3494, v6.19 core.c:5373):
 * select_task_rq(p = current, task_cpu(p), SD_BALANCE_EXEC / WF_EXEC).
 * The exec'ing task is current and queued: both default to true for
 * exec (and only for exec), an explicit true is accepted.
 */
static void test_exec_defaults(void **state)
{
	static const char *const wakes[] = { "ttwu", "fork", "exec" };
	char txt[512];
	struct eas_scenario sc;
	struct eas_json_diag d;
	int k;

	(void)state;
	for (k = 0; k < 3; k++) {
		snprintf(txt, sizeof(txt),
			 HDR "\"cpus\":[{\"cpu\":1,\"nr_running\":1}],"
			     "\"task\":{\"prev_cpu\":1},\"wake\":\"%s\"}",
			 wakes[k]);
		assert_int_equal(load(txt, 4, &sc, &d), 0);
		assert_int_equal(sc.task.queued, k == 2);
		assert_int_equal(sc.task.is_current, k == 2);
		assert_int_equal(sc.waker.cpu, 1);
		eas_scenario_free(&sc);
	}
	assert_int_equal(load(HDR "\"cpus\":[{\"cpu\":2,\"nr_running\":2}],"
				  "\"task\":{\"prev_cpu\":2,\"queued\":true,"
				  "\"current\":true},\"waker\":{\"cpu\":2},"
				  "\"wake\":\"exec\"}",
			      4, &sc, &d),
			 0);
	assert_true(sc.task.queued);
	assert_true(sc.task.is_current);
	assert_int_equal(sc.wake_flags, EAS_WF_EXEC);
	eas_scenario_free(&sc);
}

/*
 * The slow-path reproducers (tests/data/place-slowpath, MT8173: CPUs 0-1
 * capacity 598, CPUs 2-3 1024) through the loader and the core.
 *  - affinity-fork (v6.19): fork from CPU0, p allowed on {0,2,3}.
 *    update_sg_wakeup_stats() (fair.c:10711) loops over the group span
 *    and p->cpus_ptr (10724): the local {0,1} counts CPU0 only (0 idle
 *    CPUs), {2,3} 1 idle CPU; sched_balance_find_dst_group() (10826)
 *    returns {2,3} ("local_sgs.idle_cpus >= idlest_sgs.idle_cpus" is
 *    0 >= 1), sched_balance_find_dst_group_cpu() (7383) the idle CPU2,
 *    whose MC level returns NULL (1 idle vs 0): CPU2.
 *  - affinity-fork-overloaded (v6.19): p allowed on {0,1,2}; CPU3 (3
 *    tasks, runnable 2500) is not counted, so {2,3} is has_spare with 1
 *    idle CPU instead of group_overloaded (2048 * 117 < 2500 * 100):
 *    {2,3} beats the local has_spare group with 0 idle CPUs: CPU2.
 *  - exec-v6.19: p (util 200 = CPU0's) execs alone on CPU0, CPUs 1 and 2
 *    idle. p is current and queued: task_running_on_cpu() (10666) takes
 *    p off CPU0's nr_running and idle_cpu_without() (10685) accepts
 *    rq->curr == p, so {0,1} has 2 idle CPUs against {2,3}'s 1: NULL at
 *    PKG; at MC {1} ties the local {0} (1 idle CPU each): NULL. CPU0.
 *  - exec-v5.4: p (util_avg = util_est = 400) execs on CPU0 (util 400);
 *    cpu_util_without() (fair.c:6102) also drops p's util_est from CPU0
 *    ("task_on_rq_queued(p) || current == p", 6164): CPU0's spare is
 *    598 - 0 = 598, {2,3}'s best 1024 - 424 = 600. find_idlest_group()
 *    (5555): this_spare 598 > 400 / 2 and 112 * 598 > 100 * 600: NULL;
 *    at MC 108 * 598 > 100 * 98 (CPU1): NULL. CPU0.
 */
static void test_slowpath_reproducers(void **state)
{
	static const struct {
		const char *file;
		int cpu;
	} ex[] = {
		{ "tests/data/place-slowpath/affinity-fork.json", 2 },
		{ "tests/data/place-slowpath/affinity-fork-overloaded.json",
		  2 },
		{ "tests/data/place-slowpath/exec-v6.19.json", 0 },
		{ "tests/data/place-slowpath/exec-v5.4.json", 0 },
	};
	size_t plen, i;
	char *pbuf = slurp("tests/data/place-slowpath/mt8173.json", &plen);

	(void)state;
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		struct eas_json_platform jp;
		struct eas_json_diag d;
		struct eas_scenario sc;
		struct eas_system sys;
		struct eas_place_result r;
		size_t slen;
		char *sbuf = slurp(ex[i].file, &slen);

		assert_int_equal(eas_json_scenario_load(sbuf, slen, 4, &sc, &d),
				 0);
		assert_true(sc.has_kernel);
		assert_int_equal(eas_json_platform_load(pbuf, plen, sc.kernel,
							0, &jp, &d),
				 0);
		assert_int_equal(jp.pf.cpus[0].capacity, 598);
		eas_scenario_system(&sc, &jp.pf, &sys);
		memset(&r, 0, sizeof(r));
		assert_int_equal(eas_select_task_rq_fair(&sys, &sc.task,
							 &sc.waker,
							 sc.wake_flags, &r),
				 ex[i].cpu);
		assert_int_equal(r.path, EAS_PATH_IDLEST);
		eas_scenario_free(&sc);
		eas_json_platform_free(&jp);
		free(sbuf);
	}
	free(pbuf);
}

/*
 * A blind second reading of the slow path: every expectation below was
 * derived by hand from the v5.4.0 and v6.19 sources by a reviewer who had
 * not read this code (derivations: tests/data/place-blind/EXPECTED.md).
 * S1 and S5 count allowed CPUs only in v6.19 update_sg_wakeup_stats();
 * S2 is the idle-state / idle_stamp pick of find_idlest_group_cpu() /
 * sched_balance_find_dst_group_cpu(); S3 the misfit test over allowed CPUs
 * with the whole-group max_capacity; S4 exec of the current task.
 */
static void test_blind_slowpath(void **state)
{
	static const struct {
		const char *platform, *scenario;
		enum eas_kernel k;
		int cpu;
	} ex[] = {
#define B "tests/data/place-blind/"
		{ B "sym8.json", B "s1-fork-affinity-idle-count.json",
		  EAS_KERNEL_V6_19, 5 },
		{ B "sym8.json", B "s1-fork-affinity-idle-count.json",
		  EAS_KERNEL_V5_4, 1 },
		{ B "sym8.json", B "s2-fork-idle-state-pick.json",
		  EAS_KERNEL_V6_19, 6 },
		{ B "sym8.json", B "s2-fork-idle-state-pick.json",
		  EAS_KERNEL_V5_4, 7 },
		{ B "asym8.json", B "s3-exec-misfit-affinity.json",
		  EAS_KERNEL_V6_19, 4 },
		{ B "asym8.json", B "s3-exec-misfit-affinity.json",
		  EAS_KERNEL_V5_4, 4 },
		{ B "sym8.json", B "s4-exec-own-cpu-discounted.json",
		  EAS_KERNEL_V6_19, 0 },
		{ B "sym8.json", B "s4-exec-own-cpu-discounted.json",
		  EAS_KERNEL_V5_4, 0 },
		{ B "sym8.json", B "s5-fork-allowed-nr-vs-weight.json",
		  EAS_KERNEL_V6_19, 5 },
		{ B "sym8.json", B "s5-fork-allowed-nr-vs-weight.json",
		  EAS_KERNEL_V5_4, 0 },
#undef B
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++) {
		struct eas_json_platform jp;
		struct eas_json_diag d;
		struct eas_scenario sc;
		struct eas_system sys;
		struct eas_place_result r;
		size_t plen, slen;
		char *pbuf = slurp(ex[i].platform, &plen);
		char *sbuf = slurp(ex[i].scenario, &slen);

		assert_int_equal(
			eas_json_platform_load(pbuf, plen, ex[i].k, 0, &jp, &d),
			0);
		assert_int_equal(eas_json_scenario_load(sbuf, slen,
							jp.pf.nr_cpus, &sc, &d),
				 0);
		eas_scenario_system(&sc, &jp.pf, &sys);
		memset(&r, 0, sizeof(r));
		assert_int_equal(eas_select_task_rq_fair(&sys, &sc.task,
							 &sc.waker,
							 sc.wake_flags, &r),
				 ex[i].cpu);
		assert_int_equal(r.path, EAS_PATH_IDLEST);
		eas_scenario_free(&sc);
		eas_json_platform_free(&jp);
		free(sbuf);
		free(pbuf);
	}
}

/* the eas command: JSON shape of docs/formats.md §4 and exit codes */
static void test_cli(void **state)
{
	char cmd[1024], out[4096];
	FILE *f;
	size_t n;
	int st;

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place %s/examples/platforms/"
		 "sched-energy-example.json %s/examples/scenarios/"
		 "sched-energy-b.json --kernel v5.4 --json",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = 0;
	st = pclose(f);
	assert_int_equal(st, 0);
	assert_non_null(strstr(out, "{\"cpu\":1,\"path\":\"eas\","
				    "\"eas\":{\"overutilized\":false,"
				    "\"result\":1,"));
	assert_non_null(strstr(out, "{\"cpu\":3,\"perf_domain\":1,"
				    "\"delta\":1013,"));
	assert_non_null(strstr(out, "{\"cpu\":1,\"perf_domain\":0,"
				    "\"delta\":161,"));
	/* v5.4.y EM precision: kernel-eas.md §7.1 D, 52083 / 14705 */
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place %s/examples/platforms/"
		 "sched-energy-example.json %s/examples/scenarios/"
		 "margin-v54.json -k v5.4 --em-scale-power --json",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = 0;
	assert_int_equal(pclose(f), 0);
	assert_non_null(strstr(out, "\"result\":3,\"reason\":\"prev_margin\""));
	assert_non_null(strstr(out, "{\"cpu\":2,\"perf_domain\":1,"
				    "\"delta\":52083,"));
	assert_non_null(strstr(out, "{\"cpu\":0,\"perf_domain\":0,"
				    "\"delta\":14705,"));
	assert_non_null(strstr(out, "\"margin\":39062"));
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place %s/examples/platforms/"
		 "sched-energy-example.json /nonexistent.json 2>/dev/null",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR);
	st = system(cmd);
	assert_int_equal(WEXITSTATUS(st), 1);
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place --kernel v9 a b "
		 "2>/dev/null",
		 EAS_BINARY_DIR);
	st = system(cmd);
	assert_int_equal(WEXITSTATUS(st), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_kernel_v71),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_exec_defaults),
		cmocka_unit_test(test_slowpath_reproducers),
		cmocka_unit_test(test_blind_slowpath),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
