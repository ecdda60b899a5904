//! The one progress bar of the command line, on standard error (hidden with `--quiet`, and by
//! indicatif when standard error is not a terminal).

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar over a count of work items (events, showers, grid points). For the
/// multi-stage pipelines it follows the `(stage, done, total)` reports with [`Progress::stage`].
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar labelled `label` over `total` items; hidden when `quiet`.
    pub fn new(quiet: bool, label: &str, total: u64) -> Self {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(total).with_style(
                ProgressStyle::with_template(
                    "{msg:>16} [{bar:30}] {pos}/{len} [{elapsed} < {eta}]",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
            )
        };
        bar.set_message(label.to_string());
        Self { bar }
    }

    /// A bar for a pipeline that reports its stages through [`Progress::stage`].
    pub fn stages(quiet: bool) -> Self {
        Self::new(quiet, "", 1)
    }

    /// `n` more items done.
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// A `(stage, done, total)` report: a new stage restarts the bar under its name.
    pub fn stage(&self, stage: &str, done: u64, total: u64) {
        if self.bar.message() != stage {
            self.bar.set_message(stage.to_string());
            self.bar.set_length(total);
            self.bar.set_position(0);
        }
        self.bar.set_position(done);
    }

    /// Remove the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    /// A bar abandoned by an error does not stay on the terminal above the error message.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
