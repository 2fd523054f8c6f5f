/* SPDX-License-Identifier: MIT */
/*
 * eas_sim_create_pf(): a simulation created from a platform built in C
 * (tests/support fixtures, eas_platform_build()) plus its name and idle
 * states in a struct eas_sim_pf_info is the same simulation as
 * eas_sim_create() of the same platform loaded from JSON: byte-identical
 * --json report and summary, in both flavours. Zero / NULL info is the
 * documented default (no name, no idle states), and bad arguments are
 * EAS_EINVAL.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const enum eas_kernel kernels[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

/* The idle states of the embedded default platform (lib/sim/sim_default.c,
 * "idle_states"), written out in C in the same order. */
static const uint32_t little[] = { 0, 1, 2, 3 };
static const uint32_t big[] = { 4, 5, 6, 7 };
#define IDLE(nm, exit_us, entry_us, res_us, p_uw, set)                         \
	{                                                                      \
		.name = nm, .exit_latency_us = exit_us,                        \
		.entry_latency_us = entry_us, .min_residency_us = res_us,      \
		.power_uw = p_uw, .power_known = true, .nr_cpus = 4,           \
		.cpus = set                                                    \
	}
static const struct eas_idle_state hikey960_idle[] = {
	IDLE("WFI", 1, 0, 1, 4415, little),
	IDLE("CPU_SLEEP_0", 650, 400, 1500, 1655, little),
	IDLE("CLUSTER_SLEEP_0", 1600, 500, 3500, 0, little),
	IDLE("WFI", 1, 0, 1, 24009, big),
	IDLE("CPU_SLEEP_1", 550, 400, 1500, 14074, big),
	IDLE("CLUSTER_SLEEP_1", 2900, 800, 3500, 0, big),
};

static const struct eas_sim_pf_info hikey960_info = {
	.name = "hikey960",
	.nr_idle_states = sizeof(hikey960_idle) / sizeof(hikey960_idle[0]),
	.idle_states = hikey960_idle,
};

/* Run s to its end and return its --json report (then the summary when
 * summary is set), malloc'd and NUL-terminated; frees s. */
static char *run_report(struct eas_sim *s, bool summary)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	assert_non_null(s);
	assert_int_equal(eas_sim_run(s, 0), 0);
	m = open_memstream(&buf, &len);
	assert_non_null(m);
	eas_sim_write_json(s, m);
	if (summary)
		eas_sim_write_summary(s, m);
	fclose(m);
	eas_sim_free(s);
	return buf;
}

static void load_workload(struct eas_rtapp_workload *w)
{
	struct eas_json_diag d;
	const char *wl = eas_sim_default_workload();

	memset(&d, 0, sizeof(d));
	memset(w, 0, sizeof(*w));
	if (eas_rtapp_load(wl, strlen(wl), w, &d))
		fail_msg("workload: %s %s", d.path, d.msg);
}

static void load_platform(enum eas_kernel k, struct eas_json_platform *jp)
{
	struct eas_json_diag d;
	const char *pl = eas_sim_default_platform();

	memset(&d, 0, sizeof(d));
	if (eas_json_platform_load(pl, strlen(pl), k, 0, jp, &d))
		fail_msg("platform: %s %s", d.path, d.msg);
}

/* C-built HiKey960 + its idle states == the embedded JSON HiKey960. */
static void test_c_platform_same_report(void **state)
{
	struct eas_sim_config cfg;
	size_t i;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 500000000ull;
	for (i = 0; i < 2; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_platform *pf = fix_hikey960(kernels[i], 0);
		char *a, *b, err[256];
		int e;

		load_platform(kernels[i], &jp);
		load_workload(&w);
		a = run_report(
			eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err)),
			true);
		b = run_report(eas_sim_create_pf(pf, &hikey960_info, &w, &cfg,
						 &e, err, sizeof(err)),
			       true);
		/* the report covers a non-trivial run with idle energy */
		assert_non_null(strstr(a, "\"platform\": \"hikey960\""));
		assert_non_null(strstr(a, "\"idle_power_known\": true"));
		assert_string_equal(a, b);
		free(a);
		free(b);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
		fix_free(pf);
	}
}

/* The v6.19 report of 100 ms of the default workload on the C-built
 * HiKey960 with info. */
static char *report_c(const struct eas_sim_pf_info *info)
{
	struct eas_sim_config cfg;
	struct eas_rtapp_workload w;
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	char *r, err[256];
	int e;

	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 100000000ull;
	load_workload(&w);
	r = run_report(
		eas_sim_create_pf(pf, info, &w, &cfg, &e, err, sizeof(err)),
		false);
	eas_rtapp_free(&w);
	fix_free(pf);
	return r;
}

/* The top-level "idle_energy_uj" of a JSON report. */
static unsigned long long idle_energy_of(const char *r)
{
	const char *p = strstr(r, "\n  \"idle_energy_uj\": ");

	assert_non_null(p);
	return strtoull(p + strlen("\n  \"idle_energy_uj\": "), NULL, 10);
}

/* The idle states reach the run: with only the little CPUs' WFI and
 * CPU_SLEEP_0 (no 0 uW cluster state to choose), the idle energy differs
 * from the full table's, and the big CPUs without a state make the idle
 * power unknown. (Since the TEO model, the full table's idle energy is
 * not 0: shallower states than the 0 uW deepest ones are chosen for short
 * idle periods.) */
static void test_idle_states_used(void **state)
{
	const struct eas_sim_pf_info two = { .name = "hikey960",
					     .nr_idle_states = 2,
					     .idle_states = hikey960_idle };
	char *a = report_c(&hikey960_info), *b = report_c(&two);

	(void)state;
	assert_true(idle_energy_of(a) != idle_energy_of(b));
	assert_non_null(strstr(a, "\"idle_power_known\": true"));
	assert_null(strstr(b, "\n  \"idle_energy_uj\": 0,\n"));
	assert_non_null(strstr(b, "\"idle_power_known\": false"));
	free(a);
	free(b);
}

/* NULL and all-zero info are the default: no name, no idle states (idle
 * energy 0, "idle power unknown"); so the info does reach the report. */
static void test_default_info(void **state)
{
	static const struct eas_sim_pf_info zero;
	char *a = report_c(NULL), *b = report_c(&zero);

	(void)state;
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "\"platform\": \"\""));
	assert_non_null(strstr(a, "\n  \"idle_energy_uj\": 0,\n"));
	assert_non_null(strstr(a, "\"idle_power_known\": false"));
	free(a);
	free(b);
}

static void test_bad_arguments(void **state)
{
	struct eas_sim_pf_info info = { .nr_idle_states = 1 };
	struct eas_rtapp_workload w;
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	char err[256];
	int e = 0;

	(void)state;
	load_workload(&w);
	assert_null(
		eas_sim_create_pf(NULL, NULL, &w, NULL, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_EINVAL);
	e = 0;
	assert_null(
		eas_sim_create_pf(pf, NULL, NULL, NULL, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_EINVAL);
	e = 0;
	assert_null(
		eas_sim_create_pf(pf, &info, &w, NULL, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_EINVAL);
	assert_non_null(strstr(err, "idle_states"));
	e = 0;
	assert_null(eas_sim_create(NULL, &w, NULL, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_EINVAL);
	eas_rtapp_free(&w);
	fix_free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c_platform_same_report),
		cmocka_unit_test(test_idle_states_used),
		cmocka_unit_test(test_default_info),
		cmocka_unit_test(test_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
