#!/usr/bin/env bash
# The speed budget table (see run.py for the rows and options). Builds winnow and winnow-bench in
# release mode, then runs every row in its own process on the same pages.
#
# Usage:  Benchmarks/speed/run.sh [--pages N] [--rounds R] [--scale K] [--no-trafilatura] [FOLDER]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SWIFT=${SWIFT:-$(command -v swift || echo /opt/swift/usr/bin/swift)}
(cd "$ROOT" && "$SWIFT" build -c release --product winnow >/dev/null && "$SWIFT" build -c release --product winnow-bench >/dev/null)
exec python3 "$ROOT/Benchmarks/speed/run.py" "$@"
