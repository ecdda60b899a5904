//! The transport engine of a run: geometry, material tables, settings, dark tables and the tally
//! layout it scores into.

use crate::dark_setup::DarkSetup;
use crate::em::MaterialPhysics;
use crate::em::tables::Cuts;
use crate::tally::Layout;
use crate::target::Geometry;

use super::particle::Kind;
use crate::run_config::HardPhotonCopies;

/// Transport settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransportSettings {
    /// Cuts.
    pub cuts: Cuts,
    /// Particles with total energy below this are not followed (0 = full shower).
    pub fast_threshold: f64,
    /// Largest charged step as a fraction of the residual range.
    pub range_fraction: f64,
    /// Largest charged step in radiation lengths.
    pub max_step_x0: f64,
}

/// The transport engine for one run.
pub struct Engine<'a> {
    /// Geometry.
    pub geom: &'a Geometry,
    /// Material tables, one per geometry material.
    pub mats: &'a [MaterialPhysics],
    /// Transport settings.
    pub settings: TransportSettings,
    /// Dark physics.
    pub dark: Option<&'a DarkSetup>,
    /// Tally layout.
    pub layout: &'a Layout,
    /// Preshower flag per section.
    pub(super) ps_section: Vec<bool>,
    /// Kind of the beam particle that starts every event (e⁻ unless set by [`Engine::with_beam`]).
    pub(super) beam: Kind,
    /// Hard-photon copies for the track-length spectra (none unless set by
    /// [`Engine::with_hard_photon_copies`]).
    pub(super) hard: Option<&'a HardPhotonCopies>,
}

impl<'a> Engine<'a> {
    /// Engine over prepared tables.
    pub fn new(
        geom: &'a Geometry,
        mats: &'a [MaterialPhysics],
        settings: TransportSettings,
        dark: Option<&'a DarkSetup>,
        layout: &'a Layout,
    ) -> Self {
        Self {
            geom,
            mats,
            settings,
            dark,
            layout,
            ps_section: geom.sections.iter().map(|s| s.1).collect(),
            beam: Kind::Electron,
            hard: None,
        }
    }

    /// The same engine with hard-photon copies at the bremsstrahlung vertices of the beam
    /// particle's lineage when it scores ([`HardPhotonCopies`]); `None` or 0 copies: none.
    #[must_use]
    pub fn with_hard_photon_copies(mut self, hard: Option<&'a HardPhotonCopies>) -> Self {
        self.hard = hard.filter(|h| h.copies > 0);
        self
    }

    /// The same engine with events started by a `beam` particle (an electron or a positron; a
    /// photon beam is not a use of this engine and is taken as an electron).
    #[must_use]
    pub fn with_beam(mut self, beam: Kind) -> Self {
        self.beam = if beam == Kind::Photon {
            Kind::Electron
        } else {
            beam
        };
        self
    }
}
