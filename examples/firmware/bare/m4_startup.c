/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M4 startup for QEMU's mps2-an386: the vector table (initial
 * stack pointer, reset and fault handlers) and the reset handler, which
 * copies .data from its load address, zeroes .bss and calls main().
 * Symbols come from m4_mps2_an386.ld.
 */
#include "semihost.h"

#include <stdint.h>

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_top[];

int main(void);
void fw_reset(void);
void fw_fault(void);

__attribute__((noreturn)) void fw_reset(void)
{
	uint32_t *s = __data_load, *d = __data_start;

	while (d < __data_end)
		*d++ = *s++;
	for (d = __bss_start; d < __bss_end;)
		*d++ = 0;
	sh_exit(main() == 0);
}

/* Any fault or unexpected interrupt: say so and stop QEMU with an
 * error (the test then fails instead of hanging until its timeout). */
__attribute__((noreturn)) void fw_fault(void)
{
	sh_write0("fault: unexpected exception\n");
	sh_exit(0);
}

typedef void (*fw_vector)(void);

/* ARMv7-M vector table: SP, Reset, NMI, HardFault, MemManage, BusFault,
 * UsageFault, 4 reserved, SVCall, DebugMon, reserved, PendSV, SysTick. */
__attribute__((section(".vectors"), used)) const fw_vector fw_vectors[16] = {
	(fw_vector)(uintptr_t)__stack_top,
	fw_reset,
	fw_fault,
	fw_fault,
	fw_fault,
	fw_fault,
	fw_fault,
	0,
	0,
	0,
	0,
	fw_fault,
	fw_fault,
	0,
	fw_fault,
	fw_fault,
};
