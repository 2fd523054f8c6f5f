/* SPDX-License-Identifier: MIT */
/* Placeholder until this subcommand is implemented. */
#include "cli.h"

int eas_cmd_place(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "eas: not implemented yet\n");
	return EAS_EXIT_USAGE;
}
