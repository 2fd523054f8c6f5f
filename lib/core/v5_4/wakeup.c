/* SPDX-License-Identifier: MIT */
/*
 * v5.4 wake-up paths (kernel-eas.md §4): the slow path's
 * find_idlest_group() and the fast path's select_idle_sibling() with
 * select_idle_core() / select_idle_cpu() (SIS_PROP budget) /
 * select_idle_smt(). select_task_rq_fair(), wake_affine(),
 * find_idlest_cpu() and find_idlest_group_cpu() are in common/wakeup.c.
 * Part of the v5.4 flavour TU (flavour_v5_4.c).
 */

/* v5.4 sched_idle_cpu(cpu): a SCHED_IDLE-only rq counts as idle */
static bool eas__choose_sched_idle(const struct eas_system *sys, uint32_t cpu,
				   const struct eas_task *p)
{
	(void)p;
	return eas__sched_idle_cpu(sys, cpu);
}

/* v5.4 cpu_util_without(cpu, p) */
static uint64_t v54_cpu_util_without(const struct slow_ctx *x, uint32_t cpu)
{
	const struct eas_system *sys = x->sys;
	const struct eas_task *p = x->p;
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t util, cap = sys->pf->cpus[cpu].capacity;

	if ((int32_t)cpu != p->prev_cpu || x->fork)
		return eas_cpu_util(sys, cpu, NULL, -1, false);
	util = eas__sub_positive(rq->util_avg, p->util_avg);
	if (eas__util_est(sys)) {
		uint64_t est = rq->util_est;

		if (p->queued || p->is_current)
			est = eas__sub_positive(est,
						eas__task_util_est_raw(sys, p));
		util = eas__max_u64(util, est);
	}
	return util < cap ? util : cap;
}

/* v5.4 find_idlest_group(): one group's figures */
static NOTE_COLD void note_group54(const struct slow_ctx *x, int32_t l,
				   const uint32_t *g, uint32_t nr, bool local,
				   uint64_t runnable, uint64_t avg,
				   uint64_t max_spare, uint64_t gcap,
				   bool idlest, bool spare)
{
	struct eas_place_step *s =
		step_new(x->rec, EAS_STEP_GROUP, (int32_t)g[0], l);

	if (!s)
		return;
	s->nr_cpus = nr;
	s->local = local;
	s->runnable = runnable;
	s->load = avg;
	s->util = max_spare;
	s->capacity = gcap;
	s->test = local		  ? EAS_TEST_GROUP_LOCAL :
		  idlest && spare ? EAS_TEST_GROUP_BOTH :
		  idlest	  ? EAS_TEST_GROUP_IDLEST :
		  spare		  ? EAS_TEST_GROUP_SPARE :
				    EAS_TEST_GROUP_NOT_BETTER;
}

/* v5.4 find_idlest_group() (fair.c:5555) */
static int32_t find_idlest_group(const struct slow_ctx *x, int32_t l,
				 uint32_t this_cpu, uint32_t sd_flag,
				 const uint32_t **out, uint32_t *out_nr)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	const struct eas_task *p = x->p;
	uint32_t pct = pf->levels[l].imbalance_pct;
	uint64_t imbalance_scale = 100u + (pct - 100u) / 2u;
	uint64_t imbalance = EAS__NICE_0_LOAD * (pct - 100u) / 100u;
	uint64_t min_runnable = UINT64_MAX, this_runnable = UINT64_MAX;
	uint64_t min_avg = UINT64_MAX, this_avg = UINT64_MAX;
	uint64_t most_spare = 0, this_spare = 0;
	const uint32_t *idlest = NULL, *most_spare_sg = NULL;
	uint32_t idlest_nr = 0, most_spare_nr = 0;
	struct group_iter it;
	const uint32_t *g;
	uint32_t nr;

	group_iter_init(&it, pf, l, this_cpu);
	while ((g = group_next(&it, &nr))) {
		uint64_t avg = 0, runnable = 0, max_spare = 0, gcap = 0;
		bool allowed = false, local = false;
		uint32_t i;

		for (i = 0; i < nr; i++)
			if (eas__cpu_online(sys, g[i]) &&
			    eas__cpu_allowed(p, g[i]))
				allowed = true;
		if (!allowed)
			continue;
		for (i = 0; i < nr; i++) {
			uint32_t c = g[i];
			uint64_t cap, util, spare;

			if (!eas__cpu_online(sys, c))
				continue;
			if (c == this_cpu)
				local = true;
			runnable += sys->rq[c].runnable_load_avg;
			avg += sys->rq[c].load_avg;
			cap = eas_capacity_of(sys, c);
			gcap += cap;
			util = v54_cpu_util_without(x, c);
			/* capacity_spare_without(): max_t(long, cap-util, 0) */
			spare = (int64_t)(cap - util) > 0 ? cap - util : 0;
			if (spare > max_spare)
				max_spare = spare;
		}
		avg = avg * EAS__SCALE / gcap;
		runnable = runnable * EAS__SCALE / gcap;
		if (local) {
			this_runnable = runnable;
			this_avg = avg;
			this_spare = max_spare;
		} else {
			if (min_runnable > runnable + imbalance) {
				min_runnable = runnable;
				min_avg = avg;
				idlest = g;
				idlest_nr = nr;
			} else if (runnable < min_runnable + imbalance &&
				   100u * min_avg > imbalance_scale * avg) {
				min_avg = avg;
				idlest = g;
				idlest_nr = nr;
			}
			if (most_spare < max_spare) {
				most_spare = max_spare;
				most_spare_sg = g;
				most_spare_nr = nr;
			}
		}
		if (x->rec)
			note_group54(x, l, g, nr, local, runnable, avg,
				     max_spare, gcap, idlest == g,
				     most_spare_sg == g);
	}
	if (!(sd_flag & EAS_SD_BALANCE_FORK)) {
		if (this_spare > p->util_avg / 2u &&
		    imbalance_scale * this_spare > 100u * most_spare)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_SPARE,
					 NULL);
		if (most_spare > p->util_avg / 2u) {
			*out = most_spare_sg;
			*out_nr = most_spare_nr;
			return note_pick(x, l, 1, EAS_TEST_PICK_SPARE,
					 most_spare_sg);
		}
	}
	if (!idlest)
		return note_pick(x, l, 0, EAS_TEST_PICK_NONE, NULL);
	if ((eas_sd_flags(pf, (uint32_t)l, this_cpu) & EAS_SD_NUMA) &&
	    min_runnable + imbalance >= this_runnable)
		return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD, NULL);
	if (min_runnable > this_runnable + imbalance)
		return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD, NULL);
	if (this_runnable < min_runnable + imbalance &&
	    100u * this_avg < imbalance_scale * min_avg)
		return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD, NULL);
	*out = idlest;
	*out_nr = idlest_nr;
	return note_pick(x, l, 1, EAS_TEST_PICK_IDLEST, idlest);
}

/* v5.4 select_idle_core(p, sd, target) */
static int32_t v54_select_idle_core(const struct sis_ctx *x, int32_t llc,
				    uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	uint32_t n, i, start = 0;
	const uint32_t *span;

	if (!smt_present(pf))
		return NO_CPU;
	if (!sys->rq[pf->cpus[target].sd_llc_id].has_idle_cores)
		return NO_CPU;
	span = eas_sd_span(pf, (uint32_t)llc, target, &n);
	while (start < n && span[start] < target)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t core = span[(start + i) % n], c = core, nr, j;
		const uint32_t *m;
		bool idle = true;

		if (!eas__cpu_online(sys, core) ||
		    !eas__cpu_allowed(x->p, core) ||
		    core_seen(x, llc, target, core, target))
			continue;
		m = smt_mask(pf, &c, &nr);
		for (j = 0; j < nr; j++)
			if (!eas__idle_cpu(sys, m[j]))
				idle = false;
		note_cpu(x, EAS_STEP_IDLE_CORE, core, llc,
			 idle ? EAS_TEST_CORE_IDLE : EAS_TEST_CORE_BUSY);
		if (idle)
			return (int32_t)core;
	}
	return NO_CPU;
}

/* v5.4 select_idle_cpu(p, sd, target) with SIS_PROP fed by rq->avg_idle
 * of the waking CPU and avg_scan_cost of its LLC (inputs, see
 * docs/placement.md); the avg_scan_cost update is not modelled. */
/* v5.4 select_idle_cpu()'s scan budget nr for an LLC of n CPUs */
static inline uint64_t v54_sis_budget(const struct sis_ctx *x, uint32_t n)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	uint32_t this_cpu = (uint32_t)x->w->cpu;
	uint64_t nr = UINT64_MAX; /* INT_MAX: never reached */

	if (eas__features(sys) & EAS_FEAT_SIS_PROP) {
		uint64_t avg_idle = sys->rq[this_cpu].avg_idle / 512u;
		uint64_t avg_cost =
			sys->rq[pf->cpus[this_cpu].sd_llc_id].avg_scan_cost +
			1u;
		uint64_t span_avg = (uint64_t)n * avg_idle;

		nr = span_avg > 4u * avg_cost ? span_avg / avg_cost : 4u;
		/* nr is an int in the kernel */
		if (nr > 0x7fffffffu)
			nr = (uint64_t)(int32_t)(uint32_t)nr;
	}
	return nr;
}

/* v5.4 select_idle_cpu() replayed for the explanation (after the call):
 * the same scan, each CPU with what it found, up to where it stopped */
static NOTE_COLD void note_v54_idle_cpu(const struct sis_ctx *x, int32_t llc,
					uint32_t target)
{
	const struct eas_system *sys = x->sys;
	uint32_t n, i, start = 0;
	const uint32_t *span;
	uint64_t nr;

	if (sys->pf->cpus[x->w->cpu].sd_llc < 0)
		return;
	span = eas_sd_span(sys->pf, (uint32_t)llc, target, &n);
	nr = v54_sis_budget(x, n);
	while (start < n && span[start] < target)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t cpu = span[(start + i) % n];

		if (!eas__cpu_online(sys, cpu))
			continue;
		if (!--nr) {
			note_cpu(x, EAS_STEP_IDLE_CPU, cpu, llc,
				 EAS_TEST_SCAN_LIMIT);
			return;
		}
		if (!eas__cpu_allowed(x->p, cpu)) {
			note_cpu(x, EAS_STEP_IDLE_CPU, cpu, llc,
				 EAS_TEST_NOT_ALLOWED);
			continue;
		}
		note_cpu(x, EAS_STEP_IDLE_CPU, cpu, llc, EAS_TEST_BUSY);
		if (eas__idle_cpu(sys, cpu))
			return;
	}
}

static int32_t v54_select_idle_cpu(const struct sis_ctx *x, int32_t llc,
				   uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	uint32_t this_cpu = (uint32_t)x->w->cpu;
	int32_t si_cpu = NO_CPU;
	uint64_t nr;
	uint32_t n, i, start = 0;
	const uint32_t *span;

	if (pf->cpus[this_cpu].sd_llc < 0)
		return NO_CPU;
	span = eas_sd_span(pf, (uint32_t)llc, target, &n);
	nr = v54_sis_budget(x, n);
	while (start < n && span[start] < target)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t cpu = span[(start + i) % n];

		if (!eas__cpu_online(sys, cpu))
			continue;
		if (!--nr)
			return si_cpu;
		if (!eas__cpu_allowed(x->p, cpu))
			continue;
		if (eas__idle_cpu(sys, cpu))
			return (int32_t)cpu;
		if (si_cpu == NO_CPU && eas__sched_idle_cpu(sys, cpu))
			si_cpu = (int32_t)cpu;
	}
	/* loop ran out: cpu >= nr_cpumask_bits, si_cpu is dropped */
	return NO_CPU;
}

/* v5.4 select_idle_smt(p, target) */
static int32_t v54_select_idle_smt(const struct sis_ctx *x, uint32_t target)
{
	const struct eas_system *sys = x->sys;
	int32_t si_cpu = NO_CPU;
	uint32_t nr, i, t = target;
	const uint32_t *m;

	if (!smt_present(sys->pf))
		return NO_CPU;
	m = smt_mask(sys->pf, &t, &nr);
	for (i = 0; i < nr; i++) {
		uint32_t cpu = m[i];

		if (!eas__cpu_online(sys, cpu) || !eas__cpu_allowed(x->p, cpu))
			continue;
		note_cpu(x, EAS_STEP_IDLE_SMT, cpu, -1, EAS_TEST_BUSY);
		if (eas__idle_cpu(sys, cpu))
			return (int32_t)cpu;
		if (si_cpu == NO_CPU && eas__sched_idle_cpu(sys, cpu))
			si_cpu = (int32_t)cpu;
	}
	return si_cpu;
}

/* v5.4 select_idle_sibling() (fair.c:5988) */
static int32_t select_idle_sibling(struct sis_ctx *x, uint32_t prev,
				   uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	struct eas_task *p = x->p;
	int32_t recent = p->recent_used_cpu, llc, i;

	if (idle_or_sched_idle(sys, target, x->p))
		return (int32_t)target;
	if (prev != target && eas_cpus_share_cache(pf, prev, target) &&
	    idle_or_sched_idle(sys, prev, x->p))
		return (int32_t)prev;
	if (recent >= 0 && (uint32_t)recent < pf->nr_cpus &&
	    recent != (int32_t)prev && recent != (int32_t)target &&
	    eas__cpu_online(sys, (uint32_t)recent) &&
	    eas_cpus_share_cache(pf, (uint32_t)recent, target) &&
	    idle_or_sched_idle(sys, (uint32_t)recent, x->p) &&
	    eas__cpu_allowed(p, (uint32_t)recent)) {
		p->recent_used_cpu = (int32_t)prev;
		return recent;
	}
	llc = pf->cpus[target].sd_llc;
	if (llc < 0)
		return (int32_t)target;
	i = v54_select_idle_core(x, llc, target);
	if (i >= 0)
		return i;
	i = v54_select_idle_cpu(x, llc, target);
	if (x->rec)
		note_v54_idle_cpu(x, llc, target);
	if (i >= 0)
		return i;
	i = v54_select_idle_smt(x, target);
	if (i >= 0)
		return i;
	return (int32_t)target;
}
