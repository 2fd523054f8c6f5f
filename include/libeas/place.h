/* SPDX-License-Identifier: MIT */
/*
 * Wake-up placement: select_task_rq_fair() of both kernel flavours with its
 * three paths (energy-aware find_energy_efficient_cpu(), the slow path
 * find_idlest_cpu() / sched_balance_find_dst_cpu(), the fast path
 * wake_affine() + select_idle_sibling()), and the building blocks they use,
 * each explainable (kernel-eas.md §3, §4; docs/placement.md).
 *
 * Every function is pure with respect to the system: it reads the platform
 * and the signals and writes only the caller's result structs and the
 * in/out fields of the task and the waker that the kernel mutates
 * (record_wakee(), recent_used_cpu). No allocation, no globals; the only
 * memory is the caller's optional candidate and step arrays.
 *
 * Flavour = sys->pf->kernel. CPU arguments must be < sys->pf->nr_cpus.
 */
#ifndef LIBEAS_PLACE_H
#define LIBEAS_PLACE_H

#include <libeas/common.h>
#include <libeas/kernel.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Wake flags, with v6.19's values (WF_EXEC/FORK/TTWU equal
 * SD_BALANCE_EXEC/FORK/WAKE there). Exactly one of EXEC / FORK / TTWU.
 * v5.4 passes the sd_flag separately and has WF_SYNC = 0x01; the library
 * maps these flags onto each flavour.
 * EXEC is sched_exec(): the kernel's p is current and queued on
 * task_cpu(p), the calling CPU. The library takes p->queued /
 * p->is_current as given: for an exec set both, and w->cpu = p->prev_cpu
 * (the scenario loader does).
 */
#define EAS_WF_EXEC 0x02u
#define EAS_WF_FORK 0x04u
#define EAS_WF_TTWU 0x08u
#define EAS_WF_SYNC 0x10u
#define EAS_WF_CURRENT_CPU 0x40u /* v6.19 only; ignored by v5.4 */

/* Which path of select_task_rq_fair() produced the CPU. */
enum eas_place_path {
	/* find_energy_efficient_cpu() returned a CPU */
	EAS_PATH_EAS = 0,
	/* fast path, and select_idle_sibling() returned the target that
	 * wake_affine() chose (wake_affine() ran: waker cpu != prev_cpu) */
	EAS_PATH_WAKE_AFFINE = 1,
	/* fast path otherwise: select_idle_sibling() result */
	EAS_PATH_IDLE_SIBLING = 2,
	/* slow path: find_idlest_cpu() / sched_balance_find_dst_cpu();
	 * also fork/exec when no domain has the balance flag (prev_cpu) */
	EAS_PATH_IDLEST = 3,
	/* v6.19 WF_CURRENT_CPU */
	EAS_PATH_CURRENT_CPU = 4,
};
/* "eas", "wake_affine", "idle_sibling", "idlest", "current_cpu". */
EAS_API const char *eas_place_path_name(enum eas_place_path p);

/* Why find_energy_efficient_cpu() returned what it returned. */
enum eas_feec_reason {
	EAS_FEEC_NOT_RUN = 0,	   /* not called (no TTWU, EAS off, ...) */
	EAS_FEEC_OVERUTILIZED = 1, /* rd overutilized: -1 */
	EAS_FEEC_NO_PD = 2,	   /* no perf domains (EAS off): -1 */
	EAS_FEEC_NO_ASYM_SD = 3,   /* no sd_asym_cpucapacity covering
				       prev_cpu: -1 */
	EAS_FEEC_ZERO_UTIL = 4,	   /* task_util_est(p) == 0 (and v6.19
				       uclamp_min 0): prev_cpu */
	EAS_FEEC_NO_CANDIDATE = 5, /* no CPU fits: prev_cpu */
	EAS_FEEC_ENERGY = 6,	   /* best CPU chosen by energy / fits */
	EAS_FEEC_PREV_UNFIT = 7,   /* v5.4: prev did not fit, the best
				       other CPU (prev_delta == ULONG_MAX) */
	EAS_FEEC_PREV_MARGIN = 8,  /* v5.4: saving not above the
				       (prev_delta + base) >> 4 margin */
	EAS_FEEC_PREV_BEST = 9,	   /* prev kept: no better delta / fits */
	EAS_FEEC_BELOW_BASE = 10,  /* v6.19: an energy below the PD's base
				       energy: early return of prev_cpu */
	EAS_FEEC_FITS = 11,	   /* v6.19: best_energy_cpu taken by the
				       util_fits_cpu() ranking (uclamp_min:
				       best_fits > prev_fits, or a better
				       fit replacing a lower delta inside the
				       scan) although another computed
				       candidate had a lower energy delta */
	EAS_FEEC_CAPACITY = 12,	   /* v6.19: best_energy_cpu taken because
				       no candidate fits uclamp_min and it
				       has the larger actual capacity
				       (best_fits < 0 && best_actual_cap >
				       prev_actual_cap), although another
				       computed candidate had a lower delta */
};
/* "not_run", "overutilized", "no_perf_domains", "no_asym_domain",
 * "zero_util", "no_candidate", "energy", "prev_unfit", "prev_margin",
 * "prev_best", "below_base", "fits", "capacity". */
EAS_API const char *eas_feec_reason_name(enum eas_feec_reason r);

/* One CPU for which an energy was computed with the task placed there. */
struct eas_place_candidate {
	int32_t cpu;
	uint32_t perf_domain; /* index into pf->pds (file order) */
	uint64_t energy;      /* compute_energy(p, cpu, pd) */
	uint64_t base_energy; /* compute_energy(p, -1, pd) of its PD */
	uint64_t delta;	      /* energy - base_energy, u64 (v5.4 wraps) */
	int64_t spare_cap;    /* capacity_of - util that made it the
				 candidate (v5.4 unsigned, shown signed) */
	int32_t fits;	      /* v6.19 util_fits_cpu() (1 / -1); v5.4 1 */
	bool is_prev;	      /* the prev_cpu evaluation (prev_delta) */
	/*
	 * What the energy model was given for this candidate's perf domain
	 * (exactly the kernel's values):
	 *   v5.4 : compute_energy(p, cpu, pd): max_util = max over the PD's
	 *          CPUs of schedutil_cpu_util(FREQUENCY_UTIL) with p on cpu,
	 *          sum_util = sum of the ENERGY_UTIL values; the OPP is the
	 *          cap state em_pd_energy() picks for max_util.
	 *   v6.19: max_util = eenv_pd_max_util(eenv, cpus, p, cpu) (already
	 *          capped at eenv->cpu_cap), sum_util = the busy time given to
	 *          em_cpu_energy() (pd_busy_time + task_busy_time, capped at
	 *          pd_cap); the OPP is em_pd_get_efficient_state(max_util).
	 * The base_* fields are the same for the PD's base energy (p removed:
	 * v5.4 compute_energy(p, -1, pd), v6.19 compute_energy(.., -1)).
	 * opp / base_opp: index into the PD's table (ascending frequency),
	 * EAS_NO_OPP when the energy model picked none (v6.19 em_cpu_energy()
	 * returns 0 for sum_util 0 before choosing a state); opp_khz /
	 * base_opp_khz its frequency (0 with EAS_NO_OPP).
	 */
	uint64_t max_util;
	uint64_t sum_util;
	uint64_t opp_khz;
	uint64_t base_max_util;
	uint64_t base_sum_util;
	uint64_t base_opp_khz;
	uint32_t opp;
	uint32_t base_opp;
};

#define EAS_NO_OPP UINT32_MAX

/*
 * The unit of every energy figure (energy, base_energy, deltas) of the
 * flavour the platform was built for:
 *   v5.4  "mW"    cost * sum_util / scale_cpu with cost = fmax * P / f in
 *                 mW: one CPU busy at an OPP costs that OPP's power
 *   v5.4 with EAS_OPT_V54_EM_SCALE_POWER  "uW" (power scaled by 1000)
 *   v6.19 "0.1uW" cost * sum_util with cost = 10 * P(uW) / perf
 * Only differences between candidates mean something.
 */
EAS_API const char *eas_energy_unit(const struct eas_platform *pf);

/* At most 2 candidates per perf domain (prev + max spare). */
#define EAS_PLACE_MAX_CANDIDATES(nr_pds) (2u * (uint32_t)(nr_pds))

/*
 * find_energy_efficient_cpu() explained. Set candidates / max_candidates
 * before the call (candidates NULL: record nothing, the fast mode);
 * everything else is written.
 */
struct eas_feec_result {
	struct eas_place_candidate *candidates; /* caller-owned, or NULL */
	uint32_t max_candidates;
	uint32_t nr_candidates; /* recorded (<= max_candidates) */
	uint32_t nr_computed;	/* computed (nr_candidates if not
				   truncated) */
	int32_t cpu;		/* feec's return value, -1 declines */
	enum eas_feec_reason reason;
	bool overutilized;    /* rd->overutilized value used */
	int32_t best_cpu;     /* best_energy_cpu (prev_cpu when no other
				 CPU won; -1 when feec stopped early) */
	uint64_t base_energy; /* v5.4: sum of base energies of every PD;
				   v6.19: sum over the PDs evaluated */
	uint64_t prev_delta;  /* UINT64_MAX if prev was not evaluated */
	uint64_t best_delta;
	uint64_t margin;	 /* v5.4 (prev_delta + base_energy) >> 4 */
	int32_t prev_fits;	 /* v6.19; -1 initial value */
	int32_t best_fits;	 /* v6.19; -1 initial value */
	uint64_t task_busy_time; /* v6.19 eenv.task_busy_time */
};

/* Why the energy-aware path did not place the task (eas_place_result). */
enum eas_no_eas_reason {
	EAS_NOEAS_NONE = 0,	    /* feec() placed the task */
	EAS_NOEAS_NOT_WAKEUP = 1,   /* fork / exec: only wake-ups try EAS */
	EAS_NOEAS_CURRENT_CPU = 2,  /* v6.19 WF_CURRENT_CPU returned first */
	EAS_NOEAS_PLATFORM = 3,	    /* EAS impossible on this platform
				      (sched_energy_enabled() false); see
				      pf->eas_reason */
	EAS_NOEAS_DISABLED = 4,	    /* sysctl sched_energy_aware off
				      (feature energy_aware) */
	EAS_NOEAS_OVERUTILIZED = 5, /* rd->overutilized: v6.19 does not call
				       feec(); v5.4 feec() returns -1 */
	EAS_NOEAS_DECLINED = 6,	    /* feec() ran and returned -1 for another
				       reason (feec.reason) */
};
/* "none", "not_wakeup", "current_cpu", "platform", "disabled",
 * "overutilized", "declined". */
EAS_API const char *eas_no_eas_reason_name(enum eas_no_eas_reason r);

/*
 * One step of the fast or slow path: a CPU or a sched group the kernel
 * looked at, in the kernel's order, and what it found (docs/placement.md
 * §2). Recorded only when eas_place_result.steps is set.
 */
enum eas_step_kind {
	/* select_idle_sibling(): the target, prev and recent_used_cpu
	 * shortcuts, v6.19 per-CPU kthread stacking on prev */
	EAS_STEP_TARGET = 0,
	EAS_STEP_PREV = 1,
	EAS_STEP_RECENT = 2,
	EAS_STEP_KTHREAD = 3,
	/* v6.19 select_idle_capacity() over sd_asym_cpucapacity */
	EAS_STEP_IDLE_CAPACITY = 4,
	/* select_idle_core(): one core (its SMT siblings) */
	EAS_STEP_IDLE_CORE = 5,
	/* select_idle_cpu(): one CPU of the LLC scan */
	EAS_STEP_IDLE_CPU = 6,
	/* select_idle_smt(): one SMT sibling */
	EAS_STEP_IDLE_SMT = 7,
	/* nothing idle found: select_idle_sibling() returned target */
	EAS_STEP_FALLBACK = 8,
	/* slow path, one group of find_idlest_group() /
	 * sched_balance_find_dst_group() with its statistics */
	EAS_STEP_GROUP = 9,
	/* slow path, the group decision of that level */
	EAS_STEP_GROUP_PICK = 10,
	/* slow path, one CPU of find_idlest_group_cpu() /
	 * sched_balance_find_dst_group_cpu() */
	EAS_STEP_GROUP_CPU = 11,
};
/* "target", "prev", "recent", "kthread", "idle_capacity", "idle_core",
 * "idle_cpu", "idle_smt", "fallback", "group", "group_pick", "group_cpu" */
EAS_API const char *eas_step_kind_name(enum eas_step_kind k);

/* What a step found. */
enum eas_step_test {
	/* CPU steps */
	EAS_TEST_IDLE = 0,	  /* idle_cpu() */
	EAS_TEST_SCHED_IDLE = 1,  /* not idle, only SCHED_IDLE tasks */
	EAS_TEST_BUSY = 2,	  /* neither */
	EAS_TEST_UNFIT = 3,	  /* (sched_)idle but v6.19 asym_fits_cpu() /
				    util_fits_cpu() <= 0 (fits says which) */
	EAS_TEST_NOT_SHARED = 4,  /* prev / recent: no shared LLC with target */
	EAS_TEST_NOT_ALLOWED = 5, /* offline or outside p->cpus_ptr */
	EAS_TEST_SCAN_LIMIT = 6,  /* the SIS_PROP / SIS_UTIL budget ran out
				     here: the scan stopped */
	EAS_TEST_CORE_IDLE = 7,	  /* idle core: all SMT siblings idle */
	EAS_TEST_CORE_BUSY = 8,	  /* a sibling is busy */
	EAS_TEST_KTHREAD_STACK = 9, /* waker is a per-CPU kthread on prev
				       with <= 1 task running */
	/* EAS_STEP_GROUP */
	EAS_TEST_GROUP_LOCAL = 10,	/* the local group (this_cpu's) */
	EAS_TEST_GROUP_IDLEST = 11,	/* became the idlest so far */
	EAS_TEST_GROUP_SPARE = 12,	/* v5.4: became most spare so far */
	EAS_TEST_GROUP_BOTH = 13,	/* v5.4: both idlest and most spare */
	EAS_TEST_GROUP_NOT_BETTER = 14, /* not better than the current pick */
	/* EAS_STEP_GROUP_PICK: cpu = first CPU of the group taken, or -1 */
	EAS_TEST_PICK_IDLEST = 15, /* the idlest group beat the local one */
	EAS_TEST_PICK_SPARE = 16,  /* v5.4 (not fork): the most-spare group
				         has spare > task_util / 2 */
	EAS_TEST_PICK_LOCAL_SPARE = 17, /* v5.4: local spare > task_util / 2
					  and beats the most spare group */
	EAS_TEST_PICK_LOCAL_LOAD = 18,	/* local kept: load / runnable /
					  avg_load comparisons with the
					  imbalance margin (or NUMA rule) */
	EAS_TEST_PICK_LOCAL_TYPE = 19,	/* v6.19: local group_type lower */
	EAS_TEST_PICK_LOCAL_IDLE = 20,	/* v6.19 has_spare: local has at least
					  as many idle CPUs */
	EAS_TEST_PICK_LOCAL_CAP = 21,	/* v6.19 misfit: local max capacity
					  not lower */
	EAS_TEST_PICK_NONE = 22,	/* no other allowed group */
	/* GROUP_CPU: no CPU of the group won (e.g. idle CPUs without an
	 * idle state and idle_stamp 0 never beat the initial 0 timestamp):
	 * find_idlest_group_cpu() returned its initial least_loaded_cpu,
	 * this_cpu, and the walk goes down a level from this_cpu */
	EAS_TEST_THIS_CPU = 23,
};
/* "idle", "sched_idle", "busy", "unfit", "not_shared", "not_allowed",
 * "scan_limit", "core_idle", "core_busy", "kthread_stack", "local",
 * "idlest", "most_spare", "idlest_most_spare", "not_better",
 * "pick_idlest", "pick_most_spare", "local_spare", "local_load",
 * "local_type", "local_idle_cpus", "local_capacity", "no_group",
 * "this_cpu" */
EAS_API const char *eas_step_test_name(enum eas_step_test t);

struct eas_place_step {
	uint32_t kind;	     /* enum eas_step_kind */
	uint32_t test;	     /* enum eas_step_test */
	int32_t cpu;	     /* CPU looked at; GROUP: its first CPU; GROUP_PICK:
			  first CPU of the group taken (-1: none) */
	int32_t level;	     /* domain level scanned, -1 for the shortcuts */
	bool chosen;	     /* this CPU is the one the path returned */
	bool local;	     /* GROUP: contains this_cpu */
	int32_t fits;	     /* v6.19 util_fits_cpu() where the step used it
			  (asym_fits_cpu() / select_idle_capacity()), else 0 */
	uint32_t nr_cpus;    /* GROUP: CPUs in the group */
	uint32_t group_type; /* GROUP v6.19: an enum eas_group_type
				  (libeas/balance.h, eas_group_type_name())
				  as update_sg_wakeup_stats() classified */
	uint32_t idle_cpus;  /* GROUP v6.19 */
	uint32_t exit_latency; /* GROUP_CPU: idle state exit latency */
	uint64_t capacity;     /* IDLE_CAPACITY: the capacity compared;
				  GROUP v6.19: max_capacity; v5.4: sum */
	uint64_t load;	       /* GROUP: avg_load (v5.4 scaled; v6.19 set
				  for fully_busy / overloaded);
				  GROUP_CPU: cpu_load / runnable load */
	uint64_t runnable;     /* GROUP v5.4: scaled runnable load */
	uint64_t util;	       /* GROUP v6.19: group_util; v5.4: the max
				  capacity_spare_without() */
	uint64_t idle_stamp;   /* GROUP_CPU: rq->idle_stamp */
};

/*
 * The caller's step array for eas_select_task_rq_fair_explain(): set
 * steps / max_steps; nr_steps (recorded, <= max_steps) and nr_steps_total
 * (looked at; nr_steps unless truncated) are written.
 */
struct eas_place_steps {
	struct eas_place_step *steps;
	uint32_t max_steps;
	uint32_t nr_steps;
	uint32_t nr_steps_total;
};

/* Enough steps for any decision on a platform with nr_cpus CPUs and
 * nr_levels domain levels. */
#define EAS_PLACE_MAX_STEPS(nr_cpus, nr_levels)                                \
	(((uint32_t)(nr_levels) + 2u) * (3u * (uint32_t)(nr_cpus) + 2u) + 8u)

/* select_task_rq_fair() explained. feec.candidates / max_candidates are
 * inputs as above; everything else is written. */
struct eas_place_result {
	int32_t cpu; /* the chosen CPU */
	enum eas_place_path path;
	bool eas_entered;  /* feec() was called (feec valid) */
	bool overutilized; /* rd->overutilized used */
	bool sync;	   /* WF_SYNC && !PF_EXITING */
	bool want_affine;
	bool wake_wide;
	bool wake_cap;	    /* v5.4 only */
	int32_t affine_cpu; /* wake_affine() result, -1 not called */
	int32_t sis_target; /* target given to select_idle_sibling(), -1 */
	int32_t sd_level;   /* slow path: domain level started from, -1 */
	struct eas_feec_result feec;
	enum eas_no_eas_reason no_eas; /* why feec did not place p */
};

/*
 * select_task_rq_fair(p, prev_cpu = p->prev_cpu, wake_flags).
 * sys->rd_overutilized EAS_RD_OU_UNKNOWN (0) means "compute"
 * (eas_is_overutilized()).
 * In/out: p->recent_used_cpu, w (record_wakee(), v5.4
 * current->recent_used_cpu). res may be NULL. Returns the CPU (>= 0), or
 * EAS_EINVAL for bad arguments (a NULL pointer, not exactly one of EXEC /
 * FORK / TTWU, w->cpu or p->prev_cpu out of range); nothing is written
 * then.
 */
EAS_API int eas_select_task_rq_fair(const struct eas_system *sys,
				    struct eas_task *p, struct eas_waker *w,
				    uint32_t wake_flags,
				    struct eas_place_result *res);

/*
 * eas_select_task_rq_fair() that also records every CPU and sched group
 * the fast or slow path looked at into steps (NULL: nothing recorded,
 * exactly eas_select_task_rq_fair()). Recording never changes a decision
 * or any other output.
 */
EAS_API int eas_select_task_rq_fair_explain(const struct eas_system *sys,
					    struct eas_task *p,
					    struct eas_waker *w,
					    uint32_t wake_flags,
					    struct eas_place_result *res,
					    struct eas_place_steps *steps);

/*
 * find_energy_efficient_cpu(p, prev_cpu = p->prev_cpu) as called from
 * this_cpu. Returns feec's value (a CPU or -1, the kernel's "decline"),
 * or for bad arguments EAS_EFORMAT (NULL pointer) / EAS_ECPU (CPU id out
 * of range). The one exception to the EAS_EINVAL rule of
 * docs/design-api.md: EAS_EINVAL is -1, feec's decline. out may be NULL.
 */
EAS_API int eas_find_energy_efficient_cpu(const struct eas_system *sys,
					  const struct eas_task *p,
					  uint32_t this_cpu,
					  struct eas_feec_result *out);

/* The building blocks (capacity_of, cpu_util, effective_cpu_util,
 * util_fits_cpu, compute_energy, ...) are declared in <libeas/kernel.h>,
 * included above. */

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_PLACE_H */
