/* SPDX-License-Identifier: MIT */
/*
 * A test kit for placement heuristics: a whole struct eas_system (platform
 * of clusters, one eas_rq per CPU) built in C from a short table, without
 * JSON, in the caller's memory (freestanding core: nothing is allocated).
 *
 *	static const struct eas_state_desc little[] = {
 *		{ .frequency_khz = 500000, .power_mw = 50 },
 *		{ .frequency_khz = 1000000, .power_mw = 150 } };
 *	static const struct eas_state_desc big[] = {
 *		{ .frequency_khz = 1000000, .power_mw = 400 },
 *		{ .frequency_khz = 2000000, .power_mw = 1200 } };
 *	static const struct eas_kit_cluster clusters[] = {
 *		{ .nr_cpus = 2, .capacity = 512, .nr_states = 2,
 *		  .states = little },                     // CPUs 0-1
 *		{ .nr_cpus = 2, .capacity = 1024, .nr_states = 2,
 *		  .states = big } };                      // CPUs 2-3
 *	static uint64_t mem[EAS_KIT_SIZE(4, 2, 4) / 8];
 *	struct eas_kit kit;
 *
 *	eas_kit_build(&kit, mem, sizeof(mem), clusters, 2, EAS_KERNEL_V6_19,
 *		      NULL);
 *	eas_kit_load(&kit, 0, 400, 1);   // CPU 0 runs util 400
 *	eas_kit_task(&kit, &p, &w, 0, 200); // p last on CPU 0, util 200
 *	cpu = eas_select_task_rq_fair(&kit.sys, &p, &w, EAS_WF_TTWU, &res);
 *
 * The values are those a scenario file (docs/formats.md §3) with the same
 * numbers gives: the same platform as a platform file with one perf
 * domain per cluster and the default topology (MC per cluster, PKG), the
 * same rq and task defaults.
 */
#ifndef LIBEAS_KIT_H
#define LIBEAS_KIT_H

#include <libeas/common.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One cluster: a perf domain of nr_cpus CPUs, numbered after the CPUs of
 * the clusters before it. Zero means default where a field says so. */
struct eas_kit_cluster {
	uint32_t nr_cpus;  /* >= 1 */
	uint32_t capacity; /* every CPU's capacity 1..1024; 0 = 1024 */
	uint32_t nr_states;
	/* ascending frequency, each with power_mw or power_uw (struct
	 * eas_state_desc of platform.h); borrowed only during the build */
	const struct eas_state_desc *states;
};

/*
 * The built system. sys is ready for eas_select_task_rq_fair() and
 * eas_load_balance(): sys.pf = &pf, sys.rq = rq, every other field zero
 * (the flavour's default features, rd overutilized computed from the
 * signals, HZ 250). sys points into the kit: build it where it stays (do
 * not copy a built kit).
 */
struct eas_kit {
	struct eas_platform pf;
	struct eas_system sys;
	struct eas_rq *rq; /* [pf.nr_cpus] in the caller's memory, each
			      eas_rq_init() (idle) */
};

/* Bytes of caller memory enough for eas_kit_build() with these counts
 * (nr_states: over all clusters); usable in a static array declaration. */
#define EAS_KIT_SIZE(nr_cpus, nr_clusters, nr_states)                          \
	(EAS_PLATFORM_SIZE(nr_cpus, nr_clusters, nr_states, 3) +               \
	 (size_t)(nr_cpus) *                                                   \
		 (sizeof(struct eas_rq) + sizeof(struct eas_cpu_desc) + 4u) +  \
	 (size_t)(nr_clusters) * sizeof(struct eas_pd_desc) + 32u)

/*
 * Build the platform of nr_clusters clusters for kernel k into mem[0..size)
 * (8-byte aligned, e.g. a uint64_t array of EAS_KIT_SIZE() bytes) and the
 * idle rqs. Returns 0; EAS_EINVAL for a NULL pointer, a misaligned mem, no
 * cluster or a cluster without CPUs; EAS_ENOSPC when size is too small;
 * else what eas_platform_build() reports for the resulting description
 * (*where, may be NULL, says where; its pd is the cluster index). On
 * failure *kit is zeroed. The kit keeps pointing into mem.
 */
EAS_API int eas_kit_build(struct eas_kit *kit, void *mem, size_t size,
			  const struct eas_kit_cluster *clusters,
			  uint32_t nr_clusters, enum eas_kernel k,
			  struct eas_build_error *where);

/*
 * CPU cpu runs nr_running tasks with cfs util_avg (a scenario's cpus[]
 * entry with only these two): runnable_avg = util_avg, h_nr_running =
 * nr_running, idle = (nr_running == 0); the other signals keep their
 * values. Returns 0, or EAS_EINVAL for a NULL or unbuilt kit, a cpu out
 * of range or util_avg above 1048576.
 */
EAS_API int eas_kit_load(struct eas_kit *kit, uint32_t cpu, uint64_t util_avg,
			 uint32_t nr_running);

/*
 * The waking task and its waker as a scenario's "task": { "prev_cpu",
 * "util_avg" } with no "waker" gives them: eas_task_init(p) with prev_cpu,
 * util_avg and runnable_avg = util_avg; eas_waker_init(w) with w->cpu =
 * prev_cpu (w may be NULL). Returns 0, or EAS_EINVAL for a NULL kit or p,
 * a prev_cpu out of range or util_avg above 1048576.
 */
EAS_API int eas_kit_task(const struct eas_kit *kit, struct eas_task *p,
			 struct eas_waker *w, int32_t prev_cpu,
			 uint64_t util_avg);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_KIT_H */
