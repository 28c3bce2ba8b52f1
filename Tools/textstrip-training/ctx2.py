import numpy as np, math
CTXN=["s","sp1","sn1","sp2","sn2","nmax","nmin","w3","w8","between","inbte","ldist","before","nostrong","reldens","logn","strongfrac","nstrong","dfirst","dlast","barA","barB","isbar","spct","sdmax","sz","wrel","dheavy"]
BAR={'related-links','recommended','comments','newsletter','share','pager'}
def ctx(s, nw, lead=None):
    n=len(s); s=np.asarray(s,float); nw=np.asarray(nw,float)
    sig=1/(1+np.exp(-s))
    strong=(sig>0.8)&(nw>=15)
    idx=np.nonzero(strong)[0]
    first=idx[0] if len(idx) else n; last=idx[-1] if len(idx) else -1
    v=(sig-0.5)*np.log1p(nw)
    # max subarray
    best=-1e18;cur=0;start=0;a=0;b=-1
    for i in range(n):
        if cur<=0: cur=v[i]; start=i
        else: cur+=v[i]
        if cur>best: best=cur;a=start;b=i
    dist=np.full(n,50.0)
    ls=None
    for i in range(n):
        if strong[i]: ls=i
        if ls is not None: dist[i]=min(dist[i],i-ls)
    ls=None
    for i in range(n-1,-1,-1):
        if strong[i]: ls=i
        if ls is not None: dist[i]=min(dist[i],ls-i)
    mass=sig*nw
    tot=max(1.0,mass.sum()); cum=np.cumsum(mass)
    cs=np.concatenate([[0],np.cumsum(mass)])
    dens=np.array([cs[min(n,i+11)]-cs[max(0,i-10)] for i in range(n)])
    mx=max(1.0,dens.max()) if n else 1.0
    totw=max(1.0,nw.sum()); strongw=nw[strong].sum()
    csig=np.concatenate([[0],np.cumsum(sig)])
    isbar=np.array([1.0 if (lead is not None and lead[i] in BAR and nw[i]<=6) else 0.0 for i in range(n)])
    barA=np.zeros(n); barB=np.zeros(n)
    cnt=None
    for i in range(n):
        if strong[i]: cnt=0
        elif cnt is not None and isbar[i]: cnt+=1
        barA[i]=min(3,cnt) if cnt is not None else 0
    cnt=None
    for i in range(n-1,-1,-1):
        if strong[i]: cnt=0
        elif cnt is not None and isbar[i]: cnt+=1
        barB[i]=min(3,cnt) if cnt is not None else 0
    order=np.argsort(np.argsort(s,kind='stable'),kind='stable')
    smax=s.max(); smean=s.mean(); sstd=max(1e-6,s.std())
    lw=np.log1p(nw); lwmax=max(1e-6,lw.max()); heavy=int(np.argmax(mass))
    out=np.zeros((n,len(CTXN)))
    pad=lambda j: s[j] if 0<=j<n else -3.0
    for i in range(n):
        lo,hi=max(0,i-3),min(n,i+4); c3=hi-lo-1
        w3=(csig[hi]-csig[lo]-sig[i])/c3 if c3>0 else 0.0
        lo,hi=max(0,i-8),min(n,i+9); c8=hi-lo-1
        w8=(csig[hi]-csig[lo]-sig[i])/c8 if c8>0 else 0.0
        out[i]=[s[i],pad(i-1),pad(i+1),pad(i-2),pad(i+2),max(pad(i-1),pad(i+1)),min(pad(i-1),pad(i+1)),w3,w8,
                1.0 if first<=i<=last else 0.0, 1.0 if a<=i<=b else 0.0, math.log1p(dist[i]), cum[i]/tot,
                0.0 if len(idx) else 1.0, dens[i]/mx, math.log1p(n), strongw/totw, math.log1p(len(idx)),
                (i-first)/n if len(idx) else 0.0, (i-last)/n if len(idx) else 0.0, barA[i], barB[i], isbar[i], order[i]/max(1,n-1), s[i]-smax, (s[i]-smean)/sstd, lw[i]/lwmax, (i-heavy)/n]
    return out
