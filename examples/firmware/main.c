/* SPDX-License-Identifier: MIT */
/*
 * RTOS-style use of the freestanding core: the platform comes from a
 * const table generated at build time by `eas gen-c` (platform_hikey960.c,
 * checked in; regenerate with
 *	eas gen-c examples/platforms/hikey960.json \
 *		-o examples/firmware/platform_hikey960.c \
 *		--header examples/firmware/platform_hikey960.h),
 * is built once at boot into a static buffer, and then answers
 * placement and energy questions with no heap, no JSON and no globals
 * written by the library.
 *
 * On a host build the results are printed with printf; on a target,
 * replace report() with the board's console (or drop it).
 */
#include "platform_hikey960.h"

#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/place.h>
#include <libeas/signals.h>

#include <stdio.h>

/* Everything the scheduler model needs lives in static storage. */
static _Alignas(8) unsigned char platform_mem[HIKEY960_PLATFORM_SIZE];
static struct eas_platform platform;
static struct eas_rq rqs[HIKEY960_NR_CPUS];
static struct eas_place_candidate
	cands[EAS_PLACE_MAX_CANDIDATES(HIKEY960_NR_PDS)];

static void report(const char *what, long long v)
{
	printf("%-44s %lld\n", what, v);
}

int main(void)
{
	struct eas_system sys = { 0 };
	struct eas_place_result res = { 0 };
	struct eas_task p;
	struct eas_waker w;
	const struct eas_perf_domain *big;
	int err, cpu;

	/* boot: build the platform for the kernel flavour to mimic */
	err = eas_platform_build(&platform, platform_mem, sizeof(platform_mem),
				 &hikey960_desc, EAS_KERNEL_V6_19, 0, NULL);
	if (err) {
		report("eas_platform_build failed", err);
		return 1;
	}
	report("platform bytes used (of the static buffer)",
	       (long long)eas_platform_size(&hikey960_desc));
	report("capacity of CPU 0 (little)",
	       (long long)platform.cpus[0].capacity);
	report("capacity of CPU 4 (big)", (long long)platform.cpus[4].capacity);

	/* one instant: little CPUs lightly loaded, one big CPU busy */
	for (unsigned c = 0; c < HIKEY960_NR_CPUS; c++)
		eas_rq_init(&rqs[c]);
	rqs[0].util_avg = 250; /* includes the waking task's 150 */
	rqs[0].nr_running = 1;
	rqs[0].h_nr_running = 1;
	rqs[0].idle = false;
	rqs[5].util_avg = 600;
	rqs[5].nr_running = 1;
	rqs[5].h_nr_running = 1;
	rqs[5].idle = false;
	sys.pf = &platform;
	sys.rq = rqs;
	sys.features = eas_features_default(EAS_KERNEL_V6_19);
	sys.rd_overutilized = EAS_RD_OU_UNKNOWN;

	/* a task of utilisation 150 wakes up; it last ran on CPU 0 */
	eas_task_init(&p);
	p.util_avg = 150;
	p.prev_cpu = 0;
	eas_waker_init(&w);
	w.cpu = 0;
	res.feec.candidates = cands;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(HIKEY960_NR_PDS);
	cpu = eas_select_task_rq_fair(&sys, &p, &w, EAS_WF_TTWU, &res);
	if (cpu < 0) {
		report("eas_select_task_rq_fair failed", cpu);
		return 1;
	}
	report("select_task_rq_fair: CPU", cpu);
	report("  energy-aware path taken (1 = yes)", res.path == EAS_PATH_EAS);
	for (uint32_t i = 0; i < res.feec.nr_candidates; i++) {
		printf("  candidate CPU %d (perf domain %u): delta %llu\n",
		       (int)cands[i].cpu, (unsigned)cands[i].perf_domain,
		       (unsigned long long)cands[i].delta);
	}

	/* an energy query: the big cluster running 300 + 200 of util with
	 * the busiest CPU at 300, schedutil headroom 1.25 applied by the
	 * caller as in v6.19's eenv_pd_max_util() */
	big = &platform.pds[platform.cpus[4].pd];
	report("em_cpu_energy(big, 375, 500, 1024)",
	       (long long)eas_em_cpu_energy(big, 300 + (300 >> 2), 500,
					    big->capacity));
	return 0;
}
