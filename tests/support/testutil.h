/* SPDX-License-Identifier: MIT */
/*
 * Small hosted helpers shared by the tests that run the eas tool, write
 * scratch files or read whole files.
 */
#ifndef EAS_TESTS_TESTUTIL_H
#define EAS_TESTS_TESTUTIL_H

#include <stddef.h>

/* A whole file, NUL-terminated (*len without the NUL); NULL if it cannot
 * be read. Free with free(). */
char *eas_test_slurp(const char *path, size_t *len);

/* Exit status of a shell command, -1 if it did not exit normally. */
int eas_test_run(const char *cmd);

/* mkdtemp() of $TMPDIR/eas_<name>.XXXXXX (default directory: the
 * system's) into buf. 0 or -1. */
int eas_test_mkdtemp(char *buf, size_t size, const char *name);

/* mkstemp() of the same pattern: the open descriptor, or -1. */
int eas_test_mkstemp(char *buf, size_t size, const char *name);

/* rm -rf of a directory made by eas_test_mkdtemp(). 0 or -1. */
int eas_test_rmtree(const char *dir);

#endif /* EAS_TESTS_TESTUTIL_H */
