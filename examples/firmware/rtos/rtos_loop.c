/* SPDX-License-Identifier: MIT */
/*
 * The RTOS scheduler loop (rtos_loop.h, docs/rtos.md "what an RTOS calls,
 * and when"). The RTOS keeps, per CPU, the PELT clock and the cfs / rt
 * averages, util_est's rq sum, the queue and the misfit load; per task its
 * PELT average and util_est; per perf domain the governor's state (rate
 * limit, cached raw frequency). For each decision it fills the library's
 * snapshot structs (struct eas_rq[], struct eas_task) at one instant, after
 * bringing every CPU's signals to that instant.
 *
 * Simplifications of this toy RTOS (not of the library): events happen on
 * tick boundaries (a task that finishes its work within a tick sleeps at
 * the next tick), one run queue per CPU served round robin with a 4-tick
 * slice, no RT tasks.
 */
#include "rtos_loop.h"

#include "../platform_hikey960.h"

#include <libeas/balance.h>
#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/kernel.h>
#include <libeas/place.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NR_CPUS HIKEY960_NR_CPUS
#define NR_PDS HIKEY960_NR_PDS
#define NR_TASKS 7u
#define TICK_NS 1000000ull	 /* HZ 1000 */
#define RUN_TICKS 300u		 /* 300 ms per flavour */
#define SLICE_TICKS 4u		 /* round robin */
#define RATE_LIMIT_NS 4000000ull /* schedutil rate limit, kept here */
#define BALANCE_TICKS 8u	 /* periodic balance */
#define NICE_0 1024u
#define NONE 0xffffffffu
#define FOREVER 0xffffffffu

/* ---- output ----------------------------------------------------------- */

struct line {
	char buf[200];
	uint32_t len;
};

static void put_str(struct line *l, const char *s)
{
	while (*s && l->len + 1u < sizeof(l->buf))
		l->buf[l->len++] = *s++;
	l->buf[l->len] = '\0';
}

static void put_u64(struct line *l, uint64_t v)
{
	char tmp[24];
	uint32_t n = 0;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v);
	while (n && l->len + 1u < sizeof(l->buf))
		l->buf[l->len++] = tmp[--n];
	l->buf[l->len] = '\0';
}

static void put_ku(struct line *l, const char *k, uint64_t v)
{
	put_str(l, " ");
	put_str(l, k);
	put_str(l, "=");
	put_u64(l, v);
}

static void put_ki(struct line *l, const char *k, int64_t v)
{
	put_str(l, " ");
	put_str(l, k);
	put_str(l, v < 0 ? "=-" : "=");
	put_u64(l, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

static void put_ks(struct line *l, const char *k, const char *v)
{
	put_str(l, " ");
	put_str(l, k);
	put_str(l, "=");
	put_str(l, v ? v : "?");
}

/* ---- the RTOS's state (static) ---------------------------------------- */

enum { T_SLEEP = 0, T_QUEUED = 1, T_RUNNING = 2 };

struct task_def {
	uint32_t period_ms; /* 0: never sleeps */
	uint32_t run_us;    /* work per period at capacity 1024, max freq */
	uint32_t first_ms;  /* first wake-up */
};

/* t0 is CPU-bound and starts on CPU 0 (a little CPU): it becomes misfit
 * and is moved by an active balance. */
static const struct task_def defs[NR_TASKS] = {
	{ 0, 0, 0 },   { 10, 1000, 1 }, { 16, 3000, 2 }, { 20, 2000, 3 },
	{ 8, 500, 4 }, { 30, 9000, 5 }, { 12, 4000, 6 },
};

struct task {
	struct eas_pelt avg;	/* p->se.avg */
	struct eas_util_est ue; /* p->se.avg.util_est */
	uint64_t work_left;	/* ns at capacity 1024 / max freq, << 20 */
	uint64_t next_wake_ns;
	uint64_t exec_start;
	uint64_t wakee_flip_decay_ts;
	uint32_t wakee_flips;
	int32_t recent_used_cpu;
	uint32_t cpu;
	uint32_t state;
	uint32_t slice;
};

struct cpu {
	struct eas_pelt_clock pc; /* clock_pelt, lost_idle_time */
	struct eas_pelt cfs, rt;  /* rq->cfs.avg, rq->avg_rt */
	uint64_t util_est;	  /* rq->cfs.avg.util_est */
	uint64_t clock;		  /* rq_clock_task */
	uint64_t misfit_task_load;
	uint64_t idle_stamp;
	uint32_t curr; /* task index, NONE = idle */
	uint32_t queue[NR_TASKS];
	uint32_t nr_queued; /* waiting, curr not included */
	uint32_t nr_balance_failed;
};

struct pd_state {
	uint32_t state;	     /* perf state index */
	uint64_t cached_raw; /* sg_policy->cached_raw_freq */
	uint64_t last_update;
	bool updated;
};

static _Alignas(8) unsigned char platform_mem[HIKEY960_PLATFORM_SIZE];
static struct eas_platform pf;
static struct task tasks[NR_TASKS];
static struct cpu cpus[NR_CPUS];
static struct pd_state pds[NR_PDS];
static struct eas_waker wakers[NR_CPUS];
/* the snapshot handed to the library for one decision */
static struct eas_rq rqs[NR_CPUS];
static struct eas_task snap_task;
static struct eas_lb_task lb_tasks[NR_TASKS];
static uint32_t lb_index[NR_TASKS];
static struct eas_sg_stats groups[EAS_LB_MAX_GROUPS(NR_CPUS)];
static struct eas_can_migrate can_mig[NR_TASKS];
static struct eas_place_candidate cands[EAS_PLACE_MAX_CANDIDATES(NR_PDS)];

struct run {
	enum eas_kernel k;
	uint32_t features;
	uint64_t now;
	bool rd_overutilized;
	uint64_t decisions;
	rtos_out_fn out;
};

static const char *kname(enum eas_kernel k)
{
	return k == EAS_KERNEL_V5_4 ? "v5.4" : "v6.19";
}

static void line_start(const struct run *r, struct line *l, const char *what)
{
	l->len = 0;
	l->buf[0] = '\0';
	put_str(l, kname(r->k));
	put_ku(l, "t", r->now / TICK_NS);
	put_str(l, " ");
	put_str(l, what);
}

static void line_end(const struct run *r, struct line *l)
{
	put_str(l, "\n");
	r->out(l->buf);
}

/* ---- signals ----------------------------------------------------------- */

static uint64_t freq_scale(uint32_t c)
{
	const struct eas_perf_domain *pd = &pf.pds[pf.cpus[c].pd];

	return eas_freq_scale(pd->table[pds[pf.cpus[c].pd].state].frequency,
			      pd->max_freq_khz);
}

/* Bring cpu c's clocks and rq signals to r->now (update_rq_clock() +
 * update_rq_clock_pelt() + the rq parts of update_load_avg() /
 * update_rt_rq_load_avg()); the running task's work advances. */
static void update_cpu(const struct run *r, uint32_t c)
{
	struct cpu *cp = &cpus[c];
	uint64_t delta = r->now - cp->clock;
	uint64_t now;
	uint32_t nr = cp->nr_queued + (cp->curr != NONE);

	if (delta) {
		uint64_t fs = freq_scale(c);

		eas_pelt_clock_update(&cp->pc, delta, r->now, cp->curr == NONE,
				      pf.cpus[c].capacity, fs);
		if (cp->curr != NONE && defs[cp->curr].period_ms) {
			struct task *t = &tasks[cp->curr];
			uint64_t done = delta * pf.cpus[c].capacity * fs;

			t->work_left -=
				done < t->work_left ? done : t->work_left;
		}
		cp->clock = r->now;
	}
	now = eas_pelt_clock_now(&cp->pc);
	/* __update_load_avg_cfs_rq(): load = queued weight, runnable = v5.4
	 * runnable weight / v6.19 h_nr_runnable, running = curr != NULL */
	eas_pelt_update_cfs_rq(r->k, &cp->cfs, now, (uint64_t)nr * NICE_0,
			       r->k == EAS_KERNEL_V5_4 ? (uint64_t)nr * NICE_0 :
							 nr,
			       cp->curr != NONE);
	eas_pelt_update_rt_rq(r->k, &cp->rt, now, false);
}

/* update_load_avg(cfs_rq, se) of task i on its CPU (the CPU updated to
 * now first): __update_load_avg_se() + cfs_se_util_change(). */
static void task_pelt(const struct run *r, uint32_t i)
{
	struct task *t = &tasks[i];
	const struct cpu *cp = &cpus[t->cpu];

	if (eas_pelt_update_se(r->k, &t->avg, eas_pelt_clock_now(&cp->pc),
			       t->state != T_SLEEP, t->state == T_RUNNING,
			       NICE_0))
		eas_util_est_pelt_changed(r->k, r->features, &t->ue);
}

/* The snapshot of every CPU at r->now. */
static void fill_rqs(const struct run *r)
{
	uint32_t c;

	for (c = 0; c < NR_CPUS; c++) {
		const struct cpu *cp = &cpus[c];
		struct eas_rq *rq = &rqs[c];
		uint32_t nr = cp->nr_queued + (cp->curr != NONE);

		eas_rq_init(rq);
		rq->util_avg = cp->cfs.util_avg;
		rq->util_est = cp->util_est;
		rq->runnable_avg = cp->cfs.runnable_avg;
		rq->runnable_load_avg = cp->cfs.runnable_avg;
		rq->load_avg = cp->cfs.load_avg;
		rq->rt_util_avg = cp->rt.util_avg;
		rq->nr_running = nr;
		rq->h_nr_running = nr;
		rq->idle = nr == 0;
		rq->curr_is_cfs = cp->curr != NONE;
		rq->misfit_task_load = cp->misfit_task_load;
		rq->avg_idle = 2u * EAS_MIGRATION_COST_DEFAULT_NS;
		rq->idle_stamp = cp->idle_stamp;
		rq->clock_task = r->now;
	}
}

static void fill_sys(const struct run *r, struct eas_system *sys)
{
	*sys = (struct eas_system){ 0 };
	sys->pf = &pf;
	sys->rq = rqs;
	sys->features = r->features;
	sys->rd_overutilized =
		r->rd_overutilized ? EAS_RD_OU_SET : EAS_RD_OU_CLEAR;
	sys->jiffies = r->now / TICK_NS;
	sys->hz = 1000;
}

static void fill_task(enum eas_kernel k, uint32_t i, struct eas_task *p)
{
	const struct task *t = &tasks[i];

	eas_task_init(p);
	p->util_avg = t->avg.util_avg;
	p->runnable_avg = t->avg.runnable_avg;
	eas_util_est_to_task(k, &t->ue, p);
	p->h_load = t->avg.load_avg;
	p->exec_start = t->exec_start;
	p->prev_cpu = (int32_t)t->cpu;
	p->recent_used_cpu = t->recent_used_cpu;
	p->wakee_flips = t->wakee_flips;
	p->wakee_flip_decay_ts = t->wakee_flip_decay_ts;
	p->id = i;
	p->queued = t->state != T_SLEEP;
	p->is_current = t->state == T_RUNNING;
}

static void set_overutilized(struct run *r, bool ou)
{
	struct line l;

	if (ou == r->rd_overutilized)
		return;
	r->rd_overutilized = ou;
	line_start(r, &l, "overutilized");
	put_ku(&l, "set", ou);
	line_end(r, &l);
}

/* update_misfit_status(curr, rq) at pick and tick */
static void update_misfit(struct run *r, uint32_t c)
{
	struct eas_system sys;
	uint64_t load = 0;

	if (cpus[c].curr != NONE) {
		fill_rqs(r);
		fill_sys(r, &sys);
		fill_task(r->k, cpus[c].curr, &snap_task);
		load = eas_update_misfit_status(&sys, &snap_task, c);
	}
	/* printed when the CPU gains or loses its misfit task (v5.4's load,
	 * task_h_load(), moves at every update) */
	if ((load != 0) != (cpus[c].misfit_task_load != 0)) {
		struct line l;

		cpus[c].misfit_task_load = load;
		line_start(r, &l, "misfit");
		put_ku(&l, "cpu", c);
		put_ku(&l, "load", load);
		line_end(r, &l);
	}
	cpus[c].misfit_task_load = load;
}

/* check_update_overutilized_status() at enqueue / tick */
static void overutilized_event(struct run *r, uint32_t c, enum eas_ou_event ev)
{
	struct eas_system sys;

	fill_rqs(r);
	fill_sys(r, &sys);
	set_overutilized(
		r, eas_overutilized_update(&sys, c, ev, r->rd_overutilized));
}

/* ---- run queues ------------------------------------------------------- */

static void pick_next(struct run *r, uint32_t c)
{
	struct cpu *cp = &cpus[c];
	uint32_t i;

	if (!cp->nr_queued) {
		cp->curr = NONE;
		/* update_idle_rq_clock_pelt() */
		eas_pelt_clock_idle(&cp->pc, r->now,
				    (uint64_t)cp->cfs.util_sum +
					    cp->rt.util_sum);
		cp->idle_stamp = r->now;
		update_misfit(r, c);
		return;
	}
	cp->curr = cp->queue[0];
	for (i = 1; i < cp->nr_queued; i++)
		cp->queue[i - 1] = cp->queue[i];
	cp->nr_queued--;
	tasks[cp->curr].state = T_RUNNING;
	tasks[cp->curr].slice = 0;
	tasks[cp->curr].exec_start = r->now;
	task_pelt(r, cp->curr);
	update_misfit(r, c);
}

/* enqueue_task_fair() of a woken or migrated task on cpu c (signals at
 * r->now): PELT (attach when it comes from another CPU), util_est_enqueue,
 * the overutilized check; idle CPU: it runs it. */
static void enqueue(struct run *r, uint32_t i, uint32_t c, bool migrated)
{
	struct task *t = &tasks[i];
	struct cpu *cp = &cpus[c];

	update_cpu(r, c);
	if (migrated) {
		t->cpu = c;
		eas_pelt_attach_se(r->k, &cp->cfs, &t->avg, NICE_0);
	} else {
		task_pelt(r, i); /* decays the sleep (on_rq still 0) */
	}
	eas_util_est_enqueue(r->k, r->features, &cp->util_est, &t->ue);
	t->state = T_QUEUED;
	cp->queue[cp->nr_queued++] = i;
	overutilized_event(r, c, EAS_OU_ENQUEUE);
	if (cp->curr == NONE)
		pick_next(r, c);
}

/* Take task i off its CPU for a migration (migrate_task_rq_fair():
 * remove_entity_load_avg(); util_est_dequeue() without the sleep
 * update). */
static void detach(struct run *r, uint32_t i)
{
	struct task *t = &tasks[i];
	struct cpu *cp = &cpus[t->cpu];
	uint32_t j, n = 0;

	update_cpu(r, t->cpu);
	task_pelt(r, i);
	eas_util_est_dequeue(r->k, r->features, &cp->util_est, &t->ue);
	eas_pelt_remove_se(r->k, &cp->cfs, &t->avg, NICE_0);
	for (j = 0; j < cp->nr_queued; j++)
		if (cp->queue[j] != i)
			cp->queue[n++] = cp->queue[j];
	cp->nr_queued = n;
	if (cp->curr == i) {
		t->state = T_QUEUED;
		pick_next(r, t->cpu);
	}
}

/* dequeue_task_fair(DEQUEUE_SLEEP) of the running task of cpu c. */
static void sleep_curr(struct run *r, uint32_t c)
{
	struct cpu *cp = &cpus[c];
	uint32_t i = cp->curr;
	struct task *t = &tasks[i];

	if (r->k == EAS_KERNEL_V5_4) {
		/* v5.4: dequeue_entity() updates PELT, then
		 * util_est_dequeue() with the task part */
		task_pelt(r, i);
		eas_util_est_dequeue(r->k, r->features, &cp->util_est, &t->ue);
		eas_util_est_update(r->k, r->features, &t->ue, t->avg.util_avg,
				    t->avg.runnable_avg, pf.cpus[c].capacity,
				    true);
	} else {
		/* v6.19: util_est_dequeue(), util_est_update(), then
		 * dequeue_entities() updates PELT */
		eas_util_est_dequeue(r->k, r->features, &cp->util_est, &t->ue);
		eas_util_est_update(r->k, r->features, &t->ue, t->avg.util_avg,
				    t->avg.runnable_avg, pf.cpus[c].capacity,
				    true);
		task_pelt(r, i);
	}
	t->state = T_SLEEP;
	t->next_wake_ns += (uint64_t)defs[i].period_ms * TICK_NS;
	pick_next(r, c);
	update_cpu(r, c); /* the rq signal sees the new state at once */
}

/* ---- wake-up: placement ------------------------------------------------ */

static void wake(struct run *r, uint32_t i)
{
	struct task *t = &tasks[i];
	struct eas_system sys;
	struct eas_place_result res = { 0 };
	struct line l;
	uint32_t prev = t->cpu, c;
	int cpu;

	/* the snapshot: every CPU brought to now */
	for (c = 0; c < NR_CPUS; c++)
		update_cpu(r, c);
	task_pelt(r, i); /* sync_entity_load_avg() */
	fill_rqs(r);
	fill_sys(r, &sys);
	fill_task(r->k, i, &snap_task);
	wakers[prev].cpu = (int32_t)prev;
	res.feec.candidates = cands;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(NR_PDS);
	cpu = eas_select_task_rq_fair(&sys, &snap_task, &wakers[prev],
				      EAS_WF_TTWU, &res);
	r->decisions++;
	line_start(r, &l, "wake");
	put_ku(&l, "task", i);
	put_ku(&l, "prev", prev);
	put_ki(&l, "cpu", cpu);
	put_ks(&l, "path", cpu >= 0 ? eas_place_path_name(res.path) : NULL);
	put_ku(&l, "util", snap_task.util_avg);
	put_ku(&l, "est", eas_util_est_task(r->k, &t->ue));
	line_end(r, &l);
	if (cpu < 0)
		cpu = (int32_t)prev;
	t->recent_used_cpu = snap_task.recent_used_cpu;
	t->wakee_flips = snap_task.wakee_flips;
	t->wakee_flip_decay_ts = snap_task.wakee_flip_decay_ts;
	t->work_left = ((uint64_t)defs[i].run_us * 1000u) << 20;
	if ((uint32_t)cpu != prev) {
		/* migrate_task_rq_fair(): remove from prev */
		eas_pelt_remove_se(r->k, &cpus[prev].cfs, &t->avg, NICE_0);
		enqueue(r, i, (uint32_t)cpu, true);
	} else {
		enqueue(r, i, prev, false);
	}
}

/* ---- frequency: schedutil's choice, the RTOS's governor state ---------- */

static void frequency(struct run *r, uint32_t pdi)
{
	const struct eas_perf_domain *pd = &pf.pds[pdi];
	struct pd_state *ps = &pds[pdi];
	struct eas_system sys;
	uint64_t util, max, raw;
	uint32_t st, i;
	struct line l;

	/* sugov_should_update_freq(): the rate limit */
	if (ps->updated && r->now - ps->last_update < RATE_LIMIT_NS)
		return;
	fill_rqs(r);
	fill_sys(r, &sys);
	util = eas_sugov_pd_util(&sys, pdi, &max);
	raw = eas_sugov_next_freq(r->k, util, max, pd->max_freq_khz);
	r->decisions++;
	/* get_next_freq(): the same raw frequency keeps the last choice */
	if (ps->updated && raw == ps->cached_raw)
		return;
	ps->cached_raw = raw;
	st = eas_sugov_resolve_freq(r->k, pd, raw, pd->max_freq_khz);
	if (ps->updated && st == ps->state)
		return;
	/* the CPUs of the domain integrate the old frequency up to now */
	for (i = 0; i < pd->nr_cpus; i++)
		update_cpu(r, pd->cpus[i]);
	ps->updated = true;
	ps->last_update = r->now;
	ps->state = st;
	line_start(r, &l, "freq");
	put_ku(&l, "pd", pdi);
	put_ku(&l, "util", util);
	put_ku(&l, "raw", raw);
	put_ku(&l, "khz", pd->table[st].frequency);
	line_end(r, &l);
}

/* ---- periodic: load balance and the FIFO-1 active balance -------------- */

/* rq->cfs_tasks of src: curr first (most recently picked), then the
 * queue from its tail (the least recently run last). */
static uint32_t build_lb_tasks(enum eas_kernel k, uint32_t src)
{
	const struct cpu *cp = &cpus[src];
	uint32_t n = 0, j;

	if (cp->curr != NONE)
		lb_index[n++] = cp->curr;
	for (j = cp->nr_queued; j-- > 0;)
		lb_index[n++] = cp->queue[j];
	for (j = 0; j < n; j++) {
		lb_tasks[j] = (struct eas_lb_task){ 0 };
		fill_task(k, lb_index[j], &lb_tasks[j].task);
	}
	return n;
}

static void migrate(struct run *r, uint32_t i, uint32_t dst, const char *how)
{
	struct line l;

	line_start(r, &l, "migrate");
	put_ku(&l, "task", i);
	put_ku(&l, "src", tasks[i].cpu);
	put_ku(&l, "dst", dst);
	put_ks(&l, "by", how);
	line_end(r, &l);
	detach(r, i);
	enqueue(r, i, dst, true);
}

static void balance(struct run *r, uint32_t dst)
{
	uint32_t level = pf.nr_levels - 1u, src = NONE, c, best = 0;
	uint64_t best_misfit = 0;
	struct eas_system sys;
	struct eas_lb_env env;
	struct eas_lb_result res = { 0 };
	struct eas_mech_decision d;
	struct eas_busiest_state st;
	struct eas_mech_result mr;
	struct line l;
	uint32_t j;

	/* the busiest candidate: a misfit load first, then most tasks */
	for (c = 0; c < NR_CPUS; c++) {
		uint32_t nr = cpus[c].nr_queued + (cpus[c].curr != NONE);

		if (c == dst || !nr)
			continue;
		if (cpus[c].misfit_task_load > best_misfit ||
		    (!best_misfit && nr > best && nr >= 2)) {
			best_misfit = cpus[c].misfit_task_load;
			best = nr;
			src = c;
		}
	}
	if (src == NONE)
		return;
	for (c = 0; c < NR_CPUS; c++)
		update_cpu(r, c);
	fill_rqs(r);
	fill_sys(r, &sys);
	eas_lb_env_init(&env, src, dst);
	env.idle = cpus[dst].curr == NONE ? EAS_LB_IDLE : EAS_LB_NOT_IDLE;
	env.level = (int32_t)level;
	env.nr_balance_failed = cpus[dst].nr_balance_failed;
	env.nr_src_tasks = build_lb_tasks(r->k, src);
	env.src_tasks = lb_tasks;
	env.src_curr_is_cfs = cpus[src].curr != NONE;
	env.src_curr_id = cpus[src].curr;
	if (!eas_should_we_balance(&sys, &env))
		return;
	if (eas_load_balance(&sys, &env, groups, EAS_LB_MAX_GROUPS(NR_CPUS),
			     can_mig, &res) < 0)
		return;
	r->decisions++;
	set_overutilized(r, res.overutilized);
	if (res.nr_balance_failed_after_known)
		cpus[dst].nr_balance_failed = res.nr_balance_failed_after;
	if (res.balanced != EAS_LB_BALANCED_NOT || res.busiest_cpu < 0 ||
	    (uint32_t)res.busiest_cpu != src)
		return;
	line_start(r, &l, "balance");
	put_ku(&l, "dst", dst);
	put_ku(&l, "src", src);
	put_ku(&l, "imbalance", res.imbalance);
	put_ku(&l, "detached", res.nr_detached);
	put_ku(&l, "nab", res.need_active_balance);
	put_ku(&l, "kick", res.kick);
	line_end(r, &l);
	if (res.nr_detached) {
		for (j = 0; j < env.nr_src_tasks; j++)
			if (can_mig[j].detached)
				migrate(r, lb_index[j], dst, "detach_tasks");
		return;
	}
	if (!res.reached || !res.need_active_balance || !res.kick)
		return;
	/* the active balance, carried out by the SCHED_FIFO-1 thread of
	 * src: decided now; it runs as soon as no RT task is runnable on
	 * src (none in this RTOS), so it executes at once */
	eas_mech_decide(&sys, &env, &res, EAS_MECH_FIFO1_THREAD, &d);
	eas_busiest_state_init(&st, &env);
	eas_mech_execute(&sys, &env, &d, &st, &mr);
	line_start(r, &l, "fifo1");
	put_ku(&l, "src", src);
	put_ku(&l, "dst", dst);
	put_ks(&l, "when", eas_mech_when_name(d.when));
	put_ku(&l, "ran", mr.ran);
	put_ku(&l, "moved", mr.moved);
	put_ks(&l, "reason", eas_mech_reason_name(mr.reason));
	line_end(r, &l);
	if (mr.reset_nr_balance_failed)
		cpus[dst].nr_balance_failed = 0;
	if (mr.moved && mr.task_index >= 0 &&
	    (uint32_t)mr.task_index < env.nr_src_tasks)
		migrate(r, lb_index[mr.task_index], dst, "fifo1_thread");
}

/* ---- the loop ---------------------------------------------------------- */

static void tick(struct run *r)
{
	uint32_t c, i;

	/* tick -> signals */
	for (c = 0; c < NR_CPUS; c++)
		update_cpu(r, c);
	for (c = 0; c < NR_CPUS; c++) {
		struct cpu *cp = &cpus[c];
		struct task *t;

		if (cp->curr == NONE)
			continue;
		t = &tasks[cp->curr];
		task_pelt(r, cp->curr); /* entity_tick(): update_load_avg */
		if (defs[cp->curr].period_ms && !t->work_left) {
			sleep_curr(r, c);
			continue;
		}
		/* task_tick_fair(): update_misfit_status(), then
		 * check_update_overutilized_status() */
		update_misfit(r, c);
		overutilized_event(r, c, EAS_OU_TICK);
		if (++t->slice >= SLICE_TICKS && cp->nr_queued) {
			t->state = T_QUEUED;
			cp->queue[cp->nr_queued++] = cp->curr;
			pick_next(r, c);
		}
	}
	/* wake-ups -> placement */
	for (i = 0; i < NR_TASKS; i++)
		if (tasks[i].state == T_SLEEP && defs[i].period_ms &&
		    tasks[i].next_wake_ns <= r->now)
			wake(r, i);
	/* periodic -> overutilized / misfit -> load balance */
	if ((r->now / TICK_NS) % BALANCE_TICKS == 0)
		for (c = 0; c < NR_CPUS; c++)
			balance(r, c);
	/* signals -> frequency request */
	for (c = 0; c < NR_PDS; c++)
		frequency(r, c);
}

static int run_flavour(rtos_out_fn out, enum eas_kernel k, uint64_t *dec)
{
	struct run r = { 0 };
	struct line l;
	uint32_t i, c, n;
	int err;

	err = eas_platform_build(&pf, platform_mem, sizeof(platform_mem),
				 &hikey960_desc, k, 0, NULL);
	if (err)
		return err;
	r.k = k;
	r.features = eas_features_default(k);
	r.out = out;
	for (c = 0; c < NR_CPUS; c++) {
		cpus[c] = (struct cpu){ 0 };
		cpus[c].curr = NONE;
		eas_waker_init(&wakers[c]);
		wakers[c].id = 1000u + c; /* the timer's context on c */
	}
	for (c = 0; c < NR_PDS; c++) {
		/* boot at the highest OPP (policy->cur = max) */
		pds[c] = (struct pd_state){ 0 };
		pds[c].state = pf.pds[c].nr_perf_states - 1u;
	}
	for (i = 0; i < NR_TASKS; i++) {
		tasks[i] = (struct task){ 0 };
		tasks[i].recent_used_cpu = -1;
		tasks[i].next_wake_ns = (uint64_t)defs[i].first_ms * TICK_NS;
		tasks[i].cpu = i % NR_CPUS;
	}
	/* t0 runs from boot on CPU 0 */
	tasks[0].state = T_QUEUED;
	cpus[0].queue[cpus[0].nr_queued++] = 0;
	pick_next(&r, 0);

	for (n = 1; n <= RUN_TICKS; n++) {
		r.now = (uint64_t)n * TICK_NS;
		tick(&r);
	}
	for (c = 0; c < NR_CPUS; c++)
		update_cpu(&r, c);
	for (i = 0; i < NR_TASKS; i++) {
		task_pelt(&r, i);
		line_start(&r, &l, "end");
		put_ku(&l, "task", i);
		put_ku(&l, "cpu", tasks[i].cpu);
		put_ku(&l, "util", tasks[i].avg.util_avg);
		put_ku(&l, "est", eas_util_est_task(k, &tasks[i].ue));
		line_end(&r, &l);
	}
	for (c = 0; c < NR_CPUS; c++) {
		line_start(&r, &l, "end");
		put_ku(&l, "cpu", c);
		put_ku(&l, "util", cpus[c].cfs.util_avg);
		put_ku(&l, "util_est", cpus[c].util_est);
		put_ku(&l, "clock_pelt", cpus[c].pc.clock_pelt);
		put_ku(&l, "lost_idle", cpus[c].pc.lost_idle_time);
		line_end(&r, &l);
	}
	*dec += r.decisions;
	return 0;
}

int rtos_run(rtos_out_fn out)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V6_19,
					      EAS_KERNEL_V5_4 };
	uint64_t dec = 0;
	struct line l = { .len = 0 };
	uint32_t i;

	for (i = 0; i < 2u; i++) {
		int err = run_flavour(out, ks[i], &dec);

		if (err) {
			put_str(&l, kname(ks[i]));
			put_ki(&l, "error", err);
			put_str(&l, "\n");
			out(l.buf);
			return err;
		}
	}
	put_str(&l, "done");
	put_ku(&l, "decisions", dec);
	put_str(&l, "\n");
	out(l.buf);
	return 0;
}
