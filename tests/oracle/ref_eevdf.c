/* SPDX-License-Identifier: MIT */
/* Literal one-CPU Linux v6.19 / v7.1 EEVDF model: see ref_eevdf.h. */
#include "ref_eevdf.h"

#include <string.h>

#define NS_MS 1000000ull
#define TICK_NS (4 * NS_MS)	/* HZ 250: TICK_NSEC */
#define BASE_SLICE_NS 700000ull /* sysctl_sched_base_slice, 1 CPU */
#define NEVER UINT64_MAX

/* kernel/sched/core.c sched_prio_to_weight[] / sched_prio_to_wmult[] */
static const uint32_t prio_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548,  7620,  6100,  4904,  3906,  3121,  2501,	 1991,	1586,  1277,
	1024,  820,   655,   526,   423,   335,	  272,	 215,	172,   137,
	110,   87,    70,    56,    45,	   36,	  29,	 23,	18,    15,
};
static const uint32_t prio_wmult[40] = {
	48388,	   59856,     76040,	 92818,	    118348,   147320,
	184698,	   229616,    287308,	 360437,    449829,   563644,
	704093,	   875809,    1099582,	 1376151,   1717300,  2157191,
	2708050,   3363326,   4194304,	 5237765,   6557202,  8165337,
	10153587,  12820798,  15790321,	 19976592,  24970740, 31350126,
	39045157,  49367440,  61356676,	 76695844,  95443717, 119304647,
	148102320, 186737708, 238609294, 286331153,
};

struct entity {
	uint64_t weight; /* scale_load_down(load.weight) */
	uint32_t inv_weight;
	uint64_t vruntime, deadline, vprot, slice, exec_start;
	int64_t vlag;
	int custom_slice, rel_deadline, sched_delayed;
	int on_rq, in_tree;
	uint64_t seq; /* rb-tree insertion order: equal keys go right */
};

struct thread {
	const struct refev_task *def;
	uint32_t pc;
	int in_run;
	uint64_t run_left, seg_start;
	int timer_init;
	uint64_t t_next;
	uint64_t wake_at;
};

struct model {
	struct entity se[REFEV_MAX_TASKS];
	struct thread th[REFEV_MAX_TASKS];
	uint32_t n;
	int v71;
	/* the cfs_rq */
	int curr;
	uint32_t nr_queued;
	int64_t avg_vruntime, avg_load; /* v7.1: sum_w_vruntime, sum_weight */
	uint64_t zero_vruntime, seq;
	/* the rq */
	uint64_t now;
	int need_resched;
	uint32_t delayed;
	struct refev_switch *out;
	uint32_t nout, max;
};

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;
#endif

/* include/linux/math64.h mul_u64_u32_shr() */
static uint64_t mul_u64_u32_shr(uint64_t a, uint32_t mul, unsigned shift)
{
#ifdef __SIZEOF_INT128__
	return (uint64_t)(((u128)a * mul) >> shift);
#else
	uint64_t al = a & 0xffffffffu, ah = a >> 32;
	uint64_t r = (al * mul) >> shift;

	if (ah)
		r += (ah * mul) << (32 - shift);
	return r;
#endif
}

/* fls() of a non-zero 32-bit value */
static int fls32(uint32_t x)
{
	int r = 0;

	while (x) {
		x >>= 1;
		r++;
	}
	return r;
}

/* __calc_delta(delta, NICE_0_LOAD, &se->load) */
static uint64_t calc_delta(uint64_t delta, uint64_t weight, uint32_t inv)
{
	uint64_t fact = weight;
	uint32_t fact_hi = (uint32_t)(fact >> 32);
	int shift = 32, fs;

	if (fact_hi) {
		fs = fls32(fact_hi);
		shift -= fs;
		fact >>= fs;
	}
	fact = (uint64_t)(uint32_t)fact * inv;
	fact_hi = (uint32_t)(fact >> 32);
	if (fact_hi) {
		fs = fls32(fact_hi);
		shift -= fs;
		fact >>= fs;
	}
	return mul_u64_u32_shr(delta, (uint32_t)fact, (unsigned)shift);
}

static uint64_t calc_delta_fair(uint64_t delta, const struct entity *se)
{
	if (se->weight != 1024)
		delta = calc_delta(delta, 1024, se->inv_weight);
	return delta;
}

static struct entity *curr_on_rq(struct model *m)
{
	if (m->curr >= 0 && m->se[m->curr].on_rq)
		return &m->se[m->curr];
	return NULL;
}

static int64_t entity_key(struct model *m, const struct entity *se)
{
	return (int64_t)(se->vruntime - m->zero_vruntime);
}

static uint64_t avg_vruntime(struct model *m)
{
	struct entity *curr = curr_on_rq(m);
	int64_t avg = m->avg_vruntime, load = m->avg_load;

	if (curr) {
		avg += entity_key(m, curr) * (int64_t)curr->weight;
		load += (int64_t)curr->weight;
	}
	if (load) {
		if (avg < 0)
			avg -= (load - 1);
		avg = avg / load;
	}
	return m->zero_vruntime + (uint64_t)avg;
}

static int vruntime_eligible(struct model *m, uint64_t vruntime)
{
	struct entity *curr = curr_on_rq(m);
	int64_t avg = m->avg_vruntime, load = m->avg_load;

	if (curr) {
		avg += entity_key(m, curr) * (int64_t)curr->weight;
		load += (int64_t)curr->weight;
	}
	return avg >= (int64_t)(vruntime - m->zero_vruntime) * load;
}

static int entity_eligible(struct model *m, const struct entity *se)
{
	return vruntime_eligible(m, se->vruntime);
}

static void update_zero_vruntime(struct model *m)
{
	uint64_t vruntime = avg_vruntime(m);
	int64_t delta = (int64_t)(vruntime - m->zero_vruntime);

	m->avg_vruntime -= m->avg_load * delta;
	m->zero_vruntime = vruntime;
}

static void __enqueue_entity(struct model *m, struct entity *se)
{
	m->avg_vruntime += entity_key(m, se) * (int64_t)se->weight;
	m->avg_load += (int64_t)se->weight;
	update_zero_vruntime(m);
	se->in_tree = 1;
	se->seq = m->seq++;
}

static void __dequeue_entity(struct model *m, struct entity *se)
{
	se->in_tree = 0;
	m->avg_vruntime -= entity_key(m, se) * (int64_t)se->weight;
	m->avg_load -= (int64_t)se->weight;
	update_zero_vruntime(m);
}

/* rb-tree order: deadline, then insertion */
static int tree_before(const struct entity *a, const struct entity *b)
{
	if (a->deadline != b->deadline)
		return (int64_t)(a->deadline - b->deadline) < 0;
	return a->seq < b->seq;
}

/* the tree's entities in order, eligible ones only when elig */
static struct entity *first_in_tree(struct model *m, int elig)
{
	struct entity *best = NULL;
	uint32_t i;

	for (i = 0; i < m->n; i++) {
		struct entity *e = &m->se[i];

		if (!e->in_tree || (elig && !entity_eligible(m, e)))
			continue;
		if (!best || tree_before(e, best))
			best = e;
	}
	return best;
}

static uint64_t min_slice(struct model *m)
{
	struct entity *curr = curr_on_rq(m);
	uint64_t s = curr ? curr->slice : UINT64_MAX;
	uint32_t i;

	for (i = 0; i < m->n; i++)
		if (m->se[i].in_tree && m->se[i].slice < s)
			s = m->se[i].slice;
	return s;
}

static uint64_t max_slice(struct model *m)
{
	struct entity *curr = curr_on_rq(m);
	uint64_t s = curr ? curr->slice : 0;
	uint32_t i;

	for (i = 0; i < m->n; i++)
		if (m->se[i].in_tree && m->se[i].slice > s)
			s = m->se[i].slice;
	return s;
}

static uint64_t min_vruntime(uint64_t a, uint64_t b)
{
	return (int64_t)(b - a) < 0 ? b : a;
}

static void set_protect_slice(struct model *m, struct entity *se)
{
	uint64_t slice = min_slice(m), vprot = se->deadline; /* RUN_TO_PARITY */

	if (se->slice < slice)
		slice = se->slice;
	if (slice != se->slice)
		vprot = min_vruntime(vprot,
				     se->vruntime + calc_delta_fair(slice, se));
	se->vprot = vprot;
}

static void update_protect_slice(struct model *m, struct entity *se)
{
	uint64_t slice = min_slice(m);

	se->vprot = min_vruntime(se->vprot,
				 se->vruntime + calc_delta_fair(slice, se));
}

static int protect_slice(const struct entity *se)
{
	return (int64_t)(se->vprot - se->vruntime) > 0;
}

static void cancel_protect_slice(struct entity *se)
{
	if (protect_slice(se))
		se->vprot = se->vruntime;
}

static struct entity *pick_eevdf(struct model *m, int protect)
{
	struct entity *se = first_in_tree(m, 0);
	struct entity *curr = m->curr >= 0 ? &m->se[m->curr] : NULL;
	struct entity *best;

	if (m->nr_queued == 1)
		return curr && curr->on_rq ? curr : se;
	if (curr && (!curr->on_rq || !entity_eligible(m, curr)))
		curr = NULL;
	if (curr && protect && protect_slice(curr))
		return curr;
	best = first_in_tree(m, 1);
	if (!best || (curr && (int64_t)(curr->deadline - best->deadline) < 0))
		best = curr;
	return best;
}

static int update_deadline(struct entity *se)
{
	if ((int64_t)(se->vruntime - se->deadline) < 0)
		return 0;
	if (!se->custom_slice)
		se->slice = BASE_SLICE_NS;
	se->deadline = se->vruntime + calc_delta_fair(se->slice, se);
	return 1;
}

static void update_curr(struct model *m)
{
	struct entity *curr = m->curr >= 0 ? &m->se[m->curr] : NULL;
	int64_t delta_exec;
	int resched;

	if (!curr)
		return;
	delta_exec = (int64_t)(m->now - curr->exec_start);
	if (delta_exec <= 0)
		return;
	curr->exec_start = m->now;
	curr->vruntime += calc_delta_fair((uint64_t)delta_exec, curr);
	resched = update_deadline(curr);
	if (m->nr_queued == 1)
		return;
	if (resched || !protect_slice(curr))
		m->need_resched = 1;
}

/* update_entity_lag(); returns v7.1's "vlag modified" */
static int update_entity_lag(struct model *m, struct entity *se)
{
	uint64_t avr = avg_vruntime(m);
	int64_t vlag = (int64_t)(avr - se->vruntime), limit;

	if (m->v71) {
		limit = (int64_t)calc_delta_fair(max_slice(m) + TICK_NS, se);
	} else {
		uint64_t l = 2 * se->slice > TICK_NS ? 2 * se->slice : TICK_NS;

		limit = (int64_t)calc_delta_fair(l, se);
	}
	vlag = vlag < -limit ? -limit : vlag > limit ? limit : vlag;
	if (m->v71 && se->sched_delayed) {
		if (se->vlag > vlag)
			vlag = se->vlag;
		if (vlag > 0)
			vlag = 0;
	}
	se->vlag = vlag;
	return avr - (uint64_t)vlag != se->vruntime;
}

static void place_entity(struct model *m, struct entity *se, int initial)
{
	uint64_t vslice, vruntime = avg_vruntime(m);
	int64_t lag = 0;

	if (!se->custom_slice)
		se->slice = BASE_SLICE_NS;
	vslice = calc_delta_fair(se->slice, se);
	if (m->nr_queued && se->vlag) {
		struct entity *curr = curr_on_rq(m);
		int64_t load = m->avg_load;

		lag = se->vlag;
		if (curr)
			load += (int64_t)curr->weight;
		lag *= load + (int64_t)se->weight;
		if (!load)
			load = 1;
		lag = lag / load;
	}
	se->vruntime = vruntime - (uint64_t)lag;
	if (se->rel_deadline) {
		se->deadline += se->vruntime;
		se->rel_deadline = 0;
		return;
	}
	if (initial)
		vslice /= 2;
	se->deadline = se->vruntime + vslice;
}

static void enqueue_entity(struct model *m, int i, int initial)
{
	struct entity *se = &m->se[i];
	int is_curr = m->curr == i;

	if (is_curr)
		place_entity(m, se, initial);
	update_curr(m);
	if (!is_curr)
		place_entity(m, se, initial);
	m->nr_queued++;
	if (!is_curr)
		__enqueue_entity(m, se);
	se->on_rq = 1;
}

/* dequeue_entity(); returns 0 when the dequeue is delayed */
static int dequeue_entity(struct model *m, int i, int sleep, int delayed)
{
	struct entity *se = &m->se[i];

	update_curr(m);
	if (!delayed && sleep && !entity_eligible(m, se)) {
		if (m->v71)
			update_entity_lag(m, se);
		se->sched_delayed = 1;
		m->delayed++;
		return 0;
	}
	update_entity_lag(m, se);
	if (!sleep) {
		se->deadline -= se->vruntime;
		se->rel_deadline = 1;
	}
	if (i != m->curr)
		__dequeue_entity(m, se);
	se->on_rq = 0;
	m->nr_queued--;
	if (delayed) {
		se->sched_delayed = 0;
		if (!m->v71 && se->vlag > 0) /* DELAY_ZERO */
			se->vlag = 0;
	}
	return 1;
}

static struct entity *pick_next_entity(struct model *m, int protect)
{
	struct entity *se = pick_eevdf(m, protect);

	if (se && se->sched_delayed) {
		dequeue_entity(m, (int)(se - m->se), 1, 1);
		return NULL;
	}
	return se;
}

static int pick_task_fair(struct model *m)
{
	struct entity *se;

	for (;;) {
		if (!m->nr_queued)
			return -1;
		if (m->curr >= 0 && m->se[m->curr].on_rq)
			update_curr(m);
		se = pick_next_entity(m, 1);
		if (se)
			return (int)(se - m->se);
	}
}

static void put_prev_entity(struct model *m, int prev)
{
	struct entity *se = &m->se[prev];
	struct thread *t = &m->th[prev];

	if (t->in_run)
		t->run_left -= m->now - t->seg_start;
	if (se->on_rq) {
		update_curr(m);
		__enqueue_entity(m, se);
	}
	m->curr = -1;
}

static void set_next_entity(struct model *m, int i)
{
	struct entity *se = &m->se[i];

	if (se->on_rq) {
		__dequeue_entity(m, se);
		set_protect_slice(m, se);
	}
	m->curr = i;
	se->exec_start = m->now;
	m->th[i].seg_start = m->now;
}

static void record(struct model *m, int prev, int next)
{
	if (m->nout < m->max) {
		m->out[m->nout].t_ns = m->now;
		m->out[m->nout].prev = prev;
		m->out[m->nout].next = next;
	}
	m->nout++;
}

static void program_step(struct model *m, int i);

/* __schedule() -> pick_next_task_fair(); need_resched is cleared after
 * the pick */
static void schedule(struct model *m)
{
	int prev = m->curr, next = pick_task_fair(m);

	m->need_resched = 0;
	if (next == prev)
		return;
	if (prev >= 0)
		put_prev_entity(m, prev);
	if (next < 0) {
		record(m, prev, -1);
		return;
	}
	set_next_entity(m, next);
	record(m, prev, next);
	if (!m->th[next].in_run)
		program_step(m, next);
}

static int next_event(struct thread *t)
{
	if (++t->pc < t->def->nr_ev)
		return 1;
	t->pc = 0;
	return t->def->loop < 0;
}

static void block(struct model *m, int i, uint64_t until)
{
	m->th[i].wake_at = until;
	/* dequeue_task_fair(DEQUEUE_SLEEP); an exit (never woken) is a
	 * TASK_DEAD dequeue, DEQUEUE_SPECIAL: not delayed */
	if (until == NEVER) {
		struct entity *se = &m->se[i];

		update_curr(m);
		update_entity_lag(m, se);
		se->on_rq = 0;
		m->nr_queued--;
	} else {
		dequeue_entity(m, i, 1, 0);
	}
	m->need_resched = 1;
	schedule(m);
}

/* rt-app's thread loop from the running thread's current event */
static void program_step(struct model *m, int i)
{
	struct thread *t = &m->th[i];
	int guard;

	for (guard = 0; guard < 1000; guard++) {
		uint32_t us = t->def->ev[t->pc].us;

		switch (t->def->ev[t->pc].type) {
		case REFEV_RUN:
			if (!us)
				break;
			t->in_run = 1;
			t->run_left = (uint64_t)us * 1000;
			t->seg_start = m->now;
			return;
		case REFEV_SLEEP:
			if (!us)
				break;
			block(m, i,
			      next_event(t) ? m->now + us * 1000ull : NEVER);
			return;
		case REFEV_TIMER:
			if (!t->timer_init) {
				t->timer_init = 1;
				t->t_next = 0; /* thread start */
			}
			t->t_next += us * 1000ull;
			if (m->now < t->t_next) {
				block(m, i, next_event(t) ? t->t_next : NEVER);
				return;
			}
			t->t_next = m->now; /* missed: re-based (relative) */
			break;
		}
		if (!next_event(t)) {
			block(m, i, NEVER);
			return;
		}
	}
	block(m, i, NEVER);
}

/* check_preempt_wakeup_fair() / v7.1 wakeup_preempt_fair() */
static void wakeup_preempt(struct model *m, int p, int fork)
{
	struct entity *se, *pse = &m->se[p], *nse;
	int shrt = 0;

	if (m->curr < 0) { /* the idle class: resched_curr() */
		m->need_resched = 1;
		return;
	}
	se = &m->se[m->curr];
	if (se == pse || m->need_resched)
		return;
	update_curr(m);
	if (pse->slice < se->slice) { /* PREEMPT_SHORT */
		shrt = 1;
	} else if (fork || pse->sched_delayed) {
		return;
	}
	for (;;) {
		if (m->v71) {
			nse = pick_next_entity(m, !shrt);
			if (!nse && m->nr_queued)
				continue;
		} else {
			nse = pick_eevdf(m, !shrt);
		}
		break;
	}
	if (nse == pse) {
		if (shrt)
			cancel_protect_slice(se);
		m->need_resched = 1;
		return;
	}
	update_protect_slice(m, se); /* RUN_TO_PARITY */
}

static void wake(struct model *m, int i, int fork)
{
	struct entity *se = &m->se[i];

	m->th[i].wake_at = NEVER;
	if (se->sched_delayed) {
		/* ttwu_runnable(): requeue_delayed_entity() */
		int replace = update_entity_lag(m, se);

		if (!m->v71) {
			replace = se->vlag > 0;
			if (replace)
				se->vlag = 0;
		}
		if (replace) {
			m->nr_queued--;
			if (m->curr != i)
				__dequeue_entity(m, se);
			place_entity(m, se, 0);
			if (m->curr != i)
				__enqueue_entity(m, se);
			m->nr_queued++;
		}
		se->sched_delayed = 0;
		if (m->curr != i)
			wakeup_preempt(m, i, 0);
	} else {
		enqueue_entity(m, i, fork);
		wakeup_preempt(m, i, fork);
	}
	if (m->need_resched)
		schedule(m);
}

static void tick(struct model *m)
{
	if (m->curr < 0)
		return;
	update_curr(m); /* entity_tick() */
}

int refev_run(const struct refev_task *tasks, uint32_t n, uint64_t end_ns,
	      int v71, struct refev_switch *out, uint32_t max,
	      uint32_t *nr_delayed)
{
	struct model m;
	uint64_t jiffies = 0;
	uint32_t i;

	if (n > REFEV_MAX_TASKS)
		return -1;
	memset(&m, 0, sizeof(m));
	m.n = n;
	m.v71 = v71;
	m.curr = -1;
	m.out = out;
	m.max = max;
	for (i = 0; i < n; i++) {
		int p = tasks[i].nice < -20 ? 0 :
			tasks[i].nice > 19  ? 39 :
					      tasks[i].nice + 20;
		uint64_t s = (uint64_t)tasks[i].slice_us * 1000;

		m.th[i].def = &tasks[i];
		m.th[i].wake_at = NEVER;
		m.se[i].weight = prio_weight[p];
		m.se[i].inv_weight = prio_wmult[p];
		if (s) { /* __setparam_fair() */
			m.se[i].custom_slice = 1;
			m.se[i].slice = s < NS_MS / 10	? NS_MS / 10 :
					s > NS_MS * 100 ? NS_MS * 100 :
							  s;
		}
	}
	for (i = 0; i < n; i++)
		wake(&m, (int)i, 1);
	for (;;) {
		uint64_t t_tick = (jiffies + 1) * TICK_NS, t = t_tick;
		uint64_t t_done = NEVER;
		int nat = 0, who = -1;

		if (m.curr >= 0 && m.th[m.curr].in_run)
			t_done = m.th[m.curr].seg_start + m.th[m.curr].run_left;
		if (t_done < t)
			t = t_done;
		for (i = 0; i < n; i++)
			if (m.th[i].wake_at < t)
				t = m.th[i].wake_at;
		if (t > end_ns)
			break;
		nat = (t == t_tick) + (t == t_done);
		for (i = 0; i < n; i++)
			if (m.th[i].wake_at == t) {
				nat++;
				who = (int)i;
			}
		if (nat > 1)
			return -1;
		m.now = t;
		if (t == t_tick) {
			jiffies++;
			tick(&m);
			if (m.need_resched)
				schedule(&m);
		} else if (t == t_done) {
			struct thread *th = &m.th[m.curr];

			th->in_run = 0;
			th->run_left = 0;
			if (next_event(th))
				program_step(&m, m.curr);
			else
				block(&m, m.curr, NEVER);
		} else {
			wake(&m, who, 0);
		}
	}
	if (nr_delayed)
		*nr_delayed = m.delayed;
	return (int)m.nout;
}
