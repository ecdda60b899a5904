//! The likelihood in publishable form: a [`Model`](crate::Model) as a pyhf workspace
//! (HistFactory JSON, schema 1.0.0) and its signal hypotheses as a pyhf PatchSet, the format
//! HEPData takes as an additional resource of type "HistFactory".
//!
//! Correspondence (pyhf 0.7 modifiers; Cranmer et al., CERN-OPEN-2012-016 for HistFactory):
//! - channel i (a run) → pyhf channel with one bin, observation n_i, samples `background`
//!   (data b_i) and `signal` (data s_i, the signal per unit POI, with the `normfactor` POI);
//! - log-normal nuisance with relative effect r → `normsys` {hi: κ, lo: 1/κ}, κ = 1 + r.
//!   pyhf's exponential interpolation (code 1) is hi^α for α ≥ 0 and lo^(−α) for α < 0; with
//!   lo = 1/κ both branches are κ^α, our factor κ^θ exactly. pyhf 0.7 builds models with
//!   code 4 by default (the same for |α| ≥ 1, a 6th-order polynomial matching value, slope and
//!   curvature at α = ±1 inside): it departs from κ^α by at most 3·10⁻¹² (κ = 1.1), 3·10⁻⁸
//!   (1.4), 1·10⁻⁷ (1.5), 5·10⁻⁶ (2), 1.4·10⁻⁴ (3) relative. The interpolation code is not part
//!   of the JSON (the measurement `parameters` schema has no such field); the exact model is
//!   `ws.model(modifier_settings={"normsys": {"interpcode": "code1"},
//!   "histosys": {"interpcode": "code0"}})`;
//! - Gaussian nuisance → `histosys` {hi_data: y(1 + r), lo_data: y(1 − r)} on the yield y.
//!   pyhf's linear interpolation (code 0) adds α·(hi − y) for α ≥ 0 and α·(y − lo) for α < 0,
//!   i.e. y(1 + rα) for both signs, our factor 1 + rθ; its default code 4p reduces to the same
//!   line for symmetric variations. (normsys offers only codes 1 and 4, exponential outside
//!   |α| < 1, so it cannot carry a linear factor.) Our factor is truncated at 0, pyhf's is
//!   not: for r > 1/5 the measurement bounds α ≥ −1/r. Two Gaussian nuisances on one yield
//!   multiply in our model but add in pyhf, so that is refused;
//! - each nuisance is one parameter named after it (reduced to `[A-Za-z0-9_]`), so a nuisance
//!   acting on several channels or yields is correlated in pyhf as in our model; its
//!   constraint is pyhf's Normal(a = 0 | α, 1), ours N(g = 0 | θ, 1): α = θ;
//! - the likelihoods then agree up to a constant: −ln L_pyhf = NLL_ours + Σ_i [ln n_i! + n_i
//!   − n_i ln n_i] + N_θ ln √(2π) (ours is half the Poisson deviance, see `likelihood.rs`).
//!
//! Background-only workspace: the signal sample is present in every channel with zero yield
//! and the POI, so that the workspace declares its POI (pyhf refuses to build a model whose
//! POI is missing, and `pyhf inspect` builds one); each patch replaces these samples.
//!
//! ```
//! use aprime_stats::{Constraint, Model};
//! use aprime_stats::pyhf::{Hypothesis, Measurement, PatchSetInfo, background_workspace, patchset};
//! let model = |s: f64| Model::builder()
//!     .channel("2016 run I", 0, 0.67 * s, 0.043)
//!     .channel("2016 run II", 0, 0.33 * s, 0.041)
//!     .background_uncertainties(&[0.017, 0.020], Constraint::LogNormal).unwrap()
//!     .shared_signal_uncertainty("signal", 0.10, Constraint::LogNormal)
//!     .build().unwrap();
//! let (light, heavy) = (model(4.0), model(1.5));
//! let ws = background_workspace(&light, &Measurement::default()).unwrap();
//! let hyps = [Hypothesis::at_mass(0.0167, &light), Hypothesis::at_mass(0.1, &heavy)];
//! let info = PatchSetInfo::mass_scan("aprime", "A' signal per unit mu", "ins0000000");
//! let ps = patchset(&ws, &hyps, &info).unwrap();
//! assert_eq!(ps.json()["metadata"]["digests"]["sha256"], ws.sha256());
//! ```

mod digest;
mod error;
mod patchset;
mod sha256;
mod workspace;

pub use digest::pyhf_digest;
pub use error::PyhfError;
pub use patchset::{Hypothesis, PatchSet, PatchSetInfo, patchset};
pub use workspace::{
    BACKGROUND_SAMPLE, Measurement, SIGNAL_SAMPLE, Workspace, background_workspace,
    parameter_names, pyhf_name, signal_workspace,
};
