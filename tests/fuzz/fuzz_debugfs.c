/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: a debugfs energy_model tree -> eas_cli_import_debugfs()
 * (what `eas import-debugfs` runs, tools/cmd_import_debugfs.c).
 *
 * The input describes the tree as text, one entry per header line:
 *
 *   == cpu0/cpus          a regular file; the lines up to the next header
 *   0-3                   are its content (newline kept)
 *   == cpu0/ps:500000/power
 *   12345
 *   => fifo cpu4/cpus     a FIFO (no writer: a blocking open hangs)
 *   => zero cpu4/flags    a symlink to /dev/zero (never ends)
 *   => dir gpu/ps:1       an empty directory
 *
 * Paths are relative, of at most 4 components of [A-Za-z0-9:._-] (no "."
 * or ".."), so the tree stays inside a fresh scratch directory under
 * $TMPDIR, removed after each input. A first line "caps C0,C1,..." passes
 * --capacities.
 *
 * Properties: the import never hangs, crashes or leaks; on success the
 * platform text it made loads for v6.19 (the import verified it) and has
 * at most 8192 CPUs; the v5.4 import (no verification) of the same tree
 * succeeds whenever the v6.19 one does.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp(), mkfifo(), symlink() */
#include "fuzz_common.h"

#include "cli.h"

#include <libeas/json.h>

#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_ENTRIES 256

static char base[512];

static bool good_path(const char *p, size_t n)
{
	size_t comp = 0, depth = 1;

	if (!n || n > 200)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (c == '/') {
			if (!comp)
				return false;
			if (comp <= 2 && p[i - 1] == '.' &&
			    (comp == 1 || p[i - 2] == '.'))
				return false;
			comp = 0;
			if (++depth > 4)
				return false;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == ':' || c == '.' ||
		      c == '_' || c == '-'))
			return false;
		comp++;
	}
	if (!comp)
		return false;
	if (comp <= 2 && p[n - 1] == '.' && (comp == 1 || p[n - 2] == '.'))
		return false;
	return true;
}

/* mkdir -p of the parents of root/rel. */
static bool make_parents(const char *root, const char *rel)
{
	char path[1024];
	int n = snprintf(path, sizeof(path), "%s/%s", root, rel);
	size_t skip = strlen(root) + 1;

	if (n < 0 || (size_t)n >= sizeof(path))
		return false;
	for (char *s = path + skip; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(path, 0700) && access(path, F_OK)) {
			*s = '/';
			return false;
		}
		*s = '/';
	}
	return true;
}

static void rm_tree(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[1024];

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	d = opendir(path);
	if (d) {
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			rm_tree(sub);
		}
		closedir(d);
	}
	rmdir(path);
}

/* Materialises the tree described by data under root; *caps gets the
 * "caps" value (malloc'd) if any. */
static void build_tree(const char *root, const char *data, size_t size,
		       char **caps)
{
	const char *p = data, *end = data + size;
	int entries = 0;

	*caps = NULL;
	if (size >= 5 && !memcmp(p, "caps ", 5)) {
		const char *nl = memchr(p, '\n', size);
		size_t n = (size_t)((nl ? nl : end) - (p + 5));

		*caps = malloc(n + 1);
		FUZZ_CHECK(*caps != NULL);
		memcpy(*caps, p + 5, n);
		(*caps)[n] = '\0';
		if (memchr(*caps, '\0', n))
			(*caps)[0] = '\0';
		p = nl ? nl + 1 : end;
	}
	while (p < end && entries < MAX_ENTRIES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *next = nl ? nl + 1 : end;
		char rel[256], path[1024];
		const char *name;
		size_t n;
		int kind; /* 0 file, 1 fifo, 2 zero, 3 dir */

		if (le - p >= 3 && !memcmp(p, "== ", 3)) {
			kind = 0;
			name = p + 3;
		} else if (le - p >= 8 && !memcmp(p, "=> fifo ", 8)) {
			kind = 1;
			name = p + 8;
		} else if (le - p >= 8 && !memcmp(p, "=> zero ", 8)) {
			kind = 2;
			name = p + 8;
		} else if (le - p >= 7 && !memcmp(p, "=> dir ", 7)) {
			kind = 3;
			name = p + 7;
		} else {
			p = next; /* content outside any file: ignored */
			continue;
		}
		n = (size_t)(le - name);
		p = next;
		/* the content: lines up to the next header */
		const char *c = p;
		while (p < end && !(end - p >= 3 && (!memcmp(p, "== ", 3) ||
						     !memcmp(p, "=> ", 3)))) {
			const char *q = memchr(p, '\n', (size_t)(end - p));
			p = q ? q + 1 : end;
		}
		if (!good_path(name, n) || n >= sizeof(rel))
			continue;
		memcpy(rel, name, n);
		rel[n] = '\0';
		entries++;
		if (!make_parents(root, rel))
			continue;
		snprintf(path, sizeof(path), "%s/%s", root, rel);
		if (kind == 1) {
			(void)mkfifo(path, 0600);
		} else if (kind == 2) {
			(void)symlink("/dev/zero", path);
		} else if (kind == 3) {
			(void)mkdir(path, 0700);
		} else {
			/* a new regular file only: opening an earlier entry's
			 * FIFO for writing would block the harness itself */
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);

			if (fd >= 0) {
				ssize_t w = write(fd, c, (size_t)(p - c));

				(void)w;
				close(fd);
			}
		}
	}
}

static void remove_base(void)
{
	rm_tree(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char root[600], *caps, *text = NULL;
	size_t len = 0;
	int r619, r54;

	if (!base[0]) {
		const char *t = getenv("TMPDIR");

		snprintf(base, sizeof(base), "%s/eas_fuzz_debugfs.XXXXXX",
			 t && t[0] ? t : "/tmp");
		FUZZ_CHECK(mkdtemp(base) != NULL);
		atexit(remove_base);
	}
	snprintf(root, sizeof(root), "%s/t", base);
	rm_tree(root);
	FUZZ_CHECK(mkdir(root, 0700) == 0);
	build_tree(root, (const char *)data, size, &caps);

	r619 = eas_cli_import_debugfs(root, EAS_KERNEL_V6_19, caps, "fuzz",
				      &text, &len);
	if (!r619) {
		struct eas_json_platform jp;
		struct eas_json_diag d;

		FUZZ_CHECK(text != NULL && len == strlen(text));
		FUZZ_CHECK(eas_json_platform_load(text, len, EAS_KERNEL_V6_19,
						  0, &jp, &d) == 0);
		FUZZ_CHECK(jp.pf.nr_cpus <= 8192);
		eas_json_platform_free(&jp);
	} else {
		FUZZ_CHECK(text == NULL);
	}
	free(text);
	text = NULL;
	r54 = eas_cli_import_debugfs(root, EAS_KERNEL_V5_4, caps, "fuzz", &text,
				     &len);
	FUZZ_CHECK(r619 != 0 || r54 == 0);
	free(text);
	free(caps);
	rm_tree(root);
	return 0;
}
