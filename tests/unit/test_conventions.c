/* SPDX-License-Identifier: MIT */
/*
 * The API conventions of docs/design-api.md, checked over every public
 * entry point of the core they apply to:
 *  - one bad-argument error: every checked entry point returns EAS_EINVAL
 *    for a NULL pointer (the documented exception,
 *    eas_find_energy_efficient_cpu(), keeps codes distinct from its -1);
 *  - zero means default in struct eas_system (features, rd_overutilized);
 *  - every *_name() returns the documented "unknown" for a value outside
 *    its enum.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <libeas/libeas.h>

#include "fixtures.h"

/* ---- one bad-argument error ----------------------------------------- */

struct ctx {
	struct eas_platform *pf;
	struct eas_rq rq[4];
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	struct eas_lb_env env;
	struct eas_lb_result lb;
	struct eas_mech_decision d;
	struct eas_busiest_state st;
	struct eas_mech_result mr;
	struct eas_place_result pr;
	struct eas_place_steps steps;
	struct eas_perf_state table[2];
	struct eas_perf_domain pd;
	struct eas_build_error where;
	uint64_t mem[64];
	enum eas_kernel k;
};

static void ctx_init(struct ctx *c)
{
	uint32_t i;

	memset(c, 0, sizeof(*c));
	c->pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	for (i = 0; i < 4; i++)
		eas_rq_init(&c->rq[i]);
	c->sys.pf = c->pf;
	c->sys.rq = c->rq;
	eas_task_init(&c->p);
	eas_waker_init(&c->w);
	eas_lb_env_init(&c->env, 0, 2);
	eas_busiest_state_init(&c->st, &c->env);
}

/* Each case calls one entry point with one pointer argument NULL. */
struct null_case {
	const char *what;
	int (*call)(struct ctx *c);
};

static int kernel_parse_s(struct ctx *c)
{
	return eas_kernel_parse(NULL, &c->k);
}
static int kernel_parse_out(struct ctx *c)
{
	(void)c;
	return eas_kernel_parse("v6.19", NULL);
}
static int platform_build_pf(struct ctx *c)
{
	return eas_platform_build(NULL, c->mem, sizeof(c->mem), fix_desc_2x2(),
				  EAS_KERNEL_V6_19, 0, &c->where);
}
static int platform_build_mem(struct ctx *c)
{
	struct eas_platform pf;

	return eas_platform_build(&pf, NULL, sizeof(c->mem), fix_desc_2x2(),
				  EAS_KERNEL_V6_19, 0, &c->where);
}
static int platform_build_desc(struct ctx *c)
{
	struct eas_platform pf;

	return eas_platform_build(&pf, c->mem, sizeof(c->mem), NULL,
				  EAS_KERNEL_V6_19, 0, &c->where);
}
static int em_table_init_table(struct ctx *c)
{
	(void)c;
	return eas_em_table_init(EAS_KERNEL_V6_19, 0, NULL, 2, 1024, NULL);
}
static int em_limits_pd(struct ctx *c)
{
	(void)c;
	return eas_em_update_performance_limits(NULL, 0, 0);
}
static int select_sys(struct ctx *c)
{
	return eas_select_task_rq_fair(NULL, &c->p, &c->w, EAS_WF_TTWU, &c->pr);
}
static int select_pf(struct ctx *c)
{
	c->sys.pf = NULL;
	return eas_select_task_rq_fair(&c->sys, &c->p, &c->w, EAS_WF_TTWU,
				       &c->pr);
}
static int select_rq(struct ctx *c)
{
	c->sys.rq = NULL;
	return eas_select_task_rq_fair(&c->sys, &c->p, &c->w, EAS_WF_TTWU,
				       &c->pr);
}
static int select_p(struct ctx *c)
{
	return eas_select_task_rq_fair(&c->sys, NULL, &c->w, EAS_WF_TTWU,
				       &c->pr);
}
static int select_w(struct ctx *c)
{
	return eas_select_task_rq_fair(&c->sys, &c->p, NULL, EAS_WF_TTWU,
				       &c->pr);
}
static int explain_sys(struct ctx *c)
{
	return eas_select_task_rq_fair_explain(NULL, &c->p, &c->w, EAS_WF_TTWU,
					       &c->pr, &c->steps);
}
static int explain_p(struct ctx *c)
{
	return eas_select_task_rq_fair_explain(&c->sys, NULL, &c->w,
					       EAS_WF_TTWU, &c->pr, &c->steps);
}
static int explain_w(struct ctx *c)
{
	return eas_select_task_rq_fair_explain(&c->sys, &c->p, NULL,
					       EAS_WF_TTWU, &c->pr, &c->steps);
}
static int lb_sys(struct ctx *c)
{
	return eas_load_balance(NULL, &c->env, NULL, 0, NULL, &c->lb);
}
static int lb_env(struct ctx *c)
{
	return eas_load_balance(&c->sys, NULL, NULL, 0, NULL, &c->lb);
}
static int lb_res(struct ctx *c)
{
	return eas_load_balance(&c->sys, &c->env, NULL, 0, NULL, NULL);
}
static int lb_groups(struct ctx *c)
{
	return eas_load_balance(&c->sys, &c->env, NULL, 4, NULL, &c->lb);
}
static int decide_sys(struct ctx *c)
{
	return eas_mech_decide(NULL, &c->env, &c->lb, EAS_MECH_STOPPER, &c->d);
}
static int decide_env(struct ctx *c)
{
	return eas_mech_decide(&c->sys, NULL, &c->lb, EAS_MECH_STOPPER, &c->d);
}
static int decide_res(struct ctx *c)
{
	return eas_mech_decide(&c->sys, &c->env, NULL, EAS_MECH_STOPPER, &c->d);
}
static int decide_d(struct ctx *c)
{
	return eas_mech_decide(&c->sys, &c->env, &c->lb, EAS_MECH_STOPPER,
			       NULL);
}
static int execute_sys(struct ctx *c)
{
	return eas_mech_execute(NULL, &c->env, &c->d, &c->st, &c->mr);
}
static int execute_env(struct ctx *c)
{
	return eas_mech_execute(&c->sys, NULL, &c->d, &c->st, &c->mr);
}
static int execute_d(struct ctx *c)
{
	return eas_mech_execute(&c->sys, &c->env, NULL, &c->st, &c->mr);
}
static int execute_st(struct ctx *c)
{
	return eas_mech_execute(&c->sys, &c->env, &c->d, NULL, &c->mr);
}
static int execute_r(struct ctx *c)
{
	return eas_mech_execute(&c->sys, &c->env, &c->d, &c->st, NULL);
}

static const struct null_case null_cases[] = {
	{ "eas_kernel_parse(s)", kernel_parse_s },
	{ "eas_kernel_parse(out)", kernel_parse_out },
	{ "eas_platform_build(pf)", platform_build_pf },
	{ "eas_platform_build(mem)", platform_build_mem },
	{ "eas_platform_build(desc)", platform_build_desc },
	{ "eas_em_table_init(table)", em_table_init_table },
	{ "eas_em_update_performance_limits(pd)", em_limits_pd },
	{ "eas_select_task_rq_fair(sys)", select_sys },
	{ "eas_select_task_rq_fair(sys->pf)", select_pf },
	{ "eas_select_task_rq_fair(sys->rq)", select_rq },
	{ "eas_select_task_rq_fair(p)", select_p },
	{ "eas_select_task_rq_fair(w)", select_w },
	{ "eas_select_task_rq_fair_explain(sys)", explain_sys },
	{ "eas_select_task_rq_fair_explain(p)", explain_p },
	{ "eas_select_task_rq_fair_explain(w)", explain_w },
	{ "eas_load_balance(sys)", lb_sys },
	{ "eas_load_balance(env)", lb_env },
	{ "eas_load_balance(res)", lb_res },
	{ "eas_load_balance(groups, max_groups > 0)", lb_groups },
	{ "eas_mech_decide(sys)", decide_sys },
	{ "eas_mech_decide(env)", decide_env },
	{ "eas_mech_decide(res)", decide_res },
	{ "eas_mech_decide(d)", decide_d },
	{ "eas_mech_execute(sys)", execute_sys },
	{ "eas_mech_execute(env)", execute_env },
	{ "eas_mech_execute(d)", execute_d },
	{ "eas_mech_execute(st)", execute_st },
	{ "eas_mech_execute(r)", execute_r },
};

static void test_null_is_einval(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(null_cases) / sizeof(null_cases[0]); i++) {
		struct ctx c;
		int ret;

		ctx_init(&c);
		ret = null_cases[i].call(&c);
		if (ret != EAS_EINVAL) {
			print_error("%s returned %d (%s), want EAS_EINVAL\n",
				    null_cases[i].what, ret, eas_err_name(ret));
			bad++;
		}
		fix_free(c.pf);
	}
	assert_int_equal(bad, 0);
}

/* The other bad arguments of select_task_rq_fair() (wake type, CPU ids)
 * are EAS_EINVAL too, and nothing is written then. */
static void test_select_bad_args(void **state)
{
	struct ctx c;

	(void)state;
	ctx_init(&c);
	c.pr.cpu = 77;
	assert_int_equal(eas_select_task_rq_fair(&c.sys, &c.p, &c.w, 0, &c.pr),
			 EAS_EINVAL);
	assert_int_equal(eas_select_task_rq_fair(&c.sys, &c.p, &c.w,
						 EAS_WF_TTWU | EAS_WF_FORK,
						 &c.pr),
			 EAS_EINVAL);
	c.p.prev_cpu = 4;
	assert_int_equal(
		eas_select_task_rq_fair(&c.sys, &c.p, &c.w, EAS_WF_TTWU, &c.pr),
		EAS_EINVAL);
	c.p.prev_cpu = 0;
	c.w.cpu = -1;
	assert_int_equal(
		eas_select_task_rq_fair(&c.sys, &c.p, &c.w, EAS_WF_TTWU, &c.pr),
		EAS_EINVAL);
	assert_int_equal(c.pr.cpu, 77);
	/* _explain() leaves its steps untouched too */
	c.steps.nr_steps = 5;
	c.steps.nr_steps_total = 6;
	c.steps.max_steps = 7;
	assert_int_equal(eas_select_task_rq_fair_explain(&c.sys, &c.p, &c.w,
							 EAS_WF_TTWU, &c.pr,
							 &c.steps),
			 EAS_EINVAL);
	assert_int_equal(c.steps.nr_steps, 5);
	assert_int_equal(c.steps.nr_steps_total, 6);
	assert_int_equal(c.steps.max_steps, 7);
	assert_int_equal(c.pr.cpu, 77);
	c.w.cpu = 0;
	assert_true(eas_select_task_rq_fair(&c.sys, &c.p, &c.w, EAS_WF_TTWU,
					    &c.pr) >= 0);
	fix_free(c.pf);
}

/* The documented exception: feec's -1 is a result, so its bad-argument
 * codes differ from -1 (EAS_EINVAL). */
static void test_feec_bad_args_not_minus_one(void **state)
{
	struct ctx c;

	(void)state;
	ctx_init(&c);
	assert_int_equal(eas_find_energy_efficient_cpu(NULL, &c.p, 0, NULL),
			 EAS_EFORMAT);
	assert_int_equal(eas_find_energy_efficient_cpu(&c.sys, NULL, 0, NULL),
			 EAS_EFORMAT);
	assert_int_equal(eas_find_energy_efficient_cpu(&c.sys, &c.p, 4, NULL),
			 EAS_ECPU);
	assert_int_not_equal(EAS_EFORMAT, -1);
	assert_int_not_equal(EAS_ECPU, -1);
	fix_free(c.pf);
}

/* ---- zero means default ---------------------------------------------- */

struct zsys {
	struct eas_platform *pf;
	struct eas_rq rq[8];
	struct eas_system sys;
};

static void zsys_init(struct zsys *z, enum eas_kernel k, uint64_t *seed)
{
	uint32_t i;

	memset(z, 0, sizeof(*z));
	z->pf = fix_hikey960(k, 0);
	for (i = 0; i < z->pf->nr_cpus; i++) {
		eas_rq_init(&z->rq[i]);
		z->rq[i].util_avg = fix_rand_range(seed, 0, 700);
		z->rq[i].util_est = z->rq[i].util_avg;
		z->rq[i].runnable_avg = z->rq[i].util_avg;
		z->rq[i].load_avg = z->rq[i].util_avg;
		z->rq[i].runnable_load_avg = z->rq[i].util_avg;
		z->rq[i].nr_running = z->rq[i].util_avg ? 1u : 0u;
		z->rq[i].h_nr_running = z->rq[i].nr_running;
		z->rq[i].idle = !z->rq[i].nr_running;
	}
	/* only pf and rq set: features 0, overutilized 0 (unknown), jiffies 0,
	 * hz 0 */
	z->sys.pf = z->pf;
	z->sys.rq = z->rq;
}

static int place(const struct eas_system *sys, const struct eas_task *p0,
		 const struct eas_waker *w0, uint32_t flags,
		 struct eas_place_result *r)
{
	struct eas_task p = *p0;
	struct eas_waker w = *w0;

	memset(r, 0, sizeof(*r));
	return eas_select_task_rq_fair(sys, &p, &w, flags, r);
}

/* A zeroed struct eas_system with only pf and rq set decides exactly as
 * the explicitly initialised one (features = eas_features_default(),
 * overutilized computed from the signals). */
static void test_zeroed_system_is_default(void **state)
{
	static const enum eas_kernel ks[] = { EAS_KERNEL_V5_4, EAS_KERNEL_V6_19,
					      EAS_KERNEL_V7_1 };
	static const uint32_t flags[] = { EAS_WF_TTWU, EAS_WF_FORK,
					  EAS_WF_TTWU | EAS_WF_SYNC };
	uint64_t seed = 12345;
	size_t ki, n, fi;
	uint32_t nr_eas = 0;

	(void)state;
	for (ki = 0; ki < sizeof(ks) / sizeof(ks[0]); ki++) {
		for (n = 0; n < 60; n++) {
			struct eas_place_result rz, re;
			struct eas_system ex;
			struct eas_task p;
			struct eas_waker w;
			struct zsys z;

			zsys_init(&z, ks[ki], &seed);
			ex = z.sys;
			ex.features = eas_features_default(ks[ki]);
			ex.rd_overutilized = EAS_RD_OU_UNKNOWN;
			eas_task_init(&p);
			p.util_avg = fix_rand_range(&seed, 1, 600);
			p.util_est = p.util_avg;
			p.util_est_ewma = p.util_avg;
			p.util_est_enqueued = p.util_avg;
			p.prev_cpu = (int32_t)fix_rand_range(&seed, 0, 7);
			p.id = 3;
			eas_waker_init(&w);
			w.cpu = (int32_t)fix_rand_range(&seed, 0, 7);
			w.id = 4;
			for (fi = 0; fi < sizeof(flags) / sizeof(flags[0]);
			     fi++) {
				int a = place(&z.sys, &p, &w, flags[fi], &rz);
				int b = place(&ex, &p, &w, flags[fi], &re);

				assert_true(a >= 0);
				assert_int_equal(a, b);
				assert_int_equal(rz.path, re.path);
				assert_int_equal(rz.no_eas, re.no_eas);
				assert_int_equal(rz.overutilized,
						 re.overutilized);
				assert_int_equal(rz.feec.reason,
						 re.feec.reason);
				assert_int_equal(rz.feec.best_delta,
						 re.feec.best_delta);
				nr_eas += rz.path == EAS_PATH_EAS;
			}
			fix_free(z.pf);
		}
	}
	/* the comparison covered the energy-aware path, not only fallbacks */
	assert_true(nr_eas > 0);
}

/* 0 is the defaults, not "every feature off": EAS_FEAT_EXPLICIT alone is
 * "every feature off" (no ENERGY_AWARE: EAS disabled). */
static void test_features_explicit_none(void **state)
{
	struct eas_place_result r;
	struct eas_task p;
	struct eas_waker w;
	struct zsys z;
	uint64_t seed = 7;
	uint32_t i;

	(void)state;
	zsys_init(&z, EAS_KERNEL_V6_19, &seed);
	for (i = 0; i < 8; i++) {
		z.rq[i].util_avg = z.rq[i].util_est = 0;
		z.rq[i].nr_running = z.rq[i].h_nr_running = 0;
		z.rq[i].idle = true;
	}
	eas_task_init(&p);
	p.util_avg = p.util_est = 100;
	p.prev_cpu = 1;
	eas_waker_init(&w);
	w.cpu = 1;
	assert_true(place(&z.sys, &p, &w, EAS_WF_TTWU, &r) >= 0);
	assert_int_equal(r.no_eas, EAS_NOEAS_NONE);
	assert_int_equal(r.path, EAS_PATH_EAS);
	z.sys.features = EAS_FEAT_EXPLICIT;
	assert_true(place(&z.sys, &p, &w, EAS_WF_TTWU, &r) >= 0);
	assert_int_equal(r.no_eas, EAS_NOEAS_DISABLED);
	assert_true((eas_features_default(EAS_KERNEL_V5_4) &
		     EAS_FEAT_EXPLICIT) != 0);
	fix_free(z.pf);
}

/* rd_overutilized 0 is "unknown": computed from the signals (every CPU
 * busy: overutilized); CLEAR / SET state it. */
static void test_overutilized_zero_is_unknown(void **state)
{
	struct eas_place_result r;
	struct eas_task p;
	struct eas_waker w;
	struct zsys z;
	uint64_t seed = 9;
	uint32_t i;

	(void)state;
	assert_int_equal(EAS_RD_OU_UNKNOWN, 0);
	zsys_init(&z, EAS_KERNEL_V6_19, &seed);
	for (i = 0; i < 8; i++) {
		z.rq[i].util_avg = z.rq[i].util_est = 1000;
		z.rq[i].nr_running = z.rq[i].h_nr_running = 1;
		z.rq[i].idle = false;
	}
	eas_task_init(&p);
	p.util_avg = p.util_est = 100;
	p.prev_cpu = 1;
	eas_waker_init(&w);
	w.cpu = 1;
	assert_true(eas_is_overutilized(&z.sys));
	assert_true(place(&z.sys, &p, &w, EAS_WF_TTWU, &r) >= 0);
	assert_true(r.overutilized);
	assert_int_equal(r.no_eas, EAS_NOEAS_OVERUTILIZED);
	z.sys.rd_overutilized = EAS_RD_OU_CLEAR;
	assert_false(eas_is_overutilized(&z.sys));
	assert_true(place(&z.sys, &p, &w, EAS_WF_TTWU, &r) >= 0);
	assert_false(r.overutilized);
	z.sys.rd_overutilized = EAS_RD_OU_SET;
	for (i = 0; i < 8; i++)
		z.rq[i].util_avg = z.rq[i].util_est = 0;
	assert_true(eas_is_overutilized(&z.sys));
	fix_free(z.pf);
}

/* ---- one documented string for an unknown value ---------------------- */

#define UNK(fn, type) fn((type)1000)

static void test_name_unknown(void **state)
{
	const char *const got[] = {
		eas_kernel_name((enum eas_kernel)EAS_KERNEL_COUNT),
		eas_kernel_name((enum eas_kernel) - 1),
		eas_err_name(12345),
		UNK(eas_off_reason_name, enum eas_off_reason),
		UNK(eas_place_path_name, enum eas_place_path),
		UNK(eas_feec_reason_name, enum eas_feec_reason),
		UNK(eas_no_eas_reason_name, enum eas_no_eas_reason),
		UNK(eas_step_kind_name, enum eas_step_kind),
		UNK(eas_step_test_name, enum eas_step_test),
		UNK(eas_lb_idle_name, enum eas_lb_idle),
		UNK(eas_sched_class_name, enum eas_sched_class),
		UNK(eas_group_type_name, enum eas_group_type),
		UNK(eas_migration_type_name, enum eas_migration_type),
		UNK(eas_lb_rule_name, enum eas_lb_rule),
		UNK(eas_lb_balanced_name, enum eas_lb_balanced),
		UNK(eas_cm_reason_name, enum eas_cm_reason),
		UNK(eas_mech_name, enum eas_mech),
		UNK(eas_mech_when_name, enum eas_mech_when),
		UNK(eas_mech_reason_name, enum eas_mech_reason),
		eas_mech_reason_name(
			(enum eas_mech_reason)EAS_MECH_REASON_COUNT),
		UNK(eas_switch_out_name, enum eas_switch_out),
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(got) / sizeof(got[0]); i++) {
		assert_non_null(got[i]);
		assert_string_equal(got[i], "unknown");
	}
	/* the count constants bound the known values */
	assert_string_equal(
		eas_kernel_name((enum eas_kernel)(EAS_KERNEL_COUNT - 1)),
		"v7.1");
	assert_string_equal(eas_mech_reason_name((enum eas_mech_reason)(
				    EAS_MECH_REASON_COUNT - 1)),
			    "not_reached");
	/* eas_strerror() keeps its sentence */
	assert_string_equal(eas_strerror(12345), "unknown error");
}

/* ---- units in names ---------------------------------------------------- */

/* eas_perf_state.frequency_khz; the old name is an alias of the same
 * storage (existing code keeps compiling and reading the same value). */
static void test_frequency_khz_alias(void **state)
{
	struct eas_perf_state ps = { .frequency_khz = 1800000 };

	(void)state;
	assert_int_equal(ps.frequency, 1800000);
	ps.frequency = 500000;
	assert_int_equal(ps.frequency_khz, 500000);
	assert_int_equal(offsetof(struct eas_perf_state, frequency),
			 offsetof(struct eas_perf_state, frequency_khz));
	assert_int_equal(sizeof(ps.frequency_khz), sizeof(uint64_t));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_is_einval),
		cmocka_unit_test(test_select_bad_args),
		cmocka_unit_test(test_feec_bad_args_not_minus_one),
		cmocka_unit_test(test_zeroed_system_is_default),
		cmocka_unit_test(test_features_explicit_none),
		cmocka_unit_test(test_overutilized_zero_is_unknown),
		cmocka_unit_test(test_name_unknown),
		cmocka_unit_test(test_frequency_khz_alias),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
