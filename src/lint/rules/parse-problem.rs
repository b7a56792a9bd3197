//! ## What it does
//! Reports each place the parser could not fully understand. That is a row of a table whose
//! separators were lost and whose columns could not be recovered, bytes that were not
//! valid in the file's encoding and were replaced by U+FFFD when it was decoded, or, in
//! Markdown, a table indented by four spaces or more: Markdown shows it as a code block, so
//! its cookies are not read (the finding points at its first row).
//!
//! ## Why it matters
//! The other rules see the document only as the parser understood it. Where it had to
//! guess, a cookie may be missing from the model, or a cell may hold the text of a whole
//! row, and their findings there cannot be trusted.
//!
//! ## Example
//! Failing (the last row lost its separators and matches none of the header's columns):
//! ```text
//! Supplier name Service Cookie name Purpose
//! Example SA Authentication (front and back office) sessionid To remember the user
//! see the list below
//! ```
//! Passing:
//! ```text
//! Supplier name	Service	Cookie name	Purpose
//! Example SA	Authentication (front and back office)	sessionid	To remember the user
//! ```
//!
//! ## Fix
//! Restore the text at the reported place: put back the tab or pipe separators of the row,
//! re-save the file in UTF-8 from a copy whose characters are intact, or remove the
//! indentation of the table.

use crate::lint::{Emitter, LintContext};
use crate::normalize::key;

/// Reports every problem the parser recorded.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for problem in cx.problems {
        let _ = out
            .emit(problem.span, problem.message.clone())
            .help("fix the text here so that it can be read without guessing; other findings about it may be wrong")
            .fingerprint(format!(
                "problem:{}:{}",
                problem.message,
                key(cx.source.slice(problem.span))
            ));
    }
}
