//! The shape of cookie names: whether a word looks like one, how a name cell lists several,
//! and whether a name is a valid RFC 6265 token.
//!
//! These are heuristics over a single word or cell, with no context: they serve as evidence
//! for the front ends (recovering tables whose separators were lost) and for rules. Every
//! function is pure, never panics, and every range returned is a non-empty, trimmed byte
//! range into its input that starts and ends on char boundaries.
//!
//! Upper-case-only words are ambiguous (`IDE`, `NID` are cookies; `SA`, `API` are not). The
//! rule chosen here needs no context: a short list of well-known upper-case cookie names
//! (`KNOWN_UPPER_CASE_NAMES`) plus the pattern of session identifiers (`PHPSESSID`,
//! `ASPSESSIONIDxx`). Any other all-capital word is not taken for a cookie name.

use std::ops::Range;

/// Upper-case cookie names common enough to be recognised without context.
const KNOWN_UPPER_CASE_NAMES: &str = "\
    AEC ANID APISID CFID CFTOKEN CONSENT DSID HSID IDE JSESSIONID MUID NID OGPC OTZ PHPSESSID \
    PREF SAPISID SESSID SID SIDCC SOCS SSID UULE YSC";

/// Cookie names in lower or mixed case common enough to be recognised without context: those
/// of the Opendatasoft platform and of widespread third-party services.
const KNOWN_NAMES: &str = "\
    __cf_bm __gads __gpi __hssc __hssrc __hstc __stripe_mid __stripe_sid __utma __utmb __utmc \
    __utmt __utmv __utmz _cfuvid _clck _clsk _fbc _fbp _ga _gat _gcl_au _gid _hjid \
    _hjSessionUser _pk_id _pk_ref _pk_ses _uetsid _uetvid bcookie bscookie cookies_preferences \
    csrftoken django_language hubspotutk li_gc lidc sessionid";

/// Lower-case words of six letters or more that occur in the prose around cookie names
/// (purposes, services, headers) and so must not be taken for names. Words ending in a prose
/// suffix ([`PROSE_SUFFIXES`]) need not be listed.
const STOP_WORDS: &str = "\
    about account advertising afficher against allows always analytics another appels assess \
    attacks audience banner bandeau because before behalf between browse browser chaque choice \
    choices choix collect collects compte concerne consent content contenu cookie cookies \
    default depuis deliver display displays donnees during durant enable enables ensuite \
    example exemple expiry facebook google hotjar identify instagram langue langues language \
    languages linkedin matomo measure measures months minutes needed network networks office \
    opendatasoft pendant permet permettent persistent piwik plateforme platform possess \
    preference preferences protect provide provides purpose purposes record records remember \
    request requests reseaux retrieve second seconds secure semaine semaines service services \
    session sessions should social statistics statistiques strictly suivre through toujours \
    traffic trafic twitter valeur visiteur visitor visitors website websites whether within \
    without youtube";

/// Endings of English and French words that cookie names rarely have.
const PROSE_SUFFIXES: &str = "\
    able ance ant ants ary ate ates ed ence ences er ers eur eurs euse ful ible ies ing ings \
    ique iques ir ise isme ity ive ives ize less ly ment ments ness ous sion sions tion tions";

/// Last segments that make a dotted word a domain or a file name rather than a cookie name.
const DOMAIN_ENDINGS: &str = "\
    be ca ch co com css de edu es eu fr gov htm html info io it jpg js json net nl org pdf php \
    png svg uk us xml";

/// Short words that join the parts of hyphenated prose ("up-to-date", "state-of-the-art").
const HYPHEN_CONNECTORS: &str = "\
    a an and au aux by de des du en et for in la le les of on the to";

/// Phrases that introduce a name given as prose ("Any cookie starting with _hs"), as
/// lower-case text.
const PROSE_NAME_LEADS: &str = "\
    begin with|beginning with|begins with|commencant par|commençant par|commencent par|\
    contenant|containing|débutant par|prefixed by|prefixed with|préfixé par|préfixés par|\
    start with|starting with|starts with";

/// Whether `word` is one of the whitespace-separated words of `list`.
pub(crate) fn listed(list: &str, word: &str) -> bool {
    // The substring search is fast and rules out most words before the exact scan.
    list.contains(word) && list.split_whitespace().any(|w| w == word)
}

/// Longest word taken for a cookie name, in bytes.
const MAX_NAME_BYTES: usize = 128;

/// Name strengths returned by [`name_strength`].
pub(crate) const WEAK: u8 = 1;
pub(crate) const MEDIUM: u8 = 2;
pub(crate) const STRONG: u8 = 3;

/// Whether `word` has the shape of a cookie name (`sessionid`, `_ga`, `_pk_id.*`,
/// `_hjSessionUser`, `SSESS<ID>`, `wp-settings-{num}`, `ods.session`, `IDE`), as opposed to a
/// word of prose or a provider name (`Opendatasoft`, `SA`, `remember`, `Google`).
///
/// The word is judged exactly as given: surrounding punctuation is not stripped.
pub fn looks_like_cookie_name(word: &str) -> bool {
    name_strength(word) > 0
}

/// How strongly `word` looks like a cookie name: 0 (not at all), [`WEAK`] (a plain
/// lower-case word that is not known prose), [`MEDIUM`] (camelCase, dotted, hyphenated with
/// digits, ...) or [`STRONG`] (underscores, wildcards, placeholders, well-known names).
pub(crate) fn name_strength(word: &str) -> u8 {
    if word.is_empty() || word.len() > MAX_NAME_BYTES || !word.is_ascii() {
        return 0;
    }
    if !word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return 0;
    }
    let Some(has_placeholder) = check_name_chars(word) else {
        return 0;
    };
    let core = word.trim_start_matches('_');
    if listed(KNOWN_UPPER_CASE_NAMES, word)
        || (core.len() < word.len() && core.bytes().any(|b| b.is_ascii_alphanumeric()))
        || word.contains('_')
        || (has_placeholder && has_text_outside_placeholders(word))
        || has_wildcard(word)
    {
        return STRONG;
    }
    if has_placeholder {
        return 0;
    }
    if is_dotted_name(word)
        || is_hyphenated_name(word)
        || is_camel_case(word)
        || is_digit_name(word)
        || is_upper_case_session_name(word)
    {
        return MEDIUM;
    }
    plain_word_strength(word)
}

/// Whether `word` is a well-known cookie name (`sessionid`, `cookies_preferences`, `_ga`,
/// `NID`), compared exactly.
pub(crate) fn is_known_name(word: &str) -> bool {
    !word.is_empty() && (listed(KNOWN_NAMES, word) || listed(KNOWN_UPPER_CASE_NAMES, word))
}

/// Checks that every character may appear in a cookie name written in a policy, and that
/// `<...>` and `{...}` placeholders are closed and hold a plain identifier. Returns whether
/// there is a placeholder, or `None` when a character rules the word out.
fn check_name_chars(word: &str) -> Option<bool> {
    let mut closer = None;
    let mut content = 0;
    let mut has_placeholder = false;
    for c in word.chars() {
        if let Some(close) = closer {
            if c == close {
                if content == 0 {
                    return None;
                }
                closer = None;
            } else if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                content += 1;
            } else {
                return None;
            }
        } else if c == '<' || c == '{' {
            closer = Some(if c == '<' { '>' } else { '}' });
            content = 0;
            has_placeholder = true;
        } else if !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*' | '$' | '%')) {
            return None;
        }
    }
    closer.is_none().then_some(has_placeholder)
}

fn has_text_outside_placeholders(word: &str) -> bool {
    let mut depth = false;
    word.chars().any(|c| {
        match c {
            '<' | '{' => depth = true,
            '>' | '}' => depth = false,
            c if !depth && c.is_ascii_alphanumeric() => return true,
            _ => {}
        }
        false
    })
}

/// A `*` wildcard that is part of a pattern (`_pk_id.*`, `wp-*`, `*_session`), not a
/// footnote mark after a word (`cookie*`).
fn has_wildcard(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + 1);
        b == b'*'
            && (before.is_none()
                || matches!(before, Some(b'_' | b'.' | b'-'))
                || matches!(after, Some(b'_' | b'.' | b'-')))
    })
}

/// `ods.session`, but not an abbreviation (`e.g`), a version (`v1.2`), a domain
/// (`example.org`) or a sentence end (`user.`).
fn is_dotted_name(word: &str) -> bool {
    if word.starts_with('.') {
        let rest = word.get(1..).unwrap_or("");
        return rest.len() >= 4 && rest.bytes().all(|b| b.is_ascii_uppercase());
    }
    if !word.contains('.') || word.ends_with('.') {
        return false;
    }
    let segments: Vec<&str> = word.split('.').collect();
    let last = segments
        .last()
        .map(|s| s.to_ascii_lowercase())
        .unwrap_or_default();
    segments.iter().all(|s| !s.is_empty())
        && segments.iter().any(|s| s.len() > 2)
        && !listed(DOMAIN_ENDINGS, &last)
        && !segments
            .first()
            .is_some_and(|s| s.eq_ignore_ascii_case("www"))
}

/// `XSRF-TOKEN`, `wp-settings-1`, `cookielawinfo-checkbox-necessary`, but not hyphenated
/// prose (`third-party`, `up-to-date`) nor `COVID-19`.
fn is_hyphenated_name(word: &str) -> bool {
    if !word.contains('-') {
        return false;
    }
    let parts: Vec<&str> = word.split('-').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    let lower_part = |p: &&str| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase());
    let has_digit = parts.iter().any(|p| p.bytes().any(|b| b.is_ascii_digit()));
    (has_digit && parts.iter().any(lower_part))
        || parts
            .iter()
            .all(|p| p.len() >= 2 && p.bytes().all(|b| b.is_ascii_uppercase()))
        || (parts.len() >= 3
            && parts.iter().all(|p| {
                p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
            && !parts.iter().any(|p| listed(HYPHEN_CONNECTORS, p)))
}

/// `hubspotUtk`: starts with at least two lower-case letters, then a lower-to-upper
/// transition. Brand names (`YouTube`, `LinkedIn`, `iPhone`) do not qualify.
fn is_camel_case(word: &str) -> bool {
    let core = word.trim_start_matches('_');
    let lead = core.bytes().take_while(u8::is_ascii_lowercase).count();
    lead >= 2
        && core
            .as_bytes()
            .get(lead)
            .is_some_and(u8::is_ascii_uppercase)
}

/// Letters and digits mixed (`uid2ab`), but not a quantity (`13th`, `24h`), an acronym with a
/// number (`COVID19`, `utf8`, `mp4`) or a chemical formula (`CO2`).
fn is_digit_name(word: &str) -> bool {
    let bytes = word.as_bytes();
    let letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    let digits_at = bytes.iter().position(u8::is_ascii_digit);
    let Some(first_digit) = digits_at else {
        return false;
    };
    let starts_with_digit = first_digit == 0;
    let trailing_number = bytes
        .get(first_digit..)
        .is_some_and(|t| t.iter().all(u8::is_ascii_digit));
    let all_upper = bytes.iter().all(|b| !b.is_ascii_lowercase());
    word.len() >= 4
        && letters >= 2
        && !starts_with_digit
        && !(trailing_number && (all_upper || first_digit <= 4))
}

/// `PHPSESSID`, `ASPSESSIONIDQQGGT`: capitals naming a session.
fn is_upper_case_session_name(word: &str) -> bool {
    word.len() >= 5
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && (word.contains("SESS") || word.ends_with("SID"))
}

/// A plain lower-case word (`sessionid`, `csrftoken`, `hubspotutk`): weak evidence unless it
/// is short, known prose or ends like prose; medium when it carries an identifier part.
fn plain_word_strength(word: &str) -> u8 {
    if word.len() < 6 || !word.bytes().all(|b| b.is_ascii_lowercase()) || is_prose_word(word) {
        return 0;
    }
    let identifier = ["token", "csrf", "xsrf", "sess"];
    if word.ends_with("id") || identifier.iter().any(|p| word.contains(p)) {
        MEDIUM
    } else {
        WEAK
    }
}

/// Whether a lower-case word is known prose: listed among common words, or ending like
/// English or French prose ("-tion", "-ment", "-eur", ...).
pub(crate) fn is_prose_word(word: &str) -> bool {
    listed(STOP_WORDS, word) || PROSE_SUFFIXES.split_whitespace().any(|s| word.ends_with(s))
}

/// Whether a lower-case word is one of the common words of the prose around cookie names
/// ("preferences", "cookies"), a stricter test than [`is_prose_word`].
pub(crate) fn is_common_word(word: &str) -> bool {
    !word.is_empty() && listed(STOP_WORDS, word)
}

/// Whether `text` contains a phrase that introduces a name given as prose ("starting with",
/// "commençant par").
pub(crate) fn has_prose_lead(text: &str) -> bool {
    if !text.contains(char::is_whitespace) {
        return false;
    }
    let lower = text.to_lowercase();
    PROSE_NAME_LEADS.split('|').any(|p| lower.contains(p))
}

/// Whether `text` ends with a phrase that introduces a name given as prose, so that a name
/// right after it belongs to that prose.
pub(crate) fn ends_with_prose_lead(text: &str) -> bool {
    let lower = text.trim_end().to_lowercase();
    PROSE_NAME_LEADS.split('|').any(|p| lower.ends_with(p))
}

/// The byte ranges of the cookie names listed in a name cell, in order.
///
/// Names are separated by `;`, `,`, `/`, line breaks and the words `and`, `et`, `or`, `ou`;
/// nothing inside `<...>`, `{...}` or `(...)` is split, so placeholders (`SSESS<ID>`,
/// `wp-settings-{num}`) and remarks stay whole. A name given as prose ("Any cookie starting
/// with _hs") stays one range. Ranges are trimmed and non-empty.
pub fn split_names(cell: &str) -> Vec<Range<usize>> {
    let mut names = Vec::new();
    for piece in split_at_depth_zero(cell, 0..cell.len(), true) {
        let text = cell.get(piece.clone()).unwrap_or("");
        if is_prose_name(text) {
            names.push(piece);
        } else {
            for name in split_at_depth_zero(cell, piece, false) {
                names.extend(split_name_words(cell, name));
            }
        }
    }
    names
}

/// Names separated only by blanks ("_ga _gid", or a cell wrapped over two lines and read
/// back on one) are several names when every word has the shape of a cookie name.
fn split_name_words(cell: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let text = cell.get(range.clone()).unwrap_or("");
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| {
            (
                (w.as_ptr() as usize).saturating_sub(text.as_ptr() as usize),
                w,
            )
        })
        .collect();
    if words.len() < 2 || !words.iter().all(|(_, w)| looks_like_cookie_name(w)) {
        return vec![range];
    }
    words
        .into_iter()
        .map(|(at, w)| range.start + at..range.start + at + w.len())
        .collect()
}

/// Splits `cell[range]` outside brackets: on `;` and line breaks when `strong`, otherwise on
/// `,`, `/` and the connector words. Returns the trimmed, non-empty pieces.
fn split_at_depth_zero(cell: &str, range: Range<usize>, strong: bool) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut piece_start = range.start;
    let mut previous = ' ';
    let text = cell.get(range.clone()).unwrap_or("");
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let at = range.start + offset;
        let mut separator_end = None;
        match c {
            '<' | '{' | '(' => depth += 1,
            '>' | '}' | ')' => depth = depth.saturating_sub(1),
            // U+037E (Greek question mark) is canonically `;`: the NFC display text splits
            // there, so the source must too.
            ';' | '\u{37e}' | '\n' | '\r' if depth == 0 && strong => {
                separator_end = Some(at + c.len_utf8())
            }
            ',' | '/' if depth == 0 && !strong => separator_end = Some(at + 1),
            _ if depth == 0 && !strong && previous.is_whitespace() => {
                let rest = text.get(offset..).unwrap_or("");
                separator_end = ["and", "et", "or", "ou"].iter().find_map(|w| {
                    let after = rest.get(w.len()..)?;
                    let word = rest.get(..w.len())?;
                    (word.eq_ignore_ascii_case(w) && after.starts_with(char::is_whitespace))
                        .then_some(at + w.len())
                });
            }
            _ => {}
        }
        if let Some(end) = separator_end {
            push_trimmed(cell, piece_start..at, &mut pieces);
            piece_start = end;
            while chars.peek().is_some_and(|&(o, _)| range.start + o < end) {
                chars.next();
            }
            previous = ' ';
        } else {
            previous = c;
        }
    }
    push_trimmed(cell, piece_start..range.end, &mut pieces);
    pieces
}

/// Pushes `range` trimmed of whitespace, if anything is left.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = trim_range(text, range);
    if !piece.is_empty() {
        out.push(piece);
    }
}

/// `range` without its leading and trailing whitespace (empty when out of bounds).
pub(crate) fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Whether a piece of a name cell is prose rather than a list of names: it uses a phrase
/// such as "starting with", or one of its list items has several words (outside
/// parentheses), not all of them names ("Cookies set by Hotjar", but not "a, b").
fn is_prose_name(text: &str) -> bool {
    if has_prose_lead(text) {
        return true;
    }
    split_at_depth_zero(text, 0..text.len(), false)
        .into_iter()
        .any(|item| {
            let mut depth = 0usize;
            let outside: String = text
                .get(item)
                .unwrap_or("")
                .chars()
                .filter(|&c| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth = depth.saturating_sub(1),
                        _ => return depth == 0,
                    }
                    false
                })
                .collect();
            let words: Vec<&str> = outside.split_whitespace().collect();
            words.len() >= 2 && words.iter().any(|w| !looks_like_cookie_name(w))
        })
}

/// Whether `name` is an RFC 6265 token (visible ASCII, no separators among
/// `()<>@,;:\"/[]?={}`, no space or tab), where `<...>` and `{...}` placeholders holding a
/// token are allowed as pattern parts (`*` wildcards are token characters already).
pub fn is_token(name: &str) -> bool {
    let mut closer = None;
    let mut content = 0;
    for c in name.chars() {
        match closer {
            Some(close) if c == close => {
                if content == 0 {
                    return false;
                }
                closer = None;
            }
            Some(_) if is_token_char(c) => content += 1,
            Some(_) => return false,
            None if c == '<' || c == '{' => {
                closer = Some(if c == '<' { '>' } else { '}' });
                content = 0;
            }
            None if is_token_char(c) => {}
            None => return false,
        }
    }
    !name.is_empty() && closer.is_none()
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_graphic() && !"()<>@,;:\\\"/[]?={}".contains(c)
}

#[cfg(test)]
mod tests;
