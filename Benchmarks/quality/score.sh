#!/usr/bin/env bash
# Extraction and metadata quality on the development sets, with ../shared/tools/score.py.
#
# Usage (from anywhere):  Benchmarks/quality/score.sh [wcxb-dev|readability|trafilatura-eval|scraped-text ...]
# Default: all four. Builds winnow in release mode, runs `read, strip, normalize, enrich, write`
# over each set into a temporary folder, turns each document's JSON into the scorer's
# {title, author, date} (authors joined by "; ", the page's date as yyyy-mm-dd), and prints the
# scorer's tables: word F1 / precision / recall, snippets, then metadata accuracy (with the count
# of values predicted where the truth has none). Needs ../shared next to the repository.
# Environment: SCRATCH=.build-x builds into another scratch folder; KEEP=DIR keeps the outputs there;
# The page's date is its publication date, else its last modification (the sets' truth is the one
# date the page shows, often its "Updated" date); DATE=published scores publication dates only.
# Documents left with no text are written too (`skip-empty: false`): their text scores as empty,
# as a missing file would, and their metadata is scored.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
DATA="$SHARED/datasets"
[ -d "$DATA" ] || { echo "score.sh: $DATA is absent; the development sets are not on this machine" >&2; exit 1; }
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(wcxb-dev readability trafilatura-eval scraped-text)
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
SCRATCH=${SCRATCH:-.build}
(cd "$ROOT" && "$SWIFT" build -c release --scratch-path "$SCRATCH" --product winnow >/dev/null)
WINNOW="$(cd "$ROOT" && cd "$SCRATCH" && pwd)/release/winnow"
if [ -n "${KEEP:-}" ]; then
  WORK="$KEEP"; mkdir -p "$WORK"
else
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
for set in "${SETS[@]}"; do
  case "$set" in
    wcxb-dev) folder="$DATA/wcxb-dev/html"; include='["*.html.gz"]' ;;
    readability) folder="$DATA/readability"; include='["*/source.html.gz"]' ;;
    trafilatura-eval) folder="$DATA/trafilatura-eval/html"; include='["*.html.gz"]' ;;
    scraped-text) folder="$DATA/scraped-text"; include='["*.txt.gz"]' ;;
    *) echo "score.sh: unknown set $set" >&2; exit 2 ;;
  esac
  out="$WORK/$set"
  rm -rf "$out" "$WORK/$set-pred"
  printf 'version: 1\ninput: {folder: "%s", include: %s}\noutput: "%s"\nstages: [read, strip, normalize, enrich, write: {formats: [txt, json], skip-empty: false}]\n' \
    "$folder" "$include" "$out" > "$WORK/$set.yml"
  "$WINNOW" run "$WORK/$set.yml" 2>&1 | tail -n 1
  pred="$WORK/$set-pred"
  # The scorer wants <id>.txt and <id>.json = {title, author, date}; readability's outputs are
  # <name>/source.*, named by their folder.
  python3 - "$out" "$pred" "$set" "${DATE:-published-or-modified}" <<'PY'
import json, os, shutil, sys
out, pred, name, dates = sys.argv[1:5]
os.makedirs(pred, exist_ok=True)
for folder, _, files in os.walk(out):
    for file in files:
        if not file.endswith(".json") or file.startswith("_"):
            continue
        base = file[:-5]
        ident = os.path.basename(folder) if name == "readability" else base
        with open(os.path.join(folder, file), encoding="utf-8") as handle:
            metadata = json.load(handle).get("metadata", {})
        value = lambda key: (metadata.get(key) or {}).get("value")
        authors = value("authors")
        published = value("published") or (value("modified") if dates == "published-or-modified" else None)
        record = {
            "title": value("title"),
            "author": "; ".join(authors) if authors else None,
            "date": published["iso"][:10] if published else None,
        }
        with open(os.path.join(pred, ident + ".json"), "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False)
        text = os.path.join(folder, base + ".txt")
        if os.path.exists(text):
            shutil.copyfile(text, os.path.join(pred, ident + ".txt"))
PY
  python3 "$SHARED/tools/score.py" --set "$set" --pred "$pred" --worst 0
done
