//! The incoming beam particle: its momentum and, for beam μ/π/K, the SRD tag and weight.

use aprime_core::rng::Rng;

use crate::response::{Detector, SrdSource, gauss};

use super::work_unit::SourceCtx;

/// Weight and SRD response of a beam μ/π/K event (fraction `total` of the beam): every second
/// event is forced to carry a fake electron tag (probability `srd_fake_tag_probability`), the
/// others radiate as what they are; each half carries twice its share of the rate.
pub(super) fn srd_tag(
    det: &Detector<'_>,
    ctx: SourceCtx,
    total: f64,
    fake: bool,
    p: f64,
    mass: f64,
) -> (f64, SrdSource) {
    let pf = det.run.srd_fake_tag_probability;
    let base = ctx.eot * total / ctx.n as f64 * 2.0;
    if fake {
        (base * pf, SrdSource::Fake)
    } else {
        (
            base * (1.0 - pf),
            SrdSource::Radiation {
                e_gev: p,
                mass_gev: mass,
            },
        )
    }
}

/// Beam momentum \[GeV\]: nominal E0 with the Gaussian momentum spread.
pub(super) fn beam_momentum(det: &Detector<'_>, r: &mut Rng) -> f64 {
    det.e0 * (1.0 + det.cfg.beam.momentum_spread * gauss(r))
}
