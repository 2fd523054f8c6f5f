/* SPDX-License-Identifier: MIT */
/*
 * The simulator's physics and behaviour: PELT golden values, util of
 * always-running / periodic tasks, schedutil OPP choice, EM energy of a
 * busy CPU, CFS fair share, RT preemption, determinism, EAS vs --no-eas,
 * and the three active-balance mechanisms.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include "../../lib/sim/sim_internal.h" /* eas__sim_check() */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- PELT arithmetic ------------------------------------------------- */

/* Literal float-free reference: y^n via repeated halving every 32 and
 * the table, checked against known kernel values. */
static void test_pelt_decay_golden(void **state)
{
	(void)state;
	/* the kernel's own comment: 100 * y^31 >> 32 ~ 51 */
	assert_int_equal(eas_pelt_decay_load(100, 31), 51);
	assert_int_equal(eas_pelt_decay_load(1024, 32), 511);
	assert_int_equal(eas_pelt_decay_load(1024, 0), 1023);
	assert_int_equal(eas_pelt_decay_load(47742, 64), 11934);
	assert_int_equal(eas_pelt_decay_load(1u << 30, 32 * 63 + 1), 0);
	/* __accumulate_pelt_segments: a full period from 0 */
	assert_int_equal(eas_pelt_segments(1, 1024, 0), 1002);
	/* LOAD_AVG_MAX - decay(LOAD_AVG_MAX, 345) - 1024 + 1024 ~ max */
	assert_true(eas_pelt_segments(345, 1024, 0) <= EAS_PELT_LOAD_AVG_MAX);
	assert_true(eas_pelt_segments(345, 1024, 0) >
		    EAS_PELT_LOAD_AVG_MAX - 1100);
}

/* An always-running entity from 0: util after 32 ms and the limit. */
static void test_pelt_running_golden(void **state)
{
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_pelt sa;
		uint64_t t;

		memset(&sa, 0, sizeof(sa));
		/* update every 1 ms (ns clock) for 32 periods of 1024 us */
		for (t = 1024 * 1024; t <= 32ull * 1024 * 1024;
		     t += 1024 * 1024)
			eas_pelt_update(ks[i], &sa, t, 1, 1, 1, 1024, 1024);
		/* 1024 * (1 - y^32) = 512 less the truncations */
		assert_in_range(sa.util_avg, 500, 512);
		for (; t <= 2000ull * 1024 * 1024; t += 1024 * 1024)
			eas_pelt_update(ks[i], &sa, t, 1, 1, 1, 1024, 1024);
		assert_in_range(sa.util_avg, 1000, 1024);
		assert_in_range(sa.load_avg, 1000, 1024);
	}
}

/* Splitting an interval must not change the signal much (segments). */
static void test_pelt_split_invariance(void **state)
{
	struct eas_pelt a, b;
	uint64_t seed = 12345, t = 0, i;

	(void)state;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	for (i = 0; i < 2000; i++) {
		uint64_t d, run;

		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		d = (seed >> 33) % (5 * 1024 * 1024) + 1024;
		run = (seed >> 20) & 1;
		/* a: one update; b: two halves */
		eas_pelt_update(EAS_KERNEL_V6_19, &b, t + d / 2, run, run,
				(int)run, 1024, 1024);
		t += d;
		eas_pelt_update(EAS_KERNEL_V6_19, &a, t, run, run, (int)run,
				1024, 1024);
		eas_pelt_update(EAS_KERNEL_V6_19, &b, t, run, run, (int)run,
				1024, 1024);
		assert_true(a.util_avg <= b.util_avg + 12 &&
			    b.util_avg <= a.util_avg + 12);
	}
}

static void test_nice_weight(void **state)
{
	(void)state;
	assert_int_equal(eas_nice_to_weight(0), 1024);
	assert_int_equal(eas_nice_to_weight(-20), 88761);
	assert_int_equal(eas_nice_to_weight(19), 15);
	assert_int_equal(eas_nice_to_weight(5), 335);
}

/* ---- whole simulations ------------------------------------------------ */

/* 2 little (512 dmips/MHz at 1.5 GHz: capacity 384) + 2 big (1024 at
 * 2 GHz: 1024); costs rise with frequency, so no state is inefficient
 * (v6.19 would skip those in schedutil). */
static const char plat_json[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"test22\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity_dmips_mhz\":512},"
	"              {\"cpu\":1,\"capacity_dmips_mhz\":512},"
	"              {\"cpu\":2,\"capacity_dmips_mhz\":1024},"
	"              {\"cpu\":3,\"capacity_dmips_mhz\":1024} ],"
	"  \"perf_domains\": ["
	"   { \"cpus\": [0,1], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_mw\": 50},"
	"      {\"frequency_khz\": 1000000, \"power_mw\": 150},"
	"      {\"frequency_khz\": 1500000, \"power_mw\": 300} ] },"
	"   { \"cpus\": [2,3], \"states\": ["
	"      {\"frequency_khz\": 500000, \"power_mw\": 400},"
	"      {\"frequency_khz\": 1000000, \"power_mw\": 900},"
	"      {\"frequency_khz\": 1500000, \"power_mw\": 1500},"
	"      {\"frequency_khz\": 2000000, \"power_mw\": 2300} ] } ] }";

struct run {
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
	const struct eas_sim_stats *st;
};

static void run_sim_on(struct run *r, const char *plat, enum eas_kernel k,
		       const char *wl, const struct eas_sim_config *cfg0)
{
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	char err[256];
	int e;

	memset(r, 0, sizeof(*r));
	memset(&cfg, 0, sizeof(cfg));
	if (cfg0)
		cfg = *cfg0;
	e = eas_json_platform_load(plat, strlen(plat), k, 0, &r->jp, &d);
	if (e)
		fprintf(stderr, "platform: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	e = eas_rtapp_load(wl, strlen(wl), &r->w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	r->s = eas_sim_create(&r->jp, &r->w, &cfg, &e, err, sizeof(err));
	assert_non_null(r->s);
	assert_int_equal(eas_sim_run(r->s, 0), 0);
	r->st = eas_sim_stats(r->s);
}

static void run_sim(struct run *r, enum eas_kernel k, const char *wl,
		    const struct eas_sim_config *cfg0)
{
	run_sim_on(r, plat_json, k, wl, cfg0);
}

static void run_free(struct run *r)
{
	eas_sim_free(r->s);
	eas_rtapp_free(&r->w);
	eas_json_platform_free(&r->jp);
}

static const struct eas_sim_task_stats *task_named(const struct run *r,
						   const char *n)
{
	uint32_t i;

	for (i = 0; i < r->st->nr_tasks; i++)
		if (!strcmp(r->st->tasks[i].comm, n))
			return &r->st->tasks[i];
	fail_msg("no task %s", n);
	return NULL;
}

/* An always-running task pinned on a big CPU: util ~ 1024, the big
 * domain at its top OPP all the time, energy = power x time exactly. */
static void test_busy_cpu_energy(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"hog\": { \"cpus\": [2], \"runtime\": 2000000 } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;
		const struct eas_sim_pd_stats *pd;

		run_sim(&r, ks[i], wl, NULL);
		assert_in_range(task_named(&r, "hog")->util_avg, 1000, 1024);
		assert_in_range(r.st->cpus[2].busy_ns, 950000000ull,
				1000000000ull);
		pd = &r.st->pds[1];
		/* boots at fmax; util 1024 keeps it there */
		assert_true(pd->residency_ns[3] > 0);
		/* EM power of each OPP x the time spent there (the only
		 * busy CPU of the domain; mW * ns / 10^6 = uJ) */
		{
			static const uint64_t mw[4] = { 400, 900, 1500, 2300 };
			uint64_t e = 0, j;

			for (j = 0; j < 4; j++)
				e += mw[j] * pd->residency_ns[j];
			e /= 1000000;
			assert_true(r.st->cpus[2].active_energy_uj <= e + 1 &&
				    e <= r.st->cpus[2].active_energy_uj + 4);
			/* and most of it at 2300 mW */
			assert_true(r.st->cpus[2].active_energy_uj > 2200000);
		}
		/* the other big CPU idles: no active energy */
		assert_int_equal(r.st->cpus[3].active_energy_uj, 0);
		run_free(&r);
	}
}

/*
 * A fully busy CPU at a fixed OPP for 1 s uses exactly its EM power for
 * 1 s, in both flavours' units (v5.4 1234 mW, v6.19 1234000 uW, both
 * 1234000 uJ); an idle CPU uses its idle state's power (5 mW = 5000 uJ).
 */
static void test_fixed_opp_energy(void **state)
{
	static const char plat[] =
		"{ \"format\": \"libeas-platform/1\", \"name\": \"one-opp\","
		"  \"cpus\": [ {\"cpu\": 0}, {\"cpu\": 1} ],"
		"  \"perf_domains\": [ { \"cpus\": [0, 1], \"states\": ["
		"     {\"frequency_khz\": 1000000, \"power_mw\": 1234} ] } ],"
		"  \"idle_states\": [ {\"name\": \"WFI\", \"exit_latency_us\": 1,"
		"     \"power_uw\": 5000} ] }";
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 },"
		"  \"tasks\": { \"hog\": { \"cpus\": [0], \"runtime\": 5000000 } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat, ks[i], wl, NULL);
		assert_int_equal(r.st->cpus[0].busy_ns, 1000000000ull);
		assert_int_equal(r.st->cpus[0].active_energy_uj, 1234000);
		assert_int_equal(r.st->cpus[0].idle_energy_uj, 0);
		assert_int_equal(r.st->cpus[1].active_energy_uj, 0);
		assert_int_equal(r.st->cpus[1].idle_energy_uj, 5000);
		assert_int_equal(r.st->energy_uj, 1239000);
		assert_int_equal(r.st->pds[0].energy_uj, 1239000);
		assert_int_equal(r.st->pds[0].residency_ns[0], 1000000000ull);
		run_free(&r);
	}
}

/*
 * A 10 % periodic task on the big CPU: 1 ms of big-CPU work every 10 ms.
 * Its util averages 1024 * 10 % = 102 whatever OPP schedutil picks
 * (frequency invariance: at a lower OPP it runs longer but the PELT clock
 * runs slower), and the same work on a little CPU (capacity 384) gives the
 * same util (capacity invariance). Time-averaged over the second half from 1000
 * samples of the CPU's cfs util_avg.
 */
static uint64_t mean_util(struct run *r, uint32_t cpu)
{
	uint64_t sum = 0, n = 0;
	uint32_t i;

	for (i = r->s->svg_n / 2; i < r->s->svg_n; i++, n++)
		sum += r->s->svg_util[(size_t)i * r->s->nr_cpus + cpu];
	return n ? sum / n : 0;
}

static void test_periodic_10pct(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 4, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"big\": { \"cpus\": [2], \"run\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },"
		"   \"lit\": { \"cpus\": [0], \"run\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_sim_config cfg;
		struct run r;
		const struct eas_sim_task_stats *t;

		memset(&cfg, 0, sizeof(cfg));
		cfg.svg_samples = 1000;
		run_sim(&r, ks[i], wl, &cfg);
		assert_in_range(mean_util(&r, 2), 97, 107);
		assert_in_range(mean_util(&r, 0), 97, 107);
		t = task_named(&r, "big");
		/* periodic with slack: no missed period; at 500 MHz (the
		 * lowest OPP, perf 256 >= 1.25 * 102) the run takes 4 ms */
		assert_int_equal(t->missed_periods, 0);
		assert_in_range(t->slack_us.p50, 5900, 6100);
		/* little (capacity 384 = 512 dmips x 1.5 GHz normalised
		 * against 1024 x 2 GHz): 500 MHz gives perf 128 < 1.25 * 105
		 * (util_est), so 1 GHz, capacity 256: 1 ms of big-CPU work
		 * takes 4 ms there too */
		t = task_named(&r, "lit");
		assert_int_equal(t->missed_periods, 0);
		assert_in_range(t->slack_us.p50, 5900, 6100);
		run_free(&r);
	}
}

/*
 * schedutil: a 30 % task (3 ms of big-CPU work every 10 ms) on big CPU 2
 * has util ~300..330; v5.4 asks 1.25 * 2 GHz * util / 1024 = 730..810 MHz,
 * v6.19 2 GHz * (util + util / 4) / 1024, the same: both pick 1 GHz, the
 * lowest OPP at or above. A 15 % task (1.5 ms of big-CPU work) pinned
 * to little CPU 0 (capacity 384) has util ~153 whatever OPP it ran at, and
 * asks 1.25 * 1.5 GHz * 153 / 384 = 747 MHz: 1 GHz.
 */
static void test_schedutil_opp(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 3, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"b\": { \"cpus\": [2], \"run\": 3000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },"
		"   \"l\": { \"cpus\": [0], \"run\": 1500,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;
		const struct eas_sim_pd_stats *big, *lit;

		run_sim(&r, ks[i], wl, NULL);
		big = &r.st->pds[1];
		lit = &r.st->pds[0];
		/* >= 90 % of the time at 1 GHz on both */
		assert_true(big->residency_ns[1] * 10 >= 9 * 3000000000ull);
		assert_true(lit->residency_ns[1] * 10 >= 9 * 3000000000ull);
		/* invariant util: ~307 for b, ~153 for l (1.5 ms of big
		 * work = 15 %) */
		assert_in_range(task_named(&r, "b")->util_est, 290, 340);
		assert_in_range(task_named(&r, "l")->util_est, 140, 175);
		run_free(&r);
	}
}

/* Two equal CFS tasks pinned to one CPU share it 50/50. The legacy
 * thread-level "runtime" is also rt-app's sched_data->runtime, so each
 * thread asks for a 5 s custom slice (sched_attr.sched_runtime), which
 * __setparam_fair() clamps to 100 ms: EEVDF alternates them in requests
 * of 100 ms (+ the 4 ms tick), so the shares differ by up to one. */
static void test_cfs_fair_share(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 2 },"
		"  \"tasks\": { \"a\": { \"cpus\": [3], \"runtime\": 5000000 },"
		"               \"b\": { \"cpus\": [3], \"runtime\": 5000000 } } }";
	struct run r;
	int64_t a, b;

	(void)state;
	run_sim(&r, EAS_KERNEL_V6_19, wl, NULL);
	a = (int64_t)task_named(&r, "a")->runtime_ns;
	b = (int64_t)task_named(&r, "b")->runtime_ns;
	assert_in_range(a + b, 1999000000, 2000000000);
	assert_true(a - b <= 104000000 && b - a <= 104000000);
	run_free(&r);

	/* nice 0 vs nice 5: 1024 : 335 */
	{
		static const char wl2[] =
			"{ \"global\": { \"duration\": 2 },"
			"  \"tasks\": { \"a\": { \"cpus\": [3], \"runtime\": 5000000 },"
			"   \"b\": { \"cpus\": [3], \"priority\": 5, \"runtime\": 5000000 } } }";

		run_sim(&r, EAS_KERNEL_V6_19, wl2, NULL);
		a = (int64_t)task_named(&r, "a")->runtime_ns;
		b = (int64_t)task_named(&r, "b")->runtime_ns;
		/* expected share of a: 1024 / 1359 = 75.3 %, over 2 s
		 * of 100 ms requests (b's lasts 100 ms of wall time, a
		 * third of its virtual time's worth): 71.6 % on v6.19 */
		assert_in_range(a * 1000 / (a + b), 700, 775);
		run_free(&r);
	}
}

/*
 * set_load_weight() (core.c, v5.4 / v6.19 / v7.1): a SCHED_IDLE task
 * weighs WEIGHT_IDLEPRIO = 3 (inverse WMULT_IDLEPRIO), whatever its nice,
 * against 1024 for a nice-0 SCHED_OTHER task. Two busy loops pinned on
 * one CPU for 1 s: the idle one's vruntime advances 1024 / 3 = 341 times
 * faster, so after its first turn (at most a tick, 4 ms, and a few
 * slices) it is never the leftmost / eligible one again while the other
 * runs: it gets well under 2 % of the CPU (about 3 / 1027 in the long
 * run). With its nice's weight it got half (496-500 ms), the defect.
 */
static void test_sched_idle_weight(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 },"
		"  \"tasks\": {"
		"   \"normal\": { \"cpus\": [3], \"runtime\": 2000000 },"
		"   \"idle\": { \"cpus\": [3], \"policy\": \"SCHED_IDLE\","
		"     \"runtime\": 2000000 } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	struct run r;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		uint64_t idle, normal;

		run_sim(&r, ks[i], wl, NULL);
		idle = task_named(&r, "idle")->runtime_ns;
		normal = task_named(&r, "normal")->runtime_ns;
		assert_true(idle + normal >= 999000000ull);
		assert_true(idle < 20000000ull);
		run_free(&r);
	}
}

/*
 * select_task_rq() (core.c, v5.4 / v6.19 / v7.1): a task allowed on one
 * CPU is not placed by select_task_rq_fair() (`if (p->nr_cpus_allowed > 1
 * ...)`, else cpumask_any()). The pinned periodic task below wakes 100
 * times (10 ms timer, 1 s) and is never a placement; the unpinned twin's
 * start (wake_up_new_task() goes through select_task_rq() too) and its
 * 100 wake-ups are: the stats count both as wake-ups (101 each), and the
 * placements are the twin's 101, not 202.
 */
static void test_pinned_not_placed(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 },"
		"  \"tasks\": {"
		"   \"pinned\": { \"cpus\": [2], \"run\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },"
		"   \"free\": { \"run\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	struct run r;

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		run_sim(&r, ks[i], wl, NULL);
		assert_int_equal(task_named(&r, "pinned")->wakeups,
				 task_named(&r, "free")->wakeups);
		assert_true(task_named(&r, "free")->wakeups >= 99);
		assert_int_equal(r.st->placements,
				 task_named(&r, "free")->wakeups);
		assert_int_equal(task_named(&r, "pinned")->main_cpu, 2);
		assert_int_equal(task_named(&r, "pinned")->migrations, 0);
		run_free(&r);
	}
}

/* An RT task preempts a CFS hog at once (latency 0) and gets its CPU
 * time in full; the hog gets the rest. rt-app's `runtime 1000` is
 * do { loadwait(32) } while (elapsed < 1000 us) (src/rt-app.c, case
 * rtapp_runtime): ceil(1000 / 32) = 32 chunks of 32 us at the calibration
 * speed (CPU0 = CPU1's capacity, top OPP) = 1024 us per period; 250
 * periods (1, 5, ..., 997 ms) = 256 ms; the hog the other 744 ms. */
static void test_rt_preempts_cfs(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 },"
		"  \"tasks\": { \"hog\": { \"cpus\": [1], \"runtime\": 5000000 },"
		"   \"rt\": { \"cpus\": [1], \"policy\": \"SCHED_FIFO\","
		"     \"priority\": 50, \"delay\": 1000, \"runtime\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 4000 } } } }";
	struct run r;
	const struct eas_sim_task_stats *rt;

	(void)state;
	run_sim(&r, EAS_KERNEL_V5_4, wl, NULL);
	rt = task_named(&r, "rt");
	assert_int_equal(rt->wakeup_latency_us.max, 0);
	assert_int_equal(rt->missed_periods, 0);
	assert_int_equal(rt->runtime_ns, 256000000);
	assert_int_equal(task_named(&r, "hog")->runtime_ns, 744000000);
	run_free(&r);
}

static char *sim_json_on(const char *plat, enum eas_kernel k, const char *wl,
			 const struct eas_sim_config *cfg, size_t *len)
{
	struct run r;
	char *buf = NULL;
	FILE *f;

	run_sim_on(&r, plat, k, wl, cfg);
	f = open_memstream(&buf, len);
	assert_non_null(f);
	eas_sim_write_json(r.s, f);
	fclose(f);
	run_free(&r);
	return buf;
}

static void test_determinism(void **state)
{
	const char *wl = eas_sim_default_workload();
	char *a, *b;
	size_t la, lb;

	(void)state;
	/* the default workload calibrates on CPU4: its own platform */
	a = sim_json_on(eas_sim_default_platform(), EAS_KERNEL_V6_19, wl, NULL,
			&la);
	b = sim_json_on(eas_sim_default_platform(), EAS_KERNEL_V6_19, wl, NULL,
			&lb);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	assert_non_null(strstr(a, "\"energy_uj\": "));
	free(a);
	free(b);
}

/* A light workload: EAS must spend less energy than --no-eas. */
static void test_eas_saves_energy(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 3, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"t\": { \"instance\": 4, \"run\": 1000,"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 16000 } } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run a, b;
		struct eas_sim_config cfg;

		memset(&cfg, 0, sizeof(cfg));
		run_sim(&a, ks[i], wl, &cfg);
		cfg.no_eas = true;
		run_sim(&b, ks[i], wl, &cfg);
		assert_true(a.st->placements_eas > 0);
		assert_int_equal(b.st->placements_eas, 0);
		assert_true(a.st->energy_uj < b.st->energy_uj);
		run_free(&a);
		run_free(&b);
	}
}

/*
 * The June 2021 race (kernel-eas.md §6), on HiKey960: "hog" (CFS) runs on
 * little CPU 0, pinned there for 100 ms, then allowed on big CPU 4 too, so
 * it becomes misfit. "rt" (SCHED_FIFO 50, CPUs 0 and 4) wakes every 2 ms
 * 0.2 ms before each tick and runs 1.5 ms on CPU 0: when CPU 4's balance
 * decides, the hog has just been preempted (cache hot, so the regular
 * detach refuses it) and busiest->curr is the RT task.
 *   stopper: moves the hog at once and preempts the RT task to do so;
 *   balance callback: its target is busiest->curr = the RT task, which is
 *     not CFS when it schedules out: every attempt fails, the hog stays;
 *   FIFO-1 thread: waits until the RT task sleeps, then moves the hog
 *     without preempting RT (a ~1.3 ms migration delay).
 */
static const char race_wl[] =
	"{ \"global\": { \"duration\": 2, \"calibration\": \"CPU4\" },"
	"  \"tasks\": {"
	"   \"hog\": { \"loop\": 1, \"phases\": {"
	"      \"pinned\": { \"cpus\": [0], \"runtime\": 100000 },"
	"      \"free\": { \"cpus\": [0, 4], \"runtime\": 1900000 } } },"
	"   \"rt\": { \"cpus\": [0, 4], \"policy\": \"SCHED_FIFO\", \"priority\": 50,"
	"      \"delay\": 3800, \"runtime\": 1500,"
	"      \"timer\": { \"ref\": \"unique\", \"period\": 2000 } } } }";

static void test_mechanisms_race(void **state)
{
	struct run r[3];
	const struct eas_sim_ab_stats *st, *cb, *f1;
	int m;

	(void)state;
	for (m = 0; m < 3; m++) {
		struct eas_sim_config cfg;

		memset(&cfg, 0, sizeof(cfg));
		cfg.ab_mech = (enum eas_mech)m;
		run_sim_on(&r[m], eas_sim_default_platform(), EAS_KERNEL_V6_19,
			   race_wl, &cfg);
	}
	st = &r[EAS_MECH_STOPPER].st->ab;
	cb = &r[EAS_MECH_BALANCE_CALLBACK].st->ab;
	f1 = &r[EAS_MECH_FIFO1_THREAD].st->ab;
	/* stopper: moved at once (migration cost 10 us), RT preempted */
	assert_int_equal(st->moved, 1);
	assert_int_equal(st->rt_preemptions, 1);
	assert_int_equal(st->delay_us.max, 10);
	assert_int_equal(st->context_switches, 2);
	/* callback: never moves; its target is the RT task, and when that
	 * switches out only the hog is left on the CPU, so every attempt
	 * fails (nr_running_le1, before the target_not_cfs check) */
	assert_int_equal(cb->moved, 0);
	assert_int_equal(cb->rt_preemptions, 0);
	assert_true(cb->kicked > 10);
	assert_int_equal(cb->failed[EAS_MECH_NR_RUNNING_LE1], cb->kicked);
	assert_int_equal(cb->context_switches, 0);
	/* so the hog stays on the little CPU under the RT task */
	assert_true(
		task_named(&r[EAS_MECH_BALANCE_CALLBACK], "hog")->runtime_ns *
			2 <
		task_named(&r[EAS_MECH_STOPPER], "hog")->runtime_ns);
	/* FIFO-1: moved after the RT task's run, no RT preemption */
	assert_int_equal(f1->moved, 1);
	assert_int_equal(f1->rt_preemptions, 0);
	assert_in_range(f1->delay_us.max, 1000, 1500);
	/* the RT task's latency is untouched by all three (it is the
	 * highest priority thing besides the stopper) */
	for (m = 0; m < 3; m++) {
		assert_int_equal(task_named(&r[m], "rt")->missed_periods, 0);
		assert_int_equal(eas__sim_check(r[m].s), 0);
	}
	for (m = 0; m < 3; m++)
		run_free(&r[m]);
}

/*
 * A misfit CFS task that never sleeps: "grower" starts small (placed on a
 * little CPU) and then needs 90 % of a big CPU every 10 ms, more than a
 * little CPU can give, so it runs without ever sleeping there; an RT task
 * (CPUs 0-3) and two helpers keep the little cluster busy. Stopper and
 * FIFO-1 move it; the balance callback waits for it to schedule out,
 * which it never does: active_balance stays set and every later attempt
 * fails (Dietmar Eggemann's objection to the RFC).
 */
static const char never_sleeps_wl[] =
	"{ \"global\": { \"duration\": 6, \"calibration\": \"CPU4\" },"
	"  \"tasks\": {"
	"   \"grower\": { \"loop\": 1, \"phases\": {"
	"      \"small\": { \"loop\": 50, \"run\": 800,"
	"                 \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },"
	"      \"big\": { \"loop\": 500, \"run\": 9000,"
	"               \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } },"
	"   \"irq_thread\": { \"policy\": \"SCHED_FIFO\", \"priority\": 50,"
	"      \"cpus\": [0, 1, 2, 3], \"run\": 300,"
	"      \"timer\": { \"ref\": \"unique\", \"period\": 2000 } },"
	"   \"helper\": { \"instance\": 2, \"run\": 2000,"
	"      \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";

static void test_mechanisms_never_sleeps(void **state)
{
	struct run r[3];
	int m;

	(void)state;
	for (m = 0; m < 3; m++) {
		struct eas_sim_config cfg;

		memset(&cfg, 0, sizeof(cfg));
		cfg.ab_mech = (enum eas_mech)m;
		run_sim_on(&r[m], eas_sim_default_platform(), EAS_KERNEL_V6_19,
			   never_sleeps_wl, &cfg);
	}
	assert_true(r[EAS_MECH_STOPPER].st->ab.moved > 0);
	assert_true(r[EAS_MECH_FIFO1_THREAD].st->ab.moved > 0);
	assert_int_equal(r[EAS_MECH_BALANCE_CALLBACK].st->ab.moved, 0);
	assert_true(r[EAS_MECH_BALANCE_CALLBACK]
			    .st->ab.failed[EAS_MECH_ALREADY_ACTIVE] > 100);
	/* misfit time: the callback leaves the task misfit for most of the
	 * run, the others for a moment */
	assert_true(r[EAS_MECH_BALANCE_CALLBACK].st->misfit_ns >
		    r[EAS_MECH_STOPPER].st->misfit_ns * 100);
	for (m = 0; m < 3; m++)
		run_free(&r[m]);
}

/* Run-queue consistency after every slice of simulated time, on every
 * example workload, both flavours. */
static void test_consistency(void **state)
{
	static const char *const wls[] = {
		"examples/workloads/heavy-mix.json",
		"examples/workloads/periodic-10pct.json",
		"examples/workloads/phone-light.json",
		"examples/workloads/ramp.json",
		"examples/workloads/rt-cfs-misfit.json",
		"examples/workloads/uclamp.json",
	};
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	const char *p = eas_sim_default_platform();
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(wls) / sizeof(wls[0]); i++) {
		char *wl = calloc(1, 1 << 16);
		FILE *f = fopen(wls[i], "r");
		size_t len;

		assert_non_null(wl);
		if (!f) {
			free(wl);
			continue;
		}
		len = fread(wl, 1, (1 << 16) - 1, f);
		fclose(f);
		assert_true(len > 0);
		for (k = 0; k < 2; k++) {
			struct eas_json_platform jp;
			struct eas_rtapp_workload w;
			struct eas_json_diag d;
			struct eas_sim_config cfg;
			struct eas_sim *s;
			uint64_t t;
			int err;

			memset(&cfg, 0, sizeof(cfg));
			cfg.duration_ns = 1000000000ull;
			cfg.ab_mech = (enum eas_mech)((i + (size_t)k) % 3);
			assert_int_equal(eas_json_platform_load(p, strlen(p),
								ks[k], 0, &jp,
								&d),
					 0);
			assert_int_equal(eas_rtapp_load(wl, len, &w, &d), 0);
			s = eas_sim_create(&jp, &w, &cfg, &err, NULL, 0);
			assert_non_null(s);
			for (t = 250000; t <= cfg.duration_ns; t += 250000) {
				eas_sim_run(s, t);
				assert_int_equal(eas__sim_check(s), 0);
			}
			eas_sim_free(s);
			eas_rtapp_free(&w);
			eas_json_platform_free(&jp);
		}
		free(wl);
	}
}

/*
 * util_est after a step up (1 ms -> 5 ms of big-CPU work every 10 ms, on
 * big CPU 2): v6.19 util_est_update() follows an increase at the first
 * dequeue (ewma = task_util), v5.4.0 (no UTIL_EST_FASTUP) moves the ewma
 * by a quarter of the difference per activation. Stepped in 100 us slices
 * to read the task at every dequeue.
 */
static void test_util_est_step_up(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 2, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"t\": { \"cpus\": [2], \"loop\": 1, \"phases\": {"
		"    \"small\": { \"loop\": 100, \"run\": 1000,"
		"       \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },"
		"    \"big\": { \"loop\": 100, \"run\": 5000,"
		"       \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim *s;
		const struct sim_task *t;
		uint64_t now, est_small = 0, prev_ewma = 0;
		uint32_t dequeues_big = 0;
		int err;
		enum sim_task_state last = SIM_TS_NEW;

		assert_int_equal(eas_json_platform_load(plat_json,
							strlen(plat_json),
							ks[i], 0, &jp, &d),
				 0);
		assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
		s = eas_sim_create(&jp, &w, NULL, &err, NULL, 0);
		assert_non_null(s);
		t = &s->tasks[0];
		for (now = 100000; now <= 1300000000ull; now += 100000) {
			uint64_t ewma, util;

			eas_sim_run(s, now);
			if (!(last == SIM_TS_RUNNING &&
			      t->state == SIM_TS_SLEEPING)) {
				last = t->state;
				continue;
			}
			last = t->state;
			/* just dequeued */
			ewma = ks[i] == EAS_KERNEL_V5_4 ?
				       t->ue.ewma :
				       t->ue.ewma & ~(uint64_t)0x80000000u;
			util = t->avg.util_avg;
			if (now < 1000000000ull) {
				est_small = ewma;
				prev_ewma = ewma;
				continue;
			}
			dequeues_big++;
			if (dequeues_big == 1) {
				if (ks[i] == EAS_KERNEL_V5_4) {
					/* a quarter of the way up at most */
					assert_true(ewma <=
						    prev_ewma +
							    (util - prev_ewma) /
								    4 +
							    2);
					assert_true(ewma > est_small);
				} else {
					/* straight to the task's util */
					assert_true(ewma + 30 >= util);
					assert_true(ewma > 3 * est_small);
				}
			}
			prev_ewma = ewma;
		}
		/* 30 periods later both have converged up (a few periods
		 * were missed while the OPP ramped, no dequeue then) */
		assert_true(dequeues_big >= 15);
		assert_true(prev_ewma > 400);
		assert_in_range(est_small, 80, 130);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

/*
 * The rq's UCLAMP_MAX once its only task, capped at util_max 300, sleeps
 * (core.c uclamp_rq_dec_id(): the emptied bucket held the rq value, so
 * uclamp_rq_max_value() finds no bucket and returns uclamp_idle_value(),
 * which for UCLAMP_MAX keeps the task's 300 and sets UCLAMP_FLAG_IDLE;
 * same in 5.4 and 6.19). The simulator used to aggregate over the tasks
 * it found on the CPU at each snapshot: here the sleeping task still
 * counted as curr during its own dequeue (300, not idle), and an empty rq
 * read 1024.
 * The task runs 1 ms every 10 ms on CPU 2; at 35.5 ms it sleeps; the rate
 * limit of 1 ns lets the dequeue's schedutil update fill the snapshot.
 */
static void test_uclamp_idle_keeps_max(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1, \"calibration\": \"CPU2\" },"
		"  \"tasks\": { \"capped\": { \"cpus\": [2], \"util_max\": 300,"
		"    \"run\": 1000,"
		"    \"timer\": { \"ref\": \"unique\", \"period\": 10000 } } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim_config cfg;
		struct eas_sim *s;
		int err;

		memset(&cfg, 0, sizeof(cfg));
		cfg.rate_limit_ns = 1;
		assert_int_equal(eas_json_platform_load(plat_json,
							strlen(plat_json),
							ks[i], 0, &jp, &d),
				 0);
		assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
		s = eas_sim_create(&jp, &w, &cfg, &err, NULL, 0);
		assert_non_null(s);
		assert_int_equal(eas_sim_run(s, 35500000ull), 0);
		assert_int_equal(s->tasks[0].state, SIM_TS_SLEEPING);
		assert_int_equal(s->rq[2].uclamp_max, 300);
		assert_true(s->rq[2].uclamp_idle);
		assert_int_equal(s->rq[2].uclamp_min, 0);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

/*
 * RT threads' default boost once uclamp is in use (a CFS thread sets
 * util_min): __setscheduler_uclamp() (v5.4 core.c, v6.19 syscalls.c)
 * resets every clamp the user did not set when rt-app's
 * pthread_setschedparam() makes the thread SCHED_FIFO: UCLAMP_MIN =
 * 1024 for an RT task (v5.4 uclamp_none(UCLAMP_MAX), v6.19
 * sysctl_sched_uclamp_util_min_rt_default), so the running RT thread
 * holds its rq's UCLAMP_MIN at 1024 (schedutil: the top OPP). A clamp
 * rt-app set (util_min 200, user_defined) is kept across the class
 * change; a thread going back to SCHED_OTHER gets 0 again. The simulator
 * left RT threads at 0: LISA-style files mixing an RT task with a
 * uclamp'ed CFS task ran the RT task at the lowest OPP.
 */
static void test_uclamp_rt_default_boost(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1, \"calibration\": \"CPU2\" },"
		"  \"tasks\": {"
		"   \"rt\": { \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"     \"cpus\": [0], \"run\": 3000, \"sleep\": 7000 },"
		"   \"own\": { \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
		"     \"util_min\": 200, \"cpus\": [1], \"run\": 3000,"
		"     \"sleep\": 7000 },"
		"   \"back\": { \"cpus\": [2], \"phases\": {"
		"     \"p0\": { \"policy\": \"SCHED_FIFO\", \"priority\": 5,"
		"       \"run\": 1000 },"
		"     \"p1\": { \"policy\": \"SCHED_OTHER\", \"priority\": 0,"
		"       \"run\": 3000, \"sleep\": 6000 } } },"
		"   \"cfs\": { \"util_min\": 256, \"cpus\": [3], \"run\": 1000,"
		"     \"sleep\": 9000 } } }";
	enum eas_kernel ks[3] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
				  EAS_KERNEL_V7_1 };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		struct eas_json_platform jp;
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		struct eas_sim *s;
		int err;

		assert_int_equal(eas_json_platform_load(plat_json,
							strlen(plat_json),
							ks[i], 0, &jp, &d),
				 0);
		assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
		s = eas_sim_create(&jp, &w, NULL, &err, NULL, 0);
		assert_non_null(s);
		/* 0.5 ms: rt, own, back (phase p0) run as FIFO, cfs runs */
		assert_int_equal(eas_sim_run(s, 500000ull), 0);
		assert_int_equal(s->tasks[0].uclamp_min, 1024);
		assert_int_equal(s->cpus[0].uc.value[0], 1024);
		assert_int_equal(s->tasks[1].uclamp_min, 200);
		assert_int_equal(s->cpus[1].uc.value[0], 200);
		assert_int_equal(s->tasks[2].uclamp_min, 1024);
		assert_int_equal(s->tasks[3].uclamp_min, 256);
		/* 2 ms: back is in p1, SCHED_OTHER again */
		assert_int_equal(eas_sim_run(s, 2000000ull), 0);
		assert_int_equal(s->tasks[2].policy, EAS_POLICY_NORMAL);
		assert_int_equal(s->tasks[2].uclamp_min, 0);
		assert_int_equal(s->cpus[2].uc.value[0], 0);
		assert_int_equal(s->tasks[0].uclamp_max, 1024);
		eas_sim_free(s);
		eas_rtapp_free(&w);
		eas_json_platform_free(&jp);
	}
}

/* A workload without a duration ends with its last thread; the plot's
 * samples stay evenly spaced while the buffer is compacted. */
static void test_until_done_and_samples(void **state)
{
	static const char wl[] =
		"{ \"tasks\": { \"a\": { \"loop\": 5, \"run\": 1000, \"sleep\": 1000 },"
		"  \"b\": { \"loop\": 3, \"runtime\": 2000, \"sleep\": 3000 } } }";
	struct eas_sim_config cfg;
	struct run r;
	uint32_t i;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.svg_samples = 8;
	run_sim(&r, EAS_KERNEL_V6_19, wl, &cfg);
	/* b: runtime 2, sleep 3, runtime 2, sleep 3, runtime 2 = 12 ms (a
	 * is shorter); each runtime ends at the first 32 us loadwait()
	 * chunk boundary at or after 2 ms: less than one chunk late, and a
	 * chunk (32 us at CPU0's capacity 384 at 1.5 GHz) takes at most
	 * 96 us (CPU0 at 500 MHz) */
	assert_in_range(r.st->duration_ns, 12000000ull,
			12000000ull + 3 * 96000);
	assert_in_range(task_named(&r, "b")->runtime_ns, 6000000ull,
			6000000ull + 3 * 96000);
	assert_true(r.s->svg_n >= 4 && r.s->svg_n <= 8);
	for (i = 1; i < r.s->svg_n; i++)
		assert_int_equal(r.s->svg_t[i] - r.s->svg_t[i - 1],
				 r.s->svg_t[1] - r.s->svg_t[0]);
	run_free(&r);
}

/* The embedded default runs and every figure is sane. */
static void test_default_sane(void **state)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim *s;
	const struct eas_sim_stats *st;
	const char *p = eas_sim_default_platform();
	const char *wl = eas_sim_default_workload();
	uint64_t e = 0;
	uint32_t i;
	int err;

	(void)state;
	assert_int_equal(eas_json_platform_load(p, strlen(p), EAS_KERNEL_V6_19,
						0, &jp, &d),
			 0);
	assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
	s = eas_sim_create(&jp, &w, NULL, &err, NULL, 0);
	assert_non_null(s);
	eas_sim_run(s, 0);
	st = eas_sim_stats(s);
	assert_int_equal(st->duration_ns, 2000000000ull);
	for (i = 0; i < st->nr_cpus; i++) {
		assert_int_equal(st->cpus[i].busy_ns + st->cpus[i].idle_ns,
				 st->duration_ns);
		e += st->cpus[i].active_energy_uj + st->cpus[i].idle_energy_uj;
	}
	assert_int_equal(e, st->energy_uj);
	assert_true(st->placements > 0);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

/* ---- rt-app semantics and hostile input (issue 9) -------------------- */

/* One CPU of capacity 1024, one OPP: every speed is the calibration
 * speed, so a 32 us loadwait() chunk takes exactly 32 us. */
static const char plat1_json[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ],"
	"  \"idle_states\": [ {\"name\":\"WFI\",\"exit_latency_us\":1,"
	"      \"power_uw\":1000} ] }";

/*
 * rt-app `runtime` is wall-clock time from the event's start
 * (src/rt-app.c, run_event(), case rtapp_runtime: t_start, then
 * do { loadwait(32); clock_gettime(&t_end); } while (elapsed < N us)).
 * By hand, on one CPU at calibration speed:
 *   cfs `runtime 10000` from 0; it has done 2000 us (62 chunks + 16 us)
 *   when the FIFO task forks at 2 ms and preempts it (RT over CFS);
 *   rt `runtime 3000` from 2 ms: ceil(3000 / 32) = 94 chunks, ends at
 *   2 + 3.008 = 5.008 ms;
 *   cfs resumes at 5.008 ms, past nothing yet (deadline 10 ms): 16 us to
 *   its chunk boundary (5.024), then whole chunks; the first boundary
 *   >= 10 ms is 5.024 + 156 x 0.032 = 10.016 ms.
 *   cfs CPU time = 2000 + (10016 - 5008) = 7008 us (not 10000: the 3 ms
 *   preempted counted); the run ends with it at 10.016 ms.
 * Before the fix `runtime` got N us of CPU: cfs 10000 us, end 13 ms.
 */
static void test_runtime_wallclock(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"calibration\": \"CPU0\" },"
		"  \"tasks\": {"
		"   \"cfs\": { \"loop\": 1, \"runtime\": 10000 },"
		"   \"rt\": { \"policy\": \"SCHED_FIFO\", \"priority\": 50,"
		"      \"delay\": 2000, \"loop\": 1, \"runtime\": 3000 } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat1_json, ks[i], wl, NULL);
		assert_int_equal(task_named(&r, "rt")->runtime_ns, 3008000);
		assert_int_equal(task_named(&r, "cfs")->runtime_ns, 7008000);
		assert_int_equal(r.st->duration_ns, 10016000);
		assert_int_equal(r.st->cpus[0].busy_ns, 10016000);
		run_free(&r);
	}
}

/* CPU0 capacity 512 (one OPP), CPU1 1024: calibrated on CPU1, a 32 us
 * chunk takes 64 us on CPU0. */
static const char plat2_json[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"p2-single-opp\","
	"  \"cpus\": [ { \"cpu\": 0, \"capacity\": 512 },"
	"              { \"cpu\": 1, \"capacity\": 1024 } ],"
	"  \"perf_domains\": ["
	"    { \"name\": \"little\", \"cpus\": [0], \"states\": ["
	"        { \"frequency_khz\": 800000, \"power_uw\": 123456 } ] },"
	"    { \"name\": \"big\", \"cpus\": [1], \"states\": ["
	"        { \"frequency_khz\": 1500000, \"power_uw\": 654321 } ] } ],"
	"  \"idle_states\": [ { \"name\": \"WFI\", \"exit_latency_us\": 1,"
	"      \"power_uw\": 3210 } ] }";

/*
 * Two CFS `runtime 10000` threads on CPU0 (sim-runtime-wallclock repro 2).
 * 2 CPUs: sched_latency 6 ms x (1 + log2(2)) = 12 ms, ideal slice 6 ms;
 * check_preempt_tick() at the 4 ms ticks preempts after 8 ms. By hand:
 *   a runs 0-8 ms (8000 / 64 = 125 chunks: preempted on a boundary);
 *   b's event starts when b first runs, 8 ms (deadline 18 ms); b runs
 *   8-16 ms (125 chunks, on a boundary);
 *   a resumes at 16 ms, past its 10 ms deadline on a boundary: rt-app reads
 *   the clock and leaves the loop at once -> a ends at 16 ms, 8000 us CPU;
 *   b resumes at 16 ms: boundaries every 64 us, first >= 18 ms is
 *   16 + 32 x 0.064 = 18.048 ms -> b 10048 us CPU, the run ends 18.048.
 * Before the fix each got 10000 us of CPU and the run ended at 20 ms.
 */
static void test_runtime_wallclock_share(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"calibration\": \"CPU1\" },"
		"  \"tasks\": {"
		"    \"a\": { \"cpus\": [0], \"loop\": 1, \"runtime\": 10000 },"
		"    \"b\": { \"cpus\": [0], \"loop\": 1, \"runtime\": 10000 } } }";
	static const char rt[] =
		"{ \"global\": { \"calibration\": \"CPU1\" },"
		"  \"tasks\": {"
		"    \"cfs\": { \"cpus\": [0], \"loop\": 1, \"runtime\": 10000 },"
		"    \"rt\": { \"cpus\": [0], \"policy\": \"SCHED_FIFO\","
		"      \"priority\": 50, \"delay\": 2000, \"loop\": 1,"
		"      \"runtime\": 3000 } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat2_json, ks[i], wl, NULL);
		assert_int_equal(task_named(&r, "a")->runtime_ns, 8000000);
		assert_int_equal(task_named(&r, "b")->runtime_ns, 10048000);
		assert_int_equal(r.st->duration_ns, 18048000);
		run_free(&r);
		/*
		 * repro 1 with 64 us chunks: cfs 0-2 ms (31 chunks + 16 us);
		 * rt 2 ms + ceil(3000 / 64) x 64 = 5.008 ms; cfs 48 us to its
		 * boundary (5.056), then ceil((10000 - 5056) / 64) = 78
		 * chunks -> 10.048 ms; CPU 2000 + 5040 = 7040 us.
		 */
		run_sim_on(&r, plat2_json, ks[i], rt, NULL);
		assert_int_equal(task_named(&r, "rt")->runtime_ns, 3008000);
		assert_int_equal(task_named(&r, "cfs")->runtime_ns, 7040000);
		assert_int_equal(r.st->duration_ns, 10048000);
		run_free(&r);
	}
}

/* `runtime 0` is a do-while: one chunk (32 us); `run 0` no work. */
static void test_runtime_zero_one_chunk(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"calibration\": \"CPU0\" },"
		"  \"tasks\": { \"a\": { \"loop\": 1, \"runtime\": 0 },"
		"   \"b\": { \"loop\": 1, \"run\": 0, \"sleep\": 100 } } }";
	struct run r;

	(void)state;
	run_sim_on(&r, plat1_json, EAS_KERNEL_V6_19, wl, NULL);
	assert_int_equal(task_named(&r, "a")->runtime_ns, 32000);
	run_free(&r);
}

/* Three equal CPUs, one OPP each (all at calibration speed). */
static const char plat3_json[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"three\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024},"
	"              {\"cpu\":2,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0,1,2], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ],"
	"  \"idle_states\": [ {\"name\":\"WFI\",\"exit_latency_us\":1,"
	"      \"power_uw\":1000} ] }";

/*
 * rt-app's doc/examples/tutorial/example8.json (tests/data/workloads/
 * rt-app/example8.json; host-side globals dropped): phases of `run 1500`
 * on cpus [0], [1], then the thread's [2] (thread_body() ->
 * set_thread_affinity(): phase cpus, else thread cpus), never sleeping.
 * sched_setaffinity() on the running thread moves it at once
 * (__set_cpus_allowed_ptr(): the new mask excludes task_cpu(p) and
 * task_running() -> stop_one_cpu(migration_cpu_stop) ->
 * move_queued_task()). By hand: segment i = [1.5 i, 1.5 (i + 1)) ms on
 * CPU i mod 3; phase boundaries at 1.5 k ms, k = 1..1333 (1999.5 ms) =
 * 1333 migrations; CPU0 gets i = 0, 3, ..., 1332 (445 x 1.5 = 667.5 ms),
 * CPU1 i = 1, ..., 1330 (444 x 1.5 = 666 ms) + the last 0.5 ms (i =
 * 1333), CPU2 i = 2, ..., 1331 (666 ms). Before the fix: 2 s on CPU0,
 * 0 migrations.
 */
static void test_affinity_moves_running_task(void **state)
{
	static const char wl[] =
		"{ \"tasks\": { \"thread0\": { \"cpus\": [2], \"phases\": {"
		"   \"phase1\": { \"cpus\": [0], \"loop\": 1, \"run\": 1500 },"
		"   \"phase2\": { \"cpus\": [1], \"loop\": 1, \"run\": 1500 },"
		"   \"phase3\": { \"loop\": 1, \"run\": 1500 } } } },"
		"  \"global\": { \"duration\": 2, \"calibration\": \"CPU0\","
		"    \"default_policy\": \"SCHED_OTHER\" } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct run r;
		const struct eas_sim_task_stats *t;

		run_sim_on(&r, plat3_json, ks[i], wl, NULL);
		t = task_named(&r, "thread0");
		assert_int_equal(t->migrations, 1333);
		assert_int_equal(r.st->migrations, 1333);
		assert_int_equal(r.st->wakeup_migrations, 0);
		assert_int_equal(r.st->cpus[0].busy_ns, 667500000);
		assert_int_equal(r.st->cpus[1].busy_ns, 666500000);
		assert_int_equal(r.st->cpus[2].busy_ns, 666000000);
		assert_int_equal(eas__sim_check(r.s), 0);
		run_free(&r);
	}
}

/*
 * Where the moved task goes: v5.4 __set_cpus_allowed_ptr() dest_cpu =
 * cpumask_any_and(cpu_active_mask, new_mask), the first CPU; v6.19
 * __set_cpus_allowed_ptr_locked() dest_cpu = cpumask_any_and_distribute():
 * the next allowed CPU after this CPU's distribute_cpu_mask_prev (0 at
 * boot), wrapping, which it then records. Phases of `run 1000` on [0] then
 * [1, 2], 999.5 ms: boundaries at k ms, k = 1..999 (999 migrations);
 * segment i on [0] when i is even (500 x 1 ms on CPU0), on [1, 2] when odd
 * (1, 3, ..., 997 and the last 0.5 ms, i = 999). v5.4: every odd segment
 * on CPU1 (499.5 ms). v6.19: moves from CPU0 pick 1, 2, 1, 2, ... (CPU0's
 * prev alternates; moves back to CPU0 are the only choice): i = 4m + 1 on
 * CPU1 (m = 0..249: 250 ms), i = 4m + 3 on CPU2 (249 ms + 0.5 ms).
 */
static void test_affinity_move_destination(void **state)
{
	static const char wl[] =
		"{ \"tasks\": { \"t\": { \"phases\": {"
		"   \"p1\": { \"cpus\": [0], \"run\": 1000 },"
		"   \"p2\": { \"cpus\": [1, 2], \"run\": 1000 } } } },"
		"  \"global\": { \"calibration\": \"CPU0\" } }";
	struct eas_sim_config cfg;
	struct run r;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 999500000;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V5_4, wl, &cfg);
	assert_int_equal(r.st->migrations, 999);
	assert_int_equal(r.st->cpus[0].busy_ns, 500000000);
	assert_int_equal(r.st->cpus[1].busy_ns, 499500000);
	assert_int_equal(r.st->cpus[2].busy_ns, 0);
	run_free(&r);
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, &cfg);
	assert_int_equal(r.st->migrations, 999);
	assert_int_equal(r.st->cpus[0].busy_ns, 500000000);
	assert_int_equal(r.st->cpus[1].busy_ns, 250000000);
	assert_int_equal(r.st->cpus[2].busy_ns, 249500000);
	run_free(&r);
}

/* The same from the shipped upstream file (host-side globals included). */
static void test_rtapp_example8_file(void **state)
{
	size_t len;
	char *wl = eas_test_slurp(EAS_SOURCE_DIR
				  "/tests/data/workloads/rt-app/example8.json",
				  &len);
	struct run r;

	(void)state;
	assert_non_null(wl);
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, NULL);
	assert_int_equal(task_named(&r, "thread0")->migrations, 1333);
	assert_int_equal(r.st->cpus[0].busy_ns, 667500000);
	assert_int_equal(r.st->cpus[1].busy_ns, 666500000);
	assert_int_equal(r.st->cpus[2].busy_ns, 666000000);
	run_free(&r);
	free(wl);
}

/* eas_sim_create() of wl on plat: NULL expected, *err and the message. */
static void create_fails(const char *plat, const char *wl, int want_err,
			 const char *want_msg, const struct eas_sim_config *cfg)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	char err[256];
	int e;

	assert_int_equal(eas_json_platform_load(plat, strlen(plat),
						EAS_KERNEL_V6_19, 0, &jp, &d),
			 0);
	assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
	err[0] = 0;
	assert_null(eas_sim_create(&jp, &w, cfg, &e, err, sizeof(err)));
	assert_int_equal(e, want_err);
	if (!strstr(err, want_msg))
		fail_msg("message '%s' lacks '%s'", err, want_msg);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

/*
 * CPU ids of the workload are checked against the platform: a thread
 * pinned to a CPU the platform lacks used to be dropped silently (an
 * empty mask: start_task() scanned past it, fuzz-sim-affinity-out-of-
 * range) and a calibration CPU beyond the platform fell back silently to
 * the biggest capacity. rt-app's sched_setaffinity() fails (EINVAL).
 */
static void test_workload_cpu_ids_checked(void **state)
{
	(void)state;
	create_fails(eas_sim_default_platform(),
		     "{\"tasks\": {\"a\": {\"run\": 1000, \"cpus\": [9]}}}",
		     EAS_EINVAL,
		     "/tasks/a/cpus: CPU 9 is not on the platform, which has "
		     "8 CPUs (0-7)",
		     NULL);
	create_fails(
		plat_json,
		"{\"global\":{\"duration\":1},\"tasks\": {\"a\": {"
		"\"loop\": -1, \"phases\": {"
		"\"p0\": {\"run\": 1000, \"sleep\": 1000, \"cpus\": [0]},"
		"\"p1\": {\"run\": 1000, \"sleep\": 1000, \"cpus\": [9]}}}}}",
		EAS_EINVAL, "/tasks/a/phases/p1/cpus: CPU 9", NULL);
	create_fails(plat_json,
		     "{\"tasks\": {\"a\": {\"run\": 1000, \"cpus\": [4]}}}",
		     EAS_EINVAL, "which has 4 CPUs (0-3)", NULL);
	create_fails(plat_json,
		     "{\"global\": {\"calibration\": \"CPU4\"},"
		     " \"tasks\": {\"a\": {\"run\": 1000}}}",
		     EAS_EINVAL,
		     "/global/calibration: \"CPU4\" is not on the platform",
		     NULL);
}

/*
 * Thread instances are bounded in total (EAS_RTAPP_MAX_INSTANCES): the
 * loader refuses more at /tasks/<name>/instance; eas_sim_create() sums
 * in 64 bits for workloads built in C. 4096 threads x 2^20 instances =
 * 2^32 wrapped the old uint32_t sum to 0 and the task array was written
 * out of bounds (fuzz-sim-instance-wrap).
 */
static void test_instances_bounded(void **state)
{
	static const char two[] =
		"{\"tasks\": {\"a\": {\"instance\": 10000, \"run\": 1},"
		"  \"b\": {\"instance\": 10000, \"run\": 1}}}";
	static const char amp[] =
		"{\"global\": {\"duration\": 1}, \"tasks\": {\"t0\": "
		"{\"instance\": 1048576, \"run\": 1000, \"sleep\": 1000}}}";
	struct eas_json_platform jp;
	struct eas_rtapp_workload w, big;
	struct eas_json_diag d;
	struct eas_rtapp_task *tasks;
	char err[256];
	const char *p = eas_sim_default_platform();
	uint32_t i;
	int e;

	(void)state;
	memset(&d, 0, sizeof(d));
	assert_int_equal(eas_rtapp_load(two, strlen(two), &w, &d), EAS_ERANGE);
	assert_string_equal(d.path, "/tasks/b/instance");
	assert_non_null(strstr(d.msg, "at most 16384"));
	/* the 96-byte amplification reproducer */
	memset(&d, 0, sizeof(d));
	assert_int_equal(eas_rtapp_load(amp, strlen(amp), &w, &d), EAS_ERANGE);
	assert_string_equal(d.path, "/tasks/t0/instance");

	/* built in C: 4096 threads x 2^20 instances */
	assert_int_equal(eas_json_platform_load(p, strlen(p), EAS_KERNEL_V6_19,
						0, &jp, &d),
			 0);
	{
		static const char one[] = "{\"tasks\": {\"t0\": {\"run\": 1}}}";

		assert_int_equal(eas_rtapp_load(one, strlen(one), &w, &d), 0);
	}
	tasks = calloc(4096, sizeof(*tasks));
	assert_non_null(tasks);
	for (i = 0; i < 4096; i++) {
		tasks[i] = w.tasks[0];
		tasks[i].instance = 1u << 20;
	}
	big = w;
	big.tasks = tasks;
	big.nr_tasks = 4096;
	err[0] = 0;
	assert_null(eas_sim_create(&jp, &big, NULL, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_ERANGE);
	assert_non_null(strstr(err, "/tasks/t0/instance"));
	/* exactly the maximum is accepted */
	tasks[0].instance = EAS_RTAPP_MAX_INSTANCES;
	big.nr_tasks = 1;
	{
		struct eas_sim *s =
			eas_sim_create(&jp, &big, NULL, &e, err, sizeof(err));

		assert_non_null(s);
		assert_int_equal(eas_sim_stats(s)->nr_tasks,
				 EAS_RTAPP_MAX_INSTANCES);
		eas_sim_free(s);
	}
	free(tasks);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

/* Durations beyond EAS_SIM_MAX_DURATION_NS (7 days) are refused. */
static void test_duration_bounded(void **state)
{
	struct eas_sim_config cfg;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = EAS_SIM_MAX_DURATION_NS + 1;
	create_fails(plat_json, "{\"tasks\": {\"a\": {\"run\": 1000}}}",
		     EAS_ERANGE, "more than the maximum 604800 s", &cfg);
	create_fails(plat_json,
		     "{\"global\": {\"duration\": 604801},"
		     " \"tasks\": {\"a\": {\"run\": 1000}}}",
		     EAS_ERANGE, "/global/duration: 604801 s", NULL);
}

/* ---- rt-app synchronisation events (docs/rtapp.md) ------------------ */

/*
 * lock / unlock (glibc lll_lock: 0 free, 1 locked, 2 contended). plat3:
 * equal CPUs at calibration speed, a pinned to CPU0, b to CPU1. By hand:
 *   0      a locks m (0 -> 1), runs 1000 us;
 *   0.2 ms b starts, lock m: the word goes to 2, b sleeps in futex_wait;
 *   1 ms   a unlocks: the word was 2 -> futex_wake(1) wakes b from CPU0;
 *          b runs on CPU1 at 1 ms, exchanges 2 in (old 0): owns m, runs
 *          500 us, unlocks (nobody waits) and ends at 1.5 ms;
 *   a runs its second 1000 us and ends at 2 ms.
 * CPU1 switches idle->b (0.2), b->idle (blocked), idle->b (1), b->idle
 * (1.5): 4; CPU0 idle->a, a->idle: 2. b wakes twice (start + unlock).
 * Before the events were simulated the file did not load.
 */
static void test_sync_lock_unlock(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"lock\": \"m\","
		"     \"run\": 1000, \"unlock\": \"m\", \"run1\": 1000 },"
		"  \"b\": { \"cpus\": [1], \"delay\": 200, \"loop\": 1,"
		"     \"lock\": \"m\", \"run\": 500, \"unlock\": \"m\" } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

	(void)state;
	for (int i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat3_json, ks[i], wl, NULL);
		assert_int_equal(r.st->duration_ns, 2000000);
		assert_int_equal(task_named(&r, "a")->runtime_ns, 2000000);
		assert_int_equal(task_named(&r, "b")->runtime_ns, 500000);
		assert_int_equal(task_named(&r, "b")->wakeups, 2);
		assert_int_equal(r.st->cpus[1].busy_ns, 500000);
		assert_int_equal(r.st->cpus[1].context_switches, 4);
		assert_int_equal(r.st->cpus[0].context_switches, 2);
		run_free(&r);
	}
}

/*
 * wait / signal with their mutex. a (CPU0): lock m, wait {q, m}, unlock m,
 * run 300; b (CPU1): run 1000, lock m, signal q, run 500, unlock m.
 *   0      a locks m, waits on q: queues, releases m (1 -> 0), sleeps;
 *   1 ms   b locks m (0 -> 1), signals q: a woken from CPU1; a runs on
 *          CPU0 at 1 ms and re-acquires m (__pthread_mutex_cond_lock():
 *          exchange 2, old 1): blocks in futex_wait, the word now 2;
 *   1.5 ms b unlocks (old 2): wakes a; b ends. a exchanges 2 (old 0),
 *          owns m, unlocks, runs 300 us: ends at 1.8 ms.
 * a: 3 wake-ups (start, signal, unlock), CPU0 6 switches (three times
 * idle->a->idle), 300 us busy.
 */
static void test_sync_wait_signal(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"lock\": \"m\","
		"     \"wait\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"     \"unlock\": \"m\", \"run\": 300 },"
		"  \"b\": { \"cpus\": [1], \"loop\": 1, \"run\": 1000,"
		"     \"lock\": \"m\", \"signal\": \"q\", \"run1\": 500,"
		"     \"unlock\": \"m\" } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

	(void)state;
	for (int i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat3_json, ks[i], wl, NULL);
		assert_int_equal(r.st->duration_ns, 1800000);
		assert_int_equal(task_named(&r, "a")->runtime_ns, 300000);
		assert_int_equal(task_named(&r, "a")->wakeups, 3);
		assert_int_equal(task_named(&r, "b")->runtime_ns, 1500000);
		assert_int_equal(r.st->cpus[0].busy_ns, 300000);
		assert_int_equal(r.st->cpus[0].context_switches, 6);
		run_free(&r);
	}
}

/*
 * suspend / resume on one CPU: a suspends at once (lock a, wait on the
 * condition a, ...), b runs 2000 us then resumes a (broadcast from CPU0,
 * b current) and runs 500 us. a slept since 0: place_entity() puts it
 * sched_latency / 2 = 3 ms behind min_vruntime (2 ms), so its vruntime
 * stays 0 and it preempts b (2 ms ahead > wakeup_gran 1 ms) at 2 ms:
 * a runs 1000 us (2-3 ms), ends; b runs its 500 us, 3-3.5 ms.
 * Switches on CPU0: the threads start one after the other at 0 (rt-app's
 * main thread creates them in file order; a runs and blocks before b is
 * forked): idle->a, a->idle (a blocked), idle->b (0), b->a (2), a->b (3),
 * b->idle (3.5) = 6. The trace shows sched_waking of a written by b on
 * CPU0. A resume with nobody suspended is lost (b's second resume of a,
 * after a ended, wakes nothing).
 */
static void test_sync_suspend_resume(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"loop\": 1, \"suspend\": \"a\", \"run\": 1000 },"
		"  \"b\": { \"loop\": 1, \"run\": 2000, \"resume\": \"a\","
		"     \"run1\": 500, \"resume1\": \"a\" } } }";
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

	(void)state;
	for (int i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat1_json, ks[i], wl, NULL);
		assert_int_equal(r.st->duration_ns, 3500000);
		assert_int_equal(task_named(&r, "a")->runtime_ns, 1000000);
		assert_int_equal(task_named(&r, "a")->wakeups, 2);
		assert_int_equal(task_named(&r, "b")->runtime_ns, 2500000);
		assert_int_equal(r.st->cpus[0].context_switches, 6);
		run_free(&r);
	}
}

/*
 * rt-app's barrier (waiting = -1 + users = 1): a (CPU0) arrives at 0,
 * waiting 1 -> 0, waits; b (CPU1) arrives at 1 ms, finds 0 and
 * broadcasts: a wakes at 1 ms; both run 100 us and end at 1.1 ms.
 */
static void test_sync_barrier(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"barrier\": \"x\","
		"     \"run\": 100 },"
		"  \"b\": { \"cpus\": [1], \"loop\": 1, \"run\": 1000,"
		"     \"barrier\": \"x\", \"run1\": 100 } } }";
	struct run r;

	(void)state;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, NULL);
	assert_int_equal(r.st->duration_ns, 1100000);
	assert_int_equal(task_named(&r, "a")->runtime_ns, 100000);
	assert_int_equal(task_named(&r, "a")->wakeups, 2);
	assert_int_equal(task_named(&r, "b")->runtime_ns, 1100000);
	run_free(&r);
}

/*
 * sem_post / sem_wait (rt-app 55cb0c0 parse_task_event_data(): a string
 * naming a semaphore, initial count 0 (init_sem_resource()); run_event():
 * sem_post() / sem_wait()). Unlike resume, a post with nobody waiting is
 * remembered. plat3, a on CPU0, b on CPU1. By hand:
 *   0      b posts s (count 0 -> 1), runs 3000 us (0-3 ms);
 *          a runs 2000 us (0-2 ms);
 *   2 ms   a's sem_wait takes the count (1 -> 0) without sleeping, runs
 *          300 us; at 2.3 ms its second sem_wait finds 0: futex_wait;
 *   3 ms   b posts (0 -> 1; a waits: futex_wake(1) from CPU1), runs
 *          100 us, ends at 3.1 ms; a runs on CPU0 at 3 ms, takes the
 *          count (1 -> 0), runs 300 us: ends at 3.3 ms.
 * a: 2600 us busy, 2 wake-ups (start, the post), CPU0 idle->a, a->idle
 * twice = 4 switches. Before the events were simulated the file was
 * refused (EAS_EUNSUPPORTED).
 */
static void test_sync_semaphore(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"run\": 2000,"
		"     \"sem_wait\": \"s\", \"run1\": 300, \"sem_wait1\": \"s\","
		"     \"run2\": 300 },"
		"  \"b\": { \"cpus\": [1], \"loop\": 1, \"sem_post\": \"s\","
		"     \"run\": 3000, \"sem_post1\": \"s\", \"run1\": 100 } } }";
	enum eas_kernel ks[3] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
				  EAS_KERNEL_V7_1 };

	(void)state;
	for (int i = 0; i < 3; i++) {
		struct run r;

		run_sim_on(&r, plat3_json, ks[i], wl, NULL);
		assert_int_equal(r.st->duration_ns, 3300000);
		assert_int_equal(task_named(&r, "a")->runtime_ns, 2600000);
		assert_int_equal(task_named(&r, "a")->wakeups, 2);
		assert_int_equal(task_named(&r, "b")->runtime_ns, 3100000);
		assert_int_equal(r.st->cpus[0].busy_ns, 2600000);
		assert_int_equal(r.st->cpus[0].context_switches, 4);
		run_free(&r);
	}
}

/*
 * No hand-off: a unlocks m at 1 ms (the word was 2: b, blocked since
 * 0.2 ms on CPU1, is woken) and locks it again at once; b's CPU only
 * reschedules when a's program stops (a starts its run), so a owns m
 * again and b, exchanging 2 (old 1), sleeps again. At 2 ms a unlocks
 * (word 2): b wakes, owns m, runs 500 us: 2-2.5 ms. b wakes 3 times
 * (start + 2 unlocks); CPU1 switches idle->b, b->idle three times = 6.
 */
static void test_sync_mutex_no_handoff(void **state)
{
	static const char wl[] =
		"{ \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"lock\": \"m\","
		"     \"run\": 1000, \"unlock\": \"m\", \"lock1\": \"m\","
		"     \"run1\": 1000, \"unlock1\": \"m\" },"
		"  \"b\": { \"cpus\": [1], \"delay\": 200, \"loop\": 1,"
		"     \"lock\": \"m\", \"run\": 500, \"unlock\": \"m\" } } }";
	struct run r;

	(void)state;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, NULL);
	assert_int_equal(r.st->duration_ns, 2500000);
	assert_int_equal(task_named(&r, "a")->runtime_ns, 2000000);
	assert_int_equal(task_named(&r, "b")->runtime_ns, 500000);
	assert_int_equal(task_named(&r, "b")->wakeups, 3);
	assert_int_equal(r.st->cpus[1].context_switches, 6);
	run_free(&r);
}

/*
 * Futex order and the real waker. c (CFS, CPU0) waits on q at 0, f
 * (SCHED_FIFO 50, CPU1) at 0.1 ms; s (CPU2) signals q at 1 ms: the plist
 * puts f (key 49) before c (key 100), so f wakes (and runs 100 us) and c
 * sleeps on. sched_waking of f is written by s on CPU2 (try_to_wake_up()
 * runs on the waker's CPU). With broad instead, both wake, f first.
 */
static void test_sync_futex_order_and_waker(void **state)
{
	static const char wl_fmt[] =
		"{ \"global\": { \"duration\": 1 }, \"tasks\": {"
		"  \"c\": { \"cpus\": [0], \"loop\": 1, \"lock\": \"m\","
		"     \"wait\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"     \"unlock\": \"m\", \"run\": 100 },"
		"  \"f\": { \"cpus\": [1], \"policy\": \"SCHED_FIFO\","
		"     \"priority\": 50, \"delay\": 100, \"loop\": 1,"
		"     \"lock\": \"m\", \"wait\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"     \"unlock\": \"m\", \"run\": 100 },"
		"  \"s\": { \"cpus\": [2], \"loop\": 1, \"run\": 1000,"
		"     \"%s\": \"q\" } } }";
	char wl[1024];
	struct eas_sim_config cfg;
	struct run r;
	char line[512];
	int found = 0;

	(void)state;
	snprintf(wl, sizeof(wl), wl_fmt, "signal");
	memset(&cfg, 0, sizeof(cfg));
	cfg.trace = tmpfile();
	assert_non_null(cfg.trace);
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, &cfg);
	assert_int_equal(task_named(&r, "f")->runtime_ns, 100000);
	assert_int_equal(task_named(&r, "f")->wakeups, 2);
	assert_int_equal(task_named(&r, "c")->runtime_ns, 0);
	assert_int_equal(task_named(&r, "c")->wakeups, 1);
	run_free(&r);
	rewind(cfg.trace);
	while (fgets(line, sizeof(line), cfg.trace))
		if (strstr(line, "sched_waking: comm=f ")) {
			found++;
			assert_non_null(strstr(line, " s-"));
			assert_non_null(strstr(line, "[002]"));
			assert_non_null(strstr(line, "0.001000:"));
		}
	assert_int_equal(found, 1);
	fclose(cfg.trace);

	snprintf(wl, sizeof(wl), wl_fmt, "broad");
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, NULL);
	assert_int_equal(task_named(&r, "f")->runtime_ns, 100000);
	assert_int_equal(task_named(&r, "c")->runtime_ns, 100000);
	assert_int_equal(task_named(&r, "c")->wakeups, 2);
	run_free(&r);
}

/*
 * sync = signal, then wait. a (CPU0) waits on q at 0; b (CPU1) runs
 * 1000 us, locks m, syncs: its signal wakes a, its wait queues b and
 * releases m (1 -> 0); a then owns m (exchange, old 0), unlocks, runs
 * 500 us: 1-1.5 ms. Nobody signals b again: it sleeps to the end (1 s).
 */
static void test_sync_sync(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 }, \"tasks\": {"
		"  \"a\": { \"cpus\": [0], \"loop\": 1, \"lock\": \"m\","
		"     \"wait\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"     \"unlock\": \"m\", \"run\": 500 },"
		"  \"b\": { \"cpus\": [1], \"loop\": 1, \"run\": 1000,"
		"     \"lock\": \"m\", \"sync\": { \"ref\": \"q\", \"mutex\": \"m\" },"
		"     \"unlock\": \"m\", \"run1\": 200 } } }";
	struct run r;

	(void)state;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V5_4, wl, NULL);
	assert_int_equal(task_named(&r, "a")->runtime_ns, 500000);
	assert_int_equal(task_named(&r, "a")->wakeups, 2);
	assert_int_equal(task_named(&r, "b")->runtime_ns, 1000000);
	assert_int_equal(task_named(&r, "b")->wakeups, 1);
	assert_int_equal(r.st->cpus[0].busy_ns, 500000);
	run_free(&r);
}

/*
 * rt-app's tutorial example4.json (the corpus file as rt-app ships it):
 * thread0 and thread1 loop { run 10000, resume the other, suspend }.
 * Both start at 0 on idle CPUs and run 0-10 ms in parallel. At 10 ms
 * thread0 (its run was armed first) resumes thread1, which is not
 * suspended yet: the broadcast is lost; thread0 suspends. thread1 then
 * resumes thread0 and suspends: from there one runs at a time, 10 ms
 * each: thread0 10-20, 30-40, 50-60, 70-80, 90-100; thread1 20-30, ...,
 * 80-90. Over 100 ms: thread0 60 ms of CPU, thread1 50 ms; thread0 wakes
 * 1 + 5 times (10, 30, 50, 70, 90), thread1 1 + 5 (20, 40, 60, 80 and
 * 100 ms: events at the end time are run). The waker is the other thread,
 * on its CPU (trace: thread1-1001 [002] sched_waking: comm=thread0).
 */
static void test_sync_example4_file(void **state)
{
	size_t len;
	char *wl = eas_test_slurp(
		EAS_SOURCE_DIR
		"/tests/data/rtapp-corpus/rt-app__tutorial__example4.json",
		&len);
	struct eas_sim_config cfg;
	enum eas_kernel ks[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

	(void)state;
	assert_non_null(wl);
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 100000000;
	for (int i = 0; i < 2; i++) {
		struct run r;

		run_sim_on(&r, plat3_json, ks[i], wl, &cfg);
		assert_int_equal(task_named(&r, "thread0")->runtime_ns,
				 60000000);
		assert_int_equal(task_named(&r, "thread1")->runtime_ns,
				 50000000);
		assert_int_equal(task_named(&r, "thread0")->wakeups, 6);
		assert_int_equal(task_named(&r, "thread1")->wakeups, 6);
		run_free(&r);
	}
	free(wl);
}

/*
 * Threads that wake one another with no work in between (rt-app would
 * spin in futex calls): 40 instances resume and suspend on their own
 * name, never running. The wake-up chain is followed through the event
 * loop past 32 nested steps (no stack overflow), and a thread starting
 * its 1001st sync event at one instant is parked for a tick, so simulated
 * time advances: the run reaches its 20 ms end, every CPU's busy + idle
 * time is 20 ms and no thread gets CPU time. (The fuzzer found the stack
 * overflow: tests/fuzz/corpus/sim/crash-sync-zero-time-wake-chain.)
 */
static void test_sync_zero_time_chain(void **state)
{
	static const char wl[] =
		"{ \"tasks\": { \"t\": { \"instance\": 40, \"loop\": -1,"
		"  \"resume\": \"t\", \"suspend\": \"t\" } } }";
	struct eas_sim_config cfg;
	struct run r;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 20000000;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, &cfg);
	assert_int_equal(r.st->duration_ns, 20000000);
	for (uint32_t i = 0; i < r.st->nr_cpus; i++)
		assert_int_equal(r.st->cpus[i].busy_ns + r.st->cpus[i].idle_ns,
				 20000000);
	for (uint32_t i = 0; i < r.st->nr_tasks; i++)
		assert_int_equal(r.st->tasks[i].runtime_ns, 0);
	assert_int_equal(eas__sim_check(r.s), 0);
	assert_true(task_named(&r, "t-0")->wakeups > 100);
	run_free(&r);
}

/*
 * A program that neither runs nor sleeps ({"loop": -1, "run": 0}): rt-app's
 * thread spins (loadwait(0) returns at once, the loop never blocks), so it
 * holds its CPU for the whole run: CPU time = duration, CPU 1 busy 100 %.
 * The simulator executes at most SIM_ZERO_TIME_EVENTS (1024) such events
 * per tick before it counts the thread as spinning for a tick, so the cost
 * stays bounded (63 such threads for a simulated hour: 23 s; before, when
 * the thread was parked after 100,000 events, it was idle and an hour took
 * about 4.6 hours).
 */
static void test_zero_time_program_spins(void **state)
{
	static const char wl[] =
		"{ \"tasks\": { \"t\": { \"cpus\": [1], \"loop\": -1,"
		"  \"run\": 0 } } }";
	struct eas_sim_config cfg;
	struct run r;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = 20000000;
	run_sim_on(&r, plat3_json, EAS_KERNEL_V6_19, wl, &cfg);
	assert_int_equal(task_named(&r, "t")->runtime_ns, 20000000);
	assert_int_equal(r.st->cpus[1].busy_ns, 20000000);
	assert_int_equal(eas__sim_check(r.s), 0);
	run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pelt_decay_golden),
		cmocka_unit_test(test_pelt_running_golden),
		cmocka_unit_test(test_pelt_split_invariance),
		cmocka_unit_test(test_nice_weight),
		cmocka_unit_test(test_busy_cpu_energy),
		cmocka_unit_test(test_fixed_opp_energy),
		cmocka_unit_test(test_periodic_10pct),
		cmocka_unit_test(test_schedutil_opp),
		cmocka_unit_test(test_cfs_fair_share),
		cmocka_unit_test(test_pinned_not_placed),
		cmocka_unit_test(test_sched_idle_weight),
		cmocka_unit_test(test_rt_preempts_cfs),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_eas_saves_energy),
		cmocka_unit_test(test_mechanisms_race),
		cmocka_unit_test(test_mechanisms_never_sleeps),
		cmocka_unit_test(test_consistency),
		cmocka_unit_test(test_util_est_step_up),
		cmocka_unit_test(test_uclamp_idle_keeps_max),
		cmocka_unit_test(test_uclamp_rt_default_boost),
		cmocka_unit_test(test_until_done_and_samples),
		cmocka_unit_test(test_default_sane),
		cmocka_unit_test(test_runtime_wallclock),
		cmocka_unit_test(test_runtime_wallclock_share),
		cmocka_unit_test(test_runtime_zero_one_chunk),
		cmocka_unit_test(test_affinity_moves_running_task),
		cmocka_unit_test(test_rtapp_example8_file),
		cmocka_unit_test(test_affinity_move_destination),
		cmocka_unit_test(test_workload_cpu_ids_checked),
		cmocka_unit_test(test_instances_bounded),
		cmocka_unit_test(test_duration_bounded),
		cmocka_unit_test(test_sync_lock_unlock),
		cmocka_unit_test(test_sync_wait_signal),
		cmocka_unit_test(test_sync_suspend_resume),
		cmocka_unit_test(test_sync_barrier),
		cmocka_unit_test(test_sync_mutex_no_handoff),
		cmocka_unit_test(test_sync_futex_order_and_waker),
		cmocka_unit_test(test_sync_sync),
		cmocka_unit_test(test_sync_semaphore),
		cmocka_unit_test(test_sync_example4_file),
		cmocka_unit_test(test_sync_zero_time_chain),
		cmocka_unit_test(test_zero_time_program_spins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
