/* SPDX-License-Identifier: MIT */
/*
 * Slow, literal model of Linux 5.4 classic CFS on one CPU (kernel/sched/
 * fair.c: enqueue_entity(), dequeue_entity(), update_curr(),
 * place_entity(), check_preempt_wakeup(), pick_next_entity(),
 * put_prev_entity(), set_next_entity(), check_preempt_tick(),
 * clear_buddies(), __calc_delta()) driving a minimal rt-app program
 * (run / sleep / relative timer, loops), for differential tests of the
 * simulator's one-CPU timeline. Written separately from lib/sim/sim.c;
 * shares nothing with it. Conventions taken from the simulator's
 * documented model (not the kernel): threads are forked at 0 in order
 * with vruntime = min_vruntime; HZ 250, ticks at multiples of 4 ms; one
 * CPU of capacity 1024 at one OPP (run us = CPU us).
 * Hosted code.
 */
#ifndef LIBEAS_TEST_REF_CFS54_H
#define LIBEAS_TEST_REF_CFS54_H

#include <stdint.h>

enum ref54_ev { REF54_RUN, REF54_SLEEP, REF54_TIMER };

#define REF54_MAX_EV 6
#define REF54_MAX_TASKS 12

struct ref54_task {
	int nice;
	int loop; /* -1 forever, else loops of the program */
	uint32_t nr_ev;
	struct {
		enum ref54_ev type;
		uint32_t us; /* run / sleep length, timer period */
	} ev[REF54_MAX_EV];
};

struct ref54_switch {
	uint64_t t_ns;
	int prev, next; /* task index, -1 = idle */
};

/* Run tasks[0..n) until end_ns (events at end_ns included). Fills up to
 * max switches; returns the number of switches, or -1 when two events
 * fall on the same ns (their order is a convention: not compared). */
int ref54_run(const struct ref54_task *tasks, uint32_t n, uint64_t end_ns,
	      struct ref54_switch *out, uint32_t max);

#endif /* LIBEAS_TEST_REF_CFS54_H */
