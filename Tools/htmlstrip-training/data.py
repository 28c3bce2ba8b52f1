"""Reads the block features winnow dumps (WINNOW_HTMLSTRIP_FEATURES=1, json with trace) and labels
each block against the word-level truth of wcxb-dev. Writes blocks.pkl.

Usage (from a scratch folder): python3 data.py DUMP_DIR [DATASETS_DIR]
"""
import gzip, json, pickle, re, sys, unicodedata
from collections import Counter
from pathlib import Path

WORD = re.compile(r"\w+")

def toks(text):
    return WORD.findall(unicodedata.normalize("NFC", text).lower())

def label(block_tokens, truth_string, truth_trigrams):
    """1 when the block's words are in the truth: its whole token run for short blocks, half of
    its trigrams for longer ones."""
    if not block_tokens:
        return 0.0
    if len(block_tokens) < 3:
        return 1.0 if " " + " ".join(block_tokens) + " " in truth_string else 0.0
    grams = [tuple(block_tokens[i:i + 3]) for i in range(len(block_tokens) - 2)]
    return sum(g in truth_trigrams for g in grams) / len(grams)

def main():
    dump = Path(sys.argv[1])
    data = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[3] / "shared/datasets"
    meta = json.loads((data / "wcxb-dev/metadata.json").read_text())["files"]
    pages = {}
    for page_id, info in sorted(meta.items()):
        truth = json.loads((data / "wcxb-dev/truth" / f"{page_id}.json").read_text())
        T = toks(truth.get("text") or "")
        path = dump / f"{page_id}.json"
        rows, texts = [], []
        if path.exists():
            doc = json.loads(path.read_text())
            for note in doc.get("trace", {}).get("notes", []):
                if not note.startswith("features\t"):
                    continue
                _, index, values, text = note.split("\t", 3)
                rows.append([float(v) for v in values.split(",")])
                texts.append(text)
        tstring = " " + " ".join(T) + " "
        tri = set(tuple(T[i:i + 3]) for i in range(len(T) - 2))
        btoks = [toks(t) for t in texts]
        labels = [label(b, tstring, tri) for b in btoks]
        pages[page_id] = dict(kind=info["page_type"], domain=info["domain"], rows=rows,
                              counts=[Counter(b) for b in btoks], ntok=[len(b) for b in btoks],
                              labels=labels, truth=Counter(T))
    pickle.dump(pages, open("blocks.pkl", "wb"))
    print(len(pages), "pages,", sum(len(p["rows"]) for p in pages.values()), "blocks")

if __name__ == "__main__":
    main()
