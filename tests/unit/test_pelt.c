/* SPDX-License-Identifier: MIT */
/*
 * PELT arithmetic (lib/core/pelt.c) against
 *   - golden values computed by hand from the kernel's table and formulas,
 *   - an independent real-number model of the same geometric series
 *     (double, y = 2^(-1/32)), on seeded random run/sleep/update patterns,
 *   - properties: bounds, monotonicity, flavour differences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/sim.h>

#include <math.h>
#include <string.h>

static uint64_t rng(uint64_t *s)
{
	*s = *s * 6364136223846793005ull + 1442695040888963407ull;
	return *s >> 33;
}

/* y^n * 2^32 entries: each table value equals floor(2^32 * y^n) for
 * n >= 1 (entry 0 saturates to 0xffffffff). */
static void test_table_is_the_series(void **state)
{
	uint32_t n;

	(void)state;
	for (n = 1; n < 32; n++) {
		double exact = ldexp(pow(0.5, n / 32.0), 32);
		uint64_t got = eas_pelt_decay_load(1ull << 32, n);

		/* decay_load(2^32, n) = 2^32 * inv[n] >> 32 = inv[n] */
		assert_true(fabs((double)got - floor(exact)) <= 1.0);
	}
	/* y^32 = 1/2 exactly by the shift */
	assert_int_equal(eas_pelt_decay_load(1u << 20, 32),
			 (uint64_t)(1u << 19) * 0xffffffffull >> 32);
}

static void test_decay_golden(void **state)
{
	(void)state;
	/* the kernel's own example: 100 * y^31 -> 51 */
	assert_int_equal(eas_pelt_decay_load(100, 31), 51);
	/* LOAD_AVG_MAX halves per 32 periods, minus one for 0xffffffff */
	assert_int_equal(eas_pelt_decay_load(47742, 32), 23870);
	assert_int_equal(eas_pelt_decay_load(47742, 64), 11934);
	/* beyond 63 half-lives everything is gone */
	assert_int_equal(eas_pelt_decay_load(~0ull, 2017), 0);
	assert_int_equal(eas_pelt_decay_load(~0ull, 2016), 0);
	assert_int_equal(eas_pelt_decay_load(~0ull, 2015), 1);
	/* c2 of one full period is 0, of two periods 1024*y (truncated) */
	assert_int_equal(eas_pelt_segments(1, 0, 0), 0);
	assert_int_equal(eas_pelt_segments(2, 0, 0), 1001);
	/* d1 decays, d3 does not */
	assert_int_equal(eas_pelt_segments(1, 1024, 7), 1002 + 0 + 7);
}

/* Sub-1024 ns deltas accumulate nothing and keep last_update_time. */
static void test_sub_unit_delta(void **state)
{
	struct eas_pelt sa;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	assert_int_equal(eas_pelt_update(EAS_KERNEL_V6_19, &sa, 1023, 1, 1, 1,
					 1024, 1024),
			 0);
	assert_int_equal(sa.last_update_time, 0);
	assert_int_equal(eas_pelt_update(EAS_KERNEL_V6_19, &sa, 1024 * 1023, 1,
					 1, 1, 1024, 1024),
			 0);
	assert_int_equal(sa.period_contrib, 1023);
	assert_int_equal(sa.util_sum, 1023u << 10);
	/* crossing the period boundary */
	assert_int_equal(eas_pelt_update(EAS_KERNEL_V6_19, &sa, 1024 * 1025, 1,
					 1, 1, 1024, 1024),
			 1);
	assert_int_equal(sa.period_contrib, 1);
	/* time going backwards resets the stamp only */
	assert_int_equal(
		eas_pelt_update(EAS_KERNEL_V6_19, &sa, 5, 1, 1, 1, 1024, 1024),
		0);
	assert_int_equal(sa.last_update_time, 5);
}

/*
 * Real-number model: the same segmentation (1024 ns units, 1024-unit
 * periods, contributions decayed per crossed boundary) without
 * truncation.
 */
struct ideal {
	double util_sum, load_sum;
	uint64_t last;
	uint32_t period_contrib;
};

static void ideal_update(struct ideal *m, uint64_t now, int running)
{
	uint64_t delta = (now - m->last) >> 10, periods;
	double y = pow(0.5, 1.0 / 32.0), c;

	if (!delta)
		return;
	m->last += delta << 10;
	delta += m->period_contrib;
	periods = delta / 1024;
	if (periods) {
		double d1 = 1024 - m->period_contrib,
		       d3 = (double)(delta % 1024);
		double yp = pow(y, (double)periods);

		m->util_sum *= yp;
		m->load_sum *= yp;
		/* d1 y^p + 1024 sum_{n=1}^{p-1} y^n + d3 */
		c = d1 * yp + 1024.0 * (y - yp) / (1 - y) + d3;
		m->period_contrib = (uint32_t)(delta % 1024);
	} else {
		c = (double)(delta - m->period_contrib);
		m->period_contrib = (uint32_t)delta;
	}
	if (running) {
		m->util_sum += c * 1024;
		m->load_sum += c;
	}
}

static void test_against_real_model(void **state)
{
	uint64_t seed = 0x5eed;
	int round;

	(void)state;
	for (round = 0; round < 200; round++) {
		struct eas_pelt sa;
		struct ideal m;
		uint64_t t = 0;
		int i, running = 0;
		double iu = 0;

		memset(&sa, 0, sizeof(sa));
		memset(&m, 0, sizeof(m));
		for (i = 0; i < 300; i++) {
			double div;
			int crossed;

			t += rng(&seed) % (8u << 20) + 1;
			crossed = eas_pelt_update(EAS_KERNEL_V6_19, &sa, t, 1,
						  (uint64_t)running, running,
						  1024, 1024);
			ideal_update(&m, t, running);
			assert_int_equal(sa.period_contrib, m.period_contrib);
			/* the averages move only when a period boundary was
			 * crossed (___update_load_avg() is skipped otherwise) */
			if (crossed) {
				div = EAS_PELT_MIN_DIVIDER + m.period_contrib;
				iu = m.util_sum / div;
			}
			/* truncations lose at most a few units; the real
			 * series' limit (1024 / (1 - y) = 47788) is a little
			 * above LOAD_AVG_MAX (47742) */
			assert_true((double)sa.util_avg <= iu + 2.0);
			assert_true((double)sa.util_avg >= iu - 3.0);
			assert_true(sa.util_avg <= 1024);
			if (rng(&seed) % 3 == 0)
				running = !running;
		}
	}
}

/* Always running from 0: 32 ms ~ 1/2, then converges to 1024 (within the
 * truncation loss); always idle decays to 0. Both flavours agree on util
 * and load; runnable differs in scale (v5.4 runnable_load x weight, v6.19
 * runnable << 10). */
static void test_running_converges(void **state)
{
	struct eas_pelt a, b;
	uint64_t t;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	for (t = 1u << 20; t <= (32ull << 20); t += 1u << 20) {
		eas_pelt_update(EAS_KERNEL_V5_4, &a, t, 1, 1, 1, 1024, 1024);
		eas_pelt_update(EAS_KERNEL_V6_19, &b, t, 1, 1, 1, 1024, 1024);
	}
	/* ideal 1024 * (1 - 1/2) * LOAD_AVG_MAX / divider ~ 512 */
	assert_in_range(a.util_avg, 500, 512);
	assert_int_equal(a.util_avg, b.util_avg);
	assert_int_equal(a.load_avg, b.load_avg);
	for (; t <= (3000ull << 20); t += 1u << 20) {
		eas_pelt_update(EAS_KERNEL_V5_4, &a, t, 1, 1, 1, 1024, 1024);
		eas_pelt_update(EAS_KERNEL_V6_19, &b, t, 1, 1, 1, 1024, 1024);
	}
	assert_in_range(a.util_avg, 1000, 1024);
	assert_in_range(b.runnable_avg, 1000, 1024);
	/* v5.4 runnable_load_avg = weight * sum / divider */
	assert_in_range(a.runnable_avg, 1000, 1024);
	for (; t <= (6000ull << 20); t += 1u << 20)
		eas_pelt_update(EAS_KERNEL_V6_19, &b, t, 0, 0, 0, 1024, 1024);
	assert_int_equal(b.util_avg, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_is_the_series),
		cmocka_unit_test(test_decay_golden),
		cmocka_unit_test(test_sub_unit_delta),
		cmocka_unit_test(test_against_real_model),
		cmocka_unit_test(test_running_converges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
