#!/usr/bin/env bash
# Regenerate the generated part of docs/validation.md (everything above the marker line) from
# `aprime validate` with full statistics; the hand-written part below the marker is kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release -q -p aprime-cli -- validate --quiet --out "$out" --format csv > /dev/null
marker='<!-- end of the generated part -->'
{
  cat "$out/validation.md"
  echo "$marker"
  if [ -f "$root/docs/validation.md" ]; then
    sed -n "/^$marker\$/,\$p" "$root/docs/validation.md" | tail -n +2
  fi
} > "$out/new.md"
mv "$out/new.md" "$root/docs/validation.md"
