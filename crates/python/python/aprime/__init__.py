"""aprime: the NA64 dark-photon (A' → invisible) search from first principles, in Python.

Thin bindings of the aprime Rust crates with numpy in and out. Units are in the argument
names (``mass_gev``, ``energy_gev``, ...); dark-bremsstrahlung cross sections are per target
atom in pb at the model's coupling (``coupling``: ε = 1 by default for vector, scalar,
pseudoscalar, axial; g = 1 for lmu-ltau and b-l; σ ∝ coupling²), the dimuon one in μb.
Results are identical to the ``aprime`` command line for the same options and seed.

Bad input raises ``ValueError``; other failures raise :class:`AprimeError`.
"""

from ._aprime import (
    EVENT_COLUMNS,
    METHODS,
    MODELS,
    PRESETS,
    PROJECTILES,
    TARGETS,
    AprimeError,
    ClsLimit,
    RunResult,
    Yields,
    __version__,
    annihilation_strength,
    annihilation_xsec,
    cls,
    decay_length_cm,
    dimuon,
    dimuon_dsigma_dx,
    dimuon_x_range,
    dsigma_dx,
    kfactor,
    read_events,
    resonance_energy,
    resonant_mass,
    run,
    widths,
    x_range,
    xsec,
    yields,
)

__all__ = [
    "EVENT_COLUMNS",
    "METHODS",
    "MODELS",
    "PRESETS",
    "PROJECTILES",
    "TARGETS",
    "AprimeError",
    "ClsLimit",
    "RunResult",
    "Yields",
    "__version__",
    "annihilation_strength",
    "annihilation_xsec",
    "cls",
    "decay_length_cm",
    "dimuon",
    "dimuon_dsigma_dx",
    "dimuon_x_range",
    "dsigma_dx",
    "kfactor",
    "read_events",
    "resonance_energy",
    "resonant_mass",
    "run",
    "widths",
    "x_range",
    "xsec",
    "yields",
]
