/* SPDX-License-Identifier: MIT */
/*
 * Library-internal helpers of the freestanding core (lib/core). Never
 * installed, never included by public headers. Other core files may append
 * their eas__ declarations at the end of this file.
 *
 * Rules of the core (see docs/design-platform.md): no malloc, no floating
 * point, no stdio, no writable globals or static locals, no recursion, no
 * VLAs; integers follow the kernel's types ("unsigned long" = uint64_t).
 *
 * The integer helpers both flavours share (min / max / lsub_positive /
 * mult_frac) live here once; fits_capacity() is the public
 * eas_fits_capacity() of <libeas/kernel.h>. Do not redefine them locally.
 */
#ifndef LIBEAS_CORE_INTERNAL_H
#define LIBEAS_CORE_INTERNAL_H

#include <libeas/common.h>
#include <libeas/error.h>
#include <libeas/em.h>
#include <libeas/platform.h>

/*
 * EAS_ASSERT(cond): a library bug, never bad input. Compiles to nothing
 * unless EAS_DEBUG is defined; may be overridden before inclusion (e.g. by
 * a firmware that wants its own panic hook). The default debug version
 * traps without any libc.
 */
#ifndef EAS_ASSERT
#ifdef EAS_DEBUG
#define EAS_ASSERT(cond)                                                       \
	do {                                                                   \
		if (!(cond))                                                   \
			__builtin_trap();                                      \
	} while (0)
#else
#define EAS_ASSERT(cond) ((void)0)
#endif
#endif

/* Defensive branches that the caller's validation makes impossible. */
#define EAS_NEVER(cond) (cond)

#define EAS__U64_MAX (~(uint64_t)0) /* kernel ULONG_MAX (64-bit) */
#define EAS__ALIGN8(x) (((size_t)(x) + 7u) & ~(size_t)7u)

static inline uint64_t eas__min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static inline uint64_t eas__max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* The kernel's lsub_positive(&a, b) as a value: a - min(a, b). */
static inline uint64_t eas__sub_positive(uint64_t a, uint64_t b)
{
	return a - (a < b ? a : b);
}

/* mult_frac(x, n, d) of include/linux/math.h: x * n / d without
 * overflowing the intermediate x * n (d != 0). */
static inline uint64_t eas__mult_frac(uint64_t x, uint64_t n, uint64_t d)
{
	uint64_t q = x / d, r = x % d;

	return q * n + (r * n) / d;
}

/* Population count of one mask word (no libc, no builtin needed). */
static inline uint32_t eas__popcount64(uint64_t w)
{
	w = w - ((w >> 1) & 0x5555555555555555ull);
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (uint32_t)((w * 0x0101010101010101ull) >> 56);
}

/* Zero n bytes (the core does not rely on libc memset). */
static inline void eas__zero(void *p, size_t n)
{
	unsigned char *c = p;

	while (n--)
		*c++ = 0;
}

/* ---- em.c ------------------------------------------------------------ */

/*
 * v6.19 em_pd_get_efficient_state() on a raw table, O(log n): the index
 * of the first state in [min_ps, max_ps] with performance >= max_util,
 * skipping inefficient states when skip is set; max_ps if none.
 */
uint32_t eas__em_efficient_state(const struct eas_perf_state *table,
				 uint32_t min_ps, uint32_t max_ps, bool skip,
				 uint64_t max_util);

/* ---- platform.c ------------------------------------------------------ */

/* Weight (number of CPUs) of the level-l span containing cpu. */
static inline uint32_t eas__sd_weight(const struct eas_platform *pf, uint32_t l,
				      uint32_t cpu)
{
	const struct eas_sd_level *lv = &pf->levels[l];
	uint32_t s = lv->cpu_span[cpu];

	return lv->span_start[s + 1] - lv->span_start[s];
}

/* ---- caller-provided scratch (struct eas_system.scratch) -------------- */

/*
 * The big per-decision structures live in sys->scratch when the caller
 * gives one (EAS_SCRATCH_SIZE bytes, 8-byte aligned), else on the stack of
 * a separate function named *_onstack (EAS__NOINLINE, so that its frame
 * stays out of the scratch path; cmake/cross-build.sh reports the stack
 * of the decisions both ways). Each user declares its own layout and
 * checks it with EAS__SCRATCH_FITS().
 */
#if defined(__GNUC__)
#define EAS__NOINLINE __attribute__((noinline))
#else
#define EAS__NOINLINE
#endif
#define EAS__SCRATCH_FITS(type)                                                \
	_Static_assert(sizeof(type) <= EAS_SCRATCH_SIZE,                       \
		       #type " does not fit EAS_SCRATCH_SIZE")

#endif /* LIBEAS_CORE_INTERNAL_H */
