/* SPDX-License-Identifier: MIT */
/*
 * Schedules of the simulator for the timeline tests (test_sim_cfs.c,
 * test_sim_eevdf.c, test_sim_dl.c): a workload run on a platform (by
 * default one CPU of capacity 1024 with one OPP), its sched_switch trace
 * lines reduced to "T prev>next" (T in us).
 */
#ifndef EAS_TEST_SIMSWITCH_H
#define EAS_TEST_SIMSWITCH_H

#include <stdint.h>

#include <libeas/common.h>

/* one CPU, capacity 1024, one OPP (rt-app `run` us = CPU us) */
extern const char eas_test_plat1[];

/* Run wl on the platform document plat under k for ms and return its
 * sched_switch lines as "T prev>next\n" (T in us); caller frees. Fails
 * the test on any error. */
char *eas_test_switches_on(const char *plat, enum eas_kernel k, const char *wl,
			   uint64_t ms);
/* ... on eas_test_plat1 */
char *eas_test_switches(enum eas_kernel k, const char *wl, uint64_t ms);

/* the switches must equal want (both printed when not) */
void eas_test_expect_switches_on(const char *plat, enum eas_kernel k,
				 const char *wl, uint64_t ms, const char *want);
void eas_test_expect_switches(enum eas_kernel k, const char *wl, uint64_t ms,
			      const char *want);

/* xorshift64 for the random workloads: the next value, and one in
 * [lo, hi] */
uint64_t eas_test_rnd(uint64_t *x);
uint32_t eas_test_rnd_us(uint64_t *x, uint32_t lo, uint32_t hi);

#endif /* EAS_TEST_SIMSWITCH_H */
