//! UTC time stamps for submission names and attempts (civil date from the Unix day number:
//! H. Hinnant, "chrono-compatible low-level date algorithms", `civil_from_days`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now as (`2024-05-01T12:00:00Z`, `20240501-120000`).
pub fn utc_now() -> (String, String) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc(secs)
}

/// A Unix time \[s\] as (ISO 8601, compact) UTC stamps.
fn utc(secs: u64) -> (String, String) {
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    let (hh, mm, ss) = (rest / 3600, rest % 3600 / 60, rest % 60);
    (
        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z"),
        format!("{y:04}{m:02}{d:02}-{hh:02}{mm:02}{ss:02}"),
    )
}

/// (year, month, day) of a day number counted from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(utc(0).0, "1970-01-01T00:00:00Z");
        // 2024-02-29 12:34:56 UTC = 1709210096 s (a leap day).
        assert_eq!(
            utc(1_709_210_096),
            ("2024-02-29T12:34:56Z".into(), "20240229-123456".into())
        );
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
