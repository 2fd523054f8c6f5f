/* SPDX-License-Identifier: MIT */
#include <libeas/common.h>
#include <libeas/error.h>
#include <libeas/platform.h>

const char *eas_kernel_name(enum eas_kernel k)
{
	switch (k) {
	case EAS_KERNEL_V5_4:
		return "v5.4";
	case EAS_KERNEL_V6_19:
		return "v6.19";
	case EAS_KERNEL_V7_1:
		return "v7.1";
	}
	return "unknown";
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int eas_kernel_parse(const char *s, enum eas_kernel *out)
{
	if (!s || !out)
		return EAS_EINVAL;
	if (s[0] == 'v')
		s++;
	if (streq(s, "5.4")) {
		*out = EAS_KERNEL_V5_4;
		return EAS_OK;
	}
	if (streq(s, "6.19")) {
		*out = EAS_KERNEL_V6_19;
		return EAS_OK;
	}
	if (streq(s, "7.1")) {
		*out = EAS_KERNEL_V7_1;
		return EAS_OK;
	}
	return EAS_EINVAL;
}

/* Every flavour the library has, indexed by enum eas_kernel. Only the
 * functions below name it: a program that never calls them (nor
 * eas_platform_build()) does not link it, nor the flavours it lists. */
static const struct eas_flavour *const all_flavours[EAS_KERNEL_COUNT] = {
	[EAS_KERNEL_V5_4] = &eas_kernel_v5_4,
	[EAS_KERNEL_V6_19] = &eas_kernel_v6_19,
	[EAS_KERNEL_V7_1] = &eas_kernel_v7_1,
};

const struct eas_flavour *eas_kernel_by_id(enum eas_kernel k)
{
	if ((unsigned)k >= EAS_KERNEL_COUNT)
		return NULL;
	return all_flavours[k];
}

const struct eas_flavour *eas_kernel_by_name(const char *s)
{
	enum eas_kernel k;

	if (eas_kernel_parse(s, &k) != EAS_OK)
		return NULL;
	return all_flavours[k];
}

/* The enum-taking compatibility entry: eas_platform_build_k() with the
 * object of k (NULL for an unknown k: EAS_EKERNEL). */
int eas_platform_build(struct eas_platform *pf, void *mem, size_t size,
		       const struct eas_platform_desc *desc, enum eas_kernel k,
		       uint32_t opts, struct eas_build_error *where)
{
	return eas_platform_build_k(pf, mem, size, desc, eas_kernel_by_id(k),
				    opts, where);
}
