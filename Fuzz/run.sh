#!/usr/bin/env bash
# Builds winnow's libFuzzer targets (-sanitize=fuzzer,address, release) and runs one.
#
#   Fuzz/run.sh build                     build every target, run nothing
#   Fuzz/run.sh TARGET [SECONDS|-runs=N] [libFuzzer flags...]
#   Fuzz/run.sh TARGET path/to/crash      replay one input (reproduce a crash)
#
# TARGET: html (read + strip of HTML), text (read + strip of plain text), normalize (TextNormalizer),
# pipeline (PipelineLoader over YAML), rules (CSS selectors parsed and applied by the rules stage). The corpus lives in Fuzz/corpus/TARGET (created from the
# seeds: Samples/ pages and Pipelines/*.yml); crashes go to Fuzz/crashes/TARGET. Run one target
# at a time: each uses one core.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
# FUZZ_SANITIZE=fuzzer builds without AddressSanitizer (into .build-fuzz-nosan): about twice as
# many executions per second, for long campaigns; the default is fuzzer,address.
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
case "$sanitize" in
    fuzzer,address) scratch="$root/.build-fuzz" ;;
    fuzzer) scratch="$root/.build-fuzz-nosan" ;;
    *) echo "FUZZ_SANITIZE must be fuzzer,address or fuzzer" >&2; exit 2 ;;
esac

# The build compiles a snapshot of the sources (copied with their times, so rebuilds stay
# incremental): edits made to the tree while a build runs cannot break it halfway.
snapshot="$scratch/snapshot"
sync_folder() {  # copy newer files (in place, keeping times), delete the ones gone
    mkdir -p "$2"
    cp -a -u "$1/." "$2/"
    (cd "$2" && find . -type f) | while read -r file; do
        [ -e "$1/$file" ] || rm -f "$2/$file"
    done
}
build() {
    mkdir -p "$snapshot/Fuzz"
    sync_folder "$root/Sources" "$snapshot/Sources"
    sync_folder "$here/Sources" "$snapshot/Fuzz/Sources"
    cp -pu "$root/Package.swift" "$snapshot/Package.swift"
    cp -pu "$here/Package.swift" "$snapshot/Fuzz/Package.swift"
    if [ -f "$root/Package.resolved" ]; then cp -pu "$root/Package.resolved" "$snapshot/"; fi
    swift build -c release --package-path "$snapshot/Fuzz" --scratch-path "$scratch" \
        -Xswiftc -sanitize="$sanitize" -Xswiftc -parse-as-library 1>&2
}

if [ "${1:-}" = "" ]; then sed -n '2,11p' "$0"; exit 2; fi
target="$1"; shift
if [ "$target" = "build" ]; then build; exit 0; fi

case "$target" in
    html) product=FuzzHTML; dict="$here/dict/html.dict"; maxlen=2048 ;;
    text) product=FuzzText; dict="$here/dict/text.dict"; maxlen=2048 ;;
    normalize) product=FuzzNormalize; dict="$here/dict/text.dict"; maxlen=1024 ;;
    pipeline) product=FuzzPipeline; dict="$here/dict/yaml.dict"; maxlen=1024 ;;
    rules) product=FuzzRules; dict="$here/dict/css.dict"; maxlen=2048 ;;
    *) echo "unknown target '$target' (html, text, normalize, pipeline, rules)" >&2; exit 2 ;;
esac

binary="$scratch/release/$product"
if [ ! -x "$binary" ] || [ "${FUZZ_REBUILD:-0}" = 1 ]; then build; fi

corpus="$here/corpus/$target"
crashes="$here/crashes/$target"
mkdir -p "$corpus" "$crashes"
if [ -z "$(ls -A "$corpus")" ]; then
    # Seeds: the sample pages (cut to max_len) and the pipeline files.
    case "$target" in
        html) find "$root/Samples" -name '*.html' -exec cp {} "$corpus/" \; ;;
        text) find "$root/Samples" -name '*.txt' -exec cp {} "$corpus/" \; ;;
        normalize) for f in $(find "$root/Samples" -name '*.txt'); do
                       split -b 4000 "$f" "$corpus/$(basename "$f")."; done ;;
        pipeline) cp "$root"/Pipelines/*.yml "$corpus/" ;;
        rules) i=0; while IFS= read -r selector; do i=$((i + 1)); printf '%s' "$selector" > "$corpus/selector-$i"; done < "$here/dict/css-seeds.txt"
               for f in $(find "$root/Samples" -name '*.html'); do { printf 'article p, .share, nav > ul li:first-child'; printf '\0'; head -c 1800 "$f"; } > "$corpus/page-$(basename "$f")"; done ;;
    esac
fi

# A replayed input: a file argument that is not a flag.
if [ $# -ge 1 ] && [ -f "$1" ]; then exec "$binary" "$@"; fi

limit=()
if [ $# -ge 1 ]; then
    case "$1" in
        -runs=*) limit=("$1"); shift ;;
        [0-9]*) limit=("-max_total_time=$1"); shift ;;
    esac
fi
exec "$binary" "$corpus" -dict="$dict" -max_len="${FUZZ_MAX_LEN:-$maxlen}" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "${limit[@]}" "$@"
