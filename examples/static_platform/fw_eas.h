/* SPDX-License-Identifier: MIT */
/*
 * The firmware side of the example: what an RTOS would link. No malloc, no
 * stdio: the platform lives in a static buffer sized at compile time.
 */
#ifndef FW_EAS_H
#define FW_EAS_H

#include <libeas/platform.h>

/* Build the board's platform for kernel flavour k. 0 or EAS_E*. */
int fw_eas_init(enum eas_kernel k, struct eas_build_error *where);
/* The built platform (valid after fw_eas_init() returned 0). */
const struct eas_platform *fw_eas_platform(void);
/* Energy estimate of perf domain pd for the flavour it was built for:
 * v5.4 em_pd_energy(), v6.19 em_cpu_energy() (max_util already includes
 * the schedutil headroom there, as the caller of em_cpu_energy() does). */
uint64_t fw_eas_pd_energy(uint32_t pd, uint64_t max_util, uint64_t sum_util);

#endif /* FW_EAS_H */
