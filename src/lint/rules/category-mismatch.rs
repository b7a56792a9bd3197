//! ## What it does
//! Reports a well-known tracking cookie declared under the wrong category. That is an
//! analytics, advertising or social-network cookie (`_ga`, `_pk_id.*`, `_fbp`, `bcookie`,
//! ...) listed among the strictly necessary cookies, or an analytics or advertising cookie
//! listed under another category (functional, or analytics for an advertising cookie and
//! the reverse). Cookies listed under "other cookies" are not checked, and an advertising
//! cookie listed among social-network cookies (YouTube's, Meta's) is accepted.
//!
//! The list of well-known cookies is built in and can be extended in the configuration.
//!
//! ## Why it matters
//! Necessary cookies are set without consent. Declaring a tracking cookie as necessary
//! tells visitors it cannot be refused, which is both wrong and unlawful.
//!
//! ## Example
//! Failing:
//! ```text
//! Necessary cookies
//!
//! Provider	Cookie name	Purpose
//! Google	_ga	To tell visitors apart
//! ```
//! Passing:
//! ```text
//! Analytics cookies
//!
//! Provider	Cookie name	Purpose
//! Google	_ga	To tell visitors apart
//! ```
//!
//! ## Fix
//! Move the cookie to a table under its category (and ask for consent before setting it).

use crate::lint::{Emitter, LintContext};
use crate::vocab::Category;

/// Reports each declared cookie whose well-known category contradicts its declared one.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for cookie in &cx.doc.cookies {
        let Some(declared) = cookie.category else {
            continue;
        };
        let name = cookie.name.display.as_ref();
        let Some(known) = cx.options.cookies.iter().find(|k| k.matches(name)) else {
            continue;
        };
        if !contradicts(known.category, declared) {
            continue;
        }
        let expected = known.category.as_str();
        let _ = out
            .emit(
                cookie.name.span,
                format!(
                    "`{name}` is a {} {expected} cookie but is declared as {}",
                    known.provider,
                    declared.as_str()
                ),
            )
            .help(format!("move `{name}` to the table of {expected} cookies"));
    }
}

/// Whether declaring a cookie known to be `known` under `declared` is wrong.
fn contradicts(known: Category, declared: Category) -> bool {
    use Category::{Advertising, Analytics, Functional, Necessary, Social};
    matches!(
        (known, declared),
        (Analytics | Advertising | Social, Necessary)
            | (Analytics, Functional | Advertising)
            | (Advertising, Functional | Analytics)
    )
}
