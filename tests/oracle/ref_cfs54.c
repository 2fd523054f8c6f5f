/* SPDX-License-Identifier: MIT */
/* Literal one-CPU Linux 5.4 CFS model: see ref_cfs54.h. */
#include "ref_cfs54.h"

#include <string.h>

#define NS_MS 1000000ull
#define TICK_NS (4 * NS_MS)	   /* HZ 250 */
#define LATENCY_NS (6 * NS_MS)	   /* sysctl_sched_latency, 1 CPU */
#define MIN_GRAN_NS 750000ull	   /* sysctl_sched_min_granularity */
#define WAKEUP_GRAN_NS (1 * NS_MS) /* sysctl_sched_wakeup_granularity */
#define NR_LATENCY 8u		   /* sched_nr_latency */
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

struct load_weight {
	uint64_t weight;
	uint32_t inv_weight; /* 0 = to compute (__update_inv_weight()) */
};

struct entity {
	struct load_weight load;
	uint64_t vruntime, exec_start, sum_exec_runtime, prev_sum_exec_runtime;
	int on_rq, in_tree;
	uint64_t seq; /* rb-tree insertion order: equal keys go right */
};

struct thread {
	const struct ref54_task *def;
	uint32_t pc;
	int in_run;
	uint64_t run_left, seg_start;
	int timer_init;
	uint64_t t_next;
	uint64_t wake_at;
};

struct model {
	struct entity se[REF54_MAX_TASKS];
	struct thread th[REF54_MAX_TASKS];
	uint32_t n;
	/* the cfs_rq */
	struct load_weight load;
	uint32_t nr_running;
	int curr, next, last;
	uint64_t min_vruntime, seq;
	/* the rq */
	uint64_t now;
	int need_resched;
	struct ref54_switch *out;
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

static void update_inv_weight(struct load_weight *lw)
{
	if (lw->inv_weight)
		return;
	if (lw->weight >= 0xffffffffull)
		lw->inv_weight = 1;
	else if (!lw->weight)
		lw->inv_weight = 0xffffffffu;
	else
		lw->inv_weight = (uint32_t)(0xffffffffull / lw->weight);
}

static uint64_t calc_delta(uint64_t delta, uint64_t weight,
			   struct load_weight *lw)
{
	uint64_t fact = weight;
	int shift = 32;

	update_inv_weight(lw);
	while (fact >> 32) {
		fact >>= 1;
		shift--;
	}
	fact = (uint64_t)(uint32_t)fact * lw->inv_weight;
	while (fact >> 32) {
		fact >>= 1;
		shift--;
	}
	return mul_u64_u32_shr(delta, (uint32_t)fact, (unsigned)shift);
}

static uint64_t calc_delta_fair(uint64_t delta, struct entity *se)
{
	if (se->load.weight != 1024)
		delta = calc_delta(delta, 1024, &se->load);
	return delta;
}

static int entity_before(const struct entity *a, const struct entity *b)
{
	return (int64_t)(a->vruntime - b->vruntime) < 0;
}

static int pick_first(struct model *m)
{
	int best = -1;
	uint32_t i;

	for (i = 0; i < m->n; i++) {
		struct entity *e = &m->se[i];

		if (!e->in_tree)
			continue;
		if (best < 0 || entity_before(e, &m->se[best]) ||
		    (e->vruntime == m->se[best].vruntime &&
		     e->seq < m->se[best].seq))
			best = (int)i;
	}
	return best;
}

static void enqueue_tree(struct model *m, int i)
{
	m->se[i].in_tree = 1;
	m->se[i].seq = m->seq++;
}

static void update_min_vruntime(struct model *m)
{
	int left = pick_first(m);
	uint64_t v = m->min_vruntime;
	int curr = m->curr;

	if (curr >= 0) {
		if (m->se[curr].on_rq)
			v = m->se[curr].vruntime;
		else
			curr = -1;
	}
	if (left >= 0) {
		if (curr < 0)
			v = m->se[left].vruntime;
		else if ((int64_t)(m->se[left].vruntime - v) < 0)
			v = m->se[left].vruntime;
	}
	if ((int64_t)(v - m->min_vruntime) > 0)
		m->min_vruntime = v;
}

static void update_curr(struct model *m)
{
	struct entity *c;
	uint64_t d;

	if (m->curr < 0)
		return;
	c = &m->se[m->curr];
	d = m->now - c->exec_start;
	if ((int64_t)d <= 0)
		return;
	c->exec_start = m->now;
	c->sum_exec_runtime += d;
	c->vruntime += calc_delta_fair(d, c);
	update_min_vruntime(m);
}

static void clear_buddies(struct model *m, int i)
{
	if (m->last == i)
		m->last = -1;
	if (m->next == i)
		m->next = -1;
}

static int wakeup_preempt_entity(struct model *m, int curr, int se)
{
	int64_t vdiff = (int64_t)(m->se[curr].vruntime - m->se[se].vruntime);

	if (vdiff <= 0)
		return -1;
	if (vdiff > (int64_t)calc_delta_fair(WAKEUP_GRAN_NS, &m->se[se]))
		return 1;
	return 0;
}

static void enqueue_entity(struct model *m, int i, int fork)
{
	struct entity *se = &m->se[i];

	update_curr(m);
	m->load.weight += se->load.weight;
	m->load.inv_weight = 0;
	m->nr_running++;
	if (fork) {
		se->vruntime = m->min_vruntime; /* the simulator's convention */
	} else {
		/* place_entity(initial = 0), GENTLE_FAIR_SLEEPERS */
		uint64_t v = m->min_vruntime - (LATENCY_NS >> 1);

		if ((int64_t)(v - se->vruntime) > 0)
			se->vruntime = v;
	}
	enqueue_tree(m, i);
	se->on_rq = 1;
}

static void dequeue_entity_sleep(struct model *m, int i)
{
	struct entity *se = &m->se[i];

	update_curr(m);
	clear_buddies(m, i);
	if (i != m->curr)
		se->in_tree = 0;
	se->on_rq = 0;
	m->load.weight -= se->load.weight;
	m->load.inv_weight = 0;
	m->nr_running--;
	update_min_vruntime(m);
}

static void check_preempt_wakeup(struct model *m, int p)
{
	int se = m->curr;
	int scale = m->nr_running >= NR_LATENCY;

	if (se == p)
		return;
	if (m->need_resched)
		return;
	update_curr(m);
	if (wakeup_preempt_entity(m, se, p) == 1) {
		m->next = p; /* set_next_buddy() */
		m->need_resched = 1;
		if (m->se[se].on_rq && scale)
			m->last = se; /* set_last_buddy() */
	}
}

static int pick_next_entity(struct model *m, int curr)
{
	int left = pick_first(m), se;

	if (left < 0 ||
	    (curr >= 0 && entity_before(&m->se[curr], &m->se[left])))
		left = curr;
	se = left;
	if (m->last >= 0 && wakeup_preempt_entity(m, m->last, left) < 1)
		se = m->last;
	if (m->next >= 0 && wakeup_preempt_entity(m, m->next, left) < 1)
		se = m->next;
	clear_buddies(m, se);
	return se;
}

static void put_prev_entity(struct model *m, int prev)
{
	struct thread *t = &m->th[prev];

	if (t->in_run)
		t->run_left -= m->now - t->seg_start;
	if (m->se[prev].on_rq) {
		update_curr(m);
		enqueue_tree(m, prev);
	}
	m->curr = -1;
}

static void set_next_entity(struct model *m, int i)
{
	struct entity *se = &m->se[i];

	if (se->on_rq)
		se->in_tree = 0;
	m->curr = i;
	se->exec_start = m->now;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
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

/* __schedule() -> pick_next_task_fair() (the FAIR_GROUP_SCHED path with a
 * fair prev: curr stays in place while picking) */
static void schedule(struct model *m)
{
	int prev = m->curr, se;

	m->need_resched = 0;
	if (!m->nr_running) {
		if (prev >= 0) {
			put_prev_entity(m, prev);
			record(m, prev, -1);
		}
		return;
	}
	if (prev >= 0) {
		int c = prev;

		if (m->se[c].on_rq)
			update_curr(m);
		else
			c = -1;
		se = pick_next_entity(m, c);
		if (se == prev)
			return;
		put_prev_entity(m, prev);
	} else {
		se = pick_next_entity(m, -1);
	}
	set_next_entity(m, se);
	record(m, prev, se);
	if (!m->th[se].in_run)
		program_step(m, se);
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
	dequeue_entity_sleep(m, i);
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
		case REF54_RUN:
			if (!us)
				break;
			t->in_run = 1;
			t->run_left = (uint64_t)us * 1000;
			t->seg_start = m->now;
			return;
		case REF54_SLEEP:
			if (!us)
				break;
			block(m, i,
			      next_event(t) ? m->now + us * 1000ull : NEVER);
			return;
		case REF54_TIMER:
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

static void wake(struct model *m, int i, int fork)
{
	m->th[i].wake_at = NEVER;
	enqueue_entity(m, i, fork);
	if (m->curr < 0)
		m->need_resched = 1;
	else
		check_preempt_wakeup(m, i);
	if (m->need_resched)
		schedule(m);
}

static void tick(struct model *m)
{
	struct entity *c;
	uint64_t ideal, delta_exec, period;
	int64_t delta;
	int se;

	if (m->curr < 0)
		return;
	update_curr(m); /* entity_tick() */
	if (m->nr_running <= 1)
		return;
	/* check_preempt_tick(): sched_slice() of curr (on the rq) */
	c = &m->se[m->curr];
	period = m->nr_running > NR_LATENCY ? m->nr_running * MIN_GRAN_NS :
					      LATENCY_NS;
	ideal = calc_delta(period, c->load.weight, &m->load);
	delta_exec = c->sum_exec_runtime - c->prev_sum_exec_runtime;
	if (delta_exec > ideal) {
		m->need_resched = 1;
		clear_buddies(m, m->curr);
		return;
	}
	if (delta_exec < MIN_GRAN_NS)
		return;
	se = pick_first(m);
	delta = (int64_t)(c->vruntime - m->se[se].vruntime);
	if (delta < 0)
		return;
	if ((uint64_t)delta > ideal)
		m->need_resched = 1;
}

int ref54_run(const struct ref54_task *tasks, uint32_t n, uint64_t end_ns,
	      struct ref54_switch *out, uint32_t max)
{
	struct model m;
	uint64_t jiffies = 0;
	uint32_t i;

	if (n > REF54_MAX_TASKS)
		return -1;
	memset(&m, 0, sizeof(m));
	m.n = n;
	m.curr = m.next = m.last = -1;
	m.out = out;
	m.max = max;
	for (i = 0; i < n; i++) {
		int p = tasks[i].nice < -20 ? 0 :
			tasks[i].nice > 19  ? 39 :
					      tasks[i].nice + 20;

		m.th[i].def = &tasks[i];
		m.th[i].wake_at = NEVER;
		m.se[i].load.weight = prio_weight[p];
		m.se[i].load.inv_weight = prio_wmult[p];
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
	return (int)m.nout;
}
