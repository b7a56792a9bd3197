//! ## What it does
//! Reports a translation that declares a different set of cookies than the family it
//! translates: a cookie the original family usually declares and the translation lacks, or
//! a cookie the translation declares and no document of the original family does.
//!
//! A family (same template, one language) is taken as a translation of a larger family in
//! another language when both have the same table columns and share cookies. Differences a
//! per-family rule already reports are not repeated: when the translation's own family is
//! large enough to have a consensus, a cookie it usually declares and this document lacks is
//! `missing-cookie`'s, and a cookie only this document of its family declares is
//! `extra-cookie`'s.
//!
//! A paragraph or cell left in the original's language (the French "(front et back
//! office)" in an English table) is reported by the per-document rule `mixed-language`,
//! which sees the words themselves and points at the fragment; this rule does not report it
//! a second time.
//!
//! ## Why it matters
//! A translation is the same policy for other readers: if it lists other cookies than the
//! original, one of the two misinforms its readers, usually because a row was added or
//! removed in one language and not in the other.
//!
//! ## Example
//! With the French family declaring `sessionid`, `django_language` and `csrftoken`,
//! failing (an English translation):
//! ```text
//! Service provider's name	Function and location	Cookie name(s)	Purposes
//! Opendatasoft	Authentication	sessionid	To remember the user
//! Opendatasoft	Language selection	django_language	To remember the visitor's language
//! ```
//! Passing: the same table with the `csrftoken` row.
//!
//! ## Fix
//! Add or remove the row so that every language declares the same cookies.

use rustc_hash::FxHashSet;

use crate::corpus::{
    language_name, related, row_description, table_place, CorpusContext, CorpusEmitter,
};

/// Compares each translation's cookies with the usual cookies of the family it translates.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let Some(family) = cx.family(d) else {
            continue;
        };
        let Some(original) = family.translation_of.and_then(|o| cx.families.get(o)) else {
            continue;
        };
        let Some(reference) = original.consensus.as_ref() else {
            continue;
        };
        let own = family.consensus.as_ref();
        let language = language_name(original.language);
        let size = original.members.len();
        let declared: FxHashSet<&str> = doc.cookies.iter().map(|c| c.key()).collect();
        for key in reference.usual_cookies() {
            let reported_by_missing_cookie =
                own.is_some_and(|c| c.cookies.get(key).is_some_and(|cc| cc.usual));
            if declared.contains(key) || reported_by_missing_cookie {
                continue;
            }
            let Some(usual) = reference.cookies.get(key) else {
                continue;
            };
            let holder = cx.summary(usual.holder);
            let cookie = holder.and_then(|h| h.cookie(key));
            let mut diagnostic = out
                .emit(
                    doc,
                    table_place(doc, cookie.and_then(|c| c.category)),
                    format!(
                        "this translation does not declare `{}`, which {} of the {size} {language} documents it translates declare",
                        usual.name, usual.declared
                    ),
                    format!("translation missing {key}"),
                )
                .help(format!(
                    "add its row ({}), translated, or remove it from the {language} documents",
                    holder.map_or_else(String::new, |h| row_description(h, key))
                ));
            if let (Some(holder), Some(cookie)) = (holder, cookie) {
                diagnostic = diagnostic.related(related(holder, cookie.place, "declared here"));
            }
            drop(diagnostic);
        }
        for cookie in &doc.cookies {
            let reported_by_extra_cookie = own.is_some_and(|c| {
                c.cookies
                    .get(cookie.key())
                    .is_some_and(|cc| cc.declared == 1)
            });
            if reference.cookies.contains_key(cookie.key()) || reported_by_extra_cookie {
                continue;
            }
            let _ = out
                .emit(
                    doc,
                    cookie.place,
                    format!(
                        "this translation declares `{}`, which none of the {size} {language} documents it translates declares",
                        cookie.name()
                    ),
                    format!("translation extra {}", cookie.key()),
                )
                .help(format!(
                    "remove the row, or add it to the {language} documents if the platform sets it"
                ));
        }
    }
}
