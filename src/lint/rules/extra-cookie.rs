//! ## What it does
//! Reports a cookie that this document declares and no other document of its family (same
//! template, same language) does. Cookies are matched by name (case-insensitive).
//! Families smaller than `min-family-size` (default 3) are not judged.
//!
//! ## Why it matters
//! A cookie only one portal of a family declares is either a cookie that portal really
//! sets (and then the other policies may be incomplete), a leftover from another site, or
//! a misspelt name. It is worth a look, not necessarily wrong, hence the `info` severity.
//!
//! ## Example
//! With no other document of the family declaring `_pk_id`, failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom du cookie	Finalités
//! Opendatasoft	Authentification	sessionid	Se souvenir de l'utilisateur
//! Matomo	Statistiques	_pk_id	Mesurer l'audience
//! ```
//! Passing: the same table without the `_pk_id` row, or other documents of the family
//! declaring it too.
//!
//! ## Fix
//! Check that the platform sets the cookie; remove the row if it does not.

use crate::corpus::{CorpusContext, CorpusEmitter};

/// Reports each cookie declared by one member of a judged family only.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let Some((family, consensus)) = cx.consensus(d) else {
            continue;
        };
        for cookie in &doc.cookies {
            if consensus
                .cookies
                .get(cookie.key())
                .is_some_and(|c| c.declared == 1)
            {
                let _ = out
                    .emit(
                        doc,
                        cookie.place,
                        format!(
                            "cookie `{}` is declared here and in no other of the {}",
                            cookie.name(),
                            cx.describe(family)
                        ),
                        format!("extra {}", cookie.key()),
                    )
                    .help("check that the platform sets it; if it does, the other documents of the family may lack it");
            }
        }
    }
}
