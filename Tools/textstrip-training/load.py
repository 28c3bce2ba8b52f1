import gzip, json, re, unicodedata
from collections import Counter
from pathlib import Path
D=Path('/work/shared/datasets')
WORD=re.compile(r"\w+")
def toks(s): return WORD.findall(unicodedata.normalize('NFC',s).lower())
def load(i):
    t=gzip.decompress((D/'scraped-text'/f'{i}.txt.gz').read_bytes()).decode()
    tr=json.loads((D/'wcxb-dev'/'truth'/f'{i}.json').read_text())
    return t,tr
def blocks(text):
    lines=[l.rstrip() for l in re.split(r'\r\n|\r|\n',text)]
    lines=['' if l.strip()=='' else l for l in lines]
    hasblank=any(l=='' for l in lines)
    out=[];cur=[]
    for l in lines:
        if l=='':
            if cur: out.append('\n'.join(cur)); cur=[]
        else:
            cur.append(l)
            if not hasblank: out.append('\n'.join(cur)); cur=[]
    if cur: out.append('\n'.join(cur))
    return out
def ids():
    return sorted(p.name[:-7] for p in (D/'scraped-text').glob('*.txt.gz'))
def prf(pred,truth):
    p,t=Counter(pred),Counter(truth)
    np_,nt=sum(p.values()),sum(t.values())
    if nt==0: return None
    if np_==0: return (0,0,0)
    ov=sum((p&t).values()); P=ov/np_; R=ov/nt
    return (P,R,2*P*R/(P+R) if P+R else 0)
