#!/usr/bin/env bash
# Extraction quality on the development sets, with ../shared/tools/score.py.
#
# Usage (from anywhere):  Benchmarks/quality/score.sh [wcxb-dev|readability|trafilatura-eval|scraped-text ...]
# Default: all four. Builds winnow in release mode, runs `read, strip, write` over each set into
# a temporary folder, and prints the scorer's table. Needs ../shared next to the repository.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=$(cd "$ROOT/.." && pwd)/shared
DATA="$SHARED/datasets"
[ -d "$DATA" ] || { echo "score.sh: $DATA is absent; the development sets are not on this machine" >&2; exit 1; }
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(wcxb-dev readability trafilatura-eval scraped-text)
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
(cd "$ROOT" && "$SWIFT" build -c release --product winnow >/dev/null)
WINNOW="$ROOT/.build/release/winnow"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for set in "${SETS[@]}"; do
  case "$set" in
    wcxb-dev) folder="$DATA/wcxb-dev/html"; include='["*.html.gz"]' ;;
    readability) folder="$DATA/readability"; include='["*/source.html.gz"]' ;;
    trafilatura-eval) folder="$DATA/trafilatura-eval/html"; include='["*.html.gz"]' ;;
    scraped-text) folder="$DATA/scraped-text"; include='["*.txt.gz"]' ;;
    *) echo "score.sh: unknown set $set" >&2; exit 2 ;;
  esac
  out="$WORK/$set"
  printf 'version: 1\ninput: {folder: "%s", include: %s}\noutput: "%s"\nstages: [read, strip, write]\n' "$folder" "$include" "$out" > "$WORK/$set.yml"
  "$WINNOW" run "$WORK/$set.yml" 2>&1 | tail -n 1
  pred="$out"
  if [ "$set" = readability ]; then
    # Outputs are <name>/source.txt; the scorer wants <name>.txt.
    pred="$WORK/readability-flat"; mkdir -p "$pred"
    for f in "$out"/*/source.txt; do cp "$f" "$pred/$(basename "$(dirname "$f")").txt"; done
  fi
  python3 "$SHARED/tools/score.py" --set "$set" --pred "$pred" | awk '/^metadata/ {exit} {print}'
done
