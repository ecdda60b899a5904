//! The event loop: the beam particle (e⁻ or e⁺) and all its secondaries taken from a stack until none is
//! left, with or without scoring (a replay).

use super::engine::Engine;
use super::event::{Ctx, Emission, EventOut};
use super::particle::{Kind, Particle};
use crate::tally::ledger;
use aprime_core::rng::{self, mix};
use aprime_core::seed::salt;

impl Engine<'_> {
    fn new_event(&self) -> EventOut {
        let nm = self.dark.map_or(0, |d| d.masses.len());
        EventOut {
            sections: vec![0.0; self.geom.sections.len()],
            materials: vec![0.0; self.geom.materials.len()],
            w_brem: vec![0.0; nm],
            w_ann: vec![0.0; nm],
            w_brem_primary: vec![0.0; nm],
            chosen: vec![None; nm],
            wsum: vec![0.0; nm],
            ..EventOut::default()
        }
    }

    /// Simulate one event with scoring into `chunk` (layout order).
    pub fn score_event(&self, key: u64, e_beam: f64, chunk: &mut [f64]) -> EventOut {
        let mut ev = self.new_event();
        let mut ctx = Ctx {
            chunk: Some(chunk),
            ev: &mut ev,
            dark_rng: rng::stream(mix(key, salt::DARK)),
            replay: None,
            cells: false,
            copies: false,
        };
        self.run(key, e_beam, self.settings.fast_threshold, &mut ctx);
        self.score_spectra(&ev, chunk);
        ev
    }

    /// Replay event `key` as a full shower with the A' of mass index `mass` emitted at
    /// `emission`; returns the event with its cell energies.
    pub fn replay_event(&self, key: u64, e_beam: f64, mass: usize, emission: Emission) -> EventOut {
        let mut ev = self.new_event();
        let nc = self.geom.config.cells.map_or(0, |c| (c.nx * c.ny) as usize);
        ev.cells = vec![0.0; nc];
        let mut ctx = Ctx {
            chunk: None,
            ev: &mut ev,
            dark_rng: rng::stream(mix(key, salt::DARK)),
            replay: Some((mass, emission)),
            cells: nc > 0,
            copies: false,
        };
        self.run(key, e_beam, 0.0, &mut ctx);
        ev
    }

    fn run(&self, key: u64, e_beam: f64, fast: f64, ctx: &mut Ctx<'_>) {
        let mut stack = Vec::with_capacity(256);
        stack.push(Particle {
            kind: self.beam,
            e: e_beam,
            pos: [0.0; 3],
            dir: [0.0, 0.0, 1.0],
            slab: 0,
            key,
            primary: true,
            tl_weight: 1.0,
        });
        while let Some(p) = stack.pop() {
            match p.kind {
                Kind::Photon => self.photon(p, fast, &mut stack, ctx),
                _ => self.charged(p, fast, &mut stack, ctx),
            }
        }
        let l = &mut ctx.ev.ledger;
        l[ledger::VISIBLE] = l[ledger::IONISATION] + l[ledger::CUT];
    }
}
