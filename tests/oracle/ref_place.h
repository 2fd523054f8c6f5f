/* SPDX-License-Identifier: MIT */
/*
 * Slow, literal transliteration of the kernel's wake-up placement
 * (kernel-eas.md §3, §4) for differential tests and benchmarks: cpumasks
 * as heap bool arrays, for_each_cpu_wrap() over masks that are mutated
 * while scanned, sched-group rings built as build_sched_groups() builds
 * them, compute_energy() recomputed from scratch for every call. Written
 * separately from lib/core/{sched_util,feec,select}.c; shares only the
 * public types, the platform (topology, EM tables) and nothing else.
 * Hosted code (malloc).
 */
#ifndef LIBEAS_TEST_REF_PLACE_H
#define LIBEAS_TEST_REF_PLACE_H

#include <libeas/place.h>

/* select_task_rq_fair(); fills res->cpu, path, eas_entered, overutilized,
 * want_affine, wake_wide, wake_cap, affine_cpu, feec (cpu, candidates
 * with cpu / perf_domain / energy / base_energy / delta, prev_delta,
 * best_delta, base_energy). Mutates p and w as the kernel does. */
int ref_select_task_rq_fair(const struct eas_system *sys, struct eas_task *p,
			    struct eas_waker *w, uint32_t wake_flags,
			    struct eas_place_result *res);

/* find_energy_efficient_cpu() from this_cpu; r must be non-NULL. */
int ref_feec(const struct eas_system *sys, const struct eas_task *p,
	     uint32_t this_cpu, struct eas_feec_result *r);

/* compute_energy() of perf domain pd (index in pf->pds) with p on dst. */
uint64_t ref_compute_energy(const struct eas_system *sys,
			    const struct eas_task *p, int dst, uint32_t pd);

/* capacity_of() / cpu_overutilized() / rd overutilized, literal. */
uint64_t ref_capacity_of(const struct eas_system *sys, int cpu);
int ref_cpu_overutilized(const struct eas_system *sys, int cpu);
int ref_rd_overutilized(const struct eas_system *sys);

#endif /* LIBEAS_TEST_REF_PLACE_H */
