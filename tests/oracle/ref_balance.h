/* SPDX-License-Identifier: MIT */
/*
 * Slow, literal transliteration of the load-balance decision path of
 * v5.4 and v6.19 kernel/sched/fair.c, shaped like the kernel (struct rq,
 * circular sched_group lists built with for_each_cpu_wrap, lb_env,
 * sd_lb_stats, sg_lb_stats), used as the oracle of the randomized
 * differential tests (tests/unit/test_balance_diff.c). Test code only:
 * fixed small limits, no attention to speed.
 *
 * It reuses the placement area's public building blocks (capacity_of,
 * cpu_util, cpu_overutilized, task_fits_cpu) which have their own tests.
 */
#ifndef LIBEAS_REF_BALANCE_H
#define LIBEAS_REF_BALANCE_H

#include <libeas/balance.h>

#define REF_LB_MAX_CPUS 64
#define REF_LB_MAX_TASKS 16

struct ref_lb_result {
	bool overutilized;
	int nr_groups;
	int group_first[REF_LB_MAX_CPUS];
	int group_type[REF_LB_MAX_CPUS];
	uint64_t group_misfit[REF_LB_MAX_CPUS];
	uint64_t group_avg_load[REF_LB_MAX_CPUS];
	int busiest_first; /* first CPU of the busiest group, -1 none */
	int src_grp_type;
	int migration_type;
	long imbalance;
	int busiest_cpu;
	int nr_detached;
	bool all_pinned;
	bool reached;
	unsigned int nr_balance_failed_seen;
	unsigned int nr_balance_failed_after;
	bool nr_balance_failed_after_known;
	int rule;
	int detach_one;
	bool cm_ok[REF_LB_MAX_TASKS];
	int cm_reason[REF_LB_MAX_TASKS];
};

/* The pass, as eas_load_balance() documents it. Returns 0, -1 on bad
 * input (or beyond the limits). */
int ref_load_balance(const struct eas_system *sys, const struct eas_lb_env *env,
		     struct ref_lb_result *out);

/* update_misfit_status() of the flavour. */
uint64_t ref_misfit_task_load(const struct eas_system *sys,
			      const struct eas_task *p, int cpu);

/* need_active_balance() on an explicit input. */
int ref_need_active_balance(const struct eas_system *sys,
			    const struct eas_nab_input *in);

#endif /* LIBEAS_REF_BALANCE_H */
