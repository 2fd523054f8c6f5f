/* SPDX-License-Identifier: MIT */
/*
 * The heuristic test kit (include/libeas/kit.h) and
 * eas_place_result_format_json() (include/libeas/place_json.h):
 *  - a system built in C with eas_kit_build() / eas_kit_load() /
 *    eas_kit_task() decides exactly as the same platform and scenario
 *    loaded from JSON: the two decision documents are byte-identical, for
 *    every flavour, on a wake-up (energy-aware path) and a fork (slow
 *    path, with steps);
 *  - the hand-derived golden values of sched-energy.rst example 2
 *    (docs/kernel-eas.md §7.1, scenario A, v6.19): CPU 0 kept by
 *    find_energy_efficient_cpu() (prev_best), base energy 12777000,
 *    prev_delta = best_delta = 1610100 (0.1uW), as README.md shows;
 *  - the formatter's buffer contract (measure, EAS_ENOSPC with a
 *    truncated NUL-terminated start, EAS_EINVAL) and its one-line mode;
 *  - the kit's argument errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/kit.h>
#include <libeas/place.h>
#include <libeas/place_json.h>
#include <libeas/scenario.h>

#include "testutil.h"

/* sched-energy.rst example 2 (examples/platforms/sched-energy-example.json) */
static const struct eas_state_desc little[] = {
	{ .frequency_khz = 170, .power_mw = 50 },
	{ .frequency_khz = 341, .power_mw = 150 },
	{ .frequency_khz = 512, .power_mw = 300 },
};
static const struct eas_state_desc big[] = {
	{ .frequency_khz = 512, .power_mw = 400 },
	{ .frequency_khz = 768, .power_mw = 800 },
	{ .frequency_khz = 1024, .power_mw = 1700 },
};
static const struct eas_kit_cluster clusters[] = {
	{ .nr_cpus = 2, .capacity = 512, .nr_states = 3, .states = little },
	{ .nr_cpus = 2, .capacity = 1024, .nr_states = 3, .states = big },
};

#define MAXS 64

/* one decision and its document */
struct run {
	struct eas_place_candidate cand[8];
	struct eas_place_step steps[MAXS];
	struct eas_place_result r;
	struct eas_place_steps st;
	char doc[16384];
	size_t len;
	int cpu;
};

static void decide(struct run *x, const struct eas_system *sys,
		   struct eas_task *p, struct eas_waker *w, uint32_t flags)
{
	memset(x, 0, sizeof(*x));
	x->r.feec.candidates = x->cand;
	x->r.feec.max_candidates = 8;
	x->st.steps = x->steps;
	x->st.max_steps = MAXS;
	assert_true(EAS_PLACE_MAX_STEPS(sys->pf->nr_cpus, sys->pf->nr_levels) <=
		    MAXS);
	x->cpu = eas_select_task_rq_fair_explain(sys, p, w, flags, &x->r,
						 &x->st);
	assert_true(x->cpu >= 0);
	assert_int_equal(eas_place_result_format_json(x->doc, sizeof(x->doc),
						      &x->len, sys->pf, p, w,
						      flags, &x->r, &x->st, 0),
			 0);
	assert_int_equal(strlen(x->doc), x->len);
}

/* the kit's signals equal the scenario loader's */
static void same_signals(const struct eas_kit *kit, const struct eas_task *p,
			 const struct eas_waker *w,
			 const struct eas_scenario *sc)
{
	uint32_t i;

	for (i = 0; i < kit->pf.nr_cpus; i++) {
		const struct eas_rq *a = &kit->rq[i], *b = &sc->rq[i];

		assert_int_equal(a->util_avg, b->util_avg);
		assert_int_equal(a->runnable_avg, b->runnable_avg);
		assert_int_equal(a->util_est, b->util_est);
		assert_int_equal(a->nr_running, b->nr_running);
		assert_int_equal(a->h_nr_running, b->h_nr_running);
		assert_int_equal(a->idle, b->idle);
		assert_int_equal(a->online, b->online);
		assert_int_equal(a->uclamp_max, b->uclamp_max);
	}
	assert_int_equal(p->util_avg, sc->task.util_avg);
	assert_int_equal(p->runnable_avg, sc->task.runnable_avg);
	assert_int_equal(p->prev_cpu, sc->task.prev_cpu);
	assert_int_equal(p->recent_used_cpu, sc->task.recent_used_cpu);
	assert_int_equal(p->uclamp_max, sc->task.uclamp_max);
	assert_int_equal(w->cpu, sc->waker.cpu);
	assert_int_equal(w->last_wakee, sc->waker.last_wakee);
}

/* the same decision from the JSON files (platform from the source tree,
 * scenario text sc); kit/p/w: compare the kit's signals first */
static void decide_json(struct run *x, const char *sc_text, enum eas_kernel k,
			const struct eas_kit *kit, const struct eas_task *p,
			const struct eas_waker *w)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	struct eas_scenario sc;
	struct eas_system sys;
	size_t plen;
	char *pbuf = eas_test_slurp(
		EAS_SOURCE_DIR "/examples/platforms/sched-energy-example.json",
		&plen);

	assert_non_null(pbuf);
	assert_int_equal(eas_json_platform_load(pbuf, plen, k, 0, &jp, &d), 0);
	assert_int_equal(eas_json_scenario_load(sc_text, strlen(sc_text),
						jp.pf.nr_cpus, &sc, &d),
			 0);
	same_signals(kit, p, w, &sc);
	eas_scenario_system(&sc, &jp.pf, &sys);
	decide(x, &sys, &sc.task, &sc.waker, sc.wake_flags);
	eas_scenario_free(&sc);
	eas_json_platform_free(&jp);
	free(pbuf);
}

/* scenario A: CPU utils 400, 100, 600, 500 (one task each), P util 200
 * last on CPU 0, woken from CPU 0; util_est off as in the example file */
static const char scenario_a[] =
	"{\"format\":\"libeas-scenario/1\",\"features\":{\"util_est\":false},"
	"\"cpus\":[{\"cpu\":0,\"util_avg\":400,\"nr_running\":1},"
	"{\"cpu\":1,\"util_avg\":100,\"nr_running\":1},"
	"{\"cpu\":2,\"util_avg\":600,\"nr_running\":1},"
	"{\"cpu\":3,\"util_avg\":500,\"nr_running\":1}],"
	"\"task\":{\"util_avg\":200,\"prev_cpu\":0}}";

/* a fork from CPU 3 with two CPUs idle: the slow path, with steps */
static const char scenario_fork[] =
	"{\"format\":\"libeas-scenario/1\","
	"\"cpus\":[{\"cpu\":0,\"util_avg\":300,\"nr_running\":2},"
	"{\"cpu\":3,\"util_avg\":700,\"nr_running\":1}],"
	"\"task\":{\"util_avg\":100,\"prev_cpu\":3},\"wake\":\"fork\"}";

static void build(struct eas_kit *kit, void *mem, size_t size,
		  enum eas_kernel k)
{
	assert_int_equal(eas_kit_build(kit, mem, size, clusters, 2, k, NULL),
			 0);
	assert_int_equal(kit->pf.nr_cpus, 4);
	assert_int_equal(kit->pf.nr_pds, 2);
	assert_ptr_equal(kit->sys.pf, &kit->pf);
	assert_ptr_equal(kit->sys.rq, kit->rq);
	assert_true(kit->pf.eas_possible);
}

static void test_kit_equals_json(void **state)
{
	static const uint64_t util[4] = { 400, 100, 600, 500 };
	static uint64_t mem[EAS_KIT_SIZE(4, 2, 6) / 8];
	static struct run a, b;
	struct eas_kit kit;
	struct eas_task p;
	struct eas_waker w;
	uint32_t cpu;
	unsigned k;

	(void)state;
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		/* wake-up */
		build(&kit, mem, sizeof(mem), (enum eas_kernel)k);
		for (cpu = 0; cpu < 4; cpu++)
			assert_int_equal(eas_kit_load(&kit, cpu, util[cpu], 1),
					 0);
		kit.sys.features = eas_features_default((enum eas_kernel)k) &
				   ~EAS_FEAT_UTIL_EST;
		assert_int_equal(eas_kit_task(&kit, &p, &w, 0, 200), 0);
		decide_json(&b, scenario_a, (enum eas_kernel)k, &kit, &p, &w);
		decide(&a, &kit.sys, &p, &w, EAS_WF_TTWU);
		assert_string_equal(a.doc, b.doc);
		assert_int_equal(a.cpu, 0);

		/* fork: slow path */
		build(&kit, mem, sizeof(mem), (enum eas_kernel)k);
		assert_int_equal(eas_kit_load(&kit, 0, 300, 2), 0);
		assert_int_equal(eas_kit_load(&kit, 3, 700, 1), 0);
		assert_int_equal(eas_kit_task(&kit, &p, &w, 3, 100), 0);
		decide_json(&b, scenario_fork, (enum eas_kernel)k, &kit, &p,
			    &w);
		decide(&a, &kit.sys, &p, &w, EAS_WF_FORK);
		assert_string_equal(a.doc, b.doc);
		assert_int_equal(a.r.path, EAS_PATH_IDLEST);
		assert_true(a.st.nr_steps > 0);
	}
}

/* docs/kernel-eas.md §7.1 scenario A, v6.19, hand-derived there (and
 * printed by README.md's `eas place` example): feec keeps prev CPU 0
 * (prev_best), base energy 12777000, both deltas 1610100 (0.1uW). */
static void test_golden_scenario_a(void **state)
{
	static uint64_t mem[EAS_KIT_SIZE(4, 2, 6) / 8];
	static const uint64_t util[4] = { 400, 100, 600, 500 };
	static struct run a;
	static const char want[] =
		"{\"cpu\":0,\"path\":\"eas\",\"eas\":{\"overutilized\":false,"
		"\"result\":0,\"reason\":\"prev_best\",\"base_energy\":"
		"12777000,\"energy_unit\":\"0.1uW\",\"prev_delta\":1610100,"
		"\"best_delta\":1610100,\"prev_fits\":1,\"best_fits\":1,";
	struct eas_kit kit;
	struct eas_task p;
	struct eas_waker w;
	char *one;
	size_t i, j, len;

	(void)state;
	build(&kit, mem, sizeof(mem), EAS_KERNEL_V6_19);
	for (i = 0; i < 4; i++)
		eas_kit_load(&kit, (uint32_t)i, util[i], 1);
	eas_kit_task(&kit, &p, &w, 0, 200);
	decide(&a, &kit.sys, &p, &w, EAS_WF_TTWU);
	if (strncmp(a.doc, want, sizeof(want) - 1))
		fail_msg("got %s", a.doc);
	assert_non_null(strstr(a.doc,
			       ",\n \"kernel\":\"v6.19\",\"wake\":"
			       "\"ttwu\",\"prev_cpu\":0,\"waker_cpu\":0"));
	assert_non_null(strstr(a.doc, "\"steps\":[]}"));
	assert_int_equal(a.doc[a.len - 1], '}');

	/* one line: the same document without its line breaks */
	one = malloc(a.len + 1);
	assert_non_null(one);
	assert_int_equal(eas_place_result_format_json(one, a.len + 1, &len,
						      kit.sys.pf, &p, &w,
						      EAS_WF_TTWU, &a.r, &a.st,
						      EAS_PLACE_JSON_ONE_LINE),
			 0);
	assert_null(strchr(one, '\n'));
	for (i = j = 0; i < a.len; i++) {
		if (a.doc[i] == '\n') {
			while (a.doc[i + 1] == ' ')
				i++;
			continue;
		}
		assert_int_equal(one[j], a.doc[i]);
		j++;
	}
	assert_int_equal(j, len);
	free(one);
}

static void test_format_buffer(void **state)
{
	static uint64_t mem[EAS_KIT_SIZE(4, 2, 6) / 8];
	static struct run a;
	struct eas_kit kit;
	struct eas_task p;
	struct eas_waker w;
	char small[16];
	size_t len = 1;

	(void)state;
	build(&kit, mem, sizeof(mem), EAS_KERNEL_V5_4);
	eas_kit_task(&kit, &p, &w, 1, 50);
	decide(&a, &kit.sys, &p, &w, EAS_WF_TTWU);
	/* measure only */
	assert_int_equal(eas_place_result_format_json(NULL, 0, &len, kit.sys.pf,
						      &p, &w, EAS_WF_TTWU, &a.r,
						      &a.st, 0),
			 EAS_ENOSPC);
	assert_int_equal(len, a.len);
	/* too small: the start, NUL-terminated */
	assert_int_equal(eas_place_result_format_json(
				 small, sizeof(small), &len, kit.sys.pf, &p, &w,
				 EAS_WF_TTWU, &a.r, &a.st, 0),
			 EAS_ENOSPC);
	assert_int_equal(len, a.len);
	assert_int_equal(strlen(small), sizeof(small) - 1);
	assert_memory_equal(small, a.doc, sizeof(small) - 1);
	/* exactly len bytes is one too few (the NUL) */
	assert_int_equal(
		eas_place_result_format_json(a.doc, a.len, &len, kit.sys.pf, &p,
					     &w, EAS_WF_TTWU, &a.r, &a.st, 0),
		EAS_ENOSPC);
	/* no steps given: "steps":[] */
	assert_int_equal(eas_place_result_format_json(
				 a.doc, sizeof(a.doc), &len, kit.sys.pf, &p, &w,
				 EAS_WF_TTWU, &a.r, NULL, 0),
			 0);
	assert_non_null(strstr(a.doc, "\"steps\":[]}"));
	/* bad arguments */
	assert_int_equal(eas_place_result_format_json(a.doc, sizeof(a.doc),
						      &len, NULL, &p, &w, 0,
						      &a.r, NULL, 0),
			 EAS_EINVAL);
	assert_int_equal(len, 0);
	assert_int_equal(eas_place_result_format_json(a.doc, sizeof(a.doc),
						      NULL, kit.sys.pf, NULL,
						      &w, 0, &a.r, NULL, 0),
			 EAS_EINVAL);
	assert_int_equal(eas_place_result_format_json(a.doc, sizeof(a.doc),
						      NULL, kit.sys.pf, &p,
						      NULL, 0, &a.r, NULL, 0),
			 EAS_EINVAL);
	assert_int_equal(eas_place_result_format_json(a.doc, sizeof(a.doc),
						      NULL, kit.sys.pf, &p, &w,
						      0, NULL, NULL, 0),
			 EAS_EINVAL);
	assert_int_equal(eas_place_result_format_json(a.doc, sizeof(a.doc),
						      NULL, kit.sys.pf, &p, &w,
						      0, &a.r, NULL, 0x80),
			 EAS_EINVAL);
}

static void test_kit_errors(void **state)
{
	static uint64_t mem[EAS_KIT_SIZE(4, 2, 6) / 8];
	static const struct eas_state_desc bad_states[] = {
		{ .frequency_khz = 500, .power_mw = 10 },
		{ .frequency_khz = 400, .power_mw = 20 },
	};
	struct eas_kit_cluster cl[2];
	struct eas_build_error where;
	struct eas_kit kit;
	struct eas_task p;
	struct eas_waker w;

	(void)state;
	assert_int_equal(eas_kit_build(NULL, mem, sizeof(mem), clusters, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	assert_int_equal(eas_kit_build(&kit, NULL, sizeof(mem), clusters, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	assert_int_equal(eas_kit_build(&kit, (char *)mem + 4, sizeof(mem) - 8,
				       clusters, 2, EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem), NULL, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem), clusters, 0,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	memcpy(cl, clusters, sizeof(cl));
	cl[1].nr_cpus = 0;
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem), cl, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_EINVAL);
	/* too small: for the rqs, then for the platform */
	assert_int_equal(eas_kit_build(&kit, mem, 64, clusters, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_ENOSPC);
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem) / 2, clusters, 2,
				       EAS_KERNEL_V6_19, NULL),
			 EAS_ENOSPC);
	assert_null(kit.rq);
	assert_int_equal(kit.pf.nr_cpus, 0);
	/* the platform build's own errors, at the cluster */
	memcpy(cl, clusters, sizeof(cl));
	cl[1].states = bad_states;
	cl[1].nr_states = 2;
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem), cl, 2,
				       EAS_KERNEL_V6_19, &where),
			 EAS_EFREQ);
	assert_int_equal(where.pd, 1);
	assert_null(kit.sys.pf);
	/* capacity 0 = 1024 */
	cl[1] = clusters[1];
	cl[1].capacity = 0;
	assert_int_equal(eas_kit_build(&kit, mem, sizeof(mem), cl, 2,
				       EAS_KERNEL_V6_19, NULL),
			 0);
	assert_int_equal(kit.pf.cpus[3].capacity, 1024);
	assert_int_equal(kit.pf.cpus[0].capacity, 512);
	/* load and task */
	assert_int_equal(eas_kit_load(NULL, 0, 1, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_load(&kit, 4, 1, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_load(&kit, 0, (1u << 20) + 1, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_load(&kit, 2, 300, 0), 0);
	assert_true(kit.rq[2].idle);
	assert_int_equal(kit.rq[2].util_avg, 300);
	assert_int_equal(kit.rq[2].runnable_avg, 300);
	assert_int_equal(eas_kit_load(&kit, 2, 300, 3), 0);
	assert_false(kit.rq[2].idle);
	assert_int_equal(kit.rq[2].h_nr_running, 3);
	assert_int_equal(eas_kit_task(&kit, NULL, &w, 0, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_task(NULL, &p, &w, 0, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_task(&kit, &p, &w, 4, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_task(&kit, &p, &w, -1, 1), EAS_EINVAL);
	assert_int_equal(eas_kit_task(&kit, &p, NULL, 2, 7), 0);
	assert_int_equal(p.prev_cpu, 2);
	assert_int_equal(p.util_avg, 7);
	assert_int_equal(p.runnable_avg, 7);
	assert_int_equal(p.uclamp_max, 1024);
	assert_int_equal(p.recent_used_cpu, -1);
}

/* EAS_KIT_SIZE() is enough for any shape (a 1-CPU cluster to 3 clusters
 * of 100 CPUs, 1 to 40 states each), for every flavour */
static void test_kit_size(void **state)
{
	static struct eas_state_desc st[40];
	static const uint32_t shapes[][3] = {
		{ 1, 1, 1 }, { 1, 1, 40 },  { 2, 1, 3 },   { 4, 2, 5 },
		{ 3, 3, 2 }, { 100, 1, 7 }, { 64, 2, 40 }, { 100, 3, 13 },
	};
	struct eas_kit_cluster cl[3];
	struct eas_kit kit;
	size_t i, c;
	unsigned k;

	(void)state;
	for (i = 0; i < 40; i++) {
		st[i].frequency_khz = 100000 * (i + 1);
		st[i].power_mw = 10 * (i + 1) * (i + 1);
	}
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		uint32_t nc = shapes[i][1], ns = shapes[i][2];
		size_t size = EAS_KIT_SIZE(nc * shapes[i][0], nc, nc * ns);
		uint64_t *mem = malloc(size);

		assert_non_null(mem);
		for (c = 0; c < nc; c++) {
			cl[c].nr_cpus = shapes[i][0];
			cl[c].capacity = (uint32_t)(1024 >> (nc - 1 - c));
			cl[c].nr_states = ns;
			cl[c].states = st;
		}
		for (k = 0; k < EAS_KERNEL_COUNT; k++) {
			assert_int_equal(eas_kit_build(&kit, mem, size, cl, nc,
						       (enum eas_kernel)k,
						       NULL),
					 0);
			assert_int_equal(kit.pf.nr_cpus, nc * shapes[i][0]);
			assert_true(kit.rq[kit.pf.nr_cpus - 1].idle);
		}
		free(mem);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kit_equals_json),
		cmocka_unit_test(test_golden_scenario_a),
		cmocka_unit_test(test_format_buffer),
		cmocka_unit_test(test_kit_errors),
		cmocka_unit_test(test_kit_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
