import numpy as np
class GBDT:
    def __init__(s,ntrees=100,depth=4,lr=0.1,nbins=32,minleaf=50,l2=1.0):
        s.ntrees=ntrees;s.depth=depth;s.lr=lr;s.nbins=nbins;s.minleaf=minleaf;s.l2=l2
    def fit(s,X,y,w):
        n,d=X.shape
        s.edges=[np.unique(np.quantile(X[:,j],np.linspace(0,1,s.nbins+1)[1:-1])) for j in range(d)]
        B=np.zeros((n,d),np.uint8,order='F')
        for j in range(d): B[:,j]=np.searchsorted(s.edges[j],X[:,j],side='right')
        s.trees=[]
        p0=np.average(y,weights=w); s.base=np.log(p0/(1-p0))
        F=np.full(n,s.base)
        for t in range(s.ntrees):
            p=1/(1+np.exp(-F)); g=w*(p-y); h=w*p*(1-p)
            tree=[]  # nodes: (feat, binthr, left, right) or leaf value
            nodes=[(np.arange(n),0)]
            tree=s._grow(B,g,h,np.arange(n),0)
            s.trees.append(tree)
            F+=s.lr*s._predict_tree_bins(tree,B)
        return s
    def _grow(s,B,g,h,idx,depth):
        G=g[idx].sum();H=h[idx].sum()
        if depth==s.depth or len(idx)<2*s.minleaf:
            return ('leaf',-G/(H+s.l2))
        best=(0,None,None)
        base=G*G/(H+s.l2)
        for j in range(B.shape[1]):
            nb=len(s.edges[j])+1
            if nb<2: continue
            bj=B[:,j][idx]
            gh=np.bincount(bj,weights=g[idx],minlength=nb); hh=np.bincount(bj,weights=h[idx],minlength=nb)
            cnt=np.bincount(bj,minlength=nb)
            gl=np.cumsum(gh)[:-1]; hl=np.cumsum(hh)[:-1]; cl=np.cumsum(cnt)[:-1]
            gr=G-gl; hr=H-hl; cr=len(idx)-cl
            gain=gl*gl/(hl+s.l2)+gr*gr/(hr+s.l2)-base
            gain[(cl<s.minleaf)|(cr<s.minleaf)]=-1
            k=int(np.argmax(gain))
            if gain[k]>best[0]: best=(gain[k],j,k)
        if best[1] is None: return ('leaf',-G/(H+s.l2))
        _,j,k=best
        m=B[:,j][idx]<=k
        thr=s.edges[j][k]  # x < thr  <=> bin<=k  (bin = #edges <= x)
        return ('split',j,k,thr,s._grow(B,g,h,idx[m],depth+1),s._grow(B,g,h,idx[~m],depth+1))
    def _predict_tree_bins(s,t,B):
        out=np.zeros(B.shape[0])
        def rec(t,idx):
            if t[0]=='leaf': out[idx]=t[1]; return
            m=B[idx,t[1]]<=t[2]
            rec(t[4],idx[m]); rec(t[5],idx[~m])
        rec(t,np.arange(B.shape[0])); return out
    def predict(s,X):
        out=np.full(X.shape[0],s.base)
        for t in s.trees:
            v=np.zeros(X.shape[0])
            def rec(t,idx):
                if t[0]=='leaf': v[idx]=t[1]; return
                m=X[idx,t[1]]<t[3]
                rec(t[4],idx[m]); rec(t[5],idx[~m])
            rec(t,np.arange(X.shape[0]))
            out+=s.lr*v
        return out
