/* SPDX-License-Identifier: MIT */
/*
 * PELT arithmetic of every flavour (kernel/sched/pelt.c, pelt.h,
 * sched-pelt.h), re-derived from the kernel's semantics: 1024 ns "us"
 * units, 1024-unit periods, y^32 = 1/2 via a 32-entry table of y^n * 2^32,
 * and the three-segment accumulation (d1 decayed, full periods, d3
 * undecayed). Moved here from lib/sim (which calls it) so that a
 * freestanding scheduler can maintain the signals itself. pelt.c and
 * pelt.h are identical in 6.19 and 7.1.3: v7.1 takes v6.19's arithmetic
 * (every test below is `k == EAS_KERNEL_V5_4`).
 */
#include <libeas/signals.h>

#include "internal.h"

/* y^n * 2^32 for n = 0..31 (the kernel's runnable_avg_yN_inv[]; these are
 * the mathematically defined constants floor(0.5^(n/32) * 2^32), with
 * entry 0 saturated to 0xffffffff). */
static const uint32_t pelt_yn_inv[32] = {
	0xffffffff, 0xfa83b2da, 0xf5257d14, 0xefe4b99a, 0xeac0c6e6, 0xe5b906e6,
	0xe0ccdeeb, 0xdbfbb796, 0xd744fcc9, 0xd2a81d91, 0xce248c14, 0xc9b9bd85,
	0xc5672a10, 0xc12c4cc9, 0xbd08a39e, 0xb8fbaf46, 0xb504f333, 0xb123f581,
	0xad583ee9, 0xa9a15ab4, 0xa5fed6a9, 0xa2704302, 0x9ef5325f, 0x9b8d39b9,
	0x9837f050, 0x94f4efa8, 0x91c3d373, 0x8ea4398a, 0x8b95c1e3, 0x88980e80,
	0x85aac367, 0x82cd8698,
};

/* mul_u64_u32_shr(a, mul, 32) without 128-bit types. */
static uint64_t mul_u64_u32_shr32(uint64_t a, uint32_t mul)
{
	uint64_t lo = (a & 0xffffffffu) * mul;
	uint64_t hi = (a >> 32) * mul;

	return hi + (lo >> 32);
}

/* pelt.c:decay_load() */
uint64_t eas_pelt_decay_load(uint64_t val, uint64_t n)
{
	uint32_t local_n;

	if (n > EAS_PELT_LOAD_AVG_PERIOD * 63u)
		return 0;
	local_n = (uint32_t)n;
	if (local_n >= EAS_PELT_LOAD_AVG_PERIOD) {
		val >>= local_n / EAS_PELT_LOAD_AVG_PERIOD;
		local_n %= EAS_PELT_LOAD_AVG_PERIOD;
	}
	return mul_u64_u32_shr32(val, pelt_yn_inv[local_n]);
}

/* pelt.c:__accumulate_pelt_segments(): d1 y^p + 1024 sum_{1..p-1} y^n + d3 */
uint32_t eas_pelt_segments(uint64_t periods, uint32_t d1, uint32_t d3)
{
	uint32_t c1, c2, c3 = d3;

	c1 = (uint32_t)eas_pelt_decay_load(d1, periods);
	c2 = (uint32_t)(EAS_PELT_LOAD_AVG_MAX -
			eas_pelt_decay_load(EAS_PELT_LOAD_AVG_MAX, periods) -
			1024u);
	return c1 + c2 + c3;
}

/* pelt.c:accumulate_sum() (v5.4 and v6.19 differ only in runnable) */
static uint64_t accumulate_sum(enum eas_kernel k, uint64_t delta,
			       struct eas_pelt *sa, uint64_t load,
			       uint64_t runnable, int running)
{
	uint32_t contrib = (uint32_t)delta;
	uint64_t periods;

	delta += sa->period_contrib;
	periods = delta / 1024u;
	if (periods) {
		sa->load_sum = eas_pelt_decay_load(sa->load_sum, periods);
		sa->runnable_sum =
			eas_pelt_decay_load(sa->runnable_sum, periods);
		sa->util_sum =
			(uint32_t)eas_pelt_decay_load(sa->util_sum, periods);
		delta %= 1024u;
		if (load)
			contrib = eas_pelt_segments(periods,
						    1024u - sa->period_contrib,
						    (uint32_t)delta);
	}
	sa->period_contrib = (uint32_t)delta;

	if (load)
		sa->load_sum += load * contrib;
	if (runnable) {
		if (k == EAS_KERNEL_V5_4)
			sa->runnable_sum += runnable * contrib;
		else
			sa->runnable_sum += (runnable * contrib) << 10;
	}
	if (running)
		sa->util_sum += contrib << 10;
	return periods;
}

/* pelt.c:___update_load_sum() */
int eas_pelt_update_sum(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
			uint64_t load, uint64_t runnable, int running)
{
	uint64_t delta = now - sa->last_update_time;

	if ((int64_t)delta < 0) {
		sa->last_update_time = now;
		return 0;
	}
	delta >>= 10;
	if (!delta)
		return 0;
	sa->last_update_time += delta << 10;
	if (!load) {
		runnable = 0;
		running = 0;
	}
	if (!accumulate_sum(k, delta, sa, load, runnable, running))
		return 0;
	return 1;
}

/* pelt.c:___update_load_avg() with get_pelt_divider() */
void eas_pelt_update_avg(enum eas_kernel k, struct eas_pelt *sa, uint64_t load,
			 uint64_t runnable)
{
	uint32_t divider = EAS_PELT_MIN_DIVIDER + sa->period_contrib;

	sa->load_avg = (load * sa->load_sum) / divider;
	if (k == EAS_KERNEL_V5_4)
		sa->runnable_avg = (runnable * sa->runnable_sum) / divider;
	else
		sa->runnable_avg = sa->runnable_sum / divider;
	sa->util_avg = sa->util_sum / divider;
}

int eas_pelt_update(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
		    uint64_t load, uint64_t runnable, int running,
		    uint64_t avg_load, uint64_t avg_runnable)
{
	if (eas_pelt_update_sum(k, sa, now, load, runnable, running)) {
		eas_pelt_update_avg(k, sa, avg_load, avg_runnable);
		return 1;
	}
	return 0;
}

/* core.c:sched_prio_to_weight[] (nice -20 .. 19; ~1.25x per step) */
static const uint32_t prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548,  7620,  6100,  4904,  3906,  3121,  2501,	 1991,	1586,  1277,
	1024,  820,   655,   526,   423,   335,	  272,	 215,	172,   137,
	110,   87,    70,    56,    45,	   36,	  29,	 23,	18,    15,
};

uint64_t eas_nice_to_weight(int32_t nice)
{
	if (nice < -20)
		nice = -20;
	if (nice > 19)
		nice = 19;
	return prio_to_weight[nice + 20];
}

/* pelt.c:__update_load_avg_se(): ___update_load_sum(now, &se->avg,
 * !!se->on_rq, v5.4 !!se->on_rq / v6.19 se_runnable(se) (= on_rq for a
 * task), cfs_rq->curr == se), then ___update_load_avg(&se->avg,
 * se_weight(se)[, v5.4 se_runnable(se) = the task's weight]). */
int eas_pelt_update_se(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
		       bool on_rq, bool running, uint64_t weight)
{
	return eas_pelt_update(k, sa, now, on_rq ? 1u : 0u, on_rq ? 1u : 0u,
			       running ? 1 : 0, weight, weight);
}

/* pelt.c:__update_load_avg_cfs_rq(): ___update_load_sum(now, &cfs_rq->avg,
 * scale_load_down(load.weight), v5.4 scale_load_down(runnable_weight) /
 * v6.19 h_nr_runnable, curr != NULL); ___update_load_avg(avg, 1[, 1]). */
int eas_pelt_update_cfs_rq(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
			   uint64_t load, uint64_t runnable, bool running)
{
	return eas_pelt_update(k, sa, now, load, runnable, running ? 1 : 0, 1,
			       1);
}

/* pelt.c:update_rt_rq_load_avg(now, rq, running) */
int eas_pelt_update_rt_rq(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
			  bool running)
{
	uint64_t r = running ? 1u : 0u;

	return eas_pelt_update(k, sa, now, r, r, (int)r, 1, 1);
}

/* pelt.c:update_dl_rq_load_avg(now, rq, running): as the rt one on
 * rq->avg_dl */
int eas_pelt_update_dl_rq(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
			  bool running)
{
	return eas_pelt_update_rt_rq(k, sa, now, running);
}

/* pelt.c:update_irq_load_avg(rq, running) (CONFIG_HAVE_SCHED_AVG_IRQ):
 * running = cap_scale(running, arch_scale_freq_capacity()), then
 * cap_scale(running, arch_scale_cpu_capacity()); decay to rq->clock -
 * running with 0,0,0; accumulate to rq->clock with 1,1,1; the averages
 * when either crossed a period. */
int eas_pelt_update_irq(enum eas_kernel k, struct eas_pelt *sa, uint64_t clock,
			uint64_t running_ns, uint64_t freq_scale,
			uint64_t cpu_capacity)
{
	int ret;

	running_ns = eas_cap_scale(running_ns, freq_scale);
	running_ns = eas_cap_scale(running_ns, cpu_capacity);
	ret = eas_pelt_update_sum(k, sa, clock - running_ns, 0, 0, 0);
	ret += eas_pelt_update_sum(k, sa, clock, 1, 1, 1);
	if (ret)
		eas_pelt_update_avg(k, sa, 1, 1);
	return ret;
}

/* v6.19 pelt.c:update_hw_load_avg(now, rq, capacity) */
int eas_pelt_update_hw(enum eas_kernel k, struct eas_pelt *sa, uint64_t now,
		       uint64_t capacity_lost)
{
	return eas_pelt_update(k, sa, now, capacity_lost, capacity_lost,
			       capacity_lost ? 1 : 0, 1, 1);
}

/*
 * fair.c:remove_entity_load_avg() (sync_entity_load_avg() to the cfs_rq's
 * last_update_time, then the se's averages queued in cfs_rq->removed) and
 * the removed part of update_cfs_rq_load_avg() (sub_positive() of avg and
 * avg * divider from the sums; v6.19 then keeps each sum >= avg *
 * PELT_MIN_DIVIDER, "see sa->util_sum below"), applied at once.
 */
void eas_pelt_remove_se(enum eas_kernel k, struct eas_pelt *cfs,
			struct eas_pelt *se, uint64_t weight)
{
	uint64_t divider = EAS_PELT_MIN_DIVIDER + cfs->period_contrib;
	uint64_t us;

	/* sync_entity_load_avg(): __update_load_avg_blocked_se() */
	if (cfs->last_update_time >= se->last_update_time)
		eas_pelt_update(k, se, cfs->last_update_time, 0, 0, 0, weight,
				weight);
	cfs->util_avg = eas__sub_positive(cfs->util_avg, se->util_avg);
	us = cfs->util_sum;
	us = eas__sub_positive(us, se->util_avg * divider);
	cfs->load_avg = eas__sub_positive(cfs->load_avg, se->load_avg);
	cfs->load_sum =
		eas__sub_positive(cfs->load_sum, se->load_avg * divider);
	cfs->runnable_avg =
		eas__sub_positive(cfs->runnable_avg, se->runnable_avg);
	cfs->runnable_sum = eas__sub_positive(cfs->runnable_sum,
					      se->runnable_avg * divider);
	if (k != EAS_KERNEL_V5_4) {
		if (us < cfs->util_avg * EAS_PELT_MIN_DIVIDER)
			us = cfs->util_avg * EAS_PELT_MIN_DIVIDER;
		if (cfs->load_sum < cfs->load_avg * EAS_PELT_MIN_DIVIDER)
			cfs->load_sum = cfs->load_avg * EAS_PELT_MIN_DIVIDER;
		if (cfs->runnable_sum <
		    cfs->runnable_avg * EAS_PELT_MIN_DIVIDER)
			cfs->runnable_sum =
				cfs->runnable_avg * EAS_PELT_MIN_DIVIDER;
	}
	cfs->util_sum = (uint32_t)us;
}

/*
 * v6.19 fair.c:attach_entity_load_avg(cfs_rq, se): se takes the cfs_rq's
 * last_update_time and period_contrib; its sums are rebuilt from its
 * averages with the rq's divider (load_sum divided by se_weight(), at
 * least 1) and added to the cfs_rq's (enqueue_load_avg() + util +
 * runnable). Used for every flavour: v5.4's attach differs in detail
 * (load_sum = load_avg * divider / weight, which may be 0;
 * runnable_load_sum = load_sum; the rq's runnable_load is added by
 * enqueue_runnable_load_avg() at enqueue instead) and that is not
 * reproduced (the simulator's long-standing approximation, kept so that
 * its results do not move; docs/simulator.md).
 */
void eas_pelt_attach_se(enum eas_kernel k, struct eas_pelt *cfs,
			struct eas_pelt *se, uint64_t weight)
{
	uint64_t divider = EAS_PELT_MIN_DIVIDER + cfs->period_contrib;

	(void)k;
	se->last_update_time = cfs->last_update_time;
	se->period_contrib = cfs->period_contrib;
	se->util_sum = (uint32_t)(se->util_avg * divider);
	se->runnable_sum = se->runnable_avg * divider;
	se->load_sum = se->load_avg * divider;
	if (weight < se->load_sum)
		se->load_sum /= weight;
	else
		se->load_sum = 1;
	cfs->util_avg += se->util_avg;
	cfs->util_sum += se->util_sum;
	cfs->load_avg += se->load_avg;
	cfs->load_sum += weight * se->load_sum;
	cfs->runnable_avg += se->runnable_avg;
	cfs->runnable_sum += se->runnable_sum;
}

/* arch_scale_freq_capacity() (arch/arm64 topology, cpufreq-based) */
uint64_t eas_freq_scale(uint64_t cur_khz, uint64_t ref_khz)
{
	return ref_khz ? (cur_khz << 10) / ref_khz : 1024u;
}

/* pelt.h:update_rq_clock_pelt(rq, delta) */
void eas_pelt_clock_update(struct eas_pelt_clock *c, uint64_t delta_ns,
			   uint64_t clock_task, bool idle,
			   uint64_t cpu_capacity, uint64_t freq_scale)
{
	if (idle) {
		/* is_idle_task(rq->curr): _update_idle_rq_clock_pelt() */
		c->clock_pelt = clock_task;
		return;
	}
	c->clock_pelt += eas_cap_scale(eas_cap_scale(delta_ns, cpu_capacity),
				       freq_scale);
}

/* pelt.h:update_idle_rq_clock_pelt(rq) */
void eas_pelt_clock_idle(struct eas_pelt_clock *c, uint64_t clock_task,
			 uint64_t util_sum_cfs_rt_dl)
{
	uint32_t divider =
		((EAS_PELT_LOAD_AVG_MAX - 1024u) << 10) - EAS_PELT_LOAD_AVG_MAX;

	/* u32 util_sum in the kernel: the three sums added in 32 bits */
	if ((uint32_t)util_sum_cfs_rt_dl >= divider)
		c->lost_idle_time += clock_task - c->clock_pelt;
	c->clock_pelt = clock_task;
}
