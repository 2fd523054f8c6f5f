/* SPDX-License-Identifier: MIT */
/*
 * Included first by every flavour translation unit (lib/core/flavour_*.c),
 * never elsewhere. A flavour TU defines EAS_FLAVOUR (its enum eas_kernel)
 * and EAS_FLAVOUR_PREFIX (the prefix of its symbols, e.g. eas__v619),
 * includes this header, then its folder's kernel-area files and its table
 * (docs/design-api.md, "Flavours").
 *
 * - Every flavour test left in the shared code (common/: eas__is_v54(),
 *   EAS__V54, EAS__V71) is a compile-time constant, so each TU holds one
 *   flavour's code and nothing else. The v7.1 TU defines EAS__V71_RULES:
 *   the v6.19 sources it compiles then leave out the few functions
 *   lib/core/v7_1/ redefines.
 * - The public kernel entry points (eas_cpu_util(), eas_load_balance(),
 *   ...) are, inside a flavour TU, the flavour's own static functions
 *   (EAS_FLAVOUR_PREFIX_cpu_util, ...): the mirror code calls them
 *   directly, under the names the public API documents. The public
 *   symbols themselves are the dispatchers of api.c, which call through
 *   sys->pf->flavour->ops.
 */
#ifndef EAS_CORE_FLAVOUR_H
#define EAS_CORE_FLAVOUR_H

#ifndef EAS_FLAVOUR
#error "flavour.h: define EAS_FLAVOUR (and EAS_FLAVOUR_PREFIX) first"
#endif

/* every public header first, under its real names */
#include <libeas/libeas.h>

#include "internal.h"
#include "ops.h"

#define EAS__V54 (EAS_FLAVOUR == EAS_KERNEL_V5_4)
#define EAS__V71 (EAS_FLAVOUR == EAS_KERNEL_V7_1)

#define EAS__F_(p, n) p##_##n
#define EAS__F2(p, n) EAS__F_(p, n)
/* the flavour's own symbol for n: EAS__F(cpu_util) = eas__v619_cpu_util */
#define EAS__F(n) EAS__F2(EAS_FLAVOUR_PREFIX, n)

/* the public entry points, renamed to the flavour's statics */
#define eas_arch_capacity EAS__F(arch_capacity)
#define eas_cpufreq_pressure EAS__F(cpufreq_pressure)
#define eas_actual_cpu_capacity EAS__F(actual_cpu_capacity)
#define eas_scale_rt_capacity EAS__F(scale_rt_capacity)
#define eas_capacity_of EAS__F(capacity_of)
#define eas_task_util_est EAS__F(task_util_est)
#define eas_task_uclamp_min EAS__F(task_uclamp_min)
#define eas_task_uclamp_max EAS__F(task_uclamp_max)
#define eas_cpu_util EAS__F(cpu_util)
#define eas_schedutil_cpu_util EAS__F(schedutil_cpu_util)
#define eas_effective_cpu_util EAS__F(effective_cpu_util)
#define eas_util_fits_cpu EAS__F(util_fits_cpu)
#define eas_task_fits_cpu EAS__F(task_fits_cpu)
#define eas_cpu_overutilized EAS__F(cpu_overutilized)
#define eas_is_overutilized EAS__F(is_overutilized)
#define eas_compute_energy EAS__F(compute_energy)
#define eas_select_task_rq_fair EAS__F(select_task_rq_fair)
#define eas_select_task_rq_fair_explain EAS__F(select_task_rq_fair_explain)
#define eas_overutilized_update EAS__F(overutilized_update)
#define eas_overutilized_root_update EAS__F(overutilized_root_update)
#define eas_update_misfit_status EAS__F(update_misfit_status)
#define eas_check_cpu_capacity EAS__F(check_cpu_capacity)
#define eas_check_misfit_status EAS__F(check_misfit_status)
#define eas_should_we_balance EAS__F(should_we_balance)
#define eas_lb_interval_jiffies EAS__F(lb_interval_jiffies)
#define eas_lb_balance_interval_after EAS__F(lb_balance_interval_after)
#define eas_can_migrate_task EAS__F(can_migrate_task)
#define eas_task_hot EAS__F(task_hot)
#define eas_detach_one_task EAS__F(detach_one_task)
#define eas_load_balance EAS__F(load_balance)
#define eas_mech_decide EAS__F(mech_decide)
#define eas_mech_execute EAS__F(mech_execute)
#define eas_need_active_balance EAS__F(need_active_balance)

/* the library-internal cross-area helpers of the mirror */
#define eas__task_util_est_raw EAS__F(task_util_est_raw)
#define eas__util_fits_cap EAS__F(util_fits_cap)
#define eas__asym_sd_covering EAS__F(asym_sd_covering)
#define eas__feec EAS__F(feec)
#define eas__fast_feec EAS__F(fast_feec)
#define eas__fast_select EAS__F(fast_select)

static uint64_t eas_arch_capacity(const struct eas_system *sys, uint32_t cpu);
static uint64_t eas_cpufreq_pressure(const struct eas_system *sys,
				     uint32_t cpu);
static uint64_t eas_actual_cpu_capacity(const struct eas_system *sys,
					uint32_t cpu);
static uint64_t eas_scale_rt_capacity(const struct eas_system *sys,
				      uint32_t cpu);
static uint64_t eas_capacity_of(const struct eas_system *sys, uint32_t cpu);
static uint64_t eas_task_util_est(const struct eas_system *sys,
				  const struct eas_task *p);
static uint64_t eas_task_uclamp_min(const struct eas_system *sys,
				    const struct eas_task *p);
static uint64_t eas_task_uclamp_max(const struct eas_system *sys,
				    const struct eas_task *p);
static uint64_t eas_cpu_util(const struct eas_system *sys, uint32_t cpu,
			     const struct eas_task *p, int32_t dst, bool boost);
static uint64_t eas_schedutil_cpu_util(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t max, enum eas_util_type type,
				       const struct eas_task *p);
static uint64_t eas_effective_cpu_util(const struct eas_system *sys,
				       uint32_t cpu, uint64_t util_cfs,
				       uint64_t *min, uint64_t *max);
static int eas_util_fits_cpu(const struct eas_system *sys, uint64_t util,
			     uint64_t uclamp_min, uint64_t uclamp_max,
			     uint32_t cpu);
static bool eas_task_fits_cpu(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t cpu);
static bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu);
static bool eas_is_overutilized(const struct eas_system *sys);
static uint64_t eas_compute_energy(const struct eas_system *sys,
				   const struct eas_task *p, int32_t dst,
				   uint32_t pd);
static int eas_select_task_rq_fair(const struct eas_system *sys,
				   struct eas_task *p, struct eas_waker *w,
				   uint32_t wake_flags,
				   struct eas_place_result *res);
static int eas_select_task_rq_fair_explain(const struct eas_system *sys,
					   struct eas_task *p,
					   struct eas_waker *w,
					   uint32_t wake_flags,
					   struct eas_place_result *res,
					   struct eas_place_steps *steps);
static bool eas_overutilized_update(const struct eas_system *sys, uint32_t cpu,
				    enum eas_ou_event ev, bool overutilized);
static bool eas_overutilized_root_update(const struct eas_system *sys);
static uint64_t eas_update_misfit_status(const struct eas_system *sys,
					 const struct eas_task *p,
					 uint32_t cpu);
static bool eas_check_cpu_capacity(const struct eas_system *sys, uint32_t cpu,
				   uint32_t imbalance_pct);
static bool eas_check_misfit_status(const struct eas_system *sys, uint32_t cpu,
				    uint32_t imbalance_pct);
static bool eas_should_we_balance(const struct eas_system *sys,
				  const struct eas_lb_env *env);
static uint64_t eas_lb_interval_jiffies(const struct eas_system *sys,
					const struct eas_lb_env *env,
					uint32_t balance_interval_ms,
					bool cpu_busy);
static uint32_t eas_lb_balance_interval_after(const struct eas_system *sys,
					      const struct eas_lb_env *env,
					      const struct eas_lb_result *res,
					      uint32_t balance_interval_ms);
static void eas_can_migrate_task(const struct eas_system *sys,
				 const struct eas_lb_env *env, uint32_t i,
				 enum eas_lb_idle idle,
				 uint32_t nr_balance_failed, uint32_t lbf_flags,
				 struct eas_can_migrate *out);
static int eas_task_hot(const struct eas_system *sys,
			const struct eas_lb_env *env, uint32_t i);
static int eas_detach_one_task(const struct eas_system *sys,
			       const struct eas_lb_env *env, uint32_t lbf_flags,
			       int32_t *task);
static int eas_load_balance(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    struct eas_sg_stats *groups, uint32_t max_groups,
			    struct eas_can_migrate *can_migrate,
			    struct eas_lb_result *res);
static int eas_mech_decide(const struct eas_system *sys,
			   const struct eas_lb_env *env,
			   const struct eas_lb_result *res, enum eas_mech m,
			   struct eas_mech_decision *d);
static int eas_mech_execute(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    const struct eas_mech_decision *d,
			    const struct eas_busiest_state *st,
			    struct eas_mech_result *r);
static enum eas_lb_rule eas_need_active_balance(const struct eas_system *sys,
						const struct eas_nab_input *in);

/* _task_util_est(p) of the flavour (v5.4 includes the "| 1" quirk). */
static uint64_t eas__task_util_est_raw(const struct eas_system *sys,
				       const struct eas_task *p);
/* v6.19 sd_asym_cpucapacity(cpu) climbed until its span contains prev:
 * the level index, or -1. v5.4 the same. */
static int32_t eas__asym_sd_covering(const struct eas_system *sys, uint32_t cpu,
				     uint32_t prev);
/* util_fits_cpu() with capacity_of(cpu) already known (= capacity). */
static int eas__util_fits_cap(const struct eas_system *sys, uint64_t util,
			      uint64_t uclamp_min, uint64_t uclamp_max,
			      uint32_t cpu, uint64_t capacity);
/* find_energy_efficient_cpu() without argument checks (sched_util.h). */
static int32_t eas__feec(const struct eas_system *sys, const struct eas_task *p,
			 uint32_t this_cpu, int ou, struct eas_feec_result *r);

/* The fast path (docs/placement.md §7.1): feec() and
 * select_task_rq_fair() from the snapshot sys->fast (common/fast_feec.c,
 * common/fast_select.c). Exact, or EAS__FAST_DECLINED (fast.h) with
 * nothing written but res->feec, and the mirror runs. */
static int32_t eas__fast_feec(const struct eas_system *sys,
			      const struct eas_task *p, uint32_t this_cpu,
			      int ou, struct eas_feec_result *r);
static int eas__fast_select(const struct eas_system *sys, struct eas_task *p,
			    struct eas_waker *w, uint32_t wake_flags,
			    struct eas_place_result *res);

#include "fast.h"
#include "sched_util.h"

#endif /* EAS_CORE_FLAVOUR_H */
