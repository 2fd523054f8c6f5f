/* SPDX-License-Identifier: MIT */
/*
 * The example platform files (examples/platforms/ *.json), loaded for both
 * kernel flavours, against golden numbers:
 *
 *  - hikey960, rk3399, juno-r0, hikey620: capacities and every perf state
 *    (frequency, power, performance, cost, inefficient) copied as literals
 *    from the research data's "derived" sections
 *    (research data, not shipped; computed with the v6.9+
 *    formulas = v6.19). For v5.4 the power is the pre-v5.19 mW column and
 *    the cost is v5.4 em_create_pd()'s fmax * P / f (and fmax * P * 1000 / f
 *    with EAS_OPT_V54_EM_SCALE_POWER), computed from those columns.
 *    v5.4 normalises capacities twice (dmips first, then dmips*MHz); for
 *    these SoCs the largest capacity-dmips-mhz is 1024, so the first pass
 *    is the identity and both flavours give the research's 462/381/446.
 *    (test_json_platform.c has a case where they differ.)
 *  - juno-r0-scmi: firmware mW powers, expected numbers computed with the
 *    kernel formulas (stated at the table).
 *  - sched-energy-example: the numbers of kernel-eas.md §7.1.
 *  - sdm845: must fail with EAS_ENOVOLT at /perf_domains/0/opps/0.
 *
 * Also: `eas em --json` prints valid JSON with the same numbers (the
 * built binary is run through popen and its output parsed with json-c),
 * and every *.json in examples/platforms/ is covered here.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <json-c/json.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DIR_EX EAS_SOURCE_DIR "/examples/platforms/"

struct golden_state {
	uint64_t khz, uw, perf, cost, ineff; /* v6.19 */
	uint64_t mw, cost54, cost54y;	     /* v5.4 (plain, scale_power) */
};

/* hikey960: from the research data hi3660-hikey960.json "derived" (v6.9+ formulas = v6.19) */
static const uint64_t hikey960_caps[] = { 462,	462,  462,  462,
					  1024, 1024, 1024, 1024 };
static const uint32_t hikey960_pd0_cpus[] = { 0, 1, 2, 3 };
static const struct golden_state hikey960_pd0[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 533000, 28728, 133, 2160, 0, 28, 96, 96870 },
	{ 999000, 70329, 250, 2813, 0, 70, 129, 129209 },
	{ 1402000, 124918, 351, 3558, 0, 124, 163, 163092 },
	{ 1709000, 187990, 428, 4392, 0, 187, 201, 201771 },
	{ 1844000, 245436, 462, 5312, 0, 245, 245, 245000 },
};
static const uint32_t hikey960_pd1_cpus[] = { 4, 5, 6, 7 };
static const struct golden_state hikey960_pd1[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 903000, 243358, 391, 6223, 0, 243, 635, 635621 },
	{ 1421000, 500192, 616, 8120, 0, 500, 831, 831104 },
	{ 1805000, 804127, 782, 10282, 0, 804, 1052, 1052104 },
	{ 2112000, 1161600, 915, 12695, 0, 1161, 1298, 1298428 },
	{ 2362000, 1571911, 1024, 15350, 0, 1571, 1571, 1571000 },
};
/* rk3399: from the research data rk3399.json "derived" (v6.9+ formulas = v6.19) */
static const uint64_t rk3399_caps[] = { 381, 381, 381, 381, 1024, 1024 };
static const uint32_t rk3399_pd0_cpus[] = { 0, 1, 2, 3 };
static const struct golden_state rk3399_pd0[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 408000, 27769, 109, 2547, 1, 27, 93, 93705 },
	{ 600000, 40837, 161, 2536, 0, 40, 94, 94400 },
	{ 816000, 58956, 219, 2692, 0, 58, 100, 100647 },
	{ 1008000, 86247, 271, 3182, 0, 86, 120, 120809 },
	{ 1200000, 120000, 322, 3726, 0, 120, 141, 141600 },
	{ 1416000, 179212, 381, 4703, 0, 179, 179, 179000 },
};
static const uint32_t rk3399_pd1_cpus[] = { 4, 5 };
static const struct golden_state rk3399_pd1[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 408000, 121075, 232, 5218, 1, 121, 533, 533823 },
	{ 600000, 178051, 341, 5221, 1, 178, 534, 534000 },
	{ 816000, 242150, 464, 5218, 0, 242, 533, 533823 },
	{ 1008000, 336483, 573, 5872, 0, 336, 600, 600000 },
	{ 1200000, 472188, 682, 6923, 0, 472, 708, 708000 },
	{ 1416000, 648630, 805, 8057, 0, 648, 823, 823728 },
	{ 1608000, 848316, 914, 9281, 0, 848, 949, 949253 },
	{ 1800000, 1130112, 1024, 11036, 0, 1130, 1130, 1130000 },
};
/* juno_r0: from the research data juno-r0.json "derived" (v6.9+ formulas = v6.19) */
static const uint64_t juno_r0_caps[] = { 446, 1024, 1024, 446, 446, 446 };
static const uint32_t juno_r0_pd0_cpus[] = { 1, 2 };
static const struct golden_state juno_r0_pd0[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 450000, 160367, 418, 3836, 0, 160, 391, 391111 },
	{ 625000, 239328, 581, 4119, 0, 239, 420, 420640 },
	{ 800000, 343440, 744, 4616, 0, 343, 471, 471625 },
	{ 950000, 454408, 884, 5140, 0, 454, 525, 525684 },
	{ 1100000, 583000, 1024, 5693, 0, 583, 583, 583000 },
};
static const uint32_t juno_r0_pd1_cpus[] = { 0, 3, 4, 5 };
static const struct golden_state juno_r0_pd1[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 450000, 42361, 236, 1794, 0, 42, 79, 79333 },
	{ 575000, 58161, 301, 1932, 0, 58, 85, 85739 },
	{ 700000, 79380, 367, 2162, 0, 79, 95, 95928 },
	{ 775000, 97921, 406, 2411, 0, 97, 106, 106387 },
	{ 850000, 119000, 446, 2668, 0, 119, 119, 119000 },
};
/* hikey620: from the research data hi6220-hikey620.json "derived" (v6.9+ formulas = v6.19) */
static const uint64_t hikey620_caps[] = { 1024, 1024, 1024, 1024,
					  1024, 1024, 1024, 1024 };
static const uint32_t hikey620_pd0_cpus[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
static const struct golden_state hikey620_pd0[] = {
	/* kHz, uW, perf, cost, ineff, mW, v5.4 cost, v5.4.y cost */
	{ 208000, 69966, 177, 3952, 1, 69, 398, 398076 },
	{ 432000, 145315, 368, 3948, 0, 145, 402, 402777 },
	{ 729000, 269364, 622, 4330, 0, 269, 442, 442798 },
	{ 960000, 415714, 819, 5075, 0, 415, 518, 518750 },
	{ 1200000, 660153, 1024, 6446, 0, 660, 660, 660000 },
};
/* juno-r0-scmi: firmware mW powers; expected values computed here with the
 * kernel formulas (v6.19: uW = mW*1000, perf = cap*f/fmax, cost = 10*P/perf;
 * v5.4: cost = fmax*P/f), not from the research "derived" section. */
static const uint32_t juno_scmi_pd0_cpus[] = { 0, 3, 4, 5 };
static const struct golden_state juno_scmi_pd0[] = {
	{ 450000, 42000, 236, 1779, 0, 42, 79, 79333 },
	{ 575000, 58000, 301, 1926, 0, 58, 85, 85739 },
	{ 700000, 79000, 367, 2152, 0, 79, 95, 95928 },
	{ 775000, 97000, 406, 2389, 0, 97, 106, 106387 },
	{ 850000, 119000, 446, 2668, 0, 119, 119, 119000 },
};
static const uint32_t juno_scmi_pd1_cpus[] = { 1, 2 };
static const struct golden_state juno_scmi_pd1[] = {
	{ 450000, 160000, 418, 3827, 0, 160, 391, 391111 },
	{ 625000, 239000, 581, 4113, 0, 239, 420, 420640 },
	{ 800000, 343000, 744, 4610, 0, 343, 471, 471625 },
	{ 950000, 454000, 884, 5135, 0, 454, 525, 525684 },
	{ 1100000, 583000, 1024, 5693, 0, 583, 583, 583000 },
};

/* kernel-eas.md §7.1: sched-energy.rst example (frequencies = capacities). */
static const uint64_t see_caps[] = { 512, 512, 1024, 1024 };
static const uint32_t see_pd0_cpus[] = { 0, 1 };
static const struct golden_state see_pd0[] = {
	{ 170, 50000, 170, 2941, 0, 50, 150, 150588 },
	{ 341, 150000, 341, 4398, 0, 150, 225, 225219 },
	{ 512, 300000, 512, 5859, 0, 300, 300, 300000 },
};
static const uint32_t see_pd1_cpus[] = { 2, 3 };
static const struct golden_state see_pd1[] = {
	{ 512, 400000, 512, 7812, 0, 400, 800, 800000 },
	{ 768, 800000, 768, 10416, 0, 800, 1066, 1066666 },
	{ 1024, 1700000, 1024, 16601, 0, 1700, 1700, 1700000 },
};

static const uint64_t juno_scmi_caps[] = { 446, 1024, 1024, 446, 446, 446 };

struct golden_pd {
	const uint32_t *cpus;
	uint32_t nr_cpus;
	const struct golden_state *st;
	uint32_t n;
};

struct golden_platform {
	const char *file;
	const char *name;
	const uint64_t *caps;
	uint32_t nr_cpus;
	uint32_t nr_pds;
	struct golden_pd pd[2];
	bool eas;
	enum eas_off_reason reason;
	uint32_t nr_idle;
};

#define N(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))
#define GPD(x)                                                                 \
	{                                                                      \
		x##_cpus, N(x##_cpus), x, N(x)                                 \
	}

static const struct golden_platform golden[] = {
	{ "hikey960.json",
	  "hikey960",
	  hikey960_caps,
	  8,
	  2,
	  { GPD(hikey960_pd0), GPD(hikey960_pd1) },
	  true,
	  EAS_ON,
	  6 },
	{ "rk3399.json",
	  "rk3399",
	  rk3399_caps,
	  6,
	  2,
	  { GPD(rk3399_pd0), GPD(rk3399_pd1) },
	  true,
	  EAS_ON,
	  3 },
	{ "juno-r0.json",
	  "juno-r0",
	  juno_r0_caps,
	  6,
	  2,
	  { GPD(juno_r0_pd0), GPD(juno_r0_pd1) },
	  true,
	  EAS_ON,
	  6 },
	{ "juno-r0-scmi.json",
	  "juno-r0-scmi",
	  juno_scmi_caps,
	  6,
	  2,
	  { GPD(juno_scmi_pd0), GPD(juno_scmi_pd1) },
	  true,
	  EAS_ON,
	  6 },
	{ "hikey620.json",
	  "hikey620",
	  hikey620_caps,
	  8,
	  1,
	  { GPD(hikey620_pd0) },
	  false,
	  EAS_OFF_SYMMETRIC,
	  6 },
	{ "sched-energy-example.json",
	  "sched-energy-example",
	  see_caps,
	  4,
	  2,
	  { GPD(see_pd0), GPD(see_pd1) },
	  true,
	  EAS_ON,
	  0 },
};

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int load_file(const char *file, enum eas_kernel k, uint32_t opts,
		     struct eas_json_platform *p, struct eas_json_diag *d)
{
	char path[512];
	size_t len;
	char *buf;
	int r;

	snprintf(path, sizeof(path), "%s%s", DIR_EX, file);
	buf = slurp(path, &len);
	r = eas_json_platform_load(buf, len, k, opts, p, d);
	free(buf);
	return r;
}

static const struct eas_perf_domain *find_pd(const struct eas_platform *pf,
					     const struct golden_pd *g)
{
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];

		if (pd->nr_cpus == g->nr_cpus &&
		    !memcmp(pd->cpus, g->cpus, g->nr_cpus * sizeof(uint32_t)))
			return pd;
	}
	fail_msg("no perf domain with the expected CPUs");
	return NULL;
}

static void check_platform(const struct golden_platform *g, enum eas_kernel k,
			   uint32_t opts)
{
	struct eas_json_platform p;
	struct eas_json_diag d;
	int r = load_file(g->file, k, opts, &p, &d);

	if (r)
		fail_msg("%s: %s %s", g->file, d.path, d.msg);
	assert_string_equal(p.name, g->name);
	assert_int_equal(p.pf.kernel, k);
	assert_int_equal(p.pf.nr_cpus, g->nr_cpus);
	assert_int_equal(p.pf.nr_pds, g->nr_pds);
	assert_int_equal(p.pf.eas_possible, g->eas);
	assert_int_equal(p.pf.eas_reason, g->reason);
	assert_int_equal(p.nr_idle_states, g->nr_idle);
	for (uint32_t c = 0; c < g->nr_cpus; c++)
		assert_int_equal(p.pf.cpus[c].capacity, g->caps[c]);
	for (uint32_t i = 0; i < g->nr_pds; i++) {
		const struct golden_pd *gp = &g->pd[i];
		const struct eas_perf_domain *pd = find_pd(&p.pf, gp);

		assert_int_equal(pd->nr_perf_states, gp->n);
		assert_int_equal(pd->capacity, g->caps[gp->cpus[0]]);
		assert_int_equal(pd->max_freq_khz, gp->st[gp->n - 1].khz);
		for (uint32_t s = 0; s < gp->n; s++) {
			const struct eas_perf_state *ps = &pd->table[s];
			const struct golden_state *e = &gp->st[s];

			assert_int_equal(ps->frequency, e->khz);
			if (k != EAS_KERNEL_V5_4) { /* v6.19, v7.1 */
				assert_int_equal(ps->power, e->uw);
				assert_int_equal(ps->performance, e->perf);
				assert_int_equal(ps->cost, e->cost);
				assert_int_equal(!!(ps->flags &
						    EAS_PERF_STATE_INEFFICIENT),
						 e->ineff);
			} else {
				assert_int_equal(ps->power, e->mw);
				assert_int_equal(
					ps->cost,
					(opts & EAS_OPT_V54_EM_SCALE_POWER) ?
						e->cost54y :
						e->cost54);
				assert_int_equal(ps->flags, 0);
			}
		}
	}
	eas_json_platform_free(&p);
}

static void test_golden_v619(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++)
		check_platform(&golden[i], EAS_KERNEL_V6_19, 0);
}

/* v7.1 builds the v6.19 energy model, capacities and domains (7.1.3
 * topology.c / energy_model.c: no decision-relevant change) */
static void test_golden_v71(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		struct eas_json_platform a, b;
		struct eas_json_diag d;
		const struct eas_platform *x = &a.pf, *y = &b.pf;

		check_platform(&golden[i], EAS_KERNEL_V7_1, 0);
		assert_int_equal(
			load_file(golden[i].file, EAS_KERNEL_V6_19, 0, &a, &d),
			0);
		assert_int_equal(
			load_file(golden[i].file, EAS_KERNEL_V7_1, 0, &b, &d),
			0);
		assert_int_equal(x->nr_levels, y->nr_levels);
		for (uint32_t l = 0; l < x->nr_levels; l++) {
			const struct eas_sd_level *la = &x->levels[l],
						  *lb = &y->levels[l];

			assert_string_equal(la->name, lb->name);
			assert_int_equal(la->nr_spans, lb->nr_spans);
			assert_int_equal(la->imbalance_pct, lb->imbalance_pct);
			assert_int_equal(la->cache_nice_tries,
					 lb->cache_nice_tries);
			assert_int_equal(la->busy_factor, lb->busy_factor);
			for (uint32_t k = 0; k < la->nr_spans; k++)
				assert_int_equal(la->span_flags[k],
						 lb->span_flags[k]);
		}
		for (uint32_t c = 0; c < x->nr_cpus; c++) {
			assert_int_equal(x->cpus[c].sd_asym,
					 y->cpus[c].sd_asym);
			assert_int_equal(x->cpus[c].sd_llc, y->cpus[c].sd_llc);
		}
		eas_json_platform_free(&a);
		eas_json_platform_free(&b);
	}
}

static void test_golden_v54(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++)
		check_platform(&golden[i], EAS_KERNEL_V5_4, 0);
}

static void test_golden_v54_scale_power(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++)
		check_platform(&golden[i], EAS_KERNEL_V5_4,
			       EAS_OPT_V54_EM_SCALE_POWER);
}

/* rk3399: 408 and 600 MHz share a voltage; the v6.19 cost truncation makes
 * 408 MHz inefficient (2547 >= 2536), the big cluster's 408 and 600 MHz
 * too (5218 >= 5218, 5221 >= 5218): spelled out once more. */
static void test_rk3399_inefficient(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load_file("rk3399.json", EAS_KERNEL_V6_19, 0, &p, &d),
			 0);
	assert_true(p.pf.pds[0].table[0].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_false(p.pf.pds[0].table[1].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_true(p.pf.pds[1].table[0].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_true(p.pf.pds[1].table[1].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_false(p.pf.pds[1].table[2].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_true(p.pf.pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
	eas_json_platform_free(&p);
}

static void test_juno_numbering(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	/* Linux logical CPU 0 is an A53 on Juno r0. */
	assert_int_equal(load_file("juno-r0.json", EAS_KERNEL_V6_19, 0, &p, &d),
			 0);
	assert_int_equal(p.pf.cpus[0].capacity, 446);
	assert_int_equal(p.pf.cpus[0].pd, 0);
	assert_int_equal(p.pf.cpus[1].pd, 1);
	assert_int_equal(p.pf.cpus[2].pd, 1);
	assert_int_equal(p.pf.cpus[3].pd, 0);
	assert_int_equal(p.pf.pds[1].max_freq_khz, 1100000);
	eas_json_platform_free(&p);
}

static void test_hikey960_idle(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load_file("hikey960.json", EAS_KERNEL_V5_4, 0, &p, &d),
			 0);
	/* WFI is split per cluster since its power differs (test_idle_power) */
	assert_int_equal(p.nr_idle_states, 6);
	assert_string_equal(p.idle_states[0].name, "WFI");
	assert_int_equal(p.idle_states[0].nr_cpus, 4);
	assert_string_equal(p.idle_states[3].name, "WFI");
	assert_int_equal(p.idle_states[3].cpus[0], 4);
	assert_string_equal(p.idle_states[4].name, "CPU_SLEEP_1");
	assert_int_equal(p.idle_states[4].exit_latency_us, 550);
	assert_int_equal(p.idle_states[4].entry_latency_us, 400);
	assert_int_equal(p.idle_states[4].min_residency_us, 1500);
	assert_int_equal(p.idle_states[4].nr_cpus, 4);
	assert_int_equal(p.idle_states[4].cpus[0], 4);
	assert_int_equal(p.idle_states[5].exit_latency_us, 2900);
	assert_string_equal(p.pd_names[1], "cluster1_opp");
	eas_json_platform_free(&p);
}

static void test_sdm845_fails(void **state)
{
	static const struct eas_json_platform zero;
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		memset(&p, 0xab, sizeof(p));
		assert_int_equal(
			load_file("sdm845.json", (enum eas_kernel)k, 0, &p, &d),
			EAS_ENOVOLT);
		assert_int_equal(d.err, EAS_ENOVOLT);
		assert_string_equal(d.path, "/perf_domains/0/opps/0");
		assert_non_null(strstr(d.msg, "microvolt"));
		assert_non_null(strstr(d.msg, "microwatt"));
		assert_true(d.line > 1);
		assert_memory_equal(&p, &zero, sizeof(p));
	}
}

static void test_synthetic(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		assert_int_equal(load_file("synthetic-tri-cluster.json",
					   (enum eas_kernel)k, 0, &p, &d),
				 0);
		assert_true(p.pf.eas_possible);
		assert_int_equal(p.pf.nr_pds, 3);
		/* cpuinfo.max_freq leaves the turbo OPP out ... */
		assert_int_equal(p.pf.pds[2].max_freq_khz, 2800000);
		/* ... the energy model keeps it */
		assert_int_equal(p.pf.pds[2].nr_perf_states, 6);
		/* 380*1800000*1024 / (1024*2800000) = 244,
		 * 870*2400000*1024 / (1024*2800000) = 745 */
		assert_int_equal(p.pf.cpus[0].capacity, 244);
		assert_int_equal(p.pf.cpus[4].capacity, 745);
		assert_int_equal(p.pf.cpus[7].capacity, 1024);
		eas_json_platform_free(&p);
	}
}

/* Every example file is covered by a test above. */
static void test_all_files_covered(void **state)
{
	static const char *const extra[] = { "sdm845.json",
					     "synthetic-tri-cluster.json" };
	DIR *dir = opendir(DIR_EX);
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		size_t l = strlen(e->d_name);
		bool found = false;

		if (l < 5 || strcmp(e->d_name + l - 5, ".json"))
			continue;
		n++;
		for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++)
			found |= !strcmp(golden[i].file, e->d_name);
		for (size_t i = 0; i < 2; i++)
			found |= !strcmp(extra[i], e->d_name);
		if (!found)
			fail_msg("examples/platforms/%s has no golden test",
				 e->d_name);
	}
	closedir(dir);
	assert_int_equal(n, (int)(sizeof(golden) / sizeof(golden[0])) + 2);
}

/* ---- the eas em command -------------------------------------------------- */

#define EAS_BIN EAS_BINARY_DIR "/tools/eas"

/* Runs cmd, returns its exit status and stdout (malloc'd) in *out. */
static int run(const char *cmd, char **out)
{
	FILE *f = popen(cmd, "r");
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap);
	int st;

	assert_non_null(f);
	assert_non_null(buf);
	while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[n] = '\0';
	st = pclose(f);
	*out = buf;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (!json_object_object_get_ex(o, key, &v))
		fail_msg("missing key %s", key);
	return v;
}

static void check_em_json(const char *file, enum eas_kernel k)
{
	struct eas_json_platform p;
	struct eas_json_diag d;
	struct json_object *root, *cpus, *pds;
	enum json_tokener_error jerr;
	char cmd[1024], *out;
	bool v619 = k == EAS_KERNEL_V6_19;

	snprintf(cmd, sizeof(cmd), "'%s' em '%s%s' --kernel %s --json", EAS_BIN,
		 DIR_EX, file, eas_kernel_name(k));
	assert_int_equal(run(cmd, &out), 0);
	root = json_tokener_parse_verbose(out, &jerr);
	if (!root)
		fail_msg("eas em printed invalid JSON (%s): %s",
			 json_tokener_error_desc(jerr), out);
	assert_int_equal(load_file(file, k, 0, &p, &d), 0);

	assert_string_equal(json_object_get_string(get(root, "kernel")),
			    eas_kernel_name(k));
	assert_int_equal(json_object_get_boolean(get(root, "eas_possible")),
			 p.pf.eas_possible);
	if (p.pf.eas_possible)
		assert_true(json_object_is_type(get(root, "eas_reason"),
						json_type_null));
	else
		assert_string_equal(
			json_object_get_string(get(root, "eas_reason")),
			eas_off_reason_name(p.pf.eas_reason));
	cpus = get(root, "cpus");
	assert_int_equal(json_object_array_length(cpus), p.pf.nr_cpus);
	for (uint32_t c = 0; c < p.pf.nr_cpus; c++) {
		struct json_object *o = json_object_array_get_idx(cpus, c);

		assert_int_equal(json_object_get_int64(get(o, "cpu")), c);
		assert_int_equal(json_object_get_int64(get(o, "capacity")),
				 p.pf.cpus[c].capacity);
		assert_int_equal(json_object_get_int64(get(o, "perf_domain")),
				 p.pf.cpus[c].pd);
	}
	pds = get(root, "perf_domains");
	assert_int_equal(json_object_array_length(pds), p.pf.nr_pds);
	for (uint32_t i = 0; i < p.pf.nr_pds; i++) {
		struct json_object *o = json_object_array_get_idx(pds, i);
		struct json_object *st = get(o, "states"), *jc = get(o, "cpus");
		const struct eas_perf_domain *pd = &p.pf.pds[i];

		assert_int_equal(json_object_get_int64(get(o, "id")), i);
		assert_int_equal(json_object_array_length(jc), pd->nr_cpus);
		for (uint32_t c = 0; c < pd->nr_cpus; c++)
			assert_int_equal(
				json_object_get_int64(
					json_object_array_get_idx(jc, c)),
				pd->cpus[c]);
		assert_int_equal(json_object_array_length(st),
				 pd->nr_perf_states);
		for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
			struct json_object *so =
				json_object_array_get_idx(st, s);
			const struct eas_perf_state *ps = &pd->table[s];

			assert_int_equal(json_object_object_length(so),
					 v619 ? 6 : 4);
			assert_int_equal(
				json_object_get_int64(get(so, "frequency_khz")),
				ps->frequency);
			assert_int_equal(
				json_object_get_int64(get(so, "power")),
				ps->power);
			assert_string_equal(
				json_object_get_string(get(so, "power_unit")),
				v619 ? "uW" : "mW");
			assert_int_equal(json_object_get_int64(get(so, "cost")),
					 ps->cost);
			if (v619) {
				assert_int_equal(json_object_get_int64(get(
							 so, "performance")),
						 ps->performance);
				assert_int_equal(
					json_object_get_boolean(
						get(so, "inefficient")),
					!!(ps->flags &
					   EAS_PERF_STATE_INEFFICIENT));
			}
		}
	}
	eas_json_platform_free(&p);
	json_object_put(root);
	free(out);
}

static void test_em_json(void **state)
{
	(void)state;
	assert_int_equal(access(EAS_BIN, X_OK), 0);
	for (size_t i = 0; i < sizeof(golden) / sizeof(golden[0]); i++) {
		check_em_json(golden[i].file, EAS_KERNEL_V5_4);
		check_em_json(golden[i].file, EAS_KERNEL_V6_19);
	}
	check_em_json("synthetic-tri-cluster.json", EAS_KERNEL_V6_19);
}

static void test_em_errors(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(access(EAS_BIN, X_OK), 0);
	/* bad input: exit 1, the message names file:line:col and the path */
	assert_int_equal(
		run("'" EAS_BIN "' em '" DIR_EX "sdm845.json' 2>&1", &out), 1);
	assert_non_null(strstr(out, "eas: "));
	assert_non_null(strstr(out, "sdm845.json:26:9: "
				    "/perf_domains/0/opps/0: "));
	free(out);
	/* usage errors: exit 2 */
	assert_int_equal(run("'" EAS_BIN "' em 2>&1", &out), 2);
	free(out);
	assert_int_equal(run("'" EAS_BIN "' em '" DIR_EX
			     "hikey960.json' --kernel v3.1 2>&1",
			     &out),
			 2);
	free(out);
	assert_int_equal(run("'" EAS_BIN "' em '" DIR_EX
			     "hikey960.json' --bogus 2>&1",
			     &out),
			 2);
	free(out);
	/* missing file: bad input */
	assert_int_equal(run("'" EAS_BIN "' em /nonexistent.json 2>&1", &out),
			 1);
	free(out);
	/* --help: 0 and a usage text */
	assert_int_equal(run("'" EAS_BIN "' em --help", &out), 0);
	assert_non_null(strstr(out, "usage: eas em PLATFORM"));
	free(out);
	/* the table form mentions the reason EAS is off */
	assert_int_equal(
		run("'" EAS_BIN "' em '" DIR_EX "hikey620.json'", &out), 0);
	assert_non_null(strstr(out, "energy-aware scheduling off (symmetric)"));
	free(out);
	/* v5.4.y's scaled cost: 1844000 * (28 * 1000) / 533000 = 96870 */
	assert_int_equal(run("'" EAS_BIN "' em '" DIR_EX "hikey960.json' "
			     "--kernel v5.4 --em-scale-power --json",
			     &out),
			 0);
	assert_non_null(strstr(out, "\"power\":28,\"power_unit\":\"mW\","
				    "\"cost\":96870}"));
	free(out);
	assert_int_equal(run("'" EAS_BIN "' em '" DIR_EX "hikey960.json' "
			     "--kernel v5.4 --json",
			     &out),
			 0);
	assert_non_null(strstr(out, "\"power\":28,\"power_unit\":\"mW\","
				    "\"cost\":96}"));
	free(out);
	assert_int_equal(run("'" EAS_BIN "' em '" DIR_EX "hikey960.json' "
			     "--em-scale-power 2>&1",
			     &out),
			 2);
	free(out);
	/* default flavour is v6.19 */
	assert_int_equal(
		run("'" EAS_BIN "' em '" DIR_EX "rk3399.json' --json", &out),
		0);
	assert_non_null(strstr(out, "\"kernel\":\"v6.19\""));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_golden_v619),
		cmocka_unit_test(test_golden_v71),
		cmocka_unit_test(test_golden_v54),
		cmocka_unit_test(test_golden_v54_scale_power),
		cmocka_unit_test(test_rk3399_inefficient),
		cmocka_unit_test(test_juno_numbering),
		cmocka_unit_test(test_hikey960_idle),
		cmocka_unit_test(test_sdm845_fails),
		cmocka_unit_test(test_synthetic),
		cmocka_unit_test(test_all_files_covered),
		cmocka_unit_test(test_em_json),
		cmocka_unit_test(test_em_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
