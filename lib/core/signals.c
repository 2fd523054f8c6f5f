/* SPDX-License-Identifier: MIT */
/*
 * Quiet defaults of the signal structs (include/libeas/signals.h).
 */
#include <libeas/signals.h>

uint32_t eas_features_default(enum eas_kernel k)
{
	/* Both flavours: sched_features.h defaults UTIL_EST, WA_IDLE,
	 * WA_WEIGHT, WA_BIAS, CACHE_HOT_BUDDY on; sysctl sched_energy_aware
	 * 1; CONFIG_HAVE_SCHED_AVG_IRQ on arm64. v5.4 scans with SIS_PROP,
	 * v6.19 with SIS_UTIL (SIS_PROP was removed). uclamp off. */
	uint32_t f = EAS_FEAT_UTIL_EST | EAS_FEAT_AVG_IRQ | EAS_FEAT_WA_IDLE |
		     EAS_FEAT_WA_WEIGHT | EAS_FEAT_WA_BIAS |
		     EAS_FEAT_ENERGY_AWARE | EAS_FEAT_CACHE_HOT_BUDDY |
		     EAS_FEAT_EXPLICIT;

	if (k == EAS_KERNEL_V5_4)
		f |= EAS_FEAT_SIS_PROP;
	else
		f |= EAS_FEAT_SIS_UTIL;
	return f;
}

void eas_rq_init(struct eas_rq *rq)
{
	*rq = (struct eas_rq){ 0 };
	rq->uclamp_max = 1024u;
	rq->online = true;
	rq->idle = true;
	rq->curr_is_cfs = false;
}

void eas_task_init(struct eas_task *p)
{
	*p = (struct eas_task){ 0 };
	p->uclamp_max = 1024u;
	p->recent_used_cpu = -1;
	p->policy = EAS_POLICY_NORMAL;
}

void eas_waker_init(struct eas_waker *w)
{
	*w = (struct eas_waker){ 0 };
	w->last_wakee = EAS_TASK_NONE;
	w->recent_used_cpu = -1;
}
