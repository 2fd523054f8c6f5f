/* SPDX-License-Identifier: MIT */
/*
 * The platform loader (lib/json/platform.c) and the shared JSON helpers
 * (lib/hosted/jsonutil.c):
 *  - every error class, each with its exact EAS_E* code and JSON path, and
 *    the output left all-zero;
 *  - success cases, the description kept for rebuilding, v5.4's double
 *    capacity normalisation against v6.19's single one;
 *  - jsonutil: strictness beyond json-c, duplicate keys, line/column,
 *    typed getters, and a seeded random differential test of duplicate-key
 *    detection and JSON-pointer location against what the generator knows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/platform.h>

#include "../../lib/hosted/jsonutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Documents are written with ' for " to stay readable. */
static char *dq(const char *s)
{
	size_t n = strlen(s);
	char *d = malloc(n + 1);

	assert_non_null(d);
	for (size_t i = 0; i <= n; i++)
		d[i] = s[i] == '\'' ? '"' : s[i];
	return d;
}

#define HEAD "{'format':'libeas-platform/1','name':'t',"
#define CPU0 "{'cpu':0,'capacity_dmips_mhz':512}"
#define CPU1 "{'cpu':1,'capacity_dmips_mhz':512}"
#define CPU2 "{'cpu':2,'capacity_dmips_mhz':1024}"
#define CPU3 "{'cpu':3,'capacity_dmips_mhz':1024}"
#define CPUS "'cpus':[" CPU0 "," CPU1 "," CPU2 "," CPU3 "]"
#define OPP0 "{'hz':500000000,'microvolt':800000}"
#define OPP1 "{'hz':1000000000,'microvolt':900000}"
#define PD0                                                                    \
	"{'cpus':[0,1],'dynamic_power_coefficient':100,'opps':[" OPP0 "," OPP1 \
	"]}"
#define ST0 "{'frequency_khz':500000,'power_uw':100000}"
#define ST1 "{'frequency_khz':1000000,'power_mw':300}"
#define PD1 "{'cpus':[2,3],'states':[" ST0 "," ST1 "]}"
#define PDS "'perf_domains':[" PD0 "," PD1 "]"
#define GOOD HEAD CPUS "," PDS "}"

static const struct eas_json_platform zero_platform;

static int load(const char *doc, enum eas_kernel k, uint32_t opts,
		struct eas_json_platform *p, struct eas_json_diag *d)
{
	char *s = dq(doc);
	int r;

	memset(p, 0xab, sizeof(*p));
	memset(d, 0xcd, sizeof(*d));
	r = eas_json_platform_load(s, strlen(s), k, opts, p, d);
	free(s);
	return r;
}

struct err_case {
	const char *what;
	const char *doc;
	int kernel; /* -1: both */
	int err;
	const char *path;
};

static const struct err_case err_cases[] = {
	/* types */
	{ "string in an integer field",
	  HEAD "'cpus':[{'cpu':0,'capacity_dmips_mhz':'512'}," CPU1 "," CPU2
	       "," CPU3 "]," PDS "}",
	  -1, EAS_EFORMAT, "/cpus/0/capacity_dmips_mhz" },
	{ "float in an integer field",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[{'hz':5.0e8,'microvolt':800000}," OPP1
		    "]}," PD1 "]}",
	  -1, EAS_EFORMAT, "/perf_domains/0/opps/0/hz" },
	{ "1.0 is a float too",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1.0,'capacity_dmips_mhz':512}," CPU2
	       "," CPU3 "]," PDS "}",
	  -1, EAS_EFORMAT, "/cpus/1/cpu" },
	{ "null is not an integer",
	  HEAD "'cpus':[" CPU0 "," CPU1
	       ",{'cpu':2,'capacity_dmips_mhz':null}," CPU3 "]," PDS "}",
	  -1, EAS_EFORMAT, "/cpus/2/capacity_dmips_mhz" },
	{ "integer in a boolean field",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],"
		    "'skip_inefficiencies':1,'states':[" ST0 "," ST1 "]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/skip_inefficiencies" },
	{ "object where an array is expected", HEAD "'cpus':{'cpu':0}," PDS "}",
	  -1, EAS_EFORMAT, "/cpus" },
	{ "root not an object", "[1,2]", -1, EAS_EFORMAT, "" },
	/* ranges */
	{ "capacity above 1024",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1,'capacity':2000}," CPU2 "," CPU3
	       "]," PDS "}",
	  -1, EAS_ERANGE, "/cpus/1/capacity" },
	{ "capacity 0",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1,'capacity':0}," CPU2 "," CPU3 "]," PDS
	       "}",
	  -1, EAS_ERANGE, "/cpus/1/capacity" },
	{ "negative hz",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[" OPP0 ",{'hz':-1,'microvolt':900000}]}," PD1
		    "]}",
	  -1, EAS_ERANGE, "/perf_domains/0/opps/1/hz" },
	{ "integer beyond 64 bits",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[" OPP0
		    ",{'hz':18446744073709551616,'microvolt':"
		    "900000}]}," PD1 "]}",
	  -1, EAS_ERANGE, "/perf_domains/0/opps/1/hz" },
	{ "dpc above u32",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":4294967296,'opps':[" OPP0 "," OPP1 "]}," PD1 "]}",
	  -1, EAS_ERANGE, "/perf_domains/0/dynamic_power_coefficient" },
	/* keys */
	{ "unknown key",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'colour':1,"
		    "'states':[" ST0 "," ST1 "]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/colour" },
	{ "unknown root key", HEAD CPUS "," PDS ",'kernel':'v5.4'}", -1,
	  EAS_EFORMAT, "/kernel" },
	{ "duplicate key",
	  HEAD "'cpus':[" CPU0 "," CPU1 ",{'cpu':2,'cpu':2,"
	       "'capacity_dmips_mhz':1024}," CPU3 "]," PDS "}",
	  -1, EAS_EFORMAT, "/cpus/2/cpu" },
	{ "duplicate root key", HEAD CPUS "," PDS ",'name':'u'}", -1,
	  EAS_EFORMAT, "/name" },
	{ "missing format", "{" CPUS "," PDS "}", -1, EAS_EFORMAT, "/format" },
	{ "wrong format", "{'format':'libeas-platform/2'," CPUS "," PDS "}", -1,
	  EAS_EFORMAT, "/format" },
	{ "a scenario file given as a platform",
	  "{'format':'libeas-scenario/1','kernel':'v6.19','task':{}}", -1,
	  EAS_EFORMAT, "/format" },
	{ "missing cpus", HEAD PDS "}", -1, EAS_EFORMAT, "/cpus" },
	{ "missing perf_domains", HEAD CPUS "}", -1, EAS_EFORMAT,
	  "/perf_domains" },
	{ "missing hz",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[" OPP0 ",{'microvolt':900000}]}," PD1 "]}",
	  -1, EAS_EFORMAT, "/perf_domains/0/opps/1/hz" },
	{ "missing power",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
		    ",{'frequency_khz':1000000}]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/states/1" },
	{ "missing idle-state name",
	  HEAD CPUS "," PDS ",'idle_states':[{'exit_latency_us':1}]}", -1,
	  EAS_EFORMAT, "/idle_states/0/name" },
	/* capacity */
	{ "capacity and capacity_dmips_mhz",
	  HEAD "'cpus':[{'cpu':0,'capacity':400,'capacity_dmips_mhz':512}," CPU1
	       "," CPU2 "," CPU3 "]," PDS "}",
	  -1, EAS_EFORMAT, "/cpus/0/capacity" },
	{ "unequal capacities in one perf domain",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1,'capacity_dmips_mhz':500}," CPU2
	       "," CPU3 "]," PDS "}",
	  -1, EAS_ECAPACITY, "/perf_domains/0/cpus/1" },
	/* eas_platform_build() ERANGE from topology_normalize_cpu_scale():
	 * v6.19 (1 * 1000000 kHz << 10) / (2048 * 1000000 kHz) = 0; v5.4
	 * first pass (1 << 10) / 2048 = 0. Reported at the value, not 1:1. */
	{ "capacity_dmips_mhz normalising to capacity 0",
	  HEAD "'cpus':[{'cpu':0,'capacity_dmips_mhz':1},{'cpu':1,'capacity_"
	       "dmips_mhz':1},{'cpu':2,'capacity_dmips_mhz':2048},{'cpu':3,"
	       "'capacity_dmips_mhz':2048}]," PDS "}",
	  -1, EAS_ERANGE, "/cpus/0/capacity_dmips_mhz" },
	/* ETOPO of the default levels: SMT group {1,2} spans perf domains
	 * {0,1} and {2,3}; build_levels()' nesting check fails at CPU 2
	 * (its SMT span's first CPU 1 is in the other MC span), which is
	 * entry 2 of cpus[] */
	{ "SMT siblings in two perf domains",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1,'capacity_dmips_mhz':512,'smt':0},"
	       "{'cpu':2,'capacity_dmips_mhz':1024,'smt':0}," CPU3 "]," PDS "}",
	  -1, EAS_ETOPO, "/cpus/2/smt" },
	{ "SMT siblings in two clusters",
	  HEAD "'cpus':[" CPU0 ",{'cpu':1,'capacity_dmips_mhz':512,'smt':5},"
	       "{'cpu':2,'capacity_dmips_mhz':1024,'smt':5}," CPU3 "]," PDS
	       ",'clusters':[[0,1],[2,3]]}",
	  -1, EAS_ETOPO, "/cpus/2/smt" },
	{ "smt above INT32_MAX - 1",
	  HEAD
	  "'cpus':[{'cpu':0,'capacity_dmips_mhz':512,'smt':2147483647}," CPU1
	  "," CPU2 "," CPU3 "]," PDS "}",
	  -1, EAS_ERANGE, "/cpus/0/smt" },
	/* CPU ids */
	{ "CPU id out of 0..N-1",
	  HEAD "'cpus':[" CPU0 "," CPU1 "," CPU2
	       ",{'cpu':4,'capacity_dmips_mhz':1024}]," PDS "}",
	  -1, EAS_ERANGE, "/cpus/3/cpu" },
	{ "CPU id twice",
	  HEAD "'cpus':[" CPU0 "," CPU1 "," CPU2
	       ",{'cpu':2,'capacity_dmips_mhz':1024}]," PDS "}",
	  -1, EAS_ECPU, "/cpus/3/cpu" },
	{ "perf-domain CPU out of range",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3,4],'states':[" ST0
		    "," ST1 "]}]}",
	  -1, EAS_ERANGE, "/perf_domains/1/cpus/2" },
	{ "perf-domain CPU listed twice",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1,0],'dynamic_power_"
		    "coefficient':100,'opps':[" OPP0 "," OPP1 "]}," PD1 "]}",
	  -1, EAS_ECPU, "/perf_domains/0/cpus/2" },
	{ "CPU in two perf domains",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[3,1,2],'states':[" ST0
		    "," ST1 "]}]}",
	  -1, EAS_EPDEXIST, "/perf_domains/1/cpus/1" },
	{ "CPU in no perf domain",
	  HEAD "'cpus':[" CPU3 "," CPU0 "," CPU1 "," CPU2
	       "],'perf_domains':[" PD0 ",{'cpus':[2],'states':[" ST0 "," ST1
	       "]}]}",
	  -1, EAS_ENOPD, "/cpus/0" },
	/* frequencies */
	{ "OPP frequency not increasing",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[" OPP1 "," OPP0 "]}," PD1 "]}",
	  -1, EAS_EFREQ, "/perf_domains/0/opps/1/hz" },
	{ "state frequency repeated",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
		    "," ST1 ",{'frequency_khz':1000000,'power_mw':400}]}]}",
	  -1, EAS_EFREQ, "/perf_domains/1/states/2/frequency_khz" },
	/* power */
	{ "power_uw 0",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':["
		    "{'frequency_khz':500000,'power_uw':0}," ST1 "]}]}",
	  -1, EAS_EPOWER, "/perf_domains/1/states/0/power_uw" },
	{ "v5.4: power_uw below 1 mW",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':["
		    "{'frequency_khz':500000,'power_uw':999}," ST1 "]}]}",
	  EAS_KERNEL_V5_4, EAS_EPOWER, "/perf_domains/1/states/0/power_uw" },
	{ "v6.19: 65000 mW above EM_MAX_POWER",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
		    ",{'frequency_khz':1000000,'power_mw':65000}]}]}",
	  EAS_KERNEL_V6_19, EAS_EPOWER, "/perf_domains/1/states/1/power_mw" },
	{ "v5.4: 65536 mW above EM_CPU_MAX_POWER",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
		    ",{'frequency_khz':1000000,'power_uw':65536000}]}]}",
	  -1, EAS_EPOWER, "/perf_domains/1/states/1/power_uw" },
	{ "microvolt too small for a power",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[{'hz':500000000,'microvolt':999}," OPP1
		    "]}," PD1 "]}",
	  -1, EAS_ENOVOLT, "/perf_domains/0/opps/0" },
	/* energy-model shape */
	{ "opps and states both",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'opps':[" OPP0
		    "],'states':[" ST0 "]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/states" },
	{ "neither opps nor states",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3]}]}", -1,
	  EAS_ENOSTATES, "/perf_domains/1" },
	{ "empty states",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[]}]}", -1,
	  EAS_ERANGE, "/perf_domains/1/states" },
	{ "OPP without voltage or power",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[" OPP0 ",{'hz':1000000000}]}," PD1 "]}",
	  -1, EAS_ENOVOLT, "/perf_domains/0/opps/1" },
	{ "v6.19: lowest OPP has microwatt, another only microvolt",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[{'hz':500000000,'microwatt':30000}," OPP1
		    "]}," PD1 "]}",
	  EAS_KERNEL_V6_19, EAS_EPOWER, "/perf_domains/0/opps/1" },
	{ "v5.4: microwatt only (no opp-microwatt path in v5.4)",
	  HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'dynamic_power_coefficient'"
		    ":100,'opps':[{'hz':500000000,'microwatt':30000},{'hz':"
		    "1000000000,'microwatt':90000}]}," PD1 "]}",
	  EAS_KERNEL_V5_4, EAS_ENOVOLT, "/perf_domains/0/opps/0" },
	{ "power_uw and power_mw both",
	  HEAD CPUS
	  ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
	  ",{'frequency_khz':1000000,'power_mw':300,'power_uw':3}]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/states/1/power_mw" },
	{ "dpc with states",
	  HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],"
		    "'dynamic_power_coefficient':5,'states':[" ST0 "," ST1
		    "]}]}",
	  -1, EAS_EFORMAT, "/perf_domains/1/dynamic_power_coefficient" },
	/* topology */
	{ "clusters overlap", HEAD CPUS "," PDS ",'clusters':[[0,1],[1,2,3]]}",
	  -1, EAS_ETOPO, "/clusters/1" },
	{ "clusters miss a CPU", HEAD CPUS "," PDS ",'clusters':[[0,1],[2]]}",
	  -1, EAS_ETOPO, "/clusters" },
	{ "cluster CPU out of range",
	  HEAD CPUS "," PDS ",'clusters':[[0,1],[2,3,7]]}", -1, EAS_ERANGE,
	  "/clusters/1/2" },
	{ "sched domains do not nest",
	  HEAD CPUS "," PDS ",'sched_domains':[{'name':'MC','spans':[[0,1],"
		    "[2,3]]},{'name':'PKG','spans':[[0,2],[1,3]]}]}",
	  -1, EAS_ETOPO, "/sched_domains/1/spans/1" },
	{ "sched domain name too long",
	  HEAD CPUS "," PDS ",'sched_domains':[{'name':'VERYLONG','spans':"
		    "[[0,1,2,3]]}]}",
	  -1, EAS_ERANGE, "/sched_domains/0/name" },
	/* syntax (no path beyond what the walker saw) */
	{ "trailing comma", HEAD CPUS "," PDS ",}", -1, EAS_EFORMAT, NULL },
	{ "comment", HEAD CPUS "," PDS "/* x */}", -1, EAS_EFORMAT, NULL },
	{ "trailing garbage", HEAD CPUS "," PDS "} x", -1, EAS_EFORMAT, NULL },
	{ "truncated", HEAD CPUS "," PDS, -1, EAS_EFORMAT, NULL },
	{ "empty", "", -1, EAS_EFORMAT, "" },
};

static void test_error_cases(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(err_cases) / sizeof(err_cases[0]); i++) {
		const struct err_case *c = &err_cases[i];

		for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
			int r;

			if (c->kernel >= 0 && c->kernel != k)
				continue;
			r = load(c->doc, (enum eas_kernel)k, 0, &p, &d);
			if (r != c->err || d.err != c->err ||
			    (c->path && strcmp(d.path, c->path)))
				fail_msg("case '%s' (%s): got %s at '%s' (%s), "
					 "expected %s at '%s'",
					 c->what, eas_kernel_name(k),
					 eas_err_name(r), d.path, d.msg,
					 eas_err_name(c->err),
					 c->path ? c->path : "(any)");
			assert_memory_equal(&p, &zero_platform, sizeof(p));
			assert_true(d.msg[0] != '\0');
			assert_true(d.line >= 1);
			assert_true(d.column >= 1);
		}
	}
}

/* The other flavour accepts what one flavour's power limit refuses. */
static void test_power_limits_per_flavour(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;
	const char *doc65w = HEAD CPUS
		",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':[" ST0
		",{'frequency_khz':1000000,'power_mw':65000}]}]}";
	const char *doc999uw =
		HEAD CPUS ",'perf_domains':[" PD0 ",{'cpus':[2,3],'states':["
			  "{'frequency_khz':500000,'power_uw':999}," ST1 "]}]}";

	(void)state;
	assert_int_equal(load(doc65w, EAS_KERNEL_V5_4, 0, &p, &d), 0);
	assert_int_equal(p.pf.pds[1].table[1].power, 65000);
	eas_json_platform_free(&p);
	assert_int_equal(load(doc999uw, EAS_KERNEL_V6_19, 0, &p, &d), 0);
	assert_int_equal(p.pf.pds[1].table[0].power, 999);
	eas_json_platform_free(&p);
	/* the message says the flavour, the unit and the limit */
	assert_int_equal(load(doc65w, EAS_KERNEL_V6_19, 0, &p, &d), EAS_EPOWER);
	assert_non_null(strstr(d.msg, "65000000 uW"));
	assert_non_null(strstr(d.msg, "v6.19"));
	assert_non_null(strstr(d.msg, "64000000"));
}

/* Line and column point at the offending value. */
static void test_line_column(void **state)
{
	static const char doc[] =
		"{\n"
		"  \"format\": \"libeas-platform/1\",\n"
		"  \"cpus\": [ { \"cpu\": 0, \"capacity\": 512 },\n"
		"            { \"cpu\": 1, \"capacity\": 1024 } ],\n"
		"  \"perf_domains\": [\n"
		"    { \"cpus\": [0], \"states\": [ { \"frequency_khz\": 1000, "
		"\"power_uw\": 5 } ] },\n"
		"    { \"cpus\": [1], \"states\": [\n"
		"        { \"frequency_khz\": 2000, \"power_uw\": 9 },\n"
		"        { \"frequency_khz\": 2000, \"power_uw\": 10 } ] }\n"
		"  ]\n"
		"}\n";
	static const char bad[] = "{\n  \"format\": \"libeas-platform/1\",\n"
				  "  \"cpus\": [1 2]\n}\n";
	struct eas_json_platform p;
	struct eas_json_diag d;
	char buf[512];

	(void)state;
	assert_int_equal(eas_json_platform_load(doc, strlen(doc),
						EAS_KERNEL_V6_19, 0, &p, &d),
			 EAS_EFREQ);
	assert_string_equal(d.path, "/perf_domains/1/states/1/frequency_khz");
	assert_int_equal(d.line, 9);
	assert_int_equal(d.column, 28);
	assert_int_equal(d.offset,
			 (size_t)(strstr(doc, "2000, \"power_uw\": 10") - doc));
	eas_json_diag_format(&d, "x.json", buf, sizeof(buf));
	{
		static const char pre[] = "x.json:9:28: /perf_domains/1/states/"
					  "1/frequency_khz: ";

		assert_int_equal(strncmp(buf, pre, sizeof(pre) - 1), 0);
	}

	/* syntax error: json-c's position */
	assert_int_equal(eas_json_platform_load(bad, strlen(bad),
						EAS_KERNEL_V6_19, 0, &p, &d),
			 EAS_EFORMAT);
	assert_int_equal(d.line, 3);
	assert_int_equal(d.column, 14);
	assert_non_null(strstr(d.msg, "syntax"));
	assert_string_equal(d.path, "/cpus/0");
}

static void test_success(void **state)
{
	struct eas_json_platform p;
	struct eas_json_diag d;
	const char *doc = HEAD CPUS
		"," PDS ",'clusters':[[0,1],[2,3]],'notes':['a','b'],"
		"'idle_states':[{'name':'WFI','exit_latency_us':1},{'name':"
		"'deep','exit_latency_us':900,'entry_latency_us':300,"
		"'min_residency_us':2000,'power_uw':12,'cpus':[3,2]}]}";

	(void)state;
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		assert_int_equal(load(doc, (enum eas_kernel)k, 0, &p, &d), 0);
		assert_string_equal(p.name, "t");
		assert_int_equal(p.pf.nr_cpus, 4);
		assert_int_equal(p.pf.nr_pds, 2);
		assert_true(p.pf.eas_possible);
		/* 512*1000000*1024 / (1024*1000000) */
		assert_int_equal(p.pf.cpus[0].capacity, 512);
		assert_int_equal(p.pf.cpus[3].capacity, 1024);
		assert_int_equal(p.nr_idle_states, 2);
		assert_int_equal(p.idle_states[0].nr_cpus, 0);
		assert_int_equal(p.idle_states[0].power_uw, 0);
		assert_int_equal(p.idle_states[1].power_uw, 12);
		assert_int_equal(p.idle_states[1].min_residency_us, 2000);
		assert_int_equal(p.idle_states[1].nr_cpus, 2);
		assert_int_equal(p.idle_states[1].cpus[0], 2);
		assert_int_equal(p.idle_states[1].cpus[1], 3);
		/* states: power_uw / power_mw converted per flavour */
		if (k == EAS_KERNEL_V5_4) {
			assert_int_equal(p.pf.pds[1].table[0].power, 100);
			assert_int_equal(p.pf.pds[1].table[1].power, 300);
			/* OPPs: 100 * 800^2 * 500 / 10^9 = 32 mW */
			assert_int_equal(p.pf.pds[0].table[0].power, 32);
		} else {
			assert_int_equal(p.pf.pds[1].table[0].power, 100000);
			assert_int_equal(p.pf.pds[1].table[1].power, 300000);
			assert_int_equal(p.pf.pds[0].table[0].power, 32000);
			assert_int_equal(p.pf.pds[0].table[1].power, 81000);
		}
		/* the description is kept */
		assert_int_equal(p.desc.nr_cpus, 4);
		assert_int_equal(p.desc.nr_pds, 2);
		assert_int_equal(p.desc.pds[0].nr_opps, 2);
		assert_int_equal(p.desc.pds[1].nr_states, 2);
		assert_int_equal(p.desc.pds[1].states[1].power_mw, 300);
		assert_int_equal(p.desc.nr_clusters, 2);
		assert_non_null(p.desc_mem);
		eas_json_platform_free(&p);
		assert_memory_equal(&p, &zero_platform, sizeof(p));
	}
	/* diag may be NULL; free of a zeroed platform is harmless */
	{
		char *s = dq(GOOD);

		assert_int_equal(eas_json_platform_load(s, strlen(s),
							EAS_KERNEL_V6_19, 0, &p,
							NULL),
				 0);
		eas_json_platform_free(&p);
		eas_json_platform_free(&p);
		eas_json_platform_free(NULL);
		assert_int_equal(eas_json_platform_load(s, strlen(s) - 1,
							EAS_KERNEL_V6_19, 0, &p,
							NULL),
				 EAS_EFORMAT);
		assert_int_equal(eas_json_platform_load(s, strlen(s),
							(enum eas_kernel)7, 0,
							&p, &d),
				 EAS_EKERNEL);
		assert_memory_equal(&p, &zero_platform, sizeof(p));
		free(s);
	}
}

/* An OPP may carry both a voltage and opp-microwatt, as in devicetrees:
 * v6.19 takes the power from opp-microwatt (the lowest OPP has one),
 * v5.4 from the voltage. */
static void test_microwatt_and_microvolt(void **state)
{
	const char *doc = HEAD CPUS
		",'perf_domains':[{'cpus':[0,1],"
		"'dynamic_power_coefficient':100,'opps':[{'hz':500000000,"
		"'microvolt':800000,'microwatt':30000},{'hz':1000000000,"
		"'microvolt':900000,'microwatt':90000}]}," PD1 "]}";
	const char *uwonly = HEAD CPUS
		",'perf_domains':[{'cpus':[0,1],'opps':[{'hz':"
		"500000000,'microwatt':30000},{'hz':1000000000,'microwatt':"
		"90000}]}," PD1 "]}";
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load(doc, EAS_KERNEL_V6_19, 0, &p, &d), 0);
	assert_int_equal(p.pf.pds[0].table[0].power, 30000);
	assert_int_equal(p.pf.pds[0].table[1].power, 90000);
	eas_json_platform_free(&p);
	assert_int_equal(load(doc, EAS_KERNEL_V5_4, 0, &p, &d), 0);
	/* 100 * 800^2 * 500 / 10^9 = 32, 100 * 900^2 * 1000 / 10^9 = 81 */
	assert_int_equal(p.pf.pds[0].table[0].power, 32);
	assert_int_equal(p.pf.pds[0].table[1].power, 81);
	eas_json_platform_free(&p);
	/* v6.19: microwatt alone needs no dynamic-power-coefficient */
	assert_int_equal(load(uwonly, EAS_KERNEL_V6_19, 0, &p, &d), 0);
	assert_int_equal(p.pf.pds[0].nr_perf_states, 2);
	assert_true(p.pf.eas_possible);
	eas_json_platform_free(&p);
}

/* The kept description rebuilds the platform for the other flavour. */
static void test_rebuild_from_desc(void **state)
{
	struct eas_json_platform p54, p619;
	struct eas_json_diag d;
	struct eas_platform pf;
	struct eas_build_error w;
	size_t size;
	void *mem;

	(void)state;
	assert_int_equal(load(GOOD, EAS_KERNEL_V5_4, 0, &p54, &d), 0);
	assert_int_equal(load(GOOD, EAS_KERNEL_V6_19, 0, &p619, &d), 0);
	size = eas_platform_size(&p54.desc);
	assert_true(size > 0);
	mem = malloc(size);
	assert_non_null(mem);
	assert_int_equal(eas_platform_build(&pf, mem, size, &p54.desc,
					    EAS_KERNEL_V6_19, 0, &w),
			 0);
	for (uint32_t i = 0; i < 2; i++)
		for (uint32_t s = 0; s < 2; s++) {
			assert_int_equal(pf.pds[i].table[s].power,
					 p619.pf.pds[i].table[s].power);
			assert_int_equal(pf.pds[i].table[s].cost,
					 p619.pf.pds[i].table[s].cost);
		}
	free(mem);
	eas_json_platform_free(&p54);
	eas_json_platform_free(&p619);
}

/*
 * v5.4 normalises capacities twice (topology_normalize_cpu_scale() on the
 * dmips, then again on cpu_scale * max_freq / 1000), v6.19 once on
 * dmips * capacity_freq_ref. With dmips 333 / 1000 and fmax 1234567 /
 * 2000000 kHz:
 *   v6.19: 333*1234567*1024 / (1000*2000000)              = 210
 *   v5.4 : 333*1024/1000 = 340; 340*1234567/1000 = 419752;
 *          1024*2000000/1000 = 2048000; 419752*1024/2048000 = 209
 */
static void test_capacity_normalisation(void **state)
{
	const char *doc = HEAD
		"'cpus':[{'cpu':0,'capacity_dmips_mhz':333},"
		"{'cpu':1,'capacity_dmips_mhz':1000}],'perf_domains':["
		"{'cpus':[0],'states':[{'frequency_khz':1234567,'power_uw':"
		"100000}]},{'cpus':[1],'states':[{'frequency_khz':2000000,"
		"'power_uw':900000}]}]}";
	const char *nodmips =
		HEAD "'cpus':[{'cpu':0,'capacity_dmips_mhz':333},{'cpu':1}],"
		     "'perf_domains':[{'cpus':[0],'states':[{'frequency_khz':"
		     "1234567,'power_uw':100000}]},{'cpus':[1],'states':[{"
		     "'frequency_khz':2000000,'power_uw':900000}]}]}";
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_int_equal(load(doc, EAS_KERNEL_V6_19, 0, &p, &d), 0);
	assert_int_equal(p.pf.cpus[0].capacity, 210);
	assert_int_equal(p.pf.cpus[1].capacity, 1024);
	eas_json_platform_free(&p);
	assert_int_equal(load(doc, EAS_KERNEL_V5_4, 0, &p, &d), 0);
	assert_int_equal(p.pf.cpus[0].capacity, 209);
	assert_int_equal(p.pf.cpus[1].capacity, 1024);
	eas_json_platform_free(&p);
	/* one CPU without capacity-dmips-mhz: every CPU is 1024 */
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		assert_int_equal(load(nodmips, (enum eas_kernel)k, 0, &p, &d),
				 0);
		assert_int_equal(p.pf.cpus[0].capacity, 1024);
		assert_false(p.pf.eas_possible);
		assert_int_equal(p.pf.eas_reason, EAS_OFF_SYMMETRIC);
		eas_json_platform_free(&p);
	}
}

/* A domain with microvolt OPPs but no dynamic-power-coefficient has no
 * energy model (the kernel registers none): EAS is off, not an error. */
static void test_no_dpc_no_em(void **state)
{
	const char *doc =
		HEAD CPUS ",'perf_domains':[{'cpus':[0,1],'opps':[" OPP0
			  "," OPP1 "]}," PD1 "]}";
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	for (int k = EAS_KERNEL_V5_4; k <= EAS_KERNEL_V6_19; k++) {
		assert_int_equal(load(doc, (enum eas_kernel)k, 0, &p, &d), 0);
		assert_int_equal(p.pf.pds[0].nr_perf_states, 0);
		assert_false(p.pf.eas_possible);
		assert_int_equal(p.pf.eas_reason, EAS_OFF_NO_EM);
		eas_json_platform_free(&p);
	}
}

/* No CPU limit: 4096 CPUs, one perf domain per 4-CPU cluster, 1024 small
 * (capacity 512) and 3072 big CPUs; v5.4 refuses EAS for complexity
 * (1024 * (1024*2 + 4096) > 2048), v6.19 has no such limit. */
static void test_4096_cpus(void **state)
{
	const uint32_t n = 4096;
	size_t cap = (size_t)n * 160 + 4096, len = 0;
	char *doc = malloc(cap);
	struct eas_json_platform p;
	struct eas_json_diag d;

	(void)state;
	assert_non_null(doc);
#define ADD(...) (len += (size_t)snprintf(doc + len, cap - len, __VA_ARGS__))
	ADD("{\"format\":\"libeas-platform/1\",\"cpus\":[");
	for (uint32_t c = 0; c < n; c++)
		ADD("%s{\"cpu\":%u,\"capacity_dmips_mhz\":%u}", c ? "," : "", c,
		    c < 1024 ? 512u : 1024u);
	ADD("],\"perf_domains\":[");
	for (uint32_t c = 0; c < n; c += 4)
		ADD("%s{\"cpus\":[%u,%u,%u,%u],\"states\":[{\"frequency_khz\":"
		    "1000000,\"power_uw\":%u},{\"frequency_khz\":2000000,"
		    "\"power_uw\":%u}]}",
		    c ? "," : "", c, c + 1, c + 2, c + 3, 100000 + c,
		    400000 + c);
	ADD("]}");
#undef ADD
	assert_true(len < cap);
	assert_int_equal(
		eas_json_platform_load(doc, len, EAS_KERNEL_V6_19, 0, &p, &d),
		0);
	assert_int_equal(p.pf.nr_cpus, n);
	assert_int_equal(p.pf.nr_pds, n / 4);
	assert_int_equal(p.pf.cpus[0].capacity, 512);
	assert_int_equal(p.pf.cpus[n - 1].capacity, 1024);
	assert_int_equal(p.pf.cpus[n - 1].pd, n / 4 - 1);
	assert_true(p.pf.eas_possible);
	eas_json_platform_free(&p);
	assert_int_equal(
		eas_json_platform_load(doc, len, EAS_KERNEL_V5_4, 0, &p, &d),
		0);
	assert_false(p.pf.eas_possible);
	assert_int_equal(p.pf.eas_reason, EAS_OFF_COMPLEXITY);
	eas_json_platform_free(&p);
	free(doc);
}

/* ---- jsonutil ------------------------------------------------------------ */

static int parse(const char *s, unsigned flags, struct eas_json_diag *d)
{
	struct json_object *root = NULL;
	int r = eas__json_parse(s, strlen(s), flags, &root, d);

	if (r)
		assert_null(root);
	else
		json_object_put(root);
	return r;
}

static void test_strictness(void **state)
{
	static const struct {
		const char *doc;
		int strict, rtapp; /* expected results */
		const char *path;
	} c[] = {
		{ "{\"a\":1}", 0, 0, "" },
		{ "{\"a\":'x'}", EAS_EFORMAT, 0, "/a" },
		{ "{\"a\":NaN}", EAS_EFORMAT, 0, "/a" },
		{ "{\"a\":1.}", EAS_EFORMAT, 0, "/a" },
		{ "{\"a\":01}", EAS_EFORMAT, 0, "/a" },
		{ "{\"a\":\"x\ty\"}", EAS_EFORMAT, 0, "/a" },
		{ "{\"a\":[1,18446744073709551616]}", EAS_ERANGE, EAS_ERANGE,
		  "/a/1" },
		{ "{\"a\":-9223372036854775809}", EAS_ERANGE, EAS_ERANGE,
		  "/a" },
		{ "{\"a\":-9223372036854775808}", 0, 0, "" },
		{ "{\"a\":18446744073709551615}", 0, 0, "" },
		{ "{\"a\":1,}", EAS_EFORMAT, 0, NULL },
		{ "{\"a\":[1,2,],}", EAS_EFORMAT, 0, NULL },
		{ "{/* c */\"a\":1}", EAS_EFORMAT, 0, NULL },
		{ "{\"a\":1} // c\n", EAS_EFORMAT, 0, NULL },
		{ "{\"a\":1} x", EAS_EFORMAT, EAS_EFORMAT, NULL },
		{ "{\"a\":1}{}", EAS_EFORMAT, EAS_EFORMAT, NULL },
		{ "{\"a\":1,\"b\":{\"c\":[{\"d\":1,\"d\":2}]}}", EAS_EFORMAT,
		  EAS_EFORMAT, "/b/c/0/d" },
		{ "{\"a\":1, /* x */ \"a\":2,}", EAS_EFORMAT, EAS_EFORMAT,
		  NULL },
		{ "{\"ab\":1,\"a\\u0062\":2}", EAS_EFORMAT, EAS_EFORMAT,
		  "/ab" },
		{ "{\"a/b\":{},\"a\\/b\":2}", EAS_EFORMAT, EAS_EFORMAT,
		  "/a~1b" },
		{ "{\"\\u0000\":1}", EAS_EFORMAT, EAS_EFORMAT, "" },
		{ "{\"a\":\"\\q\"}", EAS_EFORMAT, EAS_EFORMAT, NULL },
		{ "{\"a\":\"\xff\"}", EAS_EFORMAT, EAS_EFORMAT, NULL },
		{ "", EAS_EFORMAT, EAS_EFORMAT, "" },
		{ "   ", EAS_EFORMAT, EAS_EFORMAT, "" },
		{ "7", 0, 0, "" },
	};
	struct eas_json_diag d;

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		int r = parse(c[i].doc, 0, &d);

		if (r != c[i].strict ||
		    (r && c[i].path && strcmp(d.path, c[i].path)))
			fail_msg("strict '%s': got %s at '%s' (%s)", c[i].doc,
				 eas_err_name(r), d.path, d.msg);
		r = parse(c[i].doc, EAS__JSON_RTAPP, &d);
		if (r != c[i].rtapp)
			fail_msg("rtapp '%s': got %s at '%s' (%s)", c[i].doc,
				 eas_err_name(r), d.path, d.msg);
	}
	/* a UTF-8 byte-order mark gets its own message */
	assert_int_equal(parse("\xef\xbb\xbf{}", 0, &d), EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "byte-order mark"));
	assert_int_equal(d.line, 1);
	assert_int_equal(d.column, 1);
	/* the duplicate's message and position (the second occurrence) */
	assert_int_equal(parse("{\"x\":1,\n \"x\":2}", 0, &d), EAS_EFORMAT);
	assert_string_equal(d.path, "/x");
	assert_int_equal(d.line, 2);
	assert_int_equal(d.column, 2);
	assert_non_null(strstr(d.msg, "duplicate key 'x'"));
}

static void test_getters(void **state)
{
	static const char doc[] =
		"{\"u\":5,\"neg\":-5,\"f\":1.5,\"s\":\"str\",\"b\":true,"
		"\"big\":18446744073709551615,\"arr\":[1,2,3],\"o\":{},"
		"\"e\":\"fork\",\"n\":null}";
	static const char *const allowed[] = { "u", "neg", "f",	  "s",
					       "b", "big", "arr", "o",
					       "e", "n",   NULL };
	static const char *const few[] = { "u", "zzz", NULL };
	static const char *const wakes[] = { "ttwu", "fork", "exec" };
	struct eas__jctx ctx;
	struct json_object *root, *a;
	struct eas_json_diag d;
	uint64_t u = 0;
	int64_t i = 0;
	uint32_t e = 9;
	bool b = false;
	char s[8];

	(void)state;
#define FRESH()                                                                \
	do {                                                                   \
		if (root)                                                      \
			eas__jctx_fini(&ctx, root);                            \
		assert_int_equal(                                              \
			eas__jctx_init(&ctx, doc, strlen(doc), 0, &d, &root),  \
			0);                                                    \
	} while (0)
	root = NULL;
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "u", 1, 10, &u, EAS__JREQ),
			 0);
	assert_int_equal(u, 5);
	assert_int_equal(
		eas__jget_u64(&ctx, root, "big", 0, UINT64_MAX, &u, EAS__JREQ),
		0);
	assert_true(u == UINT64_MAX);
	assert_int_equal(
		eas__jget_i64(&ctx, root, "neg", -10, 10, &i, EAS__JREQ), 0);
	assert_int_equal(i, -5);
	assert_int_equal(eas__jget_bool(&ctx, root, "b", &b, EAS__JREQ), 0);
	assert_true(b);
	assert_int_equal(
		eas__jget_str(&ctx, root, "s", 1, s, sizeof(s), EAS__JREQ), 0);
	assert_string_equal(s, "str");
	assert_int_equal(
		eas__jget_enum(&ctx, root, "e", wakes, 3, &e, EAS__JREQ), 0);
	assert_int_equal(e, 1);
	assert_int_equal(eas__jget_arr(&ctx, root, "arr", 1, 3, &a, EAS__JREQ),
			 0);
	assert_non_null(a);
	/* optional and absent: 0, untouched */
	u = 77;
	assert_int_equal(eas__jget_u64(&ctx, root, "zz", 0, 1, &u, EAS__JOPT),
			 0);
	assert_int_equal(u, 77);
	assert_int_equal(eas__jcheck_keys(&ctx, root, allowed), 0);
	assert_int_equal(ctx.err, 0);

	/* errors, each with its path and message */
	assert_int_equal(eas__jget_u64(&ctx, root, "f", 0, 10, &u, EAS__JREQ),
			 EAS_EFORMAT);
	assert_string_equal(d.path, "/f");
	assert_non_null(strstr(d.msg, "expected an integer"));
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "s", 0, 10, &u, EAS__JREQ),
			 EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "got a string"));
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "neg", 0, 10, &u, EAS__JREQ),
			 EAS_ERANGE);
	assert_non_null(strstr(d.msg, "[0, 10]"));
	FRESH();
	assert_int_equal(eas__jget_i64(&ctx, root, "big", INT64_MIN, INT64_MAX,
				       &i, EAS__JREQ),
			 EAS_ERANGE);
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "u", 6, 10, &u, EAS__JREQ),
			 EAS_ERANGE);
	FRESH();
	assert_int_equal(eas__jget_bool(&ctx, root, "u", &b, EAS__JREQ),
			 EAS_EFORMAT);
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "n", 0, 10, &u, EAS__JREQ),
			 EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "null"));
	FRESH();
	assert_int_equal(eas__jget_str(&ctx, root, "s", 0, s, 3, EAS__JREQ),
			 EAS_ERANGE);
	FRESH();
	assert_int_equal(
		eas__jget_enum(&ctx, root, "s", wakes, 3, &e, EAS__JREQ),
		EAS_EFORMAT);
	assert_non_null(strstr(d.msg, "\"ttwu\", \"fork\", \"exec\""));
	FRESH();
	assert_int_equal(eas__jget_arr(&ctx, root, "arr", 4, 9, &a, EAS__JREQ),
			 EAS_ERANGE);
	assert_string_equal(d.path, "/arr");
	FRESH();
	assert_int_equal(eas__jget_u64(&ctx, root, "zz", 0, 1, &u, EAS__JREQ),
			 EAS_EFORMAT);
	assert_string_equal(d.path, "/zz");
	assert_non_null(strstr(d.msg, "missing required key 'zz'"));
	FRESH();
	assert_int_equal(eas__jcheck_keys(&ctx, root, few), EAS_EFORMAT);
	assert_string_equal(d.path, "/neg");
	assert_non_null(strstr(d.msg, "unknown key 'neg'"));
	assert_non_null(strstr(d.msg, "u, zzz"));
	/* the first error wins */
	assert_int_equal(eas__jget_u64(&ctx, root, "f", 0, 10, &u, EAS__JREQ),
			 EAS_EFORMAT);
	assert_string_equal(d.path, "/neg");
	/* nested paths via push/pop */
	FRESH();
	{
		size_t m = eas__jpush_key(&ctx, "o");
		size_t m2 = eas__jpush_index(&ctx, 3);

		assert_string_equal(ctx.path, "/o/3");
		eas__jpop(&ctx, m2);
		m2 = eas__jpush_key(&ctx, "a/b~c");
		assert_string_equal(ctx.path, "/o/a~1b~0c");
		eas__jpop(&ctx, m2);
		eas__jpop(&ctx, m);
		assert_string_equal(ctx.path, "");
	}
	eas__jctx_fini(&ctx, root);
#undef FRESH
}

static void test_diag_format(void **state)
{
	struct eas_json_diag d;
	char buf[128];

	(void)state;
	memset(&d, 0, sizeof(d));
	d.err = EAS_EFREQ;
	d.line = 3;
	d.column = 7;
	strcpy(d.path, "/perf_domains/1/opps/3/hz");
	strcpy(d.msg, "not increasing");
	assert_string_equal(
		eas_json_diag_format(&d, "f.json", buf, sizeof(buf)),
		"f.json:3:7: /perf_domains/1/opps/3/hz: "
		"not increasing");
	d.line = 0;
	d.path[0] = '\0';
	assert_string_equal(
		eas_json_diag_format(&d, "f.json", buf, sizeof(buf)),
		"f.json: not increasing");
	/* always NUL-terminated when truncated */
	d.line = 3;
	assert_string_equal(eas_json_diag_format(&d, "f.json", buf, 8),
			    "f.json:");
}

/* ---- random differential test of duplicate keys and locate ------------ */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	/* splitmix64 */
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	return (uint32_t)(z % n);
}

struct gen {
	char buf[16384];
	size_t len;
	/* expected: earliest duplicate key (offset of its quote), its path */
	bool dup;
	size_t dup_off;
	char dup_path[512];
	/* every value's pointer and offset, in file order */
	size_t nr;
	bool full; /* some values were not recorded */
	char ptr[512][128];
	size_t off[512];
};

static void put(struct gen *g, const char *s)
{
	size_t n = strlen(s);

	assert_true(g->len + n < sizeof(g->buf));
	memcpy(g->buf + g->len, s, n);
	g->len += n;
}

static void ws(struct gen *g)
{
	static const char *const w[] = { "", "", " ", "\n", "\t", "\n  " };

	put(g, w[rnd(6)]);
}

static void record(struct gen *g, const char *path)
{
	if (g->nr < 512 && strlen(path) < 128) {
		strcpy(g->ptr[g->nr], path);
		g->off[g->nr++] = g->len;
	} else {
		g->full = true;
	}
}

/* Pointer a is b or an ancestor of b. */
static bool ptr_prefix(const char *a, const char *b)
{
	size_t n = strlen(a);

	return !strncmp(a, b, n) && (b[n] == '\0' || b[n] == '/');
}

/*
 * The value recorded at i is the one json-c keeps (and locate finds)
 * unless a later value has its pointer or an ancestor's: that is a
 * duplicate key replacing it or the member holding it.
 */
static bool kept(const struct gen *g, size_t i)
{
	for (size_t j = i + 1; j < g->nr; j++)
		if (ptr_prefix(g->ptr[j], g->ptr[i]))
			return false;
	return true;
}

static void gen_value(struct gen *g, const char *path, int depth)
{
	/* keys, written raw (escapes) and as their pointer component */
	static const char *const raw[] = { "a",	  "b",	     "c", "e/f",
					   "g~h", "\\u0061", "bb" };
	static const char *const dec[] = { "a",	   "b", "c", "e~1f",
					   "g~0h", "a", "bb" };
	static const char *const scal[] = { "1",    "-2",	    "\"s\"",
					    "true", "null",	    "1.5e3",
					    "0",    "\"\\\"q\\\"\"" };
	uint32_t t = depth < 4 ? rnd(6) : 5;

	ws(g);
	record(g, path);
	if (t == 0 || t == 1) {
		uint32_t n = rnd(5);
		char seen[8] = { 0 };

		put(g, "{");
		for (uint32_t i = 0; i < n; i++) {
			uint32_t k = rnd(7);
			uint32_t dk = (k == 5) ? 0 : k; /* \u0061 == a */
			char sub[512];

			if (i)
				put(g, ",");
			ws(g);
			snprintf(sub, sizeof(sub), "%s/%s", path, dec[k]);
			if (seen[dk] && (!g->dup || g->len < g->dup_off)) {
				g->dup = true;
				g->dup_off = g->len;
				snprintf(g->dup_path, sizeof(g->dup_path), "%s",
					 sub);
			}
			seen[dk] = 1;
			put(g, "\"");
			put(g, raw[k]);
			put(g, "\"");
			ws(g);
			put(g, ":");
			gen_value(g, sub, depth + 1);
			ws(g);
		}
		put(g, "}");
	} else if (t == 2 || t == 3) {
		uint32_t n = rnd(4);

		put(g, "[");
		for (uint32_t i = 0; i < n; i++) {
			char sub[512];

			if (i)
				put(g, ",");
			snprintf(sub, sizeof(sub), "%s/%u", path, i);
			gen_value(g, sub, depth + 1);
			ws(g);
		}
		put(g, "]");
	} else {
		put(g, scal[rnd(8)]);
	}
}

static void test_random_dup_and_locate(void **state)
{
	static struct gen g;
	int dups = 0, located = 0;

	(void)state;
	rng_state = 20261123;
	for (int iter = 0; iter < 3000; iter++) {
		struct eas_json_diag d;
		int r;

		memset(&g, 0, sizeof(g));
		put(&g, "{");
		put(&g, "\"root\":");
		gen_value(&g, "/root", 0);
		put(&g, "}");
		g.buf[g.len] = '\0';
		/* the "/root" key itself is never duplicated */
		r = parse(g.buf, 0, &d);
		if (g.dup) {
			dups++;
			if (r != EAS_EFORMAT || d.offset != g.dup_off ||
			    strcmp(d.path, g.dup_path))
				fail_msg("iter %d: expected dup at %zu %s, got "
					 "%s at %zu %s (%s)\n%s",
					 iter, g.dup_off, g.dup_path,
					 eas_err_name(r), d.offset, d.path,
					 d.msg, g.buf);
		} else {
			if (r)
				fail_msg("iter %d: %s %s\n%s", iter, d.path,
					 d.msg, g.buf);
		}
		for (size_t i = 0; i < g.nr && !g.full; i++) {
			size_t off = 0;
			int lr;

			if (!kept(&g, i))
				continue;
			lr = eas__json_locate(g.buf, g.len, 0, g.ptr[i], &off);

			/* the value starts after the recorded whitespace */
			while (g.buf[g.off[i]] == ' ' ||
			       g.buf[g.off[i]] == '\n' ||
			       g.buf[g.off[i]] == '\t')
				g.off[i]++;
			if (lr || off != g.off[i])
				fail_msg("iter %d: locate %s: %d at %zu, "
					 "expected %zu\n%s",
					 iter, g.ptr[i], lr, off, g.off[i],
					 g.buf);
			located++;
		}
		/* an absent path reports an ancestor and EAS_EINVAL */
		{
			size_t off = 1;

			assert_int_equal(eas__json_locate(g.buf, g.len, 0,
							  "/root/zz/9", &off),
					 EAS_EINVAL);
		}
	}
	/* the generator must exercise both outcomes */
	assert_true(dups > 300);
	assert_true(dups < 2700);
	assert_true(located > 10000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_cases),
		cmocka_unit_test(test_power_limits_per_flavour),
		cmocka_unit_test(test_line_column),
		cmocka_unit_test(test_success),
		cmocka_unit_test(test_microwatt_and_microvolt),
		cmocka_unit_test(test_rebuild_from_desc),
		cmocka_unit_test(test_capacity_normalisation),
		cmocka_unit_test(test_no_dpc_no_em),
		cmocka_unit_test(test_4096_cpus),
		cmocka_unit_test(test_strictness),
		cmocka_unit_test(test_getters),
		cmocka_unit_test(test_diag_format),
		cmocka_unit_test(test_random_dup_and_locate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
