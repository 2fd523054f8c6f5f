/* SPDX-License-Identifier: MIT */
/*
 * The signal maintenance of the freestanding core (lib/core/pelt.c,
 * util_est.c, uclamp.c, schedutil.c) against expectations derived by hand
 * from the kernel's functions (named on each case). Numbers used below:
 *   decay_load(1024, 32) = 512 * 0xffffffff >> 32 = 511,
 *   decay_load(47742, 32) = 23870, decay_load(1024, 16) = 724,
 *   decay_load(47742, 16) = 33758 (runnable_avg_yN_inv[16] = 0xb504f333),
 *   PELT_MIN_DIVIDER = LOAD_AVG_MAX - 1024 = 46718.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/em.h>
#include <libeas/kernel.h>
#include <libeas/signals.h>

#include "fixtures.h"

#define PERIOD_NS 1048576ull /* 1024 PELT "us" of 1024 ns */

static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
				      EAS_KERNEL_V7_1 };

/*
 * A task running from 0 for exactly 32 periods, one update at the end
 * (pelt.c ___update_load_sum -> accumulate_sum: periods = 32, d1 = 1024 -
 * period_contrib = 1024, d3 = 0; __accumulate_pelt_segments: c1 =
 * decay_load(1024, 32) = 511, c2 = LOAD_AVG_MAX - decay_load(LOAD_AVG_MAX,
 * 32) - 1024 = 47742 - 23870 - 1024 = 22848; contrib = 23359;
 * util_sum = contrib << 10 = 23919616; ___update_load_avg: divider =
 * 46718 + 0; util_avg = 23919616 / 46718 = 512 exactly: the half-life).
 * load_avg = se_weight 1024 * 23359 / 46718 = 512; runnable: v5.4
 * runnable_load_sum = 1 * 23359, avg = 1024 * 23359 / 46718 = 512; v6.19
 * runnable_sum = 23359 << 10, avg = 512.
 */
static void test_pelt_se_half_life(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_pelt sa = { 0 };

		assert_int_equal(eas_pelt_update_se(ks[i], &sa, 32 * PERIOD_NS,
						    true, true, 1024),
				 1);
		assert_int_equal(sa.util_sum, 23919616u);
		assert_int_equal(sa.period_contrib, 0);
		assert_int_equal(sa.util_avg, 512);
		assert_int_equal(sa.load_avg, 512);
		assert_int_equal(sa.runnable_avg, 512);
		assert_int_equal(sa.load_sum, 23359);
		assert_int_equal(sa.runnable_sum, ks[i] == EAS_KERNEL_V5_4 ?
							  23359u :
							  23359u << 10);
		/* one period: c1 = decay_load(1024, 1) = 1002, c2 = 47742 -
		 * 46718 - 1024 = 0 -> util_avg = 1002 * 1024 / 46718 = 21 */
		sa = (struct eas_pelt){ 0 };
		eas_pelt_update_se(ks[i], &sa, PERIOD_NS, true, true, 1024);
		assert_int_equal(sa.util_avg, 21);
		/* less than 1024 ns: "delta >>= 10; if (!delta) return 0" */
		sa = (struct eas_pelt){ 0 };
		assert_int_equal(
			eas_pelt_update_se(ks[i], &sa, 1023, true, true, 1024),
			0);
		assert_int_equal(sa.last_update_time, 0);
	}
}

/* The rt_rq / dl_rq signals are the same series with load = runnable =
 * running (update_rt_rq_load_avg / update_dl_rq_load_avg); the cfs_rq one
 * only accumulates util while running (cfs_rq->curr != NULL). */
static void test_pelt_rq_signals(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_pelt rt = { 0 }, dl = { 0 }, cfs = { 0 };

		eas_pelt_update_rt_rq(ks[i], &rt, 32 * PERIOD_NS, true);
		eas_pelt_update_dl_rq(ks[i], &dl, 32 * PERIOD_NS, true);
		assert_int_equal(rt.util_avg, 512);
		assert_int_equal(dl.util_avg, 512);
		/* runnable but not running: load but no util */
		eas_pelt_update_cfs_rq(ks[i], &cfs, 32 * PERIOD_NS, 1024, 1,
				       false);
		assert_int_equal(cfs.util_avg, 0);
		assert_int_equal(cfs.load_avg, 23359u * 1024u / 46718u);
	}
	/* v6.19 update_hw_load_avg(now, rq, capacity): 100 of capacity lost
	 * for 32 periods: load_sum = 100 * 23359, hw_load_avg() = load_avg =
	 * 1 * 2335900 / 46718 = 50 */
	{
		struct eas_pelt hw = { 0 };

		eas_pelt_update_hw(EAS_KERNEL_V6_19, &hw, 32 * PERIOD_NS, 100);
		assert_int_equal(hw.load_avg, 50);
	}
	/* a task queued but not running: load and runnable, no util */
	{
		struct eas_pelt se = { 0 };

		eas_pelt_update_se(EAS_KERNEL_V6_19, &se, 32 * PERIOD_NS, true,
				   false, 1024);
		assert_int_equal(se.util_avg, 0);
		assert_int_equal(se.load_avg, 512);
		assert_int_equal(se.runnable_avg, 512);
	}
}

/*
 * update_irq_load_avg(rq, running) at half frequency: running = 32
 * periods of IRQ time is cap_scale()d by freq 512 then capacity 1024 ->
 * 16 periods; the signal decays to clock - 16 periods with 0,0,0 (a
 * period crossed: ret 1), then accumulates 16 periods: contrib =
 * decay_load(1024, 16) + 47742 - decay_load(47742, 16) - 1024 = 724 +
 * 47742 - 33758 - 1024 = 13684; util_avg = (13684 << 10) / 46718 = 299.
 */
static void test_pelt_irq(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_pelt irq = { 0 };

		assert_int_equal(eas_pelt_update_irq(ks[i], &irq,
						     32 * PERIOD_NS,
						     32 * PERIOD_NS, 512, 1024),
				 2);
		assert_int_equal(irq.util_sum, 13684u << 10);
		assert_int_equal(irq.util_avg, 299);
	}
}

/*
 * Invariance (pelt.h update_rq_clock_pelt): 64 periods of wall time on a
 * CPU of capacity 512 at full frequency advance clock_pelt by
 * cap_scale(cap_scale(64 P, 512), 1024) = 32 P, so a task running all
 * along reaches the 32-period half-life, util_avg 512. Going idle
 * (update_idle_rq_clock_pelt) syncs clock_pelt to clock_task; the gap is
 * lost idle time only once util_sum >= ((LOAD_AVG_MAX - 1024) << 10) -
 * LOAD_AVG_MAX = 47791490.
 */
static void test_pelt_clock_invariance(void **state)
{
	struct eas_pelt_clock c = { 0 };
	struct eas_pelt sa = { 0 };

	(void)state;
	eas_pelt_clock_update(&c, 64 * PERIOD_NS, 64 * PERIOD_NS, false, 512,
			      1024);
	assert_int_equal(c.clock_pelt, 32 * PERIOD_NS);
	/* half frequency on a full-capacity CPU: the same */
	{
		struct eas_pelt_clock d = { 0 };

		eas_pelt_clock_update(&d, 64 * PERIOD_NS, 64 * PERIOD_NS, false,
				      1024, eas_freq_scale(1000, 2000));
		assert_int_equal(d.clock_pelt, 32 * PERIOD_NS);
	}
	eas_pelt_update_se(EAS_KERNEL_V6_19, &sa, eas_pelt_clock_now(&c), true,
			   true, 1024);
	assert_int_equal(sa.util_avg, 512);
	/* idle with a small util_sum: synced, nothing lost */
	eas_pelt_clock_idle(&c, 64 * PERIOD_NS, sa.util_sum);
	assert_int_equal(c.clock_pelt, 64 * PERIOD_NS);
	assert_int_equal(c.lost_idle_time, 0);
	assert_int_equal(eas_pelt_clock_now(&c), 64 * PERIOD_NS);
	/* saturated: the 32 periods the clock fell behind are lost */
	c = (struct eas_pelt_clock){ 32 * PERIOD_NS, 0 };
	eas_pelt_clock_idle(&c, 64 * PERIOD_NS, 47791489u);
	assert_int_equal(c.lost_idle_time, 0);
	c = (struct eas_pelt_clock){ 32 * PERIOD_NS, 0 };
	eas_pelt_clock_idle(&c, 64 * PERIOD_NS, 47791490u);
	assert_int_equal(c.lost_idle_time, 32 * PERIOD_NS);
	assert_int_equal(eas_pelt_clock_now(&c), 32 * PERIOD_NS);
	/* idle rq: update_rq_clock_pelt syncs to clock_task */
	eas_pelt_clock_update(&c, PERIOD_NS, 70 * PERIOD_NS, true, 1024, 1024);
	assert_int_equal(c.clock_pelt, 70 * PERIOD_NS);
}

/*
 * attach_entity_load_avg() then the removed part of
 * update_cfs_rq_load_avg(): a cfs_rq with util_avg 500 but util_sum only
 * 1000 loses a task of util_avg 100: util_avg 400, util_sum
 * sub_positive(1000, 100 * 46718) = 0; v6.19 then keeps util_sum >=
 * util_avg * PELT_MIN_DIVIDER = 400 * 46718 = 18687200 ("see
 * sa->util_sum below"); v5.4 leaves 0.
 */
static void test_pelt_attach_remove(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_pelt cfs = { 0 }, se = { 0 };

		cfs.last_update_time = 5 * PERIOD_NS;
		cfs.period_contrib = 100;
		se.util_avg = 300;
		se.load_avg = 600;
		se.runnable_avg = 300;
		eas_pelt_attach_se(ks[i], &cfs, &se, 1024);
		/* divider 46718 + 100 = 46818 */
		assert_int_equal(se.last_update_time, 5 * PERIOD_NS);
		assert_int_equal(se.util_sum, 300u * 46818u);
		assert_int_equal(se.load_sum, 600u * 46818u / 1024u);
		assert_int_equal(cfs.util_avg, 300);
		assert_int_equal(cfs.load_avg, 600);
		eas_pelt_remove_se(ks[i], &cfs, &se, 1024);
		assert_int_equal(cfs.util_avg, 0);
		assert_int_equal(cfs.util_sum, 0);
		assert_int_equal(cfs.load_avg, 0);

		cfs = (struct eas_pelt){ 0 };
		se = (struct eas_pelt){ 0 };
		cfs.util_avg = 500;
		cfs.util_sum = 1000;
		se.util_avg = 100;
		eas_pelt_remove_se(ks[i], &cfs, &se, 1024);
		assert_int_equal(cfs.util_avg, 400);
		assert_int_equal(cfs.util_sum,
				 ks[i] == EAS_KERNEL_V5_4 ? 0u : 400u * 46718u);
	}
}

/*
 * v6.19 / v7.1 fair.c util_est_update(cfs_rq, p, task_sleep) with ewma 300
 * (flag clear):
 *  - dequeued 200, runnable 200: last_ewma_diff = 100 >= UTIL_EST_MARGIN,
 *    200 + 10 < 200 false -> ewma = ((300 << 2) - 100) >> 2 = 275, flag;
 *  - dequeued 200, runnable 260: 210 < 260 -> "goto done": 300 | flag;
 *  - dequeued 400: "ewma <= dequeued" -> 400 | flag;
 *  - dequeued 295: diff 5 < 10 -> 300 | flag;
 *  - flag already set: untouched; !task_sleep: untouched.
 */
static void test_util_est_v619(void **state)
{
	const uint32_t F = EAS_V619_UTIL_AVG_UNCHANGED;
	uint32_t i;

	(void)state;
	for (i = 1; i < 3; i++) {
		enum eas_kernel k = ks[i];
		struct eas_util_est ue;
		uint64_t rq = 0;

		ue = (struct eas_util_est){ 0, 300 };
		eas_util_est_update(k, 0, &ue, 200, 200, 1024, true);
		assert_int_equal(ue.ewma, 275u | F);
		ue = (struct eas_util_est){ 0, 300 };
		eas_util_est_update(k, 0, &ue, 200, 260, 1024, true);
		assert_int_equal(ue.ewma, 300u | F);
		ue = (struct eas_util_est){ 0, 300 };
		eas_util_est_update(k, 0, &ue, 400, 400, 1024, true);
		assert_int_equal(ue.ewma, 400u | F);
		ue = (struct eas_util_est){ 0, 300 };
		eas_util_est_update(k, 0, &ue, 295, 295, 1024, true);
		assert_int_equal(ue.ewma, 300u | F);
		ue = (struct eas_util_est){ 0, 300u | F };
		eas_util_est_update(k, 0, &ue, 100, 100, 1024, true);
		assert_int_equal(ue.ewma, 300u | F);
		ue = (struct eas_util_est){ 0, 300 };
		eas_util_est_update(k, 0, &ue, 100, 100, 1024, false);
		assert_int_equal(ue.ewma, 300u);
		/* sched_feat(UTIL_EST) off: nothing */
		eas_util_est_update(k, EAS_FEAT_EXPLICIT, &ue, 100, 100, 1024,
				    true);
		assert_int_equal(ue.ewma, 300u);
		/* _task_util_est() strips the flag; enqueue / dequeue */
		ue.ewma = 275u | F;
		assert_int_equal(eas_util_est_task(k, &ue), 275);
		eas_util_est_enqueue(k, 0, &rq, &ue);
		eas_util_est_enqueue(k, 0, &rq, &ue);
		assert_int_equal(rq, 550);
		eas_util_est_dequeue(k, 0, &rq, &ue);
		assert_int_equal(rq, 275);
		rq = 100; /* min_t(unsigned int, enqueued, _task_util_est) */
		eas_util_est_dequeue(k, 0, &rq, &ue);
		assert_int_equal(rq, 0);
		/* cfs_se_util_change() clears the flag */
		eas_util_est_pelt_changed(k, 0, &ue);
		assert_int_equal(ue.ewma, 275);
	}
}

/*
 * 6.19's util_est_update() has no capacity test (v5.4's "task_util(p) >
 * capacity_orig_of(cpu)" skip is gone; the only skips are the flag, the
 * margin and "(dequeued + UTIL_EST_MARGIN) < task_runnable(p)"): ewma 600,
 * dequeued 500 on a CPU of capacity 462, runnable 500 -> diff 100, 510 <
 * 500 false -> ewma = (2400 - 100) >> 2 = 575 | flag. The simulator used
 * to skip here (ewma left at 600, flag clear).
 */
static void test_util_est_v619_no_capacity_skip(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 1; i < 3; i++) {
		struct eas_util_est ue = { 0, 600 };

		eas_util_est_update(ks[i], 0, &ue, 500, 500, 462, true);
		assert_int_equal(ue.ewma, 575u | EAS_V619_UTIL_AVG_UNCHANGED);
	}
}

/*
 * v5.4 fair.c util_est_dequeue(cfs_rq, p, task_sleep), task part, with
 * ewma 300, enqueued 0 (flag clear):
 *  - util 200, capacity 1024: ue.enqueued = 200 | 1 = 201;
 *    last_ewma_diff = 201 - 300 = -99, not within_margin(-99, 10);
 *    ewma = ((300 << 2) + (-99)) >> 2 = 1101 >> 2 = 275; enqueued 201;
 *  - util 200 on capacity 150: "task_util(p) > capacity_orig_of(cpu)"
 *    -> untouched;
 *  - util 295: 295 | 1 = 295, diff -5 within the margin -> untouched;
 *  - enqueued with bit 0 set (UTIL_AVG_UNCHANGED): untouched.
 * _task_util_est(): max(ewma, enqueued) | 1: {201, 280} -> 281.
 */
static void test_util_est_v54(void **state)
{
	const enum eas_kernel k = EAS_KERNEL_V5_4;
	struct eas_util_est ue = { 0, 300 };
	struct eas_task t;
	uint64_t rq = 0;

	(void)state;
	eas_util_est_update(k, 0, &ue, 200, 0, 1024, true);
	assert_int_equal(ue.ewma, 275);
	assert_int_equal(ue.enqueued, 201);
	ue = (struct eas_util_est){ 0, 300 };
	eas_util_est_update(k, 0, &ue, 200, 0, 150, true);
	assert_int_equal(ue.ewma, 300);
	assert_int_equal(ue.enqueued, 0);
	eas_util_est_update(k, 0, &ue, 295, 0, 1024, true);
	assert_int_equal(ue.ewma, 300);
	assert_int_equal(ue.enqueued, 0);
	ue = (struct eas_util_est){ 201, 300 };
	eas_util_est_update(k, 0, &ue, 100, 0, 1024, true);
	assert_int_equal(ue.ewma, 300);

	ue = (struct eas_util_est){ 201, 280 };
	assert_int_equal(eas_util_est_task(k, &ue), 281);
	eas_util_est_enqueue(k, 0, &rq, &ue);
	assert_int_equal(rq, 281);
	eas_util_est_to_task(k, &ue, &t);
	assert_int_equal(t.util_est_ewma, 280);
	assert_int_equal(t.util_est_enqueued, 201);
	/* cfs_se_util_change(): enqueued &= ~UTIL_AVG_UNCHANGED */
	eas_util_est_pelt_changed(k, 0, &ue);
	assert_int_equal(ue.enqueued, 200);
}

/*
 * core.c uclamp_rq_inc_id / uclamp_rq_dec_id with 5 buckets of
 * DIV_ROUND_CLOSEST(1024, 5) = 205:
 *  v6.19 boots idle (init_uclamp_rq: UCLAMP_FLAG_IDLE): inc(300, 600)
 *  resets both values to the task's (uclamp_idle_reset) -> 300 / 600;
 *  inc(200, 900) -> max 900; dec(200, 900): MAX bucket 4 empties and held
 *  the rq value -> uclamp_rq_max_value = bucket 2's 600; MIN bucket 0
 *  (200 < 300) leaves 300; dec(300, 600): MIN -> uclamp_idle_value 0;
 *  MAX -> no bucket: keeps 600 and sets the idle flag.
 *  Local max aggregation: 500 and 450 share MAX bucket 2; removing the
 *  500 task keeps the bucket (one task left) and the rq value at 500.
 *  v5.4 boots without the flag and with both values 0 (init_uclamp():
 *  uclamp_flags = 0, the per-CPU rq zeroed; its memset covers only
 *  uclamp[UCLAMP_MIN]): inc(300, 600) raises them to 300 / 600; the
 *  rq's MAX before any enqueue is 0.
 */
static void test_uclamp_rq(void **state)
{
	struct eas_uclamp_rq uc;
	struct eas_rq rq;

	(void)state;
	eas_uclamp_rq_init(EAS_KERNEL_V6_19, &uc);
	assert_true(uc.idle);
	eas_uclamp_rq_inc(&uc, 300, 600);
	assert_int_equal(uc.value[0], 300);
	assert_int_equal(uc.value[1], 600);
	assert_false(uc.idle);
	eas_uclamp_rq_inc(&uc, 200, 900);
	assert_int_equal(uc.value[0], 300);
	assert_int_equal(uc.value[1], 900);
	eas_uclamp_rq_dec(&uc, 200, 900);
	assert_int_equal(uc.value[0], 300);
	assert_int_equal(uc.value[1], 600);
	eas_uclamp_rq_dec(&uc, 300, 600);
	assert_int_equal(uc.value[0], 0);
	assert_int_equal(uc.value[1], 600);
	assert_true(uc.idle);
	eas_rq_init(&rq);
	eas_uclamp_rq_to_rq(&uc, &rq);
	assert_int_equal(rq.uclamp_max, 600);
	assert_true(rq.uclamp_idle);

	eas_uclamp_rq_init(EAS_KERNEL_V6_19, &uc);
	eas_uclamp_rq_inc(&uc, 100, 500);
	eas_uclamp_rq_inc(&uc, 150, 450);
	eas_uclamp_rq_dec(&uc, 100, 500);
	assert_int_equal(uc.value[1], 500);
	assert_int_equal(uc.value[0], 150); /* 100 and 150: bucket 0, 150 */

	eas_uclamp_rq_init(EAS_KERNEL_V5_4, &uc);
	assert_int_equal(uc.value[1], 0);
	assert_false(uc.idle);
	eas_uclamp_rq_inc(&uc, 300, 600);
	assert_int_equal(uc.value[0], 300);
	assert_int_equal(uc.value[1], 600);
	/* reinc (uclamp_update_active) 300/600 -> 100/900 */
	eas_uclamp_rq_update(&uc, 300, 600, 100, 900);
	assert_int_equal(uc.value[0], 100);
	assert_int_equal(uc.value[1], 900);
}

/*
 * map_util_freq / get_next_freq at util 512 of 1024, cpuinfo.max_freq
 * 2 GHz: v5.4 (freq + freq >> 2) * util / cap = 2500000 * 512 / 1024 =
 * 1250000; v6.19 freq * util / cap = 1000000 (its 25% is map_util_perf()
 * in sugov_effective_cpu_perf(): 512 + 128 = 640 -> 1250000). At util 3
 * the flavours part: v5.4 2500000 * 3 / 1024 = 7324; v6.19
 * map_util_perf(3) = 3 + 0 -> 2000000 * 3 / 1024 = 5859.
 */
static void test_next_freq(void **state)
{
	(void)state;
	assert_int_equal(
		eas_sugov_next_freq(EAS_KERNEL_V5_4, 512, 1024, 2000000),
		1250000);
	assert_int_equal(
		eas_sugov_next_freq(EAS_KERNEL_V6_19, 512, 1024, 2000000),
		1000000);
	assert_int_equal(eas_sugov_next_freq(EAS_KERNEL_V6_19,
					     eas_map_util_perf(512), 1024,
					     2000000),
			 1250000);
	assert_int_equal(eas_sugov_next_freq(EAS_KERNEL_V5_4, 3, 1024, 2000000),
			 7324);
	assert_int_equal(eas_sugov_next_freq(EAS_KERNEL_V7_1,
					     eas_map_util_perf(3), 1024,
					     2000000),
			 5859);
}

/*
 * sugov_get_util / sugov_next_freq_shared on the 2x2 platform's big
 * domain (CPUs 2, 3; capacity 1024; OPPs 512 / 768 / 1024 kHz), CPU 2
 * util_avg 400, CPU 3 util_avg 700, no RT / DL / IRQ, no uclamp:
 *  v5.4: schedutil_cpu_util(FREQUENCY_UTIL) = 400 and 700; the shared
 *    pick keeps 700 / 1024; get_next_freq = 1280 * 700 / 1024 = 875 kHz.
 *  v6.19: effective_cpu_util = 400 / 700 (min 0, max 1024);
 *    sugov_effective_cpu_perf = 400 + 100 = 500 and 700 + 175 = 875;
 *    max 875; get_next_freq = 1024 * 875 / 1024 = 875 kHz.
 *  cpufreq_driver_resolve_freq(875): lowest OPP >= 875 = 1024 kHz (index
 *  2); with policy->max 768 the highest allowed, index 1; 500 -> 512
 *  (index 0).
 *  An RT task runnable on CPU 2 (rt_rq_is_runnable): both flavours go to
 *  the CPU's capacity (v5.4 "return max" without uclamp, v6.19 *min =
 *  scale when !uclamp_is_used()).
 */
static void test_sugov_pd(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		enum eas_kernel k = ks[i];
		struct eas_platform *pf = fix_2x2(k, 0);
		struct eas_rq rq[4];
		struct eas_system sys = { 0 };
		uint32_t pd = pf->cpus[2].pd, c;
		uint64_t max = 0, util, f;

		for (c = 0; c < 4; c++)
			eas_rq_init(&rq[c]);
		rq[2].util_avg = 400;
		rq[3].util_avg = 700;
		rq[2].idle = rq[3].idle = false;
		rq[2].nr_running = rq[3].nr_running = 1;
		rq[2].h_nr_running = rq[3].h_nr_running = 1;
		sys.pf = pf;
		sys.rq = rq;
		assert_int_equal(eas_sugov_get_util(&sys, 2, 0),
				 k == EAS_KERNEL_V5_4 ? 400 : 500);
		util = eas_sugov_pd_util(&sys, pd, &max);
		assert_int_equal(util, k == EAS_KERNEL_V5_4 ? 700 : 875);
		assert_int_equal(max, 1024);
		f = eas_sugov_next_freq(k, util, max, pf->pds[pd].max_freq_khz);
		assert_int_equal(f, 875);
		assert_int_equal(
			eas_sugov_resolve_freq(k, &pf->pds[pd], f, 1024), 2);
		assert_int_equal(
			eas_sugov_resolve_freq(k, &pf->pds[pd], f, 768), 1);
		assert_int_equal(
			eas_sugov_resolve_freq(k, &pf->pds[pd], 500, 1024), 0);
		/* iowait boost: max(util, boost) */
		assert_int_equal(eas_sugov_get_util(&sys, 2, 800),
				 k == EAS_KERNEL_V5_4 ? 800 : 1000);
		rq[2].rt_nr_running = 1;
		assert_int_equal(eas_sugov_get_util(&sys, 2, 0), 1024);
		fix_free(pf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pelt_se_half_life),
		cmocka_unit_test(test_pelt_rq_signals),
		cmocka_unit_test(test_pelt_irq),
		cmocka_unit_test(test_pelt_clock_invariance),
		cmocka_unit_test(test_pelt_attach_remove),
		cmocka_unit_test(test_util_est_v619),
		cmocka_unit_test(test_util_est_v619_no_capacity_skip),
		cmocka_unit_test(test_util_est_v54),
		cmocka_unit_test(test_uclamp_rq),
		cmocka_unit_test(test_next_freq),
		cmocka_unit_test(test_sugov_pd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
