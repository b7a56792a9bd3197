//! ## What it does
//! Reports a cookie name that no browser can store. Such a name is not a token in the sense
//! of RFC 6265 (no spaces, no quotes, none of `( ) < > @ , ; : \ " / [ ] ? = { }`, only
//! ASCII). Placeholders the template uses for the variable part of a name (`SSESS<ID>`,
//! `_pk_ses.{num}`) and `*` wildcards are accepted.
//!
//! A name given as prose ("Any cookie starting with _hs") is not reported: when the cell
//! holds three words or more, mostly plain words of which at least one is a common word of
//! a supported language, it is taken as a description of a group of cookies.
//!
//! ## Why it matters
//! A cookie name that cannot exist is a mistake in the policy: a description typed in the
//! name column, a name translated along with the page (`cookies_préférences`), or two names
//! run together. Readers and tools looking for the cookie cannot find it.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	cookies préférences	Se souvenir du choix du visiteur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	cookies_preferences	Se souvenir du choix du visiteur
//! ```
//!
//! ## Fix
//! Write the cookie's real name, as the browser stores it.

use crate::cookie_name::{is_token, looks_like_cookie_name};
use crate::lang::LanguageEvidence;
use crate::lint::{Emitter, LintContext};
use crate::normalize::key;

/// Reports each declared cookie whose name is not a valid cookie name.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for cookie in &cx.doc.cookies {
        let name = &cookie.name;
        // (The cheap test first: almost every name is a token.)
        if name.is_empty() || is_token(&name.display) || is_prose(&name.display) {
            continue;
        }
        let reason = match offending(&without_placeholders(&name.display)) {
            Some(c) if c.is_whitespace() => "contains a space".to_owned(),
            Some(c) if !c.is_ascii() => format!("contains the non-ASCII character `{c}`"),
            Some(c) if c.is_control() => {
                format!("contains the control character U+{:04X}", u32::from(c))
            }
            Some(c) => format!("contains `{c}`"),
            None => "is not a valid token".to_owned(),
        };
        let _ = out
            .emit(
                name.span,
                format!("cookie name `{}` {reason}, which a cookie name cannot", name.display),
            )
            .help("write the cookie's name as the browser stores it; put descriptions in the purpose column")
            .fingerprint(format!("invalid-cookie-name:{}", name.key));
    }
}

/// The name with each placeholder (`<ID>`, `{num}`) replaced by a letter, so that the
/// message names a character of the fixed part.
fn without_placeholders(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find(['<', '{']) {
        let close_char = if rest.get(open..).is_some_and(|r| r.starts_with('<')) {
            '>'
        } else {
            '}'
        };
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find(close_char) {
            Some(close)
                if close > 0
                    && after.get(..close).is_some_and(|inner| {
                        inner.chars().all(|c| c.is_alphanumeric() || c == '_')
                    }) =>
            {
                out.push_str(rest.get(..open).unwrap_or(""));
                out.push('x');
                rest = after.get(close + 1..).unwrap_or("");
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// The first character that an RFC 6265 token cannot hold.
fn offending(name: &str) -> Option<char> {
    const SEPARATORS: &str = "()<>@,;:\\\"/[]?={} \t";
    name.chars()
        .find(|&c| !c.is_ascii() || c.is_ascii_control() || SEPARATORS.contains(c))
}

/// Whether a name cell is a description of a group of cookies rather than a name: three
/// words or more, mostly plain words (letters and apostrophes, not shaped like a cookie
/// name), at least one of them a common word of a supported language.
fn is_prose(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 3 {
        return false;
    }
    let plain = words
        .iter()
        .filter(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                && !looks_like_cookie_name(w)
        })
        .count();
    let common = words.iter().any(|w| {
        let evidence = LanguageEvidence::of(&key(w));
        crate::lang::Language::ALL
            .iter()
            .any(|l| evidence.count(*l) > 0)
    });
    plain * 2 > words.len() && common
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced() {
        assert_eq!(without_placeholders("SSESS<ID>"), "SSESSx");
        assert_eq!(without_placeholders("_pk_ses.{num}.x"), "_pk_ses.x.x");
        assert_eq!(without_placeholders("a<b c>"), "a<b c>");
    }

    #[test]
    fn prose_names_are_recognised() {
        assert!(is_prose("Any cookie starting with _hs"));
        assert!(!is_prose("sessionid"));
        assert!(!is_prose("cookies préférences"));
    }

    #[test]
    fn offending_characters_are_found() {
        assert_eq!(offending("cookies préférences"), Some(' '));
        assert_eq!(offending("préférences"), Some('é'));
        assert_eq!(offending("_pk_id.*"), None);
    }
}
