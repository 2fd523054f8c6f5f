/* SPDX-License-Identifier: MIT */
/*
 * The scenario's "balance" object (docs/formats.md §4, `eas balance`),
 * parsed by the hosted json-c layer (libeas-json) into the load-balance
 * structs of include/libeas/balance.h.
 *
 * Usage (after eas_json_scenario_load() gave sc.balance_json):
 *
 *	struct eas_json_balance b;
 *
 *	if (eas_json_balance_load(file_buf, file_len, sc.balance_json,
 *				  pf, &sc.task, &b, &diag))
 *		... diag.path ("/balance/src_tasks/2/h_load"), diag.msg ...
 *	eas_json_balance_apply(&b, sc.rq, pf->nr_cpus);  // clock, misfit
 *	eas_load_balance(&sys, &b.env, ...);
 *	eas_json_balance_free(&b);
 */
#ifndef LIBEAS_BALANCE_JSON_H
#define LIBEAS_BALANCE_JSON_H

#include <libeas/balance.h>
#include <libeas/json.h>

#ifdef __cplusplus
extern "C" {
#endif

struct eas_json_balance {
	struct eas_lb_env env;	   /* points into the owned arrays below */
	struct eas_lb_task *tasks; /* owned, env.nr_src_tasks */
	bool tasks_given;	   /* "src_tasks" present (else: the
				      scenario's task, running) */
	bool has_clock;
	uint64_t clock_ns; /* rq_clock_task(src) */
	bool has_misfit;
	uint64_t *misfit_task_load;    /* owned [nr_cpus] when has_misfit */
	bool has_race;		       /* "race" present */
	struct eas_busiest_state race; /* state when the mechanisms run */
	bool race_rt_wakes;	       /* the RFC race shorthand */
	uint32_t race_given; /* race fields given (the others default) */
	char sd_name[8];     /* "sd" given, "" otherwise */
	void *mem_;	     /* owned allocations */
};

/*
 * Parse the "balance" object text (NUL-terminated, as the scenario loader
 * keeps it) for platform pf; running is the scenario's "task" (the task
 * running on src_cpu), used when "src_tasks" is absent. file_buf /
 * file_len (may be NULL / 0): the whole scenario file, to report byte
 * offsets and lines of errors in it. Paths are full JSON pointers
 * ("/balance/..."). On failure *out is zeroed; returns 0 or EAS_E*.
 */
EAS_API int eas_json_balance_load(const char *file_buf, size_t file_len,
				  const char *balance_json,
				  const struct eas_platform *pf,
				  const struct eas_task *running,
				  struct eas_json_balance *out,
				  struct eas_json_diag *diag);

/* Write the object's clock (rq[src].clock_task) and misfit loads into rq
 * (nr_cpus entries), and take the decision-time RT tasks of src from rq
 * (b->env.src_rt_nr_running = rq[src].rt_nr_running; the race fields not
 * given are filled again with them: "nothing changed" keeps them).
 * Without "misfit_task_load" the src CPU's load comes from
 * update_misfit_status() of its running task: call
 * eas_update_misfit_status() yourself (the command does). */
EAS_API void eas_json_balance_apply(struct eas_json_balance *b,
				    struct eas_rq *rq, uint32_t nr_cpus);

EAS_API void eas_json_balance_free(struct eas_json_balance *b);

#ifdef __cplusplus
}
#endif

#endif /* LIBEAS_BALANCE_JSON_H */
