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
