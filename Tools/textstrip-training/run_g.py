from train import *
from ctx2 import ctx, CTXN
from gbdt import GBDT
import time
NT=int(sys.argv[2]); DEPTH=int(sys.argv[3]); out=sys.argv[1]; LR=float(sys.argv[4]) if len(sys.argv)>4 else 0.15
Xs={i:FE[i][0] for i in good}
s1,b1=cv(Xs,lr_fit,lr_pred)
X2={i:np.hstack([ctx(s1[i],FE[i][5],FE[i][6])[:, :23],FE[i][0]]) for i in good}
def gfit(X,Y,W):
    t=time.time(); m=GBDT(ntrees=NT,depth=DEPTH,lr=LR).fit(X,Y,W*100); print('fit',time.time()-t,flush=True); return m
def gpred(m,X): return m.predict(X)
s2,m2=cv(X2,gfit,gpred)
report(s2)
pickle.dump((s1,b1,s2,m2),open(out,'wb'))
