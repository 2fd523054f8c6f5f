/* SPDX-License-Identifier: MIT */
/*
 * eas import-debugfs: fake copies of /sys/kernel/debug/energy_model
 * (tests/data/debugfs-*) import into platform files whose rebuilt v6.19
 * energy model reproduces the device's performance / cost / inefficient
 * values exactly; random energy models round-trip EM -> debugfs tree ->
 * platform file -> EM; malformed trees fail naming the offending path.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include "fixtures.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define EAS_TOOL EAS_BINARY_DIR "/tools/eas"
#define DATA EAS_SOURCE_DIR "/tests/data"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	return eas_test_mkdtemp(tmpdir, sizeof(tmpdir), "test_debugfs");
}

static int teardown(void **state)
{
	(void)state;
	return eas_test_rmtree(tmpdir);
}

static uint64_t read_num(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static uint64_t read_num(const char *fmt, ...)
{
	char path[1024], *s;
	va_list ap;
	uint64_t v;

	va_start(ap, fmt);
	vsnprintf(path, sizeof(path), fmt, ap);
	va_end(ap);
	s = eas_test_slurp(path, NULL);
	assert_non_null(s);
	v = strtoull(s, NULL, 0);
	free(s);
	return v;
}

/* Imports dir into out (a platform file) and loads it for v6.19. */
static void import_load(const char *dir, const char *out,
			struct eas_json_platform *jp)
{
	char cmd[2048], *buf;
	struct eas_json_diag d;
	size_t len;

	snprintf(cmd, sizeof(cmd),
		 "'%s' import-debugfs '%s' -o '%s' 2>'%s.err'", EAS_TOOL, dir,
		 out, out);
	assert_int_equal(eas_test_run(cmd), 0);
	buf = eas_test_slurp(out, &len);
	assert_non_null(buf);
	if (eas_json_platform_load(buf, len, EAS_KERNEL_V6_19, 0, jp, &d))
		fprintf(stderr, "%s: %s: %s\n", out, d.path, d.msg);
	assert_int_equal(d.err, 0);
	free(buf);
}

/* Every state of pd equals the tree's files. */
static void check_pd(const struct eas_perf_domain *pd, const char *dir)
{
	for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
		const struct eas_perf_state *ps = &pd->table[s];
		uint64_t f = ps->frequency;

		assert_int_equal(ps->power,
				 read_num("%s/ps:%" PRIu64 "/power", dir, f));
		assert_int_equal(
			ps->performance,
			read_num("%s/ps:%" PRIu64 "/performance", dir, f));
		assert_int_equal(ps->cost,
				 read_num("%s/ps:%" PRIu64 "/cost", dir, f));
		assert_int_equal(
			(ps->flags & EAS_PERF_STATE_INEFFICIENT) != 0,
			read_num("%s/ps:%" PRIu64 "/inefficient", dir, f));
	}
}

static void test_hikey960_tree(void **state)
{
	struct eas_json_platform jp;
	char out[300];
	const struct eas_platform *pf;

	(void)state;
	snprintf(out, sizeof(out), "%s/hikey960.json", tmpdir);
	import_load(DATA "/debugfs-hikey960", out, &jp);
	pf = &jp.pf;
	assert_int_equal(pf->nr_cpus, 8);
	assert_int_equal(pf->nr_pds, 2); /* the GPU domain is skipped */
	assert_true(pf->eas_possible);
	/* golden: HiKey960 capacities and top costs (v6.19) */
	assert_int_equal(pf->cpus[0].capacity, 462);
	assert_int_equal(pf->cpus[4].capacity, 1024);
	assert_int_equal(pf->pds[0].table[4].cost, 5312);
	assert_int_equal(pf->pds[1].table[4].cost, 15350);
	assert_int_equal(pf->pds[0].nr_cpus, 4);
	assert_int_equal(pf->pds[1].cpus[0], 4);
	assert_false(pf->pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
	check_pd(&pf->pds[0], DATA "/debugfs-hikey960/cpu0");
	check_pd(&pf->pds[1], DATA "/debugfs-hikey960/cpu4");
	{
		char p[400], *e;
		snprintf(p, sizeof(p), "%s.err", out);
		e = eas_test_slurp(p, NULL);
		assert_non_null(e);
		assert_non_null(strstr(e, "e82c0000.mali"));
		free(e);
	}
	eas_json_platform_free(&jp);

	/* the same EM as the devicetree-based platform file */
	{
		struct eas_json_platform dt;
		struct eas_json_diag d;
		size_t len;
		char *buf = eas_test_slurp(EAS_SOURCE_DIR
					   "/examples/platforms/hikey960.json",
					   &len);
		assert_non_null(buf);
		assert_int_equal(eas_json_platform_load(buf, len,
							EAS_KERNEL_V6_19, 0,
							&dt, &d),
				 0);
		check_pd(&dt.pf.pds[0], DATA "/debugfs-hikey960/cpu0");
		check_pd(&dt.pf.pds[1], DATA "/debugfs-hikey960/cpu4");
		eas_json_platform_free(&dt);
		free(buf);
	}
}

/* kernel-eas.md §7.1 DT example: state 0 inefficient (cost equal to
 * state 1's), SKIP_INEFFICIENCIES set; cpulist "0,1". */
static void test_inefficient_tree(void **state)
{
	struct eas_json_platform jp;
	char out[300];
	const struct eas_platform *pf;

	(void)state;
	snprintf(out, sizeof(out), "%s/ineff.json", tmpdir);
	import_load(DATA "/debugfs-ineff", out, &jp);
	pf = &jp.pf;
	assert_int_equal(pf->nr_cpus, 4);
	assert_int_equal(pf->cpus[1].capacity, 512);
	assert_int_equal(pf->cpus[2].capacity, 1024);
	assert_true(pf->pds[0].flags & EAS_PD_SKIP_INEFFICIENCIES);
	assert_false(pf->pds[1].flags & EAS_PD_SKIP_INEFFICIENCIES);
	assert_true(pf->pds[0].table[0].flags & EAS_PERF_STATE_INEFFICIENT);
	assert_int_equal(pf->pds[0].table[2].cost, 3164);
	check_pd(&pf->pds[0], DATA "/debugfs-ineff/cpu0");
	check_pd(&pf->pds[1], DATA "/debugfs-ineff/cpu2");
	/* the skip flag matters: max_util 100 picks state 1, not 0 */
	assert_int_equal(eas_em_pd_get_efficient_state(&pf->pds[0], 100), 1);
	eas_json_platform_free(&jp);
}

static void put(const char *dir, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void put(const char *dir, const char *file, const char *fmt, ...)
{
	char path[1024];
	va_list ap;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "w");
	assert_non_null(f);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

/* kernel cpulist ("%*pbl") of a sorted CPU list */
static void cpulist(const uint32_t *c, uint32_t n, char *out, size_t size)
{
	size_t k = 0;

	out[0] = '\0';
	for (uint32_t i = 0; i < n;) {
		uint32_t j = i;
		while (j + 1 < n && c[j + 1] == c[j] + 1)
			j++;
		if (j > i)
			k += (size_t)snprintf(out + k, size - k, "%s%u-%u",
					      k ? "," : "", c[i], c[j]);
		else
			k += (size_t)snprintf(out + k, size - k, "%s%u",
					      k ? "," : "", c[i]);
		i = j + 1;
	}
}

/* Random EMs: EM -> debugfs tree -> import -> load -> same EM. */
static void test_random_round_trip(void **state)
{
	uint64_t seed = 0xdeb06f5;

	(void)state;
	for (int it = 0; it < 12; it++) {
		struct fix_gen_params gp = {
			.nr_cpus = (uint32_t)fix_rand_range(&seed, 2, 12),
			.nr_states = (uint32_t)fix_rand_range(&seed, 1, 9),
			.seed = fix_rand(&seed),
			.flags = FIX_GEN_SHUFFLE |
				 ((fix_rand(&seed) % 2) ? FIX_GEN_NO_SKIP : 0),
		};
		struct eas_platform *pf;
		struct eas_json_platform jp;
		char dir[400], out[400];

		gp.nr_pds = (uint32_t)fix_rand_range(&seed, 1, gp.nr_cpus);
		pf = fix_generated(&gp, EAS_KERNEL_V6_19, 0);
		snprintf(dir, sizeof(dir), "%s/rand%d", tmpdir, it);
		for (uint32_t p = 0; p < pf->nr_pds; p++) {
			const struct eas_perf_domain *pd = &pf->pds[p];
			char pdd[500], cl[256];

			snprintf(pdd, sizeof(pdd), "%s/cpu%u", dir,
				 pd->cpus[0]);
			mkdir(dir, 0755);
			assert_int_equal(mkdir(pdd, 0755), 0);
			cpulist(pd->cpus, pd->nr_cpus, cl, sizeof(cl));
			put(pdd, "cpus", "%s\n", cl);
			put(pdd, "flags", "%#x\n",
			    1u | ((pd->flags & EAS_PD_SKIP_INEFFICIENCIES) ?
					  2u :
					  0u));
			for (uint32_t s = 0; s < pd->nr_perf_states; s++) {
				const struct eas_perf_state *ps = &pd->table[s];
				char psd[600];

				snprintf(psd, sizeof(psd), "%s/ps:%" PRIu64,
					 pdd, ps->frequency);
				assert_int_equal(mkdir(psd, 0755), 0);
				put(psd, "frequency", "%" PRIu64 "\n",
				    ps->frequency);
				put(psd, "power", "%" PRIu64 "\n", ps->power);
				put(psd, "performance", "%" PRIu64 "\n",
				    ps->performance);
				put(psd, "cost", "%" PRIu64 "\n", ps->cost);
				put(psd, "inefficient", "%u\n",
				    (ps->flags & EAS_PERF_STATE_INEFFICIENT) ?
					    1u :
					    0u);
			}
		}
		snprintf(out, sizeof(out), "%s/rand%d.json", tmpdir, it);
		import_load(dir, out, &jp);
		assert_int_equal(jp.pf.nr_cpus, pf->nr_cpus);
		for (uint32_t c = 0; c < pf->nr_cpus; c++)
			assert_int_equal(jp.pf.cpus[c].capacity,
					 pf->cpus[c].capacity);
		for (uint32_t p = 0; p < pf->nr_pds; p++) {
			const struct eas_perf_domain *a = &pf->pds[p];
			/* the import orders domains by first CPU */
			const struct eas_perf_domain *b =
				&jp.pf.pds[jp.pf.cpus[a->cpus[0]].pd];
			assert_int_equal(a->nr_cpus, b->nr_cpus);
			assert_memory_equal(a->cpus, b->cpus,
					    a->nr_cpus * sizeof(*a->cpus));
			assert_int_equal(a->nr_perf_states, b->nr_perf_states);
			assert_int_equal(a->flags & EAS_PD_SKIP_INEFFICIENCIES,
					 b->flags & EAS_PD_SKIP_INEFFICIENCIES);
			for (uint32_t s = 0; s < a->nr_perf_states; s++) {
				assert_int_equal(a->table[s].frequency,
						 b->table[s].frequency);
				assert_int_equal(a->table[s].power,
						 b->table[s].power);
				assert_int_equal(a->table[s].performance,
						 b->table[s].performance);
				assert_int_equal(a->table[s].cost,
						 b->table[s].cost);
				assert_int_equal(a->table[s].flags,
						 b->table[s].flags);
			}
		}
		eas_json_platform_free(&jp);
		fix_free(pf);
	}
}

/*
 * Copies the hikey960 tree, applies the shell mutation `mut` (run inside
 * the copy), imports it and expects exit status `status` with every
 * string of `want` (NULL-terminated) in stderr.
 */
static void expect_fail(const char *mut, const char *opts, int status,
			const char *const *want)
{
	static int n;
	char dir[300], cmd[2048], errf[400], *e;

	snprintf(dir, sizeof(dir), "%s/bad%d", tmpdir, n++);
	snprintf(cmd, sizeof(cmd),
		 "cp -r '%s/debugfs-hikey960' '%s' && cd '%s' "
		 "&& %s",
		 DATA, dir, dir, mut);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(errf, sizeof(errf), "%s.err", dir);
	/* a hang (a FIFO read without O_NONBLOCK) ends as exit 124 */
	snprintf(cmd, sizeof(cmd),
		 "timeout 60 '%s' import-debugfs '%s' %s >/dev/null "
		 "2>'%s'",
		 EAS_TOOL, dir, opts, errf);
	assert_int_equal(eas_test_run(cmd), status);
	e = eas_test_slurp(errf, NULL);
	assert_non_null(e);
	for (; *want; want++) {
		if (!strstr(e, *want))
			fprintf(stderr, "missing '%s' in: %s\n", *want, e);
		assert_non_null(strstr(e, *want));
	}
	free(e);
}

#define WANT(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_malformed_trees(void **state)
{
	(void)state;
	expect_fail("rm cpu0/ps:533000/power", "", 1,
		    WANT("cpu0/ps:533000/power", "No such file"));
	expect_fail("echo abc > cpu4/ps:903000/cost", "", 1,
		    WANT("cpu4/ps:903000/cost", "expected an unsigned integer",
			 "abc"));
	expect_fail("echo -5 > cpu4/ps:903000/power", "", 1,
		    WANT("cpu4/ps:903000/power", "unsigned integer"));
	expect_fail("echo 3-5 > cpu4/cpus", "", 1,
		    WANT("cpu4/cpus", "CPU 3", "overlap"));
	expect_fail("echo 5-7 > cpu4/cpus", "", 1,
		    WANT("CPU 4 is in no perf domain"));
	expect_fail("echo 0-x > cpu0/cpus", "", 1,
		    WANT("cpu0/cpus", "CPU list"));
	expect_fail("echo 1 > cpu0/ps:533000/frequency", "", 1,
		    WANT("cpu0/ps:533000/frequency", "directory name"));
	expect_fail("rm cpu0/ps:999000/performance", "", 1,
		    WANT("cpu0/ps:999000/performance", "v6.9"));
	expect_fail("echo 0x5 > cpu0/flags", "", 1, WANT("cpu0", "artificial"));
	expect_fail("echo 0x0 > cpu4/flags", "", 1, WANT("cpu4", "microwatts"));
	expect_fail("echo 2 > cpu0/ps:533000/inefficient", "", 1,
		    WANT("cpu0/ps:533000/inefficient", "0 or 1"));
	expect_fail("rm -r cpu0/ps:*", "", 1, WANT("cpu0", "no ps:"));
	expect_fail("mkdir cpu0/ps:abc", "", 1, WANT("cpu0/ps:abc"));
	/* a cost that v6.19 does not rebuild (runtime-modified table) */
	expect_fail("echo 2161 > cpu0/ps:533000/cost", "", 1,
		    WANT("cpu0/ps:533000", "2161", "2160"));
	expect_fail("echo 1 > cpu4/ps:903000/inefficient", "", 1,
		    WANT("cpu4/ps:903000", "inefficient"));
	/* ... which the v5.4 import (no check) accepts */
	expect_fail("echo 2161 > cpu0/ps:533000/cost", "--kernel v5.4", 0,
		    WANT(""));
	expect_fail("rm -r cpu0 cpu4", "", 1, WANT("no CPU perf domain"));
	/* kernels before v6.9 (no performance files): --capacities */
	expect_fail("rm cpu*/ps:*/performance", "", 1,
		    WANT("performance", "--capacities"));
	expect_fail("rm cpu*/ps:*/performance",
		    "--capacities 462,462,462,462,1024,1024,1024,1024", 0,
		    WANT("costs not verified"));
	expect_fail("rm cpu*/ps:*/performance",
		    "--capacities 462,462,462,462,1024,1024,1024", 1,
		    WANT("7 values for 8 CPUs"));
	expect_fail("rm cpu*/ps:*/performance",
		    "--capacities 462,462,462,500,1024,1024,1024,1024", 1,
		    WANT("cpu0", "differ"));
	expect_fail("true", "--capacities 460,460,460,460,1024,1024,1024,1024",
		    1, WANT("cpu0", "460", "462"));
	expect_fail("true", "--capacities 462,x", 2, WANT("--capacities"));
	/* v5.16 .. v6.8 trees: units + skip-inefficiencies instead of flags */
	expect_fail("rm cpu*/flags cpu*/ps:*/performance && "
		    "echo microWatts > cpu0/units && "
		    "echo microWatts > cpu4/units && "
		    "echo 1 > cpu0/skip-inefficiencies",
		    "--capacities 462,462,462,462,1024,1024,1024,1024", 0,
		    WANT("costs not verified"));
	expect_fail("rm cpu*/flags && echo bogoWatts > cpu4/units", "", 1,
		    WANT("cpu4", "microwatts"));
	expect_fail("rm cpu*/flags && echo 2 > cpu4/skip-inefficiencies", "", 1,
		    WANT("cpu4/skip-inefficiencies", "0 or 1"));
}

/*
 * Hostile trees (fuzz-debugfs-fifo-hang, fuzz-debugfs-cpulist-amplification):
 * a FIFO or a device in place of a file is refused instead of blocking for
 * ever or reading without end; CPU ids are bounded (0..8191) and
 * duplicates found while the ranges are read.
 */
static void test_hostile_trees(void **state)
{
	(void)state;
	expect_fail("rm cpu0/cpus && mkfifo cpu0/cpus", "", 1,
		    WANT("cpu0/cpus", "not a regular file"));
	expect_fail("rm cpu4/flags && mkfifo cpu4/flags", "", 1,
		    WANT("cpu4/flags", "not a regular file"));
	expect_fail("rm cpu0/ps:533000/power && mkfifo cpu0/ps:533000/power",
		    "", 1, WANT("cpu0/ps:533000/power", "not a regular file"));
	expect_fail("rm cpu0/ps:533000/cost && "
		    "ln -s /dev/zero cpu0/ps:533000/cost",
		    "", 1, WANT("cpu0/ps:533000/cost", "not a regular file"));
	/* one perf domain of 2^20 CPUs: v5.4 (no per-domain limit) used to
	 * write a 40 MB platform of 1,048,576 CPUs */
	expect_fail("rm -r cpu4 && echo 0-1048575 > cpu0/cpus", "--kernel v5.4",
		    1,
		    WANT("cpu0/cpus", "CPU 1048575 out of range", "0..8191"));
	/* 400 repeats of the widest range: refused at the first id */
	expect_fail("rm -r cpu4 && yes 0-1048575 | head -n 400 | paste -sd, "
		    "> cpu0/cpus",
		    "", 1, WANT("cpu0/cpus", "out of range"));
	expect_fail("rm -r cpu4 && yes 0-8191 | head -n 400 | paste -sd, "
		    "> cpu0/cpus",
		    "", 1, WANT("cpu0/cpus", "CPU 0 listed twice"));
	expect_fail("echo 0-3,2 > cpu0/cpus", "", 1,
		    WANT("cpu0/cpus", "CPU 2 listed twice"));
	expect_fail("echo 0-3 > cpu0/cpus && "
		    "echo 99999999999999999999999 > cpu4/cpus",
		    "", 1, WANT("cpu4/cpus"));
	/* an oversized file is refused by size */
	expect_fail("head -c 5000 /dev/zero | tr '\\0' 1 > cpu0/cpus", "", 1,
		    WANT("cpu0/cpus", "larger than 4095"));
	expect_fail("head -c 100 /dev/zero | tr '\\0' 1 > cpu0/ps:533000/cost",
		    "", 1, WANT("cpu0/ps:533000/cost", "larger than 63"));
}

/* A pre-v6.9 tree (no performance files) with --capacities loads into
 * the same energy model. */
static void test_capacities_option(void **state)
{
	char cmd[2048], out[400], *buf;
	struct eas_json_platform jp;
	struct eas_json_diag d;
	size_t len;

	(void)state;
	snprintf(out, sizeof(out), "%s/old.json", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "cp -r '%s/debugfs-hikey960' '%s/old' && rm '%s'/old/cpu*/"
		 "ps:*/performance && '%s' import-debugfs '%s/old' "
		 "--capacities 462,462,462,462,1024,1024,1024,1024 -o '%s' "
		 "2>/dev/null",
		 DATA, tmpdir, tmpdir, EAS_TOOL, tmpdir, out);
	assert_int_equal(eas_test_run(cmd), 0);
	buf = eas_test_slurp(out, &len);
	assert_non_null(buf);
	assert_int_equal(
		eas_json_platform_load(buf, len, EAS_KERNEL_V6_19, 0, &jp, &d),
		0);
	assert_int_equal(jp.pf.cpus[3].capacity, 462);
	assert_int_equal(jp.pf.cpus[4].capacity, 1024);
	assert_int_equal(jp.pf.pds[0].table[0].cost, 2160);
	assert_int_equal(jp.pf.pds[1].table[4].cost, 15350);
	eas_json_platform_free(&jp);
	free(buf);
}

static void test_usage(void **state)
{
	char cmd[1024];

	(void)state;
	snprintf(cmd, sizeof(cmd), "'%s' import-debugfs 2>/dev/null", EAS_TOOL);
	assert_int_equal(eas_test_run(cmd), 2);
	snprintf(cmd, sizeof(cmd),
		 "'%s' import-debugfs '%s/debugfs-hikey960' --frob "
		 "2>/dev/null",
		 EAS_TOOL, DATA);
	assert_int_equal(eas_test_run(cmd), 2);
	snprintf(cmd, sizeof(cmd),
		 "'%s' import-debugfs /nonexistent 2>/dev/null", EAS_TOOL);
	assert_int_equal(eas_test_run(cmd), 1);
	snprintf(cmd, sizeof(cmd),
		 "'%s' import-debugfs '%s/debugfs-hikey960' --name board "
		 "2>/dev/null | grep -q '\"name\": \"board\"'",
		 EAS_TOOL, DATA);
	assert_int_equal(eas_test_run(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hikey960_tree),
		cmocka_unit_test(test_inefficient_tree),
		cmocka_unit_test(test_random_round_trip),
		cmocka_unit_test(test_malformed_trees),
		cmocka_unit_test(test_hostile_trees),
		cmocka_unit_test(test_capacities_option),
		cmocka_unit_test(test_usage),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
