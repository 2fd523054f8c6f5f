/* SPDX-License-Identifier: MIT */
/*
 * The libeas simulator (hosted layer, libeas-sim): a deterministic
 * discrete-event simulation of a Linux scheduler running an rt-app workload
 * on a platform, with every wake-up placement made by the library's
 * select_task_rq_fair() and energy accounted from the energy model.
 * docs/simulator.md describes the model (what is exact, what is simplified).
 *
 * Two layers:
 *   - PELT arithmetic (eas_pelt_*): the kernel's integer per-entity load
 *     tracking, usable alone by other simulators;
 *   - the simulator (eas_sim_*): create from a platform + workload, run,
 *     read the statistics, write the report / trace / plot.
 *
 * Time is in nanoseconds of simulated time throughout.
 */
#ifndef LIBEAS_SIM_H
#define LIBEAS_SIM_H

#include <libeas/balance.h>
#include <libeas/common.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/signals.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PELT (eas_pelt_*, eas_nice_to_weight()) is declared in <libeas/signals.h>
 * (the freestanding core, lib/core/pelt.c), included here. */

/* ---------------------------------------------------------------------- */
/* The simulator                                                            */
/* ---------------------------------------------------------------------- */

/*
 * The active-balance mechanism is balance.h's enum eas_mech
 * (kernel-eas.md §5.3, §6), named by eas_mech_name(): "stopper",
 * "balance_callback", "fifo1_thread" (EAS_MECH_COUNT of them).
 * eas_sim_ab_mech_parse() reads such a name into *out: 0, or EAS_EINVAL
 * for any other string (*out untouched).
 */
EAS_API int eas_sim_ab_mech_parse(const char *s, enum eas_mech *out);

/*
 * Longest simulation: 7 days of simulated time (about 10 minutes of wall
 * time for the 8-CPU, 20-task bench_sim load). eas_sim_create() refuses a
 * longer cfg.duration_ns or workload "duration" (EAS_ERANGE); a workload
 * without a duration runs until every thread ends, at most 1 hour.
 */
#define EAS_SIM_MAX_DURATION_NS (7ull * 24 * 3600 * 1000000000ull)

struct eas_policy; /* <libeas/policy.h> */

/* Configuration. All-zero means defaults (see each field). */
struct eas_sim_config {
	uint64_t duration_ns;	    /* 0: the workload's duration, or until
					every task ends (capped at 1 h);
					<= EAS_SIM_MAX_DURATION_NS */
	uint32_t hz;		    /* tick rate, 0 = 250 */
	uint32_t features;	    /* EAS_FEAT_*, 0 = eas_features_default()
					(plus uclamp when the workload uses
					util_min / util_max) */
	uint64_t rate_limit_ns;	    /* schedutil rate limit, 0 = 1 ms */
	uint64_t migration_cost_ns; /* stopper / fifo1 work per active
					balance, 0 = 10 us */
	enum eas_mech ab_mech;	    /* default EAS_MECH_STOPPER */
	bool no_eas;		    /* sched_energy_aware = 0 for placement
					(energy still accounted with the EM) */
	FILE *trace;		    /* ftrace text output, NULL none;
					written when the run reaches its end
					(or at eas_sim_free()), as the header
					carries the entry count */
	FILE *trace_dat;	    /* the same events as a trace-cmd
					trace.dat (format v6, for trace-cmd
					report / KernelShark), NULL none;
					written when `trace` is */
	uint32_t svg_samples;	    /* samples kept for the plot, 0 none */
	/* called every ~1% of simulated time (progress bar), may be NULL */
	void (*progress)(void *ctx, uint64_t now_ns, uint64_t end_ns);
	void *progress_ctx;
	/* Report the distance from the optimal placement (eas_sim_oracle())
	 * in the summary and the JSON. */
	bool oracle;
	uint64_t oracle_node_limit; /* branch-and-bound nodes, 0 = 10^7 */
	/*
	 * The placement policy (<libeas/policy.h>, docs/policy.md) called
	 * for every CFS wake-up / fork / exec placement instead of
	 * eas_select_task_rq_fair(). NULL = the built-in "eas". The built-in
	 * "no-eas" (eas_policy_builtin("no-eas")) is no_eas = true. Borrowed:
	 * must outlive the simulation.
	 */
	const struct eas_policy *policy;
	/* The decision log: one JSON line per placement (docs/formats.md,
	 * "eas simulate --decisions"), NULL none. Never changes results. */
	FILE *decisions;
	/* Every context switch, as it happens, one line each:
	 * "<time_ns> <cpu> <prev> <next>" (task names; the idle task is
	 * swapper/<cpu>); NULL none (docs/formats.md). */
	FILE *timeline;
};

/* Percentiles of a sample set (us), nearest-rank; all 0 when count 0. */
struct eas_sim_pct {
	uint64_t count;
	int64_t p50, p95, p99, max;
	int64_t min; /* the worst slack is its minimum */
};

/* Per-task results. */
struct eas_sim_task_stats {
	char comm[16];
	uint32_t pid;
	int32_t policy;			      /* enum eas_sched_policy */
	int32_t prio;			      /* nice or rt priority */
	struct eas_sim_pct wakeup_latency_us; /* wake-up -> first run */
	struct eas_sim_pct slack_us; /* period end - completion, at each
					  timer event (negative: missed) */
	uint64_t missed_periods;     /* completions after the period end */
	uint64_t runtime_ns;	     /* CPU time */
	uint64_t wakeups;
	uint64_t migrations;
	uint64_t misfit_ns; /* running while misfit */
	uint64_t util_avg;  /* at the end */
	uint64_t util_est;
	int32_t main_cpu; /* CPU it ran on longest, -1 if it never ran */
};

/* Per-CPU results. */
struct eas_sim_cpu_stats {
	uint64_t busy_ns;
	uint64_t idle_ns;
	uint64_t active_energy_uj; /* EM power x busy time */
	uint64_t idle_energy_uj;   /* idle-state power x idle time */
	uint64_t context_switches;
	uint64_t rt_preemptions; /* RT task preempted by migration work */
	uint64_t misfit_ns;	 /* rq->misfit_task_load != 0 */
	uint64_t util_avg;	 /* cfs util_avg at the end */
	/* idle states chosen by the TEO model (docs/simulator.md "Idle"):
	 * the CPU's states in platform-file order, shallowest first; both
	 * arrays [nr_idle_states] belong to the simulation (valid until
	 * eas_sim_free()) */
	uint32_t nr_idle_states;
	const uint64_t *idle_residency_ns; /* time in each state */
	const uint64_t *idle_entries;	   /* idle periods in each state */
	/* RT bandwidth: time the CPU's queued RT tasks could not run because
	 * of it (v5.4 RT throttling; v6.19/v7.1 the fair server running CFS
	 * above them) */
	uint64_t rt_throttled_ns;
};

/* Per-perf-domain results. */
struct eas_sim_pd_stats {
	uint64_t energy_uj; /* active + idle of its CPUs */
	uint64_t freq_changes;
	uint32_t nr_states;
	uint64_t *residency_ns;	 /* [nr_states] time at each OPP */
	uint64_t *frequency_khz; /* [nr_states] */
};

/*
 * Failed active-balance attempts are counted by the library's reason
 * (enum eas_mech_reason of balance.h, named by eas_mech_reason_name()):
 * "already_active" and "curr_pinned" when load_balance() gives up before
 * starting the mechanism, the others when the mechanism ran and moved
 * nothing ("nr_running_le1", "no_movable_task", "target_not_cfs",
 * "target_not_running", "target_moved", "target_not_allowed", ...).
 */
struct eas_sim_ab_stats {
	uint64_t decisions;	 /* need_active_balance() said yes */
	uint64_t kicked;	 /* mechanism started */
	uint64_t moved;		 /* task migrated */
	uint64_t rt_preemptions; /* RT tasks preempted by the migration work */
	uint64_t context_switches;   /* extra switches caused (into/out of the
				      migration thread) */
	struct eas_sim_pct delay_us; /* decision -> move */
	uint64_t failed[EAS_MECH_REASON_COUNT]; /* by enum eas_mech_reason */
};

struct eas_sim_stats {
	uint64_t duration_ns;
	uint64_t events;
	uint64_t energy_uj; /* total */
	uint64_t active_energy_uj;
	uint64_t idle_energy_uj;
	uint64_t migrations; /* all task migrations */
	uint64_t wakeup_migrations;
	uint64_t lb_migrations; /* moved by periodic / newidle balance */
	uint64_t context_switches;
	uint64_t overutilized_ns;
	uint64_t misfit_ns;		/* summed over CPUs */
	uint64_t placements;		/* select_task_rq_fair() calls */
	uint64_t placements_eas;	/* feec returned a CPU */
	uint64_t placements_by_path[5]; /* enum eas_place_path */
	struct eas_sim_ab_stats ab;
	uint32_t nr_cpus, nr_pds, nr_tasks;
	struct eas_sim_cpu_stats *cpus;
	struct eas_sim_pd_stats *pds;
	struct eas_sim_task_stats *tasks;
	/* wake-up (or fork) to first run of every wake-up, by the class the
	 * task runs in: CFS (SCHED_OTHER / BATCH / IDLE), RT (FIFO / RR),
	 * DL (SCHED_DEADLINE; the simulator has no DL task yet: count 0) */
	struct eas_sim_pct wakeup_latency_cfs_us, wakeup_latency_rt_us,
		wakeup_latency_dl_us;
	uint64_t rt_throttled_ns;    /* summed over CPUs */
	uint64_t rt_push_migrations; /* RT tasks moved by push_rt_task()
					(pushes, and pulls via RT_PUSH_IPI),
					counted in migrations too */
};

struct eas_sim;

/*
 * What the simulator reads beyond the built platform. All-zero (or a NULL
 * pointer to it) means: no name ("" in the reports) and no idle states
 * (idle energy 0, reported as "idle power unknown").
 */
struct eas_sim_pf_info {
	const char *name; /* the report's "platform"; NULL = "", at most
			     63 bytes are kept (copied) */
	uint32_t nr_idle_states;
	/* [nr_idle_states] (struct eas_idle_state of json.h), in the order
	 * of the platform file's "idle_states": a CPU's states are those
	 * that list it (or list no CPU), shallowest first; the idle
	 * governor (a TEO model) picks one per idle period, which gives the
	 * idle power and exit latency. Borrowed: must outlive the
	 * simulation. */
	const struct eas_idle_state *idle_states;
};

/*
 * Create a simulation of workload w on the built platform pf (from
 * eas_platform_build(), for the flavour to simulate: pf->kernel), with
 * info's name and idle states (info may be NULL). pf, w and the idle
 * states must outlive the simulation. Returns NULL on error with *err set
 * (EAS_E*) and a message in errbuf (may be NULL): EAS_EINVAL for a NULL
 * pf or w, a platform without CPUs, or nr_idle_states without
 * idle_states.
 */
EAS_API struct eas_sim *eas_sim_create_pf(const struct eas_platform *pf,
					  const struct eas_sim_pf_info *info,
					  const struct eas_rtapp_workload *w,
					  const struct eas_sim_config *cfg,
					  int *err, char *errbuf,
					  size_t errlen);
/*
 * The same for a platform loaded by eas_json_platform_load() (p must
 * outlive the simulation): eas_sim_create_pf(&p->pf, { p->name,
 * p->nr_idle_states, p->idle_states }, ...).
 */
EAS_API struct eas_sim *eas_sim_create(const struct eas_json_platform *p,
				       const struct eas_rtapp_workload *w,
				       const struct eas_sim_config *cfg,
				       int *err, char *errbuf, size_t errlen);
EAS_API void eas_sim_free(struct eas_sim *s);

/* Run until end_ns (0 = the configured duration). Returns 0, or
 * EAS_ERANGE when a "fork" event went past rt-app's limit (1024 forks of
 * one thread description, or EAS_RTAPP_MAX_INSTANCES threads in all): rt-app
 * exits there, and the run stops at that instant (its stats cover up to
 * it; further calls return EAS_ERANGE at once). */
EAS_API int eas_sim_run(struct eas_sim *s, uint64_t end_ns);

/*
 * How far EAS's placement is from the optimum, for steady periodic CFS
 * workloads (include/libeas/oracle.h): each task's steady utilisation
 * comes from the rt-app file (eas_oracle_from_rtapp()); EAS's placement is
 * each task on the CPU where it ran longest in the simulation; both
 * mappings are scored with the same estimate, the flavour's
 * compute_energy() over every perf domain (eas_oracle_energy()), so
 * `eas` and `optimum` are estimated energy rates in the flavour's EM
 * units and only their ratio means something.
 */
struct eas_sim_oracle {
	int status; /* 0; EAS_EUNSUPPORTED: not a steady periodic
			      CFS workload (msg says why); EAS_ERANGE: the
			      node limit was hit (optimum = best found) */
	char msg[192];
	uint32_t nr_tasks; /* one per thread instance, simulation order */
	uint64_t optimum;  /* minimum estimated energy rate */
	uint64_t eas;	   /* the same estimate for EAS's placement */
	bool optimum_feasible, eas_feasible; /* every CPU fits its load */
	uint64_t nodes;	       /* branch-and-bound nodes visited */
	uint64_t brute_force;  /* mappings a brute force would evaluate
				 (UINT64_MAX: more than that) */
	int32_t *eas_cpu;      /* [nr_tasks] (-1: never ran) */
	uint32_t *optimal_cpu; /* [nr_tasks] */
	uint32_t *task;	       /* [nr_tasks] index into eas_sim_stats.tasks */
};

/* Fill *out (free with eas_sim_oracle_free()). Returns 0 when the report
 * exists (out->status may still be EAS_ERANGE), or out->status. */
EAS_API int eas_sim_oracle(struct eas_sim *s, struct eas_sim_oracle *out);
EAS_API void eas_sim_oracle_free(struct eas_sim_oracle *o);

/* Statistics (valid until eas_sim_free; recomputed on each call). */
EAS_API const struct eas_sim_stats *eas_sim_stats(struct eas_sim *s);

/* The summary for people, the --json document, the SVG plot. */
EAS_API void eas_sim_write_summary(struct eas_sim *s, FILE *f);
EAS_API void eas_sim_write_json(struct eas_sim *s, FILE *f);
EAS_API int eas_sim_write_svg(struct eas_sim *s, FILE *f);

/*
 * Side by side: the same workload run once per mechanism (sims[i] ran with
 * ab_mech = i for i < n). A table for people, or with json one document
 * {"compare": [ <eas_sim_write_json() of each> ]}.
 */
EAS_API void eas_sim_write_compare(struct eas_sim *const *sims, uint32_t n,
				   FILE *f, bool json);

/* ---------------------------------------------------------------------- */
/* Placement policies (<libeas/policy.h>, docs/policy.md)                  */
/* ---------------------------------------------------------------------- */

/*
 * The built-in policies: "eas" (the flavour's eas_select_task_rq_fair(),
 * what a NULL eas_sim_config.policy runs) and "no-eas" (the same with
 * sched_energy_aware = 0, as eas_sim_config.no_eas). NULL for another
 * name. The pointers are constant: the simulator recognises "no-eas" by
 * its address.
 */
EAS_API const struct eas_policy *eas_policy_builtin(const char *name);

/*
 * A policy by its command-line spec: "eas" / "no-eas" (the built-ins,
 * *handle = NULL), or the path of a plugin, a shared object exporting
 * eas_policy_entry() (a path without '/' is looked up in the current
 * directory, not the library path). The plugin's policy is checked: the
 * entry point exists and returns non-NULL, abi == EAS_POLICY_ABI, name
 * and select_task_rq are set. Returns the policy, valid until
 * eas_policy_unload(*handle); or NULL with *err (EAS_EIO: cannot be
 * loaded, EAS_EFORMAT: not a valid plugin; may be NULL) and a message
 * naming the file in errbuf (may be NULL): nothing stays loaded then.
 */
EAS_API const struct eas_policy *eas_policy_load(const char *spec,
						 void **handle, int *err,
						 char *errbuf, size_t errlen);
/* dlclose() the plugin of eas_policy_load() (NULL: nothing). */
EAS_API void eas_policy_unload(void *handle);

/*
 * Side by side: the same workload run once per placement policy
 * (sims[i] with its own eas_sim_config.policy). A table for people (each
 * figure also as the difference against sims[0]), or with json one
 * document {"compare": [ <eas_sim_write_json() of each, with "policy" and
 * "policy_fallbacks" first> ]}.
 */
EAS_API void eas_sim_write_policy_compare(struct eas_sim *const *sims,
					  uint32_t n, FILE *f, bool json);
/* The runs' plots overlaid in one SVG (one colour per run, a legend);
 * n == 1 writes exactly eas_sim_write_svg(). */
EAS_API int eas_sim_write_svg_overlay(struct eas_sim *const *sims, uint32_t n,
				      FILE *f);

/* The embedded default platform (HiKey960) and workload (NUL-terminated
 * JSON texts). */
EAS_API const char *eas_sim_default_platform(void);
EAS_API const char *eas_sim_default_workload(void);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_SIM_H */
