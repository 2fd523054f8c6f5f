/* SPDX-License-Identifier: MIT */
/*
 * The eas command's shared argument and input handling (tools/cli_util.c),
 * run as a user would:
 *  - every refused argument says in one line what was wrong ("eas CMD:
 *    ..."), then a blank line and the usage, exit 2; repeated options with
 *    another value and conflicting options are refused;
 *  - output paths (--svg, --trace, -o) that cannot be written, or are
 *    directories, are refused before any work;
 *  - input files: a directory or a device is refused by kind, a file above
 *    --max-input-bytes is refused by size;
 *  - scenario "platform" against the platform's name, and the hint for
 *    swapped PLATFORM / SCENARIO arguments.
 */
#define _POSIX_C_SOURCE 200809L /* popen() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define EAS_BIN EAS_BINARY_DIR "/tools/eas"
#define PF EAS_SOURCE_DIR "/examples/platforms/hikey960.json"
#define PF_RK EAS_SOURCE_DIR "/examples/platforms/rk3399.json"
#define SC EAS_SOURCE_DIR "/examples/scenarios/fork.json"
#define WL EAS_SOURCE_DIR "/examples/workloads/periodic-10pct.json"

/* Runs `eas ARGS`; *out = its stderr, *so = its stdout (may be NULL).
 * Returns the exit status. */
static int eas(const char *args, char **err, char **so)
{
	char dir[256], cmd[2048], path[300];
	int st;

	assert_int_equal(eas_test_mkdtemp(dir, sizeof(dir), "cli"), 0);
	snprintf(cmd, sizeof(cmd), EAS_BIN " %s >'%s/out' 2>'%s/err'", args,
		 dir, dir);
	st = eas_test_run(cmd);
	snprintf(path, sizeof(path), "%s/err", dir);
	*err = eas_test_slurp(path, NULL);
	assert_non_null(*err);
	snprintf(path, sizeof(path), "%s/out", dir);
	if (so) {
		*so = eas_test_slurp(path, NULL);
		assert_non_null(*so);
	}
	eas_test_rmtree(dir);
	return st;
}

/* Exit 2; stderr = "eas CMD: <...want...>\n\nusage: eas CMD ...". */
static void expect_usage_error(const char *args, const char *want)
{
	char *err, cmdname[32], prefix[48];
	const char *nl;
	int st = eas(args, &err, NULL);

	sscanf(args, "%31s", cmdname);
	snprintf(prefix, sizeof(prefix), "eas %s: ", cmdname);
	nl = strchr(err, '\n');
	if (st != 2 || strncmp(err, prefix, strlen(prefix)) || !nl ||
	    !strstr(err, want) || strstr(err, want) > nl ||
	    strncmp(nl, "\n\nusage: eas ", 13))
		fail_msg("eas %s: exit %d, stderr:\n%s\n(expected exit 2, "
			 "'%s...%s' on the first line, then the usage)",
			 args, st, err, prefix, want);
	free(err);
}

static void test_argument_errors(void **state)
{
	static const struct {
		const char *args, *want;
	} cases[] = {
		{ "simulate --duration 0",
		  "--duration: expected an integer from 1 to 604800, got '0'" },
		{ "simulate --duration-ms 0", "--duration-ms: expected" },
		{ "simulate --hz 0",
		  "--hz: expected an integer from 1 to 10000, got '0'" },
		{ "simulate --hz 10001", "--hz: expected an integer from 1" },
		{ "simulate --duration x", "--duration: expected an integer" },
		{ "simulate --rate-limit-us 0", "--rate-limit-us: expected" },
		{ "simulate --seed -1", "--seed: expected an integer >= 0" },
		{ "simulate --kernel", "--kernel needs a value" },
		{ "simulate --trace", "--trace needs a value" },
		{ "simulate --svg --json", "--svg needs a value (got the "
					   "option '--json')" },
		{ "simulate --active-balance",
		  "--active-balance needs a value" },
		{ "simulate --active-balance nope",
		  "--active-balance: expected stopper" },
		{ "simulate --duration 1 --duration-ms 5",
		  "--duration and --duration-ms conflict" },
		{ "simulate --hz 100 --hz 250",
		  "--hz given twice ('100' and '250')" },
		{ "simulate --trace a.txt --trace b.txt",
		  "--trace given twice" },
		{ "simulate --active-balance all --active-balance stopper",
		  "--active-balance given twice" },
		{ "simulate --trace x --svg x", "name the same file" },
		{ "simulate --trace-dat", "--trace-dat needs a value" },
		{ "simulate --trace-dat a.dat --svg a.dat",
		  "name the same file" },
		{ "simulate --active-balance all --trace-dat a.dat",
		  "need a single --active-balance mechanism" },
		{ "simulate --em-scale-power", "v5.4 only" },
		{ "simulate " PF, "give both PLATFORM and WORKLOAD" },
		{ "simulate a b c", "unexpected argument 'c'" },
		{ "simulate --bogus", "unknown option '--bogus'" },
		{ "em", "missing PLATFORM" },
		{ "em --kernel", "--kernel needs a value" },
		{ "em " PF " --kernel v5.5",
		  "--kernel: expected v5.4, v6.19 or v7.1, got 'v5.5'" },
		{ "em " PF " --kernel v5.4 --kernel=v6.19",
		  "--kernel given twice ('v5.4' and 'v6.19')" },
		{ "em " PF " " PF, "more than one PLATFORM" },
		{ "em " PF " --max-input-bytes", "--max-input-bytes needs a "
						 "value" },
		{ "em " PF " --max-input-bytes 0",
		  "--max-input-bytes: expected" },
		{ "em " PF " --max-input-bytes 10 --max-input-bytes 20",
		  "--max-input-bytes given twice" },
		{ "place", "missing PLATFORM and SCENARIO" },
		{ "place " PF, "missing SCENARIO" },
		{ "place " PF " " SC " x", "unexpected argument 'x'" },
		{ "place --kernel", "--kernel needs a value" },
		{ "place " PF " " SC " -k v5.4 -k v6.19",
		  "--kernel given twice" },
		{ "balance", "missing PLATFORM and SCENARIO" },
		{ "balance --kernel", "--kernel needs a value" },
		{ "balance " PF " " SC " --kernel x", "--kernel: expected" },
		{ "gen-c", "missing PLATFORM" },
		{ "gen-c " PF " -o", "-o needs a value" },
		{ "gen-c " PF " --name 1x",
		  "--name '1x' is not a C identifier" },
		{ "gen-c " PF " --kernel", "--kernel needs a value" },
		{ "gen-c " PF " -o a.c --header a.c", "name the same file" },
		{ "sweep", "missing LIST" },
		{ "sweep l.txt --shard", "--shard needs a value" },
		{ "sweep l.txt --shard 1/2 --shard 2/2",
		  "--shard given twice ('1/2' and '2/2')" },
		{ "sweep l.txt --shard 3/2", "shard 3 of 2 does not exist" },
		{ "sweep l.txt --duration 1 --duration-ms 5",
		  "--duration and --duration-ms conflict" },
		{ "sweep l.txt --duration-ms 0", "--duration-ms: expected" },
		{ "sweep l.txt m.txt", "unexpected argument 'm.txt'" },
		{ "sweep l.txt --bogus", "unknown option '--bogus'" },
		{ "place " PF " " SC " --expect --json",
		  "--json and --expect conflict" },
		{ "import-debugfs", "missing DIR" },
		{ "import-debugfs d --kernel", "--kernel needs a value" },
		{ "import-debugfs d --capacities",
		  "--capacities needs a value" },
		{ "import-debugfs d --capacities 1,x",
		  "--capacities: expected" },
		{ "import-debugfs d -o a -o b", "-o given twice" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_usage_error(cases[i].args, cases[i].want);
}

/* Unwritable or directory outputs: refused before the run (nothing on
 * stdout: the simulation summary is never printed), exit 1. */
static void test_outputs_checked_first(void **state)
{
	static const struct {
		const char *args, *want;
	} cases[] = {
		{ "simulate " PF " " WL " --svg /nonexistent-dir/x.svg",
		  "eas simulate: --svg /nonexistent-dir/x.svg: cannot write: " },
		{ "simulate " PF " " WL " --svg " EAS_SOURCE_DIR,
		  "eas simulate: --svg " EAS_SOURCE_DIR ": is a directory" },
		{ "simulate " PF " " WL " --trace " EAS_SOURCE_DIR,
		  "eas simulate: --trace " EAS_SOURCE_DIR ": is a directory" },
		{ "simulate " PF " " WL " --trace-dat " EAS_SOURCE_DIR,
		  "eas simulate: --trace-dat " EAS_SOURCE_DIR
		  ": is a directory" },
		{ "gen-c " PF " -o " EAS_SOURCE_DIR,
		  "eas gen-c: -o " EAS_SOURCE_DIR ": is a directory" },
		{ "import-debugfs " EAS_SOURCE_DIR
		  "/tests/data/debugfs-hikey960 -o " EAS_SOURCE_DIR,
		  "eas import-debugfs: -o " EAS_SOURCE_DIR ": is a directory" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *err, *so;
		int st = eas(cases[i].args, &err, &so);

		if (st != 1 || !strstr(err, cases[i].want) || so[0])
			fail_msg("eas %s: exit %d, stdout %zu bytes, stderr:\n"
				 "%s\n(expected exit 1, nothing on stdout, "
				 "'%s')",
				 cases[i].args, st, strlen(so), err,
				 cases[i].want);
		free(err);
		free(so);
	}
}

/* Inputs: a directory, a device that never ends, a file above the cap. */
static void test_input_files(void **state)
{
	static const struct {
		const char *args, *want;
	} cases[] = {
		{ "em " EAS_SOURCE_DIR,
		  "eas: " EAS_SOURCE_DIR ": is a directory, expected a file" },
		{ "em /dev/zero",
		  "eas: /dev/zero: is a character device, expected a file" },
		{ "place " PF " /dev/zero",
		  "eas: /dev/zero: is a character device" },
		{ "balance " PF " " EAS_SOURCE_DIR, "is a directory" },
		{ "simulate " PF " /dev/zero", "is a character device" },
		{ "gen-c /dev/zero", "is a character device" },
		{ "em " PF " --max-input-bytes 100",
		  "eas: " PF ": larger than 100 bytes (the input limit; raise "
		  "it with --max-input-bytes)" },
	};
	char *err, *so;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st = eas(cases[i].args, &err, NULL);

		if (st != 1 || !strstr(err, cases[i].want) ||
		    strchr(err, '\n') != err + strlen(err) - 1)
			fail_msg("eas %s: exit %d, stderr:\n%s\n(expected "
				 "exit 1 and one line with '%s')",
				 cases[i].args, st, err, cases[i].want);
		free(err);
	}
	/* a pipe is read (bounded by the cap too) */
	assert_int_equal(eas("em /dev/stdin --json < " PF, &err, &so), 0);
	assert_non_null(strstr(so, "\"eas_possible\":true"));
	free(err);
	free(so);
	assert_int_equal(
		eas("em /dev/stdin --max-input-bytes 1000 < " PF, &err, NULL),
		1);
	assert_non_null(strstr(err, "larger than 1000 bytes"));
	free(err);
	/* the cap can be raised */
	assert_int_equal(
		eas("em " PF " --max-input-bytes 1000000000", &err, NULL), 0);
	free(err);
}

/* Writes fork.json with a "platform" key into dir/name. */
static void scenario_for(const char *dir, const char *name,
			 const char *platform, char *path, size_t size)
{
	size_t len;
	char *s = eas_test_slurp(SC, &len);
	FILE *f;

	assert_non_null(s);
	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	/* after the opening brace */
	fprintf(f, "{ \"platform\": \"%s\",%s", platform, strchr(s, '{') + 1);
	fclose(f);
	free(s);
}

static void test_scenario_platform(void **state)
{
	char dir[256], good[320], bad[320], args[1024], *err, *so;

	(void)state;
	assert_int_equal(eas_test_mkdtemp(dir, sizeof(dir), "cli_sc"), 0);
	scenario_for(dir, "good.json", "hikey960", good, sizeof(good));
	scenario_for(dir, "bad.json", "rk3399", bad, sizeof(bad));

	snprintf(args, sizeof(args), "place " PF " %s", good);
	assert_int_equal(eas(args, &err, &so), 0);
	assert_non_null(strstr(so, "chosen CPU"));
	free(err);
	free(so);

	snprintf(args, sizeof(args), "place " PF " %s", bad);
	assert_int_equal(eas(args, &err, NULL), 1);
	if (!strstr(err, "/platform: the scenario is for platform 'rk3399', "
			 "not 'hikey960'"))
		fail_msg("stderr: %s", err);
	free(err);

	snprintf(args, sizeof(args), "place " PF_RK " %s", bad);
	assert_int_equal(eas(args, &err, NULL), 0);
	free(err);

	snprintf(args, sizeof(args), "balance " PF " %s", bad);
	assert_int_equal(eas(args, &err, NULL), 1);
	assert_non_null(strstr(err, "/platform: the scenario is for platform "
				    "'rk3399'"));
	free(err);
	eas_test_rmtree(dir);

	/* swapped arguments */
	assert_int_equal(eas("place " SC " " PF, &err, NULL), 1);
	if (!strstr(err, "eas place: " SC " looks like a scenario; arguments "
			 "are PLATFORM SCENARIO"))
		fail_msg("stderr: %s", err);
	free(err);
	assert_int_equal(eas("balance " SC " " PF, &err, NULL), 1);
	assert_non_null(strstr(err, "looks like a scenario; arguments are "
				    "PLATFORM SCENARIO"));
	free(err);
	assert_int_equal(eas("simulate " WL " " PF, &err, NULL), 1);
	assert_non_null(strstr(err, "looks like a workload; arguments are "
				    "PLATFORM WORKLOAD"));
	free(err);
}

/* `eas --help` lists every flavour the library has (it fell behind when
 * v7.1 was added: "v5.4, v6.19"). */
static void test_help_lists_flavours(void **state)
{
	char *err, *out;

	(void)state;
	assert_int_equal(eas("--help", &err, &out), 0);
	assert_non_null(strstr(out, "Kernel flavours: v5.4, v6.19, v7.1 "
				    "(default v6.19)."));
	free(err);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argument_errors),
		cmocka_unit_test(test_outputs_checked_first),
		cmocka_unit_test(test_input_files),
		cmocka_unit_test(test_scenario_platform),
		cmocka_unit_test(test_help_lists_flavours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
