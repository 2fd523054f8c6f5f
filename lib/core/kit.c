/* SPDX-License-Identifier: MIT */
/*
 * The heuristic test kit (include/libeas/kit.h): a platform of clusters
 * and its rqs in caller memory. Memory layout of mem[0..size):
 *   struct eas_pd_desc [nr_clusters] | struct eas_cpu_desc [nr_cpus] |
 *   uint32_t cpu ids [nr_cpus] | (8-aligned) struct eas_rq [nr_cpus] |
 *   (8-aligned) the platform (eas_platform_build()).
 * The descriptions are scratch: the built platform does not point into
 * them.
 */
#include <libeas/error.h>
#include <libeas/kit.h>

#include "internal.h"

#define KIT_UTIL_MAX (1u << 20) /* the scenario loader's bound */

static size_t align8(size_t n)
{
	return (n + 7u) & ~(size_t)7u;
}

int eas_kit_build(struct eas_kit *kit, void *mem, size_t size,
		  const struct eas_kit_cluster *clusters, uint32_t nr_clusters,
		  enum eas_kernel k, struct eas_build_error *where)
{
	struct eas_platform_desc desc;
	struct eas_pd_desc *pds;
	struct eas_cpu_desc *cpus;
	uint32_t *ids, c, i, n = 0, cpu = 0;
	unsigned char *base = mem;
	size_t off, need;
	int err;

	if (!kit)
		return EAS_EINVAL;
	eas__zero(kit, sizeof(*kit));
	if (!mem || ((uintptr_t)mem & 7u) || !clusters || !nr_clusters)
		return EAS_EINVAL;
	for (c = 0; c < nr_clusters; c++) {
		if (!clusters[c].nr_cpus ||
		    clusters[c].nr_cpus > UINT32_MAX / 2u - n)
			return EAS_EINVAL;
		n += clusters[c].nr_cpus;
	}
	/* the descriptions, then the rqs (all sizes computed in size_t:
	 * n < 2^31 keeps them from overflowing on 64-bit hosts; a 32-bit
	 * size_t is checked against size below) */
	off = align8((size_t)nr_clusters * sizeof(*pds));
	if (off / sizeof(*pds) < nr_clusters)
		return EAS_ENOSPC;
	need = off + align8((size_t)n * sizeof(*cpus)) +
	       align8((size_t)n * sizeof(*ids)) +
	       (size_t)n * sizeof(struct eas_rq);
	if ((size_t)n * sizeof(struct eas_rq) / sizeof(struct eas_rq) != n ||
	    need > size)
		return EAS_ENOSPC;
	pds = (struct eas_pd_desc *)(void *)base;
	cpus = (struct eas_cpu_desc *)(void *)(base + off);
	off += align8((size_t)n * sizeof(*cpus));
	ids = (uint32_t *)(void *)(base + off);
	off += align8((size_t)n * sizeof(*ids));
	kit->rq = (struct eas_rq *)(void *)(base + off);
	off = align8(off + (size_t)n * sizeof(struct eas_rq));
	for (c = 0; c < nr_clusters; c++) {
		const struct eas_kit_cluster *cl = &clusters[c];

		eas__zero(&pds[c], sizeof(pds[c]));
		pds[c].nr_cpus = cl->nr_cpus;
		pds[c].cpus = &ids[cpu];
		pds[c].nr_states = cl->nr_states;
		pds[c].states = cl->states;
		for (i = 0; i < cl->nr_cpus; i++, cpu++) {
			eas__zero(&cpus[cpu], sizeof(cpus[cpu]));
			cpus[cpu].capacity =
				cl->capacity ? cl->capacity : 1024u;
			ids[cpu] = cpu;
		}
	}
	eas__zero(&desc, sizeof(desc));
	desc.nr_cpus = n;
	desc.cpus = cpus;
	desc.nr_pds = nr_clusters;
	desc.pds = pds;
	err = eas_platform_build(&kit->pf, base + off,
				 off < size ? size - off : 0, &desc, k, 0,
				 where);
	if (err) {
		eas__zero(kit, sizeof(*kit));
		return err;
	}
	for (i = 0; i < n; i++)
		eas_rq_init(&kit->rq[i]);
	kit->sys.pf = &kit->pf;
	kit->sys.rq = kit->rq;
	return 0;
}

int eas_kit_load(struct eas_kit *kit, uint32_t cpu, uint64_t util_avg,
		 uint32_t nr_running)
{
	struct eas_rq *rq;

	if (!kit || !kit->rq || cpu >= kit->pf.nr_cpus ||
	    util_avg > KIT_UTIL_MAX)
		return EAS_EINVAL;
	rq = &kit->rq[cpu];
	rq->util_avg = util_avg;
	rq->runnable_avg = util_avg;
	rq->nr_running = nr_running;
	rq->h_nr_running = nr_running;
	rq->idle = nr_running == 0;
	return 0;
}

int eas_kit_task(const struct eas_kit *kit, struct eas_task *p,
		 struct eas_waker *w, int32_t prev_cpu, uint64_t util_avg)
{
	if (!kit || !p || !kit->rq || prev_cpu < 0 ||
	    (uint32_t)prev_cpu >= kit->pf.nr_cpus || util_avg > KIT_UTIL_MAX)
		return EAS_EINVAL;
	eas_task_init(p);
	p->prev_cpu = prev_cpu;
	p->util_avg = util_avg;
	p->runnable_avg = util_avg;
	if (w) {
		eas_waker_init(w);
		w->cpu = prev_cpu;
	}
	return 0;
}
