/* SPDX-License-Identifier: MIT */
/*
 * The simulator's RT class, RT bandwidth and idle governor against
 * hand-derived timelines (kernel/sched/rt.c, cpupri.c, deadline.c's fair
 * server, drivers/cpuidle/governors/teo.c of each flavour). Every expected
 * sched_switch below is derived in the comment above it.
 *
 * Platforms: symmetric CPUs of capacity 1024 with one OPP (rt-app `run` us
 * = CPU us), HZ 250 (ticks at 4 ms multiples). The RT tasks' kernel prio is
 * 99 - rt priority (lower = higher priority).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "libeas/error.h"
#include "libeas/json.h"
#include "libeas/rtapp.h"
#include "libeas/sim.h"

#include "../../lib/sim/sim_internal.h" /* eas__sim_check() */

/* two CPUs in one perf domain (one MC domain: SD_WAKE_AFFINE) */
static const char plat2[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0, 1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* three CPUs */
static const char plat3[] __attribute__((unused)) =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"three-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024},"
	"              {\"cpu\":2,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0, 1, 2], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* one CPU */
static const char plat1[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

struct run {
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
	char *tl; /* "T cpuN prev>next\n" per sched_switch, T in us */
};

static void append(char **out, size_t *n, size_t *cap, const char *item)
{
	size_t l = strlen(item);

	if (*n + l + 1 > *cap) {
		*cap = (*n + l + 1) * 2;
		*out = realloc(*out, *cap);
		assert_non_null(*out);
	}
	memcpy(*out + *n, item, l + 1);
	*n += l;
}

/* Run wl on plat for ms with a trace; r->tl is the switch timeline. */
static void run_sim(struct run *r, const char *plat, enum eas_kernel k,
		    const char *wl, uint64_t ms)
{
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	char err[256], line[512];
	size_t n = 0, cap = 0;
	FILE *tr = tmpfile();
	int e;

	assert_non_null(tr);
	memset(r, 0, sizeof(*r));
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = ms * 1000000ull;
	cfg.trace = tr;
	e = eas_json_platform_load(plat, strlen(plat), k, 0, &r->jp, &d);
	if (e)
		fprintf(stderr, "platform: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	e = eas_rtapp_load(wl, strlen(wl), &r->w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	r->s = eas_sim_create(&r->jp, &r->w, &cfg, &e, err, sizeof(err));
	if (!r->s)
		fprintf(stderr, "create: %s\n", err);
	assert_non_null(r->s);
	assert_int_equal(eas_sim_run(r->s, 0), 0);
	/* the trace is written at the end of the run */
	rewind(tr);
	append(&r->tl, &n, &cap, "");
	while (fgets(line, sizeof(line), tr)) {
		char *p = strstr(line, "sched_switch:"), *q, *b;
		char pc[64], nc[64], item[200];
		unsigned long sec, us, cpu;

		if (!p)
			continue;
		b = strchr(line, '[');
		assert_non_null(b);
		assert_int_equal(sscanf(b, "[%lu]", &cpu), 1);
		q = p - 1;
		while (q > line && q[-1] == ' ')
			q--;
		while (q > line && q[-1] != ' ')
			q--;
		assert_int_equal(sscanf(q, "%lu.%lu:", &sec, &us), 2);
		assert_int_equal(
			sscanf(strstr(p, "prev_comm="), "prev_comm=%63s", pc),
			1);
		assert_int_equal(
			sscanf(strstr(p, "next_comm="), "next_comm=%63s", nc),
			1);
		snprintf(item, sizeof(item), "%lu cpu%lu %s>%s\n",
			 sec * 1000000 + us, cpu, pc, nc);
		append(&r->tl, &n, &cap, item);
	}
	fclose(tr);
}

static void run_free(struct run *r)
{
	eas_sim_free(r->s);
	eas_rtapp_free(&r->w);
	eas_json_platform_free(&r->jp);
	free(r->tl);
}

static void expect_tl(const struct run *r, const char *want)
{
	if (strcmp(r->tl, want))
		fprintf(stderr, "want:\n%sgot:\n%s", want, r->tl);
	assert_string_equal(r->tl, want);
}

/*
 * Push. lo (FIFO 10, kernel prio 89) starts at 0 on CPU 0 (idle: stays,
 * select_task_rq_rt() `test` is false), runs 10 ms. hi (FIFO 20, prio 79)
 * starts at 2 ms, also from CPU 0: select_task_rq_rt() test = curr lo is
 * RT && (lo pinned || lo->prio 89 <= hi->prio 79) = false, so hi stays on
 * CPU 0 and preempts lo (check_preempt_curr_rt(): 79 < 89);
 * task_woken_rt() does nothing (need_resched is set). After the switch,
 * set_next_task_rt() -> rt_queue_push_tasks(): lo is pushable,
 * push_rt_task(): lo does not preempt hi, find_lowest_rq(lo): cpupri of
 * CPU 0 is hi's, of CPU 1 CPUPRI_NORMAL (idle); the lowest level below lo
 * is NORMAL = {1}; task_cpu(lo) = 0 and this_cpu = 0 are not in it; the MC
 * domain (SD_WAKE_AFFINE) gives CPU 1 (v5.4 cpumask_first_and(), v6.19
 * cpumask_any_and_distribute() after CPU 0's distribute_cpu_mask_prev 0);
 * CPU 1's highest prio 100 (none) > 89: lo moves at 2 ms and runs its last
 * 8 ms there (ends at 10 ms). hi ends at 5 ms. The simulator's earlier RT
 * placement sent hi to idle CPU 1 instead ("2000 cpu1 swapper/1>hi").
 */
static const char push_wl[] =
	"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
	"  \"tasks\": {"
	"   \"lo\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
	"           \"run\": 10000 },"
	"   \"hi\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 20,"
	"           \"delay\": 2000, \"run\": 3000 } } }";

static void test_push(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;
		const struct eas_sim_stats *st;

		run_sim(&r, plat2, ks[i], push_wl, 20);
		expect_tl(&r, "0 cpu0 swapper/0>lo\n"
			      "2000 cpu0 lo>hi\n"
			      "2000 cpu1 swapper/1>lo\n"
			      "5000 cpu0 hi>swapper/0\n"
			      "10000 cpu1 lo>swapper/1\n");
		st = eas_sim_stats(r.s);
		assert_int_equal(st->rt_push_migrations, 1);
		run_free(&r);
	}
}

/*
 * Pull. c (FIFO 40, prio 59) is pinned to CPU 1 and runs 5 ms from 0; a
 * (FIFO 30, prio 69) runs 10 ms on CPU 0 from 0. b (FIFO 20, prio 79)
 * starts at 1 ms from CPU 0: select_task_rq_rt() test = curr a is RT &&
 * a->prio 69 <= 79: find_lowest_rq(b): b's cpupri is 21, CPU 0 is at 31
 * (a), CPU 1 at 41 (c): no level below 21 has a CPU (cpupri_find() 0),
 * so -1 and b stays queued on CPU 0 behind a; task_woken_rt() pushes, and
 * push_rt_task() finds no lower CPU either. At 5 ms c exits on CPU 1:
 * __schedule() -> balance_rt(): c is off the rt_rq and CPU 1's highest
 * prio (100, none) > c's 59 (need_pull_rt_task()): pull_rt_task(): one
 * overloaded CPU (0, b pushable), not CPU 1 itself; RT_PUSH_IPI:
 * tell_cpu_to_push() -> CPU 0's push_rt_tasks(): find_lowest_rq(b) now
 * has CPU 1 at CPUPRI_NORMAL: b moves to CPU 1, which runs it at 5 ms
 * (IPI latency not modelled) to 8 ms; a ends at 10 ms. Without the pull b
 * would wait for a: "10000 cpu0 a>b", "13000 cpu0 b>swapper/0".
 */
static const char pull_wl[] =
	"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
	"  \"tasks\": {"
	"   \"c\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 40,"
	"           \"cpus\": [1], \"run\": 5000 },"
	"   \"a\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 30,"
	"           \"cpus\": [0, 1], \"run\": 10000 },"
	"   \"b\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 20,"
	"           \"cpus\": [0, 1], \"delay\": 1000, \"run\": 3000 } } }";

static void test_pull(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;

		run_sim(&r, plat2, ks[i], pull_wl, 20);
		expect_tl(&r, "0 cpu1 swapper/1>c\n"
			      "0 cpu0 swapper/0>a\n"
			      "5000 cpu1 c>b\n"
			      "8000 cpu1 b>swapper/1\n"
			      "10000 cpu0 a>swapper/0\n");
		assert_int_equal(eas_sim_stats(r.s)->rt_push_migrations, 1);
		run_free(&r);
	}
}

/*
 * RT throttling, v5.4 (kernel/sched/rt.c, !CONFIG_RT_GROUP_SCHED, one
 * CPU so RT_RUNTIME_SHARE has nobody to borrow from). hog (FIFO 50) needs
 * 2000 ms of CPU, c (CFS) 150 ms; both start at 0, hog runs.
 * start_rt_bandwidth() at hog's enqueue: the period timer runs at once
 * (every rt_time 0: nothing) and then at 1000, 2000 ms.
 * update_curr_rt() at each tick adds to rt_time; sched_rt_runtime_exceeded()
 * when rt_time > 950 ms: the tick at 948 ms gives 948 (no), 952 ms gives
 * 952 > 950: throttled, resched: c runs at 952. do_sched_rt_period_timer()
 * at 1000: rt_time 952 - min(952, 950) = 2 < 950: unthrottled, hog runs.
 * Next: 2 + (t - 1000) > 950 first at the tick t = 1952 (954): c runs; at
 * 2000 rt_time 4: hog runs its last 2000 - 952 - 952 = 96 ms to 2096;
 * c has run 48 + 48 ms and ends its 150 ms at 2096 + 54 = 2150. Time
 * throttled: 952-1000, 1952-2000 = 96 ms.
 */
static const char hog_wl[] =
	"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
	"  \"tasks\": {"
	"   \"hog\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 50,"
	"           \"cpus\": [0], \"run\": 2000000 },"
	"   \"c\": { \"loop\": 1, \"cpus\": [0], \"run\": 150000 } } }";

static void test_throttle_v54(void **state)
{
	struct run r;
	const struct eas_sim_stats *st;

	(void)state;
	run_sim(&r, plat1, EAS_KERNEL_V5_4, hog_wl, 2300);
	expect_tl(&r, "0 cpu0 swapper/0>hog\n"
		      "952000 cpu0 hog>c\n"
		      "1000000 cpu0 c>hog\n"
		      "1952000 cpu0 hog>c\n"
		      "2000000 cpu0 c>hog\n"
		      "2096000 cpu0 hog>c\n"
		      "2150000 cpu0 c>swapper/0\n");
	st = eas_sim_stats(r.s);
	assert_int_equal(st->cpus[0].rt_throttled_ns, 96000000ull);
	assert_int_equal(st->rt_throttled_ns, 96000000ull);
	run_free(&r);
}

/*
 * v5.4 RT_RUNTIME_SHARE (features.h: true): the same hog and CFS task
 * pinned to CPU 0 of two CPUs. At the tick of 952 ms rt_time 952 > 950:
 * balance_runtime() -> do_balance_runtime(): CPU 1's spare 950 - 0, / 2
 * CPUs = 475, capped at rt_period - 950 = 50: CPU 0's runtime becomes
 * 1000 ms = the period, so sched_rt_runtime_exceeded() returns 0 from then
 * on (runtime >= period): never throttled, c waits for the hog (2000 ms)
 * and runs 2000-2150.
 */
static void test_throttle_v54_runtime_share(void **state)
{
	struct run r;

	(void)state;
	run_sim(&r, plat2, EAS_KERNEL_V5_4, hog_wl, 2300);
	expect_tl(&r, "0 cpu0 swapper/0>hog\n"
		      "2000000 cpu0 hog>c\n"
		      "2150000 cpu0 c>swapper/0\n");
	assert_int_equal(eas_sim_stats(r.s)->rt_throttled_ns, 0);
	run_free(&r);
}

/*
 * v6.19 / v7.1: no RT throttling of the root rt_rq (update_curr_rt()
 * accounts rt_time only under CONFIG_RT_GROUP_SCHED); the fair server
 * (deadline.c fair_server_init(): 50 ms per 1000 ms, deferred) gives CFS
 * its share. c's enqueue at 0 starts it (enqueue_task_fair():
 * dl_server_start()): replenish_dl_new_period(): deadline 1000, runtime
 * 50, throttled with the timer at the zero-laxity time deadline - runtime
 * = 950 ms. c never runs in the background, so at 950 dl_server_timer():
 * 950 is not before 1000 - 50 - dl_server_min_res 1: dl_defer_running,
 * enqueue_dl_entity(ENQUEUE_REPLENISH) -> replenish_dl_entity():
 * dl_defer_armed and dl_entity_overflow() (50 ms left, 50 ms to the
 * deadline): deadline 950 + 1000 = 1950, runtime 50; the server runs
 * above RT: c runs 950-1000, the runtime is used up (throttled,
 * start_dl_timer(): not armed, dl_next_period() = 1950). At 1950 the
 * timer replenishes (deadline 2950) and, dl_defer_running still set, the
 * server runs at once: c runs 1950-2000. (The model reaches the same
 * times another way: a new deferred period [1000, 2000) with zero laxity
 * at 1950; docs/simulator.md.) The hog has run 950 + 950 ms and ends at
 * 2100; c has 100 ms and ends at 2150. RT held off: 100 ms.
 */
static void test_fair_server(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;

		run_sim(&r, plat1, ks[i], hog_wl, 2300);
		expect_tl(&r, "0 cpu0 swapper/0>hog\n"
			      "950000 cpu0 hog>c\n"
			      "1000000 cpu0 c>hog\n"
			      "1950000 cpu0 hog>c\n"
			      "2000000 cpu0 c>hog\n"
			      "2100000 cpu0 hog>c\n"
			      "2150000 cpu0 c>swapper/0\n");
		assert_int_equal(eas_sim_stats(r.s)->rt_throttled_ns,
				 100000000ull);
		run_free(&r);
	}
}

/*
 * Equal priority, pinned wakee. a (FIFO 10, CPUs 0-1) runs 10 ms from 0 on
 * CPU 0. b (FIFO 10, pinned to CPU 0) starts at 2 ms: select_task_rq_rt():
 * test true (a->prio 89 <= 89) but find_lowest_rq(b) is -1 (pinned): CPU
 * 0. check_preempt_curr_rt() / wakeup_preempt_rt(): equal prio, no
 * reschedule pending: check_preempt_equal_prio(): a may run on 2 CPUs and
 * cpupri_find(a) finds CPU 1 (idle, CPUPRI_NORMAL); b is pinned:
 * requeue_task_rt(b, head), resched: b runs at 2 ms; after the switch
 * push_rt_tasks() sends a to CPU 1 (find_lowest_rq(): CPU 1), where it
 * runs its last 8 ms. Without the rule b would wait for a (FIFO among
 * equals; task_woken_rt() does not push: b is pinned): "10000 cpu0 a>b".
 */
static void test_equal_prio_pinned_wakee(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"a\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"           \"run\": 10000 },"
		"   \"b\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"           \"cpus\": [0], \"delay\": 2000, \"run\": 3000 } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;

		run_sim(&r, plat2, ks[i], wl, 20);
		expect_tl(&r, "0 cpu0 swapper/0>a\n"
			      "2000 cpu0 a>b\n"
			      "2000 cpu1 swapper/1>a\n"
			      "5000 cpu0 b>swapper/0\n"
			      "10000 cpu1 a>swapper/1\n");
		run_free(&r);
	}
}

/*
 * switched_from_rt(): a running RT thread turning SCHED_OTHER leaves no RT
 * task on its CPU: pull_rt_task(). y (FIFO 20, CPUs 0-1) starts at 0 on
 * idle CPU 0; x (FIFO 30) starts at 0 from CPU 0 too: y does not stop it
 * (select_task_rq_rt() test: y->prio 79 <= x->prio 69 is false), x
 * preempts y and push_rt_tasks() moves y to idle CPU 1. At 1 ms z (FIFO
 * 40, pinned to CPU 1) starts and preempts y; the push finds no CPU below
 * y (CPU 0 at x's level): y waits on CPU 1. At 2 ms x begins its second
 * phase, SCHED_OTHER (rt-app's set_thread_param() by the thread itself):
 * __sched_setscheduler() -> switched_from_rt(): x is queued, CPU 0 has no
 * RT task: pull: CPU 1 is overloaded (y pushable): its push_rt_tasks()
 * finds CPU 0 at CPUPRI_NORMAL: y moves there and preempts x at 2 ms,
 * runs its last 2 ms to 4 ms; x (CFS) runs its 5 ms to 9 ms; z ends at
 * 11 ms. Without the pull y would wait for z (11 ms).
 */
static void test_switched_from_rt_pull(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"y\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 20,"
		"           \"run\": 3000 },"
		"   \"x\": { \"loop\": 1, \"phases\": {"
		"      \"p1\": { \"policy\": \"SCHED_FIFO\", \"priority\": 30,"
		"               \"run\": 2000 },"
		"      \"p2\": { \"policy\": \"SCHED_OTHER\", \"priority\": 0,"
		"               \"run\": 5000 } } },"
		"   \"z\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 40,"
		"           \"cpus\": [1], \"delay\": 1000, \"run\": 10000 } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;

		run_sim(&r, plat2, ks[i], wl, 20);
		expect_tl(&r, "0 cpu0 swapper/0>y\n"
			      "0 cpu0 y>x\n"
			      "0 cpu1 swapper/1>y\n"
			      "1000 cpu1 y>z\n"
			      "2000 cpu0 x>y\n"
			      "4000 cpu0 y>x\n"
			      "9000 cpu0 x>swapper/0\n"
			      "11000 cpu1 z>swapper/1\n");
		run_free(&r);
	}
}

/* two little (512) and two big (1024) CPUs in two clusters: MC and PKG
 * domains, SD_ASYM_CPUCAPACITY at PKG */
static const char plat4[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"2+2\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":512}, {\"cpu\":1,\"capacity\":512},"
	"              {\"cpu\":2,\"capacity\":1024}, {\"cpu\":3,\"capacity\":1024} ],"
	"  \"perf_domains\": ["
	"   { \"cpus\": [0, 1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 50000} ] },"
	"   { \"cpus\": [2, 3], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 200000} ] } ],"
	"  \"clusters\": [[0, 1], [2, 3]] }";

/*
 * RT capacity awareness (v6.19 / v7.1 rt_task_fits_capacity(); v5.4 has
 * none). The workload sets util_min (on c), so uclamp is built and used;
 * r (FIFO 10) has no util_min: its uclamp_min is
 * sysctl_sched_uclamp_util_min_rt_default, 1024. r starts from CPU 0
 * (idle): select_task_rq_rt() test false, but rt_task_fits_capacity(r,
 * 0): 512 >= min(1024, 1024) fails: find_lowest_rq(r):
 * cpupri_find_fitness(): CPUPRI_NORMAL holds every CPU, the fitness keeps
 * {2, 3}; r's CPU 0 and this_cpu 0 are not in it; MC {0, 1} has none of
 * them; PKG {0-3}: cpumask_any_and_distribute() after CPU 0's
 * distribute_cpu_mask_prev 0: CPU 2, which fits (the `!test` bail-out
 * does not apply) and runs nothing RT: r starts on CPU 2. v5.4: r stays on
 * idle CPU 0. s (FIFO 10, util_min 400) fits CPU 0 (512 >= 400): stays.
 */
static void test_rt_capacity_fitness(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU2\" },"
		"  \"tasks\": {"
		"   \"r\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"           \"run\": 1000 },"
		"   \"s\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"           \"util_min\": 400, \"delay\": 5000, \"run\": 1000 },"
		"   \"c\": { \"loop\": 1, \"util_min\": 100, \"delay\": 10000,"
		"           \"run\": 100 } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;
		const struct eas_sim_stats *st;

		run_sim(&r, plat4, ks[i], wl, 20);
		st = eas_sim_stats(r.s);
		assert_string_equal(st->tasks[0].comm, "r");
		assert_int_equal(st->tasks[0].main_cpu,
				 ks[i] == EAS_KERNEL_V5_4 ? 0 : 2);
		assert_string_equal(st->tasks[1].comm, "s");
		assert_int_equal(st->tasks[1].main_cpu, 0);
		run_free(&r);
	}
}

/* one CPU, two OPPs */
static const char plat1_2opp[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-2opp\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_uw\": 30000},"
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/*
 * The RT uclamp_min default (v5.4 __setscheduler_uclamp() / uclamp_fork():
 * "RT tasks always get 100% boost"; v6.19 / v7.1
 * sysctl_sched_uclamp_util_min_rt_default 1024). The workload uses uclamp
 * (c's util_min; c starts after the window), so v6.19's
 * effective_cpu_util() does not take the `!uclamp_is_used()` RT shortcut
 * to the maximum: the frequency comes from util and the rq's uclamp_min,
 * which the running r (no util_min) raises to 1024: the domain stays at
 * 1 GHz for the 20 ms r runs (v5.4's schedutil_cpu_util() returns the
 * maximum whenever RT is runnable). With r's uclamp_min taken as 0 the
 * v6.19 domain dropped to 500 MHz at the first update.
 */
static void test_rt_uclamp_boost(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"r\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"           \"run\": 30000 },"
		"   \"c\": { \"loop\": 1, \"util_min\": 100, \"delay\": 40000,"
		"           \"run\": 100 } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;
		const struct eas_sim_pd_stats *pd;

		run_sim(&r, plat1_2opp, ks[i], wl, 20);
		pd = &eas_sim_stats(r.s)->pds[0];
		assert_int_equal(pd->nr_states, 2);
		assert_int_equal(pd->residency_ns[0], 0);
		assert_int_equal(pd->residency_ns[1], 20000000ull);
		run_free(&r);
	}
}

/* one CPU with three idle states: WFI (target residency 1 us), SLEEP
 * (1.5 ms), OFF (5 ms); exit latencies 1, 500, 1000 us (no entry) */
static const char plat1_idle[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-idle\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ],"
	"  \"idle_states\": ["
	"   { \"name\": \"WFI\", \"exit_latency_us\": 1, \"min_residency_us\": 1,"
	"     \"power_uw\": 3000 },"
	"   { \"name\": \"SLEEP\", \"exit_latency_us\": 500,"
	"     \"min_residency_us\": 1500, \"power_uw\": 1000 },"
	"   { \"name\": \"OFF\", \"exit_latency_us\": 1000,"
	"     \"min_residency_us\": 5000, \"power_uw\": 0,"
	"     \"power_known\": true } ] }";

/*
 * TEO, a short predicted idle. p runs 1 ms every 2 ms (rt-app timer): the
 * CPU is idle 1-2, 3-4, ... ms, each time with p's timer 1 ms ahead. The
 * idle period at boot ends at 0 with no residency (no state entered).
 * v6.19 / v7.1 teo_select() at 1 ms: no previous state to update, all
 * metrics 0: the candidate is the deepest (OFF); 2 * intercepts 0 > total
 * 0 - hits 0 is false; OFF's target 5 ms is not < RESIDENCY_THRESHOLD
 * 15 us so the sleep length is read: tick_nohz_get_sleep_length() = 1 ms
 * < 5 ms: teo_find_shallower_state(): SLEEP (1.5 ms > 1 ms), WFI (1 us
 * <= 1 ms): WFI; 1 ms < TICK_NSEC 4 ms but WFI is state 0 (idx > idx0
 * fails): WFI. Later periods: teo_update(): the timer bin (WFI: 1 us <=
 * 1 ms < 1.5 ms) is the duration bin (measured 1 ms + 1 us exit - 0.5 us):
 * a hit (v7.1 also: sleep length - measured = -0.5 us < lat / 2); no
 * intercepts, the same choice: WFI every time.
 * v5.4 teo_select(): the deepest state with target <= 1000 us is WFI
 * (SLEEP's 1500 > 1000 ends the scan); no early hits; state 0: WFI; its
 * teo_update(): the span (1001 us) >= the sleep length: measured UINT_MAX,
 * a hit for WFI, and the same again.
 * In 9.5 ms: idle 1-2, 3-4, 5-6, 7-8, 9-9.5: 5 WFI entries, 4.5 ms.
 * q, the same with a 10 ms period (idle 1-10 ms, timer 9 ms ahead): OFF
 * (5 ms <= 9 ms) in every flavour. Always entering the deepest state (the
 * simulator before TEO) gave OFF for both.
 */
static void test_teo_shallow_for_short_idle(void **state)
{
	static const char p_wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": { \"p\": { \"loop\": -1, \"run\": 1000,"
		"   \"timer\": { \"ref\": \"unique\", \"period\": 2000 } } } }";
	static const char q_wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": { \"q\": { \"loop\": -1, \"run\": 1000,"
		"   \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	struct run r;
	const struct eas_sim_cpu_stats *c;
	struct eas_sim_config cfg;
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		/* 9.5 ms: run_sim() takes whole ms; step to 9.5 ms by hand */
		struct eas_json_diag d;
		char err[256];
		int e;

		memset(&r, 0, sizeof(r));
		memset(&cfg, 0, sizeof(cfg));
		cfg.duration_ns = 9500000ull;
		assert_int_equal(eas_json_platform_load(plat1_idle,
							strlen(plat1_idle),
							ks[i], 0, &r.jp, &d),
				 0);
		assert_int_equal(eas_rtapp_load(p_wl, strlen(p_wl), &r.w, &d),
				 0);
		r.s = eas_sim_create(&r.jp, &r.w, &cfg, &e, err, sizeof(err));
		assert_non_null(r.s);
		assert_int_equal(eas_sim_run(r.s, 0), 0);
		c = &eas_sim_stats(r.s)->cpus[0];
		assert_int_equal(c->nr_idle_states, 3);
		assert_int_equal(c->idle_entries[0], 5);
		assert_int_equal(c->idle_entries[1], 0);
		assert_int_equal(c->idle_entries[2], 0);
		assert_int_equal(c->idle_residency_ns[0], 4500000ull);
		assert_int_equal(c->idle_residency_ns[1], 0);
		assert_int_equal(c->idle_residency_ns[2], 0);
		/* idle energy from WFI's power: 4.5 ms x 3000 uW = 13.5 uJ */
		assert_int_equal(c->idle_energy_uj, 13);
		run_free(&r);

		run_sim(&r, plat1_idle, ks[i], q_wl, 30);
		c = &eas_sim_stats(r.s)->cpus[0];
		/* idle 1-10, 11-20, 21-30 ms: OFF each time */
		assert_int_equal(c->idle_entries[0], 0);
		assert_int_equal(c->idle_entries[1], 0);
		assert_int_equal(c->idle_entries[2], 3);
		assert_int_equal(c->idle_residency_ns[2], 27000000ull);
		run_free(&r);
	}
}

/* two CPUs with the idle states of plat1_idle */
static const char plat2_idle[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-idle\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0, 1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ],"
	"  \"idle_states\": ["
	"   { \"name\": \"WFI\", \"exit_latency_us\": 1, \"min_residency_us\": 1,"
	"     \"power_uw\": 3000 },"
	"   { \"name\": \"SLEEP\", \"exit_latency_us\": 500,"
	"     \"min_residency_us\": 1500, \"power_uw\": 1000 },"
	"   { \"name\": \"OFF\", \"exit_latency_us\": 1000,"
	"     \"min_residency_us\": 5000, \"power_uw\": 0,"
	"     \"power_known\": true } ] }";

/*
 * TEO intercepts. s (pinned to CPU 0) waits on a condition that w (pinned
 * to CPU 1) signals every 1 ms: CPU 0's idle periods end by a wake-up from
 * CPU 1, never by a timer of its own (sleep length KTIME_MAX). s runs
 * 0.1 ms per signal, so CPU 0 is idle 0-1 ms, then 0.9 ms per period.
 * The residency the governor sees (cpuidle_enter_state()'s
 * last_residency_ns) runs until the CPU is out of the state: + the
 * state's exit latency.
 * v6.19 / v7.1: 1st period, no history: the deepest, OFF. teo_update():
 * measured 1000 + 1000 - 1000 / 2 = 1500 us reaches SLEEP's target
 * (1500), the timer bin is OFF's: an intercept in bin 1 (total 1024).
 * teo_select(): shallower intercepts 1024, 2 * 1024 > 1024 - 0; from OFF
 * down, bin 1 gives 1024 > 1024 / 2 (v7.1: bin 1 is also the most
 * intercepted): SLEEP. 2nd: measured 900 + 500 - 250 = 1150 us: an
 * intercept in bin 0; bins [1024, 896], total 1920: bin 1 alone, 1792,
 * is not > 1920, with bin 0: WFI, state 0 (no sleep length read). Later
 * periods are intercepts in bin 0 again: WFI.
 * v5.4 (hits / misses / early_hits): 1st OFF; teo_update(): the timer
 * state OFF (5000 <= UINT_MAX us) misses, measured 1500 us: an early hit
 * for SLEEP; teo_select(): OFF's hits 0 <= misses 1024 and the most early
 * hits are SLEEP's: SLEEP (the recent intervals, 1500 and seven UINT_MAX,
 * are not mostly below 1500; the next tick, 2.9 ms away, allows 1.5 ms).
 * 2nd: measured 900 + 500 - 250 = 1150: an early hit for WFI (1024 >
 * SLEEP's decayed 896): WFI, and WFI's early hits only grow after.
 * So CPU 0 in every flavour: OFF once, SLEEP once, then WFI.
 */
static void test_teo_intercepts(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"resources\": { \"m\": { \"type\": \"mutex\" },"
		"                   \"q\": { \"type\": \"wait\" } },"
		"  \"tasks\": {"
		"   \"s\": { \"cpus\": [0], \"loop\": -1, \"lock\": \"m\","
		"          \"wait\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"          \"unlock\": \"m\", \"run\": 100 },"
		"   \"w\": { \"cpus\": [1], \"loop\": -1, \"sleep\": 1000,"
		"          \"lock\": \"m\", \"signal\": \"q\", \"unlock\": \"m\" } } }";
	struct run r;
	const struct eas_sim_cpu_stats *c;

	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		run_sim(&r, plat2_idle, ks[i], wl, 20);
		c = &eas_sim_stats(r.s)->cpus[0];
		assert_int_equal(c->nr_idle_states, 3);
		assert_int_equal(c->idle_entries[2], 1);
		assert_int_equal(c->idle_entries[1], 1);
		/* idle periods 0-1, then 1.1-2, ..., 19.1-20 ms */
		assert_int_equal(c->idle_entries[0], 18);
		run_free(&r);
	}
}

/*
 * Random RT / CFS mixes (fixed seeds) on the HiKey960 idle table, each
 * flavour, stepped 50 ms at a time: the run queues stay consistent
 * (eas__sim_check(): RT queues, the idle state exactly while idle, one
 * bandwidth mechanism per flavour), with pushes and pulls happening.
 */
static uint32_t lcg(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return (*x >> 16) & 0x7fff;
}

static void test_random_consistency(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	uint64_t pushes = 0;
	uint32_t seed;

	(void)state;
	for (seed = 1; seed <= 6; seed++) {
		char wl[4096];
		size_t n = 0;
		uint32_t x = seed, i, nt = 3 + lcg(&x) % 6, k;

		n += (size_t)snprintf(wl + n, sizeof(wl) - n,
				      "{ \"global\": { \"duration\": -1, "
				      "\"calibration\": \"CPU4\" }, "
				      "\"tasks\": {");
		for (i = 0; i < nt; i++) {
			bool rt = lcg(&x) % 2;
			uint32_t period = 1000u + lcg(&x) % 20000u;

			n += (size_t)snprintf(
				wl + n, sizeof(wl) - n,
				"%s \"t%u\": { \"loop\": -1, %s%u, "
				"\"cpus\": [%u, %u, %u], \"run\": %u, "
				"\"timer\": { \"ref\": \"unique\", "
				"\"period\": %u } }",
				i ? "," : "", i,
				rt ? "\"policy\": \"SCHED_FIFO\", \"priority\": " :
				     "\"priority\": ",
				rt ? 1 + lcg(&x) % 98 : lcg(&x) % 10,
				lcg(&x) % 8, lcg(&x) % 8, lcg(&x) % 8,
				100 + lcg(&x) % (period + period / 4), period);
		}
		n += (size_t)snprintf(wl + n, sizeof(wl) - n, " } }");
		assert_true(n < sizeof(wl));
		for (k = 0; k < sizeof(ks) / sizeof(ks[0]); k++) {
			struct eas_json_platform jp;
			struct eas_rtapp_workload w;
			struct eas_json_diag d;
			struct eas_sim_config cfg;
			struct eas_sim *s;
			const char *p = eas_sim_default_platform();
			char err[256];
			uint64_t t;
			int e;

			memset(&cfg, 0, sizeof(cfg));
			cfg.duration_ns = 1000000000ull;
			assert_int_equal(eas_json_platform_load(p, strlen(p),
								ks[k], 0, &jp,
								&d),
					 0);
			e = eas_rtapp_load(wl, strlen(wl), &w, &d);
			if (e)
				fprintf(stderr, "%s: %s %s\n", wl, d.path,
					d.msg);
			assert_int_equal(e, 0);
			s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
			assert_non_null(s);
			for (t = 50000000ull; t <= cfg.duration_ns;
			     t += 50000000ull) {
				assert_int_equal(eas_sim_run(s, t), 0);
				assert_int_equal(eas__sim_check(s), 0);
			}
			pushes += eas_sim_stats(s)->rt_push_migrations;
			eas_sim_free(s);
			eas_rtapp_free(&w);
			eas_json_platform_free(&jp);
		}
	}
	assert_true(pushes > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push),
		cmocka_unit_test(test_pull),
		cmocka_unit_test(test_equal_prio_pinned_wakee),
		cmocka_unit_test(test_switched_from_rt_pull),
		cmocka_unit_test(test_rt_capacity_fitness),
		cmocka_unit_test(test_rt_uclamp_boost),
		cmocka_unit_test(test_throttle_v54),
		cmocka_unit_test(test_throttle_v54_runtime_share),
		cmocka_unit_test(test_fair_server),
		cmocka_unit_test(test_teo_shallow_for_short_idle),
		cmocka_unit_test(test_teo_intercepts),
		cmocka_unit_test(test_random_consistency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
