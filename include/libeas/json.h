/* SPDX-License-Identifier: MIT */
/*
 * The json-c loader (hosted layer, libeas-json): platform files
 * ("libeas-platform/1") and scenario files ("libeas-scenario/1") from a
 * buffer, as ../docs/formats.md specifies. No json-c type appears here.
 *
 * Every field is type- and range-checked, unknown keys are rejected, and a
 * failure fills a caller-owned struct eas_json_diag with the JSON path
 * (e.g. "/perf_domains/1/opps/3/hz"), the byte offset and a message, and
 * leaves the output zeroed: nothing half-loaded.
 */
#ifndef LIBEAS_JSON_H
#define LIBEAS_JSON_H

#include <libeas/platform.h>
#include <libeas/signals.h>

#ifdef __cplusplus
extern "C" {
#endif

struct eas_json_diag {
	int err;	 /* EAS_E* code */
	size_t offset;	 /* byte offset into the buffer (best effort) */
	uint32_t line;	 /* 1-based line of offset, 0 if unknown */
	uint32_t column; /* 1-based column, 0 if unknown */
	char path[160];	 /* JSON pointer of the offending value, "" = root */
	char msg[256];	 /* what is wrong and what was expected */
};

/* One CPU idle state (devicetree idle-states / cpuidle), for the simulator. */
struct eas_idle_state {
	char name[32];
	uint32_t exit_latency_us;
	uint64_t power_uw;	   /* per CPU while in the state; 0 = unknown */
	uint32_t entry_latency_us; /* 0 if not given */
	uint32_t min_residency_us; /* DT min-residency-us; 0 if not given */
	uint32_t nr_cpus;	   /* CPUs it applies to; 0 = every CPU */
	const uint32_t *cpus;	   /* ascending; owned by the platform */
};

/* A loaded platform. Owns heap memory: release with eas_json_platform_free. */
struct eas_json_platform {
	struct eas_platform pf;
	void *mem;
	char name[64];
	uint32_t nr_idle_states;
	struct eas_idle_state *idle_states;
	/* The description the platform was built from (arrays owned here),
	 * so a tool can rebuild it for another flavour or emit it as C. */
	struct eas_platform_desc desc;
	void *desc_mem; /* owns desc's arrays, idle_states and their cpus */
	/* Optional perf-domain names from the file ("" if none), [nr_pds]. */
	char (*pd_names)[32];
};

/*
 * Parse a "libeas-platform/1" document and build it for kernel k (opts:
 * enum eas_kernel_opt). Returns 0 or a negative EAS_E* code with diag
 * filled (diag may be NULL).
 */
EAS_API int eas_json_platform_load(const char *buf, size_t len,
				   enum eas_kernel k, uint32_t opts,
				   struct eas_json_platform *out,
				   struct eas_json_diag *diag);
EAS_API void eas_json_platform_free(struct eas_json_platform *p);

/* Formats "file:line:col: /json/path: message" into buf (always
 * NUL-terminated). Returns buf. */
EAS_API char *eas_json_diag_format(const struct eas_json_diag *d,
				   const char *file, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_JSON_H */
