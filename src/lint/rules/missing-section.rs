//! ## What it does
//! Reports a section that the template for the document's language requires and that the
//! document does not have. By default every language requires "what is a cookie", "what
//! cookies are used on the platform" and the necessary-cookies section; the list is
//! configured per language (`required-sections`). A category section also counts as present
//! when its category is given by an inline label ("Strictly necessary cookies: ...") above a
//! table. The finding is placed where the section should be: on the heading of the section
//! that should follow it, or else at the end of the one that should precede it.
//!
//! ## Why it matters
//! A missing section is usually a block lost when the policy was copied from one portal to
//! another. Without the "cookies used" section, for instance, the policy never says which
//! platform it is about.
//!
//! ## Example
//! Failing (no "A quoi servent les cookies sur la plateforme" section):
//! ```text
//! Charte cookies
//!
//! Qu'est-ce qu'un cookie ?
//!
//! Un cookie est un petit fichier.
//!
//! Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels
//! ```
//! Passing:
//! ```text
//! Charte cookies
//!
//! Qu'est-ce qu'un cookie ?
//!
//! Un cookie est un petit fichier.
//!
//! A quoi servent les cookies sur la plateforme <https://opendata.example.org>
//!
//! Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels
//! ```
//!
//! ## Fix
//! Add the section, with the template's heading, at the reported place.

use crate::lint::canon::{section_description, section_heading, template_order, template_rank};
use crate::lint::{Emitter, LintContext};
use crate::model::Document;
use crate::source::Span;
use crate::vocab::SectionRole;

/// Reports each required section the document lacks.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let Some(required) = required_sections(cx) else {
        return;
    };
    let order = template_order(required);
    let mut reported: Vec<SectionRole> = Vec::new();
    for &role in required {
        if reported.contains(&role) || is_present(cx.doc, role) {
            continue;
        }
        reported.push(role);
        let heading = cx
            .doc
            .language
            .and_then(|language| section_heading(language, role));
        let name = heading.unwrap_or_else(|| section_description(role));
        let message = format!("the document has no \"{name}\" section ({})", role.as_str());
        let (span, help) = match place(cx, &order, role) {
            Place::Before(span, next) => (span, format!("add the section before \"{next}\"")),
            Place::After(span, previous) => (span, format!("add the section after \"{previous}\"")),
            Place::Start(span) => (span, "add the section to the document".to_owned()),
        };
        let _ = out
            .emit(span, message)
            .help(help)
            .fingerprint(format!("missing-section:{}", role.as_str()));
    }
}

/// The required sections of the document's language. A document whose language is unknown
/// is held to the configured list only when every language has the same one.
fn required_sections<'o>(cx: &LintContext<'o>) -> Option<&'o [SectionRole]> {
    let all = &cx.options.required_sections;
    match cx.doc.language {
        Some(language) => all.get(&language).map(Vec::as_slice),
        None => {
            let first = all.values().next()?;
            all.values()
                .all(|list| list == first)
                .then_some(first.as_slice())
        }
    }
}

/// Whether a section with `role` is in the document; a category section is also present
/// when a table or an inline label declares cookies of its category.
fn is_present(doc: &Document, role: SectionRole) -> bool {
    if doc.sections.iter().any(|s| s.role == Some(role)) {
        return true;
    }
    role.category().is_some_and(|category| {
        doc.tables.iter().any(|t| t.category == Some(category))
            || doc.paragraphs().any(|p| p.label == Some(category))
    })
}

/// Where a missing section should have been.
enum Place {
    /// On the heading of the section that should follow it.
    Before(Span, String),
    /// At the end of the section (and its subsections) that should precede it.
    After(Span, String),
    /// At the title, or the first line when there is no title.
    Start(Span),
}

fn place(cx: &LintContext<'_>, order: &[SectionRole], missing: SectionRole) -> Place {
    let sections = &cx.doc.sections;
    let rank = template_rank(order, missing);
    let known = || {
        sections
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.role.map(|role| (i, s, template_rank(order, role))))
    };
    if let Some((_, next, _)) = known().find(|(_, _, r)| *r > rank) {
        return Place::Before(
            next.heading.text.span,
            next.heading.text.display.to_string(),
        );
    }
    if let Some((i, previous, _)) = known().rfind(|(_, _, r)| *r < rank) {
        let end = sections
            .iter()
            .skip(i + 1)
            .take_while(|s| s.depth > previous.depth)
            .last()
            .map_or(previous.span.end, |s| s.span.end);
        return Place::After(Span::empty(end), previous.heading.text.display.to_string());
    }
    match &cx.doc.title {
        Some(title) => Place::Start(title.text.span),
        None => Place::Start(cx.source.first_content_line()),
    }
}
