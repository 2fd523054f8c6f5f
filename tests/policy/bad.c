/* SPDX-License-Identifier: MIT */
/*
 * Test plugins that a loader must refuse, one per BAD_KIND:
 *   1 no eas_policy_entry symbol   2 the entry returns NULL
 *   3 abi 99                       4 select_task_rq NULL
 *   5 name NULL
 */
#include <libeas/policy.h>

#if BAD_KIND == 1
EAS_POLICY_EXPORT int eas_policy_entry_misspelt(void);
int eas_policy_entry_misspelt(void)
{
	return 0;
}
#else
__attribute__((unused)) static int
bad_select(void *ctx, const struct eas_system *sys, struct eas_task *p,
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

static const struct eas_policy bad = {
	BAD_KIND == 3 ? 99u : EAS_POLICY_ABI,
	BAD_KIND == 5 ? (const char *)0 : "bad",
	0,
	BAD_KIND == 4 ? 0 : bad_select,
};

const struct eas_policy *eas_policy_entry(void)
{
	return BAD_KIND == 2 ? (const struct eas_policy *)0 : &bad;
}
#endif
