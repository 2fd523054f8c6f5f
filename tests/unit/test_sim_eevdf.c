/* SPDX-License-Identifier: MIT */
/*
 * The simulator's v6.19 / v7.1 EEVDF fair class on one CPU: hand-derived
 * timelines (every sched_switch derived in the comment above it from
 * kernel/sched/fair.c of v6.19 / v7.1, functions named), and a
 * differential test against tests/oracle/ref_eevdf.c, a literal
 * transliteration of the kernel's single-CPU EEVDF, on random workloads.
 *
 * Platform: one CPU, capacity 1024, one OPP (rt-app `run` us = CPU us),
 * HZ 250 (ticks at 4 ms multiples). One CPU: get_update_sysctl_factor()
 * = 1 + ilog2(1) = 1, so sysctl_sched_base_slice = 0.7 ms. Nice 0:
 * calc_delta_fair() is the identity, so virtual times below are in us of
 * CPU time.
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
#include "ref_eevdf.h"
#include "../../lib/sim/sim_internal.h" /* eas__sim_check() */

/* xorshift64* */
static void gen(uint64_t *x, struct refev_task *t, uint32_t n, char *wl,
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
		/* a custom slice (sched_runtime) for one thread in four */
		t[i].slice_us =
			eas_test_rnd(x) % 4 ? 0 : eas_test_rnd_us(x, 100, 6000);
		switch (kind) {
		case 0: /* hog */
			t[i].nr_ev = 1;
			t[i].ev[0].type = REFEV_RUN;
			t[i].ev[0].us = 500000;
			break;
		case 1: /* run, sleep */
		case 2: /* run, timer */
			t[i].nr_ev = 2;
			t[i].ev[0].type = REFEV_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 6000);
			t[i].ev[1].type = kind == 1 ? REFEV_SLEEP : REFEV_TIMER;
			t[i].ev[1].us = eas_test_rnd_us(x, 300, 12000);
			break;
		case 3: /* run, run, sleep */
			t[i].nr_ev = 3;
			t[i].ev[0].type = REFEV_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 4000);
			t[i].ev[1].type = REFEV_RUN;
			t[i].ev[1].us = eas_test_rnd_us(x, 200, 4000);
			t[i].ev[2].type = REFEV_SLEEP;
			t[i].ev[2].us = eas_test_rnd_us(x, 300, 9000);
			break;
		default: /* run, timer, run, sleep */
			t[i].nr_ev = 4;
			t[i].ev[0].type = REFEV_RUN;
			t[i].ev[0].us = eas_test_rnd_us(x, 200, 5000);
			t[i].ev[1].type = REFEV_TIMER;
			t[i].ev[1].us = eas_test_rnd_us(x, 1000, 15000);
			t[i].ev[2].type = REFEV_RUN;
			t[i].ev[2].us = eas_test_rnd_us(x, 200, 3000);
			t[i].ev[3].type = REFEV_SLEEP;
			t[i].ev[3].us = eas_test_rnd_us(x, 300, 6000);
			break;
		}
		o += (size_t)snprintf(wl + o, len - o,
				      "%s \"t%u\": { \"loop\": -1, "
				      "\"priority\": %d",
				      i ? "," : "", i, t[i].nice);
		if (t[i].slice_us)
			o += (size_t)snprintf(wl + o, len - o,
					      ", \"dl-runtime\": %u",
					      t[i].slice_us);
		for (j = 0; j < t[i].nr_ev; j++) {
			static const char *nm[] = { "run", "sleep", "timer" };

			if (t[i].ev[j].type == REFEV_TIMER)
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
 * Differential: the simulator's one-CPU timeline (every switch, idle
 * included, to the us of the trace) against the literal model of
 * tests/oracle/ref_eevdf.c on random 2-4 (or 8-11) thread workloads of
 * 200 ms: nice -6..6, a custom slice (dl-runtime) for one thread in four;
 * hogs, run/sleep, run/timer, run/run/sleep, run/timer/run/sleep.
 * Workloads where two events fall on the same ns (their order is a
 * convention) are skipped and counted.
 */
static void diff_ref_eevdf(enum eas_kernel k, uint64_t seed, uint32_t total,
			   uint32_t min_n, uint32_t span)
{
	static struct refev_switch sw[4096];
	uint64_t x = seed;
	uint32_t i, agree = 0, ambiguous = 0, delayed = 0, with_delay = 0;
	char wl[8192];

	for (i = 0; i < total; i++) {
		struct refev_task t[REFEV_MAX_TASKS];
		uint32_t n = min_n + (uint32_t)(eas_test_rnd(&x) % span), j,
			 nd = 0;
		int ns;
		char *want, *got;
		size_t o = 0, cap;

		gen(&x, t, n, wl, sizeof(wl));
		ns = refev_run(t, n, 200 * 1000000ull, k == EAS_KERNEL_V7_1, sw,
			       4096, &nd);
		if (ns < 0) {
			ambiguous++;
			continue;
		}
		delayed += nd;
		with_delay += nd > 0;
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
		got = eas_test_switches(k, wl, 200);
		if (!strcmp(got, want))
			agree++;
		else if (getenv("EAS_TEST_VERBOSE"))
			fprintf(stderr, "differs: %s\nwant:\n%sgot:\n%s\n", wl,
				want, got);
		free(want);
		free(got);
	}
	print_message("ref_eevdf %s: %u / %u timelines agree (%.1f %%; %u "
		      "ambiguous skipped; %u with delayed dequeues, %u in "
		      "all)\n",
		      k == EAS_KERNEL_V7_1 ? "v7.1" : "v6.19", agree,
		      total - ambiguous,
		      100.0 * agree / (double)(total - ambiguous), ambiguous,
		      with_delay, delayed);
	assert_true(total - ambiguous >= total / 2);
	/* the random workloads do exercise DELAY_DEQUEUE */
	assert_true(with_delay >= (total - ambiguous) / 4);
	assert_int_equal(agree, total - ambiguous);
}

/*
 * Lag-preserving wake-up (PLACE_LAG). a: hog; b: run 300, sleep 500.
 *
 *    0   a forked on the empty rq: place_entity() v 0, deadline 0 + 700/2
 *        (PLACE_DEADLINE_INITIAL) = 350; picked, set_protect_slice() on
 *        an empty tree: vprot = deadline. b forked: v = avg_vruntime() =
 *        0, d 350; check_preempt_wakeup_fair(): WF_FORK returns.
 * 4000   tick, update_curr(): a v 4000 >= 350, update_deadline() d 4700,
 *        resched; __pick_eevdf(): avg 2000, b (0, d 350) eligible: a>b.
 * 4300   b sleeps: v 300, eligible (avg 2150): dequeued (no delay),
 *        update_entity_lag(): vlag 2150 - 300 = 1850 (limit 4000): b>a.
 * 4800   b wakes: update_curr() a v 4500 (< 4700); place_entity(): V 4500,
 *        lag inflated by (W + w) / W = 2048 / 1024: 3700, so v 800, d 1500
 *        (V after the enqueue 2650: b's lag is 1850 again). Wake-up
 *        preemption: a (4500) is not eligible, b is: a>b. (Without the
 *        lag b would be placed at 4500 and not preempt.)
 */
static void test_eevdf_lag_wakeup(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"run\":100000},"
		" \"b\":{\"loop\":-1,\"run\":300,\"sleep\":500}}}";
	static const char want[] = "0 swapper/0>a\n"
				   "4000 a>b\n"
				   "4300 b>a\n"
				   "4800 a>b\n";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V6_19, wl, 5, want);
	eas_test_expect_switches(EAS_KERNEL_V7_1, wl, 5, want);
}

/*
 * A custom slice (rt-app "dl-runtime": sched_attr.sched_runtime, 100 us =
 * __setparam_fair()'s minimum), PREEMPT_SHORT and a delayed dequeue.
 * a: hog (base slice 700); b: slice 100, run 200, sleep 1000.
 *
 *    0   a: v 0, d 350. b forked: v 0, d 0 + 100/2 = 50. PREEMPT_SHORT
 *        (b's slice < a's) skips the WF_FORK return: __pick_eevdf(protect
 *        = false) picks b (d 50 < 350): cancel_protect_slice(a), a>b.
 *  200   b sleeps: v 200 >= d 50: d 300; entity_eligible(b): avg 100 <
 *        200, no: DELAY_DEQUEUE, b stays queued (sched_delayed) and goes
 *        back into the tree (put_prev_entity()). a (0) is picked: b>a.
 *        set_protect_slice(a): min slice 100 < 700: vprot = min(350, 100).
 * 1200   b's wake-up, ttwu_runnable(): requeue_delayed_entity():
 *        update_entity_lag() (a's v not updated: 0) vlag 100 - 200 = -100
 *        <= 0, not re-placed (v7.1: == the lag it was delayed with, not
 *        re-placed either). Wake-up preemption: update_curr() a v 1000
 *        (d 1700); PREEMPT_SHORT pick: avg 600, a not eligible: a>b.
 * 1400   b: v 400 >= 300, d 500; eligible (avg 700): dequeued, vlag 300:
 *        b>a. vprot(a) = d 1700 (empty tree).
 * 2400   a v 2000 (d 2700). b placed at 2000 - 300 x 2 = 1400, d 1500:
 *        a not eligible (avg 1700): a>b. 2600 b v 1600, d 1700, eligible
 *        (avg 1800), vlag 200: b>a.
 * 3600   a v 3000 (d 3700); b at 2600 (d 2700), avg 2800: a>b. 3800 b v
 *        2800 (d 2900), avg 2900, vlag 100: b>a.
 * 4800   a v 4000 (d 4700); b 3800 (d 3900), avg 3900: a>b. 5000 b v
 *        4000: avg 4000, eligible, vlag 0: b>a.
 */
static void test_eevdf_custom_slice_short(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"run\":100000},"
		" \"b\":{\"loop\":-1,\"dl-runtime\":100,\"run\":200,"
		"\"sleep\":1000}}}";
	static const char want[] = "0 swapper/0>a\n"
				   "0 a>b\n"
				   "200 b>a\n"
				   "1200 a>b\n"
				   "1400 b>a\n"
				   "2400 a>b\n"
				   "2600 b>a\n"
				   "3600 a>b\n"
				   "3800 b>a\n"
				   "4800 a>b\n"
				   "5000 b>a\n";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V6_19, wl, 5, want);
	eas_test_expect_switches(EAS_KERNEL_V7_1, wl, 5, want);
}

/*
 * RUN_TO_PARITY: two hogs with 10 ms custom slices (dl-runtime 10000).
 *
 *    0   a: v 0, d 5000 (half a slice); vprot = d. b: v 0, d 5000.
 * 4000   tick: a v 4000 < d; a is no longer eligible (avg 2000) but
 *        protect_slice() (vprot 5000 > 4000): update_curr() does not
 *        resched. (Without RUN_TO_PARITY vprot would be v + 0.7 ms.)
 * 8000   a v 8000 >= 5000: d 18000, resched: b (0, d 5000): a>b; b's
 *        vprot 5000.
 * 12000  b v 4000, protected. 16000 b v 8000, d 18000: a and b both at
 *        (8000, 18000): the tree's a (curr only wins when strictly
 *        earlier): b>a; vprot(a) = 18000.
 * 20000, 24000: a protected (v 12000, 16000). 28000 a v 20000, d 30000:
 *        b (8000, 18000): a>b.
 */
static void test_eevdf_run_to_parity(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"dl-runtime\":10000,\"run\":100000},"
		" \"b\":{\"loop\":-1,\"dl-runtime\":10000,\"run\":100000}}}";
	static const char want[] = "0 swapper/0>a\n"
				   "8000 a>b\n"
				   "16000 b>a\n"
				   "28000 a>b\n";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V6_19, wl, 30, want);
	eas_test_expect_switches(EAS_KERNEL_V7_1, wl, 30, want);
}

/*
 * DELAY_DEQUEUE: a delayed task picked while asleep is dequeued then
 * (pick_task_fair() -> pick_next_entity() -> dequeue_entities(
 * DEQUEUE_DELAYED)) and wakes later as a fresh wake-up at lag 0.
 * a: hog; b: slice 100, run 200, sleep 5000.
 *
 *    0   as test_eevdf_custom_slice_short: a>b at 0; 200 b delayed
 *        (v 200, d 300), a runs from v 0: b>a.
 * 4000   tick: a v 3800 >= 350: d 4500, resched (nr_queued 2: the
 *        delayed b counts). Pick: avg (3800 + 200) / 2 = 2000, b eligible
 *        with the earliest deadline: a delayed pick, dequeued now;
 *        update_entity_lag() 1800, then zeroed (v6.19
 *        finish_delayed_dequeue_entity() DELAY_ZERO; v7.1 min(max(1800,
 *        -100), 0)). Picked again: a alone, no switch.
 * 5200   b wakes (a normal wake-up): a v 5000 (d 5700); b placed at lag 0:
 *        v 5000, d 5100; PREEMPT_SHORT pick: b's deadline first: a>b.
 *        (Dequeued at 200 with lag -100 it would be placed at 5200 and
 *        not preempt.)
 * 5400   b v 5200 >= 5100, d 5300; avg (5000 + 5200) / 2 = 5100 < 5200:
 *        delayed again: b>a.
 */
static void test_eevdf_delayed_dequeue(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"run\":100000},"
		" \"b\":{\"loop\":-1,\"dl-runtime\":100,\"run\":200,"
		"\"sleep\":5000}}}";
	static const char want[] = "0 swapper/0>a\n"
				   "0 a>b\n"
				   "200 b>a\n"
				   "5200 a>b\n"
				   "5400 b>a\n";

	(void)state;
	eas_test_expect_switches(EAS_KERNEL_V6_19, wl, 6, want);
	eas_test_expect_switches(EAS_KERNEL_V7_1, wl, 6, want);
}

/*
 * cfg.timeline (eas simulate --timeline, docs/formats.md): one line per
 * context switch, "<time_ns> <cpu> <prev> <next>", the same switches as
 * the trace's sched_switch lines; the results do not depend on it.
 */
static void test_timeline_output(void **state)
{
	static const char wl[] =
		"{\"global\":{\"calibration\":\"CPU0\"},\"tasks\":{"
		" \"a\":{\"loop\":-1,\"run\":100000},"
		" \"b\":{\"loop\":-1,\"dl-runtime\":100,\"run\":200,"
		"\"sleep\":1000}}}";
	static const char want[] = "0 0 swapper/0 a\n"
				   "0 0 a b\n"
				   "200000 0 b a\n"
				   "1200000 0 a b\n"
				   "1400000 0 b a\n";
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	char buf[4096];
	size_t n;
	FILE *tl = tmpfile();
	int e;

	(void)state;
	assert_non_null(tl);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 2000000ull;
	cfg.timeline = tl;
	assert_int_equal(eas_json_platform_load(eas_test_plat1,
						strlen(eas_test_plat1),
						EAS_KERNEL_V6_19, 0, &jp, &d),
			 0);
	assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, NULL, 0);
	assert_non_null(s);
	assert_int_equal(eas_sim_run(s, 0), 0);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	rewind(tl);
	n = fread(buf, 1, sizeof(buf) - 1, tl);
	buf[n] = 0;
	fclose(tl);
	assert_string_equal(buf, want);
}

static void test_diff_ref_eevdf_v619(void **state)
{
	(void)state;
	diff_ref_eevdf(EAS_KERNEL_V6_19, 0x5eed1234abcdull, 300, 2, 3);
	diff_ref_eevdf(EAS_KERNEL_V6_19, 0xc0ffee5eedull, 100, 8, 4);
}

static void test_diff_ref_eevdf_v71(void **state)
{
	(void)state;
	diff_ref_eevdf(EAS_KERNEL_V7_1, 0x5eed1234abcdull, 300, 2, 3);
	diff_ref_eevdf(EAS_KERNEL_V7_1, 0xc0ffee5eedull, 100, 8, 4);
}

/*
 * Multi-CPU run-queue consistency under EEVDF: random workloads on a
 * 2 + 2 CPU platform (hogs, run/sleep, run/timer, nice, custom slices,
 * affinities, phases switching nice, slice and policy FIFO <-> OTHER),
 * checked after every simulated ms by eas__sim_check(): the counts, the
 * tree's exact avg_vruntime / avg_load sums, delayed tasks only queued
 * asleep. Delayed dequeues do happen (counted).
 */
static const char plat4[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"2x2\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":512}, {\"cpu\":1,\"capacity\":512},"
	"             {\"cpu\":2,\"capacity\":1024}, {\"cpu\":3,\"capacity\":1024} ],"
	"  \"perf_domains\": ["
	"    { \"cpus\": [0, 1], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_uw\": 50000},"
	"      {\"frequency_khz\": 1000000, \"power_uw\": 150000} ] },"
	"    { \"cpus\": [2, 3], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 300000},"
	"      {\"frequency_khz\": 2000000, \"power_uw\": 900000} ] } ] }";

static void gen_multi(uint64_t *x, char *wl, size_t len)
{
	uint32_t n = 4 + (uint32_t)(eas_test_rnd(x) % 7), i;
	size_t o = 0;

	o += (size_t)snprintf(wl + o, len - o,
			      "{ \"global\": { \"calibration\": \"CPU2\" }, "
			      "\"tasks\": {");
	for (i = 0; i < n; i++) {
		uint32_t kind = (uint32_t)(eas_test_rnd(x) % 4);

		o += (size_t)snprintf(
			wl + o, len - o,
			"%s \"t%u\": { \"loop\": -1, \"priority\": %d",
			i ? "," : "", i, (int)(eas_test_rnd(x) % 13) - 6);
		if (eas_test_rnd(x) % 3 == 0)
			o += (size_t)snprintf(wl + o, len - o,
					      ", \"dl-runtime\": %u",
					      eas_test_rnd_us(x, 100, 8000));
		if (eas_test_rnd(x) % 4 == 0)
			o += (size_t)snprintf(
				wl + o, len - o, ", \"cpus\": [%u, %u]",
				(uint32_t)(eas_test_rnd(x) % 2),
				2 + (uint32_t)(eas_test_rnd(x) % 2));
		o += (size_t)snprintf(wl + o, len - o, ", \"phases\": {");
		if (kind == 0) {
			o += (size_t)snprintf(wl + o, len - o,
					      "\"p\": { \"run\": %u } }",
					      eas_test_rnd_us(x, 2000, 20000));
		} else if (kind == 1) {
			o += (size_t)snprintf(
				wl + o, len - o,
				"\"p\": { \"run\": %u, \"sleep\": %u } }",
				eas_test_rnd_us(x, 100, 5000),
				eas_test_rnd_us(x, 100, 8000));
		} else if (kind == 2) {
			o += (size_t)snprintf(
				wl + o, len - o,
				"\"p\": { \"run\": %u, \"timer\": { \"ref\": "
				"\"unique\", \"period\": %u } } }",
				eas_test_rnd_us(x, 100, 3000),
				eas_test_rnd_us(x, 3000, 16000));
		} else {
			/* property changes while running: nice, slice, a
			 * spell as SCHED_FIFO */
			o += (size_t)snprintf(
				wl + o, len - o,
				"\"a\": { \"priority\": %d, \"dl-runtime\": %u, "
				"\"run\": %u }, "
				"\"b\": { \"policy\": \"SCHED_FIFO\", "
				"\"priority\": 10, \"run\": %u, \"sleep\": %u }, "
				"\"c\": { \"policy\": \"SCHED_OTHER\", "
				"\"priority\": %d, \"run\": %u, \"sleep\": %u } }",
				(int)(eas_test_rnd(x) % 13) - 6,
				eas_test_rnd_us(x, 100, 4000),
				eas_test_rnd_us(x, 300, 3000),
				eas_test_rnd_us(x, 100, 1000),
				eas_test_rnd_us(x, 100, 2000),
				(int)(eas_test_rnd(x) % 13) - 6,
				eas_test_rnd_us(x, 300, 3000),
				eas_test_rnd_us(x, 100, 3000));
		}
		o += (size_t)snprintf(wl + o, len - o, " }");
	}
	snprintf(wl + o, len - o, " } }");
}

static void consistency_multi(enum eas_kernel k)
{
	uint64_t x = 0xdeadbeef1234ull;
	uint32_t i, delayed_seen = 0;
	char wl[16384];

	for (i = 0; i < 40; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim_config cfg;
		struct eas_sim *s;
		uint64_t t;
		int e;

		gen_multi(&x, wl, sizeof(wl));
		memset(&cfg, 0, sizeof(cfg));
		cfg.duration_ns = 300000000ull;
		assert_int_equal(eas_json_platform_load(plat4, strlen(plat4), k,
							0, &jp, &d),
				 0);
		e = eas_rtapp_load(wl, strlen(wl), &w, &d);
		if (e)
			fprintf(stderr, "%s: %s %s\n", wl, d.path, d.msg);
		assert_int_equal(e, 0);
		s = eas_sim_create(&jp, &w, &cfg, &e, NULL, 0);
		assert_non_null(s);
		for (t = 1000000; t <= cfg.duration_ns; t += 1000000) {
			uint32_t c;

			assert_int_equal(eas_sim_run(s, t), 0);
			assert_int_equal(eas__sim_check(s), 0);
			for (c = 0; c < s->nr_cpus; c++)
				delayed_seen += s->cpus[c].nr_delayed;
		}
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
	print_message("%s: delayed tasks seen at %u ms samples\n",
		      k == EAS_KERNEL_V7_1 ? "v7.1" : "v6.19", delayed_seen);
	assert_true(delayed_seen > 0);
}

static void test_eevdf_consistency_multi(void **state)
{
	(void)state;
	consistency_multi(EAS_KERNEL_V6_19);
	consistency_multi(EAS_KERNEL_V7_1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eevdf_lag_wakeup),
		cmocka_unit_test(test_eevdf_custom_slice_short),
		cmocka_unit_test(test_eevdf_run_to_parity),
		cmocka_unit_test(test_eevdf_delayed_dequeue),
		cmocka_unit_test(test_timeline_output),
		cmocka_unit_test(test_eevdf_consistency_multi),
		cmocka_unit_test(test_diff_ref_eevdf_v619),
		cmocka_unit_test(test_diff_ref_eevdf_v71),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
