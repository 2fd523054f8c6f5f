/* SPDX-License-Identifier: MIT */
/*
 * The checks the kernel's select_task_rq() (kernel/sched/core.c, both
 * flavours) applies to a scheduling class's answer: is_cpu_allowed() and,
 * when the answer is not allowed, select_fallback_rq(task_cpu(p), p).
 * Used by the simulator on a placement policy's answer
 * (<libeas/policy.h>, docs/policy.md).
 */
#include <libeas/error.h>
#include <libeas/policy.h>

/*
 * is_cpu_allowed(): cpumask_test_cpu(cpu, p->cpus_ptr), then cpu_active()
 * for a user task, cpu_online() for a per-CPU kthread. The library has no
 * separate active mask (rq->online stands for both, as in balance.c), no
 * migrate_disable() and no dying CPUs, so every case is "allowed and
 * online".
 */
bool eas_is_cpu_allowed(const struct eas_system *sys, const struct eas_task *p,
			int32_t cpu)
{
	if (!sys || !sys->pf || !sys->rq || !p || cpu < 0 ||
	    (uint32_t)cpu >= sys->pf->nr_cpus)
		return false;
	if (p->cpus_allowed && !eas_mask_test(p->cpus_allowed, (uint32_t)cpu))
		return false;
	return sys->rq[cpu].online;
}

/*
 * cpumask_of_node(cpu_to_node(cpu)) contains `other`: the span of the
 * level just below the lowest domain level of cpu that has SD_NUMA (the
 * NUMA levels are built above the node-local ones); without a NUMA level
 * every CPU is on node 0.
 */
static bool same_node(const struct eas_platform *pf, uint32_t cpu,
		      uint32_t other)
{
	uint32_t l;

	for (l = 0; l < pf->nr_levels; l++) {
		if (!(eas_sd_flags(pf, l, cpu) & EAS_SD_NUMA))
			continue;
		if (l == 0)
			return other == cpu;
		return eas_sd_contains(pf, l - 1, cpu, other);
	}
	return true;
}

int eas_select_fallback_rq(const struct eas_system *sys,
			   const struct eas_task *p)
{
	uint32_t cpu, prev;

	if (!sys || !sys->pf || !sys->rq || !p || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= sys->pf->nr_cpus)
		return EAS_EINVAL;
	prev = (uint32_t)p->prev_cpu;
	/* "Look for allowed, online CPU in same node" (nid != -1: the
	 * library's nodes always have CPUs) */
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
		if (same_node(sys->pf, prev, cpu) &&
		    eas_is_cpu_allowed(sys, p, (int32_t)cpu))
			return (int32_t)cpu;
	/* "Any allowed, online CPU?" over p->cpus_ptr */
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
		if (eas_is_cpu_allowed(sys, p, (int32_t)cpu))
			return (int32_t)cpu;
	/* state cpuset / possible: the affinity is widened
	 * (cpuset_cpus_allowed_fallback(), then task_cpu_fallback_mask() =
	 * the possible CPUs) and the loop retried: the first online CPU */
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
		if (sys->rq[cpu].online)
			return (int32_t)cpu;
	/* the kernel's BUG(): no online CPU at all */
	return EAS_ECPU;
}
