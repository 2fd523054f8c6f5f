/* SPDX-License-Identifier: MIT */
/*
 * The simulator's v5.4 CFS class on one CPU against hand-derived
 * timelines (Linux 5.4 kernel/sched/fair.c): the next buddy of a
 * preempting wakee, __calc_delta()'s inverse-weight vruntime, and
 * update_curr() only where the kernel calls it. Every expected
 * sched_switch below is derived in the comment above it.
 *
 * Platform: one CPU, capacity 1024, one OPP (rt-app `run` us = CPU us),
 * HZ 250 (ticks at 4 ms multiples). One CPU: tunable factor
 * 1 + ilog2(1) = 1, so sched_latency 6 ms, min_granularity 0.75 ms,
 * wakeup_granularity 1 ms, sched_nr_latency 8.
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
#include "ref_cfs54.h"

/* one line "T prev>next" of the timeline, or fail */
static void expect_has(const char *tl, const char *item)
{
	char buf[160];

	snprintf(buf, sizeof(buf), "%s\n", item);
	if (!strstr(tl, buf))
		fprintf(stderr, "missing %s in:\n%s", item, tl);
	assert_non_null(strstr(tl, buf));
}

/*
 * a, b: nice-0 hogs (30.1 ms); s: nice 0, run 2.3 ms, sleep 2.1 ms,
 * forever. All forked at 0 with vruntime = min_vruntime = 0 (vr in ms).
 *
 *  0     a picked (first queued among equals).
 *  4     tick: a ran 4 > sched_slice 6 * 1024/3072 = 2 (check_preempt_tick()
 *        `delta_exec > ideal_runtime`): b (0, queued before s).
 *  8     tick, same: s (0).
 * 10.3   s blocks (vr 2.3); a (4, put back at 4) before b (4).
 * 12.4   s wakes: place_entity() keeps 2.3 (> min_vruntime 4 - 3);
 *        a at 6.1: vdiff 3.8 > wakeup_gran 1: preempt, next = s = leftmost.
 * 14.7   s blocks (4.6): b (4) before a (6.1).
 * 16.8   s wakes: b at 6.1, s 4.6, vdiff 1.5 > 1: s.
 * 19.1   s blocks (6.9): a (6.1, queued 12.4) before b (6.1, queued 16.8).
 * 21.2   s wakes: a at 8.2, s 6.9: vdiff 1.3 > 1, check_preempt_wakeup()
 *        set_next_buddy(s). pick_next_entity(): left = b (6.1), but
 *        `cfs_rq->next && wakeup_preempt_entity(next, left) < 1` (s is
 *        0.8 <= 1 beyond b): s runs. Without the buddy: b.
 * 23.5   s blocks (9.2): b (6.1).
 * 25.6   s wakes at 9.2 > b 8.2: no preemption.
 * 28     tick: b ran 4.5 > 2: a (8.2) before s (9.2).
 */
static void test_next_buddy(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"a\": { \"loop\": 1, \"priority\": 0, \"run0\": 30100 },"
		"   \"b\": { \"loop\": 1, \"priority\": 0, \"run0\": 30100 },"
		"   \"s\": { \"loop\": -1, \"priority\": 0, \"run0\": 2300,"
		"          \"sleep1\": 2100 } } }";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V5_4, wl, 30,
				 "0 swapper/0>a\n"
				 "4000 a>b\n"
				 "8000 b>s\n"
				 "10300 s>a\n"
				 "12400 a>s\n"
				 "14700 s>b\n"
				 "16800 b>s\n"
				 "19100 s>a\n"
				 "21200 a>s\n"
				 "23500 s>b\n"
				 "28000 b>a\n");
}

/*
 * The next buddy against a heavier leftmost: l (nice -3, weight 1991,
 * inverse weight 2157191) and h (nice 0) hogs, s (nice 0) run 1.5 ms,
 * sleep 2.1 ms, forever. vr in ns; L(d) = calc_delta_fair(d, l) =
 * d * (1024 * 2157191 = 2208963584) >> 32 (fits 32 bits: shift 32).
 * sched_slice() = __calc_delta(6 ms, w, cfs_rq load 4039 with inverse
 * 0xffffffff / 4039 = 1063373): l 2957660, h / s 1521167.
 * wakeup_gran(l) = L(1 ms) = 514314; wakeup_gran(s) = 1 ms.
 *
 *  0     l, h, s forked at 0: l (first queued).
 *  4     tick: l ran 4 ms > 2957660: h (0, before s). l: L(4 ms) = 2057257.
 *  8     tick: h ran 4 ms > 1521167: s (0).
 *  9.5   s blocks (1500000): l (2057257).
 * 11.6   s wakes: l at 2057257 + L(2.1 ms) = 3137317 (one update_curr()
 *        at the enqueue, no tick since 9.5); s keeps 1500000 (> min 3137317
 *        - 3 ms); vdiff 1637317 > 1 ms: preempt, s (also leftmost).
 * 13.1   s blocks (3000000): l (3137317) before h (4000000).
 * 15.2   s wakes: l at 4217377, s stays 3000000: vdiff 1217377 > 1 ms: s.
 * 16     tick: s ran 0.8 ms < 1521167, 3800000 - h 4000000 < 0: runs on.
 * 16.7   s blocks (4500000): h (4000000) before l (4217377).
 * 18.8   s wakes: h at 6100000, s stays 4500000: vdiff 1600000 > 1 ms,
 *        check_preempt_wakeup() set_next_buddy(s). pick_next_entity():
 *        left = l (4217377); s is 282623 <= wakeup_gran(l) 514314 beyond
 *        it, so `wakeup_preempt_entity(cfs_rq->next, left) < 1`: s runs.
 *        (Without the buddy: l.)
 * 20     tick: s ran 1.2 ms < 1521167; 5700000 - l 4217377 = 1482623 <=
 *        1521167 (check_preempt_tick() `delta > ideal_runtime`): runs on.
 * 20.3   s blocks (6000000): l (4217377).
 * 22.4   s wakes: l at 5297437 < s 6000000: no preemption.
 * 24     tick: l ran 3.7 ms > 2957660 (vr 6120340): s (6000000) before
 *        h (6100000).
 * 25.5   s blocks (7500000): h (6100000) before l (6120340).
 * 27.6   s wakes: h at 8200000, vdiff 700000 <= 1 ms: no preemption.
 * 28     tick: h ran 2.5 ms > 1521167: l (6120340).
 */
static void test_next_buddy_heavier_left(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"l\": { \"loop\": 1, \"priority\": -3, \"run0\": 100000 },"
		"   \"h\": { \"loop\": 1, \"priority\": 0, \"run0\": 100000 },"
		"   \"s\": { \"loop\": -1, \"priority\": 0, \"run0\": 1500,"
		"          \"sleep1\": 2100 } } }";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V5_4, wl, 30,
				 "0 swapper/0>l\n"
				 "4000 l>h\n"
				 "8000 h>s\n"
				 "9500 s>l\n"
				 "11600 l>s\n"
				 "13100 s>l\n"
				 "15200 l>s\n"
				 "16700 s>h\n"
				 "18800 h>s\n"
				 "20300 s>l\n"
				 "24000 l>s\n"
				 "25500 s>h\n"
				 "28000 h>l\n");
}

/*
 * Finding sim-cfs-next-buddy case 2: a tie decided by __calc_delta().
 * slp0 nice 10 run 3.037 ms sleep 11.967 ms; hog1 nice 0, 66.6 ms;
 * hog2-0 / hog2-1 nice 10 hogs. hog2-0 runs 8-12 ms in one update_curr():
 * calc_delta_fair(4000000) for nice 10 (inv weight 39045157, factor
 * 1024 * 39045157 shifted 4 times to 2498890048, shift 28) = 37236363.
 * hog2-1 runs 12-16 ms and slp0's wake-up at 15.004 ms splits its
 * update (enqueue_entity() update_curr()): 27964508 + 9271854 =
 * 37236362, where exact division (delta * 1024 / 110) gives 37236363
 * either way. At 52 ms hog2-1 is 1 ns
 * behind hog2-0: the kernel picks hog2-1, then hog2-0 at 56 ms.
 */
static void test_calc_delta_tie(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"slp0\": { \"loop\": -1, \"priority\": 10, \"run0\": 3037,"
		"             \"sleep1\": 11967 },"
		"   \"hog1\": { \"loop\": 1, \"priority\": 0, \"run0\": 66597 },"
		"   \"hog2\": { \"loop\": -1, \"priority\": 10, \"instance\": 2,"
		"             \"run0\": 50000 } } }";
	char *tl;

	(void)state;
	tl = eas_test_switches(EAS_KERNEL_V5_4, wl, 60);
	expect_has(tl, "52000 hog1>hog2-1");
	expect_has(tl, "56000 hog2-1>hog2-0");
	expect_has(tl, "60000 hog2-0>hog1");
	free(tl);
}

/*
 * Finding sim-cfs-next-buddy case 3: no update_curr() at an rt-app event
 * boundary. hog0 nice -1 hog; tmr1-0 / tmr1-1 nice -1 `run 9759, timer
 * 24797`: all advance 4 ms per tick turn (round robin by
 * check_preempt_tick()), so their vruntimes stay equal. tmr1-0's 28-32 ms
 * turn contains the end of its first run at 29.759 ms with the timer
 * already missed: rt-app goes on without entering the kernel, so the turn
 * is one update_curr() at the 32 ms tick: calc_delta_fair(4000000) for
 * nice -1 (inv 3363326) = 3207517, where split at 29.759 ms it would be
 * 1410505 + 1797011 = 3207516 (1 ns behind). Equal vruntimes: at 36 ms hog0 (queued before
 * tmr1-0) runs.
 */
static void test_update_curr_not_split(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"hog0\": { \"loop\": -1, \"priority\": -1, \"run0\": 50000 },"
		"   \"tmr1\": { \"loop\": -1, \"priority\": -1, \"instance\": 2,"
		"             \"run0\": 9759, \"timer1\": { \"ref\": \"unique\","
		"             \"period\": 24797 } } } }";
	char *tl;

	(void)state;
	tl = eas_test_switches(EAS_KERNEL_V5_4, wl, 40);
	expect_has(tl, "36000 tmr1-1>hog0");
	free(tl);
}

/* xorshift64* */
static void gen(uint64_t *x, struct ref54_task *t, uint32_t n, char *wl,
		size_t len)
{
	size_t o = 0;
	uint32_t i, j;

	o += (size_t)snprintf(wl + o, len - o,
			      "{ \"global\": { \"duration\": -1, "
			      "\"calibration\": \"CPU0\" }, \"tasks\": {");
	for (i = 0; i < n; i++) {
		uint32_t kind = (uint32_t)(eas_test_rnd(x) % 5);

		memset(&t[i], 0, sizeof(t[i]));
		t[i].nice = (int)(eas_test_rnd(x) % 13) - 6;
		t[i].loop = -1;
		switch (kind) {
		case 0: /* hog */
			t[i].nr_ev = 1;
			t[i].ev[0].type = REF54_RUN;
			t[i].ev[0].us = 500000;
			break;
		case 1: /* run, sleep */
		case 2: /* run, timer */
			t[i].nr_ev = 2;
			t[i].ev[0].type = REF54_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 6000);
			t[i].ev[1].type = kind == 1 ? REF54_SLEEP : REF54_TIMER;
			t[i].ev[1].us = eas_test_rnd_us(x, 300, 12000);
			break;
		case 3: /* run, run, sleep */
			t[i].nr_ev = 3;
			t[i].ev[0].type = REF54_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 4000);
			t[i].ev[1].type = REF54_RUN;
			t[i].ev[1].us = eas_test_rnd_us(x, 200, 4000);
			t[i].ev[2].type = REF54_SLEEP;
			t[i].ev[2].us = eas_test_rnd_us(x, 300, 9000);
			break;
		default: /* run, timer, run, sleep */
			t[i].nr_ev = 4;
			t[i].ev[0].type = REF54_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 5000);
			t[i].ev[1].type = REF54_TIMER;
			t[i].ev[1].us = eas_test_rnd_us(x, 1000, 15000);
			t[i].ev[2].type = REF54_RUN;
			t[i].ev[2].us = eas_test_rnd_us(x, 200, 3000);
			t[i].ev[3].type = REF54_SLEEP;
			t[i].ev[3].us = eas_test_rnd_us(x, 300, 6000);
			break;
		}
		o += (size_t)snprintf(wl + o, len - o,
				      "%s \"t%u\": { \"loop\": -1, "
				      "\"priority\": %d",
				      i ? "," : "", i, t[i].nice);
		for (j = 0; j < t[i].nr_ev; j++) {
			static const char *nm[] = { "run", "sleep", "timer" };

			if (t[i].ev[j].type == REF54_TIMER)
				o += (size_t)snprintf(
					wl + o, len - o,
					", \"timer%u\": { \"ref\": "
					"\"unique\", \"period\": %u }",
					j, t[i].ev[j].us);
			else
				o += (size_t)snprintf(
					wl + o, len - o, ", \"%s%u\": %u",
					nm[t[i].ev[j].type], j, t[i].ev[j].us);
		}
		o += (size_t)snprintf(wl + o, len - o, " }");
	}
	snprintf(wl + o, len - o, " } }");
}

static void name_of(int i, char *buf, size_t len)
{
	if (i < 0)
		snprintf(buf, len, "swapper/0");
	else
		snprintf(buf, len, "t%d", i);
}

/*
 * Differential: the simulator's v5.4 one-CPU timeline (every switch,
 * idle included, to the us of the trace) equals the literal model of
 * tests/oracle/ref_cfs54.c on random 2-4 thread workloads of 200 ms
 * (nice -6..6; hogs, run/sleep, run/timer, run/run/sleep,
 * run/timer/run/sleep). Workloads where two events fall on the same ns
 * (their order is a convention) are skipped and counted.
 */
static void diff_ref_cfs54(uint64_t seed, uint32_t total, uint32_t min_n,
			   uint32_t span)
{
	static struct ref54_switch sw[4096];
	uint64_t x = seed;
	uint32_t k, agree = 0, ambiguous = 0;
	char wl[8192];

	for (k = 0; k < total; k++) {
		struct ref54_task t[REF54_MAX_TASKS];
		uint32_t n = min_n + (uint32_t)(eas_test_rnd(&x) % span), j;
		int ns;
		char *want, *got;
		size_t o = 0, cap;

		gen(&x, t, n, wl, sizeof(wl));
		ns = ref54_run(t, n, 200 * 1000000ull, sw, 4096);
		if (ns < 0) {
			ambiguous++;
			continue;
		}
		assert_true(ns < 4096);
		cap = (size_t)ns * 64 + 1;
		want = malloc(cap);
		assert_non_null(want);
		want[0] = 0;
		for (j = 0; j < (uint32_t)ns; j++) {
			char a[16], b[16];

			name_of(sw[j].prev, a, sizeof(a));
			name_of(sw[j].next, b, sizeof(b));
			o += (size_t)snprintf(
				want + o, cap - o, "%llu %s>%s\n",
				(unsigned long long)(sw[j].t_ns / 1000), a, b);
		}
		got = eas_test_switches(EAS_KERNEL_V5_4, wl, 200);
		if (!strcmp(got, want))
			agree++;
		else if (getenv("EAS_TEST_VERBOSE"))
			fprintf(stderr, "differs: %s\nwant:\n%sgot:\n%s\n", wl,
				want, got);
		free(want);
		free(got);
	}
	print_message("ref_cfs54: %u / %u timelines agree (%u ambiguous "
		      "skipped)\n",
		      agree, total - ambiguous, ambiguous);
	assert_true(total - ambiguous >= total / 2);
	assert_int_equal(agree, total - ambiguous);
}

static void test_diff_ref_cfs54(void **state)
{
	(void)state;
	diff_ref_cfs54(0x5eed1234abcdull, 300, 2, 3);
}

/* 8 to 11 threads: sched_nr_latency reached (LAST_BUDDY's `scale`, the
 * period stretched to nr x min_granularity beyond 8) */
static void test_diff_ref_cfs54_many(void **state)
{
	(void)state;
	diff_ref_cfs54(0xc0ffee5eedull, 100, 8, 4);
}

/*
 * sched_yield() (rt-app "yield"), v5.4: a runs 200 us then yields, b hogs.
 * Both forked at 0 with vruntime 0 (vr in us); wakeup_gran 1000.
 *
 *    0   a picked (first queued); b's fork does not preempt (vdiff 0).
 *  200   a yields: yield_task_fair(): update_curr() (a.vr 200),
 *        set_skip_buddy(a). pick_next_entity(): left = b (0): a>b. The
 *        skip mark stays on a (clear_buddies() of the picked b only).
 * 4000   tick: b ran 3800 > sched_slice 3000: left = a (200) is the skip
 *        buddy, second = b (3800): wakeup_preempt_entity(b, a) = 3600 >
 *        1000 = 1, so a after all (its marks cleared): b>a.
 * 4200.. a yields every 200 us, each time the leftmost and the skip buddy,
 *        b too far behind (vdiff > 1000): a goes on (no switch).
 * 6600   a.vr 2800: vdiff 3800 - 2800 = 1000, not > 1000:
 *        wakeup_preempt_entity() = 0 < 1: second = b: a>b.
 * 8000   tick: b ran 1400 < 3000, and b.vr 5200 - a.vr 2800 < 3000.
 */
static const char wl_yield[] =
	"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
	" \"a\":{\"loop\":-1,\"run\":200,\"yield\":0},"
	" \"b\":{\"loop\":-1,\"run\":100000}}}";

static void test_yield_skip_buddy_v54(void **state)
{
	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V5_4, wl_yield, 10,
				 "0 swapper/0>a\n"
				 "200 a>b\n"
				 "4000 b>a\n"
				 "6600 a>b\n");
}

/*
 * The same workload under EEVDF (v6.19 / v7.1 fair.c). One CPU: base
 * slice 0.7 ms (factor 1); times and virtual times in us, nice 0 so
 * calc_delta_fair() is the identity.
 *
 *    0   a forked: place_entity() on an empty rq, v 0, deadline 0 + 700/2
 *        (PLACE_DEADLINE_INITIAL) = 350; picked, set_protect_slice():
 *        vprot = 350. b forked: v = avg_vruntime() = 0, d 350; WF_FORK
 *        does not preempt.
 *  200   a yields: update_curr() v 200 (< d, vprot 350: no resched);
 *        entity_eligible(a): avg 100 < 200, no (yield_task_fair() leaves
 *        it). __pick_eevdf(): a not eligible, b (0) is: a>b.
 * 4000   tick: b v 3800 >= d 350: update_deadline() d 4500, resched; avg
 *        2000: a (v 200, d 350) eligible, b not: b>a. vprot(a) = 350.
 * 4200   a runs 200, yields: v 400 >= 350, d 1100; eligible (avg 2100):
 *        v = d = 1100, d 1800; pick: b (3800) not eligible (avg 2450):
 *        a goes on. Likewise 4400 (v 1300 -> 1800, d 2500), 4600 (2000 ->
 *        2500, d 3200), 4800 (2700 -> 3200, d 3900; avg 3500 < 3800).
 * 5000   v 3400 -> 3900, d 4600; avg (3900 + 3800) / 2 = 3850: b
 *        eligible, a not: a>b. vprot(b) = d = 4500.
 * 8000   tick: b v 6800 >= 4500, d 7500; avg 5350: a (3900) eligible: b>a.
 * 8200   a: v 4100 < vprot 4600; eligible: v 4600, d 5300. 8400: 5300 /
 *        6000, 8600: 6000 / 6700, 8800: 6700 / 7400 (avg 6750 < 6800).
 * 9000   v 6900: avg 6850 < 6900, a not eligible (no forfeit); b is: a>b.
 */
static void test_yield_v619(void **state)
{
	static const char want[] = "0 swapper/0>a\n"
				   "200 a>b\n"
				   "4000 b>a\n"
				   "5000 a>b\n"
				   "8000 b>a\n"
				   "9000 a>b\n";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V6_19, wl_yield, 10, want);
	eas_test_expect_switches(EAS_KERNEL_V7_1, wl_yield, 10, want);
}

/*
 * yield_task_rt(): requeue_task_rt() at the tail of its priority. a and b
 * SCHED_FIFO 10 run 1000 us and yield; c, a CFS hog, never runs (a yield
 * stays within the RT class).
 *
 *    0   a (b and c queued; b does not preempt an equal priority).
 * 1000   a yields: tail, behind b: a>b. 2000 b>a, 3000 a>b, ...
 */
static void test_yield_rt(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"policy\":\"SCHED_FIFO\","
		"   \"run\":1000,\"yield\":0},"
		" \"b\":{\"loop\":-1,\"policy\":\"SCHED_FIFO\","
		"   \"run\":1000,\"yield\":0},"
		" \"c\":{\"loop\":-1,\"run\":100000}}}";
	static const char want[] = "0 swapper/0>a\n"
				   "1000 a>b\n"
				   "2000 b>a\n"
				   "3000 a>b\n"
				   "4000 b>a\n";
	int k;

	(void)state;
	for (k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V7_1; k++)
		eas_test_expect_switches((enum eas_kernel)k, wl, 4, want);
}

/*
 * rt-app's "fork" (tutorial example9.json from tests/data/rtapp-corpus):
 * thread1 (run 10 ms, sleep 10 ms, forever), thread2 ("instance": 0: only
 * forked; run 20, sleep 20, forever), thread3 (once: fork thread1, run 10,
 * sleep 10; fork thread2, run 20, sleep 20). v5.4 on one CPU; a forked
 * thread starts at min_vruntime (docs/simulator.md), is named
 * <name>-<thread index>-<nth fork> (rt-app's thread_data_set_unique_name():
 * thread1 0, thread3 1, so the forks are 2 and 3). vr, min_vr in us.
 *
 *     0  thread1, then thread3 (vr 0) forked at start: thread1 runs.
 *  4000  tick: thread1 ran 4000 > slice 3000 (2 tasks): thread3 (0).
 *        thread3 forks thread1-2-0000 from CPU 0 (vr = min_vr = 0), no
 *        preemption (vdiff 0), runs on.
 *  8000  tick: 4000 > 2000 (3 tasks), thread3 vr 4000: thread1-2-0000 (0).
 * 12000  tick: it reaches 4000; thread1 (4000, queued first).
 * 16000  thread1 8000: thread3 (4000). 20000 thread3 8000: the fork (4000).
 * 24000  the fork 8000: thread1 (8000, queued first), 2000 left.
 * 26000  thread1 sleeps (vr 10000): thread3 (8000), 2000 left.
 * 28000  thread3 sleeps: thread1-2-0000 (2000 left); tick at 28000 first:
 *        slice 2000 < 3000, vdiff 2000 < 3000. 30000 it sleeps: idle
 *        (min_vr 8000).
 * 36000  thread1 wakes (vr 10000 > 8000 - 3000).
 * 38000  thread3 wakes (vr 10000, min_vr 12000 after update_curr()):
 *        vdiff 12000 - 10000 > wakeup_gran 1000: preempts (next buddy).
 *        Phase 2 forks thread2-3-0000 (vr = min_vr 12000), no preemption.
 * 40000  thread1-2-0000 wakes (vr 10000): thread3 at 12000 preempted.
 * 44000  tick: 4000 > 1500 (4 tasks), vr 14000: thread1 (12000, queued
 *        before thread2-3-0000 and thread3, all 12000).
 * 48000  thread1 16000: thread2-3-0000 (12000).
 */
static void test_fork_example9(void **state)
{
	char path[512], *wl;
	FILE *f;
	long n;

	(void)state;
	snprintf(path, sizeof(path),
		 "%s/tests/data/rtapp-corpus/rt-app__tutorial__example9.json",
		 EAS_SOURCE_DIR);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("missing %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	wl = calloc(1, (size_t)n + 1);
	assert_non_null(wl);
	assert_int_equal(fread(wl, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	eas_test_expect_switches(EAS_KERNEL_V5_4, wl, 50,
				 "0 swapper/0>thread1\n"
				 "4000 thread1>thread3\n"
				 "8000 thread3>thread1-2-0000\n"
				 "12000 thread1-2-0000>thread1\n"
				 "16000 thread1>thread3\n"
				 "20000 thread3>thread1-2-0000\n"
				 "24000 thread1-2-0000>thread1\n"
				 "26000 thread1>thread3\n"
				 "28000 thread3>thread1-2-0000\n"
				 "30000 thread1-2-0000>swapper/0\n"
				 "36000 swapper/0>thread1\n"
				 "38000 thread1>thread3\n"
				 "40000 thread3>thread1-2-0000\n"
				 "44000 thread1-2-0000>thread1\n"
				 "48000 thread1>thread2-3-0000\n");
	free(wl);
}

/*
 * A fork loop is bounded: rt-app exits at the 1025th fork of one
 * description (FORKS_LIMIT in run_event()); the simulator stops the run
 * there, eas_sim_run() returns EAS_ERANGE, and the task array (allocated
 * at creation) holds the parent and the 1024 children. Each child runs
 * 1 us and ends, so alive threads never pile up.
 */
static void test_fork_limit(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"p\":{\"loop\":-1,\"fork\":\"c\",\"run\":10},"
		" \"c\":{\"instance\":0,\"loop\":1,\"run\":1}}}";
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	const struct eas_sim_stats *st;
	struct eas_sim *s;
	char err[256];
	int e;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 1000000000ull;
	assert_int_equal(eas_json_platform_load(eas_test_plat1,
						strlen(eas_test_plat1),
						EAS_KERNEL_V5_4, 0, &jp, &d),
			 0);
	assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(eas_sim_run(s, 0), EAS_ERANGE);
	assert_int_equal(eas_sim_run(s, 0), EAS_ERANGE);
	st = eas_sim_stats(s);
	assert_int_equal(st->nr_tasks, 1 + 1024);
	/* 1025 iterations of the parent's run 10 at least */
	assert_true(st->duration_ns >= 1024ull * 10000);
	assert_true(st->duration_ns < cfg.duration_ns);
	assert_string_equal(st->tasks[1024].comm, "c-1024-1023");
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

/*
 * A forked thread's delay counts from the start of the run (rt-app's
 * thread_body(): t_first = t_zero + delay, clock_nanosleep() to it): c,
 * forked at 0 by p, first runs at 1000 when p ends, sleeps to 5000, runs
 * 1000. Names: p is thread 0, so the fork is thread 1, its first fork.
 */
static void test_fork_delay(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"p\":{\"loop\":1,\"fork\":\"c\",\"run\":1000},"
		" \"c\":{\"instance\":0,\"delay\":5000,\"loop\":1,\"run\":1000}}}";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V5_4, wl, 10,
				 "0 swapper/0>p\n"
				 "1000 p>c-1-0000\n"
				 "1000 c-1-0000>swapper/0\n"
				 "5000 swapper/0>c-1-0000\n"
				 "6000 c-1-0000>swapper/0\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next_buddy),
		cmocka_unit_test(test_next_buddy_heavier_left),
		cmocka_unit_test(test_calc_delta_tie),
		cmocka_unit_test(test_update_curr_not_split),
		cmocka_unit_test(test_diff_ref_cfs54),
		cmocka_unit_test(test_diff_ref_cfs54_many),
		cmocka_unit_test(test_yield_skip_buddy_v54),
		cmocka_unit_test(test_yield_v619),
		cmocka_unit_test(test_yield_rt),
		cmocka_unit_test(test_fork_example9),
		cmocka_unit_test(test_fork_limit),
		cmocka_unit_test(test_fork_delay),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
