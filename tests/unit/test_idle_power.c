/* SPDX-License-Identifier: MIT */
/*
 * Idle power: the simulator's outputs say "idle power unknown" (summary) and
 * "idle_power_known": false (--json) when the platform's idle states carry
 * no power, instead of a silent idle energy of 0; idle_states[].power_known
 * marks a sourced 0; and the example platforms' idle power equals the
 * published Android / LISA sched-energy idle costs, converted as
 * examples/platforms/README.md (Sources) says. The source values below are
 * copied by hand from those files (repository, commit, path in each row).
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/rtapp.h>
#include <libeas/sim.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIR_EX EAS_SOURCE_DIR "/examples/platforms/"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* ---- outputs: known / unknown ----------------------------------------- */

/* Two CPUs, one domain; IDLE is spliced in as the "idle_states" member. */
#define PLAT(IDLE)                                                             \
	"{ \"format\": \"libeas-platform/1\", \"name\": \"idle2\","            \
	"  \"cpus\": [ {\"cpu\": 0}, {\"cpu\": 1} ],"                          \
	"  \"perf_domains\": [ { \"cpus\": [0, 1], \"states\": ["              \
	"     {\"frequency_khz\": 1000000, \"power_mw\": 1000} ] } ] " IDLE    \
	"}"

static const char wl[] =
	"{ \"global\": { \"duration\": 1 },"
	"  \"tasks\": { \"hog\": { \"cpus\": [0], \"runtime\": 5000000 } } }";

struct out {
	char *summary, *json;
	uint64_t idle_uj;
};

static void run_outputs(const char *plat, struct out *o)
{
	struct eas_json_platform jp;
	struct eas_rtapp_workload w;
	struct eas_json_diag d;
	struct eas_sim_config cfg;
	struct eas_sim *s;
	char err[256];
	size_t n;
	FILE *f;
	int e;

	memset(&cfg, 0, sizeof(cfg));
	e = eas_json_platform_load(plat, strlen(plat), EAS_KERNEL_V6_19, 0, &jp,
				   &d);
	if (e)
		fail_msg("platform: %s %s", d.path, d.msg);
	assert_int_equal(eas_rtapp_load(wl, strlen(wl), &w, &d), 0);
	s = eas_sim_create(&jp, &w, &cfg, &e, err, sizeof(err));
	assert_non_null(s);
	assert_int_equal(eas_sim_run(s, 0), 0);
	o->idle_uj = eas_sim_stats(s)->idle_energy_uj;
	f = open_memstream(&o->summary, &n);
	assert_non_null(f);
	eas_sim_write_summary(s, f);
	fclose(f);
	f = open_memstream(&o->json, &n);
	assert_non_null(f);
	eas_sim_write_json(s, f);
	fclose(f);
	eas_sim_free(s);
	eas_rtapp_free(&w);
	eas_json_platform_free(&jp);
}

static void out_free(struct out *o)
{
	free(o->summary);
	free(o->json);
}

/* No idle_states at all, or states with power_uw 0 (= unknown): the idle
 * energy is not a measured 0, and the outputs say so. */
static void test_unknown(void **state)
{
	static const char *const plats[] = {
		PLAT(""),
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_uw\": 0} ]"),
		/* one state unknown among known ones */
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_uw\": 3000}, "
		     "{\"name\": \"OFF\", \"exit_latency_us\": 100} ]"),
		/* known power, but CPU 1 has no idle state */
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_uw\": 3000, "
		     "\"cpus\": [0]} ]"),
	};

	(void)state;
	for (size_t i = 0; i < sizeof(plats) / sizeof(plats[0]); i++) {
		struct out o;

		run_outputs(plats[i], &o);
		if (!strstr(o.summary, "(active 1000000, idle power unknown)"))
			fail_msg("case %zu summary:\n%s", i, o.summary);
		assert_non_null(strstr(o.json, "\"idle_power_known\": false,"));
		out_free(&o);
	}
}

/* Known power: the summary gives the number; a sourced 0 (power_known)
 * is known too and prints "idle 0". */
static void test_known(void **state)
{
	struct out o;

	(void)state;
	/* CPU 0 busy 1 s at 1000 mW (the thread loops); CPU 1 idle 1 s at
	 * 3000 uW: 3000 uJ */
	run_outputs(PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
			 "\"exit_latency_us\": 1, \"power_uw\": 3000} ]"),
		    &o);
	assert_int_equal(o.idle_uj, 3000);
	assert_non_null(strstr(o.summary, "energy: 1003000 uJ total "
					  "(active 1000000, idle 3000)"));
	assert_null(strstr(o.summary, "unknown"));
	assert_non_null(strstr(o.json, "\"idle_energy_uj\": 3000,\n"
				       "  \"idle_power_known\": true,"));
	out_free(&o);

	run_outputs(PLAT(", \"idle_states\": [ {\"name\": \"OFF\", "
			 "\"exit_latency_us\": 1, \"power_uw\": 0, "
			 "\"power_known\": true} ]"),
		    &o);
	assert_non_null(strstr(o.summary, "(active 1000000, idle 0)"));
	assert_non_null(strstr(o.json, "\"idle_power_known\": true,"));
	out_free(&o);
}

/* power_known: a bool; false with a power is a contradiction */
static void test_power_known_errors(void **state)
{
	static const char contra[] =
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_uw\": 5, "
		     "\"power_known\": false} ]");
	static const char notbool[] =
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_known\": 1} ]");
	static const char unknown_false[] =
		PLAT(", \"idle_states\": [ {\"name\": \"WFI\", "
		     "\"exit_latency_us\": 1, \"power_known\": false} ]");
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(eas_json_platform_load(contra, strlen(contra),
						EAS_KERNEL_V6_19, 0, &p, &d),
			 EAS_EFORMAT);
	assert_string_equal(d.path, "/idle_states/0/power_known");
	assert_non_null(strstr(d.msg, "contradicts power_uw 5"));
	assert_int_not_equal(eas_json_platform_load(notbool, strlen(notbool),
						    EAS_KERNEL_V6_19, 0, &p,
						    &d),
			     0);
	assert_string_equal(d.path, "/idle_states/0/power_known");
	assert_int_equal(eas_json_platform_load(unknown_false,
						strlen(unknown_false),
						EAS_KERNEL_V6_19, 0, &p, &d),
			 0);
	assert_false(p.idle_states[0].power_known);
	eas_json_platform_free(&p);
}

/* ---- example platforms: values equal the cited sources ---------------- */

/*
 * One idle state of an example file: the published idle costs (bogo units)
 * of its CPU node and cluster node at that state, copied by hand from the
 * source. Per CPU power_uw = (cpu * n + cluster) * ref_uw / (ref_cost * n),
 * truncating: the cluster's cost shared by its n CPUs, and one scale per
 * platform, ref_cost (the table's busy cost of the biggest CPU at its top
 * OPP) = ref_uw (the file's v6.19 EM power at that OPP, checked below).
 */
struct idle_row {
	const char *name;
	uint32_t cpus[4], nr_cpus;
	uint64_t cpu_cost, cluster_cost;
};

struct idle_src {
	const char *file;
	uint32_t ref_pd;   /* perf domain of the anchor (its top state) */
	uint64_t ref_uw;   /* that state's EM power, v6.19 uW */
	uint64_t ref_cost; /* the table's busy cost there */
	struct idle_row rows[6];
};

/*
 * hikey960: erofs/atc19-erofs@436b83c0482cd59d7d654e97d98a1d814bc769d6
 *   arch/arm64/boot/dts/hisilicon/hi3660-sched-energy.dtsi
 *   CPU_COST_A53 idle 5 5 0 0, CLUSTER_COST_A53 idle 12 12 12 0,
 *   CPU_COST_A72 (the A73s) idle 18 18 0 0, busy <1024 2848>,
 *   CLUSTER_COST_A72 idle 102 102 102 0
 *   (index 0 active idle, 1 WFI, 2 cpu-sleep, 3 cluster-sleep)
 * juno-r0, juno-r0-scmi: torvalds/linux (index label; Android tree)
 *   @986d4e4637c85011e94a40cad15301edbf7a7c03
 *   arch/arm64/boot/dts/arm/juno-sched-energy.dtsi
 *   CPU_COST_A53 idle 6 6 0 0, CLUSTER_COST_A53 idle 56 56 56 17,
 *   CPU_COST_A57 idle 15 15 0 0, busy <1023 616>,
 *   CLUSTER_COST_A57 idle 65 65 65 24
 * hikey620: ARM-software/lisa@a5208d96530764e79a56798c8952d634276d2f44
 *   lisa/lisa/platforms/hikey_energy.py
 *   cpu_idle_states WFI 15, cpu-sleep 0, cluster-sleep 0;
 *   cluster_idle_states 47, 47, 0; cpu (1200000 kHz) power 670
 */
static const struct idle_src srcs[] = {
	{ "hikey960.json",
	  1,
	  1571911,
	  2848,
	  { { "WFI", { 0, 1, 2, 3 }, 4, 5, 12 },
	    { "CPU_SLEEP_0", { 0, 1, 2, 3 }, 4, 0, 12 },
	    { "CLUSTER_SLEEP_0", { 0, 1, 2, 3 }, 4, 0, 0 },
	    { "WFI", { 4, 5, 6, 7 }, 4, 18, 102 },
	    { "CPU_SLEEP_1", { 4, 5, 6, 7 }, 4, 0, 102 },
	    { "CLUSTER_SLEEP_1", { 4, 5, 6, 7 }, 4, 0, 0 } } },
	{ "juno-r0.json",
	  1,
	  583000,
	  616,
	  { { "WFI", { 0, 3, 4, 5 }, 4, 6, 56 },
	    { "CPU_SLEEP_0", { 0, 3, 4, 5 }, 4, 0, 56 },
	    { "CLUSTER_SLEEP_0", { 0, 3, 4, 5 }, 4, 0, 17 },
	    { "WFI", { 1, 2 }, 2, 15, 65 },
	    { "CPU_SLEEP_0", { 1, 2 }, 2, 0, 65 },
	    { "CLUSTER_SLEEP_0", { 1, 2 }, 2, 0, 24 } } },
	{ "juno-r0-scmi.json",
	  1,
	  583000,
	  616,
	  { { "WFI", { 0, 3, 4, 5 }, 4, 6, 56 },
	    { "CPU_SLEEP_0", { 0, 3, 4, 5 }, 4, 0, 56 },
	    { "CLUSTER_SLEEP_0", { 0, 3, 4, 5 }, 4, 0, 17 },
	    { "WFI", { 1, 2 }, 2, 15, 65 },
	    { "CPU_SLEEP_0", { 1, 2 }, 2, 0, 65 },
	    { "CLUSTER_SLEEP_0", { 1, 2 }, 2, 0, 24 } } },
	{ "hikey620.json",
	  0,
	  660153,
	  670,
	  { { "WFI", { 0, 1, 2, 3 }, 4, 15, 47 },
	    { "CPU_SLEEP", { 0, 1, 2, 3 }, 4, 0, 47 },
	    { "CLUSTER_SLEEP", { 0, 1, 2, 3 }, 4, 0, 0 },
	    { "WFI", { 4, 5, 6, 7 }, 4, 15, 47 },
	    { "CPU_SLEEP", { 4, 5, 6, 7 }, 4, 0, 47 },
	    { "CLUSTER_SLEEP", { 4, 5, 6, 7 }, 4, 0, 0 } } },
};

static void test_example_idle_values(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(srcs) / sizeof(srcs[0]); i++) {
		const struct idle_src *src = &srcs[i];
		char path[512];
		struct eas_json_platform p;
		struct eas_json_diag d;
		const struct eas_perf_domain *pd;
		size_t len;
		char *buf;

		snprintf(path, sizeof(path), "%s%s", DIR_EX, src->file);
		buf = slurp(path, &len);
		if (eas_json_platform_load(buf, len, EAS_KERNEL_V6_19, 0, &p,
					   &d))
			fail_msg("%s: %s %s", src->file, d.path, d.msg);
		free(buf);
		/* the anchor is the file's own top EM power */
		pd = &p.pf.pds[src->ref_pd];
		assert_int_equal(pd->table[pd->nr_perf_states - 1].power,
				 src->ref_uw);
		assert_int_equal(p.nr_idle_states, 6);
		for (uint32_t s = 0; s < 6; s++) {
			const struct idle_row *r = &src->rows[s];
			const struct eas_idle_state *st = &p.idle_states[s];
			uint64_t want =
				(r->cpu_cost * r->nr_cpus + r->cluster_cost) *
				src->ref_uw / (src->ref_cost * r->nr_cpus);

			assert_string_equal(st->name, r->name);
			assert_int_equal(st->nr_cpus, r->nr_cpus);
			for (uint32_t c = 0; c < r->nr_cpus; c++)
				assert_int_equal(st->cpus[c], r->cpus[c]);
			if (st->power_uw != want)
				fail_msg("%s %s: power_uw %llu, source gives "
					 "%llu",
					 src->file, r->name,
					 (unsigned long long)st->power_uw,
					 (unsigned long long)want);
			assert_true(st->power_known);
		}
		eas_json_platform_free(&p);
	}
}

/* hand-computed spot checks of the formula above (guards the formula) */
static void test_example_idle_spot(void **state)
{
	(void)state;
	/* hikey960 A73 WFI: (18*4 + 102) * 1571911 / (2848*4) = 24009.1 */
	assert_int_equal((18 * 4 + 102) * 1571911ull / (2848 * 4), 24009);
	/* juno A53 cluster-sleep: 17 * 583000 / (616*4) = 4022.3 */
	assert_int_equal(17 * 583000ull / (616 * 4), 4022);
	/* juno A57 cluster-sleep: 24 * 583000 / (616*2) = 11357.1 */
	assert_int_equal(24 * 583000ull / (616 * 2), 11357);
}

/* Files without published idle power keep power_uw 0 = unknown. */
static void test_examples_without_data(void **state)
{
	static const char *const files[] = { "rk3399.json",
					     "synthetic-tri-cluster.json" };

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char path[512];
		struct eas_json_platform p;
		struct eas_json_diag d;
		size_t len;
		char *buf;

		snprintf(path, sizeof(path), "%s%s", DIR_EX, files[i]);
		buf = slurp(path, &len);
		assert_int_equal(eas_json_platform_load(
					 buf, len, EAS_KERNEL_V6_19, 0, &p, &d),
				 0);
		free(buf);
		assert_true(p.nr_idle_states > 0);
		for (uint32_t s = 0; s < p.nr_idle_states; s++) {
			assert_int_equal(p.idle_states[s].power_uw, 0);
			assert_false(p.idle_states[s].power_known);
		}
		eas_json_platform_free(&p);
	}
}

/* The embedded default platform is examples/platforms/hikey960.json,
 * verbatim (sim_default.c says so; this keeps them in sync). */
static void test_default_is_hikey960(void **state)
{
	size_t len;
	char *buf;

	(void)state;
	buf = slurp(DIR_EX "hikey960.json", &len);
	assert_string_equal(eas_sim_default_platform(), buf);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_power_known_errors),
		cmocka_unit_test(test_example_idle_values),
		cmocka_unit_test(test_example_idle_spot),
		cmocka_unit_test(test_examples_without_data),
		cmocka_unit_test(test_default_is_hikey960),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
