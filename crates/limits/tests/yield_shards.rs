//! The yields of a report computed in shards and merged are bitwise those of the unsharded
//! run (issue 13: "the merged result is bit-for-bit the one-machine result for the same seed"),
//! and a missing or foreign shard is named.

use aprime_experiment::presets;
use aprime_limits::{
    LimitsError, YieldShardsError, YieldsShard, compute_yields, merge_yields_shards, yields_shard,
};

/// na64-2016 at reduced statistics: 600 showers = 3 chunks of 256, so 4 shards leave one
/// shard without events (it must still merge).
fn config() -> aprime_experiment::ExperimentConfig {
    let mut cfg = presets::load("na64-2016").unwrap();
    cfg.simulation.events = 600;
    cfg.simulation.seed = 11;
    cfg.masses.values_gev = vec![0.01, 0.1];
    cfg
}

/// A shard as the cluster passes it on: written to JSON and read back.
fn through_json(s: &YieldsShard) -> YieldsShard {
    serde_json::from_str(&serde_json::to_string(s).unwrap()).unwrap()
}

#[test]
fn merged_shards_are_the_unsharded_yields_bit_for_bit() {
    let cfg = config();
    let whole = compute_yields(&cfg, None).unwrap();
    for of in [1, 4] {
        // Any order of the shards.
        let shards: Vec<YieldsShard> = (0..of)
            .rev()
            .map(|k| through_json(&yields_shard(&cfg, k, of, None).unwrap()))
            .collect();
        let merged = merge_yields_shards(shards).unwrap();
        assert_eq!(merged, whole, "{of} shards");
        assert_eq!(
            serde_json::to_string(&merged).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
    }
}

#[test]
fn a_model_without_table_v_merges_to_its_unsharded_yields() {
    // Paper 002 Table V is a dark-photon table: a scalar run simulates only its mass grid, and
    // its shards carry one set; merged they are still the single run bit for bit.
    let mut cfg = config();
    cfg.production.model = aprime_physics::model::Mediator::Scalar;
    let whole = compute_yields(&cfg, None).unwrap();
    assert!(whole.table_v_etl.points.is_empty() && whole.table_v_ww.events == 0);
    let shards: Vec<YieldsShard> = (0..3)
        .map(|k| through_json(&yields_shard(&cfg, k, 3, None).unwrap()))
        .collect();
    assert!(shards.iter().all(|s| s.parts.len() == 1));
    let merged = merge_yields_shards(shards).unwrap();
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&whole).unwrap()
    );
}

#[test]
fn missing_and_foreign_shards_are_named() {
    let cfg = config();
    let s0 = yields_shard(&cfg, 0, 3, None).unwrap();
    let s2 = yields_shard(&cfg, 2, 3, None).unwrap();
    match merge_yields_shards(vec![s0.clone(), s2.clone()]) {
        Err(LimitsError::YieldShards(YieldShardsError::Missing { shard: 1, of: 3 })) => {}
        other => panic!("expected shard 1 of 3 missing, got {other:?}"),
    }
    match merge_yields_shards(vec![s0.clone(), s0.clone()]) {
        Err(LimitsError::YieldShards(YieldShardsError::Duplicate { shard: 0, of: 3 })) => {}
        other => panic!("expected a duplicate shard 0, got {other:?}"),
    }
    let mut other_seed = s2;
    other_seed.config.simulation.seed += 1;
    let e = merge_yields_shards(vec![s0, other_seed]).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("shard 2 of 3 comes from a different run"),
        "{e}"
    );
}
