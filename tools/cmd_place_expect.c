/* SPDX-License-Identifier: MIT */
/*
 * eas place PLATFORM DIR --expect: every scenario file of DIR (*.json,
 * sorted by name; or one FILE) placed and checked against its "expect"
 * object, reported like a test runner (docs/formats.md §4, `eas place`).
 */
#define _POSIX_C_SOURCE 200809L /* opendir(), stat() */
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_json_name(const char *n)
{
	size_t l = strlen(n);

	return l > 5 && !strcmp(n + l - 5, ".json") && n[0] != '.';
}

/* The scenario files of dir (regular files named *.json, not hidden),
 * sorted by name, as "dir/name" paths. -1 with a message on error. */
static int list_dir(const char *cmd, const char *dir, char ***out, size_t *nr)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	if (!d) {
		fprintf(stderr, "eas %s: %s: %s\n", cmd, dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		struct stat st;
		size_t l;
		char *path;

		if (!is_json_name(e->d_name))
			continue;
		l = strlen(dir) + strlen(e->d_name) + 2;
		path = malloc(l);
		if (!path)
			goto oom;
		snprintf(path, l, "%s/%s", dir, e->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode)) {
			free(path);
			continue;
		}
		if (n == cap) {
			char **nv;

			cap = cap ? cap * 2 : 16;
			nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(path);
				goto oom;
			}
			v = nv;
		}
		v[n++] = path;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp_names);
	*out = v;
	*nr = n;
	return 0;
oom:
	closedir(d);
	while (n)
		free(v[--n]);
	free(v);
	fprintf(stderr, "eas %s: out of memory\n", cmd);
	return -1;
}

/* "expected cpu 3, path eas" */
static void print_expect(const struct eas_scenario_expect *e)
{
	const char *sep = "";

	fputs("expected ", stdout);
	if (e->has_cpu) {
		printf("cpu %d", (int)e->cpu);
		sep = ", ";
	}
	if (e->has_path) {
		printf("%spath %s", sep, eas_place_path_name(e->path));
		sep = ", ";
	}
	if (e->has_reason) {
		printf("%sreason %s", sep, eas_feec_reason_name(e->reason));
		sep = ", ";
	}
	if (e->has_no_eas)
		printf("%sno_eas %s", sep, eas_no_eas_reason_name(e->no_eas));
}

static bool matches(const struct eas_scenario_expect *e,
		    const struct eas_place_result *r)
{
	enum eas_feec_reason reason =
		r->eas_entered ? r->feec.reason : EAS_FEEC_NOT_RUN;

	return (!e->has_cpu || e->cpu == r->cpu) &&
	       (!e->has_path || e->path == r->path) &&
	       (!e->has_reason || e->reason == reason) &&
	       (!e->has_no_eas || e->no_eas == r->no_eas);
}

/*
 * One file: 1 passed, 0 failed (the FAIL line printed; load errors go
 * to stderr first, as `eas place` prints them, and the FAIL line says so).
 */
static int run_one(const char *pf_file, const char *pbuf, size_t plen,
		   const char *file, const char *karg, enum eas_kernel k,
		   uint32_t opts)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	struct eas_scenario sc;
	struct eas_place_result res;
	struct eas_system sys;
	struct eas_task p;
	struct eas_waker w;
	char *sbuf, msg[512];
	size_t slen;
	int ok = 0;

	memset(&jp, 0, sizeof(jp));
	sbuf = eas_cli_read_file(file, &slen);
	if (!sbuf) {
		printf("FAIL %s: cannot be read (stderr says why)\n", file);
		return 0;
	}
	/* the CPU count does not depend on the flavour */
	if (eas_json_platform_load(pbuf, plen, k, 0, &jp, &d)) {
		printf("FAIL %s: the platform %s does not load\n", file,
		       pf_file);
		free(sbuf);
		return 0;
	}
	if (eas_json_scenario_load(sbuf, slen, jp.pf.nr_cpus, &sc, &d)) {
		printf("FAIL %s\n",
		       eas_json_diag_format(&d, file, msg, sizeof(msg)));
		goto out_pf;
	}
	if (!sc.has_expect) {
		printf("FAIL %s: no \"expect\" object: --expect needs one, "
		       "e.g. \"expect\": {\"cpu\": 1} or {\"path\": \"eas\"} "
		       "(docs/formats.md §3.1)\n",
		       file);
		goto out_sc;
	}
	if (sc.platform[0] && strcmp(sc.platform, jp.name)) {
		if (!jp.name[0])
			printf("FAIL %s: /platform: the scenario is for "
			       "platform '%s', but %s has no \"name\" to "
			       "match\n",
			       file, sc.platform, pf_file);
		else
			printf("FAIL %s: /platform: the scenario is for "
			       "platform '%s', not '%s' (the \"name\" of "
			       "%s)\n",
			       file, sc.platform, jp.name, pf_file);
		goto out_sc;
	}
	if (!karg && sc.has_kernel)
		k = sc.kernel;
	if ((opts & EAS_OPT_V54_EM_SCALE_POWER) && k != EAS_KERNEL_V5_4) {
		printf("FAIL %s: --em-scale-power applies to kernel v5.4 only "
		       "(the scenario is for %s)\n",
		       file, eas_kernel_name(k));
		goto out_sc;
	}
	eas_json_platform_free(&jp);
	if (eas_json_platform_load(pbuf, plen, k, opts, &jp, &d)) {
		printf("FAIL %s: %s\n", file,
		       eas_json_diag_format(&d, pf_file, msg, sizeof(msg)));
		goto out_sc;
	}
	eas_scenario_system(&sc, &jp.pf, &sys);
	p = sc.task;
	w = sc.waker;
	memset(&res, 0, sizeof(res));
	if (eas_select_task_rq_fair(&sys, &p, &w, sc.wake_flags, &res) < 0) {
		printf("FAIL %s: placement failed\n", file);
		goto out_sc;
	}
	ok = matches(&sc.expect, &res);
	printf("%s %s [%s]: ", ok ? "ok  " : "FAIL", file, eas_kernel_name(k));
	if (!ok) {
		print_expect(&sc.expect);
		fputs("; got ", stdout);
	}
	printf("cpu %d, path %s, reason %s, no_eas %s\n", (int)res.cpu,
	       eas_place_path_name(res.path),
	       eas_feec_reason_name(res.eas_entered ? res.feec.reason :
						      EAS_FEEC_NOT_RUN),
	       eas_no_eas_reason_name(res.no_eas));
out_sc:
	eas_scenario_free(&sc);
out_pf:
	eas_json_platform_free(&jp);
	free(sbuf);
	return ok;
}

int eas_cli_place_expect(const char *pf_file, const char *target,
			 const char *karg, enum eas_kernel k, uint32_t opts)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	struct stat st;
	char **files = NULL, *pbuf, msg[512];
	size_t nr = 0, i, plen, passed = 0;
	int ret = EAS_EXIT_INPUT;

	pbuf = eas_cli_read_file(pf_file, &plen);
	if (!pbuf)
		return EAS_EXIT_INPUT;
	/* a platform that does not load fails every case: say it once */
	if (eas_json_platform_load(pbuf, plen, k, 0, &jp, &d)) {
		fprintf(stderr, "eas: %s\n",
			eas_json_diag_format(&d, pf_file, msg, sizeof(msg)));
		eas_cli_hint_swapped("place", pf_file, pbuf, "platform",
				     "PLATFORM DIR --expect");
		free(pbuf);
		return EAS_EXIT_INPUT;
	}
	eas_json_platform_free(&jp);
	if (stat(target, &st)) {
		fprintf(stderr, "eas place: %s: %s\n", target, strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		if (list_dir("place", target, &files, &nr))
			goto out;
		if (!nr) {
			fprintf(stderr,
				"eas place: %s: no scenario files (*.json) "
				"to check\n",
				target);
			goto out;
		}
		for (i = 0; i < nr; i++)
			passed += (size_t)run_one(pf_file, pbuf, plen, files[i],
						  karg, k, opts);
	} else {
		nr = 1;
		passed = (size_t)run_one(pf_file, pbuf, plen, target, karg, k,
					 opts);
	}
	printf("%zu passed, %zu failed\n", passed, nr - passed);
	ret = passed == nr ? EAS_EXIT_OK : EAS_EXIT_INPUT;
out:
	if (files)
		for (i = 0; i < nr; i++)
			free(files[i]);
	free(files);
	free(pbuf);
	return ret;
}
