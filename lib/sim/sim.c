/* SPDX-License-Identifier: MIT */
/* Placeholder: replaced by the simulator. */
typedef int eas_sim_placeholder_;
