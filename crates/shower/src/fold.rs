//! Yields folded from stored track-length spectra: one set of showers serves any mass,
//! N/EOT = Σ_materials ∫ dE [T₋(E) + T₊(E)] Σ_>(E) (+ ∫ dE T₊(E) n_e σ_BW(E) for annihilation),
//! the discrete form of paper 002 eq. 8. Σ_> is averaged over each track-length bin with
//! 8-point Gauss–Legendre. The direct track-length estimate of a run scores the same sum with
//! the exact energy of every step; the two agree to the binning error (checked in the tests).

use aprime_physics::annihilation;
use aprime_physics::constants::{M_E, PB_TO_CM2};
use aprime_physics::integrate::gauss_legendre;

use crate::dark::MethodSource;
use crate::dark_setup::{DarkSetup, MassDark};
use crate::error::{Result, ensure};
use crate::resonance::Resonance;
use crate::result::{Histogram, ShowerResult};
use crate::run_config::DarkConfig;

fn bin_average(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (x, w) = gauss_legendre(8);
    let (c, h) = (0.5 * (lo + hi), 0.5 * (hi - lo));
    0.5 * x
        .iter()
        .zip(&w)
        .map(|(xi, wi)| wi * f(c + h * xi))
        .sum::<f64>()
}

fn fold(t: &Histogram, f: impl Fn(f64) -> f64) -> f64 {
    t.edges
        .windows(2)
        .zip(&t.values)
        .filter(|(_, v)| **v > 0.0)
        .map(|(e, v)| v * (e[1] - e[0]) * bin_average(e[0], e[1], &f))
        .sum()
}

/// Dark-bremsstrahlung yield per EOT per ε² from the track-length spectra of `res` and the
/// tables of `md` (built for the same geometry, E_min and beam energy).
pub fn brem_yield(res: &ShowerResult, md: &MassDark) -> f64 {
    res.materials
        .iter()
        .enumerate()
        .map(|(m, mt)| {
            fold(&mt.t_minus, |e| md.sigma_macro(m, e)) + fold(&mt.t_plus, |e| md.sigma_macro(m, e))
        })
        .sum()
}

/// The dark tables of the run of `res` for the masses `masses` \[GeV\]: its target, dark
/// configuration (threshold, cross-section method, mediator, annihilation), projectile and
/// highest beam energy, as [`crate::ShowerSimulation`] builds them for its own masses; what
/// [`brem_yield`] and [`brem_batches`] fold with at masses the run did not score.
pub fn dark_setup_for(res: &ShowerResult, masses: &[f64]) -> Result<DarkSetup> {
    let cfg = &res.config;
    let d = cfg.dark.as_ref();
    ensure(d.is_some(), || {
        "the run scored no dark sector: no tables to fold with".into()
    })?;
    ensure(!cfg.is_muon_beam(), || {
        "a muon beam is not showered: no track-length spectra to fold".into()
    })?;
    let d = DarkConfig {
        masses_gev: masses.to_vec(),
        ..d.expect("checked").clone()
    };
    let geometry = cfg.target.build()?;
    let src = MethodSource::for_projectile(d.method, d.model, cfg.projectile);
    let e_top = crate::beam::highest_energy(cfg.beam_energy_gev, cfg.beam_energy_spread_gev);
    DarkSetup::build(&geometry, &d, &src, e_top)
}

/// Dark-bremsstrahlung yield per EOT per ε² of every batch of `res`
/// ([`crate::TrackLengthBatches`]), folded with the tables of `md` as [`brem_yield`] folds the
/// whole run (bins from the batches' first bin, below which σ(E_A' > E_min) vanishes): the
/// event-weighted mean of the batch values is the run's folded yield, their spread its error.
/// Empty without batches or for results saved before the batches kept T₋.
pub fn brem_batches(res: &ShowerResult, md: &MassDark) -> Vec<f64> {
    let Some(b) = res
        .batches
        .as_ref()
        .filter(|b| b.t_minus.len() == b.t_plus.len())
    else {
        return Vec::new();
    };
    // Bin width × bin-averaged Σ_> per kept bin and material (the same for every batch).
    let coefficients: Vec<Vec<f64>> = res
        .materials
        .iter()
        .enumerate()
        .map(|(m, mt)| {
            let e = &mt.t_minus.edges;
            (b.first_bin..e.len().saturating_sub(1))
                .map(|i| (e[i + 1] - e[i]) * bin_average(e[i], e[i + 1], |x| md.sigma_macro(m, x)))
                .collect()
        })
        .collect();
    b.t_minus
        .iter()
        .zip(&b.t_plus)
        .map(|(minus, plus)| {
            minus
                .iter()
                .zip(plus)
                .zip(&coefficients)
                .map(|((tm, tp), c)| {
                    tm.iter()
                        .zip(tp)
                        .zip(c)
                        .map(|((a, b), c)| (a + b) * c)
                        .sum::<f64>()
                })
                .sum()
        })
        .collect()
}

/// Resonant-annihilation yield per EOT per ε² (Breit–Wigner) from T₊(E): Σ_bins T₊ ∫_bin
/// n_e σ_BW dE ([`Resonance::integral_cm2_gev`]: adaptive with E_R as a break point for the dark
/// photon, the exact line integral for the other mediators), so that even a resonance narrower
/// than a bin is integrated exactly.
pub fn annihilation_yield(res: &ShowerResult, r: &Resonance, e_min: f64) -> f64 {
    let bin_integral = |lo: f64, hi: f64| r.integral_cm2_gev(lo.max(e_min - M_E).min(hi), hi);
    res.materials
        .iter()
        .map(|mt| {
            mt.electron_density_cm3
                * mt.t_plus
                    .edges
                    .windows(2)
                    .zip(&mt.t_plus.values)
                    .filter(|(e, v)| **v > 0.0 && e[1] + M_E > e_min)
                    .map(|(e, v)| v * bin_integral(e[0], e[1]))
                    .sum::<f64>()
        })
        .sum()
}

/// Narrow-width resonant yield per EOT per ε² of the dark photon, N = Σ_m n_e,m (2π²α/m_e)
/// T₊,m(E_R) (physics.md §3), T₊ interpolated at E_R; zero if E_R + m_e ≤ E_min.
pub fn annihilation_yield_narrow(res: &ShowerResult, mass: f64, e_min: f64) -> f64 {
    let e_r = annihilation::resonance_energy(mass);
    if e_r + M_E <= e_min {
        return 0.0;
    }
    let c = annihilation::narrow_width_integral_pb_gev(1.0) * PB_TO_CM2;
    narrow(res, e_r, c)
}

/// Narrow-width resonant yield per EOT per ε_e² of any mediator, N = Σ_m n_e,m S T₊,m(E_R) with
/// the strength S of `r` ([`Resonance::strength_cm2_gev`]); zero if E_R + m_e ≤ E_min.
pub fn resonance_yield_narrow(res: &ShowerResult, r: &Resonance, e_min: f64) -> f64 {
    if r.e_res + M_E <= e_min {
        return 0.0;
    }
    narrow(res, r.e_res, r.strength_cm2_gev)
}

fn narrow(res: &ShowerResult, e_r: f64, strength_cm2_gev: f64) -> f64 {
    res.materials
        .iter()
        .map(|mt| mt.electron_density_cm3 * strength_cm2_gev * mt.t_plus.density_at(e_r))
        .sum()
}

/// ∫σ dE₊ per target electron \[cm²·GeV\] over positron energies `lo`–`hi` for the line of `r`.
/// The dark photon's Breit–Wigner is integrated in the angle θ = atan((s − m²)/(mΓ)), in which
/// σ dE₊ = N(s)/(2 m_e mΓ) dθ with the slowly varying numerator N(s) = σ·((s − m²)² + m²Γ²)
/// (8-point Gauss–Legendre on panels of ≤ 0.1 rad: exact for a constant N, a line of any width
/// resolved);
/// the other mediators use their exact line integral ([`Resonance::integral_cm2_gev`]).
pub fn line_integral_cm2_gev(r: &Resonance, lo: f64, hi: f64) -> f64 {
    let lo = lo.max(M_E);
    if hi <= lo {
        return 0.0;
    }
    if r.mediator != aprime_physics::model::Mediator::Vector || r.width <= 0.0 {
        return r.integral_cm2_gev(lo, hi);
    }
    let m2 = r.mass * r.mass;
    let m_gamma = r.mass * r.width;
    let angle = |e: f64| ((annihilation::mandelstam_s(e) - m2) / m_gamma).atan();
    let (a, b) = (angle(lo), angle(hi));
    let (x, w) = gauss_legendre(8);
    // Panels of at most 0.1 rad: s − m² = mΓ tanθ is far from polynomial over a wide θ range.
    let panels = ((b - a) / 0.1).ceil().max(1.0);
    let width = (b - a) / panels;
    (0..panels as usize)
        .map(|k| {
            let h = 0.5 * width;
            let c = a + (k as f64 + 0.5) * width;
            // dE₊/dθ = (ds/dθ)/(2m_e) = mΓ/(2 m_e cos²θ).
            h * x
                .iter()
                .zip(&w)
                .map(|(xi, wi)| {
                    let th = c + h * xi;
                    let e = annihilation::positron_energy(m2 + m_gamma * th.tan());
                    wi * r.sigma_cm2(e) * m_gamma / (2.0 * M_E * th.cos().powi(2))
                })
                .sum::<f64>()
        })
        .sum()
}

/// Resonant-annihilation yield per EOT per ε² and its X energy spectrum (E_X = E₊ + m_e) on the
/// bins `spectrum_edges` \[per GeV per EOT per ε²\], folded from the scored positron
/// track-length spectra T₊ of every material: Σ_m n_e,m Σ_bins T₊,m ∫_bin σ dE₊, with T₊
/// constant within a track-length bin and the line integrated exactly over each piece of a bin
/// that falls in one spectrum bin ([`line_integral_cm2_gev`]); only E_X > `e_min`. Every mass
/// and width is folded with the same T₊, so the yield is smooth in mass and in the width (the
/// statistical fluctuations of T₊ are shared), unlike the step-by-step estimate of the run,
/// which evaluates the line at each step's midpoint energy.
pub fn annihilation_spectrum(
    res: &ShowerResult,
    r: &Resonance,
    e_min: f64,
    spectrum_edges: &[f64],
) -> (f64, Histogram) {
    let n = spectrum_edges.len().saturating_sub(1);
    let mut values = vec![0.0; n];
    let mut overflow = 0.0;
    let mut total = 0.0;
    let top = spectrum_edges.last().copied().unwrap_or(0.0);
    for mt in &res.materials {
        let t = &mt.t_plus;
        for (e, v) in t.edges.windows(2).zip(&t.values) {
            // E_X = E₊ + m_e above the threshold.
            let (lo, hi) = (e[0].max(e_min - M_E), e[1]);
            if *v <= 0.0 || hi <= lo {
                continue;
            }
            let w = mt.electron_density_cm3 * v;
            // Pieces of [lo, hi) in each spectrum bin (in E₊ = E_X − m_e).
            let first = spectrum_edges
                .partition_point(|&x| x - M_E <= lo)
                .saturating_sub(1);
            for j in first..n {
                let (a, b) = (spectrum_edges[j] - M_E, spectrum_edges[j + 1] - M_E);
                if a >= hi {
                    break;
                }
                let (x, y) = (lo.max(a), hi.min(b));
                if y > x {
                    let y_piece = w * line_integral_cm2_gev(r, x, y);
                    values[j] += y_piece / (b - a);
                    total += y_piece;
                }
            }
            if hi > top - M_E {
                let y_piece = w * line_integral_cm2_gev(r, lo.max(top - M_E), hi);
                overflow += y_piece;
                total += y_piece;
            }
        }
    }
    (
        total,
        Histogram {
            edges: spectrum_edges.to_vec(),
            values,
            overflow,
        },
    )
}

/// Resonant-annihilation yield per EOT per ε² of every batch of `res` ([`crate::TrackLengthBatches`];
/// empty without batches), folded as [`annihilation_spectrum`] folds the whole run: the
/// event-weighted mean of the batch values is the run's yield, their spread its error.
pub fn annihilation_batches(res: &ShowerResult, r: &Resonance, e_min: f64) -> Vec<f64> {
    let Some(b) = &res.batches else {
        return Vec::new();
    };
    // n_e ∫_bin σ dE₊ per kept bin and material (the same for every batch).
    let coefficients: Vec<Vec<f64>> = res
        .materials
        .iter()
        .map(|mt| {
            let e = &mt.t_plus.edges;
            (b.first_bin..e.len().saturating_sub(1))
                .map(|i| {
                    let (lo, hi) = (e[i].max(e_min - M_E), e[i + 1]);
                    if hi <= lo {
                        0.0
                    } else {
                        mt.electron_density_cm3 * line_integral_cm2_gev(r, lo, hi)
                    }
                })
                .collect()
        })
        .collect();
    b.t_plus
        .iter()
        .map(|mats| {
            mats.iter()
                .zip(&coefficients)
                .map(|(t, c)| t.iter().zip(c).map(|(t, c)| t * c).sum::<f64>())
                .sum()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resonance::AnnihilationSpec;

    #[test]
    fn line_integral_in_the_angle_matches_the_adaptive_integral() {
        // Same ∫σ dE₊ two ways (they agree to ≈ 1e-6; 1e-5 allowed): adaptive (tolerance 1e-7)
        // and 8-point Gauss–Legendre panels in the
        // Breit–Wigner angle, for a wide (α_D = 0.5, Γ/m ≈ 0.15) and a narrow (α_D = 0.005)
        // dark-photon line, over pieces around and away from E_R.
        for alpha_d in [0.5, 0.1, 0.005] {
            let spec = AnnihilationSpec {
                alpha_d,
                ..AnnihilationSpec::default()
            };
            let r = Resonance::new(0.25, &spec).unwrap();
            for (a, b) in [(0.99, 1.01), (0.9, 1.0), (1.0, 1.3), (0.5, 0.8), (1.5, 2.0)] {
                let (lo, hi) = (a * r.e_res, b * r.e_res);
                let gl = line_integral_cm2_gev(&r, lo, hi);
                let ad = r.integral_cm2_gev(lo, hi);
                assert!(
                    (gl / ad - 1.0).abs() < 1e-5,
                    "α_D = {alpha_d}, [{a}, {b}] E_R: {gl} vs {ad}"
                );
            }
        }
    }
}
