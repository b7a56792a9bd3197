//! Replays every fuzz seed (`fuzz/seeds/`) and every saved crash (`fuzz/regressions/`)
//! through the checks the fuzz targets assert, so that CI exercises them without a fuzzer.
//!
//! The checks live in `fuzz_checks.rs`, which the fuzz targets include too: a property
//! cannot be asserted by one and forgotten by the other.

#[path = "fuzz_checks.rs"]
mod fuzz_checks;

use std::path::PathBuf;

use crate::support::{relative, root};

/// Every file of a directory under the root, sorted; none when the directory is absent.
fn inputs(dir: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn fuzz_seeds_and_regressions_keep_every_property() {
    let seeds = inputs("fuzz/seeds");
    assert!(
        seeds.len() > 40,
        "fuzz/seeds has only {} files: were the seeds moved?",
        seeds.len()
    );
    let mut failures = Vec::new();
    for path in seeds.iter().chain(&inputs("fuzz/regressions")) {
        let bytes = std::fs::read(path).unwrap();
        for failure in fuzz_checks::failures(&bytes) {
            failures.push(format!("{}: {failure}", relative(path)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fuzz input(s) break a property:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
