/* SPDX-License-Identifier: MIT */
/*
 * Definitions shared by every libeas header: the export macro, the kernel
 * flavours and the cpumask word type. Includes only freestanding headers.
 */
#ifndef LIBEAS_COMMON_H
#define LIBEAS_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* EAS_STATIC_EXPORTS: the static core keeps its EAS_API symbols visible,
 * so that a program linking it can export them to placement-policy
 * plugins (-rdynamic; <libeas/policy.h>). */
#if !defined(__GNUC__) ||                                                      \
	(defined(EAS_STATIC_DEFINE) && !defined(EAS_STATIC_EXPORTS))
#define EAS_API
#else
#define EAS_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Kernel flavour whose arithmetic and decision rules are reproduced.
 * "unsigned long" of the kernel is uint64_t everywhere (64-bit kernels).
 */
enum eas_kernel {
	EAS_KERNEL_V5_4 = 0,  /* Linux 5.4.0 .. 5.4.24 */
	EAS_KERNEL_V6_19 = 1, /* Linux 6.19 */
	/* Linux 7.1.3: the v6.19 rules plus the fair.c changes of
	 * docs/kernel-eas.md §0.2 (group_is_overloaded()'s EAS gate,
	 * choose_idle_cpu() / choose_sched_idle_rq()) */
	EAS_KERNEL_V7_1 = 2,
};
/* Number of flavours: valid values are 0 .. EAS_KERNEL_COUNT - 1. */
#define EAS_KERNEL_COUNT 3u
#define EAS_KERNEL_DEFAULT EAS_KERNEL_V6_19

/* Build-time variations of a flavour (bit flags, 0 = the plain flavour). */
enum eas_kernel_opt {
	/*
	 * v5.4 only: the 5.4.y-stable / 64-bit "PM: EM: Increase energy
	 * calculation precision" backport: cost = fmax * (P * 1000) / f.
	 */
	EAS_OPT_V54_EM_SCALE_POWER = 1u << 0,
};

/* "v5.4" / "v6.19" / "v7.1"; "unknown" for an unknown value (test validity
 * with k < EAS_KERNEL_COUNT). */
EAS_API const char *eas_kernel_name(enum eas_kernel k);
/* Parses "v5.4", "v6.19" or "v7.1" (also without the "v"). Returns 0 or
 * EAS_EINVAL. */
EAS_API int eas_kernel_parse(const char *s, enum eas_kernel *out);

/*
 * A kernel flavour as an object the program links (docs/design-api.md,
 * "Flavours"): its enum value, its name and its entry points (opaque,
 * library internal). Pass one to eas_platform_build_k(); every decision on
 * the platform then dispatches through it. Naming only one object lets a
 * firmware image linked with --gc-sections keep only that flavour's code.
 * (The tag is eas_flavour, not eas_kernel: C puts struct and enum tags in
 * one namespace, and enum eas_kernel already exists.)
 */
struct eas_kernel_ops;
struct eas_flavour {
	enum eas_kernel id;
	const char *name; /* eas_kernel_name(id) */
	const struct eas_kernel_ops *ops;
};
EAS_API extern const struct eas_flavour eas_kernel_v5_4;
EAS_API extern const struct eas_flavour eas_kernel_v6_19;
EAS_API extern const struct eas_flavour eas_kernel_v7_1;
/*
 * The same flavours without load balance: placement (select_task_rq_fair,
 * feec, compute_energy) and the kernel helpers of <libeas/kernel.h> only.
 * A firmware image that places tasks but never balances names one of these
 * and links no load-balance code. On a platform built with one, the
 * load-balance entry points (balance.h) answer as for a bad argument,
 * eas_load_balance(), eas_mech_decide() and eas_mech_execute() with
 * EAS_EKERNEL. eas_kernel_by_id() / _by_name() return the full objects.
 */
EAS_API extern const struct eas_flavour eas_kernel_v5_4_place;
EAS_API extern const struct eas_flavour eas_kernel_v6_19_place;
EAS_API extern const struct eas_flavour eas_kernel_v7_1_place;

/* The flavour object of k, NULL for an unknown value. Names all three
 * objects: a program that calls it links every flavour. */
EAS_API const struct eas_flavour *eas_kernel_by_id(enum eas_kernel k);
/* The flavour object named s (as eas_kernel_parse(): "v5.4", "v6.19",
 * "v7.1", also without the "v"), NULL for an unknown or NULL name. Links
 * every flavour, as eas_kernel_by_id(). */
EAS_API const struct eas_flavour *eas_kernel_by_name(const char *s);

/*
 * CPU sets are bitmaps of 64-bit words, CPU n is bit (n % 64) of word n / 64,
 * as the kernel's cpumask on a 64-bit machine.
 */
typedef uint64_t eas_mask_word;
#define EAS_MASK_WORDS(nr_cpus) (((size_t)(nr_cpus) + 63u) / 64u)

static inline bool eas_mask_test(const eas_mask_word *m, uint32_t cpu)
{
	return (m[cpu / 64u] >> (cpu % 64u)) & 1u;
}
static inline void eas_mask_set(eas_mask_word *m, uint32_t cpu)
{
	m[cpu / 64u] |= (eas_mask_word)1u << (cpu % 64u);
}
static inline void eas_mask_clear(eas_mask_word *m, uint32_t cpu)
{
	m[cpu / 64u] &= ~((eas_mask_word)1u << (cpu % 64u));
}

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_COMMON_H */
