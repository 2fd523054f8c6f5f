/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the shared JSON helpers (lib/hosted/jsonutil.c) on raw bytes:
 * strict and rt-app parsing, duplicate-key detection and JSON-pointer
 * location. Properties: whatever strict mode accepts, rt-app mode accepts
 * too; an error's diag is well-formed; every member of the root object and
 * every element of a root array is located at a value's first byte.
 */
#include "fuzz_common.h"

#include "jsonutil.h"

#include <string.h>

static void check_diag(int r, const struct eas_json_diag *d, size_t size)
{
	FUZZ_CHECK(r < 0 && d->err == r);
	FUZZ_CHECK(d->msg[0] != '\0');
	FUZZ_CHECK(d->offset <= size);
	FUZZ_CHECK(d->path[0] == '\0' || d->path[0] == '/');
}

/* A located value starts with one of these. */
static int value_start(char c)
{
	return c == '{' || c == '[' || c == '"' || c == '\'' || c == '-' ||
	       (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static void check_locate(const char *buf, size_t size, unsigned flags,
			 struct json_object *root)
{
	size_t off;
	char ptr[64];

	FUZZ_CHECK(eas__json_locate(buf, size, flags, "", &off) == 0);
	FUZZ_CHECK(off < size && value_start(buf[off]));
	if (json_object_is_type(root, json_type_array)) {
		size_t n = json_object_array_length(root);

		for (size_t i = 0; i < n && i < 64; i++) {
			snprintf(ptr, sizeof(ptr), "/%zu", i);
			FUZZ_CHECK(eas__json_locate(buf, size, flags, ptr,
						    &off) == 0);
			FUZZ_CHECK(off < size && value_start(buf[off]));
		}
	} else if (json_object_is_type(root, json_type_object)) {
		json_object_object_foreach(root, key, val)
		{
			struct eas__jctx ctx;
			size_t m;

			(void)val;
			/* build the escaped pointer with the ctx helper */
			memset(&ctx, 0, sizeof(ctx));
			m = eas__jpush_key(&ctx, key);
			(void)m;
			if (ctx.path_len + 2 >= sizeof(ctx.path))
				continue; /* pointer truncated: cannot match */
			/* our key decoding must agree with json-c's */
			FUZZ_CHECK(eas__json_locate(buf, size, flags, ctx.path,
						    &off) == 0);
			FUZZ_CHECK(off < size && value_start(buf[off]));
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	struct json_object *strict = NULL, *lax = NULL;
	struct eas_json_diag d;
	int rs, rl;
	size_t off;

	rs = eas__json_parse(buf, size, 0, &strict, &d);
	if (rs)
		check_diag(rs, &d, size);
	rl = eas__json_parse(buf, size, EAS__JSON_RTAPP, &lax, &d);
	if (rl)
		check_diag(rl, &d, size);
	/* strict JSON is a subset of what rt-app mode accepts */
	if (!rs)
		FUZZ_CHECK(!rl);
	if (!rs)
		check_locate(buf, size, 0, strict);
	if (!rl)
		check_locate(buf, size, EAS__JSON_RTAPP, lax);
	/* locate never crashes on anything */
	(void)eas__json_locate(buf, size, 0, "/a/0/b", &off);
	(void)eas__json_locate(buf, size, EAS__JSON_RTAPP, "/~1/~0", &off);
	if (strict)
		json_object_put(strict);
	if (lax)
		json_object_put(lax);
	return 0;
}
