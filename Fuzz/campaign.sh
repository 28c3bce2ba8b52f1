#!/usr/bin/env bash
# Runs fuzz targets one after the other (one core), each for a time, logging to Fuzz/logs/, and
# prints the executions and coverage of each run and the total. A run that finds a crash stops
# early; the input is in Fuzz/crashes/TARGET/ and the campaign goes on with the next target.
#
#   Fuzz/campaign.sh html:600 text:600 normalize:600 pipeline:600
#   FUZZ_SANITIZE=fuzzer Fuzz/campaign.sh ...      # without AddressSanitizer (faster)
#   Fuzz/campaign.sh --summary                     # the table of every log so far
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
logs="$here/logs"
mkdir -p "$logs"

summary() {
    printf '%-34s %12s %8s %8s %8s  %s\n' log executions exec/s cov ft result
    total=0
    for log in "$logs"/*.log; do
        [ -e "$log" ] || continue
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
        speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
        last=$(grep -E '^#[0-9]+' "$log" | tail -1)
        cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*')
        ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*')
        if [ -z "$runs" ]; then runs=$(echo "$last" | grep -o '^#[0-9]*' | tr -d '#'); fi
        result=ok
        if grep -qE 'ERROR: libFuzzer|Fatal error|==ERROR' "$log"; then result="CRASH $(grep -o 'Test unit written to .*' "$log" | tail -1)"; fi
        printf '%-34s %12s %8s %8s %8s  %s\n' "$(basename "$log")" "${runs:-0}" "${speed:--}" "${cov:--}" "${ft:--}" "$result"
        total=$((total + ${runs:-0}))
    done
    echo "total executions: $total"
}

if [ "${1:-}" = "--summary" ]; then summary; exit 0; fi
variant=$([ "${FUZZ_SANITIZE:-fuzzer,address}" = fuzzer ] && echo nosan || echo asan)
for item in "$@"; do
    target="${item%%:*}"
    seconds="${item##*:}"
    log="$logs/$(date +%H%M%S)-$variant-$target.log"
    echo "$(date +%T) $target for $seconds s ($variant) -> $log"
    "$here/run.sh" "$target" "$seconds" > "$log" 2>&1
done
summary
