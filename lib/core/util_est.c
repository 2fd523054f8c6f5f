/* SPDX-License-Identifier: MIT */
/*
 * util_est (kernel/sched/fair.c): the task's estimated utilisation,
 * sampled when it goes to sleep, and the cfs_rq's sum of its runnable
 * tasks' estimates. v5.4 keeps { enqueued, ewma } with the
 * UTIL_AVG_UNCHANGED flag in bit 0 of enqueued (util_est_enqueue(),
 * util_est_dequeue(), cfs_se_util_change(), _task_util_est()); v6.19 and
 * v7.1.3 (identical functions) keep one value with the flag in bit 31
 * (util_est_enqueue(), util_est_dequeue(), util_est_update()).
 */
#include <libeas/signals.h>

static bool util_est_on(enum eas_kernel k, uint32_t features)
{
	if (!features)
		features = eas_features_default(k);
	return (features & EAS_FEAT_UTIL_EST) != 0; /* sched_feat(UTIL_EST) */
}

/* _task_util_est(p) */
uint64_t eas_util_est_task(enum eas_kernel k, const struct eas_util_est *ue)
{
	if (k == EAS_KERNEL_V5_4) {
		/* v5.4: max(ue.ewma, ue.enqueued) | UTIL_AVG_UNCHANGED */
		uint32_t m = ue->ewma > ue->enqueued ? ue->ewma : ue->enqueued;

		return m | EAS_V54_UTIL_AVG_UNCHANGED;
	}
	/* v6.19: READ_ONCE(p->se.avg.util_est) & ~UTIL_AVG_UNCHANGED */
	return ue->ewma & ~EAS_V619_UTIL_AVG_UNCHANGED;
}

void eas_util_est_to_task(enum eas_kernel k, const struct eas_util_est *ue,
			  struct eas_task *p)
{
	(void)k;
	p->util_est_ewma = ue->ewma;
	p->util_est_enqueued = ue->enqueued;
	p->util_est = ue->ewma & ~EAS_V619_UTIL_AVG_UNCHANGED;
}

/* util_est_enqueue(cfs_rq, p): enqueued += _task_util_est(p) (unsigned
 * int in the kernel; the sum of at most a few thousand estimates of
 * <= 1025 never wraps) */
void eas_util_est_enqueue(enum eas_kernel k, uint32_t features,
			  uint64_t *rq_util_est, const struct eas_util_est *ue)
{
	if (!util_est_on(k, features))
		return;
	*rq_util_est += eas_util_est_task(k, ue);
}

/* util_est_dequeue(cfs_rq, p) (v5.4: its first part): enqueued -=
 * min(enqueued, _task_util_est(p)) */
void eas_util_est_dequeue(enum eas_kernel k, uint32_t features,
			  uint64_t *rq_util_est, const struct eas_util_est *ue)
{
	uint64_t u;

	if (!util_est_on(k, features))
		return;
	u = eas_util_est_task(k, ue);
	*rq_util_est -= u < *rq_util_est ? u : *rq_util_est;
}

/* v5.4 util_est_dequeue(cfs_rq, p, task_sleep): the task part */
static void update_v54(struct eas_util_est *ue, uint64_t util_avg,
		       uint64_t cpu_capacity)
{
	uint32_t enq, ewma;
	int32_t diff;

	/* "if (ue.enqueued & UTIL_AVG_UNCHANGED) return;" */
	if (ue->enqueued & EAS_V54_UTIL_AVG_UNCHANGED)
		return;
	/* ue.enqueued = task_util(p) | UTIL_AVG_UNCHANGED; last_ewma_diff =
	 * ue.enqueued - ue.ewma (long of unsigned int operands: the
	 * difference wraps in 32 bits, then is read as int by within_margin) */
	enq = (uint32_t)(util_avg | EAS_V54_UTIL_AVG_UNCHANGED);
	diff = (int32_t)(enq - ue->ewma);
	/* within_margin(last_ewma_diff, SCHED_CAPACITY_SCALE / 100):
	 * (unsigned)(x + y - 1) < 2 * y - 1 */
	if ((uint32_t)diff + EAS_UTIL_EST_MARGIN - 1u <
	    2u * EAS_UTIL_EST_MARGIN - 1u)
		return;
	/* "if (task_util(p) > capacity_orig_of(cpu)) return;" */
	if (util_avg > cpu_capacity)
		return;
	/* ue.ewma <<= UTIL_EST_WEIGHT_SHIFT (2); ue.ewma += last_ewma_diff;
	 * ue.ewma >>= UTIL_EST_WEIGHT_SHIFT; WRITE_ONCE(p->se.avg.util_est,
	 * ue) */
	ewma = ue->ewma;
	ewma <<= 2;
	ewma += (uint32_t)diff;
	ewma >>= 2;
	ue->ewma = ewma;
	ue->enqueued = enq;
}

/* v6.19 / v7.1 util_est_update(cfs_rq, p, task_sleep). No capacity test:
 * v5.4's "task_util(p) > capacity_orig_of(cpu)" skip is not in 6.19 /
 * 7.1.3 (the simulator kept it until this moved into the core). */
static void update_v619(struct eas_util_est *ue, uint64_t util_avg,
			uint64_t runnable_avg)
{
	uint32_t ewma = ue->ewma, dequeued, diff;

	/* "if (ewma & UTIL_AVG_UNCHANGED) return;" */
	if (ewma & EAS_V619_UTIL_AVG_UNCHANGED)
		return;
	dequeued = (uint32_t)util_avg; /* task_util(p) */
	/* "if (ewma <= dequeued) { ewma = dequeued; goto done; }" */
	if (ewma <= dequeued) {
		ewma = dequeued;
		goto done;
	}
	/* "if (last_ewma_diff < UTIL_EST_MARGIN) goto done;" */
	diff = ewma - dequeued;
	if (diff < EAS_UTIL_EST_MARGIN)
		goto done;
	/* "if ((dequeued + UTIL_EST_MARGIN) < task_runnable(p)) goto done;" */
	if (dequeued + EAS_UTIL_EST_MARGIN < runnable_avg)
		goto done;
	/* ewma <<= UTIL_EST_WEIGHT_SHIFT; ewma -= last_ewma_diff;
	 * ewma >>= UTIL_EST_WEIGHT_SHIFT */
	ewma <<= 2;
	ewma -= diff;
	ewma >>= 2;
done:
	ue->ewma = ewma | EAS_V619_UTIL_AVG_UNCHANGED;
}

void eas_util_est_update(enum eas_kernel k, uint32_t features,
			 struct eas_util_est *ue, uint64_t util_avg,
			 uint64_t runnable_avg, uint64_t cpu_capacity,
			 bool task_sleep)
{
	if (!util_est_on(k, features))
		return;
	/* "if (!task_sleep) return;" (not yet a completed activation) */
	if (!task_sleep)
		return;
	if (k == EAS_KERNEL_V5_4)
		update_v54(ue, util_avg, cpu_capacity);
	else
		update_v619(ue, util_avg, runnable_avg);
}

/* cfs_se_util_change(&se->avg) (pelt.h): clear UTIL_AVG_UNCHANGED once the
 * averages changed, under sched_feat(UTIL_EST) */
void eas_util_est_pelt_changed(enum eas_kernel k, uint32_t features,
			       struct eas_util_est *ue)
{
	if (!util_est_on(k, features))
		return;
	if (k == EAS_KERNEL_V5_4)
		ue->enqueued &= ~EAS_V54_UTIL_AVG_UNCHANGED;
	else
		ue->ewma &= ~EAS_V619_UTIL_AVG_UNCHANGED;
}
