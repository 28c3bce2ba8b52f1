#!/usr/bin/env bash
# Regenerates winnow's language model and its test set from their sources:
#
#   Sources/Winnow/Language/LanguageModelData.swift   (from Lingua's models, PyPI, Apache-2.0)
#   Tests/Fixtures/language/paragraphs.tsv             (from GNOME Help and the Debian Administrator's
#                                                       Handbook, Debian packages, CC-BY-SA 3.0)
#
# Needs python3 with pip (installs `brotli` to read Lingua's files) and apt-get (downloads two
# Debian packages; nothing is installed). Work files go to a temporary folder.
#
# Usage: Tools/language-model/regenerate.sh            (both)
#        Tools/language-model/regenerate.sh model      (the model only)
#        Tools/language-model/regenerate.sh testset    (the test set only)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Tools/language-model"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
WHAT=${1:-all}

if [[ $WHAT == all || $WHAT == model ]]; then
    python3 -c "import brotli" 2>/dev/null || python3 -m pip install --quiet brotli
    # Lingua 1.4.2 is the last release whose sdist holds its models as plain files.
    python3 -m pip download --quiet --no-deps --no-binary :all: -d "$WORK" lingua-language-detector==1.4.2
    tar -xzf "$WORK"/lingua_language_detector-1.4.2.tar.gz -C "$WORK"
    python3 "$HERE/derive.py" "$WORK/lingua_language_detector-1.4.2/lingua/language-models" \
        "$ROOT/Sources/Winnow/Language/LanguageModelData.swift"
fi

if [[ $WHAT == all || $WHAT == testset ]]; then
    (cd "$WORK" && apt-get download gnome-user-docs debian-handbook >/dev/null)
    for deb in "$WORK"/*.deb; do
        name=$(basename "$deb"); name=${name%%_*}
        mkdir -p "$WORK/$name" && dpkg-deb -x "$deb" "$WORK/$name"
    done
    python3 "$HERE/make_testset.py" "$WORK" "$ROOT/Tests/Fixtures/language/paragraphs.tsv"
fi
