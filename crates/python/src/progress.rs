//! Progress of long calls, only when asked: `progress=True` writes one updating line to
//! Python's `sys.stderr` (which a notebook shows under the cell), a callable receives
//! `(stage, done, total)`. Reports come from worker threads while the call runs without the
//! GIL; each attaches to the interpreter briefly, at most every 0.2 s per stage.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// Shortest interval between two reports of the same stage.
const INTERVAL: Duration = Duration::from_millis(200);

/// Where progress goes.
enum Sink {
    /// Nowhere.
    Off,
    /// A line on `sys.stderr`.
    Stderr,
    /// `callback(stage, done, total)`.
    Callback(Py<PyAny>),
}

/// The stage last reported and when.
struct Last {
    stage: String,
    at: Instant,
}

/// A progress reporter shared by the worker threads of one call.
pub struct Reporter {
    sink: Sink,
    last: Mutex<Option<Last>>,
    /// The first exception raised by a callback, re-raised when the call ends.
    failure: Mutex<Option<PyErr>>,
}

impl Reporter {
    /// From the `progress` argument: `False`/`None`, `True`, or a callable.
    pub fn from_arg(arg: &Bound<'_, PyAny>) -> PyResult<Self> {
        let sink = if arg.is_none() {
            Sink::Off
        } else if let Ok(flag) = arg.extract::<bool>() {
            if flag { Sink::Stderr } else { Sink::Off }
        } else if arg.is_callable() {
            Sink::Callback(arg.clone().unbind())
        } else {
            return Err(PyTypeError::new_err(
                "progress: expected True, False or a callable (stage, done, total)",
            ));
        };
        Ok(Self {
            sink,
            last: Mutex::new(None),
            failure: Mutex::new(None),
        })
    }

    /// Whether anything is reported.
    pub fn is_on(&self) -> bool {
        !matches!(self.sink, Sink::Off)
    }

    /// Report `done` of `total` in `stage` (throttled; the last step of a stage always goes
    /// through).
    pub fn report(&self, stage: &str, done: u64, total: u64) {
        if !self.is_on() {
            return;
        }
        {
            let mut last = self.last.lock().unwrap_or_else(PoisonError::into_inner);
            let now = Instant::now();
            let due = match last.as_ref() {
                Some(l) => l.stage != stage || done >= total || now - l.at >= INTERVAL,
                None => true,
            };
            if !due {
                return;
            }
            *last = Some(Last {
                stage: stage.to_string(),
                at: now,
            });
        }
        Python::attach(|py| {
            let result = match &self.sink {
                Sink::Off => Ok(()),
                Sink::Stderr => write_line(py, stage, done, total),
                Sink::Callback(f) => f.call1(py, (stage, done, total)).map(drop),
            };
            if let Err(e) = result {
                let mut failure = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
                failure.get_or_insert(e);
            }
        });
    }

    /// End of the call: finish the stderr line, re-raise a callback's exception.
    pub fn finish(self, py: Python<'_>) -> PyResult<()> {
        let reported = self
            .last
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some();
        if matches!(self.sink, Sink::Stderr) && reported {
            let sys = py.import("sys")?;
            sys.getattr("stderr")?.call_method1("write", ("\n",))?;
        }
        self.failure
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
            .map_or(Ok(()), Err)
    }
}

/// `\r{stage}: done/total (pct %)` on `sys.stderr`.
fn write_line(py: Python<'_>, stage: &str, done: u64, total: u64) -> PyResult<()> {
    let pct = if total > 0 {
        100.0 * done as f64 / total as f64
    } else {
        100.0
    };
    let stderr = py.import("sys")?.getattr("stderr")?;
    stderr.call_method1(
        "write",
        (format!("\r{stage}: {done}/{total} ({pct:.0} %)   "),),
    )?;
    stderr.call_method0("flush")?;
    Ok(())
}
