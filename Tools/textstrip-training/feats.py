import math, re, unicodedata
from stop import STOP
from collections import Counter
SW={k:set(v) for k,v in STOP.items()}
PUNCT_END=set('.!?…:;')
CLOSERS=set('"\'”’»)]')
def words_of(b): return b.split()
def clean(w):
    # strip leading/trailing non-alnum, lowercase
    s=0;e=len(w)
    while s<e and not w[s].isalnum(): s+=1
    while e>s and not w[e-1].isalnum(): e-=1
    return w[s:e].lower()
def page_language(blocks):
    cnt=Counter()
    for b in blocks:
        ws=[clean(w) for w in b.split()]
        if len(ws)<8: continue
        for lang,s in SW.items():
            cnt[lang]+=sum(1 for w in ws if w in s)
    if not cnt: return 'en'
    return cnt.most_common(1)[0][0]
def camel_count(b):
    n=0
    for w in b.split():
        for a,c in zip(w,w[1:]):
            if a.islower() and c.isupper(): n+=1
    return n
CTA = ["share", "tweet", "sign up", "sign in", "log in", "login", "subscribe", "newsletter", "read more", "learn more", "click here", "cookie", "cookies", "recommended", "next article", "previous article", "related", "follow us", "advertisement", "skip to", "all rights reserved", "copyright", "privacy policy", "terms of", "contact us", "menu", "search", "comments", "reply", "posted by", "written by", "load more", "see more", "show more", "view all", "read next", "you may also like", "more from", "trending", "popular", "back to top", "add to cart", "add to bag", "buy now", "shop now", "order now", "download", "register", "loading"]
def norm(b): return ' '.join(clean(w) for w in b.split() if clean(w))
def features(blocks, lang=None):
    lang=lang or page_language(blocks)
    sw=SW[lang]
    n=len(blocks)
    norms=[norm(b) for b in blocks]
    dup=Counter(norms)
    F=[]
    for i,b in enumerate(blocks):
        ws=b.split(); nw=len(ws)
        cw=[clean(w) for w in ws]; cw=[w for w in cw if w]
        nsw=sum(1 for w in cw if w in sw)
        letters=sum(1 for c in b if c.isalpha()); upp=sum(1 for c in b if c.isupper())
        digits=sum(1 for c in b if c.isdigit())
        caps=sum(1 for w in ws if w[:1].isupper())
        st=b.rstrip()
        last=st[-1] if st else ''
        j=len(st)-1
        while j>=0 and st[j] in CLOSERS: j-=1
        endp = 1 if j>=0 and st[j] in '.!?…' else 0
        colon = 1 if j>=0 and st[j]==':' else 0
        sents=len(re.findall(r'[.!?…]["”’»)]?\s+["“„«(]?[A-ZÀ-Ý]', b))
        commas=b.count(',')
        lb=b.lower()
        cta=sum(1 for p in CTA if p in lb)
        f=dict(
            logw=math.log1p(nw), logc=math.log1p(len(b)),
            swd=nsw/max(1,len(cw)), logsw=math.log1p(nsw),
            endp=endp, colon=colon, sents=math.log1p(sents), commas=commas/max(1,nw),
            capf=caps/max(1,nw), allcaps=1 if letters>=3 and upp==letters else 0,
            digf=digits/max(1,len(b)), camel=math.log1p(camel_count(b)),
            lines=math.log1p(b.count('\n')), dup=math.log1p(dup[norms[i]]-1),
            pos=i/max(1,n-1), cta=min(cta,3)*(1 if nw<25 else 0.2),
            copy=1 if ('©' in b or 'copyright' in lb or 'all rights reserved' in lb) else 0,
            pipes=min(3,b.count('|')+b.count('•')+b.count('·')),
            short=1 if nw<=3 else 0, single=1 if nw==1 else 0,
            qmark=1 if last=='?' else 0,
            url=1 if ('http' in lb or 'www.' in lb or '@' in b) else 0,
        )
        F.append(f)
    return F,lang
