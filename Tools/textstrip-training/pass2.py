from model import *
from ctx import ctx_features
import sys
ids=sorted(FE)
s1=pickle.load(open('s1.pkl','rb'))
src=sys.argv[1] if len(sys.argv)>1 else 's1.pkl'
s1=pickle.load(open(src,'rb'))
base=pickle.load(open('s1.pkl','rb'))
names1=None
for i in ids:
    if FE[i][0]: names1=list(FE[i][0][0].keys()); break
def mat(i):
    F=FE[i][0]
    if not F: return np.zeros((0,1))
    nw=[np.expm1(f['logw']) for f in F]
    C=ctx_features(s1[i],nw)
    names=list(C[0].keys())
    X=np.array([[c[n] for n in names]+[f[n] for n in names1]+[1.0] for c,f in zip(C,F)])
    return X,names+names1
Xs={};names=None
for i in ids:
    if FE[i][0]: Xs[i],names=mat(i)
    else: Xs[i]=np.zeros((0,len(names) if names else 1))
def lab_w(i):
    lab=np.array(FE[i][1]); bt,T=cache[i]
    nt=np.array([sum(c.values()) for c in bt],float)
    w=nt/max(1,nt.sum())+0.002
    w[lab==0.5]=0
    return (lab>0).astype(float), w
fo=folds(ids)
scores={}
good=[i for i in ids if len(FE[i][0])]
for k in range(5):
    tr=[i for i in good if fo[i]!=k]; te=[i for i in good if fo[i]==k]
    X=np.vstack([Xs[i] for i in tr]); Y=[];W=[]
    for i in tr: y,w=lab_w(i); Y.append(y); W.append(w)
    beta=fit_lr(X,np.concatenate(Y),np.concatenate(W))
    for i in te: scores[i]=Xs[i]@beta
for i in ids:
    if i not in scores: scores[i]=np.zeros(0)
X=np.vstack([Xs[i] for i in good]); Y=[];W=[]
for i in good: y,w=lab_w(i); Y.append(y); W.append(w)
beta=fit_lr(X,np.concatenate(Y),np.concatenate(W))
for n,b in zip(names+['bias'],beta): print(f"{n:8} {b:+.3f}")
pickle.dump(scores,open(sys.argv[2] if len(sys.argv)>2 else 's2.pkl','wb'))
for th in [-1.5,-1,-0.5,0]:
    keep={i:list(scores[i]>th) for i in ids}
    print('th',th); show(evaluate(keep,cache,kinds))
