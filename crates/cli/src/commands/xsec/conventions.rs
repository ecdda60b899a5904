//! The long help of `aprime xsec`: methods, and the model conventions of docs/models.md §1
//! (keep the two consistent; `every_model_is_in_the_help` checks that each model is named).

/// Shown by `aprime xsec --help` (after the options).
pub const LONG_HELP: &str = "\
Dark bremsstrahlung l Z → l Z X per target atom [pb/atom], at unit coupling of the model's own
parameter (ε = 1, or g = 1 for the Z' models); --coupling c gives σ·c².

Methods: wwsimple = simplified Weizsäcker–Williams total (paper 002 eq. 9–11, total only);
iww = improved WW dσ/dx (BEST 2009 App. A); exact = exact X kinematics with the WW flux,
d²σ/dx dθ (DMG4 App. A eq. 16–17); etl = exact tree level (full 2→3 phase space; Σ|M|² of every
spin derived in docs/models.md §2). A compound target (e.g. scintillator) gives the per-atom
average over its elements weighted by atom fraction (n_atoms·σ is the macroscopic cross section).

Models (--model; docs/models.md §1). Coupling of X to a lepton ℓ, with g_ℓ = ε·e for the first
four, so that ε is comparable across them (as in the NA64 papers):
  vector        g_ℓ X_μ ℓ̄γ^μℓ      dark photon A' (kinetic mixing), J^P = 1⁻; limits on ε
  scalar        g_ℓ S ℓ̄ℓ           J^P = 0⁺; limits on ε
  pseudoscalar  g_ℓ a ℓ̄iγ⁵ℓ        J^P = 0⁻; limits on ε
  axial         g_ℓ X_μ ℓ̄γ^μγ⁵ℓ    J^P = 1⁺; limits on ε
  lmu-ltau      Z' of L_μ−L_τ: gauge coupling g to μ, ν_μ (charge +1) and τ, ν_τ (−1); limits on g.
                It reaches electrons and nuclei only through the μ/τ loop kinetic mixing
                ε(q²) = (e g/2π²) ∫₀¹dx x(1−x) ln[(m_τ² − x(1−x)q²)/(m_μ² − x(1−x)q²)],
                taken at q² = m_Z'² (the real part above 2m_μ); at q² → 0 it is
                ε = e g ln(m_τ²/m_μ²)/(12π²) ≈ g/69.3. Muon beams couple with g directly.
  b-l           Z' of B−L: coupling g × (B−L) to every fermion (e, μ, τ, ν: −1; quarks: 1/3),
                so g_e = −g; limits on g.
  all           every model side by side: one row per mass/energy, one column per model,
                σ per atom at unit coupling (ε = 1 or g = 1) [pb].
Conversion: σ(parameter) = σ(g_ℓ = e) · sigma_scale · parameter², sigma_scale = 1 for the ε-models,
(ε(m²)/g)² for lmu-ltau on electrons, 1/(4πα) for lmu-ltau on muons and for b-l (JSON key
sigma_scale). A lepton and its antilepton radiate alike (one-photon exchange).

Lists (--mass, --energy): a,b,c | FIRST,SECOND,...,LAST | log:LO:HI:N | lin:LO:HI:N; rows are
mass-major.
";
