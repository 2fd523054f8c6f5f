/* SPDX-License-Identifier: MIT */
/*
 * The simulator's SCHED_DEADLINE class (lib/sim/sim_dl.c) against
 * hand-derived timelines, per flavour (kernel/sched/deadline.c,
 * cpudeadline.c of Linux 5.4, 6.19, 7.1.3). Every expected sched_switch
 * below is derived in the comment above it.
 *
 * Platform plat1: one CPU, capacity 1024, one OPP (rt-app `run` us = CPU
 * us, arch_scale_freq_capacity() = 1024, so update_curr_dl()'s scaled
 * delta equals the wall delta), HZ 250: ticks at multiples of 4 ms. With
 * HRTICK_DL off (the default) update_curr_dl() runs at the tick, at
 * put_prev_task_dl() and at dequeue_task_dl(): a budget overrun is seen at
 * the next tick.
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
#include "simswitch.h"

#include "../../lib/sim/sim_internal.h" /* eas__sim_check() */

static const char plat1[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* two CPUs of different capacities (one OPP each): an asymmetric
 * platform (sd_asym_cpucapacity) */
static const char plat_asym[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-asym\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":512},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": ["
	"    { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 50000} ] },"
	"    { \"cpus\": [1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

static const char plat_two[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0,1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* Create a simulator for wl on plat; returns the error, err the text. */
static int create(const char *plat, enum eas_kernel k, const char *wl,
		  uint64_t ms, FILE *tr, struct eas_sim **out, char *err,
		  size_t errlen, struct eas_json_platform *jp,
		  struct eas_rtapp_workload *w)
{
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	int e;

	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = ms * 1000000ull;
	cfg.trace = tr;
	e = eas_json_platform_load(plat, strlen(plat), k, 0, jp, &d);
	assert_int_equal(e, 0);
	e = eas_rtapp_load(wl, strlen(wl), w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	err[0] = 0;
	*out = eas_sim_create(jp, w, &cfg, &e, err, errlen);
	return *out ? 0 : e;
}

static const enum eas_kernel all_k[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					 EAS_KERNEL_V7_1 };

/*
 * A DL task preempts a CFS task at its wake-up (wakeup_preempt(): the DL
 * class is above fair, resched_curr()).
 *   c (SCHED_OTHER) runs 20 ms; d (SCHED_DEADLINE 2 ms / 10 ms) sleeps
 *   1 ms, then runs 1 ms once.
 *   0     c starts and runs; d starts (setup_new_dl_entity(): deadline
 *         10 ms, runtime 2 ms), is DL: preempts c, runs, sleeps at once
 *   1000  d wakes: update_dl_entity(): deadline 10 ms not passed, but
 *         dl_entity_overflow(): left = (10e6 >> 10) * (2e6 >> 10)
 *         = 9765 * 1953 = 19071045 > right = ((10e6 - 1e6) >> 10) * 1953
 *         = 8789 * 1953 = 17164917, so a new period (deadline 11 ms);
 *         preempts c
 *   2000  d's run done, it exits; c resumes (1 ms done, 19 left)
 *   21000 c done
 */
static const char wl_preempt[] =
	"{\"tasks\":{"
	"\"c\":{\"loop\":1,\"run\":20000},"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"loop\":1,\"sleep\":1000,\"run\":1000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_dl_preempts_cfs(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		eas_test_expect_switches_on(plat1, all_k[i], wl_preempt, 30,
					    "0 swapper/0>c\n"
					    "0 c>d\n"
					    "0 d>c\n"
					    "1000 c>d\n"
					    "2000 d>c\n"
					    "21000 c>swapper/0\n");
}

/*
 * CBS throttling (update_curr_dl(): runtime <= 0 -> dl_throttled,
 * start_dl_timer() at dl_next_period() = deadline - dl_deadline +
 * dl_period; dl_task_timer() -> replenish_dl_entity(): while runtime <= 0
 * { deadline += period; runtime += dl_runtime }).
 *   d: SCHED_DEADLINE 2 ms / 10 ms, one run of 11 ms, alone.
 *   0     starts: deadline 10, runtime 2
 *   4000  tick: runtime 2 - 4 = -2 ms: throttled, timer at 10 - 10 + 10
 *         = 10 ms (4 ms of work done)
 *   10000 replenish: -2 + 2 = 0 (deadline 20), 0 + 2 = 2 (deadline 30)
 *   12000 tick: runtime 2 - 2 = 0: throttled (runtime <= 0), timer at
 *         30 - 10 + 10 = 30 ms (6 ms done)
 *   30000 replenish: deadline 40, runtime 2
 *   32000 tick: throttled at 0, timer at 40 ms (8 ms done)
 *   40000 replenish: deadline 50, runtime 2; the last 3 ms of work
 *   43000 done (the 44 ms tick is not reached)
 */
static const char wl_throttle[] =
	"{\"tasks\":{"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":11000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_cbs_throttle(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		eas_test_expect_switches_on(plat1, all_k[i], wl_throttle, 60,
					    "0 swapper/0>d\n"
					    "4000 d>swapper/0\n"
					    "10000 swapper/0>d\n"
					    "12000 d>swapper/0\n"
					    "30000 swapper/0>d\n"
					    "32000 d>swapper/0\n"
					    "40000 swapper/0>d\n"
					    "43000 d>swapper/0\n");
}

/*
 * EDF (pick_next_dl_entity(): the earliest absolute deadline;
 * wakeup_preempt_dl(): dl_entity_preempt() = the earlier deadline).
 *   a: 3 ms / 20 ms (deadline 20 ms), b: 2 ms / 10 ms, dl-deadline 5 ms
 *   (deadline 5 ms); each one run of 1.5 ms, started at 0 in file order.
 *   0     a starts and runs; b starts: 5 < 20, preempts a
 *   1500  b done; a runs (its 1.5 ms)
 *   3000  a done
 * Swapped file order: b runs first and a (20 > 5) does not preempt it.
 */
static const char wl_edf[] =
	"{\"tasks\":{"
	"\"a\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":3000,"
	"\"dl-period\":20000,\"loop\":1,\"run\":1500},"
	"\"b\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"dl-deadline\":5000,\"loop\":1,\"run\":1500}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";
static const char wl_edf2[] =
	"{\"tasks\":{"
	"\"b\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"dl-deadline\":5000,\"loop\":1,\"run\":1500},"
	"\"a\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":3000,"
	"\"dl-period\":20000,\"loop\":1,\"run\":1500}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_edf_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		eas_test_expect_switches_on(plat1, all_k[i], wl_edf, 10,
					    "0 swapper/0>a\n"
					    "0 a>b\n"
					    "1500 b>a\n"
					    "3000 a>swapper/0\n");
		eas_test_expect_switches_on(plat1, all_k[i], wl_edf2, 10,
					    "0 swapper/0>b\n"
					    "1500 b>a\n"
					    "3000 a>swapper/0\n");
	}
}

/*
 * sched_yield() of a DL task (yield_task_dl(): dl_yielded; update_curr_dl()
 * throttles at once; replenish_dl_entity() sets a positive runtime to 0
 * before adding periods).
 *   d: 2 ms / 10 ms: run 0.5 ms, yield, run 0.5 ms.
 *   0     starts: deadline 10, runtime 2
 *   500   yield: runtime 2 - 0.5 = 1.5 -> 0, throttled, timer at 10 ms
 *   10000 replenish: deadline 20, runtime 2; runs 0.5 ms
 *   10500 done
 */
static const char wl_yield[] =
	"{\"tasks\":{"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":500,\"yield\":\"\","
	"\"run2\":500}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_yield(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		eas_test_expect_switches_on(plat1, all_k[i], wl_yield, 20,
					    "0 swapper/0>d\n"
					    "500 d>swapper/0\n"
					    "10000 swapper/0>d\n"
					    "10500 d>swapper/0\n");
}

/* eas_sim_create()'s error for wl on plat, "" when it is accepted */
static void expect_create(const char *plat, enum eas_kernel k, const char *wl,
			  int want, const char *substr)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s = NULL;
	char err[512];
	int e = create(plat, k, wl, 10, NULL, &s, err, sizeof(err), &jp, &w);

	if (e != want || (substr && !strstr(err, substr)))
		fail_msg("kernel %d: got %d \"%s\", want %d \"%s\"", (int)k, e,
			 err, want, substr ? substr : "");
	if (s)
		eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

#define DL_WL(rt, dl, per, extra)                                              \
	"{\"tasks\":{\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":" rt  \
	",\"dl-deadline\":" dl ",\"dl-period\":" per extra                     \
	",\"loop\":1,\"run\":100}}}"

/*
 * sched_setattr()'s refusals make rt-app exit (_set_thread_deadline()):
 *  - __checkparam_dl(): runtime <= deadline <= period; runtime >= 1024
 *    ns; v6.19 / v7.1 period within [100 us, 2^22 us]; v5.4 no bound.
 *  - admission, one CPU: rd bw = to_ratio(1 s, 0.95 s) = 996147.
 *    9.5 ms / 10 ms: new_bw = (9500000 << 20) / 10000000 = 996147.
 *    v5.4 __dl_overflow(): 996147 * 1 < 0 + 996147 is false: admitted.
 *    v6.19 / v7.1: total_bw holds the fair server's to_ratio(1 s, 50 ms)
 *    = 52428; cap_scale(996147, 1024) = 996147 < 52428 + 996147: EBUSY.
 *    9 ms / 10 ms: 943718 + 52428 = 996146, admitted everywhere.
 *  - an affinity not spanning the root domain: EPERM.
 */
static void test_admission(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		expect_create(plat1, all_k[i],
			      DL_WL("3000", "2000", "10000", ""), EAS_EINVAL,
			      "runtime <= deadline <= period");
		expect_create(plat1, all_k[i],
			      DL_WL("2000", "8000", "5000", ""), EAS_EINVAL,
			      "runtime <= deadline <= period");
		expect_create(plat1, all_k[i],
			      DL_WL("9000", "10000", "10000", ""), 0, NULL);
		expect_create(plat1, all_k[i],
			      DL_WL("10000", "10000", "10000", ""), EAS_EINVAL,
			      "EBUSY");
		expect_create(plat_two, all_k[i],
			      DL_WL("2000", "10000", "10000", ",\"cpus\":[1]"),
			      EAS_EINVAL, "EPERM");
		expect_create(
			plat_two, all_k[i],
			DL_WL("2000", "10000", "10000", ",\"cpus\":[0,1]"), 0,
			NULL);
	}
	expect_create(plat1, EAS_KERNEL_V5_4,
		      DL_WL("9500", "10000", "10000", ""), 0, NULL);
	expect_create(plat1, EAS_KERNEL_V6_19,
		      DL_WL("9500", "10000", "10000", ""), EAS_EINVAL, "EBUSY");
	expect_create(plat1, EAS_KERNEL_V7_1,
		      DL_WL("9500", "10000", "10000", ""), EAS_EINVAL,
		      "/tasks/d");
	/* period 50 us: below sysctl_sched_dl_period_min in v6.19 / v7.1 */
	expect_create(plat1, EAS_KERNEL_V5_4, DL_WL("20", "50", "50", ""), 0,
		      NULL);
	expect_create(plat1, EAS_KERNEL_V6_19, DL_WL("20", "50", "50", ""),
		      EAS_EINVAL, "sysctl_sched_dl_period_min");
	/* runtime 1 us >= 1024 ns holds; 0 does not (legacy-only runtime of a
	 * thread without phases: its phase's sched_data has runtime 0) */
	expect_create(plat1, EAS_KERNEL_V6_19,
		      "{\"tasks\":{\"d\":{\"policy\":\"SCHED_DEADLINE\","
		      "\"runtime\":1000,\"period\":10000}}}",
		      EAS_EINVAL, "sched_deadline is 0");
	/* two 60 % threads on two CPUs: 2 x 629145 + 2 x 52428 <=
	 * cap_scale(996147, 2048) = 1992294 (v5.4: 996147 x 2) */
	for (size_t i = 0; i < 3; i++)
		expect_create(plat_two, all_k[i],
			      "{\"tasks\":{\"d\":{\"instance\":2,\"policy\":"
			      "\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
			      "\"dl-period\":10000,\"loop\":1,\"run\":100}}}",
			      0, NULL);
}

/* main_cpu of task idx after running wl on plat for ms */
static int32_t main_cpu_of(const char *plat, enum eas_kernel k, const char *wl,
			   uint64_t ms, uint32_t idx)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
	char err[256];
	const struct eas_sim_stats *st;
	int32_t cpu;

	if (create(plat, k, wl, ms, NULL, &s, err, sizeof(err), &jp, &w))
		fail_msg("create: %s", err);
	assert_int_equal(eas_sim_run(s, 0), 0);
	st = eas_sim_stats(s);
	assert_non_null(st);
	assert_true(idx < st->nr_tasks);
	cpu = st->tasks[idx].main_cpu;
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	return cpu;
}

static int32_t main_cpu(const char *plat, enum eas_kernel k, const char *wl,
			uint64_t ms)
{
	return main_cpu_of(plat, k, wl, ms, 0);
}

/*
 * Placement on an asymmetric platform (CPU0 512, CPU1 1024): d has
 * density to_ratio(10 ms, 6 ms) = 629145, >> 10 = 614 > 512: it does not
 * fit CPU0 (dl_task_fits_capacity()). d starts on CPU0 (its first allowed
 * CPU) and wakes there every 10 ms.
 *  - v6.19 / v7.1 select_task_rq_dl(): sched_asym_cpucap_active() and
 *    !dl_task_fits_capacity(p, 0): find_later_rq() -> cpudl_find(): the
 *    free CPUs {0, 1} filtered by fit: {1}; CPU1 has no DL task
 *    (dl_task_is_earliest_deadline()): d runs on CPU1.
 *  - v5.4 select_task_rq_dl(): only when a DL task runs on prev; none
 *    does, so d stays on CPU0 (cpudl_find() has no capacity check).
 */
static const char wl_asym[] =
	"{\"tasks\":{"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":10000,\"loop\":-1,\"run\":1000,"
	"\"timer\":{\"ref\":\"t\",\"period\":10000}}},"
	"\"global\":{\"calibration\":\"CPU1\"}}";

static void test_asym_placement(void **state)
{
	(void)state;
	assert_int_equal(main_cpu(plat_asym, EAS_KERNEL_V5_4, wl_asym, 100), 0);
	assert_int_equal(main_cpu(plat_asym, EAS_KERNEL_V6_19, wl_asym, 100),
			 1);
	assert_int_equal(main_cpu(plat_asym, EAS_KERNEL_V7_1, wl_asym, 100), 1);
}

/*
 * Two CPUs of capacity 1024 (symmetric: no capacity check in any flavour),
 * both threads start on CPU0 (their first allowed CPU), a first.
 *  - find_later_rq() at the start: a (deadline 10 ms) runs on CPU0; b
 *    (deadline 20 ms) does not preempt it (dl_entity_preempt()), so
 *    select_task_rq_dl() asks find_later_rq(): cpudl_find()'s free CPUs
 *    {1}, b goes to CPU1.
 *  - push_dl_task(): b2 (deadline 20 ms) starts on CPU0 and runs; a2
 *    (deadline 10 ms) starts there too and preempts it (no
 *    find_later_rq(): the wakee preempts); set_next_task_dl()'s push moves
 *    the queued b2 to the free CPU1 (it is the earliest there).
 * Each runs 5 ms once; main_cpu is where it ran.
 */
static const char wl_later[] =
	"{\"tasks\":{"
	"\"a\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":5000},"
	"\"b\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":20000,\"loop\":1,\"run\":5000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";
static const char wl_push[] =
	"{\"tasks\":{"
	"\"b2\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":20000,\"loop\":1,\"run\":5000},"
	"\"a2\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":5000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_later_rq_and_push(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_later, 20, 0), 0);
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_later, 20, 1), 1);
		/* b2 ran 0 ms on CPU0 before a2 preempted it */
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_push, 20, 0), 1);
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_push, 20, 1), 0);
	}
}

/*
 * pull_dl_task() (balance_dl(): the previous task was DL and left the
 * queue). Two CPUs, all threads start at 0 on CPU0, in file order:
 *   a (deadline 10 ms, runs 1 ms): CPU0.
 *   y (deadline 8 ms, runs 5 ms): preempts a (8 < 10); set_next_task_dl()'s
 *     push moves a to the free CPU1.
 *   b (deadline 20 ms, runs 2 ms): y runs on CPU0 and b does not preempt
 *     it: find_later_rq() -> cpudl_find(): no free CPU, the latest
 *     earliest deadline is CPU1's 10 ms, b's 20 ms is not before it: -1,
 *     b queues on CPU0 (task_woken_dl()'s push finds nothing either).
 *   1 ms: a exits on CPU1; pull_dl_task(): CPU0 is overloaded, its
 *     earliest pushable task b would be the earliest on CPU1 and is not
 *     earlier than CPU0's current y: b moves to CPU1 and runs there.
 * Without the pull b would wait for y until 5 ms on CPU0.
 */
static const char wl_pull[] =
	"{\"tasks\":{"
	"\"a\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":4000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":1000},"
	"\"y\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":6000,"
	"\"dl-period\":8000,\"loop\":1,\"run\":5000},"
	"\"b\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":4000,"
	"\"dl-period\":20000,\"loop\":1,\"run\":2000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_pull(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_pull, 20, 0), 1);
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_pull, 20, 1), 0);
		assert_int_equal(
			main_cpu_of(plat_two, all_k[i], wl_pull, 20, 2), 1);
	}
}

/*
 * GRUB's running_bw (task_contending() / task_non_contending() and the
 * inactive timer) and rq->avg_dl, as struct eas_rq's dl_running_bw and
 * dl_util_avg read them. d: 2 ms / 10 ms: dl_bw = (2e6 << 20) / 10e6 =
 * 209715. Runs 1 ms, sleeps 8 ms, runs 0.1 ms.
 *   0     starts: running_bw 209715, deadline 10 ms, runtime 2 ms
 *   1 ms  blocks: update_curr_dl(): runtime 1 ms; task_non_contending():
 *         0-lag = 10 - 1 * 10 / 2 = 5 ms, 4 ms ahead: the inactive timer,
 *         running_bw kept
 *   5 ms  inactive_task_timer(): running_bw 0
 *   9 ms  wakes: task_contending(): running_bw 209715
 */
static const char wl_grub[] =
	"{\"tasks\":{"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":1000,\"sleep\":8000,"
	"\"run2\":100}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_grub_running_bw(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_sim *s;
		char err[256];

		if (create(plat1, all_k[i], wl_grub, 20, NULL, &s, err,
			   sizeof(err), &jp, &w))
			fail_msg("create: %s", err);
		assert_int_equal(eas_sim_run(s, 500000), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 209715);
		assert_int_equal(eas_sim_run(s, 3000000), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 209715);
		/* avg_dl: 1 ms of running, decaying since */
		assert_true(s->cpus[0].dl_avg.util_avg > 0);
		assert_int_equal(eas_sim_run(s, 4999999), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 209715);
		assert_int_equal(eas_sim_run(s, 6000000), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 0);
		assert_int_equal(eas_sim_run(s, 9050000), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 209715);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

/*
 * schedutil sees the DL bandwidth (struct eas_rq dl_running_bw), per
 * flavour. One CPU, capacity 1024, OPPs 400 / 600 / 1000 MHz; d: 5 ms /
 * 10 ms (running_bw = 524288, cpu_bw_dl() = 524288 * 1024 >> 20 = 512)
 * starts at 0, nothing else runs; the frequency set at its start:
 *  - v5.4 schedutil_cpu_util(FREQUENCY_UTIL): util = cfs 0 + rt 0, then
 *    + cpu_bw_dl() = 512; get_next_freq(): 1.25 * 1000000 * 512 / 1024 =
 *    625000 kHz -> 1000 MHz, the lowest OPP at or above it.
 *  - v6.19 / v7.1 effective_cpu_util(): min = cpu_bw_dl() = 512 (the
 *    util, 0 + avg_dl 0, is below it); sugov_effective_cpu_perf() keeps
 *    the minimum: 1000000 * 512 / 1024 = 500000 kHz -> 600 MHz.
 * Without the DL task the CPU would stay at 400 MHz.
 */
static const char plat_opp3[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-3opp\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 400000, \"power_uw\": 30000},"
	"      {\"frequency_khz\": 600000, \"power_uw\": 50000},"
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";
static const char wl_bw[] =
	"{\"tasks\":{"
	"\"d\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":5000,"
	"\"dl-period\":10000,\"loop\":1,\"run\":1000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_schedutil_dl_bw(void **state)
{
	static const uint64_t want_khz[] = { 1000000, 600000, 600000 };

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_sim *s;
		char err[256];

		if (create(plat_opp3, all_k[i], wl_bw, 20, NULL, &s, err,
			   sizeof(err), &jp, &w))
			fail_msg("create: %s", err);
		assert_int_equal(eas_sim_run(s, 500000), 0);
		assert_int_equal(s->cpus[0].dl_running_bw, 524288);
		if (s->pds[0].freq_khz != want_khz[i])
			fail_msg("kernel %zu: %llu kHz, want %llu", i,
				 (unsigned long long)s->pds[0].freq_khz,
				 (unsigned long long)want_khz[i]);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

/*
 * A mixed workload on a two-CPU platform (DL threads with timers, a
 * constrained DL thread whose phases go to CFS and back with new
 * parameters and a yield, a DL mutex owner, CFS and RT threads): the run
 * queues stay consistent after every millisecond (eas__sim_check():
 * dl_nr_running = queued + a running unthrottled DL task, nr_running the
 * sum of the classes), and a DL thread's run time stays within its
 * bandwidth (CBS: at most runtime per period, plus one tick of overrun
 * paid back later).
 */
static const char wl_mix[] =
	"{\"tasks\":{"
	"\"d1\":{\"instance\":2,\"policy\":\"SCHED_DEADLINE\","
	"\"dl-runtime\":3000,\"dl-period\":10000,\"loop\":-1,"
	"\"run\":5000,\"timer\":{\"ref\":\"unique1\",\"period\":10000}},"
	"\"d2\":{\"policy\":\"SCHED_DEADLINE\",\"dl-runtime\":2000,"
	"\"dl-deadline\":5000,\"dl-period\":16000,\"phases\":{"
	"\"p1\":{\"loop\":20,\"run\":3000,\"sleep\":4000},"
	"\"p2\":{\"loop\":10,\"policy\":\"SCHED_OTHER\",\"priority\":0,"
	"\"run\":5000,\"sleep\":1000},"
	"\"p3\":{\"loop\":10,\"policy\":\"SCHED_DEADLINE\","
	"\"dl-runtime\":1000,\"dl-period\":8000,\"run\":900,"
	"\"yield\":\"\",\"sleep\":3000}}},"
	"\"c\":{\"instance\":2,\"loop\":-1,\"run\":7000,\"sleep\":3000},"
	"\"r\":{\"policy\":\"SCHED_FIFO\",\"loop\":-1,\"run\":1000,"
	"\"sleep\":9000},"
	"\"m1\":{\"loop\":-1,\"policy\":\"SCHED_DEADLINE\","
	"\"dl-runtime\":1000,\"dl-period\":5000,\"lock\":\"mtx\","
	"\"run\":300,\"unlock\":\"mtx\",\"sleep\":2000},"
	"\"m2\":{\"loop\":-1,\"lock\":\"mtx\",\"run\":500,"
	"\"unlock\":\"mtx\",\"sleep\":1000}},"
	"\"global\":{\"calibration\":\"CPU0\"}}";

static void test_mix_consistent(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_sim *s;
		char err[256];
		const struct eas_sim_stats *st;

		if (create(plat_two, all_k[i], wl_mix, 1000, NULL, &s, err,
			   sizeof(err), &jp, &w))
			fail_msg("create: %s", err);
		for (uint64_t ms = 1; ms <= 1000; ms++) {
			assert_int_equal(eas_sim_run(s, ms * 1000000ull), 0);
			assert_int_equal(eas__sim_check(s), 0);
		}
		st = eas_sim_stats(s);
		/* d1-0, d1-1: 3 ms per 10 ms over 1 s, + one 4 ms tick */
		assert_true(st->tasks[0].runtime_ns <= 304000000ull);
		assert_true(st->tasks[1].runtime_ns <= 304000000ull);
		assert_true(st->tasks[0].runtime_ns >= 250000000ull);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dl_preempts_cfs),
		cmocka_unit_test(test_cbs_throttle),
		cmocka_unit_test(test_edf_order),
		cmocka_unit_test(test_yield),
		cmocka_unit_test(test_admission),
		cmocka_unit_test(test_asym_placement),
		cmocka_unit_test(test_later_rq_and_push),
		cmocka_unit_test(test_pull),
		cmocka_unit_test(test_grub_running_bw),
		cmocka_unit_test(test_schedutil_dl_bw),
		cmocka_unit_test(test_mix_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
