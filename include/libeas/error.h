/* SPDX-License-Identifier: MIT */
/*
 * Error codes. One X-macro table generates the enum, eas_strerror() and
 * eas_err_name(). Values are pinned and append-only: never renumber.
 * Functions return 0 (EAS_OK) or a negative code.
 */
#ifndef LIBEAS_ERROR_H
#define LIBEAS_ERROR_H

#include <libeas/common.h>

#define EAS_ERR_MAP(X)                                                         \
	X(OK, 0, "success")                                                    \
	X(EINVAL, -1, "invalid argument")                                      \
	X(ENOSPC, -2, "caller buffer too small")                               \
	X(ERANGE, -3, "value out of range")                                    \
	X(EFREQ, -4, "perf state frequencies not strictly increasing")         \
	X(EPOWER, -5, "perf state power is 0 or above the flavour's maximum")  \
	X(ECAPACITY, -6, "CPUs of one perf domain have different capacities")  \
	X(EPDEXIST, -7, "CPU belongs to more than one perf domain")            \
	X(ENOPD, -8, "CPU belongs to no perf domain")                          \
	X(ECPU, -9, "CPU id out of range or listed twice")                     \
	X(ETOPO, -10, "sched-domain spans do not partition or nest")           \
	X(ENOVOLT, -11, "OPP has neither a voltage nor a power")               \
	X(ENOSTATES, -12, "perf domain has no perf states")                    \
	X(EPERF, -13, "perf state performance is 0 (cost undefined)")          \
	X(ETOOMANY, -14, "too many CPUs in one perf domain for the flavour")   \
	X(EKERNEL, -15, "unknown kernel flavour")                              \
	X(ELIMITS, -16, "perf state limits not found or min above max")        \
	X(EFORMAT, -17, "malformed input")                                     \
	X(ENOMEM, -18, "out of memory (hosted layers only)")                   \
	X(EIO, -19, "I/O error (hosted layers only)")                          \
	X(EUNSUPPORTED, -20, "input uses a feature libeas does not support")

enum eas_err {
#define EAS_ERR_ENUM_(name, val, msg) EAS_##name = (val),
	EAS_ERR_MAP(EAS_ERR_ENUM_)
#undef EAS_ERR_ENUM_
};

#ifdef __cplusplus
extern "C" {
#endif

/* Human message for an error code; "unknown error" for others. Reentrant. */
EAS_API const char *eas_strerror(int err);
/* The code's name without prefix, e.g. "EFREQ"; "unknown" for others (the
 * one string every *_name() returns for an unknown value). */
EAS_API const char *eas_err_name(int err);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_ERROR_H */
