/* SPDX-License-Identifier: MIT */
/*
 * eas_place_result_format_json(): the `eas place --json` document
 * (docs/formats.md §4) of one decision, into a caller buffer.
 */
#include <libeas/balance.h>
#include <libeas/error.h>
#include <libeas/place_json.h>

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* snprintf() into buf[0..size) that keeps counting past the end */
struct out {
	char *buf;
	size_t size;
	size_t n; /* the whole document's length so far */
};

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
put(struct out *o, const char *fmt, ...)
{
	char one;
	va_list ap;
	int r;

	va_start(ap, fmt);
	if (o->n < o->size)
		r = vsnprintf(o->buf + o->n, o->size - o->n, fmt, ap);
	else
		r = vsnprintf(&one, 0, fmt, ap);
	va_end(ap);
	if (r > 0)
		o->n += (size_t)r;
}

/* a JSON string literal, escaped as the eas command escapes its strings */
static void put_str(struct out *o, const char *s)
{
	put(o, "\"");
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			put(o, "\\%c", c);
		else if (c == '\n')
			put(o, "\\n");
		else if (c == '\t')
			put(o, "\\t");
		else if (c < 0x20)
			put(o, "\\u%04x", c);
		else
			put(o, "%c", c);
	}
	put(o, "\"");
}

static const char *tf(bool b)
{
	return b ? "true" : "false";
}

static const char *wake_name(uint32_t f)
{
	if (f & EAS_WF_FORK)
		return "fork";
	if (f & EAS_WF_EXEC)
		return "exec";
	return "ttwu";
}

static void u64_or_null(struct out *o, const char *key, uint64_t v)
{
	put(o, ",\"%s\":", key);
	if (v == UINT64_MAX)
		put(o, "null");
	else
		put(o, "%" PRIu64, v);
}

static void opp(struct out *o, const char *key, uint32_t idx, uint64_t khz)
{
	if (idx == EAS_NO_OPP)
		put(o, ",\"%s\":null,\"%s_khz\":null", key, key);
	else
		put(o, ",\"%s\":%" PRIu32 ",\"%s_khz\":%" PRIu64, key, idx, key,
		    khz);
}

static void level_name(struct out *o, const struct eas_platform *pf,
		       int32_t level)
{
	if (level >= 0 && (uint32_t)level < pf->nr_levels)
		put_str(o, pf->levels[level].name);
	else
		put(o, "null");
}

/* the step's own figures (docs/formats.md §4, eas place "steps") */
static void step(struct out *o, const struct eas_platform *pf,
		 const struct eas_place_step *s)
{
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;

	put(o, "{\"kind\":");
	put_str(o, eas_step_kind_name((enum eas_step_kind)s->kind));
	put(o, ",\"cpu\":%d,\"test\":", (int)s->cpu);
	put_str(o, eas_step_test_name((enum eas_step_test)s->test));
	put(o, ",\"chosen\":%s,\"level\":", tf(s->chosen));
	level_name(o, pf, s->level);
	switch (s->kind) {
	case EAS_STEP_GROUP:
		put(o, ",\"nr_cpus\":%" PRIu32 ",\"local\":%s", s->nr_cpus,
		    tf(s->local));
		if (v54) {
			put(o,
			    ",\"runnable_load\":%" PRIu64
			    ",\"avg_load\":%" PRIu64 ",\"max_spare\":%" PRIu64
			    ",\"capacity\":%" PRIu64,
			    s->runnable, s->load, s->util, s->capacity);
		} else {
			put(o, ",\"group_type\":");
			put_str(o, eas_group_type_name(
					   (enum eas_group_type)s->group_type));
			put(o,
			    ",\"idle_cpus\":%" PRIu32 ",\"group_util\":%" PRIu64
			    ",\"avg_load\":%" PRIu64
			    ",\"max_capacity\":%" PRIu64,
			    s->idle_cpus, s->util, s->load, s->capacity);
		}
		break;
	case EAS_STEP_GROUP_CPU:
		if (s->test == EAS_TEST_IDLE)
			put(o,
			    ",\"exit_latency\":%" PRIu32
			    ",\"idle_stamp\":%" PRIu64,
			    s->exit_latency, s->idle_stamp);
		else
			put(o, ",\"load\":%" PRIu64, s->load);
		break;
	case EAS_STEP_IDLE_CAPACITY:
		if (s->test != EAS_TEST_BUSY)
			put(o, ",\"fits\":%d,\"capacity\":%" PRIu64,
			    (int)s->fits, s->capacity);
		break;
	case EAS_STEP_TARGET:
	case EAS_STEP_PREV:
	case EAS_STEP_RECENT:
	case EAS_STEP_KTHREAD:
		if (!v54 && s->fits)
			put(o, ",\"fits\":%d", (int)s->fits);
		break;
	default:
		break;
	}
	put(o, "}");
}

static void candidate(struct out *o, const struct eas_platform *pf,
		      const struct eas_place_candidate *c)
{
	put(o,
	    "{\"cpu\":%d,\"perf_domain\":%" PRIu32 ",\"delta\":%" PRIu64
	    ",\"energy\":%" PRIu64 ",\"base_energy\":%" PRIu64
	    ",\"spare_cap\":%" PRId64 ",\"prev\":%s",
	    (int)c->cpu, c->perf_domain, c->delta, c->energy, c->base_energy,
	    c->spare_cap, tf(c->is_prev));
	if (pf->kernel != EAS_KERNEL_V5_4)
		put(o, ",\"fits\":%d", (int)c->fits);
	put(o, ",\"max_util\":%" PRIu64 ",\"sum_util\":%" PRIu64, c->max_util,
	    c->sum_util);
	opp(o, "opp", c->opp, c->opp_khz);
	put(o, ",\"base_max_util\":%" PRIu64 ",\"base_sum_util\":%" PRIu64,
	    c->base_max_util, c->base_sum_util);
	opp(o, "base_opp", c->base_opp, c->base_opp_khz);
	put(o, "}");
}

static void feec(struct out *o, const struct eas_platform *pf,
		 const struct eas_feec_result *fe, bool one_line)
{
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint32_t i;

	put(o, "{\"overutilized\":%s,\"result\":%d,\"reason\":",
	    tf(fe->overutilized), (int)fe->cpu);
	put_str(o, eas_feec_reason_name(fe->reason));
	put(o, ",\"base_energy\":%" PRIu64, fe->base_energy);
	put(o, ",\"energy_unit\":");
	put_str(o, eas_energy_unit(pf));
	u64_or_null(o, "prev_delta", fe->prev_delta);
	u64_or_null(o, "best_delta", fe->best_delta);
	if (v54 && fe->prev_delta != UINT64_MAX)
		put(o, ",\"margin\":%" PRIu64, fe->margin);
	if (!v54)
		put(o,
		    ",\"prev_fits\":%d,\"best_fits\":%d"
		    ",\"task_busy_time\":%" PRIu64,
		    (int)fe->prev_fits, (int)fe->best_fits, fe->task_busy_time);
	put(o, ",\"candidates\":[");
	for (i = 0; fe->candidates && i < fe->nr_candidates; i++) {
		put(o, "%s%s", i ? "," : "", one_line ? "" : "\n  ");
		candidate(o, pf, &fe->candidates[i]);
	}
	put(o, "]}");
}

int eas_place_result_format_json(char *buf, size_t size, size_t *len,
				 const struct eas_platform *pf,
				 const struct eas_task *p,
				 const struct eas_waker *w, uint32_t wake_flags,
				 const struct eas_place_result *r,
				 const struct eas_place_steps *st,
				 uint32_t flags)
{
	bool v54, one = (flags & EAS_PLACE_JSON_ONE_LINE) != 0;
	const char *nl = one ? "" : "\n ";
	struct out o = { buf, buf ? size : 0, 0 };
	uint32_t i;

	if (len)
		*len = 0;
	if (!pf || !p || !w || !r || (flags & ~EAS_PLACE_JSON_ONE_LINE))
		return EAS_EINVAL;
	if (o.size)
		buf[0] = '\0';
	v54 = pf->kernel == EAS_KERNEL_V5_4;
	put(&o, "{\"cpu\":%d,\"path\":", (int)r->cpu);
	put_str(&o, eas_place_path_name(r->path));
	put(&o, ",\"eas\":");
	if (!r->eas_entered)
		put(&o, "null");
	else
		feec(&o, pf, &r->feec, one);
	put(&o, ",%s\"kernel\":", nl);
	put_str(&o, eas_kernel_name(pf->kernel));
	put(&o, ",\"wake\":");
	put_str(&o, wake_name(wake_flags));
	put(&o,
	    ",\"prev_cpu\":%d,\"waker_cpu\":%d,\"overutilized\":%s"
	    ",\"sync\":%s,\"want_affine\":%s,\"wake_wide\":%s",
	    (int)p->prev_cpu, (int)w->cpu, tf(r->overutilized), tf(r->sync),
	    tf(r->want_affine), tf(r->wake_wide));
	if (v54)
		put(&o, ",\"wake_cap\":%s", tf(r->wake_cap));
	put(&o, ",\"affine_cpu\":");
	if (r->affine_cpu >= 0)
		put(&o, "%d", (int)r->affine_cpu);
	else
		put(&o, "null");
	put(&o, ",\"sd_level\":");
	level_name(&o, pf, r->sd_level);
	put(&o, ",\"recent_used_cpu\":%d", (int)p->recent_used_cpu);
	put(&o, ",%s\"no_eas\":", nl);
	put_str(&o, eas_no_eas_reason_name(r->no_eas));
	put(&o, ",\"eas_off\":");
	if (r->no_eas == EAS_NOEAS_PLATFORM)
		put_str(&o, eas_off_reason_name(pf->eas_reason));
	else
		put(&o, "null");
	put(&o, ",\"steps\":[");
	for (i = 0; st && st->steps && i < st->nr_steps; i++) {
		put(&o, "%s%s", i ? "," : "", one ? "" : "\n  ");
		step(&o, pf, &st->steps[i]);
	}
	put(&o, "]}");
	if (len)
		*len = o.n;
	return o.n < o.size ? 0 : EAS_ENOSPC;
}
