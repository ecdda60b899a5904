"""Widths, branching fractions and resonant annihilation."""

import math

import numpy as np
import pytest

import aprime

ALPHA = 1 / 137.035999084  # CODATA 2018
M_E = 0.51099895e-3  # GeV
GEV2_TO_PB = 0.3893793721e9  # (ħc)² in GeV² pb
HBARC_GEV_CM = 1.973269804e-14


def test_dark_photon_widths_are_paper_002_eq_3_and_4():
    m, eps, alpha_d = 0.1, 1e-3, 0.5
    w = aprime.widths(np.array([m]), eps, alpha_d=alpha_d)
    # Paper 002 eq. 3: Γ(A' → e⁺e⁻) = αε²m/3 (1 + 2m_e²/m²) sqrt(1 − 4m_e²/m²).
    r = (M_E / m) ** 2
    gamma_ee = ALPHA * eps**2 * m / 3 * (1 + 2 * r) * math.sqrt(1 - 4 * r)
    assert w["ee_gev"][0] == pytest.approx(gamma_ee, rel=1e-6)
    # Eq. 4 for a Dirac χ of mass m/3.
    rc = (1 / 3) ** 2
    gamma_chi = alpha_d * m / 3 * (1 + 2 * rc) * math.sqrt(1 - 4 * rc)
    assert w["chichi_gev"][0] == pytest.approx(gamma_chi, rel=1e-12)
    assert w["mumu_gev"][0] == 0.0  # below 2 m_μ
    assert w["br_invisible"][0] == pytest.approx(1.0, abs=1e-6)  # α_D ≫ αε² (paper 002 §I)
    assert w["total_gev"][0] == pytest.approx(w["ee_gev"][0] + w["chichi_gev"][0], rel=1e-15)
    assert set(w) == {
        "ee_gev", "mumu_gev", "tautau_gev", "nunu_gev", "chichi_gev",
        "invisible_gev", "total_gev", "br_invisible", "br_ee",
    }


def test_z_prime_models_decay_to_neutrinos():
    # L_μ−L_τ: two neutrino flavours, Γ = g² m/(24π) each (physics `decay` docs).
    g, m = 1e-3, 0.05
    w = aprime.widths(m, g, model="lmu-ltau", alpha_d=0.0)
    assert w["nunu_gev"] == pytest.approx(2 * g**2 * m / (24 * math.pi), rel=1e-12)


def test_resonance_energy_and_mass_window():
    # E_R = (m² − 2m_e²)/(2m_e) (physics `annihilation`); E₊ ∈ (50, 100) GeV gives masses of
    # ≈ (226, 320) MeV (physics.md §3).
    m = np.array([0.226, 0.32])
    e_r = aprime.resonance_energy(m)
    assert np.allclose(e_r, (m**2 - 2 * M_E**2) / (2 * M_E), rtol=1e-12)
    window = aprime.resonant_mass([50.0, 100.0])
    assert np.allclose(window, [0.226, 0.320], rtol=5e-3)
    assert np.allclose(aprime.resonant_mass(e_r), m, rtol=1e-12)


def test_breit_wigner_integrates_to_the_narrow_width_strength():
    # ∫σ dE₊ = 2π²αε² BR_inv/m_e (Marsicano et al., PRL 121 041802; physics.md §3).
    # A small α_D keeps the resonance narrow (Γ ≈ 6e-6 GeV) so that the integral over a finite
    # range holds it: the Lorentzian tails beyond ±1000 half widths are 2/(1000π) = 0.06 %.
    m, eps, alpha_d = 0.25, 1e-4, 1e-4
    strength = aprime.annihilation_strength(m, eps, alpha_d=alpha_d)
    br = aprime.widths(m, eps, alpha_d=alpha_d)["br_invisible"]
    assert strength == pytest.approx(
        2 * math.pi**2 * ALPHA * eps**2 * br / M_E * GEV2_TO_PB, rel=1e-6
    )
    e_r = aprime.resonance_energy(m)
    gamma = aprime.widths(m, eps, alpha_d=alpha_d)["total_gev"]
    # Half width in E₊: the half width in s is mΓ and ds = 2 m_e dE₊.
    half = m * gamma / (2 * M_E)
    e = e_r + np.linspace(-1000, 1000, 400_001) * half
    sigma = aprime.annihilation_xsec(e, m, eps, alpha_d=alpha_d)
    integral = np.sum((sigma[1:] + sigma[:-1]) / 2 * np.diff(e))
    assert integral == pytest.approx(strength, rel=2e-3)


def test_decay_length():
    e, m, gamma = 50.0, 0.1, 1e-12
    p = math.sqrt(e**2 - m**2)
    assert aprime.decay_length_cm(e, m, gamma) == pytest.approx(
        p / m * HBARC_GEV_CM / gamma, rel=1e-6
    )
    assert aprime.decay_length_cm(e, m, 0.0) == math.inf


def test_bad_input():
    with pytest.raises(ValueError, match="unknown model"):
        aprime.widths(0.1, 1e-3, model="tensor")
    with pytest.raises(ValueError, match="outside the accepted range"):
        aprime.widths(0.1, 2.0)  # ε ≤ 1
    with pytest.raises(ValueError, match="mass_gev"):
        aprime.resonance_energy(-1.0)
    with pytest.raises(ValueError, match="chi"):
        aprime.widths(0.1, 1e-3, chi="boson")


# The coupling is the model's parameter: ε in (0, 1] for the ε-models, g in (0, √(4π)] for the
# Z' models (perturbative; docs/models.md §1), checked as `aprime.xsec` and `--coupling` check it.
RANGE_FUNCTIONS = {
    "widths": lambda coupling, model, m=0.1: aprime.widths(m, coupling, model=model),
    "annihilation_xsec": lambda coupling, model, m=0.25: aprime.annihilation_xsec(
        aprime.resonance_energy(m), m, coupling, model=model
    ),
    "annihilation_strength": lambda coupling, model, m=0.25: aprime.annihilation_strength(
        m, coupling, model=model
    ),
}


@pytest.mark.parametrize("function", sorted(RANGE_FUNCTIONS))
@pytest.mark.parametrize(
    ("model", "parameter", "too_big"), [("vector", "eps", 1.5), ("b-l", "g", 4.0)]
)
def test_coupling_above_the_models_range_is_the_xsec_error(function, model, parameter, too_big):
    with pytest.raises(ValueError) as e:
        RANGE_FUNCTIONS[function](too_big, model)
    message = str(e.value)
    assert message.startswith(
        f"coupling for model {model}: {parameter} = {too_big:g} is outside the accepted range"
    )
    assert "\n" not in message
    with pytest.raises(ValueError) as xsec_error:
        aprime.xsec(0.1, model=model, coupling=too_big)
    assert message == str(xsec_error.value)


@pytest.mark.parametrize("function", sorted(RANGE_FUNCTIONS))
@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan")])
def test_non_positive_z_prime_coupling_names_g(function, bad):
    # Before any mass point: the error names g, not the dark photon's ε.
    with pytest.raises(ValueError, match=r"^coupling for model b-l: g = ") as e:
        RANGE_FUNCTIONS[function](bad, "b-l")
    assert "ε" not in str(e.value)


def test_coupling_is_checked_without_any_mass():
    with pytest.raises(ValueError, match="^coupling for model b-l: g = 4 "):
        aprime.widths(np.array([]), 4.0, model="b-l")


def test_largest_z_prime_coupling_is_accepted():
    g, m = math.sqrt(4 * math.pi), 0.25
    w = aprime.widths(m, g, model="b-l", alpha_d=0.0)
    # B−L: three neutrino flavours, Γ = g² m/(24π) each; e⁺e⁻ as the vector with ε_e = g/e,
    # Γ = g² m (1 + 2r) β/(12π) (physics `decay` docs; paper 002 eq. 3 with αε² = g²/4π).
    assert w["nunu_gev"] == pytest.approx(3 * g**2 * m / (24 * math.pi), rel=1e-12)
    r = (M_E / m) ** 2
    gamma_ee = g**2 * m * (1 + 2 * r) * math.sqrt(1 - 4 * r) / (12 * math.pi)
    assert w["ee_gev"] == pytest.approx(gamma_ee, rel=1e-12)
    # Narrow-width strength (2J+1) 2π² Γ_ee BR_inv/(m m_e) (physics `resonance` docs); rel 1e-6
    # because the library rounds (ħc)² to 3.893794e8 GeV² pb (7e-8 from CODATA's).
    strength = aprime.annihilation_strength(m, g, model="b-l", alpha_d=0.0)
    assert strength == pytest.approx(
        3 * 2 * math.pi**2 * w["ee_gev"] * w["br_invisible"] / (m * M_E) * GEV2_TO_PB,
        rel=1e-6,
    )
    # On the pole s = m², the Breit–Wigner is 12π Γ_ee Γ_inv/(m² Γ²) (physics `resonance`).
    peak = aprime.annihilation_xsec(aprime.resonance_energy(m), m, g, model="b-l", alpha_d=0.0)
    assert peak == pytest.approx(
        12 * math.pi * w["ee_gev"] * w["invisible_gev"] / (m * w["total_gev"]) ** 2
        * GEV2_TO_PB,
        rel=1e-6,
    )
