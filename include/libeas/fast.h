/* SPDX-License-Identifier: MIT */
/*
 * Optional decision accelerator: a snapshot of the per-CPU and per-perf-
 * domain quantities of find_energy_efficient_cpu() that do not depend on
 * the waking task, kept in caller-owned memory beside a struct eas_system.
 *
 * Use (docs/placement.md §7, "fast path"):
 *
 *	size_t n = eas_fast_size(pf);          // exact bytes
 *	struct eas_fast *f;
 *	eas_fast_init(&f, mem, n, pf);         // per-platform constants
 *	eas_fast_refresh(f, &sys);             // O(nr_cpus): snapshot sys->rq
 *	sys.fast = f;                          // decisions now use it
 *	...                                    // change sys.rq[cpu]
 *	eas_fast_update_cpu(f, &sys, cpu);     // O(CPUs of cpu's domain)
 *
 * Invalidation rule: the snapshot describes sys->rq as it was at the last
 * eas_fast_refresh() / eas_fast_update_cpu(). After writing any field of
 * sys->rq[cpu], call eas_fast_update_cpu(f, sys, cpu) (or refresh) before
 * the next decision; after changing sys->features, sys->rq (the pointer),
 * or a perf domain's limits (eas_em_update_performance_limits()), call
 * eas_fast_refresh(). Decisions check the pointer, the features and the
 * perf-domain limits themselves and fall back to the stateless code when
 * they differ; they cannot see writes into sys->rq[] that were not
 * reported, and then decide on the reported values.
 *
 * Results are bit-identical to the stateless call (sys->fast == NULL):
 * when a decision needs something the snapshot does not cover (uclamp,
 * a queued or current wakee, an overutilized system, candidate recording,
 * ...), it runs the stateless code.
 */
#ifndef LIBEAS_FAST_H
#define LIBEAS_FAST_H

#include <libeas/common.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

struct eas_fast;

/* Exact bytes eas_fast_init() needs for pf (0 if pf is NULL). */
EAS_API size_t eas_fast_size(const struct eas_platform *pf);

/*
 * Lay out a snapshot for pf in mem (8-byte aligned, size bytes) and
 * compute the per-perf-domain constants (util -> performance-state
 * tables). *out points into mem. The snapshot is empty (decisions ignore
 * it) until eas_fast_refresh(). EAS_EINVAL: NULL argument, misaligned mem
 * or size < eas_fast_size(pf).
 */
EAS_API int eas_fast_init(struct eas_fast **out, void *mem, size_t size,
			  const struct eas_platform *pf);

/* Snapshot every CPU of sys (sys->pf must be the platform of init).
 * EAS_EINVAL: NULL argument or another platform. */
EAS_API int eas_fast_refresh(struct eas_fast *f, const struct eas_system *sys);

/* Re-snapshot one CPU after its sys->rq[cpu] changed (also its online
 * flag); O(CPUs of cpu's perf domain). EAS_EINVAL as refresh, for cpu out
 * of range, and when the snapshot was never refreshed or is of another
 * sys->rq / features (refresh then). */
EAS_API int eas_fast_update_cpu(struct eas_fast *f,
				const struct eas_system *sys, uint32_t cpu);

/* Number of CPUs the snapshot marks unusual (offline, RT / DL / IRQ
 * activity, pressure, a stated capacity_of, a capacity beyond 2^32):
 * they take the general formulas, the others the short exact ones. */
EAS_API uint32_t eas_fast_nr_unusual(const struct eas_fast *f);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_FAST_H */
