#!/usr/bin/env python3
"""Cross-check of the hand derivations: a ~150-line one-CPU restatement of the
DL/RT/CFS-hog rules listed in README.md (not the kernel, not libeas).
Usage: python3 check.py <case-dir> [until_ns]; prints the switch list (ms)
and any coincident events."""
import json, sys
MS=1000000
def to_ratio(p, r): return (r<<20)//p
class T: pass
def load(path):
    w=json.load(open(path))
    ts=[]
    for name,t in w['tasks'].items():
        x=T(); x.name=name
        pol=t.get('policy','SCHED_OTHER')
        x.cls={'SCHED_DEADLINE':'dl','SCHED_FIFO':'rt'}.get(pol,'cfs')
        if x.cls=='dl':
            Q=t['dl-runtime']*1000; P=t.get('dl-period',t['dl-runtime'])*1000; D=t.get('dl-deadline',P//1000)*1000
            x.Q,x.P,x.D=Q,P,D; x.density=to_ratio(D,Q)
        x.delay=t.get('delay',0)*1000
        prog=[]
        if 'phases' in t:
            phs=list(t['phases'].values())
            for ph in phs:
                ev=[(k,v*1000) for k,v in ph.items() if k!='loop']
                prog.append((ph.get('loop',1),ev))
        else:
            prog.append((t.get('loop',-1),[(k,v*1000) for k,v in t.items() if k in('run','sleep')]))
        # flatten with loops into a generator
        def gen(prog=prog):
            for loop,ev in prog:
                n=0
                while loop<0 or n<loop:
                    for e in ev: yield e
                    n+=1
            yield ('exit',0)
        x.gen=gen(); x.state='new'; x.d=0; x.r=0; x.thr=False; x.timer=None; x.onrq=False; x.inq=False
        x.left=0; x.wake=None; x.seq=0
        ts.append(x)
    return ts
def run(path, until):
    ts=load(path); now=0; curr=None; last=0; seq=[0]; sw=[]
    def nextev(x):
        while True:
            k,v=next(x.gen)
            if k=='run': x.left=v; return 'run'
            if k=='sleep': x.wake=now+v; return 'sleep'
            if k=='exit': return 'exit'
    def charge():
        nonlocal last
        if curr is not None:
            dt=now-last
            curr.left-=dt
            if curr.cls=='dl' and curr.inq: curr.r-=dt
        last=now
    def throttle_check(x):
        if x.cls=='dl' and x.inq and x.r<=0:
            x.thr=True; x.inq=False
            nxt=x.d-x.D+x.P
            assert nxt>now
            x.timer=nxt
            return True
        return False
    def overflow(x,t):
        left=(x.D>>10)*(x.r>>10); right=((x.d-t)>>10)*(x.Q>>10)
        return right<left
    def enqueue(x, wake, new=False):
        x.onrq=True
        if x.cls!='dl':
            seq[0]+=1; x.seq=seq[0]; x.inq=True; return
        if new:
            x.d=now+x.D; x.r=x.Q
        else:
            if not x.thr and x.D!=x.P and x.d<now<x.d-x.D+x.P:
                x.timer=x.d-x.D+x.P; x.thr=True; x.r=min(x.r,0)
            if x.thr: return
            if x.d<now or overflow(x,now):
                if x.D!=x.P and not x.d<now:
                    x.r=(x.density*(x.d-now))>>20
                else:
                    x.d=now+x.D; x.r=x.Q
        seq[0]+=1; x.seq=seq[0]; x.inq=True
    def replenish(x):
        while x.r<=0: x.d+=x.P; x.r+=x.Q
        if x.d<now: x.d=now+x.D; x.r=x.Q
        x.thr=False; x.timer=None
    def pick():
        dl=[x for x in ts if x.cls=='dl' and x.inq]
        if dl: return min(dl,key=lambda x:(x.d,x.seq))
        rt=[x for x in ts if x.cls=='rt' and x.inq]
        if rt: return min(rt,key=lambda x:x.seq)
        cf=[x for x in ts if x.cls=='cfs' and x.inq]
        if cf: return cf[0]
        return None
    rank={'dl':0,'rt':1,'cfs':2}
    def better(x,c):
        if c is None: return True
        if rank[x.cls]!=rank[c.cls]: return rank[x.cls]<rank[c.cls]
        if x.cls=='dl': return x.d<c.d
        return False
    def switch(n):
        nonlocal curr
        if n is not curr:
            sw.append((now, curr.name if curr else 'idle', n.name if n else 'idle'))
            curr=n
    while now<=until:
        # candidate events
        cands=[]
        nt=(now//(4*MS)+1)*4*MS if now>0 or True else 0
        cands.append((nt,'tick',None))
        for x in ts:
            if x.state=='new': cands.append((x.delay,'start',x))
            if x.state=='sleep': cands.append((x.wake,'wake',x))
            if x.timer is not None: cands.append((x.timer,'timer',x))
        if curr is not None: cands.append((now+curr.left,'done',curr))
        cands.sort(key=lambda c:c[0])
        t=cands[0][0]
        same=[c for c in cands if c[0]==t]
        if len(same)>1 and t<=until: print('  TIE at',t/MS,[(c[1],c[2].name if c[2] else '') for c in same])
        if t>until: break
        now=t; charge()
        for _,k,x in same:
            if k=='tick':
                if curr and curr.cls=='dl' and throttle_check(curr):
                    switch(pick())
            elif k=='start':
                x.state='run'; nextev(x); enqueue(x,True,new=True)
                if x.inq and better(x,curr): switch(x)
            elif k=='wake':
                x.state='run'; nextev(x); enqueue(x,True)
                if x.inq and better(x,curr): switch(x)
            elif k=='timer':
                x.timer=None
                if x.state=='sleep': replenish(x)
                else:
                    replenish(x); seq[0]+=1; x.seq=seq[0]; x.inq=True
                    if better(x,curr): switch(x)
            elif k=='done':
                r=nextev(x)
                if r=='run': continue
                # block or exit
                throttle_check(x)
                x.inq=False; x.onrq=False
                x.state='sleep' if r=='sleep' else 'dead'
                switch(pick())
                # RT preempted at head: fine (single RT)
        # preempted RT goes to head: handled since seq unchanged
    return sw
if __name__=='__main__':
    d=sys.argv[1]; until=int(sys.argv[2]) if len(sys.argv)>2 else 50*MS
    sw=run(d+'/workload.json', until)
    print([(t/MS,p,n) for t,p,n in sw])
