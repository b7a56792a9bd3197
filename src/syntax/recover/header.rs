//! Segmenting a header row whose separators were lost into known header phrases
//! ("Supplier nameServiceCookie namePurpose"), matched character by character so that
//! case folding never shifts byte offsets.

use rustc_hash::FxHashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::vocab::{ColumnPhrase, ColumnRole, COLUMN_PHRASES};

/// Longest line [`split_header`] looks at, in bytes.
pub const MAX_HEADER_BYTES: usize = 300;

/// Splits a header line whose cells lost their separators ("Supplier name Service Cookie
/// name Purpose", "Nom du prestataireService et emplacementNom du cookieFinalités") into
/// known column phrases, returning each cell's byte range and role.
///
/// The whole line (apart from whitespace, `:` and `*` between cells) must be covered by at
/// least two phrases of [`COLUMN_PHRASES`], matched case-insensitively char by char; among
/// the segmentations the one with the fewest (so the longest) phrases wins. A phrase must end
/// at a plausible boundary: the line end, a space, or anything but a lower-case letter
/// directly after a letter. Returns `None` otherwise, or for lines over [`MAX_HEADER_BYTES`].
pub fn split_header(line: &str) -> Option<Vec<(Range<usize>, ColumnRole)>> {
    if line.len() > MAX_HEADER_BYTES {
        return None;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(line.len(), |&(b, _)| b);
    let origin = skip_header_separators(&chars, 0);
    // Most lines are prose: give up before the search unless a phrase opens the line.
    let opens = phrases_at(&chars, origin).any(|p| {
        match_phrase(&chars, origin, p.key).is_some_and(|end| ends_at_boundary(&chars, end))
    });
    if !opens {
        return None;
    }
    // `count[i]`: fewest phrases covering the line before char `i`; `back[i]`: the last
    // phrase of that cover (where the cover resumed, phrase start, phrase end, role).
    let mut count: Vec<Option<usize>> = vec![None; chars.len() + 1];
    let mut back: Vec<Option<(usize, usize, usize, ColumnRole)>> = vec![None; chars.len() + 1];
    *count.get_mut(origin)? = Some(0);
    for i in origin..chars.len() {
        let Some(&Some(so_far)) = count.get(i) else {
            continue;
        };
        for phrase in phrases_at(&chars, i) {
            let Some(end) = match_phrase(&chars, i, phrase.key) else {
                continue;
            };
            if !ends_at_boundary(&chars, end) {
                continue;
            }
            let next = skip_header_separators(&chars, end);
            if let (Some(slot), Some(link)) = (count.get_mut(next), back.get_mut(next)) {
                if slot.is_none_or(|old| so_far + 1 < old) {
                    *slot = Some(so_far + 1);
                    *link = Some((i, i, end, phrase.role));
                }
            }
        }
    }
    let mut cells = Vec::new();
    let mut at = chars.len();
    while at != origin {
        let (from, start, end, role) = (*back.get(at)?)?;
        cells.push((byte_at(start)..byte_at(end), role));
        at = from;
    }
    cells.reverse();
    (cells.len() >= 2).then_some(cells)
}

/// The column phrases that can match at char `at`: those whose first character is the
/// folded first character there (phrases indexed by first character once per process).
fn phrases_at(chars: &[(usize, char)], at: usize) -> impl Iterator<Item = &'static ColumnPhrase> {
    static BY_FIRST: OnceLock<FxHashMap<char, Vec<&'static ColumnPhrase>>> = OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut index: FxHashMap<char, Vec<&'static ColumnPhrase>> = FxHashMap::default();
        for phrase in COLUMN_PHRASES {
            if let Some(first) = phrase.key.chars().next() {
                index.entry(first).or_default().push(phrase);
            }
        }
        index
    });
    let first = chars
        .get(at)
        .and_then(|&(_, c)| fold_quote(c).to_lowercase().next());
    first
        .and_then(|c| index.get(&c))
        .into_iter()
        .flatten()
        .copied()
}

/// Matches a phrase key at char `start`, folding case and apostrophes; a space in the key
/// matches any run of whitespace. Returns the char index after the match.
fn match_phrase(chars: &[(usize, char)], start: usize, key: &str) -> Option<usize> {
    let mut at = start;
    let mut key_chars = key.chars();
    while let Some(k) = key_chars.next() {
        if k == ' ' {
            let before = at;
            while chars.get(at).is_some_and(|&(_, c)| c.is_whitespace()) {
                at += 1;
            }
            if at == before {
                return None;
            }
            continue;
        }
        let &(_, c) = chars.get(at)?;
        let mut lower = fold_quote(c).to_lowercase();
        if lower.next() != Some(k) {
            return None;
        }
        // A char whose lower case is several chars must match them all.
        for extra in lower {
            if key_chars.next() != Some(extra) {
                return None;
            }
        }
        at += 1;
    }
    Some(at)
}

pub(super) fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}'..='\u{2014}' | '\u{2212}' => '-',
        c => c,
    }
}

fn ends_at_boundary(chars: &[(usize, char)], end: usize) -> bool {
    let previous = end
        .checked_sub(1)
        .and_then(|i| chars.get(i))
        .map(|&(_, c)| c);
    match chars.get(end) {
        Some(&(_, next)) => !(next.is_lowercase() && previous.is_some_and(char::is_alphabetic)),
        None => true,
    }
}

fn skip_header_separators(chars: &[(usize, char)], mut at: usize) -> usize {
    while chars
        .get(at)
        .is_some_and(|&(_, c)| c.is_whitespace() || c == ':' || c == '*')
    {
        at += 1;
    }
    at
}
