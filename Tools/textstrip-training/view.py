import pickle,sys
res=pickle.load(open('labels.pkl','rb'))
s1,b1,s2,b2=pickle.load(open(sys.argv[2],'rb'))
i=sys.argv[1]; th=float(sys.argv[3]); lo=int(sys.argv[4]) if len(sys.argv)>4 else 0; hi=int(sys.argv[5]) if len(sys.argv)>5 else 10**6
B,lab,k=res[i]
print(k,len(B))
for j,(b,l,s) in enumerate(zip(B,lab,s2[i])):
    if not lo<=j<hi: continue
    kp=s>th
    tag=('TP' if kp else 'FN') if l>0 else ('FP' if kp else '  ')
    print(f"{j:4d} {tag} {s:+5.1f} {b.replace(chr(10),' ⏎ ')[:130]}")
