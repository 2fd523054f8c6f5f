/* SPDX-License-Identifier: MIT */
/*
 * The simulator's SCHED_DEADLINE class (docs/simulator.md
 * "SCHED_DEADLINE"), per flavour. Semantics of kernel/sched/deadline.c,
 * cpudeadline.c and sched.h of Linux 5.4, 6.19 and 7.1.3, read for
 * behaviour only:
 *
 *  - sched_setattr(): __checkparam_dl() and the root domain's admission
 *    control (sched_dl_overflow() / __dl_overflow()), checked before the
 *    run (eas__sim_dl_check()).
 *  - CBS: setup_new_dl_entity(), update_dl_entity() at wake-up (with the
 *    revised wake-up rule of constrained tasks), update_curr_dl()'s
 *    frequency- and capacity-scaled runtime, throttling, start_dl_timer()
 *    at the next period, replenish_dl_entity(), dl_check_constrained_dl().
 *  - EDF pick, wakeup_preempt_dl() / check_preempt_curr_dl(), DL above RT.
 *  - select_task_rq_dl(), find_later_rq(), cpudl_find() (v6.19 / v7.1
 *    capacity aware on asymmetric platforms, v5.4 not), push_dl_task() and
 *    pull_dl_task().
 *  - GRUB's running_bw: task_contending(), task_non_contending() and its
 *    inactive timer at the 0-lag time; rq->avg_dl.
 *
 * sim.c calls these at the kernel's points (its "SCHED_DEADLINE" hooks).
 */
#include "sim_internal.h"

#include <libeas/error.h>

#include <stdio.h>
#include <string.h>

#define BW_SHIFT 20
#define DL_SCALE 10
#define DL_NS_PER_US 1000ull
/* sysctl_sched_rt_period / sysctl_sched_rt_runtime: rd->dl_bw.bw */
#define RT_PERIOD_NS 1000000000ull
#define RT_RUNTIME_NS 950000000ull
/* v6.19 / v7.1 sched_init_dl_servers(): each CPU's fair_server, 50 ms
 * every 1 s, counted in the root domain's total_bw */
#define FAIR_SERVER_RUNTIME_NS 50000000ull
#define FAIR_SERVER_PERIOD_NS 1000000000ull
/* v6.19 / v7.1 sysctl_sched_dl_period_min / _max (us) */
#define DL_PERIOD_MIN_US 100ull
#define DL_PERIOD_MAX_US (1ull << 22)

/* to_ratio() */
static uint64_t to_ratio(uint64_t period, uint64_t runtime)
{
	if (!period)
		return 0;
	return (runtime << BW_SHIFT) / period;
}

/* dl_time_before() */
static bool dl_before(uint64_t a, uint64_t b)
{
	return (int64_t)(a - b) < 0;
}

static bool asym_active(const struct eas_platform *pf)
{
	uint32_t i;

	for (i = 0; i < pf->nr_cpus; i++)
		if (pf->cpus[i].sd_asym >= 0)
			return true;
	return false;
}

/* ---------------------------------------------------------------------- */
/* sched_setattr(): parameters and admission                               */
/* ---------------------------------------------------------------------- */

/* Does this sched_data make rt-app call set_thread_param()?
 * (parse_sched_data(): "at least one meaningful scheduler parameter") */
static bool props_meaningful(const struct eas_rtapp_props *p)
{
	return p->policy >= 0 || p->priority != INT32_MIN || p->util_min >= 0 ||
	       p->util_max >= 0 || p->sched_runtime_us || p->sched_period_us ||
	       p->sched_deadline_us;
}

/* __checkparam_dl() of flavour k; NULL when valid, else the rule. */
static const char *checkparam_dl(enum eas_kernel k, uint64_t runtime,
				 uint64_t deadline, uint64_t period)
{
	uint64_t p;

	if (!deadline)
		return "sched_deadline is 0";
	if (runtime < (1ull << DL_SCALE))
		return "sched_runtime is below 1024 ns (1 << DL_SCALE)";
	if ((deadline >> 63) || (period >> 63))
		return "a parameter has bit 63 set";
	if (k == EAS_KERNEL_V5_4) {
		if ((period && period < deadline) || deadline < runtime)
			return "runtime <= deadline <= period does not hold";
		return NULL;
	}
	p = period ? period : deadline;
	if (p < deadline || deadline < runtime)
		return "runtime <= deadline <= period does not hold";
	if (p < DL_PERIOD_MIN_US * DL_NS_PER_US ||
	    p > DL_PERIOD_MAX_US * DL_NS_PER_US)
		return "the period is outside sysctl_sched_dl_period_min .. "
		       "_max (100 us .. 4194304 us)";
	return NULL;
}

/* The root domain's bandwidth before any task: rd->dl_bw.total_bw (the
 * fair servers' in v6.19 / v7.1, CONFIG_SCHED_CLASS_EXT off) */
static uint64_t dl_total_bw_init(const struct eas_platform *pf)
{
	if (pf->kernel == EAS_KERNEL_V5_4)
		return 0;
	return pf->nr_cpus *
	       to_ratio(FAIR_SERVER_PERIOD_NS, FAIR_SERVER_RUNTIME_NS);
}

/* __dl_overflow() against the root domain (all CPUs): v5.4 bw * cpus,
 * v6.19 / v7.1 cap_scale(bw, dl_bw_capacity(cpu)) */
static bool dl_overflow(const struct eas_platform *pf, uint32_t cpu,
			uint64_t total, uint64_t old_bw, uint64_t new_bw)
{
	uint64_t bw = to_ratio(RT_PERIOD_NS, RT_RUNTIME_NS), cap = 0, lim;
	uint32_t i;

	if (pf->kernel == EAS_KERNEL_V5_4) {
		lim = bw * pf->nr_cpus;
	} else {
		/* dl_bw_capacity() */
		if (!asym_active(pf) && pf->cpus[cpu].capacity == 1024) {
			cap = (uint64_t)pf->nr_cpus << 10;
		} else {
			for (i = 0; i < pf->nr_cpus; i++)
				cap += pf->cpus[i].capacity;
		}
		lim = (bw * cap) >> 10;
	}
	return lim < total - old_bw + new_bw;
}

static void dl_err(char *errbuf, size_t errlen, const char *task,
		   const char *phase, const char *fmt1, const char *rule,
		   const struct eas_rtapp_props *p)
{
	if (!errbuf || !errlen)
		return;
	snprintf(errbuf, errlen,
		 "/tasks/%s%s%s: sched_setattr(SCHED_DEADLINE, runtime %lld "
		 "us, deadline %lld us, period %lld us) %s: %s; rt-app "
		 "exits (_set_thread_deadline())",
		 task, phase ? "/phases/" : "", phase ? phase : "",
		 (long long)p->sched_runtime_us,
		 (long long)p->sched_deadline_us, (long long)p->sched_period_us,
		 fmt1, rule);
}

/* Is the affinity in effect all of the platform's CPUs? */
static bool spans_all(const struct eas_rtapp_props *p, uint32_t n)
{
	uint32_t i, k = 0;
	bool seen[64] = { false };

	if (!p || !p->nr_cpus)
		return true;
	if (n > 64)
		return p->nr_cpus >= n; /* rough for huge platforms */
	for (i = 0; i < p->nr_cpus; i++)
		if (p->cpus[i] < n && !seen[p->cpus[i]]) {
			seen[p->cpus[i]] = true;
			k++;
		}
	return k == n;
}

/*
 * Every sched_setattr(SCHED_DEADLINE) rt-app's set_thread_param() would
 * make: __checkparam_dl() (EINVAL), a task whose affinity does not span
 * the root domain (__sched_setscheduler(): EPERM), and admission control
 * of the threads started at the beginning, in file order (EBUSY). Each
 * makes rt-app exit, so each is an error here.
 */
int eas__sim_dl_check(const struct eas_platform *pf,
		      const struct eas_rtapp_workload *w, char *errbuf,
		      size_t errlen)
{
	uint64_t total = dl_total_bw_init(pf);
	uint32_t i, j, inst;

	for (i = 0; i < w->nr_tasks; i++) {
		const struct eas_rtapp_task *t = &w->tasks[i];
		int32_t pol = t->props.policy >= 0 ? t->props.policy :
						     w->default_policy;
		const struct eas_rtapp_props *aff =
			t->props.nr_cpus ? &t->props : NULL;
		uint64_t bw_first = 0;

		for (j = 0; j <= t->nr_phases; j++) {
			const struct eas_rtapp_props *p =
				j ? &t->phases[j - 1].props : &t->props;
			const char *ph = j ? t->phases[j - 1].name : NULL;
			const struct eas_rtapp_props *a =
				j && p->nr_cpus ? p : aff;
			uint64_t rt, dl, per;
			const char *why;

			if (j && t->nr_phases == 1 && !strcmp(ph, t->name))
				ph = NULL; /* a thread without "phases" */
			if (p->policy >= 0)
				pol = p->policy;
			if (!props_meaningful(p) || pol != EAS_POLICY_DEADLINE)
				continue;
			rt = (uint64_t)p->sched_runtime_us * DL_NS_PER_US;
			dl = (uint64_t)p->sched_deadline_us * DL_NS_PER_US;
			per = (uint64_t)p->sched_period_us * DL_NS_PER_US;
			why = checkparam_dl(pf->kernel, rt, dl, per);
			if (why) {
				dl_err(errbuf, errlen, t->name, ph,
				       "fails with EINVAL (__checkparam_dl())",
				       why, p);
				return EAS_EINVAL;
			}
			if (!spans_all(a, pf->nr_cpus)) {
				dl_err(errbuf, errlen, t->name, ph,
				       "fails with EPERM (__sched_setscheduler())",
				       "the thread's CPU affinity does not span "
				       "the root domain (all CPUs)",
				       p);
				return EAS_EINVAL;
			}
			/* admission: the thread's start (its own and the
			 * first phase's parameters), for every instance */
			if (j <= 1 && !t->fork_only)
				bw_first = to_ratio(per ? per : dl, rt);
		}
		if (!bw_first)
			continue;
		for (inst = 0; inst < (t->instance ? t->instance : 1); inst++) {
			if (dl_overflow(pf, 0, total, 0, bw_first)) {
				const struct eas_rtapp_props *p =
					&t->phases[0].props;

				if (!props_meaningful(p) ||
				    !p->sched_runtime_us)
					p = &t->props;
				dl_err(errbuf, errlen, t->name, NULL,
				       "fails with EBUSY (sched_dl_overflow())",
				       pf->kernel == EAS_KERNEL_V5_4 ?
					       "the root domain's DL bandwidth "
					       "(95 % per CPU x CPUs) is full" :
					       "the root domain's DL bandwidth "
					       "(95 % of the summed CPU "
					       "capacity, the fair servers' "
					       "5 % included) is full",
				       p);
				return EAS_EINVAL;
			}
			total += bw_first;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* GRUB: running_bw                                                        */
/* ---------------------------------------------------------------------- */

static void add_running_bw(struct eas_sim *s, struct sim_task *t)
{
	s->cpus[t->cpu].dl_running_bw += t->dl_bw;
}

static void sub_running_bw(struct eas_sim *s, struct sim_task *t)
{
	struct sim_cpu *c = &s->cpus[t->cpu];

	/* __sub_running_bw(): clamps at 0 on underflow */
	c->dl_running_bw =
		c->dl_running_bw > t->dl_bw ? c->dl_running_bw - t->dl_bw : 0;
}

/* task_contending() */
static void task_contending(struct eas_sim *s, struct sim_task *t)
{
	if (t->dl_non_contending) {
		t->dl_non_contending = false;
		t->dl_inact_armed = false; /* hrtimer_try_to_cancel() */
		t->dl_inact_gen++;
	} else {
		add_running_bw(s, t);
	}
}

/* task_non_contending(): at the 0-lag time running_bw drops; before it,
 * the inactive timer is armed */
static void task_non_contending(struct eas_sim *s, struct sim_task *t,
				bool dead)
{
	int64_t zerolag;

	zerolag =
		(int64_t)(t->dl_abs - (uint64_t)((int64_t)((uint64_t)t->dl_rt *
							   t->dl_period) /
						 (int64_t)t->dl_runtime));
	zerolag -= (int64_t)s->now;
	if (zerolag < 0 || t->dl_inact_armed) {
		sub_running_bw(s, t);
		if (dead && t->dl_admitted) {
			s->dl_bw_total -= t->dl_bw;
			t->dl_admitted = false;
		}
		return;
	}
	t->dl_non_contending = true;
	t->dl_inact_armed = true;
	eas__sim_ev_push(s, s->now + (uint64_t)zerolag, SIM_EV_DL_INACTIVE,
			 t->idx, ++t->dl_inact_gen);
}

/* inactive_task_timer() */
void eas__sim_dl_inactive_timer(struct eas_sim *s, struct sim_task *t)
{
	uint32_t cpu = (uint32_t)t->cpu;

	t->dl_inact_armed = false;
	eas__sim_update_cpu(s, &s->cpus[cpu]);
	if (t->state == SIM_TS_DEAD) {
		if (t->dl_non_contending)
			sub_running_bw(s, t);
		t->dl_non_contending = false;
		if (t->dl_admitted) {
			s->dl_bw_total -= t->dl_bw;
			t->dl_admitted = false;
		}
	} else if (t->dl_non_contending) {
		sub_running_bw(s, t);
		t->dl_non_contending = false;
	}
	/* __sub_running_bw(): cpufreq_update_util() */
	eas__sim_sugov_update(s, cpu);
}

/* ---------------------------------------------------------------------- */
/* CBS                                                                     */
/* ---------------------------------------------------------------------- */

/* replenish_dl_new_period() / setup_new_dl_entity() */
static void new_period(struct eas_sim *s, struct sim_task *t)
{
	t->dl_abs = s->now + t->dl_deadline;
	t->dl_rt = (int64_t)t->dl_runtime;
}

/* replenish_dl_entity() */
static void replenish(struct eas_sim *s, struct sim_task *t)
{
	while (t->dl_rt <= 0) {
		t->dl_abs += t->dl_period;
		t->dl_rt += (int64_t)t->dl_runtime;
	}
	/* "DL replenish lagged too much" */
	if (dl_before(t->dl_abs, s->now))
		new_period(s, t);
	t->dl_throttled = false;
}

/* dl_entity_overflow() */
static bool entity_overflow(const struct eas_sim *s, const struct sim_task *t)
{
	uint64_t left =
		(t->dl_deadline >> DL_SCALE) * (uint64_t)(t->dl_rt >> DL_SCALE);
	uint64_t right = ((t->dl_abs - s->now) >> DL_SCALE) *
			 (t->dl_runtime >> DL_SCALE);

	return dl_before(right, left);
}

/* update_dl_entity(): the CBS wake-up rule */
static void update_entity(struct eas_sim *s, struct sim_task *t)
{
	if (dl_before(t->dl_abs, s->now) || entity_overflow(s, t)) {
		if (t->dl_deadline != t->dl_period &&
		    !dl_before(t->dl_abs, s->now)) {
			/* update_dl_revised_wakeup() */
			t->dl_rt = (int64_t)((t->dl_density *
					      (t->dl_abs - s->now)) >>
					     BW_SHIFT);
			return;
		}
		new_period(s, t);
	}
}

/* start_dl_timer(): the replenishment at the next period,
 * dl_next_period() = deadline - dl_deadline + dl_period. False when that
 * is already past (ktime_us_delta(act, now) < 0). */
static bool start_timer(struct eas_sim *s, struct sim_task *t)
{
	uint64_t act = t->dl_abs - t->dl_deadline + t->dl_period;

	if ((int64_t)(act - s->now) / 1000 < 0)
		return false;
	if (dl_before(act, s->now))
		act = s->now; /* less than 1 us past: fires at once */
	t->dl_timer_armed = true;
	eas__sim_ev_push(s, act, SIM_EV_DL_TIMER, t->idx, ++t->dl_timer_gen);
	return true;
}

static void throttle_start(struct eas_sim *s, struct sim_task *t)
{
	t->dl_throttled = true;
	t->dl_throttles++;
	t->dl_throttle_ts = s->now;
}

static void throttle_end(struct eas_sim *s, struct sim_task *t)
{
	t->dl_throttled_ns += s->now - t->dl_throttle_ts;
}

/* earliest_dl.curr of c: the earliest deadline of its DL tasks (queued or
 * running, not throttled); false when it has none */
static bool rq_earliest(const struct eas_sim *s, const struct sim_cpu *c,
			uint64_t *dl)
{
	uint32_t i;
	bool any = false;

	if (!c->nr_dl)
		return false;
	if (c->curr >= 0 && eas__sim_is_dl(&s->tasks[c->curr]) &&
	    !s->tasks[c->curr].dl_throttled &&
	    s->tasks[c->curr].state == SIM_TS_RUNNING) {
		*dl = s->tasks[c->curr].dl_abs;
		any = true;
	}
	for (i = 0; i < c->dl.n; i++) {
		uint64_t d = s->tasks[c->dl.v[i]].dl_abs;

		if (!any || dl_before(d, *dl))
			*dl = d;
		any = true;
	}
	return any;
}

/* dl_task_is_earliest_deadline() (v5.4 spelt out in select_task_rq_dl()) */
static bool is_earliest(const struct eas_sim *s, const struct sim_task *t,
			const struct sim_cpu *c)
{
	uint64_t e;

	return !rq_earliest(s, c, &e) || dl_before(t->dl_abs, e);
}

/*
 * update_curr_dl() on c, t its running DL task: the runtime consumed since
 * dl_exec_start, scaled by the current frequency and the CPU's capacity
 * (cap_scale() twice; SCHED_FLAG_RECLAIM is not used by rt-app); at
 * runtime <= 0 the task is throttled and dequeued until start_dl_timer()'s
 * replenishment (or re-queued replenished when that time is past).
 */
void eas__sim_dl_update_curr(struct eas_sim *s, struct sim_cpu *c,
			     struct sim_task *t)
{
	uint64_t delta, sd;

	if (!eas__sim_is_dl(t) || c->curr != (int32_t)t->idx || t->dl_throttled)
		return;
	if (s->now <= t->dl_exec_start)
		return;
	delta = s->now - t->dl_exec_start;
	t->dl_exec_start = s->now;
	sd = (delta * eas__sim_freq_scale(s, c->id)) >> 10;
	sd = (sd * c->cap) >> 10;
	t->dl_rt -= (int64_t)sd;
	if (t->dl_rt > 0)
		return;
	/* throttle: dequeue_dl_entity(), start_dl_timer() */
	throttle_start(s, t);
	c->nr_dl--;
	c->nr_running--;
	if (!start_timer(s, t)) {
		/* enqueue_task_dl(ENQUEUE_REPLENISH) at once */
		throttle_end(s, t);
		replenish(s, t);
		c->nr_dl++;
		c->nr_running++;
		/* is_leftmost(): still the earliest? */
		{
			uint32_t i;

			for (i = 0; i < c->dl.n; i++)
				if (dl_before(s->tasks[c->dl.v[i]].dl_abs,
					      t->dl_abs))
					c->need_resched = true;
		}
		return;
	}
	c->need_resched = true; /* !is_leftmost(): resched_curr() */
}

/*
 * Set t's DL parameters from p (sched_setattr(), __setparam_dl()); t's
 * bandwidth moves in running_bw and total_bw when it already had one.
 * A task becoming DL gets setup_new_dl_entity() at its next enqueue (or
 * here when it is running).
 */
void eas__sim_dl_params(struct eas_sim *s, struct sim_task *t,
			const struct eas_rtapp_props *p)
{
	uint64_t old_bw = t->dl_bw;

	if (!props_meaningful(p))
		return;
	/* __sched_setscheduler(): an unchanged DL task is left alone
	 * (dl_param_changed()) */
	if (t->dl_admitted &&
	    t->dl_runtime == (uint64_t)p->sched_runtime_us * DL_NS_PER_US &&
	    t->dl_deadline == (uint64_t)p->sched_deadline_us * DL_NS_PER_US &&
	    t->dl_period == (p->sched_period_us ? (uint64_t)p->sched_period_us *
							  DL_NS_PER_US :
						  t->dl_deadline))
		return;
	t->dl_runtime = (uint64_t)p->sched_runtime_us * DL_NS_PER_US;
	t->dl_deadline = (uint64_t)p->sched_deadline_us * DL_NS_PER_US;
	t->dl_period = (uint64_t)p->sched_period_us * DL_NS_PER_US;
	if (!t->dl_period)
		t->dl_period = t->dl_deadline;
	t->dl_bw = to_ratio(t->dl_period, t->dl_runtime);
	t->dl_density = to_ratio(t->dl_deadline, t->dl_runtime);
	s->has_dl = true;
	if (t->state == SIM_TS_RUNNING) {
		struct sim_cpu *c = &s->cpus[t->cpu];

		if (t->dl_admitted) {
			/* dequeue(DEQUEUE_SAVE) / enqueue(ENQUEUE_RESTORE)
			 * with the new bandwidth */
			eas__sim_dl_update_curr(s, c, t);
			c->dl_running_bw = c->dl_running_bw - old_bw + t->dl_bw;
			s->dl_bw_total = s->dl_bw_total - old_bw + t->dl_bw;
			if (dl_before(t->dl_abs, s->now))
				new_period(s, t);
		} else {
			/* switched_to_dl() of the running task */
			t->dl_admitted = true;
			s->dl_bw_total += t->dl_bw;
			new_period(s, t);
			add_running_bw(s, t);
			t->dl_exec_start = s->now;
			t->dl_throttled = false;
			t->dl_non_contending = false;
		}
	}
}

/*
 * enqueue_task_dl() of t on c: fork (a thread starting SCHED_DEADLINE:
 * setup_new_dl_entity(), its bandwidth added), wakeup (task_contending(),
 * update_dl_entity(); a throttled task stays off the queue until its
 * timer), else a migration (push / pull: running_bw moves with it).
 * Returns false when t is not queued (throttled).
 */
bool eas__sim_dl_enqueue(struct eas_sim *s, struct sim_cpu *c,
			 struct sim_task *t, bool wakeup, bool fork)
{
	s->has_dl = true;
	if (fork) {
		if (!t->dl_admitted) {
			t->dl_admitted = true;
			s->dl_bw_total += t->dl_bw;
		}
		t->dl_throttled = false;
		t->dl_non_contending = false;
		new_period(s, t);
		add_running_bw(s, t);
	} else if (wakeup) {
		/* dl_check_constrained_dl() */
		if (!t->dl_throttled && t->dl_deadline != t->dl_period &&
		    dl_before(t->dl_abs, s->now) &&
		    dl_before(s->now,
			      t->dl_abs - t->dl_deadline + t->dl_period) &&
		    start_timer(s, t)) {
			throttle_start(s, t);
			if (t->dl_rt > 0)
				t->dl_rt = 0;
		}
		task_contending(s, t);
		if (t->dl_throttled)
			return false;
		update_entity(s, t);
	} else {
		add_running_bw(s, t); /* ENQUEUE_MIGRATING */
	}
	eas__sim_vec_push(&c->dl, t->idx);
	c->nr_dl++;
	return true;
}

/* A queued DL task leaves c (push / pull: DEQUEUE_MIGRATING). */
void eas__sim_dl_dequeue_queued(struct eas_sim *s, struct sim_cpu *c,
				struct sim_task *t)
{
	eas__sim_vec_remove(&c->dl, t->idx);
	c->nr_dl--;
	sub_running_bw(s, t);
}

/* dequeue_task_dl(DEQUEUE_SLEEP) of the running t: update_curr_dl(),
 * task_non_contending(). Returns whether t was counted on the rq (not
 * throttled). */
bool eas__sim_dl_sleep(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t,
		       bool dead)
{
	bool counted;

	eas__sim_dl_update_curr(s, c, t);
	counted = !t->dl_throttled;
	if (counted)
		c->nr_dl--;
	task_non_contending(s, t, dead);
	if (dead && t->dl_timer_armed) {
		t->dl_timer_armed = false;
		t->dl_timer_gen++;
	}
	return counted;
}

/* wakeup_preempt() for a DL task t or a DL curr: DL above RT and CFS;
 * between two DL tasks wakeup_preempt_dl(): the earlier deadline
 * (dl_entity_preempt()). Equal deadlines (check_preempt_equal_dl()) do not
 * preempt. */
void eas__sim_dl_check_preempt(struct eas_sim *s, struct sim_cpu *c,
			       const struct sim_task *t)
{
	const struct sim_task *curr = &s->tasks[c->curr];

	if (!eas__sim_is_dl(curr)) {
		if (eas__sim_is_dl(t))
			c->need_resched = true;
		return;
	}
	if (eas__sim_is_dl(t) && dl_before(t->dl_abs, curr->dl_abs))
		c->need_resched = true;
}

/* pick_next_dl_entity(): the leftmost (earliest deadline; the first
 * queued among equals) */
int32_t eas__sim_dl_pick(const struct eas_sim *s, const struct sim_cpu *c)
{
	uint32_t i;
	int32_t best = -1;

	for (i = 0; i < c->dl.n; i++) {
		const struct sim_task *t = &s->tasks[c->dl.v[i]];

		if (best < 0 || dl_before(t->dl_abs, s->tasks[best].dl_abs))
			best = (int32_t)t->idx;
	}
	return best;
}

/* The running t leaves SCHED_DEADLINE (a phase with another policy):
 * dequeue(DEQUEUE_SAVE) takes its running_bw, switched_from_dl() its
 * share of total_bw (at once here, not at the 0-lag time) */
void eas__sim_dl_leave(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t)
{
	if (t->dl_throttled) {
		throttle_end(s, t);
		t->dl_throttled = false;
		t->dl_timer_armed = false;
		t->dl_timer_gen++;
		c->nr_running++;
	} else {
		c->nr_dl--;
	}
	sub_running_bw(s, t);
	if (t->dl_admitted) {
		s->dl_bw_total -= t->dl_bw;
		t->dl_admitted = false;
	}
}

/* put_prev_task_dl() of a preempted t: update_curr_dl(); back on the
 * queue unless throttled */
void eas__sim_dl_put_prev(struct eas_sim *s, struct sim_cpu *c,
			  struct sim_task *t)
{
	eas__sim_dl_update_curr(s, c, t);
	if (!t->dl_throttled)
		eas__sim_vec_push(&c->dl, t->idx);
}

/* set_next_task_dl(): exec_start */
void eas__sim_dl_set_next(struct eas_sim *s, struct sim_cpu *c,
			  struct sim_task *t)
{
	(void)c;
	t->dl_exec_start = s->now;
}

/*
 * yield_task_dl(): dl_yielded, update_curr_dl() throttles the task at
 * once; replenish_dl_entity() then drops what runtime is left (runtime =
 * 0, so the next period's full budget), i.e. the rest of this period is
 * given up.
 */
void eas__sim_dl_yield(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t)
{
	if (c->curr != (int32_t)t->idx || t->dl_throttled)
		return;
	eas__sim_dl_update_curr(s, c, t);
	if (t->dl_throttled)
		return;
	if (t->dl_rt > 0)
		t->dl_rt = 0; /* replenish_dl_entity(): dl_yielded */
	throttle_start(s, t);
	c->nr_dl--;
	c->nr_running--;
	if (!start_timer(s, t)) {
		throttle_end(s, t);
		replenish(s, t);
		c->nr_dl++;
		c->nr_running++;
	}
	c->need_resched = true;
}

/* task_tick_dl(): update_curr_dl() (HRTICK_DL is off by default: the
 * overrun is seen at the tick) */
void eas__sim_dl_tick(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t)
{
	eas__sim_dl_update_curr(s, c, t);
}

/* ---------------------------------------------------------------------- */
/* placement: cpudl, find_later_rq(), select_task_rq_dl(), push / pull     */
/* ---------------------------------------------------------------------- */

/* dl_task_fits_capacity() (v6.19 / v7.1) */
static bool fits(const struct eas_sim *s, const struct sim_task *t,
		 uint32_t cpu)
{
	return s->cpus[cpu].cap >= t->dl_density >> (BW_SHIFT - 10);
}

/*
 * cpudl_find(): the allowed CPUs without DL tasks (free_cpus; v6.19 /
 * v7.1 on an asymmetric platform only those t fits, else the largest),
 * else the CPU whose earliest deadline is the latest (the heap maximum;
 * among equals the lowest id) if t's deadline is before it. Fills mask
 * (nr_cpus bools); returns whether any.
 */
static bool cpudl_find(const struct eas_sim *s, const struct sim_task *t,
		       bool *mask)
{
	uint32_t i, n = 0;
	int32_t best = -1, max_cpu = -1;
	uint64_t best_dl = 0, cap, max_cap = 0;

	for (i = 0; i < s->nr_cpus; i++) {
		mask[i] = !s->cpus[i].nr_dl && eas_mask_test(t->allowed, i);
		n += mask[i];
	}
	if (n) {
		if (s->k == EAS_KERNEL_V5_4 || !asym_active(s->pf))
			return true;
		n = 0;
		for (i = 0; i < s->nr_cpus; i++) {
			if (!mask[i])
				continue;
			if (fits(s, t, i)) {
				n++;
				continue;
			}
			mask[i] = false;
			cap = s->cpus[i].cap;
			if (cap > max_cap ||
			    (i == (uint32_t)t->cpu && cap == max_cap)) {
				max_cap = cap;
				max_cpu = (int32_t)i;
			}
		}
		if (!n && max_cpu >= 0)
			mask[max_cpu] = true;
		return true;
	}
	for (i = 0; i < s->nr_cpus; i++) {
		uint64_t e;

		if (!rq_earliest(s, &s->cpus[i], &e))
			continue;
		if (best < 0 || dl_before(best_dl, e)) {
			best = (int32_t)i;
			best_dl = e;
		}
	}
	if (best >= 0 && eas_mask_test(t->allowed, (uint32_t)best) &&
	    dl_before(t->dl_abs, best_dl)) {
		mask[best] = true;
		return true;
	}
	return false;
}

/* The first CPU of mask in span (v5.4 cpumask_first_and()), or v6.19's
 * cpumask_any_and_distribute(): the next after this CPU's
 * distribute_cpu_mask_prev. nr == nr_cpus for the whole mask. */
static int32_t mask_pick(struct eas_sim *s, const bool *mask,
			 const uint32_t *span, uint32_t nr, uint32_t this_cpu)
{
	uint32_t i, j;
	bool in[64];
	bool distribute = s->k != EAS_KERNEL_V5_4 && s->nr_cpus <= 64;

	if (!distribute) {
		for (j = 0; j < nr; j++) {
			uint32_t cpu = span ? span[j] : j;

			if (mask[cpu])
				return (int32_t)cpu;
		}
		return -1;
	}
	memset(in, 0, sizeof(in));
	for (j = 0; j < nr; j++)
		in[span ? span[j] : j] = true;
	for (i = 1; i <= s->nr_cpus; i++) {
		uint32_t n =
			(s->cpus[this_cpu].distribute_prev + i) % s->nr_cpus;

		if (in[n] && mask[n]) {
			s->cpus[this_cpu].distribute_prev = n;
			return (int32_t)n;
		}
	}
	return -1;
}

/* find_later_rq(t) run on this_cpu */
static int32_t find_later_rq(struct eas_sim *s, const struct sim_task *t,
			     uint32_t this_cpu)
{
	bool mask[64];
	int32_t self = (int32_t)this_cpu, best;
	uint32_t l, cpu = (uint32_t)t->cpu, nr;
	const uint32_t *span;

	if (t->nr_allowed == 1 || s->nr_cpus > 64)
		return -1;
	if (!cpudl_find(s, t, mask))
		return -1;
	if (mask[cpu])
		return (int32_t)cpu;
	if (!mask[this_cpu])
		self = -1;
	for (l = 0; l < s->pf->nr_levels; l++) {
		if (!(eas_sd_flags(s->pf, l, cpu) & EAS_SD_WAKE_AFFINE))
			continue;
		if (self >= 0 && eas_sd_contains(s->pf, l, cpu, this_cpu))
			return self;
		span = eas_sd_span(s->pf, l, cpu, &nr);
		best = mask_pick(s, mask, span, nr, this_cpu);
		if (best >= 0)
			return best;
	}
	if (self >= 0)
		return self;
	return mask_pick(s, mask, NULL, s->nr_cpus, this_cpu);
}

/*
 * select_task_rq_dl() for t from its previous CPU, run on this_cpu: only
 * at a wake-up (WF_TTWU / SD_BALANCE_WAKE); a thread starting DL is placed
 * the same way (docs/simulator.md). Away from prev when a DL task runs
 * there that t does not preempt (or, v6.19 / v7.1 on an asymmetric
 * platform, t does not fit prev), to find_later_rq()'s CPU if t would be
 * the earliest there.
 */
uint32_t eas__sim_dl_select(struct eas_sim *s, struct sim_task *t,
			    uint32_t this_cpu, bool wakeup)
{
	uint32_t cpu = (uint32_t)t->cpu;
	const struct sim_cpu *c = &s->cpus[cpu];
	const struct sim_task *curr = c->curr >= 0 ? &s->tasks[c->curr] : NULL;
	bool sel;
	int32_t target;

	/* a thread starting DL: the deadline setup_new_dl_entity() gives it */
	if (!wakeup)
		t->dl_abs = s->now + t->dl_deadline;
	sel = curr && eas__sim_is_dl(curr) &&
	      (curr->nr_allowed < 2 || !dl_before(t->dl_abs, curr->dl_abs)) &&
	      t->nr_allowed > 1;
	if (s->k != EAS_KERNEL_V5_4 && asym_active(s->pf))
		sel = sel || !fits(s, t, cpu);
	if (!sel)
		return cpu;
	target = find_later_rq(s, t, this_cpu);
	if (target >= 0 && is_earliest(s, t, &s->cpus[target]))
		cpu = (uint32_t)target;
	return cpu;
}

/* migrate_task_rq_dl(): a non-contending task leaves prev's running_bw */
void eas__sim_dl_migrate_wake(struct eas_sim *s, struct sim_task *t,
			      uint32_t prev)
{
	int32_t cpu = t->cpu;

	if (!t->dl_non_contending)
		return;
	t->cpu = (int32_t)prev;
	sub_running_bw(s, t);
	t->cpu = cpu;
	t->dl_non_contending = false;
	t->dl_inact_armed = false;
	t->dl_inact_gen++;
}

/* pick_next_pushable_dl_task() / pick_earliest_pushable_dl_task(): the
 * earliest queued DL task of c that may run on cpu (-1 any) */
static int32_t pushable(const struct eas_sim *s, const struct sim_cpu *c,
			int32_t cpu)
{
	uint32_t i;
	int32_t best = -1;

	for (i = 0; i < c->dl.n; i++) {
		const struct sim_task *t = &s->tasks[c->dl.v[i]];

		if (t->nr_allowed < 2)
			continue;
		if (cpu >= 0 && !eas_mask_test(t->allowed, (uint32_t)cpu))
			continue;
		if (best < 0 || dl_before(t->dl_abs, s->tasks[best].dl_abs))
			best = (int32_t)t->idx;
	}
	return best;
}

/* push_dl_task(c): one task moved? */
static bool push_one(struct eas_sim *s, struct sim_cpu *c)
{
	int32_t n = pushable(s, c, -1), later;
	struct sim_task *t;
	const struct sim_task *curr;

	if (n < 0)
		return false;
	t = &s->tasks[n];
	curr = c->curr >= 0 ? &s->tasks[c->curr] : NULL;
	if (curr && eas__sim_is_dl(curr) &&
	    dl_before(t->dl_abs, curr->dl_abs) && curr->nr_allowed > 1) {
		c->need_resched = true;
		return false;
	}
	/* find_lock_later_rq() */
	later = find_later_rq(s, t, c->id);
	if (later < 0 || later == t->cpu || !is_earliest(s, t, &s->cpus[later]))
		return false;
	eas__sim_migrate_queued(s, t, (uint32_t)later);
	s->cpus[later].need_resched = true;
	return true;
}

/* push_dl_tasks(): after a DL task is picked (the balance callback of
 * set_next_task_dl()), a wake-up that will not run soon (task_woken_dl())
 * and a replenishment */
void eas__sim_dl_push(struct eas_sim *s, struct sim_cpu *c)
{
	uint32_t guard = s->nr_tasks + 1;

	if (s->nr_cpus < 2)
		return;
	while (guard-- && push_one(s, c))
		;
}

/* task_woken_dl() */
void eas__sim_dl_woken(struct eas_sim *s, struct sim_cpu *c, struct sim_task *t)
{
	const struct sim_task *curr;

	if (c->curr < 0 || c->curr == (int32_t)t->idx || c->need_resched ||
	    t->nr_allowed < 2 || t->state != SIM_TS_RUNNABLE || t->dl_throttled)
		return;
	curr = &s->tasks[c->curr];
	if (!eas__sim_is_dl(curr))
		return;
	if (curr->nr_allowed < 2 || !dl_before(t->dl_abs, curr->dl_abs))
		eas__sim_dl_push(s, c);
}

/* pull_dl_task(c): c's DL task left (blocked or throttled); take the
 * earliest pushable task of an overloaded CPU that would run here and not
 * preempt its own CPU's current */
void eas__sim_dl_pull(struct eas_sim *s, struct sim_cpu *c)
{
	uint64_t dmin = (uint64_t)INT64_MAX, mine, nxt;
	uint32_t i;
	bool any = false;

	for (i = 0; i < s->nr_cpus; i++)
		if (i != c->id && s->cpus[i].nr_dl > 1 &&
		    pushable(s, &s->cpus[i], -1) >= 0)
			any = true;
	if (!any) /* dl_overloaded() */
		return;
	for (i = 0; i < s->nr_cpus; i++) {
		struct sim_cpu *src = &s->cpus[i];
		int32_t p, nx;
		struct sim_task *pt;
		const struct sim_task *scur;

		if (i == c->id)
			continue;
		nx = pushable(s, src, -1);
		nxt = nx >= 0 ? s->tasks[nx].dl_abs : 0;
		if (rq_earliest(s, c, &mine) && nx >= 0 && dl_before(mine, nxt))
			continue;
		if (src->nr_dl <= 1)
			continue;
		p = pushable(s, src, (int32_t)c->id);
		if (p < 0)
			continue;
		pt = &s->tasks[p];
		if (!dl_before(pt->dl_abs, dmin) || !is_earliest(s, pt, c))
			continue;
		scur = src->curr >= 0 ? &s->tasks[src->curr] : NULL;
		if (scur && eas__sim_is_dl(scur) &&
		    dl_before(pt->dl_abs, scur->dl_abs))
			continue;
		eas__sim_migrate_queued(s, pt, c->id);
		dmin = pt->dl_abs;
	}
}

/* dl_task_timer(): the replenishment; a queued task goes back on its
 * queue (enqueue_task_dl(ENQUEUE_REPLENISH)) and may preempt, a sleeping
 * one is only replenished */
void eas__sim_dl_timer(struct eas_sim *s, struct sim_task *t)
{
	struct sim_cpu *c;

	t->dl_timer_armed = false;
	if (!eas__sim_is_dl(t) || !t->dl_throttled)
		return;
	c = &s->cpus[t->cpu];
	eas__sim_update_cpu(s, c);
	throttle_end(s, t);
	if (t->state != SIM_TS_RUNNABLE && t->state != SIM_TS_RUNNING) {
		replenish(s, t);
		return;
	}
	replenish(s, t);
	if (t->state == SIM_TS_RUNNABLE)
		eas__sim_vec_push(&c->dl, t->idx);
	c->nr_dl++;
	c->nr_running++;
	if (c->curr >= 0 && eas__sim_is_dl(&s->tasks[c->curr])) {
		if (c->curr != (int32_t)t->idx)
			eas__sim_dl_check_preempt(s, c, t);
	} else {
		c->need_resched = true;
	}
	eas__sim_dl_push(s, c);
}

/* update_dl_rq_load_avg(now, rq, running) */
void eas__sim_dl_pelt(const struct eas_sim *s, const struct sim_cpu *c,
		      uint64_t pn, struct eas_pelt *dl)
{
	int running = c->curr >= 0 && eas__sim_is_dl(&s->tasks[c->curr]);

	eas_pelt_update(s->k, dl, pn, (uint64_t)running, (uint64_t)running,
			running, 1, 1);
}
