/* SPDX-License-Identifier: MIT */
/*
 * Load balance: the root domain's overutilized flag, misfit tasks, the
 * group statistics of one load-balance pass, need_active_balance(),
 * can_migrate_task() / detach_one_task(), and three ways to carry out an
 * active balance, for both kernel flavours (kernel-eas.md §3.6, §5, §6;
 * docs/balance.md).
 *
 * Kernel counterparts (v5.4 / v6.19 kernel/sched/fair.c):
 *   cpu_overutilized, update_overutilized_status /
 *   check_update_overutilized_status, update_sd_lb_stats (root level),
 *   update_misfit_status, set_task_max_allowed_capacity (v6.19),
 *   check_misfit_status, check_cpu_capacity, update_sg_lb_stats,
 *   group_classify, update_sd_pick_busiest, find_busiest_group /
 *   sched_balance_find_src_group, calculate_imbalance, find_busiest_queue /
 *   sched_balance_find_src_rq, asym_active_balance,
 *   voluntary_active_balance (v5.4), imbalanced_active_balance (v6.19),
 *   need_active_balance, can_migrate_task, task_hot, detach_one_task,
 *   load_balance / sched_balance_rq (active-balance kick),
 *   active_load_balance_cpu_stop.
 *
 * Everything is freestanding: no allocation, caller-owned buffers sized by
 * the macros below, no global state. All functions only read their inputs
 * and are safe to call concurrently.
 */
#ifndef LIBEAS_BALANCE_H
#define LIBEAS_BALANCE_H

#include <libeas/common.h>
#include <libeas/kernel.h>
#include <libeas/place.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The overutilized-flag and misfit helpers (eas_overutilized_update(),
 * eas_update_misfit_status(), ...) are declared in <libeas/kernel.h>,
 * included above. */

/* ---------------------------------------------------------------------- */
/* One load-balance pass: inputs                                          */
/* ---------------------------------------------------------------------- */

/* enum cpu_idle_type of the balancing (destination) CPU. */
enum eas_lb_idle {
	EAS_LB_IDLE = 0,       /* CPU_IDLE: periodic balance of an idle CPU */
	EAS_LB_NEWLY_IDLE = 1, /* CPU_NEWLY_IDLE: newidle balance */
	EAS_LB_NOT_IDLE = 2,   /* CPU_NOT_IDLE: periodic, dst busy */
};
/* "idle", "newly_idle", "not_idle". */
EAS_API const char *eas_lb_idle_name(enum eas_lb_idle i);

/* sysctl_sched_migration_cost default (ns) and its "-1" value. */
#define EAS_MIGRATION_COST_DEFAULT_NS 500000u
#define EAS_MIGRATION_COST_ALWAYS_HOT UINT64_MAX

/* Scheduling class of a task on the busiest CPU (busiest->curr, the
 * balance callback's target). */
enum eas_sched_class {
	EAS_CLASS_IDLE = 0,
	EAS_CLASS_CFS = 1,
	EAS_CLASS_RT = 2,
	EAS_CLASS_DL = 3,
	EAS_CLASS_STOP = 4,
};
/* "idle", "cfs", "rt", "dl", "stop". */
EAS_API const char *eas_sched_class_name(enum eas_sched_class c);

/* One task of the source CPU's CFS list (rq->cfs_tasks). */
struct eas_lb_task {
	/* Signals. task.is_current = task_running(src_rq, p) (on the CPU now);
	 * task.exec_start / task.policy / task.cpus_allowed /
	 * task.per_cpu_kthread / task.h_load / task.util_* are read. */
	struct eas_task task;
	bool next_buddy; /* cfs_rq->next == se (CACHE_HOT_BUDDY) */
	bool last_buddy; /* v5.4: cfs_rq->last == se (CACHE_HOT_BUDDY) */
	bool throttled;	 /* throttled_lb_pair() / lb_throttled_hierarchy */
	bool delayed;	 /* v6.19 se.sched_delayed (dequeue delayed) */
	bool ineligible; /* v6.19 task_is_ineligible_on_dst_cpu() */
	bool blocked;	 /* v6.19 proxy-exec blocked donor */
	bool numa_hot;	 /* migrate_degrades_locality() > 0 (default: n/a) */
};

/*
 * The balance attempt: dst_cpu (this_cpu, the puller) balances the domain
 * at `level` and looks at src_cpu as the busiest CPU.
 */
struct eas_lb_env {
	uint32_t src_cpu;	    /* env->src_cpu (busiest) */
	uint32_t dst_cpu;	    /* env->dst_cpu (this_cpu) */
	enum eas_lb_idle idle;	    /* env->idle */
	uint32_t nr_balance_failed; /* sd->nr_balance_failed */
	/* Platform level index of env->sd; -1 = the lowest domain of dst_cpu
	 * that spans src_cpu. */
	int32_t level;
	uint64_t migration_cost_ns; /* sysctl_sched_migration_cost; 0 means
				       0 (never hot): set the default! */
	/* src_rq->cfs_tasks from the list head (most recently picked) to the
	 * tail (least recently run); may be NULL when nr_src_tasks is 0. */
	const struct eas_lb_task *src_tasks;
	uint32_t nr_src_tasks;
	/* Extra domain flags OR-ed into the platform's for env->sd (e.g.
	 * EAS_SD_ASYM_PACKING, which platform files never derive). */
	uint32_t extra_sd_flags;
	/* arch_asym_cpu_priority() per CPU (NULL = the default -cpu: lower
	 * CPU ids preferred). */
	const int32_t *asym_prio;
	/* sgc->imbalance: groups whose first CPU is set here are "imbalanced"
	 * by an earlier pass with pinned tasks (NULL = none). */
	const eas_mask_word *sgc_imbalance;
	bool busiest_active_balance; /* busiest->active_balance already set */
	bool src_curr_is_cfs;	     /* src_rq->curr is a CFS task */
	uint32_t src_curr_id;	     /* task id of src_rq->curr */
	/* Class of src_rq->curr when src_curr_is_cfs is false:
	 * EAS_CLASS_DL or EAS_CLASS_STOP; any other value (0 too) reads as
	 * EAS_CLASS_RT. */
	enum eas_sched_class src_curr_class;
	/* RT tasks runnable on src at decision time (src_rq->rt.rt_nr_running,
	 * the running one included: set it from sys->rq[src].rt_nr_running).
	 * An RT curr counts at least 1. Read by eas_mech_decide() and
	 * eas_busiest_state_init() ("nothing changed" keeps them). */
	uint32_t src_rt_nr_running;
	/* cpus_ptr of src_rq->curr (NULL = all CPUs); the kick gives up if
	 * dst_cpu is not in it. */
	const eas_mask_word *src_curr_allowed;
	/* !CONFIG_PREEMPTION: a newidle detach_tasks() does not stop after
	 * the first task (default false: a preemptible kernel, as Android
	 * builds are). */
	bool no_preemption;
};

/* Fill *env with the kernel's quiet defaults (migration cost 500 us,
 * level -1, idle = CPU_IDLE, curr is CFS). */
EAS_API void eas_lb_env_init(struct eas_lb_env *env, uint32_t src_cpu,
			     uint32_t dst_cpu);

/* ---------------------------------------------------------------------- */
/* One load-balance pass: outputs                                         */
/* ---------------------------------------------------------------------- */

/*
 * Group types of both flavours. The numeric order is each flavour's
 * severity order (v5.4: other < misfit_task < imbalanced < overloaded;
 * v6.19: has_spare < fully_busy < misfit_task < smt_balance <
 * asym_packing < imbalanced < overloaded), so comparing values compares
 * as the kernel does.
 */
enum eas_group_type {
	EAS_GROUP_OTHER = 0,	    /* v5.4 group_other */
	EAS_GROUP_HAS_SPARE = 1,    /* v6.19 */
	EAS_GROUP_FULLY_BUSY = 2,   /* v6.19 */
	EAS_GROUP_MISFIT_TASK = 3,  /* both */
	EAS_GROUP_SMT_BALANCE = 4,  /* v6.19 */
	EAS_GROUP_ASYM_PACKING = 5, /* v6.19 */
	EAS_GROUP_IMBALANCED = 6,   /* both */
	EAS_GROUP_OVERLOADED = 7,   /* both */
};
/* Kernel name without "group_": "other", "has_spare", ... */
EAS_API const char *eas_group_type_name(enum eas_group_type t);

/* v6.19 enum migration_type. v5.4 balances load only: reported as LOAD. */
enum eas_migration_type {
	EAS_MIGRATE_LOAD = 0,
	EAS_MIGRATE_UTIL = 1,
	EAS_MIGRATE_TASK = 2,
	EAS_MIGRATE_MISFIT = 3,
};
/* "load", "util", "task", "misfit". */
EAS_API const char *eas_migration_type_name(enum eas_migration_type t);

/* Which need_active_balance() condition fired (the first in kernel order). */
enum eas_lb_rule {
	EAS_LB_RULE_NONE = 0,
	EAS_LB_RULE_ASYM_PACKING = 1,
	EAS_LB_RULE_REDUCED_CAPACITY = 2,
	EAS_LB_RULE_MISFIT = 3,
	EAS_LB_RULE_FAILED_BALANCE = 4,
};
/* "asym_packing", "reduced_capacity", "misfit", "failed_balance"; NULL for
 * NONE (no rule: tools print JSON null); "unknown" for an unknown value. */
EAS_API const char *eas_lb_rule_name(enum eas_lb_rule r);

/* struct sg_lb_stats of one sched group (both flavours' fields). */
struct eas_sg_stats {
	uint32_t first_cpu;    /* identifies the group */
	uint32_t group_weight; /* CPUs in the group */
	uint64_t group_load; /* v5.4 Σ cpu_runnable_load; v6.19 Σ cpu_load */
	uint64_t group_util; /* Σ cpu_util (v6.19 cpu_util_cfs) */
	uint64_t group_runnable; /* v6.19 Σ cpu_runnable */
	uint64_t group_capacity; /* sgc->capacity = Σ capacity_of */
	uint64_t min_capacity;	 /* sgc->min_capacity */
	uint64_t max_capacity;	 /* sgc->max_capacity */
	uint64_t avg_load;	 /* see kernel: v6.19 only for some types */
	uint64_t load_per_task;	 /* v5.4 */
	uint64_t group_misfit_task_load;
	uint32_t
		sum_nr_running; /* v5.4 Σ cfs.h_nr_running; v6.19 Σ nr_running */
	uint32_t sum_h_nr_running; /* v6.19 Σ cfs.h_nr_queued */
	uint32_t idle_cpus;
	uint32_t nr_numa_running_; /* reserved */
	enum eas_group_type group_type;
	bool local;		 /* contains dst_cpu */
	bool group_no_capacity;	 /* v5.4 */
	bool group_asym_packing; /* v6.19 */
	bool group_smt_balance;	 /* v6.19 */
	bool overloaded;	 /* SG_OVERLOAD contribution */
	bool overutilized;	 /* some CPU of the group is overutilized */
};

/* Upper bound of groups of any domain: one per CPU. */
#define EAS_LB_MAX_GROUPS(nr_cpus) ((size_t)(nr_cpus))

/* Why find_busiest_group() found nothing (EAS_LB_BALANCED_NOT means it
 * found a busiest group). */
enum eas_lb_balanced {
	EAS_LB_BALANCED_NOT = 0,
	/* EAS on, rd not overutilized */
	EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED = 1,
	EAS_LB_BALANCED_NO_BUSIEST = 2,	    /* no busiest / no running task */
	EAS_LB_BALANCED_LOCAL_BUSIER = 3,   /* local avg_load >= busiest */
	EAS_LB_BALANCED_ABOVE_AVG = 4,	    /* local above the domain average */
	EAS_LB_BALANCED_IDLE_CPUS = 5,	    /* idle: idle-CPU counts balanced */
	EAS_LB_BALANCED_IMBALANCE_PCT = 6,  /* within imbalance_pct */
	EAS_LB_BALANCED_ZERO_IMBALANCE = 7, /* calculate_imbalance() gave 0 */
	EAS_LB_BALANCED_LOCAL_NO_SPARE = 8, /* v6.19 other early outs */
};
/* "not_balanced", "eas_not_overutilized", "no_busiest", "local_busier",
 * "above_average", "idle_cpus", "imbalance_pct", "zero_imbalance",
 * "local_no_spare". */
EAS_API const char *eas_lb_balanced_name(enum eas_lb_balanced b);

/* Why can_migrate_task() said no (EAS_CM_OK: it said yes). */
enum eas_cm_reason {
	EAS_CM_OK = 0,
	EAS_CM_THROTTLED = 1,  /* throttled hierarchy */
	EAS_CM_DELAYED = 2,    /* v6.19 delayed dequeue, not migrate_load */
	EAS_CM_INELIGIBLE = 3, /* v6.19 EEVDF lag, nr_balance_failed 0 */
	EAS_CM_PER_CPU_KTHREAD = 4, /* v6.19 (and 5.4.y) */
	EAS_CM_PINNED = 5,	    /* dst_cpu not in p->cpus_ptr */
	EAS_CM_RUNNING = 6,	    /* task_running() / current donor */
	EAS_CM_CACHE_HOT = 7,	    /* task_hot() and too few failures */
	EAS_CM_BLOCKED = 8,	    /* v6.19 proxy-exec blocked donor */
};
/* "ok", "throttled", "delayed", "ineligible", "per_cpu_kthread", "pinned",
 * "running", "cache_hot", "blocked". */
EAS_API const char *eas_cm_reason_name(enum eas_cm_reason r);

/* can_migrate_task() for one task: the answer and the detail. */
struct eas_can_migrate {
	bool ok;
	enum eas_cm_reason reason;
	int8_t hot;		/* task_hot(): 1 hot, 0 not; -1 not evaluated */
	bool cache_hot_ignored; /* hot but migrated anyway (failures /
				   LBF_ACTIVE_LB) */
	int32_t new_dst_cpu;	/* LBF_DST_PINNED candidate, -1 none */
	bool detached; /* detach_tasks() of the regular pass takes it */
};

/* Load-balance flags (LBF_*) of env->flags that can_migrate_task() reads. */
#define EAS_LBF_DST_PINNED (1u << 0) /* v5.4 stopper trick */
#define EAS_LBF_ACTIVE_LB (1u << 1)  /* v6.19 stopper */

/*
 * The pass. groups: caller buffer of EAS_LB_MAX_GROUPS(nr_cpus) entries
 * (may be NULL with max_groups 0 when the caller does not want them; the
 * pass then still runs on a bounded internal walk). can_migrate: caller
 * buffer of env->nr_src_tasks entries or NULL.
 */
struct eas_lb_result {
	int32_t level;		/* sd level used */
	uint32_t imbalance_pct; /* sd->imbalance_pct */
	uint32_t cache_nice_tries;
	uint32_t sd_flags;	  /* EAS_SD_* of env->sd (+ extra flags) */
	bool overutilized_before; /* rd->overutilized as given / computed */
	bool overutilized;	  /* after update_sd_lb_stats() of this sd */
	/* update_sd_lb_stats / find_busiest_group */
	uint32_t nr_groups;
	int32_t local_group;   /* index into groups[] */
	int32_t busiest_group; /* -1: none */
	enum eas_lb_balanced balanced;
	enum eas_group_type src_grp_type; /* busiest group's type */
	enum eas_migration_type migration_type;
	uint64_t imbalance;  /* env->imbalance */
	int32_t busiest_cpu; /* find_busiest_queue(); -1 none */
	/* rq->misfit_task_load of src_cpu (as given in the signals). */
	uint64_t misfit_task_load;
	/* need_active_balance() for env (src = env->src_cpu), asked only
	 * when `reached`; false / EAS_LB_RULE_NONE otherwise (the kernel
	 * never computes it then). */
	bool need_active_balance;
	enum eas_lb_rule rule;
	/* load_balance(): the active-balance kick for env. */
	bool kick;	  /* active_balance set, mechanism started */
	bool kick_pinned; /* gave up: dst not allowed for src curr */
	bool kick_busy;	  /* gave up: busiest->active_balance set */
	/* sd->nr_balance_failed when the pass ends: 0 when it finds no
	 * busiest group or rq (out_balanced -> out_all_pinned), when tasks
	 * moved (ld_moved) and when all tasks were pinned with no CPU left
	 * to retry (out_all_pinned); when `reached`, nr_balance_failed_seen
	 * (v5.4: cache_nice_tries + 1 after a kick that was not
	 * curr_pinned). See nr_balance_failed_after_known. */
	uint32_t nr_balance_failed_after;
	/* detach_one_task() with the active-balance flags of the flavour
	 * (v5.4 LBF_DST_PINNED, v6.19 LBF_ACTIVE_LB) and idle = CPU_IDLE:
	 * index into env->src_tasks, -1 none. */
	int32_t detach_one_index;
	/* can_migrate_task() with env->idle / nr_balance_failed and no LBF
	 * flags (a regular detach_tasks() pass), per task. */
	struct eas_can_migrate *can_migrate; /* as given */
	struct eas_sg_stats *groups;	     /* as given */
	/* The pass reaches the active-balance step for env: a busiest group
	 * was found, find_busiest_queue() picked env->src_cpu and
	 * detach_tasks() moved nothing (ld_moved == 0). */
	bool reached;
	uint32_t nr_detached; /* tasks detach_tasks() would move */
	/* The value need_active_balance() reads when `reached`: before + 1
	 * (not for newidle; v6.19 not for migrate_misfit). Not reached: the
	 * value before the pass (no increment happens). */
	uint32_t nr_balance_failed_seen;
	/* LBF_ALL_PINNED after detach_tasks(): every task examined was
	 * pinned away from dst, so load_balance() retries without this
	 * CPU and never asks need_active_balance() for it. */
	bool all_pinned;
	/* False when this input does not decide the final counter: the
	 * busiest CPU is another CPU than src_cpu (the kernel goes on with
	 * it: call again with src_cpu = busiest_cpu), or all tasks were
	 * pinned and load_balance() redoes the search without src_cpu (not
	 * modelled). nr_balance_failed_after then holds the value before
	 * the pass: the kernel has not written the counter yet. */
	bool nr_balance_failed_after_known;
};

/*
 * Run the pass for env on sys. groups / max_groups: caller buffer for the
 * per-group statistics (EAS_LB_MAX_GROUPS(nr_cpus) always suffices);
 * EAS_ENOSPC if the domain has more groups than max_groups. can_migrate:
 * NULL or env->nr_src_tasks entries.
 * Returns 0, EAS_EINVAL (bad CPU ids, level that does not span both CPUs,
 * src == dst, NULL pointers).
 */
EAS_API int eas_load_balance(const struct eas_system *sys,
			     const struct eas_lb_env *env,
			     struct eas_sg_stats *groups, uint32_t max_groups,
			     struct eas_can_migrate *can_migrate,
			     struct eas_lb_result *res);

/*
 * should_we_balance(env): does env->dst_cpu balance env->sd at all? Only
 * one CPU of the local group does a periodic balance: the first idle one
 * of the group (ascending), else the group's first CPU; newidle balancing
 * is done by every CPU (v6.19: unless the CPU got a task meanwhile,
 * nr_running > 0). False when dst is inactive. src_cpu is used only to
 * pick the default domain (level -1). SMT siblings are not considered.
 */
EAS_API bool eas_should_we_balance(const struct eas_system *sys,
				   const struct eas_lb_env *env);

/*
 * Balance intervals. sd->balance_interval is kept in ms by the caller,
 * starting at sd->min_interval = the domain's weight; max_interval is
 * twice the weight (sd_init()).
 *
 * eas_lb_interval_jiffies(): get_sd_balance_interval(sd, cpu_busy): the
 * interval times busy_factor when busy, msecs_to_jiffies() for sys->hz
 * (round up), v6.19 minus one jiffy when busy, clamped to
 * [1, HZ * nr_online_cpus / 10].
 *
 * eas_lb_balance_interval_after(): sd->balance_interval after the pass
 * described by res: reset to min_interval when tasks moved or the pass
 * was unbalanced without an active balance (v5.4: also with a voluntary
 * one, v6.19: whenever need_active_balance()); doubled up to
 * max_interval when balanced, and up to MAX_PINNED_INTERVAL (512) when
 * all tasks were pinned; v5.4 doubles after a failed-balance kick; never
 * increased for newidle (v6.19: nor for migrate_misfit).
 */
EAS_API uint64_t eas_lb_interval_jiffies(const struct eas_system *sys,
					 const struct eas_lb_env *env,
					 uint32_t balance_interval_ms,
					 bool cpu_busy);
EAS_API uint32_t eas_lb_balance_interval_after(const struct eas_system *sys,
					       const struct eas_lb_env *env,
					       const struct eas_lb_result *res,
					       uint32_t balance_interval_ms);

/*
 * need_active_balance() on its own, for callers that know the busiest
 * group's type (v5.4 env->src_grp_type) and the migration type (v6.19).
 * imbalance_pct / cache_nice_tries / sd_flags of env->sd.
 */
struct eas_nab_input {
	uint32_t src_cpu, dst_cpu;
	enum eas_lb_idle idle;
	uint32_t nr_balance_failed;
	uint32_t imbalance_pct;
	uint32_t cache_nice_tries;
	uint32_t sd_flags;
	const int32_t *asym_prio;		/* NULL = -cpu */
	enum eas_group_type src_grp_type;	/* v5.4 */
	enum eas_migration_type migration_type; /* v6.19 */
};
EAS_API enum eas_lb_rule
eas_need_active_balance(const struct eas_system *sys,
			const struct eas_nab_input *in);

/*
 * can_migrate_task(p, env) for task index i of env->src_tasks, with
 * lbf_flags (EAS_LBF_*) and the idle type / failure count given (the
 * active-balance stopper uses EAS_LB_IDLE). Clock: rq_clock_task(src) =
 * sys->rq[src].clock_task; task_hot() is
 * clock - p->exec_start < migration_cost (signed, as the kernel's s64).
 */
EAS_API void eas_can_migrate_task(const struct eas_system *sys,
				  const struct eas_lb_env *env, uint32_t i,
				  enum eas_lb_idle idle,
				  uint32_t nr_balance_failed,
				  uint32_t lbf_flags,
				  struct eas_can_migrate *out);

/* task_hot(p, env): 1 hot, 0 not (see above); EAS_EINVAL for bad
 * arguments (NULL, i not below env->nr_src_tasks, a domain level the
 * platform lacks), never confused with "not hot". */
EAS_API int eas_task_hot(const struct eas_system *sys,
			 const struct eas_lb_env *env, uint32_t i);

/*
 * detach_one_task(): walk env->src_tasks from the tail (least recently
 * run) and set *task to the index of the first task can_migrate_task()
 * accepts with the given flags (idle = CPU_IDLE as the stopper sets), or
 * to -1 when none does. Returns 0, or EAS_EINVAL for bad arguments (NULL,
 * a domain level the platform lacks; *task = -1 then too): "no task" and
 * "error" are told apart by the return value, not by *task.
 */
EAS_API int eas_detach_one_task(const struct eas_system *sys,
				const struct eas_lb_env *env,
				uint32_t lbf_flags, int32_t *task);

/* ---------------------------------------------------------------------- */
/* Active balance: three mechanisms, decide now / execute later            */
/* ---------------------------------------------------------------------- */

enum eas_mech {
	EAS_MECH_STOPPER = 0,	       /* kernel: stop_one_cpu_nowait() */
	EAS_MECH_BALANCE_CALLBACK = 1, /* Yafang Shao's July 2021 RFC */
	EAS_MECH_FIFO1_THREAD = 2, /* Peter Zijlstra: SCHED_FIFO-1 kthread */
};
#define EAS_MECH_COUNT 3
/* "stopper", "balance_callback", "fifo1_thread". */
EAS_API const char *eas_mech_name(enum eas_mech m);

/* When the mechanism runs on the busiest CPU. */
enum eas_mech_when {
	EAS_MECH_WHEN_NEVER = 0,		/* not started */
	EAS_MECH_WHEN_NOW = 1,			/* stopper: preempts anything */
	EAS_MECH_WHEN_TARGET_SCHEDULES_OUT = 2, /* balance callback */
	EAS_MECH_WHEN_NO_RT_RUNNABLE = 3, /* FIFO-1: no RT task runnable */
};
/* "never", "now", "target_schedules_out", "no_rt_runnable". */
EAS_API const char *eas_mech_when_name(enum eas_mech_when w);

/* Why a mechanism did not (or will not) move a task. */
enum eas_mech_reason {
	EAS_MECH_OK = 0,		 /* moved / will try */
	EAS_MECH_NOT_NEEDED = 1,	 /* need_active_balance() false */
	EAS_MECH_CURR_PINNED = 2,	 /* dst not allowed for busiest->curr */
	EAS_MECH_ALREADY_ACTIVE = 3,	 /* busiest->active_balance was set */
	EAS_MECH_CPU_INACTIVE = 4,	 /* src or dst CPU not active */
	EAS_MECH_NOT_ACTIVE_BALANCE = 5, /* active_balance cleared meanwhile */
	EAS_MECH_NR_RUNNING_LE1 = 6,	 /* busiest nr_running <= 1 */
	EAS_MECH_NO_MOVABLE_TASK = 7,	 /* detach_one_task() found none */
	EAS_MECH_TARGET_NOT_CFS = 8,	 /* callback: target left CFS */
	EAS_MECH_TARGET_NOT_RUNNING = 9, /* callback: target was not running */
	EAS_MECH_TARGET_MOVED = 10,	 /* callback: target not on busiest */
	EAS_MECH_TARGET_NOT_ALLOWED = 11, /* callback: dst not allowed */
	EAS_MECH_WAITING = 12,		  /* cannot run yet (not an end) */
	EAS_MECH_NOT_REACHED = 13, /* the pass never asks (balanced, other
					   busiest CPU, or tasks were pulled) */
};
/* Number of reasons: valid values are 0 .. EAS_MECH_REASON_COUNT - 1. */
#define EAS_MECH_REASON_COUNT 14u
/* "ok", "not_needed", "curr_pinned", "already_active", "cpu_inactive",
 * "not_active_balance", "nr_running_le1", "no_movable_task",
 * "target_not_cfs", "target_not_running", "target_moved",
 * "target_not_allowed", "waiting", "not_reached". */
EAS_API const char *eas_mech_reason_name(enum eas_mech_reason r);

/* Conditions the execution phase re-checks (struct eas_mech_decision
 * .must_hold bits). */
#define EAS_HOLD_CPUS_ACTIVE (1u << 0)	  /* src and dst still active */
#define EAS_HOLD_ACTIVE_BALANCE (1u << 1) /* busiest->active_balance set */
#define EAS_HOLD_NR_RUNNING_GT1 (1u << 2) /* busiest nr_running > 1 */
#define EAS_HOLD_MOVABLE_TASK (1u << 3)	  /* detach_one_task() finds one */
#define EAS_HOLD_TARGET_CFS (1u << 4)	  /* target still a CFS task */
#define EAS_HOLD_TARGET_RUNNING (1u << 5) /* target was running */
#define EAS_HOLD_TARGET_ON_SRC (1u << 6)  /* task_cpu(target) == src */
#define EAS_HOLD_TARGET_ALLOWED (1u << 7) /* dst in target's cpus_ptr */
#define EAS_HOLD_NO_RT_RUNNABLE (1u << 8) /* no runnable RT task on src */

/* Decision phase (at load_balance() time). */
struct eas_mech_decision {
	enum eas_mech mech;
	bool started; /* active_balance set and mechanism queued */
	enum eas_mech_reason reason; /* EAS_MECH_OK if started */
	enum eas_mech_when when;
	int32_t task_index; /* predicted task (index in env->src_tasks),
				     -1 none */
	uint32_t task_id;   /* its eas_task.id (callback: the target =
				     busiest->curr at decision time) */
	uint32_t must_hold; /* EAS_HOLD_* */
	/* Predicted with the decision-time state (nothing changed): the
	 * stopper preempts busiest->curr (CFS, RT or DL); the FIFO-1 thread
	 * preempts a CFS curr, unless an RT task is runnable (it runs after
	 * the RT work, before any CFS task: nothing); the callback nothing. */
	bool preempts_cfs;
	bool preempts_rt;
	bool preempts_dl;
	/* Class of busiest->curr at decision time: the balance callback's
	 * target. A target of another class than CFS is never moved (the
	 * RFC's fair_sched_class test): task_index is then -1. */
	enum eas_sched_class curr_class;
	uint32_t context_switches; /* switches on src caused by the
				      mechanism's own thread (in + out) */
	bool holds_active_balance; /* busiest->active_balance stays 1 until
				      it runs (blocks other attempts) */
	uint32_t src_cpu, dst_cpu;
	uint32_t lbf_flags; /* flags the detach will use */
	/* sd->nr_balance_failed the detach will see (v5.4: the kick set it
	 * to cache_nice_tries + 1, so cache hotness no longer holds) */
	uint32_t nr_balance_failed;
};

/*
 * Decide for mechanism m: given the pass's result (eas_load_balance()),
 * whether the mechanism is started and what it would do.
 */
EAS_API int eas_mech_decide(const struct eas_system *sys,
			    const struct eas_lb_env *env,
			    const struct eas_lb_result *res, enum eas_mech m,
			    struct eas_mech_decision *d);

/* State of the busiest CPU when the mechanism would run. */
struct eas_busiest_state {
	bool src_active, dst_active;	 /* cpu_active() */
	bool active_balance;		 /* busiest->active_balance still set */
	enum eas_sched_class curr_class; /* class of busiest->curr now */
	uint32_t curr_id;		 /* task id of busiest->curr */
	uint32_t nr_running;		 /* busiest->nr_running, not counting
					the mechanism's own thread (the
					stopper / FIFO-1 give up at 0, the
					callback at <= 1) */
	uint32_t rt_nr_runnable;	 /* runnable RT tasks on busiest */
	/* The target (busiest->curr at decision time) at that moment: for
	 * the balance callback when it schedules out; for the stopper and
	 * the FIFO-1 thread when they run, if src_tasks below is not given
	 * (a CFS target that left CFS, blocked or sits on another CPU is
	 * not on cfs_tasks: detach_one_task() cannot find it; a non-NULL
	 * target_allowed is its cpus_ptr there). */
	enum eas_sched_class target_class;
	bool target_was_running; /* still runnable (preempted, not asleep) */
	uint32_t target_cpu;	 /* task_cpu(target) */
	const eas_mask_word *target_allowed; /* NULL = all CPUs (callback) /
						as listed (stopper, FIFO-1) */
	/* busiest's cfs_tasks now (for detach_one_task), taken as is; NULL
	 * with 0 = the decision-time list of env, adjusted by the target
	 * fields. */
	const struct eas_lb_task *src_tasks;
	uint32_t nr_src_tasks;
};

/* Fill *st as "nothing changed since the decision": both CPUs active,
 * active_balance set, curr = busiest->curr of env (its class: CFS, or
 * env->src_curr_class), rt_nr_runnable = env->src_rt_nr_running (at
 * least 1 with an RT curr), nr_running = the CFS tasks of env + those RT
 * tasks (+ 1 for a DL / stop curr), the target (busiest->curr at
 * decision) still runnable on src with its class and affinity. (A lone
 * target cannot switch out while runnable: use
 * eas_busiest_state_switch_out() for the callback.) */
EAS_API void eas_busiest_state_init(struct eas_busiest_state *st,
				    const struct eas_lb_env *env);

/* The target's next switch-out when nothing else changes (what the
 * balance callback waits for). */
enum eas_switch_out {
	EAS_SWITCH_OUT_NONE = 0,
	/* a CFS target, an RT task runnable on src: the RT task preempts it
	 * (the RFC's own case) */
	EAS_SWITCH_OUT_PREEMPTED_BY_RT = 1,
	/* a CFS target, other CFS tasks queued: one of them preempts it */
	EAS_SWITCH_OUT_PREEMPTED_BY_CFS = 2,
	/* otherwise (a lone CFS target, any RT / DL target) it blocks */
	EAS_SWITCH_OUT_BLOCKS = 3,
};
/* "target_preempted_by_rt", "target_preempted_by_cfs", "target_blocks";
 * NULL for NONE (no switch-out); "unknown" for an unknown value. */
EAS_API const char *eas_switch_out_name(enum eas_switch_out s);

/*
 * Turn st (eas_busiest_state_init() of env) into the state at the
 * target's next switch-out and say which one it is. Preempted: curr_class
 * becomes the preempting class, the target stays runnable. Blocks:
 * target_running false, the target leaves nr_running (and rt_nr_runnable
 * for an RT target), curr_class the class picked next.
 */
EAS_API enum eas_switch_out
eas_busiest_state_switch_out(struct eas_busiest_state *st,
			     const struct eas_lb_env *env);

/*
 * The FIFO-1 thread's second chance: st once the RT work on src is gone
 * (the RT tasks, and a DL / stop curr, left: nr_running drops by
 * rt_nr_runnable, + 1 for a DL / stop curr; rt_nr_runnable 0; curr_class
 * idle, i.e. the thread is picked before any CFS task and preempts
 * nothing).
 */
EAS_API void eas_busiest_state_rt_done(struct eas_busiest_state *st);

/* Execution phase result. */
struct eas_mech_result {
	bool ran; /* the mechanism ran (false: still waiting
				     or never started) */
	bool moved;
	enum eas_mech_reason reason; /* EAS_MECH_OK if moved */
	int32_t task_index; /* moved task: index into st->src_tasks when
				     given, else into env->src_tasks; -1 if
				     the callback's target is not listed */
	uint32_t task_id;
	bool preempted_cfs; /* it preempted a running CFS task */
	bool preempted_rt;  /* it preempted a running RT task (latency) */
	bool preempted_dl;  /* it preempted a running DL task (stopper) */
	uint32_t context_switches;
	bool active_balance_after;    /* busiest->active_balance afterwards */
	bool reset_nr_balance_failed; /* success: sd->nr_balance_failed = 0 */
};

/*
 * Execute decision d against the busiest CPU's state st. sys/env give the
 * clock and the platform; st->src_tasks (or env's) the list to detach
 * from. A mechanism whose time has not come (FIFO-1 with an RT task
 * runnable) returns ran = false, reason EAS_MECH_WAITING. A mechanism
 * that was never started returns ran = false, the decision's reason and
 * active_balance_after = env->busiest_active_balance (load_balance()
 * did not touch the flag). v6.19 balance callback with src inactive:
 * sched_cpu_deactivate() -> balance_push_set() replaced the pending
 * callback, so it never runs: ran = false, EAS_MECH_CPU_INACTIVE and
 * active_balance_after = st->active_balance (nothing clears
 * busiest->active_balance).
 */
EAS_API int eas_mech_execute(const struct eas_system *sys,
			     const struct eas_lb_env *env,
			     const struct eas_mech_decision *d,
			     const struct eas_busiest_state *st,
			     struct eas_mech_result *r);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_BALANCE_H */
