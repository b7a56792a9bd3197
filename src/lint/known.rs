//! Built-in knowledge: wording errors seen in the template, and well-known third-party
//! cookies with their usual category. Both lists are extended from configuration.

use crate::normalize::key;
use crate::vocab::Category;

/// A wording error and its correction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownTypo {
    /// The wrong wording, as a comparison key.
    pub wrong: String,
    /// The wrong wording as shown to users.
    pub wrong_display: String,
    /// The corrections, as shown to users.
    pub right: Vec<String>,
}

impl KnownTypo {
    /// Builds an entry from a `(wrong, right)` pair.
    pub fn new(wrong: &str, right: &[&str]) -> Self {
        KnownTypo {
            wrong: key(wrong),
            wrong_display: wrong.to_owned(),
            right: right.iter().map(|r| (*r).to_owned()).collect(),
        }
    }

    pub(crate) fn from_builtin(entry: &(&str, &[&str])) -> Self {
        KnownTypo::new(entry.0, entry.1)
    }
}

/// Wording errors seen in copies of the template. Only plain errors belong here, not
/// wordings that are merely less usual: "Cookies policy", the title of the English
/// template, is correct (British usage) and is not listed.
pub static BUILTIN_TYPOS: &[(&str, &[&str])] = &[
    // French header: a singular article with a plural noun.
    ("Nom du cookies", &["Nom des cookies", "Nom du cookie"]),
    // French heading: "qu'est-ce" takes a hyphen.
    ("Qu'est ce qu'", &["Qu'est-ce qu'"]),
    ("Qu'est ce que", &["Qu'est-ce que"]),
    // French definition: the prefix "re-" is welded ("reconnecter" in the dictionaries).
    ("re-connecterez", &["reconnecterez"]),
    // English header of some translations: the plural mark doubled.
    ("Cookie name(s)s", &["Cookie name(s)"]),
];

/// A well-known cookie: a name or a `*` pattern, its category and usual provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownCookie {
    /// The name or pattern (`_ga_*`), case-sensitive as browsers are.
    pub pattern: String,
    /// The category it belongs to.
    pub category: Category,
    /// Who usually sets it.
    pub provider: String,
}

impl KnownCookie {
    pub(crate) fn from_builtin(entry: &(&str, Category, &str)) -> Self {
        KnownCookie {
            pattern: entry.0.to_owned(),
            category: entry.1,
            provider: entry.2.to_owned(),
        }
    }

    /// Whether `name` (as written in a table) is this cookie. A pattern's `*` matches any
    /// run of characters; a name written with a wildcard matches if its fixed prefix does.
    pub fn matches(&self, name: &str) -> bool {
        let name = name.trim_end_matches('*').trim_end_matches('.');
        // Both ways of matching need the name to start as the pattern does: a quick
        // rejection for the usual case, a name compared with every known cookie.
        if let (Some(&p), Some(&n)) = (self.pattern.as_bytes().first(), name.as_bytes().first()) {
            if p != b'*' && p != n {
                return false;
            }
        }
        wildcard_match(&self.pattern, name)
            || self.pattern.split_once('*').is_some_and(|(prefix, _)| {
                !prefix.is_empty() && name == prefix.trim_end_matches(['.', '_'])
            })
    }
}

fn wildcard_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((prefix, suffix)) => {
            name.len() >= prefix.len() + suffix.len()
                && name.starts_with(prefix)
                && name.ends_with(suffix)
        }
    }
}

use Category::{Advertising, Analytics, Functional, Social};

/// Well-known cookies whose category does not depend on the site.
pub static BUILTIN_COOKIES: &[(&str, Category, &str)] = &[
    ("_ga", Analytics, "Google"),
    ("_ga_*", Analytics, "Google"),
    ("_gid", Analytics, "Google"),
    ("_gat", Analytics, "Google"),
    ("_gat_*", Analytics, "Google"),
    ("__utma", Analytics, "Google"),
    ("__utmb", Analytics, "Google"),
    ("__utmc", Analytics, "Google"),
    ("__utmz", Analytics, "Google"),
    ("_pk_id*", Analytics, "Matomo"),
    ("_pk_ses*", Analytics, "Matomo"),
    ("_pk_ref*", Analytics, "Matomo"),
    ("_pk_cvar*", Analytics, "Matomo"),
    ("MATOMO_SESSID", Analytics, "Matomo"),
    ("_hjid", Analytics, "Hotjar"),
    ("_hjSessionUser_*", Analytics, "Hotjar"),
    ("_hjSession_*", Analytics, "Hotjar"),
    ("_hjSessionUser", Analytics, "Hotjar"),
    ("_hjAbsoluteSessionInProgress", Analytics, "Hotjar"),
    ("_clck", Analytics, "Microsoft Clarity"),
    ("_clsk", Analytics, "Microsoft Clarity"),
    ("xtvrn", Analytics, "AT Internet"),
    ("atuserid", Analytics, "AT Internet"),
    ("_fbp", Advertising, "Meta"),
    ("fr", Advertising, "Meta"),
    ("IDE", Advertising, "Google"),
    ("test_cookie", Advertising, "Google"),
    ("NID", Advertising, "Google"),
    ("_gcl_au", Advertising, "Google"),
    ("MUID", Advertising, "Microsoft"),
    ("_uetsid", Advertising, "Microsoft"),
    ("_uetvid", Advertising, "Microsoft"),
    ("bcookie", Social, "LinkedIn"),
    ("lidc", Social, "LinkedIn"),
    ("personalization_id", Social, "X (Twitter)"),
    ("VISITOR_INFO1_LIVE", Advertising, "YouTube"),
    ("YSC", Social, "YouTube"),
    ("__hssc", Analytics, "HubSpot"),
    ("__hssrc", Analytics, "HubSpot"),
    ("__hstc", Analytics, "HubSpot"),
    ("hubspotutk", Analytics, "HubSpot"),
    ("lang", Functional, "LinkedIn"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_names_and_written_wildcards() {
        let pk = KnownCookie::from_builtin(&("_pk_id*", Analytics, "Matomo"));
        assert!(pk.matches("_pk_id.1.1fff"));
        assert!(pk.matches("_pk_id.*"));
        assert!(!pk.matches("_pk_ses.1"));
        let ga = KnownCookie::from_builtin(&("_ga", Analytics, "Google"));
        assert!(ga.matches("_ga"));
        assert!(!ga.matches("_gat"));
        assert!(!ga.matches("*"));
        let any = KnownCookie::from_builtin(&("*_session", Analytics, "Any"));
        assert!(any.matches("php_session"));
        assert!(!any.matches("php_sessions"));
    }
}
