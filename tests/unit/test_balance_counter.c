/* SPDX-License-Identifier: MIT */
/*
 * sd->nr_balance_failed across one load-balance pass, one case per way the
 * pass can end, both flavours, on the kernel-eas.md §7 2x2 platform (CPUs
 * 0,1 little 512; 2,3 big 1024; MC {0,1} {2,3}, PKG {0-3}; cache_nice_tries
 * 1 at both levels).
 *
 * Kernel: load_balance() (v5.4) / sched_balance_rq() (v6.19), fair.c.
 * The counter is written in three places only:
 *   (a) out_balanced falls through to out_all_pinned, which stores 0; it is
 *       reached by "if (!group) goto out_balanced" after
 *       find_busiest_group() / sched_balance_find_src_group(), by
 *       "if (!busiest) goto out_balanced" after find_busiest_queue() /
 *       sched_balance_find_src_rq(), and by "goto out_all_pinned" when
 *       LBF_ALL_PINNED is set and cpumask_subset(cpus, env.dst_grpmask)
 *       (else "goto redo" without the busiest CPU);
 *   (b) "if (!ld_moved) { if (idle != CPU_NEWLY_IDLE [v6.19: &&
 *       env.migration_type != migrate_misfit]) sd->nr_balance_failed++;
 *       if (need_active_balance(&env)) { ... v5.4 only:
 *       sd->nr_balance_failed = sd->cache_nice_tries + 1; } }" (the
 *       curr-pinned give-up jumps to out_one_pinned, after the store of
 *       (a));
 *   (c) "} else sd->nr_balance_failed = 0;" when tasks moved.
 * Every expected value below is derived by hand from these lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <libeas/balance.h>
#include <libeas/error.h>

#include "fixtures.h"

#include "lb_fixture.h"

static void pin(struct tsys *t, uint32_t i, uint32_t cpu)
{
	t->mask[i][0] = 0;
	eas_mask_set(t->mask[i], cpu);
	t->tasks[i].task.cpus_allowed = t->mask[i];
}

static void env_setup(struct tsys *t, uint32_t src, uint32_t dst,
		      enum eas_lb_idle idle, uint32_t nr_tasks, uint32_t before)
{
	eas_lb_env_init(&t->env, src, dst);
	t->env.idle = idle;
	t->env.src_tasks = t->tasks;
	t->env.nr_src_tasks = nr_tasks;
	t->env.src_curr_id = 100u;
	t->env.src_curr_allowed = t->tasks[0].task.cpus_allowed;
	t->env.nr_balance_failed = before;
}

static void run_lb(struct tsys *t, struct eas_lb_result *res)
{
	struct eas_sg_stats g[NCPU];
	struct eas_can_migrate cm[4];

	assert_int_equal(eas_load_balance(&t->sys, &t->env, g, NCPU, cm, res),
			 EAS_OK);
}

/* The pass never asked need_active_balance(): nothing may be reported. */
static void assert_not_asked(const struct eas_lb_result *res)
{
	assert_false(res->reached);
	assert_false(res->need_active_balance);
	assert_int_equal(res->rule, EAS_LB_RULE_NONE);
	assert_false(res->kick);
	assert_false(res->kick_pinned);
	assert_false(res->kick_busy);
}

/*
 * (a) No busiest group, both flavours, idle and newly idle. One task of
 * util 200 on little CPU 0; 200 * 1280 = 256000 < 512 * 1024 = 524288,
 * so no CPU is overutilized and the PKG pass (the root: update_sd_lb_stats()
 * rewrites rd->overutilized to false) of idle big CPU 2 stops at v5.4
 * find_busiest_group() "sched_energy_enabled() && rd->pd &&
 * !rd->overutilized" -> out_balanced; v6.19 sched_balance_find_src_group()
 * first needs a misfit busiest group (none: 200 fits 512), then the same
 * test. out_balanced -> out_all_pinned: 4 -> 0, newly idle too (the store
 * is not conditional on env->idle). Before the fix: 5 (idle), 4 (newidle),
 * and need_active_balance() answered for a call that never happens.
 */
static void test_no_busiest_group(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	enum eas_lb_idle idles[2] = { EAS_LB_IDLE, EAS_LB_NEWLY_IDLE };
	unsigned i, j;

	(void)state;
	for (i = 0; i < 2; i++)
		for (j = 0; j < 2; j++) {
			struct tsys t;
			struct eas_lb_result res;

			tsys_init(&t, ks[i]);
			add_task(&t, 0, 0, 200, true);
			env_setup(&t, 0, 2, idles[j], 1, 4);
			run_lb(&t, &res);
			assert_int_equal(res.level, 1);
			assert_false(res.overutilized);
			assert_int_equal(res.balanced,
					 EAS_LB_BALANCED_EAS_NOT_OVERUTILIZED);
			assert_int_equal(res.busiest_group, -1);
			assert_int_equal(res.busiest_cpu, -1);
			assert_not_asked(&res);
			assert_true(res.nr_balance_failed_after_known);
			assert_int_equal(res.nr_balance_failed_after, 0);
			assert_int_equal(res.nr_balance_failed_seen, 4);
			fix_free(t.pf);
		}
}

/*
 * (a) A busiest group but no busiest rq, both flavours. PKG pass of idle
 * little CPU 0; big CPU 2 runs one task of util 900 (900 * 1280 = 1152000 >
 * 1024 * 1024: overutilized, so the root pass goes on), big CPU 3 one of
 * util 100; sgc->imbalance of group {2,3} is set (an earlier pinned pass).
 * v6.19: group_classify() -> group_imbalanced (not overloaded: 2 tasks on
 * 2 CPUs); update_sd_pick_busiest() takes it (imbalanced > has_spare, the
 * asym-capacity "fully_busy or less on bigger CPUs" filter does not
 * apply); sched_balance_find_src_group() "group_imbalanced -> goto
 * force_balance"; calculate_imbalance(): migrate_task, imbalance 1.
 * sched_balance_find_src_rq(): each big CPU has h_nr_runnable 1 and
 * !capacity_greater(capacity_of(0) = 512, 1024) on an SD_ASYM_CPUCAPACITY
 * domain: both skipped, NULL -> out_balanced: 3 -> 0.
 * v5.4: group_imbalanced too (the MC child of the asym PKG domain has no
 * SD_PREFER_SIBLING, so no group_no_capacity marking), picked as the higher
 * type, find_busiest_group() "group_imbalanced -> goto force_balance";
 * calculate_imbalance(): sds avg = 1024 * 1000 / 3072 = 333, busiest avg =
 * 1024 * 1000 / 2048 = 500, load_per_task = min(1000 / 2, 333) = 333,
 * max_pull = min(500 - 333, ~0UL) = 167, imbalance = min(167 * 2048,
 * (333 - 0) * 1024) / 1024 = 340992 / 1024 = 333, not < 333: no fix-up.
 * find_busiest_queue() skips both big CPUs ("SD_ASYM_CPUCAPACITY &&
 * capacity_of(env->dst_cpu) < capacity && rq->nr_running == 1"): NULL ->
 * out_balanced: 3 -> 0.
 */
static void test_no_busiest_rq(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;
		eas_mask_word imb[1] = { 0 };

		tsys_init(&t, ks[i]);
		add_task(&t, 2, 0, 900, true);
		add_task(&t, 3, 1, 100, true);
		eas_mask_set(imb, 2);
		env_setup(&t, 2, 0, EAS_LB_IDLE, 1, 3);
		t.env.sgc_imbalance = imb;
		run_lb(&t, &res);
		assert_true(res.overutilized);
		assert_int_equal(res.balanced, EAS_LB_BALANCED_NOT);
		assert_int_equal(res.busiest_group, 1);
		assert_int_equal(res.src_grp_type, EAS_GROUP_IMBALANCED);
		if (ks[i] == EAS_KERNEL_V6_19) {
			assert_int_equal(res.migration_type, EAS_MIGRATE_TASK);
			assert_int_equal(res.imbalance, 1);
		} else {
			assert_int_equal(res.imbalance, 333);
		}
		assert_int_equal(res.busiest_cpu, -1);
		assert_not_asked(&res);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 0);
		fix_free(t.pf);
	}
}

/*
 * Failed-balance landscape of test_balance.c: big CPU 2 runs A (util 50)
 * with B (util 50) queued; MC {2,3} pass of CPU 3. v6.19 (dst idle):
 * sibling_imbalance 2 >> 1 -> migrate_task, imbalance 1. v5.4 (dst busy
 * with one task of 50): imbalance fixed up to load_per_task 50.
 */
static void failed_landscape(struct tsys *t, enum eas_kernel k,
			     enum eas_lb_idle idle, uint32_t before)
{
	tsys_init(t, k);
	t->sys.rd_overutilized = EAS_RD_OU_SET;
	add_task(t, 2, 0, 50, true);
	add_task(t, 2, 1, 50, false);
	if (k == EAS_KERNEL_V5_4) {
		t->rq[3].runnable_load_avg = 50;
		t->rq[3].load_avg = 50;
		t->rq[3].util_avg = 50;
		t->rq[3].nr_running = 1;
		t->rq[3].h_nr_running = 1;
		t->rq[3].idle = false;
	}
	env_setup(t, 2, 3, idle, 2, before);
}

/*
 * (c) Tasks moved, both flavours: B is free (A runs, so task_running()
 * keeps it). v6.19 detach_tasks() migrate_task takes B (imbalance 1 -> 0);
 * v5.4 takes B as h_load / 2 = 25 <= imbalance 50. ld_moved = 1: the else
 * branch of "if (!ld_moved)" stores 0 (before 3; the old code said 4). The
 * same for newly idle (4 -> 0, the old code kept 4).
 */
static void test_moved(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		failed_landscape(&t, ks[i],
				 ks[i] == EAS_KERNEL_V5_4 ? EAS_LB_NOT_IDLE :
							    EAS_LB_IDLE,
				 3);
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 2);
		assert_int_equal(res.nr_detached, 1);
		assert_not_asked(&res);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 0);
		fix_free(t.pf);
	}
	/* v6.19 newly idle: still migrate_task 1, B pulled, 4 -> 0 */
	{
		struct tsys t;
		struct eas_lb_result res;

		failed_landscape(&t, EAS_KERNEL_V6_19, EAS_LB_NEWLY_IDLE, 4);
		run_lb(&t, &res);
		assert_int_equal(res.nr_detached, 1);
		assert_int_equal(res.nr_balance_failed_after, 0);
		fix_free(t.pf);
	}
}

/*
 * (a) LBF_ALL_PINNED, both flavours. A and B pinned to CPU 2: every task
 * fails the affinity test, no LBF_DST_PINNED candidate (CPU 3 is the whole
 * local group and is dst). MC {2,3}: cpus = {2,3} & active minus busiest
 * CPU 2 = {3} is a subset of dst_grpmask {3}: goto out_all_pinned: 3 -> 0.
 * PKG {0-3} of dst 2 with src 0 instead is the redo case below.
 */
static void test_all_pinned(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		failed_landscape(&t, ks[i],
				 ks[i] == EAS_KERNEL_V5_4 ? EAS_LB_NOT_IDLE :
							    EAS_LB_IDLE,
				 3);
		pin(&t, 0, 2);
		pin(&t, 1, 2);
		t.env.src_curr_allowed = t.tasks[0].task.cpus_allowed;
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 2);
		assert_int_equal(res.nr_detached, 0);
		assert_true(res.all_pinned);
		assert_not_asked(&res);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 0);
		fix_free(t.pf);
	}
}

/*
 * LBF_ALL_PINNED with CPUs left: PKG pass of idle big CPU 2 over little
 * CPU 0 running three tasks of util 300 pinned to CPU 0 (no new_dst_cpu in
 * the local group {2,3}), CPU 1 busy with 400. cpus = {0-3} minus 0 =
 * {1,2,3} is not a subset of dst_grpmask {2,3}: "goto redo" without CPU 0,
 * whose outcome this input does not describe: after = before (5),
 * nr_balance_failed_after_known false. With CPU 1 offline (not in
 * cpu_active_mask) cpus = {2,3}: out_all_pinned, 5 -> 0.
 */
static void test_all_pinned_redo(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i, k;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		tsys_init(&t, ks[i]);
		t.sys.rd_overutilized = EAS_RD_OU_SET;
		add_task(&t, 0, 0, 300, true);
		add_task(&t, 0, 1, 300, false);
		add_task(&t, 0, 2, 300, false);
		for (k = 0; k < 3; k++)
			pin(&t, k, 0);
		t.rq[1].util_avg = t.rq[1].runnable_avg = 400;
		t.rq[1].load_avg = t.rq[1].runnable_load_avg = 400;
		t.rq[1].nr_running = t.rq[1].h_nr_running = 1;
		t.rq[1].idle = false;
		env_setup(&t, 0, 2, EAS_LB_IDLE, 3, 5);
		run_lb(&t, &res);
		assert_int_equal(res.level, 1);
		assert_int_equal(res.busiest_cpu, 0);
		assert_true(res.all_pinned);
		assert_not_asked(&res);
		assert_false(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 5);

		t.rq[1].online = false;
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 0);
		assert_true(res.all_pinned);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 0);
		fix_free(t.pf);
	}
}

/*
 * (b) Nothing moved (B pinned to CPU 2, A running), no kick, both
 * flavours. Periodic pass: 2 -> seen 3; need_active_balance(): v6.19
 * migrate_task and 3 > cache_nice_tries + 2 = 3 is false, reduced capacity
 * needs h_nr_runnable == 1 (2 here), not misfit; v5.4 the same failure
 * test, group type other: no rule, after 3. Newly idle: no increment (the
 * "idle != CPU_NEWLY_IDLE" condition): seen = after = 2.
 */
static void test_not_moved(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		failed_landscape(&t, ks[i],
				 ks[i] == EAS_KERNEL_V5_4 ? EAS_LB_NOT_IDLE :
							    EAS_LB_IDLE,
				 2);
		pin(&t, 1, 2);
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 2);
		assert_int_equal(res.nr_detached, 0);
		assert_false(res.all_pinned);
		assert_true(res.reached);
		assert_int_equal(res.nr_balance_failed_seen, 3);
		assert_false(res.need_active_balance);
		assert_int_equal(res.rule, EAS_LB_RULE_NONE);
		assert_false(res.kick);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 3);

		t.env.idle = EAS_LB_NEWLY_IDLE;
		run_lb(&t, &res);
		assert_true(res.reached);
		assert_int_equal(res.nr_balance_failed_seen, 2);
		assert_int_equal(res.rule, EAS_LB_RULE_NONE);
		assert_int_equal(res.nr_balance_failed_after, 2);
		fix_free(t.pf);
	}
}

/*
 * (b) The kick. Same landscape, before 3: seen 4 > 3 -> failed_balance
 * (v6.19 migrate_task). A may run on CPU 3: the stopper is kicked. v5.4
 * then stores cache_nice_tries + 1 = 2; v6.19 keeps 4.
 * busiest->active_balance already set: v5.4 still stores 2 (the store is
 * outside "if (active_balance)").
 */
static void test_kick(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;
		uint32_t kicked = ks[i] == EAS_KERNEL_V5_4 ? 2u : 4u;

		failed_landscape(&t, ks[i],
				 ks[i] == EAS_KERNEL_V5_4 ? EAS_LB_NOT_IDLE :
							    EAS_LB_IDLE,
				 3);
		pin(&t, 1, 2);
		run_lb(&t, &res);
		assert_true(res.reached);
		assert_int_equal(res.nr_balance_failed_seen, 4);
		assert_int_equal(res.rule, EAS_LB_RULE_FAILED_BALANCE);
		assert_true(res.kick);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, kicked);

		t.env.busiest_active_balance = true;
		run_lb(&t, &res);
		assert_false(res.kick);
		assert_true(res.kick_busy);
		assert_int_equal(res.nr_balance_failed_after, kicked);
		t.env.busiest_active_balance = false;

		fix_free(t.pf);
	}
}

/*
 * (b) The kick gives up: "if (!cpumask_test_cpu(this_cpu,
 * busiest->curr->cpus_ptr)) goto out_one_pinned", past the store of
 * out_all_pinned, so the counter keeps the "if (!ld_moved)" value. Misfit
 * landscape: A (util 500) alone on little CPU 0, allowed on {0, 3}, misfit
 * load 500 (v5.4 task_h_load; v6.19 max(h_load, 1), max_allowed_capacity
 * 1024 is not CPU 0's 512). PKG pass of idle CPU 2, before 3: busiest CPU
 * 0 runs one task, so detach_tasks() is not called and ld_moved = 0. v5.4
 * increments (3 -> 4); v6.19 does not for migrate_misfit (3). Rule misfit,
 * CPU 2 is not in A's mask: kick_pinned, after 4 / 3.
 */
static void test_kick_pinned(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;
		uint32_t seen = ks[i] == EAS_KERNEL_V5_4 ? 4u : 3u;

		tsys_init(&t, ks[i]);
		add_task(&t, 0, 0, 500, true);
		t.mask[0][0] = 0;
		eas_mask_set(t.mask[0], 0);
		eas_mask_set(t.mask[0], 3);
		t.tasks[0].task.cpus_allowed = t.mask[0];
		t.rq[0].misfit_task_load =
			eas_update_misfit_status(&t.sys, &t.tasks[0].task, 0);
		assert_int_equal(t.rq[0].misfit_task_load, 500);
		env_setup(&t, 0, 2, EAS_LB_IDLE, 1, 3);
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 0);
		assert_true(res.reached);
		assert_int_equal(res.nr_balance_failed_seen, seen);
		assert_int_equal(res.rule, EAS_LB_RULE_MISFIT);
		assert_false(res.kick);
		assert_true(res.kick_pinned);
		assert_true(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, seen);
		fix_free(t.pf);
	}
}

/*
 * busiest_cpu is not src_cpu: the kernel goes on with the CPU that
 * find_busiest_queue() / sched_balance_find_src_rq() chose. Misfit
 * landscape of test_balance.c (util 500 on little CPU 0, misfit load 500),
 * PKG pass of idle CPU 2 given src_cpu 1: the busiest CPU is 0. Nothing
 * of the pass is about CPU 1: need_active_balance() is not asked for it
 * and after = before (6), not known.
 */
static void test_other_busiest(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	unsigned i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct tsys t;
		struct eas_lb_result res;

		tsys_init(&t, ks[i]);
		add_task(&t, 0, 0, 500, true);
		t.rq[0].misfit_task_load = 500;
		env_setup(&t, 1, 2, EAS_LB_IDLE, 0, 6);
		run_lb(&t, &res);
		assert_int_equal(res.busiest_cpu, 0);
		assert_not_asked(&res);
		assert_false(res.nr_balance_failed_after_known);
		assert_int_equal(res.nr_balance_failed_after, 6);
		assert_int_equal(res.nr_balance_failed_seen, 6);
		fix_free(t.pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_busiest_group),
		cmocka_unit_test(test_no_busiest_rq),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_all_pinned),
		cmocka_unit_test(test_all_pinned_redo),
		cmocka_unit_test(test_not_moved),
		cmocka_unit_test(test_kick),
		cmocka_unit_test(test_kick_pinned),
		cmocka_unit_test(test_other_busiest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
