/* SPDX-License-Identifier: MIT */
/*
 * schedutil's frequency choice (kernel/sched/cpufreq_schedutil.c) per
 * flavour, without its state: sugov_get_util(), the
 * sugov_next_freq_shared() aggregation, get_next_freq()'s map_util_freq()
 * and cpufreq_driver_resolve_freq() as a perf-state index. The caller
 * keeps the governor's state (rate limit, cached_raw_freq, next_freq,
 * need_freq_update): docs/rtos.md. cpufreq_schedutil.c's functions used
 * here are the same in 6.19 and 7.1.3.
 */
#include <libeas/em.h>
#include <libeas/kernel.h>

static uint32_t features_of(const struct eas_system *sys)
{
	return sys->features ? sys->features :
			       eas_features_default(sys->pf->kernel);
}

uint64_t eas_sugov_get_util(const struct eas_system *sys, uint32_t cpu,
			    uint64_t boost)
{
	uint64_t util;

	if (sys->pf->kernel == EAS_KERNEL_V5_4) {
		/* v5.4 sugov_get_util(): util = cpu_util_cfs(rq) (sched.h:
		 * max(util_avg, util_est.enqueued) under UTIL_EST), max =
		 * arch_scale_cpu_capacity(cpu), schedutil_cpu_util(cpu, util,
		 * max, FREQUENCY_UTIL, NULL) */
		uint64_t cfs = sys->rq[cpu].util_avg;
		uint64_t max = eas_arch_capacity(sys, cpu);

		if ((features_of(sys) & EAS_FEAT_UTIL_EST) &&
		    sys->rq[cpu].util_est > cfs)
			cfs = sys->rq[cpu].util_est;
		util = eas_schedutil_cpu_util(sys, cpu, cfs, max,
					      EAS_FREQUENCY_UTIL, NULL);
		/* sugov_iowait_apply(): max(boost, util) */
		return util > boost ? util : boost;
	} else {
		/* v6.19 sugov_get_util(sg_cpu, boost): util =
		 * cpu_util_cfs_boost(cpu); effective_cpu_util(cpu, util,
		 * &min, &max); util = max(util, boost);
		 * sugov_effective_cpu_perf(cpu, util, min, max) */
		uint64_t mn, mx;

		util = eas_cpu_util(sys, cpu, NULL, -1, true);
		util = eas_effective_cpu_util(sys, cpu, util, &mn, &mx);
		if (boost > util)
			util = boost;
		return eas_sugov_effective_cpu_perf(util, mn, mx);
	}
}

/* sugov_next_freq_shared()'s starting point: util = 0; v5.4 max = 1, v6.19
 * max = arch_scale_cpu_capacity(sg_cpu->cpu) (every CPU of a policy has
 * the same; 1024 for an empty domain) */
void eas_sugov_pd_util_init(const struct eas_platform *pf, uint32_t pdi,
			    uint64_t *util, uint64_t *max)
{
	const struct eas_perf_domain *pd = &pf->pds[pdi];

	*util = 0;
	if (pf->kernel == EAS_KERNEL_V5_4)
		*max = 1;
	else
		*max = pd->nr_cpus ? pf->cpus[pd->cpus[0]].capacity : 1024u;
}

/* sugov_next_freq_shared()'s loop body for CPU cpu with j_util =
 * sugov_get_util() (no iowait boost): v5.4 keeps j when j_util * max >
 * j_max * util (j_max = arch_scale_cpu_capacity(j)); v6.19 util =
 * max(j_util, util) */
void eas_sugov_pd_util_add(const struct eas_platform *pf, uint32_t cpu,
			   uint64_t j_util, uint64_t *util, uint64_t *max)
{
	if (pf->kernel == EAS_KERNEL_V5_4) {
		uint64_t jm = pf->cpus[cpu].capacity;

		if (j_util * *max > jm * *util) {
			*util = j_util;
			*max = jm;
		}
	} else if (j_util > *util) {
		*util = j_util;
	}
}

/* sugov_next_freq_shared() without iowait boost */
uint64_t eas_sugov_pd_util(const struct eas_system *sys, uint32_t pdi,
			   uint64_t *max)
{
	const struct eas_perf_domain *pd = &sys->pf->pds[pdi];
	uint64_t util, m;
	uint32_t i;

	eas_sugov_pd_util_init(sys->pf, pdi, &util, &m);
	for (i = 0; i < pd->nr_cpus; i++)
		eas_sugov_pd_util_add(sys->pf, pd->cpus[i],
				      eas_sugov_get_util(sys, pd->cpus[i], 0),
				      &util, &m);
	if (max)
		*max = m;
	return util;
}

/* include/linux/sched/cpufreq.h:map_util_freq() */
uint64_t eas_map_util_freq(enum eas_kernel k, uint64_t util, uint64_t freq,
			   uint64_t cap)
{
	if (!cap)
		cap = 1;
	if (k == EAS_KERNEL_V5_4)
		return (freq + (freq >> 2)) * util / cap;
	return freq * util / cap;
}

/* get_next_freq(): freq = cpuinfo.max_freq (v5.4, frequency invariant) /
 * get_capacity_ref_freq() (v6.19); map_util_freq(util, freq, max) */
uint64_t eas_sugov_next_freq(enum eas_kernel k, uint64_t util, uint64_t max,
			     uint64_t ref_khz)
{
	return eas_map_util_freq(k, util, ref_khz, max);
}

/* cpufreq_driver_resolve_freq(): the frequency table lookup of v5.4
 * CPUFREQ_RELATION_L / v6.19 CPUFREQ_RELATION_LE on the ascending table
 * clamped to policy->max; v6.19 skips the OPPs the energy model marks
 * inefficient when the domain has EM_PERF_DOMAIN_SKIP_INEFFICIENCIES
 * (EAS_PD_SKIP_INEFFICIENCIES). The simulator's rule, moved here. */
uint32_t eas_sugov_resolve_freq(enum eas_kernel k,
				const struct eas_perf_domain *pd,
				uint64_t target_khz, uint64_t policy_max_khz)
{
	uint32_t i, maxi = 0;

	for (i = 0; i < pd->nr_perf_states; i++)
		if (pd->table[i].frequency <= policy_max_khz)
			maxi = i;
	for (i = 0; i <= maxi && i < pd->nr_perf_states; i++) {
		if (pd->table[i].frequency < target_khz)
			continue;
		if (k != EAS_KERNEL_V5_4 &&
		    (pd->flags & EAS_PD_SKIP_INEFFICIENCIES) &&
		    (pd->table[i].flags & EAS_PERF_STATE_INEFFICIENT))
			continue;
		return i;
	}
	return maxi;
}
