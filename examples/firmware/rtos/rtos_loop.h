/* SPDX-License-Identifier: MIT */
/*
 * An RTOS scheduler loop driven by libeas's core (docs/rtos.md): a tick of
 * 1 ms on the HiKey960 table (8 CPUs, 2 perf domains), periodic CFS-like
 * tasks and one CPU-bound task that starts on a little CPU.
 *   tick      -> the signals (PELT clock, rq and task PELT, util_est at
 *                dequeue) -> misfit / overutilized -> a frequency request
 *                per perf domain (schedutil's choice, rate limited here);
 *   wake-up   -> placement (eas_select_task_rq_fair());
 *   periodic  -> load balance at the root domain; an active balance is
 *                carried out by the FIFO-1 mechanism (eas_mech_decide() /
 *                eas_mech_execute()).
 * Every decision and frequency change is printed, one line each, through
 * the caller's output function; the host program (rtos_host.c) and the
 * bare-metal firmware (rtos_bare.c, on QEMU mps2-an386) print the same
 * bytes (ctest m4_qemu_rtos compares them). Freestanding: static storage,
 * integer arithmetic only.
 */
#ifndef RTOS_LOOP_H
#define RTOS_LOOP_H

/* Writes one NUL-terminated line (with its '\n'). */
typedef void (*rtos_out_fn)(const char *s);

/* Runs the loop for each flavour (v6.19, then v5.4); returns 0 or a
 * negative libeas error. The last line is "done decisions=<n>". */
int rtos_run(rtos_out_fn out);

#endif /* RTOS_LOOP_H */
