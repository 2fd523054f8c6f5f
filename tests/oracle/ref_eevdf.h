/* SPDX-License-Identifier: MIT */
/*
 * Slow, literal model of the Linux v6.19 / v7.1 EEVDF fair class on one
 * CPU (kernel/sched/fair.c: avg_vruntime(), vruntime_eligible(),
 * update_zero_vruntime(), __enqueue_entity() / __dequeue_entity(),
 * update_curr(), update_deadline(), set_protect_slice(),
 * update_protect_slice(), __pick_eevdf(), place_entity(),
 * update_entity_lag(), enqueue_entity(), dequeue_entity() with
 * DELAY_DEQUEUE, requeue_delayed_entity(), pick_task_fair(),
 * put_prev_entity(), set_next_entity(), check_preempt_wakeup_fair() /
 * wakeup_preempt_fair(), entity_tick(); features.h defaults) driving a
 * minimal rt-app program (run / sleep / relative timer, loops), for
 * differential tests of the simulator's one-CPU timeline. Written from
 * the kernel source apart from lib/sim/sim.c; shares nothing with it.
 * Conventions of the simulator's documented model: threads are forked
 * at 0 in order (ENQUEUE_INITIAL, WF_FORK); HZ 250, ticks at multiples
 * of 4 ms, no HRTICK; one CPU of capacity 1024 at one OPP (run us = CPU
 * us); resched_curr_lazy() acts at once (non-lazy preemption); no
 * cgroups (so no next buddy). Hosted code.
 */
#ifndef LIBEAS_TEST_REF_EEVDF_H
#define LIBEAS_TEST_REF_EEVDF_H

#include <stdint.h>

enum refev_ev { REFEV_RUN, REFEV_SLEEP, REFEV_TIMER };

#define REFEV_MAX_EV 6
#define REFEV_MAX_TASKS 12

struct refev_task {
	int nice;
	uint32_t slice_us; /* sched_attr.sched_runtime in us, 0 = none */
	int loop;	   /* -1 forever, else loops of the program */
	uint32_t nr_ev;
	struct {
		enum refev_ev type;
		uint32_t us; /* run / sleep length, timer period */
	} ev[REFEV_MAX_EV];
};

struct refev_switch {
	uint64_t t_ns;
	int prev, next; /* task index, -1 = idle */
};

/* Run tasks[0..n) until end_ns (events at end_ns included) as v6.19
 * (v71 = 0) or v7.1 (v71 = 1). Fills up to max switches; returns the
 * number of switches, or -1 when two events fall on the same ns (their
 * order is a convention: not compared). *nr_delayed (may be NULL)
 * receives how many dequeues were delayed. */
int refev_run(const struct refev_task *tasks, uint32_t n, uint64_t end_ns,
	      int v71, struct refev_switch *out, uint32_t max,
	      uint32_t *nr_delayed);

#endif /* LIBEAS_TEST_REF_EEVDF_H */
