/* SPDX-License-Identifier: MIT */
/*
 * Differential tests: the library's select_task_rq_fair() /
 * find_energy_efficient_cpu() / compute_energy() / capacity_of() /
 * cpu_overutilized() against the literal oracle (tests/oracle/ref_place.c)
 * on thousands of seeded random landscapes: 2x2, HiKey960, RK3399, Juno r0
 * (interleaved clusters), generated tri-cluster, per-CPU-DVFS and SMT
 * platforms, the three flavours (v5.4, v6.19, v7.1); random util / util_est / runnable / uclamp /
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

#include <libeas/em.h>
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
	r->sys.rd_overutilized =
		chance(s, 10) ?
			(rnd(s, 0, 1) ? EAS_RD_OU_SET : EAS_RD_OU_CLEAR) :
			EAS_RD_OU_UNKNOWN;
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
	/* last draw, so the other fields keep their seeds: a SCHED_IDLE
	 * wakee (v7.1 choose_idle_cpu() / choose_sched_idle_rq()) */
	if (chance(s, 30))
		r->p.policy = EAS_POLICY_IDLE;
}

static void report(const struct rig *r, uint64_t seed, const char *what)
{
	fprintf(stderr, "mismatch (%s): %s %u CPUs seed %llu\n", what,
		eas_kernel_name(r->pf->kernel), r->pf->nr_cpus,
		(unsigned long long)seed);
}

#define MAXC 64

/* coverage of the paths and feec outcomes, per flavour */
static unsigned long path_hits[3][5];
static unsigned long reason_hits[3][13];
static unsigned long nonprev_hits[3];
/* v7.1 decisions that differ from v6.19's on the same landscape */
static unsigned long v71_runs, v71_differs, v71_gate_differs, v71_idle_wakee;
static unsigned long ou_checked; /* decisions whose rd flag was checked */
static unsigned long no_eas_hits[7];

/*
 * What the energy model was given (max_util, sum_util, OPP) reproduces
 * the recorded energy and base energy with the flavour's formula:
 * v5.4 em_pd_energy() = cost[opp] * sum_util / scale_cpu with opp the
 * state for max_util; v6.19 em_cpu_energy() = cost[opp] * sum_util with
 * opp = em_pd_get_efficient_state(max_util), none for sum_util 0.
 */
static void check_em_inputs(const struct eas_platform *pf,
			    const struct eas_place_candidate *c)
{
	const struct eas_perf_domain *pd = &pf->pds[c->perf_domain];

	if (pf->kernel == EAS_KERNEL_V5_4) {
		assert_int_equal(c->opp, eas_em_pd_state(pd, c->max_util));
		assert_int_equal(c->base_opp,
				 eas_em_pd_state(pd, c->base_max_util));
		assert_int_equal(c->energy, pd->table[c->opp].cost *
						    c->sum_util / pd->capacity);
		assert_int_equal(c->base_energy, pd->table[c->base_opp].cost *
							 c->base_sum_util /
							 pd->capacity);
		assert_int_equal(c->energy, eas_em_pd_energy(pd, c->max_util,
							     c->sum_util));
	} else {
		if (!c->sum_util) {
			assert_int_equal(c->opp, EAS_NO_OPP);
			assert_int_equal(c->energy, 0);
		} else {
			assert_int_equal(c->opp, eas_em_pd_get_efficient_state(
							 pd, c->max_util));
			assert_int_equal(c->energy,
					 pd->table[c->opp].cost * c->sum_util);
		}
		if (!c->base_sum_util) {
			assert_int_equal(c->base_opp, EAS_NO_OPP);
			assert_int_equal(c->base_energy, 0);
		} else {
			assert_int_equal(c->base_opp,
					 eas_em_pd_get_efficient_state(
						 pd, c->base_max_util));
			assert_int_equal(c->base_energy,
					 pd->table[c->base_opp].cost *
						 c->base_sum_util);
		}
	}
	assert_int_equal(c->opp_khz, c->opp == EAS_NO_OPP ?
					     0 :
					     pd->table[c->opp].frequency);
	assert_int_equal(c->base_opp_khz,
			 c->base_opp == EAS_NO_OPP ?
				 0 :
				 pd->table[c->base_opp].frequency);
}

/*
 * The explanation buffers change nothing: the same decision, the same
 * result fields and the same in/out task and waker fields as a call
 * without any buffer (candidates and steps NULL).
 */
static void check_same_without_buffers(const struct rig *r, int ra,
				       const struct eas_place_result *a,
				       const struct eas_task *pa,
				       const struct eas_waker *wa)
{
	struct eas_place_result c;
	struct eas_task pc = r->p;
	struct eas_waker wc = r->w;
	int rc;

	/* garbage everywhere but the inputs: everything else is written */
	memset(&c, 0xa5, sizeof(c));
	c.feec.candidates = NULL;
	c.feec.max_candidates = 0;
	rc = eas_select_task_rq_fair(&r->sys, &pc, &wc, r->flags, &c);
	assert_int_equal(rc, ra);
	assert_int_equal(c.cpu, a->cpu);
	assert_int_equal(c.path, a->path);
	assert_int_equal(c.eas_entered, a->eas_entered);
	assert_int_equal(c.overutilized, a->overutilized);
	assert_int_equal(c.sync, a->sync);
	assert_int_equal(c.want_affine, a->want_affine);
	assert_int_equal(c.wake_wide, a->wake_wide);
	assert_int_equal(c.wake_cap, a->wake_cap);
	assert_int_equal(c.affine_cpu, a->affine_cpu);
	assert_int_equal(c.sis_target, a->sis_target);
	assert_int_equal(c.sd_level, a->sd_level);
	assert_int_equal(c.no_eas, a->no_eas);
	assert_int_equal(c.feec.cpu, a->feec.cpu);
	assert_int_equal(c.feec.reason, a->feec.reason);
	assert_int_equal(c.feec.overutilized, a->feec.overutilized);
	assert_int_equal(c.feec.best_cpu, a->feec.best_cpu);
	assert_int_equal(c.feec.base_energy, a->feec.base_energy);
	assert_int_equal(c.feec.prev_delta, a->feec.prev_delta);
	assert_int_equal(c.feec.best_delta, a->feec.best_delta);
	assert_int_equal(c.feec.margin, a->feec.margin);
	assert_int_equal(c.feec.prev_fits, a->feec.prev_fits);
	assert_int_equal(c.feec.best_fits, a->feec.best_fits);
	assert_int_equal(c.feec.task_busy_time, a->feec.task_busy_time);
	assert_int_equal(c.feec.nr_computed, a->feec.nr_computed);
	assert_int_equal(c.feec.nr_candidates, 0);
	assert_int_equal(pc.recent_used_cpu, pa->recent_used_cpu);
	assert_int_equal(wc.wakee_flips, wa->wakee_flips);
	assert_int_equal(wc.wakee_flip_decay_ts, wa->wakee_flip_decay_ts);
	assert_int_equal(wc.last_wakee, wa->last_wakee);
	assert_int_equal(wc.recent_used_cpu, wa->recent_used_cpu);
}

static void one(struct rig *r, uint64_t seed)
{
	uint32_t max_steps =
		EAS_PLACE_MAX_STEPS(r->pf->nr_cpus, r->pf->nr_levels);
	struct eas_place_step *steps = malloc(max_steps * sizeof(*steps));
	struct eas_place_steps st;
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
	assert_non_null(steps);
	memset(&st, 0xa5, sizeof(st));
	st.steps = steps;
	st.max_steps = max_steps;
	ra = eas_select_task_rq_fair_explain(&r->sys, &pa, &wa, r->flags, &a,
					     &st);
	/* EAS_PLACE_MAX_STEPS is enough: nothing truncated */
	assert_int_equal(st.nr_steps, st.nr_steps_total);
	assert_true(st.nr_steps <= max_steps);
	if (a.path == EAS_PATH_EAS || a.path == EAS_PATH_CURRENT_CPU)
		assert_int_equal(st.nr_steps, 0);
	/* the fast path marks exactly one step chosen: the CPU returned */
	if (a.path == EAS_PATH_WAKE_AFFINE || a.path == EAS_PATH_IDLE_SIBLING) {
		uint32_t nch = 0, j;

		for (j = 0; j < st.nr_steps; j++)
			if (steps[j].chosen) {
				nch++;
				assert_int_equal(steps[j].cpu, ra);
			}
		assert_int_equal(nch, 1);
	}
	/* the slow path: each found group is followed by its CPU scan with
	 * exactly one CPU chosen; the answer is the last CPU chosen */
	if (a.path == EAS_PATH_IDLEST && a.sd_level >= 0) {
		int32_t last = -1;
		uint32_t j;

		for (j = 0; j < st.nr_steps; j++) {
			const struct eas_place_step *s = &steps[j];

			if (s->kind == EAS_STEP_GROUP_PICK) {
				bool found = s->test == EAS_TEST_PICK_IDLEST ||
					     s->test == EAS_TEST_PICK_SPARE;
				uint32_t k, nch = 0;

				for (k = j + 1;
				     k < st.nr_steps &&
				     steps[k].kind == EAS_STEP_GROUP_CPU;
				     k++)
					if (steps[k].chosen) {
						nch++;
						last = steps[k].cpu;
					}
				if (nch != (found ? 1u : 0u)) {
					uint32_t q;

					report(r, seed, "steps");
					for (q = 0; q < st.nr_steps; q++)
						fprintf(stderr,
							"  %s cpu %d %s%s\n",
							eas_step_kind_name(
								steps[q].kind),
							steps[q].cpu,
							eas_step_test_name(
								steps[q].test),
							steps[q].chosen ? " *" :
									  "");
					fprintf(stderr, "ra %d waker %d\n", ra,
						r->w.cpu);
				}
				assert_int_equal(nch, found ? 1 : 0);
				assert_int_equal(k > j + 1, found);
			}
		}
		if (last >= 0)
			assert_int_equal(ra, last);
		else
			assert_true(ra == r->w.cpu || ra == r->p.prev_cpu);
	}
	/* why the energy-aware path did not place the task */
	if (!(r->flags & EAS_WF_TTWU))
		assert_int_equal(a.no_eas, EAS_NOEAS_NOT_WAKEUP);
	else if (a.path == EAS_PATH_CURRENT_CPU)
		assert_int_equal(a.no_eas, EAS_NOEAS_CURRENT_CPU);
	else if (a.path == EAS_PATH_EAS)
		assert_int_equal(a.no_eas, EAS_NOEAS_NONE);
	else if (!r->pf->eas_possible)
		assert_int_equal(a.no_eas, EAS_NOEAS_PLATFORM);
	else if (!(r->sys.features & EAS_FEAT_ENERGY_AWARE))
		assert_int_equal(a.no_eas, EAS_NOEAS_DISABLED);
	else
		assert_int_equal(a.no_eas, a.overutilized ?
						   EAS_NOEAS_OVERUTILIZED :
						   EAS_NOEAS_DECLINED);
	no_eas_hits[a.no_eas < 7 ? a.no_eas : 0]++;
	check_same_without_buffers(r, ra, &a, &pa, &wa);
	free(steps);
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
			check_em_inputs(r->pf, &ca[i]);
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
		if (r->pf->kernel != EAS_KERNEL_V5_4)
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
	if (r->pf->kernel == EAS_KERNEL_V7_1) {
		/* the same landscape as v6.19: does a v7.1 delta decide? */
		struct eas_platform pf619 = *r->pf;
		struct eas_system s619 = r->sys;
		struct eas_place_result c;
		struct eas_task pc = r->p;
		struct eas_waker wc = r->w;
		int rn;

		pf619.kernel = EAS_KERNEL_V6_19;
		pf619.flavour = &eas_kernel_v6_19;
		s619.pf = &pf619;
		memset(&c, 0, sizeof(c));
		v71_runs++;
		if (eas_select_task_rq_fair(&s619, &pc, &wc, r->flags, &c) !=
		    ra)
			v71_differs++;
		/* a normal wakee: only group_is_overloaded()'s gate differs */
		if (r->p.policy != EAS_POLICY_NORMAL)
			v71_idle_wakee++;
		pc = r->p;
		wc = r->w;
		pc.policy = EAS_POLICY_NORMAL;
		memset(&c, 0, sizeof(c));
		rn = eas_select_task_rq_fair(&s619, &pc, &wc, r->flags, &c);
		pc = r->p;
		wc = r->w;
		pc.policy = EAS_POLICY_NORMAL;
		memset(&c, 0, sizeof(c));
		if (eas_select_task_rq_fair(&r->sys, &pc, &wc, r->flags, &c) !=
		    rn)
			v71_gate_differs++;
	}
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
	run(fix_2x2(EAS_KERNEL_V7_1, 0), 3000, 3);
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
	run(fix_hikey960(EAS_KERNEL_V7_1, 0), 1500, 5);
	run(fix_rk3399(EAS_KERNEL_V7_1, 0), 1000, 7);
	run(fix_juno_r0(EAS_KERNEL_V7_1, 0), 1000, 9);
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
		run(fix_generated(&gp[i], EAS_KERNEL_V7_1, 0), it, 200 + i);
	}
}

/* no fixed CPU limit: 4096 CPUs (v6.19: 1024 perf domains) */
static void test_large(void **state)
{
	struct fix_gen_params gp = { 4096, 1024, 4, 77, 0 };

	(void)state;
	run(fix_generated(&gp, EAS_KERNEL_V6_19, 0), 4, 300);
	run(fix_generated(&gp, EAS_KERNEL_V7_1, 0), 4, 300);
	gp.nr_pds = 2;
	run(fix_generated(&gp, EAS_KERNEL_V5_4, 0), 4, 301);
}

/* every path and the interesting feec outcomes were exercised */
static void test_coverage(void **state)
{
	int k, i;

	(void)state;
	for (k = 0; k < 3; k++) {
		fprintf(stderr,
			"%s paths:", eas_kernel_name((enum eas_kernel)k));
		for (i = 0; i < 5; i++)
			fprintf(stderr, " %s=%lu",
				eas_place_path_name((enum eas_place_path)i),
				path_hits[k][i]);
		fprintf(stderr, "\n  feec:");
		for (i = 0; i < 13; i++)
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
	/* the v7.1 runs (same seeds as v6.19) reach the deltas */
	fprintf(stderr,
		"v7.1: %lu decisions (%lu SCHED_IDLE wakees), %lu differ from "
		"v6.19; %lu with a normal wakee (overloaded gate)\n",
		v71_runs, v71_idle_wakee, v71_differs, v71_gate_differs);
	assert_true(v71_differs > 50);
	assert_true(v71_gate_differs > 10);
	assert_true(v71_differs > v71_gate_differs + 10);
	assert_true(path_hits[2][EAS_PATH_CURRENT_CPU] > 20);
	fprintf(stderr, "no_eas:");
	for (i = 0; i < 7; i++)
		fprintf(stderr, " %s=%lu",
			eas_no_eas_reason_name((enum eas_no_eas_reason)i),
			no_eas_hits[i]);
	fputc('\n', stderr);
	/* the random landscapes are EAS platforms with the energy_aware
	 * feature on, and feec declines only when overutilized there:
	 * platform / disabled / declined are covered by test_place_explain
	 * (symmetric platform) and test_select */
	assert_true(no_eas_hits[EAS_NOEAS_NONE] > 0);
	assert_true(no_eas_hits[EAS_NOEAS_NOT_WAKEUP] > 0);
	assert_true(no_eas_hits[EAS_NOEAS_CURRENT_CPU] > 0);
	assert_true(no_eas_hits[EAS_NOEAS_OVERUTILIZED] > 0);
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
