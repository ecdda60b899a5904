//! The DMG4 reference numbers for lead (physics.md §2): the ETL test table and the tabulated
//! k-factors. Published numbers, kept once: the ETL tests and `aprime validate` compare with them.

/// DMG4 ETL test table (physics.md §2): σ for Pb per atom \[pb\] at ε = 10⁻⁴, at
/// E0 = [`ETL_ENERGIES_GEV`]; ×10⁸ for ε = 1.
pub const DMG4_ETL_PB: [(f64, [f64; 4]); 8] = [
    (0.002, [90711.9, 91179.7, 91284.1, 91397.1]),
    (0.010, [7994.97, 8390.31, 8486.30, 8544.49]),
    (0.020, [2253.41, 2540.82, 2620.75, 2671.91]),
    (0.050, [322.708, 425.523, 466.909, 498.221]),
    (0.100, [61.7703, 91.5764, 106.040, 119.076]),
    (0.200, [9.75603, 16.9238, 20.7077, 24.3661]),
    (0.500, [0.496444, 1.29251, 1.79844, 2.32613]),
    (1.000, [0.0191653, 0.111200, 0.191974, 0.288934]),
];

/// Beam energies of the DMG4 ETL table \[GeV\].
pub const ETL_ENERGIES_GEV: [f64; 4] = [20.0, 60.0, 100.0, 160.0];

/// DMG4's tabulated k = σ_WW/σ_ETL on Pb at E0 = 100 GeV (physics.md §2), (m \[GeV\], k).
pub const DMG4_K_100GEV: [(f64, f64); 9] = [
    (0.001, 0.605),
    (0.002, 0.832),
    (0.010, 1.083),
    (0.020, 1.200),
    (0.050, 1.443),
    (0.100, 1.651),
    (0.200, 1.888),
    (0.500, 1.922),
    (1.000, 2.144),
];
