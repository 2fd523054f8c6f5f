#!/usr/bin/env python3
"""Writes workload.json, platform.json, expected*.json of every dl-blind case.
The switch lists are typed in by hand from the derivations in each README.md
(times in us here, written in ns)."""
import json, os, copy

HERE = os.path.dirname(os.path.abspath(__file__))

PLATFORM = {
    "format": "libeas-platform/1",
    "name": "up1-dl",
    "notes": ["One CPU, capacity 1024, one OPP (frequency never changes, so rt-app run N = N us of CPU time)."],
    "cpus": [{"cpu": 0}],
    "perf_domains": [{"cpus": [0], "states": [{"frequency_khz": 1000000, "power_uw": 100000}]}],
}

COMMON = [
    "platform: 1 CPU (platform.json), capacity 1024, a single OPP: run N = exactly N us of CPU time; DL runtime is charged 1:1 (update_curr_dl: cap_scale(delta, 1024) twice = delta); no SCHED_FLAG_RECLAIM (no GRUB), no DL_OVERRUN flag, no PI boosting",
    "HZ=250: scheduler tick at every multiple of 4,000,000 ns (first at 4 ms); no HRTICK for DL (6.19: sched_feat HRTICK_DL and HRTICK both default false; 5.4: HRTICK false, so hrtick_enabled() is false): a DL task's runtime exhaustion is only noticed by update_curr_dl() at a tick, at its dequeue (block/exit) or when it is switched out",
    "context switches, wake-ups, timer callbacks and rt-app bookkeeping cost 0 ns; a resched is acted on at the same instant",
    "threads start at t = delay (0 if absent) in file order; a SCHED_DEADLINE thread is DEADLINE from its first enqueue (the simulator's 'properties applied at thread start'): absolute deadline = start + dl-deadline, runtime = dl-runtime (setup_new_dl_entity(), or update_dl_entity() with the initial deadline 0 in the past: same values)",
    "rt-app sched data: dl-runtime/dl-period/dl-deadline in us (x1000 to ns, parse_sched_data()); period defaults to runtime, deadline to period",
    "a sleep of N us wakes the thread exactly N us after it blocked; the DL replenishment hrtimer (dl_task_timer) fires exactly at its expiry dl_next_period() = deadline - dl_deadline + dl_period",
    "CFS side: one always-running nice-0 hog in the root cfs_rq; with a single CFS task its tick and pick never cause a switch",
    "v6.19 fair server (dl_server, 50 ms / 1000 ms, dl_defer=1): started at the hog's first enqueue, it is immediately throttled with dl_defer_armed and its zero-laxity timer at deadline - runtime >= start + 950 ms, so within these <= 50 ms timelines it is never on the dl_rq and changes nothing (its runtime is only charged in the background by the hog's own execution)",
    "RT bandwidth (sched_rt_runtime 950 ms / 1 s) is never exhausted within 50 ms",
    "1 CPU: a task's nr_cpus_allowed == 1, so check_preempt_equal_dl() never reschedules on an equal deadline (no push/pull)",
    "switches list every change of the task on the CPU with t_ns <= until_ns (idle included); a pick that re-selects the running task is not a switch",
]

def us(x):
    """us -> ns"""
    return int(round(x * 1000))

def ms(x):
    """ms -> ns"""
    return int(round(x * 1000000))

def sw(lst):
    out = []
    for t, p, n in lst:
        out.append({"t_ns": ms(t), "prev": p, "next": n})
    return out

HOG = {"loop": -1, "run": 100000}

def wl(tasks):
    return {"global": {"duration": 1, "calibration": "CPU0", "default_policy": "SCHED_OTHER"}, "tasks": tasks}

def dl(rt, per, dl_=None, **ev):
    t = {"policy": "SCHED_DEADLINE", "dl-runtime": rt, "dl-period": per}
    if dl_ is not None:
        t["dl-deadline"] = dl_
    t.update(ev)
    return t




CASES = {}

# 1 ------------------------------------------------------------------
s = [(0, "idle", "hog")]
t = 1.2
while t <= 48:
    s.append((t, "hog", "dl"))
    s.append((t + 2, "dl", "hog"))
    t += 7
s = [x for x in s if x[0] <= 48]
CASES["dl-preempt-cfs"] = dict(
    workload=wl({"hog": dict(HOG), "dl": dl(3000, 10000, delay=1200, loop=-1, run=2000, sleep=5000)}),
    extra=["case: DL task (Q=3 ms, D=P=10 ms) starting at 1.2 ms and waking every 7 ms preempts the CFS hog at once (wakeup_preempt(): DL class above fair)"],
    switches=s, until=48000)

# 2 ------------------------------------------------------------------
CASES["cbs-throttle"] = dict(
    workload=wl({"dl": dl(3000, 10000, loop=-1, run=5300, sleep=8000), "hog": dict(HOG)}),
    extra=["case: run 5.3 ms > runtime 3 ms: throttled at the 4 ms tick (runtime -1 ms), replenished at 10 ms with the overrun carried (runtime 2 ms, deadline 20 ms); throttled again at the 24 ms tick and at its 43.2 ms block"],
    switches=[(0, "idle", "dl"), (4, "dl", "hog"), (10, "hog", "dl"), (11.3, "dl", "hog"),
              (19.3, "hog", "dl"), (24, "dl", "hog"), (29.3, "hog", "dl"), (29.9, "dl", "hog"),
              (37.9, "hog", "dl"), (43.2, "dl", "hog")],
    until=50000)

# 3 ------------------------------------------------------------------
CASES["edf-tie"] = dict(
    workload=wl({"A": dl(4000, 21000, loop=-1, run=3000, sleep=16000),
                 "B": dl(2000, 19000, delay=2000, loop=-1, run=1500, sleep=9200),
                 "hog": dict(HOG)}),
    extra=["case: two DL tasks in EDF order; equal absolute deadlines never preempt the running DL task (dl_entity_preempt() is strict: at 2 ms B 21 = A 21, at 40 ms B 59 = A 59); throttle at dequeue, replenishment of a sleeping task by the timer, wake-up of a throttled task that stays off the dl_rq",
           "event tie at 40 ms: the tick (A running) and B's replenishment timer; either order gives the same result (no switch)"],
    switches=[(0, "idle", "A"), (3, "A", "B"), (4.5, "B", "hog"), (13.7, "hog", "B"), (15.2, "B", "hog"),
              (19, "hog", "A"), (22, "A", "hog"), (24.4, "hog", "B"), (25.9, "B", "hog"),
              (38, "hog", "A"), (41, "A", "B"), (42.5, "B", "hog")],
    until=50000)

# 4 ------------------------------------------------------------------
s = [(0, "idle", "R")]
# derived by hand (README): D wakes at 0.3 + 7k, R runs 4 ms then sleeps 1.1 ms
s += [(0.3, "R", "D"), (1.8, "D", "R"), (5.5, "R", "hog"), (6.6, "hog", "R"),
      (7.3, "R", "D"), (8.8, "D", "R"), (12.1, "R", "hog"), (13.2, "hog", "R"),
      (14.3, "R", "D"), (15.8, "D", "R"), (18.7, "R", "hog"), (19.8, "hog", "R"),
      (21.3, "R", "D"), (22.8, "D", "R"), (25.3, "R", "hog"), (26.4, "hog", "R"),
      (28.3, "R", "D"), (29.8, "D", "R"), (31.9, "R", "hog"), (33.0, "hog", "R"),
      (35.3, "R", "D"), (36.8, "D", "R"), (38.5, "R", "hog"), (39.6, "hog", "R"),
      (42.3, "R", "D"), (43.8, "D", "R"), (45.1, "R", "hog"), (46.2, "hog", "R"),
      (49.3, "R", "D")]
CASES["dl-vs-fifo"] = dict(
    workload=wl({"D": dl(2000, 8000, delay=300, loop=-1, run=1500, sleep=5500),
                 "R": {"policy": "SCHED_FIFO", "priority": 10, "loop": -1, "run": 4000, "sleep": 1100},
                 "hog": dict(HOG)}),
    extra=["case: a DL task preempts a running SCHED_FIFO task at every wake-up (DL class above RT) and the FIFO task resumes its run afterwards; the hog runs only while both sleep"],
    switches=s, until=50000)

# 5 ------------------------------------------------------------------
CASES["constrained-wakeup"] = dict(
    workload=wl({"hog": dict(HOG),
                 "D": {"policy": "SCHED_DEADLINE", "dl-runtime": 2000, "dl-period": 10000, "dl-deadline": 4000,
                       "delay": 300, "loop": 1,
                       "phases": {"p1": {"loop": 1, "run": 800, "sleep": 4000},
                                  "p2": {"loop": -1, "run": 800, "sleep": 2000}}}}),
    extra=["case: constrained deadline (Q=2 ms, D=4 ms, P=10 ms): a wake-up after the deadline but before the next period is throttled to the next period (dl_check_constrained_dl()); a wake-up before the deadline with overflow keeps the deadline and gets runtime = dl_density x laxity (update_dl_revised_wakeup(), 0.6 ms), so the 0.8 ms run overruns and throttles at its dequeue"],
    switches=[(0, "idle", "hog"), (0.3, "hog", "D"), (1.1, "D", "hog"),
              (10.3, "hog", "D"), (11.1, "D", "hog"), (13.1, "hog", "D"), (13.9, "D", "hog"),
              (20.3, "hog", "D"), (21.1, "D", "hog"), (23.1, "hog", "D"), (23.9, "D", "hog"),
              (30.3, "hog", "D"), (31.1, "D", "hog"), (33.1, "hog", "D"), (33.9, "D", "hog"),
              (40.3, "hog", "D"), (41.1, "D", "hog"), (43.1, "hog", "D"), (43.9, "D", "hog")],
    until=50000)

# admission ------------------------------------------------------------
def adm(name, dlthread, refused619, refused54=None, sw54=None, until54=None, note=""):
    CASES[name] = dict(workload=wl({"dl": dlthread, "hog": dict(HOG)}), refused=refused619,
                       refused54=refused54, sw54=sw54, until54=until54, extra=[note] if note else [])

adm("adm-runtime-min", dl(1, 1000, loop=-1, run=1, sleep=999),
    "refused: runtime < 1024 ns", "refused: runtime < 1024 ns")
adm("adm-runtime-gt-deadline", dl(3000, 10000, 2000, loop=-1, run=1000, sleep=9000),
    "refused: runtime > deadline", "refused: runtime > deadline")
adm("adm-deadline-gt-period", dl(1000, 5000, 8000, loop=-1, run=500, sleep=4500),
    "refused: deadline > period", "refused: deadline > period")
adm("adm-period-min", dl(20, 50, loop=1, run=10),
    "refused: period < 100 us", None, [(0, "idle", "dl"), (0.01, "dl", "hog")], 3000,
    "case: runtime 20 us, period 50 us (40 %): 6.19 refuses the period below sysctl_sched_dl_period_min (100 us); 5.4 has no period bounds and runs it")
adm("adm-bw-95", dl(9600, 10000, loop=-1, run=5000, sleep=5000),
    "refused: bandwidth > 95% of the CPU", "refused: bandwidth > 95% of the CPU")
adm("adm-fair-server-bw", dl(9100, 10000, loop=-1, run=5000, sleep=5100),
    "refused: bandwidth > 95% of the CPU (fair server 5% counted)", None,
    [(0, "idle", "dl"), (5, "dl", "hog"), (10.1, "hog", "dl"), (15.1, "dl", "hog"),
     (20.2, "hog", "dl"), (25.2, "dl", "hog"), (30.3, "hog", "dl"), (35.3, "dl", "hog"),
     (40.4, "hog", "dl"), (45.4, "dl", "hog")], 50000,
    "case: 91 % (9.1 ms / 10 ms): 5.4 admits it (954204 <= 996147); 6.19 refuses it because the fair server's 52428 is already in total_bw (52428 + 954204 = 1006632 > 996147)")

def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")

for name, c in CASES.items():
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    dump(os.path.join(d, "workload.json"), c["workload"])
    dump(os.path.join(d, "platform.json"), PLATFORM)
    if "refused" in c:
        dump(os.path.join(d, "expected.json"), {"refused": c["refused"]})
        if c["refused54"]:
            pass  # same as 6.19: no expected-v5.4.json
        else:
            a = ["flavour v5.4"] + COMMON + c["extra"]
            a = [x for x in a if not x.startswith("v6.19 fair server")]
            dump(os.path.join(d, "expected-v5.4.json"),
                 {"flavour": "v5.4", "assumptions": a[1:], "switches": sw(c["sw54"]), "until_ns": us(c["until54"])})
    else:
        dump(os.path.join(d, "expected.json"),
             {"flavour": "v6.19", "assumptions": COMMON + c["extra"], "switches": sw(c["switches"]), "until_ns": us(c["until"])})
print("ok", len(CASES))
