//! The workspace follows the pipeline (issue 9): every crate depends only on crates of earlier
//! stages (the statistics engine stands apart: it needs only the shared notions of stage 0 and
//! any later stage may use it), and no crate has a circle of module imports. Read from the sources, so it runs without cargo or a network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Pipeline stage of every workspace crate (DEVELOPERS guide, "The system").
const STAGES: &[(&str, u32)] = &[
    ("aprime-core", 0),
    ("aprime-stats", 1),
    ("aprime-physics", 1),
    ("aprime-shower", 2),
    ("aprime-experiment", 3),
    ("aprime-detector", 4),
    ("aprime-analysis", 5),
    ("aprime-limits", 6),
    ("aprime-report", 7),
    ("aprime-cli", 8),
    ("aprime-python", 8),
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `aprime-*` dependencies of a manifest, dev-dependencies included.
fn aprime_deps(manifest: &str) -> BTreeSet<String> {
    let mut deps = BTreeSet::new();
    let mut in_deps = false;
    for line in manifest.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_deps = l.contains("dependencies");
            continue;
        }
        if in_deps
            && let Some(name) = l.split(['.', ' ', '=']).next()
            && name.starts_with("aprime-")
        {
            deps.insert(name.to_string());
        }
    }
    deps
}

fn package_name(manifest: &str) -> String {
    manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("name = \""))
        .and_then(|r| r.strip_suffix('"'))
        .expect("a package name")
        .to_string()
}

#[test]
fn no_crate_depends_on_a_later_stage() {
    let stage: BTreeMap<&str, u32> = STAGES.iter().copied().collect();
    let mut seen = 0;
    for entry in std::fs::read_dir(crates_dir()).unwrap() {
        let manifest = entry.unwrap().path().join("Cargo.toml");
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let name = package_name(&text);
        let own = *stage
            .get(name.as_str())
            .unwrap_or_else(|| panic!("{name}: give the new crate a stage in STAGES"));
        for dep in aprime_deps(&text) {
            let s = stage[dep.as_str()];
            assert!(s < own, "{name} (stage {own}) depends on {dep} (stage {s})");
        }
        seen += 1;
    }
    assert!(seen >= 10, "found only {seen} crates");
    // The acceptance in so many words.
    for c in ["detector", "analysis"] {
        let text = std::fs::read_to_string(crates_dir().join(c).join("Cargo.toml")).unwrap();
        assert!(
            !aprime_deps(&text).contains("aprime-limits"),
            "{c} uses the limits crate"
        );
    }
}

/// Top-level module of a `crate::a::b` path.
fn module_imports(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in src.match_indices("crate::") {
        let rest = &src[i + 7..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
        // `use crate::{a, b::c}` groups.
        if rest.starts_with('{') {
            let group = &rest[1..rest.find('}').unwrap_or(rest.len())];
            for part in group.split(',') {
                let n: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !n.is_empty() {
                    out.insert(n);
                }
            }
        }
    }
    out
}

/// Modules (top-level files or directories under src/) and what they import from the crate.
fn module_graph(src_dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src_dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = p.strip_prefix(src_dir).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string();
            if top == "lib" || top == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // Test modules may reach anywhere; comments (doc links) are not imports.
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            let imports = module_imports(&code);
            let entry = g.entry(top.clone()).or_default();
            entry.extend(imports.into_iter().filter(|m| *m != top));
        }
    }
    g
}

fn find_cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            if !g.contains_key(m) {
                continue;
            }
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|x| x == m).unwrap();
                    let mut c = path[start..].to_vec();
                    c.push(m.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(m, g, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut path = Vec::new();
            if let Some(c) = visit(n, g, &mut state, &mut path) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_module_import_circles() {
    let mut circles = Vec::new();
    for entry in std::fs::read_dir(crates_dir()).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        if let Some(c) = find_cycle(&module_graph(&src)) {
            circles.push(format!("{}: {}", src.display(), c.join(" → ")));
        }
    }
    assert!(
        circles.is_empty(),
        "module import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert!(find_cycle(&g).is_some());
    let mut acyclic = g.clone();
    acyclic.get_mut("c").unwrap().clear();
    assert!(find_cycle(&acyclic).is_none());
    assert_eq!(
        module_imports("use crate::{a::X, b};\nuse crate::c::d;"),
        ["a", "b", "c"].into_iter().map(String::from).collect()
    );
}
