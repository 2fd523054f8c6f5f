/* SPDX-License-Identifier: MIT */
/*
 * eas place explanations (issue 9 item 13), golden values derived by hand:
 *  - per candidate, the max_util / sum_util / OPP the energy model was
 *    given, with p and for the base, on sched-energy-example
 *    (docs/kernel-eas.md §7.1 scenarios A and B, both flavours);
 *  - the v6.19 "fits" reason (util_fits_cpu() ranking beats a lower
 *    energy, examples/scenarios/uclamp-min.json);
 *  - the slow path of a fork (groups, group decision, group CPUs);
 *  - the fast path of an overutilized wake-up (select_idle_sibling(),
 *    select_idle_capacity());
 *  - why EAS did not run (symmetric platform; overutilized).
 * The scenario files are the repository's examples; the symmetric
 * platform is inline.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/balance.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>

#include "testutil.h"

#define MAXS 256

struct run {
	struct eas_json_platform jp;
	struct eas_place_candidate cand[8];
	struct eas_place_step steps[MAXS];
	struct eas_place_result r;
	struct eas_place_steps st;
	int cpu;
};

static char *slurp_src(const char *rel, size_t *len)
{
	char path[1024];
	char *b;

	snprintf(path, sizeof(path), "%s/%s", EAS_SOURCE_DIR, rel);
	b = eas_test_slurp(path, len);
	assert_non_null(b);
	return b;
}

/* place the scenario (buffer) on the platform (buffer) with flavour k */
static void place_bufs(struct run *x, const char *pbuf, size_t plen,
		       const char *sbuf, size_t slen, enum eas_kernel k)
{
	struct eas_json_diag d;
	struct eas_scenario sc;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;

	memset(x, 0, sizeof(*x));
	assert_int_equal(eas_json_platform_load(pbuf, plen, k, 0, &x->jp, &d),
			 0);
	assert_int_equal(
		eas_json_scenario_load(sbuf, slen, x->jp.pf.nr_cpus, &sc, &d),
		0);
	eas_scenario_system(&sc, &x->jp.pf, &sys);
	p = sc.task;
	w = sc.waker;
	x->r.feec.candidates = x->cand;
	x->r.feec.max_candidates = 8;
	x->st.steps = x->steps;
	x->st.max_steps = MAXS;
	assert_true(EAS_PLACE_MAX_STEPS(x->jp.pf.nr_cpus, x->jp.pf.nr_levels) <=
		    MAXS);
	x->cpu = eas_select_task_rq_fair_explain(&sys, &p, &w, sc.wake_flags,
						 &x->r, &x->st);
	assert_true(x->cpu >= 0);
	assert_int_equal(x->st.nr_steps, x->st.nr_steps_total);
	eas_scenario_free(&sc);
}

static void place(struct run *x, const char *scenario, enum eas_kernel k)
{
	size_t plen, slen;
	char *pbuf = slurp_src("examples/platforms/sched-energy-example.json",
			       &plen);
	char *sbuf = slurp_src(scenario, &slen);

	place_bufs(x, pbuf, plen, sbuf, slen, k);
	free(pbuf);
	free(sbuf);
}

static void done(struct run *x)
{
	eas_json_platform_free(&x->jp);
}

/* expected candidate: cpu, max_util, sum_util, opp, kHz, and the base */
struct cand_exp {
	int32_t cpu;
	uint64_t max_util, sum_util;
	uint32_t opp;
	uint64_t khz;
	uint64_t base_max_util, base_sum_util;
	uint32_t base_opp;
	uint64_t base_khz;
	uint64_t energy, base_energy;
};

static void check_cands(const struct run *x, const struct cand_exp *e,
			uint32_t n)
{
	uint32_t i;

	assert_int_equal(x->r.feec.nr_candidates, n);
	for (i = 0; i < n; i++) {
		const struct eas_place_candidate *c = &x->cand[i];

		assert_int_equal(c->cpu, e[i].cpu);
		assert_int_equal(c->max_util, e[i].max_util);
		assert_int_equal(c->sum_util, e[i].sum_util);
		assert_int_equal(c->opp, e[i].opp);
		assert_int_equal(c->opp_khz, e[i].khz);
		assert_int_equal(c->base_max_util, e[i].base_max_util);
		assert_int_equal(c->base_sum_util, e[i].base_sum_util);
		assert_int_equal(c->base_opp, e[i].base_opp);
		assert_int_equal(c->base_opp_khz, e[i].base_khz);
		assert_int_equal(c->energy, e[i].energy);
		assert_int_equal(c->base_energy, e[i].base_energy);
	}
}

/*
 * Scenario A, v5.4 (kernel-eas.md §7.1). rd->pd order: big, little.
 * compute_energy(): max_util = max FREQUENCY_UTIL, sum_util = sum
 * ENERGY_UTIL; em_pd_energy(): freq = 1.25 * fmax * max_util / cap, the
 * first OPP >= freq, energy = cost * sum_util / cap.
 *  big, CPU3 (max spare: 1024 - 700 = 324 > 1024 - 800): utils 600 / 700
 *    -> max 700, freq 1280 * 700 / 1024 = 875 -> OPP2 1024 kHz, sum 1300,
 *    1700 * 1300 / 1024 = 2158; base 600 / 500 -> max 600 -> 750 ->
 *    OPP1 768, sum 1100, 1066 * 1100 / 1024 = 1145.
 *  little, prev CPU0: 400 / 100 -> max 400 -> 640 * 400 / 512 = 500 ->
 *    OPP2 512, sum 500, 300 * 500 / 512 = 292; base 200 / 100 -> 250 ->
 *    OPP1 341, sum 300, 225 * 300 / 512 = 131.
 *  little, CPU1 (spare 212 > 112): 200 / 300 -> 375 -> OPP2, sum 500.
 * CPU1's delta 161 is not below prev's 161: best stays prev (prev_best).
 */
static void test_scenario_a_v54(void **state)
{
	static const struct cand_exp e[] = {
		{ 3, 700, 1300, 2, 1024, 600, 1100, 1, 768, 2158, 1145 },
		{ 0, 400, 500, 2, 512, 200, 300, 1, 341, 292, 131 },
		{ 1, 300, 500, 2, 512, 200, 300, 1, 341, 292, 131 },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/sched-energy-a.json", EAS_KERNEL_V5_4);
	assert_int_equal(x.cpu, 0);
	assert_int_equal(x.r.feec.reason, EAS_FEEC_PREV_BEST);
	assert_int_equal(x.r.no_eas, EAS_NOEAS_NONE);
	assert_string_equal(eas_energy_unit(&x.jp.pf), "mW");
	check_cands(&x, e, 3);
	assert_true(x.cand[1].is_prev);
	done(&x);
}

/*
 * Scenario A, v6.19: eenv_pd_max_util() = max sugov_effective_cpu_perf()
 * = util * 1.25 (no rt / dl / irq / uclamp), capped at cpu_cap;
 * em_pd_get_efficient_state(): first OPP with performance >= max_util;
 * busy time = sum of utils (+ task_busy_time 200 with p).
 *  big CPU3: 700 -> 875 -> OPP2 (perf 1024), busy 1300, 16601 * 1300;
 *    base 600 -> 750 -> OPP1 (perf 768), busy 1100, 10416 * 1100.
 *  little prev CPU0: 400 -> 500 -> OPP2 (512), busy 300 + 200 = 500,
 *    5859 * 500; base 200 -> 250 -> OPP1 (341), busy 300, 4398 * 300.
 *  CPU1: 300 -> 375 -> OPP2, busy 500.
 */
static void test_scenario_a_v619(void **state)
{
	static const struct cand_exp e[] = {
		{ 3, 875, 1300, 2, 1024, 750, 1100, 1, 768, 21581300,
		  11457600 },
		{ 0, 500, 500, 2, 512, 250, 300, 1, 341, 2929500, 1319400 },
		{ 1, 375, 500, 2, 512, 250, 300, 1, 341, 2929500, 1319400 },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/sched-energy-a.json", EAS_KERNEL_V6_19);
	assert_int_equal(x.cpu, 0);
	assert_int_equal(x.r.feec.reason, EAS_FEEC_PREV_BEST);
	assert_string_equal(eas_energy_unit(&x.jp.pf), "0.1uW");
	check_cands(&x, e, 3);
	done(&x);
}

/*
 * Scenario B (utils 200 / 100 / 600 / 700, p = 200 on prev CPU3), v5.4:
 *  big prev CPU3: 600 / 700 -> max 700 -> OPP2, sum 1300; base 600 / 500
 *    -> OPP1, sum 1100 (prev_delta 2158 - 1145 = 1013).
 *  little CPU1 (spare 212 > 512 - 400): 200 / 300 -> 375 -> OPP2, sum
 *    500; base 200 / 100 -> 250 -> OPP1, sum 300 (delta 161).
 * 1013 - 161 = 852 > (1013 + 1276) >> 4 = 143: CPU1 by energy.
 */
static void test_scenario_b_v54(void **state)
{
	static const struct cand_exp e[] = {
		{ 3, 700, 1300, 2, 1024, 600, 1100, 1, 768, 2158, 1145 },
		{ 1, 300, 500, 2, 512, 200, 300, 1, 341, 292, 131 },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/sched-energy-b.json", EAS_KERNEL_V5_4);
	assert_int_equal(x.cpu, 1);
	assert_int_equal(x.r.feec.reason, EAS_FEEC_ENERGY);
	assert_int_equal(x.r.feec.margin, 143);
	check_cands(&x, e, 2);
	done(&x);
}

/*
 * uclamp-min.json, v6.19 (uclamp used; p: util 100, uclamp_min 800, prev
 * CPU0; utils 100 (incl. p) / 50 / 200 / 0, CPU3 uclamp-idle):
 *  big, CPU3 (util_fits_cpu() 1): dst request max(800, 125) = 800 (p's
 *    uclamp_min; CPU3 idle so max = p's uclamp_max); CPU2 250 -> max 800
 *    -> OPP2 (768 < 800 <= 1024); busy 200 + 0 + 100 = 300, 16601 * 300 =
 *    4980300; base max 250 -> OPP0 (perf 512), busy 200, 7812 * 200.
 *  little, prev CPU0 (util_fits_cpu() -1: 800 > 512): request 800 capped
 *    at cpu_cap 512 -> OPP2; busy 0 + 50 + 100 = 150, 5859 * 150 = 878850;
 *    base CPU1 50 -> 62 -> OPP0 (170), busy 50, 2941 * 50 = 147050.
 * prev_delta 731800 < CPU3's 3417900, yet best_fits 1 > prev_fits -1:
 * CPU3 by the fits ranking ("fits", not "energy"); the kernel's best_delta
 * was lowered to prev_delta by min(best_delta, prev_delta).
 */
static void test_uclamp_fits_reason(void **state)
{
	static const struct cand_exp e[] = {
		{ 3, 800, 300, 2, 1024, 250, 200, 0, 512, 4980300, 1562400 },
		{ 0, 512, 150, 2, 512, 62, 50, 0, 170, 878850, 147050 },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/uclamp-min.json", EAS_KERNEL_V6_19);
	assert_int_equal(x.cpu, 3);
	assert_int_equal(x.r.path, EAS_PATH_EAS);
	assert_int_equal(x.r.feec.reason, EAS_FEEC_FITS);
	assert_string_equal(eas_feec_reason_name(x.r.feec.reason), "fits");
	assert_int_equal(x.r.feec.best_fits, 1);
	assert_int_equal(x.r.feec.prev_fits, -1);
	assert_int_equal(x.r.feec.best_delta, 731800);
	assert_int_equal(x.r.feec.prev_delta, 731800);
	check_cands(&x, e, 2);
	assert_int_equal(x.cand[0].fits, 1);
	assert_int_equal(x.cand[1].fits, -1);
	done(&x);
}

struct step_exp {
	enum eas_step_kind kind;
	int32_t cpu;
	enum eas_step_test test;
	bool chosen;
};

static void check_steps(const struct run *x, const struct step_exp *e,
			uint32_t n)
{
	uint32_t i;

	for (i = 0; i < x->st.nr_steps; i++)
		fprintf(stderr, "  step %u: %s cpu %d %s%s\n", i,
			eas_step_kind_name(
				(enum eas_step_kind)x->steps[i].kind),
			x->steps[i].cpu,
			eas_step_test_name(
				(enum eas_step_test)x->steps[i].test),
			x->steps[i].chosen ? " chosen" : "");
	assert_int_equal(x->st.nr_steps, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(x->steps[i].kind, e[i].kind);
		assert_int_equal(x->steps[i].cpu, e[i].cpu);
		assert_int_equal(x->steps[i].test, e[i].test);
		assert_int_equal(x->steps[i].chosen, e[i].chosen);
	}
}

/*
 * fork.json, v6.19 sched_balance_find_dst_cpu() from CPU0:
 *  PKG (SD_ASYM_CPUCAPACITY): local group {0,1}: p (util 512) fits
 *    neither little (512 * 1280 >= 512 * 1024) -> group_misfit_task;
 *    group {2,3}: no task, both idle -> group_has_spare, idle_cpus 2,
 *    the idlest. local type misfit_task > has_spare: take {2,3}.
 *  sched_balance_find_dst_group_cpu({2,3}): both idle, exit latency 100
 *    then 50 < 100: CPU3.
 *  CPU3's domains below PKG's weight 4: MC {2,3} has SD_BALANCE_FORK.
 *    local {3} and {2}: both has_spare with 1 idle CPU; local idle_cpus
 *    1 >= 1: keep local. No child: CPU3.
 */
static void test_fork_slow_path_v619(void **state)
{
	static const struct step_exp e[] = {
		{ EAS_STEP_GROUP, 0, EAS_TEST_GROUP_LOCAL, false },
		{ EAS_STEP_GROUP, 2, EAS_TEST_GROUP_IDLEST, false },
		{ EAS_STEP_GROUP_PICK, 2, EAS_TEST_PICK_IDLEST, false },
		{ EAS_STEP_GROUP_CPU, 2, EAS_TEST_IDLE, false },
		{ EAS_STEP_GROUP_CPU, 3, EAS_TEST_IDLE, true },
		{ EAS_STEP_GROUP, 3, EAS_TEST_GROUP_LOCAL, false },
		{ EAS_STEP_GROUP, 2, EAS_TEST_GROUP_IDLEST, false },
		{ EAS_STEP_GROUP_PICK, -1, EAS_TEST_PICK_LOCAL_IDLE, false },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/fork.json", EAS_KERNEL_V6_19);
	assert_int_equal(x.cpu, 3);
	assert_int_equal(x.r.path, EAS_PATH_IDLEST);
	assert_int_equal(x.r.no_eas, EAS_NOEAS_NOT_WAKEUP);
	check_steps(&x, e, 8);
	assert_int_equal(x.steps[0].group_type, EAS_GROUP_MISFIT_TASK);
	assert_true(x.steps[0].local);
	assert_int_equal(x.steps[0].nr_cpus, 2);
	assert_int_equal(x.steps[0].util, 500); /* 300 + 200 */
	assert_int_equal(x.steps[1].group_type, EAS_GROUP_HAS_SPARE);
	assert_int_equal(x.steps[1].idle_cpus, 2);
	assert_int_equal(x.steps[1].capacity, 1024);
	assert_int_equal(x.steps[3].exit_latency, 100);
	assert_int_equal(x.steps[4].exit_latency, 50);
	assert_int_equal(x.steps[5].idle_cpus, 1);
	assert_int_equal(x.steps[6].idle_cpus, 1);
	done(&x);
}

/*
 * fork.json, v5.4 find_idlest_cpu() from CPU0 (fork: no spare-capacity
 * shortcut). DIE: local {0,1} runnable (2048 + 1024) * 1024 / 1024 =
 * 3072; {2,3} 0, the idlest (and most spare, 1024). 3072 is neither
 * below 0 + imbalance nor ...: take {2,3}; find_idlest_group_cpu(): CPU3
 * (exit latency 50 < 100). MC from CPU3: local {3} and {2} both 0; the
 * local group is kept only if this_runnable < min + imbalance AND
 * 100 * this_avg (0) < imbalance_scale * min_avg (0): false -> {2}; its
 * single CPU 2.
 */
static void test_fork_slow_path_v54(void **state)
{
	static const struct step_exp e[] = {
		{ EAS_STEP_GROUP, 0, EAS_TEST_GROUP_LOCAL, false },
		{ EAS_STEP_GROUP, 2, EAS_TEST_GROUP_BOTH, false },
		{ EAS_STEP_GROUP_PICK, 2, EAS_TEST_PICK_IDLEST, false },
		{ EAS_STEP_GROUP_CPU, 2, EAS_TEST_IDLE, false },
		{ EAS_STEP_GROUP_CPU, 3, EAS_TEST_IDLE, true },
		{ EAS_STEP_GROUP, 3, EAS_TEST_GROUP_LOCAL, false },
		{ EAS_STEP_GROUP, 2, EAS_TEST_GROUP_BOTH, false },
		{ EAS_STEP_GROUP_PICK, 2, EAS_TEST_PICK_IDLEST, false },
		{ EAS_STEP_GROUP_CPU, 2, EAS_TEST_IDLE, true },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/fork.json", EAS_KERNEL_V5_4);
	assert_int_equal(x.cpu, 2);
	check_steps(&x, e, 9);
	assert_int_equal(x.steps[0].runnable, 3072);
	assert_int_equal(x.steps[1].runnable, 0);
	assert_int_equal(x.steps[1].util, 1024); /* max spare */
	done(&x);
}

/*
 * overutilized.json, v6.19: CPU0 450 / 512 is overutilized, so
 * select_task_rq_fair() skips feec (no_eas overutilized). wake_affine()
 * (sync) keeps prev CPU1 as target. select_idle_sibling(): target CPU1
 * runs a task (busy; asym_fits_cpu(): 150 fits 512 -> fits 1); prev ==
 * target, no recent_used_cpu; asymmetric: select_idle_capacity() over
 * the PKG span from CPU1: CPU1 busy, CPU2 idle and util_fits_cpu() 1 ->
 * CPU2, returned at once (CPU3, CPU0 not looked at).
 */
static void test_fast_path_v619(void **state)
{
	static const struct step_exp e[] = {
		{ EAS_STEP_TARGET, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CAPACITY, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CAPACITY, 2, EAS_TEST_IDLE, true },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/overutilized.json", EAS_KERNEL_V6_19);
	assert_int_equal(x.cpu, 2);
	assert_false(x.r.eas_entered);
	assert_int_equal(x.r.no_eas, EAS_NOEAS_OVERUTILIZED);
	assert_int_equal(x.r.sis_target, 1);
	check_steps(&x, e, 3);
	assert_int_equal(x.steps[0].fits, 1);
	assert_int_equal(x.steps[2].fits, 1);
	assert_int_equal(x.steps[2].capacity, 1024);
	done(&x);
}

/*
 * overutilized.json, v5.4: feec() runs and returns -1 (overutilized:
 * no_eas overutilized, eas_entered). wake_affine() -> CPU0 (waker, sync,
 * weight). select_idle_sibling(0): CPU0 busy, prev CPU1 (same LLC) busy;
 * no SMT; select_idle_cpu() over MC {0,1} from 0: both busy; nothing ->
 * target CPU0 (fallback).
 */
static void test_fast_path_v54(void **state)
{
	static const struct step_exp e[] = {
		{ EAS_STEP_TARGET, 0, EAS_TEST_BUSY, false },
		{ EAS_STEP_PREV, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CPU, 0, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CPU, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_FALLBACK, 0, EAS_TEST_BUSY, true },
	};
	struct run x;

	(void)state;
	place(&x, "examples/scenarios/overutilized.json", EAS_KERNEL_V5_4);
	assert_int_equal(x.cpu, 0);
	assert_true(x.r.eas_entered);
	assert_int_equal(x.r.feec.reason, EAS_FEEC_OVERUTILIZED);
	assert_int_equal(x.r.no_eas, EAS_NOEAS_OVERUTILIZED);
	check_steps(&x, e, 5);
	done(&x);
}

/* four equal CPUs, one perf domain: no asymmetric-capacity domain, so
 * sched_energy_enabled() is false (EAS_OFF_SYMMETRIC) */
static const char sym_pf[] =
	"{\"format\":\"libeas-platform/1\",\"name\":\"sym4\","
	"\"cpus\":[{\"cpu\":0,\"capacity\":1024},{\"cpu\":1,\"capacity\":1024},"
	"{\"cpu\":2,\"capacity\":1024},{\"cpu\":3,\"capacity\":1024}],"
	"\"perf_domains\":[{\"name\":\"all\",\"cpus\":[0,1,2,3],\"states\":["
	"{\"frequency_khz\":1000,\"power_mw\":100},"
	"{\"frequency_khz\":2000,\"power_mw\":400}]}]}";
/* CPU0 overutilized (900 / 1024), CPU2 idle; wake-up of a task from
 * CPU1 by CPU1 (no wake_affine: waker on prev) */
static const char sym_sc[] = "{\"format\":\"libeas-scenario/1\",\"cpus\":["
			     "{\"cpu\":0,\"util_avg\":900,\"nr_running\":1},"
			     "{\"cpu\":1,\"util_avg\":100,\"nr_running\":1},"
			     "{\"cpu\":2,\"util_avg\":0},"
			     "{\"cpu\":3,\"util_avg\":300,\"nr_running\":1}],"
			     "\"task\":{\"util_avg\":100,\"prev_cpu\":1},"
			     "\"waker\":{\"cpu\":1},\"wake\":\"ttwu\"}";

/*
 * Symmetric platform: EAS cannot run for the platform's reason, whatever
 * the utilisation (CPU0 is overutilized too, but rd->overutilized is
 * false without EAS in both flavours and feec is never called).
 * select_idle_sibling(1): target CPU1 busy (prev == target, waker on
 * prev: no wake_affine). v5.4 select_idle_cpu() over the LLC from CPU1
 * (SIS_PROP budget large enough): CPU1 busy, CPU2 idle -> CPU2. v6.19
 * SIS_UTIL: nr = sd_share->nr_idle_scan (0 here) + 1 = 1 -> no scan at
 * all (scan_limit), select_idle_sibling() falls back to target CPU1.
 */
static void test_symmetric_no_eas(void **state)
{
	static const struct step_exp e54[] = {
		{ EAS_STEP_TARGET, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CPU, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CPU, 2, EAS_TEST_IDLE, true },
	};
	static const struct step_exp e619[] = {
		{ EAS_STEP_TARGET, 1, EAS_TEST_BUSY, false },
		{ EAS_STEP_IDLE_CPU, 1, EAS_TEST_SCAN_LIMIT, false },
		{ EAS_STEP_FALLBACK, 1, EAS_TEST_BUSY, true },
	};
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct run x;

		place_bufs(&x, sym_pf, sizeof(sym_pf) - 1, sym_sc,
			   sizeof(sym_sc) - 1, (enum eas_kernel)k);
		assert_false(x.jp.pf.eas_possible);
		assert_int_equal(x.jp.pf.eas_reason, EAS_OFF_SYMMETRIC);
		assert_int_equal(x.r.no_eas, EAS_NOEAS_PLATFORM);
		assert_string_equal(eas_no_eas_reason_name(x.r.no_eas),
				    "platform");
		assert_false(x.r.eas_entered);
		assert_false(x.r.overutilized);
		assert_int_equal(x.cpu, k ? 1 : 2);
		check_steps(&x, k ? e619 : e54, 3);
		done(&x);
	}
}

/* sched-energy-a.json with the sysctl kernel.sched_energy_aware off */
static const char off_sc[] =
	"{\"format\":\"libeas-scenario/1\","
	"\"features\":{\"util_est\":false,\"energy_aware\":false},"
	"\"cpus\":[{\"cpu\":0,\"util_avg\":400,\"nr_running\":1},"
	"{\"cpu\":1,\"util_avg\":100,\"nr_running\":1},"
	"{\"cpu\":2,\"util_avg\":600,\"nr_running\":1},"
	"{\"cpu\":3,\"util_avg\":500,\"nr_running\":1}],"
	"\"task\":{\"util_avg\":200,\"prev_cpu\":0},"
	"\"waker\":{\"cpu\":0},\"wake\":\"ttwu\"}";

/*
 * EAS possible on the platform but switched off (energy_aware): v5.4
 * sched_energy_enabled() and v6.19's feec both need it, so feec is not
 * called (no_eas disabled) and the fast path runs: target = prev CPU0
 * (waker on prev: no wake_affine), busy; v6.19 asymmetric:
 * select_idle_capacity() over the whole system from CPU0 finds every CPU
 * busy and returns -1 -> fallback CPU0; v5.4: select_idle_cpu() over the
 * little MC {0,1}: both busy -> fallback CPU0.
 */
static void test_eas_disabled(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		struct run x;
		size_t plen;
		char *pbuf = slurp_src(
			"examples/platforms/sched-energy-example.json", &plen);

		place_bufs(&x, pbuf, plen, off_sc, sizeof(off_sc) - 1,
			   (enum eas_kernel)k);
		free(pbuf);
		assert_true(x.jp.pf.eas_possible);
		assert_int_equal(x.r.no_eas, EAS_NOEAS_DISABLED);
		assert_false(x.r.eas_entered);
		assert_int_equal(x.cpu, 0);
		assert_int_equal(x.steps[0].kind, EAS_STEP_TARGET);
		assert_int_equal(x.steps[x.st.nr_steps - 1].kind,
				 EAS_STEP_FALLBACK);
		assert_true(x.steps[x.st.nr_steps - 1].chosen);
		done(&x);
	}
}

/* the CLI prints the new fields (docs/formats.md §4) */
static void test_cli_fields(void **state)
{
	char cmd[2048], *out;
	size_t n;

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place %s/examples/platforms/"
		 "sched-energy-example.json %s/examples/scenarios/"
		 "uclamp-min.json --json > %s/place_explain.json",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR,
		 EAS_BINARY_DIR);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/place_explain.json", EAS_BINARY_DIR);
	out = eas_test_slurp(cmd, &n);
	assert_non_null(out);
	assert_non_null(strstr(out, "\"result\":3,\"reason\":\"fits\""));
	assert_non_null(strstr(out, "\"energy_unit\":\"0.1uW\""));
	assert_non_null(strstr(out, "\"max_util\":800,\"sum_util\":300,"
				    "\"opp\":2,\"opp_khz\":1024,"
				    "\"base_max_util\":250,"
				    "\"base_sum_util\":200,\"base_opp\":0,"
				    "\"base_opp_khz\":512}"));
	assert_non_null(strstr(out, "\"no_eas\":\"none\",\"eas_off\":null,"
				    "\"steps\":[]}"));
	free(out);
	snprintf(cmd, sizeof(cmd),
		 "%s/tools/eas place %s/examples/platforms/"
		 "sched-energy-example.json %s/examples/scenarios/"
		 "fork.json > %s/place_explain.txt",
		 EAS_BINARY_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR,
		 EAS_BINARY_DIR);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/place_explain.txt", EAS_BINARY_DIR);
	out = eas_test_slurp(cmd, &n);
	assert_non_null(out);
	assert_non_null(strstr(out, "energy-aware placement not used: "
				    "not_wakeup\n"));
	assert_non_null(strstr(out, "    group_cpu     cpu 3 idle: "
				    "exit_latency 50, idle_stamp 0  <- "
				    "chosen\n"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenario_a_v54),
		cmocka_unit_test(test_scenario_a_v619),
		cmocka_unit_test(test_scenario_b_v54),
		cmocka_unit_test(test_uclamp_fits_reason),
		cmocka_unit_test(test_fork_slow_path_v619),
		cmocka_unit_test(test_fork_slow_path_v54),
		cmocka_unit_test(test_fast_path_v619),
		cmocka_unit_test(test_fast_path_v54),
		cmocka_unit_test(test_symmetric_no_eas),
		cmocka_unit_test(test_eas_disabled),
		cmocka_unit_test(test_cli_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
