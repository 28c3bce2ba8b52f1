import pickle,sys,numpy as np,random
from collections import Counter
res=pickle.load(open('labels.pkl','rb'))
cache=pickle.load(open('toks.pkl','rb'))
s1,b1,s2,b2=pickle.load(open(sys.argv[1],'rb'))
kind=sys.argv[2]; th=float(sys.argv[3]); mode=sys.argv[4]
random.seed(0)
items=[]
for i,(B,lab,k) in res.items():
    if k!=kind or len(B)==0: continue
    bt,T=cache[i]; nt=sum(T.values())
    if nt==0: continue
    kept=sum(sum(c.values()) for c,s in zip(bt,s2[i]) if s>th)
    for j,(b,l,s) in enumerate(zip(B,lab,s2[i])):
        n=sum(bt[j].values())
        if mode=='FP' and l==0 and s>th: items.append((n/max(1,kept),i,j,s,b))
        if mode=='FN' and l==1 and s<=th: items.append((n/nt,i,j,s,b))
items.sort(reverse=True)
print(len(items), sum(x[0] for x in items))
for x in random.sample(items[:600],60): print(f"{x[0]:.2f} {x[1]} {x[2]:4d} {x[3]:+.1f} {x[4][:150]!r}")
