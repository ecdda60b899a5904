//! Cross sections at the model's own coupling, and how the commands name it: the physics
//! core computes at unit lepton coupling (g_ℓ = e); `Mediator::sigma_scale` is its one
//! conversion to the model's parameter (ε for the ε-models, g for the Z'; docs/models.md §1).

use aprime_physics::model::{CouplingParameter, Lepton, Mediator};
use aprime_report::ModelLabels;

/// Factor from σ at g_ℓ = e to σ at parameter value `coupling` of `mediator` for an X of mass
/// `mass_gev` radiated by `lepton`: sigma_scale · coupling² (exactly 1 for the dark photon at
/// ε = 1, so its numbers are unchanged).
pub fn cross_section_scale(
    mediator: Mediator,
    lepton: Lepton,
    mass_gev: f64,
    coupling: f64,
) -> anyhow::Result<f64> {
    Ok(mediator.sigma_scale(lepton, mass_gev)? * coupling * coupling)
}

/// The coupling in a header, e.g. `ε=1` or `g_Z'=0.001`.
pub fn coupling_label(mediator: Mediator, coupling: f64) -> String {
    format!("{}={coupling}", ModelLabels::of(mediator).axis)
}

/// One line that states the coupling convention of `mediators`, for the footnote of a table.
pub fn convention_note(mediators: &[Mediator], coupling: f64) -> String {
    let names = |p| {
        mediators
            .iter()
            .filter(|m| m.parameter() == p)
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let eps = names(CouplingParameter::Epsilon);
    let g = names(CouplingParameter::GaugeCoupling);
    let mut parts = Vec::new();
    if !eps.is_empty() {
        parts.push(format!("ε = {coupling} (g_ℓ = ε·e) for {eps}"));
    }
    if !g.is_empty() {
        let loop_note = if mediators.contains(&Mediator::LmuLtau) {
            "; L_μ−L_τ reaches e and nuclei through the μ/τ loop mixing ε(q² = m²), real part"
        } else {
            ""
        };
        parts.push(format!(
            "g = {coupling} for {g} (Z' gauge coupling{loop_note})"
        ));
    }
    format!("coupling: {}; σ ∝ coupling²", parts.join("; "))
}
