#!/usr/bin/env bash
# End-to-end benchmark of the main job (issue 5): `aprime run` with the default preset.
# Usage: scripts/bench-run.sh [extra aprime run options]; prints the wall time of 3 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p aprime-cli
bin="${CARGO_TARGET_DIR:-target}/release/aprime"
out=$(mktemp -d)
for i in 1 2 3; do
  start=$(date +%s.%N)
  "$bin" run --quiet --out "$out/run" "$@" > /dev/null
  end=$(date +%s.%N)
  echo "run $i: $(echo "$end - $start" | bc) s"
done
rm -rf "$out"
