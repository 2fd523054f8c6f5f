/* SPDX-License-Identifier: MIT */
/*
 * The v5.4 flavour: one translation unit holding the flavour's kernel
 * mirror (its folder's area files) and its objects eas_kernel_v5_4 and
 * eas_kernel_v5_4_place
 * (docs/design-api.md, "Flavours").
 */
#define EAS_FLAVOUR EAS_KERNEL_V5_4
#define EAS_FLAVOUR_PREFIX eas__v54
#define EAS_FLAVOUR_OBJECT eas_kernel_v5_4
#define EAS_FLAVOUR_OBJECT_PLACE eas_kernel_v5_4_place
#define EAS_FLAVOUR_NAME "v5.4"
#include "flavour.h"

#include "common/util.c"
#include "v5_4/util.c"
#include "common/feec.c"
#include "v5_4/feec.c"
#include "common/wakeup.c"
#include "v5_4/wakeup.c"
#include "common/fast_feec.c"
#include "common/fast_select.c"
#include "common/balance.c"
#include "v5_4/lb_stats.c"
#include "v5_4/lb_decide.c"

#include "flavour_table.h"
