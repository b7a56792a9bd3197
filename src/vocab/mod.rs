//! The template's vocabulary: section roles, column roles and cookie categories, and the
//! words that reveal them in each supported language.
//!
//! Every lookup takes a comparison key (see [`crate::normalize::key`]) and is evidence, not
//! a gate: the parser still accepts headings and columns it does not recognise, with
//! `role: None`. Tables here are plain data so that adding a language or a wording is a
//! one-line change.

mod words;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use serde::Serialize;

pub use words::{
    ColumnPhrase, SectionPhrase, TitlePhrase, COLUMN_PHRASES, SECTION_PHRASES, TITLE_PHRASES,
};

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
    /// Every role, in the order the template writes its sections.
    pub const ALL: [SectionRole; 11] = [
        SectionRole::WhatIsACookie,
        SectionRole::CookieTypes,
        SectionRole::CookiesUsed,
        SectionRole::NecessaryCookies,
        SectionRole::FunctionalCookies,
        SectionRole::AnalyticsCookies,
        SectionRole::AdvertisingCookies,
        SectionRole::SocialCookies,
        SectionRole::OtherCookies,
        SectionRole::CookieManagement,
        SectionRole::Contact,
    ];

    /// The role named `name` (kebab-case, as in JSON and configuration).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

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
    /// Every role.
    pub const ALL: [ColumnRole; 7] = [
        ColumnRole::Provider,
        ColumnRole::Service,
        ColumnRole::Name,
        ColumnRole::Purpose,
        ColumnRole::Duration,
        ColumnRole::Category,
        ColumnRole::Value,
    ];

    /// The role named `name` (kebab-case).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == name)
    }

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
    /// Every category.
    pub const ALL: [Category; 6] = [
        Category::Necessary,
        Category::Functional,
        Category::Analytics,
        Category::Advertising,
        Category::Social,
        Category::Other,
    ];

    /// The category named `name` (kebab-case).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

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

/// `key` without its diacritics (`nécessaires` gives `necessaires`): legacy copies often
/// lost their accents, and a heading or column header stays recognisable without them.
pub fn without_accents(key: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    if key.is_ascii() {
        return std::borrow::Cow::Borrowed(key);
    }
    std::borrow::Cow::Owned(key.nfd().filter(|&c| !is_combining_mark(c)).nfc().collect())
}

/// Every phrase of `table`, then an accent-free copy of each that has accents: the tables
/// every matcher reads (built once per process).
fn with_unaccented<P>(
    table: &'static [P],
    keys: &'static OnceLock<Vec<String>>,
    phrases: &'static OnceLock<Vec<P>>,
    key: fn(&P) -> &'static str,
    rekey: fn(&P, &'static str) -> P,
) -> &'static [P] {
    let folded = keys.get_or_init(|| {
        table
            .iter()
            .filter_map(|p| match without_accents(key(p)) {
                std::borrow::Cow::Owned(folded) => Some(folded),
                std::borrow::Cow::Borrowed(_) => None,
            })
            .collect()
    });
    phrases.get_or_init(|| {
        let mut all: Vec<P> = table.iter().map(|p| rekey(p, key(p))).collect();
        let accented = table.iter().filter(|p| !key(p).is_ascii());
        all.extend(accented.zip(folded).map(|(p, f)| rekey(p, f.as_str())));
        all
    })
}

/// [`TITLE_PHRASES`] and their accent-free copies.
pub fn title_phrases() -> &'static [TitlePhrase] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    static ALL: OnceLock<Vec<TitlePhrase>> = OnceLock::new();
    with_unaccented(
        TITLE_PHRASES,
        &KEYS,
        &ALL,
        |p| p.key,
        |p, key| TitlePhrase { key, ..*p },
    )
}

/// [`SECTION_PHRASES`] and their accent-free copies.
pub fn section_phrases() -> &'static [SectionPhrase] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    static ALL: OnceLock<Vec<SectionPhrase>> = OnceLock::new();
    with_unaccented(
        SECTION_PHRASES,
        &KEYS,
        &ALL,
        |p| p.key,
        |p, key| SectionPhrase { key, ..*p },
    )
}

/// [`COLUMN_PHRASES`] and their accent-free copies.
pub fn column_phrases() -> &'static [ColumnPhrase] {
    static KEYS: OnceLock<Vec<String>> = OnceLock::new();
    static ALL: OnceLock<Vec<ColumnPhrase>> = OnceLock::new();
    with_unaccented(
        COLUMN_PHRASES,
        &KEYS,
        &ALL,
        |p| p.key,
        |p, key| ColumnPhrase { key, ..*p },
    )
}

/// Whether a heading key names the document ("Charte cookies", "Cookies policy", ...).
pub fn is_title(key: &str) -> bool {
    let key = heading_text(key);
    title_phrases()
        .iter()
        .any(|p| starts_with_phrase(key, p.key) && key.len() <= p.key.len() + 24)
}

/// The role of a section from its heading key, if the wording is known.
///
/// Phrases are matched as prefixes of the key (after any numbering), ending on a word
/// boundary, so "a quoi servent les cookies sur la plateforme <https://...>" is recognised by
/// its fixed part while "contact" does not match "contactless". The longest matching phrase
/// wins, which also makes the first category named win in "Cookies nécessaires ... / cookies
/// fonctionnels".
///
/// Headings that put the category last (German "Für den Betrieb notwendige Cookies") are
/// recognised by a category phrase standing anywhere in a short heading, at word
/// boundaries; the earliest one wins.
pub fn section_role(key: &str) -> Option<SectionRole> {
    thread_local! {
        /// The role of each heading key seen on the thread: a corpus repeats its headings.
        static ROLES: std::cell::RefCell<crate::memo::Memo<Option<SectionRole>>> =
            std::cell::RefCell::new(crate::memo::Memo::default());
    }
    crate::memo::remembered_in(&ROLES, 0, key, section_role_of, |_| 1)
}

/// [`section_role`], worked out. Emphasis delimiters are not words: `**Necessary**
/// cookies` and `_Analytics_ cookies` have the roles of their words.
fn section_role_of(key: &str) -> Option<SectionRole> {
    if key.contains(['*', '_']) {
        let words = without_emphasis(key);
        if words != key {
            return section_role_of(&words);
        }
    }
    let key = heading_text(key);
    section_phrases_opening(key)
        .filter(|p| starts_with_phrase(key, p.key))
        .max_by_key(|p| p.key.len())
        .map(|p| p.role)
        .or_else(|| contained_category(key))
}

/// Words that name one category, in the keys of headings that may name several ("Analytics
/// and advertising cookies", "Cookies de mesure d'audience et publicitaires").
const CATEGORY_WORDS: [(Category, &[&str]); 5] = [
    (
        Category::Necessary,
        &[
            "necessary",
            "essential",
            "technical",
            "nécessaires",
            "essentiels",
            "indispensables",
            "techniques",
        ],
    ),
    (
        Category::Functional,
        &[
            "functional",
            "functionality",
            "preference",
            "preferences",
            "fonctionnels",
            "préférences",
            "personnalisation",
        ],
    ),
    (
        Category::Analytics,
        &[
            "analytics",
            "analytical",
            "statistics",
            "statistical",
            "audience",
            "performance",
            "statistiques",
            "analytiques",
        ],
    ),
    (
        Category::Advertising,
        &[
            "advertising",
            "advertisement",
            "marketing",
            "targeting",
            "tracking",
            "publicitaires",
            "publicité",
            "ciblage",
        ],
    ),
    (Category::Social, &["social", "sociaux"]),
];

/// Whether a heading key names categories that cannot share a table: two of analytics,
/// advertising and social, or one of those with necessary or functional cookies. The
/// template's "necessary ... / functional cookies" names one kind of table, necessary.
pub fn names_several_categories(key: &str) -> bool {
    thread_local! {
        /// The answer for each heading key seen on the thread: a corpus repeats its
        /// headings.
        static SEVERAL: std::cell::RefCell<crate::memo::Memo<bool>> =
            std::cell::RefCell::new(crate::memo::Memo::with_limit(crate::memo::SMALL_MEMO_BYTES));
    }
    crate::memo::remembered_in(&SEVERAL, 0, key, several_categories_in, |_| 1)
}

/// [`names_several_categories`], worked out.
fn several_categories_in(key: &str) -> bool {
    let mut named = [false; CATEGORY_WORDS.len()];
    // Words split at anything but letters and digits ("d'audience" gives "audience"),
    // compared without accents, as headings that lost theirs are.
    let key = without_accents(key);
    for word in key.split(|c: char| !c.is_alphanumeric()) {
        for ((_, words), flag) in CATEGORY_WORDS.iter().zip(named.iter_mut()) {
            *flag |= words.iter().any(|w| without_accents(w) == word);
        }
    }
    let kept_apart = named.iter().skip(2).filter(|&&n| n).count();
    kept_apart > 1 || (kept_apart == 1 && named.iter().take(2).any(|&n| n))
}

/// What, just before a category phrase, denies it (keys are lower case).
const NEGATIONS: [&str; 6] = ["non-", "non ", "not ", "no ", "nicht ", "niet "];

/// The category phrase that occurs earliest inside a heading of at most 16 words.
///
/// Every category phrase starts with a word character (checked by a test), so only the
/// starts of words are tried.
fn contained_category(key: &str) -> Option<SectionRole> {
    if key.split_whitespace().count() > 16 {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut previous_is_word = false;
    for (at, c) in key.char_indices() {
        let starts_word = is_word(c) && !previous_is_word;
        previous_is_word = is_word(c);
        if !starts_word {
            continue;
        }
        // "Non-essential cookies", "cookies non essentiels" name no category (the phrase
        // after "non" is denied, not named).
        let before = key.get(..at).unwrap_or_default();
        if NEGATIONS.iter().any(|n| before.ends_with(n)) {
            continue;
        }
        let rest = key.get(at..).unwrap_or_default();
        let found = section_phrases_opening(rest)
            .filter(|p| p.role.category().is_some())
            .filter(|p| {
                rest.strip_prefix(p.key)
                    .is_some_and(|after| !after.starts_with(is_word))
            })
            .max_by_key(|p| p.key.len());
        if let Some(p) = found {
            return Some(p.role);
        }
    }
    None
}

/// The role of the column whose header key is exactly one of [`COLUMN_PHRASES`] (the
/// first listed, should two share a key), from an index built once per process.
pub fn exact_column_role(key: &str) -> Option<ColumnRole> {
    static BY_KEY: OnceLock<FxHashMap<&'static str, ColumnRole>> = OnceLock::new();
    let index = BY_KEY.get_or_init(|| {
        let mut index = FxHashMap::default();
        for phrase in column_phrases() {
            index.entry(phrase.key).or_insert(phrase.role);
        }
        index
    });
    index.get(key).copied()
}

/// Whether `text` (trimmed) is known to name no column: its key cannot be a column
/// phrase's key, as its ASCII letters and digits alone show. Each one is a character of the key
/// (the key keeps them, lower-cased; normalisation composes a mark onto one but never two
/// of them into one character, and drops none), so a text holding more of them than the
/// longest phrase key has bytes names no column. `false` when not known that way.
///
/// Only the first bytes are counted (twice the longest key), in a loop without an
/// early exit that compiles to vector code: a long line of prose costs a few dozen
/// instructions instead of a key or a lookup, and a short text costs a length test.
pub fn too_long_for_column_phrase(text: &str) -> bool {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    let longest = *LONGEST.get_or_init(|| {
        column_phrases()
            .iter()
            .map(|p| p.key.len())
            .max()
            .unwrap_or(0)
    });
    if text.len() <= longest {
        return false;
    }
    // Branch-free tests and a byte-wide count (the head is at most 255 bytes long), so
    // that the loop runs sixteen bytes at a time.
    let head = text.as_bytes().get(..(2 * longest).min(255));
    let count = head.unwrap_or(text.as_bytes()).iter().fold(0u8, |n, &b| {
        let digit = b.wrapping_sub(b'0') < 10;
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        n.wrapping_add(u8::from(digit | letter))
    });
    usize::from(count) > longest
}

/// The section phrases that start with the first character of `text` (the only ones that
/// can be a prefix of it), from an index built once per process.
fn section_phrases_opening(text: &str) -> impl Iterator<Item = &'static SectionPhrase> {
    static BY_FIRST: OnceLock<FxHashMap<char, Vec<&'static SectionPhrase>>> = OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut index: FxHashMap<char, Vec<&'static SectionPhrase>> = FxHashMap::default();
        for phrase in section_phrases() {
            if let Some(first) = phrase.key.chars().next() {
                index.entry(first).or_default().push(phrase);
            }
        }
        index
    });
    text.chars()
        .next()
        .and_then(|c| index.get(&c))
        .into_iter()
        .flatten()
        .copied()
}

/// Whether a line is page furniture rather than content ("Back to top", "Download as
/// PDF", "Imprimer"): such lines are never headings.
pub fn is_noise(key: &str) -> bool {
    NOISE_PHRASES.contains(&key)
}

/// Page furniture seen around copied policies.
const NOISE_PHRASES: &[&str] = &[
    "back to top",
    "top of page",
    "download as pdf",
    "download pdf",
    "print",
    "print this page",
    "share",
    "retour en haut",
    "retour en haut de page",
    "haut de page",
    "télécharger en pdf",
    "télécharger le pdf",
    "imprimer",
    "partager",
    "volver arriba",
    "nach oben",
    "naar boven",
    "torna su",
];

/// The cookie category a short label names ("Strictly necessary cookies", "Cookies
/// statistiques"), for inline labels that open a paragraph.
pub fn category_label(key: &str) -> Option<Category> {
    section_role(key).and_then(SectionRole::category)
}

/// The role of a table column from its header key.
///
/// Exact phrases first, then the longest phrase the header starts with (on a word boundary,
/// with at most 16 bytes after it).
pub fn column_role(key: &str) -> Option<ColumnRole> {
    let key = key.trim_matches(|c: char| c == ':' || c == '*' || c.is_whitespace());
    if let Some(role) = exact_column_role(key) {
        return Some(role);
    }
    column_phrases()
        .iter()
        .filter(|p| starts_with_phrase(key, p.key) && key.len() <= p.key.len() + 16)
        .max_by_key(|p| p.key.len())
        .map(|p| p.role)
}

/// Wording added by configuration: heading and column-header phrases (comparison keys)
/// with the role they reveal. Consulted before the built-in tables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extra {
    /// Heading phrases, matched as prefixes of the heading key.
    pub sections: Vec<(String, SectionRole)>,
    /// Column header phrases, matched exactly.
    pub columns: Vec<(String, ColumnRole)>,
}

/// [`section_role`], with configured wording first.
pub fn section_role_with(key: &str, extra: Option<&Extra>) -> Option<SectionRole> {
    let stripped = strip_heading_numbering(key);
    extra
        .and_then(|e| {
            e.sections
                .iter()
                .filter(|(phrase, _)| !phrase.is_empty() && stripped.starts_with(phrase.as_str()))
                .max_by_key(|(phrase, _)| phrase.len())
                .map(|(_, role)| *role)
        })
        .or_else(|| section_role(key))
}

/// [`column_role`], with configured wording first.
pub fn column_role_with(key: &str, extra: Option<&Extra>) -> Option<ColumnRole> {
    let trimmed = key.trim_matches(|c: char| c == ':' || c == '*' || c.is_whitespace());
    extra
        .and_then(|e| {
            e.columns
                .iter()
                .find(|(phrase, _)| phrase == trimmed)
                .map(|(_, role)| *role)
        })
        .or_else(|| column_role(key))
}

/// Removes a leading section number such as `2.1.`, `2.1 -`, `3)`, `ii.` or `iv -` from a
/// heading key.
///
/// Arabic numbers need a separator (`.`, `)`, `-`, `:`) or a space after them; roman numerals
/// (`i`, `v`, `x` only) need a separator, so that "vi informiamo" or "i cookie" keep their
/// first word. Never panics: every cut is at a character boundary found by searching.
pub fn strip_heading_numbering(key: &str) -> &str {
    let trimmed = key.trim_start();
    numbering_len(trimmed)
        .and_then(|len| trimmed.get(len..))
        .map_or(trimmed, str::trim_start)
}

/// The byte length of the section number and separator that open `text`, if any.
fn numbering_len(text: &str) -> Option<usize> {
    let arabic = text.starts_with(|c: char| c.is_ascii_digit());
    let number_len = if arabic {
        text.find(|c: char| !(c.is_ascii_digit() || c == '.'))
    } else {
        text.find(|c: char| !matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'))
    }
    .unwrap_or(text.len());
    if number_len == 0 || (!arabic && number_len > 7) {
        return None;
    }
    let (number, mut rest) = text.split_at_checked(number_len)?;
    let mut separated = arabic && number.ends_with('.');
    if let Some(after) = rest.strip_prefix(['.', ')']) {
        rest = after;
        separated = true;
    }
    if let Some(after) = rest.trim_start().strip_prefix(['-', ':']) {
        rest = after;
        separated = true;
    }
    // "i.e." or "2-factor" are words, not numbering: the number must end at a space.
    let at_boundary = rest.is_empty() || rest.starts_with(char::is_whitespace);
    (at_boundary && (separated || arabic)).then(|| text.len() - rest.len())
}

/// `key` without emphasis delimiters: every `*`, and the `_` that open or close a word
/// (those inside one, as in `cookies_preferences`, stay); words that were only delimiters
/// go.
fn without_emphasis(key: &str) -> String {
    key.split(' ')
        .map(|word| word.replace('*', ""))
        .map(|word| word.trim_matches('_').to_owned())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading key without its numbering and without the inverted marks that open Spanish
/// questions ("¿qué es una cookie?").
fn heading_text(key: &str) -> &str {
    strip_heading_numbering(key)
        .trim_start_matches(['¿', '¡'])
        .trim_start()
}

/// Whether `key` starts with `phrase` and the phrase ends on a word boundary, so that
/// "nom" matches "nom du cookie" but not "nombre".
fn starts_with_phrase(key: &str, phrase: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    key.strip_prefix(phrase)
        .is_some_and(|rest| !rest.starts_with(is_word) || !phrase.ends_with(is_word))
}

#[cfg(test)]
mod tests;
