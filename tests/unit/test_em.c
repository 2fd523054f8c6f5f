/* SPDX-License-Identifier: MIT */
/*
 * Energy model: golden tables of kernel-eas.md §7 and of the research
 * platform data, validation, and differential tests of the fast lookups
 * against the literal kernel transliteration in tests/oracle/ref_em.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/platform.h>

#include "fixtures.h"
#include "ref_em.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void check_table(const struct eas_perf_domain *pd, uint32_t n,
			const uint64_t *cost, const uint64_t *perf,
			const uint64_t *ineff)
{
	uint32_t i;

	assert_int_equal(pd->nr_perf_states, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(pd->table[i].cost, cost[i]);
		if (perf)
			assert_int_equal(pd->table[i].performance, perf[i]);
		if (ineff)
			assert_int_equal(pd->table[i].flags, ineff[i]);
	}
}

/* §7.1: the sched-energy.rst 2x2 example, three EM variants. */
static void test_golden_2x2(void **state)
{
	static const uint64_t l54[] = { 150, 225, 300 };
	static const uint64_t b54[] = { 800, 1066, 1700 };
	static const uint64_t l54s[] = { 150588, 225219, 300000 };
	static const uint64_t b54s[] = { 800000, 1066666, 1700000 };
	static const uint64_t lperf[] = { 170, 341, 512 };
	static const uint64_t bperf[] = { 512, 768, 1024 };
	static const uint64_t l619[] = { 2941, 4398, 5859 };
	static const uint64_t b619[] = { 7812, 10416, 16601 };
	static const uint64_t none[] = { 0, 0, 0 };
	struct eas_platform *pf;

	(void)state;
	pf = fix_2x2(EAS_KERNEL_V5_4, 0);
	check_table(&pf->pds[0], 3, l54, NULL, none);
	check_table(&pf->pds[1], 3, b54, NULL, none);
	assert_int_equal(pf->pds[0].table[2].power, 300); /* mW */
	fix_free(pf);

	pf = fix_2x2(EAS_KERNEL_V5_4, EAS_OPT_V54_EM_SCALE_POWER);
	check_table(&pf->pds[0], 3, l54s, NULL, none);
	check_table(&pf->pds[1], 3, b54s, NULL, none);
	fix_free(pf);

	pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	check_table(&pf->pds[0], 3, l619, lperf, none);
	check_table(&pf->pds[1], 3, b619, bperf, none);
	assert_int_equal(pf->pds[1].table[2].power, 1700000); /* uW */
	assert_int_equal(pf->pds[0].flags, EAS_PD_MICROWATTS);
	fix_free(pf);
}

/*
 * §7.1 scenario A energies as the feec call sites see them: v5.4 big PD
 * max 600 sum 1100 -> 1145, little max 200 sum 300 -> 131; v6.19 with the
 * caller's margin applied.
 */
static void test_golden_2x2_energy(void **state)
{
	struct eas_platform *pf;

	(void)state;
	pf = fix_2x2(EAS_KERNEL_V5_4, 0);
	assert_int_equal(eas_em_pd_energy(&pf->pds[1], 600, 1100), 1145);
	assert_int_equal(eas_em_pd_energy(&pf->pds[0], 200, 300), 131);
	/* little prev CPU0 with P: max 400 -> f 500 -> OPP 512: 300*500/512 */
	assert_int_equal(eas_em_pd_energy(&pf->pds[0], 400, 500), 292);
	fix_free(pf);

	pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	/* big base: max 600 -> perf need 750 -> 768: 10416 * 1100 */
	assert_int_equal(eas_em_cpu_energy(&pf->pds[1], 750, 1100, 1024),
			 11457600);
	/* CPU3 with P: 875 -> 1024: 16601 * 1300 */
	assert_int_equal(eas_em_cpu_energy(&pf->pds[1], 875, 1300, 1024),
			 21581300);
	assert_int_equal(eas_em_cpu_energy(&pf->pds[0], 375, 300, 512),
			 1757700);
	assert_int_equal(eas_em_cpu_energy(&pf->pds[0], 250, 300, 512),
			 1319400);
	/* sum_util 0: no energy whatever max_util */
	assert_int_equal(eas_em_cpu_energy(&pf->pds[0], 500, 0, 512), 0);
	fix_free(pf);
}

/* §7.1 "DT-derived EM (synthetic)": C = 100, capacity 512. */
static void test_golden_dt_synthetic(void **state)
{
	static const uint64_t hz[] = { 500000000, 1000000000, 1500000000,
				       2000000000 };
	static const uint64_t uv[] = { 800000, 800000, 900000, 1000000 };
	static const uint64_t mw[] = { 32, 64, 121, 200 };
	static const uint64_t c54[] = { 128, 128, 161, 200 };
	static const uint64_t c54s[] = { 128000, 128000, 161333, 200000 };
	static const uint64_t uw[] = { 32000, 64000, 121500, 200000 };
	static const uint64_t perf[] = { 128, 256, 384, 512 };
	static const uint64_t c619[] = { 2500, 2500, 3164, 3906 };
	struct eas_perf_state t[4];
	struct eas_perf_domain pd;
	uint32_t i, opts;

	(void)state;
	for (opts = 0; opts < 2; opts++) {
		memset(t, 0, sizeof(t));
		for (i = 0; i < 4; i++) {
			t[i].frequency = hz[i] / 1000;
			t[i].power = eas_opp_power(EAS_KERNEL_V5_4, 100, hz[i],
						   uv[i]);
			assert_int_equal(t[i].power, mw[i]);
		}
		assert_int_equal(eas_em_table_init(EAS_KERNEL_V5_4, opts, t, 4,
						   512, NULL),
				 0);
		for (i = 0; i < 4; i++) {
			assert_int_equal(t[i].cost, opts ? c54s[i] : c54[i]);
			assert_int_equal(t[i].flags, 0); /* no flag in v5.4 */
		}
	}
	memset(&pd, 0, sizeof(pd));
	pd.nr_perf_states = 4;
	pd.max_perf_state = 3;
	pd.capacity = 512;
	pd.table = t;
	memset(t, 0, sizeof(t));
	for (i = 0; i < 4; i++) {
		t[i].frequency = hz[i] / 1000;
		t[i].power = eas_opp_power(EAS_KERNEL_V5_4, 100, hz[i], uv[i]);
	}
	assert_int_equal(eas_em_table_init(EAS_KERNEL_V5_4, 0, t, 4, 512, NULL),
			 0);
	/* 5.4: freq = 2500000 * 100 / 512 = 488281 -> state 0 */
	assert_int_equal(eas_em_pd_energy(&pd, 100, 100), 25);
	assert_int_equal(eas_em_pd_energy(&pd, 300, 300), 94);

	memset(t, 0, sizeof(t));
	for (i = 0; i < 4; i++) {
		t[i].frequency = hz[i] / 1000;
		t[i].power = eas_opp_power(EAS_KERNEL_V6_19, 100, hz[i], uv[i]);
		assert_int_equal(t[i].power, uw[i]);
	}
	assert_int_equal(
		eas_em_table_init(EAS_KERNEL_V6_19, 0, t, 4, 512, NULL), 0);
	for (i = 0; i < 4; i++) {
		assert_int_equal(t[i].performance, perf[i]);
		assert_int_equal(t[i].cost, c619[i]);
		assert_int_equal(t[i].flags,
				 i == 0 ? EAS_PERF_STATE_INEFFICIENT : 0);
	}
	assert_int_equal(t[0].next_efficient, 1);
	/* caller margin: 100 -> 125 */
	assert_int_equal(eas_em_pd_get_efficient_state(&pd, 125), 0);
	assert_int_equal(eas_em_cpu_energy(&pd, 125, 100, 512), 250000);
	pd.flags = EAS_PD_SKIP_INEFFICIENCIES;
	assert_int_equal(eas_em_pd_get_efficient_state(&pd, 125), 1);
	assert_int_equal(eas_em_cpu_energy(&pd, 125, 100, 512), 250000);
	/* 300 -> 375 -> state 2 */
	assert_int_equal(eas_em_cpu_energy(&pd, 375, 300, 512), 949200);
}

struct golden_pd {
	uint32_t n;
	uint64_t mw[8], cost54[8], cost54s[8];
	uint64_t uw[8], perf[8], cost619[8], ineff[8];
};

static void check_golden_pd(const struct eas_platform *p54,
			    const struct eas_platform *p54s,
			    const struct eas_platform *p619, uint32_t pdi,
			    const struct golden_pd *g)
{
	uint32_t i;

	assert_int_equal(p54->pds[pdi].nr_perf_states, g->n);
	assert_int_equal(p619->pds[pdi].nr_perf_states, g->n);
	for (i = 0; i < g->n; i++) {
		assert_int_equal(p54->pds[pdi].table[i].power, g->mw[i]);
		assert_int_equal(p54->pds[pdi].table[i].cost, g->cost54[i]);
		assert_int_equal(p54s->pds[pdi].table[i].cost, g->cost54s[i]);
		assert_int_equal(p619->pds[pdi].table[i].power, g->uw[i]);
		assert_int_equal(p619->pds[pdi].table[i].performance,
				 g->perf[i]);
		assert_int_equal(p619->pds[pdi].table[i].cost, g->cost619[i]);
		assert_int_equal(p619->pds[pdi].table[i].flags, g->ineff[i]);
	}
}

/*
 * Derived tables of the platform research data ("derived" sections:
 * v6.9+ perf/cost/inefficient, mW power; v5.4 costs recomputed from the
 * mW power by hand with fmax * P / f).
 */
static void test_golden_platform_tables(void **state)
{
	static const struct golden_pd hikey[2] = {
		{ 5,
		  { 28, 70, 124, 187, 245 },
		  { 96, 129, 163, 201, 245 },
		  { 96870, 129209, 163092, 201771, 245000 },
		  { 28728, 70329, 124918, 187990, 245436 },
		  { 133, 250, 351, 428, 462 },
		  { 2160, 2813, 3558, 4392, 5312 },
		  { 0, 0, 0, 0, 0 } },
		{ 5,
		  { 243, 500, 804, 1161, 1571 },
		  { 635, 831, 1052, 1298, 1571 },
		  { 635621, 831104, 1052104, 1298428, 1571000 },
		  { 243358, 500192, 804127, 1161600, 1571911 },
		  { 391, 616, 782, 915, 1024 },
		  { 6223, 8120, 10282, 12695, 15350 },
		  { 0, 0, 0, 0, 0 } },
	};
	static const struct golden_pd rk[2] = {
		{ 6,
		  { 27, 40, 58, 86, 120, 179 },
		  { 93, 94, 100, 120, 141, 179 },
		  { 93705, 94400, 100647, 120809, 141600, 179000 },
		  { 27769, 40837, 58956, 86247, 120000, 179212 },
		  { 109, 161, 219, 271, 322, 381 },
		  { 2547, 2536, 2692, 3182, 3726, 4703 },
		  { 1, 0, 0, 0, 0, 0 } },
		{ 8,
		  { 121, 178, 242, 336, 472, 648, 848, 1130 },
		  { 533, 534, 533, 600, 708, 823, 949, 1130 },
		  { 533823, 534000, 533823, 600000, 708000, 823728, 949253,
		    1130000 },
		  { 121075, 178051, 242150, 336483, 472188, 648630, 848316,
		    1130112 },
		  { 232, 341, 464, 573, 682, 805, 914, 1024 },
		  { 5218, 5221, 5218, 5872, 6923, 8057, 9281, 11036 },
		  { 1, 1, 0, 0, 0, 0, 0, 0 } },
	};
	static const struct golden_pd juno[2] = {
		{ 5,
		  { 42, 58, 79, 97, 119 },
		  { 79, 85, 95, 106, 119 },
		  { 79333, 85739, 95928, 106387, 119000 },
		  { 42361, 58161, 79380, 97921, 119000 },
		  { 236, 301, 367, 406, 446 },
		  { 1794, 1932, 2162, 2411, 2668 },
		  { 0, 0, 0, 0, 0 } },
		{ 5,
		  { 160, 239, 343, 454, 583 },
		  { 391, 420, 471, 525, 583 },
		  { 391111, 420640, 471625, 525684, 583000 },
		  { 160367, 239328, 343440, 454408, 583000 },
		  { 418, 581, 744, 884, 1024 },
		  { 3836, 4119, 4616, 5140, 5693 },
		  { 0, 0, 0, 0, 0 } },
	};
	struct eas_platform *(*mk[3])(enum eas_kernel,
				      uint32_t) = { fix_hikey960, fix_rk3399,
						    fix_juno_r0 };
	const struct golden_pd *g[3] = { hikey, rk, juno };
	uint32_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_platform *a = mk[i](EAS_KERNEL_V5_4, 0);
		struct eas_platform *b =
			mk[i](EAS_KERNEL_V5_4, EAS_OPT_V54_EM_SCALE_POWER);
		struct eas_platform *c = mk[i](EAS_KERNEL_V6_19, 0);

		check_golden_pd(a, b, c, 0, &g[i][0]);
		check_golden_pd(a, b, c, 1, &g[i][1]);
		fix_free(a);
		fix_free(b);
		fix_free(c);
	}
	/* RK3399: 408 MHz inefficient in v6.19 because 2547 >= 2536, and
	 * cpufreq can skip it: the domain skips inefficiencies. */
	{
		struct eas_platform *c = fix_rk3399(EAS_KERNEL_V6_19, 0);

		assert_true(c->pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
		assert_int_equal(eas_em_pd_get_efficient_state(&c->pds[0], 1),
				 1);
		assert_int_equal(c->pds[1].table[0].next_efficient, 2);
		assert_int_equal(eas_em_pd_get_efficient_state(&c->pds[1], 1),
				 2);
		fix_free(c);
	}
}

static void test_opp_power(void **state)
{
	(void)state;
	/* kernel-eas.md §1.3: C=100, 800 mV, 1 GHz: 64 mW / 64000 uW */
	assert_int_equal(
		eas_opp_power(EAS_KERNEL_V5_4, 100, 1000000000, 800000), 64);
	assert_int_equal(
		eas_opp_power(EAS_KERNEL_V6_19, 100, 1000000000, 800000),
		64000);
	/* MHz and mV truncate: 1766400000 Hz -> 1766 MHz, 800999 uV -> 800 */
	assert_int_equal(
		eas_opp_power(EAS_KERNEL_V6_19, 100, 1766400000, 800999),
		113024);
	/* mV == 0 is the kernel's -EINVAL */
	assert_int_equal(eas_opp_power(EAS_KERNEL_V6_19, 100, 1000000000, 999),
			 0);
}

static void test_table_errors(void **state)
{
	struct eas_perf_state t[4];
	uint32_t bad = 99;
	uint32_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		enum eas_kernel kk = (enum eas_kernel)k;
		uint64_t maxp =
			k ? EAS_V619_EM_MAX_POWER_UW : EAS_V54_EM_MAX_POWER_MW;

		bad = 99;
		memset(t, 0, sizeof(t));
		t[0].frequency = 100;
		t[0].power = 10;
		t[1].frequency = 200;
		t[1].power = 20;
		t[2].frequency = 300;
		t[2].power = maxp;
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad), 0);
		assert_int_equal(bad, 99); /* untouched on success */
		t[2].power = maxp + 1;
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad),
				 EAS_EPOWER);
		assert_int_equal(bad, 2);
		t[2].power = 30;
		t[1].power = 0;
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad),
				 EAS_EPOWER);
		assert_int_equal(bad, 1);
		t[1].power = 20;
		t[2].frequency = 200; /* equal */
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad),
				 EAS_EFREQ);
		assert_int_equal(bad, 2);
		t[2].frequency = 150; /* decreasing */
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad),
				 EAS_EFREQ);
		t[2].frequency = 300;
		t[0].frequency = 0; /* the kernel starts from freq 0 */
		assert_int_equal(eas_em_table_init(kk, 0, t, 3, 1024, &bad),
				 EAS_EFREQ);
		assert_int_equal(bad, 0);
		t[0].frequency = 100;
		assert_int_equal(eas_em_table_init(kk, 0, t, 0, 1024, &bad),
				 EAS_ENOSTATES);
		assert_int_equal(eas_em_table_init(kk, 0, NULL, 3, 1024, &bad),
				 EAS_EINVAL);
	}
	/* v6.19: perf = 2 * 100 / 300 = 0 -> cost undefined */
	assert_int_equal(eas_em_table_init(EAS_KERNEL_V6_19, 0, t, 3, 2, &bad),
			 EAS_EPERF);
	assert_int_equal(bad, 0);
	/* v5.4 ignores max_cap */
	assert_int_equal(eas_em_table_init(EAS_KERNEL_V5_4, 0, t, 3, 0, &bad),
			 0);
	assert_int_equal(
		eas_em_table_init((enum eas_kernel)7, 0, t, 3, 2, &bad),
		EAS_EKERNEL);
}

static void test_performance_limits(void **state)
{
	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
	struct eas_perf_domain *pd = &pf->pds[1];

	(void)state;
	assert_int_equal(eas_em_update_performance_limits(pd, 1421000, 2112000),
			 0);
	assert_int_equal(pd->min_perf_state, 1);
	assert_int_equal(pd->max_perf_state, 3);
	/* below min: first state of the window; above max: max state */
	assert_int_equal(eas_em_pd_get_efficient_state(pd, 1), 1);
	assert_int_equal(eas_em_pd_get_efficient_state(pd, 1024), 3);
	assert_int_equal(eas_em_cpu_energy(pd, 1024, 10, 1024), 12695u * 10u);
	/* not found / min > max: unchanged */
	assert_int_equal(eas_em_update_performance_limits(pd, 1421001, 2112000),
			 EAS_ELIMITS);
	assert_int_equal(eas_em_update_performance_limits(pd, 1421000, 1),
			 EAS_ELIMITS);
	assert_int_equal(eas_em_update_performance_limits(pd, 2112000, 1421000),
			 EAS_ELIMITS);
	assert_int_equal(eas_em_update_performance_limits(NULL, 1, 1),
			 EAS_EINVAL);
	assert_int_equal(pd->min_perf_state, 1);
	assert_int_equal(pd->max_perf_state, 3);
	/* equal limits are fine */
	assert_int_equal(eas_em_update_performance_limits(pd, 903000, 903000),
			 0);
	assert_int_equal(eas_em_pd_get_efficient_state(pd, 1024), 0);
	fix_free(pf);
}

/* ---- differential tests against the oracle ---------------------------- */

#define MAXS 24

struct rnd_table {
	uint32_t n;
	uint64_t freq[MAXS], power[MAXS];
};

static void rnd_table(uint64_t *rs, struct rnd_table *r, uint64_t maxp)
{
	uint64_t f = fix_rand_range(rs, 1, 600000);
	uint32_t i;
	uint32_t mode = (uint32_t)fix_rand_range(rs, 0, 3);

	r->n = (uint32_t)fix_rand_range(rs, 1, MAXS);
	for (i = 0; i < r->n; i++) {
		r->freq[i] = f;
		f += fix_rand_range(rs, 1, mode == 0 ? 3 : 400000);
		switch (mode) {
		case 0: /* tiny powers: many equal costs */
			r->power[i] = fix_rand_range(rs, 1, 4);
			break;
		case 1: /* monotone-ish */
			r->power[i] =
				fix_rand_range(rs, 1, maxp / MAXS) * (i + 1u);
			break;
		default:
			r->power[i] = fix_rand_range(rs, 1, maxp);
			break;
		}
	}
}

static uint64_t rnd_util(uint64_t *rs, uint64_t cap)
{
	switch (fix_rand_range(rs, 0, 5)) {
	case 0:
		return 0;
	case 1:
		return cap;
	case 2:
		return fix_rand_range(rs, 0, 4u * cap + 4u);
	case 3:
		return fix_rand_range(rs, 0, ~(uint64_t)0 >> 20);
	default:
		return fix_rand_range(rs, 0, cap + cap / 4u + 1u);
	}
}

static void test_diff_v54(void **state)
{
	uint64_t rs = 0x5eed54;
	struct eas_perf_state t[MAXS];
	uint64_t cost[MAXS];
	uint32_t iter, i, j;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		struct rnd_table r;
		struct eas_perf_domain pd;
		bool scale = fix_rand_range(&rs, 0, 1);
		int rerr, err;

		rnd_table(&rs, &r, EAS_V54_EM_MAX_POWER_MW);
		if (fix_rand_range(&rs, 0, 40) == 0)
			r.power[fix_rand_range(&rs, 0, r.n - 1)] =
				fix_rand_range(&rs, 0, 1) ? 0 : 0x10000;
		memset(t, 0, sizeof(t));
		for (i = 0; i < r.n; i++) {
			t[i].frequency = r.freq[i];
			t[i].power = r.power[i];
		}
		rerr = ref_em_create_pd_v54(r.freq, r.power, (int)r.n, scale,
					    cost);
		err = eas_em_table_init(EAS_KERNEL_V5_4,
					scale ? EAS_OPT_V54_EM_SCALE_POWER : 0,
					t, r.n, 1024, NULL);
		assert_int_equal(err != 0, rerr != 0);
		if (err)
			continue;
		for (i = 0; i < r.n; i++)
			assert_int_equal(t[i].cost, cost[i]);
		memset(&pd, 0, sizeof(pd));
		pd.nr_perf_states = r.n;
		pd.max_perf_state = r.n - 1;
		pd.table = t;
		pd.capacity = fix_rand_range(&rs, 1, 1024);
		for (j = 0; j < 16; j++) {
			uint64_t mu = rnd_util(&rs, pd.capacity);
			uint64_t su = rnd_util(&rs, 8u * pd.capacity);

			assert_int_equal(eas_em_pd_energy(&pd, mu, su),
					 ref_em_pd_energy_v54(&pd, mu, su));
		}
	}
}

static void test_diff_v619(void **state)
{
	uint64_t rs = 0x5eed619;
	struct eas_perf_state t[MAXS];
	uint64_t perf[MAXS], cost[MAXS], flags[MAXS];
	uint32_t iter, i, j, nr_ineff = 0;

	(void)state;
	for (iter = 0; iter < 20000; iter++) {
		struct rnd_table r;
		struct eas_perf_domain pd;
		uint64_t cap = fix_rand_range(&rs, 1, 1024);
		int rerr, err;

		rnd_table(&rs, &r, EAS_V619_EM_MAX_POWER_UW);
		if (fix_rand_range(&rs, 0, 40) == 0)
			r.power[fix_rand_range(&rs, 0, r.n - 1)] =
				fix_rand_range(&rs, 0, 1) ?
					0 :
					EAS_V619_EM_MAX_POWER_UW + 1u;
		memset(t, 0, sizeof(t));
		for (i = 0; i < r.n; i++) {
			t[i].frequency = r.freq[i];
			t[i].power = r.power[i];
		}
		rerr = ref_em_create_perf_table_v619(r.freq, r.power, (int)r.n,
						     cap, perf, cost, flags);
		err = eas_em_table_init(EAS_KERNEL_V6_19, 0, t, r.n, cap, NULL);
		assert_int_equal(err != 0, rerr != 0);
		if (err)
			continue;
		for (i = 0; i < r.n; i++) {
			assert_int_equal(t[i].performance, perf[i]);
			assert_int_equal(t[i].cost, cost[i]);
			assert_int_equal(t[i].flags, flags[i]);
			nr_ineff += flags[i] ? 1u : 0u;
		}
		memset(&pd, 0, sizeof(pd));
		pd.nr_perf_states = r.n;
		pd.table = t;
		pd.capacity = cap;
		for (j = 0; j < 24; j++) {
			uint64_t mu = rnd_util(&rs, cap);
			uint64_t su = rnd_util(&rs, 8u * cap);
			uint64_t allowed = fix_rand_range(&rs, 0, 3) ?
						   cap :
						   fix_rand_range(&rs, 0, cap);

			pd.min_perf_state =
				(uint32_t)fix_rand_range(&rs, 0, r.n - 1);
			pd.max_perf_state = (uint32_t)fix_rand_range(
				&rs, pd.min_perf_state, r.n - 1);
			if (fix_rand_range(&rs, 0, 2) == 0) {
				pd.min_perf_state = 0;
				pd.max_perf_state = r.n - 1;
			}
			pd.flags = fix_rand_range(&rs, 0, 1) ?
					   EAS_PD_SKIP_INEFFICIENCIES :
					   0;
			assert_int_equal(
				eas_em_pd_get_efficient_state(&pd, mu),
				(uint32_t)ref_em_pd_get_efficient_state_v619(
					&pd, mu));
			assert_int_equal(
				eas_em_cpu_energy(&pd, mu, su, allowed),
				ref_em_cpu_energy_v619(&pd, mu, su, allowed));
		}
	}
	/* the random tables must exercise inefficiencies */
	assert_true(nr_ineff > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_2x2),
		cmocka_unit_test(test_golden_2x2_energy),
		cmocka_unit_test(test_golden_dt_synthetic),
		cmocka_unit_test(test_golden_platform_tables),
		cmocka_unit_test(test_opp_power),
		cmocka_unit_test(test_table_errors),
		cmocka_unit_test(test_performance_limits),
		cmocka_unit_test(test_diff_v54),
		cmocka_unit_test(test_diff_v619),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
