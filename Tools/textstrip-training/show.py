import pickle,sys
res=pickle.load(open('labels.pkl','rb'))
i=sys.argv[1]
B,lab,k=res[i]
print(k)
for b,l in zip(B,lab):
    print(('++' if l==1 else '+?' if l>0 else '  '), b.replace('\n',' ⏎ ')[:160])
