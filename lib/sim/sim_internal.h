/* SPDX-License-Identifier: MIT */
/* Simulator internals shared by the lib/sim sources (not installed). */
#ifndef EAS_SIM_INTERNAL_H
#define EAS_SIM_INTERNAL_H

#include <libeas/balance.h>
#include <libeas/place.h>
#include <libeas/sim.h>

struct sim_vec {
	uint32_t *v;
	uint32_t n, cap;
};

struct sim_samples {
	int64_t *v;
	uint64_t n, cap;
};

enum sim_task_kind {
	SIM_TK_USER = 0,
	SIM_TK_STOPPER = 1, /* migration/N: stop class */
	SIM_TK_FIFO1 = 2,   /* cfs_migration/N: SCHED_FIFO 1 */
};

enum sim_task_state {
	SIM_TS_NEW = 0,
	SIM_TS_SLEEPING = 1,
	SIM_TS_RUNNABLE = 2, /* queued, not running */
	SIM_TS_RUNNING = 3,
	SIM_TS_DEAD = 4,
};

struct sim_timer {
	bool init;
	uint64_t t_next;
};

/*
 * A workload resource (docs/rtapp.md "Synchronisation events"): a glibc
 * mutex's lock word (0 free, 1 locked, 2 locked with possible waiters) and
 * the futex queue of the threads blocked in it (mq), a condition's waiters
 * (cq); a barrier uses all three plus rt-app's `waiting` counter. Queues
 * are in futex order: plist by min(normal_prio, MAX_RT_PRIO), FIFO among
 * equals.
 */
struct sim_res {
	uint32_t lll;
	struct sim_vec mq, cq;
	int64_t waiting;
	uint64_t sem; /* EAS_RTAPP_RES_SEM: the semaphore's count */
	/* PTHREAD_PRIO_INHERIT (pi_enabled): the futex word's owner, 1 + task
	 * index (0 free); mq holds the rt_mutex waiters in priority order */
	bool pi;
	uint32_t owner1;
};

/*
 * A task's wake-up bookkeeping for select_task_rq_fair(): recent_used_cpu
 * and, as `current`, record_wakee()'s state. Tasks have one, and so has
 * each CPU's idle task: a timer wake-up interrupting an idle CPU runs with
 * swapper/N as current.
 */
/*
 * The idle governor of one CPU, modelled on TEO (drivers/cpuidle/governors/
 * teo.c, docs/simulator.md "Idle"): the CPU's idle states (at most
 * CPUIDLE_STATE_MAX), the time and entries in each, and teo_cpu's metrics.
 */
#define SIM_MAX_CSTATES 10 /* CPUIDLE_STATE_MAX */
struct sim_teo {
	uint32_t nr;			  /* the CPU's idle states */
	uint32_t st[SIM_MAX_CSTATES];	  /* index into s->idle_states */
	uint64_t res_ns[SIM_MAX_CSTATES]; /* time in each state */
	uint64_t usage[SIM_MAX_CSTATES];  /* entries into each state */
	uint32_t hits[SIM_MAX_CSTATES], intercepts[SIM_MAX_CSTATES];
	uint32_t total, short_idles, tick_intercepts;
	int32_t last; /* dev->last_state_idx, -1 none */
	int32_t cur;  /* the state of the current idle period, -1 busy */
	/* v5.4 teo.c: per state hits / misses / early_hits, the last
	 * INTERVALS (8) measured idle durations in us; a 9th slot takes the
	 * write 5.4 makes past the array (interval_idx reaches INTERVALS
	 * before it wraps) and is never read */
	uint32_t misses[SIM_MAX_CSTATES], early_hits[SIM_MAX_CSTATES];
	uint32_t intervals[9];
	uint32_t interval_idx;
	uint64_t sleep_length_ns; /* INT64_MAX: KTIME_MAX */
	uint64_t enter_ts;	  /* the current idle period began */
	uint64_t last_residency_ns;
};

/* The v6.19 fair server's phase (docs/simulator.md "RT bandwidth"). */
enum sim_fs_phase {
	SIM_FS_OFF = 0,	     /* stopped: no CFS task queued */
	SIM_FS_DEFERRED = 1, /* armed for the zero-laxity time */
	SIM_FS_RUNNING = 2,  /* running CFS above RT */
	SIM_FS_WAIT = 3,     /* runtime used up: waits for the deadline */
};

struct sim_wake_state {
	int32_t recent_used_cpu;
	uint32_t wakee_flips;
	uint32_t last_wakee;
	uint64_t wakee_flip_decay_ts;
};

struct sim_task {
	char comm[16];
	uint32_t pid;
	uint32_t idx;
	enum sim_task_kind kind;
	const struct eas_rtapp_task *def;
	/* rt-app program counter */
	int64_t loops_left; /* -1 forever */
	uint32_t phase;
	int64_t phase_loops_left;
	uint32_t ev;
	int32_t move_to;      /* -1, or the CPU an affinity change sends the
			    running task to at its next __schedule() */
	uint64_t t_first;     /* thread start (timer base) */
	uint64_t delay_until; /* forked: thread_body()'s initial
				 clock_nanosleep() to t_first, 0 none */
	struct sim_timer *utimers; /* unique timers of this instance */
	/* scheduling properties */
	int32_t policy; /* enum eas_sched_policy */
	int32_t prio;	/* nice (CFS) or rt priority */
	uint64_t weight;
	uint64_t uclamp_min, uclamp_max;
	/* uclamp_req[].user_defined: set by rt-app's util_min / util_max,
	 * kept across class changes */
	bool uclamp_min_user, uclamp_max_user;
	eas_mask_word *allowed;
	uint32_t nr_allowed;
	/* state */
	enum sim_task_state state;
	int32_t cpu;
	uint32_t wake_gen;
	uint64_t vruntime;
	/* v5.4: ns of the last update_curr() of vruntime (se->exec_start) */
	uint64_t vr_exec_start;
	uint64_t exec_start; /* ns, when it last started running */
	uint64_t slice_exec; /* ns run since picked */
	uint64_t last_pick;  /* ns of the last pick (cfs_tasks order) */
	uint64_t work_left;  /* run: work left (ns x capacity); runtime:
				work left in the current 32 us loadwait()
				chunk, 0 = at a chunk boundary */
	uint64_t wall_end;   /* runtime: event start + N us */
	bool work_wall;	     /* a runtime event (ends by wall clock) */
	bool work_cpu_ns;    /* migration thread: work_left is ns of CPU
				time, whatever the speed */
	bool in_run;	     /* executing a run/runtime event */
	bool props_pending;  /* a new phase's properties apply when the
				thread next runs (rt-app's thread_body()) */
	uint8_t sub;	     /* sync event: the step it is at */
	bool spin;	     /* in_run is a spin (a program that neither
				runs nor sleeps), not an event */
	bool yielding;	     /* inside sched_yield()'s schedule() */
	uint64_t zt_now;     /* sync events started at time zt_now: */
	uint32_t zt_n;	     /* how many (the zero-time guard) */
	bool lock_slow;	     /* the next lock attempt is glibc's
				__lll_lock_wait() exchange (after a futex or
				condition wake-up) */
	bool avg_detached;   /* migrated: attach on next enqueue */
	/* priority inheritance (rt_mutex_setprio()): pi_boost when p->prio
	 * (pi_kprio, kernel prio) differs from normal_prio; pi_on: 1 + the
	 * PI mutex t blocks on (0 none) */
	bool pi_boost;
	int32_t pi_kprio;
	uint32_t pi_on;
	uint64_t rr_left;

	/* v6.19 / v7.1 EEVDF sched_entity (docs/simulator.md) */
	uint64_t deadline, vprot, slice;
	int64_t vlag;
	uint64_t tree_seq; /* rb-tree insertion order (equal deadlines) */
	bool custom_slice; /* se->custom_slice (rt-app sched_runtime) */
	bool rel_deadline; /* se->rel_deadline (PLACE_REL_DEADLINE) */
	bool delayed;	   /* se->sched_delayed (DELAY_DEQUEUE) */
	bool in_tree;	   /* queued in the cfs_rq tree (not curr) */

	struct eas_pelt avg;
	struct eas_util_est ue; /* util_est (core, lib/core/util_est.c) */
	/* uclamp_se of the rq it is counted in (uc_active): the values
	 * uclamp_rq_inc() used */
	uint32_t uc_min, uc_max;
	bool uc_active;
	/* wake-up bookkeeping for select_task_rq_fair() */
	struct sim_wake_state wk;
	/* stats */
	uint64_t wake_ts;
	bool lat_pending;
	struct sim_samples lat, slack;
	uint64_t missed;
	uint64_t runtime_ns;
	uint64_t *cpu_runtime_ns; /* [nr_cpus] CPU time per CPU */
	uint64_t wakeups;
	uint64_t migrations;
	uint64_t misfit_ns;
	/* SCHED_DEADLINE (sim_dl.c): sched_attr in ns, dl_bw / dl_density
	 * (to_ratio(), BW_SHIFT units), the CBS state (dl_se->runtime,
	 * ->deadline, dl_throttled, dl_non_contending), the replenishment
	 * and inactive timers (armed + generation), and the exec_start
	 * update_curr_dl() measures from */
	uint64_t dl_runtime, dl_deadline, dl_period;
	uint64_t dl_bw, dl_density;
	int64_t dl_rt;
	uint64_t dl_abs;
	bool dl_throttled, dl_non_contending, dl_admitted;
	bool dl_timer_armed, dl_inact_armed;
	uint32_t dl_timer_gen, dl_inact_gen;
	uint64_t dl_exec_start;
	uint64_t dl_throttles, dl_throttled_ns, dl_throttle_ts;
	uint64_t sleep_until; /* the timer of its current sleep, 0 none: the
				 next timer event of its CPU for TEO */
};

/* A pending active balance on a busiest CPU. */
struct sim_ab {
	bool pending;
	enum eas_mech mech;
	uint32_t dst;
	uint32_t target; /* task idx: balance callback target */
	uint64_t t0;
	int32_t level;
	struct eas_mech_decision d;
};

/* number of struct eas_rq inputs sugov_update() memoises on (sim.c) */
#define SIM_SUGOV_KEY_N 8

struct sim_cpu {
	uint32_t id, pd;
	uint64_t cap; /* arch capacity */
	/* the idle state it is in or last entered (the governor's choice;
	 * initially the deepest: the last idle_states[] entry whose cpus
	 * list it; none: power and exit latency 0) */
	bool has_idle;
	uint32_t idle_idx; /* index in its own cpuidle driver's states */
	uint64_t idle_power_uw;
	uint32_t idle_exit_latency_us;
	int32_t curr;		       /* task idx, -1 idle */
	struct sim_wake_state idle_wk; /* its idle task (swapper/N) */
	struct sim_vec cfs;	       /* queued CFS tasks (not curr) */
	struct sim_vec rt;   /* queued RT tasks (not curr), FIFO order */
	uint32_t nr_cfs;     /* incl. curr */
	uint32_t nr_rt;	     /* incl. curr (user RT + fifo1) */
	uint32_t nr_running; /* all classes incl. stopper */
	uint64_t cfs_weight;
	uint64_t min_vruntime;
	/* v6.19 / v7.1 EEVDF cfs_rq: zero_vruntime, avg_vruntime (the
	 * weighted key sum) and avg_load of the tree (curr excluded) */
	uint64_t zero_vruntime;
	int64_t avg_vruntime, avg_load;
	uint64_t tree_seq;
	uint32_t nr_delayed; /* h_nr_queued - h_nr_runnable */
	/* v5.4 cfs_rq->next / ->last buddies (task idx, -1 none) */
	int32_t cfs_next, cfs_last;
	int32_t cfs_skip; /* cfs_rq->skip (yield_task_fair()), -1 none */
	uint64_t clock;
	struct eas_pelt_clock pc; /* clock_pelt, lost_idle_time */
	struct eas_uclamp_rq uc;  /* rq->uclamp[] (core, lib/core/uclamp.c) */
	struct eas_pelt cfs_avg, rt_avg;
	uint64_t util_est;
	uint64_t misfit_task_load;
	uint64_t misfit_since;
	uint32_t done_gen;
	bool need_resched;
	bool in_schedule;   /* newidle balance inside schedule() */
	int32_t sched_prev; /* the task switching out there (-1 idle) */
	uint64_t idle_stamp;
	uint32_t distribute_prev; /* v6.19 distribute_cpu_mask_prev */
	/* balance */
	uint64_t *next_balance;	     /* [levels] jiffies */
	uint32_t *nr_balance_failed; /* [levels] */
	bool active_balance;
	struct sim_ab ab;
	uint32_t stopper, fifo1; /* task idx of the kthreads */
	bool stopper_queued;
	enum eas_sched_class kthread_preempted; /* what the kthread preempted */
	/* accounting */
	uint64_t acct_ts;
	uint64_t busy_ns, idle_ns;
	uint64_t e_active_num; /* power * ns remainder accumulators */
	uint64_t e_active_uj, e_idle_uj, e_idle_num;
	uint64_t ctx;
	uint64_t rt_preempt;
	uint64_t misfit_ns;
	/* SCHED_DEADLINE (sim_dl.c): queued DL tasks (not curr), dl_nr_running
	 * (incl. curr, without throttled ones), rq->avg_dl, rq->dl.running_bw */
	struct sim_vec dl;
	uint32_t nr_dl;
	struct eas_pelt dl_avg;
	uint64_t dl_running_bw;
	/* speed (sim.c sugov_update()): the inputs of this CPU's last
	 * schedutil utilisation and the value they gave */
	struct sim_sugov_memo {
		bool valid;
		uint64_t key[SIM_SUGOV_KEY_N];
		uint64_t util;
	} sugov_memo;
	/* idle governor (TEO model) */
	struct sim_teo teo;
	/* RT bandwidth (docs/simulator.md "RT"): v5.4 rt_rq->rt_time,
	 * rt_runtime (RT_RUNTIME_SHARE moves it between CPUs), rt_throttled;
	 * v6.19 the fair server's state */
	uint64_t rt_time, rt_runtime;
	bool rt_throttled;
	uint64_t rt_exec;	  /* ns of the last update_curr_rt() */
	uint64_t rt_throttled_ns; /* RT held off (throttled / server) */
	int32_t rt_requeue_head;  /* check_preempt_equal_prio(): the wakee
				    requeued ahead of curr, -1 none */
	enum sim_fs_phase fs_phase;
	uint64_t fs_deadline;
	int64_t fs_runtime;
	uint32_t fs_gen;
};

struct sim_pd {
	uint32_t state; /* current OPP index */
	uint64_t freq_khz;
	uint64_t max_khz; /* policy max (cpuinfo.max_freq, no turbo) */
	uint64_t last_update;
	bool updated_once;
	uint64_t cached_raw;
	uint64_t acct_ts;
	uint64_t *residency;
	uint64_t changes;
};

struct sim_event {
	uint64_t time;
	uint64_t seq;
	uint32_t type;
	uint32_t id;
	uint32_t gen;
};

enum sim_ev_type {
	SIM_EV_TICK = 0,
	SIM_EV_DONE = 1, /* curr's run segment done on cpu id */
	SIM_EV_WAKE = 2, /* task id wakes (timer / sleep / start) */
	SIM_EV_SAMPLE = 3,
	SIM_EV_STEP = 4,	/* cpu id's curr continues its rt-app program (a
			    wake-up chain too deep to follow in place) */
	SIM_EV_DL_TIMER = 5,	/* task id's dl_timer (replenishment) */
	SIM_EV_DL_INACTIVE = 6, /* task id's inactive_timer (0-lag time) */
	SIM_EV_RT_PERIOD = 7,	/* v5.4 def_rt_bandwidth's period timer */
	SIM_EV_FSRV = 8,	/* v6.19 cpu id's fair server timer */
};

struct sim_sample_pt {
	uint64_t t;
};

struct eas_sim {
	const struct eas_platform *pf;
	char pf_name[64]; /* eas_sim_pf_info.name, truncated */
	uint32_t nr_idle_states;
	const struct eas_idle_state *idle_states; /* the caller's */
	const struct eas_rtapp_workload *w;
	struct eas_sim_config cfg;
	enum eas_kernel k;
	uint32_t features;
	uint32_t nr_cpus, nr_pds, nr_levels;
	uint64_t now, end;
	bool until_done; /* no duration given: stop when all threads end */
	uint32_t alive;	 /* user threads not yet ended */
	uint64_t tick_ns;
	uint64_t jiffies;
	uint64_t calib_cap;
	struct sim_cpu *cpus;
	struct sim_pd *pds;
	struct sim_task *tasks;
	uint32_t nr_tasks, nr_user;
	uint32_t user_cap; /* nr_user + the fork slots left */
	uint32_t *nforks;  /* [w->nr_tasks] threads forked from each */
	bool fork_limit;   /* a fork past the limit: the run stopped */
	struct sim_timer *gtimers;
	struct sim_res *res;  /* [w->nr_resources] */
	struct sim_vec woken; /* tasks a sync step woke, to reschedule */
	uint32_t step_depth;  /* task_step() calls nested in one another */
	/* heap */
	struct sim_event *heap;
	size_t heap_n, heap_cap;
	uint64_t seq;
	uint64_t events;
	/* scratch for library calls */
	struct eas_rq *rq;
	struct eas_lb_task *lbt;
	struct eas_can_migrate *cm;
	struct eas_sg_stats *groups;
	uint32_t *lbt_idx;
	struct sim_lb_key {
		uint64_t pick;
		uint32_t idx;
	} * lbt_key; /* [nr_tasks] sort keys for lbt_idx */
	/* root domain */
	bool overutilized;
	uint64_t ou_since, overutilized_ns;
	bool eas_on;
	/* stats */
	uint64_t migrations, wake_migrations, lb_migrations;
	uint64_t placements, placements_eas, by_path[5];
	struct eas_sim_ab_stats ab;
	struct sim_samples ab_delay;
	uint64_t rt_pushes;	 /* RT tasks moved by push_rt_task() */
	bool rt_period_active;	 /* v5.4 def_rt_bandwidth.rt_period_active */
	bool rt_resched_pending; /* a push left CPUs to reschedule */
	uint8_t *rt_mask;	 /* [nr_cpus] cpupri_find()'s lowest mask */
	/* wake-up latency samples (us) by class: CFS, RT, DL */
	struct sim_samples lat_class[3];
	uint64_t ctx;
	/* svg samples: per sample nr_cpus utils, nr_pds freqs, energy */
	uint32_t svg_max, svg_n;
	uint64_t svg_dt;
	uint64_t *svg_t, *svg_util, *svg_freq, *svg_energy;
	/* trace lines until the header's entry count is known */
	FILE *tr_tmp;
	uint64_t tr_entries;
	/* progress */
	uint64_t next_progress;
	/* output */
	struct eas_sim_stats st;
	bool st_alloc;
	/* placement policy (sim_policy.c): answers replaced by
	 * select_fallback_rq() */
	uint64_t policy_fallbacks;
	/* SCHED_DEADLINE (sim_dl.c): any DL thread in the workload (the DL
	 * paths and avg_dl are skipped otherwise), the root domain's dl_bw
	 * (bw, total_bw in BW_SHIFT units) */
	bool has_dl;
	uint64_t dl_bw_total;
};

/* sim_policy.c: one select_task_rq() of the configured policy for task t
 * (cfg.policy, NULL = eas_select_task_rq_fair()), its answer checked as
 * the kernel's select_task_rq() does (select_fallback_rq()), the decision
 * logged to cfg.decisions. Returns the CPU, or a negative EAS_E* code when
 * not even the fallback found one. */
int eas__sim_place(struct eas_sim *s, const struct eas_system *sys,
		   const struct sim_task *t, struct eas_task *p,
		   struct eas_waker *w, uint32_t wake_flags,
		   struct eas_place_result *res);
/* The policy's name: cfg.policy->name, else "eas" / "no-eas". */
const char *eas__sim_policy_name(const struct eas_sim *s);

/* sim.c */
uint64_t eas__sim_energy_uj(const struct eas_sim *s);
void eas__sim_pct(struct sim_samples *sm, struct eas_sim_pct *out);
uint32_t eas__sim_check(const struct eas_sim *s);
/* sim_dl.c: the SCHED_DEADLINE class (docs/simulator.md "SCHED_DEADLINE").
 * sim.c calls these at the kernel's points; these call back the few sim.c
 * helpers below. */
static inline bool eas__sim_is_dl(const struct sim_task *t)
{
	return t->kind == SIM_TK_USER && t->policy == EAS_POLICY_DEADLINE;
}
int eas__sim_dl_check(const struct eas_platform *pf,
		      const struct eas_rtapp_workload *w, char *errbuf,
		      size_t errlen);
void eas__sim_dl_params(struct eas_sim *s, struct sim_task *t,
			const struct eas_rtapp_props *p);
void eas__sim_dl_update_curr(struct eas_sim *s, struct sim_cpu *c,
			     struct sim_task *t);
bool eas__sim_dl_enqueue(struct eas_sim *s, struct sim_cpu *c,
			 struct sim_task *t, bool wakeup, bool fork);
void eas__sim_dl_dequeue_queued(struct eas_sim *s, struct sim_cpu *c,
				struct sim_task *t);
bool eas__sim_dl_sleep(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t,
		       bool dead);
void eas__sim_dl_check_preempt(struct eas_sim *s, struct sim_cpu *c,
			       const struct sim_task *t);
int32_t eas__sim_dl_pick(const struct eas_sim *s, const struct sim_cpu *c);
void eas__sim_dl_leave(struct eas_sim *s, struct sim_cpu *c,
		       struct sim_task *t);
void eas__sim_dl_put_prev(struct eas_sim *s, struct sim_cpu *c,
			  struct sim_task *t);
void eas__sim_dl_set_next(struct eas_sim *s, struct sim_cpu *c,
			  struct sim_task *t);
void eas__sim_dl_yield(struct eas_sim *s, struct sim_cpu *c,
		       struct sim_task *t);
void eas__sim_dl_tick(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t);
uint32_t eas__sim_dl_select(struct eas_sim *s, struct sim_task *t,
			    uint32_t this_cpu, bool wakeup);
void eas__sim_dl_migrate_wake(struct eas_sim *s, struct sim_task *t,
			      uint32_t prev);
void eas__sim_dl_woken(struct eas_sim *s, struct sim_cpu *c,
		       struct sim_task *t);
void eas__sim_dl_push(struct eas_sim *s, struct sim_cpu *c);
void eas__sim_dl_pull(struct eas_sim *s, struct sim_cpu *c);
void eas__sim_dl_timer(struct eas_sim *s, struct sim_task *t);
void eas__sim_dl_inactive_timer(struct eas_sim *s, struct sim_task *t);
void eas__sim_dl_pelt(const struct eas_sim *s, const struct sim_cpu *c,
		      uint64_t pn, struct eas_pelt *dl);
/* sim.c helpers for sim_dl.c */
void eas__sim_ev_push(struct eas_sim *s, uint64_t time, uint32_t type,
		      uint32_t id, uint32_t gen);
int eas__sim_vec_push(struct sim_vec *v, uint32_t x);
void eas__sim_vec_remove(struct sim_vec *v, uint32_t x);
uint64_t eas__sim_freq_scale(const struct eas_sim *s, uint32_t cpu);
void eas__sim_update_cpu(struct eas_sim *s, struct sim_cpu *c);
void eas__sim_migrate_queued(struct eas_sim *s, struct sim_task *t,
			     uint32_t dst);
void eas__sim_sugov_update(struct eas_sim *s, uint32_t cpu);

/* tracedat.c: the text trace (as trace_vline() writes it) as a trace-cmd
 * trace.dat (v6) on f. 0 or EAS_ENOMEM / EAS_EIO. */
int eas__sim_write_trace_dat(const struct eas_sim *s, FILE *text, FILE *f);

#endif /* EAS_SIM_INTERNAL_H */
