/* SPDX-License-Identifier: MIT */
/*
 * The rq's utilisation clamps (kernel/sched/core.c, CONFIG_UCLAMP_TASK):
 * per clamp index a set of buckets refcounting the RUNNABLE tasks, each
 * holding the max value seen while it was non-empty, and the rq value,
 * the max over the non-empty buckets ("local max aggregation";
 * uclamp_rq_inc_id(), uclamp_rq_dec_id(), uclamp_rq_max_value(),
 * uclamp_idle_value(), uclamp_idle_reset(), uclamp_rq_inc()). The same
 * rules in 5.4 and 6.19 / 7.1.3 except the boot state of the idle flag.
 */
#include <libeas/signals.h>

#define UCLAMP_MIN 0u
#define UCLAMP_MAX 1u
/* UCLAMP_BUCKET_DELTA = DIV_ROUND_CLOSEST(SCHED_CAPACITY_SCALE,
 * UCLAMP_BUCKETS) */
#define BUCKET_DELTA ((1024u + EAS_UCLAMP_BUCKETS / 2u) / EAS_UCLAMP_BUCKETS)

/* sched.h:uclamp_bucket_id() (v6.19 caps it at UCLAMP_BUCKETS - 1; v5.4
 * does not, which is the same for values <= 1024 and 5 buckets) */
static uint32_t bucket_id(uint32_t v)
{
	uint32_t id = v / BUCKET_DELTA;

	return id < EAS_UCLAMP_BUCKETS ? id : EAS_UCLAMP_BUCKETS - 1u;
}

void eas_uclamp_rq_init(enum eas_kernel k, struct eas_uclamp_rq *uc)
{
	*uc = (struct eas_uclamp_rq){ 0 };
	if (k == EAS_KERNEL_V5_4)
		return; /* init_uclamp(): all zero, uclamp_flags = 0 */
	/* init_uclamp_rq(): .value = uclamp_none(clamp_id), UCLAMP_FLAG_IDLE */
	uc->value[UCLAMP_MAX] = 1024;
	uc->idle = true;
}

/* uclamp_rq_inc_id() */
static void inc_id(struct eas_uclamp_rq *uc, uint32_t id, uint32_t v)
{
	uint32_t b = bucket_id(v);

	uc->bucket[id][b].tasks++;
	/* uclamp_idle_reset(): while the rq holds the idle flag, the rq
	 * value restarts from the task's */
	if (uc->idle)
		uc->value[id] = v;
	if (uc->bucket[id][b].tasks == 1u || v > uc->bucket[id][b].value)
		uc->bucket[id][b].value = v;
	if (v > uc->value[id])
		uc->value[id] = v;
}

/* uclamp_rq_max_value(): the highest non-empty bucket's value, else
 * uclamp_idle_value() (MAX: keep the leaving task's value and set the
 * idle flag; MIN: uclamp_none(UCLAMP_MIN) = 0) */
static uint32_t max_value(struct eas_uclamp_rq *uc, uint32_t id, uint32_t v)
{
	uint32_t b = EAS_UCLAMP_BUCKETS;

	while (b-- > 0)
		if (uc->bucket[id][b].tasks)
			return uc->bucket[id][b].value;
	if (id == UCLAMP_MAX) {
		uc->idle = true;
		return v;
	}
	return 0;
}

/* uclamp_rq_dec_id() */
static void dec_id(struct eas_uclamp_rq *uc, uint32_t id, uint32_t v)
{
	uint32_t b = bucket_id(v);

	if (uc->bucket[id][b].tasks)
		uc->bucket[id][b].tasks--;
	if (uc->bucket[id][b].tasks)
		return;
	/* the emptied bucket held the rq value: recompute it */
	if (uc->bucket[id][b].value >= uc->value[id])
		uc->value[id] = max_value(uc, id, v);
}

/* uclamp_rq_inc(): both indexes, then "reset clamp idle holding when
 * there is one RUNNABLE task" */
void eas_uclamp_rq_inc(struct eas_uclamp_rq *uc, uint32_t min, uint32_t max)
{
	inc_id(uc, UCLAMP_MIN, min);
	inc_id(uc, UCLAMP_MAX, max);
	uc->idle = false;
}

/* uclamp_rq_dec() */
void eas_uclamp_rq_dec(struct eas_uclamp_rq *uc, uint32_t min, uint32_t max)
{
	dec_id(uc, UCLAMP_MIN, min);
	dec_id(uc, UCLAMP_MAX, max);
}

/* uclamp_update_active() -> uclamp_rq_reinc_id() for each index */
void eas_uclamp_rq_update(struct eas_uclamp_rq *uc, uint32_t old_min,
			  uint32_t old_max, uint32_t min, uint32_t max)
{
	dec_id(uc, UCLAMP_MIN, old_min);
	inc_id(uc, UCLAMP_MIN, min);
	dec_id(uc, UCLAMP_MAX, old_max);
	inc_id(uc, UCLAMP_MAX, max);
	/* "make sure to clear the idle flag if we've transiently reached 0
	 * active tasks on rq" (UCLAMP_MAX) */
	uc->idle = false;
}

void eas_uclamp_rq_to_rq(const struct eas_uclamp_rq *uc, struct eas_rq *rq)
{
	rq->uclamp_min = uc->value[UCLAMP_MIN];
	rq->uclamp_max = uc->value[UCLAMP_MAX];
	rq->uclamp_idle = uc->idle; /* uclamp_rq_is_idle() */
}
