/* SPDX-License-Identifier: MIT */
/*
 * The discrete-event engine of the simulator. docs/simulator.md is the
 * model's description; comments here name the kernel function each piece
 * mirrors. Every wake-up / fork placement goes through
 * eas_select_task_rq_fair(), every load-balance decision through
 * eas_load_balance() / eas_mech_decide() / eas_mech_execute(), the
 * overutilized flag and misfit status through balance.h.
 *
 * Determinism: no randomness, events ordered by (time, sequence number).
 */
#include "sim_internal.h"

#include <libeas/error.h>
#include <libeas/policy.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NSEC_PER_USEC 1000ull
#define NSEC_PER_MSEC 1000000ull
#define NSEC_PER_SEC 1000000000ull
/* zero-time events a thread may execute in a row before it counts as
 * spinning (task_program()) */
#define SIM_ZERO_TIME_EVENTS 1024

#define RR_TIMESLICE_NS (100 * NSEC_PER_MSEC)
#define MAX_DURATION_NS (3600ull * NSEC_PER_SEC)

/* nested task_step() calls before the rest of a wake-up chain goes
 * through the event loop (SIM_EV_STEP) */
#define SIM_MAX_STEP_DEPTH 32u
/* sync events a thread starts at one instant before it is parked for a
 * tick */
#define SIM_MAX_ZERO_TIME_SYNC 1000u
/* rt-app's FORKS_LIMIT: forks of one thread description (its fork
 * resource, shared by every forking thread); the next one exits rt-app */
#define RTAPP_FORKS_LIMIT 1024u

/* ---------------------------------------------------------------------- */
/* small containers                                                        */
/* ---------------------------------------------------------------------- */

static int vec_push(struct sim_vec *v, uint32_t x)
{
	if (v->n == v->cap) {
		uint32_t nc = v->cap ? v->cap * 2 : 8;
		uint32_t *nv = realloc(v->v, nc * sizeof(*nv));

		if (!nv)
			abort();
		v->v = nv;
		v->cap = nc;
	}
	v->v[v->n++] = x;
	return 0;
}

static void vec_push_head(struct sim_vec *v, uint32_t x)
{
	vec_push(v, x);
	memmove(v->v + 1, v->v, (v->n - 1) * sizeof(*v->v));
	v->v[0] = x;
}

static void vec_remove(struct sim_vec *v, uint32_t x)
{
	uint32_t i;

	for (i = 0; i < v->n; i++) {
		if (v->v[i] == x) {
			memmove(v->v + i, v->v + i + 1,
				(v->n - i - 1) * sizeof(*v->v));
			v->n--;
			return;
		}
	}
}

/* SCHED_DEADLINE hooks: sim.c helpers for sim_dl.c */
int eas__sim_vec_push(struct sim_vec *v, uint32_t x)
{
	return vec_push(v, x);
}

void eas__sim_vec_remove(struct sim_vec *v, uint32_t x)
{
	vec_remove(v, x);
}

static void samples_push(struct sim_samples *sm, int64_t x)
{
	if (sm->n == sm->cap) {
		uint64_t nc = sm->cap ? sm->cap * 2 : 64;
		int64_t *nv = realloc(sm->v, nc * sizeof(*nv));

		if (!nv)
			abort();
		sm->v = nv;
		sm->cap = nc;
	}
	sm->v[sm->n++] = x;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentiles (sorts the samples in place). */
void eas__sim_pct(struct sim_samples *sm, struct eas_sim_pct *out)
{
	memset(out, 0, sizeof(*out));
	if (!sm->n)
		return;
	qsort(sm->v, sm->n, sizeof(*sm->v), cmp_i64);
	out->count = sm->n;
#define RANK(p)                                                                \
	sm->v[((sm->n * (p) + 99) / 100) ? ((sm->n * (p) + 99) / 100) - 1 : 0]
	out->p50 = RANK(50);
	out->p95 = RANK(95);
	out->p99 = RANK(99);
#undef RANK
	out->max = sm->v[sm->n - 1];
	out->min = sm->v[0];
}

/* ---------------------------------------------------------------------- */
/* event heap: binary min-heap on (time, seq)                              */
/* ---------------------------------------------------------------------- */

static bool ev_less(const struct sim_event *a, const struct sim_event *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	return a->seq < b->seq;
}

static void ev_push(struct eas_sim *s, uint64_t time, uint32_t type,
		    uint32_t id, uint32_t gen)
{
	size_t i;
	struct sim_event e = { time, s->seq++, type, id, gen };

	if (s->heap_n == s->heap_cap) {
		size_t nc = s->heap_cap ? s->heap_cap * 2 : 256;
		struct sim_event *nh = realloc(s->heap, nc * sizeof(*nh));

		if (!nh)
			abort();
		s->heap = nh;
		s->heap_cap = nc;
	}
	i = s->heap_n++;
	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (!ev_less(&e, &s->heap[p]))
			break;
		s->heap[i] = s->heap[p];
		i = p;
	}
	s->heap[i] = e;
}

/* SCHED_DEADLINE hooks: timers of sim_dl.c */
void eas__sim_ev_push(struct eas_sim *s, uint64_t time, uint32_t type,
		      uint32_t id, uint32_t gen)
{
	ev_push(s, time, type, id, gen);
}

static struct sim_event ev_pop(struct eas_sim *s)
{
	struct sim_event top = s->heap[0], last = s->heap[--s->heap_n];
	size_t i = 0, n = s->heap_n;

	for (;;) {
		size_t l = 2 * i + 1, m = i;
		const struct sim_event *best = &last;

		if (l < n && ev_less(&s->heap[l], best)) {
			m = l;
			best = &s->heap[l];
		}
		if (l + 1 < n && ev_less(&s->heap[l + 1], best))
			m = l + 1;
		if (m == i)
			break;
		s->heap[i] = s->heap[m];
		i = m;
	}
	if (n)
		s->heap[i] = last;
	return top;
}

/* ---------------------------------------------------------------------- */
/* trace (ftrace text, as the kernel's tracepoints print)                  */
/* ---------------------------------------------------------------------- */

static int task_kprio(const struct sim_task *t)
{
	if (t->kind == SIM_TK_STOPPER)
		return 0;
	if (t->pi_boost) /* p->prio of a PI-boosted task */
		return t->pi_kprio;
	if (eas__sim_is_dl(t)) /* SCHED_DEADLINE: MAX_DL_PRIO - 1 */
		return -1;
	if (t->policy == EAS_POLICY_FIFO || t->policy == EAS_POLICY_RR)
		return 99 - t->prio;
	return 120 + t->prio;
}

/* counters live in a pseudo process of their own in Perfetto, which
 * writes them as tracing_mark_write lines (so its comm names it) */
#define TRACE_COUNTER_PID 900u
#define TRACE_COUNTER_COMM "libeas-counters"
#define TRACE_AS_COUNTER (-2)

/*
 * One trace line on cpu as written by task `as` (its comm-pid is the
 * line's TASK-PID; -1 the idle task, TRACE_AS_COUNTER the counter
 * process). Lines go to a scratch file until trace_finish() has the
 * entry count for the header.
 */
static void trace_vline(struct eas_sim *s, uint32_t cpu, int32_t as,
			const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
static void trace_vline(struct eas_sim *s, uint32_t cpu, int32_t as,
			const char *fmt, va_list ap)
{
	FILE *f = s->tr_tmp;
	char comm[24];
	int pid = 0;

	if (!f)
		return;
	if (as == TRACE_AS_COUNTER) {
		snprintf(comm, sizeof(comm), "%s", TRACE_COUNTER_COMM);
		pid = (int)TRACE_COUNTER_PID;
	} else if (as >= 0) {
		snprintf(comm, sizeof(comm), "%s", s->tasks[as].comm);
		pid = (int)s->tasks[as].pid;
	} else {
		snprintf(comm, sizeof(comm), "<idle>");
	}
	fprintf(f, "%16s-%-7d [%03u] d..2 %5llu.%06llu: ", comm, pid, cpu,
		(unsigned long long)(s->now / NSEC_PER_SEC),
		(unsigned long long)(s->now % NSEC_PER_SEC / 1000));
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	s->tr_entries++;
}

static void trace_as(struct eas_sim *s, uint32_t cpu, int32_t as,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void trace_as(struct eas_sim *s, uint32_t cpu, int32_t as,
		     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	trace_vline(s, cpu, as, fmt, ap);
	va_end(ap);
}

static void trace_ev(struct eas_sim *s, uint32_t cpu, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A line written by what runs on cpu: its current task, or, inside
 * __schedule() (the newly idle balance), the task switching out. */
static void trace_ev(struct eas_sim *s, uint32_t cpu, const char *fmt, ...)
{
	const struct sim_cpu *c = &s->cpus[cpu];
	va_list ap;

	va_start(ap, fmt);
	trace_vline(s, cpu, c->in_schedule ? c->sched_prev : c->curr, fmt, ap);
	va_end(ap);
}

static void trace_counter(struct eas_sim *s, uint32_t cpu, const char *name,
			  uint64_t v)
{
	trace_as(s, cpu, TRACE_AS_COUNTER, "tracing_mark_write: C|%u|%s|%llu",
		 TRACE_COUNTER_PID, name, (unsigned long long)v);
}

/* try_to_wake_up(): sched_waking on the waker's CPU (what Perfetto's text
 * importer reads), then sched_wakeup on the target. */
static void trace_wakeup(struct eas_sim *s, const struct sim_task *t,
			 uint32_t waker_cpu, uint32_t cpu)
{
	trace_ev(s, waker_cpu,
		 "sched_waking: comm=%s pid=%u prio=%d target_cpu=%03u",
		 t->comm, t->pid, task_kprio(t), cpu);
	trace_ev(s, cpu, "sched_wakeup: comm=%s pid=%u prio=%d target_cpu=%03u",
		 t->comm, t->pid, task_kprio(t), cpu);
}

/*
 * The header as the kernel's trace file prints it (print_trace_header()
 * without latency format: "# tracer:", print_event_info()'s entry counts
 * and online CPUs, then the irq-info column legend for our four flag
 * columns), then the lines. Runs once, when the run ends or the
 * simulation is freed.
 */
static void trace_finish(struct eas_sim *s)
{
	FILE *f = s->cfg.trace, *tmp = s->tr_tmp;
	char buf[8192];
	size_t n;

	if (!tmp)
		return;
	s->tr_tmp = NULL;
	if (s->cfg.trace_dat)
		eas__sim_write_trace_dat(s, tmp, s->cfg.trace_dat);
	if (!f) {
		fclose(tmp);
		return;
	}
	fprintf(f,
		"# tracer: nop\n#\n"
		"# entries-in-buffer/entries-written: %llu/%llu   #P:%u\n#\n"
		"#                                _-----=> irqs-off\n"
		"#                               / _----=> need-resched\n"
		"#                              | / _---=> hardirq/softirq\n"
		"#                              || / _--=> preempt-depth\n"
		"#                              ||| /     delay\n"
		"#           TASK-PID     CPU#  ||||   TIMESTAMP  FUNCTION\n"
		"#              | |         |   ||||      |         |\n",
		(unsigned long long)s->tr_entries,
		(unsigned long long)s->tr_entries, s->nr_cpus);
	rewind(tmp);
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		if (fwrite(buf, 1, n, f) != n)
			break;
	fclose(tmp);
}

/* ---------------------------------------------------------------------- */
/* platform helpers                                                        */
/* ---------------------------------------------------------------------- */

/* arch_scale_freq_capacity(): cur_freq << 10 / cpuinfo.max_freq */
static uint64_t freq_scale(const struct eas_sim *s, uint32_t cpu)
{
	const struct sim_pd *pd = &s->pds[s->cpus[cpu].pd];

	return eas_freq_scale(pd->freq_khz, pd->max_khz);
}

static uint64_t pd_power(const struct eas_sim *s, uint32_t pdi)
{
	const struct eas_perf_domain *pd = &s->pf->pds[pdi];

	if (!pd->nr_perf_states)
		return 0;
	return pd->table[s->pds[pdi].state].power;
}

/*
 * A CPU's idle states are the idle_states[] entries whose cpus list it (an
 * empty list: every CPU), in file order; they are its cpuidle driver's
 * states, so the driver index (what cpuidle_enter_state() passes to
 * trace_cpu_idle()) counts only those. The governor (TEO model below)
 * picks the state of each idle period; the deepest is the boot default.
 */
static bool idle_state_has_cpu(const struct eas_idle_state *st, uint32_t cpu)
{
	uint32_t i;

	if (!st->nr_cpus)
		return true;
	for (i = 0; i < st->nr_cpus; i++)
		if (st->cpus[i] == cpu)
			return true;
	return false;
}

static void cpu_idle_init(const struct eas_sim *s, struct sim_cpu *c)
{
	uint32_t i, n = 0;

	c->teo.last = -1;
	c->teo.cur = -1;
	/* v5.4 teo_enable_device(): intervals[] = UINT_MAX */
	for (i = 0; i < 9; i++)
		c->teo.intervals[i] = UINT32_MAX;
	for (i = 0; i < s->nr_idle_states; i++) {
		const struct eas_idle_state *st = &s->idle_states[i];

		if (!idle_state_has_cpu(st, c->id))
			continue;
		/* the cpuidle driver has at most CPUIDLE_STATE_MAX states */
		if (n >= SIM_MAX_CSTATES)
			break;
		c->teo.st[c->teo.nr++] = i;
		c->has_idle = true;
		c->idle_idx = n++;
		c->idle_power_uw = st->power_uw;
		c->idle_exit_latency_us = st->exit_latency_us;
	}
}

/* ---------------------------------------------------------------------- */
/* idle governor: TEO (drivers/cpuidle/governors/teo.c, v6.19)             */
/* ---------------------------------------------------------------------- */

#define TEO_PULSE 1024u			  /* PULSE */
#define TEO_DECAY_SHIFT 3u		  /* DECAY_SHIFT */
#define TEO_RESIDENCY_THRESHOLD_NS 15000u /* gov.h RESIDENCY_THRESHOLD_NS */

static const struct eas_idle_state *
teo_state(const struct eas_sim *s, const struct sim_cpu *c, int32_t i)
{
	return &s->idle_states[c->teo.st[i]];
}

/* target_residency_ns: DT min-residency-us (dt_idle_states.c) */
static uint64_t teo_target_ns(const struct eas_sim *s, const struct sim_cpu *c,
			      int32_t i)
{
	return (uint64_t)teo_state(s, c, i)->min_residency_us * NSEC_PER_USEC;
}

/* exit_latency_ns: DT entry-latency-us + exit-latency-us */
static uint64_t teo_exit_ns(const struct eas_sim *s, const struct sim_cpu *c,
			    int32_t i)
{
	const struct eas_idle_state *st = teo_state(s, c, i);

	return ((uint64_t)st->entry_latency_us + st->exit_latency_us) *
	       NSEC_PER_USEC;
}

static void teo_decay(uint32_t *metric)
{
	*metric -= *metric >> TEO_DECAY_SHIFT;
}

/* teo_update(): classify the idle period that just ended (the tick never
 * wakes an idle CPU here: tick_wakeup is always false) */
static void teo_update(const struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;
	uint64_t lat = teo_exit_ns(s, c, d->last);
	uint64_t measured = d->last_residency_ns;
	uint32_t i, idx_timer = 0, idx_duration = 0, total = 0;

	teo_decay(&d->short_idles);
	if (measured >= lat) {
		measured -= lat / 2;
		if (measured < TEO_RESIDENCY_THRESHOLD_NS)
			d->short_idles += TEO_PULSE;
	} else {
		measured /= 2;
		d->short_idles += TEO_PULSE;
	}
	for (i = 0; i < d->nr; i++) {
		uint64_t target = teo_target_ns(s, c, (int32_t)i);

		teo_decay(&d->hits[i]);
		total += d->hits[i];
		teo_decay(&d->intercepts[i]);
		total += d->intercepts[i];
		if (target <= d->sleep_length_ns) {
			idx_timer = i;
			if (target <= measured)
				idx_duration = i;
		}
	}
	d->total = total + TEO_PULSE;
	teo_decay(&d->tick_intercepts);
	/* v7.1: a hit also needs the wake-up not to precede the timer by
	 * half the exit latency or more (sleep_length - measured < lat / 2,
	 * s64) */
	if (idx_timer == idx_duration &&
	    (s->k != EAS_KERNEL_V7_1 ||
	     (int64_t)(d->sleep_length_ns - measured) < (int64_t)(lat / 2))) {
		d->hits[idx_timer] += TEO_PULSE;
	} else {
		d->intercepts[idx_duration] += TEO_PULSE;
		if (measured <= s->tick_ns)
			d->tick_intercepts += TEO_PULSE;
	}
}

/* teo_find_shallower_state() (no state is disabled) */
static int32_t teo_shallower(const struct eas_sim *s, const struct sim_cpu *c,
			     int32_t idx, uint64_t duration)
{
	int32_t i;

	for (i = idx - 1; i >= 0; i--) {
		idx = i;
		if (teo_target_ns(s, c, i) <= duration)
			break;
	}
	return idx;
}

/*
 * tick_nohz_get_sleep_length(): the CPU's next timer event, the earliest
 * timer of a task sleeping on it (rt-app's clock_nanosleep(); a task
 * blocked on a futex has none). KTIME_MAX (INT64_MAX) when none.
 */
static uint64_t teo_sleep_length(const struct eas_sim *s,
				 const struct sim_cpu *c)
{
	uint64_t next = UINT64_MAX;
	uint32_t i;

	/* rt-app threads only: the kthreads (after them) never sleep on a
	 * timer */
	for (i = 0; i < s->user_cap; i++) {
		const struct sim_task *t = &s->tasks[i];

		if (t->state == SIM_TS_SLEEPING && t->cpu == (int32_t)c->id &&
		    t->sleep_until > s->now && t->sleep_until < next)
			next = t->sleep_until;
	}
	return next == UINT64_MAX ? (uint64_t)INT64_MAX : next - s->now;
}

/*
 * teo_select() of v6.19 with no PM QoS limit (latency_req infinite, so the
 * constraint and LATENCY_THRESHOLD tests never bind), no disabled and no
 * polling state, the tick still running when the governor is called.
 */
static int32_t teo_select(const struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;
	uint32_t intercept_sum = 0, hit_sum = 0, intercept_max = 0;
	uint32_t idx_intercept_sum = 0, idx_hit_sum = 0;
	uint64_t duration, delta_tick;
	int32_t i, idx = 0, n = (int32_t)d->nr, intercept_max_idx = -1;
	bool v71 = s->k == EAS_KERNEL_V7_1;

	if (d->last >= 0) {
		teo_update(s, c);
		d->last = -1;
	}
	d->sleep_length_ns = (uint64_t)INT64_MAX; /* KTIME_MAX */
	if (n < 2)
		return 0; /* v7.1: idx == idx0, also 0 */
	/* the deepest enabled state, the sums of the shallower bins; v7.1:
	 * the bin with the most intercepts below it (the deepest on ties) */
	for (i = 1; i < n; i++) {
		intercept_sum += d->intercepts[i - 1];
		hit_sum += d->hits[i - 1];
		if (d->intercepts[i - 1] >= intercept_max) {
			intercept_max = d->intercepts[i - 1];
			intercept_max_idx = i - 1;
		}
		idx = i;
		idx_intercept_sum = intercept_sum;
		idx_hit_sum = hit_sum;
	}
	/* intercepts dominate: the deepest state whose target residency was
	 * not above the idle duration in over half of the relevant cases
	 * (v7.1: and at most as deep as the most intercepted bin) */
	if (2 * idx_intercept_sum > d->total - idx_hit_sum) {
		for (i = idx - 1, intercept_sum = 0; i >= 0; i--) {
			intercept_sum += d->intercepts[i];
			idx = i;
			if (2 * intercept_sum > idx_intercept_sum &&
			    (!v71 || i <= intercept_max_idx))
				break;
		}
	}
	/* shallow state and mostly short idles: no sleep length (out_tick) */
	if ((!idx || teo_target_ns(s, c, idx) < TEO_RESIDENCY_THRESHOLD_NS) &&
	    2 * d->short_idles >= d->total)
		return idx;
	duration = teo_sleep_length(s, c);
	d->sleep_length_ns = duration;
	if (!idx)
		return idx;
	if (teo_target_ns(s, c, idx) > duration)
		idx = teo_shallower(s, c, idx, duration);
	if (teo_target_ns(s, c, idx) < s->tick_ns &&
	    (v71 ? 3 * d->tick_intercepts >= 2 * d->total :
		   d->tick_intercepts > d->total / 2 + d->total / 8))
		duration = s->tick_ns / 2;
	/* end: the tick is stopped for a long enough idle duration;
	 * otherwise the next tick bounds the state */
	if (duration >= s->tick_ns)
		return idx;
	delta_tick = (s->now / s->tick_ns + 1) * s->tick_ns - s->now;
	if (idx > 0 && teo_target_ns(s, c, idx) > delta_tick)
		idx = teo_shallower(s, c, idx, delta_tick);
	return idx;
}

/* target_residency of v5.4's cpuidle states, in us */
static uint32_t teo54_target_us(const struct eas_sim *s,
				const struct sim_cpu *c, int32_t i)
{
	return teo_state(s, c, i)->min_residency_us;
}

/* v5.4 teo_find_shallower_state() (us) */
static int32_t teo54_shallower(const struct eas_sim *s, const struct sim_cpu *c,
			       int32_t idx, uint32_t duration_us)
{
	int32_t i;

	for (i = idx - 1; i >= 0; i--) {
		idx = i;
		if (teo54_target_us(s, c, i) <= duration_us)
			break;
	}
	return idx;
}

/* v5.4 teo_update(): time_span_ns (select to reflect) is the idle
 * period's residency here; a span of at least the sleep length counts as
 * UINT_MAX us (the timer woke the CPU) */
static void teo54_update(const struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;
	uint32_t sleep_us = d->sleep_length_ns / 1000 > UINT32_MAX ?
				    UINT32_MAX :
				    (uint32_t)(d->sleep_length_ns / 1000);
	uint32_t measured_us, i;
	int32_t idx_hit = -1, idx_timer = -1;

	if (d->last_residency_ns >= d->sleep_length_ns) {
		measured_us = UINT32_MAX;
	} else {
		/* exit_latency in us: DT entry + exit */
		uint32_t lat = (uint32_t)(teo_exit_ns(s, c, d->last) / 1000);

		measured_us = (uint32_t)(d->last_residency_ns / 1000);
		if (measured_us >= lat)
			measured_us -= lat / 2;
		else
			measured_us /= 2;
	}
	for (i = 0; i < d->nr; i++) {
		d->early_hits[i] -= d->early_hits[i] >> TEO_DECAY_SHIFT;
		if (teo54_target_us(s, c, (int32_t)i) <= sleep_us) {
			idx_timer = (int32_t)i;
			if (teo54_target_us(s, c, (int32_t)i) <= measured_us)
				idx_hit = (int32_t)i;
		}
	}
	if (idx_timer >= 0) {
		uint32_t hits = d->hits[idx_timer],
			 misses = d->misses[idx_timer];

		hits -= hits >> TEO_DECAY_SHIFT;
		misses -= misses >> TEO_DECAY_SHIFT;
		if (idx_timer > idx_hit) {
			misses += TEO_PULSE;
			if (idx_hit >= 0)
				d->early_hits[idx_hit] += TEO_PULSE;
		} else {
			hits += TEO_PULSE;
		}
		d->misses[idx_timer] = misses;
		d->hits[idx_timer] = hits;
	}
	/* intervals[interval_idx++]; wraps only past INTERVALS (slot 8 is
	 * written, never read) */
	d->intervals[d->interval_idx++] = measured_us;
	if (d->interval_idx > 8)
		d->interval_idx = 0;
}

/* v5.4 teo_select(): the deepest state within the sleep length, the
 * early-hits state when the timer state misses at least as often as it
 * hits, the average of the recent shorter idle durations when most are
 * shorter, the next tick for a short duration (tick not stopped, no PM
 * QoS limit, no disabled or polling state) */
static int32_t teo54_select(const struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;
	uint64_t sl = teo_sleep_length(s, c);
	uint32_t duration_us =
		sl / 1000 > UINT32_MAX ? UINT32_MAX : (uint32_t)(sl / 1000);
	uint32_t count = 0, tick_us = (uint32_t)(s->tick_ns / 1000);
	int32_t i, idx = -1, max_early_idx = -1, n = (int32_t)d->nr;

	if (d->last >= 0) {
		teo54_update(s, c);
		d->last = -1;
	}
	d->sleep_length_ns = sl;
	for (i = 0; i < n; i++) {
		if (idx < 0)
			idx = i;
		if (teo54_target_us(s, c, i) > duration_us)
			break;
		idx = i;
		if (count < d->early_hits[i]) {
			count = d->early_hits[i];
			max_early_idx = i;
		}
	}
	if (d->hits[idx] <= d->misses[idx] && max_early_idx >= 0) {
		idx = max_early_idx;
		duration_us = teo54_target_us(s, c, idx);
	}
	if (idx > 0) {
		uint64_t sum = 0;

		count = 0;
		for (i = 0; i < 8; i++) {
			if (d->intervals[i] >= duration_us)
				continue;
			count++;
			sum += d->intervals[i];
		}
		if (count > 4) {
			uint32_t avg_us = (uint32_t)(sum / count);

			duration_us = avg_us;
			if (teo54_target_us(s, c, idx) > avg_us)
				idx = teo54_shallower(s, c, idx, avg_us);
		}
	}
	if (duration_us < tick_us) {
		uint32_t delta_tick_us =
			(uint32_t)(((s->now / s->tick_ns + 1) * s->tick_ns -
				    s->now) /
				   1000);

		if (idx > 0 && teo54_target_us(s, c, idx) > delta_tick_us)
			idx = teo54_shallower(s, c, idx, delta_tick_us);
	}
	return idx;
}

/* The CPU enters idle: the governor picks the state (cpuidle_select()),
 * whose power and exit latency then count (sched_idle_set_state()). */
static void idle_enter(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;
	const struct eas_idle_state *st;

	if (!d->nr)
		return;
	d->cur =
		s->k == EAS_KERNEL_V5_4 ? teo54_select(s, c) : teo_select(s, c);
	d->enter_ts = s->now;
	d->usage[d->cur]++;
	st = teo_state(s, c, d->cur);
	c->idle_idx = (uint32_t)d->cur;
	c->idle_power_uw = st->power_uw;
	c->idle_exit_latency_us = st->exit_latency_us;
}

static void idle_exit(struct eas_sim *s, struct sim_cpu *c);
static void update_cpu(struct eas_sim *s, struct sim_cpu *c);
static void fs_consume(struct eas_sim *s, struct sim_cpu *c, uint64_t delta);
static void fs_start(struct eas_sim *s, struct sim_cpu *c);
static void rt_start_bandwidth(struct eas_sim *s);

/*
 * A timer interrupt on an idle CPU (the hrtimer of a task that slept
 * there) ends its idle period even when the wakee is placed elsewhere:
 * the CPU leaves the state, handles the interrupt and, still with nothing
 * to run, goes back through cpuidle_select(). cpu -1: none.
 */
static void idle_timer_irq(struct eas_sim *s, int32_t cpu)
{
	struct sim_cpu *c;

	if (cpu < 0)
		return;
	c = &s->cpus[cpu];
	if (c->curr >= 0 || c->teo.cur < 0)
		return;
	update_cpu(s, c);
	idle_exit(s, c);
	idle_enter(s, c);
	if (s->tr_tmp) {
		trace_ev(s, c->id, "cpu_idle: state=4294967295 cpu_id=%u",
			 c->id);
		trace_ev(s, c->id, "cpu_idle: state=%u cpu_id=%u", c->idle_idx,
			 c->id);
	}
}

/* The CPU leaves idle (teo_reflect(): last_state_idx, the residency). */
static void idle_exit(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_teo *d = &c->teo;

	if (!d->nr || d->cur < 0)
		return;
	if (s->now == d->enter_ts) {
		/* work at the same instant: do_idle() sees need_resched()
		 * before cpuidle_select(), no state is entered */
		d->usage[d->cur]--;
		d->cur = -1;
		return;
	}
	d->last = d->cur;
	/* cpuidle_enter_state(): last_residency_ns runs until the CPU is out
	 * of the state, the wake-up event plus the state's exit latency */
	d->last_residency_ns =
		s->now - d->enter_ts +
		(uint64_t)teo_state(s, c, d->cur)->exit_latency_us *
			NSEC_PER_USEC;
	d->cur = -1;
}

/* energy accumulation: num in power-unit * ns, den per uJ */
static void energy_add(uint64_t *uj, uint64_t *num, uint64_t power, uint64_t dt,
		       uint64_t den)
{
	while (dt) {
		uint64_t d = dt > NSEC_PER_SEC ? NSEC_PER_SEC : dt;

		*num += power * d;
		*uj += *num / den;
		*num %= den;
		dt -= d;
	}
}

static void account(struct eas_sim *s, struct sim_cpu *c)
{
	uint64_t dt = s->now - c->acct_ts;
	uint64_t den = s->k == EAS_KERNEL_V5_4 ? 1000000u : 1000000000u;

	if (!dt)
		return;
	if (c->curr >= 0) {
		c->busy_ns += dt;
		energy_add(&c->e_active_uj, &c->e_active_num,
			   pd_power(s, c->pd), dt, den);
	} else {
		c->idle_ns += dt;
		energy_add(&c->e_idle_uj, &c->e_idle_num, c->idle_power_uw, dt,
			   1000000000u);
		if (c->teo.cur >= 0)
			c->teo.res_ns[c->teo.cur] += dt;
	}
	c->acct_ts = s->now;
}

static void pd_account(struct eas_sim *s, uint32_t pdi)
{
	struct sim_pd *pd = &s->pds[pdi];

	pd->residency[pd->state] += s->now - pd->acct_ts;
	pd->acct_ts = s->now;
}

/*
 * Energy used up to s->now, each CPU's time since its last accounting
 * included, computed on copies of the accumulators: an observation (trace
 * counter, plot) neither lags behind CPUs nobody touched lately nor
 * changes the run.
 */
uint64_t eas__sim_energy_uj(const struct eas_sim *s)
{
	uint64_t e = 0, den = s->k == EAS_KERNEL_V5_4 ? 1000000u : 1000000000u;
	uint32_t i;

	for (i = 0; i < s->nr_cpus; i++) {
		const struct sim_cpu *c = &s->cpus[i];
		uint64_t act = c->e_active_uj, act_num = c->e_active_num;
		uint64_t idl = c->e_idle_uj, idl_num = c->e_idle_num;
		uint64_t dt = s->now - c->acct_ts;

		if (c->curr >= 0)
			energy_add(&act, &act_num, pd_power(s, c->pd), dt, den);
		else
			energy_add(&idl, &idl_num, c->idle_power_uw, dt,
				   1000000000u);
		e += act + idl;
	}
	return e;
}

/* ---------------------------------------------------------------------- */
/* signals: PELT per rq and per task, util_est                             */
/* ---------------------------------------------------------------------- */

static bool is_rt(const struct sim_task *t)
{
	return t->kind == SIM_TK_FIFO1 || t->policy == EAS_POLICY_FIFO ||
	       t->policy == EAS_POLICY_RR ||
	       (t->pi_boost && t->pi_kprio < 100); /* rt_mutex_setprio() */
}

static bool is_cfs(const struct sim_task *t)
{
	return t->kind == SIM_TK_USER && !is_rt(t) && !eas__sim_is_dl(t);
}

static uint64_t pelt_now(const struct sim_cpu *c)
{
	return eas_pelt_clock_now(&c->pc); /* rq_clock_pelt() */
}

static void set_overutilized(struct eas_sim *s, bool ou)
{
	if (ou == s->overutilized)
		return;
	if (s->overutilized)
		s->overutilized_ns += s->now - s->ou_since;
	s->overutilized = ou;
	s->ou_since = s->now;
	trace_counter(s, 0, "overutilized", ou);
}

/* update_rq_clock_pelt() of cpu after delta ns at s->now (core:
 * eas_pelt_clock_update()): idle syncs to the task clock, busy advances
 * by delta scaled by the CPU's capacity and current frequency. */
static void clock_pelt_advance(const struct eas_sim *s, const struct sim_cpu *c,
			       struct eas_pelt_clock *pc, uint64_t delta)
{
	eas_pelt_clock_update(pc, delta, s->now, c->curr < 0, c->cap,
			      freq_scale(s, c->id));
}

/* The rq-level PELT signals of cpu at PELT time pn, with the state it had
 * since their last update. */
static void rq_pelt_update(const struct eas_sim *s, const struct sim_cpu *c,
			   uint64_t pn, struct eas_pelt *cfs,
			   struct eas_pelt *rt)
{
	int running_cfs = 0, running_rt = 0;

	/* speed: ___update_load_sum() (pelt.c, all flavours) changes nothing
	 * when now - last_update_time, in 1024 ns units, is 0 (its "if
	 * (!delta) return 0" after "delta >>= 10"; a negative delta is not
	 * < 1024 unsigned and takes the full path). Both signals are then
	 * exactly as the calls below would leave them (their load, runnable
	 * and running arguments are only read when time accumulates). */
	if (pn - cfs->last_update_time < 1024u &&
	    pn - rt->last_update_time < 1024u)
		return;
	if (c->curr >= 0) {
		running_cfs = is_cfs(&s->tasks[c->curr]);
		running_rt = is_rt(&s->tasks[c->curr]);
	}
	/* __update_load_avg_cfs_rq(): load = weight, runnable = v5.4
	 * runnable weight / v6.19 h_nr_runnable, running = curr != NULL */
	eas_pelt_update_cfs_rq(s->k, cfs, pn, c->cfs_weight,
			       s->k == EAS_KERNEL_V5_4 ?
				       c->cfs_weight :
				       c->nr_cfs - c->nr_delayed,
			       running_cfs != 0);
	/* update_rt_rq_load_avg(now, rq, running) */
	eas_pelt_update_rt_rq(s->k, rt, pn, running_rt != 0);
}

/*
 * rt-app's `runtime N` (src/rt-app.c, run_event(), case rtapp_runtime):
 * do { loadwait(32); } while (now - start < N us). The work is done in
 * chunks of 32 us of calibrated work; the wall clock is read after each.
 */
#define RTAPP_CHUNK_US 32u

/* run / runtime lengths beyond 2^40 us (12.7 days, more than
 * EAS_SIM_MAX_DURATION_NS) end after the run anyway: clamp so that
 * us x 1000 x capacity stays within 64 bits */
static uint64_t clamp_us(uint64_t us)
{
	return us < (1ull << 40) ? us : (1ull << 40);
}

static uint64_t chunk_work(const struct eas_sim *s)
{
	return RTAPP_CHUNK_US * NSEC_PER_USEC * s->calib_cap;
}

/* Work done by the running task t: `run` counts it down; `runtime` moves
 * through its 32 us chunks (work_left = what is left of the current one,
 * 0 exactly at a boundary). */
static void work_progress(const struct eas_sim *s, struct sim_task *t,
			  uint64_t delta, uint64_t done)
{
	uint64_t cw, left, rem;

	if (t->work_cpu_ns)
		done = delta; /* migration thread: ns of CPU time */
	if (!t->work_wall) {
		t->work_left -= done < t->work_left ? done : t->work_left;
		return;
	}
	cw = chunk_work(s);
	left = t->work_left ? t->work_left : cw;
	if (done < left) {
		t->work_left = left - done;
		return;
	}
	rem = (done - left) % cw;
	t->work_left = rem ? cw - rem : 0;
}

/*
 * Advance cpu's clocks to s->now with the state it had since the last
 * update: energy / busy accounting, update_rq_clock_pelt() (time scaled
 * by capacity and frequency while busy, synced to the task clock while
 * idle), the running task's work and vruntime, and the rq-level PELT
 * signals (cfs_rq and rt_rq, as update_load_avg() / update_rt_rq_load_avg()
 * would at this instant).
 */
static void update_cpu(struct eas_sim *s, struct sim_cpu *c)
{
	uint64_t delta = s->now - c->clock;

	if (delta) {
		/* RT bandwidth: queued RT tasks held off (v5.4 throttled
		 * rt_rq, v6.19 the fair server running CFS above them) */
		if (c->nr_rt &&
		    (c->rt_throttled || c->fs_phase == SIM_FS_RUNNING))
			c->rt_throttled_ns += delta;
		account(s, c);
		clock_pelt_advance(s, c, &c->pc, delta);
		if (c->curr >= 0) {
			struct sim_task *t = &s->tasks[c->curr];
			uint64_t fs = freq_scale(s, c->id);

			if (t->in_run)
				work_progress(s, t, delta,
					      delta * ((c->cap * fs) >> 10));
			t->slice_exec += delta;
			t->runtime_ns += delta;
			if (t->cpu_runtime_ns)
				t->cpu_runtime_ns[c->id] += delta;
			t->exec_start = s->now; /* update_curr() */
			if (is_cfs(t)) {
				/* v6.19: the fair server's runtime */
				fs_consume(s, c, delta);
				/* vruntime only where the kernel calls
				 * update_curr() (update_curr_fair(),
				 * eevdf_update_curr()) */
				if (c->misfit_task_load)
					t->misfit_ns += delta;
			}
			if (t->policy == EAS_POLICY_RR)
				t->rr_left -=
					delta < t->rr_left ? delta : t->rr_left;
		}
		if (c->misfit_task_load)
			c->misfit_ns += delta;
		c->clock = s->now;
	}
	rq_pelt_update(s, c, pelt_now(c), &c->cfs_avg, &c->rt_avg);
	if (s->has_dl) /* SCHED_DEADLINE: rq->avg_dl */
		eas__sim_dl_pelt(s, c, pelt_now(c), &c->dl_avg);
}

/* SCHED_DEADLINE hooks: sim.c helpers for sim_dl.c */
void eas__sim_update_cpu(struct eas_sim *s, struct sim_cpu *c)
{
	update_cpu(s, c);
}

uint64_t eas__sim_freq_scale(const struct eas_sim *s, uint32_t cpu)
{
	return freq_scale(s, cpu);
}

/*
 * cfs + rt util_avg of cpu as update_cpu() would make them now, computed
 * on copies: the plot observes the signals, it never updates them (PELT
 * sums truncate at every update, so extra update points would change the
 * run; docs/formats.md: outputs never change results).
 */
static uint64_t cpu_util_observed(const struct eas_sim *s,
				  const struct sim_cpu *c)
{
	struct eas_pelt cfs = c->cfs_avg, rt = c->rt_avg;
	struct eas_pelt_clock pc = c->pc;
	uint64_t delta = s->now - c->clock;

	if (delta)
		clock_pelt_advance(s, c, &pc, delta);
	rq_pelt_update(s, c, eas_pelt_clock_now(&pc), &cfs, &rt);
	if (s->has_dl) { /* SCHED_DEADLINE */
		struct eas_pelt dl = c->dl_avg;

		eas__sim_dl_pelt(s, c, eas_pelt_clock_now(&pc), &dl);
		return cfs.util_avg + rt.util_avg + dl.util_avg;
	}
	return cfs.util_avg + rt.util_avg;
}

/* __update_load_avg_se() for a task on its cpu's clock (+ the
 * cfs_se_util_change() flag clear). */
static void task_pelt(struct eas_sim *s, struct sim_task *t)
{
	const struct sim_cpu *c = &s->cpus[t->cpu];
	uint64_t on_rq =
		t->state == SIM_TS_RUNNABLE || t->state == SIM_TS_RUNNING;
	int running = c->curr == (int32_t)t->idx;
	/* a delayed entity stays on_rq (load) but is not runnable
	 * (se_runnable() of a sched_delayed task) */
	uint64_t load_on = on_rq || t->delayed;

	if (!is_cfs(t) || t->avg_detached)
		return;
	if (pelt_now(c) < t->avg.last_update_time)
		return;
	/* a delayed entity: load on_rq, not runnable (se_runnable()),
	 * which eas_pelt_update_se() cannot say */
	if (eas_pelt_update(s->k, &t->avg, pelt_now(c), load_on, on_rq, running,
			    t->weight, t->weight))
		eas_util_est_pelt_changed(s->k, s->features, &t->ue);
}

/* _task_util_est() */
static uint64_t task_util_est_raw(const struct eas_sim *s,
				  const struct sim_task *t)
{
	return eas_util_est_task(s->k, &t->ue);
}

/* util_est_enqueue() (core) */
static void util_est_enqueue(struct eas_sim *s, struct sim_cpu *c,
			     const struct sim_task *t)
{
	eas_util_est_enqueue(s->k, s->features, &c->util_est, &t->ue);
}

/* util_est_dequeue(), the cfs_rq part (core) */
static void util_est_dequeue(struct eas_sim *s, struct sim_cpu *c,
			     const struct sim_task *t)
{
	eas_util_est_dequeue(s->k, s->features, &c->util_est, &t->ue);
}

/* the task part on sleep: v5.4 util_est_dequeue(), v6.19
 * util_est_update() (core) */
static void util_est_update(struct eas_sim *s, struct sim_task *t)
{
	eas_util_est_update(s->k, s->features, &t->ue, t->avg.util_avg,
			    t->avg.runnable_avg, s->cpus[t->cpu].cap, true);
}

/* remove_entity_load_avg() applied at once (task leaves cpu's cfs_rq;
 * core eas_pelt_remove_se()). */
static void detach_avg(struct eas_sim *s, struct sim_task *t)
{
	if (!is_cfs(t) || t->avg_detached)
		return;
	eas_pelt_remove_se(s->k, &s->cpus[t->cpu].cfs_avg, &t->avg, t->weight);
	t->avg_detached = true;
}

/* attach_entity_load_avg() on t->cpu's cfs_rq (core eas_pelt_attach_se()). */
static void attach_avg(struct eas_sim *s, struct sim_task *t)
{
	if (!is_cfs(t) || !t->avg_detached)
		return;
	eas_pelt_attach_se(s->k, &s->cpus[t->cpu].cfs_avg, &t->avg, t->weight);
	t->avg_detached = false;
}

/* ---------------------------------------------------------------------- */
/* library views: struct eas_rq / eas_task / eas_system                    */
/* ---------------------------------------------------------------------- */

static void fill_rq(struct eas_sim *s, uint32_t cpu)
{
	const struct sim_cpu *c = &s->cpus[cpu];
	struct eas_rq *rq = &s->rq[cpu];
	/* every field written here; the rest keeps eas_rq_init()'s defaults
	 * from eas_sim_create() */
	rq->util_avg = c->cfs_avg.util_avg;
	rq->util_est = c->util_est;
	rq->runnable_avg = c->cfs_avg.runnable_avg;
	rq->runnable_load_avg = c->cfs_avg.runnable_avg;
	rq->load_avg = c->cfs_avg.load_avg;
	rq->rt_util_avg = c->rt_avg.util_avg;
	rq->dl_util_avg = c->dl_avg.util_avg; /* SCHED_DEADLINE */
	rq->dl_running_bw = c->dl_running_bw; /* SCHED_DEADLINE */
	rq->nr_running = c->nr_running;
	rq->h_nr_running = c->nr_cfs;
	rq->h_nr_delayed = c->nr_delayed;
	rq->rt_nr_running = c->nr_rt;
	rq->idle = c->curr < 0 && c->nr_running == 0;
	rq->idle_exit_latency = rq->idle ? c->idle_exit_latency_us : 0;
	rq->curr_is_cfs = c->curr >= 0 && is_cfs(&s->tasks[c->curr]);
	rq->misfit_task_load = c->misfit_task_load;
	rq->avg_idle = 2 * EAS_MIGRATION_COST_DEFAULT_NS;
	rq->idle_stamp = c->idle_stamp;
	rq->clock_task = s->now;
	/* uclamp_rq: the bucketed aggregation kept at enqueue / dequeue
	 * (core eas_uclamp_rq_*) */
	if (s->features & EAS_FEAT_UCLAMP_USED)
		eas_uclamp_rq_to_rq(&c->uc, rq);
}

static void fill_all_rqs(struct eas_sim *s)
{
	uint32_t i;

	for (i = 0; i < s->nr_cpus; i++)
		fill_rq(s, i);
}

static void fill_task(const struct eas_sim *s, const struct sim_task *t,
		      struct eas_task *et)
{
	eas_task_init(et);
	et->util_avg = t->avg.util_avg;
	eas_util_est_to_task(s->k, &t->ue, et);
	et->uclamp_min = t->uclamp_min;
	et->uclamp_max = t->uclamp_max;
	et->h_load = t->avg.load_avg;
	et->exec_start = t->exec_start;
	et->cpus_allowed = t->allowed;
	et->nr_cpus_allowed = t->nr_allowed;
	et->prev_cpu = t->cpu;
	et->recent_used_cpu = t->wk.recent_used_cpu;
	et->wakee_flips = t->wk.wakee_flips;
	et->wakee_flip_decay_ts = t->wk.wakee_flip_decay_ts;
	et->id = t->idx;
	et->policy = (uint8_t)t->policy;
	et->queued = t->state == SIM_TS_RUNNABLE || t->state == SIM_TS_RUNNING;
	et->is_current = t->state == SIM_TS_RUNNING;
	et->per_cpu_kthread = t->kind != SIM_TK_USER;
}

static void fill_sys(const struct eas_sim *s, struct eas_system *sys)
{
	memset(sys, 0, sizeof(*sys));
	sys->pf = s->pf;
	sys->rq = s->rq;
	sys->features = s->features;
	sys->rd_overutilized =
		s->overutilized ? EAS_RD_OU_SET : EAS_RD_OU_CLEAR;
	sys->jiffies = s->jiffies;
	sys->hz = s->cfg.hz;
}

/* ---------------------------------------------------------------------- */
/* schedutil (kernel/sched/cpufreq_schedutil.c)                            */
/* ---------------------------------------------------------------------- */

static void arm_done(struct eas_sim *s, struct sim_cpu *c);

static void pd_set_state(struct eas_sim *s, uint32_t pdi, uint32_t state)
{
	struct sim_pd *pd = &s->pds[pdi];
	const struct eas_perf_domain *epd = &s->pf->pds[pdi];
	uint32_t i;

	if (state == pd->state)
		return;
	for (i = 0; i < epd->nr_cpus; i++)
		update_cpu(s, &s->cpus[epd->cpus[i]]);
	pd_account(s, pdi);
	pd->state = state;
	pd->freq_khz = epd->table[state].frequency;
	pd->changes++;
	for (i = 0; i < epd->nr_cpus; i++) {
		if (s->tr_tmp)
			trace_ev(s, epd->cpus[i],
				 "cpu_frequency: state=%llu cpu_id=%u",
				 (unsigned long long)pd->freq_khz,
				 epd->cpus[i]);
		arm_done(s, &s->cpus[epd->cpus[i]]);
	}
}

/*
 * cpufreq_driver_resolve_freq(): the lowest OPP >= target within
 * [policy->min, policy->max] (v5.4 CPUFREQ_RELATION_L; v6.19
 * CPUFREQ_RELATION_LE, which skips inefficient OPPs when the domain has
 * EM_PERF_DOMAIN_SKIP_INEFFICIENCIES).
 */
static uint32_t resolve_freq(const struct eas_sim *s, uint32_t pdi,
			     uint64_t target)
{
	return eas_sugov_resolve_freq(s->k, &s->pf->pds[pdi], target,
				      s->pds[pdi].max_khz);
}

/*
 * Speed: the inputs of one CPU's schedutil utilisation (sugov_get_util()),
 * read from the simulator's CPU state: exactly what fill_rq() copies into
 * the struct eas_rq fields the utilisation helpers read (v5.4
 * cpu_util_cfs() + schedutil_cpu_util(FREQUENCY_UTIL); v6.19 / v7.1
 * cpu_util_cfs_boost() + effective_cpu_util() + sugov_effective_cpu_perf():
 * util_avg, util_est, runnable_avg, rt and dl util_avg, dl.running_bw,
 * rt_nr_running) and the feature bits that select among them. The other
 * inputs are constant during a run: the platform's capacities,
 * irq_util_avg, hw_pressure and cpufreq_max_khz (never written after
 * eas_sim_create()), and the rq uclamp values, which only change with
 * EAS_FEAT_UCLAMP_USED, where the memo is not used. Returns whether they
 * equal those of the last computation on this CPU (then *u is its
 * result); otherwise records them for the result the caller stores.
 */
static bool sugov_memo_hit(struct eas_sim *s, uint32_t cpu, uint64_t *u)
{
	const struct sim_cpu *c = &s->cpus[cpu];
	struct sim_sugov_memo *m = &s->cpus[cpu].sugov_memo;
	uint64_t key[SIM_SUGOV_KEY_N] = {
		c->cfs_avg.util_avg,
		c->util_est,
		c->cfs_avg.runnable_avg,
		c->rt_avg.util_avg,
		c->dl_avg.util_avg,
		c->dl_running_bw,
		c->nr_rt,
		(uint64_t)s->features,
	};
	uint64_t diff = !m->valid;
	uint32_t i;

	if (s->features & EAS_FEAT_UCLAMP_USED)
		return false;
	for (i = 0; i < SIM_SUGOV_KEY_N; i++)
		diff |= key[i] ^ m->key[i];
	if (!diff) {
		*u = m->util;
		return true;
	}
	memcpy(m->key, key, sizeof(key));
	m->valid = true;
	return false;
}

/* sugov_update_shared() for cpu's policy (rate limited). */
static void sugov_update(struct eas_sim *s, uint32_t cpu)
{
	struct eas_system sys;
	uint32_t pdi = s->cpus[cpu].pd;
	struct sim_pd *pd = &s->pds[pdi];
	const struct eas_perf_domain *epd = &s->pf->pds[pdi];
	uint64_t util, max, freq;
	uint32_t i, st;

	if (epd->nr_perf_states < 2)
		return;
	/* sugov_should_update_freq() */
	if (pd->updated_once && s->now - pd->last_update < s->cfg.rate_limit_ns)
		return;
	/* sugov_next_freq_shared(): sugov_get_util() of each CPU (core),
	 * folded as eas_sugov_pd_util() does */
	sys.pf = NULL;
	eas_sugov_pd_util_init(s->pf, pdi, &util, &max);
	for (i = 0; i < epd->nr_cpus; i++) {
		uint32_t j = epd->cpus[i];
		uint64_t u;

		/* speed: u is a pure function of the flavour, the platform's
		 * constants and the inputs sugov_memo_hit() compares; when
		 * they equal those of the last computation on this CPU, so
		 * does u (the kernel recomputes it, with the same result).
		 * s->rq[j] is then not refreshed: it is a scratch view every
		 * reader refills before it reads (fill_rq() / fill_all_rqs()
		 * precede each fill_sys() use: sugov_update(), enqueue(),
		 * update_misfit() and the tick after it, select_cfs(),
		 * balance_pass() and ab_start() inside it, ab_execute()). */
		if (!sugov_memo_hit(s, j, &u)) {
			if (!sys.pf)
				fill_sys(s, &sys);
			fill_rq(s, j);
			u = eas_sugov_get_util(&sys, j, 0);
			s->cpus[j].sugov_memo.util = u;
		}
		eas_sugov_pd_util_add(s->pf, j, u, &util, &max);
	}
	/* get_next_freq(): map_util_freq() of the reference frequency */
	freq = eas_sugov_next_freq(s->k, util, max, pd->max_khz);
	if (pd->updated_once && freq == pd->cached_raw)
		return;
	pd->cached_raw = freq;
	st = resolve_freq(s, pdi, freq);
	/* sugov_update_next_freq() */
	if (pd->updated_once && st == pd->state)
		return;
	pd->updated_once = true;
	pd->last_update = s->now;
	pd_set_state(s, pdi, st);
}

/* SCHED_DEADLINE hooks: cpufreq_update_util() from sim_dl.c */
void eas__sim_sugov_update(struct eas_sim *s, uint32_t cpu)
{
	sugov_update(s, cpu);
}

/* ---------------------------------------------------------------------- */
/* run queues                                                              */
/* ---------------------------------------------------------------------- */

#define SCHED_LATENCY_NS (6 * NSEC_PER_MSEC)
#define SCHED_MIN_GRAN_NS (750 * NSEC_PER_USEC)
#define SCHED_WAKEUP_GRAN_NS (1 * NSEC_PER_MSEC)

/* sysctl scaling factor 1 + ilog2(min(ncpus, 8)) (SCHED_TUNABLESCALING_LOG) */
static uint64_t tunable_factor(const struct eas_sim *s)
{
	uint32_t n = s->nr_cpus < 8 ? s->nr_cpus : 8, l = 0;

	while (n >>= 1)
		l++;
	return 1 + l;
}

/*
 * update_min_vruntime(): max(min_vruntime, min(curr, leftmost)). v5.4
 * counts curr only while it is on the rq (`curr->on_rq`: not after the
 * dequeue of a task going to sleep); v6.19's model counts it always.
 */
static void update_min_vruntime(struct eas_sim *s, struct sim_cpu *c)
{
	uint64_t v = 0;
	bool have = false;
	uint32_t i;

	if (c->curr >= 0 && is_cfs(&s->tasks[c->curr]) &&
	    (s->k != EAS_KERNEL_V5_4 ||
	     s->tasks[c->curr].state == SIM_TS_RUNNING)) {
		v = s->tasks[c->curr].vruntime;
		have = true;
	}
	for (i = 0; i < c->cfs.n; i++) {
		uint64_t x = s->tasks[c->cfs.v[i]].vruntime;

		if (!have || (int64_t)(x - v) < 0)
			v = x;
		have = true;
	}
	if (have && (int64_t)(v - c->min_vruntime) > 0)
		c->min_vruntime = v;
}

static void resched(struct sim_cpu *c)
{
	c->need_resched = true;
}

/* v5.4 core.c sched_prio_to_wmult[] (nice -20 .. 19): 2^32 / weight */
static const uint32_t prio_to_wmult[40] = {
	48388,	   59856,     76040,	 92818,	    118348,   147320,
	184698,	   229616,    287308,	 360437,    449829,   563644,
	704093,	   875809,    1099582,	 1376151,   1717300,  2157191,
	2708050,   3363326,   4194304,	 5237765,   6557202,  8165337,
	10153587,  12820798,  15790321,	 19976592,  24970740, 31350126,
	39045157,  49367440,  61356676,	 76695844,  95443717, 119304647,
	148102320, 186737708, 238609294, 286331153,
};

/* kernel/sched/sched.h: a SCHED_IDLE task's load weight and inverse */
#define WEIGHT_IDLEPRIO 3
#define WMULT_IDLEPRIO 1431655765u

/* the inverse weight set_load_weight() gives a task (se->load.inv_weight) */
static uint32_t task_wmult(const struct sim_task *t)
{
	int32_t nice = t->prio < -20 ? -20 : t->prio > 19 ? 19 : t->prio;

	/* set_load_weight(): task_has_idle_policy() -> WMULT_IDLEPRIO */
	if (t->policy == EAS_POLICY_IDLE)
		return WMULT_IDLEPRIO;
	return prio_to_wmult[nice + 20];
}

/* mul_u64_u32_shr(): (a * mul) >> shift in 96 bits, shift <= 32 */
static uint64_t mul_u64_u32_shr(uint64_t a, uint32_t mul, uint32_t shift)
{
	uint64_t lo = ((a & 0xffffffffu) * mul) >> shift;

	if (a >> 32)
		lo += ((a >> 32) * mul) << (32 - shift);
	return lo;
}

/*
 * v5.4 __calc_delta(): delta * weight / lw.weight computed as
 * delta * (weight * lw.inv_weight) >> 32, the factor shifted down to 32
 * bits first (weight is scale_load_down()ed, as the kernel does)
 */
static uint64_t calc_delta(uint64_t delta, uint64_t weight, uint32_t inv)
{
	uint64_t fact = weight;
	uint32_t shift = 32;

	while (fact >> 32) {
		fact >>= 1;
		shift--;
	}
	fact = (fact & 0xffffffffu) * inv;
	while (fact >> 32) {
		fact >>= 1;
		shift--;
	}
	return mul_u64_u32_shr(delta, (uint32_t)fact, shift);
}

/* v5.4 calc_delta_fair(): delta * NICE_0_LOAD / se weight */
static uint64_t calc_delta_fair(uint64_t delta, const struct sim_task *t)
{
	if (t->weight == 1024)
		return delta;
	return calc_delta(delta, 1024, task_wmult(t));
}

/* v5.4 __update_inv_weight() of a cfs_rq load: WMULT_CONST / weight */
static uint32_t rq_inv_weight(uint64_t w)
{
	if (w >= 0xffffffffu)
		return 1;
	if (!w)
		return 0xffffffffu;
	return (uint32_t)(0xffffffffu / w);
}

/*
 * v5.4 update_curr(): the running CFS task's vruntime advances by
 * calc_delta_fair() of the time since its last update, then
 * update_min_vruntime(); nothing when no CFS task runs or no time passed
 * (`(s64)delta_exec <= 0`). Called where 5.4 calls it: enqueue_entity(),
 * dequeue_entity(), entity_tick(), check_preempt_wakeup(),
 * pick_next_task_fair() / put_prev_entity(); never at an rt-app event
 * boundary that does not enter the kernel.
 */
static void update_curr_fair(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_task *t;
	uint64_t delta;

	if (c->curr < 0)
		return;
	t = &s->tasks[c->curr];
	if (!is_cfs(t) || t->state != SIM_TS_RUNNING)
		return;
	delta = s->now - t->vr_exec_start;
	if ((int64_t)delta <= 0)
		return;
	t->vr_exec_start = s->now;
	t->vruntime += calc_delta_fair(delta, t);
	update_min_vruntime(s, c);
}

/* v5.4 clear_buddies(): forget t as c's next / last / skip buddy */
static void clear_buddies(struct sim_cpu *c, const struct sim_task *t)
{
	if (c->cfs_next == (int32_t)t->idx)
		c->cfs_next = -1;
	if (c->cfs_last == (int32_t)t->idx)
		c->cfs_last = -1;
	if (c->cfs_skip == (int32_t)t->idx)
		c->cfs_skip = -1;
}

/* v5.4 wakeup_gran(): sysctl_sched_wakeup_granularity (1 ms, scaled) in
 * se's virtual time */
static uint64_t wakeup_gran(const struct eas_sim *s, const struct sim_task *se)
{
	return calc_delta_fair(SCHED_WAKEUP_GRAN_NS * tunable_factor(s), se);
}

/* v5.4 wakeup_preempt_entity(curr, se): -1 when se is not behind curr,
 * 1 when it is more than wakeup_gran(se) behind, else 0 */
static int wakeup_preempt_entity(const struct eas_sim *s,
				 const struct sim_task *curr,
				 const struct sim_task *se)
{
	int64_t vdiff = (int64_t)(curr->vruntime - se->vruntime);

	if (vdiff <= 0)
		return -1;
	return vdiff > (int64_t)wakeup_gran(s, se) ? 1 : 0;
}

/* __pick_first_entity(): the smallest vruntime queued (not curr); among
 * equal ones the first queued (the rb-tree puts equal keys right) */
static int32_t cfs_leftmost(const struct eas_sim *s, const struct sim_cpu *c)
{
	uint32_t i;
	int32_t best = -1;

	for (i = 0; i < c->cfs.n; i++) {
		const struct sim_task *t = &s->tasks[c->cfs.v[i]];

		if (best < 0 ||
		    (int64_t)(t->vruntime - s->tasks[best].vruntime) < 0)
			best = (int32_t)t->idx;
	}
	return best;
}

/* the smallest vruntime queued other than task `not` (first queued among
 * equals): rb_next() of the leftmost when `not` is the leftmost, or the
 * tree's leftmost when `not` is curr (v5.4 pick_next_entity()) */
static int32_t cfs_leftmost_but(const struct eas_sim *s,
				const struct sim_cpu *c, int32_t not )
{
	uint32_t i;
	int32_t best = -1;

	for (i = 0; i < c->cfs.n; i++) {
		const struct sim_task *t = &s->tasks[c->cfs.v[i]];

		if ((int32_t)t->idx == not )
			continue;
		if (best < 0 ||
		    (int64_t)(t->vruntime - s->tasks[best].vruntime) < 0)
			best = (int32_t)t->idx;
	}
	return best;
}

/* a buddy still queued on c (else none) */
static const struct sim_task *buddy(const struct eas_sim *s,
				    const struct sim_cpu *c, int32_t idx)
{
	const struct sim_task *t;

	if (idx < 0)
		return NULL;
	t = &s->tasks[idx];
	if (t->cpu != (int32_t)c->id || t->state != SIM_TS_RUNNABLE ||
	    !is_cfs(t))
		return NULL;
	return t;
}

/* ---------------------------------------------------------------------- */
/* v6.19 / v7.1 EEVDF (kernel/sched/fair.c; docs/simulator.md)             */
/* ---------------------------------------------------------------------- */

/* normalized_sysctl_sched_base_slice (0.7 ms in both flavours) */
#define EEVDF_BASE_SLICE_NS 700000ull
/* __setparam_fair(): a custom slice is clamped to [0.1 ms, 100 ms] */
#define EEVDF_SLICE_MIN_NS (NSEC_PER_MSEC / 10)
#define EEVDF_SLICE_MAX_NS (NSEC_PER_MSEC * 100)

static bool eevdf(const struct eas_sim *s)
{
	return s->k != EAS_KERNEL_V5_4;
}

/* sysctl_sched_base_slice = factor x normalized (update_sysctl(),
 * get_update_sysctl_factor(), SCHED_TUNABLESCALING_LOG) */
static uint64_t eevdf_base_slice(const struct eas_sim *s)
{
	return EEVDF_BASE_SLICE_NS * tunable_factor(s);
}

/* cfs_rq->curr: the running CFS task of c (kept out of the tree) */
static struct sim_task *eevdf_curr(struct eas_sim *s, const struct sim_cpu *c)
{
	struct sim_task *t;

	if (c->curr < 0)
		return NULL;
	t = &s->tasks[c->curr];
	if (!is_cfs(t) || t->in_tree)
		return NULL;
	return t;
}

/* curr && curr->on_rq: running, preempted but not yet put back, or
 * blocked with its dequeue delayed */
static struct sim_task *eevdf_curr_on_rq(struct eas_sim *s,
					 const struct sim_cpu *c)
{
	struct sim_task *t = eevdf_curr(s, c);

	if (t && (t->state == SIM_TS_RUNNING || t->state == SIM_TS_RUNNABLE ||
		  t->delayed))
		return t;
	return NULL;
}

/* entity_key() */
static int64_t eevdf_key(const struct sim_cpu *c, const struct sim_task *t)
{
	return (int64_t)(t->vruntime - c->zero_vruntime);
}

/* avg_vruntime(): zero_vruntime + the load-weighted mean key of the tree
 * and an on_rq curr, floored (the "left bias" for negative sums);
 * v6.19 scale_load_down(weight) = v7.1 weight >> 10 cancels out */
static uint64_t eevdf_avg_vruntime(struct eas_sim *s, const struct sim_cpu *c)
{
	const struct sim_task *cu = eevdf_curr_on_rq(s, c);
	int64_t avg = c->avg_vruntime, load = c->avg_load;

	if (cu) {
		avg += eevdf_key(c, cu) * (int64_t)cu->weight;
		load += (int64_t)cu->weight;
	}
	if (load) {
		if (avg < 0)
			avg -= load - 1;
		avg /= load; /* div_s64(): truncation */
	}
	return c->zero_vruntime + (uint64_t)avg;
}

/* vruntime_eligible(): \Sum key_i w_i >= key(v) \Sum w_i (no division) */
static bool eevdf_vruntime_eligible(struct eas_sim *s, const struct sim_cpu *c,
				    uint64_t v)
{
	const struct sim_task *cu = eevdf_curr_on_rq(s, c);
	int64_t avg = c->avg_vruntime, load = c->avg_load;

	if (cu) {
		avg += eevdf_key(c, cu) * (int64_t)cu->weight;
		load += (int64_t)cu->weight;
	}
	return avg >= (int64_t)(v - c->zero_vruntime) * load;
}

static bool eevdf_eligible(struct eas_sim *s, const struct sim_cpu *c,
			   const struct sim_task *t)
{
	return eevdf_vruntime_eligible(s, c, t->vruntime);
}

/* v6.19 update_zero_vruntime(): zero_vruntime = avg_vruntime(), the sum
 * rebased (avg_vruntime_update()). (v7.1 moves zero_vruntime inside
 * avg_vruntime() itself; no result depends on where zero_vruntime is.) */
static void eevdf_update_zero(struct eas_sim *s, struct sim_cpu *c)
{
	uint64_t v = eevdf_avg_vruntime(s, c);
	int64_t d = (int64_t)(v - c->zero_vruntime);

	c->avg_vruntime -= c->avg_load * d;
	c->zero_vruntime = v;
}

/* __enqueue_entity(): avg_vruntime_add(), update_zero_vruntime(), insert
 * (after equal deadlines: rb_add_cached() with a strict less) */
static void eevdf_tree_add(struct eas_sim *s, struct sim_cpu *c,
			   struct sim_task *t)
{
	c->avg_vruntime += eevdf_key(c, t) * (int64_t)t->weight;
	c->avg_load += (int64_t)t->weight;
	eevdf_update_zero(s, c);
	t->tree_seq = ++c->tree_seq;
	t->in_tree = true;
	vec_push(&c->cfs, t->idx);
}

/* __dequeue_entity(): erase, avg_vruntime_sub(), update_zero_vruntime() */
static void eevdf_tree_remove(struct eas_sim *s, struct sim_cpu *c,
			      struct sim_task *t)
{
	vec_remove(&c->cfs, t->idx);
	t->in_tree = false;
	c->avg_vruntime -= eevdf_key(c, t) * (int64_t)t->weight;
	c->avg_load -= (int64_t)t->weight;
	eevdf_update_zero(s, c);
}

/* entity_before(): earlier deadline; equal ones in tree order */
static bool eevdf_before_in_tree(const struct sim_task *a,
				 const struct sim_task *b)
{
	int64_t d = (int64_t)(a->deadline - b->deadline);

	return d < 0 || (d == 0 && a->tree_seq < b->tree_seq);
}

/* cfs_rq_min_slice() / v7.1 cfs_rq_max_slice(): an on_rq curr and the
 * tree */
static uint64_t eevdf_min_slice(struct eas_sim *s, const struct sim_cpu *c)
{
	const struct sim_task *cu = eevdf_curr_on_rq(s, c);
	uint64_t m = cu ? cu->slice : UINT64_MAX;
	uint32_t i;

	for (i = 0; i < c->cfs.n; i++)
		if (s->tasks[c->cfs.v[i]].slice < m)
			m = s->tasks[c->cfs.v[i]].slice;
	return m;
}

static uint64_t eevdf_max_slice(struct eas_sim *s, const struct sim_cpu *c)
{
	const struct sim_task *cu = eevdf_curr_on_rq(s, c);
	uint64_t m = cu ? cu->slice : 0;
	uint32_t i;

	for (i = 0; i < c->cfs.n; i++)
		if (s->tasks[c->cfs.v[i]].slice > m)
			m = s->tasks[c->cfs.v[i]].slice;
	return m;
}

/* min_vruntime() of two virtual times (wrap-safe) */
static uint64_t vr_min(uint64_t a, uint64_t b)
{
	return (int64_t)(b - a) < 0 ? b : a;
}

/* protect_slice() */
static bool eevdf_protected(const struct sim_task *t)
{
	return (int64_t)(t->vprot - t->vruntime) > 0;
}

/* set_protect_slice() with RUN_TO_PARITY (at set_next_entity(): t is out
 * of the tree, cfs_rq->curr not yet set, so only the tree's slices) */
static void eevdf_set_protect(struct eas_sim *s, const struct sim_cpu *c,
			      struct sim_task *t)
{
	uint64_t slice = UINT64_MAX, vprot = t->deadline;
	uint32_t i;

	for (i = 0; i < c->cfs.n; i++)
		if (s->tasks[c->cfs.v[i]].slice < slice)
			slice = s->tasks[c->cfs.v[i]].slice;
	if (t->slice < slice)
		slice = t->slice;
	if (slice != t->slice)
		vprot = vr_min(vprot, t->vruntime + calc_delta_fair(slice, t));
	t->vprot = vprot;
}

/* update_protect_slice() */
static void eevdf_update_protect(struct eas_sim *s, const struct sim_cpu *c,
				 struct sim_task *t)
{
	uint64_t slice = eevdf_min_slice(s, c);

	t->vprot = vr_min(t->vprot, t->vruntime + calc_delta_fair(slice, t));
}

/* cancel_protect_slice() */
static void eevdf_cancel_protect(struct sim_task *t)
{
	if (eevdf_protected(t))
		t->vprot = t->vruntime;
}

/* update_deadline(): when vruntime reached the deadline, a new request:
 * deadline = vruntime + calc_delta_fair(slice) (the base slice unless
 * custom); true = reschedule */
static bool eevdf_update_deadline(const struct eas_sim *s, struct sim_task *t)
{
	if ((int64_t)(t->vruntime - t->deadline) < 0)
		return false;
	if (!t->custom_slice)
		t->slice = eevdf_base_slice(s);
	t->deadline = t->vruntime + calc_delta_fair(t->slice, t);
	return true;
}

/*
 * update_curr(): cfs_rq->curr's vruntime += calc_delta_fair() of the time
 * since its exec_start; update_deadline(); with more than one entity
 * queued, reschedule when the request is done or the protected slice
 * (RUN_TO_PARITY) is over. Called only where the kernel calls it.
 * resched_curr_lazy() is a plain resched (a non-lazy preemption model).
 */
static void eevdf_update_curr(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_task *t = eevdf_curr(s, c);
	uint64_t delta;
	bool rs;

	if (!t)
		return;
	delta = s->now - t->vr_exec_start;
	if ((int64_t)delta <= 0)
		return;
	t->vr_exec_start = s->now;
	t->vruntime += calc_delta_fair(delta, t);
	rs = eevdf_update_deadline(s, t);
	if (c->nr_cfs == 1) /* cfs_rq->nr_queued */
		return;
	if (rs || !eevdf_protected(t))
		resched(c); /* clear_buddies(): no next buddy (below) */
}

/*
 * update_entity_lag(): vlag = avg_vruntime() - vruntime, clamped to
 * +-calc_delta_fair(limit): v6.19 limit max(2 slice, TICK_NSEC); v7.1
 * entity_lag() cfs_rq_max_slice() + TICK_NSEC, and for a delayed entity
 * at least the lag it had when delayed, at most 0 (DELAY_ZERO). Returns
 * v7.1's "vlag modified" (avg - vlag != vruntime).
 */
static bool eevdf_update_lag(struct eas_sim *s, struct sim_cpu *c,
			     struct sim_task *t)
{
	uint64_t avr = eevdf_avg_vruntime(s, c);
	int64_t vlag = (int64_t)(avr - t->vruntime), limit;

	if (s->k == EAS_KERNEL_V7_1) {
		limit = (int64_t)calc_delta_fair(
			eevdf_max_slice(s, c) + s->tick_ns, t);
	} else {
		uint64_t l = 2 * t->slice;

		limit = (int64_t)calc_delta_fair(
			l > s->tick_ns ? l : s->tick_ns, t);
	}
	if (vlag < -limit)
		vlag = -limit;
	if (vlag > limit)
		vlag = limit;
	if (s->k == EAS_KERNEL_V7_1 && t->delayed) {
		if (t->vlag > vlag)
			vlag = t->vlag;
		if (vlag > 0)
			vlag = 0;
	}
	t->vlag = vlag;
	return avr - (uint64_t)vlag != t->vruntime;
}

/*
 * place_entity(): vruntime = avg_vruntime() - lag, the lag (PLACE_LAG,
 * when something is queued) inflated by (W + w) / W so that it survives
 * the entity's own weight in the average; deadline = vruntime + the
 * virtual slice (half of it for ENQUEUE_INITIAL, PLACE_DEADLINE_INITIAL),
 * or the relative deadline kept by a migration (PLACE_REL_DEADLINE).
 * nr_queued excludes t (account_entity_enqueue() comes after).
 */
static void eevdf_place(struct eas_sim *s, struct sim_cpu *c,
			struct sim_task *t, uint32_t nr_queued, bool initial)
{
	uint64_t vslice, v = eevdf_avg_vruntime(s, c);
	int64_t lag = 0;

	if (!t->custom_slice)
		t->slice = eevdf_base_slice(s);
	vslice = calc_delta_fair(t->slice, t);
	if (nr_queued && t->vlag) {
		const struct sim_task *cu = eevdf_curr_on_rq(s, c);
		int64_t load = c->avg_load;

		if (cu)
			load += (int64_t)cu->weight;
		lag = t->vlag * (load + (int64_t)t->weight);
		if (!load)
			load = 1;
		lag /= load; /* div_s64() / div64_long(): truncation */
	}
	t->vruntime = v - (uint64_t)lag;
	if (t->rel_deadline) {
		t->deadline += t->vruntime;
		t->rel_deadline = false;
		return;
	}
	if (initial)
		vslice /= 2;
	t->deadline = t->vruntime + vslice;
}

/*
 * __pick_eevdf(): with one entity queued, it; else an eligible curr still
 * in its protected slice (protect); else the eligible entity with the
 * earliest deadline (the tree's first eligible in deadline order, equal
 * deadlines in insertion order), curr instead when its deadline is
 * strictly earlier. PICK_BUDDY: cfs_rq->next is only set by NEXT_BUDDY
 * (off) and for group entities, so never here.
 */
static int32_t eevdf_pick(struct eas_sim *s, struct sim_cpu *c, bool protect)
{
	struct sim_task *cu = eevdf_curr_on_rq(s, c);
	const struct sim_task *best = NULL;
	uint32_t i;

	if (c->nr_cfs == 1 || (!cu && c->cfs.n == 1) || !c->cfs.n) {
		if (cu)
			return (int32_t)cu->idx;
		for (i = 0; i < c->cfs.n; i++) {
			const struct sim_task *t = &s->tasks[c->cfs.v[i]];

			if (!best || eevdf_before_in_tree(t, best))
				best = t;
		}
		return best ? (int32_t)best->idx : -1;
	}
	if (cu && !eevdf_eligible(s, c, cu))
		cu = NULL;
	if (cu && protect && eevdf_protected(cu))
		return (int32_t)cu->idx;
	for (i = 0; i < c->cfs.n; i++) {
		const struct sim_task *t = &s->tasks[c->cfs.v[i]];

		if (eevdf_eligible(s, c, t) &&
		    (!best || eevdf_before_in_tree(t, best)))
			best = t;
	}
	if (!best || (cu && (int64_t)(cu->deadline - best->deadline) < 0))
		best = cu;
	return best ? (int32_t)best->idx : -1;
}

static void eevdf_finish_delayed(struct eas_sim *s, struct sim_cpu *c,
				 struct sim_task *t);

/* pick_task_fair() / v7.1 pick_next_entity(): a picked delayed entity is
 * dequeued now (dequeue_entities(DEQUEUE_SLEEP | DEQUEUE_DELAYED)) and
 * the pick is made again */
static int32_t eevdf_pick_next(struct eas_sim *s, struct sim_cpu *c,
			       bool protect)
{
	for (;;) {
		int32_t p = eevdf_pick(s, c, protect);

		if (p < 0 || !s->tasks[p].delayed)
			return p;
		eevdf_finish_delayed(s, c, &s->tasks[p]);
	}
}

/*
 * The rest of a delayed dequeue (dequeue_entities(DEQUEUE_DELAYED)):
 * update_curr(), the task's load signal, update_entity_lag(), out of the
 * tree (or off the rq as curr), account_entity_dequeue(); v6.19
 * finish_delayed_dequeue_entity() zeroes a positive lag (DELAY_ZERO),
 * v7.1 clamped it in update_entity_lag() already.
 */
static void eevdf_finish_delayed(struct eas_sim *s, struct sim_cpu *c,
				 struct sim_task *t)
{
	eevdf_update_curr(s, c);
	task_pelt(s, t);
	eevdf_update_lag(s, c, t);
	if (t->in_tree)
		eevdf_tree_remove(s, c, t);
	t->delayed = false;
	c->nr_delayed--;
	c->nr_cfs--;
	c->cfs_weight -= t->weight;
	c->nr_running--;
	if (s->k != EAS_KERNEL_V7_1 && t->vlag > 0)
		t->vlag = 0;
}

/*
 * requeue_delayed_entity() (a wake-up of a delayed task, ttwu_runnable()):
 * v6.19 DELAY_ZERO: a positive lag is dropped and the entity re-placed at
 * zero lag; v7.1: re-placed with the lag update_entity_lag() computed
 * whenever that differs from where it is. Then clear_delayed().
 */
static void eevdf_requeue_delayed(struct eas_sim *s, struct sim_cpu *c,
				  struct sim_task *t)
{
	bool replace = eevdf_update_lag(s, c, t);

	if (s->k != EAS_KERNEL_V7_1) {
		replace = t->vlag > 0;
		if (replace)
			t->vlag = 0;
	}
	if (replace) {
		bool was = t->in_tree;

		if (was)
			eevdf_tree_remove(s, c, t);
		eevdf_place(s, c, t, c->nr_cfs - 1, false);
		if (was)
			eevdf_tree_add(s, c, t);
	}
	task_pelt(s, t);
	t->delayed = false;
	c->nr_delayed--;
}

/*
 * check_preempt_wakeup_fair() (v7.1 wakeup_preempt_fair()) for wakee t
 * and the CFS curr: a SCHED_IDLE curr yields to a non-idle wakee; only
 * SCHED_NORMAL wakees go on; update_curr(); PREEMPT_SHORT (a shorter
 * slice: pick without the protection, then cancel curr's); a fork or a
 * delayed wakee stops here; else preempt when __pick_eevdf() would run
 * the wakee, otherwise shorten curr's protection to the smallest slice
 * (RUN_TO_PARITY). v7.1 picks through pick_next_entity(), which dequeues
 * a picked delayed entity and picks again.
 */
static void eevdf_check_preempt(struct eas_sim *s, struct sim_cpu *c,
				struct sim_task *curr, struct sim_task *t,
				bool fork)
{
	bool cidle = curr->policy == EAS_POLICY_IDLE;
	bool pidle = t->policy == EAS_POLICY_IDLE;
	bool shrt = false;
	int32_t p;

	if (c->need_resched) /* test_tsk_need_resched(rq->curr) */
		return;
	if (cidle && !pidle) {
		eevdf_cancel_protect(curr);
		resched(c);
		return;
	}
	if (cidle != pidle)
		return;
	if (t->policy != EAS_POLICY_NORMAL) /* normal_policy() */
		return;
	eevdf_update_curr(s, c);
	if (t->slice < curr->slice) {
		shrt = true;
	} else if (fork || t->delayed) {
		return;
	}
	if (s->k == EAS_KERNEL_V7_1)
		p = eevdf_pick_next(s, c, !shrt);
	else
		p = eevdf_pick(s, c, !shrt);
	if (p == (int32_t)t->idx) {
		if (shrt)
			eevdf_cancel_protect(curr);
		resched(c);
		return;
	}
	eevdf_update_protect(s, c, curr);
}

static bool rt_equal_prio_preempts(struct eas_sim *s,
				   const struct sim_task *curr,
				   const struct sim_task *p);

/* check_preempt_curr() for a task just enqueued on c. */
static void check_preempt(struct eas_sim *s, struct sim_cpu *c,
			  struct sim_task *t, bool fork)
{
	const struct sim_task *curr;

	if (c->curr < 0) {
		resched(c);
		return;
	}
	curr = &s->tasks[c->curr];
	if (curr->kind == SIM_TK_STOPPER)
		return;
	if (t->kind == SIM_TK_STOPPER) {
		resched(c);
		return;
	}
	if (eas__sim_is_dl(t) || eas__sim_is_dl(curr)) {
		/* SCHED_DEADLINE above RT and CFS */
		eas__sim_dl_check_preempt(s, c, t);
		return;
	}
	if (is_rt(t)) {
		if (!is_rt(curr) || task_kprio(t) < task_kprio(curr))
			resched(c);
		else if (task_kprio(t) == task_kprio(curr) &&
			 !c->need_resched &&
			 rt_equal_prio_preempts(s, curr, t)) {
			/* requeue_task_rt(rq, p, 1) */
			c->rt_requeue_head = (int32_t)t->idx;
			resched(c);
		}
		return;
	}
	if (is_rt(curr))
		return;
	if (s->k == EAS_KERNEL_V5_4) {
		/* v5.4 check_preempt_wakeup() (NEXT_BUDDY off, LAST_BUDDY on) */
		bool scale =
			c->nr_cfs >= 8; /* nr_running >= sched_nr_latency */

		if (c->need_resched) /* test_tsk_need_resched(curr) */
			return;
		if (curr->policy == EAS_POLICY_IDLE &&
		    t->policy != EAS_POLICY_IDLE) {
			resched(c); /* preempt: */
		} else {
			/* SCHED_BATCH / SCHED_IDLE wakees do not preempt */
			if (t->policy != EAS_POLICY_NORMAL)
				return;
			update_curr_fair(s, c);
			if (wakeup_preempt_entity(s, curr, t) != 1)
				return;
			/* set_next_buddy(pse): not for SCHED_IDLE tasks */
			c->cfs_next = (int32_t)t->idx;
			resched(c);
		}
		/* preempt: set_last_buddy(se) with scale, curr on the rq */
		if (scale && curr->state == SIM_TS_RUNNING &&
		    curr->policy != EAS_POLICY_IDLE)
			c->cfs_last = (int32_t)curr->idx;
		return;
	}
	/* v6.19 / v7.1: EEVDF wake-up preemption of the CFS curr */
	if (curr->state == SIM_TS_RUNNING)
		eevdf_check_preempt(s, c, &s->tasks[curr->idx], t, fork);
}

/*
 * uclamp_rq_inc() / uclamp_rq_dec() (core.c enqueue_task() /
 * dequeue_task(), before the class's enqueue / dequeue): every task of a
 * class with uclamp_enabled (fair, rt: not the stopper) while uclamp is
 * used; dec takes the values inc used (p->uclamp[].active / value).
 */
static void uclamp_inc(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t)
{
	if (!(s->features & EAS_FEAT_UCLAMP_USED) ||
	    t->kind == SIM_TK_STOPPER || t->uc_active)
		return;
	/* an RT task without util_min requests the RT default (1024),
	 * which uclamp_class_defaults() put in uclamp_min */
	t->uc_min = (uint32_t)t->uclamp_min;
	t->uc_max = (uint32_t)t->uclamp_max;
	eas_uclamp_rq_inc(&c->uc, t->uc_min, t->uc_max);
	t->uc_active = true;
}

static void uclamp_dec(struct sim_cpu *c, struct sim_task *t)
{
	if (!t->uc_active)
		return;
	eas_uclamp_rq_dec(&c->uc, t->uc_min, t->uc_max);
	t->uc_active = false;
}

static void enqueue(struct eas_sim *s, struct sim_task *t, uint32_t cpu,
		    bool wakeup, bool fork)
{
	struct sim_cpu *c = &s->cpus[cpu];
	struct eas_system sys;
	bool queued = true;

	update_cpu(s, c);
	t->cpu = (int32_t)cpu;
	uclamp_inc(s, c, t);
	/* enqueue_entity(): update_load_avg() sees se->on_rq == 0, so the
	 * time since the last update counts as blocked */
	if (is_cfs(t) && !t->avg_detached)
		task_pelt(s, t);
	/* a delayed task moved by the balancer stays delayed (its
	 * enqueue_task_fair() is not a wake-up) */
	if (!t->delayed)
		t->state = SIM_TS_RUNNABLE;
	if (t->kind == SIM_TK_STOPPER) {
		c->stopper_queued = true;
	} else if (eas__sim_is_dl(t)) {
		/* SCHED_DEADLINE: a throttled task waits for its timer */
		queued = eas__sim_dl_enqueue(s, c, t, wakeup, fork);
	} else if (is_rt(t)) {
		vec_push(&c->rt, t->idx);
		c->nr_rt++;
		rt_start_bandwidth(s); /* inc_rt_group() */
	} else {
		fs_start(s, c); /* dl_server_start() */
		if (t->avg_detached)
			attach_avg(s, t);
		if (!t->delayed)
			util_est_enqueue(s, c, t);
		if (eevdf(s)) {
			/* enqueue_entity(): update_curr(), place_entity(),
			 * account_entity_enqueue(), __enqueue_entity() */
			enum sim_task_state st = t->state;

			/* woken while still c's curr (before its CPU's
			 * schedule()): placed as the entity off the rq it is */
			if (c->curr == (int32_t)t->idx)
				t->state = SIM_TS_SLEEPING;
			eevdf_update_curr(s, c);
			eevdf_place(s, c, t, c->nr_cfs, fork);
			t->state = st;
			eevdf_tree_add(s, c, t);
			c->nr_cfs++;
			c->cfs_weight += t->weight;
			if (t->delayed)
				c->nr_delayed++;
			goto enqueued;
		}
		update_curr_fair(s, c); /* v5.4 enqueue_entity() */
		if (fork) {
			t->vruntime = c->min_vruntime;
		} else if (wakeup) {
			/* place_entity(): GENTLE_FAIR_SLEEPERS */
			uint64_t v =
				c->min_vruntime -
				(SCHED_LATENCY_NS * tunable_factor(s) >> 1);

			if ((int64_t)(t->vruntime - v) < 0)
				t->vruntime = v;
		}
		vec_push(&c->cfs, t->idx);
		c->nr_cfs++;
		c->cfs_weight += t->weight;
	}
enqueued:
	if (!queued)
		return;
	c->nr_running++;
	check_preempt(s, c, t, fork);
	if (is_cfs(t)) {
		fill_rq(s, cpu);
		fill_sys(s, &sys);
		set_overutilized(
			s, eas_overutilized_update(&sys, cpu,
						   fork ? EAS_OU_ENQUEUE_NEW :
							  EAS_OU_ENQUEUE,
						   s->overutilized));
	}
}

/* Remove a queued (not running) task from its cpu. Returns the cpu's
 * min_vruntime that v5.4 dequeue_entity() normalises t's vruntime with
 * (after update_curr(), before its closing update_min_vruntime()). */
static uint64_t dequeue_queued(struct eas_sim *s, struct sim_task *t)
{
	struct sim_cpu *c = &s->cpus[t->cpu];
	uint64_t min_vruntime;

	update_cpu(s, c);
	uclamp_dec(c, t);
	if (s->k == EAS_KERNEL_V5_4 && is_cfs(t))
		update_curr_fair(s, c); /* dequeue_entity() */
	min_vruntime = c->min_vruntime;
	if (eas__sim_is_dl(t)) {
		eas__sim_dl_dequeue_queued(s, c, t); /* SCHED_DEADLINE */
	} else if (is_rt(t)) {
		vec_remove(&c->rt, t->idx);
		c->nr_rt--;
	} else if (eevdf(s)) {
		/* dequeue_entity() without DEQUEUE_SLEEP (a migration):
		 * update_curr(), update_entity_lag(), the deadline made
		 * relative (PLACE_REL_DEADLINE), __dequeue_entity(); a
		 * delayed task leaves delayed, without util_est */
		eevdf_update_curr(s, c);
		task_pelt(s, t);
		if (!t->delayed)
			util_est_dequeue(s, c, t);
		eevdf_update_lag(s, c, t);
		t->deadline -= t->vruntime;
		t->rel_deadline = true;
		eevdf_tree_remove(s, c, t);
		c->nr_cfs--;
		c->cfs_weight -= t->weight;
		if (t->delayed)
			c->nr_delayed--;
	} else {
		task_pelt(s, t);
		vec_remove(&c->cfs, t->idx);
		if (s->k == EAS_KERNEL_V5_4) {
			clear_buddies(c, t);
			update_min_vruntime(s, c);
		}
		util_est_dequeue(s, c, t);
		c->nr_cfs--;
		c->cfs_weight -= t->weight;
	}
	c->nr_running--;
	return min_vruntime;
}

/* Move a queued task to dst (load balance / active balance). */
static void migrate_queued(struct eas_sim *s, struct sim_task *t, uint32_t dst)
{
	struct sim_cpu *src = &s->cpus[t->cpu];
	uint32_t from = (uint32_t)t->cpu;
	uint64_t src_min = dequeue_queued(s, t);

	detach_avg(s, t);
	if (is_cfs(t) && eevdf(s)) {
		/* EEVDF carries vlag and the relative deadline instead */
		update_cpu(s, &s->cpus[dst]);
	} else if (is_cfs(t)) {
		update_cpu(s, &s->cpus[dst]);
		if (s->k == EAS_KERNEL_V5_4) {
			/* dequeue_entity() -= src min_vruntime,
			 * enqueue_entity() update_curr() then += dst's */
			update_curr_fair(s, &s->cpus[dst]);
		} else {
			src_min = src->min_vruntime;
			update_min_vruntime(s, &s->cpus[dst]);
		}
		t->vruntime = t->vruntime - src_min + s->cpus[dst].min_vruntime;
	}
	if (s->tr_tmp)
		trace_ev(
			s, from,
			"sched_migrate_task: comm=%s pid=%u prio=%d orig_cpu=%u dest_cpu=%u",
			t->comm, t->pid, task_kprio(t), from, dst);
	t->migrations++;
	s->migrations++;
	enqueue(s, t, dst, false, false);
}

/* SCHED_DEADLINE hooks: push / pull move a queued DL task */
void eas__sim_migrate_queued(struct eas_sim *s, struct sim_task *t,
			     uint32_t dst)
{
	migrate_queued(s, t, dst);
}

static void schedule(struct eas_sim *s, struct sim_cpu *c);
static void task_step(struct eas_sim *s, struct sim_task *t);

static void schedule_if_needed(struct eas_sim *s, struct sim_cpu *c)
{
	/* a CPU inside its own __schedule() (newidle balance pulling a task
	 * to it) picks again itself: never nest */
	if (c->need_resched && !c->in_schedule)
		schedule(s, c);
}

/* ---------------------------------------------------------------------- */
/* RT class: cpupri, find_lowest_rq(), push / pull (kernel/sched/rt.c)      */
/* ---------------------------------------------------------------------- */

/* rq->rt.highest_prio.curr: the kernel prio of the highest RT task queued
 * or running on c, MAX_RT_PRIO (100) when none */
static int rt_highest_prio(const struct eas_sim *s, const struct sim_cpu *c)
{
	int hp = 100;
	uint32_t i;

	/* the stopper (stop class) is not on the rt_rq, nor is a curr that
	 * has just blocked or exited (inside __schedule()) */
	if (c->curr >= 0 && is_rt(&s->tasks[c->curr]) &&
	    s->tasks[c->curr].kind != SIM_TK_STOPPER &&
	    s->tasks[c->curr].state == SIM_TS_RUNNING)
		hp = task_kprio(&s->tasks[c->curr]);
	for (i = 0; i < c->rt.n; i++)
		if (task_kprio(&s->tasks[c->rt.v[i]]) < hp)
			hp = task_kprio(&s->tasks[c->rt.v[i]]);
	return hp;
}

/* cpupri of a CPU / of a task (convert_prio()): only the order matters,
 * so one scale serves both flavours: 0 = CPUPRI_NORMAL (no RT task; an
 * idle CPU too: CPUPRI_IDLE is never set), RT kernel prio p -> 100 - p */
static int cpupri_of_cpu(const struct eas_sim *s, const struct sim_cpu *c)
{
	int hp = rt_highest_prio(s, c);

	return hp >= 100 ? 0 : 100 - hp;
}

static bool rt_asym_active(const struct eas_sim *s)
{
	uint32_t cpu;

	for (cpu = 0; cpu < s->pf->nr_cpus; cpu++)
		if (s->pf->cpus[cpu].sd_asym >= 0)
			return true;
	return false;
}

/*
 * v6.19 rt_task_fits_capacity(): true without an asymmetric-capacity
 * domain (sched_asym_cpucap_active()) or without CONFIG_UCLAMP_TASK, else
 * capacity >= min(uclamp_min, uclamp_max); an RT task's uclamp_min is
 * sysctl_sched_uclamp_util_min_rt_default (1024) unless it set util_min.
 * v5.4 has no RT capacity awareness.
 */
static bool rt_task_fits_capacity(const struct eas_sim *s,
				  const struct sim_task *t, uint32_t cpu)
{
	uint64_t mn, mx;

	if (s->k == EAS_KERNEL_V5_4 || !(s->features & EAS_FEAT_UCLAMP_BUILT))
		return true;
	if (!rt_asym_active(s))
		return true;
	mn = t->uclamp_min;
	mx = t->uclamp_max;
	return s->cpus[cpu].cap >= (mn < mx ? mn : mx);
}

/*
 * cpupri_find() / v6.19 cpupri_find_fitness(): the allowed CPUs of the
 * lowest cpupri below the task's; with fitness, CPUs p does not fit are
 * dropped and an emptied level is skipped, and when no level is left the
 * search is redone without fitness. mask[cpu] = 1 for the result.
 */
static bool cpupri_find(const struct eas_sim *s, const struct sim_task *t,
			uint8_t *mask, bool fitness)
{
	int task_pri = 100 - task_kprio(t), idx;
	uint32_t cpu;

	for (idx = 0; idx < task_pri; idx++) {
		bool any = false;

		for (cpu = 0; cpu < s->nr_cpus; cpu++) {
			mask[cpu] = eas_mask_test(t->allowed, cpu) &&
				    cpupri_of_cpu(s, &s->cpus[cpu]) == idx;
			if (mask[cpu] && fitness &&
			    !rt_task_fits_capacity(s, t, cpu))
				mask[cpu] = 0;
			any |= mask[cpu];
		}
		if (any)
			return true;
	}
	if (fitness)
		return cpupri_find(s, t, mask, false);
	return false;
}

/*
 * check_preempt_equal_prio() (v5.4 check_preempt_curr_rt(), v6.19
 * wakeup_preempt_rt(): p of curr's priority, no reschedule pending): p
 * goes ahead of curr when curr can run on a lower-priority CPU
 * (cpupri_find() without fitness) and p cannot (pinned, or no such CPU);
 * curr is then pushed away after the switch.
 */
static bool rt_equal_prio_preempts(struct eas_sim *s,
				   const struct sim_task *curr,
				   const struct sim_task *p)
{
	if (curr->nr_allowed == 1 || !cpupri_find(s, curr, s->rt_mask, false))
		return false;
	if (p->nr_allowed != 1 && cpupri_find(s, p, s->rt_mask, false))
		return false;
	return true;
}

/*
 * find_lowest_rq(): -1 when t is pinned or no CPU runs lower-priority
 * work; else from the lowest mask: t's CPU, then this_cpu when in the mask
 * and in the span of the lowest SD_WAKE_AFFINE domain of t's CPU, else the
 * first (v5.4 cpumask_first_and()) / next-distributed (v6.19
 * cpumask_any_and_distribute(), this_cpu's distribute_cpu_mask_prev) mask
 * CPU of that domain, going up the domains; then this_cpu, then any mask
 * CPU.
 */
static int32_t find_lowest_rq(struct eas_sim *s, const struct sim_task *t,
			      uint32_t this_cpu)
{
	uint8_t *mask = s->rt_mask;
	uint32_t cpu = (uint32_t)t->cpu, l, i, nr;
	bool this_in;

	if (t->nr_allowed == 1)
		return -1;
	if (!cpupri_find(s, t, mask,
			 s->k != EAS_KERNEL_V5_4 && rt_asym_active(s)))
		return -1;
	if (mask[cpu])
		return (int32_t)cpu;
	this_in = this_cpu < s->nr_cpus && mask[this_cpu];
	for (l = 0; l < s->pf->nr_levels; l++) {
		const uint32_t *span;

		if (!(eas_sd_flags(s->pf, l, cpu) & EAS_SD_WAKE_AFFINE))
			continue;
		if (this_in && eas_sd_contains(s->pf, l, cpu, this_cpu))
			return (int32_t)this_cpu;
		span = eas_sd_span(s->pf, l, cpu, &nr);
		if (s->k == EAS_KERNEL_V5_4) {
			for (i = 0; i < nr; i++)
				if (mask[span[i]])
					return (int32_t)span[i];
		} else {
			struct sim_cpu *tc = &s->cpus[this_cpu];

			for (i = 1; i <= s->nr_cpus; i++) {
				uint32_t n =
					(tc->distribute_prev + i) % s->nr_cpus;

				if (mask[n] &&
				    eas_sd_contains(s->pf, l, cpu, n)) {
					tc->distribute_prev = n;
					return (int32_t)n;
				}
			}
		}
	}
	if (this_in)
		return (int32_t)this_cpu;
	if (s->k == EAS_KERNEL_V5_4) {
		for (i = 0; i < s->nr_cpus; i++)
			if (mask[i])
				return (int32_t)i;
	} else {
		/* cpumask_any_distribute() */
		struct sim_cpu *tc = &s->cpus[this_cpu];

		for (i = 1; i <= s->nr_cpus; i++) {
			uint32_t n = (tc->distribute_prev + i) % s->nr_cpus;

			if (mask[n]) {
				tc->distribute_prev = n;
				return (int32_t)n;
			}
		}
	}
	return -1;
}

/* pick_next_pushable_task(): the highest-priority queued RT task that may
 * run elsewhere (first in queue order among equals), -1 none */
static int32_t rt_pushable(const struct eas_sim *s, const struct sim_cpu *c)
{
	int32_t best = -1;
	uint32_t i;

	for (i = 0; i < c->rt.n; i++) {
		const struct sim_task *t = &s->tasks[c->rt.v[i]];

		if (t->nr_allowed < 2)
			continue;
		if (best < 0 || task_kprio(t) < task_kprio(&s->tasks[best]))
			best = (int32_t)t->idx;
	}
	return best;
}

/*
 * push_rt_task() on c: the highest pushable task goes to
 * find_lock_lowest_rq()'s CPU when that CPU's highest RT priority is below
 * the task's; a pushable task above curr only reschedules c; when no CPU
 * takes the first candidate, the push stops (the next pushable task is
 * the same one). Returns the destination, or -1.
 */
static int32_t push_rt_task(struct eas_sim *s, struct sim_cpu *c)
{
	int32_t n = rt_pushable(s, c), dst;
	struct sim_task *t;

	if (n < 0 || c->curr < 0)
		return -1;
	t = &s->tasks[n];
	if (task_kprio(t) < task_kprio(&s->tasks[c->curr])) {
		resched(c);
		return -1;
	}
	dst = find_lowest_rq(s, t, c->id);
	if (dst < 0 || (uint32_t)dst == c->id ||
	    rt_highest_prio(s, &s->cpus[dst]) <= task_kprio(t))
		return -1;
	migrate_queued(s, t, (uint32_t)dst);
	s->rt_pushes++;
	return dst;
}

/*
 * push_rt_tasks(): push while something moves. Each destination was
 * marked for rescheduling (resched_curr(lowest_rq)); the reschedule runs
 * when the current event is done (rt_push_resched(), same instant): a push
 * can happen inside a thread's rt-app step or inside __schedule(), where a
 * nested switch of the destination (possibly that very CPU) is not safe.
 */
static void push_rt_tasks(struct eas_sim *s, struct sim_cpu *c)
{
	int32_t dst;
	uint32_t guard = 0;

	while (guard++ < s->nr_tasks + 1 && (dst = push_rt_task(s, c)) >= 0) {
		sugov_update(s, c->id);
		sugov_update(s, (uint32_t)dst);
		s->rt_resched_pending = true;
	}
}

/* The reschedules that pushes left pending, at the end of an event. */
static void rt_push_resched(struct eas_sim *s)
{
	uint32_t i;

	while (s->rt_resched_pending) {
		s->rt_resched_pending = false;
		for (i = 0; i < s->nr_cpus; i++)
			schedule_if_needed(s, &s->cpus[i]);
	}
}

/*
 * pull_rt_task() on c with RT_PUSH_IPI (on by default in both flavours):
 * nothing unless some CPU is RT-overloaded (has a pushable task) other than
 * c alone; then tell_cpu_to_push(): the overloaded CPUs, in rto_mask order
 * from the first, each run push_rt_tasks() on their own run queue (the
 * IPI's latency is not modelled).
 */
static void pull_rt_task(struct eas_sim *s, struct sim_cpu *c)
{
	uint32_t i, count = 0;
	bool self = false;

	for (i = 0; i < s->nr_cpus; i++)
		if (rt_pushable(s, &s->cpus[i]) >= 0) {
			count++;
			self |= i == c->id;
		}
	if (!count || (count == 1 && self))
		return;
	for (i = 0; i < s->nr_cpus; i++)
		if (rt_pushable(s, &s->cpus[i]) >= 0)
			push_rt_tasks(s, &s->cpus[i]);
}

/* task_woken_rt() after an RT wake-up (or wake_up_new_task()) on c: push
 * when t waits behind an RT curr it does not preempt and c is not already
 * rescheduling */
static void task_woken_rt(struct eas_sim *s, struct sim_cpu *c,
			  const struct sim_task *t)
{
	const struct sim_task *curr;

	if (c->curr < 0 || c->curr == (int32_t)t->idx || c->need_resched ||
	    t->nr_allowed < 2)
		return;
	curr = &s->tasks[c->curr];
	if (is_rt(curr) &&
	    (curr->nr_allowed < 2 || task_kprio(curr) <= task_kprio(t)))
		push_rt_tasks(s, c);
}

/* ---------------------------------------------------------------------- */
/* RT bandwidth: v5.4 RT throttling, v6.19/v7.1 the fair server            */
/* ---------------------------------------------------------------------- */

#define SIM_RT_PERIOD_NS 1000000000ull	    /* sched_rt_period_us 1000000 */
#define SIM_RT_RUNTIME_NS 950000000ull	    /* sched_rt_runtime_us 950000 */
#define SIM_FS_RUNTIME_NS 50000000ll	    /* fair_server_init(): 50 ms */
#define SIM_FS_PERIOD_NS 1000000000ull	    /* per 1000 ms */
#define SIM_DL_SERVER_MIN_RES_NS 1000000ull /* dl_server_min_res */

/* v5.4 do_balance_runtime() (RT_RUNTIME_SHARE): borrow from the other
 * CPUs of the root domain, 1/weight of each one's spare runtime, up to
 * the period */
static void rt_balance_runtime(struct eas_sim *s, struct sim_cpu *c)
{
	uint32_t i;

	if (c->rt_time <= c->rt_runtime)
		return; /* balance_runtime() */
	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *it = &s->cpus[i];
		int64_t diff;

		if (it == c)
			continue;
		diff = (int64_t)(it->rt_runtime - it->rt_time);
		if (diff <= 0)
			continue;
		diff = (int64_t)((uint64_t)diff / s->nr_cpus);
		if (c->rt_runtime + (uint64_t)diff > SIM_RT_PERIOD_NS)
			diff = (int64_t)(SIM_RT_PERIOD_NS - c->rt_runtime);
		it->rt_runtime -= (uint64_t)diff;
		c->rt_runtime += (uint64_t)diff;
		if (c->rt_runtime == SIM_RT_PERIOD_NS)
			break;
	}
}

/* v5.4 sched_rt_runtime_exceeded() */
static bool rt_runtime_exceeded(struct eas_sim *s, struct sim_cpu *c)
{
	if (c->rt_throttled)
		return true;
	if (c->rt_runtime >= SIM_RT_PERIOD_NS)
		return false;
	rt_balance_runtime(s, c);
	if (c->rt_time > c->rt_runtime) {
		c->rt_throttled = true; /* sched_rt_rq_dequeue() */
		return true;
	}
	return false;
}

/* v5.4 update_curr_rt(): the RT curr's time since its last update counts
 * in rt_rq->rt_time; past the runtime the rt_rq throttles (resched) */
static void update_curr_rt(struct eas_sim *s, struct sim_cpu *c)
{
	const struct sim_task *t;

	if (s->k != EAS_KERNEL_V5_4 || c->curr < 0)
		return;
	t = &s->tasks[c->curr];
	if (!is_rt(t) || t->kind == SIM_TK_STOPPER || s->now <= c->rt_exec)
		return;
	c->rt_time += s->now - c->rt_exec;
	c->rt_exec = s->now;
	if (rt_runtime_exceeded(s, c))
		resched(c);
}

/* v5.4 start_rt_bandwidth() at an RT enqueue: the period timer, when not
 * active, fires at once (a no-op: every rt_time is 0 when it stopped)
 * and then every period */
static void rt_start_bandwidth(struct eas_sim *s)
{
	if (s->k != EAS_KERNEL_V5_4 || s->rt_period_active)
		return;
	s->rt_period_active = true;
	ev_push(s, s->now + SIM_RT_PERIOD_NS, SIM_EV_RT_PERIOD, 0, 0);
}

/* v5.4 sched_rt_period_timer() -> do_sched_rt_period_timer(overrun 1) */
static void rt_period_timer(struct eas_sim *s)
{
	bool idle = true;
	uint32_t i;

	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *c = &s->cpus[i];

		if (!c->rt_time && !c->nr_rt)
			continue;
		if (c->rt_time) {
			uint64_t runtime;

			if (c->rt_throttled)
				rt_balance_runtime(s, c);
			runtime = c->rt_runtime;
			c->rt_time -=
				c->rt_time < runtime ? c->rt_time : runtime;
			if (c->rt_throttled && c->rt_time < runtime) {
				update_cpu(s, c);
				c->rt_throttled = false;
				/* sched_rt_rq_enqueue() */
				if (c->nr_rt)
					resched(c);
			}
			if (c->rt_time || c->nr_rt)
				idle = false;
		} else if (c->nr_rt) {
			idle = false;
		}
	}
	if (idle)
		s->rt_period_active = false;
	else
		ev_push(s, s->now + SIM_RT_PERIOD_NS, SIM_EV_RT_PERIOD, 0, 0);
	for (i = 0; i < s->nr_cpus; i++)
		schedule_if_needed(s, &s->cpus[i]);
}

static void fs_arm(struct eas_sim *s, struct sim_cpu *c, uint64_t at)
{
	c->fs_gen++;
	ev_push(s, at, SIM_EV_FSRV, c->id, c->fs_gen);
}

/* replenish_dl_new_period() of the deferred server: deadline one period
 * after start, full runtime, the timer at the zero-laxity time */
static void fs_new_period(struct eas_sim *s, struct sim_cpu *c, uint64_t start)
{
	c->fs_deadline = start + SIM_FS_PERIOD_NS;
	c->fs_runtime = SIM_FS_RUNTIME_NS;
	c->fs_phase = SIM_FS_DEFERRED;
	fs_arm(s, c, c->fs_deadline - (uint64_t)c->fs_runtime);
}

/* v6.19 enqueue_task_fair(): dl_server_start() when the first CFS task
 * is queued on the rq */
static void fs_start(struct eas_sim *s, struct sim_cpu *c)
{
	if (s->k == EAS_KERNEL_V5_4 || c->fs_phase != SIM_FS_OFF)
		return;
	fs_new_period(s, c, s->now);
}

/* v6.19 update_curr() -> dl_server_update(): CFS ran delta ns on c. A
 * deferred server whose runtime was used in the background starts a new
 * period from now; a running server that used it up waits for its
 * deadline (throttled) */
static void fs_consume(struct eas_sim *s, struct sim_cpu *c, uint64_t delta)
{
	if (c->fs_phase == SIM_FS_OFF || !delta)
		return;
	c->fs_runtime -= (int64_t)delta;
	if (c->fs_runtime > 0)
		return;
	if (c->fs_phase == SIM_FS_RUNNING) {
		c->fs_phase = SIM_FS_WAIT;
		resched(c);
		fs_arm(s, c, c->fs_deadline > s->now ? c->fs_deadline : s->now);
	} else {
		fs_new_period(s, c, s->now);
	}
}

/* The fair server's timer on c (dl_server_timer(), simplified) */
static void fs_timer(struct eas_sim *s, struct sim_cpu *c)
{
	update_cpu(s, c);
	if (!c->nr_cfs) {
		/* no CFS task left: the server stops */
		c->fs_phase = SIM_FS_OFF;
		return;
	}
	switch (c->fs_phase) {
	case SIM_FS_DEFERRED:
		if (s->now + SIM_DL_SERVER_MIN_RES_NS <
		    c->fs_deadline - (uint64_t)c->fs_runtime) {
			/* runtime consumed in the background: forward */
			fs_arm(s, c, c->fs_deadline - (uint64_t)c->fs_runtime);
			break;
		}
		/* zero laxity: dl_defer_running, enqueued above RT */
		c->fs_phase = SIM_FS_RUNNING;
		resched(c);
		fs_arm(s, c, s->now + (uint64_t)c->fs_runtime);
		break;
	case SIM_FS_RUNNING:
		fs_arm(s, c, s->now + (uint64_t)c->fs_runtime);
		break;
	case SIM_FS_WAIT:
		fs_new_period(s, c, s->now);
		break;
	default:
		break;
	}
	schedule_if_needed(s, c);
}

/* ---------------------------------------------------------------------- */
/* load balance                                                            */
/* ---------------------------------------------------------------------- */

/* Build the CFS task list of src for balance.h: head = most recently
 * picked (rq->cfs_tasks order). */
static int cmp_lb_key(const void *a, const void *b)
{
	const struct sim_lb_key *x = a, *y = b;

	if (x->pick != y->pick)
		return x->pick > y->pick ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static uint32_t build_lb_tasks(struct eas_sim *s, uint32_t src)
{
	struct sim_cpu *c = &s->cpus[src];
	uint32_t n = 0, i;

	if (c->curr >= 0 && is_cfs(&s->tasks[c->curr]))
		s->lbt_idx[n++] = (uint32_t)c->curr;
	for (i = 0; i < c->cfs.n; i++)
		s->lbt_idx[n++] = c->cfs.v[i];
	/* by last_pick descending (ties: lower idx first): a total order, so
	 * any sort gives the same list; O(n log n) with many queued tasks */
	if (n > 1 && n <= 32) {
		for (i = 1; i < n; i++) {
			uint32_t x = s->lbt_idx[i], j;

			for (j = i; j > 0; j--) {
				const struct sim_task *a =
					&s->tasks[s->lbt_idx[j - 1]];
				const struct sim_task *b = &s->tasks[x];

				if (a->last_pick > b->last_pick ||
				    (a->last_pick == b->last_pick &&
				     a->idx < b->idx))
					break;
				s->lbt_idx[j] = s->lbt_idx[j - 1];
			}
			s->lbt_idx[j] = x;
		}
	} else if (n > 1) {
		for (i = 0; i < n; i++) {
			s->lbt_key[i].pick = s->tasks[s->lbt_idx[i]].last_pick;
			s->lbt_key[i].idx = s->lbt_idx[i];
		}
		qsort(s->lbt_key, n, sizeof(*s->lbt_key), cmp_lb_key);
		for (i = 0; i < n; i++)
			s->lbt_idx[i] = s->lbt_key[i].idx;
	}
	for (i = 0; i < n; i++) {
		struct eas_lb_task *lt = &s->lbt[i];

		memset(lt, 0, sizeof(*lt));
		fill_task(s, &s->tasks[s->lbt_idx[i]], &lt->task);
		lt->delayed = s->tasks[s->lbt_idx[i]].delayed;
	}
	return n;
}

static void build_env(struct eas_sim *s, struct eas_lb_env *env, uint32_t src,
		      uint32_t dst, int32_t level, enum eas_lb_idle idle)
{
	struct sim_cpu *c = &s->cpus[src];

	eas_lb_env_init(env, src, dst);
	env->idle = idle;
	env->level = level;
	env->nr_balance_failed =
		level >= 0 ? s->cpus[dst].nr_balance_failed[level] : 0;
	env->nr_src_tasks = build_lb_tasks(s, src);
	env->src_tasks = s->lbt;
	/* EEVDF task_is_ineligible_on_dst_cpu(): PLACE_LAG, something
	 * queued on dst, and not eligible on its own cfs_rq */
	if (eevdf(s)) {
		uint32_t i;

		for (i = 0; i < env->nr_src_tasks; i++)
			s->lbt[i].ineligible =
				s->cpus[dst].nr_cfs > 0 &&
				!eevdf_eligible(s, c, &s->tasks[s->lbt_idx[i]]);
	}
	env->busiest_active_balance = c->active_balance;
	env->src_curr_is_cfs = c->curr >= 0 && is_cfs(&s->tasks[c->curr]);
	env->src_curr_id = c->curr >= 0 ? (uint32_t)c->curr : EAS_TASK_NONE;
	env->src_curr_allowed = c->curr >= 0 ? s->tasks[c->curr].allowed : NULL;
}

static void ab_fail(struct eas_sim *s, enum eas_mech_reason r)
{
	if ((unsigned)r < EAS_MECH_REASON_COUNT)
		s->ab.failed[r]++;
}

static void wake_kthread(struct eas_sim *s, struct sim_task *t, uint32_t cpu)
{
	t->work_left = s->cfg.migration_cost_ns;
	t->work_wall = false;
	t->work_cpu_ns = true;
	t->in_run = true;
	if (s->tr_tmp)
		trace_wakeup(s, t, cpu, cpu);
	enqueue(s, t, cpu, true, false);
}

/* Start the configured mechanism after load_balance() decided to kick. */
static void ab_start(struct eas_sim *s, const struct eas_lb_env *env,
		     const struct eas_lb_result *res)
{
	struct eas_system sys;
	struct sim_cpu *src = &s->cpus[env->src_cpu];
	struct eas_mech_decision d;

	fill_sys(s, &sys);
	if (eas_mech_decide(&sys, env, res, s->cfg.ab_mech, &d) < 0 ||
	    !d.started) {
		ab_fail(s, d.reason);
		return;
	}
	s->ab.kicked++;
	src->active_balance = true;
	src->ab.pending = true;
	src->ab.mech = s->cfg.ab_mech;
	src->ab.dst = env->dst_cpu;
	src->ab.t0 = s->now;
	src->ab.level = res->level;
	src->ab.d = d;
	src->ab.target = d.task_id;
	switch (s->cfg.ab_mech) {
	case EAS_MECH_STOPPER:
		wake_kthread(s, &s->tasks[src->stopper], env->src_cpu);
		break;
	case EAS_MECH_FIFO1_THREAD:
		wake_kthread(s, &s->tasks[src->fifo1], env->src_cpu);
		break;
	case EAS_MECH_BALANCE_CALLBACK:
		break;
	}
	schedule_if_needed(s, src);
}

/* Execute the pending mechanism on src (kthread ran / target scheduled
 * out). target_state: for the callback, the target's state. */
static void ab_execute(struct eas_sim *s, uint32_t srci,
		       const struct sim_task *target)
{
	struct sim_cpu *src = &s->cpus[srci];
	struct eas_system sys;
	struct eas_lb_env env;
	struct eas_busiest_state st;
	struct eas_mech_result r;
	uint32_t dst = src->ab.dst;

	update_cpu(s, &s->cpus[dst]);
	fill_all_rqs(s);
	build_env(s, &env, srci, dst, src->ab.level, EAS_LB_IDLE);
	fill_sys(s, &sys);
	eas_busiest_state_init(&st, &env);
	st.active_balance = src->active_balance;
	st.nr_running = src->nr_running;
	st.rt_nr_runnable = src->nr_rt;
	st.src_tasks = env.src_tasks;
	st.nr_src_tasks = env.nr_src_tasks;
	if (src->curr >= 0 && s->tasks[src->curr].kind != SIM_TK_USER) {
		/* the migration thread itself runs: it preempted a task of
		 * class kthread_preempted (counted in schedule()) */
		st.curr_id = (uint32_t)src->curr;
		st.curr_class = src->kthread_preempted;
		if (s->tasks[src->curr].kind == SIM_TK_FIFO1 &&
		    st.rt_nr_runnable)
			st.rt_nr_runnable--;
	} else if (src->curr >= 0) {
		const struct sim_task *cu = &s->tasks[src->curr];

		st.curr_id = cu->idx;
		st.curr_class = eas__sim_is_dl(cu) ? EAS_CLASS_DL :
				is_rt(cu)	   ? EAS_CLASS_RT :
						     EAS_CLASS_CFS;
	} else {
		st.curr_class = EAS_CLASS_IDLE;
	}
	if (target) {
		st.target_class = is_rt(target) ? EAS_CLASS_RT : EAS_CLASS_CFS;
		st.target_was_running = target->state == SIM_TS_RUNNABLE;
		st.target_cpu = (uint32_t)target->cpu;
		st.target_allowed = target->allowed;
	}
	memset(&r, 0, sizeof(r));
	eas_mech_execute(&sys, &env, &src->ab.d, &st, &r);
	src->active_balance = false;
	src->ab.pending = false;
	if (r.moved && r.task_index >= 0 &&
	    (uint32_t)r.task_index < env.nr_src_tasks) {
		struct sim_task *t = &s->tasks[s->lbt_idx[r.task_index]];

		s->ab.moved++;
		samples_push(&s->ab_delay,
			     (int64_t)((s->now - src->ab.t0) / NSEC_PER_USEC));
		if (r.reset_nr_balance_failed && src->ab.level >= 0)
			s->cpus[dst].nr_balance_failed[src->ab.level] = 0;
		if (t->state == SIM_TS_RUNNABLE || t->delayed) {
			migrate_queued(s, t, dst);
			schedule_if_needed(s, &s->cpus[dst]);
		}
	} else if (r.ran) {
		ab_fail(s, r.reason);
	} else {
		ab_fail(s, r.reason);
	}
}

/* One load_balance() / sched_balance_rq() pass of dst over `level`. */
static void balance_pass(struct eas_sim *s, uint32_t dst, int32_t level,
			 enum eas_lb_idle idle)
{
	struct eas_system sys;
	struct eas_lb_env env;
	struct eas_lb_result res;
	uint32_t nr, i, src = dst, best_nr = 0;
	uint64_t best_misfit = 0;
	const uint32_t *span = eas_sd_span(s->pf, (uint32_t)level, dst, &nr);
	int attempt;

	/* candidate busiest: most CFS tasks, then largest misfit load */
	for (i = 0; i < nr; i++) {
		const struct sim_cpu *c = &s->cpus[span[i]];

		if (span[i] == dst)
			continue;
		if (c->nr_cfs > best_nr ||
		    (c->nr_cfs == best_nr && best_nr &&
		     c->misfit_task_load > best_misfit) ||
		    (!best_nr && c->misfit_task_load > best_misfit)) {
			if (c->nr_cfs >= 1) {
				best_nr = c->nr_cfs;
				best_misfit = c->misfit_task_load;
				src = span[i];
			}
		}
	}
	/* No other CPU of the span runs a CFS task: the kernel's pass finds
	 * no busiest group or rq and ends at out_balanced, which stores
	 * sd->nr_balance_failed = 0 (the pass itself is not run here, so
	 * its root-level rd->overutilized update is skipped as before). */
	if (src == dst) {
		s->cpus[dst].nr_balance_failed[level] = 0;
		return;
	}
	for (i = 0; i < nr; i++)
		update_cpu(s, &s->cpus[span[i]]);
	fill_all_rqs(s);
	for (attempt = 0; attempt < 2; attempt++) {
		build_env(s, &env, src, dst, level, idle);
		fill_sys(s, &sys);
		memset(&res, 0, sizeof(res));
		if (eas_load_balance(&sys, &env, s->groups, s->nr_cpus, s->cm,
				     &res) < 0)
			return;
		if (res.busiest_cpu >= 0 && (uint32_t)res.busiest_cpu != src &&
		    (uint32_t)res.busiest_cpu != dst && attempt == 0) {
			src = (uint32_t)res.busiest_cpu;
			continue;
		}
		break;
	}
	set_overutilized(s, res.overutilized);
	/* sd->nr_balance_failed as the pass leaves it: 0 when balanced, when
	 * no busiest rq, when tasks moved or all were pinned
	 * (out_all_pinned); the "if (!ld_moved)" value when reached. Kept
	 * when the library cannot tell (busiest still another CPU after the
	 * retry, or the all-pinned redo without src, docs/simulator.md). */
	if (res.nr_balance_failed_after_known)
		s->cpus[dst].nr_balance_failed[level] =
			res.nr_balance_failed_after;
	if (res.balanced != EAS_LB_BALANCED_NOT || res.busiest_cpu < 0 ||
	    (uint32_t)res.busiest_cpu != src)
		return;
	/* detach_tasks() as the library ran it: move what it took */
	if (res.nr_detached) {
		uint32_t moved = 0;

		for (i = 0; i < env.nr_src_tasks; i++) {
			struct sim_task *t = &s->tasks[s->lbt_idx[i]];

			/* (a delayed task, still queued, moves delayed) */
			if (!s->cm[i].detached ||
			    (t->state != SIM_TS_RUNNABLE && !t->delayed) ||
			    t->cpu != (int32_t)src)
				continue;
			s->lb_migrations++;
			migrate_queued(s, t, dst);
			moved++;
		}
		if (moved) {
			schedule_if_needed(s, &s->cpus[dst]);
			return;
		}
	}
	if (!res.reached || !res.need_active_balance)
		return;
	s->ab.decisions++;
	if (res.kick_busy) {
		ab_fail(s, EAS_MECH_ALREADY_ACTIVE);
		return;
	}
	if (res.kick_pinned) {
		ab_fail(s, EAS_MECH_CURR_PINNED);
		return;
	}
	if (res.kick)
		ab_start(s, &env, &res);
}

/* Balance every due domain of cpu (rebalance_domains()). */
static void rebalance(struct eas_sim *s, uint32_t cpu, enum eas_lb_idle idle,
		      bool newidle)
{
	int32_t l;

	for (l = eas_sd_lowest(s->pf, cpu); l >= 0;
	     l = eas_sd_parent(s->pf, cpu, l)) {
		uint32_t nr, busy_factor;
		uint64_t interval;
		struct sim_cpu *c = &s->cpus[cpu];

		eas_sd_span(s->pf, (uint32_t)l, cpu, &nr);
		busy_factor = s->pf->levels[l].busy_factor;
		/* balance_interval starts at sd_weight ms; x busy_factor when
		 * busy; in jiffies */
		interval = (uint64_t)nr * s->cfg.hz / 1000u;
		if (idle == EAS_LB_NOT_IDLE)
			interval *= busy_factor ? busy_factor : 1;
		if (!interval)
			interval = 1;
		if (!newidle) {
			if (s->jiffies < c->next_balance[l])
				continue;
			c->next_balance[l] = s->jiffies + interval;
		}
		balance_pass(s, cpu, l, idle);
		if (newidle && s->cpus[cpu].nr_running)
			return;
	}
}

/* ---------------------------------------------------------------------- */
/* scheduling                                                              */
/* ---------------------------------------------------------------------- */

static void arm_done(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_task *t;
	uint64_t rate, dt;

	c->done_gen++;
	if (c->curr < 0)
		return;
	t = &s->tasks[c->curr];
	if (!t->in_run)
		return;
	rate = (c->cap * freq_scale(s, c->id)) >> 10;
	if (!rate)
		rate = 1;
	if (t->work_cpu_ns) {
		dt = t->work_left;
	} else if (t->work_wall) {
		/* runtime: the first chunk boundary at or after wall_end
		 * (rt-app tests the clock only between two loadwait(32)) */
		uint64_t cw = chunk_work(s);
		uint64_t a = t->work_left ? t->work_left : cw;

		if (!t->work_left && s->now >= t->wall_end) {
			a = 0; /* at a boundary, past the end: done now */
		} else if (s->now < t->wall_end) {
			uint64_t g = t->wall_end - s->now;

			/* smallest j with ceil((a + j cw) / rate) >= g */
			if (a <= (g - 1) * rate)
				a += (((g - 1) * rate - a) / cw + 1) * cw;
		}
		dt = (a + rate - 1) / rate;
	} else {
		dt = (t->work_left + rate - 1) / rate;
	}
	ev_push(s, s->now + dt, SIM_EV_DONE, c->id, c->done_gen);
}

static int32_t pick_next(struct eas_sim *s, struct sim_cpu *c)
{
	uint32_t i;
	int32_t best = -1;

	if (c->stopper_queued)
		return (int32_t)c->stopper;
	if (c->dl.n) /* SCHED_DEADLINE above RT */
		return eas__sim_dl_pick(s, c);
	/* RT bandwidth: a throttled rt_rq is not picked (v5.4); the fair
	 * server running picks CFS above RT (v6.19) */
	if (c->rt.n && !c->rt_throttled &&
	    !(c->fs_phase == SIM_FS_RUNNING && c->cfs.n)) {
		for (i = 0; i < c->rt.n; i++) {
			const struct sim_task *t = &s->tasks[c->rt.v[i]];

			if (best < 0 ||
			    task_kprio(t) < task_kprio(&s->tasks[best]))
				best = (int32_t)t->idx;
		}
		return best;
	}
	if (eevdf(s))
		return eevdf_pick_next(s, c, true);
	best = cfs_leftmost(s, c);
	if (best >= 0) {
		/* v5.4 pick_next_entity(): the leftmost, but the next one
		 * when the leftmost is the skip buddy (yield_task_fair()) and
		 * the next is within wakeup_gran(left) of it; then the last
		 * then the next buddy if within wakeup_gran(left) of the
		 * leftmost; the picked entity's buddy marks are cleared */
		const struct sim_task *left = &s->tasks[best];
		const struct sim_task *last = buddy(s, c, c->cfs_last);
		const struct sim_task *next = buddy(s, c, c->cfs_next);

		if (c->cfs_skip == best) {
			int32_t second = cfs_leftmost_but(s, c, best);

			if (second >= 0 &&
			    wakeup_preempt_entity(s, &s->tasks[second], left) <
				    1)
				best = second;
		}
		if (last && wakeup_preempt_entity(s, last, left) < 1)
			best = (int32_t)last->idx;
		if (next && wakeup_preempt_entity(s, next, left) < 1)
			best = (int32_t)next->idx;
		clear_buddies(c, &s->tasks[best]);
	}
	return best;
}

static const char *prev_state_str(const struct sim_task *t)
{
	switch (t->state) {
	case SIM_TS_RUNNABLE:
		/* preempted; a yield is a voluntary schedule() */
		return t->yielding ? "R" : "R+";
	case SIM_TS_DEAD:
		return "X";
	default:
		return "S";
	}
}

static void trace_switch(struct eas_sim *s, struct sim_cpu *c, int32_t prev,
			 int32_t next)
{
	char pc[24], nc[24];
	int pp = 0, np = 0, ppr = 120, npr = 120;
	const char *ps = "R";

	if (prev >= 0) {
		snprintf(pc, sizeof(pc), "%s", s->tasks[prev].comm);
		pp = (int)s->tasks[prev].pid;
		ppr = task_kprio(&s->tasks[prev]);
		ps = prev_state_str(&s->tasks[prev]);
	} else {
		snprintf(pc, sizeof(pc), "swapper/%u", c->id);
	}
	if (next >= 0) {
		snprintf(nc, sizeof(nc), "%s", s->tasks[next].comm);
		np = (int)s->tasks[next].pid;
		npr = task_kprio(&s->tasks[next]);
	} else {
		snprintf(nc, sizeof(nc), "swapper/%u", c->id);
	}
	/* __schedule() traces the switch before context_switch(): the line
	 * is the previous task's */
	trace_as(
		s, c->id, prev,
		"sched_switch: prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s ==> next_comm=%s next_pid=%d next_prio=%d",
		pc, pp, ppr, ps, nc, np, npr);
}

static void update_misfit(struct eas_sim *s, struct sim_cpu *c,
			  const struct sim_task *t)
{
	struct eas_system sys;
	struct eas_task et;

	fill_rq(s, c->id);
	fill_sys(s, &sys);
	if (t) {
		fill_task(s, t, &et);
		c->misfit_task_load =
			eas_update_misfit_status(&sys, &et, c->id);
	} else {
		c->misfit_task_load = 0;
	}
}

/*
 * rd->overload as newidle_balance() reads it: some CPU has two or more
 * runnable tasks or a misfit task (add_nr_running() sets it, the root
 * load-balance pass rewrites it; the scan gives the same answer at the
 * instant). Without it the newly idle balance is skipped.
 */
static bool rd_overload(const struct eas_sim *s)
{
	uint32_t i;

	for (i = 0; i < s->nr_cpus; i++)
		if (s->cpus[i].nr_running >= 2 || s->cpus[i].misfit_task_load)
			return true;
	return false;
}

/* __schedule() on c: put prev back, pick, switch. */
static void schedule(struct eas_sim *s, struct sim_cpu *c)
{
	int32_t prev = c->curr, next;
	struct sim_task *pt = prev >= 0 ? &s->tasks[prev] : NULL;
	uint32_t moved = UINT32_MAX;
	int guard;
	bool dl_pushed = false;

	c->need_resched = false;
	c->sched_prev = prev;
	update_cpu(s, c);
	update_curr_rt(s, c); /* put_prev_task_rt() */
	/* v5.4 pick_next_task_fair(): update_curr() of a curr still on the
	 * rq (put_prev_entity()) */
	if (s->k == EAS_KERNEL_V5_4)
		update_curr_fair(s, c);
	/* EEVDF pick_task_fair() / put_prev_entity(): update_curr() of an
	 * on_rq curr; __schedule() clears need_resched after the pick */
	if (eevdf(s) && eevdf_curr_on_rq(s, c)) {
		eevdf_update_curr(s, c);
		c->need_resched = false;
	}
	if (pt && pt->state == SIM_TS_RUNNING) {
		/* preempted: put_prev_task() */
		pt->state = SIM_TS_RUNNABLE;
		if (pt->kind == SIM_TK_STOPPER) {
			c->stopper_queued = true;
		} else if (eas__sim_is_dl(pt)) {
			eas__sim_dl_put_prev(s, c, pt); /* SCHED_DEADLINE */
		} else if (is_rt(pt)) {
			/* a preempted RT task stays at the head of its
			 * priority; yield_task_rt() requeues at the tail */
			if (pt->yielding)
				vec_push(&c->rt, pt->idx);
			else
				vec_push_head(&c->rt, pt->idx);
		} else if (eevdf(s)) {
			/* EEVDF: picked with prev as cfs_rq->curr, put
			 * back into the tree after the pick (below) */
			task_pelt(s, pt);
		} else {
			task_pelt(s, pt);
			vec_push(&c->cfs, pt->idx);
		}
	}
	/* check_preempt_equal_prio()'s requeue: the wakee is at the head of
	 * its priority, ahead of the preempted curr */
	if (c->rt_requeue_head >= 0) {
		uint32_t h = (uint32_t)c->rt_requeue_head;

		c->rt_requeue_head = -1;
		if (s->tasks[h].state == SIM_TS_RUNNABLE &&
		    s->tasks[h].cpu == (int32_t)c->id && is_rt(&s->tasks[h])) {
			vec_remove(&c->rt, h);
			vec_push_head(&c->rt, h);
		}
	}
	if (pt && pt->kind == SIM_TK_USER && is_cfs(pt) &&
	    s->k != EAS_KERNEL_V5_4)
		update_min_vruntime(s, c);
	if (pt && pt->move_to >= 0) {
		/* migration_cpu_stop(): the affinity change moves prev */
		if (eevdf(s) && is_cfs(pt) && pt->state == SIM_TS_RUNNABLE &&
		    !pt->in_tree)
			eevdf_tree_add(s, c, pt); /* put_prev_entity() */
		moved = (uint32_t)pt->move_to;
		pt->move_to = -1;
		if (pt->state == SIM_TS_RUNNABLE && moved != c->id &&
		    moved < s->nr_cpus && eas_mask_test(pt->allowed, moved) &&
		    !eas_mask_test(pt->allowed, c->id)) {
			migrate_queued(s, pt, moved);
			sugov_update(s, c->id);
			sugov_update(s, moved);
		} else {
			moved = UINT32_MAX;
		}
	}
	/* SCHED_DEADLINE balance_dl(): prev DL and off its queue */
	if (pt && eas__sim_is_dl(pt) && !c->in_schedule &&
	    (pt->state != SIM_TS_RUNNABLE || pt->dl_throttled)) {
		c->in_schedule = true;
		eas__sim_dl_pull(s, c);
		c->in_schedule = false;
		c->need_resched = false;
	}
	/* balance_rt(): prev RT and off the run queue, leaving a lower
	 * highest priority here (need_pull_rt_task()): pull_rt_task() */
	if (pt && is_rt(pt) && pt->state != SIM_TS_RUNNABLE &&
	    rt_highest_prio(s, c) > task_kprio(pt)) {
		c->in_schedule = true;
		pull_rt_task(s, c);
		c->in_schedule = false;
		c->need_resched = false; /* the pick below is the reschedule */
	}
	for (guard = 0; guard < 4; guard++) {
		next = pick_next(s, c);
		if (next >= 0 || guard)
			break;
		/* newidle_balance(): update_misfit_status(NULL), then pull */
		c->curr = -1;
		c->misfit_task_load = 0;
		if (prev >= 0 && rd_overload(s)) {
			c->in_schedule = true;
			rebalance(s, c->id, EAS_LB_NEWLY_IDLE, true);
			c->in_schedule = false;
		}
	}
	/* EEVDF put_prev_entity(): an on_rq prev (preempted, or blocked
	 * with its dequeue delayed) goes back into the tree */
	if (eevdf(s) && pt && is_cfs(pt) && next != prev && !pt->in_tree &&
	    (pt->state == SIM_TS_RUNNABLE || pt->delayed))
		eevdf_tree_add(s, c, pt);
	if (next == prev && prev >= 0) {
		/* keep running */
		if (pt->kind == SIM_TK_STOPPER) {
			c->stopper_queued = false;
		} else if (eas__sim_is_dl(pt)) {
			vec_remove(&c->dl, pt->idx); /* SCHED_DEADLINE */
		} else if (is_rt(pt)) {
			vec_remove(&c->rt, pt->idx);
		} else if (eevdf(s)) {
			/* picked again as curr: no set_next_entity(); from
			 * the tree (woken while curr): set_next_entity() */
			if (pt->in_tree) {
				eevdf_tree_remove(s, c, pt);
				eevdf_set_protect(s, c, pt);
			}
		} else {
			vec_remove(&c->cfs, pt->idx);
		}
		pt->state = SIM_TS_RUNNING;
		c->curr = prev;
		arm_done(s, c);
		/* v5.4 pick_next_task_rt() -> set_next_task_rt() queues the
		 * push for the same task too (v6.19 returns before it) */
		if (s->k == EAS_KERNEL_V5_4 && is_rt(pt) &&
		    pt->kind != SIM_TK_STOPPER)
			push_rt_tasks(s, c);
		return;
	}
	/* the idle governor: leaving idle ends the idle period (reflect),
	 * going idle selects the state of the next one */
	if (prev < 0 && next >= 0)
		idle_exit(s, c);
	else if (next < 0 && prev >= 0)
		idle_enter(s, c);
	if (s->tr_tmp) {
		/* cpu_idle: exit (PWR_EVENT_EXIT) before leaving idle */
		if (prev < 0 && next >= 0)
			trace_ev(s, c->id,
				 "cpu_idle: state=4294967295 cpu_id=%u", c->id);
		trace_switch(s, c, prev, next);
		/* entering the idle state the governor chose */
		if (next < 0 && prev >= 0)
			trace_ev(s, c->id, "cpu_idle: state=%u cpu_id=%u",
				 c->idle_idx, c->id);
	}
	if (prev >= 0 || next >= 0) {
		c->ctx++;
		s->ctx++;
	}
	/* the context-switch timeline (an output: never read back) */
	if (s->cfg.timeline && (prev >= 0 || next >= 0)) {
		fprintf(s->cfg.timeline, "%llu %u ", (unsigned long long)s->now,
			c->id);
		if (prev >= 0)
			fprintf(s->cfg.timeline, "%s ", s->tasks[prev].comm);
		else
			fprintf(s->cfg.timeline, "swapper/%u ", c->id);
		if (next >= 0)
			fprintf(s->cfg.timeline, "%s\n", s->tasks[next].comm);
		else
			fprintf(s->cfg.timeline, "swapper/%u\n", c->id);
	}
	if (pt && pt->kind != SIM_TK_USER)
		s->ab.context_switches++;
	if (next >= 0) {
		struct sim_task *nt = &s->tasks[next];

		if (nt->kind != SIM_TK_USER)
			c->kthread_preempted =
				!pt || pt->state != SIM_TS_RUNNABLE ?
					EAS_CLASS_IDLE :
				eas__sim_is_dl(pt) ? EAS_CLASS_DL :
				is_rt(pt)	   ? EAS_CLASS_RT :
						     EAS_CLASS_CFS;
		if (nt->kind == SIM_TK_STOPPER) {
			c->stopper_queued = false;
			s->ab.context_switches++;
			if (pt && pt->state == SIM_TS_RUNNABLE && is_rt(pt)) {
				c->rt_preempt++;
				s->ab.rt_preemptions++;
			}
		} else if (eas__sim_is_dl(nt)) {
			vec_remove(&c->dl, nt->idx); /* SCHED_DEADLINE */
			eas__sim_dl_set_next(s, c, nt);
		} else if (is_rt(nt)) {
			vec_remove(&c->rt, nt->idx);
			if (nt->kind == SIM_TK_FIFO1)
				s->ab.context_switches++;
		} else if (eevdf(s)) {
			/* set_next_entity(): out of the tree,
			 * set_protect_slice() */
			eevdf_tree_remove(s, c, nt);
			eevdf_set_protect(s, c, nt);
		} else {
			vec_remove(&c->cfs, nt->idx);
		}
		nt->state = SIM_TS_RUNNING;
		c->curr = next;
		c->rt_exec = s->now; /* set_next_task_rt(): exec_start */
		nt->exec_start = s->now;
		nt->vr_exec_start = s->now; /* update_stats_curr_start() */
		nt->slice_exec = 0;
		nt->last_pick = s->now;
		if (is_cfs(nt)) {
			task_pelt(s, nt);
			update_misfit(s, c, nt);
		}
		if (nt->lat_pending) {
			nt->lat_pending = false;
			samples_push(&nt->lat,
				     (int64_t)((s->now - nt->wake_ts) /
					       NSEC_PER_USEC));
			/* the same sample for its class's figures */
			if (nt->kind == SIM_TK_USER)
				samples_push(
					&s->lat_class
						 [is_rt(nt) ? 1 :
						  nt->policy == EAS_POLICY_DEADLINE ?
							      2 :
							      0],
					(int64_t)((s->now - nt->wake_ts) /
						  NSEC_PER_USEC));
		}
	} else {
		/* update_idle_rq_clock_pelt() (core): cfs + rt + dl
		 * util_sum */
		c->curr = -1;
		eas_pelt_clock_idle(&c->pc, s->now,
				    (uint64_t)c->cfs_avg.util_sum +
					    c->rt_avg.util_sum +
					    c->dl_avg.util_sum);
		c->idle_stamp = s->now;
	}
	/* set_next_task_rt() -> rt_queue_push_tasks(): the balance callback
	 * pushes this rq's pushable tasks after the switch */
	if (next >= 0 && is_rt(&s->tasks[next]) &&
	    s->tasks[next].kind != SIM_TK_STOPPER)
		push_rt_tasks(s, c);
	/* the balance callback runs when its target schedules out */
	if (pt && c->ab.pending && c->ab.mech == EAS_MECH_BALANCE_CALLBACK &&
	    pt->idx == c->ab.target)
		ab_execute(s, c->id, pt);
	arm_done(s, c);
	/* SCHED_DEADLINE: set_next_task_dl()'s push balance callback */
	if (c->curr >= 0 && eas__sim_is_dl(&s->tasks[c->curr]) && c->dl.n) {
		eas__sim_dl_push(s, c);
		dl_pushed = true;
	}
	/* a user task resumes its rt-app program where it blocked; inside a
	 * long chain of wake-ups in zero time (threads waking one another
	 * with no work in between) it continues from the event loop, at the
	 * same time, instead of deeper in the C stack */
	if (c->curr >= 0 && !s->tasks[c->curr].in_run &&
	    s->tasks[c->curr].kind == SIM_TK_USER) {
		if (s->step_depth < SIM_MAX_STEP_DEPTH)
			task_step(s, &s->tasks[c->curr]);
		else
			ev_push(s, s->now, SIM_EV_STEP, c->id, 0);
	}
	/* the moved task's new CPU (check_preempt_curr() there) */
	if (moved != UINT32_MAX)
		schedule_if_needed(s, &s->cpus[moved]);
	if (dl_pushed) { /* SCHED_DEADLINE: the CPUs pushed to */
		uint32_t i;

		for (i = 0; i < s->nr_cpus; i++)
			if (i != c->id)
				schedule_if_needed(s, &s->cpus[i]);
	}
}

/* ---------------------------------------------------------------------- */
/* rt-app program                                                          */
/* ---------------------------------------------------------------------- */

/*
 * t->allowed = p's cpus, or every CPU when p has none. eas_sim_create()
 * refused ids the platform lacks, so the mask is never empty; ids out of
 * range are skipped all the same, and an empty result keeps every CPU.
 */
static void set_affinity(struct eas_sim *s, struct sim_task *t,
			 const struct eas_rtapp_props *p)
{
	uint32_t i;

	memset(t->allowed, 0, s->pf->mask_words * sizeof(eas_mask_word));
	t->nr_allowed = 0;
	for (i = 0; p && i < p->nr_cpus; i++) {
		if (p->cpus[i] < s->nr_cpus &&
		    !eas_mask_test(t->allowed, p->cpus[i])) {
			eas_mask_set(t->allowed, p->cpus[i]);
			t->nr_allowed++;
		}
	}
	if (t->nr_allowed)
		return;
	for (i = 0; i < s->nr_cpus; i++)
		eas_mask_set(t->allowed, i);
	t->nr_allowed = s->nr_cpus;
}

/* The lowest allowed CPU (cpumask_first()); the mask is never empty. */
static uint32_t first_allowed(const struct eas_sim *s, const struct sim_task *t)
{
	uint32_t i;

	for (i = 0; i < s->nr_cpus; i++)
		if (eas_mask_test(t->allowed, i))
			return i;
	return 0;
}

/*
 * __setscheduler_uclamp() (v5.4 core.c, v6.19 / v7.1 syscalls.c): a
 * sched_setscheduler() that changes the policy (rt-app's
 * pthread_setschedparam() / sched_setattr() without SCHED_FLAG_UTIL_CLAMP)
 * resets each clamp the user did not set (!user_defined) to its class
 * default: UCLAMP_MIN 1024 for an RT task ("RT tasks always get 100%
 * boost": v5.4 uclamp_none(UCLAMP_MAX), v6.19
 * sysctl_sched_uclamp_util_min_rt_default, 1024 by default), else 0;
 * UCLAMP_MAX 1024.
 */
static void uclamp_class_defaults(struct sim_task *t)
{
	if (!t->uclamp_min_user)
		t->uclamp_min = (t->policy == EAS_POLICY_FIFO ||
				 t->policy == EAS_POLICY_RR) ?
					1024 :
					0;
	if (!t->uclamp_max_user)
		t->uclamp_max = 1024;
}

static void apply_props(struct eas_sim *s, struct sim_task *t,
			const struct eas_rtapp_props *p)
{
	bool policy_changed = p->policy >= 0 && p->policy != t->policy;

	/* a policy change (pthread_setschedparam(): __setparam_fair()
	 * without sched_runtime) drops a custom slice */
	if (p->policy >= 0 && p->policy != t->policy)
		t->custom_slice = false;
	if (p->policy >= 0)
		t->policy = p->policy;
	if (policy_changed)
		uclamp_class_defaults(t);
	/* rt-app _set_thread_cfs() (a priority given, SCHED_OTHER /
	 * SCHED_BATCH): sched_setattr() with sched_runtime -> the custom
	 * slice, clamped by __setparam_fair(); without one,
	 * SCHED_FLAG_KEEP_PARAMS keeps the slice. The slice takes effect
	 * at the next placement / update_deadline() (the re-placement of
	 * a queued task by __sched_setscheduler() is not modelled). */
	if (p->priority != INT32_MIN && p->sched_runtime_us &&
	    (t->policy == EAS_POLICY_NORMAL || t->policy == EAS_POLICY_BATCH)) {
		uint64_t ns = p->sched_runtime_us * NSEC_PER_USEC;

		t->custom_slice = true;
		t->slice = ns < EEVDF_SLICE_MIN_NS ? EEVDF_SLICE_MIN_NS :
			   ns > EEVDF_SLICE_MAX_NS ? EEVDF_SLICE_MAX_NS :
						     ns;
	}
	if (p->priority != INT32_MIN)
		t->prio = p->priority;
	/* SCHED_DEADLINE: _set_thread_deadline() sets no uclamp */
	if (p->util_min >= 0 && !eas__sim_is_dl(t)) {
		t->uclamp_min = (uint64_t)p->util_min;
		t->uclamp_min_user = true;
	}
	if (p->util_max >= 0 && !eas__sim_is_dl(t)) {
		t->uclamp_max = (uint64_t)p->util_max;
		t->uclamp_max_user = true;
	}
	if (p->nr_cpus)
		set_affinity(s, t, p);
	if (is_rt(t)) {
		if (t->prio < 1)
			t->prio = 1;
		if (t->prio > 99)
			t->prio = 99;
	} else if (eas__sim_is_dl(t)) {
		eas__sim_dl_params(s, t, p); /* SCHED_DEADLINE */
	} else if (t->policy == EAS_POLICY_IDLE) {
		/* set_load_weight() (v5.4, v6.19, v7.1 core.c): a SCHED_IDLE
		 * task weighs WEIGHT_IDLEPRIO whatever its nice */
		t->weight = WEIGHT_IDLEPRIO;
	} else {
		t->weight = eas_nice_to_weight(t->prio);
	}
}

/*
 * The affinity change's destination when it excludes the task's CPU:
 * __set_cpus_allowed_ptr() picks v5.4 cpumask_any_and(cpu_active_mask,
 * new_mask) (the first CPU), v6.19 cpumask_any_and_distribute() (the next
 * allowed CPU after this CPU's distribute_cpu_mask_prev, wrapping; the
 * per-CPU variable is the calling CPU's, i.e. the running task's).
 */
static uint32_t affinity_dest(struct eas_sim *s, struct sim_cpu *c,
			      const struct sim_task *t)
{
	uint32_t i, n;

	if (s->k == EAS_KERNEL_V5_4)
		return first_allowed(s, t);
	for (i = 1; i <= s->nr_cpus; i++) {
		n = (c->distribute_prev + i) % s->nr_cpus;
		if (eas_mask_test(t->allowed, n)) {
			c->distribute_prev = n;
			return n;
		}
	}
	return first_allowed(s, t);
}

/*
 * A new phase of the running task t: rt-app's thread_body() calls
 * set_thread_affinity() (phase cpus, else the thread's, else every CPU)
 * and set_thread_param() from the thread itself. When the new mask
 * excludes t's CPU, sched_setaffinity() -> __set_cpus_allowed_ptr() moves
 * the running task at once (stop_one_cpu(migration_cpu_stop) ->
 * move_queued_task()): t->move_to is set and the CPU reschedules; the move
 * happens in schedule() (the stopper's own two switches are not modelled).
 */
static void pi_adjust_chain(struct eas_sim *s, struct sim_task *t);

static void change_props_running(struct eas_sim *s, struct sim_task *t,
				 const struct eas_rtapp_phase *ph)
{
	struct sim_cpu *c = &s->cpus[t->cpu];
	bool was_cfs = is_cfs(t), was_rt = is_rt(t);
	int old_kprio = task_kprio(t);
	uint64_t w = t->weight;
	int32_t oprio = t->prio;
	bool ev_change = false;
	/* class before / after: 0 CFS, 1 RT, 2 SCHED_DEADLINE */
	int oc = eas__sim_is_dl(t) ? 2 : was_cfs ? 0 : 1, nc;

	/* EEVDF __sched_setscheduler() on a real change (policy, nice or
	 * slice): the running task is dequeued (dequeue_entity() without
	 * DEQUEUE_SLEEP: update_curr(), update_entity_lag(), a relative
	 * deadline) and put back (put_prev_entity(): off the rq, nothing) */
	if (eevdf(s) && was_cfs && t->state == SIM_TS_RUNNING) {
		const struct eas_rtapp_props *p = &ph->props;
		int32_t pol = p->policy >= 0 ? p->policy : t->policy;

		ev_change =
			(p->policy >= 0 && p->policy != t->policy) ||
			(p->priority != INT32_MIN && p->priority != t->prio) ||
			(p->priority != INT32_MIN && p->sched_runtime_us &&
			 (pol == EAS_POLICY_NORMAL ||
			  pol == EAS_POLICY_BATCH) &&
			 (!t->custom_slice ||
			  p->sched_runtime_us * NSEC_PER_USEC != t->slice));
		if (ev_change) {
			eevdf_update_curr(s, c);
			eevdf_update_lag(s, c, t);
			t->deadline -= t->vruntime;
			t->rel_deadline = true;
			t->state = SIM_TS_SLEEPING; /* off the rq for now */
		}
	}
	/* __sched_setscheduler(): dequeue_task() -> update_curr_rt() */
	if (was_rt)
		update_curr_rt(s, c);
	/* v5.4 set_user_nice() / __sched_setscheduler() on a real change:
	 * dequeue_task() -> dequeue_entity(): update_curr() with the old
	 * weight, clear_buddies() */
	if (s->k == EAS_KERNEL_V5_4 && was_cfs &&
	    ((ph->props.policy >= 0 && ph->props.policy != t->policy) ||
	     (ph->props.priority != INT32_MIN &&
	      ph->props.priority != t->prio))) {
		update_curr_fair(s, c);
		clear_buddies(c, t);
	}
	if (oc == 2) /* SCHED_DEADLINE: dequeue_task(): update_curr_dl() */
		eas__sim_dl_update_curr(s, c, t);
	apply_props(s, t, &ph->props);
	if (!ph->props.nr_cpus)
		set_affinity(s, t, &t->def->props);
	/* uclamp_update_active(): new clamps of a runnable task */
	if (t->uc_active && (t->uc_min != (uint32_t)t->uclamp_min ||
			     t->uc_max != (uint32_t)t->uclamp_max)) {
		eas_uclamp_rq_update(&c->uc, t->uc_min, t->uc_max,
				     (uint32_t)t->uclamp_min,
				     (uint32_t)t->uclamp_max);
		t->uc_min = (uint32_t)t->uclamp_min;
		t->uc_max = (uint32_t)t->uclamp_max;
	}
	nc = eas__sim_is_dl(t) ? 2 : is_cfs(t) ? 0 : 1;
	if (oc != nc) {
		if (oc == 0) {
			util_est_dequeue(s, c, t);
			c->nr_cfs--;
			c->cfs_weight -= w;
		} else if (oc == 1) {
			c->nr_rt--;
		} else {
			eas__sim_dl_leave(s, c, t);
		}
		if (nc == 0) {
			/* v5.4 set_next_task() -> set_next_entity():
			 * exec_start */
			t->vr_exec_start = s->now;
			c->nr_cfs++;
			c->cfs_weight += t->weight;
			util_est_enqueue(s, c, t);
		} else if (nc == 1) {
			c->nr_rt++;
		} else {
			c->nr_dl++;
		}
	} else if (was_cfs) {
		c->cfs_weight += t->weight - w;
	}
	if (ev_change && is_cfs(t)) {
		/* reweight_entity() of the dequeued entity (lag and relative
		 * deadline scaled by old / new weight, truncated), then
		 * enqueue_entity() with no curr: place_entity(); then
		 * set_next_task(): set_next_entity() (v6.19 sets a new
		 * protected slice, v7.1's first = false does not) */
		if (t->weight != w) {
			t->vlag = t->vlag * (int64_t)w / (int64_t)t->weight;
			t->deadline =
				(uint64_t)((int64_t)t->deadline * (int64_t)w /
					   (int64_t)t->weight);
		}
		eevdf_place(s, c, t, c->nr_cfs - 1, false);
		t->state = SIM_TS_RUNNING;
		t->vr_exec_start = s->now;
		if (s->k != EAS_KERNEL_V7_1)
			eevdf_set_protect(s, c, t);
		/* prio_changed_fair(): curr whose priority fell */
		if (c->nr_cfs > 1 && t->prio > oprio)
			resched(c);
	} else if (ev_change) {
		t->state = SIM_TS_RUNNING;
	} else if (eevdf(s) && !was_cfs && is_cfs(t)) {
		/* switched to fair while running: placed afresh (the lag
		 * it left with), as the enqueue of __sched_setscheduler() */
		t->state = SIM_TS_SLEEPING;
		eevdf_place(s, c, t, c->nr_cfs - 1, false);
		t->state = SIM_TS_RUNNING;
		eevdf_set_protect(s, c, t);
	}
	if (!eas_mask_test(t->allowed, (uint32_t)t->cpu)) {
		t->move_to = (int32_t)affinity_dest(s, c, t);
		resched(c);
	}
	if (oc != nc)
		resched(c);
	if (!was_rt && is_rt(t)) {
		c->rt_exec = s->now; /* set_next_task_rt(): exec_start */
		rt_start_bandwidth(s);
	} else if (!was_cfs && is_cfs(t)) {
		fs_start(s, c);
	}
	/* switched_from_rt() (no RT task left on the rq) / prio_changed_rt()
	 * (the running task's priority fell): pull_rt_task() from the
	 * balance callback */
	if (was_rt && ((!is_rt(t) && !c->nr_rt) ||
		       (is_rt(t) && task_kprio(t) > old_kprio)))
		pull_rt_task(s, c);
	/* __sched_setscheduler() of a PI-boosted task: rt_effective_prio()
	 * = min(the new normal_prio, the top waiter's) */
	if (t->pi_boost)
		pi_adjust_chain(s, t);
}

static void go_sleep(struct eas_sim *s, struct sim_task *t, uint64_t until,
		     bool dead);

static const struct eas_rtapp_phase *cur_phase(const struct sim_task *t)
{
	return &t->def->phases[t->phase];
}

/* Advance to the next event; returns false when the thread ends. */
static bool next_event(struct eas_sim *s, struct sim_task *t)
{
	const struct eas_rtapp_phase *ph = cur_phase(t);

	(void)s;

	if (++t->ev < ph->nr_events)
		return true;
	t->ev = 0;
	if (ph->loop < 0 || --t->phase_loops_left > 0)
		return true;
	if (++t->phase >= t->def->nr_phases) {
		t->phase = 0;
		if (t->loops_left > 0 && --t->loops_left == 0)
			return false;
	}
	t->phase_loops_left = cur_phase(t)->loop;
	t->props_pending = true;
	return true;
}

static struct sim_timer *task_timer(struct eas_sim *s, struct sim_task *t,
				    int32_t idx)
{
	if (idx < 0 || (uint32_t)idx >= s->w->nr_timers)
		return NULL;
	if (s->w->timers[idx].unique)
		return &t->utimers[idx];
	return &s->gtimers[idx];
}

/* ---------------------------------------------------------------------- */
/* rt-app synchronisation events (docs/rtapp.md)                           */
/* ---------------------------------------------------------------------- */

static void wake_task_from(struct eas_sim *s, struct sim_task *t,
			   struct sim_task *waker);

/* p->normal_prio (the kernel prio without priority inheritance) */
static int task_normal_kprio(const struct sim_task *t)
{
	if (t->kind == SIM_TK_STOPPER)
		return 0;
	if (eas__sim_is_dl(t))
		return -1;
	if (t->policy == EAS_POLICY_FIFO || t->policy == EAS_POLICY_RR)
		return 99 - t->prio;
	return 120 + t->prio;
}

/* futex_q's plist key: min(normal_prio, MAX_RT_PRIO) (futex_wait_setup()
 * -> futex_q_lock()/__futex_queue() in v6.19, queue_me() in v5.4) */
static int futex_key(const struct sim_task *t)
{
	int p = task_normal_kprio(t);

	return p < 100 ? p : 100;
}

/* futex_wait(): t joins q behind every waiter of its key or a lower one */
static void futex_queue(struct eas_sim *s, struct sim_vec *q,
			const struct sim_task *t)
{
	uint32_t i = q->n;
	int k = futex_key(t);

	while (i > 0 && futex_key(&s->tasks[q->v[i - 1]]) > k)
		i--;
	vec_push(q, t->idx);
	memmove(q->v + i + 1, q->v + i, (q->n - 1 - i) * sizeof(*q->v));
	q->v[i] = t->idx;
}

/* futex_wake(q, n): the first n waiters, in plist order, woken by waker
 * from its CPU; their CPUs are rescheduled later (s->woken, task_step()) */
static void futex_wake(struct eas_sim *s, struct sim_vec *q, uint32_t n,
		       struct sim_task *waker)
{
	while (n-- && q->n) {
		struct sim_task *t = &s->tasks[q->v[0]];

		memmove(q->v, q->v + 1, (q->n - 1) * sizeof(*q->v));
		q->n--;
		vec_push(&s->woken, t->idx);
		wake_task_from(s, t, waker);
	}
}

/* ---------------------------------------------------------------------- */
/* PTHREAD_PRIO_INHERIT mutexes (rt-app "pi_enabled"; docs/rtapp.md)      */
/* ---------------------------------------------------------------------- */

/*
 * The rt_mutex waiter key (waiter->prio / waiter->tree.prio): v5.4
 * task_blocks_on_rt_mutex() takes task->prio; v6.19 / v7.1 __waiter_prio()
 * puts every fair task at DEFAULT_PRIO (120), so fair waiters queue FIFO.
 */
static int pi_waiter_key(const struct eas_sim *s, const struct sim_task *t)
{
	int p = task_kprio(t);

	if (s->k != EAS_KERNEL_V5_4 && p >= 100)
		return 120;
	return p;
}

/* rt_mutex_enqueue(): by rt_mutex_waiter_less() (the lower key first),
 * after every waiter of an equal key (the rb-tree's insertion order); two
 * SCHED_DEADLINE waiters are not ordered by deadline here (FIFO) */
static void pi_queue(struct eas_sim *s, struct sim_vec *q,
		     const struct sim_task *t)
{
	uint32_t i = q->n;
	int k = pi_waiter_key(s, t);

	while (i > 0 && pi_waiter_key(s, &s->tasks[q->v[i - 1]]) > k)
		i--;
	vec_push(q, t->idx);
	memmove(q->v + i + 1, q->v + i, (q->n - 1 - i) * sizeof(*q->v));
	q->v[i] = t->idx;
}

/*
 * The prio rt_mutex_adjust_prio() gives t: __rt_effective_prio(pi_task,
 * normal_prio) = min(pi_task->prio, normal_prio), pi_task the top of
 * t's pi_waiters (the top waiter of each PI mutex t holds, by waiter key;
 * among equal keys of different mutexes the first mutex here). A
 * SCHED_DEADLINE waiter does not boost (dl_boosted is not modelled): the
 * first other waiter of that mutex stands for it.
 */
static int pi_effective(const struct eas_sim *s, const struct sim_task *t)
{
	const struct sim_task *top = NULL;
	int prio = task_normal_kprio(t), key = 1000;
	uint32_t i, j;

	for (i = 0; i < s->w->nr_resources; i++) {
		const struct sim_res *r = &s->res[i];

		if (!r->pi || r->owner1 != t->idx + 1)
			continue;
		for (j = 0; j < r->mq.n; j++) {
			const struct sim_task *w = &s->tasks[r->mq.v[j]];

			if (task_kprio(w) < 0)
				continue;
			if (pi_waiter_key(s, w) < key) {
				key = pi_waiter_key(s, w);
				top = w;
			}
			break;
		}
	}
	if (top && task_kprio(top) < prio)
		prio = task_kprio(top);
	return prio;
}

/*
 * rt_mutex_setprio(t, pi_task) giving t the kernel prio prio: the class
 * follows the prio (fair <-> rt), as sched_change's dequeue / enqueue and
 * check_class_changed() do:
 *  - running: put_prev / set_next; a fair task leaving is dequeued as
 *    __sched_setscheduler() dequeues it (change_props_running()); a task
 *    back in fair is placed afresh and reschedules (switched_to_fair():
 *    task_current -> resched_curr()); within a class prio_changed_rt()
 *    (resched when a queued RT task is now higher) / prio_changed_fair()
 *    (resched when the prio fell and another fair task is queued);
 *  - queued: dequeue_task() / enqueue_task() with DEQUEUE_SAVE | MOVE (the
 *    RT list's tail, its head when the prio falls within RT: ENQUEUE_HEAD
 *    for oldprio < prio), then check_preempt (switched_to_* /
 *    prio_changed_*: wakeup_preempt()); a v5.4 fair -> fair change is not
 *    requeued (its vruntime is unchanged by the round trip), only checked;
 *  - asleep: only the prio; a delayed fair task leaving fair finishes its
 *    dequeue first (v6.19 / v7.1 switching_from_fair()).
 * Weights stay those of static_prio in every flavour (set_load_weight()
 * reads p->static_prio), so a fair -> fair change moves no weight.
 */
static void pi_setprio(struct eas_sim *s, struct sim_task *t, int prio)
{
	int old = task_kprio(t);
	struct sim_cpu *c;
	bool ort, nrt = prio < 100;
	uint32_t i;

	if (prio == old || t->cpu < 0)
		return;
	c = &s->cpus[t->cpu];
	ort = is_rt(t);
	trace_ev(s, (uint32_t)t->cpu,
		 "sched_pi_setprio: comm=%s pid=%u oldprio=%d newprio=%d",
		 t->comm, t->pid, old, prio);
	if (t->state == SIM_TS_RUNNING && c->curr == (int32_t)t->idx) {
		update_cpu(s, c);
		if (ort)
			update_curr_rt(s, c); /* put_prev_task_rt() */
		if (!ort && nrt) {
			if (eevdf(s)) {
				eevdf_update_curr(s, c);
				eevdf_update_lag(s, c, t);
				t->deadline -= t->vruntime;
				t->rel_deadline = true;
			} else {
				update_curr_fair(s, c);
				clear_buddies(c, t);
			}
			util_est_dequeue(s, c, t);
			c->nr_cfs--;
			c->cfs_weight -= t->weight;
			c->nr_rt++;
			c->rt_exec = s->now;   /* set_next_task_rt() */
			rt_start_bandwidth(s); /* inc_rt_group() */
		}
		t->pi_kprio = prio;
		t->pi_boost = prio != task_normal_kprio(t);
		if (ort && !nrt) {
			c->nr_rt--;
			fs_start(s, c); /* dl_server_start() */
			t->vr_exec_start = s->now;
			c->nr_cfs++;
			c->cfs_weight += t->weight;
			util_est_enqueue(s, c, t);
			if (eevdf(s)) {
				t->state = SIM_TS_SLEEPING;
				eevdf_place(s, c, t, c->nr_cfs - 1, false);
				t->state = SIM_TS_RUNNING;
				eevdf_set_protect(s, c, t);
			}
			resched(c);
		} else if (nrt && ort && prio > old) {
			for (i = 0; i < c->rt.n; i++)
				if (task_kprio(&s->tasks[c->rt.v[i]]) < prio)
					resched(c);
		} else if (!nrt && !ort && prio > old && c->nr_cfs > 1) {
			resched(c);
		}
		/* switched_from_rt()'s / prio_changed_rt()'s pull (a balance
		 * callback) is not made here: a change inside a sync step
		 * must not run the CPU's schedule before the step ends */
		return;
	}
	if (t->state == SIM_TS_RUNNABLE) {
		if (!ort && !nrt && !eevdf(s)) {
			t->pi_kprio = prio;
			t->pi_boost = prio != task_normal_kprio(t);
			check_preempt(s, c, t, false);
			return;
		}
		(void)dequeue_queued(s, t);
		t->pi_kprio = prio;
		t->pi_boost = prio != task_normal_kprio(t);
		enqueue(s, t, (uint32_t)t->cpu, false, false);
		if (nrt && ort && prio > old) { /* ENQUEUE_HEAD */
			vec_remove(&c->rt, t->idx);
			vec_push_head(&c->rt, t->idx);
		}
		return;
	}
	if (!ort && nrt && t->delayed)
		eevdf_finish_delayed(s, c, t);
	t->pi_kprio = prio;
	t->pi_boost = prio != task_normal_kprio(t);
}

/*
 * rt_mutex_adjust_prio_chain() from the owner t of a PI mutex whose
 * waiters changed: t takes its effective prio; when t itself waits on a PI
 * mutex and its waiter key changed, it is requeued there (after the
 * waiters of its new key) and that mutex's owner is adjusted in turn. The
 * walk stops where a prio or a waiter key does not change (v6.19's
 * rt_waiter_node_equal() / v5.4's waiter->prio == task->prio): in v6.19 /
 * v7.1 a fair boost stops at the first owner (every fair waiter key is
 * 120). Depth bounded by the number of tasks (max_lock_depth is 1024).
 */
static void pi_adjust_chain(struct eas_sim *s, struct sim_task *t)
{
	uint32_t depth;

	for (depth = 0; t && depth < s->nr_tasks; depth++) {
		int prio = pi_effective(s, t), key = pi_waiter_key(s, t);
		struct sim_res *r;

		if (prio == task_kprio(t))
			return;
		pi_setprio(s, t, prio);
		if (!t->pi_on || pi_waiter_key(s, t) == key)
			return;
		r = &s->res[t->pi_on - 1];
		vec_remove(&r->mq, t->idx);
		pi_queue(s, &r->mq, t);
		t = r->owner1 ? &s->tasks[r->owner1 - 1] : NULL;
	}
}

/*
 * pthread_mutex_unlock() of a PI mutex: without waiters glibc's cmpxchg
 * TID -> 0 in user space; else FUTEX_UNLOCK_PI: wake_futex_pi() writes
 * the top waiter's TID (a hand-off: the lock is the top waiter's at once)
 * and mark_wakeup_next_waiter() drops the waker's boost
 * (rt_mutex_adjust_prio(current): the top remaining waiter of the PI
 * mutexes it still holds, else normal_prio) before rt_mutex_postunlock()
 * wakes the new owner (try_to_wake_up(), WF_TTWU like futex_wake()).
 */
static void pi_unlock(struct eas_sim *s, struct sim_res *m,
		      struct sim_task *waker)
{
	struct sim_task *t;

	/* not the owner: glibc's cmpxchg TID -> 0 fails and
	 * futex_unlock_pi() returns -EPERM (the word's TID is not the
	 * caller's): nothing changes */
	if (m->owner1 != waker->idx + 1)
		return;
	if (!m->mq.n) {
		m->owner1 = 0;
		return;
	}
	t = &s->tasks[m->mq.v[0]];
	memmove(m->mq.v, m->mq.v + 1, (m->mq.n - 1) * sizeof(*m->mq.v));
	m->mq.n--;
	m->owner1 = t->idx + 1;
	t->pi_on = 0;
	pi_setprio(s, waker, pi_effective(s, waker));
	vec_push(&s->woken, t->idx);
	wake_task_from(s, t, waker);
}

/* glibc lll_unlock(): the word goes to 0; a contended word (2) wakes one
 * waiter, which then competes for the lock again (no hand-off); a PI
 * mutex: pi_unlock() */
static void mutex_unlock(struct eas_sim *s, struct sim_res *m,
			 struct sim_task *waker)
{
	uint32_t old = m->lll;

	if (m->pi) {
		pi_unlock(s, m, waker);
		return;
	}

	m->lll = 0;
	if (old > 1)
		futex_wake(s, &m->mq, 1, waker);
}

enum sync_op {
	OP_END = 0,
	OP_LOCK,      /* pthread_mutex_lock() */
	OP_UNLOCK,    /* pthread_mutex_unlock() */
	OP_CWAIT,     /* pthread_cond_wait(): queue, unlock, sleep */
	OP_SIGNAL,    /* pthread_cond_signal() */
	OP_BROAD,     /* pthread_cond_broadcast() */
	OP_BAR_CHECK, /* rt-app's barrier: waiting == 0 ? broadcast : wait */
	OP_BAR_INC,   /* waiting += 1 after the barrier's wait */
	OP_SEM_POST,  /* sem_post() */
	OP_SEM_WAIT,  /* sem_wait() */
};

/* One step: the operation and its resource (dep: the event's mutex). */
struct sync_step {
	uint8_t op;
	bool dep;
};

/* run_event(): each event as the pthread calls rt-app makes */
static const struct sync_step sync_prog[EAS_RTAPP_SEM_WAIT + 1][7] = {
	[EAS_RTAPP_LOCK] = { { OP_LOCK, false } },
	[EAS_RTAPP_UNLOCK] = { { OP_UNLOCK, false } },
	[EAS_RTAPP_WAIT] = { { OP_CWAIT, false }, { OP_LOCK, true } },
	[EAS_RTAPP_SIGNAL] = { { OP_SIGNAL, false } },
	[EAS_RTAPP_BROAD] = { { OP_BROAD, false } },
	[EAS_RTAPP_SYNC] = { { OP_SIGNAL, false },
			     { OP_CWAIT, false },
			     { OP_LOCK, true } },
	[EAS_RTAPP_SUSPEND] = { { OP_LOCK, true },
				{ OP_CWAIT, false },
				{ OP_LOCK, true },
				{ OP_UNLOCK, true } },
	[EAS_RTAPP_RESUME] = { { OP_LOCK, true },
			       { OP_BROAD, false },
			       { OP_UNLOCK, true } },
	[EAS_RTAPP_BARRIER] = { { OP_LOCK, false },
				{ OP_BAR_CHECK, false },
				{ OP_CWAIT, false },
				{ OP_LOCK, false },
				{ OP_BAR_INC, false },
				{ OP_UNLOCK, false } },
	[EAS_RTAPP_SEM_POST] = { { OP_SEM_POST, false } },
	[EAS_RTAPP_SEM_WAIT] = { { OP_SEM_WAIT, false } },
};
/* OP_BAR_CHECK's broadcast goes on at the barrier's unlock */
#define SYNC_BAR_UNLOCK 5

/*
 * Run the sync event e of the running task t from step t->sub. Steps take
 * no time. Returns true when the event is over and t still runs (t->sub
 * back to 0); false when t blocked (asleep, t->sub at the step it resumes
 * at) or a wake-up it made preempted it.
 */
static bool sync_event(struct eas_sim *s, struct sim_task *t,
		       const struct eas_rtapp_event *e)
{
	const struct sync_step *prog = sync_prog[e->type];
	bool blocked = false;

	/* threads that wake one another with no work in between never let
	 * time pass: a thread about to start its SIM_MAX_ZERO_TIME_SYNC + 1st
	 * sync event at one instant is parked for a tick (as a program that
	 * never runs nor sleeps is, task_program()) */
	if (t->zt_now != s->now) {
		t->zt_now = s->now;
		t->zt_n = 0;
	}
	if (t->sub == 0 && ++t->zt_n > SIM_MAX_ZERO_TIME_SYNC) {
		go_sleep(s, t, s->now + s->tick_ns, false);
		return false;
	}

	while (!blocked && prog[t->sub].op != OP_END) {
		const struct sync_step *st = &prog[t->sub];
		struct sim_res *r = &s->res[st->dep ? e->dep : e->res];
		uint32_t old;

		switch (st->op) {
		case OP_LOCK:
			if (r->pi) {
				/* PTHREAD_PRIO_INHERIT: glibc's cmpxchg 0 ->
				 * TID; else FUTEX_LOCK_PI: futex_lock_pi() ->
				 * task_blocks_on_rt_mutex(): queued by waiter
				 * key, the owner chain boosted; woken owning
				 * the lock (pi_unlock()'s hand-off), where
				 * try_to_take_rt_mutex() makes the remaining
				 * waiters its pi waiters (rt_mutex_adjust_prio()) */
				if (!r->owner1 ||
				    (t->lock_slow && r->owner1 == t->idx + 1)) {
					r->owner1 = t->idx + 1;
					t->lock_slow = false;
					pi_adjust_chain(s, t);
					t->sub++;
					break;
				}
				t->lock_slow = true;
				t->pi_on = (uint32_t)(r - s->res) + 1;
				pi_queue(s, &r->mq, t);
				pi_adjust_chain(s, &s->tasks[r->owner1 - 1]);
				blocked = true;
				break;
			}
			/* lll_lock(): cmpxchg 0 -> 1; else __lll_lock_wait():
			 * exchange in 2, sleep while the old value was not
			 * 0. After a wake-up (or a condition's, whose
			 * __pthread_mutex_cond_lock() exchanges 2 at once)
			 * only the exchange. */
			if (!t->lock_slow && r->lll == 0) {
				r->lll = 1;
				t->sub++;
				break;
			}
			old = r->lll;
			r->lll = 2;
			if (t->lock_slow && old == 0) {
				t->lock_slow = false;
				t->sub++;
				break;
			}
			t->lock_slow = true;
			futex_queue(s, &r->mq, t);
			blocked = true;
			break;
		case OP_UNLOCK:
			mutex_unlock(s, r, t);
			t->sub++;
			break;
		case OP_CWAIT:
			/* register as a waiter, release the mutex (waking
			 * one of its waiters), futex_wait(); re-acquire the
			 * mutex (next step) once woken */
			futex_queue(s, &r->cq, t);
			mutex_unlock(s, &s->res[e->dep >= 0 ? e->dep : e->res],
				     t);
			t->lock_slow = true;
			t->sub++;
			blocked = true;
			break;
		case OP_SIGNAL:
			futex_wake(s, &r->cq, 1, t);
			t->sub++;
			break;
		case OP_BROAD:
			futex_wake(s, &r->cq, UINT32_MAX, t);
			t->sub++;
			break;
		case OP_BAR_CHECK:
			if (r->waiting == 0) {
				futex_wake(s, &r->cq, UINT32_MAX, t);
				t->sub = SYNC_BAR_UNLOCK;
			} else {
				r->waiting--;
				t->sub++;
			}
			break;
		case OP_BAR_INC:
			r->waiting++;
			t->sub++;
			break;
		case OP_SEM_POST:
			/* glibc __new_sem_post(): the count + 1, then
			 * futex_wake(1) when a thread waits (nwaiters > 0);
			 * the count is not handed to it */
			r->sem++;
			futex_wake(s, &r->cq, 1, t);
			t->sub++;
			break;
		case OP_SEM_WAIT:
			/* glibc __new_sem_wait(): take one from a positive
			 * count; else (__new_sem_wait_slow()) futex_wait()
			 * while it is 0, then try again: a post taken by
			 * someone else in between means waiting again */
			if (r->sem > 0) {
				r->sem--;
				t->sub++;
				break;
			}
			futex_queue(s, &r->cq, t);
			blocked = true;
			break;
		}
	}
	if (blocked) {
		go_sleep(s, t, 0, false);
		return false;
	}
	/* a wakee on t's own CPU preempts it when the call returns (the
	 * need_resched check on the way back to user space); the other
	 * wakees' CPUs reschedule when t's program stops (task_step()) */
	schedule_if_needed(s, &s->cpus[t->cpu]);
	if (t->state != SIM_TS_RUNNING)
		return false;
	t->sub = 0;
	return true;
}

/*
 * sched_yield() by the running task t (rt-app's "yield"): the class's
 * yield_task(), then schedule(). Returns true when t goes on running its
 * program here, false when another task was picked (t continues from its
 * next event when it is picked again).
 *
 * v5.4 yield_task_fair(): nothing when t is alone on the rq
 * (rq->nr_running == 1); else clear_buddies(), update_curr() (not for
 * SCHED_BATCH) and set_skip_buddy(): pick_next_entity() then skips t when
 * the next entity is within wakeup_gran() of it. v6.19 / v7.1: EEVDF's
 * yield_task_fair() (below). RT yield_task_rt(): requeue at the tail of
 * its priority.
 */
static bool yield_task(struct eas_sim *s, struct sim_task *t)
{
	struct sim_cpu *c = &s->cpus[t->cpu];
	uint64_t ctx = c->ctx;

	update_cpu(s, c);
	if (is_cfs(t) && c->nr_running > 1 && eevdf(s)) {
		/* EEVDF yield_task_fair(): update_curr(); an eligible
		 * yielder forfeits the rest of its request: vruntime =
		 * deadline, deadline one slice further (v7.1 through
		 * update_deadline(): the same values) */
		eevdf_update_curr(s, c);
		if (eevdf_eligible(s, c, t)) {
			t->vruntime = t->deadline;
			if (!t->custom_slice && s->k == EAS_KERNEL_V7_1)
				t->slice = eevdf_base_slice(s);
			t->deadline += calc_delta_fair(t->slice, t);
		}
	} else if (is_cfs(t) && c->nr_running > 1) {
		clear_buddies(c, t);
		if (s->k == EAS_KERNEL_V5_4 && t->policy != EAS_POLICY_BATCH)
			update_curr_fair(s, c);
		c->cfs_skip = (int32_t)t->idx;
	}
	if (eas__sim_is_dl(t)) /* SCHED_DEADLINE: yield_task_dl() */
		eas__sim_dl_yield(s, c, t);
	t->yielding = true;
	resched(c);
	schedule_if_needed(s, c);
	t->yielding = false;
	/* switched out (a nested pick may already have resumed it) */
	return c->ctx == ctx && t->state == SIM_TS_RUNNING;
}

static void init_user_task(struct eas_sim *s, struct sim_task *t,
			   const struct eas_rtapp_task *d);
static void start_task(struct eas_sim *s, struct sim_task *t,
		       struct sim_task *parent);

/*
 * rt-app's "fork" (run_event(), create_thread()): the running thread
 * parent creates a thread from the description tasks[e->res], named
 * "<name>-<index>-<nth fork of it>" (thread_data_set_unique_name(),
 * truncated to 15 characters). A description forked RTAPP_FORKS_LIMIT
 * times makes rt-app exit (the run stops here, eas_sim_run() returns
 * EAS_ERANGE), as does a fork past EAS_RTAPP_MAX_INSTANCES threads in all
 * (the simulator's task array is allocated at creation). Returns false
 * then.
 */
static bool fork_thread(struct eas_sim *s, struct sim_task *parent,
			const struct eas_rtapp_event *e)
{
	const struct eas_rtapp_task *d = &s->w->tasks[e->res];
	struct sim_task *t;
	char buf[96];

	if (s->nforks[e->res] >= RTAPP_FORKS_LIMIT ||
	    s->nr_user >= s->user_cap) {
		s->fork_limit = true;
		return false;
	}
	t = &s->tasks[s->nr_user];
	init_user_task(s, t, d);
	snprintf(buf, sizeof(buf), "%.64s-%u-%04u", d->name, s->nr_user,
		 s->nforks[e->res]);
	memcpy(t->comm, buf, sizeof(t->comm) - 1);
	t->comm[sizeof(t->comm) - 1] = 0;
	s->nforks[e->res]++;
	s->nr_user++;
	s->alive++;
	/* thread_body(): a delay still ahead is slept from t_zero + delay
	 * once the thread runs */
	if (d->delay_us * NSEC_PER_USEC > s->now)
		t->delay_until = d->delay_us * NSEC_PER_USEC;
	start_task(s, t, parent);
	return true;
}

/* Run the program of the running task t from its current event. */
static void task_program(struct eas_sim *s, struct sim_task *t)
{
	struct sim_cpu *c = &s->cpus[t->cpu];
	int guard;

	if (t->kind != SIM_TK_USER) {
		/* migration thread: its work is done, execute and sleep */
		t->in_run = false;
		if (c->ab.pending && c->ab.mech != EAS_MECH_BALANCE_CALLBACK)
			ab_execute(s, c->id, NULL);
		go_sleep(s, t, 0, false);
		schedule_if_needed(s, c);
		return;
	}
	if (t->in_run) {
		t->in_run = false;
		if (t->spin) {
			/* the spin ends where the program stood */
			t->spin = false;
		} else if (!next_event(s, t)) {
			go_sleep(s, t, 0, true);
			schedule_if_needed(s, c);
			return;
		}
	}
	if (t->delay_until) {
		uint64_t until = t->delay_until;

		t->delay_until = 0;
		if (until > s->now) {
			go_sleep(s, t, until, false);
			schedule_if_needed(s, c);
			return;
		}
	}
	for (guard = 0; guard < SIM_ZERO_TIME_EVENTS; guard++) {
		const struct eas_rtapp_event *e;

		if (t->state != SIM_TS_RUNNING)
			return;
		if (t->props_pending) {
			/* thread_body(): set_thread_affinity() and
			 * set_thread_param() as the phase begins, by the
			 * running thread itself */
			t->props_pending = false;
			change_props_running(s, t, cur_phase(t));
			if (t->move_to >= 0) {
				schedule_if_needed(s, c);
				return;
			}
		}
		e = &cur_phase(t)->events[t->ev];
		switch (e->type) {
		case EAS_RTAPP_RUN:
			/* loadwait(N): a fixed amount of work */
			if (!e->us)
				break;
			t->in_run = true;
			t->work_wall = false;
			t->work_left =
				clamp_us(e->us) * NSEC_PER_USEC * s->calib_cap;
			arm_done(s, c);
			schedule_if_needed(s, c);
			return;
		case EAS_RTAPP_RUNTIME:
			/* a do-while: even `runtime 0` runs one chunk */
			t->in_run = true;
			t->work_wall = true;
			t->wall_end = s->now + clamp_us(e->us) * NSEC_PER_USEC;
			t->work_left = chunk_work(s);
			arm_done(s, c);
			schedule_if_needed(s, c);
			return;
		case EAS_RTAPP_SLEEP:
			if (!e->us)
				break;
			if (!next_event(s, t)) {
				go_sleep(s, t, 0, true);
			} else {
				go_sleep(s, t, s->now + e->us * NSEC_PER_USEC,
					 false);
			}
			schedule_if_needed(s, c);
			return;
		case EAS_RTAPP_TIMER: {
			struct sim_timer *tm = task_timer(s, t, e->timer);
			uint64_t period = e->us * NSEC_PER_USEC;

			if (!tm)
				break;
			if (!tm->init) {
				tm->init = true;
				tm->t_next = t->t_first;
			}
			tm->t_next += period;
			samples_push(&t->slack,
				     ((int64_t)tm->t_next - (int64_t)s->now) /
					     (int64_t)NSEC_PER_USEC);
			if (s->now < tm->t_next) {
				uint64_t until = tm->t_next;

				if (!next_event(s, t))
					go_sleep(s, t, 0, true);
				else
					go_sleep(s, t, until, false);
				schedule_if_needed(s, c);
				return;
			}
			t->missed++;
			if (!e->timer_absolute)
				tm->t_next = s->now;
			break;
		}
		case EAS_RTAPP_FORK: {
			uint64_t ctx = c->ctx;
			bool more = next_event(s, t);

			if (!fork_thread(s, t, e))
				return; /* rt-app exits */
			if (!more) {
				go_sleep(s, t, 0, true);
				schedule_if_needed(s, c);
				return;
			}
			/* a child that preempts its parent on its CPU does so
			 * on the way back from clone() */
			schedule_if_needed(s, c);
			if (c->ctx != ctx || t->state != SIM_TS_RUNNING)
				return;
			continue;
		}
		case EAS_RTAPP_YIELD:
			if (!next_event(s, t)) {
				go_sleep(s, t, 0, true);
				schedule_if_needed(s, c);
				return;
			}
			if (!yield_task(s, t))
				return;
			continue;
		default:
			if (!sync_event(s, t, e)) {
				schedule_if_needed(s, c);
				return;
			}
			break;
		}
		if (!next_event(s, t)) {
			go_sleep(s, t, 0, true);
			schedule_if_needed(s, c);
			return;
		}
	}
	/*
	 * A program that neither runs nor sleeps (e.g. a loop of `run 0`):
	 * rt-app's thread would spin on the CPU. It is busy for one tick of
	 * wall time, then goes on from the event it stood at, so its cost
	 * per simulated tick is bounded by SIM_ZERO_TIME_EVENTS.
	 */
	t->spin = true;
	t->in_run = true;
	t->work_wall = true;
	t->wall_end = s->now + s->tick_ns;
	t->work_left = chunk_work(s);
	arm_done(s, c);
	schedule_if_needed(s, c);
}

/*
 * task_program(), then the CPUs of the threads its sync events woke on
 * other CPUs reschedule (the IPI / idle exit): t's zero-time steps up to
 * its next run, sleep or block come first, so an unlocker that locks
 * again at once wins the mutex over the waiter it woke, as a running
 * thread does against one still waking up (glibc has no hand-off).
 */
static void task_step(struct eas_sim *s, struct sim_task *t)
{
	uint32_t w0 = s->woken.n, w1, i;

	s->step_depth++;
	task_program(s, t);
	w1 = s->woken.n;
	for (i = w0; i < w1; i++)
		schedule_if_needed(s, &s->cpus[s->tasks[s->woken.v[i]].cpu]);
	s->woken.n = w0;
	s->step_depth--;
}

/* The running task t blocks (until > 0: wake-up event) or exits. */
static void go_sleep(struct eas_sim *s, struct sim_task *t, uint64_t until,
		     bool dead)
{
	struct sim_cpu *c = &s->cpus[t->cpu];

	update_cpu(s, c);
	update_curr_rt(s, c); /* dequeue_task_rt() */
	/* v5.4 dequeue_entity(DEQUEUE_SLEEP): update_curr(), clear_buddies() */
	if (s->k == EAS_KERNEL_V5_4 && is_cfs(t)) {
		update_curr_fair(s, c);
		clear_buddies(c, t);
	}
	uclamp_dec(c, t);
	if (t->kind == SIM_TK_STOPPER) {
		/* nothing queued */
	} else if (eas__sim_is_dl(t)) {
		/* SCHED_DEADLINE: dequeue_task_dl(DEQUEUE_SLEEP); a
		 * throttled task had left the rq already */
		if (!eas__sim_dl_sleep(s, c, t, dead))
			c->nr_running++;
	} else if (is_rt(t)) {
		c->nr_rt--;
	} else {
		/* dequeue_task_fair(DEQUEUE_SLEEP) */
		if (s->k != EAS_KERNEL_V5_4) {
			util_est_dequeue(s, c, t);
			util_est_update(s, t);
			/* dequeue_entity(): update_curr(); DELAY_DEQUEUE: a
			 * task that is not eligible stays queued (an exit
			 * is DEQUEUE_SPECIAL: never delayed); else
			 * update_entity_lag() and off the rq */
			eevdf_update_curr(s, c);
			task_pelt(s, t);
			if (!dead && t->kind == SIM_TK_USER &&
			    !eevdf_eligible(s, c, t)) {
				if (s->k == EAS_KERNEL_V7_1)
					eevdf_update_lag(s, c, t);
				t->delayed = true;
				c->nr_delayed++;
				goto slept;
			}
			eevdf_update_lag(s, c, t);
		} else {
			task_pelt(s, t);
			util_est_dequeue(s, c, t);
			util_est_update(s, t);
		}
		c->nr_cfs--;
		c->cfs_weight -= t->weight;
	}
	c->nr_running--;
slept:
	if (dead && t->kind == SIM_TK_USER)
		s->alive--;
	t->state = dead ? SIM_TS_DEAD : SIM_TS_SLEEPING;
	t->in_run = false;
	/* v5.4 dequeue_entity(): update_min_vruntime() without curr (off
	 * the rq now) */
	if (s->k == EAS_KERNEL_V5_4 && is_cfs(t))
		update_min_vruntime(s, c);
	resched(c);
	t->sleep_until = dead ? 0 : until;
	if (!dead && until) {
		t->wake_gen++;
		ev_push(s, until, SIM_EV_WAKE, t->idx, t->wake_gen);
	}
	if (t->kind == SIM_TK_USER)
		sugov_update(s, c->id);
}

/* ---------------------------------------------------------------------- */
/* wake-up and fork                                                        */
/* ---------------------------------------------------------------------- */

/*
 * select_task_rq_rt() (both flavours, WF_TTWU / WF_FORK): p stays on its
 * CPU unless the task current there is RT and would not be preempted by
 * p (curr pinned, or curr->prio <= p->prio); v6.19 also moves it when p
 * does not fit that CPU's capacity (rt_task_fits_capacity()). Then
 * find_lowest_rq() from this_cpu (the CPU running try_to_wake_up()), taken
 * only when its highest RT priority is below p's (v6.19: and, when only the
 * fitness asked, when p fits there).
 */
static uint32_t select_rt(struct eas_sim *s, const struct sim_task *t,
			  uint32_t this_cpu)
{
	uint32_t cpu = (uint32_t)t->cpu;
	const struct sim_cpu *c = &s->cpus[cpu];
	const struct sim_task *curr = c->curr >= 0 ? &s->tasks[c->curr] : NULL;
	bool test = curr && is_rt(curr) &&
		    (curr->nr_allowed < 2 || task_kprio(curr) <= task_kprio(t));
	bool fits = s->k == EAS_KERNEL_V5_4 || rt_task_fits_capacity(s, t, cpu);
	int32_t target;

	if (!test && fits)
		return cpu;
	target = find_lowest_rq(s, t, this_cpu);
	if (!test && target >= 0 &&
	    !rt_task_fits_capacity(s, t, (uint32_t)target))
		return cpu; /* out_unlock: the fitter search failed */
	if (target >= 0 && task_kprio(t) < rt_highest_prio(s, &s->cpus[target]))
		cpu = (uint32_t)target;
	return cpu;
}

/*
 * waker: the thread that wakes t (futex_wake() from a sync event), running
 * on its CPU; NULL for a timer or start, where `current` on t's previous
 * CPU is the waker (below).
 */
static uint32_t select_cfs(struct eas_sim *s, struct sim_task *t,
			   uint32_t flags, struct sim_task *waker)
{
	struct eas_system sys;
	struct eas_task et;
	struct eas_waker w;
	struct eas_place_result res;
	const struct sim_cpu *wc = &s->cpus[t->cpu];
	struct sim_wake_state *ws;
	int cpu;

	/*
	 * select_task_rq() (core.c, v5.4; v6.19 / v7.1 also require
	 * !is_migration_disabled(), never the case here): the class's
	 * select_task_rq() runs only when p->nr_cpus_allowed > 1; a task
	 * allowed on one CPU goes to cpumask_any(p->cpus_ptr), its only CPU,
	 * with no select_task_rq_fair(): no record_wakee() for the waker, no
	 * placement counted. (Every CPU is online: is_cpu_allowed() holds.)
	 */
	if (t->nr_allowed == 1)
		return first_allowed(s, t);
	fill_all_rqs(s);
	fill_sys(s, &sys);
	fill_task(s, t, &et);
	/*
	 * The waker is `current` on the waking CPU: the task a timer
	 * interrupt preempted there, or that CPU's idle task. Its
	 * record_wakee() state (wakee_flips, last_wakee, decay stamp) and
	 * recent_used_cpu persist across wake-ups, as in the kernel, so that
	 * wake_wide() sees real flip counts.
	 */
	eas_waker_init(&w);
	w.cpu = t->cpu;
	w.id = wc->curr >= 0 ? (uint32_t)wc->curr : s->nr_tasks + wc->id;
	ws = wc->curr >= 0 ? &s->tasks[wc->curr].wk : &s->cpus[t->cpu].idle_wk;
	w.wakee_flips = ws->wakee_flips;
	w.last_wakee = ws->last_wakee;
	w.wakee_flip_decay_ts = ws->wakee_flip_decay_ts;
	w.recent_used_cpu = ws->recent_used_cpu;
	if (waker) {
		/* try_to_wake_up() from the waker's CPU, with the waker as
		 * current: its record_wakee() state sees the flips */
		w.cpu = waker->cpu;
		w.id = waker->idx;
		ws = &waker->wk;
		w.wakee_flips = ws->wakee_flips;
		w.last_wakee = ws->last_wakee;
		w.wakee_flip_decay_ts = ws->wakee_flip_decay_ts;
		w.recent_used_cpu = ws->recent_used_cpu;
	}
	/* the configured policy (sim_policy.c), select_task_rq_fair() by
	 * default, with select_task_rq()'s fallback */
	cpu = eas__sim_place(s, &sys, t, &et, &w, flags, &res);
	ws->wakee_flips = w.wakee_flips;
	ws->last_wakee = w.last_wakee;
	ws->wakee_flip_decay_ts = w.wakee_flip_decay_ts;
	ws->recent_used_cpu = w.recent_used_cpu;
	s->placements++;
	if (cpu < 0 || (uint32_t)cpu >= s->nr_cpus)
		return (uint32_t)t->cpu;
	if (res.path <= EAS_PATH_CURRENT_CPU)
		s->by_path[res.path]++;
	if (res.path == EAS_PATH_EAS)
		s->placements_eas++;
	t->wk.recent_used_cpu = et.recent_used_cpu;
	t->wk.wakee_flips = et.wakee_flips;
	t->wk.wakee_flip_decay_ts = et.wakee_flip_decay_ts;
	return (uint32_t)cpu;
}

/*
 * A thread starts: rt-app's create_thread(), the kernel's
 * wake_up_new_task() placing it with select_task_rq_fair(WF_FORK) (or the
 * RT class's choice). parent NULL: a thread created at start, placed from
 * CPU 0's `current` (rt-app's main thread is not modelled). parent: a
 * "fork" event of that running thread: placed from the parent's CPU with
 * the parent as current; the child's CPU reschedules when the parent's
 * program stops (as a futex wakee's does).
 */
static void start_task(struct eas_sim *s, struct sim_task *t,
		       struct sim_task *parent)
{
	uint32_t cpu, fork_cpu;
	struct sim_cpu *c;

	/* thread_body(): t_first = t_zero + delay, for a forked thread too */
	t->t_first = parent ? t->def->delay_us * NSEC_PER_USEC : s->now;
	t->phase = 0;
	t->ev = 0;
	t->phase_loops_left = t->def->nr_phases ? t->def->phases[0].loop : 0;
	apply_props(s, t, &t->def->props);
	if (t->def->nr_phases)
		apply_props(s, t, &t->def->phases[0].props);
	/* fork: placed from CPU 0 (the rt-app main thread) or the forking
	 * thread's CPU (when the child's affinity allows it) */
	t->cpu = (int32_t)first_allowed(s, t);
	if (parent && eas_mask_test(t->allowed, (uint32_t)parent->cpu))
		t->cpu = parent->cpu;
	if (is_cfs(t)) {
		/* the parent's CPU: wake_up_new_task() traces there */
		fork_cpu = parent ? (uint32_t)parent->cpu : (uint32_t)t->cpu;
		cpu = select_cfs(s, t, EAS_WF_FORK, parent);
		/* init_entity_runnable_average() + post_init_entity_util_avg() */
		c = &s->cpus[cpu];
		update_cpu(s, c);
		t->cpu = (int32_t)cpu;
		memset(&t->avg, 0, sizeof(t->avg));
		t->avg.load_avg = t->weight;
		{
			int64_t cap = ((int64_t)c->cap -
				       (int64_t)c->cfs_avg.util_avg) /
				      2;

			if (cap > 0) {
				if (c->cfs_avg.util_avg) {
					uint64_t u = c->cfs_avg.util_avg *
						     (t->weight << 10) /
						     (c->cfs_avg.load_avg + 1);
					t->avg.util_avg =
						u > (uint64_t)cap ?
							(uint64_t)cap :
							u;
				} else {
					t->avg.util_avg = (uint64_t)cap;
				}
			}
		}
		if (s->k != EAS_KERNEL_V5_4)
			t->avg.runnable_avg = t->avg.util_avg;
		else
			t->avg.runnable_avg = t->avg.load_avg;
		t->avg_detached = true;
	} else if (eas__sim_is_dl(t)) {
		/* SCHED_DEADLINE: select_task_rq_dl() from the forking CPU */
		fork_cpu = parent ? (uint32_t)parent->cpu : (uint32_t)t->cpu;
		cpu = eas__sim_dl_select(s, t, fork_cpu, false);
	} else {
		fork_cpu = parent ? (uint32_t)parent->cpu : (uint32_t)t->cpu;
		cpu = select_rt(s, t, fork_cpu);
	}
	/* wake_up_new_task(): sched_wakeup_new only (no sched_waking, that
	 * is try_to_wake_up()'s), traced by the parent on the forking CPU */
	if (s->tr_tmp)
		trace_ev(
			s, fork_cpu,
			"sched_wakeup_new: comm=%s pid=%u prio=%d target_cpu=%03u",
			t->comm, t->pid, task_kprio(t), cpu);
	t->wake_ts = s->now;
	t->lat_pending = true;
	t->wakeups++;
	enqueue(s, t, cpu, false, true);
	if (eas__sim_is_dl(t)) { /* SCHED_DEADLINE: wake_up_new_task() */
		uint32_t i;

		eas__sim_dl_woken(s, &s->cpus[cpu], t);
		for (i = 0; i < s->nr_cpus; i++)
			if (i != cpu)
				schedule_if_needed(s, &s->cpus[i]);
	}
	sugov_update(s, cpu);
	if (is_rt(t))
		task_woken_rt(s, &s->cpus[cpu], t);
	if (parent)
		vec_push(&s->woken, t->idx);
	else
		schedule_if_needed(s, &s->cpus[cpu]);
}

/*
 * try_to_wake_up(t). waker NULL: a timer or the thread's start (the wakee's
 * CPU wakes it, then reschedules at once). waker: a thread's futex_wake()
 * (docs/rtapp.md): woken from the waker's CPU with WF_TTWU only (futex
 * wake-ups are never WF_SYNC); the caller reschedules the target CPU when
 * the waker's synchronisation step is over.
 */
static void wake_task_from(struct eas_sim *s, struct sim_task *t,
			   struct sim_task *waker)
{
	uint32_t prev = (uint32_t)t->cpu, cpu;

	if (t->state == SIM_TS_NEW) {
		start_task(s, t, NULL);
		return;
	}
	if (t->state != SIM_TS_SLEEPING)
		return;
	if (t->delayed) {
		/* ttwu_runnable(): still queued (DELAY_DEQUEUE), woken where
		 * it is, no select_task_rq(): enqueue_task(ENQUEUE_DELAYED)
		 * (util_est_enqueue(), requeue_delayed_entity()), then
		 * wakeup_preempt() unless it is the CPU's curr */
		struct sim_cpu *c = &s->cpus[prev];
		bool is_curr = c->curr == (int32_t)t->idx;

		update_cpu(s, c);
		util_est_enqueue(s, c, t);
		eevdf_requeue_delayed(s, c, t);
		t->state = SIM_TS_RUNNABLE;
		if (is_curr) /* (see enqueue(): back into the tree) */
			eevdf_tree_add(s, c, t);
		if (s->tr_tmp)
			trace_wakeup(s, t, waker ? (uint32_t)waker->cpu : prev,
				     prev);
		t->wake_ts = s->now;
		t->lat_pending = true;
		t->wakeups++;
		if (!is_curr)
			check_preempt(s, c, t, false);
		sugov_update(s, prev);
		if (!waker)
			schedule_if_needed(s, c);
		return;
	}
	if (is_cfs(t)) {
		/* sync_entity_load_avg() on prev's cfs_rq clock */
		const struct eas_pelt *sa = &s->cpus[prev].cfs_avg;

		if (!t->avg_detached &&
		    sa->last_update_time >= t->avg.last_update_time)
			eas_pelt_update(s->k, &t->avg, sa->last_update_time, 0,
					0, 0, t->weight, t->weight);
		cpu = select_cfs(s, t, EAS_WF_TTWU, waker);
	} else if (eas__sim_is_dl(t)) {
		/* SCHED_DEADLINE: select_task_rq_dl() on the waking CPU */
		cpu = eas__sim_dl_select(
			s, t, waker ? (uint32_t)waker->cpu : prev, true);
	} else {
		cpu = select_rt(s, t, waker ? (uint32_t)waker->cpu : prev);
	}
	if (!eas_mask_test(t->allowed, cpu))
		cpu = first_allowed(s, t);
	if (cpu != prev) {
		/* migrate_task_rq_fair(): remove from prev (its stale
		 * clock, as remove_entity_load_avg() syncs) */
		if (is_cfs(t)) {
			detach_avg(s, t);
			/* v6.19 migrate_se_pelt_lag(): an idle prev CPU's
			 * clock stopped; estimate its PELT time now
			 * (clock_pelt_idle + time idle = now - lost idle) */
			if (s->k != EAS_KERNEL_V5_4 && s->cpus[prev].curr < 0) {
				uint64_t est = s->now -
					       s->cpus[prev].pc.lost_idle_time;

				if (est > t->avg.last_update_time)
					eas_pelt_update(s->k, &t->avg, est, 0,
							0, 0, t->weight,
							t->weight);
			}
			update_cpu(s, &s->cpus[cpu]);
			/* v5.4: migrate_task_rq_fair() -= prev's (stale)
			 * min_vruntime, enqueue_entity() update_curr() then
			 * += the new cpu's; EEVDF: place_entity() from the
			 * lag saved at the sleep */
			if (s->k == EAS_KERNEL_V5_4) {
				update_curr_fair(s, &s->cpus[cpu]);
				t->vruntime = t->vruntime -
					      s->cpus[prev].min_vruntime +
					      s->cpus[cpu].min_vruntime;
			}
		}
		if (eas__sim_is_dl(t)) /* SCHED_DEADLINE */
			eas__sim_dl_migrate_wake(s, t, prev);
		if (s->tr_tmp)
			trace_ev(
				s, prev,
				"sched_migrate_task: comm=%s pid=%u prio=%d orig_cpu=%u dest_cpu=%u",
				t->comm, t->pid, task_kprio(t), prev, cpu);
		t->migrations++;
		s->migrations++;
		s->wake_migrations++;
	}
	if (s->tr_tmp)
		trace_wakeup(s, t, waker ? (uint32_t)waker->cpu : prev, cpu);
	t->wake_ts = s->now;
	t->lat_pending = true;
	t->wakeups++;
	enqueue(s, t, cpu, true, false);
	if (eas__sim_is_dl(t)) { /* SCHED_DEADLINE: task_woken_dl() */
		uint32_t i;

		eas__sim_dl_woken(s, &s->cpus[cpu], t);
		for (i = 0; i < s->nr_cpus; i++)
			if (i != cpu)
				schedule_if_needed(s, &s->cpus[i]);
	}
	sugov_update(s, cpu);
	if (is_rt(t))
		task_woken_rt(s, &s->cpus[cpu], t);
	if (!waker)
		schedule_if_needed(s, &s->cpus[cpu]);
}

static void wake_task(struct eas_sim *s, struct sim_task *t)
{
	wake_task_from(s, t, NULL);
}

/* ---------------------------------------------------------------------- */
/* tick                                                                    */
/* ---------------------------------------------------------------------- */

static void tick_cpu(struct eas_sim *s, struct sim_cpu *c)
{
	struct sim_task *t;
	struct eas_system sys;

	update_cpu(s, c);
	if (c->curr < 0)
		return;
	t = &s->tasks[c->curr];
	update_curr_rt(s, c); /* task_tick_rt() (an RT curr only) */
	if (is_cfs(t)) {
		/* entity_tick(): update_load_avg(curr), check_preempt_tick() */
		uint64_t period, ideal;
		uint32_t nr = c->nr_cfs;

		task_pelt(s, t);
		if (s->k == EAS_KERNEL_V5_4) {
			period = SCHED_LATENCY_NS * tunable_factor(s);
			if (nr > 8)
				period = nr * SCHED_MIN_GRAN_NS *
					 tunable_factor(s);
			update_curr_fair(s, c);
			/* v5.4 check_preempt_tick(): sched_slice() =
			 * __calc_delta(period, se weight, cfs_rq load) */
			ideal = calc_delta(period, t->weight,
					   rq_inv_weight(c->cfs_weight));
			if (c->cfs.n) {
				int32_t l = cfs_leftmost(s, c);

				if (t->slice_exec > ideal) {
					/* ran its slice: no buddy favours */
					resched(c);
					clear_buddies(c, t);
				} else if (t->slice_exec >=
						   SCHED_MIN_GRAN_NS *
							   tunable_factor(s) &&
					   (int64_t)(t->vruntime -
						     s->tasks[l].vruntime) >
						   (int64_t)ideal) {
					resched(c);
				}
			}
			goto tick_done;
		}
		/* EEVDF entity_tick(): update_curr() (update_deadline(),
		 * protect_slice()) decides; no check_preempt_tick() */
		eevdf_update_curr(s, c);
tick_done:
		/* task_tick_fair(): update_misfit_status(curr) + overutilized */
		update_misfit(s, c, t);
		fill_sys(s, &sys);
		set_overutilized(s, eas_overutilized_update(&sys, c->id,
							    EAS_OU_TICK,
							    s->overutilized));
	} else if (eas__sim_is_dl(t)) {
		eas__sim_dl_tick(s, c, t); /* SCHED_DEADLINE: task_tick_dl() */
	} else if (t->policy == EAS_POLICY_RR && t->kind == SIM_TK_USER) {
		/* task_tick_rt(): round robin among equal priorities */
		if (!t->rr_left) {
			uint32_t i;

			t->rr_left = RR_TIMESLICE_NS;
			for (i = 0; i < c->rt.n; i++)
				if (task_kprio(&s->tasks[c->rt.v[i]]) ==
				    task_kprio(t))
					resched(c);
		}
	}
	sugov_update(s, c->id);
}

static void tick(struct eas_sim *s)
{
	uint32_t i;
	bool kick = false, blocked;

	s->jiffies++;
	blocked = s->jiffies % (32u * s->cfg.hz / 1000u + 1u) == 0;
	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *c = &s->cpus[i];

		if (c->curr >= 0 || blocked)
			tick_cpu(s, c);
		if (c->nr_running >= 2 || c->misfit_task_load)
			kick = true;
	}
	for (i = 0; i < s->nr_cpus; i++)
		schedule_if_needed(s, &s->cpus[i]);
	/* periodic balance (run_rebalance_domains()); idle CPUs balance only
	 * when a nohz kick condition holds somewhere */
	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *c = &s->cpus[i];
		bool idle = c->curr < 0;

		if (idle && !kick)
			continue;
		rebalance(s, i, idle ? EAS_LB_IDLE : EAS_LB_NOT_IDLE, false);
	}
	for (i = 0; i < s->nr_cpus; i++)
		schedule_if_needed(s, &s->cpus[i]);
	if (s->tr_tmp) {
		char name[32];

		for (i = 0; i < s->nr_cpus; i++) {
			snprintf(name, sizeof(name), "util_cpu%u", i);
			trace_counter(s, i, name,
				      s->cpus[i].cfs_avg.util_avg +
					      s->cpus[i].rt_avg.util_avg);
		}
		trace_counter(s, 0, "energy_uj", eas__sim_energy_uj(s));
	}
	ev_push(s, s->now + s->tick_ns, SIM_EV_TICK, 0, 0);
}

/* ---------------------------------------------------------------------- */
/* plot samples                                                            */
/* ---------------------------------------------------------------------- */

/* Full sample buffer: keep every other sample, halve the rate (runs
 * whose length is not known in advance stay evenly sampled). */
static void sample_compact(struct eas_sim *s)
{
	uint32_t i, j, n = s->svg_n / 2;

	for (i = 0; i < n; i++) {
		s->svg_t[i] = s->svg_t[2 * i];
		s->svg_energy[i] = s->svg_energy[2 * i];
		for (j = 0; j < s->nr_cpus; j++)
			s->svg_util[(size_t)i * s->nr_cpus + j] =
				s->svg_util[(size_t)2 * i * s->nr_cpus + j];
		for (j = 0; j < s->nr_pds; j++)
			s->svg_freq[(size_t)i * s->nr_pds + j] =
				s->svg_freq[(size_t)2 * i * s->nr_pds + j];
	}
	s->svg_n = n;
	s->svg_dt *= 2;
}

static void sample(struct eas_sim *s)
{
	uint32_t i, n;

	if (s->svg_n >= s->svg_max)
		sample_compact(s);
	n = s->svg_n;
	s->svg_t[n] = s->now;
	for (i = 0; i < s->nr_cpus; i++)
		s->svg_util[(size_t)n * s->nr_cpus + i] =
			cpu_util_observed(s, &s->cpus[i]);
	for (i = 0; i < s->nr_pds; i++)
		s->svg_freq[(size_t)n * s->nr_pds + i] = s->pds[i].freq_khz;
	s->svg_energy[n] = eas__sim_energy_uj(s);
	s->svg_n++;
	ev_push(s, s->now + s->svg_dt, SIM_EV_SAMPLE, 0, 0);
}

/* ---------------------------------------------------------------------- */
/* create / run / free                                                     */
/* ---------------------------------------------------------------------- */

static void seterr(char *buf, size_t len, const char *msg, const char *arg)
{
	if (buf && len)
		snprintf(buf, len, "%s%s", msg, arg ? arg : "");
}

/* Every CPU id of an affinity list exists on the platform (rt-app's
 * pthread_setaffinity_np() fails with EINVAL otherwise). */
static int check_cpus(const struct eas_rtapp_props *p, uint32_t nr_cpus,
		      const char *task, const char *phase, char *buf,
		      size_t len)
{
	uint32_t i;

	for (i = 0; i < p->nr_cpus; i++) {
		if (p->cpus[i] < nr_cpus)
			continue;
		if (buf && len)
			snprintf(buf, len,
				 "/tasks/%s%s%s/cpus: CPU %u is not on the "
				 "platform, which has %u CPU%s (0-%u)",
				 task, phase ? "/phases/" : "",
				 phase ? phase : "", p->cpus[i], nr_cpus,
				 nr_cpus == 1 ? "" : "s", nr_cpus - 1);
		return -1;
	}
	return 0;
}

/* A sync event's resources exist and are of the kind it uses (a
 * workload built in C). */
static bool res_is(const struct eas_rtapp_workload *w, int32_t i, int32_t type)
{
	return i >= 0 && (uint32_t)i < w->nr_resources &&
	       w->resources[i].type == type;
}

static int check_sync(const struct eas_rtapp_workload *w,
		      const struct eas_rtapp_task *t,
		      const struct eas_rtapp_phase *ph, char *buf, size_t len)
{
	uint32_t k;

	for (k = 0; k < ph->nr_events; k++) {
		const struct eas_rtapp_event *e = &ph->events[k];
		bool ok;

		switch (e->type) {
		case EAS_RTAPP_RUN:
		case EAS_RTAPP_RUNTIME:
		case EAS_RTAPP_SLEEP:
		case EAS_RTAPP_TIMER:
			continue;
		case EAS_RTAPP_LOCK:
		case EAS_RTAPP_UNLOCK:
			ok = res_is(w, e->res, EAS_RTAPP_RES_MUTEX);
			break;
		case EAS_RTAPP_SIGNAL:
		case EAS_RTAPP_BROAD:
			ok = res_is(w, e->res, EAS_RTAPP_RES_COND);
			break;
		case EAS_RTAPP_WAIT:
		case EAS_RTAPP_SYNC:
		case EAS_RTAPP_SUSPEND:
		case EAS_RTAPP_RESUME:
			ok = res_is(w, e->res, EAS_RTAPP_RES_COND) &&
			     res_is(w, e->dep, EAS_RTAPP_RES_MUTEX);
			break;
		case EAS_RTAPP_BARRIER:
			ok = res_is(w, e->res, EAS_RTAPP_RES_BARRIER);
			break;
		case EAS_RTAPP_SEM_POST:
		case EAS_RTAPP_SEM_WAIT:
			ok = res_is(w, e->res, EAS_RTAPP_RES_SEM);
			break;
		case EAS_RTAPP_YIELD:
			continue;
		case EAS_RTAPP_FORK:
			ok = e->res >= 0 && (uint32_t)e->res < w->nr_tasks;
			break;
		default:
			ok = false;
			break;
		}
		if (!ok) {
			if (buf && len)
				snprintf(buf, len,
					 "/tasks/%s: phase %s: event %u: "
					 "unknown event type or resource",
					 t->name, ph->name, k);
			return -1;
		}
	}
	return 0;
}

/* Checks of the workload against the platform and of the run's length,
 * before anything is allocated; 0 or an EAS_E* code with a message. */
static int sim_check_input(const struct eas_platform *pf,
			   const struct eas_rtapp_workload *w,
			   const struct eas_sim_config *cfg, uint32_t *nu,
			   char *errbuf, size_t errlen)
{
	uint64_t total = 0;
	uint32_t i, j, n = pf->nr_cpus;

	for (i = 0; i < w->nr_tasks; i++) {
		const struct eas_rtapp_task *t = &w->tasks[i];

		if (!t->nr_phases) {
			seterr(errbuf, errlen,
			       "workload task has no phase: ", t->name);
			return EAS_EINVAL;
		}
		if (check_cpus(&t->props, n, t->name, NULL, errbuf, errlen))
			return EAS_EINVAL;
		for (j = 0; j < t->nr_phases; j++) {
			if (!t->phases[j].nr_events) {
				seterr(errbuf, errlen,
				       "workload phase has no event: ",
				       t->phases[j].name);
				return EAS_EINVAL;
			}
			if (check_cpus(&t->phases[j].props, n, t->name,
				       t->phases[j].name, errbuf, errlen))
				return EAS_EINVAL;
			if (check_sync(w, t, &t->phases[j], errbuf, errlen))
				return EAS_EINVAL;
		}
		/* 64-bit sum: per-thread counts are 32-bit and unbounded
		 * for workloads built in C */
		total += t->fork_only ? 0 : t->instance ? t->instance : 1;
		if (total > EAS_RTAPP_MAX_INSTANCES) {
			if (errbuf && errlen)
				snprintf(
					errbuf, errlen,
					"/tasks/%s/instance: thread instances "
					"add up to %llu or more; the simulator "
					"takes at most %u",
					t->name, (unsigned long long)total,
					EAS_RTAPP_MAX_INSTANCES);
			return EAS_ERANGE;
		}
	}
	if (w->calibration_cpu >= 0 && (uint32_t)w->calibration_cpu >= n) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen,
				 "/global/calibration: \"CPU%d\" is not on the "
				 "platform, which has %u CPU%s (0-%u)",
				 (int)w->calibration_cpu, n, n == 1 ? "" : "s",
				 n - 1);
		return EAS_EINVAL;
	}
	if (cfg && cfg->duration_ns > EAS_SIM_MAX_DURATION_NS) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen,
				 "duration %llu ns is more than the maximum "
				 "%llu s",
				 (unsigned long long)cfg->duration_ns,
				 EAS_SIM_MAX_DURATION_NS / NSEC_PER_SEC);
		return EAS_ERANGE;
	}
	if ((!cfg || !cfg->duration_ns) && w->duration_s > 0 &&
	    (uint64_t)w->duration_s > EAS_SIM_MAX_DURATION_NS / NSEC_PER_SEC) {
		if (errbuf && errlen)
			snprintf(errbuf, errlen,
				 "/global/duration: %lld s is more than the "
				 "simulator's maximum %llu s",
				 (long long)w->duration_s,
				 EAS_SIM_MAX_DURATION_NS / NSEC_PER_SEC);
		return EAS_ERANGE;
	}
	/* SCHED_DEADLINE: what sched_setattr() would refuse */
	if (eas__sim_dl_check(pf, w, errbuf, errlen))
		return EAS_EINVAL;
	*nu = (uint32_t)total;
	return 0;
}

static bool workload_uses_uclamp(const struct eas_rtapp_workload *w)
{
	uint32_t i, j;

	for (i = 0; i < w->nr_tasks; i++) {
		const struct eas_rtapp_task *t = &w->tasks[i];

		if (t->props.util_min >= 0 || t->props.util_max >= 0)
			return true;
		for (j = 0; j < t->nr_phases; j++)
			if (t->phases[j].props.util_min >= 0 ||
			    t->phases[j].props.util_max >= 0)
				return true;
	}
	return false;
}

/* comm: name, or name-N / name/N, truncated to 15 characters */
static void set_comm(struct sim_task *t, const char *name, uint32_t n,
		     bool with_n)
{
	char buf[96];

	if (with_n)
		snprintf(buf, sizeof(buf), "%.64s%c%u", name,
			 t->kind == SIM_TK_USER ? '-' : '/', n);
	else
		snprintf(buf, sizeof(buf), "%.64s", name);
	memcpy(t->comm, buf, sizeof(t->comm) - 1);
	t->comm[sizeof(t->comm) - 1] = 0;
}

static void init_kthread(struct eas_sim *s, struct sim_task *t, uint32_t cpu,
			 enum sim_task_kind kind)
{
	t->kind = kind;
	t->policy = EAS_POLICY_FIFO;
	t->prio = kind == SIM_TK_STOPPER ? 99 : 1;
	t->weight = 1024;
	t->uclamp_max = 1024;
	set_comm(t, kind == SIM_TK_STOPPER ? "migration" : "cfs_migration", cpu,
		 true);
	t->pid = (kind == SIM_TK_STOPPER ? 10u : 10u + s->nr_cpus) + cpu;
	eas_mask_set(t->allowed, cpu);
	t->nr_allowed = 1;
	t->cpu = (int32_t)cpu;
	t->state = SIM_TS_SLEEPING;
	t->avg_detached = false;
}

/* A thread of description d, not started (rt-app's thread_data_t before
 * thread_body() sets its properties) */
static void init_user_task(struct eas_sim *s, struct sim_task *t,
			   const struct eas_rtapp_task *d)
{
	uint32_t i;

	t->def = d;
	t->kind = SIM_TK_USER;
	t->pid = 1000 + t->idx;
	t->policy = s->w->default_policy;
	t->prio = 0;
	/* a thread of an RT default_policy became RT through
	 * pthread_setschedparam() at its start: the RT default boost */
	uclamp_class_defaults(t);
	for (i = 0; i < s->nr_cpus; i++)
		eas_mask_set(t->allowed, i);
	t->nr_allowed = s->nr_cpus;
	t->weight = 1024;
	t->loops_left = d->loop;
	t->state = SIM_TS_NEW;
}

/* Slots for forked threads: rt-app's limit of RTAPP_FORKS_LIMIT per
 * description that fork events name, within EAS_RTAPP_MAX_INSTANCES
 * threads in all. */
static uint32_t fork_slots(const struct eas_rtapp_workload *w, uint32_t nu,
			   uint32_t *named)
{
	uint64_t n = 0;
	uint32_t i, j, k;

	/* named[d]: a fork event names description d (one pass) */
	for (i = 0; i < w->nr_tasks; i++)
		for (j = 0; j < w->tasks[i].nr_phases; j++)
			for (k = 0; k < w->tasks[i].phases[j].nr_events; k++) {
				const struct eas_rtapp_event *e =
					&w->tasks[i].phases[j].events[k];

				if (e->type == EAS_RTAPP_FORK &&
				    !named[e->res]) {
					named[e->res] = 1;
					n += RTAPP_FORKS_LIMIT;
				}
			}
	if (n > EAS_RTAPP_MAX_INSTANCES - nu)
		n = EAS_RTAPP_MAX_INSTANCES - nu;
	return (uint32_t)n;
}

struct eas_sim *eas_sim_create(const struct eas_json_platform *p,
			       const struct eas_rtapp_workload *w,
			       const struct eas_sim_config *cfg, int *err,
			       char *errbuf, size_t errlen)
{
	struct eas_sim_pf_info info = { 0 };

	if (!p) {
		*err = EAS_EINVAL;
		seterr(errbuf, errlen, "no platform or workload", NULL);
		return NULL;
	}
	info.name = p->name;
	info.nr_idle_states = p->nr_idle_states;
	info.idle_states = p->idle_states;
	return eas_sim_create_pf(&p->pf, &info, w, cfg, err, errbuf, errlen);
}

struct eas_sim *eas_sim_create_pf(const struct eas_platform *pf,
				  const struct eas_sim_pf_info *info,
				  const struct eas_rtapp_workload *w,
				  const struct eas_sim_config *cfg, int *err,
				  char *errbuf, size_t errlen)
{
	struct eas_sim *s;
	uint32_t i, j, n, nu = 0, mw, fk;

	*err = EAS_EINVAL;
	if (!pf || !w) {
		seterr(errbuf, errlen, "no platform or workload", NULL);
		return NULL;
	}
	if (!pf->nr_cpus) {
		seterr(errbuf, errlen, "platform has no CPUs", NULL);
		return NULL;
	}
	if (info && info->nr_idle_states && !info->idle_states) {
		seterr(errbuf, errlen, "nr_idle_states without idle_states",
		       NULL);
		return NULL;
	}
	/* a policy set by hand (eas_policy_load() checks plugins alike) */
	if (cfg && cfg->policy &&
	    (cfg->policy->abi != EAS_POLICY_ABI ||
	     !cfg->policy->select_task_rq)) {
		seterr(errbuf, errlen,
		       cfg->policy->abi != EAS_POLICY_ABI ?
			       "policy: abi is not EAS_POLICY_ABI" :
			       "policy: select_task_rq is NULL",
		       NULL);
		return NULL;
	}
	*err = sim_check_input(pf, w, cfg, &nu, errbuf, errlen);
	if (*err)
		return NULL;
	*err = EAS_ENOMEM;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->pf = pf;
	if (info && info->name)
		snprintf(s->pf_name, sizeof(s->pf_name), "%s", info->name);
	if (info) {
		s->nr_idle_states = info->nr_idle_states;
		s->idle_states = info->idle_states;
	}
	s->w = w;
	if (cfg)
		s->cfg = *cfg;
	s->k = s->pf->kernel;
	if (!s->cfg.hz)
		s->cfg.hz = 250;
	if (!s->cfg.rate_limit_ns)
		s->cfg.rate_limit_ns = NSEC_PER_MSEC;
	if (!s->cfg.migration_cost_ns)
		s->cfg.migration_cost_ns = 10 * NSEC_PER_USEC;
	s->features =
		s->cfg.features ? s->cfg.features : eas_features_default(s->k);
	if (!s->cfg.features && workload_uses_uclamp(w))
		s->features |= EAS_FEAT_UCLAMP_BUILT | EAS_FEAT_UCLAMP_USED;
	/* the built-in policy "no-eas" is --no-eas (sim_policy.c) */
	if (s->cfg.policy && s->cfg.policy == eas_policy_builtin("no-eas"))
		s->cfg.no_eas = true;
	if (s->cfg.no_eas)
		s->features &= ~(uint32_t)EAS_FEAT_ENERGY_AWARE;
	s->eas_on =
		s->pf->eas_possible && (s->features & EAS_FEAT_ENERGY_AWARE);
	s->tick_ns = NSEC_PER_SEC / s->cfg.hz;
	s->nr_cpus = s->pf->nr_cpus;
	s->nr_pds = s->pf->nr_pds;
	s->nr_levels = s->pf->nr_levels;
	mw = s->pf->mask_words;
	if (s->cfg.duration_ns) {
		s->end = s->cfg.duration_ns;
	} else if (w->duration_s > 0) {
		s->end = (uint64_t)w->duration_s * NSEC_PER_SEC;
	} else {
		/* rt-app without a duration: until every thread ended */
		s->end = MAX_DURATION_NS;
		s->until_done = true;
	}
	/* calibration: run = work at the calibration CPU's capacity (its
	 * id was checked); a numeric pLoad: the biggest CPU's */
	if (w->calibration_cpu >= 0)
		s->calib_cap = s->pf->cpus[w->calibration_cpu].capacity;
	else
		s->calib_cap = s->pf->max_cpu_capacity;

	s->cpus = calloc(s->nr_cpus, sizeof(*s->cpus));
	s->pds = calloc(s->nr_pds, sizeof(*s->pds));
	s->nr_user = nu;
	s->alive = nu;
	s->nforks = calloc(w->nr_tasks + 1, sizeof(*s->nforks));
	if (!s->nforks)
		goto fail;
	fk = fork_slots(w, nu, s->nforks);
	memset(s->nforks, 0, (w->nr_tasks + 1) * sizeof(*s->nforks));
	s->user_cap = nu + fk;
	s->nr_tasks = nu + fk + 2 * s->nr_cpus;
	s->tasks = calloc(s->nr_tasks, sizeof(*s->tasks));
	s->gtimers = calloc(w->nr_timers + 1, sizeof(*s->gtimers));
	s->res = calloc(w->nr_resources + 1, sizeof(*s->res));
	s->rq = calloc(s->nr_cpus, sizeof(*s->rq));
	s->lbt = calloc(s->nr_tasks, sizeof(*s->lbt));
	s->lbt_idx = calloc(s->nr_tasks, sizeof(*s->lbt_idx));
	s->lbt_key = calloc(s->nr_tasks, sizeof(*s->lbt_key));
	s->cm = calloc(s->nr_tasks, sizeof(*s->cm));
	s->groups = calloc(s->nr_cpus, sizeof(*s->groups));
	s->rt_mask = calloc(s->nr_cpus, sizeof(*s->rt_mask));
	if (!s->cpus || !s->pds || !s->tasks || !s->nforks || !s->gtimers ||
	    !s->res || !s->rq || !s->lbt || !s->lbt_idx || !s->lbt_key ||
	    !s->cm || !s->groups || !s->rt_mask)
		goto fail;
	/* rt-app's barrier: waiting starts at -1 plus its users */
	for (i = 0; i < w->nr_resources; i++)
		s->res[i].waiting = (int64_t)w->resources[i].users - 1;
	/* pi_enabled: PTHREAD_PRIO_INHERIT mutexes */
	for (i = 0; i < w->nr_resources; i++)
		s->res[i].pi = w->resources[i].pi;
	for (i = 0; i < s->nr_pds; i++) {
		const struct eas_perf_domain *epd = &s->pf->pds[i];
		struct sim_pd *pd = &s->pds[i];
		uint32_t ns = epd->nr_perf_states ? epd->nr_perf_states : 1;

		pd->residency = calloc(ns, sizeof(*pd->residency));
		if (!pd->residency)
			goto fail;
		pd->max_khz = epd->max_freq_khz;
		if (!pd->max_khz && epd->nr_perf_states)
			pd->max_khz =
				epd->table[epd->nr_perf_states - 1].frequency;
		if (!pd->max_khz)
			pd->max_khz = 1;
		/* boot at the highest non-turbo OPP (policy->cur = max) */
		pd->state = epd->nr_perf_states ?
				    resolve_freq(s, i, pd->max_khz) :
				    0;
		pd->freq_khz = epd->nr_perf_states ?
				       epd->table[pd->state].frequency :
				       pd->max_khz;
	}
	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *c = &s->cpus[i];

		eas_rq_init(&s->rq[i]);
		c->id = i;
		eas_uclamp_rq_init(s->k, &c->uc);
		c->pd = s->pf->cpus[i].pd;
		c->cap = s->pf->cpus[i].capacity;
		c->curr = -1;
		c->cfs_next = -1;
		c->cfs_last = -1;
		c->cfs_skip = -1;
		c->rt_runtime = SIM_RT_RUNTIME_NS; /* def_rt_bandwidth */
		c->rt_requeue_head = -1;
		cpu_idle_init(s, c);
		c->next_balance = calloc(s->nr_levels + 1, sizeof(uint64_t));
		c->nr_balance_failed =
			calloc(s->nr_levels + 1, sizeof(uint32_t));
		if (!c->next_balance || !c->nr_balance_failed)
			goto fail;
	}
	for (i = 0; i < s->nr_tasks; i++) {
		s->tasks[i].idx = i;
		s->tasks[i].allowed = calloc(mw, sizeof(eas_mask_word));
		s->tasks[i].utimers =
			calloc(w->nr_timers + 1, sizeof(struct sim_timer));
		s->tasks[i].cpu_runtime_ns =
			calloc(s->nr_cpus, sizeof(uint64_t));
		if (!s->tasks[i].allowed || !s->tasks[i].utimers ||
		    !s->tasks[i].cpu_runtime_ns)
			goto fail;
		s->tasks[i].wk.recent_used_cpu = -1;
		s->tasks[i].wk.last_wakee = EAS_TASK_NONE;
		s->tasks[i].move_to = -1;
	}
	for (i = 0; i < s->nr_cpus; i++) {
		s->cpus[i].idle_wk.last_wakee = EAS_TASK_NONE;
		s->cpus[i].idle_wk.recent_used_cpu = -1;
	}
	n = 0;
	for (i = 0; i < w->nr_tasks; i++) {
		const struct eas_rtapp_task *d = &w->tasks[i];
		uint32_t inst = d->fork_only ? 0 :
				d->instance  ? d->instance :
					       1;

		for (j = 0; j < inst; j++, n++) {
			struct sim_task *t = &s->tasks[n];

			init_user_task(s, t, d);
			set_comm(t, d->name, j, inst > 1);
			ev_push(s, d->delay_us * NSEC_PER_USEC, SIM_EV_WAKE,
				t->idx, 0);
		}
	}
	/* the kernel threads after the user threads' slots */
	for (i = 0; i < s->nr_cpus; i++) {
		s->cpus[i].stopper = s->user_cap + 2 * i;
		s->cpus[i].fifo1 = s->user_cap + 2 * i + 1;
		init_kthread(s, &s->tasks[s->user_cap + 2 * i], i,
			     SIM_TK_STOPPER);
		init_kthread(s, &s->tasks[s->user_cap + 2 * i + 1], i,
			     SIM_TK_FIFO1);
	}
	ev_push(s, s->tick_ns, SIM_EV_TICK, 0, 0);
	if (s->cfg.svg_samples) {
		s->svg_max = s->cfg.svg_samples < 4 ? 4 : s->cfg.svg_samples;
		/* unknown length: start at 1 ms, compacted as it grows */
		s->svg_dt = s->until_done ? NSEC_PER_MSEC :
					    s->end / (s->svg_max - 1);
		if (!s->svg_dt)
			s->svg_dt = 1;
		s->svg_t = calloc(s->svg_max, sizeof(uint64_t));
		s->svg_util = calloc((size_t)s->svg_max * s->nr_cpus,
				     sizeof(uint64_t));
		s->svg_freq = calloc((size_t)s->svg_max * s->nr_pds,
				     sizeof(uint64_t));
		s->svg_energy = calloc(s->svg_max, sizeof(uint64_t));
		if (!s->svg_t || !s->svg_util || !s->svg_freq || !s->svg_energy)
			goto fail;
		ev_push(s, 0, SIM_EV_SAMPLE, 0, 0);
	}
	/* every CPU boots idle: the governor's first choice */
	for (i = 0; i < s->nr_cpus; i++)
		idle_enter(s, &s->cpus[i]);
	if (s->cfg.trace || s->cfg.trace_dat) {
		s->tr_tmp = tmpfile();
		if (!s->tr_tmp) {
			eas_sim_free(s);
			*err = EAS_EIO;
			seterr(errbuf, errlen,
			       "cannot create the trace's scratch file", NULL);
			return NULL;
		}
		for (i = 0; i < s->nr_pds; i++) {
			const struct eas_perf_domain *epd = &s->pf->pds[i];

			for (j = 0; j < epd->nr_cpus; j++)
				trace_ev(s, epd->cpus[j],
					 "cpu_frequency: state=%llu cpu_id=%u",
					 (unsigned long long)s->pds[i].freq_khz,
					 epd->cpus[j]);
		}
		for (i = 0; i < s->nr_cpus; i++)
			trace_ev(s, i, "cpu_idle: state=%u cpu_id=%u",
				 s->cpus[i].idle_idx, i);
	}
	*err = 0;
	return s;
fail:
	eas_sim_free(s);
	seterr(errbuf, errlen, "out of memory", NULL);
	return NULL;
}

void eas_sim_free(struct eas_sim *s)
{
	uint32_t i;

	if (!s)
		return;
	/* a run that did not reach its end: write what was traced */
	trace_finish(s);
	if (s->cpus)
		for (i = 0; i < s->nr_cpus; i++) {
			free(s->cpus[i].cfs.v);
			free(s->cpus[i].rt.v);
			free(s->cpus[i].dl.v); /* SCHED_DEADLINE */
			free(s->cpus[i].next_balance);
			free(s->cpus[i].nr_balance_failed);
		}
	if (s->pds)
		for (i = 0; i < s->nr_pds; i++)
			free(s->pds[i].residency);
	if (s->tasks)
		for (i = 0; i < s->nr_tasks; i++) {
			free(s->tasks[i].allowed);
			free(s->tasks[i].utimers);
			free(s->tasks[i].cpu_runtime_ns);
			free(s->tasks[i].lat.v);
			free(s->tasks[i].slack.v);
		}
	free(s->cpus);
	free(s->pds);
	free(s->tasks);
	free(s->nforks);
	free(s->gtimers);
	for (i = 0; s->res && i < s->w->nr_resources; i++) {
		free(s->res[i].mq.v);
		free(s->res[i].cq.v);
	}
	free(s->res);
	free(s->woken.v);
	free(s->rq);
	free(s->rt_mask);
	free(s->lbt);
	free(s->lbt_idx);
	free(s->lbt_key);
	free(s->cm);
	free(s->groups);
	free(s->heap);
	free(s->ab_delay.v);
	free(s->lat_class[0].v);
	free(s->lat_class[1].v);
	free(s->lat_class[2].v);
	free(s->svg_t);
	free(s->svg_util);
	free(s->svg_freq);
	free(s->svg_energy);
	if (s->st_alloc) {
		for (i = 0; i < s->st.nr_pds; i++) {
			free(s->st.pds[i].residency_ns);
			free(s->st.pds[i].frequency_khz);
		}
		free(s->st.cpus);
		free(s->st.pds);
		free(s->st.tasks);
	}
	free(s);
}

/* Consistency of the run queues: counters agree with the lists and the
 * running task (a test aid; 0 = consistent). */
uint32_t eas__sim_check(const struct eas_sim *s)
{
	uint32_t i, bad = 0;

	for (i = 0; i < s->nr_cpus; i++) {
		const struct sim_cpu *c = &s->cpus[i];
		uint32_t cfs = c->cfs.n, rt = c->rt.n, st = c->stopper_queued;
		uint32_t dl = c->dl.n; /* SCHED_DEADLINE */
		uint32_t j;

		if (c->curr >= 0) {
			const struct sim_task *t = &s->tasks[c->curr];

			if (t->kind == SIM_TK_STOPPER)
				st++;
			else if (eas__sim_is_dl(t))
				dl += !t->dl_throttled;
			else if (is_rt(t))
				rt++;
			else
				cfs++;
			if (t->state != SIM_TS_RUNNING || t->cpu != (int32_t)i)
				bad++;
		}
		if (cfs != c->nr_cfs || rt != c->nr_rt || dl != c->nr_dl ||
		    cfs + rt + st + dl != c->nr_running)
			bad++;
		for (j = 0; j < c->dl.n; j++) {
			const struct sim_task *t = &s->tasks[c->dl.v[j]];

			if (t->state != SIM_TS_RUNNABLE ||
			    t->cpu != (int32_t)i || t->dl_throttled)
				bad++;
		}
		{
			/* EEVDF: delayed tasks stay queued (asleep); the
			 * tree's load-weighted key sums are exact */
			uint32_t nd = 0;
			int64_t sum = 0, load = 0;

			for (j = 0; j < c->cfs.n; j++) {
				const struct sim_task *t =
					&s->tasks[c->cfs.v[j]];

				if (t->delayed)
					nd++;
				if ((t->state != SIM_TS_RUNNABLE &&
				     !(t->delayed &&
				       t->state == SIM_TS_SLEEPING)) ||
				    t->cpu != (int32_t)i)
					bad++;
				if (eevdf(s)) {
					sum += (int64_t)(t->vruntime -
							 c->zero_vruntime) *
					       (int64_t)t->weight;
					load += (int64_t)t->weight;
					if (!t->in_tree)
						bad++;
				}
			}
			if (c->curr >= 0 && s->tasks[c->curr].delayed)
				nd++;
			if (nd != c->nr_delayed)
				bad++;
			if (eevdf(s) &&
			    (sum != c->avg_vruntime || load != c->avg_load))
				bad++;
		}
		for (j = 0; j < c->rt.n; j++) {
			const struct sim_task *t = &s->tasks[c->rt.v[j]];

			if (t->state != SIM_TS_RUNNABLE ||
			    t->cpu != (int32_t)i || !is_rt(t))
				bad++;
		}
		/* the idle governor: a state exactly while idle */
		if (c->teo.nr && (c->curr < 0) != (c->teo.cur >= 0))
			bad++;
		/* v5.4 only throttles, v6.19 only runs the fair server */
		if (s->k == EAS_KERNEL_V5_4 ? c->fs_phase != SIM_FS_OFF :
					      c->rt_throttled)
			bad++;
	}
	return bad;
}

int eas_sim_run(struct eas_sim *s, uint64_t end_ns)
{
	uint32_t i;
	uint64_t step;

	if (s->fork_limit)
		return EAS_ERANGE;
	if (!end_ns || end_ns > s->end)
		end_ns = s->end;
	step = s->end / 100 ? s->end / 100 : 1;
	while (s->heap_n && s->heap[0].time <= end_ns) {
		struct sim_event e = ev_pop(s);

		s->now = e.time;
		/* the plot's samples are observations, not simulated events */
		if (e.type != SIM_EV_SAMPLE)
			s->events++;
		if (s->cfg.progress && s->now >= s->next_progress) {
			s->cfg.progress(s->cfg.progress_ctx, s->now, s->end);
			s->next_progress = s->now + step;
		}
		switch (e.type) {
		case SIM_EV_TICK:
			tick(s);
			break;
		case SIM_EV_DONE: {
			struct sim_cpu *c = &s->cpus[e.id];

			if (e.gen != c->done_gen || c->curr < 0)
				break;
			update_cpu(s, c);
			if (!s->tasks[c->curr].in_run)
				break;
			if (s->tasks[c->curr].work_wall ?
				    s->now < s->tasks[c->curr].wall_end :
				    s->tasks[c->curr].work_left != 0) {
				arm_done(s, c);
				break;
			}
			task_step(s, &s->tasks[c->curr]);
			break;
		}
		case SIM_EV_WAKE: {
			struct sim_task *t = &s->tasks[e.id];
			int32_t timer_cpu;

			if (e.gen != t->wake_gen)
				break;
			/* a sleeping task's timer interrupts its (idle) CPU */
			timer_cpu = t->state == SIM_TS_SLEEPING &&
						    t->sleep_until == s->now ?
					    t->cpu :
					    -1;
			wake_task(s, t);
			idle_timer_irq(s, timer_cpu);
			break;
		}
		case SIM_EV_SAMPLE:
			sample(s);
			break;
		case SIM_EV_DL_TIMER:
		case SIM_EV_DL_INACTIVE: {
			/* SCHED_DEADLINE: dl_task_timer(), inactive_task_timer() */
			struct sim_task *t = &s->tasks[e.id];

			if (e.type == SIM_EV_DL_TIMER) {
				if (e.gen != t->dl_timer_gen)
					break;
				eas__sim_dl_timer(s, t);
			} else {
				if (e.gen != t->dl_inact_gen)
					break;
				eas__sim_dl_inactive_timer(s, t);
			}
			for (i = 0; i < s->nr_cpus; i++)
				schedule_if_needed(s, &s->cpus[i]);
			break;
		}
		case SIM_EV_RT_PERIOD:
			rt_period_timer(s);
			break;
		case SIM_EV_FSRV:
			if (e.gen == s->cpus[e.id].fs_gen)
				fs_timer(s, &s->cpus[e.id]);
			break;
		case SIM_EV_STEP: {
			struct sim_cpu *c = &s->cpus[e.id];
			struct sim_task *t;

			if (c->curr < 0)
				break;
			t = &s->tasks[c->curr];
			if (t->kind == SIM_TK_USER && !t->in_run &&
			    t->state == SIM_TS_RUNNING)
				task_step(s, t);
			break;
		}
		}
		rt_push_resched(s);
		if ((s->until_done && !s->alive) || s->fork_limit) {
			end_ns = s->now;
			break;
		}
	}
	s->now = end_ns;
	for (i = 0; i < s->nr_cpus; i++)
		update_cpu(s, &s->cpus[i]);
	for (i = 0; i < s->nr_pds; i++)
		pd_account(s, i);
	if (s->overutilized) {
		s->overutilized_ns += s->now - s->ou_since;
		s->ou_since = s->now;
	}
	if (s->now >= s->end || (s->until_done && !s->alive) || s->fork_limit)
		trace_finish(s);
	/* rt-app exited at a fork past its limit (fork_thread()) */
	return s->fork_limit ? EAS_ERANGE : 0;
}

static void pct_of(struct sim_samples *sm, struct eas_sim_pct *out)
{
	eas__sim_pct(sm, out);
}

const struct eas_sim_stats *eas_sim_stats(struct eas_sim *s)
{
	struct eas_sim_stats *st = &s->st;
	uint32_t i, j;

	if (!s->st_alloc) {
		st->cpus = calloc(s->nr_cpus, sizeof(*st->cpus));
		st->pds = calloc(s->nr_pds, sizeof(*st->pds));
		st->tasks = calloc(s->user_cap ? s->user_cap : 1,
				   sizeof(*st->tasks));
		if (!st->cpus || !st->pds || !st->tasks)
			abort();
		for (i = 0; i < s->nr_pds; i++) {
			uint32_t ns = s->pf->pds[i].nr_perf_states ?
					      s->pf->pds[i].nr_perf_states :
					      1;

			st->pds[i].nr_states = ns;
			st->pds[i].residency_ns = calloc(ns, sizeof(uint64_t));
			st->pds[i].frequency_khz = calloc(ns, sizeof(uint64_t));
			if (!st->pds[i].residency_ns ||
			    !st->pds[i].frequency_khz)
				abort();
		}
		s->st_alloc = true;
	}
	st->duration_ns = s->now;
	st->events = s->events;
	st->nr_cpus = s->nr_cpus;
	st->nr_pds = s->nr_pds;
	st->nr_tasks = s->nr_user;
	st->active_energy_uj = 0;
	st->idle_energy_uj = 0;
	st->misfit_ns = 0;
	st->rt_throttled_ns = 0;
	for (i = 0; i < s->nr_cpus; i++) {
		const struct sim_cpu *c = &s->cpus[i];
		struct eas_sim_cpu_stats *cs = &st->cpus[i];

		cs->busy_ns = c->busy_ns;
		cs->idle_ns = c->idle_ns;
		cs->active_energy_uj = c->e_active_uj;
		cs->idle_energy_uj = c->e_idle_uj;
		cs->context_switches = c->ctx;
		cs->rt_preemptions = c->rt_preempt;
		cs->misfit_ns = c->misfit_ns;
		cs->util_avg = c->cfs_avg.util_avg;
		cs->nr_idle_states = c->teo.nr;
		cs->idle_residency_ns = c->teo.res_ns;
		cs->idle_entries = c->teo.usage;
		cs->rt_throttled_ns = c->rt_throttled_ns;
		st->rt_throttled_ns += cs->rt_throttled_ns;
		st->active_energy_uj += c->e_active_uj;
		st->idle_energy_uj += c->e_idle_uj;
		st->misfit_ns += c->misfit_ns;
	}
	st->energy_uj = st->active_energy_uj + st->idle_energy_uj;
	for (i = 0; i < s->nr_pds; i++) {
		const struct eas_perf_domain *epd = &s->pf->pds[i];
		struct eas_sim_pd_stats *ps = &st->pds[i];

		ps->energy_uj = 0;
		for (j = 0; j < epd->nr_cpus; j++)
			ps->energy_uj +=
				st->cpus[epd->cpus[j]].active_energy_uj +
				st->cpus[epd->cpus[j]].idle_energy_uj;
		ps->freq_changes = s->pds[i].changes;
		for (j = 0; j < ps->nr_states; j++) {
			ps->residency_ns[j] = s->pds[i].residency[j];
			ps->frequency_khz[j] = epd->nr_perf_states ?
						       epd->table[j].frequency :
						       s->pds[i].max_khz;
		}
	}
	for (i = 0; i < s->nr_user; i++) {
		struct sim_task *t = &s->tasks[i];
		struct eas_sim_task_stats *ts = &st->tasks[i];

		memcpy(ts->comm, t->comm, sizeof(ts->comm));
		ts->pid = t->pid;
		ts->policy = t->policy;
		ts->prio = t->prio;
		pct_of(&t->lat, &ts->wakeup_latency_us);
		pct_of(&t->slack, &ts->slack_us);
		ts->missed_periods = t->missed;
		ts->runtime_ns = t->runtime_ns;
		ts->main_cpu = -1;
		for (j = 0; t->cpu_runtime_ns && j < s->nr_cpus; j++)
			if (t->cpu_runtime_ns[j] &&
			    (ts->main_cpu < 0 ||
			     t->cpu_runtime_ns[j] >
				     t->cpu_runtime_ns[ts->main_cpu]))
				ts->main_cpu = (int32_t)j;
		ts->wakeups = t->wakeups;
		ts->migrations = t->migrations;
		ts->misfit_ns = t->misfit_ns;
		ts->util_avg = t->avg.util_avg;
		ts->util_est = s->k == EAS_KERNEL_V5_4 ?
				       task_util_est_raw(s, t) :
				       eas_util_est_task(s->k, &t->ue);
	}
	st->migrations = s->migrations;
	st->wakeup_migrations = s->wake_migrations;
	st->lb_migrations = s->lb_migrations;
	st->context_switches = s->ctx;
	st->overutilized_ns = s->overutilized_ns;
	st->placements = s->placements;
	st->placements_eas = s->placements_eas;
	memcpy(st->placements_by_path, s->by_path, sizeof(s->by_path));
	st->ab = s->ab;
	pct_of(&s->ab_delay, &st->ab.delay_us);
	st->rt_push_migrations = s->rt_pushes;
	pct_of(&s->lat_class[0], &st->wakeup_latency_cfs_us);
	pct_of(&s->lat_class[1], &st->wakeup_latency_rt_us);
	pct_of(&s->lat_class[2], &st->wakeup_latency_dl_us);
	return st;
}

int eas_sim_ab_mech_parse(const char *str, enum eas_mech *out)
{
	int m;

	if (!str || !out)
		return EAS_EINVAL;
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		if (!strcmp(str, eas_mech_name((enum eas_mech)m))) {
			*out = (enum eas_mech)m;
			return 0;
		}
	}
	return EAS_EINVAL;
}
