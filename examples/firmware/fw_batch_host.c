/* SPDX-License-Identifier: MIT */
/*
 * Host side of the firmware batch: prints the decisions the bare-metal
 * firmware (bare/) must print on QEMU, byte for byte.
 */
#include "fw_batch.h"

#include <stdio.h>

static void out(const char *s)
{
	fputs(s, stdout);
}

int main(void)
{
	return fw_batch_run(out) ? 1 : 0;
}
