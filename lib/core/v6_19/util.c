/* SPDX-License-Identifier: MIT */
/*
 * v6.19 utilisation helpers (kernel-eas.md §3.1, §3.6): _task_util_est(),
 * cpu_util(cpu, p, dst, boost) and cpu_overutilized(). The helpers every
 * flavour shares (capacities, effective_cpu_util(), util_fits_cpu()) are
 * in common/util.c. Compiled in the v6.19 and v7.1 flavour TUs; v7.1
 * brings its own cpu_overutilized() (v7_1/util.c, EAS__V71_RULES).
 */

/* v6.19 _task_util_est(p): p->se.avg.util_est & ~UTIL_AVG_UNCHANGED
 * (0x80000000) */
static uint64_t eas__task_util_est_raw(const struct eas_system *sys,
				       const struct eas_task *p)
{
	(void)sys;
	return p->util_est & ~(uint64_t)EAS_V619_UTIL_AVG_UNCHANGED;
}

/* v6.19 cpu_util(cpu, p, dst_cpu, boost) (fair.c:7942) */
static uint64_t eas_cpu_util(const struct eas_system *sys, uint32_t cpu,
			     const struct eas_task *p, int32_t dst, bool boost)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t util = rq->util_avg;
	bool to_cpu = dst == (int32_t)cpu;

	if (boost)
		util = eas__max_u64(util, rq->runnable_avg);
	if (p && p->prev_cpu == (int32_t)cpu && !to_cpu)
		util = eas__sub_positive(util, p->util_avg);
	else if (p && p->prev_cpu != (int32_t)cpu && to_cpu)
		util += p->util_avg;
	if (eas__util_est(sys)) {
		uint64_t est = rq->util_est;

		if (to_cpu)
			est += eas__task_util_est_raw(sys, p);
		else if (p && (p->queued || p->is_current))
			est = eas__sub_positive(est,
						eas__task_util_est_raw(sys, p));
		util = eas__max_u64(util, est);
	}
	return eas__min_u64(util, sys->pf->cpus[cpu].capacity);
}

#ifndef EAS__V71_RULES
/* v6.19 cpu_overutilized() (fair.c:6786): false without EAS, else
 * !util_fits_cpu(cpu_util_cfs(cpu), rq uclamp min, rq uclamp max, cpu). */
static bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu)
{
	if (!energy_enabled(sys))
		return false;
	return !eas_util_fits_cpu(sys, eas_cpu_util(sys, cpu, NULL, -1, false),
				  eas__rq_uclamp_min(sys, cpu),
				  eas__rq_uclamp_max(sys, cpu), cpu);
}
#endif
