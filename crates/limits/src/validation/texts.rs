//! Numbers quoted in the papers' texts: the ε and α_D ranges of paper 002's abstract, paper
//! 003's exclusion of Majorana χ, and the position of the resonant-annihilation window
//! (physics.md §3: E_R = m²/(2m_e) − m_e, so m = √(2 m_e E + 2 m_e²)).

use aprime_experiment::presets;
use aprime_physics::annihilation::resonant_mass;
use aprime_physics::thermal;

use super::cross_sections::fmt_mev;
use super::error::ValidationError;
use super::row::{Row, Tolerance};
use super::table_v_check::{ALPHA_D_MASS_GEV, TableVRun};
use crate::dm::relic_y;
use crate::mass_limits::{Overrides, limits};
use crate::progress::Progress;
use crate::yields::{simulated_threshold, yield_set};

/// m_χ of paper 003's exclusion statement checked here (1, 10, 100 MeV) \[GeV\].
pub const EXCLUSION_M_CHI_GEV: [f64; 3] = [0.001, 0.01, 0.1];

/// Rows from the Table V run: ε_up at 1.1 MeV against the abstract's "10⁻⁵ ≲ ε", and the
/// pseudo-Dirac α_D bound at m_χ = 50 MeV against "α_D ≳ 10⁻³ for m_χ ≲ 0.05 GeV".
pub fn from_table_v(tv: &TableVRun) -> Result<Vec<Row>, ValidationError> {
    let at = |m: f64| {
        tv.etl_limits
            .iter()
            .find(|l| (l.mass_gev - m).abs() < 1e-12)
            .map(|l| l.limit.observed)
            .ok_or(ValidationError::MissingMass(m))
    };
    let eps_low = at(0.0011)?;
    let eps_ad = at(ALPHA_D_MASS_GEV)?;
    let m_chi = ALPHA_D_MASS_GEV / 3.0;
    let alpha = thermal::relic_alpha_d(eps_ad, ALPHA_D_MASS_GEV, m_chi, 0.25)?;
    Ok(vec![
        Row::new(
            "texts",
            "lowest ε_up (ETL), m_A' = 1.1 MeV (\"10⁻⁵ ≲ ε\")",
            "paper 002 abstract",
            (1e-5, None),
            (eps_low, None),
            Tolerance::Factor(3.0),
            "an order of magnitude in the text: within ×3 (half a decade)",
        ),
        Row::new(
            "texts",
            "α_D lower bound, pseudo-Dirac f = 0.25, m_χ = 50 MeV (\"α_D ≳ 10⁻³\")",
            "paper 002 abstract, eq. 5",
            (1e-3, None),
            (alpha, None),
            Tolerance::Factor(3.0),
            "eq. 5 with our ETL ε_up at m_A' = 150 MeV (na64-2016); order of magnitude: ×3",
        ),
    ])
}

/// Paper 003 (summary): Majorana χ with α_D ≤ 0.1, m_A' = 3 m_χ, are excluded for
/// 1 ≲ m_χ ≲ 100 MeV, i.e. y_up(α_D = 0.1) below the relic y (eq. 5, f = 3); from a run of the
/// `na64-2016-2022` preset (bremsstrahlung + resonant annihilation) at m_A' = 3 m_χ.
pub fn exclusion(
    events: u64,
    seed: u64,
    progress: Option<Progress<'_>>,
) -> Result<Vec<Row>, ValidationError> {
    let mut cfg = presets::load("na64-2016-2022")?;
    cfg.simulation.events = events;
    cfg.simulation.seed = seed;
    let ratio = cfg.interpretation.mass_ratio;
    let f = cfg.interpretation.f_majorana;
    let masses: Vec<f64> = EXCLUSION_M_CHI_GEV.iter().map(|m| m * ratio).collect();
    let cb = |n: u64| {
        if let Some(p) = progress {
            p("2016–2022", n, events);
        }
    };
    let set = yield_set(
        &cfg,
        cfg.production.bremsstrahlung,
        cfg.production.annihilation,
        &masses,
        simulated_threshold(&cfg),
        Some(&cb),
    )?;
    let lim = limits(&cfg, &set, &Overrides::default(), None)?;
    lim.iter()
        .zip(EXCLUSION_M_CHI_GEV)
        .map(|(l, m_chi)| {
            let y_up = thermal::y_upper_limit(l.limit.observed, 0.1, ratio)?;
            let y_rel = relic_y(m_chi, ratio, f);
            Ok::<Row, ValidationError>(Row::new(
                "texts",
                format!(
                    "y_up(α_D = 0.1)/y_relic(Majorana, f = {f}), m_χ = {} MeV",
                    fmt_mev(m_chi)
                ),
                "paper 003 summary (Majorana excluded for α_D ≤ 0.1, 1 ≲ m_χ ≲ 100 MeV)",
                (1.0, None),
                (y_up / y_rel, None),
                Tolerance::Below,
                "na64-2016-2022 preset (ETL + annihilation), y = α_D ε²/81, relic y of eq. 5",
            ))
        })
        .collect()
}

/// The resonance window for E_A' between E0/2 and E0 = 100 GeV (physics.md §3: "226 MeV ≲ m ≲
/// 320 MeV"; paper 003 with E_miss > 50 GeV).
pub fn resonance() -> Vec<Row> {
    [
        (100.0, 0.320, "upper end √(2 m_e E0)"),
        (50.0, 0.226, "lower end √(2 m_e E0/2)"),
    ]
    .into_iter()
    .map(|(e, published, what)| {
        Row::new(
            "resonance",
            format!("resonant-annihilation window, {what}, E0 = 100 GeV [GeV]"),
            "physics.md §3 (paper 003, Marsicano et al. PRL 121 041802)",
            (published, None),
            (resonant_mass(e), None),
            Tolerance::Relative(0.005),
            "m = √(s) with s = 2 m_e E₊ + 2 m_e² at E₊ = E_A'",
        )
    })
    .collect()
}
