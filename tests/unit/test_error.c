/* SPDX-License-Identifier: MIT */
/* Error table, kernel flavour names and the version (error.c, kernel.c,
 * version.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <libeas/common.h>
#include <libeas/error.h>
#include <libeas/platform.h>
#include <libeas/version.h>

struct err_row {
	int val;
	const char *name;
};

/* Pinned values: changing one breaks every stored error code. */
static const struct err_row pinned[] = {
	{ 0, "OK" },	      { -1, "EINVAL" },	  { -2, "ENOSPC" },
	{ -3, "ERANGE" },     { -4, "EFREQ" },	  { -5, "EPOWER" },
	{ -6, "ECAPACITY" },  { -7, "EPDEXIST" }, { -8, "ENOPD" },
	{ -9, "ECPU" },	      { -10, "ETOPO" },	  { -11, "ENOVOLT" },
	{ -12, "ENOSTATES" }, { -13, "EPERF" },	  { -14, "ETOOMANY" },
	{ -15, "EKERNEL" },   { -16, "ELIMITS" }, { -17, "EFORMAT" },
	{ -18, "ENOMEM" },    { -19, "EIO" },	  { -20, "EUNSUPPORTED" },
};

static void test_pinned_values(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(EAS_OK, 0);
	assert_int_equal(EAS_EINVAL, -1);
	assert_int_equal(EAS_ETOPO, -10);
	assert_int_equal(EAS_EUNSUPPORTED, -20);
	for (i = 0; i < sizeof(pinned) / sizeof(pinned[0]); i++)
		assert_string_equal(eas_err_name(pinned[i].val),
				    pinned[i].name);
}

static void test_strings(void **state)
{
	int e, j;

	(void)state;
	assert_string_equal(eas_strerror(EAS_OK), "success");
	assert_string_equal(eas_strerror(EAS_ENOSPC),
			    "caller buffer too small");
	assert_string_equal(eas_strerror(1), "unknown error");
	assert_string_equal(eas_strerror(-21), "unknown error");
	assert_string_equal(eas_err_name(-21), "unknown");
	assert_string_equal(eas_err_name(12345), "unknown");
	/* every known code: a distinct, non-empty message */
	for (e = -20; e <= 0; e++) {
		const char *m = eas_strerror(e);

		assert_true(strlen(m) > 0);
		assert_string_not_equal(m, "unknown error");
		assert_string_not_equal(eas_err_name(e), "unknown");
		for (j = e + 1; j <= 0; j++) {
			assert_string_not_equal(m, eas_strerror(j));
			assert_string_not_equal(eas_err_name(e),
						eas_err_name(j));
		}
	}
	/* reentrant static strings: same pointer every time */
	assert_ptr_equal(eas_strerror(EAS_EFREQ), eas_strerror(EAS_EFREQ));
}

static void test_kernel_names(void **state)
{
	enum eas_kernel k = EAS_KERNEL_V5_4;

	(void)state;
	assert_string_equal(eas_kernel_name(EAS_KERNEL_V5_4), "v5.4");
	assert_string_equal(eas_kernel_name(EAS_KERNEL_V6_19), "v6.19");
	assert_string_equal(eas_kernel_name(EAS_KERNEL_V7_1), "v7.1");
	assert_string_equal(eas_kernel_name((enum eas_kernel)EAS_KERNEL_COUNT),
			    "unknown");
	assert_int_equal(eas_kernel_parse("v7.1", &k), 0);
	assert_int_equal(k, EAS_KERNEL_V7_1);
	assert_int_equal(eas_kernel_parse("7.1", &k), 0);
	assert_int_equal(k, EAS_KERNEL_V7_1);
	assert_int_equal(eas_kernel_parse("v7.10", &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse("v6.19", &k), 0);
	assert_int_equal(k, EAS_KERNEL_V6_19);
	assert_int_equal(eas_kernel_parse("5.4", &k), 0);
	assert_int_equal(k, EAS_KERNEL_V5_4);
	assert_int_equal(eas_kernel_parse("v5.4", &k), 0);
	assert_int_equal(eas_kernel_parse("6.19", &k), 0);
	assert_int_equal(k, EAS_KERNEL_V6_19);
	k = EAS_KERNEL_V5_4;
	assert_int_equal(eas_kernel_parse("v6.1", &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse("v6.190", &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse("", &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse("vv5.4", &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse(NULL, &k), EAS_EINVAL);
	assert_int_equal(eas_kernel_parse("v5.4", NULL), EAS_EINVAL);
	assert_int_equal(k, EAS_KERNEL_V5_4); /* untouched on error */
	assert_int_equal(EAS_KERNEL_DEFAULT, EAS_KERNEL_V6_19);
}

static void test_off_reason_names(void **state)
{
	(void)state;
	assert_string_equal(eas_off_reason_name(EAS_ON), "on");
	assert_string_equal(eas_off_reason_name(EAS_OFF_SYMMETRIC),
			    "symmetric");
	assert_string_equal(eas_off_reason_name(EAS_OFF_SMT), "smt");
	assert_string_equal(eas_off_reason_name(EAS_OFF_NO_EM),
			    "no_energy_model");
	assert_string_equal(eas_off_reason_name(EAS_OFF_COMPLEXITY),
			    "complexity");
	assert_string_equal(eas_off_reason_name((enum eas_off_reason)99),
			    "unknown");
}

static void test_version(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(eas_version_string(), EAS_VERSION_STRING);
	assert_int_equal(eas_version(), EAS_VERSION_NUMBER);
	assert_int_equal(eas_version(), (EAS_VERSION_MAJOR << 16) |
						(EAS_VERSION_MINOR << 8) |
						EAS_VERSION_PATCH);
	snprintf(buf, sizeof(buf), "%d.%d.%d", EAS_VERSION_MAJOR,
		 EAS_VERSION_MINOR, EAS_VERSION_PATCH);
	assert_string_equal(eas_version_string(), buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pinned_values),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_kernel_names),
		cmocka_unit_test(test_off_reason_names),
		cmocka_unit_test(test_version),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
