/* SPDX-License-Identifier: MIT */
/*
 * Bare-metal main: runs the firmware batch (../fw_batch.c) and prints it
 * over semihosting, or, built with -DFW_BENCH=n, runs the benchmark
 * (n decisions) whose instructions the m4_qemu_bench test counts between
 * the calls of fw_bench_mark().
 */
#include "../fw_batch.h"
#include "semihost.h"

int main(void);

static void out(const char *s)
{
	sh_write0(s);
}

#ifdef FW_BENCH
/* Out of line and never inlined: the trace counter looks for its
 * address. */
void fw_bench_mark(int which);
__attribute__((noinline, used)) void fw_bench_mark(int which)
{
	__asm__ volatile("" : : "r"(which) : "memory");
}

int main(void)
{
	int err = fw_bench_run(FW_BENCH, fw_bench_mark, out);

	out(err ? "bench failed\n" : "bench done\n");
	return err ? 1 : 0;
}
#else
int main(void)
{
	return fw_batch_run(out) ? 1 : 0;
}
#endif
