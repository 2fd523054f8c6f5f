/* SPDX-License-Identifier: MIT */
/*
 * Shared JSON helpers (see jsonutil.h).
 *
 * Parsing is two passes over the buffer:
 *  1. json-c's tokener (json_tokener_parse_ex) builds the tree and finds
 *     syntax errors; its parse-end offset gives line and column.
 *  2. A small iterative lexer/walker of our own (no recursion, explicit
 *     stack bounded by EAS__JSON_MAX_DEPTH) re-reads the buffer. It enforces
 *     what json-c 0.16 accepts even with JSON_TOKENER_STRICT but RFC 8259
 *     does not (single quotes, NaN/Infinity, "1.", "1.e5", raw control
 *     characters in strings, integers beyond 64 bits which json-c clamps),
 *     and it detects duplicate keys in an object, which json-c resolves
 *     silently: the last value replaces the earlier one in the earlier
 *     key's entry (an error, or with EAS__JSON_DUP_WARN one warning per
 *     repeat). The same walker answers "where in the buffer is /a/b/3/c?"
 *     for semantic error messages, skipping members json-c dropped.
 */
#include "jsonutil.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ======================================================================== */
/* Diagnostics                                                              */
/* ======================================================================== */

void eas__json_line_col(const char *buf, size_t len, size_t offset,
			uint32_t *line, uint32_t *col)
{
	uint32_t l = 1, c = 1;

	if (offset > len)
		offset = len;
	for (size_t i = 0; i < offset; i++) {
		if (buf[i] == '\n') {
			if (l < UINT32_MAX)
				l++;
			c = 1;
		} else if (c < UINT32_MAX) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static void copy_trunc(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n < size) {
		memcpy(dst, src, n + 1);
		return;
	}
	/* Keep the head, mark the cut. */
	memcpy(dst, src, size - 4);
	memcpy(dst + size - 4, "...", 4);
}

static void diag_set(struct eas_json_diag *d, const char *buf, size_t len,
		     int err, size_t offset, const char *path, const char *msg)
{
	if (!d)
		return;
	memset(d, 0, sizeof(*d));
	d->err = err;
	d->offset = offset;
	if (buf)
		eas__json_line_col(buf, len, offset, &d->line, &d->column);
	copy_trunc(d->path, sizeof(d->path), path ? path : "");
	copy_trunc(d->msg, sizeof(d->msg), msg ? msg : "");
}

char *eas_json_diag_format(const struct eas_json_diag *d, const char *file,
			   char *buf, size_t size)
{
	char loc[64] = "";

	if (!buf || size == 0)
		return buf;
	if (!d) {
		snprintf(buf, size, "%s: no diagnostic",
			 file ? file : "<input>");
		return buf;
	}
	if (d->line)
		snprintf(loc, sizeof(loc), ":%" PRIu32 ":%" PRIu32, d->line,
			 d->column);
	if (d->path[0])
		snprintf(buf, size, "%s%s: %s: %s", file ? file : "<input>",
			 loc, d->path,
			 d->msg[0] ? d->msg : eas_strerror(d->err));
	else
		snprintf(buf, size, "%s%s: %s", file ? file : "<input>", loc,
			 d->msg[0] ? d->msg : eas_strerror(d->err));
	return buf;
}

/* ======================================================================== */
/* The walker                                                               */
/* ======================================================================== */

struct jkey {
	size_t off;	  /* offset of the key's opening quote */
	size_t end;	  /* end of the member (next key or the '}') */
	size_t arena_off; /* decoded key in the arena */
	size_t len;	  /* decoded length */
	const char *p;	  /* filled just before sorting */
};

/* A duplicate key: at off; the first key of that name in the object at
 * first_off. */
struct jdup {
	size_t off, first_off;
	char key[52]; /* (cut) */
	char path[EAS__JPATH_MAX];
};

/* Bytes [lo, hi) of a member that json-c drops. */
struct jspan {
	size_t lo, hi;
};

/* Locate mode: a value at off whose first depth path components match. */
struct jcand {
	size_t off;
	uint32_t depth;
};

/* Grow *arr (of *cap elements of size sz) to hold n + 1. */
static bool grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;
	void *na;

	if (n < *cap)
		return true;
	ncap = *cap ? *cap * 2 : 16;
	na = realloc(*arr, ncap * sz);
	if (!na)
		return false;
	*arr = na;
	*cap = ncap;
	return true;
}

struct jframe {
	bool obj;
	size_t index;	  /* arrays: current element */
	size_t key_first; /* objects: first record of this object */
	size_t cur;	  /* objects: record of the current key */
};

struct jwalk {
	const char *buf;
	size_t len;
	size_t pos;
	unsigned flags;
	bool strict;
	uint32_t depth;
	struct jframe st[EAS__JSON_MAX_DEPTH + 2];
	/* decoded keys of all open objects */
	char *arena;
	size_t arena_len, arena_cap;
	struct jkey *keys;
	size_t nr_keys, keys_cap;
	/* error */
	int err;
	size_t err_off;
	char err_path[EAS__JPATH_MAX];
	char err_msg[256];
	/* earliest duplicate key found so far (reported after the walk) */
	bool dup;
	size_t dup_off;
	char dup_path[EAS__JPATH_MAX];
	char dup_msg[256];
	/* EAS__JSON_DUP_WARN: every duplicate, reported as warnings */
	bool dup_warn;
	/* EAS__JSON_DUP_WARN: text after the document (json-c's
	 * non-strict tokener stops at the document's end), a warning */
	bool trail;
	size_t trail_off;
	struct jdup *dups;
	size_t nr_dups, dups_cap;
	/* members json-c drops (a later duplicate replaces them) */
	struct jspan *shadows;
	size_t nr_shadows, shadows_cap;
	/* locate mode: values on the pointer's path, in file order */
	bool locate;
	size_t nr_comps;
	const char *const *comps; /* decoded pointer components */
	struct jcand *cands;
	size_t nr_cands, cands_cap;
};

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int walk_fail(struct jwalk *w, int err, size_t off, const char *msg);

/* Skip whitespace and, when not strict, C and C++ comments. */
static int skip_ws(struct jwalk *w)
{
	for (;;) {
		while (w->pos < w->len && is_ws(w->buf[w->pos]))
			w->pos++;
		if (w->strict || w->pos + 1 >= w->len || w->buf[w->pos] != '/')
			return 0;
		if (w->buf[w->pos + 1] == '/') {
			while (w->pos < w->len && w->buf[w->pos] != '\n')
				w->pos++;
		} else if (w->buf[w->pos + 1] == '*') {
			size_t start = w->pos;

			w->pos += 2;
			for (;;) {
				if (w->pos + 1 >= w->len)
					return walk_fail(
						w, EAS_EFORMAT, start,
						"unterminated comment");
				if (w->buf[w->pos] == '*' &&
				    w->buf[w->pos + 1] == '/')
					break;
				w->pos++;
			}
			w->pos += 2;
		} else {
			return 0;
		}
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int arena_put(struct jwalk *w, const char *s, size_t n)
{
	if (w->arena_cap - w->arena_len < n) {
		size_t ncap = w->arena_cap ? w->arena_cap : 256;
		char *na;

		while (ncap - w->arena_len < n)
			ncap *= 2;
		na = realloc(w->arena, ncap);
		if (!na)
			return walk_fail(w, EAS_ENOMEM, w->pos,
					 "out of memory");
		w->arena = na;
		w->arena_cap = ncap;
	}
	memcpy(w->arena + w->arena_len, s, n);
	w->arena_len += n;
	return 0;
}

static int put_utf8(struct jwalk *w, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return arena_put(w, u, n);
}

static uint32_t hex4(const char *p)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = v * 16u + (uint32_t)hexval(p[i]);
	return v;
}

/*
 * Scan a string starting at w->pos (the quote). When decode is true, the
 * decoded bytes are appended to the arena (used for keys). Leaves w->pos
 * after the closing quote.
 */
static int scan_string(struct jwalk *w, bool decode, bool is_key)
{
	char q = w->buf[w->pos];
	size_t start = w->pos;

	if (q == '\'' && w->strict)
		return walk_fail(w, EAS_EFORMAT, start,
				 "strings must be in double quotes");
	w->pos++;
	for (;;) {
		char c;

		if (w->pos >= w->len)
			return walk_fail(w, EAS_EFORMAT, start,
					 "unterminated string");
		c = w->buf[w->pos];
		if (c == q) {
			w->pos++;
			return 0;
		}
		if ((unsigned char)c < 0x20 && w->strict)
			return walk_fail(w, EAS_EFORMAT, w->pos,
					 "raw control character in a string "
					 "(escape it)");
		if (c != '\\') {
			if (decode && arena_put(w, &c, 1))
				return w->err;
			w->pos++;
			continue;
		}
		if (w->pos + 1 >= w->len)
			return walk_fail(w, EAS_EFORMAT, start,
					 "unterminated string");
		c = w->buf[w->pos + 1];
		if (c == 'u') {
			uint32_t cp;

			if (w->pos + 6 > w->len ||
			    hexval(w->buf[w->pos + 2]) < 0 ||
			    hexval(w->buf[w->pos + 3]) < 0 ||
			    hexval(w->buf[w->pos + 4]) < 0 ||
			    hexval(w->buf[w->pos + 5]) < 0)
				return walk_fail(w, EAS_EFORMAT, w->pos,
						 "bad \\u escape (expected 4 "
						 "hex digits)");
			cp = hex4(w->buf + w->pos + 2);
			w->pos += 6;
			if (cp >= 0xd800 && cp < 0xdc00 &&
			    w->pos + 6 <= w->len && w->buf[w->pos] == '\\' &&
			    w->buf[w->pos + 1] == 'u' &&
			    hexval(w->buf[w->pos + 2]) >= 0 &&
			    hexval(w->buf[w->pos + 3]) >= 0 &&
			    hexval(w->buf[w->pos + 4]) >= 0 &&
			    hexval(w->buf[w->pos + 5]) >= 0) {
				uint32_t lo = hex4(w->buf + w->pos + 2);

				if (lo >= 0xdc00 && lo < 0xe000) {
					cp = 0x10000 + ((cp - 0xd800) << 10) +
					     (lo - 0xdc00);
					w->pos += 6;
				}
			}
			if (cp >= 0xd800 && cp < 0xe000)
				cp = 0xfffd; /* lone surrogate, as json-c */
			if (cp == 0 && is_key)
				return walk_fail(w, EAS_EFORMAT, w->pos - 6,
						 "NUL character in a key");
			if (decode && put_utf8(w, cp))
				return w->err;
			continue;
		}
		{
			char d;

			switch (c) {
			case '"':
				d = '"';
				break;
			case '\\':
				d = '\\';
				break;
			case '/':
				d = '/';
				break;
			case 'b':
				d = '\b';
				break;
			case 'f':
				d = '\f';
				break;
			case 'n':
				d = '\n';
				break;
			case 'r':
				d = '\r';
				break;
			case 't':
				d = '\t';
				break;
			default:
				if (w->strict)
					return walk_fail(w, EAS_EFORMAT, w->pos,
							 "bad escape sequence");
				d = c;
				break;
			}
			if (decode && arena_put(w, &d, 1))
				return w->err;
			w->pos += 2;
		}
	}
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number (strict grammar unless relaxed); integers must fit 64 bits. */
static int scan_number(struct jwalk *w)
{
	size_t start = w->pos, p = w->pos;
	bool neg = false, is_int = true;
	uint64_t mag = 0;
	bool over = false;

	if (p < w->len && w->buf[p] == '-') {
		neg = true;
		p++;
	}
	if (p >= w->len || !is_digit(w->buf[p]))
		goto bad;
	if (w->buf[p] == '0' && p + 1 < w->len && is_digit(w->buf[p + 1]) &&
	    w->strict)
		return walk_fail(w, EAS_EFORMAT, start,
				 "number with a leading zero");
	while (p < w->len && is_digit(w->buf[p])) {
		unsigned dgt = (unsigned)(w->buf[p] - '0');

		if (mag > (UINT64_MAX - dgt) / 10u)
			over = true;
		else
			mag = mag * 10u + dgt;
		p++;
	}
	if (p < w->len && w->buf[p] == '.') {
		is_int = false;
		p++;
		if ((p >= w->len || !is_digit(w->buf[p])) && w->strict)
			goto bad;
		while (p < w->len && is_digit(w->buf[p]))
			p++;
	}
	if (p < w->len && (w->buf[p] == 'e' || w->buf[p] == 'E')) {
		is_int = false;
		p++;
		if (p < w->len && (w->buf[p] == '+' || w->buf[p] == '-'))
			p++;
		if (p >= w->len || !is_digit(w->buf[p]))
			goto bad;
		while (p < w->len && is_digit(w->buf[p]))
			p++;
	}
	w->pos = p;
	if (is_int && (over || (neg && mag > (uint64_t)INT64_MAX + 1u)))
		return walk_fail(w, EAS_ERANGE, start,
				 "integer out of the 64-bit range");
	return 0;
bad:
	return walk_fail(w, EAS_EFORMAT, start, "malformed number");
}

static bool is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       is_digit(c);
}

static int scan_word(struct jwalk *w)
{
	size_t start = w->pos, n;

	while (w->pos < w->len && is_word(w->buf[w->pos]))
		w->pos++;
	n = w->pos - start;
	if ((n == 4 && !memcmp(w->buf + start, "true", 4)) ||
	    (n == 5 && !memcmp(w->buf + start, "false", 5)) ||
	    (n == 4 && !memcmp(w->buf + start, "null", 4)))
		return 0;
	/* NaN, Infinity, True... as json-c's lax mode, whose tokener starts
	 * a bare word only at n/N (null, NaN), i/I (Infinity), t/T, f/F */
	if (!w->strict && n > 0 && strchr("nNiItTfF", w->buf[start]))
		return 0;
	if (!w->strict && n > 4 && w->buf[start] == '_' &&
	    w->buf[start + 1] == '_' && w->buf[w->pos - 1] == '_' &&
	    w->buf[w->pos - 2] == '_') {
		char m[256];

		/* LISA's RTA.from_str() / _process_template() and
		 * workload-automation's workgen replace __DURATION__,
		 * __PVALUE__, __LOGDIR__... before rt-app reads the file */
		snprintf(m, sizeof(m),
			 "unexpected literal '%.*s': a template placeholder "
			 "(LISA's RTA and workgen replace it before rt-app "
			 "reads the file); expected true, false, null, a "
			 "number, a string, an object or an array",
			 (int)(n < 48 ? n : 48), w->buf + start);
		return walk_fail(w, EAS_EFORMAT, start, m);
	}
	if (!w->strict && n > 0) {
		char m[160];

		snprintf(m, sizeof(m),
			 "unexpected literal '%.*s' (expected true, false, "
			 "null, a number, a string, an object or an array)",
			 (int)(n < 48 ? n : 48), w->buf + start);
		return walk_fail(w, EAS_EFORMAT, start, m);
	}
	return walk_fail(w, EAS_EFORMAT, start,
			 "unexpected literal (expected true, false, null, a "
			 "number, a string, an object or an array)");
}

/* Append "/comp" (escaped per RFC 6901) to path[*n..]. */
static void path_append(char *path, size_t *n, size_t cap, const char *s,
			size_t len)
{
	if (*n + 1 < cap)
		path[(*n)++] = '/';
	for (size_t i = 0; i < len && *n + 1 < cap; i++) {
		if (s[i] == '~' || s[i] == '/') {
			if (*n + 2 >= cap)
				break;
			path[(*n)++] = '~';
			path[(*n)++] = s[i] == '~' ? '0' : '1';
		} else {
			path[(*n)++] = s[i];
		}
	}
	path[*n] = '\0';
}

/* JSON pointer of the current position (frames 0..depth). */
static void walk_path(const struct jwalk *w, uint32_t depth, char *path,
		      size_t cap)
{
	size_t n = 0;

	path[0] = '\0';
	for (uint32_t i = 0; i < depth; i++) {
		const struct jframe *f = &w->st[i];

		if (f->obj) {
			const struct jkey *k;

			if (f->cur >= w->nr_keys || f->cur < f->key_first)
				break; /* no key read yet */
			k = &w->keys[f->cur];
			path_append(path, &n, cap, w->arena + k->arena_off,
				    k->len);
		} else {
			char num[24];

			snprintf(num, sizeof(num), "%zu", f->index);
			path_append(path, &n, cap, num, strlen(num));
		}
	}
}

static int walk_fail(struct jwalk *w, int err, size_t off, const char *msg)
{
	if (w->err)
		return w->err;
	w->err = err;
	w->err_off = off;
	walk_path(w, w->depth, w->err_path, sizeof(w->err_path));
	snprintf(w->err_msg, sizeof(w->err_msg), "%s", msg);
	return err;
}

static int cmp_key(const void *a, const void *b)
{
	const struct jkey *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);

	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* Closing the object of frame depth-1: check its keys for duplicates. */
static void close_object(struct jwalk *w)
{
	struct jframe *f = &w->st[w->depth - 1];
	size_t first = f->key_first, n = w->nr_keys - first;
	struct jkey *k = n ? w->keys + first : NULL;

	/* each member ends where the next key starts, the last at the '}'
	 * (w->pos is just past it) */
	for (size_t i = 0; i < n; i++)
		k[i].end = i + 1 < n ? k[i + 1].off : w->pos;
	if (n > 1) {
		const struct jkey *best = NULL;

		for (size_t i = 0; i < n; i++)
			k[i].p = w->arena + k[i].arena_off;
		/* by name, then by position: a run of equal names is one
		 * key's occurrences in file order */
		qsort(k, n, sizeof(*k), cmp_key);
		for (size_t i = 1, g = 0; i < n; i++) {
			if (k[i].len != k[i - 1].len ||
			    memcmp(k[i].p, k[i - 1].p, k[i].len)) {
				g = i; /* first of a new name */
				continue;
			}
			if (!best || k[i].off < best->off)
				best = &k[i];
			/*
			 * json-c (json_object_object_add() since 0.11)
			 * replaces the value of the existing entry: the
			 * earlier member's value is dropped, the key keeps
			 * the first occurrence's position.
			 */
			if (!grow((void **)&w->shadows, &w->shadows_cap,
				  w->nr_shadows, sizeof(*w->shadows))) {
				walk_fail(w, EAS_ENOMEM, w->pos,
					  "out of memory");
				break;
			}
			w->shadows[w->nr_shadows].lo = k[i - 1].off;
			w->shadows[w->nr_shadows].hi = k[i - 1].end;
			w->nr_shadows++;
			if (w->dup_warn) {
				struct jdup *d;
				size_t plen;

				if (!grow((void **)&w->dups, &w->dups_cap,
					  w->nr_dups, sizeof(*w->dups))) {
					walk_fail(w, EAS_ENOMEM, w->pos,
						  "out of memory");
					break;
				}
				d = &w->dups[w->nr_dups++];
				d->off = k[i].off;
				d->first_off = k[g].off;
				snprintf(d->key, sizeof(d->key), "%.*s",
					 (int)(k[i].len < 51 ? k[i].len : 51),
					 k[i].p);
				walk_path(w, w->depth - 1, d->path,
					  sizeof(d->path));
				plen = strlen(d->path);
				path_append(d->path, &plen, sizeof(d->path),
					    k[i].p, k[i].len);
			}
		}
		if (best && (!w->dup || best->off < w->dup_off)) {
			size_t plen;
			char kname[64];

			walk_path(w, w->depth - 1, w->dup_path,
				  sizeof(w->dup_path));
			plen = strlen(w->dup_path);
			path_append(w->dup_path, &plen, sizeof(w->dup_path),
				    best->p, best->len);
			snprintf(kname, sizeof(kname), "%.*s",
				 (int)(best->len < 48 ? best->len : 48),
				 best->p);
			snprintf(w->dup_msg, sizeof(w->dup_msg),
				 "duplicate key '%s' (each key may appear "
				 "once per object)",
				 kname);
			w->dup = true;
			w->dup_off = best->off;
		}
	}
	/* records are popped; the arena is trimmed to the smallest offset */
	if (n > 0) {
		size_t min = w->arena_len;

		for (size_t i = 0; i < n; i++)
			if (k[i].arena_off < min)
				min = k[i].arena_off;
		w->arena_len = min;
	}
	w->nr_keys = first;
}

/* Locate mode: called at the start of each value. Records every value
 * whose path is a prefix of the pointer (duplicates make several). */
static void visit_value(struct jwalk *w, size_t off)
{
	char num[24];
	uint32_t m = 0;

	if (!w->locate)
		return;
	if (w->depth > w->nr_comps)
		return;
	for (uint32_t i = 0; i < w->depth; i++) {
		const struct jframe *f = &w->st[i];
		const char *c = w->comps[i];

		if (f->obj) {
			const struct jkey *k = &w->keys[f->cur];

			if (strlen(c) != k->len ||
			    memcmp(c, w->arena + k->arena_off, k->len))
				break;
		} else {
			snprintf(num, sizeof(num), "%zu", f->index);
			if (strcmp(c, num))
				break;
		}
		m++;
	}
	if (m != w->depth)
		return;
	if (!grow((void **)&w->cands, &w->cands_cap, w->nr_cands,
		  sizeof(*w->cands))) {
		walk_fail(w, EAS_ENOMEM, off, "out of memory");
		return;
	}
	w->cands[w->nr_cands].off = off;
	w->cands[w->nr_cands].depth = m;
	w->nr_cands++;
}

static int push_key(struct jwalk *w)
{
	struct jkey *k;

	if (w->nr_keys == w->keys_cap) {
		size_t ncap = w->keys_cap ? w->keys_cap * 2 : 32;
		struct jkey *nk = realloc(w->keys, ncap * sizeof(*nk));

		if (!nk)
			return walk_fail(w, EAS_ENOMEM, w->pos,
					 "out of memory");
		w->keys = nk;
		w->keys_cap = ncap;
	}
	k = &w->keys[w->nr_keys];
	k->off = w->pos;
	k->arena_off = w->arena_len;
	if (scan_string(w, true, true))
		return w->err;
	k->len = w->arena_len - k->arena_off;
	k->p = NULL;
	w->nr_keys++;
	return 0;
}

enum wstate { W_VALUE, W_KEY, W_AFTER };

/* Walk the whole buffer. Returns 0 or w->err. */
static int walk(struct jwalk *w)
{
	enum wstate s = W_VALUE;

	w->strict = !(w->flags & EAS__JSON_RTAPP);
	w->dup_warn = !w->strict && (w->flags & EAS__JSON_DUP_WARN);
	/* never NULL, so arena + offset is defined even for empty keys */
	w->arena = malloc(256);
	if (!w->arena)
		return walk_fail(w, EAS_ENOMEM, 0, "out of memory");
	w->arena_cap = 256;
	for (;;) {
		char c;

		if (skip_ws(w))
			return w->err;
		if (s == W_AFTER && w->depth == 0) {
			/* rt-app's json_object_from_file() parses with
			 * json_tokener_parse_ex() without
			 * JSON_TOKENER_STRICT: it returns the first document
			 * and never looks at what follows */
			if (w->pos < w->len && w->dup_warn) {
				w->trail = true;
				w->trail_off = w->pos;
				return w->err;
			}
			if (w->pos < w->len)
				return walk_fail(w, EAS_EFORMAT, w->pos,
						 "trailing characters after "
						 "the JSON document");
			return w->err; /* out of memory in a record */
		}
		if (w->pos >= w->len)
			return walk_fail(w, EAS_EFORMAT, w->pos,
					 "unexpected end of input");
		c = w->buf[w->pos];
		switch (s) {
		case W_VALUE:
			visit_value(w, w->pos);
			if (c == '{' || c == '[') {
				struct jframe *f;

				if (w->depth >= EAS__JSON_MAX_DEPTH)
					return walk_fail(w, EAS_EFORMAT, w->pos,
							 "nesting too deep");
				f = &w->st[w->depth++];
				f->obj = c == '{';
				f->index = 0;
				f->key_first = w->nr_keys;
				f->cur = SIZE_MAX;
				w->pos++;
				if (skip_ws(w))
					return w->err;
				if (w->pos < w->len &&
				    w->buf[w->pos] == (c == '{' ? '}' : ']')) {
					w->pos++;
					if (f->obj)
						close_object(w);
					w->depth--;
					s = W_AFTER;
				} else {
					s = f->obj ? W_KEY : W_VALUE;
				}
				continue;
			}
			if (c == '"' || c == '\'') {
				if (scan_string(w, false, false))
					return w->err;
			} else if (c == '-' || is_digit(c)) {
				if (scan_number(w))
					return w->err;
			} else if (is_word(c)) {
				if (scan_word(w))
					return w->err;
			} else {
				return walk_fail(w, EAS_EFORMAT, w->pos,
						 "unexpected character");
			}
			s = W_AFTER;
			continue;
		case W_KEY:
			if (c != '"' && c != '\'')
				return walk_fail(w, EAS_EFORMAT, w->pos,
						 "expected a quoted key");
			if (push_key(w))
				return w->err;
			w->st[w->depth - 1].cur = w->nr_keys - 1;
			if (skip_ws(w))
				return w->err;
			if (w->pos >= w->len || w->buf[w->pos] != ':')
				return walk_fail(w, EAS_EFORMAT, w->pos,
						 "expected ':' after a key");
			w->pos++;
			s = W_VALUE;
			continue;
		case W_AFTER: {
			struct jframe *f = &w->st[w->depth - 1];
			char close = f->obj ? '}' : ']';

			if (c == ',') {
				w->pos++;
				if (skip_ws(w))
					return w->err;
				if (!w->strict && w->pos < w->len &&
				    w->buf[w->pos] == close) {
					/* trailing comma (rt-app mode) */
					w->pos++;
					if (f->obj)
						close_object(w);
					w->depth--;
					s = W_AFTER;
					continue;
				}
				if (f->obj) {
					s = W_KEY;
				} else {
					f->index++;
					s = W_VALUE;
				}
				continue;
			}
			if (c == close) {
				w->pos++;
				if (f->obj)
					close_object(w);
				w->depth--;
				s = W_AFTER;
				continue;
			}
			return walk_fail(w, EAS_EFORMAT, w->pos,
					 f->obj ? "expected ',' or '}'" :
						  "expected ',' or ']'");
		}
		}
	}
}

static void walk_free(struct jwalk *w)
{
	free(w->arena);
	free(w->keys);
	free(w->dups);
	free(w->shadows);
	free(w->cands);
}

/* ======================================================================== */
/* Parse and locate                                                         */
/* ======================================================================== */

static void emit_dups(struct eas__jctx *ctx, struct jwalk *w);
static void warn_out(struct eas__jctx *ctx, int code, size_t off,
		     const char *path, const char *msg);

static int json_parse(const char *buf, size_t len, unsigned flags,
		      struct json_object **root, struct eas_json_diag *diag,
		      struct eas__jctx *ctx)
{
	struct json_tokener *tok;
	struct json_object *o;
	enum json_tokener_error jerr;
	struct jwalk *w;
	int ret;

	*root = NULL;
	if (!buf && len) {
		diag_set(diag, NULL, 0, EAS_EINVAL, 0, "", "no buffer");
		return EAS_EINVAL;
	}
	if (len > (size_t)INT_MAX - 1) {
		diag_set(diag, NULL, 0, EAS_ERANGE, 0, "",
			 "input larger than 2 GiB");
		return EAS_ERANGE;
	}
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		diag_set(diag, buf, len, EAS_EFORMAT, 0, "",
			 "the file starts with a UTF-8 byte-order mark, which "
			 "JSON does not allow: save it without BOM");
		return EAS_EFORMAT;
	}
	tok = json_tokener_new_ex(EAS__JSON_MAX_DEPTH);
	if (!tok) {
		diag_set(diag, NULL, 0, EAS_ENOMEM, 0, "", "out of memory");
		return EAS_ENOMEM;
	}
	json_tokener_set_flags(tok, (flags & EAS__JSON_RTAPP) ?
					    JSON_TOKENER_VALIDATE_UTF8 :
					    JSON_TOKENER_STRICT |
						    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, len ? buf : "", (int)len);
	jerr = json_tokener_get_error(tok);
	if (!o && jerr == json_tokener_continue) {
		/* a bare top-level number needs a terminator */
		o = json_tokener_parse_ex(tok, " ", 1);
		jerr = json_tokener_get_error(tok);
	}
	if (!o) {
		char msg[256];
		size_t off = json_tokener_get_parse_end(tok);

		if (jerr == json_tokener_continue ||
		    jerr == json_tokener_success) {
			off = len;
			snprintf(msg, sizeof(msg),
				 "unexpected end of input (JSON document "
				 "incomplete or empty)");
		} else {
			if (off > len)
				off = len;
			snprintf(msg, sizeof(msg), "JSON syntax error: %s",
				 json_tokener_error_desc(jerr));
		}
		json_tokener_free(tok);
		/* Our walker stops near the same place: borrow its path. */
		w = calloc(1, sizeof(*w));
		if (w) {
			w->buf = buf;
			w->len = len;
			w->flags = flags;
			walk(w);
		}
		/* at the same place, the walker's word on a bare literal
		 * says more than json-c's "unexpected character" */
		if (w && w->err && w->err_off == off &&
		    !strncmp(w->err_msg, "unexpected literal", 18))
			snprintf(msg, sizeof(msg), "JSON syntax error: %.200s",
				 w->err_msg);
		diag_set(diag, buf, len, EAS_EFORMAT, off,
			 w && w->err ? w->err_path : "", msg);
		if (w) {
			walk_free(w);
			free(w);
		}
		return EAS_EFORMAT;
	}
	json_tokener_free(tok);

	w = calloc(1, sizeof(*w));
	if (!w) {
		json_object_put(o);
		diag_set(diag, NULL, 0, EAS_ENOMEM, 0, "", "out of memory");
		return EAS_ENOMEM;
	}
	w->buf = buf;
	w->len = len;
	w->flags = flags;
	ret = walk(w);
	if (!ret && w->dup_warn) {
		if (ctx)
			emit_dups(ctx, w);
		if (ctx && w->trail)
			warn_out(ctx, EAS_EFORMAT, w->trail_off, "",
				 "trailing characters after the JSON document "
				 "ignored, as rt-app's json-c "
				 "(json_object_from_file()) ignores them");
	} else if (!ret && w->dup) {
		ret = EAS_EFORMAT;
		diag_set(diag, buf, len, ret, w->dup_off, w->dup_path,
			 w->dup_msg);
	} else if (ret) {
		diag_set(diag, buf, len, ret, w->err_off, w->err_path,
			 w->err_msg);
	}
	walk_free(w);
	free(w);
	if (ret) {
		json_object_put(o);
		return ret;
	}
	*root = o;
	return 0;
}

int eas__json_parse(const char *buf, size_t len, unsigned flags,
		    struct json_object **root, struct eas_json_diag *diag)
{
	return json_parse(buf, len, flags, root, diag, NULL);
}

int eas__json_locate(const char *buf, size_t len, unsigned flags,
		     const char *pointer, size_t *offset)
{
	struct jwalk *w;
	char *copy;
	const char **comps;
	size_t n = 0, plen;
	int ret;

	*offset = 0;
	if (!pointer || (pointer[0] && pointer[0] != '/'))
		return EAS_EINVAL;
	plen = strlen(pointer);
	for (size_t i = 0; i < plen; i++)
		n += pointer[i] == '/';
	copy = malloc(plen + 1);
	comps = calloc(n + 1, sizeof(*comps));
	w = calloc(1, sizeof(*w));
	if (!copy || !comps || !w) {
		free(copy);
		free(comps);
		free(w);
		return EAS_ENOMEM;
	}
	/* split and unescape: ~1 -> '/', ~0 -> '~' */
	{
		size_t o = 0, k = 0;

		for (size_t i = 0; i < plen; i++) {
			if (pointer[i] == '/') {
				copy[o++] = '\0';
				comps[k++] = copy + o;
				continue;
			}
			if (pointer[i] == '~' && i + 1 < plen &&
			    (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
				copy[o++] = pointer[i + 1] == '0' ? '~' : '/';
				i++;
				continue;
			}
			copy[o++] = pointer[i];
		}
		copy[o] = '\0';
		/* comps[k] point into copy; the first '\0' at copy[0]
		 * separates nothing (pointer starts with '/') */
	}
	w->buf = buf;
	w->len = len;
	w->flags = flags;
	w->locate = true;
	w->comps = comps;
	w->nr_comps = n;
	walk(w);
	/*
	 * The value json-c keeps: the last one on the path that is not
	 * inside a member a later duplicate replaced; when the pointer does
	 * not exist, the deepest existing ancestor (the last of them).
	 */
	ret = EAS_EINVAL;
	{
		uint32_t best_depth = 0;

		for (size_t i = 0; i < w->nr_cands; i++) {
			const struct jcand *c = &w->cands[i];
			bool shadowed = false;

			for (size_t j = 0; j < w->nr_shadows && !shadowed; j++)
				shadowed = c->off >= w->shadows[j].lo &&
					   c->off < w->shadows[j].hi;
			if (shadowed)
				continue;
			if (c->depth == w->nr_comps) {
				*offset = c->off;
				ret = 0;
			} else if (ret && c->depth >= best_depth) {
				best_depth = c->depth;
				*offset = c->off;
			}
		}
	}
	walk_free(w);
	free(w);
	free(comps);
	free(copy);
	return ret;
}

/* ======================================================================== */
/* Context, paths, errors                                                   */
/* ======================================================================== */

int eas__jctx_init(struct eas__jctx *ctx, const char *buf, size_t len,
		   unsigned flags, struct eas_json_diag *diag,
		   struct json_object **root)
{
	return eas__jctx_init_warn(ctx, buf, len, flags, diag, NULL, NULL,
				   root);
}

int eas__jctx_init_warn(struct eas__jctx *ctx, const char *buf, size_t len,
			unsigned flags, struct eas_json_diag *diag,
			eas__jwarn_fn warn, void *warn_ctx,
			struct json_object **root)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->buf = buf;
	ctx->len = len;
	ctx->flags = flags;
	ctx->diag = diag ? diag : &ctx->own_diag;
	ctx->warn = warn;
	ctx->warn_ctx = warn_ctx;
	memset(ctx->diag, 0, sizeof(*ctx->diag));
	ctx->err = json_parse(buf, len, flags, root, ctx->diag, ctx);
	return ctx->err;
}

/* Hand one warning to the caller's callback and count it. */
static void warn_out(struct eas__jctx *ctx, int code, size_t off,
		     const char *path, const char *msg)
{
	struct eas_json_diag d;

	ctx->nr_warnings++;
	if (!ctx->warn)
		return;
	diag_set(&d, ctx->buf, ctx->len, code, off, path, msg);
	ctx->warn(ctx->warn_ctx, &d);
}

static int cmp_dup(const void *a, const void *b)
{
	const struct jdup *x = a, *y = b;

	return (x->off > y->off) - (x->off < y->off);
}

/* One warning per duplicate key, in file order. */
static void emit_dups(struct eas__jctx *ctx, struct jwalk *w)
{
	if (w->nr_dups > 1)
		qsort(w->dups, w->nr_dups, sizeof(*w->dups), cmp_dup);
	for (size_t i = 0; i < w->nr_dups; i++) {
		const struct jdup *d = &w->dups[i];
		char msg[256];
		uint32_t line, col;

		eas__json_line_col(w->buf, w->len, d->first_off, &line, &col);
		snprintf(msg, sizeof(msg),
			 "duplicate key '%s' (first at line %" PRIu32
			 ":%" PRIu32 "): as rt-app's json-c, the last value "
			 "is kept at the first key's position and the "
			 "earlier one is ignored",
			 d->key, line, col);
		warn_out(ctx, EAS_EFORMAT, d->off, d->path, msg);
	}
}

int eas__jwarn(struct eas__jctx *ctx, int code, const char *key,
	       const char *fmt, ...)
{
	char path[EAS__JPATH_MAX], msg[256];
	size_t n = ctx->path_len, off = 0;
	va_list ap;

	memcpy(path, ctx->path, ctx->path_len + 1);
	if (key)
		path_append(path, &n, sizeof(path), key, strlen(key));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	eas__json_locate(ctx->buf, ctx->len, ctx->flags, path, &off);
	warn_out(ctx, code, off, path, msg);
	return 0;
}

void eas__jctx_fini(struct eas__jctx *ctx, struct json_object *root)
{
	(void)ctx;
	if (root)
		json_object_put(root);
}

size_t eas__jpush_key(struct eas__jctx *ctx, const char *key)
{
	size_t mark = ctx->path_len;

	path_append(ctx->path, &ctx->path_len, sizeof(ctx->path), key,
		    strlen(key));
	return mark;
}

size_t eas__jpush_index(struct eas__jctx *ctx, size_t index)
{
	char num[24];

	snprintf(num, sizeof(num), "%zu", index);
	return eas__jpush_key(ctx, num);
}

void eas__jpop(struct eas__jctx *ctx, size_t mark)
{
	if (mark <= ctx->path_len) {
		ctx->path_len = mark;
		ctx->path[mark] = '\0';
	}
}

static int jerr_v(struct eas__jctx *ctx, int err, const char *pointer,
		  const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int jerr_v(struct eas__jctx *ctx, int err, const char *pointer,
		  const char *fmt, va_list ap)
{
	char msg[256];
	size_t off = 0;

	if (ctx->err)
		return ctx->err;
	ctx->err = err ? err : EAS_EFORMAT;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	eas__json_locate(ctx->buf, ctx->len, ctx->flags, pointer, &off);
	diag_set(ctx->diag, ctx->buf, ctx->len, ctx->err, off, pointer, msg);
	return ctx->err;
}

int eas__jerr(struct eas__jctx *ctx, int err, const char *key, const char *fmt,
	      ...)
{
	char path[EAS__JPATH_MAX];
	size_t n = ctx->path_len;
	va_list ap;
	int ret;

	memcpy(path, ctx->path, ctx->path_len + 1);
	if (key)
		path_append(path, &n, sizeof(path), key, strlen(key));
	va_start(ap, fmt);
	ret = jerr_v(ctx, err, path, fmt, ap);
	va_end(ap);
	return ret;
}

int eas__jerr_at(struct eas__jctx *ctx, int err, const char *pointer,
		 const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = jerr_v(ctx, err, pointer, fmt, ap);
	va_end(ap);
	return ret;
}

/* ======================================================================== */
/* Typed getters                                                            */
/* ======================================================================== */

const char *eas__jtype_name(const struct json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_null:
		return "null";
	case json_type_boolean:
		return "a boolean";
	case json_type_double:
		return "a number with a fraction or exponent";
	case json_type_int:
		return "an integer";
	case json_type_object:
		return "an object";
	case json_type_array:
		return "an array";
	case json_type_string:
		return "a string";
	}
	return "an unknown type";
}

/* Short JSON text of v for messages. */
static const char *shown(struct json_object *v, char *buf, size_t size)
{
	const char *s =
		json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);

	copy_trunc(buf, size, s ? s : "?");
	return buf;
}

static int type_err(struct eas__jctx *ctx, struct json_object *v,
		    const char *expected)
{
	char b[48];

	return eas__jerr(ctx, EAS_EFORMAT, NULL, "expected %s, got %s (%s)",
			 expected, eas__jtype_name(v), shown(v, b, sizeof(b)));
}

bool eas__jhas(const struct json_object *obj, const char *key)
{
	return obj && json_object_is_type(obj, json_type_object) &&
	       json_object_object_get_ex(obj, key, NULL);
}

/* Read an integer: *neg and the magnitude / value. */
static int get_int(struct eas__jctx *ctx, struct json_object *v, bool *neg,
		   uint64_t *u, int64_t *s)
{
	int64_t i;

	if (!json_object_is_type(v, json_type_int))
		return type_err(ctx, v, "an integer");
	i = json_object_get_int64(v);
	*neg = i < 0;
	*s = i;
	*u = i < 0 ? 0 : json_object_get_uint64(v);
	return 0;
}

static void range_text(char *b, size_t size, bool sgn, int64_t smin,
		       int64_t smax, uint64_t umin, uint64_t umax)
{
	if (sgn)
		snprintf(b, size, "an integer in [%" PRId64 ", %" PRId64 "]",
			 smin, smax);
	else if (umax == UINT64_MAX)
		snprintf(b, size, "an integer >= %" PRIu64, umin);
	else
		snprintf(b, size, "an integer in [%" PRIu64 ", %" PRIu64 "]",
			 umin, umax);
}

int eas__jval_u64(struct eas__jctx *ctx, struct json_object *v, uint64_t min,
		  uint64_t max, uint64_t *out)
{
	bool neg = false;
	uint64_t u = 0;
	int64_t s = 0;
	char exp[96], b[48];

	if (get_int(ctx, v, &neg, &u, &s))
		return ctx->err;
	if (neg || u < min || u > max) {
		range_text(exp, sizeof(exp), false, 0, 0, min, max);
		return eas__jerr(ctx, EAS_ERANGE, NULL,
				 "value %s out of range (expected %s)",
				 shown(v, b, sizeof(b)), exp);
	}
	*out = u;
	return 0;
}

int eas__jval_u32(struct eas__jctx *ctx, struct json_object *v, uint32_t min,
		  uint32_t max, uint32_t *out)
{
	uint64_t u = 0;

	if (eas__jval_u64(ctx, v, min, max, &u))
		return ctx->err;
	*out = (uint32_t)u;
	return 0;
}

int eas__jval_i64(struct eas__jctx *ctx, struct json_object *v, int64_t min,
		  int64_t max, int64_t *out)
{
	bool neg = false;
	uint64_t u = 0;
	int64_t s = 0;
	char exp[96], b[48];

	if (get_int(ctx, v, &neg, &u, &s))
		return ctx->err;
	if ((!neg && u > (uint64_t)INT64_MAX) || s < min || s > max) {
		range_text(exp, sizeof(exp), true, min, max, 0, 0);
		return eas__jerr(ctx, EAS_ERANGE, NULL,
				 "value %s out of range (expected %s)",
				 shown(v, b, sizeof(b)), exp);
	}
	*out = s;
	return 0;
}

/* Look up key; push it on the path. Returns 1 when absent and optional. */
static int lookup(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, unsigned flags, struct json_object **v,
		  size_t *mark)
{
	if (ctx->err)
		return ctx->err;
	if (!obj || !json_object_is_type(obj, json_type_object))
		return eas__jerr(ctx, EAS_EFORMAT, NULL,
				 "expected an object, got %s",
				 obj ? eas__jtype_name(obj) : "nothing");
	if (!json_object_object_get_ex(obj, key, v)) {
		if (flags & EAS__JREQ)
			return eas__jerr(ctx, EAS_EFORMAT, key,
					 "missing required key '%s'", key);
		return 1;
	}
	*mark = eas__jpush_key(ctx, key);
	return 0;
}

#define KEYED(call)                                                            \
	do {                                                                   \
		struct json_object *v_ = NULL;                                 \
		size_t m_ = 0;                                                 \
		int r_ = lookup(ctx, obj, key, flags, &v_, &m_);               \
		if (r_ > 0)                                                    \
			return 0;                                              \
		if (r_ < 0)                                                    \
			return r_;                                             \
		r_ = (call);                                                   \
		eas__jpop(ctx, m_);                                            \
		return r_ ? ctx->err : 0;                                      \
	} while (0)

int eas__jget_u64(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, uint64_t min, uint64_t max, uint64_t *out,
		  unsigned flags)
{
	KEYED(eas__jval_u64(ctx, v_, min, max, out));
}

int eas__jget_u32(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, uint32_t min, uint32_t max, uint32_t *out,
		  unsigned flags)
{
	KEYED(eas__jval_u32(ctx, v_, min, max, out));
}

int eas__jget_i64(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, int64_t min, int64_t max, int64_t *out,
		  unsigned flags)
{
	KEYED(eas__jval_i64(ctx, v_, min, max, out));
}

static int val_i32(struct eas__jctx *ctx, struct json_object *v, int32_t min,
		   int32_t max, int32_t *out)
{
	int64_t s = 0;

	if (eas__jval_i64(ctx, v, min, max, &s))
		return ctx->err;
	*out = (int32_t)s;
	return 0;
}

int eas__jget_i32(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, int32_t min, int32_t max, int32_t *out,
		  unsigned flags)
{
	KEYED(val_i32(ctx, v_, min, max, out));
}

static int val_bool(struct eas__jctx *ctx, struct json_object *v, bool *out)
{
	if (!json_object_is_type(v, json_type_boolean))
		return type_err(ctx, v, "a boolean (true or false)");
	*out = json_object_get_boolean(v) != 0;
	return 0;
}

int eas__jget_bool(struct eas__jctx *ctx, struct json_object *obj,
		   const char *key, bool *out, unsigned flags)
{
	KEYED(val_bool(ctx, v_, out));
}

static int val_str(struct eas__jctx *ctx, struct json_object *v, size_t min_len,
		   char *out, size_t size)
{
	const char *s;
	size_t n;

	if (!json_object_is_type(v, json_type_string))
		return type_err(ctx, v, "a string");
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	if (memchr(s, '\0', n))
		return eas__jerr(ctx, EAS_EFORMAT, NULL,
				 "string contains a NUL character");
	if (n < min_len || n + 1 > size)
		return eas__jerr(ctx, EAS_ERANGE, NULL,
				 "string of %zu bytes (expected %zu to %zu)", n,
				 min_len, size ? size - 1 : 0);
	memcpy(out, s, n + 1);
	return 0;
}

int eas__jget_str(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, size_t min_len, char *out, size_t size,
		  unsigned flags)
{
	KEYED(val_str(ctx, v_, min_len, out, size));
}

static int val_enum(struct eas__jctx *ctx, struct json_object *v,
		    const char *const *names, size_t n, uint32_t *out)
{
	char list[192] = "", b[48];
	size_t used = 0;
	const char *s;

	if (!json_object_is_type(v, json_type_string))
		return type_err(ctx, v, "a string");
	s = json_object_get_string(v);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, names[i])) {
			*out = (uint32_t)i;
			return 0;
		}
	for (size_t i = 0; i < n && used + 1 < sizeof(list); i++) {
		int w = snprintf(list + used, sizeof(list) - used, "%s\"%s\"",
				 i ? ", " : "", names[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return eas__jerr(ctx, EAS_EFORMAT, NULL,
			 "unknown value %s (expected one of %s)",
			 shown(v, b, sizeof(b)), list);
}

int eas__jget_enum(struct eas__jctx *ctx, struct json_object *obj,
		   const char *key, const char *const *names, size_t n,
		   uint32_t *out, unsigned flags)
{
	KEYED(val_enum(ctx, v_, names, n, out));
}

int eas__jval_obj(struct eas__jctx *ctx, struct json_object *v)
{
	if (ctx->err)
		return ctx->err;
	if (!json_object_is_type(v, json_type_object))
		return type_err(ctx, v, "an object");
	return 0;
}

int eas__jval_arr(struct eas__jctx *ctx, struct json_object *v, size_t min_len,
		  size_t max_len)
{
	size_t n;

	if (ctx->err)
		return ctx->err;
	if (!json_object_is_type(v, json_type_array))
		return type_err(ctx, v, "an array");
	n = json_object_array_length(v);
	if (n < min_len || n > max_len) {
		if (max_len == SIZE_MAX)
			return eas__jerr(ctx, EAS_ERANGE, NULL,
					 "array of %zu elements (expected at "
					 "least %zu)",
					 n, min_len);
		return eas__jerr(ctx, EAS_ERANGE, NULL,
				 "array of %zu elements (expected %zu to %zu)",
				 n, min_len, max_len);
	}
	return 0;
}

static int val_obj_out(struct eas__jctx *ctx, struct json_object *v,
		       struct json_object **out)
{
	if (eas__jval_obj(ctx, v))
		return ctx->err;
	*out = v;
	return 0;
}

int eas__jget_obj(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, struct json_object **out, unsigned flags)
{
	*out = NULL;
	KEYED(val_obj_out(ctx, v_, out));
}

static int val_arr_out(struct eas__jctx *ctx, struct json_object *v,
		       size_t min_len, size_t max_len, struct json_object **out)
{
	if (eas__jval_arr(ctx, v, min_len, max_len))
		return ctx->err;
	*out = v;
	return 0;
}

int eas__jget_arr(struct eas__jctx *ctx, struct json_object *obj,
		  const char *key, size_t min_len, size_t max_len,
		  struct json_object **out, unsigned flags)
{
	*out = NULL;
	KEYED(val_arr_out(ctx, v_, min_len, max_len, out));
}

int eas__jcheck_keys(struct eas__jctx *ctx, struct json_object *obj,
		     const char *const *allowed)
{
	if (eas__jval_obj(ctx, obj))
		return ctx->err;
	json_object_object_foreach(obj, key, val)
	{
		bool ok = false;

		(void)val;
		for (size_t i = 0; allowed[i]; i++)
			if (!strcmp(key, allowed[i])) {
				ok = true;
				break;
			}
		if (!ok) {
			char list[256] = "";
			size_t used = 0;

			for (size_t i = 0;
			     allowed[i] && used + 1 < sizeof(list); i++) {
				int w = snprintf(list + used,
						 sizeof(list) - used, "%s%s",
						 i ? ", " : "", allowed[i]);
				if (w < 0)
					break;
				used += (size_t)w;
			}
			return eas__jerr(ctx, EAS_EFORMAT, key,
					 "unknown key '%s' (expected one of: "
					 "%s)",
					 key, list);
		}
	}
	return 0;
}
