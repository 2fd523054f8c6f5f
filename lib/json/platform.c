/* SPDX-License-Identifier: MIT */
/* Placeholder: replaced by the platform loader. */
#include <libeas/json.h>
typedef int eas_json_placeholder_;
