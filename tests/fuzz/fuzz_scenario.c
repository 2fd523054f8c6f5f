/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: bytes -> eas_json_scenario_load() on two platforms (the
 * embedded HiKey960, 8 CPUs in two clusters; a 4-CPU SMT platform) for both
 * kernel flavours, then what `eas place` and `eas balance` do with it:
 *  - placement: eas_select_task_rq_fair() with a candidates buffer of
 *    EAS_PLACE_MAX_CANDIDATES(): a CPU of the platform, candidates within
 *    the buffer;
 *  - the "balance" object: eas_json_balance_load(), _apply(), the
 *    src-side misfit update, eas_load_balance(), and every active-balance
 *    mechanism's decision and execution (eas_mech_decide/_execute).
 * On a load failure: a negative code mirrored in the diag, a message, a
 * path "" or "/...", and an all-zero output.
 */
#include "fuzz_common.h"

#include <libeas/balance.h>
#include <libeas/balance_json.h>
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/scenario.h>
#include <libeas/sim.h>

#include <string.h>

/* 2 SMT cores of 2 threads each, one perf domain per core. */
static const char smt_platform[] =
	"{\"format\":\"libeas-platform/1\",\"name\":\"smt4\","
	"\"cpus\":[{\"cpu\":0,\"capacity\":512,\"smt\":0},"
	"{\"cpu\":1,\"capacity\":512,\"smt\":0},"
	"{\"cpu\":2,\"capacity\":1024,\"smt\":1},"
	"{\"cpu\":3,\"capacity\":1024,\"smt\":1}],"
	"\"perf_domains\":["
	"{\"cpus\":[0,1],\"states\":[{\"frequency_khz\":500000,"
	"\"power_uw\":100000},{\"frequency_khz\":1000000,\"power_uw\":"
	"300000}]},"
	"{\"cpus\":[2,3],\"states\":[{\"frequency_khz\":500000,"
	"\"power_uw\":200000},{\"frequency_khz\":1000000,\"power_uw\":"
	"900000}]}]}";

/* Loaded once per (platform, flavour); reachable until exit. */
static struct eas_json_platform *platform(int which, enum eas_kernel k)
{
	static struct eas_json_platform jp[2][2];
	static bool loaded[2][2];
	const char *txt = which ? smt_platform : eas_sim_default_platform();
	struct eas_json_diag d;

	if (!loaded[which][k]) {
		FUZZ_CHECK(eas_json_platform_load(txt, strlen(txt), k, 0,
						  &jp[which][k], &d) == 0);
		loaded[which][k] = true;
	}
	return &jp[which][k];
}

static void check_diag(int r, const struct eas_json_diag *d)
{
	FUZZ_CHECK(r < 0);
	FUZZ_CHECK(d->err == r);
	FUZZ_CHECK(d->msg[0] != '\0');
	FUZZ_CHECK(memchr(d->msg, '\0', sizeof(d->msg)) != NULL);
	FUZZ_CHECK(memchr(d->path, '\0', sizeof(d->path)) != NULL);
	FUZZ_CHECK(d->path[0] == '\0' || d->path[0] == '/');
}

static void place(const struct eas_platform *pf, const struct eas_scenario *sc)
{
	uint32_t max = (uint32_t)EAS_PLACE_MAX_CANDIDATES(pf->nr_pds);
	struct eas_place_candidate *cand = calloc(max + 1u, sizeof(*cand));
	struct eas_place_result res;
	struct eas_system sys;
	struct eas_task p = sc->task;
	struct eas_waker w = sc->waker;
	int cpu;

	FUZZ_CHECK(cand != NULL);
	eas_scenario_system(sc, pf, &sys);
	memset(&res, 0, sizeof(res));
	res.feec.candidates = cand;
	res.feec.max_candidates = max;
	cpu = eas_select_task_rq_fair(&sys, &p, &w, sc->wake_flags, &res);
	/* the loader checked every CPU id: no argument error is left */
	FUZZ_CHECK(cpu >= 0 && (uint32_t)cpu < pf->nr_cpus);
	FUZZ_CHECK(res.cpu == cpu);
	FUZZ_CHECK(res.feec.nr_candidates <= max);
	free(cand);
}

static void balance(const char *buf, size_t len, const struct eas_platform *pf,
		    struct eas_scenario *sc)
{
	struct eas_json_balance b;
	struct eas_json_diag d;
	struct eas_system sys;
	struct eas_lb_result res;
	struct eas_sg_stats *groups;
	struct eas_can_migrate *cm;
	uint32_t ng = (uint32_t)EAS_LB_MAX_GROUPS(pf->nr_cpus);
	int r;

	eas_scenario_system(sc, pf, &sys);
	r = eas_json_balance_load(buf, len, sc->balance_json, pf, &sc->task, &b,
				  &d);
	if (r) {
		check_diag(r, &d);
		return;
	}
	FUZZ_CHECK(b.env.src_cpu < pf->nr_cpus && b.env.dst_cpu < pf->nr_cpus);
	eas_json_balance_apply(&b, sc->rq, pf->nr_cpus);
	if (!b.has_misfit && !sc->rq[b.env.src_cpu].misfit_task_load)
		for (uint32_t j = 0; j < b.env.nr_src_tasks; j++)
			if (b.env.src_tasks[j].task.is_current)
				sc->rq[b.env.src_cpu].misfit_task_load =
					eas_update_misfit_status(
						&sys, &b.env.src_tasks[j].task,
						b.env.src_cpu);
	groups = calloc(ng + 1u, sizeof(*groups));
	cm = calloc(b.env.nr_src_tasks + 1u, sizeof(*cm));
	FUZZ_CHECK(groups && cm);
	memset(&res, 0, sizeof(res));
	if (!eas_load_balance(&sys, &b.env, groups, ng, cm, &res)) {
		struct eas_busiest_state st0;

		FUZZ_CHECK(res.nr_groups <= ng);
		FUZZ_CHECK(res.busiest_cpu < (int32_t)pf->nr_cpus);
		if (b.has_race)
			st0 = b.race;
		else
			eas_busiest_state_init(&st0, &b.env);
		for (int m = 0; m < EAS_MECH_COUNT; m++) {
			struct eas_mech_decision dec;
			struct eas_mech_result mr;
			struct eas_busiest_state st = st0;

			eas_mech_decide(&sys, &b.env, &res, (enum eas_mech)m,
					&dec);
			eas_mech_execute(&sys, &b.env, &dec, &st, &mr);
		}
	}
	free(groups);
	free(cm);
	eas_json_balance_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct eas_scenario zero;
	const char *buf = (const char *)data;

	for (int which = 0; which < 2; which++) {
		for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
			const struct eas_platform *pf =
				&platform(which, (enum eas_kernel)k)->pf;
			struct eas_scenario sc;
			struct eas_json_diag d;
			int r;

			memset(&sc, 0x5a, sizeof(sc));
			r = eas_json_scenario_load(buf, size, pf->nr_cpus, &sc,
						   &d);
			if (r) {
				check_diag(r, &d);
				FUZZ_CHECK(!memcmp(&sc, &zero, sizeof(sc)));
				/* the same for every platform and flavour
				 * when not about CPU ids: stop early */
				return 0;
			}
			FUZZ_CHECK(sc.nr_cpus == pf->nr_cpus);
			place(pf, &sc);
			if (sc.balance_json)
				balance(buf, size, pf, &sc);
			eas_scenario_free(&sc);
		}
	}
	return 0;
}
