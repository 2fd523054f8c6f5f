/* SPDX-License-Identifier: MIT */
/*
 * Bare-metal main: runs the firmware batch (../fw_batch.c) and prints it
 * over semihosting, or, built with -DFW_BENCH, runs the benchmark whose
 * instructions the m4_qemu_bench test counts between the two calls of
 * fw_bench_mark().
 */
#include "../fw_batch.h"
#include "semihost.h"

int main(void);

#ifdef FW_BENCH
/* Kept out of line and not inlined: the trace counter looks for its
 * address. */
void fw_bench_mark(int which);
__attribute__((noinline, used)) void fw_bench_mark(int which)
{
	__asm__ volatile("" : : "r"(which) : "memory");
}

int main(void)
{
	int err = fw_bench_run(FW_BENCH, fw_bench_mark);

	sh_write0(err ? "bench failed\n" : "bench done\n");
	sh_exit(!err);
}
#else
static void out(const char *s)
{
	sh_write0(s);
}

int main(void)
{
	sh_exit(fw_batch_run(out) == 0);
}
#endif
