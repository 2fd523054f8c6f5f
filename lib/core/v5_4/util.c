/* SPDX-License-Identifier: MIT */
/*
 * v5.4 utilisation helpers (kernel-eas.md §3.1, §3.6): _task_util_est(),
 * cpu_util(), cpu_util_next() and cpu_overutilized(). The helpers every
 * flavour shares (capacities, schedutil_cpu_util(), fits) are in
 * common/util.c. Part of the v5.4 flavour TU (flavour_v5_4.c).
 */

/* v5.4 _task_util_est(p): max(ue.ewma, ue.enqueued) | UTIL_AVG_UNCHANGED
 * (0x1) */
static uint64_t eas__task_util_est_raw(const struct eas_system *sys,
				       const struct eas_task *p)
{
	(void)sys;
	return eas__max_u64(p->util_est_ewma, p->util_est_enqueued) |
	       EAS_V54_UTIL_AVG_UNCHANGED;
}

/* v5.4 cpu_util(cpu) (fair.c:6075) */
static uint64_t v54_cpu_util(const struct eas_system *sys, uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t util = rq->util_avg;

	if (eas__util_est(sys))
		util = eas__max_u64(util, rq->util_est);
	return eas__min_u64(util, sys->pf->cpus[cpu].capacity);
}

/* v5.4 cpu_util_next(cpu, p, dst_cpu) (fair.c:6209) */
static uint64_t v54_cpu_util_next(const struct eas_system *sys, uint32_t cpu,
				  const struct eas_task *p, int32_t dst)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t util = rq->util_avg;
	bool on_cpu = p->prev_cpu == (int32_t)cpu;
	bool to_cpu = dst == (int32_t)cpu;

	if (on_cpu && !to_cpu)
		util = eas__sub_positive(util, p->util_avg);
	else if (!on_cpu && to_cpu)
		util += p->util_avg;
	if (eas__util_est(sys)) {
		uint64_t est = rq->util_est;

		if (to_cpu)
			est += eas__task_util_est_raw(sys, p);
		util = eas__max_u64(util, est);
	}
	return eas__min_u64(util, sys->pf->cpus[cpu].capacity);
}

/* cpu_util(cpu) (p NULL) or cpu_util_next(cpu, p, dst); v5.4 has no
 * boost */
static uint64_t eas_cpu_util(const struct eas_system *sys, uint32_t cpu,
			     const struct eas_task *p, int32_t dst, bool boost)
{
	(void)boost;
	return p ? v54_cpu_util_next(sys, cpu, p, dst) : v54_cpu_util(sys, cpu);
}

/* v5.4 cpu_overutilized() (fair.c:5166): !fits_capacity(cpu_util(cpu),
 * capacity_of(cpu)), with or without EAS. */
static bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu)
{
	return !eas_fits_capacity(v54_cpu_util(sys, cpu),
				  eas_capacity_of(sys, cpu));
}
