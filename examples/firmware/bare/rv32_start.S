/* SPDX-License-Identifier: MIT */
/*
 * RV32 entry for QEMU's riscv32 virt board (-bios none: execution
 * starts at 0x80000000, where rv32_virt.ld puts this). One hart (the
 * board's default): set the stack and enter fw_rv_start().
 */
	.section .text.start, "ax"
	.globl _start
_start:
	la	sp, __stack_top
	call	fw_rv_start
1:	wfi
	j	1b
