/* SPDX-License-Identifier: MIT */
/*
 * The v6.19 flavour: one translation unit holding the flavour's kernel
 * mirror (its folder's area files) and its objects eas_kernel_v6_19 and
 * eas_kernel_v6_19_place
 * (docs/design-api.md, "Flavours").
 */
#define EAS_FLAVOUR EAS_KERNEL_V6_19
#define EAS_FLAVOUR_PREFIX eas__v619
#define EAS_FLAVOUR_OBJECT eas_kernel_v6_19
#define EAS_FLAVOUR_OBJECT_PLACE eas_kernel_v6_19_place
#define EAS_FLAVOUR_NAME "v6.19"
#include "flavour.h"

#include "common/util.c"
#include "v6_19/util.c"
#include "common/feec.c"
#include "v6_19/feec.c"
#include "common/wakeup.c"
#include "v6_19/wakeup.c"
#include "common/fast_feec.c"
#include "common/fast_select.c"
#include "common/balance.c"
#include "v6_19/lb_stats.c"
#include "v6_19/lb_decide.c"

#include "flavour_table.h"
