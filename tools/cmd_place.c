/* SPDX-License-Identifier: MIT */
/*
 * eas place PLATFORM SCENARIO [--kernel K] [--json]
 * eas place PLATFORM DIR|SCENARIO --expect [--kernel K]
 *
 * Runs select_task_rq_fair() (wake-up, fork or exec placement) of one
 * kernel flavour on the instant a scenario file describes, and explains
 * it: the chosen CPU, the path, and for the energy-aware path every
 * candidate CPU with its energy delta in the order the kernel computed
 * them (docs/formats.md §3-4, docs/placement.md).
 */
#include "cli.h"

#include <libeas/balance.h>
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/place_json.h>
#include <libeas/scenario.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void place_usage(FILE *f)
{
	fprintf(f,
		"usage: eas place PLATFORM SCENARIO [--kernel K] [--json] "
		"[--em-scale-power]\n"
		"       eas place PLATFORM DIR|SCENARIO --expect [--kernel K]\n"
		"\n"
		"Run the kernel's wake-up placement (select_task_rq_fair) for\n"
		"the task and instant described by SCENARIO\n"
		"(libeas-scenario/1) on PLATFORM (libeas-platform/1).\n"
		"\n"
		"  --expect     check each scenario of DIR (*.json, by name) or\n"
		"               SCENARIO against its \"expect\" object: one\n"
		"               ok / FAIL line each, then \"N passed, M failed\";\n"
		"               exit 0 only if all pass\n"
		"  --kernel K   v5.4, v6.19 or v7.1 (default: the scenario's \"kernel\",\n"
		"               else v6.19)\n"
		"  --json       one JSON document on stdout instead of a table\n"
		"  --em-scale-power\n"
		"               v5.4 only: the 5.4.y 64-bit EM precision backport\n"
		"               (cost = fmax * (P * 1000) / f)\n"
		"  --max-input-bytes N\n"
		"               refuse input files larger than N bytes\n"
		"               (default 67108864 = 64 MiB)\n"
		"  --help       this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

static const char *wake_name(uint32_t f)
{
	if (f & EAS_WF_FORK)
		return "fork";
	if (f & EAS_WF_EXEC)
		return "exec";
	return "ttwu";
}

/* the `eas place --json` document (lib/json/place_json.c) and a newline */
static int print_json(FILE *f, const struct eas_platform *pf,
		      const struct eas_scenario *sc,
		      const struct eas_place_result *r,
		      const struct eas_place_steps *st,
		      const struct eas_task *p_after)
{
	size_t len = 0;
	char *doc;

	eas_place_result_format_json(NULL, 0, &len, pf, p_after, &sc->waker,
				     sc->wake_flags, r, st, 0);
	doc = malloc(len + 1);
	if (!doc || eas_place_result_format_json(doc, len + 1, &len, pf,
						 p_after, &sc->waker,
						 sc->wake_flags, r, st, 0)) {
		free(doc);
		fprintf(stderr, "eas: out of memory\n");
		return -1;
	}
	fwrite(doc, 1, len, f);
	fputc('\n', f);
	free(doc);
	return 0;
}

/* "1024 kHz" or "none" (v6.19 em_cpu_energy() with sum_util 0) */
static const char *opp_text(char *buf, size_t n, uint32_t opp, uint64_t khz)
{
	if (opp == EAS_NO_OPP)
		snprintf(buf, n, "none");
	else
		snprintf(buf, n, "OPP%" PRIu32 " %" PRIu64 " kHz", opp, khz);
	return buf;
}

/* the lowest delta computed and its CPU (from the recorded candidates) */
static const struct eas_place_candidate *
lowest_delta(const struct eas_feec_result *fe)
{
	const struct eas_place_candidate *lo = NULL;
	uint32_t i;

	for (i = 0; i < fe->nr_candidates; i++)
		if (!lo || fe->candidates[i].delta < lo->delta)
			lo = &fe->candidates[i];
	return lo;
}

/* one sentence: why feec returned what it did */
static void print_feec_why(FILE *f, const struct eas_feec_result *fe)
{
	const struct eas_place_candidate *lo = lowest_delta(fe);

	switch (fe->reason) {
	case EAS_FEEC_ENERGY:
		fprintf(f, "  -> CPU %d: the lowest energy delta%s\n", fe->cpu,
			fe->prev_delta != UINT64_MAX ?
				" (and saves enough against prev)" :
				"");
		break;
	case EAS_FEEC_FITS:
		fprintf(f,
			"  -> CPU %d: util_fits_cpu() ranking (uclamp): best_fits "
			"%d beats prev_fits %d although CPU %d had a lower "
			"delta (%" PRIu64 ")\n",
			fe->cpu, fe->best_fits, fe->prev_fits,
			lo ? lo->cpu : -1, lo ? lo->delta : 0);
		break;
	case EAS_FEEC_CAPACITY:
		fprintf(f,
			"  -> CPU %d: no candidate fits uclamp_min, the larger "
			"actual capacity wins although CPU %d had a lower delta "
			"(%" PRIu64 ")\n",
			fe->cpu, lo ? lo->cpu : -1, lo ? lo->delta : 0);
		break;
	case EAS_FEEC_PREV_MARGIN:
		fprintf(f,
			"  -> prev CPU %d kept: CPU %d saves %" PRIu64
			", not above the margin %" PRIu64 "\n",
			fe->cpu, fe->best_cpu, fe->prev_delta - fe->best_delta,
			fe->margin);
		break;
	case EAS_FEEC_PREV_BEST:
		fprintf(f, "  -> prev CPU %d kept: no better delta or fit\n",
			fe->cpu);
		break;
	case EAS_FEEC_PREV_UNFIT:
		fprintf(f, "  -> CPU %d: prev did not fit, best other CPU\n",
			fe->cpu);
		break;
	case EAS_FEEC_BELOW_BASE:
		fprintf(f,
			"  -> an energy below its domain's base energy: feec "
			"returns prev CPU %d\n",
			fe->cpu);
		break;
	case EAS_FEEC_NO_CANDIDATE:
		fprintf(f, "  -> no CPU fits: prev CPU %d\n", fe->cpu);
		break;
	default:
		break;
	}
}

static void print_step(FILE *f, const struct eas_platform *pf,
		       const struct eas_place_step *s)
{
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;

	fprintf(f, "    %-13s",
		eas_step_kind_name((enum eas_step_kind)s->kind));
	if (s->kind == EAS_STEP_GROUP)
		fprintf(f, " cpu %d (%" PRIu32 " cpus)", s->cpu, s->nr_cpus);
	else if (s->kind == EAS_STEP_GROUP_PICK && s->cpu < 0)
		fputs(" -", f);
	else
		fprintf(f, " cpu %d", s->cpu);
	if (s->level >= 0 && (uint32_t)s->level < pf->nr_levels)
		fprintf(f, " [%s]", pf->levels[s->level].name);
	fprintf(f, " %s", eas_step_test_name((enum eas_step_test)s->test));
	switch (s->kind) {
	case EAS_STEP_GROUP:
		if (v54)
			fprintf(f,
				": runnable_load %" PRIu64 ", avg_load %" PRIu64
				", max_spare %" PRIu64,
				s->runnable, s->load, s->util);
		else
			fprintf(f,
				": %s, idle_cpus %" PRIu32 ", util %" PRIu64
				", avg_load %" PRIu64 ", max_capacity %" PRIu64,
				eas_group_type_name(
					(enum eas_group_type)s->group_type),
				s->idle_cpus, s->util, s->load, s->capacity);
		break;
	case EAS_STEP_GROUP_CPU:
		if (s->test == EAS_TEST_IDLE)
			fprintf(f,
				": exit_latency %" PRIu32
				", idle_stamp %" PRIu64,
				s->exit_latency, s->idle_stamp);
		else
			fprintf(f, ": load %" PRIu64, s->load);
		break;
	case EAS_STEP_IDLE_CAPACITY:
		if (s->test != EAS_TEST_BUSY)
			fprintf(f, ": fits %d, capacity %" PRIu64, s->fits,
				s->capacity);
		break;
	default:
		if (s->kind <= EAS_STEP_KTHREAD && !v54 && s->fits)
			fprintf(f, ": fits %d", s->fits);
		break;
	}
	fputs(s->chosen ? "  <- chosen\n" : "\n", f);
}

static void print_table(FILE *f, const struct eas_platform *pf,
			const struct eas_scenario *sc,
			const struct eas_place_result *r,
			const struct eas_place_steps *st)
{
	const struct eas_feec_result *fe = &r->feec;
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	char b1[48], b2[48];
	uint32_t i;

	fprintf(f,
		"kernel %s, %s of a task last on CPU %d, waker on CPU %d%s\n",
		eas_kernel_name(pf->kernel), wake_name(sc->wake_flags),
		sc->task.prev_cpu, sc->waker.cpu, r->sync ? " (sync)" : "");
	fprintf(f, "chosen CPU: %d   path: %s\n", r->cpu,
		eas_place_path_name(r->path));
	fprintf(f, "overutilized: %s\n", r->overutilized ? "yes" : "no");
	if (r->no_eas != EAS_NOEAS_NONE) {
		fprintf(f, "energy-aware placement not used: %s",
			eas_no_eas_reason_name(r->no_eas));
		if (r->no_eas == EAS_NOEAS_PLATFORM)
			fprintf(f, " (%s)",
				eas_off_reason_name(pf->eas_reason));
		else if (r->no_eas == EAS_NOEAS_DECLINED)
			fprintf(f, " (%s)", eas_feec_reason_name(fe->reason));
		fputc('\n', f);
	}
	if (r->eas_entered) {
		fprintf(f, "find_energy_efficient_cpu: %d (%s)\n", fe->cpu,
			eas_feec_reason_name(fe->reason));
		if (fe->nr_candidates) {
			fprintf(f,
				"  energies in %s (only differences matter)\n",
				eas_energy_unit(pf));
			fprintf(f, "  %4s %4s %14s %14s %14s %7s%s\n", "cpu",
				"pd", "energy", "base", "delta", "spare",
				v54 ? "" : "  fits");
			for (i = 0; i < fe->nr_candidates; i++) {
				const struct eas_place_candidate *c =
					&fe->candidates[i];

				fprintf(f,
					"  %4d %4" PRIu32 " %14" PRIu64
					" %14" PRIu64 " %14" PRIu64 " %7" PRId64
					"%s%s\n",
					c->cpu, c->perf_domain, c->energy,
					c->base_energy, c->delta, c->spare_cap,
					v54 ? "" :
					      (c->fits > 0 ? "     1" :
							     "    -1"),
					c->is_prev ? "  (prev)" : "");
				fprintf(f,
					"       with p: max_util %" PRIu64
					" -> %s, sum_util %" PRIu64
					"; base: max_util %" PRIu64
					" -> %s, sum_util %" PRIu64 "\n",
					c->max_util,
					opp_text(b1, sizeof(b1), c->opp,
						 c->opp_khz),
					c->sum_util, c->base_max_util,
					opp_text(b2, sizeof(b2), c->base_opp,
						 c->base_opp_khz),
					c->base_sum_util);
			}
		}
		if (!fe->nr_computed)
			goto paths;
		fprintf(f, "  base energy %" PRIu64, fe->base_energy);
		if (fe->prev_delta != UINT64_MAX)
			fprintf(f, ", prev_delta %" PRIu64, fe->prev_delta);
		if (fe->best_delta != UINT64_MAX)
			fprintf(f, ", best_delta %" PRIu64, fe->best_delta);
		if (v54 && fe->prev_delta != UINT64_MAX)
			fprintf(f, ", margin %" PRIu64, fe->margin);
		if (!v54)
			fprintf(f, ", prev_fits %d, best_fits %d",
				fe->prev_fits, fe->best_fits);
		fputc('\n', f);
		print_feec_why(f, fe);
	}
paths:
	if (r->path != EAS_PATH_EAS && r->path != EAS_PATH_CURRENT_CPU) {
		fprintf(f, "want_affine %s (wake_wide %s%s)",
			r->want_affine ? "yes" : "no",
			r->wake_wide ? "yes" : "no",
			v54 ? (r->wake_cap ? ", wake_cap yes" :
					     ", wake_cap no") :
			      "");
		if (r->affine_cpu >= 0)
			fprintf(f, ", wake_affine -> %d", r->affine_cpu);
		if (r->sd_level >= 0)
			fprintf(f, ", slow path from %s",
				pf->levels[r->sd_level].name);
		fputc('\n', f);
	}
	if (st->nr_steps) {
		if (r->sd_level >= 0)
			fputs("  slow path (find_idlest_group / "
			      "find_idlest_group_cpu), in kernel order:\n",
			      f);
		else
			fprintf(f,
				"  fast path (select_idle_sibling, target %d), "
				"in kernel order:\n",
				r->sis_target);
		for (i = 0; i < st->nr_steps; i++)
			print_step(f, pf, &st->steps[i]);
	}
}

static int load_platform(const char *path, const char *buf, size_t len,
			 enum eas_kernel k, uint32_t opts,
			 struct eas_json_platform *jp)
{
	struct eas_json_diag d;
	char msg[512];

	if (eas_json_platform_load(buf, len, k, opts, jp, &d)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&d, path, msg, sizeof(msg)));
		return -1;
	}
	return 0;
}

int eas_cmd_place(int argc, char **argv)
{
	static const struct eas_cli_cmd cmd = { "place", place_usage };
	const char *files[2] = { NULL, NULL }, *karg = NULL;
	struct eas_json_platform jp;
	struct eas_place_candidate *cand = NULL;
	struct eas_place_step *steps = NULL;
	struct eas_place_steps st;
	uint32_t max_steps;
	struct eas_place_result res;
	struct eas_scenario sc;
	struct eas_json_diag d;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	enum eas_kernel k = EAS_KERNEL_DEFAULT, k0;
	char *pbuf = NULL, *sbuf = NULL, msg[512];
	size_t plen = 0, slen = 0;
	int nf = 0, i, ret = EAS_EXIT_INPUT, json = 0, expect = 0;
	uint32_t opts = 0;

	for (i = 1; i < argc; i++) {
		int r;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			place_usage(stdout);
			return EAS_EXIT_OK;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--expect")) {
			expect = 1;
		} else if (!strcmp(argv[i], "--em-scale-power")) {
			opts |= EAS_OPT_V54_EM_SCALE_POWER;
		} else if ((r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--kernel", "-k", &karg)) ||
			   (r = eas_cli_common_opt(&cmd, argc, argv, &i))) {
			if (r < 0)
				return EAS_EXIT_USAGE;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return eas_cli_usage_error(&cmd, "unknown option '%s'",
						   argv[i]);
		} else if (nf < 2) {
			files[nf++] = argv[i];
		} else {
			return eas_cli_usage_error(
				&cmd,
				"unexpected argument '%s' (expected "
				"PLATFORM and SCENARIO only)",
				argv[i]);
		}
	}
	if (nf != 2)
		return eas_cli_usage_error(&cmd, "missing %s",
					   nf ? "SCENARIO" :
						"PLATFORM and "
						"SCENARIO");
	if (karg && eas_cli_parse_kernel(&cmd, karg, &k))
		return EAS_EXIT_USAGE;
	if (expect && json)
		return eas_cli_usage_error(&cmd,
					   "--json and --expect conflict: "
					   "--expect prints one line per "
					   "scenario");
	if (expect)
		return eas_cli_place_expect(files[0], files[1], karg, k, opts);
	pbuf = eas_cli_read_file(files[0], &plen);
	if (!pbuf)
		return EAS_EXIT_INPUT;
	sbuf = eas_cli_read_file(files[1], &slen);
	if (!sbuf) {
		free(pbuf);
		return EAS_EXIT_INPUT;
	}
	/* the CPU count does not depend on the flavour: load once to learn
	 * it, then again if the scenario asks for another flavour */
	k0 = k;
	if (load_platform(files[0], pbuf, plen, k0, 0, &jp)) {
		eas_cli_hint_swapped("place", files[0], pbuf, "platform",
				     "PLATFORM SCENARIO");
		goto out_bufs;
	}
	if (eas_json_scenario_load(sbuf, slen, jp.pf.nr_cpus, &sc, &d)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&d, files[1], msg, sizeof(msg)));
		eas_cli_hint_swapped("place", files[1], sbuf, "scenario",
				     "PLATFORM SCENARIO");
		eas_json_platform_free(&jp);
		goto out_bufs;
	}
	if (eas_cli_check_platform("place", files[1], sc.platform, files[0],
				   jp.name)) {
		eas_json_platform_free(&jp);
		goto out_sc;
	}
	if (!karg && sc.has_kernel)
		k = sc.kernel;
	if ((opts & EAS_OPT_V54_EM_SCALE_POWER) && k != EAS_KERNEL_V5_4) {
		eas_cli_usage_error(&cmd, "--em-scale-power applies to kernel "
					  "v5.4 only");
		ret = EAS_EXIT_USAGE;
		eas_json_platform_free(&jp);
		goto out_sc;
	}
	if (k != k0 || opts) {
		eas_json_platform_free(&jp);
		if (load_platform(files[0], pbuf, plen, k, opts, &jp))
			goto out_sc;
	}
	cand = calloc(EAS_PLACE_MAX_CANDIDATES(jp.pf.nr_pds) + 1u,
		      sizeof(*cand));
	max_steps = EAS_PLACE_MAX_STEPS(jp.pf.nr_cpus, jp.pf.nr_levels);
	steps = calloc(max_steps, sizeof(*steps));
	if (!cand || !steps) {
		fprintf(stderr, "eas: out of memory\n");
		goto out_cand;
	}
	eas_scenario_system(&sc, &jp.pf, &sys);
	p = sc.task;
	w = sc.waker;
	memset(&res, 0, sizeof(res));
	res.feec.candidates = cand;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(jp.pf.nr_pds);
	memset(&st, 0, sizeof(st));
	st.steps = steps;
	st.max_steps = max_steps;
	if (eas_select_task_rq_fair_explain(&sys, &p, &w, sc.wake_flags, &res,
					    &st) < 0) {
		fprintf(stderr, "eas: %s: placement failed\n", files[1]);
		goto out_cand;
	}
	if (json) {
		if (print_json(stdout, &jp.pf, &sc, &res, &st, &p))
			goto out_cand;
	} else
		print_table(stdout, &jp.pf, &sc, &res, &st);
	ret = EAS_EXIT_OK;
out_cand:
	free(cand);
	free(steps);
	eas_json_platform_free(&jp);
out_sc:
	eas_scenario_free(&sc);
out_bufs:
	free(pbuf);
	free(sbuf);
	return ret;
}
