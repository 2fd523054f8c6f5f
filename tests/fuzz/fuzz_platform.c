/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: bytes -> eas_json_platform_load() for both kernel flavours.
 * On failure: a negative code mirrored in the diag, a message, a position
 * inside the input, and an all-zero output. On success: the invariants of
 * a built platform (every CPU in its perf domain, capacities 1..1024,
 * tables strictly increasing with power in the flavour's range, v6.19
 * performance/cost/inefficiency as a naive re-computation says), and a
 * rebuild from the kept description gives the same platform.
 * Input size parity picks EAS_OPT_V54_EM_SCALE_POWER.
 */
#include "fuzz_common.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <string.h>

static void check_failure(int r, const struct eas_json_platform *p,
			  const struct eas_json_diag *d, size_t size)
{
	static const struct eas_json_platform zero;

	FUZZ_CHECK(r < 0);
	FUZZ_CHECK(d->err == r);
	FUZZ_CHECK(d->msg[0] != '\0');
	FUZZ_CHECK(memchr(d->msg, '\0', sizeof(d->msg)) != NULL);
	FUZZ_CHECK(memchr(d->path, '\0', sizeof(d->path)) != NULL);
	FUZZ_CHECK(d->path[0] == '\0' || d->path[0] == '/');
	FUZZ_CHECK(d->offset <= size);
	FUZZ_CHECK(r == EAS_EINVAL || d->line >= 1);
	FUZZ_CHECK(!memcmp(p, &zero, sizeof(zero)));
}

static void check_table(const struct eas_platform *pf,
			const struct eas_perf_domain *pd)
{
	bool v619 = pf->kernel != EAS_KERNEL_V5_4; /* v6.19, v7.1 */
	uint64_t max =
		v619 ? EAS_V619_EM_MAX_POWER_UW : EAS_V54_EM_MAX_POWER_MW;

	for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
		const struct eas_perf_state *ps = &pd->table[s];
		bool ineff = false;

		FUZZ_CHECK(ps->power > 0 && ps->power <= max);
		if (s)
			FUZZ_CHECK(ps->frequency > pd->table[s - 1].frequency);
		if (!v619) {
			FUZZ_CHECK(ps->performance == 0);
			FUZZ_CHECK(ps->flags == 0);
			continue;
		}
		FUZZ_CHECK(ps->performance >= 1);
		FUZZ_CHECK(ps->performance <= pd->capacity);
		FUZZ_CHECK(ps->cost == ps->power * 10u / ps->performance);
		/* naive: inefficient iff some higher state costs no more */
		if (pd->nr_perf_states <= 512)
			for (uint32_t j = s + 1; j < pd->nr_perf_states; j++)
				if (pd->table[j].cost <= ps->cost)
					ineff = true;
		if (pd->nr_perf_states <= 512)
			FUZZ_CHECK(ineff ==
				   !!(ps->flags & EAS_PERF_STATE_INEFFICIENT));
	}
	if (v619 && pd->nr_perf_states)
		FUZZ_CHECK(pd->table[pd->nr_perf_states - 1].performance ==
			   pd->capacity);
}

static void check_success(const struct eas_json_platform *p)
{
	const struct eas_platform *pf = &p->pf;
	struct eas_platform re;
	struct eas_build_error w;
	size_t size;
	void *mem;

	FUZZ_CHECK(pf->nr_cpus >= 1 && pf->nr_cpus == p->desc.nr_cpus);
	FUZZ_CHECK(pf->nr_pds >= 1 && pf->nr_pds == p->desc.nr_pds);
	FUZZ_CHECK(pf->eas_possible == (pf->eas_reason == EAS_ON));
	FUZZ_CHECK(p->nr_idle_states <= 64);
	for (uint32_t c = 0; c < pf->nr_cpus; c++) {
		const struct eas_cpu *cpu = &pf->cpus[c];
		const struct eas_perf_domain *pd;
		bool in = false;

		FUZZ_CHECK(cpu->capacity >= 1 &&
			   cpu->capacity <= EAS_SCHED_CAPACITY_SCALE);
		FUZZ_CHECK(cpu->pd < pf->nr_pds);
		pd = &pf->pds[cpu->pd];
		FUZZ_CHECK(pd->capacity == cpu->capacity);
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			in |= pd->cpus[i] == c;
		FUZZ_CHECK(in);
	}
	for (uint32_t i = 0; i < pf->nr_pds; i++)
		check_table(pf, &pf->pds[i]);

	/* the kept description rebuilds the same platform */
	size = eas_platform_size(&p->desc);
	FUZZ_CHECK(size > 0);
	mem = malloc(size);
	FUZZ_CHECK(mem != NULL);
	FUZZ_CHECK(eas_platform_build(&re, mem, size, &p->desc, pf->kernel,
				      pf->opts, &w) == 0);
	FUZZ_CHECK(re.eas_possible == pf->eas_possible);
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		FUZZ_CHECK(re.cpus[c].capacity == pf->cpus[c].capacity);
	for (uint32_t i = 0; i < pf->nr_pds; i++) {
		FUZZ_CHECK(re.pds[i].nr_perf_states ==
			   pf->pds[i].nr_perf_states);
		for (uint32_t s = 0; s < pf->pds[i].nr_perf_states; s++)
			FUZZ_CHECK(re.pds[i].table[s].cost ==
				   pf->pds[i].table[s].cost);
	}
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t opts = (size & 1u) ? EAS_OPT_V54_EM_SCALE_POWER : 0;

	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V7_1; k++) {
		struct eas_json_platform p;
		struct eas_json_diag d;
		int r;

		memset(&p, 0x5a, sizeof(p));
		r = eas_json_platform_load((const char *)data, size,
					   (enum eas_kernel)k, opts, &p, &d);
		if (r) {
			check_failure(r, &p, &d, size);
			continue;
		}
		check_success(&p);
		eas_json_platform_free(&p);
	}
	return 0;
}
