/* SPDX-License-Identifier: MIT */
/*
 * A program outside the libeas tree, built against an installed libeas
 * (find_package(libeas) or pkg-config libeas): it describes a small
 * big.LITTLE platform in C, builds it in a caller-owned buffer, queries
 * the energy model and makes the README's placement decision. Numbers:
 * kernel-eas.md §7.1 (sched-energy.rst example 2, kernel-exact replay).
 *
 * Built with -DEAS_CONSUMER_CORE_ONLY while the installed core does not
 * define the platform / energy-model / placement functions yet: then only
 * the version and error API are exercised.
 */
#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/place.h>
#include <libeas/platform.h>
#include <libeas/signals.h>
#include <libeas/version.h>

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "consumer: %s:%d: check failed: %s\n", \
				__FILE__, __LINE__, #cond);                    \
			failures++;                                            \
		}                                                              \
	} while (0)

#ifndef EAS_CONSUMER_CORE_ONLY
static const struct eas_cpu_desc cpus[4] = {
	{ .capacity = 512 },
	{ .capacity = 512 },
	{ .capacity = 1024 },
	{ .capacity = 1024 },
};
static const uint32_t little_cpus[2] = { 0, 1 };
static const uint32_t big_cpus[2] = { 2, 3 };
static const struct eas_state_desc little_states[3] = {
	{ .frequency_khz = 170, .power_mw = 50 },
	{ .frequency_khz = 341, .power_mw = 150 },
	{ .frequency_khz = 512, .power_mw = 300 },
};
static const struct eas_state_desc big_states[3] = {
	{ .frequency_khz = 512, .power_mw = 400 },
	{ .frequency_khz = 768, .power_mw = 800 },
	{ .frequency_khz = 1024, .power_mw = 1700 },
};
static const struct eas_pd_desc pds[2] = {
	{ .nr_cpus = 2,
	  .cpus = little_cpus,
	  .nr_states = 3,
	  .states = little_states },
	{ .nr_cpus = 2,
	  .cpus = big_cpus,
	  .nr_states = 3,
	  .states = big_states },
};
static const struct eas_platform_desc desc = {
	.nr_cpus = 4,
	.cpus = cpus,
	.nr_pds = 2,
	.pds = pds,
};

/* Caller-owned memory, sized at compile time. */
static uint64_t mem[EAS_PLATFORM_SIZE(4, 2, 6, 3) / sizeof(uint64_t) + 1];

/*
 * The README's placement example: §7.1 scenario A, v6.19. The task stays
 * on CPU 0 through find_energy_efficient_cpu(), prev_delta 1,610,100.
 */
static void check_placement(const struct eas_platform *pf)
{
	static const uint64_t util[4] = { 400, 100, 600, 500 };
	struct eas_rq rq[4];
	struct eas_task p;
	struct eas_waker w;
	struct eas_place_result res;
	struct eas_system sys;
	int cpu;

	memset(&res, 0, sizeof(res));
	memset(&sys, 0, sizeof(sys));
	for (int i = 0; i < 4; i++) {
		eas_rq_init(&rq[i]);
		rq[i].util_avg = util[i];
		rq[i].nr_running = rq[i].h_nr_running = 1;
		rq[i].idle = false;
	}
	sys.pf = pf;
	sys.rq = rq;
	sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	sys.features = eas_features_default(EAS_KERNEL_V6_19);
	eas_task_init(&p);
	p.util_avg = 200;
	p.prev_cpu = 0;
	eas_waker_init(&w);
	w.cpu = 1;
	cpu = eas_select_task_rq_fair(&sys, &p, &w, EAS_WF_TTWU, &res);
	CHECK(cpu == 0);
	CHECK(res.path == EAS_PATH_EAS);
	CHECK(res.feec.prev_delta == 1610100u);
	CHECK(res.feec.best_delta == 1610100u);
}

static void check_platform(void)
{
	struct eas_platform pf;
	struct eas_build_error where;
	size_t need = eas_platform_size(&desc);
	int err;

	CHECK(need > 0 && need <= sizeof(mem));

	/* v6.19: cost = 10 * P(uW) / perf; energy = cost * sum_util. */
	err = eas_platform_build(&pf, mem, sizeof(mem), &desc, EAS_KERNEL_V6_19,
				 0, &where);
	CHECK(err == 0);
	if (err) {
		fprintf(stderr, "consumer: build: %s\n", eas_strerror(err));
		return;
	}
	CHECK(pf.nr_cpus == 4 && pf.nr_pds == 2);
	CHECK(pf.pds[1].nr_perf_states == 3);
	CHECK(pf.pds[1].table[0].cost == 7812);
	CHECK(pf.pds[1].table[2].cost == 16601);
	CHECK(eas_em_cpu_energy(&pf.pds[1], 875, 1300, 1024) == 21581300u);
	CHECK(eas_em_cpu_energy(&pf.pds[0], 375, 300, 512) == 1757700u);
	CHECK(pf.eas_possible);
	check_placement(&pf);

	/* v5.4: cost = fmax * P(mW) / f; 1.25 headroom inside the EM. */
	err = eas_platform_build(&pf, mem, sizeof(mem), &desc, EAS_KERNEL_V5_4,
				 0, &where);
	CHECK(err == 0);
	if (err)
		return;
	CHECK(eas_em_pd_energy(&pf.pds[1], 600, 1100) == 1145u);
	CHECK(eas_em_pd_energy(&pf.pds[0], 200, 300) == 131u);
}
#endif

int main(void)
{
	enum eas_kernel k;

	CHECK(strcmp(eas_version_string(), EAS_VERSION_STRING) == 0);
	CHECK(eas_version() == EAS_VERSION_NUMBER);
	CHECK(strcmp(eas_err_name(EAS_EFREQ), "EFREQ") == 0);
	CHECK(eas_kernel_parse("v5.4", &k) == 0 && k == EAS_KERNEL_V5_4);
#ifndef EAS_CONSUMER_CORE_ONLY
	check_platform();
	printf("consumer: libeas %s: platform built, energy model and "
	       "placement checked\n",
	       eas_version_string());
#else
	printf("consumer: libeas %s: version and error API checked\n",
	       eas_version_string());
#endif
	return failures ? 1 : 0;
}
