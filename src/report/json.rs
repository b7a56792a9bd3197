//! `--format json`: `{"version": 1, "diagnostics": [...], "errors": [...], "summary": {...}}`.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{Diagnostics, Results, Summary, View};

/// Diagnostics rendered by one task of [`write_json`].
const PER_TASK: usize = 1024;
/// Tasks of [`write_json`] rendered before their bytes are written.
const TASKS_AT_ONCE: usize = 8;

/// What follows the diagnostics, written by serde (one level deep, as fields of the report).
#[derive(Serialize)]
struct Tail<'a> {
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonError<'a> {
    file: &'a str,
    message: &'a str,
}

/// Writes the JSON report, pretty-printed (two-space indents, as `serde_json`'s pretty
/// printer writes it), with a final line break.
///
/// The diagnostics, hundreds of thousands on a large corpus, are written by hand in their
/// fixed shape: through serde, each field cost a dynamic dispatch, its indentation and a
/// byte-at-a-time escape scan of strings that almost never need escaping. A test checks the
/// bytes against `serde_json`'s own rendering of the same report.
///
/// The diagnostics are rendered [`PER_TASK`] at a time on the current rayon pool, at most
/// [`TASKS_AT_ONCE`] tasks before their bytes are written, so that memory stays bounded
/// whatever the number of findings; the bytes do not depend on the number of threads.
pub fn write_json<D: Diagnostics + Sync>(
    results: &Results<D>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    w.write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": ")?;
    let total = results.diagnostics.total();
    let mut done = 0;
    while done < total {
        let window = done..total.min(done.saturating_add(PER_TASK * TASKS_AT_ONCE));
        let starts: Vec<usize> = window.clone().step_by(PER_TASK).collect();
        let parts: Vec<io::Result<Vec<u8>>> = starts
            .par_iter()
            .map(|&start| {
                let range = start..window.end.min(start + PER_TASK);
                let mut part = Vec::with_capacity(range.len() * 512);
                for (at, d) in range.clone().zip(results.diagnostics.views(range)) {
                    part.write_all(if at == 0 {
                        b"[\n    {\n"
                    } else {
                        b",\n    {\n"
                    })?;
                    diagnostic(&mut part, &d)?;
                    part.write_all(b"\n    }")?;
                }
                Ok(part)
            })
            .collect();
        for part in parts {
            w.write_all(&part?)?;
        }
        done = window.end;
    }
    w.write_all(if total == 0 { b"[],\n" } else { b"\n  ],\n" })?;
    let tail = Tail {
        errors: results
            .errors
            .iter()
            .map(|e| JsonError {
                file: &e.file,
                message: &e.message,
            })
            .collect(),
        summary: results.summary(),
    };
    // `{\n  "errors": ...\n}`: its fields are already indented as the report's.
    let tail = serde_json::to_vec_pretty(&tail)?;
    w.write_all(tail.get(2..).unwrap_or_default())?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The fields of one diagnostic, at the depth of an element of `diagnostics`. The constant
/// text between two values (a closing quote, the comma, the line break, the next key and
/// its opening quote) is one write, then the escaped value (small writes cost more than
/// bytes).
fn diagnostic(w: &mut impl Write, diag: &View<'_>) -> io::Result<()> {
    w.write_all(b"      \"code\": \"")?;
    escaped(w, diag.code)?;
    w.write_all(b"\",\n      \"rule\": \"")?;
    escaped(w, diag.rule)?;
    w.write_all(b"\",\n      \"severity\": \"")?;
    escaped(w, diag.severity.as_str())?;
    w.write_all(b"\",\n      \"file\": \"")?;
    escaped(w, diag.file)?;
    w.write_all(b"\",\n      \"line\": ")?;
    integer(w, diag.start.line)?;
    w.write_all(b",\n      \"column\": ")?;
    integer(w, diag.start.column)?;
    w.write_all(b",\n      \"end_line\": ")?;
    integer(w, diag.end.line)?;
    w.write_all(b",\n      \"end_column\": ")?;
    integer(w, diag.end.column)?;
    w.write_all(b",\n      \"message\": \"")?;
    escaped(w, diag.message)?;
    match diag.help {
        Some(help) => {
            w.write_all(b"\",\n      \"help\": \"")?;
            escaped(w, help)?;
            w.write_all(b"\",\n      \"related\": ")?;
        }
        None => w.write_all(b"\",\n      \"help\": null,\n      \"related\": ")?,
    }
    if diag.related.is_empty() {
        w.write_all(b"[],\n")?;
    } else {
        for (i, r) in diag.related.iter().enumerate() {
            w.write_all(if i == 0 {
                b"[\n        {\n          \"file\": \""
            } else {
                b",\n        {\n          \"file\": \""
            })?;
            escaped(w, r.file)?;
            w.write_all(b"\",\n          \"line\": ")?;
            integer(w, r.line)?;
            w.write_all(b",\n          \"column\": ")?;
            integer(w, r.column)?;
            w.write_all(b",\n          \"message\": \"")?;
            escaped(w, r.message)?;
            w.write_all(b"\"\n        }")?;
        }
        w.write_all(b"\n      ],\n")?;
    }
    w.write_all(b"      \"fingerprint\": \"")?;
    escaped(w, diag.fingerprint)?;
    w.write_all(b"\"")
}

/// `value` in decimal (`itoa`, as `serde_json` writes numbers).
fn integer(w: &mut impl Write, value: usize) -> io::Result<()> {
    w.write_all(itoa::Buffer::new().format(value).as_bytes())
}

/// `value` as the inside of a JSON string, escaped as `serde_json` escapes it: quotes, backslashes and
/// control characters; runs of other bytes are written as they are. Whether a string needs
/// escaping at all is tested eight bytes at a time (see [`needs_escape`]).
fn escaped(w: &mut impl Write, value: &str) -> io::Result<()> {
    let plain = |b: &u8| (*b >= 0x20) & (*b != b'"') & (*b != b'\\');
    let bytes = value.as_bytes();
    let clean = !needs_escape(bytes);
    let control = |b: &u8| *b < 0x20;
    if clean {
        w.write_all(bytes)?;
    } else {
        let mut rest = bytes;
        // Quotes in messages are common, control characters rare: find the next quote or
        // backslash with memchr unless the string holds a control character.
        let any_control = bytes.iter().any(control);
        let next = |rest: &[u8]| match any_control {
            false => memchr::memchr2(b'"', b'\\', rest),
            true => rest.iter().position(|b| !plain(b)),
        };
        while let Some(at) = next(rest) {
            let (run, special) = rest.split_at(at);
            w.write_all(run)?;
            let Some((&b, after)) = special.split_first() else {
                break;
            };
            match b {
                b'"' => w.write_all(b"\\\"")?,
                b'\\' => w.write_all(b"\\\\")?,
                0x08 => w.write_all(b"\\b")?,
                0x0C => w.write_all(b"\\f")?,
                b'\n' => w.write_all(b"\\n")?,
                b'\r' => w.write_all(b"\\r")?,
                b'\t' => w.write_all(b"\\t")?,
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    let hex = |n: u8| HEX.get(usize::from(n & 0xF)).copied().unwrap_or(b'0');
                    w.write_all(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b)])?;
                }
            }
            rest = after;
        }
        w.write_all(rest)?;
    }
    Ok(())
}

/// Whether `bytes` hold a byte JSON escapes (a control character, a quote or a
/// backslash), tested eight bytes at a time in a `u64`.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero when a byte of `x` is below `n` (`n` <= 0x80): a borrow starts only at such
    // a byte, so the answer is exact even where the flagged byte is not.
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let special = |x: u64| {
        below(x, 0x20)
            | below(x ^ (ONES * u64::from(b'"')), 1)
            | below(x ^ (ONES * u64::from(b'\\')), 1)
    };
    let mut words = bytes.chunks_exact(8);
    let any = words
        .by_ref()
        .map(|w| u64::from_le_bytes(<[u8; 8]>::try_from(w).unwrap_or_default()))
        .fold(0, |any, x| any | special(x));
    any != 0
        || words
            .remainder()
            .iter()
            .any(|b| (*b < 0x20) | (*b == b'"') | (*b == b'\\'))
}

/// The JSON report as a string (see [`write_json`]).
pub fn json<D: Diagnostics + Sync>(results: &Results<D>) -> String {
    super::render(|out| write_json(results, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Diagnostic, Related, Severity};
    use crate::report::FileError;
    use crate::report::Located;
    use crate::source::{LineCol, Span};

    #[test]
    fn needs_escape_finds_every_byte_json_escapes_at_every_position() {
        let escapes = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
        for len in 1..=24 {
            for at in 0..len {
                for b in 0..=u8::MAX {
                    // Around it, bytes next in value to the special ones, and non-ASCII.
                    for fill in [b'a', 0x21, 0x5D, 0x5B, 0x1F + 1, 0x80, 0xFF] {
                        let mut bytes = vec![fill; len];
                        if let Some(slot) = bytes.get_mut(at) {
                            *slot = b;
                        }
                        let expected = bytes.iter().any(|&c| escapes(c));
                        assert_eq!(needs_escape(&bytes), expected, "{bytes:?}");
                    }
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    /// The report as `serde_json` renders it, field by field: what [`write_json`] must write.
    fn oracle(results: &Results<Vec<Located>>) -> String {
        let diagnostics: Vec<serde_json::Value> = results
            .diagnostics
            .iter()
            .map(|d| {
                let diag = &d.diagnostic;
                let related: Vec<serde_json::Value> = diag
                    .related
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "file": r.file, "line": r.line, "column": r.column,
                            "message": r.message,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "code": diag.code, "rule": diag.rule, "severity": diag.severity.as_str(),
                    "file": diag.file, "line": d.start.line, "column": d.start.column,
                    "end_line": d.end.line, "end_column": d.end.column,
                    "message": diag.message, "help": diag.help, "related": related,
                    "fingerprint": diag.fingerprint,
                })
            })
            .collect();
        let errors: Vec<serde_json::Value> = results
            .errors
            .iter()
            .map(|e| serde_json::json!({"file": e.file, "message": e.message}))
            .collect();
        let report = serde_json::json!({
            "version": 1, "diagnostics": diagnostics, "errors": errors,
            "summary": results.summary(),
        });
        format!(
            "{}\n",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )
    }

    fn located(message: &str, help: Option<&str>, related: usize) -> Located {
        Located {
            diagnostic: Diagnostic {
                code: "CL406",
                rule: "known-typo",
                severity: Severity::Warning,
                file: format!("dir/{message}.md"),
                span: Span::new(0, 1),
                message: message.to_owned(),
                help: help.map(str::to_owned),
                related: (0..related)
                    .map(|i| Related {
                        file: format!("other \"{i}\".md"),
                        span: Span::new(0, 1),
                        line: i + 10,
                        column: 1_000_000 + i,
                        message: format!("{message}\u{1}{i}"),
                    })
                    .collect(),
                fingerprint: format!("typo:{message}"),
            },
            start: LineCol { line: 1, column: 2 },
            end: LineCol {
                line: usize::MAX,
                column: 0,
            },
        }
    }

    #[test]
    fn the_report_is_written_as_serde_json_writes_it() {
        // Every character class the escaping distinguishes, at every length around a block.
        let mut messages: Vec<String> = [
            "",
            "plain",
            "\"Qu'est ce qu'\" should read \"Qu'est-ce qu'\"",
            "back\\slash",
            "tab\tnew\nline\rret\u{8}bs\u{c}ff",
            "\u{0}\u{1f}\u{7f} control and delete",
            "caf\u{e9} \u{2019} \u{1F36A}",
            "ends with a quote\"",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        for n in [31, 32, 33, 63, 64, 65] {
            messages.push("x".repeat(n));
            messages.push(format!("{}\"", "y".repeat(n - 1)));
            messages.push(format!("\u{2}{}", "z".repeat(n - 1)));
        }
        let diagnostics: Vec<Located> = messages
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let mut found = located(m, (i % 2 == 0).then_some(m.as_str()), i % 3);
                // Most end a few lines down (a store keeps them as records); the others
                // past what a record holds.
                if i % 4 != 0 {
                    found.end = LineCol { line: 3, column: 7 };
                }
                found
            })
            .collect();
        let errors = vec![FileError {
            file: "bad\\file\".txt".to_owned(),
            message: "cannot read it: \"denied\"".to_owned(),
        }];
        for (diagnostics, errors) in [
            (diagnostics.clone(), errors.clone()),
            (Vec::new(), Vec::new()),
            (
                diagnostics.get(..1).unwrap_or_default().to_vec(),
                Vec::new(),
            ),
        ] {
            // The same findings kept compact, as `check` keeps them (a quarter of them end
            // too far down a huge file to fit a record and are kept whole).
            let mut store = crate::report::Store::new();
            for d in &diagnostics {
                store.push(d.clone());
            }
            let results = Results {
                diagnostics,
                errors,
                files: Vec::new(),
            };
            assert_eq!(json(&results), oracle(&results));
            let stored = Results {
                diagnostics: store,
                errors: results.errors.clone(),
                files: Vec::new(),
            };
            assert_eq!(json(&stored), oracle(&results));
        }
    }

    #[test]
    fn a_report_rendered_in_several_windows_is_the_same_on_any_number_of_threads() {
        // Past one window and into a second, and ending inside a task.
        let count = PER_TASK * TASKS_AT_ONCE + PER_TASK + PER_TASK / 2 + 1;
        let messages: Vec<String> = (0..count).map(|i| format!("finding \"{i}\"")).collect();
        let results = Results {
            diagnostics: messages
                .iter()
                .enumerate()
                .map(|(i, m)| located(m, (i % 5 == 0).then_some("help"), i % 3))
                .collect::<Vec<Located>>(),
            errors: Vec::new(),
            files: Vec::new(),
        };
        let expected = oracle(&results);
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| e.to_string());
            let rendered = pool.map(|pool| pool.install(|| json(&results)));
            assert_eq!(rendered.as_ref(), Ok(&expected), "{threads} threads");
        }
    }
}
