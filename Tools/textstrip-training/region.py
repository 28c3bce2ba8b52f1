from train import *
from ctx2 import ctx, CTXN
s1,b1,s2,b2=pickle.load(open('run1.pkl','rb'))
iw=names.index('logw')
def inside_labels(i):
    lab=FE[i][1]; pos=np.nonzero(lab>0)[0]
    y=np.zeros(len(lab))
    if len(pos): y[pos[0]:pos[-1]+1]=1
    return y
X2={i:np.hstack([ctx(s1[i],np.expm1(FE[i][0][:,iw])),FE[i][0]]) for i in good}
# inside model, weight each page equally, uniform over blocks
YI={i:inside_labels(i) for i in good}
def fitI(X,Y,W): return fit_lr(addbias(X),Y,W)
sI={i:np.zeros(0) for i in ids}
for k in range(5):
    tr=[i for i in good if fo[i]!=k]; te=[i for i in good if fo[i]==k]
    X=np.vstack([X2[i] for i in tr]); Y=np.concatenate([YI[i] for i in tr]); W=np.concatenate([np.full(len(YI[i]),1.0/len(YI[i])) for i in tr])
    m=fitI(X,Y,W)
    for i in te: sI[i]=addbias(X2[i])@m
def maxsub(v):
    best=-1e18;cur=0;start=0;a=0;b=-1
    for j,x in enumerate(v):
        if cur<=0: cur=x; start=j
        else: cur+=x
        if cur>best: best=cur;a=start;b=j
    return a,b
for shift in [0, 1, 2]:
  for th in [-1.5,-1]:
    keep={}
    for i in ids:
        s=s2[i]
        if len(s)==0: keep[i]=[]; continue
        a,b=maxsub(sI[i]+shift)
        keep[i]=[(s[j]>th) and a<=j<=b for j in range(len(s))]
    print('shift',shift,'th',th); r=evaluate(keep,cache,kinds); print(' '.join(f"{g[:4]} {r[g][2]:.3f}" for g in r), f"P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f}")
pickle.dump(sI,open('sI.pkl','wb'))
