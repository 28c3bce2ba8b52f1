#!/usr/bin/env bash
# The Slurm integration test: a real cluster on loopback (Tools/slurm/cluster.sh: slurmctld, two
# emulated nodes, munge), a 4-task array job over the sample pages, status, merge, and a
# byte-for-byte comparison with a single-machine run; then one shard made to fail, re-submitted
# alone, and the merge completed. Every daemon is stopped at the end, also when a step fails.
#
#   Tools/slurm/test.sh              builds winnow (swift build) unless WINNOW=/path/to/winnow is set
#
# Needs root and: apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
started=$SECONDS

if [ -z "${WINNOW:-}" ]; then
  (cd "$repo" && swift build --product winnow >/dev/null)
  WINNOW="$(cd "$repo" && swift build --show-bin-path)/winnow"
fi
[ -x "$WINNOW" ] || { echo "test.sh: no winnow executable at $WINNOW" >&2; exit 1; }

work=$(mktemp -d /tmp/winnow-slurm.XXXXXX)
chmod 755 "$work"
cleanup() {
  local status=$?
  "$repo/Tools/slurm/cluster.sh" stop "$work/cluster" || true
  if [ "$status" != 0 ]; then
    echo "slurm test: FAILED (status $status); the cluster's logs:" >&2
    tail -n 30 "$work"/cluster/log/*.log 2>/dev/null >&2 || true
    for log in "$work"/out/_shards/logs/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; cat "$log" >&2; }; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step() { echo "slurm test [$((SECONDS - started)) s]: $*"; }
fail() { echo "slurm test: $*" >&2; exit 1; }

eval "$("$repo/Tools/slurm/cluster.sh" start "$work/cluster" $$)"
step "cluster up: $(sinfo -h -o '%P %D nodes %T' | tr '\n' ' ')"

# Jobs run from the work folder; sbatch passes this environment (SLURM_CONF) to them.
cd "$work"
cp -r "$repo/Samples" "$work/in"
pipeline="$repo/Pipelines/default.yml"
input="$work/in"
output="$work/out"

# Waits until every job id given has left the queue (120 s at most).
wait_jobs() {
  for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" -o %i 2>/dev/null)" ] && return 0
    sleep 0.2
  done
  squeue >&2
  fail "jobs $* still queued after 120 s"
}

# Submits through `winnow slurm ... --submit`; sets $array (the first array job), $arrays (all of
# them, space-separated) and $merge.
submit() {
  local printed
  printed=$("$WINNOW" slurm "$pipeline" --input "$input" --output "$output" --submit "$@")
  echo "$printed"
  arrays=$(sed -n 's/^array job: \([0-9]*\).*/\1/p' <<<"$printed" | tr '\n' ' ')
  array=${arrays%% *}
  merge=$(sed -n 's/^merge job: \([0-9]*\).*/\1/p' <<<"$printed")
  [ -n "$array" ] && [ -n "$merge" ] || fail "winnow slurm printed no job ids"
}

# --- 1. the script, then a 4-task array job and its merge
script=$("$WINNOW" slurm "$pipeline" --input "$input" --output "$output" --shards 4 --sbatch-args "--partition=ci --time=10")
grep -q '^#SBATCH --array=0-3$' <<<"$script" || fail "the script has no --array=0-3"
grep -q -- '--dependency=afterany:"$array" --partition=ci --time=10' <<<"$script" || fail "the merge job does not depend on the array job"
submit --shards 4 --sbatch-args "--partition=ci --time=10"
wait_jobs "$array" "$merge"
step "array job $array and merge job $merge finished"
tasks=$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED')
[ "$tasks" = 4 ] || { scontrol -o show job "$array" >&2; fail "expected 4 completed tasks, got $tasks"; }
nodes=$(scontrol -o show job "$array" | grep -o ' NodeList=n[0-9]' | sort -u | wc -l)
step "4 tasks completed on $nodes node(s)"
"$WINNOW" status "$output" || fail "status: not every shard is done"
grep -q "merged 4 of 4 shards" "$output"/_shards/logs/merge-"$merge".log || fail "the merge job did not merge"
"$WINNOW" run "$pipeline" --input "$input" --output "$work/single" --quiet
compare() {
  diff -r -x _run.json -x _timings.jsonl -x _winnow.lock -x _plan.json -x _shards "$work/single" "$output" \
    || fail "the merged folder differs from a single-machine run's"
  step "merged folder == single-machine run, byte for byte ($(find "$output" -path "$output/_shards" -prune -o -type f -print | wc -l) files)"
}
compare

# --- 2. one shard made to fail: a page becomes binary; everything is submitted again, this time
# as two arrays of two tasks (--max-array-size 2: the second takes its shards with --shard-offset 2)
victim="$input/html/news/battery-train-order.html"
cp -p "$victim" "$work/victim.html"
printf '\0\1\2\377\0PNG' >"$victim"
submit --shards 4 --max-array-size 2 --sbatch-args "--partition=ci --time=10"
[ "$(wc -w <<<"$arrays")" = 2 ] || fail "expected two array jobs, got: $arrays"
# shellcheck disable=SC2086
wait_jobs $arrays "$merge"
jobs=$(for id in $arrays; do scontrol -o show job "$id"; done)
[ "$(grep -c 'JobState=FAILED' <<<"$jobs")" = 1 ] && [ "$(grep -c 'JobState=COMPLETED' <<<"$jobs")" = 3 ] \
  || { echo "$jobs" >&2; fail "expected one failed task and three completed"; }
grep 'JobState=FAILED' <<<"$jobs" | grep -q 'ExitCode=1:0' || fail "the failed task's exit code is not 1"
set +e
"$WINNOW" status "$output" | tee "$work/status.txt"; status=${PIPESTATUS[0]}
set -e
[ "$status" = 1 ] || fail "status exit code $status, expected 1 (a shard failed)"
failed=$(sed -n 's/^shard 000\([0-9]\)  failed .*/\1/p' "$work/status.txt")
[ -n "$failed" ] || fail "status names no failed shard"
step "shard $failed failed as it should (exit code 1)"
grep -q "1 failed" "$output"/_shards/logs/merge-"$merge".log || fail "the merge job did not report the failed document"
for shard in 0 1 2 3; do cp "$output/_shards/000$shard/_done.json" "$work/done-$shard.json"; done

# --- 3. repaired, the failed shard alone is re-submitted; the merge completes
cp -p "$work/victim.html" "$victim"
grep -q "^#SBATCH --array=$failed\$" < <("$WINNOW" slurm "$pipeline" --input "$input" --output "$output" --rerun) \
  || fail "--rerun does not submit shard $failed alone"
submit --rerun
wait_jobs "$array" "$merge"
[ "$(scontrol -o show job "$array" | grep -c 'JobState=COMPLETED')" = 1 ] || fail "the re-run task did not complete"
grep -q "1 read, 1 written, 0 dropped, 0 failed, [0-9]* unchanged" "$output"/_shards/logs/shard-"$failed"-"$array".log \
  || { cat "$output"/_shards/logs/shard-"$failed"-"$array".log >&2; fail "the re-run shard redid more than its failed page"; }
for shard in 0 1 2 3; do
  [ "$shard" = "$failed" ] && continue
  cmp -s "$work/done-$shard.json" "$output/_shards/000$shard/_done.json" || fail "shard $shard was run again"
done
"$WINNOW" status "$output" || fail "status: not every shard is done after the re-run"
grep -q "merged 4 of 4 shards" "$output"/_shards/logs/merge-"$merge".log || fail "the second merge did not merge"
compare
step "passed"
