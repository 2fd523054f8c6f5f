/* SPDX-License-Identifier: MIT */
/*
 * The simulator's RT class, RT bandwidth and idle governor against
 * hand-derived timelines (kernel/sched/rt.c, cpupri.c, deadline.c's fair
 * server, drivers/cpuidle/governors/teo.c of each flavour). Every expected
 * sched_switch below is derived in the comment above it.
 *
 * Platforms: symmetric CPUs of capacity 1024 with one OPP (rt-app `run` us
 * = CPU us), HZ 250 (ticks at 4 ms multiples). The RT tasks' kernel prio is
 * 99 - rt priority (lower = higher priority).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "libeas/error.h"
#include "libeas/json.h"
#include "libeas/rtapp.h"
#include "libeas/sim.h"

/* two CPUs in one perf domain (one MC domain: SD_WAKE_AFFINE) */
static const char plat2[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"two-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0, 1], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* three CPUs */
static const char plat3[] __attribute__((unused)) =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"three-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024},"
	"              {\"cpu\":1,\"capacity\":1024},"
	"              {\"cpu\":2,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0, 1, 2], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

/* one CPU */
static const char plat1[] __attribute__((unused)) =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"one-cpu-1024\","
	"  \"cpus\": [ {\"cpu\":0,\"capacity\":1024} ],"
	"  \"perf_domains\": [ { \"cpus\": [0], \"states\": ["
	"      {\"frequency_khz\": 1000000, \"power_uw\": 100000} ] } ] }";

struct run {
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
	char *tl; /* "T cpuN prev>next\n" per sched_switch, T in us */
};

static void append(char **out, size_t *n, size_t *cap, const char *item)
{
	size_t l = strlen(item);

	if (*n + l + 1 > *cap) {
		*cap = (*n + l + 1) * 2;
		*out = realloc(*out, *cap);
		assert_non_null(*out);
	}
	memcpy(*out + *n, item, l + 1);
	*n += l;
}

/* Run wl on plat for ms with a trace; r->tl is the switch timeline. */
static void run_sim(struct run *r, const char *plat, enum eas_kernel k,
		    const char *wl, uint64_t ms)
{
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	char err[256], line[512];
	size_t n = 0, cap = 0;
	FILE *tr = tmpfile();
	int e;

	assert_non_null(tr);
	memset(r, 0, sizeof(*r));
	memset(&cfg, 0, sizeof(cfg));
	cfg.duration_ns = ms * 1000000ull;
	cfg.trace = tr;
	e = eas_json_platform_load(plat, strlen(plat), k, 0, &r->jp, &d);
	if (e)
		fprintf(stderr, "platform: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	e = eas_rtapp_load(wl, strlen(wl), &r->w, &d);
	if (e)
		fprintf(stderr, "workload: %s %s\n", d.path, d.msg);
	assert_int_equal(e, 0);
	r->s = eas_sim_create(&r->jp, &r->w, &cfg, &e, err, sizeof(err));
	if (!r->s)
		fprintf(stderr, "create: %s\n", err);
	assert_non_null(r->s);
	assert_int_equal(eas_sim_run(r->s, 0), 0);
	/* the trace is written at the end of the run */
	rewind(tr);
	append(&r->tl, &n, &cap, "");
	while (fgets(line, sizeof(line), tr)) {
		char *p = strstr(line, "sched_switch:"), *q, *b;
		char pc[64], nc[64], item[200];
		unsigned long sec, us, cpu;

		if (!p)
			continue;
		b = strchr(line, '[');
		assert_non_null(b);
		assert_int_equal(sscanf(b, "[%lu]", &cpu), 1);
		q = p - 1;
		while (q > line && q[-1] == ' ')
			q--;
		while (q > line && q[-1] != ' ')
			q--;
		assert_int_equal(sscanf(q, "%lu.%lu:", &sec, &us), 2);
		assert_int_equal(
			sscanf(strstr(p, "prev_comm="), "prev_comm=%63s", pc),
			1);
		assert_int_equal(
			sscanf(strstr(p, "next_comm="), "next_comm=%63s", nc),
			1);
		snprintf(item, sizeof(item), "%lu cpu%lu %s>%s\n",
			 sec * 1000000 + us, cpu, pc, nc);
		append(&r->tl, &n, &cap, item);
	}
	fclose(tr);
}

static void run_free(struct run *r)
{
	eas_sim_free(r->s);
	eas_rtapp_free(&r->w);
	eas_json_platform_free(&r->jp);
	free(r->tl);
}

static void expect_tl(const struct run *r, const char *want)
{
	if (strcmp(r->tl, want))
		fprintf(stderr, "want:\n%sgot:\n%s", want, r->tl);
	assert_string_equal(r->tl, want);
}

/*
 * Push. lo (FIFO 10, kernel prio 89) starts at 0 on CPU 0 (idle: stays,
 * select_task_rq_rt() `test` is false), runs 10 ms. hi (FIFO 20, prio 79)
 * starts at 2 ms, also from CPU 0: select_task_rq_rt() test = curr lo is
 * RT && (lo pinned || lo->prio 89 <= hi->prio 79) = false, so hi stays on
 * CPU 0 and preempts lo (check_preempt_curr_rt(): 79 < 89);
 * task_woken_rt() does nothing (need_resched is set). After the switch,
 * set_next_task_rt() -> rt_queue_push_tasks(): lo is pushable,
 * push_rt_task(): lo does not preempt hi, find_lowest_rq(lo): cpupri of
 * CPU 0 is hi's, of CPU 1 CPUPRI_NORMAL (idle); the lowest level below lo
 * is NORMAL = {1}; task_cpu(lo) = 0 and this_cpu = 0 are not in it; the MC
 * domain (SD_WAKE_AFFINE) gives CPU 1 (v5.4 cpumask_first_and(), v6.19
 * cpumask_any_and_distribute() after CPU 0's distribute_cpu_mask_prev 0);
 * CPU 1's highest prio 100 (none) > 89: lo moves at 2 ms and runs its last
 * 8 ms there (ends at 10 ms). hi ends at 5 ms. The simulator's earlier RT
 * placement sent hi to idle CPU 1 instead ("2000 cpu1 swapper/1>hi").
 */
static const char push_wl[] =
	"{ \"global\": { \"duration\": -1, \"calibration\": \"CPU0\" },"
	"  \"tasks\": {"
	"   \"lo\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 10,"
	"           \"run\": 10000 },"
	"   \"hi\": { \"loop\": 1, \"policy\": \"SCHED_FIFO\", \"priority\": 20,"
	"           \"delay\": 2000, \"run\": 3000 } } }";

static void test_push(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	unsigned i;

	(void)state;
	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
		struct run r;
		const struct eas_sim_stats *st;

		run_sim(&r, plat2, ks[i], push_wl, 20);
		expect_tl(&r, "0 cpu0 swapper/0>lo\n"
			      "2000 cpu0 lo>hi\n"
			      "2000 cpu1 swapper/1>lo\n"
			      "5000 cpu0 hi>swapper/0\n"
			      "10000 cpu1 lo>swapper/1\n");
		st = eas_sim_stats(r.s);
		assert_int_equal(st->rt_push_migrations, 1);
		run_free(&r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_push),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
