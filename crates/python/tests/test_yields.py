"""Shower yields: the command line's numbers for the same seed, reproducible, with spectra."""

import numpy as np
import pytest

import aprime

MASSES = [0.01, 0.1]
EVENTS = 300


@pytest.fixture(scope="module")
def result():
    return aprime.yields(MASSES, events=EVENTS, seed=7)


def test_yields_are_the_command_lines(cli, result):
    # Reference: `aprime yield` with the same options (the same library run).
    rows = cli.json("yield", "--mass", "0.01,0.1", "--events", EVENTS, "--seed", 7)
    assert np.array_equal(result.mass_gev, [r["mass_gev"] for r in rows])
    assert np.array_equal(
        result.yield_per_eot_per_eps2, [r["yield_per_eot_per_eps2"] for r in rows]
    )
    assert np.array_equal(result.stat_error, [r["stat_error"] for r in rows])
    assert np.array_equal(result.brem, [r["brem"] for r in rows])
    assert np.array_equal(result.annihilation, [r["annihilation"] for r in rows])
    assert np.array_equal(result.brem_primary, [r["brem_primary"] for r in rows])
    assert result.events == EVENTS and result.seed == 7 and result.method == "etl"


def test_same_seed_same_yields(result):
    again = aprime.yields(MASSES, events=EVENTS, seed=7)
    assert np.array_equal(again.yield_per_eot_per_eps2, result.yield_per_eot_per_eps2)
    assert np.array_equal(again.spectrum_brem, result.spectrum_brem)
    other = aprime.yields(MASSES, events=EVENTS, seed=8)
    assert not np.array_equal(other.yield_per_eot_per_eps2, result.yield_per_eot_per_eps2)


def test_spectra_hold_the_yield(result):
    edges = result.spectrum_edges_gev
    widths = np.diff(edges)
    assert result.spectrum_brem.shape == (2, len(edges) - 1)
    assert result.spectrum_annihilation.shape == (2, len(edges) - 1)
    # Each event adds its whole yield at the E_A' of one emission drawn with probability
    # ∝ its weight (shower `score_spectra`): the two spectra [per GeV per EOT per ε²] together
    # integrate to the total yield exactly, and each to its own part within the statistics.
    total = result.spectrum_brem @ widths + result.spectrum_annihilation @ widths
    assert np.allclose(total, result.yield_per_eot_per_eps2, rtol=1e-12)
    assert np.all(np.abs(result.spectrum_brem @ widths - result.brem) < 3 * result.stat_error)
    below = edges[1:] <= result.emiss_min_gev
    assert np.all(result.spectrum_brem[:, below] == 0)
    # The yield falls with the mass (σ ∝ 1/m², paper 002 eq. 9).
    assert result.yield_per_eot_per_eps2[0] > result.yield_per_eot_per_eps2[1] > 0


def test_list_text_and_progress_callback():
    seen = []
    r = aprime.yields(
        "0.02,0.05", events=64, seed=1, method="wwsimple", chunk_events=16,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    assert np.array_equal(r.mass_gev, [0.02, 0.05])
    assert seen and seen[-1] == ("yield", 64, 64)
    assert all(d <= t for _, d, t in seen)


def test_bad_input():
    with pytest.raises(ValueError, match="masses_gev: mass -0.1 GeV must be positive and finite"):
        aprime.yields([0.01, -0.1], events=10)
    with pytest.raises(ValueError, match="emiss_min_gev 120 GeV must be below the beam energy"):
        aprime.yields(0.01, events=10, emiss_min_gev=120.0)
    with pytest.raises(ValueError, match="target 'unobtainium'"):
        aprime.yields(0.01, events=10, target="unobtainium")
    with pytest.raises(ValueError, match="events: must be at least 1"):
        aprime.yields(0.01, events=0)
    with pytest.raises(TypeError, match="progress"):
        aprime.yields(0.01, events=10, progress="yes")


def test_progress_line_on_stderr_only_when_asked(capsys):
    aprime.yields(0.05, events=32, seed=1, method="wwsimple", chunk_events=16)
    assert capsys.readouterr().err == ""
    aprime.yields(0.05, events=32, seed=1, method="wwsimple", chunk_events=16, progress=True)
    err = capsys.readouterr().err
    assert "yield: 32/32 (100 %)" in err and err.endswith("\n")
