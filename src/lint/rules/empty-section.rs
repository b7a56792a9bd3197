//! ## What it does
//! Reports a section with nothing in it: no paragraph, no table and no subsection, that is
//! a heading directly followed by another heading of the same or a higher level, or by the
//! end of the document. A section whose content is its subsections is not empty, and
//! neither is a "cookies used" section whose only content is the platform URL on its own
//! line, or the category sections that follow it (even at the same level, as with setext
//! headings, which have only two levels).
//!
//! ## Why it matters
//! An empty section promises content it does not give; it is usually what remains of a
//! table or a paragraph lost while the policy was copied.
//!
//! ## Example
//! Failing:
//! ```text
//! Cookies policy
//!
//! What is a cookie?
//!
//! What cookies are used on the <https://opendata.example.org> platform
//! ```
//! Passing:
//! ```text
//! Cookies policy
//!
//! What is a cookie?
//!
//! A cookie is a small file stored by your browser.
//! ```
//!
//! ## Fix
//! Restore the section's content, or remove the heading.

use crate::lint::{Emitter, LintContext};
use crate::model::UrlPlacement;
use crate::vocab::SectionRole;

/// Reports each section without content.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    // Which sections have a subsection, in one pass (a scan per section is quadratic on a
    // document of 50,000 headings).
    let mut has_child = vec![false; doc.sections.len()];
    for parent in doc.sections.iter().filter_map(|s| s.parent) {
        if let Some(slot) = has_child.get_mut(parent) {
            *slot = true;
        }
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let has_content = !section.paragraphs.is_empty() || !section.tables.is_empty();
        let has_subsection = has_child.get(i).copied().unwrap_or(false);
        let has_url = doc
            .platform_url
            .as_ref()
            .is_some_and(|u| u.section == Some(i) && u.placement == UrlPlacement::OwnLine);
        let followed_by_categories = section.role == Some(SectionRole::CookiesUsed)
            && doc
                .sections
                .get(i + 1)
                .and_then(|next| next.role)
                .is_some_and(|role| role.category().is_some());
        if has_content || has_subsection || has_url || followed_by_categories {
            continue;
        }
        let heading = &section.heading.text;
        let _ = out
            .emit(
                heading.span,
                format!("section \"{}\" is empty", heading.display),
            )
            .help("restore the section's paragraphs or table, or remove the heading")
            .fingerprint(format!("empty-section:{}", heading.key));
    }
}
