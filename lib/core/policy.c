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

int eas_select_fallback_rq(const struct eas_system *sys,
			   const struct eas_task *p)
{
	uint32_t cpu;

	if (!sys || !sys->pf || !sys->rq || !p || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= sys->pf->nr_cpus)
		return EAS_EINVAL;
	/*
	 * "Look for allowed, online CPU in same node", then "Any allowed,
	 * online CPU?" over p->cpus_ptr: the library builds no SD_NUMA
	 * level, so every CPU is on task_cpu(p)'s node (node 0) and both
	 * passes are this one, in cpumask order.
	 */
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

/*
 * The system's energy with p on cpu, as find_energy_efficient_cpu()
 * builds it from compute_energy() (v5.4 and v6.19 alike): p's perf domain
 * with p on cpu, every other domain without p (its base energy,
 * compute_energy(.., -1)). v6.19's compute_energy() adds the task's busy
 * time to whatever domain it is given a dst for, so the domain of cpu is
 * the only one that gets one.
 */
uint64_t eas_placement_energy(const struct eas_system *sys,
			      const struct eas_task *p, int32_t cpu)
{
	uint64_t e = 0;
	uint32_t pd;
	int32_t own = -1;

	if (!sys || !sys->pf || !sys->rq || !p || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= sys->pf->nr_cpus ||
	    (cpu >= 0 && (uint32_t)cpu >= sys->pf->nr_cpus))
		return 0;
	if (cpu >= 0)
		own = (int32_t)sys->pf->cpus[cpu].pd;
	for (pd = 0; pd < sys->pf->nr_pds; pd++)
		e += eas_compute_energy(sys, p, (int32_t)pd == own ? cpu : -1,
					pd);
	return e;
}
