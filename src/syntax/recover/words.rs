//! Word-level evidence for splitting rows: durations, legal forms of providers, the words
//! that open a purpose.

use crate::cookie_name::listed;
use crate::normalize::unify_mark;

/// First words of purposes written as sentences.
pub(super) const PURPOSE_STARTERS: &str = "to se pour used allows permet permettre stores enables";

/// Whether a word of `text` has a lower-case letter followed by a capital.
pub(super) fn has_inner_capital(text: &str) -> bool {
    text.chars()
        .zip(text.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase())
}

/// Whether `word` is a company's legal form ("SA", "Ltd."), which ends a provider's name.
pub(super) fn is_legal_form(word: &str) -> bool {
    const FORMS: &str = "AB AG AS BV Corp EURL GmbH Inc KG LLC Limited Ltd NV Oy plc S.A SA SARL \
        SAS SASU SCOP SE SL SpA Srl";
    listed(FORMS, word.trim_end_matches(['.', ',']))
}

/// Whether `text` (trimmed, perhaps ending with a period) is a duration and nothing else.
pub(super) fn is_duration(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    !text.is_empty() && duration_len(text) == Some(text.len())
}

/// Whether `text` ends with a duration after a few words of prose.
pub(super) fn ends_with_duration(text: &str) -> bool {
    text.match_indices(char::is_whitespace)
        .take(12)
        .any(|(i, _)| text.get(i..).is_some_and(is_duration))
}

/// The byte length of the duration at the start of `text`: an optional lead ("up to"), a
/// number and a unit ("13 months", "1 an") or a session phrase ("Session", "fin de
/// session"), and an optional trailer ("by default").
pub(super) fn duration_len(text: &str) -> Option<usize> {
    const LEADS: &str = "up to|jusqu'à|jusqu'a|maximum|max|about|environ";
    const NUMBERS: &str = "one|two|three|six|twelve|thirteen|un|une|deux|trois|douze|treize";
    const UNITS: &str = "seconds|second|secondes|seconde|sec|minutes|minute|min|hours|hour|\
        heures|heure|h|days|day|jours|jour|j|weeks|week|semaines|semaine|months|month|mois|\
        years|year|ans|an|années|année";
    const SESSION: &str = "end of the browsing session|end of the session|end of session|\
        fin de la session|fin de session|session|persistent|persistant|permanent";
    const TRAILERS: &str = "by default|par défaut|maximum|max";
    let mut rest = text;
    if let Some(after_lead) = strip_any(rest, LEADS) {
        rest = after_lead.trim_start();
    }
    let after_number = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
        rest.get(digits.unwrap_or(rest.len())..)
    } else {
        strip_any(rest, NUMBERS)
    };
    rest = match after_number {
        Some(after) => strip_any(after.trim_start(), UNITS)?,
        None => strip_any(rest, SESSION)?,
    };
    if let Some(after_trailer) = strip_any(rest.trim_start(), TRAILERS) {
        rest = after_trailer;
    }
    Some(text.len() - rest.len())
}

/// Strips the first of the `|`-separated `words` that `text` starts with (ignoring case, as
/// a whole word: not followed by a lower-case letter), returning the rest.
pub(super) fn strip_any<'t>(text: &'t str, words: &str) -> Option<&'t str> {
    words.split('|').find_map(|word| {
        let mut rest = text.char_indices();
        for w in word.chars() {
            let (_, c) = rest.next()?;
            if !unify_mark(c).to_lowercase().eq(w.to_lowercase()) {
                return None;
            }
        }
        let tail = text.get(rest.next().map_or(text.len(), |(i, _)| i)..)?;
        (!tail.starts_with(char::is_lowercase)).then_some(tail)
    })
}
