//! Adaptive refinement of the mass grid (`[masses] refine`, issue 15 item 6): where the observed
//! limit curve bends between grid masses (the resonant-annihilation dip of a dark photon,
//! E_R = m²/2m_e inside the E_A' window), the geometric midpoints of its intervals are added,
//! with yields folded after the run from the track-length spectra of the same showers: one
//! shower run serves any mass (paper 002 eq. 8, [`aprime_shower::fold`]).
//!
//! Criterion: at every interior point i with finite limits at i − 1, i, i + 1, the bend
//! b_i = |ln ε_i − ℓ_i|, ℓ_i the straight line in (ln m, ln ε) through the two neighbours at
//! ln m_i. Where b_i exceeds `tolerance` both intervals of point i are halved in ln m
//! (m = √(m_a m_b)), the largest bends first, unless the interval is already `max_depth`
//! halvings of the configured grid deep; repeated until no interval qualifies or `max_points`
//! masses were added. ε is the observed limit (configured backgrounds and efficiencies, no
//! expected band: [`crate::combine::eps_limit`] with `expected(false)`). The refinement only
//! adds points: the configured grid keeps its yields bit for bit.
//!
//! A refined point's yields, from the run `res` of the grid:
//! - bremsstrahlung (`bremsstrahlung` of [`MassRefinement`]): `interpolate` (the default) ln Y
//!   through the direct estimates of four consecutive grid masses around it, cubic in ln m:
//!   the bremsstrahlung yield is smooth in mass (its ε curve bends ≤ 1.3% per grid interval in
//!   na64-2016-2022, noise included), so this costs nothing and adds no noise of its own; `fold`: [`fold::brem_yield`] with tables built for the new mass
//!   ([`fold::dark_setup_for`], one ETL integration per energy node and element, ≈ 0.3 s CPU a
//!   mass), 0.03–0.18% below the direct estimate of the grid masses (the track-length binning,
//!   docs/limits.md), not corrected;
//! - resonant annihilation: folded as at the grid points
//!   ([`crate::yields::annihilation_at_alpha_d`]), at the configured α_D and every α_D of the
//!   interpretation;
//! - the A' energy spectrum: the annihilation part folded; the bremsstrahlung part interpolated
//!   bin by bin from the grid's bremsstrahlung spectra as the yield is (ln of the content, cubic
//!   in ln m through the same four grid masses) and normalised to the bremsstrahlung yield;
//! - the statistical error: batch means ([`aprime_shower::TrackLengthBatches`]) of the yield
//!   made the same way from every batch: the folded annihilation of its T₊, plus the fold of
//!   its T₋ and T₊ or the interpolation's linear response to the grid's per-batch
//!   bremsstrahlung (δY/Y = Σ w_k δY_k/Y_k); for a run saved without batches (or, for `fold`,
//!   without per-batch T₋), the relative error of the neighbours interpolated.

use aprime_experiment::{BremModel, ExperimentConfig, MassRefinement, RefinedBrem};
use aprime_shower::{AnnihilationSpec, Histogram, MassDark, Resonance, ShowerResult, fold};
use rayon::prelude::*;

use crate::combine;
use crate::error::LimitsError;
use crate::mass_limits::{Overrides, limits_with};
use crate::yield_data::{YieldPoint, YieldSet};
use crate::yields::{
    YieldPlan, folded_annihilation, histogram_integral, yield_set_from, zero_like,
};

impl YieldPlan {
    /// The set of this plan from its shower run `res` (whole, or merged from shards):
    /// [`yield_set_from`], then the refinement of the grid ([`refine`]) if the plan has it. The
    /// one place where both paths make their sets, so that sharded runs refine bit for bit as
    /// one run.
    pub fn set_from(
        &self,
        cfg: &ExperimentConfig,
        res: &ShowerResult,
    ) -> Result<YieldSet, LimitsError> {
        let set = yield_set_from(cfg, self.model, self.annihilation, self.e_min_gev, res)?;
        if self.refined {
            refine(cfg, res, set)
        } else {
            Ok(set)
        }
    }
}

/// A point of the refined grid: its yields, ln of its observed limit (NaN where there is no
/// finite limit) and how many halvings of the configured grid deep it is (0 on the grid).
struct Node {
    point: YieldPoint,
    ln_eps: f64,
    depth: u32,
}

/// The set of a grid run with the refinement of `cfg.masses.refine` (the set itself without
/// it, or with fewer than three masses). `res` is the shower run `set` was made from
/// ([`crate::yields::yield_set_from`]).
pub fn refine(
    cfg: &ExperimentConfig,
    res: &ShowerResult,
    set: YieldSet,
) -> Result<YieldSet, LimitsError> {
    let Some(opts) = cfg.masses.refine else {
        return Ok(set);
    };
    if set.points.len() < 3 {
        return Ok(set);
    }
    let ln_eps = observed_ln_eps(cfg, &set)?;
    let mut nodes: Vec<Node> = set
        .points
        .iter()
        .cloned()
        .zip(ln_eps)
        .map(|(point, ln_eps)| Node {
            point,
            ln_eps,
            depth: 0,
        })
        .collect();
    let folder = Folder::new(cfg, res, &set, opts.bremsstrahlung);
    let mut added = 0;
    while added < opts.max_points {
        let split = intervals_to_split(&nodes, &opts, opts.max_points - added);
        if split.is_empty() {
            break;
        }
        let masses: Vec<f64> = split
            .iter()
            .map(|&j| (nodes[j].point.mass_gev * nodes[j + 1].point.mass_gev).sqrt())
            .collect();
        let neighbours: Vec<(&YieldPoint, &YieldPoint)> = split
            .iter()
            .map(|&j| (&nodes[j].point, &nodes[j + 1].point))
            .collect();
        let added_set = YieldSet {
            points: folder.points(&masses, &neighbours)?,
            model: set.model,
            annihilation: set.annihilation,
            e_min_gev: set.e_min_gev,
            events: set.events,
            seed: set.seed,
        };
        let ln_eps = observed_ln_eps(cfg, &added_set)?;
        let points = added_set.points;
        let depths: Vec<u32> = split
            .iter()
            .map(|&j| nodes[j].depth.max(nodes[j + 1].depth) + 1)
            .collect();
        added += points.len();
        nodes.extend(
            points
                .into_iter()
                .zip(ln_eps)
                .zip(depths)
                .map(|((point, ln_eps), depth)| Node {
                    point,
                    ln_eps,
                    depth,
                }),
        );
        nodes.sort_by(|a, b| a.point.mass_gev.total_cmp(&b.point.mass_gev));
    }
    Ok(YieldSet {
        points: nodes.into_iter().map(|n| n.point).collect(),
        ..set
    })
}

/// The bend of every interior point of `nodes` (NaN where a limit is missing): |ln ε_i − ℓ_i|
/// with ℓ_i the straight line in (ln m, ln ε) through the neighbours (module docs).
pub(crate) fn bends(masses: &[f64], ln_eps: &[f64]) -> Vec<f64> {
    (1..masses.len().saturating_sub(1))
        .map(|i| {
            let (xa, xb, xc) = (masses[i - 1].ln(), masses[i].ln(), masses[i + 1].ln());
            let (ya, yb, yc) = (ln_eps[i - 1], ln_eps[i], ln_eps[i + 1]);
            let t = (xb - xa) / (xc - xa);
            (yb - (ya + t * (yc - ya))).abs()
        })
        .collect()
}

/// The intervals (index of their lower point) to halve next, largest bend first, at most
/// `budget`: both intervals of every interior point bending more than the tolerance, unless
/// `max_depth` halvings deep.
fn intervals_to_split(nodes: &[Node], opts: &MassRefinement, budget: usize) -> Vec<usize> {
    let masses: Vec<f64> = nodes.iter().map(|n| n.point.mass_gev).collect();
    let ln_eps: Vec<f64> = nodes.iter().map(|n| n.ln_eps).collect();
    // Largest bend of the two points at the ends of each interval.
    let mut score = vec![0.0_f64; nodes.len().saturating_sub(1)];
    for (k, b) in bends(&masses, &ln_eps).into_iter().enumerate() {
        // Interior point i = k + 1: its intervals are k and k + 1. NaN (no limit) never splits.
        if b > opts.tolerance {
            for j in [k, k + 1] {
                score[j] = score[j].max(b);
            }
        }
    }
    let mut split: Vec<usize> = (0..score.len())
        .filter(|&j| score[j] > 0.0 && nodes[j].depth.max(nodes[j + 1].depth) < opts.max_depth)
        .collect();
    // Largest bend first, ties by mass: the same order for any thread count.
    split.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    split.truncate(budget);
    split.sort_unstable();
    split
}

/// ln of the observed limit at every point of `set` (NaN where it is not finite): the report's
/// limits ([`limits_with`]) without the expected band.
fn observed_ln_eps(cfg: &ExperimentConfig, set: &YieldSet) -> Result<Vec<f64>, LimitsError> {
    let settings = combine::settings(cfg).expected(false);
    Ok(
        limits_with(cfg, set, &Overrides::default(), None, &settings)?
            .iter()
            .map(|l| {
                let eps = l.limit.observed;
                if eps.is_finite() && eps > 0.0 {
                    eps.ln()
                } else {
                    f64::NAN
                }
            })
            .collect(),
    )
}

/// What the yields of refined points are made from: the run, the grid's set and its settings.
struct Folder<'a> {
    cfg: &'a ExperimentConfig,
    res: &'a ShowerResult,
    model: BremModel,
    annihilation: bool,
    e_min: f64,
    brem: RefinedBrem,
    /// The configured grid (in the order of `res.dark`).
    grid: Vec<YieldPoint>,
}

impl<'a> Folder<'a> {
    fn new(
        cfg: &'a ExperimentConfig,
        res: &'a ShowerResult,
        set: &YieldSet,
        brem: RefinedBrem,
    ) -> Self {
        Self {
            cfg,
            res,
            model: set.model,
            annihilation: set.annihilation,
            e_min: set.e_min_gev,
            brem,
            grid: set.points.clone(),
        }
    }

    /// Lagrange weights in ln m of the four consecutive grid points around `mass` (one-sided
    /// at the ends of the grid): indices and weights of the cubic through them; linear between
    /// the two bracketing points for a grid of three masses or where one of the four has no
    /// bremsstrahlung yield.
    fn interpolation(&self, mass: f64) -> Vec<(usize, f64)> {
        let n = self.grid.len();
        let i = self
            .grid
            .partition_point(|p| p.mass_gev <= mass)
            .clamp(1, n - 1);
        // Four consecutive grid points around the mass (one-sided at the ends of the grid).
        let start = (i.saturating_sub(2)).min(n.saturating_sub(4));
        let idx: Vec<usize> = if n >= 4 && (start..start + 4).all(|k| self.grid[k].brem > 0.0) {
            (start..start + 4).collect()
        } else {
            vec![i - 1, i]
        };
        let x = mass.ln();
        idx.iter()
            .map(|&k| {
                let xk = self.grid[k].mass_gev.ln();
                let w = idx
                    .iter()
                    .filter(|&&j| j != k)
                    .map(|&j| {
                        let xj = self.grid[j].mass_gev.ln();
                        (x - xj) / (xk - xj)
                    })
                    .product::<f64>();
                (k, w)
            })
            .collect()
    }

    /// The bremsstrahlung yield at `mass` interpolated from the grid (ln Y in ln m) and, per
    /// batch, its linear response to the grid's batch values (δY/Y = Σ w_k δY_k/Y_k).
    fn interpolated_brem(&self, mass: f64) -> (f64, Option<Vec<f64>>) {
        let w = self.interpolation(mass);
        if w.iter()
            .any(|&(k, _)| self.grid[k].brem.is_nan() || self.grid[k].brem <= 0.0)
        {
            return (0.0, None);
        }
        let ln_y: f64 = w.iter().map(|&(k, wk)| wk * self.grid[k].brem.ln()).sum();
        let y = ln_y.exp();
        let batches = self.res.batches.as_ref().map(|b| {
            b.brem
                .iter()
                .map(|v| {
                    y * w
                        .iter()
                        .map(|&(k, wk)| wk * v[k] / self.grid[k].brem)
                        .sum::<f64>()
                })
                .collect()
        });
        (y, batches)
    }

    /// The bremsstrahlung spectrum at `mass`: every bin of the grid's bremsstrahlung spectra
    /// interpolated as the yield is ([`Self::interpolation`]: ln of the bin content, cubic in
    /// ln m; linear in the content where a bin is empty at one of the points), normalised to
    /// `brem`.
    fn brem_spectrum(&self, mass: f64, brem: f64) -> Histogram {
        let w = self.interpolation(mass);
        let spectra: Option<Vec<Histogram>> = w
            .iter()
            .map(|&(k, _)| self.grid[k].without_annihilation().map(|p| p.spectrum))
            .collect();
        let Some(spectra) = spectra else {
            return zero_like(&self.grid[0].spectrum);
        };
        let bin = |values: Vec<f64>| -> f64 {
            if values.iter().all(|v| *v > 0.0) {
                w.iter()
                    .zip(&values)
                    .map(|((_, wk), v)| wk * v.ln())
                    .sum::<f64>()
                    .exp()
            } else {
                w.iter()
                    .zip(&values)
                    .map(|((_, wk), v)| wk * v)
                    .sum::<f64>()
                    .max(0.0)
            }
        };
        let mut h = Histogram {
            edges: spectra[0].edges.clone(),
            values: (0..spectra[0].values.len())
                .map(|i| bin(spectra.iter().map(|s| s.values[i]).collect()))
                .collect(),
            overflow: bin(spectra.iter().map(|s| s.overflow).collect()),
        };
        let norm = histogram_integral(&h);
        let scale = if norm > 0.0 { brem / norm } else { 0.0 };
        h.values.iter_mut().for_each(|v| *v *= scale);
        h.overflow *= scale;
        h
    }

    /// The yield points of `masses`, each between the two points of `neighbours`.
    fn points(
        &self,
        masses: &[f64],
        neighbours: &[(&YieldPoint, &YieldPoint)],
    ) -> Result<Vec<YieldPoint>, LimitsError> {
        let setup = if self.model != BremModel::Off && self.brem == RefinedBrem::Fold {
            Some(fold::dark_setup_for(self.res, masses).map_err(LimitsError::Refinement)?)
        } else {
            None
        };
        masses
            .par_iter()
            .enumerate()
            .map(|(k, &m)| {
                let md = setup.as_ref().map(|s| &s.masses[k]);
                self.point(m, md, neighbours[k])
            })
            .collect()
    }

    fn point(
        &self,
        mass: f64,
        md: Option<&MassDark>,
        (lo, hi): (&YieldPoint, &YieldPoint),
    ) -> Result<YieldPoint, LimitsError> {
        let (brem, brem_batches) = match (md, self.model) {
            (_, BremModel::Off) => (0.0, None),
            (Some(md), _) => (
                fold::brem_yield(self.res, md),
                Some(fold::brem_batches(self.res, md)),
            ),
            (None, _) => self.interpolated_brem(mass),
        };
        let (ann, ann_spectrum, by_alpha) =
            folded_annihilation(self.res, self.cfg, mass, self.annihilation)?;
        let t = (mass / lo.mass_gev).ln() / (hi.mass_gev / lo.mass_gev).ln();
        let mut spectrum = self.brem_spectrum(mass, brem);
        if let Some(a) = &ann_spectrum {
            for (v, x) in spectrum.values.iter_mut().zip(&a.values) {
                *v += x;
            }
            spectrum.overflow += a.overflow;
        }
        let total = brem + ann;
        let rel = |p: &YieldPoint| {
            if p.yield_per_eot_per_eps2 > 0.0 {
                p.stat_error / p.yield_per_eot_per_eps2
            } else {
                0.0
            }
        };
        let stat_error = self
            .batch_error(mass, brem_batches)?
            .unwrap_or_else(|| total * (rel(lo) + t * (rel(hi) - rel(lo))));
        Ok(YieldPoint {
            mass_gev: mass,
            yield_per_eot_per_eps2: total,
            stat_error,
            brem,
            annihilation: ann,
            spectrum,
            spectrum_annihilation: ann_spectrum,
            annihilation_by_alpha_d: by_alpha,
            refined: true,
        })
    }

    /// Batch-means error of the yield (module docs) from the per-batch bremsstrahlung values
    /// `brem` (`None`: no bremsstrahlung); `None` if the run kept no batches (or no per-batch
    /// T₋ for a fold).
    fn batch_error(&self, mass: f64, brem: Option<Vec<f64>>) -> Result<Option<f64>, LimitsError> {
        let Some(b) = &self.res.batches else {
            return Ok(None);
        };
        let mut per_batch = vec![0.0; b.events.len()];
        if self.model != BremModel::Off {
            let Some(brem) = brem.filter(|v| v.len() == per_batch.len()) else {
                return Ok(None);
            };
            for (y, v) in per_batch.iter_mut().zip(brem) {
                *y += v;
            }
        }
        let spec: Option<AnnihilationSpec> = self.res.config.dark.as_ref().map(|d| d.annihilation);
        if let Some(spec) = spec.filter(|_| self.annihilation) {
            let r = Resonance::for_model(mass, self.cfg.production.model, &spec)
                .map_err(LimitsError::Refinement)?;
            let ann = fold::annihilation_batches(self.res, &r, self.e_min);
            for (y, v) in per_batch.iter_mut().zip(ann) {
                *y += v;
            }
        }
        Ok(Some(b.mean_error(&per_batch)))
    }
}
