/* SPDX-License-Identifier: MIT */
#include <libeas/error.h>

const char *eas_strerror(int err)
{
	switch (err) {
#define EAS_ERR_STR_(name, val, msg)                                           \
	case (val):                                                            \
		return msg;
		EAS_ERR_MAP(EAS_ERR_STR_)
#undef EAS_ERR_STR_
	default:
		return "unknown error";
	}
}

const char *eas_err_name(int err)
{
	switch (err) {
#define EAS_ERR_NAME_(name, val, msg)                                          \
	case (val):                                                            \
		return #name;
		EAS_ERR_MAP(EAS_ERR_NAME_)
#undef EAS_ERR_NAME_
	default:
		return "unknown";
	}
}
