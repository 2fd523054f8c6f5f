/* SPDX-License-Identifier: MIT */
/* Literal reference of the kernel EM / capacity code: see ref_em.h. */
#include "ref_em.h"

#include <stdlib.h>

#define REF_ULONG_MAX (~(uint64_t)0)

uint64_t ref_opp_power_v54(uint32_t dpc, uint64_t hz, uint64_t u_volt)
{
	uint64_t tmp;
	uint64_t mV;

	mV = u_volt / 1000;
	if (!mV)
		return 0;
	tmp = (uint64_t)dpc * mV * mV * (hz / 1000000);
	tmp = tmp / 1000000000; /* do_div */
	return tmp;
}

uint64_t ref_opp_power_v619(uint32_t dpc, uint64_t hz, uint64_t u_volt)
{
	uint64_t tmp;
	uint64_t mV;

	mV = u_volt / 1000;
	if (!mV)
		return 0;
	tmp = (uint64_t)dpc * mV * mV * (hz / 1000000);
	tmp = tmp / 1000000; /* do_div: micro-Watts */
	return tmp;
}

int ref_em_create_pd_v54(const uint64_t *freq, const uint64_t *power, int n,
			 bool scale_power, uint64_t *cost)
{
	uint64_t prev_freq = 0, fmax;
	int i;

	for (i = 0; i < n; i++) {
		if (freq[i] <= prev_freq)
			return -1;
		if (!power[i] || power[i] > 0xFFFF)
			return -1;
		prev_freq = freq[i];
	}
	fmax = freq[n - 1];
	for (i = 0; i < n; i++) {
		uint64_t p = power[i];

		if (scale_power)
			p = p * 1000;
		cost[i] = (fmax * p) / freq[i];
	}
	return 0;
}

int ref_em_create_perf_table_v619(const uint64_t *freq, const uint64_t *power,
				  int n, uint64_t max_cap, uint64_t *perf,
				  uint64_t *cost, uint64_t *flags)
{
	uint64_t prev_freq = 0, prev_cost = REF_ULONG_MAX, fmax;
	int i;

	for (i = 0; i < n; i++) {
		if (freq[i] <= prev_freq)
			return -1;
		if (!power[i] || power[i] > 64000000)
			return -1;
		prev_freq = freq[i];
	}
	/* em_init_performance() */
	fmax = freq[n - 1];
	for (i = 0; i < n; i++) {
		perf[i] = max_cap * freq[i];
		perf[i] = perf[i] / fmax;
	}
	/* em_compute_costs() */
	for (i = n - 1; i >= 0; i--) {
		uint64_t power_res;

		if (!perf[i])
			return -1;
		power_res = power[i] * 10;
		cost[i] = power_res / perf[i];
		if (cost[i] >= prev_cost) {
			flags[i] = EAS_PERF_STATE_INEFFICIENT;
		} else {
			flags[i] = 0;
			prev_cost = cost[i];
		}
	}
	return 0;
}

uint64_t ref_em_pd_energy_v54(const struct eas_perf_domain *pd,
			      uint64_t max_util, uint64_t sum_util)
{
	uint64_t freq, scale_cpu;
	const struct eas_perf_state *cs = NULL;
	int i;

	scale_cpu = pd->capacity;
	cs = &pd->table[pd->nr_perf_states - 1];
	freq = (cs->frequency + (cs->frequency >> 2)) * max_util / scale_cpu;
	for (i = 0; i < (int)pd->nr_perf_states; i++) {
		cs = &pd->table[i];
		if (cs->frequency >= freq)
			break;
	}
	return cs->cost * sum_util / scale_cpu;
}

int ref_em_pd_get_efficient_state_v619(const struct eas_perf_domain *pd,
				       uint64_t max_util)
{
	uint64_t pd_flags = pd->flags;
	int min_ps = (int)pd->min_perf_state;
	int max_ps = (int)pd->max_perf_state;
	int i;

	for (i = min_ps; i <= max_ps; i++) {
		const struct eas_perf_state *ps = &pd->table[i];

		if (ps->performance >= max_util) {
			if ((pd_flags & EAS_PD_SKIP_INEFFICIENCIES) &&
			    (ps->flags & EAS_PERF_STATE_INEFFICIENT))
				continue;
			return i;
		}
	}
	return max_ps;
}

uint64_t ref_em_cpu_energy_v619(const struct eas_perf_domain *pd,
				uint64_t max_util, uint64_t sum_util,
				uint64_t allowed_cpu_cap)
{
	const struct eas_perf_state *ps;
	int i;

	if (!sum_util)
		return 0;
	max_util = max_util < allowed_cpu_cap ? max_util : allowed_cpu_cap;
	i = ref_em_pd_get_efficient_state_v619(pd, max_util);
	ps = &pd->table[i];
	return ps->cost * sum_util;
}

void ref_capacity_v54(int n, const uint32_t *dmips, const uint64_t *max_khz,
		      uint64_t *cap)
{
	/* the kernel's file-scope state: u32 */
	uint32_t capacity_scale = 0;
	uint32_t *raw_capacity = calloc((size_t)n, sizeof(uint32_t));
	uint64_t *cpu_scale = cap;
	bool cap_parsing_failed = false;
	int cpu;

	for (cpu = 0; cpu < n; cpu++)
		cpu_scale[cpu] = 1024; /* SCHED_CAPACITY_SCALE default */
	/* topology_parse_cpu_capacity() for every CPU node */
	for (cpu = 0; cpu < n; cpu++) {
		if (dmips[cpu]) {
			if (dmips[cpu] > capacity_scale)
				capacity_scale = dmips[cpu];
			raw_capacity[cpu] = dmips[cpu];
		} else {
			cap_parsing_failed = true;
			break;
		}
	}
	if (cap_parsing_failed) {
		free(raw_capacity);
		return;
	}
	/* topology_normalize_cpu_scale() at boot */
	for (cpu = 0; cpu < n; cpu++) {
		uint64_t capacity;

		capacity = (uint32_t)(raw_capacity[cpu] << 10) / capacity_scale;
		cpu_scale[cpu] = capacity;
	}
	/* init_cpu_capacity_callback(), once per policy (all CPUs) */
	for (cpu = 0; cpu < n; cpu++) {
		raw_capacity[cpu] =
			(uint32_t)(cpu_scale[cpu] * max_khz[cpu] / 1000UL);
		if (raw_capacity[cpu] > capacity_scale)
			capacity_scale = raw_capacity[cpu];
	}
	/* topology_normalize_cpu_scale() once every policy was seen */
	for (cpu = 0; cpu < n; cpu++) {
		uint64_t capacity;

		capacity = (uint32_t)(raw_capacity[cpu] << 10) / capacity_scale;
		cpu_scale[cpu] = capacity;
	}
	free(raw_capacity);
}

void ref_capacity_v619(int n, const uint32_t *dmips, const uint64_t *max_khz,
		       uint64_t *cap)
{
	uint64_t capacity, capacity_scale;
	int cpu;

	for (cpu = 0; cpu < n; cpu++) {
		cap[cpu] = 1024;
		if (!dmips[cpu])
			return; /* partial information: all 1024 */
	}
	capacity_scale = 1;
	for (cpu = 0; cpu < n; cpu++) {
		capacity = (uint64_t)dmips[cpu] *
			   (max_khz[cpu] ? max_khz[cpu] : 1);
		if (capacity > capacity_scale)
			capacity_scale = capacity;
	}
	for (cpu = 0; cpu < n; cpu++) {
		capacity = (uint64_t)dmips[cpu] *
			   (max_khz[cpu] ? max_khz[cpu] : 1);
		capacity = (capacity << 10) / capacity_scale;
		cap[cpu] = capacity;
	}
}

/* ---- sched-domain topology ------------------------------------------- */

#include <string.h>

struct ref_sd {
	uint64_t span;
	uint32_t flags, imbalance_pct, cache_nice_tries, busy_factor;
	int level;	   /* topology level it was built from */
	int parent, child; /* indices in the CPU's dom[] array, -1 */
	int gchild;	   /* child at build time: its spans are the
				 * sched groups (build_sched_groups()) */
};

static uint32_t ref_weight(uint64_t m)
{
	uint32_t w = 0;

	for (; m; m &= m - 1)
		w++;
	return w;
}

/* v5.4 asym_cpu_capacity_level(), with its loop as written */
static int ref_asym_level_v54(uint32_t n, const uint64_t *cap,
			      uint32_t nr_levels,
			      const uint64_t mask[][REF_TOPO_MAX_CPUS])
{
	int asym_level = 0, asym_tl = -1;
	bool asym = false;
	uint64_t c0 = cap[0];
	uint32_t i, j;

	for (i = 0; i < n; i++) {
		if (cap[i] != c0) {
			asym = true;
			break;
		}
	}
	if (!asym)
		return -1;
	for (i = 0; i < n; i++) {
		uint64_t max_capacity = cap[i];
		int tl_id = 0;
		uint32_t tl;

		for (tl = 0; tl < nr_levels; tl++) {
			if (tl_id < asym_level)
				goto next_level;
			for (j = 0; j < n; j++) {
				if (!(mask[tl][i] >> j & 1))
					continue;
				if (cap[j] <= max_capacity)
					continue;
				max_capacity = cap[j];
				asym_level = tl_id;
				asym_tl = (int)tl;
			}
next_level:
			tl_id++;
		}
	}
	return asym_tl;
}

/* v6.19 asym_cpu_capacity_classify() */
static uint32_t ref_classify_v619(uint32_t n, const uint64_t *cap,
				  uint64_t span)
{
	uint64_t list[REF_TOPO_MAX_CPUS];
	uint32_t nr = 0, i, j;
	int count = 0, miss = 0;

	/* asym_cap_list: one entry per distinct capacity */
	for (i = 0; i < n; i++) {
		for (j = 0; j < nr; j++)
			if (list[j] == cap[i])
				break;
		if (j == nr)
			list[nr++] = cap[i];
	}
	for (j = 0; j < nr; j++) {
		bool in_span = false;

		for (i = 0; i < n; i++)
			if ((span >> i & 1) && cap[i] == list[j])
				in_span = true;
		if (in_span)
			++count;
		else
			++miss; /* every entry intersects cpu_map */
	}
	if (count < 2)
		return 0;
	if (miss)
		return EAS_SD_ASYM_CPUCAPACITY;
	return EAS_SD_ASYM_CPUCAPACITY | EAS_SD_ASYM_CPUCAPACITY_FULL;
}

static uint32_t ref_name_flags(enum eas_kernel k, const char *name)
{
	if (!strcmp(name, "SMT"))
		return EAS_SD_SHARE_CPUCAPACITY | EAS_SD_SHARE_LLC;
	if (!strcmp(name, "CLS"))
		return k == EAS_KERNEL_V5_4 ? EAS_SD_SHARE_LLC :
					      EAS_SD_CLUSTER | EAS_SD_SHARE_LLC;
	if (!strcmp(name, "MC"))
		return EAS_SD_SHARE_LLC;
	return 0;
}

/* sched groups of a domain: the child's spans inside it (CPUs at the
 * bottom level) */
static uint32_t ref_nr_groups(const struct ref_sd *dom, int s, uint32_t n,
			      const uint64_t mask[][REF_TOPO_MAX_CPUS])
{
	uint64_t seen = 0;
	uint32_t groups = 0, j;

	if (dom[s].gchild < 0)
		return ref_weight(dom[s].span);
	for (j = 0; j < n; j++) {
		if (!(dom[s].span >> j & 1) || (seen >> j & 1))
			continue;
		seen |= mask[dom[dom[s].gchild].level][j];
		groups++;
	}
	return groups;
}

static uint32_t ref_groups_mask(enum eas_kernel k)
{
	if (k == EAS_KERNEL_V5_4)
		/* v5.4 sd_degenerate() / sd_parent_degenerate() lists */
		return EAS_SD_LOAD_BALANCE | EAS_SD_BALANCE_NEWIDLE |
		       EAS_SD_BALANCE_FORK | EAS_SD_BALANCE_EXEC |
		       EAS_SD_SHARE_CPUCAPACITY | EAS_SD_ASYM_CPUCAPACITY |
		       EAS_SD_SHARE_LLC | EAS_SD_PREFER_SIBLING |
		       EAS_SD_SERIALIZE;
	/* v6.19 SD_DEGENERATE_GROUPS_MASK: every SDF_NEEDS_GROUPS flag,
	 * i.e. all but SD_WAKE_AFFINE */
	return ~(uint32_t)EAS_SD_WAKE_AFFINE;
}

static int ref_sd_degenerate(enum eas_kernel k, const struct ref_sd *dom, int s,
			     uint32_t n,
			     const uint64_t mask[][REF_TOPO_MAX_CPUS])
{
	uint32_t need = ref_groups_mask(k);

	if (k == EAS_KERNEL_V5_4)
		need &= ~(uint32_t)(EAS_SD_PREFER_SIBLING | EAS_SD_SERIALIZE);
	if (ref_weight(dom[s].span) == 1)
		return 1;
	if ((dom[s].flags & need) && ref_nr_groups(dom, s, n, mask) > 1)
		return 0;
	if (dom[s].flags & EAS_SD_WAKE_AFFINE)
		return 0;
	return 1;
}

static int ref_sd_parent_degenerate(enum eas_kernel k, const struct ref_sd *dom,
				    int s, int p, uint32_t n,
				    const uint64_t mask[][REF_TOPO_MAX_CPUS])
{
	uint32_t cflags = dom[s].flags, pflags = dom[p].flags;

	if (ref_sd_degenerate(k, dom, p, n, mask))
		return 1;
	if (dom[s].span != dom[p].span)
		return 0;
	if (ref_nr_groups(dom, p, n, mask) == 1)
		pflags &= ~ref_groups_mask(k);
	if (~cflags & pflags)
		return 0;
	return 1;
}

void ref_build_sched_domains(enum eas_kernel k, uint32_t n, const uint64_t *cap,
			     uint32_t nr_levels, const char *const *names,
			     const uint64_t mask[][REF_TOPO_MAX_CPUS],
			     struct ref_topo *out)
{
	uint64_t all = n == 64 ? ~(uint64_t)0 : (((uint64_t)1 << n) - 1);
	int asym_tl = -1;
	uint32_t i, l;

	memset(out, 0, sizeof(*out));
	if (k == EAS_KERNEL_V5_4)
		asym_tl = ref_asym_level_v54(n, cap, nr_levels, mask);
	for (i = 0; i < n; i++)
		for (l = 0; l < nr_levels; l++)
			if ((ref_name_flags(k, names[l]) &
			     EAS_SD_SHARE_CPUCAPACITY) &&
			    ref_weight(mask[l][i]) > 1)
				out->smt_active = true;

	for (i = 0; i < n; i++) {
		struct ref_sd dom[REF_TOPO_MAX_LEVELS];
		struct ref_topo_cpu *o = &out->cpu[i];
		int nb = 0, sd = -1, tmp, s;

		/* build_sched_domains(): for_each_sd_topology(tl) */
		for (l = 0; l < nr_levels; l++) {
			struct ref_sd *d = &dom[nb];
			uint32_t sd_flags = ref_name_flags(k, names[l]);

			d->span = mask[l][i] & all;
			d->level = (int)l;
			d->child = sd;
			d->gchild = sd;
			d->parent = -1;
			if (sd >= 0)
				dom[sd].parent = nb;
			if (k == EAS_KERNEL_V5_4) {
				if ((int)l == asym_tl)
					sd_flags |= EAS_SD_ASYM_CPUCAPACITY;
				d->busy_factor = 32;
				d->imbalance_pct = 125;
				d->flags = EAS_SD_LOAD_BALANCE;
			} else {
				sd_flags |= ref_classify_v619(n, cap, d->span);
				d->busy_factor = 16;
				d->imbalance_pct = 117;
				d->flags = 0;
			}
			d->cache_nice_tries = 0;
			d->flags |= EAS_SD_BALANCE_NEWIDLE |
				    EAS_SD_BALANCE_EXEC | EAS_SD_BALANCE_FORK |
				    EAS_SD_WAKE_AFFINE | EAS_SD_PREFER_SIBLING |
				    sd_flags;
			if (d->flags & EAS_SD_ASYM_CPUCAPACITY) {
				if (d->child >= 0)
					dom[d->child].flags &= ~(
						uint32_t)EAS_SD_PREFER_SIBLING;
				if (k == EAS_KERNEL_V5_4)
					for (tmp = nb; tmp >= 0;
					     tmp = dom[tmp].child)
						dom[tmp].flags |=
							EAS_SD_BALANCE_WAKE;
			}
			if (d->flags & EAS_SD_SHARE_CPUCAPACITY) {
				d->imbalance_pct = 110;
			} else if (d->flags & EAS_SD_SHARE_LLC) {
				d->imbalance_pct = 117;
				d->cache_nice_tries = 1;
			} else {
				d->cache_nice_tries = 1;
			}
			sd = nb++;
			if (d->span == all)
				break;
		}

		/* cpu_attach_domain(): remove the degenerate domains */
		for (tmp = nb ? 0 : -1; tmp >= 0;) {
			int parent = dom[tmp].parent;

			if (parent < 0)
				break;
			if (ref_sd_parent_degenerate(k, dom, tmp, parent, n,
						     mask)) {
				dom[tmp].parent = dom[parent].parent;
				if (dom[parent].parent >= 0)
					dom[dom[parent].parent].child = tmp;
				if (dom[parent].flags & EAS_SD_PREFER_SIBLING)
					dom[tmp].flags |= EAS_SD_PREFER_SIBLING;
			} else {
				tmp = parent;
			}
		}
		sd = nb ? 0 : -1;
		if (sd >= 0 && ref_sd_degenerate(k, dom, sd, n, mask)) {
			sd = dom[sd].parent;
			if (sd >= 0)
				dom[sd].child = -1;
		}

		/* the chain, and update_top_cache_domain() */
		o->llc = -1;
		o->asym = -1;
		for (s = sd; s >= 0; s = dom[s].parent) {
			uint32_t f = dom[s].flags;
			uint32_t asym_flag =
				k == EAS_KERNEL_V5_4 ?
					EAS_SD_ASYM_CPUCAPACITY :
					EAS_SD_ASYM_CPUCAPACITY_FULL;

			o->span[o->nr] = dom[s].span;
			o->flags[o->nr] = f;
			o->imbalance_pct[o->nr] = dom[s].imbalance_pct;
			o->cache_nice_tries[o->nr] = dom[s].cache_nice_tries;
			o->busy_factor[o->nr] = dom[s].busy_factor;
			if (o->asym < 0 && (f & asym_flag))
				o->asym = (int)o->nr;
			o->nr++;
		}
		/* highest_flag_domain(SHARE_LLC): stops at the first miss */
		for (s = 0; s < (int)o->nr; s++) {
			if (!(o->flags[s] & EAS_SD_SHARE_LLC))
				break;
			o->llc = s;
		}
	}
}
