/* SPDX-License-Identifier: MIT */
/*
 * The load-balance helpers no flavour changes (include/libeas/balance.h):
 * eas_lb_env_init() and the busiest-CPU state machine the mechanisms of
 * every flavour share (the __schedule() outcomes on busiest). They take no
 * system, so they live outside the per-flavour folders and are linked
 * once whatever flavour a program names.
 */
#include <libeas/balance.h>
#include <libeas/error.h>

#include "internal.h"
#include "lb_common.h"

void eas_busiest_state_init(struct eas_busiest_state *st,
			    const struct eas_lb_env *env)
{
	if (!st)
		return;
	*st = (struct eas_busiest_state){ 0 };
	st->src_active = true;
	st->dst_active = true;
	st->active_balance = true;
	st->curr_class = EAS_CLASS_CFS;
	st->target_class = EAS_CLASS_CFS;
	st->target_was_running = true;
	if (!env)
		return;
	/* nothing changed: busiest->curr (the target) and every task
	 * runnable at decision time, RT ones included (rq->nr_running
	 * counts all classes) */
	st->curr_class = decision_curr_class(env);
	st->target_class = st->curr_class;
	st->curr_id = env->src_curr_id;
	st->target_cpu = env->src_cpu;
	st->target_allowed = env->src_curr_allowed;
	st->rt_nr_runnable = decision_rt_nr_running(env);
	st->nr_running = env->nr_src_tasks + st->rt_nr_runnable;
	if (st->curr_class == EAS_CLASS_DL || st->curr_class == EAS_CLASS_STOP)
		st->nr_running++;
}

/* The class __schedule() picks next on a src described by st (the
 * target, if it left, already taken out). */
static enum eas_sched_class next_class(const struct eas_busiest_state *st)
{
	if (st->rt_nr_runnable)
		return EAS_CLASS_RT;
	return st->nr_running ? EAS_CLASS_CFS : EAS_CLASS_IDLE;
}

enum eas_switch_out eas_busiest_state_switch_out(struct eas_busiest_state *st,
						 const struct eas_lb_env *env)
{
	if (!st || !env)
		return EAS_SWITCH_OUT_NONE;
	if (st->target_class == EAS_CLASS_CFS) {
		/* check_preempt_curr() / wakeup_preempt(): a runnable RT
		 * task preempts the CFS curr at the next __schedule() */
		if (st->rt_nr_runnable) {
			st->curr_class = EAS_CLASS_RT;
			st->target_was_running = true;
			return EAS_SWITCH_OUT_PREEMPTED_BY_RT;
		}
		/* another queued CFS task gets the CPU at a tick */
		if (env->nr_src_tasks > 1) {
			st->curr_class = EAS_CLASS_CFS;
			st->target_was_running = true;
			return EAS_SWITCH_OUT_PREEMPTED_BY_CFS;
		}
	}
	/* a lone CFS target, or an RT / DL target nothing of a higher
	 * priority preempts: it blocks and is dequeued */
	st->target_was_running = false;
	if (st->nr_running)
		st->nr_running--;
	if (st->target_class == EAS_CLASS_RT && st->rt_nr_runnable)
		st->rt_nr_runnable--;
	st->curr_class = next_class(st);
	return EAS_SWITCH_OUT_BLOCKS;
}

void eas_busiest_state_rt_done(struct eas_busiest_state *st)
{
	uint32_t gone;

	if (!st)
		return;
	/* the RT tasks left src (they block or migrate): rq->nr_running
	 * drops by them, and by a DL / stop curr */
	gone = st->rt_nr_runnable;
	if (st->curr_class == EAS_CLASS_DL || st->curr_class == EAS_CLASS_STOP)
		gone++;
	st->nr_running = st->nr_running > gone ? st->nr_running - gone : 0;
	st->rt_nr_runnable = 0;
	/* the FIFO-1 thread is the highest runnable task: picked at once,
	 * it preempts nothing */
	st->curr_class = EAS_CLASS_IDLE;
}

/* ---------------------------------------------------------------------- */
/* The balancing domain and its groups                                     */
/* ---------------------------------------------------------------------- */

void eas_lb_env_init(struct eas_lb_env *env, uint32_t src_cpu, uint32_t dst_cpu)
{
	if (!env)
		return;
	*env = (struct eas_lb_env){ 0 };
	env->src_cpu = src_cpu;
	env->dst_cpu = dst_cpu;
	env->idle = EAS_LB_IDLE;
	env->level = -1;
	env->migration_cost_ns = EAS_MIGRATION_COST_DEFAULT_NS;
	env->src_curr_is_cfs = true;
}
