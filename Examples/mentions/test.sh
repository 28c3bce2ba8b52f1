#!/usr/bin/env bash
# Builds the example package and checks that its stage runs from a pipeline file: documents that
# mention the words are written with the tag, the others dropped with the stage's reason.
set -euo pipefail
cd "$(dirname "$0")"
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
"$SWIFT" build --product winnow-mentions 2>&1 | grep -E "warning:|error:" && { echo "Examples/mentions: the build printed warnings or errors" >&2; exit 1; }
BIN=$("$SWIFT" build --show-bin-path)/winnow-mentions
rm -rf output
"$BIN" validate mentions.yml
"$BIN" stages mentions | grep -q "drop-others"
"$BIN" run mentions.yml --force 2> run.log || { cat run.log >&2; exit 1; }
tail -n 1 run.log
grep -q '"dropped"' output/_manifest.jsonl || { echo "expected some documents dropped as no-mention" >&2; exit 1; }
grep -q '"reason":"no-mention"' output/_manifest.jsonl || { echo "the drop reason is missing" >&2; exit 1; }
tagged=$(grep -rl '"mentions"' output --include '*.json' | wc -l)
[ "$tagged" -ge 1 ] || { echo "no document was tagged" >&2; exit 1; }
# A mistake in the stage's options is a configuration error with its line and column.
printf 'version: 1\ninput: {folder: ../../Samples}\noutput: {folder: output}\nstages:\n  - mentions: {drop-others: true}\n' > bad.yml
if "$BIN" validate bad.yml 2> bad.log; then echo "expected a configuration error" >&2; exit 1; fi
grep -q "bad.yml:5:" bad.log || { cat bad.log >&2; exit 1; }
rm -f bad.yml bad.log run.log
echo "Examples/mentions: ok ($tagged documents tagged)"
