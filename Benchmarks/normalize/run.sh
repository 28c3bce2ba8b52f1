#!/usr/bin/env bash
# Throughput of the `normalize` stage, in MB of text per second.
#
# Builds winnow in release mode, then runs two pipelines over the same pages in this one
# invocation, alternating them RUNS times:
#
#   base:       read, write
#   normalize:  read, normalize (PROFILE), write
#
# The stage's time is the difference between the two pipelines, measured two ways: the runner's
# own wall-clock "in X s" (which leaves out process start and pipeline loading), and the
# process's user+system CPU time (steadier on a shared machine; with JOBS=1 it is the work done);
# and summarized two ways: best run of each, and the median of the per-pair differences (more
# robust when other processes load the machine). Throughput is the pages' uncompressed text
# size divided by that time.
#
# Pages: the dev set's scraped text (../shared/datasets/scraped-text/*.txt.gz, next to the
# repository), or, when that folder is absent, a generated corpus of the same size and mix.
#
# Usage (from anywhere):
#   Benchmarks/normalize/run.sh
#   PROFILE=search RUNS=5 JOBS=2 Benchmarks/normalize/run.sh
#
# Environment: PROFILE (default|search|llm|archive, default "default"), RUNS (default 11),
# JOBS (workers, default 1 so the figure is per core), CORPUS (a folder of .txt/.txt.gz pages),
# SCRATCH (SwiftPM scratch path, default .build-norm), SWIFT (default: swift on PATH or /opt/swift),
# SKIP_BUILD=1 (reuse the release binary already in SCRATCH).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PROFILE=${PROFILE:-default}
RUNS=${RUNS:-11}
JOBS=${JOBS:-1}
SCRATCH=${SCRATCH:-$ROOT/.build-norm}
CORPUS=${CORPUS:-$ROOT/../shared/datasets/scraped-text}
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

BIN="$SCRATCH/release/winnow"
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -x "$BIN" ]; then
    echo "building winnow (release)..." >&2
    (cd "$ROOT" && "$SWIFT" build -c release --scratch-path "$SCRATCH" --product winnow >&2)
fi

if [ ! -d "$CORPUS" ]; then
    echo "no $CORPUS: generating a corpus" >&2
    CORPUS="$WORK/corpus"
    "$(dirname "$0")/generate.sh" "$CORPUS" 1358
fi

BYTES=$(find "$CORPUS" -maxdepth 1 -name '*.txt.gz' -exec gzip -dc {} + | wc -c)
BYTES=$((BYTES + $(find "$CORPUS" -maxdepth 1 -name '*.txt' -exec cat {} + | wc -c)))
PAGES=$(find "$CORPUS" -maxdepth 1 \( -name '*.txt.gz' -o -name '*.txt' \) | wc -l)

write_pipeline() { # name, stages
    cat > "$WORK/$1.yml" <<EOF
version: 1
input:
  folder: $CORPUS
  include: ["*.txt.gz", "*.txt"]
  recursive: false
output:
  folder: $WORK/out-$1
concurrency:
  jobs: $JOBS
stages: $2
EOF
}
write_pipeline base "[read, write]"
write_pipeline normalize "[read, {normalize: {profile: $PROFILE}}, write]"

run_once() { # pipeline name -> "wall cpu": the runner's seconds, and the process's user+system CPU seconds
    local line cpu
    cpu=$( { TIMEFORMAT='%U %S'; time "$BIN" run "$WORK/$1.yml" >/dev/null 2>"$WORK/$1.err" || true; } 2>&1 | awk '{print $1 + $2}')
    line=$(grep '^winnow: .* read, ' "$WORK/$1.err" | tail -1)
    [ -n "$line" ] || { echo "winnow run $1 failed:" >&2; cat "$WORK/$1.err" >&2; exit 1; }
    echo "$1: $line (cpu $cpu s)" >&2
    echo "$(echo "$line" | sed -E 's/.* in ([0-9.]+) s.*/\1/') $cpu"
}

: > "$WORK/times"
for run in $(seq 1 "$RUNS"); do
    run_once base > "$WORK/pair"; read -r bw bc < "$WORK/pair"
    run_once normalize > "$WORK/pair"; read -r nw nc < "$WORK/pair"
    echo "$bw $bc $nw $nc" >> "$WORK/times"
done

# Columns of $WORK/times: base wall, base cpu, normalize wall, normalize cpu (one line a pair).
awk -v bytes="$BYTES" -v pages="$PAGES" -v profile="$PROFILE" -v jobs="$JOBS" -v runs="$RUNS" '
function min(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
function median(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function report(name, t) {
    if (t <= 0.005) { printf "%-30s below the timer resolution\n", name; return }
    printf "%-30s %5.2f s -> %6.1f MB/s, %5.0f pages/s\n", name, t, mb / t, pages / t
}
{ n++; bw[n] = $1; bc[n] = $2; nw[n] = $3; nc[n] = $4; dw[n] = $3 - $1; dc[n] = $4 - $2 }
END {
    mb = bytes / 1e6
    printf "pages: %d, text: %.1f MB, profile: %s, jobs: %d, %d runs of each pipeline\n", pages, mb, profile, jobs, runs
    printf "%-30s %6s %9s %7s\n", "best of each", "wall s", "pages/s", "cpu s"
    printf "%-30s %6.2f %9.0f %7.2f\n", "read, write", min(bw, n), pages / min(bw, n), min(bc, n)
    printf "%-30s %6.2f %9.0f %7.2f\n", "read, normalize, write", min(nw, n), pages / min(nw, n), min(nc, n)
    report("normalize, best (wall)", min(nw, n) - min(bw, n))
    report("normalize, best (cpu)", min(nc, n) - min(bc, n))
    report("normalize, median pair (wall)", median(dw, n))
    report("normalize, median pair (cpu)", median(dc, n))
}' "$WORK/times"
