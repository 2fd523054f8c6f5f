/* SPDX-License-Identifier: MIT */
/*
 * Simulator outputs: the summary for people, the --json document
 * (docs/formats.md, `eas simulate`), and a self-contained SVG plot of
 * per-CPU utilisation, per-domain frequency and cumulative energy.
 */
#include "sim_internal.h"

#include <libeas/error.h>
#include <stdlib.h>
#include <string.h>

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* text for an SVG element: &, <, > escaped */
static void xml_str(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else
			fputc(*s, f);
	}
}

static void json_pct(FILE *f, const struct eas_sim_pct *p)
{
	fprintf(f,
		"{ \"count\": %llu, \"p50\": %lld, \"p95\": %lld, \"p99\": %lld, \"max\": %lld, \"min\": %lld }",
		(unsigned long long)p->count, (long long)p->p50,
		(long long)p->p95, (long long)p->p99, (long long)p->max,
		(long long)p->min);
}

static const char *policy_name(int32_t p)
{
	switch (p) {
	case EAS_POLICY_NORMAL:
		return "SCHED_OTHER";
	case EAS_POLICY_BATCH:
		return "SCHED_BATCH";
	case EAS_POLICY_IDLE:
		return "SCHED_IDLE";
	case EAS_POLICY_FIFO:
		return "SCHED_FIFO";
	case EAS_POLICY_RR:
		return "SCHED_RR";
	default:
		return "SCHED_DEADLINE";
	}
}

#define ULL(x) ((unsigned long long)(x))

/* The mechanism reasons that end an attempt without a move (OK, WAITING,
 * NOT_NEEDED and NOT_REACHED are not failures). */
static bool is_failure(enum eas_mech_reason r)
{
	return r != EAS_MECH_OK && r != EAS_MECH_WAITING &&
	       r != EAS_MECH_NOT_NEEDED && r != EAS_MECH_NOT_REACHED &&
	       (unsigned)r < EAS_MECH_REASON_COUNT;
}

/* (eas - optimum) / optimum in permille, 0 when the optimum is 0. */
static uint64_t gap_permille(const struct eas_sim_oracle *o)
{
	if (!o->optimum || o->eas <= o->optimum)
		return 0;
	return (o->eas - o->optimum) * 1000u / o->optimum;
}

/* The oracle section (cfg.oracle): JSON value of "oracle". */
static void json_oracle(struct eas_sim *s, FILE *f)
{
	struct eas_sim_oracle o;
	uint32_t i;

	eas_sim_oracle(s, &o);
	if (o.status && o.status != EAS_ERANGE) {
		fprintf(f, "{ \"status\": \"%s\", \"message\": ",
			eas_err_name(o.status));
		json_str(f, o.msg);
		fprintf(f, " }");
		eas_sim_oracle_free(&o);
		return;
	}
	fprintf(f,
		"{ \"status\": \"%s\", \"optimum\": %llu, "
		"\"eas\": %llu, \"gap_permille\": %llu, "
		"\"optimum_feasible\": %s, \"eas_feasible\": %s, "
		"\"nodes\": %llu, \"brute_force\": %llu,\n    \"tasks\": [",
		o.status ? eas_err_name(o.status) : "OK", ULL(o.optimum),
		ULL(o.eas), ULL(gap_permille(&o)),
		o.optimum_feasible ? "true" : "false",
		o.eas_feasible ? "true" : "false", ULL(o.nodes),
		ULL(o.brute_force));
	for (i = 0; i < o.nr_tasks; i++)
		fprintf(f,
			"%s{ \"task\": %u, \"eas_cpu\": %d, "
			"\"optimal_cpu\": %u }",
			i ? ", " : "", o.task[i], o.eas_cpu[i],
			o.optimal_cpu[i]);
	fprintf(f, "] }");
	eas_sim_oracle_free(&o);
}

/*
 * Whether the idle energy rests on known idle power: every CPU has at least
 * one idle state and every idle state's power is known (power_uw > 0 or
 * power_known). Otherwise the idle energy counts unknown powers as 0 and
 * the outputs say "idle power unknown" (docs/formats.md).
 */
static bool idle_power_known(const struct eas_sim *s)
{
	uint32_t cpu, i, j;

	for (i = 0; i < s->nr_idle_states; i++)
		if (!s->idle_states[i].power_known)
			return false;
	for (cpu = 0; cpu < s->pf->nr_cpus; cpu++) {
		bool has = false;

		for (i = 0; i < s->nr_idle_states && !has; i++) {
			const struct eas_idle_state *st = &s->idle_states[i];

			has = !st->nr_cpus;
			for (j = 0; j < st->nr_cpus && !has; j++)
				has = st->cpus[j] == cpu;
		}
		if (!has)
			return false;
	}
	return true;
}

/* The --json object; with_policy: "policy" and "policy_fallbacks" first
 * (eas_sim_write_policy_compare()). */
static void write_json(struct eas_sim *s, FILE *f, bool with_policy)
{
	const struct eas_sim_stats *st = eas_sim_stats(s);
	uint32_t i, j;

	fprintf(f, "{\n");
	if (with_policy) {
		fprintf(f, "  \"policy\": ");
		json_str(f, eas__sim_policy_name(s));
		fprintf(f, ",\n  \"policy_fallbacks\": %llu,\n",
			ULL(s->policy_fallbacks));
	}
	fprintf(f, "  \"kernel\": ");
	json_str(f, eas_kernel_name(s->k));
	fprintf(f, ",\n  \"platform\": ");
	json_str(f, s->pf_name);
	fprintf(f,
		",\n  \"eas\": %s,\n  \"active_balance\": \"%s\",\n"
		"  \"duration_us\": %llu,\n  \"events\": %llu,\n",
		s->eas_on ? "true" : "false", eas_mech_name(s->cfg.ab_mech),
		ULL(st->duration_ns / 1000), ULL(st->events));
	fprintf(f,
		"  \"energy_uj\": %llu,\n  \"active_energy_uj\": %llu,\n"
		"  \"idle_energy_uj\": %llu,\n  \"idle_power_known\": %s,\n",
		ULL(st->energy_uj), ULL(st->active_energy_uj),
		ULL(st->idle_energy_uj),
		idle_power_known(s) ? "true" : "false");
	fprintf(f,
		"  \"migrations\": %llu,\n  \"wakeup_migrations\": %llu,\n"
		"  \"lb_migrations\": %llu,\n  \"context_switches\": %llu,\n"
		"  \"overutilized_us\": %llu,\n  \"misfit_us\": %llu,\n",
		ULL(st->migrations), ULL(st->wakeup_migrations),
		ULL(st->lb_migrations), ULL(st->context_switches),
		ULL(st->overutilized_ns / 1000), ULL(st->misfit_ns / 1000));
	fprintf(f,
		"  \"placements\": { \"total\": %llu, \"eas\": %llu, "
		"\"wake_affine\": %llu, \"idle_sibling\": %llu, "
		"\"idlest\": %llu, \"current_cpu\": %llu },\n",
		ULL(st->placements), ULL(st->placements_by_path[0]),
		ULL(st->placements_by_path[1]), ULL(st->placements_by_path[2]),
		ULL(st->placements_by_path[3]), ULL(st->placements_by_path[4]));
	fprintf(f,
		"  \"active_balances\": { \"mechanism\": \"%s\", "
		"\"decisions\": %llu, \"kicked\": %llu, \"moved\": %llu, "
		"\"rt_preemptions\": %llu, \"context_switches\": %llu, "
		"\"migration_delay_us\": ",
		eas_mech_name(s->cfg.ab_mech), ULL(st->ab.decisions),
		ULL(st->ab.kicked), ULL(st->ab.moved),
		ULL(st->ab.rt_preemptions), ULL(st->ab.context_switches));
	json_pct(f, &st->ab.delay_us);
	fprintf(f, ", \"failed\": {");
	for (i = 0, j = 0; i < EAS_MECH_REASON_COUNT; i++) {
		if (!is_failure((enum eas_mech_reason)i))
			continue;
		fprintf(f, "%s \"%s\": %llu", j++ ? "," : "",
			eas_mech_reason_name((enum eas_mech_reason)i),
			ULL(st->ab.failed[i]));
	}
	fprintf(f, " } },\n");
	/* added keys: wake-up latency by class, RT bandwidth */
	fprintf(f, "  \"wakeup_latency_us\": { \"cfs\": ");
	json_pct(f, &st->wakeup_latency_cfs_us);
	fprintf(f, ", \"rt\": ");
	json_pct(f, &st->wakeup_latency_rt_us);
	fprintf(f, ", \"dl\": ");
	json_pct(f, &st->wakeup_latency_dl_us);
	fprintf(f,
		" },\n  \"rt_throttled_us\": %llu,\n"
		"  \"rt_push_migrations\": %llu,\n",
		ULL(st->rt_throttled_ns / 1000), ULL(st->rt_push_migrations));
	fprintf(f, "  \"cpus\": [\n");
	for (i = 0; i < st->nr_cpus; i++) {
		const struct eas_sim_cpu_stats *c = &st->cpus[i];

		fprintf(f,
			"    { \"cpu\": %u, \"perf_domain\": %u, \"capacity\": %llu, "
			"\"busy_us\": %llu, \"idle_us\": %llu, "
			"\"energy_uj\": %llu, \"active_energy_uj\": %llu, "
			"\"idle_energy_uj\": %llu, \"context_switches\": %llu, "
			"\"rt_preemptions\": %llu, \"misfit_us\": %llu, "
			"\"util_avg\": %llu",
			i, s->pf->cpus[i].pd, ULL(s->pf->cpus[i].capacity),
			ULL(c->busy_ns / 1000), ULL(c->idle_ns / 1000),
			ULL(c->active_energy_uj + c->idle_energy_uj),
			ULL(c->active_energy_uj), ULL(c->idle_energy_uj),
			ULL(c->context_switches), ULL(c->rt_preemptions),
			ULL(c->misfit_ns / 1000), ULL(c->util_avg));
		/* added keys: RT bandwidth, the idle governor's states */
		fprintf(f, ", \"rt_throttled_us\": %llu, \"idle_states\": [",
			ULL(c->rt_throttled_ns / 1000));
		for (j = 0; j < c->nr_idle_states; j++) {
			fprintf(f, "%s{ \"name\": ", j ? ", " : "");
			json_str(f, s->idle_states[s->cpus[i].teo.st[j]].name);
			fprintf(f, ", \"time_us\": %llu, \"entries\": %llu }",
				ULL(c->idle_residency_ns[j] / 1000),
				ULL(c->idle_entries[j]));
		}
		fprintf(f, "] }%s\n", i + 1 < st->nr_cpus ? "," : "");
	}
	fprintf(f, "  ],\n  \"perf_domains\": [\n");
	for (i = 0; i < st->nr_pds; i++) {
		const struct eas_sim_pd_stats *p = &st->pds[i];
		const struct eas_perf_domain *epd = &s->pf->pds[i];

		fprintf(f, "    { \"id\": %u, \"cpus\": [", i);
		for (j = 0; j < epd->nr_cpus; j++)
			fprintf(f, "%s%u", j ? ", " : "", epd->cpus[j]);
		fprintf(f,
			"], \"energy_uj\": %llu, \"frequency_changes\": %llu, "
			"\"opp_residency\": [",
			ULL(p->energy_uj), ULL(p->freq_changes));
		for (j = 0; j < p->nr_states; j++)
			fprintf(f,
				"%s{ \"frequency_khz\": %llu, \"time_us\": %llu }",
				j ? ", " : "", ULL(p->frequency_khz[j]),
				ULL(p->residency_ns[j] / 1000));
		fprintf(f, "] }%s\n", i + 1 < st->nr_pds ? "," : "");
	}
	fprintf(f, "  ],\n  \"tasks\": [\n");
	for (i = 0; i < st->nr_tasks; i++) {
		const struct eas_sim_task_stats *t = &st->tasks[i];

		fprintf(f, "    { \"name\": ");
		json_str(f, t->comm);
		fprintf(f,
			", \"pid\": %u, \"policy\": \"%s\", \"priority\": %d, "
			"\"runtime_us\": %llu, \"wakeups\": %llu, "
			"\"migrations\": %llu, \"misfit_us\": %llu, "
			"\"util_avg\": %llu, \"util_est\": %llu, "
			"\"missed_periods\": %llu,\n      \"wakeup_latency_us\": ",
			t->pid, policy_name(t->policy), t->prio,
			ULL(t->runtime_ns / 1000), ULL(t->wakeups),
			ULL(t->migrations), ULL(t->misfit_ns / 1000),
			ULL(t->util_avg), ULL(t->util_est),
			ULL(t->missed_periods));
		json_pct(f, &t->wakeup_latency_us);
		fprintf(f, ",\n      \"slack_us\": ");
		json_pct(f, &t->slack_us);
		fprintf(f, ", \"main_cpu\": %d }%s\n", t->main_cpu,
			i + 1 < st->nr_tasks ? "," : "");
	}
	fprintf(f, "  ]");
	if (s->cfg.oracle) {
		fprintf(f, ",\n  \"oracle\": ");
		json_oracle(s, f);
	}
	fprintf(f, "\n}\n");
}

void eas_sim_write_json(struct eas_sim *s, FILE *f)
{
	write_json(s, f, false);
}

static void ms(char *b, size_t n, uint64_t ns)
{
	snprintf(b, n, "%llu.%03llu", ULL(ns / 1000000), ULL(ns / 1000 % 1000));
}

void eas_sim_write_summary(struct eas_sim *s, FILE *f)
{
	const struct eas_sim_stats *st = eas_sim_stats(s);
	uint32_t i, j;
	char b1[32], b2[32];

	ms(b1, sizeof(b1), st->duration_ns);
	fprintf(f,
		"libeas simulation: %s, kernel %s, EAS %s, active balance %s\n",
		s->pf_name, eas_kernel_name(s->k), s->eas_on ? "on" : "off",
		eas_mech_name(s->cfg.ab_mech));
	fprintf(f, "simulated %s ms, %llu events, %u CPUs, %u tasks\n\n", b1,
		ULL(st->events), st->nr_cpus, st->nr_tasks);
	if (idle_power_known(s))
		fprintf(f, "energy: %llu uJ total (active %llu, idle %llu)\n",
			ULL(st->energy_uj), ULL(st->active_energy_uj),
			ULL(st->idle_energy_uj));
	else
		fprintf(f,
			"energy: %llu uJ total (active %llu, idle power "
			"unknown)\n",
			ULL(st->energy_uj), ULL(st->active_energy_uj));
	for (i = 0; i < st->nr_pds; i++) {
		const struct eas_sim_pd_stats *p = &st->pds[i];
		uint64_t tot = 0;

		for (j = 0; j < p->nr_states; j++)
			tot += p->residency_ns[j];
		fprintf(f, "  perf domain %u: %10llu uJ  OPP residency:", i,
			ULL(p->energy_uj));
		for (j = 0; j < p->nr_states; j++)
			fprintf(f, " %lluMHz %llu%%",
				ULL(p->frequency_khz[j] / 1000),
				ULL(tot ? p->residency_ns[j] * 100 / tot : 0));
		fputc('\n', f);
	}
	fprintf(f, "\n  cpu  cap   busy%%   energy_uJ  ctxsw  misfit_ms\n");
	for (i = 0; i < st->nr_cpus; i++) {
		const struct eas_sim_cpu_stats *c = &st->cpus[i];
		uint64_t tot = c->busy_ns + c->idle_ns;

		ms(b1, sizeof(b1), c->misfit_ns);
		fprintf(f, "  %3u %4llu %6.1f %11llu %6llu %10s\n", i,
			ULL(s->pf->cpus[i].capacity),
			tot ? (double)c->busy_ns * 100.0 / (double)tot : 0.0,
			ULL(c->active_energy_uj + c->idle_energy_uj),
			ULL(c->context_switches), b1);
	}
	ms(b1, sizeof(b1), st->overutilized_ns);
	ms(b2, sizeof(b2), st->misfit_ns);
	fprintf(f,
		"\nplacements %llu (eas %llu), migrations %llu (wake-up %llu, balance %llu)\n"
		"context switches %llu, overutilized %s ms, misfit %s ms\n",
		ULL(st->placements), ULL(st->placements_eas),
		ULL(st->migrations), ULL(st->wakeup_migrations),
		ULL(st->lb_migrations), ULL(st->context_switches), b1, b2);
	/* plugins (and any replaced answer): the built-ins print what
	 * --no-eas and the default always printed */
	if ((s->cfg.policy && s->cfg.policy != eas_policy_builtin("eas") &&
	     s->cfg.policy != eas_policy_builtin("no-eas")) ||
	    s->policy_fallbacks)
		fprintf(f,
			"placement policy %s: %llu answers outside the task's "
			"allowed online CPUs (or errors) replaced by "
			"select_fallback_rq()\n",
			eas__sim_policy_name(s), ULL(s->policy_fallbacks));
	fprintf(f,
		"active balance (%s): %llu decisions, %llu kicked, %llu moved, "
		"%llu RT preemptions, delay p50 %lld us max %lld us\n",
		eas_mech_name(s->cfg.ab_mech), ULL(st->ab.decisions),
		ULL(st->ab.kicked), ULL(st->ab.moved),
		ULL(st->ab.rt_preemptions), (long long)st->ab.delay_us.p50,
		(long long)st->ab.delay_us.max);
	fprintf(f, "  failed:");
	for (i = 0, j = 0; i < EAS_MECH_REASON_COUNT; i++) {
		if (!st->ab.failed[i])
			continue;
		fprintf(f, " %s %llu",
			eas_mech_reason_name((enum eas_mech_reason)i),
			ULL(st->ab.failed[i]));
		j++;
	}
	if (!j)
		fprintf(f, " none");
	fprintf(f, "\nwake-up latency us (p50/p99/max):");
	{
		const struct eas_sim_pct *cl[3] = { &st->wakeup_latency_cfs_us,
						    &st->wakeup_latency_rt_us,
						    &st->wakeup_latency_dl_us };
		static const char *const cn[3] = { "CFS", "RT", "DL" };

		for (i = 0; i < 3; i++)
			if (cl[i]->count)
				fprintf(f, " %s %lld/%lld/%lld (%llu)", cn[i],
					(long long)cl[i]->p50,
					(long long)cl[i]->p99,
					(long long)cl[i]->max,
					ULL(cl[i]->count));
	}
	ms(b1, sizeof(b1), st->rt_throttled_ns);
	fprintf(f, "\nRT throttled %s ms", b1);
	for (i = 0; i < st->nr_cpus; i++)
		if (st->cpus[i].rt_throttled_ns) {
			ms(b1, sizeof(b1), st->cpus[i].rt_throttled_ns);
			fprintf(f, " cpu%u %s", i, b1);
		}
	fprintf(f, "\nidle state residency %% (entries):\n");
	for (i = 0; i < st->nr_cpus; i++) {
		const struct eas_sim_cpu_stats *c = &st->cpus[i];

		if (!c->nr_idle_states)
			continue;
		fprintf(f, "  cpu%u:", i);
		for (j = 0; j < c->nr_idle_states; j++)
			fprintf(f, " %s %llu%% (%llu)",
				s->idle_states[s->cpus[i].teo.st[j]].name,
				ULL(c->idle_ns ? c->idle_residency_ns[j] * 100 /
							 c->idle_ns :
						 0),
				ULL(c->idle_entries[j]));
		fputc('\n', f);
	}
	fprintf(f,
		"\n  task             policy     runtime_ms  latency_us p50/p99/max  slack_us p50/min  missed  migr\n");
	for (i = 0; i < st->nr_tasks; i++) {
		const struct eas_sim_task_stats *t = &st->tasks[i];

		ms(b1, sizeof(b1), t->runtime_ns);
		fprintf(f, "  %-16s %-10s %10s  %6lld/%6lld/%6lld  ", t->comm,
			policy_name(t->policy) + 6, b1,
			(long long)t->wakeup_latency_us.p50,
			(long long)t->wakeup_latency_us.p99,
			(long long)t->wakeup_latency_us.max);
		if (t->slack_us.count)
			fprintf(f, "%7lld/%7lld", (long long)t->slack_us.p50,
				(long long)t->slack_us.min);
		else
			fprintf(f, "%7s/%7s", "-", "-");
		fprintf(f, "  %6llu  %4llu\n", ULL(t->missed_periods),
			ULL(t->migrations));
	}
	if (s->cfg.oracle) {
		struct eas_sim_oracle o;

		eas_sim_oracle(s, &o);
		if (o.status && o.status != EAS_ERANGE) {
			fprintf(f, "\noracle: %s\n", o.msg);
		} else {
			fprintf(f,
				"\noracle (estimated energy rate, EM units): "
				"EAS placement %llu, optimum %llu, EAS +%llu.%llu%%"
				"%s\n  %llu nodes searched (brute force: %llu "
				"mappings)%s%s\n  task -> EAS cpu / optimal cpu:",
				ULL(o.eas), ULL(o.optimum),
				ULL(gap_permille(&o) / 10),
				ULL(gap_permille(&o) % 10),
				o.eas_feasible ?
					"" :
					" (EAS placement overloads a CPU)",
				ULL(o.nodes), ULL(o.brute_force),
				o.status ? "; " : "", o.status ? o.msg : "");
			for (i = 0; i < o.nr_tasks; i++)
				fprintf(f, " %s %d/%u",
					st->tasks[o.task[i]].comm, o.eas_cpu[i],
					o.optimal_cpu[i]);
			fputc('\n', f);
		}
		eas_sim_oracle_free(&o);
	}
}

/* Worst wake-up latency and worst slack of the RT tasks (what active
 * balance can hurt). */
static void rt_worst(const struct eas_sim_stats *st, int64_t *lat,
		     int64_t *slack)
{
	uint32_t i;
	bool any = false;

	*lat = 0;
	*slack = 0;
	for (i = 0; i < st->nr_tasks; i++) {
		const struct eas_sim_task_stats *t = &st->tasks[i];

		if (t->policy != EAS_POLICY_FIFO && t->policy != EAS_POLICY_RR)
			continue;
		if (t->wakeup_latency_us.max > *lat)
			*lat = t->wakeup_latency_us.max;
		if (t->slack_us.count && (!any || t->slack_us.min < *slack)) {
			*slack = t->slack_us.min;
			any = true;
		}
	}
}

void eas_sim_write_compare(struct eas_sim *const *sims, uint32_t n, FILE *f,
			   bool json)
{
	uint32_t i, j;
	char b1[32];

	if (json) {
		fprintf(f, "{ \"compare\": [\n");
		for (i = 0; i < n; i++) {
			eas_sim_write_json(sims[i], f);
			if (i + 1 < n)
				fprintf(f, ",\n");
		}
		fprintf(f, "] }\n");
		return;
	}
	if (!n)
		return;
	fprintf(f,
		"libeas simulation: %s, kernel %s, EAS %s: active-balance mechanisms side by side\n\n",
		sims[0]->pf_name, eas_kernel_name(sims[0]->k),
		sims[0]->eas_on ? "on" : "off");
	fprintf(f, "  %-17s %9s %7s %6s %10s %6s %9s %9s %10s %10s %12s %10s\n",
		"mechanism", "decisions", "kicked", "moved", "rt_preempt",
		"ctxsw", "delay_p50", "delay_max", "misfit_ms", "rt_lat_max",
		"rt_slack_min", "energy_uJ");
	for (i = 0; i < n; i++) {
		const struct eas_sim_stats *st = eas_sim_stats(sims[i]);
		int64_t lat, slack;

		rt_worst(st, &lat, &slack);
		ms(b1, sizeof(b1), st->misfit_ns);
		fprintf(f,
			"  %-17s %9llu %7llu %6llu %10llu %6llu %9lld %9lld %10s %10lld %12lld %10llu\n",
			eas_mech_name(sims[i]->cfg.ab_mech),
			ULL(st->ab.decisions), ULL(st->ab.kicked),
			ULL(st->ab.moved), ULL(st->ab.rt_preemptions),
			ULL(st->ab.context_switches),
			(long long)st->ab.delay_us.p50,
			(long long)st->ab.delay_us.max, b1, (long long)lat,
			(long long)slack, ULL(st->energy_uj));
	}
	if (!idle_power_known(sims[0]))
		fprintf(f, "  energy_uJ: idle power unknown (counted as 0)\n");
	fprintf(f, "\n  failed attempts:\n");
	for (i = 0; i < n; i++) {
		const struct eas_sim_stats *st = eas_sim_stats(sims[i]);
		uint32_t k = 0;

		fprintf(f, "  %-17s", eas_mech_name(sims[i]->cfg.ab_mech));
		for (j = 0; j < EAS_MECH_REASON_COUNT; j++) {
			if (!st->ab.failed[j])
				continue;
			fprintf(f, " %s %llu",
				eas_mech_reason_name((enum eas_mech_reason)j),
				ULL(st->ab.failed[j]));
			k++;
		}
		fprintf(f, "%s\n", k ? "" : " none");
	}
}

/* ---- placement policies side by side ------------------------------------ */

/* What --compare puts side by side for one run. */
enum {
	CMP_ENERGY,
	CMP_P50,
	CMP_P99,
	CMP_MAX,
	CMP_MISSES,
	CMP_MIGR,
	CMP_OU_US,
	CMP_FALLBACK,
	CMP_NR
};
struct cmp_row {
	int64_t v[CMP_NR];
};
static const char *const cmp_names[CMP_NR] = {
	"energy_uJ",	"lat_p50_us", "lat_p99_us",  "lat_max_us",
	"slack_misses", "migrations", "overutil_us", "fallbacks",
};

/* Wake-up latency percentiles over every sample of every rt-app thread
 * (nearest rank, as the per-task figures). */
static void all_latency(const struct eas_sim *s, struct eas_sim_pct *out)
{
	struct sim_samples all;
	uint32_t i;
	uint64_t n = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < s->nr_user; i++)
		n += s->tasks[i].lat.n;
	if (!n)
		return;
	all.v = malloc(n * sizeof(*all.v));
	if (!all.v)
		abort();
	all.n = 0;
	all.cap = n;
	for (i = 0; i < s->nr_user; i++) {
		const struct sim_samples *l = &s->tasks[i].lat;

		if (l->n)
			memcpy(all.v + all.n, l->v, l->n * sizeof(*l->v));
		all.n += l->n;
	}
	eas__sim_pct(&all, out);
	free(all.v);
}

static void cmp_row(struct eas_sim *s, struct cmp_row *r)
{
	const struct eas_sim_stats *st = eas_sim_stats(s);
	struct eas_sim_pct lat;
	uint64_t misses = 0;
	uint32_t i;

	all_latency(s, &lat);
	for (i = 0; i < st->nr_tasks; i++)
		misses += st->tasks[i].missed_periods;
	r->v[CMP_ENERGY] = (int64_t)st->energy_uj;
	r->v[CMP_P50] = lat.p50;
	r->v[CMP_P99] = lat.p99;
	r->v[CMP_MAX] = lat.max;
	r->v[CMP_MISSES] = (int64_t)misses;
	r->v[CMP_MIGR] = (int64_t)st->migrations;
	r->v[CMP_OU_US] = (int64_t)(st->overutilized_ns / 1000);
	r->v[CMP_FALLBACK] = (int64_t)s->policy_fallbacks;
}

void eas_sim_write_policy_compare(struct eas_sim *const *sims, uint32_t n,
				  FILE *f, bool json)
{
	struct cmp_row r0, r;
	uint32_t i, j;
	char b[48];

	if (json) {
		fprintf(f, "{ \"compare\": [\n");
		for (i = 0; i < n; i++) {
			write_json(sims[i], f, true);
			if (i + 1 < n)
				fprintf(f, ",\n");
		}
		fprintf(f, "] }\n");
		return;
	}
	if (!n)
		return;
	fprintf(f,
		"libeas simulation: %s, kernel %s: placement policies side by "
		"side\n\n",
		sims[0]->pf_name, eas_kernel_name(sims[0]->k));
	fprintf(f, "  %-20s", "policy");
	for (j = 0; j < CMP_NR; j++)
		fprintf(f, " %12s", cmp_names[j]);
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		cmp_row(sims[i], &r);
		fprintf(f, "  %-20.20s", eas__sim_policy_name(sims[i]));
		for (j = 0; j < CMP_NR; j++)
			fprintf(f, " %12lld", (long long)r.v[j]);
		fputc('\n', f);
	}
	if (n > 1) {
		cmp_row(sims[0], &r0);
		fprintf(f, "\n  difference against %s:\n",
			eas__sim_policy_name(sims[0]));
		for (i = 1; i < n; i++) {
			cmp_row(sims[i], &r);
			fprintf(f, "  %-20.20s", eas__sim_policy_name(sims[i]));
			for (j = 0; j < CMP_NR; j++) {
				int64_t d = r.v[j] - r0.v[j];

				snprintf(b, sizeof(b), "%+lld", (long long)d);
				fprintf(f, " %12s", b);
			}
			if (r0.v[CMP_ENERGY])
				fprintf(f, "  (energy %+.1f%%)",
					(double)(r.v[CMP_ENERGY] -
						 r0.v[CMP_ENERGY]) *
						100.0 /
						(double)r0.v[CMP_ENERGY]);
			fputc('\n', f);
		}
	}
	if (!idle_power_known(sims[0]))
		fprintf(f, "  energy_uJ: idle power unknown (counted as 0)\n");
}

/* ---- SVG ---------------------------------------------------------------- */

#define SVG_W 900
#define SVG_LEFT 70
#define SVG_ROW 60

/* One colour per run when runs are overlaid (the first is the single
 * run's per-row colour scheme's blue). */
static const char *const svg_run_col[] = { "#1f77b4", "#d62728", "#2ca02c",
					   "#ff7f0e", "#9467bd", "#8c564b",
					   "#e377c2", "#7f7f7f" };
#define SVG_NR_COL (sizeof(svg_run_col) / sizeof(svg_run_col[0]))

static uint64_t svg_value(const struct eas_sim *s, uint32_t r, uint32_t i)
{
	if (r < s->nr_cpus)
		return s->svg_util[(size_t)i * s->nr_cpus + r];
	if (r < s->nr_cpus + s->nr_pds)
		return s->svg_freq[(size_t)i * s->nr_pds + (r - s->nr_cpus)];
	return s->svg_energy[i];
}

/* n == 1: the single plot, byte for byte what it always was; n > 1: the
 * runs (same platform) overlaid, one colour each, with a legend. */
static int svg_write(struct eas_sim *const *sims, uint32_t n_runs, FILE *f)
{
	struct eas_sim *s = sims[0];
	uint32_t i, r, k, rows = s->nr_cpus + s->nr_pds + 1;
	uint32_t h = rows * SVG_ROW + 60, pw = SVG_W - SVG_LEFT - 20;
	uint64_t t0, t1, emax;

	for (k = 0; k < n_runs; k++)
		if (sims[k]->svg_n < 2 || sims[k]->nr_cpus != s->nr_cpus ||
		    sims[k]->nr_pds != s->nr_pds)
			return EAS_EINVAL;
	t0 = s->svg_t[0];
	t1 = s->svg_t[s->svg_n - 1];
	emax = 0;
	for (k = 0; k < n_runs; k++) {
		const struct eas_sim *o = sims[k];

		if (o->svg_t[0] < t0)
			t0 = o->svg_t[0];
		if (o->svg_t[o->svg_n - 1] > t1)
			t1 = o->svg_t[o->svg_n - 1];
		if (o->svg_energy[o->svg_n - 1] > emax)
			emax = o->svg_energy[o->svg_n - 1];
	}
	t1 = t1 > t0 ? t1 : t0 + 1;
	emax = emax ? emax : 1;
	if (n_runs > 1)
		h += 16;
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%u\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
		"<text x=\"%d\" y=\"16\" font-size=\"13\">libeas simulation: %s, "
		"kernel %s, EAS %s; %llu ms</text>\n",
		SVG_W, h, SVG_LEFT, s->pf_name, eas_kernel_name(s->k),
		n_runs > 1 ? "per policy" :
		s->eas_on  ? "on" :
			     "off",
		ULL((t1 - t0) / 1000000));
	for (r = 0; r < rows; r++) {
		uint32_t y0 = 30 + r * SVG_ROW, ph = SVG_ROW - 12;
		const char *col;
		char label[48];
		uint64_t vmax;

		if (r < s->nr_cpus) {
			snprintf(label, sizeof(label), "CPU%u util", r);
			col = "#1f77b4";
			vmax = 1024;
		} else if (r < s->nr_cpus + s->nr_pds) {
			uint32_t p = r - s->nr_cpus;
			const struct eas_perf_domain *epd = &s->pf->pds[p];

			snprintf(label, sizeof(label), "PD%u MHz", p);
			col = "#d62728";
			vmax = epd->nr_perf_states ?
				       epd->table[epd->nr_perf_states - 1]
					       .frequency :
				       s->pds[p].max_khz;
		} else {
			snprintf(label, sizeof(label), "energy uJ");
			col = "#2ca02c";
			vmax = emax;
		}
		if (!vmax)
			vmax = 1;
		fprintf(f,
			"<rect x=\"%d\" y=\"%u\" width=\"%u\" height=\"%u\" fill=\"#f4f4f4\" stroke=\"#ccc\"/>\n"
			"<text x=\"4\" y=\"%u\">%s</text>\n"
			"<text x=\"4\" y=\"%u\" fill=\"#777\">max %llu</text>\n",
			SVG_LEFT, y0, pw, ph, y0 + 14, label, y0 + 28,
			ULL(r >= s->nr_cpus && r < s->nr_cpus + s->nr_pds ?
				    vmax / 1000 :
				    vmax));
		for (k = 0; k < n_runs; k++) {
			const struct eas_sim *o = sims[k];

			fprintf(f,
				"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1\" points=\"",
				n_runs > 1 ? svg_run_col[k % SVG_NR_COL] : col);
			for (i = 0; i < o->svg_n; i++) {
				uint64_t v = svg_value(o, r, i);
				double x, y;

				if (v > vmax)
					v = vmax;
				x = SVG_LEFT + (double)(o->svg_t[i] - t0) * pw /
						       (double)(t1 - t0);
				y = y0 + ph - (double)v * ph / (double)vmax;
				fprintf(f, "%.1f,%.1f ", x, y);
			}
			fprintf(f, "\"/>\n");
		}
	}
	if (n_runs > 1) {
		/* the legend: one coloured name per run */
		for (k = 0; k < n_runs; k++) {
			fprintf(f, "<text x=\"%u\" y=\"%u\" fill=\"%s\">",
				SVG_LEFT + k * 120, h - 28,
				svg_run_col[k % SVG_NR_COL]);
			xml_str(f, eas__sim_policy_name(sims[k]));
			fprintf(f, "</text>\n");
		}
	}
	fprintf(f,
		"<text x=\"%d\" y=\"%u\">0 ms</text><text x=\"%d\" y=\"%u\" "
		"text-anchor=\"end\">%llu ms</text>\n</svg>\n",
		SVG_LEFT, h - 12, SVG_W - 20, h - 12, ULL((t1 - t0) / 1000000));
	return 0;
}

int eas_sim_write_svg(struct eas_sim *s, FILE *f)
{
	return svg_write(&s, 1, f);
}

int eas_sim_write_svg_overlay(struct eas_sim *const *sims, uint32_t n, FILE *f)
{
	if (!sims || !n || !f)
		return EAS_EINVAL;
	return svg_write(sims, n, f);
}
