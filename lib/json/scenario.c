/* SPDX-License-Identifier: MIT */
/*
 * "libeas-scenario/1" loader (include/libeas/scenario.h, docs/formats.md
 * §3). Strict: every key is known, typed and range-checked; errors carry
 * the JSON path; a failure leaves nothing allocated.
 */
#include <libeas/scenario.h>

#include <libeas/error.h>
#include <libeas/place.h>

#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"

#define UTIL_MAX (1u << 20) /* generous bound for utilisation inputs */
#define LOAD_MAX (1ull << 40)

enum ftype { F_U64, F_U32, F_BOOL };

struct field {
	const char *key;
	enum ftype type;
	size_t off;
	uint64_t max;
};

#define RQF(k, t, m, mx)                                                       \
	{                                                                      \
		k, t, offsetof(struct eas_rq, m), mx                           \
	}

static const struct field rq_fields[] = {
	RQF("util_avg", F_U64, util_avg, UTIL_MAX),
	RQF("util_est", F_U64, util_est, UTIL_MAX),
	RQF("runnable_avg", F_U64, runnable_avg, UTIL_MAX),
	RQF("rt_util_avg", F_U64, rt_util_avg, UTIL_MAX),
	RQF("dl_util_avg", F_U64, dl_util_avg, UTIL_MAX),
	RQF("irq_util_avg", F_U64, irq_util_avg, UTIL_MAX),
	RQF("dl_running_bw", F_U64, dl_running_bw, 1ull << 20),
	RQF("uclamp_min", F_U64, uclamp_min, 1024),
	RQF("uclamp_max", F_U64, uclamp_max, 1024),
	RQF("hw_pressure", F_U64, hw_pressure, 1024),
	RQF("cpufreq_max_khz", F_U64, cpufreq_max_khz, 1ull << 40),
	RQF("capacity_of", F_U64, capacity_of, 1024),
	RQF("load_avg", F_U64, load_avg, LOAD_MAX),
	RQF("runnable_load_avg", F_U64, runnable_load_avg, LOAD_MAX),
	RQF("avg_idle_ns", F_U64, avg_idle, LOAD_MAX),
	RQF("idle_stamp_ns", F_U64, idle_stamp, UINT64_MAX),
	RQF("clock_task_ns", F_U64, clock_task, UINT64_MAX),
	RQF("misfit_task_load", F_U64, misfit_task_load, LOAD_MAX),
	RQF("avg_scan_cost_ns", F_U64, avg_scan_cost, LOAD_MAX),
	RQF("nr_running", F_U32, nr_running, 1u << 20),
	RQF("h_nr_running", F_U32, h_nr_running, 1u << 20),
	RQF("idle_h_nr_running", F_U32, idle_h_nr_running, 1u << 20),
	RQF("h_nr_delayed", F_U32, h_nr_delayed, 1u << 20),
	RQF("rt_nr_running", F_U32, rt_nr_running, 1u << 20),
	RQF("idle_exit_latency_us", F_U32, idle_exit_latency, UINT32_MAX),
	RQF("nr_idle_scan", F_U32, nr_idle_scan, 1u << 20),
	RQF("idle", F_BOOL, idle, 0),
	RQF("uclamp_idle", F_BOOL, uclamp_idle, 0),
	RQF("online", F_BOOL, online, 0),
	RQF("curr_is_cfs", F_BOOL, curr_is_cfs, 0),
	RQF("has_idle_cores", F_BOOL, has_idle_cores, 0),
};

#define NR_RQ_FIELDS (sizeof(rq_fields) / sizeof(rq_fields[0]))

#define TF(k, t, m, mx)                                                        \
	{                                                                      \
		k, t, offsetof(struct eas_task, m), mx                         \
	}

static const struct field task_fields[] = {
	TF("util_avg", F_U64, util_avg, UTIL_MAX),
	TF("runnable_avg", F_U64, runnable_avg, UTIL_MAX),
	TF("uclamp_min", F_U64, uclamp_min, 1024),
	TF("uclamp_max", F_U64, uclamp_max, 1024),
	TF("h_load", F_U64, h_load, LOAD_MAX),
	TF("exec_start_ns", F_U64, exec_start, UINT64_MAX),
	TF("wakee_flip_decay_ts", F_U64, wakee_flip_decay_ts, UINT64_MAX),
	TF("max_allowed_capacity", F_U64, max_allowed_capacity, 1024),
	TF("wakee_flips", F_U32, wakee_flips, UINT32_MAX),
	TF("id", F_U32, id, UINT32_MAX - 1),
	TF("queued", F_BOOL, queued, 0),
	TF("current", F_BOOL, is_current, 0),
	TF("per_cpu_kthread", F_BOOL, per_cpu_kthread, 0),
};

#define NR_TASK_FIELDS (sizeof(task_fields) / sizeof(task_fields[0]))

#define WF(k, t, m, mx)                                                        \
	{                                                                      \
		k, t, offsetof(struct eas_waker, m), mx                        \
	}

static const struct field waker_fields[] = {
	WF("id", F_U32, id, UINT32_MAX - 1),
	WF("wakee_flips", F_U32, wakee_flips, UINT32_MAX),
	WF("wakee_flip_decay_ts", F_U64, wakee_flip_decay_ts, UINT64_MAX),
	WF("h_load", F_U64, h_load, LOAD_MAX),
	WF("exiting", F_BOOL, exiting, 0),
	WF("per_cpu_kthread", F_BOOL, per_cpu_kthread, 0),
};

#define NR_WAKER_FIELDS (sizeof(waker_fields) / sizeof(waker_fields[0]))

static const struct {
	const char *key;
	uint32_t bits;
} feature_keys[] = {
	{ "util_est", EAS_FEAT_UTIL_EST },
	{ "uclamp", EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED },
	{ "uclamp_built", EAS_FEAT_UCLAMP_BUILT },
	{ "avg_irq", EAS_FEAT_AVG_IRQ },
	{ "wa_idle", EAS_FEAT_WA_IDLE },
	{ "wa_weight", EAS_FEAT_WA_WEIGHT },
	{ "wa_bias", EAS_FEAT_WA_BIAS },
	{ "sis_prop", EAS_FEAT_SIS_PROP },
	{ "sis_util", EAS_FEAT_SIS_UTIL },
	{ "energy_aware", EAS_FEAT_ENERGY_AWARE },
	{ "cache_hot_buddy", EAS_FEAT_CACHE_HOT_BUDDY },
};

#define NR_FEATURES (sizeof(feature_keys) / sizeof(feature_keys[0]))

static int get_fields(struct eas__jctx *ctx, struct json_object *o,
		      const struct field *f, size_t n, void *base)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *p = (char *)base + f[i].off;
		uint64_t v64;
		uint32_t v32;
		bool b;

		if (!eas__jhas(o, f[i].key))
			continue;
		switch (f[i].type) {
		case F_U64:
			if (eas__jget_u64(ctx, o, f[i].key, 0, f[i].max, &v64,
					  EAS__JREQ))
				return ctx->err;
			memcpy(p, &v64, sizeof(v64));
			break;
		case F_U32:
			if (eas__jget_u32(ctx, o, f[i].key, 0,
					  (uint32_t)f[i].max, &v32, EAS__JREQ))
				return ctx->err;
			memcpy(p, &v32, sizeof(v32));
			break;
		case F_BOOL:
			if (eas__jget_bool(ctx, o, f[i].key, &b, EAS__JREQ))
				return ctx->err;
			memcpy(p, &b, sizeof(b));
			break;
		}
	}
	return 0;
}

static int load_cpus(struct eas__jctx *ctx, struct json_object *root,
		     struct eas_scenario *sc)
{
	const char *keys[NR_RQ_FIELDS + 2];
	struct json_object *arr;
	bool *seen;
	size_t i, n, k, mark;

	for (k = 0; k < NR_RQ_FIELDS; k++)
		keys[k] = rq_fields[k].key;
	keys[NR_RQ_FIELDS] = "cpu";
	keys[NR_RQ_FIELDS + 1] = NULL;
	if (eas__jget_arr(ctx, root, "cpus", 0, sc->nr_cpus, &arr, EAS__JOPT))
		return ctx->err;
	if (!arr)
		return 0;
	seen = calloc(sc->nr_cpus, sizeof(*seen));
	if (!seen)
		return eas__jerr(ctx, EAS_ENOMEM, NULL, "out of memory");
	n = json_object_array_length(arr);
	mark = eas__jpush_key(ctx, "cpus");
	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		size_t m = eas__jpush_index(ctx, i);
		struct eas_rq *rq;
		uint32_t id;

		if (eas__jcheck_keys(ctx, o, keys) ||
		    eas__jget_u32(ctx, o, "cpu", 0, sc->nr_cpus - 1, &id,
				  EAS__JREQ))
			goto fail;
		if (seen[id]) {
			eas__jerr(ctx, EAS_ECPU, "cpu",
				  "CPU %u listed twice (expected each CPU at "
				  "most once)",
				  id);
			goto fail;
		}
		seen[id] = true;
		rq = &sc->rq[id];
		if (get_fields(ctx, o, rq_fields, NR_RQ_FIELDS, rq))
			goto fail;
		/* defaults that depend on other fields */
		if (!eas__jhas(o, "runnable_avg"))
			rq->runnable_avg = rq->util_avg;
		if (!eas__jhas(o, "h_nr_running"))
			rq->h_nr_running = rq->nr_running;
		if (!eas__jhas(o, "idle"))
			rq->idle = rq->nr_running == 0;
		if (rq->h_nr_running > rq->nr_running) {
			eas__jerr(ctx, EAS_ERANGE, "h_nr_running",
				  "h_nr_running %u above nr_running %u",
				  rq->h_nr_running, rq->nr_running);
			goto fail;
		}
		if (rq->idle_h_nr_running > rq->h_nr_running) {
			eas__jerr(ctx, EAS_ERANGE, "idle_h_nr_running",
				  "idle_h_nr_running %u above h_nr_running "
				  "%u",
				  rq->idle_h_nr_running, rq->h_nr_running);
			goto fail;
		}
		if (rq->idle && rq->nr_running) {
			eas__jerr(ctx, EAS_ERANGE, "idle",
				  "an idle CPU must have nr_running 0");
			goto fail;
		}
		eas__jpop(ctx, m);
	}
	eas__jpop(ctx, mark);
	free(seen);
	return 0;
fail:
	free(seen);
	return ctx->err;
}

static int get_cpu_id(struct eas__jctx *ctx, struct json_object *o,
		      const char *key, int32_t min, uint32_t nr, int32_t *out)
{
	return eas__jget_i32(ctx, o, key, min, (int32_t)nr - 1, out, EAS__JOPT);
}

static int load_task(struct eas__jctx *ctx, struct json_object *root,
		     struct eas_scenario *sc)
{
	const char *keys[NR_TASK_FIELDS + 6];
	static const char *const ue_keys[] = { "ewma", "enqueued", NULL };
	static const char *const policies[] = { "normal", "batch", "idle",
						"fifo",	  "rr",	   "deadline" };
	struct json_object *o, *ue, *arr;
	struct eas_task *p = &sc->task;
	size_t k, mark;
	uint32_t pol;

	for (k = 0; k < NR_TASK_FIELDS; k++)
		keys[k] = task_fields[k].key;
	keys[k++] = "util_est";
	keys[k++] = "prev_cpu";
	keys[k++] = "cpus_allowed";
	keys[k++] = "recent_used_cpu";
	keys[k++] = "policy";
	keys[k] = NULL;
	if (eas__jget_obj(ctx, root, "task", &o, EAS__JREQ))
		return ctx->err;
	mark = eas__jpush_key(ctx, "task");
	if (eas__jcheck_keys(ctx, o, keys) ||
	    get_fields(ctx, o, task_fields, NR_TASK_FIELDS, p) ||
	    eas__jget_i32(ctx, o, "prev_cpu", 0, (int32_t)sc->nr_cpus - 1,
			  &p->prev_cpu, EAS__JREQ) ||
	    get_cpu_id(ctx, o, "recent_used_cpu", -1, sc->nr_cpus,
		       &p->recent_used_cpu))
		return ctx->err;
	if (!eas__jhas(o, "runnable_avg"))
		p->runnable_avg = p->util_avg;
	if (eas__jhas(o, "policy")) {
		if (eas__jget_enum(ctx, o, "policy", policies, 6, &pol,
				   EAS__JREQ))
			return ctx->err;
		p->policy = (uint8_t)pol;
	}
	if (p->uclamp_min > p->uclamp_max)
		return eas__jerr(ctx, EAS_ERANGE, "uclamp_min",
				 "uclamp_min %llu above uclamp_max %llu "
				 "(effective clamps have min <= max)",
				 (unsigned long long)p->uclamp_min,
				 (unsigned long long)p->uclamp_max);
	ue = json_object_object_get(o, "util_est");
	if (ue && json_object_is_type(ue, json_type_object)) {
		size_t m = eas__jpush_key(ctx, "util_est");

		if (eas__jcheck_keys(ctx, ue, ue_keys) ||
		    eas__jget_u64(ctx, ue, "ewma", 0, UTIL_MAX,
				  &p->util_est_ewma, EAS__JOPT) ||
		    eas__jget_u64(ctx, ue, "enqueued", 0, UTIL_MAX,
				  &p->util_est_enqueued, EAS__JOPT))
			return ctx->err;
		eas__jpop(ctx, m);
		/* v6.19's single util_est: what _task_util_est() returned
		 * before its simplification, max(ewma, enqueued) */
		p->util_est = p->util_est_ewma > p->util_est_enqueued ?
				      p->util_est_ewma :
				      p->util_est_enqueued;
	} else if (ue) {
		if (eas__jget_u64(ctx, o, "util_est", 0, UTIL_MAX, &p->util_est,
				  EAS__JREQ))
			return ctx->err;
		p->util_est_ewma = p->util_est;
		p->util_est_enqueued = p->util_est;
	}
	if (eas__jget_arr(ctx, o, "cpus_allowed", 1, sc->nr_cpus, &arr,
			  EAS__JOPT))
		return ctx->err;
	if (arr) {
		size_t i, n = json_object_array_length(arr);
		size_t m = eas__jpush_key(ctx, "cpus_allowed");

		sc->cpus_allowed = calloc(EAS_MASK_WORDS(sc->nr_cpus),
					  sizeof(eas_mask_word));
		if (!sc->cpus_allowed)
			return eas__jerr(ctx, EAS_ENOMEM, NULL,
					 "out of memory");
		for (i = 0; i < n; i++) {
			size_t mi = eas__jpush_index(ctx, i);
			uint32_t c;

			if (eas__jval_u32(ctx,
					  json_object_array_get_idx(arr, i), 0,
					  sc->nr_cpus - 1, &c))
				return ctx->err;
			if (eas_mask_test(sc->cpus_allowed, c))
				return eas__jerr(ctx, EAS_ECPU, NULL,
						 "CPU %u listed twice", c);
			eas_mask_set(sc->cpus_allowed, c);
			eas__jpop(ctx, mi);
		}
		eas__jpop(ctx, m);
		p->cpus_allowed = sc->cpus_allowed;
		p->nr_cpus_allowed = (uint32_t)n;
	}
	eas__jpop(ctx, mark);
	return 0;
}

static int load_waker(struct eas__jctx *ctx, struct json_object *root,
		      struct eas_scenario *sc)
{
	const char *keys[NR_WAKER_FIELDS + 6];
	struct eas_waker *w = &sc->waker;
	struct json_object *o;
	bool sync = false, cur = false;
	int64_t last = -1;
	size_t k, mark;

	for (k = 0; k < NR_WAKER_FIELDS; k++)
		keys[k] = waker_fields[k].key;
	keys[k++] = "cpu";
	keys[k++] = "sync";
	keys[k++] = "current_cpu";
	keys[k++] = "last_wakee";
	keys[k++] = "recent_used_cpu";
	keys[k] = NULL;
	w->cpu = sc->task.prev_cpu;
	if (eas__jget_obj(ctx, root, "waker", &o, EAS__JOPT))
		return ctx->err;
	if (!o)
		return 0;
	mark = eas__jpush_key(ctx, "waker");
	if (eas__jcheck_keys(ctx, o, keys) ||
	    get_fields(ctx, o, waker_fields, NR_WAKER_FIELDS, w) ||
	    get_cpu_id(ctx, o, "cpu", 0, sc->nr_cpus, &w->cpu) ||
	    get_cpu_id(ctx, o, "recent_used_cpu", -1, sc->nr_cpus,
		       &w->recent_used_cpu) ||
	    eas__jget_bool(ctx, o, "sync", &sync, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "current_cpu", &cur, EAS__JOPT) ||
	    eas__jget_i64(ctx, o, "last_wakee", -1, (int64_t)UINT32_MAX - 1,
			  &last, EAS__JOPT))
		return ctx->err;
	w->last_wakee = last < 0 ? EAS_TASK_NONE : (uint32_t)last;
	if (sync)
		sc->wake_flags |= EAS_WF_SYNC;
	if (cur)
		sc->wake_flags |= EAS_WF_CURRENT_CPU;
	eas__jpop(ctx, mark);
	return 0;
}

/*
 * "wake": "exec" is sched_exec() (v5.4 and v6.19 kernel/sched/core.c):
 * select_task_rq(p = current, task_cpu(p), SD_BALANCE_EXEC / WF_EXEC) on
 * the CPU p runs on. So p is rq->curr of task_cpu(p) and on its runqueue:
 * task.current and task.queued default to true (an explicit false is
 * kernel-impossible and rejected), this_cpu (waker.cpu) is task.prev_cpu,
 * and prev_cpu's nr_running counts p (at least 1).
 */
static int check_exec(struct eas__jctx *ctx, struct json_object *root,
		      struct eas_scenario *sc)
{
	static const char *const flags[] = { "queued", "current" };
	struct json_object *t = json_object_object_get(root, "task");
	struct eas_task *p = &sc->task;
	size_t k, mark;

	mark = eas__jpush_key(ctx, "task");
	for (k = 0; k < 2; k++)
		if (eas__jhas(t, flags[k]) &&
		    !json_object_get_boolean(
			    json_object_object_get(t, flags[k])))
			return eas__jerr(
				ctx, EAS_ERANGE, flags[k],
				"\"wake\": \"exec\" runs the task that calls "
				"exec (sched_exec() passes current), which is "
				"running and queued: \"%s\" must be true or "
				"omitted",
				flags[k]);
	if (sc->rq[p->prev_cpu].nr_running == 0)
		return eas__jerr(ctx, EAS_ERANGE, "prev_cpu",
				 "\"wake\": \"exec\": the task runs on "
				 "prev_cpu %d, so that CPU's nr_running must "
				 "count it (got 0)",
				 (int)p->prev_cpu);
	eas__jpop(ctx, mark);
	if (sc->waker.cpu != p->prev_cpu) {
		(void)eas__jpush_key(ctx, "waker");
		return eas__jerr(ctx, EAS_ERANGE, "cpu",
				 "\"wake\": \"exec\" is called on the CPU "
				 "the task runs on: waker.cpu must be "
				 "task.prev_cpu %d or omitted (got %d)",
				 (int)p->prev_cpu, (int)sc->waker.cpu);
	}
	p->queued = true;
	p->is_current = true;
	return 0;
}

static int load_features(struct eas__jctx *ctx, struct json_object *root,
			 struct eas_scenario *sc)
{
	const char *keys[NR_FEATURES + 1];
	struct json_object *o;
	size_t k, mark;

	for (k = 0; k < NR_FEATURES; k++)
		keys[k] = feature_keys[k].key;
	keys[NR_FEATURES] = NULL;
	if (eas__jget_obj(ctx, root, "features", &o, EAS__JOPT))
		return ctx->err;
	if (!o)
		return 0;
	mark = eas__jpush_key(ctx, "features");
	if (eas__jcheck_keys(ctx, o, keys))
		return ctx->err;
	for (k = 0; k < NR_FEATURES; k++) {
		bool b;

		if (!eas__jhas(o, feature_keys[k].key))
			continue;
		if (eas__jget_bool(ctx, o, feature_keys[k].key, &b, EAS__JREQ))
			return ctx->err;
		sc->features_set |= feature_keys[k].bits;
		if (b)
			sc->features_val |= feature_keys[k].bits;
		else
			sc->features_val &= ~feature_keys[k].bits;
	}
	eas__jpop(ctx, mark);
	return 0;
}

/* the source text of the JSON value starting at off: up to its matching
 * close bracket (strings and escapes respected) */
static size_t value_end(const char *buf, size_t len, size_t off)
{
	int depth = 0;
	bool str = false, esc = false;
	size_t i;

	for (i = off; i < len; i++) {
		char c = buf[i];

		if (str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				str = false;
			continue;
		}
		if (c == '"')
			str = true;
		else if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return i + 1;
	}
	return len;
}

static int load_balance(struct eas__jctx *ctx, struct json_object *root,
			struct eas_scenario *sc)
{
	struct json_object *o;
	size_t off = 0, end;

	if (eas__jget_obj(ctx, root, "balance", &o, EAS__JOPT))
		return ctx->err;
	if (!o)
		return 0;
	if (eas__json_locate(ctx->buf, ctx->len, ctx->flags, "/balance",
			     &off) ||
	    ctx->buf[off] != '{') {
		/* fall back to json-c's serialisation */
		const char *t = json_object_to_json_string_ext(
			o, JSON_C_TO_STRING_PLAIN);

		size_t n = strlen(t);

		sc->balance_json = malloc(n + 1);
		if (sc->balance_json)
			memcpy(sc->balance_json, t, n + 1);
	} else {
		end = value_end(ctx->buf, ctx->len, off);
		sc->balance_json = malloc(end - off + 1);
		if (sc->balance_json) {
			memcpy(sc->balance_json, ctx->buf + off, end - off);
			sc->balance_json[end - off] = '\0';
		}
	}
	if (!sc->balance_json)
		return eas__jerr(ctx, EAS_ENOMEM, "balance", "out of memory");
	return 0;
}

/* "expect": { "cpu", "path", "reason", "no_eas" }, at least one */
static int load_expect(struct eas__jctx *ctx, struct json_object *root,
		       struct eas_scenario *sc)
{
	static const char *const keys[] = { "cpu", "path", "reason", "no_eas",
					    NULL };
	/* the names eas place --json prints, in enum order */
	static const char *const paths[] = { "eas", "wake_affine",
					     "idle_sibling", "idlest",
					     "current_cpu" };
	static const char *const reasons[] = {
		"not_run",	  "overutilized", "no_perf_domains",
		"no_asym_domain", "zero_util",	  "no_candidate",
		"energy",	  "prev_unfit",	  "prev_margin",
		"prev_best",	  "below_base",	  "fits",
		"capacity"
	};
	static const char *const no_eas[] = { "none",	     "not_wakeup",
					      "current_cpu", "platform",
					      "disabled",    "overutilized",
					      "declined" };
	struct eas_scenario_expect *e = &sc->expect;
	struct json_object *o;
	uint32_t v;
	size_t mark;

	if (eas__jget_obj(ctx, root, "expect", &o, EAS__JOPT))
		return ctx->err;
	if (!o)
		return 0;
	mark = eas__jpush_key(ctx, "expect");
	if (eas__jcheck_keys(ctx, o, keys))
		return ctx->err;
	if (!json_object_object_length(o)) {
		eas__jpop(ctx, mark);
		return eas__jerr(ctx, EAS_EFORMAT, "expect",
				 "an empty \"expect\": expected at least one "
				 "of \"cpu\" (a CPU id), \"path\", "
				 "\"reason\", \"no_eas\" (the names eas "
				 "place --json prints)");
	}
	if (get_cpu_id(ctx, o, "cpu", 0, sc->nr_cpus, &e->cpu))
		return ctx->err;
	e->has_cpu = eas__jhas(o, "cpu");
	if (eas__jhas(o, "path")) {
		if (eas__jget_enum(ctx, o, "path", paths, 5, &v, EAS__JREQ))
			return ctx->err;
		e->path = (enum eas_place_path)v;
		e->has_path = true;
	}
	if (eas__jhas(o, "reason")) {
		if (eas__jget_enum(ctx, o, "reason", reasons, 13, &v,
				   EAS__JREQ))
			return ctx->err;
		e->reason = (enum eas_feec_reason)v;
		e->has_reason = true;
	}
	if (eas__jhas(o, "no_eas")) {
		if (eas__jget_enum(ctx, o, "no_eas", no_eas, 7, &v, EAS__JREQ))
			return ctx->err;
		e->no_eas = (enum eas_no_eas_reason)v;
		e->has_no_eas = true;
	}
	sc->has_expect = true;
	eas__jpop(ctx, mark);
	return 0;
}

static int load(struct eas__jctx *ctx, struct json_object *root,
		struct eas_scenario *sc)
{
	static const char *const keys[] = {
		"format",   "kernel",	    "name",    "description",
		"features", "cpus",	    "task",    "waker",
		"wake",	    "overutilized", "jiffies", "hz",
		"balance",  "platform",	    "expect",  NULL
	};
	static const char *const wakes[] = { "ttwu", "fork", "exec" };
	static const uint32_t wake_bits[] = { EAS_WF_TTWU, EAS_WF_FORK,
					      EAS_WF_EXEC };
	char fmt[32], kern[16], desc[2];
	uint32_t i, wk = 0;
	bool ou;

	if (eas__jcheck_keys(ctx, root, keys) ||
	    eas__jget_str(ctx, root, "format", 1, fmt, sizeof(fmt), EAS__JREQ))
		return ctx->err;
	if (strcmp(fmt, "libeas-scenario/1"))
		return eas__jerr(ctx, EAS_EFORMAT, "format",
				 "unknown format '%s' (expected "
				 "\"libeas-scenario/1\")",
				 fmt);
	if (eas__jhas(root, "kernel")) {
		if (eas__jget_str(ctx, root, "kernel", 1, kern, sizeof(kern),
				  EAS__JREQ))
			return ctx->err;
		if (eas_kernel_parse(kern, &sc->kernel))
			return eas__jerr(ctx, EAS_EKERNEL, "kernel",
					 "unknown kernel '%s' (expected "
					 "\"v5.4\", \"v6.19\" or \"v7.1\")",
					 kern);
		sc->has_kernel = true;
	}
	if (eas__jget_str(ctx, root, "name", 0, sc->name, sizeof(sc->name),
			  EAS__JOPT) ||
	    eas__jget_str(ctx, root, "platform", 1, sc->platform,
			  sizeof(sc->platform), EAS__JOPT))
		return ctx->err;
	if (eas__jhas(root, "description") &&
	    !json_object_is_type(json_object_object_get(root, "description"),
				 json_type_string))
		return eas__jget_str(ctx, root, "description", 0, desc,
				     sizeof(desc), EAS__JREQ);
	sc->rq = calloc(sc->nr_cpus, sizeof(*sc->rq));
	if (!sc->rq)
		return eas__jerr(ctx, EAS_ENOMEM, NULL, "out of memory");
	for (i = 0; i < sc->nr_cpus; i++)
		eas_rq_init(&sc->rq[i]);
	eas_task_init(&sc->task);
	eas_waker_init(&sc->waker);
	sc->overutilized = -1;
	if (load_features(ctx, root, sc) || load_cpus(ctx, root, sc) ||
	    load_task(ctx, root, sc) ||
	    eas__jget_enum(ctx, root, "wake", wakes, 3, &wk, EAS__JOPT))
		return ctx->err;
	sc->wake_flags = wake_bits[wk];
	if (load_waker(ctx, root, sc) ||
	    ((sc->wake_flags & EAS_WF_EXEC) && check_exec(ctx, root, sc)))
		return ctx->err;
	if (eas__jhas(root, "overutilized")) {
		if (eas__jget_bool(ctx, root, "overutilized", &ou, EAS__JREQ))
			return ctx->err;
		sc->overutilized = ou ? 1 : 0;
	}
	if (eas__jget_u64(ctx, root, "jiffies", 0, UINT64_MAX, &sc->jiffies,
			  EAS__JOPT) ||
	    eas__jget_u32(ctx, root, "hz", 1, 100000, &sc->hz, EAS__JOPT))
		return ctx->err;
	if (load_expect(ctx, root, sc))
		return ctx->err;
	return load_balance(ctx, root, sc);
}

int eas_json_scenario_load(const char *buf, size_t len, uint32_t nr_cpus,
			   struct eas_scenario *out, struct eas_json_diag *diag)
{
	struct json_object *root = NULL;
	struct eas__jctx ctx;
	int ret;

	if (diag)
		memset(diag, 0, sizeof(*diag));
	if (!out || !buf || !nr_cpus) {
		if (diag) {
			diag->err = EAS_EINVAL;
			strcpy(diag->msg,
			       "no buffer, output or platform given");
		}
		return EAS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	out->nr_cpus = nr_cpus;
	ret = eas__jctx_init(&ctx, buf, len, 0, diag, &root);
	if (!ret)
		ret = load(&ctx, root, out);
	eas__jctx_fini(&ctx, root);
	if (ret)
		eas_scenario_free(out);
	return ret;
}

void eas_scenario_free(struct eas_scenario *s)
{
	if (!s)
		return;
	free(s->rq);
	free(s->cpus_allowed);
	free(s->balance_json);
	memset(s, 0, sizeof(*s));
}

uint32_t eas_scenario_features(const struct eas_scenario *s, enum eas_kernel k)
{
	return (eas_features_default(k) & ~s->features_set) | s->features_val;
}

void eas_scenario_system(const struct eas_scenario *s,
			 const struct eas_platform *pf, struct eas_system *sys)
{
	memset(sys, 0, sizeof(*sys));
	sys->pf = pf;
	sys->rq = s->rq;
	sys->features = eas_scenario_features(s, pf->kernel);
	sys->rd_overutilized = s->overutilized < 0 ? EAS_RD_OU_UNKNOWN :
			       s->overutilized	   ? EAS_RD_OU_SET :
						     EAS_RD_OU_CLEAR;
	sys->jiffies = s->jiffies;
	sys->hz = s->hz;
}
