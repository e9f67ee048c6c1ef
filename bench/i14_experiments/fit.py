import sys, pickle, statistics
sys.path.insert(0, '/work/wt/i14-claim-matching')
from factcheck import matching as m
from bench.claim_matching import average_precision_at
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
def X(split, feats):
    rows, labels, groups = [], [], []
    for i,(qid, rel, cs) in enumerate(split):
        for key, r in cs:
            rows.append([r[f] for f in feats]); labels.append(int(key in rel)); groups.append(i)
    return np.array(rows), np.array(labels), np.array(groups)
def mapk(split, model, feats, idx=None):
    aps=[]
    for i,(qid, rel, cs) in enumerate(split):
        if idx is not None and i not in idx: continue
        if not cs: aps.append(0.0); continue
        v=np.array([[r[f] for f in feats] for _,r in cs]); p=model.decision_function(v)
        conflict=[m.is_conflicting(r) for _,r in cs]
        prob=1/(1+np.exp(-p)); prob=np.where(conflict, np.minimum(prob, 0.6), prob)
        order=sorted(range(len(cs)), key=lambda j:(-round(prob[j],4), cs[j][1]["row"]))
        aps.append(average_precision_at([cs[j][0] for j in order], rel))
    return statistics.fmean(aps)
base=list(m.FEATURES); extra=list(m.EXTRA_FEATURES)
sets={"base":base,"base+ranks":base+extra[:2],"base+idf":base+extra[2:4],"base+all":base+extra}
for c in sys.argv[1:]:
    data=pickle.load(open(f'/tmp/i14/feat{c}.pkl','rb'))
    for name,feats in sets.items():
        for C in (1.0,10.0):
            Xt,yt,gt=X(data["train"],feats)
            # 5-fold CV over train queries
            n=len(data["train"]); cv=[]
            for tr,te in KFold(5,shuffle=True,random_state=14).split(np.arange(n)):
                mask=np.isin(gt,tr)
                mod=LogisticRegression(C=C,max_iter=3000,random_state=14).fit(Xt[mask],yt[mask])
                cv.append(mapk(data["train"],mod,feats,set(te)))
            mod=LogisticRegression(C=C,max_iter=3000,random_state=14).fit(Xt,yt)
            print(f"cands {c} {name:12} C={C:<4} trainCV {statistics.fmean(cv):.4f} dev {mapk(data['dev'],mod,feats):.4f}",flush=True)
