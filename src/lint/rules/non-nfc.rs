//! ## What it does
//! Reports text that is not in Unicode normalization form C (NFC). Such text has letters
//! written as a base letter followed by a combining mark (`e` + U+0301 for `é`), or
//! characters that NFC replaces (U+212B ANGSTROM SIGN for `Å`). Headings, paragraphs, table
//! headers and cells are checked; the first such run of each text is reported.
//!
//! ## Why it matters
//! The two forms look the same but compare differently: searches, comparisons between
//! documents and copy-paste into other tools miss the decomposed words. Decomposed text
//! usually comes from a macOS file name or a PDF copy.
//!
//! ## Example
//! Failing (the `é` of "nécessaires" typed as `e` + U+0301):
//! ```text
//! Cookies ne´cessaires au bon fonctionnement de la plateforme
//! ```
//! Passing:
//! ```text
//! Cookies nécessaires au bon fonctionnement de la plateforme
//! ```
//!
//! ## Fix
//! Convert the file to NFC (for instance `uconv -x any-nfc`, or the "normalize" command of
//! most editors).

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::lint::claims::texts;
use crate::lint::{Emitter, LintContext};
use crate::normalize::all_bytes_below;
use crate::source::Span;

/// Reports the first run of non-NFC characters in each text.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    // The texts are slices of the source: if no arrangement of its characters can be
    // outside NFC, no text is.
    if cx.source.census().always_nfc() {
        return;
    }
    for text in texts(cx.doc) {
        let raw = text.span.slice(cx.text());
        if below_combining_marks(raw)
            || is_nfc_quick(raw.chars()) == IsNormalized::Yes
            || is_nfc(raw)
        {
            continue;
        }
        let run = first_run(raw).unwrap_or(0..raw.len());
        let span = Span::new(text.span.start + run.start, text.span.start + run.end);
        let composed: String = span.slice(cx.text()).nfc().collect();
        let _ = out
            .emit(
                span,
                format!("\"{composed}\" is not written in Unicode normalization form C"),
            )
            .help("convert the text to NFC, so that it compares equal to the same words typed normally");
    }
}

/// Whether every character of `raw` is below U+0300, where the combining marks start: such
/// characters are all their own NFC form and never reorder (their combining class is 0),
/// so the text is in NFC. A byte test: UTF-8 lead bytes below 0xCC encode exactly them.
fn below_combining_marks(raw: &str) -> bool {
    all_bytes_below(raw.as_bytes(), 0xCC)
}

/// The byte range of the first run of consecutive clusters that are not in NFC. A cluster is
/// a character and the combining marks (or Hangul jamo) that follow it.
fn first_run(raw: &str) -> Option<std::ops::Range<usize>> {
    let mut run: Option<std::ops::Range<usize>> = None;
    let mut cluster_start = 0;
    let boundaries = raw
        .char_indices()
        .filter(|&(_, c)| !continues_cluster(c))
        .map(|(at, _)| at)
        .chain(std::iter::once(raw.len()));
    for boundary in boundaries {
        if boundary == cluster_start {
            continue;
        }
        let cluster = raw.get(cluster_start..boundary)?;
        if is_nfc(cluster) {
            if run.is_some() {
                return run;
            }
        } else {
            let start = run.as_ref().map_or(cluster_start, |r| r.start);
            run = Some(start..boundary);
        }
        cluster_start = boundary;
    }
    run
}

/// Whether `c` composes with what precedes it: a combining mark, or a Hangul medial vowel or
/// final consonant.
fn continues_cluster(c: char) -> bool {
    canonical_combining_class(c) != 0 || ('\u{1160}'..='\u{11FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_accepts_exactly_the_characters_below_u0300() {
        for c in (0..0x400).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(below_combining_marks(&text), u32::from(c) < 0x300, "{c:?}");
            if below_combining_marks(&text) {
                assert!(is_nfc(&text), "{c:?}");
            }
        }
    }
}
