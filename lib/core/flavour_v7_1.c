/* SPDX-License-Identifier: MIT */
/*
 * The v7.1 flavour: one translation unit holding the flavour's kernel
 * mirror (its folder's area files) and its objects eas_kernel_v7_1 and
 * eas_kernel_v7_1_place
 * (docs/design-api.md, "Flavours").
 */
#define EAS_FLAVOUR EAS_KERNEL_V7_1
#define EAS_FLAVOUR_PREFIX eas__v71
#define EAS_FLAVOUR_OBJECT eas_kernel_v7_1
#define EAS_FLAVOUR_OBJECT_PLACE eas_kernel_v7_1_place
#define EAS_FLAVOUR_NAME "v7.1"
/* the v6.19 sources leave out the functions v7_1/ redefines */
#define EAS__V71_RULES 1
#include "flavour.h"

#include "common/util.c"
#include "v6_19/util.c"
#include "v7_1/util.c"
#include "common/feec.c"
#include "v6_19/feec.c"
#include "common/wakeup.c"
#include "v6_19/wakeup.c"
#include "v7_1/wakeup.c"
#include "common/fast_feec.c"
#include "common/fast_select.c"
#include "common/balance.c"
#include "v6_19/lb_stats.c"
#include "v6_19/lb_decide.c"
#include "v7_1/balance.c"

#include "flavour_table.h"
