/* SPDX-License-Identifier: MIT */
/*
 * Platform = CPUs + capacities + perf domains (energy model) + sched-domain
 * topology, built once for one kernel flavour and then only read.
 *
 * Memory is owned by the caller: eas_platform_size() (exact) or
 * EAS_PLATFORM_SIZE() (upper bound usable in a static array declaration)
 * tells how many bytes eas_platform_build() needs; the built
 * struct eas_platform points into that buffer. Nothing is allocated and
 * nothing global is written. There is no compile-time CPU limit.
 *
 * Kernel counterparts: drivers/base/arch_topology.c
 * (topology_normalize_cpu_scale), kernel/power/energy_model.c (registration),
 * kernel/sched/topology.c (sd_init, asym capacity, degenerate domains,
 * build_perf_domains / sched_is_eas_possible, update_top_cache_domain).
 */
#ifndef LIBEAS_PLATFORM_H
#define LIBEAS_PLATFORM_H

#include <libeas/common.h>
#include <libeas/em.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------- */
/* Description (input): what a platform file or firmware table says.      */
/* ---------------------------------------------------------------------- */

/*
 * Every input struct below is zero-means-default: a zeroed description is
 * the quiet default (capacities derived or 1024, no SMT, default levels).
 */
struct eas_cpu_desc {
	uint32_t capacity_dmips_mhz; /* 0 = not given */
	uint32_t capacity;	     /* final capacity 1..1024; 0 = derive */
	/* SMT sibling group: 0 = no SMT (default); CPUs with the same value
	 * > 0 are SMT siblings; < 0 is refused (EAS_EINVAL). */
	int32_t smt;
};

/*
 * Devicetree-style OPP. microvolt feeds the dynamic-power-coefficient path
 * (both flavours); microwatt is opp-microwatt, used by v6.19 instead when
 * the lowest OPP has one (v5.4 ignores it).
 */
struct eas_opp_desc {
	uint64_t hz;
	uint64_t microvolt; /* target voltage (first cell) */
	uint64_t microwatt; /* opp-microwatt (v6.19 _get_dt_power path) */
	bool turbo;	    /* in the EM, not in cpuinfo.max_freq */
};

/* Energy-model-style state. Exactly one of power_uw / power_mw non-zero. */
struct eas_state_desc {
	uint64_t frequency_khz;
	uint64_t power_uw;
	uint64_t power_mw;
};

struct eas_pd_desc {
	uint32_t nr_cpus;
	const uint32_t *cpus;
	/* Either OPPs (+ dynamic_power_coefficient unless every OPP has
	 * microwatt) or states. An OPP domain with dpc 0 and no microwatt has
	 * no energy model (the kernel does not register one). */
	uint32_t dynamic_power_coefficient; /* uW/MHz/V^2 */
	uint32_t nr_opps;
	const struct eas_opp_desc *opps;
	uint32_t nr_states;
	const struct eas_state_desc *states;
	/* v6.19: cpufreq cannot skip inefficient states, so the domain never
	 * gets EM_PERF_DOMAIN_SKIP_INEFFICIENCIES. false (the default) is the
	 * usual case: em_cpufreq_update_efficiencies() marks them in the
	 * cpufreq table and EAS skips them (JSON "skip_inefficiencies": true,
	 * its default). */
	bool no_skip_inefficiencies;
};

/* One sched-domain level, bottom-up. Spans are given as lists of CPUs. */
struct eas_level_desc {
	const char *name; /* "SMT", "CLS", "MC", "PKG" (or "DIE") */
	uint32_t nr_spans;
	const uint32_t *span_len;  /* nr_spans lengths */
	const uint32_t *span_cpus; /* concatenated CPU lists */
};

struct eas_platform_desc {
	uint32_t nr_cpus;
	const struct eas_cpu_desc *cpus; /* index = CPU id */
	uint32_t nr_pds;
	const struct eas_pd_desc *pds;
	/* Optional clusters (default: one per perf domain): the MC level. */
	uint32_t nr_clusters;
	const uint32_t *cluster_len;
	const uint32_t *cluster_cpus;
	/* Optional explicit sched-domain levels (default: [SMT,] MC, PKG). */
	uint32_t nr_levels;
	const struct eas_level_desc *levels;
};

/* ---------------------------------------------------------------------- */
/* Built platform (output)                                                 */
/* ---------------------------------------------------------------------- */

/* Sched-domain flags. libeas's own bit values; names follow the kernel. */
#define EAS_SD_BALANCE_NEWIDLE (1u << 0)
#define EAS_SD_BALANCE_EXEC (1u << 1)
#define EAS_SD_BALANCE_FORK (1u << 2)
#define EAS_SD_BALANCE_WAKE (1u << 3)
#define EAS_SD_WAKE_AFFINE (1u << 4)
#define EAS_SD_ASYM_CPUCAPACITY (1u << 5)
#define EAS_SD_ASYM_CPUCAPACITY_FULL (1u << 6) /* v6.19 */
#define EAS_SD_SHARE_CPUCAPACITY (1u << 7)     /* SMT */
#define EAS_SD_CLUSTER (1u << 8)
#define EAS_SD_SHARE_LLC (1u << 9) /* v5.4 SD_SHARE_PKG_RESOURCES */
#define EAS_SD_SERIALIZE (1u << 10)
#define EAS_SD_ASYM_PACKING (1u << 11)
#define EAS_SD_PREFER_SIBLING (1u << 12)
#define EAS_SD_LOAD_BALANCE (1u << 13) /* v5.4 only */
#define EAS_SD_NUMA (1u << 14)

struct eas_cpu {
	uint64_t capacity;		/* arch_scale_cpu_capacity() */
	uint64_t capacity_freq_ref_khz; /* cpuinfo.max_freq of its policy */
	uint32_t capacity_dmips_mhz;
	uint32_t pd;	      /* perf domain index (file order) */
	int32_t smt;	      /* SMT sibling group as described, 0 none */
	int32_t sd_llc;	      /* level index of sd_llc, -1 none */
	int32_t sd_asym;      /* level of sd_asym_cpucapacity, -1 none */
	uint32_t sd_llc_size; /* weight of sd_llc span, 1 if none */
	uint32_t sd_llc_id;   /* first CPU of sd_llc span (cpu if none) */
	uint32_t reserved_;
};

struct eas_sd_level {
	char name[8];
	uint32_t nr_spans;
	uint32_t imbalance_pct;	    /* sd_init() per flavour */
	uint32_t cache_nice_tries;  /* sd_init() */
	uint32_t busy_factor;	    /* sd_init() per flavour */
	const uint32_t *span_start; /* nr_spans + 1 offsets into span_cpus */
	const uint32_t *span_cpus;  /* CPUs of each span, ascending */
	const uint32_t *span_flags; /* EAS_SD_* of each domain instance */
	const uint32_t *cpu_span;   /* [nr_cpus] span index of each CPU */
};

/* Why energy-aware scheduling may not run (eas_platform.eas_reason). */
enum eas_off_reason {
	EAS_ON = 0,
	EAS_OFF_SYMMETRIC = 1,	/* no asymmetric-capacity domain */
	EAS_OFF_SMT = 2,	/* v6.19: SMT present */
	EAS_OFF_NO_EM = 3,	/* some CPU has no energy model */
	EAS_OFF_COMPLEXITY = 4, /* v5.4: nr_pd*(nr_cs+nr_cpus) > 2048 */
};
/* Short stable name: "symmetric", "smt", "no_energy_model", "complexity". */
EAS_API const char *eas_off_reason_name(enum eas_off_reason r);

struct eas_platform {
	enum eas_kernel kernel;
	uint32_t opts; /* enum eas_kernel_opt */
	uint32_t nr_cpus;
	uint32_t nr_pds;
	uint32_t nr_levels;  /* after dropping degenerate levels */
	uint32_t mask_words; /* EAS_MASK_WORDS(nr_cpus) */
	struct eas_cpu *cpus;
	struct eas_perf_domain *pds; /* file order */
	/* rd->pd list order: build_perf_domains() prepends, so descending
	 * first CPU. pd_order[i] is an index into pds. */
	const uint32_t *pd_order;
	struct eas_sd_level *levels; /* bottom-up */
	uint64_t max_cpu_capacity;   /* rd->max_cpu_capacity */
	uint32_t nr_perf_states;     /* total over all domains */
	bool eas_possible;
	enum eas_off_reason eas_reason;
	uint32_t eas_reason_cpu; /* for EAS_OFF_NO_EM: the first such CPU */
	/* the flavour object the platform was built with (kernel ==
	 * flavour->id); every decision dispatches through it */
	const struct eas_flavour *flavour;
};

/*
 * Where eas_platform_build() failed (all fields -1 when not applicable).
 */
struct eas_build_error {
	int err;
	int32_t cpu;
	int32_t pd;
	int32_t state; /* OPP / state index inside pd */
	int32_t level;
	int32_t span;
};

/* Exact bytes eas_platform_build() needs for this description, the same
 * for both flavours (0 if the description is structurally unusable, e.g.
 * NULL arrays, or its size does not fit in size_t). */
EAS_API size_t eas_platform_size(const struct eas_platform_desc *desc);

/* Upper bound of eas_platform_size() for any description with at most
 * these counts (levels counts explicit levels, or 3 for the default;
 * states counts OPPs/states over all domains). It covers, per CPU, 48 bytes
 * of struct eas_cpu + 4 of domain CPU list; per domain 56 + 4; per state
 * 48; per level 56 + 16 per CPU + 4, plus 8-byte alignment of each array
 * (test_platform checks it against the exact size on random shapes). */
#define EAS_PLATFORM_SIZE(nr_cpus, nr_pds, nr_states, nr_levels)               \
	(64u + (size_t)(nr_cpus)*64u + (size_t)(nr_pds)*96u +                  \
	 (size_t)(nr_states)*48u +                                             \
	 (size_t)(nr_levels) * (64u + 16u * (size_t)(nr_cpus) + 16u))

/*
 * Validate desc and build the platform for kernel k into mem[0..size).
 * mem must be 8-byte aligned. On failure returns a negative EAS_E* code,
 * fills *where (may be NULL) and leaves *pf zeroed: nothing half-built.
 * Validation as the kernel's registration: each CPU in exactly one perf
 * domain (EAS_EPDEXIST, EAS_ENOPD; id out of range or twice in one domain
 * EAS_ECPU), equal capacities inside a domain (EAS_ECAPACITY), capacity
 * above 1024 or deriving to 0 (EAS_ERANGE), frequencies strictly increasing
 * (EAS_EFREQ), power 0 or above the flavour's maximum (EAS_EPOWER), an OPP
 * without voltage when the dpc path is used (EAS_ENOVOLT), v6.19
 * performance 0 (EAS_EPERF), v6.19 at most 4096 CPUs per domain
 * (EAS_ETOOMANY), spans that partition the CPUs and nest level over level
 * (EAS_ETOPO), neither or both of opps/states (EAS_ENOSTATES / EAS_EINVAL),
 * capacity and dmips on one CPU, a negative smt or power_uw and power_mw
 * on one state (EAS_EINVAL), too small a buffer (EAS_ENOSPC), unknown k (EAS_EKERNEL).
 * The built platform does not point into desc. O(nr_cpus * nr_levels +
 * total states) except the default SMT level (O(nr_cpus^2)).
 * See docs/design-platform.md for every derivation rule.
 */
EAS_API int eas_platform_build(struct eas_platform *pf, void *mem, size_t size,
			       const struct eas_platform_desc *desc,
			       enum eas_kernel k, uint32_t opts,
			       struct eas_build_error *where);

/*
 * eas_platform_build() for the flavour object fl (&eas_kernel_v5_4,
 * &eas_kernel_v6_19, &eas_kernel_v7_1, or eas_kernel_by_name()); NULL
 * fails with EAS_EKERNEL. eas_platform_build() is this function with
 * eas_kernel_by_id(k): it names every flavour, so only a program that
 * builds its platforms with eas_platform_build_k() and names one object
 * links that flavour's code alone under --gc-sections.
 */
EAS_API int eas_platform_build_k(struct eas_platform *pf, void *mem,
				 size_t size,
				 const struct eas_platform_desc *desc,
				 const struct eas_flavour *fl, uint32_t opts,
				 struct eas_build_error *where);

/* ---- topology queries (all O(1) unless stated) ------------------------ */

/* Is cpu in the span of the level-l domain that contains `of`? */
static inline bool eas_sd_contains(const struct eas_platform *pf, uint32_t l,
				   uint32_t of, uint32_t cpu)
{
	return pf->levels[l].cpu_span[of] == pf->levels[l].cpu_span[cpu];
}

/* Span (CPU list) of the level-l domain containing cpu. */
static inline const uint32_t *eas_sd_span(const struct eas_platform *pf,
					  uint32_t l, uint32_t cpu,
					  uint32_t *nr)
{
	const struct eas_sd_level *lv = &pf->levels[l];
	uint32_t s = lv->cpu_span[cpu];
	*nr = lv->span_start[s + 1] - lv->span_start[s];
	return &lv->span_cpus[lv->span_start[s]];
}

static inline uint32_t eas_sd_flags(const struct eas_platform *pf, uint32_t l,
				    uint32_t cpu)
{
	return pf->levels[l].span_flags[pf->levels[l].cpu_span[cpu]];
}

/* cpus_share_cache(): same sd_llc_id. */
static inline bool eas_cpus_share_cache(const struct eas_platform *pf,
					uint32_t a, uint32_t b)
{
	return pf->cpus[a].sd_llc_id == pf->cpus[b].sd_llc_id;
}

/*
 * Per-CPU domain walk, as the kernel's for_each_domain(cpu, sd) after
 * degenerate domains were removed: the lowest level whose span around cpu
 * has more than one CPU, then each next level whose span is larger.
 * Returns the level index or -1 when there is none.
 */
EAS_API int32_t eas_sd_lowest(const struct eas_platform *pf, uint32_t cpu);
EAS_API int32_t eas_sd_parent(const struct eas_platform *pf, uint32_t cpu,
			      int32_t level);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_PLATFORM_H */
