/* SPDX-License-Identifier: MIT */
/*
 * rt-app parser (lib/sim/rtapp.c). Each quirk of the upstream rt-app and
 * LISA files in tests/data/rtapp (sources in its README.md) is reproduced
 * by a small hand-written input here, and the real files are checked too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/rtapp.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int load(const char *s, struct eas_rtapp_workload *w,
		struct eas_json_diag *d)
{
	memset(d, 0, sizeof(*d));
	return eas_rtapp_load(s, strlen(s), w, d);
}

static void assert_zeroed(const struct eas_rtapp_workload *w)
{
	static const struct eas_rtapp_workload zero;
	assert_memory_equal(w, &zero, sizeof(zero));
}

/* Loads s expecting error err whose path is `path`; returns the diag. */
static struct eas_json_diag expect_err(const char *s, int err, const char *path)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	int r = load(s, &w, &d);

	if (r != err || strcmp(d.path, path))
		fprintf(stderr, "got %d (%s) at '%s': %s\n", r, eas_err_name(r),
			d.path, d.msg);
	assert_int_equal(r, err);
	assert_int_equal(d.err, err);
	assert_string_equal(d.path, path);
	assert_true(d.msg[0] != '\0');
	assert_zeroed(&w);
	return d;
}

/* tutorial example2: C comment, host-side global keys, one periodic task
 * without "phases" (10 % duty cycle) */
static void test_example2_like(void **state)
{
	static const char doc[] =
		"{\n"
		"  /* 10 % periodic load,\n   until stopped */\n"
		"  \"tasks\": {\n"
		"    \"thread0\": { \"instance\": 1, \"loop\": -1,\n"
		"      \"run\": 10000,\n"
		"      \"timer\": { \"ref\": \"unique\", \"period\": 100000 }\n"
		"    }\n"
		"  },\n"
		"  \"global\": { \"duration\": 2, \"calibration\": \"CPU0\",\n"
		"    \"default_policy\": \"SCHED_OTHER\", \"pi_enabled\": false,\n"
		"    \"lock_pages\": false, \"logdir\": \"./\",\n"
		"    \"log_basename\": \"x\", \"ftrace\": \"main,task\",\n"
		"    \"gnuplot\": true }\n"
		"}\n";
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	const struct eas_rtapp_task *t;
	const struct eas_rtapp_phase *ph;

	(void)state;
	assert_int_equal(load(doc, &w, &d), 0);
	assert_int_equal(w.duration_s, 2);
	assert_int_equal(w.calibration_cpu, 0);
	assert_int_equal(w.calibration_ns, -1);
	assert_int_equal(w.default_policy, EAS_POLICY_NORMAL);
	assert_int_equal(w.nr_tasks, 1);
	t = &w.tasks[0];
	assert_string_equal(t->name, "thread0");
	assert_int_equal(t->instance, 1);
	assert_int_equal(t->delay_us, 0);
	/* no "phases": "loop" belongs to the phase, thread runs once */
	assert_int_equal(t->loop, 1);
	assert_int_equal(t->props.policy, EAS_POLICY_NORMAL);
	assert_int_equal(t->props.priority, 0);
	assert_int_equal(t->props.util_min, -1);
	assert_int_equal(t->props.util_max, -1);
	assert_int_equal(t->props.nr_cpus, 0);
	assert_int_equal(t->nr_phases, 1);
	ph = &t->phases[0];
	assert_int_equal(ph->loop, -1);
	assert_int_equal(ph->props.policy, -1);
	assert_int_equal(ph->props.priority, INT32_MIN);
	assert_int_equal(ph->nr_events, 2);
	assert_int_equal(ph->events[0].type, EAS_RTAPP_RUN);
	assert_int_equal(ph->events[0].us, 10000);
	assert_int_equal(ph->events[0].timer, -1);
	assert_int_equal(ph->events[1].type, EAS_RTAPP_TIMER);
	assert_int_equal(ph->events[1].us, 100000);
	assert_int_equal(ph->events[1].timer, 0);
	assert_false(ph->events[1].timer_absolute);
	assert_int_equal(w.nr_timers, 1);
	assert_string_equal(w.timers[0].ref, "unique");
	assert_true(w.timers[0].unique);
	eas_rtapp_free(&w);
	assert_zeroed(&w);
}

/* thread without phases and without loop: forever */
static void test_no_phases_no_loop(void **state)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(
		load("{\"tasks\":{\"a\":{\"run\":5,\"sleep\":5}}}", &w, &d), 0);
	assert_int_equal(w.tasks[0].loop, -1);
	assert_int_equal(w.tasks[0].phases[0].loop, 1);
	assert_int_equal(w.tasks[0].phases[0].events[1].type, EAS_RTAPP_SLEEP);
	/* no global: rt-app defaults */
	assert_int_equal(w.duration_s, -1);
	assert_int_equal(w.calibration_cpu, 0);
	assert_int_equal(w.default_policy, EAS_POLICY_NORMAL);
	eas_rtapp_free(&w);
}

/* cpufreq_governor_efficiency/dvfs.json: trailing commas, SCHED_FIFO
 * pinned task, pLoad calibration, shared timer */
static void test_dvfs_like(void **state)
{
	static const char doc[] =
		"{ \"tasks\": { \"thread\": {\n"
		"    \"instance\": 1, \"policy\": \"SCHED_FIFO\", \"cpus\": [1],\n"
		"    \"loop\": 10,\n"
		"    \"phases\": {\n"
		"      \"sleeping\": { \"loop\": 1,\n"
		"        \"timer\": { \"ref\": \"tick\", \"period\": 1200000, } },\n"
		"      \"running\": { \"loop\": 1, \"run\": 900000, }\n"
		"    } } },\n"
		"  \"global\": { \"default_policy\": \"SCHED_OTHER\",\n"
		"    \"calibration\": 128, \"lock_pages\": true,\n"
		"    \"logdir\": \"./\", \"log_size\": 2, }\n"
		"}\n";
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	const struct eas_rtapp_task *t;

	(void)state;
	assert_int_equal(load(doc, &w, &d), 0);
	assert_int_equal(w.calibration_cpu, -1);
	assert_int_equal(w.calibration_ns, 128);
	t = &w.tasks[0];
	assert_int_equal(t->props.policy, EAS_POLICY_FIFO);
	assert_int_equal(t->props.priority, 10); /* rt-app default RT prio */
	assert_int_equal(t->props.nr_cpus, 1);
	assert_int_equal(t->props.cpus[0], 1);
	assert_int_equal(t->loop, 10);
	assert_int_equal(t->nr_phases, 2);
	assert_string_equal(t->phases[0].name, "sleeping");
	assert_string_equal(t->phases[1].name, "running");
	assert_int_equal(t->phases[0].events[0].type, EAS_RTAPP_TIMER);
	assert_int_equal(t->phases[0].events[0].us, 1200000);
	assert_int_equal(t->phases[1].events[0].type, EAS_RTAPP_RUN);
	assert_int_equal(t->phases[1].events[0].us, 900000);
	assert_int_equal(w.nr_timers, 1);
	assert_string_equal(w.timers[0].ref, "tick");
	assert_false(w.timers[0].unique);
	eas_rtapp_free(&w);
}

/* spreading-tasks.json repeats the phase key "heavy1": an error naming
 * the key, never "keep the last" */
static void test_duplicate_phase_key(void **state)
{
	static const char doc[] =
		"{ \"tasks\": { \"thread2\": { \"loop\": -1, \"phases\": {\n"
		"  \"light1\": { \"loop\": 900, \"run\": 1000,\n"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },\n"
		"  \"heavy1\": { \"loop\": 600, \"run\": 7000,\n"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },\n"
		"  \"heavy1\": { \"loop\": 600, \"run\": 7000,\n"
		"     \"timer\": { \"ref\": \"unique\", \"period\": 10000 } },\n"
		"} } } }\n";
	struct eas_rtapp_workload w;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load(doc, &w, &d), EAS_EFORMAT);
	assert_non_null(strstr(d.path, "heavy1"));
	assert_non_null(strstr(d.msg, "heavy1"));
	assert_int_equal(d.line, 6); /* the second "heavy1" */
	assert_true(d.column > 0);
	assert_true(d.offset > 0 && d.offset < sizeof(doc));
	assert_zeroed(&w);
}

/* mp3-short.json repeats "run" inside one phase */
static void test_duplicate_event_key(void **state)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load("{\"tasks\":{\"t\":{\"run\":1,\"sleep\":2,"
			      "\"run\":3}}}",
			      &w, &d),
			 EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "run"));
	assert_zeroed(&w);
}

/* LISA-generated strict JSON: a 10 % -> 60 % ramp on one shared timer */
static void test_lisa_ramp(void **state)
{
	static const unsigned run[] = { 3200, 1600, 4800, 8000, 9600 };
	static const unsigned period[] = { 32000, 16000, 16000, 16000, 16000 };
	static const unsigned loops[] = { 93, 31, 31, 31, 187 };
	static const unsigned duty[] = { 10, 10, 30, 50, 60 };
	char doc[2048];
	size_t n = 0;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;

	(void)state;
	n += (size_t)snprintf(doc + n, sizeof(doc) - n,
			      "{\"global\":{\"calibration\":355,"
			      "\"default_policy\":\"SCHED_OTHER\","
			      "\"duration\":-1,\"logdir\":\"/root\"},"
			      "\"tasks\":{\"task_lrh\":{\"loop\":1,"
			      "\"phases\":{");
	for (int i = 0; i < 5; i++)
		n += (size_t)snprintf(doc + n, sizeof(doc) - n,
				      "%s\"p%06d\":{\"loop\":%u,\"run\":%u,"
				      "\"timer\":{\"period\":%u,"
				      "\"ref\":\"task_lrh\"}}",
				      i ? "," : "", i + 1, loops[i], run[i],
				      period[i]);
	snprintf(doc + n, sizeof(doc) - n, "},\"policy\":\"SCHED_OTHER\"}}}");
	assert_int_equal(load(doc, &w, &d), 0);
	assert_int_equal(w.calibration_ns, 355);
	assert_int_equal(w.duration_s, -1);
	assert_int_equal(w.tasks[0].loop, 1);
	assert_int_equal(w.tasks[0].nr_phases, 5);
	for (int i = 0; i < 5; i++) {
		const struct eas_rtapp_phase *ph = &w.tasks[0].phases[i];
		assert_int_equal(ph->loop, loops[i]);
		assert_int_equal(ph->nr_events, 2);
		assert_int_equal(ph->events[0].us, run[i]);
		assert_int_equal(ph->events[1].us, period[i]);
		assert_int_equal(ph->events[1].timer, 0);
		/* duty cycle in % */
		assert_int_equal(run[i] * 100 / period[i], duty[i]);
	}
	assert_int_equal(w.nr_timers, 1);
	assert_false(w.timers[0].unique);
	eas_rtapp_free(&w);
}

/* Event keys match by prefix in rt-app's order: runtime before run. */
static void test_event_prefixes(void **state)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	const struct eas_rtapp_phase *ph;

	(void)state;
	assert_int_equal(load("{\"tasks\":{\"t\":{\"runtime0\":1,\"run1\":2,"
			      "\"runtime\":3,\"run_x\":4,\"sleep2\":5,"
			      "\"timerA\":{\"ref\":\"r\",\"period\":6}}}}",
			      &w, &d),
			 0);
	ph = &w.tasks[0].phases[0];
	assert_int_equal(ph->nr_events, 6);
	assert_int_equal(ph->events[0].type, EAS_RTAPP_RUNTIME);
	assert_int_equal(ph->events[1].type, EAS_RTAPP_RUN);
	assert_int_equal(ph->events[2].type, EAS_RTAPP_RUNTIME);
	assert_int_equal(ph->events[3].type, EAS_RTAPP_RUN);
	assert_int_equal(ph->events[4].type, EAS_RTAPP_SLEEP);
	assert_int_equal(ph->events[5].type, EAS_RTAPP_TIMER);
	for (int i = 0; i < 6; i++)
		assert_int_equal(ph->events[i].us, (uint64_t)(i + 1));
	eas_rtapp_free(&w);
}

static void test_unsupported_events(void **state)
{
	static const char *const evs[] = {
		"\"lock\":\"m\"",    "\"unlock1\":\"m\"", "\"wait\":{}",
		"\"signal\":\"c\"",  "\"broad\":\"c\"",	  "\"sync\":{}",
		"\"suspend\":\"s\"", "\"resume\":\"s\"",  "\"mem\":10",
		"\"memrun\":10",     "\"iorun\":10",	  "\"yield\":0",
		"\"barrier\":\"b\"", "\"fork\":\"t\"",	  "\"sem_post\":\"s\"",
	};
	char doc[256], key[32];

	(void)state;
	for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++) {
		struct eas_json_diag d;
		const char *q = strchr(evs[i] + 1, '"');
		memcpy(key, evs[i] + 1, (size_t)(q - evs[i] - 1));
		key[q - evs[i] - 1] = '\0';
		snprintf(doc, sizeof(doc),
			 "{\"tasks\":{\"t\":{\"phases\":{\"p\":{\"run\":1,%s}}"
			 "}}}",
			 evs[i]);
		char path[64];
		snprintf(path, sizeof(path), "/tasks/t/phases/p/%s", key);
		d = expect_err(doc, EAS_EUNSUPPORTED, path);
		assert_non_null(strstr(d.msg, "not supported"));
	}
}

static void test_unsupported_policies(void **state)
{
	struct eas_json_diag d;

	(void)state;
	d = expect_err("{\"tasks\":{\"t\":{\"policy\":\"SCHED_DEADLINE\","
		       "\"run\":1}}}",
		       EAS_EUNSUPPORTED, "/tasks/t/policy");
	assert_non_null(strstr(d.msg, "SCHED_DEADLINE"));
	expect_err("{\"global\":{\"default_policy\":\"SCHED_DEADLINE\"},"
		   "\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_EUNSUPPORTED, "/global/default_policy");
	expect_err("{\"tasks\":{\"t\":{\"phases\":{\"a\":{\"run\":1},"
		   "\"b\":{\"policy\":\"SCHED_DEADLINE\",\"run\":1}}}}}",
		   EAS_EUNSUPPORTED, "/tasks/t/phases/b/policy");
	/* a name that is no policy at all */
	d = expect_err("{\"tasks\":{\"t\":{\"policy\":\"SCHED_FOO\","
		       "\"run\":1}}}",
		       EAS_EFORMAT, "/tasks/t/policy");
	expect_err("{\"tasks\":{\"t\":{\"taskgroup\":\"/a\",\"run\":1}}}",
		   EAS_EUNSUPPORTED, "/tasks/t/taskgroup");
}

static void test_errors_name_path_and_expectation(void **state)
{
	struct eas_json_diag d;

	(void)state;
	/* wrong type for an event, with line and column */
	d = expect_err("{\"tasks\": {\n  \"t\": {\n    \"run\": \"x\"\n  }\n}}",
		       EAS_EFORMAT, "/tasks/t/run");
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 12);
	/* unknown keys anywhere */
	expect_err("{\"tasks\":{\"t\":{\"run\":1,\"bogus\":1}}}", EAS_EFORMAT,
		   "/tasks/t/bogus");
	expect_err("{\"tasks\":{\"t\":{\"run\":1}},\"extra\":1}", EAS_EFORMAT,
		   "/extra");
	expect_err("{\"global\":{\"speed\":1},\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_EFORMAT, "/global/speed");
	expect_err("{\"tasks\":{\"t\":{\"timer\":{\"ref\":\"a\","
		   "\"period\":10,\"foo\":1}}}}",
		   EAS_EFORMAT, "/tasks/t/timer/foo");
	/* ranges */
	expect_err("{\"tasks\":{\"t\":{\"run\":-1}}}", EAS_ERANGE,
		   "/tasks/t/run");
	expect_err("{\"tasks\":{\"t\":{\"util_min\":1025,\"run\":1}}}",
		   EAS_ERANGE, "/tasks/t/util_min");
	expect_err("{\"tasks\":{\"t\":{\"util_min\":600,\"util_max\":500,"
		   "\"run\":1}}}",
		   EAS_ERANGE, "/tasks/t/util_min");
	expect_err("{\"tasks\":{\"t\":{\"priority\":20,\"run\":1}}}",
		   EAS_ERANGE, "/tasks/t/priority");
	expect_err("{\"tasks\":{\"t\":{\"policy\":\"SCHED_RR\","
		   "\"priority\":0,\"run\":1}}}",
		   EAS_ERANGE, "/tasks/t/priority");
	expect_err("{\"tasks\":{\"t\":{\"timer\":{\"ref\":\"a\","
		   "\"period\":0}}}}",
		   EAS_ERANGE, "/tasks/t/timer/period");
	expect_err("{\"tasks\":{\"t\":{\"timer\":{\"ref\":\"a\"}}}}",
		   EAS_EFORMAT, "/tasks/t/timer/period");
	expect_err("{\"tasks\":{\"t\":{\"timer\":{\"period\":5,"
		   "\"mode\":\"sideways\"}}}}",
		   EAS_EFORMAT, "/tasks/t/timer/mode");
	expect_err("{\"tasks\":{\"t\":{\"cpus\":[0,-1],\"run\":1}}}",
		   EAS_ERANGE, "/tasks/t/cpus/1");
	expect_err("{\"tasks\":{\"t\":{\"cpus\":[],\"run\":1}}}", EAS_ERANGE,
		   "/tasks/t/cpus");
	expect_err("{\"tasks\":{\"t\":{\"phases\":{\"p\":{\"loop\":0,"
		   "\"run\":1}}}}}",
		   EAS_ERANGE, "/tasks/t/phases/p/loop");
	/* structure */
	expect_err("{\"tasks\":{\"t\":{\"loop\":3}}}", EAS_EFORMAT, "/tasks/t");
	expect_err("{\"tasks\":{\"t\":{\"phases\":{\"p\":{\"loop\":3}}}}}",
		   EAS_EFORMAT, "/tasks/t/phases/p");
	expect_err("{\"tasks\":{\"t\":{\"phases\":{}}}}", EAS_EFORMAT,
		   "/tasks/t/phases");
	expect_err("{\"tasks\":{\"t\":{\"run\":1,\"phases\":{\"p\":"
		   "{\"run\":1}}}}}",
		   EAS_EFORMAT, "/tasks/t/run");
	expect_err("{\"tasks\":{}}", EAS_EFORMAT, "/tasks");
	expect_err("{\"global\":{}}", EAS_EFORMAT, "/tasks");
	expect_err("[1,2]", EAS_EFORMAT, "");
	/* calibration */
	expect_err("{\"global\":{\"calibration\":\"cpu1\"},"
		   "\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_EFORMAT, "/global/calibration");
	expect_err("{\"global\":{\"calibration\":\"CPU1x\"},"
		   "\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_EFORMAT, "/global/calibration");
	expect_err("{\"global\":{\"calibration\":0},"
		   "\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_ERANGE, "/global/calibration");
	expect_err("{\"global\":{\"calibration\":1.5},"
		   "\"tasks\":{\"t\":{\"run\":1}}}",
		   EAS_EFORMAT, "/global/calibration");
	/* syntax (json-c level) */
	{
		struct eas_rtapp_workload w;
		assert_int_equal(load("{\"tasks\":{\"t\":{\"run\":1}}", &w, &d),
				 EAS_EFORMAT);
		assert_int_equal(d.line, 1);
		assert_true(d.msg[0] != '\0');
		assert_zeroed(&w);
	}
}

static void test_props_and_inheritance(void **state)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	const struct eas_rtapp_task *t;

	(void)state;
	assert_int_equal(
		load("{\"global\":{\"default_policy\":\"SCHED_BATCH\","
		     "\"calibration\":\"CPU4\"},"
		     "\"tasks\":{\"t\":{\"priority\":-5,\"util_min\":128,"
		     "\"cpus\":[3,1,3,2],\"delay\":1500,\"instance\":3,"
		     "\"phases\":{"
		     "\"a\":{\"run\":1,\"util_max\":512},"
		     "\"b\":{\"run\":1,\"policy\":\"SCHED_FIFO\"},"
		     "\"c\":{\"run\":1,\"priority\":50,\"cpus\":[0]},"
		     "\"d\":{\"run\":1,\"policy\":\"SCHED_IDLE\","
		     "\"util_min\":-1}}}}}",
		     &w, &d),
		0);
	assert_int_equal(w.calibration_cpu, 4);
	t = &w.tasks[0];
	assert_int_equal(t->props.policy, EAS_POLICY_BATCH);
	assert_int_equal(t->props.priority, -5);
	assert_int_equal(t->props.util_min, 128);
	assert_int_equal(t->props.util_max, -1);
	assert_int_equal(t->props.nr_cpus, 3); /* sorted, deduplicated */
	assert_int_equal(t->props.cpus[0], 1);
	assert_int_equal(t->props.cpus[1], 2);
	assert_int_equal(t->props.cpus[2], 3);
	assert_int_equal(t->delay_us, 1500);
	assert_int_equal(t->instance, 3);
	assert_int_equal(t->loop, -1); /* with phases: default forever */
	assert_int_equal(t->phases[0].props.policy, -1);
	assert_int_equal(t->phases[0].props.priority, INT32_MIN);
	assert_int_equal(t->phases[0].props.util_max, 512);
	assert_int_equal(t->phases[0].props.nr_cpus, 0);
	assert_int_equal(t->phases[1].props.policy, EAS_POLICY_FIFO);
	assert_int_equal(t->phases[1].props.priority, 10);
	/* priority 50 is valid because FIFO is in effect from phase b */
	assert_int_equal(t->phases[2].props.policy, -1);
	assert_int_equal(t->phases[2].props.priority, 50);
	assert_int_equal(t->phases[2].props.nr_cpus, 1);
	assert_int_equal(t->phases[3].props.policy, EAS_POLICY_IDLE);
	assert_int_equal(t->phases[3].props.priority, 0);
	assert_int_equal(t->phases[3].props.util_min, -1);
	eas_rtapp_free(&w);

	/* a nice value while FIFO is in effect is out of range */
	expect_err("{\"tasks\":{\"t\":{\"policy\":\"SCHED_FIFO\",\"phases\":{"
		   "\"a\":{\"run\":1,\"priority\":-3}}}}}",
		   EAS_ERANGE, "/tasks/t/phases/a/priority");
}

static void test_timers(void **state)
{
	struct eas_rtapp_workload w;
	struct eas_json_diag d;

	(void)state;
	/* "unique*" refs are private to a task; other refs are shared;
	 * "absolute" on one event makes the whole timer absolute */
	assert_int_equal(load("{\"tasks\":{"
			      "\"a\":{\"phases\":{"
			      "\"p\":{\"run\":1,\"timer\":{\"ref\":\"unique\","
			      "\"period\":10}},"
			      "\"q\":{\"run\":1,\"timer\":{\"ref\":\"unique\","
			      "\"period\":20}},"
			      "\"r\":{\"run\":1,\"timer\":{\"ref\":\"unique2\","
			      "\"period\":20}}}},"
			      "\"b\":{\"run\":1,\"timer\":{\"ref\":\"unique\","
			      "\"period\":10},\"timer2\":{\"ref\":\"shared\","
			      "\"period\":30,\"mode\":\"absolute\"}},"
			      "\"c\":{\"run\":1,\"timer\":{\"period\":30,"
			      "\"ref\":\"shared\"},\"timer1\":{\"period\":7}}"
			      "}}",
			      &w, &d),
			 0);
	assert_int_equal(w.nr_timers, 5);
	assert_string_equal(w.timers[0].ref, "unique");
	assert_true(w.timers[0].unique);
	assert_string_equal(w.timers[1].ref, "unique2");
	assert_string_equal(w.timers[2].ref, "unique"); /* task b's own */
	assert_string_equal(w.timers[3].ref, "shared");
	assert_false(w.timers[3].unique);
	assert_string_equal(w.timers[4].ref, "unknown"); /* rt-app default */
	assert_int_equal(w.tasks[0].phases[0].events[1].timer, 0);
	assert_int_equal(w.tasks[0].phases[1].events[1].timer, 0);
	assert_int_equal(w.tasks[0].phases[2].events[1].timer, 1);
	assert_int_equal(w.tasks[1].phases[0].events[1].timer, 2);
	assert_int_equal(w.tasks[1].phases[0].events[2].timer, 3);
	assert_true(w.tasks[1].phases[0].events[2].timer_absolute);
	assert_int_equal(w.tasks[2].phases[0].events[1].timer, 3);
	assert_true(w.tasks[2].phases[0].events[1].timer_absolute);
	assert_false(w.tasks[2].phases[0].events[2].timer_absolute);
	assert_false(w.tasks[0].phases[0].events[1].timer_absolute);
	eas_rtapp_free(&w);
}

/* A valid document cut or corrupted anywhere either loads or fails with a
 * diagnostic; never crashes, never leaks (ASan in CI), never half-loads. */
static void test_mutations(void **state)
{
	static const char doc[] =
		"{ /* c */ \"global\": {\"calibration\": \"CPU0\", "
		"\"duration\": 3},\n \"tasks\": { \"a\": { \"instance\": 2, "
		"\"cpus\": [0, 1], \"phases\": { \"p\": { \"loop\": 3, "
		"\"run\": 100, \"timer\": { \"ref\": \"unique\", "
		"\"period\": 1000 } }, \"q\": { \"sleep\": 5, "
		"\"util_max\": 300, } } }, \"b\": { \"run\": 1, "
		"\"runtime\": 2 } } }";
	char buf[sizeof(doc)];
	uint64_t x = 0x9e3779b97f4a7c15u;
	int ok = 0, bad = 0;

	(void)state;
	for (int i = 0; i < 4000; i++) {
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		size_t len = sizeof(doc) - 1;
		int r;

		memcpy(buf, doc, sizeof(doc));
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		if (i % 2)
			len = (size_t)(x % len);
		else
			buf[(x >> 8) % len] = " {}[]\",:0-9a/*"[(x >> 32) % 14];
		memset(&d, 0, sizeof(d));
		r = eas_rtapp_load(buf, len, &w, &d);
		if (r == 0) {
			ok++;
			assert_true(w.nr_tasks >= 1);
			eas_rtapp_free(&w);
		} else {
			bad++;
			assert_int_equal(d.err, r);
			assert_true(d.msg[0] != '\0');
			assert_zeroed(&w);
		}
	}
	assert_true(ok > 0 && bad > 0);
}

/* The upstream files, shipped in tests/data/rtapp: every one must be there
 * (a missing file fails, it is never skipped). */
static void test_upstream_workloads(void **state)
{
	static const struct {
		const char *file;
		int err;
	} cases[] = {
		{ "rt-app__tutorial__example2.json", 0 },
		{ "rt-app__spreading-tasks.json", EAS_EFORMAT },
		{ "rt-app__cpufreq_governor_efficiency__dvfs.json", 0 },
		{ "rt-app__mp3-short.json", -1 /* any error */ },
		{ "lisa__LisaInANutshell_Backup__test_00.json", 0 },
	};
	char path[512], *buf;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		FILE *f;
		long n;
		int r;

		snprintf(path, sizeof(path), "%s/tests/data/rtapp/%s",
			 EAS_SOURCE_DIR, cases[i].file);
		f = fopen(path, "rb");
		if (!f)
			fprintf(stderr, "cannot open %s\n", path);
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t)n + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		r = eas_rtapp_load(buf, (size_t)n, &w, &d);
		if (cases[i].err < 0)
			assert_true(r < 0);
		else
			assert_int_equal(r, cases[i].err);
		if (r == 0)
			eas_rtapp_free(&w);
		free(buf);
	}
}

/* Our own example workloads all load. */
static void test_example_workloads(void **state)
{
	static const char *const files[] = {
		"periodic-10pct.json", "phone-light.json",   "ramp.json",
		"heavy-mix.json",      "rt-cfs-misfit.json", "uclamp.json",
	};
	char path[512], *buf;

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct eas_rtapp_workload w;
		struct eas_json_diag d;
		FILE *f;
		long n;
		int r;

		snprintf(path, sizeof(path), "%s/examples/workloads/%s",
			 EAS_SOURCE_DIR, files[i]);
		f = fopen(path, "rb");
		assert_non_null(f);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t)n + 1);
		assert_non_null(buf);
		assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
		fclose(f);
		r = eas_rtapp_load(buf, (size_t)n, &w, &d);
		if (r)
			fprintf(stderr, "%s:%u:%u: %s: %s\n", files[i], d.line,
				d.column, d.path, d.msg);
		assert_int_equal(r, 0);
		eas_rtapp_free(&w);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example2_like),
		cmocka_unit_test(test_no_phases_no_loop),
		cmocka_unit_test(test_dvfs_like),
		cmocka_unit_test(test_duplicate_phase_key),
		cmocka_unit_test(test_duplicate_event_key),
		cmocka_unit_test(test_lisa_ramp),
		cmocka_unit_test(test_event_prefixes),
		cmocka_unit_test(test_unsupported_events),
		cmocka_unit_test(test_unsupported_policies),
		cmocka_unit_test(test_errors_name_path_and_expectation),
		cmocka_unit_test(test_props_and_inheritance),
		cmocka_unit_test(test_timers),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_upstream_workloads),
		cmocka_unit_test(test_example_workloads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
