/* SPDX-License-Identifier: MIT */
/*
 * Placement policies (<libeas/policy.h>, docs/policy.md):
 * eas_is_cpu_allowed() / eas_select_fallback_rq() against the kernel's
 * is_cpu_allowed() / select_fallback_rq() (kernel/sched/core.c), the
 * simulator's eas_sim_config.policy and decision log (built-ins, a plugin
 * wrapping eas_select_task_rq_fair(), a fixed-CPU plugin, fallbacks),
 * eas_policy_load()'s refusals, and the compare / overlay writers. The
 * plugins are the tests/policy sources, built by tests/policy.cmake into
 * POLICY_DIR.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream(), popen() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/libeas.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include "testutil.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#ifndef POLICY_DIR
#error "POLICY_DIR: tests/policy.cmake defines it"
#endif
#define PLUGIN(name) POLICY_DIR "/" name ".so"

/* ---- is_cpu_allowed() / select_fallback_rq() ----------------------------- */

struct small {
	struct eas_platform pf;
	uint64_t mem[EAS_PLATFORM_SIZE(4, 2, 2, 3) / 8 + 1];
	struct eas_rq rq[4];
	struct eas_system sys;
	struct eas_task p;
	eas_mask_word m[1];
};

static void small_init(struct small *s, enum eas_kernel k)
{
	static const uint32_t c0[] = { 0, 1 }, c1[] = { 2, 3 };
	static const struct eas_state_desc st[] = { { 1000000, 100000, 0 } };
	struct eas_cpu_desc cpus[4];
	struct eas_pd_desc pds[2];
	struct eas_platform_desc d;
	uint32_t i;

	memset(s, 0, sizeof(*s));
	memset(cpus, 0, sizeof(cpus));
	memset(pds, 0, sizeof(pds));
	memset(&d, 0, sizeof(d));
	for (i = 0; i < 4; i++)
		cpus[i].capacity = i < 2 ? 512 : 1024;
	pds[0].nr_cpus = 2;
	pds[0].cpus = c0;
	pds[1].nr_cpus = 2;
	pds[1].cpus = c1;
	pds[0].nr_states = pds[1].nr_states = 1;
	pds[0].states = pds[1].states = st;
	d.nr_cpus = 4;
	d.cpus = cpus;
	d.nr_pds = 2;
	d.pds = pds;
	assert_int_equal(eas_platform_build(&s->pf, s->mem, sizeof(s->mem), &d,
					    k, 0, NULL),
			 0);
	for (i = 0; i < 4; i++)
		eas_rq_init(&s->rq[i]);
	s->sys.pf = &s->pf;
	s->sys.rq = s->rq;
	eas_task_init(&s->p);
	s->p.prev_cpu = 0;
}

/*
 * is_cpu_allowed(): in p->cpus_ptr and active (online); select_fallback_rq():
 * the first such CPU of the node (one node here: cpumask order), else
 * the first online CPU once the affinity is widened
 * (cpuset_cpus_allowed_fallback() / task_cpu_fallback_mask()).
 */
static void test_fallback_rq(void **state)
{
	struct small s;

	(void)state;
	small_init(&s, EAS_KERNEL_V6_19);
	/* no mask: every online CPU; prev 3 does not matter (one node) */
	s.p.prev_cpu = 3;
	assert_true(eas_is_cpu_allowed(&s.sys, &s.p, 3));
	assert_false(eas_is_cpu_allowed(&s.sys, &s.p, 4));
	assert_false(eas_is_cpu_allowed(&s.sys, &s.p, -1));
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), 0);
	/* mask {2, 3}: the first allowed, 2 */
	eas_mask_set(s.m, 2);
	eas_mask_set(s.m, 3);
	s.p.cpus_allowed = s.m;
	s.p.nr_cpus_allowed = 2;
	s.p.prev_cpu = 0;
	assert_false(eas_is_cpu_allowed(&s.sys, &s.p, 0));
	assert_true(eas_is_cpu_allowed(&s.sys, &s.p, 2));
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), 2);
	/* CPU 2 offline (not active): 3 */
	s.rq[2].online = false;
	assert_false(eas_is_cpu_allowed(&s.sys, &s.p, 2));
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), 3);
	/* 2 and 3 offline: no allowed CPU, the widened mask's first online
	 * CPU, 0 */
	s.rq[3].online = false;
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), 0);
	s.rq[0].online = false;
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), 1);
	/* nothing online: the kernel's BUG() */
	s.rq[1].online = false;
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), EAS_ECPU);
	/* bad arguments */
	s.p.prev_cpu = 4;
	assert_int_equal(eas_select_fallback_rq(&s.sys, &s.p), EAS_EINVAL);
	assert_int_equal(eas_select_fallback_rq(NULL, &s.p), EAS_EINVAL);
	assert_int_equal(eas_select_fallback_rq(&s.sys, NULL), EAS_EINVAL);
}

/*
 * eas_placement_energy(cpu) - eas_placement_energy(-1) is the delta that
 * find_energy_efficient_cpu() computes for candidate cpu (its perf
 * domain's compute_energy(p, cpu) minus its base energy; every other
 * domain cancels), for every candidate of both flavours; v5.4's
 * base_energy is the sum of every domain's base energy.
 */
static void test_placement_energy(void **state)
{
	struct eas_place_candidate cand[EAS_PLACE_MAX_CANDIDATES(2)];
	struct eas_feec_result fr;
	struct small s;
	uint64_t base;
	uint32_t i, checked = 0;
	int k;

	(void)state;
	for (k = 0; k < 2; k++) {
		small_init(&s, k ? EAS_KERNEL_V5_4 : EAS_KERNEL_V6_19);
		s.sys.rd_overutilized = EAS_RD_OU_CLEAR;
		s.rq[0].util_avg = s.rq[0].util_est = 150;
		s.rq[0].nr_running = s.rq[0].h_nr_running = 1;
		s.rq[0].idle = false;
		s.rq[2].util_avg = s.rq[2].util_est = 300;
		s.rq[2].nr_running = s.rq[2].h_nr_running = 1;
		s.rq[2].idle = false;
		s.p.util_avg = 120;
		s.p.util_est = 120;
		s.p.util_est_ewma = s.p.util_est_enqueued = 120;
		s.p.prev_cpu = 1;
		memset(&fr, 0, sizeof(fr));
		fr.candidates = cand;
		fr.max_candidates = EAS_PLACE_MAX_CANDIDATES(2);
		assert_true(eas_find_energy_efficient_cpu(&s.sys, &s.p, 1,
							  &fr) >= 0);
		assert_true(fr.nr_candidates >= 2);
		base = eas_placement_energy(&s.sys, &s.p, -1);
		for (i = 0; i < fr.nr_candidates; i++, checked++)
			assert_int_equal(eas_placement_energy(&s.sys, &s.p,
							      cand[i].cpu) -
						 base,
					 cand[i].delta);
	}
	assert_true(checked >= 4);
	assert_int_equal(eas_placement_energy(NULL, &s.p, 0), 0);
	assert_int_equal(eas_placement_energy(&s.sys, &s.p, 4), 0);
}

/* ---- simulations ----------------------------------------------------------- */

struct world {
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
};

static void world_load(struct world *wd, enum eas_kernel k)
{
	struct eas_json_diag d;
	const char *p = eas_sim_default_platform();
	const char *w = eas_sim_default_workload();

	memset(wd, 0, sizeof(*wd));
	memset(&d, 0, sizeof(d));
	assert_int_equal(
		eas_json_platform_load(p, strlen(p), k, 0, &wd->jp, &d), 0);
	assert_int_equal(eas_rtapp_load(w, strlen(w), &wd->w, &d), 0);
}

static void world_free(struct world *wd)
{
	eas_rtapp_free(&wd->w);
	eas_json_platform_free(&wd->jp);
}

/* One run: its --json text and, when dec is given, its decision log. */
struct out {
	char *json, *dec, *summary;
	size_t json_len, dec_len, summary_len;
	uint64_t placements;
};

static void out_free(struct out *o)
{
	free(o->json);
	free(o->dec);
	free(o->summary);
}

static void run(const struct world *wd, const struct eas_policy *pol,
		bool no_eas, bool log, struct out *o)
{
	struct eas_sim_config cfg;
	struct eas_sim *s;
	FILE *jf, *df = NULL, *sf;
	char err[256];
	int e;

	memset(o, 0, sizeof(*o));
	memset(&cfg, 0, sizeof(cfg));
	cfg.policy = pol;
	cfg.no_eas = no_eas;
	if (log) {
		df = open_memstream(&o->dec, &o->dec_len);
		assert_non_null(df);
		cfg.decisions = df;
	}
	s = eas_sim_create(&wd->jp, &wd->w, &cfg, &e, err, sizeof(err));
	if (!s)
		fail_msg("eas_sim_create: %s", err);
	assert_int_equal(eas_sim_run(s, 0), 0);
	jf = open_memstream(&o->json, &o->json_len);
	sf = open_memstream(&o->summary, &o->summary_len);
	assert_non_null(jf);
	assert_non_null(sf);
	eas_sim_write_json(s, jf);
	eas_sim_write_summary(s, sf);
	o->placements = eas_sim_stats(s)->placements;
	eas_sim_free(s);
	fclose(jf);
	fclose(sf);
	if (df)
		fclose(df);
}

static const struct eas_policy *load(const char *path, void **h)
{
	const struct eas_policy *pol;
	char err[512];
	int e;

	pol = eas_policy_load(path, h, &e, err, sizeof(err));
	if (!pol)
		fail_msg("eas_policy_load(%s): %s", path, err);
	return pol;
}

/* Every line of a decision log, parsed; calls fn on each. */
static uint64_t each_line(const char *log, void (*fn)(json_object *, void *),
			  void *ctx)
{
	const char *l = log;
	uint64_t n = 0;

	while (l && *l) {
		const char *nl = strchr(l, '\n');
		char *line;
		json_object *o;

		assert_non_null(nl);
		line = strndup(l, (size_t)(nl - l));
		o = json_tokener_parse(line);
		if (!o)
			fail_msg("not JSON: %s", line);
		fn(o, ctx);
		json_object_put(o);
		free(line);
		l = nl + 1;
		n++;
	}
	return n;
}

static int64_t get_int(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		fail_msg("no integer \"%s\"", key);
	return json_object_get_int64(v);
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		fail_msg("no string \"%s\"", key);
	return json_object_get_string(v);
}

static bool get_bool(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_boolean))
		fail_msg("no boolean \"%s\"", key);
	return json_object_get_boolean(v);
}

/* The line format of docs/formats.md: these keys, in this order. */
static void check_line_format(json_object *o, void *ctx)
{
	static const char *const keys[] = {
		"time_ns", "task",     "pid",	    "wake",
		"sync",	   "prev_cpu", "waker_cpu", "policy",
		"answer",  "cpu",      "path",	    "fallback",
		"eas_cpu", "eas_path", "energy",    "eas_energy",
	};
	const char *wake;
	size_t i = 0;
	int64_t cpu, eas_cpu;

	(void)ctx;
	json_object_object_foreach(o, key, val)
	{
		(void)val;
		assert_true(i < sizeof(keys) / sizeof(keys[0]));
		assert_string_equal(key, keys[i]);
		i++;
	}
	assert_int_equal(i, sizeof(keys) / sizeof(keys[0]));
	wake = get_str(o, "wake");
	assert_true(!strcmp(wake, "wakeup") || !strcmp(wake, "fork"));
	(void)get_bool(o, "sync");
	cpu = get_int(o, "cpu");
	eas_cpu = get_int(o, "eas_cpu");
	assert_true(cpu >= 0 && cpu < 8);
	/* the same CPU has the same energy estimate */
	if (cpu == eas_cpu)
		assert_int_equal(get_int(o, "energy"),
				 get_int(o, "eas_energy"));
}

/* The built-in eas: its own answer is eas_cpu, never a fallback. */
static void check_eas_line(json_object *o, void *ctx)
{
	(void)ctx;
	check_line_format(o, NULL);
	assert_string_equal(get_str(o, "policy"), "eas");
	assert_false(get_bool(o, "fallback"));
	assert_int_equal(get_int(o, "cpu"), get_int(o, "answer"));
	assert_int_equal(get_int(o, "cpu"), get_int(o, "eas_cpu"));
	assert_string_equal(get_str(o, "path"), get_str(o, "eas_path"));
}

struct count {
	uint64_t disagree, obeyed, fallbacks;
};

static void count_no_eas(json_object *o, void *ctx)
{
	struct count *c = ctx;

	check_line_format(o, NULL);
	assert_string_equal(get_str(o, "policy"), "no-eas");
	/* no-eas never takes the energy-aware path; eas_cpu is what EAS
	 * (sched_energy_aware on) chooses on the same inputs */
	assert_string_not_equal(get_str(o, "path"), "eas");
	c->disagree += get_int(o, "cpu") != get_int(o, "eas_cpu");
}

/*
 * The JSON is the same with and without the decision log; the built-in
 * "eas" is a NULL policy, "no-eas" is cfg.no_eas; the log has one valid
 * line per placement.
 */
static void test_builtins_and_log(void **state)
{
	struct world wd;
	struct out a, b, c, d, e;
	struct count cnt = { 0, 0, 0 };
	int k;

	(void)state;
	assert_null(eas_policy_builtin("EAS"));
	assert_null(eas_policy_builtin(NULL));
	assert_string_equal(eas_policy_builtin("eas")->name, "eas");
	assert_string_equal(eas_policy_builtin("no-eas")->name, "no-eas");
	for (k = 0; k < 2; k++) {
		world_load(&wd, k ? EAS_KERNEL_V5_4 : EAS_KERNEL_V6_19);
		run(&wd, NULL, false, false, &a);
		run(&wd, NULL, false, true, &b);
		run(&wd, eas_policy_builtin("eas"), false, false, &c);
		assert_string_equal(a.json, b.json);
		assert_string_equal(a.json, c.json);
		assert_int_equal(each_line(b.dec, check_eas_line, NULL),
				 a.placements);
		assert_true(a.placements > 100);
		run(&wd, NULL, true, false, &d);
		run(&wd, eas_policy_builtin("no-eas"), false, true, &e);
		assert_string_equal(d.json, e.json);
		assert_string_equal(d.summary, e.summary);
		assert_string_equal(a.summary, c.summary);
		assert_string_not_equal(a.json, d.json);
		assert_int_equal(each_line(e.dec, count_no_eas, &cnt),
				 d.placements);
		out_free(&a);
		out_free(&b);
		out_free(&c);
		out_free(&d);
		out_free(&e);
		world_free(&wd);
	}
	/* EAS would have placed some tasks elsewhere */
	assert_true(cnt.disagree > 0);
}

/* A plugin wrapping eas_select_task_rq_fair(): the built-in run exactly. */
static void test_wrapper_reproduces_eas(void **state)
{
	struct world wd;
	struct out a, b;
	void *h;
	const struct eas_policy *pol = load(PLUGIN("wrap_linked"), &h);
	char *fixed, *at;
	int k;

	(void)state;
	assert_string_equal(pol->name, "wrap-eas");
	for (k = 0; k < 2; k++) {
		world_load(&wd, k ? EAS_KERNEL_V5_4 : EAS_KERNEL_V6_19);
		run(&wd, NULL, false, true, &a);
		run(&wd, pol, false, true, &b);
		assert_string_equal(a.json, b.json);
		/* the logs differ in the name only */
		fixed = strdup(b.dec);
		assert_non_null(fixed);
		while ((at = strstr(fixed, "\"wrap-eas\"")) != NULL)
			memmove(at + 5, at + 10, strlen(at + 10) + 1),
				memcpy(at, "\"eas\"", 5);
		assert_string_equal(a.dec, fixed);
		free(fixed);
		out_free(&a);
		out_free(&b);
		world_free(&wd);
	}
	eas_policy_unload(h);
}

static void count_fixed(json_object *o, void *ctx)
{
	struct count *c = ctx;

	check_line_format(o, NULL);
	assert_string_equal(get_str(o, "policy"), "cpu1");
	assert_int_equal(get_int(o, "answer"), 1);
	if (get_bool(o, "fallback")) {
		/* a task not allowed on CPU 1 */
		assert_string_equal(get_str(o, "path"), "fallback");
		assert_int_not_equal(get_int(o, "cpu"), 1);
		c->fallbacks++;
	} else {
		assert_int_equal(get_int(o, "cpu"), 1);
		assert_string_equal(get_str(o, "path"), "policy");
		c->obeyed++;
	}
}

static void count_fallback(json_object *o, void *ctx)
{
	struct count *c = ctx;

	check_line_format(o, NULL);
	assert_true(get_bool(o, "fallback"));
	assert_string_equal(get_str(o, "path"), "fallback");
	c->fallbacks++;
}

/* A fixed answer is obeyed where the task may run; out-of-range answers
 * and errors are replaced and counted; the log leaves the JSON alone. */
static void test_fixed_and_fallback(void **state)
{
	struct world wd;
	struct out a, b;
	struct count cnt = { 0, 0, 0 };
	char want[160];
	void *h;
	const struct eas_policy *pol;
	size_t i;

	(void)state;
	world_load(&wd, EAS_KERNEL_V6_19);
	pol = load(PLUGIN("fixed_cpu1"), &h);
	run(&wd, pol, false, false, &a);
	run(&wd, pol, false, true, &b);
	assert_string_equal(a.json, b.json);
	assert_int_equal(each_line(b.dec, count_fixed, &cnt), a.placements);
	assert_true(cnt.obeyed > 0);
	snprintf(want, sizeof(want),
		 "placement policy cpu1: %llu answers outside",
		 (unsigned long long)cnt.fallbacks);
	assert_non_null(strstr(a.summary, want));
	out_free(&a);
	out_free(&b);
	eas_policy_unload(h);
	for (i = 0; i < 2; i++) {
		memset(&cnt, 0, sizeof(cnt));
		pol = load(i ? PLUGIN("fixed_error") : PLUGIN("fixed_cpu99"),
			   &h);
		run(&wd, pol, false, true, &a);
		assert_int_equal(each_line(a.dec, count_fallback, &cnt),
				 a.placements);
		snprintf(want, sizeof(want),
			 "placement policy %s: %llu answers outside",
			 i ? "error" : "cpu99",
			 (unsigned long long)a.placements);
		assert_non_null(strstr(a.summary, want));
		out_free(&a);
		eas_policy_unload(h);
	}
	world_free(&wd);
}

/* eas_policy_load() refuses each bad plugin with what is wrong. */
static void test_load_errors(void **state)
{
	static const struct {
		const char *path;
		int err;
		const char *msg;
	} cases[] = {
		{ PLUGIN("bad1"), EAS_EFORMAT, "no symbol eas_policy_entry" },
		{ PLUGIN("bad2"), EAS_EFORMAT,
		  "eas_policy_entry() returned NULL" },
		{ PLUGIN("bad3"), EAS_EFORMAT, "policy ABI 99, expected 1" },
		{ PLUGIN("bad4"), EAS_EFORMAT,
		  "policy \"bad\": select_task_rq is NULL" },
		{ PLUGIN("bad5"), EAS_EFORMAT, "the policy has no name" },
		{ PLUGIN("missing"), EAS_EIO, "No such file or directory" },
		{ EAS_SOURCE_DIR "/README.md", EAS_EIO, "cannot load: " },
		{ "", EAS_EINVAL, "empty policy name" },
	};
	char err[512];
	void *h;
	int e;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		h = (void *)1;
		e = 0;
		assert_null(eas_policy_load(cases[i].path, &h, &e, err,
					    sizeof(err)));
		assert_null(h);
		assert_int_equal(e, cases[i].err);
		if (!strstr(err, cases[i].msg))
			fail_msg("%s: '%s' does not say '%s'", cases[i].path,
				 err, cases[i].msg);
	}
	/* the built-ins load without a handle */
	h = (void *)1;
	assert_ptr_equal(eas_policy_load("no-eas", &h, &e, err, sizeof(err)),
			 eas_policy_builtin("no-eas"));
	assert_null(h);
}

static int never(void *ctx, const struct eas_system *sys, struct eas_task *p,
		 struct eas_waker *w, uint32_t wake_flags,
		 struct eas_place_result *res)
{
	(void)ctx;
	(void)sys;
	(void)w;
	(void)wake_flags;
	(void)res;
	return p->prev_cpu;
}

/* A policy set by hand is checked by eas_sim_create() too. */
static void test_create_checks_policy(void **state)
{
	struct eas_policy pol = { EAS_POLICY_ABI + 1, "x", NULL, never };
	struct eas_sim_config cfg;
	struct world wd;
	char err[256];
	int e = 0;

	(void)state;
	world_load(&wd, EAS_KERNEL_V6_19);
	memset(&cfg, 0, sizeof(cfg));
	cfg.policy = &pol;
	assert_null(eas_sim_create(&wd.jp, &wd.w, &cfg, &e, err, sizeof(err)));
	assert_int_equal(e, EAS_EINVAL);
	assert_non_null(strstr(err, "EAS_POLICY_ABI"));
	pol.abi = EAS_POLICY_ABI;
	pol.select_task_rq = NULL;
	assert_null(eas_sim_create(&wd.jp, &wd.w, &cfg, &e, err, sizeof(err)));
	assert_non_null(strstr(err, "select_task_rq is NULL"));
	world_free(&wd);
}

/* {"compare": [...]}: each run is its --json object with "policy" and
 * "policy_fallbacks" added; the overlay of one run is the single plot. */
static void test_compare_and_overlay(void **state)
{
	struct world wd;
	struct eas_sim_config cfg;
	struct eas_sim *sims[2];
	char *buf = NULL, *one = NULL, *two = NULL, *single[2] = { NULL };
	size_t len = 0, l1 = 0, l2 = 0, ls[2] = { 0 };
	FILE *f;
	json_object *doc, *arr, *run_o, *ref;
	char err[256];
	int e, i;

	(void)state;
	world_load(&wd, EAS_KERNEL_V6_19);
	for (i = 0; i < 2; i++) {
		memset(&cfg, 0, sizeof(cfg));
		cfg.policy = eas_policy_builtin(i ? "no-eas" : "eas");
		cfg.svg_samples = 200;
		sims[i] = eas_sim_create(&wd.jp, &wd.w, &cfg, &e, err,
					 sizeof(err));
		assert_non_null(sims[i]);
		assert_int_equal(eas_sim_run(sims[i], 0), 0);
		f = open_memstream(&single[i], &ls[i]);
		eas_sim_write_json(sims[i], f);
		fclose(f);
	}
	f = open_memstream(&buf, &len);
	eas_sim_write_policy_compare(sims, 2, f, true);
	fclose(f);
	doc = json_tokener_parse(buf);
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "compare", &arr));
	assert_int_equal(json_object_array_length(arr), 2);
	for (i = 0; i < 2; i++) {
		run_o = json_object_array_get_idx(arr, (size_t)i);
		assert_string_equal(get_str(run_o, "policy"),
				    i ? "no-eas" : "eas");
		assert_int_equal(get_int(run_o, "policy_fallbacks"), 0);
		json_object_object_del(run_o, "policy");
		json_object_object_del(run_o, "policy_fallbacks");
		ref = json_tokener_parse(single[i]);
		assert_non_null(ref);
		assert_true(json_object_equal(run_o, ref));
		json_object_put(ref);
		free(single[i]);
	}
	json_object_put(doc);
	free(buf);
	/* the table names both and the difference */
	buf = NULL;
	f = open_memstream(&buf, &len);
	eas_sim_write_policy_compare(sims, 2, f, false);
	fclose(f);
	assert_non_null(strstr(buf, "difference against eas:\n  no-eas "));
	free(buf);
	/* overlay */
	f = open_memstream(&one, &l1);
	assert_int_equal(eas_sim_write_svg_overlay(sims, 1, f), 0);
	fclose(f);
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(eas_sim_write_svg(sims[0], f), 0);
	fclose(f);
	assert_string_equal(one, buf);
	f = open_memstream(&two, &l2);
	assert_int_equal(eas_sim_write_svg_overlay(sims, 2, f), 0);
	fclose(f);
	assert_non_null(strstr(two, ">eas</text>"));
	assert_non_null(strstr(two, ">no-eas</text>"));
	assert_true(l2 > l1);
	free(one);
	free(two);
	free(buf);
	for (i = 0; i < 2; i++)
		eas_sim_free(sims[i]);
	world_free(&wd);
}

/* ---- eas simulate --policy / --compare / --decisions --------------------- */

#define EAS_BIN EAS_BINARY_DIR "/tools/eas"

/* A shell command's stdout (with stderr when the command says 2>&1) and
 * exit status. */
static int sh(const char *cmd, char **out)
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

static void expect(const char *args, int status, const char *needle)
{
	char cmd[1024], *out;

	snprintf(cmd, sizeof(cmd), "%s simulate %s 2>&1", EAS_BIN, args);
	if (sh(cmd, &out) != status || !strstr(out, needle))
		fail_msg("eas simulate %s: expected exit %d and '%s', got:\n%s",
			 args, status, needle, out);
	free(out);
}

static void test_cli(void **state)
{
	char *a, *b, cmd[1024];
	char dir[256];
	json_object *doc, *arr;

	(void)state;
	/* usage errors (exit 2), each naming the conflict */
	expect("--policy eas --compare eas,no-eas", 2,
	       "--policy and --compare conflict");
	expect("--no-eas --policy eas", 2, "--no-eas is --policy no-eas");
	expect("--no-eas --compare eas,no-eas", 2,
	       "--no-eas is --policy no-eas");
	expect("--compare eas,,no-eas", 2,
	       "--compare: expected a comma-separated list");
	expect("--compare eas,", 2,
	       "--compare: expected a comma-separated list");
	expect("--compare eas,no-eas --trace t.txt", 2,
	       "--compare needs a single --active-balance mechanism");
	expect("--active-balance all --policy no-eas", 2,
	       "--policy and --decisions need a single");
	expect("--decisions same.svg --svg same.svg", 2,
	       "--decisions names the same file");
	/* a bad policy in the list: exit 1 before any run */
	expect("--compare eas,./no-such.so", 1,
	       "--compare: policy plugin ./no-such.so: No such file");
	/* --policy eas is the default, --policy no-eas is --no-eas */
	assert_int_equal(sh(EAS_BIN " simulate --json", &a), 0);
	assert_int_equal(sh(EAS_BIN " simulate --json --policy eas", &b), 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_int_equal(sh(EAS_BIN " simulate --json --no-eas", &a), 0);
	assert_int_equal(sh(EAS_BIN " simulate --json --policy no-eas", &b), 0);
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* --compare --json: {"compare": [...]} in the order given; --svg
	 * overlays them */
	assert_int_equal(eas_test_mkdtemp(dir, sizeof(dir), "policy_cli"), 0);
	snprintf(cmd, sizeof(cmd),
		 "%s simulate --compare no-eas,eas,%s --json --svg %s/c.svg",
		 EAS_BIN, PLUGIN("wrap_linked"), dir);
	assert_int_equal(sh(cmd, &a), 0);
	doc = json_tokener_parse(a);
	assert_non_null(doc);
	assert_true(json_object_object_get_ex(doc, "compare", &arr));
	assert_int_equal(json_object_array_length(arr), 3);
	assert_string_equal(
		get_str(json_object_array_get_idx(arr, 0), "policy"), "no-eas");
	assert_string_equal(
		get_str(json_object_array_get_idx(arr, 2), "policy"),
		"wrap-eas");
	/* the wrapper's run is eas's, but for its name */
	json_object_object_del(json_object_array_get_idx(arr, 1), "policy");
	json_object_object_del(json_object_array_get_idx(arr, 2), "policy");
	assert_true(json_object_equal(json_object_array_get_idx(arr, 1),
				      json_object_array_get_idx(arr, 2)));
	json_object_put(doc);
	free(a);
	snprintf(cmd, sizeof(cmd), "cat %s/c.svg", dir);
	assert_int_equal(sh(cmd, &a), 0);
	assert_non_null(strstr(a, ">no-eas</text>"));
	assert_non_null(strstr(a, ">wrap-eas</text>"));
	free(a);
	assert_int_equal(eas_test_rmtree(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fallback_rq),
		cmocka_unit_test(test_placement_energy),
		cmocka_unit_test(test_builtins_and_log),
		cmocka_unit_test(test_wrapper_reproduces_eas),
		cmocka_unit_test(test_fixed_and_fallback),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_create_checks_policy),
		cmocka_unit_test(test_compare_and_overlay),
		cmocka_unit_test(test_cli),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
