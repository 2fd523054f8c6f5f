/* SPDX-License-Identifier: MIT */
/*
 * The firmware batch (see fw_batch.h). Freestanding: no stdio, no
 * heap; all storage static. Text is formatted by the small helpers
 * below so the host and the target print exactly the same bytes.
 */
#include "fw_batch.h"

#include "fw_landscape.h"
#include "platform_hikey960.h"
#include "platform_sym8.h"

#include <libeas/em.h>
#include <libeas/error.h>
#include <libeas/place.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#include <stdbool.h>
#include <stddef.h>

/* ---- output ----------------------------------------------------------- */

struct fw_line {
	char buf[256];
	size_t len;
};

static void put_str(struct fw_line *l, const char *s)
{
	while (*s && l->len + 1 < sizeof(l->buf))
		l->buf[l->len++] = *s++;
	l->buf[l->len] = '\0';
}

static void put_u64(struct fw_line *l, uint64_t v)
{
	char tmp[24];
	size_t n = 0;

	do {
		tmp[n++] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v);
	while (n && l->len + 1 < sizeof(l->buf))
		l->buf[l->len++] = tmp[--n];
	l->buf[l->len] = '\0';
}

static void put_i64(struct fw_line *l, int64_t v)
{
	if (v < 0) {
		put_str(l, "-");
		put_u64(l, (uint64_t)0 - (uint64_t)v);
	} else {
		put_u64(l, (uint64_t)v);
	}
}

static void put_kv(struct fw_line *l, const char *k, int64_t v)
{
	put_str(l, " ");
	put_str(l, k);
	put_str(l, "=");
	put_i64(l, v);
}

static void put_ku(struct fw_line *l, const char *k, uint64_t v)
{
	put_str(l, " ");
	put_str(l, k);
	put_str(l, "=");
	if (v == UINT64_MAX)
		put_str(l, "max");
	else
		put_u64(l, v);
}

/* ---- state (static: the firmware has no heap) ------------------------- */

/* Both tables (hikey960, sym8) have 8 CPUs and 2 perf domains. */
#define FW_NR_CPUS 8u
#define FW_NR_PDS 2u
#define FW_MAX(a, b) ((a) > (b) ? (a) : (b))
_Static_assert(HIKEY960_NR_CPUS == FW_NR_CPUS && SYM8_NR_CPUS == FW_NR_CPUS,
	       "8-CPU tables");
_Static_assert(HIKEY960_NR_PDS == FW_NR_PDS && SYM8_NR_PDS == FW_NR_PDS,
	       "2-PD tables");

static _Alignas(8) unsigned char platform_mem[FW_MAX(HIKEY960_PLATFORM_SIZE,
						     SYM8_PLATFORM_SIZE)];
static struct eas_platform platform;
static struct eas_rq rqs[FW_NR_CPUS];
static struct eas_place_candidate cands[EAS_PLACE_MAX_CANDIDATES(FW_NR_PDS)];

static const enum eas_kernel flavours[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

static const char *flavour_name(enum eas_kernel k)
{
	return k == EAS_KERNEL_V5_4 ? "v5.4" : "v6.19";
}

/* The core's scratch (struct eas_system.scratch, docs/rtos.md): one
 * static buffer, the firmware makes one decision at a time. The host build
 * of this batch (fw_batch_host, FW_NO_SCRATCH) leaves it NULL, so the
 * m4_qemu / rv32_qemu comparison also checks that both give the same
 * decisions. */
#ifndef FW_NO_SCRATCH
static _Alignas(8) unsigned char scratch[EAS_SCRATCH_SIZE];
#endif

static void init_sys(struct eas_system *sys, enum eas_kernel k)
{
	*sys = (struct eas_system){ 0 };
#ifndef FW_NO_SCRATCH
	sys->scratch = scratch;
#endif
	sys->pf = &platform;
	sys->rq = rqs;
	sys->features = eas_features_default(k);
	sys->rd_overutilized = EAS_RD_OU_UNKNOWN;
	sys->jiffies = 100000;
}

/* One decision, one line: select_task_rq_fair() with its explanation
 * and the energy of every perf domain at the rq utilisations. Returns
 * the CPU, or the (negative) error. */
static int decide(fw_out_fn out, enum eas_kernel k, const char *what,
		  uint32_t idx, const struct eas_system *sys,
		  struct eas_task *p, struct eas_waker *w, uint32_t flags)
{
	struct eas_place_result res = { 0 };
	struct fw_line l = { .len = 0 };
	uint32_t i;
	int cpu;

	res.feec.candidates = cands;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(FW_NR_PDS);
	cpu = eas_select_task_rq_fair(sys, p, w, flags, &res);

	put_str(&l, flavour_name(k));
	put_str(&l, " ");
	put_str(&l, what);
	put_str(&l, " ");
	put_u64(&l, idx);
	put_kv(&l, "flags", flags);
	put_kv(&l, "cpu", cpu);
	if (cpu < 0) {
		put_str(&l, "\n");
		out(l.buf);
		return cpu;
	}
	/* (the CPU is returned at the end) */
	put_str(&l, " path=");
	put_str(&l, eas_place_path_name(res.path));
	put_kv(&l, "ou", res.overutilized);
	put_kv(&l, "affine", res.affine_cpu);
	put_kv(&l, "sis", res.sis_target);
	if (res.eas_entered) {
		put_kv(&l, "feec", res.feec.cpu);
		put_kv(&l, "reason", res.feec.reason);
		put_kv(&l, "best", res.feec.best_cpu);
		put_ku(&l, "prev_delta", res.feec.prev_delta);
		put_ku(&l, "best_delta", res.feec.best_delta);
		put_ku(&l, "base", res.feec.base_energy);
		for (i = 0; i < res.feec.nr_candidates; i++) {
			put_str(&l, i ? "," : " cand=");
			put_i64(&l, cands[i].cpu);
			put_str(&l, ":");
			put_u64(&l, cands[i].delta);
		}
	}
	/* em_cpu_energy() of each perf domain at the rq utilisations */
	for (i = 0; i < platform.nr_pds; i++) {
		const struct eas_perf_domain *pd = &platform.pds[i];
		uint64_t sum = 0, max = 0;
		uint32_t c;

		for (c = 0; c < platform.nr_cpus; c++) {
			uint64_t u = rqs[c].util_avg;

			if (platform.cpus[c].pd != i)
				continue;
			if (u > pd->capacity)
				u = pd->capacity;
			sum += u;
			if (u > max)
				max = u;
		}
		put_str(&l, i ? "," : " em=");
		put_u64(&l, eas_em_cpu_energy(pd, max, sum, pd->capacity));
	}
	put_str(&l, "\n");
	out(l.buf);
	return cpu;
}

/* The golden cases: the examples/firmware instant (little CPUs lightly
 * loaded, one big CPU busy, a task of 150 waking on CPU 0) and variants
 * of it, each a different path through select_task_rq_fair(). */
static int golden(fw_out_fn out, enum eas_kernel k,
		  const struct eas_system *sys)
{
	static const uint32_t flags[] = {
		EAS_WF_TTWU, EAS_WF_TTWU | EAS_WF_SYNC,
		EAS_WF_FORK, EAS_WF_EXEC,
		EAS_WF_TTWU, EAS_WF_TTWU,
		EAS_WF_TTWU,
	};
	struct eas_system s = *sys;
	eas_mask_word pin = (eas_mask_word)1 << 6;
	uint32_t i, c;
	int err;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		struct eas_task p;
		struct eas_waker w;

		for (c = 0; c < FW_NR_CPUS; c++)
			eas_rq_init(&rqs[c]);
		rqs[0].util_avg = 250;
		rqs[0].nr_running = 1;
		rqs[0].h_nr_running = 1;
		rqs[0].idle = false;
		rqs[5].util_avg = 600;
		rqs[5].nr_running = 1;
		rqs[5].h_nr_running = 1;
		rqs[5].idle = false;
		eas_task_init(&p);
		p.util_avg = 150;
		p.prev_cpu = 0;
		p.id = 7;
		eas_waker_init(&w);
		w.cpu = 0;
		w.id = 1;
		s.rd_overutilized = EAS_RD_OU_UNKNOWN;
		switch (i) {
		case 4: /* overutilized root domain: no EAS */
			s.rd_overutilized = EAS_RD_OU_SET;
			break;
		case 5: /* a big task (misfit on a little CPU) */
			p.util_avg = 700;
			rqs[0].util_avg = 800;
			break;
		case 6: /* pinned to CPU 6 */
			p.cpus_allowed = &pin;
			p.nr_cpus_allowed = 1;
			break;
		default:
			break;
		}
		err = decide(out, k, "golden", i, &s, &p, &w, flags[i]);
		if (err < 0)
			return err;
	}
	return 0;
}

/*
 * The blind slow-path cases of tests/data/place-blind (EXPECTED.md):
 * fork / exec on sym8 (2 x 4 CPUs of capacity 1024, MC + PKG), with the
 * CPU a reviewer derived by hand from the kernel sources for each
 * flavour (find_idlest_group() / find_idlest_group_cpu()). S3 (asym8)
 * is not included. A CPU other than the expected one fails the batch on
 * the host and on the target alike.
 */
struct fw_blind_cpu {
	uint16_t util, runnable, load, util_est;
	uint16_t exit_us, idle_stamp_ns;
	uint8_t nr_running;
};

struct fw_blind {
	const char *name;
	uint32_t flags;
	int32_t expect[2]; /* v5.4, v6.19 */
	struct fw_blind_cpu cpu[8];
	uint16_t util, util_est, h_load;
	int32_t prev_cpu;
	uint8_t allowed; /* bit per CPU; 0 = all */
	bool queued_current;
};

/* idle CPU: nr_running 0 (idle), exit latency, idle_stamp */
#define IDLE(exit, stamp)                                                      \
	{                                                                      \
		0, 0, 0, 0, exit, stamp, 0                                     \
	}
/* busy CPU: util, runnable, load (= runnable_load), util_est */
#define BUSY(u, r, l, ue)                                                      \
	{                                                                      \
		u, r, l, ue, 0, 0, 1                                           \
	}

static const struct fw_blind blind[] = {
	{ "S1-fork-affinity-idle-count",
	  EAS_WF_FORK,
	  { 1, 5 },
	  { BUSY(600, 600, 1024, 0), BUSY(300, 300, 700, 0), IDLE(1, 3000),
	    IDLE(1, 4000), BUSY(500, 500, 1024, 0), IDLE(1, 5000),
	    BUSY(500, 500, 1024, 0), BUSY(500, 500, 1024, 0) },
	  0,
	  0,
	  0,
	  0,
	  0x33,
	  false },
	{ "S2-fork-idle-state-pick",
	  EAS_WF_FORK,
	  { 7, 6 },
	  { BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 1024, 0),
	    BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 1024, 0), IDLE(1, 9000),
	    IDLE(100, 1000), IDLE(100, 3000), IDLE(500, 8000) },
	  0,
	  0,
	  0,
	  0,
	  0xef,
	  false },
	{ "S4-exec-own-cpu-discounted",
	  EAS_WF_EXEC,
	  { 0, 0 },
	  { BUSY(500, 500, 1024, 500), BUSY(400, 400, 1024, 400),
	    BUSY(400, 400, 1024, 400), BUSY(400, 400, 1024, 400), IDLE(1, 1000),
	    BUSY(400, 400, 1024, 400), BUSY(400, 400, 1024, 400),
	    BUSY(400, 400, 1024, 400) },
	  500,
	  500,
	  1024,
	  0,
	  0,
	  true },
	{ "S5-fork-allowed-nr-vs-weight",
	  EAS_WF_FORK,
	  { 0, 5 },
	  { BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 1024, 0),
	    BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 1024, 0),
	    BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 800, 0),
	    BUSY(900, 1000, 1024, 0), BUSY(900, 1000, 1024, 0) },
	  0,
	  0,
	  0,
	  0,
	  0x3f,
	  false },
};

static int blind_cases(fw_out_fn out, enum eas_kernel k, uint32_t fi,
		       const struct eas_system *sys)
{
	uint32_t i, c;

	for (i = 0; i < sizeof(blind) / sizeof(blind[0]); i++) {
		const struct fw_blind *b = &blind[i];
		struct eas_task p;
		struct eas_waker w;
		eas_mask_word allowed = 0;
		struct fw_line l = { .len = 0 };
		uint32_t nr_allowed = 0;
		int cpu;

		for (c = 0; c < FW_NR_CPUS; c++) {
			const struct fw_blind_cpu *bc = &b->cpu[c];
			struct eas_rq *q = &rqs[c];

			eas_rq_init(q);
			q->util_avg = bc->util;
			q->runnable_avg = bc->runnable;
			q->load_avg = bc->load;
			q->runnable_load_avg = bc->load;
			q->util_est = bc->util_est;
			q->nr_running = bc->nr_running;
			q->h_nr_running = bc->nr_running;
			q->idle = bc->nr_running == 0;
			q->idle_exit_latency = bc->exit_us;
			q->idle_stamp = bc->idle_stamp_ns;
			if (b->allowed & (1u << c)) {
				eas_mask_set(&allowed, c);
				nr_allowed++;
			}
		}
		eas_task_init(&p);
		p.util_avg = b->util;
		p.runnable_avg = b->util;
		p.util_est = b->util_est;
		p.util_est_ewma = b->util_est;
		p.util_est_enqueued = b->util_est;
		p.h_load = b->h_load;
		p.prev_cpu = b->prev_cpu;
		p.queued = b->queued_current;
		p.is_current = b->queued_current;
		if (b->allowed) {
			p.cpus_allowed = &allowed;
			p.nr_cpus_allowed = nr_allowed;
		}
		eas_waker_init(&w);
		w.cpu = b->prev_cpu;
		cpu = decide(out, k, "blind", i, sys, &p, &w, b->flags);
		if (cpu < 0)
			return cpu;
		put_str(&l, flavour_name(k));
		put_str(&l, " blind ");
		put_u64(&l, i);
		put_str(&l, " ");
		put_str(&l, b->name);
		put_kv(&l, "expect", b->expect[fi]);
		put_str(&l, cpu == b->expect[fi] ? " ok\n" : " MISMATCH\n");
		out(l.buf);
		if (cpu != b->expect[fi])
			return EAS_EINVAL;
	}
	return 0;
}

static int build(fw_out_fn out, enum eas_kernel k,
		 const struct eas_platform_desc *desc)
{
	int err = eas_platform_build(&platform, platform_mem,
				     sizeof(platform_mem), desc, k, 0, NULL);
	if (err) {
		struct fw_line l = { .len = 0 };

		put_str(&l, flavour_name(k));
		put_kv(&l, "eas_platform_build", err);
		put_str(&l, "\n");
		out(l.buf);
	}
	return err;
}

int fw_batch_run(fw_out_fn out)
{
	uint32_t f, n, decisions = 0;
	struct fw_line l = { .len = 0 };

	for (f = 0; f < sizeof(flavours) / sizeof(flavours[0]); f++) {
		enum eas_kernel k = flavours[f];
		struct eas_system sys;
		struct fw_rng r;
		int err;

		err = build(out, k, &sym8_desc);
		if (err)
			return err;
		init_sys(&sys, k);
		err = blind_cases(out, k, f, &sys);
		if (err)
			return err;
		decisions += sizeof(blind) / sizeof(blind[0]);

		err = build(out, k, &hikey960_desc);
		if (err)
			return err;
		init_sys(&sys, k);
		err = golden(out, k, &sys);
		if (err)
			return err;
		decisions += 7;
		fw_rng_seed(&r, FW_BATCH_SEED);
		for (n = 0; n < FW_BATCH_RANDOM; n++) {
			struct eas_task p;
			struct eas_waker w;
			struct fw_landscape ls;

			fw_landscape_gen(&r, FW_NR_CPUS, rqs, &p, &w, &ls);
			if (ls.pinned)
				p.cpus_allowed = &ls.allowed;
			sys.jiffies = 100000u + n;
			err = decide(out, k, "random", n, &sys, &p, &w,
				     ls.wake_flags);
			if (err < 0)
				return err;
			decisions++;
		}
	}
	put_str(&l, "done");
	put_kv(&l, "decisions", decisions);
	put_str(&l, "\n");
	out(l.buf);
	return 0;
}

/* ---- benchmark -------------------------------------------------------- */

#define FW_BENCH_MAX 64u

static struct eas_rq bench_rqs[FW_BENCH_MAX][FW_NR_CPUS];
static struct eas_task bench_p[FW_BENCH_MAX];
static struct eas_waker bench_w[FW_BENCH_MAX];
static struct fw_landscape bench_l[FW_BENCH_MAX];
static struct eas_task bench_p2[FW_BENCH_MAX];
static struct eas_waker bench_w2[FW_BENCH_MAX];

int fw_bench_run(uint32_t n, void (*mark)(int which), fw_out_fn out)
{
	struct eas_system sys;
	struct fw_rng r;
	uint32_t i;
	int err = 0;

	if (n > FW_BENCH_MAX)
		n = FW_BENCH_MAX;
	err = eas_platform_build(&platform, platform_mem, sizeof(platform_mem),
				 &hikey960_desc, EAS_KERNEL_V6_19, 0, NULL);
	if (err)
		return err;
	init_sys(&sys, EAS_KERNEL_V6_19);
	fw_rng_seed(&r, FW_BATCH_SEED);
	for (i = 0; i < n; i++) {
		fw_landscape_gen(&r, FW_NR_CPUS, bench_rqs[i], &bench_p[i],
				 &bench_w[i], &bench_l[i]);
		if (bench_l[i].pinned)
			bench_p[i].cpus_allowed = &bench_l[i].allowed;
	}
	/* the waker and the task are in/out (record_wakee(),
	 * recent_used_cpu): keep the inputs for the second pass */
	for (i = 0; i < n; i++) {
		bench_p2[i] = bench_p[i];
		bench_w2[i] = bench_w[i];
	}
	for (i = 0; i < n; i++) {
		mark(0);
		sys.rq = bench_rqs[i];
		err = eas_select_task_rq_fair(&sys, &bench_p[i], &bench_w[i],
					      bench_l[i].wake_flags, NULL);
		if (err < 0)
			break;
	}
	mark(1);
	if (err < 0)
		return err;
	for (i = 0; i < n; i++) {
		struct eas_place_result res = { 0 };
		struct fw_line l = { .len = 0 };

		sys.rq = bench_rqs[i];
		err = eas_select_task_rq_fair(&sys, &bench_p2[i], &bench_w2[i],
					      bench_l[i].wake_flags, &res);
		if (err < 0)
			return err;
		put_str(&l, "bench ");
		put_u64(&l, i);
		put_str(&l, " path=");
		put_str(&l, eas_place_path_name(res.path));
		put_str(&l, "\n");
		out(l.buf);
	}
	return 0;
}
