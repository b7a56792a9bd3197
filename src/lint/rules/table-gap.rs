//! ## What it does
//! Reports blank lines inside a cookie table: between the header and the first row, or
//! between two rows.
//!
//! ## Why it matters
//! A blank line ends a table in most renderers (and ends a paragraph in Markdown), so the
//! rows after it are shown as loose text or as a second, header-less table.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Nom du cookie
//!
//! Opendatasoft	sessionid
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Nom du cookie
//! Opendatasoft	sessionid
//! ```
//!
//! ## Fix
//! Remove the blank lines so the table is one block.

use crate::lint::{Emitter, LintContext};
use crate::source::Span;
use crate::wording::{agreeing, counted};

/// Reports each run of blank lines inside a table.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in &cx.doc.tables {
        if table.gaps.is_empty() {
            continue;
        }
        let reach = reach(table);
        for gap in &table.gaps {
            let last = cx.source.line(gap.end);
            let lines = last - cx.source.line(gap.start) + 1;
            // The blank lines whole, the last one's line break included: the finding ends
            // where the next line (the next row) starts.
            let end = cx.source.line_index.line_start(last + 1).unwrap_or(gap.end);
            let _ = out
                .emit(
                    Span::new(gap.start, end),
                    [
                        counted(lines, "blank line", "blank lines").as_str(),
                        agreeing(lines, " interrupts the table", " interrupt the table"),
                    ]
                    .concat(),
                )
                .help(agreeing(
                    lines,
                    "remove the blank line: a blank line ends a table in most renderers",
                    "remove the blank lines: a blank line ends a table in most renderers",
                ))
                .fingerprint(format!(
                    "gap-before-row:{}",
                    row_after(table, &reach, gap.end)
                ));
        }
    }
}

/// For each row of a table, the furthest start of it and the rows before it: the first
/// row starting at or after an offset is the first whose reach is, and the reaches are
/// sorted, so it is found by a binary search (a table with a gap between every two rows
/// would otherwise be scanned from its top once per gap).
fn reach(table: &crate::model::CookieTable) -> Vec<usize> {
    table
        .rows
        .iter()
        .scan(0, |furthest, row| {
            *furthest = row.span.start.max(*furthest);
            Some(*furthest)
        })
        .collect()
}

/// The key of the first row after a gap, which identifies the gap without line numbers.
fn row_after(table: &crate::model::CookieTable, reach: &[usize], offset: usize) -> String {
    let first = reach.partition_point(|&start| start < offset);
    table
        .rows
        .get(first)
        .and_then(|r| r.cells.first())
        .map_or_else(String::new, |c| c.key.to_string())
}
