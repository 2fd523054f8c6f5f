/* SPDX-License-Identifier: MIT */
/*
 * bench_balance: cost of one load-balance decision (eas_load_balance():
 * groups, classification, busiest group / CPU, imbalance, detach_tasks,
 * need_active_balance, detach_one_task) for 8 .. 4096 CPUs, both flavours,
 * library vs the literal oracle (tests/oracle/ref_balance.c, up to 64
 * CPUs), at the lowest domain (MC: one cluster of 4) and at the root (PKG:
 * every CPU, one group per cluster).
 *
 * ns: wall clock (CLOCK_MONOTONIC) over enough passes to take ~20 ms,
 * rotating 8 random landscapes (overutilized, 4 tasks on src).
 * instr: with valgrind installed, the program re-runs itself under
 * `valgrind --tool=callgrind --toggle-collect=bench_region` for a fixed
 * number of passes and reports Ir per pass (setup excluded).
 *
 * Usage: bench_balance [--no-callgrind]
 *        bench_balance --region FLAVOUR NCPUS ROOT ITERS (internal)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libeas/balance.h>

#include "fixtures.h"
#include "ref_balance.h"

#define NLAND 8
#define NTASK 4

struct land {
	struct eas_rq *rq;
	struct eas_system sys;
	struct eas_lb_task tasks[NTASK];
	struct eas_lb_env env;
};

struct bench {
	struct eas_platform *pf;
	struct land l[NLAND];
	struct eas_sg_stats *groups;
	struct eas_can_migrate cm[NTASK];
};

static void bench_init(struct bench *b, enum eas_kernel k, uint32_t n,
		       bool root)
{
	struct fix_gen_params gp;
	uint64_t s = 777 + n;
	int i;

	memset(b, 0, sizeof(*b)); /* zero means default (sys.scratch) */
	memset(&gp, 0, sizeof(gp));
	gp.nr_cpus = n;
	gp.nr_pds = k == EAS_KERNEL_V6_19 ? n / 4 : 2;
	gp.nr_states = 5;
	gp.seed = 5;
	b->pf = fix_generated(&gp, k, 0);
	b->groups = calloc(EAS_LB_MAX_GROUPS(n), sizeof(*b->groups));
	if (!b->groups)
		abort();
	for (i = 0; i < NLAND; i++) {
		struct land *l = &b->l[i];
		uint32_t c, t;

		l->rq = calloc(n, sizeof(*l->rq));
		if (!l->rq)
			abort();
		for (c = 0; c < n; c++) {
			eas_rq_init(&l->rq[c]);
			l->rq[c].nr_running =
				(uint32_t)fix_rand_range(&s, 0, 3);
			l->rq[c].h_nr_running = l->rq[c].nr_running;
			l->rq[c].idle = !l->rq[c].nr_running;
			l->rq[c].util_avg = fix_rand_range(&s, 0, 900);
			l->rq[c].runnable_avg = l->rq[c].util_avg;
			l->rq[c].load_avg = fix_rand_range(&s, 0, 2000);
			l->rq[c].runnable_load_avg = l->rq[c].load_avg;
			l->rq[c].clock_task = 10000000;
		}
		l->sys.pf = b->pf;
		l->sys.rq = l->rq;
		l->sys.features = eas_features_default(k);
		l->sys.rd_overutilized = EAS_RD_OU_SET;
		eas_lb_env_init(&l->env, root ? n - 1 : 1, 0);
		l->env.idle = EAS_LB_IDLE;
		l->rq[0].nr_running = 0;
		l->rq[0].idle = true;
		l->rq[l->env.src_cpu].nr_running = NTASK;
		l->rq[l->env.src_cpu].h_nr_running = NTASK;
		for (t = 0; t < NTASK; t++) {
			eas_task_init(&l->tasks[t].task);
			l->tasks[t].task.id = t;
			l->tasks[t].task.util_avg = 100;
			l->tasks[t].task.h_load = 300;
			l->tasks[t].task.exec_start = 9000000;
			l->tasks[t].task.is_current = t == 0;
		}
		l->env.src_tasks = l->tasks;
		l->env.nr_src_tasks = NTASK;
	}
}

static void bench_free(struct bench *b)
{
	int i;

	for (i = 0; i < NLAND; i++)
		free(b->l[i].rq);
	free(b->groups);
	fix_free(b->pf);
}

static volatile uint64_t sink;

static void one(struct bench *b, int i, bool oracle)
{
	struct land *l = &b->l[i % NLAND];

	if (oracle) {
		struct ref_lb_result ref;

		ref_load_balance(&l->sys, &l->env, &ref);
		sink += (uint64_t)ref.busiest_cpu;
	} else {
		struct eas_lb_result res;

		eas_load_balance(&l->sys, &l->env, b->groups,
				 (uint32_t)EAS_LB_MAX_GROUPS(b->pf->nr_cpus),
				 b->cm, &res);
		sink += (uint64_t)res.busiest_cpu + res.imbalance;
	}
}

/* the region callgrind counts */
__attribute__((noinline)) void bench_region(struct bench *b, long iters);
__attribute__((noinline)) void bench_region(struct bench *b, long iters)
{
	long i;

	for (i = 0; i < iters; i++)
		one(b, (int)i, false);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double time_ns(struct bench *b, bool oracle)
{
	long iters = 1, i;
	double t0, t;

	for (;;) {
		t0 = now_ns();
		for (i = 0; i < iters; i++)
			one(b, (int)i, oracle);
		t = now_ns() - t0;
		if (t > 2e7 || iters > (1L << 26))
			return t / (double)iters;
		iters *= 4;
	}
}

static long callgrind_ir(const char *self, enum eas_kernel k, uint32_t n,
			 bool root, long iters)
{
	char cmd[1024], out[512], line[512];
	const char *tmp = getenv("TMPDIR");
	long ir = -1;
	FILE *f;
	int fd;

	snprintf(out, sizeof(out), "%s/bench_balance_cg.XXXXXX",
		 tmp && tmp[0] ? tmp : "/tmp");
	fd = mkstemp(out);

	if (fd < 0)
		return -1;
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "valgrind --tool=callgrind --callgrind-out-file=%s "
		 "--toggle-collect=bench_region %s --region %d %u %d %ld "
		 ">/dev/null 2>&1",
		 out, self, (int)k, n, root ? 1 : 0, iters);
	if (system(cmd) != 0) {
		unlink(out);
		return -1;
	}
	f = fopen(out, "r");
	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "summary:", 8) ||
		    !strncmp(line, "totals:", 7))
			ir = strtol(strchr(line, ':') + 1, NULL, 10);
	if (f)
		fclose(f);
	unlink(out);
	return ir < 0 ? -1 : ir / iters;
}

int main(int argc, char **argv)
{
	static const uint32_t sizes[] = { 8, 64, 512, 4096 };
	bool cg = access("/usr/bin/valgrind", X_OK) == 0;
	unsigned k, s, r;

	if (argc == 6 && !strcmp(argv[1], "--region")) {
		struct bench b;

		bench_init(&b, (enum eas_kernel)atoi(argv[2]),
			   (uint32_t)atoi(argv[3]), atoi(argv[4]) != 0);
		bench_region(&b, atol(argv[5]));
		bench_free(&b);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--no-callgrind"))
		cg = false;

	printf("eas_load_balance(): one pass (4 tasks on src), ns per pass; "
	       "instr = callgrind Ir per pass\n\n");
	printf("%-6s %-5s %6s %7s %12s %12s %12s\n", "kernel", "sd", "cpus",
	       "groups", "libeas ns", "oracle ns", "libeas instr");
	for (k = 0; k < 2; k++) {
		for (r = 0; r < 2; r++) {
			for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
				enum eas_kernel kern =
					k ? EAS_KERNEL_V6_19 : EAS_KERNEL_V5_4;
				struct bench b;
				struct eas_lb_result res;
				double lib, ora = -1;
				long ir = -1;

				bench_init(&b, kern, sizes[s], r != 0);
				eas_load_balance(
					&b.l[0].sys, &b.l[0].env, b.groups,
					(uint32_t)EAS_LB_MAX_GROUPS(sizes[s]),
					b.cm, &res);
				lib = time_ns(&b, false);
				if (sizes[s] <= REF_LB_MAX_CPUS)
					ora = time_ns(&b, true);
				if (cg)
					ir = callgrind_ir(
						argv[0], kern, sizes[s], r != 0,
						sizes[s] >= 512 ? 20 : 200);
				printf("%-6s %-5s %6u %7u %12.0f ",
				       eas_kernel_name(kern), r ? "root" : "MC",
				       sizes[s], res.nr_groups, lib);
				if (ora >= 0)
					printf("%12.0f ", ora);
				else
					printf("%12s ", "-");
				if (ir >= 0)
					printf("%12ld\n", ir);
				else
					printf("%12s\n", "-");
				bench_free(&b);
			}
		}
	}
	return 0;
}
