"""Reads the block features winnow dumps for plain-text pages (WINNOW_TEXTSTRIP_FEATURES=1, json
with trace) and labels each block against the word-level truth of wcxb-dev. Writes pages.pkl.

Labels are a sequence alignment: every occurrence of a block's whole token run in the truth is a
candidate; the chain of candidates in block order that do not overlap in the truth and cover the
most tokens is content (label 1), the other blocks are not (0). A block of six tokens or more
outside the chain with 80% of its tokens in the truth is ambiguous (label 0.5, weight 0).

Usage (from a scratch folder): python3 data.py DUMP_DIR [DATASETS_DIR]
"""
import json, pickle, re, sys, unicodedata
from collections import Counter
from pathlib import Path

WORD = re.compile(r"\w+")


def toks(text):
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def occurrences(tokens, truth_string, offsets, limit=50):
    key = " " + " ".join(tokens) + " "
    found, start = [], 0
    while len(found) <= limit:
        at = truth_string.find(key, start)
        if at < 0:
            break
        found.append((offsets[at], offsets[at] + len(tokens)))
        start = at + 1
    return found


def label(block_tokens, truth):
    """Labels of the blocks (1, 0.5 or 0) by aligning their token runs with the truth's."""
    truth_string = " " + " ".join(truth) + " "
    offsets, at = {}, 0
    for index, word in enumerate(truth):
        offsets[at] = index
        at += len(word) + 1
    n = len(truth)
    # Fenwick tree of prefix maxima over end positions: (best covered tokens, candidate).
    tree = [(0, -1)] * (n + 2)

    def update(position, value):
        position += 1
        while position <= n + 1:
            if value[0] > tree[position][0]:
                tree[position] = value
            position += position & -position

    def query(position):
        position += 1
        best = (0, -1)
        while position > 0:
            if tree[position][0] > best[0]:
                best = tree[position]
            position -= position & -position
        return best

    candidates, best, previous = [], [], []
    for block, tokens in enumerate(block_tokens):
        if not tokens:
            continue
        pending = []
        for start, end in occurrences(tokens, truth_string, offsets):
            score, before = query(start)
            candidates.append(block)
            best.append(score + len(tokens))
            previous.append(before)
            pending.append((end, (best[-1], len(candidates) - 1)))
        for end, value in pending:
            update(end, value)
    labels = [0.0] * len(block_tokens)
    if candidates:
        at = max(range(len(candidates)), key=best.__getitem__)
        while at >= 0:
            labels[candidates[at]] = 1.0
            at = previous[at]
    truth_words = set(truth)
    for block, tokens in enumerate(block_tokens):
        if labels[block] == 0 and len(tokens) >= 6 and sum(w in truth_words for w in tokens) >= 0.8 * len(tokens):
            labels[block] = 0.5
    return labels


def read_dump(path):
    """The rows of one page's dump: dicts with the fields TextStripper.dump writes."""
    rows = []
    if not path.exists():
        return rows
    doc = json.loads(path.read_text())
    language = None
    for note in doc.get("trace", {}).get("notes", []):
        if note.startswith("textpage\t"):
            language = note.split("\t")[1]
        if not note.startswith("textfeatures\t"):
            continue
        _, index, words, first, forced, text_hash, score, values, clean, text = note.split("\t", 9)
        rows.append(dict(words=int(words), first=first, forced=forced, hash=text_hash, score=float(score),
                         x=[float(v) for v in values.split(",")], clean=clean.split(), text=text, language=language))
    return rows


def main():
    dump = Path(sys.argv[1])
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[3] / "shared/datasets"
    meta = json.loads((data / "wcxb-dev/metadata.json").read_text())["files"]
    pages = {}
    for page_id, info in sorted(meta.items()):
        truth = json.loads((data / "wcxb-dev/truth" / f"{page_id}.json").read_text())
        T = toks(truth.get("text") or "")
        rows = read_dump(dump / f"{page_id}.json")
        btoks = [toks(r["text"]) for r in rows]
        pages[page_id] = dict(kind=info["page_type"], domain=info["domain"],
                              X=[r["x"] for r in rows], words=[r["words"] for r in rows],
                              first=[r["first"] for r in rows], forced=[r["forced"] for r in rows],
                              hash=[r["hash"] for r in rows], score=[r["score"] for r in rows],
                              counts=[Counter(b) for b in btoks], ntok=[len(b) for b in btoks],
                              clean=[Counter(r["clean"]) for r in rows], language=rows[0]["language"] if rows else None,
                              labels=label(btoks, T), truth=Counter(T))
    pickle.dump(pages, open("pages.pkl", "wb"))
    print(len(pages), "pages,", sum(len(p["X"]) for p in pages.values()), "blocks")


if __name__ == "__main__":
    main()
