/* SPDX-License-Identifier: MIT */
/*
 * The RTOS loop (rtos_loop.c) on the host: prints what the bare-metal
 * build (rtos_bare.c) must print on QEMU, byte for byte.
 */
#include "rtos_loop.h"

#include <stdio.h>

static void out(const char *s)
{
	fputs(s, stdout);
}

int main(void)
{
	return rtos_run(out) ? 1 : 0;
}
