/* SPDX-License-Identifier: MIT */
/*
 * The firmware batch: a fixed list of decisions made with every flavour
 * the core links (v5.4, v6.19), printed one line each through a
 * caller-supplied output function:
 *   - "blind": the 4 sym8 fork / exec cases of tests/data/place-blind,
 *     each checked against the CPU derived by hand in its EXPECTED.md
 *     (a mismatch fails the batch);
 *   - "golden": 7 fixed instants on the HiKey960 table (the
 *     examples/firmware one and variants);
 *   - "random": FW_BATCH_RANDOM seeded random landscapes on the HiKey960
 *     table (fw_landscape.h).
 * The host program (fw_batch_host.c) and the bare-metal firmware (bare/)
 * run the same code; the m4_qemu / rv32_qemu tests compare their output
 * byte for byte. Tables: platform_hikey960.c, platform_sym8.c (both
 * `eas gen-c`; sym8 from tests/data/place-blind/sym8.json with
 * --name sym8).
 */
#ifndef FW_BATCH_H
#define FW_BATCH_H

#include <stdint.h>

/* Writes one NUL-terminated chunk of text (a whole line with its '\n'). */
typedef void (*fw_out_fn)(const char *s);

/* Random landscapes per flavour in the batch. */
#define FW_BATCH_RANDOM 300u
/* Seed of the batch's generator. */
#define FW_BATCH_SEED 0x1ea52026u

/* Runs the batch; returns 0, or a negative libeas error (also printed). */
int fw_batch_run(fw_out_fn out);

/*
 * The benchmark: n random v6.19 decisions (select_task_rq_fair, res
 * NULL, on the 8-CPU HiKey960 table). Landscapes are generated first;
 * then mark(0) is called before each decision and mark(1) after the
 * last, so an instruction trace between two marks counts one decision
 * (plus the loop). Afterwards each decision is made again, untimed,
 * with an explanation, and "bench <i> path=<path>\n" printed through
 * out. Returns 0 or a negative libeas error.
 */
int fw_bench_run(uint32_t n, void (*mark)(int which), fw_out_fn out);

#endif /* FW_BATCH_H */
