from load import *
import bisect, pickle
def occurrences(bt, tstr, tpos):
    # bt: token list; tstr: ' '+joined+' '; tpos: char offset->token index map
    key=' '+' '.join(bt)+' '
    out=[]; s=0
    while True:
        k=tstr.find(key,s)
        if k<0: break
        out.append((tpos[k], tpos[k]+len(bt)))
        s=k+1
        if len(out)>50: break
    return out
def label(text,truth):
    B=blocks(text); T=toks(truth)
    tstr=' '+' '.join(T)+' '
    tpos={}; c=0
    for i,w in enumerate(T):
        tpos[c]=i; c+=len(w)+1
    cands=[]  # (start,end,block,weight)
    bts=[toks(b) for b in B]
    for j,bt in enumerate(bts):
        if not bt: continue
        for (s,e) in occurrences(bt,tstr,tpos):
            cands.append((s,e,j,len(bt)))
    # DP: chain of cands increasing in block index and in start>=prev end
    cands.sort(key=lambda x:(x[2],x[0]))
    best=[0]*len(cands); prev=[-1]*len(cands)
    # O(n^2) fallback fine for moderate sizes
    # optimize: process by block; maintain list of (end, bestscore) for earlier blocks
    import heapq
    done=[]  # list of (end, score, idx) from earlier blocks, sorted by end
    ends=[];scores=[];idxs=[];prefmax=[]
    cur_block=None; pending=[]
    def flush():
        for (e,sc,ix) in pending:
            k=bisect.bisect_right(ends,e)
            ends.insert(k,e); scores.insert(k,sc); idxs.insert(k,ix)
    for ci,(s,e,j,w) in enumerate(cands):
        if j!=cur_block:
            flush(); pending=[]; cur_block=j
        # best among ends<=s
        k=bisect.bisect_right(ends,s)
        bs=0;bi=-1
        # linear scan max over prefix (could be slow) 
        for q in range(k):
            if scores[q]>bs: bs=scores[q]; bi=idxs[q]
        best[ci]=bs+w; prev[ci]=bi
        pending.append((e,best[ci],ci))
    lab=[0.0]*len(B)
    if cands:
        ci=max(range(len(cands)),key=lambda x:best[x])
        while ci>=0:
            lab[cands[ci][2]]=1.0; ci=prev[ci]
    # partial matches for long unmatched blocks
    tset=Counter(T)
    for j,bt in enumerate(bts):
        if lab[j]==0 and len(bt)>=6:
            f=sum(1 for w in bt if w in tset)/len(bt)
            if f>=0.8: lab[j]=0.5
    return B,bts,lab
if __name__=='__main__':
    import sys
    res={}
    meta=json.loads((D/'wcxb-dev'/'metadata.json').read_text())['files']
    tot=[];
    for i in ids():
        t,tr=load(i)
        B,bts,lab=label(t,tr['text'])
        res[i]=(B,lab,tr['page_type'])
        pred=[w for bt,l in zip(bts,lab) if l>0 for w in bt]
        r=prf(pred,toks(tr['text']))
        if r: tot.append((tr['page_type'],r))
    pickle.dump(res,open('labels.pkl','wb'))
    import statistics
    print('oracle', [statistics.mean(x[1][k] for x in tot) for k in range(3)])
