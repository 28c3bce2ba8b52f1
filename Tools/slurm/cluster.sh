#!/usr/bin/env bash
# A real Slurm cluster on loopback for tests: one slurmctld, two emulated compute nodes (n1, n2:
# two slurmd on this machine), munge; everything (configuration, state, spool, logs, PID files, the
# munge key and socket) in one folder. Root only; Debian's packages:
#   apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
#
#   Tools/slurm/cluster.sh start DIR [OWNER_PID]   start; prints the line to eval: export SLURM_CONF=…
#   Tools/slurm/cluster.sh stop DIR                stop every daemon this script started in DIR
#
# `start` also starts a watchdog that stops the cluster when OWNER_PID (default: the caller) ends
# or after WINNOW_SLURM_MAX_SECONDS (default 900), so a test that dies leaves nothing running.
# Callers should still `trap 'Tools/slurm/cluster.sh stop DIR' EXIT`.
set -euo pipefail

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [OWNER_PID]" >&2; exit 2; }

stop_pids() { # PID...: TERM their process groups (each leads one: started under setsid), wait, then KILL
  local pid alive
  for pid in "$@"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  for pid in "$@"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
}

stop() {
  [ -d "$dir/run" ] || return 0
  export SLURM_CONF="$dir/slurm.conf"
  # Jobs first, while slurmctld can still cancel them (their slurmstepd processes end with them).
  if [ -f "$dir/run/slurmctld.pid" ] && kill -0 "$(cat "$dir/run/slurmctld.pid")" 2>/dev/null; then
    timeout 5 scancel --quiet --full "--user=$(id -un)" 2>/dev/null || true
    for _ in $(seq 30); do
      [ -z "$(timeout 3 squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  local pids=() name pid
  for name in slurmd-n1 slurmd-n2 slurmctld munged; do
    if [ -f "$dir/run/$name.pid" ]; then
      pid=$(cat "$dir/run/$name.pid")
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
      rm -f "$dir/run/$name.pid"
    fi
  done
  [ ${#pids[@]} -eq 0 ] || stop_pids "${pids[@]}"
  if [ -f "$dir/run/watchdog.pid" ]; then
    local watchdog
    watchdog=$(cat "$dir/run/watchdog.pid")
    rm -f "$dir/run/watchdog.pid"
    [ "$watchdog" != "${BASHPID:-$$}" ] && kill "$watchdog" 2>/dev/null || true
  fi
}

free_port() { # a TCP port nobody listens on, from a random start
  local port=$((20000 + RANDOM % 30000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

start() {
  for tool in slurmctld slurmd sbatch squeue sinfo scontrol munged mungekey; do
    command -v "$tool" >/dev/null || { echo "cluster.sh: $tool is missing (apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge)" >&2; exit 1; }
  done
  [ "$(id -u)" = 0 ] || { echo "cluster.sh: run as root (slurmd and munged need it)" >&2; exit 1; }
  local owner=${3:-$PPID}
  stop
  # Fresh state every time: slurmctld restores old node states (a drained node stays drained).
  rm -rf "$dir"
  mkdir -p "$dir"/{state,spool/n1,spool/n2,log,run,munge}
  chmod 755 "$dir" "$dir"/{run,log}
  local host ctld n1 n2
  host=$(hostname -s)
  ctld=$(free_port); n1=$(free_port); n2=$(free_port)
  [ "$n1" != "$ctld" ] && [ "$n2" != "$n1" ] && [ "$n2" != "$ctld" ] || { n1=$((ctld + 1)); n2=$((ctld + 2)); }

  # munge: its own key, socket and files, run as the munge user.
  chown munge:munge "$dir/munge"
  chmod 700 "$dir/munge"
  mungekey --create --keyfile="$dir/munge/munge.key" --force >/dev/null
  chown munge:munge "$dir/munge/munge.key"
  chmod 600 "$dir/munge/munge.key"
  mkdir -p "$dir/munge-socket"
  chown munge:munge "$dir/munge-socket"
  chmod 755 "$dir/munge-socket"
  # In the foreground (-F) under setsid, so that $! is munged itself.
  setsid setpriv --reuid=munge --regid=munge --init-groups munged -F \
    --key-file="$dir/munge/munge.key" --socket="$dir/munge-socket/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
    --origin=127.0.0.1 >>"$dir/log/munged.out" 2>&1 </dev/null &
  echo $! >"$dir/run/munged.pid"
  for _ in $(seq 50); do [ -S "$dir/munge-socket/munge.socket" ] && break; sleep 0.1; done

  cat >"$dir/slurm.conf" <<EOF
ClusterName=winnowci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge-socket/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/run/slurmctld.conf-pid
SlurmdPidFile=$dir/run/slurmd-%n.conf-pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerParameters=sched_interval=2,bf_interval=2
MpiDefault=none
MailProg=/bin/true
NodeName=n1 NodeHostname=$host NodeAddr=127.0.0.1 Port=$n1 CPUs=2 State=UNKNOWN
NodeName=n2 NodeHostname=$host NodeAddr=127.0.0.1 Port=$n2 CPUs=2 State=UNKNOWN
PartitionName=ci Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"

  setsid slurmctld -D -f "$SLURM_CONF" >>"$dir/log/slurmctld.out" 2>&1 </dev/null &
  echo $! >"$dir/run/slurmctld.pid"
  for node in n1 n2; do
    setsid slurmd -D -N "$node" -f "$SLURM_CONF" >>"$dir/log/slurmd-$node.out" 2>&1 </dev/null &
    echo $! >"$dir/run/slurmd-$node.pid"
  done

  # The watchdog: stops the cluster when its owner is gone or time is up.
  local max=${WINNOW_SLURM_MAX_SECONDS:-900} self
  self=$(readlink -f "$0")
  setsid bash -c '
    owner=$1 max=$2 script=$3 dir=$4
    end=$((SECONDS + max))
    while kill -0 "$owner" 2>/dev/null && [ $SECONDS -lt $end ]; do sleep 1; done
    "$script" stop "$dir"
  ' watchdog "$owner" "$max" "$self" "$dir" >/dev/null 2>&1 </dev/null &
  echo $! >"$dir/run/watchdog.pid"

  # Ready when both nodes are idle.
  for _ in $(seq 150); do
    if [ "$(sinfo -h -N -o '%N %T' 2>/dev/null | grep -c ' idle')" = 2 ]; then
      echo "export SLURM_CONF=$SLURM_CONF"
      return 0
    fi
    sleep 0.2
  done
  echo "cluster.sh: the cluster did not come up in 30 s; logs in $dir/log:" >&2
  tail -n 20 "$dir"/log/*.log "$dir/munge/munged.log" >&2 2>/dev/null || true
  stop
  exit 1
}

case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop DIR [OWNER_PID]" >&2; exit 2 ;;
esac
