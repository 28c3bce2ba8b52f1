import pickle, numpy as np, zlib
from evalh import evaluate, show
FE=pickle.load(open('feats.pkl','rb'))
cache=pickle.load(open('toks.pkl','rb'))
kinds={i:v[2] for i,v in FE.items()}
def fit_lr(X,y,w,l2=1e-3,iters=300,lr=0.5):
    # Newton / IRLS
    n,d=X.shape
    beta=np.zeros(d)
    for it in range(30):
        z=X@beta; p=1/(1+np.exp(-z))
        g=X.T@(w*(p-y))+l2*beta
        H=(X*(w*p*(1-p))[:,None]).T@X+l2*np.eye(d)
        step=np.linalg.solve(H,g)
        beta-=step
        if np.abs(step).max()<1e-6: break
    return beta
def folds(ids,k=5):
    return {i:zlib.crc32(FE[i][3].encode())%k for i in ids}
