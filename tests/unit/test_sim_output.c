/* SPDX-License-Identifier: MIT */
/*
 * What the simulator reports, and that reporting never changes the run:
 * per-CPU idle states (power, exit latency, cpu_idle index), --json
 * byte-identical with and without every output option (library and
 * `eas simulate`), and the --trace text against the kernel's tracepoints
 * (include/trace/events/sched.h, power.h; kernel/trace/trace.c's
 * print_trace_header()).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include "../../lib/sim/sim_internal.h" /* s->rq[] as handed to placement */
#include "testutil.h"

#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EAS_BIN EAS_BINARY_DIR "/tools/eas"

static const enum eas_kernel kernels[2] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19 };

/*
 * Two single-CPU clusters with their own idle states: CPU0 has WFI +
 * L_SLEEP (100 uW), CPU1 WFI + B_SLEEP (500 uW). Powers in uW are the
 * same number in both flavours' units (v5.4 takes mW: 100 mW, 600 mW).
 */
static const char plat_idle[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"idle-per-cluster\","
	"  \"cpus\": [ { \"cpu\": 0, \"capacity\": 512 },"
	"              { \"cpu\": 1, \"capacity\": 1024 } ],"
	"  \"perf_domains\": ["
	"    { \"cpus\": [0], \"states\": [ { \"frequency_khz\": 800000,"
	"        \"power_uw\": 100000 } ] },"
	"    { \"cpus\": [1], \"states\": [ { \"frequency_khz\": 1500000,"
	"        \"power_uw\": 600000 } ] } ],"
	"  \"idle_states\": ["
	"    { \"name\": \"WFI\", \"exit_latency_us\": 1, \"power_uw\": 1000 },"
	"    { \"name\": \"L_SLEEP\", \"exit_latency_us\": 200,"
	"      \"power_uw\": 100, \"cpus\": [0] },"
	"    { \"name\": \"B_SLEEP\", \"exit_latency_us\": 900,"
	"      \"power_uw\": 500, \"cpus\": [1] } ] }";

/*
 * CPU0 capacity 512 (500 / 1000 MHz at 100 / 400 mW), CPU1 1024
 * (1000 / 2000 MHz at 500 / 2000 mW), one idle state for both at 7 mW.
 */
static const char plat_p2[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"p2-two-cpu\","
	"  \"cpus\": [ { \"cpu\": 0, \"capacity\": 512 },"
	"              { \"cpu\": 1, \"capacity\": 1024 } ],"
	"  \"perf_domains\": ["
	"    { \"cpus\": [0], \"states\": ["
	"        { \"frequency_khz\": 500000, \"power_uw\": 100000 },"
	"        { \"frequency_khz\": 1000000, \"power_uw\": 400000 } ] },"
	"    { \"cpus\": [1], \"states\": ["
	"        { \"frequency_khz\": 1000000, \"power_uw\": 500000 },"
	"        { \"frequency_khz\": 2000000, \"power_uw\": 2000000 } ] } ],"
	"  \"idle_states\": [ { \"name\": \"WFI\", \"exit_latency_us\": 1,"
	"                      \"power_uw\": 7000 } ] }";

/* one CFS thread pinned on CPU0, alone there: `runtime` 4 ms (busy time,
 * whatever the speed) every 16 ms */
static const char wl_p2[] =
	"{ \"global\": { \"duration\": 2, \"calibration\": \"CPU1\" },"
	"  \"tasks\": { \"t\": { \"cpus\": [0], \"phases\": { \"p\": {"
	"    \"runtime\": 4000,"
	"    \"timer\": { \"ref\": \"unique\", \"period\": 16000 } } } } } }";

struct run {
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_sim *s;
	const struct eas_sim_stats *st;
	FILE *trace;
};

static void sim_open(struct run *r, const char *plat, enum eas_kernel k,
		     const char *wl, const struct eas_sim_config *cfg0)
{
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	char err[256];
	int e;

	memset(r, 0, sizeof(*r));
	memset(&cfg, 0, sizeof(cfg));
	if (cfg0)
		cfg = *cfg0;
	memset(&d, 0, sizeof(d));
	e = eas_json_platform_load(plat, strlen(plat), k, 0, &r->jp, &d);
	if (e)
		fail_msg("platform: %s %s", d.path, d.msg);
	e = eas_rtapp_load(wl, strlen(wl), &r->w, &d);
	if (e)
		fail_msg("workload: %s %s", d.path, d.msg);
	r->trace = cfg.trace;
	r->s = eas_sim_create(&r->jp, &r->w, &cfg, &e, err, sizeof(err));
	if (!r->s)
		fail_msg("eas_sim_create: %s", err);
}

static void sim_full(struct run *r, const char *plat, enum eas_kernel k,
		     const char *wl, const struct eas_sim_config *cfg0)
{
	sim_open(r, plat, k, wl, cfg0);
	assert_int_equal(eas_sim_run(r->s, 0), 0);
	r->st = eas_sim_stats(r->s);
}

static void sim_close(struct run *r)
{
	eas_sim_free(r->s);
	eas_rtapp_free(&r->w);
	eas_json_platform_free(&r->jp);
}

/* The whole of a tmpfile() the simulator wrote, NUL-terminated. */
static char *read_back(FILE *f)
{
	long n;
	char *buf;

	assert_int_equal(fflush(f), 0);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	return buf;
}

/* ---- 1. idle states per CPU ------------------------------------------ */

/*
 * docs/formats.md: an idle state's `cpus` says which CPUs have it. CPU0's
 * states are WFI and L_SLEEP, CPU1's WFI and B_SLEEP; each enters its own
 * deepest. CPU0 idles the whole second: 100 uW x 1 s = 100 uJ (the
 * platform's last state, B_SLEEP, would give 500). CPU1 runs about 1 ms
 * (how long exactly is rt-app `runtime` semantics, not this test's
 * subject) and idles the rest at 500 uW: 500 x idle_ns / 10^9 uJ
 * (499 for 0.999 s). The exit latency handed to
 * select_task_rq_fair() in rq->idle_exit_latency (idle_get_state() of
 * the CPU) is L_SLEEP's 200 us for CPU0, and cpu_idle carries the index
 * in the CPU's own cpuidle driver (cpuidle_enter_state():
 * trace_cpu_idle(index, dev->cpu)): 1 for both (WFI = 0).
 */
static void test_idle_state_per_cpu(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1, \"calibration\": \"CPU1\" },"
		"  \"tasks\": { \"t\": { \"cpus\": [1], \"loop\": 1,"
		"                        \"runtime\": 1000 } } }";
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_sim_config cfg;
		struct run r;
		char *tr;

		memset(&cfg, 0, sizeof(cfg));
		cfg.trace = tmpfile();
		assert_non_null(cfg.trace);
		sim_full(&r, plat_idle, kernels[i], wl, &cfg);
		assert_int_equal(r.st->cpus[0].idle_ns, 1000000000ull);
		assert_int_equal(r.st->cpus[0].idle_energy_uj, 100);
		assert_int_equal(r.st->cpus[1].busy_ns + r.st->cpus[1].idle_ns,
				 1000000000ull);
		assert_in_range(r.st->cpus[1].busy_ns, 1000000, 1100000);
		assert_int_equal(r.st->cpus[1].idle_energy_uj,
				 r.st->cpus[1].idle_ns * 500 / 1000000000ull);
		/* 600 mW (600000 uW) busy */
		assert_int_equal(r.st->cpus[1].active_energy_uj,
				 r.st->cpus[1].busy_ns * 600 / 1000000ull);
		assert_int_equal(r.st->energy_uj,
				 100 + r.st->cpus[1].idle_energy_uj +
					 r.st->cpus[1].active_energy_uj);
		/* pinned: select_task_rq() never called select_task_rq_fair(),
		 * so no placement (test_idle_state_hikey960 checks the rq
		 * snapshot's per-CPU exit latencies) */
		assert_int_equal(r.st->placements, 0);
		tr = read_back(cfg.trace);
		assert_non_null(strstr(tr, "[000] d..2     0.000000: cpu_idle: "
					   "state=1 cpu_id=0\n"));
		assert_non_null(strstr(tr, "cpu_idle: state=1 cpu_id=1\n"));
		assert_null(strstr(tr, "cpu_idle: state=2 "));
		free(tr);
		sim_close(&r);
		fclose(cfg.trace);
	}
}

/*
 * examples/platforms/hikey960.json: CPUs 0-3 have WFI (1 us),
 * CPU_SLEEP_0 (650), CLUSTER_SLEEP_0 (1600); CPUs 4-7 WFI, CPU_SLEEP_1
 * (550), CLUSTER_SLEEP_1 (2900). Each cluster's deepest is index 2 of
 * its own driver, with exit latency 1600 us (little) / 2900 us (big);
 * the platform's last entry (index 4, 2900 us) belongs to the big CPUs
 * only.
 */
static void test_idle_state_hikey960(void **state)
{
	static const char wl[] =
		"{ \"global\": { \"duration\": 1 },"
		"  \"tasks\": { \"t\": { \"cpus\": [0, 1], \"run\": 1000,"
		"                        \"sleep\": 1000 } } }";
	size_t plen;
	char *plat = eas_test_slurp("examples/platforms/hikey960.json", &plen);
	int i;
	uint32_t c;

	(void)state;
	assert_non_null(plat);
	for (i = 0; i < 2; i++) {
		struct eas_sim_config cfg;
		struct run r;
		char *tr, want[128];

		memset(&cfg, 0, sizeof(cfg));
		cfg.trace = tmpfile();
		assert_non_null(cfg.trace);
		sim_open(&r, plat, kernels[i], wl, &cfg);
		/* up to 1 ns: the fork at t = 0 (allowed on CPUs 0-1, so
		 * select_task_rq_fair() runs) saw every CPU idle
		 * (fill_all_rqs()) and chose CPU0 or CPU1 (the flavours'
		 * slow paths differ), then the little domain was refreshed by
		 * schedutil with that CPU busy and the other three idle */
		assert_int_equal(eas_sim_run(r.s, 1), 0);
		assert_true((r.s->rq[0].idle_exit_latency == 0) !=
			    (r.s->rq[1].idle_exit_latency == 0));
		for (c = 0; c < 4; c++)
			if (r.s->rq[c].idle_exit_latency)
				assert_int_equal(r.s->rq[c].idle_exit_latency,
						 1600);
		assert_int_equal(r.s->rq[2].idle_exit_latency, 1600);
		assert_int_equal(r.s->rq[3].idle_exit_latency, 1600);
		for (c = 4; c < 8; c++)
			assert_int_equal(r.s->rq[c].idle_exit_latency, 2900);
		eas_sim_run(r.s, 0);
		tr = read_back(cfg.trace);
		for (c = 0; c < 8; c++) {
			snprintf(want, sizeof(want),
				 "0.000000: cpu_idle: state=2 cpu_id=%u\n", c);
			assert_non_null(strstr(tr, want));
		}
		assert_null(strstr(tr, "cpu_idle: state=4 "));
		assert_null(strstr(tr, "cpu_idle: state=3 "));
		free(tr);
		sim_close(&r);
		fclose(cfg.trace);
	}
	free(plat);
}

/* ---- 2. outputs never change the run ---------------------------------- */

static void progress_cb(void *ctx, uint64_t now, uint64_t end)
{
	(*(uint64_t *)ctx)++;
	assert_true(now <= end);
}

/* eas_sim_write_json() of one run, with or without every output. */
static char *json_of(const char *plat, enum eas_kernel k, const char *wl,
		     bool outputs, uint32_t svg_samples)
{
	struct eas_sim_config cfg;
	struct run r;
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	uint64_t calls = 0, placements;

	memset(&cfg, 0, sizeof(cfg));
	if (outputs) {
		cfg.trace = tmpfile();
		assert_non_null(cfg.trace);
		cfg.decisions = tmpfile(); /* the decision log (policy.md) */
		assert_non_null(cfg.decisions);
		cfg.svg_samples = svg_samples;
		cfg.progress = progress_cb;
		cfg.progress_ctx = &calls;
	}
	sim_full(&r, plat, k, wl, &cfg);
	m = open_memstream(&buf, &len);
	assert_non_null(m);
	eas_sim_write_json(r.s, m);
	if (outputs) {
		FILE *svg = tmpfile();

		assert_non_null(svg);
		assert_int_equal(eas_sim_write_svg(r.s, svg), 0);
		fclose(svg);
		/* and writing the plot after the report changes nothing */
		eas_sim_write_json(r.s, m);
	}
	fclose(m);
	placements = r.st->placements;
	sim_close(&r);
	if (outputs) {
		assert_true(calls > 0);
		/* one line per placement was written (none when every task
		 * is pinned: select_task_rq() skips the class's choice) */
		assert_true((ftell(cfg.decisions) > 0) == (placements > 0));
		fclose(cfg.trace);
		fclose(cfg.decisions);
	}
	return buf;
}

static void check_outputs_neutral(const char *plat, const char *wl,
				  const char *what)
{
	static const uint32_t svg[3] = { 1000, 7, 4096 };
	int i, j;

	for (i = 0; i < 2; i++) {
		char *base = json_of(plat, kernels[i], wl, false, 0);
		size_t n = strlen(base);

		for (j = 0; j < 3; j++) {
			char *with =
				json_of(plat, kernels[i], wl, true, svg[j]);

			/* the report, then the same report again */
			if (strlen(with) != 2 * n || memcmp(base, with, n) ||
			    memcmp(base, with + n, n))
				fail_msg("%s %s: --json changed by outputs "
					 "(svg %u samples)",
					 what, eas_kernel_name(kernels[i]),
					 svg[j]);
			free(with);
		}
		free(base);
	}
}

/*
 * Before: the plot's sampler called update_cpu() on every CPU, adding
 * PELT update points (the sums truncate at each) and counting the samples
 * as events, so the default run's v5.4 energy went 458052 -> 474148 uJ.
 */
static void test_outputs_leave_run_unchanged(void **state)
{
	static const char *const wls[] = {
		"examples/workloads/phone-light.json",
		"examples/workloads/heavy-mix.json",
		"examples/workloads/rt-cfs-misfit.json",
		"examples/workloads/ramp.json",
		"examples/workloads/uclamp.json",
	};
	size_t i, len;
	char *hikey = eas_test_slurp("examples/platforms/hikey960.json", &len);

	(void)state;
	assert_non_null(hikey);
	check_outputs_neutral(eas_sim_default_platform(),
			      eas_sim_default_workload(), "default");
	for (i = 0; i < sizeof(wls) / sizeof(wls[0]); i++) {
		char *wl = eas_test_slurp(wls[i], &len);

		assert_non_null(wl);
		check_outputs_neutral(hikey, wl, wls[i]);
		free(wl);
	}
	/* idle power: an energy figure the observers could disturb */
	check_outputs_neutral(plat_p2, wl_p2, "p2");
	/* no duration: the plot's buffer is compacted as the run goes */
	check_outputs_neutral(
		plat_idle,
		"{ \"tasks\": { \"a\": { \"loop\": 50, \"run\": 1000,"
		"  \"sleep\": 3000 }, \"b\": { \"loop\": 30, \"run\": 2000,"
		"  \"sleep\": 1500 } } }",
		"until-done");
	free(hikey);
}

/*
 * The plot's samples observe what an update at that instant would give:
 * each sample's cfs + rt util_avg equals that of a run stopped there
 * (eas_sim_run(end) updates every CPU at end). 13 samples over 2 s,
 * 166.67 ms apart: never on a tick (4 ms) or a timer (16 ms), so no event
 * shares the instant; some fall in CPU0's busy 4 ms of a period. Both
 * flavours.
 */
static void test_svg_samples_observe(void **state)
{
	int i;
	uint32_t n, c, busy;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct eas_sim_config cfg;
		struct run r;

		busy = 0;
		memset(&cfg, 0, sizeof(cfg));
		cfg.svg_samples = 13;
		sim_full(&r, plat_p2, kernels[i], wl_p2, &cfg);
		assert_int_equal(r.s->svg_n, 13);
		for (n = 1; n < r.s->svg_n - 1; n++) {
			struct run q;
			uint64_t t = r.s->svg_t[n];

			assert_true(t % 4000000ull && t % 16000000ull);
			sim_open(&q, plat_p2, kernels[i], wl_p2, NULL);
			assert_int_equal(eas_sim_run(q.s, t), 0);
			for (c = 0; c < 2; c++)
				assert_int_equal(
					r.s->svg_util[(size_t)n * 2 + c],
					q.s->cpus[c].cfs_avg.util_avg +
						q.s->cpus[c].rt_avg.util_avg);
			assert_int_equal(r.s->svg_energy[n],
					 eas__sim_energy_uj(q.s));
			busy += q.s->cpus[0].curr >= 0;
			sim_close(&q);
		}
		assert_true(busy > 0);
		sim_close(&r);
	}
}

static char *run_out(const char *dir, const char *args)
{
	char cmd[4096], path[512];
	char *out;

	snprintf(path, sizeof(path), "%s/out.json", dir);
	snprintf(cmd, sizeof(cmd), EAS_BIN " simulate %s > %s", args, path);
	if (eas_test_run(cmd) != 0)
		fail_msg("failed: %s", cmd);
	out = eas_test_slurp(path, NULL);
	assert_non_null(out);
	return out;
}

/* --json without its "oracle" member, re-serialised. */
static char *without_oracle(const char *text)
{
	json_object *o = json_tokener_parse(text);
	char *s;

	assert_non_null(o);
	assert_true(json_object_object_get_ex(o, "oracle", NULL));
	json_object_object_del(o, "oracle");
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

static char *reserialised(const char *text)
{
	json_object *o = json_tokener_parse(text);
	char *s;

	assert_non_null(o);
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

/*
 * `eas simulate`: every option that only adds output (tools/
 * cmd_simulate.c: --trace, --trace-dat, --svg, --oracle's extra member,
 * --seed, --decisions; the
 * progress bar is the library's progress callback, checked above since it
 * needs a terminal) leaves --json byte-identical, on several workloads and
 * both flavours.
 */
static void test_cli_outputs(void **state)
{
	static const char *const runs[] = {
		"",
		"examples/platforms/hikey960.json "
		"examples/workloads/periodic-10pct.json",
		"examples/platforms/hikey960.json "
		"examples/workloads/rt-cfs-misfit.json --duration 3",
		"examples/platforms/rk3399.json "
		"examples/workloads/phone-light.json --duration 2",
	};
	static const char *const ks[] = { "v5.4", "v6.19" };
	char dir[256], args[2048];
	size_t i, j;

	(void)state;
	assert_int_equal(eas_test_mkdtemp(dir, sizeof(dir), "sim_output"), 0);
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		for (j = 0; j < 2; j++) {
			char *base, *with, *a, *b;

			snprintf(args, sizeof(args), "%s --kernel %s --json",
				 runs[i], ks[j]);
			base = run_out(dir, args);
			snprintf(args, sizeof(args),
				 "%s --kernel %s --json --svg %s/p.svg",
				 runs[i], ks[j], dir);
			with = run_out(dir, args);
			if (strcmp(base, with))
				fail_msg("--svg changed --json: %s", args);
			free(with);
			snprintf(args, sizeof(args),
				 "%s --kernel %s --json --trace %s/t.txt",
				 runs[i], ks[j], dir);
			with = run_out(dir, args);
			if (strcmp(base, with))
				fail_msg("--trace changed --json: %s", args);
			free(with);
			snprintf(
				args, sizeof(args),
				"%s --kernel %s --trace %s/t.txt --svg %s/p.svg "
				"--trace-dat %s/t.dat --seed 9 --json "
				"--decisions %s/d.jsonl",
				runs[i], ks[j], dir, dir, dir, dir);
			with = run_out(dir, args);
			if (strcmp(base, with))
				fail_msg("outputs changed --json: %s", args);
			free(with);
			/* --oracle adds its member, nothing else */
			snprintf(
				args, sizeof(args),
				"%s --kernel %s --json --oracle --svg %s/p.svg",
				runs[i], ks[j], dir);
			with = run_out(dir, args);
			a = reserialised(base);
			b = without_oracle(with);
			if (strcmp(a, b))
				fail_msg("--oracle changed --json: %s", args);
			free(a);
			free(b);
			free(with);
			free(base);
		}
	}
	assert_int_equal(eas_test_rmtree(dir), 0);
}

/* ---- 5. the trace as the kernel prints it ----------------------------- */

static char *p2_trace(enum eas_kernel k, uint64_t *energy)
{
	struct eas_sim_config cfg;
	struct run r;
	char *tr;

	memset(&cfg, 0, sizeof(cfg));
	cfg.trace = tmpfile();
	assert_non_null(cfg.trace);
	sim_full(&r, plat_p2, k, wl_p2, &cfg);
	*energy = r.st->energy_uj;
	sim_close(&r);
	tr = read_back(cfg.trace);
	fclose(cfg.trace);
	return tr;
}

/* the value of the last `C|900|name|` counter line at or before `ts` */
static uint64_t counter_at(const char *tr, const char *ts, const char *name)
{
	char key[64];
	const char *p = tr, *hit = NULL;
	size_t tl = strlen(ts);

	snprintf(key, sizeof(key), "C|900|%s|", name);
	while ((p = strstr(p, key))) {
		if (!strncmp(p - strlen(": tracing_mark_write: ") - tl, ts, tl))
			hit = p;
		p++;
	}
	if (!hit)
		fail_msg("no %s counter at %s", name, ts);
	return strtoull(hit + strlen(key), NULL, 10);
}

/*
 * One CFS thread pinned on CPU0 of plat_p2: about 4 ms busy every 16 ms.
 *  - __schedule() traces sched_switch before context_switch(): going idle
 *    after its first 4 ms is the thread's line, `t-1000`;
 *  - wake_up_new_task() traces only sched_wakeup_new (no sched_waking),
 *    in the parent's context on the forking CPU (CPU0);
 *  - energy at the 4 ms tick (the thread still running): CPU0 4 ms x
 *    400 mW (the boot OPP, the top one) = 1600, CPU1 idle 4 ms x 7 mW =
 *    28: 1628 uJ (1600 before: idle CPU1 not yet accounted); the last
 *    tick (2 s) equals --json's energy_uj;
 *  - print_event_info(): "# entries-in-buffer/entries-written: N/N   #P:2"
 *    with N the event lines that follow;
 *  - counters are written by a named task, libeas-counters-900.
 */
static void test_trace_kernel_format(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		uint64_t energy, n = 0, entries = 0, pcpu = 0;
		char *tr = p2_trace(kernels[i], &energy);
		const char *p, *nl;
		char *wk;

		p = strstr(tr, ": sched_switch: prev_comm=t prev_pid=1000 ");
		assert_non_null(p);
		nl = strchr(p, '\n');
		assert_non_null(nl);
		while (p > tr && p[-1] != '\n')
			p--;
		assert_true(!strncmp(p, "               t-1000    [000] d..2 ",
				     36));
		assert_true(!strncmp(nl - 76,
				     " prev_prio=120 prev_state=S ==> "
				     "next_comm=swapper/0 next_pid=0 "
				     "next_prio=120\n",
				     77));
		/* nothing switches out as <idle> except swapper */
		for (p = tr; (p = strstr(p, "<idle>-0 ")); p++) {
			nl = strchr(p, '\n');
			assert_non_null(nl);
			wk = strstr(p, ": sched_switch: prev_comm=");
			if (wk && wk < nl)
				assert_true(
					!strncmp(wk + 26, "swapper/0 ", 10));
		}
		/* the fork */
		wk = strstr(tr, ": sched_wakeup_new: ");
		assert_non_null(wk);
		assert_non_null(strstr(
			tr, "          <idle>-0       [000] d..2     0.000000: "
			    "sched_wakeup_new: comm=t pid=1000 prio=120 "
			    "target_cpu=000\n"));
		p = strstr(tr, ": sched_waking: ");
		assert_true(p == NULL || p > wk);
		assert_int_equal(counter_at(tr, "     0.004000", "energy_uj"),
				 1628);
		assert_int_equal(counter_at(tr, "     2.000000", "energy_uj"),
				 energy);
		/* header */
		assert_int_equal(sscanf(tr,
					"# tracer: nop\n#\n"
					"# entries-in-buffer/entries-written: "
					"%" SCNu64 "/%" SCNu64 "   #P:%" SCNu64
					"\n",
					&entries, &n, &pcpu),
				 3);
		assert_int_equal(pcpu, 2);
		assert_int_equal(entries, n);
		n = 0;
		for (p = tr; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			assert_non_null(nl);
			if (*p != '#')
				n++;
			if (strstr(p, ": tracing_mark_write: C|900|") &&
			    strstr(p, ": tracing_mark_write: C|900|") < nl)
				assert_true(!strncmp(
					p, " libeas-counters-900     [", 26));
		}
		assert_int_equal(n, entries);
		assert_true(n > 1000);
		free(tr);
	}
}

/* A run cut short still writes its trace, header first, at free. */
static void test_trace_partial_run(void **state)
{
	struct eas_sim_config cfg;
	struct run r;
	char *tr;
	uint64_t a, b, c;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.trace = tmpfile();
	assert_non_null(cfg.trace);
	sim_open(&r, plat_p2, EAS_KERNEL_V6_19, wl_p2, &cfg);
	assert_int_equal(eas_sim_run(r.s, 10000000ull), 0);
	sim_close(&r);
	tr = read_back(cfg.trace);
	fclose(cfg.trace);
	assert_int_equal(sscanf(tr,
				"# tracer: nop\n#\n"
				"# entries-in-buffer/entries-written: "
				"%" SCNu64 "/%" SCNu64 "   #P:%" SCNu64 "\n",
				&a, &b, &c),
			 3);
	assert_true(a > 5 && a == b && c == 2);
	assert_non_null(strstr(tr, "0.004000: tracing_mark_write: "
				   "C|900|energy_uj|1628\n"));
	assert_null(strstr(tr, "0.012000: "));
	free(tr);
}

/* ---- trace.dat (trace-cmd.dat.v6(5)) ---------------------------------- */

struct rd {
	const uint8_t *b;
	size_t n, off;
};

static uint64_t rd_le(struct rd *r, unsigned n)
{
	uint64_t v = 0;
	unsigned i;

	assert_true(r->off + n <= r->n);
	for (i = 0; i < n; i++)
		v |= (uint64_t)r->b[r->off + i] << (8 * i);
	r->off += n;
	return v;
}

static const char *rd_str0(struct rd *r)
{
	const char *s = (const char *)r->b + r->off;
	size_t l = strnlen(s, r->n - r->off);

	assert_true(r->off + l < r->n);
	r->off += l + 1;
	return s;
}

/* a sized text section: its text (not NUL-terminated) */
static const char *rd_sized(struct rd *r, unsigned size_bytes, size_t *len)
{
	const char *t;

	*len = (size_t)rd_le(r, size_bytes);
	assert_true(r->off + *len <= r->n);
	t = (const char *)r->b + r->off;
	r->off += *len;
	return t;
}

/*
 * The trace.dat of the p2 run (hz 1: CPU1 sees an event only every
 * second, so its deltas need time-extend records) read back by the layout
 * trace-cmd.dat.v6(5) and the kernel's header_page / header_event give:
 * every text line is one ring-buffer event on its CPU, in time order,
 * and the first switch to idle (4 ms) decodes to the sched_switch layout
 * (prev_pid 1000 at offset 24, prev_state 1 = S at offset 32).
 */
static void test_trace_dat(void **state)
{
	struct eas_sim_config cfg;
	struct run r;
	char *tr, *dat;
	struct rd rd;
	size_t len, dlen;
	uint64_t entries, n_ev = 0, extends = 0, off[2], size[2];
	uint32_t i, c, nsys, nev;
	bool saw_switch = false;
	FILE *df;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	cfg.hz = 1;
	cfg.trace = tmpfile();
	cfg.trace_dat = df = tmpfile();
	assert_non_null(cfg.trace);
	assert_non_null(df);
	sim_full(&r, plat_p2, EAS_KERNEL_V6_19, wl_p2, &cfg);
	sim_close(&r);
	tr = read_back(cfg.trace);
	fclose(cfg.trace);
	assert_int_equal(sscanf(tr,
				"# tracer: nop\n#\n"
				"# entries-in-buffer/entries-written: "
				"%" SCNu64,
				&entries),
			 1);
	dat = read_back(df);
	assert_int_equal(fseek(df, 0, SEEK_END), 0);
	dlen = (size_t)ftell(df);
	fclose(df);
	rd.b = (const uint8_t *)dat;
	rd.n = dlen;
	rd.off = 0;
	assert_memory_equal(dat, "\x17\x08\x44tracing", 10);
	rd.off = 10;
	assert_string_equal(rd_str0(&rd), "6");
	assert_int_equal(rd_le(&rd, 1), 0); /* little endian */
	assert_int_equal(rd_le(&rd, 1), 8); /* long */
	assert_int_equal(rd_le(&rd, 4), 4096);
	assert_string_equal(rd_str0(&rd), "header_page");
	(void)rd_sized(&rd, 8, &len);
	assert_string_equal(rd_str0(&rd), "header_event");
	(void)rd_sized(&rd, 8, &len);
	nev = (uint32_t)rd_le(&rd, 4); /* ftrace formats */
	assert_int_equal(nev, 1);
	assert_memory_equal(rd_sized(&rd, 8, &len), "name: print\n", 12);
	nsys = (uint32_t)rd_le(&rd, 4);
	assert_int_equal(nsys, 2);
	for (i = 0; i < nsys; i++) {
		const char *sys = rd_str0(&rd);

		assert_true(!strcmp(sys, "sched") || !strcmp(sys, "power"));
		nev = (uint32_t)rd_le(&rd, 4);
		while (nev--)
			assert_memory_equal(rd_sized(&rd, 8, &len),
					    "name: ", 6);
	}
	(void)rd_sized(&rd, 4, &len); /* kallsyms */
	(void)rd_sized(&rd, 4, &len); /* printk formats */
	{
		const char *cl = rd_sized(&rd, 8, &len);
		char *copy = strndup(cl, len);

		assert_non_null(strstr(copy, "900 libeas-counters\n"));
		assert_non_null(strstr(copy, "1000 t\n"));
		free(copy);
	}
	assert_int_equal(rd_le(&rd, 4), 2);
	assert_memory_equal(rd.b + rd.off, "flyrecord", 10);
	rd.off += 10;
	for (c = 0; c < 2; c++) {
		off[c] = rd_le(&rd, 8);
		size[c] = rd_le(&rd, 8);
		assert_int_equal(off[c] % 4096, 0);
		assert_int_equal(size[c] % 4096, 0);
		assert_true(off[c] + size[c] <= dlen);
	}
	for (c = 0; c < 2; c++) {
		uint64_t p, last = 0;

		for (p = off[c]; p < off[c] + size[c]; p += 4096) {
			struct rd pg = { rd.b + p, 4096, 0 };
			uint64_t ts = rd_le(&pg, 8), commit = rd_le(&pg, 8);

			assert_true(ts >= last);
			assert_true(commit > 0 && commit <= 4080);
			while (pg.off < 16 + commit) {
				uint32_t w = (uint32_t)rd_le(&pg, 4);
				uint32_t tl = w & 31, type;

				ts += w >> 5;
				if (tl == 30) {
					ts += rd_le(&pg, 4) << 27;
					extends++;
					continue;
				}
				assert_true(tl >= 1 && tl <= 28);
				type = (uint32_t)rd_le(&pg, 2);
				assert_true(type == 5 ||
					    (type >= 300 && type <= 306));
				pg.off += 6;
				if (type == 300 && c == 0 && !saw_switch &&
				    pg.b[pg.off + 16] == 1000 % 256 &&
				    ts >= 4000000ull && ts < 4100000ull) {
					struct rd f = { pg.b, 4096,
							pg.off + 16 };

					assert_int_equal(rd_le(&f, 4), 1000);
					(void)rd_le(&f, 4);
					assert_int_equal(rd_le(&f, 8), 1);
					saw_switch = true;
				}
				pg.off += tl * 4 - 8;
				n_ev++;
			}
			last = ts;
		}
	}
	assert_int_equal(n_ev, entries);
	assert_true(extends > 0);
	assert_true(saw_switch);
	free(dat);
	free(tr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_state_per_cpu),
		cmocka_unit_test(test_idle_state_hikey960),
		cmocka_unit_test(test_outputs_leave_run_unchanged),
		cmocka_unit_test(test_svg_samples_observe),
		cmocka_unit_test(test_cli_outputs),
		cmocka_unit_test(test_trace_kernel_format),
		cmocka_unit_test(test_trace_partial_run),
		cmocka_unit_test(test_trace_dat),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
