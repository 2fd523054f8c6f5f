/* SPDX-License-Identifier: MIT */
/*
 * RV32 C startup (after rv32_start.S): copies .data from its load
 * address, zeroes .bss and calls main(). Symbols come from rv32_virt.ld.
 */
#include "semihost.h"

#include <stdint.h>

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];

int main(void);
void fw_rv_start(void);

__attribute__((noreturn)) void fw_rv_start(void)
{
	uint32_t *s = __data_load, *d = __data_start;

	if (s != d)
		while (d < __data_end)
			*d++ = *s++;
	for (d = __bss_start; d < __bss_end;)
		*d++ = 0;
	sh_exit(main() == 0);
}
