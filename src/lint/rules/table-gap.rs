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
use crate::wording::{agreeing, counted};

/// Reports each run of blank lines inside a table.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in &cx.doc.tables {
        for gap in &table.gaps {
            let lines = cx.source.line(gap.end) - cx.source.line(gap.start) + 1;
            let _ = out
                .emit(
                    *gap,
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
                .fingerprint(format!("gap-before-row:{}", row_after(table, gap.end)));
        }
    }
}

/// The key of the first row after a gap, which identifies the gap without line numbers.
fn row_after(table: &crate::model::CookieTable, offset: usize) -> String {
    table
        .rows
        .iter()
        .find(|r| r.span.start >= offset)
        .and_then(|r| r.cells.first())
        .map_or_else(String::new, |c| c.key.to_string())
}
