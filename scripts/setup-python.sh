#!/usr/bin/env bash
# Create (or update) the Python virtual environment the component tests use: .venv at the
# repository root with the PyPI packages of the tests (pyhf, hepdata-validator, numpy, pytest,
# maturin). Tests find it through APRIME_PYTHON (default: .venv/bin/python when it exists).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q pyhf hepdata-validator numpy pytest maturin
.venv/bin/python - <<'PY'
import importlib
for m in ("pyhf", "hepdata_validator", "numpy", "pytest"):
    importlib.import_module(m)
print("python test environment ready:", __import__("sys").executable)
PY
