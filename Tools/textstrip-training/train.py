import pickle, numpy as np, zlib, sys, math
from evalh import evaluate, show
from model import fit_lr
FE,names=pickle.load(open('sfe.pkl','rb'))
cache=pickle.load(open('toks.pkl','rb'))
kinds={i:v[2] for i,v in FE.items()}
ids=sorted(FE); good=[i for i in ids if len(FE[i][0])]
fo={i:zlib.crc32(FE[i][3].encode())%5 for i in ids}
def lab_w(i):
    lab=FE[i][1]; bt,T=cache[i]
    nt=np.array([sum(c.values()) for c in bt],float)
    w=nt/max(1,nt.sum())+0.002
    w=np.where(lab==0.5,0,w)
    return (lab>0).astype(float), w
LW={i:lab_w(i) for i in good}
def addbias(X): return np.hstack([X,np.ones((len(X),1))])
def cv(Xs, fitter, predictor):
    scores={i:np.zeros(0) for i in ids}
    for k in range(5):
        tr=[i for i in good if fo[i]!=k]; te=[i for i in good if fo[i]==k]
        X=np.vstack([Xs[i] for i in tr]); Y=np.concatenate([LW[i][0] for i in tr]); W=np.concatenate([LW[i][1] for i in tr])
        m=fitter(X,Y,W)
        for i in te: scores[i]=predictor(m,Xs[i])
    X=np.vstack([Xs[i] for i in good]); Y=np.concatenate([LW[i][0] for i in good]); W=np.concatenate([LW[i][1] for i in good])
    full=fitter(X,Y,W)
    return scores, full
def lr_fit(X,Y,W): return fit_lr(addbias(X),Y,W)
def lr_pred(b,X): return addbias(X)@b
def report(scores, ths=(-1.5,-1,-0.5,0)):
    for th in ths:
        keep={i:list(scores[i]>th) for i in ids}
        r=evaluate(keep,cache,kinds)
        print('th',th, ' '.join(f"{g[:4]} {r[g][2]:.3f}" for g in ['article','forum','product','collection','listing','documentation','service']), f"ALL F1 {r['ALL'][2]:.3f} P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f}")
