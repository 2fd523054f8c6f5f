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
	uint64_t power_uw; /* per CPU while in the state */
	/* power_uw is known (sourced): file key power_known, default
	 * power_uw > 0; power_uw 0 with power_known false = unknown */
	bool power_known;
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
 * Parse a "libeas-platform/1" document (docs/formats.md §2, §2.1) from
 * buf[0..len) (no NUL terminator needed) and build it for kernel k with
 * eas_platform_build() (opts: enum eas_kernel_opt).
 *
 * The JSON must be strict (RFC 8259; duplicate keys are an error). Returns
 * 0, or a negative EAS_E* code with diag filled (diag may be NULL) and *out
 * zeroed: EAS_EFORMAT (syntax, JSON type, unknown or missing key),
 * EAS_ERANGE (value out of range), EAS_ECPU / EAS_EPDEXIST / EAS_ENOPD (CPU
 * ids and perf-domain membership), EAS_ENOVOLT / EAS_ENOSTATES (no energy
 * model data), or what eas_platform_build() reports (EAS_EFREQ,
 * EAS_EPOWER, EAS_ECAPACITY, EAS_ETOPO, ...), always at the JSON path of
 * the value that causes it. EAS_EKERNEL for an unknown k, EAS_ENOMEM.
 *
 * Reentrant; buf is not kept. Cost: linear in len (json-c's parse and a
 * second lexical pass for duplicate keys), plus eas_platform_build().
 */
EAS_API int eas_json_platform_load(const char *buf, size_t len,
				   enum eas_kernel k, uint32_t opts,
				   struct eas_json_platform *out,
				   struct eas_json_diag *diag);
/* Frees everything a successful load allocated and zeroes *p. NULL and a
 * zeroed platform are fine; so is freeing twice. */
EAS_API void eas_json_platform_free(struct eas_json_platform *p);

/* Formats "file:line:col: /json/path: message" into buf (always
 * NUL-terminated; file NULL prints "<input>"; ":line:col" is left out when
 * line is 0 and "/json/path: " when the path is the root). Returns buf. */
EAS_API char *eas_json_diag_format(const struct eas_json_diag *d,
				   const char *file, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_JSON_H */
