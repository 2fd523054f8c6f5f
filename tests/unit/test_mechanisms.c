/* SPDX-License-Identifier: MIT */
/*
 * Active-balance mechanisms (stopper, balance callback, FIFO-1 thread):
 * the execution-phase matrix of every give-up path, the example balance
 * scenarios end to end through the JSON loaders (both flavours), and the
 * "balance" object loader's errors (JSON paths).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/balance.h>
#include <libeas/balance_json.h>
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/scenario.h>

#include "fixtures.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- a started decision on the 2x2 misfit case (v6.19 / v5.4) ------- */

struct mctx {
	struct eas_platform *pf;
	struct eas_rq rq[4];
	struct eas_system sys;
	struct eas_lb_task tasks[2];
	struct eas_lb_env env;
	struct eas_lb_result res;
	struct eas_mech_decision d[EAS_MECH_COUNT];
};

static void mctx_init(struct mctx *c, enum eas_kernel k)
{
	uint32_t i;

	memset(c, 0, sizeof(*c));
	c->pf = fix_2x2(k, 0);
	for (i = 0; i < 4; i++)
		eas_rq_init(&c->rq[i]);
	c->rq[0].util_avg = c->rq[0].util_est = 500;
	c->rq[0].runnable_avg = c->rq[0].load_avg = 500;
	c->rq[0].runnable_load_avg = 500;
	c->rq[0].nr_running = c->rq[0].h_nr_running = 2;
	c->rq[0].idle = false;
	c->rq[0].clock_task = 1000000;
	c->sys.pf = c->pf;
	c->sys.rq = c->rq;
	c->sys.features = eas_features_default(k);
	c->sys.overutilized = -1;
	for (i = 0; i < 2; i++) {
		eas_task_init(&c->tasks[i].task);
		c->tasks[i].task.id = 10 + i;
		c->tasks[i].task.util_avg = i ? 20 : 480;
		c->tasks[i].task.util_est = c->tasks[i].task.util_avg;
		c->tasks[i].task.util_est_ewma = c->tasks[i].task.util_avg;
		c->tasks[i].task.util_est_enqueued = c->tasks[i].task.util_avg;
		c->tasks[i].task.h_load = c->tasks[i].task.util_avg;
		c->tasks[i].task.prev_cpu = 0;
		c->tasks[i].task.exec_start = 990000; /* hot: 10 us ago */
	}
	/* task 11 (list tail) is pinned to CPU 0: detach_one_task() must
	 * skip it and take task 10 */
	c->tasks[0].task.is_current = true;
	c->rq[0].misfit_task_load =
		eas_update_misfit_status(&c->sys, &c->tasks[0].task, 0);
	eas_lb_env_init(&c->env, 0, 2);
	c->env.src_tasks = c->tasks;
	c->env.nr_src_tasks = 2;
	c->env.src_curr_id = 10;
}

static void mctx_decide(struct mctx *c, eas_mask_word *pin)
{
	unsigned m;

	pin[0] = 1; /* CPU 0 only */
	c->tasks[1].task.cpus_allowed = pin;
	assert_int_equal(
		eas_load_balance(&c->sys, &c->env, NULL, 0, NULL, &c->res),
		EAS_OK);
	assert_true(c->res.reached);
	assert_true(c->res.kick);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		assert_int_equal(eas_mech_decide(&c->sys, &c->env, &c->res,
						 (enum eas_mech)m, &c->d[m]),
				 EAS_OK);
		assert_true(c->d[m].started);
		assert_int_equal(c->d[m].task_id, 10);
	}
}

/* One row of the execution matrix. */
struct exec_case {
	const char *what;
	enum eas_mech mech;
	/* state tweaks */
	bool src_inactive, dst_inactive, ab_cleared;
	enum eas_sched_class curr;
	uint32_t nr_running;
	uint32_t rt_runnable;
	bool list_all_pinned; /* the CFS task became pinned too */
	enum eas_sched_class target;
	bool target_blocked;
	int32_t target_cpu;
	bool target_pinned;
	/* v6.19 only: the pending callback is dropped (balance_push_set()),
	 * it never runs and active_balance stays set */
	bool lost_v619;
	/* expected */
	bool ran, moved;
	enum eas_mech_reason reason;
	bool pre_cfs, pre_rt;
	uint32_t cs;
};

static const struct exec_case cases[] = {
	{ "stopper, nothing changed", EAS_MECH_STOPPER, .curr = EAS_CLASS_CFS,
	  .nr_running = 2, .target = EAS_CLASS_CFS, .target_cpu = 0,
	  .ran = true, .moved = true, .pre_cfs = true, .cs = 2 },
	{ "stopper, RT preempted the CFS task", EAS_MECH_STOPPER,
	  .curr = EAS_CLASS_RT, .nr_running = 3, .rt_runnable = 1,
	  .target = EAS_CLASS_CFS, .ran = true, .moved = true, .pre_rt = true,
	  .cs = 2 },
	{ "stopper, DL task current", EAS_MECH_STOPPER, .curr = EAS_CLASS_DL,
	  .nr_running = 3, .target = EAS_CLASS_CFS, .ran = true, .moved = true,
	  .cs = 2 },
	{ "stopper, src went inactive", EAS_MECH_STOPPER, .src_inactive = true,
	  .curr = EAS_CLASS_CFS, .nr_running = 2, .ran = true,
	  .reason = EAS_MECH_CPU_INACTIVE, .pre_cfs = true, .cs = 2 },
	{ "stopper, dst went inactive", EAS_MECH_STOPPER, .dst_inactive = true,
	  .curr = EAS_CLASS_CFS, .nr_running = 2, .ran = true,
	  .reason = EAS_MECH_CPU_INACTIVE, .pre_cfs = true, .cs = 2 },
	{ "stopper, active_balance cleared", EAS_MECH_STOPPER,
	  .ab_cleared = true, .curr = EAS_CLASS_CFS, .nr_running = 2,
	  .ran = true, .reason = EAS_MECH_NOT_ACTIVE_BALANCE, .pre_cfs = true,
	  .cs = 2 },
	{ "stopper, the tasks left", EAS_MECH_STOPPER, .curr = EAS_CLASS_IDLE,
	  .nr_running = 0, .ran = true, .reason = EAS_MECH_NR_RUNNING_LE1,
	  .cs = 2 },
	{ "stopper, everything pinned now", EAS_MECH_STOPPER,
	  .curr = EAS_CLASS_CFS, .nr_running = 2, .list_all_pinned = true,
	  .ran = true, .reason = EAS_MECH_NO_MOVABLE_TASK, .pre_cfs = true,
	  .cs = 2 },
	{ "fifo1, RT runnable", EAS_MECH_FIFO1_THREAD, .curr = EAS_CLASS_RT,
	  .nr_running = 3, .rt_runnable = 1, .reason = EAS_MECH_WAITING },
	{ "fifo1, RT runnable but a CFS task current", EAS_MECH_FIFO1_THREAD,
	  .curr = EAS_CLASS_CFS, .nr_running = 3, .rt_runnable = 1,
	  .reason = EAS_MECH_WAITING },
	{ "fifo1, DL current", EAS_MECH_FIFO1_THREAD, .curr = EAS_CLASS_DL,
	  .nr_running = 3, .reason = EAS_MECH_WAITING },
	{ "fifo1, CFS current", EAS_MECH_FIFO1_THREAD, .curr = EAS_CLASS_CFS,
	  .nr_running = 2, .ran = true, .moved = true, .pre_cfs = true,
	  .cs = 2 },
	{ "fifo1, after the RT task blocked", EAS_MECH_FIFO1_THREAD,
	  .curr = EAS_CLASS_IDLE, .nr_running = 2, .ran = true, .moved = true,
	  .cs = 2 },
	{ "fifo1, inactive", EAS_MECH_FIFO1_THREAD, .dst_inactive = true,
	  .curr = EAS_CLASS_CFS, .nr_running = 2, .ran = true,
	  .reason = EAS_MECH_CPU_INACTIVE, .pre_cfs = true, .cs = 2 },
	{ "callback, preempted by RT", EAS_MECH_BALANCE_CALLBACK,
	  .curr = EAS_CLASS_RT, .rt_runnable = 1, .nr_running = 3,
	  .target = EAS_CLASS_CFS, .target_cpu = 0, .ran = true,
	  .moved = true },
	{ "callback, target blocked", EAS_MECH_BALANCE_CALLBACK,
	  .nr_running = 2, .target = EAS_CLASS_CFS, .target_blocked = true,
	  .ran = true, .reason = EAS_MECH_TARGET_NOT_RUNNING },
	{ "callback, target now RT", EAS_MECH_BALANCE_CALLBACK, .nr_running = 2,
	  .target = EAS_CLASS_RT, .ran = true,
	  .reason = EAS_MECH_TARGET_NOT_CFS },
	{ "callback, target migrated", EAS_MECH_BALANCE_CALLBACK,
	  .nr_running = 2, .target = EAS_CLASS_CFS, .target_cpu = 1,
	  .ran = true, .reason = EAS_MECH_TARGET_MOVED },
	{ "callback, dst no longer allowed", EAS_MECH_BALANCE_CALLBACK,
	  .nr_running = 2, .target = EAS_CLASS_CFS, .target_pinned = true,
	  .ran = true, .reason = EAS_MECH_TARGET_NOT_ALLOWED },
	{ "callback, src inactive", EAS_MECH_BALANCE_CALLBACK,
	  .src_inactive = true, .nr_running = 2, .target = EAS_CLASS_CFS,
	  .lost_v619 = true, .ran = true, .reason = EAS_MECH_CPU_INACTIVE },
	{ "callback, lone target blocked", EAS_MECH_BALANCE_CALLBACK,
	  .nr_running = 0, .target = EAS_CLASS_CFS, .target_blocked = true,
	  .ran = true, .reason = EAS_MECH_NR_RUNNING_LE1 },
	{ "callback, active_balance cleared", EAS_MECH_BALANCE_CALLBACK,
	  .ab_cleared = true, .nr_running = 2, .target = EAS_CLASS_CFS,
	  .ran = true, .reason = EAS_MECH_NOT_ACTIVE_BALANCE },
	{ "callback, preempted by another CFS task", EAS_MECH_BALANCE_CALLBACK,
	  .curr = EAS_CLASS_CFS, .nr_running = 2, .target = EAS_CLASS_CFS,
	  .ran = true, .moved = true },
};

static void run_matrix(enum eas_kernel k)
{
	struct mctx c;
	eas_mask_word pin[1], pin2[1];
	size_t i;

	mctx_init(&c, k);
	mctx_decide(&c, pin);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct exec_case *e = &cases[i];
		struct eas_lb_task now[2];
		struct eas_busiest_state st;
		struct eas_mech_result r;

		eas_busiest_state_init(&st, &c.env);
		st.src_active = !e->src_inactive;
		st.dst_active = !e->dst_inactive;
		st.active_balance = !e->ab_cleared;
		st.curr_class = e->curr;
		st.nr_running = e->nr_running;
		st.rt_nr_runnable = e->rt_runnable;
		st.target_class = e->target;
		st.target_was_running = !e->target_blocked;
		st.target_cpu = (uint32_t)e->target_cpu;
		pin2[0] = 3; /* CPUs 0,1 */
		if (e->target_pinned)
			st.target_allowed = pin2;
		memcpy(now, c.tasks, sizeof(now));
		if (e->list_all_pinned)
			now[0].task.cpus_allowed = pin2;
		st.src_tasks = now;
		st.nr_src_tasks = 2;
		assert_int_equal(eas_mech_execute(&c.sys, &c.env, &c.d[e->mech],
						  &st, &r),
				 EAS_OK);
		if (r.ran != (e->ran &&
			      !(e->lost_v619 && k == EAS_KERNEL_V6_19)) ||
		    r.moved != e->moved || r.reason != e->reason ||
		    r.preempted_cfs != e->pre_cfs ||
		    r.preempted_rt != e->pre_rt ||
		    r.context_switches != e->cs) {
			fprintf(stderr,
				"%s (%s): ran %d moved %d reason %s cfs %d rt "
				"%d cs %u\n",
				e->what, eas_kernel_name(k), r.ran, r.moved,
				eas_mech_reason_name(r.reason), r.preempted_cfs,
				r.preempted_rt, r.context_switches);
			fail();
		}
		if (r.moved) {
			assert_int_equal(r.task_id, 10);
			assert_true(r.reset_nr_balance_failed);
		}
		/* the flag is cleared whenever the mechanism ran */
		assert_int_equal(r.active_balance_after,
				 r.ran ? false : st.active_balance);
	}
	fix_free(c.pf);
}

static void test_exec_matrix_v619(void **state)
{
	(void)state;
	run_matrix(EAS_KERNEL_V6_19);
}

static void test_exec_matrix_v54(void **state)
{
	(void)state;
	run_matrix(EAS_KERNEL_V5_4);
}

/* v5.4 stopper detaches with LBF_DST_PINNED and keeps task_hot(): the
 * failure counter the kick set (cache_nice_tries + 1) is what lets a hot
 * task go; with a counter reset meanwhile (another CPU's balance
 * succeeded), the hot queued task stays. v6.19 LBF_ACTIVE_LB ignores
 * hotness. */
static void test_stopper_hotness(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct mctx c;
		eas_mask_word pin[1];
		struct eas_busiest_state st;
		struct eas_mech_decision d;
		struct eas_mech_result r;

		mctx_init(&c, ks[i]);
		mctx_decide(&c, pin);
		/* the queued task 11 is allowed and hot; task 10 pinned */
		c.tasks[1].task.cpus_allowed = NULL;
		pin[0] = 1;
		c.tasks[0].task.cpus_allowed = pin;
		eas_busiest_state_init(&st, &c.env);
		st.nr_running = 2;
		d = c.d[EAS_MECH_STOPPER];
		eas_mech_execute(&c.sys, &c.env, &d, &st, &r);
		assert_true(r.moved);
		assert_int_equal(r.task_id, 11);
		d.nr_balance_failed = 0;
		eas_mech_execute(&c.sys, &c.env, &d, &st, &r);
		assert_int_equal(r.moved, ks[i] == EAS_KERNEL_V6_19);
		if (ks[i] == EAS_KERNEL_V5_4)
			assert_int_equal(r.reason, EAS_MECH_NO_MOVABLE_TASK);
		fix_free(c.pf);
	}
}

/* The callback reports the target's index in the list given at run
 * time (the list changes between decision and execution). */
static void test_callback_index(void **state)
{
	struct mctx c;
	eas_mask_word pin[1];
	struct eas_busiest_state st;
	struct eas_mech_result r;
	struct eas_lb_task now[3];

	(void)state;
	mctx_init(&c, EAS_KERNEL_V6_19);
	mctx_decide(&c, pin);
	eas_busiest_state_init(&st, &c.env);
	st.nr_running = 2;
	memcpy(&now[1], c.tasks, sizeof(c.tasks)); /* target now at 1 */
	now[0] = c.tasks[1];
	now[0].task.id = 99;
	st.src_tasks = now;
	st.nr_src_tasks = 3;
	eas_mech_execute(&c.sys, &c.env, &c.d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_true(r.moved);
	assert_int_equal(r.task_id, 10);
	assert_int_equal(r.task_index, 1);
	st.nr_src_tasks = 1; /* not listed any more */
	eas_mech_execute(&c.sys, &c.env, &c.d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_int_equal(r.task_index, -1);
	fix_free(c.pf);
}

/* A decision that was not started never runs. */
static void test_not_started(void **state)
{
	struct mctx c;
	struct eas_mech_decision d;
	struct eas_busiest_state st;
	struct eas_mech_result r;

	(void)state;
	mctx_init(&c, EAS_KERNEL_V6_19);
	c.rq[0].misfit_task_load = 0; /* nothing to do */
	c.tasks[0].task.util_avg = 100;
	assert_int_equal(
		eas_load_balance(&c.sys, &c.env, NULL, 0, NULL, &c.res),
		EAS_OK);
	eas_mech_decide(&c.sys, &c.env, &c.res, EAS_MECH_STOPPER, &d);
	assert_false(d.started);
	assert_int_equal(d.when, EAS_MECH_WHEN_NEVER);
	eas_busiest_state_init(&st, &c.env);
	eas_mech_execute(&c.sys, &c.env, &d, &st, &r);
	assert_false(r.ran);
	assert_false(r.moved);
	assert_int_equal(r.reason, d.reason);
	assert_int_equal(
		eas_mech_decide(&c.sys, &c.env, &c.res, (enum eas_mech)7, &d),
		EAS_EINVAL);
	fix_free(c.pf);
}

/* ---- example scenarios through the JSON loaders ------------------------ */

static char *slurp(const char *rel, size_t *len)
{
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", EAS_SOURCE_DIR, rel);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

struct example {
	const char *file;
	enum eas_kernel k;
	enum eas_lb_rule rule;
	bool reached;
	bool started;
	int32_t stopper_moves; /* executed against the race, -1 none */
	bool stopper_preempts_rt;
	int32_t callback_moves;
	bool fifo1_waits;
	uint64_t imbalance;
	enum eas_group_type src_grp_type;
};

static const struct example examples[] = {
	{ "balance-misfit-rt-race.json", EAS_KERNEL_V6_19, EAS_LB_RULE_MISFIT,
	  true, true, 7, true, 7, true, 1, EAS_GROUP_MISFIT_TASK },
	{ "balance-misfit-rt-race.json", EAS_KERNEL_V5_4, EAS_LB_RULE_MISFIT,
	  true, true, 7, true, 7, true, 400, EAS_GROUP_MISFIT_TASK },
	{ "balance-reduced-capacity.json", EAS_KERNEL_V6_19,
	  EAS_LB_RULE_REDUCED_CAPACITY, true, true, 11, false, -1, false, 100,
	  EAS_GROUP_MISFIT_TASK },
	{ "balance-reduced-capacity.json", EAS_KERNEL_V5_4,
	  EAS_LB_RULE_REDUCED_CAPACITY, true, true, 11, false, -1, false, 100,
	  EAS_GROUP_OTHER },
	{ "balance-failed.json", EAS_KERNEL_V5_4, EAS_LB_RULE_FAILED_BALANCE,
	  true, true, 1, false, 1, false, 1000, EAS_GROUP_OVERLOADED },
	{ "balance-failed.json", EAS_KERNEL_V6_19, EAS_LB_RULE_NONE, true,
	  false, -1, false, -1, false, 400, EAS_GROUP_OVERLOADED },
	{ "balance-cache-hot.json", EAS_KERNEL_V5_4, EAS_LB_RULE_NONE, false,
	  false, -1, false, -1, false, 666, EAS_GROUP_OVERLOADED },
	{ "balance-cache-hot.json", EAS_KERNEL_V6_19, EAS_LB_RULE_NONE, false,
	  false, -1, false, -1, false, 1, EAS_GROUP_OVERLOADED },
	{ "balance-pinned.json", EAS_KERNEL_V5_4, EAS_LB_RULE_MISFIT, true,
	  false, -1, false, -1, false, 400, EAS_GROUP_MISFIT_TASK },
	{ "balance-pinned.json", EAS_KERNEL_V6_19, EAS_LB_RULE_NONE, false,
	  false, -1, false, -1, false, 0, EAS_GROUP_OTHER },
};

static void test_examples(void **state)
{
	size_t pf_len, i;
	char *pf_buf;

	(void)state;
	pf_buf = slurp("examples/platforms/hikey960.json", &pf_len);
	for (i = 0; i < ARRAY_SIZE(examples); i++) {
		const struct example *e = &examples[i];
		struct eas_json_platform jp;
		struct eas_scenario sc;
		struct eas_json_balance b;
		struct eas_json_diag diag;
		struct eas_system sys;
		struct eas_lb_result res;
		struct eas_mech_decision d;
		struct eas_mech_result r;
		struct eas_busiest_state st;
		struct eas_can_migrate cm[8];
		char rel[128];
		size_t len;
		char *buf;
		uint32_t j;

		snprintf(rel, sizeof(rel), "examples/scenarios/%s", e->file);
		buf = slurp(rel, &len);
		assert_int_equal(eas_json_platform_load(pf_buf, pf_len, e->k, 0,
							&jp, &diag),
				 0);
		if (eas_json_scenario_load(buf, len, jp.pf.nr_cpus, &sc,
					   &diag)) {
			fprintf(stderr, "%s: %s %s\n", e->file, diag.path,
				diag.msg);
			fail();
		}
		eas_scenario_system(&sc, &jp.pf, &sys);
		assert_non_null(sc.balance_json);
		if (eas_json_balance_load(buf, len, sc.balance_json, &jp.pf,
					  &sc.task, &b, &diag)) {
			fprintf(stderr, "%s: %s %s\n", e->file, diag.path,
				diag.msg);
			fail();
		}
		eas_json_balance_apply(&b, sc.rq, jp.pf.nr_cpus);
		for (j = 0; j < b.env.nr_src_tasks; j++)
			if (b.env.src_tasks[j].task.is_current &&
			    !sc.rq[b.env.src_cpu].misfit_task_load)
				sc.rq[b.env.src_cpu].misfit_task_load =
					eas_update_misfit_status(
						&sys, &b.env.src_tasks[j].task,
						b.env.src_cpu);
		assert_true(b.env.nr_src_tasks <= 8);
		assert_int_equal(
			eas_load_balance(&sys, &b.env, NULL, 0, cm, &res),
			EAS_OK);
		if (res.rule != e->rule || res.reached != e->reached ||
		    res.imbalance != e->imbalance ||
		    (res.busiest_group >= 0 &&
		     res.src_grp_type != e->src_grp_type)) {
			fprintf(stderr,
				"%s %s: rule %d reached %d imbalance %llu "
				"type %s\n",
				e->file, eas_kernel_name(e->k), res.rule,
				res.reached, (unsigned long long)res.imbalance,
				eas_group_type_name(res.src_grp_type));
			fail();
		}
		if (b.has_race)
			st = b.race;
		else
			eas_busiest_state_init(&st, &b.env);
		eas_mech_decide(&sys, &b.env, &res, EAS_MECH_STOPPER, &d);
		assert_int_equal(d.started, e->started);
		eas_mech_execute(&sys, &b.env, &d, &st, &r);
		assert_int_equal(r.moved ? (int32_t)r.task_id : -1,
				 e->stopper_moves);
		assert_int_equal(r.preempted_rt, e->stopper_preempts_rt);
		eas_mech_decide(&sys, &b.env, &res, EAS_MECH_BALANCE_CALLBACK,
				&d);
		{
			/* as eas balance: without a race the target's next
			 * switch-out is a preemption by another queued CFS
			 * task, or, alone, it blocks */
			struct eas_busiest_state cb = st;

			if (!b.has_race && b.env.nr_src_tasks <= 1) {
				cb.target_was_running = false;
				cb.nr_running = 0;
			}
			eas_mech_execute(&sys, &b.env, &d, &cb, &r);
		}
		assert_int_equal(r.moved ? (int32_t)r.task_id : -1,
				 e->callback_moves);
		assert_false(r.preempted_rt);
		eas_mech_decide(&sys, &b.env, &res, EAS_MECH_FIFO1_THREAD, &d);
		eas_mech_execute(&sys, &b.env, &d, &st, &r);
		assert_int_equal(r.reason == EAS_MECH_WAITING, e->fifo1_waits);
		/* cache-hot example: task 2 hot and skipped, task 3 pulled */
		if (!strcmp(e->file, "balance-cache-hot.json")) {
			assert_int_equal(cm[1].reason, EAS_CM_CACHE_HOT);
			assert_false(cm[1].detached);
			assert_true(cm[2].detached);
			assert_int_equal(res.nr_detached, 1);
		}
		eas_json_balance_free(&b);
		eas_scenario_free(&sc);
		eas_json_platform_free(&jp);
		free(buf);
	}
	free(pf_buf);
}

/* ---- the "balance" object loader's errors ------------------------------ */

struct bad {
	const char *json;
	int err;
	const char *path;
};

static const struct bad bads[] = {
	{ "{\"src_cpu\":0}", EAS_EFORMAT, "/balance/dst_cpu" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"bogus\":1}", EAS_EFORMAT,
	  "/balance/bogus" },
	{ "{\"src_cpu\":0,\"dst_cpu\":8}", EAS_ERANGE, "/balance/dst_cpu" },
	{ "{\"src_cpu\":0,\"dst_cpu\":0}", EAS_EINVAL, "/balance/dst_cpu" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"idle\":\"busy\"}", EAS_EFORMAT,
	  "/balance/idle" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"nr_balance_failed\":1.5}",
	  EAS_EFORMAT, "/balance/nr_balance_failed" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"sd\":\"MC\"}", EAS_EINVAL,
	  "/balance/sd" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"migration_cost_ns\":-2}", EAS_ERANGE,
	  "/balance/migration_cost_ns" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"src_tasks\":[{\"util_avg\":1},"
	  "{\"util_avg\":2,\"h_load\":\"x\"}]}",
	  EAS_EFORMAT, "/balance/src_tasks/1/h_load" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"src_tasks\":[{\"util_avg\":1,"
	  "\"running\":true},{\"util_avg\":2,\"running\":true}]}",
	  EAS_EINVAL, "/balance/src_tasks/1/running" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"src_tasks\":[{\"util_avg\":1,"
	  "\"cpus_allowed\":[1,1]}]}",
	  EAS_EINVAL, "/balance/src_tasks/0/cpus_allowed/1" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"src_tasks\":[{\"util_avg\":1,"
	  "\"cpus_allowed\":[9]}]}",
	  EAS_ERANGE, "/balance/src_tasks/0/cpus_allowed/0" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"asym_prio\":[1,2]}", EAS_ERANGE,
	  "/balance/asym_prio" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"race\":{\"curr_class\":\"fifo\"}}",
	  EAS_EFORMAT, "/balance/race/curr_class" },
	{ "{\"src_cpu\":0,\"dst_cpu\":4,\"race\":{\"rt\":true}}", EAS_EFORMAT,
	  "/balance/race/rt" },
	{ "[1]", EAS_EFORMAT, "/balance" },
};

static void test_loader_errors(void **state)
{
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	struct eas_task p;
	size_t i;

	(void)state;
	eas_task_init(&p);
	for (i = 0; i < ARRAY_SIZE(bads); i++) {
		struct eas_json_balance b;
		struct eas_json_diag diag;
		int err;

		memset(&diag, 0, sizeof(diag));
		err = eas_json_balance_load(NULL, 0, bads[i].json, pf, &p, &b,
					    &diag);
		if (err != bads[i].err || strcmp(diag.path, bads[i].path)) {
			fprintf(stderr, "%s: err %d path '%s' msg '%s'\n",
				bads[i].json, err, diag.path, diag.msg);
			fail();
		}
		assert_true(diag.msg[0] != 0);
		assert_null(b.tasks); /* nothing half-loaded */
		assert_int_equal(b.env.nr_src_tasks, 0);
	}
	/* a good one: defaults */
	{
		struct eas_json_balance b;
		struct eas_json_diag diag;

		assert_int_equal(
			eas_json_balance_load(
				NULL, 0,
				"{\"src_cpu\":1,\"dst_cpu\":5,"
				"\"sd\":\"PKG\",\"migration_cost_ns\":-1,"
				"\"asym_packing\":true,"
				"\"imbalanced_groups\":[0]}",
				pf, &p, &b, &diag),
			0);
		assert_int_equal(b.env.idle, EAS_LB_IDLE);
		assert_int_equal(b.env.level, 1);
		assert_int_equal(b.env.migration_cost_ns,
				 EAS_MIGRATION_COST_ALWAYS_HOT);
		assert_true(b.env.extra_sd_flags & EAS_SD_ASYM_PACKING);
		assert_true(eas_mask_test(b.env.sgc_imbalance, 0));
		assert_int_equal(b.env.nr_src_tasks, 1);
		assert_true(b.env.src_tasks[0].task.is_current);
		assert_true(b.env.src_curr_is_cfs);
		assert_false(b.has_race);
		eas_json_balance_free(&b);
	}
	fix_free(pf);
}

/* Errors are located in the whole scenario file when it is given. */
static void test_loader_error_location(void **state)
{
	static const char file[] =
		"{\n"
		"  \"format\": \"libeas-scenario/1\",\n"
		"  \"task\": { \"util_avg\": 10, \"prev_cpu\": 0 },\n"
		"  \"balance\": {\n"
		"    \"src_cpu\": 0, \"dst_cpu\": 4,\n"
		"    \"src_tasks\": [ { \"util_avg\": 2000 } ]\n"
		"  }\n"
		"}\n";
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V5_4, 0);
	struct eas_scenario sc;
	struct eas_json_balance b;
	struct eas_json_diag diag;
	struct eas_task p;

	(void)state;
	eas_task_init(&p);
	assert_int_equal(eas_json_scenario_load(file, sizeof(file) - 1,
						pf->nr_cpus, &sc, &diag),
			 0);
	assert_int_equal(eas_json_balance_load(file, sizeof(file) - 1,
					       sc.balance_json, pf, &p, &b,
					       &diag),
			 EAS_ERANGE);
	assert_string_equal(diag.path, "/balance/src_tasks/0/util_avg");
	assert_int_equal(diag.line, 6);
	assert_int_equal(diag.column, 34);
	eas_scenario_free(&sc);
	fix_free(pf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_matrix_v619),
		cmocka_unit_test(test_exec_matrix_v54),
		cmocka_unit_test(test_stopper_hotness),
		cmocka_unit_test(test_callback_index),
		cmocka_unit_test(test_not_started),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_loader_errors),
		cmocka_unit_test(test_loader_error_location),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
