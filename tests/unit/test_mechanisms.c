/* SPDX-License-Identifier: MIT */
/*
 * Active-balance mechanisms (stopper, balance callback, FIFO-1 thread):
 * the execution-phase matrix of every give-up path, the example balance
 * scenarios end to end through the JSON loaders (both flavours), the
 * decision-time state model on mt8183 scenarios (tests/data/balance: RT /
 * DL curr, RT runnable, target gone, v6.19 lost callback, mechanisms never
 * started), `eas balance --json`, and the "balance" object loader's
 * errors (JSON paths).
 */
#define _POSIX_C_SOURCE 200809L /* popen() */
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
	c->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
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

/* ---- the mechanisms end to end on mt8183 (tests/data/balance) ---------- */

/*
 * Platform mt8183: CPUs 0-3 capacity 741, 4-7 capacity 1024. Every
 * scenario: src CPU 0, dst CPU 4 (idle) balancing PKG; the misfit CFS task
 * 7 (util 700 > 741 * 0.8) is on CPU 0. As `eas balance` does it: the race
 * (or "nothing changed") for every mechanism, the callback's target
 * switch-out when no race is given, the FIFO-1 thread once more after the
 * RT work is gone.
 */
struct mrun {
	char *pf_buf, *buf;
	struct eas_json_platform jp;
	struct eas_scenario sc;
	struct eas_json_balance b;
	struct eas_system sys;
	struct eas_lb_result res;
	struct eas_mech_decision d[EAS_MECH_COUNT];
	struct eas_busiest_state st; /* the race, or nothing changed */
	struct eas_busiest_state cb; /* the callback's state */
	struct eas_mech_result r[EAS_MECH_COUNT];
	enum eas_switch_out so;	      /* no race: the target's switch-out */
	bool waited;		      /* the FIFO-1 thread waited */
	struct eas_mech_result after; /* FIFO-1 once the RT work is gone */
};

static void mrun(struct mrun *x, const char *name, enum eas_kernel k,
		 bool busiest_active_balance)
{
	struct eas_json_diag diag;
	char rel[160];
	size_t pf_len, len;
	uint32_t j, m;

	memset(x, 0, sizeof(*x));
	x->pf_buf = slurp("tests/data/balance/mt8183.json", &pf_len);
	snprintf(rel, sizeof(rel), "tests/data/balance/%s.json", name);
	x->buf = slurp(rel, &len);
	assert_int_equal(
		eas_json_platform_load(x->pf_buf, pf_len, k, 0, &x->jp, &diag),
		0);
	assert_int_equal(eas_json_scenario_load(x->buf, len, x->jp.pf.nr_cpus,
						&x->sc, &diag),
			 0);
	eas_scenario_system(&x->sc, &x->jp.pf, &x->sys);
	assert_non_null(x->sc.balance_json);
	if (eas_json_balance_load(x->buf, len, x->sc.balance_json, &x->jp.pf,
				  &x->sc.task, &x->b, &diag)) {
		fprintf(stderr, "%s: %s %s\n", name, diag.path, diag.msg);
		fail();
	}
	eas_json_balance_apply(&x->b, x->sc.rq, x->jp.pf.nr_cpus);
	if (!x->b.has_misfit && !x->sc.rq[x->b.env.src_cpu].misfit_task_load)
		for (j = 0; j < x->b.env.nr_src_tasks; j++)
			if (x->b.env.src_tasks[j].task.is_current)
				x->sc.rq[x->b.env.src_cpu].misfit_task_load =
					eas_update_misfit_status(
						&x->sys,
						&x->b.env.src_tasks[j].task,
						x->b.env.src_cpu);
	x->b.env.busiest_active_balance = busiest_active_balance;
	assert_int_equal(
		eas_load_balance(&x->sys, &x->b.env, NULL, 0, NULL, &x->res),
		EAS_OK);
	if (x->b.has_race)
		x->st = x->b.race;
	else
		eas_busiest_state_init(&x->st, &x->b.env);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		struct eas_busiest_state st = x->st;

		assert_int_equal(eas_mech_decide(&x->sys, &x->b.env, &x->res,
						 (enum eas_mech)m, &x->d[m]),
				 EAS_OK);
		if (m == EAS_MECH_BALANCE_CALLBACK) {
			if (!x->b.has_race)
				x->so = eas_busiest_state_switch_out(&st,
								     &x->b.env);
			x->cb = st;
		}
		assert_int_equal(eas_mech_execute(&x->sys, &x->b.env, &x->d[m],
						  &st, &x->r[m]),
				 EAS_OK);
		if (m == EAS_MECH_FIFO1_THREAD && x->d[m].started &&
		    x->r[m].reason == EAS_MECH_WAITING) {
			st = x->st;
			eas_busiest_state_rt_done(&st);
			x->waited = true;
			assert_int_equal(eas_mech_execute(&x->sys, &x->b.env,
							  &x->d[m], &st,
							  &x->after),
					 EAS_OK);
		}
	}
}

static void mrun_free(struct mrun *x)
{
	eas_json_balance_free(&x->b);
	eas_scenario_free(&x->sc);
	eas_json_platform_free(&x->jp);
	free(x->buf);
	free(x->pf_buf);
}

static const enum eas_kernel both[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

/*
 * An RT task (id 99, "task") is busiest->curr at decision time; task 7 is
 * queued. The RFC's load_balance() hunk records
 * busiest->active_balance_target = busiest->curr: the RT task. Its
 * callback moves p only if p->sched_class == &fair_sched_class (&& ...),
 * else alb_failed: an RT target is never moved (moves null), and with the
 * RT task preempted by a higher RT task (rt-curr-target-rt-preempted:
 * nr_running 3 > 1) it gives up target_not_cfs. Without a race the RT
 * target's next switch-out is blocking: nr_running 2 - 1 = 1, and the
 * callback leaves at "busiest_rq->nr_running <= 1" (nr_running_le1)
 * before the class test. The kick tests busiest->curr's affinity (v5.4
 * fair.c load_balance() / v6.19 sched_balance_rq(): "if
 * (!cpumask_test_cpu(this_cpu, busiest->curr->cpus_ptr)) goto
 * out_one_pinned"): the RT task pinned to CPU 0 starts nothing.
 */
static void test_rt_curr_target(void **state)
{
	struct mrun x;
	unsigned i, m;

	(void)state;
	for (i = 0; i < 2; i++) {
		mrun(&x, "rt-curr-target", both[i], false);
		assert_true(x.res.kick);
		assert_false(x.b.env.src_curr_is_cfs);
		assert_int_equal(x.b.env.src_curr_id, 99);
		assert_int_equal(x.d[EAS_MECH_BALANCE_CALLBACK].curr_class,
				 EAS_CLASS_RT);
		assert_int_equal(x.d[EAS_MECH_BALANCE_CALLBACK].task_id, 99);
		assert_int_equal(x.d[EAS_MECH_BALANCE_CALLBACK].task_index, -1);
		assert_int_equal(x.so, EAS_SWITCH_OUT_BLOCKS);
		assert_int_equal(x.cb.nr_running, 1);
		assert_int_equal(x.cb.target_class, EAS_CLASS_RT);
		assert_true(x.r[EAS_MECH_BALANCE_CALLBACK].ran);
		assert_false(x.r[EAS_MECH_BALANCE_CALLBACK].moved);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].reason,
				 EAS_MECH_NR_RUNNING_LE1);
		/* the stopper preempts the RT task and takes task 7 from
		 * cfs_tasks */
		assert_true(x.r[EAS_MECH_STOPPER].moved);
		assert_int_equal(x.r[EAS_MECH_STOPPER].task_id, 7);
		mrun_free(&x);

		mrun(&x, "rt-curr-target-rt-preempted", both[i], false);
		assert_int_equal(x.st.target_class, EAS_CLASS_RT);
		assert_int_equal(x.st.nr_running, 3);
		assert_true(x.r[EAS_MECH_BALANCE_CALLBACK].ran);
		assert_false(x.r[EAS_MECH_BALANCE_CALLBACK].moved);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].reason,
				 EAS_MECH_TARGET_NOT_CFS);
		mrun_free(&x);

		mrun(&x, "rt-curr-target-rt-pinned", both[i], false);
		assert_true(x.res.need_active_balance);
		assert_false(x.res.kick);
		assert_true(x.res.kick_pinned);
		for (m = 0; m < EAS_MECH_COUNT; m++) {
			assert_false(x.d[m].started);
			assert_int_equal(x.d[m].reason, EAS_MECH_CURR_PINNED);
			assert_false(x.r[m].ran);
		}
		mrun_free(&x);
	}
}

/*
 * "Nothing changed" keeps the RT tasks runnable at decision
 * (cpus[0].rt_nr_running 1): rq->nr_running counts them, and
 * active_load_balance_cpu_stop()'s "busiest_rq->nr_running <= 1" (v5.4
 * fair.c, v6.19 fair.c) reads rq->nr_running.
 * rt-pending: task 7 runs, an RT task is runnable. The FIFO-1 thread
 * (prio 1) runs after it: it waits, then moves 7 preempting nothing
 * (preempts []); the callback's target is preempted by the RT task (the
 * RFC's own case): 7 switches out runnable and moves.
 * rt-curr-target: the RT task runs; the stopper preempts it (["rt"] at
 * decision and at execution).
 * rt-pending-race: race {target_running: true} only: rt_nr_runnable 1,
 * nr_running 2 (7 + the RT task) > 1: the callback moves 7.
 */
static void test_default_state_keeps_rt(void **state)
{
	struct mrun x;
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		mrun(&x, "default-state-ignores-rt-rt-pending", both[i], false);
		assert_int_equal(x.st.curr_class, EAS_CLASS_CFS);
		assert_int_equal(x.st.rt_nr_runnable, 1);
		assert_int_equal(x.st.nr_running, 2);
		assert_false(x.d[EAS_MECH_FIFO1_THREAD].preempts_cfs);
		assert_false(x.r[EAS_MECH_FIFO1_THREAD].ran);
		assert_int_equal(x.r[EAS_MECH_FIFO1_THREAD].reason,
				 EAS_MECH_WAITING);
		assert_true(x.waited);
		assert_true(x.after.moved);
		assert_int_equal(x.after.task_id, 7);
		assert_false(x.after.preempted_cfs);
		assert_int_equal(x.so, EAS_SWITCH_OUT_PREEMPTED_BY_RT);
		assert_true(x.r[EAS_MECH_BALANCE_CALLBACK].moved);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].task_id, 7);
		mrun_free(&x);

		mrun(&x, "rt-curr-target", both[i], false);
		assert_true(x.d[EAS_MECH_STOPPER].preempts_rt);
		assert_false(x.d[EAS_MECH_STOPPER].preempts_cfs);
		assert_true(x.r[EAS_MECH_STOPPER].preempted_rt);
		assert_false(x.r[EAS_MECH_STOPPER].preempted_cfs);
		assert_int_equal(x.r[EAS_MECH_FIFO1_THREAD].reason,
				 EAS_MECH_WAITING);
		assert_false(x.d[EAS_MECH_FIFO1_THREAD].preempts_cfs);
		mrun_free(&x);

		mrun(&x, "default-state-ignores-rt-rt-pending-race", both[i],
		     false);
		assert_int_equal(x.st.rt_nr_runnable, 1);
		assert_int_equal(x.st.nr_running, 2);
		assert_true(x.r[EAS_MECH_BALANCE_CALLBACK].moved);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].task_id, 7);
		mrun_free(&x);
	}
}

/*
 * A pass that starts nothing leaves busiest->active_balance alone: v5.4
 * load_balance() / v6.19 sched_balance_rq() write it to 1 only inside
 * "if (!busiest->active_balance)" after the curr->cpus_ptr test, and
 * out_balanced / out_one_pinned never touch it. not-started: task 7 (util
 * 500) fits CPU 0: not_reached; curr-pinned (v5.4): misfit, the kick gives
 * up curr_pinned. The flag stays false (busiest_active_balance default);
 * true only when it was set (already_active).
 */
static void test_not_started_active_balance(void **state)
{
	struct mrun x;
	unsigned i, m;

	(void)state;
	for (i = 0; i < 2; i++) {
		mrun(&x, "not-started-active-balance-after", both[i], false);
		for (m = 0; m < EAS_MECH_COUNT; m++) {
			assert_int_equal(x.d[m].reason, EAS_MECH_NOT_REACHED);
			assert_false(x.r[m].ran);
			/* the decision's reason, repeated */
			assert_int_equal(x.r[m].reason, EAS_MECH_NOT_REACHED);
			assert_false(x.r[m].active_balance_after);
		}
		mrun_free(&x);
	}
	mrun(&x, "not-started-active-balance-after-curr-pinned",
	     EAS_KERNEL_V5_4, false);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		assert_int_equal(x.d[m].reason, EAS_MECH_CURR_PINNED);
		assert_false(x.r[m].active_balance_after);
	}
	mrun_free(&x);
	/* the misfit kick on a src whose flag is already set */
	mrun(&x, "default-state-ignores-rt-rt-pending", EAS_KERNEL_V6_19, true);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		assert_int_equal(x.d[m].reason, EAS_MECH_ALREADY_ACTIVE);
		assert_true(x.r[m].active_balance_after);
	}
	mrun_free(&x);
}

/*
 * The FIFO-1 thread after the RT work: task 7 blocked and an RT task runs
 * (race nr_running 1 = the RT task). Once it is gone rq->nr_running is 0
 * plus the thread: "if (busiest_rq->nr_running <= 1) goto out_unlock"
 * (active_load_balance_cpu_stop(), v5.4 and v6.19): nothing moves, the
 * flag is cleared. The stopper in the same state preempts the RT task and
 * walks rq->cfs_tasks (detach_one_task(): list_for_each_entry_reverse),
 * which the blocked task 7 has left (account_entity_dequeue()):
 * no_movable_task.
 */
static void test_fifo1_after_rt(void **state)
{
	struct mrun x;
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		mrun(&x, "fifo1-after-rt-nr-running", both[i], false);
		assert_int_equal(x.r[EAS_MECH_FIFO1_THREAD].reason,
				 EAS_MECH_WAITING);
		assert_true(x.waited);
		assert_true(x.after.ran);
		assert_false(x.after.moved);
		assert_int_equal(x.after.reason, EAS_MECH_NR_RUNNING_LE1);
		assert_false(x.after.active_balance_after);
		assert_true(x.r[EAS_MECH_STOPPER].ran);
		assert_false(x.r[EAS_MECH_STOPPER].moved);
		assert_int_equal(x.r[EAS_MECH_STOPPER].reason,
				 EAS_MECH_NO_MOVABLE_TASK);
		assert_true(x.r[EAS_MECH_STOPPER].preempted_rt);
		mrun_free(&x);
	}
}

/*
 * src CPU 0 is deactivated before task 7 switches out (race src_active
 * false, rt_wakes). v6.19 core.c sched_cpu_deactivate() calls
 * balance_push_set(cpu, true), which assigns rq->balance_callback =
 * &balance_push_callback: the RFC's queued callback is dropped, never
 * runs, and its out_unlock (busiest_rq->active_balance = 0) is never
 * reached. v5.4 has no balance_push: the callback runs at the next
 * __schedule() and leaves at "!cpu_active(busiest_cpu)". The stopper
 * (and the FIFO-1 per-CPU kthread, which balance_push leaves alone) run
 * and leave at the same test in both flavours.
 */
static void test_callback_lost_on_deactivate(void **state)
{
	struct mrun x;
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		bool v619 = both[i] == EAS_KERNEL_V6_19;
		const struct eas_mech_result *cb =
			&x.r[EAS_MECH_BALANCE_CALLBACK];

		mrun(&x, "callback-lost-on-deactivate", both[i], false);
		assert_true(x.d[EAS_MECH_BALANCE_CALLBACK].started);
		assert_int_equal(cb->ran, !v619);
		assert_false(cb->moved);
		assert_int_equal(cb->reason, EAS_MECH_CPU_INACTIVE);
		assert_int_equal(cb->active_balance_after, v619);
		assert_true(x.r[EAS_MECH_STOPPER].ran);
		assert_int_equal(x.r[EAS_MECH_STOPPER].reason,
				 EAS_MECH_CPU_INACTIVE);
		assert_false(x.r[EAS_MECH_STOPPER].active_balance_after);
		assert_true(x.after.ran);
		assert_int_equal(x.after.reason, EAS_MECH_CPU_INACTIVE);
		mrun_free(&x);
	}
}

/*
 * Contract decisions (docs/formats.md "eas balance", docs/balance.md §4):
 * - the race's target fields describe busiest->curr at decision time for
 *   all three mechanisms: for the stopper / FIFO-1 thread a target that
 *   blocked, migrated or left CFS is not on rq->cfs_tasks, which
 *   detach_one_task() walks (v5.4 / v6.19 fair.c); a changed affinity is
 *   its cpus_ptr there (v6.19 LBF_ACTIVE_LB / v5.4 LBF_DST_PINNED: a task
 *   not allowed on dst is skipped);
 * - a callback target can_migrate_task() refuses for a reason other than
 *   affinity (throttled_lb_pair()) gives up no_movable_task (the RFC's
 *   alb_failed: nothing moved), target_not_allowed is the affinity test;
 * - the stop class preempts a DL task: preempts / preempted list "dl";
 * - a DL curr at decision: the stopper predicts ["dl"], the FIFO-1 thread
 *   waits for it, then moves 7 (nr_running 2 - the DL task = 1, + the
 *   thread).
 */
static void test_contract_decisions(void **state)
{
	struct mrun x;
	struct eas_busiest_state st;
	struct eas_mech_result r;
	eas_mask_word little[1] = { 0x0f };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		mrun(&x, "contract-ambiguities-target-blocked", both[i], false);
		assert_false(x.r[EAS_MECH_STOPPER].moved);
		assert_int_equal(x.r[EAS_MECH_STOPPER].reason,
				 EAS_MECH_NO_MOVABLE_TASK);
		mrun_free(&x);

		/* the misfit kick with nothing else on src: a target that
		 * migrated, or whose affinity dropped dst */
		mrun(&x, "default-state-ignores-rt-rt-pending", both[i], false);
		st = x.st;
		assert_int_equal(eas_mech_execute(&x.sys, &x.b.env,
						  &x.d[EAS_MECH_STOPPER], &st,
						  &r),
				 EAS_OK);
		assert_true(r.moved);
		st.target_cpu = 1;
		eas_mech_execute(&x.sys, &x.b.env, &x.d[EAS_MECH_STOPPER], &st,
				 &r);
		assert_int_equal(r.reason, EAS_MECH_NO_MOVABLE_TASK);
		st = x.st;
		st.target_allowed = little;
		eas_mech_execute(&x.sys, &x.b.env, &x.d[EAS_MECH_STOPPER], &st,
				 &r);
		assert_int_equal(r.reason, EAS_MECH_NO_MOVABLE_TASK);
		st = x.st;
		st.target_class = EAS_CLASS_RT; /* sched_setscheduler() */
		eas_mech_execute(&x.sys, &x.b.env, &x.d[EAS_MECH_FIFO1_THREAD],
				 &st, &r);
		assert_int_equal(r.reason, EAS_MECH_WAITING);
		eas_busiest_state_rt_done(&st);
		eas_mech_execute(&x.sys, &x.b.env, &x.d[EAS_MECH_FIFO1_THREAD],
				 &st, &r);
		assert_int_equal(r.reason, EAS_MECH_NO_MOVABLE_TASK);
		mrun_free(&x);

		mrun(&x, "contract-ambiguities-throttled-target", both[i],
		     false);
		assert_true(x.r[EAS_MECH_BALANCE_CALLBACK].ran);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].reason,
				 EAS_MECH_NO_MOVABLE_TASK);
		mrun_free(&x);

		mrun(&x, "contract-ambiguities-dl", both[i], false);
		assert_true(x.r[EAS_MECH_STOPPER].preempted_dl);
		assert_false(x.r[EAS_MECH_STOPPER].preempted_rt);
		assert_true(x.r[EAS_MECH_STOPPER].moved);
		mrun_free(&x);

		mrun(&x, "dl-curr", both[i], false);
		assert_int_equal(x.d[EAS_MECH_STOPPER].curr_class,
				 EAS_CLASS_DL);
		assert_true(x.d[EAS_MECH_STOPPER].preempts_dl);
		assert_false(x.d[EAS_MECH_STOPPER].preempts_rt);
		assert_true(x.r[EAS_MECH_STOPPER].preempted_dl);
		assert_int_equal(x.st.nr_running, 2);
		assert_int_equal(x.st.rt_nr_runnable, 0);
		assert_int_equal(x.r[EAS_MECH_FIFO1_THREAD].reason,
				 EAS_MECH_WAITING);
		assert_true(x.after.moved);
		assert_int_equal(x.after.task_id, 7);
		/* the DL target blocks: 7 is left alone on src */
		assert_int_equal(x.so, EAS_SWITCH_OUT_BLOCKS);
		assert_int_equal(x.r[EAS_MECH_BALANCE_CALLBACK].reason,
				 EAS_MECH_NR_RUNNING_LE1);
		mrun_free(&x);
	}
	assert_string_equal(eas_switch_out_name(EAS_SWITCH_OUT_BLOCKS),
			    "target_blocks");
	assert_string_equal(eas_switch_out_name(EAS_SWITCH_OUT_PREEMPTED_BY_RT),
			    "target_preempted_by_rt");
	assert_null(eas_switch_out_name(EAS_SWITCH_OUT_NONE));
}

/* `eas balance --json` of a tests/data/balance scenario (v6.19). */
static char *balance_json(const char *name)
{
	char cmd[1024];
	size_t cap = 1 << 16, n = 0, k;
	char *buf = malloc(cap);
	FILE *p;

	assert_non_null(buf);
	snprintf(cmd, sizeof(cmd),
		 "'%s/tools/eas' balance '%s/tests/data/balance/mt8183.json' "
		 "'%s/tests/data/balance/%s.json' --kernel v6.19 --json",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR, name);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0)
		n += k;
	buf[n] = 0;
	assert_int_equal(pclose(p), 0);
	return buf;
}

static void expect(const char *out, const char *s)
{
	if (!strstr(out, s)) {
		fprintf(stderr, "missing %s in\n%s\n", s, out);
		fail();
	}
}

/* The printed contract: an RT target is never moved ("moves": null, not a
 * phantom task 0); a DL task preempted by the stopper is "dl"; the race
 * printed keeps the RT task runnable at decision; the no-race switch-out
 * of a CFS target with an RT task runnable is target_preempted_by_rt; a
 * mechanism never started reports active_balance_after false. */
static void test_balance_cli(void **state)
{
	char *out;

	(void)state;
	out = balance_json("rt-curr-target");
	expect(out, "\"balance_callback\":{\"started\":true,\"gave_up\":null,"
		    "\"moves\":null,");
	expect(out, "\"assumption\":\"target_blocks\"");
	free(out);
	out = balance_json("dl-curr");
	expect(out, "\"stopper\":{\"started\":true,\"gave_up\":null,"
		    "\"moves\":7,");
	expect(out, "\"preempted\":[\"dl\"]");
	free(out);
	out = balance_json("default-state-ignores-rt-rt-pending-race");
	expect(out, "\"race\":{\"curr_class\":\"cfs\",\"rt_nr_runnable\":1,"
		    "\"nr_running\":2,");
	free(out);
	out = balance_json("default-state-ignores-rt-rt-pending");
	expect(out, "\"assumption\":\"target_preempted_by_rt\"");
	free(out);
	out = balance_json("not-started-active-balance-after");
	expect(out, "\"gave_up\":\"not_reached\",\"preempted\":[],"
		    "\"context_switches\":0,\"active_balance_after\":false}");
	free(out);
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
		cmocka_unit_test(test_rt_curr_target),
		cmocka_unit_test(test_default_state_keeps_rt),
		cmocka_unit_test(test_not_started_active_balance),
		cmocka_unit_test(test_fifo1_after_rt),
		cmocka_unit_test(test_callback_lost_on_deactivate),
		cmocka_unit_test(test_contract_decisions),
		cmocka_unit_test(test_balance_cli),
		cmocka_unit_test(test_loader_errors),
		cmocka_unit_test(test_loader_error_location),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
