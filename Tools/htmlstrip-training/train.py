"""Fits the block model on blocks.pkl (from data.py): gradient-boosted trees over BlockFeatures,
cross-validated with folds grouped by site (domain), reports page-level word F1 by kind (held out)
for the heuristics and the model, and writes the fitted ensemble with export.py.

Usage: python3 train.py [--trees N] [--depth D] [--folds K] [--export]
"""
import argparse, pickle, zlib
from collections import Counter, defaultdict
import numpy as np
from gbdt import GBDT

KINDS = ("article", "forum", "product", "collection", "listing", "documentation", "service")

def prf(pred, truth):
    if not truth:
        return None
    if not pred:
        return (0.0, 0.0, 0.0)
    common = sum((pred & truth).values())
    if common == 0:
        return (0.0, 0.0, 0.0)
    p = common / sum(pred.values()); r = common / sum(truth.values())
    return (2 * p * r / (p + r), p, r)

def page_scores(pages, keeps):
    by = defaultdict(list)
    for pid, page in pages.items():
        pred = Counter()
        for c, k in zip(page["counts"], keeps[pid]):
            if k:
                pred.update(c)
        s = prf(pred, page["truth"])
        if s is None:
            continue
        by[page["kind"]].append(s); by["all"].append(s)
    return {k: tuple(np.mean(v, axis=0)) for k, v in by.items()}

def show(name, res):
    print(f"{name:>10} " + " ".join(f"{k[:5]}={res[k][0]:.3f}" for k in ("all",) + KINDS))

def matrices(pages, ids):
    X, y, w = [], [], []
    for pid in ids:
        page = pages[pid]
        if not page["rows"]:
            continue
        tot = max(1, sum(page["ntok"]))
        X += page["rows"]
        y += [1.0 if l >= 0.5 else 0.0 for l in page["labels"]]
        w += [0.02 + 100.0 * n / tot for n in page["ntok"]]
    return np.array(X), np.array(y), np.array(w)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.15)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--minleaf", type=int, default=40, help="least weight of rows in a leaf")
    ap.add_argument("--subsample", type=float, default=1.0, help="share of rows each tree sees")
    ap.add_argument("--export", action="store_true")
    a = ap.parse_args()
    pages = pickle.load(open("blocks.pkl", "rb"))
    ids = sorted(pages)
    show("heuristic", page_scores(pages, {pid: [r[1] > 0.5 for r in pages[pid]["rows"]] for pid in ids}))
    fold = {pid: zlib.crc32(pages[pid]["domain"].encode()) % a.folds for pid in ids}
    scores = {}
    for k in range(a.folds):
        train = [pid for pid in ids if fold[pid] != k]
        X, y, w = matrices(pages, train)
        model = GBDT(ntrees=a.trees, depth=a.depth, lr=a.lr, minleaf=a.minleaf, subsample=a.subsample).fit(X, y, w)
        for pid in ids:
            if fold[pid] == k and pages[pid]["rows"]:
                scores[pid] = model.predict(np.array(pages[pid]["rows"]))
            elif fold[pid] == k:
                scores[pid] = np.array([])
        print("fold", k, "done", flush=True)
    pickle.dump(scores, open("heldout.pkl", "wb"))
    for t in (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5):
        show(f"cv t={t}", page_scores(pages, {pid: scores[pid] > t for pid in ids}))
    if a.export:
        X, y, w = matrices(pages, ids)
        model = GBDT(ntrees=a.trees, depth=a.depth, lr=a.lr, minleaf=a.minleaf, subsample=a.subsample).fit(X, y, w)
        pickle.dump(model, open("model.pkl", "wb"))
        show("in-sample", page_scores(pages, {pid: (model.predict(np.array(pages[pid]["rows"])) > 0) if pages[pid]["rows"] else [] for pid in ids}))

if __name__ == "__main__":
    main()
