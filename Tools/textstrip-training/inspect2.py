import pickle,sys,numpy as np
res=pickle.load(open('labels.pkl','rb'))
sc=pickle.load(open(sys.argv[2] if len(sys.argv)>2 else 's2.pkl','rb'))
th=float(sys.argv[3]) if len(sys.argv)>3 else -1.5
i=sys.argv[1]
B,lab,k=res[i]
print(k)
for b,l,s in zip(B,lab,sc[i]):
    kp=s>th
    tag=('TP' if kp else 'FN') if l>0 else ('FP' if kp else '  ')
    print(f"{tag} {s:+5.1f} {b.replace(chr(10),' ⏎ ')[:150]}")
