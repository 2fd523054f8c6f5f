/* SPDX-License-Identifier: MIT */
/*
 * Host example: load a platform file with the json-c loader, describe one
 * instant of the system (one struct eas_rq per CPU), wake a task with
 * select_task_rq_fair() and print every candidate CPU's energy, as the
 * chosen kernel flavour computed them.
 *
 *	host_place [PLATFORM.json] [--kernel v5.4|v6.19] [--util U]
 *		   [--prev CPU]
 *
 * The CPUs' utilisation is a fixed pattern (CPU c: 60 * c % 700) so the
 * output is reproducible; change it below to explore.
 */
#include <libeas/error.h>
#include <libeas/json.h>
#include <libeas/place.h>
#include <libeas/signals.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef EXAMPLE_PLATFORM
#define EXAMPLE_PLATFORM "hikey960.json"
#endif

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 &&
	    !fseek(f, 0, SEEK_SET) && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	const char *file = EXAMPLE_PLATFORM;
	enum eas_kernel k = EAS_KERNEL_V6_19;
	unsigned long util = 180, prev = 0;
	struct eas_json_platform jp;
	struct eas_json_diag diag;
	struct eas_system sys = { 0 };
	struct eas_place_result res = { 0 };
	struct eas_place_candidate *cands;
	struct eas_rq *rq;
	struct eas_task p;
	struct eas_waker w;
	char msg[512], *buf;
	size_t len;
	int cpu;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--kernel") && i + 1 < argc) {
			if (eas_kernel_parse(argv[++i], &k)) {
				fprintf(stderr, "bad --kernel\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--util") && i + 1 < argc) {
			util = strtoul(argv[++i], NULL, 10);
		} else if (!strcmp(argv[i], "--prev") && i + 1 < argc) {
			prev = strtoul(argv[++i], NULL, 10);
		} else if (argv[i][0] != '-') {
			file = argv[i];
		} else {
			fprintf(stderr,
				"usage: %s [PLATFORM.json] [--kernel K] "
				"[--util U] [--prev CPU]\n",
				argv[0]);
			return 2;
		}
	}

	buf = read_all(file, &len);
	if (!buf) {
		fprintf(stderr, "%s: cannot read\n", file);
		return 1;
	}
	if (eas_json_platform_load(buf, len, k, 0, &jp, &diag)) {
		fprintf(stderr, "%s\n",
			eas_json_diag_format(&diag, file, msg, sizeof(msg)));
		free(buf);
		return 1;
	}
	free(buf);
	if (prev >= jp.pf.nr_cpus || util > 1024) {
		fprintf(stderr, "--prev must be a CPU, --util 0..1024\n");
		eas_json_platform_free(&jp);
		return 2;
	}

	/* one instant: every CPU's signals, the waking task counted in its
	 * previous CPU's (blocked) utilisation */
	rq = calloc(jp.pf.nr_cpus, sizeof(*rq));
	cands = calloc(EAS_PLACE_MAX_CANDIDATES(jp.pf.nr_pds), sizeof(*cands));
	if (!rq || !cands) {
		fprintf(stderr, "out of memory\n");
		return 1;
	}
	for (uint32_t c = 0; c < jp.pf.nr_cpus; c++) {
		eas_rq_init(&rq[c]);
		rq[c].util_avg = (60u * c) % 700u;
		if (rq[c].util_avg) {
			rq[c].nr_running = rq[c].h_nr_running = 1;
			rq[c].idle = false;
		}
	}
	rq[prev].util_avg += util;
	sys.pf = &jp.pf;
	sys.rq = rq;
	sys.features = eas_features_default(k);
	sys.rd_overutilized = EAS_RD_OU_UNKNOWN;

	eas_task_init(&p);
	p.util_avg = util;
	p.prev_cpu = (int32_t)prev;
	eas_waker_init(&w);
	w.cpu = (int32_t)prev;
	res.feec.candidates = cands;
	res.feec.max_candidates = EAS_PLACE_MAX_CANDIDATES(jp.pf.nr_pds);

	cpu = eas_select_task_rq_fair(&sys, &p, &w, EAS_WF_TTWU, &res);
	if (cpu < 0) {
		fprintf(stderr, "select_task_rq_fair: %s\n", eas_strerror(cpu));
		return 1;
	}
	printf("%s, kernel %s: task util %lu waking, prev CPU %lu\n", jp.name,
	       eas_kernel_name(k), util, prev);
	for (uint32_t c = 0; c < jp.pf.nr_cpus; c++)
		printf("  CPU %u: capacity %llu, util_avg %llu\n", (unsigned)c,
		       (unsigned long long)jp.pf.cpus[c].capacity,
		       (unsigned long long)rq[c].util_avg);
	printf("-> CPU %d via %s", cpu, eas_place_path_name(res.path));
	if (res.eas_entered)
		printf(" (feec: %s)", eas_feec_reason_name(res.feec.reason));
	printf("\n");
	if (res.eas_entered && res.feec.nr_candidates) {
		printf("  %-4s %-4s %14s %14s %14s %s\n", "CPU", "PD", "energy",
		       "base", "delta", "");
		for (uint32_t i = 0; i < res.feec.nr_candidates; i++) {
			const struct eas_place_candidate *c = &cands[i];
			printf("  %-4d %-4u %14llu %14llu %14llu %s\n",
			       (int)c->cpu, (unsigned)c->perf_domain,
			       (unsigned long long)c->energy,
			       (unsigned long long)c->base_energy,
			       (unsigned long long)c->delta,
			       c->is_prev ? "(prev)" : "");
		}
	}
	free(cands);
	free(rq);
	eas_json_platform_free(&jp);
	return 0;
}
