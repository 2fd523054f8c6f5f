/* SPDX-License-Identifier: MIT */
/*
 * rt-app workload parser (hosted): include/libeas/rtapp.h, docs/rtapp.md.
 *
 * Semantics follow rt-app's src/rt-app_parse_config.c (scheduler-tools/rt-app
 * 518c338c) and doc/tutorial.txt, read for behaviour only:
 *
 *  - parse_global(): "duration" (default -1), "calibration" ("CPUn" string or
 *    an integer pLoad in ns; absent = CPU0), "default_policy" (SCHED_OTHER).
 *    Host-side keys (logdir, log_size, ftrace, ...) are accepted and ignored.
 *  - parse_task_data(): "instance" (default 1), "delay" (us, 0), "phases"
 *    (object, file order). Without "phases" the thread object is itself the
 *    one phase; its "loop" is then the phase's loop count and the thread
 *    runs the phase list once if "loop" was given, forever otherwise.
 *    With "phases", the thread's "loop" defaults to -1 (forever).
 *  - parse_sched_data(): policy / priority / util_min / util_max at thread or
 *    phase level. A thread gets the default policy and the policy's default
 *    priority (nice 0 for CFS, 10 for RT); a phase changes only what it says
 *    (a phase that sets a policy without a priority gets that policy's
 *    default priority).
 *  - obj_is_event(): a key is an event when it *starts with* one of rt-app's
 *    event names, tested in rt-app's order (so "runtime" wins over "run",
 *    "memrun" before "mem", as rt-app 55cb0c0 tests them).
 *  - timers: "ref" names a timer shared by every thread using it; a ref that
 *    starts with "unique" names a timer private to each thread instance.
 *    "mode" is a property of the timer (rt-app sets it on the timer
 *    resource), so one "absolute" event makes every event on that timer
 *    absolute.
 *
 *  - json-c: a repeated key keeps its last value at the first key's
 *    position (json_object_object_add() replaces an existing entry's
 *    value), and rt-app walks members in that order; keys rt-app never
 *    reads are skipped. Both are warnings here (eas_rtapp_load_opts.warn),
 *    errors with opts.strict; so are a thread-level event next to "phases"
 *    (parse_task_data() never looks at it) and a timer "mode" other than
 *    relative/absolute (rt-app: absolute iff it starts with "absolute").
 *
 * Stricter than rt-app, on purpose: unsupported events are
 * EAS_EUNSUPPORTED instead of being half-simulated, values rt-app would
 * misread (negative durations, a timer without a period, a non-object
 * timer) are errors, and numbers are range-checked. docs/rtapp.md lists
 * every choice.
 */
#include <libeas/error.h>
#include <libeas/rtapp.h>

#include "jsonutil.h" /* lib/hosted: the hosted layers' JSON reader */

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest CPU id accepted in "cpus" (the platform checks the real bound). */
#define RTAPP_MAX_CPU_ID (1u << 24)
/* Largest duration in us (about 31 years); keeps sums far from overflow. */
#define RTAPP_MAX_US ((int64_t)1 << 50)

/*
 * The stated model of rt-app's memory and I/O events (docs/rtapp.md §1.3):
 * each becomes calibrated work (EAS_RTAPP_RUN) of a duration derived from
 * its byte or hop count, rounded up to whole us. rt-app itself times
 * nothing here: these rates are the simulator's, not rt-app's.
 *  - "mem" (memload(): memset() in chunks of mem_buffer_size): 4096 bytes
 *    per us, about the memset() rate of a big core from its cache;
 *  - "memrun" read / write (memread() / memwrite(): one volatile byte
 *    access per byte): 1000 bytes per us, one byte per ns;
 *  - "memrun" chase (memchase_run(): one dependent load per hop): 10 hops
 *    per us, 100 ns per hop, a DRAM latency;
 *  - "iorun" (ioload(): write() of at most mem_buffer_size bytes to
 *    io_device, /dev/null by default, where the kernel copies nothing):
 *    1 us per write() call.
 */
#define RTAPP_MEM_BYTES_PER_US 4096u
#define RTAPP_MEMRUN_BYTES_PER_US 1000u
#define RTAPP_CHASE_HOPS_PER_US 10u
#define RTAPP_IO_US_PER_WRITE 1u
/* rt-app_parse_config.c DEFAULT_MEM_BUF_SIZE */
#define RTAPP_DEFAULT_MEM_BUF_SIZE (4 * 1024 * 1024)
/* rt-app_taskgroups.c: max_nbr_tgs */
#define RTAPP_MAX_TASKGROUPS 32u

/* rt-app's default priorities (rt-app_types.h) */
#define RTAPP_DEFAULT_NICE 0
#define RTAPP_DEFAULT_RT_PRIO 10

enum ev_kind {
	EV_RUN,
	EV_RUNTIME,
	EV_SLEEP,
	EV_TIMER,
	EV_LOCK,
	EV_UNLOCK,
	EV_WAIT,
	EV_SIGNAL,
	EV_BROAD,
	EV_SYNC,
	EV_SUSPEND,
	EV_RESUME,
	EV_BARRIER,
	EV_YIELD,
	EV_FORK,
	EV_MEM,
	EV_MEMRUN,
	EV_IORUN,
	EV_SEM_POST,
	EV_SEM_WAIT,
	EV_UNSUPPORTED,
};

/* rt-app's events[] in its order: first prefix match wins. */
static const struct {
	const char *prefix;
	enum ev_kind kind;
} rtapp_events[] = {
	{ "lock", EV_LOCK },
	{ "unlock", EV_UNLOCK },
	{ "wait", EV_WAIT },
	{ "signal", EV_SIGNAL },
	{ "broad", EV_BROAD },
	{ "sync", EV_SYNC },
	{ "sleep", EV_SLEEP },
	{ "runtime", EV_RUNTIME },
	{ "run", EV_RUN },
	{ "timer", EV_TIMER },
	{ "suspend", EV_SUSPEND },
	{ "resume", EV_RESUME },
	/* rt-app 55cb0c0 (2026) tests "memrun" before "mem" */
	{ "memrun", EV_MEMRUN },
	{ "mem", EV_MEM },
	{ "iorun", EV_IORUN },
	{ "yield", EV_YIELD },
	{ "barrier", EV_BARRIER },
	{ "fork", EV_FORK },
	/* rt-app 55cb0c0: POSIX semaphores (parse_task_event_data(): a
	 * string naming the semaphore; run_event(): sem_post() /
	 * sem_wait()) */
	{ "sem_post", EV_SEM_POST },
	{ "sem_wait", EV_SEM_WAIT },
};

/* Index into rtapp_events of the event `key` is, or -1. */
static int event_of(const char *key)
{
	for (size_t i = 0; i < sizeof(rtapp_events) / sizeof(rtapp_events[0]);
	     i++) {
		size_t n = strlen(rtapp_events[i].prefix);
		if (!strncmp(key, rtapp_events[i].prefix, n))
			return (int)i;
	}
	return -1;
}

static const char *const policy_names[] = {
	"SCHED_OTHER", "SCHED_BATCH", "SCHED_IDLE",
	"SCHED_FIFO",  "SCHED_RR",    "SCHED_DEADLINE",
};
/* policy_names[i] -> enum eas_sched_policy */
static const int32_t policy_values[] = {
	EAS_POLICY_NORMAL, EAS_POLICY_BATCH, EAS_POLICY_IDLE,
	EAS_POLICY_FIFO,   EAS_POLICY_RR,    EAS_POLICY_DEADLINE,
};

static bool policy_is_rt(int32_t p)
{
	return p == EAS_POLICY_FIFO || p == EAS_POLICY_RR;
}

/* Keys of "global" that only matter on a real host: accepted, ignored. */
static const char *const global_keys[] = {
	"duration",	    "calibration", "default_policy", "logdir",
	"log_basename",	    "log_size",	   "ftrace",	     "gnuplot",
	"lock_pages",	    "pi_enabled",  "io_device",	     "mem_buffer_size",
	"cumulative_slack", "frag",	   "spacing",	     NULL,
};

static const char *const root_keys[] = { "global", "tasks", "resources", NULL };

/* Non-event keys allowed in a phase (and in a thread without phases). */
static const char *const phase_keys[] = {
	"loop",	     "cpus",	    "nodes_membind", "policy",
	"priority",  "util_min",    "util_max",	     "dl-runtime",
	"dl-period", "dl-deadline", "taskgroup",     NULL,
};
/* ... plus these at thread level ("period" and "deadline": rt-app's legacy
 * SCHED_DEADLINE grammar, read by parse_sched_data() for a thread only). */
static const char *const thread_keys[] = { "instance", "delay",	   "phases",
					   "period",   "deadline", NULL };

static const char *const timer_keys[] = { "ref", "period", "mode", NULL };

static bool in_list(const char *const *list, const char *key)
{
	for (; *list; list++)
		if (!strcmp(*list, key))
			return true;
	return false;
}

struct parser {
	struct eas__jctx ctx;
	struct eas_rtapp_workload *w;
	size_t timers_cap;
	size_t res_cap;
	const struct eas_rtapp_task *task; /* the thread being parsed */
	struct json_object *tasks;	   /* the "tasks" object (fork) */
	bool pi;     /* global "pi_enabled": PTHREAD_PRIO_INHERIT mutexes */
	bool strict; /* eas_rtapp_load_opts.strict */
	int64_t mem_buffer_size; /* global "mem_buffer_size" (iorun chunks) */
	/* taskgroups named so far (rt-app's taskgroup table, at most
	 * RTAPP_MAX_TASKGROUPS; borrowed from the JSON tree) */
	const char *tg[RTAPP_MAX_TASKGROUPS];
	uint32_t nr_tg;
	bool tg_in_effect; /* the thread being parsed is in a taskgroup */
	bool tg_warned;	   /* the approximation warning was given */
};

/*
 * Something rt-app tolerates and skips (a key it never reads): a warning
 * at the current path + "/key", or with opts.strict an EAS_EFORMAT error.
 * Returns 0 (warned) or the error.
 */
static int tolerated(struct parser *ps, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int tolerated(struct parser *ps, const char *key, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ps->strict)
		return eas__jerr(&ps->ctx, EAS_EFORMAT, key, "%s", msg);
	return eas__jwarn(&ps->ctx, EAS_EFORMAT, key, "%s", msg);
}

/* Keys of obj outside `allowed` (NULL-terminated): tolerated. */
static int check_keys(struct parser *ps, struct json_object *obj,
		      const char *const *allowed, const char *expected)
{
	if (eas__jval_obj(&ps->ctx, obj))
		return ps->ctx.err;
	json_object_object_foreach(obj, key, val)
	{
		(void)val;
		if (!in_list(allowed, key) &&
		    tolerated(ps, key,
			      "unknown key '%s' ignored, as rt-app does "
			      "(expected one of: %s)",
			      key, expected))
			return ps->ctx.err;
	}
	return 0;
}

static int nomem(struct parser *ps)
{
	return eas__jerr(&ps->ctx, EAS_ENOMEM, NULL, "out of memory");
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* "cpus": a non-empty array of CPU ids; stored sorted, duplicates dropped
 * (rt-app sets bits of a cpu_set_t, so [1, 1] is [1]). */
static int parse_cpus(struct parser *ps, struct json_object *obj,
		      struct eas_rtapp_props *pr)
{
	struct json_object *arr = NULL;
	size_t n, mark;
	uint32_t *cpus;

	if (eas__jget_arr(&ps->ctx, obj, "cpus", 1, RTAPP_MAX_CPU_ID, &arr,
			  EAS__JOPT))
		return ps->ctx.err;
	if (!arr)
		return 0;
	n = json_object_array_length(arr);
	cpus = calloc(n, sizeof(*cpus));
	if (!cpus)
		return nomem(ps);
	mark = eas__jpush_key(&ps->ctx, "cpus");
	for (size_t i = 0; i < n; i++) {
		size_t m = eas__jpush_index(&ps->ctx, i);
		if (eas__jval_u32(&ps->ctx, json_object_array_get_idx(arr, i),
				  0, RTAPP_MAX_CPU_ID, &cpus[i])) {
			free(cpus);
			return ps->ctx.err;
		}
		eas__jpop(&ps->ctx, m);
	}
	eas__jpop(&ps->ctx, mark);
	qsort(cpus, n, sizeof(*cpus), cmp_u32);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (k == 0 || cpus[k - 1] != cpus[i])
			cpus[k++] = cpus[i];
	pr->cpus = cpus;
	pr->nr_cpus = (uint32_t)k;
	return 0;
}

/*
 * rt-app's parse_taskgroup_data() and check_taskgroup_policy_dep(): a
 * "taskgroup" string at thread or phase level; "" is no taskgroup; any
 * other name starts with '/'; at most RTAPP_MAX_TASKGROUPS distinct
 * names; a thread whose current taskgroup is set must run SCHED_OTHER,
 * SCHED_BATCH or SCHED_IDLE. rt-app exits on each of these; here they are
 * errors. The group itself is not simulated (no group sched_entity, no
 * shares, no h_load): its threads are scheduled as if in the root group,
 * which a warning says (an error with opts.strict), docs/rtapp.md §2.4.
 */
static int parse_taskgroup(struct parser *ps, struct json_object *obj,
			   int32_t eff_policy)
{
	struct eas__jctx *c = &ps->ctx;
	struct json_object *v;
	const char *name;
	uint32_t i;

	if (json_object_object_get_ex(obj, "taskgroup", &v)) {
		size_t mark = eas__jpush_key(c, "taskgroup");
		if (!json_object_is_type(v, json_type_string))
			return eas__jerr(c, EAS_EFORMAT, NULL,
					 "expected a string (a cgroup path "
					 "such as \"/tg1\", or \"\"), got %s",
					 eas__jtype_name(v));
		name = json_object_get_string(v);
		eas__jpop(c, mark);
		if (*name) {
			if (*name != '/')
				return eas__jerr(c, EAS_EFORMAT, "taskgroup",
						 "taskgroup \"%s\" must start "
						 "with '/' (rt-app exits)",
						 name);
			for (i = 0; i < ps->nr_tg; i++)
				if (!strcmp(ps->tg[i], name))
					break;
			if (i == ps->nr_tg) {
				if (ps->nr_tg == RTAPP_MAX_TASKGROUPS)
					return eas__jerr(
						c, EAS_ERANGE, "taskgroup",
						"more than %u taskgroups "
						"(rt-app's limit)",
						RTAPP_MAX_TASKGROUPS);
				ps->tg[ps->nr_tg++] = name;
			}
			ps->tg_in_effect = true;
			if (!ps->tg_warned) {
				ps->tg_warned = true;
				if (tolerated(ps, "taskgroup",
					      "taskgroup \"%s\": CFS group "
					      "scheduling is not simulated; "
					      "threads in taskgroups are "
					      "scheduled as if in the root "
					      "group (said once per file)",
					      name))
					return c->err;
			}
		}
	}
	if (ps->tg_in_effect && eff_policy != EAS_POLICY_NORMAL &&
	    eff_policy != EAS_POLICY_BATCH && eff_policy != EAS_POLICY_IDLE)
		return eas__jerr(c, EAS_EFORMAT,
				 eas__jhas(obj, "taskgroup") ? "taskgroup" :
							       "policy",
				 "a thread in a taskgroup must be SCHED_OTHER, "
				 "SCHED_BATCH or SCHED_IDLE (rt-app: \"No "
				 "taskgroup support for policy\")");
	return 0;
}

/*
 * Scheduling properties of a thread (is_thread) or a phase. eff_policy is
 * the policy in effect before this object (for a phase that sets only a
 * priority) and receives the policy in effect after it.
 */
static int parse_props(struct parser *ps, struct json_object *obj,
		       bool is_thread, int32_t *eff_policy,
		       struct eas_rtapp_props *pr)
{
	struct eas__jctx *c = &ps->ctx;
	uint32_t pol;

	pr->policy = -1;
	pr->priority = INT32_MIN;
	pr->util_min = -1;
	pr->util_max = -1;
	pr->sched_runtime_us = 0;
	pr->nr_cpus = 0;
	pr->cpus = NULL;

	if (eas__jhas(obj, "policy")) {
		if (eas__jget_enum(c, obj, "policy", policy_names, 6, &pol,
				   EAS__JREQ))
			return c->err;
		pr->policy = policy_values[pol];
	} else if (is_thread) {
		pr->policy = *eff_policy; /* the global default_policy */
	}
	if (pr->policy >= 0)
		*eff_policy = pr->policy;

	if (eas__jhas(obj, "priority") &&
	    (*eff_policy == EAS_POLICY_IDLE ||
	     *eff_policy == EAS_POLICY_DEADLINE)) {
		/* rt-app never passes it on: SCHED_IDLE goes through
		 * pthread_setschedparam() with sched_priority 0 (the kernel
		 * keeps the nice) and skips __set_thread_sched_other_attrs()'s
		 * nice check; _set_thread_deadline() sets sched_nice 0. Any
		 * integer is accepted; out of [-20, 19] it reads as 0 */
		if (eas__jget_i32(c, obj, "priority", INT32_MIN + 1, INT32_MAX,
				  &pr->priority, EAS__JREQ))
			return c->err;
		if (pr->priority < -20 || pr->priority > 19)
			pr->priority = RTAPP_DEFAULT_NICE;
	} else if (eas__jhas(obj, "priority")) {
		/* SCHED_OTHER / SCHED_BATCH: __set_thread_sched_other_attrs()
		 * exits on a nice outside [-20, 19]; FIFO / RR:
		 * pthread_setschedparam() fails outside [1, 99], rt-app
		 * exits */
		int32_t lo = -20, hi = 19;
		if (policy_is_rt(*eff_policy)) {
			lo = 1;
			hi = 99;
		}
		if (eas__jget_i32(c, obj, "priority", lo, hi, &pr->priority,
				  EAS__JREQ))
			return c->err;
	} else if (pr->policy >= 0) {
		/* parse_sched_data(): the policy's default priority */
		pr->priority = policy_is_rt(pr->policy) ?
				       RTAPP_DEFAULT_RT_PRIO :
				       RTAPP_DEFAULT_NICE;
	}
	if (eas__jget_i32(c, obj, "util_min", -1, 1024, &pr->util_min,
			  EAS__JOPT) ||
	    eas__jget_i32(c, obj, "util_max", -1, 1024, &pr->util_max,
			  EAS__JOPT))
		return c->err;
	if (pr->util_min >= 0 && pr->util_max >= 0 &&
	    pr->util_min > pr->util_max)
		return eas__jerr(c, EAS_ERANGE, "util_min",
				 "util_min %d is above util_max %d",
				 (int)pr->util_min, (int)pr->util_max);
	if (parse_taskgroup(ps, obj, *eff_policy))
		return c->err;
	/*
	 * parse_sched_data(): runtime = "dl-runtime", period = "dl-period"
	 * (default runtime), deadline = "dl-deadline" (default period); for
	 * a thread object (def_policy != same) the legacy keys fill what is
	 * still 0: "runtime" (also the runtime event's key), "period"
	 * (default runtime), "deadline" (default period). Used by
	 * SCHED_DEADLINE (sched_setattr(), checked by the simulator) and
	 * as SCHED_OTHER's custom slice; nodes_membind is memory placement
	 * (ignored).
	 */
	{
		int64_t rt = 0, per, dl;

		if (eas__jget_i64(c, obj, "dl-runtime", 0, RTAPP_MAX_US, &rt,
				  EAS__JOPT))
			return c->err;
		per = rt;
		if (eas__jget_i64(c, obj, "dl-period", 0, RTAPP_MAX_US, &per,
				  EAS__JOPT))
			return c->err;
		dl = per;
		if (eas__jget_i64(c, obj, "dl-deadline", 0, RTAPP_MAX_US, &dl,
				  EAS__JOPT))
			return c->err;
		if (is_thread && !rt) {
			/* the runtime event's value is an integer (us) or
			 * rt-app's type check fails anyway */
			struct json_object *v;

			if (json_object_object_get_ex(obj, "runtime", &v) &&
			    json_object_is_type(v, json_type_int) &&
			    eas__jget_i64(c, obj, "runtime", 0, RTAPP_MAX_US,
					  &rt, EAS__JREQ))
				return c->err;
		}
		if (is_thread && !per) {
			per = rt;
			if (eas__jget_i64(c, obj, "period", 0, RTAPP_MAX_US,
					  &per, EAS__JOPT))
				return c->err;
		}
		if (is_thread && !dl) {
			dl = per;
			if (eas__jget_i64(c, obj, "deadline", 0, RTAPP_MAX_US,
					  &dl, EAS__JOPT))
				return c->err;
		}
		pr->sched_runtime_us = rt;
		pr->sched_period_us = per;
		pr->sched_deadline_us = dl;
	}
	return parse_cpus(ps, obj, pr);
}

/* Append a new timer; *out = its index. */
static int timer_add(struct parser *ps, const char *ref, bool unique,
		     int32_t *out)
{
	struct eas_rtapp_workload *w = ps->w;
	uint32_t i = w->nr_timers;

	if (w->nr_timers == ps->timers_cap) {
		size_t ncap = ps->timers_cap ? ps->timers_cap * 2 : 8;
		void *nt = realloc(w->timers, ncap * sizeof(*w->timers));
		if (!nt)
			return nomem(ps);
		w->timers = nt;
		ps->timers_cap = ncap;
	}
	memset(&w->timers[i], 0, sizeof(w->timers[i]));
	memcpy(w->timers[i].ref, ref, strlen(ref) + 1);
	w->timers[i].unique = unique;
	w->nr_timers++;
	*out = (int32_t)i;
	return 0;
}

/*
 * rt-app's get_resource_index(): the resource named `name` of kind `type`,
 * created on first use (resources are global, keyed by name and kind).
 */
static int res_get(struct parser *ps, const char *name, int32_t type,
		   int32_t *out)
{
	struct eas_rtapp_workload *w = ps->w;
	uint32_t i;

	for (i = 0; i < w->nr_resources; i++)
		if (w->resources[i].type == type &&
		    !strcmp(w->resources[i].name, name))
			break;
	if (i == w->nr_resources) {
		if (w->nr_resources == ps->res_cap) {
			size_t ncap = ps->res_cap ? ps->res_cap * 2 : 8;
			void *nr = realloc(w->resources,
					   ncap * sizeof(*w->resources));
			if (!nr)
				return nomem(ps);
			w->resources = nr;
			ps->res_cap = ncap;
		}
		memset(&w->resources[i], 0, sizeof(w->resources[i]));
		memcpy(w->resources[i].name, name, strlen(name) + 1);
		w->resources[i].type = type;
		w->nr_resources++;
	}
	*out = (int32_t)i;
	return 0;
}

static const char *const wait_keys[] = { "ref", "mutex", NULL };

/*
 * fork: a thread description's name (parse_task_event_data(): a string,
 * else unknown_event). rt-app looks the name up when the event first runs
 * (find_thread_data(), exit on an unknown name); here it is resolved at
 * load time to the description's index in "tasks" (file order).
 */
static int parse_fork(struct parser *ps, struct json_object *v,
		      struct eas_rtapp_event *ev)
{
	struct eas__jctx *c = &ps->ctx;
	const char *ref;
	int32_t i = 0;

	if (!json_object_is_type(v, json_type_string))
		return eas__jerr(c, EAS_EFORMAT, NULL,
				 "fork: expected a thread name (a string)");
	ref = json_object_get_string(v);
	ev->type = EAS_RTAPP_FORK;
	json_object_object_foreach(ps->tasks, tname, tobj)
	{
		(void)tobj;
		if (!strcmp(tname, ref)) {
			ev->res = i;
			return 0;
		}
		i++;
	}
	return eas__jerr(c, EAS_EINVAL, NULL,
			 "fork: no thread named '%s' in \"tasks\" (rt-app "
			 "exits: \"Can't fork unknown task\")",
			 ref);
}

/*
 * A synchronisation event (parse_task_event_data()): lock / unlock take a
 * mutex name, signal / broad a condition name, wait / sync an object
 * {"ref": condition, "mutex": mutex} (both default "unknown"), resume a
 * name (the condition and the mutex of that name), suspend the thread's
 * own name whatever its value, barrier a barrier name, sem_post /
 * sem_wait a semaphore name.
 */
static int parse_sync(struct parser *ps, enum ev_kind kind, const char *key,
		      struct json_object *v, struct eas_rtapp_event *ev)
{
	struct eas__jctx *c = &ps->ctx;
	char ref[64] = "unknown", mtx[64] = "unknown";
	const char *name = ref;

	(void)key;
	switch (kind) {
	case EV_WAIT:
	case EV_SYNC:
		if (check_keys(ps, v, wait_keys, "ref, mutex") ||
		    eas__jget_str(c, v, "ref", 1, ref, sizeof(ref),
				  EAS__JOPT) ||
		    eas__jget_str(c, v, "mutex", 1, mtx, sizeof(mtx),
				  EAS__JOPT))
			return c->err;
		ev->type = kind == EV_WAIT ? EAS_RTAPP_WAIT : EAS_RTAPP_SYNC;
		if (res_get(ps, ref, EAS_RTAPP_RES_COND, &ev->res) ||
		    res_get(ps, mtx, EAS_RTAPP_RES_MUTEX, &ev->dep))
			return c->err;
		return 0;
	case EV_SUSPEND:
		/* rt-app: ref = tdata->name; the value is never read */
		name = ps->task->name;
		if (json_object_is_type(v, json_type_string) &&
		    strcmp(json_object_get_string(v), name) &&
		    tolerated(ps, NULL,
			      "suspend waits on the thread's own name '%s', "
			      "as rt-app does (the value '%s' is ignored)",
			      name, json_object_get_string(v)))
			return c->err;
		ev->type = EAS_RTAPP_SUSPEND;
		if (res_get(ps, name, EAS_RTAPP_RES_COND, &ev->res) ||
		    res_get(ps, name, EAS_RTAPP_RES_MUTEX, &ev->dep))
			return c->err;
		return 0;
	default:
		break;
	}
	/* a string naming the resource */
	if (!json_object_is_type(v, json_type_string))
		return eas__jerr(c, EAS_EFORMAT, NULL,
				 "expected a resource name (string), got %s",
				 eas__jtype_name(v));
	name = json_object_get_string(v);
	if (!name[0] || strlen(name) >= sizeof(ref))
		return eas__jerr(c, EAS_ERANGE, NULL,
				 "resource name must be 1 to %zu bytes",
				 sizeof(ref) - 1);
	switch (kind) {
	case EV_LOCK:
	case EV_UNLOCK:
		ev->type = kind == EV_LOCK ? EAS_RTAPP_LOCK : EAS_RTAPP_UNLOCK;
		return res_get(ps, name, EAS_RTAPP_RES_MUTEX, &ev->res);
	case EV_SIGNAL:
	case EV_BROAD:
		ev->type =
			kind == EV_SIGNAL ? EAS_RTAPP_SIGNAL : EAS_RTAPP_BROAD;
		return res_get(ps, name, EAS_RTAPP_RES_COND, &ev->res);
	case EV_RESUME:
		ev->type = EAS_RTAPP_RESUME;
		if (res_get(ps, name, EAS_RTAPP_RES_COND, &ev->res) ||
		    res_get(ps, name, EAS_RTAPP_RES_MUTEX, &ev->dep))
			return c->err;
		return 0;
	case EV_SEM_POST:
	case EV_SEM_WAIT:
		/* both look the name up as rtapp_sem_post: one semaphore per
		 * name, apart from a mutex or condition of that name */
		ev->type = kind == EV_SEM_POST ? EAS_RTAPP_SEM_POST :
						 EAS_RTAPP_SEM_WAIT;
		return res_get(ps, name, EAS_RTAPP_RES_SEM, &ev->res);
	case EV_BARRIER:
		ev->type = EAS_RTAPP_BARRIER;
		if (res_get(ps, name, EAS_RTAPP_RES_BARRIER, &ev->res))
			return c->err;
		/* rdata->res.barrier.waiting += tdata->num_instances, per
		 * event */
		ps->w->resources[ev->res].users += ps->task->instance;
		return 0;
	default:
		return eas__jerr(c, EAS_EFORMAT, NULL, "not a sync event");
	}
}

static int parse_timer(struct parser *ps, struct json_object *v,
		       uint32_t first_unique_timer, struct eas_rtapp_event *ev)
{
	struct eas__jctx *c = &ps->ctx;
	struct eas_rtapp_workload *w = ps->w;
	char ref[64] = "unknown"; /* rt-app's default ref */
	char mode[64] = "relative";
	int64_t period;
	bool unique;
	uint32_t i;

	if (check_keys(ps, v, timer_keys, "ref, period, mode") ||
	    eas__jget_str(c, v, "ref", 1, ref, sizeof(ref), EAS__JOPT) ||
	    eas__jget_i64(c, v, "period", 1, RTAPP_MAX_US, &period,
			  EAS__JREQ) ||
	    eas__jget_str(c, v, "mode", 0, mode, sizeof(mode), EAS__JOPT))
		return c->err;
	/* parse_task_event_data(): strncmp(mode, "absolute", 8) == 0 makes
	 * the timer absolute; any other string leaves it relative */
	if (strcmp(mode, "relative") && strcmp(mode, "absolute") &&
	    tolerated(ps, "mode",
		      "timer mode '%s' read as %s, as rt-app does (expected "
		      "\"relative\" or \"absolute\")",
		      mode,
		      strncmp(mode, "absolute", 8) ? "relative" : "absolute"))
		return c->err;
	unique = !strncmp(ref, "unique", 6);
	/* shared timers are global; unique ones are per task: look for a
	 * unique timer only among those created for this task */
	for (i = unique ? first_unique_timer : 0; i < w->nr_timers; i++) {
		const struct eas_rtapp_timer *t = &w->timers[i];
		if (t->unique == unique && !strcmp(t->ref, ref))
			break;
	}
	if (i == w->nr_timers) {
		int32_t idx = -1;
		if (timer_add(ps, ref, unique, &idx))
			return c->err;
		i = (uint32_t)idx;
	}
	ev->type = EAS_RTAPP_TIMER;
	ev->us = (uint64_t)period;
	ev->timer = (int32_t)i;
	ev->timer_absolute = !strncmp(mode, "absolute", 8);
	return 0;
}

/* ceil(n / d) for d > 0, n >= 0 */
static uint64_t div_up(uint64_t n, uint64_t d)
{
	return n / d + (n % d != 0);
}

/*
 * parse_task_event_data()'s "memrun", "mem" and "iorun": the stated model
 * (RTAPP_MEM_BYTES_PER_US ...) turns each into EAS_RTAPP_RUN.
 *  - "mem" / "iorun": an integer byte count (rt-app: json_type_int, else
 *    unknown_event). A negative count is an error here: rt-app would pass
 *    it to memload() / ioload() as an unsigned long and loop for ever.
 *  - "memrun": an object {"type": "read"|"write"|"chase", "size": bytes,
 *    "count": bytes or hops}, "type", "size" and "count" mandatory
 *    (get_*_value_from(..., FALSE, ...)); optional "ref", "pattern" (chase),
 *    "stride" (chase). size <= 0 is an error (rt-app's memread() would
 *    divide by it; malloc(0) for chase).
 */
static int parse_mem(struct parser *ps, enum ev_kind kind,
		     struct json_object *v, struct eas_rtapp_event *ev)
{
	static const char *const types[] = { "read", "write", "chase" };
	static const char *const memrun_keys[] = { "type", "size",    "count",
						   "ref",  "pattern", "stride",
						   NULL };
	struct eas__jctx *c = &ps->ctx;
	int64_t count, size, stride = 64;
	uint32_t type;

	ev->type = EAS_RTAPP_RUN;
	if (kind != EV_MEMRUN) {
		if (!json_object_is_type(v, json_type_int))
			return eas__jerr(c, EAS_EFORMAT, NULL,
					 "expected an integer byte count, "
					 "got %s",
					 eas__jtype_name(v));
		if (eas__jval_i64(c, v, 0, INT32_MAX, &count))
			return c->err;
		ev->us = kind == EV_MEM ?
				 div_up((uint64_t)count,
					RTAPP_MEM_BYTES_PER_US) :
				 div_up((uint64_t)count,
					(uint64_t)ps->mem_buffer_size) *
					 RTAPP_IO_US_PER_WRITE;
		return 0;
	}
	if (check_keys(ps, v, memrun_keys,
		       "type, size, count, ref, pattern, stride") ||
	    eas__jget_enum(c, v, "type", types, 3, &type, EAS__JREQ) ||
	    eas__jget_i64(c, v, "size", 1, INT32_MAX, &size, EAS__JREQ) ||
	    eas__jget_i64(c, v, "count", 0, INT32_MAX, &count, EAS__JREQ))
		return c->err;
	if (type == 2) {
		char pat[64];
		if (eas__jget_i64(c, v, "stride", 1, INT32_MAX, &stride,
				  EAS__JOPT) ||
		    eas__jget_str(c, v, "pattern", 0, pat, sizeof(pat),
				  EAS__JOPT))
			return c->err;
		ev->us = div_up((uint64_t)count, RTAPP_CHASE_HOPS_PER_US);
	} else {
		ev->us = div_up((uint64_t)count, RTAPP_MEMRUN_BYTES_PER_US);
	}
	if (json_object_object_get_ex(v, "ref", NULL)) {
		char ref[64];
		if (eas__jget_str(c, v, "ref", 1, ref, sizeof(ref), EAS__JOPT))
			return c->err;
	}
	return 0;
}

/*
 * One phase: `obj` holds events (prefix-matched keys) and phase keys.
 * extra_keys: more allowed non-event keys (thread keys for a thread
 * without "phases"), or NULL.
 */
static int parse_phase(struct parser *ps, struct json_object *obj,
		       uint32_t first_unique_timer,
		       const char *const *extra_keys, int32_t *eff_policy,
		       bool is_thread, struct eas_rtapp_phase *ph)
{
	struct eas__jctx *c = &ps->ctx;
	size_t nev = 0, k = 0;

	if (eas__jval_obj(c, obj))
		return c->err;
	ph->loop = 1;
	if (eas__jget_i64(c, obj, "loop", -1, INT64_MAX, &ph->loop, EAS__JOPT))
		return c->err;
	if (ph->loop == 0)
		return eas__jerr(c, EAS_ERANGE, "loop",
				 "loop 0 runs nothing; expected -1 (forever) "
				 "or a count >= 1");

	json_object_object_foreach(obj, key, val)
	{
		int e = event_of(key);
		(void)val;
		if (e >= 0) {
			if (rtapp_events[e].kind == EV_UNSUPPORTED)
				return eas__jerr(
					c, EAS_EUNSUPPORTED, key,
					"rt-app event '%s' (%s) is not "
					"supported; supported events: run, "
					"runtime, sleep, timer, lock, unlock, "
					"wait, signal, broad, sync, suspend, "
					"resume, barrier, yield, fork, mem, "
					"memrun, iorun, sem_post, sem_wait",
					key, rtapp_events[e].prefix);
			nev++;
		} else if (!in_list(phase_keys, key) &&
			   !(extra_keys && in_list(extra_keys, key)) &&
			   tolerated(ps, key,
				     "unknown key '%s' ignored, as rt-app does "
				     "(expected an event run*, runtime*, "
				     "sleep*, timer* or one of: loop, cpus, "
				     "policy, priority, util_min, util_max%s)",
				     key,
				     extra_keys ? ", instance, delay, phases" :
						  "")) {
			return c->err;
		}
	}
	if (nev == 0)
		return eas__jerr(
			c, EAS_EFORMAT, NULL,
			"no events (rt-app: a phase must have at least "
			"one of run, runtime, sleep, timer)");
	ph->events = calloc(nev, sizeof(*ph->events));
	if (!ph->events)
		return nomem(ps);
	ph->nr_events = (uint32_t)nev;

	json_object_object_foreach(obj, key2, v)
	{
		int e = event_of(key2);
		struct eas_rtapp_event *ev;
		size_t mark;
		int64_t us;

		if (e < 0)
			continue;
		ev = &ph->events[k++];
		ev->timer = -1;
		ev->res = -1;
		ev->dep = -1;
		mark = eas__jpush_key(c, key2);
		switch (rtapp_events[e].kind) {
		case EV_TIMER:
			if (parse_timer(ps, v, first_unique_timer, ev))
				return c->err;
			break;
		case EV_RUN:
		case EV_RUNTIME:
		case EV_SLEEP:
			if (eas__jval_i64(c, v, 0, RTAPP_MAX_US, &us))
				return c->err;
			ev->us = (uint64_t)us;
			ev->type = rtapp_events[e].kind == EV_RUN ?
					   EAS_RTAPP_RUN :
				   rtapp_events[e].kind == EV_RUNTIME ?
					   EAS_RTAPP_RUNTIME :
					   EAS_RTAPP_SLEEP;
			break;
		case EV_MEM:
		case EV_IORUN:
		case EV_MEMRUN:
			if (parse_mem(ps, rtapp_events[e].kind, v, ev))
				return c->err;
			break;
		case EV_YIELD:
			/* parse_task_event_data(): the value is not read */
			ev->type = EAS_RTAPP_YIELD;
			break;
		case EV_FORK:
			if (parse_fork(ps, v, ev))
				return c->err;
			break;
		default:
			if (parse_sync(ps, rtapp_events[e].kind, key2, v, ev))
				return c->err;
			break;
		}
		eas__jpop(c, mark);
	}
	if (is_thread) {
		/* the thread's props stand for the phase's, but for
		 * SCHED_DEADLINE: rt-app's phase sched_data is
		 * parse_sched_data(obj, same), without the legacy keys; with
		 * a "policy" key it is a sched_setattr() of its own (a
		 * runtime given only by the legacy "runtime" key is then 0,
		 * which sched_setattr() refuses) */
		int64_t rt = 0, per, dl;

		if (*eff_policy != EAS_POLICY_DEADLINE)
			return 0;
		if (eas__jget_i64(c, obj, "dl-runtime", 0, RTAPP_MAX_US, &rt,
				  EAS__JOPT))
			return c->err;
		per = rt;
		if (eas__jget_i64(c, obj, "dl-period", 0, RTAPP_MAX_US, &per,
				  EAS__JOPT))
			return c->err;
		dl = per;
		if (eas__jget_i64(c, obj, "dl-deadline", 0, RTAPP_MAX_US, &dl,
				  EAS__JOPT))
			return c->err;
		ph->props.sched_runtime_us = rt;
		ph->props.sched_period_us = per;
		ph->props.sched_deadline_us = dl;
		if (eas__jhas(obj, "policy"))
			ph->props.policy = EAS_POLICY_DEADLINE;
		return 0;
	}
	return parse_props(ps, obj, false, eff_policy, &ph->props);
}

static bool has_event_keys(struct json_object *obj)
{
	json_object_object_foreach(obj, key, val)
	{
		(void)val;
		if (event_of(key) >= 0)
			return true;
	}
	return false;
}

static int parse_task(struct parser *ps, const char *name,
		      struct json_object *obj, uint32_t idx)
{
	struct eas__jctx *c = &ps->ctx;
	struct eas_rtapp_task *t = &ps->w->tasks[idx];
	struct json_object *phases = NULL;
	int32_t eff_policy = ps->w->default_policy;

	ps->tg_in_effect = false; /* tdata->curr_taskgroup_data starts NULL */
	uint32_t first_unique_timer = ps->w->nr_timers;
	int64_t delay = 0;

	if (strlen(name) >= sizeof(t->name))
		return eas__jerr(c, EAS_ERANGE, NULL,
				 "task name longer than %zu bytes",
				 sizeof(t->name) - 1);
	memcpy(t->name, name, strlen(name) + 1);
	ps->task = t;
	if (eas__jval_obj(c, obj))
		return c->err;
	t->instance = 1;
	if (eas__jget_u32(c, obj, "instance", 0, EAS_RTAPP_MAX_INSTANCES,
			  &t->instance, EAS__JOPT) ||
	    eas__jget_i64(c, obj, "delay", 0, RTAPP_MAX_US, &delay,
			  EAS__JOPT) ||
	    eas__jget_obj(c, obj, "phases", &phases, EAS__JOPT))
		return c->err;
	t->delay_us = (uint64_t)delay;
	/* rt-app's main() creates num_instances threads: none for 0 (a
	 * description only fork events use) */
	t->fork_only = t->instance == 0;
	if (parse_props(ps, obj, true, &eff_policy, &t->props))
		return c->err;

	if (phases) {
		size_t n = (size_t)json_object_object_length(phases);
		size_t mark, i = 0;

		json_object_object_foreach(obj, key, val)
		{
			(void)val;
			if (event_of(key) >= 0) {
				if (tolerated(ps, key,
					      "event '%s' at thread level "
					      "next to \"phases\" ignored, as "
					      "rt-app does (move it into a "
					      "phase to run it)",
					      key))
					return c->err;
			} else if (!in_list(phase_keys, key) &&
				   !in_list(thread_keys, key) &&
				   tolerated(ps, key,
					     "unknown key '%s' ignored, as "
					     "rt-app does (expected one of: "
					     "instance, delay, loop, phases, "
					     "cpus, policy, priority, "
					     "util_min, util_max)",
					     key)) {
				return c->err;
			}
		}
		t->loop = -1;
		if (eas__jget_i64(c, obj, "loop", -1, INT64_MAX, &t->loop,
				  EAS__JOPT))
			return c->err;
		if (t->loop == 0)
			return eas__jerr(c, EAS_ERANGE, "loop",
					 "loop 0 runs nothing; expected -1 "
					 "(forever) or a count >= 1");
		if (n == 0)
			return eas__jerr(c, EAS_EFORMAT, "phases",
					 "\"phases\" is empty (expected at "
					 "least one phase)");
		t->phases = calloc(n, sizeof(*t->phases));
		if (!t->phases)
			return nomem(ps);
		t->nr_phases = (uint32_t)n;
		mark = eas__jpush_key(c, "phases");
		json_object_object_foreach(phases, pname, pobj)
		{
			struct eas_rtapp_phase *ph = &t->phases[i++];
			size_t m = eas__jpush_key(c, pname);
			if (strlen(pname) >= sizeof(ph->name))
				return eas__jerr(c, EAS_ERANGE, NULL,
						 "phase name longer than %zu "
						 "bytes",
						 sizeof(ph->name) - 1);
			memcpy(ph->name, pname, strlen(pname) + 1);
			if (parse_phase(ps, pobj, first_unique_timer, NULL,
					&eff_policy, false, ph))
				return c->err;
			eas__jpop(c, m);
		}
		eas__jpop(c, mark);
	} else {
		struct eas_rtapp_phase *ph;

		if (!has_event_keys(obj))
			return eas__jerr(c, EAS_EFORMAT, NULL,
					 "thread has neither \"phases\" nor "
					 "events (run, runtime, sleep, timer)");
		t->phases = calloc(1, sizeof(*t->phases));
		if (!t->phases)
			return nomem(ps);
		t->nr_phases = 1;
		ph = &t->phases[0];
		memcpy(ph->name, name, strlen(name) + 1);
		ph->props.policy = -1;
		ph->props.priority = INT32_MIN;
		ph->props.util_min = -1;
		ph->props.util_max = -1;
		if (parse_phase(ps, obj, first_unique_timer, thread_keys,
				&eff_policy, true, ph))
			return c->err;
		/* parse_task_data(): "loop" was the phase's; the phase list
		 * then runs once, or forever when no loop was given. */
		t->loop = eas__jhas(obj, "loop") ? 1 : -1;
	}
	return 0;
}

/*
 * parse_global()'s host-side keys: rt-app reads them with
 * get_bool_value_from() / get_string_value_from(), whose
 * assure_type_is() exits on another JSON type (null reads as absent:
 * json_object_object_get_ex() gives no object). "log_size" is an integer
 * or a string; "ftrace" a boolean (deprecated) or a comma list that
 * ftrace_setup() accepts: main, task, loop, event, stats, none, compared
 * case-insensitively (strncasecmp() including the NUL), empty items
 * skipped by strtok(); anything else exits (EXIT_INV_CONFIG).
 */
/* strncasecmp(a, b, n) == 0 for ASCII */
static bool same_nocase(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return true;
}

static int check_host_keys(struct parser *ps, struct json_object *g)
{
	static const struct {
		const char *key;
		enum json_type type;
		const char *what;
	} keys[] = {
		{ "gnuplot", json_type_boolean, "a boolean" },
		{ "logdir", json_type_string, "a string" },
		{ "log_basename", json_type_string, "a string" },
		{ "lock_pages", json_type_boolean, "a boolean" },
		{ "pi_enabled", json_type_boolean, "a boolean" },
		{ "io_device", json_type_string, "a string" },
		{ "cumulative_slack", json_type_boolean, "a boolean" },
	};
	static const char *const cats[] = { "main",  "task",  "loop",
					    "event", "stats", "none" };
	struct eas__jctx *c = &ps->ctx;
	struct json_object *v;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_object_object_get_ex(g, keys[i].key, &v) && v &&
		    !json_object_is_type(v, keys[i].type))
			return eas__jerr(c, EAS_EFORMAT, keys[i].key,
					 "expected %s, got %s (rt-app's "
					 "parse_global() exits on it)",
					 keys[i].what, eas__jtype_name(v));
	if (json_object_object_get_ex(g, "log_size", &v) && v &&
	    !json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_string))
		return eas__jerr(c, EAS_EFORMAT, "log_size",
				 "expected an integer (MB) or a string "
				 "(\"disable\", \"file\", \"auto\"), got %s "
				 "(rt-app's parse_global() exits on it)",
				 eas__jtype_name(v));
	if (!json_object_object_get_ex(g, "ftrace", &v) || !v ||
	    json_object_is_type(v, json_type_boolean))
		return 0;
	if (!json_object_is_type(v, json_type_string))
		return eas__jerr(c, EAS_EFORMAT, "ftrace",
				 "expected a comma-separated list of main, "
				 "task, loop, event, stats, none (or a "
				 "boolean), got %s (rt-app's parse_global() "
				 "exits on it)",
				 eas__jtype_name(v));
	for (const char *p = json_object_get_string(v); *p;) {
		size_t n = strcspn(p, ","), k;

		for (k = 0; n && k < sizeof(cats) / sizeof(cats[0]); k++)
			if (strlen(cats[k]) == n && same_nocase(p, cats[k], n))
				break;
		if (n && k == sizeof(cats) / sizeof(cats[0]))
			return eas__jerr(c, EAS_EFORMAT, "ftrace",
					 "unknown ftrace category '%.*s' "
					 "(expected a comma-separated list of "
					 "main, task, loop, event, stats, "
					 "none): rt-app's ftrace_setup() "
					 "refuses it and rt-app exits",
					 (int)(n < 32 ? n : 32), p);
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static int parse_global(struct parser *ps, struct json_object *g)
{
	struct eas__jctx *c = &ps->ctx;
	struct eas_rtapp_workload *w = ps->w;
	struct json_object *cal;
	uint32_t pol = 0;
	size_t mark;

	w->duration_s = -1;
	w->calibration_cpu = 0; /* rt-app: no setting -> CPU0 */
	w->calibration_ns = -1;
	w->default_policy = EAS_POLICY_NORMAL;
	if (!g)
		return 0;
	mark = eas__jpush_key(c, "global");
	if (check_keys(ps, g, global_keys,
		       "duration, calibration, default_policy, logdir, "
		       "log_basename, log_size, ftrace, gnuplot, lock_pages, "
		       "pi_enabled, io_device, mem_buffer_size, "
		       "cumulative_slack") ||
	    eas__jget_i64(c, g, "duration", -1, INT32_MAX, &w->duration_s,
			  EAS__JOPT) ||
	    eas__jget_enum(c, g, "default_policy", policy_names, 6, &pol,
			   EAS__JOPT))
		return c->err;
	w->default_policy = policy_values[pol];
	/* parse_global(): "mem_buffer_size", DEFAULT_MEM_BUF_SIZE; rt-app
	 * mallocs it and writes in chunks of it, so it must be >= 1 */
	if (eas__jget_i64(c, g, "mem_buffer_size", 1, INT32_MAX,
			  &ps->mem_buffer_size, EAS__JOPT))
		return c->err;
	if (check_host_keys(ps, g))
		return c->err;
	{
		/* parse_global(): get_bool_value_from(global, "pi_enabled") */
		struct json_object *pi;
		if (json_object_object_get_ex(g, "pi_enabled", &pi))
			ps->pi = json_object_get_boolean(pi);
	}
	if (json_object_object_get_ex(g, "calibration", &cal)) {
		if (json_object_is_type(cal, json_type_int)) {
			if (eas__jget_i64(c, g, "calibration", 1, INT32_MAX,
					  &w->calibration_ns, EAS__JREQ))
				return c->err;
			w->calibration_cpu = -1;
		} else if (json_object_is_type(cal, json_type_string)) {
			const char *s = json_object_get_string(cal);
			char *end;
			unsigned long n;

			if (strncmp(s, "CPU", 3) || s[3] < '0' || s[3] > '9')
				return eas__jerr(c, EAS_EFORMAT, "calibration",
						 "expected \"CPUn\" or an "
						 "integer pLoad in ns, got "
						 "\"%s\"",
						 s);
			n = strtoul(s + 3, &end, 10);
			if (*end || n > RTAPP_MAX_CPU_ID)
				return eas__jerr(c, EAS_EFORMAT, "calibration",
						 "expected \"CPUn\" with n a "
						 "CPU id, got \"%s\"",
						 s);
			w->calibration_cpu = (int32_t)n;
		} else {
			return eas__jerr(
				c, EAS_EFORMAT, "calibration",
				"expected \"CPUn\" or an integer pLoad "
				"in ns, got %s",
				eas__jtype_name(cal));
		}
	}
	eas__jpop(c, mark);
	return 0;
}

/* rt-app: the timer's mode is set on the timer resource, so one absolute
 * event makes the timer (and all its events) absolute. */
static int settle_timer_modes(struct parser *ps)
{
	struct eas_rtapp_workload *w = ps->w;
	bool *abs = calloc(w->nr_timers ? w->nr_timers : 1, sizeof(*abs));

	if (!abs)
		return nomem(ps);
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t t = 0; t < w->nr_tasks; t++)
			for (uint32_t p = 0; p < w->tasks[t].nr_phases; p++) {
				struct eas_rtapp_phase *ph =
					&w->tasks[t].phases[p];
				for (uint32_t e = 0; e < ph->nr_events; e++) {
					struct eas_rtapp_event *ev =
						&ph->events[e];
					if (ev->type != EAS_RTAPP_TIMER)
						continue;
					if (pass == 0)
						abs[ev->timer] |=
							ev->timer_absolute;
					else
						ev->timer_absolute =
							abs[ev->timer];
				}
			}
	free(abs);
	return 0;
}

static void free_props(struct eas_rtapp_props *p)
{
	free(p->cpus);
	p->cpus = NULL;
}

void eas_rtapp_free(struct eas_rtapp_workload *w)
{
	if (!w)
		return;
	for (uint32_t t = 0; w->tasks && t < w->nr_tasks; t++) {
		struct eas_rtapp_task *tk = &w->tasks[t];
		for (uint32_t p = 0; tk->phases && p < tk->nr_phases; p++) {
			free(tk->phases[p].events);
			free_props(&tk->phases[p].props);
		}
		free(tk->phases);
		free_props(&tk->props);
	}
	free(w->tasks);
	free(w->timers);
	free(w->resources);
	memset(w, 0, sizeof(*w));
}

int eas_rtapp_load(const char *buf, size_t len, struct eas_rtapp_workload *out,
		   struct eas_json_diag *diag)
{
	return eas_rtapp_load_ex(buf, len, NULL, out, diag);
}

int eas_rtapp_load_ex(const char *buf, size_t len,
		      const struct eas_rtapp_load_opts *opts,
		      struct eas_rtapp_workload *out,
		      struct eas_json_diag *diag)
{
	static const struct eas_rtapp_load_opts defaults;
	struct parser ps;
	struct json_object *root = NULL, *global = NULL, *tasks = NULL;
	struct eas_rtapp_workload *w = out;
	size_t n, mark, i = 0;
	uint64_t ninst = 0;
	int err;

	if (!out)
		return EAS_EINVAL;
	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	ps.w = w;
	if (!opts)
		opts = &defaults;
	ps.strict = opts->strict;
	ps.mem_buffer_size = RTAPP_DEFAULT_MEM_BUF_SIZE;
	if (!buf) {
		if (diag) {
			memset(diag, 0, sizeof(*diag));
			diag->err = EAS_EINVAL;
			snprintf(diag->msg, sizeof(diag->msg), "no buffer");
		}
		return EAS_EINVAL;
	}
	/* rt-app reads with json-c: duplicate keys keep the last value at
	 * the first key's position (a warning each unless strict) */
	if (eas__jctx_init_warn(&ps.ctx, buf, len,
				EAS__JSON_RTAPP |
					(opts->strict ? 0 : EAS__JSON_DUP_WARN),
				diag, opts->warn, opts->warn_ctx, &root))
		return ps.ctx.err;
	if (eas__jval_obj(&ps.ctx, root) ||
	    check_keys(&ps, root, root_keys, "global, tasks, resources") ||
	    eas__jget_obj(&ps.ctx, root, "global", &global, EAS__JOPT) ||
	    eas__jget_obj(&ps.ctx, root, "tasks", &tasks, EAS__JREQ))
		goto fail;
	if (parse_global(&ps, global))
		goto fail;
	n = (size_t)json_object_object_length(tasks);
	if (n == 0) {
		eas__jerr(&ps.ctx, EAS_EFORMAT, "tasks",
			  "\"tasks\" is empty (expected at least one thread)");
		goto fail;
	}
	w->tasks = calloc(n, sizeof(*w->tasks));
	if (!w->tasks) {
		nomem(&ps);
		goto fail;
	}
	w->nr_tasks = (uint32_t)n;
	ps.tasks = tasks;
	mark = eas__jpush_key(&ps.ctx, "tasks");
	json_object_object_foreach(tasks, tname, tobj)
	{
		size_t m = eas__jpush_key(&ps.ctx, tname);
		if (parse_task(&ps, tname, tobj, (uint32_t)i))
			goto fail;
		/* each thread is <= EAS_RTAPP_MAX_INSTANCES, so the running
		 * sum cannot wrap before it is refused */
		ninst += w->tasks[i].instance;
		if (ninst > EAS_RTAPP_MAX_INSTANCES) {
			eas__jerr(&ps.ctx, EAS_ERANGE, "instance",
				  "thread instances add up to %llu with this "
				  "thread's %u; at most %u in total",
				  (unsigned long long)ninst,
				  w->tasks[i].instance,
				  EAS_RTAPP_MAX_INSTANCES);
			goto fail;
		}
		i++;
		eas__jpop(&ps.ctx, m);
	}
	eas__jpop(&ps.ctx, mark);
	/* init_mutex_resource() / init_barrier_resource(): pi_enabled makes
	 * every mutex (a barrier's too) PTHREAD_PRIO_INHERIT */
	for (i = 0; ps.pi && i < w->nr_resources; i++)
		if (w->resources[i].type == EAS_RTAPP_RES_MUTEX ||
		    w->resources[i].type == EAS_RTAPP_RES_BARRIER)
			w->resources[i].pi = true;
	if (settle_timer_modes(&ps))
		goto fail;
	w->nr_warnings = ps.ctx.nr_warnings;
	eas__jctx_fini(&ps.ctx, root);
	return 0;

fail:
	err = ps.ctx.err ? ps.ctx.err : EAS_EFORMAT;
	eas__jctx_fini(&ps.ctx, root);
	eas_rtapp_free(w);
	return err;
}
