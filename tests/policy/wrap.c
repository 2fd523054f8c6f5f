/* SPDX-License-Identifier: MIT */
/*
 * Test plugin: the kernel's select_task_rq_fair() wrapped in a policy.
 * Built twice (tests/policy.cmake): linked against libeas, and with the
 * libeas symbols left to the program that loads it. Its runs must equal
 * the built-in "eas" byte for byte (--json, --decisions but the name).
 */
#include <libeas/policy.h>

static int wrap_select(void *ctx, const struct eas_system *sys,
		       struct eas_task *p, struct eas_waker *w,
		       uint32_t wake_flags, struct eas_place_result *res)
{
	(void)ctx;
	return eas_select_task_rq_fair(sys, p, w, wake_flags, res);
}

static const struct eas_policy wrap = { EAS_POLICY_ABI, "wrap-eas", NULL,
					wrap_select };

const struct eas_policy *eas_policy_entry(void)
{
	return &wrap;
}
