//! The dark physics of a run prepared for transport: per X mass, the dark-bremsstrahlung tables
//! of the target's elements (for the run's mediator) combined into macroscopic cross sections per
//! material, and the resonance of e⁺e⁻ → X.

use aprime_physics::{Element, Material};

use crate::dark::{DarkBremSource, DarkBremTable, log_node};
use crate::error::Result;
use crate::resonance::Resonance;
use crate::run_config::DarkConfig;
use crate::target::Geometry;

/// Dark physics of one A' mass, prepared for transport.
#[derive(Debug, Clone)]
pub struct MassDark {
    /// A' mass \[GeV\].
    pub mass: f64,
    /// One dark-bremsstrahlung table per distinct element (all on the same energy nodes).
    pub tables: Vec<DarkBremTable>,
    /// Per material: (table index, atoms per cm³).
    pub mat_elems: Vec<Vec<(usize, f64)>>,
    /// Per material: macroscopic σ(E_A' > E_min) at the energy nodes \[1/cm\].
    pub mat_sigma: Vec<Vec<f64>>,
    /// Resonant annihilation (None if disabled).
    pub resonance: Option<Resonance>,
    /// Electron density per material \[1/cm³\].
    pub n_e: Vec<f64>,
    ln_e0: f64,
    inv_dln: f64,
}

impl MassDark {
    /// Assemble from per-element tables; `mat_elems` gives each material's (table, density).
    pub fn new(
        mass: f64,
        tables: Vec<DarkBremTable>,
        mat_elems: Vec<Vec<(usize, f64)>>,
        resonance: Option<Resonance>,
        n_e: Vec<f64>,
    ) -> Self {
        let t0 = &tables[0];
        let n = t0.energies.len();
        let mat_sigma = mat_elems
            .iter()
            .map(|els| {
                (0..n)
                    .map(|j| els.iter().map(|&(t, na)| na * tables[t].sigma_cm2[j]).sum())
                    .collect()
            })
            .collect();
        let ln_e0 = t0.energies[0].ln();
        let inv_dln = (n - 1) as f64 / (t0.energies[n - 1] / t0.energies[0]).ln();
        Self {
            mass,
            tables,
            mat_elems,
            mat_sigma,
            resonance,
            n_e,
            ln_e0,
            inv_dln,
        }
    }

    /// Macroscopic σ(E_A' > E_min) \[1/cm\] in material `m` at lepton energy `e`.
    #[inline]
    pub fn sigma_macro(&self, m: usize, e: f64) -> f64 {
        self.sigma_macro_ln(m, e.ln())
    }

    /// [`Self::sigma_macro`] at ln E.
    #[inline]
    pub fn sigma_macro_ln(&self, m: usize, ln_e: f64) -> f64 {
        let s = &self.mat_sigma[m];
        // At the first node σ is 0 by construction (DarkBremTable::build), so is the value there.
        match log_node(ln_e, self.ln_e0, self.inv_dln, s.len()) {
            Some((i, f)) => s[i] + f * (s[i + 1] - s[i]),
            None => 0.0,
        }
    }

    /// Sample x for bremsstrahlung in material `m` at energy `e` (element by its share).
    pub fn sample_x(&self, m: usize, e: f64, u1: f64, u2: f64) -> f64 {
        let els = &self.mat_elems[m];
        if els.len() == 1 {
            return self.tables[els[0].0].sample_x(e, u1, u2);
        }
        let w: Vec<f64> = els
            .iter()
            .map(|&(t, na)| na * self.tables[t].sigma_above(e))
            .collect();
        let tot: f64 = w.iter().sum();
        let mut acc = 0.0;
        let target = u1 * tot;
        for (k, &(t, _)) in els.iter().enumerate() {
            let lo = acc;
            acc += w[k];
            if target < acc || k + 1 == els.len() {
                // Reuse the deviate within the chosen element's share.
                let u1r = if w[k] > 0.0 {
                    ((target - lo) / w[k]).clamp(0.0, 1.0 - 1e-16)
                } else {
                    0.5
                };
                return self.tables[t].sample_x(e, u1r, u2);
            }
        }
        0.0
    }
}

/// All dark physics of a run.
#[derive(Debug, Clone)]
pub struct DarkSetup {
    /// Threshold on the A' energy \[GeV\].
    pub e_min: f64,
    /// Per mass.
    pub masses: Vec<MassDark>,
}

impl DarkSetup {
    /// Dark tables for every mass of `d` on the elements of `geometry`, lepton energies up to `e0`.
    pub fn build(
        geometry: &Geometry,
        d: &DarkConfig,
        src: &dyn DarkBremSource,
        e0: f64,
    ) -> Result<Self> {
        // Distinct elements over all materials.
        let mut elements: Vec<Element> = Vec::new();
        for m in &geometry.materials {
            for c in &m.components {
                if !elements.iter().any(|e| e.symbol == c.element.symbol) {
                    elements.push(c.element);
                }
            }
        }
        let mut masses = Vec::with_capacity(d.masses_gev.len());
        for &mass in &d.masses_gev {
            let tables = elements
                .iter()
                .map(|el| DarkBremTable::build(src, el, mass, d.e_min_gev, e0, &d.table))
                .collect::<Result<Vec<_>>>()?;
            let mat_elems = geometry
                .materials
                .iter()
                .map(|m| {
                    m.components
                        .iter()
                        .zip(m.atom_densities_cm3())
                        .map(|(c, na)| {
                            let t = elements
                                .iter()
                                .position(|e| e.symbol == c.element.symbol)
                                .expect("collected above");
                            (t, na)
                        })
                        .collect()
                })
                .collect();
            let resonance = if d.annihilation.enabled {
                Some(Resonance::for_model(mass, d.model, &d.annihilation)?)
            } else {
                None
            };
            let n_e = geometry
                .materials
                .iter()
                .map(Material::electron_density_cm3)
                .collect();
            masses.push(MassDark::new(mass, tables, mat_elems, resonance, n_e));
        }
        Ok(Self {
            e_min: d.e_min_gev,
            masses,
        })
    }
}
