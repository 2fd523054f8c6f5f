/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: bytes -> eas_rtapp_load() -> eas_sim_create() on a small
 * 3-CPU platform (two perf domains, capacities 512, 512, 1024) -> a short
 * bounded simulation (20 ms of simulated time), both kernel flavours.
 * Properties: eas_sim_create() either succeeds or fails with a negative
 * code and a message (CPU ids the platform lacks, too many thread
 * instances); after the run the run queues are consistent
 * (eas__sim_check()), each CPU's busy + idle time is the run's duration,
 * the tasks' CPU time fits in nr_cpus x duration, and the JSON report is
 * written. Runs with more than 64 thread instances are created (the
 * allocation and the checks) but not simulated, to keep executions fast.
 */
#include "fuzz_common.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include "sim_internal.h" /* eas__sim_check() */

#include <stdio.h>
#include <string.h>

static const char plat[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"fuzz3\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity_dmips_mhz\":512},"
	"              {\"cpu\":1,\"capacity_dmips_mhz\":512},"
	"              {\"cpu\":2,\"capacity_dmips_mhz\":1024} ],"
	"  \"perf_domains\": ["
	"   { \"cpus\": [0,1], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_mw\": 50},"
	"      {\"frequency_khz\": 1000000, \"power_mw\": 150} ] },"
	"   { \"cpus\": [2], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_mw\": 400},"
	"      {\"frequency_khz\": 1000000, \"power_mw\": 900},"
	"      {\"frequency_khz\": 2000000, \"power_mw\": 2300} ] } ],"
	"  \"idle_states\": [ {\"name\":\"WFI\",\"exit_latency_us\":1,"
	"      \"power_uw\":1000} ] }";

#define FUZZ_SIM_NS 20000000ull /* 20 ms */
#define FUZZ_SIM_MAX_INSTANCES 64u

static void simulate(const struct eas_rtapp_workload *w, enum eas_kernel k,
		     bool run)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	const struct eas_sim_stats *st;
	char err[256];
	uint64_t busy = 0;
	int e;

	FUZZ_CHECK(eas_json_platform_load(plat, strlen(plat), k, 0, &jp, &d) ==
		   0);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = FUZZ_SIM_NS;
	err[0] = 0;
	s = eas_sim_create(&jp, w, &cfg, &e, err, sizeof(err));
	if (!s) {
		FUZZ_CHECK(e < 0);
		FUZZ_CHECK(err[0] != '\0');
		eas_json_platform_free(&jp);
		return;
	}
	FUZZ_CHECK(e == 0);
	if (run) {
		FILE *f = fopen("/dev/null", "w");

		int r = eas_sim_run(s, 0);

		/* EAS_ERANGE: a fork past rt-app's limit stopped the run */
		FUZZ_CHECK(r == 0 || r == EAS_ERANGE);
		FUZZ_CHECK(eas__sim_check(s) == 0);
		st = eas_sim_stats(s);
		FUZZ_CHECK(st->duration_ns <= FUZZ_SIM_NS);
		for (uint32_t i = 0; i < st->nr_cpus; i++)
			FUZZ_CHECK(st->cpus[i].busy_ns + st->cpus[i].idle_ns ==
				   st->duration_ns);
		for (uint32_t i = 0; i < st->nr_tasks; i++) {
			busy += st->tasks[i].runtime_ns;
			FUZZ_CHECK(st->tasks[i].migrations <= st->migrations);
			FUZZ_CHECK(st->tasks[i].main_cpu <
				   (int32_t)st->nr_cpus);
		}
		FUZZ_CHECK(busy <= (uint64_t)st->nr_cpus * st->duration_ns);
		if (f) {
			eas_sim_write_json(s, f);
			fclose(f);
		}
	}
	eas_sim_free(s);
	eas_json_platform_free(&jp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	uint64_t inst = 0;

	if (eas_rtapp_load((const char *)data, size, &w, &d))
		return 0;
	for (uint32_t i = 0; i < w.nr_tasks; i++) {
		const struct eas_rtapp_task *t = &w.tasks[i];

		inst += t->fork_only ? 0 : t->instance ? t->instance : 1;
		/* a fork event may add up to 1024 threads (rt-app's limit) */
		for (uint32_t j = 0; j < t->nr_phases; j++)
			for (uint32_t k = 0; k < t->phases[j].nr_events; k++)
				if (t->phases[j].events[k].type ==
				    EAS_RTAPP_FORK)
					inst += 1024;
	}
	simulate(&w, EAS_KERNEL_V6_19, inst <= FUZZ_SIM_MAX_INSTANCES);
	simulate(&w, EAS_KERNEL_V5_4, inst <= FUZZ_SIM_MAX_INSTANCES);
	eas_rtapp_free(&w);
	return 0;
}
