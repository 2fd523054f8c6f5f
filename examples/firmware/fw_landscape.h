/* SPDX-License-Identifier: MIT */
/*
 * Deterministic random landscapes for the firmware batch: the same seed
 * gives the same run-queues, task, waker and wake flags on the host and
 * on the target (xorshift32, 32-bit integer operations only), so the two
 * sides can be compared byte for byte. Header-only and freestanding:
 * included by fw_batch.c, which both the host program and the bare-metal
 * firmware compile.
 */
#ifndef FW_LANDSCAPE_H
#define FW_LANDSCAPE_H

#include <libeas/place.h>
#include <libeas/signals.h>

#include <stdint.h>

struct fw_rng {
	uint32_t s;
};

static inline void fw_rng_seed(struct fw_rng *r, uint32_t seed)
{
	r->s = seed ? seed : 0x9e3779b9u;
}

/* xorshift32 (Marsaglia 2003): 13, 17, 5. */
static inline uint32_t fw_rng_next(struct fw_rng *r)
{
	uint32_t x = r->s;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	r->s = x;
	return x;
}

/* Uniform enough in [0, n) for test inputs (n > 0). */
static inline uint32_t fw_rng_below(struct fw_rng *r, uint64_t n)
{
	return (uint32_t)(fw_rng_next(r) % n);
}

/*
 * One random instant on nr_cpus CPUs (<= 64): about 40% of the CPUs idle
 * with some blocked utilisation, the others running 1..3 tasks (light
 * load, one in six heavy); a waking task of utilisation 1..200 (one in
 * eight up to 800) that last ran on a random CPU (whose rq
 * utilisation includes the task's), sometimes uclamp'ed or pinned to a
 * subset; mostly wakeups (some sync), some forks and execs.
 * allowed: one mask word the task may point to.
 */
struct fw_landscape {
	uint32_t wake_flags;
	eas_mask_word allowed; /* cpus_allowed word when pinned */
	int pinned;
};

static inline void fw_landscape_gen(struct fw_rng *r, uint32_t nr_cpus,
				    struct eas_rq *rq, struct eas_task *p,
				    struct eas_waker *w, struct fw_landscape *l)
{
	uint32_t c, k;

	for (c = 0; c < nr_cpus; c++) {
		struct eas_rq *q = &rq[c];

		eas_rq_init(q);
		if (fw_rng_below(r, 10) < 4) {
			q->util_avg = fw_rng_below(r, 64);
			q->idle = true;
			q->idle_exit_latency = fw_rng_below(r, 3) * 100u;
		} else {
			q->nr_running = 1 + fw_rng_below(r, 3);
			q->h_nr_running = q->nr_running;
			/* mostly light (the energy-aware path), one CPU in
			   six heavy (overutilized: the fallback paths) */
			if (fw_rng_below(r, 6) == 0)
				q->util_avg = 16 + fw_rng_below(r, 1009);
			else
				q->util_avg = 8 + fw_rng_below(r, 120);
			q->idle = false;
			q->curr_is_cfs = true;
		}
		q->util_est = fw_rng_below(r, q->util_avg + 1);
		q->runnable_avg = q->util_avg + fw_rng_below(r, 64);
		q->load_avg = q->util_avg + fw_rng_below(r, 512);
		q->runnable_load_avg = q->load_avg;
		if (fw_rng_below(r, 8) == 0)
			q->rt_util_avg = fw_rng_below(r, 200);
		if (fw_rng_below(r, 16) == 0)
			q->irq_util_avg = fw_rng_below(r, 100);
	}

	eas_task_init(p);
	if (fw_rng_below(r, 8) == 0)
		p->util_avg = 1 + fw_rng_below(r, 800);
	else
		p->util_avg = 1 + fw_rng_below(r, 200);
	p->util_est_ewma = fw_rng_below(r, p->util_avg + 1);
	p->util_est_enqueued = fw_rng_below(r, p->util_avg + 1);
	p->util_est = fw_rng_below(r, p->util_avg + 1);
	p->runnable_avg = p->util_avg;
	p->h_load = 1 + fw_rng_below(r, 1024);
	p->prev_cpu = (int32_t)fw_rng_below(r, nr_cpus);
	p->id = 1000u + fw_rng_below(r, 1000);
	if (rq[p->prev_cpu].util_avg < p->util_avg)
		rq[p->prev_cpu].util_avg = p->util_avg;
	if (fw_rng_below(r, 8) == 0)
		p->uclamp_min = fw_rng_below(r, 1025);
	if (fw_rng_below(r, 8) == 0)
		p->uclamp_max = p->uclamp_min +
				fw_rng_below(r, 1025 - (uint32_t)p->uclamp_min);

	l->pinned = 0;
	l->allowed = 0;
	if (fw_rng_below(r, 10) == 0) {
		/* a non-empty subset that contains prev_cpu */
		l->allowed = (eas_mask_word)1 << p->prev_cpu;
		for (k = 0; k < nr_cpus; k++)
			if (fw_rng_below(r, 2))
				l->allowed |= (eas_mask_word)1 << k;
		l->pinned = 1;
	}

	eas_waker_init(w);
	w->cpu = (int32_t)fw_rng_below(r, nr_cpus);
	w->id = 1u + fw_rng_below(r, 8);
	w->h_load = fw_rng_below(r, 1024);

	k = fw_rng_below(r, 16);
	if (k < 11)
		l->wake_flags = EAS_WF_TTWU;
	else if (k < 13)
		l->wake_flags = EAS_WF_TTWU | EAS_WF_SYNC;
	else if (k < 15)
		l->wake_flags = EAS_WF_FORK;
	else
		l->wake_flags = EAS_WF_EXEC;
}

#endif /* FW_LANDSCAPE_H */
