/* SPDX-License-Identifier: MIT */
/*
 * One instant of the scheduler's per-CPU and per-task signals, in the
 * library's own structs. Every field defaults to the kernel's quiet value
 * when zeroed, except where a comment says otherwise (use
 * eas_rq_init() / eas_task_init() to get those defaults).
 *
 * Field names follow the kernel's (rq->cfs.avg.util_avg -> util_avg, ...).
 * All utilisation figures are on the 0..1024 capacity scale.
 */
#ifndef LIBEAS_SIGNALS_H
#define LIBEAS_SIGNALS_H

#include <libeas/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Scheduler features / config switches (struct eas_system.features). */
#define EAS_FEAT_UTIL_EST (1u << 0)	/* sched_feat(UTIL_EST) */
#define EAS_FEAT_UCLAMP_BUILT (1u << 1) /* CONFIG_UCLAMP_TASK */
#define EAS_FEAT_UCLAMP_USED (1u << 2)	/* uclamp_is_used() static key */
#define EAS_FEAT_AVG_IRQ (1u << 3)	/* CONFIG_HAVE_SCHED_AVG_IRQ */
#define EAS_FEAT_WA_IDLE (1u << 4)
#define EAS_FEAT_WA_WEIGHT (1u << 5)
#define EAS_FEAT_WA_BIAS (1u << 6)
#define EAS_FEAT_SIS_PROP (1u << 7)	/* v5.4 select_idle_cpu budget */
#define EAS_FEAT_SIS_UTIL (1u << 8)	/* v6.19 select_idle_cpu budget */
#define EAS_FEAT_ENERGY_AWARE (1u << 9) /* sysctl sched_energy_aware */
#define EAS_FEAT_CACHE_HOT_BUDDY (1u << 10)
/*
 * Zero means default: struct eas_system.features == 0 gives the flavour's
 * defaults, eas_features_default(sys->pf->kernel). Any other value is
 * taken as the exact feature set. EAS_FEAT_EXPLICIT is a marker that no
 * decision tests: it keeps an explicit set non-zero, so "every feature
 * off" is EAS_FEAT_EXPLICIT alone. eas_features_default() includes it, so
 * a set derived from the defaults by clearing bits never becomes 0; a set
 * built from scratch should OR it in.
 */
#define EAS_FEAT_EXPLICIT (1u << 31)

/* The kernel's defaults for a flavour (UTIL_EST, AVG_IRQ, WA_*, SIS_*,
 * ENERGY_AWARE, CACHE_HOT_BUDDY on; uclamp off), with EAS_FEAT_EXPLICIT. */
EAS_API uint32_t eas_features_default(enum eas_kernel k);

/* v6.19 util_est flag bit (UTIL_AVG_UNCHANGED) and v5.4's. */
#define EAS_V54_UTIL_AVG_UNCHANGED 0x1u
#define EAS_V619_UTIL_AVG_UNCHANGED 0x80000000u

/* Per-CPU run-queue signals. */
struct eas_rq {
	uint64_t util_avg;	/* rq->cfs.avg.util_avg (incl. blocked) */
	uint64_t util_est;	/* v5.4 cfs.avg.util_est.enqueued;
				  v6.19 cfs.avg.util_est */
	uint64_t runnable_avg;	/* v6.19 cfs.avg.runnable_avg */
	uint64_t rt_util_avg;	/* rq->avg_rt.util_avg */
	uint64_t dl_util_avg;	/* rq->avg_dl.util_avg */
	uint64_t irq_util_avg;	/* rq->avg_irq.util_avg */
	uint64_t dl_running_bw; /* rq->dl.running_bw, BW_SHIFT (20) units */
	uint64_t uclamp_min;	/* rq->uclamp[UCLAMP_MIN].value (default 0) */
	uint64_t uclamp_max;  /* rq->uclamp[UCLAMP_MAX].value (default 1024) */
	uint64_t hw_pressure; /* v6.19 hw_load_avg(rq) (thermal) */
	uint64_t cpufreq_max_khz;   /* policy->max, 0 = not capped (no
				     cpufreq pressure) */
	uint64_t capacity_of;	    /* rq->cpu_capacity; 0 = derive with
				   scale_rt_capacity() */
	uint64_t load_avg;	    /* cfs load_avg (v6.19 cpu_load()) */
	uint64_t runnable_load_avg; /* v5.4 cpu_runnable_load() */
	uint64_t avg_idle;	    /* rq->avg_idle (ns), v5.4 SIS_PROP */
	uint64_t idle_stamp;	    /* rq->idle_stamp */
	uint64_t clock_task;	    /* rq_clock_task() (ns), task_hot() */
	uint64_t misfit_task_load;  /* rq->misfit_task_load */
	uint32_t nr_running;	    /* rq->nr_running (all classes) */
	uint32_t h_nr_running;	    /* rq->cfs.h_nr_running (v6.19
				   h_nr_queued) */
	uint32_t idle_h_nr_running; /* SCHED_IDLE tasks (sched_idle_cpu) */
	uint32_t h_nr_delayed;	    /* v6.19 cfs.h_nr_delayed */
	uint32_t rt_nr_running;	    /* > 0: RT runnable (rt_rq_is_runnable) */
	uint32_t idle_exit_latency; /* idle state exit latency (us), 0 =
				       running / no state */
	bool idle;		    /* available_idle_cpu(); loaders default it
				   to nr_running == 0 */
	bool uclamp_idle;	    /* uclamp_rq_is_idle() */
	bool online;		    /* cpu_online(); eas_rq_init() sets true */
	bool curr_is_cfs;	    /* balance: rq->curr is a CFS task */
	/*
	 * Per-LLC values (the kernel keeps them in sd_llc / sd_llc_shared):
	 * libeas reads them from the rq of the LLC's first CPU
	 * (pf->cpus[cpu].sd_llc_id).
	 */
	bool has_idle_cores;	/* sd_llc_shared->has_idle_cores (SMT) */
	uint32_t nr_idle_scan;	/* v6.19 sd_llc_shared->nr_idle_scan
				   (SIS_UTIL budget) */
	uint64_t avg_scan_cost; /* v5.4 sd_llc->avg_scan_cost (ns,
				   SIS_PROP) */
};

/* Per-task signals (the waking task p, or the running task in balance). */
struct eas_task {
	uint64_t util_avg;	       /* p->se.avg.util_avg */
	uint64_t util_est_ewma;	       /* v5.4 util_est.ewma */
	uint64_t util_est_enqueued;    /* v5.4 util_est.enqueued */
	uint64_t util_est;	       /* v6.19 p->se.avg.util_est (no flag) */
	uint64_t uclamp_min;	       /* effective, default 0 */
	uint64_t uclamp_max;	       /* effective, default 1024 */
	uint64_t h_load;	       /* task_h_load(p) */
	uint64_t exec_start;	       /* p->se.exec_start (ns), task_hot() */
	uint64_t wakee_flip_decay_ts;  /* jiffies */
	uint64_t max_allowed_capacity; /* v6.19; 0 = derive */
	const eas_mask_word *cpus_allowed; /* p->cpus_ptr; NULL = all */
	int32_t prev_cpu;		   /* task_cpu(p) */
	int32_t recent_used_cpu;	   /* -1 = none */
	uint32_t wakee_flips;
	uint32_t nr_cpus_allowed; /* 0 = derive */
	uint32_t id;		  /* identity for last_wakee / buddies */
	uint8_t policy;		  /* EAS_POLICY_* */
	bool queued;		  /* task_on_rq_queued(p) */
	bool is_current;	  /* p == rq->curr of prev_cpu */
	bool per_cpu_kthread;
	uint64_t runnable_avg; /* v6.19 p->se.avg.runnable_avg
				       (cpu_runnable_without()) */
};

/* The task's scheduling policy (SCHED_*). Named eas_sched_policy: struct
 * eas_policy (<libeas/policy.h>) is a placement policy, and C gives enum
 * and struct tags one namespace. */
enum eas_sched_policy {
	EAS_POLICY_NORMAL = 0,
	EAS_POLICY_BATCH = 1,
	EAS_POLICY_IDLE = 2,
	EAS_POLICY_FIFO = 3,
	EAS_POLICY_RR = 4,
	EAS_POLICY_DEADLINE = 5,
};

/* The root domain's overutilized flag as the caller knows it (zero =
 * unknown: computed from the signals, eas_is_overutilized()). */
enum eas_rd_overutilized {
	EAS_RD_OU_UNKNOWN = 0, /* compute from the signals */
	EAS_RD_OU_CLEAR = 1,   /* rd->overutilized == 0, as stated */
	EAS_RD_OU_SET = 2,     /* rd->overutilized != 0, as stated */
};

struct eas_fast; /* <libeas/fast.h> */

/*
 * The system at one instant: platform + one eas_rq per CPU. A zeroed
 * struct with pf and rq set is the kernel's default configuration:
 * features 0 = the flavour's defaults, rd_overutilized 0 = unknown
 * (computed), jiffies 0, hz 0 = 250.
 */
struct eas_system {
	const struct eas_platform *pf;
	const struct eas_rq *rq; /* [pf->nr_cpus] */
	uint32_t features;	 /* EAS_FEAT_*; 0 = the flavour's defaults
				    (eas_features_default()) */
	/* rd->overutilized (was int32_t overutilized, -1 = compute; renamed
	 * so that code assigning the old 0 / 1 / -1 fails to compile) */
	enum eas_rd_overutilized rd_overutilized;
	uint64_t jiffies; /* injectable clock (record_wakee) */
	uint32_t hz;	  /* HZ, default 250 when 0 */
	/* optional snapshot of this system's rq (<libeas/fast.h>) that
	 * decisions may use instead of scanning rq; NULL = stateless */
	const struct eas_fast *fast;
};

/* "No task" for identities (struct eas_waker.last_wakee). */
#define EAS_TASK_NONE 0xffffffffu

/*
 * The waker: `current` on the CPU that runs try_to_wake_up() (or fork /
 * exec). select_task_rq_fair() reads it and record_wakee() / v5.4's
 * `current->recent_used_cpu = cpu` write it back (in/out).
 */
struct eas_waker {
	int32_t cpu;		      /* smp_processor_id() */
	uint32_t id;		      /* identity of current */
	uint32_t wakee_flips;	      /* current->wakee_flips (in/out) */
	uint32_t last_wakee;	      /* id of current->last_wakee (in/out),
					 EAS_TASK_NONE = NULL */
	uint64_t wakee_flip_decay_ts; /* jiffies (in/out) */
	uint64_t h_load;	      /* task_h_load(current) (sync
					 wake_affine_weight) */
	int32_t recent_used_cpu;      /* current->recent_used_cpu (in/out) */
	bool exiting;		      /* current->flags & PF_EXITING */
	bool per_cpu_kthread;	      /* v6.19 is_per_cpu_kthread(current)
					 (select_idle_sibling() stacking) */
};

/* Quiet defaults: uclamp_max 1024, online, idle, recent_used_cpu -1, ... */
EAS_API void eas_rq_init(struct eas_rq *rq);
EAS_API void eas_task_init(struct eas_task *p);
/* cpu 0, last_wakee EAS_TASK_NONE, recent_used_cpu -1, the rest 0. */
EAS_API void eas_waker_init(struct eas_waker *w);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_SIGNALS_H */
