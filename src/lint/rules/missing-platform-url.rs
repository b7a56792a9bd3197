//! ## What it does
//! Reports a document that names no platform URL. The URL is looked for in the heading of
//! the "cookies used" section (`... sur la plateforme <https://...>`), on its own line after
//! that heading, and in any other heading. The finding is placed on the "cookies used" heading,
//! or on the title when that section is missing.
//!
//! ## Why it matters
//! The policy must say which site it applies to; a portal's policy copied without its URL
//! reads as if it applied to any site, and cannot be matched with the portal it belongs to.
//!
//! ## Example
//! Failing:
//! ```text
//! Cookies policy
//!
//! What cookies are used on the platform
//!
//! Necessary cookies
//! ```
//! Passing:
//! ```text
//! Cookies policy
//!
//! What cookies are used on the <https://opendata.example.org> platform
//!
//! Necessary cookies
//! ```
//!
//! ## Fix
//! Write the portal's URL in angle brackets in the "cookies used" heading.

use crate::lint::{Emitter, LintContext};
use crate::vocab::SectionRole;

/// Reports a document without a platform URL.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    if cx.doc.platform_url.is_some() {
        return;
    }
    let used = cx
        .doc
        .sections
        .iter()
        .find(|s| s.role == Some(SectionRole::CookiesUsed));
    let (span, message) = match (used, &cx.doc.title) {
        (Some(section), _) => (
            section.heading.text.span,
            format!(
                "section \"{}\" names no platform URL",
                section.heading.text.display
            ),
        ),
        (None, Some(title)) => (
            title.text.span,
            "the document names no platform URL".to_owned(),
        ),
        (None, None) => (
            cx.source.first_content_line(),
            "the document names no platform URL".to_owned(),
        ),
    };
    let _ = out
        .emit(span, message)
        .help("write the portal's URL in angle brackets in the \"cookies used\" heading, such as \"... platform <https://opendata.example.org>\"")
        .fingerprint("missing-platform-url");
}
