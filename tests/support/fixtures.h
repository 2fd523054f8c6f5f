/* SPDX-License-Identifier: MIT */
/*
 * Platform fixtures shared by every test (hosted code: may malloc/abort).
 *
 * Usage:
 *
 *	struct eas_platform *pf = fix_hikey960(EAS_KERNEL_V6_19, 0);
 *	... pf->pds[pf->pd_order[0]], eas_sd_lowest(pf, 0), ...
 *	fix_free(pf);
 *
 * Every fix_<name>() builds a fresh platform in one heap block (the
 * struct eas_platform followed by its memory) and aborts with a message
 * on failure, so tests never see a half-built platform. Several platforms
 * (e.g. both flavours) may be alive at once. fix_desc_<name>() returns the
 * static description, for tests that build themselves (or copy and tweak
 * it).
 *
 * Fixtures:
 *  - 2x2   : kernel-eas.md §7.1, sched-energy.rst example 2: CPUs 0,1
 *            little (capacity 512, states 170/341/512 kHz, power
 *            50/150/300), CPUs 2,3 big (1024, 512/768/1024 kHz,
 *            400/800/1700). States given in mW: v5.4 power = table (mW),
 *            v6.19 = table * 1000 (uW). Default topology: MC per PD, PKG.
 *  - hikey960: HiKey960 DT (4xA53 dmips 592 dpc 110 + 4xA73 dmips 1024 dpc
 *            550, 5+5 OPPs from the platform research data); capacities
 *            462 / 1024 in both flavours.
 *  - rk3399: RK3399 DT (4xA53 dmips 485 dpc 100, 2xA72 dmips 1024 dpc 436);
 *            capacities 381 / 1024.
 *  - juno_r0: Juno r0 DT in Linux logical numbering (CPU 0,3,4,5 = A53
 *            dmips 578 dpc 140; CPU 1,2 = A57 dmips 1024 dpc 530);
 *            capacities 446 / 1024.
 *  - hikey620: HiKey hi6220, 8 x A53 without capacity-dmips-mhz (all
 *            1024), one perf domain (dpc 311, 5 OPPs), clusters {0-3}
 *            {4-7}: symmetric, EAS impossible (negative test).
 *  - sdm845: SDM845 DT: dmips 611 / 1024 (capacities 385 / 1024), 18 + 32
 *            OPPs without voltages, one 8-CPU cluster. Description only.
 *  - generated: N CPUs / P perf domains / S states, deterministic from a
 *            seed (see struct fix_gen_params).
 */
#ifndef LIBEAS_TEST_FIXTURES_H
#define LIBEAS_TEST_FIXTURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libeas/platform.h>

/* Build desc for flavour k into a new heap block; aborts on error. */
struct eas_platform *fix_build(const struct eas_platform_desc *desc,
			       enum eas_kernel k, uint32_t opts);
/* Same, but returns NULL and the error in *err / *where instead. */
struct eas_platform *fix_try_build(const struct eas_platform_desc *desc,
				   enum eas_kernel k, uint32_t opts, int *err,
				   struct eas_build_error *where);
void fix_free(struct eas_platform *pf);

const struct eas_platform_desc *fix_desc_2x2(void);
const struct eas_platform_desc *fix_desc_hikey960(void);
const struct eas_platform_desc *fix_desc_rk3399(void);
const struct eas_platform_desc *fix_desc_juno_r0(void);
const struct eas_platform_desc *fix_desc_hikey620(void);
/* DT-truthful: OPPs without voltages, so it does NOT build (EAS_ENOVOLT,
 * pd 0 state 0); copy it and set dynamic_power_coefficient 0 to get a
 * platform without energy model. */
const struct eas_platform_desc *fix_desc_sdm845(void);

struct eas_platform *fix_2x2(enum eas_kernel k, uint32_t opts);
struct eas_platform *fix_hikey960(enum eas_kernel k, uint32_t opts);
struct eas_platform *fix_rk3399(enum eas_kernel k, uint32_t opts);
struct eas_platform *fix_juno_r0(enum eas_kernel k, uint32_t opts);
struct eas_platform *fix_hikey620(enum eas_kernel k, uint32_t opts);

/* ---- deterministic PRNG (splitmix64) ---------------------------------- */

uint64_t fix_rand(uint64_t *state);
/* Uniform-ish in [lo, hi] (inclusive); hi >= lo. */
uint64_t fix_rand_range(uint64_t *state, uint64_t lo, uint64_t hi);

/* ---- generated platforms ---------------------------------------------- */

#define FIX_GEN_DMIPS (1u << 0)	    /* capacity-dmips-mhz + DT OPPs (dpc) */
#define FIX_GEN_SMT (1u << 1)	    /* CPUs paired as SMT siblings */
#define FIX_GEN_SYMMETRIC (1u << 2) /* every CPU capacity 1024 */
#define FIX_GEN_NO_SKIP (1u << 3)   /* no_skip_inefficiencies = true */
#define FIX_GEN_SHUFFLE (1u << 4)   /* PD CPU lists in random order */

struct fix_gen_params {
	uint32_t nr_cpus;   /* >= 1 */
	uint32_t nr_pds;    /* 1..nr_cpus; contiguous CPU blocks */
	uint32_t nr_states; /* per domain, >= 1 */
	uint64_t seed;
	uint32_t flags; /* FIX_GEN_* */
};

/*
 * A generated description. Without FIX_GEN_DMIPS each domain has a random
 * capacity (the last domain 1024) given directly and energy-model-style
 * states in uW (random frequencies, power roughly quadratic in frequency
 * with noise, so some states are inefficient); with FIX_GEN_DMIPS, random
 * dmips per domain (last 1024), DT OPPs with voltages and a dpc, fmax
 * below 4 GHz. Valid for both flavours (power within both maxima).
 */
struct fix_gen;
struct fix_gen *fix_gen_new(const struct fix_gen_params *p);
const struct eas_platform_desc *fix_gen_desc(const struct fix_gen *g);
void fix_gen_free(struct fix_gen *g);
/* fix_gen_new + fix_build + fix_gen_free. */
struct eas_platform *fix_generated(const struct fix_gen_params *p,
				   enum eas_kernel k, uint32_t opts);

#endif /* LIBEAS_TEST_FIXTURES_H */
