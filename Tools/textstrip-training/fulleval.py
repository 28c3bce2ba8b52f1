# emulate Swift decision: phrase rules + threshold + dedupe, on OOF scores
from train import *
res=pickle.load(open('labels.pkl','rb'))
RULES={"share": 6, "newsletter": 6, "cookie-notice": 60, "pager": 6, "advertisement": 6, "navigation": 3,
        "call-to-action": 3, "related-links": 3, "comments": 3, "recommended": 5}
ic=names.index('copy'); icam=names.index('camel'); 
def decide(i, s, th, rules=True, dedupe=True):
    B=res[i][0]; X,lab,k,dom,lead,nw=FE[i][:6]
    seen=set(); out=[]
    for j in range(len(s)):
        kp=s[j]>=th
        if rules:
            if lead[j] in RULES and nw[j]<=RULES[lead[j]]: kp=False
        if kp and dedupe and nw[j]>=3:
            key=' '.join(B[j].lower().split())
            if key in seen: kp=False
            seen.add(key)
        out.append(kp)
    return out
def full_report(sc, ths=(-1.5,-1.25,-1,-0.75,-0.5), **kw):
    for th in ths:
        keep={i:decide(i,sc[i],th,**kw) for i in ids}
        r=evaluate(keep,cache,kinds)
        print('th',th, ' '.join(f"{g[:4]} {r[g][2]:.3f}" for g in ['article','forum','product','collection','listing','documentation','service']), f"ALL F1 {r['ALL'][2]:.3f} P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f}")
if __name__=='__main__':
    d=pickle.load(open(sys.argv[1],'rb'))
    full_report(d[2])
