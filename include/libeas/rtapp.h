/* SPDX-License-Identifier: MIT */
/*
 * rt-app workloads (hosted layer): the subset of rt-app's JSON that a
 * scheduler simulator needs (docs/rtapp.md; rt-app doc/tutorial.txt and
 * src/rt-app_parse_config.c for the semantics).
 *
 * Read as rt-app reads it (json-c): C comments, trailing commas; a
 * duplicate key keeps its last value at the first key's position; keys
 * rt-app never reads are skipped. Both are reported as warnings (or are
 * errors with eas_rtapp_load_opts.strict). Event keys match by prefix
 * ("run0", "timer2"), "runtime" before "run". Unsupported events (mem,
 * iorun, sem_*, ...) and priority-inheritance mutexes are a clear error.
 */
#ifndef LIBEAS_RTAPP_H
#define LIBEAS_RTAPP_H

#include <libeas/json.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

enum eas_rtapp_event_type {
	EAS_RTAPP_RUN = 0,     /* calibrated work: us at the calibration CPU's
				  capacity at its max frequency */
	EAS_RTAPP_RUNTIME = 1, /* busy for us of wall time */
	EAS_RTAPP_SLEEP = 2,   /* sleep us from now */
	EAS_RTAPP_TIMER = 3,   /* sleep until the timer's next expiry */
	/* rt-app's synchronisation events (docs/rtapp.md): res / dep index
	 * workload resources[] */
	EAS_RTAPP_LOCK = 4,	/* pthread_mutex_lock(res) */
	EAS_RTAPP_UNLOCK = 5,	/* pthread_mutex_unlock(res) */
	EAS_RTAPP_WAIT = 6,	/* pthread_cond_wait(res, dep) */
	EAS_RTAPP_SIGNAL = 7,	/* pthread_cond_signal(res) */
	EAS_RTAPP_BROAD = 8,	/* pthread_cond_broadcast(res) */
	EAS_RTAPP_SYNC = 9,	/* signal(res), then wait(res, dep) */
	EAS_RTAPP_SUSPEND = 10, /* lock(dep), wait(res, dep), unlock(dep);
				   res / dep named after the thread */
	EAS_RTAPP_RESUME = 11,	/* lock(dep), broadcast(res), unlock(dep) */
	EAS_RTAPP_BARRIER = 12, /* rt-app's barrier on resource res */
	EAS_RTAPP_YIELD = 13,	/* sched_yield() */
	EAS_RTAPP_FORK = 14,	/* a new thread from the description
				   tasks[res] (rt-app's create_thread()) */

	/* sem_post(res): the count + 1, waking one sem_wait()er; sem_wait(res):
	 * the count - 1, or sleep until a post (a RES_SEM resource) */
	EAS_RTAPP_SEM_POST = 15,
	EAS_RTAPP_SEM_WAIT = 16,
};

/* Kinds of workload resources (rt-app keys a resource by name and kind:
 * a mutex and a condition may share a name). */
enum eas_rtapp_res_type {
	EAS_RTAPP_RES_MUTEX = 0,
	EAS_RTAPP_RES_COND = 1,
	EAS_RTAPP_RES_BARRIER = 2,
	EAS_RTAPP_RES_SEM = 3, /* a POSIX semaphore (sem_post / sem_wait),
				  initial count 0 */
};

struct eas_rtapp_resource {
	char name[64];
	int32_t type;	/* enum eas_rtapp_res_type */
	uint32_t users; /* BARRIER: instances of each barrier event on it,
			   summed (rt-app counts one event per thread
			   description x its instances) */
	bool pi;	/* MUTEX / BARRIER (its mutex): PTHREAD_PRIO_INHERIT
			   (global "pi_enabled": an rt_mutex with priority
			   inheritance and hand-off) */
};

struct eas_rtapp_event {
	enum eas_rtapp_event_type type;
	uint64_t us;	     /* RUN/RUNTIME/SLEEP duration; TIMER period */
	int32_t timer;	     /* TIMER: index into workload timers */
	bool timer_absolute; /* TIMER: "mode": "absolute" */
	int32_t res;	     /* sync events: resources[] index; FORK: the
				tasks[] index of the thread to create; else
				-1 */
	int32_t dep;	     /* WAIT/SYNC/SUSPEND/RESUME: the mutex, else -1 */
};

/* Properties that a thread sets and a phase may change. -1 / false means
 * "not set here" (inherit). */
struct eas_rtapp_props {
	int32_t policy;	  /* enum eas_sched_policy, -1 = inherit */
	int32_t priority; /* nice (CFS) or rt priority; INT32_MIN inherit */
	int32_t util_min; /* uclamp 0..1024, -1 = unchanged */
	int32_t util_max; /* uclamp 0..1024, -1 = unchanged */
	uint32_t nr_cpus; /* affinity list length, 0 = inherit */
	uint32_t *cpus;	  /* affinity list (CPU ids) */
	/* rt-app's sched_data runtime / deadline / period in us, as
	 * parse_sched_data() computes them: "dl-runtime" (thread level:
	 * else the legacy "runtime"), "dl-period" (else "period"; default
	 * the runtime), "dl-deadline" (else "deadline"; default the
	 * period); 0 = not given. SCHED_DEADLINE's sched_attr (docs/rtapp.md
	 * section 1); for SCHED_OTHER/BATCH rt-app passes sched_runtime as
	 * the custom slice. */
	int64_t sched_runtime_us;
	int64_t sched_deadline_us;
	int64_t sched_period_us;
};

struct eas_rtapp_phase {
	char name[64];
	int64_t loop; /* default 1 */
	struct eas_rtapp_props props;
	uint32_t nr_events;
	struct eas_rtapp_event *events; /* file order */
};

struct eas_rtapp_task {
	char name[64];
	uint32_t instance; /* default 1 */
	uint64_t delay_us;
	int64_t loop; /* times the phase list runs; -1 = forever */
	struct eas_rtapp_props props;
	uint32_t nr_phases;
	struct eas_rtapp_phase *phases;
	bool fork_only; /* "instance": 0: no thread at start, only the
			   threads fork events create (rt-app) */
};

struct eas_rtapp_timer {
	char ref[64];
	bool unique; /* ref starts with "unique": one timer per instance */
};

/*
 * Most thread instances a workload may describe in total (the sum of every
 * thread's "instance"): the loader refuses more (EAS_ERANGE at
 * /tasks/<name>/instance), and so does eas_sim_create() for a workload
 * built in C. One thread's "instance" is also at most this.
 */
#define EAS_RTAPP_MAX_INSTANCES 16384u

struct eas_rtapp_workload {
	int64_t duration_s;	 /* -1 = until every thread ends */
	int32_t calibration_cpu; /* "CPUn" -> n; -1 when given as pLoad */
	int64_t calibration_ns;	 /* pLoad ns when numeric, else -1 */
	int32_t default_policy;	 /* enum eas_sched_policy */
	uint32_t nr_tasks;
	struct eas_rtapp_task *tasks; /* file order */
	uint32_t nr_timers;
	struct eas_rtapp_timer *timers;
	uint32_t nr_resources; /* mutexes, conditions, barriers the events
				  name, in order of first use */
	struct eas_rtapp_resource *resources;
	uint32_t nr_warnings; /* warnings the load reported (see below) */
};

/*
 * Load options; all zero (or a NULL pointer) = the defaults.
 *
 * Warnings: what rt-app accepts but a reader should know about: a
 * duplicate key (rt-app's json-c keeps the last value, at the position of
 * the first occurrence, so event order follows the first key), a key rt-app
 * never reads (misspelt or from another rt-app version), an event at thread
 * level next to "phases" (rt-app ignores it). Each is handed to warn(), in
 * that order (duplicates in file order, then the others as the loader meets
 * them, which is file order but for keys that follow a duplicate), as a
 * diag: err = the code strict mode fails with (EAS_EFORMAT), path, offset,
 * line and column of the key, and a message. The library prints nothing;
 * warnings never change what is loaded. warn may be NULL: warnings are then
 * only counted (eas_rtapp_workload.nr_warnings).
 */
struct eas_rtapp_load_opts {
	bool strict; /* every warning is an EAS_EFORMAT error instead */
	void (*warn)(void *warn_ctx, const struct eas_json_diag *w);
	void *warn_ctx; /* passed to warn */
};

/* Parse; 0 or a negative EAS_E* code with diag (path, offset, message).
 * On error *out is zeroed and nothing is leaked (warnings reported before
 * the error have been delivered). opts may be NULL (defaults). */
EAS_API int eas_rtapp_load_ex(const char *buf, size_t len,
			      const struct eas_rtapp_load_opts *opts,
			      struct eas_rtapp_workload *out,
			      struct eas_json_diag *diag);
/* eas_rtapp_load_ex() with the default options (warnings only counted). */
EAS_API int eas_rtapp_load(const char *buf, size_t len,
			   struct eas_rtapp_workload *out,
			   struct eas_json_diag *diag);
EAS_API void eas_rtapp_free(struct eas_rtapp_workload *w);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_RTAPP_H */
