/* SPDX-License-Identifier: MIT */
/*
 * eas import-debugfs DIR [--kernel K] [--name NAME] [-o FILE]
 *                       [--capacities C0,C1,...]
 *
 * Turns a copy of a device's /sys/kernel/debug/energy_model (Linux v6.9+,
 * kernel/power/energy_model.c em_debug_create_pd() / em_debug_create_ps())
 * into a libeas platform file:
 *
 *   DIR/<dev>/            one directory per perf domain, named after the
 *                         device (cpu0, cpu4, ... for CPU domains; other
 *                         devices such as GPUs have no "cpus" file and
 *                         are skipped with a note)
 *   DIR/<dev>/cpus        cpulist ("%*pbl": "0-3", "0,3-5")
 *   DIR/<dev>/flags       em_perf_domain.flags ("%#lx": "0x3", "0");
 *                         older kernels: skip-inefficiencies ("0"/"1")
 *                         and units ("microWatts" / "bogoWatts")
 *   DIR/<dev>/ps:<kHz>/   frequency (kHz), power (uW), cost, performance,
 *                         inefficient (0/1)
 *
 * Output: "states" with frequency_khz + power_uw per domain; each CPU's
 * "capacity" is the top state's performance (v6.9+ em_init_performance()
 * gives the top state performance = arch_scale_cpu_capacity()), or
 * --capacities for trees of kernels before v6.9 (no performance files); the
 * domain's skip_inefficiencies from EM_PERF_DOMAIN_SKIP_INEFFICIENCIES.
 * Every value is checked: frequency of ps:<f> equals f, states strictly
 * increasing, CPUs of domains disjoint and covering 0..N-1. With
 * --kernel v6.19 (default) or v7.1 (same energy model) the result is also
 * loaded back and the rebuilt
 * energy model must reproduce the imported performance, cost and
 * inefficient flags exactly; a mismatch is reported (exit 1).
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EM_PD_MICROWATTS (1u << 0)
#define EM_PD_SKIP_INEFFICIENCIES (1u << 1)
#define EM_PD_ARTIFICIAL (1u << 2)

/* CPU ids a tree may name: 0..IMPORT_MAX_CPUS-1 (the largest
 * CONFIG_NR_CPUS of any architecture, x86 MAXSMP: 8192). */
#define IMPORT_MAX_CPUS 8192u

static void imp_usage(FILE *f)
{
	fprintf(f,
		"usage: eas import-debugfs DIR [--kernel K] [--name NAME] "
		"[-o FILE]\n"
		"                          [--capacities C0,C1,...]\n"
		"\n"
		"Write a libeas platform file from DIR, a copy of\n"
		"/sys/kernel/debug/energy_model taken on a Linux v6.9+ device\n"
		"(e.g. `adb pull /sys/kernel/debug/energy_model`).\n"
		"\n"
		"  --kernel K   flavour used to verify the result: loading it\n"
		"               back must reproduce the imported performance,\n"
		"               cost and inefficient values (v6.19, default,\n"
		"               or v7.1: the same energy model); v5.4 skips\n"
		"               that check\n"
		"  --name NAME  platform name (default: DIR's base name)\n"
		"  --capacities C0,C1,...\n"
		"               each CPU's capacity (cpu_capacity in sysfs):\n"
		"               needed for kernels before v6.9, whose trees\n"
		"               have no performance files; else checked\n"
		"               against the top state's performance\n"
		"  -o FILE      output file (default stdout)\n"
		"  --help       this text\n"
		"\n"
		"Exit status: 0 success, 1 bad input, 2 bad usage.\n");
}

struct ps {
	uint64_t frequency, power, cost, performance, inefficient;
};

struct pd {
	char dev[64];
	uint32_t nr_cpus;
	uint32_t *cpus;
	uint32_t nr_ps;
	struct ps *ps;
	uint64_t flags;
	bool have_flags;
	bool no_perf; /* no performance files (kernel before v6.9) */
};

struct imp {
	const char *dir;
	uint32_t nr_pds;
	struct pd *pds;
	uint32_t nr_cpus; /* max CPU id + 1 */
	uint32_t nr_caps; /* --capacities, one per CPU (0 = not given) */
	uint32_t *caps;
};

__attribute__((format(printf, 2, 3))) static int bad(const char *path,
						     const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "eas import-debugfs: %s: ", path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

/* snprintf for paths: a too long path is left truncated (opening it then
 * fails with a message naming it). */
__attribute__((format(printf, 3, 4))) static void
path_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

/*
 * Reads a small text file (at most size - 1 bytes) into buf, trailing
 * whitespace cut. Only a regular file: it is opened non-blocking (a FIFO
 * without a writer, a tty, would otherwise block for ever) and refused
 * unless fstat() says S_ISREG; a larger file is refused.
 */
static int read_text(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	struct stat st;
	size_t n = 0;

	if (fd < 0)
		return bad(path, "%s", strerror(errno));
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return bad(path, "not a regular file (a copy of debugfs "
				 "holds regular files only)");
	}
	if ((uintmax_t)st.st_size > size - 1) {
		close(fd);
		return bad(path, "file larger than %zu bytes", size - 1);
	}
	for (;;) {
		ssize_t r = read(fd, buf + n, size - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			close(fd);
			return bad(path, "read error: %s", strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > size - 1) {
			/* grew since fstat() */
			close(fd);
			return bad(path, "file larger than %zu bytes",
				   size - 1);
		}
	}
	close(fd);
	buf[n] = '\0';
	while (n && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	return 0;
}

/* An unsigned decimal integer (the whole file). */
static int read_u64(const char *path, uint64_t *out)
{
	char buf[64], *end;
	unsigned long long v;

	if (read_text(path, buf, sizeof(buf)))
		return -1;
	if (!isdigit((unsigned char)buf[0]))
		return bad(path, "expected an unsigned integer, got \"%s\"",
			   buf);
	errno = 0;
	v = strtoull(buf, &end, 10);
	if (errno || *end)
		return bad(path, "expected an unsigned integer, got \"%s\"",
			   buf);
	*out = (uint64_t)v;
	return 0;
}

/* "%#lx" of the flags: "0" or "0x..." (also plain decimal). */
static int read_flags(const char *path, uint64_t *out)
{
	char buf[64], *end;
	unsigned long long v;

	if (read_text(path, buf, sizeof(buf)))
		return -1;
	if (!isdigit((unsigned char)buf[0]))
		return bad(path, "expected flags like 0x3, got \"%s\"", buf);
	errno = 0;
	v = strtoull(buf, &end, 0);
	if (errno || *end)
		return bad(path, "expected flags like 0x3, got \"%s\"", buf);
	*out = (uint64_t)v;
	return 0;
}

/*
 * cpulist "0-3,5" -> sorted unique list. Ids are bounded while parsing
 * (IMPORT_MAX_CPUS, the largest CONFIG_NR_CPUS) and each is checked
 * against a bitmap as its range is read, so a file repeating "0-8191"
 * fails at the first repeat after at most IMPORT_MAX_CPUS steps instead of
 * materialising every repeat first.
 */
static int parse_cpulist(const char *path, const char *s, uint32_t **out,
			 uint32_t *nr)
{
	uint64_t seen[IMPORT_MAX_CPUS / 64] = { 0 };
	uint32_t *v, n = 0;
	const char *p = s;

	if (!*s)
		return bad(path, "empty CPU list (expected e.g. 0-3)");
	while (*p) {
		unsigned long a, b;
		char *end;

		if (!isdigit((unsigned char)*p))
			goto syntax;
		errno = 0;
		a = strtoul(p, &end, 10);
		b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (!isdigit((unsigned char)*p))
				goto syntax;
			b = strtoul(p, &end, 10);
			p = end;
		}
		if (b < a || errno)
			goto syntax;
		if (b >= IMPORT_MAX_CPUS)
			return bad(path,
				   "CPU %lu out of range (at most %u CPUs, "
				   "ids 0..%u)",
				   b, IMPORT_MAX_CPUS, IMPORT_MAX_CPUS - 1);
		for (unsigned long c = a; c <= b; c++) {
			if (seen[c / 64] & (1ull << (c % 64)))
				return bad(path, "CPU %lu listed twice", c);
			seen[c / 64] |= 1ull << (c % 64);
			n++;
		}
		if (*p == ',')
			p++;
		else if (*p)
			goto syntax;
	}
	v = malloc(n * sizeof(*v));
	if (!v)
		return bad(path, "out of memory");
	*nr = n;
	n = 0;
	for (uint32_t c = 0; c < IMPORT_MAX_CPUS; c++)
		if (seen[c / 64] & (1ull << (c % 64)))
			v[n++] = c;
	*out = v;
	return 0;
syntax:
	return bad(path, "expected a CPU list like 0-3 or 0,3-5, got \"%s\"",
		   s);
}

static int cmp_ps(const void *a, const void *b)
{
	const struct ps *x = a, *y = b;
	return (x->frequency > y->frequency) - (x->frequency < y->frequency);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (without . and ..). */
static int list_dir(const char *path, char ***names, size_t *nr)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return bad(path, "%s", strerror(errno));
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **nv = realloc(v, ncap * sizeof(*v));
			if (!nv)
				goto oom;
			v = nv;
			cap = ncap;
		}
		v[n] = strdup(e->d_name);
		if (!v[n])
			goto oom;
		n++;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), cmp_name);
	*names = v;
	*nr = n;
	return 0;
oom:
	closedir(d);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
	return bad(path, "out of memory");
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static bool exists(const char *path)
{
	struct stat st;
	return !stat(path, &st);
}

/* One ps:<freq> directory. */
static int read_ps(const char *pdpath, const char *name, bool have_caps,
		   struct ps *ps, bool *no_perf)
{
	static const char *const files[] = { "frequency", "power", "cost",
					     "performance", "inefficient" };
	uint64_t *dst[] = { &ps->frequency, &ps->power, &ps->cost,
			    &ps->performance, &ps->inefficient };
	char path[4096], *end;
	unsigned long long f;

	errno = 0;
	f = strtoull(name + 3, &end, 10);
	if (!isdigit((unsigned char)name[3]) || *end || errno) {
		path_fmt(path, sizeof(path), "%s/%s", pdpath, name);
		return bad(path, "expected a directory named ps:<kHz>");
	}
	for (size_t i = 0; i < 5; i++) {
		path_fmt(path, sizeof(path), "%s/%s/%s", pdpath, name,
			 files[i]);
		if (!exists(path) && i == 3) {
			if (have_caps) {
				*no_perf = true;
				continue;
			}
			return bad(
				path,
				"missing (the performance file appeared in "
				"Linux v6.9; for older kernels pass "
				"--capacities with each CPU's "
				"/sys/devices/system/cpu/cpuN/cpu_capacity)");
		}
		if (read_u64(path, dst[i]))
			return -1;
	}
	if (ps->frequency != f) {
		path_fmt(path, sizeof(path), "%s/%s/frequency", pdpath, name);
		return bad(path,
			   "frequency %" PRIu64
			   " differs from the directory name",
			   ps->frequency);
	}
	if (ps->inefficient > 1) {
		path_fmt(path, sizeof(path), "%s/%s/inefficient", pdpath, name);
		return bad(path, "expected 0 or 1, got %" PRIu64,
			   ps->inefficient);
	}
	return 0;
}

/* One perf domain directory; returns 1 when it is not a CPU domain. */
static int read_pd(const char *dir, const char *dev, bool have_caps,
		   struct pd *pd)
{
	char path[4096], text[4096];
	char **names = NULL;
	size_t n = 0;
	int err = 0;

	snprintf(pd->dev, sizeof(pd->dev), "%s", dev);
	path_fmt(path, sizeof(path), "%s/%s/cpus", dir, dev);
	if (!exists(path)) {
		fprintf(stderr,
			"eas import-debugfs: note: %s/%s has no cpus file: not "
			"a CPU perf domain, skipped\n",
			dir, dev);
		return 1;
	}
	if (read_text(path, text, sizeof(text)) ||
	    parse_cpulist(path, text, &pd->cpus, &pd->nr_cpus))
		return -1;

	path_fmt(path, sizeof(path), "%s/%s/flags", dir, dev);
	if (exists(path)) {
		if (read_flags(path, &pd->flags))
			return -1;
		pd->have_flags = true;
	} else {
		/* v5.16 .. v6.8: separate files */
		uint64_t v;
		path_fmt(path, sizeof(path), "%s/%s/skip-inefficiencies", dir,
			 dev);
		if (exists(path)) {
			if (read_u64(path, &v))
				return -1;
			if (v > 1)
				return bad(path, "expected 0 or 1");
			pd->flags |= v ? EM_PD_SKIP_INEFFICIENCIES : 0;
			pd->have_flags = true;
		}
		path_fmt(path, sizeof(path), "%s/%s/units", dir, dev);
		if (exists(path)) {
			if (read_text(path, text, sizeof(text)))
				return -1;
			pd->have_flags = true;
			if (!strcmp(text, "microWatts"))
				pd->flags |= EM_PD_MICROWATTS;
			else if (strcmp(text, "bogoWatts"))
				return bad(path,
					   "expected microWatts or "
					   "bogoWatts, got \"%s\"",
					   text);
		} else {
			pd->flags |= EM_PD_MICROWATTS;
		}
	}
	path_fmt(path, sizeof(path), "%s/%s", dir, dev);
	if (pd->flags & EM_PD_ARTIFICIAL)
		return bad(path, "artificial energy model (costs from a "
				 "driver callback, not from power): not "
				 "representable as frequency + power");
	if (pd->have_flags && !(pd->flags & EM_PD_MICROWATTS))
		return bad(path,
			   "power is not in microwatts (flags %#" PRIx64
			   "): abstract power scales are not supported",
			   pd->flags);

	if (list_dir(path, &names, &n))
		return -1;
	for (size_t i = 0; i < n; i++)
		pd->nr_ps += !strncmp(names[i], "ps:", 3);
	if (!pd->nr_ps) {
		free_names(names, n);
		return bad(path, "no ps:<kHz> directories (no perf states)");
	}
	pd->ps = calloc(pd->nr_ps, sizeof(*pd->ps));
	if (!pd->ps) {
		free_names(names, n);
		return bad(path, "out of memory");
	}
	for (size_t i = 0, k = 0; i < n && !err; i++)
		if (!strncmp(names[i], "ps:", 3))
			err = read_ps(path, names[i], have_caps, &pd->ps[k++],
				      &pd->no_perf);
	free_names(names, n);
	if (err)
		return -1;
	qsort(pd->ps, pd->nr_ps, sizeof(*pd->ps), cmp_ps);
	for (uint32_t i = 0; i < pd->nr_ps; i++) {
		if (i && pd->ps[i].frequency == pd->ps[i - 1].frequency)
			return bad(path, "two perf states at %" PRIu64 " kHz",
				   pd->ps[i].frequency);
		if (pd->ps[i].power == 0 ||
		    (!pd->no_perf && pd->ps[i].performance == 0)) {
			path_fmt(path, sizeof(path), "%s/%s/ps:%" PRIu64, dir,
				 dev, pd->ps[i].frequency);
			return bad(path, "power and performance must be > 0");
		}
	}
	return 0;
}

static void free_imp(struct imp *im)
{
	for (uint32_t i = 0; i < im->nr_pds; i++) {
		free(im->pds[i].cpus);
		free(im->pds[i].ps);
	}
	free(im->pds);
	free(im->caps);
	memset(im, 0, sizeof(*im));
}

/*
 * --capacities: one per CPU; the CPUs of a domain share one (the kernel
 * refuses a domain of mixed capacities); where the tree has performance
 * files, the top state's must equal it.
 */
static int check_caps(const struct imp *im)
{
	char path[4096];

	if (im->nr_caps != im->nr_cpus)
		return bad(im->dir,
			   "--capacities gives %" PRIu32 " values for %" PRIu32
			   " CPUs",
			   im->nr_caps, im->nr_cpus);
	for (uint32_t p = 0; p < im->nr_pds; p++) {
		const struct pd *pd = &im->pds[p];
		uint32_t cap = im->caps[pd->cpus[0]];

		path_fmt(path, sizeof(path), "%s/%s", im->dir, pd->dev);
		for (uint32_t i = 1; i < pd->nr_cpus; i++)
			if (im->caps[pd->cpus[i]] != cap)
				return bad(path,
					   "--capacities: CPUs %" PRIu32
					   " and %" PRIu32 " of this perf "
					   "domain differ (%" PRIu32
					   " vs %" PRIu32 ")",
					   pd->cpus[0], pd->cpus[i], cap,
					   im->caps[pd->cpus[i]]);
		if (!pd->no_perf && pd->ps[pd->nr_ps - 1].performance != cap)
			return bad(path,
				   "--capacities says %" PRIu32
				   " but the top state's performance is "
				   "%" PRIu64,
				   cap, pd->ps[pd->nr_ps - 1].performance);
	}
	return 0;
}

/* perf domains ordered by first CPU (the platform file's order) */
static int cmp_pd(const void *a, const void *b)
{
	const struct pd *x = a, *y = b;
	return (x->cpus[0] > y->cpus[0]) - (x->cpus[0] < y->cpus[0]);
}

/* "462,462,1024": capacities 1..1024 of CPUs 0, 1, 2, ... */
static int parse_caps(const char *s, struct imp *im)
{
	uint32_t n = 1, i = 0;
	const char *p;

	for (p = s; *p; p++)
		n += *p == ',';
	im->caps = calloc(n, sizeof(*im->caps));
	if (!im->caps)
		return bad("--capacities", "out of memory");
	for (p = s; i < n; i++) {
		char *end;
		unsigned long v;

		errno = 0;
		v = isdigit((unsigned char)*p) ? strtoul(p, &end, 10) : 0;
		if (!v || errno || v > 1024 || (*end && *end != ',')) {
			free(im->caps);
			im->caps = NULL;
			return bad("--capacities",
				   "expected a comma-separated capacity "
				   "1..1024 per CPU (e.g. 462,462,1024,1024), "
				   "got \"%s\"",
				   s);
		}
		im->caps[i] = (uint32_t)v;
		p = *end ? end + 1 : end;
	}
	im->nr_caps = n;
	return 0;
}

static int read_tree(const char *dir, struct imp *im)
{
	char **names = NULL;
	size_t n = 0;
	uint32_t *owner = NULL;
	char path[4096];
	int err = 0;

	im->dir = dir;
	if (!is_dir(dir))
		return bad(dir, "not a directory (expected a copy of "
				"/sys/kernel/debug/energy_model)");
	if (list_dir(dir, &names, &n))
		return -1;
	im->pds = calloc(n ? n : 1, sizeof(*im->pds));
	if (!im->pds) {
		free_names(names, n);
		return bad(dir, "out of memory");
	}
	for (size_t i = 0; i < n && !err; i++) {
		int r;

		path_fmt(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!is_dir(path))
			continue;
		r = read_pd(dir, names[i], im->nr_caps > 0,
			    &im->pds[im->nr_pds]);
		if (r < 0) {
			err = -1;
			im->nr_pds++; /* free what it holds */
		} else if (r == 0) {
			im->nr_pds++;
		}
	}
	free_names(names, n);
	if (err)
		return -1;
	if (!im->nr_pds)
		return bad(dir, "no CPU perf domain found (expected "
				"directories like cpu0/ with a cpus file)");
	qsort(im->pds, im->nr_pds, sizeof(*im->pds), cmp_pd);
	for (uint32_t p = 0; p < im->nr_pds; p++) {
		const struct pd *pd = &im->pds[p];
		uint32_t last = pd->cpus[pd->nr_cpus - 1];
		if (last + 1 > im->nr_cpus)
			im->nr_cpus = last + 1;
	}
	owner = malloc(im->nr_cpus * sizeof(*owner));
	if (!owner)
		return bad(dir, "out of memory");
	for (uint32_t c = 0; c < im->nr_cpus; c++)
		owner[c] = UINT32_MAX;
	for (uint32_t p = 0; p < im->nr_pds && !err; p++) {
		const struct pd *pd = &im->pds[p];
		for (uint32_t i = 0; i < pd->nr_cpus && !err; i++) {
			uint32_t c = pd->cpus[i];
			if (owner[c] != UINT32_MAX) {
				path_fmt(path, sizeof(path), "%s/%s/cpus", dir,
					 pd->dev);
				err = bad(path,
					  "CPU %" PRIu32
					  " is also in %s/%s/cpus "
					  "(perf domains overlap)",
					  c, dir, im->pds[owner[c]].dev);
			}
			owner[c] = p;
		}
	}
	for (uint32_t c = 0; c < im->nr_cpus && !err; c++)
		if (owner[c] == UINT32_MAX)
			err = bad(dir,
				  "CPU %" PRIu32 " is in no perf domain (CPUs "
				  "0..%" PRIu32 " must all be covered)",
				  c, im->nr_cpus - 1);
	free(owner);
	if (!err && im->nr_caps)
		err = check_caps(im);
	return err;
}

static void write_platform(FILE *f, const struct imp *im, const char *name)
{
	uint32_t *cap = calloc(im->nr_cpus, sizeof(*cap));

	fputs("{\n  \"format\": \"libeas-platform/1\",\n  \"name\": ", f);
	eas_cli_json_string(f, name);
	fputs(",\n  \"notes\": [\"imported by eas import-debugfs from a "
	      "copy of /sys/kernel/debug/energy_model\"],\n  \"cpus\": [\n",
	      f);
	for (uint32_t p = 0; cap && p < im->nr_pds; p++) {
		const struct pd *pd = &im->pds[p];
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			cap[pd->cpus[i]] =
				im->nr_caps ? im->caps[pd->cpus[i]] :
					      (uint32_t)pd->ps[pd->nr_ps - 1]
						      .performance;
	}
	for (uint32_t c = 0; c < im->nr_cpus; c++)
		fprintf(f,
			"    { \"cpu\": %" PRIu32 ", \"capacity\": %" PRIu32
			" }%s\n",
			c, cap ? cap[c] : 0, c + 1 < im->nr_cpus ? "," : "");
	fputs("  ],\n  \"perf_domains\": [\n", f);
	for (uint32_t p = 0; p < im->nr_pds; p++) {
		const struct pd *pd = &im->pds[p];

		fputs("    {\n      \"name\": ", f);
		eas_cli_json_string(f, pd->dev);
		fputs(",\n      \"cpus\": [", f);
		for (uint32_t i = 0; i < pd->nr_cpus; i++)
			fprintf(f, "%s%" PRIu32, i ? ", " : "", pd->cpus[i]);
		fprintf(f,
			"],\n      \"skip_inefficiencies\": %s,\n"
			"      \"states\": [\n",
			(pd->flags & EM_PD_SKIP_INEFFICIENCIES) ? "true" :
								  "false");
		for (uint32_t s = 0; s < pd->nr_ps; s++)
			fprintf(f,
				"        { \"frequency_khz\": %" PRIu64
				", \"power_uw\": %" PRIu64 " }%s\n",
				pd->ps[s].frequency, pd->ps[s].power,
				s + 1 < pd->nr_ps ? "," : "");
		fprintf(f, "      ]\n    }%s\n", p + 1 < im->nr_pds ? "," : "");
	}
	fputs("  ]\n}\n", f);
	free(cap);
}

/*
 * Load the generated platform back for v6.19 and compare the rebuilt
 * energy model with what the device reported.
 */
static int verify(const struct imp *im, const char *text, size_t len)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	char msg[512];
	int err = 0;

	if (eas_json_platform_load(text, len, EAS_KERNEL_V6_19, 0, &jp, &d)) {
		return bad(im->dir, "the imported platform does not load: %s",
			   eas_json_diag_format(&d, "(generated)", msg,
						sizeof(msg)));
	}
	for (uint32_t p = 0; p < im->nr_pds && !err; p++) {
		const struct pd *pd = &im->pds[p];
		const struct eas_perf_domain *epd =
			&jp.pf.pds[jp.pf.cpus[pd->cpus[0]].pd];

		if (pd->no_perf) {
			/* before v6.9 the cost was computed differently
			 * (no performance): nothing to compare */
			fprintf(stderr,
				"eas import-debugfs: note: %s/%s has no "
				"performance files (kernel before v6.9): "
				"costs not verified\n",
				im->dir, pd->dev);
			continue;
		}

		for (uint32_t s = 0; s < pd->nr_ps && !err; s++) {
			const struct eas_perf_state *es = &epd->table[s];
			bool ineff = es->flags & EAS_PERF_STATE_INEFFICIENT;

			if (es->performance != pd->ps[s].performance ||
			    es->cost != pd->ps[s].cost ||
			    ineff != (pd->ps[s].inefficient != 0))
				err = bad(
					im->dir,
					"%s/ps:%" PRIu64 ": the device reports "
					"performance %" PRIu64 ", cost %" PRIu64
					", inefficient %" PRIu64
					" but v6.19 rebuilds %" PRIu64
					", %" PRIu64 ", %d (not a v6.9+ EM, "
					"or a runtime-modified table)",
					pd->dev, pd->ps[s].frequency,
					pd->ps[s].performance, pd->ps[s].cost,
					pd->ps[s].inefficient, es->performance,
					es->cost, (int)ineff);
		}
	}
	eas_json_platform_free(&jp);
	return err;
}

int eas_cli_import_debugfs(const char *dir, enum eas_kernel k, const char *caps,
			   const char *name, char **text, size_t *len)
{
	struct imp im;
	FILE *mem;
	int err;

	*text = NULL;
	*len = 0;
	memset(&im, 0, sizeof(im));
	if (caps && parse_caps(caps, &im))
		return -1;
	if (read_tree(dir, &im)) {
		free_imp(&im);
		return -1;
	}
	mem = open_memstream(text, len);
	if (!mem) {
		free_imp(&im);
		return bad(dir, "out of memory");
	}
	write_platform(mem, &im, name);
	if (fclose(mem) || !*text) {
		free(*text);
		*text = NULL;
		free_imp(&im);
		return bad(dir, "out of memory");
	}
	err = k != EAS_KERNEL_V5_4 ? verify(&im, *text, *len) : 0;
	free_imp(&im);
	if (err) {
		free(*text);
		*text = NULL;
		*len = 0;
	}
	return err ? -1 : 0;
}

int eas_cmd_import_debugfs(int argc, char **argv)
{
	static const struct eas_cli_cmd cmd = { "import-debugfs", imp_usage };
	const char *dir = NULL, *out = NULL, *name = NULL, *karg = NULL;
	enum eas_kernel k = EAS_KERNEL_DEFAULT;
	struct imp im;
	const char *caps = NULL;
	char *text = NULL, base[256];
	size_t len = 0;
	int err;

	for (int i = 1, r; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			imp_usage(stdout);
			return EAS_EXIT_OK;
		} else if ((r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--kernel", "-k", &karg)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--name", NULL, &name)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i, "-o",
						  NULL, &out)) ||
			   (r = eas_cli_value_opt(&cmd, argc, argv, &i,
						  "--capacities", NULL,
						  &caps))) {
			if (r < 0)
				return EAS_EXIT_USAGE;
		} else if (a[0] == '-' && a[1]) {
			return eas_cli_usage_error(&cmd, "unknown option '%s'",
						   a);
		} else if (!dir) {
			dir = a;
		} else {
			return eas_cli_usage_error(
				&cmd, "unexpected argument '%s' (one DIR only)",
				a);
		}
	}
	if (!dir)
		return eas_cli_usage_error(&cmd, "missing DIR");
	if (karg && eas_cli_parse_kernel(&cmd, karg, &k))
		return EAS_EXIT_USAGE;
	if (caps) {
		/* checked here so that a bad value is a usage error */
		memset(&im, 0, sizeof(im));
		if (parse_caps(caps, &im)) {
			/* parse_caps() said what is wrong in one line */
			fputc('\n', stderr);
			imp_usage(stderr);
			return EAS_EXIT_USAGE;
		}
		free_imp(&im);
	}
	if (!name) {
		size_t l = strlen(dir);
		while (l > 1 && dir[l - 1] == '/')
			l--;
		const char *s = dir + l;
		while (s > dir && s[-1] != '/')
			s--;
		snprintf(base, sizeof(base), "%.*s", (int)(dir + l - s), s);
		name = base;
	}
	err = eas_cli_import_debugfs(dir, k, caps, name, &text, &len);
	if (!err) {
		FILE *f =
			out ? eas_cli_open_output("import-debugfs", "-o", out) :
			      stdout;
		if (!f) {
			err = -1;
		} else {
			if (fwrite(text, 1, len, f) != len || fflush(f))
				err = bad(out ? out : "stdout", "write error");
			if (out && fclose(f) && !err)
				err = bad(out, "%s", strerror(errno));
		}
	}
	free(text);
	return err ? EAS_EXIT_INPUT : EAS_EXIT_OK;
}
