/* SPDX-License-Identifier: MIT */
/*
 * Slow, literal reference ("oracle") of the kernel's energy-model
 * registration, energy functions and CPU capacity normalisation, for
 * differential tests against lib/core/em.c and lib/core/platform.c.
 *
 * Written statement by statement after the kernel's control flow (linear
 * scans, the same temporaries and integer widths, u32 where the kernel
 * uses u32), never sharing code with the library. Kernel: v5.4
 * energy_model.c/.h, drivers/opp/of.c, drivers/base/arch_topology.c;
 * v6.19 the same files. Semantics only; no kernel text.
 */
#ifndef LIBEAS_TEST_REF_EM_H
#define LIBEAS_TEST_REF_EM_H

#include <stdbool.h>
#include <stdint.h>

#include <libeas/em.h>

/* drivers/opp/of.c: v5.4 _get_cpu_power() (mW) / v6.19
 * dev_pm_opp_calc_power() (uW). 0 on the kernel's -EINVAL (mV == 0). */
uint64_t ref_opp_power_v54(uint32_t dpc, uint64_t hz, uint64_t u_volt);
uint64_t ref_opp_power_v619(uint32_t dpc, uint64_t hz, uint64_t u_volt);

/*
 * v5.4 em_create_pd() table part: returns 0 or -1 (the kernel's -EINVAL:
 * non-increasing frequency, power 0 or > EM_CPU_MAX_POWER). scale_power:
 * the 5.4.y 64-bit em_scale_power() (P * 1000).
 */
int ref_em_create_pd_v54(const uint64_t *freq, const uint64_t *power, int n,
			 bool scale_power, uint64_t *cost);

/*
 * v6.19 em_create_perf_table(): em_init_performance() + em_compute_costs().
 * Returns 0 or -1 (bad frequency / power; performance 0, where the kernel
 * would divide by zero). flags[i] = EM_PERF_STATE_INEFFICIENT or 0.
 */
int ref_em_create_perf_table_v619(const uint64_t *freq, const uint64_t *power,
				  int n, uint64_t max_cap, uint64_t *perf,
				  uint64_t *cost, uint64_t *flags);

/* v5.4 em_pd_energy() on pd->table / pd->capacity, linear scan. */
uint64_t ref_em_pd_energy_v54(const struct eas_perf_domain *pd,
			      uint64_t max_util, uint64_t sum_util);

/* v6.19 em_pd_get_efficient_state() and em_cpu_energy(), linear loop. */
int ref_em_pd_get_efficient_state_v619(const struct eas_perf_domain *pd,
				       uint64_t max_util);
uint64_t ref_em_cpu_energy_v619(const struct eas_perf_domain *pd,
				uint64_t max_util, uint64_t sum_util,
				uint64_t allowed_cpu_cap);

/*
 * arch_topology.c capacity of n CPUs from capacity-dmips-mhz (dmips[i] 0 =
 * missing: every CPU 1024) and each CPU's policy cpuinfo.max_freq in kHz.
 * v5.4: topology_parse_cpu_capacity() + topology_normalize_cpu_scale() at
 * boot, then init_cpu_capacity_callback() + normalise again (u32 state).
 * v6.19: topology_normalize_cpu_scale() with capacity_freq_ref.
 */
void ref_capacity_v54(int n, const uint32_t *dmips, const uint64_t *max_khz,
		      uint64_t *cap);
void ref_capacity_v619(int n, const uint32_t *dmips, const uint64_t *max_khz,
		       uint64_t *cap);

/* ---- sched-domain topology (kernel/sched/topology.c) ----------------- */

#include <libeas/platform.h>

#define REF_TOPO_MAX_CPUS 64u
#define REF_TOPO_MAX_LEVELS 8u

/* One CPU's domains after cpu_attach_domain(), bottom-up. */
struct ref_topo_cpu {
	uint32_t nr;
	uint64_t span[REF_TOPO_MAX_LEVELS];
	uint32_t flags[REF_TOPO_MAX_LEVELS]; /* EAS_SD_* bits */
	uint32_t imbalance_pct[REF_TOPO_MAX_LEVELS];
	uint32_t cache_nice_tries[REF_TOPO_MAX_LEVELS];
	uint32_t busy_factor[REF_TOPO_MAX_LEVELS];
	int llc;  /* index in the chain of sd_llc, -1 */
	int asym; /* index in the chain of sd_asym_cpucapacity, -1 */
};

struct ref_topo {
	struct ref_topo_cpu cpu[REF_TOPO_MAX_CPUS];
	bool smt_active; /* sched_smt_active() */
};

/*
 * Literal per-CPU build_sched_domains() of the flavour for n <= 64 CPUs:
 * mask[l][cpu] is the level-l topology mask of cpu (tl->mask()), names[l]
 * the level name (SMT / CLS / MC give the topology flags). Builds each
 * CPU's chain with sd_init() (stopping at the first domain spanning every
 * CPU, as the kernel does), v5.4 asym_cpu_capacity_level() with its
 * level-skipping loop or v6.19 asym_cpu_capacity_classify(), then
 * cpu_attach_domain() (sd_parent_degenerate / sd_degenerate with sched
 * group counts, SD_PREFER_SIBLING transfer) and update_top_cache_domain().
 */
void ref_build_sched_domains(enum eas_kernel k, uint32_t n, const uint64_t *cap,
			     uint32_t nr_levels, const char *const *names,
			     const uint64_t mask[][REF_TOPO_MAX_CPUS],
			     struct ref_topo *out);

#endif /* LIBEAS_TEST_REF_EM_H */
