/* SPDX-License-Identifier: MIT */
/*
 * v6.19 wake-up paths (kernel-eas.md §4): the slow path's
 * sched_balance_find_dst_group() with update_sg_wakeup_stats() /
 * update_pick_idlest(), and the fast path's select_idle_sibling() with
 * select_idle_capacity(), select_idle_core() / select_idle_cpu() (SIS_UTIL)
 * / select_idle_smt(). select_task_rq_fair(), wake_affine(),
 * sched_balance_find_dst_cpu() and _group_cpu() are in common/wakeup.c.
 * Compiled in the v6.19 and v7.1 flavour TUs; v7.1 brings its own
 * choose_idle_cpu() rule (v7_1/wakeup.c, EAS__V71_RULES).
 */

/* v7.1 group_is_overloaded()'s EAS test (v7_1/balance.c; v6.19 has none:
 * v6_19/balance.c) */
static bool group_overloaded_gated(const struct eas_system *sys,
				   bool group_overutilized);

#ifndef EAS__V71_RULES
/* v6.19 sched_idle_cpu(cpu): a SCHED_IDLE-only rq counts as idle for
 * every wakee */
static bool eas__choose_sched_idle(const struct eas_system *sys, uint32_t cpu,
				   const struct eas_task *p)
{
	(void)p;
	return eas__sched_idle_cpu(sys, cpu);
}
#endif

/* v6.19 cpu_util_without(cpu, p) */
static uint64_t v619_cpu_util_without(const struct slow_ctx *x, uint32_t cpu)
{
	const struct eas_task *p = x->p;

	if ((int32_t)cpu != p->prev_cpu || x->fork)
		p = NULL;
	return eas_cpu_util(x->sys, cpu, p, -1, false);
}

/* v6.19 group types (enum group_type) */
enum group_type {
	group_has_spare = 0,
	group_fully_busy,
	group_misfit_task,
	group_smt_balance,
	group_asym_packing,
	group_imbalanced,
	group_overloaded,
};

struct sg_stats {
	uint64_t avg_load, group_load, group_util, group_runnable;
	uint64_t group_capacity, max_capacity;
	uint32_t sum_nr_running, sum_h_nr_running, idle_cpus, group_weight;
	uint64_t misfit;
	enum group_type type;
};

/* v6.19 group_is_overloaded() / group_has_capacity() / group_classify()
 * for the wake-up statistics (no imbalanced / asym / smt flags).
 * v7.1 group_is_overloaded() first returns false when
 * sched_energy_enabled() && !sgs->group_overutilized, and
 * update_sg_wakeup_stats() never sets group_overutilized: with EAS no
 * group is overloaded in the slow path (eas_gate). */
static enum group_type classify(uint32_t pct, const struct sg_stats *s,
				bool eas_gate)
{
	bool overloaded = false, has_cap;

	if (!eas_gate && s->sum_nr_running > s->group_weight) {
		if (s->group_capacity * 100u < s->group_util * pct)
			overloaded = true;
		else if (s->group_capacity * pct < s->group_runnable * 100u)
			overloaded = true;
	}
	if (overloaded)
		return group_overloaded;
	if (s->misfit)
		return group_misfit_task;
	if (s->sum_nr_running < s->group_weight)
		has_cap = true;
	else if (s->group_capacity * pct < s->group_runnable * 100u)
		has_cap = false;
	else
		has_cap = s->group_capacity * 100u > s->group_util * pct;
	return has_cap ? group_has_spare : group_fully_busy;
}

/*
 * v6.19 update_sg_wakeup_stats(). The per-CPU sums (group_load,
 * group_util, group_runnable, sum_(h_)nr_running, idle_cpus) and the
 * task_fits_cpu() misfit test run over
 * for_each_cpu_and(i, sched_group_span(group), p->cpus_ptr): only the CPUs
 * p may run on. group_weight (group->group_weight), group_capacity
 * (group->sgc->capacity) and max_capacity (group->sgc->max_capacity, read
 * by update_pick_idlest() / sched_balance_find_dst_group() for
 * group_misfit_task) describe the whole group. (v5.4 find_idlest_group()
 * sums every CPU of the group: for_each_cpu(i, sched_group_span(group)).)
 */
static void update_sg_wakeup_stats(const struct slow_ctx *x, int32_t l,
				   uint32_t of, const uint32_t *g, uint32_t nr,
				   struct sg_stats *s)
{
	const struct eas_system *sys = x->sys;
	const struct eas_task *p = x->p;
	uint32_t flags = eas_sd_flags(sys->pf, (uint32_t)l, of);
	uint32_t i;

	*s = (struct sg_stats){ 0 };
	if (flags & EAS_SD_ASYM_CPUCAPACITY)
		s->misfit = 1;
	for (i = 0; i < nr; i++) {
		uint32_t c = g[i];
		const struct eas_rq *rq = &sys->rq[c];
		bool on = (int32_t)c == p->prev_cpu && !x->fork;
		uint32_t local = on && p->queued ? 1u : 0u;
		uint32_t nr_running;
		uint64_t cap;

		if (!eas__cpu_online(sys, c))
			continue;
		/* the whole group: group_weight, sgc->capacity,
		 * sgc->max_capacity */
		s->group_weight++;
		cap = eas_capacity_of(sys, c);
		s->group_capacity += cap;
		s->max_capacity = eas__max_u64(s->max_capacity, cap);
		/* the loop: sched_group_span(group) & p->cpus_ptr */
		if (!eas__cpu_allowed(p, c))
			continue;
		/* cpu_load_without() */
		s->group_load +=
			on ? eas__sub_positive(rq->load_avg, p->h_load) :
			     rq->load_avg;
		s->group_util += v619_cpu_util_without(x, c);
		/* cpu_runnable_without() */
		s->group_runnable += on ? eas__sub_positive(rq->runnable_avg,
							    p->runnable_avg) :
					  rq->runnable_avg;
		s->sum_h_nr_running += rq->h_nr_running - local;
		nr_running = rq->nr_running - local;
		s->sum_nr_running += nr_running;
		/* idle_cpu_without(): curr is idle or p */
		if (!nr_running && (rq->idle || (on && p->is_current)))
			s->idle_cpus++;
		if ((flags & EAS_SD_ASYM_CPUCAPACITY) && s->misfit &&
		    eas_task_fits_cpu(sys, p, c))
			s->misfit = 0;
	}
	/* the wakeup statistics never set group_overutilized */
	s->type = classify(sys->pf->levels[l].imbalance_pct, s,
			   group_overloaded_gated(sys, false));
	if (s->type == group_fully_busy || s->type == group_overloaded)
		s->avg_load = s->group_load * EAS__SCALE / s->group_capacity;
}

/* v6.19 update_pick_idlest() */
static bool update_pick_idlest(const struct sg_stats *idl,
			       const struct sg_stats *s)
{
	if (s->type < idl->type)
		return true;
	if (s->type > idl->type)
		return false;
	switch (s->type) {
	case group_overloaded:
	case group_fully_busy:
		if (idl->avg_load <= s->avg_load)
			return false;
		break;
	case group_imbalanced:
	case group_asym_packing:
	case group_smt_balance:
		return false;
	case group_misfit_task:
		if (idl->max_capacity >= s->max_capacity)
			return false;
		break;
	case group_has_spare:
		if (idl->idle_cpus > s->idle_cpus)
			return false;
		if (idl->idle_cpus == s->idle_cpus &&
		    idl->group_util <= s->group_util)
			return false;
		break;
	}
	return true;
}

/* v6.19 sched_balance_find_dst_group(): one group's statistics */
static NOTE_COLD void note_group619(const struct slow_ctx *x, int32_t l,
				    const uint32_t *g, uint32_t nr,
				    const struct sg_stats *st, uint32_t test)
{
	struct eas_place_step *s =
		step_new(x->rec, EAS_STEP_GROUP, (int32_t)g[0], l);

	if (!s)
		return;
	s->test = test;
	s->local = test == EAS_TEST_GROUP_LOCAL;
	s->nr_cpus = nr;
	/* enum group_type -> enum eas_group_type (v6.19 order + 1) */
	s->group_type = (uint32_t)st->type + 1u;
	s->idle_cpus = st->idle_cpus;
	s->capacity = st->max_capacity;
	s->load = st->avg_load;
	s->util = st->group_util;
}

/* v6.19 sched_balance_find_dst_group() (fair.c:10826) */
static int32_t find_idlest_group(const struct slow_ctx *x, int32_t l,
				 uint32_t this_cpu, uint32_t sd_flag,
				 const uint32_t **out, uint32_t *out_nr)
{
	(void)sd_flag; /* v5.4's find_idlest_group() takes it, 6.19's not */
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	struct sg_stats local_s, tmp, idl;
	const uint32_t *idlest = NULL, *g;
	uint32_t idlest_nr = 0, nr, pct = pf->levels[l].imbalance_pct;
	bool have_local = false;
	struct group_iter it;

	idl = (struct sg_stats){ 0 };
	idl.avg_load = UINT32_MAX;
	idl.type = group_overloaded;
	group_iter_init(&it, pf, l, this_cpu);
	while ((g = group_next(&it, &nr))) {
		bool allowed = false, local = false;
		uint32_t i;

		for (i = 0; i < nr; i++) {
			if (eas__cpu_online(sys, g[i]) &&
			    eas__cpu_allowed(x->p, g[i]))
				allowed = true;
			if (g[i] == this_cpu)
				local = true;
		}
		if (!allowed)
			continue;
		if (local) {
			update_sg_wakeup_stats(x, l, this_cpu, g, nr, &local_s);
			have_local = true;
			if (x->rec)
				note_group619(x, l, g, nr, &local_s,
					      EAS_TEST_GROUP_LOCAL);
			continue;
		}
		update_sg_wakeup_stats(x, l, this_cpu, g, nr, &tmp);
		if (update_pick_idlest(&idl, &tmp)) {
			idlest = g;
			idlest_nr = nr;
			idl = tmp;
		}
		if (x->rec)
			note_group619(x, l, g, nr, &tmp,
				      idlest == g ? EAS_TEST_GROUP_IDLEST :
						    EAS_TEST_GROUP_NOT_BETTER);
	}
	if (!idlest)
		return note_pick(x, l, 0, EAS_TEST_PICK_NONE, NULL);
	*out = idlest;
	*out_nr = idlest_nr;
	if (!have_local)
		return note_pick(x, l, 1, EAS_TEST_PICK_IDLEST, idlest);
	if (local_s.type < idl.type)
		return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_TYPE, NULL);
	if (local_s.type > idl.type)
		return note_pick(x, l, 1, EAS_TEST_PICK_IDLEST, idlest);
	switch (local_s.type) {
	case group_overloaded:
	case group_fully_busy: {
		uint64_t imbalance = EAS__NICE_0_LOAD * (pct - 100u) / 100u;

		if ((eas_sd_flags(pf, (uint32_t)l, this_cpu) & EAS_SD_NUMA) &&
		    idl.avg_load + imbalance >= local_s.avg_load)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD,
					 NULL);
		if (idl.avg_load >= local_s.avg_load + imbalance)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD,
					 NULL);
		if (100u * local_s.avg_load <= pct * idl.avg_load)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_LOAD,
					 NULL);
		break;
	}
	case group_imbalanced:
	case group_asym_packing:
	case group_smt_balance:
		return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_TYPE, NULL);
	case group_misfit_task:
		if (local_s.max_capacity >= idl.max_capacity)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_CAP,
					 NULL);
		break;
	case group_has_spare:
		if (local_s.idle_cpus >= idl.idle_cpus)
			return note_pick(x, l, 0, EAS_TEST_PICK_LOCAL_IDLE,
					 NULL);
		break;
	}
	return note_pick(x, l, 1, EAS_TEST_PICK_IDLEST, idlest);
}

/* select_idle_capacity() replayed for the explanation (after the call,
 * so the decision loop carries no recording test): the same wrap scan,
 * each CPU busy or idle with its util_fits_cpu() and the capacity the
 * kernel compares (actual capacity for -1), up to the first full fit */
static NOTE_COLD void note_idle_capacity(const struct sis_ctx *x, int32_t sd,
					 uint32_t target)
{
	const struct eas_system *sys = x->sys;
	uint32_t n, i, start = 0;
	const uint32_t *span = eas_sd_span(sys->pf, (uint32_t)sd, target, &n);

	while (start < n && span[start] < target)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t cpu = span[(start + i) % n];
		struct eas_place_step *s;
		int fits;

		if (!eas__cpu_online(sys, cpu) || !eas__cpu_allowed(x->p, cpu))
			continue;
		s = step_new(x->rec, EAS_STEP_IDLE_CAPACITY, (int32_t)cpu, sd);
		if (!idle_or_sched_idle(sys, cpu, x->p))
			continue;
		fits = eas_util_fits_cpu(sys, x->util, x->umin, x->umax, cpu);
		if (s) {
			s->test = eas__idle_cpu(sys, cpu) ? EAS_TEST_IDLE :
							    EAS_TEST_SCHED_IDLE;
			if (fits <= 0)
				s->test = EAS_TEST_UNFIT;
			s->fits = fits;
			s->capacity =
				fits < 0 ? eas_actual_cpu_capacity(sys, cpu) :
					   eas_capacity_of(sys, cpu);
		}
		if (fits > 0)
			return;
	}
}

/* v6.19 select_idle_capacity() (fair.c:7708) */
static int32_t select_idle_capacity(const struct sis_ctx *x, int32_t sd,
				    uint32_t target)
{
	const struct eas_system *sys = x->sys;
	uint64_t best_cap = 0;
	int32_t best_cpu = NO_CPU;
	int best_fits = 0;
	uint32_t n, i, start = 0;
	const uint32_t *span = eas_sd_span(sys->pf, (uint32_t)sd, target, &n);

	/* for_each_cpu_wrap(cpu, span & cpus_ptr, target) */
	while (start < n && span[start] < target)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t cpu = span[(start + i) % n];
		uint64_t cap;
		int fits;

		if (!eas__cpu_online(sys, cpu) || !eas__cpu_allowed(x->p, cpu))
			continue;
		if (!idle_or_sched_idle(sys, cpu, x->p))
			continue;
		cap = eas_capacity_of(sys, cpu);
		fits = eas_util_fits_cpu(sys, x->util, x->umin, x->umax, cpu);
		if (fits > 0)
			return (int32_t)cpu;
		else if (fits < 0)
			cap = eas_actual_cpu_capacity(sys, cpu);
		if (fits < best_fits || (fits == best_fits && cap > best_cap)) {
			best_cap = cap;
			best_cpu = (int32_t)cpu;
			best_fits = fits;
		}
	}
	return best_cpu;
}

/* v6.19 select_idle_core(): the core, and the idle CPU it remembered
 * for select_idle_cpu()'s fallback when it is the first one */
static NOTE_COLD void note_core619(const struct sis_ctx *x, int32_t llc,
				   uint32_t core, bool idle, int32_t before,
				   int32_t idle_cpu)
{
	note_cpu(x, EAS_STEP_IDLE_CORE, core, llc,
		 idle ? EAS_TEST_CORE_IDLE : EAS_TEST_CORE_BUSY);
	if (!idle && before == NO_CPU && idle_cpu != NO_CPU)
		note_cpu(x, EAS_STEP_IDLE_CPU, (uint32_t)idle_cpu, llc,
			 EAS_TEST_BUSY);
}

/* v6.19 select_idle_core(p, core, cpus, &idle_cpu) */
static int32_t v619_select_idle_core(const struct sis_ctx *x, int32_t llc,
				     uint32_t target, uint32_t core,
				     int32_t *idle_cpu)
{
	const struct eas_system *sys = x->sys;
	uint32_t nr, i, c = core;
	const uint32_t *m = smt_mask(sys->pf, &c, &nr);
	bool idle = true;
	int32_t seen = *idle_cpu;

	for (i = 0; i < nr; i++) {
		uint32_t cpu = m[i];
		bool in_cpus = in_span(sys, llc, target, cpu) &&
			       eas__cpu_allowed(x->p, cpu);

		if (!eas__idle_cpu(sys, cpu)) {
			idle = false;
			if (*idle_cpu == NO_CPU) {
				/* v6.19 sched_idle_cpu(); v7.1
				 * choose_sched_idle_rq(rq, p) */
				if (eas__choose_sched_idle(sys, cpu, x->p) &&
				    in_cpus) {
					*idle_cpu = (int32_t)cpu;
					break;
				}
				continue;
			}
			break;
		}
		if (*idle_cpu == NO_CPU && in_cpus)
			*idle_cpu = (int32_t)cpu;
	}
	if (x->rec)
		note_core619(x, llc, core, idle, seen, *idle_cpu);
	return idle ? (int32_t)core : NO_CPU;
}

/* v6.19 select_idle_cpu(p, sd, has_idle_core, target) with SIS_UTIL */
static int32_t v619_select_idle_cpu(const struct sis_ctx *x, int32_t llc,
				    bool has_idle_core, uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	int64_t nr = 0x7fffffff;
	int32_t idle_cpu = NO_CPU;
	uint32_t n, i, start = 0, first = (target + 1u) % pf->nr_cpus;
	const uint32_t *span;

	if (eas__features(sys) & EAS_FEAT_SIS_UTIL) {
		nr = (int64_t)sys->rq[pf->cpus[target].sd_llc_id].nr_idle_scan +
		     1;
		if (nr == 1) {
			/* sd_share->nr_idle_scan 0: no scan at all */
			note_cpu(x, EAS_STEP_IDLE_CPU, target, llc,
				 EAS_TEST_SCAN_LIMIT);
			return NO_CPU;
		}
	}
	/* v7.1 returns -1 here when sd span & p->cpus_ptr is empty; v6.19
	 * scans nothing and returns idle_cpu (-1): the same result (the
	 * set_idle_cores() write-back is not modelled) */
	span = eas_sd_span(pf, (uint32_t)llc, target, &n);
	/* for_each_cpu_wrap(cpu, cpus, target + 1) */
	while (start < n && span[start] < target + 1u)
		start++;
	for (i = 0; i < n; i++) {
		uint32_t cpu = span[(start + i) % n];

		if (!eas__cpu_online(sys, cpu) || !eas__cpu_allowed(x->p, cpu))
			continue;
		if (has_idle_core) {
			int32_t r;

			if (core_seen(x, llc, target, cpu, first))
				continue;
			r = v619_select_idle_core(x, llc, target, cpu,
						  &idle_cpu);
			if (r >= 0)
				return r;
		} else {
			if (--nr <= 0) {
				note_cpu(x, EAS_STEP_IDLE_CPU, cpu, llc,
					 EAS_TEST_SCAN_LIMIT);
				return NO_CPU;
			}
			note_cpu(x, EAS_STEP_IDLE_CPU, cpu, llc, EAS_TEST_BUSY);
			if (idle_or_sched_idle(sys, cpu, x->p)) {
				idle_cpu = (int32_t)cpu;
				break;
			}
		}
	}
	return idle_cpu;
}

/* v6.19 select_idle_smt(p, sd, target) */
static int32_t v619_select_idle_smt(const struct sis_ctx *x, int32_t llc,
				    uint32_t target)
{
	const struct eas_system *sys = x->sys;
	uint32_t nr, i, t = target;
	const uint32_t *m = smt_mask(sys->pf, &t, &nr);

	for (i = 0; i < nr; i++) {
		uint32_t cpu = m[i];

		if (cpu == target || !eas__cpu_allowed(x->p, cpu))
			continue;
		if (!in_span(sys, llc, target, cpu))
			continue;
		note_cpu(x, EAS_STEP_IDLE_SMT, cpu, llc, EAS_TEST_BUSY);
		if (idle_or_sched_idle(sys, cpu, x->p))
			return (int32_t)cpu;
	}
	return NO_CPU;
}

/* v6.19 select_idle_sibling() (fair.c:7773) */
static int32_t select_idle_sibling(struct sis_ctx *x, uint32_t prev,
				   uint32_t target)
{
	const struct eas_system *sys = x->sys;
	const struct eas_platform *pf = sys->pf;
	struct eas_task *p = x->p;
	const struct eas_waker *w = x->w;
	int32_t recent, llc, i;
	bool has_idle_core = false;

	if (x->asym) {
		x->util = eas_task_util_est(sys, p);
		x->umin = p->uclamp_min;
		x->umax = p->uclamp_max;
	}
	if (idle_or_sched_idle(sys, target, x->p) && asym_fits(x, target))
		return (int32_t)target;
	if (prev != target && eas_cpus_share_cache(pf, prev, target) &&
	    idle_or_sched_idle(sys, prev, x->p) && asym_fits(x, prev))
		return (int32_t)prev;
	/* per-CPU kthread stacking (in_task() assumed) */
	if (w->per_cpu_kthread && (int32_t)prev == w->cpu &&
	    sys->rq[w->cpu].nr_running <= 1 && asym_fits(x, prev))
		return (int32_t)prev;
	recent = p->recent_used_cpu;
	p->recent_used_cpu = (int32_t)prev;
	if (recent >= 0 && (uint32_t)recent < pf->nr_cpus &&
	    recent != (int32_t)prev && recent != (int32_t)target &&
	    eas__cpu_online(sys, (uint32_t)recent) &&
	    eas_cpus_share_cache(pf, (uint32_t)recent, target) &&
	    idle_or_sched_idle(sys, (uint32_t)recent, x->p) &&
	    eas__cpu_allowed(p, (uint32_t)recent) &&
	    asym_fits(x, (uint32_t)recent))
		return recent;
	if (x->asym) {
		int32_t sd = pf->cpus[target].sd_asym;

		if (sd >= 0) {
			i = select_idle_capacity(x, sd, target);
			if (x->rec)
				note_idle_capacity(x, sd, target);
			return i >= 0 ? i : (int32_t)target;
		}
	}
	llc = pf->cpus[target].sd_llc;
	if (llc < 0)
		return (int32_t)target;
	if (smt_present(pf)) {
		has_idle_core =
			sys->rq[pf->cpus[target].sd_llc_id].has_idle_cores;
		if (!has_idle_core && eas_cpus_share_cache(pf, prev, target)) {
			i = v619_select_idle_smt(x, llc, prev);
			if (i >= 0)
				return i;
		}
	}
	i = v619_select_idle_cpu(x, llc, has_idle_core, target);
	if (i >= 0)
		return i;
	return (int32_t)target;
}
