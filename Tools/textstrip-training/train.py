"""Fits the text stripper's model (TextModel.swift) on the blocks of pages.pkl (data.py) and
reports the held-out page-level word F1 by kind, emulating winnow's decision.

0. Lexicon: a logistic regression over the blocks' words (words seen on --lexicon sites or
   more), whose score is the last local feature (`lex`, TextLexicon), out of fold.
1. First pass: logistic regression (IRLS) over the local features of TextPage.
2. Second pass: gradient-boosted trees over the context features (context(), a port of
   TextContext.write, computed from the first-pass scores) followed by the local features. The
   second pass learns from out-of-fold first-pass scores, as winnow sees scores of unseen pages.
3. The decision, as TextClassifier.verdicts and TextStripper: phrase rules drop, the score must
   reach the page's bar (page_bar: the blocks that maximise the page's expected F-beta of words,
   from the scores calibrated on held-out pages; beta by mode), a block repeating a kept block's words goes, the headline stays, the
   section label goes; the words kept are those of the block without its fact lines.

Rows are weighted by the block's share of its page's tokens (+0.002), so every page counts about
the same, as in the per-page F1; ambiguous blocks (label 0.5) weigh nothing. Folds are grouped by
site (crc32 of the domain). The calibration (scale, offset) is fitted on the held-out scores
and exported with the model.

Usage (from the folder holding pages.pkl):
  python3 train.py [--folds 4] [--trees 120] [--depth 4] [--lr 0.1] [--subsample 0.7] [--trees3 0]
                   [--export PATH] [--check]
--check compares the scores winnow dumped (pages.pkl's "score") with this script's reading of
the TextModel.swift given by --model, block by block, and reports the decision on them (the
in-sample figure); no fitting.
"""
import argparse, math, pickle, re, sys, zlib
from collections import Counter, defaultdict
from pathlib import Path
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gbdt import GBDT, predict_trees  # noqa: E402

KINDS = ["article", "forum", "product", "collection", "listing", "documentation", "service"]
LEXICON_FLOOR = 0.2  # lexicon weights smaller than this are left out
LEXICON_LANGUAGE = "en"  # TextLexicon.language: the lexicon is learned on, and used for, these pages only
FLOOR_P = 0.05  # TextClassifier.floor: no block of a lower calibrated probability is kept
BETAS = {"precision": 0.7, "balanced": 1.05, "recall": 2.0}  # TextClassifier.beta
PARAGRAPH = {"precision": 0.15, "balanced": -0.75, "recall": -1.65}  # TextClassifier.threshold
LONG_BLOCK = 20  # TextClassifier.longBlock: from this many words on a block needs PARAGRAPH, not the page bar
CLOSES = {"related-links", "recommended", "comments", "newsletter", "share", "pager"}  # Reason.closesArticle

# The context features, in the order TextContext.write puts them.
CONTEXT = ["s", "sp1", "sn1", "sp2", "sn2", "nmax", "nmin", "w3", "w8", "between", "inbte", "ldist", "before",
           "nostrong", "reldens", "logn", "strongfrac", "nstrong", "dfirst", "dlast", "barA", "barB", "isbar",
           "srank", "sdmax", "wrel", "dheavy", "lwp1", "lwn1", "lwp2", "lwn2", "swdp1", "swdn1", "endpp1", "endpn1",
           "wbefore", "dlong"]
LOCAL_NEIGHBOURS = [("logw", -1), ("logw", 1), ("logw", -2), ("logw", 2), ("swd", -1), ("swd", 1), ("endp", -1), ("endp", 1)]
LOCAL = ["logw", "logc", "swd", "logsw", "endp", "colon", "sents", "commas", "capf", "allcaps", "digf",
         "camel", "lines", "dup", "pos", "cta", "copy", "pipes", "short", "single", "qmark", "url",
         "legal", "ui", "code", "avgwl", "lowerf", "numonly", "ago", "runlen", "capwin", "shortwin",
         "bio", "promo", "we", "you", "biostart", "lex"]


def context(s, words, first, local, ncontext=len(CONTEXT)):
    """The context features of a page's blocks (TextContext.write), one row a block."""
    s = np.asarray(s, float)
    n = len(s)
    nw = np.asarray(words, float)
    sig = 1 / (1 + np.exp(-s))
    strong = (sig > 0.8) & (nw >= 15)
    idx = np.nonzero(strong)[0]
    first_strong = idx[0] if len(idx) else n
    last_strong = idx[-1] if len(idx) else -1
    v = (sig - 0.5) * np.log1p(nw)
    best, cur, start, a, b = -math.inf, 0.0, 0, 0, 0
    for i in range(n):
        if cur <= 0:
            cur, start = v[i], i
        else:
            cur += v[i]
        if cur > best:
            best, a, b = cur, start, i
    dist = np.full(n, 50.0)
    seen = None
    for i in range(n):
        if strong[i]:
            seen = i
        if seen is not None:
            dist[i] = min(dist[i], i - seen)
    seen = None
    for i in range(n - 1, -1, -1):
        if strong[i]:
            seen = i
        if seen is not None:
            dist[i] = min(dist[i], seen - i)
    mass = np.concatenate([[0.0], np.cumsum(sig * nw)])
    sigs = np.concatenate([[0.0], np.cumsum(sig)])
    total = max(1.0, mass[n])
    ar = np.arange(n)
    density = mass[np.minimum(n, ar + 11)] - mass[np.maximum(0, ar - 10)]
    densest21 = max(1.0, density.max())
    all_words = max(1.0, nw.sum())
    strong_words = nw[strong].sum()
    barrier = np.array([first[i] in CLOSES and nw[i] <= 6 for i in range(n)])

    def barriers(order):
        out = np.zeros(n)
        count = None
        for i in order:
            if strong[i]:
                count = 0
            elif count is not None and barrier[i]:
                count += 1
            out[i] = min(3, count if count is not None else 0)
        return out
    above, below = barriers(range(n)), barriers(range(n - 1, -1, -1))
    padded = np.concatenate([[-3.0, -3.0], s, [-3.0, -3.0]])

    def window(r):
        low, high = np.maximum(0, ar - r), np.minimum(n, ar + r + 1)
        count = high - low - 1
        return np.where(count > 0, (sigs[high] - sigs[low] - sig) / np.maximum(count, 1), 0.0)
    has = len(idx) > 0
    p1, n1, p2, n2 = padded[1:n + 1], padded[3:n + 3], padded[0:n], padded[4:n + 4]
    cols = [s, p1, n1, p2, n2, np.maximum(p1, n1), np.minimum(p1, n1), window(3), window(8),
            ((first_strong <= ar) & (ar <= last_strong)).astype(float), ((a <= ar) & (ar <= b)).astype(float),
            np.log1p(dist), mass[1:] / total, np.full(n, 0.0 if has else 1.0), density / densest21,
            np.full(n, math.log1p(n)), np.full(n, strong_words / all_words), np.full(n, math.log1p(len(idx))),
            (ar - first_strong) / n if has else np.zeros(n), (ar - last_strong) / n if has else np.zeros(n),
            above, below, barrier.astype(float)]
    if ncontext > 23:
        # Rank of the score in the page (ties by position), distance to the best score, length
        # relative to the longest block, place of the heaviest block.
        order = np.lexsort((ar, s))
        rank = np.empty(n)
        rank[order] = ar
        heavy = int(np.argmax(sig * nw))
        lw = np.log1p(nw)
        cols += [rank / max(1, n - 1), s - s.max(), lw / max(1e-9, lw.max()), (ar - heavy) / n]
        for name, offset in LOCAL_NEIGHBOURS:
            column = local[:, LOCAL.index(name)]
            shifted = np.zeros(n)
            if offset < 0:
                shifted[-offset:] = column[:n + offset]
            else:
                shifted[:n - offset] = column[offset:]
            cols.append(shifted)
        words_before = np.concatenate([[0.0], np.cumsum(nw)])[:n]
        longest = int(np.argmax(nw))
        cols += [words_before / all_words, np.log1p(np.abs(ar - longest)) * np.sign(ar - longest)]
    return np.column_stack(cols)


def page_f1(page, keep):
    nt = sum(page["truth"].values())
    if nt == 0:
        return None
    predicted = Counter()
    for counts, kept in zip(page["counts"], keep):
        if kept:
            predicted.update(counts)
    npred = sum(predicted.values())
    if npred == 0:
        return (0.0, 0.0, 0.0)
    overlap = sum((predicted & page["truth"]).values())
    p, r = overlap / npred, overlap / nt
    return (p, r, 2 * p * r / (p + r) if p + r else 0.0)


def decide(page, scores, threshold, paragraph=None):
    """Which blocks winnow keeps with these second-pass scores (TextClassifier + TextStripper):
    blocks of LONG_BLOCK words or more need `paragraph` when it is given, the others `threshold`.
    (TextClassifier.isClean, which keeps a page without any furniture whole, holds for no
    wcxb-dev page and is left out.)"""
    keep, seen = [], set()
    for i, score in enumerate(scores):
        forced = page["forced"][i]
        needed = paragraph if paragraph is not None and page["words"][i] >= LONG_BLOCK else threshold
        if forced == "rule":
            kept = False
        elif score < needed:
            kept = False
        elif page["words"][i] >= 3 and page["hash"][i] != "0" and page["hash"][i] in seen:
            kept = False
        else:
            kept = True
            if page["words"][i] >= 3 and page["hash"][i] != "0":
                seen.add(page["hash"][i])
        if forced == "headline":
            kept = True
        elif forced == "section":
            kept = False
        keep.append(kept)
    return keep


def page_bar(scores, words, calibration, beta):
    """The score a page's blocks need (TextClassifier.bar): with the calibrated probabilities
    p = sigmoid(scale * score + offset) and the blocks' words w, keeping the k best-scored blocks
    gives an expected F-beta of words of (1 + b²) Σₖ p·w / (Σₖ w + b² Σ p·w); the bar is the
    score of the k-th block of the best k, and never below the score of probability FLOOR_P."""
    s = np.asarray(scores, float)
    if len(s) == 0:
        return 0.0
    scale, offset = calibration
    p = 1 / (1 + np.exp(-(scale * s + offset)))
    w = np.asarray(words, float)
    order = np.argsort(-s, kind="stable")
    gain = (1 + beta * beta) * np.cumsum((p * w)[order]) / (np.cumsum(w[order]) + beta * beta * (p * w).sum() + 1e-9)
    floor = (math.log(FLOOR_P / (1 - FLOOR_P)) - offset) / scale
    return max(float(s[order[int(np.argmax(gain))]]), floor)


def calibrate(scores, Y, W, ids):
    """(scale, offset) of a logistic fit of the labels on the held-out scores."""
    S = np.concatenate([scores[p] for p in ids])
    beta = fit_logistic(S[:, None], np.concatenate([Y[p] for p in ids]), np.concatenate([W[p] for p in ids]), l2=0.0)
    return float(beta[0]), float(beta[1])


def report(pages, scores, threshold, paragraph=None):
    """Mean (P, R, F1) by kind and overall of winnow's decision with these scores; `threshold`
    is one number or a dictionary of page bars, `paragraph` what long blocks need."""
    by = defaultdict(list)
    for pid, page in pages.items():
        bar = threshold.get(pid, 0.0) if isinstance(threshold, dict) else threshold
        result = page_f1(page, decide(page, scores.get(pid, []), bar, paragraph))
        if result is not None:
            by[page["kind"]].append(result)
            by["ALL"].append(result)
    return {k: tuple(np.mean([x[j] for x in v]) for j in range(3)) for k, v in by.items()}


def show(title, r):
    print(f"{title}: ALL F1 {r['ALL'][2]:.3f} P {r['ALL'][0]:.3f} R {r['ALL'][1]:.3f} | "
          + " ".join(f"{k[:5]} {r[k][2]:.3f}" for k in KINDS), flush=True)


def table(r):
    print("| | F1 | P | R |\n| --- | ---: | ---: | ---: |")
    for k in ["ALL"] + KINDS:
        print(f"| {k if k != 'ALL' else 'all'} | {r[k][2]:.3f} | {r[k][0]:.3f} | {r[k][1]:.3f} |")


def fit_lexicon(pages, ids, Y, W, min_sites=5, l2=1.0, shrink=2.0):
    """The word weights of TextLexicon: a logistic regression over the English pages' blocks' clean words (as
    winnow sees them: data.py's "clean"), each word counted over the block's known words plus
    `shrink`; only words seen on min_sites sites or more, so that no site's own vocabulary is
    learned. Rows weigh as in the fit (every page about the same)."""
    import scipy.sparse as sp
    from scipy.optimize import minimize
    ids = [p for p in ids if pages[p].get("language") == LEXICON_LANGUAGE]
    sites = defaultdict(set)
    for p in ids:
        for counts in pages[p]["clean"]:
            for tok in counts:
                sites[tok].add(pages[p]["domain"])
    vocab = sorted(t for t, s in sites.items() if len(s) >= min_sites)
    index = {t: i for i, t in enumerate(vocab)}
    rows, cols, vals, ys, ws = [], [], [], [], []
    r = 0
    for p in ids:
        for counts, y, w in zip(pages[p]["clean"], Y[p], W[p]):
            if w == 0:
                continue
            known = [(index[t], c) for t, c in counts.items() if t in index]
            n = sum(c for _, c in known) + shrink
            for i, c in known:
                rows.append(r); cols.append(i); vals.append(c / n)
            ys.append(y); ws.append(w)
            r += 1
    A = sp.csr_matrix((vals, (rows, cols)), shape=(r, len(vocab)))
    y, w = np.array(ys), np.array(ws)

    def loss(beta):
        z = A @ beta[:-1] + beta[-1]
        p = 1 / (1 + np.exp(-z))
        eps = 1e-12
        f = -(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() + 0.5 * l2 * (beta[:-1] ** 2).sum()
        g = w * (p - y)
        grad = np.concatenate([A.T @ g + l2 * beta[:-1], [g.sum()]])
        return f, grad
    res = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options=dict(maxiter=300))
    return {t: float(res.x[i]) for t, i in index.items() if abs(res.x[i]) >= LEXICON_FLOOR}


def lexicon_feature(page, lex, shrink=2.0):
    """The lexicon score of each block (TextLexicon.score): its known words' weights summed, over
    their number plus `shrink`; 0 on pages of another language than the lexicon's."""
    if page.get("language") != LEXICON_LANGUAGE:
        return np.zeros(len(page["clean"]))
    out = []
    for counts in page["clean"]:
        total, known = 0.0, 0
        for tok, c in counts.items():
            v = lex.get(tok)
            if v is not None:
                total += c * v
                known += c
        out.append(total / (known + shrink))
    return np.array(out)


def fit_logistic(X, y, w, l2=1e-3):
    X = np.hstack([X, np.ones((len(X), 1))])
    beta = np.zeros(X.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(X @ beta)))
        grad = X.T @ (w * (p - y)) + l2 * beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + l2 * np.eye(X.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


def first_pass(beta, X):
    return X @ beta[:-1] + beta[-1]


def read_ensemble(text):
    """(base, rate, trees) of an ensemble in TreeEnsemble's text form."""
    parts = " ".join(text.split()).split("|")
    base, rate = (float(x) for x in parts[0].split())

    def read(tokens, at):
        token = tokens[at]
        if token.startswith("="):
            return ("leaf", float(token[1:])), at + 1
        feature, threshold = token.split("<")
        left, at = read(tokens, at + 1)
        right, at = read(tokens, at)
        return ("split", int(feature), 0, float(threshold), left, right), at
    return base, rate, [read(p.split(), 0)[0] for p in parts[1:]]


def read_lexicon(path):
    """The word weights in a TextModel.swift's lexiconText."""
    body = re.search(r'lexiconText = """\n(.*?)"""', Path(path).read_text(), re.S).group(1)
    return {word: float(weight) for word, weight in (line.split() for line in body.strip().splitlines())}


def read_model(path):
    """The first-pass weights and the tree passes [(base, rate, trees)] of a TextModel.swift."""
    text = Path(path).read_text()
    weights = re.search(r"firstPassWeights: \[Double\] = \[(.*?)\]", text, re.S).group(1)
    beta = np.array([float(x) for x in weights.replace("\n", " ").split(",")])
    passes = [read_ensemble(body) for body in re.findall(r'PassText = """\n(.*?)"""', text, re.S)]
    return beta, [p for p in passes if p[2]]


def model_scores(beta, passes, page, X):
    """The scores TextClassifier.scores gives a page's blocks (local features X)."""
    s = first_pass(beta, X)
    for base, rate, trees in passes:
        ncontext = len(CONTEXT) if max_feature(trees) >= 23 + len(LOCAL) else 23
        row = np.hstack([context(s, page["words"], page["first"], X, ncontext)[:, :ncontext], X])
        s = predict_trees(trees, base, rate, row)
    return s


def fmt(x):
    return f"{x:.6g}"


def encode(model):
    def tokens(t, out):
        if t[0] == "leaf":
            out.append("=" + fmt(t[1]))
            return
        out.append(f"{t[1]}<{t[3]!r}")
        tokens(t[4], out)
        tokens(t[5], out)
    if model is None:
        return "0 1"
    parts = [f"{fmt(model.base)} {fmt(model.lr)}"]
    for t in model.trees:
        out = []
        tokens(t, out)
        parts.append(" ".join(out))
    return "|".join(parts)


def wrap(words, width):
    lines, cur = [], ""
    for tok in words:
        if cur and len(cur) + len(tok) + 1 > width:
            lines.append(cur)
            cur = tok
        else:
            cur = cur + " " + tok if cur else tok
    return lines + [cur]


SWIFT_TEMPLATE = '''/// The learned parameters of the text classifier (generated by
/// `Tools/textstrip-training/train.sh --export`; do not edit by hand).
///
/// Fitted on block features of page-wide scraped text with word-level truth, cross-validated by
/// site: a logistic first pass over the NLOCAL local features of ``TextPage``, then
/// NTREES boosted trees of depth DEPTH over the NCONTEXT context features of ``TextContext``
/// (from the first pass's scores) followed by the local ones; THIRD
enum TextModel {
    /// First-pass weights, in the order of ``TextPage/featureNames``, then the bias.
    static let firstPassWeights: [Double] = [
        WEIGHTS
    ]

    /// The first-pass log-odds of a block's local features.
    static func firstPass(_ row: UnsafeBufferPointer<Double>) -> Double {
        var sum = firstPassWeights[row.count]
        for (value, weight) in zip(row, firstPassWeights) { sum += value * weight }
        return sum
    }

    /// The second pass: boosted trees over the context features and then the local features.
    static let secondPass = TreeEnsemble(secondPassText)

    /// The third pass, if it has trees: the same over the context of the second pass's scores.
    static let thirdPass = TreeEnsemble(thirdPassText)

    /// The calibration of the last pass's scores, fitted on held-out pages: the probability that
    /// a block is content is sigmoid(scale * score + offset).
    static let calibration = (scale: SCALE, offset: OFFSET)

    /// The lexicon of ``TextLexicon``: a word and its weight a line.
    static let lexiconText = """
        LEXICON
        """

    /// The second pass's trees in ``TreeEnsemble``'s text form.
    static let secondPassText = """
        SECOND
        """

    /// The third pass's trees in ``TreeEnsemble``'s text form.
    static let thirdPassText = """
        THIRD_TREES
        """
}
'''


def export(path, beta, second, third, args, lexicon, calibration):
    """Writes TextModel.swift."""
    nl = "\n        "
    lexicon_lines = [f"{word} {weight:.4g}" for word, weight in sorted(lexicon.items())]
    weights = wrap([repr(float(x)) + "," for x in beta[:-1]] + [repr(float(beta[-1]))], 110)
    second_text = wrap(encode(second).split(" "), 140)
    third_text = wrap(encode(third).split(" "), 140)
    third_doc = (f"then {len(third.trees)} trees of depth {args.depth3} over the same\n/// features with the context"
                 " computed from the second pass's scores.") if third else "no third pass."
    src = (SWIFT_TEMPLATE.replace("NLOCAL", str(len(LOCAL))).replace("NTREES", str(len(second.trees)))
           .replace("DEPTH", str(args.depth)).replace("NCONTEXT", str(len(CONTEXT))).replace("THIRD_TREES", nl.join(third_text))
           .replace("THIRD", third_doc).replace("SCALE", repr(calibration[0])).replace("OFFSET", repr(calibration[1])).replace("LEXICON", nl.join(lexicon_lines)).replace("WEIGHTS", nl.join(weights)).replace("SECOND", nl.join(second_text)))
    Path(path).write_text(src)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="pages.pkl")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--subsample", type=float, default=0.7)
    ap.add_argument("--minleaf", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1, help="seed of the trees' row subsampling")
    ap.add_argument("--context", type=int, default=len(CONTEXT), help="context features used (23: the original set)")
    ap.add_argument("--trees3", type=int, default=0, help="trees of the third pass (0: none)")
    ap.add_argument("--depth3", type=int, default=4)
    ap.add_argument("--lexicon", type=int, default=5, help="the lexicon's words are those seen on this many sites or more")
    ap.add_argument("--cache", help="pickle of the second pass's fits, reused when it exists")
    ap.add_argument("--export", help="write TextModel.swift here")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--model", help="TextModel.swift for --check")
    args = ap.parse_args()
    pages = pickle.load(open(args.pages, "rb"))
    good = [p for p in sorted(pages) if pages[p]["X"]]
    X = {p: np.array(pages[p]["X"], float) for p in good}

    if args.check:
        beta, passes = read_model(args.model)
        worst = 0.0
        for p in good:
            s = model_scores(beta, passes, pages[p], X[p])
            worst = max(worst, float(np.abs(s - np.array(pages[p]["score"])).max()))
        print(f"check: largest difference between winnow's and train.py's scores {worst:.2g}")
        lexicon = read_lexicon(args.model)
        column = LOCAL.index("lex")
        worst = max(float(np.abs(lexicon_feature(pages[p], lexicon) - X[p][:, column]).max()) for p in good)
        print(f"check: largest difference between winnow's and train.py's lexicon scores {worst:.2g}")
        calibration = tuple(float(x) for x in re.search(r"calibration = \(scale: (\S+), offset: (\S+)\)", Path(args.model).read_text()).groups())
        results = {}
        for mode, beta in BETAS.items():
            bars = {p: page_bar(pages[p]["score"], pages[p]["words"], calibration, beta) for p in good}
            results[mode] = report(pages, {p: pages[p]["score"] for p in good}, bars, PARAGRAPH[mode])
            show(f"in-sample (winnow's own scores), {mode}", results[mode])
        print("balanced:")
        table(results["balanced"])
        return

    fold = {p: zlib.crc32(pages[p]["domain"].encode()) % args.folds for p in good}
    Y, W = {}, {}
    for p in good:
        lab = np.array(pages[p]["labels"])
        nt = np.array(pages[p]["ntok"], float)
        Y[p] = (lab > 0).astype(float)
        W[p] = np.where(lab == 0.5, 0.0, nt / max(1.0, nt.sum()) + 0.002) * 100
    # The lexicon feature (the last local one) out of fold, as the first pass's scores are: a
    # page's column comes from a lexicon fitted without its fold, so no page's own labels (nor
    # its site's) reach it; the column winnow dumped (from the lexicon in place) is replaced.
    lex_all = fit_lexicon(pages, good, Y, W, args.lexicon) if args.export else None
    for k in range(args.folds):
        lex = fit_lexicon(pages, [p for p in good if fold[p] != k], Y, W, args.lexicon)
        for p in good:
            if fold[p] == k:
                X[p][:, LOCAL.index("lex")] = lexicon_feature(pages[p], lex)
    print("lexicon fitted out of fold", flush=True)

    def stack(ids, table_):
        return np.concatenate([table_[p] for p in ids])

    def boosted(inputs, ntrees, depth, full):
        """Out-of-fold scores of boosted trees over inputs, and the fit on all pages (if full)."""
        def fit(ids):
            return GBDT(ntrees=ntrees, depth=depth, lr=args.lr, minleaf=args.minleaf, subsample=args.subsample, seed=args.seed).fit(
                np.vstack([inputs[p] for p in ids]), stack(ids, Y), stack(ids, W))
        scores = {}
        for k in range(args.folds):
            model = fit([p for p in good if fold[p] != k])
            for p in good:
                if fold[p] == k:
                    scores[p] = model.predict(inputs[p])
            print(f"fold {k} fitted", flush=True)
        return scores, fit(good) if full else None

    key = (args.folds, args.trees, args.depth, args.lr, args.subsample, args.minleaf, args.context, args.lexicon) + ((args.seed,) if args.seed != 1 else ())
    cached = pickle.load(open(args.cache, "rb")) if args.cache and Path(args.cache).exists() else None
    if cached and cached["key"] == key:
        s1, beta_all, s2, second = cached["s1"], cached["beta"], cached["s2"], cached["second"]
        print("second pass read from", args.cache)
    else:
        # First pass, out of fold, then on all pages.
        s1 = {}
        for k in range(args.folds):
            train = [p for p in good if fold[p] != k]
            beta = fit_logistic(np.vstack([X[p] for p in train]), stack(train, Y), stack(train, W))
            for p in good:
                if fold[p] == k:
                    s1[p] = first_pass(beta, X[p])
        beta_all = fit_logistic(np.vstack([X[p] for p in good]), stack(good, Y), stack(good, W))
        show("first pass alone, held out (threshold 0)", report(pages, s1, 0.0))
        X2 = {p: np.hstack([context(s1[p], pages[p]["words"], pages[p]["first"], X[p], args.context)[:, :args.context], X[p]])
              for p in good}
        s2, second = boosted(X2, args.trees, args.depth, bool(args.export or args.cache))
        if args.cache:
            pickle.dump(dict(key=key, s1=s1, beta=beta_all, s2=s2, second=second), open(args.cache, "wb"))
    final, third = s2, None
    if args.trees3:
        show("second pass, held out (threshold -0.75)", report(pages, s2, -0.75))
        X3 = {p: np.hstack([context(s2[p], pages[p]["words"], pages[p]["first"], X[p], args.context)[:, :args.context], X[p]])
              for p in good}
        final, third = boosted(X3, args.trees3, args.depth3, bool(args.export))
    for t in np.arange(-1.75, 0.01, 0.125):
        show(f"held out, one threshold {t:+.3f}", report(pages, final, t))
    calibration = calibrate(final, Y, W, good)
    print(f"calibration: p = sigmoid({calibration[0]:.4f} * score + {calibration[1]:.4f})")
    results = {}
    for mode, beta in BETAS.items():
        bars = {p: page_bar(final[p], pages[p]["words"], calibration, beta) for p in good}
        results[mode] = report(pages, final, bars, PARAGRAPH[mode])
        show(f"held out, {mode}: page bar beta {beta} for short blocks, {PARAGRAPH[mode]} for paragraphs", results[mode])
    print(f"\nheld out by site ({args.folds} folds), balanced:")
    table(results["balanced"])
    if args.export:
        export(args.export, beta_all, second, third, args, lex_all, calibration)
        print("wrote", args.export)


def max_feature(trees):
    best = -1

    def walk(t):
        nonlocal best
        if t[0] == "split":
            best = max(best, t[1])
            walk(t[4])
            walk(t[5])
    for t in trees:
        walk(t)
    return best


if __name__ == "__main__":
    main()
