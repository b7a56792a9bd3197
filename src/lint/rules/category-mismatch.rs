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

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use crate::lint::known::KnownCookie;
use crate::lint::{Emitter, LintContext};
use crate::memo::{remembered_for, Memo, SharedMemo};
use crate::vocab::Category;

thread_local! {
    /// The index of the known cookie each shared name is (see [`check`]).
    static KNOWN: RefCell<SharedMemo<Option<usize>>> = RefCell::new(Memo::default());
}

/// A hash of the known cookies' patterns, in order.
fn fingerprint(cookies: &[KnownCookie]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for cookie in cookies {
        cookie.pattern.hash(&mut hasher);
    }
    hasher.finish()
}

/// Reports each declared cookie whose well-known category contradicts its declared one.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let known_cookies = &cx.options.cookies;
    let mut scope = None;
    for cookie in &cx.doc.cookies {
        let Some(declared) = cookie.category else {
            continue;
        };
        let name = cookie.name.display.as_ref();
        // Which known cookie a name is, remembered per thread by the shared name under a
        // fingerprint of the list (a corpus declares the same cookies in every document).
        let scope = *scope.get_or_insert_with(|| fingerprint(known_cookies));
        let found = remembered_for(
            &KNOWN,
            scope,
            &cookie.name.display,
            |name| known_cookies.iter().position(|k| k.matches(name)),
            |_| 8,
        );
        let Some(known) = found.and_then(|i| known_cookies.get(i)) else {
            continue;
        };
        if !contradicts(known.category, declared) {
            continue;
        }
        let expected = known.category.as_str();
        // The article goes with the category (the provider is optional and may be anything).
        let article = if expected.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let from = match known.provider.trim() {
            "" => String::new(),
            provider => format!(" from {provider}"),
        };
        let _ = out
            .emit(
                cookie.name.span,
                format!(
                    "`{name}` is {article} {expected} cookie{from} but is declared as {}",
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

#[cfg(test)]
mod tests {
    use crate::lint::{lint_document, LintOptions, RuleSettings};
    use crate::model::{parse, ParseOptions};
    use crate::source::SourceFile;
    use crate::vocab::Category;

    /// The messages of this rule for the rule's fixture under `options`.
    fn messages(options: &LintOptions) -> Vec<String> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/category-mismatch/fires.txt"
        );
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let source = SourceFile::from_text("fires.txt", text);
        let parsed = parse(&source, ParseOptions::default());
        lint_document(&source, &parsed, options, &RuleSettings::default())
            .into_iter()
            .filter(|d| d.rule == "category-mismatch")
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn remembered_matches_follow_the_list_of_known_cookies() {
        let builtin = LintOptions::default();
        let first = messages(&builtin);
        assert_eq!(first.len(), 3, "{first:?}");
        // Another list on the same thread: the memo must not answer from the first one.
        let mut other = LintOptions::default();
        other.cookies.retain(|c| c.pattern != "_gid");
        other.cookies.insert(
            0,
            crate::config::cookie("_fbp", Category::Functional, "Meta"),
        );
        let second = messages(&other);
        assert_eq!(second.len(), 1, "{second:?}");
        assert!(
            second[0].starts_with("`_ga` is an analytics cookie from Google but"),
            "{second:?}"
        );
        // The same patterns in the same order, one category changed: matched again.
        let mut recategorised = LintOptions::default();
        for cookie in &mut recategorised.cookies {
            if cookie.pattern == "_ga" {
                cookie.category = Category::Necessary;
            }
        }
        assert_eq!(messages(&recategorised).len(), 2);
        assert_eq!(messages(&builtin), first);
    }
}
