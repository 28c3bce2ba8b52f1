import pickle, numpy as np, csv, json
from collections import defaultdict
from load import D
def load_swift(path='swift_feats.tsv'):
    res=pickle.load(open('labels.pkl','rb'))
    meta=json.loads((D/'wcxb-dev'/'metadata.json').read_text())['files']
    rows=defaultdict(list); lead=defaultdict(list); nwd=defaultdict(list); first=defaultdict(list)
    with open(path) as f:
        hdr=f.readline().rstrip('\n').split('\t')
        names=hdr[6:]
        for line in f:
            p=line.rstrip('\n').split('\t')
            rows[p[0]].append([float(x) for x in p[6:]]); lead[p[0]].append(p[3]); first[p[0]].append(p[4]); nwd[p[0]].append(int(p[5]))
    FE={}
    bad=0
    for i,(B,lab,k) in res.items():
        X=np.array(rows.get(i,[]),float).reshape(-1,len(names))
        if len(X)!=len(B): bad+=1
        FE[i]=(X,np.array(lab),k,meta[i]['domain'],lead.get(i,[]),np.array(nwd.get(i,[]),float),first.get(i,[]))
    print('mismatch',bad)
    return FE,names
if __name__=='__main__':
    FE,names=load_swift()
    pickle.dump((FE,names),open('sfe.pkl','wb'))
