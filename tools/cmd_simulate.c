/* SPDX-License-Identifier: MIT */
/*
 * eas simulate [PLATFORM] [WORKLOAD] [options]
 *
 * Runs an rt-app workload on a platform with the libeas simulator
 * (include/libeas/sim.h, docs/simulator.md) and prints a summary, or
 * --json. With no files it runs the embedded default (HiKey960 and a light
 * phone-like mix).
 */
#define _POSIX_C_SOURCE 200809L /* isatty(), strdup() */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void sim_usage(FILE *f)
{
	fprintf(f,
		"usage: eas simulate [PLATFORM] [WORKLOAD] [options]\n"
		"\n"
		"Simulate the rt-app WORKLOAD on PLATFORM (libeas-platform/1) with\n"
		"the kernel's placement, load balancing, schedutil and PELT, and\n"
		"report energy, latency and balance figures. Without files: the\n"
		"embedded default (HiKey960, light phone-like mix, 2 s).\n"
		"\n"
		"  --kernel K            v5.4 or v6.19 (default v6.19)\n"
		"  --em-scale-power      v5.4 only: the 5.4.y / 64-bit EM cost\n"
		"                        (fmax * P * 1000 / f) in placement\n"
		"  --no-eas              energy-aware placement off (sched_energy_aware\n"
		"                        = 0); energy is still accounted with the EM\n"
		"  --active-balance M    stopper | balance_callback | fifo1_thread\n"
		"                        (default stopper), or all: one run per\n"
		"                        mechanism, compared side by side\n"
		"  --duration S          simulated seconds (default: the workload's;\n"
		"                        at most 604800 = 7 days)\n"
		"  --duration-ms MS      simulated milliseconds (at most 604800000)\n"
		"  --hz N                tick rate (default 250)\n"
		"  --rate-limit-us US    schedutil rate limit (default 1000)\n"
		"  --migration-cost-us US  work of one stopper / FIFO-1 run (default 10)\n"
		"  --json                print the results as one JSON document\n"
		"  --trace FILE          write an ftrace text trace (ui.perfetto.dev)\n"
		"  --trace-dat FILE      write the same events as a trace-cmd\n"
		"                        trace.dat (trace-cmd report, KernelShark)\n"
		"  --svg FILE            write a plot (utilisation, frequency, energy)\n"
		"  --oracle              also report how far EAS's placement is from\n"
		"                        the optimal one (steady periodic CFS\n"
		"                        workloads; branch and bound)\n"
		"  --strict              refuse what rt-app tolerates (duplicate\n"
		"                        keys, keys rt-app ignores) instead of\n"
		"                        warning on stderr\n"
		"  --seed N              accepted for scripts; the simulator is\n"
		"                        deterministic and uses no randomness\n"
		"  --help                this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

/* eas_rtapp_load_opts.warn: one line on stderr per workload warning. */
static void print_warning(void *ctx, const struct eas_json_diag *d)
{
	char msg[512];

	fprintf(stderr, "eas simulate: warning: %s\n",
		eas_json_diag_format(d, ctx, msg, sizeof(msg)));
}

static void progress(void *ctx, uint64_t now, uint64_t end)
{
	unsigned pct = end ? (unsigned)(now * 100 / end) : 100;
	unsigned i, bar = pct / 4;

	(void)ctx;
	fputs("\r[", stderr);
	for (i = 0; i < 25; i++)
		fputc(i < bar ? '#' : ' ', stderr);
	fprintf(stderr, "] %3u%%", pct);
	fflush(stderr);
}

static int parse_u64(const char *opt, const char *v, uint64_t *out)
{
	char *end;
	unsigned long long x;

	if (!v || !*v || *v == '-') {
		fprintf(stderr,
			"eas simulate: %s needs a non-negative integer\n", opt);
		return -1;
	}
	x = strtoull(v, &end, 10);
	if (*end) {
		fprintf(stderr, "eas simulate: %s: '%s' is not an integer\n",
			opt, v);
		return -1;
	}
	*out = x;
	return 0;
}

/*
 * --duration S / --duration-ms MS: a positive integer whose nanoseconds
 * (unit_ns each) are at most EAS_SIM_MAX_DURATION_NS; anything else
 * (overflowing, 0, too long) is refused with a message.
 */
static int parse_duration(const char *opt, const char *v, uint64_t unit_ns,
			  uint64_t *out_ns)
{
	uint64_t max = EAS_SIM_MAX_DURATION_NS / unit_ns;
	unsigned long long x;
	char *end;

	if (!v || *v < '0' || *v > '9') {
		fprintf(stderr, "eas simulate: %s needs a positive integer\n",
			opt);
		return -1;
	}
	errno = 0;
	x = strtoull(v, &end, 10);
	if (*end) {
		fprintf(stderr, "eas simulate: %s: '%s' is not an integer\n",
			opt, v);
		return -1;
	}
	if (!x) {
		fprintf(stderr, "eas simulate: %s: must be at least 1\n", opt);
		return -1;
	}
	if (errno == ERANGE || x > max) {
		fprintf(stderr,
			"eas simulate: %s %s: more than the maximum %llu "
			"(%llu s of simulated time)\n",
			opt, v, (unsigned long long)max,
			EAS_SIM_MAX_DURATION_NS / 1000000000ull);
		return -1;
	}
	*out_ns = (uint64_t)x * unit_ns;
	return 0;
}

/* --active-balance all: one run per mechanism, compared. */
static int run_all(const struct eas_json_platform *jp,
		   const struct eas_rtapp_workload *w,
		   const struct eas_sim_config *cfg0, const char *wfile,
		   bool json)
{
	struct eas_sim *sims[EAS_SIM_AB_NR] = { NULL };
	struct eas_sim_config cfg = *cfg0;
	char err[256];
	int m, e, rc = EAS_EXIT_OK;

	for (m = 0; m < EAS_SIM_AB_NR; m++) {
		cfg.ab_mech = (enum eas_sim_ab_mech)m;
		sims[m] = eas_sim_create(jp, w, &cfg, &e, err, sizeof(err));
		if (!sims[m]) {
			fprintf(stderr, "eas simulate: %s: %s\n", wfile, err);
			rc = EAS_EXIT_INPUT;
			goto out;
		}
		eas_sim_run(sims[m], 0);
	}
	if (cfg.progress)
		fputs("\r\033[K", stderr);
	eas_sim_write_compare(sims, EAS_SIM_AB_NR, stdout, json);
out:
	for (m = 0; m < EAS_SIM_AB_NR; m++)
		eas_sim_free(sims[m]);
	return rc;
}

int eas_cmd_simulate(int argc, char **argv)
{
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	struct eas_sim_config cfg;
	const char *files[2] = { NULL, NULL };
	const char *trace_path = NULL, *svg_path = NULL, *dat_path = NULL;
	uint32_t nfiles = 0;
	bool json = false, all = false;
	struct eas_rtapp_load_opts lopts;
	uint32_t opts = 0;
	char *pbuf = NULL, *wbuf = NULL;
	size_t plen, wlen;
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag diag;
	struct eas_sim *s;
	char msg[512], err[256];
	int rc = EAS_EXIT_INPUT, e, i;
	uint64_t v;
	FILE *tf = NULL, *sf = NULL, *df = NULL;

	memset(&cfg, 0, sizeof(cfg));
	memset(&lopts, 0, sizeof(lopts));
	memset(&jp, 0, sizeof(jp));
	memset(&w, 0, sizeof(w));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *nx = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			sim_usage(stdout);
			return EAS_EXIT_OK;
		} else if (!strcmp(a, "--json")) {
			json = true;
		} else if (!strcmp(a, "--oracle")) {
			cfg.oracle = true;
		} else if (!strcmp(a, "--strict")) {
			lopts.strict = true;
		} else if (!strcmp(a, "--no-eas")) {
			cfg.no_eas = true;
		} else if (!strcmp(a, "--em-scale-power")) {
			opts |= EAS_OPT_V54_EM_SCALE_POWER;
		} else if (!strcmp(a, "--kernel") || !strcmp(a, "-k")) {
			if (!nx || eas_cli_parse_kernel(nx, &k))
				goto usage;
			i++;
		} else if (!strncmp(a, "--kernel=", 9)) {
			if (eas_cli_parse_kernel(a + 9, &k))
				goto usage;
		} else if (!strcmp(a, "--active-balance") && nx &&
			   !strcmp(nx, "all")) {
			all = true;
			i++;
		} else if (!strcmp(a, "--active-balance")) {
			if (!nx || eas_sim_ab_mech_parse(nx, &cfg.ab_mech)) {
				fprintf(stderr,
					"eas simulate: --active-balance needs stopper, balance_callback or fifo1_thread\n");
				return EAS_EXIT_USAGE;
			}
			i++;
		} else if (!strcmp(a, "--duration")) {
			if (parse_duration(a, nx, 1000000000ull,
					   &cfg.duration_ns))
				return EAS_EXIT_USAGE;
			i++;
		} else if (!strcmp(a, "--duration-ms")) {
			if (parse_duration(a, nx, 1000000ull, &cfg.duration_ns))
				return EAS_EXIT_USAGE;
			i++;
		} else if (!strcmp(a, "--hz")) {
			if (parse_u64(a, nx, &v) || !v || v > 10000)
				goto usage;
			cfg.hz = (uint32_t)v;
			i++;
		} else if (!strcmp(a, "--rate-limit-us")) {
			if (parse_u64(a, nx, &v) || !v)
				goto usage;
			cfg.rate_limit_ns = v * 1000u;
			i++;
		} else if (!strcmp(a, "--migration-cost-us")) {
			if (parse_u64(a, nx, &v) || !v)
				goto usage;
			cfg.migration_cost_ns = v * 1000u;
			i++;
		} else if (!strcmp(a, "--seed")) {
			if (parse_u64(a, nx, &v))
				goto usage;
			i++;
		} else if (!strcmp(a, "--trace")) {
			if (!nx)
				goto usage;
			trace_path = nx;
			i++;
		} else if (!strcmp(a, "--trace-dat")) {
			if (!nx)
				goto usage;
			dat_path = nx;
			i++;
		} else if (!strcmp(a, "--svg")) {
			if (!nx)
				goto usage;
			svg_path = nx;
			i++;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "eas simulate: unknown option '%s'\n",
				a);
			goto usage;
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			fprintf(stderr, "eas simulate: too many arguments\n");
			goto usage;
		}
	}
	if (all && (trace_path || svg_path || dat_path)) {
		fprintf(stderr,
			"eas simulate: --trace, --trace-dat and --svg need a single --active-balance mechanism\n");
		goto usage;
	}
	if (opts && k != EAS_KERNEL_V5_4) {
		fprintf(stderr,
			"eas simulate: --em-scale-power applies to --kernel v5.4 only\n");
		goto usage;
	}
	if (nfiles == 1) {
		fprintf(stderr,
			"eas simulate: give both PLATFORM and WORKLOAD, or neither\n");
		goto usage;
	}
	if (nfiles == 2) {
		pbuf = eas_cli_read_file(files[0], &plen);
		if (!pbuf)
			return EAS_EXIT_INPUT;
		wbuf = eas_cli_read_file(files[1], &wlen);
		if (!wbuf) {
			free(pbuf);
			return EAS_EXIT_INPUT;
		}
	} else {
		files[0] = "<default platform>";
		files[1] = "<default workload>";
		pbuf = strdup(eas_sim_default_platform());
		wbuf = strdup(eas_sim_default_workload());
		if (!pbuf || !wbuf)
			goto out;
		plen = strlen(pbuf);
		wlen = strlen(wbuf);
	}
	memset(&diag, 0, sizeof(diag));
	e = eas_json_platform_load(pbuf, plen, k, opts, &jp, &diag);
	if (e) {
		fprintf(stderr, "eas simulate: %s\n",
			eas_json_diag_format(&diag, files[0], msg,
					     sizeof(msg)));
		goto out;
	}
	memset(&diag, 0, sizeof(diag));
	lopts.warn = print_warning;
	lopts.warn_ctx = (void *)files[1];
	e = eas_rtapp_load_ex(wbuf, wlen, &lopts, &w, &diag);
	if (e) {
		fprintf(stderr, "eas simulate: %s\n",
			eas_json_diag_format(&diag, files[1], msg,
					     sizeof(msg)));
		goto out;
	}
	if (trace_path) {
		tf = fopen(trace_path, "w");
		if (!tf) {
			fprintf(stderr, "eas simulate: cannot write %s\n",
				trace_path);
			goto out;
		}
		cfg.trace = tf;
	}
	if (dat_path) {
		df = fopen(dat_path, "wb");
		if (!df) {
			fprintf(stderr, "eas simulate: cannot write %s\n",
				dat_path);
			goto out;
		}
		cfg.trace_dat = df;
	}
	if (svg_path)
		cfg.svg_samples = 1000;
	if (isatty(STDERR_FILENO))
		cfg.progress = progress;
	if (all) {
		rc = run_all(&jp, &w, &cfg, files[1], json);
		goto out;
	}
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "eas simulate: %s: %s\n", files[1], err);
		goto out;
	}
	eas_sim_run(s, 0);
	if (cfg.progress)
		fputs("\r\033[K", stderr);
	if (json)
		eas_sim_write_json(s, stdout);
	else
		eas_sim_write_summary(s, stdout);
	rc = EAS_EXIT_OK;
	if (svg_path) {
		sf = fopen(svg_path, "w");
		if (!sf || eas_sim_write_svg(s, sf)) {
			fprintf(stderr, "eas simulate: cannot write %s\n",
				svg_path);
			rc = EAS_EXIT_INPUT;
		}
		if (sf && fclose(sf))
			rc = EAS_EXIT_INPUT;
	}
	eas_sim_free(s);
out:
	if (tf && fclose(tf)) {
		fprintf(stderr, "eas simulate: error writing %s\n", trace_path);
		rc = EAS_EXIT_INPUT;
	}
	if (df && fclose(df)) {
		fprintf(stderr, "eas simulate: error writing %s\n", dat_path);
		rc = EAS_EXIT_INPUT;
	}
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	free(pbuf);
	free(wbuf);
	return rc;
usage:
	sim_usage(stderr);
	return EAS_EXIT_USAGE;
}
