/* SPDX-License-Identifier: MIT */
/*
 * A placement decision as the JSON document `eas place --json` prints
 * (docs/formats.md §4, `eas place`), from the library's structs: for
 * tests of heuristics (compare a decision with a golden document), logs
 * and tools. Hosted layer (libeas-json, uses the C library's snprintf).
 *
 * Usage, after eas_select_task_rq_fair_explain(&sys, &p, &w, flags, &res,
 * &steps) (p and w as they are after the call):
 *
 *	size_t len;
 *	char *doc;
 *
 *	eas_place_result_format_json(NULL, 0, &len, sys.pf, &p, &w, flags,
 *				     &res, &steps, 0);   // EAS_ENOSPC, len
 *	doc = malloc(len + 1);
 *	eas_place_result_format_json(doc, len + 1, &len, sys.pf, &p, &w,
 *				     flags, &res, &steps, 0);
 */
#ifndef LIBEAS_PLACE_JSON_H
#define LIBEAS_PLACE_JSON_H

#include <libeas/place.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The whole document on one line (no newline inside it), for JSON-lines
 * logs. Without it the line breaks are those of `eas place --json`. */
#define EAS_PLACE_JSON_ONE_LINE (1u << 0)

/*
 * Writes the `eas place --json` document of one decision into
 * buf[0..size), NUL-terminated, without the final newline the command
 * adds. pf is the platform decided on (sys->pf, its flavour names the
 * fields), p the task and w the waker after the call (prev_cpu, waker cpu
 * and the task's recent_used_cpu are printed from them), wake_flags those
 * given to the call, res its result (res->feec.candidates as recorded),
 * steps the recorded steps (NULL: "steps": []). flags: 0 or
 * EAS_PLACE_JSON_ONE_LINE.
 *
 * *len (may be NULL) receives the document's length without the NUL.
 * Returns 0; EAS_ENOSPC when size <= that length (buf, if size > 0, holds
 * the truncated, NUL-terminated start: call again with len + 1 bytes;
 * buf NULL with size 0 only measures); EAS_EINVAL for a NULL pf, p, w or
 * res, or unknown flags.
 */
EAS_API int eas_place_result_format_json(
	char *buf, size_t size, size_t *len, const struct eas_platform *pf,
	const struct eas_task *p, const struct eas_waker *w,
	uint32_t wake_flags, const struct eas_place_result *res,
	const struct eas_place_steps *steps, uint32_t flags);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_PLACE_JSON_H */
