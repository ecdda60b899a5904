"""CLs limits: the command line's numbers, the Poisson textbook value, bad input."""

import math

import numpy as np
import pytest

import aprime


def test_zero_events_zero_background_is_ln10(cli):
    # One channel, n = 0, b = 0: exact Poisson CLs gives s_up = −ln(0.1) = 2.3026 at 90 % C.L.
    # (paper 002 §IX; `aprime cls --help`).
    r = aprime.cls([0], [0.0])
    assert r.calculator == "exact"
    assert r.observed == pytest.approx(math.log(10), rel=1e-5)
    ref = cli.json("cls", "--obs", "0", "--bkg", "0")
    assert r.observed == ref["observed"]
    assert r.reason == ref["reason"]


def test_three_runs_with_systematics_are_the_command_lines(cli):
    # The example of `aprime cls --help` (paper 002 runs), hybrid toys with a fixed seed (auto
    # would take the toy-free hybrid quadrature).
    args = dict(bkg_unc=[0.017, 0.02, 0.003], sig_fractions=[0.53, 0.26, 0.21], sig_unc=0.10,
                calculator="hybrid")
    r = aprime.cls([0, 0, 0], [0.043, 0.041, 0.01], toys=400, seed=3, **args)
    ref = cli.json(
        "cls", "--obs", "0,0,0", "--bkg", "0.043,0.041,0.01", "--bkg-unc", "0.017,0.02,0.003",
        "--sig-fractions", "0.53,0.26,0.21", "--sig-unc", "0.10", "--toys", 400, "--seed", 3,
        "--calculator", "hybrid",
    )
    assert r.calculator == ref["calculator"] == "hybrid"
    assert r.observed == ref["observed"]
    assert r.observed_toy_error == ref["observed_toy_error"]
    e = ref["expected"]
    assert np.array_equal(r.expected, [e["m2"], e["m1"], e["median"], e["p1"], e["p2"]])
    assert (r.channels, r.nuisances) == (ref["channels"], ref["nuisances"])
    again = aprime.cls([0, 0, 0], [0.043, 0.041, 0.01], toys=400, seed=3, **args)
    assert again.observed == r.observed


def test_no_expected_band():
    r = aprime.cls(2, 1.5, expected=False)
    assert r.expected is None and r.observed > 2


def test_bad_input():
    with pytest.raises(ValueError, match="not a non-negative whole number"):
        aprime.cls([1.5], [0.1])
    with pytest.raises(ValueError, match="bkg: 1 value"):
        aprime.cls([0, 0], [0.1], sig_fractions=[0.5, 0.5])
    with pytest.raises(ValueError, match="sig_fractions: needed with 2 channels"):
        aprime.cls([0, 0], [0.1, 0.2])
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        aprime.cls([0], [0.1], cl=1.5)
    with pytest.raises(ValueError, match="unknown calculator"):
        aprime.cls([0], [0.1], calculator="bayes")
