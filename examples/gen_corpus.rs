//! Generates a corpus of cookie-policy documents with known injected drifts, for
//! benchmarks and tests of the cross-document rules.
//!
//! ```text
//! cargo run --release --example gen_corpus -- N DIR [SEED]
//! ```
//!
//! Writes about `N` documents under `DIR` (nested folders, French and English, text and
//! Markdown) and `DIR/MANIFEST.json`, which lists each injected drift with the rule that
//! must report it and its line. The same `N` and `SEED` (default 1) give the same corpus.

#[path = "gen/mod.rs"]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: gen_corpus N DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match gen::generate(n, &dir, seed) {
        Ok(manifest) => {
            println!(
                "wrote {} documents and {} injected drifts to {} (seed {seed})",
                gen::files(&dir).len(),
                manifest.drifts.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
