from train import *
import sys
res=pickle.load(open('labels.pkl','rb'))
sc=pickle.load(open(sys.argv[1],'rb'))
if isinstance(sc,tuple): sc=sc[2]
for minw in [0,1,3,6]:
  for th in [-1,-0.5]:
    keep={}
    for i in ids:
        B=res[i][0]; s=sc[i]; seen=set(); k=[]
        for j in range(len(s)):
            kp=s[j]>th
            if kp:
                key=' '.join(B[j].lower().split())
                if len(B[j].split())>=minw and key in seen and minw>0: kp=False
                seen.add(key)
            k.append(kp)
        keep[i]=k
    r=evaluate(keep,cache,kinds); print(minw,th,' '.join(f"{g[:4]} {r[g][2]:.3f}" for g in r), f"P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f}")
