/* SPDX-License-Identifier: MIT */
/*
 * Blind second readings of the simulator's one-CPU schedules: every
 * expectation below was derived from the kernel sources by a reviewer who
 * had not read the simulator (derivations: each case's README.md;
 * assumptions: the directory's README).
 *  - tests/data/eevdf-blind/: the v6.19 / v7.1 EEVDF fair class (fair.c,
 *    core.c, features.h of Linux 6.19 and 7.1.3).
 *  - tests/data/dl-blind/: the SCHED_DEADLINE class (deadline.c, core.c
 *    of Linux 5.4 and 6.19); v7.1 is held to the 6.19 expectations
 *    (deadline.c's rules read are the same).
 * A timeline case runs on its one-CPU platform and the simulator's context
 * switches (cfg.timeline) up to until_ns must be exactly its expected.json
 * (expected-<flavour>.json where that flavour differs); an admission case
 * ({"refused": ...}) must be refused by eas_sim_create(), as rt-app exits
 * when sched_setattr() fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <json-c/json.h>

#include "libeas/error.h"
#include "libeas/json.h"
#include "libeas/rtapp.h"
#include "libeas/sim.h"
#include "testutil.h"

#define EEVDF "tests/data/eevdf-blind/"
#define DL "tests/data/dl-blind/"

static const char *const eevdf_cases[] = {
	"custom-slice",	 "delay-dequeue", "nice0-vs-nice5", "preempt-short",
	"run-to-parity", "three-tasks",	  "two-hogs-nice0", "v71-diff",
	"wakeup-lag",	 "yield",
};

static const char *const dl_cases[] = {
	"adm-bw-95",
	"adm-deadline-gt-period",
	"adm-fair-server-bw",
	"adm-period-min",
	"adm-runtime-gt-deadline",
	"adm-runtime-min",
	"cbs-throttle",
	"constrained-wakeup",
	"dl-preempt-cfs",
	"dl-vs-fifo",
	"edf-tie",
};

static char *slurp(const char *dir, const char *c, const char *file,
		   size_t *len)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s/%s", dir, c, file);
	return eas_test_slurp(path, len);
}

/* "idle" for the idle task, as the expectations name it */
static const char *who(const char *comm)
{
	return strncmp(comm, "swapper/", 8) ? comm : "idle";
}

/* Runs case c under kernel k; returns the number of switches compared. */
static size_t run_case(const char *dir, const char *c, enum eas_kernel k,
		       const char *exp_file)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	struct json_object *exp, *sw;
	char *pbuf, *wbuf, *ebuf, err[256], line[256];
	size_t plen, wlen, elen, n, i = 0;
	uint64_t until;
	int e;

	pbuf = slurp(dir, c, "platform.json", &plen);
	wbuf = slurp(dir, c, "workload.json", &wlen);
	ebuf = slurp(dir, c, exp_file, &elen);
	assert_non_null(pbuf);
	assert_non_null(wbuf);
	assert_non_null(ebuf);
	exp = json_tokener_parse(ebuf);
	assert_non_null(exp);
	if (json_object_object_get(exp, "refused")) {
		memset(&cfg, 0, sizeof(cfg));
		assert_int_equal(
			eas_json_platform_load(pbuf, plen, k, 0, &jp, &d), 0);
		assert_int_equal(eas_rtapp_load(wbuf, wlen, &w, &d), 0);
		s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
		if (s)
			fail_msg("%s %s: not refused (expected %s)", c,
				 eas_kernel_name(k),
				 json_object_get_string(json_object_object_get(
					 exp, "refused")));
		assert_int_not_equal(e, 0);
		assert_true(strstr(err, "sched_setattr") != NULL);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
		json_object_put(exp);
		free(pbuf);
		free(wbuf);
		free(ebuf);
		return 0;
	}
	until = (uint64_t)json_object_get_int64(
		json_object_object_get(exp, "until_ns"));
	sw = json_object_object_get(exp, "switches");
	assert_non_null(sw);
	n = json_object_array_length(sw);
	assert_true(n > 0 && until > 0);

	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = until + 1;
	cfg.timeline = tmpfile();
	assert_non_null(cfg.timeline);
	assert_int_equal(eas_json_platform_load(pbuf, plen, k, 0, &jp, &d), 0);
	assert_int_equal(eas_rtapp_load(wbuf, wlen, &w, &d), 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s)
		fail_msg("%s: %s", c, err);
	assert_int_equal(eas_sim_run(s, 0), 0);
	rewind(cfg.timeline);
	while (fgets(line, sizeof(line), cfg.timeline)) {
		unsigned long long t;
		unsigned cpu;
		char prev[64], next[64];
		struct json_object *x;

		assert_int_equal(
			sscanf(line, "%llu %u %63s %63s", &t, &cpu, prev, next),
			4);
		assert_int_equal(cpu, 0);
		if (t > until)
			break;
		if (i >= n)
			fail_msg("%s %s: an extra switch at %llu ns: %s -> %s",
				 c, eas_kernel_name(k), t, who(prev),
				 who(next));
		x = json_object_array_get_idx(sw, i);
		if ((uint64_t)json_object_get_int64(
			    json_object_object_get(x, "t_ns")) != t ||
		    strcmp(json_object_get_string(
				   json_object_object_get(x, "prev")),
			   who(prev)) ||
		    strcmp(json_object_get_string(
				   json_object_object_get(x, "next")),
			   who(next)))
			fail_msg("%s %s: switch %zu: expected %s: %s -> %s, "
				 "got %llu: %s -> %s",
				 c, eas_kernel_name(k), i,
				 json_object_get_string(
					 json_object_object_get(x, "t_ns")),
				 json_object_get_string(
					 json_object_object_get(x, "prev")),
				 json_object_get_string(
					 json_object_object_get(x, "next")),
				 t, who(prev), who(next));
		i++;
	}
	if (i != n)
		fail_msg("%s %s: %zu switches, expected %zu", c,
			 eas_kernel_name(k), i, n);
	fclose(cfg.timeline);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	json_object_put(exp);
	free(pbuf);
	free(wbuf);
	free(ebuf);
	return n;
}

/* expected-<flavour>.json where that flavour differs, else expected.json */
static const char *exp_for(const char *dir, const char *c, const char *fl,
			   char *buf, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(buf, len, "expected-%s.json", fl);
	snprintf(path, sizeof(path), "%s%s/%s", dir, c, buf);
	f = fopen(path, "rb");
	if (f) {
		fclose(f);
		return buf;
	}
	return "expected.json";
}

/* every case of dir under kernel k; want = the timeline cases' switches */
static void run_all(const char *dir, const char *const *cases, size_t n,
		    enum eas_kernel k, const char *fl, size_t want)
{
	size_t total = 0;
	char buf[64];

	for (size_t i = 0; i < n; i++)
		total += run_case(dir, cases[i], k,
				  exp_for(dir, cases[i], fl, buf, sizeof(buf)));
	assert_int_equal(total, want);
}

#define EEVDF_ALL                                                              \
	EEVDF, eevdf_cases, sizeof(eevdf_cases) / sizeof(eevdf_cases[0])
#define DL_ALL DL, dl_cases, sizeof(dl_cases) / sizeof(dl_cases[0])

/* EEVDF: 20/20 (v7.1 differs in v71-diff only, expected-v7.1.json) */
static void test_eevdf_blind_v619(void **state)
{
	(void)state;
	run_all(EEVDF_ALL, EAS_KERNEL_V6_19, "v6.19", 78);
}

static void test_eevdf_blind_v71(void **state)
{
	(void)state;
	run_all(EEVDF_ALL, EAS_KERNEL_V7_1, "v7.1", 78);
}

/* SCHED_DEADLINE: 33/33 */
static void test_dl_blind_v619(void **state)
{
	(void)state;
	run_all(DL_ALL, EAS_KERNEL_V6_19, "v6.19", 86);
}

static void test_dl_blind_v54(void **state)
{
	(void)state;
	run_all(DL_ALL, EAS_KERNEL_V5_4, "v5.4", 98);
}

static void test_dl_blind_v71(void **state)
{
	(void)state;
	run_all(DL_ALL, EAS_KERNEL_V7_1, "v7.1", 86);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eevdf_blind_v619),
		cmocka_unit_test(test_eevdf_blind_v71),
		cmocka_unit_test(test_dl_blind_v619),
		cmocka_unit_test(test_dl_blind_v54),
		cmocka_unit_test(test_dl_blind_v71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
