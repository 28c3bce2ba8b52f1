from train import *
from ctx2 import ctx, CTXN
Xs={i:FE[i][0] for i in good}
s1,b1=cv(Xs,lr_fit,lr_pred)
print('pass1'); report(s1)
for n,b in zip(names+['bias'],b1): print(f"{n:8} {b:+.3f}", end='  ')
print()
iw=names.index('logw')
X2={i:np.hstack([ctx(s1[i],FE[i][5],FE[i][6]),FE[i][0]]) for i in good}
s2,b2=cv(X2,lr_fit,lr_pred)
print('pass2'); report(s2)
pickle.dump((s1,b1,s2,b2),open(sys.argv[1] if len(sys.argv)>1 else 'run1.pkl','wb'))
for n,b in zip(CTXN+names+['bias'],b2): print(f'{n:8} {b:+.3f}', end='  ')
