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
