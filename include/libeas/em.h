/* SPDX-License-Identifier: MIT */
/*
 * Energy model: perf domains, perf states and the per-domain energy estimate
 * of both kernel flavours (kernel-eas.md §1-2).
 *
 *   v5.4 : include/linux/energy_model.h em_pd_energy(), power in mW,
 *          cost = fmax * P / f (kernel/power/energy_model.c em_create_pd()).
 *   v6.19: include/linux/energy_model.h em_cpu_energy(), power in uW,
 *          performance = max_cap * f / fmax, cost = 10 * P / performance,
 *          inefficient states (kernel/power/energy_model.c em_compute_costs()).
 *
 * All functions here are pure: they read the tables and touch nothing else.
 */
#ifndef LIBEAS_EM_H
#define LIBEAS_EM_H

#include <libeas/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EAS_SCHED_CAPACITY_SCALE 1024u
#define EAS_V54_EM_MAX_POWER_MW 0xFFFFu	   /* v5.4 EM_CPU_MAX_POWER */
#define EAS_V619_EM_MAX_POWER_UW 64000000u /* v6.19 EM_MAX_POWER */
#define EAS_V619_EM_MAX_NUM_CPUS 4096u	   /* v6.19 EM_MAX_NUM_CPUS (64-bit) */
#define EAS_V54_EM_MAX_COMPLEXITY 2048u	   /* v5.4 topology.c */

/* em_perf_state.flags (v6.19) */
#define EAS_PERF_STATE_INEFFICIENT (1u << 0)

/* em_perf_domain.flags (v6.19 values) */
#define EAS_PD_MICROWATTS (1u << 0)
#define EAS_PD_SKIP_INEFFICIENCIES (1u << 1)
#define EAS_PD_ARTIFICIAL (1u << 2)

/* One perf state (v5.4 em_cap_state / v6.19 em_perf_state). */
struct eas_perf_state {
	union {
		uint64_t frequency_khz;
		uint64_t frequency; /* deprecated name of frequency_khz */
	};
	uint64_t power;	      /* v5.4: mW; v6.19: uW (one CPU) */
	uint64_t performance; /* v6.19 only (0 for v5.4) */
	uint64_t cost;	      /* per flavour, see top of file */
	uint64_t flags;	      /* EAS_PERF_STATE_* (v6.19) */
	/* private: index of the first state >= this one that is not
	 * inefficient (nr_perf_states if none); lets em_cpu_energy() skip
	 * inefficiencies without a linear walk. */
	uint32_t next_efficient;
	uint32_t reserved_;
};

/* One perf domain (em_perf_domain) plus what the scheduler needs of it. */
struct eas_perf_domain {
	uint32_t id;		 /* index in the platform file order */
	uint32_t nr_cpus;	 /* CPUs of the domain, ascending in cpus[] */
	const uint32_t *cpus;	 /* points into the platform's memory */
	uint32_t nr_perf_states; /* 0 = this domain has no energy model */
	uint32_t min_perf_state; /* v6.19 em_update_performance_limits() */
	uint32_t max_perf_state;
	uint32_t flags;	       /* EAS_PD_* */
	uint64_t max_freq_khz; /* cpuinfo.max_freq: highest non-turbo */
	uint64_t capacity;     /* arch_scale_cpu_capacity() of its CPUs */
	struct eas_perf_state *table; /* nr_perf_states, ascending frequency */
};

/*
 * Power of one OPP from a dynamic-power-coefficient (uW/MHz/V^2), as
 * drivers/opp/of.c computes it:
 *   v5.4  _get_cpu_power():        mW = C * mV * mV * MHz / 10^9
 *   v6.19 dev_pm_opp_calc_power(): uW = C * mV * mV * MHz / 10^6
 * with mV = microvolt / 1000 and MHz = hz / 10^6, truncating, in u64.
 * Returns the power, or 0 if microvolt / 1000 is 0 (the kernel's error).
 */
EAS_API uint64_t eas_opp_power(enum eas_kernel k, uint64_t dpc, uint64_t hz,
			       uint64_t microvolt);

/*
 * Fill perf / cost / flags / next_efficient of table[0..n-1] from frequency
 * and power, as the flavour's registration does (v5.4 em_create_pd(),
 * v6.19 em_init_performance() + em_compute_costs()). max_cap is
 * arch_scale_cpu_capacity() of the domain's CPUs (v6.19 uses it; v5.4
 * ignores it). opts: enum eas_kernel_opt bits.
 * Validates like the kernel: frequencies strictly increasing (EAS_EFREQ),
 * 0 < power <= the flavour's maximum (EAS_EPOWER), v6.19 performance > 0
 * (EAS_EPERF). On error the table contents are unspecified.
 * On success, *bad_state is untouched; on error it receives the index of
 * the offending state (bad_state may be NULL).
 */
EAS_API int eas_em_table_init(enum eas_kernel k, uint32_t opts,
			      struct eas_perf_state *table, uint32_t n,
			      uint64_t max_cap, uint32_t *bad_state);

/*
 * v5.4 em_pd_energy(pd, max_util, sum_util) with scale_cpu = pd->capacity:
 *   freq = (fmax + (fmax >> 2)) * max_util / scale_cpu
 *   state = first with frequency >= freq, else the last
 *   return cost * sum_util / scale_cpu
 * Binary search; identical results to the kernel's linear scan.
 */
EAS_API uint64_t eas_em_pd_energy(const struct eas_perf_domain *pd,
				  uint64_t max_util, uint64_t sum_util);
/* The state index v5.4 em_pd_energy() uses for max_util (0 for a domain
 * without states). */
EAS_API uint32_t eas_em_pd_state(const struct eas_perf_domain *pd,
				 uint64_t max_util);

/*
 * v6.19 em_pd_get_efficient_state(): first state in
 * [min_perf_state, max_perf_state] with performance >= max_util, skipping
 * inefficient ones when the domain has EAS_PD_SKIP_INEFFICIENCIES; else
 * max_perf_state.
 */
EAS_API uint32_t eas_em_pd_get_efficient_state(const struct eas_perf_domain *pd,
					       uint64_t max_util);

/*
 * v6.19 em_cpu_energy(pd, max_util, sum_util, allowed_cpu_cap):
 *   0 if sum_util == 0; max_util = min(max_util, allowed_cpu_cap);
 *   return table[efficient_state(max_util)].cost * sum_util
 */
EAS_API uint64_t eas_em_cpu_energy(const struct eas_perf_domain *pd,
				   uint64_t max_util, uint64_t sum_util,
				   uint64_t allowed_cpu_cap);

/*
 * v6.19 em_update_performance_limits(): min/max perf state become the
 * states whose frequency equals fmin_khz / fmax_khz exactly.
 * EAS_ELIMITS if either is not found or min > max (pd left unchanged).
 */
EAS_API int eas_em_update_performance_limits(struct eas_perf_domain *pd,
					     uint64_t fmin_khz,
					     uint64_t fmax_khz);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_EM_H */
