# extra local features
import math,re
from feats import clean
LEGAL=set("privacy cookie cookies personal data consent terms policy policies rights reserved disclaimer liability affiliate affiliates advertising advertisers partners third parties gdpr ccpa opt-out unsubscribe trademark trademarks registered copyright license licence compensation commission sponsored".split())
UI=set("menu search login logout sign register account cart basket checkout wishlist subscribe newsletter share tweet pin email print follow like comment comments reply replies loading close open toggle expand collapse skip navigation home back top previous next more less view show hide download apply filter sort clear select submit".split())
def extra(b, nw):
    ws=b.split()
    cw=[clean(w) for w in ws]; cw=[w for w in cw if w]
    n=max(1,len(cw))
    legal=sum(1 for w in cw if w in LEGAL)/n
    ui=sum(1 for w in cw if w in UI)/n
    code=sum(1 for w in ws if '_' in w or '{' in w or '}' in w or '=' in w or '()' in w)
    avgwl=sum(len(w) for w in cw)/n
    lower=sum(1 for w in ws if w[:1].islower())/max(1,len(ws))
    numonly=1 if cw and all(w.replace(',','').replace('.','').isdigit() for w in cw) else 0
    ago=1 if re.search(r'\b(ago|hours?|minutes?|days?|yesterday|today)\b',b.lower()) and len(ws)<=6 else 0
    return dict(legal=legal, ui=ui, code=math.log1p(code), avgwl=avgwl, lowerf=lower, numonly=numonly, ago=ago)
def runs(nws, th=4):
    n=len(nws); L=[0]*n; P=[0.0]*n
    i=0
    while i<n:
        if nws[i]<=th:
            j=i
            while j<n and nws[j]<=th: j+=1
            for k in range(i,j): L[k]=j-i; P[k]=(k-i)/max(1,j-i-1)
            i=j
        else: i+=1
    return L,P
