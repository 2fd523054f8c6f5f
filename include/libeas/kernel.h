/* SPDX-License-Identifier: MIT */
/*
 * The low-level kernel helpers both decision paths are built from:
 * capacities (arch, actual, capacity_of), utilisation (task_util_est,
 * cpu_util, schedutil / effective_cpu_util), fit tests (fits_capacity,
 * util_fits_cpu), compute_energy(), the root domain's overutilized flag
 * and the misfit bookkeeping. Each mirrors the named function of the
 * flavour sys->pf->kernel (kernel-eas.md §2, §3.6).
 *
 * These used to be declared in place.h and balance.h; both still include
 * this header, so existing code keeps compiling. CPU arguments must be
 * < sys->pf->nr_cpus; the functions do not check their arguments (they are
 * the kernel's inner helpers, called in loops): pass valid pointers.
 */
#ifndef LIBEAS_KERNEL_H
#define LIBEAS_KERNEL_H

#include <libeas/common.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- capacity, utilisation, fit, energy -------------------------------- */

/* fits_capacity(cap, max): cap * 1280 < max * 1024. */
static inline bool eas_fits_capacity(uint64_t cap, uint64_t max)
{
	return cap * 1280u < max * 1024u;
}

/* arch_scale_cpu_capacity(cpu). */
EAS_API uint64_t eas_arch_capacity(const struct eas_system *sys, uint32_t cpu);
/* v6.19 cpufreq_pressure(): cap - mult_frac(cap, policy->max, freq_ref)
 * when rq->cpufreq_max_khz (policy->max) is below freq_ref; else 0.
 * Always 0 for v5.4. */
EAS_API uint64_t eas_cpufreq_pressure(const struct eas_system *sys,
				      uint32_t cpu);
/* v6.19 get_actual_cpu_capacity(): arch - max(hw_pressure, cpufreq
 * pressure); v5.4: arch capacity. */
EAS_API uint64_t eas_actual_cpu_capacity(const struct eas_system *sys,
					 uint32_t cpu);
/* scale_rt_capacity(cpu) of the flavour (minimum 1). */
EAS_API uint64_t eas_scale_rt_capacity(const struct eas_system *sys,
				       uint32_t cpu);
/* capacity_of(cpu): rq->capacity_of if stated (non-zero), else
 * scale_rt_capacity(). */
EAS_API uint64_t eas_capacity_of(const struct eas_system *sys, uint32_t cpu);

/* task_util(p) and task_util_est(p) (v5.4: with the "| 1" quirk). */
EAS_API uint64_t eas_task_util(const struct eas_task *p);
EAS_API uint64_t eas_task_util_est(const struct eas_system *sys,
				   const struct eas_task *p);
/* The task's effective uclamp as the flavour sees it (v5.4: uclamp built;
 * v6.19: uclamp_is_used(); else 0 / 1024). */
EAS_API uint64_t eas_task_uclamp_min(const struct eas_system *sys,
				     const struct eas_task *p);
EAS_API uint64_t eas_task_uclamp_max(const struct eas_system *sys,
				     const struct eas_task *p);

/*
 * CFS utilisation of cpu if p moved to dst (dst -1: p removed from its
 * prev CPU only).
 *   v5.4 : p == NULL: cpu_util(cpu); else cpu_util_next(cpu, p, dst);
 *          boost ignored.
 *   v6.19: cpu_util(cpu, p, dst, boost).
 */
EAS_API uint64_t eas_cpu_util(const struct eas_system *sys, uint32_t cpu,
			      const struct eas_task *p, int32_t dst,
			      bool boost);

/* v5.4 schedutil_cpu_util() types. */
enum eas_util_type {
	EAS_FREQUENCY_UTIL = 0,
	EAS_ENERGY_UTIL = 1,
};
/* v5.4 cpufreq_schedutil.c schedutil_cpu_util(cpu, util_cfs, max, type,
 * p) (p may be NULL). */
EAS_API uint64_t eas_schedutil_cpu_util(const struct eas_system *sys,
					uint32_t cpu, uint64_t util_cfs,
					uint64_t max, enum eas_util_type type,
					const struct eas_task *p);
/* v6.19 effective_cpu_util(cpu, util_cfs, &min, &max) (min / max may be
 * NULL). */
EAS_API uint64_t eas_effective_cpu_util(const struct eas_system *sys,
					uint32_t cpu, uint64_t util_cfs,
					uint64_t *min, uint64_t *max);
/* v6.19 sugov_effective_cpu_perf(cpu, actual, min, max). */
EAS_API uint64_t eas_sugov_effective_cpu_perf(uint64_t actual, uint64_t min,
					      uint64_t max);

/*
 * util_fits_cpu(util, uclamp_min, uclamp_max, cpu): v6.19 returns 1 / 0 /
 * -1 (fits except for uclamp_min); v5.4 (no such function) returns
 * fits_capacity(util, capacity_of(cpu)).
 */
EAS_API int eas_util_fits_cpu(const struct eas_system *sys, uint64_t util,
			      uint64_t uclamp_min, uint64_t uclamp_max,
			      uint32_t cpu);
/* v5.4 task_fits_capacity(p, capacity_of(cpu)); v6.19 task_fits_cpu(). */
EAS_API bool eas_task_fits_cpu(const struct eas_system *sys,
			       const struct eas_task *p, uint32_t cpu);
/* cpu_overutilized(cpu) of the flavour (v6.19: false when EAS is off). */
EAS_API bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu);
/* The root domain's flag: sys->rd_overutilized if stated (EAS_RD_OU_SET /
 * EAS_RD_OU_CLEAR), else (EAS_RD_OU_UNKNOWN, 0) the OR of
 * cpu_overutilized() over all online CPUs. */
EAS_API bool eas_is_overutilized(const struct eas_system *sys);

/*
 * compute_energy() of perf domain pd (index into pf->pds) with p on dst
 * (-1: p removed; base energy):
 *   v5.4 : compute_energy(p, dst, pd) over the PD's online CPUs.
 *   v6.19: compute_energy(&eenv, pd, cpus, p, dst) with the energy_env
 *          feec builds (task busy time from p->prev_cpu, pd busy time,
 *          cpu_cap / pd_cap over the PD's online CPUs).
 * Returns 0 for a PD with no online CPU (v6.19 skips those).
 */
EAS_API uint64_t eas_compute_energy(const struct eas_system *sys,
				    const struct eas_task *p, int32_t dst,
				    uint32_t pd);

/* ---------------------------------------------------------------------- */
/* Overutilization (rd->overutilized)                                      */
/* ---------------------------------------------------------------------- */

/* Events at which the kernel may set the flag. */
enum eas_ou_event {
	/* enqueue_task_fair() of a waking / migrated task */
	EAS_OU_ENQUEUE = 0,
	EAS_OU_ENQUEUE_NEW = 1, /* enqueue_task_fair() of a new task (fork) */
	EAS_OU_TICK = 2,	/* task_tick_fair() */
};

/* cpu_overutilized() itself is eas_cpu_overutilized() above. */

/*
 * rd->overutilized after an event on cpu, given its value before. The flag
 * is only ever set here (update_overutilized_status() /
 * check_update_overutilized_status()): set iff it was clear and
 * cpu_overutilized(cpu). EAS_OU_ENQUEUE_NEW: v5.4.0 updates the flag (the
 * ENQUEUE_WAKEUP test reads flags the loop overwrote, kernel-eas.md §0);
 * v6.19 does not (task_new).
 * When EAS is not enabled for the platform the flag is never set.
 */
EAS_API bool eas_overutilized_update(const struct eas_system *sys, uint32_t cpu,
				     enum eas_ou_event ev, bool overutilized);

/*
 * rd->overutilized as update_sd_lb_stats() rewrites it when balancing the
 * root domain (the only place it is cleared): the OR of
 * cpu_overutilized() over every CPU of the root domain.
 */
EAS_API bool eas_overutilized_root_update(const struct eas_system *sys);

/* ---------------------------------------------------------------------- */
/* Misfit                                                                  */
/* ---------------------------------------------------------------------- */

/*
 * v6.19 set_task_max_allowed_capacity(): the largest CPU capacity among
 * the CPUs of cpus_allowed (NULL = all CPUs). v5.4 has no such field; the
 * function still answers the question for any flavour.
 */
EAS_API uint64_t eas_task_max_allowed_capacity(
	const struct eas_platform *pf, const eas_mask_word *cpus_allowed);

/*
 * rq->misfit_task_load after update_misfit_status(p, rq) for p running on
 * cpu (p NULL = the newidle call: 0).
 * v5.4: 0 without an asymmetric-capacity domain, 0 if
 *       task_fits_capacity(p, capacity_of(cpu)), else task_h_load(p)
 *       (0 possible).
 * v6.19: 0 if nr_cpus_allowed == 1, if arch capacity of cpu equals
 *       p->max_allowed_capacity, or if task_fits_cpu(p, cpu); else
 *       max(task_h_load(p), 1). p->max_allowed_capacity 0 = derive.
 */
EAS_API uint64_t eas_update_misfit_status(const struct eas_system *sys,
					  const struct eas_task *p,
					  uint32_t cpu);

/* check_cpu_capacity(rq, sd): capacity_of(cpu) * imbalance_pct <
 * arch_capacity(cpu) * 100 (both flavours). */
EAS_API bool eas_check_cpu_capacity(const struct eas_system *sys, uint32_t cpu,
				    uint32_t imbalance_pct);

/*
 * nohz kick test check_misfit_status(rq, sd) with the rq's
 * misfit_task_load. v5.4: load && (arch_cap < rd->max_cpu_capacity ||
 * check_cpu_capacity(rq, sd)); v6.19: load != 0 (imbalance_pct unused).
 */
EAS_API bool eas_check_misfit_status(const struct eas_system *sys, uint32_t cpu,
				     uint32_t imbalance_pct);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_KERNEL_H */
