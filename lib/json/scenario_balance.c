/* SPDX-License-Identifier: MIT */
/*
 * The scenario's "balance" object (include/libeas/balance_json.h,
 * docs/formats.md "eas balance"). Strict like every loader: unknown keys,
 * wrong types and out-of-range values are errors with the JSON path;
 * nothing is half-loaded.
 */
#include <libeas/balance_json.h>
#include <libeas/error.h>

#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"

struct bmem {
	struct eas_lb_task *tasks;
	eas_mask_word *task_masks; /* nr_tasks * words */
	int32_t *prio;
	eas_mask_word *imbalanced;
	uint64_t *misfit;
	eas_mask_word *race_allowed;
};

static const char *const balance_keys[] = { "src_cpu",
					    "dst_cpu",
					    "idle",
					    "nr_balance_failed",
					    "sd",
					    "migration_cost_ns",
					    "clock_ns",
					    "asym_packing",
					    "asym_prio",
					    "busiest_active_balance",
					    "imbalanced_groups",
					    "misfit_task_load",
					    "src_tasks",
					    "race",
					    "preemption",
					    NULL };

static const char *const task_keys[] = { "id",
					 "util_avg",
					 "util_est",
					 "h_load",
					 "exec_start_ns",
					 "cpus_allowed",
					 "running",
					 "policy",
					 "uclamp_min",
					 "uclamp_max",
					 "next_buddy",
					 "last_buddy",
					 "throttled",
					 "delayed",
					 "ineligible",
					 "per_cpu_kthread",
					 "blocked",
					 "numa_hot",
					 NULL };

static const char *const race_keys[] = {
	"rt_wakes",	  "src_active", "dst_active",	       "active_balance",
	"curr_class",	  "nr_running", "rt_nr_runnable",      "target_class",
	"target_running", "target_cpu", "target_cpus_allowed", NULL
};

static const char *const idle_names[] = { "idle", "newly_idle", "not_idle" };
static const char *const policy_names[] = { "normal", "batch", "idle" };
static const char *const class_names[] = { "idle", "cfs", "rt", "dl", "stop" };

#define MAX_TASKS 4096u

/* A CPU list ([0, 3, 5]) into mask (words of nr_cpus), at key of obj.
 * Returns 0 (absent: *given false) or the error. */
static int get_cpu_list(struct eas__jctx *ctx, struct json_object *obj,
			const char *key, uint32_t nr_cpus, eas_mask_word *mask,
			bool *given, bool nonempty)
{
	struct json_object *arr = NULL;
	size_t i, n, m;

	*given = false;
	if (eas__jget_arr(ctx, obj, key, nonempty ? 1 : 0, nr_cpus, &arr,
			  EAS__JOPT))
		return ctx->err;
	if (!arr)
		return 0;
	*given = true;
	n = json_object_array_length(arr);
	m = eas__jpush_key(ctx, key);
	for (i = 0; i < n; i++) {
		size_t mi = eas__jpush_index(ctx, i);
		uint32_t cpu;

		if (eas__jval_u32(ctx, json_object_array_get_idx(arr, i), 0,
				  nr_cpus - 1, &cpu))
			return ctx->err;
		if (eas_mask_test(mask, cpu))
			return eas__jerr(ctx, EAS_EINVAL, NULL,
					 "CPU %u listed twice", cpu);
		eas_mask_set(mask, cpu);
		eas__jpop(ctx, mi);
	}
	eas__jpop(ctx, m);
	return 0;
}

static int load_task(struct eas__jctx *ctx, struct json_object *o,
		     const struct eas_platform *pf, uint32_t index,
		     struct eas_lb_task *t, eas_mask_word *mask)
{
	uint32_t policy = 0;
	uint64_t util_est = 0;
	bool given = false, running = false;

	if (eas__jval_obj(ctx, o) || eas__jcheck_keys(ctx, o, task_keys))
		return ctx->err;
	eas_task_init(&t->task);
	t->task.id = index;
	if (eas__jget_u32(ctx, o, "id", 0, UINT32_MAX, &t->task.id,
			  EAS__JOPT) ||
	    eas__jget_u64(ctx, o, "util_avg", 0, 1024, &t->task.util_avg,
			  EAS__JREQ))
		return ctx->err;
	util_est = t->task.util_avg;
	t->task.h_load = t->task.util_avg;
	if (eas__jget_u64(ctx, o, "util_est", 0, 1024, &util_est, EAS__JOPT) ||
	    eas__jget_u64(ctx, o, "h_load", 0, UINT32_MAX, &t->task.h_load,
			  EAS__JOPT) ||
	    eas__jget_u64(ctx, o, "exec_start_ns", 0, INT64_MAX,
			  &t->task.exec_start, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "running", &running, EAS__JOPT) ||
	    eas__jget_enum(ctx, o, "policy", policy_names, 3, &policy,
			   EAS__JOPT) ||
	    eas__jget_u64(ctx, o, "uclamp_min", 0, 1024, &t->task.uclamp_min,
			  EAS__JOPT) ||
	    eas__jget_u64(ctx, o, "uclamp_max", 0, 1024, &t->task.uclamp_max,
			  EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "next_buddy", &t->next_buddy, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "last_buddy", &t->last_buddy, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "throttled", &t->throttled, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "delayed", &t->delayed, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "ineligible", &t->ineligible, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "per_cpu_kthread", &t->task.per_cpu_kthread,
			   EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "blocked", &t->blocked, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "numa_hot", &t->numa_hot, EAS__JOPT) ||
	    get_cpu_list(ctx, o, "cpus_allowed", pf->nr_cpus, mask, &given,
			 true))
		return ctx->err;
	t->task.util_est = util_est;
	t->task.util_est_ewma = util_est;
	t->task.util_est_enqueued = util_est;
	t->task.is_current = running;
	t->task.policy = (uint8_t)(policy == 0 ? EAS_POLICY_NORMAL :
				   policy == 1 ? EAS_POLICY_BATCH :
						 EAS_POLICY_IDLE);
	t->task.cpus_allowed = given ? mask : NULL;
	return 0;
}

/* The race fields a scenario gives (struct eas_json_balance.race_given);
 * the others are "nothing changed" (eas_busiest_state_init()). */
#define RACE_SRC_ACTIVE (1u << 0)
#define RACE_DST_ACTIVE (1u << 1)
#define RACE_ACTIVE_BALANCE (1u << 2)
#define RACE_CURR_CLASS (1u << 3)
#define RACE_NR_RUNNING (1u << 4)
#define RACE_RT_NR_RUNNABLE (1u << 5)
#define RACE_TARGET_CLASS (1u << 6)
#define RACE_TARGET_RUNNING (1u << 7)
#define RACE_TARGET_CPU (1u << 8)
#define RACE_TARGET_ALLOWED (1u << 9)

static const char *const race_field_keys[] = {
	"src_active", "dst_active",	     "active_balance", "curr_class",
	"nr_running", "rt_nr_runnable",	     "target_class",   "target_running",
	"target_cpu", "target_cpus_allowed",
};

/* Fill the race fields the scenario did not give from the decision-time
 * state of b->env (src's RT tasks included, once known), plus the
 * rt_wakes shorthand: one more RT task runnable and current. */
static void race_resolve(struct eas_json_balance *b)
{
	struct eas_busiest_state d, *st = &b->race;
	uint32_t g = b->race_given;

	eas_busiest_state_init(&d, &b->env);
	if (b->race_rt_wakes) {
		/* the RFC race: an RT task wakes on src and preempts the
		 * CFS task between the decision and the execution */
		d.curr_class = EAS_CLASS_RT;
		d.rt_nr_runnable += 1;
		d.nr_running += 1;
	}
	if (!(g & RACE_SRC_ACTIVE))
		st->src_active = d.src_active;
	if (!(g & RACE_DST_ACTIVE))
		st->dst_active = d.dst_active;
	if (!(g & RACE_ACTIVE_BALANCE))
		st->active_balance = d.active_balance;
	if (!(g & RACE_CURR_CLASS))
		st->curr_class = d.curr_class;
	if (!(g & RACE_NR_RUNNING))
		st->nr_running = d.nr_running;
	if (!(g & RACE_RT_NR_RUNNABLE))
		st->rt_nr_runnable = d.rt_nr_runnable;
	if (!(g & RACE_TARGET_CLASS))
		st->target_class = d.target_class;
	if (!(g & RACE_TARGET_RUNNING))
		st->target_was_running = d.target_was_running;
	if (!(g & RACE_TARGET_CPU))
		st->target_cpu = d.target_cpu;
	if (!(g & RACE_TARGET_ALLOWED))
		st->target_allowed = d.target_allowed;
	st->curr_id = d.curr_id;
	st->src_tasks = NULL;
	st->nr_src_tasks = 0;
}

static int load_race(struct eas__jctx *ctx, struct json_object *o,
		     const struct eas_platform *pf, struct eas_json_balance *b,
		     eas_mask_word *mask)
{
	struct eas_busiest_state *st = &b->race;
	uint32_t cc = EAS_CLASS_CFS, tc = EAS_CLASS_CFS, k;
	bool given = false, rt = false;

	if (eas__jcheck_keys(ctx, o, race_keys))
		return ctx->err;
	*st = (struct eas_busiest_state){ 0 };
	if (eas__jget_bool(ctx, o, "rt_wakes", &rt, EAS__JOPT))
		return ctx->err;
	b->race_rt_wakes = rt;
	b->race_given = 0;
	for (k = 0; k < sizeof(race_field_keys) / sizeof(race_field_keys[0]);
	     k++)
		if (eas__jhas(o, race_field_keys[k]))
			b->race_given |= 1u << k;
	if (eas__jget_bool(ctx, o, "src_active", &st->src_active, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "dst_active", &st->dst_active, EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "active_balance", &st->active_balance,
			   EAS__JOPT) ||
	    eas__jget_enum(ctx, o, "curr_class", class_names, 5, &cc,
			   EAS__JOPT) ||
	    eas__jget_u32(ctx, o, "nr_running", 0, UINT32_MAX, &st->nr_running,
			  EAS__JOPT) ||
	    eas__jget_u32(ctx, o, "rt_nr_runnable", 0, UINT32_MAX,
			  &st->rt_nr_runnable, EAS__JOPT) ||
	    eas__jget_enum(ctx, o, "target_class", class_names, 5, &tc,
			   EAS__JOPT) ||
	    eas__jget_bool(ctx, o, "target_running", &st->target_was_running,
			   EAS__JOPT) ||
	    eas__jget_u32(ctx, o, "target_cpu", 0, pf->nr_cpus - 1,
			  &st->target_cpu, EAS__JOPT) ||
	    get_cpu_list(ctx, o, "target_cpus_allowed", pf->nr_cpus, mask,
			 &given, true))
		return ctx->err;
	st->curr_class = (enum eas_sched_class)cc;
	st->target_class = (enum eas_sched_class)tc;
	if (given)
		st->target_allowed = mask;
	race_resolve(b);
	return 0;
}

static void bmem_free(struct bmem *m)
{
	if (!m)
		return;
	free(m->tasks);
	free(m->task_masks);
	free(m->prio);
	free(m->imbalanced);
	free(m->misfit);
	free(m->race_allowed);
	free(m);
}

static int level_by_name(const struct eas_platform *pf, const char *name)
{
	uint32_t l;

	for (l = 0; l < pf->nr_levels; l++)
		if (!strcmp(pf->levels[l].name, name))
			return (int)l;
	return -1;
}

static int load(struct eas__jctx *ctx, struct json_object *root,
		const struct eas_platform *pf, const struct eas_task *running,
		struct eas_json_balance *b, struct bmem *m)
{
	uint32_t n = pf->nr_cpus, words = (uint32_t)EAS_MASK_WORDS(n);
	uint32_t idle = EAS_LB_IDLE, i, nr_running = 0;
	int64_t cost = EAS_MIGRATION_COST_DEFAULT_NS;
	struct json_object *arr = NULL, *race = NULL;
	bool given, asym = false, preempt = true;
	size_t mk;

	if (eas__jcheck_keys(ctx, root, balance_keys))
		return ctx->err;
	eas_lb_env_init(&b->env, 0, 0);
	if (eas__jget_u32(ctx, root, "src_cpu", 0, n - 1, &b->env.src_cpu,
			  EAS__JREQ) ||
	    eas__jget_u32(ctx, root, "dst_cpu", 0, n - 1, &b->env.dst_cpu,
			  EAS__JREQ) ||
	    eas__jget_enum(ctx, root, "idle", idle_names, 3, &idle,
			   EAS__JOPT) ||
	    eas__jget_u32(ctx, root, "nr_balance_failed", 0, 1000000,
			  &b->env.nr_balance_failed, EAS__JOPT) ||
	    eas__jget_str(ctx, root, "sd", 1, b->sd_name, sizeof(b->sd_name),
			  EAS__JOPT) ||
	    eas__jget_i64(ctx, root, "migration_cost_ns", -1, INT64_MAX, &cost,
			  EAS__JOPT) ||
	    eas__jget_u64(ctx, root, "clock_ns", 0, INT64_MAX, &b->clock_ns,
			  EAS__JOPT) ||
	    eas__jget_bool(ctx, root, "asym_packing", &asym, EAS__JOPT) ||
	    eas__jget_bool(ctx, root, "busiest_active_balance",
			   &b->env.busiest_active_balance, EAS__JOPT) ||
	    eas__jget_bool(ctx, root, "preemption", &preempt, EAS__JOPT))
		return ctx->err;
	b->env.no_preemption = !preempt;
	if (b->env.src_cpu == b->env.dst_cpu)
		return eas__jerr(ctx, EAS_EINVAL, "dst_cpu",
				 "dst_cpu equals src_cpu (%u); expected "
				 "another CPU",
				 b->env.dst_cpu);
	b->env.idle = (enum eas_lb_idle)(idle == 0 ? EAS_LB_IDLE :
					 idle == 1 ? EAS_LB_NEWLY_IDLE :
						     EAS_LB_NOT_IDLE);
	b->env.migration_cost_ns =
		cost < 0 ? EAS_MIGRATION_COST_ALWAYS_HOT : (uint64_t)cost;
	b->has_clock = eas__jhas(root, "clock_ns");
	if (asym)
		b->env.extra_sd_flags |= EAS_SD_ASYM_PACKING;
	if (b->sd_name[0]) {
		int l = level_by_name(pf, b->sd_name);

		if (l < 0 || !eas_sd_contains(pf, (uint32_t)l, b->env.dst_cpu,
					      b->env.src_cpu))
			return eas__jerr(ctx, EAS_EINVAL, "sd",
					 "no domain \"%s\" of dst_cpu %u "
					 "spanning src_cpu %u (expected a "
					 "level name of the platform)",
					 b->sd_name, b->env.dst_cpu,
					 b->env.src_cpu);
		b->env.level = l;
	}

	/* asym_prio: arch_asym_cpu_priority() per CPU */
	if (eas__jget_arr(ctx, root, "asym_prio", n, n, &arr, EAS__JOPT))
		return ctx->err;
	if (arr) {
		m->prio = calloc(n, sizeof(*m->prio));
		if (!m->prio)
			return eas__jerr(ctx, EAS_ENOMEM, NULL,
					 "out of memory");
		mk = eas__jpush_key(ctx, "asym_prio");
		for (i = 0; i < n; i++) {
			size_t mi = eas__jpush_index(ctx, i);
			int64_t v;

			if (eas__jval_i64(ctx,
					  json_object_array_get_idx(arr, i),
					  INT32_MIN, INT32_MAX, &v))
				return ctx->err;
			m->prio[i] = (int32_t)v;
			eas__jpop(ctx, mi);
		}
		eas__jpop(ctx, mk);
		b->env.asym_prio = m->prio;
	}
	/* misfit_task_load per CPU */
	if (eas__jget_arr(ctx, root, "misfit_task_load", n, n, &arr, EAS__JOPT))
		return ctx->err;
	if (arr) {
		m->misfit = calloc(n, sizeof(*m->misfit));
		if (!m->misfit)
			return eas__jerr(ctx, EAS_ENOMEM, NULL,
					 "out of memory");
		mk = eas__jpush_key(ctx, "misfit_task_load");
		for (i = 0; i < n; i++) {
			size_t mi = eas__jpush_index(ctx, i);

			if (eas__jval_u64(ctx,
					  json_object_array_get_idx(arr, i), 0,
					  UINT32_MAX, &m->misfit[i]))
				return ctx->err;
			eas__jpop(ctx, mi);
		}
		eas__jpop(ctx, mk);
		b->has_misfit = true;
		b->misfit_task_load = m->misfit;
	}
	m->imbalanced = calloc(words, sizeof(eas_mask_word));
	m->race_allowed = calloc(words, sizeof(eas_mask_word));
	if (!m->imbalanced || !m->race_allowed)
		return eas__jerr(ctx, EAS_ENOMEM, NULL, "out of memory");
	if (get_cpu_list(ctx, root, "imbalanced_groups", n, m->imbalanced,
			 &given, false))
		return ctx->err;
	if (given)
		b->env.sgc_imbalance = m->imbalanced;

	/* src_tasks: the src CPU's cfs_tasks, head (most recent) first */
	if (eas__jget_arr(ctx, root, "src_tasks", 0, MAX_TASKS, &arr,
			  EAS__JOPT))
		return ctx->err;
	b->tasks_given = arr != NULL;
	{
		size_t nt = arr ? json_object_array_length(arr) : 1;

		m->tasks = calloc(nt ? nt : 1, sizeof(*m->tasks));
		m->task_masks =
			calloc((nt ? nt : 1) * words, sizeof(eas_mask_word));
		if (!m->tasks || !m->task_masks)
			return eas__jerr(ctx, EAS_ENOMEM, NULL,
					 "out of memory");
		if (!arr) {
			/* the scenario's task, running on src */
			memset(&m->tasks[0], 0, sizeof(m->tasks[0]));
			m->tasks[0].task = *running;
			m->tasks[0].task.is_current = true;
			m->tasks[0].task.prev_cpu = (int32_t)b->env.src_cpu;
			nr_running = 1;
		} else {
			mk = eas__jpush_key(ctx, "src_tasks");
			for (i = 0; i < nt; i++) {
				size_t mi = eas__jpush_index(ctx, i);

				if (load_task(
					    ctx,
					    json_object_array_get_idx(arr, i),
					    pf, i, &m->tasks[i],
					    &m->task_masks[(size_t)i * words]))
					return ctx->err;
				m->tasks[i].task.prev_cpu =
					(int32_t)b->env.src_cpu;
				if (m->tasks[i].task.is_current &&
				    ++nr_running > 1)
					return eas__jerr(ctx, EAS_EINVAL,
							 "running",
							 "a second running "
							 "task (expected at "
							 "most one)");
				eas__jpop(ctx, mi);
			}
			eas__jpop(ctx, mk);
		}
		b->env.src_tasks = m->tasks;
		b->env.nr_src_tasks = (uint32_t)nt;
		b->tasks = m->tasks;
	}
	/* busiest->curr: the running entry (a CFS task) or, with none, the
	 * scenario's task ("task is the task running on src_cpu"), of
	 * another class: deadline policy DL, any other RT. Its id is the
	 * balance callback's target, its affinity decides the kick
	 * (load_balance(): !cpumask_test_cpu(this_cpu,
	 * busiest->curr->cpus_ptr) -> out_one_pinned). */
	b->env.src_curr_is_cfs = nr_running == 1;
	b->env.src_curr_id = running->id;
	b->env.src_curr_allowed = running->cpus_allowed;
	b->env.src_curr_class = running->policy == EAS_POLICY_DEADLINE ?
					EAS_CLASS_DL :
					EAS_CLASS_RT;
	for (i = 0; i < b->env.nr_src_tasks; i++) {
		if (m->tasks[i].task.is_current) {
			b->env.src_curr_id = m->tasks[i].task.id;
			b->env.src_curr_allowed = m->tasks[i].task.cpus_allowed;
		}
	}

	if (eas__jget_obj(ctx, root, "race", &race, EAS__JOPT))
		return ctx->err;
	if (race) {
		mk = eas__jpush_key(ctx, "race");
		if (load_race(ctx, race, pf, b, m->race_allowed))
			return ctx->err;
		eas__jpop(ctx, mk);
		b->has_race = true;
	}
	return 0;
}

int eas_json_balance_load(const char *file_buf, size_t file_len,
			  const char *balance_json,
			  const struct eas_platform *pf,
			  const struct eas_task *running,
			  struct eas_json_balance *out,
			  struct eas_json_diag *diag)
{
	struct eas__jctx ctx;
	struct json_object *root = NULL;
	struct bmem *m;
	size_t mk;
	int err;

	if (!out)
		return EAS_EINVAL;
	memset(out, 0, sizeof(*out));
	if (!balance_json || !pf || !running)
		return EAS_EINVAL;
	m = calloc(1, sizeof(*m));
	if (!m)
		return EAS_ENOMEM;
	if (eas__jctx_init(&ctx, balance_json, strlen(balance_json), 0, diag,
			   &root)) {
		bmem_free(m);
		return ctx.err;
	}
	mk = eas__jpush_key(&ctx, "balance");
	if (!eas__jval_obj(&ctx, root))
		load(&ctx, root, pf, running, out, m);
	eas__jpop(&ctx, mk);
	err = ctx.err;
	if (err && diag && file_buf) {
		size_t off;

		/* report the offset / line in the whole scenario file */
		if (!eas__json_locate(file_buf, file_len, 0, diag->path,
				      &off)) {
			diag->offset = off;
			eas__json_line_col(file_buf, file_len, off, &diag->line,
					   &diag->column);
		}
	}
	eas__jctx_fini(&ctx, root);
	if (err) {
		bmem_free(m);
		memset(out, 0, sizeof(*out));
		return err;
	}
	out->mem_ = m;
	return 0;
}

void eas_json_balance_apply(struct eas_json_balance *b, struct eas_rq *rq,
			    uint32_t nr_cpus)
{
	uint32_t i;

	if (!b || !rq)
		return;
	if (b->has_clock && b->env.src_cpu < nr_cpus)
		rq[b->env.src_cpu].clock_task = b->clock_ns;
	if (b->has_misfit)
		for (i = 0; i < nr_cpus; i++)
			rq[i].misfit_task_load = b->misfit_task_load[i];
	/* the RT tasks runnable on src at decision time (cpus[src]
	 * .rt_nr_running): "nothing changed" keeps them */
	if (b->env.src_cpu < nr_cpus)
		b->env.src_rt_nr_running = rq[b->env.src_cpu].rt_nr_running;
	if (b->has_race)
		race_resolve(b);
}

void eas_json_balance_free(struct eas_json_balance *b)
{
	if (!b)
		return;
	bmem_free(b->mem_);
	memset(b, 0, sizeof(*b));
}
