//! Issue 15 item 5: what moves the A' yield (and so the ε limit, ε ∝ Y^(−1/2)) at 1–5 MeV.
//! Each effect is one setting changed against the baseline (na64-ecal target, ETL with the
//! elastic + inelastic form factor, E_A' > 50 GeV, the na64-2016 configuration):
//! form factor, A' energy threshold, Pb/Sc sampling, the definition of the WW/ETL ratio, and
//! (from the detector simulation and analysis) the preshower/trigger and the efficiency against
//! the mass. Nothing here is tuned to a published number.
//!
//! `cargo run --release -p aprime-limits --example low_mass_study [EVENTS]` prints Markdown tables
//! (the "Low-mass study" of docs/validation.md).

use aprime_analysis::{Options, analyze};
use aprime_detector::{EventSimulation, Request};
use aprime_experiment::presets;
use aprime_physics::constants::M_E;
use aprime_physics::dark_brem::Method;
use aprime_physics::dark_brem::{DarkBrem, etl};
use aprime_physics::{Element, FormFactorModel};
use aprime_shower::{DarkBremSource, RunConfig, ShowerSimulation, TargetConfig};

const MASSES: [f64; 3] = [0.0011, 0.002, 0.005];

/// ETL with a chosen form factor (the physics core's default source uses elastic + inelastic).
struct EtlWithFormFactor(FormFactorModel);

impl EtlWithFormFactor {
    fn process(&self, el: &Element, mass: f64, e: f64) -> aprime_shower::Result<DarkBrem> {
        Ok(DarkBrem::new(el.zf(), el.a, e, mass, M_E, self.0)?)
    }
}

impl DarkBremSource for EtlWithFormFactor {
    fn name(&self) -> String {
        format!("etl ({:?} form factor)", self.0)
    }
    fn dsigma_dx(
        &self,
        el: &Element,
        mass: f64,
        e: f64,
        x: &[f64],
    ) -> aprime_shower::Result<Vec<f64>> {
        let p = self.process(el, mass, e)?;
        x.iter()
            .map(|&xi| Ok(etl::dsigma_dx(&p, xi, &etl::EtlOptions::default())?.value))
            .collect()
    }
    fn bin_integrals(
        &self,
        el: &Element,
        mass: f64,
        e: f64,
        x_edges: &[f64],
    ) -> aprime_shower::Result<Vec<f64>> {
        let p = self.process(el, mass, e)?;
        let s = etl::spectrum(&p, x_edges, &etl::EtlOptions::default())?;
        Ok(s.dsigma_dx
            .iter()
            .zip(x_edges.windows(2))
            .map(|(d, w)| d.value * (w[1] - w[0]))
            .collect())
    }
}

/// Brem yields per EOT per ε² (E_A' > `e_min`) at [`MASSES`], with their spectra.
fn run(
    target: TargetConfig,
    method: Method,
    e_min: f64,
    events: u64,
    source: Option<&dyn DarkBremSource>,
) -> Vec<aprime_shower::DarkYield> {
    let rc = RunConfig::yields(target, 100.0, MASSES.to_vec(), method, e_min, events, 1);
    let sim = match source {
        Some(s) => ShowerSimulation::with_source(rc, s),
        None => ShowerSimulation::new(rc),
    }
    .expect("a valid run");
    sim.run(None).expect("the shower runs").dark
}

fn above(y: &aprime_shower::DarkYield, e: f64) -> f64 {
    let h = &y.spectrum_brem;
    h.edges
        .windows(2)
        .zip(&h.values)
        .map(|(w, v)| {
            let lo = w[0].max(e);
            if w[1] <= e { 0.0 } else { v * (w[1] - lo) }
        })
        .sum()
}

fn main() {
    let events: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let ecal = TargetConfig::na64_ecal();
    let base40 = run(ecal.clone(), Method::Etl, 40.0, events, None);
    let base = run(ecal.clone(), Method::Etl, 50.0, events, None);
    let elastic = EtlWithFormFactor(FormFactorModel::Elastic);
    let el = run(ecal.clone(), Method::Etl, 50.0, events, Some(&elastic));
    let lead = TargetConfig::homogeneous("Pb", 40.0).expect("a Pb block");
    let pb = run(lead, Method::Etl, 50.0, events, None);
    let ww = run(ecal, Method::WwSimple, 50.0, events, None);
    let pbel = Element::by_name("Pb").unwrap();
    println!("Shower yields: {events} EOT of 100 GeV e⁻, seed 1, ETL unless stated.\n");
    println!(
        "| m_A' [MeV] | Y_ETL (E_A' > 50 GeV) [/EOT/ε²] | stat | E_A' > 40 GeV | > 60 GeV | elastic form factor only | homogeneous Pb, 40 X0 | Y_WW/Y_ETL (shower) | k(100 GeV) | k(50 GeV) | k(75 GeV) |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for (i, m) in MASSES.iter().enumerate() {
        let y = base[i].brem.value;
        let k = |e0: f64| {
            let p = DarkBrem::electron(pbel, e0, *m).unwrap();
            aprime_physics::dark_brem::wwsimple::total_pb(&p).unwrap()
                / etl::total(&p, &etl::EtlOptions::default()).unwrap().value
        };
        let y50 = above(&base40[i], 50.0);
        println!(
            "| {} | {:.4e} | {:.2}% | ×{:.3} | ×{:.3} | ×{:.3} | ×{:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            m * 1e3,
            y,
            100.0 * base[i].brem.error / y,
            above(&base40[i], 40.0) / y50,
            above(&base40[i], 60.0) / y50,
            el[i].brem.value / y,
            pb[i].brem.value / y,
            ww[i].brem.value / y,
            k(100.0),
            k(50.0),
            k(75.0),
        );
    }
    // Detector chain: efficiency against the mass and the trigger (preshower threshold) factor.
    let cfg = presets::load("na64-2016").unwrap();
    let eot: f64 = cfg.runs.iter().map(|r| r.eot).sum();
    let mut masses = MASSES.to_vec();
    masses.push(0.01);
    let sim = EventSimulation::new(
        cfg.clone(),
        Request {
            eot_equivalent: eot,
            seed: 1,
            masses_gev: masses,
            shard: (0, 1),
            preset: cfg.name.clone(),
        },
        None,
    )
    .unwrap();
    let a = analyze(&sim.events_vec(), &cfg, sim.run_eot(), &Options::default()).unwrap();
    println!("\nSignal efficiency of the na64-2016 detector simulation and analysis, per run:\n");
    println!(
        "| run | m_A' [MeV] | trigger (PS > 0.3 GeV, ECAL < 80 GeV) | e⁻ ID | ECAL | VETO | HCAL | total | ± |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for e in &a.efficiencies {
        let f = |n: &str| {
            e.factors
                .iter()
                .find(|f| f.name == n)
                .map_or(f64::NAN, |f| f.value)
        };
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            e.run,
            e.mass_gev * 1e3,
            f("trigger"),
            f("electron"),
            f("ecal"),
            f("veto"),
            f("hcal"),
            e.total,
            e.selection_error
        );
    }
}
