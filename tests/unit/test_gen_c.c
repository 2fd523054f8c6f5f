/* SPDX-License-Identifier: MIT */
/*
 * eas gen-c: the checked-in firmware table is what the tool generates
 * today (byte for byte), the generated description builds into the same
 * platform as the JSON loader gives (capacities, every EM state, topology)
 * for both flavours, every example platform generates C that compiles
 * warning-free (host compiler, and arm-none-eabi-gcc when installed) and
 * round-trips, and bad invocations fail with the documented exit codes.
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

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* The checked-in generated table, compiled into this test. */
#include "../../examples/firmware/platform_hikey960.c"

#define EAS_TOOL EAS_BINARY_DIR "/tools/eas"

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	return eas_test_mkdtemp(tmpdir, sizeof(tmpdir), "test_gen_c");
}

static int teardown(void **state)
{
	(void)state;
	return eas_test_rmtree(tmpdir);
}

static void assert_same_file(const char *a, const char *b)
{
	size_t la, lb;
	char *x = eas_test_slurp(a, &la), *y = eas_test_slurp(b, &lb);

	assert_non_null(x);
	assert_non_null(y);
	if (la != lb || memcmp(x, y, la))
		fprintf(stderr,
			"%s differs from %s: regenerate with eas gen-c\n", a,
			b);
	assert_int_equal(la, lb);
	assert_memory_equal(x, y, la);
	free(x);
	free(y);
}

static void test_checked_in_table_is_current(void **state)
{
	char cmd[1024], c[300], h[300];

	(void)state;
	snprintf(c, sizeof(c), "%s/hikey960.c", tmpdir);
	snprintf(h, sizeof(h), "%s/hikey960.h", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "'%s' gen-c '%s/examples/platforms/hikey960.json' -o '%s' "
		 "--header '%s'",
		 EAS_TOOL, EAS_SOURCE_DIR, c, h);
	assert_int_equal(eas_test_run(cmd), 0);
	assert_same_file(c, EAS_SOURCE_DIR "/examples/firmware/"
					   "platform_hikey960.c");
	assert_same_file(h, EAS_SOURCE_DIR "/examples/firmware/"
					   "platform_hikey960.h");

	/* the firmware batch's second table (examples/firmware/fw_batch.c) */
	snprintf(c, sizeof(c), "%s/sym8.c", tmpdir);
	snprintf(h, sizeof(h), "%s/sym8.h", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "'%s' gen-c '%s/tests/data/place-blind/sym8.json' --name sym8 "
		 "-o '%s' --header '%s'",
		 EAS_TOOL, EAS_SOURCE_DIR, c, h);
	assert_int_equal(eas_test_run(cmd), 0);
	assert_same_file(c, EAS_SOURCE_DIR "/examples/firmware/"
					   "platform_sym8.c");
	assert_same_file(h, EAS_SOURCE_DIR "/examples/firmware/"
					   "platform_sym8.h");
}

/* Canonical text of a built platform (the same format as the driver
 * program below prints). */
static size_t dump(const struct eas_platform *pf, char *out, size_t size)
{
	size_t n = 0;

#define P(...)                                                                 \
	(n += (size_t)snprintf(out + n, n < size ? size - n : 0, __VA_ARGS__))
	P("kernel %d cpus %" PRIu32 " pds %" PRIu32 " levels %" PRIu32
	  " eas %d reason %d maxcap %" PRIu64 "\n",
	  (int)pf->kernel, pf->nr_cpus, pf->nr_pds, pf->nr_levels,
	  (int)pf->eas_possible, (int)pf->eas_reason, pf->max_cpu_capacity);
	for (uint32_t c = 0; c < pf->nr_cpus; c++)
		P("cpu %" PRIu32 " cap %" PRIu64 " ref %" PRIu64 " pd %" PRIu32
		  " llc %" PRId32 " asym %" PRId32 "\n",
		  c, pf->cpus[c].capacity, pf->cpus[c].capacity_freq_ref_khz,
		  pf->cpus[c].pd, pf->cpus[c].sd_llc, pf->cpus[c].sd_asym);
	for (uint32_t p = 0; p < pf->nr_pds; p++) {
		const struct eas_perf_domain *pd = &pf->pds[p];
		P("pd %" PRIu32 " n %" PRIu32 " flags %" PRIu32 " fmax %" PRIu64
		  " cap %" PRIu64 " min %" PRIu32 " max %" PRIu32 "\n",
		  p, pd->nr_perf_states, pd->flags, pd->max_freq_khz,
		  pd->capacity, pd->min_perf_state, pd->max_perf_state);
		for (uint32_t s = 0; s < pd->nr_perf_states; s++)
			P(" ps %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
			  " %" PRIu64 "\n",
			  pd->table[s].frequency, pd->table[s].power,
			  pd->table[s].performance, pd->table[s].cost,
			  pd->table[s].flags);
	}
	for (uint32_t l = 0; l < pf->nr_levels; l++) {
		const struct eas_sd_level *lv = &pf->levels[l];
		P("level %s spans %" PRIu32 ":", lv->name, lv->nr_spans);
		for (uint32_t c = 0; c < pf->nr_cpus; c++)
			P(" %" PRIu32 "/%" PRIu32, lv->cpu_span[c],
			  lv->span_flags[lv->cpu_span[c]]);
		P("\n");
	}
#undef P
	return n;
}

static char *json_dump(const char *file, enum eas_kernel k, uint32_t opts)
{
	struct eas_json_platform jp;
	struct eas_json_diag d;
	size_t len;
	char *buf = eas_test_slurp(file, &len), *out = malloc(1 << 16);

	assert_non_null(buf);
	assert_non_null(out);
	if (eas_json_platform_load(buf, len, k, opts, &jp, &d))
		fprintf(stderr, "%s: %s: %s\n", file, d.path, d.msg);
	assert_int_equal(d.err, 0);
	assert_true(dump(&jp.pf, out, 1 << 16) < (1 << 16));
	eas_json_platform_free(&jp);
	free(buf);
	return out;
}

/* The compiled-in table builds into exactly the JSON-loaded platform. */
static void test_desc_builds_like_json(void **state)
{
	static _Alignas(8) unsigned char mem[HIKEY960_PLATFORM_SIZE];
	static const uint32_t opts[] = { 0, EAS_OPT_V54_EM_SCALE_POWER };
	char *got = malloc(1 << 16);

	(void)state;
	assert_non_null(got);
	assert_int_equal(hikey960_desc.nr_cpus, HIKEY960_NR_CPUS);
	assert_true(eas_platform_size(&hikey960_desc) <= sizeof(mem));
	for (int k = 0; k < 2; k++)
		for (int o = 0; o < (k == 0 ? 2 : 1); o++) {
			struct eas_platform pf;
			char *want =
				json_dump(EAS_SOURCE_DIR "/examples/platforms/"
							 "hikey960.json",
					  (enum eas_kernel)k, opts[o]);
			assert_int_equal(
				eas_platform_build(
					&pf, mem, sizeof(mem), &hikey960_desc,
					(enum eas_kernel)k, opts[o], NULL),
				0);
			dump(&pf, got, 1 << 16);
			assert_string_equal(got, want);
			/* golden: HiKey960 capacities in both flavours */
			assert_int_equal(pf.cpus[0].capacity, 462);
			assert_int_equal(pf.cpus[7].capacity, 1024);
			free(want);
		}
	free(got);
}

/* Driver for the external round trip: builds ID_desc for a flavour and
 * prints it with the same dump() as above. */
static const char driver_fmt[] =
	"#include <libeas/platform.h>\n"
	"#include <inttypes.h>\n"
	"#include <stdio.h>\n"
	"#include <stdlib.h>\n"
	"extern const struct eas_platform_desc gen_desc;\n"
	"static _Alignas(8) unsigned char mem[GEN_PLATFORM_SIZE];\n"
	"%s\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"\tstruct eas_platform pf;\n"
	"\tstatic char out[1 << 16];\n"
	"\t(void)argc;\n"
	"\tif (eas_platform_build(&pf, mem, sizeof(mem), &gen_desc,\n"
	"\t\t(enum eas_kernel)atoi(argv[1]), (uint32_t)atoi(argv[2]),\n"
	"\t\tNULL))\n"
	"\t\treturn 3;\n"
	"\tdump(&pf, out, sizeof(out));\n"
	"\tfputs(out, stdout);\n"
	"\treturn 0;\n"
	"}\n";

/* The source text of dump() for the driver. */
static const char dump_src[] =
	"static size_t dump(const struct eas_platform *pf, char *out, size_t "
	"size)\n{\n\tsize_t n = 0;\n"
	"#define P(...) (n += (size_t)snprintf(out + n, n < size ? size - n "
	": 0, __VA_ARGS__))\n"
	"\tP(\"kernel %d cpus %\" PRIu32 \" pds %\" PRIu32 \" levels %\" "
	"PRIu32 \" eas %d reason %d maxcap %\" PRIu64 \"\\n\", "
	"(int)pf->kernel, pf->nr_cpus, pf->nr_pds, pf->nr_levels, "
	"(int)pf->eas_possible, (int)pf->eas_reason, pf->max_cpu_capacity);\n"
	"\tfor (uint32_t c = 0; c < pf->nr_cpus; c++)\n"
	"\t\tP(\"cpu %\" PRIu32 \" cap %\" PRIu64 \" ref %\" PRIu64 \" pd %\" "
	"PRIu32 \" llc %\" PRId32 \" asym %\" PRId32 \"\\n\", c, "
	"pf->cpus[c].capacity, pf->cpus[c].capacity_freq_ref_khz, "
	"pf->cpus[c].pd, pf->cpus[c].sd_llc, pf->cpus[c].sd_asym);\n"
	"\tfor (uint32_t p = 0; p < pf->nr_pds; p++) {\n"
	"\t\tconst struct eas_perf_domain *pd = &pf->pds[p];\n"
	"\t\tP(\"pd %\" PRIu32 \" n %\" PRIu32 \" flags %\" PRIu32 \" fmax %\" "
	"PRIu64 \" cap %\" PRIu64 \" min %\" PRIu32 \" max %\" PRIu32 \"\\n\", "
	"p, pd->nr_perf_states, pd->flags, pd->max_freq_khz, pd->capacity, "
	"pd->min_perf_state, pd->max_perf_state);\n"
	"\t\tfor (uint32_t s = 0; s < pd->nr_perf_states; s++)\n"
	"\t\t\tP(\" ps %\" PRIu64 \" %\" PRIu64 \" %\" PRIu64 \" %\" PRIu64 "
	"\" %\" PRIu64 \"\\n\", pd->table[s].frequency, pd->table[s].power, "
	"pd->table[s].performance, pd->table[s].cost, pd->table[s].flags);\n"
	"\t}\n"
	"\tfor (uint32_t l = 0; l < pf->nr_levels; l++) {\n"
	"\t\tconst struct eas_sd_level *lv = &pf->levels[l];\n"
	"\t\tP(\"level %s spans %\" PRIu32 \":\", lv->name, lv->nr_spans);\n"
	"\t\tfor (uint32_t c = 0; c < pf->nr_cpus; c++)\n"
	"\t\t\tP(\" %\" PRIu32 \"/%\" PRIu32, lv->cpu_span[c], "
	"lv->span_flags[lv->cpu_span[c]]);\n"
	"\t\tP(\"\\n\");\n"
	"\t}\n"
	"#undef P\n"
	"\treturn n;\n}\n";

static const char custom_platform[] =
	"{ \"format\": \"libeas-platform/1\", \"name\": \"Custom X-1\",\n"
	"  \"cpus\": [ { \"cpu\": 0, \"capacity_dmips_mhz\": 500, \"smt\": 0 },\n"
	"    { \"cpu\": 1, \"capacity_dmips_mhz\": 500, \"smt\": 0 },\n"
	"    { \"cpu\": 2, \"capacity_dmips_mhz\": 1024, \"smt\": 1 },\n"
	"    { \"cpu\": 3, \"capacity_dmips_mhz\": 1024, \"smt\": 1 },\n"
	"    { \"cpu\": 4, \"capacity_dmips_mhz\": 1024, \"smt\": 2 },\n"
	"    { \"cpu\": 5, \"capacity_dmips_mhz\": 1024, \"smt\": 2 } ],\n"
	"  \"perf_domains\": [\n"
	"    { \"cpus\": [0, 1], \"opps\": [\n"
	"      { \"hz\": 500000000, \"microwatt\": 30000 },\n"
	"      { \"hz\": 1000000000, \"microwatt\": 90000 } ] },\n"
	"    { \"cpus\": [2, 3], \"dynamic_power_coefficient\": 300,\n"
	"      \"skip_inefficiencies\": false, \"opps\": [\n"
	"      { \"hz\": 800000000, \"microvolt\": 800000 },\n"
	"      { \"hz\": 1600000000, \"microvolt\": 1000000 },\n"
	"      { \"hz\": 2000000000, \"microvolt\": 1100000,\n"
	"        \"turbo\": true } ] },\n"
	"    { \"cpus\": [4], \"states\": [\n"
	"      { \"frequency_khz\": 700000, \"power_uw\": 100000 },\n"
	"      { \"frequency_khz\": 1600000, \"power_uw\": 400000 } ] },\n"
	"    { \"cpus\": [5], \"states\": [\n"
	"      { \"frequency_khz\": 700000, \"power_mw\": 100 },\n"
	"      { \"frequency_khz\": 1600000, \"power_mw\": 400 } ] } ],\n"
	"  \"clusters\": [[0, 1], [2, 3, 4, 5]],\n"
	"  \"sched_domains\": [\n"
	"    { \"name\": \"SMT\", \"spans\": [[0, 1], [2, 3], [4, 5]] },\n"
	"    { \"name\": \"MC\", \"spans\": [[0, 1], [2, 3, 4, 5]] },\n"
	"    { \"name\": \"PKG\", \"spans\": [[0, 1, 2, 3, 4, 5]] } ]\n"
	"}\n";

/* configured by tests/CMakeLists.txt: arm-none-eabi-gcc was found */
static bool have_arm_gcc(void)
{
	return EAS_HAVE_ARM_GCC;
}

/*
 * Every example platform: generate (name "gen"), compile warning-free,
 * link with the core compiled from source, and compare the built
 * platform with the JSON loader's for both flavours.
 */
static void test_all_platforms_round_trip(void **state)
{
	char cmd[4096], drv[300], lib[300], arm_cmd[8192], json[600];
	char name[256];
	bool arm = have_arm_gcc();
	FILE *f, *list;
	bool custom_done = false;
	int nr = 0;

	(void)state;
	/* the freestanding core, compiled once, as the firmware would */
	snprintf(lib, sizeof(lib), "%s/core", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s' && cd '%s' && cc -std=c11 -O1 -ffreestanding "
		 "-fno-builtin -DEAS_STATIC_DEFINE -I'%s/include' "
		 "-I'%s/lib/core' -c '%s'/lib/core/*.c",
		 lib, lib, EAS_SOURCE_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(drv, sizeof(drv), "%s/driver.c", tmpdir);
	f = fopen(drv, "w");
	assert_non_null(f);
	fprintf(f, driver_fmt, dump_src);
	fclose(f);

	/* the example platforms plus one using what they do not: explicit
	 * sched-domain levels, SMT ids, opp-microwatt, turbo, states in uW
	 * and in mW, a name that is not a C identifier */
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p '%s/platforms' && cp '%s'/examples/platforms/*.json "
		 "'%s/platforms/'",
		 tmpdir, EAS_SOURCE_DIR, tmpdir);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(json, sizeof(json), "%s/platforms/zz-custom.json", tmpdir);
	f = fopen(json, "w");
	assert_non_null(f);
	fputs(custom_platform, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "ls '%s/platforms/' > '%s/list'", tmpdir,
		 tmpdir);
	assert_int_equal(eas_test_run(cmd), 0);
	snprintf(arm_cmd, sizeof(arm_cmd),
		 "cd '%s' && arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb "
		 "-std=c11 -Wall -Wextra -Wpedantic -Werror -ffreestanding "
		 "-I'%s/include' -c",
		 tmpdir, EAS_SOURCE_DIR);
	snprintf(json, sizeof(json), "%s/list", tmpdir);
	list = fopen(json, "r");
	assert_non_null(list);
	while (fgets(name, sizeof(name), list)) {
		char gen[600], exe[600];
		char *dot = strstr(name, ".json");
		size_t len;
		char *buf;
		struct eas_json_platform jp;
		struct eas_json_diag d;
		int loads;

		if (!dot || strcmp(dot, ".json\n"))
			continue;
		*dot = '\0';
		snprintf(json, sizeof(json), "%s/platforms/%s.json", tmpdir,
			 name);
		snprintf(gen, sizeof(gen), "%s/gen_%s.c", tmpdir, name);
		snprintf(exe, sizeof(exe), "%s/%s.exe", tmpdir, name);
		/* a file the loader rejects must make gen-c fail (exit 1) */
		buf = eas_test_slurp(json, &len);
		assert_non_null(buf);
		loads = eas_json_platform_load(buf, len, EAS_KERNEL_V5_4, 0,
					       &jp, &d) == 0;
		if (loads)
			eas_json_platform_free(&jp);
		free(buf);
		snprintf(cmd, sizeof(cmd),
			 "'%s' gen-c '%s' --name gen --kernel v5.4 -o '%s' "
			 "2>/dev/null",
			 EAS_TOOL, json, gen);
		if (!loads) {
			assert_int_equal(eas_test_run(cmd), 1);
			continue;
		}
		assert_int_equal(eas_test_run(cmd), 0);
		nr++;
		custom_done |= !strcmp(name, "zz-custom");
		len = strlen(arm_cmd);
		snprintf(arm_cmd + len, sizeof(arm_cmd) - len, " 'gen_%s.c'",
			 name);
		/* strict host build: -include puts the generated file
		 * (gen_desc, GEN_PLATFORM_SIZE) in front of the driver */
		snprintf(cmd, sizeof(cmd),
			 "cc -std=c11 -Wall -Wextra -Wpedantic -Werror "
			 "-Wmissing-prototypes -Wshadow -DEAS_STATIC_DEFINE "
			 "-I'%s/include' -include '%s' '%s' '%s'/*.o -o '%s'",
			 EAS_SOURCE_DIR, gen, drv, lib, exe);
		assert_int_equal(eas_test_run(cmd), 0);
		for (int k = 0; k < 2; k++) {
			char out[700], *got, *want;

			snprintf(out, sizeof(out), "%s/%s.%d.txt", tmpdir, name,
				 k);
			snprintf(cmd, sizeof(cmd), "'%s' %d 0 > '%s'", exe, k,
				 out);
			assert_int_equal(eas_test_run(cmd), 0);
			got = eas_test_slurp(out, &len);
			want = json_dump(json, (enum eas_kernel)k, 0);
			assert_non_null(got);
			if (strcmp(got, want))
				fprintf(stderr, "%s v%d:\n%s\nvs JSON:\n%s\n",
					name, k, got, want);
			assert_string_equal(got, want);
			free(got);
			free(want);
		}
	}
	fclose(list);
	assert_true(nr >= 5);
	assert_true(custom_done);
	/* every generated file also builds for a Cortex-M */
	if (arm)
		assert_int_equal(eas_test_run(arm_cmd), 0);
}

#if EAS_HAVE_ARM_GCC
/* The firmware example cross-compiles for a Cortex-M (compile only). */
static void test_firmware_cross_compiles(void **state)
{
	char cmd[2048];

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -std=c11 -Wall "
		 "-Wextra -Werror -ffreestanding -I'%s/include' "
		 "-I'%s/examples/firmware' -c '%s/examples/firmware/"
		 "platform_hikey960.c' -o '%s/fw.o' && "
		 "arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -std=c11 -Wall "
		 "-Wextra -Werror -ffreestanding -fno-builtin "
		 "-DEAS_STATIC_DEFINE -I'%s/include' -I'%s/lib/core' "
		 "-c '%s'/lib/core/em.c -o '%s/em.o'",
		 EAS_SOURCE_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR, tmpdir,
		 EAS_SOURCE_DIR, EAS_SOURCE_DIR, EAS_SOURCE_DIR, tmpdir);
	assert_int_equal(eas_test_run(cmd), 0);
}
#endif

static void test_bad_invocations(void **state)
{
	char cmd[1024];

	(void)state;
	snprintf(cmd, sizeof(cmd), "'%s' gen-c 2>/dev/null", EAS_TOOL);
	assert_int_equal(eas_test_run(cmd), 2);
	snprintf(cmd, sizeof(cmd),
		 "'%s' gen-c '%s/examples/platforms/hikey960.json' --name 9x "
		 "2>/dev/null",
		 EAS_TOOL, EAS_SOURCE_DIR);
	assert_int_equal(eas_test_run(cmd), 2);
	snprintf(cmd, sizeof(cmd),
		 "'%s' gen-c '%s/examples/platforms/hikey960.json' --kernel "
		 "v3 2>/dev/null",
		 EAS_TOOL, EAS_SOURCE_DIR);
	assert_int_equal(eas_test_run(cmd), 2);
	snprintf(cmd, sizeof(cmd), "'%s' gen-c /nonexistent.json 2>/dev/null",
		 EAS_TOOL);
	assert_int_equal(eas_test_run(cmd), 1);
	/* bad platform: the message names the file and the JSON path */
	snprintf(cmd, sizeof(cmd),
		 "printf '{\"format\":\"libeas-platform/1\",\"cpus\":[{\"cpu\":"
		 "0}],\"perf_domains\":[{\"cpus\":[0],\"states\":[{"
		 "\"frequency_khz\":\"x\",\"power_uw\":1}]}]}' > '%s/bad.json' "
		 "&& '%s' gen-c '%s/bad.json' 2> '%s/err.txt'",
		 tmpdir, EAS_TOOL, tmpdir, tmpdir);
	assert_int_equal(eas_test_run(cmd), 1);
	{
		char p[300], *e;
		size_t len;
		snprintf(p, sizeof(p), "%s/err.txt", tmpdir);
		e = eas_test_slurp(p, &len);
		assert_non_null(e);
		assert_non_null(strstr(e, "bad.json"));
		assert_non_null(
			strstr(e, "/perf_domains/0/states/0/frequency_khz"));
		free(e);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_checked_in_table_is_current),
		cmocka_unit_test(test_desc_builds_like_json),
		cmocka_unit_test(test_all_platforms_round_trip),
#if EAS_HAVE_ARM_GCC
		cmocka_unit_test(test_firmware_cross_compiles),
#endif
		cmocka_unit_test(test_bad_invocations),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
