//! ## What it does
//! Reports a platform URL written on its own line instead of inside the "cookies used"
//! heading. The template writes it in the heading (`A quoi servent les cookies sur la
//! plateforme <https://...>`).
//!
//! ## Why it matters
//! Documents of one family differ only where they must; a URL moved out of its heading
//! makes the heading read "... on the platform" with nothing after it, and makes the copy
//! differ from the others for no reason.
//!
//! ## Example
//! Failing:
//! ```text
//! A quoi servent les cookies sur la plateforme
//!
//! <https://opendata.example.org>
//! ```
//! Passing:
//! ```text
//! A quoi servent les cookies sur la plateforme <https://opendata.example.org>
//! ```
//!
//! ## Fix
//! Move the URL, in angle brackets, to the end of the heading above it.

use crate::lint::{Emitter, LintContext};
use crate::model::UrlPlacement;
use crate::source::Span;

/// Reports a platform URL on its own line.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let Some(url) = &cx.doc.platform_url else {
        return;
    };
    if url.placement != UrlPlacement::OwnLine {
        return;
    }
    // Report the URL with its angle brackets, when it has them: that is the text to move.
    let text = cx.text();
    let opened = url
        .span
        .start
        .checked_sub(1)
        .map(|s| Span::new(s, url.span.start));
    let closed = Span::new(url.span.end, url.span.end + 1);
    let span = match opened {
        Some(open) if open.slice(text) == "<" && closed.slice(text) == ">" => open.cover(closed),
        _ => url.span,
    };
    let related = url
        .section
        .and_then(|s| cx.doc.sections.get(s))
        .map(|s| out.related(s.heading.text.span, "the heading it belongs in"));
    let mut diagnostic = out
        .emit(
            span,
            format!(
                "the platform URL {} is on its own line instead of in the heading",
                url.url
            ),
        )
        .help("move the URL, in angle brackets, to the end of the heading above it")
        .fingerprint(format!("detached-platform-url:{}", url.url));
    if let Some(related) = related {
        diagnostic = diagnostic.related(related);
    }
    drop(diagnostic);
}
