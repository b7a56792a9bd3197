//! Which characters a text holds, found in two passes over its bytes.
//!
//! Several rules look for characters that most documents never contain (invisible
//! characters, curly quotes, characters that NFC would change). Scanning every text of every
//! document for each of them cost more than parsing the document; a census taken once per
//! file answers "can this document hold any?" and the rules skip the documents that cannot.
//!
//! The census is exact for what it lists: ASCII is only tested for control characters (a
//! vector register of bytes at a time), and every other character is found by its first
//! byte (eight bytes at a time), decoded and remembered. A text with more distinct characters
//! than [`MAX_LISTED`] (beyond Latin-1) stops the listing, and from then on every question
//! answers "maybe", so rules fall back to their full scan.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc_quick, IsNormalized};

/// Distinct characters above U+00FF the census lists before it answers "maybe" to
/// everything (a template's text uses about a dozen).
pub const MAX_LISTED: usize = 64;

/// The characters of one text (see the module documentation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Census {
    /// An ASCII control other than tab, line feed and carriage return (DEL included).
    ascii_control: bool,
    /// Bit `i` set: U+0080 + `i` occurs.
    latin1: u128,
    /// The other characters above U+00FF, sorted, without duplicates.
    others: Vec<char>,
    /// More than [`MAX_LISTED`] characters above U+00FF: the list is incomplete.
    overflow: bool,
}

impl Census {
    /// Takes the census of `text`, in time linear in its length.
    pub fn of(text: &str) -> Census {
        let bytes = text.as_bytes();
        let mut census = Census {
            ascii_control: any_ascii_control(bytes),
            ..Census::default()
        };
        census.add_leads(bytes);
        census
    }

    /// Adds every character of `text` above U+007F.
    fn add_leads(&mut self, text: &[u8]) {
        // The first byte of every character above U+007F is 0b11xxxxxx: eight bytes at a
        // time, those bytes are the ones whose two top bits are set. Four words at a time,
        // a block without a byte above 0x7F is passed over at once.
        let blocks = text.chunks_exact(32);
        let tail = blocks.remainder();
        let mut at = 0;
        for block in blocks {
            let block = <[u8; 32]>::try_from(block).unwrap_or([0; 32]);
            let words: [u64; 4] = std::array::from_fn(|i| {
                let mut word = [0; 8];
                word.copy_from_slice(block.get(i * 8..i * 8 + 8).unwrap_or(&[0; 8]));
                u64::from_le_bytes(word)
            });
            if words.iter().fold(0, |any, w| any | w) & 0x8080_8080_8080_8080 != 0 {
                for (i, w) in words.into_iter().enumerate() {
                    let mut leads = w & (w << 1) & 0x8080_8080_8080_8080;
                    while leads != 0 {
                        self.add_at(text, at + i * 8 + leads.trailing_zeros() as usize / 8);
                        leads &= leads - 1;
                    }
                }
            }
            at += 32;
        }
        for (i, &b) in tail.iter().enumerate() {
            if b >= 0xC0 {
                self.add_at(text, at + i);
            }
        }
    }

    /// Adds the character starting at byte `at` of `text` (valid UTF-8).
    fn add_at(&mut self, text: &[u8], at: usize) {
        let lead = text.get(at).copied().unwrap_or(0);
        if lead & 0xFE == 0xC2 {
            // U+0080 to U+00FF: a two-byte form whose lead byte holds two bits of the code.
            let next = text.get(at + 1).copied().unwrap_or(0);
            let code = (u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F);
            self.latin1 |= 1 << (code.wrapping_sub(0x80) & 0x7F);
        } else if let Some(c) = text
            .get(at..)
            .and_then(|rest| rest.get(..utf8_width(lead)))
            .and_then(|form| std::str::from_utf8(form).ok())
            .and_then(|form| form.chars().next())
        {
            self.add(c);
        }
    }

    fn add(&mut self, c: char) {
        let code = u32::from(c);
        if (0x80..0x100).contains(&code) {
            self.latin1 |= 1 << (code - 0x80);
        } else if code >= 0x100 && !self.overflow {
            if let Err(slot) = self.others.binary_search(&c) {
                if self.others.len() == MAX_LISTED {
                    self.overflow = true;
                } else {
                    self.others.insert(slot, c);
                }
            }
        }
    }

    /// Whether the text holds an ASCII control character other than tab, line feed and
    /// carriage return (DEL counts as one).
    pub fn has_ascii_control(&self) -> bool {
        self.ascii_control
    }

    /// Whether the text may hold a character above U+007F for which `test` holds: `false`
    /// means certainly none; `true` means one does, or the listing overflowed.
    pub fn may_hold(&self, test: impl Fn(char) -> bool) -> bool {
        let mut latin1 = self.latin1;
        let latin1 = std::iter::from_fn(move || {
            let bit = latin1.trailing_zeros();
            latin1 &= latin1.wrapping_sub(1);
            (bit < 128).then(|| char::from_u32(0x80 + bit)).flatten()
        });
        self.overflow || latin1.chain(self.others.iter().copied()).any(test)
    }

    /// Whether every text made of these characters is in NFC, whatever their order: each
    /// is its own NFC form and none combines with or reorders around its neighbours.
    pub fn always_nfc(&self) -> bool {
        !self.may_hold(|c| {
            c >= '\u{300}'
                && (canonical_combining_class(c) != 0
                    || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
        })
    }
}

/// Whether `b` is an ASCII control other than tab, line feed and carriage return.
fn is_ascii_control(b: u8) -> bool {
    // Without short circuits, so that a block of bytes is tested in vector registers; tab,
    // line feed and carriage return are 9, 10 and 13: 0, 1 and 4 above 9.
    let above_tab = b.wrapping_sub(b'\t');
    let allowed = (above_tab < 2) | (above_tab == 4);
    ((b < 0x20) & !allowed) | (b == 0x7F)
}

/// Whether `bytes` hold an ASCII control (see [`is_ascii_control`]): one pass without an
/// early exit, which the compiler turns into vector comparisons.
fn any_ascii_control(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .fold(0u8, |any, &b| any | u8::from(is_ascii_control(b)))
        != 0
}

/// The length of the UTF-8 form that starts with `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The census answers like a scan of every character would.
    fn check_against_scan(text: &str) {
        let census = Census::of(text);
        let control = text
            .chars()
            .any(|c| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert_eq!(census.has_ascii_control(), control, "{text:?}");
        for probe in text.chars().chain(['\u{E9}', '\u{2019}', '\u{200B}', 'x']) {
            let held = text.contains(probe) && !probe.is_ascii();
            assert_eq!(census.may_hold(|c| c == probe), held, "{text:?} {probe:?}");
        }
        if census.always_nfc() {
            assert!(unicode_normalization::is_nfc(text), "{text:?}");
            let reversed: String = text.chars().rev().collect();
            assert!(unicode_normalization::is_nfc(&reversed), "{text:?}");
        }
    }

    #[test]
    fn lists_exactly_the_characters_of_the_text() {
        for text in [
            "",
            "plain ASCII only, longer than one block of thirty-two bytes",
            "caf\u{E9} \u{2019}quote\u{2019} \u{AB}\u{A0}guillemets\u{A0}\u{BB}",
            "bell\u{7} and delete\u{7F}",
            "tab\tline\nreturn\r",
            "zero\u{200B}width at the end of a long line of ASCII text \u{FEFF}",
            "e\u{301} decomposed",
            "\u{1100}\u{1161} jamo",
            "\u{10FFFF}\u{80}\u{FF}\u{100}",
        ] {
            check_against_scan(text);
        }
    }

    #[test]
    fn every_character_at_every_offset_of_a_block() {
        for c in [
            '\u{0}',
            '\u{1F}',
            '\u{7F}',
            '\u{80}',
            '\u{AD}',
            '\u{2060}',
            '\u{1F600}',
        ] {
            // Offsets across 8-byte words and 16- and 32-byte vectors.
            for offset in 0..=65 {
                let text = format!("{}{c}{}", "a".repeat(offset), "b".repeat(40));
                check_against_scan(&text);
            }
        }
    }

    #[test]
    fn random_texts_answer_like_a_scan() {
        // Every width of UTF-8 form, controls and Latin-1's edges, at random offsets
        // across block and word boundaries.
        const PALETTE: [&str; 14] = [
            "a",
            " ",
            "\n",
            "\t",
            "\u{1}",
            "\u{7F}",
            "\u{80}",
            "\u{BF}",
            "\u{C0}",
            "\u{FF}",
            "\u{100}",
            "\u{2019}",
            "\u{FEFF}",
            "\u{1F600}",
        ];
        let mut next = crate::testing::pseudo_random(0x51_7CC1_B727_220A_u64);
        for _ in 0..2_000 {
            let text = crate::testing::random_text(&mut next, &PALETTE, 90);
            check_against_scan(&text);
        }
    }

    #[test]
    fn every_latin1_character_is_listed_as_itself() {
        for c in (0x80..0x100).filter_map(char::from_u32) {
            check_against_scan(&format!("{c}"));
            check_against_scan(&format!("x{c}\u{2019}{c}y"));
        }
    }

    #[test]
    fn nfc_safety_matches_composition() {
        // Every character up to U+3000, alone and after a letter.
        for c in (0x80..0x3000).filter_map(char::from_u32) {
            let census = Census::of(&format!("a{c}"));
            if census.always_nfc() {
                for text in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
                    assert_eq!(text.nfc().collect::<String>(), text, "{c:?}");
                }
            }
        }
        assert!(Census::of("d\u{E9}j\u{E0} l\u{2019}\u{E9}t\u{E9}").always_nfc());
        assert!(!Census::of("de\u{301}ja\u{300}").always_nfc());
    }

    #[test]
    fn too_many_characters_answer_maybe() {
        let text: String = (0x4E00..0x4E00 + MAX_LISTED as u32 + 1)
            .filter_map(char::from_u32)
            .collect();
        let census = Census::of(&text);
        assert!(census.may_hold(|c| c == '\u{200B}'));
        assert!(!census.always_nfc());
        let listed: String = text.chars().take(MAX_LISTED).collect();
        assert!(!Census::of(&listed).may_hold(|c| c == '\u{200B}'));
    }
}
