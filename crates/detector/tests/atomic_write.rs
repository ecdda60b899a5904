//! Atomic event-file writing: an unfinished or failed write leaves the previous file intact and
//! no complete-looking file behind.

use aprime_detector::Process;
use aprime_detector::io::{self, EventWriter, Metadata};

fn events(n: usize, process: Process) -> Vec<aprime_detector::Event> {
    (0..n)
        .map(|i| {
            let mut e = io::blank_event();
            e.event = i as u64;
            e.process = process;
            e
        })
        .collect()
}

fn has_event_extension(f: &str) -> bool {
    let ext = std::path::Path::new(f)
        .extension()
        .map(std::ffi::OsStr::to_ascii_lowercase);
    ext.is_some_and(|e| e == "parquet" || e == "csv")
}

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn abandoned_writer_leaves_old_file_and_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["ev.parquet", "ev.csv"] {
        let p = dir.path().join(name);
        io::write_events(&p, &events(10, Process::Dimuon), &Metadata::default()).unwrap();
        let before = std::fs::read(&p).unwrap();
        {
            let mut w = EventWriter::create(&p, None, &Metadata::default()).unwrap();
            w.write(&events(100_000, Process::Signal)).unwrap();
            // While writing, the destination is still the old file and the temporary file
            // does not end in .parquet/.csv.
            assert_eq!(std::fs::read(&p).unwrap(), before);
            for f in listing(dir.path()) {
                if f.contains("partial") {
                    assert!(f.starts_with('.') && !has_event_extension(&f));
                }
            }
            // Dropped without finish(): a crash or an error in the simulation.
        }
        assert_eq!(std::fs::read(&p).unwrap(), before, "{name}");
        let (ev, _) = io::read_events(&p).unwrap();
        assert!(ev.iter().all(|e| e.process == Process::Dimuon));
    }
    assert!(
        listing(dir.path()).iter().all(|f| !f.contains("partial")),
        "{:?}",
        listing(dir.path())
    );
}

#[test]
fn failing_write_keeps_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ev.parquet");
    io::write_events(&p, &events(5, Process::Upstream), &Metadata::default()).unwrap();
    let before = std::fs::read(&p).unwrap();
    // Writing into a directory that does not exist fails before anything is touched.
    let q = dir.path().join("no/such/dir/ev.parquet");
    assert!(io::write_events(&q, &events(5, Process::Signal), &Metadata::default()).is_err());
    // Destination is a directory: the rename fails, the temporary file is cleaned up.
    let d = dir.path().join("adir.parquet");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("x"), "keep").unwrap();
    assert!(io::write_events(&d, &events(5, Process::Signal), &Metadata::default()).is_err());
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert!(listing(dir.path()).iter().all(|f| !f.contains("partial")));
}

#[test]
fn finished_write_replaces_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("ev.parquet");
    io::write_events(&p, &events(5, Process::Upstream), &Metadata::default()).unwrap();
    io::write_events(&p, &events(7, Process::Signal), &Metadata::default()).unwrap();
    let (ev, _) = io::read_events(&p).unwrap();
    assert_eq!(ev.len(), 7);
    assert_eq!(listing(dir.path()), ["ev.parquet"]);
}
