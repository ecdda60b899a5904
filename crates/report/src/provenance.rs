//! Where an output directory came from: the aprime version and git commit it was built from,
//! the command line, the seeds and the time each stage took. Written into `manifest.json` and
//! shown on `report.html`.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

/// Version of aprime (the workspace version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Git commit aprime was built from (`git rev-parse HEAD` at build time), or "unknown".
pub const GIT_COMMIT: &str = env!("APRIME_GIT_COMMIT");

/// Provenance of one output directory.
#[derive(Debug, Clone)]
pub struct Provenance {
    /// The subcommand, e.g. "aprime run".
    pub command: String,
    /// The full command line (program and arguments).
    pub command_line: Vec<String>,
    /// Named seeds, e.g. ("shower simulation", 1).
    pub seeds: Vec<(String, u64)>,
    /// Named stage durations \[s\], in the order they ran.
    pub timings_s: Vec<(String, f64)>,
    /// Further settings worth recording (name, value), e.g. ("yields file", "out/yields.json").
    pub details: Vec<(String, Value)>,
    /// When the command started (wall clock).
    pub started: SystemTime,
    /// When the command started (monotonic, for the total time).
    started_at: Instant,
}

impl Provenance {
    /// Provenance of `command` started at `started_at` (the command line is this process's).
    pub fn new(command: impl Into<String>, started_at: Instant) -> Self {
        let started = SystemTime::now()
            .checked_sub(started_at.elapsed())
            .unwrap_or_else(SystemTime::now);
        Self {
            command: command.into(),
            command_line: std::env::args().collect(),
            seeds: Vec::new(),
            timings_s: Vec::new(),
            details: Vec::new(),
            started,
            started_at,
        }
    }

    /// Record a seed.
    #[must_use]
    pub fn seed(mut self, name: impl Into<String>, seed: u64) -> Self {
        self.seeds.push((name.into(), seed));
        self
    }

    /// Record how long a stage took \[s\].
    #[must_use]
    pub fn timing(mut self, stage: impl Into<String>, seconds: f64) -> Self {
        self.timings_s.push((stage.into(), seconds));
        self
    }

    /// Record another setting.
    #[must_use]
    pub fn detail(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.details.push((name.into(), value.into()));
        self
    }

    /// Seconds since the command started.
    pub fn elapsed_s(&self) -> f64 {
        self.started_at.elapsed().as_secs_f64()
    }

    /// The command line as one shell-like line (arguments with spaces or quotes quoted).
    pub fn command_line_text(&self) -> String {
        self.command_line
            .iter()
            .map(|a| shell_quote(a))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Start time as UTC, ISO 8601 to the second.
    pub fn started_utc(&self) -> String {
        let secs = self
            .started
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        utc_iso8601(secs)
    }

    /// The manifest entries: `command`, `command_line`, `version`, `git_commit`, `started_utc`,
    /// `seeds`, `timings_s`, every detail, and `seconds` (total so far).
    pub fn manifest_json(&self) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("command".into(), json!(self.command));
        m.insert("command_line".into(), json!(self.command_line));
        m.insert("version".into(), json!(VERSION));
        m.insert("git_commit".into(), json!(GIT_COMMIT));
        m.insert("started_utc".into(), json!(self.started_utc()));
        let seeds: serde_json::Map<String, Value> = self
            .seeds
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        m.insert("seeds".into(), Value::Object(seeds));
        let timings: serde_json::Map<String, Value> = self
            .timings_s
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        m.insert("timings_s".into(), Value::Object(timings));
        for (k, v) in &self.details {
            m.insert(k.clone(), v.clone());
        }
        m.insert("seconds".into(), json!(self.elapsed_s()));
        Value::Object(m)
    }
}

fn shell_quote(a: &str) -> String {
    let plain = !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,+@%".contains(c));
    if plain {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

/// Seconds since 1970-01-01 UTC as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian calendar; days
/// to civil date after H. Hinnant's `civil_from_days`).
fn utc_iso8601(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_are_civil_dates() {
        assert_eq!(utc_iso8601(0), "1970-01-01T00:00:00Z");
        // 2000-02-29 (leap day of a century leap year) 12:34:56 UTC = 951827696 s.
        assert_eq!(utc_iso8601(951_827_696), "2000-02-29T12:34:56Z");
        // 2024-12-31T23:59:59Z = 1735689599 s.
        assert_eq!(utc_iso8601(1_735_689_599), "2024-12-31T23:59:59Z");
    }

    #[test]
    fn command_lines_are_quoted_for_a_shell() {
        let mut p = Provenance::new("aprime run", Instant::now());
        p.command_line = vec![
            "aprime".into(),
            "--out".into(),
            "my dir".into(),
            "it's".into(),
        ];
        assert_eq!(p.command_line_text(), "aprime --out 'my dir' 'it'\\''s'");
        let m = p.seed("toys", 7).timing("yields", 1.5).manifest_json();
        assert_eq!(m["seeds"]["toys"], 7);
        assert_eq!(m["timings_s"]["yields"], 1.5);
        assert_eq!(m["version"], VERSION);
        assert!(!GIT_COMMIT.is_empty());
    }
}
