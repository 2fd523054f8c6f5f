/* SPDX-License-Identifier: MIT */
/*
 * Simulator throughput: simulated events per second and wall time for
 * simulated time on an 8-CPU phone SoC (the embedded HiKey960) running 20
 * rt-app tasks (periodic CFS tasks of several periods plus RT tasks).
 *
 *   bench_sim [SECONDS [KERNEL [on|off]]]
 *     SECONDS   simulated seconds per run (default 3600)
 *     KERNEL    only this flavour (v5.4, v6.19, v7.1; default: all)
 *     on|off    only EAS on or off (default: both)
 *
 * Instructions per event, repeatable on a loaded machine (the figure
 * docs/simulator.md quotes; only eas_sim_run() is counted):
 *   valgrind --tool=callgrind --toggle-collect=eas_sim_run \
 *     bench_sim 60 v6.19 on
 * then divide the "Collected" Ir by the events column.
 *
 * Prints a table; nothing is asserted.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime() */
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* 20 threads: 2 frame-paced (60 Hz), 1 RT audio (5 ms), 1 RT sensor
 * (10 ms), 4 x 10 ms, 4 x 33 ms, 6 x 100 ms background, 2 heavy 50 ms. */
static const char workload[] =
	"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU4\" },\n"
	"  \"tasks\": {\n"
	"   \"ui\": { \"run\": 2500, \"timer\": { \"ref\": \"vsync\", \"period\": 16667 } },\n"
	"   \"render\": { \"run\": 3300, \"timer\": { \"ref\": \"unique\", \"period\": 16667 } },\n"
	"   \"audio\": { \"policy\": \"SCHED_FIFO\", \"priority\": 10, \"run\": 300,\n"
	"              \"timer\": { \"ref\": \"unique\", \"period\": 5000 } },\n"
	"   \"sensor\": { \"policy\": \"SCHED_FIFO\", \"priority\": 20, \"run\": 150,\n"
	"               \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },\n"
	"   \"net\": { \"instance\": 4, \"run\": 400,\n"
	"            \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },\n"
	"   \"svc\": { \"instance\": 4, \"priority\": 5, \"run\": 1200,\n"
	"            \"timer\": { \"ref\": \"unique\", \"period\": 33000 } },\n"
	"   \"bg\": { \"instance\": 6, \"priority\": 10, \"run\": 2000,\n"
	"           \"timer\": { \"ref\": \"unique\", \"period\": 100000 } },\n"
	"   \"heavy\": { \"instance\": 2, \"run\": 20000,\n"
	"              \"timer\": { \"ref\": \"unique\", \"period\": 50000 } }\n"
	"  } }\n";

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	uint64_t secs = argc > 1 ? strtoull(argv[1], NULL, 10) : 3600;
	const char *p = eas_sim_default_platform();
	enum eas_kernel ks[3] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
				  EAS_KERNEL_V7_1 };
	const char *only_k = argc > 2 ? argv[2] : NULL;
	const char *only_e = argc > 3 ? argv[3] : NULL;
	int i;

	if (!secs)
		secs = 1;
	printf("bench_sim: HiKey960 (8 CPUs), 20 rt-app tasks, %llu simulated s\n\n",
	       (unsigned long long)secs);
	printf("%-7s %-8s %12s %10s %14s %12s %10s %12s\n", "kernel", "eas",
	       "events", "wall_s", "events/s", "sim_s/wall_s", "placements",
	       "energy_J");
	for (i = 0; i < 6; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim_config cfg;
		struct eas_sim *s;
		const struct eas_sim_stats *st;
		double t0, t1;
		int err;

		if (only_k && strcmp(only_k, eas_kernel_name(ks[i / 2])))
			continue;
		if (only_e && strcmp(only_e, (i & 1) ? "off" : "on"))
			continue;
		memset(&cfg, 0, sizeof(cfg));
		cfg.duration_ns = secs * 1000000000ull;
		cfg.no_eas = i & 1;
		if (eas_json_platform_load(p, strlen(p), ks[i / 2], 0, &jp,
					   &d) ||
		    eas_rtapp_load(workload, strlen(workload), &w, &d)) {
			fprintf(stderr, "bench_sim: %s: %s\n", d.path, d.msg);
			return 1;
		}
		s = eas_sim_create(&jp, &w, &cfg, &err, NULL, 0);
		if (!s) {
			fprintf(stderr, "bench_sim: %s\n", eas_strerror(err));
			return 1;
		}
		t0 = now_s();
		eas_sim_run(s, 0);
		t1 = now_s();
		st = eas_sim_stats(s);
		printf("%-7s %-8s %12llu %10.2f %14.0f %12.0f %10llu %12.3f\n",
		       eas_kernel_name(ks[i / 2]), cfg.no_eas ? "off" : "on",
		       (unsigned long long)st->events, t1 - t0,
		       (double)st->events / (t1 - t0), (double)secs / (t1 - t0),
		       (unsigned long long)st->placements,
		       (double)st->energy_uj / 1e6);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
	return 0;
}
