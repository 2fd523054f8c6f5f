/* SPDX-License-Identifier: MIT */
/*
 * Placement policies in the simulator (<libeas/policy.h>, docs/policy.md):
 * the built-in "eas" and "no-eas", plugin loading (dlopen), and the one
 * placement call the simulator makes for a CFS wake-up, fork or exec,
 * with the kernel's select_task_rq() check of the answer
 * (is_cpu_allowed(), select_fallback_rq()) and the decision log.
 */
#define _POSIX_C_SOURCE 200809L /* dlopen() */
#include "sim_internal.h"

#include <libeas/error.h>
#include <libeas/policy.h>

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- built-in policies --------------------------------------------------- */

/* Both built-ins are select_task_rq_fair(); "no-eas" differs in the
 * system the simulator hands it (sched_energy_aware off, cfg.no_eas). */
static int builtin_select(void *ctx, const struct eas_system *sys,
			  struct eas_task *p, struct eas_waker *w,
			  uint32_t wake_flags, struct eas_place_result *res)
{
	(void)ctx;
	return eas_select_task_rq_fair(sys, p, w, wake_flags, res);
}

static const struct eas_policy builtin_eas = { EAS_POLICY_ABI, "eas", NULL,
					       builtin_select };
static const struct eas_policy builtin_no_eas = { EAS_POLICY_ABI, "no-eas",
						  NULL, builtin_select };

const struct eas_policy *eas_policy_builtin(const char *name)
{
	if (!name)
		return NULL;
	if (!strcmp(name, "eas"))
		return &builtin_eas;
	if (!strcmp(name, "no-eas"))
		return &builtin_no_eas;
	return NULL;
}

/* ---- plugins ------------------------------------------------------------- */

static const struct eas_policy *load_fail(void *h, int *err, int code,
					  char *errbuf, size_t errlen,
					  const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static const struct eas_policy *load_fail(void *h, int *err, int code,
					  char *errbuf, size_t errlen,
					  const char *fmt, ...)
{
	va_list ap;

	if (err)
		*err = code;
	/* before dlclose(): the arguments may point into the plugin */
	if (errbuf && errlen) {
		va_start(ap, fmt);
		vsnprintf(errbuf, errlen, fmt, ap);
		va_end(ap);
	}
	if (h)
		dlclose(h);
	return NULL;
}

const struct eas_policy *eas_policy_load(const char *spec, void **handle,
					 int *err, char *errbuf, size_t errlen)
{
	const struct eas_policy *pol;
	eas_policy_entry_fn entry;
	struct stat stb;
	void *h, *sym;
	char *path;
	const char *dle;

	if (handle)
		*handle = NULL;
	if (err)
		*err = 0;
	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (!spec || !handle)
		return load_fail(NULL, err, EAS_EINVAL, errbuf, errlen,
				 "no policy given");
	pol = eas_policy_builtin(spec);
	if (pol)
		return pol;
	if (!*spec)
		return load_fail(NULL, err, EAS_EINVAL, errbuf, errlen,
				 "empty policy name (expected eas, no-eas or "
				 "the path of a plugin .so)");
	/* a file that is not there gets the plain error, not dlopen()'s
	 * library-path wording */
	if (stat(spec, &stb))
		return load_fail(NULL, err, EAS_EIO, errbuf, errlen,
				 "policy plugin %s: %s (expected eas, no-eas "
				 "or the path of a plugin .so)",
				 spec, strerror(errno));
	/* dlopen() searches the library path for a name without '/' */
	path = malloc(strlen(spec) + 3);
	if (!path)
		return load_fail(NULL, err, EAS_ENOMEM, errbuf, errlen,
				 "out of memory");
	strcpy(path, strchr(spec, '/') ? "" : "./");
	strcat(path, spec);
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	free(path);
	if (!h) {
		dle = dlerror();
		return load_fail(NULL, err, EAS_EIO, errbuf, errlen,
				 "policy plugin %s: cannot load: %s", spec,
				 dle ? dle : "unknown dlopen() error");
	}
	dlerror();
	sym = dlsym(h, EAS_POLICY_ENTRY_SYMBOL);
	if (!sym)
		return load_fail(h, err, EAS_EFORMAT, errbuf, errlen,
				 "policy plugin %s: no symbol %s (a plugin "
				 "exports const struct eas_policy "
				 "*eas_policy_entry(void), <libeas/policy.h>)",
				 spec, EAS_POLICY_ENTRY_SYMBOL);
	/* POSIX: a dlsym() result converts to a function pointer */
	memcpy(&entry, &sym, sizeof(entry));
	pol = entry();
	if (!pol)
		return load_fail(h, err, EAS_EFORMAT, errbuf, errlen,
				 "policy plugin %s: %s() returned NULL", spec,
				 EAS_POLICY_ENTRY_SYMBOL);
	if (pol->abi != EAS_POLICY_ABI)
		return load_fail(h, err, EAS_EFORMAT, errbuf, errlen,
				 "policy plugin %s: policy ABI %u, expected %u "
				 "(EAS_POLICY_ABI of this libeas): rebuild it "
				 "against this <libeas/policy.h>",
				 spec, (unsigned)pol->abi,
				 (unsigned)EAS_POLICY_ABI);
	if (!pol->name || !*pol->name)
		return load_fail(h, err, EAS_EFORMAT, errbuf, errlen,
				 "policy plugin %s: the policy has no name "
				 "(struct eas_policy.name is %s)",
				 spec, pol->name ? "empty" : "NULL");
	if (!pol->select_task_rq)
		return load_fail(h, err, EAS_EFORMAT, errbuf, errlen,
				 "policy plugin %s: policy \"%s\": "
				 "select_task_rq is NULL (it is required)",
				 spec, pol->name);
	*handle = h;
	return pol;
}

void eas_policy_unload(void *handle)
{
	if (handle)
		dlclose(handle);
}

/* ---- the placement call -------------------------------------------------- */

const char *eas__sim_policy_name(const struct eas_sim *s)
{
	if (s->cfg.policy)
		return s->cfg.policy->name ? s->cfg.policy->name : "";
	return s->cfg.no_eas ? "no-eas" : "eas";
}

static void log_str(FILE *f, const char *str)
{
	fputc('"', f);
	for (; *str; str++) {
		unsigned char ch = (unsigned char)*str;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static const char *path_name(enum eas_place_path p)
{
	return p == EAS_PATH_POLICY ? "policy" : eas_place_path_name(p);
}

/* The energy estimate of p on cpu (eas_placement_energy()), null when
 * cpu is not a CPU (an error answer of eas_cpu). */
static void log_energy(FILE *f, const struct eas_system *sys,
		       const struct eas_task *p, int cpu)
{
	if (cpu < 0 || (uint32_t)cpu >= sys->pf->nr_cpus)
		fputs("null", f);
	else
		fprintf(f, "%llu",
			(unsigned long long)eas_placement_energy(sys, p, cpu));
}

int eas__sim_place(struct eas_sim *s, const struct eas_system *sys,
		   const struct sim_task *t, struct eas_task *p,
		   struct eas_waker *w, uint32_t wake_flags,
		   struct eas_place_result *res)
{
	const struct eas_policy *pol = s->cfg.policy;
	struct eas_task p0 = *p;
	struct eas_waker w0 = *w;
	struct eas_place_result eres;
	struct eas_system esys;
	int answer, cpu, eas_cpu;
	bool fallback;
	FILE *f = s->cfg.decisions;

	memset(res, 0, sizeof(*res));
	res->path = EAS_PATH_POLICY;
	if (!pol)
		answer = eas_select_task_rq_fair(sys, p, w, wake_flags, res);
	else
		answer = pol->select_task_rq(pol->ctx, sys, p, w, wake_flags,
					     res);
	/* select_task_rq(): if (!is_cpu_allowed(p, cpu)) cpu =
	 * select_fallback_rq(task_cpu(p), p) — on the task as it was
	 * handed to the policy */
	fallback = !eas_is_cpu_allowed(sys, &p0, answer);
	cpu = fallback ? eas_select_fallback_rq(sys, &p0) : answer;
	if (fallback)
		s->policy_fallbacks++;
	if (f) {
		/* what the flavour's EAS chooses on the same inputs, with
		 * sched_energy_aware on; on copies, so that nothing of the
		 * run changes */
		esys = *sys;
		if (esys.features)
			esys.features |= EAS_FEAT_ENERGY_AWARE;
		if ((!pol || pol == eas_policy_builtin("eas")) &&
		    esys.features == sys->features) {
			eas_cpu = answer;
			eres = *res;
		} else {
			struct eas_task pc = p0;
			struct eas_waker wc = w0;

			memset(&eres, 0, sizeof(eres));
			eres.path = EAS_PATH_POLICY;
			eas_cpu = eas_select_task_rq_fair(&esys, &pc, &wc,
							  wake_flags, &eres);
		}
		fprintf(f, "{\"time_ns\": %llu, \"task\": ",
			(unsigned long long)s->now);
		log_str(f, t->comm);
		fprintf(f,
			", \"pid\": %u, \"wake\": \"%s\", \"sync\": %s, "
			"\"prev_cpu\": %d, \"waker_cpu\": %d, \"policy\": ",
			t->pid,
			(wake_flags & EAS_WF_FORK) ? "fork" :
			(wake_flags & EAS_WF_EXEC) ? "exec" :
						     "wakeup",
			(wake_flags & EAS_WF_SYNC) ? "true" : "false",
			p0.prev_cpu, w0.cpu);
		log_str(f, eas__sim_policy_name(s));
		fprintf(f,
			", \"answer\": %d, \"cpu\": %d, \"path\": \"%s\", "
			"\"fallback\": %s, \"eas_cpu\": %d, \"eas_path\": "
			"\"%s\", \"energy\": ",
			answer, cpu,
			fallback ? "fallback" : path_name(res->path),
			fallback ? "true" : "false", eas_cpu,
			eas_cpu < 0 ? "error" : path_name(eres.path));
		log_energy(f, &esys, &p0, cpu);
		fputs(", \"eas_energy\": ", f);
		log_energy(f, &esys, &p0, eas_cpu);
		fputs("}\n", f);
	}
	if (fallback)
		res->path = EAS_PATH_POLICY;
	return cpu;
}
