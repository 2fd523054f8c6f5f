/* SPDX-License-Identifier: MIT */
/*
 * struct eas_kernel_ops: the entry points of one kernel flavour, what
 * struct eas_flavour (include/libeas/common.h) points to. Library
 * internal: callers use the public functions of api.c, which dispatch
 * through sys->pf->flavour->ops. Each flavour TU (flavour_*.c) fills one
 * table with its own static functions; the member names are the public
 * functions' names without the eas_ prefix.
 */
#ifndef EAS_CORE_OPS_H
#define EAS_CORE_OPS_H

#include <libeas/libeas.h>

/* The load-balance entry points of a flavour (NULL in the table of a
 * placement-only object, eas_kernel_*_place). */
struct eas_kernel_lb_ops {
	bool (*should_we_balance)(const struct eas_system *sys,
				  const struct eas_lb_env *env);
	uint64_t (*lb_interval_jiffies)(const struct eas_system *sys,
					const struct eas_lb_env *env,
					uint32_t balance_interval_ms,
					bool cpu_busy);
	uint32_t (*lb_balance_interval_after)(const struct eas_system *sys,
					      const struct eas_lb_env *env,
					      const struct eas_lb_result *res,
					      uint32_t balance_interval_ms);
	void (*can_migrate_task)(const struct eas_system *sys,
				 const struct eas_lb_env *env, uint32_t i,
				 enum eas_lb_idle idle,
				 uint32_t nr_balance_failed, uint32_t lbf_flags,
				 struct eas_can_migrate *out);
	int (*task_hot)(const struct eas_system *sys,
			const struct eas_lb_env *env, uint32_t i);
	int (*detach_one_task)(const struct eas_system *sys,
			       const struct eas_lb_env *env, uint32_t lbf_flags,
			       int32_t *task);
	int (*load_balance)(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    struct eas_sg_stats *groups, uint32_t max_groups,
			    struct eas_can_migrate *can_migrate,
			    struct eas_lb_result *res);
	int (*mech_decide)(const struct eas_system *sys,
			   const struct eas_lb_env *env,
			   const struct eas_lb_result *res, enum eas_mech m,
			   struct eas_mech_decision *d);
	int (*mech_execute)(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    const struct eas_mech_decision *d,
			    const struct eas_busiest_state *st,
			    struct eas_mech_result *r);
	enum eas_lb_rule (*need_active_balance)(const struct eas_system *sys,
						const struct eas_nab_input *in);
};

struct eas__fast_pd; /* fast.h */

struct eas_kernel_ops {
	uint64_t (*arch_capacity)(const struct eas_system *sys, uint32_t cpu);
	uint64_t (*cpufreq_pressure)(const struct eas_system *sys,
				     uint32_t cpu);
	uint64_t (*actual_cpu_capacity)(const struct eas_system *sys,
					uint32_t cpu);
	uint64_t (*scale_rt_capacity)(const struct eas_system *sys,
				      uint32_t cpu);
	uint64_t (*capacity_of)(const struct eas_system *sys, uint32_t cpu);
	uint64_t (*task_util_est)(const struct eas_system *sys,
				  const struct eas_task *p);
	uint64_t (*task_uclamp_min)(const struct eas_system *sys,
				    const struct eas_task *p);
	uint64_t (*task_uclamp_max)(const struct eas_system *sys,
				    const struct eas_task *p);
	uint64_t (*cpu_util)(const struct eas_system *sys, uint32_t cpu,
			     const struct eas_task *p, int32_t dst, bool boost);
	uint64_t (*schedutil_cpu_util)(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t max, enum eas_util_type type,
				       const struct eas_task *p);
	uint64_t (*effective_cpu_util)(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t *min, uint64_t *max);
	int (*util_fits_cpu)(const struct eas_system *sys, uint64_t util,
			     uint64_t uclamp_min, uint64_t uclamp_max,
			     uint32_t cpu);
	bool (*task_fits_cpu)(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t cpu);
	bool (*cpu_overutilized)(const struct eas_system *sys, uint32_t cpu);
	bool (*is_overutilized)(const struct eas_system *sys);
	uint64_t (*compute_energy)(const struct eas_system *sys,
				   const struct eas_task *p, int32_t dst,
				   uint32_t pd);
	int (*select_task_rq_fair)(const struct eas_system *sys,
				   struct eas_task *p, struct eas_waker *w,
				   uint32_t wake_flags,
				   struct eas_place_result *res);
	int (*select_task_rq_fair_explain)(const struct eas_system *sys,
					   struct eas_task *p,
					   struct eas_waker *w,
					   uint32_t wake_flags,
					   struct eas_place_result *res,
					   struct eas_place_steps *steps);
	bool (*overutilized_update)(const struct eas_system *sys, uint32_t cpu,
				    enum eas_ou_event ev, bool overutilized);
	bool (*overutilized_root_update)(const struct eas_system *sys);
	uint64_t (*update_misfit_status)(const struct eas_system *sys,
					 const struct eas_task *p,
					 uint32_t cpu);
	bool (*check_cpu_capacity)(const struct eas_system *sys, uint32_t cpu,
				   uint32_t imbalance_pct);
	bool (*check_misfit_status)(const struct eas_system *sys, uint32_t cpu,
				    uint32_t imbalance_pct);
	/* find_energy_efficient_cpu() without argument checks
	 * (eas__feec(), sched_util.h) */
	int32_t (*feec)(const struct eas_system *sys, const struct eas_task *p,
			uint32_t this_cpu, int ou, struct eas_feec_result *r);
	/* the fast path's feec() alone (eas__fast_feec(), flavour.h):
	 * feec's result from the snapshot sys->fast, or EAS__FAST_DECLINED
	 * (fast.h) with r untouched; for tests/unit/test_fast_diff.c */
	int32_t (*fast_feec)(const struct eas_system *sys,
			     const struct eas_task *p, uint32_t this_cpu,
			     int ou, struct eas_feec_result *r);
	/* the snapshot of <libeas/fast.h> (lib/core/fast.c): the flavour's
	 * util -> performance-state table of a perf domain (v5.4
	 * em_pd_energy()'s state, v6.19 em_pd_get_efficient_state() for
	 * min_ps .. max_ps) and a domain's base energy from its snapshot */
	void (*fast_build_lut)(const struct eas_perf_domain *pd, uint16_t *lut,
			       uint32_t len, uint32_t min_ps, uint32_t max_ps,
			       bool skip);
	uint64_t (*fast_base_energy)(const struct eas_perf_domain *pd,
				     const struct eas__fast_pd *fp);
	/* load balance; NULL in a placement-only object */
	const struct eas_kernel_lb_ops *lb;
};

/* eas__feec()'s ou argument as select_task_rq_fair() passes it
 * (sched_util.h): compute rd->overutilized, and for v6.19 skip feec when
 * it is set. */
#define EAS__OU_SELECT (-2)

/* The ops of the flavour sys was built for, and its load-balance ops
 * (NULL for a placement-only object). */
#define EAS__OPS(sys) ((sys)->pf->flavour->ops)
#define EAS__LB_OPS(sys) ((sys)->pf->flavour->ops->lb)

#endif /* EAS_CORE_OPS_H */
