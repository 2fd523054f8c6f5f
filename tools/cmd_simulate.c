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
#include <libeas/policy.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <errno.h>
#include <inttypes.h>
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
		"  --kernel K            v5.4, v6.19 or v7.1 (default v6.19)\n"
		"  --em-scale-power      v5.4 only: the 5.4.y / 64-bit EM cost\n"
		"                        (fmax * P * 1000 / f) in placement\n"
		"  --no-eas              energy-aware placement off (sched_energy_aware\n"
		"                        = 0); energy is still accounted with the EM\n"
		"  --policy P            the placement policy: eas (default), no-eas\n"
		"                        (= --no-eas) or FILE.so, a plugin exporting\n"
		"                        eas_policy_entry() (docs/policy.md)\n"
		"  --compare P,P,...     run the workload once per policy and print\n"
		"                        them side by side (with --json one\n"
		"                        {\"compare\": [...]} document; --svg overlays)\n"
		"  --decisions FILE      write one JSON line per placement: the\n"
		"                        policy's CPU and what EAS would have chosen\n"
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
		"  --timeline FILE       write every context switch as a line\n"
		"                        \"TIME_NS CPU PREV NEXT\" (one CPU: grep\n"
		"                        its column)\n"
		"  --svg FILE            write a plot (utilisation, frequency, energy)\n"
		"  --oracle              also report how far EAS's placement is from\n"
		"                        the optimal one (steady periodic CFS\n"
		"                        workloads; branch and bound)\n"
		"  --strict              refuse what rt-app tolerates (duplicate\n"
		"                        keys, keys rt-app ignores) instead of\n"
		"                        warning on stderr\n"
		"  --seed N              accepted for scripts; the simulator is\n"
		"                        deterministic and uses no randomness\n"
		"  --max-input-bytes N   refuse input files larger than N bytes\n"
		"                        (default 67108864 = 64 MiB)\n"
		"  --help                this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
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

/* eas_rtapp_load_opts.warn: one line on stderr per workload warning. */
static void print_warning(void *ctx, const struct eas_json_diag *d)
{
	char msg[512];

	fprintf(stderr, "eas simulate: warning: %s\n",
		eas_json_diag_format(d, ctx, msg, sizeof(msg)));
}

static const struct eas_cli_cmd sim_cmd = { "simulate", sim_usage };

/*
 * --duration S / --duration-ms MS: a positive integer whose nanoseconds
 * (unit_ns each) are at most EAS_SIM_MAX_DURATION_NS. An integer that
 * overflows or exceeds that is refused as "more than the maximum"; 0 and
 * non-integers get the common argument error.
 */
static int parse_duration(const char *opt, const char *v, uint64_t unit_ns,
			  uint64_t *out_ns)
{
	uint64_t max = EAS_SIM_MAX_DURATION_NS / unit_ns, x;
	unsigned long long big;
	char *end;

	if (v && v[0] >= '0' && v[0] <= '9') {
		errno = 0;
		big = strtoull(v, &end, 10);
		if (!*end && (errno == ERANGE || big > max)) {
			eas_cli_usage_error(
				&sim_cmd,
				"%s %s: more than the maximum %" PRIu64
				" (%llu s of simulated time)",
				opt, v, max,
				EAS_SIM_MAX_DURATION_NS / 1000000000ull);
			return -1;
		}
	}
	if (eas_cli_parse_u64(&sim_cmd, opt, v, 1, max, &x))
		return -1;
	*out_ns = x * unit_ns;
	return 0;
}

/* The numeric options: their values as given (repeats with another value
 * are refused by eas_cli_value_opt()). */
enum { O_DURATION, O_DURATION_MS, O_HZ, O_RATE, O_MIGR, O_SEED, O_NR };
static const char *const num_opts[O_NR] = {
	"--duration",	   "--duration-ms",	  "--hz",
	"--rate-limit-us", "--migration-cost-us", "--seed",
};

/* --active-balance all: one run per mechanism, compared. */
/* eas_sim_run() stopped at a fork past rt-app's limit (docs/rtapp.md) */
static void fork_limit_msg(const char *wfile)
{
	fprintf(stderr,
		"eas simulate: %s: a fork event went past rt-app's limit "
		"(1024 forks of one thread description, or %u threads in "
		"all): rt-app exits there, and so did the simulation (the "
		"results cover the run up to that point)\n",
		wfile, EAS_RTAPP_MAX_INSTANCES);
}

static int run_all(const struct eas_json_platform *jp,
		   const struct eas_rtapp_workload *w,
		   const struct eas_sim_config *cfg0, const char *wfile,
		   bool json)
{
	struct eas_sim *sims[EAS_MECH_COUNT] = { NULL };
	struct eas_sim_config cfg = *cfg0;
	char err[512];
	int m, e, rc = EAS_EXIT_OK;

	for (m = 0; m < EAS_MECH_COUNT; m++) {
		cfg.ab_mech = (enum eas_mech)m;
		sims[m] = eas_sim_create(jp, w, &cfg, &e, err, sizeof(err));
		if (!sims[m]) {
			fprintf(stderr, "eas simulate: %s: %s\n", wfile, err);
			rc = EAS_EXIT_INPUT;
			goto out;
		}
		if (eas_sim_run(sims[m], 0) == EAS_ERANGE) {
			fork_limit_msg(wfile);
			rc = EAS_EXIT_INPUT;
		}
	}
	if (cfg.progress)
		fputs("\r\033[K", stderr);
	eas_sim_write_compare(sims, EAS_MECH_COUNT, stdout, json);
out:
	for (m = 0; m < EAS_MECH_COUNT; m++)
		eas_sim_free(sims[m]);
	return rc;
}

/* Most policies of one --compare. */
#define MAX_COMPARE 16

/*
 * --compare P,P,...: one run per policy, side by side (a table, or with
 * json {"compare": [...]}); sf: the runs overlaid in one SVG.
 */
static int run_compare(const struct eas_json_platform *jp,
		       const struct eas_rtapp_workload *w,
		       const struct eas_sim_config *cfg0, const char *wfile,
		       const char *list, bool json, FILE *sf,
		       const char *svg_path)
{
	struct eas_sim *sims[MAX_COMPARE] = { NULL };
	void *handles[MAX_COMPARE] = { NULL };
	const struct eas_policy *pols[MAX_COMPARE];
	struct eas_sim_config cfg = *cfg0;
	char *specs = strdup(list), *tok, *save = NULL;
	char err[512];
	uint32_t n = 0, i;
	int e, rc = EAS_EXIT_OK;

	if (!specs)
		return EAS_EXIT_INPUT;
	/* every policy is loaded before any run: a bad plugin costs no time */
	for (tok = strtok_r(specs, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		pols[n] =
			eas_policy_load(tok, &handles[n], &e, err, sizeof(err));
		if (!pols[n]) {
			fprintf(stderr, "eas simulate: --compare: %s\n", err);
			rc = EAS_EXIT_INPUT;
			goto out;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		cfg.policy = pols[i];
		sims[i] = eas_sim_create(jp, w, &cfg, &e, err, sizeof(err));
		if (!sims[i]) {
			fprintf(stderr, "eas simulate: %s: %s\n", wfile, err);
			rc = EAS_EXIT_INPUT;
			goto out;
		}
		if (eas_sim_run(sims[i], 0) == EAS_ERANGE) {
			fork_limit_msg(wfile);
			rc = EAS_EXIT_INPUT;
		}
	}
	if (cfg.progress)
		fputs("\r\033[K", stderr);
	eas_sim_write_policy_compare(sims, n, stdout, json);
	if (sf && eas_sim_write_svg_overlay(sims, n, sf)) {
		fprintf(stderr, "eas simulate: cannot write %s\n", svg_path);
		rc = EAS_EXIT_INPUT;
	}
out:
	for (i = 0; i < n; i++) {
		eas_sim_free(sims[i]);
		eas_policy_unload(handles[i]);
	}
	free(specs);
	return rc;
}

/* --compare's list: 1..MAX_COMPARE non-empty specs. */
static int check_compare(const char *list)
{
	uint32_t n = 1;
	const char *c;

	if (!*list || list[0] == ',' || list[strlen(list) - 1] == ',' ||
	    strstr(list, ",,"))
		return eas_cli_usage_error(
			&sim_cmd,
			"--compare: expected a comma-separated list of "
			"policies (eas, no-eas, FILE.so), got '%s'",
			list);
	for (c = list; *c; c++)
		n += *c == ',';
	if (n > MAX_COMPARE)
		return eas_cli_usage_error(
			&sim_cmd, "--compare: at most %u policies, got %u",
			MAX_COMPARE, n);
	return 0;
}

int eas_cmd_simulate(int argc, char **argv)
{
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	struct eas_sim_config cfg;
	const char *files[2] = { NULL, NULL };
	const char *trace_path = NULL, *svg_path = NULL, *karg = NULL;
	const char *dat_path = NULL, *tl_path = NULL;
	const char *policy_arg = NULL, *compare_arg = NULL, *dec_path = NULL;
	void *policy_handle = NULL;
	const char *ab_arg = NULL, *num[O_NR] = { NULL };
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
	char msg[512], err[512];
	int rc = EAS_EXIT_INPUT, e, i;
	uint64_t v;
	FILE *tf = NULL, *sf = NULL, *df = NULL, *decf = NULL, *tlf = NULL;
	bool no_eas_opt = false;

	memset(&cfg, 0, sizeof(cfg));
	memset(&lopts, 0, sizeof(lopts));
	memset(&jp, 0, sizeof(jp));
	memset(&w, 0, sizeof(w));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		int r = 0, o;

		for (o = 0; o < O_NR && !r; o++)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      num_opts[o], NULL, &num[o]);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--kernel", "-k", &karg);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--active-balance", NULL,
					      &ab_arg);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--trace", NULL, &trace_path);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--trace-dat", NULL, &dat_path);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--timeline", NULL, &tl_path);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i, "--svg",
					      NULL, &svg_path);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--policy", NULL, &policy_arg);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--compare", NULL, &compare_arg);
		if (!r)
			r = eas_cli_value_opt(&sim_cmd, argc, argv, &i,
					      "--decisions", NULL, &dec_path);
		if (!r)
			r = eas_cli_common_opt(&sim_cmd, argc, argv, &i);
		if (r < 0)
			return EAS_EXIT_USAGE;
		if (r > 0)
			continue;
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
			no_eas_opt = true;
		} else if (!strcmp(a, "--em-scale-power")) {
			opts |= EAS_OPT_V54_EM_SCALE_POWER;
		} else if (a[0] == '-' && a[1]) {
			return eas_cli_usage_error(&sim_cmd,
						   "unknown option '%s'", a);
		} else if (nfiles < 2) {
			files[nfiles++] = a;
		} else {
			return eas_cli_usage_error(
				&sim_cmd,
				"unexpected argument '%s' (expected PLATFORM "
				"and WORKLOAD only)",
				a);
		}
	}
	if (karg && eas_cli_parse_kernel(&sim_cmd, karg, &k))
		return EAS_EXIT_USAGE;
	if (ab_arg && !strcmp(ab_arg, "all"))
		all = true;
	else if (ab_arg && eas_sim_ab_mech_parse(ab_arg, &cfg.ab_mech))
		return eas_cli_usage_error(
			&sim_cmd,
			"--active-balance: expected stopper, balance_callback, "
			"fifo1_thread or all, got '%s'",
			ab_arg);
	if (num[O_DURATION] && num[O_DURATION_MS])
		return eas_cli_usage_error(
			&sim_cmd, "--duration and --duration-ms conflict: give "
				  "one");
	if (num[O_DURATION] && parse_duration("--duration", num[O_DURATION],
					      1000000000ull, &cfg.duration_ns))
		return EAS_EXIT_USAGE;
	if (num[O_DURATION_MS] &&
	    parse_duration("--duration-ms", num[O_DURATION_MS], 1000000ull,
			   &cfg.duration_ns))
		return EAS_EXIT_USAGE;
	if (num[O_HZ]) {
		if (eas_cli_parse_u64(&sim_cmd, "--hz", num[O_HZ], 1, 10000,
				      &v))
			return EAS_EXIT_USAGE;
		cfg.hz = (uint32_t)v;
	}
	if (num[O_RATE]) {
		if (eas_cli_parse_u64(&sim_cmd, "--rate-limit-us", num[O_RATE],
				      1, UINT64_MAX / 1000u, &v))
			return EAS_EXIT_USAGE;
		cfg.rate_limit_ns = v * 1000u;
	}
	if (num[O_MIGR]) {
		if (eas_cli_parse_u64(&sim_cmd, "--migration-cost-us",
				      num[O_MIGR], 1, UINT64_MAX / 1000u, &v))
			return EAS_EXIT_USAGE;
		cfg.migration_cost_ns = v * 1000u;
	}
	if (num[O_SEED] && eas_cli_parse_u64(&sim_cmd, "--seed", num[O_SEED], 0,
					     UINT64_MAX, &v))
		return EAS_EXIT_USAGE;
	if ((trace_path && svg_path && !strcmp(trace_path, svg_path)) ||
	    (trace_path && dat_path && !strcmp(trace_path, dat_path)) ||
	    (svg_path && dat_path && !strcmp(svg_path, dat_path)))
		return eas_cli_usage_error(
			&sim_cmd,
			"--trace, --trace-dat and --svg name the same file");
	if (dec_path && ((trace_path && !strcmp(dec_path, trace_path)) ||
			 (dat_path && !strcmp(dec_path, dat_path)) ||
			 (svg_path && !strcmp(dec_path, svg_path))))
		return eas_cli_usage_error(
			&sim_cmd, "--decisions names the same file as --trace, "
				  "--trace-dat or --svg");
	if (policy_arg && compare_arg)
		return eas_cli_usage_error(
			&sim_cmd, "--policy and --compare conflict: --compare "
				  "names every policy");
	if (no_eas_opt &&
	    (compare_arg || (policy_arg && strcmp(policy_arg, "no-eas"))))
		return eas_cli_usage_error(
			&sim_cmd, "--no-eas is --policy no-eas: give one "
				  "policy (or list no-eas in --compare)");
	if (compare_arg && check_compare(compare_arg))
		return EAS_EXIT_USAGE;
	if (compare_arg && (all || trace_path || dat_path))
		return eas_cli_usage_error(
			&sim_cmd, "--compare needs a single --active-balance "
				  "mechanism and no --trace / --trace-dat");
	if (all && (policy_arg || dec_path))
		return eas_cli_usage_error(
			&sim_cmd, "--policy and --decisions need a single "
				  "--active-balance mechanism");
	if (tl_path && ((trace_path && !strcmp(tl_path, trace_path)) ||
			(svg_path && !strcmp(tl_path, svg_path)) ||
			(dat_path && !strcmp(tl_path, dat_path))))
		return eas_cli_usage_error(
			&sim_cmd, "--timeline names the same file as another "
				  "output");
	if (all && tl_path)
		return eas_cli_usage_error(
			&sim_cmd,
			"--timeline needs a single --active-balance mechanism");
	if (tl_path &&
	    (compare_arg || (dec_path && !strcmp(tl_path, dec_path))))
		return eas_cli_usage_error(
			&sim_cmd,
			"--timeline needs a single run (no --compare) "
			"and its own file (not --decisions')");
	if (all && (trace_path || svg_path || dat_path))
		return eas_cli_usage_error(
			&sim_cmd,
			"--trace, --trace-dat and --svg need a single "
			"--active-balance mechanism");
	if (opts && k != EAS_KERNEL_V5_4)
		return eas_cli_usage_error(
			&sim_cmd,
			"--em-scale-power applies to --kernel v5.4 only");
	if (nfiles == 1)
		return eas_cli_usage_error(
			&sim_cmd,
			"give both PLATFORM and WORKLOAD, or neither");
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
		eas_cli_hint_swapped("simulate", files[0], pbuf, "platform",
				     "PLATFORM WORKLOAD");
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
	/* both outputs are opened before the run: a path that cannot be
	 * written is refused before any time is spent */
	if (trace_path) {
		tf = eas_cli_open_output("simulate", "--trace", trace_path);
		if (!tf)
			goto out;
		cfg.trace = tf;
	}
	if (tl_path) {
		tlf = eas_cli_open_output("simulate", "--timeline", tl_path);
		if (!tlf)
			goto out;
		cfg.timeline = tlf;
	}
	if (dat_path) {
		df = eas_cli_open_output("simulate", "--trace-dat", dat_path);
		if (!df)
			goto out;
		cfg.trace_dat = df;
	}
	if (svg_path) {
		sf = eas_cli_open_output("simulate", "--svg", svg_path);
		if (!sf)
			goto out;
	}
	if (dec_path) {
		decf = eas_cli_open_output("simulate", "--decisions", dec_path);
		if (!decf)
			goto out;
		cfg.decisions = decf;
	}
	if (policy_arg) {
		cfg.policy = eas_policy_load(policy_arg, &policy_handle, &e,
					     msg, sizeof(msg));
		if (!cfg.policy) {
			fprintf(stderr, "eas simulate: --policy: %s\n", msg);
			goto out;
		}
	}
	if (svg_path)
		cfg.svg_samples = 1000;
	if (isatty(STDERR_FILENO))
		cfg.progress = progress;
	if (all) {
		rc = run_all(&jp, &w, &cfg, files[1], json);
		goto out;
	}
	if (compare_arg) {
		rc = run_compare(&jp, &w, &cfg, files[1], compare_arg, json, sf,
				 svg_path);
		if (sf && fclose(sf)) {
			fprintf(stderr, "eas simulate: error writing %s\n",
				svg_path);
			rc = EAS_EXIT_INPUT;
		}
		sf = NULL;
		goto out;
	}
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "eas simulate: %s: %s\n", files[1], err);
		goto out;
	}
	e = eas_sim_run(s, 0);
	if (cfg.progress)
		fputs("\r\033[K", stderr);
	if (json)
		eas_sim_write_json(s, stdout);
	else
		eas_sim_write_summary(s, stdout);
	rc = EAS_EXIT_OK;
	if (e == EAS_ERANGE) {
		fork_limit_msg(files[1]);
		rc = EAS_EXIT_INPUT;
	}
	if (sf) {
		if (eas_sim_write_svg(s, sf)) {
			fprintf(stderr, "eas simulate: cannot write %s\n",
				svg_path);
			rc = EAS_EXIT_INPUT;
		}
		if (fclose(sf)) {
			fprintf(stderr, "eas simulate: error writing %s\n",
				svg_path);
			rc = EAS_EXIT_INPUT;
		}
		sf = NULL;
	}
	eas_sim_free(s);
out:
	if (sf)
		fclose(sf);
	if (tf && fclose(tf)) {
		fprintf(stderr, "eas simulate: error writing %s\n", trace_path);
		rc = EAS_EXIT_INPUT;
	}
	if (df && fclose(df)) {
		fprintf(stderr, "eas simulate: error writing %s\n", dat_path);
		rc = EAS_EXIT_INPUT;
	}
	if (decf && fclose(decf)) {
		fprintf(stderr, "eas simulate: error writing %s\n", dec_path);
		rc = EAS_EXIT_INPUT;
	}
	eas_policy_unload(policy_handle);
	if (tlf && fclose(tlf)) {
		fprintf(stderr, "eas simulate: error writing %s\n", tl_path);
		rc = EAS_EXIT_INPUT;
	}
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	free(pbuf);
	free(wbuf);
	return rc;
}
