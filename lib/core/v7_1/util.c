/* SPDX-License-Identifier: MIT */
/*
 * v7.1 utilisation helpers that differ from v6.19 (docs/kernel-eas.md
 * §0.2); everything else of the v7.1 flavour is v6_19/util.c.
 */

/*
 * v7.1 cpu_overutilized(): false without EAS, else
 * !util_fits_cpu(cpu_util_cfs(cpu), 0, rq uclamp max, cpu). 7.1 passes
 * uclamp_min 0 where 6.19 passed the rq's: util_fits_cpu() reads
 * uclamp_min only once the CPU already fits (to turn 1 into -1), so the
 * result is the same as v6.19's.
 */
static bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu)
{
	if (!energy_enabled(sys))
		return false;
	return !eas_util_fits_cpu(sys, eas_cpu_util(sys, cpu, NULL, -1, false),
				  0u, eas__rq_uclamp_max(sys, cpu), cpu);
}
