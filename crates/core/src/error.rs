//! Formatting of error chains.

/// `err` and every cause below it, joined with ": " (what `anyhow`'s `{:#}` prints), for
/// one-line messages and for tests that look for a cause's text.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cause = c.source();
    }
    s
}
