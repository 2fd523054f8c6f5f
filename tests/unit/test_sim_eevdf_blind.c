/* SPDX-License-Identifier: MIT */
/*
 * A blind second reading of the v6.19 / v7.1 EEVDF fair class: every
 * expected timeline in tests/data/eevdf-blind/ was derived from the
 * kernel sources (fair.c, core.c, features.h of Linux 6.19 and 7.1.3) by
 * a reviewer who had not read the simulator (derivations: each case's
 * README.md and derivation-*.log; assumptions: the directory's README).
 * Each case runs on its one-CPU platform and the simulator's context
 * switches (cfg.timeline) up to the case's until_ns must be exactly its
 * expected.json (expected-v7.1.json for v7.1 where 7.1.3 differs).
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

#define DIR "tests/data/eevdf-blind/"

static const char *const cases[] = {
	"custom-slice",	 "delay-dequeue", "nice0-vs-nice5", "preempt-short",
	"run-to-parity", "three-tasks",	  "two-hogs-nice0", "v71-diff",
	"wakeup-lag",	 "yield",
};

static char *slurp(const char *c, const char *file, size_t *len)
{
	char path[256];

	snprintf(path, sizeof(path), DIR "%s/%s", c, file);
	return eas_test_slurp(path, len);
}

/* "idle" for the idle task, as the expectations name it */
static const char *who(const char *comm)
{
	return strncmp(comm, "swapper/", 8) ? comm : "idle";
}

/* Runs case c under kernel k; returns the number of switches compared. */
static size_t run_case(const char *c, enum eas_kernel k, const char *exp_file)
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

	pbuf = slurp(c, "platform.json", &plen);
	wbuf = slurp(c, "workload.json", &wlen);
	ebuf = slurp(c, exp_file, &elen);
	assert_non_null(pbuf);
	assert_non_null(wbuf);
	assert_non_null(ebuf);
	exp = json_tokener_parse(ebuf);
	assert_non_null(exp);
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

static void test_blind_v619(void **state)
{
	size_t total = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		total += run_case(cases[i], EAS_KERNEL_V6_19, "expected.json");
	assert_int_equal(total, 78); /* the cases' switch counts */
}

static void test_blind_v71(void **state)
{
	size_t total = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *f = strcmp(cases[i], "v71-diff") ?
					"expected.json" :
					"expected-v7.1.json";
		total += run_case(cases[i], EAS_KERNEL_V7_1, f);
	}
	assert_true(total > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blind_v619),
		cmocka_unit_test(test_blind_v71),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
