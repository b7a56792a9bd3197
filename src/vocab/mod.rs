//! The template's vocabulary: section roles, column roles and cookie categories, and the
//! words that reveal them in each supported language.
//!
//! Every lookup takes a comparison key (see [`crate::normalize::key`]) and is evidence, not
//! a gate: the parser still accepts headings and columns it does not recognise, with
//! `role: None`. Tables here are plain data so that adding a language or a wording is a
//! one-line change.

mod words;

use serde::Serialize;

pub use words::{COLUMN_PHRASES, SECTION_PHRASES, TITLE_PHRASES};

/// What a section of the template is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionRole {
    /// "Qu'est-ce qu'un cookie ?" / "What is a cookie?"
    WhatIsACookie,
    /// "Les différents types de cookies" / "Types of cookies".
    CookieTypes,
    /// "A quoi servent les cookies sur la plateforme <URL>" / "What cookies are used on ...".
    CookiesUsed,
    /// A section listing cookies of one category.
    NecessaryCookies,
    /// Functional / preference cookies.
    FunctionalCookies,
    /// Analytics / statistics / audience-measurement cookies.
    AnalyticsCookies,
    /// Advertising / targeting / marketing cookies.
    AdvertisingCookies,
    /// Social-network cookies.
    SocialCookies,
    /// Cookies of another, named category.
    OtherCookies,
    /// How to accept, refuse or configure cookies.
    CookieManagement,
    /// Contact information, data protection officer.
    Contact,
}

impl SectionRole {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionRole::WhatIsACookie => "what-is-a-cookie",
            SectionRole::CookieTypes => "cookie-types",
            SectionRole::CookiesUsed => "cookies-used",
            SectionRole::NecessaryCookies => "necessary-cookies",
            SectionRole::FunctionalCookies => "functional-cookies",
            SectionRole::AnalyticsCookies => "analytics-cookies",
            SectionRole::AdvertisingCookies => "advertising-cookies",
            SectionRole::SocialCookies => "social-cookies",
            SectionRole::OtherCookies => "other-cookies",
            SectionRole::CookieManagement => "cookie-management",
            SectionRole::Contact => "contact",
        }
    }

    /// The cookie category of a category section.
    pub fn category(self) -> Option<Category> {
        Some(match self {
            SectionRole::NecessaryCookies => Category::Necessary,
            SectionRole::FunctionalCookies => Category::Functional,
            SectionRole::AnalyticsCookies => Category::Analytics,
            SectionRole::AdvertisingCookies => Category::Advertising,
            SectionRole::SocialCookies => Category::Social,
            SectionRole::OtherCookies => Category::Other,
            _ => return None,
        })
    }
}

/// What a table column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnRole {
    /// Who sets the cookie ("Nom du prestataire", "Supplier name").
    Provider,
    /// Which service and where ("Service et emplacement", "Function and location").
    Service,
    /// The cookie name(s).
    Name,
    /// What it is for ("Finalités", "Purposes").
    Purpose,
    /// How long it lives ("Durée", "Duration", "Expiration").
    Duration,
    /// The cookie category, when given per row.
    Category,
    /// An example value or content.
    Value,
}

impl ColumnRole {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Provider => "provider",
            ColumnRole::Service => "service",
            ColumnRole::Name => "name",
            ColumnRole::Purpose => "purpose",
            ColumnRole::Duration => "duration",
            ColumnRole::Category => "category",
            ColumnRole::Value => "value",
        }
    }
}

/// The category a cookie is declared under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Strictly necessary for the site to work.
    Necessary,
    /// Functional / preferences.
    Functional,
    /// Analytics, statistics, audience measurement.
    Analytics,
    /// Advertising, targeting, marketing.
    Advertising,
    /// Social networks.
    Social,
    /// Any other named category.
    Other,
}

impl Category {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Necessary => "necessary",
            Category::Functional => "functional",
            Category::Analytics => "analytics",
            Category::Advertising => "advertising",
            Category::Social => "social",
            Category::Other => "other",
        }
    }

    /// The section role of a section that lists cookies of this category.
    pub fn section_role(self) -> SectionRole {
        match self {
            Category::Necessary => SectionRole::NecessaryCookies,
            Category::Functional => SectionRole::FunctionalCookies,
            Category::Analytics => SectionRole::AnalyticsCookies,
            Category::Advertising => SectionRole::AdvertisingCookies,
            Category::Social => SectionRole::SocialCookies,
            Category::Other => SectionRole::OtherCookies,
        }
    }
}

/// Whether a heading key names the document ("Charte cookies", "Cookies policy", ...).
pub fn is_title(key: &str) -> bool {
    let key = strip_heading_numbering(key);
    TITLE_PHRASES
        .iter()
        .any(|p| key == p.key || key.starts_with(p.key) && key.len() <= p.key.len() + 24)
}

/// The role of a section from its heading key, if the wording is known.
///
/// Phrases are matched as prefixes of the key (after any numbering), so "a quoi servent les
/// cookies sur la plateforme <https://...>" is recognised by its fixed part. The longest
/// matching phrase wins.
pub fn section_role(key: &str) -> Option<SectionRole> {
    let key = strip_heading_numbering(key);
    SECTION_PHRASES
        .iter()
        .filter(|p| key.starts_with(p.key))
        .max_by_key(|p| p.key.len())
        .map(|p| p.role)
}

/// The cookie category a short label names ("Strictly necessary cookies", "Cookies
/// statistiques"), for inline labels that open a paragraph.
pub fn category_label(key: &str) -> Option<Category> {
    section_role(key).and_then(SectionRole::category)
}

/// The role of a table column from its header key.
///
/// Exact phrases first, then the longest phrase the header starts with.
pub fn column_role(key: &str) -> Option<ColumnRole> {
    let key = key.trim_matches(|c: char| c == ':' || c == '*' || c.is_whitespace());
    if let Some(p) = COLUMN_PHRASES.iter().find(|p| p.key == key) {
        return Some(p.role);
    }
    COLUMN_PHRASES
        .iter()
        .filter(|p| key.starts_with(p.key) && key.len() <= p.key.len() + 16)
        .max_by_key(|p| p.key.len())
        .map(|p| p.role)
}

/// Removes a leading section number such as `2.1.`, `3)`, `II.` from a heading key.
pub fn strip_heading_numbering(key: &str) -> &str {
    let trimmed = key.trim_start();
    let digits = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ')'))
        .unwrap_or(trimmed.len());
    if digits > 0 && trimmed[..digits].chars().any(|c| c.is_ascii_digit()) {
        return trimmed[digits..].trim_start();
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;

    #[test]
    fn recognises_corpus_headings() {
        assert!(is_title(&key("Charte cookies")));
        assert!(is_title(&key("Cookies policy")));
        assert_eq!(
            section_role(&key("Qu'est ce qu'un cookie ?")),
            Some(SectionRole::WhatIsACookie)
        );
        assert_eq!(
            section_role(&key("What is a cookie?")),
            Some(SectionRole::WhatIsACookie)
        );
        assert_eq!(
            section_role(&key(
                "A quoi servent les cookies sur la plateforme <https://x.fr>"
            )),
            Some(SectionRole::CookiesUsed)
        );
        assert_eq!(
            section_role(&key(
                "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels"
            )),
            Some(SectionRole::NecessaryCookies)
        );
        assert_eq!(
            section_role(&key("2.1. Necessary cookies")),
            Some(SectionRole::NecessaryCookies)
        );
    }

    #[test]
    fn recognises_corpus_headers() {
        let roles: Vec<_> = [
            "Nom du prestataire",
            "Service et emplacement",
            "Nom du cookies",
            "Finalités",
        ]
        .iter()
        .map(|h| column_role(&key(h)))
        .collect();
        assert_eq!(
            roles,
            [
                Some(ColumnRole::Provider),
                Some(ColumnRole::Service),
                Some(ColumnRole::Name),
                Some(ColumnRole::Purpose)
            ]
        );
        assert_eq!(column_role(&key("Cookie name(s)")), Some(ColumnRole::Name));
        assert_eq!(
            column_role(&key("Service provider's name")),
            Some(ColumnRole::Provider)
        );
        assert_eq!(column_role(&key("Colour")), None);
    }
}
