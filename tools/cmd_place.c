/* SPDX-License-Identifier: MIT */
/*
 * eas place PLATFORM SCENARIO [--kernel K] [--json]
 *
 * Runs select_task_rq_fair() (wake-up, fork or exec placement) of one
 * kernel flavour on the instant a scenario file describes, and explains
 * it: the chosen CPU, the path, and for the energy-aware path every
 * candidate CPU with its energy delta in the order the kernel computed
 * them (docs/formats.md §3-4, docs/placement.md).
 */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void place_usage(FILE *f)
{
	fprintf(f,
		"usage: eas place PLATFORM SCENARIO [--kernel K] [--json] "
		"[--em-scale-power]\n"
		"\n"
		"Run the kernel's wake-up placement (select_task_rq_fair) for\n"
		"the task and instant described by SCENARIO\n"
		"(libeas-scenario/1) on PLATFORM (libeas-platform/1).\n"
		"\n"
		"  --kernel K   v5.4 or v6.19 (default: the scenario's \"kernel\",\n"
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

static void json_u64_or_null(FILE *f, const char *key, uint64_t v)
{
	fprintf(f, ",\"%s\":", key);
	if (v == UINT64_MAX)
		fputs("null", f);
	else
		fprintf(f, "%" PRIu64, v);
}

static void print_json(FILE *f, const struct eas_platform *pf,
		       const struct eas_scenario *sc,
		       const struct eas_place_result *r,
		       const struct eas_task *p_after)
{
	const struct eas_feec_result *fe = &r->feec;
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint32_t i;

	fprintf(f, "{\"cpu\":%d,\"path\":", r->cpu);
	eas_cli_json_string(f, eas_place_path_name(r->path));
	fputs(",\"eas\":", f);
	if (!r->eas_entered) {
		fputs("null", f);
	} else {
		fprintf(f, "{\"overutilized\":%s,\"result\":%d,\"reason\":",
			fe->overutilized ? "true" : "false", fe->cpu);
		eas_cli_json_string(f, eas_feec_reason_name(fe->reason));
		fprintf(f, ",\"base_energy\":%" PRIu64, fe->base_energy);
		json_u64_or_null(f, "prev_delta", fe->prev_delta);
		json_u64_or_null(f, "best_delta", fe->best_delta);
		if (v54 && fe->prev_delta != UINT64_MAX)
			fprintf(f, ",\"margin\":%" PRIu64, fe->margin);
		if (!v54)
			fprintf(f,
				",\"prev_fits\":%d,\"best_fits\":%d"
				",\"task_busy_time\":%" PRIu64,
				fe->prev_fits, fe->best_fits,
				fe->task_busy_time);
		fputs(",\"candidates\":[", f);
		for (i = 0; i < fe->nr_candidates; i++) {
			const struct eas_place_candidate *c =
				&fe->candidates[i];

			fprintf(f,
				"%s\n  {\"cpu\":%d,\"perf_domain\":%" PRIu32
				",\"delta\":%" PRIu64 ",\"energy\":%" PRIu64
				",\"base_energy\":%" PRIu64
				",\"spare_cap\":%" PRId64 ",\"prev\":%s",
				i ? "," : "", c->cpu, c->perf_domain, c->delta,
				c->energy, c->base_energy, c->spare_cap,
				c->is_prev ? "true" : "false");
			if (!v54)
				fprintf(f, ",\"fits\":%d", c->fits);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs(",\n \"kernel\":", f);
	eas_cli_json_string(f, eas_kernel_name(pf->kernel));
	fputs(",\"wake\":", f);
	eas_cli_json_string(f, wake_name(sc->wake_flags));
	fprintf(f,
		",\"prev_cpu\":%d,\"waker_cpu\":%d,\"overutilized\":%s"
		",\"sync\":%s,\"want_affine\":%s,\"wake_wide\":%s",
		sc->task.prev_cpu, sc->waker.cpu,
		r->overutilized ? "true" : "false", r->sync ? "true" : "false",
		r->want_affine ? "true" : "false",
		r->wake_wide ? "true" : "false");
	if (v54)
		fprintf(f, ",\"wake_cap\":%s", r->wake_cap ? "true" : "false");
	fputs(",\"affine_cpu\":", f);
	if (r->affine_cpu >= 0)
		fprintf(f, "%d", r->affine_cpu);
	else
		fputs("null", f);
	fputs(",\"sd_level\":", f);
	if (r->sd_level >= 0)
		eas_cli_json_string(f, pf->levels[r->sd_level].name);
	else
		fputs("null", f);
	fprintf(f, ",\"recent_used_cpu\":%d}\n", p_after->recent_used_cpu);
}

static void print_table(FILE *f, const struct eas_platform *pf,
			const struct eas_scenario *sc,
			const struct eas_place_result *r)
{
	const struct eas_feec_result *fe = &r->feec;
	bool v54 = pf->kernel == EAS_KERNEL_V5_4;
	uint32_t i;

	fprintf(f,
		"kernel %s, %s of a task last on CPU %d, waker on CPU %d%s\n",
		eas_kernel_name(pf->kernel), wake_name(sc->wake_flags),
		sc->task.prev_cpu, sc->waker.cpu, r->sync ? " (sync)" : "");
	fprintf(f, "chosen CPU: %d   path: %s\n", r->cpu,
		eas_place_path_name(r->path));
	fprintf(f, "overutilized: %s\n", r->overutilized ? "yes" : "no");
	if (r->eas_entered) {
		fprintf(f, "find_energy_efficient_cpu: %d (%s)\n", fe->cpu,
			eas_feec_reason_name(fe->reason));
		if (fe->nr_candidates) {
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
		fputc('\n', f);
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
	struct eas_place_result res;
	struct eas_scenario sc;
	struct eas_json_diag d;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	enum eas_kernel k = EAS_KERNEL_DEFAULT, k0;
	char *pbuf = NULL, *sbuf = NULL, msg[512];
	size_t plen = 0, slen = 0;
	int nf = 0, i, ret = EAS_EXIT_INPUT, json = 0;
	uint32_t opts = 0;

	for (i = 1; i < argc; i++) {
		int r;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			place_usage(stdout);
			return EAS_EXIT_OK;
		} else if (!strcmp(argv[i], "--json")) {
			json = 1;
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
	if (!cand) {
		fprintf(stderr, "eas: out of memory\n");
		goto out_pf;
	}
	eas_scenario_system(&sc, &jp.pf, &sys);
	p = sc.task;
	w = sc.waker;
	memset(&res, 0, sizeof(res));
	res.feec.candidates = cand;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(jp.pf.nr_pds);
	if (eas_select_task_rq_fair(&sys, &p, &w, sc.wake_flags, &res) < 0) {
		fprintf(stderr, "eas: %s: placement failed\n", files[1]);
		goto out_cand;
	}
	if (json)
		print_json(stdout, &jp.pf, &sc, &res, &p);
	else
		print_table(stdout, &jp.pf, &sc, &res);
	ret = EAS_EXIT_OK;
out_cand:
	free(cand);
out_pf:
	eas_json_platform_free(&jp);
out_sc:
	eas_scenario_free(&sc);
out_bufs:
	free(pbuf);
	free(sbuf);
	return ret;
}
