/* SPDX-License-Identifier: MIT */
/*
 * A 4-CPU load-balance landscape on the 2x2 fixture, shared by the
 * load-balance tests (test_balance.c, test_balance_counter.c): the
 * platform, one rq per CPU (kernel quiet defaults, clock_task 10 ms), the
 * system with the flavour's default features, and a src task list.
 */
#ifndef EAS_TEST_LB_FIXTURE_H
#define EAS_TEST_LB_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <libeas/balance.h>

#include "fixtures.h"

#define NCPU 4

struct tsys {
	struct eas_platform *pf;
	struct eas_rq rq[NCPU];
	struct eas_system sys;
	struct eas_lb_task tasks[4];
	struct eas_lb_env env;
	eas_mask_word mask[4][1];
};

static inline void tsys_init(struct tsys *t, enum eas_kernel k)
{
	uint32_t i;

	memset(t, 0, sizeof(*t));
	t->pf = fix_2x2(k, 0);
	for (i = 0; i < NCPU; i++) {
		eas_rq_init(&t->rq[i]);
		t->rq[i].clock_task = 10000000; /* 10 ms */
	}
	t->sys.pf = t->pf;
	t->sys.rq = t->rq;
	t->sys.features = eas_features_default(k);
	t->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	t->sys.hz = 250;
}

static inline void tsys_free(struct tsys *t)
{
	fix_free(t->pf);
}

/* Put a CFS task of utilisation util on cpu (as list entry i). */
static inline struct eas_lb_task *
add_task(struct tsys *t, uint32_t cpu, uint32_t i, uint64_t util, bool running)
{
	struct eas_rq *rq = &t->rq[cpu];
	struct eas_lb_task *lt = &t->tasks[i];

	memset(lt, 0, sizeof(*lt));
	eas_task_init(&lt->task);
	lt->task.util_avg = util;
	lt->task.util_est = util;
	lt->task.util_est_ewma = util;
	lt->task.util_est_enqueued = util;
	lt->task.h_load = util;
	lt->task.prev_cpu = (int32_t)cpu;
	lt->task.id = 100u + i;
	lt->task.is_current = running;
	lt->task.exec_start = 0; /* long ago: cache cold */
	rq->util_avg += util;
	rq->util_est += util;
	rq->runnable_avg += util;
	rq->load_avg += util;
	rq->runnable_load_avg += util;
	rq->nr_running++;
	rq->h_nr_running++;
	rq->idle = false;
	rq->curr_is_cfs = true;
	return lt;
}

#endif
