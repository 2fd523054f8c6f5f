/* SPDX-License-Identifier: MIT */
/*
 * The tables and objects of the flavour TU that includes this file last:
 * every entry point of struct eas_kernel_ops bound to the TU's own static
 * function (flavour.h renames eas_X to EAS__F(X)). Two objects per
 * flavour: EAS_FLAVOUR_OBJECT (everything) and EAS_FLAVOUR_OBJECT_PLACE
 * (no load balance: a firmware image naming it links no load-balance
 * code under --gc-sections).
 */
static const struct eas_kernel_lb_ops EAS__F(lb_ops) = {
	.should_we_balance = eas_should_we_balance,
	.lb_interval_jiffies = eas_lb_interval_jiffies,
	.lb_balance_interval_after = eas_lb_balance_interval_after,
	.can_migrate_task = eas_can_migrate_task,
	.task_hot = eas_task_hot,
	.detach_one_task = eas_detach_one_task,
	.load_balance = eas_load_balance,
	.mech_decide = eas_mech_decide,
	.mech_execute = eas_mech_execute,
	.need_active_balance = eas_need_active_balance,
};

static const struct eas_kernel_ops EAS__F(ops) = {
	.arch_capacity = eas_arch_capacity,
	.cpufreq_pressure = eas_cpufreq_pressure,
	.actual_cpu_capacity = eas_actual_cpu_capacity,
	.scale_rt_capacity = eas_scale_rt_capacity,
	.capacity_of = eas_capacity_of,
	.task_util_est = eas_task_util_est,
	.task_uclamp_min = eas_task_uclamp_min,
	.task_uclamp_max = eas_task_uclamp_max,
	.cpu_util = eas_cpu_util,
	.schedutil_cpu_util = eas_schedutil_cpu_util,
	.effective_cpu_util = eas_effective_cpu_util,
	.util_fits_cpu = eas_util_fits_cpu,
	.task_fits_cpu = eas_task_fits_cpu,
	.cpu_overutilized = eas_cpu_overutilized,
	.is_overutilized = eas_is_overutilized,
	.compute_energy = eas_compute_energy,
	.select_task_rq_fair = eas_select_task_rq_fair,
	.select_task_rq_fair_explain = eas_select_task_rq_fair_explain,
	.overutilized_update = eas_overutilized_update,
	.overutilized_root_update = eas_overutilized_root_update,
	.update_misfit_status = eas_update_misfit_status,
	.check_cpu_capacity = eas_check_cpu_capacity,
	.check_misfit_status = eas_check_misfit_status,
	.feec = eas__feec,
	.fast_feec = eas__fast_feec,
	.fast_build_lut = EAS__F(fast_build_lut),
	.fast_base_energy = EAS__F(fast_base_energy),
	.lb = &EAS__F(lb_ops),
};

static const struct eas_kernel_ops EAS__F(ops_place) = {
	.arch_capacity = eas_arch_capacity,
	.cpufreq_pressure = eas_cpufreq_pressure,
	.actual_cpu_capacity = eas_actual_cpu_capacity,
	.scale_rt_capacity = eas_scale_rt_capacity,
	.capacity_of = eas_capacity_of,
	.task_util_est = eas_task_util_est,
	.task_uclamp_min = eas_task_uclamp_min,
	.task_uclamp_max = eas_task_uclamp_max,
	.cpu_util = eas_cpu_util,
	.schedutil_cpu_util = eas_schedutil_cpu_util,
	.effective_cpu_util = eas_effective_cpu_util,
	.util_fits_cpu = eas_util_fits_cpu,
	.task_fits_cpu = eas_task_fits_cpu,
	.cpu_overutilized = eas_cpu_overutilized,
	.is_overutilized = eas_is_overutilized,
	.compute_energy = eas_compute_energy,
	.select_task_rq_fair = eas_select_task_rq_fair,
	.select_task_rq_fair_explain = eas_select_task_rq_fair_explain,
	.overutilized_update = eas_overutilized_update,
	.overutilized_root_update = eas_overutilized_root_update,
	.update_misfit_status = eas_update_misfit_status,
	.check_cpu_capacity = eas_check_cpu_capacity,
	.check_misfit_status = eas_check_misfit_status,
	.feec = eas__feec,
	.fast_feec = eas__fast_feec,
	.fast_build_lut = EAS__F(fast_build_lut),
	.fast_base_energy = EAS__F(fast_base_energy),
	.lb = NULL,
};

const struct eas_flavour EAS_FLAVOUR_OBJECT = {
	.id = EAS_FLAVOUR,
	.name = EAS_FLAVOUR_NAME,
	.ops = &EAS__F(ops),
};

const struct eas_flavour EAS_FLAVOUR_OBJECT_PLACE = {
	.id = EAS_FLAVOUR,
	.name = EAS_FLAVOUR_NAME,
	.ops = &EAS__F(ops_place),
};
