//! What the text and content rules look for, and where: the wordings by which prose claims
//! that cookies serve analytics or advertising (in the seven template languages), the words
//! that deny such a use, the texts of a document a reader sees, and a locator that maps a
//! phrase found in a comparison key back to the raw text it came from.
//!
//! Every phrase here is written in comparison-key form (see [`crate::normalize::key`]),
//! checked by a test, so rules match phrases against the precomputed [`Text::key`] without
//! normalising again. Matching respects word boundaries: "ads" does not match "uploads".
//! Nothing here allocates.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::model::{Document, Text};
use crate::normalize::is_invisible;
use crate::vocab::Category;

/// Wordings saying that cookies measure the audience (analytics, statistics). A word
/// shared by two languages is listed once, under the first.
#[rustfmt::skip]
static ANALYTICS: &[&str] = &[
    // English
    "web analytics", "analytics", "audience measurement", "measure the audience",
    "measure audience", "statistics", "statistical", "traffic analysis",
    // French
    "mesure d'audience", "mesures d'audience", "mesurer l'audience", "mesurer la fréquentation",
    "statistiques de fréquentation", "statistiques de visite", "statistiques", "statistique",
    "analyse de fréquentation", "analyse d'audience", "analyse du trafic",
    // Spanish and Catalan
    "analítica web", "analítica", "analíticas", "analíticos", "medición de audiencia",
    "estadísticas", "estadísticos", "análisis del tráfico", "analítiques",
    "mesura d'audiència", "estadístiques", "estadístics",
    // Dutch and German
    "webanalyse", "statistieken", "statistische", "analytische", "bereikmeting",
    "reichweitenmessung", "statistiken", "statistischen",
    // Italian
    "misurazione dell'audience", "statistiche", "statistici", "analitici", "analitiche",
    "analisi del traffico",
];

/// Wordings saying that cookies serve advertising (targeting, marketing).
#[rustfmt::skip]
static ADVERTISING: &[&str] = &[
    // English
    "advertising", "advertisements", "advertisement", "targeted ads", "targeting",
    "retargeting", "marketing",
    // French
    "publicité", "publicités", "publicitaire", "publicitaires", "publicité ciblée", "ciblage",
    "reciblage",
    // Spanish and Catalan
    "publicidad", "publicitaria", "publicitarias", "publicitario", "publicitarios",
    "publicitat", "publicitària", "publicitàries", "publicitari", "publicitaris", "màrqueting",
    // Dutch and German
    "advertenties", "advertentie", "reclame", "werbung", "werbezwecke", "werbezwecken",
    // Italian
    "pubblicità", "pubblicitari", "pubblicitarie", "pubblicitaria", "pubblicitario",
    "profilazione",
];

/// Words that deny a use within a sentence ("we do not use advertising cookies"), in every
/// template language.
#[rustfmt::skip]
static NEGATIONS: &[&str] = &[
    // English ("don't", "doesn't" are caught by their "n't"); "no" is also Spanish and Catalan
    "no", "not", "never", "neither", "nor", "without",
    // French (an elided "n'" is caught by its form)
    "ne", "pas", "aucun", "aucune", "jamais", "sans",
    // Spanish, Catalan ("mai" is also Italian)
    "ningún", "ninguna", "ninguno", "nunca", "sin", "cap", "mai", "sense",
    // Dutch
    "niet", "geen", "nooit", "zonder",
    // German
    "nicht", "kein", "keine", "keinen", "keiner", "keines", "nie", "niemals", "ohne",
    // Italian
    "non", "nessun", "nessuno", "nessuna", "senza",
];

/// The wordings that claim a use of cookies of `category`; empty for the categories prose
/// is not checked for.
pub fn claim_phrases(category: Category) -> &'static [&'static str] {
    match category {
        Category::Analytics => ANALYTICS,
        Category::Advertising => ADVERTISING,
        _ => &[],
    }
}

/// Every text a reader sees, in no particular order: the title, section headings,
/// paragraphs, table headers and table cells. The preamble (noise before the title) is left
/// out.
pub fn texts(doc: &Document) -> impl Iterator<Item = &Text> {
    let headings = doc
        .title
        .iter()
        .chain(doc.sections.iter().map(|s| &s.heading))
        .map(|h| &h.text);
    let cells = doc.tables.iter().flat_map(|t| {
        t.columns
            .iter()
            .map(|c| &c.header)
            .chain(t.rows.iter().flat_map(|r| r.cells.iter()))
    });
    headings
        .chain(doc.paragraphs().map(|p| &p.text))
        .chain(cells)
}

/// Letters, digits and the underscore of cookie names.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte offsets of every occurrence of `phrase` in `key` (both comparison keys) that starts
/// and ends on a word boundary where the phrase itself starts or ends with a word character.
pub fn find_in_key<'k>(key: &'k str, phrase: &'k str) -> impl Iterator<Item = usize> + 'k {
    let starts_word = phrase.starts_with(is_word_char);
    let ends_word = phrase.ends_with(is_word_char);
    occurrences(key, phrase).filter(move |&at| {
        let before = key.get(..at).and_then(|s| s.chars().next_back());
        let after = key.get(at + phrase.len()..).and_then(|s| s.chars().next());
        let open = !(starts_word && before.is_some_and(is_word_char));
        let close = !(ends_word && after.is_some_and(is_word_char));
        open && close
    })
}

/// Byte offsets of the non-overlapping occurrences of `phrase` in `key`, left to right (as
/// `str::match_indices`, without building a searcher per call: keys and phrases are short,
/// and a byte scan for the phrase's first byte beats the two-way searcher's setup). An empty
/// phrase occurs nowhere.
fn occurrences<'k>(key: &'k str, phrase: &'k str) -> impl Iterator<Item = usize> + 'k {
    let (haystack, needle) = (key.as_bytes(), phrase.as_bytes());
    let mut from = 0;
    std::iter::from_fn(move || {
        let &first = needle.first()?;
        loop {
            let at = from + memchr::memchr(first, haystack.get(from..)?)?;
            if haystack.get(at..at + needle.len()) == Some(needle) {
                from = at + needle.len();
                return Some(at);
            }
            from = at + 1;
        }
    })
}

/// Whether the sentence of `key` around byte `at` denies something: it holds a negation
/// word ("not", "aucun", "geen", ...), an elided French "n'" or an English "n't".
pub fn is_negated(key: &str, at: usize) -> bool {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | ';');
    let start = key
        .get(..at)
        .and_then(|s| s.rfind(is_end))
        .map_or(0, |i| i + 1);
    let end = key
        .get(at..)
        .and_then(|s| s.find(is_end))
        .map_or(key.len(), |i| at + i);
    let sentence = key.get(start..end).unwrap_or_default();
    sentence
        .split(|c: char| !(is_word_char(c) || c == '\''))
        .any(|word| {
            word.ends_with("n't")
                || word.starts_with("n'")
                || NEGATIONS.contains(&word.trim_matches('\''))
        })
}

/// Byte ranges of `raw` whose comparison key is `phrase`, word boundaries respected, in
/// order.
///
/// `raw` is compared character by character the way [`crate::normalize::key`] transforms
/// it (compatibility forms, case, quotes, dashes, whitespace runs, invisible characters),
/// so a phrase found in a text's key is found again in its raw span, line breaks and
/// curly apostrophes included. The one difference: a letter written in decomposed form
/// (e + U+0301) does not match its precomposed key; callers fall back to the whole text.
pub fn locate<'r>(raw: &'r str, phrase: &'r str) -> impl Iterator<Item = Range<usize>> + 'r {
    let starts_word = phrase.starts_with(is_word_char);
    let first = phrase.chars().next().filter(char::is_ascii);
    let mut previous: Option<char> = None;
    let mut after_match = 0;
    raw.char_indices().filter_map(move |(at, c)| {
        let before = previous;
        if !is_invisible(c) {
            previous = Some(c);
        }
        if at < after_match || is_invisible(c) || c.is_whitespace() {
            return None;
        }
        if starts_word && before.is_some_and(is_word_char) {
            return None;
        }
        // An ASCII character is its own NFKC form and folds to one ASCII character: when
        // it cannot start the phrase, skip the character-by-character match.
        if let (true, Some(first)) = (c.is_ascii(), first) {
            if key_form(c).next() != Some(first) {
                return None;
            }
        }
        let end = match_at(raw.get(at..)?, phrase)?;
        after_match = at + end;
        Some(at..at + end)
    })
}

/// The length of the prefix of `raw` whose key is `phrase`, if any, with a word boundary
/// after it when the phrase ends with a word character.
fn match_at(raw: &str, phrase: &str) -> Option<usize> {
    let mut expected = phrase.chars().peekable();
    let mut space_pending = false;
    let mut end = 0;
    let mut chars = raw.char_indices();
    for (at, c) in chars.by_ref() {
        if expected.peek().is_none() {
            // The phrase is complete; `c` is what follows it.
            let ends_word = phrase.ends_with(is_word_char);
            return (!(ends_word && is_word_char(c))).then_some(end);
        }
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            space_pending = true;
            continue;
        }
        if space_pending {
            if expected.next() != Some(' ') {
                return None;
            }
            space_pending = false;
        }
        for folded in std::iter::once(c).nfkc().flat_map(key_form) {
            if expected.next() != Some(folded) {
                return None;
            }
        }
        end = at + c.len_utf8();
    }
    expected.peek().is_none().then_some(end)
}

/// One character as the comparison key writes it (after NFKC): quotes and dashes unified,
/// upper-case letters lowered, everything else kept.
fn key_form(c: char) -> impl Iterator<Item = char> {
    let unified = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        other => other,
    };
    let upper = unified.is_uppercase();
    let lowered = upper.then(|| unified.to_lowercase());
    lowered
        .into_iter()
        .flatten()
        .chain((!upper).then_some(unified))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;

    #[test]
    fn phrases_are_comparison_keys() {
        for phrase in ANALYTICS.iter().chain(ADVERTISING).chain(NEGATIONS) {
            assert_eq!(*phrase, key(phrase), "{phrase:?}");
        }
    }

    #[test]
    fn key_matches_respect_word_boundaries() {
        let k = key("Uploads and ads, or downloads: ads");
        assert_eq!(find_in_key(&k, "ads").collect::<Vec<_>>(), [12, 31]);
        assert_eq!(find_in_key("qu'est ce qu'un", "qu'est ce qu'").count(), 1);
        for (key, phrase) in [
            ("aaaa", "aa"),
            ("abcab", "ab"),
            ("é é", "é"),
            ("x", ""),
            ("", "x"),
        ] {
            let expected: Vec<usize> = if phrase.is_empty() {
                Vec::new()
            } else {
                key.match_indices(phrase).map(|(at, _)| at).collect()
            };
            assert_eq!(
                occurrences(key, phrase).collect::<Vec<_>>(),
                expected,
                "{key:?}"
            );
        }
    }

    #[test]
    fn locates_phrases_in_raw_text() {
        let raw = "We use cookies to perform Web\n  Analytics, and web analytics.";
        let found: Vec<&str> = locate(raw, "web analytics")
            .filter_map(|r| raw.get(r))
            .collect();
        assert_eq!(found, ["Web\n  Analytics", "web analytics"]);
        let raw = "Qu\u{2019}est ce qu\u{2019}un cookie ?";
        let found: Vec<&str> = locate(raw, "qu'est ce qu'")
            .filter_map(|r| raw.get(r))
            .collect();
        assert_eq!(found, ["Qu\u{2019}est ce qu\u{2019}"]);
        assert_eq!(locate("downloads", "ads").count(), 0);
        assert_eq!(locate("adsl", "ads").count(), 0);
        assert_eq!(
            locate("Nom\u{200B} du cookies", "nom du cookies").count(),
            1
        );
    }

    #[test]
    fn negations_are_found_in_the_sentence() {
        let k = key("We use cookies. We do not use advertising cookies.");
        let at = k.find("advertising").unwrap_or_default();
        assert!(is_negated(&k, at));
        let k = key("We don't use advertising. Statistics help us.");
        let at = k.find("statistics").unwrap_or_default();
        assert!(!is_negated(&k, at));
        let k = key("Nous n\u{2019}utilisons pas de cookies publicitaires.");
        assert!(is_negated(&k, k.find("publicitaires").unwrap_or_default()));
        let k = key("to ensure it functions properly, and to perform web analytics");
        assert!(!is_negated(&k, k.find("web analytics").unwrap_or_default()));
    }
}
