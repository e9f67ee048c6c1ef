import sys, pickle, statistics
sys.path.insert(0,'/tmp/i14'); sys.argv_saved=sys.argv; 
exec(open('/tmp/i14/fit.py').read().split("base=list")[0])
base=list(m.FEATURES); extra=list(m.EXTRA_FEATURES)
def pairs(split, feats, idx):
    D=[];y=[]
    for i,(qid,rel,cs) in enumerate(split):
        if i not in idx: continue
        g=[np.array([r[f] for f in feats]) for k,r in cs if k in rel]
        ng=[np.array([r[f] for f in feats]) for k,r in cs if k not in rel]
        for a in g:
            for b in ng:
                D.append(a-b); y.append(1); D.append(b-a); y.append(0)
    return np.array(D),np.array(y)
class Lin:
    def __init__(s,coef,split,feats,idx):
        s.coef=coef
        X_,y_,g_=X(split,feats); mask=np.isin(g_,list(idx))
        cal=LogisticRegression(max_iter=3000).fit((X_[mask]@coef)[:,None],y_[mask])
        s.a=cal.coef_[0][0]; s.b=cal.intercept_[0]
    def decision_function(s,v): return s.a*(v@s.coef)+s.b
for c in sys.argv[1:]:
    data=pickle.load(open(f'/tmp/i14/feat{c}.pkl','rb'))
    for name,feats in {"base":base,"base+all":base+extra}.items():
        for C in (0.1,1.0,10.0):
            n=len(data["train"]); cv=[]
            for tr,te in KFold(5,shuffle=True,random_state=14).split(np.arange(n)):
                D,y=pairs(data["train"],feats,set(tr))
                mod=LogisticRegression(C=C,max_iter=3000,fit_intercept=False,random_state=14).fit(D,y)
                cv.append(mapk(data["train"],Lin(mod.coef_[0],data['train'],feats,set(tr)),feats,set(te)))
            D,y=pairs(data["train"],feats,set(range(n)))
            mod=LogisticRegression(C=C,max_iter=3000,fit_intercept=False,random_state=14).fit(D,y)
            print(f"pairwise cands {c} {name:10} C={C:<4} trainCV {statistics.fmean(cv):.4f} dev {mapk(data['dev'],Lin(mod.coef_[0],data['train'],feats,set(range(n))),feats):.4f}",flush=True)
