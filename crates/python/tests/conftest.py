"""Shared fixtures: the ``aprime`` command-line binary the bindings are compared with.

The reference values of these tests are the Rust library's own numbers, obtained through the
``aprime`` binary built from the same workspace (``scripts/test-python.sh`` builds it and sets
``APRIME_BIN``). Physics references (papers) are cited in the tests that use them.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _find_binary():
    given = os.environ.get("APRIME_BIN")
    if given:
        path = Path(given)
        if not path.is_file():
            raise FileNotFoundError(f"APRIME_BIN={given} does not exist")
        return path
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("release", "debug"):
        candidate = target / profile / "aprime"
        if candidate.is_file():
            return candidate
    return None


class Cli:
    """Runs ``aprime`` and returns its JSON output or its error message."""

    def __init__(self, binary):
        self.binary = binary

    def json(self, *args):
        out = subprocess.run(
            [str(self.binary), *map(str, args), "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
        )
        return json.loads(out.stdout)

    def run(self, *args):
        return subprocess.run(
            [str(self.binary), *map(str, args)], check=True, capture_output=True, text=True
        )

    def error(self, *args):
        """The ``error: ...`` line of a failing command, without ``error: ``."""
        out = subprocess.run(
            [str(self.binary), *map(str, args)], capture_output=True, text=True
        )
        assert out.returncode != 0, f"aprime {' '.join(map(str, args))} did not fail"
        line = out.stderr.strip().splitlines()[-1]
        return line.removeprefix("error: ")


@pytest.fixture(scope="session")
def cli():
    binary = _find_binary()
    if binary is None:
        # The comparison is the point of these tests: fail, never skip (DEVELOPERS.md).
        pytest.fail(
            "no aprime binary to compare with: run scripts/test-python.sh, or build it "
            "(cargo build --release -p aprime-cli) or set APRIME_BIN"
        )
    return Cli(binary)
