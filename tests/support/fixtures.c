/* SPDX-License-Identifier: MIT */
/* Platform fixtures for the tests: see fixtures.h. */
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/error.h>

/* ---- build helpers ---------------------------------------------------- */

/* The platform struct first, then its memory (8-byte aligned). */
struct fix_block {
	struct eas_platform pf;
	uint64_t mem[];
};

struct eas_platform *fix_try_build(const struct eas_platform_desc *desc,
				   enum eas_kernel k, uint32_t opts, int *err,
				   struct eas_build_error *where)
{
	size_t size = eas_platform_size(desc);
	struct fix_block *b;
	int e;

	b = malloc(sizeof(*b) + size + 8u);
	if (!b) {
		fprintf(stderr, "fixtures: out of memory\n");
		abort();
	}
	e = eas_platform_build(&b->pf, b->mem, size, desc, k, opts, where);
	if (err)
		*err = e;
	if (e) {
		free(b);
		return NULL;
	}
	return &b->pf;
}

struct eas_platform *fix_build(const struct eas_platform_desc *desc,
			       enum eas_kernel k, uint32_t opts)
{
	struct eas_build_error w;
	struct eas_platform *pf;
	int err;

	pf = fix_try_build(desc, k, opts, &err, &w);
	if (!pf) {
		fprintf(stderr,
			"fixtures: eas_platform_build(%s) failed: %s (%s) "
			"cpu %d pd %d state %d level %d span %d\n",
			eas_kernel_name(k), eas_err_name(err),
			eas_strerror(err), w.cpu, w.pd, w.state, w.level,
			w.span);
		abort();
	}
	return pf;
}

void fix_free(struct eas_platform *pf)
{
	/* pf is the first member of its block */
	free(pf);
}

/* ---- 2x2: sched-energy.rst example 2 (kernel-eas.md §7.1) ------------- */

static const struct eas_cpu_desc cpus_2x2[] = {
	{ .capacity = 512 },
	{ .capacity = 512 },
	{ .capacity = 1024 },
	{ .capacity = 1024 },
};
static const uint32_t little_2x2[] = { 0, 1 };
static const uint32_t big_2x2[] = { 2, 3 };
static const struct eas_state_desc little_states_2x2[] = {
	{ .frequency_khz = 170, .power_mw = 50 },
	{ .frequency_khz = 341, .power_mw = 150 },
	{ .frequency_khz = 512, .power_mw = 300 },
};
static const struct eas_state_desc big_states_2x2[] = {
	{ .frequency_khz = 512, .power_mw = 400 },
	{ .frequency_khz = 768, .power_mw = 800 },
	{ .frequency_khz = 1024, .power_mw = 1700 },
};
static const struct eas_pd_desc pds_2x2[] = {
	{ .nr_cpus = 2,
	  .cpus = little_2x2,
	  .nr_states = 3,
	  .states = little_states_2x2 },
	{ .nr_cpus = 2,
	  .cpus = big_2x2,
	  .nr_states = 3,
	  .states = big_states_2x2 },
};
static const struct eas_platform_desc desc_2x2 = {
	.nr_cpus = 4,
	.cpus = cpus_2x2,
	.nr_pds = 2,
	.pds = pds_2x2,
};

const struct eas_platform_desc *fix_desc_2x2(void)
{
	return &desc_2x2;
}

struct eas_platform *fix_2x2(enum eas_kernel k, uint32_t opts)
{
	return fix_build(&desc_2x2, k, opts);
}

/* ---- HiKey960 (hi3660-hikey960.json, upstream DT) --------------------- */

static const struct eas_cpu_desc cpus_hikey960[] = {
	{ .capacity_dmips_mhz = 592 },	{ .capacity_dmips_mhz = 592 },
	{ .capacity_dmips_mhz = 592 },	{ .capacity_dmips_mhz = 592 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 1024 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 1024 },
};
static const uint32_t little_hikey960[] = { 0, 1, 2, 3 };
static const uint32_t big_hikey960[] = { 4, 5, 6, 7 };
static const struct eas_opp_desc little_opps_hikey960[] = {
	{ .hz = 533000000, .microvolt = 700000 },
	{ .hz = 999000000, .microvolt = 800000 },
	{ .hz = 1402000000, .microvolt = 900000 },
	{ .hz = 1709000000, .microvolt = 1000000 },
	{ .hz = 1844000000, .microvolt = 1100000 },
};
static const struct eas_opp_desc big_opps_hikey960[] = {
	{ .hz = 903000000, .microvolt = 700000 },
	{ .hz = 1421000000, .microvolt = 800000 },
	{ .hz = 1805000000, .microvolt = 900000 },
	{ .hz = 2112000000, .microvolt = 1000000 },
	{ .hz = 2362000000, .microvolt = 1100000 },
};
static const struct eas_pd_desc pds_hikey960[] = {
	{ .nr_cpus = 4,
	  .cpus = little_hikey960,
	  .dynamic_power_coefficient = 110,
	  .nr_opps = 5,
	  .opps = little_opps_hikey960 },
	{ .nr_cpus = 4,
	  .cpus = big_hikey960,
	  .dynamic_power_coefficient = 550,
	  .nr_opps = 5,
	  .opps = big_opps_hikey960 },
};
static const struct eas_platform_desc desc_hikey960 = {
	.nr_cpus = 8,
	.cpus = cpus_hikey960,
	.nr_pds = 2,
	.pds = pds_hikey960,
};

const struct eas_platform_desc *fix_desc_hikey960(void)
{
	return &desc_hikey960;
}

struct eas_platform *fix_hikey960(enum eas_kernel k, uint32_t opts)
{
	return fix_build(&desc_hikey960, k, opts);
}

/* ---- RK3399 (rk3399.json) -------------------------------------------- */

static const struct eas_cpu_desc cpus_rk3399[] = {
	{ .capacity_dmips_mhz = 485 },	{ .capacity_dmips_mhz = 485 },
	{ .capacity_dmips_mhz = 485 },	{ .capacity_dmips_mhz = 485 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 1024 },
};
static const uint32_t little_rk3399[] = { 0, 1, 2, 3 };
static const uint32_t big_rk3399[] = { 4, 5 };
static const struct eas_opp_desc little_opps_rk3399[] = {
	{ .hz = 408000000, .microvolt = 825000 },
	{ .hz = 600000000, .microvolt = 825000 },
	{ .hz = 816000000, .microvolt = 850000 },
	{ .hz = 1008000000, .microvolt = 925000 },
	{ .hz = 1200000000, .microvolt = 1000000 },
	{ .hz = 1416000000, .microvolt = 1125000 },
};
static const struct eas_opp_desc big_opps_rk3399[] = {
	{ .hz = 408000000, .microvolt = 825000 },
	{ .hz = 600000000, .microvolt = 825000 },
	{ .hz = 816000000, .microvolt = 825000 },
	{ .hz = 1008000000, .microvolt = 875000 },
	{ .hz = 1200000000, .microvolt = 950000 },
	{ .hz = 1416000000, .microvolt = 1025000 },
	{ .hz = 1608000000, .microvolt = 1100000 },
	{ .hz = 1800000000, .microvolt = 1200000 },
};
static const struct eas_pd_desc pds_rk3399[] = {
	{ .nr_cpus = 4,
	  .cpus = little_rk3399,
	  .dynamic_power_coefficient = 100,
	  .nr_opps = 6,
	  .opps = little_opps_rk3399 },
	{ .nr_cpus = 2,
	  .cpus = big_rk3399,
	  .dynamic_power_coefficient = 436,
	  .nr_opps = 8,
	  .opps = big_opps_rk3399 },
};
static const struct eas_platform_desc desc_rk3399 = {
	.nr_cpus = 6,
	.cpus = cpus_rk3399,
	.nr_pds = 2,
	.pds = pds_rk3399,
};

const struct eas_platform_desc *fix_desc_rk3399(void)
{
	return &desc_rk3399;
}

struct eas_platform *fix_rk3399(enum eas_kernel k, uint32_t opts)
{
	return fix_build(&desc_rk3399, k, opts);
}

/* ---- Juno r0 (juno-r0.json), Linux logical CPU numbers ---------------- */

static const struct eas_cpu_desc cpus_juno[] = {
	{ .capacity_dmips_mhz = 578 },	{ .capacity_dmips_mhz = 1024 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 578 },
	{ .capacity_dmips_mhz = 578 },	{ .capacity_dmips_mhz = 578 },
};
static const uint32_t little_juno[] = { 0, 3, 4, 5 };
static const uint32_t big_juno[] = { 1, 2 };
static const struct eas_opp_desc little_opps_juno[] = {
	{ .hz = 450000000, .microvolt = 820000 },
	{ .hz = 575000000, .microvolt = 850000 },
	{ .hz = 700000000, .microvolt = 900000 },
	{ .hz = 775000000, .microvolt = 950000 },
	{ .hz = 850000000, .microvolt = 1000000 },
};
static const struct eas_opp_desc big_opps_juno[] = {
	{ .hz = 450000000, .microvolt = 820000 },
	{ .hz = 625000000, .microvolt = 850000 },
	{ .hz = 800000000, .microvolt = 900000 },
	{ .hz = 950000000, .microvolt = 950000 },
	{ .hz = 1100000000, .microvolt = 1000000 },
};
static const struct eas_pd_desc pds_juno[] = {
	{ .nr_cpus = 4,
	  .cpus = little_juno,
	  .dynamic_power_coefficient = 140,
	  .nr_opps = 5,
	  .opps = little_opps_juno },
	{ .nr_cpus = 2,
	  .cpus = big_juno,
	  .dynamic_power_coefficient = 530,
	  .nr_opps = 5,
	  .opps = big_opps_juno },
};
static const struct eas_platform_desc desc_juno = {
	.nr_cpus = 6,
	.cpus = cpus_juno,
	.nr_pds = 2,
	.pds = pds_juno,
};

const struct eas_platform_desc *fix_desc_juno_r0(void)
{
	return &desc_juno;
}

struct eas_platform *fix_juno_r0(enum eas_kernel k, uint32_t opts)
{
	return fix_build(&desc_juno, k, opts);
}

/* ---- HiKey (hi6220-hikey620.json): 8 x A53, no capacity-dmips-mhz ----- */

static const struct eas_cpu_desc cpus_hikey620[] = {
	{ 0 }, { 0 }, { 0 }, { 0 }, { 0 }, { 0 }, { 0 }, { 0 },
};
static const uint32_t all8[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
static const uint32_t quads[] = { 4, 4 };
static const struct eas_opp_desc opps_hikey620[] = {
	{ .hz = 208000000, .microvolt = 1040000 },
	{ .hz = 432000000, .microvolt = 1040000 },
	{ .hz = 729000000, .microvolt = 1090000 },
	{ .hz = 960000000, .microvolt = 1180000 },
	{ .hz = 1200000000, .microvolt = 1330000 },
};
static const struct eas_pd_desc pds_hikey620[] = {
	{ .nr_cpus = 8,
	  .cpus = all8,
	  .dynamic_power_coefficient = 311,
	  .nr_opps = 5,
	  .opps = opps_hikey620 },
};
static const struct eas_platform_desc desc_hikey620 = {
	.nr_cpus = 8,
	.cpus = cpus_hikey620,
	.nr_pds = 1,
	.pds = pds_hikey620,
	.nr_clusters = 2,
	.cluster_len = quads,
	.cluster_cpus = all8,
};

const struct eas_platform_desc *fix_desc_hikey620(void)
{
	return &desc_hikey620;
}

struct eas_platform *fix_hikey620(enum eas_kernel k, uint32_t opts)
{
	return fix_build(&desc_hikey620, k, opts);
}

/* ---- SDM845 (sdm845.json): OPPs without voltages, one 8-CPU cluster --- */

static const struct eas_cpu_desc cpus_sdm845[] = {
	{ .capacity_dmips_mhz = 611 },	{ .capacity_dmips_mhz = 611 },
	{ .capacity_dmips_mhz = 611 },	{ .capacity_dmips_mhz = 611 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 1024 },
	{ .capacity_dmips_mhz = 1024 }, { .capacity_dmips_mhz = 1024 },
};
static const uint32_t one8[] = { 8 };

static const struct eas_opp_desc opps0_sdm845[] = {
	{ .hz = 300000000 },  { .hz = 403200000 },  { .hz = 480000000 },
	{ .hz = 576000000 },  { .hz = 652800000 },  { .hz = 748800000 },
	{ .hz = 825600000 },  { .hz = 902400000 },  { .hz = 979200000 },
	{ .hz = 1056000000 }, { .hz = 1132800000 }, { .hz = 1228800000 },
	{ .hz = 1324800000 }, { .hz = 1420800000 }, { .hz = 1516800000 },
	{ .hz = 1612800000 }, { .hz = 1689600000 }, { .hz = 1766400000 },
};
static const struct eas_opp_desc opps1_sdm845[] = {
	{ .hz = 300000000 },  { .hz = 403200000 },  { .hz = 480000000 },
	{ .hz = 576000000 },  { .hz = 652800000 },  { .hz = 748800000 },
	{ .hz = 825600000 },  { .hz = 902400000 },  { .hz = 979200000 },
	{ .hz = 1056000000 }, { .hz = 1132800000 }, { .hz = 1209600000 },
	{ .hz = 1286400000 }, { .hz = 1363200000 }, { .hz = 1459200000 },
	{ .hz = 1536000000 }, { .hz = 1612800000 }, { .hz = 1689600000 },
	{ .hz = 1766400000 }, { .hz = 1843200000 }, { .hz = 1920000000 },
	{ .hz = 1996800000 }, { .hz = 2092800000 }, { .hz = 2169600000 },
	{ .hz = 2246400000 }, { .hz = 2323200000 }, { .hz = 2400000000 },
	{ .hz = 2476800000 }, { .hz = 2553600000 }, { .hz = 2649600000 },
	{ .hz = 2745600000 }, { .hz = 2803200000 },
};
static const struct eas_pd_desc pds_sdm845[] = {
	{ .nr_cpus = 4,
	  .cpus = &all8[0],
	  .dynamic_power_coefficient = 154,
	  .nr_opps = 18,
	  .opps = opps0_sdm845 },
	{ .nr_cpus = 4,
	  .cpus = &all8[4],
	  .dynamic_power_coefficient = 442,
	  .nr_opps = 32,
	  .opps = opps1_sdm845 },
};
static const struct eas_platform_desc desc_sdm845 = {
	.nr_cpus = 8,
	.cpus = cpus_sdm845,
	.nr_pds = 2,
	.pds = pds_sdm845,
	.nr_clusters = 1,
	.cluster_len = one8,
	.cluster_cpus = all8,
};

const struct eas_platform_desc *fix_desc_sdm845(void)
{
	return &desc_sdm845;
}

/* ---- PRNG ------------------------------------------------------------- */

uint64_t fix_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t fix_rand_range(uint64_t *state, uint64_t lo, uint64_t hi)
{
	uint64_t span = hi - lo + 1u;

	if (!span) /* full 64-bit range */
		return fix_rand(state);
	return lo + fix_rand(state) % span;
}

/* ---- generator -------------------------------------------------------- */

struct fix_gen {
	struct eas_platform_desc desc;
	struct eas_cpu_desc *cpus;
	struct eas_pd_desc *pds;
	uint32_t *pd_cpus;
	struct eas_opp_desc *opps;
	struct eas_state_desc *states;
};

static void *xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1u, sz);

	if (!p) {
		fprintf(stderr, "fixtures: out of memory\n");
		abort();
	}
	return p;
}

struct fix_gen *fix_gen_new(const struct fix_gen_params *p)
{
	uint32_t n = p->nr_cpus, np = p->nr_pds, ns = p->nr_states;
	uint64_t rs = p->seed ? p->seed : 1u;
	struct fix_gen *g;
	uint32_t d, i, start = 0;

	if (!n || !np || np > n || !ns) {
		fprintf(stderr, "fixtures: bad generator parameters\n");
		abort();
	}
	g = xcalloc(1, sizeof(*g));
	g->cpus = xcalloc(n, sizeof(*g->cpus));
	g->pds = xcalloc(np, sizeof(*g->pds));
	g->pd_cpus = xcalloc(n, sizeof(*g->pd_cpus));
	g->opps = xcalloc((size_t)np * ns, sizeof(*g->opps));
	g->states = xcalloc((size_t)np * ns, sizeof(*g->states));

	for (d = 0; d < np; d++) {
		struct eas_pd_desc *pd = &g->pds[d];
		uint32_t cnt = n / np + (d < n % np ? 1u : 0u);
		bool last = d == np - 1u;
		uint32_t cap = (p->flags & FIX_GEN_SYMMETRIC) || last ?
				       1024u :
				       (uint32_t)fix_rand_range(&rs, 64, 1024);
		uint32_t dmips =
			(p->flags & FIX_GEN_SYMMETRIC) || last ?
				1024u :
				(uint32_t)fix_rand_range(&rs, 200, 1024);
		uint64_t f0 = fix_rand_range(&rs, 300000, 600000);
		uint64_t stepmax = (3900000u - f0) / ns;
		uint64_t pmax = fix_rand_range(&rs, 100000, 6000000);
		uint64_t f = f0, uv = 700000, freqs_last;
		uint64_t *freqs = xcalloc(ns, sizeof(*freqs));

		if (stepmax > 300000u)
			stepmax = 300000u;
		if (stepmax < 1000u)
			stepmax = 1000u;
		pd->nr_cpus = cnt;
		pd->cpus = &g->pd_cpus[start];
		pd->no_skip_inefficiencies = (p->flags & FIX_GEN_NO_SKIP) != 0;
		for (i = 0; i < cnt; i++) {
			struct eas_cpu_desc *c = &g->cpus[start + i];

			g->pd_cpus[start + i] = start + i;
			c->smt = (p->flags & FIX_GEN_SMT) ?
					 (int32_t)(start + i / 2u + 1u) :
					 0;
			if (p->flags & FIX_GEN_DMIPS)
				c->capacity_dmips_mhz = dmips;
			else
				c->capacity = cap;
		}
		if (p->flags & FIX_GEN_SHUFFLE) {
			for (i = cnt; i > 1; i--) {
				uint32_t j = (uint32_t)fix_rand_range(&rs, 0,
								      i - 1u);
				uint32_t t = g->pd_cpus[start + i - 1u];

				g->pd_cpus[start + i - 1u] =
					g->pd_cpus[start + j];
				g->pd_cpus[start + j] = t;
			}
		}
		for (i = 0; i < ns; i++) {
			freqs[i] = f;
			f += fix_rand_range(&rs, stepmax / 4u + 1u, stepmax);
		}
		freqs_last = freqs[ns - 1u];
		if (p->flags & FIX_GEN_DMIPS) {
			struct eas_opp_desc *o = &g->opps[(size_t)d * ns];

			pd->dynamic_power_coefficient =
				(uint32_t)fix_rand_range(&rs, 100, 600);
			pd->nr_opps = ns;
			pd->opps = o;
			for (i = 0; i < ns; i++) {
				o[i].hz = freqs[i] * 1000u;
				o[i].microvolt = uv;
				uv += 25000u * fix_rand_range(&rs, 0, 2);
				if (uv > 1200000u)
					uv = 1200000u;
			}
		} else {
			struct eas_state_desc *s = &g->states[(size_t)d * ns];

			pd->nr_states = ns;
			pd->states = s;
			for (i = 0; i < ns; i++) {
				uint64_t r = freqs[i] * 1000u / freqs_last;
				uint64_t pw = 1000u + pmax * r * r / 1000000u;

				/* +-8% noise: some states become inefficient */
				pw = pw * fix_rand_range(&rs, 92, 108) / 100u;
				if (pw < 1000u)
					pw = 1000u;
				s[i].frequency_khz = freqs[i];
				s[i].power_uw = pw;
			}
		}
		free(freqs);
		start += cnt;
	}
	g->desc.nr_cpus = n;
	g->desc.cpus = g->cpus;
	g->desc.nr_pds = np;
	g->desc.pds = g->pds;
	return g;
}

const struct eas_platform_desc *fix_gen_desc(const struct fix_gen *g)
{
	return &g->desc;
}

void fix_gen_free(struct fix_gen *g)
{
	if (!g)
		return;
	free(g->cpus);
	free(g->pds);
	free(g->pd_cpus);
	free(g->opps);
	free(g->states);
	free(g);
}

struct eas_platform *fix_generated(const struct fix_gen_params *p,
				   enum eas_kernel k, uint32_t opts)
{
	struct fix_gen *g = fix_gen_new(p);
	struct eas_platform *pf = fix_build(fix_gen_desc(g), k, opts);

	fix_gen_free(g);
	return pf;
}
