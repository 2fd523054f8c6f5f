/* SPDX-License-Identifier: MIT */
/*
 * Energy model of both kernel flavours (kernel-eas.md §1-2).
 *
 * Semantics mirrored (no kernel text copied):
 *   v5.4  drivers/opp/of.c:_get_cpu_power(), kernel/power/energy_model.c:
 *         em_create_pd(), include/linux/energy_model.h:em_pd_energy(),
 *         include/linux/sched/cpufreq.h:map_util_freq().
 *   v6.19 drivers/opp/of.c:dev_pm_opp_calc_power(), energy_model.c:
 *         em_create_perf_table(), em_init_performance(), em_compute_costs(),
 *         em_update_performance_limits(), energy_model.h:
 *         em_pd_get_efficient_state(), em_cpu_energy().
 *
 * Every "unsigned long" of the kernel is uint64_t here (64-bit kernels);
 * products wrap modulo 2^64 exactly where the kernel's would.
 *
 * The kernel looks states up with linear scans. Here the lookups are
 * binary searches (the frequency / performance columns are monotone) plus a
 * precomputed next_efficient index; tests/unit/test_em.c checks them
 * against the literal scans of tests/oracle/ref_em.c on random tables.
 */
#include "internal.h"

uint64_t eas_opp_power(enum eas_kernel k, uint64_t dpc, uint64_t hz,
		       uint64_t microvolt)
{
	uint64_t mv = microvolt / 1000u;
	uint64_t tmp;

	/* of.c: "mV = u_volt / 1000; if (!mV) return -EINVAL" */
	if (!mv)
		return 0;
	/* (u64)C * mV * mV * (Hz / 1000000), left to right, wrapping */
	tmp = dpc * mv * mv * (hz / 1000000u);
	if (k == EAS_KERNEL_V5_4)
		return tmp / 1000000000u; /* v5.4 _get_cpu_power(): mW */
	return tmp / 1000000u; /* v6.19 dev_pm_opp_calc_power(): uW */
}

/* v5.4 em_create_pd(): cost = div64_u64(fmax * power, freq). */
static void em_costs_v54(uint32_t opts, struct eas_perf_state *table,
			 uint32_t n)
{
	uint64_t fmax = table[n - 1].frequency_khz;
	uint32_t i;

	for (i = 0; i < n; i++) {
		uint64_t p = table[i].power;

		/* 5.4.y / 64-bit em_scale_power(): p * 1000 */
		if (opts & EAS_OPT_V54_EM_SCALE_POWER)
			p *= 1000u;
		table[i].performance = 0;
		table[i].cost = fmax * p / table[i].frequency_khz;
		table[i].flags = 0;
		table[i].next_efficient = i; /* v5.4 has no inefficiency */
		table[i].reserved_ = 0;
	}
}

/*
 * v6.19 em_init_performance() + em_compute_costs() (non-artificial):
 * perf = div64_u64(max_cap * freq, fmax) with fmax the highest (last) EM
 * frequency; then from the top down, cost = power * 10 / perf, a state is
 * INEFFICIENT iff cost >= prev_cost where prev_cost starts at ULONG_MAX and
 * is only lowered by efficient states.
 */
static int em_costs_v619(struct eas_perf_state *table, uint32_t n,
			 uint64_t max_cap, uint32_t *bad_state)
{
	uint64_t fmax = table[n - 1].frequency_khz;
	uint64_t prev_cost = EAS__U64_MAX;
	uint32_t next = n;
	uint32_t i;

	for (i = 0; i < n; i++) {
		table[i].performance = max_cap * table[i].frequency_khz / fmax;
		if (!table[i].performance) {
			if (bad_state)
				*bad_state = i;
			return EAS_EPERF;
		}
	}
	for (i = n; i-- > 0;) {
		uint64_t cost = table[i].power * 10u / table[i].performance;

		table[i].cost = cost;
		table[i].reserved_ = 0;
		if (cost >= prev_cost) {
			table[i].flags = EAS_PERF_STATE_INEFFICIENT;
		} else {
			table[i].flags = 0;
			prev_cost = cost;
			next = i;
		}
		table[i].next_efficient = next;
	}
	return EAS_OK;
}

int eas_em_table_init(enum eas_kernel k, uint32_t opts,
		      struct eas_perf_state *table, uint32_t n,
		      uint64_t max_cap, uint32_t *bad_state)
{
	uint64_t max_power;
	uint64_t prev_freq = 0;
	uint32_t i;

	if ((unsigned)k >= EAS_KERNEL_COUNT) /* v5.4, v6.19, v7.1 */
		return EAS_EKERNEL;
	if (!table)
		return EAS_EINVAL;
	if (!n)
		return EAS_ENOSTATES;
	max_power = k == EAS_KERNEL_V5_4 ? EAS_V54_EM_MAX_POWER_MW :
					   EAS_V619_EM_MAX_POWER_UW;
	/*
	 * em_create_pd() / em_create_perf_table(): the callback loop starts
	 * at freq 0 and rejects "freq <= prev_freq", power 0 and power above
	 * EM_CPU_MAX_POWER (v5.4) / EM_MAX_POWER (v6.19).
	 */
	for (i = 0; i < n; i++) {
		if (table[i].frequency_khz <= prev_freq) {
			if (bad_state)
				*bad_state = i;
			return EAS_EFREQ;
		}
		if (!table[i].power || table[i].power > max_power) {
			if (bad_state)
				*bad_state = i;
			return EAS_EPOWER;
		}
		prev_freq = table[i].frequency_khz;
	}
	if (k == EAS_KERNEL_V5_4) {
		em_costs_v54(opts, table, n);
		return EAS_OK;
	}
	return em_costs_v619(table, n, max_cap, bad_state);
}

/* the cap state v5.4 em_pd_energy() picks for max_util (n >= 1) */
static inline uint32_t v54_pd_state(const struct eas_perf_domain *pd,
				    uint64_t max_util)
{
	const struct eas_perf_state *t = pd->table;
	uint64_t fmax, freq;
	uint32_t lo, hi;

	/* map_util_freq(): (freq + (freq >> 2)) * util / cap */
	fmax = t[pd->nr_perf_states - 1].frequency_khz;
	freq = (fmax + (fmax >> 2)) * max_util / pd->capacity;
	/*
	 * First state with frequency >= freq, else the last one: the kernel
	 * scans linearly; frequencies are strictly increasing, so a binary
	 * search over [0, n-1) finds the same index.
	 */
	lo = 0;
	hi = pd->nr_perf_states - 1;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2u;

		if (t[mid].frequency_khz >= freq)
			hi = mid;
		else
			lo = mid + 1u;
	}
	return lo;
}

uint32_t eas_em_pd_state(const struct eas_perf_domain *pd, uint64_t max_util)
{
	if (!pd || !pd->nr_perf_states || !pd->capacity)
		return 0;
	return v54_pd_state(pd, max_util);
}

uint64_t eas_em_pd_energy(const struct eas_perf_domain *pd, uint64_t max_util,
			  uint64_t sum_util)
{
	uint64_t scale_cpu = pd->capacity;

	if (EAS_NEVER(!pd->nr_perf_states || !scale_cpu))
		return 0;
	return pd->table[v54_pd_state(pd, max_util)].cost * sum_util /
	       scale_cpu;
}

uint32_t eas__em_efficient_state(const struct eas_perf_state *table,
				 uint32_t min_ps, uint32_t max_ps, bool skip,
				 uint64_t max_util)
{
	uint32_t lo = min_ps, hi = max_ps + 1u, i;

	/*
	 * performance is non-decreasing in the index (perf = cap * f / fmax
	 * with f strictly increasing), so the first state with
	 * performance >= max_util is found by binary search.
	 */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2u;

		if (table[mid].performance >= max_util)
			hi = mid;
		else
			lo = mid + 1u;
	}
	if (lo > max_ps)
		return max_ps;
	if (!skip)
		return lo;
	/*
	 * The kernel's loop continues past inefficient states; every state
	 * after lo also has performance >= max_util, so the answer is the
	 * next efficient state if it is still within the limits.
	 */
	i = table[lo].next_efficient;
	return i <= max_ps ? i : max_ps;
}

uint32_t eas_em_pd_get_efficient_state(const struct eas_perf_domain *pd,
				       uint64_t max_util)
{
	if (EAS_NEVER(!pd->nr_perf_states))
		return 0;
	return eas__em_efficient_state(
		pd->table, pd->min_perf_state, pd->max_perf_state,
		(pd->flags & EAS_PD_SKIP_INEFFICIENCIES) != 0, max_util);
}

uint64_t eas_em_cpu_energy(const struct eas_perf_domain *pd, uint64_t max_util,
			   uint64_t sum_util, uint64_t allowed_cpu_cap)
{
	uint32_t i;

	/* "It is possible that the sum_util is 0": no energy */
	if (!sum_util || EAS_NEVER(!pd->nr_perf_states))
		return 0;
	/* thermal / HW / cpufreq pressure cap */
	max_util = eas__min_u64(max_util, allowed_cpu_cap);
	i = eas_em_pd_get_efficient_state(pd, max_util);
	return pd->table[i].cost * sum_util;
}

int eas_em_update_performance_limits(struct eas_perf_domain *pd,
				     uint64_t fmin_khz, uint64_t fmax_khz)
{
	int64_t min_ps = -1, max_ps = -1;
	uint32_t i;

	if (!pd)
		return EAS_EINVAL;
	for (i = 0; i < pd->nr_perf_states; i++) {
		if (pd->table[i].frequency_khz == fmin_khz)
			min_ps = i;
		if (pd->table[i].frequency_khz == fmax_khz)
			max_ps = i;
	}
	/* "Only update when both are found and sane" */
	if (min_ps < 0 || max_ps < 0 || max_ps < min_ps)
		return EAS_ELIMITS;
	pd->min_perf_state = (uint32_t)min_ps;
	pd->max_perf_state = (uint32_t)max_ps;
	return EAS_OK;
}
