/* SPDX-License-Identifier: MIT */
/*
 * Built only in EAS_SANITIZE builds that include "undefined": a signed
 * overflow that UBSan must report AND stop on (-fno-sanitize-recover=all),
 * proving the project-wide sanitizer flags reach every target.
 */
#include <limits.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	int x = INT_MAX - 1 + argc; /* INT_MAX when run without arguments */

	(void)argv;
	x += 1;
	printf("not reached in a sanitizer build: %d\n", x);
	return 0;
}
