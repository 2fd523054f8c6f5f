/* SPDX-License-Identifier: MIT */
/*
 * libeas version: the single source of truth. CMake parses the three numbers
 * below (see CMakeLists.txt), so edit them here only.
 *
 * While the major number is 0 every minor release may change the ABI.
 */
#ifndef LIBEAS_VERSION_H
#define LIBEAS_VERSION_H

#include <libeas/common.h>

#define EAS_VERSION_MAJOR 0
#define EAS_VERSION_MINOR 3
#define EAS_VERSION_PATCH 0
#define EAS_VERSION_STRING "0.3.0"
#define EAS_VERSION_NUMBER                                                     \
	((EAS_VERSION_MAJOR << 16) | (EAS_VERSION_MINOR << 8) |                \
	 EAS_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The version the library was built as (may differ from the header's). */
EAS_API const char *eas_version_string(void);
EAS_API unsigned eas_version(void);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_VERSION_H */
