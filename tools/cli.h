/* SPDX-License-Identifier: MIT */
/*
 * Shared helpers of the eas command (hosted code: stdio and malloc are fine
 * here). Each subcommand lives in its own tools/cmd_*.c and returns the
 * process exit status: 0 success, 1 bad input (message on stderr naming
 * the file, the JSON path and what is wrong), 2 bad usage.
 */
#ifndef EAS_TOOLS_CLI_H
#define EAS_TOOLS_CLI_H

#include <libeas/common.h>
#include <stdio.h>

#define EAS_EXIT_OK 0
#define EAS_EXIT_INPUT 1
#define EAS_EXIT_USAGE 2

int eas_cmd_em(int argc, char **argv);
int eas_cmd_place(int argc, char **argv);
int eas_cmd_balance(int argc, char **argv);
int eas_cmd_simulate(int argc, char **argv);
int eas_cmd_import_debugfs(int argc, char **argv);
int eas_cmd_gen_c(int argc, char **argv);

/* Reads a whole file (NUL-terminated, *len without the NUL). NULL on error
 * with a message on stderr. Free with free(). */
char *eas_cli_read_file(const char *path, size_t *len);

/* Parses a --kernel value; prints a usage error and returns -1 if bad. */
int eas_cli_parse_kernel(const char *arg, enum eas_kernel *out);

/* Prints a JSON string literal (quotes and escapes) to f. */
void eas_cli_json_string(FILE *f, const char *s);

#endif /* EAS_TOOLS_CLI_H */
