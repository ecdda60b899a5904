//! Signal efficiencies per run and A' mass, measured on simulated signal events (paper 002
//! eq. 23): ε_tot = ε_trigger · ε_e · ε_ECAL · ε_V · ε_HCAL · ε_A', each factor the fraction of
//! the events that passed the previous cuts which also pass its own (so the product is the
//! overall fraction). ε_V and ε_HCAL are fractions below the zero-energy thresholds (eq. 25).

use serde::{Deserialize, Serialize};

use crate::selection::Step;
use crate::tally::{SignalTallies, Tally};
use aprime_experiment::{EfficiencyFactor, RunSelection};

/// One factor of eq. 23.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Name: `trigger`, `electron`, `ecal`, `veto`, `hcal`, `acceptance`.
    pub name: String,
    /// Cut-flow steps it covers.
    pub steps: Vec<String>,
    /// Conditional efficiency.
    pub value: f64,
    /// Its statistical error (weighted binomial).
    pub error: f64,
}

/// Efficiency of one run at one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Efficiency {
    /// Run name.
    pub run: String,
    /// Run index.
    pub run_index: usize,
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Simulated signal records.
    pub signal_records: u64,
    /// Σw of all signal events (expected events per ε² for the file's exposure).
    pub signal_per_eps2: f64,
    /// Fraction passing each cumulative step of the cut flow (`Step::ALL` order).
    pub cumulative: Vec<(String, f64)>,
    /// The factors of eq. 23.
    pub factors: Vec<Factor>,
    /// Σw of the signal events with E_A' above E0 − cut (the yield's definition; all events of
    /// a sample generated at that threshold).
    pub kinematic_per_eps2: f64,
    /// Selected signal over signal with E_A' > E0 − cut: the measured selection efficiency that
    /// multiplies the shower stage's yield above E0 − cut. It equals the product of the factors
    /// when the signal sample was generated at that threshold.
    pub selection: f64,
    /// Its statistical error.
    pub selection_error: f64,
    /// Correction for effects not simulated: the configuration's `efficiency_correction` ×
    /// its sourced `efficiency_factors`.
    pub correction: f64,
    /// The sourced factors in `correction` (paper 002: dimuon data/MC, ECAL reweighting).
    pub correction_factors: Vec<EfficiencyFactor>,
    /// selection × correction: the efficiency used for the limits.
    pub total: f64,
    /// Mean E_ECAL of all signal events \[GeV\] (paper 002 Fig. 6).
    pub mean_e_ecal_gev: f64,
}

/// Groups of steps forming the factors of eq. 23 (contiguous in `Step::ALL`).
pub const FACTORS: [(&str, &[Step]); 6] = [
    ("trigger", &[Step::Trigger]),
    (
        "electron",
        &[
            Step::OneTrack,
            Step::Momentum,
            Step::Angle,
            Step::Srd,
            Step::Straws,
        ],
    ),
    ("ecal", &[Step::Pileup, Step::EcalShape]),
    ("veto", &[Step::Veto]),
    ("hcal", &[Step::Hcal0, Step::HcalZero]),
    ("acceptance", &[Step::EcalMissing]),
];

/// Weighted efficiency pass/all and its error: Var = (Σ_pass w²·(1−ε)² + Σ_fail w²·ε²)/W².
fn ratio(pass: &Tally, all: &Tally) -> (f64, f64) {
    if all.sum_w <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let e = pass.sum_w / all.sum_w;
    let fail_w2 = (all.sum_w2 - pass.sum_w2).max(0.0);
    let var = (pass.sum_w2 * (1.0 - e).powi(2) + fail_w2 * e * e) / (all.sum_w * all.sum_w);
    (e, var.max(0.0).sqrt())
}

/// The efficiency of one (run, mass) sample.
pub fn efficiency(s: &SignalTallies, r: &RunSelection) -> Efficiency {
    let all = s.flow[0];
    let cumulative = Step::ALL
        .iter()
        .enumerate()
        .map(|(k, st)| (st.name().to_string(), ratio(&s.flow[k + 1], &all).0))
        .collect();
    let mut factors = Vec::new();
    let mut k = 0;
    for (name, steps) in FACTORS {
        let before = s.flow[k];
        k += steps.len();
        let (value, error) = ratio(&s.flow[k], &before);
        factors.push(Factor {
            name: name.to_string(),
            steps: steps.iter().map(|x| x.name().to_string()).collect(),
            value,
            error,
        });
    }
    // A sample generated at the yields' threshold E0 − cut (true E_A' scaled by the beam
    // momentum, so a few per mille fall just below it) is normalised to all its events; a sample
    // generated lower to the events above the threshold.
    let threshold = r.beam_energy_gev - r.ecal_cut_gev;
    let denominator = if s.min_true_emiss_gev >= 0.95 * threshold {
        all
    } else {
        s.kinematic
    };
    let (selection, selection_error) = ratio(&s.flow[Step::ALL.len()], &denominator);
    let tot = s.ecal_all.total();
    let mean = if tot > 0.0 {
        s.ecal_all
            .w
            .iter()
            .enumerate()
            .map(|(i, w)| w * (s.ecal_all.edge(i) + 0.5 * s.ecal_all.width))
            .sum::<f64>()
            / tot
    } else {
        f64::NAN
    };
    Efficiency {
        run: r.name.clone(),
        run_index: s.run,
        mass_gev: s.mass_gev,
        signal_records: all.raw,
        signal_per_eps2: all.sum_w,
        kinematic_per_eps2: denominator.sum_w,
        cumulative,
        factors,
        selection,
        selection_error,
        correction: r.efficiency_factor(),
        correction_factors: r.efficiency_factors.clone(),
        total: selection * r.efficiency_factor(),
        mean_e_ecal_gev: mean,
    }
}

/// Efficiency of run `run` at `mass` from the measured masses: linear in ln m between them,
/// constant beyond the ends; `None` if the run has no signal sample.
pub fn interpolate(effs: &[Efficiency], run: usize, mass: f64) -> Option<f64> {
    let mut pts: Vec<(f64, f64)> = effs
        .iter()
        .filter(|e| e.run_index == run && e.total.is_finite())
        .map(|e| (e.mass_gev, e.total))
        .collect();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    let first = *pts.first()?;
    let last = *pts.last()?;
    if mass <= first.0 {
        return Some(first.1);
    }
    if mass >= last.0 {
        return Some(last.1);
    }
    pts.windows(2).find(|w| mass <= w[1].0).map(|w| {
        let t = (mass / w[0].0).ln() / (w[1].0 / w[0].0).ln();
        w[0].1 + t * (w[1].1 - w[0].1)
    })
}
