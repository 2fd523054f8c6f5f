/* SPDX-License-Identifier: MIT */
/*
 * The RTOS loop (rtos_loop.c) as bare-metal firmware: the startup code,
 * linker script and semihosting of ../bare, output over semihosting.
 */
#include "../bare/semihost.h"
#include "rtos_loop.h"

int main(void);

static void out(const char *s)
{
	sh_write0(s);
}

int main(void)
{
	return rtos_run(out) ? 1 : 0;
}
