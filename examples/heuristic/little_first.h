/* SPDX-License-Identifier: MIT */
/* The little-first heuristic's select_task_rq(), for its unit tests. */
#ifndef EXAMPLE_LITTLE_FIRST_H
#define EXAMPLE_LITTLE_FIRST_H

#include <libeas/policy.h>

int little_first_select(void *ctx, const struct eas_system *sys,
			struct eas_task *p, struct eas_waker *w,
			uint32_t wake_flags, struct eas_place_result *res);

#endif
