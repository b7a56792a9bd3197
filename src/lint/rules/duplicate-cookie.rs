//! ## What it does
//! Reports a cookie declared more than once in a document. The same name (case, width and
//! invisible characters aside) may be repeated in two rows of one table, in two tables, or
//! twice in one cell. Each later declaration is reported, with the first one as related location.
//!
//! ## Why it matters
//! A cookie has one provider, one purpose and one duration; two declarations either repeat
//! each other (a row pasted twice) or contradict each other, and readers cannot tell which
//! is right.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur
//! Opendatasoft	sessionid	Se souvenir de la langue du visiteur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur
//! Opendatasoft	django_language	Se souvenir de la langue du visiteur
//! ```
//!
//! ## Fix
//! Remove the repeated row, or merge the two declarations into one.

use rustc_hash::FxHashMap;

use crate::lint::{Emitter, LintContext};
use crate::model::Cookie;

/// Reports every declaration of a cookie after its first.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let mut first: FxHashMap<&str, &Cookie> = FxHashMap::default();
    for cookie in &cx.doc.cookies {
        let name = &cookie.name;
        if !name.key.chars().any(char::is_alphanumeric) {
            continue;
        }
        let Some(earlier) = first.get(name.key.as_ref()) else {
            first.insert(name.key.as_ref(), cookie);
            continue;
        };
        let line = cx.source.line(earlier.name.span.start);
        let related = out.related(earlier.name.span, "first declared here");
        let _ = out
            .emit(
                name.span,
                format!(
                    "cookie `{}` is declared more than once; it is first declared on line {line}",
                    name.display
                ),
            )
            .help("remove the repeated declaration, or merge the two into one row")
            .related(related)
            .fingerprint(format!("duplicate-cookie:{}", name.key));
    }
}
