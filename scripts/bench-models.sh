#!/usr/bin/env bash
# Wall time of `aprime run --model M --events N` for every model against the dark photon
# (issue 10 benchmark: every model within 1.5× the vector's time), and of `aprime yield --model M`
# on the same showers (the like-for-like part: `run` of the dark photon also simulates the
# Table V showers and the dark-matter interpretation, which the other models do not have).
# hyperfine is not installed:
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
        "$aprime" yield --model "$m" --events "$events" --mass "$masses" --quiet > /dev/null
        t2=$(date +%s.%N)
        echo "$m $(echo "$t1 - $t0" | bc -l)" >> "$work/times"
        echo "$m $(echo "$t2 - $t1" | bc -l)" >> "$work/yield-times"
        rm -rf "$work/out-$m"
    done
done

stats() { # model [file] → "fastest median"
    grep "^$1 " "$work/${2:-times}" | cut -d' ' -f2 | sort -g |
        awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f", v[1], m}'
}
for file in times yield-times; do
    [[ $file == times ]] && echo "## aprime run" || echo "## aprime yield (ETL, annihilation on, na64-ecal)"
    read -r vmin vmed <<< "$(stats vector "$file")"
    printf '%-13s %10s %10s %12s %12s\n' model "fastest[s]" "median[s]" "fastest/V" "median/V"
    for m in "${models[@]}"; do
        read -r lo med <<< "$(stats "$m" "$file")"
        printf '%-13s %10.3f %10.3f %12.3f %12.3f\n' "$m" "$lo" "$med" \
            "$(echo "$lo / $vmin" | bc -l)" "$(echo "$med / $vmed" | bc -l)"
    done
done
