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
#include <stddef.h>
#include <stdint.h>
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
int eas_cmd_sweep(int argc, char **argv);

/* ---- input files ------------------------------------------------------ */

/* Default cap of one input file (docs/formats.md §4, --max-input-bytes). */
#define EAS_CLI_MAX_INPUT_DEFAULT ((size_t)64 << 20)

/* The cap eas_cli_read_file() applies (process-wide, set from the
 * command line). */
void eas_cli_set_max_input(size_t bytes);
size_t eas_cli_max_input(void);

/*
 * Reads a whole input file (NUL-terminated, *len without the NUL). Only a
 * regular file or a pipe/FIFO is read (a directory, a device such as
 * /dev/zero, a socket is refused before it is opened), and at most
 * eas_cli_max_input() bytes: a larger file is refused ("larger than N
 * bytes"). NULL on error with a one-line message on stderr naming the
 * file. Free with free().
 */
char *eas_cli_read_file(const char *path, size_t *len);

/* Opens an output file for writing ("w"); on failure prints
 * "eas CMD: OPT PATH: <why>" (e.g. "is a directory") and returns NULL. */
FILE *eas_cli_open_output(const char *cmd, const char *opt, const char *path);

/*
 * After a load of `file` as `want` ("platform", "scenario") failed: if its
 * text is in fact another libeas format (or, for a platform, an rt-app
 * workload), prints "eas CMD: FILE looks like a scenario; arguments are
 * ORDER" (order e.g. "PLATFORM SCENARIO").
 */
void eas_cli_hint_swapped(const char *cmd, const char *file, const char *buf,
			  const char *want, const char *order);

/*
 * A scenario's "platform" against the loaded platform's "name": 0 if the
 * scenario names none or the same, else a one-line error naming both files
 * and -1.
 */
int eas_cli_check_platform(const char *cmd, const char *sc_file,
			   const char *sc_platform, const char *pf_file,
			   const char *pf_name);

/* ---- arguments ---------------------------------------------------------- */

/* One subcommand's name ("em") and usage text, for argument errors. */
struct eas_cli_cmd {
	const char *name;
	void (*usage)(FILE *f);
};

/* "eas NAME: <what was wrong>" on one line, a blank line, then the usage,
 * all on stderr. Returns EAS_EXIT_USAGE. */
int eas_cli_usage_error(const struct eas_cli_cmd *c, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/*
 * An option with a value, given as "NAME V", "ALIAS V" (alias may be NULL)
 * or "NAME=V". Returns 0 if argv[*i] is not this option; 1 if it is (the
 * value in *val, *i advanced past it); -1 after eas_cli_usage_error() when
 * the value is missing (the last argument, or another option) or the
 * option was already given with a different value (a repeated option
 * with the same value is accepted).
 */
int eas_cli_value_opt(const struct eas_cli_cmd *c, int argc, char **argv,
		      int *i, const char *name, const char *alias,
		      const char **val);

/*
 * The options every subcommand that reads files accepts: today
 * --max-input-bytes N. Same return convention as eas_cli_value_opt().
 */
int eas_cli_common_opt(const struct eas_cli_cmd *c, int argc, char **argv,
		       int *i);

/* A decimal integer in [min, max] for option opt: 0, or -1 after
 * eas_cli_usage_error() ("--hz: expected an integer from 1 to 10000, got
 * '0'"). */
int eas_cli_parse_u64(const struct eas_cli_cmd *c, const char *opt,
		      const char *v, uint64_t min, uint64_t max, uint64_t *out);

/* Parses a --kernel value: 0, or -1 after eas_cli_usage_error(). */
int eas_cli_parse_kernel(const struct eas_cli_cmd *c, const char *arg,
			 enum eas_kernel *out);

/*
 * The platform file text `eas import-debugfs` makes of the debugfs copy
 * DIR (tools/cmd_import_debugfs.c): caps is the --capacities value or
 * NULL, name the platform's name; with k = v6.19 the text is verified by
 * loading it back. 0 with *text (free() it), or -1 with a message on
 * stderr naming the offending path.
 */
int eas_cli_import_debugfs(const char *dir, enum eas_kernel k, const char *caps,
			   const char *name, char **text, size_t *len);

/*
 * eas place PLATFORM DIR|FILE --expect (tools/cmd_place_expect.c): every
 * scenario file of DIR (*.json, by name) or FILE placed and checked
 * against its "expect"; one ok / FAIL line each and "N passed, M failed"
 * on stdout. karg: the --kernel value or NULL (then each scenario's
 * "kernel", else k). Returns the exit status (0 only if all passed).
 */
int eas_cli_place_expect(const char *pf_file, const char *target,
			 const char *karg, enum eas_kernel k, uint32_t opts);

/* Prints a JSON string literal (quotes and escapes) to f. */
void eas_cli_json_string(FILE *f, const char *s);

#endif /* EAS_TOOLS_CLI_H */
