#!/usr/bin/env bash
# The test command of the README and of CI: installs what the component tests need (a Python
# virtual environment with pyhf, hepdata-validator, numpy, pytest, maturin; headless Chromium), then runs every test of
# the Rust workspace in release mode with those components required (a test that needs one fails
# when it is missing, it never skips).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-python.sh
bash scripts/setup-chromium.sh
export APRIME_PYTHON="$PWD/.venv/bin/python"
export APRIME_REQUIRE_HEPDATA_VALIDATOR=1
export PATH="$PWD/.venv/bin:$PATH"
cargo test --release --workspace
# The Python module: built and installed into .venv, its pytest suite compared with the binary the
# workspace tests have just built.
APRIME_BIN="$PWD/target/release/aprime" bash scripts/test-python.sh
