//! Segmenting a header row whose separators were lost into known header phrases
//! ("Supplier nameServiceCookie namePurpose"), matched character by character so that
//! case folding never shifts byte offsets.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::OnceLock;

use crate::memo::{remembered_in, Memo};
use crate::normalize::unify_mark;
use crate::vocab::{ColumnPhrase, ColumnRole};

/// The cells of a header line: each one's byte range and role.
pub type Cells = Vec<(Range<usize>, ColumnRole)>;

/// Longest line [`split_header`] looks at, in bytes.
pub const MAX_HEADER_BYTES: usize = 300;

/// Splits a header line whose cells lost their separators ("Supplier name Service Cookie
/// name Purpose", "Nom du prestataireService et emplacementNom du cookieFinalités") into
/// known column phrases, returning each cell's byte range and role.
///
/// The whole line (apart from whitespace, `:` and `*` between cells) must be covered by at
/// least two phrases of [`crate::vocab::column_phrases`] (accent-free copies included), matched case-insensitively char by char; among
/// the segmentations the one with the fewest (so the longest) phrases wins. A phrase must end
/// at a plausible boundary: the line end, a space, or anything but a lower-case letter
/// directly after a letter. Returns `None` otherwise, or for lines over [`MAX_HEADER_BYTES`].
///
/// Every text line that no other table grammar takes is asked, so the answer is remembered
/// per thread by the line (a template's lines come back in document after document).
pub fn split_header(line: &str) -> Option<Cells> {
    thread_local! {
        static HEADERS: RefCell<Memo<Option<Cells>>> =
            RefCell::new(Memo::default());
    }
    if line.len() > MAX_HEADER_BYTES {
        return None;
    }
    remembered_in(&HEADERS, 0, line, split, |cells| {
        cells.as_ref().map_or(0, |c| {
            c.len() * std::mem::size_of::<(Range<usize>, ColumnRole)>()
        })
    })
}

/// [`split_header`], worked out.
fn split(line: &str) -> Option<Cells> {
    // Most lines are prose, ending with a full stop: the last character before the trailing
    // separators must end some phrase (it is the last one the cover matches).
    if !ends_a_phrase(line) {
        return None;
    }
    // Positions are byte offsets (always on char boundaries).
    let origin = skip_header_separators(line, 0);
    // Most lines are prose: give up before the search unless a phrase opens the line.
    let opens = phrases_at(line, origin)
        .any(|p| match_phrase(line, origin, p.key).is_some_and(|end| ends_at_boundary(line, end)));
    if !opens {
        return None;
    }
    // `count[i]`: fewest phrases covering the line before byte `i`; `back[i]`: the last
    // phrase of that cover (where it starts, where it ends, its role).
    let mut count: Vec<Option<usize>> = vec![None; line.len() + 1];
    let mut back: Vec<Option<(usize, usize, ColumnRole)>> = vec![None; line.len() + 1];
    *count.get_mut(origin)? = Some(0);
    for (i, _) in line.char_indices().skip_while(|&(i, _)| i < origin) {
        let Some(&Some(so_far)) = count.get(i) else {
            continue;
        };
        for phrase in phrases_at(line, i) {
            let Some(end) = match_phrase(line, i, phrase.key) else {
                continue;
            };
            if !ends_at_boundary(line, end) {
                continue;
            }
            let next = skip_header_separators(line, end);
            if let (Some(slot), Some(link)) = (count.get_mut(next), back.get_mut(next)) {
                if slot.is_none_or(|old| so_far + 1 < old) {
                    *slot = Some(so_far + 1);
                    *link = Some((i, end, phrase.role));
                }
            }
        }
    }
    let mut cells = Vec::new();
    let mut at = line.len();
    while at != origin {
        let (start, end, role) = (*back.get(at)?)?;
        cells.push((start..end, role));
        at = start;
    }
    cells.reverse();
    (cells.len() >= 2).then_some(cells)
}

/// The column phrases that can match at byte `at`: those whose first character is the
/// folded first character there (phrases indexed by first character once per process).
fn phrases_at(line: &str, at: usize) -> impl Iterator<Item = &'static ColumnPhrase> {
    static BY_FIRST: OnceLock<FxHashMap<char, Vec<&'static ColumnPhrase>>> = OnceLock::new();
    let index = BY_FIRST.get_or_init(|| {
        let mut index: FxHashMap<char, Vec<&'static ColumnPhrase>> = FxHashMap::default();
        for phrase in crate::vocab::column_phrases() {
            if let Some(first) = phrase.key.chars().next() {
                index.entry(first).or_default().push(phrase);
            }
        }
        index
    });
    let first = char_at(line, at).and_then(|c| unify_mark(c).to_lowercase().next());
    first
        .and_then(|c| index.get(&c))
        .into_iter()
        .flatten()
        .copied()
}

/// Whether the last character of `line` before its trailing separators folds to the last
/// character of some phrase (the last characters are gathered once per process).
fn ends_a_phrase(line: &str) -> bool {
    static LAST: OnceLock<Vec<char>> = OnceLock::new();
    let last = LAST.get_or_init(|| {
        let mut last: Vec<char> = crate::vocab::column_phrases()
            .iter()
            .filter_map(|p| p.key.chars().next_back())
            .collect();
        last.sort_unstable();
        last.dedup();
        last
    });
    line.trim_end_matches(|c: char| c.is_whitespace() || c == ':' || c == '*')
        .chars()
        .next_back()
        .and_then(|c| unify_mark(c).to_lowercase().next_back())
        .is_some_and(|c| last.binary_search(&c).is_ok())
}

/// The char starting at byte `at`, if any.
fn char_at(line: &str, at: usize) -> Option<char> {
    line.get(at..)?.chars().next()
}

/// Matches a phrase key at byte `start`, folding case and apostrophes; a space in the key
/// matches any run of whitespace. Returns the byte offset after the match.
fn match_phrase(line: &str, start: usize, key: &str) -> Option<usize> {
    let mut rest = line.get(start..)?.chars();
    let mut key_chars = key.chars();
    // Bytes consumed from `start`.
    let mut taken = 0;
    let mut pending = rest.next();
    while let Some(k) = key_chars.next() {
        if k == ' ' {
            let before = taken;
            while let Some(c) = pending.filter(|c| c.is_whitespace()) {
                taken += c.len_utf8();
                pending = rest.next();
            }
            if taken == before {
                return None;
            }
            continue;
        }
        let c = pending?;
        if c.is_ascii() && k.is_ascii() {
            // Most characters: no folding table needed (`` ` `` folds to an apostrophe).
            let folded = if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            };
            if folded != k {
                return None;
            }
            taken += 1;
            pending = rest.next();
            continue;
        }
        let mut lower = unify_mark(c).to_lowercase();
        if lower.next() != Some(k) {
            return None;
        }
        // A char whose lower case is several chars must match them all.
        for extra in lower {
            if key_chars.next() != Some(extra) {
                return None;
            }
        }
        taken += c.len_utf8();
        pending = rest.next();
    }
    Some(start + taken)
}

fn ends_at_boundary(line: &str, end: usize) -> bool {
    let previous = line
        .get(..end)
        .and_then(|before| before.chars().next_back());
    match char_at(line, end) {
        Some(next) => !(next.is_lowercase() && previous.is_some_and(char::is_alphabetic)),
        None => true,
    }
}

fn skip_header_separators(line: &str, at: usize) -> usize {
    let rest = line.get(at..).unwrap_or("");
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '*')
            .len();
    at + skipped
}
