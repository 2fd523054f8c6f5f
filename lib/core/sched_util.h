/* SPDX-License-Identifier: MIT */
/*
 * Library-internal scheduler helpers shared by the core modules (placement,
 * load balance). The per-flavour utilisation / capacity / fits /
 * overutilized functions are public (include/libeas/place.h: eas_capacity_of,
 * eas_cpu_util, eas_util_fits_cpu, eas_task_fits_cpu, eas_cpu_overutilized,
 * eas_is_overutilized, ...); this header adds the small predicates and
 * accessors that are not worth a public name. Kernel counterparts are
 * named on each.
 */
#ifndef EAS_CORE_SCHED_UTIL_H
#define EAS_CORE_SCHED_UTIL_H

#include <libeas/place.h>

#include "internal.h"

#ifndef EAS_FLAVOUR
#error "sched_util.h is part of a flavour TU: include flavour.h"
#endif

#define EAS__SCALE 1024u       /* SCHED_CAPACITY_SCALE */
#define EAS__BW_SHIFT 20u      /* BW_SHIFT */
#define EAS__NICE_0_LOAD 1024u /* scale_load_down(NICE_0_LOAD) */

/* The features in effect: sys->features, or the flavour's defaults
 * (eas_features_default()) when it is 0 (zero means default). The
 * EAS_FEAT_EXPLICIT marker bit is never tested by a decision. */
static inline uint32_t eas__features(const struct eas_system *sys)
{
	return sys->features ? sys->features :
			       eas_features_default(EAS_FLAVOUR);
}

/* Is this the v5.4 flavour? A constant of the flavour TU (flavour.h). */
static inline bool eas__is_v54(const struct eas_system *sys)
{
	(void)sys;
	return EAS__V54;
}

/* sched_feat(UTIL_EST) */
static inline bool eas__util_est(const struct eas_system *sys)
{
	return (eas__features(sys) & EAS_FEAT_UTIL_EST) != 0;
}

/*
 * Is uclamp in effect? v5.4: CONFIG_UCLAMP_TASK (EAS_FEAT_UCLAMP_BUILT);
 * v6.19: uclamp_is_used() (EAS_FEAT_UCLAMP_USED, which implies built).
 */
static inline bool eas__uclamp_on(const struct eas_system *sys)
{
	if (eas__is_v54(sys))
		return (eas__features(sys) & EAS_FEAT_UCLAMP_BUILT) != 0;
	return (eas__features(sys) & EAS_FEAT_UCLAMP_USED) != 0;
}

/* uclamp_rq_get(rq, UCLAMP_MIN / MAX): the quiet values unless uclamp is
 * on (the rq clamps are never updated while it is off). */
static inline uint64_t eas__rq_uclamp_min(const struct eas_system *sys,
					  uint32_t cpu)
{
	return eas__uclamp_on(sys) ? sys->rq[cpu].uclamp_min : 0u;
}

static inline uint64_t eas__rq_uclamp_max(const struct eas_system *sys,
					  uint32_t cpu)
{
	return eas__uclamp_on(sys) ? sys->rq[cpu].uclamp_max : EAS__SCALE;
}

/* v6.19 uclamp_rq_is_idle() */
static inline bool eas__uclamp_rq_is_idle(const struct eas_system *sys,
					  uint32_t cpu)
{
	return sys->rq[cpu].uclamp_idle;
}

/* irq util as seen by the flavour: 0 without CONFIG_HAVE_SCHED_AVG_IRQ. */
static inline uint64_t eas__irq_util(const struct eas_system *sys, uint32_t cpu)
{
	return (eas__features(sys) & EAS_FEAT_AVG_IRQ) ?
		       sys->rq[cpu].irq_util_avg :
		       0u;
}

/* cpu_bw_dl(rq) = (dl.running_bw * SCHED_CAPACITY_SCALE) >> BW_SHIFT */
static inline uint64_t eas__cpu_bw_dl(const struct eas_system *sys,
				      uint32_t cpu)
{
	return (sys->rq[cpu].dl_running_bw * EAS__SCALE) >> EAS__BW_SHIFT;
}

/* available_idle_cpu(cpu) (idle and no pending wake-up; vcpu preemption
 * is not modelled). */
static inline bool eas__idle_cpu(const struct eas_system *sys, uint32_t cpu)
{
	return sys->rq[cpu].idle;
}

/* sched_idle_cpu(cpu): only SCHED_IDLE tasks are queued. */
static inline bool eas__sched_idle_cpu(const struct eas_system *sys,
				       uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];

	return rq->nr_running && rq->nr_running == rq->idle_h_nr_running;
}

/*
 * choose_idle_cpu()'s SCHED_IDLE test of the flavour: v5.4 / v6.19
 * sched_idle_cpu(cpu) (v5_4/wakeup.c, v6_19/wakeup.c), v7.1
 * choose_sched_idle_rq(rq, p) (v7_1/wakeup.c).
 */
static bool eas__choose_sched_idle(const struct eas_system *sys, uint32_t cpu,
				   const struct eas_task *p);

static inline bool eas__cpu_online(const struct eas_system *sys, uint32_t cpu)
{
	return sys->rq[cpu].online;
}

/* cpumask_test_cpu(cpu, p->cpus_ptr); NULL mask = every CPU. */
static inline bool eas__cpu_allowed(const struct eas_task *p, uint32_t cpu)
{
	return !p->cpus_allowed || eas_mask_test(p->cpus_allowed, cpu);
}

/* HZ of the injectable jiffies clock. */
static inline uint64_t eas__hz(const struct eas_system *sys)
{
	return sys->hz ? sys->hz : 250u;
}

/* capacity_of(cpu) with the quiet-CPU fast path inlined (same value as
 * eas_capacity_of()). */
static inline uint64_t eas__capacity_of(const struct eas_system *sys,
					uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];

	if (rq->capacity_of)
		return rq->capacity_of;
	if (!(rq->rt_util_avg | rq->dl_util_avg | rq->irq_util_avg |
	      rq->hw_pressure | rq->cpufreq_max_khz) &&
	    sys->pf->cpus[cpu].capacity)
		return sys->pf->cpus[cpu].capacity;
	return eas_scale_rt_capacity(sys, cpu);
}

/* find_energy_efficient_cpu() without argument checks; r must be non-NULL
 * (r->candidates may be NULL). ou: rd->overutilized if already known
 * (0 / 1), -1 = compute, EAS__OU_SELECT = compute, and for v6.19 return -1
 * with reason EAS_FEEC_OVERUTILIZED and r reset when it is set (the
 * caller, select_task_rq_fair(), then does not count feec as entered);
 * r->overutilized holds the value either way. The computed value may come
 * from feec's own scan (same OR over the online CPUs). Returns feec's
 * value. EAS__OU_SELECT is defined in ops.h (the ou argument of the
 * feec / fast_feec entries). */

#endif /* EAS_CORE_SCHED_UTIL_H */
