/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L /* mkdtemp() */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

char *eas_test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (n < 0) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

int eas_test_run(const char *cmd)
{
	int st = system(cmd);

	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* $TMPDIR, else the system's temporary directory. */
static const char *tmp_dir(void)
{
	const char *t = getenv("TMPDIR");

	return t && t[0] ? t : "/tmp";
}

int eas_test_mkdtemp(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/eas_%s.XXXXXX", tmp_dir(), name);

	if (n < 0 || (size_t)n >= size)
		return -1;
	return mkdtemp(buf) ? 0 : -1;
}

int eas_test_mkstemp(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/eas_%s.XXXXXX", tmp_dir(), name);

	if (n < 0 || (size_t)n >= size)
		return -1;
	return mkstemp(buf);
}

int eas_test_rmtree(const char *dir)
{
	char cmd[1024];
	int n = snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);

	if (n < 0 || (size_t)n >= sizeof(cmd))
		return -1;
	return eas_test_run(cmd) == 0 ? 0 : -1;
}
