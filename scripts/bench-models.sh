#!/usr/bin/env bash
# Wall time of `aprime run --model M --events N` for every model against the dark photon
# (issue 10 benchmark: every model within 1.5× the vector's time). hyperfine is not installed:
# each run is timed with `date +%s.%N`; the models are interleaved in every repetition so that a
# change of machine load hits all of them alike. Prints, per model, the fastest and the median
# wall time [s] and their ratios to the vector's.
#
# Usage: scripts/bench-models.sh [EVENTS] [REPEATS] [MASSES] [extra `aprime run` options...]
#   defaults: 2000 events, 3 repeats, masses 0.005,0.05,0.25 (preset na64-2016-2018).
# APRIME=path/to/aprime selects the binary (default: target/release/aprime, built if missing).
set -euo pipefail

events=${1:-2000}
repeats=${2:-3}
masses=${3:-0.005,0.05,0.25}
shift $(( $# < 3 ? $# : 3 ))
extra=("$@")

root=$(cd "$(dirname "$0")/.." && pwd)
aprime=${APRIME:-$root/target/release/aprime}
if [[ ! -x $aprime ]]; then
    cargo build --release -p aprime-cli --manifest-path "$root/Cargo.toml" >&2
fi
models=(vector scalar pseudoscalar axial lmu-ltau b-l)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "# aprime run --events $events --masses $masses ${extra[*]:-} ($repeats repeats, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for ((r = 0; r < repeats; r++)); do
    for m in "${models[@]}"; do
        t0=$(date +%s.%N)
        "$aprime" run --model "$m" --events "$events" --masses "$masses" --quiet \
            --out "$work/out-$m" "${extra[@]}" > /dev/null
        t1=$(date +%s.%N)
        echo "$m $(echo "$t1 - $t0" | bc -l)" >> "$work/times"
        rm -rf "$work/out-$m"
    done
done

stats() { # model → "fastest median"
    grep "^$1 " "$work/times" | cut -d' ' -f2 | sort -g |
        awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f", v[1], m}'
}
read -r vmin vmed <<< "$(stats vector)"
printf '%-13s %10s %10s %12s %12s\n' model "fastest[s]" "median[s]" "fastest/V" "median/V"
for m in "${models[@]}"; do
    read -r lo med <<< "$(stats "$m")"
    printf '%-13s %10.3f %10.3f %12.3f %12.3f\n' "$m" "$lo" "$med" \
        "$(echo "$lo / $vmin" | bc -l)" "$(echo "$med / $vmed" | bc -l)"
done
