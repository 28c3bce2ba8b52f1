"""A small gradient-boosting fitter (logistic loss, numpy only): trees grown level by level on
quantile bins, one histogram pass per feature and level; rows may be subsampled per tree.

A tree is ('leaf', value) or ('split', feature, bin, threshold, left, right); rows whose feature
is below the threshold go left, as in winnow's TreeEnsemble.
"""
import numpy as np


class GBDT:
    def __init__(self, ntrees=100, depth=4, lr=0.1, nbins=32, minleaf=50, l2=1.0, subsample=1.0, seed=1):
        self.ntrees, self.depth, self.lr, self.nbins = ntrees, depth, lr, nbins
        self.minleaf, self.l2, self.subsample, self.seed = minleaf, l2, subsample, seed

    def fit(self, X, y, w):
        n, d = X.shape
        qs = np.linspace(0, 1, self.nbins + 1)[1:-1]
        self.edges = []
        for j in range(d):
            # Thresholds halfway between data values, so that a value computed a rounding error
            # apart (winnow's arithmetic is not numpy's to the last bit) falls on the same side.
            values = np.unique(X[:, j])
            edges = np.unique(np.quantile(X[:, j], qs))
            below = values[np.maximum(0, np.searchsorted(values, edges, side="left") - 1)]
            edges = np.where(below < edges, (below + edges) / 2, edges)
            self.edges.append(np.unique(edges[edges > values[0]]))
        B = np.empty((d, n), np.int64)
        for j in range(d):
            B[j] = np.searchsorted(self.edges[j], X[:, j], side="right")
        p0 = np.clip(np.average(y, weights=w), 1e-6, 1 - 1e-6)
        self.base = float(np.log(p0 / (1 - p0)))
        F = np.full(n, self.base)
        rng = np.random.default_rng(self.seed)
        self.trees = []
        for _ in range(self.ntrees):
            p = 1 / (1 + np.exp(-F))
            g, h = w * (p - y), w * p * (1 - p)
            rows = np.nonzero(rng.random(n) < self.subsample)[0] if self.subsample < 1 else np.arange(n)
            tree = self._grow(B, g, h, rows)
            self.trees.append(tree)
            F += self.lr * self._predict_bins(tree, B)
        return self

    def _grow(self, B, g, h, rows):
        nb, l2, minleaf = self.nbins, self.l2, self.minleaf
        # Each level: the open nodes (as placeholders in their parent) and which node a row is in.
        root = {"rows": rows}
        level = [root]
        for _ in range(self.depth):
            K = len(level)
            node_of = np.full(B.shape[1], K, np.int64)
            for k, node in enumerate(level):
                node_of[node["rows"]] = k
            active = node_of[rows]
            gr, hr = g[rows], h[rows]
            G = np.bincount(active, gr, K + 1)[:K]
            H = np.bincount(active, hr, K + 1)[:K]
            C = np.bincount(active, minlength=K + 1)[:K]
            best_gain = np.zeros(K)
            best = [None] * K
            parent = G * G / (H + l2)
            for j in range(B.shape[0]):
                bins = len(self.edges[j]) + 1
                if bins < 2:
                    continue
                key = active * nb + B[j, rows]
                gh = np.bincount(key, gr, (K + 1) * nb)[:K * nb].reshape(K, nb)
                hh = np.bincount(key, hr, (K + 1) * nb)[:K * nb].reshape(K, nb)
                ch = np.bincount(key, minlength=(K + 1) * nb)[:K * nb].reshape(K, nb)
                gl, hl, cl = np.cumsum(gh, 1)[:, :-1], np.cumsum(hh, 1)[:, :-1], np.cumsum(ch, 1)[:, :-1]
                gain = gl * gl / (hl + l2) + (G[:, None] - gl) ** 2 / (H[:, None] - hl + l2) - parent[:, None]
                gain[(cl < minleaf) | (C[:, None] - cl < minleaf)] = -1
                gain[:, bins - 1:] = -1
                at = np.argmax(gain, 1)
                value = gain[np.arange(K), at]
                for k in np.nonzero(value > best_gain)[0]:
                    best_gain[k] = value[k]
                    best[k] = (j, int(at[k]))
            following = []
            for k, node in enumerate(level):
                node["value"] = float(-G[k] / (H[k] + l2))
                if best[k] is None:
                    continue
                j, b = best[k]
                here = node["rows"]
                left = B[j, here] <= b
                node["split"] = (j, b, float(self.edges[j][b]))
                node["left"], node["right"] = {"rows": here[left]}, {"rows": here[~left]}
                following += [node["left"], node["right"]]
            level = following
            if not level:
                break
        for node in level:
            here = node["rows"]
            node["value"] = float(-g[here].sum() / (h[here].sum() + l2))
        return self._freeze(root)

    def _freeze(self, node):
        if "split" not in node:
            return ("leaf", node["value"])
        j, b, threshold = node["split"]
        return ("split", j, b, threshold, self._freeze(node["left"]), self._freeze(node["right"]))

    def _predict_bins(self, tree, B):
        out = np.zeros(B.shape[1])

        def walk(t, idx):
            if t[0] == "leaf":
                out[idx] = t[1]
                return
            m = B[t[1], idx] <= t[2]
            walk(t[4], idx[m])
            walk(t[5], idx[~m])
        walk(tree, np.arange(B.shape[1]))
        return out

    def predict(self, X):
        return predict_trees(self.trees, self.base, self.lr, X)


def predict_trees(trees, base, lr, X):
    """The scores of rows X under trees in the tuple form (what TreeEnsemble computes)."""
    out = np.full(X.shape[0], base)
    for tree in trees:
        v = np.zeros(X.shape[0])

        def walk(t, idx):
            if t[0] == "leaf":
                v[idx] = t[1]
                return
            m = X[idx, t[1]] < t[3]
            walk(t[4], idx[m])
            walk(t[5], idx[~m])
        walk(tree, np.arange(X.shape[0]))
        out += lr * v
    return out
