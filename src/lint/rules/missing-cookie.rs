//! ## What it does
//! Reports a cookie that most documents of the family (same template, same language)
//! declare but this document does not. Cookies are matched by name (case-insensitive).
//! The diagnostic points at the table where the cookie would be (the table of its usual
//! category), with a related location in a document that declares it.
//!
//! A cookie is usual in a family when more than `majority` (default half) of its members
//! declare it; families smaller than `min-family-size` (default 3) are not judged.
//!
//! ## Why it matters
//! Portals of one family run the same software and set the same cookies: a policy that
//! leaves one out under-declares what the platform stores, which consent rules forbid.
//!
//! ## Example
//! With the other documents of the family declaring `sessionid`, `csrftoken` and
//! `django_language`, failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom du cookie	Finalités
//! Opendatasoft	Authentification	sessionid	Se souvenir de l'utilisateur
//! Opendatasoft	API (CSRF)	csrftoken	Récupérer des données via des appels API
//! ```
//! Passing: the same table with the `django_language` row.
//!
//! ## Fix
//! Add the cookie's row if the platform sets it; if it does not, the other documents may be
//! out of date.

use rustc_hash::FxHashSet;

use crate::corpus::{related, row_description, table_place, CorpusContext, CorpusEmitter};

/// Reports each usual cookie of the family that a judged document lacks.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let Some((family, consensus)) = cx.consensus(d) else {
            continue;
        };
        let declared: FxHashSet<&str> = doc.cookies.iter().map(|c| c.key()).collect();
        for key in consensus.usual_cookies() {
            if declared.contains(key) {
                continue;
            }
            let Some(usual) = consensus.cookies.get(key) else {
                continue;
            };
            let holder = cx.summary(usual.holder);
            let cookie = holder.and_then(|h| h.cookie(key));
            let category = cookie.and_then(|c| c.category);
            let mut diagnostic = out
                .emit(
                    doc,
                    table_place(doc, category),
                    format!(
                        "cookie `{}` is missing: {} of the {} declare it",
                        usual.name,
                        usual.declared,
                        cx.describe(family)
                    ),
                    format!("missing {key}"),
                )
                .help(format!(
                    "add its row ({}) if the platform sets it; otherwise the other documents may be out of date",
                    holder.map_or_else(String::new, |h| row_description(h, key))
                ));
            if let (Some(holder), Some(cookie)) = (holder, cookie) {
                diagnostic = diagnostic.related(related(holder, cookie.place, "declared here"));
            }
            drop(diagnostic);
        }
    }
}
