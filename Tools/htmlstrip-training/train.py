"""Fits the block model on blocks.pkl (from data.py): gradient-boosted trees over BlockFeatures
(the first pass), then, with --trees2 N, a second pass over the first pass's context (the
scores around each block, computed as winnow's HTMLContext does, from out-of-fold first-pass
scores) followed by the same features. Cross-validated with folds grouped by site (domain);
reports page-level word F1 by kind (held out) for the heuristics and each pass, and with
--export pickles the fitted passes for export.py.

Usage: python3 train.py [--trees N] [--depth D] [--folds K] [--trees2 N] [--export]
"""
import argparse, math, pickle, zlib
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

CORE_P, CORE_LEN = 0.8, 100

def context(scores, lengths, groups, threshold):
    """HTMLContext.rows of winnow (Sources/Winnow/Strip/HTML/HTMLContext.swift), number for number."""
    n = len(scores)
    if n == 0:
        return []
    scores = [float(x) for x in scores]
    sig = [1 / (1 + math.exp(-x)) for x in scores]
    weight = [float(l + 1) for l in lengths]
    kept = [x > threshold for x in scores]
    def sums(slot):
        table = {}
        for i in range(n):
            key = groups[i][slot]
            if key < 0:
                continue
            t = table.setdefault(key, [0.0, 0.0, 0, 0])
            t[0] += weight[i]; t[1] += weight[i] * sig[i]; t[2] += 1; t[3] += 1 if kept[i] else 0
        return table
    tables = [sums(0), sums(1), sums(2)]
    def others(slot, i):
        key = groups[i][slot]
        t = tables[slot].get(key) if key >= 0 else None
        if t is None or t[2] <= 1:
            return -1.0
        return (t[1] - weight[i] * sig[i]) / (t[0] - weight[i])
    total = float(max(1, sum(lengths)))
    kept_length = sum(lengths[i] for i in range(n) if kept[i])
    core = [sig[i] > CORE_P and lengths[i] >= CORE_LEN for i in range(n)]
    first = core.index(True) if True in core else None
    last = n - 1 - core[::-1].index(True) if True in core else None
    dist = [50.0] * n
    seen = None
    for i in range(n):
        if core[i]: seen = i
        if seen is not None: dist[i] = min(dist[i], float(i - seen))
    seen = None
    for i in range(n - 1, -1, -1):
        if core[i]: seen = i
        if seen is not None: dist[i] = min(dist[i], float(seen - i))
    rank = [0.0] * n
    for pos, i in enumerate(sorted(range(n), key=lambda j: (scores[j], j))):
        rank[i] = pos / max(1, n - 1)
    def score(i):
        return scores[i] if 0 <= i < n else -10.0
    rows, before = [], 0
    for i in range(n):
        ww = ws = 0.0
        for j in range(max(0, i - 3), min(n, i + 4)):
            if j != i:
                ww += weight[j]; ws += weight[j] * sig[j]
        skey = groups[i][0]
        sk = -1.0
        if skey >= 0 and tables[0][skey][2] > 1:
            t = tables[0][skey]
            sk = (t[3] - (1 if kept[i] else 0)) / (t[2] - 1)
        rows.append([scores[i], score(i - 1), score(i + 1), score(i - 2), score(i + 2),
                     ws / ww if ww > 0 else -1.0, others(0, i), sk, others(1, i), others(2, i),
                     kept_length / total,
                     (1.0 if i < first else 0.0) if first is not None else 0.0,
                     (1.0 if i > last else 0.0) if last is not None else 0.0,
                     dist[i], before / max(1, kept_length), rank[i]])
        if kept[i]:
            before += lengths[i]
    return rows

def matrices(pages, ids, key="rows"):
    X, y, w = [], [], []
    for pid in ids:
        page = pages[pid]
        if not page["rows"]:
            continue
        tot = max(1, sum(page["ntok"]))
        X += page[key]
        y += [1.0 if l >= 0.5 else 0.0 for l in page["labels"]]
        w += [0.02 + 100.0 * n / tot for n in page["ntok"]]
    return np.array(X), np.array(y), np.array(w)

def crossval(pages, ids, fold, folds, key, make):
    scores = {}
    for k in range(folds):
        train = [pid for pid in ids if fold[pid] != k]
        X, y, w = matrices(pages, train, key)
        model = make().fit(X, y, w)
        for pid in ids:
            if fold[pid] == k:
                scores[pid] = model.predict(np.array(pages[pid][key])) if pages[pid]["rows"] else np.array([])
        print(key, "fold", k, "done", flush=True)
    return scores

def report(name, pages, ids, scores):
    for t in (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5):
        show(f"{name} t={t}", page_scores(pages, {pid: scores[pid] > t for pid in ids}))

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=5)
    ap.add_argument("--lr", type=float, default=0.15)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--trees2", type=int, default=0, help="trees of the second (context) pass; 0: none")
    ap.add_argument("--lr2", type=float, default=0.15)
    ap.add_argument("--threshold1", type=float, default=-0.25, help="the first pass's keep threshold, as HTMLBlockModel.firstThreshold")
    ap.add_argument("--subsample", type=float, default=1.0)
    ap.add_argument("--export", action="store_true")
    a = ap.parse_args()
    pages = pickle.load(open("blocks.pkl", "rb"))
    ids = sorted(pages)
    show("heuristic", page_scores(pages, {pid: [r[1] > 0.5 for r in pages[pid]["rows"]] for pid in ids}))
    fold = {pid: zlib.crc32(pages[pid]["domain"].encode()) % a.folds for pid in ids}
    first = lambda: GBDT(ntrees=a.trees, depth=a.depth, lr=a.lr, minleaf=40, subsample=a.subsample)
    second = lambda: GBDT(ntrees=a.trees2, depth=a.depth, lr=a.lr2, minleaf=40, subsample=a.subsample)
    scores = crossval(pages, ids, fold, a.folds, "rows", first)
    pickle.dump(scores, open("heldout.pkl", "wb"))
    report("cv", pages, ids, scores)
    if a.trees2:
        for pid in ids:
            page = pages[pid]
            ctx = context(scores[pid], page["lengths"], page["groups"], a.threshold1)
            page["rows2"] = [c + r for c, r in zip(ctx, page["rows"])]
        scores2 = crossval(pages, ids, fold, a.folds, "rows2", second)
        pickle.dump(scores2, open("heldout2.pkl", "wb"))
        report("cv2", pages, ids, scores2)
    if a.export:
        X, y, w = matrices(pages, ids)
        model = first().fit(X, y, w)
        pickle.dump(model, open("model.pkl", "wb"))
        final = {pid: model.predict(np.array(pages[pid]["rows"])) if pages[pid]["rows"] else np.array([]) for pid in ids}
        if a.trees2:
            X, y, w = matrices(pages, ids, "rows2")
            model2 = second().fit(X, y, w)
            pickle.dump(model2, open("model2.pkl", "wb"))
            for pid in ids:
                page = pages[pid]
                if page["rows"]:
                    ctx = context(final[pid], page["lengths"], page["groups"], a.threshold1)
                    final[pid] = model2.predict(np.array([c + r for c, r in zip(ctx, page["rows"])]))
        report("in-sample", pages, ids, final)

if __name__ == "__main__":
    main()
