#!/usr/bin/env bash
# Incremental runs: the time of a full run over 10,000 pages, and of a rerun when nothing changed.
#
# Usage (from anywhere):  Benchmarks/incremental/run.sh [PAGES]     (default 10000)
# Builds winnow in release mode; the corpus is the wcxb-dev pages of ../shared repeated (each copy
# in its own folder) when they are present, otherwise generated pages. Runs the default pipeline
# into a temporary folder twice and prints both times and their ratio.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PAGES=${1:-10000}
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
(cd "$ROOT" && "$SWIFT" build -c release --product winnow >/dev/null)
WINNOW="$ROOT/.build/release/winnow"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA="$ROOT/../shared/datasets/wcxb-dev/html"
python3 - "$WORK/in" "$PAGES" "$DATA" <<'PY'
import os, sys, shutil, glob
out, pages, data = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sources = sorted(glob.glob(os.path.join(data, "*.html.gz")))
n = 0
copy = 0
while n < pages:
    folder = os.path.join(out, "copy%02d" % copy)
    os.makedirs(folder, exist_ok=True)
    if sources:
        for path in sources:
            if n >= pages: break
            shutil.copyfile(path, os.path.join(folder, os.path.basename(path)))
            n += 1
    else:
        for i in range(1000):
            if n >= pages: break
            body = "".join("<p>Paragraph %d of page %d, long enough to be kept as content, with commas.</p>" % (j, n) for j in range(30))
            open(os.path.join(folder, "p%05d.html" % n), "w").write(
                "<html><head><title>Page %d</title></head><body><nav><a href=/>Home</a></nav><article><h1>Page %d</h1>%s</article><footer>Copyright</footer></body></html>" % (n, n, body))
            n += 1
    copy += 1
print("corpus: %d pages (%s)" % (n, "wcxb-dev repeated" if sources else "generated"))
PY
PIPELINE="$ROOT/Pipelines/default.yml"
t0=$(date +%s.%N)
"$WINNOW" run "$PIPELINE" --input "$WORK/in" --output "$WORK/out" 2>&1 | tail -n 1
t1=$(date +%s.%N)
"$WINNOW" run "$PIPELINE" --input "$WORK/in" --output "$WORK/out" 2>&1 | tail -n 1
t2=$(date +%s.%N)
python3 -c "
full, rerun = $t1 - $t0, $t2 - $t1
print(f'full run: {full:.2f} s   unchanged rerun: {rerun:.2f} s   rerun / full: {rerun / full:.3f}')"
