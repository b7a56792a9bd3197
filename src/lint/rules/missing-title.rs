//! ## What it does
//! Reports a document that has no title: no heading worded like the template's title
//! ("Charte cookies", "Cookies policy", ...) and no untitled first heading before the first
//! section.
//!
//! ## Why it matters
//! The title tells readers and search engines what the page is; a policy that starts
//! directly with "What is a cookie?" was usually cut when it was copied.
//!
//! ## Example
//! Failing:
//! ```text
//! Qu'est-ce qu'un cookie ?
//!
//! Un cookie est ...
//! ```
//! Passing:
//! ```text
//! Charte cookies
//!
//! Qu'est-ce qu'un cookie ?
//! ```
//!
//! ## Fix
//! Add the template's title as the first heading.

use crate::lint::{Emitter, LintContext};

/// Reports a document without a title.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    if cx.doc.title.is_some() {
        return;
    }
    let _ = out
        .emit(cx.source.first_content_line(), "the document has no title")
        .help("start the document with the template's title, such as \"Charte cookies\" or \"Cookies policy\"");
}
