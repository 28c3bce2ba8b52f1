from model import *
from ctx import ctx_features
from gbdt import GBDT
import sys,time
ids=sorted(FE)
s1=pickle.load(open(sys.argv[1],'rb'))
names1=None
for i in ids:
    if FE[i][0]: names1=list(FE[i][0][0].keys()); break
def mat(i):
    F=FE[i][0]
    nw=[np.expm1(f['logw']) for f in F]
    C=ctx_features(s1[i],nw)
    names=list(C[0].keys())
    X=np.array([[c[n] for n in names]+[f[n] for n in names1] for c,f in zip(C,F)])
    return X,names+names1
good=[i for i in ids if len(FE[i][0])]
Xs={}
for i in good: Xs[i],names=mat(i)
def lab_w(i):
    lab=np.array(FE[i][1]); bt,T=cache[i]
    nt=np.array([sum(c.values()) for c in bt],float)
    w=nt/max(1,nt.sum())+0.002
    w[lab==0.5]=0
    return (lab>0).astype(float), w
fo=folds(ids)
scores={i:np.zeros(0) for i in ids}
NT=int(sys.argv[3]) if len(sys.argv)>3 else 100
for k in range(5):
    t0=time.time()
    tr=[i for i in good if fo[i]!=k]; te=[i for i in good if fo[i]==k]
    X=np.vstack([Xs[i] for i in tr]); Y=[];W=[]
    for i in tr: y,w=lab_w(i); Y.append(y); W.append(w)
    m=GBDT(ntrees=NT,depth=4,lr=0.15).fit(X,np.concatenate(Y),np.concatenate(W)*100)
    for i in te: scores[i]=m.predict(Xs[i])
    print('fold',k,time.time()-t0,flush=True)
pickle.dump(scores,open(sys.argv[2],'wb'))
for th in [-1.5,-1,-0.5,0]:
    keep={i:list(scores[i]>th) for i in ids}
    print('th',th); show(evaluate(keep,cache,kinds))
