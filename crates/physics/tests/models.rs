//! Issue 10 acceptance tests of the dark-sector models (physics part): chirality limit, the
//! leading-log scalar/vector ratio, muon ETL vs exact-kinematics WW, resonant annihilation and
//! widths per model, bad input. Derivations: docs/models.md, src/dark_brem/spin.rs.

use aprime_physics::Element;
use aprime_physics::PhysicsError;
use aprime_physics::annihilation::resonance_energy;
use aprime_physics::constants::{ALPHA, M_E, M_MU};
use aprime_physics::dark_brem::{DarkBrem, etl, exact, iww, wwsimple};
use aprime_physics::decay::{self, model_widths};
use aprime_physics::form_factor::FormFactorModel;
use aprime_physics::integrate::adaptive;
use aprime_physics::model::{Lepton, Mediator, ModelError, Projectile, lmu_ltau};
use aprime_physics::resonance;
use aprime_physics::widths::{ChiSpin, DarkSector};

fn lead(e0: f64, mass: f64, lepton_mass: f64, mediator: Mediator) -> DarkBrem {
    DarkBrem::new(
        82.0,
        207.2,
        e0,
        mass,
        lepton_mass,
        FormFactorModel::ElasticInelastic,
    )
    .unwrap()
    .with_mediator(mediator)
}

#[test]
fn chirality_limit_of_the_improved_ww_spectra() {
    // models.md §2: for m_l → 0 the vector and axial cross sections coincide, and so do the
    // scalar and pseudoscalar ones. With a fictitious lepton mass m_e/1000 the IWW dσ/dx agree
    // within 1% (in fact ~1e-6) at every x away from the endpoint region 1 − x ≲ m_l²/m².
    let ml = M_E * 1e-3;
    let mut worst: f64 = 0.0;
    for m in [0.01, 0.1, 1.0] {
        for x in [0.05, 0.3, 0.6, 0.9, 0.99] {
            let d = |med| iww::dsigma_dx_pb(&lead(100.0, m, ml, med), x).unwrap();
            let (v, a) = (d(Mediator::Vector), d(Mediator::Axial));
            let (s, p) = (d(Mediator::Scalar), d(Mediator::Pseudoscalar));
            assert!((a / v - 1.0).abs() < 0.01, "m={m} x={x}: A/V = {}", a / v);
            assert!((s / p - 1.0).abs() < 0.01, "m={m} x={x}: S/P = {}", s / p);
            worst = worst.max((a / v - 1.0).abs()).max((s / p - 1.0).abs());
        }
    }
    eprintln!("chirality limit, m_l = m_e/1000: worst |A/V − 1|, |S/P − 1| = {worst:.2e}");
}

#[test]
fn at_the_electron_mass_the_spins_differ_as_derived() {
    // src/dark_brem/spin.rs: IWW bracket a/Ũ − c x(1−x)/(6Ũ²) with Ũ = m²(1−x)/x + m_e²x gives
    //   S/P − 1 = 4m_e²(1−x)/(2m²(1−x) + 3m_e²x²),
    //   A/V − 1 = [4m_e²x²/(m²Ũ) + 4m_e²x(1−x)/Ũ²] / [2(2−2x+x²)/Ũ − (2/3)(m²+2m_e²)x(1−x)/Ũ²]
    // (V with the lepton mass in the numerator, iww::dsigma_dx_full_mass_pb). Check the
    // computed spectra against these ratios (1e-9) and print them for docs/models.md.
    for m in [0.002, 0.01, 0.1] {
        for x in [0.3, 0.9, 0.999] {
            let d = |med| iww::dsigma_dx_full_mass_pb(&lead(100.0, m, M_E, med), x).unwrap();
            let (m2, l2) = (m * m, M_E * M_E);
            let u = m2 * (1.0 - x) / x + l2 * x;
            let sp = 4.0 * l2 * (1.0 - x) / (2.0 * m2 * (1.0 - x) + 3.0 * l2 * x * x);
            let av = (4.0 * l2 * x * x / (m2 * u) + 4.0 * l2 * x * (1.0 - x) / (u * u))
                / (2.0 * (2.0 - 2.0 * x + x * x) / u
                    - 2.0 / 3.0 * (m2 + 2.0 * l2) * x * (1.0 - x) / (u * u));
            let got_sp = d(Mediator::Scalar) / d(Mediator::Pseudoscalar) - 1.0;
            let got_av = d(Mediator::Axial) / d(Mediator::Vector) - 1.0;
            eprintln!("m = {m} GeV, x = {x}: S/P − 1 = {got_sp:.4e}, A/V − 1 = {got_av:.4e}");
            assert!((got_sp - sp).abs() < 1e-9 * (1.0 + sp.abs()));
            assert!((got_av - av).abs() < 1e-9 * (1.0 + av.abs()));
            assert!(got_sp >= 0.0 && got_av > 0.0);
        }
    }
}

#[test]
fn scalar_over_vector_tends_to_one_half() {
    // models.md §2: σ_S/σ_V → 1/2 at leading logarithm. The WW spectra at m_l → 0 are
    // (2/3)x³ vs 4x(1 − x + x²/3) over μ²(1−x), so with L = ln(1/δ) the totals go as
    // (2/3)(L − 11/6) and (4/3)(L − 1/3): the ratio rises towards 1/2 as 1/L. Grow L by raising
    // E0/m together with m/m_l (both bound δ = max(m_l²/m², m²/E0²)); IWW totals, Pb.
    let mut prev = 0.0;
    for k in 0..4 {
        let scale = 10f64.powi(k);
        let (e0, ml) = (100.0 * scale, M_E / scale);
        let tot = |med| iww::total(&lead(e0, 0.1, ml, med), 1e-6).unwrap().value;
        let r = tot(Mediator::Scalar) / tot(Mediator::Vector);
        let l = (0.1 * 0.1 / (ml * ml)).ln();
        let ll = 0.5 * (l - 11.0 / 6.0) / (l - 1.0 / 3.0);
        eprintln!(
            "E0 = {e0} GeV, m_l = {ml:.3e} GeV: L = {l:.1}, IWW S/V = {r:.4}, leading-log {ll:.4}"
        );
        assert!(r > prev && r < 0.5, "ratio {r} after {prev}");
        assert!((r - ll).abs() < 0.04, "IWW {r} vs leading log {ll}");
        prev = r;
    }
    assert!(prev > 0.47);
    // The simplified WW totals carry the leading-log coefficients: exactly 1/2.
    let pb = Element::by_name("Pb").unwrap();
    let ww = |med| {
        wwsimple::total_pb(&DarkBrem::for_model(pb, Projectile::Electron, med, 100.0, 0.1).unwrap())
            .unwrap()
    };
    assert!((ww(Mediator::Scalar) / ww(Mediator::Vector) - 0.5).abs() < 1e-12);
    assert!((ww(Mediator::Pseudoscalar) / ww(Mediator::Axial) - 0.5).abs() < 1e-12);
}

#[test]
fn iww_ratios_at_100_gev_and_100_mev() {
    // Issue 10: report the IWW ratios S/V and P/V at E0 = 100 GeV, m = 100 MeV (Pb, m_e):
    // 0.448 and 0.448 (docs/models.md); between the leading-log 1/2 and its first correction
    // (1/2)(L − 11/6)/(L − 1/3) = 0.427 at L = ln(m²/m_e²) = 10.6.
    let pb = Element::by_name("Pb").unwrap();
    let tot = |med| {
        iww::total(
            &DarkBrem::for_model(pb, Projectile::Electron, med, 100.0, 0.1).unwrap(),
            1e-6,
        )
        .unwrap()
        .value
    };
    let v = tot(Mediator::Vector);
    let (s, p, a) = (
        tot(Mediator::Scalar) / v,
        tot(Mediator::Pseudoscalar) / v,
        tot(Mediator::Axial) / v,
    );
    eprintln!("IWW at 100 GeV, 100 MeV: S/V = {s:.4}, P/V = {p:.4}, A/V = {a:.4}");
    assert!((0.42..0.5).contains(&s) && (0.42..0.5).contains(&p) && (s / p - 1.0).abs() < 1e-3);
}

#[test]
fn muon_beam_etl_agrees_with_exact_kinematics_ww_for_every_model() {
    // Issue 10 acceptance: for muons ETL and exact-kinematics WW agree within 3% for every
    // model (m ≥ 10 MeV). Voronchikhin & Kirpichnikov, arXiv:2409.12748: O(1–10)% for muons;
    // DMG4 (models.md §1) states 1–2%. 160 GeV μ on Pb (NA64μ).
    let opts = etl::EtlOptions {
        rel_precision: 3e-3,
        seed: 1,
    };
    for med in Mediator::ALL {
        for m in [0.01, 0.1, 1.0] {
            let p = lead(160.0, m, M_MU, med);
            let e = etl::total(&p, &opts).unwrap();
            let w = exact::total(&p, 1e-4).unwrap().value;
            let r = w / e.value;
            eprintln!("{med} m = {m}: exact/ETL = {r:.4}");
            assert!((r - 1.0).abs() < 0.03, "{med} m = {m} GeV: exact/ETL = {r}");
        }
    }
}

#[test]
fn z_prime_production_is_the_vector_one_times_the_coupling_scale() {
    // The Z' models couple vectorially: at unit coupling their cross sections are the dark
    // photon's, bit for bit; the model parameter enters only through Mediator::sigma_scale.
    let pb = Element::by_name("Pb").unwrap();
    let v = DarkBrem::electron(pb, 100.0, 0.05).unwrap();
    let opts = etl::EtlOptions::default();
    let ev = etl::total(&v, &opts).unwrap().value;
    for med in [Mediator::LmuLtau, Mediator::BMinusL] {
        let z = etl::total(&v.with_mediator(med), &opts).unwrap().value;
        assert_eq!(z.to_bits(), ev.to_bits());
    }
    // Scales (Mediator docs): B−L and L_μ−L_τ on muons 1/(4πα); L_μ−L_τ on electrons ε(m²)/g
    // squared, ≈ (1/69.3)² well below 2m_μ.
    let e2 = 4.0 * std::f64::consts::PI * ALPHA;
    let s = Mediator::BMinusL
        .sigma_scale(Lepton::Electron, 0.05)
        .unwrap();
    assert!((s * e2 - 1.0).abs() < 1e-12);
    let s = Mediator::LmuLtau
        .sigma_scale(Lepton::Electron, 0.01)
        .unwrap();
    assert!((s.sqrt() * 69.3 - 1.0).abs() < 0.01, "{}", 1.0 / s.sqrt());
    let g = Mediator::LmuLtau
        .parameter_for(Lepton::Electron, 0.01, 1e-6)
        .unwrap();
    assert!(
        (Mediator::LmuLtau
            .eps_equivalent(Lepton::Electron, g, 0.01)
            .unwrap()
            .abs()
            - 1e-6)
            .abs()
            < 1e-18
    );
    assert_eq!(
        Mediator::Scalar.sigma_scale(Lepton::Muon, 0.1).unwrap(),
        1.0
    );
}

fn integrated_bw(med: Mediator, m: f64, d: &DarkSector) -> f64 {
    let er = resonance_energy(m);
    let gamma = model_widths(med, m, d).unwrap().total_gev;
    let half = m * gamma / (2.0 * M_E);
    let lo = aprime_physics::annihilation::positron_energy(4.0 * d.m_chi * d.m_chi).max(M_E);
    let mut breaks = vec![lo];
    for k in [-300.0, -30.0, -3.0, 0.0, 3.0, 30.0, 300.0] {
        let e = er + k * half;
        if e > lo && e < 2.0 * er {
            breaks.push(e);
        }
    }
    breaks.push(2.0 * er);
    adaptive(
        |e| resonance::sigma_per_electron_pb(med, e, m, d).unwrap(),
        &breaks,
        1e-9,
        0.0,
        20_000,
    )
    .unwrap()
    .value
}

#[test]
fn breit_wigner_integrals_equal_the_narrow_width_value() {
    // models.md §2: ∫σ dE₊ = (2J+1) 2π² Γ_ee BR_inv/(m m_e) → 2π²αε²BR/m_e (V, A),
    // π²αε²BR/m_e (S, P); within 2% for every model (α_D = 0.01, Dirac χ, m = 3m_χ; Z' with
    // g = 1e-3 and α_D = 0: νν̄ only).
    for med in Mediator::ALL {
        for m in [0.02, 0.1, 0.3] {
            let z = med.parameter() == aprime_physics::model::CouplingParameter::GaugeCoupling;
            let d = if z {
                DarkSector::new(1e-3, 0.0, 0.0, ChiSpin::Fermion).unwrap()
            } else {
                DarkSector::new(1e-3, 0.01, m / 3.0, ChiSpin::Fermion).unwrap()
            };
            let nw = resonance::narrow_width_integral_pb_gev(med, m, &d).unwrap();
            let r = integrated_bw(med, m, &d) / nw;
            assert!((r - 1.0).abs() < 0.02, "{med} m = {m}: BW/narrow = {r}");
            if !z {
                // Closed form with β_e → 1: 2π²αε²BR/m_e for J = 1, half of it for J = 0.
                let w = model_widths(med, m, &d).unwrap();
                let half = if med.spin() == 0 { 0.5 } else { 1.0 };
                let cf =
                    half * 2.0 * std::f64::consts::PI.powi(2) * ALPHA * 1e-6 * w.br_invisible()
                        / M_E
                        * aprime_physics::constants::GEV2_TO_PB;
                // β_e factors: |β³ − 1| ≤ 6m_e²/m².
                let tol = 6.0 * M_E * M_E / (m * m);
                assert!((nw / cf - 1.0).abs() < tol, "{med} m = {m}: {nw} vs {cf}");
            }
        }
    }
}

#[test]
fn widths_match_the_closed_forms() {
    // models.md §2 (g_ℓ = εe, r = m_ℓ²/m², β = sqrt(1 − 4r)): Γ_V = g²m(1+2r)β/12π,
    // Γ_A = g²mβ³/12π, Γ_S = g²mβ³/8π, Γ_P = g²mβ/8π; Z' → νν̄ g²m/24π per flavour (2 for
    // L_μ−L_τ, 3 for B−L); L_μ−L_τ couples to μ with g and to e with e·ε(m²).
    let pi = std::f64::consts::PI;
    let e2 = 4.0 * pi * ALPHA;
    let (eps, m) = (1e-3, 0.5);
    let d = DarkSector::new(eps, 0.0, 0.0, ChiSpin::Fermion).unwrap();
    let r = M_MU * M_MU / (m * m);
    let b = (1.0 - 4.0 * r).sqrt();
    let g2 = eps * eps * e2;
    for (med, closed) in [
        (Mediator::Vector, g2 * m * (1.0 + 2.0 * r) * b / (12.0 * pi)),
        (Mediator::Axial, g2 * m * b.powi(3) / (12.0 * pi)),
        (Mediator::Scalar, g2 * m * b.powi(3) / (8.0 * pi)),
        (Mediator::Pseudoscalar, g2 * m * b / (8.0 * pi)),
    ] {
        let w = model_widths(med, m, &d).unwrap();
        assert!((w.mumu_gev / closed - 1.0).abs() < 1e-12, "{med}");
        assert_eq!(w.nunu_gev, 0.0);
    }
    let g = 1e-3;
    let dz = DarkSector::new(g, 0.0, 0.0, ChiSpin::Fermion).unwrap();
    let lmu = model_widths(Mediator::LmuLtau, m, &dz).unwrap();
    assert!((lmu.mumu_gev / (g * g * m * (1.0 + 2.0 * r) * b / (12.0 * pi)) - 1.0).abs() < 1e-12);
    assert!((lmu.nunu_gev / (2.0 * g * g * m / (24.0 * pi)) - 1.0).abs() < 1e-12);
    let eps_e = lmu_ltau::eps_per_g(m * m).unwrap() * g;
    assert!((lmu.ee_gev / (ALPHA * eps_e * eps_e * m / 3.0) - 1.0).abs() < 1e-5);
    let bl = model_widths(Mediator::BMinusL, m, &dz).unwrap();
    assert!((bl.nunu_gev / (3.0 * g * g * m / (24.0 * pi)) - 1.0).abs() < 1e-12);
    assert!((bl.ee_gev / (g * g * m / (12.0 * pi)) - 1.0).abs() < 1e-5);
    // B−L: BR(νν̄) = 3/(3 + 2(1 + β_μ-terms)) below the τ threshold; ≈ 1/2 well above 2m_μ.
    eprintln!(
        "m = {m} GeV: BR_inv(L_mu-L_tau) = {:.4}, BR_inv(B-L) = {:.4}",
        lmu.br_invisible(),
        bl.br_invisible()
    );
    assert!(lmu.br_invisible() > 0.49 && lmu.br_invisible() < 0.51);
    assert!(bl.br_invisible() > 0.4 && bl.br_invisible() < 0.5);
    // The vector equals the dark-photon widths of crate::widths.
    let dv = DarkSector::new(1e-3, 0.1, 0.1, ChiSpin::Fermion).unwrap();
    let old = aprime_physics::widths::widths(m, &dv).unwrap();
    let new = model_widths(Mediator::Vector, m, &dv).unwrap();
    assert_eq!(old.total.to_bits(), new.total_gev.to_bits());
    // Decay length γβcτ: ħc/Γ at p = m.
    let l = decay::decay_length_cm(m * 2f64.sqrt(), m, 1e-9);
    assert!((l / (aprime_physics::constants::HBARC_GEV_CM / 1e-9) - 1.0).abs() < 1e-12);
}

#[test]
fn bad_input_gives_one_line_typed_errors() {
    let one_line = |e: &dyn std::fmt::Display| {
        let s = e.to_string();
        assert!(!s.contains('\n') && !s.is_empty(), "{s}");
        s
    };
    // Names: exactly the serde/CLI names; unknown ones list the valid names.
    for med in Mediator::ALL {
        assert_eq!(med.name().parse::<Mediator>().unwrap(), med);
        let json = serde_json::to_string(&med).unwrap();
        assert_eq!(json, format!("\"{}\"", med.name()));
        assert_eq!(serde_json::from_str::<Mediator>(&json).unwrap(), med);
    }
    let names: Vec<&str> = Mediator::ALL.iter().map(|m| m.name()).collect();
    assert_eq!(
        names,
        [
            "vector",
            "scalar",
            "pseudoscalar",
            "axial",
            "lmu-ltau",
            "b-l"
        ]
    );
    let e = "dark-higgs".parse::<Mediator>().unwrap_err();
    assert!(matches!(e, ModelError::UnknownMediator { .. }));
    let s = one_line(&e);
    assert!(names.iter().all(|n| s.contains(n)), "{s}");
    assert!(matches!(
        "tau".parse::<Projectile>(),
        Err(ModelError::UnknownProjectile { .. })
    ));
    assert_eq!(
        "antimuon".parse::<Projectile>().unwrap(),
        Projectile::Antimuon
    );
    // Combinations not implemented.
    let e = resonance::check_projectile(Mediator::Scalar, Projectile::Muon).unwrap_err();
    assert!(matches!(e, ModelError::Unsupported { .. }));
    one_line(&e);
    let scalar_chi = DarkSector::new(1e-3, 0.1, 0.01, ChiSpin::Scalar).unwrap();
    let e = model_widths(Mediator::Pseudoscalar, 0.1, &scalar_chi).unwrap_err();
    assert!(matches!(
        e,
        PhysicsError::Model(ModelError::Unsupported { .. })
    ));
    one_line(&e);
    // Couplings out of range.
    let big = DarkSector::new(5.0, 0.0, 0.0, ChiSpin::Fermion).unwrap();
    let e = model_widths(Mediator::BMinusL, 0.1, &big).unwrap_err();
    assert!(matches!(
        e,
        PhysicsError::Model(ModelError::CouplingOutOfRange { .. })
    ));
    one_line(&e);
    assert!(Mediator::Vector.check_parameter(f64::NAN).is_err());
    assert!(Mediator::LmuLtau.check_parameter(1.0).is_ok());
}

#[test]
fn k_factors_for_every_model() {
    // k = σ_WW/σ_ETL (paper 002 eq. 12) per model: for the dark photon the model-aware material
    // function is the old one bit for bit; for the other spins it is the ratio of the two
    // totals of that spin. Spin-0 k exceeds the vector one at 100 MeV (docs/models.md §4:
    // 2.06 vs 1.69).
    use aprime_physics::Material;
    use aprime_physics::dark_brem::{Method, XsecOptions};
    use aprime_physics::kfactor::{material_k_factor, material_model_k_factor};
    let pb = Material::by_name("Pb").unwrap();
    let opts = XsecOptions::default();
    let old = material_k_factor(&pb, 100.0, 0.1, Method::Etl, &opts).unwrap();
    let new = material_model_k_factor(
        &pb,
        Projectile::Electron,
        Mediator::Vector,
        100.0,
        0.1,
        Method::Etl,
        &opts,
    )
    .unwrap();
    assert_eq!(old.k.to_bits(), new.k.to_bits());
    let s = material_model_k_factor(
        &pb,
        Projectile::Electron,
        Mediator::Scalar,
        100.0,
        0.1,
        Method::Etl,
        &opts,
    )
    .unwrap();
    assert!((s.k - s.sigma_ww_pb / s.sigma_ref_pb).abs() < 1e-12 * s.k);
    assert!(
        s.k > 1.15 * old.k && s.k < 1.4 * old.k,
        "k_S = {}, k_V = {}",
        s.k,
        old.k
    );
}

#[test]
fn spin_zero_spectra_are_harder() {
    // Issue 10 / spin.rs: the m → 0 WW spectra are (2/3)x³ (S, P) vs 4x(1 − x + x²/3) (V, A)
    // over μ²(1−x), so S and P emit closer to x → 1. ETL x spectra, Pb, 100 GeV e⁻, 100 MeV.
    let pb = Element::by_name("Pb").unwrap();
    let edges: Vec<f64> = (0..=50).map(|i| f64::from(i) / 50.0).collect();
    let opts = etl::EtlOptions::default();
    let mean_x = |med| {
        let p = DarkBrem::for_model(pb, Projectile::Electron, med, 100.0, 0.1).unwrap();
        let s = etl::spectrum(&p, &edges, &opts).unwrap();
        let (mut num, mut den) = (0.0, 0.0);
        for (d, w) in s.dsigma_dx.iter().zip(edges.windows(2)) {
            let x = 0.5 * (w[0] + w[1]);
            num += x * d.value * (w[1] - w[0]);
            den += d.value * (w[1] - w[0]);
        }
        num / den
    };
    let (v, s, p) = (
        mean_x(Mediator::Vector),
        mean_x(Mediator::Scalar),
        mean_x(Mediator::Pseudoscalar),
    );
    eprintln!("ETL <x>: vector {v:.4}, scalar {s:.4}, pseudoscalar {p:.4}");
    assert!(s > v + 0.02 && p > v + 0.02, "<x> V {v}, S {s}, P {p}");
}
