import pickle, numpy as np, math
from feats2 import extra, runs
res=pickle.load(open('labels.pkl','rb'))
FE=pickle.load(open('feats.pkl','rb'))
for i,(B,lab,k) in res.items():
    F=FE[i][0]
    nws=[len(b.split()) for b in B]
    L,P=runs(nws)
    capw=[f['capf'] for f in F]
    for j,(b,f) in enumerate(zip(B,F)):
        f.update(extra(b,nws[j]))
        f['runlen']=math.log1p(L[j]); 
        lo,hi=max(0,j-5),min(len(B),j+6)
        f['capwin']=sum(capw[lo:hi])/(hi-lo)
        f['shortwin']=sum(1 for x in nws[lo:hi] if x<=4)/(hi-lo)
pickle.dump(FE,open('feats.pkl','wb'))
