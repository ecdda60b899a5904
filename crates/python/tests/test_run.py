"""The main job on two masses with tiny statistics: the command line's outputs, as arrays."""

import csv

import numpy as np
import pytest

import aprime

MASSES = "0.01,0.1"
EVENTS = 200
SEED = 5


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("py") / "out"
    return aprime.run("na64-2016", masses_gev=[0.01, 0.1], events=EVENTS, seed=SEED, out_dir=out)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_run_writes_the_command_lines_outputs(cli, result, tmp_path):
    ref = tmp_path / "cli"
    cli.run(
        "run", "--preset", "na64-2016", "--masses", MASSES, "--events", EVENTS,
        "--seed", SEED, "--out", ref, "--quiet",
    )
    # Same seed, same numbers: the tables are byte-identical.
    for name in ("limits.csv", "dm_limits.csv", "table_v.csv", "yields.json"):
        assert (result.out_dir / name).read_bytes() == (ref / name).read_bytes(), name
    assert {str(p) for p in result.files} >= {"limits.csv", "dm_limits.csv", "yields.json"}
    assert any(str(p).startswith("plots/") for p in result.files)
    assert any(str(p).startswith("hepdata/") for p in result.files)


def test_arrays_are_the_tables(result):
    rows = read_csv(result.out_dir / "limits.csv")
    assert result.mass_gev.shape == (2,)
    for key in (
        "mass_gev", "eps_observed", "eps_expected_median", "eps_expected_m1",
        "eps_expected_p1", "eps_expected_m2", "eps_expected_p2", "yield_per_eot_per_eps2",
        "signal_events_per_eps2",
    ):
        assert np.array_equal(getattr(result, key), [float(r[key]) for r in rows]), key
    assert result.calculator == [r["calculator"] for r in rows]
    # Expected band ordered −2σ ≤ −1σ ≤ median ≤ +1σ ≤ +2σ.
    band = np.stack([result.eps_expected_m2, result.eps_expected_m1, result.eps_expected_median,
                     result.eps_expected_p1, result.eps_expected_p2])
    assert np.all(np.diff(band, axis=0) >= 0)
    dm = read_csv(result.out_dir / "dm_limits.csv")
    assert np.array_equal(result.dm_mass_gev, [float(r["m_aprime_gev"]) for r in dm])
    assert result.y_upper.shape == (len(dm), len(result.alpha_d))
    for j, a in enumerate(result.alpha_d):
        column = f"y_upper_alpha_d_{a:g}"
        assert np.array_equal(result.y_upper[:, j], [float(r[column]) for r in dm])
    assert result.events == EVENTS and result.seed == SEED


def test_failures():
    with pytest.raises(ValueError, match="unknown preset 'na64-1999'"):
        aprime.run("na64-1999")
    with pytest.raises(ValueError, match="preset and config"):
        aprime.run("na64-2016", config="x.toml")
    with pytest.raises(ValueError, match="masses_gev: mass 150 GeV must lie below the beam"):
        aprime.run("na64-2016", masses_gev=[0.1, 150.0])
    with pytest.raises(ValueError, match="events: must be at least 1"):
        aprime.run("na64-2016", events=0)


def test_unwritable_output_is_an_aprime_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(aprime.AprimeError, match="writing"):
        aprime.run("na64-2016", masses_gev=[0.1], events=20, seed=1, out_dir=blocker / "out")
    assert issubclass(aprime.AprimeError, Exception)
