/* SPDX-License-Identifier: MIT */
/*
 * Placement policies: the hook a user heuristic plugs into where the
 * kernel calls select_task_rq_fair() (docs/policy.md).
 *
 * A policy is a struct eas_policy. The simulator (eas_sim_config.policy,
 * `eas simulate --policy`) calls its select_task_rq() for every CFS
 * wake-up, fork and exec placement, with exactly the arguments it would
 * give eas_select_task_rq_fair(). A plugin is a shared object that exports
 *
 *	const struct eas_policy *eas_policy_entry(void);
 *
 * loaded by eas_policy_load() (<libeas/sim.h>, libeas-sim). A plugin may
 * call any public libeas function (e.g. eas_select_task_rq_fair() to wrap
 * or fall back on the kernel), linked against libeas or left to resolve
 * those symbols from the program that loads it.
 *
 * This header is part of the freestanding core: a plugin needs only
 * libeas (pkg-config libeas), or nothing at all.
 */
#ifndef LIBEAS_POLICY_H
#define LIBEAS_POLICY_H

#include <libeas/common.h>
#include <libeas/place.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The version of struct eas_policy. A loader refuses a policy whose abi
 * differs: members are only ever appended, and any addition bumps it.
 */
#define EAS_POLICY_ABI 1

struct eas_policy {
	uint32_t abi;	  /* EAS_POLICY_ABI */
	const char *name; /* shown in reports and the decision log */
	void *ctx;	  /* handed back to every hook */
	/*
	 * Wake-up / fork / exec placement, with the contract of
	 * eas_select_task_rq_fair() (<libeas/place.h>): sys, p (prev_cpu =
	 * task_cpu(p)), w (current on the waking CPU) and wake_flags
	 * (exactly one of EAS_WF_TTWU / FORK / EXEC, plus EAS_WF_SYNC ...)
	 * as the kernel would pass them. Return the CPU (>= 0) or a
	 * negative EAS_E* code. res is zeroed with res->path preset to
	 * EAS_PATH_POLICY; a policy may fill it (a wrapper of
	 * eas_select_task_rq_fair() passes it on) or leave it. p and w are
	 * in/out as for eas_select_task_rq_fair() (recent_used_cpu and
	 * record_wakee() state); other writes are ignored.
	 *
	 * The answer is checked as the kernel's select_task_rq() checks the
	 * class's: a CPU outside p's allowed online CPUs, or an error, is
	 * replaced by eas_select_fallback_rq().
	 */
	int (*select_task_rq)(void *ctx, const struct eas_system *sys,
			      struct eas_task *p, struct eas_waker *w,
			      uint32_t wake_flags,
			      struct eas_place_result *res);
	/* members after this one are optional; NULL means the kernel's
	 * behaviour (none yet in ABI 1) */
};

/*
 * What a plugin exports (by this name): the same policy on every call,
 * valid while the plugin is loaded. EAS_POLICY_EXPORT keeps it visible
 * in a plugin built with -fvisibility=hidden.
 */
#if defined(__GNUC__)
#define EAS_POLICY_EXPORT __attribute__((visibility("default")))
#else
#define EAS_POLICY_EXPORT
#endif
typedef const struct eas_policy *(*eas_policy_entry_fn)(void);
#define EAS_POLICY_ENTRY_SYMBOL "eas_policy_entry"
EAS_POLICY_EXPORT const struct eas_policy *eas_policy_entry(void);

/*
 * res->path before the call: "the policy's own choice", none of
 * select_task_rq_fair()'s paths (eas_place_path_name() says "unknown";
 * the decision log says "policy"). Not counted in the simulator's
 * placements by path.
 */
#define EAS_PATH_POLICY ((enum eas_place_path)5)

/*
 * is_cpu_allowed(p, cpu) of both flavours as the library models it: cpu
 * is in p->cpus_allowed (NULL = all) and online (a per-CPU kthread needs
 * cpu_online(), any other task cpu_active(); the library's CPUs are
 * active iff online). False for cpu out of range.
 */
EAS_API bool eas_is_cpu_allowed(const struct eas_system *sys,
				const struct eas_task *p, int32_t cpu);

/*
 * select_fallback_rq(task_cpu(p), p) of both flavours: the first allowed
 * CPU (is_cpu_allowed()) of p->prev_cpu's NUMA node, then the first
 * allowed CPU anywhere (the library's platforms are one node, so these
 * are one pass in CPU order), then (the kernel widens p's affinity to the
 * possible CPUs: cpuset_cpus_allowed_fallback()) the first online CPU. Returns that CPU, or EAS_EINVAL for a NULL argument or a prev_cpu
 * out of range, EAS_ECPU when no CPU is online.
 */
EAS_API int eas_select_fallback_rq(const struct eas_system *sys,
				   const struct eas_task *p);

/*
 * The energy estimate of placing p on cpu, as find_energy_efficient_cpu()
 * compares candidates: the sum over every perf domain of
 * eas_compute_energy(), with p on cpu in cpu's domain and without p (the
 * base energy, dst -1) in the others; cpu -1: p on no CPU (the sum of the
 * base energies). In the flavour's EM unit (eas_energy_unit()): only
 * differences mean something, e.g. eas_placement_energy(cpu) -
 * eas_placement_energy(-1) is feec's delta for a candidate cpu. 0 for bad
 * arguments (NULL, p->prev_cpu or cpu out of range).
 */
EAS_API uint64_t eas_placement_energy(const struct eas_system *sys,
				      const struct eas_task *p, int32_t cpu);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_POLICY_H */
