//! ## What it does
//! Reports a cookie whose provider, service, purpose, duration or category differs from
//! what the other documents of its family (same template, same language) declare for the
//! same cookie. The diagnostic points at this document's cell and, as a related location,
//! at a document holding the usual value.
//!
//! Within a family, a field's usual value is the one more than `majority` (default half) of
//! the members declaring the cookie give, counted only when at least `min-family-size`
//! (default 3) of them give a value; with no majority, nothing is reported. When the
//! family cannot judge (it is too small, a translation on its own, or too few of its
//! members declare the cookie), the language-neutral fields (provider and category) are
//! compared with every document of the corpus instead, with the same thresholds.
//!
//! ## Why it matters
//! The same cookie set by the same software has one provider, one purpose and one lifetime;
//! a policy that says otherwise misinforms its readers, and usually comes from a hand edit
//! that was not carried over to the other portals.
//!
//! ## Example
//! With the other documents of the family giving "Opendatasoft" as the provider of
//! `sessionid`, failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom du cookie	Finalités
//! Example SA	Authentification	sessionid	Se souvenir de l'utilisateur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom du cookie	Finalités
//! Opendatasoft	Authentification	sessionid	Se souvenir de l'utilisateur
//! ```
//!
//! ## Fix
//! Correct the cell, or the other documents if this one is right.

use crate::corpus::{
    excerpt, related, CookieSummary, CorpusContext, CorpusEmitter, DocumentSummary, Field,
    FieldVerdict,
};

/// Compares each field of each declared cookie with its family's (or the corpus's) usual
/// value.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let consensus = cx.consensus(d);
        for cookie in &doc.cookies {
            let family_cookie = consensus.and_then(|(_, c)| c.cookies.get(cookie.key()));
            for field in Field::ALL {
                let Some(value) = cookie.field(field) else {
                    continue;
                };
                let family_verdict = family_cookie.map_or(FieldVerdict::TooFew, |c| c.field(field));
                let (verdict, scope) = match family_verdict {
                    FieldVerdict::TooFew if field.is_language_neutral() => {
                        (cx.global.verdict(cookie.key(), field), "of the corpus")
                    }
                    verdict => (verdict, "of its family"),
                };
                let FieldVerdict::Usual {
                    key,
                    count,
                    of,
                    holder,
                } = verdict
                else {
                    continue;
                };
                if key == value.key {
                    continue;
                }
                let Some(holder) = cx.summary(holder) else {
                    continue;
                };
                report(out, doc, cookie, field, holder, (count, of, scope));
            }
        }
    }
}

fn report(
    out: &mut CorpusEmitter<'_>,
    doc: &DocumentSummary,
    cookie: &CookieSummary,
    field: Field,
    holder: &DocumentSummary,
    (count, of, scope): (usize, usize, &str),
) {
    let Some(value) = cookie.field(field) else {
        return;
    };
    let usual = holder.cookie(cookie.key()).and_then(|c| c.field(field));
    let usual_text = usual.map_or(String::new(), |u| excerpt(u.text, 60));
    let mut diagnostic = out
        .emit(
            doc,
            value.place,
            format!(
                "the {} of `{}` is \"{}\" here but \"{usual_text}\" in {count} of the {of} documents {scope} that declare it",
                field.as_str(),
                cookie.name(),
                excerpt(value.text, 60),
            ),
            format!("{} {} {}", cookie.key(), field.as_str(), crate::normalize::key(value.text)),
        )
        .help(format!(
            "use the same {} as the other documents, or correct them if this one is right",
            field.as_str()
        ));
    if let Some(usual) = usual {
        diagnostic = diagnostic.related(related(
            holder,
            usual.place,
            format!("the usual {}", field.as_str()),
        ));
    }
    drop(diagnostic);
}
