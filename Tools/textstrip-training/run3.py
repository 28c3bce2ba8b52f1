from train import *
from ctx2 import ctx, CTXN
import fulleval
d=pickle.load(open(sys.argv[1],'rb')); s2=d[2]
X3={i:np.hstack([ctx(s2[i],FE[i][5],FE[i][6]),FE[i][0]]) for i in good}
s3,b3=cv(X3,lr_fit,lr_pred)
fulleval.full_report(s3)
pickle.dump((d[0],d[1],s3,b3),open(sys.argv[2],'wb'))
