/* SPDX-License-Identifier: MIT */
/*
 * v7.1 wake-up rule that differs from v6.19 (docs/kernel-eas.md §0.2);
 * everything else of the v7.1 wake-up paths is v6_19/wakeup.c.
 */

/* v7.1 choose_sched_idle_rq(rq, p): sched_idle_rq(rq) &&
 * !task_has_idle_policy(p), the SCHED_IDLE half of choose_idle_cpu() */
static bool eas__choose_sched_idle(const struct eas_system *sys, uint32_t cpu,
				   const struct eas_task *p)
{
	return eas__sched_idle_cpu(sys, cpu) && p->policy != EAS_POLICY_IDLE;
}
