#!/usr/bin/env bash
# Accuracy and speed of the language identifier.
#
# Builds the tests in release mode and runs the language suites with WINNOW_LANGUAGE_REPORT=1:
#   - accuracy on Tests/Fixtures/language/paragraphs.tsv (GNOME Help and the Debian
#     Administrator's Handbook, CC-BY-SA 3.0), per language, for paragraphs of 100+ characters
#     and shorter ones, with a confidence calibration table and the confusions;
#   - agreement with the declared language on real pages of ../shared/datasets (Readability's test
#     pages, the trafilatura evaluation set), with every disagreement (skipped without the folder);
#   - throughput on one thread, in texts/s and MB/s.
#
# Usage (from anywhere):  Benchmarks/language/run.sh
# Environment: SCRATCH (SwiftPM scratch path, default .build-lang), CONFIG (release|debug,
# default release), WINNOW_LANGUAGE_REPORT=2 also prints every misidentified paragraph.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${SCRATCH:-.build-lang}
CONFIG=${CONFIG:-release}
cd "$ROOT"
export WINNOW_LANGUAGE_REPORT=${WINNOW_LANGUAGE_REPORT:-1}
# Release test builds need -enable-testing for the tests' @testable imports.
FLAGS=(--scratch-path "$SCRATCH" -c "$CONFIG" -Xswiftc -enable-testing)
swift build "${FLAGS[@]}" --build-tests >/dev/null
swift test "${FLAGS[@]}" --skip-build \
    --filter 'LanguageAccuracyTests|LanguagePagesTests' 2>&1 |
    grep -v -E '^(\[|Test Suite|	 Executed|◇|↳)' 
