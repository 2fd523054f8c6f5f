#!/usr/bin/env python3
"""Writes workload.json, platform.json, expected.json (and expected-v7.1.json where
7.1.3 differs) and derivation.log for every case directory holding derive-input.json."""
import json, os, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
PLATFORM = {
    "format": "libeas-platform/1",
    "name": "up1-eevdf",
    "notes": ["One CPU, capacity 1024, one OPP (frequency never changes, so rt-app run N = N us of CPU time)."],
    "cpus": [{"cpu": 0}],
    "perf_domains": [{"cpus": [0], "states": [{"frequency_khz": 1000000, "power_uw": 100000}]}]
}
COMMON = [
    "platform: 1 CPU (platform.json), capacity 1024, a single OPP: run N = exactly N us of CPU time; no frequency changes",
    "HZ=250: scheduler tick at every multiple of 4,000,000 ns (the first at 4 ms; a tick at t=0 would be a no-op: delta_exec 0); TICK_NSEC = 4,000,000",
    "no HRTICK (sched_feat HRTICK off, the 6.19 default): slice expiry is only noticed at ticks, wake-ups, blocks and yields",
    "sysctl_sched_base_slice = 700,000 ns (fair.c: 700000ULL; 0.7 ms x factor 1: SCHED_TUNABLESCALING_LOG with 1 CPU gives 1 + ilog2(1) = 1)",
    "default features of 6.19: PLACE_LAG, PLACE_DEADLINE_INITIAL, PLACE_REL_DEADLINE, RUN_TO_PARITY, PREEMPT_SHORT, PICK_BUDDY, DELAY_DEQUEUE, DELAY_ZERO, WAKEUP_PREEMPTION on; NEXT_BUDDY off",
    "context switches, wake-ups and rt-app bookkeeping cost 0 ns; a resched is acted on at the same instant (user-space tasks: lazy and non-lazy resched both switch on the return to user)",
    "flat hierarchy: all threads in the root cfs_rq (no autogroup / cgroup), no RT or DL tasks (the fair dl_server never runs), no other load (no kthreads, no IRQ time)",
    "threads start at t=0 in file order; each start is wake_up_new_task(): enqueue with ENQUEUE_INITIAL (vlag 0, half a slice to the first deadline) then the WF_FORK preemption check; the rt-app main thread is not modelled, and each thread's nice / custom slice is already in force at that first enqueue (no later sched_setattr() re-weighting)",
    "a sleep of N us wakes the thread exactly N us after it blocked (no timer slack); a wake-up is try_to_wake_up() with WF_TTWU on this CPU",
    "the cfs_rq starts with zero_vruntime = -2^20 (init_cfs_rq); all vruntimes/deadlines in the README are printed minus that value",
    "switches list every change of the task on the CPU with t_ns <= until_ns (idle included); a pick that re-selects the running task is not a switch",
]

def run(case, ver, log=False):
    args = [sys.executable, os.path.join(HERE, 'derive.py'), case, ver] + (['--log'] if log else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().split('\n')
    return out[:-1], json.loads(out[-1])

def main():
    for case in sorted(os.listdir(HERE)):
        d = os.path.join(HERE, case)
        if not os.path.isfile(os.path.join(d, 'derive-input.json')):
            continue
        inp = json.load(open(os.path.join(d, 'derive-input.json')))
        json.dump(PLATFORM, open(os.path.join(d, 'platform.json'), 'w'), indent=2); open(os.path.join(d, 'platform.json'), 'a').write('\n')
        extra = inp.get('assumptions', [])
        log6, sw6 = run(d, 'v6.19', True)
        log7, sw7 = run(d, 'v7.1', True)
        exp = {"flavour": "v6.19", "assumptions": COMMON + extra, "switches": sw6, "until_ns": inp['until_ns']}
        with open(os.path.join(d, 'expected.json'), 'w') as f:
            json.dump(exp, f, indent=1); f.write('\n')
        p7 = os.path.join(d, 'expected-v7.1.json')
        if sw7 != sw6:
            e7 = {"flavour": "v7.1", "assumptions": COMMON + extra + [
                "Linux 7.1.3 fair.c EEVDF rules (see README), with HRTICK off (7.1 turns HRTICK on by default when CONFIG_HRTIMER_REARM_DEFERRED=y; that is NOT assumed here)"],
                "switches": sw7, "until_ns": inp['until_ns']}
            with open(p7, 'w') as f:
                json.dump(e7, f, indent=1); f.write('\n')
        elif os.path.exists(p7):
            os.remove(p7)
        with open(os.path.join(d, 'derivation-v6.19.log'), 'w') as f:
            f.write('\n'.join(l for l in log6 if 'tick: task_tick_fair' not in l) + '\n')
        if sw7 != sw6:
            with open(os.path.join(d, 'derivation-v7.1.log'), 'w') as f:
                f.write('\n'.join(l for l in log7 if 'tick: task_tick_fair' not in l) + '\n')
        print(case, len(sw6), 'switches', '(7.1 differs)' if sw7 != sw6 else '')

main()
