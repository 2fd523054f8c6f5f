/* SPDX-License-Identifier: MIT */
/*
 * eas gen-c PLATFORM [--kernel K] [--name ID] [-o FILE] [--header FILE]
 *               [--no-em]
 *
 * Emits a self-contained C file holding the platform's description as
 * const data (struct eas_platform_desc and its arrays) so that firmware
 * builds the platform at boot with eas_platform_build() into a static
 * buffer: no JSON parser, no allocation. Optionally a header declaring
 * the symbols. The output is deterministic (no dates, no paths beyond the
 * input's base name), so it can be checked in and compared.
 *
 * Symbols (ID defaults to the platform's "name", made a C identifier):
 *   const struct eas_platform_desc ID_desc;
 *   ID_PLATFORM_SIZE   a constant expression, an upper bound of the bytes
 *                      eas_platform_build() needs for either flavour
 *                      (EAS_PLATFORM_SIZE(cpus, pds, states, levels))
 * and, unless --no-em, the energy model kernel K builds from it as a
 * comment (reference values for firmware authors).
 */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void gen_usage(FILE *f)
{
	fprintf(f,
		"usage: eas gen-c PLATFORM [--kernel K] [--name ID] [-o FILE]\n"
		"                 [--header FILE] [--no-em]\n"
		"\n"
		"Write a C file with the platform description of PLATFORM\n"
		"(libeas-platform/1) as const data for firmware: build it at\n"
		"boot with eas_platform_build(&pf, mem, ID_PLATFORM_SIZE,\n"
		"&ID_desc, kernel, 0, NULL) into a static buffer.\n"
		"\n"
		"  --kernel K     flavour whose energy model is shown in the\n"
		"                 comment, v5.4, v6.19 or v7.1 (default v6.19); the\n"
		"                 description itself is flavour-independent\n"
		"  --name ID      C identifier prefix (default: the platform's\n"
		"                 name)\n"
		"  -o FILE        output file (default stdout)\n"
		"  --header FILE  also write a header declaring ID_desc and\n"
		"                 ID_PLATFORM_SIZE\n"
		"  --no-em        omit the energy-model comment\n"
		"  --max-input-bytes N\n"
		"                 refuse input files larger than N bytes\n"
		"                 (default 67108864 = 64 MiB)\n"
		"  --help         this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

static bool is_ident(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

/* name -> lower-case C identifier (non-alnum -> '_', leading digit -> _) */
static void make_ident(const char *name, char *out, size_t size)
{
	size_t n = 0;

	if (isdigit((unsigned char)*name) && n + 1 < size)
		out[n++] = '_';
	for (; *name && n + 1 < size; name++) {
		unsigned char c = (unsigned char)*name;
		out[n++] = isalnum(c) ? (char)tolower(c) : '_';
	}
	out[n] = '\0';
	if (!n)
		snprintf(out, size, "platform");
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

struct gen {
	FILE *f;
	const char *id;
	char ID[80]; /* upper-case id */
	const struct eas_platform_desc *d;
};

static void u32_list(FILE *f, const uint32_t *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		if (i % 12 == 0)
			fputs(i ? "\n\t" : "\t", f);
		else
			fputc(' ', f);
		fprintf(f, "%" PRIu32 "u,", v[i]);
	}
	fputc('\n', f);
}

static uint32_t total_states(const struct eas_platform_desc *d)
{
	uint32_t n = 0;

	for (uint32_t p = 0; p < d->nr_pds; p++)
		n += d->pds[p].nr_opps ? d->pds[p].nr_opps :
					 d->pds[p].nr_states;
	return n;
}

static uint32_t size_levels(const struct eas_platform_desc *d)
{
	/* EAS_PLATFORM_SIZE(): explicit levels, or 3 for the default */
	return d->nr_levels ? d->nr_levels : 3;
}

static void emit_em_comment(struct gen *g, const struct eas_platform *pf)
{
	FILE *f = g->f;
	bool v619 = pf->kernel != EAS_KERNEL_V5_4;

	fprintf(f,
		"/*\n * Energy model %s builds from this description (reference\n"
		" * only; eas_platform_build() recomputes it):\n",
		eas_kernel_name(pf->kernel));
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		if (c == 0 ||
		    pf->cpus[c].capacity != pf->cpus[c - 1].capacity ||
		    pf->cpus[c].pd != pf->cpus[c - 1].pd)
			fprintf(f,
				" *   CPU %" PRIu32 ": capacity %" PRIu64
				", perf domain %" PRIu32 "\n",
				c, pf->cpus[c].capacity, pf->cpus[c].pd);
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];

		fprintf(f, " *   perf domain %" PRIu32 " (CPUs", p);
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			fprintf(f, " %" PRIu32, pd->cpus[i]);
		fprintf(f, "):%s\n", pd->nr_perf_states ? "" : " no EM");
		if (!pd->nr_perf_states)
			continue;
		fprintf(f, " *     %10s %10s %5s %12s%s\n", "kHz",
			v619 ? "uW" : "mW", v619 ? "perf" : "", "cost",
			v619 ? "  inefficient" : "");
		for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
			const struct eas_perf_state *ps = &pd->table[s];
			char perf[24] = "";

			if (v619)
				snprintf(perf, sizeof(perf), "%" PRIu64,
					 ps->performance);
			fprintf(f,
				" *     %10" PRIu64 " %10" PRIu64
				" %5s %12" PRIu64 "%s\n",
				ps->frequency, ps->power, perf, ps->cost,
				v619 ? ((ps->flags &
					 EAS_PERF_STATE_INEFFICIENT) ?
						"  yes" :
						"  no") :
				       "");
		}
	}
	fprintf(f, " * EAS %s", pf->eas_possible ? "on" : "off: ");
	if (!pf->eas_possible)
		fputs(eas_off_reason_name(pf->eas_reason), f);
	fputs(".\n */\n\n", f);
}

static void emit_size_macro(struct gen *g)
{
	const struct eas_platform_desc *d = g->d;
	char def[160], val[96];

	snprintf(def, sizeof(def), "#define %s_PLATFORM_SIZE", g->ID);
	snprintf(val, sizeof(val),
		 "EAS_PLATFORM_SIZE(%" PRIu32 "u, %" PRIu32 "u, %" PRIu32
		 "u, %" PRIu32 "u)",
		 d->nr_cpus, d->nr_pds, total_states(d), size_levels(d));
	fprintf(g->f,
		"/* Bytes eas_platform_build() needs, for either flavour (an\n"
		" * upper bound usable as a static array size). */\n");
	if (strlen(def) + 1 + strlen(val) <= 80)
		fprintf(g->f, "%s %s\n", def, val);
	else
		fprintf(g->f, "%s \\\n\t%s\n", def, val);
	fprintf(g->f,
		"/* CPUs and perf domains (for static per-CPU arrays). */\n"
		"#define %s_NR_CPUS %" PRIu32 "u\n"
		"#define %s_NR_PDS %" PRIu32 "u\n",
		g->ID, d->nr_cpus, g->ID, d->nr_pds);
}

static void emit_c(struct gen *g, const char *src,
		   const struct eas_platform *pf)
{
	const struct eas_platform_desc *d = g->d;
	FILE *f = g->f;
	const char *id = g->id;

	fprintf(f,
		"/* SPDX-License-Identifier: MIT */\n"
		"/* clang-format off */\n"
		"/*\n"
		" * Generated by `eas gen-c` from %s.\n"
		" * Do not edit: regenerate.\n"
		" *\n"
		" * The platform description as const data. Build it at boot\n"
		" * (no JSON, no allocation):\n"
		" *\n"
		" *\tstatic _Alignas(8) unsigned char mem[%s_PLATFORM_SIZE];\n"
		" *\tstruct eas_platform pf;\n"
		" *\tint err = eas_platform_build(&pf, mem, sizeof(mem),\n"
		" *\t\t\t\t     &%s_desc, EAS_KERNEL_V6_19, 0, NULL);\n"
		" */\n"
		"#include <libeas/platform.h>\n\n",
		src, g->ID, id);
	fprintf(f, "#ifndef %s_PLATFORM_SIZE\n", g->ID);
	emit_size_macro(g);
	fprintf(f, "#endif\n\n");
	if (pf)
		emit_em_comment(g, pf);

	fprintf(f,
		"static const struct eas_cpu_desc %s_cpus[%" PRIu32 "] = {\n",
		id, d->nr_cpus);
	for (uint32_t c = 0; c < d->nr_cpus; c++)
		fprintf(f,
			"\t{ .capacity_dmips_mhz = %" PRIu32
			"u, .capacity = %" PRIu32 "u, .smt = %" PRId32 " },\n",
			d->cpus[c].capacity_dmips_mhz, d->cpus[c].capacity,
			d->cpus[c].smt);
	fputs("};\n\n", f);

	for (uint32_t p = 0; p < d->nr_pds; p++) {
		const struct eas_pd_desc *pd = &d->pds[p];

		fprintf(f,
			"static const uint32_t %s_pd%" PRIu32 "_cpus[%" PRIu32
			"] = {\n",
			id, p, pd->nr_cpus);
		u32_list(f, pd->cpus, pd->nr_cpus);
		fputs("};\n\n", f);
		if (pd->nr_opps) {
			fprintf(f,
				"static const struct eas_opp_desc %s_pd%" PRIu32
				"_opps[%" PRIu32 "] = {\n",
				id, p, pd->nr_opps);
			for (uint32_t i = 0; i < pd->nr_opps; i++) {
				const struct eas_opp_desc *o = &pd->opps[i];
				fprintf(f, "\t{ .hz = %" PRIu64 "u", o->hz);
				if (o->microvolt)
					fprintf(f,
						", .microvolt = %" PRIu64 "u",
						o->microvolt);
				if (o->microwatt)
					fprintf(f,
						", .microwatt = %" PRIu64 "u",
						o->microwatt);
				if (o->turbo)
					fputs(", .turbo = true", f);
				fputs(" },\n", f);
			}
			fputs("};\n\n", f);
		}
		if (pd->nr_states) {
			fprintf(f,
				"static const struct eas_state_desc %s_pd%" PRIu32
				"_states[%" PRIu32 "] = {\n",
				id, p, pd->nr_states);
			for (uint32_t i = 0; i < pd->nr_states; i++) {
				const struct eas_state_desc *s = &pd->states[i];
				fprintf(f, "\t{ .frequency_khz = %" PRIu64 "u",
					s->frequency_khz);
				if (s->power_uw)
					fprintf(f, ", .power_uw = %" PRIu64 "u",
						s->power_uw);
				if (s->power_mw)
					fprintf(f, ", .power_mw = %" PRIu64 "u",
						s->power_mw);
				fputs(" },\n", f);
			}
			fputs("};\n\n", f);
		}
	}
	fprintf(f, "static const struct eas_pd_desc %s_pds[%" PRIu32 "] = {\n",
		id, d->nr_pds);
	for (uint32_t p = 0; p < d->nr_pds; p++) {
		const struct eas_pd_desc *pd = &d->pds[p];

		fprintf(f,
			"\t{\n\t\t.nr_cpus = %" PRIu32 "u,\n"
			"\t\t.cpus = %s_pd%" PRIu32 "_cpus,\n"
			"\t\t.dynamic_power_coefficient = %" PRIu32 "u,\n",
			pd->nr_cpus, id, p, pd->dynamic_power_coefficient);
		if (pd->nr_opps)
			fprintf(f,
				"\t\t.nr_opps = %" PRIu32 "u,\n"
				"\t\t.opps = %s_pd%" PRIu32 "_opps,\n",
				pd->nr_opps, id, p);
		if (pd->nr_states)
			fprintf(f,
				"\t\t.nr_states = %" PRIu32 "u,\n"
				"\t\t.states = %s_pd%" PRIu32 "_states,\n",
				pd->nr_states, id, p);
		fprintf(f, "\t\t.no_skip_inefficiencies = %s,\n\t},\n",
			pd->no_skip_inefficiencies ? "true" : "false");
	}
	fputs("};\n\n", f);

	if (d->nr_clusters) {
		uint32_t total = 0;

		for (uint32_t i = 0; i < d->nr_clusters; i++)
			total += d->cluster_len[i];
		fprintf(f,
			"static const uint32_t %s_cluster_len[%" PRIu32
			"] = {\n",
			id, d->nr_clusters);
		u32_list(f, d->cluster_len, d->nr_clusters);
		fprintf(f,
			"};\n\nstatic const uint32_t %s_cluster_cpus[%" PRIu32
			"] = {\n",
			id, total);
		u32_list(f, d->cluster_cpus, total);
		fputs("};\n\n", f);
	}
	for (uint32_t l = 0; l < d->nr_levels; l++) {
		const struct eas_level_desc *lv = &d->levels[l];
		uint32_t total = 0;

		for (uint32_t i = 0; i < lv->nr_spans; i++)
			total += lv->span_len[i];
		fprintf(f,
			"static const uint32_t %s_l%" PRIu32
			"_span_len[%" PRIu32 "] = {\n",
			id, l, lv->nr_spans);
		u32_list(f, lv->span_len, lv->nr_spans);
		fprintf(f,
			"};\n\nstatic const uint32_t %s_l%" PRIu32
			"_span_cpus[%" PRIu32 "] = {\n",
			id, l, total);
		u32_list(f, lv->span_cpus, total);
		fputs("};\n\n", f);
	}
	if (d->nr_levels) {
		fprintf(f,
			"static const struct eas_level_desc %s_levels[%" PRIu32
			"] = {\n",
			id, d->nr_levels);
		for (uint32_t l = 0; l < d->nr_levels; l++) {
			fprintf(f, "\t{ .name = ");
			eas_cli_json_string(f, d->levels[l].name);
			fprintf(f,
				", .nr_spans = %" PRIu32 "u,\n"
				"\t  .span_len = %s_l%" PRIu32 "_span_len,\n"
				"\t  .span_cpus = %s_l%" PRIu32
				"_span_cpus },\n",
				d->levels[l].nr_spans, id, l, id, l);
		}
		fputs("};\n\n", f);
	}

	fprintf(f,
		"extern const struct eas_platform_desc %s_desc;\n"
		"const struct eas_platform_desc %s_desc = {\n"
		"\t.nr_cpus = %" PRIu32 "u,\n"
		"\t.cpus = %s_cpus,\n"
		"\t.nr_pds = %" PRIu32 "u,\n"
		"\t.pds = %s_pds,\n",
		id, id, d->nr_cpus, id, d->nr_pds, id);
	if (d->nr_clusters)
		fprintf(f,
			"\t.nr_clusters = %" PRIu32 "u,\n"
			"\t.cluster_len = %s_cluster_len,\n"
			"\t.cluster_cpus = %s_cluster_cpus,\n",
			d->nr_clusters, id, id);
	if (d->nr_levels)
		fprintf(f,
			"\t.nr_levels = %" PRIu32 "u,\n"
			"\t.levels = %s_levels,\n",
			d->nr_levels, id);
	fputs("};\n", f);
}

static void emit_h(struct gen *g, const char *src)
{
	FILE *f = g->f;

	fprintf(f,
		"/* SPDX-License-Identifier: MIT */\n"
		"/* clang-format off */\n"
		"/* Generated by `eas gen-c` from %s.\n"
		" * Do not edit: regenerate. */\n"
		"#ifndef %s_PLATFORM_H\n"
		"#define %s_PLATFORM_H\n\n"
		"#include <libeas/platform.h>\n\n",
		src, g->ID, g->ID);
	emit_size_macro(g);
	fprintf(f,
		"\nextern const struct eas_platform_desc %s_desc;\n\n"
		"#endif /* %s_PLATFORM_H */\n",
		g->id, g->ID);
}

/* Write to path (NULL = stdout) with fn; returns 0 or prints an error. */
static int write_out(const char *opt, const char *path, struct gen *g,
		     void (*fn)(void *), void *arg)
{
	FILE *f = path ? eas_cli_open_output("gen-c", opt, path) : stdout;

	if (!f)
		return -1;
	g->f = f;
	fn(arg);
	if (fflush(f) || ferror(f)) {
		fprintf(stderr, "eas gen-c: %s: write error\n",
			path ? path : "stdout");
		if (path)
			fclose(f);
		return -1;
	}
	if (path && fclose(f)) {
		fprintf(stderr, "eas gen-c: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

struct emit_args {
	struct gen *g;
	const char *src;
	const struct eas_platform *pf;
	size_t exact;
};

static void do_c(void *a)
{
	struct emit_args *e = a;
	emit_c(e->g, e->src, e->pf);
}

static void do_h(void *a)
{
	struct emit_args *e = a;
	emit_h(e->g, e->src);
}

int eas_cmd_gen_c(int argc, char **argv)
{
	static const struct eas_cli_cmd cmd = { "gen-c", gen_usage };
	const char *in = NULL, *out = NULL, *hdr = NULL, *name = NULL;
	const char *karg = NULL;
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	bool em = true;
	struct eas_json_platform jp;
	struct eas_json_diag diag;
	char id[64], msg[512];
	struct gen g;
	struct emit_args ea;
	size_t len, exact, bound;
	char *buf;
	int err;

	for (int i = 1, r; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			gen_usage(stdout);
			return EAS_EXIT_OK;
		} else if ((r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--kernel", "-k", &karg)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--name", NULL, &name)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i, "-o",
						  NULL, &out)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--header", NULL, &hdr)) ||
			   (r = eas_cli_common_opt(&cmd, argc, argv, &i))) {
			if (r < 0)
				return EAS_EXIT_USAGE;
		} else if (!strcmp(a, "--no-em")) {
			em = false;
		} else if (a[0] == '-' && a[1]) {
			return eas_cli_usage_error(&cmd, "unknown option '%s'",
						   a);
		} else if (!in) {
			in = a;
		} else {
			return eas_cli_usage_error(
				&cmd,
				"unexpected argument '%s' (one PLATFORM only)",
				a);
		}
	}
	if (!in)
		return eas_cli_usage_error(&cmd, "missing PLATFORM");
	if (karg && eas_cli_parse_kernel(&cmd, karg, &k))
		return EAS_EXIT_USAGE;
	if (name && (!is_ident(name) || strlen(name) >= sizeof(id)))
		return eas_cli_usage_error(
			&cmd,
			"--name '%s' is not a C identifier (letters, digits, "
			"'_', not starting with a digit, < 64 bytes)",
			name);
	if (out && hdr && !strcmp(out, hdr))
		return eas_cli_usage_error(
			&cmd, "-o and --header name the same file '%s'", out);
	buf = eas_cli_read_file(in, &len);
	if (!buf)
		return EAS_EXIT_INPUT;
	err = eas_json_platform_load(buf, len, k, 0, &jp, &diag);
	free(buf);
	if (err) {
		fprintf(stderr, "eas gen-c: %s\n",
			eas_json_diag_format(&diag, in, msg, sizeof(msg)));
		return EAS_EXIT_INPUT;
	}
	if (name)
		snprintf(id, sizeof(id), "%s", name);
	else
		make_ident(jp.name[0] ? jp.name : base_name(in), id,
			   sizeof(id));
	memset(&g, 0, sizeof(g));
	g.id = id;
	g.d = &jp.desc;
	for (size_t i = 0; id[i] && i + 1 < sizeof(g.ID); i++)
		g.ID[i] = (char)toupper((unsigned char)id[i]);

	exact = eas_platform_size(&jp.desc);
	bound = EAS_PLATFORM_SIZE(jp.desc.nr_cpus, jp.desc.nr_pds,
				  total_states(&jp.desc),
				  size_levels(&jp.desc));
	if (exact == 0 || exact > bound) {
		/* a library bug, not bad input: say so loudly */
		fprintf(stderr,
			"eas gen-c: %s: eas_platform_size() = %zu exceeds "
			"EAS_PLATFORM_SIZE() = %zu\n",
			in, exact, bound);
		eas_json_platform_free(&jp);
		return EAS_EXIT_INPUT;
	}
	ea.g = &g;
	ea.src = base_name(in);
	ea.pf = em ? &jp.pf : NULL;
	ea.exact = exact;
	err = write_out("-o", out, &g, do_c, &ea);
	if (!err && hdr)
		err = write_out("--header", hdr, &g, do_h, &ea);
	eas_json_platform_free(&jp);
	return err ? EAS_EXIT_INPUT : EAS_EXIT_OK;
}
