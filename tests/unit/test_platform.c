/* SPDX-License-Identifier: MIT */
/*
 * Platform build: capacities (golden + oracle), EM registration through
 * the description, topology flags per flavour, EAS enablement, every
 * validation error, memory sizing and big / random platforms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/platform.h>

#include "fixtures.h"
#include "ref_em.h"

#define V54 EAS_KERNEL_V5_4
#define V619 EAS_KERNEL_V6_19

#define BASE54                                                                 \
	(EAS_SD_LOAD_BALANCE | EAS_SD_BALANCE_NEWIDLE | EAS_SD_BALANCE_EXEC |  \
	 EAS_SD_BALANCE_FORK | EAS_SD_WAKE_AFFINE)
#define BASE619                                                                \
	(EAS_SD_BALANCE_NEWIDLE | EAS_SD_BALANCE_EXEC | EAS_SD_BALANCE_FORK |  \
	 EAS_SD_WAKE_AFFINE)
#define PS EAS_SD_PREFER_SIBLING
#define ASYM EAS_SD_ASYM_CPUCAPACITY
#define FULL EAS_SD_ASYM_CPUCAPACITY_FULL
#define LLC EAS_SD_SHARE_LLC
#define WAKE EAS_SD_BALANCE_WAKE

/* ---- helpers ---------------------------------------------------------- */

/* Build, expecting an error; checks *pf is zeroed and returns *where. */
static struct eas_build_error expect_fail(const struct eas_platform_desc *d,
					  enum eas_kernel k, int err)
{
	static const struct eas_platform zero;
	struct eas_build_error w;
	struct eas_platform pf;
	size_t size = eas_platform_size(d);
	uint64_t *mem = calloc(size / 8u + 1u, 8u);
	int e;

	assert_non_null(mem);
	memset(&pf, 0x5a, sizeof(pf));
	e = eas_platform_build(&pf, mem, size, d, k, 0, &w);
	assert_string_equal(eas_err_name(e), eas_err_name(err));
	assert_int_equal(w.err, err);
	assert_memory_equal(&pf, &zero, sizeof(pf));
	free(mem);
	return w;
}

/* Checks that hold for every built platform. */
static void check_invariants(const struct eas_platform *pf)
{
	uint32_t i, p, l, s, k;
	uint32_t prev_first = ~0u;

	for (p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];

		assert_int_equal(pd->id, p);
		for (i = 0; i < pd->nr_cpus; i++) {
			assert_int_equal(pf->cpus[pd->cpus[i]].pd, p);
			assert_int_equal(pf->cpus[pd->cpus[i]].capacity,
					 pd->capacity);
			if (i)
				assert_true(pd->cpus[i] > pd->cpus[i - 1]);
		}
		assert_true(pd->capacity <= pf->max_cpu_capacity);
	}
	/* pd_order: a permutation, descending first CPU */
	for (p = 0; p < pf->nr_pds; p++) {
		uint32_t first = pf->pds[pf->pd_order[p]].cpus[0];

		assert_true(first < prev_first);
		prev_first = first;
	}
	for (l = 0; l < pf->nr_levels; l++) {
		const struct eas_sd_level *lv = &pf->levels[l];

		assert_int_equal(lv->span_start[0], 0);
		assert_int_equal(lv->span_start[lv->nr_spans], pf->nr_cpus);
		for (s = 0; s < lv->nr_spans; s++) {
			assert_true(lv->span_start[s + 1] > lv->span_start[s]);
			for (k = lv->span_start[s]; k < lv->span_start[s + 1];
			     k++) {
				assert_int_equal(lv->cpu_span[lv->span_cpus[k]],
						 s);
				if (k > lv->span_start[s])
					assert_true(lv->span_cpus[k] >
						    lv->span_cpus[k - 1]);
			}
		}
		/* kept levels are never degenerate for every CPU */
		if (l)
			assert_true(lv->nr_spans < pf->levels[l - 1].nr_spans);
		else
			assert_true(lv->nr_spans < pf->nr_cpus);
	}
	for (i = 0; i < pf->nr_cpus; i++) {
		uint32_t prev_w = 1, nr;
		int32_t d;

		for (d = eas_sd_lowest(pf, i); d >= 0;
		     d = eas_sd_parent(pf, i, d)) {
			const uint32_t *span =
				eas_sd_span(pf, (uint32_t)d, i, &nr);

			assert_true(nr > prev_w);
			assert_true(eas_sd_contains(pf, (uint32_t)d, i, i));
			assert_true(span[0] <= i);
			prev_w = nr;
		}
		if (pf->cpus[i].sd_llc >= 0) {
			assert_true(eas_sd_flags(pf,
						 (uint32_t)pf->cpus[i].sd_llc,
						 i) &
				    LLC);
			eas_sd_span(pf, (uint32_t)pf->cpus[i].sd_llc, i, &nr);
			assert_int_equal(pf->cpus[i].sd_llc_size, nr);
		} else {
			assert_int_equal(pf->cpus[i].sd_llc_size, 1);
			assert_int_equal(pf->cpus[i].sd_llc_id, i);
		}
	}
}

/* ---- capacities ------------------------------------------------------- */

static void test_capacity_golden(void **state)
{
	uint32_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct eas_platform *h = fix_hikey960((enum eas_kernel)k, 0);
		struct eas_platform *r = fix_rk3399((enum eas_kernel)k, 0);
		struct eas_platform *j = fix_juno_r0((enum eas_kernel)k, 0);
		uint32_t i;

		for (i = 0; i < 8; i++)
			assert_int_equal(h->cpus[i].capacity,
					 i < 4 ? 462 : 1024);
		assert_int_equal(h->cpus[0].capacity_freq_ref_khz, 1844000);
		assert_int_equal(h->cpus[7].capacity_freq_ref_khz, 2362000);
		assert_int_equal(h->pds[0].max_freq_khz, 1844000);
		for (i = 0; i < 6; i++)
			assert_int_equal(r->cpus[i].capacity,
					 i < 4 ? 381 : 1024);
		/* Juno: Linux CPUs 1,2 are the A57s */
		for (i = 0; i < 6; i++)
			assert_int_equal(j->cpus[i].capacity,
					 (i == 1 || i == 2) ? 1024 : 446);
		assert_int_equal(h->max_cpu_capacity, 1024);
		check_invariants(h);
		check_invariants(r);
		check_invariants(j);
		fix_free(h);
		fix_free(r);
		fix_free(j);
	}
}

/* n CPUs, one states-style PD each, dmips and fmax as given. */
struct cap_desc {
	struct eas_platform_desc d;
	struct eas_cpu_desc cpus[16];
	struct eas_pd_desc pds[16];
	uint32_t ids[16];
	struct eas_state_desc st[16][2];
};

static void make_cap_desc(struct cap_desc *c, uint32_t n, const uint32_t *dmips,
			  const uint64_t *fmax)
{
	uint32_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++) {
		c->cpus[i].capacity_dmips_mhz = dmips[i];
		c->ids[i] = i;
		c->st[i][0].frequency_khz = fmax[i] / 2;
		c->st[i][0].power_uw = 5000;
		c->st[i][1].frequency_khz = fmax[i];
		c->st[i][1].power_uw = 9000;
		c->pds[i].nr_cpus = 1;
		c->pds[i].cpus = &c->ids[i];
		c->pds[i].nr_states = 2;
		c->pds[i].states = c->st[i];
	}
	c->d.nr_cpus = n;
	c->d.cpus = c->cpus;
	c->d.nr_pds = n;
	c->d.pds = c->pds;
}

/* v5.4's u32 raw_capacity << 10 wraps above 4.096 GHz at cpu_scale 1024 */
static void test_capacity_v54_u32_wrap(void **state)
{
	static const uint32_t dmips[2] = { 1024, 1024 };
	static const uint64_t fmax[2] = { 4200000, 2000000 };
	struct cap_desc c;
	struct eas_platform *a, *b;
	uint64_t ref[2];

	(void)state;
	make_cap_desc(&c, 2, dmips, fmax);
	a = fix_build(&c.d, V54, 0);
	b = fix_build(&c.d, V619, 0);
	/* (u32)(4300800 << 10) = 109051904; / 4300800 = 25 */
	assert_int_equal(a->cpus[0].capacity, 25);
	assert_int_equal(a->cpus[1].capacity, 487);
	assert_int_equal(b->cpus[0].capacity, 1024);
	assert_int_equal(b->cpus[1].capacity, 487);
	ref_capacity_v54(2, dmips, fmax, ref);
	assert_int_equal(ref[0], 25);
	fix_free(a);
	fix_free(b);
}

static void test_capacity_oracle(void **state)
{
	uint64_t rs = 0xcafe;
	uint32_t iter;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		uint32_t n = (uint32_t)fix_rand_range(&rs, 1, 16), i, k;
		uint32_t dmips[16];
		uint64_t fmax[16], ref[16];
		struct cap_desc c;

		for (i = 0; i < n; i++) {
			dmips[i] = (uint32_t)fix_rand_range(&rs, 1, 1500);
			fmax[i] = fix_rand_range(&rs, 2, 5000000);
			if (iter % 7 == 0)
				fmax[i] = fix_rand_range(&rs, 2, 3000);
		}
		make_cap_desc(&c, n, dmips, fmax);
		for (k = 0; k < 2; k++) {
			struct eas_build_error w;
			struct eas_platform *pf;
			bool zero = false;
			int err;

			if (k == 0)
				ref_capacity_v54((int)n, dmips, fmax, ref);
			else
				ref_capacity_v619((int)n, dmips, fmax, ref);
			for (i = 0; i < n; i++)
				zero |= ref[i] == 0;
			pf = fix_try_build(&c.d, (enum eas_kernel)k, 0, &err,
					   &w);
			if (zero) {
				/* a capacity of 0 is rejected */
				assert_null(pf);
				assert_int_equal(err, EAS_ERANGE);
				assert_int_equal(ref[w.cpu], 0);
				continue;
			}
			if (!pf) {
				/* v6.19 perf 0 for the lowest state */
				assert_int_equal(k, 1);
				assert_int_equal(err, EAS_EPERF);
				continue;
			}
			for (i = 0; i < n; i++)
				assert_int_equal(pf->cpus[i].capacity, ref[i]);
			check_invariants(pf);
			fix_free(pf);
		}
	}
}

/* Turbo OPPs are in the EM but not in cpuinfo.max_freq. */
static void test_turbo(void **state)
{
	struct eas_platform_desc d = *fix_desc_hikey960();
	struct eas_pd_desc pds[2];
	struct eas_opp_desc opps[5];
	struct eas_platform *pf;

	(void)state;
	memcpy(pds, d.pds, sizeof(pds));
	memcpy(opps, pds[0].opps, sizeof(opps));
	opps[4].turbo = true;
	pds[0].opps = opps;
	d.pds = pds;
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->pds[0].max_freq_khz, 1709000);
	/* 592 * 1709000 * 1024 / (1024 * 2362000) */
	assert_int_equal(pf->cpus[0].capacity,
			 592ull * 1709000 * 1024 / (1024ull * 2362000));
	assert_int_equal(pf->cpus[0].capacity, 428);
	assert_int_equal(pf->pds[0].nr_perf_states, 5);
	/* perf uses fmax = the (turbo) last EM frequency */
	assert_int_equal(pf->pds[0].table[4].performance, 428);
	assert_int_equal(pf->pds[0].table[3].performance,
			 428ull * 1709000 / 1844000);
	fix_free(pf);
	pf = fix_build(&d, V54, 0);
	/* v5.4: cpu_scale 592; raw 592*1709 = 1011728; big 2418688 */
	assert_int_equal(pf->cpus[0].capacity, 1011728ull * 1024 / 2418688);
	fix_free(pf);
}

static void test_missing_dmips(void **state)
{
	struct eas_platform_desc d = *fix_desc_hikey960();
	struct eas_cpu_desc cpus[8];
	struct eas_platform *pf;
	uint32_t k, i;

	(void)state;
	memcpy(cpus, d.cpus, sizeof(cpus));
	cpus[5].capacity_dmips_mhz = 0;
	d.cpus = cpus;
	for (k = 0; k < 2; k++) {
		pf = fix_build(&d, (enum eas_kernel)k, 0);
		for (i = 0; i < 8; i++)
			assert_int_equal(pf->cpus[i].capacity, 1024);
		assert_false(pf->eas_possible);
		assert_int_equal(pf->eas_reason, EAS_OFF_SYMMETRIC);
		assert_int_equal(pf->cpus[0].sd_asym, -1);
		if (k == 1)
			assert_int_equal(pf->pds[0].table[4].performance, 1024);
		fix_free(pf);
	}
	/* capacity given directly next to dmips on other CPUs is fine */
	cpus[5].capacity = 1024;
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->cpus[0].capacity, 462);
	fix_free(pf);
}

/* ---- topology --------------------------------------------------------- */

static void test_topology_hikey960(void **state)
{
	uint32_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_hikey960((enum eas_kernel)k, 0);
		uint32_t i;

		assert_int_equal(pf->nr_levels, 2);
		assert_string_equal(pf->levels[0].name, "MC");
		assert_string_equal(pf->levels[1].name, k ? "PKG" : "DIE");
		if (k == 0) {
			/* MC: LLC, BALANCE_WAKE below the asym level, child
			 * of asym so no PREFER_SIBLING; DIE: asym */
			assert_int_equal(pf->levels[0].span_flags[0],
					 BASE54 | LLC | WAKE);
			assert_int_equal(pf->levels[1].span_flags[0],
					 BASE54 | PS | ASYM | WAKE);
			assert_int_equal(pf->levels[1].imbalance_pct, 125);
			assert_int_equal(pf->levels[0].busy_factor, 32);
		} else {
			assert_int_equal(pf->levels[0].span_flags[0],
					 BASE619 | LLC);
			assert_int_equal(pf->levels[0].span_flags[1],
					 BASE619 | LLC);
			assert_int_equal(pf->levels[1].span_flags[0],
					 BASE619 | PS | ASYM | FULL);
			assert_int_equal(pf->levels[1].imbalance_pct, 117);
			assert_int_equal(pf->levels[0].busy_factor, 16);
		}
		assert_int_equal(pf->levels[0].imbalance_pct, 117);
		assert_int_equal(pf->levels[0].cache_nice_tries, 1);
		assert_int_equal(pf->levels[1].cache_nice_tries, 1);
		for (i = 0; i < 8; i++) {
			assert_int_equal(pf->cpus[i].sd_llc, 0);
			assert_int_equal(pf->cpus[i].sd_llc_size, 4);
			assert_int_equal(pf->cpus[i].sd_llc_id, i < 4 ? 0 : 4);
			assert_int_equal(pf->cpus[i].sd_asym, 1);
			assert_int_equal(eas_sd_lowest(pf, i), 0);
			assert_int_equal(eas_sd_parent(pf, i, 0), 1);
			assert_int_equal(eas_sd_parent(pf, i, 1), -1);
		}
		assert_true(eas_cpus_share_cache(pf, 1, 3));
		assert_false(eas_cpus_share_cache(pf, 3, 4));
		assert_int_equal(pf->pd_order[0], 1);
		assert_int_equal(pf->pd_order[1], 0);
		assert_true(pf->eas_possible);
		assert_int_equal(pf->eas_reason, EAS_ON);
		assert_int_equal(pf->nr_perf_states, 10);
		check_invariants(pf);
		fix_free(pf);
	}
}

/* 8 CPUs, two capacities, one cluster (SDM845-like): asym at MC, PKG
 * degenerate and dropped. */
static void test_topology_single_cluster(void **state)
{
	static const uint32_t cl_len[1] = { 8 };
	static const uint32_t cl[8] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	struct eas_platform_desc d = *fix_desc_hikey960();
	uint32_t k, i;

	(void)state;
	d.nr_clusters = 1;
	d.cluster_len = cl_len;
	d.cluster_cpus = cl;
	for (k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_build(&d, (enum eas_kernel)k, 0);

		assert_int_equal(pf->nr_levels, 1);
		assert_string_equal(pf->levels[0].name, "MC");
		assert_int_equal(pf->levels[0].span_flags[0],
				 k ? BASE619 | LLC | PS | ASYM | FULL :
				     BASE54 | LLC | PS | ASYM | WAKE);
		for (i = 0; i < 8; i++) {
			assert_int_equal(pf->cpus[i].sd_llc, 0);
			assert_int_equal(pf->cpus[i].sd_llc_size, 8);
			assert_int_equal(pf->cpus[i].sd_asym, 0);
			assert_int_equal(eas_sd_parent(pf, i, 0), -1);
		}
		assert_true(pf->eas_possible);
		check_invariants(pf);
		fix_free(pf);
	}
}

/* HiKey620-like: 8 equal CPUs, one perf domain. */
static void test_topology_symmetric(void **state)
{
	struct fix_gen_params gp = { .nr_cpus = 8,
				     .nr_pds = 1,
				     .nr_states = 5,
				     .seed = 620,
				     .flags = FIX_GEN_DMIPS };
	uint32_t k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct eas_platform *pf =
			fix_generated(&gp, (enum eas_kernel)k, 0);

		assert_false(pf->eas_possible);
		assert_int_equal(pf->eas_reason, EAS_OFF_SYMMETRIC);
		assert_string_equal(eas_off_reason_name(pf->eas_reason),
				    "symmetric");
		assert_int_equal(pf->nr_levels, 1);
		assert_int_equal(pf->levels[0].span_flags[0],
				 (k ? BASE619 : BASE54) | LLC | PS);
		assert_int_equal(pf->cpus[3].sd_asym, -1);
		assert_int_equal(pf->cpus[3].sd_llc_size, 8);
		check_invariants(pf);
		fix_free(pf);
	}
}

/* Real DT data: HiKey hi6220 (symmetric) and SDM845 (no voltages). */
static void test_hikey620_sdm845(void **state)
{
	struct eas_platform_desc d = *fix_desc_sdm845();
	struct eas_pd_desc pds[2];
	struct eas_build_error w;
	uint32_t k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_hikey620((enum eas_kernel)k, 0);

		for (i = 0; i < 8; i++)
			assert_int_equal(pf->cpus[i].capacity, 1024);
		assert_int_equal(pf->eas_reason, EAS_OFF_SYMMETRIC);
		/* clusters {0-3},{4-7} under one perf domain */
		assert_int_equal(pf->nr_levels, 2);
		assert_int_equal(pf->levels[0].nr_spans, 2);
		assert_int_equal(pf->pds[0].nr_perf_states, 5);
		assert_int_equal(pf->cpus[5].sd_llc_size, 4);
		check_invariants(pf);
		fix_free(pf);

		w = expect_fail(&d, (enum eas_kernel)k, EAS_ENOVOLT);
		assert_int_equal(w.pd, 0);
		assert_int_equal(w.state, 0);
	}
	memcpy(pds, d.pds, sizeof(pds));
	pds[0].dynamic_power_coefficient = 0;
	pds[1].dynamic_power_coefficient = 0;
	d.pds = pds;
	for (k = 0; k < 2; k++) {
		struct eas_platform *pf = fix_build(&d, (enum eas_kernel)k, 0);

		/* 611 * 1766400 * 1024 / (1024 * 2803200) = 385 */
		assert_int_equal(pf->cpus[0].capacity, 385);
		assert_int_equal(pf->cpus[4].capacity, 1024);
		assert_int_equal(pf->nr_levels, 1);
		assert_int_equal(pf->cpus[0].sd_asym, 0);
		assert_int_equal(pf->eas_reason, EAS_OFF_NO_EM);
		assert_int_equal(pf->eas_reason_cpu, 0);
		fix_free(pf);
	}
}

static void test_topology_smt(void **state)
{
	static const struct eas_cpu_desc cpus[4] = {
		{ .capacity = 512, .smt = 1 },
		{ .capacity = 512, .smt = 1 },
		{ .capacity = 1024, .smt = 7 },
		{ .capacity = 1024, .smt = 7 },
	};
	struct eas_platform_desc d = *fix_desc_2x2();
	struct eas_platform *pf;

	(void)state;
	d.cpus = cpus;
	pf = fix_build(&d, V619, 0);
	/* SMT {0,1},{2,3}; MC == SMT dropped; PKG */
	assert_int_equal(pf->nr_levels, 2);
	assert_string_equal(pf->levels[0].name, "SMT");
	assert_string_equal(pf->levels[1].name, "PKG");
	assert_int_equal(pf->levels[0].imbalance_pct, 110);
	assert_int_equal(pf->levels[0].cache_nice_tries, 0);
	assert_int_equal(pf->levels[0].span_flags[0],
			 BASE619 | PS | LLC | EAS_SD_SHARE_CPUCAPACITY);
	assert_false(pf->eas_possible);
	assert_int_equal(pf->eas_reason, EAS_OFF_SMT);
	assert_string_equal(eas_off_reason_name(pf->eas_reason), "smt");
	assert_int_equal(pf->cpus[2].sd_llc, 0);
	assert_int_equal(pf->cpus[2].sd_llc_size, 2);
	check_invariants(pf);
	fix_free(pf);
	/* v5.4 does not refuse SMT */
	pf = fix_build(&d, V54, 0);
	assert_true(pf->eas_possible);
	assert_int_equal(pf->levels[0].span_flags[1],
			 BASE54 | PS | LLC | EAS_SD_SHARE_CPUCAPACITY | WAKE);
	assert_int_equal(pf->levels[1].span_flags[0],
			 BASE54 | PS | ASYM | WAKE);
	fix_free(pf);
}

/*
 * Zero means default: { .capacity = N } per CPU (smt 0) is "no SMT", so
 * the default levels are MC (one span per perf domain) and PKG, and v6.19
 * sched_is_eas_possible() is not turned off by SMT. Until smt 0 meant
 * "sibling group 0", every CPU was one SMT group and the build failed with
 * EAS_ETOPO. A negative smt is refused at its CPU. Likewise a zeroed
 * struct eas_pd_desc lets cpufreq skip inefficient states.
 */
static void test_zeroed_cpu_desc_is_default(void **state)
{
	static const struct eas_cpu_desc cpus[4] = {
		{ .capacity = 512 },
		{ .capacity = 512 },
		{ .capacity = 1024 },
		{ .capacity = 1024 },
	};
	struct eas_cpu_desc bad[4];
	struct eas_platform_desc d = *fix_desc_2x2();
	struct eas_build_error w;
	static _Alignas(8) unsigned char mem[EAS_PLATFORM_SIZE(4, 2, 6, 3)];
	struct eas_platform pf;

	(void)state;
	d.cpus = cpus;
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		assert_int_equal(eas_platform_build(&pf, mem, sizeof(mem), &d,
						    (enum eas_kernel)k, 0, &w),
				 0);
		assert_int_equal(pf.nr_levels, 2);
		assert_string_equal(pf.levels[0].name, "MC");
		assert_true(pf.eas_possible);
		for (uint32_t c = 0; c < 4; c++)
			assert_int_equal(pf.cpus[c].smt, 0);
	}
	/* a zeroed perf domain: cpufreq can skip inefficient states (the
	 * kernel's usual case, JSON "skip_inefficiencies" default true). One
	 * CPU of capacity 1024: state 0 (500000 kHz, 300000 uW) has
	 * performance 512 and cost 300000 * 10 / 512 = 5859, above state 1's
	 * 400000 * 10 / 1024 = 3906, so it is inefficient and v6.19
	 * em_cpufreq_update_efficiencies() sets SKIP_INEFFICIENCIES. */
	{
		static const struct eas_cpu_desc c1[1] = { { .capacity =
								     1024 } };
		static const uint32_t ids[1] = { 0 };
		static const struct eas_state_desc st[2] = {
			{ .frequency_khz = 500000, .power_uw = 300000 },
			{ .frequency_khz = 1000000, .power_uw = 400000 },
		};
		struct eas_pd_desc pd = {
			.nr_cpus = 1, .cpus = ids, .nr_states = 2, .states = st
		};
		struct eas_platform_desc d1 = {
			.nr_cpus = 1, .cpus = c1, .nr_pds = 1, .pds = &pd
		};

		assert_int_equal(eas_platform_build(&pf, mem, sizeof(mem), &d1,
						    EAS_KERNEL_V6_19, 0, &w),
				 0);
		assert_true(pf.pds[0].table[0].flags &
			    EAS_PERF_STATE_INEFFICIENT);
		assert_true(pf.pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
		pd.no_skip_inefficiencies = true;
		assert_int_equal(eas_platform_build(&pf, mem, sizeof(mem), &d1,
						    EAS_KERNEL_V6_19, 0, &w),
				 0);
		assert_false(pf.pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
	}
	memcpy(bad, cpus, sizeof(bad));
	bad[1].smt = -1;
	d.cpus = bad;
	assert_int_equal(eas_platform_build(&pf, mem, sizeof(mem), &d,
					    EAS_KERNEL_V6_19, 0, &w),
			 EAS_EINVAL);
	assert_int_equal(w.err, EAS_EINVAL);
	assert_int_equal(w.cpu, 1);
}

/* Explicit SMT / CLS / MC / PKG levels, and per-CPU degenerate spans. */
static void test_topology_explicit(void **state)
{
	static const struct eas_cpu_desc cpus[8] = {
		{ .capacity = 300 },  { .capacity = 300 },  { .capacity = 300 },
		{ .capacity = 300 },  { .capacity = 700 },  { .capacity = 700 },
		{ .capacity = 1024 }, { .capacity = 1024 },
	};
	static const uint32_t pc0[] = { 3, 2, 1, 0 }, pc1[] = { 5, 4 },
			      pc2[] = { 6, 7 };
	static const struct eas_state_desc st[2] = {
		{ .frequency_khz = 1000, .power_uw = 100000 },
		{ .frequency_khz = 2000, .power_uw = 300000 },
	};
	static const struct eas_pd_desc pds[3] = {
		{ .nr_cpus = 4, .cpus = pc0, .nr_states = 2, .states = st },
		{ .nr_cpus = 2, .cpus = pc1, .nr_states = 2, .states = st },
		{ .nr_cpus = 2, .cpus = pc2, .nr_states = 2, .states = st },
	};
	/* CLS: {0,1},{2,3},{4,5},{6},{7}; MC: {0-3},{4-7}; PKG: all */
	static const uint32_t cls_len[] = { 2, 2, 2, 1, 1 };
	static const uint32_t cls[] = { 1, 0, 3, 2, 4, 5, 6, 7 };
	static const uint32_t mc_len[] = { 4, 4 };
	static const uint32_t mc[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	static const uint32_t pkg_len[] = { 8 };
	static const struct eas_level_desc lv[3] = {
		{ "CLS", 5, cls_len, cls },
		{ "MC", 2, mc_len, mc },
		{ "PKG", 1, pkg_len, mc },
	};
	struct eas_platform_desc d = { .nr_cpus = 8,
				       .cpus = cpus,
				       .nr_pds = 3,
				       .pds = pds,
				       .nr_levels = 3,
				       .levels = lv };
	struct eas_platform *pf;

	(void)state;
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->nr_levels, 3);
	/* CLS spans {6},{7} are single CPUs: CPU 6's lowest domain is MC */
	assert_int_equal(eas_sd_lowest(pf, 6), 1);
	assert_int_equal(eas_sd_lowest(pf, 4), 0);
	assert_int_equal(eas_sd_parent(pf, 4, 0), 1);
	assert_int_equal(eas_sd_parent(pf, 6, 1), 2);
	/* MC {4-7} has 700 and 1024 but misses 300: ASYM, not FULL; its
	 * CLS children lose PREFER_SIBLING; both MC spans lose it as
	 * children of the asym PKG */
	assert_int_equal(eas_sd_flags(pf, 1, 4), BASE619 | LLC | ASYM);
	assert_int_equal(eas_sd_flags(pf, 1, 0), BASE619 | LLC);
	assert_int_equal(eas_sd_flags(pf, 0, 4),
			 BASE619 | LLC | EAS_SD_CLUSTER);
	assert_int_equal(eas_sd_flags(pf, 0, 0),
			 BASE619 | LLC | EAS_SD_CLUSTER | PS);
	assert_int_equal(eas_sd_flags(pf, 2, 0), BASE619 | PS | ASYM | FULL);
	/* sd_llc: highest of the contiguous LLC run = MC */
	assert_int_equal(pf->cpus[5].sd_llc, 1);
	assert_int_equal(pf->cpus[5].sd_llc_size, 4);
	assert_int_equal(pf->cpus[5].sd_llc_id, 4);
	/* sd_asym (v6.19: lowest FULL) = PKG */
	assert_int_equal(pf->cpus[5].sd_asym, 2);
	assert_int_equal(pf->pds[0].cpus[0], 0); /* sorted */
	assert_int_equal(pf->pd_order[0], 2);
	assert_int_equal(pf->pd_order[2], 0);
	check_invariants(pf);
	fix_free(pf);

	pf = fix_build(&d, V54, 0);
	/* v5.4: lowest level where everyone sees 1024 = PKG; CLS has no
	 * CLUSTER flag; every level gets BALANCE_WAKE */
	assert_int_equal(eas_sd_flags(pf, 0, 0), BASE54 | LLC | PS | WAKE);
	assert_int_equal(eas_sd_flags(pf, 1, 4), BASE54 | LLC | WAKE);
	assert_int_equal(eas_sd_flags(pf, 2, 4), BASE54 | PS | ASYM | WAKE);
	assert_int_equal(pf->cpus[5].sd_asym, 2);
	assert_true(pf->eas_possible);
	fix_free(pf);
}

/* v5.4 EM_MAX_COMPLEXITY: 16 per-CPU domains x 8 states = 2304 > 2048 */
static void test_complexity(void **state)
{
	struct fix_gen_params gp = {
		.nr_cpus = 16, .nr_pds = 16, .nr_states = 8, .seed = 16
	};
	struct eas_platform *pf;

	(void)state;
	pf = fix_generated(&gp, V54, 0);
	assert_false(pf->eas_possible);
	assert_int_equal(pf->eas_reason, EAS_OFF_COMPLEXITY);
	assert_int_equal(pf->cpus[0].sd_asym, 0);
	check_invariants(pf);
	fix_free(pf);
	pf = fix_generated(&gp, V619, 0);
	assert_true(pf->eas_possible);
	fix_free(pf);
	/* 16 * (16 * 7 + 16) = 2048: allowed */
	gp.nr_states = 7;
	pf = fix_generated(&gp, V54, 0);
	assert_true(pf->eas_possible);
	fix_free(pf);
}

static void test_no_em(void **state)
{
	struct eas_platform_desc d = *fix_desc_hikey960();
	struct eas_pd_desc pds[2];
	struct eas_opp_desc uw[5];
	struct eas_platform *pf;
	uint32_t k, i;

	(void)state;
	memcpy(pds, d.pds, sizeof(pds));
	memset(uw, 0, sizeof(uw));
	pds[1].dynamic_power_coefficient = 0;
	d.pds = pds;
	for (k = 0; k < 2; k++) {
		pf = fix_build(&d, (enum eas_kernel)k, 0);
		assert_int_equal(pf->pds[1].nr_perf_states, 0);
		assert_int_equal(pf->pds[0].nr_perf_states, 5);
		assert_false(pf->eas_possible);
		assert_int_equal(pf->eas_reason, EAS_OFF_NO_EM);
		assert_int_equal(pf->eas_reason_cpu, 4);
		assert_string_equal(eas_off_reason_name(pf->eas_reason),
				    "no_energy_model");
		fix_free(pf);
	}
	/* opp-microwatt: v6.19 uses it, v5.4 has no such path */
	for (i = 0; i < 5; i++) {
		uw[i].hz = pds[1].opps[i].hz;
		uw[i].microvolt = 0;
		uw[i].microwatt = 100000u * (i + 1u);
	}
	pds[1].opps = uw;
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->pds[1].nr_perf_states, 5);
	assert_int_equal(pf->pds[1].table[2].power, 300000);
	assert_true(pf->eas_possible);
	fix_free(pf);
	pf = fix_build(&d, V54, 0);
	assert_int_equal(pf->pds[1].nr_perf_states, 0);
	fix_free(pf);
	/* with a dpc, an OPP without voltage is an error (v5.4) */
	pds[1].dynamic_power_coefficient = 550;
	{
		struct eas_build_error w = expect_fail(&d, V54, EAS_ENOVOLT);

		assert_int_equal(w.pd, 1);
		assert_int_equal(w.state, 0);
	}
}

static void test_state_units(void **state)
{
	struct eas_platform_desc d = *fix_desc_2x2();
	struct eas_pd_desc pds[2];
	struct eas_state_desc st[3];
	struct eas_platform *pf;
	struct eas_build_error w;

	(void)state;
	memcpy(pds, d.pds, sizeof(pds));
	memcpy(st, pds[0].states, sizeof(st));
	st[0].power_mw = 0;
	st[0].power_uw = 1999; /* v5.4: 1 mW */
	pds[0].states = st;
	d.pds = pds;
	pf = fix_build(&d, V54, 0);
	assert_int_equal(pf->pds[0].table[0].power, 1);
	fix_free(pf);
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->pds[0].table[0].power, 1999);
	assert_int_equal(pf->pds[0].table[1].power, 150000);
	fix_free(pf);
	st[0].power_uw = 999; /* v5.4: 0 mW */
	w = expect_fail(&d, V54, EAS_EPOWER);
	assert_int_equal(w.pd, 0);
	assert_int_equal(w.state, 0);
	st[0].power_mw = 1; /* both units */
	w = expect_fail(&d, V619, EAS_EINVAL);
	assert_int_equal(w.state, 0);
	/* the SKIP flag needs an inefficient state */
	st[0].power_mw = 0;
	st[0].power_uw = 1000000; /* cost way above state 1 */
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->pds[0].table[0].flags, EAS_PERF_STATE_INEFFICIENT);
	assert_int_equal(pf->pds[0].flags,
			 EAS_PD_MICROWATTS | EAS_PD_SKIP_INEFFICIENCIES);
	assert_int_equal(pf->pds[1].flags, EAS_PD_MICROWATTS);
	fix_free(pf);
	pds[0].no_skip_inefficiencies = true;
	pf = fix_build(&d, V619, 0);
	assert_int_equal(pf->pds[0].flags, EAS_PD_MICROWATTS);
	fix_free(pf);
}

/* ---- validation errors ------------------------------------------------ */

static void test_errors_cpus_pds(void **state)
{
	struct eas_platform_desc d = *fix_desc_hikey960();
	struct eas_cpu_desc cpus[8];
	struct eas_pd_desc pds[2];
	uint32_t big[4] = { 4, 5, 6, 7 };
	struct eas_build_error w;

	(void)state;
	memcpy(cpus, d.cpus, sizeof(cpus));
	memcpy(pds, d.pds, sizeof(pds));
	d.cpus = cpus;
	d.pds = pds;
	pds[1].cpus = big;

	cpus[2].capacity = 1025;
	w = expect_fail(&d, V619, EAS_ERANGE);
	assert_int_equal(w.cpu, 2);
	cpus[2].capacity = 400; /* with dmips: both at once */
	w = expect_fail(&d, V54, EAS_EINVAL);
	assert_int_equal(w.cpu, 2);
	cpus[2].capacity = 0;

	big[2] = 8; /* out of range */
	w = expect_fail(&d, V619, EAS_ECPU);
	assert_int_equal(w.cpu, 8);
	assert_int_equal(w.pd, 1);
	big[2] = 5; /* twice in one domain */
	w = expect_fail(&d, V619, EAS_ECPU);
	assert_int_equal(w.cpu, 5);
	big[2] = 3; /* in two domains; CPU 6 in none */
	w = expect_fail(&d, V619, EAS_EPDEXIST);
	assert_int_equal(w.cpu, 3);
	assert_int_equal(w.pd, 1);
	pds[1].nr_cpus = 2; /* 6 and 7 in no domain */
	big[2] = 6;
	w = expect_fail(&d, V54, EAS_ENOPD);
	assert_int_equal(w.cpu, 6);
	pds[1].nr_cpus = 4;

	/* different capacities in one domain */
	cpus[6].capacity_dmips_mhz = 1000;
	w = expect_fail(&d, V619, EAS_ECAPACITY);
	assert_int_equal(w.pd, 1);
	assert_int_equal(w.cpu, 6);
	cpus[6].capacity_dmips_mhz = 1024;

	pds[0].nr_states = 1; /* both opps and states */
	pds[0].states = fix_desc_2x2()->pds[0].states;
	w = expect_fail(&d, V619, EAS_EINVAL);
	assert_int_equal(w.pd, 0);
	pds[0].nr_states = 0;
	pds[0].nr_opps = 0; /* neither */
	w = expect_fail(&d, V619, EAS_ENOSTATES);
	assert_int_equal(w.pd, 0);
	pds[0] = fix_desc_hikey960()->pds[0];
	pds[0].nr_cpus = 0;
	expect_fail(&d, V619, EAS_EINVAL);
	pds[0] = fix_desc_hikey960()->pds[0];
	assert_null(fix_try_build(&d, (enum eas_kernel)5, 0, NULL, &w));
	assert_int_equal(w.err, EAS_EKERNEL);
}

static void test_errors_states(void **state)
{
	struct eas_platform_desc d = *fix_desc_hikey960();
	struct eas_pd_desc pds[2];
	struct eas_opp_desc opps[5];
	struct eas_build_error w;

	(void)state;
	memcpy(pds, d.pds, sizeof(pds));
	memcpy(opps, pds[1].opps, sizeof(opps));
	pds[1].opps = opps;
	d.pds = pds;

	opps[3].hz = opps[2].hz; /* not increasing */
	w = expect_fail(&d, V619, EAS_EFREQ);
	assert_int_equal(w.pd, 1);
	assert_int_equal(w.state, 3);
	opps[3].hz = 2112000000;
	opps[2].microvolt = 999; /* mV 0 */
	w = expect_fail(&d, V54, EAS_ENOVOLT);
	assert_int_equal(w.state, 2);
	opps[2].microvolt = 900000;
	/* dpc 30000 at 1100 mV / 2362 MHz: 85740 mW > 0xFFFF (v5.4) and
	 * 85740600 uW > 64 W (v6.19); state 3 (63360 mW) still fits */
	pds[1].dynamic_power_coefficient = 30000;
	w = expect_fail(&d, V54, EAS_EPOWER);
	assert_int_equal(w.state, 4);
	w = expect_fail(&d, V619, EAS_EPOWER);
	assert_int_equal(w.state, 4);
	/* dpc 22000: 62875 mW fits v5.4 (<= 65535) and 62875640 uW fits
	 * v6.19 (<= 64000000) */
	pds[1].dynamic_power_coefficient = 22000;
	fix_free(fix_build(&d, V54, 0));
	fix_free(fix_build(&d, V619, 0));

	/* v6.19 performance 0: capacity 1, 1 kHz of 1000 kHz */
	{
		static const struct eas_cpu_desc c1[1] = { { .capacity = 1 } };
		static const uint32_t cpu0[1] = { 0 };
		static const struct eas_state_desc st[2] = {
			{ .frequency_khz = 1, .power_uw = 5000 },
			{ .frequency_khz = 1000, .power_uw = 9000 },
		};
		static const struct eas_pd_desc pd1[1] = {
			{ .nr_cpus = 1,
			  .cpus = cpu0,
			  .nr_states = 2,
			  .states = st },
		};
		struct eas_platform_desc one = {
			.nr_cpus = 1, .cpus = c1, .nr_pds = 1, .pds = pd1
		};
		struct eas_platform *pf;

		w = expect_fail(&one, V619, EAS_EPERF);
		assert_int_equal(w.pd, 0);
		assert_int_equal(w.state, 0);
		/* v5.4 has no performance column: fine, and a single CPU
		 * has no sched domain at all */
		pf = fix_build(&one, V54, 0);
		assert_int_equal(pf->nr_levels, 0);
		assert_int_equal(eas_sd_lowest(pf, 0), -1);
		assert_int_equal(eas_sd_parent(pf, 0, 0), -1);
		assert_int_equal(pf->cpus[0].sd_llc, -1);
		assert_int_equal(pf->cpus[0].sd_llc_size, 1);
		assert_int_equal(pf->eas_reason, EAS_OFF_SYMMETRIC);
		check_invariants(pf);
		fix_free(pf);
	}
}

static void test_errors_topology(void **state)
{
	static const uint32_t l2[] = { 2, 2 };
	static const uint32_t bad_part[] = { 0, 1, 1, 3 }; /* 1 twice */
	static const uint32_t a[] = { 0, 1, 2, 3 };
	static const uint32_t cross[] = { 0, 2, 1, 3 };
	static const uint32_t l1[] = { 4 };
	static const uint32_t l3[] = { 2, 0, 2 };
	struct eas_platform_desc d = *fix_desc_2x2();
	struct eas_level_desc lv[2] = {
		{ "MC", 2, l2, bad_part },
		{ "PKG", 1, l1, a },
	};
	struct eas_build_error w;

	(void)state;
	d.nr_levels = 2;
	d.levels = lv;
	w = expect_fail(&d, V619, EAS_ETOPO);
	assert_int_equal(w.level, 0);
	assert_int_equal(w.span, 1);
	assert_int_equal(w.cpu, 1);
	lv[0].span_cpus = a;
	lv[1].span_cpus = cross; /* fine: one span of all */
	fix_free(fix_build(&d, V619, 0));
	/* not nested: MC {0,1},{2,3} under X {0,2},{1,3} */
	lv[1].nr_spans = 2;
	lv[1].span_len = l2;
	lv[1].span_cpus = cross;
	w = expect_fail(&d, V54, EAS_ETOPO);
	assert_int_equal(w.level, 1);
	/* empty span */
	lv[0].nr_spans = 3;
	lv[0].span_len = l3;
	lv[0].span_cpus = a;
	w = expect_fail(&d, V54, EAS_ETOPO);
	assert_int_equal(w.level, 0);
	assert_int_equal(w.span, 1);
	/* CPU missing from a level */
	lv[0].nr_spans = 1;
	lv[0].span_len = l2;
	w = expect_fail(&d, V54, EAS_ETOPO);
	assert_int_equal(w.cpu, 2);
	/* no name */
	lv[0].nr_spans = 2;
	lv[0].name = NULL;
	w = expect_fail(&d, V54, EAS_EINVAL);
	assert_int_equal(w.level, 0);
	/* bad clusters */
	d.nr_levels = 0;
	d.levels = NULL;
	d.nr_clusters = 2;
	d.cluster_len = l2;
	d.cluster_cpus = bad_part;
	w = expect_fail(&d, V619, EAS_ETOPO);
	assert_int_equal(w.level, 0);
}

static void test_errors_memory(void **state)
{
	const struct eas_platform_desc *d = fix_desc_hikey960();
	size_t size = eas_platform_size(d);
	uint64_t *mem = calloc(size / 8 + 2, 8);
	struct eas_build_error w;
	struct eas_platform pf;

	(void)state;
	assert_true(size > 0);
	assert_int_equal(eas_platform_build(&pf, mem, size - 1, d, V619, 0, &w),
			 EAS_ENOSPC);
	assert_int_equal(
		eas_platform_build(&pf, (char *)mem + 4, size, d, V619, 0, &w),
		EAS_EINVAL);
	assert_int_equal(eas_platform_build(&pf, NULL, size, d, V619, 0, &w),
			 EAS_EINVAL);
	assert_int_equal(eas_platform_build(NULL, mem, size, d, V619, 0, &w),
			 EAS_EINVAL);
	assert_int_equal(
		eas_platform_build(&pf, mem, size, NULL, V619, 0, NULL),
		EAS_EINVAL);
	assert_int_equal(eas_platform_size(NULL), 0);
	{
		/* sizes that overflow 64 bits are "unusable", not wrapped */
		struct eas_platform_desc huge = *d;
		struct eas_level_desc lv = { 0 };

		huge.nr_cpus = 0xffffffffu;
		huge.nr_levels = 0xffffffffu;
		huge.levels = &lv;
		assert_int_equal(eas_platform_size(&huge), 0);
		assert_int_equal(
			eas_platform_build(&pf, mem, size, &huge, V619, 0, &w),
			EAS_EINVAL);
		huge.nr_levels = 2;
		assert_true(eas_platform_size(&huge) > 0xffffffffull * 64);
	}
	assert_int_equal(eas_platform_build(&pf, mem, size, d, V619, 0, NULL),
			 0);
	fix_free(NULL);
	free(mem);
}

/* ---- memory ----------------------------------------------------------- */

static void test_size_bound(void **state)
{
	uint64_t rs = 99;
	uint32_t iter;
	size_t s8;

	(void)state;
	s8 = eas_platform_size(fix_desc_hikey960());
	print_message("HiKey960 (8 CPUs, 2 PDs, 10 states): %zu bytes; "
		      "EAS_PLATFORM_SIZE bound %zu\n",
		      s8, (size_t)EAS_PLATFORM_SIZE(8, 2, 10, 3));
	assert_true(s8 <= 4096);
	assert_true(s8 <= EAS_PLATFORM_SIZE(8, 2, 10, 3));
	for (iter = 0; iter < 300; iter++) {
		struct fix_gen_params gp;
		struct fix_gen *g;
		const struct eas_platform_desc *d;
		struct eas_platform *pf;
		size_t size;

		gp.nr_cpus = (uint32_t)fix_rand_range(&rs, 1, 300);
		gp.nr_pds = (uint32_t)fix_rand_range(&rs, 1, gp.nr_cpus);
		gp.nr_states = (uint32_t)fix_rand_range(&rs, 1, 20);
		gp.seed = iter + 1u;
		gp.flags = (uint32_t)fix_rand_range(&rs, 0, 31);
		g = fix_gen_new(&gp);
		d = fix_gen_desc(g);
		size = eas_platform_size(d);
		assert_true(size <= EAS_PLATFORM_SIZE(gp.nr_cpus, gp.nr_pds,
						      gp.nr_pds * gp.nr_states,
						      3));
		assert_int_equal(size % 8, 0);
		pf = fix_build(d, (enum eas_kernel)(iter & 1), 0);
		check_invariants(pf);
		fix_free(pf);
		fix_gen_free(g);
	}
}

/* ---- big and random platforms ----------------------------------------- */

static void test_4096_cpus(void **state)
{
	struct fix_gen_params gp = {
		.nr_cpus = 4096, .nr_pds = 64, .nr_states = 16, .seed = 4096
	};
	struct eas_platform *pf;
	uint32_t k, i, nr;

	(void)state;
	for (k = 0; k < 2; k++) {
		pf = fix_generated(&gp, (enum eas_kernel)k, 0);
		assert_int_equal(pf->nr_cpus, 4096);
		assert_int_equal(pf->mask_words, 64);
		assert_int_equal(pf->nr_levels, 2);
		assert_int_equal(pf->pd_order[0], 63);
		assert_int_equal(pf->pds[63].cpus[0], 4032);
		assert_int_equal(eas_sd_lowest(pf, 4095), 0);
		eas_sd_span(pf, 1, 4095, &nr);
		assert_int_equal(nr, 4096);
		assert_int_equal(pf->cpus[4095].sd_llc_size, 64);
		assert_int_equal(pf->cpus[4095].sd_llc_id, 4032);
		assert_int_equal(pf->nr_perf_states, 64 * 16);
		if (k == 0) {
			/* 64 * (1024 + 4096) > 2048 */
			assert_int_equal(pf->eas_reason, EAS_OFF_COMPLEXITY);
		} else {
			assert_true(pf->eas_possible);
		}
		check_invariants(pf);
		fix_free(pf);
	}
	/* v6.19: at most 4096 CPUs in one perf domain; v5.4 no limit */
	gp.nr_cpus = 4097;
	gp.nr_pds = 1;
	gp.nr_states = 3;
	{
		struct fix_gen *g = fix_gen_new(&gp);
		struct eas_build_error w =
			expect_fail(fix_gen_desc(g), V619, EAS_ETOOMANY);

		assert_int_equal(w.pd, 0);
		pf = fix_build(fix_gen_desc(g), V54, 0);
		assert_int_equal(pf->eas_reason, EAS_OFF_SYMMETRIC);
		fix_free(pf);
		fix_gen_free(g);
	}
	gp.nr_cpus = 4096;
	pf = fix_generated(&gp, V619, 0);
	for (i = 0; i < 4096; i += 511)
		assert_int_equal(pf->cpus[i].pd, 0);
	fix_free(pf);
}

/* Random platforms: capacities and EM tables equal the oracle's. */
static void test_random_vs_oracle(void **state)
{
	uint64_t rs = 0xfeed;
	uint32_t iter;

	(void)state;
	for (iter = 0; iter < 300; iter++) {
		struct fix_gen_params gp;
		struct fix_gen *g;
		const struct eas_platform_desc *d;
		uint32_t k, i, p;

		gp.nr_cpus = (uint32_t)fix_rand_range(&rs, 1, 64);
		gp.nr_pds = (uint32_t)fix_rand_range(
			&rs, 1, gp.nr_cpus < 8 ? gp.nr_cpus : 8);
		gp.nr_states = (uint32_t)fix_rand_range(&rs, 1, 12);
		gp.seed = fix_rand(&rs);
		gp.flags = (uint32_t)fix_rand_range(&rs, 0, 31);
		g = fix_gen_new(&gp);
		d = fix_gen_desc(g);
		for (k = 0; k < 2; k++) {
			struct eas_platform *pf =
				fix_build(d, (enum eas_kernel)k, 0);
			uint32_t *dm = calloc(gp.nr_cpus, sizeof(*dm));
			uint64_t *fm = calloc(gp.nr_cpus, sizeof(*fm));
			uint64_t *cap = calloc(gp.nr_cpus, sizeof(*cap));

			check_invariants(pf);
			if (gp.flags & FIX_GEN_DMIPS) {
				for (i = 0; i < gp.nr_cpus; i++) {
					dm[i] = d->cpus[i].capacity_dmips_mhz;
					fm[i] = pf->pds[pf->cpus[i].pd]
							.max_freq_khz;
				}
				if (k == 0)
					ref_capacity_v54((int)gp.nr_cpus, dm,
							 fm, cap);
				else
					ref_capacity_v619((int)gp.nr_cpus, dm,
							  fm, cap);
				for (i = 0; i < gp.nr_cpus; i++)
					assert_int_equal(pf->cpus[i].capacity,
							 cap[i]);
			}
			for (p = 0; p < pf->nr_pds; p++) {
				const struct eas_perf_domain *pd = &pf->pds[p];
				uint64_t fr[12], pw[12], c[12], pe[12], fl[12];

				for (i = 0; i < pd->nr_perf_states; i++) {
					fr[i] = pd->table[i].frequency;
					pw[i] = pd->table[i].power;
				}
				if (k == 0) {
					assert_int_equal(
						ref_em_create_pd_v54(
							fr, pw,
							(int)pd->nr_perf_states,
							false, c),
						0);
				} else {
					assert_int_equal(
						ref_em_create_perf_table_v619(
							fr, pw,
							(int)pd->nr_perf_states,
							pd->capacity, pe, c,
							fl),
						0);
				}
				for (i = 0; i < pd->nr_perf_states; i++) {
					assert_int_equal(pd->table[i].cost,
							 c[i]);
					if (k)
						assert_int_equal(
							pd->table[i].flags,
							fl[i]);
				}
			}
			free(dm);
			free(fm);
			free(cap);
			fix_free(pf);
		}
		fix_gen_free(g);
	}
}

/*
 * Random single mutations of valid descriptions: every build either fails
 * with a code (reported in where, platform zeroed) or yields a platform
 * satisfying every invariant. Run under ASan/UBSan in CI.
 */
static void test_random_mutations(void **state)
{
	uint64_t rs = 0xbadc0de;
	uint32_t iter, nr_ok = 0, nr_err = 0;

	(void)state;
	for (iter = 0; iter < 2000; iter++) {
		struct fix_gen_params gp;
		struct fix_gen *g;
		struct eas_platform_desc d;
		struct eas_cpu_desc *cpus;
		struct eas_pd_desc *pds;
		struct eas_build_error w;
		struct eas_platform *pf;
		uint32_t *cl_len = NULL, *cl = NULL;
		uint32_t n, p, i;
		int err;

		gp.nr_cpus = (uint32_t)fix_rand_range(&rs, 1, 24);
		gp.nr_pds = (uint32_t)fix_rand_range(&rs, 1, gp.nr_cpus);
		gp.nr_states = (uint32_t)fix_rand_range(&rs, 1, 6);
		gp.seed = fix_rand(&rs);
		gp.flags = (uint32_t)fix_rand_range(&rs, 0, 31);
		g = fix_gen_new(&gp);
		d = *fix_gen_desc(g);
		n = d.nr_cpus;
		/* the generator's arrays are writable heap memory */
		cpus = (struct eas_cpu_desc *)(uintptr_t)d.cpus;
		pds = (struct eas_pd_desc *)(uintptr_t)d.pds;
		p = (uint32_t)fix_rand_range(&rs, 0, d.nr_pds - 1);
		i = (uint32_t)fix_rand_range(&rs, 0, n - 1);
		switch (fix_rand_range(&rs, 0, 9)) {
		case 0:
			((uint32_t *)(uintptr_t)pds[p].cpus)[fix_rand_range(
				&rs, 0, pds[p].nr_cpus - 1)] =
				(uint32_t)fix_rand_range(&rs, 0, n + 1);
			break;
		case 1:
			cpus[i].capacity =
				(uint32_t)fix_rand_range(&rs, 0, 1100);
			break;
		case 2:
			cpus[i].capacity_dmips_mhz =
				(uint32_t)fix_rand_range(&rs, 0, 3000);
			break;
		case 3:
			if (pds[p].nr_states)
				((struct eas_state_desc *)(uintptr_t)pds[p]
					 .states)[fix_rand_range(
							  &rs, 0,
							  pds[p].nr_states - 1)]
					.frequency_khz =
					fix_rand_range(&rs, 0, 4000000);
			else
				((struct eas_opp_desc *)(uintptr_t)pds[p]
					 .opps)[fix_rand_range(&rs, 0,
							       pds[p].nr_opps -
								       1)]
					.microvolt =
					fix_rand_range(&rs, 0, 2000000);
			break;
		case 4:
			if (pds[p].nr_states)
				((struct eas_state_desc *)(uintptr_t)pds[p]
					 .states)[fix_rand_range(
							  &rs, 0,
							  pds[p].nr_states - 1)]
					.power_uw =
					fix_rand_range(&rs, 0, 70000000);
			else
				pds[p].dynamic_power_coefficient =
					(uint32_t)fix_rand_range(&rs, 0, 40000);
			break;
		case 5:
			if (d.nr_pds > 1)
				d.nr_pds--;
			break;
		case 6:
			cpus[i].smt = (int32_t)fix_rand_range(&rs, 0, 3);
			break;
		default:
			/* random clusters: a random partition, maybe bad */
			cl_len = calloc(n, sizeof(*cl_len));
			cl = calloc(n, sizeof(*cl));
			d.nr_clusters = 0;
			for (i = 0; i < n; i++) {
				cl[i] = (uint32_t)(fix_rand_range(&rs, 0, 15) ?
							   i :
							   fix_rand_range(
								   &rs, 0, n));
				if (!d.nr_clusters ||
				    fix_rand_range(&rs, 0, 2) == 0)
					cl_len[d.nr_clusters++] = 0;
				cl_len[d.nr_clusters - 1]++;
			}
			d.cluster_len = cl_len;
			d.cluster_cpus = cl;
			break;
		}
		pf = fix_try_build(&d, (enum eas_kernel)(iter & 1), 0, &err,
				   &w);
		if (pf) {
			check_invariants(pf);
			fix_free(pf);
			nr_ok++;
		} else {
			assert_true(err < 0);
			assert_int_equal(w.err, err);
			assert_string_not_equal(eas_err_name(err), "unknown");
			nr_err++;
		}
		free(cl_len);
		free(cl);
		fix_gen_free(g);
	}
	print_message("mutations: %u built, %u rejected\n", nr_ok, nr_err);
	assert_true(nr_ok > 200 && nr_err > 200);
}

/*
 * Random nested topologies against the literal per-CPU sched-domain build
 * of the oracle (ref_build_sched_domains): every CPU's domain chain (spans,
 * flags, imbalance_pct, cache_nice_tries, busy_factor), sd_llc, sd_asym and
 * the EAS verdict must agree, in both flavours.
 */
static void test_topology_vs_oracle(void **state)
{
	static const char *const pool[] = { "SMT", "CLS", "MC",
					    "PKG", "DIE", "NODE" };
	static const uint64_t caps[] = { 128, 512, 700, 1024 };
	static const struct eas_state_desc st[2] = {
		{ .frequency_khz = 500, .power_uw = 1000 },
		{ .frequency_khz = 1000, .power_uw = 3000 },
	};
	static uint64_t mask[REF_TOPO_MAX_LEVELS][REF_TOPO_MAX_CPUS];
	static struct ref_topo ref;
	uint64_t rs = 0x7070;
	uint32_t iter, nr_asym = 0;

	(void)state;
	for (iter = 0; iter < 3000; iter++) {
		uint32_t n = (uint32_t)fix_rand_range(&rs, 2, 64);
		uint32_t nl = (uint32_t)fix_rand_range(&rs, 1, 5);
		uint32_t grp[REF_TOPO_MAX_LEVELS][REF_TOPO_MAX_CPUS];
		uint32_t ng[REF_TOPO_MAX_LEVELS];
		uint32_t span_len[REF_TOPO_MAX_LEVELS][REF_TOPO_MAX_CPUS];
		uint32_t span_cpus[REF_TOPO_MAX_LEVELS][REF_TOPO_MAX_CPUS];
		struct eas_level_desc lv[REF_TOPO_MAX_LEVELS];
		const char *names[REF_TOPO_MAX_LEVELS];
		struct eas_cpu_desc cpus[REF_TOPO_MAX_CPUS];
		struct eas_pd_desc pds[REF_TOPO_MAX_CPUS];
		uint32_t ids[REF_TOPO_MAX_CPUS];
		uint64_t cap[REF_TOPO_MAX_CPUS];
		uint32_t ncap = (uint32_t)fix_rand_range(&rs, 1, 4);
		struct eas_platform_desc d;
		uint32_t l, c, g, k;

		/* level 0: contiguous or scattered groups */
		ng[0] = 0;
		for (c = 0; c < n; c++) {
			if (fix_rand_range(&rs, 0, 1))
				grp[0][c] =
					c == 0 || fix_rand_range(&rs, 0, 2) ?
						(c ? grp[0][c - 1] : 0) :
						grp[0][c - 1] + 1;
			else
				grp[0][c] = (uint32_t)fix_rand_range(&rs, 0,
								     n / 2u);
		}
		/* higher levels merge groups of the level below */
		for (l = 1; l < nl; l++) {
			uint32_t map[REF_TOPO_MAX_CPUS + 1];
			uint32_t top = (uint32_t)fix_rand_range(&rs, 0, 3);
			bool all = l == nl - 1 && fix_rand_range(&rs, 0, 1);

			for (g = 0; g <= REF_TOPO_MAX_CPUS; g++)
				map[g] = all ? 0 :
					       (uint32_t)fix_rand_range(&rs, 0,
									top);
			for (c = 0; c < n; c++)
				grp[l][c] = map[grp[l - 1][c]];
		}
		/* renumber each level's groups 0..ng-1 */
		for (l = 0; l < nl; l++) {
			uint32_t ren[REF_TOPO_MAX_CPUS + 1];

			for (g = 0; g <= REF_TOPO_MAX_CPUS; g++)
				ren[g] = ~0u;
			ng[l] = 0;
			for (c = 0; c < n; c++) {
				if (ren[grp[l][c]] == ~0u)
					ren[grp[l][c]] = ng[l]++;
				grp[l][c] = ren[grp[l][c]];
			}
			k = 0;
			for (g = 0; g < ng[l]; g++) {
				span_len[l][g] = 0;
				for (c = 0; c < n; c++) {
					if (grp[l][c] != g)
						continue;
					span_cpus[l][k++] = c;
					span_len[l][g]++;
				}
			}
			for (c = 0; c < n; c++) {
				mask[l][c] = 0;
				for (k = 0; k < n; k++)
					if (grp[l][k] == grp[l][c])
						mask[l][c] |= (uint64_t)1 << k;
			}
			names[l] = pool[fix_rand_range(&rs, 0, 5)];
			lv[l].name = names[l];
			lv[l].nr_spans = ng[l];
			lv[l].span_len = span_len[l];
			lv[l].span_cpus = span_cpus[l];
		}
		memset(cpus, 0, sizeof(cpus));
		memset(pds, 0, sizeof(pds));
		for (c = 0; c < n; c++) {
			cap[c] = caps[fix_rand_range(&rs, 0, ncap - 1)];
			cpus[c].capacity = (uint32_t)cap[c];
			ids[c] = c;
			pds[c].nr_cpus = 1;
			pds[c].cpus = &ids[c];
			pds[c].nr_states = 2;
			pds[c].states = st;
		}
		memset(&d, 0, sizeof(d));
		d.nr_cpus = n;
		d.cpus = cpus;
		d.nr_pds = n;
		d.pds = pds;
		d.nr_levels = nl;
		d.levels = lv;

		for (k = 0; k < 2; k++) {
			struct eas_platform *pf =
				fix_build(&d, (enum eas_kernel)k, 0);
			bool any_asym = false;

			ref_build_sched_domains(
				(enum eas_kernel)k, n, cap, nl, names,
				(const uint64_t(*)[REF_TOPO_MAX_CPUS])mask,
				&ref);
			check_invariants(pf);
			for (c = 0; c < n; c++) {
				const struct ref_topo_cpu *o = &ref.cpu[c];
				uint32_t t = 0, nr, j;
				int32_t dl;

				for (dl = eas_sd_lowest(pf, c); dl >= 0;
				     dl = eas_sd_parent(pf, c, dl), t++) {
					const uint32_t *sp = eas_sd_span(
						pf, (uint32_t)dl, c, &nr);
					uint64_t m = 0;

					for (j = 0; j < nr; j++)
						m |= (uint64_t)1 << sp[j];
					assert_true(t < o->nr);
					assert_int_equal(m, o->span[t]);
					assert_int_equal(
						eas_sd_flags(pf, (uint32_t)dl,
							     c),
						o->flags[t]);
					assert_int_equal(
						pf->levels[dl].imbalance_pct,
						o->imbalance_pct[t]);
					assert_int_equal(
						pf->levels[dl].cache_nice_tries,
						o->cache_nice_tries[t]);
					assert_int_equal(
						pf->levels[dl].busy_factor,
						o->busy_factor[t]);
					if (o->llc == (int)t)
						assert_int_equal(
							pf->cpus[c].sd_llc, dl);
					if (o->asym == (int)t)
						assert_int_equal(
							pf->cpus[c].sd_asym,
							dl);
				}
				assert_int_equal(t, o->nr);
				if (o->llc < 0) {
					assert_int_equal(pf->cpus[c].sd_llc,
							 -1);
					assert_int_equal(
						pf->cpus[c].sd_llc_size, 1);
				} else {
					assert_int_equal(
						pf->cpus[c].sd_llc_size,
						__builtin_popcountll(
							o->span[o->llc]));
					assert_int_equal(
						pf->cpus[c].sd_llc_id,
						__builtin_ctzll(
							o->span[o->llc]));
				}
				if (o->asym < 0)
					assert_int_equal(pf->cpus[c].sd_asym,
							 -1);
				any_asym |= o->asym >= 0;
			}
			/* the EAS verdict (every CPU has an EM here) */
			if (k == 0) {
				if (ref.cpu[0].asym < 0)
					assert_int_equal(pf->eas_reason,
							 EAS_OFF_SYMMETRIC);
				else if ((uint64_t)n * (2u * n + n) > 2048u)
					assert_int_equal(pf->eas_reason,
							 EAS_OFF_COMPLEXITY);
				else
					assert_int_equal(pf->eas_reason,
							 EAS_ON);
			} else {
				if (!any_asym)
					assert_int_equal(pf->eas_reason,
							 EAS_OFF_SYMMETRIC);
				else if (ref.smt_active)
					assert_int_equal(pf->eas_reason,
							 EAS_OFF_SMT);
				else
					assert_int_equal(pf->eas_reason,
							 EAS_ON);
			}
			nr_asym += any_asym;
			fix_free(pf);
		}
	}
	print_message("topologies: %u flavour builds with asymmetry\n",
		      nr_asym);
	assert_true(nr_asym > 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity_golden),
		cmocka_unit_test(test_capacity_v54_u32_wrap),
		cmocka_unit_test(test_capacity_oracle),
		cmocka_unit_test(test_turbo),
		cmocka_unit_test(test_missing_dmips),
		cmocka_unit_test(test_topology_hikey960),
		cmocka_unit_test(test_topology_single_cluster),
		cmocka_unit_test(test_topology_symmetric),
		cmocka_unit_test(test_hikey620_sdm845),
		cmocka_unit_test(test_topology_smt),
		cmocka_unit_test(test_zeroed_cpu_desc_is_default),
		cmocka_unit_test(test_topology_explicit),
		cmocka_unit_test(test_complexity),
		cmocka_unit_test(test_no_em),
		cmocka_unit_test(test_state_units),
		cmocka_unit_test(test_errors_cpus_pds),
		cmocka_unit_test(test_errors_states),
		cmocka_unit_test(test_errors_topology),
		cmocka_unit_test(test_errors_memory),
		cmocka_unit_test(test_size_bound),
		cmocka_unit_test(test_4096_cpus),
		cmocka_unit_test(test_random_vs_oracle),
		cmocka_unit_test(test_random_mutations),
		cmocka_unit_test(test_topology_vs_oracle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
