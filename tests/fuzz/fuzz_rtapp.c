/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: bytes -> eas_rtapp_load() (rt-app JSON: comments, trailing
 * commas, prefix-matched events). On failure: a negative code mirrored in
 * the diag, a message, a JSON-pointer path, a position inside the input
 * and an all-zero workload. On success: the model's invariants (every
 * thread has phases, every phase events, timer indices valid and each
 * timer's mode the same on all its events, properties in range, CPU lists
 * sorted and unique), then the oracle's rt-app conversion on a small
 * platform either succeeds with utilisations in 0..1024 (and a bounded
 * exact search agrees with eas_oracle_energy()) or fails with a message.
 * Warnings (duplicate and ignored keys): each a well-formed diag, counted
 * in nr_warnings; strict mode fails exactly when there were warnings (or
 * the lenient load failed).
 */
#include "fuzz_common.h"

#include <libeas/error.h>
#include <libeas/oracle.h>
#include <libeas/rtapp.h>

#include <limits.h>
#include <string.h>

static void check_failure(int r, const struct eas_rtapp_workload *w,
			  const struct eas_json_diag *d, size_t size)
{
	static const struct eas_rtapp_workload zero;

	FUZZ_CHECK(r < 0);
	FUZZ_CHECK(d->err == r);
	FUZZ_CHECK(d->msg[0] != '\0');
	FUZZ_CHECK(memchr(d->msg, '\0', sizeof(d->msg)) != NULL);
	FUZZ_CHECK(memchr(d->path, '\0', sizeof(d->path)) != NULL);
	FUZZ_CHECK(d->path[0] == '\0' || d->path[0] == '/');
	FUZZ_CHECK(d->offset <= size);
	FUZZ_CHECK(d->line >= 1);
	FUZZ_CHECK(!memcmp(w, &zero, sizeof(zero)));
}

static void check_props(const struct eas_rtapp_props *p, bool thread)
{
	if (thread)
		FUZZ_CHECK(p->policy >= EAS_POLICY_NORMAL &&
			   p->policy <= EAS_POLICY_DEADLINE);
	else
		FUZZ_CHECK(p->policy >= -1 && p->policy <= EAS_POLICY_DEADLINE);
	FUZZ_CHECK(p->sched_runtime_us >= 0 && p->sched_deadline_us >= 0 &&
		   p->sched_period_us >= 0);
	FUZZ_CHECK(p->util_min >= -1 && p->util_min <= 1024);
	FUZZ_CHECK(p->util_max >= -1 && p->util_max <= 1024);
	FUZZ_CHECK(p->priority == INT32_MIN ||
		   (p->priority >= -20 && p->priority <= 99));
	FUZZ_CHECK((p->nr_cpus == 0) == (p->cpus == NULL));
	for (uint32_t i = 1; i < p->nr_cpus; i++)
		FUZZ_CHECK(p->cpus[i] > p->cpus[i - 1]);
}

static void check_success(const struct eas_rtapp_workload *w)
{
	signed char *mode = calloc(w->nr_timers + 1, 1);

	FUZZ_CHECK(mode != NULL);
	FUZZ_CHECK(w->nr_tasks >= 1 && w->tasks != NULL);
	FUZZ_CHECK(w->duration_s >= -1);
	FUZZ_CHECK((w->calibration_cpu < 0) == (w->calibration_ns > 0));
	for (uint32_t t = 0; t < w->nr_tasks; t++) {
		const struct eas_rtapp_task *tk = &w->tasks[t];

		FUZZ_CHECK(memchr(tk->name, '\0', sizeof(tk->name)) != NULL);
		FUZZ_CHECK(tk->loop == -1 || tk->loop >= 1);
		FUZZ_CHECK(tk->nr_phases >= 1);
		check_props(&tk->props, true);
		for (uint32_t p = 0; p < tk->nr_phases; p++) {
			const struct eas_rtapp_phase *ph = &tk->phases[p];

			FUZZ_CHECK(ph->loop == -1 || ph->loop >= 1);
			FUZZ_CHECK(ph->nr_events >= 1);
			check_props(&ph->props, false);
			for (uint32_t e = 0; e < ph->nr_events; e++) {
				const struct eas_rtapp_event *ev =
					&ph->events[e];
				if (ev->type != EAS_RTAPP_TIMER) {
					FUZZ_CHECK(ev->timer == -1);
					continue;
				}
				FUZZ_CHECK(ev->timer >= 0 &&
					   (uint32_t)ev->timer < w->nr_timers);
				FUZZ_CHECK(ev->us >= 1);
				if (!mode[ev->timer])
					mode[ev->timer] =
						ev->timer_absolute ? 2 : 1;
				FUZZ_CHECK(mode[ev->timer] ==
					   (ev->timer_absolute ? 2 : 1));
			}
		}
	}
	free(mode);
}

/* Two CPUs, one perf domain each (capacities 512 and 1024). */
static void check_oracle(const struct eas_rtapp_workload *w)
{
	static const uint32_t c0[] = { 0 }, c1[] = { 1 };
	static const struct eas_state_desc s0[] = { { 500000, 50000, 0 },
						    { 1000000, 150000, 0 } };
	static const struct eas_state_desc s1[] = { { 800000, 300000, 0 },
						    { 2000000, 1200000, 0 } };
	static const struct eas_cpu_desc cpus[] = { { 0, 512, 0 },
						    { 0, 1024, 0 } };
	static const struct eas_pd_desc pds[] = {
		{ 1, c0, 0, 0, NULL, 2, s0, true },
		{ 1, c1, 0, 0, NULL, 2, s1, true },
	};
	static const struct eas_platform_desc desc = { 2,    cpus, 2, pds, 0,
						       NULL, NULL, 0, NULL };
	static _Alignas(8) unsigned char mem[EAS_PLATFORM_SIZE(2, 2, 4, 3)];
	struct eas_platform pf;
	struct eas_oracle_workload ow;
	char msg[200];
	int r;

	FUZZ_CHECK(eas_platform_build(&pf, mem, sizeof(mem), &desc,
				      EAS_KERNEL_V6_19, 0, NULL) == 0);
	r = eas_oracle_from_rtapp(w, &pf, &ow, msg, sizeof(msg));
	if (r) {
		FUZZ_CHECK(r < 0);
		FUZZ_CHECK(msg[0] != '\0');
		return;
	}
	for (uint32_t i = 0; i < ow.nr_tasks; i++)
		FUZZ_CHECK(ow.tasks[i].util <= 1024);
	if (ow.nr_tasks <= 8) {
		struct eas_oracle_result res;
		uint32_t map[8];
		uint64_t e;
		r = eas_oracle_solve(&pf, ow.tasks, ow.nr_tasks, 100000, map,
				     &res);
		FUZZ_CHECK(r == 0 || r == EAS_ERANGE || r == EAS_EINVAL);
		if (r == 0) {
			FUZZ_CHECK(eas_oracle_energy(&pf, ow.tasks, ow.nr_tasks,
						     map, &e, NULL) == 0);
			FUZZ_CHECK(e == res.energy);
		}
	}
	eas_oracle_workload_free(&ow);
}

struct warn_seen {
	size_t size;
	uint32_t n;
};

static void check_warning(void *ctx, const struct eas_json_diag *d)
{
	struct warn_seen *ws = ctx;

	ws->n++;
	FUZZ_CHECK(d->err == EAS_EFORMAT);
	FUZZ_CHECK(d->msg[0] != '\0');
	FUZZ_CHECK(memchr(d->msg, '\0', sizeof(d->msg)) != NULL);
	FUZZ_CHECK(d->path[0] == '/');
	FUZZ_CHECK(d->offset <= ws->size);
	FUZZ_CHECK(d->line >= 1 && d->column >= 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eas_rtapp_workload w;
	struct eas_rtapp_load_opts o;
	struct eas_json_diag d;
	struct warn_seen ws = { size, 0 };
	int r, rs;

	memset(&w, 0x5a, sizeof(w));
	memset(&o, 0, sizeof(o));
	o.warn = check_warning;
	o.warn_ctx = &ws;
	r = eas_rtapp_load_ex((const char *)data, size, &o, &w, &d);
	/* strict: the same file refused iff it warned or failed */
	{
		struct eas_rtapp_workload ws_w;
		struct eas_json_diag ds;

		o.strict = true;
		o.warn = NULL;
		rs = eas_rtapp_load_ex((const char *)data, size, &o, &ws_w,
				       &ds);
		if (rs)
			check_failure(rs, &ws_w, &ds, size);
		else
			eas_rtapp_free(&ws_w);
		if (!r)
			FUZZ_CHECK((rs != 0) == (ws.n != 0));
		else
			FUZZ_CHECK(rs != 0);
	}
	if (r) {
		check_failure(r, &w, &d, size);
		return 0;
	}
	FUZZ_CHECK(w.nr_warnings == ws.n);
	check_success(&w);
	check_oracle(&w);
	eas_rtapp_free(&w);
	return 0;
}
