/* SPDX-License-Identifier: MIT */
/*
 * Platform = CPUs, capacities, perf domains with their energy models and
 * the sched-domain topology, built once into caller memory.
 *
 * Kernel semantics mirrored (see docs/design-platform.md for the details
 * read in the sources; no kernel text copied):
 *   v5.4 / v6.19 drivers/base/arch_topology.c: topology_parse_cpu_capacity(),
 *       topology_normalize_cpu_scale(), init_cpu_capacity_callback();
 *   kernel/power/energy_model.c: registration checks (em_create_pd,
 *       em_dev_register_perf_domain), em_check_capacity_update (v6.19);
 *   drivers/opp/of.c: dev_pm_opp_of_register_em() power sources;
 *   kernel/sched/topology.c: sd_init(), asym_cpu_capacity_level() (v5.4),
 *       asym_cpu_capacity_classify() (v6.19), sd_degenerate(),
 *       sd_parent_degenerate(), cpu_attach_domain(), update_top_cache_domain(),
 *       build_perf_domains(), sched_is_eas_possible() (v6.19).
 *
 * Memory layout (all offsets 8-byte aligned, see platform_layout()):
 *   struct eas_cpu[nr_cpus] | struct eas_perf_domain[nr_pds] |
 *   u32 pd_cpus[nr_cpus] | struct eas_perf_state[sum of desc states] |
 *   u32 pd_order[nr_pds] | struct eas_sd_level[levels reserved] |
 *   per reserved level: u32 span_start[nr_cpus + 1], span_cpus[nr_cpus],
 *   span_flags[nr_cpus], cpu_span[nr_cpus].
 * The build uses the output arrays themselves as scratch, so nothing else
 * is needed and eas_platform_size() is exact.
 */
#include "internal.h"

#define NO_IDX 0xffffffffu
#define CAP_WORDS ((EAS_SCHED_CAPACITY_SCALE + 64u) / 64u)

struct layout {
	size_t cpus, pds, pd_cpus, states, pd_order, levels, lvl0, lvl_block;
	size_t total;
	uint32_t nr_levels; /* reserved */
};

/* Default topology: [SMT if any CPU has an SMT group,] MC, PKG. */
static uint32_t default_nr_levels(const struct eas_platform_desc *d)
{
	uint32_t i;

	for (i = 0; i < d->nr_cpus; i++)
		if (d->cpus[i].smt > 0)
			return 3;
	return 2;
}

static uint32_t pd_desc_states(const struct eas_pd_desc *pd)
{
	return pd->nr_opps ? pd->nr_opps : pd->nr_states;
}

/*
 * off += ALIGN8(count * each), in u64 with overflow checks: descriptions
 * come from files (and fuzzers), and size_t may be 32 bits on firmware.
 */
static bool add_array(uint64_t *off, uint64_t count, uint64_t each)
{
	uint64_t bytes;

	if (count && each > (EAS__U64_MAX - 8u) / count)
		return false;
	bytes = (count * each + 7u) & ~(uint64_t)7u;
	if (bytes > EAS__U64_MAX - *off)
		return false;
	*off += bytes;
	return true;
}

/* Returns false if the description cannot even be sized. */
static bool platform_layout(const struct eas_platform_desc *d,
			    struct layout *lo)
{
	uint64_t off = 0, n, states = 0, block = 0;
	uint32_t p;

	if (!d || !d->nr_cpus || !d->cpus || !d->nr_pds || !d->pds)
		return false;
	if (d->nr_levels && !d->levels)
		return false;
	n = d->nr_cpus;
	for (p = 0; p < d->nr_pds; p++)
		states += pd_desc_states(&d->pds[p]); /* < 2^64: 2^32 * 2^32 */
	lo->nr_levels = d->nr_levels ? d->nr_levels : default_nr_levels(d);

	lo->cpus = 0;
	if (!add_array(&off, n, sizeof(struct eas_cpu)))
		return false;
	lo->pds = (size_t)off;
	if (!add_array(&off, d->nr_pds, sizeof(struct eas_perf_domain)))
		return false;
	lo->pd_cpus = (size_t)off;
	if (!add_array(&off, n, sizeof(uint32_t)))
		return false;
	lo->states = (size_t)off;
	if (!add_array(&off, states, sizeof(struct eas_perf_state)))
		return false;
	lo->pd_order = (size_t)off;
	if (!add_array(&off, d->nr_pds, sizeof(uint32_t)))
		return false;
	lo->levels = (size_t)off;
	if (!add_array(&off, lo->nr_levels, sizeof(struct eas_sd_level)))
		return false;
	lo->lvl0 = (size_t)off;
	if (!add_array(&block, n + 1u, sizeof(uint32_t)) ||
	    !add_array(&block, n, sizeof(uint32_t)) ||
	    !add_array(&block, n, sizeof(uint32_t)) ||
	    !add_array(&block, n, sizeof(uint32_t)) ||
	    !add_array(&off, lo->nr_levels, block))
		return false;
	if (off > (uint64_t)(size_t)-1)
		return false;
	lo->lvl_block = (size_t)block;
	lo->total = (size_t)off;
	return true;
}

size_t eas_platform_size(const struct eas_platform_desc *desc)
{
	struct layout lo;

	if (!platform_layout(desc, &lo))
		return 0;
	return lo.total;
}

const char *eas_off_reason_name(enum eas_off_reason r)
{
	switch (r) {
	case EAS_ON:
		return "on";
	case EAS_OFF_SYMMETRIC:
		return "symmetric";
	case EAS_OFF_SMT:
		return "smt";
	case EAS_OFF_NO_EM:
		return "no_energy_model";
	case EAS_OFF_COMPLEXITY:
		return "complexity";
	}
	return "unknown";
}

/* ---------------------------------------------------------------------- */
/* Build context and error reporting                                       */
/* ---------------------------------------------------------------------- */

struct ctx {
	struct eas_platform *pf;
	const struct eas_platform_desc *d;
	struct eas_build_error *where;
	uint32_t *pd_cpus;
	struct eas_perf_state *states;
	uint32_t *pd_order;
};

static int fail(struct ctx *c, int err, int64_t cpu, int64_t pd, int64_t state,
		int64_t level, int64_t span)
{
	if (c->where) {
		c->where->err = err;
		c->where->cpu = (int32_t)cpu;
		c->where->pd = (int32_t)pd;
		c->where->state = (int32_t)state;
		c->where->level = (int32_t)level;
		c->where->span = (int32_t)span;
	}
	return err;
}

/* ---------------------------------------------------------------------- */
/* CPUs and perf domains                                                   */
/* ---------------------------------------------------------------------- */

static int build_cpus(struct ctx *c)
{
	const struct eas_platform_desc *d = c->d;
	uint32_t i;

	for (i = 0; i < d->nr_cpus; i++) {
		const struct eas_cpu_desc *cd = &d->cpus[i];
		struct eas_cpu *cpu = &c->pf->cpus[i];

		if (cd->capacity > EAS_SCHED_CAPACITY_SCALE)
			return fail(c, EAS_ERANGE, i, -1, -1, -1, -1);
		if (cd->capacity && cd->capacity_dmips_mhz)
			return fail(c, EAS_EINVAL, i, -1, -1, -1, -1);
		if (cd->smt < 0)
			return fail(c, EAS_EINVAL, i, -1, -1, -1, -1);
		cpu->capacity_dmips_mhz = cd->capacity_dmips_mhz;
		cpu->pd = NO_IDX;
		cpu->smt = cd->smt;
		cpu->sd_llc = -1;
		cpu->sd_asym = -1;
		cpu->sd_llc_size = 1;
		cpu->sd_llc_id = i;
	}
	return EAS_OK;
}

/* Each CPU in exactly one perf domain (em_register_perf_domain: -EEXIST). */
static int assign_pds(struct ctx *c)
{
	const struct eas_platform_desc *d = c->d;
	struct eas_platform *pf = c->pf;
	uint32_t p, i, off;

	for (p = 0; p < d->nr_pds; p++) {
		const struct eas_pd_desc *pdd = &d->pds[p];

		if (!pdd->nr_cpus || !pdd->cpus)
			return fail(c, EAS_EINVAL, -1, p, -1, -1, -1);
		/* v6.19 em_create_pd(): at most EM_MAX_NUM_CPUS in a CPU PD */
		if (pf->kernel != EAS_KERNEL_V5_4 && /* v6.19, v7.1 */
		    pdd->nr_cpus > EAS_V619_EM_MAX_NUM_CPUS)
			return fail(c, EAS_ETOOMANY, -1, p, -1, -1, -1);
		for (i = 0; i < pdd->nr_cpus; i++) {
			uint32_t cpu = pdd->cpus[i];

			if (cpu >= d->nr_cpus || pf->cpus[cpu].pd == p)
				return fail(c, EAS_ECPU, cpu, p, -1, -1, -1);
			if (pf->cpus[cpu].pd != NO_IDX)
				return fail(c, EAS_EPDEXIST, cpu, p, -1, -1,
					    -1);
			pf->cpus[cpu].pd = p;
		}
		if (pdd->nr_opps && pdd->nr_states)
			return fail(c, EAS_EINVAL, -1, p, -1, -1, -1);
		if (!pd_desc_states(pdd))
			return fail(c, EAS_ENOSTATES, -1, p, -1, -1, -1);
		if ((pdd->nr_opps && !pdd->opps) ||
		    (pdd->nr_states && !pdd->states))
			return fail(c, EAS_EINVAL, -1, p, -1, -1, -1);
	}
	for (i = 0; i < d->nr_cpus; i++)
		if (pf->cpus[i].pd == NO_IDX)
			return fail(c, EAS_ENOPD, i, -1, -1, -1, -1);

	/* pd->cpus ascending: counting placement, nr_cpus as the cursor */
	off = 0;
	for (p = 0; p < d->nr_pds; p++) {
		struct eas_perf_domain *pd = &pf->pds[p];

		pd->id = p;
		pd->cpus = &c->pd_cpus[off];
		pd->nr_cpus = 0;
		off += d->pds[p].nr_cpus;
	}
	for (i = 0; i < d->nr_cpus; i++) {
		struct eas_perf_domain *pd = &pf->pds[pf->cpus[i].pd];

		c->pd_cpus[(size_t)(pd->cpus - c->pd_cpus) + pd->nr_cpus++] = i;
	}
	return EAS_OK;
}

/*
 * cpuinfo.max_freq of the domain's cpufreq policy: the highest OPP that is
 * not turbo (cpufreq-dt leaves turbo OPPs out unless boost is enabled);
 * for energy-model-style states, the highest state.
 */
static uint64_t pd_max_freq_khz(const struct eas_pd_desc *pdd)
{
	uint64_t best = 0, any = 0;
	uint32_t i;

	if (!pdd->nr_opps) {
		for (i = 0; i < pdd->nr_states; i++)
			best = eas__max_u64(best, pdd->states[i].frequency_khz);
		return best;
	}
	for (i = 0; i < pdd->nr_opps; i++) {
		uint64_t khz = pdd->opps[i].hz / 1000u;

		any = eas__max_u64(any, khz);
		if (!pdd->opps[i].turbo)
			best = eas__max_u64(best, khz);
	}
	return best ? best : any;
}

/*
 * arch_scale_cpu_capacity() of every CPU.
 *
 * CPUs with a given final capacity keep it. The others are derived from
 * capacity-dmips-mhz; if any of them lacks it, all of them are 1024
 * (topology_parse_cpu_capacity(): "partial information: fallback to 1024
 * for all CPUs").
 *
 * v5.4 arch_topology.c normalises twice with u32 state (raw_capacity[] and
 * capacity_scale are u32):
 *   boot:    cpu_scale = (u32)(dmips << 10) / max_dmips
 *   cpufreq: raw = (u32)(cpu_scale * cpuinfo.max_freq / 1000)
 *            capacity_scale = max(capacity_scale, raw)   -- never reset,
 *                             so it starts at max_dmips
 *            cap = (u32)(raw << 10) / capacity_scale
 * The u32 shift wraps when raw > 2^22 (cpu_scale 1024 at > 4.096 GHz):
 * reproduced as is.
 *
 * v6.19 topology_normalize_cpu_scale(), u64:
 *   raw = dmips * capacity_freq_ref (kHz, 0 -> 1)
 *   cap = div64_u64(raw << 10, max raw)
 */
static int build_capacities(struct ctx *c)
{
	const struct eas_platform_desc *d = c->d;
	struct eas_platform *pf = c->pf;
	bool derive = false, all_dmips = true;
	uint64_t max_raw = 0;
	uint32_t max_dmips = 0, scale32 = 0;
	uint32_t i;

	for (i = 0; i < d->nr_cpus; i++) {
		struct eas_cpu *cpu = &pf->cpus[i];

		cpu->capacity_freq_ref_khz = pf->pds[cpu->pd].max_freq_khz;
		if (d->cpus[i].capacity)
			continue;
		derive = true;
		if (!d->cpus[i].capacity_dmips_mhz)
			all_dmips = false;
		else if (d->cpus[i].capacity_dmips_mhz > max_dmips)
			max_dmips = d->cpus[i].capacity_dmips_mhz;
	}
	if (derive && all_dmips && pf->kernel == EAS_KERNEL_V5_4) {
		scale32 = max_dmips;
		for (i = 0; i < d->nr_cpus; i++) {
			uint32_t dm = d->cpus[i].capacity_dmips_mhz;
			uint64_t cpu_scale;
			uint32_t raw;

			if (d->cpus[i].capacity)
				continue;
			cpu_scale = (uint32_t)(dm << 10) / max_dmips;
			raw = (uint32_t)(cpu_scale *
					 pf->cpus[i].capacity_freq_ref_khz /
					 1000u);
			pf->cpus[i].capacity = raw; /* stash until scaled */
			if (raw > scale32)
				scale32 = raw;
		}
	} else if (derive && all_dmips) {
		for (i = 0; i < d->nr_cpus; i++) {
			uint64_t ref = pf->cpus[i].capacity_freq_ref_khz;

			if (d->cpus[i].capacity)
				continue;
			pf->cpus[i].capacity =
				(uint64_t)d->cpus[i].capacity_dmips_mhz *
				(ref ? ref : 1u);
			max_raw = eas__max_u64(max_raw, pf->cpus[i].capacity);
		}
	}
	for (i = 0; i < d->nr_cpus; i++) {
		struct eas_cpu *cpu = &pf->cpus[i];

		if (d->cpus[i].capacity)
			cpu->capacity = d->cpus[i].capacity;
		else if (!all_dmips)
			cpu->capacity = EAS_SCHED_CAPACITY_SCALE;
		else if (pf->kernel == EAS_KERNEL_V5_4)
			cpu->capacity =
				(uint32_t)((uint32_t)cpu->capacity << 10) /
				scale32;
		else
			cpu->capacity = (cpu->capacity << 10) / max_raw;
		if (!cpu->capacity)
			return fail(c, EAS_ERANGE, i, cpu->pd, -1, -1, -1);
		if (cpu->capacity > pf->max_cpu_capacity)
			pf->max_cpu_capacity = cpu->capacity;
	}
	return EAS_OK;
}

/*
 * Fill one domain's table from its description in the flavour's power unit
 * and register it with the final CPU capacity (v6.19
 * em_check_capacity_update() recomputes perf/cost once the capacity is
 * known, so only the final one matters).
 */
static int build_em(struct ctx *c, uint32_t p, struct eas_perf_state *t)
{
	const struct eas_pd_desc *pdd = &c->d->pds[p];
	struct eas_platform *pf = c->pf;
	struct eas_perf_domain *pd = &pf->pds[p];
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint32_t n = pd_desc_states(pdd), i, bad = 0;
	bool uw_path = false;
	int err;

	pd->table = t;
	pd->nr_perf_states = 0;
	pd->min_perf_state = 0;
	pd->max_perf_state = 0;
	pd->flags = 0;
	if (pdd->nr_opps) {
		/*
		 * dev_pm_opp_of_register_em(): v6.19 prefers opp-microwatt when
		 * the lowest OPP has it; otherwise (and always in v5.4) the
		 * EM needs a dynamic-power-coefficient, else none is
		 * registered.
		 */
		uw_path = !v54 && pdd->opps[0].microwatt;
		if (!uw_path && !pdd->dynamic_power_coefficient)
			return EAS_OK;
		for (i = 0; i < n; i++) {
			const struct eas_opp_desc *o = &pdd->opps[i];

			t[i].frequency_khz = o->hz / 1000u;
			if (uw_path) {
				t[i].power = o->microwatt;
			} else {
				if (o->microvolt / 1000u == 0)
					return fail(c, EAS_ENOVOLT, -1, p, i,
						    -1, -1);
				t[i].power = eas_opp_power(
					pf->kernel,
					pdd->dynamic_power_coefficient, o->hz,
					o->microvolt);
			}
		}
	} else {
		for (i = 0; i < n; i++) {
			const struct eas_state_desc *s = &pdd->states[i];

			if (s->power_uw && s->power_mw)
				return fail(c, EAS_EINVAL, -1, p, i, -1, -1);
			t[i].frequency_khz = s->frequency_khz;
			if (v54)
				t[i].power = s->power_mw ? s->power_mw :
							   s->power_uw / 1000u;
			else
				t[i].power = s->power_uw ? s->power_uw :
							   s->power_mw * 1000u;
		}
	}
	err = eas_em_table_init(pf->kernel, pf->opts, t, n, pd->capacity, &bad);
	if (err)
		return fail(c, err, -1, p, bad, -1, -1);
	pd->nr_perf_states = n;
	pd->min_perf_state = 0;
	pd->max_perf_state = n - 1u;
	if (!v54) {
		/* v6.19 registers with microwatts = true */
		pd->flags |= EAS_PD_MICROWATTS;
		/*
		 * em_cpufreq_update_efficiencies(): SKIP_INEFFICIENCIES only
		 * if at least one state was inefficient (and cpufreq took it,
		 * which the description states).
		 */
		for (i = 0; i < n && !pdd->no_skip_inefficiencies; i++) {
			if (t[i].flags & EAS_PERF_STATE_INEFFICIENT) {
				pd->flags |= EAS_PD_SKIP_INEFFICIENCIES;
				break;
			}
		}
	}
	pf->nr_perf_states += n;
	return EAS_OK;
}

static int build_pds(struct ctx *c)
{
	struct eas_platform *pf = c->pf;
	struct eas_perf_state *t = c->states;
	uint32_t p, i, k;
	int err;

	for (p = 0; p < pf->nr_pds; p++)
		pf->pds[p].max_freq_khz = pd_max_freq_khz(&c->d->pds[p]);
	err = build_capacities(c);
	if (err)
		return err;
	for (p = 0; p < pf->nr_pds; p++) {
		struct eas_perf_domain *pd = &pf->pds[p];

		/* em_register_perf_domain(): equal capacities (-EINVAL) */
		pd->capacity = pf->cpus[pd->cpus[0]].capacity;
		for (i = 1; i < pd->nr_cpus; i++)
			if (pf->cpus[pd->cpus[i]].capacity != pd->capacity)
				return fail(c, EAS_ECAPACITY, pd->cpus[i], p,
					    -1, -1, -1);
		err = build_em(c, p, t);
		if (err)
			return err;
		t += pd_desc_states(&c->d->pds[p]);
	}
	/* build_perf_domains() walks CPUs ascending and prepends each new
	 * domain: the rd->pd list is in descending first-CPU order. */
	k = 0;
	for (i = pf->nr_cpus; i-- > 0;) {
		uint32_t pdi = pf->cpus[i].pd;

		if (pf->pds[pdi].cpus[0] == i)
			c->pd_order[k++] = pdi;
	}
	pf->pd_order = c->pd_order;
	return EAS_OK;
}

/* ---------------------------------------------------------------------- */
/* Sched-domain levels                                                     */
/* ---------------------------------------------------------------------- */

static void copy_name(char *dst, const char *src)
{
	uint32_t i;

	for (i = 0; i < 7u && src[i]; i++)
		dst[i] = src[i];
	for (; i < 8u; i++)
		dst[i] = 0;
}

static bool name_is(const char *name, const char *ref)
{
	uint32_t i;

	for (i = 0; name[i] && name[i] == ref[i]; i++)
		;
	return name[i] == ref[i];
}

/*
 * Given lv->cpu_span[] (span index of each CPU, all < nr_spans), fill
 * span_start[] and span_cpus[] (ascending). span_flags[] is the cursor.
 * Returns the first empty span index, or NO_IDX.
 */
static uint32_t finish_level(struct eas_sd_level *lv, uint32_t nr_cpus)
{
	uint32_t *start = (uint32_t *)lv->span_start;
	uint32_t *cpus = (uint32_t *)lv->span_cpus;
	uint32_t *cur = (uint32_t *)lv->span_flags;
	uint32_t s, i;

	for (s = 0; s <= lv->nr_spans; s++)
		start[s] = 0;
	for (i = 0; i < nr_cpus; i++)
		start[lv->cpu_span[i] + 1u]++;
	for (s = 0; s < lv->nr_spans; s++) {
		if (!start[s + 1u])
			return s;
		start[s + 1u] += start[s];
	}
	for (s = 0; s < lv->nr_spans; s++)
		cur[s] = start[s];
	for (i = 0; i < nr_cpus; i++)
		cpus[cur[lv->cpu_span[i]]++] = i;
	return NO_IDX;
}

/* A level given as CPU lists (explicit levels, clusters). */
static int level_from_lists(struct ctx *c, uint32_t l, uint32_t nr_spans,
			    const uint32_t *span_len, const uint32_t *span_cpus)
{
	struct eas_sd_level *lv = &c->pf->levels[l];
	uint32_t *cs = (uint32_t *)lv->cpu_span;
	uint32_t n = c->pf->nr_cpus, s, i, off = 0;

	if (!nr_spans || nr_spans > n || !span_len || !span_cpus)
		return fail(c, EAS_ETOPO, -1, -1, -1, l, -1);
	for (i = 0; i < n; i++)
		cs[i] = NO_IDX;
	for (s = 0; s < nr_spans; s++) {
		if (!span_len[s] || span_len[s] > n - off)
			return fail(c, EAS_ETOPO, -1, -1, -1, l, s);
		for (i = 0; i < span_len[s]; i++) {
			uint32_t cpu = span_cpus[off + i];

			if (cpu >= n || cs[cpu] != NO_IDX)
				return fail(c, EAS_ETOPO,
					    cpu < n ? (int64_t)cpu : -1, -1, -1,
					    l, s);
			cs[cpu] = s;
		}
		off += span_len[s];
	}
	for (i = 0; i < n; i++)
		if (cs[i] == NO_IDX)
			return fail(c, EAS_ETOPO, i, -1, -1, l, -1);
	lv->nr_spans = nr_spans;
	finish_level(lv, n);
	return EAS_OK;
}

/* SMT level: CPUs with the same smt id > 0 are siblings; 0 = alone. */
static void level_smt(struct ctx *c, uint32_t l)
{
	struct eas_platform *pf = c->pf;
	struct eas_sd_level *lv = &pf->levels[l];
	uint32_t *cs = (uint32_t *)lv->cpu_span;
	uint32_t n = pf->nr_cpus, i, j, nr = 0;

	for (i = 0; i < n; i++) {
		cs[i] = NO_IDX;
		/* siblings are usually adjacent: search backwards */
		if (pf->cpus[i].smt > 0) {
			for (j = i; j-- > 0;) {
				if (pf->cpus[j].smt == pf->cpus[i].smt) {
					cs[i] = cs[j];
					break;
				}
			}
		}
		if (cs[i] == NO_IDX)
			cs[i] = nr++;
	}
	lv->nr_spans = nr;
	finish_level(lv, n);
}

/* MC level defaulting to one span per perf domain. */
static void level_from_pds(struct ctx *c, uint32_t l)
{
	struct eas_platform *pf = c->pf;
	struct eas_sd_level *lv = &pf->levels[l];
	uint32_t *cs = (uint32_t *)lv->cpu_span;
	uint32_t i;

	for (i = 0; i < pf->nr_cpus; i++)
		cs[i] = pf->cpus[i].pd;
	lv->nr_spans = pf->nr_pds;
	finish_level(lv, pf->nr_cpus);
}

static void level_all(struct ctx *c, uint32_t l)
{
	struct eas_platform *pf = c->pf;
	struct eas_sd_level *lv = &pf->levels[l];
	uint32_t i;

	for (i = 0; i < pf->nr_cpus; i++)
		((uint32_t *)lv->cpu_span)[i] = 0;
	lv->nr_spans = 1;
	finish_level(lv, pf->nr_cpus);
}

static int build_levels(struct ctx *c)
{
	const struct eas_platform_desc *d = c->d;
	struct eas_platform *pf = c->pf;
	uint32_t l, i;
	int err;

	if (d->nr_levels) {
		for (l = 0; l < d->nr_levels; l++) {
			const struct eas_level_desc *ld = &d->levels[l];

			if (!ld->name || !ld->name[0])
				return fail(c, EAS_EINVAL, -1, -1, -1, l, -1);
			copy_name(pf->levels[l].name, ld->name);
			err = level_from_lists(c, l, ld->nr_spans, ld->span_len,
					       ld->span_cpus);
			if (err)
				return err;
		}
	} else {
		l = 0;
		if (pf->nr_levels == 3) {
			copy_name(pf->levels[l].name, "SMT");
			level_smt(c, l++);
		}
		copy_name(pf->levels[l].name, "MC");
		if (d->nr_clusters) {
			err = level_from_lists(c, l, d->nr_clusters,
					       d->cluster_len, d->cluster_cpus);
			if (err)
				return err;
		} else {
			level_from_pds(c, l);
		}
		l++;
		/* the top level is "DIE" in v5.4, "PKG" in v6.19 */
		copy_name(pf->levels[l].name,
			  pf->kernel == EAS_KERNEL_V5_4 ? "DIE" : "PKG");
		level_all(c, l);
	}
	/* Each span must be a union of spans of the level below. */
	for (l = 1; l < pf->nr_levels; l++) {
		const struct eas_sd_level *lo = &pf->levels[l - 1];
		const struct eas_sd_level *hi = &pf->levels[l];

		for (i = 0; i < pf->nr_cpus; i++) {
			uint32_t first =
				lo->span_cpus[lo->span_start[lo->cpu_span[i]]];

			if (hi->cpu_span[i] != hi->cpu_span[first])
				return fail(c, EAS_ETOPO, i, -1, -1, l,
					    hi->cpu_span[i]);
		}
	}
	return EAS_OK;
}

static uint32_t level_weight(const struct eas_sd_level *lv, uint32_t s)
{
	return lv->span_start[s + 1u] - lv->span_start[s];
}

/*
 * v5.4 asym_cpu_capacity_level(): NO_IDX when all capacities are equal,
 * else the lowest level at which every CPU sees the highest capacity: the
 * highest level where some CPU sees a capacity above all it saw below.
 * (The kernel skips levels below the current answer for later CPUs; as
 * spans nest, the max seen at a level >= the max seen below, so the result
 * is the same.) Uses span_flags[] as "max capacity of the span" scratch.
 */
static uint32_t asym_level_v54(struct eas_platform *pf)
{
	uint32_t l, s, i, k, asym = NO_IDX;
	bool differ = false;

	for (i = 1; i < pf->nr_cpus; i++)
		if (pf->cpus[i].capacity != pf->cpus[0].capacity)
			differ = true;
	if (!differ)
		return NO_IDX;
	for (l = 0; l < pf->nr_levels; l++) {
		struct eas_sd_level *lv = &pf->levels[l];
		uint32_t *mx = (uint32_t *)lv->span_flags;

		for (s = 0; s < lv->nr_spans; s++) {
			mx[s] = 0;
			for (k = lv->span_start[s]; k < lv->span_start[s + 1u];
			     k++) {
				uint32_t cap =
					(uint32_t)pf->cpus[lv->span_cpus[k]]
						.capacity;

				if (cap > mx[s])
					mx[s] = cap;
			}
		}
	}
	for (i = 0; i < pf->nr_cpus; i++) {
		uint64_t seen = pf->cpus[i].capacity;

		for (l = 0; l < pf->nr_levels; l++) {
			const struct eas_sd_level *lv = &pf->levels[l];
			uint32_t m = lv->span_flags[lv->cpu_span[i]];

			if (m > seen) {
				seen = m;
				if (asym == NO_IDX || l > asym)
					asym = l;
			}
		}
	}
	return asym;
}

/*
 * v6.19 asym_cpu_capacity_classify(): count the distinct capacity values
 * present in the span; >= 2 is ASYM, and FULL when none of the system's
 * values is missing.
 */
static uint32_t asym_classify_v619(const struct eas_platform *pf,
				   const struct eas_sd_level *lv, uint32_t s,
				   uint32_t nr_caps)
{
	uint64_t bm[CAP_WORDS];
	uint32_t k, w, count = 0;

	for (w = 0; w < CAP_WORDS; w++)
		bm[w] = 0;
	for (k = lv->span_start[s]; k < lv->span_start[s + 1u]; k++)
		eas_mask_set(bm, (uint32_t)pf->cpus[lv->span_cpus[k]].capacity);
	for (w = 0; w < CAP_WORDS; w++)
		count += eas__popcount64(bm[w]);
	if (count < 2)
		return 0;
	if (count < nr_caps)
		return EAS_SD_ASYM_CPUCAPACITY;
	return EAS_SD_ASYM_CPUCAPACITY | EAS_SD_ASYM_CPUCAPACITY_FULL;
}

/* Topology flags a level's name stands for (cpu_smt_flags() etc.). */
static uint32_t name_flags(const struct eas_platform *pf, const char *name)
{
	if (name_is(name, "SMT"))
		return EAS_SD_SHARE_CPUCAPACITY | EAS_SD_SHARE_LLC;
	if (name_is(name, "CLS"))
		return pf->kernel == EAS_KERNEL_V5_4 ?
			       EAS_SD_SHARE_LLC :
			       EAS_SD_CLUSTER | EAS_SD_SHARE_LLC;
	if (name_is(name, "MC"))
		return EAS_SD_SHARE_LLC;
	return 0;
}

/*
 * sd_init() of both flavours on the full level list (before degenerate
 * levels are dropped, as the kernel builds every level before
 * cpu_attach_domain() removes some). Returns whether SMT is active
 * (a SHARE_CPUCAPACITY span with >= 2 CPUs: sched_smt_active()).
 */
static bool level_flags(struct eas_platform *pf)
{
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint32_t base, asym = NO_IDX, nr_caps = 0, l, s, k, i;
	bool smt = false;

	base = EAS_SD_BALANCE_NEWIDLE | EAS_SD_BALANCE_EXEC |
	       EAS_SD_BALANCE_FORK | EAS_SD_WAKE_AFFINE | EAS_SD_PREFER_SIBLING;
	if (v54) {
		base |= EAS_SD_LOAD_BALANCE;
		asym = asym_level_v54(pf);
	} else {
		uint64_t bm[CAP_WORDS];
		uint32_t w;

		for (w = 0; w < CAP_WORDS; w++)
			bm[w] = 0;
		for (i = 0; i < pf->nr_cpus; i++)
			eas_mask_set(bm, (uint32_t)pf->cpus[i].capacity);
		for (w = 0; w < CAP_WORDS; w++)
			nr_caps += eas__popcount64(bm[w]);
	}
	for (l = 0; l < pf->nr_levels; l++) {
		struct eas_sd_level *lv = &pf->levels[l];
		uint32_t *fl = (uint32_t *)lv->span_flags;
		uint32_t tf = name_flags(pf, lv->name);

		lv->busy_factor = v54 ? 32u : 16u;
		if (tf & EAS_SD_SHARE_CPUCAPACITY) {
			lv->imbalance_pct = 110;
			lv->cache_nice_tries = 0;
		} else if (tf & EAS_SD_SHARE_LLC) {
			lv->imbalance_pct = 117;
			lv->cache_nice_tries = 1;
		} else {
			lv->imbalance_pct = v54 ? 125u : 117u;
			lv->cache_nice_tries = 1;
		}
		for (s = 0; s < lv->nr_spans; s++) {
			fl[s] = base | tf;
			if (!v54)
				fl[s] |= asym_classify_v619(pf, lv, s, nr_caps);
			else if (l == asym)
				fl[s] |= EAS_SD_ASYM_CPUCAPACITY;
			if ((tf & EAS_SD_SHARE_CPUCAPACITY) &&
			    level_weight(lv, s) > 1)
				smt = true;
		}
		/*
		 * "Don't attempt to spread across CPUs of different
		 * capacities": the child of an asym domain loses
		 * PREFER_SIBLING; v5.4 also sets SD_BALANCE_WAKE on the asym
		 * domain and every lower one.
		 */
		for (s = 0; s < lv->nr_spans && l > 0; s++) {
			struct eas_sd_level *ch = &pf->levels[l - 1u];

			if (!(fl[s] & EAS_SD_ASYM_CPUCAPACITY))
				continue;
			for (k = lv->span_start[s]; k < lv->span_start[s + 1u];
			     k++)
				((uint32_t *)ch->span_flags)
					[ch->cpu_span[lv->span_cpus[k]]] &=
					~EAS_SD_PREFER_SIBLING;
		}
		if (v54 && l == asym) {
			for (k = 0; k <= l; k++) {
				struct eas_sd_level *lk = &pf->levels[k];

				for (s = 0; s < lk->nr_spans; s++)
					((uint32_t *)lk->span_flags)[s] |=
						EAS_SD_BALANCE_WAKE;
			}
		}
	}
	/*
	 * cpu_attach_domain(): a parent with the same span as its child is
	 * degenerate and removed, and its SD_PREFER_SIBLING moves down to
	 * the surviving child (the lowest level with that span).
	 */
	for (l = 1; l < pf->nr_levels; l++) {
		const struct eas_sd_level *lv = &pf->levels[l];

		for (s = 0; s < lv->nr_spans; s++) {
			uint32_t w = level_weight(lv, s);
			uint32_t cpu = lv->span_cpus[lv->span_start[s]];

			if (w < 2 ||
			    !(lv->span_flags[s] & EAS_SD_PREFER_SIBLING))
				continue;
			for (k = 0; k < l; k++) {
				struct eas_sd_level *lk = &pf->levels[k];
				uint32_t ks = lk->cpu_span[cpu];

				if (level_weight(lk, ks) == w) {
					((uint32_t *)lk->span_flags)[ks] |=
						EAS_SD_PREFER_SIBLING;
					break;
				}
			}
		}
	}
	return smt;
}

/*
 * Drop levels degenerate for every CPU: all spans single CPUs, or all
 * equal to the kept level below (spans nest, so "equal" is "same number of
 * spans"). Levels degenerate for only some CPUs stay; eas_sd_lowest() and
 * eas_sd_parent() skip them per CPU.
 */
static void drop_degenerate(struct eas_platform *pf)
{
	uint32_t prev = pf->nr_cpus, l, k = 0;

	for (l = 0; l < pf->nr_levels; l++) {
		if (pf->levels[l].nr_spans >= prev)
			continue;
		prev = pf->levels[l].nr_spans;
		if (k != l)
			pf->levels[k] = pf->levels[l];
		k++;
	}
	pf->nr_levels = k;
}

int32_t eas_sd_lowest(const struct eas_platform *pf, uint32_t cpu)
{
	uint32_t l;

	for (l = 0; l < pf->nr_levels; l++)
		if (eas__sd_weight(pf, l, cpu) > 1)
			return (int32_t)l;
	return -1;
}

int32_t eas_sd_parent(const struct eas_platform *pf, uint32_t cpu,
		      int32_t level)
{
	uint32_t w, l;

	if (level < 0 || (uint32_t)level >= pf->nr_levels)
		return -1;
	w = eas__sd_weight(pf, (uint32_t)level, cpu);
	for (l = (uint32_t)level + 1u; l < pf->nr_levels; l++)
		if (eas__sd_weight(pf, l, cpu) > w)
			return (int32_t)l;
	return -1;
}

/*
 * update_top_cache_domain(): sd_llc = highest_flag_domain(SHARE_LLC) (the
 * walk stops at the first domain without the flag), sd_asym_cpucapacity =
 * lowest_flag_domain(v5.4 ASYM_CPUCAPACITY / v6.19 ASYM_CPUCAPACITY_FULL).
 */
static void per_cpu_domains(struct eas_platform *pf)
{
	uint32_t asym_flag = pf->kernel == EAS_KERNEL_V5_4 ?
				     EAS_SD_ASYM_CPUCAPACITY :
				     EAS_SD_ASYM_CPUCAPACITY_FULL;
	uint32_t i;

	for (i = 0; i < pf->nr_cpus; i++) {
		struct eas_cpu *cpu = &pf->cpus[i];
		bool llc_run = true;
		int32_t l;

		for (l = eas_sd_lowest(pf, i); l >= 0;
		     l = eas_sd_parent(pf, i, l)) {
			uint32_t f = eas_sd_flags(pf, (uint32_t)l, i);

			if (llc_run && (f & EAS_SD_SHARE_LLC)) {
				uint32_t nr;
				const uint32_t *span =
					eas_sd_span(pf, (uint32_t)l, i, &nr);

				cpu->sd_llc = l;
				cpu->sd_llc_size = nr;
				cpu->sd_llc_id = span[0];
			} else {
				llc_run = false;
			}
			if (cpu->sd_asym < 0 && (f & asym_flag))
				cpu->sd_asym = l;
		}
	}
}

/*
 * v5.4 build_perf_domains(): sd_asym_cpucapacity of the first CPU, an EM
 * for every CPU, nr_pd * (nr_cs + nr_cpus) <= EM_MAX_COMPLEXITY.
 * v6.19 sched_is_eas_possible() + build_perf_domains(): some CPU with
 * sd_asym_cpucapacity, no SMT, an EM for every CPU.
 */
static void eas_possible(struct eas_platform *pf, bool smt)
{
	uint64_t nr_cs = 0;
	uint32_t i, p;
	bool asym = false;

	pf->eas_possible = false;
	pf->eas_reason_cpu = 0;
	if (pf->kernel == EAS_KERNEL_V5_4) {
		asym = pf->cpus[0].sd_asym >= 0;
	} else {
		for (i = 0; i < pf->nr_cpus && !asym; i++)
			asym = pf->cpus[i].sd_asym >= 0;
	}
	if (!asym) {
		pf->eas_reason = EAS_OFF_SYMMETRIC;
		return;
	}
	/* v6.19, v7.1 sched_is_eas_possible(): no SMT */
	if (pf->kernel != EAS_KERNEL_V5_4 && smt) {
		pf->eas_reason = EAS_OFF_SMT;
		return;
	}
	for (i = 0; i < pf->nr_cpus; i++) {
		if (!pf->pds[pf->cpus[i].pd].nr_perf_states) {
			pf->eas_reason = EAS_OFF_NO_EM;
			pf->eas_reason_cpu = i;
			return;
		}
	}
	if (pf->kernel == EAS_KERNEL_V5_4) {
		for (p = 0; p < pf->nr_pds; p++)
			nr_cs += pf->pds[p].nr_perf_states;
		if ((uint64_t)pf->nr_pds * (nr_cs + pf->nr_cpus) >
		    EAS_V54_EM_MAX_COMPLEXITY) {
			pf->eas_reason = EAS_OFF_COMPLEXITY;
			return;
		}
	}
	pf->eas_reason = EAS_ON;
	pf->eas_possible = true;
}

static void carve(struct eas_platform *pf, struct ctx *c, unsigned char *m,
		  const struct layout *lo)
{
	uint32_t l;

	pf->cpus = (struct eas_cpu *)(void *)(m + lo->cpus);
	pf->pds = (struct eas_perf_domain *)(void *)(m + lo->pds);
	c->pd_cpus = (uint32_t *)(void *)(m + lo->pd_cpus);
	c->states = (struct eas_perf_state *)(void *)(m + lo->states);
	c->pd_order = (uint32_t *)(void *)(m + lo->pd_order);
	pf->levels = (struct eas_sd_level *)(void *)(m + lo->levels);
	for (l = 0; l < lo->nr_levels; l++) {
		struct eas_sd_level *lv = &pf->levels[l];
		unsigned char *b = m + lo->lvl0 + l * lo->lvl_block;
		size_t a = EAS__ALIGN8((pf->nr_cpus + 1u) * sizeof(uint32_t));
		size_t o = EAS__ALIGN8(pf->nr_cpus * sizeof(uint32_t));

		lv->span_start = (const uint32_t *)(void *)b;
		lv->span_cpus = (const uint32_t *)(void *)(b + a);
		lv->span_flags = (const uint32_t *)(void *)(b + a + o);
		lv->cpu_span = (const uint32_t *)(void *)(b + a + 2u * o);
	}
}

int eas_platform_build_k(struct eas_platform *pf, void *mem, size_t size,
			 const struct eas_platform_desc *desc,
			 const struct eas_flavour *fl, uint32_t opts,
			 struct eas_build_error *where)
{
	struct layout lo;
	struct ctx c;
	bool smt;
	int err;

	if (where) {
		where->err = 0;
		where->cpu = where->pd = where->state = -1;
		where->level = where->span = -1;
	}
	c.where = where;
	if (!pf)
		return fail(&c, EAS_EINVAL, -1, -1, -1, -1, -1);
	eas__zero(pf, sizeof(*pf));
	if (!fl || (unsigned)fl->id >= EAS_KERNEL_COUNT) /* v5.4 .. v7.1 */
		return fail(&c, EAS_EKERNEL, -1, -1, -1, -1, -1);
	if (!mem || ((uintptr_t)mem & 7u) || !platform_layout(desc, &lo))
		return fail(&c, EAS_EINVAL, -1, -1, -1, -1, -1);
	if (size < lo.total)
		return fail(&c, EAS_ENOSPC, -1, -1, -1, -1, -1);

	pf->kernel = fl->id;
	pf->flavour = fl;
	pf->opts = opts;
	pf->nr_cpus = desc->nr_cpus;
	pf->nr_pds = desc->nr_pds;
	pf->nr_levels = lo.nr_levels;
	pf->mask_words = (uint32_t)EAS_MASK_WORDS(desc->nr_cpus);
	c.pf = pf;
	c.d = desc;
	carve(pf, &c, mem, &lo);

	err = build_cpus(&c);
	if (!err)
		err = assign_pds(&c);
	if (!err)
		err = build_pds(&c);
	if (!err)
		err = build_levels(&c);
	if (err) {
		eas__zero(pf, sizeof(*pf));
		return err;
	}
	smt = level_flags(pf);
	drop_degenerate(pf);
	per_cpu_domains(pf);
	eas_possible(pf, smt);
	return EAS_OK;
}
