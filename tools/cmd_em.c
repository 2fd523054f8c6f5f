/* SPDX-License-Identifier: MIT */
/*
 * eas em PLATFORM [--kernel K] [--json]
 *
 * Loads a platform file for one kernel flavour and prints what the kernel
 * would have registered: each CPU's capacity and perf domain, each perf
 * domain's table (frequency, power in the flavour's unit, v6.19
 * performance, cost, v6.19 inefficient flag) and whether energy-aware
 * scheduling would run (docs/formats.md §4).
 */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void em_usage(FILE *f)
{
	fprintf(f,
		"usage: eas em PLATFORM [--kernel K] [--json] [--em-scale-power]\n"
		"\n"
		"Print the energy model and CPU capacities that kernel K builds\n"
		"from the platform file PLATFORM (format libeas-platform/1).\n"
		"\n"
		"  --kernel K   v5.4, v6.19 or v7.1 (default v6.19)\n"
		"  --json       one JSON document on stdout instead of a table\n"
		"  --em-scale-power\n"
		"               v5.4 only: the 5.4.y-stable 64-bit EM precision\n"
		"               backport, cost = fmax * (P * 1000) / f\n"
		"  --max-input-bytes N\n"
		"               refuse input files larger than N bytes\n"
		"               (default 67108864 = 64 MiB)\n"
		"  --help       this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

static void print_json(FILE *f, const struct eas_json_platform *jp)
{
	const struct eas_platform *pf = &jp->pf;
	bool v619 = pf->kernel != EAS_KERNEL_V5_4;

	fprintf(f, "{\"kernel\":");
	eas_cli_json_string(f, eas_kernel_name(pf->kernel));
	fprintf(f, ",\"eas_possible\":%s,\"eas_reason\":",
		pf->eas_possible ? "true" : "false");
	if (pf->eas_possible)
		fputs("null", f);
	else
		eas_cli_json_string(f, eas_off_reason_name(pf->eas_reason));
	fputs(",\n \"cpus\":[", f);
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		fprintf(f,
			"%s\n  {\"cpu\":%" PRIu32 ",\"capacity\":%" PRIu64
			",\"perf_domain\":%" PRIu32 "}",
			c ? "," : "", c, pf->cpus[c].capacity, pf->cpus[c].pd);
	fputs("],\n \"perf_domains\":[", f);
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];

		fprintf(f, "%s\n  {\"id\":%" PRIu32 ",\"cpus\":[", p ? "," : "",
			pd->id);
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			fprintf(f, "%s%" PRIu32, i ? "," : "", pd->cpus[i]);
		fputs("],\"states\":[", f);
		for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
			const struct eas_perf_state *ps = &pd->table[s];

			fprintf(f,
				"%s\n    {\"frequency_khz\":%" PRIu64
				",\"power\":%" PRIu64 ",\"power_unit\":\"%s\"",
				s ? "," : "", ps->frequency, ps->power,
				v619 ? "uW" : "mW");
			if (v619)
				fprintf(f, ",\"performance\":%" PRIu64,
					ps->performance);
			fprintf(f, ",\"cost\":%" PRIu64, ps->cost);
			if (v619)
				fprintf(f, ",\"inefficient\":%s",
					(ps->flags &
					 EAS_PERF_STATE_INEFFICIENT) ?
						"true" :
						"false");
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
}

/* "0-3,5" style CPU list. */
static void print_cpulist(FILE *f, const uint32_t *cpus, uint32_t n)
{
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i;

		while (j + 1 < n && cpus[j + 1] == cpus[j] + 1)
			j++;
		if (j > i)
			fprintf(f, "%s%" PRIu32 "-%" PRIu32, i ? "," : "",
				cpus[i], cpus[j]);
		else
			fprintf(f, "%s%" PRIu32, i ? "," : "", cpus[i]);
		i = j + 1;
	}
}

static void print_table(FILE *f, const struct eas_json_platform *jp)
{
	const struct eas_platform *pf = &jp->pf;
	bool v619 = pf->kernel != EAS_KERNEL_V5_4;

	fprintf(f, "platform %s, kernel %s: ", jp->name[0] ? jp->name : "-",
		eas_kernel_name(pf->kernel));
	if (pf->eas_possible)
		fprintf(f, "energy-aware scheduling possible\n");
	else
		fprintf(f, "energy-aware scheduling off (%s)\n",
			eas_off_reason_name(pf->eas_reason));
	fprintf(f, "\n  CPU  capacity  perf_domain\n");
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		fprintf(f, "  %3" PRIu32 "  %8" PRIu64 "  %11" PRIu32 "\n", c,
			pf->cpus[c].capacity, pf->cpus[c].pd);
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];

		fprintf(f, "\nperf domain %" PRIu32, pd->id);
		if (jp->pd_names && jp->pd_names[p][0])
			fprintf(f, " (%s)", jp->pd_names[p]);
		fprintf(f, ": CPUs ");
		print_cpulist(f, pd->cpus, pd->nr_cpus);
		fprintf(f,
			", capacity %" PRIu64 ", cpuinfo.max_freq %" PRIu64
			" kHz\n",
			pd->capacity, pd->max_freq_khz);
		if (!pd->nr_perf_states) {
			fprintf(f, "  no energy model\n");
			continue;
		}
		if (v619)
			fprintf(f, "  %13s  %12s  %11s  %10s  %s\n",
				"frequency_kHz", "power_uW", "performance",
				"cost", "inefficient");
		else
			fprintf(f, "  %13s  %12s  %10s\n", "frequency_kHz",
				"power_mW", "cost");
		for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
			const struct eas_perf_state *ps = &pd->table[s];

			if (v619)
				fprintf(f,
					"  %13" PRIu64 "  %12" PRIu64
					"  %11" PRIu64 "  %10" PRIu64 "  %s\n",
					ps->frequency, ps->power,
					ps->performance, ps->cost,
					(ps->flags &
					 EAS_PERF_STATE_INEFFICIENT) ?
						"yes" :
						"no");
			else
				fprintf(f,
					"  %13" PRIu64 "  %12" PRIu64
					"  %10" PRIu64 "\n",
					ps->frequency, ps->power, ps->cost);
		}
	}
}

int eas_cmd_em(int argc, char **argv)
{
	static const struct eas_cli_cmd cmd = { "em", em_usage };
	const char *file = NULL, *karg = NULL;
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	bool json = false;
	uint32_t opts = 0;
	struct eas_json_platform jp;
	struct eas_json_diag diag;
	char msg[640];
	char *buf;
	size_t len;
	int ret;

	for (int i = 1, r; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			em_usage(stdout);
			return EAS_EXIT_OK;
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--em-scale-power")) {
			opts |= EAS_OPT_V54_EM_SCALE_POWER;
		} else if ((r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--kernel", "-k", &karg)) ||
			   (r = eas_cli_common_opt(&cmd, argc, argv, &i))) {
			if (r < 0)
				return EAS_EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			return eas_cli_usage_error(&cmd, "unknown option '%s'",
						   a);
		} else if (!file) {
			file = a;
		} else {
			return eas_cli_usage_error(
				&cmd,
				"more than one PLATFORM given ('%s' and '%s')",
				file, a);
		}
	}
	if (karg && eas_cli_parse_kernel(&cmd, karg, &k))
		return EAS_EXIT_USAGE;
	if ((opts & EAS_OPT_V54_EM_SCALE_POWER) && k != EAS_KERNEL_V5_4)
		return eas_cli_usage_error(
			&cmd, "--em-scale-power applies to --kernel v5.4 only");
	if (!file)
		return eas_cli_usage_error(&cmd, "missing PLATFORM");
	buf = eas_cli_read_file(file, &len);
	if (!buf)
		return EAS_EXIT_INPUT;
	ret = eas_json_platform_load(buf, len, k, opts, &jp, &diag);
	free(buf);
	if (ret) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&diag, file, msg, sizeof(msg)));
		return EAS_EXIT_INPUT;
	}
	if (json)
		print_json(stdout, &jp);
	else
		print_table(stdout, &jp);
	eas_json_platform_free(&jp);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "eas: write error on stdout\n");
		return EAS_EXIT_INPUT;
	}
	return EAS_EXIT_OK;
}
