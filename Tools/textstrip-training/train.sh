#!/usr/bin/env bash
# Fits the plain-text stripper's model (Sources/Winnow/Strip/Text/TextModel.swift) in one go:
#
#   1. builds winnow (release) into the scratch folder,
#   2. dumps the block features of every scraped-text page (WINNOW_TEXTSTRIP_FEATURES=1),
#   3. labels the blocks against the wcxb-dev truth (data.py) and fits the model, printing the
#      held-out page-level word F1 by page kind, folds grouped by site (train.py),
#   4. with --export: writes TextModel.swift, rebuilds, dumps again and checks that winnow's scores
#      are train.py's, then prints the in-sample figure (what score.sh shows on scraped-text).
#
# Usage (from anywhere):
#   Tools/textstrip-training/train.sh [--scratch PATH] [--work DIR] [--export] [-- TRAIN_OPTIONS]
# --scratch  SwiftPM scratch folder (default .build, relative to the repository)
# --work     folder for the dump and pages.pkl (default /tmp/textstrip-training; ~600 MB)
# TRAIN_OPTIONS go to train.py (--folds 4 --trees 120 --depth 4 --lr 0.1 --subsample 0.7 --trees3 0 ...).
# Needs python3 with numpy and ../shared/datasets next to the repository.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DATA=$(cd "$ROOT/.." && pwd)/shared/datasets
SCRATCH=.build
WORK=/tmp/textstrip-training
EXPORT=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scratch) SCRATCH=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --export) EXPORT=1; shift ;;
    --) shift; break ;;
    *) echo "train.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -d "$DATA/scraped-text" ] || { echo "train.sh: $DATA/scraped-text is absent" >&2; exit 1; }
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
MODEL="$ROOT/Sources/Winnow/Strip/Text/TextModel.swift"

dump() {
  (cd "$ROOT" && "$SWIFT" build -c release --scratch-path "$SCRATCH" --product winnow >/dev/null)
  local winnow
  winnow="$(cd "$ROOT" && cd "$SCRATCH" && pwd)/release/winnow"
  rm -rf "$WORK/dump"
  printf 'version: 1\ninput: {folder: "%s", include: ["*.txt.gz"]}\noutput: {folder: "%s"}\ntrace: true\nstages: [read, strip, write: {formats: [json], trace: true}]\n' \
    "$DATA/scraped-text" "$WORK/dump" > "$WORK/dump.yml"
  WINNOW_TEXTSTRIP_FEATURES=1 "$winnow" run "$WORK/dump.yml" --force --quiet
  (cd "$WORK" && python3 "$HERE/data.py" "$WORK/dump" "$DATA")
}

echo "== features of the scraped-text pages (winnow as built now)"
dump
if [ "$EXPORT" = 1 ]; then
  (cd "$WORK" && python3 "$HERE/train.py" "$@" --export "$MODEL")
  echo "== rebuilding with the new model and checking its scores"
  dump
  (cd "$WORK" && python3 "$HERE/train.py" --check --model "$MODEL")
else
  (cd "$WORK" && python3 "$HERE/train.py" "$@")
fi
