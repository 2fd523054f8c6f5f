/* SPDX-License-Identifier: MIT */
/*
 * Load balance: golden cases for every need_active_balance() rule of both
 * flavours, misfit detection, overutilization events, can_migrate_task()
 * with the injectable clock, and the full load-balance pass on the
 * kernel-eas.md §7 2x2 platform (CPUs 0,1 little 512; 2,3 big 1024;
 * MC {0,1} {2,3}, PKG {0-3}). Every expected number is derived by hand in
 * the comment above its case (docs/balance.md walks through them).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libeas/balance.h>
#include <libeas/error.h>

#include "fixtures.h"
#include "lb_fixture.h"

static void mask_only(eas_mask_word *m, uint32_t a, int32_t b)
{
	m[0] = 0;
	eas_mask_set(m, a);
	if (b >= 0)
		eas_mask_set(m, (uint32_t)b);
}

static void env_setup(struct tsys *t, uint32_t src, uint32_t dst,
		      enum eas_lb_idle idle, uint32_t nr_tasks, uint32_t curr)
{
	eas_lb_env_init(&t->env, src, dst);
	t->env.idle = idle;
	t->env.src_tasks = t->tasks;
	t->env.nr_src_tasks = nr_tasks;
	t->env.src_curr_id = 100u + curr;
	t->env.src_curr_allowed = t->tasks[curr].task.cpus_allowed;
}

static void run_lb(struct tsys *t, struct eas_lb_result *res)
{
	struct eas_sg_stats g[NCPU];
	struct eas_can_migrate cm[4];

	assert_int_equal(eas_load_balance(&t->sys, &t->env, g, NCPU, cm, res),
			 EAS_OK);
	res->groups = NULL;
	res->can_migrate = NULL;
}

/* ---------------------------------------------------------------------- */

/*
 * Misfit, v6.19: a task of util 500 on little CPU 0 (capacity 512):
 * fits_capacity(500, 512) = 640000 < 524288 is false -> misfit, load
 * max(h_load 500, 1) = 500. PKG balance from idle big CPU 2: groups
 * {2,3} (local, has_spare) then {0,1} (misfit_task); migrate_misfit,
 * imbalance 1, busiest CPU 0, rule misfit; the failure counter is not
 * incremented for migrate_misfit.
 */
static void test_misfit_v619(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_sg_stats g[NCPU];
	struct eas_lb_task *p;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	p = add_task(&t, 0, 0, 500, true);
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	assert_int_equal(t.rq[0].misfit_task_load, 500);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, g, NCPU, NULL, &res),
			 EAS_OK);
	assert_int_equal(res.level, 1);
	assert_int_equal(res.nr_groups, 2);
	assert_int_equal(g[0].first_cpu, 2);
	assert_true(g[0].local);
	assert_int_equal(g[0].group_type, EAS_GROUP_HAS_SPARE);
	assert_int_equal(g[1].first_cpu, 0);
	assert_int_equal(g[1].group_type, EAS_GROUP_MISFIT_TASK);
	assert_int_equal(g[1].group_misfit_task_load, 500);
	assert_int_equal(res.busiest_group, 1);
	assert_int_equal(res.migration_type, EAS_MIGRATE_MISFIT);
	assert_int_equal(res.imbalance, 1);
	assert_int_equal(res.busiest_cpu, 0);
	assert_true(res.reached);
	assert_true(res.need_active_balance);
	assert_int_equal(res.rule, EAS_LB_RULE_MISFIT);
	assert_string_equal(eas_lb_rule_name(res.rule), "misfit");
	assert_int_equal(res.nr_balance_failed_seen, 0);
	assert_true(res.kick);
	assert_int_equal(res.detach_one_index, 0);
	assert_true(res.overutilized); /* 500 does not fit 512 */
	tsys_free(&t);
}

/*
 * Misfit, v5.4: misfit load = task_h_load = 500. Group {0,1}: load 500,
 * capacity 1024, avg_load 500; sds avg = 1024 * 500 / 2048 = 250;
 * max_pull = 250, imbalance = min(250 * 1024, 250 * 2048) / 1024 = 250,
 * boosted to the misfit load 500. find_busiest_queue() seeks the biggest
 * misfit: CPU 0. The failure counter is incremented (5.4) and the kick
 * sets it to cache_nice_tries + 1 = 2.
 */
static void test_misfit_v54(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_sg_stats g[NCPU];
	struct eas_lb_task *p;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	p = add_task(&t, 0, 0, 500, true);
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	assert_int_equal(t.rq[0].misfit_task_load, 500);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, g, NCPU, NULL, &res),
			 EAS_OK);
	assert_int_equal(g[0].group_type, EAS_GROUP_OTHER);
	assert_int_equal(g[1].group_type, EAS_GROUP_MISFIT_TASK);
	assert_int_equal(g[1].avg_load, 500);
	assert_int_equal(res.src_grp_type, EAS_GROUP_MISFIT_TASK);
	assert_int_equal(res.imbalance, 500);
	assert_int_equal(res.busiest_cpu, 0);
	assert_true(res.reached);
	assert_int_equal(res.rule, EAS_LB_RULE_MISFIT);
	assert_int_equal(res.nr_balance_failed_seen, 1);
	assert_int_equal(res.nr_balance_failed_after, 2);
	tsys_free(&t);
}

/* Misfit load 0 cases: v6.19 pinned (nr_cpus_allowed 1), allowed only on
 * the littles (max_allowed_capacity 512 == capacity), task that fits
 * (300 * 1280 = 384000 < 524288); on a big CPU; v5.4 ignores affinity
 * and returns task_h_load even when it is 0. */
static void test_misfit_rules(void **state)
{
	struct tsys t;
	struct eas_task p;
	eas_mask_word m[1];

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	eas_task_init(&p);
	p.util_avg = p.util_est = 500;
	p.h_load = 0;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 1);
	p.h_load = 700;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 700);
	assert_int_equal(eas_update_misfit_status(&t.sys, NULL, 0), 0);
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 2), 0);
	mask_only(m, 0, -1);
	p.cpus_allowed = m;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 0);
	mask_only(m, 0, 1);
	assert_int_equal(eas_task_max_allowed_capacity(t.pf, m), 512);
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 0);
	mask_only(m, 0, 3);
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 700);
	p.cpus_allowed = NULL;
	p.util_avg = p.util_est = 300;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 0);
	/* rq->misfit_task_load read by check_misfit_status(): v6.19 != 0 */
	t.rq[0].misfit_task_load = 3;
	assert_true(eas_check_misfit_status(&t.sys, 0, 125));
	t.rq[0].misfit_task_load = 0;
	assert_false(eas_check_misfit_status(&t.sys, 0, 125));
	tsys_free(&t);

	tsys_init(&t, EAS_KERNEL_V5_4);
	eas_task_init(&p);
	p.util_avg = 500;
	p.util_est_ewma = p.util_est_enqueued = 500;
	p.h_load = 0;
	mask_only(m, 0, -1);
	p.cpus_allowed = m;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 0);
	p.h_load = 9;
	assert_int_equal(eas_update_misfit_status(&t.sys, &p, 0), 9);
	/* v5.4 check_misfit_status(): little (512 < max 1024) -> true;
	 * big only with reduced capacity (capacity_of * pct < 1024 * 100) */
	t.rq[0].misfit_task_load = 9;
	t.rq[2].misfit_task_load = 9;
	assert_true(eas_check_misfit_status(&t.sys, 0, 125));
	assert_false(eas_check_misfit_status(&t.sys, 2, 125));
	t.rq[2].rt_util_avg = 300; /* capacity_of 724: 90500 < 102400 */
	assert_true(eas_check_misfit_status(&t.sys, 2, 125));
	assert_true(eas_check_cpu_capacity(&t.sys, 2, 125));
	assert_false(eas_check_cpu_capacity(&t.sys, 2, 142)); /* 102808 */
	tsys_free(&t);
}

/*
 * Reduced capacity, v6.19, MC {2,3}: CPU 2 has RT pressure 400
 * (capacity_of 624) and one CFS task of load 100; CPU 3 idle.
 * check_cpu_capacity: 624 * 117 = 73008 < 102400; 73008 < 1024 * 100.
 * Not overutilized, but sched_reduced_capacity() makes group {2} a
 * misfit_task group (load 100) before the EAS early exit: migrate_load,
 * imbalance 100; rule reduced_capacity.
 */
static void test_reduced_capacity_v619(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	add_task(&t, 2, 0, 100, true);
	t.rq[2].rt_util_avg = 400;
	env_setup(&t, 2, 3, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_int_equal(res.level, 0);
	assert_false(res.overutilized);
	assert_int_equal(res.src_grp_type, EAS_GROUP_MISFIT_TASK);
	assert_int_equal(res.migration_type, EAS_MIGRATE_LOAD);
	assert_int_equal(res.imbalance, 100);
	assert_int_equal(res.busiest_cpu, 2);
	assert_true(res.reached);
	assert_int_equal(res.rule, EAS_LB_RULE_REDUCED_CAPACITY);
	/* busy destination: no reduced-capacity rule */
	t.env.idle = EAS_LB_NOT_IDLE;
	run_lb(&t, &res);
	assert_false(res.need_active_balance);
	tsys_free(&t);
}

/*
 * Reduced capacity, v5.4: overutilized by CPU 0 (util 450 on 512:
 * 576000 >= 524288). MC {2,3} newly idle: avg_load {2} = 100 * 1024 / 624
 * = 164; sds avg = 1024 * 100 / 1648 = 62; 100 * 164 > 117 * 0 ->
 * imbalance min(102 * 624, 62 * 1024) / 1024 = 62 < load_per_task 100 ->
 * fix_small_imbalance(): scaled 164, 164 + 164 >= 0 + 2 * 164 ->
 * imbalance 100. With CPU_IDLE the idle-CPU test balances instead.
 */
static void test_reduced_capacity_v54(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	add_task(&t, 2, 0, 100, true);
	t.rq[2].rt_util_avg = 400;
	t.rq[0].util_avg = 450;
	t.rq[0].nr_running = 1;
	t.rq[0].idle = false;
	env_setup(&t, 2, 3, EAS_LB_NEWLY_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_true(res.overutilized);
	assert_int_equal(res.src_grp_type, EAS_GROUP_OTHER);
	assert_int_equal(res.imbalance, 100);
	assert_int_equal(res.busiest_cpu, 2);
	assert_true(res.reached);
	assert_int_equal(res.rule, EAS_LB_RULE_REDUCED_CAPACITY);
	assert_int_equal(res.nr_balance_failed_seen, 0); /* newidle */
	t.env.idle = EAS_LB_IDLE;
	run_lb(&t, &res);
	assert_int_equal(res.balanced, EAS_LB_BALANCED_IDLE_CPUS);
	assert_false(res.reached);
	/* not overutilized: EAS keeps the periodic balance out */
	t.rq[0].util_avg = 100;
	t.env.idle = EAS_LB_NEWLY_IDLE;
	run_lb(&t, &res);
	assert_false(res.overutilized);
	assert_int_equal(res.balanced, EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED);
	tsys_free(&t);
}

/*
 * Failed balance. Big CPU 2 runs A (util 50, allowed everywhere) with B
 * (util 50) queued but pinned to CPU 2; detach_tasks() moves nothing and
 * A clears LBF_ALL_PINNED. v6.19, dst 3 idle: sibling_imbalance 2 >> 1 =
 * 1 task, migrate_task; nr_balance_failed 3 -> 4 > 1 + 2: failed_balance.
 * Newly idle does not increment: 3 is not > 3.
 */
static void test_failed_balance_v619(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	t.sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(&t, 2, 0, 50, true);
	add_task(&t, 2, 1, 50, false);
	mask_only(t.mask[1], 2, -1);
	t.tasks[1].task.cpus_allowed = t.mask[1];
	env_setup(&t, 2, 3, EAS_LB_IDLE, 2, 0);
	t.env.nr_balance_failed = 3;
	run_lb(&t, &res);
	assert_int_equal(res.migration_type, EAS_MIGRATE_TASK);
	assert_int_equal(res.imbalance, 1);
	assert_int_equal(res.busiest_cpu, 2);
	assert_int_equal(res.nr_detached, 0);
	assert_false(res.all_pinned);
	assert_true(res.reached);
	assert_int_equal(res.nr_balance_failed_seen, 4);
	assert_int_equal(res.rule, EAS_LB_RULE_FAILED_BALANCE);
	assert_true(res.kick);
	/* the stopper would take A: B is pinned (LBF_ACTIVE_LB: no
	 * new_dst_cpu search) */
	assert_int_equal(res.detach_one_index, 0);

	t.env.idle = EAS_LB_NEWLY_IDLE;
	run_lb(&t, &res);
	assert_int_equal(res.nr_balance_failed_seen, 3);
	assert_int_equal(res.rule, EAS_LB_RULE_NONE);
	t.env.idle = EAS_LB_IDLE;
	t.env.nr_balance_failed = 2; /* 3 is not > 3 */
	run_lb(&t, &res);
	assert_int_equal(res.rule, EAS_LB_RULE_NONE);
	/* both tasks pinned: LBF_ALL_PINNED, never reaches the kick */
	t.env.nr_balance_failed = 3;
	mask_only(t.mask[0], 2, -1);
	t.tasks[0].task.cpus_allowed = t.mask[0];
	run_lb(&t, &res);
	assert_true(res.all_pinned);
	assert_false(res.reached);
	tsys_free(&t);
}

/*
 * Failed balance, v5.4, dst 3 busy (one task util 50): avg {3} 50, {2}
 * 100, sds 75; 100 * 100 > 117 * 50 -> imbalance min(25 * 1024,
 * 25 * 1024) / 1024 = 25 < load_per_task 50 -> fix_small_imbalance():
 * 100 + 50 >= 50 + 2 * 50 -> 50. Nothing detached; 3 -> 4 > 3.
 */
static void test_failed_balance_v54(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	t.sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(&t, 2, 0, 50, true);
	add_task(&t, 2, 1, 50, false);
	mask_only(t.mask[1], 2, -1);
	t.tasks[1].task.cpus_allowed = t.mask[1];
	t.rq[3].runnable_load_avg = 50;
	t.rq[3].util_avg = 50;
	t.rq[3].nr_running = 1;
	t.rq[3].h_nr_running = 1;
	t.rq[3].idle = false;
	env_setup(&t, 2, 3, EAS_LB_NOT_IDLE, 2, 0);
	t.env.nr_balance_failed = 3;
	run_lb(&t, &res);
	assert_int_equal(res.imbalance, 50);
	assert_int_equal(res.busiest_cpu, 2);
	assert_true(res.reached);
	assert_int_equal(res.rule, EAS_LB_RULE_FAILED_BALANCE);
	assert_int_equal(res.nr_balance_failed_after, 2);
	tsys_free(&t);
}

/*
 * v5.4 calculate_imbalance() with both groups overloaded, on the 2x2 big
 * MC {2,3}: CPU 2 load 9000 (2 tasks, util 1000), CPU 3 load 1400 (2
 * tasks, util 950), dst 3 busy. sds avg = 1024 * 10400 / 2048 = 5200;
 * load_above_capacity = (2 * 1024 - 1024) * 1024 / 1024 = 1024 caps
 * max_pull (9000 - 5200 = 3800) at 1024: imbalance = min(1024 * 1024,
 * (5200 - 1400) * 1024) / 1024 = 1024 < load_per_task 4500 ->
 * fix_small_imbalance(): busiest lpt 4500 > local 700 -> imbn 1; scaled
 * 4500; 9000 + 4500 >= 1400 + 4500 -> imbalance 4500. No task moves
 * (h_load 4500 / 2 > 4500 is false for the queued one, but it is pinned),
 * so the counter decides: 0 -> 1, not > 3.
 */
static void test_v54_overloaded_imbalance(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	t.sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(&t, 2, 0, 500, true);
	add_task(&t, 2, 1, 500, false);
	t.rq[2].runnable_load_avg = 9000;
	t.rq[2].util_avg = 1000;
	t.tasks[0].task.h_load = 4500;
	t.tasks[1].task.h_load = 4500;
	mask_only(t.mask[1], 2, -1);
	t.tasks[1].task.cpus_allowed = t.mask[1];
	t.rq[3].runnable_load_avg = 1400;
	t.rq[3].util_avg = 950;
	t.rq[3].nr_running = 2;
	t.rq[3].h_nr_running = 2;
	t.rq[3].idle = false;
	env_setup(&t, 2, 3, EAS_LB_NOT_IDLE, 2, 0);
	run_lb(&t, &res);
	assert_int_equal(res.src_grp_type, EAS_GROUP_OVERLOADED);
	assert_int_equal(res.imbalance, 4500);
	assert_int_equal(res.busiest_cpu, 2);
	assert_true(res.reached);
	assert_int_equal(res.rule, EAS_LB_RULE_NONE);
	tsys_free(&t);

	/* same landscape, v6.19: both groups overloaded, migrate_load with
	 * the plain formula min((9000 - 5200) * 1024, (5200 - 1400) * 1024)
	 * / 1024 = 3800 (no load_above_capacity, no fix-up) */
	tsys_init(&t, EAS_KERNEL_V6_19);
	t.sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(&t, 2, 0, 500, true);
	add_task(&t, 2, 1, 500, false);
	t.rq[2].load_avg = 9000;
	t.rq[2].util_avg = t.rq[2].runnable_avg = 1000;
	t.tasks[0].task.h_load = 4500;
	t.tasks[1].task.h_load = 4500;
	mask_only(t.mask[1], 2, -1);
	t.tasks[1].task.cpus_allowed = t.mask[1];
	t.rq[3].load_avg = 1400;
	t.rq[3].util_avg = t.rq[3].runnable_avg = 950;
	t.rq[3].nr_running = 2;
	t.rq[3].h_nr_running = 2;
	t.rq[3].idle = false;
	env_setup(&t, 2, 3, EAS_LB_NOT_IDLE, 2, 0);
	run_lb(&t, &res);
	assert_int_equal(res.src_grp_type, EAS_GROUP_OVERLOADED);
	assert_int_equal(res.migration_type, EAS_MIGRATE_LOAD);
	assert_int_equal(res.imbalance, 3800);
	assert_int_equal(res.busiest_cpu, 2);
	assert_true(res.reached);
	tsys_free(&t);
}

/*
 * v7.1 group_is_overloaded() (7.1.3 fair.c): "if (sched_energy_enabled()
 * && !sgs->group_overutilized) return false" before the 6.19 tests;
 * update_sg_lb_stats() sets group_overutilized when cpu_overutilized(i).
 * PKG pass from idle big CPU 3 (2x2, EAS on). Little CPU 0 runs 3 tasks
 * of util 120 (the first running), rq runnable_avg 1300; CPU 1 one task
 * of util 100; big CPU 2 one task of util 900 (overutilized: 900 * 1280 =
 * 1152000 > 1024 * 1024), so the root domain is overutilized and the
 * pass is not cut short by "EAS and not overutilized".
 * Local {2,3}: nr 1 < 2, has_spare, idle_cpus 1, util 900, cap 2048.
 * Little {0,1}: nr 4 > 2, cap 1024, util 460 (460 * 117 = 53820 < 102400),
 * runnable 1400: 1024 * 117 = 119808 < 140000. No little CPU is
 * overutilized (360 * 1280 = 460800 < 512 * 1024).
 * - v6.19: group_overloaded (runnable test); avg_load 460 * 1024 / 1024;
 *   calculate_imbalance(): local has_spare, busiest > fully_busy, PKG not
 *   SD_SHARE_LLC: migrate_util, imbalance max(2048, 900) - 900 = 1148;
 *   find_src_rq (util): CPU 0 min(max(360, 1300), 512) = 512 > CPU 1's
 *   100; detach_tasks() moves the two queued tasks (120 <= 1148, 120 <=
 *   1028) and stops at nr_running 1 (the running one cannot move anyway).
 * - v7.1: no overutilized CPU in {0,1}: not overloaded; has_capacity fails
 *   on runnable: group_fully_busy. sched_balance_find_src_group(): busiest
 *   != overloaded, env->idle, group_weight 2 > 1 and local idle_cpus 1 <=
 *   busiest idle_cpus 0 + 1: out_balanced (idle_cpus); nothing moves.
 * Control 1: tasks of util 150 make CPU 0 overutilized (450 * 1280 =
 * 576000 > 524288): group_overutilized = 1, overloaded in both flavours,
 * the v6.19 answer (util 550: 550 * 117 = 64350 < 102400 still, so the
 * runnable test decides; imbalance 1148, CPU 0).
 * Control 2: EAS off (sysctl): sched_energy_enabled() is false, the gate
 * is inactive and v7.1 = v6.19 (overloaded, migrate_util 1148, CPU 0).
 */
static void v71_gate_land(struct tsys *t, enum eas_kernel k, uint64_t util)
{
	tsys_init(t, k);
	add_task(t, 0, 0, util, true);
	add_task(t, 0, 1, util, false);
	add_task(t, 0, 2, util, false);
	t->rq[0].runnable_avg = 1300;
	add_task(t, 1, 3, 100, true);
	t->rq[2].util_avg = t->rq[2].util_est = 900;
	t->rq[2].runnable_avg = t->rq[2].load_avg = 900;
	t->rq[2].nr_running = t->rq[2].h_nr_running = 1;
	t->rq[2].idle = false;
	env_setup(t, 0, 3, EAS_LB_IDLE, 3, 0);
}

static void test_v71_overloaded_gate(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_sg_stats g[NCPU];
	int k, eas;

	(void)state;
	/* v6.19 */
	v71_gate_land(&t, EAS_KERNEL_V6_19, 120);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, g, NCPU, NULL, &res),
			 EAS_OK);
	assert_true(res.overutilized);
	assert_int_equal(res.busiest_group, 1);
	assert_int_equal(g[1].first_cpu, 0);
	assert_int_equal(g[1].group_type, EAS_GROUP_OVERLOADED);
	assert_int_equal(g[1].avg_load, 460);
	assert_int_equal(res.migration_type, EAS_MIGRATE_UTIL);
	assert_int_equal(res.imbalance, 1148);
	assert_int_equal(res.busiest_cpu, 0);
	assert_int_equal(res.nr_detached, 2);
	tsys_free(&t);
	/* v7.1 */
	v71_gate_land(&t, EAS_KERNEL_V7_1, 120);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, g, NCPU, NULL, &res),
			 EAS_OK);
	assert_true(res.overutilized);
	assert_int_equal(g[1].first_cpu, 0);
	assert_int_equal(g[1].group_type, EAS_GROUP_FULLY_BUSY);
	assert_int_equal(res.busiest_group, -1);
	assert_int_equal(res.balanced, EAS_LB_BALANCED_IDLE_CPUS);
	assert_int_equal(res.busiest_cpu, -1);
	assert_int_equal(res.nr_detached, 0);
	assert_false(res.reached);
	tsys_free(&t);
	/* controls: CPU 0 overutilized (util 150), or EAS off */
	for (eas = 0; eas < 2; eas++) {
		for (k = EAS_KERNEL_V6_19; k <= EAS_KERNEL_V7_1; k++) {
			v71_gate_land(&t, (enum eas_kernel)k, eas ? 150 : 120);
			if (!eas)
				t.sys.features &= ~EAS_FEAT_ENERGY_AWARE;
			assert_int_equal(eas_load_balance(&t.sys, &t.env, g,
							  NCPU, NULL, &res),
					 EAS_OK);
			assert_int_equal(res.busiest_group, 1);
			assert_int_equal(g[1].group_type, EAS_GROUP_OVERLOADED);
			assert_int_equal(res.migration_type, EAS_MIGRATE_UTIL);
			assert_int_equal(res.imbalance, 1148);
			assert_int_equal(res.busiest_cpu, 0);
			tsys_free(&t);
		}
	}
}

/*
 * LBF_DST_PINNED retry (load_balance() more_balance): PKG balance from idle
 * big CPU 2; little CPU 0 (overloaded with CPU 1) runs A with B and C
 * queued, B allowed on {0, 3}, C on {0}. Neither can go to CPU 2, but B
 * makes CPU 3 of the local group {2,3} the new_dst_cpu and the retry
 * moves it there: no active balance is considered.
 */
static void test_dst_pinned_retry(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;
		struct eas_can_migrate cm[3];
		struct eas_sg_stats g[4];

		tsys_init(&t, ks[i]);
		t.sys.rd_overutilized = EAS_RD_OU_SET;
		add_task(&t, 0, 0, 300, true);
		add_task(&t, 0, 1, 300, false);
		add_task(&t, 0, 2, 300, false);
		mask_only(t.mask[1], 0, 3);
		t.tasks[1].task.cpus_allowed = t.mask[1];
		mask_only(t.mask[2], 0, -1);
		t.tasks[2].task.cpus_allowed = t.mask[2];
		/* CPU 1 busy too: cpu_util is capped at 512 per little, the
		 * group needs 512 + 400 = 912 > 1024 * 100 / pct */
		t.rq[1].util_avg = t.rq[1].runnable_avg = 400;
		t.rq[1].load_avg = t.rq[1].runnable_load_avg = 400;
		t.rq[1].nr_running = t.rq[1].h_nr_running = 1;
		t.rq[1].idle = false;
		env_setup(&t, 0, 2, EAS_LB_IDLE, 3, 0);
		assert_int_equal(
			eas_load_balance(&t.sys, &t.env, g, 4, cm, &res),
			EAS_OK);
		assert_int_equal(res.busiest_cpu, 0);
		assert_int_equal(cm[1].reason, EAS_CM_PINNED);
		assert_int_equal(cm[1].new_dst_cpu, 3);
		assert_true(cm[1].detached);
		assert_int_equal(res.nr_detached, 1);
		assert_false(res.reached);
		/* newly idle: no new_dst_cpu search, nothing moves */
		t.env.idle = EAS_LB_NEWLY_IDLE;
		assert_int_equal(
			eas_load_balance(&t.sys, &t.env, g, 4, cm, &res),
			EAS_OK);
		assert_int_equal(cm[1].new_dst_cpu, -1);
		assert_int_equal(res.nr_detached, 0);
		tsys_free(&t);
	}
}

/* need_active_balance() alone: v5.4 counts failures whatever the
 * imbalance kind, v6.19 only for migrate_task (e9b9734b7465); asym
 * packing needs a non-busy dst preferred to src. */
static void test_nab_direct(void **state)
{
	struct tsys t5, t6;
	struct eas_nab_input in;
	int32_t prio[NCPU] = { 0, 0, 5, 1 };

	(void)state;
	tsys_init(&t5, EAS_KERNEL_V5_4);
	tsys_init(&t6, EAS_KERNEL_V6_19);
	memset(&in, 0, sizeof(in));
	in.src_cpu = 2;
	in.dst_cpu = 3;
	in.idle = EAS_LB_NOT_IDLE;
	in.imbalance_pct = 117;
	in.cache_nice_tries = 1;
	in.nr_balance_failed = 4;
	in.migration_type = EAS_MIGRATE_LOAD;
	in.src_grp_type = EAS_GROUP_OVERLOADED;
	assert_int_equal(eas_need_active_balance(&t5.sys, &in),
			 EAS_LB_RULE_FAILED_BALANCE);
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_NONE);
	in.migration_type = EAS_MIGRATE_UTIL;
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_NONE);
	in.migration_type = EAS_MIGRATE_TASK;
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_FAILED_BALANCE);
	in.nr_balance_failed = 3;
	assert_int_equal(eas_need_active_balance(&t5.sys, &in),
			 EAS_LB_RULE_NONE);
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_NONE);

	/* asym packing: default priority -cpu prefers 2 over 3 */
	in.sd_flags = EAS_SD_ASYM_PACKING;
	in.src_cpu = 3;
	in.dst_cpu = 2;
	assert_int_equal(eas_need_active_balance(&t5.sys, &in),
			 EAS_LB_RULE_NONE); /* dst busy */
	in.idle = EAS_LB_NEWLY_IDLE;
	assert_int_equal(eas_need_active_balance(&t5.sys, &in),
			 EAS_LB_RULE_ASYM_PACKING);
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_ASYM_PACKING);
	in.src_cpu = 2;
	in.dst_cpu = 3;
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_NONE);
	in.asym_prio = prio; /* now 3 (prio 1) < 2 (prio 5) */
	in.src_cpu = 3;
	in.dst_cpu = 2;
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_ASYM_PACKING);
	in.sd_flags = 0;
	/* v5.4 misfit by group type; v6.19 by migration type */
	in.src_grp_type = EAS_GROUP_MISFIT_TASK;
	in.migration_type = EAS_MIGRATE_LOAD;
	assert_int_equal(eas_need_active_balance(&t5.sys, &in),
			 EAS_LB_RULE_MISFIT);
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_NONE);
	in.migration_type = EAS_MIGRATE_MISFIT;
	assert_int_equal(eas_need_active_balance(&t6.sys, &in),
			 EAS_LB_RULE_MISFIT);
	tsys_free(&t5);
	tsys_free(&t6);
}

/* Asym packing through the v6.19 pass: SD_ASYM_PACKING added on MC;
 * CPU 3 runs one task, CPU 2 (preferred) is idle: group {3} is
 * asym_packing, migrate_task with imbalance sum_h_nr_running 1; the
 * single-task CPU 3 is skipped by find_busiest_queue only when it is
 * preferred to dst (it is not). */
static void test_asym_packing_v619(void **state)
{
	struct tsys t;
	struct eas_lb_result res;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	t.sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(&t, 3, 0, 100, true);
	env_setup(&t, 3, 2, EAS_LB_IDLE, 1, 0);
	t.env.extra_sd_flags = EAS_SD_ASYM_PACKING;
	run_lb(&t, &res);
	assert_int_equal(res.src_grp_type, EAS_GROUP_ASYM_PACKING);
	assert_int_equal(res.migration_type, EAS_MIGRATE_TASK);
	assert_int_equal(res.imbalance, 1);
	assert_int_equal(res.busiest_cpu, 3);
	assert_int_equal(res.rule, EAS_LB_RULE_ASYM_PACKING);
	tsys_free(&t);
}

/* Overutilized flag: set on enqueue / tick; a new task's first enqueue
 * sets it in 5.4.0 only; the root balance rewrites (clears) it. */
static void test_overutilized_events(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;

		tsys_init(&t, ks[i]);
		t.rq[0].util_avg = 410; /* 410 * 1280 = 524800 >= 524288 */
		t.rq[1].util_avg = 409; /* 523520 < 524288 */
		assert_true(eas_cpu_overutilized(&t.sys, 0));
		assert_false(eas_cpu_overutilized(&t.sys, 1));
		assert_true(
			eas_overutilized_update(&t.sys, 0, EAS_OU_TICK, false));
		assert_true(eas_overutilized_update(&t.sys, 0, EAS_OU_ENQUEUE,
						    false));
		assert_false(
			eas_overutilized_update(&t.sys, 1, EAS_OU_TICK, false));
		assert_true(eas_overutilized_update(&t.sys, 1, EAS_OU_TICK,
						    true)); /* never cleared */
		assert_int_equal(eas_overutilized_update(
					 &t.sys, 0, EAS_OU_ENQUEUE_NEW, false),
				 ks[i] == EAS_KERNEL_V5_4);
		assert_true(eas_overutilized_root_update(&t.sys));
		t.rq[0].util_avg = 100;
		assert_false(eas_overutilized_root_update(&t.sys));
		/* EAS off (sysctl): v6.19 never sets it; v5.4 has no such
		 * test (nothing reads the flag without perf domains) */
		t.rq[0].util_avg = 500;
		t.sys.features &= ~EAS_FEAT_ENERGY_AWARE;
		assert_int_equal(
			eas_overutilized_update(&t.sys, 0, EAS_OU_TICK, false),
			ks[i] == EAS_KERNEL_V5_4);
		tsys_free(&t);
	}
}

/*
 * can_migrate_task() / task_hot(): clock_task 10 ms; migration cost
 * 500 us. exec_start 9.8 ms -> delta 200 us: hot; 9.4 ms: 600 us, cold.
 */
static void test_cache_hot(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	struct eas_can_migrate o;
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		bool v54 = ks[i] == EAS_KERNEL_V5_4;

		tsys_init(&t, ks[i]);
		add_task(&t, 2, 0, 100, true);
		add_task(&t, 2, 1, 100, false);
		env_setup(&t, 2, 3, EAS_LB_IDLE, 2, 0);
		t.tasks[1].task.exec_start = 9800000;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 1);
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 0, 0, &o);
		assert_false(o.ok);
		assert_int_equal(o.reason, EAS_CM_CACHE_HOT);
		assert_int_equal(o.hot, 1);
		/* failures > cache_nice_tries (MC: 1) */
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 1, 0, &o);
		assert_false(o.ok);
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 2, 0, &o);
		assert_true(o.ok);
		assert_true(o.cache_hot_ignored);
		/* the stopper: v5.4 LBF_DST_PINNED still honours hotness,
		 * v6.19 LBF_ACTIVE_LB ignores it */
		eas_can_migrate_task(
			&t.sys, &t.env, 1, EAS_LB_IDLE, 0,
			v54 ? EAS_LBF_DST_PINNED : EAS_LBF_ACTIVE_LB, &o);
		assert_int_equal(o.ok, !v54);
		{
			int32_t tk = 5;

			assert_int_equal(eas_detach_one_task(&t.sys, &t.env,
							     EAS_LBF_ACTIVE_LB,
							     &tk),
					 0);
			assert_int_equal(tk, v54 ? -1 : 1);
			/* bad arguments are an error, not "no task" */
			assert_int_equal(
				eas_detach_one_task(NULL, &t.env, 0, &tk),
				EAS_EINVAL);
			assert_int_equal(tk, -1);
			assert_int_equal(
				eas_detach_one_task(&t.sys, &t.env, 0, NULL),
				EAS_EINVAL);
			assert_int_equal(eas_task_hot(NULL, &t.env, 1),
					 EAS_EINVAL);
			assert_int_equal(eas_task_hot(&t.sys, &t.env, 99),
					 EAS_EINVAL);
		}
		/* cold */
		t.tasks[1].task.exec_start = 9400000;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 0);
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 0, 0, &o);
		assert_true(o.ok);
		assert_int_equal(o.hot, 0);
		/* exec_start in the future (clock behind): delta negative,
		 * signed compare -> hot */
		t.tasks[1].task.exec_start = 20000000;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 1);
		/* sysctl -1 / 0 */
		t.tasks[1].task.exec_start = 0;
		t.env.migration_cost_ns = EAS_MIGRATION_COST_ALWAYS_HOT;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 1);
		t.env.migration_cost_ns = 0;
		t.tasks[1].task.exec_start = 9999999;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 0);
		t.env.migration_cost_ns = EAS_MIGRATION_COST_DEFAULT_NS;
		/* CACHE_HOT_BUDDY: next buddy hot only if dst has tasks */
		t.tasks[1].task.exec_start = 0;
		t.tasks[1].next_buddy = true;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 0);
		t.rq[3].nr_running = 1;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 1);
		t.tasks[1].next_buddy = false;
		t.tasks[1].last_buddy = true; /* 5.4 only */
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), v54 ? 1 : 0);
		t.tasks[1].last_buddy = false;
		/* SCHED_IDLE tasks are never hot */
		t.tasks[1].task.exec_start = 9800000;
		t.tasks[1].task.policy = EAS_POLICY_IDLE;
		assert_int_equal(eas_task_hot(&t.sys, &t.env, 1), 0);
		t.tasks[1].task.policy = EAS_POLICY_NORMAL;
		/* running task */
		eas_can_migrate_task(&t.sys, &t.env, 0, EAS_LB_IDLE, 9, 0, &o);
		assert_int_equal(o.reason, EAS_CM_RUNNING);
		/* pinned: new_dst_cpu search (regular pass, not newidle) finds
		 * no other CPU of the local group {3} */
		mask_only(t.mask[1], 2, -1);
		t.tasks[1].task.cpus_allowed = t.mask[1];
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 9, 0, &o);
		assert_int_equal(o.reason, EAS_CM_PINNED);
		assert_int_equal(o.new_dst_cpu, -1);
		/* v6.19 per-CPU kthreads stay; 5.4.0 has no such test */
		t.tasks[1].task.cpus_allowed = NULL;
		t.tasks[1].task.per_cpu_kthread = true;
		eas_can_migrate_task(&t.sys, &t.env, 1, EAS_LB_IDLE, 9, 0, &o);
		assert_int_equal(o.ok, v54);
		tsys_free(&t);
	}
}

/* A pinned running task: the kick gives up (curr not allowed on dst). */
static void test_curr_pinned(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_mech_decision d;
	struct eas_lb_task *p;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	p = add_task(&t, 0, 0, 500, true);
	mask_only(t.mask[0], 0, 1);
	p->task.cpus_allowed = t.mask[0];
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	assert_int_equal(t.rq[0].misfit_task_load, 500); /* 5.4: no rule */
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_true(res.need_active_balance);
	assert_true(res.kick_pinned);
	assert_false(res.kick);
	assert_int_equal(
		eas_mech_decide(&t.sys, &t.env, &res, EAS_MECH_STOPPER, &d),
		EAS_OK);
	assert_false(d.started);
	assert_int_equal(d.reason, EAS_MECH_CURR_PINNED);
	tsys_free(&t);
}

/*
 * The RFC race: decision on the v6.19 misfit case, then an RT task
 * wakes on CPU 0 and preempts the CFS task before the mechanism runs.
 */
static void test_rt_race(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_mech_decision d[EAS_MECH_COUNT];
	struct eas_busiest_state st;
	struct eas_mech_result r;
	struct eas_lb_task *p;
	unsigned m;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	p = add_task(&t, 0, 0, 500, true);
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		assert_int_equal(eas_mech_decide(&t.sys, &t.env, &res,
						 (enum eas_mech)m, &d[m]),
				 EAS_OK);
		assert_true(d[m].started);
		assert_int_equal(d[m].task_index, 0);
		assert_int_equal(d[m].task_id, 100);
		assert_true(d[m].holds_active_balance);
	}
	assert_int_equal(d[EAS_MECH_STOPPER].when, EAS_MECH_WHEN_NOW);
	assert_int_equal(d[EAS_MECH_STOPPER].context_switches, 2);
	assert_true(d[EAS_MECH_STOPPER].preempts_cfs);
	assert_int_equal(d[EAS_MECH_BALANCE_CALLBACK].when,
			 EAS_MECH_WHEN_TARGET_SCHEDULES_OUT);
	assert_int_equal(d[EAS_MECH_BALANCE_CALLBACK].context_switches, 0);
	assert_false(d[EAS_MECH_BALANCE_CALLBACK].preempts_cfs);
	assert_true(d[EAS_MECH_BALANCE_CALLBACK].must_hold &
		    EAS_HOLD_TARGET_ALLOWED);
	assert_int_equal(d[EAS_MECH_FIFO1_THREAD].when,
			 EAS_MECH_WHEN_NO_RT_RUNNABLE);

	/* the race: RT task is current on CPU 0, CFS task preempted */
	eas_busiest_state_init(&st, &t.env);
	st.curr_class = EAS_CLASS_RT;
	st.rt_nr_runnable = 1;
	st.nr_running = 2;

	/* stopper: runs now, preempts the RT task, moves the CFS task */
	assert_int_equal(
		eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_STOPPER], &st, &r),
		EAS_OK);
	assert_true(r.ran);
	assert_true(r.moved);
	assert_int_equal(r.task_id, 100);
	assert_true(r.preempted_rt);
	assert_false(r.preempted_cfs);
	assert_int_equal(r.context_switches, 2);
	assert_false(r.active_balance_after);
	assert_true(r.reset_nr_balance_failed);

	/* FIFO-1 thread: waits while the RT task is runnable */
	assert_int_equal(eas_mech_execute(&t.sys, &t.env,
					  &d[EAS_MECH_FIFO1_THREAD], &st, &r),
			 EAS_OK);
	assert_false(r.ran);
	assert_int_equal(r.reason, EAS_MECH_WAITING);
	assert_true(r.active_balance_after);
	/* ... then the RT task blocks: no preemption at all */
	st.curr_class = EAS_CLASS_IDLE;
	st.rt_nr_runnable = 0;
	st.nr_running = 1;
	assert_int_equal(eas_mech_execute(&t.sys, &t.env,
					  &d[EAS_MECH_FIFO1_THREAD], &st, &r),
			 EAS_OK);
	assert_true(r.ran);
	assert_true(r.moved);
	assert_false(r.preempted_rt);
	assert_false(r.preempted_cfs);
	assert_int_equal(r.context_switches, 2);

	/* balance callback: the CFS task schedules out (preempted by the
	 * RT task, still runnable): checks pass, it moves, no RT preemption,
	 * no extra switch */
	eas_busiest_state_init(&st, &t.env);
	st.curr_class = EAS_CLASS_RT;
	st.rt_nr_runnable = 1;
	st.nr_running = 2; /* the RT task and the preempted CFS task */
	assert_int_equal(eas_mech_execute(&t.sys, &t.env,
					  &d[EAS_MECH_BALANCE_CALLBACK], &st,
					  &r),
			 EAS_OK);
	assert_true(r.ran);
	assert_true(r.moved);
	assert_false(r.preempted_rt);
	assert_int_equal(r.context_switches, 0);
	/* ... or it gives up: the lone CFS task blocked (the RFC tests
	 * nr_running first) */
	st.nr_running = 0;
	st.target_was_running = false;
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_int_equal(r.reason, EAS_MECH_NR_RUNNING_LE1);
	st.nr_running = 2; /* blocked while another task is queued */
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_false(r.moved);
	assert_int_equal(r.reason, EAS_MECH_TARGET_NOT_RUNNING);
	st.target_was_running = true;
	st.target_class = EAS_CLASS_RT; /* sched_setscheduler() */
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_int_equal(r.reason, EAS_MECH_TARGET_NOT_CFS);
	st.target_class = EAS_CLASS_CFS;
	st.target_cpu = 1; /* migrated meanwhile */
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_int_equal(r.reason, EAS_MECH_TARGET_MOVED);
	st.target_cpu = 0;
	mask_only(t.mask[2], 0, 1);
	st.target_allowed = t.mask[2]; /* affinity changed */
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_BALANCE_CALLBACK], &st,
			 &r);
	assert_int_equal(r.reason, EAS_MECH_TARGET_NOT_ALLOWED);
	assert_string_equal(eas_mech_reason_name(r.reason),
			    "target_not_allowed");

	/* stopper give-ups: CPU inactive; nothing left to move */
	eas_busiest_state_init(&st, &t.env);
	st.dst_active = false;
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_STOPPER], &st, &r);
	assert_true(r.ran);
	assert_false(r.moved);
	assert_int_equal(r.reason, EAS_MECH_CPU_INACTIVE);
	assert_true(r.preempted_cfs); /* it still ran */
	eas_busiest_state_init(&st, &t.env);
	st.nr_running = 0;
	st.curr_class = EAS_CLASS_IDLE;
	eas_mech_execute(&t.sys, &t.env, &d[EAS_MECH_STOPPER], &st, &r);
	assert_int_equal(r.reason, EAS_MECH_NR_RUNNING_LE1);

	/* Dietmar's point: while the callback is pending,
	 * busiest->active_balance stays 1 and another attempt fails */
	t.env.busiest_active_balance = true;
	run_lb(&t, &res);
	assert_true(res.kick_busy);
	assert_false(res.kick);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		eas_mech_decide(&t.sys, &t.env, &res, (enum eas_mech)m, &d[m]);
		assert_false(d[m].started);
		assert_int_equal(d[m].reason, EAS_MECH_ALREADY_ACTIVE);
	}
	tsys_free(&t);
}

/* v5.4 stopper: LBF_DST_PINNED keeps task_hot(), but the kick set
 * nr_balance_failed = cache_nice_tries + 1 (PKG: 1 + 1 = 2 > 1), so a hot
 * queued task is taken anyway. */
static void test_stopper_v54_hot(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_mech_decision d;
	struct eas_busiest_state st;
	struct eas_mech_result r;
	struct eas_lb_task *p;

	(void)state;
	tsys_init(&t, EAS_KERNEL_V5_4);
	p = add_task(&t, 0, 0, 500, true);
	t.tasks[0].task.exec_start = 9900000; /* hot */
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_true(res.kick);
	assert_int_equal(res.nr_balance_failed_after, 2);
	assert_int_equal(res.detach_one_index, 0);
	eas_mech_decide(&t.sys, &t.env, &res, EAS_MECH_STOPPER, &d);
	eas_busiest_state_init(&st, &t.env);
	eas_mech_execute(&t.sys, &t.env, &d, &st, &r);
	assert_true(r.moved);
	assert_true(r.preempted_cfs);
	tsys_free(&t);
}

/* should_we_balance(): PKG of the 2x2 from the big cluster {2,3}. */
static void test_should_we_balance(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;

		tsys_init(&t, ks[i]);
		/* both big CPUs idle: CPU 2 (first idle) balances, not 3 */
		env_setup(&t, 0, 2, EAS_LB_IDLE, 0, 0);
		assert_true(eas_should_we_balance(&t.sys, &t.env));
		env_setup(&t, 0, 3, EAS_LB_IDLE, 0, 0);
		assert_false(eas_should_we_balance(&t.sys, &t.env));
		/* CPU 2 busy: the first idle CPU, 3, balances */
		t.rq[2].idle = false;
		t.rq[2].nr_running = 1;
		assert_true(eas_should_we_balance(&t.sys, &t.env));
		env_setup(&t, 0, 2, EAS_LB_NOT_IDLE, 0, 0);
		assert_false(eas_should_we_balance(&t.sys, &t.env));
		/* none idle: the group's first CPU */
		t.rq[3].idle = false;
		t.rq[3].nr_running = 1;
		assert_true(eas_should_we_balance(&t.sys, &t.env));
		/* newidle: everyone (v6.19: not with a task queued again) */
		env_setup(&t, 0, 3, EAS_LB_NEWLY_IDLE, 0, 0);
		assert_int_equal(eas_should_we_balance(&t.sys, &t.env),
				 ks[i] == EAS_KERNEL_V5_4);
		t.rq[3].nr_running = 0;
		assert_true(eas_should_we_balance(&t.sys, &t.env));
		/* an inactive dst never balances */
		t.rq[3].online = false;
		assert_false(eas_should_we_balance(&t.sys, &t.env));
		/* MC level: groups are single CPUs, each balances itself */
		t.rq[3].online = true;
		env_setup(&t, 2, 3, EAS_LB_IDLE, 0, 0);
		assert_true(eas_should_we_balance(&t.sys, &t.env));
		tsys_free(&t);
	}
}

/* Balance intervals (2x2: MC weight 2, PKG weight 4; HZ 250). */
static void test_intervals(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_lb_task *p;

	(void)state;
	/* get_sd_balance_interval(): MC, 2 ms; busy x busy_factor (v5.4
	 * 32 -> 64 ms = 16 jiffies; v6.19 16 -> 32 ms = 8, minus 1) */
	tsys_init(&t, EAS_KERNEL_V5_4);
	env_setup(&t, 2, 3, EAS_LB_IDLE, 0, 0);
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 2, false), 1);
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 2, true), 16);
	/* clamp to HZ * 4 CPUs / 10 = 100 */
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 1000, true),
			 100);
	t.sys.hz = 1000;
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 3, false), 3);
	t.sys.hz = 100;
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 11, false), 2);
	tsys_free(&t);
	tsys_init(&t, EAS_KERNEL_V6_19);
	env_setup(&t, 2, 3, EAS_LB_IDLE, 0, 0);
	assert_int_equal(eas_lb_interval_jiffies(&t.sys, &t.env, 2, true), 7);
	tsys_free(&t);

	/* v6.19 misfit kick: reset to min_interval (PKG: 4) */
	tsys_init(&t, EAS_KERNEL_V6_19);
	p = add_task(&t, 0, 0, 500, true);
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_true(res.kick);
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 8),
			 4);
	/* balanced: doubled up to max_interval 8 */
	t.rq[0].misfit_task_load = 0;
	t.rq[0].util_avg = 100;
	t.sys.rd_overutilized = EAS_RD_OU_CLEAR;
	run_lb(&t, &res);
	assert_int_equal(res.busiest_group, -1);
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 4),
			 8);
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 8),
			 8);
	t.env.idle = EAS_LB_NEWLY_IDLE;
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 4),
			 4);
	tsys_free(&t);

	/* v5.4 misfit kick (voluntary): min; curr pinned: LBF_ALL_PINNED,
	 * doubled beyond max_interval up to 512 */
	tsys_init(&t, EAS_KERNEL_V5_4);
	p = add_task(&t, 0, 0, 500, true);
	t.rq[0].misfit_task_load =
		eas_update_misfit_status(&t.sys, &p->task, 0);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 0);
	run_lb(&t, &res);
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 8),
			 4);
	mask_only(t.mask[0], 0, 1);
	t.tasks[0].task.cpus_allowed = t.mask[0];
	t.env.src_curr_allowed = t.mask[0];
	run_lb(&t, &res);
	assert_true(res.kick_pinned);
	assert_int_equal(eas_lb_balance_interval_after(&t.sys, &t.env, &res, 8),
			 16);
	assert_int_equal(
		eas_lb_balance_interval_after(&t.sys, &t.env, &res, 512), 512);
	tsys_free(&t);
}

/* v5.4 backs off after a failed-balance (non-voluntary) kick; v6.19
 * resets since need_active_balance() holds. */
static void test_interval_failed_kick(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		tsys_init(&t, ks[i]);
		t.sys.rd_overutilized = EAS_RD_OU_SET;
		add_task(&t, 2, 0, 50, true);
		add_task(&t, 2, 1, 50, false);
		mask_only(t.mask[1], 2, -1);
		t.tasks[1].task.cpus_allowed = t.mask[1];
		if (ks[i] == EAS_KERNEL_V5_4) {
			t.rq[3].runnable_load_avg = 50;
			t.rq[3].util_avg = 50;
			t.rq[3].nr_running = 1;
			t.rq[3].h_nr_running = 1;
			t.rq[3].idle = false;
		}
		env_setup(&t, 2, 3,
			  ks[i] == EAS_KERNEL_V5_4 ? EAS_LB_NOT_IDLE :
						     EAS_LB_IDLE,
			  2, 0);
		t.env.nr_balance_failed = 3;
		run_lb(&t, &res);
		assert_int_equal(res.rule, EAS_LB_RULE_FAILED_BALANCE);
		assert_true(res.kick);
		/* MC: min 2, max 4 */
		assert_int_equal(
			eas_lb_balance_interval_after(&t.sys, &t.env, &res, 2),
			ks[i] == EAS_KERNEL_V5_4 ? 4 : 2);
		tsys_free(&t);
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(eas_group_type_name(EAS_GROUP_HAS_SPARE),
			    "has_spare");
	assert_string_equal(eas_group_type_name(EAS_GROUP_OVERLOADED),
			    "overloaded");
	assert_string_equal(eas_migration_type_name(EAS_MIGRATE_MISFIT),
			    "misfit");
	assert_null(eas_lb_rule_name(EAS_LB_RULE_NONE));
	assert_string_equal(eas_lb_rule_name(EAS_LB_RULE_FAILED_BALANCE),
			    "failed_balance");
	assert_string_equal(eas_mech_name(EAS_MECH_FIFO1_THREAD),
			    "fifo1_thread");
	assert_string_equal(eas_lb_idle_name(EAS_LB_NEWLY_IDLE), "newly_idle");
	assert_string_equal(eas_cm_reason_name(EAS_CM_CACHE_HOT), "cache_hot");
	assert_string_equal(eas_mech_when_name(EAS_MECH_WHEN_NO_RT_RUNNABLE),
			    "no_rt_runnable");
	assert_string_equal(eas_lb_balanced_name(EAS_LB_BALANCED_IDLE_CPUS),
			    "idle_cpus");
	assert_string_equal(eas_sched_class_name(EAS_CLASS_RT), "rt");
}

/* Bad arguments. */
static void test_errors(void **state)
{
	struct tsys t;
	struct eas_lb_result res;
	struct eas_sg_stats g[1];

	(void)state;
	tsys_init(&t, EAS_KERNEL_V6_19);
	env_setup(&t, 0, 0, EAS_LB_IDLE, 0, 0);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, NULL, 0, NULL, &res),
			 EAS_EINVAL);
	env_setup(&t, 0, 9, EAS_LB_IDLE, 0, 0);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, NULL, 0, NULL, &res),
			 EAS_EINVAL);
	env_setup(&t, 0, 2, EAS_LB_IDLE, 0, 0);
	t.env.level = 0; /* MC of CPU 2 does not span CPU 0 */
	assert_int_equal(eas_load_balance(&t.sys, &t.env, NULL, 0, NULL, &res),
			 EAS_EINVAL);
	t.env.level = -1;
	assert_int_equal(eas_load_balance(&t.sys, &t.env, g, 1, NULL, &res),
			 EAS_ENOSPC);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, NULL, 0, NULL, &res),
			 EAS_OK);
	assert_int_equal(eas_load_balance(&t.sys, &t.env, NULL, 0, NULL, NULL),
			 EAS_EINVAL);
	tsys_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_misfit_v619),
		cmocka_unit_test(test_misfit_v54),
		cmocka_unit_test(test_misfit_rules),
		cmocka_unit_test(test_reduced_capacity_v619),
		cmocka_unit_test(test_reduced_capacity_v54),
		cmocka_unit_test(test_failed_balance_v619),
		cmocka_unit_test(test_failed_balance_v54),
		cmocka_unit_test(test_v54_overloaded_imbalance),
		cmocka_unit_test(test_v71_overloaded_gate),
		cmocka_unit_test(test_dst_pinned_retry),
		cmocka_unit_test(test_nab_direct),
		cmocka_unit_test(test_asym_packing_v619),
		cmocka_unit_test(test_overutilized_events),
		cmocka_unit_test(test_cache_hot),
		cmocka_unit_test(test_curr_pinned),
		cmocka_unit_test(test_rt_race),
		cmocka_unit_test(test_stopper_v54_hot),
		cmocka_unit_test(test_should_we_balance),
		cmocka_unit_test(test_intervals),
		cmocka_unit_test(test_interval_failed_kick),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
