/* SPDX-License-Identifier: MIT */
/*
 * `eas simulate` as users run it: the embedded default, --json parsed back
 * with json-c, exit codes and messages for bad usage / bad input, the
 * ftrace text checked line by line against the pattern Perfetto's systrace
 * importer uses, the SVG, determinism.
 */
#define _POSIX_C_SOURCE 200809L /* popen(), mkstemp() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <json-c/json.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define EAS_BIN EAS_BINARY_DIR "/tools/eas"

/* Run a shell command, capture stdout (and stderr when merge), return the
 * exit status. */
static int run(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	size_t cap = 1 << 16, n = 0, k;
	char *buf = malloc(cap);
	int st;

	assert_non_null(p);
	assert_non_null(buf);
	while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 == cap) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
	}
	buf[n] = 0;
	st = pclose(p);
	*out = buf;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_default_summary(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(run(EAS_BIN " simulate", &out), 0);
	assert_non_null(
		strstr(out, "libeas simulation: hikey960, kernel v6.19"));
	assert_non_null(strstr(out, "energy:"));
	assert_non_null(strstr(out, "audio_io"));
	free(out);
	assert_int_equal(run(EAS_BIN " simulate --help", &out), 0);
	assert_non_null(strstr(out, "--active-balance"));
	free(out);
}

static json_object *get(json_object *o, const char *k)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(o, k, &v))
		fail_msg("missing key %s", k);
	return v;
}

static void test_json(void **state)
{
	static const char *const keys[] = {
		"kernel",
		"platform",
		"eas",
		"active_balance",
		"duration_us",
		"events",
		"energy_uj",
		"active_energy_uj",
		"idle_energy_uj",
		"migrations",
		"wakeup_migrations",
		"lb_migrations",
		"context_switches",
		"overutilized_us",
		"misfit_us",
		"placements",
		"active_balances",
		"cpus",
		"perf_domains",
		"tasks",
	};
	char *out, *out2;
	json_object *o, *cpus, *pds, *tasks;
	int64_t e = 0, pe = 0;
	size_t i;

	(void)state;
	assert_int_equal(run(EAS_BIN " simulate --json --kernel v5.4", &out),
			 0);
	o = json_tokener_parse(out);
	assert_non_null(o);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		(void)get(o, keys[i]);
	assert_string_equal(json_object_get_string(get(o, "kernel")), "v5.4");
	assert_int_equal(json_object_get_int64(get(o, "duration_us")), 2000000);
	cpus = get(o, "cpus");
	pds = get(o, "perf_domains");
	tasks = get(o, "tasks");
	assert_int_equal(json_object_array_length(cpus), 8);
	assert_int_equal(json_object_array_length(pds), 2);
	assert_int_equal(json_object_array_length(tasks), 7);
	for (i = 0; i < 8; i++) {
		json_object *c = json_object_array_get_idx(cpus, i);

		e += json_object_get_int64(get(c, "energy_uj"));
		/* each truncated from ns separately */
		assert_in_range(
			json_object_get_int64(get(c, "busy_us")) +
				json_object_get_int64(get(c, "idle_us")),
			1999999, 2000000);
	}
	for (i = 0; i < 2; i++)
		pe += json_object_get_int64(
			get(json_object_array_get_idx(pds, i), "energy_uj"));
	assert_int_equal(e, json_object_get_int64(get(o, "energy_uj")));
	assert_int_equal(pe, e);
	for (i = 0; i < json_object_array_length(tasks); i++) {
		json_object *t = json_object_array_get_idx(tasks, i);
		json_object *l = get(t, "wakeup_latency_us");

		assert_true(json_object_get_int64(get(l, "p50")) <=
			    json_object_get_int64(get(l, "p99")));
		assert_true(json_object_get_int64(get(l, "p99")) <=
			    json_object_get_int64(get(l, "max")));
		(void)get(t, "slack_us");
	}
	json_object_put(o);
	/* byte-identical second run; --seed changes nothing */
	assert_int_equal(
		run(EAS_BIN " simulate --json --kernel v5.4 --seed 7", &out2),
		0);
	assert_string_equal(out, out2);
	free(out);
	free(out2);
}

/* --active-balance all: three runs, one per mechanism, in order. */
static void test_compare(void **state)
{
	static const char *const m[3] = { "stopper", "balance_callback",
					  "fifo1_thread" };
	char *out;
	json_object *o, *a;
	size_t i;

	(void)state;
	assert_int_equal(
		run(EAS_BIN " simulate --active-balance all --json", &out), 0);
	o = json_tokener_parse(out);
	assert_non_null(o);
	a = get(o, "compare");
	assert_int_equal(json_object_array_length(a), 3);
	for (i = 0; i < 3; i++)
		assert_string_equal(json_object_get_string(
					    get(json_object_array_get_idx(a, i),
						"active_balance")),
				    m[i]);
	json_object_put(o);
	free(out);
	assert_int_equal(run(EAS_BIN " simulate --active-balance all", &out),
			 0);
	assert_non_null(strstr(out, "side by side"));
	assert_non_null(strstr(out, "fifo1_thread"));
	free(out);
	assert_int_equal(
		run(EAS_BIN
		    " simulate --active-balance all --trace /dev/null 2>&1",
		    &out),
		2);
	free(out);
}

static void test_usage_and_input_errors(void **state)
{
	char *out, path[128], cmd[512];
	FILE *f;
	int fd;

	(void)state;
	assert_int_equal(run(EAS_BIN " simulate --bogus 2>&1", &out), 2);
	assert_non_null(strstr(out, "unknown option"));
	free(out);
	assert_int_equal(run(EAS_BIN
			     " simulate examples/platforms/hikey960.json 2>&1",
			     &out),
			 2);
	free(out);
	assert_int_equal(
		run(EAS_BIN " simulate --active-balance nope 2>&1", &out), 2);
	free(out);
	assert_int_equal(run(EAS_BIN " simulate --duration x 2>&1", &out), 2);
	free(out);
	assert_int_equal(run(EAS_BIN " simulate --em-scale-power 2>&1", &out),
			 2);
	assert_non_null(strstr(out, "v5.4 only"));
	free(out);
	/* a workload with a wrong type: exit 1, file and JSON path named */
	fd = eas_test_mkstemp(path, sizeof(path), "sim_cli");
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("{ \"tasks\": { \"t\": { \"run\": \"lots\" } } }\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate examples/platforms/hikey960.json %s 2>&1",
		 path);
	assert_int_equal(run(cmd, &out), 1);
	assert_non_null(strstr(out, path));
	assert_non_null(strstr(out, "/tasks/t"));
	free(out);
	unlink(path);
	/* a missing file */
	assert_int_equal(run(EAS_BIN " simulate /nonexistent.json "
				     "examples/workloads/phone-light.json 2>&1",
			     &out),
			 1);
	assert_non_null(strstr(out, "/nonexistent.json"));
	free(out);
}

static void test_trace_and_svg(void **state)
{
	char tpath[128], spath[128];
	char cmd[512], line[1024], *out;
	regex_t rx;
	FILE *f;
	int fd1, fd2;
	unsigned long n = 0, sw = 0, wk = 0, fr = 0, ctr = 0;

	(void)state;
	fd1 = eas_test_mkstemp(tpath, sizeof(tpath), "sim_trace");
	fd2 = eas_test_mkstemp(spath, sizeof(spath), "sim_svg");
	assert_true(fd1 >= 0 && fd2 >= 0);
	close(fd1);
	close(fd2);
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate --duration-ms 300 --trace %s --svg %s",
		 tpath, spath);
	assert_int_equal(run(cmd, &out), 0);
	free(out);
	/* Perfetto's SystraceLineTokenizer pattern (POSIX ERE form) */
	assert_int_equal(
		regcomp(&rx,
			"-([0-9]+)[[:space:]]+\\(?[[:space:]]*([0-9]+|-+)?\\)?"
			"[[:space:]]?\\[([0-9]+)\\][[:space:]]*[a-zA-Z0-9.]{0,4}"
			"[[:space:]]+([0-9]+\\.[0-9]+):[[:space:]]+([^[:space:]]+):",
			REG_EXTENDED),
		0);
	f = fopen(tpath, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_string_equal(line, "# tracer: nop\n");
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		n++;
		if (regexec(&rx, line, 0, NULL, 0))
			fail_msg("not a systrace line: %s", line);
		if (strstr(line, ": sched_switch: prev_comm=")) {
			assert_non_null(strstr(line, " ==> next_comm="));
			sw++;
		}
		wk += strstr(line, ": sched_waking: comm=") != NULL;
		fr += strstr(line, ": cpu_frequency: state=") != NULL;
		ctr += strstr(line, ": tracing_mark_write: C|900|") != NULL;
	}
	fclose(f);
	regfree(&rx);
	assert_true(n > 100 && sw > 10 && wk > 10 && fr >= 8 && ctr > 10);
	f = fopen(spath, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	assert_non_null(
		strstr(line, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	fclose(f);
	unlink(tpath);
	unlink(spath);
}

/*
 * Workload warnings (docs/formats.md, `eas simulate`): rt-app's
 * spreading-tasks.json repeats the phase "heavy1". The tool prints one
 * warning on stderr (file:line:col, JSON path) and simulates what rt-app
 * runs: --json is byte-identical to the file without the repeat (both
 * "heavy1" values are equal). --strict refuses it (exit 1).
 */
static void test_workload_warnings(void **state)
{
	static const char nodup[] =
		"{\"tasks\":{\"thread1\":{\"instance\":1,\"loop\":-1,\"phases\":{"
		"\"light\":{\"loop\":300,\"run\":1000,\"timer\":{\"ref\":"
		"\"unique\",\"period\":10000}},"
		"\"heavy\":{\"loop\":300,\"run\":7000,\"timer\":{\"ref\":"
		"\"unique\",\"period\":10000}}}},"
		"\"thread2\":{\"instance\":1,\"loop\":-1,\"phases\":{"
		"\"light1\":{\"loop\":900,\"run\":1000,\"timer\":{\"ref\":"
		"\"unique\",\"period\":10000}},"
		"\"heavy1\":{\"loop\":600,\"run\":7000,\"timer\":{\"ref\":"
		"\"unique\",\"period\":10000}},"
		"\"light2\":{\"loop\":300,\"run\":1000,\"timer\":{\"ref\":"
		"\"unique\",\"period\":10000}}}}},"
		"\"global\":{\"duration\":60,\"default_policy\":\"SCHED_OTHER\","
		"\"calibration\":\"CPU0\"}}";
	static const char wl[] = "tests/data/rtapp-corpus/"
				 "rt-app__spreading-tasks.json";
	static const char plat[] = "examples/platforms/hikey960.json";
	char *err, *a, *b, cmd[1024], path[512];
	FILE *f;

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate %s %s --duration-ms 300 --json "
			 "2>&1 >/dev/null",
		 plat, wl);
	assert_int_equal(run(cmd, &err), 0);
	assert_non_null(strstr(err, "eas simulate: warning: "
				    "tests/data/rtapp-corpus/"
				    "rt-app__spreading-tasks.json:38:33: "
				    "/tasks/thread2/phases/heavy1: duplicate "
				    "key 'heavy1'"));
	assert_null(strstr(strchr(err, '\n') + 1, "warning"));
	free(err);
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate %s %s --duration-ms 300 --json "
			 "2>/dev/null",
		 plat, wl);
	assert_int_equal(run(cmd, &a), 0);
	snprintf(path, sizeof(path), "%s/rtapp_spreading_nodup.json",
		 EAS_BINARY_DIR);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(nodup, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate %s %s --duration-ms 300 --json --strict "
			 "2>&1",
		 plat, path);
	assert_int_equal(run(cmd, &b), 0);
	assert_true(strlen(a) > 1000);
	assert_string_equal(a, b);
	free(a);
	free(b);
	unlink(path);
	snprintf(cmd, sizeof(cmd),
		 EAS_BIN " simulate %s %s --strict --duration-ms 300 2>&1",
		 plat, wl);
	assert_int_equal(run(cmd, &err), 1);
	assert_non_null(strstr(err, "rt-app__spreading-tasks.json:38:33: "
				    "/tasks/thread2/phases/heavy1: duplicate "
				    "key 'heavy1'"));
	assert_null(strstr(err, "warning"));
	free(err);
}

/*
 * Durations whose nanoseconds overflow 64 bits, or beyond
 * EAS_SIM_MAX_DURATION_NS (7 days), are refused with a message (exit 2).
 * They used to wrap: --duration 18446744074 ran 290 ms, --duration-ms
 * 18446744073710 0.448 ms, and --duration 18446744073 (no overflow,
 * 584 years) never ended.
 */
static void test_duration_bounds(void **state)
{
	static const char *const bad[] = {
		" simulate --duration 18446744074 2>&1",
		" simulate --duration-ms 18446744073710 2>&1",
		" simulate --duration 18446744073 2>&1",
		" simulate --duration 604801 2>&1",
		" simulate --duration-ms 604800001 2>&1",
		" simulate --duration 99999999999999999999999 2>&1",
	};
	char cmd[256], *out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s%s", EAS_BIN, bad[i]);
		assert_int_equal(run(cmd, &out), 2);
		if (!strstr(out, "more than the maximum"))
			fail_msg("%s: %s", bad[i], out);
		free(out);
	}
	assert_int_equal(run(EAS_BIN " simulate --duration 0 2>&1", &out), 2);
	assert_non_null(strstr(out, "--duration: expected an integer"));
	free(out);
	/* the largest accepted value is 7 days; a short run still works */
	assert_int_equal(run(EAS_BIN " simulate --duration-ms 5 --json", &out),
			 0);
	assert_non_null(strstr(out, "\"duration_us\": 5000,"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_summary),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_usage_and_input_errors),
		cmocka_unit_test(test_duration_bounds),
		cmocka_unit_test(test_trace_and_svg),
		cmocka_unit_test(test_workload_warnings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
