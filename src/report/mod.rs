//! Renderers for lint results: human (miette), concise, JSON, SARIF, GitHub workflow
//! commands and JUnit XML.
//!
//! Diagnostics are *located* (lines and columns computed from the file's line index) in
//! the parallel phase, while the file's text is at hand; renderers then need no source text,
//! except the human one, which renders each file's report while its source is available.
//! Every renderer is deterministic for a given input. The whole-run renderers write to any
//! [`std::io::Write`] as they go (`write_json`, `write_sarif`, ...), so that a large report
//! is never held in memory; each also has a twin returning a `String` (`json`, `sarif`, ...).

mod github;
mod human;
mod json;
mod junit;
mod sarif;
mod store;

pub use github::{github, write_github};
pub use human::{human, human_from_whole_text, HumanOptions};
pub use json::{json, write_json};
pub use junit::{junit, write_junit};
pub use sarif::{sarif, write_sarif};
pub use store::Store;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::lint::{Diagnostic, Severity};
use crate::source::{LineCol, SourceFile, Span};

/// A diagnostic with its start and end positions resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// 1-based line and character column of the span's start.
    pub start: LineCol,
    /// 1-based line and character column of the span's end.
    pub end: LineCol,
}

impl Located {
    /// Resolves the positions of `diagnostic` in `source`.
    pub fn new(source: &SourceFile, diagnostic: Diagnostic) -> Self {
        let start = source.line_col(diagnostic.span.start);
        let end = source.line_col(diagnostic.span.end);
        Located {
            diagnostic,
            start,
            end,
        }
    }
}

/// A file that could not be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    /// The path.
    pub file: String,
    /// What went wrong, in a sentence.
    pub message: String,
}

/// A run's diagnostics in output order, as the renderers read them: a plain list, or a
/// compact [`Store`] that hands out each diagnostic as it is read.
pub trait Diagnostics {
    /// Every diagnostic, in output order.
    fn all(&self) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_>;

    /// How many there are.
    fn total(&self) -> usize;

    /// The diagnostics at positions `range` of the output order (fewer where it runs past
    /// the end).
    fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_> {
        Box::new(self.all().skip(range.start).take(range.len()))
    }

    /// The diagnostics at positions `range` of the output order (fewer where it runs past
    /// the end), their texts borrowed where they are kept.
    fn views(&self, range: std::ops::Range<usize>) -> Box<dyn Iterator<Item = View<'_>> + '_>;

    /// How many have `severity`.
    fn count(&self, severity: Severity) -> usize {
        self.all()
            .filter(|d| d.diagnostic.severity == severity)
            .count()
    }
}

/// A located diagnostic's fields, borrowed (see [`Diagnostics::views`]): what a report
/// writes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View<'a> {
    /// Rule code.
    pub code: &'static str,
    /// Rule name.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// The file.
    pub file: &'a str,
    /// Where in the file.
    pub span: Span,
    /// Line and column of the start.
    pub start: LineCol,
    /// Line and column of the end.
    pub end: LineCol,
    /// The message.
    pub message: &'a str,
    /// The help, if any.
    pub help: Option<&'a str>,
    /// Related locations.
    pub related: Vec<RelatedView<'a>>,
    /// The baseline fingerprint.
    pub fingerprint: &'a str,
}

/// A related location's fields, borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RelatedView<'a> {
    /// The file.
    pub file: &'a str,
    /// Where in that file.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is there.
    pub message: &'a str,
}

impl<'a> View<'a> {
    /// The fields of `located`.
    pub fn of(located: &'a Located) -> Self {
        let d = &located.diagnostic;
        View {
            code: d.code,
            rule: d.rule,
            severity: d.severity,
            file: &d.file,
            span: d.span,
            start: located.start,
            end: located.end,
            message: &d.message,
            help: d.help.as_deref(),
            related: d
                .related
                .iter()
                .map(|r| RelatedView {
                    file: &r.file,
                    span: r.span,
                    line: r.line,
                    column: r.column,
                    message: &r.message,
                })
                .collect(),
            fingerprint: &d.fingerprint,
        }
    }

    /// The view of a finding that is not there: empty texts, at line 1, column 1.
    pub fn placeholder() -> Self {
        View {
            code: "",
            rule: "",
            severity: Severity::Info,
            file: "",
            span: Span::new(0, 0),
            start: LineCol { line: 1, column: 1 },
            end: LineCol { line: 1, column: 1 },
            message: "",
            help: None,
            related: Vec::new(),
            fingerprint: "",
        }
    }

    /// The finding, owned.
    pub fn to_located(&self) -> Located {
        Located {
            diagnostic: Diagnostic {
                code: self.code,
                rule: self.rule,
                severity: self.severity,
                file: self.file.to_owned(),
                span: self.span,
                message: self.message.to_owned(),
                help: self.help.map(str::to_owned),
                related: self
                    .related
                    .iter()
                    .map(|r| crate::lint::Related {
                        file: r.file.to_owned(),
                        span: r.span,
                        line: r.line,
                        column: r.column,
                        message: r.message.to_owned(),
                    })
                    .collect(),
                fingerprint: self.fingerprint.to_owned(),
            },
            start: self.start,
            end: self.end,
        }
    }
}

impl Diagnostics for Vec<Located> {
    fn all(&self) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_> {
        Box::new(self.iter().map(Cow::Borrowed))
    }

    fn views(&self, range: std::ops::Range<usize>) -> Box<dyn Iterator<Item = View<'_>> + '_> {
        Box::new(within(self, range).iter().map(View::of))
    }

    fn total(&self) -> usize {
        self.len()
    }

    fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_> {
        Box::new(within(self, range).iter().map(Cow::Borrowed))
    }
}

/// The part of `items` at `range`, cut at its end.
fn within<T>(items: &[T], range: std::ops::Range<usize>) -> &[T] {
    let end = range.end.min(items.len());
    items.get(range.start.min(end)..end).unwrap_or_default()
}

/// Everything a run found, in output order.
#[derive(Clone, Debug, Default)]
pub struct Results<D = Vec<Located>> {
    /// Located diagnostics, sorted by file then position.
    pub diagnostics: D,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Every file checked (for per-file reports such as JUnit), sorted.
    pub files: Vec<std::sync::Arc<str>>,
}

/// Counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Error diagnostics.
    pub errors: usize,
    /// Warning diagnostics.
    pub warnings: usize,
    /// Info diagnostics.
    pub infos: usize,
}

impl<D: Diagnostics> Results<D> {
    /// Counts diagnostics by severity.
    pub fn summary(&self) -> Summary {
        Summary {
            files: self.files.len(),
            unreadable: self.errors.len(),
            errors: self.diagnostics.count(Severity::Error),
            warnings: self.diagnostics.count(Severity::Warning),
            infos: self.diagnostics.count(Severity::Info),
        }
    }
}

/// Runs a renderer into a string (writing to memory cannot fail).
fn render(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    let _ = write(&mut out);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes `path:line:col: severity[CODE rule-name] message`, one line per diagnostic, then
/// one line per unreadable file.
pub fn write_concise<D: Diagnostics>(results: &Results<D>, out: &mut dyn Write) -> io::Result<()> {
    for d in results.diagnostics.all() {
        write_concise_line(&d, out)?;
        out.write_all(b"\n")?;
    }
    for e in &results.errors {
        // Messages usually start with the path already.
        let message = e
            .message
            .strip_prefix(&format!("{}: ", e.file))
            .unwrap_or(&e.message);
        if e.file.is_empty() {
            writeln!(out, "error: {}", escape_control(message))?;
        } else {
            writeln!(
                out,
                "{}: error: {}",
                escape_control(&e.file),
                escape_control(message)
            )?;
        }
    }
    Ok(())
}

/// The concise report as a string (see [`write_concise`]).
pub fn concise<D: Diagnostics>(results: &Results<D>) -> String {
    render(|out| write_concise(results, out))
}

/// One concise line, without the line break.
pub fn concise_line(d: &Located) -> String {
    render(|out| write_concise_line(d, out))
}

fn write_concise_line(d: &Located, out: &mut dyn Write) -> io::Result<()> {
    let diag = &d.diagnostic;
    write!(
        out,
        "{}:{}:{}: {}[{} {}] {}",
        escape_control(&diag.file),
        d.start.line,
        d.start.column,
        diag.severity.as_str(),
        diag.code,
        diag.rule,
        escape_control(&diag.message)
    )
}

/// Replaces control characters (which could drive a terminal) with visible escapes.
pub fn escape_control(text: &str) -> String {
    if !holds_escapable(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `text` holds a character that [`needs_escape`], found from its UTF-8 bytes: a C0
/// control but the tab, DEL, a C1 control (`C2 80`-`C2 9F`) or a bidirectional control
/// (`E2 80 AA`-`E2 80 AE`, `E2 81 A6`-`E2 81 A9`). Blocks of 32 bytes are first tested for
/// a byte that can start one, by a fold the compiler turns into vector compares: most
/// texts hold none.
fn holds_escapable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let lead = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2;
    let escapable = |i: usize| match at(i) {
        b'\t' => false,
        0xC2 => at(i + 1) < 0xA0,
        0xE2 => matches!(
            (at(i + 1), at(i + 2)),
            (0x80, 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)
        ),
        _ => true,
    };
    bytes.chunks(32).enumerate().any(|(block, chunk)| {
        chunk.iter().fold(false, |any, &b| any | lead(b))
            && chunk
                .iter()
                .enumerate()
                .any(|(j, &b)| lead(b) && escapable(block * 32 + j))
    })
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Counts per rule, most frequent first, for `--statistics`.
pub fn statistics<D: Diagnostics>(results: &Results<D>) -> String {
    let mut out = String::new();
    for ((code, rule), count) in statistics_rows(results) {
        out.push_str(&format!("{count:>6}  {code}  {rule}\n"));
    }
    out
}

/// [`statistics`] as a JSON array of `{"code", "rule", "count"}` objects, in the same order.
pub fn statistics_json<D: Diagnostics>(results: &Results<D>) -> String {
    let rows: Vec<serde_json::Value> = statistics_rows(results)
        .into_iter()
        .map(|((code, rule), count)| serde_json::json!({ "code": code, "rule": rule, "count": count }))
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_owned());
    out.push('\n');
    out
}

/// Findings per rule, the most frequent first (then by code).
fn statistics_rows<D: Diagnostics>(
    results: &Results<D>,
) -> Vec<((&'static str, &'static str), usize)> {
    let mut counts: std::collections::BTreeMap<(&'static str, &'static str), usize> =
        Default::default();
    for d in results.diagnostics.all() {
        *counts
            .entry((d.diagnostic.code, d.diagnostic.rule))
            .or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_finds_exactly_the_characters_that_need_escaping_wherever_they_are() {
        let mut escaped = 0;
        for c in (0..=0x3000u32)
            .chain([0xFEFF, 0x1_F600])
            .filter_map(char::from_u32)
        {
            // Alone, at the end of a 32-byte block, and in the leftover bytes after one.
            for text in [
                c.to_string(),
                format!("{}{c}", "a".repeat(32 - c.len_utf8())),
                format!("{}{c}b", "a".repeat(32)),
            ] {
                assert_eq!(holds_escapable(&text), needs_escape(c), "{c:?} in {text:?}");
                if needs_escape(c) {
                    escaped += 1;
                    assert_ne!(escape_control(&text), text, "{c:?}");
                } else {
                    assert_eq!(escape_control(&text), text, "{c:?}");
                }
            }
        }
        // C0 but the tab, DEL, C1 and the nine bidirectional controls, three times each.
        assert_eq!(escaped, 3 * (31 + 1 + 32 + 9));
        assert!(!holds_escapable(
            "Le cookie \u{AB}\u{A0}_ga\u{A0}\u{BB} dure 13 mois, c\u{2019}est \u{E9}crit\t"
        ));
    }
}
