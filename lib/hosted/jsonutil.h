/* SPDX-License-Identifier: MIT */
/*
 * Shared JSON helpers of the hosted loaders (lib/json, lib/sim), internal
 * to the libraries (lib/hosted, not installed): parsing on
 * json-c's tokener with strictness and duplicate-key detection, JSON-pointer
 * location of a value in the source buffer, strictly typed getters with range
 * checks, and "allowed keys" checks. Every failure fills one
 * struct eas_json_diag (path, offset, line, column, message); the first error
 * wins, later ones are ignored.
 *
 * Typical loader code:
 *
 *	struct eas__jctx ctx;
 *	struct json_object *root;
 *
 *	if (eas__jctx_init(&ctx, buf, len, 0, diag, &root))
 *		return ctx.err;
 *	if (eas__jcheck_keys(&ctx, root, allowed_root_keys))
 *		goto out;
 *	if (eas__jget_u64(&ctx, root, "hz", 1, UINT64_MAX, &v, EAS__JREQ))
 *		goto out;
 *	...
 *	n = eas__jpush_key(&ctx, "perf_domains");  // descend: path grows
 *	    m = eas__jpush_index(&ctx, i);
 *	    ...
 *	    eas__jpop(&ctx, m);
 *	eas__jpop(&ctx, n);
 * out:
 *	eas__jctx_fini(&ctx, root);   // json_object_put(root)
 *
 * Paths are JSON pointers (RFC 6901: "~" -> "~0", "/" -> "~1"); the root is
 * "". Offsets are byte offsets into the caller's buffer; line and column are
 * 1-based (column counts bytes).
 */
#ifndef LIBEAS_LIB_HOSTED_JSONUTIL_H
#define LIBEAS_LIB_HOSTED_JSONUTIL_H

#include <libeas/error.h>
#include <libeas/json.h>

#include <json-c/json.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- parsing ------------------------------------------------------------ */

/*
 * Parse flags. Default (0) is strict JSON (RFC 8259): no comments, no
 * trailing commas, no single quotes, no NaN/Infinity, no leading zeros or
 * "1." numbers, no raw control characters in strings, valid UTF-8, integers
 * within 64 bits, nothing but whitespace after the document.
 * EAS__JSON_RTAPP relaxes this to what rt-app's json-c reader accepts:
 * C and C++ comments, trailing commas, single-quoted strings.
 * Duplicate keys in one object are always an error (json-c would silently
 * keep the last one).
 */
#define EAS__JSON_RTAPP (1u << 0)
/*
 * With EAS__JSON_RTAPP: a duplicate key is not an error but a warning
 * (handed to the context's callback, eas__jctx_init_warn()), and the
 * document reads as json-c builds it: the last value, at the position of
 * the first occurrence of the key (json_object_object_add() replaces the
 * value of an existing entry). One warning per repeated occurrence, in
 * file order, at the later key's path and line:col.
 */
#define EAS__JSON_DUP_WARN (1u << 1)

/* Maximum nesting depth of accepted documents. */
#define EAS__JSON_MAX_DEPTH 64

/*
 * Parse buf[0..len) into *root (json_object_put() it). Returns 0 or a
 * negative EAS_E* code (EAS_EFORMAT for syntax errors and duplicate keys,
 * EAS_ERANGE for an integer beyond 64 bits, EAS_ENOMEM) with diag filled
 * (diag may be NULL) and *root = NULL.
 */
int eas__json_parse(const char *buf, size_t len, unsigned flags,
		    struct json_object **root, struct eas_json_diag *diag);

/*
 * Byte offset of the value at JSON pointer `pointer` ("" = root,
 * "/perf_domains/1/opps/3/hz") in buf. For an object member it is the
 * offset of the value, not of the key. Returns 0, or EAS_EINVAL when the
 * path does not exist (then *offset is the offset of the deepest existing
 * ancestor) or the buffer is not lexically JSON. With duplicate keys the
 * value found is the one json-c keeps (the last occurrence), never one
 * inside a member a later duplicate replaced.
 */
int eas__json_locate(const char *buf, size_t len, unsigned flags,
		     const char *pointer, size_t *offset);

/* 1-based line and column (bytes) of offset in buf. */
void eas__json_line_col(const char *buf, size_t len, size_t offset,
			uint32_t *line, uint32_t *col);

/* ---- the loader context ---------------------------------------------- */

#define EAS__JPATH_MAX 512

/* Receives one warning (w->err is the code the strict form would fail
 * with); w is valid only during the call. */
typedef void (*eas__jwarn_fn)(void *warn_ctx, const struct eas_json_diag *w);

struct eas__jctx {
	eas__jwarn_fn warn; /* NULL: warnings are only counted */
	void *warn_ctx;
	uint32_t nr_warnings;
	const char *buf;
	size_t len;
	unsigned flags;
	int err;		    /* first error (0 while none) */
	struct eas_json_diag *diag; /* the caller's or own_diag */
	struct eas_json_diag own_diag;
	size_t path_len;
	char path[EAS__JPATH_MAX]; /* JSON pointer of the current value */
};

/*
 * Initialise ctx over buf (which must outlive ctx) and parse it. diag may
 * be NULL. Returns 0 with *root set, or the error (ctx->err) with
 * *root = NULL.
 */
int eas__jctx_init(struct eas__jctx *ctx, const char *buf, size_t len,
		   unsigned flags, struct eas_json_diag *diag,
		   struct json_object **root);
/* The same, with a warning callback (may be NULL): duplicate keys under
 * EAS__JSON_DUP_WARN, and eas__jwarn(). */
int eas__jctx_init_warn(struct eas__jctx *ctx, const char *buf, size_t len,
			unsigned flags, struct eas_json_diag *diag,
			eas__jwarn_fn warn, void *warn_ctx,
			struct json_object **root);
/* Releases root (may be NULL). */
void eas__jctx_fini(struct eas__jctx *ctx, struct json_object *root);

/*
 * Descend: append "/key" or "/index" to the current path. Returns a mark
 * to hand to eas__jpop(). A path longer than EAS__JPATH_MAX is truncated
 * (diagnostics then show a prefix).
 */
size_t eas__jpush_key(struct eas__jctx *ctx, const char *key);
size_t eas__jpush_index(struct eas__jctx *ctx, size_t index);
void eas__jpop(struct eas__jctx *ctx, size_t mark);

/*
 * Record an error at the current path (plus "/key" when key is non-NULL):
 * the message is printf-formatted; offset/line/column are located in the
 * buffer. Only the first error is kept. Returns ctx->err (the first error's
 * code), so `return eas__jerr(...)` propagates it.
 */
int eas__jerr(struct eas__jctx *ctx, int err, const char *key, const char *fmt,
	      ...) __attribute__((format(printf, 4, 5)));
/* A warning at the current path (plus "/key"), located like an error:
 * counted in ctx->nr_warnings and handed to ctx->warn. code is the error
 * the strict form of the check reports. Returns 0; ctx->err is unchanged. */
int eas__jwarn(struct eas__jctx *ctx, int code, const char *key,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The same with a full JSON pointer (for errors mapped back afterwards). */
int eas__jerr_at(struct eas__jctx *ctx, int err, const char *pointer,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* "an integer", "a string", ... for messages. */
const char *eas__jtype_name(const struct json_object *v);

/* ---- typed getters ----------------------------------------------------- */

/*
 * Each keyed getter reads obj[key]. With EAS__JREQ a missing key is an
 * error (EAS_EFORMAT, "missing required key"); with EAS__JOPT it leaves
 * *out untouched and returns 0 (use eas__jhas() to tell). A present value
 * of the wrong JSON type is EAS_EFORMAT ("expected an integer, got a
 * string": a float or a string in an integer field is an error); a value
 * outside [min, max] is EAS_ERANGE. JSON null counts as present (and is a
 * type error). Return 0 or the error (ctx->err).
 *
 * The eas__jval_* forms check a value already in hand at the current path.
 */
#define EAS__JOPT 0u
#define EAS__JREQ 1u

bool eas__jhas(const struct json_object *obj, const char *key);

int eas__jval_u64(struct eas__jctx *ctx, struct json_object *v, uint64_t min,
		  uint64_t max, uint64_t *out);
int eas__jval_i64(struct eas__jctx *ctx, struct json_object *v, int64_t min,
		  int64_t max, int64_t *out);
int eas__jval_u32(struct eas__jctx *ctx, struct json_object *v, uint32_t min,
		  uint32_t max, uint32_t *out);

int eas__jget_u64(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, uint64_t min, uint64_t max, uint64_t *out,
		  unsigned flags);
int eas__jget_u32(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, uint32_t min, uint32_t max, uint32_t *out,
		  unsigned flags);
int eas__jget_i64(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, int64_t min, int64_t max, int64_t *out,
		  unsigned flags);
int eas__jget_i32(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, int32_t min, int32_t max, int32_t *out,
		  unsigned flags);
int eas__jget_bool(struct eas__jctx *ctx, struct json_object *obj,
		   const char *key, bool *out, unsigned flags);
/*
 * A string of 1..size-1 bytes (no embedded NUL) copied into out[size]
 * (min_len 0 allows ""). Too long is EAS_ERANGE.
 */
int eas__jget_str(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, size_t min_len, char *out, size_t size,
		  unsigned flags);
/* A string that must be one of names[0..n): *out = its index. */
int eas__jget_enum(struct eas__jctx *ctx, struct json_object *obj,
		   const char *key, const char *const *names, size_t n,
		   uint32_t *out, unsigned flags);
/* An object: *out = it (borrowed) or NULL when optional and absent. */
int eas__jget_obj(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, struct json_object **out, unsigned flags);
/* An array with min_len..max_len elements: *out = it (borrowed) or NULL. */
int eas__jget_arr(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, size_t min_len, size_t max_len,
		  struct json_object **out, unsigned flags);
/* Value checks at the current path (after eas__jpush_*). */
int eas__jval_obj(struct eas__jctx *ctx, struct json_object *v);
int eas__jval_arr(struct eas__jctx *ctx, struct json_object *v, size_t min_len,
		  size_t max_len);

/*
 * Reject keys of obj that are not in the NULL-terminated list allowed:
 * EAS_EFORMAT at the unknown key's path, "unknown key 'x' (expected one
 * of: a, b, c)". Also checks that obj is an object.
 */
int eas__jcheck_keys(struct eas__jctx *ctx, struct json_object *obj,
		     const char *const *allowed);

#endif /* LIBEAS_LIB_HOSTED_JSONUTIL_H */
