//! ## What it does
//! Reports apostrophes and double quotes written in the document's less frequent style.
//! Straight `'` is compared with curly `’` (and `‘`), straight `"` with curly `“ ”` (and
//! `„`). Each family is compared on its own, so a document may use curly double quotes and
//! straight apostrophes throughout. French guillemets `« »` are a different mark and are
//! not compared. Each minority occurrence is reported, up to 20 per family; a last
//! diagnostic counts the rest.
//!
//! ## Why it matters
//! Mixed styles betray text pasted from several sources; they also defeat searches for a
//! wording ("user's" does not find "user’s").
//!
//! ## Example
//! Failing:
//! ```text
//! They do not require the user’s consent. The visitor's language is remembered.
//! The provider's name is shown.
//! ```
//! Passing:
//! ```text
//! They do not require the user's consent. The visitor's language is remembered.
//! The provider's name is shown.
//! ```
//!
//! ## Fix
//! Write every apostrophe, and every double quote, in the style the document mostly uses.

use crate::lint::claims::texts;
use crate::lint::{Emitter, LintContext};
use crate::model::Document;
use crate::source::Span;

/// At most this many occurrences are reported one by one per family.
const MAX_REPORTED: usize = 20;

/// A family of marks written in two styles.
struct Family {
    /// What one mark of the family is called, in the plural.
    plural: &'static str,
    /// The straight style.
    straight: &'static [char],
    /// The curly (typographic) style.
    curly: &'static [char],
    /// How the straight style is written in help texts.
    straight_example: &'static str,
    /// How the curly style is written in help texts.
    curly_example: &'static str,
}

const FAMILIES: [Family; 2] = [
    Family {
        plural: "apostrophes",
        straight: &['\''],
        curly: &['\u{2019}', '\u{2018}'],
        straight_example: "'",
        curly_example: "\u{2019}",
    },
    Family {
        plural: "double quotes",
        straight: &['"'],
        curly: &['\u{201C}', '\u{201D}', '\u{201E}'],
        straight_example: "\"",
        curly_example: "\u{201C} \u{201D}",
    },
];

/// How often a document (or a text) uses each style of one family, and where each style
/// first appears.
#[derive(Clone, Copy, Default)]
struct Usage {
    straight: usize,
    curly: usize,
    first_straight: Option<usize>,
    first_curly: Option<usize>,
}

/// Reports the minority style of each family that is written in both styles.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    if !FAMILIES.iter().any(|family| in_both_styles(cx, family)) {
        return;
    }
    for (family, usage) in FAMILIES.iter().zip(usage(cx)) {
        if usage.straight == 0 || usage.curly == 0 {
            continue;
        }
        // The less frequent style is the odd one out; on a tie, the one that came second.
        let curly_is_odd = usage.curly < usage.straight
            || (usage.curly == usage.straight && usage.first_curly > usage.first_straight);
        let (odd, odd_count, odd_style, usual, usual_example) = if curly_is_odd {
            (
                family.curly,
                usage.curly,
                "curly",
                "straight",
                family.straight_example,
            )
        } else {
            (
                family.straight,
                usage.straight,
                "straight",
                "curly",
                family.curly_example,
            )
        };
        let total = usage.curly + usage.straight;
        let mut places = occurrences(cx.doc, cx.text(), odd);
        places.sort_unstable();
        let help = format!("write {usual_example} like the rest of the document");
        for (n, &at) in places.iter().enumerate() {
            let Some(c) = cx.text().get(at..).and_then(|s| s.chars().next()) else {
                continue;
            };
            let span = Span::new(at, at + c.len_utf8());
            if n == MAX_REPORTED {
                let _ = out
                    .emit(
                        span,
                        format!(
                            "{} more {odd_style} {} from here on, not reported one by one",
                            odd_count - n,
                            family.plural
                        ),
                    )
                    .help(help.clone());
                break;
            }
            let _ = out
                .emit(
                    span,
                    format!(
                        "{} {c} while {} of the document's {total} {} are {usual}",
                        style_of(c),
                        total - odd_count,
                        family.plural
                    ),
                )
                .help(help.clone());
        }
    }
}

/// Whether the source holds marks of `family` in both styles: the texts are slices of it,
/// so otherwise none of them can mix the two (the census answers for the curly style, one
/// byte search for the straight one).
fn in_both_styles(cx: &LintContext<'_>, family: &Family) -> bool {
    cx.source.census().may_hold(|c| family.curly.contains(&c))
        && family.straight.iter().any(|&mark| {
            u8::try_from(mark).is_ok_and(|b| memchr::memchr(b, cx.text().as_bytes()).is_some())
        })
}

/// Counts both styles of each family in every text of the document.
fn usage(cx: &LintContext<'_>) -> [Usage; 2] {
    let mut usage = [Usage::default(); 2];
    for text in texts(cx.doc) {
        // Counted afresh: the marks are found by a byte search, which costs less than
        // hashing the text to look up a remembered count.
        let of_text = text_usage(text.span.slice(cx.text()));
        for (total, one) in usage.iter_mut().zip(of_text) {
            total.straight += one.straight;
            total.curly += one.curly;
            // Texts come in no particular order: keep the smallest offset.
            let earliest = |first: Option<usize>, here: Option<usize>| {
                first
                    .into_iter()
                    .chain(here.map(|h| text.span.start + h))
                    .min()
            };
            total.first_straight = earliest(total.first_straight, one.first_straight);
            total.first_curly = earliest(total.first_curly, one.first_curly);
        }
    }
    usage
}

/// Counts both styles of each family in `raw`, with offsets in `raw`.
fn text_usage(raw: &str) -> [Usage; 2] {
    let mut usage = [Usage::default(); 2];
    for at in marks_in(raw) {
        let Some(c) = raw.get(at..).and_then(|s| s.chars().next()) else {
            continue;
        };
        for (family, usage) in FAMILIES.iter().zip(usage.iter_mut()) {
            if family.straight.contains(&c) {
                usage.straight += 1;
                usage.first_straight.get_or_insert(at);
            } else if family.curly.contains(&c) {
                usage.curly += 1;
                usage.first_curly.get_or_insert(at);
            }
        }
    }
    usage
}

/// Offsets of every mark in `marks` in the texts of the document.
fn occurrences(doc: &Document, text: &str, marks: &[char]) -> Vec<usize> {
    texts(doc)
        .flat_map(|t| {
            let start = t.span.start;
            let raw = t.span.slice(text);
            marks_in(raw)
                .filter(move |&at| {
                    raw.get(at..)
                        .and_then(|s| s.chars().next())
                        .is_some_and(|c| marks.contains(&c))
                })
                .map(move |at| start + at)
        })
        .collect()
}

/// Offsets of the characters that can be a mark of either family: the ASCII quotes and
/// every character whose UTF-8 form starts with 0xE2 (the curly quotes' lead byte), found
/// by a byte scan rather than by decoding every character.
fn marks_in(raw: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'\'', b'"', 0xE2, raw.as_bytes())
}

/// What a mark is called in messages.
fn style_of(c: char) -> &'static str {
    match c {
        '\'' => "straight apostrophe",
        '\u{2019}' => "curly apostrophe",
        '\u{2018}' => "curly opening quote",
        '"' => "straight double quote",
        _ => "curly double quote",
    }
}
