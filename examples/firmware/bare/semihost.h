/* SPDX-License-Identifier: MIT */
/*
 * Semihosting (Arm "Semihosting for AArch32 and AArch64", also used by
 * the RISC-V semihosting spec): QEMU with -semihosting-config enable=on
 * performs the operation on the host. Only SYS_WRITE0 (print a
 * NUL-terminated string) and SYS_EXIT are used.
 */
#ifndef FW_SEMIHOST_H
#define FW_SEMIHOST_H

#include <stdint.h>

#define SH_SYS_WRITE0 0x04u
#define SH_SYS_EXIT 0x18u
/* SYS_EXIT reasons: ADP_Stopped_ApplicationExit (QEMU exits 0) and
 * ADP_Stopped_RunTimeErrorUnknown (QEMU exits 1). */
#define SH_ADP_EXIT_OK 0x20026u
#define SH_ADP_EXIT_ERROR 0x20023u

static inline uintptr_t sh_call(uintptr_t op, uintptr_t arg)
{
#if defined(__arm__)
	register uintptr_t r0 __asm__("r0") = op;
	register uintptr_t r1 __asm__("r1") = arg;

	/* Thumb (M profile): BKPT 0xAB */
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
#elif defined(__riscv)
	register uintptr_t a0 __asm__("a0") = op;
	register uintptr_t a1 __asm__("a1") = arg;

	/* the RISC-V semihosting trap: this exact uncompressed sequence */
	__asm__ volatile(".option push\n\t"
			 ".option norvc\n\t"
			 ".balign 16\n\t"
			 "slli zero, zero, 0x1f\n\t"
			 "ebreak\n\t"
			 "srai zero, zero, 7\n\t"
			 ".option pop"
			 : "+r"(a0)
			 : "r"(a1)
			 : "memory");
	return a0;
#else
#error "semihosting: unsupported architecture"
#endif
}

static inline void sh_write0(const char *s)
{
	sh_call(SH_SYS_WRITE0, (uintptr_t)s);
}

static inline __attribute__((noreturn)) void sh_exit(int ok)
{
	/* 32-bit targets: the parameter is the reason itself */
	sh_call(SH_SYS_EXIT, ok ? SH_ADP_EXIT_OK : SH_ADP_EXIT_ERROR);
	for (;;)
		;
}

#endif /* FW_SEMIHOST_H */
