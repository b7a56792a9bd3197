//! `cookielint check` (and `rules`, `explain`, `config`) run as a real process on small
//! documents written to temporary directories and on `corpus/`: every output format, exit
//! codes, rule selection, configuration files, the directory walk, suppression comments,
//! baselines and deterministic output.
//!
//! Where a test needs an exact set of findings, it selects the rules its documents were
//! written for (`RULES_USED`), so that rules added later do not change what it sees; tests of
//! selection itself assert only what the selectors promise.

use std::collections::BTreeSet;
use std::path::Path;

use cookielint::lint::find;
use serde_json::Value;
use tempfile::TempDir;

use crate::support::{cookielint_in, json, Run};

mod baseline;
mod config;
mod formats;
mod patterns;
mod selection;
mod suppression;
mod walk;

/// A title and a paragraph: none of `RULES_USED` fires.
const CLEAN: &str =
    "# Cookies policy\n\n## What is a cookie?\n\nA cookie is a small piece of data.\n";

/// One info finding: two trailing spaces after accented words, at character column 13
/// (byte column 16).
const ACCENTED: &str = "Cookies policy\n\nCafé élégant  \n\nA cookie is a small piece of data.\n";

/// One error finding: no title (line 1, columns 1 to 18).
const UNTITLED: &str = "What is a cookie?\n\nA cookie is a small piece of data.\n";

/// Errors of two rules and an info: no title, two ESC characters (a terminal colour
/// sequence), trailing blanks.
const MIXED: &str = "What is a cookie?\n\nA red \x1b[31mword\x1b[0m here.  \n";

/// One warning finding: a suppression that silences nothing (line 3).
const WARNING: &str = "# Cookies policy\n\n<!-- cookielint-disable-next-line known-typo -->\nA cookie is a small piece of data.\n";

/// The rules the documents above were written for.
const RULES_USED: &str = "missing-title,invisible-character,trailing-whitespace,unused-suppression";

/// A temporary directory holding `files` (relative path, contents).
fn dir_with(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        write(dir.path(), name, text);
    }
    dir
}

/// Writes `text` to `dir/name`, creating directories.
fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs `cookielint check ARGS...` in `dir`.
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    cookielint_in(dir, &all)
}

/// Runs `cookielint check ARGS...` in `dir` and expects exit code `code`.
fn check_exit(dir: &Path, args: &[&str], code: i32) -> Run {
    let run = check(dir, args);
    assert_eq!(
        run.code, code,
        "check {args:?}\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

/// The `diagnostics` array of a JSON report.
fn diagnostics(run: &Run) -> Vec<Value> {
    json(&run.stdout)["diagnostics"].as_array().unwrap().clone()
}

/// A file name as reported, without a leading `./`.
fn plain(file: &str) -> &str {
    file.strip_prefix("./").unwrap_or(file)
}

/// `(file, code)` of every diagnostic of a JSON report, in report order.
fn file_codes(run: &Run) -> Vec<(String, String)> {
    diagnostics(run)
        .iter()
        .map(|d| {
            (
                plain(d["file"].as_str().unwrap()).to_owned(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The distinct codes of a JSON report.
fn codes(run: &Run) -> BTreeSet<String> {
    file_codes(run).into_iter().map(|(_, code)| code).collect()
}

/// The distinct files of a JSON report's diagnostics.
fn files(run: &Run) -> BTreeSet<String> {
    file_codes(run).into_iter().map(|(file, _)| file).collect()
}

/// The 1-based number of the line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"))
        + 1
}

/// The lines of `diagnostics` with the given code.
fn lines_with(diagnostics: &[Value], code: &str) -> Vec<u64> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| d["line"].as_u64().unwrap())
        .collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn group_of(code: &str) -> &'static str {
    find(code).unwrap().meta.group.as_str()
}

/// The four documents of the format tests, each with known findings.
fn format_fixture() -> TempDir {
    dir_with(&[
        ("accents.txt", ACCENTED),
        ("clean.md", CLEAN),
        ("mixed.txt", MIXED),
        ("warning.md", WARNING),
    ])
}

/// The format tests' run: `check --no-config --select RULES_USED --format FORMAT .`.
fn format_run(dir: &Path, format: &str) -> Run {
    check_exit(
        dir,
        &["--no-config", "--select", RULES_USED, "--format", format],
        1,
    )
}
