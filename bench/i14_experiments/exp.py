import sys, time, statistics, pickle
sys.path.insert(0, '/work/wt/i14-claim-matching')
from bench import claim_matching as bm
from factcheck import matching as m
import numpy as np
cands = int(sys.argv[1])
vclaims, queries, gold = bm.load_checkthat()
w = {"features": list(m.FEATURES), "coefficients": [0.0]*len(m.FEATURES), "intercept": 0.0}
t=time.time()
index = m.ClaimIndex(vclaims, weights=w, candidates=cands)
data = {}
for split in ("train","dev"):
    out=[]
    for qid, rel in sorted(gold[split].items()):
        rows = index.candidate_features(m.clean(queries[qid]))
        out.append((qid, rel, [(index.keys[r["row"]], r) for r in rows]))
    data[split]=out
print("built+features", time.time()-t)
pickle.dump(data, open(f'/tmp/i14/feat{cands}.pkl','wb'))
