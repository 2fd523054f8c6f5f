/* SPDX-License-Identifier: MIT */
/*
 * Host driver of the static_platform example: builds the HiKey960
 * description of fw_eas.c for both kernel flavours and prints the energy
 * model and a few energy estimates. (Only this file uses stdio.)
 */
#include "fw_eas.h"

#include <libeas/em.h>
#include <libeas/error.h>

#include <inttypes.h>
#include <stdio.h>

static int show(enum eas_kernel k)
{
	struct eas_build_error where;
	const struct eas_platform *pf;
	int err = fw_eas_init(k, &where);

	if (err) {
		fprintf(stderr,
			"%s: eas_platform_build: %s (cpu %d pd %d state %d)\n",
			eas_kernel_name(k), eas_strerror(err), (int)where.cpu,
			(int)where.pd, (int)where.state);
		return 1;
	}
	pf = fw_eas_platform();
	printf("%s: %u CPUs, %u perf domains, EAS %s\n", eas_kernel_name(k),
	       pf->nr_cpus, pf->nr_pds,
	       pf->eas_possible ? "on" : eas_off_reason_name(pf->eas_reason));
	for (uint32_t d = 0; d < pf->nr_pds; d++) {
		const struct eas_perf_domain *pd = &pf->pds[d];

		printf("  pd%u: capacity %" PRIu64 ", %u states\n", d,
		       pd->capacity, pd->nr_perf_states);
		for (uint32_t i = 0; i < pd->nr_perf_states; i++) {
			const struct eas_perf_state *ps = &pd->table[i];

			printf("    %8" PRIu64 " kHz  power %8" PRIu64
			       "  perf %4" PRIu64 "  cost %8" PRIu64 "%s\n",
			       ps->frequency, ps->power, ps->performance,
			       ps->cost,
			       (ps->flags & EAS_PERF_STATE_INEFFICIENT) ?
				       "  inefficient" :
				       "");
		}
		printf("    energy(max_util %" PRIu64 ", sum_util %" PRIu64
		       ") = %" PRIu64 "\n",
		       pd->capacity / 2, pd->capacity,
		       fw_eas_pd_energy(d, pd->capacity / 2, pd->capacity));
	}
	return pf->eas_possible ? 0 : 1;
}

int main(void)
{
	int rc = show(EAS_KERNEL_V5_4);

	rc |= show(EAS_KERNEL_V6_19);
	return rc;
}
