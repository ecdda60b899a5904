//! Elements, materials and compounds described by mass fractions.
//!
//! Element data: PDG "Atomic and nuclear properties of materials" (Z, A, density, X0, λ_int,
//! E_c for e⁻, mean excitation energy I). Compounds combine their elements by mass fraction:
//! 1/X0 = Σ wᵢ/X0ᵢ and 1/λ = Σ wᵢ/λᵢ (PDG eq. 34.28), Bragg's rule for ln I, and E_c from
//! Rossi's definition (ionisation loss per X0 equals E), i.e. E_c = X0 Σ wᵢ E_cᵢ/X0ᵢ.

use serde::{Deserialize, Serialize};

use crate::constants::{ALPHA, E_S, N_A};
use crate::error::PhysicsError;

/// A chemical element with the bulk properties used by the cross sections and the shower.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Element {
    /// Chemical symbol, e.g. `"Pb"`.
    pub symbol: &'static str,
    /// English name, e.g. `"lead"`.
    pub name: &'static str,
    /// Atomic number Z.
    pub z: u32,
    /// Atomic mass A \[g/mol\].
    pub a: f64,
    /// Density of the pure element in its usual form \[g/cm³\].
    pub density_g_cm3: f64,
    /// Radiation length X0 \[g/cm²\].
    pub x0_g_cm2: f64,
    /// Nuclear interaction length λ_int \[g/cm²\].
    pub lambda_int_g_cm2: f64,
    /// Critical energy for electrons (Rossi definition) \[MeV\].
    pub critical_energy_mev: f64,
    /// Mean excitation energy I \[eV\].
    pub mean_excitation_ev: f64,
}

/// PDG values (pdg.lbl.gov/AtomicNuclearProperties). H, N, O are the liquid/gas entries; their
/// densities only matter if used as pure materials.
pub const ELEMENTS: &[Element] = &[
    el("H", "hydrogen", 1, 1.008, 0.0708, 63.04, 52.0, 344.8, 19.2),
    el("C", "carbon", 6, 12.0107, 2.210, 42.70, 85.8, 81.74, 78.0),
    el("N", "nitrogen", 7, 14.007, 0.807, 37.99, 89.7, 85.0, 82.0),
    el("O", "oxygen", 8, 15.999, 1.141, 34.24, 90.1, 72.97, 95.0),
    el(
        "Al",
        "aluminium",
        13,
        26.981_538_5,
        2.699,
        24.01,
        107.2,
        42.70,
        166.0,
    ),
    el(
        "Si", "silicon", 14, 28.0855, 2.329, 21.82, 108.4, 40.19, 173.0,
    ),
    el("Fe", "iron", 26, 55.845, 7.874, 13.84, 132.1, 21.68, 286.0),
    el(
        "Cu", "copper", 29, 63.546, 8.960, 12.86, 137.3, 19.42, 322.0,
    ),
    el("W", "tungsten", 74, 183.84, 19.30, 6.76, 191.9, 7.97, 727.0),
    el("Pb", "lead", 82, 207.2, 11.35, 6.37, 199.6, 7.43, 823.0),
];

#[allow(clippy::too_many_arguments)]
const fn el(
    symbol: &'static str,
    name: &'static str,
    z: u32,
    a: f64,
    density_g_cm3: f64,
    x0_g_cm2: f64,
    lambda_int_g_cm2: f64,
    critical_energy_mev: f64,
    mean_excitation_ev: f64,
) -> Element {
    Element {
        symbol,
        name,
        z,
        a,
        density_g_cm3,
        x0_g_cm2,
        lambda_int_g_cm2,
        critical_energy_mev,
        mean_excitation_ev,
    }
}

impl Element {
    /// Look an element up by symbol or English name (case-insensitive).
    pub fn by_name(name: &str) -> Option<&'static Element> {
        let n = name.trim();
        ELEMENTS
            .iter()
            .find(|e| e.symbol.eq_ignore_ascii_case(n) || e.name.eq_ignore_ascii_case(n))
    }

    /// Z as a float.
    pub fn zf(&self) -> f64 {
        f64::from(self.z)
    }
}

/// Radiation length from Tsai's formula \[g/cm²\] (Tsai, Rev. Mod. Phys. 46 (1974) 815,
/// eq. 3.66; PDG eq. 34.26): 1/X0 = 4αr_e²N_A/A · {Z²[L_rad − f(Z)] + Z L'_rad}.
pub fn radiation_length_tsai(z: u32, a: f64) -> f64 {
    let zf = f64::from(z);
    let (l_rad, l_rad_prime) = match z {
        1 => (5.31, 6.144),
        2 => (4.79, 5.621),
        3 => (4.74, 5.805),
        4 => (4.71, 5.924),
        _ => (
            (184.15 * zf.powf(-1.0 / 3.0)).ln(),
            (1194.0 * zf.powf(-2.0 / 3.0)).ln(),
        ),
    };
    let az2 = (ALPHA * zf).powi(2);
    let f_coulomb = az2
        * (1.0 / (1.0 + az2) + 0.20206 - 0.0369 * az2 + 0.0083 * az2 * az2 - 0.002 * az2.powi(3));
    // 4 α r_e² N_A = 1/716.408 g⁻¹ cm² mol (PDG eq. 34.26).
    716.408 * a / (zf * zf * (l_rad - f_coulomb) + zf * l_rad_prime)
}

/// One constituent element of a material with its mass fraction.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Component {
    /// The element.
    pub element: Element,
    /// Mass fraction wᵢ (Σ wᵢ = 1).
    pub mass_fraction: f64,
}

/// A homogeneous material: a pure element or a compound/mixture given by mass fractions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Material {
    /// Name used on the command line and in outputs.
    pub name: String,
    /// Density ρ \[g/cm³\].
    pub density_g_cm3: f64,
    /// Constituents with mass fractions summing to one.
    pub components: Vec<Component>,
    /// Radiation length X0 \[g/cm²\].
    pub x0_g_cm2: f64,
    /// Nuclear interaction length λ_int \[g/cm²\].
    pub lambda_int_g_cm2: f64,
    /// Critical energy for electrons \[GeV\].
    pub critical_energy_gev: f64,
    /// Mean excitation energy I \[GeV\].
    pub mean_excitation_gev: f64,
}

/// A user-defined material as written in a TOML configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialSpec {
    /// Name of the material.
    pub name: String,
    /// Density \[g/cm³\].
    pub density_g_cm3: f64,
    /// Composition as (element symbol, mass fraction) pairs; fractions must sum to 1 within 1e-3.
    pub composition: Vec<(String, f64)>,
    /// Optional override of the radiation length \[g/cm²\].
    #[serde(default)]
    pub x0_g_cm2: Option<f64>,
    /// Optional override of the nuclear interaction length \[g/cm²\].
    #[serde(default)]
    pub lambda_int_g_cm2: Option<f64>,
    /// Optional override of the critical energy \[MeV\].
    #[serde(default)]
    pub critical_energy_mev: Option<f64>,
}

/// Names accepted by [`Material::by_name`] besides element symbols and names.
pub const MATERIAL_NAMES: &[&str] = &[
    "Pb",
    "W",
    "Fe",
    "Cu",
    "Al",
    "C",
    "Si",
    "polystyrene",
    "scintillator",
];

impl Material {
    /// A pure element at its usual density.
    pub fn from_element(e: &Element) -> Self {
        Self {
            name: e.symbol.to_string(),
            density_g_cm3: e.density_g_cm3,
            components: vec![Component {
                element: *e,
                mass_fraction: 1.0,
            }],
            x0_g_cm2: e.x0_g_cm2,
            lambda_int_g_cm2: e.lambda_int_g_cm2,
            critical_energy_gev: e.critical_energy_mev * 1e-3,
            mean_excitation_gev: e.mean_excitation_ev * 1e-9,
        }
    }

    /// A compound or mixture from element symbols and mass fractions.
    pub fn compound(
        name: &str,
        density_g_cm3: f64,
        composition: &[(&str, f64)],
    ) -> Result<Self, PhysicsError> {
        if !(density_g_cm3 > 0.0 && density_g_cm3.is_finite()) {
            return Err(PhysicsError::InvalidMaterial(format!(
                "{name}: density must be positive, got {density_g_cm3} g/cm³"
            )));
        }
        if composition.is_empty() {
            return Err(PhysicsError::InvalidMaterial(format!(
                "{name}: empty composition"
            )));
        }
        let mut components = Vec::with_capacity(composition.len());
        for &(sym, w) in composition {
            let element = Element::by_name(sym)
                .ok_or_else(|| PhysicsError::UnknownMaterial(sym.to_string()))?;
            if !(w > 0.0 && w <= 1.0) {
                return Err(PhysicsError::InvalidMaterial(format!(
                    "{name}: mass fraction of {sym} must be in (0, 1], got {w}"
                )));
            }
            components.push(Component {
                element: *element,
                mass_fraction: w,
            });
        }
        let sum: f64 = components.iter().map(|c| c.mass_fraction).sum();
        if (sum - 1.0).abs() > 1e-3 {
            return Err(PhysicsError::InvalidMaterial(format!(
                "{name}: mass fractions sum to {sum}, expected 1"
            )));
        }
        for c in &mut components {
            c.mass_fraction /= sum;
        }
        let inv_x0: f64 = components
            .iter()
            .map(|c| c.mass_fraction / c.element.x0_g_cm2)
            .sum();
        let inv_lambda: f64 = components
            .iter()
            .map(|c| c.mass_fraction / c.element.lambda_int_g_cm2)
            .sum();
        let x0 = 1.0 / inv_x0;
        let ec_mev: f64 = x0
            * components
                .iter()
                .map(|c| c.mass_fraction * c.element.critical_energy_mev / c.element.x0_g_cm2)
                .sum::<f64>();
        let zoa: f64 = components
            .iter()
            .map(|c| c.mass_fraction * c.element.zf() / c.element.a)
            .sum();
        let ln_i: f64 = components
            .iter()
            .map(|c| {
                c.mass_fraction * c.element.zf() / c.element.a * c.element.mean_excitation_ev.ln()
            })
            .sum::<f64>()
            / zoa;
        Ok(Self {
            name: name.to_string(),
            density_g_cm3,
            components,
            x0_g_cm2: x0,
            lambda_int_g_cm2: 1.0 / inv_lambda,
            critical_energy_gev: ec_mev * 1e-3,
            mean_excitation_gev: ln_i.exp() * 1e-9,
        })
    }

    /// Polystyrene-based plastic scintillator (C₈H₈), ρ = 1.032 g/cm³, with the PDG polystyrene
    /// X0 = 43.79 g/cm², λ_int = 81.7 g/cm², E_c = 94 MeV and I = 68.7 eV (physics.md §1).
    pub fn scintillator() -> Self {
        // C8H8: w_H = 8·1.008 / (8·12.0107 + 8·1.008).
        let w_h = 1.008 / (12.0107 + 1.008);
        let mut m = Self::compound("scintillator", 1.032, &[("C", 1.0 - w_h), ("H", w_h)])
            .expect("built-in composition is valid");
        m.x0_g_cm2 = 43.79;
        m.lambda_int_g_cm2 = 81.7;
        m.critical_energy_gev = 94e-3;
        m.mean_excitation_gev = 68.7e-9;
        m
    }

    /// Build a material from its TOML description.
    pub fn from_spec(spec: &MaterialSpec) -> Result<Self, PhysicsError> {
        let comp: Vec<(&str, f64)> = spec
            .composition
            .iter()
            .map(|(s, w)| (s.as_str(), *w))
            .collect();
        let mut m = Self::compound(&spec.name, spec.density_g_cm3, &comp)?;
        if let Some(x0) = spec.x0_g_cm2 {
            m.x0_g_cm2 = x0;
        }
        if let Some(l) = spec.lambda_int_g_cm2 {
            m.lambda_int_g_cm2 = l;
        }
        if let Some(ec) = spec.critical_energy_mev {
            m.critical_energy_gev = ec * 1e-3;
        }
        Ok(m)
    }

    /// Look up a built-in material: any element of [`ELEMENTS`] by symbol or name, or
    /// `polystyrene` / `scintillator` / `sc`.
    pub fn by_name(name: &str) -> Result<Self, PhysicsError> {
        let n = name.trim();
        if ["polystyrene", "scintillator", "sc", "plastic"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(n))
        {
            return Ok(Self::scintillator());
        }
        Element::by_name(n).map(Self::from_element).ok_or_else(|| {
            PhysicsError::UnknownMaterial(format!("{n} (known: {})", MATERIAL_NAMES.join(", ")))
        })
    }

    /// The element if this material is a single element.
    pub fn single_element(&self) -> Option<&Element> {
        match self.components.as_slice() {
            [c] => Some(&c.element),
            _ => None,
        }
    }

    /// Radiation length \[cm\].
    pub fn radiation_length_cm(&self) -> f64 {
        self.x0_g_cm2 / self.density_g_cm3
    }

    /// Nuclear interaction length \[cm\].
    pub fn interaction_length_cm(&self) -> f64 {
        self.lambda_int_g_cm2 / self.density_g_cm3
    }

    /// Molière radius R_M = X0 E_s/E_c \[cm\] (PDG eq. 34.35).
    pub fn moliere_radius_cm(&self) -> f64 {
        self.radiation_length_cm() * E_S / self.critical_energy_gev
    }

    /// Number density of atoms of each component \[1/cm³\], in component order.
    pub fn atom_densities_cm3(&self) -> Vec<f64> {
        self.components
            .iter()
            .map(|c| self.density_g_cm3 * c.mass_fraction * N_A / c.element.a)
            .collect()
    }

    /// Total atom number density \[1/cm³\].
    pub fn atom_density_cm3(&self) -> f64 {
        self.atom_densities_cm3().iter().sum()
    }

    /// Electron number density n_e = ρ N_A Σ wᵢ Zᵢ/Aᵢ \[1/cm³\].
    pub fn electron_density_cm3(&self) -> f64 {
        self.density_g_cm3
            * N_A
            * self
                .components
                .iter()
                .map(|c| c.mass_fraction * c.element.zf() / c.element.a)
                .sum::<f64>()
    }

    /// ⟨Z/A⟩ = Σ wᵢ Zᵢ/Aᵢ \[mol/g\].
    pub fn z_over_a(&self) -> f64 {
        self.components
            .iter()
            .map(|c| c.mass_fraction * c.element.zf() / c.element.a)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsai_radiation_length_matches_pdg_table() {
        // PDG atomic & nuclear properties: X0(Pb) = 6.37, X0(Fe) = 13.84, X0(C) = 42.70 g/cm²;
        // Tsai's formula reproduces them to better than 1%.
        for (sym, x0) in [
            ("Pb", 6.37),
            ("Fe", 13.84),
            ("C", 42.70),
            ("W", 6.76),
            ("Al", 24.01),
        ] {
            let e = Element::by_name(sym).unwrap();
            let t = radiation_length_tsai(e.z, e.a);
            assert!((t / x0 - 1.0).abs() < 0.01, "{sym}: Tsai {t} vs PDG {x0}");
        }
    }

    #[test]
    fn lead_derived_quantities() {
        let pb = Material::by_name("lead").unwrap();
        // physics.md §1: X0 = 6.37/11.35 cm = 0.561 cm, R_M = 1.60 cm.
        assert!((pb.radiation_length_cm() - 0.5612).abs() < 1e-3);
        assert!((pb.moliere_radius_cm() - 1.60).abs() < 0.01);
        // n_e = Z ρ N_A / A = 2.70e24 /cm³.
        assert!((pb.electron_density_cm3() / 2.7048e24 - 1.0).abs() < 1e-3);
    }

    #[test]
    fn scintillator_is_polystyrene_like() {
        let sc = Material::by_name("scintillator").unwrap();
        // C8H8: w_H = 0.0774 (mass fraction); X0 = 43.79 g/cm² (physics.md §1).
        assert!((sc.components[1].mass_fraction - 0.0774).abs() < 1e-3);
        assert!((sc.radiation_length_cm() - 43.79 / 1.032).abs() < 1e-9);
    }

    #[test]
    fn compound_combines_by_mass_fraction() {
        // Equal masses of Pb and scintillator-like C: 1/X0 = 0.5/6.37 + 0.5/42.70.
        let m = Material::compound("mix", 5.0, &[("Pb", 0.5), ("C", 0.5)]).unwrap();
        let expect = 1.0 / (0.5 / 6.37 + 0.5 / 42.70);
        assert!((m.x0_g_cm2 / expect - 1.0).abs() < 1e-12);
        assert!(Material::compound("bad", 1.0, &[("Pb", 0.5)]).is_err());
        assert!(Material::compound("bad", 1.0, &[("Xx", 1.0)]).is_err());
        assert!(Material::by_name("unobtainium").is_err());
    }
}
