//! ## What it does
//! Reports a table whose columns were recovered from lost separators. Cells joined by
//! single spaces, or glued together, as when a page is copied as text, are split again by
//! the parser from the header's words and the shape of cookie names. The finding is on the header.
//!
//! ## Why it matters
//! Recovered columns are a best guess: a provider name that runs into the service, or a
//! purpose that starts with a word shaped like a cookie name, can be split at the wrong
//! place. Someone should check the split once, then restore the separators.
//!
//! ## Example
//! Failing:
//! ```text
//! Supplier name Service Cookie name Purpose
//! Example SA Authentication (front and back office) sessionid To remember the user
//! ```
//! Passing:
//! ```text
//! Supplier name	Service	Cookie name	Purpose
//! Example SA	Authentication (front and back office)	sessionid	To remember the user
//! ```
//!
//! ## Fix
//! Check how the rows were split (`cookielint convert` shows the cells), then put tabs or
//! pipes back between the cells.

use crate::lint::{Emitter, LintContext};
use crate::wording::counted;

/// Reports each table whose columns were inferred.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in cx.doc.tables.iter().filter(|t| t.inferred) {
        let span = table
            .header
            .or_else(|| table.rows.first().map(|r| r.span))
            .unwrap_or(table.span);
        let rows = table.rows.len();
        let _ = out
            .emit(
                span,
                format!(
                    "the {} and {} of this table were recovered from lost separators",
                    counted(table.columns.len(), "column", "columns"),
                    counted(rows, "row", "rows")
                ),
            )
            .help("check that each cell was split at the right place, then restore tab or pipe separators between the cells");
    }
}
