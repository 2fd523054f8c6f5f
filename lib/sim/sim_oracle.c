/* SPDX-License-Identifier: MIT */
/*
 * eas_sim_oracle(): how far the simulated EAS placement is from the
 * optimal one, for steady periodic CFS workloads.
 *
 * The optimum comes from the branch-and-bound oracle (lib/sim/oracle.c)
 * over each thread instance's steady utilisation; EAS's placement is read
 * off the simulation as the CPU each task ran on longest. Both are scored
 * with eas_oracle_energy(), i.e. the flavour's compute_energy() estimate,
 * so the comparison is between placements, not between the simulated
 * energy (which also holds wake-up transients, frequency ramps and idle
 * power) and an estimate.
 */
#include "sim_internal.h"

#include <libeas/error.h>
#include <libeas/oracle.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORACLE_NODE_LIMIT_DEFAULT 10000000u

void eas_sim_oracle_free(struct eas_sim_oracle *o)
{
	if (!o)
		return;
	free(o->eas_cpu);
	free(o->optimal_cpu);
	free(o->task);
	memset(o, 0, sizeof(*o));
}

/* Simulation index of thread instance `inst` of workload task `wt`: the
 * simulator numbers instances task by task, in file order. Summed in 64
 * bits; eas_sim_create() bounded the total by EAS_RTAPP_MAX_INSTANCES, so
 * the index fits. */
static uint32_t sim_index(const struct eas_rtapp_workload *w, uint32_t wt,
			  uint32_t inst)
{
	uint64_t n = 0;
	uint32_t i;

	for (i = 0; i < wt; i++)
		n += w->tasks[i].instance ? w->tasks[i].instance : 1;
	n += inst;
	return n < UINT32_MAX ? (uint32_t)n : UINT32_MAX;
}

int eas_sim_oracle(struct eas_sim *s, struct eas_sim_oracle *out)
{
	const struct eas_sim_stats *st = eas_sim_stats(s);
	struct eas_oracle_workload ow;
	struct eas_oracle_result res;
	uint32_t *map = NULL, i;
	uint64_t limit = s->cfg.oracle_node_limit ? s->cfg.oracle_node_limit :
						    ORACLE_NODE_LIMIT_DEFAULT;
	int err;

	memset(out, 0, sizeof(*out));
	memset(&ow, 0, sizeof(ow));
	err = eas_oracle_from_rtapp(s->w, s->pf, &ow, out->msg,
				    sizeof(out->msg));
	if (err) {
		out->status = err;
		if (!out->msg[0])
			snprintf(out->msg, sizeof(out->msg), "%s",
				 eas_strerror(err));
		return err;
	}
	out->nr_tasks = ow.nr_tasks;
	out->eas_cpu = calloc(ow.nr_tasks + 1u, sizeof(*out->eas_cpu));
	out->optimal_cpu = calloc(ow.nr_tasks + 1u, sizeof(*out->optimal_cpu));
	out->task = calloc(ow.nr_tasks + 1u, sizeof(*out->task));
	map = calloc(ow.nr_tasks + 1u, sizeof(*map));
	if (!out->eas_cpu || !out->optimal_cpu || !out->task || !map) {
		err = EAS_ENOMEM;
		goto fail;
	}
	for (i = 0; i < ow.nr_tasks; i++) {
		uint32_t si = sim_index(s->w, ow.task_index[i], ow.instance[i]);
		int32_t c = si < st->nr_tasks ? st->tasks[si].main_cpu : -1;

		out->task[i] = si;
		out->eas_cpu[i] = c;
		/* A task that never ran is scored where it was allowed first
		 * (its utilisation is then only what the file promises). */
		if (c < 0) {
			uint32_t k = 0;

			while (k + 1u < s->pf->nr_cpus &&
			       ow.tasks[i].cpus_allowed &&
			       !eas_mask_test(ow.tasks[i].cpus_allowed, k))
				k++;
			c = (int32_t)k;
		}
		map[i] = (uint32_t)c;
	}
	err = eas_oracle_energy(s->pf, ow.tasks, ow.nr_tasks, map, &out->eas,
				&out->eas_feasible);
	if (err) {
		snprintf(out->msg, sizeof(out->msg),
			 "cannot score EAS's placement: %s", eas_strerror(err));
		goto fail;
	}
	memset(&res, 0, sizeof(res));
	err = eas_oracle_solve(s->pf, ow.tasks, ow.nr_tasks, limit,
			       out->optimal_cpu, &res);
	if (err && err != EAS_ERANGE) {
		snprintf(out->msg, sizeof(out->msg), "oracle failed: %s",
			 eas_strerror(err));
		goto fail;
	}
	out->status = err;
	if (err == EAS_ERANGE)
		snprintf(out->msg, sizeof(out->msg),
			 "node limit %llu reached: optimum is the best found",
			 (unsigned long long)limit);
	out->optimum = res.energy;
	out->optimum_feasible = res.feasible;
	out->nodes = res.nodes;
	out->brute_force = res.brute_force;
	free(map);
	eas_oracle_workload_free(&ow);
	return 0;
fail:
	free(map);
	eas_oracle_workload_free(&ow);
	free(out->eas_cpu);
	free(out->optimal_cpu);
	free(out->task);
	out->eas_cpu = NULL;
	out->optimal_cpu = NULL;
	out->task = NULL;
	out->nr_tasks = 0;
	out->status = err;
	return err;
}
