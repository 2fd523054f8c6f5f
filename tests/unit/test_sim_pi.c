/* SPDX-License-Identifier: MIT */
/*
 * PTHREAD_PRIO_INHERIT mutexes in the simulator (rt-app "pi_enabled":
 * init_mutex_resource() sets PTHREAD_PRIO_INHERIT; glibc's
 * pthread_mutex_lock() / unlock() of a PI mutex take FUTEX_LOCK_PI /
 * FUTEX_UNLOCK_PI when contended; the kernel's rt_mutex does the rest)
 * against hand-derived timelines, per flavour. Kernel lines cited as
 * v5.4 (kernel/futex.c, kernel/locking/rtmutex.c, kernel/sched/core.c,
 * rt.c, fair.c of Linux 5.4) and v6.19 (kernel/futex/pi.c, the same
 * others of Linux 6.19; v7.1.3 reads as v6.19 here):
 *  - blocking: futex_lock_pi() (v5.4 futex.c:2799, v6.19 pi.c:918) ->
 *    task_blocks_on_rt_mutex() (rtmutex.c v5.4:928, v6.19:1203): the
 *    waiter queued by rt_mutex_waiter_less() (v5.4:235: lower prio first,
 *    equal keys after one another); the key is task->prio in v5.4
 *    (rtmutex.c:955 waiter->prio = task->prio) and __waiter_prio() in
 *    v6.19 (rtmutex.c:349: DEFAULT_PRIO for every non-RT/DL task); then
 *    rt_mutex_adjust_prio() of the owner (v5.4:338, v6.19:527) and
 *    rt_mutex_adjust_prio_chain() (v5.4:449, v6.19:678) along the owners;
 *  - the boost: rt_mutex_setprio() (core.c v5.4:4371, v6.19:7265) with
 *    prio = __rt_effective_prio(pi_task, normal_prio) = min(pi_task->prio,
 *    normal_prio): a fair owner with an RT top waiter changes class to RT
 *    (check_class_changed() -> switched_to_rt(); a queued task preempts a
 *    lower curr: rt.c v5.4:2216, v6.19:2411);
 *  - unlock: futex_unlock_pi() -> wake_futex_pi() (v5.4 futex.c:1491,
 *    v6.19 pi.c:614) writes the top waiter's TID into the futex word (the
 *    lock is handed over) and mark_wakeup_next_waiter() (v5.4:1017,
 *    v6.19:1312) deboosts the unlocking task before the wake-up; a task
 *    back in fair while running reschedules (switched_to_fair(): fair.c
 *    v5.4:10132, v6.19:13501); the new owner, when it runs,
 *    try_to_take_rt_mutex() (v5.4:807, v6.19:1087) makes the remaining
 *    top waiter its pi waiter and adjusts its prio.
 *
 * Platform plat1: one CPU, capacity 1024, one OPP: rt-app `run` us = wall
 * us. The threads start at 0 in file order; each RT thread preempts the
 * fair one at its start and sleeps at once (the first five switches).
 * Lines: "T prev>next" for sched_switch, "T pi COMM OLD>NEW" for
 * sched_pi_setprio (kernel prios: FIFO p is 99 - p, nice n is 120 + n).
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

static const char plat1[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

static const char plat_two[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0,1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

static const enum eas_kernel all_k[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					 EAS_KERNEL_V7_1 };

static void append(char **out, size_t *n, size_t *cap, const char *item)
{
	size_t l = strlen(item);

	while (*n + l + 1 > *cap) {
		*cap *= 2;
		*out = realloc(*out, *cap);
		assert_non_null(*out);
	}
	memcpy(*out + *n, item, l + 1);
	*n += l;
}

/* Run wl on plat for ms; its sched_switch and sched_pi_setprio lines */
static char *timeline(const char *plat, enum eas_kernel k, const char *wl,
		      uint64_t ms)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	char err[256], line[512], *out;
	size_t n = 0, cap = 4096;
	int e;
	FILE *tr = tmpfile();

	assert_non_null(tr);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = ms * 1000000ull;
	cfg.trace = tr;
	assert_int_equal(
		eas_json_platform_load(plat, strlen(plat), k, 0, &jp, &d), 0);
	e = eas_rtapp_load(wl, strlen(wl), &w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s)
		fail_msg("create: %s", err);
	assert_int_equal(eas_sim_run(s, 0), 0);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	rewind(tr);
	out = malloc(cap);
	assert_non_null(out);
	out[0] = 0;
	while (fgets(line, sizeof(line), tr)) {
		char *p = strstr(line, "sched_switch:"), *q;
		char *pi = strstr(line, "sched_pi_setprio:");
		char a[64], b[64], item[200];
		unsigned long sec, us;
		int op, np;

		if (!p && !pi)
			continue;
		q = (p ? p : pi) - 1;
		while (q > line && q[-1] == ' ')
			q--;
		while (q > line && q[-1] != ' ')
			q--;
		assert_int_equal(sscanf(q, "%lu.%lu:", &sec, &us), 2);
		if (pi) {
			assert_int_equal(
				sscanf(pi,
				       "sched_pi_setprio: comm=%63s pid=%*u "
				       "oldprio=%d newprio=%d",
				       a, &op, &np),
				3);
			snprintf(item, sizeof(item), "%lu pi %s %d>%d\n",
				 sec * 1000000 + us, a, op, np);
		} else {
			assert_int_equal(sscanf(strstr(p, "prev_comm="),
						"prev_comm=%63s", a),
					 1);
			assert_int_equal(sscanf(strstr(p, "next_comm="),
						"next_comm=%63s", b),
					 1);
			snprintf(item, sizeof(item), "%lu %s>%s\n",
				 sec * 1000000 + us, a, b);
		}
		append(&out, &n, &cap, item);
	}
	fclose(tr);
	return out;
}

static void expect(const char *plat, enum eas_kernel k, const char *wl,
		   uint64_t ms, const char *want)
{
	char *got = timeline(plat, k, wl, ms);

	if (strcmp(got, want))
		fprintf(stderr, "kernel %d want:\n%sgot:\n%s", (int)k, want,
			got);
	assert_string_equal(got, want);
	free(got);
}

/*
 * Classic priority inversion on one CPU.
 *   L (SCHED_OTHER): lock m, run 4 ms, unlock m, run 1 ms.
 *   H (FIFO 50, prio 49): sleep 1 ms, lock m, run 1 ms, unlock m.
 *   M (FIFO 10, prio 89): sleep 2 ms, run 10 ms (the hog).
 * Without PI (plain futex, glibc lll_lock(): no boost):
 *   1000  H wakes, preempts L, blocks on m: L runs on (fair)
 *   2000  M wakes: RT over fair, preempts L and runs 10 ms -> 12000
 *   12000 L resumes (2 ms done, 2 left) -> 14000 unlock: futex_wake()
 *         of H, which preempts L (check_preempt_curr(): RT over fair)
 *   15000 H done; L runs its last 1 ms -> 16000
 * With PI:
 *   1000  H blocks: task_blocks_on_rt_mutex() -> rt_mutex_setprio(L,
 *         H): prio 49, L leaves fair for RT; L runs (the only task)
 *   2000  M wakes: 89 is not higher than L's 49 (check_preempt_curr_rt()
 *         needs p->prio < curr->prio): no preemption
 *   4000  L unlocks: hand-off to H, L deboosted to 120 (back to fair:
 *         resched), H woken runs -> 5000
 *   5000  M runs 10 ms -> 15000, then L's last 1 ms -> 16000
 */
static const char wl_inv[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":%s},"
	"\"tasks\":{"
	"\"L\":{\"loop\":1,\"lock\":\"m\",\"run\":4000,\"unlock\":\"m\","
	"\"run2\":1000},"
	"\"H\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":50,"
	"\"sleep\":1000,\"lock\":\"m\",\"run\":1000,\"unlock\":\"m\"},"
	"\"M\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":10,"
	"\"sleep\":2000,\"run\":10000}}}";

#define START3 "0 swapper/0>L\n0 L>H\n0 H>L\n0 L>M\n0 M>L\n"

static void test_inversion(void **state)
{
	char wl[1024];

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		snprintf(wl, sizeof(wl), wl_inv, "false");
		expect(plat1, all_k[i], wl, 40,
		       START3 "1000 L>H\n"
			      "1000 H>L\n"
			      "2000 L>M\n"
			      "12000 M>L\n"
			      "14000 L>H\n"
			      "15000 H>L\n"
			      "16000 L>swapper/0\n");
		snprintf(wl, sizeof(wl), wl_inv, "true");
		expect(plat1, all_k[i], wl, 40,
		       START3 "1000 L>H\n"
			      "1000 pi L 120>49\n"
			      "1000 H>L\n"
			      "4000 pi L 49>120\n"
			      "4000 L>H\n"
			      "5000 H>M\n"
			      "15000 M>L\n"
			      "16000 L>swapper/0\n");
	}
}

/*
 * A two-level chain (rt_mutex_adjust_prio_chain()).
 *   L (fair): lock A, run 3 ms, unlock A, run 1 ms.
 *   M (FIFO 10, 89): sleep 0.5 ms, lock B, lock A, run 1 ms, unlock A,
 *     unlock B.
 *   X (FIFO 30, 69): sleep 1 ms, run 5 ms (the hog).
 *   H (FIFO 50, 49): sleep 1.5 ms, lock B, run 1 ms, unlock B.
 *   500   M takes B, blocks on A (owner L): L boosted to 89 (RT)
 *   1000  X wakes: 69 < 89, preempts L (1 ms of L's work done)
 *   1500  H wakes, preempts X, blocks on B (owner M): M to 49; M waits
 *         on A and its waiter key changed, so the walk goes on to A's
 *         owner L: 49. L (49) is picked over X (69)
 *   3500  L's 3 ms done: unlock A hands A to M, L back to 120 (fair);
 *         M (49 while H waits on B) runs: 1 ms
 *   4500  M unlocks A (no waiter), unlocks B: hand-off to H, M back to
 *         89; H runs 1 ms
 *   5500  X (69) runs its last 4.5 ms -> 10000; M (89) ends at once;
 *         L's last 1 ms -> 11000
 * The same in every flavour (only RT keys take part).
 */
static const char wl_chain[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":true},"
	"\"tasks\":{"
	"\"L\":{\"loop\":1,\"lock\":\"A\",\"run\":3000,\"unlock\":\"A\","
	"\"run2\":1000},"
	"\"M\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":10,"
	"\"sleep\":500,\"lock\":\"B\",\"lock2\":\"A\",\"run\":1000,"
	"\"unlock\":\"A\",\"unlock2\":\"B\"},"
	"\"X\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":30,"
	"\"sleep\":1000,\"run\":5000},"
	"\"H\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":50,"
	"\"sleep\":1500,\"lock\":\"B\",\"run\":1000,\"unlock\":\"B\"}}}";

static void test_chain(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		expect(plat1, all_k[i], wl_chain, 40,
		       "0 swapper/0>L\n0 L>M\n0 M>L\n0 L>X\n0 X>L\n"
		       "0 L>H\n0 H>L\n"
		       "500 L>M\n"
		       "500 pi L 120>89\n"
		       "500 M>L\n"
		       "1000 L>X\n"
		       "1500 X>H\n"
		       "1500 pi M 89>49\n"
		       "1500 pi L 89>49\n"
		       "1500 H>L\n"
		       "3500 pi L 49>120\n"
		       "3500 L>M\n"
		       "4500 pi M 49>89\n"
		       "4500 M>H\n"
		       "5500 H>X\n"
		       "10000 X>M\n"
		       "10000 M>L\n"
		       "11000 L>swapper/0\n");
}

/*
 * The unlock order: the highest waiter first, FIFO among equals.
 *   L (fair): lock m, run 3 ms, unlock m, run 1 ms.
 *   A (FIFO 10, 89): sleep 0.5 ms, lock m, run 0.5 ms, unlock m.
 *   B (FIFO 50, 49): sleep 1 ms, lock m, run 0.5 ms, unlock m.
 *   C (FIFO 50, 49): sleep 1.5 ms, same.
 *   500   A blocks: L to 89
 *   1000  B preempts L, blocks (queued before A): L to 49
 *   1500  C wakes: 49 is not higher than L's 49: queued on the rq
 *   3000  L unlocks: hand-off to B (the top waiter), L to 120 and
 *         resched; C (queued at 1500) is ahead of the woken B in the
 *         prio-49 list: C runs, locks m (B's now), blocks as B's waiter
 *         (same prio: no boost); B runs 0.5 ms
 *   3500  B unlocks: hand-off to C (49 before A's 89); C runs
 *   4000  C unlocks: hand-off to A; A runs -> 4500; L -> 5500
 */
static const char wl_order[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":true},"
	"\"tasks\":{"
	"\"L\":{\"loop\":1,\"lock\":\"m\",\"run\":3000,\"unlock\":\"m\","
	"\"run2\":1000},"
	"\"A\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":10,"
	"\"sleep\":500,\"lock\":\"m\",\"run\":500,\"unlock\":\"m\"},"
	"\"B\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":50,"
	"\"sleep\":1000,\"lock\":\"m\",\"run\":500,\"unlock\":\"m\"},"
	"\"C\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":50,"
	"\"sleep\":1500,\"lock\":\"m\",\"run\":500,\"unlock\":\"m\"}}}";

static void test_unlock_order(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		expect(plat1, all_k[i], wl_order, 40,
		       "0 swapper/0>L\n0 L>A\n0 A>L\n0 L>B\n0 B>L\n"
		       "0 L>C\n0 C>L\n"
		       "500 L>A\n"
		       "500 pi L 120>89\n"
		       "500 A>L\n"
		       "1000 L>B\n"
		       "1000 pi L 89>49\n"
		       "1000 B>L\n"
		       "3000 pi L 49>120\n"
		       "3000 L>C\n"
		       "3000 C>B\n"
		       "3500 B>C\n"
		       "4000 C>A\n"
		       "4500 A>L\n"
		       "5500 L>swapper/0\n");
}

/*
 * Fair waiters, per flavour (two CPUs: L alone on CPU 0, the waiters on
 * CPU 1, one runnable task per CPU at any time, no vruntime involved).
 *   L (nice 0, CPU 0): lock m, run 3 ms, unlock m.
 *   W1 (nice 0, CPU 1): sleep 0.5 ms, lock m, run 1 ms, unlock m.
 *   W2 (nice -10, prio 110, CPU 1): sleep 1 ms, same.
 * v5.4: waiter keys are task->prio: W2 (110) is queued before W1 (120)
 *   and is the top waiter: L to 110 at 1000 (a fair -> fair change: no
 *   weight moves, set_load_weight() reads static_prio); at 3000 the
 *   hand-off goes to W2, then W1.
 * v6.19 / v7.1: __waiter_prio() gives both 120: FIFO, W1 is the top
 *   waiter: L stays 120 (min(W1's 120, 120)); at 3000 W1 gets m; when it
 *   runs, try_to_take_rt_mutex() makes W2 its pi waiter:
 *   rt_mutex_setprio(W1, W2) = min(110, 120) = 110; its unlock at 4000
 *   deboosts it and hands m to W2.
 */
static const char wl_fair[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":true},"
	"\"tasks\":{"
	"\"L\":{\"loop\":1,\"cpus\":[0],\"lock\":\"m\",\"run\":3000,"
	"\"unlock\":\"m\"},"
	"\"W1\":{\"loop\":1,\"cpus\":[1],\"sleep\":500,\"lock\":\"m\","
	"\"run\":1000,\"unlock\":\"m\"},"
	"\"W2\":{\"loop\":1,\"cpus\":[1],\"priority\":-10,\"sleep\":1000,"
	"\"lock\":\"m\",\"run\":1000,\"unlock\":\"m\"}}}";

#define FAIR_START                                                             \
	"0 swapper/0>L\n0 swapper/1>W1\n0 W1>swapper/1\n0 swapper/1>W2\n"      \
	"0 W2>swapper/1\n500 swapper/1>W1\n500 W1>swapper/1\n"                 \
	"1000 swapper/1>W2\n"

static void test_fair_waiters(void **state)
{
	(void)state;
	expect(plat_two, EAS_KERNEL_V5_4, wl_fair, 40,
	       FAIR_START "1000 pi L 120>110\n"
			  "1000 W2>swapper/1\n"
			  "3000 pi L 110>120\n"
			  "3000 L>swapper/0\n"
			  "3000 swapper/1>W2\n"
			  "4000 W2>W1\n"
			  "5000 W1>swapper/1\n");
	for (size_t i = 1; i < 3; i++)
		expect(plat_two, all_k[i], wl_fair, 40,
		       FAIR_START "1000 W2>swapper/1\n"
				  "3000 L>swapper/0\n"
				  "3000 swapper/1>W1\n"
				  "3000 pi W1 120>110\n"
				  "4000 pi W1 110>120\n"
				  "4000 W1>W2\n"
				  "5000 W2>swapper/1\n");
}

/*
 * A boosted owner whose next phase raises its own priority
 * (__sched_setscheduler() with pi: __setscheduler() keeps the boost as
 * rt_effective_prio(p, normal_prio) = min(new normal_prio, the top
 * waiter's prio); v5.4 core.c rt_effective_prio(), v6.19 the same via
 * __setscheduler_prio()).
 *   L (fair): phase p1: lock m, run 2 ms; phase p2: SCHED_FIFO 90 (9):
 *     run 2 ms, unlock m, run 1 ms.
 *   H (FIFO 50, 49): sleep 1 ms, lock m, run 1 ms, unlock m.
 *   M (FIFO 70, 29): sleep 2.5 ms, run 3 ms.
 *   1000  H blocks: L boosted to 49
 *   2000  L's p2: normal prio 9, min(9, 49) = 9 (traced as a PI change)
 *   2500  M (29) wakes: not higher than L's 9, no preemption (with L
 *         left at 49 it would preempt)
 *   4000  L unlocks: hand-off to H; L stays 9 (its own prio), runs 1 ms
 *   5000  L ends; M (29) before H (49): M -> 8000, H -> 9000
 */
static const char wl_phase[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":true},"
	"\"tasks\":{"
	"\"L\":{\"loop\":1,\"phases\":{\"p1\":{\"lock\":\"m\",\"run\":2000},"
	"\"p2\":{\"policy\":\"SCHED_FIFO\",\"priority\":90,\"run\":2000,"
	"\"unlock\":\"m\",\"run2\":1000}}},"
	"\"H\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":50,"
	"\"sleep\":1000,\"lock\":\"m\",\"run\":1000,\"unlock\":\"m\"},"
	"\"M\":{\"loop\":1,\"policy\":\"SCHED_FIFO\",\"priority\":70,"
	"\"sleep\":2500,\"run\":3000}}}";

static void test_phase_while_boosted(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++)
		expect(plat1, all_k[i], wl_phase, 40,
		       START3 "1000 L>H\n"
			      "1000 pi L 120>49\n"
			      "1000 H>L\n"
			      "2000 pi L 49>9\n"
			      "5000 L>M\n"
			      "8000 M>H\n"
			      "9000 H>swapper/0\n");
}

/*
 * A mixed PI workload on two CPUs (CFS, RT and DL lockers of shared PI
 * mutexes, a lock nested in another, a condition wait and a barrier on
 * PI mutexes, periodic RT timers): after every millisecond the run queues
 * are consistent (eas__sim_check(): each class's count equals its queue
 * plus a running task of that class, whatever the boosts moved), and a
 * task that owns no PI mutex is not boosted (every boost was undone at
 * the unlock that ended it).
 */
static const char wl_mix[] =
	"{\"global\":{\"calibration\":\"CPU0\",\"pi_enabled\":true},"
	"\"tasks\":{"
	"\"c\":{\"instance\":3,\"loop\":-1,\"lock\":\"A\",\"run\":700,"
	"\"unlock\":\"A\",\"sleep\":300},"
	"\"l\":{\"loop\":-1,\"priority\":5,\"lock\":\"B\",\"lock2\":\"A\","
	"\"run\":400,\"unlock\":\"A\",\"unlock2\":\"B\",\"sleep\":1000},"
	"\"r1\":{\"loop\":-1,\"policy\":\"SCHED_FIFO\",\"priority\":20,"
	"\"sleep\":900,\"lock\":\"B\",\"run\":200,\"unlock\":\"B\"},"
	"\"r2\":{\"instance\":2,\"loop\":-1,\"policy\":\"SCHED_RR\","
	"\"priority\":60,\"timer\":{\"ref\":\"unique\",\"period\":3000},"
	"\"lock\":\"A\",\"run\":100,\"unlock\":\"A\"},"
	"\"w\":{\"loop\":-1,\"lock\":\"C\",\"wait\":{\"ref\":\"q\","
	"\"mutex\":\"C\"},\"unlock\":\"C\",\"run\":200},"
	"\"sg\":{\"loop\":-1,\"policy\":\"SCHED_FIFO\",\"priority\":5,"
	"\"run\":500,\"lock\":\"C\",\"signal\":\"q\",\"unlock\":\"C\","
	"\"sleep\":500},"
	"\"b\":{\"instance\":2,\"loop\":-1,\"run\":300,\"barrier\":\"bar\","
	"\"sleep\":700},"
	"\"d\":{\"loop\":-1,\"policy\":\"SCHED_DEADLINE\","
	"\"dl-runtime\":1000,\"dl-period\":5000,\"lock\":\"A\",\"run\":300,"
	"\"unlock\":\"A\",\"sleep\":2000}}}";

static void test_mix_consistent(void **state)
{
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim_config cfg;
		struct eas_sim *s;
		char err[256];
		int e;
		uint64_t boosted = 0;

		memset(&cfg, 0, sizeof(cfg));
		cfg.duration_ns = 2000000000ull;
		assert_int_equal(eas_json_platform_load(plat_two,
							strlen(plat_two),
							all_k[i], 0, &jp, &d),
				 0);
		assert_int_equal(eas_rtapp_load(wl_mix, strlen(wl_mix), &w, &d),
				 0);
		s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
		if (!s)
			fail_msg("create: %s", err);
		for (uint64_t ms = 1; ms <= 2000; ms++) {
			assert_int_equal(eas_sim_run(s, ms * 1000000ull), 0);
			assert_int_equal(eas__sim_check(s), 0);
			for (uint32_t t = 0; t < s->nr_tasks; t++) {
				bool owns = false;

				for (uint32_t r = 0; r < w.nr_resources; r++)
					owns |= s->res[r].owner1 == t + 1;
				if (!owns && s->tasks[t].pi_boost)
					fail_msg(
						"k %d ms %llu: %s boosted to %d",
						(int)all_k[i],
						(unsigned long long)ms,
						s->tasks[t].comm,
						s->tasks[t].pi_kprio);
				boosted += s->tasks[t].pi_boost;
			}
		}
		/* the workload does boost */
		assert_true(boosted > 0);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inversion),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_unlock_order),
		cmocka_unit_test(test_fair_waiters),
		cmocka_unit_test(test_phase_while_boosted),
		cmocka_unit_test(test_mix_consistent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
