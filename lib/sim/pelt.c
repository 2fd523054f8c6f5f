/* SPDX-License-Identifier: MIT */
/*
 * PELT arithmetic of both flavours (kernel/sched/pelt.c, sched-pelt.h),
 * re-derived from the kernel's semantics: 1024 ns "us" units, 1024-unit
 * periods, y^32 = 1/2 via a 32-entry table of y^n * 2^32, and the
 * three-segment accumulation (d1 decayed, full periods, d3 undecayed).
 */
#include <libeas/sim.h>

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
	if (!load)
		runnable = running = 0;
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
