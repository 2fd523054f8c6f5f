/* SPDX-License-Identifier: MIT */
/*
 * Test plugin answering FIXED_ANSWER for every placement (a CPU, an
 * out-of-range CPU, or an error code), named FIXED_NAME. It calls no
 * libeas function.
 */
#include <libeas/policy.h>

static int fixed_select(void *ctx, const struct eas_system *sys,
			struct eas_task *p, struct eas_waker *w,
			uint32_t wake_flags, struct eas_place_result *res)
{
	(void)ctx;
	(void)sys;
	(void)p;
	(void)w;
	(void)wake_flags;
	(void)res;
	return FIXED_ANSWER;
}

static const struct eas_policy fixed = { EAS_POLICY_ABI, FIXED_NAME, NULL,
					 fixed_select };

const struct eas_policy *eas_policy_entry(void)
{
	return &fixed;
}
