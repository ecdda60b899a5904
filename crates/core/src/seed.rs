//! Seeds and the salts of derived random streams.
//!
//! Every Monte Carlo in aprime is keyed by one user seed ([`DEFAULT_SEED`] unless given). Streams
//! that must not overlap derive their keys from the seed and a named salt of [`salt`] with
//! [`crate::rng::mix`], so that numbers can be reproduced from the documentation alone and a new
//! stream never reuses another's key by accident.

/// The seed used when none is given, by every command and configuration.
pub const DEFAULT_SEED: u64 = 1;

/// Named salts of the derived random streams (one constant per purpose; never reuse a value).
pub mod salt {
    /// Dark-sector sampling of a shower particle: key `mix(particle key, DARK)`.
    pub const DARK: u64 = 0xDA4C_0A11_5EED_0001;
    /// The detector's library of full beam-energy showers: event keys `mix(seed ^ SHOWER_LIBRARY, i)`.
    pub const SHOWER_LIBRARY: u64 = 0x11B4_A4E5_0000_0001;
    /// The detector's photon-spectrum shower run: seed `seed ^ PHOTON_SPECTRUM`.
    pub const PHOTON_SPECTRUM: u64 = 0x9407_0000_0000_0001;
    /// The detector's signal replays (forced A' emission): seed `seed ^ SIGNAL_REPLAYS`.
    pub const SIGNAL_REPLAYS: u64 = 0x5161_0000_0000_0001;
    /// Per-event stream of a detector work unit: key `mix(unit key, i)` then `mix(·, DETECTOR_EVENT)`.
    pub const DETECTOR_EVENT: u64 = 0x5EED;
    /// Energy of the beam particle of a shower event with an energy spread: key
    /// `mix(event key, BEAM_ENERGY)`.
    pub const BEAM_ENERGY: u64 = 0xBEA3_E0E0_0000_0001;
    /// Hard-photon copies at a bremsstrahlung vertex of a shower (variance reduction of the
    /// track-length spectra): key `mix(mix(lepton key, HARD_PHOTON_COPIES), vertex)`.
    pub const HARD_PHOTON_COPIES: u64 = 0x4A2D_C0B1_E500_0001;
}
