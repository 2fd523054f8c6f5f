/* SPDX-License-Identifier: MIT */
/*
 * Scenario files ("libeas-scenario/1", docs/formats.md §3): one instant of
 * the system for one placement or balance decision, loaded by the hosted
 * json-c layer (libeas-json) into the core's structs.
 *
 * Usage:
 *
 *	struct eas_scenario sc;
 *	struct eas_system sys;
 *
 *	if (eas_json_scenario_load(buf, len, pf->nr_cpus, &sc, &diag))
 *		... diag.path, diag.msg ...
 *	eas_scenario_system(&sc, pf, &sys);   // features for pf->kernel
 *	eas_select_task_rq_fair(&sys, &sc.task, &sc.waker, sc.wake_flags, &r);
 *	eas_scenario_free(&sc);
 */
#ifndef LIBEAS_SCENARIO_H
#define LIBEAS_SCENARIO_H

#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The scenario's optional "expect" object (docs/formats.md §3.1): what
 * the placement must give, as `eas place --json` names it. Each has_*
 * says whether the file states that member.
 */
struct eas_scenario_expect {
	bool has_cpu;
	bool has_path;
	bool has_reason;
	bool has_no_eas;
	int32_t cpu;		       /* "cpu": the chosen CPU */
	enum eas_place_path path;      /* "path": eas_place_path_name() */
	enum eas_feec_reason reason;   /* "reason": eas.reason,
					  eas_feec_reason_name() ("not_run"
					  when feec was not called) */
	enum eas_no_eas_reason no_eas; /* "no_eas":
					  eas_no_eas_reason_name() */
};

struct eas_scenario {
	bool has_kernel;	/* "kernel" given */
	enum eas_kernel kernel; /* valid when has_kernel */
	/* "features": bits the file sets (features_val) among those it
	 * names (features_set); the rest keep the flavour's defaults, see
	 * eas_scenario_features(). */
	uint32_t features_set;
	uint32_t features_val;
	uint32_t nr_cpus;     /* the platform's, as given to the loader */
	struct eas_rq *rq;    /* [nr_cpus], owned */
	struct eas_task task; /* task.cpus_allowed -> cpus_allowed */
	eas_mask_word *cpus_allowed; /* owned; NULL = all CPUs */
	struct eas_waker waker;
	uint32_t wake_flags;  /* EAS_WF_TTWU/FORK/EXEC [| SYNC |
				    CURRENT_CPU] (include/libeas/place.h) */
	int32_t overutilized; /* -1 = compute, 0 / 1 = as stated */
	uint64_t jiffies;
	uint32_t hz;	    /* 0 = 250 */
	char *balance_json; /* raw text of "balance", NUL-terminated,
				    owned; NULL if absent */
	char name[64];	    /* optional "name" */
	/* optional "platform": the "name" of the platform file the scenario
	 * is for ("" = any). The eas command refuses another platform. */
	char platform[64];
	/* optional "expect" (eas place --expect); has_expect false when the
	 * file has none */
	bool has_expect;
	struct eas_scenario_expect expect;
};

/*
 * Parse a "libeas-scenario/1" document for a platform of nr_cpus CPUs
 * (CPU ids are checked against it). Strict: unknown keys, wrong types,
 * out-of-range values and duplicate CPUs are errors with the JSON path in
 * diag (may be NULL). On failure *out is zeroed (nothing to free).
 * Returns 0 or a negative EAS_E* code.
 */
EAS_API int eas_json_scenario_load(const char *buf, size_t len,
				   uint32_t nr_cpus, struct eas_scenario *out,
				   struct eas_json_diag *diag);
EAS_API void eas_scenario_free(struct eas_scenario *s);

/* The scenario's features for flavour k: eas_features_default(k) with the
 * file's explicit settings applied. */
EAS_API uint32_t eas_scenario_features(const struct eas_scenario *s,
				       enum eas_kernel k);

/* Fill sys for platform pf (pf->nr_cpus must equal s->nr_cpus): rq,
 * features for pf->kernel, overutilized, jiffies, hz. sys points into s. */
EAS_API void eas_scenario_system(const struct eas_scenario *s,
				 const struct eas_platform *pf,
				 struct eas_system *sys);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_SCENARIO_H */
