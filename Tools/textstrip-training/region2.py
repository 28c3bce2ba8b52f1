from train import *
s1,b1,s2,b2=pickle.load(open('run1.pkl','rb'))
def maxsub(v):
    best=-1e18;cur=0;start=0;a=0;b=-1
    for j,x in enumerate(v):
        if cur<=0: cur=x; start=j
        else: cur+=x
        if cur>best: best=cur;a=start;b=j
    return a,b
for clip in [3]:
 for c in [0.5,1.0,1.5]:
  for th,out in [(-1,3),(-1,5)]:
    keep={}
    for i in ids:
        s=s2[i]
        if len(s)==0: keep[i]=[]; continue
        a,b=maxsub(np.clip(s,-clip,clip)+c)
        keep[i]=[(s[j]>th and a<=j<=b) or s[j]>out for j in range(len(s))]
    r=evaluate(keep,cache,kinds); print(clip,c,th,out,' '.join(f"{g[:4]} {r[g][2]:.3f}" for g in r), f"P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f}")
