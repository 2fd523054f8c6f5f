/* SPDX-License-Identifier: MIT */
/*
 * The simulator's trace as a trace-cmd "trace.dat" file (format version 6,
 * trace-cmd.dat.v6(5)), which trace-cmd report and KernelShark read: the
 * initial magic, header_page / header_event descriptions of the ring
 * buffer, the format of each event the simulator emits (our own
 * descriptions of the kernel's field layouts: sched_switch, the wake-up
 * events, sched_migrate_task, cpu_frequency, cpu_idle, ftrace print for
 * the tracing_mark_write counters), one kallsyms entry for
 * tracing_mark_write, the pid -> comm table, then per CPU the events in
 * 4096-byte ring-buffer pages.
 *
 * The source is the text trace the simulator wrote (lib/sim/sim.c's
 * trace_vline(): a format this file controls), re-read per CPU; times
 * keep the text's microsecond resolution.
 */
#include "sim_internal.h"

#include <libeas/error.h>
#include <stdlib.h>
#include <string.h>

#define DAT_PAGE 4096u
#define DAT_PAGE_HDR 16u /* u64 timestamp, u64 commit */
#define DAT_TYPE_LEN_MAX 28u
#define DAT_TIME_EXTEND 30u
#define DAT_DELTA_BITS 27u
#define DAT_TRACING_MARK_WRITE_IP 0xffffffff81000000ull

enum dat_ev {
	DAT_PRINT = 5, /* ftrace's own print event */
	DAT_SWITCH = 300,
	DAT_WAKING,
	DAT_WAKEUP,
	DAT_WAKEUP_NEW,
	DAT_MIGRATE,
	DAT_CPU_FREQUENCY,
	DAT_CPU_IDLE,
};

/* a writer that counts what it wrote (offsets without seeking) */
struct dat_out {
	FILE *f;
	uint64_t pos;
	bool err;
};

static void w_bytes(struct dat_out *o, const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, o->f) != n)
		o->err = true;
	o->pos += n;
}

static void put_le(uint8_t *b, uint64_t v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * i));
}

static void w_le(struct dat_out *o, uint64_t v, unsigned n)
{
	uint8_t b[8];

	put_le(b, v, n);
	w_bytes(o, b, n);
}

static void w_str0(struct dat_out *o, const char *s)
{
	w_bytes(o, s, strlen(s) + 1);
}

/* a format file: 8-byte size, then the text */
static void w_sized(struct dat_out *o, const char *text, unsigned size_bytes)
{
	w_le(o, strlen(text), size_bytes);
	w_bytes(o, text, strlen(text));
}

#define COMMON_FIELDS                                                          \
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n" \
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n" \
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\t"    \
	"signed:0;\n"                                                          \
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"

#define WAKEUP_FORMAT(name, id)                                                \
	"name: " name "\nID: " id "\nformat:\n" COMMON_FIELDS                  \
	"\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"             \
	"\tfield:pid_t pid;\toffset:24;\tsize:4;\tsigned:1;\n"                 \
	"\tfield:int prio;\toffset:28;\tsize:4;\tsigned:1;\n"                  \
	"\tfield:int target_cpu;\toffset:32;\tsize:4;\tsigned:1;\n\n"          \
	"print fmt: \"comm=%s pid=%d prio=%d target_cpu=%03d\", REC->comm, "   \
	"REC->pid, REC->prio, REC->target_cpu\n"

#define CPU_FORMAT(name, id)                                                   \
	"name: " name "\nID: " id "\nformat:\n" COMMON_FIELDS                  \
	"\tfield:u32 state;\toffset:8;\tsize:4;\tsigned:0;\n"                  \
	"\tfield:u32 cpu_id;\toffset:12;\tsize:4;\tsigned:0;\n\n"              \
	"print fmt: \"state=%lu cpu_id=%lu\", (unsigned long)REC->state, "     \
	"(unsigned long)REC->cpu_id\n"

/* prev_state: 0 runnable, 0x1 S, 0x10 X; 0x100 (TASK_REPORT_MAX) marks
 * a preempted task, printed "R+" */
static const char fmt_switch[] =
	"name: sched_switch\nID: 300\nformat:\n" COMMON_FIELDS
	"\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
	"\tfield:pid_t prev_pid;\toffset:24;\tsize:4;\tsigned:1;\n"
	"\tfield:int prev_prio;\toffset:28;\tsize:4;\tsigned:1;\n"
	"\tfield:long prev_state;\toffset:32;\tsize:8;\tsigned:1;\n"
	"\tfield:char next_comm[16];\toffset:40;\tsize:16;\tsigned:0;\n"
	"\tfield:pid_t next_pid;\toffset:56;\tsize:4;\tsigned:1;\n"
	"\tfield:int next_prio;\toffset:60;\tsize:4;\tsigned:1;\n\n"
	"print fmt: \"prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s%s "
	"==> next_comm=%s next_pid=%d next_prio=%d\", REC->prev_comm, "
	"REC->prev_pid, REC->prev_prio, (REC->prev_state & 0xff) ? "
	"__print_flags(REC->prev_state & 0xff, \"|\", { 0x01, \"S\" }, "
	"{ 0x10, \"X\" }) : \"R\", REC->prev_state & 0x100 ? \"+\" : \"\", "
	"REC->next_comm, REC->next_pid, REC->next_prio\n";

static const char fmt_migrate[] =
	"name: sched_migrate_task\nID: 304\nformat:\n" COMMON_FIELDS
	"\tfield:char comm[16];\toffset:8;\tsize:16;\tsigned:0;\n"
	"\tfield:pid_t pid;\toffset:24;\tsize:4;\tsigned:1;\n"
	"\tfield:int prio;\toffset:28;\tsize:4;\tsigned:1;\n"
	"\tfield:int orig_cpu;\toffset:32;\tsize:4;\tsigned:1;\n"
	"\tfield:int dest_cpu;\toffset:36;\tsize:4;\tsigned:1;\n\n"
	"print fmt: \"comm=%s pid=%d prio=%d orig_cpu=%d dest_cpu=%d\", "
	"REC->comm, REC->pid, REC->prio, REC->orig_cpu, REC->dest_cpu\n";

static const char fmt_print[] =
	"name: print\nID: 5\nformat:\n" COMMON_FIELDS
	"\tfield:unsigned long ip;\toffset:8;\tsize:8;\tsigned:0;\n"
	"\tfield:char buf[];\toffset:16;\tsize:0;\tsigned:1;\n\n"
	"print fmt: \"%ps: %s\", REC->ip, REC->buf\n";

static const char *const fmt_sched[] = {
	fmt_switch,
	WAKEUP_FORMAT("sched_waking", "301"),
	WAKEUP_FORMAT("sched_wakeup", "302"),
	WAKEUP_FORMAT("sched_wakeup_new", "303"),
	fmt_migrate,
};

static const char *const fmt_power[] = {
	CPU_FORMAT("cpu_frequency", "305"),
	CPU_FORMAT("cpu_idle", "306"),
};

/* ---- reading back the text lines ------------------------------------- */

struct dat_rec {
	uint32_t cpu;
	uint64_t ts;
	uint8_t data[DAT_TYPE_LEN_MAX * 4];
	uint32_t len; /* multiple of 4 */
};

/* value of `key=` in f, up to `stop` (or the end), into out */
static bool field_str(const char *f, const char *key, const char *stop,
		      char *out, size_t outlen)
{
	const char *p = strstr(f, key), *e;
	size_t n;

	if (!p)
		return false;
	p += strlen(key);
	e = stop ? strstr(p, stop) : NULL;
	n = e ? (size_t)(e - p) : strlen(p);
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = 0;
	return true;
}

static int64_t field_int(const char *f, const char *key)
{
	const char *p = strstr(f, key);

	return p ? strtoll(p + strlen(key), NULL, 10) : 0;
}

static void put_comm(uint8_t *b, const char *s)
{
	size_t n = strlen(s);

	memset(b, 0, 16);
	memcpy(b, s, n > 15 ? 15 : n);
}

/*
 * One line of trace_vline()'s output:
 * "%16s-%-7d [%03u] d..2 %5llu.%06llu: EVENT: FIELDS". False for header
 * and unknown lines.
 */
static bool parse_line(char *line, struct dat_rec *r)
{
	char *br = strstr(line, " ["), *p, *ev, *f, *dash, *nl;
	char s1[32], s2[32];
	uint64_t sec, usec;
	int64_t pid;
	uint32_t type, off;

	if (line[0] == '#' || !br)
		return false;
	nl = strchr(line, '\n');
	if (nl)
		*nl = 0;
	*br = 0;
	for (p = br - 1; p > line && *p == ' '; p--)
		*p = 0;
	dash = strrchr(line, '-');
	if (!dash)
		return false;
	pid = strtoll(dash + 1, NULL, 10);
	r->cpu = (uint32_t)strtoul(br + 2, &p, 10);
	p = strstr(p, "] ");
	if (!p)
		return false;
	p += 2;
	while (*p && *p != ' ') /* the flags */
		p++;
	sec = strtoull(p, &p, 10);
	if (*p != '.')
		return false;
	usec = strtoull(p + 1, &p, 10);
	r->ts = sec * 1000000000ull + usec * 1000ull;
	if (strncmp(p, ": ", 2))
		return false;
	ev = p + 2;
	f = strstr(ev, ": ");
	if (!f)
		return false;
	*f = 0;
	f += 2;
	memset(r->data, 0, sizeof(r->data));
	if (!strcmp(ev, "sched_switch")) {
		int64_t st = 0;

		type = DAT_SWITCH;
		field_str(f, "prev_comm=", " prev_pid=", s1, sizeof(s1));
		put_comm(r->data + 8, s1);
		put_le(r->data + 24, (uint64_t)field_int(f, " prev_pid="), 4);
		put_le(r->data + 28, (uint64_t)field_int(f, " prev_prio="), 4);
		field_str(f, " prev_state=", " ==> ", s2, sizeof(s2));
		if (s2[0] == 'S')
			st = 0x1;
		else if (s2[0] == 'X')
			st = 0x10;
		if (strchr(s2, '+'))
			st |= 0x100;
		put_le(r->data + 32, (uint64_t)st, 8);
		field_str(f, " next_comm=", " next_pid=", s1, sizeof(s1));
		put_comm(r->data + 40, s1);
		put_le(r->data + 56, (uint64_t)field_int(f, " next_pid="), 4);
		put_le(r->data + 60, (uint64_t)field_int(f, " next_prio="), 4);
		r->len = 64;
	} else if (!strcmp(ev, "sched_waking") || !strcmp(ev, "sched_wakeup") ||
		   !strcmp(ev, "sched_wakeup_new")) {
		type = !strcmp(ev, "sched_waking") ? DAT_WAKING :
		       !strcmp(ev, "sched_wakeup") ? DAT_WAKEUP :
						     DAT_WAKEUP_NEW;
		field_str(f, "comm=", " pid=", s1, sizeof(s1));
		put_comm(r->data + 8, s1);
		put_le(r->data + 24, (uint64_t)field_int(f, " pid="), 4);
		put_le(r->data + 28, (uint64_t)field_int(f, " prio="), 4);
		put_le(r->data + 32, (uint64_t)field_int(f, " target_cpu="), 4);
		r->len = 36;
	} else if (!strcmp(ev, "sched_migrate_task")) {
		type = DAT_MIGRATE;
		field_str(f, "comm=", " pid=", s1, sizeof(s1));
		put_comm(r->data + 8, s1);
		put_le(r->data + 24, (uint64_t)field_int(f, " pid="), 4);
		put_le(r->data + 28, (uint64_t)field_int(f, " prio="), 4);
		put_le(r->data + 32, (uint64_t)field_int(f, " orig_cpu="), 4);
		put_le(r->data + 36, (uint64_t)field_int(f, " dest_cpu="), 4);
		r->len = 40;
	} else if (!strcmp(ev, "cpu_frequency") || !strcmp(ev, "cpu_idle")) {
		type = !strcmp(ev, "cpu_idle") ? DAT_CPU_IDLE :
						 DAT_CPU_FREQUENCY;
		put_le(r->data + 8, strtoull(f + strlen("state="), NULL, 10),
		       4);
		put_le(r->data + 12, (uint64_t)field_int(f, " cpu_id="), 4);
		r->len = 16;
	} else if (!strcmp(ev, "tracing_mark_write")) {
		size_t n = strlen(f);

		type = DAT_PRINT;
		put_le(r->data + 8, DAT_TRACING_MARK_WRITE_IP, 8);
		/* the kernel's buffer ends with the written newline */
		off = 16;
		if (n > sizeof(r->data) - off - 2)
			n = sizeof(r->data) - off - 2;
		memcpy(r->data + off, f, n);
		r->data[off + n] = '\n';
		r->len = (uint32_t)(off + n + 2 + 3) & ~3u;
	} else {
		return false;
	}
	put_le(r->data, type, 2);
	r->data[2] = 0x1; /* irqs off: the "d" of d..2 */
	r->data[3] = 2;	  /* preempt count */
	put_le(r->data + 4, (uint64_t)pid, 4);
	return true;
}

/* ---- ring-buffer pages ------------------------------------------------ */

struct dat_page {
	uint8_t b[DAT_PAGE];
	uint32_t used; /* bytes of data after the page header */
	uint64_t base, last;
	bool open;
};

static void page_flush(struct dat_out *o, struct dat_page *pg, uint64_t *pages)
{
	if (!pg->open)
		return;
	put_le(pg->b, pg->base, 8);
	put_le(pg->b + 8, pg->used, 8);
	memset(pg->b + DAT_PAGE_HDR + pg->used, 0,
	       DAT_PAGE - DAT_PAGE_HDR - pg->used);
	if (o)
		w_bytes(o, pg->b, DAT_PAGE);
	(*pages)++;
	pg->open = false;
}

/* Append r to cpu's page stream (o NULL: count pages only). */
static void page_add(struct dat_out *o, struct dat_page *pg,
		     const struct dat_rec *r, uint64_t *pages)
{
	uint64_t delta;
	uint32_t need;
	uint8_t *d;

	if (pg->open) {
		delta = r->ts - pg->last;
		need = 4 + r->len + (delta >> DAT_DELTA_BITS ? 8 : 0);
		if (pg->used + need > DAT_PAGE - DAT_PAGE_HDR)
			page_flush(o, pg, pages);
	}
	if (!pg->open) {
		pg->open = true;
		pg->used = 0;
		pg->base = pg->last = r->ts;
	}
	delta = r->ts - pg->last;
	d = pg->b + DAT_PAGE_HDR + pg->used;
	if (delta >> DAT_DELTA_BITS) {
		put_le(d,
		       DAT_TIME_EXTEND |
			       ((delta & ((1u << DAT_DELTA_BITS) - 1)) << 5),
		       4);
		put_le(d + 4, delta >> DAT_DELTA_BITS, 4);
		d += 8;
		pg->used += 8;
		delta = 0;
	}
	put_le(d, (r->len / 4) | (delta << 5), 4);
	memcpy(d + 4, r->data, r->len);
	pg->used += 4 + r->len;
	pg->last = r->ts;
}

/* cpu's events from the text, as pages (o NULL: count only). */
static uint64_t cpu_pages(FILE *text, uint32_t cpu, struct dat_out *o,
			  struct dat_page *p)
{
	char line[1024];
	struct dat_rec r;
	uint64_t pages = 0;

	p->open = false;
	rewind(text);
	while (fgets(line, sizeof(line), text))
		if (parse_line(line, &r) && r.cpu == cpu)
			page_add(o, p, &r, &pages);
	page_flush(o, p, &pages);
	return pages;
}

int eas__sim_write_trace_dat(const struct eas_sim *s, FILE *text, FILE *f)
{
	struct dat_out o = { f, 0, false };
	uint64_t *pages = calloc(s->nr_cpus, sizeof(uint64_t));
	struct dat_page *pg = malloc(sizeof(*pg));
	uint64_t data;
	uint32_t i;
	char line[128];
	static const char header_page[] =
		"\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
		"\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
		"\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
		"\tfield: char data;\toffset:16;\tsize:4080;\tsigned:1;\n";
	static const char header_event[] = "# compressed entry header\n"
					   "\ttype_len    :    5 bits\n"
					   "\ttime_delta  :   27 bits\n"
					   "\tarray       :   32 bits\n\n"
					   "\tpadding     : type == 29\n"
					   "\ttime_extend : type == 30\n"
					   "\ttime_stamp : type == 31\n"
					   "\tdata max type_len  == 28\n";
	static const char kallsyms[] =
		"ffffffff81000000 T tracing_mark_write\n";

	if (!pages || !pg) {
		free(pages);
		free(pg);
		return EAS_ENOMEM;
	}
	for (i = 0; i < s->nr_cpus; i++)
		pages[i] = cpu_pages(text, i, NULL, pg);
	w_bytes(&o, "\x17\x08\x44tracing", 10);
	w_str0(&o, "6");
	w_le(&o, 0, 1); /* little endian */
	w_le(&o, 8, 1); /* long size */
	w_le(&o, DAT_PAGE, 4);
	w_str0(&o, "header_page");
	w_sized(&o, header_page, 8);
	w_str0(&o, "header_event");
	w_sized(&o, header_event, 8);
	w_le(&o, 1, 4); /* ftrace event formats */
	w_sized(&o, fmt_print, 8);
	w_le(&o, 2, 4); /* event systems */
	w_str0(&o, "sched");
	w_le(&o, sizeof(fmt_sched) / sizeof(fmt_sched[0]), 4);
	for (i = 0; i < sizeof(fmt_sched) / sizeof(fmt_sched[0]); i++)
		w_sized(&o, fmt_sched[i], 8);
	w_str0(&o, "power");
	w_le(&o, sizeof(fmt_power) / sizeof(fmt_power[0]), 4);
	for (i = 0; i < sizeof(fmt_power) / sizeof(fmt_power[0]); i++)
		w_sized(&o, fmt_power[i], 8);
	w_sized(&o, kallsyms, 4);
	w_le(&o, 0, 4); /* trace_printk formats */
	/* saved_cmdlines: "pid comm" */
	{
		uint64_t n = 0;

		snprintf(line, sizeof(line), "%u libeas-counters\n", 900u);
		n += strlen(line);
		for (i = 0; i < s->nr_tasks; i++) {
			snprintf(line, sizeof(line), "%u %s\n", s->tasks[i].pid,
				 s->tasks[i].comm);
			n += strlen(line);
		}
		w_le(&o, n, 8);
		snprintf(line, sizeof(line), "%u libeas-counters\n", 900u);
		w_bytes(&o, line, strlen(line));
		for (i = 0; i < s->nr_tasks; i++) {
			snprintf(line, sizeof(line), "%u %s\n", s->tasks[i].pid,
				 s->tasks[i].comm);
			w_bytes(&o, line, strlen(line));
		}
	}
	w_le(&o, s->nr_cpus, 4);
	w_bytes(&o, "flyrecord", 10);
	data = o.pos + (uint64_t)s->nr_cpus * 16;
	data = (data + DAT_PAGE - 1) / DAT_PAGE * DAT_PAGE;
	{
		uint64_t off = data;

		for (i = 0; i < s->nr_cpus; i++) {
			w_le(&o, off, 8);
			w_le(&o, pages[i] * DAT_PAGE, 8);
			off += pages[i] * DAT_PAGE;
		}
	}
	while (o.pos < data)
		w_le(&o, 0, 1);
	for (i = 0; i < s->nr_cpus; i++)
		cpu_pages(text, i, &o, pg);
	free(pages);
	free(pg);
	return o.err ? EAS_EIO : 0;
}
