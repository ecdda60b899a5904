//! Muon beams (NA64μ): the target stage transports the beam muon through the layered target —
//! ionisation ([`MuonIonisation`], PDG eq. 34.5 with the density effect), radiative losses in the
//! b(E)·E form with discrete losses above v_cut ([`RadiativeLoss`]), no shower of the primary or
//! of its losses ([`MuonLosses::transport`]) — and scores dark bremsstrahlung μN → μN X along the track as the
//! track-length estimate Σ n σ(E, E_miss > E_min) Δl with its missing-energy spectrum
//! ([`MuonDark`]). The chunks fill the same tally layout as the showers, so a muon
//! run gives a [`crate::ShowerResult`] (yields per muon on target, MOT, per unit lepton
//! coupling), shards and merges exactly like an electron run.
//!
//! Target: any [`crate::TargetConfig`]; NA64μ's active target is an ECAL (PRL 132 211803), for
//! which the `na64-ecal` preset is used.

mod chunk;
mod dark_yield;
mod ionisation;
mod radiative;
mod transport;

pub(crate) use chunk::run_chunk;
pub use dark_yield::{EnergyNodes, MuonDark, MuonDarkMass};
pub use ionisation::MuonIonisation;
pub use radiative::{RadiativeLoss, V_CUT, b_per_gram, muon_critical_energy_gev};
pub use transport::{MAX_STEP_CM, MuonBudget, MuonLosses};

use crate::dark::DarkBremSource;
use crate::error::Result;
use crate::run_config::RunConfig;
use crate::tally::Layout;
use crate::target::Geometry;

/// Everything a muon run needs: the losses of every material and, with a dark sector, the
/// prepared dark-bremsstrahlung tables.
#[derive(Debug, Clone)]
pub struct MuonPhysics {
    /// Energy losses.
    pub losses: MuonLosses,
    /// Dark bremsstrahlung (`None` for a run without dark sector or for a merge).
    pub dark: Option<MuonDark>,
}

impl MuonPhysics {
    /// Prepare for `config` on `geometry`; dark tables from `source` when given.
    pub fn build(
        config: &RunConfig,
        geometry: &Geometry,
        layout: &Layout,
        source: Option<&dyn DarkBremSource>,
    ) -> Result<Self> {
        let dark = match (&config.dark, source) {
            (Some(d), Some(src)) => Some(MuonDark::build(
                geometry,
                d,
                src,
                (
                    config.beam_energy_gev,
                    crate::beam::highest_energy(
                        config.beam_energy_gev,
                        config.beam_energy_spread_gev,
                    ),
                ),
                &layout.spec,
            )?),
            _ => None,
        };
        Ok(Self {
            losses: MuonLosses::new(geometry),
            dark,
        })
    }
}
