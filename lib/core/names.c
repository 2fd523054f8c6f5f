/* SPDX-License-Identifier: MIT */
/*
 * The *_name() functions of the placement and load-balance enums: short
 * stable strings, "unknown" for a value outside the enum. Flavour
 * independent, linked once.
 */
#include <libeas/balance.h>
#include <libeas/place.h>

/* ---------------------------------------------------------------------- */
/* Names                                                                   */
/* ---------------------------------------------------------------------- */

const char *eas_lb_idle_name(enum eas_lb_idle i)
{
	switch (i) {
	case EAS_LB_IDLE:
		return "idle";
	case EAS_LB_NEWLY_IDLE:
		return "newly_idle";
	case EAS_LB_NOT_IDLE:
		return "not_idle";
	}
	return "unknown";
}

const char *eas_group_type_name(enum eas_group_type t)
{
	switch (t) {
	case EAS_GROUP_OTHER:
		return "other";
	case EAS_GROUP_HAS_SPARE:
		return "has_spare";
	case EAS_GROUP_FULLY_BUSY:
		return "fully_busy";
	case EAS_GROUP_MISFIT_TASK:
		return "misfit_task";
	case EAS_GROUP_SMT_BALANCE:
		return "smt_balance";
	case EAS_GROUP_ASYM_PACKING:
		return "asym_packing";
	case EAS_GROUP_IMBALANCED:
		return "imbalanced";
	case EAS_GROUP_OVERLOADED:
		return "overloaded";
	}
	return "unknown";
}

const char *eas_migration_type_name(enum eas_migration_type t)
{
	switch (t) {
	case EAS_MIGRATE_LOAD:
		return "load";
	case EAS_MIGRATE_UTIL:
		return "util";
	case EAS_MIGRATE_TASK:
		return "task";
	case EAS_MIGRATE_MISFIT:
		return "misfit";
	}
	return "unknown";
}

const char *eas_lb_rule_name(enum eas_lb_rule r)
{
	switch (r) {
	case EAS_LB_RULE_NONE:
		return NULL;
	case EAS_LB_RULE_ASYM_PACKING:
		return "asym_packing";
	case EAS_LB_RULE_REDUCED_CAPACITY:
		return "reduced_capacity";
	case EAS_LB_RULE_MISFIT:
		return "misfit";
	case EAS_LB_RULE_FAILED_BALANCE:
		return "failed_balance";
	}
	return "unknown";
}

const char *eas_lb_balanced_name(enum eas_lb_balanced b)
{
	switch (b) {
	case EAS_LB_BALANCED_NOT:
		return "not_balanced";
	case EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED:
		return "eas_not_overutilized";
	case EAS_LB_BALANCED_NO_BUSIEST:
		return "no_busiest";
	case EAS_LB_BALANCED_LOCAL_BUSIER:
		return "local_busier";
	case EAS_LB_BALANCED_ABOVE_AVG:
		return "above_average";
	case EAS_LB_BALANCED_IDLE_CPUS:
		return "idle_cpus";
	case EAS_LB_BALANCED_IMBALANCE_PCT:
		return "imbalance_pct";
	case EAS_LB_BALANCED_ZERO_IMBALANCE:
		return "zero_imbalance";
	case EAS_LB_BALANCED_LOCAL_NO_SPARE:
		return "local_no_spare";
	}
	return "unknown";
}

const char *eas_cm_reason_name(enum eas_cm_reason r)
{
	switch (r) {
	case EAS_CM_OK:
		return "ok";
	case EAS_CM_THROTTLED:
		return "throttled";
	case EAS_CM_DELAYED:
		return "delayed";
	case EAS_CM_INELIGIBLE:
		return "ineligible";
	case EAS_CM_PER_CPU_KTHREAD:
		return "per_cpu_kthread";
	case EAS_CM_PINNED:
		return "pinned";
	case EAS_CM_RUNNING:
		return "running";
	case EAS_CM_CACHE_HOT:
		return "cache_hot";
	case EAS_CM_BLOCKED:
		return "blocked";
	}
	return "unknown";
}

const char *eas_mech_name(enum eas_mech m)
{
	switch (m) {
	case EAS_MECH_STOPPER:
		return "stopper";
	case EAS_MECH_BALANCE_CALLBACK:
		return "balance_callback";
	case EAS_MECH_FIFO1_THREAD:
		return "fifo1_thread";
	}
	return "unknown";
}

const char *eas_mech_when_name(enum eas_mech_when w)
{
	switch (w) {
	case EAS_MECH_WHEN_NEVER:
		return "never";
	case EAS_MECH_WHEN_NOW:
		return "now";
	case EAS_MECH_WHEN_TARGET_SCHEDULES_OUT:
		return "target_schedules_out";
	case EAS_MECH_WHEN_NO_RT_RUNNABLE:
		return "no_rt_runnable";
	}
	return "unknown";
}

const char *eas_mech_reason_name(enum eas_mech_reason r)
{
	switch (r) {
	case EAS_MECH_OK:
		return "ok";
	case EAS_MECH_NOT_NEEDED:
		return "not_needed";
	case EAS_MECH_CURR_PINNED:
		return "curr_pinned";
	case EAS_MECH_ALREADY_ACTIVE:
		return "already_active";
	case EAS_MECH_CPU_INACTIVE:
		return "cpu_inactive";
	case EAS_MECH_NOT_ACTIVE_BALANCE:
		return "not_active_balance";
	case EAS_MECH_NR_RUNNING_LE1:
		return "nr_running_le1";
	case EAS_MECH_NO_MOVABLE_TASK:
		return "no_movable_task";
	case EAS_MECH_TARGET_NOT_CFS:
		return "target_not_cfs";
	case EAS_MECH_TARGET_NOT_RUNNING:
		return "target_not_running";
	case EAS_MECH_TARGET_MOVED:
		return "target_moved";
	case EAS_MECH_TARGET_NOT_ALLOWED:
		return "target_not_allowed";
	case EAS_MECH_WAITING:
		return "waiting";
	case EAS_MECH_NOT_REACHED:
		return "not_reached";
	}
	return "unknown";
}

const char *eas_sched_class_name(enum eas_sched_class c)
{
	switch (c) {
	case EAS_CLASS_IDLE:
		return "idle";
	case EAS_CLASS_CFS:
		return "cfs";
	case EAS_CLASS_RT:
		return "rt";
	case EAS_CLASS_DL:
		return "dl";
	case EAS_CLASS_STOP:
		return "stop";
	}
	return "unknown";
}

const char *eas_switch_out_name(enum eas_switch_out s)
{
	switch (s) {
	case EAS_SWITCH_OUT_NONE:
		return NULL;
	case EAS_SWITCH_OUT_PREEMPTED_BY_RT:
		return "target_preempted_by_rt";
	case EAS_SWITCH_OUT_PREEMPTED_BY_CFS:
		return "target_preempted_by_cfs";
	case EAS_SWITCH_OUT_BLOCKS:
		return "target_blocks";
	}
	return "unknown";
}

const char *eas_place_path_name(enum eas_place_path p)
{
	switch (p) {
	case EAS_PATH_EAS:
		return "eas";
	case EAS_PATH_WAKE_AFFINE:
		return "wake_affine";
	case EAS_PATH_IDLE_SIBLING:
		return "idle_sibling";
	case EAS_PATH_IDLEST:
		return "idlest";
	case EAS_PATH_CURRENT_CPU:
		return "current_cpu";
	}
	return "unknown";
}

const char *eas_feec_reason_name(enum eas_feec_reason r)
{
	switch (r) {
	case EAS_FEEC_NOT_RUN:
		return "not_run";
	case EAS_FEEC_OVERUTILIZED:
		return "overutilized";
	case EAS_FEEC_NO_PD:
		return "no_perf_domains";
	case EAS_FEEC_NO_ASYM_SD:
		return "no_asym_domain";
	case EAS_FEEC_ZERO_UTIL:
		return "zero_util";
	case EAS_FEEC_NO_CANDIDATE:
		return "no_candidate";
	case EAS_FEEC_ENERGY:
		return "energy";
	case EAS_FEEC_PREV_UNFIT:
		return "prev_unfit";
	case EAS_FEEC_PREV_MARGIN:
		return "prev_margin";
	case EAS_FEEC_PREV_BEST:
		return "prev_best";
	case EAS_FEEC_BELOW_BASE:
		return "below_base";
	case EAS_FEEC_FITS:
		return "fits";
	case EAS_FEEC_CAPACITY:
		return "capacity";
	}
	return "unknown";
}

const char *eas_no_eas_reason_name(enum eas_no_eas_reason r)
{
	static const char *const n[] = { "none",	"not_wakeup",
					 "current_cpu", "platform",
					 "disabled",	"overutilized",
					 "declined" };

	return (uint32_t)r < sizeof(n) / sizeof(n[0]) ? n[r] : "unknown";
}

const char *eas_step_kind_name(enum eas_step_kind k)
{
	static const char *const n[] = {
		"target",	 "prev",      "recent",	    "kthread",
		"idle_capacity", "idle_core", "idle_cpu",   "idle_smt",
		"fallback",	 "group",     "group_pick", "group_cpu"
	};

	return (uint32_t)k < sizeof(n) / sizeof(n[0]) ? n[k] : "unknown";
}

const char *eas_step_test_name(enum eas_step_test t)
{
	static const char *const n[] = { "idle",
					 "sched_idle",
					 "busy",
					 "unfit",
					 "not_shared",
					 "not_allowed",
					 "scan_limit",
					 "core_idle",
					 "core_busy",
					 "kthread_stack",
					 "local",
					 "idlest",
					 "most_spare",
					 "idlest_most_spare",
					 "not_better",
					 "pick_idlest",
					 "pick_most_spare",
					 "local_spare",
					 "local_load",
					 "local_type",
					 "local_idle_cpus",
					 "local_capacity",
					 "no_group",
					 "this_cpu" };

	return (uint32_t)t < sizeof(n) / sizeof(n[0]) ? n[t] : "unknown";
}
