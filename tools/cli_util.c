/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L /* fstat(), fileno() */
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static size_t max_input = EAS_CLI_MAX_INPUT_DEFAULT;

void eas_cli_set_max_input(size_t bytes)
{
	max_input = bytes;
}

size_t eas_cli_max_input(void)
{
	return max_input;
}

static const char *file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* Regular files and pipes/FIFOs are read; anything else is refused
 * (a device such as /dev/zero never ends, a directory is no file). */
static bool readable_kind(mode_t m)
{
	return S_ISREG(m) || S_ISFIFO(m);
}

char *eas_cli_read_file(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "eas: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (!readable_kind(st.st_mode)) {
		fprintf(stderr, "eas: %s: is %s, expected a file\n", path,
			file_kind(st.st_mode));
		return NULL;
	}
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "eas: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	/* the file may have been replaced between stat() and fopen() */
	if (fstat(fileno(f), &st) || !readable_kind(st.st_mode)) {
		fprintf(stderr, "eas: %s: is %s, expected a file\n", path,
			file_kind(st.st_mode));
		fclose(f);
		return NULL;
	}
	if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max_input)
		goto too_large;
	for (;;) {
		if (cap - n < 4096) {
			/* one byte more than the cap, to see it exceeded */
			size_t ncap = cap ? cap * 2 : 65536;

			if (ncap > max_input + 1)
				ncap = max_input + 1;
			if (ncap <= cap)
				ncap = cap + 4096;
			char *nb = realloc(buf, ncap + 1);
			if (!nb) {
				fprintf(stderr, "eas: %s: out of memory\n",
					path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n > max_input) {
			free(buf);
			goto too_large;
		}
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "eas: %s: read error\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
too_large:
	fprintf(stderr,
		"eas: %s: larger than %zu bytes (the input limit; raise it "
		"with --max-input-bytes)\n",
		path, max_input);
	fclose(f);
	return NULL;
}

FILE *eas_cli_open_output(const char *cmd, const char *opt, const char *path)
{
	struct stat st;
	FILE *f;

	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		fprintf(stderr,
			"eas %s: %s%s%s: is a directory, expected a file\n",
			cmd, opt ? opt : "", opt ? " " : "", path);
		return NULL;
	}
	f = fopen(path, "w");
	if (!f)
		fprintf(stderr, "eas %s: %s%s%s: cannot write: %s\n", cmd,
			opt ? opt : "", opt ? " " : "", path, strerror(errno));
	return f;
}

/* The document's "format" value, by a cheap look at its text (for hints
 * only: the real check is the loader's). */
static const char *format_of(const char *buf)
{
	if (strstr(buf, "\"libeas-scenario/1\""))
		return "scenario";
	if (strstr(buf, "\"libeas-platform/1\""))
		return "platform";
	if (strstr(buf, "\"tasks\""))
		return "workload";
	return NULL;
}

void eas_cli_hint_swapped(const char *cmd, const char *file, const char *buf,
			  const char *want, const char *order)
{
	const char *is = buf ? format_of(buf) : NULL;

	if (is && strcmp(is, want))
		fprintf(stderr,
			"eas %s: %s looks like a %s; arguments are %s\n", cmd,
			file, is, order);
}

int eas_cli_check_platform(const char *cmd, const char *sc_file,
			   const char *sc_platform, const char *pf_file,
			   const char *pf_name)
{
	if (!sc_platform[0] || !strcmp(sc_platform, pf_name))
		return 0;
	if (!pf_name[0])
		fprintf(stderr,
			"eas %s: %s: /platform: the scenario is for platform "
			"'%s', but %s has no \"name\" to match\n",
			cmd, sc_file, sc_platform, pf_file);
	else
		fprintf(stderr,
			"eas %s: %s: /platform: the scenario is for platform "
			"'%s', not '%s' (the \"name\" of %s)\n",
			cmd, sc_file, sc_platform, pf_name, pf_file);
	return -1;
}

int eas_cli_usage_error(const struct eas_cli_cmd *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "eas %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
	if (c->usage)
		c->usage(stderr);
	return EAS_EXIT_USAGE;
}

int eas_cli_value_opt(const struct eas_cli_cmd *c, int argc, char **argv,
		      int *i, const char *name, const char *alias,
		      const char **val)
{
	const char *a = argv[*i], *v;
	size_t nl = strlen(name);

	if (!strcmp(a, name) || (alias && !strcmp(a, alias))) {
		if (*i + 1 >= argc) {
			eas_cli_usage_error(c, "%s needs a value", a);
			return -1;
		}
		v = argv[*i + 1];
		if (v[0] == '-' && v[1] == '-') {
			eas_cli_usage_error(c,
					    "%s needs a value (got the option "
					    "'%s')",
					    a, v);
			return -1;
		}
		++*i;
	} else if (!strncmp(a, name, nl) && a[nl] == '=') {
		v = a + nl + 1;
	} else {
		return 0;
	}
	if (!v[0]) {
		eas_cli_usage_error(c, "%s needs a value (got an empty one)",
				    name);
		return -1;
	}
	if (*val && strcmp(*val, v)) {
		eas_cli_usage_error(c, "%s given twice ('%s' and '%s')", name,
				    *val, v);
		return -1;
	}
	*val = v;
	return 1;
}

int eas_cli_parse_u64(const struct eas_cli_cmd *c, const char *opt,
		      const char *v, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long x;

	errno = 0;
	if (!v || v[0] < '0' || v[0] > '9' ||
	    (x = strtoull(v, &end, 10), *end) || errno == ERANGE || x < min ||
	    x > max) {
		if (max == UINT64_MAX)
			eas_cli_usage_error(
				c,
				"%s: expected an integer >= %" PRIu64
				", got '%s'",
				opt, min, v ? v : "");
		else
			eas_cli_usage_error(c,
					    "%s: expected an integer from "
					    "%" PRIu64 " to %" PRIu64
					    ", got '%s'",
					    opt, min, max, v ? v : "");
		return -1;
	}
	*out = x;
	return 0;
}

int eas_cli_common_opt(const struct eas_cli_cmd *c, int argc, char **argv,
		       int *i)
{
	static const char opt[] = "--max-input-bytes";
	const char *v = NULL;
	uint64_t x;
	int r = eas_cli_value_opt(c, argc, argv, i, opt, NULL, &v);

	if (r <= 0)
		return r;
	if (eas_cli_parse_u64(c, opt, v, 1, SIZE_MAX - 4096, &x))
		return -1;
	/* a repeat with another value is caught here: the option's value
	 * lives in the process-wide cap */
	if (max_input != EAS_CLI_MAX_INPUT_DEFAULT && max_input != (size_t)x) {
		eas_cli_usage_error(c, "%s given twice", opt);
		return -1;
	}
	max_input = (size_t)x;
	return 1;
}

int eas_cli_parse_kernel(const struct eas_cli_cmd *c, const char *arg,
			 enum eas_kernel *out)
{
	if (!arg || eas_kernel_parse(arg, out) != 0) {
		eas_cli_usage_error(
			c, "--kernel: expected v5.4, v6.19 or v7.1, got '%s'",
			arg ? arg : "");
		return -1;
	}
	return 0;
}

void eas_cli_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}
