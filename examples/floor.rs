//! The reference points `check` is measured against, over the same files and with the same
//! number of threads:
//!
//! ```text
//! cargo run --release --example floor -- read DIR [JOBS]       # open, read, validate UTF-8
//! cargo run --release --example floor -- pulldown DIR [JOBS]   # the same, then a CommonMark parse
//! ```
//!
//! `read` is the floor: one open and one read per file (the files `check` would read:
//! `*.txt`, `*.md`, `*.markdown` under DIR), then UTF-8 validation. `pulldown` adds
//! pulldown-cmark's own parse of every file (all events consumed), the reference the
//! Markdown front end is compared with. JOBS defaults to every core. Prints the number of
//! files and bytes and a checksum, so that the work cannot be optimised away.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: floor read|pulldown DIR [JOBS]");
        return ExitCode::from(2);
    };
    let jobs = args.get(2).and_then(|j| j.parse().ok()).unwrap_or(0);
    let mut files = Vec::new();
    collect(Path::new(dir), &mut files);
    files.sort();
    let parse = match mode.as_str() {
        "read" => false,
        "pulldown" => true,
        _ => {
            eprintln!("unknown mode {mode}: read or pulldown");
            return ExitCode::from(2);
        }
    };
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(jobs).build() else {
        eprintln!("cannot start the thread pool");
        return ExitCode::from(1);
    };
    let (bytes, sum) = pool.install(|| {
        files
            .par_iter()
            .map(|path| one(path, parse))
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 ^ b.1))
    });
    println!("{} files, {bytes} bytes, checksum {sum}", files.len());
    ExitCode::SUCCESS
}

/// Reads one file; returns its size and a value that depends on the work done.
fn one(path: &Path, parse: bool) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 0);
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return (bytes.len(), 1);
    };
    if !parse {
        return (bytes.len(), text.len());
    }
    let events = pulldown_cmark::Parser::new_ext(text, pulldown_cmark::Options::empty())
        .into_offset_iter()
        .fold(0usize, |n, (_, range)| n.wrapping_add(range.end));
    (bytes.len(), events)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => collect(&path, out),
            Ok(t) if t.is_file() => {
                let known = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "txt" | "md" | "markdown"));
                if known {
                    out.push(path);
                }
            }
            _ => {}
        }
    }
}
