/* SPDX-License-Identifier: MIT */
#include <libeas/common.h>
#include <libeas/error.h>

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
