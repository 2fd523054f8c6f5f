/* SPDX-License-Identifier: MIT */
#include <libeas/version.h>

const char *eas_version_string(void)
{
	return EAS_VERSION_STRING;
}

unsigned eas_version(void)
{
	return EAS_VERSION_NUMBER;
}
