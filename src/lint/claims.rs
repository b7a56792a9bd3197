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
/// `str::match_indices`, without building a searcher per call: keys and phrases are short).
/// The scan looks for the phrase's rarest byte in ordinary French and English text (see
/// [`byte_rank`]) and checks the phrase around each hit: scanning for its first byte, often
/// a common letter, stops every few bytes. An empty phrase occurs nowhere.
fn occurrences<'k>(key: &'k str, phrase: &'k str) -> impl Iterator<Item = usize> + 'k {
    let (haystack, needle) = (key.as_bytes(), phrase.as_bytes());
    let anchor = (0..needle.len())
        .min_by_key(|&i| needle.get(i).map_or(u8::MAX, |&b| byte_rank(b)))
        .unwrap_or(0);
    let mut from = 0;
    std::iter::from_fn(move || {
        let &rare = needle.get(anchor)?;
        loop {
            let scan = from + anchor;
            let hit = scan + memchr::memchr(rare, haystack.get(scan..)?)?;
            let start = hit - anchor;
            if haystack.get(start..start + needle.len()) == Some(needle) {
                from = start + needle.len();
                return Some(start);
            }
            from = start + 1;
        }
    })
}

/// How common byte `b` is in lower-cased French and English prose, from 0 (rare) to 255
/// (the space). Only the order matters: it picks which byte of a phrase to scan for.
fn byte_rank(b: u8) -> u8 {
    match b {
        b' ' => 255,
        b'e' => 250,
        b'a' | b's' | b'i' | b't' | b'n' | b'r' | b'u' | b'o' | b'l' => 230,
        b'd' | b'c' | b'm' | b'p' => 200,
        b'h' | b'g' | b'f' | b'v' | b'b' | b'y' | b'w' => 170,
        // Lead and continuation bytes of accented letters (é is C3 A9).
        0xc3 | 0x80..=0xbf => 150,
        b'.' | b',' | b'\'' => 140,
        b'q' | b'x' | b'j' | b'k' | b'z' => 90,
        b'0'..=b'9' => 80,
        _ => 60,
    }
}

/// Words that open a new clause whose negation says nothing of the clause before it, and
/// the reverse ("we use advertising cookies, but not analytics cookies"; "analytics,
/// which do not identify you").
static CLAUSE_BREAKS: &[&str] = &[
    "but",
    "whereas",
    "however",
    "mais",
    "tandis",
    "cependant",
    "pero",
    "però",
    "aber",
    "maar",
];

/// Relative pronouns, which open a clause of their own only after a comma ("web
/// analytics, which do not identify you"); without one ("no cookies which track you") the
/// clause they open is part of the denial.
static RELATIVES: &[&str] = &["which", "qui"];

/// Negations that deny what follows them only ("to measure the audience, without
/// collecting data" claims the measure).
static WITHOUT: &[&str] = &["without", "sans", "sin", "sense", "zonder", "ohne", "senza"];

/// Whether the clause of `key` around byte `at` denies something: it holds a negation word
/// ("not", "aucun", "geen", ...), an elided French "n'" or an English "n't". The clause is
/// the sentence, cut at the words that open a contrasting clause ("but", "mais", ...) or,
/// after a comma, a relative one (", which", ", qui"). A negation such as "without" counts only before `at`, and
/// a French "ne"/"n'" followed by "que" restricts ("n'utilise ... que pour": only for)
/// rather than denies.
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
    // The sentence's words with their offsets in `key`.
    let words: Vec<(usize, &str)> = sentence
        .split(|c: char| !(is_word_char(c) || c == '\''))
        .filter(|word| !word.is_empty())
        .map(|word| {
            let offset = (word.as_ptr() as usize).saturating_sub(sentence.as_ptr() as usize);
            (start + offset, word)
        })
        .collect();
    let breaks = |&(offset, word): &(usize, &str)| {
        CLAUSE_BREAKS.contains(&word)
            || (RELATIVES.contains(&word)
                && key
                    .get(..offset)
                    .is_some_and(|before| before.trim_end().ends_with(',')))
    };
    let first = words
        .iter()
        .rposition(|w| w.0 < at && breaks(w))
        .map_or(0, |i| i + 1);
    let last = words
        .iter()
        .position(|w| w.0 > at && breaks(w))
        .unwrap_or(words.len());
    let clause = words.get(first..last).unwrap_or_default();
    clause.iter().enumerate().any(|(i, &(offset, word))| {
        let bare = word.trim_matches('\'');
        if word.ends_with("n't") {
            true
        } else if WITHOUT.contains(&bare) {
            offset < at
        } else if bare == "ne" || word.starts_with("n'") {
            !clause
                .iter()
                .skip(i + 1)
                .any(|&(_, w)| w == "que" || w.starts_with("qu'"))
        } else {
            NEGATIONS.contains(&bare)
        }
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
    let bytes = raw.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from
            + bytes
                .get(from..)?
                .iter()
                .position(|&b| may_start(b, first))?;
        let c = raw.get(at..)?.chars().next()?;
        from = at + c.len_utf8();
        if is_invisible(c) || c.is_whitespace() {
            continue;
        }
        let before = raw.get(..at)?.chars().rev().find(|&b| !hidden(b));
        if starts_word && before.is_some_and(is_word_char) {
            continue;
        }
        if let Some(end) = match_at(raw.get(at..)?, phrase) {
            // An empty phrase matches everywhere without consuming anything.
            from = at + end.max(c.len_utf8());
            return Some(at..at + end);
        }
    })
}

/// Whether the key drops `c` without a trace: an invisible character that is not whitespace
/// (a line tabulation or form feed separates words like a space).
fn hidden(c: char) -> bool {
    is_invisible(c) && !c.is_whitespace()
}

/// Whether the character whose UTF-8 form starts with byte `b` may start a match of a phrase
/// whose first character is `first` (when ASCII). An ASCII character is its own NFKC form
/// and folds to one ASCII character (lower case, a backtick to an apostrophe): only those
/// folding to `first` can start the phrase. Any other character is tried (compatibility
/// forms such as fullwidth letters fold to ASCII); continuation bytes start nothing.
fn may_start(b: u8, first: Option<char>) -> bool {
    match first {
        _ if b >= 0xC0 => true,
        _ if b >= 0x80 => false,
        None => true,
        Some(first) => {
            let folded = if b == b'`' {
                '\''
            } else {
                char::from(b.to_ascii_lowercase())
            };
            folded == first
        }
    }
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
        if c.is_whitespace() {
            space_pending = true;
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if space_pending {
            if expected.next() != Some(' ') {
                return None;
            }
            space_pending = false;
        }
        if c.is_ascii() {
            if expected.next() != Some(ascii_key_form(c)) {
                return None;
            }
        } else {
            for folded in std::iter::once(c).nfkc().flat_map(key_form) {
                if expected.next() != Some(folded) {
                    return None;
                }
            }
        }
        end = at + c.len_utf8();
    }
    expected.peek().is_none().then_some(end)
}

/// [`key_form`] of an ASCII character, which is its own NFKC form: the same without
/// building the NFKC iterator.
fn ascii_key_form(c: char) -> char {
    if c == '`' {
        '\''
    } else {
        c.to_ascii_lowercase()
    }
}

/// One character as the comparison key writes it (after NFKC): quotes and dashes unified,
/// upper-case letters lowered, everything else kept.
fn key_form(c: char) -> impl Iterator<Item = char> {
    let unified = crate::normalize::unify_mark(c);
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
    fn the_ascii_key_form_is_the_general_one() {
        for c in (0u8..0x80).map(char::from) {
            let general: String = std::iter::once(c).nfkc().flat_map(key_form).collect();
            assert_eq!(general, ascii_key_form(c).to_string(), "{c:?}");
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

    /// Every key and phrase over a small alphabet (rare and common bytes, a two-byte
    /// letter), against `str::match_indices`.
    #[test]
    fn occurrences_agree_with_match_indices() {
        let alphabet = ["a", "q", " ", "é", "k"];
        let words = |len: usize| -> Vec<String> {
            (0..alphabet.len().pow(len as u32))
                .map(|mut n| {
                    (0..len)
                        .map(|_| {
                            let c = alphabet.get(n % alphabet.len()).copied().unwrap_or("");
                            n /= alphabet.len();
                            c
                        })
                        .collect()
                })
                .collect()
        };
        let keys: Vec<String> = (0..=5).flat_map(words).collect();
        let phrases: Vec<String> = (1..=3).flat_map(words).collect();
        for key in &keys {
            for phrase in &phrases {
                let expected: Vec<usize> = key
                    .match_indices(phrase.as_str())
                    .map(|(at, _)| at)
                    .collect();
                assert_eq!(
                    occurrences(key, phrase).collect::<Vec<_>>(),
                    expected,
                    "{key:?} {phrase:?}"
                );
            }
        }
    }

    /// The character-by-character scan `locate` replaced, kept as its oracle.
    fn locate_slowly(raw: &str, phrase: &str) -> Vec<Range<usize>> {
        let starts_word = phrase.starts_with(is_word_char);
        let mut previous: Option<char> = None;
        let mut after_match = 0;
        let mut out = Vec::new();
        for (at, c) in raw.char_indices() {
            let before = previous;
            if !hidden(c) {
                previous = Some(c);
            }
            if at < after_match || is_invisible(c) || c.is_whitespace() {
                continue;
            }
            if starts_word && before.is_some_and(is_word_char) {
                continue;
            }
            if let Some(end) = raw.get(at..).and_then(|rest| match_at(rest, phrase)) {
                after_match = at + end;
                out.push(at..at + end);
            }
        }
        out
    }

    #[test]
    fn locate_agrees_with_the_character_scan() {
        let pieces = [
            "Nom",
            "du",
            " ",
            "\n",
            "cookies",
            "COOKIES",
            "`",
            "'",
            "\u{2019}",
            "\u{200b}",
            "\u{a0}",
            "qu",
            "est",
            "-",
            "\u{2011}",
            "ce",
            "é",
            "e\u{301}",
            "\u{ff2e}om",
            "_x",
        ];
        let phrases = [
            "nom du cookies",
            "qu'est ce qu'",
            "'",
            "é",
            "cookies",
            "ｎom",
            "",
        ];
        let mut state = 0x2545_f491_u32;
        for _ in 0..4000 {
            let mut raw = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                raw.push_str(
                    pieces
                        .get(state as usize % pieces.len())
                        .copied()
                        .unwrap_or(""),
                );
            }
            for phrase in phrases {
                assert_eq!(
                    locate(&raw, phrase).collect::<Vec<_>>(),
                    locate_slowly(&raw, phrase),
                    "{raw:?} {phrase:?}"
                );
            }
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

    #[test]
    fn negations_reach_their_clause_only() {
        let claimed = [
            (
                "and to perform web analytics, which do not identify you.",
                "web analytics",
            ),
            (
                "et mesurer l'audience, sans collecter de données personnelles.",
                "audience",
            ),
            (
                "Nous n'utilisons les cookies que pour mesurer l'audience.",
                "audience",
            ),
            (
                "Nous n\u{2019}utilisons de cookies qu\u{2019}à des fins d'audience.",
                "audience",
            ),
            (
                "We use cookies for advertising, but we do not use analytics cookies.",
                "advertising",
            ),
            (
                "Nous utilisons des cookies publicitaires mais pas de cookies d'audience.",
                "publicitaires",
            ),
        ];
        let denied = [
            (
                "We use cookies for advertising, but we do not use analytics cookies.",
                "analytics",
            ),
            (
                "Nous utilisons des cookies publicitaires mais pas de cookies d'audience.",
                "audience",
            ),
            (
                "Nous ne mesurons pas l'audience, ni la publicité.",
                "publicité",
            ),
            (
                "Nous n'utilisons aucun cookie publicitaire, de mesure d'audience ou social.",
                "audience",
            ),
            ("Browse without analytics cookies.", "analytics"),
            (
                "Nous n'utilisons pas de cookies que vous ne connaissez pas pour l'audience.",
                "audience",
            ),
            (
                "Nous n'utilisons pas de cookies qui servent à la publicité ciblée.",
                "publicité",
            ),
            (
                "We do not use any cookies which track you for advertising.",
                "advertising",
            ),
        ];
        // Each phrase is looked up in its sentence (a phrase not found fails the test).
        for (negated, cases) in [(false, &claimed[..]), (true, &denied[..])] {
            for (sentence, phrase) in cases {
                let k = key(sentence);
                let at = k.find(phrase).unwrap();
                assert_eq!(is_negated(&k, at), negated, "{sentence}");
            }
        }
    }
}
