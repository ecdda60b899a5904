//! A chunk of muon events scored into the run's tally layout ([`crate::tally::Layout`]), so that
//! muon runs share the exact chunk sums, shards, merge and [`crate::ShowerResult`] of the
//! electron showers: the ledger (continuous losses as ionisation, discrete radiative losses as
//! `cut`, the outgoing muon as escaped), the section, material, longitudinal and lateral
//! deposits, and per mass the track-length yield W (slot `BREM`, all of it the primary's) with
//! its square and its missing-energy spectrum.

use aprime_core::rng::{mix, stream};

use super::MuonPhysics;
use crate::run_config::RunConfig;
use crate::tally::{ExactTally, Layout, dark_slot, ledger};
use crate::target::Geometry;

/// Score chunk `c` of the run `cfg` (events `c·chunk .. (c+1)·chunk`).
pub(crate) fn run_chunk(
    cfg: &RunConfig,
    geometry: &Geometry,
    lay: &Layout,
    physics: &MuonPhysics,
    c: u64,
) -> ExactTally {
    let e0 = cfg.beam_energy_gev;
    let first = c * cfg.chunk_events;
    let last = (first + cfg.chunk_events).min(cfg.events);
    let mut ch = vec![0.0; lay.len];
    let mut max_res = 0.0_f64;
    let nodes = physics.dark.as_ref().map(|d| &d.nodes);
    let n_track = nodes.map_or(0, |n| n.energies.len()) * geometry.materials.len();
    let mut track = vec![0.0; n_track];
    let mut chunk_track = vec![0.0; n_track];
    for i in first..last {
        let key = mix(cfg.seed, i);
        // The event's beam energy from its own stream (E0 without a spread: no draw).
        let e_beam = crate::beam::event_energy(e0, cfg.beam_energy_spread_gev, key);
        let mut rng = stream(key);
        track.fill(0.0);
        let mut preshower = 0.0;
        let budget = physics.losses.transport(
            geometry,
            &mut rng,
            e_beam,
            nodes,
            &mut track,
            &mut |si, depth, de| {
                let slab = &geometry.slabs[si];
                ch[lay.o_sec + slab.section] += de;
                ch[lay.o_mat + slab.material] += de;
                if let Some(b) = lay.long.index(depth) {
                    ch[lay.o_long + b] += de;
                }
                if let Some(b) = lay.lat.index(0.0) {
                    ch[lay.o_lat + b] += de;
                }
                if geometry.sections[slab.section].1 {
                    preshower += de;
                }
            },
        );
        let visible = budget.continuous + budget.discrete;
        let mut l = [0.0; ledger::N];
        l[ledger::IONISATION] = budget.continuous;
        l[ledger::CUT] = budget.discrete;
        l[ledger::ESCAPED] = budget.escaped;
        l[ledger::REST_MASS] = budget.stopped_rest;
        l[ledger::VISIBLE] = visible;
        l[ledger::VISIBLE2] = visible * visible;
        l[ledger::PRESHOWER] = preshower;
        l[ledger::PRESHOWER2] = preshower * preshower;
        let sum = budget.continuous + budget.discrete + budget.escaped + budget.stopped_rest;
        max_res = max_res.max((sum - e_beam).abs() / e_beam);
        for (s, v) in l.iter().enumerate() {
            ch[lay.o_ledger + s] += v;
        }
        if let Some(b) = lay.ps.index(preshower) {
            ch[lay.o_ps + b] += 1.0;
        }
        if let Some(b) = lay.ecal.index(visible) {
            ch[lay.o_ecal + b] += 1.0;
        }
        if let Some(d) = &physics.dark {
            for (k, md) in d.masses.iter().enumerate() {
                let w: f64 = md
                    .sigma_above
                    .iter()
                    .flatten()
                    .zip(&track)
                    .map(|(s, t)| s * t)
                    .sum();
                let o = lay.dark_at(k);
                ch[o + dark_slot::BREM] += w;
                ch[o + dark_slot::BREM2] += w * w;
                ch[o + dark_slot::TOT2] += w * w;
                ch[o + dark_slot::BREM_PRIMARY] += w;
            }
            for (a, t) in chunk_track.iter_mut().zip(&track) {
                *a += t;
            }
        }
    }
    // Spectra: the chunk's node track lengths folded with the per-node E_miss spectra.
    if let Some(d) = &physics.dark {
        for (k, md) in d.masses.iter().enumerate() {
            let o = lay.spec_brem_at(k);
            for (t, spec) in chunk_track.iter().zip(md.spectrum.iter().flatten()) {
                if *t == 0.0 {
                    continue;
                }
                for (b, v) in spec.iter().enumerate() {
                    ch[o + b] += t * v;
                }
            }
        }
    }
    let mut t = ExactTally::zeros(lay.len);
    t.add_chunk(last - first, &ch, max_res);
    t
}
