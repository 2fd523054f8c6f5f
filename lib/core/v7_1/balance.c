/* SPDX-License-Identifier: MIT */
/*
 * v7.1 load-balance rule that differs from v6.19 (docs/kernel-eas.md
 * §0.2); everything else of the v7.1 load balance is v6_19/balance.c.
 */

/*
 * v7.1 group_is_overloaded(): false when sched_energy_enabled() and none
 * of the group's CPUs is overutilized (!sgs->group_overutilized), in load
 * balance (update_sg_lb_stats()) and in the slow path
 * (update_sg_wakeup_stats(), which never sets group_overutilized).
 * Returns true when that test makes the group not overloaded.
 */
static bool group_overloaded_gated(const struct eas_system *sys,
				   bool group_overutilized)
{
	return energy_enabled(sys) && !group_overutilized;
}
