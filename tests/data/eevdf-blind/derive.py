#!/usr/bin/env python3
"""Hand-derivation helper for the eevdf-blind cases (written for this directory,
not part of libeas).  It re-states, in a few lines of Python, the rules of the
Linux 6.19 / 7.1.3 EEVDF fair class for ONE CPU, no cgroups, no RT, and prints
every decision with its numbers so that the README of each case can show them.
The kernel's semantics were read from kernel/sched/fair.c (function names are
cited in the log lines); no kernel text is copied.

usage: derive.py CASE [v6.19|v7.1]   (CASE = a directory name below)
"""
import json, sys

TICK = 4_000_000            # HZ=250 -> TICK_NSEC
BASE_SLICE = 700_000        # sysctl_sched_base_slice, factor 1 for 1 CPU
NORM_BASE_SLICE = 700_000   # normalized_sysctl_sched_base_slice (factor 1)
WEIGHT = {-5: 3121, -2: 1586, -1: 1277, 0: 1024, 1: 820, 2: 655, 3: 526, 4: 423, 5: 335, 10: 110}
WMULT = {-5: 1376151, -2: 2708050, -1: 3363326, 0: 4194304, 1: 5237765, 2: 6557202,
         3: 8165337, 4: 10153587, 5: 12820798, 10: 39045157}

def tdiv(a, b):             # div_s64 / div64_long: truncation toward zero
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q

class Task:
    def __init__(s, name, nice, slice_ns, prog, start, loop):
        s.name, s.nice = name, nice
        s.w, s.wmult = WEIGHT[nice], WMULT[nice]
        s.custom = slice_ns is not None
        s.slice = slice_ns if s.custom else BASE_SLICE
        s.prog, s.loop, s.start = prog, loop, start
        s.pc, s.iter = 0, 0
        s.v = s.deadline = s.vlag = s.vprot = 0
        s.on_rq = s.delayed = False
        s.exec_start = 0
        s.remaining = 0          # ns of work left in the current run event
        s.done = False

def cdf(delta, t):          # calc_delta_fair() / __calc_delta()
    if t.w == 1024:
        return delta
    fact, shift = 1024 * t.wmult, 32
    hi = fact >> 32
    if hi:
        fs = hi.bit_length(); shift -= fs; fact >>= fs
    return (delta * fact) >> shift

class Sim:
    def __init__(s, tasks, ver, feats, until):
        s.tasks, s.ver, s.f, s.until = tasks, ver, feats, until
        s.tree = []              # sorted by deadline, equal keys: later insert to the right
        s.sum = 0; s.load = 0
        s.zero = -(1 << 20)      # init_cfs_rq(): zero_vruntime = -(1<<20)
        s.curr = None            # cfs_rq->curr (fair entity) ; None with idle
        s.running = None         # task on the CPU (None = idle)
        s.nr = 0                 # cfs_rq->nr_queued
        s.need = False
        s.now = 0
        s.switches = []; s.log = []
        s.wakes = []             # (t, seq, task, kind)
        s.seq = 0

    # ---- logging
    def L(s, msg):
        s.log.append(f"[{s.now:>10}] {msg}")
    def st(s, t):
        e = 'E' if s.eligible(t.v) else 'not-E'
        extra = ' delayed' if t.delayed else ''
        return f"{t.name}(v={t.v - s.base}, d={t.deadline - s.base}, {e}{extra})"
    def state(s):
        ents = ([s.curr] if s.curr and s.curr.on_rq else []) + s.tree
        return "V=%d; " % (s.avg_peek() - s.base) + ", ".join(s.st(t) for t in ents)

    # ---- avg_vruntime machinery
    def aw(s, t):
        return t.w if s.ver == 'v6.19' else t.w << 10
    def key(s, t):
        return t.v - s.zero
    def avg_peek(s):         # value avg_vruntime() would return, without side effects
        avg, load = s.sum, s.load
        c = s.curr if (s.curr and s.curr.on_rq) else None
        if s.ver == 'v6.19':
            if c: avg += s.key(c) * s.aw(c); load += s.aw(c)
            if load:
                if avg < 0: avg -= load - 1
                avg = tdiv(avg, load)
            return s.zero + avg
        delta = 0
        if load:
            if c: avg += s.key(c) * s.aw(c); load += s.aw(c)
            if avg < 0: avg -= load - 1
            delta = tdiv(avg, load)
        elif c:
            delta = c.v - s.zero
        return s.zero + delta
    def avg_vruntime(s):
        v = s.avg_peek()
        if s.ver == 'v7.1':      # 7.1: avg_vruntime() moves zero_vruntime
            s.upd_zero(v - s.zero)
        return v
    def upd_zero(s, delta):
        s.sum -= s.load * delta; s.zero += delta
    def eligible(s, v):          # vruntime_eligible()
        avg, load = s.sum, s.load
        c = s.curr
        if c and c.on_rq:
            avg += s.key(c) * s.aw(c); load += s.aw(c)
        return avg >= (v - s.zero) * load
    def enq_tree(s, t):          # __enqueue_entity()
        s.sum += s.key(t) * s.aw(t); s.load += s.aw(t)
        if s.ver == 'v6.19':
            s.upd_zero(s.avg_peek() - s.zero)
        i = 0
        while i < len(s.tree) and s.tree[i].deadline - t.deadline <= 0:
            i += 1
        s.tree.insert(i, t)
    def deq_tree(s, t):          # __dequeue_entity()
        s.tree.remove(t)
        s.sum -= s.key(t) * s.aw(t); s.load -= s.aw(t)
        if s.ver == 'v6.19':
            s.upd_zero(s.avg_peek() - s.zero)
    def min_slice(s):            # cfs_rq_min_slice()
        m = None
        if s.curr and s.curr.on_rq: m = s.curr.slice
        for t in s.tree:
            m = t.slice if m is None else min(m, t.slice)
        return m if m is not None else (1 << 64) - 1
    def max_slice(s):
        m = 0
        if s.curr and s.curr.on_rq: m = s.curr.slice
        for t in s.tree: m = max(m, t.slice)
        return m
    def protect(s, t):
        return t.vprot - t.v > 0
    def set_protect_slice(s, t):
        sl = s.min_slice() if s.f['RUN_TO_PARITY'] else NORM_BASE_SLICE
        vprot = t.deadline
        sl = min(sl, t.slice)
        if sl != t.slice:
            vprot = min(vprot, t.v + cdf(sl, t))
        t.vprot = vprot
    def update_protect_slice(s, t):
        t.vprot = min(t.vprot, t.v + cdf(s.min_slice(), t))

    # ---- core EEVDF
    def update_deadline(s, t):
        if t.v - t.deadline < 0:
            return False
        if not t.custom: t.slice = BASE_SLICE
        t.deadline = t.v + cdf(t.slice, t)
        if s.ver == 'v7.1': s.avg_vruntime()
        return True
    def update_curr(s, why):
        c = s.curr
        if not c: return
        delta = s.now - c.exec_start
        if delta <= 0: return
        c.exec_start = s.now
        c.v += cdf(delta, c)
        r = s.update_deadline(c)
        if r:
            s.L(f"update_curr({why}): {c.name} ran {delta}ns -> v={c.v - s.base}; vruntime reached deadline: update_deadline() -> new d={c.deadline - s.base}")
        else:
            s.L(f"update_curr({why}): {c.name} ran {delta}ns -> v={c.v - s.base} (d={c.deadline - s.base}, vprot={c.vprot - s.base})")
        if s.nr == 1: return
        if r or not s.protect(c):
            if not s.need:
                s.L(f"  -> resched_curr_lazy ({'deadline reached' if r else 'slice protection over (vruntime >= vprot)'})")
            s.need = True
    def update_entity_lag(s, t):
        if s.ver == 'v6.19':
            lim = cdf(max(2 * t.slice, TICK), t)
            vl = s.avg_vruntime() - t.v
            t.vlag = max(-lim, min(lim, vl))
            return
        av = s.avg_vruntime()
        lim = cdf(s.max_slice() + TICK, t)
        vl = max(-lim, min(lim, av - t.v))
        if t.delayed:
            vl = max(vl, t.vlag)
            if s.f['DELAY_ZERO']: vl = min(vl, 0)
        t.vlag = vl
        return av - vl != t.v
    def place_entity(s, t, initial):
        V = s.avg_vruntime()
        if not t.custom: t.slice = BASE_SLICE
        vslice = cdf(t.slice, t)
        lag = 0
        upd_zero = False
        if s.f['PLACE_LAG'] and s.nr and t.vlag:
            lag = t.vlag
            load = s.load + (s.aw(s.curr) if s.curr and s.curr.on_rq else 0)
            lag = tdiv(lag * (load + s.aw(t)), load)
            if s.ver == 'v7.1' and s.aw(t) > load: upd_zero = True
        t.v = V - lag
        if upd_zero: s.upd_zero(-lag)
        if initial and s.f['PLACE_DEADLINE_INITIAL']:
            vslice //= 2
        t.deadline = t.v + vslice
        s.L(f"place_entity({t.name}{', ENQUEUE_INITIAL' if initial else ''}): V={V - s.base}, vlag={t.vlag}, inflated lag={lag} -> v={t.v - s.base}, d={t.deadline - s.base} (vslice{'/2' if initial else ''}={t.deadline - t.v})")
    def enqueue_entity(s, t, initial):
        s.update_curr('enqueue_entity')
        s.place_entity(t, initial)
        s.nr += 1
        s.enq_tree(t)
        t.on_rq = True
    def requeue_delayed(s, t):
        if s.ver == 'v6.19':
            s.update_entity_lag(t)
            s.L(f"requeue_delayed_entity({t.name}): vlag={t.vlag}" + (" > 0: DELAY_ZERO re-place with lag 0" if t.vlag > 0 else " <= 0: keeps vruntime and deadline"))
            if t.vlag > 0:
                s.nr -= 1; s.deq_tree(t); t.vlag = 0
                s.place_entity(t, False); s.enq_tree(t); s.nr += 1
        else:
            if s.update_entity_lag(t):
                s.L(f"requeue_delayed_entity({t.name}): update_entity_lag() gives vlag={t.vlag} (7.1: min(max(lag now, lag saved when delayed), 0)), which is not its current position: re-place")
                s.nr -= 1; s.deq_tree(t); s.place_entity(t, False); s.enq_tree(t); s.nr += 1
            else:
                s.L(f"requeue_delayed_entity({t.name}): vlag={t.vlag}: keeps vruntime and deadline")
        t.delayed = False
    def dequeue_entity(s, t, sleep, delayed_flag):
        s.update_curr('dequeue_entity')
        if not delayed_flag and sleep and s.f['DELAY_DEQUEUE'] and not s.eligible(t.v):
            if s.ver == 'v7.1': s.update_entity_lag(t)
            t.delayed = True
            s.L(f"dequeue_entity({t.name}, DEQUEUE_SLEEP): not eligible -> DELAY_DEQUEUE: stays queued, sched_delayed=1; {s.state()}")
            return False
        s.update_entity_lag(t)
        if t is not s.curr: s.deq_tree(t)
        t.on_rq = False; s.nr -= 1
        if delayed_flag:
            t.delayed = False
            if s.ver == 'v6.19' and s.f['DELAY_ZERO'] and t.vlag > 0: t.vlag = 0
        s.L(f"dequeue_entity({t.name}{', DEQUEUE_DELAYED' if delayed_flag else ''}): saved vlag={t.vlag}")
        return True
    def pick_eevdf(s, protect):
        c = s.curr
        if s.nr == 1:
            return c if (c and c.on_rq) else s.tree[0]
        if c and (not c.on_rq or not s.eligible(c.v)): c = None
        if c and protect and s.protect(c):
            return c
        best = None
        for t in s.tree:
            if s.eligible(t.v): best = t; break
        if c and best and c.deadline == best.deadline:
            s.L(f"  (tie: curr {c.name} and {best.name} have equal deadlines; entity_before() is strict, so {best.name} wins)")
        if best is None or (c and c.deadline - best.deadline < 0):
            best = c
        return best
    def pick_next_entity(s, protect):
        se = s.pick_eevdf(protect)
        if se.delayed:
            s.L(f"pick_eevdf() -> {se.name}, which is sched_delayed: dequeue_entities(DEQUEUE_DELAYED)")
            s.dequeue_entity(se, True, True)
            return None
        return se
    def schedule(s, why):
        s.need = False
        prev = s.running
        while True:
            if s.nr == 0:
                nxt = None; break
            if s.curr and s.curr.on_rq: s.update_curr('pick_task_fair')
            s.need = False
            s.L(f"__schedule({why}): pick_eevdf: {s.state()}")
            nxt = s.pick_next_entity(True)
            if nxt is not None: break
        if nxt is prev and prev is not None:
            s.L(f"  -> picks {prev.name} again: no context switch")
            return
        # put_prev_entity
        if prev is not None and s.curr is prev:
            if prev.on_rq:
                s.enq_tree(prev)
            s.curr = None
        if nxt is not None:
            s.deq_tree(nxt)
            s.set_protect_slice(nxt)
            nxt.exec_start = s.now
            s.curr = nxt
            s.L(f"  -> switch to {nxt.name}: set_next_entity(), vprot={nxt.vprot - s.base}" + (f" (v+{nxt.vprot - nxt.v})"))
        else:
            s.curr = None
            s.L("  -> idle")
        s.switches.append({"t_ns": s.now, "prev": prev.name if prev else "idle",
                           "next": nxt.name if nxt else "idle"})
        s.running = nxt
    def wakeup_preempt(s, p, fork):
        if s.running is None:
            s.L(f"wakeup_preempt: CPU idle -> resched"); s.need = True; return
        se = s.curr
        if s.need: return
        s.update_curr('check_preempt_wakeup_fair')
        short = False
        if s.f['PREEMPT_SHORT'] and p.slice < se.slice:
            short = True
            s.L(f"check_preempt_wakeup_fair: PREEMPT_SHORT ({p.name}.slice {p.slice} < {se.name}.slice {se.slice}): pick without slice protection")
        elif fork or p.delayed:
            s.L(f"check_preempt_wakeup_fair: {'WF_FORK' if fork else 'wakee sched_delayed'} -> no preemption")
            return
        while True:
            if s.ver == 'v6.19':
                n = s.pick_eevdf(not short)
            else:
                n = s.pick_next_entity(not short)
                if n is None and s.nr: continue
            break
        s.L(f"check_preempt_wakeup_fair: pick(protect={not short}) -> {n.name if n else None}; {s.state()}")
        if n is p:
            if short and s.protect(se): se.vprot = se.v
            s.L("  -> wakee is the pick: resched"); s.need = True
            return
        if s.f['RUN_TO_PARITY']:
            s.update_protect_slice(se)
            s.L(f"  -> no preemption; update_protect_slice({se.name}): vprot={se.vprot - s.base}")

    # ---- rt-app program execution
    def push(s, t, task, kind):
        s.seq += 1
        s.wakes.append((t, s.seq, task, kind))
    def advance(s, t):
        """run the rt-app program of t (it is on the CPU) until it needs CPU time or blocks"""
        while True:
            if t.pc >= len(t.prog):
                t.pc = 0; t.iter += 1
                if t.loop != -1 and t.iter >= t.loop:
                    t.done = True; s.L(f"{t.name} ends (not modelled beyond)"); raise SystemExit("task end not modelled")
            op, arg = t.prog[t.pc]
            if op == 'run':
                if t.remaining == 0:
                    t.remaining = arg * 1000
                    return
                return
            t.pc += 1
            if op == 'sleep':
                s.L(f"{t.name} sleeps {arg} us (dequeue_task_fair, DEQUEUE_SLEEP)")
                s.dequeue_entity(t, True, False)
                s.push(s.now + arg * 1000, t, 'wake')
                t.blocked = True
                s.schedule(f"{t.name} blocks")
                return
            if op == 'yield':
                s.L(f"{t.name} calls sched_yield()")
                if s.nr > 1:
                    s.update_curr('yield_task_fair')
                    if s.eligible(t.v):
                        old = t.v
                        t.v = t.deadline
                        if s.ver == 'v6.19':
                            t.deadline += cdf(t.slice, t)
                        else:
                            s.update_deadline(t)
                        s.L(f"yield_task_fair({t.name}): eligible -> v {old - s.base} -> {t.v - s.base} (old deadline), d={t.deadline - s.base}")
                    else:
                        s.L(f"yield_task_fair({t.name}): not eligible -> unchanged")
                else:
                    s.L("yield_task_fair: nr_running == 1 -> nothing")
                s.schedule(f"{t.name} yields")
                if s.running is not t:
                    return
                continue
    def run(s):
        pending = sorted(s.tasks, key=lambda t: t.start)
        for t in pending:
            s.push(t.start, t, 'fork')
        nexttick = TICK
        while True:
            # next run completion
            r = s.running
            tcomp = s.now + r.remaining if (r is not None and r.remaining > 0) else None
            cands = []
            if s.wakes:
                w = min(s.wakes, key=lambda x: (x[0], x[1]))
                cands.append((w[0], 1, 'wake'))
            if tcomp is not None: cands.append((tcomp, 0, 'comp'))
            cands.append((nexttick, 2, 'tick'))
            tmin = min(c[0] for c in cands)
            if tmin > s.until: break
            ties = [c for c in cands if c[0] == tmin]
            if len(ties) > 1 and not all(c[2] == 'wake' for c in ties):
                s.L(f"WARNING: events coincide at {tmin}: {[c[2] for c in ties]}")
            kind = min(ties)[2]
            self_t = tmin
            # account the work done by the running task
            if r is not None and r.remaining > 0:
                r.remaining -= self_t - s.now
            s.now = self_t
            if kind == 'comp':
                r.remaining = 0
                r.pc += 1
                s.L(f"{r.name} finishes run event")
                s.advance(r)
            elif kind == 'tick':
                nexttick += TICK
                if s.running is not None:
                    s.L(f"tick: task_tick_fair -> entity_tick")
                    s.update_curr('entity_tick')
                    if s.need: s.schedule('tick')
            else:
                w = min(s.wakes, key=lambda x: (x[0], x[1])); s.wakes.remove(w)
                _, _, t, k = w
                if k == 'fork':
                    s.L(f"{t.name} starts: wake_up_new_task -> enqueue_entity(ENQUEUE_INITIAL)")
                    s.enqueue_entity(t, True)
                    s.wakeup_preempt(t, True)
                else:
                    t.blocked = False
                    if t.on_rq and t.delayed:
                        s.L(f"{t.name} wakes: still queued (sched_delayed) -> ttwu_runnable -> enqueue_task(ENQUEUE_DELAYED)")
                        s.requeue_delayed(t)
                        s.wakeup_preempt(t, False)
                    else:
                        s.L(f"{t.name} wakes: activate_task(ENQUEUE_WAKEUP)")
                        s.enqueue_entity(t, False)
                        s.wakeup_preempt(t, False)
                if s.need: s.schedule(f"wake-up of {t.name}")
            # the newly running task starts its program
            if s.running is not None and s.running.remaining == 0 and not getattr(s.running, 'blocked', False):
                s.advance(s.running)
            if s.running is not None and s.running.remaining == 0 and not getattr(s.running, 'blocked', False):
                pass

def load_case(path):
    c = json.load(open(path + '/derive-input.json'))
    return c

def main():
    case = sys.argv[1]; ver = sys.argv[2] if len(sys.argv) > 2 else 'v6.19'
    c = load_case(case)
    feats = dict(RUN_TO_PARITY=True, PREEMPT_SHORT=True, PLACE_LAG=True,
                 PLACE_DEADLINE_INITIAL=True, DELAY_DEQUEUE=True, DELAY_ZERO=True)
    feats.update(c.get('features', {}))
    for a in sys.argv[3:]:
        if a.startswith('NO_'): feats[a[3:]] = False
    tasks = [Task(t['name'], t.get('nice', 0), t.get('slice_ns'), [tuple(x) for x in t['prog']],
                  t.get('start_ns', 0), t.get('loop', -1)) for t in c['tasks']]
    s = Sim(tasks, ver, feats, c['until_ns'])
    s.base = -(1 << 20)
    s.run()
    if '--log' in sys.argv:
        print("\n".join(s.log))
    print(json.dumps(s.switches))

if __name__ == '__main__':
    main()
