/* SPDX-License-Identifier: MIT */
/*
 * Optimal-placement oracle: include/libeas/oracle.h, docs/rtapp.md.
 *
 * Exact branch and bound over task -> CPU mappings:
 *  - tasks are placed by decreasing utilisation;
 *  - CPUs of one perf domain that every task may use alike (same
 *    capacity, same energy model, same membership in every task's
 *    affinity) and that carry the same load so far are interchangeable:
 *    only the first of them is tried (symmetry pruning);
 *  - a lower bound of every completion of a partial mapping prunes a
 *    branch that cannot beat the best mapping found so far (which starts
 *    as a greedy mapping). The bound: the OPP a domain will run at can
 *    only go up as load is added (the state index picked by
 *    em_pd_energy() / em_pd_get_efficient_state() is monotone in max
 *    util), so the domain's final cost per unit of util is at least the
 *    smallest cost among the states from the current one up; each task
 *    still to place adds its util to some domain it may use, at least at
 *    the cheapest such rate.
 */
#include <libeas/error.h>
#include <libeas/oracle.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- energy of one perf domain ---------------------------------------- */

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/*
 * compute_energy() of perf domain p for CPU loads raw[] (no task moving),
 * see oracle.h. v5.4 fair.c:compute_energy() with schedutil_cpu_util()
 * reduced to min(util, cap) (no RT/DL/IRQ, uclamp idle); v6.19
 * fair.c:compute_energy() with eenv_pd_busy_time() / eenv_pd_max_util()
 * and sugov_effective_cpu_perf() (min 0, max = cap).
 */
static uint64_t pd_energy(const struct eas_platform *pf, uint32_t p,
			  const uint64_t *raw, uint64_t *max_out)
{
	const struct eas_perf_domain *pd = &pf->pds[p];
	uint64_t cap = pd->capacity, max = 0, sum = 0;

	for (uint32_t i = 0; i < pd->nr_cpus; i++) {
		uint64_t u = min_u64(raw[pd->cpus[i]], cap);
		sum += u;
		if (pf->kernel != EAS_KERNEL_V5_4) { /* v6.19, v7.1 */
			/* sugov_effective_cpu_perf(): actual += actual >> 2,
			 * capped at max = scale */
			uint64_t perf = u + (u >> 2);
			u = min_u64(perf, cap);
		}
		if (u > max)
			max = u;
	}
	if (max_out)
		*max_out = max;
	if (pd->nr_perf_states == 0)
		return 0;
	if (pf->kernel == EAS_KERNEL_V5_4)
		return eas_em_pd_energy(pd, max, sum);
	/* eenv: pd_cap = sum of the CPUs' actual capacity, cpu_cap caps the
	 * max util (em_cpu_energy(.., allowed_cpu_cap)) */
	sum = min_u64(sum, cap * pd->nr_cpus);
	return eas_em_cpu_energy(pd, min_u64(max, cap), sum, cap);
}

/* v5.4 em_pd_energy()'s state index for max_util (the first state whose
 * frequency reaches 1.25 * fmax * max_util / scale_cpu). */
static uint32_t v54_state(const struct eas_perf_domain *pd, uint64_t max_util)
{
	uint64_t fmax = pd->table[pd->nr_perf_states - 1].frequency;
	uint64_t freq = (fmax + (fmax >> 2)) * max_util / pd->capacity;
	uint32_t i;

	for (i = 0; i + 1 < pd->nr_perf_states; i++)
		if (pd->table[i].frequency >= freq)
			break;
	return i;
}

/* ---- the search ------------------------------------------------------- */

struct bb {
	const struct eas_platform *pf;
	const struct eas_oracle_task *tasks;
	uint32_t nr_tasks;
	uint32_t *order;     /* tasks by decreasing util */
	uint32_t *cls;	     /* symmetry class of each CPU */
	uint64_t *raw;	     /* load of each CPU */
	uint64_t *pd_e;	     /* energy of each perf domain */
	uint64_t *pd_max;    /* max util of each perf domain (as estimated) */
	uint64_t **suffix;   /* [pd][state] min cost over states >= state */
	uint8_t *pd_allowed; /* [task][pd] task may use a CPU of the pd */
	uint32_t *cur;	     /* current mapping (by task index) */
	uint32_t *best_map;
	uint32_t *cand; /* scratch: [depth][nr_cpus] */
	uint64_t total;
	uint64_t best;
	bool have_best;
	bool enforce_fit;
	uint64_t nodes, leaves, node_limit;
	bool limit_hit;
};

static bool allowed(const struct eas_oracle_task *t, uint32_t cpu)
{
	return !t->cpus_allowed || eas_mask_test(t->cpus_allowed, cpu);
}

static bool fits(uint64_t util, uint64_t cap)
{
	/* fair.c:fits_capacity() */
	return util * 1280u < cap * 1024u;
}

/* a * b, or UINT64_MAX when it overflows */
static uint64_t mul_sat(uint64_t a, uint64_t b)
{
	if (a && b > UINT64_MAX / a)
		return UINT64_MAX;
	return a * b;
}

static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* Current state index of perf domain p (monotone in its max util). */
static uint32_t pd_state(const struct bb *b, uint32_t p)
{
	const struct eas_perf_domain *pd = &b->pf->pds[p];

	if (b->pf->kernel == EAS_KERNEL_V5_4)
		return v54_state(pd, b->pd_max[p]);
	return eas_em_pd_get_efficient_state(
		pd, min_u64(b->pd_max[p], pd->capacity));
}

/*
 * Is the lower bound of every completion of the current partial mapping
 * (tasks order[0..depth) placed) at or above the best energy? v6.19:
 * E = sum_p cost_p * S_p exactly; v5.4: E = sum_p floor(cost_p * S_p /
 * scale_p) > sum_p cost_p * S_p / scale_p - nr_pds, computed scaled by
 * 1024 with truncation (which only lowers the bound).
 */
static bool bound_prunes(const struct bb *b, uint32_t depth)
{
	const struct eas_platform *pf = b->pf;
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint64_t lb = 0, rate_min;
	uint64_t *rate = b->raw + pf->nr_cpus; /* scratch after raw[] */

	if (!b->have_best)
		return false;
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];
		uint64_t s = 0, m, term;

		rate[p] = UINT64_MAX;
		if (pd->nr_perf_states == 0)
			continue;
		m = b->suffix[p][pd_state(b, p)];
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			s += min_u64(b->raw[pd->cpus[i]], pd->capacity);
		if (!v54) {
			s = min_u64(s, pd->capacity * pd->nr_cpus);
			term = mul_sat(m, s);
			rate[p] = m;
		} else {
			term = mul_sat(mul_sat(m, s), 1024);
			term = term == UINT64_MAX ? UINT64_MAX :
						    term / pd->capacity;
			rate[p] = mul_sat(m, 1024) / pd->capacity;
		}
		if (term == UINT64_MAX)
			return false; /* no usable bound */
		lb += term;
	}
	/* still-to-place tasks (only when loads cannot clamp: with the
	 * capacity constraint enforced no CPU reaches its capacity) */
	if (b->enforce_fit) {
		for (uint32_t k = depth; k < b->nr_tasks; k++) {
			uint32_t t = b->order[k];
			rate_min = UINT64_MAX;
			for (uint32_t p = 0; p < pf->nr_pds; p++)
				if (b->pd_allowed[(size_t)t * pf->nr_pds + p] &&
				    rate[p] < rate_min)
					rate_min = rate[p];
			if (rate_min == UINT64_MAX)
				continue;
			lb = add_sat(lb, mul_sat(rate_min, b->tasks[t].util));
		}
	}
	if (lb == UINT64_MAX)
		return false;
	if (!v54)
		return lb >= b->best;
	return lb >= mul_sat(add_sat(b->best, pf->nr_pds), 1024);
}

static void place(struct bb *b, uint32_t t, uint32_t cpu, uint64_t *saved_e,
		  uint64_t *saved_max)
{
	uint32_t p = b->pf->cpus[cpu].pd;

	*saved_e = b->pd_e[p];
	*saved_max = b->pd_max[p];
	b->raw[cpu] += b->tasks[t].util;
	b->pd_e[p] = pd_energy(b->pf, p, b->raw, &b->pd_max[p]);
	b->total = b->total - *saved_e + b->pd_e[p];
	b->cur[t] = cpu;
}

static void unplace(struct bb *b, uint32_t t, uint32_t cpu, uint64_t saved_e,
		    uint64_t saved_max)
{
	uint32_t p = b->pf->cpus[cpu].pd;

	b->raw[cpu] -= b->tasks[t].util;
	b->total = b->total - b->pd_e[p] + saved_e;
	b->pd_e[p] = saved_e;
	b->pd_max[p] = saved_max;
}

/* Candidate CPUs of task t at this node, symmetric duplicates dropped. */
static uint32_t candidates(const struct bb *b, uint32_t t, uint32_t *out)
{
	const struct eas_platform *pf = b->pf;
	uint32_t n = 0;

	for (uint32_t c = 0; c < pf->nr_cpus; c++) {
		bool dup = false;

		if (!allowed(&b->tasks[t], c))
			continue;
		if (b->enforce_fit &&
		    !fits(b->raw[c] + b->tasks[t].util, pf->cpus[c].capacity))
			continue;
		for (uint32_t j = 0; j < n && !dup; j++)
			dup = b->cls[out[j]] == b->cls[c] &&
			      b->raw[out[j]] == b->raw[c];
		if (!dup)
			out[n++] = c;
	}
	return n;
}

static void search(struct bb *b, uint32_t depth)
{
	uint32_t t, n, *cand;

	if (b->limit_hit)
		return;
	b->nodes++;
	if (b->node_limit && b->nodes >= b->node_limit) {
		b->limit_hit = true;
		return;
	}
	if (depth == b->nr_tasks) {
		b->leaves++;
		if (!b->have_best || b->total < b->best) {
			b->best = b->total;
			b->have_best = true;
			memcpy(b->best_map, b->cur,
			       b->nr_tasks * sizeof(*b->cur));
		}
		return;
	}
	if (bound_prunes(b, depth))
		return;
	t = b->order[depth];
	cand = b->cand + (size_t)depth * b->pf->nr_cpus;
	n = candidates(b, t, cand);
	for (uint32_t i = 0; i < n; i++) {
		uint64_t se, sm;

		place(b, t, cand[i], &se, &sm);
		search(b, depth + 1);
		unplace(b, t, cand[i], se, sm);
	}
}

/* Greedy start: each task (by decreasing util) where the total grows
 * least. Returns false if some task has no candidate. */
static bool greedy(struct bb *b)
{
	bool ok = true;
	uint32_t k;

	for (k = 0; k < b->nr_tasks && ok; k++) {
		uint32_t t = b->order[k], n, *cand = b->cand, bestc = 0;
		uint64_t beste = UINT64_MAX, se, sm;

		n = candidates(b, t, cand);
		if (n == 0) {
			ok = false;
			break;
		}
		for (uint32_t i = 0; i < n; i++) {
			place(b, t, cand[i], &se, &sm);
			if (b->total < beste) {
				beste = b->total;
				bestc = cand[i];
			}
			unplace(b, t, cand[i], se, sm);
		}
		place(b, t, bestc, &se, &sm);
	}
	if (ok) {
		b->best = b->total;
		b->have_best = true;
		memcpy(b->best_map, b->cur, b->nr_tasks * sizeof(*b->cur));
	}
	/* undo */
	while (k-- > 0) {
		uint32_t t = b->order[k];
		b->raw[b->cur[t]] -= b->tasks[t].util;
	}
	for (uint32_t p = 0; p < b->pf->nr_pds; p++)
		b->pd_e[p] = pd_energy(b->pf, p, b->raw, &b->pd_max[p]);
	b->total = 0;
	for (uint32_t p = 0; p < b->pf->nr_pds; p++)
		b->total += b->pd_e[p];
	return ok;
}

/* order[] = task indices by decreasing util, then index (stable
 * insertion sort: no shared state, n is small for an exact search). */
static void sort_by_util(const struct eas_oracle_task *tasks, uint32_t n,
			 uint32_t *order)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t j = i;
		while (j > 0 && tasks[order[j - 1]].util < tasks[i].util) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
}

static int check_input(const struct eas_platform *pf,
		       const struct eas_oracle_task *tasks, uint32_t nr_tasks)
{
	if (!pf || (!tasks && nr_tasks))
		return EAS_EINVAL;
	for (uint32_t t = 0; t < nr_tasks; t++) {
		bool any = false;
		if (tasks[t].util > EAS_SCHED_CAPACITY_SCALE)
			return EAS_EINVAL;
		for (uint32_t c = 0; c < pf->nr_cpus; c++) {
			if (!allowed(&tasks[t], c))
				continue;
			any = true;
			if (pf->pds[pf->cpus[c].pd].nr_perf_states == 0)
				return EAS_ENOSTATES;
		}
		if (!any)
			return EAS_EINVAL;
	}
	return 0;
}

static uint64_t brute_count(const struct eas_platform *pf,
			    const struct eas_oracle_task *tasks,
			    uint32_t nr_tasks)
{
	uint64_t n = 1;

	for (uint32_t t = 0; t < nr_tasks; t++) {
		uint64_t k = 0;
		for (uint32_t c = 0; c < pf->nr_cpus; c++)
			k += allowed(&tasks[t], c);
		n = mul_sat(n, k);
	}
	return n;
}

static void bb_free(struct bb *b)
{
	if (b->suffix)
		for (uint32_t p = 0; p < b->pf->nr_pds; p++)
			free(b->suffix[p]);
	free(b->suffix);
	free(b->order);
	free(b->cls);
	free(b->raw);
	free(b->pd_e);
	free(b->pd_max);
	free(b->pd_allowed);
	free(b->cur);
	free(b->best_map);
	free(b->cand);
}

static int bb_init(struct bb *b, const struct eas_platform *pf,
		   const struct eas_oracle_task *tasks, uint32_t nr_tasks)
{
	uint32_t nc = pf->nr_cpus, np = pf->nr_pds;

	memset(b, 0, sizeof(*b));
	b->pf = pf;
	b->tasks = tasks;
	b->nr_tasks = nr_tasks;
	b->order = calloc(nr_tasks + 1, sizeof(*b->order));
	b->cls = calloc(nc, sizeof(*b->cls));
	b->raw = calloc((size_t)nc + np, sizeof(*b->raw));
	b->pd_e = calloc(np, sizeof(*b->pd_e));
	b->pd_max = calloc(np, sizeof(*b->pd_max));
	b->pd_allowed = calloc((size_t)(nr_tasks + 1) * np, 1);
	b->cur = calloc(nr_tasks + 1, sizeof(*b->cur));
	b->best_map = calloc(nr_tasks + 1, sizeof(*b->best_map));
	b->cand = calloc((size_t)(nr_tasks + 1) * nc, sizeof(*b->cand));
	b->suffix = calloc(np, sizeof(*b->suffix));
	if (!b->order || !b->cls || !b->raw || !b->pd_e || !b->pd_max ||
	    !b->pd_allowed || !b->cur || !b->best_map || !b->cand ||
	    !b->suffix) {
		bb_free(b);
		return EAS_ENOMEM;
	}
	for (uint32_t p = 0; p < np; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];
		uint32_t n = pd->nr_perf_states;

		b->suffix[p] = calloc(n + 1, sizeof(**b->suffix));
		if (!b->suffix[p]) {
			bb_free(b);
			return EAS_ENOMEM;
		}
		/* min cost over [i, last selectable state]; v6.19 never
		 * goes past max_perf_state */
		uint32_t last = n ? n - 1 : 0;
		if (pf->kernel != EAS_KERNEL_V5_4 && n) /* v6.19, v7.1 */
			last = pd->max_perf_state;
		uint64_t m = UINT64_MAX;
		for (uint32_t i = n; i-- > 0;) {
			if (i <= last && pd->table[i].cost < m)
				m = pd->table[i].cost;
			b->suffix[p][i] = m == UINT64_MAX ? 0 : m;
		}
	}
	for (uint32_t t = 0; t < nr_tasks; t++) {
		for (uint32_t c = 0; c < nc; c++)
			if (allowed(&tasks[t], c))
				b->pd_allowed[(size_t)t * np + pf->cpus[c].pd] =
					1;
	}
	sort_by_util(tasks, nr_tasks, b->order);
	/* symmetry classes: same perf domain, same membership in every
	 * task's affinity -> class = the first such CPU. Compared with the
	 * representatives found so far only (few: about one per domain). */
	{
		uint32_t nreps = 0, *reps = b->cand; /* scratch, >= nc */

		for (uint32_t c = 0; c < nc; c++) {
			uint32_t r;

			b->cls[c] = c;
			for (r = 0; r < nreps; r++) {
				uint32_t d = reps[r];
				bool same = pf->cpus[d].pd == pf->cpus[c].pd &&
					    pf->cpus[d].capacity ==
						    pf->cpus[c].capacity;
				for (uint32_t t = 0; same && t < nr_tasks; t++)
					same = allowed(&tasks[t], c) ==
					       allowed(&tasks[t], d);
				if (same) {
					b->cls[c] = d;
					break;
				}
			}
			if (r == nreps)
				reps[nreps++] = c;
		}
	}
	return 0;
}

int eas_oracle_solve(const struct eas_platform *pf,
		     const struct eas_oracle_task *tasks, uint32_t nr_tasks,
		     uint64_t node_limit, uint32_t *map,
		     struct eas_oracle_result *res)
{
	struct bb b;
	int err;

	if (!res || (!map && nr_tasks))
		return EAS_EINVAL;
	memset(res, 0, sizeof(*res));
	err = check_input(pf, tasks, nr_tasks);
	if (err)
		return err;
	err = bb_init(&b, pf, tasks, nr_tasks);
	if (err)
		return err;
	b.node_limit = node_limit;
	res->brute_force = brute_count(pf, tasks, nr_tasks);

	/* pass 1: every CPU must fit its load; pass 2 (only if pass 1 has
	 * no mapping at all): the unconstrained minimum */
	for (int pass = 0; pass < 2; pass++) {
		b.enforce_fit = pass == 0;
		b.have_best = false;
		greedy(&b);
		search(&b, 0);
		if (b.have_best || b.limit_hit)
			break;
	}
	res->feasible = b.have_best && b.enforce_fit;
	res->energy = b.best;
	res->nodes = b.nodes;
	res->leaves = b.leaves;
	if (b.have_best)
		memcpy(map, b.best_map, nr_tasks * sizeof(*map));
	err = b.limit_hit ? EAS_ERANGE : 0;
	bb_free(&b);
	return err;
}

int eas_oracle_energy(const struct eas_platform *pf,
		      const struct eas_oracle_task *tasks, uint32_t nr_tasks,
		      const uint32_t *map, uint64_t *energy, bool *feasible)
{
	uint64_t *raw, e = 0;
	bool ok = true;

	if (!pf || !energy || (nr_tasks && (!tasks || !map)))
		return EAS_EINVAL;
	raw = calloc(pf->nr_cpus ? pf->nr_cpus : 1, sizeof(*raw));
	if (!raw)
		return EAS_ENOMEM;
	for (uint32_t t = 0; t < nr_tasks; t++) {
		if (map[t] >= pf->nr_cpus || !allowed(&tasks[t], map[t]) ||
		    tasks[t].util > EAS_SCHED_CAPACITY_SCALE) {
			free(raw);
			return EAS_EINVAL;
		}
		if (pf->pds[pf->cpus[map[t]].pd].nr_perf_states == 0) {
			free(raw);
			return EAS_ENOSTATES;
		}
		raw[map[t]] += tasks[t].util;
	}
	for (uint32_t p = 0; p < pf->nr_pds; p++)
		e += pd_energy(pf, p, raw, NULL);
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		ok = ok && fits(raw[c], pf->cpus[c].capacity);
	free(raw);
	*energy = e;
	if (feasible)
		*feasible = ok;
	return 0;
}

int eas_oracle_brute_force(const struct eas_platform *pf,
			   const struct eas_oracle_task *tasks,
			   uint32_t nr_tasks, uint32_t *map,
			   struct eas_oracle_result *res)
{
	uint32_t *cur;
	bool have[2] = { false, false };
	uint64_t best[2] = { 0, 0 };
	uint32_t *bmap[2];
	int err;

	if (!res || (!map && nr_tasks))
		return EAS_EINVAL;
	memset(res, 0, sizeof(*res));
	err = check_input(pf, tasks, nr_tasks);
	if (err)
		return err;
	res->brute_force = brute_count(pf, tasks, nr_tasks);
	cur = calloc((size_t)nr_tasks * 3 + 1, sizeof(*cur));
	if (!cur)
		return EAS_ENOMEM;
	bmap[0] = cur + nr_tasks;
	bmap[1] = cur + 2 * (size_t)nr_tasks;
	/* first mapping: each task on its first allowed CPU */
	for (uint32_t t = 0; t < nr_tasks; t++)
		while (!allowed(&tasks[t], cur[t]))
			cur[t]++;
	for (;;) {
		uint64_t e;
		bool ok;
		uint32_t t;

		err = eas_oracle_energy(pf, tasks, nr_tasks, cur, &e, &ok);
		if (err)
			break;
		res->nodes++;
		/* [0]: feasible only, [1]: all */
		for (int k = 0; k < 2; k++) {
			if (k == 0 && !ok)
				continue;
			if (!have[k] || e < best[k]) {
				have[k] = true;
				best[k] = e;
				memcpy(bmap[k], cur, nr_tasks * sizeof(*cur));
			}
		}
		/* odometer: next mapping in lexicographic order */
		for (t = nr_tasks; t-- > 0;) {
			do
				cur[t]++;
			while (cur[t] < pf->nr_cpus &&
			       !allowed(&tasks[t], cur[t]));
			if (cur[t] < pf->nr_cpus)
				break;
			cur[t] = 0;
			while (!allowed(&tasks[t], cur[t]))
				cur[t]++;
		}
		if (t == UINT32_MAX)
			break;
	}
	if (!err) {
		int k = have[0] ? 0 : 1;
		res->feasible = have[0];
		res->energy = best[k];
		res->leaves = res->nodes;
		memcpy(map, bmap[k], nr_tasks * sizeof(*map));
	}
	free(cur);
	return err;
}

/* ---- rt-app workloads --------------------------------------------------- */

/* msg = "thread 'name': detail" (or just detail); returns err. */
static int fail(char *msg, size_t size, int err, const char *name,
		const char *detail)
{
	if (msg && size && name)
		snprintf(msg, size, "thread '%s': %s", name, detail);
	else if (msg && size)
		snprintf(msg, size, "%s", detail);
	return err;
}

static bool is_cfs(int32_t policy)
{
	return policy == EAS_POLICY_NORMAL || policy == EAS_POLICY_BATCH ||
	       policy == EAS_POLICY_IDLE;
}

static bool same_cpus(const struct eas_rtapp_props *a,
		      const struct eas_rtapp_props *b)
{
	return a->nr_cpus == b->nr_cpus &&
	       !memcmp(a->cpus, b->cpus, a->nr_cpus * sizeof(*a->cpus));
}

/* Steady utilisation of one thread, or an error naming why not. */
static int thread_util(const struct eas_rtapp_task *tk, uint64_t cal_cap,
		       uint64_t *util, const struct eas_rtapp_props **aff,
		       char *msg, size_t size)
{
	const struct eas_rtapp_props *cpus =
		tk->props.nr_cpus ? &tk->props : NULL;
	bool have = false;

	if (!is_cfs(tk->props.policy))
		return fail(msg, size, EAS_EUNSUPPORTED, tk->name,
			    "not a CFS task (the oracle places CFS tasks "
			    "only)");
	for (uint32_t p = 0; p < tk->nr_phases; p++) {
		const struct eas_rtapp_phase *ph = &tk->phases[p];
		uint64_t run = 0, period = 0, u;
		uint32_t timers = 0;

		if (ph->props.policy >= 0 && !is_cfs(ph->props.policy))
			return fail(msg, size, EAS_EUNSUPPORTED, tk->name,
				    "a phase switches to a non-CFS policy");
		if (ph->props.nr_cpus) {
			if (cpus && !same_cpus(cpus, &ph->props))
				return fail(msg, size, EAS_EUNSUPPORTED,
					    tk->name,
					    "affinity changes between phases "
					    "(not steady)");
			if (!cpus && p > 0)
				return fail(msg, size, EAS_EUNSUPPORTED,
					    tk->name,
					    "affinity set by a later phase "
					    "only (not steady)");
			cpus = &ph->props;
		}
		for (uint32_t e = 0; e < ph->nr_events; e++) {
			const struct eas_rtapp_event *ev = &ph->events[e];
			switch (ev->type) {
			case EAS_RTAPP_RUN:
				run += ev->us;
				break;
			case EAS_RTAPP_TIMER:
				timers++;
				period = ev->us;
				break;
			default:
				return fail(msg, size, EAS_EUNSUPPORTED,
					    tk->name,
					    "phase has a sleep, runtime or "
					    "synchronisation event (only run "
					    "+ one timer is a steady periodic "
					    "task)");
			}
		}
		if (timers != 1 || period == 0)
			return fail(msg, size, EAS_EUNSUPPORTED, tk->name,
				    "a phase needs exactly one timer event to "
				    "be periodic");
		/* invariant work rate: run us at the calibration CPU's
		 * capacity per period */
		u = run * cal_cap / period;
		if (u > EAS_SCHED_CAPACITY_SCALE)
			u = EAS_SCHED_CAPACITY_SCALE;
		if (have && u != *util)
			return fail(msg, size, EAS_EUNSUPPORTED, tk->name,
				    "phases have different utilisation (not "
				    "a steady workload)");
		*util = u;
		have = true;
	}
	*aff = cpus;
	return 0;
}

void eas_oracle_workload_free(struct eas_oracle_workload *ow)
{
	if (!ow)
		return;
	free(ow->tasks);
	free(ow->task_index);
	free(ow->instance);
	free(ow->masks);
	memset(ow, 0, sizeof(*ow));
}

int eas_oracle_from_rtapp(const struct eas_rtapp_workload *w,
			  const struct eas_platform *pf,
			  struct eas_oracle_workload *out, char *msg,
			  size_t msg_size)
{
	uint64_t cal_cap = 0;
	size_t n = 0, k = 0, mw;
	int err;

	if (!out)
		return EAS_EINVAL;
	memset(out, 0, sizeof(*out));
	if (!w || !pf)
		return EAS_EINVAL;
	if (msg && msg_size)
		msg[0] = '\0';
	mw = pf->mask_words;
	if (w->calibration_cpu >= 0) {
		if ((uint32_t)w->calibration_cpu >= pf->nr_cpus)
			return fail(msg, msg_size, EAS_EINVAL, NULL,
				    "the calibration CPU is not a CPU of the "
				    "platform");
		cal_cap = pf->cpus[w->calibration_cpu].capacity;
	} else {
		for (uint32_t c = 0; c < pf->nr_cpus; c++)
			if (pf->cpus[c].capacity > cal_cap)
				cal_cap = pf->cpus[c].capacity;
	}
	for (uint32_t t = 0; t < w->nr_tasks; t++)
		n += w->tasks[t].instance;
	out->tasks = calloc(n + 1, sizeof(*out->tasks));
	out->task_index = calloc(n + 1, sizeof(*out->task_index));
	out->instance = calloc(n + 1, sizeof(*out->instance));
	out->masks = calloc((n + 1) * (mw ? mw : 1), sizeof(*out->masks));
	if (!out->tasks || !out->task_index || !out->instance || !out->masks) {
		eas_oracle_workload_free(out);
		return EAS_ENOMEM;
	}
	for (uint32_t t = 0; t < w->nr_tasks; t++) {
		const struct eas_rtapp_task *tk = &w->tasks[t];
		const struct eas_rtapp_props *aff = NULL;
		uint64_t util = 0;

		err = thread_util(tk, cal_cap, &util, &aff, msg, msg_size);
		if (err) {
			eas_oracle_workload_free(out);
			return err;
		}
		if (aff)
			for (uint32_t i = 0; i < aff->nr_cpus; i++)
				if (aff->cpus[i] >= pf->nr_cpus) {
					eas_oracle_workload_free(out);
					return fail(msg, msg_size, EAS_EINVAL,
						    tk->name,
						    "affinity names a CPU the "
						    "platform does not have");
				}
		for (uint32_t in = 0; in < tk->instance; in++, k++) {
			eas_mask_word *m = out->masks + k * mw;

			out->tasks[k].util = util;
			out->task_index[k] = t;
			out->instance[k] = in;
			if (aff) {
				for (uint32_t i = 0; i < aff->nr_cpus; i++)
					eas_mask_set(m, aff->cpus[i]);
				out->tasks[k].cpus_allowed = m;
			}
		}
	}
	out->nr_tasks = (uint32_t)k;
	return 0;
}
