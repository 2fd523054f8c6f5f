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
	/* Optional scratch for one decision at a time: EAS_SCRATCH_SIZE
	 * bytes, 8-byte aligned, owned by the caller (a static buffer on a
	 * firmware). When set, the big per-decision structures (placement
	 * result, sched-group statistics, the load-balance copies of env
	 * and tasks) live there instead of on the stack; NULL = on the
	 * stack (the default). Results are the same either way. Not
	 * shared by two decisions running at the same time (one buffer per
	 * CPU or per thread that decides). Zero the struct before setting
	 * fields (= { 0 }): an uninitialised pointer here is used. */
	void *scratch;
};

/* Bytes of struct eas_system.scratch (independent of the platform; each
 * user in lib/core checks its layout fits with a static assertion). */
#define EAS_SCRATCH_SIZE 576u

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

/* ====================================================================== */
/* Signal maintenance (lib/core/pelt.c, util_est.c, schedutil.c, uclamp.c) */
/* ====================================================================== */
/*
 * What keeps the struct eas_rq / eas_task fields above current: PELT per
 * entity and per rq, util_est, the RT / DL / IRQ averages, the rq uclamp
 * aggregation and schedutil's next frequency, each with the arithmetic of
 * the flavour k (frequency- and capacity-invariant as the kernel is). All
 * freestanding, caller-owned state. docs/rtos.md says which to call when.
 * For the flavour-dependent functions v7.1 uses the v6.19 rules (pelt.c,
 * pelt.h, cpufreq_schedutil.c and the util_est functions of fair.c are
 * the same in 6.19 and 7.1.3).
 */

/* ---- PELT (kernel/sched/pelt.c, pelt.h, sched-pelt.h) ------------------ */

#define EAS_PELT_LOAD_AVG_PERIOD 32u
#define EAS_PELT_LOAD_AVG_MAX 47742u
#define EAS_PELT_MIN_DIVIDER (EAS_PELT_LOAD_AVG_MAX - 1024u)

/* struct sched_avg. v5.4's runnable_load_* live in runnable_sum/avg. */
struct eas_pelt {
	uint64_t last_update_time; /* ns of the entity's PELT clock */
	uint64_t load_sum;
	uint64_t runnable_sum; /* v5.4 runnable_load_sum */
	uint32_t util_sum;
	uint32_t period_contrib;
	uint64_t load_avg;
	uint64_t runnable_avg; /* v5.4 runnable_load_avg */
	uint64_t util_avg;
};

/* decay_load(val, n): val * y^n with y^32 = 1/2, 0 beyond 63 * 32. */
EAS_API uint64_t eas_pelt_decay_load(uint64_t val, uint64_t n);
/* __accumulate_pelt_segments(periods, d1, d3). */
EAS_API uint32_t eas_pelt_segments(uint64_t periods, uint32_t d1, uint32_t d3);
/*
 * ___update_load_sum(now, sa, load, runnable, running) of flavour k (v5.4
 * adds runnable * contrib; v6.19 runnable * contrib << 10). Returns 1 when
 * a period boundary was crossed (the averages must be recomputed).
 */
EAS_API int eas_pelt_update_sum(enum eas_kernel k, struct eas_pelt *sa,
				uint64_t now, uint64_t load, uint64_t runnable,
				int running);
/*
 * ___update_load_avg(sa, load[, runnable]): divider = LOAD_AVG_MAX - 1024
 * + period_contrib; load_avg = load * load_sum / divider; v5.4
 * runnable_load_avg = runnable * runnable_load_sum / divider; v6.19
 * runnable_avg = runnable_sum / divider (runnable ignored);
 * util_avg = util_sum / divider.
 */
EAS_API void eas_pelt_update_avg(enum eas_kernel k, struct eas_pelt *sa,
				 uint64_t load, uint64_t runnable);
/* Both steps, as __update_load_avg_*(): returns what update_sum returned. */
EAS_API int eas_pelt_update(enum eas_kernel k, struct eas_pelt *sa,
			    uint64_t now, uint64_t load, uint64_t runnable,
			    int running, uint64_t avg_load,
			    uint64_t avg_runnable);

/* sched_prio_to_weight[nice + 20] (nice -20..19). */
EAS_API uint64_t eas_nice_to_weight(int32_t nice);

/*
 * __update_load_avg_se() of a task entity (weight = se_weight(), i.e.
 * eas_nice_to_weight(nice)): load = runnable = on_rq, running = (it is
 * cfs_rq->curr). Returns 1 when the averages changed; the caller then
 * calls eas_util_est_pelt_changed() (cfs_se_util_change()).
 */
EAS_API int eas_pelt_update_se(enum eas_kernel k, struct eas_pelt *sa,
			       uint64_t now, bool on_rq, bool running,
			       uint64_t weight);
/*
 * __update_load_avg_cfs_rq(): load = cfs_rq->load.weight (scaled down),
 * runnable = v5.4 cfs_rq->runnable_weight / v6.19 h_nr_runnable,
 * running = (cfs_rq->curr != NULL). Returns 1 when the averages changed.
 */
EAS_API int eas_pelt_update_cfs_rq(enum eas_kernel k, struct eas_pelt *sa,
				   uint64_t now, uint64_t load,
				   uint64_t runnable, bool running);
/* update_rt_rq_load_avg(now, rq, running) / update_dl_rq_load_avg(): the
 * rq's avg_rt / avg_dl with load = runnable = running. */
EAS_API int eas_pelt_update_rt_rq(enum eas_kernel k, struct eas_pelt *sa,
				  uint64_t now, bool running);
EAS_API int eas_pelt_update_dl_rq(enum eas_kernel k, struct eas_pelt *sa,
				  uint64_t now, bool running);
/*
 * update_irq_load_avg(rq, running): running (ns of IRQ time since the
 * last call) is scaled by freq_scale and cpu_capacity (cap_scale()), the
 * signal decays up to clock - running as idle, then accumulates up to
 * clock (rq->clock, not the PELT clock) as running.
 */
EAS_API int eas_pelt_update_irq(enum eas_kernel k, struct eas_pelt *sa,
				uint64_t clock, uint64_t running_ns,
				uint64_t freq_scale, uint64_t cpu_capacity);
/* v6.19 update_hw_load_avg(now, rq, capacity): the hardware (thermal)
 * pressure signal, load = runnable = running = the capacity lost; now is
 * rq_clock_hw() (clock_task >> sched_hw_decay_shift); hw_load_avg() =
 * sa->load_avg is what struct eas_rq.hw_pressure holds. */
EAS_API int eas_pelt_update_hw(enum eas_kernel k, struct eas_pelt *sa,
			       uint64_t now, uint64_t capacity_lost);

/*
 * A task entity joins / leaves a cfs_rq (migration, fork, exit):
 * attach_entity_load_avg(cfs_rq, se) aligns se to the rq's clock and
 * period_contrib and adds its averages; eas_pelt_remove_se() is
 * remove_entity_load_avg() + the `removed` part of
 * update_cfs_rq_load_avg() applied at once: se is first synced to the
 * rq's last_update_time (sync_entity_load_avg(), when not ahead of it),
 * then its averages are taken out (v6.19: sums kept >= avg *
 * PELT_MIN_DIVIDER).
 */
EAS_API void eas_pelt_attach_se(enum eas_kernel k, struct eas_pelt *cfs,
				struct eas_pelt *se, uint64_t weight);
EAS_API void eas_pelt_remove_se(enum eas_kernel k, struct eas_pelt *cfs,
				struct eas_pelt *se, uint64_t weight);

/* cap_scale(v, s): v * s >> SCHED_CAPACITY_SHIFT. */
static inline uint64_t eas_cap_scale(uint64_t v, uint64_t s)
{
	return (v * s) >> 10;
}

/* arch_scale_freq_capacity() as the arm64 topology code sets it (AMU-less
 * cpufreq invariance): cur_khz << 10 / ref_khz (cpuinfo.max_freq). */
EAS_API uint64_t eas_freq_scale(uint64_t cur_khz, uint64_t ref_khz);

/* The rq's PELT clock (rq->clock_pelt, rq->lost_idle_time). */
struct eas_pelt_clock {
	uint64_t clock_pelt;
	uint64_t lost_idle_time;
};

/* rq_clock_pelt(rq): clock_pelt - lost_idle_time: the `now` of every
 * eas_pelt_update_*() of this rq's entities except IRQ. */
static inline uint64_t eas_pelt_clock_now(const struct eas_pelt_clock *c)
{
	return c->clock_pelt - c->lost_idle_time;
}

/*
 * update_rq_clock_pelt(rq, delta) after rq->clock_task advanced by
 * delta_ns to clock_task: idle (rq->curr is the idle task) syncs
 * clock_pelt to clock_task; busy advances it by
 * cap_scale(cap_scale(delta, cpu_capacity), freq_scale).
 */
EAS_API void eas_pelt_clock_update(struct eas_pelt_clock *c, uint64_t delta_ns,
				   uint64_t clock_task, bool idle,
				   uint64_t cpu_capacity, uint64_t freq_scale);
/*
 * update_idle_rq_clock_pelt(rq) when the CPU goes idle: if the cfs + rt +
 * dl util_sum reached ((LOAD_AVG_MAX - 1024) << 10) - LOAD_AVG_MAX, the
 * time the busy clock fell behind is lost (lost_idle_time +=
 * clock_task - clock_pelt); then clock_pelt = clock_task (v6.19
 * _update_idle_rq_clock_pelt(); v5.4 syncs at its next
 * update_rq_clock_pelt() of the idle rq, which reads the same value).
 */
EAS_API void eas_pelt_clock_idle(struct eas_pelt_clock *c, uint64_t clock_task,
				 uint64_t util_sum_cfs_rt_dl);

/* ---- util_est (kernel/sched/fair.c) ------------------------------------ */

/* SCHED_CAPACITY_SCALE / 100: both flavours' margin (v5.4 within_margin(),
 * v6.19 UTIL_EST_MARGIN). */
#define EAS_UTIL_EST_MARGIN 10u

/*
 * A task's util_est state.
 * v5.4: struct util_est { enqueued, ewma }, UTIL_AVG_UNCHANGED = bit 0 of
 *       enqueued (EAS_V54_UTIL_AVG_UNCHANGED).
 * v6.19/v7.1: one unsigned int p->se.avg.util_est, kept in ewma, with
 *       UTIL_AVG_UNCHANGED = bit 31 (EAS_V619_UTIL_AVG_UNCHANGED);
 *       enqueued unused.
 * All zero is a new task (the kernel's zeroed sched_avg at fork).
 */
struct eas_util_est {
	uint32_t enqueued;
	uint32_t ewma;
};

/* _task_util_est(p): v5.4 max(ewma, enqueued) | UTIL_AVG_UNCHANGED (the
 * "| 1" quirk); v6.19 util_est & ~UTIL_AVG_UNCHANGED. */
EAS_API uint64_t eas_util_est_task(enum eas_kernel k,
				   const struct eas_util_est *ue);
/* The struct eas_task view of ue (util_est_ewma / util_est_enqueued for
 * v5.4, util_est without the flag for v6.19). */
EAS_API void eas_util_est_to_task(enum eas_kernel k,
				  const struct eas_util_est *ue,
				  struct eas_task *p);
/*
 * util_est_enqueue(cfs_rq, p) / the cfs_rq part of util_est_dequeue():
 * *rq_util_est (v5.4 cfs_rq->avg.util_est.enqueued, v6.19
 * cfs_rq->avg.util_est) += / -= (saturating at 0) _task_util_est(p).
 * features: EAS_FEAT_* (0 = the flavour's defaults); nothing happens
 * without EAS_FEAT_UTIL_EST (sched_feat(UTIL_EST)).
 */
EAS_API void eas_util_est_enqueue(enum eas_kernel k, uint32_t features,
				  uint64_t *rq_util_est,
				  const struct eas_util_est *ue);
EAS_API void eas_util_est_dequeue(enum eas_kernel k, uint32_t features,
				  uint64_t *rq_util_est,
				  const struct eas_util_est *ue);
/*
 * The task part at dequeue (task_sleep: DEQUEUE_SLEEP; nothing otherwise):
 * v5.4 util_est_dequeue(): skip if enqueued has UTIL_AVG_UNCHANGED;
 *   enqueued' = util_avg | 1; skip if within_margin(enqueued' - ewma, 10);
 *   skip if util_avg > cpu_capacity (capacity_orig_of(task_cpu));
 *   else ewma = (4 * ewma + (enqueued' - ewma)) / 4, enqueued = enqueued'.
 * v6.19 util_est_update(): skip if UTIL_AVG_UNCHANGED; ewma <= util_avg:
 *   ewma = util_avg; ewma - util_avg < UTIL_EST_MARGIN, or util_avg +
 *   UTIL_EST_MARGIN < runnable_avg (task_runnable()): keep ewma; else
 *   ewma = (4 * ewma - diff) / 4; then set UTIL_AVG_UNCHANGED.
 *   cpu_capacity and v5.4's runnable_avg are not read.
 */
EAS_API void eas_util_est_update(enum eas_kernel k, uint32_t features,
				 struct eas_util_est *ue, uint64_t util_avg,
				 uint64_t runnable_avg, uint64_t cpu_capacity,
				 bool task_sleep);
/* cfs_se_util_change(): a PELT update of the task changed its averages
 * (eas_pelt_update_se() returned 1): clear UTIL_AVG_UNCHANGED. */
EAS_API void eas_util_est_pelt_changed(enum eas_kernel k, uint32_t features,
				       struct eas_util_est *ue);

/* ---- uclamp rq aggregation (kernel/sched/core.c) ----------------------- */

/* CONFIG_UCLAMP_BUCKETS_COUNT's default */
#define EAS_UCLAMP_BUCKETS 5u

/*
 * struct uclamp_rq for UCLAMP_MIN ([0]) and UCLAMP_MAX ([1]): per bucket
 * the number of RUNNABLE tasks refcounting it and the max value seen
 * since it was last empty (local max aggregation), and the rq value.
 * eas_uclamp_rq_init() gives the empty, idle rq.
 */
struct eas_uclamp_rq {
	struct {
		uint32_t tasks;
		uint32_t value;
	} bucket[2][EAS_UCLAMP_BUCKETS];
	uint32_t value[2];
	bool idle; /* UCLAMP_FLAG_IDLE (uclamp_rq_is_idle()) */
};

/* The boot state, no task. v6.19 init_uclamp_rq(): values 0 / 1024
 * (uclamp_none()) and UCLAMP_FLAG_IDLE. v5.4 init_uclamp(): flags 0 and
 * both values 0 (its memset clears only uclamp[UCLAMP_MIN], and the
 * per-CPU runqueues start zeroed), so the first enqueue raises both. */
EAS_API void eas_uclamp_rq_init(enum eas_kernel k, struct eas_uclamp_rq *uc);
/*
 * uclamp_rq_inc(rq, p) / uclamp_rq_dec(rq, p) for a task with effective
 * clamps (uclamp_eff_value()) min / max. dec must be given the values inc
 * was (the kernel keeps them in p->uclamp[]). Both flavours: bucket =
 * value / DIV_ROUND_CLOSEST(1024, EAS_UCLAMP_BUCKETS) (capped); inc raises
 * the bucket and rq values (after uclamp_idle_reset()); dec, when the
 * bucket empties and held the rq value, recomputes it as the highest
 * non-empty bucket's value, or uclamp_idle_value() (MIN: 0; MAX: the
 * leaving task's value, with the idle flag).
 */
EAS_API void eas_uclamp_rq_inc(struct eas_uclamp_rq *uc, uint32_t min,
			       uint32_t max);
EAS_API void eas_uclamp_rq_dec(struct eas_uclamp_rq *uc, uint32_t min,
			       uint32_t max);
/* uclamp_update_active(p): a RUNNABLE task's effective clamps change from
 * old_min / old_max to min / max: uclamp_rq_reinc_id() per index (dec,
 * inc; the idle flag cleared after UCLAMP_MAX). */
EAS_API void eas_uclamp_rq_update(struct eas_uclamp_rq *uc, uint32_t old_min,
				  uint32_t old_max, uint32_t min, uint32_t max);
/* Write the aggregation into rq->uclamp_min / uclamp_max / uclamp_idle. */
EAS_API void eas_uclamp_rq_to_rq(const struct eas_uclamp_rq *uc,
				 struct eas_rq *rq);

/* ---- schedutil (kernel/sched/cpufreq_schedutil.c) ---------------------- */

struct eas_perf_domain;

/*
 * sugov_get_util(sg_cpu[, boost]) of flavour sys->pf->kernel, read from
 * sys->rq[cpu]:
 *   v5.4 : schedutil_cpu_util(cpu, cpu_util_cfs(rq), arch capacity,
 *          FREQUENCY_UTIL, NULL); cpu_util_cfs = max(util_avg, util_est)
 *          under UTIL_EST. boost (iowait) is applied as
 *          sugov_iowait_apply(): max(util, boost).
 *   v6.19: effective_cpu_util(cpu, cpu_util_cfs_boost(cpu), &min, &max),
 *          max(util, boost), then sugov_effective_cpu_perf(util, min,
 *          max) (no sched_ext: scx_cpuperf_target() 0).
 * Pass boost 0 without iowait boosting.
 */
EAS_API uint64_t eas_sugov_get_util(const struct eas_system *sys, uint32_t cpu,
				    uint64_t boost);
/*
 * sugov_next_freq_shared()'s aggregation over perf domain pd (index into
 * sys->pf->pds): v5.4 keeps the CPU with the highest util / max ratio
 * (*max = its capacity); v6.19 the highest util (*max = the capacity of
 * the domain's first CPU, arch_scale_cpu_capacity(sg_cpu->cpu)). No
 * iowait boost. Returns util.
 */
EAS_API uint64_t eas_sugov_pd_util(const struct eas_system *sys, uint32_t pd,
				   uint64_t *max);
/*
 * eas_sugov_pd_util() in two steps, for callers that keep each CPU's
 * eas_sugov_get_util() (the simulator recomputes only CPUs whose inputs
 * changed): _init() sets the starting util and max of perf domain pd,
 * then _add() folds in each CPU of the domain in pd->cpus order with its
 * util. The result equals eas_sugov_pd_util()'s, which is built on them.
 */
EAS_API void eas_sugov_pd_util_init(const struct eas_platform *pf, uint32_t pd,
				    uint64_t *util, uint64_t *max);
EAS_API void eas_sugov_pd_util_add(const struct eas_platform *pf, uint32_t cpu,
				   uint64_t j_util, uint64_t *util,
				   uint64_t *max);
/* map_util_perf(util): util + util / 4 (v6.19). */
static inline uint64_t eas_map_util_perf(uint64_t util)
{
	return util + (util >> 2);
}
/* map_util_freq(util, freq, cap): v5.4 (freq + freq / 4) * util / cap;
 * v6.19 freq * util / cap (the 25% moved into map_util_perf()). */
EAS_API uint64_t eas_map_util_freq(enum eas_kernel k, uint64_t util,
				   uint64_t freq, uint64_t cap);
/*
 * get_next_freq()'s raw target: map_util_freq(util, ref_khz, max) with
 * ref_khz = v5.4 cpuinfo.max_freq (frequency invariant) / v6.19
 * get_capacity_ref_freq() (arch_scale_freq_ref(), cpuinfo.max_freq on
 * arm64). The caller keeps cached_raw_freq (skip when equal and no
 * need_freq_update) and the rate limit (sugov_should_update_freq()).
 */
EAS_API uint64_t eas_sugov_next_freq(enum eas_kernel k, uint64_t util,
				     uint64_t max, uint64_t ref_khz);
/*
 * cpufreq_driver_resolve_freq(policy, target) as a perf-state index of pd:
 * the lowest OPP >= target within frequencies <= policy_max_khz (v5.4
 * CPUFREQ_RELATION_L; v6.19 CPUFREQ_RELATION_LE, which skips
 * EAS_PERF_STATE_INEFFICIENT OPPs when pd has
 * EAS_PD_SKIP_INEFFICIENCIES), else the highest allowed. pd must have
 * perf states.
 */
EAS_API uint32_t eas_sugov_resolve_freq(enum eas_kernel k,
					const struct eas_perf_domain *pd,
					uint64_t target_khz,
					uint64_t policy_max_khz);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_SIGNALS_H */
