"""Cross sections: identical to the command line, vectorised, and bad input → ValueError."""

import numpy as np
import pytest

import aprime

# (mass [GeV], energy [GeV], target, method, projectile): every method, an element, a compound
# and the muon beam.
POINTS = [
    (0.1, 100.0, "Pb", "etl", "electron"),
    (0.002, 100.0, "W", "etl", "electron"),
    (0.02, 100.0, "Pb", "wwsimple", "electron"),
    (0.05, 60.0, "Fe", "iww", "electron"),
    (0.3, 100.0, "scintillator", "exact", "electron"),
    (0.1, 160.0, "Pb", "etl", "muon"),
]


@pytest.mark.parametrize("mass, energy, target, method, projectile", POINTS)
def test_total_is_the_command_lines(cli, mass, energy, target, method, projectile):
    # Reference: `aprime xsec ... --format json`, the same library call (bit-identical).
    ref = cli.json(
        "xsec", "--mass", mass, "--energy", energy, "--target", target,
        "--method", method, "--projectile", projectile,
    )
    sigma, error = aprime.xsec(
        mass, energy, target=target, method=method, projectile=projectile, with_error=True
    )
    assert sigma == ref["sigma_pb"]
    assert error == ref["sigma_error_pb"]
    assert isinstance(sigma, float)


def test_precision_and_seed_are_the_command_lines(cli):
    ref = cli.json("xsec", "--mass", 0.05, "--precision", 0.01, "--seed", 5)
    assert aprime.xsec(0.05, 100.0, precision=0.01, seed=5) == ref["sigma_pb"]
    ref_iww = cli.json("xsec", "--mass", 0.05, "--method", "iww", "--precision", 1e-3)
    assert aprime.xsec(0.05, method="iww", precision=1e-3) == ref_iww["sigma_pb"]


def test_differential_is_the_command_lines(cli):
    rows = cli.json("xsec", "--mass", 0.1, "--energy", 100, "--differential", "--x-points", 6)
    lo, hi = aprime.x_range(0.1, 100.0)
    x = lo + (hi - lo) * (np.arange(6) + 0.5) / 6
    assert np.array_equal(x, [r["x"] for r in rows])
    values, errors = aprime.dsigma_dx(x, 0.1, 100.0, with_error=True)
    assert np.array_equal(values, [r["dsigma_dx_pb"] for r in rows])
    assert np.array_equal(errors, [r["dsigma_dx_error_pb"] for r in rows])


def test_kfactor_is_the_command_lines_and_the_papers(cli):
    rows = cli.json("kfactor", "--masses", "0.1", "--energies", "100")
    k, dk = aprime.kfactor(0.1, 100.0, with_error=True)
    assert k == rows[0]["k"] and dk == rows[0]["k_error"]
    # Paper 002 Fig. 2: k ≈ 1.7 at m_A' = 100 MeV, E0 = 100 GeV on Pb (read off the figure).
    assert 1.5 < k < 1.9


def test_vectorised_over_masses():
    masses = np.logspace(-3, 0, 50)
    sigma = aprime.xsec(masses, 100.0)
    assert isinstance(sigma, np.ndarray)
    assert sigma.dtype == np.float64 and sigma.shape == (50,)
    assert np.all(np.isfinite(sigma)) and np.all(sigma > 0)
    # Each element is the scalar call at that mass.
    for i in (0, 17, 49):
        assert sigma[i] == aprime.xsec(float(masses[i]), 100.0)
    # σ falls with the mass above a few MeV (∝ 1/m² in the WW approximation, paper 002 eq. 9).
    assert np.all(np.diff(sigma[20:]) < 0)


def test_broadcasting_follows_numpy():
    masses = np.array([0.01, 0.1, 0.5])[:, None]
    energies = np.array([50, 100])  # integers are converted
    sigma = aprime.xsec(masses, energies, method="wwsimple")
    assert sigma.shape == (3, 2)
    assert sigma[1, 1] == aprime.xsec(0.1, 100.0, method="wwsimple")
    assert aprime.xsec([0.01, 0.1], method="wwsimple").shape == (2,)
    with pytest.raises(ValueError, match="broadcast"):
        aprime.xsec(np.ones(3), np.ones(4) * 100)


def test_same_seed_same_numbers_other_seed_other_numbers():
    masses = np.array([0.005, 0.05, 0.5])
    a, da = aprime.xsec(masses, seed=11, with_error=True)
    b = aprime.xsec(masses, seed=11)
    c, dc = aprime.xsec(masses, seed=12, with_error=True)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    # Two seeds agree within the ETL integration errors they report.
    assert np.all(np.abs(a - c) < 4 * np.hypot(da, dc))


def test_bad_masses_are_value_errors_with_the_command_lines_text(cli):
    # The command line checks --mass by the mass rule (aprime_core) before any physics; the
    # binding does the same, naming the argument mass_gev instead of the option --mass.
    with pytest.raises(ValueError) as e:
        aprime.xsec(-0.1, 100.0)
    assert str(e.value) == "mass_gev: mass -0.1 GeV must be positive and finite"
    assert cli.error("xsec", "--mass", "-0.1").endswith(str(e.value).removeprefix("mass_gev: "))
    with pytest.raises(ValueError) as e:
        aprime.xsec(120.0, 100.0)
    assert "--" + str(e.value).replace("mass_gev", "mass") == cli.error(
        "xsec", "--mass", "120", "--energy", "100"
    )
    with pytest.raises(ValueError, match="mass_gev: mass -0.2 GeV must be positive"):
        aprime.xsec(np.array([0.1, -0.2]), 100.0)
    with pytest.raises(ValueError, match="energy_gev: '-5' must be positive and finite"):
        aprime.xsec(0.1, -5.0)
    with pytest.raises(ValueError, match="below threshold"):
        aprime.xsec(99.9999, 100.0)


def test_unknown_target_model_method_are_value_errors_with_the_command_lines_text(cli):
    with pytest.raises(ValueError) as e:
        aprime.xsec(0.1, target="Xx")
    # The command line says "--target 'Xx': ..."; the binding names the argument `target`.
    assert "--" + str(e.value) == cli.error("xsec", "--mass", "0.1", "--target", "Xx")
    with pytest.raises(ValueError, match=r"unknown model 'foo' \(valid: vector, scalar"):
        aprime.xsec(0.1, model="foo")
    with pytest.raises(ValueError, match="unknown cross-section method 'bar'"):
        aprime.xsec(0.1, method="bar")
    with pytest.raises(ValueError, match="unknown projectile 'tau'"):
        aprime.xsec(0.1, projectile="tau")
    with pytest.raises(ValueError, match=r"precision: '0.7' must be a relative precision"):
        aprime.xsec(0.1, precision=0.7)


def test_other_models_and_the_positron():
    # Lepton and antilepton radiate alike (one-photon exchange; physics `Projectile` docs).
    e = aprime.xsec(0.05, projectile="electron", method="iww")
    p = aprime.xsec(0.05, projectile="positron", method="iww")
    assert e == p
    # The scalar's σ differs from the vector's (different matrix element, docs/models.md).
    s = aprime.xsec(0.05, model="scalar", method="iww")
    assert s > 0 and s != e


def test_dimuon_matches_the_paper_and_the_command_line(cli):
    # Paper 002 §V.A: Pb totals 30.2, 334, 886 μb at 1, 10, 100 GeV (physics.md §6: 0.2 %).
    sigma = aprime.dimuon([1.0, 10.0, 100.0])
    assert np.allclose(sigma, [30.2, 334.0, 886.0], rtol=3e-3)
    ref = cli.json("dimuon", "--energy", 10)
    assert aprime.dimuon(10.0, with_error=True) == (ref["sigma_ub"], ref["sigma_error_ub"])
    lo, hi = aprime.dimuon_x_range(10.0)
    rows = cli.json("dimuon", "--energy", 10, "--differential", "--x-points", 4)
    x = lo + (hi - lo) * (np.arange(4) + 0.5) / 4
    assert np.array_equal(aprime.dimuon_dsigma_dx(x, 10.0), [r["dsigma_dx_ub"] for r in rows])
    with pytest.raises(ValueError, match="below the dimuon threshold"):
        aprime.dimuon_x_range(0.3)


# --- the model's coupling ------------------------------------------------------------------
# `aprime xsec --model M --coupling C` gives σ at the model's own parameter (ε, or g for the Z'
# models): σ(g_ℓ = e) · Mediator::sigma_scale(lepton, m) · C² (docs/models.md §1). The binding
# must give the same numbers through the same conversion.

# (model, mass [GeV], projectile): both Z' models at two masses; L_μ−L_τ below and above 2m_μ
# (its loop mixing ε(m²) changes there) and on a muon beam, where it couples directly (g).
ZPRIME_POINTS = [
    ("lmu-ltau", 0.01, "electron"),
    ("lmu-ltau", 0.3, "electron"),
    ("lmu-ltau", 0.1, "muon"),
    ("b-l", 0.01, "electron"),
    ("b-l", 0.3, "electron"),
]


@pytest.mark.parametrize("model, mass, projectile", ZPRIME_POINTS)
@pytest.mark.parametrize("coupling", [None, 1.0, 3e-4])
def test_zprime_total_is_the_command_lines_at_its_coupling(cli, model, mass, projectile, coupling):
    # Reference: the binary's JSON (sigma_pb, sigma_error_pb). None: both sides' default (g = 1).
    args = ["xsec", "--mass", mass, "--model", model, "--projectile", projectile,
            "--method", "iww"]
    kwargs = {}
    if coupling is not None:
        args += ["--coupling", coupling]
        kwargs["coupling"] = coupling
    ref = cli.json(*args)
    assert ref["parameter"] == "g" and ref["coupling"] == (coupling or 1.0)
    sigma, error = aprime.xsec(
        mass, model=model, projectile=projectile, method="iww", with_error=True, **kwargs
    )
    assert sigma == pytest.approx(ref["sigma_pb"], rel=1e-12, abs=0)
    assert error == pytest.approx(ref["sigma_error_pb"], rel=1e-12, abs=0)


@pytest.mark.parametrize("model", ["lmu-ltau", "b-l"])
def test_zprime_total_is_the_command_lines_with_etl(cli, model):
    # The default method (ETL, seed 1) at a non-trivial g.
    ref = cli.json("xsec", "--mass", 0.05, "--model", model, "--coupling", 3e-4)
    sigma = aprime.xsec(0.05, model=model, coupling=3e-4)
    assert sigma == pytest.approx(ref["sigma_pb"], rel=1e-12, abs=0)


@pytest.mark.parametrize("model", ["lmu-ltau", "b-l"])
def test_zprime_differential_is_the_command_lines_at_its_coupling(cli, model):
    rows = cli.json(
        "xsec", "--mass", 0.1, "--model", model, "--coupling", 3e-4, "--method", "iww",
        "--differential", "--x-points", 5,
    )
    x = np.array([r["x"] for r in rows])
    values = aprime.dsigma_dx(x, 0.1, model=model, coupling=3e-4, method="iww")
    assert np.allclose(values, [r["dsigma_dx_pb"] for r in rows], rtol=1e-12, atol=0)
    assert np.all(values > 0)


@pytest.mark.parametrize("model", ["vector", "scalar", "lmu-ltau", "b-l"])
def test_sigma_scales_as_the_coupling_squared(model):
    c = 3e-4
    one = aprime.xsec([0.01, 0.3], model=model, method="iww")
    at_c, err_c = aprime.xsec([0.01, 0.3], model=model, method="iww", coupling=c,
                              with_error=True)
    assert np.allclose(at_c / one, c * c, rtol=1e-12, atol=0)
    _, err_one = aprime.xsec([0.01, 0.3], model=model, method="iww", with_error=True)
    assert np.allclose(err_c / err_one, c * c, rtol=1e-12, atol=0)
    d_one = aprime.dsigma_dx(0.5, 0.3, model=model, method="iww")
    d_c = aprime.dsigma_dx(0.5, 0.3, model=model, method="iww", coupling=c)
    assert d_c / d_one == pytest.approx(c * c, rel=1e-12)


def test_zprime_convention_against_the_dark_photon():
    # B−L: every lepton has charge −1, so g_e = g and σ(g) = σ_A'(ε = 1)·g²/e² with
    # e² = 4πα (docs/models.md §1 table; the same vector vertex). α = 1/137.035999 (CODATA).
    alpha = 1 / 137.035999
    g = 3e-4
    vector = aprime.xsec([0.005, 0.3], method="iww")
    b_l = aprime.xsec([0.005, 0.3], model="b-l", method="iww", coupling=g)
    assert np.allclose(b_l, vector * g * g / (4 * np.pi * alpha), rtol=1e-9, atol=0)
    # L_μ−L_τ on electrons: only through the loop mixing; for m² ≪ m_μ² it is
    # ε = e g ln(m_τ²/m_μ²)/(12π²) ≈ g/69.3 (Araki et al., PRD 95 055006 (2017); models.md §2),
    # so σ(g) = σ_A'(ε = 1)·ε². At m = 5 MeV the q² = m² correction to ε² is ≈ 2e-4.
    m_mu, m_tau = 0.1056583755, 1.77686
    eps_per_g = np.sqrt(4 * np.pi * alpha) * np.log(m_tau**2 / m_mu**2) / (12 * np.pi**2)
    assert 1 / eps_per_g == pytest.approx(69.3, rel=1e-3)
    lmu = aprime.xsec(0.005, model="lmu-ltau", method="iww", coupling=g)
    assert lmu == pytest.approx(vector[0] * (eps_per_g * g) ** 2, rel=1e-3)


@pytest.mark.parametrize("bad", [0.0, -3e-4, float("nan"), float("inf")])
@pytest.mark.parametrize("model", ["vector", "lmu-ltau", "b-l"])
def test_bad_coupling_is_a_value_error(model, bad):
    with pytest.raises(ValueError, match=f"^coupling for model {model}: "):
        aprime.xsec(0.1, model=model, coupling=bad)
    with pytest.raises(ValueError, match=f"^coupling for model {model}: "):
        aprime.dsigma_dx(0.5, 0.1, model=model, coupling=bad)


def test_coupling_above_the_models_range_is_the_command_lines_error(cli):
    # ε ≤ 1 for the ε-models, g ≤ √(4π) for the Z' (perturbative; docs/models.md §1).
    for model, too_big in (("vector", 1.5), ("b-l", 4.0)):
        with pytest.raises(ValueError) as e:
            aprime.xsec(0.1, model=model, coupling=too_big)
        assert "\n" not in str(e.value)
        assert "--" + str(e.value) == cli.error(
            "xsec", "--mass", 0.1, "--model", model, "--coupling", too_big
        )
    assert aprime.xsec(0.1, model="b-l", coupling=np.sqrt(4 * np.pi), method="iww") > 0
