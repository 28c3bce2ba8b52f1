from model import *
ids=sorted(FE)
names=list(FE[ids[0]][0][0].keys()) if FE[ids[0]][0] else None
for i in ids:
    if FE[i][0]: names=list(FE[i][0][0].keys()); break
def mat(i):
    F=FE[i][0]
    X=np.array([[f[n] for n in names]+[1.0] for f in F]) if F else np.zeros((0,len(names)+1))
    return X
Xs={i:mat(i) for i in ids}
def lab_w(i):
    lab=np.array(FE[i][1]); bt,T=cache[i]
    nt=np.array([sum(c.values()) for c in bt],float)
    tot=max(1,nt.sum())
    w=nt/tot+0.002
    w[lab==0.5]=0
    return (lab>0).astype(float), w
fo=folds(ids)
scores={}
for k in range(5):
    tr=[i for i in ids if fo[i]!=k]; te=[i for i in ids if fo[i]==k]
    X=np.vstack([Xs[i] for i in tr]); Y=[];W=[]
    for i in tr: y,w=lab_w(i); Y.append(y); W.append(w)
    beta=fit_lr(X,np.concatenate(Y),np.concatenate(W))
    for i in te: scores[i]=Xs[i]@beta
X=np.vstack([Xs[i] for i in ids]); Y=[];W=[]
for i in ids: y,w=lab_w(i); Y.append(y); W.append(w)
beta=fit_lr(X,np.concatenate(Y),np.concatenate(W))
for n,b in zip(names+['bias'],beta): print(f"{n:8} {b:+.3f}")
pickle.dump(scores,open('s1.pkl','wb'))
for th in [-1,-0.5,0,0.5]:
    keep={i:list(scores[i]>th) for i in ids}
    print('th',th); show(evaluate(keep,cache,kinds))
