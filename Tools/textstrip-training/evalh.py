import pickle, numpy as np
from collections import Counter, defaultdict
from load import *
def build_cache():
    res=pickle.load(open('labels.pkl','rb'))
    cache={}
    for i,(B,lab,k) in res.items():
        t,tr=load(i)
        cache[i]=([Counter(toks(b)) for b in B], Counter(toks(tr['text'])))
    pickle.dump(cache,open('toks.pkl','wb'))
def evaluate(keep, cache, kinds):
    # keep: dict id->list of bool
    agg=defaultdict(list)
    for i,k in keep.items():
        bt,T=cache[i]
        nt=sum(T.values())
        if nt==0: continue
        P=Counter()
        for c,kp in zip(bt,k):
            if kp: P.update(c)
        np_=sum(P.values())
        if np_==0: r=(0,0,0)
        else:
            ov=sum((P&T).values()); p=ov/np_; rr=ov/nt; r=(p,rr,2*p*rr/(p+rr) if p+rr else 0)
        agg[kinds[i]].append(r); agg['ALL'].append(r)
    return {g:tuple(np.mean([x[j] for x in v]) for j in range(3)) for g,v in agg.items()}
def show(r):
    for g in ['article','forum','product','collection','listing','documentation','service','ALL']:
        if g in r: print(f"{g:14} F1 {r[g][2]:.3f} P {r[g][0]:.3f} R {r[g][1]:.3f}")
if __name__=='__main__': build_cache()
