//! ## What it does
//! Reports lines that end with spaces, tabs or other blanks. Lines made of blanks only are
//! reported too, and so are the rows of the newer template's pipe tables, which end with "|
//! ". Two cases are left alone because the blanks mean something: in a tab-separated table
//! row, a trailing tab separates an empty last cell (only blanks after it are reported); in
//! Markdown, exactly two spaces before a line that continues the paragraph are a hard line
//! break (not in a table: a line break there ends a row, or continues a broken one, and
//! is never a hard break).
//!
//! ## Why it matters
//! Trailing blanks are invisible, make diffs between versions of a policy noisy, and turn
//! into stray hard line breaks in Markdown.
//!
//! ## Example
//! Failing (two spaces after the title in a text file):
//! ```text
//! Cookies policy  
//! ```
//! Passing:
//! ```text
//! Cookies policy
//! ```
//!
//! ## Fix
//! Remove the blanks at the end of the line (most editors can do it on save).

use crate::lint::{Emitter, LintContext};
use crate::normalize::key;
use crate::source::Span;
use crate::syntax::{Format, TableLayout};
use crate::wording::counted;

/// Reports the trailing blanks of each line.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let text = cx.text();
    let markdown = cx.doc.format == Format::Markdown;
    let mut tables = cx.doc.tables.iter().map(|t| (t.span, t.layout)).peekable();
    let mut lines = cx.source.lines().peekable();
    while let Some(line) = lines.next() {
        let raw = line.slice(text);
        let mut kept = raw.trim_end_matches(char::is_whitespace).len();
        if kept == raw.len() {
            continue;
        }
        // Tables are in source order, like lines: drop those that end before this line.
        while tables.next_if(|(t, _)| t.end < line.start).is_some() {}
        let table = tables
            .peek()
            .filter(|(t, _)| t.start <= line.start)
            .map(|&(_, layout)| layout);
        // A row's trailing tab opens an empty cell; a line of blanks only (a gap between
        // rows) has no cell to open.
        if table == Some(TableLayout::Tab) && kept > 0 {
            if let Some(tab) = raw.get(kept..).and_then(|blanks| blanks.rfind('\t')) {
                kept += tab + 1;
            }
        }
        let blanks = raw.get(kept..).unwrap_or_default();
        if blanks.is_empty() {
            continue;
        }
        let continues = lines
            .peek()
            .is_some_and(|next| !next.slice(text).trim().is_empty());
        // (A table row is one line: its trailing spaces break nothing.)
        if markdown && table.is_none() && blanks == "  " && kept > 0 && continues {
            continue;
        }
        let count = blanks.chars().count();
        let _ = out
            .emit(
                Span::new(line.start + kept, line.end),
                [
                    "line ends with ",
                    &counted(count, "whitespace character", "whitespace characters"),
                ]
                .concat(),
            )
            .help("remove the spaces and tabs at the end of the line")
            .fingerprint(format!("trailing:{}", key(raw)));
    }
}
