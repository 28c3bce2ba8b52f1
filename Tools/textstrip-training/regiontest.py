from train import *
s1,b1,s2,b2=pickle.load(open('run1.pkl','rb'))
for th in [-1.5,-1]:
    keep={}
    for i in ids:
        lab=FE[i][1]; s=s2[i]
        pos=np.nonzero(lab>0)[0]
        if len(pos)==0: keep[i]=list(s>th); continue
        a,b=pos[0],pos[-1]
        keep[i]=[ (s[j]>th) and a<=j<=b for j in range(len(s))]
    print('oracle region th',th); show(evaluate(keep,cache,kinds))
