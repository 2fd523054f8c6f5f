/* SPDX-License-Identifier: MIT */
/*
 * Capacity, utilisation, fits and overutilized helpers every flavour
 * shares (kernel-eas.md §3.1, §3.2, §3.4, §3.6), compiled into each
 * flavour TU; the few lines where v5.4 lacks a v6.19 feature (pressure,
 * uclamp in util_fits_cpu()) test eas__is_v54(), a constant there. The
 * flavours' own cpu_util(), _task_util_est() and cpu_overutilized() are
 * in v5_4/util.c, v6_19/util.c and v7_1/util.c. schedutil_cpu_util()
 * (v5.4) and effective_cpu_util() (v6.19) are public building blocks any
 * flavour answers. Every function names the kernel function it mirrors;
 * "unsigned long" is uint64_t, "long" int64_t.
 */
#include "sched_util.h"

#include <libeas/em.h>

static uint64_t eas_arch_capacity(const struct eas_system *sys, uint32_t cpu)
{
	return sys->pf->cpus[cpu].capacity;
}

/* v6.19 cpufreq_update_pressure() as read by cpufreq_get_pressure() */
static uint64_t eas_cpufreq_pressure(const struct eas_system *sys, uint32_t cpu)
{
	uint64_t cap, ref, pmax;

	if (eas__is_v54(sys))
		return 0;
	cap = sys->pf->cpus[cpu].capacity;
	ref = sys->pf->cpus[cpu].capacity_freq_ref_khz;
	pmax = sys->rq[cpu].cpufreq_max_khz;
	if (!pmax || !ref || pmax >= ref)
		return 0;
	return cap - eas__mult_frac(cap, pmax, ref);
}

/* v6.19 get_actual_cpu_capacity() */
static uint64_t eas_actual_cpu_capacity(const struct eas_system *sys,
					uint32_t cpu)
{
	uint64_t cap = sys->pf->cpus[cpu].capacity;

	if (eas__is_v54(sys))
		return cap;
	return cap - eas__max_u64(sys->rq[cpu].hw_pressure,
				  eas_cpufreq_pressure(sys, cpu));
}

/*
 * v5.4 scale_rt_capacity(sd, cpu) (max = arch capacity) and v6.19
 * scale_rt_capacity(cpu) (max = get_actual_cpu_capacity()), with
 * update_cpu_capacity()'s "if (!capacity) capacity = 1".
 */
static uint64_t eas_scale_rt_capacity(const struct eas_system *sys,
				      uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t max, irq, used, free_cap, cap;

	/* quiet CPU (no RT / DL / IRQ / pressure): exactly the arch
	 * capacity (free = max, no irq scaling); skips the general path */
	if (!(rq->rt_util_avg | rq->dl_util_avg | rq->irq_util_avg |
	      rq->hw_pressure | rq->cpufreq_max_khz) &&
	    sys->pf->cpus[cpu].capacity)
		return sys->pf->cpus[cpu].capacity;
	max = eas_actual_cpu_capacity(sys, cpu);
	irq = eas__irq_util(sys, cpu);

	if (irq >= max)
		return 1;
	used = rq->rt_util_avg + rq->dl_util_avg;
	if (used >= max)
		return 1;
	free_cap = max - used;
	/* scale_irq_capacity(free, irq, max); with irq 0 and no overflow
	 * possible in free * max, the division is an exact identity */
	if (irq || max > UINT32_MAX)
		cap = free_cap * (max - irq) / max;
	else
		cap = free_cap;
	return cap ? cap : 1;
}

static uint64_t eas_capacity_of(const struct eas_system *sys, uint32_t cpu)
{
	return eas__capacity_of(sys, cpu);
}

/* task_util_est(p) = max(task_util(p), _task_util_est(p)), both flavours
 * (not gated by sched_feat(UTIL_EST)). */
static uint64_t eas_task_util_est(const struct eas_system *sys,
				  const struct eas_task *p)
{
	return eas__max_u64(p->util_avg, eas__task_util_est_raw(sys, p));
}

static uint64_t eas_task_uclamp_min(const struct eas_system *sys,
				    const struct eas_task *p)
{
	return eas__uclamp_on(sys) ? p->uclamp_min : 0u;
}

static uint64_t eas_task_uclamp_max(const struct eas_system *sys,
				    const struct eas_task *p)
{
	return eas__uclamp_on(sys) ? p->uclamp_max : EAS__SCALE;
}

/* v5.4 uclamp_util_with(rq, util, p) (sched.h) */
static uint64_t v54_uclamp_util_with(const struct eas_system *sys, uint32_t cpu,
				     uint64_t util, const struct eas_task *p)
{
	uint64_t lo, hi;

	if (!eas__uclamp_on(sys))
		return util;
	lo = sys->rq[cpu].uclamp_min;
	hi = sys->rq[cpu].uclamp_max;
	if (p) {
		lo = eas__max_u64(lo, p->uclamp_min);
		hi = eas__max_u64(hi, p->uclamp_max);
	}
	if (lo >= hi)
		return lo;
	return util < lo ? lo : (util > hi ? hi : util);
}

/* v5.4 cpufreq_schedutil.c:schedutil_cpu_util() */
static uint64_t eas_schedutil_cpu_util(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t max, enum eas_util_type type,
				       const struct eas_task *p)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t irq, util, dl_util;

	if (!(eas__features(sys) & EAS_FEAT_UCLAMP_BUILT) &&
	    type == EAS_FREQUENCY_UTIL && rq->rt_nr_running)
		return max;
	irq = eas__irq_util(sys, cpu);
	if (irq >= max)
		return max;
	util = util_cfs + rq->rt_util_avg;
	if (type == EAS_FREQUENCY_UTIL)
		util = v54_uclamp_util_with(sys, cpu, util, p);
	dl_util = rq->dl_util_avg;
	if (util + dl_util >= max)
		return max;
	if (type == EAS_ENERGY_UTIL)
		util += dl_util;
	if (irq || max > UINT32_MAX) { /* exact identity when irq is 0 */
		util = util * (max - irq) / max;
		util += irq;
	}
	if (type == EAS_FREQUENCY_UTIL)
		util += eas__cpu_bw_dl(sys, cpu);
	return eas__min_u64(max, util);
}

/* v6.19 cpufreq_schedutil.c / fair.c:effective_cpu_util() */
static uint64_t eas_effective_cpu_util(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t *min, uint64_t *max)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t scale = sys->pf->cpus[cpu].capacity;
	uint64_t irq = eas__irq_util(sys, cpu);
	uint64_t util;

	if (irq >= scale) {
		if (min)
			*min = scale;
		if (max)
			*max = scale;
		return scale;
	}
	if (min) {
		*min = eas__max_u64(irq + eas__cpu_bw_dl(sys, cpu),
				    eas__rq_uclamp_min(sys, cpu));
		if (!eas__uclamp_on(sys) && rq->rt_nr_running)
			*min = eas__max_u64(*min, scale);
	}
	util = util_cfs + rq->rt_util_avg + rq->dl_util_avg;
	if (max)
		*max = eas__min_u64(scale, eas__rq_uclamp_max(sys, cpu));
	if (util >= scale)
		return scale;
	if (irq ||
	    scale > UINT32_MAX) { /* (util * scale) / scale == util: skip when irq is 0 */
		util = util * (scale - irq) / scale;
		util += irq;
	}
	return eas__min_u64(scale, util);
}

/* v6.19 fair.c:util_fits_cpu() (4929); v5.4 plain fits_capacity(). */
static int eas_util_fits_cpu(const struct eas_system *sys, uint64_t util,
			     uint64_t uclamp_min, uint64_t uclamp_max,
			     uint32_t cpu)
{
	return eas__util_fits_cap(sys, util, uclamp_min, uclamp_max, cpu,
				  eas_capacity_of(sys, cpu));
}

static int eas__util_fits_cap(const struct eas_system *sys, uint64_t util,
			      uint64_t uclamp_min, uint64_t uclamp_max,
			      uint32_t cpu, uint64_t capacity)
{
	uint64_t orig;
	bool fits, umax_fits;

	fits = eas_fits_capacity(util, capacity);
	if (eas__is_v54(sys) || !eas__uclamp_on(sys))
		return fits;
	orig = sys->pf->cpus[cpu].capacity;
	umax_fits = orig == EAS__SCALE && uclamp_max == EAS__SCALE;
	umax_fits = !umax_fits && uclamp_max <= orig;
	fits = fits || umax_fits;
	uclamp_min = eas__min_u64(uclamp_min, uclamp_max);
	if (fits && util < uclamp_min &&
	    uclamp_min > eas_actual_cpu_capacity(sys, cpu))
		return -1;
	return fits;
}

/* v5.4 task_fits_capacity(p, capacity_of(cpu)); v6.19 task_fits_cpu() */
static bool eas_task_fits_cpu(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t cpu)
{
	return eas_util_fits_cpu(sys, eas_task_util_est(sys, p),
				 eas_task_uclamp_min(sys, p),
				 eas_task_uclamp_max(sys, p), cpu) > 0;
}

/* sched_energy_enabled(): EAS possible for the platform and the sysctl */
static bool energy_enabled(const struct eas_system *sys)
{
	return sys->pf->eas_possible &&
	       (eas__features(sys) & EAS_FEAT_ENERGY_AWARE);
}

/* rd->overutilized as update_sd_lb_stats() at the root level sets it:
 * the OR of cpu_overutilized() over the (online) CPUs. */
static bool eas_is_overutilized(const struct eas_system *sys)
{
	const struct eas_rq *rqs = sys->rq;
	const struct eas_cpu *cpus = sys->pf->cpus;
	uint32_t cpu, nr = sys->pf->nr_cpus;
	bool est_on;

	if (sys->rd_overutilized != EAS_RD_OU_UNKNOWN)
		return sys->rd_overutilized == EAS_RD_OU_SET;
	if (!eas__is_v54(sys) && !energy_enabled(sys))
		return false;
	if (!eas__is_v54(sys) && eas__uclamp_on(sys)) {
		for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
			if (sys->rq[cpu].online &&
			    eas_cpu_overutilized(sys, cpu))
				return true;
		return false;
	}
	/* both flavours without uclamp: !fits_capacity(cpu_util(cpu),
	 * capacity_of(cpu)), v5.4 cpu_util() == v6.19 cpu_util_cfs() */
	est_on = eas__util_est(sys);
	for (cpu = 0; cpu < nr; cpu++) {
		const struct eas_rq *rq = &rqs[cpu];
		uint64_t u = rq->util_avg, scale, cap;

		if (!rq->online)
			continue;
		if (est_on && rq->util_est > u)
			u = rq->util_est;
		scale = cpus[cpu].capacity;
		u = eas__min_u64(u, scale);
		/* eas__capacity_of() with its quiet fast path inlined */
		if (!(rq->rt_util_avg | rq->dl_util_avg | rq->irq_util_avg |
		      rq->hw_pressure | rq->cpufreq_max_khz |
		      rq->capacity_of) &&
		    scale)
			cap = scale;
		else
			cap = eas__capacity_of(sys, cpu);
		if (!eas_fits_capacity(u, cap))
			return true;
	}
	return false;
}

/*
 * sd_asym_cpucapacity of cpu, climbed with sd->parent until its span
 * contains prev (v5.4 fair.c:6334 / v6.19 find_energy_efficient_cpu()).
 */
static int32_t eas__asym_sd_covering(const struct eas_system *sys, uint32_t cpu,
				     uint32_t prev)
{
	const struct eas_platform *pf = sys->pf;
	int32_t l = pf->cpus[cpu].sd_asym;

	while (l >= 0 && !eas_sd_contains(pf, (uint32_t)l, cpu, prev))
		l = eas_sd_parent(pf, cpu, l);
	return l;
}
