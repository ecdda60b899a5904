//! The README is the entry page (issue 9, item 5): its command table lists exactly the
//! subcommands of `aprime --help`, its first code block holds the two set-up commands, it stays
//! small, and every relative link in it and in `docs/*.md` points to a file that exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Upper bound on the README's size (issue 9: "at most ~15 KB").
const README_MAX_BYTES: usize = 16 * 1024;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Subcommand names listed under `Commands:` in `aprime --help` (clap's own `help` left out).
fn help_subcommands() -> BTreeSet<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_aprime"))
        .arg("--help")
        .output()
        .expect("aprime runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut names = BTreeSet::new();
    let mut in_commands = false;
    for line in text.lines() {
        if line.trim_end() == "Commands:" {
            in_commands = true;
            continue;
        }
        if !in_commands {
            continue;
        }
        if line.trim().is_empty() {
            break;
        }
        // A command line is indented by two spaces; its wrapped description by more.
        let indent = line.len() - line.trim_start().len();
        if indent == 2 {
            let name = line.split_whitespace().next().unwrap().to_string();
            if name != "help" {
                names.insert(name);
            }
        }
    }
    assert!(names.len() >= 10, "parsed only {names:?} from:\n{text}");
    names
}

/// Subcommands in the README's command table: rows whose first cell is `` `aprime NAME` ``.
fn readme_table_subcommands(readme: &str) -> Vec<String> {
    readme
        .lines()
        .filter_map(|l| l.strip_prefix("| `aprime "))
        .filter_map(|rest| rest.split(['`', ' ']).next())
        .map(String::from)
        .collect()
}

#[test]
fn command_table_lists_every_subcommand_exactly_once() {
    let readme = read(&repo().join("README.md"));
    let rows = readme_table_subcommands(&readme);
    let listed: BTreeSet<String> = rows.iter().cloned().collect();
    assert_eq!(
        rows.len(),
        listed.len(),
        "a command is listed twice: {rows:?}"
    );
    let help = help_subcommands();
    let missing: Vec<_> = help.difference(&listed).collect();
    let extra: Vec<_> = listed.difference(&help).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README command table: missing {missing:?}, not a subcommand {extra:?}"
    );
}

#[test]
fn first_code_block_holds_the_two_set_up_commands() {
    let readme = read(&repo().join("README.md"));
    let block: Vec<&str> = readme
        .lines()
        .skip_while(|l| !l.starts_with("```"))
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .collect();
    let block = block.join("\n");
    for cmd in ["cargo run --release -- run", "bash scripts/test.sh"] {
        assert!(
            block.contains(cmd),
            "first code block lacks `{cmd}`:\n{block}"
        );
    }
}

#[test]
fn readme_stays_an_entry_page() {
    let n = read(&repo().join("README.md")).len();
    assert!(
        n <= README_MAX_BYTES,
        "README.md is {n} bytes (at most {README_MAX_BYTES}): move detail to docs/"
    );
}

/// Targets of Markdown links and images `[text](target)` outside code blocks and code spans.
fn link_targets(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // Text outside `code spans`: the even-numbered pieces between backticks.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let end = after.find(')').unwrap_or(after.len());
            targets.push(after[..end].trim().to_string());
            rest = &after[end..];
        }
    }
    targets
}

#[test]
fn relative_links_point_to_existing_files() {
    let root = repo();
    let mut files = vec![root.join("README.md"), root.join("DEVELOPERS.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 8, "docs/: {docs:?}");
    files.extend(docs);
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in &files {
        let dir = file.parent().unwrap();
        for target in link_targets(&read(file)) {
            if target.is_empty()
                || target.starts_with('#')
                || target.contains("://")
                || target.starts_with("mailto:")
            {
                continue;
            }
            let path = target.split('#').next().unwrap();
            checked += 1;
            if !dir.join(path).exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    assert!(checked >= 20, "only {checked} relative links found");
}

#[test]
fn link_parser_finds_links_and_skips_code() {
    let md = "see [a](docs/a.md#x) and ![p](p.png)\n`[no](code.md)`\n```\n[no](fence.md)\n```\n";
    assert_eq!(link_targets(md), ["docs/a.md#x", "p.png"]);
}
