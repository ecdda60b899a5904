//! Target description (TOML, serde) and the built geometry: a stack of homogeneous slabs along the
//! beam axis z, optionally bounded transversely by a grid of square cells.
//!
//! The embedded preset `na64-ecal` (file `presets/na64-ecal.toml`) is the NA64 active target;
//! [`TargetConfig::homogeneous`] builds a single-material block.

use aprime_physics::Material;
use aprime_physics::materials::MaterialSpec;
use serde::{Deserialize, Serialize};

use crate::error::{Result, ShowerError, ensure};

/// TOML text of the NA64 ECAL preset.
pub const NA64_ECAL_TOML: &str = include_str!("presets/na64-ecal.toml");

/// Names of the embedded presets.
pub const PRESETS: &[&str] = &["na64-ecal"];

/// One homogeneous layer of a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpec {
    /// Material name: a built-in material (`Pb`, `W`, `Fe`, `Cu`, `scintillator`, …) or one of
    /// the `[[materials]]` of the configuration.
    pub material: String,
    /// Thickness along the beam \[mm\].
    pub thickness_mm: f64,
}

/// A group of layers repeated `repeat` times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// Section name, e.g. `preshower`.
    pub name: String,
    /// Whether energy deposited here counts as preshower energy.
    #[serde(default)]
    pub preshower: bool,
    /// Number of repetitions of `layers`.
    pub repeat: u32,
    /// The layers of one repetition, upstream first.
    pub layers: Vec<LayerSpec>,
}

/// Transverse segmentation: `nx × ny` square cells of pitch `size_mm`, centred on the beam axis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellGrid {
    /// Cells along x.
    pub nx: u32,
    /// Cells along y.
    pub ny: u32,
    /// Cell pitch \[mm\].
    pub size_mm: f64,
}

/// The target (active dump) as written in TOML. Every field is documented in the preset file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetConfig {
    /// Name shown in outputs.
    pub name: String,
    /// One-line description.
    #[serde(default)]
    pub description: String,
    /// Transverse cells; `None` = unbounded slab.
    #[serde(default)]
    pub cells: Option<CellGrid>,
    /// Sections in beam order.
    pub sections: Vec<SectionSpec>,
    /// Extra materials referenced by layers (compounds by mass fraction).
    #[serde(default)]
    pub materials: Vec<MaterialSpec>,
}

impl TargetConfig {
    /// Parse a TOML description.
    pub fn from_toml_str(text: &str) -> Result<Self> {
        Ok(toml::from_str(text)?)
    }

    /// An embedded preset by name (`na64-ecal`).
    pub fn preset(name: &str) -> Result<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "na64-ecal" | "na64" | "ecal" => Self::from_toml_str(NA64_ECAL_TOML),
            other => Err(ShowerError::Config(format!(
                "unknown target preset '{other}' (known: {})",
                PRESETS.join(", ")
            ))),
        }
    }

    /// The NA64 ECAL preset.
    pub fn na64_ecal() -> Self {
        Self::preset("na64-ecal").expect("embedded preset parses")
    }

    /// A single block of `material`, `depth_x0` radiation lengths deep, transversely unbounded.
    pub fn homogeneous(material: &str, depth_x0: f64) -> Result<Self> {
        ensure(depth_x0 > 0.0 && depth_x0.is_finite(), || {
            format!("target depth must be positive, got {depth_x0} X0")
        })?;
        let m = Material::by_name(material)?;
        Ok(Self {
            name: m.name.clone(),
            description: format!("homogeneous {} block, {depth_x0} X0", m.name),
            cells: None,
            sections: vec![SectionSpec {
                name: m.name.clone(),
                preshower: false,
                repeat: 1,
                layers: vec![LayerSpec {
                    material: m.name.clone(),
                    thickness_mm: depth_x0 * m.radiation_length_cm() * 10.0,
                }],
            }],
            materials: Vec::new(),
        })
    }

    /// A preset name, a path to a TOML file (ending in `.toml`), or a material name (a
    /// `depth_x0`-deep homogeneous block).
    pub fn resolve(spec: &str, depth_x0: f64) -> Result<Self> {
        if PRESETS.iter().any(|p| p.eq_ignore_ascii_case(spec.trim())) {
            return Self::preset(spec);
        }
        if std::path::Path::new(spec)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            let text = std::fs::read_to_string(spec).map_err(|source| ShowerError::Read {
                path: spec.to_string(),
                source,
            })?;
            return Self::from_toml_str(&text);
        }
        Self::homogeneous(spec, depth_x0).map_err(|e| match e {
            ShowerError::Physics(source) => ShowerError::UnknownTarget {
                presets: PRESETS.join(", "),
                source,
            },
            other => other,
        })
    }

    /// The same target `depth_x0` radiation lengths deep, as nearly as its layering allows: the
    /// preshower sections are kept, the one non-preshower section gets the repeat count
    /// `n = round((depth_x0 − preshower depth) / depth of one repetition)` (halves away from zero),
    /// so the total depth is the nearest achievable, within half a repetition (0.135 X0 for
    /// `na64-ecal`). Errors: `depth_x0` not positive and finite, not exactly one non-preshower
    /// section, the preshower alone deeper than `depth_x0`, or `n = 0` (no main layer left).
    pub fn with_depth_x0(&self, depth_x0: f64) -> Result<Self> {
        ensure(depth_x0 > 0.0 && depth_x0.is_finite(), || {
            format!("target depth must be positive and finite, got {depth_x0} X0")
        })?;
        let main: Vec<usize> = (0..self.sections.len())
            .filter(|&i| !self.sections[i].preshower)
            .collect();
        let [main] = main[..] else {
            return Err(ShowerError::Config(format!(
                "target '{}': a depth needs exactly one non-preshower section, found {}",
                self.name,
                main.len()
            )));
        };
        // Depth of every section with one repetition of the main section.
        let mut one = self.clone();
        one.sections[main].repeat = 1;
        let g = one.build()?;
        let section_depth = |si: usize| -> f64 {
            g.slabs
                .iter()
                .filter(|s| s.section == si)
                .map(|s| s.dt)
                .sum()
        };
        let unit = section_depth(main);
        let preshower = g.depth_x0 - unit;
        ensure(preshower <= depth_x0, || {
            format!(
                "target '{}': the preshower alone is {preshower:.3} X0 deep, more than the \
                 requested {depth_x0} X0",
                self.name
            )
        })?;
        let n = ((depth_x0 - preshower) / unit).round();
        ensure(n >= 1.0, || {
            format!(
                "target '{}': {depth_x0} X0 leaves no main layer (preshower {preshower:.3} X0, \
                 one repetition {unit:.4} X0)",
                self.name
            )
        })?;
        ensure(n <= 100_000.0, || {
            format!(
                "target '{}': {depth_x0} X0 needs more than 100000 repetitions",
                self.name
            )
        })?;
        let mut out = self.clone();
        // n ∈ [1, 100000]: exact in u32.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        {
            out.sections[main].repeat = n as u32;
        }
        Ok(out)
    }

    /// Validate and build the geometry.
    pub fn build(&self) -> Result<Geometry> {
        Geometry::new(self)
    }
}

/// One slab of the built geometry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slab {
    /// Upstream face \[cm\].
    pub z_lo: f64,
    /// Downstream face \[cm\].
    pub z_hi: f64,
    /// Index into [`Geometry::materials`].
    pub material: usize,
    /// Index into [`Geometry::sections`].
    pub section: usize,
    /// Depth of the upstream face in radiation lengths.
    pub t_lo: f64,
    /// Thickness in radiation lengths.
    pub dt: f64,
}

/// The built geometry: slabs, distinct materials, sections and cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    /// The configuration it was built from.
    pub config: TargetConfig,
    /// Distinct materials, in order of first appearance.
    pub materials: Vec<Material>,
    /// Slabs in beam order.
    pub slabs: Vec<Slab>,
    /// Section names and preshower flags.
    pub sections: Vec<(String, bool)>,
    /// Half width in x and y \[cm\] (`INFINITY` without cells).
    pub half_width: [f64; 2],
    /// Total length \[cm\].
    pub length_cm: f64,
    /// Total depth in radiation lengths.
    pub depth_x0: f64,
}

impl Geometry {
    fn new(cfg: &TargetConfig) -> Result<Self> {
        ensure(!cfg.sections.is_empty(), || "target has no sections".into())?;
        let custom: Vec<Material> = cfg
            .materials
            .iter()
            .map(Material::from_spec)
            .collect::<std::result::Result<_, _>>()?;
        let lookup = |name: &str| -> Result<Material> {
            if let Some(m) = custom.iter().find(|m| m.name.eq_ignore_ascii_case(name)) {
                return Ok(m.clone());
            }
            Ok(Material::by_name(name)?)
        };
        let mut materials: Vec<Material> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        let mut slabs = Vec::new();
        let mut sections = Vec::new();
        let (mut z, mut t) = (0.0_f64, 0.0_f64);
        for (si, s) in cfg.sections.iter().enumerate() {
            ensure(s.repeat >= 1 && s.repeat <= 100_000, || {
                format!(
                    "section '{}': repeat must be 1..100000, got {}",
                    s.name, s.repeat
                )
            })?;
            ensure(!s.layers.is_empty(), || {
                format!("section '{}' has no layers", s.name)
            })?;
            sections.push((s.name.clone(), s.preshower));
            let mut idx = Vec::with_capacity(s.layers.len());
            for l in &s.layers {
                ensure(l.thickness_mm > 0.0 && l.thickness_mm.is_finite(), || {
                    format!(
                        "section '{}': layer of {} has thickness {} mm, must be positive",
                        s.name, l.material, l.thickness_mm
                    )
                })?;
                let key = l.material.to_ascii_lowercase();
                let i = if let Some(i) = names.iter().position(|n| *n == key) {
                    i
                } else {
                    materials.push(lookup(&l.material)?);
                    names.push(key);
                    materials.len() - 1
                };
                idx.push(i);
            }
            for _ in 0..s.repeat {
                for (l, &mi) in s.layers.iter().zip(&idx) {
                    let dz = l.thickness_mm / 10.0;
                    let dt = dz / materials[mi].radiation_length_cm();
                    slabs.push(Slab {
                        z_lo: z,
                        z_hi: z + dz,
                        material: mi,
                        section: si,
                        t_lo: t,
                        dt,
                    });
                    z += dz;
                    t += dt;
                }
            }
        }
        ensure(slabs.len() <= 1_000_000, || "more than 10⁶ slabs".into())?;
        let half_width = match cfg.cells {
            Some(c) => {
                ensure(
                    c.nx >= 1 && c.ny >= 1 && c.size_mm > 0.0 && c.size_mm.is_finite(),
                    || format!("cells must be ≥ 1 and the pitch positive, got {c:?}"),
                )?;
                [
                    0.05 * f64::from(c.nx) * c.size_mm,
                    0.05 * f64::from(c.ny) * c.size_mm,
                ]
            }
            None => [f64::INFINITY; 2],
        };
        Ok(Self {
            config: cfg.clone(),
            materials,
            slabs,
            sections,
            half_width,
            length_cm: z,
            depth_x0: t,
        })
    }

    /// Depth in radiation lengths of the point at `z` inside slab `i`.
    #[inline]
    pub fn depth_x0_at(&self, i: usize, z: f64) -> f64 {
        let s = &self.slabs[i];
        s.t_lo + s.dt * ((z - s.z_lo) / (s.z_hi - s.z_lo)).clamp(0.0, 1.0)
    }

    /// Slab containing `z` (the first one for a point on a boundary), `None` outside.
    pub fn slab_at(&self, z: f64) -> Option<usize> {
        if !(0.0..self.length_cm).contains(&z) {
            return None;
        }
        let i = self.slabs.partition_point(|s| s.z_hi <= z);
        (i < self.slabs.len()).then_some(i)
    }

    /// Cell index (ix, iy) of a transverse position, `None` outside or without cells.
    pub fn cell_of(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let c = self.config.cells?;
        let pitch = c.size_mm / 10.0;
        let ix = ((x + self.half_width[0]) / pitch).floor();
        let iy = ((y + self.half_width[1]) / pitch).floor();
        (ix >= 0.0 && iy >= 0.0 && ix < f64::from(c.nx) && iy < f64::from(c.ny))
            .then_some((ix as usize, iy as usize))
    }

    /// Whether any section is flagged as preshower.
    pub fn has_preshower(&self) -> bool {
        self.sections.iter().any(|s| s.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn na64_preset_is_about_40_x0_with_4_x0_preshower() {
        // na64-setup.md: ≈ 40 X0, first ≈ 4 X0 preshower, 6×6 cells of 38.2 mm.
        let g = TargetConfig::na64_ecal().build().unwrap();
        assert!((g.depth_x0 - 40.0).abs() < 0.5, "{}", g.depth_x0);
        let ps: f64 = g
            .slabs
            .iter()
            .filter(|s| s.section == 0)
            .map(|s| s.dt)
            .sum();
        assert!((ps - 4.0).abs() < 0.2, "{ps}");
        assert!((g.half_width[0] - 11.46).abs() < 1e-9);
        assert_eq!(g.materials.len(), 2);
        assert_eq!(g.slab_at(0.0), Some(0));
        assert_eq!(g.slab_at(0.15), Some(1));
        assert_eq!(g.slab_at(-1.0), None);
        assert_eq!(g.cell_of(0.1, -0.1), Some((3, 2)));
    }

    #[test]
    fn na64_ecal_at_20_x0_keeps_the_preshower_and_rounds_the_main_section() {
        // na64-ecal.toml: one pair 1.5 mm Pb (X0 = 0.5612 cm) + 1.5 mm Sc (X0 = 42.43 cm)
        // = 0.2708 X0; 15 preshower pairs = 4.06 X0. 20 X0: n = round(15.94 / 0.2708) = 59 main
        // pairs, 74 pairs = 20.04 X0 in total.
        let base = TargetConfig::na64_ecal();
        let t = base.with_depth_x0(20.0).unwrap();
        assert_eq!(t.sections[0], base.sections[0]);
        assert_eq!(t.sections[1].repeat, 59);
        let g = t.build().unwrap();
        let unit = g.slabs[0].dt + g.slabs[1].dt;
        assert!((unit - 0.2708).abs() < 1e-3, "{unit}");
        let ps = 15.0 * unit;
        assert!((ps - 4.06).abs() < 0.01, "{ps}");
        assert!((g.depth_x0 - 20.0).abs() <= unit / 2.0, "{}", g.depth_x0);
        // The nearest: one pair more or less is farther from 20 X0.
        assert!((g.depth_x0 - 20.0).abs() < (g.depth_x0 + unit - 20.0).abs());
        assert!((g.depth_x0 - 20.0).abs() < (g.depth_x0 - unit - 20.0).abs());
        // The preset depth gives the preset back.
        assert_eq!(base.with_depth_x0(40.1).unwrap(), base);
        // A block keeps its one repetition.
        let pb = TargetConfig::homogeneous("Pb", 20.0).unwrap();
        assert_eq!(pb.with_depth_x0(20.0).unwrap(), pb);
    }

    #[test]
    fn impossible_depths_are_errors() {
        let base = TargetConfig::na64_ecal();
        for d in [0.0, -1.0, f64::NAN, f64::INFINITY, 3.0] {
            assert!(base.with_depth_x0(d).is_err(), "{d}");
        }
        // 4.1 X0: preshower 4.06 X0 + 0.04 X0 rounds to no main pair.
        assert!(base.with_depth_x0(4.1).is_err());
        assert_eq!(base.with_depth_x0(4.2).unwrap().sections[1].repeat, 1);
    }

    #[test]
    fn bad_configs_are_errors() {
        assert!(TargetConfig::homogeneous("unobtainium", 10.0).is_err());
        assert!(TargetConfig::homogeneous("Pb", -1.0).is_err());
        assert!(TargetConfig::preset("nope").is_err());
        let mut c = TargetConfig::na64_ecal();
        c.sections[0].layers[0].thickness_mm = 0.0;
        assert!(c.build().is_err());
        assert!(TargetConfig::from_toml_str("name = 1").is_err());
    }
}
