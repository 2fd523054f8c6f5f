/* SPDX-License-Identifier: MIT */
/*
 * Umbrella header of the freestanding core: everything libeas_core
 * declares. Include this one header unless you want to keep a translation
 * unit's dependencies narrow.
 *
 * The hosted layers have their own headers and libraries (they need json-c
 * or the simulator): <libeas/json.h>, <libeas/scenario.h>,
 * <libeas/balance_json.h>, <libeas/place_json.h> (libeas-json) and
 * <libeas/sim.h>, <libeas/rtapp.h>, <libeas/oracle.h> (libeas-sim).
 *
 * Start here (README.md, "Start here"): eas_platform_build() (platform.h),
 * eas_rq_init() / eas_task_init() / eas_waker_init() (signals.h),
 * eas_select_task_rq_fair() (place.h), eas_load_balance() (balance.h),
 * eas_strerror() (error.h); for tests of heuristics, eas_kit_build()
 * (kit.h) builds a system of clusters without JSON.
 */
#ifndef LIBEAS_LIBEAS_H
#define LIBEAS_LIBEAS_H

#include <libeas/common.h>
#include <libeas/error.h>
#include <libeas/version.h>

#include <libeas/em.h>
#include <libeas/platform.h>
#include <libeas/signals.h>

#include <libeas/kernel.h>

#include <libeas/balance.h>
#include <libeas/place.h>
#include <libeas/fast.h>
#include <libeas/policy.h>

#include <libeas/kit.h>

#endif /* LIBEAS_LIBEAS_H */
