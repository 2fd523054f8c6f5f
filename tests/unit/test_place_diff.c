/* SPDX-License-Identifier: MIT */
/*
 * Differential tests: the library's select_task_rq_fair() /
 * find_energy_efficient_cpu() / compute_energy() / capacity_of() /
 * cpu_overutilized() against the literal oracle (tests/oracle/ref_place.c)
 * on thousands of seeded random landscapes: 2x2, HiKey960, RK3399, Juno r0
 * (interleaved clusters), generated tri-cluster, per-CPU-DVFS and SMT
 * platforms, both flavours; random util / util_est / runnable / uclamp /
 * RT / DL / IRQ / pressure / allowed masks / idle and online states / wake
 * flags. Asserts equal CPU, path, every candidate (cpu, perf domain,
 * energy, base energy, delta) and the in/out task and waker fields.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/place.h>

#include "fixtures.h"
#include "ref_place.h"

static uint64_t rnd(uint64_t *s, uint64_t lo, uint64_t hi)
{
	return fix_rand_range(s, lo, hi);
}

static bool chance(uint64_t *s, unsigned pct)
{
	return rnd(s, 0, 99) < pct;
}

struct rig {
	const struct eas_platform *pf;
	struct eas_rq *rq;
	eas_mask_word *allowed;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	uint32_t flags;
};

static void randomize(struct rig *r, uint64_t *s)
{
	const struct eas_platform *pf = r->pf;
	uint32_t n = pf->nr_cpus, i, t;
	uint64_t scale = chance(s, 50) ? 1024 : 300; /* busy vs quiet */

	r->sys.pf = pf;
	r->sys.rq = r->rq;
	r->sys.features = eas_features_default(pf->kernel);
	if (chance(s, 30))
		r->sys.features &= ~EAS_FEAT_UTIL_EST;
	if (chance(s, 30))
		r->sys.features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	if (chance(s, 10))
		r->sys.features &= ~EAS_FEAT_AVG_IRQ;
	if (chance(s, 10))
		r->sys.features &= ~EAS_FEAT_WA_BIAS;
	if (chance(s, 5))
		r->sys.features &= ~(EAS_FEAT_SIS_PROP | EAS_FEAT_SIS_UTIL);
	r->sys.overutilized = chance(s, 10) ? (int32_t)rnd(s, 0, 1) : -1;
	r->sys.jiffies = rnd(s, 0, 2000);
	r->sys.hz = chance(s, 50) ? 250 : 100;
	for (i = 0; i < n; i++) {
		struct eas_rq *q = &r->rq[i];
		uint64_t cap = pf->cpus[i].capacity;

		eas_rq_init(q);
		q->util_avg = rnd(s, 0, cap * scale / 1024);
		q->util_est = chance(s, 50) ? rnd(s, 0, cap * scale / 1024) : 0;
		q->runnable_avg = q->util_avg + rnd(s, 0, 200);
		if (chance(s, 20))
			q->rt_util_avg = rnd(s, 0, cap / 3);
		if (chance(s, 15))
			q->dl_util_avg = rnd(s, 0, cap / 4);
		if (chance(s, 15))
			q->irq_util_avg =
				rnd(s, 0, chance(s, 5) ? cap : cap / 5);
		if (chance(s, 10))
			q->dl_running_bw = rnd(s, 0, 1u << 19);
		if (chance(s, 30)) {
			q->uclamp_min = rnd(s, 0, 1024);
			q->uclamp_max = rnd(s, 0, 1024);
		}
		q->uclamp_idle = chance(s, 20);
		if (chance(s, 15))
			q->hw_pressure = rnd(s, 0, cap / 2);
		if (chance(s, 15))
			q->cpufreq_max_khz = rnd(
				s, 1, pf->cpus[i].capacity_freq_ref_khz + 10);
		if (chance(s, 5))
			q->capacity_of = rnd(s, 1, cap);
		q->nr_running = (uint32_t)rnd(s, 0, 3);
		q->h_nr_running = q->nr_running;
		q->idle_h_nr_running = chance(s, 15) ? q->nr_running : 0;
		q->h_nr_delayed = chance(s, 10) && q->nr_running ? 1 : 0;
		q->rt_nr_running = chance(s, 10) ? 1 : 0;
		q->idle = q->nr_running == 0 ? !chance(s, 5) : chance(s, 3);
		q->idle_exit_latency =
			chance(s, 50) ? (uint32_t)rnd(s, 0, 3) : 0;
		q->idle_stamp = rnd(s, 0, 5);
		q->load_avg = rnd(s, 0, 2048);
		q->runnable_load_avg = rnd(s, 0, 2048);
		q->avg_idle = rnd(s, 0, 2000000);
		q->avg_scan_cost = rnd(s, 0, 5000);
		q->nr_idle_scan = (uint32_t)rnd(s, 0, n);
		q->has_idle_cores = chance(s, 50);
		q->online = !chance(s, 5);
	}
	eas_task_init(&r->p);
	r->p.util_avg = rnd(s, 0, chance(s, 20) ? 1024 : 400);
	r->p.util_est_ewma = chance(s, 50) ? rnd(s, 0, 500) : 0;
	r->p.util_est_enqueued = chance(s, 50) ? rnd(s, 0, 500) : 0;
	r->p.util_est = chance(s, 50) ? rnd(s, 0, 500) : 0;
	if (chance(s, 10))
		r->p.util_est |= 0x80000000u;
	r->p.runnable_avg = r->p.util_avg + rnd(s, 0, 50);
	if (chance(s, 40)) {
		r->p.uclamp_min = rnd(s, 0, 1024);
		r->p.uclamp_max = rnd(s, 0, 1024);
	}
	r->p.h_load = rnd(s, 0, 1024);
	r->p.prev_cpu = (int32_t)rnd(s, 0, n - 1);
	r->p.recent_used_cpu = chance(s, 70) ? (int32_t)rnd(s, 0, n - 1) : -1;
	r->p.wakee_flips = (uint32_t)rnd(s, 0, 20);
	r->p.id = (uint32_t)rnd(s, 1, 4);
	r->p.queued = chance(s, 10);
	r->p.is_current = chance(s, 10);
	r->p.cpus_allowed = NULL;
	if (chance(s, 30)) {
		memset(r->allowed, 0,
		       EAS_MASK_WORDS(n) * sizeof(eas_mask_word));
		for (i = 0; i < n; i++)
			if (chance(s, 60))
				eas_mask_set(r->allowed, i);
		eas_mask_set(r->allowed, (uint32_t)r->p.prev_cpu);
		r->p.cpus_allowed = r->allowed;
	}
	eas_waker_init(&r->w);
	r->w.cpu = chance(s, 30) ? r->p.prev_cpu : (int32_t)rnd(s, 0, n - 1);
	r->w.wakee_flips = (uint32_t)rnd(s, 0, 40);
	r->w.last_wakee = (uint32_t)rnd(s, 1, 4);
	r->w.wakee_flip_decay_ts = rnd(s, 0, 2000);
	r->w.h_load = rnd(s, 0, 1024);
	r->w.exiting = chance(s, 5);
	r->w.per_cpu_kthread = chance(s, 10);
	r->rq[r->p.prev_cpu].online = true;
	r->rq[r->w.cpu].online = true;
	t = (uint32_t)rnd(s, 0, 9);
	r->flags = t < 7 ? EAS_WF_TTWU : t < 9 ? EAS_WF_FORK : EAS_WF_EXEC;
	if (chance(s, 30))
		r->flags |= EAS_WF_SYNC;
	if (chance(s, 10))
		r->flags |= EAS_WF_CURRENT_CPU;
	if (r->flags & EAS_WF_EXEC) {
		/* sched_exec(): p is current, queued and running on
		 * task_cpu(p), the calling CPU (no extra draws: the other
		 * cases keep their seeds) */
		struct eas_rq *q = &r->rq[r->p.prev_cpu];

		r->p.queued = true;
		r->p.is_current = true;
		r->w.cpu = r->p.prev_cpu;
		if (!q->nr_running)
			q->nr_running = q->h_nr_running = 1;
		q->idle = false;
	}
}

static void report(const struct rig *r, uint64_t seed, const char *what)
{
	fprintf(stderr, "mismatch (%s): %s %u CPUs seed %llu\n", what,
		eas_kernel_name(r->pf->kernel), r->pf->nr_cpus,
		(unsigned long long)seed);
}

#define MAXC 64

/* coverage of the paths and feec outcomes, per flavour */
static unsigned long path_hits[2][5];
static unsigned long reason_hits[2][11];
static unsigned long nonprev_hits[2];
static unsigned long ou_checked; /* decisions whose rd flag was checked */

static void one(struct rig *r, uint64_t seed)
{
	struct eas_place_candidate ca[MAXC], cb[MAXC];
	struct eas_place_result a, b;
	struct eas_task pa = r->p, pb = r->p;
	struct eas_waker wa = r->w, wb = r->w;
	uint32_t i, n = r->pf->nr_cpus;
	int ra, rb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.feec.candidates = ca;
	a.feec.max_candidates = MAXC;
	b.feec.candidates = cb;
	b.feec.max_candidates = MAXC;
	ra = eas_select_task_rq_fair(&r->sys, &pa, &wa, r->flags, &a);
	rb = ref_select_task_rq_fair(&r->sys, &pb, &wb, r->flags, &b);
	if (ra != rb || a.path != b.path || a.eas_entered != b.eas_entered ||
	    a.feec.nr_computed != b.feec.nr_computed)
		report(r, seed, "select"),
			fprintf(stderr,
				"lib cpu %d path %d sd %d aff %d tgt %d | "
				"ref cpu %d path %d aff %d | waker %d prev %d "
				"flags %#x\n",
				ra, a.path, a.sd_level, a.affine_cpu,
				a.sis_target, rb, b.path, b.affine_cpu,
				r->w.cpu, r->p.prev_cpu, r->flags);
	assert_int_equal(ra, rb);
	assert_int_equal(a.path, b.path);
	assert_int_equal(a.eas_entered, b.eas_entered);
	assert_int_equal(a.want_affine, b.want_affine);
	assert_int_equal(a.affine_cpu, b.affine_cpu);
	if (a.eas_entered) {
		assert_int_equal(a.feec.cpu, b.feec.cpu);
		assert_int_equal(a.feec.nr_computed, b.feec.nr_computed);
		assert_int_equal(a.feec.nr_candidates, b.feec.nr_candidates);
		for (i = 0; i < a.feec.nr_candidates; i++) {
			assert_int_equal(ca[i].cpu, cb[i].cpu);
			assert_int_equal(ca[i].perf_domain, cb[i].perf_domain);
			assert_int_equal(ca[i].energy, cb[i].energy);
			assert_int_equal(ca[i].base_energy, cb[i].base_energy);
			assert_int_equal(ca[i].delta, cb[i].delta);
		}
	}
	/*
	 * rd->overutilized as select_task_rq_fair() used it. The library
	 * computes it inside the feec scan when it can (EAS__OU_SELECT); it
	 * must still be the root domain's flag, eas_is_overutilized(), and
	 * (literal oracle) the OR of cpu_overutilized() over online CPUs.
	 */
	if ((r->flags & EAS_WF_TTWU) && a.path != EAS_PATH_CURRENT_CPU &&
	    r->pf->eas_possible && (r->sys.features & EAS_FEAT_ENERGY_AWARE)) {
		bool ou = ref_rd_overutilized(&r->sys);

		assert_int_equal(a.overutilized, ou);
		assert_int_equal(eas_is_overutilized(&r->sys), ou);
		if (r->pf->kernel == EAS_KERNEL_V6_19)
			assert_int_equal(a.eas_entered, !ou);
		else
			assert_true(a.eas_entered);
		ou_checked++;
	}
	path_hits[r->pf->kernel][a.path]++;
	if (a.eas_entered)
		reason_hits[r->pf->kernel][a.feec.reason]++;
	if (ra != r->p.prev_cpu)
		nonprev_hits[r->pf->kernel]++;
	assert_int_equal(pa.recent_used_cpu, pb.recent_used_cpu);
	assert_int_equal(wa.wakee_flips, wb.wakee_flips);
	assert_int_equal(wa.wakee_flip_decay_ts, wb.wakee_flip_decay_ts);
	assert_int_equal(wa.last_wakee, wb.last_wakee);
	assert_int_equal(wa.recent_used_cpu, wb.recent_used_cpu);

	/* building blocks */
	for (i = 0; i < n && i < 64; i++) {
		assert_int_equal(eas_capacity_of(&r->sys, i),
				 ref_capacity_of(&r->sys, (int)i));
		assert_int_equal(eas_cpu_overutilized(&r->sys, i),
				 ref_cpu_overutilized(&r->sys, (int)i));
	}
	assert_int_equal(eas_is_overutilized(&r->sys),
			 ref_rd_overutilized(&r->sys));
	for (i = 0; i < r->pf->nr_pds && i < 16; i++) {
		int32_t dst = (int32_t)r->pf->pds[i].cpus[0];

		assert_int_equal(eas_compute_energy(&r->sys, &r->p, -1, i),
				 ref_compute_energy(&r->sys, &r->p, -1, i));
		assert_int_equal(eas_compute_energy(&r->sys, &r->p, dst, i),
				 ref_compute_energy(&r->sys, &r->p, dst, i));
	}
}

static void run(struct eas_platform *pf, uint32_t iters, uint64_t seed0)
{
	struct rig r;
	uint32_t k;

	memset(&r, 0, sizeof(r));
	r.pf = pf;
	r.rq = calloc(pf->nr_cpus, sizeof(*r.rq));
	r.allowed = calloc(EAS_MASK_WORDS(pf->nr_cpus), sizeof(eas_mask_word));
	assert_non_null(r.rq);
	assert_non_null(r.allowed);
	for (k = 0; k < iters; k++) {
		uint64_t seed = seed0 * 1000003u + k, s = seed;

		randomize(&r, &s);
		one(&r, seed);
	}
	free(r.rq);
	free(r.allowed);
	fix_free(pf);
}

static void test_2x2(void **state)
{
	(void)state;
	run(fix_2x2(EAS_KERNEL_V5_4, 0), 3000, 1);
	run(fix_2x2(EAS_KERNEL_V5_4, EAS_OPT_V54_EM_SCALE_POWER), 1000, 2);
	run(fix_2x2(EAS_KERNEL_V6_19, 0), 3000, 3);
}

static void test_real_socs(void **state)
{
	(void)state;
	run(fix_hikey960(EAS_KERNEL_V5_4, 0), 1500, 4);
	run(fix_hikey960(EAS_KERNEL_V6_19, 0), 1500, 5);
	run(fix_rk3399(EAS_KERNEL_V5_4, 0), 1000, 6);
	run(fix_rk3399(EAS_KERNEL_V6_19, 0), 1000, 7);
	run(fix_juno_r0(EAS_KERNEL_V5_4, 0), 1000, 8);
	run(fix_juno_r0(EAS_KERNEL_V6_19, 0), 1000, 9);
}

static void test_generated(void **state)
{
	static const struct fix_gen_params gp[] = {
		{ 12, 3, 5, 11, 0 }, /* tri-cluster */
		{ 8, 8, 4, 12, 0 },  /* per-CPU DVFS */
		{ 16, 4, 6, 13, FIX_GEN_DMIPS },
		{ 8, 2, 3, 14, FIX_GEN_SMT },	    /* SMT: EAS off in v6.19 */
		{ 8, 2, 3, 15, FIX_GEN_SYMMETRIC }, /* no EAS at all */
		{ 70, 5, 4, 16, FIX_GEN_NO_SKIP },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(gp) / sizeof(gp[0]); i++) {
		uint32_t it = gp[i].nr_cpus > 20 ? 200 : 800;

		run(fix_generated(&gp[i], EAS_KERNEL_V5_4, 0), it, 100 + i);
		run(fix_generated(&gp[i], EAS_KERNEL_V6_19, 0), it, 200 + i);
	}
}

/* no fixed CPU limit: 4096 CPUs (v6.19: 1024 perf domains) */
static void test_large(void **state)
{
	struct fix_gen_params gp = { 4096, 1024, 4, 77, 0 };

	(void)state;
	run(fix_generated(&gp, EAS_KERNEL_V6_19, 0), 4, 300);
	gp.nr_pds = 2;
	run(fix_generated(&gp, EAS_KERNEL_V5_4, 0), 4, 301);
}

/* every path and the interesting feec outcomes were exercised */
static void test_coverage(void **state)
{
	int k, i;

	(void)state;
	for (k = 0; k < 2; k++) {
		fprintf(stderr, "%s paths:", k ? "v6.19" : "v5.4");
		for (i = 0; i < 5; i++)
			fprintf(stderr, " %s=%lu",
				eas_place_path_name((enum eas_place_path)i),
				path_hits[k][i]);
		fprintf(stderr, "\n  feec:");
		for (i = 0; i < 11; i++)
			if (reason_hits[k][i])
				fprintf(stderr, " %s=%lu",
					eas_feec_reason_name(
						(enum eas_feec_reason)i),
					reason_hits[k][i]);
		fprintf(stderr, "\n  moved away from prev: %lu\n",
			nonprev_hits[k]);
		for (i = 0; i < 4; i++)
			assert_true(path_hits[k][i] > 20);
		assert_true(reason_hits[k][EAS_FEEC_ENERGY] > 20);
		assert_true(reason_hits[k][EAS_FEEC_OVERUTILIZED] +
				    path_hits[k][EAS_PATH_IDLE_SIBLING] >
			    20);
	}
	fprintf(stderr, "rd->overutilized checked in %lu decisions\n",
		ou_checked);
	assert_true(ou_checked > 1000);
	assert_true(path_hits[1][EAS_PATH_CURRENT_CPU] > 20);
	assert_true(reason_hits[0][EAS_FEEC_PREV_MARGIN] > 5);
	assert_true(reason_hits[1][EAS_FEEC_BELOW_BASE] +
			    reason_hits[1][EAS_FEEC_PREV_BEST] >
		    5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_2x2),
		cmocka_unit_test(test_real_socs),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_coverage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
