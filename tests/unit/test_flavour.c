/* SPDX-License-Identifier: MIT */
/*
 * Flavour objects (include/libeas/common.h): eas_kernel_by_name() /
 * eas_kernel_by_id(), eas_platform_build_k() and the enum-taking
 * eas_platform_build() wrapper, and that every decision dispatches through
 * the object the platform holds (sys->pf->flavour), not through the enum.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <libeas/libeas.h>

#include "fixtures.h"

static const struct eas_flavour *const objs[EAS_KERNEL_COUNT] = {
	&eas_kernel_v5_4,
	&eas_kernel_v6_19,
	&eas_kernel_v7_1,
};

static void test_by_name_by_id(void **state)
{
	uint32_t k;

	(void)state;
	assert_ptr_equal(eas_kernel_by_name("v5.4"), &eas_kernel_v5_4);
	assert_ptr_equal(eas_kernel_by_name("5.4"), &eas_kernel_v5_4);
	assert_ptr_equal(eas_kernel_by_name("v6.19"), &eas_kernel_v6_19);
	assert_ptr_equal(eas_kernel_by_name("6.19"), &eas_kernel_v6_19);
	assert_ptr_equal(eas_kernel_by_name("v7.1"), &eas_kernel_v7_1);
	assert_null(eas_kernel_by_name("v6.20"));
	assert_null(eas_kernel_by_name("v7.1.3"));
	assert_null(eas_kernel_by_name(""));
	assert_null(eas_kernel_by_name(NULL));
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		const struct eas_flavour *f = eas_kernel_by_id(k);

		assert_ptr_equal(f, objs[k]);
		assert_int_equal(f->id, k);
		assert_string_equal(f->name, eas_kernel_name(k));
		assert_ptr_equal(eas_kernel_by_name(f->name), f);
		assert_non_null(f->ops);
	}
	assert_null(eas_kernel_by_id((enum eas_kernel)EAS_KERNEL_COUNT));
	assert_null(eas_kernel_by_id((enum eas_kernel)99));
	/* one table per flavour */
	assert_ptr_not_equal(eas_kernel_v5_4.ops, eas_kernel_v6_19.ops);
	assert_ptr_not_equal(eas_kernel_v6_19.ops, eas_kernel_v7_1.ops);
}

/* eas_platform_build_k() stores the object; the enum entry is the same
 * build through eas_kernel_by_id(). */
static void test_build_k(void **state)
{
	const struct eas_platform_desc *d = fix_desc_hikey960();
	size_t n = eas_platform_size(d);
	void *m1 = aligned_alloc(8, (n + 7) & ~(size_t)7);
	void *m2 = aligned_alloc(8, (n + 7) & ~(size_t)7);
	struct eas_platform a, b;
	struct eas_build_error where;
	uint32_t k;

	(void)state;
	assert_non_null(m1);
	assert_non_null(m2);
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		assert_int_equal(
			eas_platform_build_k(&a, m1, n, d, objs[k], 0, NULL),
			EAS_OK);
		assert_int_equal(eas_platform_build(&b, m2, n, d, k, 0, NULL),
				 EAS_OK);
		assert_int_equal(a.kernel, k);
		assert_ptr_equal(a.flavour, objs[k]);
		assert_ptr_equal(b.flavour, objs[k]);
		assert_int_equal(a.nr_cpus, b.nr_cpus);
		assert_int_equal(a.eas_possible, b.eas_possible);
		assert_int_equal(a.nr_perf_states, b.nr_perf_states);
		assert_int_equal(a.pds[1].table[2].cost,
				 b.pds[1].table[2].cost);
	}
	/* no object: EAS_EKERNEL, as an unknown enum, nothing built */
	memset(&a, 0xa5, sizeof(a));
	assert_int_equal(eas_platform_build_k(&a, m1, n, d, NULL, 0, &where),
			 EAS_EKERNEL);
	assert_int_equal(where.err, EAS_EKERNEL);
	assert_null(a.flavour);
	assert_int_equal(a.nr_cpus, 0);
	assert_int_equal(
		eas_platform_build(&b, m2, n, d, (enum eas_kernel)7, 0, NULL),
		EAS_EKERNEL);
	assert_int_equal(eas_platform_build_k(NULL, m1, n, d, objs[0], 0, NULL),
			 EAS_EINVAL);
	free(m1);
	free(m2);
}

/*
 * The object decides, not pf->kernel. A new task enqueued (fork) on a CPU
 * whose utilisation does not fit: v5.4 enqueue_task_fair() updates
 * rd->overutilized there (kernel.h: the ENQUEUE_WAKEUP test reads flags
 * the loop overwrote), v6.19 / v7.1 do not (the task_new case skips
 * update_overutilized_status()). The 2x2 platform: CPU 0 has capacity
 * 512; util_avg 500 > 512 * 0.8 (500 * 1280 = 640000 >= 512 * 1024 =
 * 524288), so cpu_overutilized(0) holds in every flavour (v6.19: EAS is
 * on, no uclamp).
 */
static void test_dispatch(void **state)
{
	struct eas_platform *pf = fix_2x2(EAS_KERNEL_V6_19, 0);
	struct eas_platform cp;
	struct eas_rq rq[4];
	struct eas_system sys;
	uint32_t i, k;

	(void)state;
	memset(&sys, 0, sizeof(sys));
	for (i = 0; i < 4; i++)
		eas_rq_init(&rq[i]);
	rq[0].util_avg = 500;
	rq[0].nr_running = 1;
	rq[0].idle = false;
	cp = *pf;
	sys.pf = &cp;
	sys.rq = rq;
	sys.rd_overutilized = EAS_RD_OU_UNKNOWN;
	assert_true(pf->eas_possible);
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		/* the platform keeps saying v6.19; only the object changes */
		cp.flavour = objs[k];
		sys.features = eas_features_default(k);
		assert_true(eas_cpu_overutilized(&sys, 0));
		assert_int_equal(eas_overutilized_update(
					 &sys, 0, EAS_OU_ENQUEUE_NEW, false),
				 k == EAS_KERNEL_V5_4);
		assert_true(eas_overutilized_update(&sys, 0, EAS_OU_ENQUEUE,
						    false));
	}
	/* a platform nobody built (no object) is a bad argument */
	cp.flavour = NULL;
	assert_false(eas_overutilized_update(&sys, 0, EAS_OU_ENQUEUE, false));
	fix_free(pf);
}

static const struct eas_flavour *const places[EAS_KERNEL_COUNT] = {
	&eas_kernel_v5_4_place,
	&eas_kernel_v6_19_place,
	&eas_kernel_v7_1_place,
};

/*
 * The placement-only objects: same id and name, the same placement
 * decisions as the full object, no load balance (EAS_EKERNEL; the other
 * load-balance calls answer as for a bad argument).
 */
static void test_place_only(void **state)
{
	const struct eas_platform_desc *d = fix_desc_hikey960();
	size_t n = eas_platform_size(d);
	void *m1 = aligned_alloc(8, (n + 7) & ~(size_t)7);
	void *m2 = aligned_alloc(8, (n + 7) & ~(size_t)7);
	struct eas_platform full, place;
	struct eas_rq rq[8];
	struct eas_system sf, sp;
	struct eas_lb_env env;
	struct eas_lb_result lr;
	uint32_t k, i, u;

	(void)state;
	assert_non_null(m1);
	assert_non_null(m2);
	for (k = 0; k < EAS_KERNEL_COUNT; k++) {
		assert_int_equal(places[k]->id, k);
		assert_string_equal(places[k]->name, objs[k]->name);
		assert_ptr_not_equal(places[k], objs[k]);
		assert_int_equal(
			eas_platform_build_k(&full, m1, n, d, objs[k], 0, NULL),
			EAS_OK);
		assert_int_equal(eas_platform_build_k(&place, m2, n, d,
						      places[k], 0, NULL),
				 EAS_OK);
		assert_ptr_equal(place.flavour, places[k]);
		memset(&sf, 0, sizeof(sf));
		for (i = 0; i < 8; i++) {
			eas_rq_init(&rq[i]);
			rq[i].util_avg = 40u * i;
			rq[i].nr_running = i & 1u;
			rq[i].idle = !(i & 1u);
		}
		sf.rq = rq;
		sf.rd_overutilized = EAS_RD_OU_UNKNOWN;
		sp = sf;
		sf.pf = &full;
		sp.pf = &place;
		for (u = 50; u <= 900; u += 170) {
			struct eas_task pa, pb;
			struct eas_waker wa, wb;
			struct eas_place_result ra, rb;
			int ca, cb;

			eas_task_init(&pa);
			pa.util_avg = u;
			pa.prev_cpu = (int32_t)(u % 8u);
			pb = pa;
			eas_waker_init(&wa);
			wa.cpu = 1;
			wb = wa;
			memset(&ra, 0, sizeof(ra));
			memset(&rb, 0, sizeof(rb));
			/* both return the chosen CPU */
			ca = eas_select_task_rq_fair(&sf, &pa, &wa, EAS_WF_TTWU,
						     &ra);
			cb = eas_select_task_rq_fair(&sp, &pb, &wb, EAS_WF_TTWU,
						     &rb);
			assert_int_equal(ca, ra.cpu);
			assert_int_equal(cb, rb.cpu);
			assert_true(ra.cpu >= 0);
			assert_int_equal(ra.cpu, rb.cpu);
			assert_int_equal(ra.path, rb.path);
			assert_int_equal(ra.eas_entered, rb.eas_entered);
			assert_int_equal(eas_compute_energy(&sf, &pa, 4, 1),
					 eas_compute_energy(&sp, &pb, 4, 1));
		}
		eas_lb_env_init(&env, 4, 0);
		assert_int_equal(
			eas_load_balance(&sf, &env, NULL, 0, NULL, &lr),
			EAS_OK);
		assert_int_equal(
			eas_load_balance(&sp, &env, NULL, 0, NULL, &lr),
			EAS_EKERNEL);
		assert_false(eas_should_we_balance(&sp, &env));
	}
	free(m1);
	free(m2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_by_name_by_id),
		cmocka_unit_test(test_build_k),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_place_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
