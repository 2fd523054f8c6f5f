/* SPDX-License-Identifier: MIT */
/*
 * bench_place: cost of one placement decision, library vs the literal
 * oracle (tests/oracle/ref_place.c), for 8 .. 4096 CPUs.
 *
 * Columns: find_energy_efficient_cpu() alone; select_task_rq_fair() on a
 * non-overutilized system (energy-aware path, includes computing the
 * overutilized flag from the signals); "select(ou)": select_task_rq_fair()
 * on an overutilized system (no energy-aware placement: v6.19 fast path
 * wake_affine + select_idle_sibling / select_idle_capacity; v5.4 mostly
 * its slow path, as wake_cap and SD_BALANCE_WAKE on the asymmetric domain
 * send it there).
 *
 * ns: wall clock (CLOCK_MONOTONIC) over enough decisions to take ~20 ms,
 * landscapes rotated among 16 pre-generated random ones (not
 * overutilized: utils 5..40% of capacity), candidate recording off.
 * instr: when valgrind is installed, the program re-runs itself under
 * `valgrind --tool=callgrind --toggle-collect=bench_region` for a fixed
 * number of decisions and reads the Ir total of the region from the
 * callgrind output (setup excluded), divided by the decisions.
 *
 * fast: the library with the snapshot of <libeas/fast.h> attached
 * (sys->fast, refreshed once per landscape outside the measured region);
 * x: oracle instructions / fast instructions; I/CPU: fast instructions
 * per CPU; goal: issue 10's goal for the row. --goals prints only the
 * goal tables (HiKey960 x 3 flavours, 4096 CPUs in 64 perf domains).
 *
 * Usage: bench_place [--no-callgrind] [--goals] [--max-cpus N]
 *        bench_place --region KIND IMPL FLAVOUR NCPUS ITERS TWO_PDS
 *        (internal)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libeas/fast.h>
#include <libeas/place.h>

#include "fixtures.h"
#include "ref_place.h"

#define NLAND 16

enum kind { K_FEEC, K_SELECT, K_FAST, NKIND };
static const char *const kind_name[NKIND] = { "feec", "select(eas)",
					      "select(ou)" };

struct land {
	struct eas_rq *rq;
	void *fast_mem; /* <libeas/fast.h> snapshot of rq */
	struct eas_fast *fast;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
};

struct bench {
	struct eas_platform *pf;
	struct land l[NLAND];
};

/* two_pds: 0 = v6.19 one perf domain per 4 CPUs, 1 = two perf domains,
 * 2 = HiKey960 (examples/platforms/hikey960.json, 8 CPUs), 3 = 64 perf
 * domains; 4, 5: 3 and 2 with util_est drawn like util_avg (CPUs and
 * task) */
static void bench_init(struct bench *b, enum eas_kernel k, uint32_t n,
		       int two_pds)
{
	struct fix_gen_params gp;
	uint64_t s = 1234 + n;
	bool est = two_pds >= 4;
	int i;

	memset(b, 0, sizeof(*b)); /* zero means default (sys.scratch) */
	memset(&gp, 0, sizeof(gp));
	gp.nr_cpus = n;
	/* v6.19: clusters of 4 CPUs, one perf domain each; v5.4: two perf
	 * domains (its EM_MAX_COMPLEXITY allows no more at scale) */
	if (est)
		two_pds = two_pds == 4 ? 3 : 2;
	gp.nr_pds = two_pds == 3		     ? 64 :
		    k != EAS_KERNEL_V5_4 && !two_pds ? (n >= 8 ? n / 4 : 2) :
						       2;
	gp.nr_states = 5;
	gp.seed = 99;
	b->pf = two_pds == 2 ? fix_hikey960(k, 0) : fix_generated(&gp, k, 0);
	n = b->pf->nr_cpus;
	for (i = 0; i < NLAND; i++) {
		struct land *l = &b->l[i];
		uint32_t c;

		l->rq = calloc(n, sizeof(*l->rq));
		if (!l->rq)
			abort();
		for (c = 0; c < n; c++) {
			uint64_t cap = b->pf->cpus[c].capacity;

			eas_rq_init(&l->rq[c]);
			l->rq[c].util_avg =
				fix_rand_range(&s, cap / 20, cap * 2 / 5);
			l->rq[c].runnable_avg = l->rq[c].util_avg;
			l->rq[c].nr_running = 1;
			l->rq[c].h_nr_running = 1;
			l->rq[c].idle = false;
			l->rq[c].load_avg = l->rq[c].util_avg;
			if (est)
				l->rq[c].util_est = fix_rand_range(&s, cap / 20,
								   cap * 2 / 5);
		}
		memset(&l->sys, 0, sizeof(l->sys));
		l->sys.pf = b->pf;
		l->sys.rq = l->rq;
		l->sys.features = eas_features_default(k);
		l->sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
		/* the snapshot (used by the "fast" columns only) */
		l->fast_mem = aligned_alloc(8, (eas_fast_size(b->pf) + 7) &
						       ~(size_t)7);
		if (!l->fast_mem ||
		    eas_fast_init(&l->fast, l->fast_mem, eas_fast_size(b->pf),
				  b->pf) ||
		    eas_fast_refresh(l->fast, &l->sys))
			abort();
		eas_task_init(&l->p);
		l->p.util_avg = fix_rand_range(&s, 20, 150);
		l->p.prev_cpu = (int32_t)fix_rand_range(&s, 0, n - 1);
		if (est)
			l->p.util_est = fix_rand_range(&s, 20, 150);
		l->p.id = 5;
		eas_waker_init(&l->w);
		l->w.cpu = l->p.prev_cpu;
	}
}

static void bench_fini(struct bench *b)
{
	int i;

	for (i = 0; i < NLAND; i++) {
		free(b->l[i].rq);
		free(b->l[i].fast_mem);
	}
	fix_free(b->pf);
}

static int one(struct land *l, enum kind kind, int lib)
{
	struct eas_feec_result r;
	struct eas_place_result pr;
	struct eas_task *p = &l->p;
	struct eas_waker *w = &l->w;
	/* the in/out fields, restored after the call so that every
	 * decision sees the same landscape (cheaper than copying p and w) */
	int32_t ru = p->recent_used_cpu, wru = w->recent_used_cpu;
	uint32_t wf = w->wakee_flips, lw = w->last_wakee;
	uint64_t ts = w->wakee_flip_decay_ts;
	int ret;

	/* lib 2: the library with the snapshot, 1: stateless, 0: oracle */
	l->sys.fast = lib == 2 ? l->fast : NULL;
	l->sys.rd_overutilized =
		kind == K_FAST ? EAS_RD_OU_SET : EAS_RD_OU_UNKNOWN;
	if (kind == K_FEEC) {
		r.candidates = NULL;
		r.max_candidates = 0;
		return lib ? eas_find_energy_efficient_cpu(
				     &l->sys, p, (uint32_t)w->cpu, &r) :
			     ref_feec(&l->sys, p, (uint32_t)w->cpu, &r);
	}
	pr.feec.candidates = NULL;
	pr.feec.max_candidates = 0;
	ret = lib ? eas_select_task_rq_fair(&l->sys, p, w, EAS_WF_TTWU, &pr) :
		    ref_select_task_rq_fair(&l->sys, p, w, EAS_WF_TTWU, &pr);
	p->recent_used_cpu = ru;
	w->recent_used_cpu = wru;
	w->wakee_flips = wf;
	w->last_wakee = lw;
	w->wakee_flip_decay_ts = ts;
	return ret;
}

/* the measured region (callgrind toggles collection on this symbol) */
__attribute__((noinline)) long bench_region(struct bench *b, enum kind kind,
					    int lib, long iters);
__attribute__((noinline)) long bench_region(struct bench *b, enum kind kind,
					    int lib, long iters)
{
	long i, sum = 0;

	for (i = 0; i < iters; i++)
		sum += one(&b->l[i % NLAND], kind, lib);
	return sum;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double time_ns(struct bench *b, enum kind kind, int lib)
{
	long iters = 1;
	double t0, t;

	for (;;) {
		t0 = now_ns();
		(void)bench_region(b, kind, lib, iters);
		t = now_ns() - t0;
		if (t > 2e7 || iters >= (1L << 24))
			return t / (double)iters;
		iters *= t < 1e6 ? 16 : 2;
	}
}

static char self_path[1024];

/* instructions per decision under callgrind, or -1 */
static double instr(enum eas_kernel k, uint32_t n, int two, enum kind kind,
		    int lib, long iters)
{
	char cmd[2048], out[512], line[512];
	const char *tmp = getenv("TMPDIR");
	double ir = -1;
	FILE *f;

	snprintf(out, sizeof(out), "%s/bench_place.cg.%ld",
		 tmp && tmp[0] ? tmp : "/tmp", (long)getpid());
	snprintf(cmd, sizeof(cmd),
		 "valgrind --tool=callgrind --collect-atstart=no "
		 "--toggle-collect=bench_region --callgrind-out-file=%s "
		 "%s --region %d %d %d %u %ld %d >/dev/null 2>&1",
		 out, self_path, (int)kind, lib, (int)k, n, iters, (int)two);
	if (system(cmd) != 0)
		return -1;
	f = fopen(out, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "summary:", 8) ||
		    !strncmp(line, "totals:", 7)) {
			ir = strtod(strchr(line, ':') + 1, NULL);
			break;
		}
	}
	fclose(f);
	remove(out);
	return ir < 0 ? -1 : ir / (double)iters;
}

static const char *const plat_name[] = { "one perf domain per 4 CPUs",
					 "two perf domains",
					 "HiKey960",
					 "64 perf domains",
					 "64 perf domains, util_est set",
					 "HiKey960, util_est set" };

/* the issue 10 goal of a row, "" if none */
static const char *goal(enum eas_kernel k, int two, uint32_t n, enum kind kind)
{
	if (kind != K_SELECT || k == EAS_KERNEL_V5_4)
		return "";
	if (two == 2 || two == 5)
		return "<=400, >=6x";
	if ((two == 3 || two == 4) && n == 4096)
		return "<=20/CPU";
	return "";
}

/*
 * One table: per size and decision kind, the library without and with
 * the snapshot (<libeas/fast.h>, "fast") and the literal oracle: ns,
 * instructions, oracle / fast ratio, instructions per CPU (fast) and the
 * goal of the row.
 */
static void table(enum eas_kernel k, int two, const uint32_t *ns, int nn,
		  int cg)
{
	int i, kind;

	printf("\n%s (%s)\n", eas_kernel_name(k), plat_name[two]);
	printf("%5s %-11s %8s %8s %9s %10s %10s %12s %7s %7s %s\n", "CPUs",
	       "decision", "lib ns", "fast ns", "oracle ns", "lib instr",
	       "fast instr", "oracle instr", "x", "I/CPU", "goal");
	for (i = 0; i < nn; i++) {
		struct bench b;

		bench_init(&b, k, ns[i], two);
		if (!b.pf->eas_possible)
			printf("%5u (EAS off for this platform: %s)\n", ns[i],
			       eas_off_reason_name(b.pf->eas_reason));
		for (kind = 0; kind < NKIND; kind++) {
			double tl = time_ns(&b, (enum kind)kind, 1);
			double tf = time_ns(&b, (enum kind)kind, 2);
			double to = time_ns(&b, (enum kind)kind, 0);
			double il = -1, ifa = -1, io = -1;
			uint32_t n = b.pf->nr_cpus;

			if (cg) {
				il = instr(k, ns[i], two, (enum kind)kind, 1,
					   64);
				ifa = instr(k, ns[i], two, (enum kind)kind, 2,
					    64);
				io = instr(k, ns[i], two, (enum kind)kind, 0,
					   ns[i] >= 1024 ? 2 : 16);
			}
			printf("%5u %-11s %8.0f %8.0f %9.0f", n,
			       kind_name[kind], tl, tf, to);
			if (il > 0 && ifa > 0 && io > 0)
				printf(" %10.0f %10.0f %12.0f %7.1f %7.1f", il,
				       ifa, io, io / ifa, ifa / n);
			else
				printf(" %10s %10s %12s %7s %7s", "n/a", "n/a",
				       "n/a", "", "");
			printf(" %s\n", goal(k, two, n, (enum kind)kind));
			fflush(stdout);
		}
		bench_fini(&b);
	}
}

int main(int argc, char **argv)
{
	static const uint32_t sizes[] = { 8, 64, 256, 1024, 4096 };
	uint32_t max_cpus = 4096;
	int cg = 1, i, k, nn = 0, goals_only = 0;
	ssize_t len;

	if (argc == 8 && !strcmp(argv[1], "--region")) {
		struct bench b;
		long r;

		bench_init(&b, (enum eas_kernel)atoi(argv[4]),
			   (uint32_t)atoi(argv[5]), atoi(argv[7]));
		r = bench_region(&b, (enum kind)atoi(argv[2]), atoi(argv[3]),
				 atol(argv[6]));
		bench_fini(&b);
		return r == -12345 ? 1 : 0;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--no-callgrind"))
			cg = 0;
		else if (!strcmp(argv[i], "--goals"))
			goals_only = 1;
		else if (!strcmp(argv[i], "--max-cpus") && i + 1 < argc)
			max_cpus = (uint32_t)atoi(argv[++i]);
	}
	len = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	if (len <= 0)
		cg = 0;
	else
		self_path[len] = 0;
	if (cg && system("valgrind --version >/dev/null 2>&1") != 0)
		cg = 0;
	while (nn < 5 && sizes[nn] <= max_cpus)
		nn++;
	printf("bench_place: ns and instructions per decision, libeas vs the "
	       "literal oracle\n(instr: callgrind Ir of the measured region "
	       "/ decisions; %s)\n",
	       cg ? "valgrind found" : "valgrind not used");
	/* the goals first: HiKey960 in every flavour, 4096 CPUs in 64
	 * perf domains (v5.4's EM_MAX_COMPLEXITY turns EAS off there) */
	for (k = 0; k < (int)EAS_KERNEL_COUNT; k++)
		table((enum eas_kernel)k, 2, sizes, 1, cg);
	table(EAS_KERNEL_V6_19, 5, sizes, 1, cg);
	if (max_cpus >= 4096) {
		table(EAS_KERNEL_V6_19, 3, sizes + 4, 1, cg);
		table(EAS_KERNEL_V7_1, 3, sizes + 4, 1, cg);
		table(EAS_KERNEL_V6_19, 4, sizes + 4, 1, cg);
	}
	if (goals_only)
		return 0;
	table(EAS_KERNEL_V6_19, 0, sizes, nn, cg);
	table(EAS_KERNEL_V6_19, 1, sizes, nn, cg);
	table(EAS_KERNEL_V5_4, 1, sizes, nn < 3 ? nn : 3, cg);
	return 0;
}
