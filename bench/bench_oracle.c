/* SPDX-License-Identifier: MIT */
/*
 * Optimal-placement oracle cost (a table, never a test).
 *
 *   bench_oracle [max_tasks]
 *
 * For HiKey960 (2 x 4 CPUs), a generated 12-CPU / 3-domain platform and
 * a generated 4096-CPU / 4-domain one, both flavours, N random tasks (utilisation 20..300, seeded): the
 * mappings a brute force would evaluate, the branch-and-bound nodes and
 * complete mappings it visited, and its wall time; for small N also the
 * brute force's time (eas_oracle_brute_force()).
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libeas/error.h>
#include <libeas/oracle.h>

#include "fixtures.h"

#define MAXT 32

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void row(const char *name, struct eas_platform *pf, uint32_t n,
		uint64_t seed)
{
	struct eas_oracle_task t[MAXT];
	struct eas_oracle_result r, rb;
	uint32_t map[MAXT];
	double t0, t1, tb = -1;
	int err;

	for (uint32_t i = 0; i < n; i++) {
		t[i].util = fix_rand_range(&seed, 20, 300);
		t[i].cpus_allowed = NULL;
	}
	t0 = now_ns();
	err = eas_oracle_solve(pf, t, n, 50000000, map, &r);
	t1 = now_ns();
	if (r.brute_force <= 3000000) {
		double b0 = now_ns();
		eas_oracle_brute_force(pf, t, n, map, &rb);
		tb = now_ns() - b0;
	}
	printf("%-10s %-6s %5u ", name, eas_kernel_name(pf->kernel),
	       (unsigned)n);
	if (r.brute_force == UINT64_MAX)
		printf("%18s", ">= 2^64");
	else
		printf("%18llu", (unsigned long long)r.brute_force);
	printf(" %12llu %10llu %12.3f", (unsigned long long)r.nodes,
	       (unsigned long long)r.leaves, (t1 - t0) / 1e6);
	if (tb >= 0)
		printf(" %12.3f", tb / 1e6);
	else
		printf(" %12s", "-");
	printf("%s%s\n", r.feasible ? "" : "  infeasible",
	       err == EAS_ERANGE ? "  (node limit)" : "");
}

int main(int argc, char **argv)
{
	uint32_t max = argc > 1 ? (uint32_t)atoi(argv[1]) : 14;
	struct fix_gen_params gp = {
		.nr_cpus = 12, .nr_pds = 3, .nr_states = 6, .seed = 7
	};

	if (max > MAXT)
		max = MAXT;
	printf("%-10s %-6s %5s %18s %12s %10s %12s %12s\n", "platform",
	       "kernel", "tasks", "brute_force", "bb_nodes", "bb_leaves",
	       "bb_ms", "brute_ms");
	for (int k = 0; k < 2; k++) {
		struct eas_platform *hk = fix_hikey960((enum eas_kernel)k, 0);
		struct eas_platform *g =
			fix_generated(&gp, (enum eas_kernel)k, 0);
		for (uint32_t n = 2; n <= max; n += 2)
			row("hikey960", hk, n, 1000 + n);
		for (uint32_t n = 2; n <= max; n += 2)
			row("gen12x3", g, n, 2000 + n);
		fix_free(hk);
		fix_free(g);
	}
	/* many CPUs: symmetry keeps the search small */
	for (int k = 0; k < 2; k++) {
		struct fix_gen_params big = {
			.nr_cpus = 4096, .nr_pds = 4, .nr_states = 8, .seed = 9
		};
		struct eas_platform *g =
			fix_generated(&big, (enum eas_kernel)k, 0);
		for (uint32_t n = 2; n <= max && n <= 10; n += 4)
			row("gen4096x4", g, n, 3000 + n);
		fix_free(g);
	}
	return 0;
}
