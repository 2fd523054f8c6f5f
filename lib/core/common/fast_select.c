/* SPDX-License-Identifier: MIT */
/*
 * select_task_rq_fair() of every flavour when a snapshot (<libeas/fast.h>)
 * is attached and the energy-aware path places the task: a speed path
 * beside the mirror (common/wakeup.c select_rq()), not a mirror itself.
 *
 * On a TTWU wake-up (WF_SYNC allowed, WF_CURRENT_CPU not) with
 * sched_energy_enabled(), select_rq() initialises the result, records the
 * wakee, asks feec() (eas__feec(..., EAS__OU_SELECT, ...)) and, when feec
 * returns a CPU, returns it as EAS_PATH_EAS. This does the same with the
 * result written once: feec first (it does not read w), from the
 * snapshot (eas__fast_feec()); if that declines or returns -1, nothing
 * but res->feec has been written and select_rq() runs from the start
 * (and initialises res->feec again). Otherwise record_wakee() and every
 * result field as select_rq() leaves them. tests/unit/test_fast_diff.c
 * compares every output with the stateless call and the oracle.
 */
#include "fast.h"
#include "sched_util.h"

/* Included by every flavour TU after common/wakeup.c: eas__fast_select()
 * is the TU's static EAS__F(fast_select), and it calls the TU's own
 * record_wakee() / energy_enabled() and eas__fast_feec(). Out of line
 * (DECIDE, fast.h): inlined, its result buffer would sit in
 * select_task_rq_fair()'s frame under the mirror's whole call chain. */
DECIDE int eas__fast_select(const struct eas_system *sys, struct eas_task *p,
			    struct eas_waker *w, uint32_t wake_flags,
			    struct eas_place_result *res)
{
	struct eas_place_result tmp;
	int32_t cpu;

	/* what select_rq() would reject or route elsewhere: it decides */
	if (sys->rd_overutilized == EAS_RD_OU_SET ||
	    !eas__fast_ready(sys->fast) || !p || !w ||
	    (wake_flags & ~(uint32_t)EAS_WF_SYNC) != EAS_WF_TTWU ||
	    w->cpu < 0 || (uint32_t)w->cpu >= sys->pf->nr_cpus ||
	    p->prev_cpu < 0 || (uint32_t)p->prev_cpu >= sys->pf->nr_cpus ||
	    !energy_enabled(sys))
		return EAS__FAST_DECLINED;
	if (!res) {
		tmp.feec.candidates = NULL;
		tmp.feec.max_candidates = 0;
		res = &tmp;
	}
	if (res->feec.candidates)
		return EAS__FAST_DECLINED;
	/* feec() with rd->overutilized as select_task_rq_fair() asks */
	cpu = eas__fast_feec(sys, p, (uint32_t)w->cpu, EAS__OU_SELECT,
			     &res->feec);
	if (cpu < 0)
		return EAS__FAST_DECLINED;
	record_wakee(sys, p, w);
	/* place_result_init() and the EAS_PATH_EAS exit of select_rq();
	 * res->feec is complete (eas__fast_feec() writes every field but
	 * candidates / max_candidates, which are kept) */
	res->cpu = cpu;
	res->path = EAS_PATH_EAS;
	res->eas_entered = true;
	res->overutilized = false;
	res->sync = (wake_flags & EAS_WF_SYNC) && !w->exiting;
	res->want_affine = false;
	res->wake_wide = false;
	res->wake_cap = false;
	res->affine_cpu = -1;
	res->sis_target = -1;
	res->sd_level = -1;
	res->no_eas = EAS_NOEAS_NONE;
	return cpu;
}
