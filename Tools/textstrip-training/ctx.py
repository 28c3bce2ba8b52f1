import numpy as np
def bte(s, w):
    # max-sum contiguous subarray of s*w-ish; returns (a,b) inclusive
    best=-1e18; cur=0; start=0; ba=0; bb=-1
    for i,v in enumerate(s):
        if cur<=0: cur=v; start=i
        else: cur+=v
        if cur>best: best=cur; ba=start; bb=i
    return ba,bb
def ctx_features(s, nw):
    n=len(s)
    s=np.asarray(s,float); nw=np.asarray(nw,float)
    sig=1/(1+np.exp(-s))
    F=[]
    strong=[(sig[i]>0.8 and nw[i]>=15) for i in range(n)]
    idx=[i for i in range(n) if strong[i]]
    first=idx[0] if idx else n; last=idx[-1] if idx else -1
    # BTE on token-weighted centered score
    v=(sig-0.5)*np.log1p(nw)
    a,b=bte(v,nw)
    # distance to nearest strong
    dist=np.full(n,1e9)
    lastseen=-1e9
    for i in range(n):
        if strong[i]: lastseen=i
        dist[i]=i-lastseen
    lastseen=1e9
    for i in range(n-1,-1,-1):
        if strong[i]: lastseen=i
        dist[i]=min(dist[i],lastseen-i)
    tot=max(1.0,(sig*nw).sum())
    cum=np.cumsum(sig*nw)
    dens=np.convolve(sig*nw,np.ones(21),mode='same')
    mx=max(1.0,dens.max())
    totw=max(1.0,nw.sum())
    strongw=sum(nw[i] for i in idx)
    for i in range(n):
        def g(j): return s[j] if 0<=j<n else -3.0
        win=[sig[j] for j in range(max(0,i-3),min(n,i+4)) if j!=i]
        win6=[sig[j] for j in range(max(0,i-8),min(n,i+9)) if j!=i]
        F.append(dict(
            s=s[i], sp1=g(i-1), sn1=g(i+1), sp2=g(i-2), sn2=g(i+2),
            nmax=max(g(i-1),g(i+1)), nmin=min(g(i-1),g(i+1)),
            w3=np.mean(win) if win else 0, w8=np.mean(win6) if win6 else 0,
            between=1.0 if first<=i<=last else 0.0,
            inbte=1.0 if a<=i<=b else 0.0,
            ldist=np.log1p(min(dist[i],50)),
            before=cum[i]/tot, 
            nostrong=1.0 if not idx else 0.0,
            reldens=dens[i]/mx, logn=np.log1p(n), strongfrac=strongw/totw, nstrong=np.log1p(len(idx)),
            dfirst=(i-first)/max(1,n) if idx else 0.0, dlast=(i-last)/max(1,n) if idx else 0.0,
        ))
    return F
