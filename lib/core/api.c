/* SPDX-License-Identifier: MIT */
/*
 * The thin public layer of the kernel-mirror entry points: every public
 * function whose answer depends on the kernel flavour is defined here once
 * and dispatches through the flavour object the platform was built with
 * (sys->pf->flavour->ops, struct eas_kernel_ops in ops.h). The mirror code
 * itself lives in the flavour translation units (flavour_*.c and the
 * lib/core/v5_4, v6_19, v7_1 folders), which call each other directly.
 *
 * Argument checks: the kernel helpers of <libeas/kernel.h> do not check
 * their arguments (documented there); the decision entry points keep the
 * checks and the outputs they write on bad arguments (EAS_EINVAL, the one
 * bad-argument code, docs/design-api.md). A platform not built by
 * eas_platform_build() / eas_platform_build_k() (pf->flavour NULL) is a
 * bad argument.
 *
 * Calling through a pointer keeps the other flavours out of a firmware
 * image: nothing here names a flavour, so under --gc-sections only the
 * flavour object the program passes to eas_platform_build_k() is linked.
 */
#include <libeas/libeas.h>

#include "internal.h"
#include "ops.h"

/* ---- flavour independent helpers ---------------------------------------- */

uint64_t eas_task_util(const struct eas_task *p)
{
	return p->util_avg;
}

/* v6.19 cpufreq_schedutil.c:sugov_effective_cpu_perf() with
 * map_util_perf() = util + (util >> 2) */
uint64_t eas_sugov_effective_cpu_perf(uint64_t actual, uint64_t min,
				      uint64_t max)
{
	actual += actual >> 2;
	if (actual < max)
		max = actual;
	return eas__max_u64(min, max);
}

const char *eas_energy_unit(const struct eas_platform *pf)
{
	if (!pf)
		return "";
	if (pf->kernel == EAS_KERNEL_V5_4)
		return (pf->opts & EAS_OPT_V54_EM_SCALE_POWER) ? "uW" : "mW";
	return "0.1uW";
}

int eas_find_energy_efficient_cpu(const struct eas_system *sys,
				  const struct eas_task *p, uint32_t this_cpu,
				  struct eas_feec_result *out)
{
	struct eas_feec_result tmp;

	if (!sys || !sys->pf || !sys->pf->flavour || !sys->rq || !p)
		return EAS_EFORMAT;
	if (this_cpu >= sys->pf->nr_cpus || p->prev_cpu < 0 ||
	    (uint32_t)p->prev_cpu >= sys->pf->nr_cpus)
		return EAS_ECPU;
	if (!out) {
		tmp.candidates = NULL;
		tmp.max_candidates = 0;
		out = &tmp;
	}
	return EAS__OPS(sys)->feec(sys, p, this_cpu, -1, out);
}

/* v6.19 core.c/fair.c set_task_max_allowed_capacity(): the largest
 * capacity of the asymmetric capacity list intersecting p->cpus_ptr. */
uint64_t eas_task_max_allowed_capacity(const struct eas_platform *pf,
				       const eas_mask_word *cpus_allowed)
{
	uint64_t max = 0;
	uint32_t cpu;

	if (!pf)
		return 0;
	for (cpu = 0; cpu < pf->nr_cpus; cpu++) {
		if (cpus_allowed && !eas_mask_test(cpus_allowed, cpu))
			continue;
		if (pf->cpus[cpu].capacity > max)
			max = pf->cpus[cpu].capacity;
	}
	return max;
}

/* ---- dispatch ------------------------------------------------------------ */

uint64_t eas_arch_capacity(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->arch_capacity(sys, cpu);
}

uint64_t eas_cpufreq_pressure(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->cpufreq_pressure(sys, cpu);
}

uint64_t eas_actual_cpu_capacity(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->actual_cpu_capacity(sys, cpu);
}

uint64_t eas_scale_rt_capacity(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->scale_rt_capacity(sys, cpu);
}

uint64_t eas_capacity_of(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->capacity_of(sys, cpu);
}

uint64_t eas_task_util_est(const struct eas_system *sys,
			   const struct eas_task *p)
{
	return EAS__OPS(sys)->task_util_est(sys, p);
}

uint64_t eas_task_uclamp_min(const struct eas_system *sys,
			     const struct eas_task *p)
{
	return EAS__OPS(sys)->task_uclamp_min(sys, p);
}

uint64_t eas_task_uclamp_max(const struct eas_system *sys,
			     const struct eas_task *p)
{
	return EAS__OPS(sys)->task_uclamp_max(sys, p);
}

uint64_t eas_cpu_util(const struct eas_system *sys, uint32_t cpu,
		      const struct eas_task *p, int32_t dst, bool boost)
{
	return EAS__OPS(sys)->cpu_util(sys, cpu, p, dst, boost);
}

uint64_t eas_schedutil_cpu_util(const struct eas_system *sys, uint32_t cpu,
				uint64_t util_cfs, uint64_t max,
				enum eas_util_type type,
				const struct eas_task *p)
{
	return EAS__OPS(sys)->schedutil_cpu_util(sys, cpu, util_cfs, max, type,
						 p);
}

uint64_t eas_effective_cpu_util(const struct eas_system *sys, uint32_t cpu,
				uint64_t util_cfs, uint64_t *min, uint64_t *max)
{
	return EAS__OPS(sys)->effective_cpu_util(sys, cpu, util_cfs, min, max);
}

int eas_util_fits_cpu(const struct eas_system *sys, uint64_t util,
		      uint64_t uclamp_min, uint64_t uclamp_max, uint32_t cpu)
{
	return EAS__OPS(sys)->util_fits_cpu(sys, util, uclamp_min, uclamp_max,
					    cpu);
}

bool eas_task_fits_cpu(const struct eas_system *sys, const struct eas_task *p,
		       uint32_t cpu)
{
	return EAS__OPS(sys)->task_fits_cpu(sys, p, cpu);
}

bool eas_cpu_overutilized(const struct eas_system *sys, uint32_t cpu)
{
	return EAS__OPS(sys)->cpu_overutilized(sys, cpu);
}

bool eas_is_overutilized(const struct eas_system *sys)
{
	return EAS__OPS(sys)->is_overutilized(sys);
}

uint64_t eas_compute_energy(const struct eas_system *sys,
			    const struct eas_task *p, int32_t dst, uint32_t pd)
{
	return EAS__OPS(sys)->compute_energy(sys, p, dst, pd);
}

int eas_select_task_rq_fair(const struct eas_system *sys, struct eas_task *p,
			    struct eas_waker *w, uint32_t wake_flags,
			    struct eas_place_result *res)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return EAS_EINVAL;
	return EAS__OPS(sys)->select_task_rq_fair(sys, p, w, wake_flags, res);
}

int eas_select_task_rq_fair_explain(const struct eas_system *sys,
				    struct eas_task *p, struct eas_waker *w,
				    uint32_t wake_flags,
				    struct eas_place_result *res,
				    struct eas_place_steps *steps)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return EAS_EINVAL;
	return EAS__OPS(sys)->select_task_rq_fair_explain(sys, p, w, wake_flags,
							  res, steps);
}

bool eas_overutilized_update(const struct eas_system *sys, uint32_t cpu,
			     enum eas_ou_event ev, bool overutilized)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return overutilized;
	return EAS__OPS(sys)->overutilized_update(sys, cpu, ev, overutilized);
}

bool eas_overutilized_root_update(const struct eas_system *sys)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return false;
	return EAS__OPS(sys)->overutilized_root_update(sys);
}

uint64_t eas_update_misfit_status(const struct eas_system *sys,
				  const struct eas_task *p, uint32_t cpu)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return 0;
	return EAS__OPS(sys)->update_misfit_status(sys, p, cpu);
}

bool eas_check_cpu_capacity(const struct eas_system *sys, uint32_t cpu,
			    uint32_t imbalance_pct)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return false;
	return EAS__OPS(sys)->check_cpu_capacity(sys, cpu, imbalance_pct);
}

bool eas_check_misfit_status(const struct eas_system *sys, uint32_t cpu,
			     uint32_t imbalance_pct)
{
	if (!sys || !sys->pf || !sys->pf->flavour)
		return false;
	return EAS__OPS(sys)->check_misfit_status(sys, cpu, imbalance_pct);
}

bool eas_should_we_balance(const struct eas_system *sys,
			   const struct eas_lb_env *env)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return false;
	return EAS__LB_OPS(sys)->should_we_balance(sys, env);
}

uint64_t eas_lb_interval_jiffies(const struct eas_system *sys,
				 const struct eas_lb_env *env,
				 uint32_t balance_interval_ms, bool cpu_busy)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return 1;
	return EAS__LB_OPS(sys)->lb_interval_jiffies(
		sys, env, balance_interval_ms, cpu_busy);
}

uint32_t eas_lb_balance_interval_after(const struct eas_system *sys,
				       const struct eas_lb_env *env,
				       const struct eas_lb_result *res,
				       uint32_t balance_interval_ms)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return balance_interval_ms;
	return EAS__LB_OPS(sys)->lb_balance_interval_after(sys, env, res,
							   balance_interval_ms);
}

void eas_can_migrate_task(const struct eas_system *sys,
			  const struct eas_lb_env *env, uint32_t i,
			  enum eas_lb_idle idle, uint32_t nr_balance_failed,
			  uint32_t lbf_flags, struct eas_can_migrate *out)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys)) {
		if (out) {
			out->hot = -1;
			out->new_dst_cpu = -1;
		}
		return;
	}
	EAS__LB_OPS(sys)->can_migrate_task(sys, env, i, idle, nr_balance_failed,
					   lbf_flags, out);
}

int eas_task_hot(const struct eas_system *sys, const struct eas_lb_env *env,
		 uint32_t i)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return EAS_EINVAL;
	return EAS__LB_OPS(sys)->task_hot(sys, env, i);
}

int eas_detach_one_task(const struct eas_system *sys,
			const struct eas_lb_env *env, uint32_t lbf_flags,
			int32_t *task)
{
	if (task)
		*task = -1;
	if (!task || !sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return EAS_EINVAL;
	return EAS__LB_OPS(sys)->detach_one_task(sys, env, lbf_flags, task);
}

int eas_load_balance(const struct eas_system *sys, const struct eas_lb_env *env,
		     struct eas_sg_stats *groups, uint32_t max_groups,
		     struct eas_can_migrate *can_migrate,
		     struct eas_lb_result *res)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys)) {
		if (res)
			*res = (struct eas_lb_result){ 0 };
		/* a placement-only flavour object: EAS_EKERNEL */
		return sys && sys->pf && sys->pf->flavour ? EAS_EKERNEL :
							    EAS_EINVAL;
	}
	return EAS__LB_OPS(sys)->load_balance(sys, env, groups, max_groups,
					      can_migrate, res);
}

int eas_mech_decide(const struct eas_system *sys, const struct eas_lb_env *env,
		    const struct eas_lb_result *res, enum eas_mech m,
		    struct eas_mech_decision *d)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys)) {
		if (d)
			d->task_index = -1;
		/* a placement-only flavour object: EAS_EKERNEL */
		return sys && sys->pf && sys->pf->flavour ? EAS_EKERNEL :
							    EAS_EINVAL;
	}
	return EAS__LB_OPS(sys)->mech_decide(sys, env, res, m, d);
}

int eas_mech_execute(const struct eas_system *sys, const struct eas_lb_env *env,
		     const struct eas_mech_decision *d,
		     const struct eas_busiest_state *st,
		     struct eas_mech_result *r)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys)) {
		if (r)
			r->task_index = -1;
		/* a placement-only flavour object: EAS_EKERNEL */
		return sys && sys->pf && sys->pf->flavour ? EAS_EKERNEL :
							    EAS_EINVAL;
	}
	return EAS__LB_OPS(sys)->mech_execute(sys, env, d, st, r);
}

enum eas_lb_rule eas_need_active_balance(const struct eas_system *sys,
					 const struct eas_nab_input *in)
{
	if (!sys || !sys->pf || !sys->pf->flavour || !EAS__LB_OPS(sys))
		return EAS_LB_RULE_NONE;
	return EAS__LB_OPS(sys)->need_active_balance(sys, in);
}
