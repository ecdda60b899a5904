//! Dark bremsstrahlung μN → μN X along the muon track, prepared per X mass: the macroscopic
//! cross section for a signal-like emission and its spectrum in missing energy, at the energy
//! nodes of the dark-bremsstrahlung tables.
//!
//! Signal variable: the missing energy E_miss = E0 − E_μ' with E_μ' = E − E_X the muon energy
//! right after the emission at energy E (ionisation before the emission counts as missing,
//! the small loss after it is neglected), so that the signal box "scattered muon with
//! p < p_max" (NA64μ, PRL 132 211803: p_max = 80 GeV) is E_miss > E0 − p_max, i.e.
//! E_X > E − p_max at emission, and the limits stage cuts the spectrum like the electron
//! E_miss. A run scores E_miss > E_min; a node at muon energy E_j counts
//! σ_j(x > x_thr) with x_thr = max(m, E_min − (E0 − E_j))/E_j, from the node's cumulative x
//! distribution ([`DarkBremTable`]). The tables start at E0 − E_min: a muon that has already
//! lost more than E_min (visibly, in the calorimeter) is not scored.
//!
//! Track-length estimator: a step of length s at energy E adds s(1 − f) and s f to the track
//! lengths of the nodes j, j + 1 around E (f linear in ln E, as [`DarkBremTable::sigma_above`]
//! interpolates); the yield of a muon is Σ_material Σ_j T_mj n σ_mj and its spectrum the same
//! sum over the per-node spectra — exact in expectation, no sampling.

use aprime_physics::Material;
use aprime_physics::constants::M_MU;
use rayon::prelude::*;

use crate::dark::{DarkBremSource, DarkBremTable, log_node};
use crate::error::{Result, ensure};
use crate::run_config::DarkConfig;
use crate::tally::Bins;
use crate::target::Geometry;

/// Energy nodes shared by every table of a run \[GeV\], log-spaced.
#[derive(Debug, Clone, PartialEq)]
pub struct EnergyNodes {
    /// Node energies \[GeV\].
    pub energies: Vec<f64>,
    ln_e0: f64,
    inv_dln: f64,
}

impl EnergyNodes {
    fn new(energies: Vec<f64>) -> Self {
        let n = energies.len();
        let ln_e0 = energies[0].ln();
        let inv_dln = (n - 1) as f64 / (energies[n - 1] / energies[0]).ln();
        Self {
            energies,
            ln_e0,
            inv_dln,
        }
    }

    /// (node, fraction) of energy `e`, `None` below the first node.
    #[inline]
    pub fn locate(&self, e: f64) -> Option<(usize, f64)> {
        log_node(e.ln(), self.ln_e0, self.inv_dln, self.energies.len())
    }
}

/// The dark physics of one X mass for the muon transport.
#[derive(Debug, Clone)]
pub struct MuonDarkMass {
    /// X mass \[GeV\].
    pub mass: f64,
    /// Per material, per node: n σ(E_miss > E_min) \[1/cm\].
    pub sigma_above: Vec<Vec<f64>>,
    /// Per material, per node, per E_miss bin (`spectrum_bins`, overflow included):
    /// n σ in the bin \[1/cm\].
    pub spectrum: Vec<Vec<Vec<f64>>>,
}

/// The dark physics of a muon run.
#[derive(Debug, Clone)]
pub struct MuonDark {
    /// Threshold on E_miss \[GeV\].
    pub e_min: f64,
    /// Beam energy \[GeV\].
    pub e0: f64,
    /// Energy nodes.
    pub nodes: EnergyNodes,
    /// Per mass.
    pub masses: Vec<MuonDarkMass>,
}

/// The normalised cumulative x distribution of node `j` of `t` at `x` (0 below, 1 above).
fn cdf_at(t: &DarkBremTable, j: usize, x: f64) -> f64 {
    let (xs, c) = (&t.x[j], &t.cdf[j]);
    if x <= xs[0] {
        return 0.0;
    }
    if x >= xs[xs.len() - 1] {
        return 1.0;
    }
    let k = xs.partition_point(|&v| v <= x).clamp(1, xs.len() - 1);
    let f = (x - xs[k - 1]) / (xs[k] - xs[k - 1]);
    c[k - 1] + f.clamp(0.0, 1.0) * (c[k] - c[k - 1])
}

impl MuonDark {
    /// Tables for every mass of `d` on the elements of `geometry` for muons of nominal beam
    /// energy `e0` and at most `e_top` (E0 + 5σ with an energy spread), binned in
    /// E_miss = E0 − E_μ' like `spectrum_bins`. The missing energy is taken against the nominal
    /// E0 whatever the event's own beam energy, so that E_miss > E0 − p_max is exactly the
    /// scattered-muon cut E_μ' < p_max for every event.
    pub fn build(
        geometry: &Geometry,
        d: &DarkConfig,
        src: &dyn DarkBremSource,
        (e0, e_top): (f64, f64),
        spectrum_bins: &Bins,
    ) -> Result<Self> {
        let e_min = d.e_min_gev;
        let e_lo = (e0 - e_min).max(M_MU * 1.01);
        ensure(e_lo < e0 * (1.0 - 1e-6), || {
            format!("the missing-energy threshold {e_min} GeV leaves no muon energies to score")
        })?;
        let mut elements: Vec<aprime_physics::Element> = Vec::new();
        for m in &geometry.materials {
            for c in &m.components {
                if !elements.iter().any(|e| e.symbol == c.element.symbol) {
                    elements.push(c.element);
                }
            }
        }
        let edges = spectrum_bins.edges();
        let mut nodes: Option<EnergyNodes> = None;
        let mut masses = Vec::with_capacity(d.masses_gev.len());
        for &mass in &d.masses_gev {
            // Table x threshold 0: the spectrum is cut per node in E_miss below.
            let tables = elements
                .par_iter()
                .map(|el| {
                    DarkBremTable::build_for_lepton(
                        src,
                        el,
                        mass,
                        0.0,
                        (e_lo, e_top),
                        &d.table,
                        M_MU,
                    )
                })
                .collect::<Result<Vec<_>>>()?;
            let t0 = &tables[0];
            let n_nodes = t0.energies.len();
            if nodes.is_none() {
                nodes = Some(EnergyNodes::new(t0.energies.clone()));
            }
            // Per element, per node: σ above threshold [cm²] and per E_miss bin [cm²].
            let per_element: Vec<(Vec<f64>, Vec<Vec<f64>>)> = tables
                .iter()
                .map(|t| {
                    (0..n_nodes)
                        .map(|j| {
                            let e = t.energies[j];
                            let shift = e0 - e;
                            let x_thr = (mass.max(e_min - shift)) / e;
                            let c_thr = cdf_at(t, j, x_thr);
                            let sigma = t.sigma_cm2[j];
                            let bins: Vec<f64> = (0..=spectrum_bins.n)
                                .map(|b| {
                                    let lo = ((edges[b] - shift) / e).max(x_thr);
                                    let hi = if b == spectrum_bins.n {
                                        f64::INFINITY
                                    } else {
                                        (edges[b + 1] - shift) / e
                                    };
                                    if hi <= lo {
                                        return 0.0;
                                    }
                                    sigma * (cdf_at(t, j, hi) - cdf_at(t, j, lo))
                                })
                                .collect();
                            (sigma * (1.0 - c_thr), bins)
                        })
                        .unzip()
                })
                .collect();
            let mut sigma_above = Vec::with_capacity(geometry.materials.len());
            let mut spectrum = Vec::with_capacity(geometry.materials.len());
            for m in &geometry.materials {
                let dens = Material::atom_densities_cm3(m);
                let mut s_above = vec![0.0; n_nodes];
                let mut s_spec = vec![vec![0.0; spectrum_bins.len()]; n_nodes];
                for (c, na) in m.components.iter().zip(dens) {
                    let t = elements
                        .iter()
                        .position(|e| e.symbol == c.element.symbol)
                        .expect("collected above");
                    let (above, bins) = &per_element[t];
                    for j in 0..n_nodes {
                        s_above[j] += na * above[j];
                        for (a, b) in s_spec[j].iter_mut().zip(&bins[j]) {
                            *a += na * b;
                        }
                    }
                }
                sigma_above.push(s_above);
                spectrum.push(s_spec);
            }
            masses.push(MuonDarkMass {
                mass,
                sigma_above,
                spectrum,
            });
        }
        Ok(Self {
            e_min,
            e0,
            nodes: nodes.expect("at least one mass (validated)"),
            masses,
        })
    }
}
