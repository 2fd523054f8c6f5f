/* SPDX-License-Identifier: MIT */
/*
 * Energy-model and platform-build speed (a table, never a test).
 *
 *   bench_em [iterations]
 *
 * Columns: ns per call of the library (binary search + next_efficient) and
 * of the literal kernel scan (tests/oracle/ref_em.c) on the same random
 * tables and utilisations, for several table sizes; then
 * eas_platform_build() time and memory for 8 .. 4096 CPUs. For instruction
 * counts run it under `valgrind --tool=callgrind bench_em 2000`.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libeas/em.h>
#include <libeas/platform.h>

#include "fixtures.h"
#include "ref_em.h"

#define NQ 4096

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static volatile uint64_t sink;

static void make_pd(struct eas_perf_domain *pd, struct eas_perf_state *t,
		    uint32_t n, enum eas_kernel k, uint64_t *rs)
{
	uint64_t f = 200000, cap = 1024;
	uint32_t i;

	memset(pd, 0, sizeof(*pd));
	memset(t, 0, n * sizeof(*t));
	for (i = 0; i < n; i++) {
		t[i].frequency = f;
		f += fix_rand_range(rs, 20000, 100000);
		t[i].power =
			k == EAS_KERNEL_V5_4 ?
				fix_rand_range(rs, 10, 100) * (i + 1) :
				fix_rand_range(rs, 10000, 100000) * (i + 1);
	}
	if (eas_em_table_init(k, 0, t, n, cap, NULL)) {
		fprintf(stderr, "bench_em: table init failed\n");
		exit(1);
	}
	pd->nr_perf_states = n;
	pd->max_perf_state = n - 1;
	pd->capacity = cap;
	pd->table = t;
	pd->flags = EAS_PD_SKIP_INEFFICIENCIES;
}

static void bench_energy(uint32_t iters)
{
	static const uint32_t sizes[] = { 3, 5, 8, 16, 32, 64 };
	uint64_t rs = 42;
	uint64_t mu[NQ], su[NQ];
	size_t s;
	uint32_t q, it;

	for (q = 0; q < NQ; q++) {
		mu[q] = fix_rand_range(&rs, 0, 1280);
		su[q] = fix_rand_range(&rs, 1, 4096);
	}
	printf("%-8s %6s %14s %14s %14s %14s\n", "", "states", "v5.4 lib ns",
	       "v5.4 ref ns", "v6.19 lib ns", "v6.19 ref ns");
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct eas_perf_state t54[64], t619[64];
		struct eas_perf_domain p54, p619;
		double t0, r[4];
		uint64_t acc = 0;

		make_pd(&p54, t54, sizes[s], EAS_KERNEL_V5_4, &rs);
		make_pd(&p619, t619, sizes[s], EAS_KERNEL_V6_19, &rs);
		t0 = now_ns();
		for (it = 0; it < iters; it++)
			for (q = 0; q < NQ; q++)
				acc += eas_em_pd_energy(&p54, mu[q], su[q]);
		r[0] = now_ns() - t0;
		t0 = now_ns();
		for (it = 0; it < iters; it++)
			for (q = 0; q < NQ; q++)
				acc += ref_em_pd_energy_v54(&p54, mu[q], su[q]);
		r[1] = now_ns() - t0;
		t0 = now_ns();
		for (it = 0; it < iters; it++)
			for (q = 0; q < NQ; q++)
				acc += eas_em_cpu_energy(&p619, mu[q], su[q],
							 1024);
		r[2] = now_ns() - t0;
		t0 = now_ns();
		for (it = 0; it < iters; it++)
			for (q = 0; q < NQ; q++)
				acc += ref_em_cpu_energy_v619(&p619, mu[q],
							      su[q], 1024);
		r[3] = now_ns() - t0;
		sink = acc;
		printf("%-8s %6u %14.2f %14.2f %14.2f %14.2f\n", "energy",
		       sizes[s], r[0] / ((double)iters * NQ),
		       r[1] / ((double)iters * NQ), r[2] / ((double)iters * NQ),
		       r[3] / ((double)iters * NQ));
	}
}

static void bench_build(void)
{
	static const uint32_t cpus[] = { 8, 64, 512, 4096 };
	size_t i;

	printf("\n%-8s %6s %5s %7s %12s %12s %12s\n", "build", "cpus", "pds",
	       "states", "bytes", "v5.4 us", "v6.19 us");
	for (i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++) {
		struct fix_gen_params gp = {
			.nr_cpus = cpus[i],
			.nr_pds = cpus[i] < 64 ? 2 : 64,
			.nr_states = 16,
			.seed = 7,
			.flags = FIX_GEN_DMIPS,
		};
		struct fix_gen *g = fix_gen_new(&gp);
		const struct eas_platform_desc *d = fix_gen_desc(g);
		size_t size = eas_platform_size(d);
		void *mem = aligned_alloc(8, (size + 7) & ~(size_t)7);
		double us[2];
		int k, rep, reps = cpus[i] >= 512 ? 20 : 2000;

		for (k = 0; k < 2; k++) {
			struct eas_platform pf;
			double t0 = now_ns();

			for (rep = 0; rep < reps; rep++) {
				if (eas_platform_build(&pf, mem, size, d,
						       (enum eas_kernel)k, 0,
						       NULL)) {
					fprintf(stderr, "bench_em: build\n");
					exit(1);
				}
			}
			us[k] = (now_ns() - t0) / reps / 1000.0;
		}
		printf("%-8s %6u %5u %7u %12zu %12.2f %12.2f\n", "build",
		       gp.nr_cpus, gp.nr_pds, gp.nr_pds * gp.nr_states, size,
		       us[0], us[1]);
		free(mem);
		fix_gen_free(g);
	}
	printf("%-8s %6u %5u %7u %12zu %12s %12s\n", "hikey960", 8u, 2u, 10u,
	       eas_platform_size(fix_desc_hikey960()), "-", "-");
}

int main(int argc, char **argv)
{
	uint32_t iters = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 200u;

	if (!iters)
		iters = 1;
	bench_energy(iters);
	bench_build();
	return 0;
}
