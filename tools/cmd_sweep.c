/* SPDX-License-Identifier: MIT */
/*
 * eas sweep LIST [--shard I/N] [--out FILE] [--duration S | --duration-ms MS]
 *
 * Runs a list of simulation cases (platform x workload x flavour x
 * policy), each as `eas simulate PLATFORM WORKLOAD --kernel K [--no-eas]
 * --json` runs it, and writes one JSON line per case, so that the shards
 * of a sweep (--shard I/N: the cases whose index mod N is I-1) merge by
 * concatenation (docs/formats.md §4, `eas sweep`).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void sweep_usage(FILE *f)
{
	fprintf(f,
		"usage: eas sweep LIST [--shard I/N] [--out FILE] "
		"[--duration S | --duration-ms MS]\n"
		"\n"
		"Run every case of LIST, one per line:\n"
		"  PLATFORM WORKLOAD [KERNEL [POLICY]]\n"
		"(whitespace-separated; KERNEL v5.4, v6.19 or v7.1, default\n"
		"v6.19; POLICY eas or no-eas, default eas; '#' starts a comment;\n"
		"relative paths are taken from LIST's directory), each as\n"
		"`eas simulate PLATFORM WORKLOAD --kernel KERNEL [--no-eas] --json`\n"
		"runs it, and print one JSON line per case: the case's fields\n"
		"and the simulate document as \"result\".\n"
		"\n"
		"  --shard I/N           run only the cases whose index (0-based,\n"
		"                        in LIST order) mod N is I-1 (1 <= I <= N);\n"
		"                        the N shards' outputs concatenated are the\n"
		"                        whole sweep's lines\n"
		"  --out FILE            write the lines to FILE instead of stdout\n"
		"  --duration S          simulated seconds of every case (default:\n"
		"                        each workload's)\n"
		"  --duration-ms MS      simulated milliseconds of every case\n"
		"  --max-input-bytes N   refuse input files larger than N bytes\n"
		"                        (default 67108864 = 64 MiB)\n"
		"  --help                this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input (LIST, or a case that could\n"
		"not run: its line has \"error\"), 2 bad usage.\n");
}

static const struct eas_cli_cmd sweep_cmd = { "sweep", sweep_usage };

/* One case of the LIST. Strings point into the LIST buffer. */
struct sweep_case {
	uint32_t line;	      /* 1-based line of LIST */
	const char *platform; /* as written */
	const char *workload;
	const char *policy; /* as written, or "eas" */
	enum eas_kernel kernel;
};

/* --shard I/N: 0, or -1 after the usage error */
static int parse_shard(const char *v, uint64_t *i, uint64_t *n)
{
	const char *slash = strchr(v, '/');
	char num[32];
	size_t l;

	if (slash && (l = (size_t)(slash - v)) > 0 && l < sizeof(num)) {
		memcpy(num, v, l);
		num[l] = '\0';
		if (num[0] >= '0' && num[0] <= '9' && slash[1] >= '0' &&
		    slash[1] <= '9') {
			char *e1, *e2;
			unsigned long long a = strtoull(num, &e1, 10);
			unsigned long long b = strtoull(slash + 1, &e2, 10);

			if (!*e1 && !*e2 && b >= 1 && b <= UINT32_MAX &&
			    a >= 1 && a <= b) {
				*i = a;
				*n = b;
				return 0;
			}
			if (!*e1 && !*e2 && b >= 1 && b <= UINT32_MAX) {
				eas_cli_usage_error(
					&sweep_cmd,
					"--shard %s: shard %llu of %llu does "
					"not exist (I counts from 1 to N)",
					v, a, b);
				return -1;
			}
		}
	}
	eas_cli_usage_error(&sweep_cmd,
			    "--shard: expected I/N with 1 <= I <= N (shard I "
			    "of N, e.g. 2/8), got '%s'",
			    v);
	return -1;
}

/* Splits LIST (modified in place: fields are NUL-terminated) into cases.
 * 0, or -1 with "eas sweep: LIST:LINE: ..." on stderr. */
static char *resolve(const char *dir, const char *path);
static int sweep_policy_config(const char *spec, const char *dir,
			       struct eas_sim_config *cfg, void **handle,
			       char *err, size_t errlen);

static int parse_list(const char *file, const char *dir, char *buf,
		      struct sweep_case **out, size_t *nr)
{
	struct sweep_case *v = NULL;
	size_t n = 0, cap = 0;
	uint32_t line = 0;
	char *p = buf;

	while (*p) {
		char *eol = strchr(p, '\n'), *f[5], *c, *hash;
		struct eas_sim_config cfg;
		struct sweep_case sc;
		void *handle;
		char err[512];
		int nf = 0;

		line++;
		if (eol)
			*eol = '\0';
		hash = strchr(p, '#');
		if (hash)
			*hash = '\0';
		for (c = p; *c;) {
			while (*c == ' ' || *c == '\t' || *c == '\r')
				*c++ = '\0';
			if (!*c)
				break;
			if (nf == 5) {
				nf++;
				break;
			}
			f[nf++] = c;
			while (*c && *c != ' ' && *c != '\t' && *c != '\r')
				c++;
		}
		p = eol ? eol + 1 : p + strlen(p);
		if (!nf)
			continue;
		if (nf < 2 || nf > 4) {
			fprintf(stderr,
				"eas sweep: %s:%" PRIu32 ": expected PLATFORM "
				"WORKLOAD [KERNEL [POLICY]], got %s\n",
				file, line,
				nf > 4 ? "more than 4 fields" : "1 field");
			goto err;
		}
		memset(&sc, 0, sizeof(sc));
		sc.line = line;
		sc.platform = f[0];
		sc.workload = f[1];
		sc.kernel = EAS_KERNEL_DEFAULT;
		sc.policy = nf > 3 ? f[3] : "eas";
		if (nf > 2 && eas_kernel_parse(f[2], &sc.kernel)) {
			fprintf(stderr,
				"eas sweep: %s:%" PRIu32 ": field 3: unknown "
				"kernel '%s' (expected v5.4, v6.19 or v7.1)\n",
				file, line, f[2]);
			goto err;
		}
		memset(&cfg, 0, sizeof(cfg));
		/* a plugin is loaded and checked here too, so every shard
		 * refuses a LIST with a bad one */
		if (sweep_policy_config(sc.policy, dir, &cfg, &handle, err,
					sizeof(err))) {
			fprintf(stderr,
				"eas sweep: %s:%" PRIu32 ": field 4: %s\n",
				file, line, err);
			goto err;
		}
		eas_policy_unload(handle);
		if (n == cap) {
			struct sweep_case *nv;

			cap = cap ? cap * 2 : 64;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				fprintf(stderr, "eas sweep: out of memory\n");
				goto err;
			}
			v = nv;
		}
		v[n++] = sc;
	}
	if (!n) {
		fprintf(stderr,
			"eas sweep: %s: no cases (one per line: PLATFORM "
			"WORKLOAD [KERNEL [POLICY]])\n",
			file);
		goto err;
	}
	*out = v;
	*nr = n;
	return 0;
err:
	free(v);
	return -1;
}

/* path as written, taken from dir unless absolute (a fresh string) */
static char *resolve(const char *dir, const char *path)
{
	size_t l = strlen(dir) + strlen(path) + 2;
	char *r = malloc(l);

	if (!r)
		return NULL;
	if (path[0] == '/' || !dir[0])
		snprintf(r, l, "%s", path);
	else
		snprintf(r, l, "%s/%s", dir, path);
	return r;
}

/*
 * The single place where a case's POLICY becomes simulator configuration:
 * "eas" (the flavour's select_task_rq_fair(), the default) and "no-eas"
 * (energy-aware placement off, as `eas simulate --no-eas`) are the
 * built-ins (eas_policy_builtin()); any other spec is the path of a
 * plugin, taken from LIST's directory unless absolute, loaded with
 * eas_policy_load() (*handle: eas_policy_unload() it after the case).
 * 0, or -1 with a message in err.
 */
static int sweep_policy_config(const char *spec, const char *dir,
			       struct eas_sim_config *cfg, void **handle,
			       char *err, size_t errlen)
{
	const struct eas_policy *pol = eas_policy_builtin(spec);
	char *path;
	int e;

	*handle = NULL;
	if (pol) {
		cfg->policy = pol;
		return 0;
	}
	path = resolve(dir, spec);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* eas_policy_load() takes a path without '/' from the current
	 * directory; resolve() has made it relative to LIST's */
	pol = eas_policy_load(path, handle, &e, err, errlen);
	free(path);
	if (!pol)
		return -1;
	cfg->policy = pol;
	return 0;
}

/* the case's fields: {"case":..,"line":..,"platform":..,...  */
static void case_fields(FILE *f, const struct sweep_case *c, size_t idx)
{
	fprintf(f, "{\"case\":%zu,\"line\":%" PRIu32 ",\"platform\":", idx,
		c->line);
	eas_cli_json_string(f, c->platform);
	fputs(",\"workload\":", f);
	eas_cli_json_string(f, c->workload);
	fputs(",\"kernel\":", f);
	eas_cli_json_string(f, eas_kernel_name(c->kernel));
	fputs(",\"policy\":", f);
	eas_cli_json_string(f, c->policy);
}

/* the case could not run: its line carries the message */
static void case_error(FILE *out, const char *list, const struct sweep_case *c,
		       size_t idx, const char *msg)
{
	fprintf(stderr, "eas sweep: %s:%" PRIu32 ": %s\n", list, c->line, msg);
	case_fields(out, c, idx);
	fputs(",\"error\":", out);
	eas_cli_json_string(out, msg);
	fputs("}\n", out);
}

/* eas_sim_write_json() on one line: its line breaks and the indentation
 * after them dropped (a raw line break only occurs between tokens) */
static int write_result_line(FILE *out, struct eas_sim *s)
{
	char *doc = NULL;
	size_t len = 0, i;
	FILE *m = open_memstream(&doc, &len);

	if (!m)
		return -1;
	eas_sim_write_json(s, m);
	if (fclose(m)) {
		free(doc);
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (doc[i] == '\n') {
			while (i + 1 < len && doc[i + 1] == ' ')
				i++;
			continue;
		}
		fputc(doc[i], out);
	}
	free(doc);
	return 0;
}

/* Runs one case; 0, or -1 when it could not run (error line written). */
static int run_case(FILE *out, const char *list, const char *dir,
		    const struct sweep_case *c, size_t idx,
		    const struct eas_sim_config *cfg0)
{
	struct eas_sim_config cfg = *cfg0;
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim *s = NULL;
	void *handle = NULL;
	char *ppath = resolve(dir, c->platform);
	char *wpath = resolve(dir, c->workload);
	char *pbuf = NULL, *wbuf = NULL, msg[600], diag[512], err[256];
	size_t plen, wlen;
	int rc = -1, e;

	memset(&jp, 0, sizeof(jp));
	memset(&w, 0, sizeof(w));
	if (!ppath || !wpath) {
		case_error(out, list, c, idx, "out of memory");
		goto out;
	}
	if (sweep_policy_config(c->policy, dir, &cfg, &handle, err,
				sizeof(err))) {
		case_error(out, list, c, idx, err);
		goto out;
	}
	/* eas_cli_read_file() names the file on stderr itself */
	pbuf = eas_cli_read_file(ppath, &plen);
	if (!pbuf) {
		snprintf(msg, sizeof(msg), "%s: cannot be read", ppath);
		case_error(out, list, c, idx, msg);
		goto out;
	}
	wbuf = eas_cli_read_file(wpath, &wlen);
	if (!wbuf) {
		snprintf(msg, sizeof(msg), "%s: cannot be read", wpath);
		case_error(out, list, c, idx, msg);
		goto out;
	}
	if (eas_json_platform_load(pbuf, plen, c->kernel, 0, &jp, &d)) {
		case_error(out, list, c, idx,
			   eas_json_diag_format(&d, ppath, diag, sizeof(diag)));
		goto out;
	}
	/* rt-app's tolerances are simulated as eas simulate does; their
	 * warnings are left out of a sweep's output */
	if (eas_rtapp_load(wbuf, wlen, &w, &d)) {
		case_error(out, list, c, idx,
			   eas_json_diag_format(&d, wpath, diag, sizeof(diag)));
		goto out;
	}
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	if (!s) {
		snprintf(msg, sizeof(msg), "%s: %s", wpath, err);
		case_error(out, list, c, idx, msg);
		goto out;
	}
	e = eas_sim_run(s, 0);
	case_fields(out, c, idx);
	if (e == EAS_ERANGE) {
		snprintf(msg, sizeof(msg),
			 "%s: a fork event went past rt-app's limit: the "
			 "results cover the run up to that point",
			 wpath);
		fprintf(stderr, "eas sweep: %s:%" PRIu32 ": %s\n", list,
			c->line, msg);
		fputs(",\"error\":", out);
		eas_cli_json_string(out, msg);
	} else {
		rc = 0;
	}
	fputs(",\"result\":", out);
	if (write_result_line(out, s)) {
		fputs("null}\n", out);
		fprintf(stderr, "eas sweep: out of memory\n");
		rc = -1;
		goto out;
	}
	fputs("}\n", out);
out:
	fflush(out);
	eas_sim_free(s);
	eas_policy_unload(handle);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
	free(pbuf);
	free(wbuf);
	free(ppath);
	free(wpath);
	return rc;
}

int eas_cmd_sweep(int argc, char **argv)
{
	const char *list = NULL, *shard = NULL, *out_path = NULL;
	const char *dur = NULL, *dur_ms = NULL;
	struct sweep_case *cases = NULL;
	struct eas_sim_config cfg;
	uint64_t si = 1, sn = 1, v;
	size_t len, nr = 0, i;
	char *buf, *dir, *slash;
	FILE *out = stdout;
	int rc = EAS_EXIT_OK, i_arg;

	memset(&cfg, 0, sizeof(cfg));
	for (i_arg = 1; i_arg < argc; i_arg++) {
		const char *a = argv[i_arg];
		int r = eas_cli_value_opt(&sweep_cmd, argc, argv, &i_arg,
					  "--shard", NULL, &shard);

		if (!r)
			r = eas_cli_value_opt(&sweep_cmd, argc, argv, &i_arg,
					      "--out", "-o", &out_path);
		if (!r)
			r = eas_cli_value_opt(&sweep_cmd, argc, argv, &i_arg,
					      "--duration", NULL, &dur);
		if (!r)
			r = eas_cli_value_opt(&sweep_cmd, argc, argv, &i_arg,
					      "--duration-ms", NULL, &dur_ms);
		if (!r)
			r = eas_cli_common_opt(&sweep_cmd, argc, argv, &i_arg);
		if (r < 0)
			return EAS_EXIT_USAGE;
		if (r > 0)
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			sweep_usage(stdout);
			return EAS_EXIT_OK;
		} else if (a[0] == '-' && a[1]) {
			return eas_cli_usage_error(&sweep_cmd,
						   "unknown option '%s'", a);
		} else if (!list) {
			list = a;
		} else {
			return eas_cli_usage_error(
				&sweep_cmd,
				"unexpected argument '%s' (expected LIST only)",
				a);
		}
	}
	if (!list)
		return eas_cli_usage_error(&sweep_cmd, "missing LIST");
	if (shard && parse_shard(shard, &si, &sn))
		return EAS_EXIT_USAGE;
	if (dur && dur_ms)
		return eas_cli_usage_error(
			&sweep_cmd, "--duration and --duration-ms conflict: "
				    "give one");
	if (dur) {
		if (eas_cli_parse_u64(&sweep_cmd, "--duration", dur, 1,
				      EAS_SIM_MAX_DURATION_NS / 1000000000ull,
				      &v))
			return EAS_EXIT_USAGE;
		cfg.duration_ns = v * 1000000000ull;
	}
	if (dur_ms) {
		if (eas_cli_parse_u64(&sweep_cmd, "--duration-ms", dur_ms, 1,
				      EAS_SIM_MAX_DURATION_NS / 1000000ull, &v))
			return EAS_EXIT_USAGE;
		cfg.duration_ns = v * 1000000ull;
	}
	buf = eas_cli_read_file(list, &len);
	if (!buf)
		return EAS_EXIT_INPUT;
	if (memchr(buf, '\0', len)) {
		fprintf(stderr,
			"eas sweep: %s: a NUL byte: expected a text "
			"file of cases\n",
			list);
		free(buf);
		return EAS_EXIT_INPUT;
	}
	dir = strdup(list);
	if (!dir) {
		fprintf(stderr, "eas sweep: out of memory\n");
		rc = EAS_EXIT_INPUT;
		goto out;
	}
	slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir ? 1 : 0] = '\0';
	else
		dir[0] = '\0';
	/* every line is checked, whichever shard runs: all shards accept
	 * or refuse the same LIST */
	if (parse_list(list, dir, buf, &cases, &nr)) {
		rc = EAS_EXIT_INPUT;
		goto out_dir;
	}
	if (out_path) {
		out = eas_cli_open_output("sweep", "--out", out_path);
		if (!out) {
			rc = EAS_EXIT_INPUT;
			goto out_dir;
		}
	}
	for (i = 0; i < nr; i++)
		if (i % sn == si - 1 &&
		    run_case(out, list, dir, &cases[i], i, &cfg))
			rc = EAS_EXIT_INPUT;
	if (out != stdout && fclose(out)) {
		fprintf(stderr, "eas sweep: error writing %s\n", out_path);
		rc = EAS_EXIT_INPUT;
	}
out_dir:
	free(dir);
out:
	free(cases);
	free(buf);
	return rc;
}
