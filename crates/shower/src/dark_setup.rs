//! The dark physics of a run prepared for transport: per X mass, the dark-bremsstrahlung tables
//! of the target's elements (for the run's mediator) combined into macroscopic cross sections per
//! material, and the resonance of e⁺e⁻ → X.

use aprime_physics::{Element, Material};

use crate::dark::{DarkBremSource, DarkBremTable, interpolate_on, log_node, threshold_ratios};
use crate::error::Result;
use crate::resonance::Resonance;
use crate::run_config::DarkConfig;
use crate::target::Geometry;

/// Dark physics of one A' mass, prepared for transport.
#[derive(Debug, Clone)]
pub struct MassDark {
    /// A' mass \[GeV\].
    pub mass: f64,
    /// One dark-bremsstrahlung table per distinct element (all on the same energy and x nodes).
    pub tables: Vec<DarkBremTable>,
    /// Per material: (table index, atoms per cm³).
    pub mat_elems: Vec<Vec<(usize, f64)>>,
    /// Per material: macroscopic σ(E_A' > E_min) at the energy nodes \[1/cm\].
    pub mat_sigma: Vec<Vec<f64>>,
    /// Per material and node: macroscopic G_k(x) = Σ n_a σ_a,k(x' > x) on the node's x grid
    /// \[1/cm\] (the threshold-aware interpolation of `crate::dark`).
    mat_survival: Vec<Vec<Vec<f64>>>,
    /// Per material: ρ_j of that interpolation.
    mat_rho: Vec<Vec<f64>>,
    /// Resonant annihilation (None if disabled).
    pub resonance: Option<Resonance>,
    /// Electron density per material \[1/cm³\].
    pub n_e: Vec<f64>,
    e_min: f64,
    ln_e0: f64,
    inv_dln: f64,
}

impl MassDark {
    /// Assemble from per-element tables; `mat_elems` gives each material's (table, density).
    /// The tables of one mass share their energy and x nodes (the nodes depend on the mass,
    /// threshold and beam energy only).
    pub fn new(
        mass: f64,
        tables: Vec<DarkBremTable>,
        mat_elems: Vec<Vec<(usize, f64)>>,
        resonance: Option<Resonance>,
        n_e: Vec<f64>,
    ) -> Self {
        let t0 = &tables[0];
        debug_assert!(
            tables
                .iter()
                .all(|t| t.energies == t0.energies && t.x == t0.x)
        );
        let n = t0.energies.len();
        let mat_sigma: Vec<Vec<f64>> = mat_elems
            .iter()
            .map(|els| {
                (0..n)
                    .map(|j| els.iter().map(|&(t, na)| na * tables[t].sigma_cm2[j]).sum())
                    .collect()
            })
            .collect();
        let mat_survival: Vec<Vec<Vec<f64>>> = mat_elems
            .iter()
            .map(|els| {
                (0..n)
                    .map(|k| {
                        (0..t0.x[k].len())
                            .map(|i| {
                                els.iter()
                                    .map(|&(t, na)| {
                                        let tb = &tables[t];
                                        na * tb.sigma_cm2[k] * (1.0 - tb.cdf[k][i])
                                    })
                                    .sum()
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let mat_rho = mat_sigma
            .iter()
            .zip(&mat_survival)
            .map(|(sig, surv)| {
                threshold_ratios(sig, &t0.energies, t0.e_min, |k, x| {
                    interpolate_on(&t0.x[k], &surv[k], x)
                })
            })
            .collect();
        let ln_e0 = t0.energies[0].ln();
        let inv_dln = (n - 1) as f64 / (t0.energies[n - 1] / t0.energies[0]).ln();
        Self {
            mass,
            e_min: t0.e_min,
            tables,
            mat_elems,
            mat_sigma,
            mat_survival,
            mat_rho,
            resonance,
            n_e,
            ln_e0,
            inv_dln,
        }
    }

    /// Macroscopic σ(E_A' > E_min) \[1/cm\] in material `m` at lepton energy `e`.
    #[inline]
    pub fn sigma_macro(&self, m: usize, e: f64) -> f64 {
        self.sigma_macro_at(m, e, e.ln())
    }

    /// [`Self::sigma_macro`] with ln E given (the transport has it).
    #[inline]
    pub fn sigma_macro_at(&self, m: usize, e: f64, ln_e: f64) -> f64 {
        let Some((j, f)) = log_node(ln_e, self.ln_e0, self.inv_dln, self.mat_sigma[m].len()) else {
            return 0.0;
        };
        let g = interpolate_on(
            &self.tables[0].x[j + 1],
            &self.mat_survival[m][j + 1],
            self.e_min / e,
        );
        g * ((1.0 - f) * self.mat_rho[m][j] + f)
    }

    /// Sample x for bremsstrahlung in material `m` at energy `e` (element by its share).
    pub fn sample_x(&self, m: usize, e: f64, u1: f64, u2: f64) -> f64 {
        let els = &self.mat_elems[m];
        if els.len() == 1 {
            return self.tables[els[0].0].sample_x(e, u2);
        }
        let w: Vec<f64> = els
            .iter()
            .map(|&(t, na)| na * self.tables[t].sigma_above(e))
            .collect();
        let tot: f64 = w.iter().sum();
        let target = u1 * tot;
        let mut acc = 0.0;
        for (k, &(t, _)) in els.iter().enumerate() {
            acc += w[k];
            if target < acc || k + 1 == els.len() {
                return self.tables[t].sample_x(e, u2);
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
