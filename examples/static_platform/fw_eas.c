/* SPDX-License-Identifier: MIT */
/*
 * Firmware-style use of the libeas core: a const description of the board
 * (HiSilicon Hi3660 / HiKey960: 4x Cortex-A53 + 4x Cortex-A73, devicetree
 * OPPs and dynamic-power-coefficients, shared/data/platforms/), a static
 * buffer sized with EAS_PLATFORM_SIZE(), eas_platform_build(), then energy
 * queries. Compiled with -ffreestanding: no malloc, no stdio.
 */
#include "fw_eas.h"

#include <libeas/em.h>
#include <libeas/error.h>

static const struct eas_cpu_desc hikey960_cpus[8] = {
	{ .capacity_dmips_mhz = 592, .smt = 0 },
	{ .capacity_dmips_mhz = 592, .smt = 0 },
	{ .capacity_dmips_mhz = 592, .smt = 0 },
	{ .capacity_dmips_mhz = 592, .smt = 0 },
	{ .capacity_dmips_mhz = 1024, .smt = 0 },
	{ .capacity_dmips_mhz = 1024, .smt = 0 },
	{ .capacity_dmips_mhz = 1024, .smt = 0 },
	{ .capacity_dmips_mhz = 1024, .smt = 0 },
};

static const uint32_t a53_cpus[4] = { 0, 1, 2, 3 };
static const uint32_t a73_cpus[4] = { 4, 5, 6, 7 };

/* hi3660.dtsi opp-table-0 / opp-table-1: opp-hz, opp-microvolt. */
static const struct eas_opp_desc a53_opps[5] = {
	{ .hz = 533000000, .microvolt = 700000 },
	{ .hz = 999000000, .microvolt = 800000 },
	{ .hz = 1402000000, .microvolt = 900000 },
	{ .hz = 1709000000, .microvolt = 1000000 },
	{ .hz = 1844000000, .microvolt = 1100000 },
};
static const struct eas_opp_desc a73_opps[5] = {
	{ .hz = 903000000, .microvolt = 700000 },
	{ .hz = 1421000000, .microvolt = 800000 },
	{ .hz = 1805000000, .microvolt = 900000 },
	{ .hz = 2112000000, .microvolt = 1000000 },
	{ .hz = 2362000000, .microvolt = 1100000 },
};

static const struct eas_pd_desc hikey960_pds[2] = {
	{ .nr_cpus = 4,
	  .cpus = a53_cpus,
	  .dynamic_power_coefficient = 110,
	  .nr_opps = 5,
	  .opps = a53_opps },
	{ .nr_cpus = 4,
	  .cpus = a73_cpus,
	  .dynamic_power_coefficient = 550,
	  .nr_opps = 5,
	  .opps = a73_opps },
};

static const struct eas_platform_desc hikey960 = {
	.nr_cpus = 8, .cpus = hikey960_cpus, .nr_pds = 2, .pds = hikey960_pds,
	/* default topology: MC = one cluster per perf domain, then PKG */
};

/*
 * The memory libeas builds into: an upper bound known at compile time
 * (8 CPUs, 2 perf domains, 10 perf states, 3 sched-domain levels), so a
 * linker map shows the whole cost. Firmware state, not library state: the
 * core itself has no writable globals.
 */
#define FW_EAS_MEM_BYTES EAS_PLATFORM_SIZE(8, 2, 10, 3)
static uint64_t fw_eas_mem[(FW_EAS_MEM_BYTES + 7) / 8];
static struct eas_platform fw_eas_pf;

int fw_eas_init(enum eas_kernel k, struct eas_build_error *where)
{
	if (eas_platform_size(&hikey960) > sizeof(fw_eas_mem))
		return EAS_ENOSPC;
	return eas_platform_build(&fw_eas_pf, fw_eas_mem, sizeof(fw_eas_mem),
				  &hikey960, k, 0, where);
}

const struct eas_platform *fw_eas_platform(void)
{
	return &fw_eas_pf;
}

uint64_t fw_eas_pd_energy(uint32_t pd, uint64_t max_util, uint64_t sum_util)
{
	const struct eas_perf_domain *d = &fw_eas_pf.pds[pd];

	if (fw_eas_pf.kernel == EAS_KERNEL_V5_4)
		return eas_em_pd_energy(d, max_util, sum_util);
	return eas_em_cpu_energy(d, max_util, sum_util, d->capacity);
}
