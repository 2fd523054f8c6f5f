/* SPDX-License-Identifier: MIT */
/*
 * eas balance PLATFORM SCENARIO [--kernel K] [--json]
 *
 * One load-balance pass of dst_cpu over the domain spanning src_cpu, as
 * the scenario's "balance" object describes it (docs/formats.md §4,
 * docs/balance.md): overutilization, misfit, group statistics and types,
 * busiest group / CPU, migration type and imbalance, which tasks the
 * regular pass could pull, need_active_balance() and its rule, and what
 * each active-balance mechanism (stopper, balance callback, FIFO-1
 * thread) would do, decided now and executed against the scenario's
 * "race" (the state of src_cpu when the mechanism runs).
 */
#include "cli.h"

#include <libeas/balance.h>
#include <libeas/balance_json.h>
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void balance_usage(FILE *f)
{
	fprintf(f,
		"usage: eas balance PLATFORM SCENARIO [--kernel K] [--json]\n"
		"\n"
		"Load-balance decisions for the (src_cpu, dst_cpu) pair of the\n"
		"scenario's \"balance\" object: group types, busiest group and\n"
		"CPU, imbalance, need_active_balance() and its rule, and what\n"
		"the stopper, the balance callback and a FIFO-1 thread would\n"
		"move, when, what they preempt and why they give up.\n"
		"\n"
		"  --kernel K   v5.4, v6.19 or v7.1 (default: the scenario's kernel,\n"
		"               else v6.19)\n"
		"  --json       one JSON document on stdout instead of a table\n"
		"  --max-input-bytes N\n"
		"               refuse input files larger than N bytes\n"
		"               (default 67108864 = 64 MiB)\n"
		"  --help       this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

static const char *const sd_flag_names[] = {
	"SD_BALANCE_NEWIDLE",
	"SD_BALANCE_EXEC",
	"SD_BALANCE_FORK",
	"SD_BALANCE_WAKE",
	"SD_WAKE_AFFINE",
	"SD_ASYM_CPUCAPACITY",
	"SD_ASYM_CPUCAPACITY_FULL",
	"SD_SHARE_CPUCAPACITY",
	"SD_CLUSTER",
	"SD_SHARE_LLC",
	"SD_SERIALIZE",
	"SD_ASYM_PACKING",
	"SD_PREFER_SIBLING",
	"SD_LOAD_BALANCE",
	"SD_NUMA",
};

static const char *const hold_names[] = {
	"cpus_active",	 "active_balance", "nr_running_gt1",
	"movable_task",	 "target_cfs",	   "target_running",
	"target_on_src", "target_allowed", "no_rt_runnable",
};

struct run {
	const struct eas_platform *pf;
	struct eas_system sys;
	struct eas_json_balance b;
	struct eas_lb_result res;
	struct eas_sg_stats *groups;
	struct eas_can_migrate *cm;
	struct eas_mech_decision d[EAS_MECH_COUNT];
	struct eas_busiest_state st;
	struct eas_mech_result r[EAS_MECH_COUNT];
	bool waited[EAS_MECH_COUNT]; /* FIFO-1 waited for RT first */
	const char *assumption;	     /* callback state without a race */
	struct eas_mech_result r_after[EAS_MECH_COUNT];
};

static const uint32_t *group_cpus(const struct run *x, uint32_t first,
				  uint32_t *n, uint32_t *one)
{
	if (x->res.level <= 0) {
		*one = first;
		*n = 1;
		return one;
	}
	return eas_sd_span(x->pf, (uint32_t)x->res.level - 1, first, n);
}

static int32_t task_id(const struct run *x, int32_t index)
{
	if (index < 0 || (uint32_t)index >= x->b.env.nr_src_tasks)
		return -1;
	return (int32_t)x->b.env.src_tasks[index].task.id;
}

static void json_id_or_null(FILE *f, int32_t id)
{
	if (id < 0)
		fputs("null", f);
	else
		fprintf(f, "%" PRId32, id);
}

static void json_str_or_null(FILE *f, const char *s)
{
	if (s)
		eas_cli_json_string(f, s);
	else
		fputs("null", f);
}

static void json_u32_or_null(FILE *f, bool known, uint32_t v)
{
	if (known)
		fprintf(f, "%" PRIu32, v);
	else
		fputs("null", f);
}

static void json_preempts(FILE *f, bool cfs, bool rt, bool dl)
{
	fputc('[', f);
	if (cfs)
		fputs("\"cfs\"", f);
	if (rt)
		fprintf(f, "%s\"rt\"", cfs ? "," : "");
	if (dl)
		fprintf(f, "%s\"dl\"", cfs || rt ? "," : "");
	fputc(']', f);
}

/* The task a started mechanism would move: the detach_one_task() pick,
 * or the callback's target when it is a CFS task (an RT / DL target is
 * never moved). */
static bool moves(const struct eas_mech_decision *d)
{
	if (!d->started)
		return false;
	if (d->mech == EAS_MECH_BALANCE_CALLBACK)
		return d->curr_class == EAS_CLASS_CFS;
	return d->task_index >= 0;
}

static void json_exec(FILE *f, const struct run *x,
		      const struct eas_mech_result *r)
{
	fprintf(f, "{\"ran\":%s,\"moved\":", r->ran ? "true" : "false");
	if (r->moved)
		fprintf(f, "%" PRIu32, r->task_id);
	else
		fputs("null", f);
	fputs(",\"gave_up\":", f);
	json_str_or_null(f, r->moved ? NULL : eas_mech_reason_name(r->reason));
	fputs(",\"preempted\":", f);
	json_preempts(f, r->preempted_cfs, r->preempted_rt, r->preempted_dl);
	fprintf(f,
		",\"context_switches\":%" PRIu32
		",\"active_balance_after\":%s}",
		r->context_switches,
		r->active_balance_after ? "true" : "false");
	(void)x;
}

static void print_json(FILE *f, const struct run *x)
{
	const struct eas_lb_result *res = &x->res;
	const struct eas_platform *pf = x->pf;
	uint32_t i, k, one, n;
	const uint32_t *cpus;
	bool first;

	fprintf(f, "{\"kernel\":");
	eas_cli_json_string(f, eas_kernel_name(pf->kernel));
	fprintf(f,
		",\"src_cpu\":%" PRIu32 ",\"dst_cpu\":%" PRIu32
		",\"idle\":\"%s\"",
		x->b.env.src_cpu, x->b.env.dst_cpu,
		eas_lb_idle_name(x->b.env.idle));
	fprintf(f, ",\n \"overutilized\":%s,\"overutilized_before\":%s",
		res->overutilized ? "true" : "false",
		res->overutilized_before ? "true" : "false");
	fprintf(f, ",\"misfit_task_load\":%" PRIu64, res->misfit_task_load);
	/* need_active_balance() is only asked when the pass reaches the
	 * "if (!ld_moved)" block for src_cpu: null otherwise */
	fprintf(f, ",\n \"need_active_balance\":%s,\"rule\":",
		!res->reached		 ? "null" :
		res->need_active_balance ? "true" :
					   "false");
	json_str_or_null(f, res->reached ? eas_lb_rule_name(res->rule) : NULL);
	fprintf(f, ",\n \"sd\":{\"level\":%" PRId32 ",\"name\":", res->level);
	eas_cli_json_string(f, pf->levels[res->level].name);
	fprintf(f,
		",\"imbalance_pct\":%" PRIu32 ",\"cache_nice_tries\":%" PRIu32
		",\"flags\":[",
		res->imbalance_pct, res->cache_nice_tries);
	first = true;
	for (i = 0; i < sizeof(sd_flag_names) / sizeof(sd_flag_names[0]); i++)
		if (res->sd_flags & (1u << i)) {
			fprintf(f, "%s\"%s\"", first ? "" : ",",
				sd_flag_names[i]);
			first = false;
		}
	fputs("]},\n \"groups\":[", f);
	for (i = 0; i < res->nr_groups; i++) {
		const struct eas_sg_stats *g = &x->groups[i];

		fprintf(f, "%s\n  {\"cpus\":[", i ? "," : "");
		cpus = group_cpus(x, g->first_cpu, &n, &one);
		for (k = 0; k < n; k++)
			fprintf(f, "%s%" PRIu32, k ? "," : "", cpus[k]);
		fprintf(f, "],\"local\":%s,\"type\":\"%s\"",
			g->local ? "true" : "false",
			eas_group_type_name(g->group_type));
		fprintf(f, ",\"load\":%" PRIu64 ",\"util\":%" PRIu64,
			g->group_load, g->group_util);
		if (pf->kernel != EAS_KERNEL_V5_4)
			fprintf(f, ",\"runnable\":%" PRIu64, g->group_runnable);
		fprintf(f,
			",\"capacity\":%" PRIu64 ",\"min_capacity\":%" PRIu64
			",\"max_capacity\":%" PRIu64 ",\"avg_load\":%" PRIu64,
			g->group_capacity, g->min_capacity, g->max_capacity,
			g->avg_load);
		fprintf(f, ",\"sum_nr_running\":%" PRIu32, g->sum_nr_running);
		if (pf->kernel != EAS_KERNEL_V5_4)
			fprintf(f, ",\"sum_h_nr_running\":%" PRIu32,
				g->sum_h_nr_running);
		fprintf(f,
			",\"idle_cpus\":%" PRIu32
			",\"misfit_task_load\":%" PRIu64 "}",
			g->idle_cpus, g->group_misfit_task_load);
	}
	fputs("],\n \"busiest_group\":", f);
	json_id_or_null(f, res->busiest_group);
	fputs(",\"balanced\":", f);
	json_str_or_null(
		f, res->balanced ? eas_lb_balanced_name(res->balanced) : NULL);
	fputs(",\"src_grp_type\":", f);
	json_str_or_null(f, res->busiest_group >= 0 ?
				    eas_group_type_name(res->src_grp_type) :
				    NULL);
	fputs(",\"migration_type\":", f);
	json_str_or_null(
		f, res->busiest_group >= 0 && pf->kernel != EAS_KERNEL_V5_4 ?
			   eas_migration_type_name(res->migration_type) :
			   NULL);
	fprintf(f,
		",\"imbalance\":%" PRIu64 ",\"busiest_cpu\":", res->imbalance);
	json_id_or_null(f, res->busiest_cpu);
	fprintf(f,
		",\n \"reached\":%s,\"nr_detached\":%" PRIu32
		",\"all_pinned\":%s",
		res->reached ? "true" : "false", res->nr_detached,
		res->all_pinned ? "true" : "false");
	/* seen: null when need_active_balance() is not asked; after: null
	 * when the pass goes on with another CPU than src_cpu or redoes the
	 * search without it */
	fprintf(f, ",\"nr_balance_failed\":{\"before\":%" PRIu32 ",\"seen\":",
		x->b.env.nr_balance_failed);
	json_u32_or_null(f, res->reached, res->nr_balance_failed_seen);
	fputs(",\"after\":", f);
	json_u32_or_null(f, res->nr_balance_failed_after_known,
			 res->nr_balance_failed_after);
	fputc('}', f);
	fprintf(f,
		",\"kick\":%s,\"kick_gave_up\":", res->kick ? "true" : "false");
	json_str_or_null(f, res->kick_pinned ? "curr_pinned" :
			    res->kick_busy   ? "already_active" :
					       NULL);
	fputs(",\n \"src_tasks\":[", f);
	for (i = 0; i < x->b.env.nr_src_tasks; i++) {
		const struct eas_can_migrate *c = &x->cm[i];

		fprintf(f,
			"%s\n  {\"id\":%" PRIu32 ",\"running\":%s"
			",\"can_migrate\":%s,\"reason\":",
			i ? "," : "", x->b.env.src_tasks[i].task.id,
			x->b.env.src_tasks[i].task.is_current ? "true" :
								"false",
			c->ok ? "true" : "false");
		json_str_or_null(f,
				 c->ok ? NULL : eas_cm_reason_name(c->reason));
		fputs(",\"cache_hot\":", f);
		fputs(c->hot < 0 ? "null" : c->hot ? "true" : "false", f);
		fputs(",\"new_dst_cpu\":", f);
		json_id_or_null(f, c->new_dst_cpu);
		fprintf(f, ",\"detached\":%s}", c->detached ? "true" : "false");
	}
	fputs("],\n \"detach_one_task\":", f);
	json_id_or_null(f, task_id(x, res->detach_one_index));
	fputs(",\n \"race\":", f);
	if (!x->b.has_race) {
		fputs("null", f);
	} else {
		const struct eas_busiest_state *st = &x->st;

		fprintf(f,
			"{\"curr_class\":\"%s\",\"rt_nr_runnable\":%" PRIu32
			",\"nr_running\":%" PRIu32
			",\"src_active\":%s,\"dst_active\":%s"
			",\"active_balance\":%s,\"target_class\":\"%s\""
			",\"target_running\":%s,\"target_cpu\":%" PRIu32 "}",
			eas_sched_class_name(st->curr_class),
			st->rt_nr_runnable, st->nr_running,
			st->src_active ? "true" : "false",
			st->dst_active ? "true" : "false",
			st->active_balance ? "true" : "false",
			eas_sched_class_name(st->target_class),
			st->target_was_running ? "true" : "false",
			st->target_cpu);
	}
	fputs(",\n \"mechanisms\":{", f);
	for (i = 0; i < EAS_MECH_COUNT; i++) {
		const struct eas_mech_decision *d = &x->d[i];

		fprintf(f, "%s\n  \"%s\":{\"started\":%s,\"gave_up\":",
			i ? "," : "", eas_mech_name((enum eas_mech)i),
			d->started ? "true" : "false");
		json_str_or_null(
			f, d->started ? NULL : eas_mech_reason_name(d->reason));
		fputs(",\"moves\":", f);
		if (moves(d))
			fprintf(f, "%" PRIu32, d->task_id);
		else
			fputs("null", f);
		fprintf(f, ",\"when\":\"%s\",\"must_hold\":[",
			eas_mech_when_name(d->when));
		first = true;
		for (k = 0; k < sizeof(hold_names) / sizeof(hold_names[0]); k++)
			if (d->must_hold & (1u << k)) {
				fprintf(f, "%s\"%s\"", first ? "" : ",",
					hold_names[k]);
				first = false;
			}
		fputs("],\"preempts\":", f);
		json_preempts(f, d->preempts_cfs, d->preempts_rt,
			      d->preempts_dl);
		fprintf(f,
			",\"context_switches\":%" PRIu32
			",\"blocks_other_balancing\":%s",
			d->context_switches,
			d->holds_active_balance ? "true" : "false");
		if (i == EAS_MECH_BALANCE_CALLBACK) {
			fputs(",\"assumption\":", f);
			json_str_or_null(f, x->assumption);
		}
		fputs(",\n   \"execution\":", f);
		json_exec(f, x, &x->r[i]);
		if (x->waited[i]) {
			fputs(",\n   \"execution_after_rt\":", f);
			json_exec(f, x, &x->r_after[i]);
		}
		fputc('}', f);
	}
	fputs("}}\n", f);
}

static void print_exec_line(FILE *f, const char *label,
			    const struct eas_mech_result *r)
{
	fprintf(f, "    %s: ", label);
	if (!r->ran) {
		fprintf(f, "not run (%s)\n", eas_mech_reason_name(r->reason));
		return;
	}
	if (r->moved)
		fprintf(f, "moved task %" PRIu32, r->task_id);
	else
		fprintf(f, "gave up (%s)", eas_mech_reason_name(r->reason));
	fprintf(f, ", preempted %s, %" PRIu32 " context switch%s\n",
		r->preempted_rt	 ? "an RT task" :
		r->preempted_dl	 ? "a DL task" :
		r->preempted_cfs ? "the CFS task" :
				   "nothing",
		r->context_switches, r->context_switches == 1 ? "" : "es");
}

static void print_table(FILE *f, const struct run *x)
{
	const struct eas_lb_result *res = &x->res;
	uint32_t i, k, n, one;
	const uint32_t *cpus;

	fprintf(f,
		"kernel %s: CPU %" PRIu32 " (%s) balances %s, src CPU %" PRIu32
		"\n",
		eas_kernel_name(x->pf->kernel), x->b.env.dst_cpu,
		eas_lb_idle_name(x->b.env.idle), x->pf->levels[res->level].name,
		x->b.env.src_cpu);
	fprintf(f,
		"overutilized %s (before the pass %s), misfit_task_load %" PRIu64
		"\n\n",
		res->overutilized ? "yes" : "no",
		res->overutilized_before ? "yes" : "no", res->misfit_task_load);
	fprintf(f, "  group        type          load    util  capacity  "
		   "nr  idle  misfit\n");
	for (i = 0; i < res->nr_groups; i++) {
		const struct eas_sg_stats *g = &x->groups[i];
		char buf[32];
		int pos = 0;

		cpus = group_cpus(x, g->first_cpu, &n, &one);
		for (k = 0; k < n && pos < 24; k++)
			pos += snprintf(buf + pos, sizeof(buf) - (size_t)pos,
					"%s%" PRIu32, k ? "," : "", cpus[k]);
		fprintf(f,
			"%c %-11s  %-12s %6" PRIu64 "  %6" PRIu64 "  %8" PRIu64
			"  %2" PRIu32 "  %4" PRIu32 "  %6" PRIu64 "%s\n",
			g->local ? '*' : ' ', buf,
			eas_group_type_name(g->group_type), g->group_load,
			g->group_util, g->group_capacity, g->sum_nr_running,
			g->idle_cpus, g->group_misfit_task_load,
			(int32_t)i == res->busiest_group ? "  <- busiest" : "");
	}
	if (res->busiest_group >= 0 && x->pf->kernel != EAS_KERNEL_V5_4)
		fprintf(f,
			"\nbusiest group type %s, migrate_%s, imbalance %" PRIu64
			", busiest CPU %" PRId32 "\n",
			eas_group_type_name(res->src_grp_type),
			eas_migration_type_name(res->migration_type),
			res->imbalance, res->busiest_cpu);
	else if (res->busiest_group >= 0)
		fprintf(f,
			"\nbusiest group type %s, imbalance %" PRIu64
			" (load), busiest CPU %" PRId32 "\n",
			eas_group_type_name(res->src_grp_type), res->imbalance,
			res->busiest_cpu);
	else
		fprintf(f, "\nbalanced (%s)\n",
			eas_lb_balanced_name(res->balanced));
	fprintf(f,
		"regular pass pulls %" PRIu32 " task(s)%s; active-balance "
		"step %sreached\n",
		res->nr_detached, res->all_pinned ? " (all pinned)" : "",
		res->reached ? "" : "not ");
	fprintf(f, "need_active_balance: %s",
		!res->reached		 ? "not asked" :
		res->need_active_balance ? "yes" :
					   "no");
	if (res->reached && res->need_active_balance)
		fprintf(f, " (%s)", eas_lb_rule_name(res->rule));
	fprintf(f, "; nr_balance_failed %" PRIu32, x->b.env.nr_balance_failed);
	if (res->reached)
		fprintf(f, " -> seen %" PRIu32, res->nr_balance_failed_seen);
	if (res->nr_balance_failed_after_known)
		fprintf(f, " -> after %" PRIu32 "\n",
			res->nr_balance_failed_after);
	else if (res->busiest_cpu != (int32_t)x->b.env.src_cpu)
		fprintf(f,
			" -> after: decided by the pass on CPU %" PRId32 "\n",
			res->busiest_cpu);
	else
		fprintf(f,
			" -> after: decided by the redo without CPU %" PRId32
			"\n",
			res->busiest_cpu);
	for (i = 0; i < x->b.env.nr_src_tasks; i++) {
		const struct eas_can_migrate *c = &x->cm[i];

		fprintf(f, "  task %-6" PRIu32 " %s%s%s\n",
			x->b.env.src_tasks[i].task.id,
			c->ok ? "can migrate" : "cannot migrate: ",
			c->ok ? "" : eas_cm_reason_name(c->reason),
			c->detached ? " (pulled)" : "");
	}
	fprintf(f, "\nactive balance mechanisms%s:\n",
		x->b.has_race ? (x->b.race_rt_wakes ?
					 " (race: an RT task wakes on src)" :
					 " (with the scenario's race)") :
				"");
	for (i = 0; i < EAS_MECH_COUNT; i++) {
		const struct eas_mech_decision *d = &x->d[i];

		fprintf(f, "  %-16s ", eas_mech_name((enum eas_mech)i));
		if (!d->started) {
			fprintf(f, "not started (%s)\n",
				eas_mech_reason_name(d->reason));
			continue;
		}
		fprintf(f, "runs: %s; would move task ",
			eas_mech_when_name(d->when));
		if (moves(d))
			fprintf(f, "%" PRIu32, d->task_id);
		else if (i == EAS_MECH_BALANCE_CALLBACK)
			fprintf(f, "(none: target %" PRIu32 " is %s)",
				d->task_id,
				eas_sched_class_name(d->curr_class));
		else
			fputs("(none)", f);
		fprintf(f, ", %" PRIu32 " extra context switches\n",
			d->context_switches);
		if (i == EAS_MECH_BALANCE_CALLBACK && x->assumption)
			fprintf(f, "    (no race given: %s)\n",
				!strcmp(x->assumption, "target_blocks") ?
					"the target blocks" :
				!strcmp(x->assumption,
					"target_preempted_by_rt") ?
					"the runnable RT task preempts the "
					"target" :
					"another CFS task preempts the "
					"target");
		print_exec_line(f, "execution", &x->r[i]);
		if (x->waited[i])
			print_exec_line(f, "after the RT task", &x->r_after[i]);
	}
}

static int load_platform(const char *path, const char *buf, size_t len,
			 enum eas_kernel k, struct eas_json_platform *jp)
{
	struct eas_json_diag diag;
	char msg[600];

	if (eas_json_platform_load(buf, len, k, 0, jp, &diag)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&diag, path, msg, sizeof(msg)));
		return -1;
	}
	return 0;
}

int eas_cmd_balance(int argc, char **argv)
{
	static const struct eas_cli_cmd cmd = { "balance", balance_usage };
	const char *pf_path = NULL, *sc_path = NULL, *kernel_arg = NULL;
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	bool json = false, have_k = false;
	char *pf_buf = NULL, *sc_buf = NULL, msg[600];
	size_t pf_len = 0, sc_len = 0;
	struct eas_json_platform jp;
	struct eas_scenario sc;
	struct eas_json_diag diag;
	struct run x;
	int i, rc = EAS_EXIT_INPUT;
	uint32_t m, j;
	bool jp_ok = false, sc_ok = false, b_ok = false;

	memset(&x, 0, sizeof(x));
	memset(&jp, 0, sizeof(jp));
	memset(&sc, 0, sizeof(sc));
	for (i = 1; i < argc; i++) {
		int r;

		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--help") ||
			   !strcmp(argv[i], "-h")) {
			balance_usage(stdout);
			return EAS_EXIT_OK;
		} else if ((r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--kernel", "-k",
						  &kernel_arg)) ||
			   (r = eas_cli_common_opt(&cmd, argc, argv, &i))) {
			if (r < 0)
				return EAS_EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return eas_cli_usage_error(&cmd, "unknown option '%s'",
						   argv[i]);
		} else if (!pf_path) {
			pf_path = argv[i];
		} else if (!sc_path) {
			sc_path = argv[i];
		} else {
			return eas_cli_usage_error(
				&cmd,
				"unexpected argument '%s' (expected "
				"PLATFORM and SCENARIO only)",
				argv[i]);
		}
	}
	if (!pf_path || !sc_path)
		return eas_cli_usage_error(&cmd, "missing %s",
					   pf_path ? "SCENARIO" :
						     "PLATFORM and SCENARIO");
	if (kernel_arg) {
		if (eas_cli_parse_kernel(&cmd, kernel_arg, &k))
			return EAS_EXIT_USAGE;
		have_k = true;
	}

	pf_buf = eas_cli_read_file(pf_path, &pf_len);
	sc_buf = pf_buf ? eas_cli_read_file(sc_path, &sc_len) : NULL;
	if (!pf_buf || !sc_buf)
		goto out;
	if (load_platform(pf_path, pf_buf, pf_len, k, &jp)) {
		eas_cli_hint_swapped("balance", pf_path, pf_buf, "platform",
				     "PLATFORM SCENARIO");
		goto out;
	}
	jp_ok = true;
	if (eas_json_scenario_load(sc_buf, sc_len, jp.pf.nr_cpus, &sc, &diag)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&diag, sc_path, msg, sizeof(msg)));
		eas_cli_hint_swapped("balance", sc_path, sc_buf, "scenario",
				     "PLATFORM SCENARIO");
		goto out;
	}
	sc_ok = true;
	if (eas_cli_check_platform("balance", sc_path, sc.platform, pf_path,
				   jp.name))
		goto out;
	if (!have_k && sc.has_kernel && sc.kernel != k) {
		/* the scenario names the flavour: rebuild for it */
		eas_json_platform_free(&jp);
		jp_ok = false;
		k = sc.kernel;
		if (load_platform(pf_path, pf_buf, pf_len, k, &jp))
			goto out;
		jp_ok = true;
	}
	if (!sc.balance_json) {
		fprintf(stderr,
			"eas: %s: /balance: missing the \"balance\" object "
			"(expected {\"src_cpu\": ..., \"dst_cpu\": ..., "
			"\"idle\": ...})\n",
			sc_path);
		goto out;
	}
	x.pf = &jp.pf;
	eas_scenario_system(&sc, x.pf, &x.sys);
	if (eas_json_balance_load(sc_buf, sc_len, sc.balance_json, x.pf,
				  &sc.task, &x.b, &diag)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&diag, sc_path, msg, sizeof(msg)));
		goto out;
	}
	b_ok = true;
	eas_json_balance_apply(&x.b, sc.rq, x.pf->nr_cpus);
	if (!x.b.has_misfit && !sc.rq[x.b.env.src_cpu].misfit_task_load) {
		/* update_misfit_status() of the task running on src */
		for (j = 0; j < x.b.env.nr_src_tasks; j++)
			if (x.b.env.src_tasks[j].task.is_current)
				sc.rq[x.b.env.src_cpu].misfit_task_load =
					eas_update_misfit_status(
						&x.sys,
						&x.b.env.src_tasks[j].task,
						x.b.env.src_cpu);
	}

	x.groups =
		calloc(EAS_LB_MAX_GROUPS(x.pf->nr_cpus) + 1, sizeof(*x.groups));
	x.cm = calloc(x.b.env.nr_src_tasks + 1u, sizeof(*x.cm));
	if (!x.groups || !x.cm) {
		fprintf(stderr, "eas: out of memory\n");
		goto out;
	}
	if (eas_load_balance(&x.sys, &x.b.env, x.groups,
			     (uint32_t)EAS_LB_MAX_GROUPS(x.pf->nr_cpus), x.cm,
			     &x.res)) {
		fprintf(stderr,
			"eas: %s: /balance: src_cpu %" PRIu32
			" and dst_cpu %" PRIu32 " share no sched domain\n",
			sc_path, x.b.env.src_cpu, x.b.env.dst_cpu);
		goto out;
	}
	if (x.b.has_race)
		x.st = x.b.race;
	else
		eas_busiest_state_init(&x.st, &x.b.env);
	for (m = 0; m < EAS_MECH_COUNT; m++) {
		struct eas_busiest_state st = x.st;

		eas_mech_decide(&x.sys, &x.b.env, &x.res, (enum eas_mech)m,
				&x.d[m]);
		if (m == EAS_MECH_BALANCE_CALLBACK && !x.b.has_race)
			/* the target's next switch-out: preempted by a
			 * runnable RT task or another queued CFS task, or it
			 * blocks */
			x.assumption = eas_switch_out_name(
				eas_busiest_state_switch_out(&st, &x.b.env));
		eas_mech_execute(&x.sys, &x.b.env, &x.d[m], &st, &x.r[m]);
		if (x.d[m].started && !x.r[m].ran &&
		    x.r[m].reason == EAS_MECH_WAITING) {
			/* the RT work finishes; the thread runs next */
			struct eas_busiest_state after = x.st;

			eas_busiest_state_rt_done(&after);
			x.waited[m] = true;
			eas_mech_execute(&x.sys, &x.b.env, &x.d[m], &after,
					 &x.r_after[m]);
		}
	}
	if (json)
		print_json(stdout, &x);
	else
		print_table(stdout, &x);
	rc = EAS_EXIT_OK;
out:
	free(x.groups);
	free(x.cm);
	if (b_ok)
		eas_json_balance_free(&x.b);
	if (sc_ok)
		eas_scenario_free(&sc);
	if (jp_ok)
		eas_json_platform_free(&jp);
	free(pf_buf);
	free(sc_buf);
	return rc;
}
