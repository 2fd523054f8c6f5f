/* SPDX-License-Identifier: MIT */
/*
 * Speed paths beside the kernel mirror (lib/core/fast_*.c). Each is
 * exact: it returns the mirror's result bit for bit, or EAS__FAST_DECLINED
 * without writing anything, and the caller then runs the mirror. The
 * differential tests (tests/unit/test_place_diff.c) compare both against
 * the literal oracle and assert that both are taken.
 */
#ifndef EAS_CORE_FAST_H
#define EAS_CORE_FAST_H

#include <libeas/fast.h>
#include <libeas/place.h>

/* The first member of struct eas_fast (fast_feec.c): what a caller may
 * test before asking a speed path (a declined decision stays cheap). */
struct eas__fast_head {
	uint32_t magic; /* EAS__FAST_MAGIC once eas_fast_init() ran */
	uint32_t ready; /* refreshed, preconditions hold, no CPU
			   overutilized: decisions may use it */
};
#define EAS__FAST_MAGIC 0x65617366u /* "easf" */

static inline bool eas__fast_ready(const struct eas_fast *f)
{
	const struct eas__fast_head *h = (const struct eas__fast_head *)f;

	return h->magic == EAS__FAST_MAGIC && h->ready;
}

/* "not covered by the snapshot: run the mirror" */
#define EAS__FAST_DECLINED (-3)

/*
 * find_energy_efficient_cpu() of sys->pf->kernel from the snapshot
 * sys->fast, with eas__feec()'s ou argument and result conventions
 * (it fills r completely). Returns the CPU, -1, or EAS__FAST_DECLINED
 * (r untouched).
 */
int32_t eas__fast_feec(const struct eas_system *sys, const struct eas_task *p,
		       uint32_t this_cpu, int ou, struct eas_feec_result *r);

/*
 * select_task_rq_fair() when the energy-aware path places the task and
 * the snapshot covers it (fast_select.c): every output as select_rq()
 * leaves it, or EAS__FAST_DECLINED with p, w and res untouched except
 * res->feec (which select_rq() then initialises again).
 */
int eas__fast_select(const struct eas_system *sys, struct eas_task *p,
		     struct eas_waker *w, uint32_t wake_flags,
		     struct eas_place_result *res);

/* select.c: record_wakee() and sched_energy_enabled(), for the above */
void eas__record_wakee(const struct eas_system *sys, const struct eas_task *p,
		       struct eas_waker *w);
bool eas__energy_enabled(const struct eas_system *sys);

#endif /* EAS_CORE_FAST_H */
