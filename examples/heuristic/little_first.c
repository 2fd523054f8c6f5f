/* SPDX-License-Identifier: MIT */
/*
 * "Little first": a placement heuristic as a libeas policy plugin
 * (docs/policy.md). A waking or forking CFS task goes to the
 * lowest-capacity CPUs when it fits there (an idle one first, then the
 * least utilised, then the lowest id); a task that fits on none of them,
 * or may not run there, is left to the kernel's select_task_rq_fair()
 * (eas_select_task_rq_fair(), EAS included).
 *
 * Build it as a shared object, linked against libeas or not:
 *   cc -shared -fPIC -o little_first.so little_first.c \
 *      $(pkg-config --cflags --libs libeas)
 *   eas simulate PLATFORM WORKLOAD --compare eas,no-eas,./little_first.so
 */
#include <libeas/libeas.h>

#include "little_first.h"

int little_first_select(void *ctx, const struct eas_system *sys,
			struct eas_task *p, struct eas_waker *w,
			uint32_t wake_flags, struct eas_place_result *res)
{
	uint64_t min_cap = UINT64_MAX, best_util = 0;
	int32_t best = -1;
	bool best_idle = false;
	uint32_t cpu;

	(void)ctx;
	for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++)
		if (sys->pf->cpus[cpu].capacity < min_cap)
			min_cap = sys->pf->cpus[cpu].capacity;
	/* symmetric platforms have no little cluster */
	if (min_cap < sys->pf->max_cpu_capacity) {
		for (cpu = 0; cpu < sys->pf->nr_cpus; cpu++) {
			uint64_t util;
			bool idle;

			if (sys->pf->cpus[cpu].capacity != min_cap ||
			    !eas_is_cpu_allowed(sys, p, (int32_t)cpu) ||
			    !eas_task_fits_cpu(sys, p, cpu))
				continue;
			/* the CPU's utilisation with p on it */
			util = eas_cpu_util(sys, cpu, p, (int32_t)cpu, false);
			idle = sys->rq[cpu].idle;
			if (best < 0 || (idle && !best_idle) ||
			    (idle == best_idle && util < best_util)) {
				best = (int32_t)cpu;
				best_util = util;
				best_idle = idle;
			}
		}
	}
	if (best >= 0)
		return best; /* res->path stays EAS_PATH_POLICY */
	return eas_select_task_rq_fair(sys, p, w, wake_flags, res);
}

static const struct eas_policy little_first = {
	EAS_POLICY_ABI,
	"little-first",
	NULL,
	little_first_select,
};

const struct eas_policy *eas_policy_entry(void)
{
	return &little_first;
}
