import pickle, numpy as np, json
from feats import *
from load import D
res=pickle.load(open('labels.pkl','rb'))
meta=json.loads((D/'wcxb-dev'/'metadata.json').read_text())['files']
out={}
langs=Counter()
for i,(B,lab,k) in res.items():
    F,lang=features(B); langs[lang]+=1
    out[i]=(F,lab,k,meta[i]['domain'])
pickle.dump(out,open('feats.pkl','wb'))
print(langs)
