/* SPDX-License-Identifier: MIT */
/*
 * The platform loader: "libeas-platform/1" documents (docs/formats.md §2)
 * -> struct eas_platform_desc -> eas_platform_build() for one flavour.
 *
 * Checks done here, each reported at the JSON path of the offending value:
 * strict JSON and duplicate keys (jsonutil), field types and ranges, unknown
 * keys, CPU ids 0..N-1 each once, every CPU in exactly one perf domain,
 * capacity vs capacity_dmips_mhz, opps vs states, microvolt vs microwatt.
 * Everything the kernel itself would refuse at registration (frequencies
 * not strictly increasing, power 0 or above the flavour's maximum, unequal
 * capacities inside a domain, spans that do not partition or nest) is left
 * to eas_platform_build(), whose struct eas_build_error is mapped back to
 * the JSON path, so the loader and the core can never disagree on what is
 * valid.
 *
 * All memory of a loaded platform hangs off two pointers: p->mem (the built
 * platform, as eas_platform_size() says) and p->desc_mem (a chain of
 * blocks holding the description's arrays, the idle states and names).
 */
#include "jsonutil.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sanity bounds for the loader (the core has no limit of its own). */
#define PF_MAX_CPUS (1u << 20)
#define PF_MAX_STATES (1u << 16)
#define PF_MAX_LEVELS 16u

/* ---- the block chain behind desc_mem --------------------------------- */

struct block {
	struct block *next;
	/* payload follows, max_align_t aligned */
	max_align_t data[];
};

struct loader {
	struct eas__jctx ctx;
	struct block *blocks;
	enum eas_kernel k;
	uint32_t opts;
	/* repeat detection in CPU lists: seen[cpu] == stamp means "already in
	 * this list"; a new stamp per list keeps the work O(total length) */
	uint32_t *seen;
	uint32_t stamp;
};

static void *lalloc(struct loader *L, size_t n, size_t size)
{
	struct block *b;

	if (size && n > (SIZE_MAX - sizeof(*b)) / size) {
		eas__jerr(&L->ctx, EAS_ENOMEM, NULL, "input too large");
		return NULL;
	}
	b = calloc(1, sizeof(*b) + n * size + 1);
	if (!b) {
		eas__jerr(&L->ctx, EAS_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	b->next = L->blocks;
	L->blocks = b;
	return b->data;
}

static void free_blocks(struct block *b)
{
	while (b) {
		struct block *n = b->next;

		free(b);
		b = n;
	}
}

/* ---- small helpers --------------------------------------------------- */

static struct json_object *idx(struct json_object *arr, size_t i)
{
	return json_object_array_get_idx(arr, i);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * A CPU list at the current path: array of ids in [0, nr_cpus), no
 * repeats. Writes them (in file order) to out.
 */
static int cpu_list(struct loader *L, struct json_object *arr, uint32_t nr_cpus,
		    uint32_t *out)
{
	size_t n = json_object_array_length(arr);

	L->stamp++;
	for (size_t i = 0; i < n; i++) {
		size_t m = eas__jpush_index(&L->ctx, i);

		if (eas__jval_u32(&L->ctx, idx(arr, i), 0, nr_cpus - 1,
				  &out[i]))
			return L->ctx.err;
		if (L->seen[out[i]] == L->stamp)
			return eas__jerr(&L->ctx, EAS_ECPU, NULL,
					 "CPU %" PRIu32
					 " listed twice in one CPU list",
					 out[i]);
		L->seen[out[i]] = L->stamp;
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

/* ---- cpus[] ---------------------------------------------------------- */

static const char *const cpu_keys[] = { "cpu", "capacity", "capacity_dmips_mhz",
					"smt", NULL };

/* entry_of[cpu] = index of the cpus[] entry describing cpu. */
static int load_cpus(struct loader *L, struct json_object *arr,
		     struct eas_cpu_desc *cpus, uint32_t *entry_of, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		struct json_object *o = idx(arr, i);
		size_t m = eas__jpush_index(&L->ctx, i);
		uint32_t id, cap = 0, dmips = 0;
		int32_t smt = -1; /* the file's group id; -1 = no SMT */

		if (eas__jcheck_keys(&L->ctx, o, cpu_keys) ||
		    eas__jget_u32(&L->ctx, o, "cpu", 0, nr - 1, &id, EAS__JREQ))
			return L->ctx.err;
		if (entry_of[id] != UINT32_MAX) {
			char other[32];

			snprintf(other, sizeof(other), "/cpus/%" PRIu32,
				 entry_of[id]);
			return eas__jerr(
				&L->ctx, EAS_ECPU, "cpu",
				"CPU %" PRIu32 " described twice "
				"(also at %s); expected ids 0..%" PRIu32
				" each once",
				id, other, nr - 1);
		}
		entry_of[id] = i;
		if (eas__jhas(o, "capacity") &&
		    eas__jhas(o, "capacity_dmips_mhz"))
			return eas__jerr(&L->ctx, EAS_EFORMAT, "capacity",
					 "give either capacity or "
					 "capacity_dmips_mhz, not both");
		if (eas__jget_u32(&L->ctx, o, "capacity", 1,
				  EAS_SCHED_CAPACITY_SCALE, &cap, EAS__JOPT) ||
		    eas__jget_u32(&L->ctx, o, "capacity_dmips_mhz", 1,
				  UINT32_MAX, &dmips, EAS__JOPT) ||
		    eas__jget_i32(&L->ctx, o, "smt", 0, INT32_MAX - 1, &smt,
				  EAS__JOPT))
			return L->ctx.err;
		cpus[id].capacity = cap;
		cpus[id].capacity_dmips_mhz = dmips;
		/* struct eas_cpu_desc: 0 = no SMT, group g of the file is
		 * g + 1 */
		cpus[id].smt = smt + 1;
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

/* ---- perf_domains[] --------------------------------------------------- */

static const char *const pd_keys[] = {
	"name", "cpus",	  "dynamic_power_coefficient",
	"opps", "states", "skip_inefficiencies",
	NULL
};
static const char *const opp_keys[] = { "hz", "microvolt", "microwatt", "turbo",
					NULL };
static const char *const state_keys[] = { "frequency_khz", "power_uw",
					  "power_mw", NULL };

static int load_opps(struct loader *L, struct json_object *arr,
		     struct eas_opp_desc *opps, size_t n)
{
	for (size_t s = 0; s < n; s++) {
		struct json_object *o = idx(arr, s);
		size_t m = eas__jpush_index(&L->ctx, s);
		struct eas_opp_desc *d = &opps[s];

		if (eas__jcheck_keys(&L->ctx, o, opp_keys) ||
		    eas__jget_u64(&L->ctx, o, "hz", 1, UINT64_MAX, &d->hz,
				  EAS__JREQ))
			return L->ctx.err;
		if (!eas__jhas(o, "microvolt") && !eas__jhas(o, "microwatt"))
			return eas__jerr(&L->ctx, EAS_ENOVOLT, NULL,
					 "OPP %zu (%" PRIu64 " Hz) has neither "
					 "microvolt nor microwatt: the energy "
					 "model needs a voltage (with "
					 "dynamic_power_coefficient) or an "
					 "opp-microwatt power",
					 s, d->hz);
		if (eas__jget_u64(&L->ctx, o, "microvolt", 1, UINT64_MAX,
				  &d->microvolt, EAS__JOPT) ||
		    eas__jget_u64(&L->ctx, o, "microwatt", 1, UINT64_MAX,
				  &d->microwatt, EAS__JOPT) ||
		    eas__jget_bool(&L->ctx, o, "turbo", &d->turbo, EAS__JOPT))
			return L->ctx.err;
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

static int load_states(struct loader *L, struct json_object *arr,
		       struct eas_state_desc *st, size_t n)
{
	for (size_t s = 0; s < n; s++) {
		struct json_object *o = idx(arr, s);
		size_t m = eas__jpush_index(&L->ctx, s);
		struct eas_state_desc *d = &st[s];

		if (eas__jcheck_keys(&L->ctx, o, state_keys) ||
		    eas__jget_u64(&L->ctx, o, "frequency_khz", 1, UINT64_MAX,
				  &d->frequency_khz, EAS__JREQ))
			return L->ctx.err;
		if (eas__jhas(o, "power_uw") && eas__jhas(o, "power_mw"))
			return eas__jerr(&L->ctx, EAS_EFORMAT, "power_mw",
					 "give either power_uw or power_mw, "
					 "not both");
		if (!eas__jhas(o, "power_uw") && !eas__jhas(o, "power_mw"))
			return eas__jerr(&L->ctx, EAS_EFORMAT, NULL,
					 "missing power: give power_uw or "
					 "power_mw");
		/* 0 and too large are the kernel's EAS_EPOWER (mapped back
		 * from the build); only the JSON type is checked here, and
		 * power_mw * 1000 must not wrap. */
		if (eas__jget_u64(&L->ctx, o, "power_uw", 0, UINT64_MAX,
				  &d->power_uw, EAS__JOPT) ||
		    eas__jget_u64(&L->ctx, o, "power_mw", 0, UINT64_MAX / 1000u,
				  &d->power_mw, EAS__JOPT))
			return L->ctx.err;
		if (eas__jhas(o, "power_uw") && d->power_uw == 0)
			return eas__jerr(&L->ctx, EAS_EPOWER, "power_uw",
					 "power must be > 0");
		if (eas__jhas(o, "power_mw") && d->power_mw == 0)
			return eas__jerr(&L->ctx, EAS_EPOWER, "power_mw",
					 "power must be > 0");
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

static int load_pds(struct loader *L, struct json_object *arr,
		    struct eas_pd_desc *pds, char (*names)[32], uint32_t nr,
		    uint32_t nr_cpus, int32_t *pd_of, uint32_t *pos_in_pd)
{
	for (uint32_t p = 0; p < nr; p++) {
		struct json_object *o = idx(arr, p), *jc, *jo, *js;
		size_t m = eas__jpush_index(&L->ctx, p);
		struct eas_pd_desc *d = &pds[p];
		uint32_t *cpus;
		bool skip = true;

		if (eas__jcheck_keys(&L->ctx, o, pd_keys) ||
		    eas__jget_str(&L->ctx, o, "name", 0, names[p],
				  sizeof(names[p]), EAS__JOPT) ||
		    eas__jget_arr(&L->ctx, o, "cpus", 1, nr_cpus, &jc,
				  EAS__JREQ))
			return L->ctx.err;
		d->nr_cpus = (uint32_t)json_object_array_length(jc);
		cpus = lalloc(L, d->nr_cpus, sizeof(*cpus));
		if (!cpus)
			return L->ctx.err;
		{
			size_t mc = eas__jpush_key(&L->ctx, "cpus");

			if (cpu_list(L, jc, nr_cpus, cpus))
				return L->ctx.err;
			for (uint32_t i = 0; i < d->nr_cpus; i++) {
				uint32_t c = cpus[i];

				if (pd_of[c] >= 0) {
					eas__jpush_index(&L->ctx, i);
					return eas__jerr(
						&L->ctx, EAS_EPDEXIST, NULL,
						"CPU %" PRIu32 " is already in "
						"perf domain %" PRId32
						" (/perf_"
						"domains/%" PRId32
						"/cpus/%" PRIu32
						"); each CPU belongs to exactly "
						"one perf domain",
						c, pd_of[c], pd_of[c],
						pos_in_pd[c]);
				}
				pd_of[c] = (int32_t)p;
				pos_in_pd[c] = i;
			}
			eas__jpop(&L->ctx, mc);
		}
		/* the kernel's cpumask is a set: hand the core ascending ids */
		qsort(cpus, d->nr_cpus, sizeof(*cpus), cmp_u32);
		d->cpus = cpus;

		if (eas__jhas(o, "opps") && eas__jhas(o, "states"))
			return eas__jerr(&L->ctx, EAS_EFORMAT, "states",
					 "give the energy model either as opps "
					 "or as states, not both");
		if (!eas__jhas(o, "opps") && !eas__jhas(o, "states"))
			return eas__jerr(&L->ctx, EAS_ENOSTATES, NULL,
					 "perf domain has neither opps nor "
					 "states");
		if (eas__jget_arr(&L->ctx, o, "opps", 1, PF_MAX_STATES, &jo,
				  EAS__JOPT) ||
		    eas__jget_arr(&L->ctx, o, "states", 1, PF_MAX_STATES, &js,
				  EAS__JOPT) ||
		    eas__jget_bool(&L->ctx, o, "skip_inefficiencies", &skip,
				   EAS__JOPT))
			return L->ctx.err;
		d->no_skip_inefficiencies = !skip;
		if (js && eas__jhas(o, "dynamic_power_coefficient"))
			return eas__jerr(
				&L->ctx, EAS_EFORMAT,
				"dynamic_power_coefficient",
				"dynamic_power_coefficient applies to "
				"opps only (states carry their power)");
		if (eas__jget_u32(&L->ctx, o, "dynamic_power_coefficient", 1,
				  UINT32_MAX, &d->dynamic_power_coefficient,
				  EAS__JOPT))
			return L->ctx.err;
		if (jo) {
			size_t mo = eas__jpush_key(&L->ctx, "opps");
			struct eas_opp_desc *opps;

			d->nr_opps = (uint32_t)json_object_array_length(jo);
			opps = lalloc(L, d->nr_opps, sizeof(*opps));
			if (!opps || load_opps(L, jo, opps, d->nr_opps))
				return L->ctx.err;
			d->opps = opps;
			eas__jpop(&L->ctx, mo);
		} else {
			size_t ms = eas__jpush_key(&L->ctx, "states");
			struct eas_state_desc *st;

			d->nr_states = (uint32_t)json_object_array_length(js);
			st = lalloc(L, d->nr_states, sizeof(*st));
			if (!st || load_states(L, js, st, d->nr_states))
				return L->ctx.err;
			d->states = st;
			eas__jpop(&L->ctx, ms);
		}
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

/* ---- clusters / sched_domains: lists of spans ------------------------ */

/*
 * arr: array of CPU lists. Fills *len_out[nr] and *cpus_out (concatenated).
 * Only ids and repeats inside one span are checked here; partitioning and
 * nesting are the core's EAS_ETOPO.
 */
static int load_spans(struct loader *L, struct json_object *arr,
		      uint32_t nr_cpus, uint32_t *nr_out, uint32_t **len_out,
		      uint32_t **cpus_out)
{
	size_t n = json_object_array_length(arr), total = 0;
	uint32_t *len, *cpus;

	for (size_t i = 0; i < n; i++) {
		size_t m = eas__jpush_index(&L->ctx, i);

		if (eas__jval_arr(&L->ctx, idx(arr, i), 1, nr_cpus))
			return L->ctx.err;
		total += json_object_array_length(idx(arr, i));
		eas__jpop(&L->ctx, m);
	}
	len = lalloc(L, n, sizeof(*len));
	cpus = lalloc(L, total, sizeof(*cpus));
	if (!len || !cpus)
		return L->ctx.err;
	total = 0;
	for (size_t i = 0; i < n; i++) {
		struct json_object *s = idx(arr, i);
		size_t m = eas__jpush_index(&L->ctx, i);

		len[i] = (uint32_t)json_object_array_length(s);
		if (cpu_list(L, s, nr_cpus, cpus + total))
			return L->ctx.err;
		qsort(cpus + total, len[i], sizeof(*cpus), cmp_u32);
		total += len[i];
		eas__jpop(&L->ctx, m);
	}
	*nr_out = (uint32_t)n;
	*len_out = len;
	*cpus_out = cpus;
	return 0;
}

static const char *const level_keys[] = { "name", "spans", NULL };

static int load_levels(struct loader *L, struct json_object *arr,
		       struct eas_level_desc *lv, uint32_t nr, uint32_t nr_cpus)
{
	for (uint32_t l = 0; l < nr; l++) {
		struct json_object *o = idx(arr, l), *js;
		size_t m = eas__jpush_index(&L->ctx, l);
		char *name = lalloc(L, 8, 1);
		uint32_t *len, *cpus;

		if (!name || eas__jcheck_keys(&L->ctx, o, level_keys) ||
		    eas__jget_str(&L->ctx, o, "name", 1, name, 8, EAS__JREQ) ||
		    eas__jget_arr(&L->ctx, o, "spans", 1, nr_cpus, &js,
				  EAS__JREQ))
			return L->ctx.err;
		{
			size_t ms = eas__jpush_key(&L->ctx, "spans");

			if (load_spans(L, js, nr_cpus, &lv[l].nr_spans, &len,
				       &cpus))
				return L->ctx.err;
			eas__jpop(&L->ctx, ms);
		}
		lv[l].name = name;
		lv[l].span_len = len;
		lv[l].span_cpus = cpus;
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

/* ---- idle_states[] ----------------------------------------------------- */

static const char *const idle_keys[] = { "name",
					 "exit_latency_us",
					 "entry_latency_us",
					 "min_residency_us",
					 "power_uw",
					 "power_known",
					 "cpus",
					 NULL };

static int load_idle(struct loader *L, struct json_object *arr,
		     struct eas_idle_state *st, uint32_t nr, uint32_t nr_cpus)
{
	for (uint32_t i = 0; i < nr; i++) {
		struct json_object *o = idx(arr, i), *jc;
		size_t m = eas__jpush_index(&L->ctx, i);
		struct eas_idle_state *d = &st[i];

		if (eas__jcheck_keys(&L->ctx, o, idle_keys) ||
		    eas__jget_str(&L->ctx, o, "name", 1, d->name,
				  sizeof(d->name), EAS__JREQ) ||
		    eas__jget_u32(&L->ctx, o, "exit_latency_us", 0, UINT32_MAX,
				  &d->exit_latency_us, EAS__JREQ) ||
		    eas__jget_u32(&L->ctx, o, "entry_latency_us", 0, UINT32_MAX,
				  &d->entry_latency_us, EAS__JOPT) ||
		    eas__jget_u32(&L->ctx, o, "min_residency_us", 0, UINT32_MAX,
				  &d->min_residency_us, EAS__JOPT) ||
		    eas__jget_u64(&L->ctx, o, "power_uw", 0, UINT64_MAX,
				  &d->power_uw, EAS__JOPT) ||
		    eas__jget_arr(&L->ctx, o, "cpus", 1, nr_cpus, &jc,
				  EAS__JOPT))
			return L->ctx.err;
		/* power_known: a sourced 0 (e.g. a cluster-off state whose
		 * published cost is 0) is known; absent, a power above 0 is */
		d->power_known = d->power_uw > 0;
		if (eas__jget_bool(&L->ctx, o, "power_known", &d->power_known,
				   EAS__JOPT))
			return L->ctx.err;
		if (d->power_uw > 0 && !d->power_known)
			return eas__jerr(&L->ctx, EAS_EFORMAT, "power_known",
					 "power_known false contradicts "
					 "power_uw %" PRIu64 " (expected true, "
					 "or power_uw 0 for an unknown power)",
					 d->power_uw);
		if (jc) {
			size_t mc = eas__jpush_key(&L->ctx, "cpus");
			uint32_t *cpus;

			d->nr_cpus = (uint32_t)json_object_array_length(jc);
			cpus = lalloc(L, d->nr_cpus, sizeof(*cpus));
			if (!cpus || cpu_list(L, jc, nr_cpus, cpus))
				return L->ctx.err;
			qsort(cpus, d->nr_cpus, sizeof(*cpus), cmp_u32);
			d->cpus = cpus;
			eas__jpop(&L->ctx, mc);
		}
		eas__jpop(&L->ctx, m);
	}
	return 0;
}

/* ---- mapping eas_platform_build() errors back to JSON paths ---------- */

/*
 * Default levels: does the SMT sibling group of cpu span more than one MC
 * group (a cluster, or by default a perf domain)? Error path only.
 */
static bool smt_straddles(const struct eas_platform_desc *d, uint32_t cpu,
			  bool clusters)
{
	uint32_t n = d->nr_cpus, *grp, g, i, off = 0;
	bool r = false;

	if (d->cpus[cpu].smt <= 0)
		return false;
	grp = malloc((size_t)n * sizeof(*grp));
	if (!grp)
		return false;
	for (i = 0; i < n; i++)
		grp[i] = UINT32_MAX;
	if (clusters) {
		for (g = 0; g < d->nr_clusters; g++) {
			for (i = 0; i < d->cluster_len[g]; i++)
				if (d->cluster_cpus[off + i] < n &&
				    grp[d->cluster_cpus[off + i]] == UINT32_MAX)
					grp[d->cluster_cpus[off + i]] = g;
			off += d->cluster_len[g];
		}
	} else {
		for (g = 0; g < d->nr_pds; g++)
			for (i = 0; i < d->pds[g].nr_cpus; i++)
				if (d->pds[g].cpus[i] < n)
					grp[d->pds[g].cpus[i]] = g;
	}
	for (i = 0; i < n && !r; i++)
		r = d->cpus[i].smt == d->cpus[cpu].smt && grp[i] != grp[cpu];
	free(grp);
	return r;
}

static int map_build_error(struct loader *L,
			   const struct eas_platform_desc *desc,
			   const struct eas_build_error *w,
			   const uint32_t *entry_of, const uint32_t *pos_in_pd,
			   bool have_clusters, bool have_levels)
{
	char path[EAS__JPATH_MAX];
	const char *kname = eas_kernel_name(L->k);
	int err = w->err;
	const struct eas_pd_desc *pd = NULL;
	int32_t s = w->state;

	const struct eas_cpu_desc *cpu = NULL;
	uint32_t ent = 0;

	if (w->pd >= 0 && (uint32_t)w->pd < desc->nr_pds)
		pd = &desc->pds[w->pd];
	if (pd && s >= 0 &&
	    (uint32_t)s >= (pd->nr_opps ? pd->nr_opps : pd->nr_states))
		s = -1;
	if (w->cpu >= 0 && (uint32_t)w->cpu < desc->nr_cpus) {
		cpu = &desc->cpus[w->cpu];
		ent = entry_of[w->cpu];
	}

	/*
	 * Every error eas_platform_build() can return for a description this
	 * loader made is mapped to the JSON value that caused it below; only
	 * errors that are no value's fault (EAS_EKERNEL, EAS_ENOSPC) keep the
	 * document's root.
	 */
	switch (err) {
	case EAS_ERANGE:
		/* build_cpus(): capacity above 1024; normalize_capacities():
		 * a capacity that derives to 0 */
		if (cpu && cpu->capacity) {
			snprintf(path, sizeof(path),
				 "/cpus/%" PRIu32 "/capacity", ent);
			return eas__jerr_at(&L->ctx, err, path,
					    "capacity %" PRIu32 " above %u",
					    cpu->capacity,
					    EAS_SCHED_CAPACITY_SCALE);
		}
		if (cpu && cpu->capacity_dmips_mhz) {
			snprintf(path, sizeof(path),
				 "/cpus/%" PRIu32 "/capacity_dmips_mhz", ent);
			return eas__jerr_at(
				&L->ctx, err, path,
				"CPU %" PRId32 ": capacity_dmips_mhz %" PRIu32
				" (times its perf domain's maximum frequency) "
				"normalises to capacity 0 against the largest "
				"CPU (kernel %s topology_normalize_cpu_scale); "
				"expected a value that gives at least 1",
				w->cpu, cpu->capacity_dmips_mhz, kname);
		}
		if (cpu) {
			snprintf(path, sizeof(path), "/cpus/%" PRIu32, ent);
			return eas__jerr_at(&L->ctx, err, path,
					    "CPU %" PRId32 ": capacity 0",
					    w->cpu);
		}
		break;
	case EAS_EINVAL:
		if (cpu) {
			/* capacity and dmips both, or a negative smt: the
			 * loader refuses both first */
			snprintf(path, sizeof(path), "/cpus/%" PRIu32, ent);
			return eas__jerr_at(&L->ctx, err, path,
					    "CPU %" PRId32 ": %s", w->cpu,
					    eas_strerror(err));
		}
		if (pd && s >= 0) {
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/%s/%" PRId32, w->pd,
				 pd->nr_opps ? "opps" : "states", s);
			return eas__jerr_at(&L->ctx, err, path, "%s",
					    eas_strerror(err));
		}
		if (pd) {
			snprintf(path, sizeof(path), "/perf_domains/%" PRId32,
				 w->pd);
			return eas__jerr_at(&L->ctx, err, path, "%s",
					    eas_strerror(err));
		}
		if (have_levels && w->level >= 0 &&
		    (uint32_t)w->level < desc->nr_levels) {
			snprintf(path, sizeof(path),
				 "/sched_domains/%" PRId32 "/name", w->level);
			return eas__jerr_at(&L->ctx, err, path,
					    "a sched-domain level needs a "
					    "name");
		}
		break;
	case EAS_EFREQ:
		if (pd && s >= 0) {
			bool opp = pd->nr_opps > 0;

			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/%s/%" PRId32 "/%s",
				 w->pd, opp ? "opps" : "states", s,
				 opp ? "hz" : "frequency_khz");
			return eas__jerr_at(&L->ctx, err, path,
					    "frequency not strictly increasing "
					    "(each %s must be above the "
					    "previous one's)",
					    opp ? "OPP" : "state");
		}
		break;
	case EAS_EPOWER:
		if (pd && s >= 0) {
			bool opp = pd->nr_opps > 0;
			const char *field, *unit;
			uint64_t power, max;

			if (L->k == EAS_KERNEL_V5_4) {
				unit = "mW";
				max = EAS_V54_EM_MAX_POWER_MW;
			} else {
				unit = "uW";
				max = EAS_V619_EM_MAX_POWER_UW;
			}
			if (opp) {
				const struct eas_opp_desc *o = &pd->opps[s];
				/* v6.19 dev_pm_opp_of_register_em(): the
				 * opp-microwatt path when the lowest OPP has
				 * one; v5.4 always the voltage */
				bool uw = L->k != EAS_KERNEL_V5_4 &&
					  pd->opps[0].microwatt;

				field = uw ? "microwatt" : "microvolt";
				if (uw && !o->microwatt) {
					snprintf(path, sizeof(path),
						 "/perf_domains/%" PRId32
						 "/opps/%" PRId32,
						 w->pd, s);
					return eas__jerr_at(
						&L->ctx, err, path,
						"OPP has no microwatt while the "
						"lowest OPP has one: kernel %s "
						"then takes every OPP's power "
						"from opp-microwatt",
						kname);
				}
				if (uw)
					power = o->microwatt;
				else
					power = eas_opp_power(
						L->k,
						pd->dynamic_power_coefficient,
						o->hz, o->microvolt);
			} else {
				const struct eas_state_desc *st =
					&pd->states[s];

				field = st->power_uw ? "power_uw" : "power_mw";
				if (L->k == EAS_KERNEL_V5_4)
					power = st->power_uw ?
							st->power_uw / 1000u :
							st->power_mw;
				else
					power = st->power_uw ?
							st->power_uw :
							st->power_mw * 1000u;
			}
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/%s/%" PRId32 "/%s",
				 w->pd, opp ? "opps" : "states", s, field);
			return eas__jerr_at(&L->ctx, err, path,
					    "power %" PRIu64 " %s for kernel "
					    "%s is out of range (expected 1 to "
					    "%" PRIu64 " %s)",
					    power, unit, kname, max, unit);
		}
		break;
	case EAS_EPERF:
		if (pd && s >= 0) {
			bool opp = pd->nr_opps > 0;

			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/%s/%" PRId32 "/%s",
				 w->pd, opp ? "opps" : "states", s,
				 opp ? "hz" : "frequency_khz");
			return eas__jerr_at(&L->ctx, err, path,
					    "performance (capacity * f / fmax) "
					    "is 0 at this frequency, so its "
					    "cost is undefined");
		}
		break;
	case EAS_ENOVOLT:
		if (pd && s >= 0 && pd->nr_opps) {
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/opps/%" PRId32,
				 w->pd, s);
			if (L->k == EAS_KERNEL_V5_4 && pd->opps[s].microwatt &&
			    !pd->opps[s].microvolt)
				return eas__jerr_at(
					&L->ctx, err, path,
					"kernel v5.4 derives OPP power from the "
					"voltage only (no opp-microwatt "
					"support): this OPP needs microvolt");
			return eas__jerr_at(&L->ctx, err, path,
					    "the energy model needs a voltage "
					    "(microvolt >= 1000 with a "
					    "dynamic_power_coefficient) or an "
					    "opp-microwatt power");
		}
		break;
	case EAS_ENOSTATES:
	case EAS_ETOOMANY:
		if (pd) {
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "%s", w->pd,
				 err == EAS_ETOOMANY ? "/cpus" : "");
			return eas__jerr_at(&L->ctx, err, path,
					    "%s (kernel %s)", eas_strerror(err),
					    kname);
		}
		break;
	case EAS_ECAPACITY:
		if (pd && w->cpu >= 0 && (uint32_t)w->cpu < desc->nr_cpus) {
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/cpus/%" PRIu32,
				 w->pd, pos_in_pd[w->cpu]);
			return eas__jerr_at(&L->ctx, err, path,
					    "CPU %" PRId32 " has a different "
					    "capacity from the other CPUs of "
					    "its perf domain (the kernel's "
					    "EM registration refuses this)",
					    w->cpu);
		}
		break;
	case EAS_ECPU:
	case EAS_ENOPD:
	case EAS_EPDEXIST:
		if (err == EAS_ECPU && pd && !cpu) {
			/* a perf domain's CPU id out of range */
			snprintf(path, sizeof(path),
				 "/perf_domains/%" PRId32 "/cpus", w->pd);
			return eas__jerr_at(&L->ctx, err, path, "%s",
					    eas_strerror(err));
		}
		if (w->cpu >= 0 && (uint32_t)w->cpu < desc->nr_cpus) {
			snprintf(path, sizeof(path), "/cpus/%" PRIu32,
				 entry_of[w->cpu]);
			return eas__jerr_at(&L->ctx, err, path,
					    "CPU %" PRId32 ": %s", w->cpu,
					    eas_strerror(err));
		}
		break;
	case EAS_ETOPO: {
		char who[48] = "";
		uint32_t cl_level = 0;

		for (uint32_t c = 0; c < desc->nr_cpus; c++)
			if (desc->cpus[c].smt > 0)
				cl_level = 1; /* default levels: SMT, MC, PKG */
		if (w->cpu >= 0)
			snprintf(who, sizeof(who), " (at CPU %" PRId32 ")",
				 w->cpu);
		if (have_levels && w->level >= 0 &&
		    (uint32_t)w->level < desc->nr_levels) {
			if (w->span >= 0)
				snprintf(path, sizeof(path),
					 "/sched_domains/%" PRId32
					 "/spans/%" PRId32,
					 w->level, w->span);
			else
				snprintf(path, sizeof(path),
					 "/sched_domains/%" PRId32 "/spans",
					 w->level);
			return eas__jerr_at(&L->ctx, err, path,
					    "%s%s: each level's spans must "
					    "partition the CPUs and each span "
					    "must lie inside one span of the "
					    "level above",
					    eas_strerror(err), who);
		}
		if (!have_levels && cl_level == 1 && w->level == 1 && cpu &&
		    smt_straddles(desc, (uint32_t)w->cpu, have_clusters)) {
			/* default levels: an SMT sibling group that is not
			 * inside one cluster (by default one per perf
			 * domain) */
			snprintf(path, sizeof(path), "/cpus/%" PRIu32 "/smt",
				 ent);
			return eas__jerr_at(
				&L->ctx, err, path,
				"%s%s: SMT siblings (CPUs with the same smt) "
				"must lie in one %s",
				eas_strerror(err), who,
				have_clusters ? "cluster" : "perf domain");
		}
		if (have_clusters && !have_levels) {
			if (w->span >= 0 && w->level == (int32_t)cl_level)
				snprintf(path, sizeof(path),
					 "/clusters/%" PRId32, w->span);
			else
				snprintf(path, sizeof(path), "/clusters");
			return eas__jerr_at(&L->ctx, err, path,
					    "%s%s: clusters must partition the "
					    "CPUs (and contain whole SMT "
					    "sibling groups)",
					    eas_strerror(err), who);
		}
		break;
	}
	default:
		break;
	}
	return eas__jerr_at(&L->ctx, err, "",
			    "%s (eas_platform_build, kernel %s)",
			    eas_strerror(err), kname);
}

/* ---- the entry points -------------------------------------------------- */

static const char *const root_keys[] = {
	"format",   "name",	     "notes",	    "cpus", "perf_domains",
	"clusters", "sched_domains", "idle_states", NULL
};

#define PLATFORM_FORMAT "libeas-platform/1"

static int load(struct loader *L, struct json_object *root,
		struct eas_json_platform *out)
{
	struct eas__jctx *ctx = &L->ctx;
	struct json_object *jcpus, *jpds, *jcl, *jsd, *jidle, *jnotes;
	struct eas_platform_desc *desc = &out->desc;
	struct eas_cpu_desc *cpus;
	struct eas_pd_desc *pds;
	uint32_t nr_cpus, nr_pds, *entry_of, *pos_in_pd;
	int32_t *pd_of;
	char fmt[32];
	struct eas_build_error where;
	size_t size;
	int ret;

	/* the format first: a scenario or rt-app file given by mistake gets
	 * "unsupported format", not "unknown key" */
	if (eas__jval_obj(ctx, root))
		return ctx->err;
	if (!eas__jhas(root, "format"))
		return eas__jerr(ctx, EAS_EFORMAT, "format",
				 "missing required key 'format' (expected "
				 "\"" PLATFORM_FORMAT "\")");
	{
		struct json_object *jf;

		json_object_object_get_ex(root, "format", &jf);
		if (!json_object_is_type(jf, json_type_string) ||
		    strcmp(json_object_get_string(jf), PLATFORM_FORMAT)) {
			snprintf(fmt, sizeof(fmt), "%s",
				 json_object_is_type(jf, json_type_string) ?
					 json_object_get_string(jf) :
					 eas__jtype_name(jf));
			return eas__jerr(ctx, EAS_EFORMAT, "format",
					 "unsupported format '%s' (expected "
					 "\"" PLATFORM_FORMAT "\")",
					 fmt);
		}
	}
	if (eas__jcheck_keys(ctx, root, root_keys))
		return ctx->err;
	if (eas__jget_str(ctx, root, "name", 0, out->name, sizeof(out->name),
			  EAS__JOPT) ||
	    eas__jget_arr(ctx, root, "notes", 0, SIZE_MAX, &jnotes, EAS__JOPT))
		return ctx->err;
	if (jnotes) {
		size_t mn = eas__jpush_key(ctx, "notes");

		for (size_t i = 0; i < json_object_array_length(jnotes); i++) {
			size_t m = eas__jpush_index(ctx, i);

			if (!json_object_is_type(idx(jnotes, i),
						 json_type_string))
				return eas__jerr(
					ctx, EAS_EFORMAT, NULL,
					"expected a string, got %s",
					eas__jtype_name(idx(jnotes, i)));
			eas__jpop(ctx, m);
		}
		eas__jpop(ctx, mn);
	}

	/* cpus */
	if (eas__jget_arr(ctx, root, "cpus", 1, PF_MAX_CPUS, &jcpus, EAS__JREQ))
		return ctx->err;
	nr_cpus = (uint32_t)json_object_array_length(jcpus);
	cpus = lalloc(L, nr_cpus, sizeof(*cpus));
	entry_of = lalloc(L, nr_cpus, sizeof(*entry_of));
	pos_in_pd = lalloc(L, nr_cpus, sizeof(*pos_in_pd));
	pd_of = lalloc(L, nr_cpus, sizeof(*pd_of));
	L->seen = lalloc(L, nr_cpus, sizeof(*L->seen));
	if (!cpus || !entry_of || !pos_in_pd || !pd_of || !L->seen)
		return ctx->err;
	for (uint32_t i = 0; i < nr_cpus; i++) {
		entry_of[i] = UINT32_MAX;
		pd_of[i] = -1;
	}
	{
		size_t m = eas__jpush_key(ctx, "cpus");

		if (load_cpus(L, jcpus, cpus, entry_of, nr_cpus))
			return ctx->err;
		eas__jpop(ctx, m);
	}
	desc->nr_cpus = nr_cpus;
	desc->cpus = cpus;

	/* perf_domains */
	if (eas__jget_arr(ctx, root, "perf_domains", 1, nr_cpus, &jpds,
			  EAS__JREQ))
		return ctx->err;
	nr_pds = (uint32_t)json_object_array_length(jpds);
	pds = lalloc(L, nr_pds, sizeof(*pds));
	out->pd_names = lalloc(L, nr_pds, sizeof(*out->pd_names));
	if (!pds || !out->pd_names)
		return ctx->err;
	{
		size_t m = eas__jpush_key(ctx, "perf_domains");

		if (load_pds(L, jpds, pds, out->pd_names, nr_pds, nr_cpus,
			     pd_of, pos_in_pd))
			return ctx->err;
		eas__jpop(ctx, m);
	}
	for (uint32_t c = 0; c < nr_cpus; c++)
		if (pd_of[c] < 0) {
			char p[32];

			snprintf(p, sizeof(p), "/cpus/%" PRIu32, entry_of[c]);
			return eas__jerr_at(
				ctx, EAS_ENOPD, p,
				"CPU %" PRIu32 " is in no perf "
				"domain (every CPU must be listed "
				"in exactly one perf_domains[].cpus)",
				c);
		}
	desc->nr_pds = nr_pds;
	desc->pds = pds;

	/* clusters, sched_domains */
	if (eas__jget_arr(ctx, root, "clusters", 1, nr_cpus, &jcl, EAS__JOPT) ||
	    eas__jget_arr(ctx, root, "sched_domains", 1, PF_MAX_LEVELS, &jsd,
			  EAS__JOPT))
		return ctx->err;
	if (jcl) {
		size_t m = eas__jpush_key(ctx, "clusters");
		uint32_t *len, *cl;

		if (load_spans(L, jcl, nr_cpus, &desc->nr_clusters, &len, &cl))
			return ctx->err;
		desc->cluster_len = len;
		desc->cluster_cpus = cl;
		eas__jpop(ctx, m);
	}
	if (jsd) {
		size_t m = eas__jpush_key(ctx, "sched_domains");
		struct eas_level_desc *lv;

		desc->nr_levels = (uint32_t)json_object_array_length(jsd);
		lv = lalloc(L, desc->nr_levels, sizeof(*lv));
		if (!lv || load_levels(L, jsd, lv, desc->nr_levels, nr_cpus))
			return ctx->err;
		desc->levels = lv;
		eas__jpop(ctx, m);
	}

	/* idle_states */
	if (eas__jget_arr(ctx, root, "idle_states", 0, 64, &jidle, EAS__JOPT))
		return ctx->err;
	if (jidle) {
		size_t m = eas__jpush_key(ctx, "idle_states");

		out->nr_idle_states = (uint32_t)json_object_array_length(jidle);
		out->idle_states = lalloc(L, out->nr_idle_states,
					  sizeof(*out->idle_states));
		if (!out->idle_states ||
		    load_idle(L, jidle, out->idle_states, out->nr_idle_states,
			      nr_cpus))
			return ctx->err;
		eas__jpop(ctx, m);
	}

	/* build */
	size = eas_platform_size(desc);
	if (size == 0)
		return eas__jerr_at(ctx, EAS_EINVAL, "",
				    "the description is structurally unusable "
				    "(eas_platform_size() is 0)");
	out->mem = malloc(size);
	if (!out->mem)
		return eas__jerr_at(ctx, EAS_ENOMEM, "", "out of memory");
	memset(&where, 0xff, sizeof(where));
	ret = eas_platform_build(&out->pf, out->mem, size, desc, L->k, L->opts,
				 &where);
	if (ret) {
		where.err = ret;
		return map_build_error(L, desc, &where, entry_of, pos_in_pd,
				       jcl != NULL, jsd != NULL);
	}
	return 0;
}

int eas_json_platform_load(const char *buf, size_t len, enum eas_kernel k,
			   uint32_t opts, struct eas_json_platform *out,
			   struct eas_json_diag *diag)
{
	struct loader *L;
	struct json_object *root = NULL;
	int ret;

	if (diag)
		memset(diag, 0, sizeof(*diag));
	if (!out) {
		if (diag) {
			diag->err = EAS_EINVAL;
			snprintf(diag->msg, sizeof(diag->msg),
				 "no output platform given");
		}
		return EAS_EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if ((unsigned)k >= EAS_KERNEL_COUNT) {
		if (diag) {
			diag->err = EAS_EKERNEL;
			snprintf(diag->msg, sizeof(diag->msg),
				 "unknown kernel flavour %d", (int)k);
		}
		return EAS_EKERNEL;
	}
	L = calloc(1, sizeof(*L));
	if (!L) {
		if (diag) {
			diag->err = EAS_ENOMEM;
			snprintf(diag->msg, sizeof(diag->msg), "out of memory");
		}
		return EAS_ENOMEM;
	}
	L->k = k;
	L->opts = opts;
	ret = eas__jctx_init(&L->ctx, buf, len, 0, diag, &root);
	if (!ret)
		ret = load(L, root, out);
	eas__jctx_fini(&L->ctx, root);
	if (ret) {
		free(out->mem);
		free_blocks(L->blocks);
		memset(out, 0, sizeof(*out));
	} else {
		out->desc_mem = L->blocks;
	}
	free(L);
	return ret;
}

void eas_json_platform_free(struct eas_json_platform *p)
{
	if (!p)
		return;
	free(p->mem);
	free_blocks(p->desc_mem);
	memset(p, 0, sizeof(*p));
}
