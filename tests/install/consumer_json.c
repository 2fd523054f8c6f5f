/* SPDX-License-Identifier: MIT */
/* Links libeas::json from the installed package: compiles against json.h
 * (no json-c type in it) and resolves the loader's symbols. */
#include <libeas/json.h>

#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argv;
	/* Never called, but linked: the loader and json-c must resolve. */
	if (argc > 99)
		return eas_json_platform_load("{}", 2, EAS_KERNEL_DEFAULT, 0,
					      NULL, NULL);
	printf("consumer_json: libeas::json linked\n");
	return 0;
}
