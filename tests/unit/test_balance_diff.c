/* SPDX-License-Identifier: MIT */
/*
 * Randomized differential tests of the load-balance core against the
 * literal oracle (tests/oracle/ref_balance.c): group formation and
 * classification, busiest group / queue, migration type and imbalance,
 * detach_tasks(), need_active_balance(), can_migrate_task(),
 * detach_one_task() and update_misfit_status(), on random landscapes of
 * fixture and generated platforms, the three flavours (v7.1 on v6.19's
 * seeds, counting the passes where the v7.1 deltas decide differently).
 * Seeded splitmix64:
 * deterministic.
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
#include <libeas/error.h>

#include "fixtures.h"
#include "ref_balance.h"

#define MAXC 16
#define MAXT 8

struct land {
	struct eas_rq rq[MAXC];
	struct eas_system sys;
	struct eas_lb_task tasks[MAXT];
	eas_mask_word masks[MAXT + 2][1];
	int32_t prio[MAXC];
	struct eas_lb_env env;
};

static uint64_t rr(uint64_t *s, uint64_t lo, uint64_t hi)
{
	return fix_rand_range(s, lo, hi);
}

static void random_mask(uint64_t *s, eas_mask_word *m, uint32_t n)
{
	uint32_t i;

	m[0] = 0;
	for (i = 0; i < n; i++)
		if (rr(s, 0, 2))
			eas_mask_set(m, i);
	if (!m[0])
		eas_mask_set(m, (uint32_t)rr(s, 0, n - 1));
}

static void make_land(uint64_t *s, const struct eas_platform *pf,
		      struct land *L)
{
	uint32_t n = pf->nr_cpus, i, nt;
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint64_t clock = 50000000;

	memset(L, 0, sizeof(*L));
	for (i = 0; i < n; i++) {
		struct eas_rq *rq = &L->rq[i];

		eas_rq_init(rq);
		rq->nr_running = (uint32_t)rr(s, 0, 3);
		rq->h_nr_running =
			rq->nr_running ? (uint32_t)rr(s, 0, rq->nr_running) : 0;
		if (!v54 && rq->h_nr_running && rr(s, 0, 5) == 0)
			rq->h_nr_delayed = 1;
		rq->idle = rq->nr_running == 0 && rr(s, 0, 7) != 0;
		rq->util_avg = rq->nr_running ? rr(s, 0, 1100) : rr(s, 0, 40);
		rq->util_est = rr(s, 0, 1) ? rr(s, 0, 1100) : 0;
		rq->runnable_avg = rq->util_avg + rr(s, 0, 300);
		rq->load_avg = rq->nr_running ? rr(s, 1, 3000) : rr(s, 0, 20);
		rq->runnable_load_avg = rq->load_avg;
		if (rr(s, 0, 3) == 0)
			rq->rt_util_avg = rr(s, 0, 700);
		if (rr(s, 0, 5) == 0)
			rq->irq_util_avg = rr(s, 0, 200);
		if (rr(s, 0, 2) == 0)
			rq->misfit_task_load = rr(s, 0, 2) ? rr(s, 1, 1500) : 0;
		rq->online = rr(s, 0, 15) != 0;
		rq->clock_task = clock;
		L->prio[i] = (int32_t)rr(s, 0, 20);
	}
	L->sys.pf = pf;
	L->sys.rq = L->rq;
	L->sys.features = eas_features_default(pf->kernel);
	if (rr(s, 0, 4) == 0)
		L->sys.features &= ~EAS_FEAT_CACHE_HOT_BUDDY;
	/* 0 unknown, 1 clear, 2 set: the old -1 / 0 / 1 draw */
	L->sys.rd_overutilized = (enum eas_rd_overutilized)rr(s, 0, 2);
	L->sys.hz = 250;

	eas_lb_env_init(&L->env, 0, 1);
	L->env.src_cpu = (uint32_t)rr(s, 0, n - 1);
	do
		L->env.dst_cpu = (uint32_t)rr(s, 0, n - 1);
	while (L->env.dst_cpu == L->env.src_cpu);
	L->env.idle = (enum eas_lb_idle)rr(s, 0, 2);
	L->env.nr_balance_failed = (uint32_t)rr(s, 0, 6);
	L->env.no_preemption = rr(s, 0, 3) == 0;
	if (rr(s, 0, 3) == 0)
		L->env.extra_sd_flags = EAS_SD_ASYM_PACKING;
	if (rr(s, 0, 1))
		L->env.asym_prio = L->prio;
	if (rr(s, 0, 4) == 0) {
		random_mask(s, L->masks[MAXT], n);
		L->env.sgc_imbalance = L->masks[MAXT];
	}
	switch (rr(s, 0, 5)) {
	case 0:
		L->env.migration_cost_ns = 0;
		break;
	case 1:
		L->env.migration_cost_ns = EAS_MIGRATION_COST_ALWAYS_HOT;
		break;
	default:
		L->env.migration_cost_ns = EAS_MIGRATION_COST_DEFAULT_NS;
	}
	/* the busiest CPU's CFS tasks, head (most recent) first */
	nt = L->rq[L->env.src_cpu].h_nr_running;
	if (rr(s, 0, 4) == 0)
		nt = (uint32_t)rr(s, 0, MAXT);
	for (i = 0; i < nt; i++) {
		struct eas_lb_task *t = &L->tasks[i];

		eas_task_init(&t->task);
		t->task.id = 1000u + i;
		t->task.util_avg = rr(s, 0, 1024);
		t->task.util_est = rr(s, 0, 1) ? t->task.util_avg : 0;
		t->task.util_est_ewma = t->task.util_est;
		t->task.util_est_enqueued = t->task.util_est;
		t->task.h_load = rr(s, 0, 2000);
		t->task.exec_start = clock - rr(s, 0, 1200000);
		t->task.prev_cpu = (int32_t)L->env.src_cpu;
		t->task.is_current = i == 0 && rr(s, 0, 3) != 0;
		if (rr(s, 0, 2) == 0) {
			random_mask(s, L->masks[i], n);
			t->task.cpus_allowed = L->masks[i];
		}
		if (rr(s, 0, 9) == 0)
			t->task.policy = EAS_POLICY_IDLE;
		if (rr(s, 0, 9) == 0)
			t->task.per_cpu_kthread = true;
		t->next_buddy = rr(s, 0, 6) == 0;
		t->last_buddy = rr(s, 0, 6) == 0;
		t->throttled = rr(s, 0, 12) == 0;
		t->delayed = rr(s, 0, 8) == 0;
		t->ineligible = rr(s, 0, 5) == 0;
		t->blocked = rr(s, 0, 15) == 0;
		t->numa_hot = rr(s, 0, 15) == 0;
	}
	L->env.src_tasks = L->tasks;
	L->env.nr_src_tasks = nt;
	L->env.src_curr_id = 1000;
	if (rr(s, 0, 3) == 0) {
		random_mask(s, L->masks[MAXT + 1], n);
		L->env.src_curr_allowed = L->masks[MAXT + 1];
	}
}

static struct eas_platform *pick_platform(uint64_t *s, enum eas_kernel k)
{
	struct fix_gen_params gp;

	switch (rr(s, 0, 5)) {
	case 0:
		return fix_2x2(k, 0);
	case 1:
		return fix_hikey960(k, 0);
	case 2:
		return fix_rk3399(k, 0);
	case 3:
		return fix_juno_r0(k, 0);
	default:
		memset(&gp, 0, sizeof(gp));
		gp.nr_cpus = (uint32_t)rr(s, 2, MAXC);
		gp.nr_pds = (uint32_t)rr(s, 1, gp.nr_cpus < 4 ? gp.nr_cpus : 4);
		gp.nr_states = (uint32_t)rr(s, 1, 5);
		gp.seed = fix_rand(s);
		return fix_generated(&gp, k, 0);
	}
}

struct stats {
	unsigned long runs, busiest, reached, rules[5], kicks;
	/* how the pass ends for sd->nr_balance_failed: no busiest group, no
	 * busiest rq, another busiest CPU, tasks moved, all pinned (final /
	 * redo), reached (counter incremented / newidle) */
	unsigned long ends[8];
	/* v7.1 passes whose group types / busiest group / imbalance differ
	 * from v6.19's on the same landscape */
	unsigned long v71_differs;
};

static void compare_one(uint64_t *s, struct eas_platform *pf, struct stats *st,
			unsigned long iter)
{
	struct land L;
	struct eas_sg_stats g[MAXC];
	struct eas_can_migrate cm[MAXT];
	struct eas_lb_result res;
	struct ref_lb_result ref;
	uint32_t i;
	int err;

	make_land(s, pf, &L);
	/* rq->misfit_task_load from the running task sometimes */
	if (L.env.nr_src_tasks && rr(s, 0, 1))
		L.rq[L.env.src_cpu].misfit_task_load = eas_update_misfit_status(
			&L.sys, &L.tasks[0].task, L.env.src_cpu);
	err = eas_load_balance(&L.sys, &L.env, g, MAXC, cm, &res);
	assert_int_equal(err, EAS_OK);
	assert_int_equal(ref_load_balance(&L.sys, &L.env, &ref), 0);
	st->runs++;

#define CHECK(a, b)                                                            \
	do {                                                                   \
		if ((long long)(a) != (long long)(b)) {                        \
			fprintf(stderr,                                        \
				"iter %lu %s: %s = %lld, oracle %lld\n", iter, \
				eas_kernel_name(pf->kernel), #a,               \
				(long long)(a), (long long)(b));               \
			fail();                                                \
		}                                                              \
	} while (0)

	CHECK(res.overutilized, ref.overutilized);
	CHECK(res.nr_groups, (uint32_t)ref.nr_groups);
	for (i = 0; i < res.nr_groups; i++) {
		CHECK(g[i].first_cpu, (uint32_t)ref.group_first[i]);
		CHECK(g[i].group_type, ref.group_type[i]);
		CHECK(g[i].group_misfit_task_load, ref.group_misfit[i]);
		if (!g[i].local)
			CHECK(g[i].avg_load, ref.group_avg_load[i]);
	}
	CHECK(res.busiest_group >= 0 ? (int)g[res.busiest_group].first_cpu : -1,
	      ref.busiest_first);
	if (ref.busiest_first >= 0) {
		CHECK(res.src_grp_type, ref.src_grp_type);
		CHECK(res.migration_type, ref.migration_type);
		CHECK((int64_t)res.imbalance, ref.imbalance);
		st->busiest++;
	}
	CHECK(res.busiest_cpu, ref.busiest_cpu);
	CHECK(res.nr_detached, (uint32_t)ref.nr_detached);
	CHECK(res.all_pinned, ref.all_pinned);
	CHECK(res.reached, ref.reached);
	CHECK(res.nr_balance_failed_seen, ref.nr_balance_failed_seen);
	CHECK(res.nr_balance_failed_after_known,
	      ref.nr_balance_failed_after_known);
	CHECK(res.nr_balance_failed_after, ref.nr_balance_failed_after);
	CHECK(res.rule, ref.rule);
	CHECK(res.need_active_balance, ref.rule != 0);
	CHECK(res.detach_one_index, ref.detach_one);
	for (i = 0; i < L.env.nr_src_tasks; i++) {
		CHECK(cm[i].ok, ref.cm_ok[i]);
		CHECK(cm[i].reason, ref.cm_reason[i]);
	}
	if (pf->kernel == EAS_KERNEL_V7_1) {
		struct eas_platform pf619 = *pf;
		struct eas_system s619 = L.sys;
		struct eas_sg_stats g619[MAXC];
		struct eas_lb_result r619;
		bool differ = false;

		pf619.kernel = EAS_KERNEL_V6_19;
		pf619.flavour = &eas_kernel_v6_19;
		s619.pf = &pf619;
		assert_int_equal(eas_load_balance(&s619, &L.env, g619, MAXC,
						  NULL, &r619),
				 EAS_OK);
		for (i = 0; i < res.nr_groups; i++)
			if (g619[i].group_type != g[i].group_type)
				differ = true;
		if (differ || r619.busiest_group != res.busiest_group ||
		    r619.imbalance != res.imbalance)
			st->v71_differs++;
	}
	if (res.reached)
		st->reached++;
	st->ends[res.busiest_group < 0				      ? 0 :
		 res.busiest_cpu < 0				      ? 1 :
		 res.busiest_cpu != (int32_t)L.env.src_cpu	      ? 2 :
		 res.nr_detached				      ? 3 :
		 res.all_pinned && res.nr_balance_failed_after_known  ? 4 :
		 res.all_pinned					      ? 5 :
		 res.nr_balance_failed_seen > L.env.nr_balance_failed ? 6 :
									7]++;
	st->rules[res.rule]++;
	if (res.kick)
		st->kicks++;

	/* misfit on a random CPU / task */
	if (L.env.nr_src_tasks) {
		uint32_t cpu = (uint32_t)rr(s, 0, pf->nr_cpus - 1);

		CHECK(eas_update_misfit_status(&L.sys, &L.tasks[0].task, cpu),
		      ref_misfit_task_load(&L.sys, &L.tasks[0].task, (int)cpu));
	}
}

static void run_diff(enum eas_kernel k, uint64_t seed, unsigned long iters)
{
	uint64_t s = seed;
	struct stats st;
	unsigned long it;

	memset(&st, 0, sizeof(st));
	for (it = 0; it < iters;) {
		struct eas_platform *pf = pick_platform(&s, k);
		unsigned j;

		for (j = 0; j < 50 && it < iters; j++, it++)
			compare_one(&s, pf, &st, it);
		fix_free(pf);
	}
	printf("%s: %lu landscapes, %lu with a busiest group, %lu reach the "
	       "kick, rules asym %lu reduced %lu misfit %lu failed %lu, %lu "
	       "kicks\n",
	       eas_kernel_name(k), st.runs, st.busiest, st.reached, st.rules[1],
	       st.rules[2], st.rules[3], st.rules[4], st.kicks);
	printf("%s: ends: no group %lu, no rq %lu, other busiest %lu, moved "
	       "%lu, all pinned %lu (+%lu redo), reached %lu (+%lu newidle / "
	       "misfit)\n",
	       eas_kernel_name(k), st.ends[0], st.ends[1], st.ends[2],
	       st.ends[3], st.ends[4], st.ends[5], st.ends[6], st.ends[7]);
	if (k == EAS_KERNEL_V7_1) {
		printf("v7.1: %lu passes decide differently from v6.19\n",
		       st.v71_differs);
		assert_true(st.v71_differs > 20);
	}
	/* the generator must exercise every rule and the kick, and every end
	 * of the pass for sd->nr_balance_failed */
	for (it = 0; it < 8; it++)
		assert_true(st.ends[it] > 0);
	assert_true(st.busiest > iters / 20);
	assert_true(st.reached > 0);
	assert_true(st.rules[EAS_LB_RULE_ASYM_PACKING] > 0);
	assert_true(st.rules[EAS_LB_RULE_REDUCED_CAPACITY] > 0);
	assert_true(st.rules[EAS_LB_RULE_MISFIT] > 0);
	assert_true(st.rules[EAS_LB_RULE_FAILED_BALANCE] > 0);
	assert_true(st.kicks > 0);
}

static void test_diff_v54(void **state)
{
	(void)state;
	run_diff(EAS_KERNEL_V5_4, 0x5a4b1a5eull, 40000);
}

static void test_diff_v619(void **state)
{
	(void)state;
	run_diff(EAS_KERNEL_V6_19, 0x619ba1a5ull, 40000);
}

/* v7.1 on the v6.19 landscapes (same seed) */
static void test_diff_v71(void **state)
{
	(void)state;
	run_diff(EAS_KERNEL_V7_1, 0x619ba1a5ull, 40000);
}

/* need_active_balance() on random explicit inputs */
static void test_diff_nab(void **state)
{
	uint64_t s = 0xabcdefull;
	unsigned k, it;

	(void)state;
	for (k = 0; k < 3; k++) {
		enum eas_kernel kern = (enum eas_kernel)k;
		struct eas_platform *pf = fix_hikey960(kern, 0);
		struct land L;

		for (it = 0; it < 20000; it++) {
			struct eas_nab_input in;

			make_land(&s, pf, &L);
			memset(&in, 0, sizeof(in));
			in.src_cpu = L.env.src_cpu;
			in.dst_cpu = L.env.dst_cpu;
			in.idle = (enum eas_lb_idle)rr(&s, 0, 2);
			in.nr_balance_failed = (uint32_t)rr(&s, 0, 8);
			in.imbalance_pct = (uint32_t)rr(&s, 100, 130);
			in.cache_nice_tries = (uint32_t)rr(&s, 0, 2);
			in.sd_flags = rr(&s, 0, 2) ? 0 : EAS_SD_ASYM_PACKING;
			in.asym_prio = rr(&s, 0, 1) ? L.prio : NULL;
			in.src_grp_type = rr(&s, 0, 1) ? EAS_GROUP_MISFIT_TASK :
							 EAS_GROUP_OVERLOADED;
			in.migration_type =
				(enum eas_migration_type)rr(&s, 0, 3);
			assert_int_equal(eas_need_active_balance(&L.sys, &in),
					 ref_need_active_balance(&L.sys, &in));
		}
		fix_free(pf);
	}
}

/* 4096 CPUs (1024 clusters of 4): a misfit task on CPU 0 is found from an
 * idle biggest CPU at the root, in both flavours; caller buffers only. */
static void test_4096_cpus(void **state)
{
	unsigned k;

	(void)state;
	for (k = 0; k < 2; k++) {
		enum eas_kernel kern = k ? EAS_KERNEL_V6_19 : EAS_KERNEL_V5_4;
		struct fix_gen_params gp;
		struct eas_platform *pf;
		struct eas_rq *rq;
		struct eas_sg_stats *g;
		struct eas_system sys;
		struct eas_lb_env env;
		struct eas_lb_task t;
		struct eas_lb_result res;
		uint32_t n = 4096, c, dst;

		memset(&gp, 0, sizeof(gp));
		gp.nr_cpus = n;
		gp.nr_pds = k ? n / 4 : 2; /* v5.4: EM complexity limit */
		gp.nr_states = 3;
		gp.seed = 42;
		pf = fix_generated(&gp, kern, 0);
		rq = calloc(n, sizeof(*rq));
		g = calloc(EAS_LB_MAX_GROUPS(n), sizeof(*g));
		assert_non_null(rq);
		assert_non_null(g);
		for (c = 0; c < n; c++)
			eas_rq_init(&rq[c]);
		dst = n - 1; /* last domain: capacity 1024 */
		assert_int_equal(pf->cpus[dst].capacity, 1024);
		assert_true(pf->cpus[0].capacity * 1078 < 1024 * 1024);
		memset(&t, 0, sizeof(t));
		eas_task_init(&t.task);
		t.task.util_avg = t.task.util_est = pf->cpus[0].capacity;
		t.task.util_est_ewma = t.task.util_est_enqueued =
			t.task.util_avg;
		t.task.h_load = 300;
		t.task.is_current = true;
		rq[0].util_avg = t.task.util_avg;
		rq[0].runnable_avg = rq[0].util_avg;
		rq[0].load_avg = rq[0].runnable_load_avg = 300;
		rq[0].nr_running = rq[0].h_nr_running = 1;
		rq[0].idle = false;
		sys.pf = pf;
		sys.rq = rq;
		sys.features = eas_features_default(kern);
		sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
		sys.jiffies = 0;
		sys.hz = 250;
		rq[0].misfit_task_load =
			eas_update_misfit_status(&sys, &t.task, 0);
		assert_int_equal(rq[0].misfit_task_load, 300);
		eas_lb_env_init(&env, 0, dst);
		env.src_tasks = &t;
		env.nr_src_tasks = 1;
		assert_int_equal(
			eas_load_balance(&sys, &env, g,
					 (uint32_t)EAS_LB_MAX_GROUPS(n), NULL,
					 &res),
			EAS_OK);
		assert_int_equal(res.nr_groups, k ? n / 4 : 2);
		assert_int_equal(g[0].first_cpu, k ? n - 4 : n / 2);
		assert_int_equal(res.busiest_cpu, 0);
		assert_true(res.reached);
		assert_int_equal(res.rule, EAS_LB_RULE_MISFIT);
		free(g);
		free(rq);
		fix_free(pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_v54),
		cmocka_unit_test(test_diff_v619),
		cmocka_unit_test(test_diff_v71),
		cmocka_unit_test(test_diff_nab),
		cmocka_unit_test(test_4096_cpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
