"""Type stubs of the native module ``aprime._aprime`` (re-exported by ``aprime``).

Units are in the names: GeV for masses and energies, pb for dark-bremsstrahlung and
annihilation cross sections, μb for the dimuon cross section, cm for lengths.
"""

import os
from pathlib import Path
from typing import Callable, Literal, Optional, Sequence, Tuple, Union, overload

import numpy as np
import numpy.typing as npt

__version__: str

FloatArray = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike
Scalar = Union[float, int, np.floating, np.integer]
ProgressArg = Union[bool, None, Callable[[str, int, int], object]]
MassesArg = Union[str, float, Sequence[float], npt.NDArray[np.floating]]

METHODS: list[str]
"""Dark-bremsstrahlung methods, crudest first: wwsimple, iww, exact, etl."""
MODELS: list[str]
"""Mediators: vector, scalar, pseudoscalar, axial, lmu-ltau, b-l."""
PROJECTILES: list[str]
"""Beam leptons: electron, positron, muon, antimuon."""
TARGETS: list[str]
"""Built-in target materials (any element symbol or name is accepted too)."""
PRESETS: list[str]
"""Embedded experiment configurations for ``run``."""
EVENT_COLUMNS: list[str]
"""Columns of an event file, in file order (``read_events``)."""

class AprimeError(Exception):
    """A computation failed for a reason other than bad input."""

# --- cross sections -------------------------------------------------------------------------

# xsec, dsigma_dx: σ at the model's coupling: ε = 1 by default for vector, scalar,
# pseudoscalar, axial (g_ℓ = ε·e), g = 1 for lmu-ltau and b-l (Z' gauge coupling); σ ∝
# coupling², as `aprime xsec --coupling`. ε in (0, 1], g in (0, √(4π)], else ValueError.
@overload
def xsec(
    mass_gev: Scalar,
    energy_gev: Optional[Scalar] = 100.0,
    *,
    target: str = "Pb",
    method: str = "etl",
    model: str = "vector",
    coupling: float = 1.0,
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: Literal[False] = False,
) -> float: ...
@overload
def xsec(
    mass_gev: Scalar,
    energy_gev: Optional[Scalar] = 100.0,
    *,
    target: str = "Pb",
    method: str = "etl",
    model: str = "vector",
    coupling: float = 1.0,
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: Literal[True],
) -> Tuple[float, float]: ...
@overload
def xsec(
    mass_gev: ArrayLike,
    energy_gev: Optional[ArrayLike] = 100.0,
    *,
    target: str = "Pb",
    method: str = "etl",
    model: str = "vector",
    coupling: float = 1.0,
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: Literal[False] = False,
) -> Union[float, FloatArray]: ...
@overload
def xsec(
    mass_gev: ArrayLike,
    energy_gev: Optional[ArrayLike] = 100.0,
    *,
    target: str = "Pb",
    method: str = "etl",
    model: str = "vector",
    coupling: float = 1.0,
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: Literal[True],
) -> Tuple[Union[float, FloatArray], Union[float, FloatArray]]: ...
def dsigma_dx(
    x: ArrayLike,
    mass_gev: ArrayLike,
    energy_gev: Optional[ArrayLike] = 100.0,
    *,
    target: str = "Pb",
    method: str = "etl",
    model: str = "vector",
    coupling: float = 1.0,
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: bool = False,
) -> Union[float, FloatArray, Tuple[Union[float, FloatArray], Union[float, FloatArray]]]:
    """dσ/dx per atom at the model's coupling (as ``xsec``) [pb], x = E_A'/E0."""

def x_range(
    mass_gev: float, energy_gev: float = 100.0, *, projectile: str = "electron"
) -> Tuple[float, float]:
    """(x_min, x_max) = (m/E0, 1 − m_l/E0)."""

def kfactor(
    mass_gev: ArrayLike,
    energy_gev: Optional[ArrayLike] = 100.0,
    *,
    target: str = "Pb",
    reference: str = "etl",
    model: str = "vector",
    projectile: str = "electron",
    precision: Optional[float] = None,
    seed: int = 1,
    with_error: bool = False,
) -> Union[float, FloatArray, Tuple[Union[float, FloatArray], Union[float, FloatArray]]]:
    """k = σ_WW/σ_ref (paper 002 eq. 12), dimensionless; independent of the coupling."""

def dimuon(
    energy_gev: ArrayLike, *, target: str = "Pb", with_error: bool = False
) -> Union[float, FloatArray, Tuple[Union[float, FloatArray], Union[float, FloatArray]]]:
    """σ(γZ → μ⁺μ⁻Z) per atom [μb] (paper 002 eq. 18–22)."""

def dimuon_dsigma_dx(
    x_plus: ArrayLike, energy_gev: ArrayLike, *, target: str = "Pb"
) -> Union[float, FloatArray]:
    """dσ/dx₊ per atom [μb], x₊ = E_μ⁺/E_γ."""

def dimuon_x_range(energy_gev: float) -> Tuple[float, float]:
    """The x₊ range of paper 002 eq. 22."""

# --- widths and resonant annihilation -------------------------------------------------------
# coupling: ε in (0, 1] (vector, scalar, pseudoscalar, axial) or g in (0, √(4π)] (lmu-ltau,
# b-l), else ValueError, as for xsec.

def widths(
    mass_gev: ArrayLike,
    coupling: float,
    *,
    model: str = "vector",
    alpha_d: float = 0.5,
    chi_ratio: float = 1.0 / 3.0,
    chi: str = "fermion",
) -> dict[str, FloatArray]:
    """Partial/total widths [GeV] (``ee_gev`` … ``total_gev``) and ``br_invisible``, ``br_ee``."""

def annihilation_xsec(
    positron_energy_gev: ArrayLike,
    mass_gev: ArrayLike,
    coupling: float,
    *,
    model: str = "vector",
    alpha_d: float = 0.5,
    chi_ratio: float = 1.0 / 3.0,
    chi: str = "fermion",
) -> Union[float, FloatArray]:
    """Breit–Wigner σ(e⁺e⁻ → X → invisible) per target electron [pb]."""

def annihilation_strength(
    mass_gev: ArrayLike,
    coupling: float,
    *,
    model: str = "vector",
    alpha_d: float = 0.5,
    chi_ratio: float = 1.0 / 3.0,
    chi: str = "fermion",
) -> Union[float, FloatArray]:
    """Narrow-width ∫σ dE₊ per target electron [pb·GeV]."""

def resonance_energy(mass_gev: ArrayLike) -> Union[float, FloatArray]:
    """Resonant positron energy E_R [GeV]."""

def resonant_mass(positron_energy_gev: ArrayLike) -> Union[float, FloatArray]:
    """Mass resonant at positron energy E₊ [GeV]."""

def decay_length_cm(
    energy_gev: ArrayLike, mass_gev: ArrayLike, total_width_gev: ArrayLike
) -> Union[float, FloatArray]:
    """Mean decay length γβcτ [cm]."""

# --- shower yields --------------------------------------------------------------------------

class Yields:
    """A' yields per EOT per ε², one entry per mass."""

    mass_gev: FloatArray
    yield_per_eot_per_eps2: FloatArray
    stat_error: FloatArray
    brem: FloatArray
    brem_error: FloatArray
    annihilation: FloatArray
    annihilation_error: FloatArray
    brem_primary: FloatArray
    spectrum_edges_gev: FloatArray
    spectrum_brem: FloatArray
    """(masses, bins) [per GeV per EOT per ε²]."""
    spectrum_annihilation: FloatArray
    """(masses, bins) [per GeV per EOT per ε²]."""
    signal_ecal: FloatArray
    """(masses, bins) [per GeV per EOT per ε²]."""
    events: int
    seed: int
    target: str
    energy_gev: float
    emiss_min_gev: float
    method: str
    json: str
    """The whole shower result as JSON (``aprime yield --save``)."""

def yields(
    masses_gev: MassesArg,
    *,
    events: int = 10_000,
    seed: int = 1,
    target: str = "na64-ecal",
    method: str = "etl",
    energy_gev: float = 100.0,
    emiss_min_gev: float = 50.0,
    depth_x0: float = 40.0,
    cut_gev: float = 1e-3,
    full: bool = False,
    signal_events: int = 0,
    annihilation: bool = True,
    alpha_d: float = 0.5,
    chi_ratio: float = 1.0 / 3.0,
    chi: str = "fermion",
    chunk_events: int = 256,
    progress: ProgressArg = None,
) -> Yields:
    """Shower Monte Carlo A' yields, as ``aprime yield``."""

# --- statistics -----------------------------------------------------------------------------

class ClsLimit:
    """CLs upper limits on the total expected signal [events]."""

    observed: float
    observed_toy_error: Optional[float]
    expected: Optional[FloatArray]
    """(−2σ, −1σ, median, +1σ, +2σ) [events]."""
    calculator: str
    reason: str
    cl: float
    channels: int
    nuisances: int
    cls_evaluations: int

def cls(
    obs: ArrayLike,
    bkg: ArrayLike,
    bkg_unc: Optional[ArrayLike] = None,
    *,
    sig_fractions: Optional[ArrayLike] = None,
    sig_unc: float = 0.0,
    cl: float = 0.9,
    calculator: str = "auto",
    constraint: str = "lognormal",
    toys: int = 10_000,
    seed: int = 1,
    expected: bool = True,
) -> ClsLimit:
    """CLs upper limit on the total signal, as ``aprime cls``."""

# --- the main job ---------------------------------------------------------------------------

class RunResult:
    """Limits per mass (``limits.csv``), the DM interpretation and the output paths."""

    config_name: str
    mass_gev: FloatArray
    eps_observed: FloatArray
    eps_expected_median: FloatArray
    eps_expected_m1: FloatArray
    eps_expected_p1: FloatArray
    eps_expected_m2: FloatArray
    eps_expected_p2: FloatArray
    yield_per_eot_per_eps2: FloatArray
    signal_events_per_eps2: FloatArray
    calculator: list[str]
    dm_mass_gev: FloatArray
    m_chi_gev: FloatArray
    alpha_d: FloatArray
    y_upper: FloatArray
    """(DM masses, α_D values)."""
    alpha_d_min_pseudo_dirac: FloatArray
    alpha_d_min_majorana: FloatArray
    events: int
    seed: int
    out_dir: Path
    files: list[Path]

def run(
    preset: Optional[str] = None,
    *,
    config: Union[str, os.PathLike[str], None] = None,
    masses_gev: Optional[MassesArg] = None,
    events: Optional[int] = None,
    seed: Optional[int] = None,
    out_dir: Union[str, os.PathLike[str]] = "aprime-out",
    progress: ProgressArg = None,
) -> RunResult:
    """The main job, as ``aprime run``."""

# --- event files ----------------------------------------------------------------------------

def read_events(
    path: Union[str, os.PathLike[str]],
) -> Tuple[dict[str, npt.NDArray[np.generic]], Optional[dict[str, object]]]:
    """Columns of an event file (Parquet or CSV) and its metadata."""
