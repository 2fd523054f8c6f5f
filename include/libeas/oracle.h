/* SPDX-License-Identifier: MIT */
/*
 * Optimal-placement oracle (hosted layer, libeas-sim): for a steady
 * periodic workload, the task -> CPU mapping with the minimum estimated
 * energy rate under a flavour's energy model, found by exact branch and
 * bound. It tells how far a placement (EAS's, or any other) is from the
 * best the energy model allows.
 *
 * Model (docs/rtapp.md, "The oracle"): every task i has a steady
 * utilisation u_i on the invariant 0..1024 scale and a set of allowed
 * CPUs. A mapping gives each CPU c the utilisation
 *	U_c = min(sum of u_i mapped to c, capacity(c))
 * (cpu_util() clamps to arch_scale_cpu_capacity()). Nothing else runs
 * (no RT/DL/IRQ, no uclamp, no thermal pressure). Each perf domain's
 * energy is what the flavour's compute_energy() estimates for it:
 *
 *   v5.4 : em_pd_energy(pd, max_c U_c, sum_c U_c) — the OPP for
 *          1.25 * max U at scale_cpu, cost * sum / scale_cpu
 *          (fair.c:compute_energy() + energy_model.h:em_pd_energy()).
 *   v6.19: em_cpu_energy(pd, min(max_c min(U_c + U_c/4, cap), cap),
 *          min(sum_c U_c, nr_cpus * cap), cap) — sugov_effective_cpu_perf()
 *          headroom, eenv_pd_max_util() / eenv_pd_busy_time() clamps.
 *
 * The total is the sum over perf domains, in the flavour's energy units
 * (only comparisons between mappings are meaningful). A mapping is
 * feasible when every CPU fits its load: fits_capacity(U, cap), i.e.
 * U * 1280 < cap * 1024 (fair.c). When no feasible mapping exists the
 * oracle returns the minimum over all mappings and says so.
 */
#ifndef LIBEAS_ORACLE_H
#define LIBEAS_ORACLE_H

#include <libeas/platform.h>
#include <libeas/rtapp.h>

#ifdef __cplusplus
extern "C" {
#endif

struct eas_oracle_task {
	uint64_t util; /* steady utilisation, 0..1024 */
	/* allowed CPUs (pf->mask_words words); NULL = every CPU */
	const eas_mask_word *cpus_allowed;
};

struct eas_oracle_result {
	uint64_t energy;      /* minimum estimated energy rate */
	bool feasible;	      /* every CPU fits its load (fits_capacity) */
	uint64_t nodes;	      /* branch-and-bound nodes visited */
	uint64_t brute_force; /* mappings a brute force would evaluate:
				 prod over tasks of |allowed CPUs|,
				 UINT64_MAX if that overflows */
	uint64_t leaves;      /* complete mappings evaluated */
};

/*
 * Estimated energy of one given mapping (map[i] = CPU of task i).
 * *feasible (may be NULL) receives whether every CPU fits its load.
 * Returns 0 or EAS_EINVAL (bad CPU id, task not allowed on its CPU,
 * NULL arguments) or EAS_ENOSTATES (a used perf domain has no EM).
 */
EAS_API int eas_oracle_energy(const struct eas_platform *pf,
			      const struct eas_oracle_task *tasks,
			      uint32_t nr_tasks, const uint32_t *map,
			      uint64_t *energy, bool *feasible);

/*
 * Find the minimum-energy mapping. map[nr_tasks] receives it. Among
 * mappings of equal energy the result is deterministic but unspecified
 * (the greedy start, placing tasks by decreasing utilisation where the
 * energy grows least, unless the search finds a strictly better one,
 * exploring CPUs in ascending order). node_limit bounds the search (0 =
 * no limit); when it is hit the function returns EAS_ERANGE with the
 * best mapping found so far in map and res (res->energy, feasible).
 * Returns 0, EAS_EINVAL (NULL arguments, a task with no allowed CPU,
 * utilisation above 1024), EAS_ENOSTATES (a perf domain some task may use
 * has no energy model), EAS_ENOMEM, or EAS_ERANGE.
 */
EAS_API int eas_oracle_solve(const struct eas_platform *pf,
			     const struct eas_oracle_task *tasks,
			     uint32_t nr_tasks, uint64_t node_limit,
			     uint32_t *map, struct eas_oracle_result *res);

/*
 * Reference: evaluates every mapping (for tests; exponential). Same
 * contract as eas_oracle_solve(); res->nodes counts the mappings.
 */
EAS_API int eas_oracle_brute_force(const struct eas_platform *pf,
				   const struct eas_oracle_task *tasks,
				   uint32_t nr_tasks, uint32_t *map,
				   struct eas_oracle_result *res);

/* ---- from an rt-app workload ----------------------------------------- */

/* One oracle task per thread instance, with its origin. */
struct eas_oracle_workload {
	uint32_t nr_tasks;
	struct eas_oracle_task *tasks;
	uint32_t *task_index; /* index into the workload's tasks */
	uint32_t *instance;   /* instance number, 0-based */
	eas_mask_word *masks; /* nr_tasks * pf->mask_words words */
};

/*
 * Steady utilisation of each thread instance of a periodic rt-app
 * workload on platform pf:
 *	util = floor(sum of "run" us * C / timer period)
 * with C the calibration CPU's capacity ("calibration": "CPUn"), or the
 * biggest CPU capacity when calibration is a pLoad number (LISA calibrates
 * on the fastest CPU). Every phase must be one timer event plus run
 * events (no sleep, no runtime: their utilisation depends on where the
 * task runs) and all phases of a thread must give the same utilisation;
 * policy must be CFS (SCHED_OTHER/BATCH/IDLE); affinity (thread "cpus")
 * must not change between phases. uclamp values are ignored.
 * Returns 0, or EAS_EUNSUPPORTED / EAS_EINVAL with msg (may be NULL)
 * saying which thread and why. Free with eas_oracle_workload_free().
 */
EAS_API int eas_oracle_from_rtapp(const struct eas_rtapp_workload *w,
				  const struct eas_platform *pf,
				  struct eas_oracle_workload *out, char *msg,
				  size_t msg_size);
EAS_API void eas_oracle_workload_free(struct eas_oracle_workload *ow);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_ORACLE_H */
