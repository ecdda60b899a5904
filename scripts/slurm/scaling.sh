#!/usr/bin/env bash
# Scaling of `aprime submit slurm run` on the local single-node Slurm (issue 13, docs/cluster.md):
# wall time from submission to the finished limits step for 1, 2 and 4 array tasks against the
# in-process `aprime run` of the same job; the part of it during which no job of the submission
# ran (Slurm's own overhead: submission, scheduling ticks, dependencies; from the jobs' StartTime
# and EndTime, 1 s resolution); and whether the outputs are identical. Prints a Markdown table.
# Starts its own cluster with local-cluster.sh and stops it at the end.
# Usage: scripts/slurm/scaling.sh APRIME_BINARY [EVENTS] [CPUS_PER_TASK]   (root or sudo)
set -euo pipefail
A=$(realpath "${1:?usage: $0 APRIME_BINARY [EVENTS] [CPUS_PER_TASK]}")
EVENTS=${2:-10000}
CPUS=${3:-1}
LC="$(cd "$(dirname "$0")" && pwd)/local-cluster.sh"
W=$(mktemp -d)
chmod a+x "$W"
trap '"$LC" stop "$W/cluster" >&2; rm -rf "$W"' EXIT
cd "$W"
eval "$("$LC" start "$W/cluster")"
MASSES=0.002,0.02,0.25
JOB=(--preset na64-2016-2018 --events "$EVENTS" --masses "$MASSES" --seed 7 --quiet)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# Seconds between Unix times $2 and $3 during which no job with id >= $1 ran: the complement
# of the union of the jobs' [StartTime, EndTime].
idle() {
  scontrol -o show job | awk -v first="$1" '{
      id = 0; s = ""; e = ""
      for (i = 1; i <= NF; i++) {
        split($i, kv, "=")
        if (kv[1] == "JobId") id = kv[2]
        if (kv[1] == "StartTime") s = kv[2]
        if (kv[1] == "EndTime") e = kv[2]
      }
      if (id >= first && s != "Unknown" && e != "Unknown") print s, e
    }' | while read -r s e; do
    echo "$(date -d "$s" +%s) $(date -d "$e" +%s)"
  done | sort -n | awk -v t0="$2" -v t1="$3" '
    NR == 1 { start = $1; end = $2; busy = 0; next }
    { if ($1 > end) { busy += end - start; start = $1; end = $2 } else if ($2 > end) end = $2 }
    END { busy += end - start; printf "%.0f", (t1 - t0) - busy }'
}

t0=$(now)
"$A" run "${JOB[@]}" --out single > /dev/null
ref=$(since "$t0")
echo "| run | tasks | CPUs/task | wall time [s] | minus in-process [s] | no job running [s] | outputs = in-process |"
echo "|---|---|---|---|---|---|---|"
echo "| in-process \`aprime run\` ($(nproc) threads) | – | – | $ref | – | – | – |"
for n in 1 2 4; do
  t0=$(now)
  out=$("$A" submit slurm run "${JOB[@]}" --out "slurm-$n" --shards "$n" --cpus-per-task "$CPUS" \
    --mem 1G --time 00:30:00 --dir "sub-$n")
  first=$(sed -n 's/.*: job \([0-9]*\);.*/\1/p' <<< "$out" | head -n 1)
  while [ -n "$(squeue -h -o %i)" ]; do sleep 0.1; done
  t1=$(now)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  same=yes
  for f in limits.csv yields.json dm_limits.csv table_v.csv; do
    cmp -s "single/$f" "slurm-$n/$f" || same="NO ($f)"
  done
  extra=$(awk -v a="$wall" -v b="$ref" 'BEGIN { printf "%+.1f", a - b }')
  echo "| Slurm | $n | $CPUS | $wall | $extra | $(idle "$first" "$t0" "$t1") | $same |"
done
