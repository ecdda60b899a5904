#!/usr/bin/env bash
# A single-node Slurm on this machine for tests (issue 13): Debian's slurmctld, slurmd and munge,
# the files of the cluster (slurm.conf, state, spool, logs, pid files, a private munged's socket)
# under DIR, nothing written under /etc/slurm. Recipe: ../shared/reference/slurm.md. (munged
# refuses a DIR below a directory that is not root-owned, e.g. in a home: its files then go to
# /run/aprime-munge/<checksum of DIR>, removed by stop.)
#
#   scripts/slurm/local-cluster.sh start DIR    install when missing, start, wait for the node;
#                                               prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm/local-cluster.sh stop DIR     drain the queue, shut down, verify nothing is left
#   scripts/slurm/local-cluster.sh status DIR   daemons, node and queue; exit 0 only if running
#
# In a test:  eval "$(scripts/slurm/local-cluster.sh start "$d")"
#             trap 'scripts/slurm/local-cluster.sh stop "$d"' EXIT
# start and stop are idempotent; stop is safe at any moment (also during or after a failed start).
#
# Needs root (daemons, runuser munge); when not root it re-runs itself with password-less sudo.
# Environment: APRIME_SLURM_PORT (slurmctld port; slurmd uses the next one; default: the first
# free pair from 6817 on),
# APRIME_SLURM_START_TIMEOUT (s, default 60), APRIME_SLURM_DRAIN_TIMEOUT (s the queue gets to
# empty before everything is cancelled, default 120), APRIME_SLURM_STOP_TIMEOUT (s per shutdown
# step, default 30), APRIME_SLURM_CONF_EXTRA (lines appended to slurm.conf).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

START_TIMEOUT=${APRIME_SLURM_START_TIMEOUT:-60}
DRAIN_TIMEOUT=${APRIME_SLURM_DRAIN_TIMEOUT:-120}
STOP_TIMEOUT=${APRIME_SLURM_STOP_TIMEOUT:-30}
CTLD_PORT=${APRIME_SLURM_PORT:-6817}
PACKAGES=(slurmctld slurmd slurm-client munge)
PROGRAMS=(slurmctld slurmd sbatch squeue sinfo scontrol scancel munged munge unmunge)

say() { echo "local-cluster: $*" >&2; }
die() {
  echo "local-cluster: $*" >&2
  exit 1
}
usage() { die "usage: $0 start|stop|status DIR"; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Run as root, or again through password-less sudo.
need_root() {
  [ "$(id -u)" -eq 0 ] && return 0
  if command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
    exec sudo -n --preserve-env=APRIME_SLURM_PORT,APRIME_SLURM_START_TIMEOUT,APRIME_SLURM_DRAIN_TIMEOUT,APRIME_SLURM_STOP_TIMEOUT,APRIME_SLURM_CONF_EXTRA \
      "$0" "$@"
  fi
  die "root (or password-less sudo) is needed to run slurmctld, slurmd and munged"
}

# Cluster paths of DIR (absolute, so that the exported SLURM_CONF works from anywhere).
set_paths() {
  DIR=$(realpath -m -- "$1")
  CONF="$DIR/slurm.conf"
  LOG="$DIR/log"
  CTLD_PID="$DIR/slurmctld.pid"
  SLURMD_PID="$DIR/slurmd.pid"
  # The munge socket of a cluster that has a slurm.conf is the one written in it.
  SOCKET=$(sed -n 's/^AuthInfo=socket=//p' "$CONF" 2> /dev/null | tail -n 1 || true)
  if [ -z "$SOCKET" ]; then
    SOCKET="$(munge_dir)/munge.socket"
  fi
  set_munge_paths
}

set_munge_paths() {
  MUNGE_DIR=$(dirname "$SOCKET")
  MUNGE_PID="$MUNGE_DIR/munged.pid"
}

# Where munged keeps socket, pid, log and seed: DIR/munge, unless munged would refuse it — it
# wants every directory above its files owned by root (or munge) and searchable by all, which a
# DIR in a user's home or in a mode-0700 temporary directory is not. Then a root-owned
# /run/aprime-munge/<checksum of DIR> is used instead (removed again by stop).
munge_dir() {
  local d=$DIR owner mode
  while [ "$d" != / ]; do
    if [ -e "$d" ]; then
      owner=$(stat -L -c %U "$d")
      mode=$(stat -L -c %A "$d")
      if [ "$d" != "$DIR" ]; then
        case "$owner:$mode" in
          root:d??[xs]??[xs]??[xt] | munge:d??[xs]??[xs]??[xt]) ;;
          *)
            echo "/run/aprime-munge/$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)"
            return 0
            ;;
        esac
      elif [ "$owner" != root ] && [ "$owner" != munge ]; then
        echo "/run/aprime-munge/$(printf '%s' "$DIR" | cksum | cut -d' ' -f1)"
        return 0
      fi
    fi
    d=$(dirname "$d")
  done
  echo "$DIR/munge"
}

# Live (not zombie) processes named `name`. A daemon that exited stays a zombie until PID 1
# reaps it, which on some machines takes a moment: it is gone for every purpose here.
live_pids() {
  local pid state
  for pid in $(pgrep -x "$1" || true); do
    state=$(sed 's/.*) //' 2> /dev/null < "/proc/$pid/stat" | cut -d' ' -f1)
    [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ] && echo "$pid"
  done
  return 0
}

# Pids of the processes named `name` that belong to this cluster: the Slurm daemons and their
# slurmstepd children carry SLURM_CONF=$CONF in their environment, our munged has our socket
# on its command line. Other clusters on the machine are left alone.
our_pids() {
  local name=$1 pid file needle
  if [ "$name" = munged ]; then
    file=cmdline needle="--socket=$SOCKET"
  else
    file=environ needle="SLURM_CONF=$CONF"
  fi
  for pid in $(live_pids "$name"); do
    if tr '\0' '\n' 2> /dev/null < "/proc/$pid/$file" | grep -qxF -- "$needle"; then
      echo "$pid"
    fi
  done
}

running() { [ -n "$(our_pids "$1")" ]; }

# Install the Debian packages when a program is missing.
ensure_packages() {
  local missing=() p
  for p in "${PROGRAMS[@]}"; do
    command -v "$p" > /dev/null || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get > /dev/null \
    || die "Slurm is not installed (missing: ${missing[*]}) and apt-get is not available: install ${PACKAGES[*]}"
  say "installing ${PACKAGES[*]} with apt-get (missing: ${missing[*]})"
  local log="$LOG/apt-get.log"
  local install=(apt-get install -y -q --no-install-recommends "${PACKAGES[@]}")
  if ! DEBIAN_FRONTEND=noninteractive "${install[@]}" > "$log" 2>&1; then
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive "${install[@]}"; } >> "$log" 2>&1 \
      || die "cannot install Slurm with apt-get (${PACKAGES[*]}): $(grep -E '^(E|W):' "$log" | tail -n 1) [log: $log]"
  fi
  for p in "${PROGRAMS[@]}"; do
    command -v "$p" > /dev/null || die "apt-get installed ${PACKAGES[*]} but $p is still missing [log: $log]"
  done
}

write_conf() {
  local host cpus mem_mb
  host=$(hostname -s)
  cpus=$(nproc)
  # 90 % of the memory: a node announcing more than it has is drained by slurmctld.
  mem_mb=$(awk '/^MemTotal:/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  cat > "$CONF.tmp" << EOF
# Generated by scripts/slurm/local-cluster.sh: a single-node test cluster; everything under $DIR.
ClusterName=aprime-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
ProctrackType=proctrack/pgid
TaskPlugin=task/none
ReturnToService=2
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
SlurmctldPort=$CTLD_PORT
SlurmdPort=$((CTLD_PORT + 1))
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  if [ -n "${APRIME_SLURM_CONF_EXTRA:-}" ]; then
    printf '%s\n' "$APRIME_SLURM_CONF_EXTRA" >> "$CONF.tmp"
  fi
  mv -f "$CONF.tmp" "$CONF"
}

start_munge() {
  if running munged; then
    return 0
  fi
  mkdir -p "$MUNGE_DIR"
  chown munge:munge "$MUNGE_DIR"
  chmod 0755 "$MUNGE_DIR"
  # DIR itself (root-owned here) is ours to open up; munged wants it searchable by all.
  [ "$MUNGE_DIR" = "$DIR/munge" ] && chmod a+x "$DIR"
  [ "$MUNGE_DIR" = "$DIR/munge" ] || say "munge files in $MUNGE_DIR (munged refuses $DIR/munge: a directory above it is not root-owned and searchable by all)"
  local key=/etc/munge/munge.key
  if [ ! -s "$key" ]; then
    key="$MUNGE_DIR/munge.key"
    if [ ! -s "$key" ]; then
      say "no /etc/munge/munge.key: creating $key"
      (umask 077 && head -c 1024 /dev/urandom > "$key")
      chown munge:munge "$key"
      chmod 0400 "$key"
    fi
  fi
  rm -f "$SOCKET" "$SOCKET.lock"
  runuser -u munge -- munged --socket="$SOCKET" --key-file="$key" --pid-file="$MUNGE_PID" \
    --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" \
    || die "munged did not start: $(tail -n 1 "$MUNGE_DIR/munged.log" 2> /dev/null)"
  local t0
  t0=$(now)
  until munge -n -S "$SOCKET" 2> /dev/null | unmunge -S "$SOCKET" > /dev/null 2>&1; do
    awk -v t="$(since "$t0")" 'BEGIN { exit !(t > 10) }' \
      && die "munged does not answer on $SOCKET: $(tail -n 1 "$MUNGE_DIR/munged.log" 2> /dev/null)"
    sleep 0.1
  done
}

port_free() { ! (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

show_logs() {
  local f
  for f in "$LOG/slurmctld.log" "$LOG/slurmd.log" "$MUNGE_DIR/munged.log"; do
    [ -f "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n 15 "$f" >&2
  done
}

# Node state as sinfo shows it (idle, mix, alloc, ...; `*` = not responding).
node_state() { SLURM_CONF=$CONF sinfo -h -N -o '%t' 2> /dev/null | head -n 1; }

cmd_start() {
  need_root start "$1"
  set_paths "$1"
  local t0
  t0=$(now)
  mkdir -p "$DIR" "$LOG" "$DIR/state" "$DIR/spool"
  ensure_packages
  if ! running slurmctld && ! running slurmd; then
    # Another cluster may run on this machine: without APRIME_SLURM_PORT, take the first free
    # pair of ports from 6817 on.
    while ! { port_free "$CTLD_PORT" && port_free "$((CTLD_PORT + 1))"; }; do
      if [ -n "${APRIME_SLURM_PORT:-}" ] || [ "$CTLD_PORT" -ge 7017 ]; then
        die "port $CTLD_PORT or $((CTLD_PORT + 1)) is in use (another Slurm on this machine? stop it, or set APRIME_SLURM_PORT)"
      fi
      CTLD_PORT=$((CTLD_PORT + 2))
    done
    SOCKET="$(munge_dir)/munge.socket"
    set_munge_paths
    write_conf
  fi
  [ -f "$CONF" ] || die "$CONF is missing while Slurm daemons of $DIR run: stop them first"
  start_munge
  running slurmctld || SLURM_CONF=$CONF slurmctld || {
    show_logs
    cmd_stop_quiet
    die "slurmctld did not start"
  }
  running slurmd || SLURM_CONF=$CONF slurmd || {
    show_logs
    cmd_stop_quiet
    die "slurmd did not start"
  }
  local state
  while :; do
    state=$(node_state)
    case "$state" in idle | mix | alloc | comp) break ;; esac
    if awk -v t="$(since "$t0")" -v m="$START_TIMEOUT" 'BEGIN { exit !(t > m) }'; then
      show_logs
      cmd_stop_quiet
      die "the node is not ready after ${START_TIMEOUT} s (sinfo state: '${state:-no answer}'); logs above"
    fi
    sleep 0.2
  done
  say "node $(hostname -s) $state after $(since "$t0") s (partition ci, $(nproc) CPUs); logs in $LOG"
  echo "export SLURM_CONF=$CONF"
}

# Wait until `test_cmd` fails (something still there) or the timeout; returns 1 on timeout.
wait_gone() {
  local timeout=$1 t0
  shift
  t0=$(now)
  while "$@"; do
    awk -v t="$(since "$t0")" -v m="$timeout" 'BEGIN { exit !(t > m) }' && return 1
    sleep 0.2
  done
  return 0
}

queue_busy() { [ -n "$(SLURM_CONF=$CONF squeue -h -o '%i' 2> /dev/null)" ]; }

# Pending jobs whose dependency failed (afterok on a failed job) never start and never leave the
# queue on a default Slurm: cancel them, naming them, so that the queue can drain.
cancel_never_satisfied() {
  local id reason
  while read -r id reason; do
    [ "$reason" = DependencyNeverSatisfied ] || continue
    say "cancelling job $id (DependencyNeverSatisfied: a job it depends on failed)"
    SLURM_CONF=$CONF scancel "$id" || true
  done < <(SLURM_CONF=$CONF squeue -h -t PD -o '%i %r' 2> /dev/null)
}

drain_step() {
  cancel_never_satisfied
  queue_busy
}

any_of_ours() {
  local n
  for n in "$@"; do
    running "$n" && return 0
  done
  return 1
}

# Terminate our processes named `name`: SIGTERM, then SIGKILL after the stop timeout.
kill_ours() {
  local name=$1 pids
  pids=$(our_pids "$name")
  [ -n "$pids" ] || return 0
  if [ "$name" = munged ]; then
    say "stopping munged (pid $(echo "$pids" | tr '\n' ' '))"
  else
    say "terminating leftover $name (pid $(echo "$pids" | tr '\n' ' '))"
  fi
  # shellcheck disable=SC2086 # one pid per word
  kill -TERM $pids 2> /dev/null || true
  if ! wait_gone "$STOP_TIMEOUT" running "$name"; then
    pids=$(our_pids "$name")
    say "killing $name (pid $(echo "$pids" | tr '\n' ' ')): SIGTERM ignored"
    # shellcheck disable=SC2086
    kill -KILL $pids 2> /dev/null || true
    wait_gone 5 running "$name" || true
  fi
}

cmd_stop_quiet() { stop_cluster 2> /dev/null || true; }

stop_cluster() {
  local t0 ok=0
  t0=$(now)
  if running slurmctld && command -v squeue > /dev/null; then
    if ! wait_gone "$DRAIN_TIMEOUT" drain_step; then
      say "the queue did not drain in ${DRAIN_TIMEOUT} s: cancelling every job"
      SLURM_CONF=$CONF squeue -h -o '%i %T %r' >&2 || true
      SLURM_CONF=$CONF squeue -h -o '%i' | xargs -r env SLURM_CONF="$CONF" scancel || true
      wait_gone "$STOP_TIMEOUT" queue_busy || say "jobs are still in the queue after scancel; shutting down anyway"
    fi
    SLURM_CONF=$CONF scontrol shutdown || say "scontrol shutdown failed; terminating the daemons"
    wait_gone "$STOP_TIMEOUT" any_of_ours slurmctld slurmd || true
  fi
  # A shutdown during job completion leaves slurmstepd retrying and slurmd ignoring SIGTERM:
  # end them by pid (slurm.md, "the one trap").
  kill_ours slurmctld
  kill_ours slurmscriptd
  kill_ours slurmstepd
  kill_ours slurmd
  kill_ours munged
  rm -f "$SOCKET" "$SOCKET.lock" "$MUNGE_PID" "$CTLD_PID" "$SLURMD_PID"
  case "$MUNGE_DIR" in
    /run/aprime-munge/*)
      rm -rf "$MUNGE_DIR"
      rmdir /run/aprime-munge 2> /dev/null || true
      ;;
  esac
  # Run through sudo: give the files back to the user, who can then delete DIR.
  if [ -n "${SUDO_UID:-}" ] && [ -f "$CONF" ]; then
    chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$DIR" || true
  fi
  local name pid other
  for name in slurmctld slurmscriptd slurmd slurmstepd; do
    for pid in $(live_pids "$name"); do
      if our_pids "$name" | grep -qx "$pid"; then
        say "ERROR: $name (pid $pid) of $DIR is still running"
        ok=1
      else
        other=$(tr '\0' '\n' 2> /dev/null < "/proc/$pid/environ" | grep '^SLURM_CONF=' || true)
        say "warning: $name (pid $pid) of another cluster is running (${other:-no SLURM_CONF})"
      fi
    done
  done
  running munged && {
    say "ERROR: munged of $DIR is still running"
    ok=1
  }
  [ "$ok" -eq 0 ] && say "stopped in $(since "$t0") s; no Slurm daemon of $DIR is left"
  return "$ok"
}

cmd_stop() {
  need_root stop "$1"
  set_paths "$1"
  stop_cluster
}

cmd_status() {
  set_paths "$1"
  local n all=0 pids
  for n in munged slurmctld slurmd slurmstepd; do
    pids=$(our_pids "$n" | tr '\n' ' ')
    if [ -n "$pids" ]; then
      echo "$n: running (pid ${pids% })"
    else
      echo "$n: not running"
      [ "$n" = slurmstepd ] || all=1
    fi
  done
  if [ "$all" -eq 0 ]; then
    echo "export SLURM_CONF=$CONF"
    SLURM_CONF=$CONF sinfo -N -o '%N %P %t %c %m' || all=1
    SLURM_CONF=$CONF squeue -o '%i %j %T %r %M' || all=1
  fi
  return "$all"
}

[ $# -eq 2 ] || usage
case "$1" in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  status) cmd_status "$2" ;;
  *) usage ;;
esac
