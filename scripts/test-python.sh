#!/usr/bin/env bash
# Build and install the Python module `aprime` into a virtual environment and run its pytest
# suite (crates/python/tests) against the `aprime` binary of the same workspace.
#
#   scripts/test-python.sh [pytest arguments...]
#
# Environment:
#   APRIME_PY_VENV   the virtual environment to use (default: .venv, created if missing);
#   APRIME_PY_FRESH  if 1, a new throw-away environment in a temporary directory instead;
#   APRIME_BIN       the `aprime` binary to compare with (default: built here with
#                    `cargo build --release -p aprime-cli`); after `cargo test --release
#                    --workspace` pass target/release/aprime, which that run has just built,
#                    to save a second build of the stack with the CLI's own feature set;
#   CARGO_TARGET_DIR honoured for both the binary and the module.
# Needs Rust and Python ≥ 3.9 only: pip fetches maturin (the build backend) and numpy, pytest
# from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${APRIME_PY_FRESH:-0}" = 1 ]; then
  venv="$(mktemp -d)/venv"
  trap 'rm -rf "$(dirname "$venv")"' EXIT
else
  venv="${APRIME_PY_VENV:-.venv}"
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
py="$venv/bin/python"
"$py" -m pip install -q numpy pytest

# The reference the tests compare with: the command line built from the same crates.
if [ -z "${APRIME_BIN:-}" ]; then
  cargo build --release -q -p aprime-cli
  target_dir="$(cargo metadata --format-version 1 --no-deps |
    "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
  APRIME_BIN="$target_dir/release/aprime"
fi
APRIME_BIN="$(cd "$(dirname "$APRIME_BIN")" && pwd)/$(basename "$APRIME_BIN")"
export APRIME_BIN

start=$(date +%s)
"$py" -m pip install -q ./crates/python
echo "aprime module built and installed in $(($(date +%s) - start)) s ($venv)"

# Run from the tests directory so that `import aprime` is the installed package.
cd crates/python/tests
"$py" -m pytest -q "$@"
