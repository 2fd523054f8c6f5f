/* SPDX-License-Identifier: MIT */
/* One-CPU schedules for the CFS / EEVDF timeline tests (simswitch.h). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "simswitch.h"

#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

const char eas_test_plat1[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

char *eas_test_switches_on(const char *plat, enum eas_kernel k, const char *wl,
			   uint64_t ms)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	char err[256], line[512], *out;
	size_t n = 0, cap = 4096;
	FILE *tr = tmpfile();
	int e;

	assert_non_null(tr);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = ms * 1000000ull;
	cfg.trace = tr;
	e = eas_json_platform_load(plat, strlen(plat), k, 0, &jp, &d);
	assert_int_equal(e, 0);
	e = eas_rtapp_load(wl, strlen(wl), &w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s)
		fail_msg("create: %s", err);
	assert_int_equal(eas_sim_run(s, 0), 0);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	rewind(tr);
	out = malloc(cap);
	assert_non_null(out);
	out[0] = 0;
	while (fgets(line, sizeof(line), tr)) {
		char *p = strstr(line, "sched_switch:"), *q;
		char pc[64], nc[64], item[160];
		unsigned long sec, us;

		if (!p)
			continue;
		/* "... 0.004000: sched_switch: ...": the stamp before */
		q = p - 1;
		while (q > line && q[-1] == ' ')
			q--;
		while (q > line && q[-1] != ' ')
			q--;
		assert_int_equal(sscanf(q, "%lu.%lu:", &sec, &us), 2);
		assert_int_equal(
			sscanf(strstr(p, "prev_comm="), "prev_comm=%63s", pc),
			1);
		assert_int_equal(
			sscanf(strstr(p, "next_comm="), "next_comm=%63s", nc),
			1);
		snprintf(item, sizeof(item), "%lu %s>%s\n", sec * 1000000 + us,
			 pc, nc);
		if (n + strlen(item) + 1 > cap) {
			cap *= 2;
			out = realloc(out, cap);
			assert_non_null(out);
		}
		memcpy(out + n, item, strlen(item) + 1);
		n += strlen(item);
	}
	fclose(tr);
	return out;
}

char *eas_test_switches(enum eas_kernel k, const char *wl, uint64_t ms)
{
	return eas_test_switches_on(eas_test_plat1, k, wl, ms);
}

void eas_test_expect_switches_on(const char *plat, enum eas_kernel k,
				 const char *wl, uint64_t ms, const char *want)
{
	char *got = eas_test_switches_on(plat, k, wl, ms);

	if (strcmp(got, want))
		fprintf(stderr, "want:\n%sgot:\n%s", want, got);
	assert_string_equal(got, want);
	free(got);
}

void eas_test_expect_switches(enum eas_kernel k, const char *wl, uint64_t ms,
			      const char *want)
{
	eas_test_expect_switches_on(eas_test_plat1, k, wl, ms, want);
}

uint64_t eas_test_rnd(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ull;
}

/* an odd number of us in [lo, hi) (odd: fewer events on the same ns) */
uint32_t eas_test_rnd_us(uint64_t *x, uint32_t lo, uint32_t hi)
{
	return (lo + (uint32_t)(eas_test_rnd(x) % (hi - lo))) | 1u;
}
