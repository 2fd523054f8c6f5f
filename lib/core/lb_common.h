/* SPDX-License-Identifier: MIT */
/*
 * Small load-balance helpers shared by the flavours' balance code
 * (the balance.c of each flavour) and the flavour-independent lb_state.c.
 */
#ifndef EAS_CORE_LB_COMMON_H
#define EAS_CORE_LB_COMMON_H

#include <libeas/balance.h>

/* Class of busiest->curr at decision time: the running CFS task of
 * env, else a task of another class (RT unless DL / stop is stated). */
static inline enum eas_sched_class
decision_curr_class(const struct eas_lb_env *env)
{
	if (env->src_curr_is_cfs)
		return EAS_CLASS_CFS;
	if (env->src_curr_class == EAS_CLASS_DL ||
	    env->src_curr_class == EAS_CLASS_STOP)
		return env->src_curr_class;
	return EAS_CLASS_RT;
}

/* rt_rq->rt_nr_running of src at decision time: an RT curr is one. */
static inline uint32_t decision_rt_nr_running(const struct eas_lb_env *env)
{
	if (!env->src_rt_nr_running && decision_curr_class(env) == EAS_CLASS_RT)
		return 1;
	return env->src_rt_nr_running;
}

#endif /* EAS_CORE_LB_COMMON_H */
