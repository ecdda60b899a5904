#!/usr/bin/env bash
# Smoke test of local-cluster.sh (issue 13): start a cluster in a temporary directory, run a 4-task
# job array with a dependent merge, a failing task whose afterok merge must end
# DependencyNeverSatisfied (then cancelled), `sbatch --test-only`, and stop; prints the timings.
# Usage: scripts/slurm/smoke-test.sh   (root or password-less sudo)
set -euo pipefail
LC="$(cd "$(dirname "$0")" && pwd)/local-cluster.sh"
W=$(mktemp -d)
chmod a+x "$W"
D="$W/cluster"
cd "$W"
trap '"$LC" stop "$D"; rm -rf "$W"' EXIT
t() { date +%s.%N; }
dt() { awk -v a="$1" -v b="$(t)" 'BEGIN { printf "%.2f", b - a }'; }
drain() { while [ -n "$(squeue -h -o %i)" ]; do sleep 0.05; done; }

cat > shard.sh << 'SH'
#!/bin/bash
#SBATCH --output=shard-%A_%a.log
set -euo pipefail
k=$SLURM_ARRAY_TASK_ID
if [ "${FAIL_TASK:--1}" = "$k" ]; then echo "task $k failing on purpose" >&2; exit 1; fi
echo "task $k" > "part$k.tmp" && mv "part$k.tmp" "part$k.txt"
SH
cat > merge.sh << 'SH'
#!/bin/bash
#SBATCH --output=merge-%j.log
set -euo pipefail
cat part0.txt part1.txt part2.txt part3.txt > merged.tmp && mv merged.tmp merged.txt
SH

s=$(t)
eval "$("$LC" start "$D")"
echo "start: $(dt "$s") s"

s=$(t)
jid=$(sbatch --parsable --array=0-3 shard.sh)
mid=$(sbatch --parsable --dependency=afterok:"$jid" merge.sh)
drain
echo "4-task array + merge, submission to done: $(dt "$s") s"
scontrol show job "$mid" | grep -q JobState=COMPLETED || { echo "merge did not complete" >&2; exit 1; }
[ "$(wc -l < merged.txt)" -eq 4 ] || { echo "merged.txt incomplete" >&2; exit 1; }

rm -f part*.txt merged.txt
jid=$(FAIL_TASK=2 sbatch --parsable --array=0-3 shard.sh)
mid=$(sbatch --parsable --dependency=afterok:"$jid" merge.sh)
until [ "$(squeue -h -j "$mid" -o %r)" = DependencyNeverSatisfied ]; do sleep 0.05; done
echo "failing task: merge $mid pending DependencyNeverSatisfied; cancelling it"
scancel "$mid"
drain
[ ! -e merged.txt ] || { echo "merge ran after a failed task" >&2; exit 1; }

sbatch --test-only --array=0-3 shard.sh

s=$(t)
"$LC" stop "$D"
echo "stop: $(dt "$s") s"
