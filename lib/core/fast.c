/* SPDX-License-Identifier: MIT */
/*
 * The snapshot of <libeas/fast.h> (docs/placement.md §7.1): its layout
 * in caller memory, eas_fast_init() / eas_fast_refresh() /
 * eas_fast_update_cpu() / eas_fast_nr_unusual(). Flavour independent: a
 * quiet CPU's figures follow from its signals with the short forms of the
 * flavour (pf->kernel), an unusual CPU's come from the public kernel
 * helpers (eas_cpu_util(), eas_effective_cpu_util(), ...), which dispatch
 * to the platform's flavour. The two energy-model parts (the util ->
 * state table and a domain's base energy) are the flavour's own, through
 * pf->flavour->ops (fast_build_lut, fast_base_energy), so that an image
 * links one flavour's energy model only. The decisions that read the
 * snapshot are compiled per flavour (lib/core/common/fast_feec.c).
 */
#include "fast.h"
#include "ops.h"

#include <libeas/error.h>

/* eas__features() of sched_util.h, outside a flavour TU: the features in
 * effect, the flavour's defaults when sys->features is 0 */
static uint32_t features(const struct eas_system *sys)
{
	return sys->features ? sys->features :
			       eas_features_default(sys->pf->kernel);
}

static bool is_v54(const struct eas_system *sys)
{
	return sys->pf->kernel == EAS_KERNEL_V5_4;
}

/* eas__uclamp_on() of sched_util.h: v5.4 CONFIG_UCLAMP_TASK, v6.19
 * uclamp_is_used() */
static bool uclamp_on(const struct eas_system *sys)
{
	return (features(sys) & (is_v54(sys) ? EAS_FEAT_UCLAMP_BUILT :
					       EAS_FEAT_UCLAMP_USED)) != 0;
}

/* ---- layout ------------------------------------------------------------- */

static uint32_t lut_len(const struct eas_perf_domain *pd)
{
	if (!pd->nr_perf_states || !pd->capacity ||
	    pd->capacity >= LUT_MAX_CAP || pd->nr_perf_states > 0xffffu)
		return 0;
	return (uint32_t)pd->capacity + 1u;
}

static size_t layout(const struct eas_platform *pf, struct eas_fast *f,
		     unsigned char *mem)
{
	size_t o = EAS__ALIGN8(sizeof(struct eas_fast));
	uint32_t n = pf->nr_cpus, k;

#define PLACE(field, type, count)                                              \
	do {                                                                   \
		if (f)                                                         \
			f->field = (type *)(void *)(mem + o);                  \
		o = EAS__ALIGN8(o + sizeof(type) * (size_t)(count));           \
	} while (0)
	PLACE(pd, struct eas__fast_pd, pf->nr_pds);
	PLACE(slot, struct fast_slot, n);
	PLACE(cpu_slot, uint32_t, n);
	PLACE(sd_full, int32_t, n);
	PLACE(cpu_ou, uint8_t, n);
	PLACE(unusual, eas_mask_word, pf->mask_words);
#undef PLACE
	for (k = 0; k < pf->nr_pds; k++) {
		uint32_t len = lut_len(&pf->pds[k]);

		if (f) {
			f->pd[k].lut = (uint16_t *)(void *)(mem + o);
			f->pd[k].lut_len = len;
		}
		o = EAS__ALIGN8(o + sizeof(uint16_t) * (size_t)len);
	}
	return o;
}

size_t eas_fast_size(const struct eas_platform *pf)
{
	return pf ? layout(pf, NULL, NULL) : 0;
}

/* the util -> state table of domain k (v6.19: for its current limits) */
static void build_lut(struct eas_fast *f, uint32_t k)
{
	const struct eas_perf_domain *pd = &f->pf->pds[k];
	struct eas__fast_pd *fp = &f->pd[k];
	bool skip = (pd->flags & EAS_PD_SKIP_INEFFICIENCIES) != 0;

	fp->min_ps = pd->min_perf_state;
	fp->max_ps = pd->max_perf_state;
	fp->skip = skip;
	/* the flavour's EM state selection (ops->fast_build_lut): v5.4
	 * em_pd_energy()'s, v6.19 em_pd_get_efficient_state() */
	f->pf->flavour->ops->fast_build_lut(pd, fp->lut, fp->lut_len,
					    fp->min_ps, fp->max_ps, skip);
}

int eas_fast_init(struct eas_fast **out, void *mem, size_t size,
		  const struct eas_platform *pf)
{
	struct eas_fast *f = mem;
	uint32_t cpu, k;

	if (!out || !mem || !pf || ((uintptr_t)mem & 7u) ||
	    size < eas_fast_size(pf))
		return EAS_EINVAL;
	eas__zero(f, sizeof(*f));
	f->head.magic = EAS__FAST_MAGIC;
	f->pf = pf;
	(void)layout(pf, f, mem);
	for (cpu = 0; cpu < pf->nr_cpus; cpu++) {
		int32_t l = pf->cpus[cpu].sd_asym;

		/* eas__asym_sd_covering() is sd_asym itself whenever the
		 * span of sd_asym holds every CPU */
		f->sd_full[cpu] = l >= 0 && eas__sd_weight(pf, (uint32_t)l,
							   cpu) == pf->nr_cpus ?
					  l :
					  -1;
	}
	f->all_lut = 1;
	for (k = 0; k < pf->nr_pds; k++) {
		build_lut(f, k);
		if (!f->pd[k].lut_len)
			f->all_lut = 0;
	}
	*out = f;
	return EAS_OK;
}

/* ---- snapshot ------------------------------------------------------------ */

/* not quiet (see the top of the file) */
static bool rq_unusual(const struct eas_rq *rq, uint64_t scale)
{
	return !rq->online ||
	       (rq->rt_util_avg | rq->dl_util_avg | rq->irq_util_avg |
		rq->dl_running_bw | rq->rt_nr_running | rq->hw_pressure |
		rq->cpufreq_max_khz | rq->capacity_of) ||
	       !scale || scale > UINT32_MAX;
}

/* one CPU's slot values without p; also its unusual / ou bits */
static void fill_slot(struct eas_fast *f, const struct eas_system *sys,
		      const struct eas_perf_domain *pd, struct fast_slot *s,
		      uint32_t cpu)
{
	const struct eas_rq *rq = &sys->rq[cpu];
	uint64_t scale = pd->capacity;
	bool v54 = f->pf->kernel == EAS_KERNEL_V5_4;

	s->cpu = cpu;
	s->u = rq->util_avg;
	s->e = f->est_on ? rq->util_est : 0;
	s->ur = eas__max_u64(rq->util_avg, rq->runnable_avg);
	s->unusual = rq_unusual(rq, scale);
	if (!s->unusual) {
		s->cap = scale;
		s->busy = eas__min_u64(eas__max_u64(s->u, s->e), scale);
		s->req = v54 ? s->busy :
			       quiet_req(eas__min_u64(eas__max_u64(s->ur, s->e),
						      scale),
					 scale);
		return;
	}
	s->cap = eas_capacity_of(sys, cpu);
	if (v54) {
		uint64_t u0 = eas_cpu_util(sys, cpu, NULL, -1, false);

		s->busy = eas_schedutil_cpu_util(sys, cpu, u0, scale,
						 EAS_ENERGY_UTIL, NULL);
		s->req = eas_schedutil_cpu_util(sys, cpu, u0, scale,
						EAS_FREQUENCY_UTIL, NULL);
	} else {
		s->busy = eas_effective_cpu_util(
			sys, cpu, eas_cpu_util(sys, cpu, NULL, -1, false), NULL,
			NULL);
		s->req = perf619(sys, cpu, NULL, -1);
	}
}

/* cpu_overutilized() as eas_is_overutilized() tests it (uclamp off) */
static bool cpu_ou(const struct eas_fast *f, const struct eas_system *sys,
		   uint32_t cpu, uint64_t scale)
{
	const struct eas_rq *rq = &sys->rq[cpu];

	if (!rq->online)
		return false;
	if (!rq_unusual(rq, scale))
		return !eas_fits_capacity(
			eas__min_u64(f->est_on ? eas__max_u64(rq->util_avg,
							      rq->util_est) :
						 rq->util_avg,
				     scale),
			scale);
	return eas_cpu_overutilized(sys, cpu);
}

/* re-snapshot perf domain k (its CPUs' slots, bits and aggregates) */
static void fill_pd(struct eas_fast *f, const struct eas_system *sys,
		    uint32_t k)
{
	const struct eas_perf_domain *pd = &f->pf->pds[k];
	struct eas__fast_pd *fp = &f->pd[k];
	uint32_t i, n = 0;

	fp->scale = pd->capacity;
	fp->uniform = 1;
	fp->amin_u = fp->amin_e = NO_SLOT;
	fp->e_equal = fp->small = 1;
	fp->sum = fp->max1 = fp->max2 = 0;
	fp->max1_slot = NO_SLOT;
	fp->cpu_cap = fp->pd_cap = 0;
	for (i = 0; i < pd->nr_cpus; i++) {
		uint32_t cpu = pd->cpus[i];
		bool un = rq_unusual(&sys->rq[cpu], pd->capacity);
		bool ou = cpu_ou(f, sys, cpu, pd->capacity);
		struct fast_slot *s;

		if (un != eas_mask_test(f->unusual, cpu)) {
			f->unusual[cpu / 64u] ^= (eas_mask_word)1
						 << (cpu % 64u);
			f->nr_unusual += un ? 1u : (uint32_t)-1;
		}
		if (ou != (f->cpu_ou[cpu] != 0)) {
			f->cpu_ou[cpu] = ou;
			f->nr_ou += ou ? 1u : (uint32_t)-1;
		}
		if (!sys->rq[cpu].online) {
			f->cpu_slot[cpu] = NO_SLOT;
			continue;
		}
		s = &f->slot[fp->first + n];
		f->cpu_slot[cpu] = fp->first + n;
		fill_slot(f, sys, pd, s, cpu);
		if (s->unusual)
			fp->uniform = 0;
		if (!n && f->pf->kernel != EAS_KERNEL_V5_4)
			/* get_actual_cpu_capacity() of the first online CPU */
			fp->cpu_cap = eas_actual_cpu_capacity(sys, cpu);
		fp->pd_cap += fp->cpu_cap;
		fp->sum += s->busy;
		add_max(s->req, fp->first + n, &fp->max1, &fp->max2,
			&fp->max1_slot);
		if (!n || s->u < f->slot[fp->amin_u].u)
			fp->amin_u = fp->first + n;
		if (!n || s->e < f->slot[fp->amin_e].e)
			fp->amin_e = fp->first + n;
		if (n && s->e != f->slot[fp->first].e)
			fp->e_equal = 0;
		if ((s->u | s->e) >> 40)
			fp->small = 0;
		n++;
	}
	fp->n = n;
	/* the flavour's energy model (ops->fast_base_energy): a v6.19 image
	 * links no v5.4 em_pd_energy() and the reverse */
	fp->base = f->pf->flavour->ops->fast_base_energy(pd, fp);
}

static bool fast_ok(const struct eas_system *sys)
{
	const struct eas_platform *pf = sys->pf;
	uint64_t n = 0;
	uint32_t k;

	if (!pf->eas_possible || !pf->nr_pds || uclamp_on(sys))
		return false;
	if (!is_v54(sys) && !(features(sys) & EAS_FEAT_ENERGY_AWARE))
		return false;
	/* each CPU in exactly one perf domain (the builder checks
	 * overlaps): the per-CPU ou flags then cover every CPU */
	for (k = 0; k < pf->nr_pds; k++)
		n += pf->pds[k].nr_cpus;
	return n == pf->nr_cpus;
}

int eas_fast_refresh(struct eas_fast *f, const struct eas_system *sys)
{
	const struct eas_platform *pf;
	uint32_t k, first = 0;

	if (!f || f->head.magic != EAS__FAST_MAGIC || !sys ||
	    sys->pf != f->pf || !sys->rq)
		return EAS_EINVAL;
	pf = f->pf;
	f->valid = f->head.ready = 0;
	f->rq = sys->rq;
	f->features = features(sys);
	f->est_on = ((features(sys) & EAS_FEAT_UTIL_EST) != 0);
	f->ok = fast_ok(sys);
	f->nr_ou = f->nr_unusual = 0;
	eas__zero(f->cpu_ou, pf->nr_cpus);
	eas__zero(f->unusual, sizeof(eas_mask_word) * pf->mask_words);
	for (k = 0; k < pf->nr_pds; k++) {
		const struct eas_perf_domain *pd = &pf->pds[k];

		if (pd->min_perf_state != f->pd[k].min_ps ||
		    pd->max_perf_state != f->pd[k].max_ps ||
		    ((pd->flags & EAS_PD_SKIP_INEFFICIENCIES) != 0) !=
			    (f->pd[k].skip != 0))
			build_lut(f, k);
		f->pd[k].first = first;
		first += pd->nr_cpus;
		if (EAS_NEVER(first > pf->nr_cpus)) {
			f->ok = 0;
			return EAS_OK;
		}
		fill_pd(f, sys, k);
	}
	f->valid = 1;
	f->head.ready = f->ok && !f->nr_ou;
	return EAS_OK;
}

int eas_fast_update_cpu(struct eas_fast *f, const struct eas_system *sys,
			uint32_t cpu)
{
	if (!f || f->head.magic != EAS__FAST_MAGIC || !sys ||
	    sys->pf != f->pf || !f->valid || sys->rq != f->rq ||
	    features(sys) != f->features)
		return EAS_EINVAL;
	if (cpu >= f->pf->nr_cpus)
		return EAS_EINVAL;
	if (f->pf->cpus[cpu].pd < f->pf->nr_pds)
		fill_pd(f, sys, f->pf->cpus[cpu].pd);
	f->head.ready = f->ok && !f->nr_ou;
	return EAS_OK;
}

uint32_t eas_fast_nr_unusual(const struct eas_fast *f)
{
	return f && f->head.magic == EAS__FAST_MAGIC ? f->nr_unusual : 0;
}
