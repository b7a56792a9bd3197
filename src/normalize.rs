//! Text normalization, in one place: the display form shown to users and the comparison key
//! that rules compare.
//!
//! Both functions are pure and idempotent (`display(display(x)) == display(x)`,
//! `key(key(x)) == key(x)`). The display form changes nothing but Unicode composition and
//! whitespace; the key also folds case, compatibility forms, quotes and apostrophes, and
//! drops invisible characters, so that two texts a reader would call "the same wording"
//! get the same key.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Display form: NFC, trimmed, every run of whitespace collapsed to one space.
///
/// Allocates only when the text is not already in that form.
pub fn display(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    let nfc = trimmed.is_ascii() || is_nfc_quick(trimmed.chars()) == IsNormalized::Yes;
    if nfc && !needs_whitespace_collapse(trimmed) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    };
    if nfc {
        trimmed.chars().for_each(|c| push(c, &mut out));
    } else {
        trimmed.nfc().for_each(|c| push(c, &mut out));
    }
    Cow::Owned(out)
}

fn needs_whitespace_collapse(text: &str) -> bool {
    let mut previous_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if previous_space || c != ' ' {
                return true;
            }
            previous_space = true;
        } else {
            previous_space = false;
        }
    }
    false
}

/// Comparison key: NFKC, lower case, quotes and apostrophes unified, dashes unified,
/// invisible characters dropped, whitespace (invisible whitespace included) collapsed and
/// trimmed. A text and its [`display`] form have the same key.
pub fn key(text: &str) -> String {
    key_common(text).unwrap_or_else(|| key_general(text))
}

/// The key of a text written only in characters that are their own NFKC form next to any
/// other such character (ASCII, the Latin-1 letters, `œ`, the quotes, dashes and spaces the
/// key folds), built in one pass; `None` at the first other character, which sends the text
/// to [`key_general`]. Almost all text in this template's languages takes this path.
fn key_common(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut at = 0;
    while let Some(rest) = bytes.get(at..).filter(|rest| !rest.is_empty()) {
        // A run of printable ASCII other than the space and the backtick: kept as it is,
        // lower-cased, in one copy (most of a text is such runs between spaces).
        let run = rest
            .iter()
            .position(|&b| !is_kept_ascii(b))
            .unwrap_or(rest.len());
        if run > 0 {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            let start = out.len();
            out.push_str(text.get(at..at + run)?);
            out.get_mut(start..)?.make_ascii_lowercase();
            at += run;
            continue;
        }
        let c = text.get(at..)?.chars().next()?;
        at += c.len_utf8();
        let folded = match c {
            '\t' | '\n' | '\r' | '\u{B}' | '\u{C}' | ' ' | '\u{A0}' | '\u{202F}' => {
                pending_space = !out.is_empty();
                continue;
            }
            c if c.is_ascii_control() => continue,
            '`' | '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{AB}' | '\u{BB}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c if c.is_ascii() => c.to_ascii_lowercase(),
            '\u{C0}'..='\u{FF}' | '\u{152}' | '\u{153}' => {
                // One lower-case character each (`ß` and `ÿ` are already lower case).
                c.to_lowercase().next().unwrap_or(c)
            }
            _ => return None,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(folded);
    }
    Some(out)
}

/// Whether [`key_common`] keeps the ASCII byte `b` as it is, but for its case: printable,
/// neither the space nor the backtick (which becomes an apostrophe).
fn is_kept_ascii(b: u8) -> bool {
    (b'!'..=b'~').contains(&b) && b != b'`'
}

/// The key of any text: normalises to NFKC first (when a quick check says it is needed).
fn key_general(text: &str) -> String {
    // Most text is already NFKC (all ASCII is): skip the normalising iterator then.
    // Invisible characters are dropped *before* normalising: one left between a letter and
    // its combining mark would block composition, and dropping it afterwards would leave a
    // key that is not itself normalised (so `key` would not be idempotent).
    // Invisible characters go, except the whitespace ones (line tabulation, form feed, next
    // line): they separate words, as the display form shows them.
    let visible = || {
        text.chars()
            .filter(|c| c.is_whitespace() || !is_invisible(*c))
    };
    let key = if unicode_normalization::is_nfkc_quick(visible()) == IsNormalized::Yes {
        key_of(visible(), text.len())
    } else {
        key_of(visible().nfkc(), text.len())
    };
    // Lowercasing can make a composable pair ("J" + caron has no precomposed form, "j" +
    // caron has): normalise once more so the key is a fixed point.
    if unicode_normalization::is_nfkc_quick(key.chars()) == IsNormalized::Yes {
        key
    } else {
        key.nfkc().collect()
    }
}

fn key_of(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // A safety net: normalisation maps none of the characters left to an invisible one.
        if is_invisible(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match unify_mark(c) {
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// The one form the comparison key gives the marks written several ways: single quotes and
/// apostrophes (curly, low, reversed, prime, backtick, acute accent) as `'`, double quotes
/// and guillemets as `"`, hyphens, dashes and the minus sign as `-`; other characters as
/// they are.
pub fn unify_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        other => other,
    }
}

/// The invisible characters of `text` (see [`is_invisible`]) with their byte offsets, found
/// by a byte scan: only ASCII controls and characters whose UTF-8 form starts with 0xC2,
/// 0xE1, 0xE2 or 0xEF can be invisible, so other characters are never decoded. The scan
/// tests blocks of [`BLOCK`] bytes at once (a test the compiler turns into vector
/// instructions) and looks at single bytes only in the rare blocks that hold a candidate.
pub fn invisible_chars(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.as_bytes()
        .chunks(BLOCK)
        .enumerate()
        .filter(|(_, block)| {
            block
                .iter()
                .fold(false, |any, &b| any | may_be_invisible(b))
        })
        .flat_map(|(i, block)| {
            block
                .iter()
                .enumerate()
                .filter(|&(_, &b)| may_be_invisible(b))
                .map(move |(j, _)| i * BLOCK + j)
        })
        .filter_map(|at| {
            let c = text.get(at..)?.chars().next()?;
            is_invisible(c).then_some((at, c))
        })
}

/// The number of bytes [`invisible_chars`] and [`all_bytes_below`] test at once.
const BLOCK: usize = 32;

/// Whether `b` is an ASCII control other than tab and line breaks, or the first byte of a
/// character that may be invisible (see [`invisible_chars`]).
fn may_be_invisible(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || matches!(b, 0x7F | 0xC2 | 0xE1 | 0xE2 | 0xEF)
}

/// Whether every byte of `bytes` is below `limit`, tested [`BLOCK`] bytes at a time.
pub fn all_bytes_below(bytes: &[u8], limit: u8) -> bool {
    bytes
        .chunks(BLOCK)
        .all(|block| !block.iter().fold(false, |any, &b| any | (b >= limit)))
}

/// Characters a reader cannot see: zero-width characters, bidirectional controls, the
/// byte-order mark, soft hyphen, and C0/C1 control characters other than tab and line breaks.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}'
        | '\u{180E}'
    ) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_writes_each_mark_as_unify_mark_does() {
        for c in "\u{2018}\u{2019}\u{201A}\u{201B}\u{2032}`\u{B4}\u{201C}\u{201D}\u{201E}\u{201F}\u{AB}\u{BB}\u{2033}\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2212}'\"-".chars() {
            assert!(matches!(unify_mark(c), '\'' | '"' | '-'), "{c:?}");
            // (NFKC comes first: the acute accent and the double prime are not their own
            // NFKC form, so the key never sees them.)
            if c.to_string().nfkc().eq(std::iter::once(c)) {
                let text = format!("a{c}b");
                assert_eq!(key(&text), format!("a{}b", unify_mark(c)), "{c:?}");
            }
        }
        assert_eq!(unify_mark('x'), 'x');
    }

    #[test]
    fn display_collapses_and_composes() {
        assert_eq!(display("  a \t b  "), "a b");
        assert_eq!(display("e\u{301}t\u{e9}"), "\u{e9}t\u{e9}");
        assert!(matches!(display("already clean"), Cow::Borrowed(_)));
    }

    /// Found by `roundtrip_markdown`: a line tabulation between two words was dropped by
    /// the key (as invisible) but shown as a space, so a heading and its display form named
    /// different sections.
    #[test]
    fn invisible_whitespace_separates_words_in_the_key() {
        for text in [
            "Weitere\u{b}Cookies",
            "Weitere\u{c}Cookies",
            "Weitere\u{85}Cookies",
        ] {
            assert_eq!(key(text), "weitere cookies", "{text:?}");
            assert_eq!(key(&display(text)), key(text), "{text:?}");
        }
        assert_eq!(key("Wei\u{200b}tere\u{1}Cookies"), "weiterecookies");
    }

    #[test]
    fn key_unifies_what_readers_do_not_distinguish() {
        assert_eq!(key("Qu\u{2019}est-ce"), key("qu'est-ce"));
        assert_eq!(key("\u{201C}Necessary\u{201D}"), "\"necessary\"");
        assert_eq!(key("a\u{200B}b\u{00A0} c"), "ab c");
        assert_eq!(key("ﬁnal"), "final");
    }

    #[test]
    fn the_one_pass_key_agrees_with_the_general_one() {
        // Every character the one-pass key handles, next to characters it does not (which
        // send the text to the general path) and to combining marks that compose.
        let alphabet: Vec<char> = ('\u{0}'..='\u{17F}')
            .chain([
                '\u{301}', '\u{327}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
            ])
            .chain([
                '\u{2013}', '\u{2014}', '\u{2032}', '\u{2033}', '\u{202F}', '\u{200B}',
            ])
            .chain(['\u{FB01}', '\u{1E9E}', '\u{130}', '\u{3000}', '\u{2028}'])
            .collect();
        let mut next = crate::testing::pseudo_random(0x9E37_79B9_7F4A_7C15_u64);
        let mut common = 0;
        for _ in 0..20_000 {
            let len = next(40);
            let text: String = (0..len)
                .map(|_| {
                    // Mostly the characters of the one-pass path, sometimes any.
                    if next(8) == 0 {
                        alphabet[next(alphabet.len())]
                    } else {
                        alphabet[next(0x180)]
                    }
                })
                .collect();
            if let Some(fast) = key_common(&text) {
                common += 1;
                assert_eq!(fast, key_general(&text), "{text:?}");
            }
            assert_eq!(key(&text), key_general(&text), "{text:?}");
        }
        // The one-pass path was exercised, not just the fallback.
        assert!(common > 1000, "{common}");
        // Invisible characters are found wherever they are, and nothing else is.
        for text in [
            "a\u{200B}b\u{FEFF}\u{AD}\u{180E}\u{85}\u{7}é\u{2069}",
            "\t\n\r plain é",
        ] {
            let slow: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(_, c)| is_invisible(c))
                .collect();
            assert_eq!(invisible_chars(text).collect::<Vec<_>>(), slow);
        }
        // Wherever the character falls in the blocks the scan tests at once.
        for before in 0..3 * BLOCK {
            for tail in ["", "b", "\u{2060}"] {
                let text = format!(
                    "{}\u{200B}{tail}",
                    "é".repeat(before / 2) + &"a".repeat(before % 2)
                );
                let slow: Vec<(usize, char)> = text
                    .char_indices()
                    .filter(|&(_, c)| is_invisible(c))
                    .collect();
                assert_eq!(invisible_chars(&text).collect::<Vec<_>>(), slow, "{text:?}");
                assert!(!all_bytes_below(text.as_bytes(), 0xC0));
                assert!(all_bytes_below(text.as_bytes(), 0xF0));
            }
        }
        for c in '\u{0}'..='\u{FFFF}' {
            if is_invisible(c) {
                let text = format!("x{c}y");
                assert_eq!(invisible_chars(&text).count(), 1, "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn both_forms_are_idempotent() {
        for sample in [
            "  É\u{301}  x\u{2019} ",
            "A\u{200B}\u{00A0}\u{FEFF}B",
            "ǅ ß ﬀ",
        ] {
            let shown = display(sample).into_owned();
            assert_eq!(display(&shown), shown.as_str());
            let k = key(sample);
            assert_eq!(key(&k), k);
        }
    }
}
