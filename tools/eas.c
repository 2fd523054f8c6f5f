/* SPDX-License-Identifier: MIT */
/* eas: the libeas command-line tool (dispatcher). */
#include "cli.h"

#include <libeas/version.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} cmds[] = {
	{ "simulate", eas_cmd_simulate,
	  "[PLATFORM] [WORKLOAD] [options]  run a workload over simulated time" },
	{ "em", eas_cmd_em,
	  "PLATFORM [--kernel K] [--json]  the energy model" },
	{ "place", eas_cmd_place,
	  "PLATFORM SCENARIO [--kernel K] [--json]  wake-up placement\n"
	  "  eas place PLATFORM DIR --expect  check scenarios' \"expect\"" },
	{ "balance", eas_cmd_balance,
	  "PLATFORM SCENARIO [--kernel K] [--json]  load-balance decisions" },
	{ "import-debugfs", eas_cmd_import_debugfs,
	  "DIR  a platform file from /sys/kernel/debug/energy_model" },
	{ "gen-c", eas_cmd_gen_c, "PLATFORM  a const C table for firmware" },
	{ "sweep", eas_cmd_sweep,
	  "LIST [--shard I/N] [--out FILE]  simulate a list of cases, "
	  "JSON lines" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: eas COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  eas %s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n  eas --version    print the libeas version\n"
		   "  eas COMMAND --help    help for one command\n"
		   "\nKernel flavours:");
	/* from the library, so the list cannot fall behind a new flavour */
	for (unsigned k = 0; k < EAS_KERNEL_COUNT; k++)
		fprintf(f, "%s %s", k ? "," : "",
			eas_kernel_name((enum eas_kernel)k));
	fprintf(f, " (default %s).\n", eas_kernel_name(EAS_KERNEL_DEFAULT));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EAS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("eas (libeas) %s\n", eas_version_string());
		return EAS_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EAS_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "eas: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return EAS_EXIT_USAGE;
}
