//! Recovering tables whose column separators were lost when a page was copied as text:
//! cells joined by single spaces ("Example SA Authentication sessionid To remember the
//! user") or glued together ("Example SAAuthenticationsessionidRemembering the user.").
//!
//! A header is segmented into known column phrases ([`COLUMN_PHRASES`]); a row is split
//! around its cookie name, which anchors the columns, using the boundary evidence of the
//! text (capitals after lower case, `)` before a letter, a known provider, a duration).
//! The results are guesses: callers should report the columns as inferred.
//!
//! Invariants: every range returned is a non-empty, trimmed byte range into the given line,
//! on char boundaries, in order and not overlapping; [`split_row`] returns exactly one range
//! per role or `None`. Work is bounded: lines longer than [`MAX_HEADER_BYTES`] or
//! [`MAX_ROW_BYTES`] are refused, and the rest is linear in the line length times small
//! constants.

use std::ops::Range;

use crate::cookie_name::{
    ends_with_prose_lead, has_prose_lead, is_common_word, is_known_name, is_prose_word, listed,
    name_strength, split_names, trim_range, MEDIUM, STRONG, WEAK,
};
use crate::vocab::ColumnRole;

pub use header::{split_header, MAX_HEADER_BYTES};
use words::{
    duration_len, ends_with_duration, has_inner_capital, is_duration, is_legal_form,
    PURPOSE_STARTERS,
};

/// Longest line [`split_row`] looks at, in bytes.
pub const MAX_ROW_BYTES: usize = 2000;
/// Longest name cell considered, in bytes, and how many boundaries it may span.
const MAX_NAME_CELL_BYTES: usize = 200;
const MAX_NAME_CELL_GAPS: usize = 12;
/// How many name cells are tried at most on one line.
const MAX_CANDIDATES: usize = 32;
/// The least evidence a row split needs (see [`cell_score`]).
const MIN_ROW_SCORE: i32 = 4;
/// What a split pays for each boundary it puts inside a run of lower-case letters (see
/// [`name_start_in_run`]): such a boundary is a guess that other evidence must back.
const WEAK_GAP_COST: i32 = 6;
/// Longest run of lower-case letters searched for the start of a name glued after prose, and
/// longest rest of that name after its `_`, in chars.
const MAX_RUN_CHARS: usize = 48;
/// What a split pays when it contradicts a known provider at the start of a part.
const PROVIDER_MISMATCH_COST: i32 = 4;

/// How the cells of a row were joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joint {
    /// By whitespace.
    Spaced,
    /// With nothing between them.
    Glued,
}

/// A possible cell boundary: the previous cell ends at `end`, the next starts at `start`.
/// A `weak` one lies inside a run of lower-case letters and costs [`WEAK_GAP_COST`].
#[derive(Clone, Copy, Debug)]
struct Gap {
    end: usize,
    start: usize,
    weak: bool,
}

impl Gap {
    fn at(at: usize) -> Self {
        Gap {
            end: at,
            start: at,
            weak: false,
        }
    }

    fn cost(self) -> i32 {
        if self.weak {
            WEAK_GAP_COST
        } else {
            0
        }
    }
}

/// What every step of a row split reads.
struct Row<'a> {
    line: &'a str,
    providers: &'a [&'a str],
    /// Whether a column holds the provider.
    has_provider: bool,
    joint: Joint,
}

impl Row<'_> {
    fn text(&self, range: Range<usize>) -> &str {
        self.line.get(range).unwrap_or("")
    }
}

/// Splits a data row whose cells lost their separators into exactly `roles.len()` cells,
/// returning their byte ranges (trimmed, non-empty, in order), or `None` when no split is
/// plausible enough.
///
/// Both joints are tried: cells joined by whitespace, and cells glued together (boundaries
/// are then a lower-case letter before a capital, a capital run before a capitalised word,
/// `)` before a letter, a letter before a digit, ...). The cell of the [`ColumnRole::Name`]
/// column anchors the split: it must hold names that [`looks_like_cookie_name`] (a list, or
/// prose such as "Any cookie starting with _hs"). The cells left and right of it are split
/// by role: a provider from `known_providers` (case-sensitive, at the start; in a glued row
/// it ends a cell even where the text shows no boundary, as in "Example SAAPI", and a split
/// that contradicts it loses evidence), a legal form ("SA", "Ltd") or the first word; a duration by its shape ("13 months", "Session", "2
/// weeks by default"); other cells at the first boundary before a capital. Every candidate
/// split is scored (name shape, known provider, purpose starting like a sentence, duration
/// shape) and the best wins; ties go to the earliest name. A name joined by `_` and glued
/// after prose ("preferencescookies_preferences") may start inside the lower-case run, where
/// it makes a well-known name or leaves a common word on its left; such a boundary is a guess
/// that costs [`WEAK_GAP_COST`], so other evidence (a known provider) must back it. A name
/// cell never ends with a capitalised word of prose glued to it when lower-case text follows
/// ("...preferencesRemembering | the visitor's"). Without a name column, only a
/// glued row with exactly the right number of boundaries is split. Lines over
/// [`MAX_ROW_BYTES`] are refused.
///
/// [`looks_like_cookie_name`]: crate::cookie_name::looks_like_cookie_name
pub fn split_row(
    line: &str,
    roles: &[Option<ColumnRole>],
    known_providers: &[&str],
) -> Option<Vec<Range<usize>>> {
    if line.len() > MAX_ROW_BYTES || roles.is_empty() {
        return None;
    }
    let whole = trim_range(line, 0..line.len());
    if whole.is_empty() {
        return None;
    }
    if roles.len() == 1 {
        return Some(vec![whole]);
    }
    let name_column = roles.iter().position(|r| *r == Some(ColumnRole::Name));
    let mut best: Option<(i32, Vec<Range<usize>>)> = None;
    for joint in [Joint::Spaced, Joint::Glued] {
        let row = Row {
            line,
            providers: known_providers,
            has_provider: roles.contains(&Some(ColumnRole::Provider)),
            joint,
        };
        let gaps = find_gaps(&row, whole.clone());
        let found = match name_column {
            Some(column) => split_around_name(&row, whole.clone(), &gaps, roles, column),
            None if joint == Joint::Glued && gaps.len() + 1 == roles.len() => {
                let mut starts = vec![whole.start];
                starts.extend(gaps.iter().map(|g| g.start));
                let mut ends: Vec<usize> = gaps.iter().map(|g| g.end).collect();
                ends.push(whole.end);
                let cells: Vec<_> = starts
                    .into_iter()
                    .zip(ends)
                    .map(|(s, e)| trim_range(line, s..e))
                    .collect();
                Some((MIN_ROW_SCORE, cells))
            }
            None => None,
        };
        if let Some((score, cells)) = found {
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, cells));
            }
        }
    }
    let (score, cells) = best?;
    (score >= MIN_ROW_SCORE && cells.len() == roles.len() && cells.iter().all(|c| !c.is_empty()))
        .then_some(cells)
}

/// The possible cell boundaries inside `range` (which is trimmed), in order.
fn find_gaps(row: &Row, range: Range<usize>) -> Vec<Gap> {
    let chars: Vec<(usize, char)> = row
        .text(range.clone())
        .char_indices()
        .map(|(offset, c)| (range.start + offset, c))
        .collect();
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut gaps = Vec::new();
    let mut i = 1;
    while let Some(&(at, y)) = chars.get(i) {
        let x = char_at(i - 1).unwrap_or(' ');
        match row.joint {
            Joint::Spaced if y.is_whitespace() => {
                let mut next = i;
                while char_at(next).is_some_and(char::is_whitespace) {
                    next += 1;
                }
                let start = chars.get(next).map_or(range.end, |&(b, _)| b);
                gaps.push(Gap {
                    end: at,
                    start,
                    weak: false,
                });
                i = next;
                continue;
            }
            Joint::Spaced => {}
            Joint::Glued => {
                let before = i.checked_sub(2).and_then(char_at);
                let after = [char_at(i + 1), char_at(i + 2)];
                if is_glued_boundary(before, x, y, after)
                    || (x.is_lowercase() && y == '_' && !prose_after_underscore(row, at))
                {
                    gaps.push(Gap::at(at));
                } else if x.is_ascii_lowercase() && y == '_' {
                    // The `_` joins the parts of a name ("cookies_preferences") which may be
                    // glued after prose ("preferencescookies_preferences").
                    if let Some(start) = name_start_in_run(row, &chars, i) {
                        gaps.push(Gap {
                            end: start,
                            start,
                            weak: true,
                        });
                    }
                }
            }
        }
        i += 1;
    }
    if row.joint == Joint::Glued {
        if let Some(end) = known_provider_end(row, range.start, range.end) {
            let glued_on = row
                .text(end..range.end)
                .starts_with(|c: char| !c.is_whitespace());
            if glued_on {
                match gaps.binary_search_by_key(&end, |g| g.end) {
                    Ok(at) => {
                        if let Some(gap) = gaps.get_mut(at) {
                            gap.weak = false;
                        }
                    }
                    Err(at) => gaps.insert(at, Gap::at(end)),
                }
            }
        }
    }
    gaps
}

/// The end of the longest known provider that `row.line[start..end]` starts with, when it
/// ends where a cell may: not inside a lower-case word ("Example SA" in "Example SAAPI", but
/// not "Example" in "Examples").
fn known_provider_end(row: &Row, start: usize, end: usize) -> Option<usize> {
    if !row.has_provider {
        return None;
    }
    let rest = row.text(start..end);
    let provider = row
        .providers
        .iter()
        .filter(|p| !p.is_empty() && p.len() < rest.len() && rest.starts_with(**p))
        .max_by_key(|p| p.len())?;
    let last = provider.chars().next_back()?;
    let next = rest.get(provider.len()..)?.chars().next()?;
    (!(last.is_lowercase() && next.is_lowercase())).then_some(start + provider.len())
}

/// Where a name joined by the `_` at char `underscore` starts inside the run of lower-case
/// letters before it, when the name was glued after a word of prose
/// ("preferencescookies_preferences"): the start that makes a well-known name
/// ("cookies_preferences"), or else the one that leaves the longest common word on its left
/// ("preferences"), or else the longest word ending like prose. Each position of the run is
/// tried once; runs before different underscores do not overlap, so the work stays linear.
fn name_start_in_run(row: &Row, chars: &[(usize, char)], underscore: usize) -> Option<usize> {
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let text_end = chars
        .last()
        .map_or(row.line.len(), |&(b, c)| b + c.len_utf8());
    let byte_at = |i: usize| chars.get(i).map_or(text_end, |&(b, _)| b);
    let mut run_start = underscore;
    while run_start > 0 && char_at(run_start - 1).is_some_and(|c| c.is_ascii_lowercase()) {
        run_start -= 1;
        if underscore - run_start > MAX_RUN_CHARS {
            return None;
        }
    }
    // A capitalised word ("Preferencescookies_preferences") starts one char earlier; a run
    // after other name chars ("_x_cookies_y") is part of that name already.
    let word_start = match run_start.checked_sub(1).and_then(char_at) {
        Some(c) if c.is_ascii_uppercase() => run_start - 1,
        Some(c) if c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '*' | '$') => return None,
        _ => run_start,
    };
    // The name ends where its word does, or at a capital after lower case ("...Remembering").
    let mut name_end = underscore + 1;
    while let Some(c) = char_at(name_end) {
        if name_end - underscore > MAX_RUN_CHARS {
            return None;
        }
        let after_lower = char_at(name_end - 1).is_some_and(char::is_lowercase);
        if !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '*'))
            || (after_lower && c.is_uppercase())
        {
            break;
        }
        name_end += 1;
    }
    let name_end_byte = byte_at(name_end);
    // (rank, position): a known name ranks first, then a common word on the left, then a
    // word ending like prose; the longest known name, or the longest word on the left, wins.
    let mut best: Option<(u8, usize)> = None;
    // Both the word on the left and the name part before the `_` keep two letters at least.
    for p in run_start.max(word_start + 2)..underscore.saturating_sub(1) {
        let start_byte = byte_at(p);
        let name = row.text(start_byte..name_end_byte);
        let left = row
            .text(byte_at(word_start)..start_byte)
            .to_ascii_lowercase();
        let rank = if is_known_name(name) {
            3
        } else if is_common_word(&left) {
            2
        } else if is_prose_word(&left) {
            1
        } else {
            continue;
        };
        let better = match best {
            None => true,
            Some((3, _)) => false,
            Some((r, _)) => rank >= r,
        };
        if better {
            best = Some((rank, p));
        }
    }
    best.map(|(_, p)| byte_at(p))
}

/// Whether two cells may meet between `x` and `y` with nothing between them.
fn is_glued_boundary(before: Option<char>, x: char, y: char, after: [Option<char>; 2]) -> bool {
    let lower = |c: Option<char>| c.is_some_and(char::is_lowercase);
    if x.is_whitespace() || y.is_whitespace() {
        return false;
    }
    // "sessionidRemembering", "SAAuthentication", "SAsessionid", "office)sessionid",
    // "user.Next", "sessionid13 months".
    (x.is_lowercase() && y.is_uppercase())
        || (x.is_uppercase() && y.is_uppercase() && lower(after[0]))
        || (x.is_uppercase()
            && before.is_some_and(char::is_uppercase)
            && y.is_lowercase()
            && lower(after[0])
            && lower(after[1]))
        || (matches!(x, ')' | ']' | '*' | '>' | '}') && (y.is_alphanumeric() || y == '_'))
        || (matches!(x, '.' | '!' | '?')
            && before.is_some_and(char::is_alphabetic)
            && (y.is_uppercase() || y.is_ascii_digit()))
        || (x.is_alphabetic() && y.is_ascii_digit())
}

/// Whether the word part after the `_` at `at` is prose ("cookies_preferences"), so that the
/// underscore joins a name rather than starting one ("measurement_pk_id").
fn prose_after_underscore(row: &Row, at: usize) -> bool {
    let rest = row.text(at + 1..row.line.len());
    let part: String = rest.chars().take_while(char::is_ascii_lowercase).collect();
    is_prose_word(&part)
}

/// How candidate splits compare: score, then the earliest name start, then the longest name.
type Key = (i32, i64, usize);

/// Tries every plausible name cell for column `column` and splits the rest around it;
/// returns the best split and its score.
fn split_around_name(
    row: &Row,
    whole: Range<usize>,
    gaps: &[Gap],
    roles: &[Option<ColumnRole>],
    column: usize,
) -> Option<(i32, Vec<Range<usize>>)> {
    let left_roles = roles.get(..column)?;
    let right_roles = roles.get(column + 1..)?;
    // A name cell starts after gap `a` (or at the line start) and ends before gap `b` (or at
    // the line end).
    let starts: Vec<Option<usize>> = if column == 0 {
        vec![None]
    } else {
        (0..gaps.len()).map(Some).collect()
    };
    // The best split so far, keyed by (score, earliest name start, longest name).
    let mut best: Option<(Key, Vec<Range<usize>>)> = None;
    let mut tried = 0;
    for a in starts {
        let start = a.and_then(|a| gaps.get(a)).map_or(whole.start, |g| g.start);
        // Cheap filters first: the name cell must open with a name or a prose opener, and
        // a list of names grows only through separators ("_ga, _gid", "_ga et _gid").
        let piece_end = gaps
            .get(a.map_or(0, |a| a + 1))
            .map_or(whole.end, |g| g.end);
        let opening = row.text(start..piece_end);
        let first_word = opening.split(is_list_separator).next().unwrap_or("");
        let prose = listed(PROSE_OPENERS, &first_word.to_lowercase());
        if !prose && name_strength(first_word) == 0 && !is_short_name(first_word) {
            continue;
        }
        let ends: Vec<Option<usize>> = if right_roles.is_empty() {
            vec![None]
        } else {
            let first = a.map_or(0, |a| a + 1);
            (first..gaps.len())
                .take(MAX_NAME_CELL_GAPS)
                .map(Some)
                .collect()
        };
        let mut misses = 0;
        for b in ends {
            let end = b.and_then(|b| gaps.get(b)).map_or(whole.end, |g| g.end);
            if end <= start || end - start > MAX_NAME_CELL_BYTES {
                break;
            }
            if !prose && !is_list_shaped(row.text(start..end)) {
                break;
            }
            let Some(strength) = name_cell_strength(row.text(start..end)) else {
                // A list that went wrong twice in a row cannot recover by growing.
                misses += 1;
                if misses == 2 && !prose {
                    break;
                }
                continue;
            };
            misses = 0;
            tried += 1;
            if tried > MAX_CANDIDATES {
                return best.map(|(key, cells)| (key.0, cells));
            }
            let right_start = b.and_then(|b| gaps.get(b)).map_or(whole.end, |g| g.start);
            if ends_with_glued_word(row.text(start..end))
                && row
                    .text(right_start..whole.end)
                    .starts_with(char::is_lowercase)
            {
                // "...preferencesRemembering | the visitor's": the name took the first word
                // of the sentence after it.
                continue;
            }
            let mut cells = Vec::with_capacity(roles.len());
            let mut score = 2 * i32::from(strength);
            for gap in [a, b].into_iter().flatten().filter_map(|g| gaps.get(g)) {
                score -= gap.cost();
            }
            if let Some(a) = a {
                let left_end = gaps.get(a).map_or(start, |g| g.end);
                let Some((left, s)) =
                    split_part(row, whole.start..left_end, gaps.get(..a)?, left_roles)
                else {
                    continue;
                };
                if ends_with_prose_lead(row.text(tail_start(row.line, left_end, 64)..left_end)) {
                    score -= 4;
                }
                cells.extend(left);
                score += s;
            }
            cells.push(trim_range(row.line, start..end));
            if let Some(b) = b {
                let Some((right, s)) =
                    split_part(row, right_start..whole.end, gaps.get(b + 1..)?, right_roles)
                else {
                    continue;
                };
                cells.extend(right);
                score += s;
            }
            let key = (score, -(start as i64), end);
            if best.as_ref().is_none_or(|(k, _)| key > *k) {
                best = Some((key, cells));
            }
        }
    }
    best.map(|(key, cells)| (key.0, cells))
}

/// Whether the last word of a name cell ends with a capitalised word of prose glued after
/// lower case ("preferencescookies_preferencesRemembering"), unlike a camel-case name, whose
/// words are all capitalised ("_hjSessionUser", "_hjRecordingEnabled") or short
/// ("hubspotUtk").
fn ends_with_glued_word(text: &str) -> bool {
    let word = text.split_whitespace().next_back().unwrap_or("");
    let mut humps = word
        .char_indices()
        .zip(word.chars().skip(1))
        .filter(|&((_, a), b)| a.is_lowercase() && b.is_uppercase());
    let (Some(((at, lower), _)), None) = (humps.next(), humps.next()) else {
        return false;
    };
    let tail = word.get(at + lower.len_utf8()..).unwrap_or("");
    let folded = tail.to_lowercase();
    tail.chars().count() >= 4
        && tail.chars().skip(1).all(char::is_lowercase)
        && (is_prose_word(&folded) || listed(PURPOSE_STARTERS, &folded))
}

/// The char boundary at most `len` bytes before `end`.
fn tail_start(text: &str, end: usize, len: usize) -> usize {
    let mut start = end.saturating_sub(len);
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    start
}

fn is_list_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '/')
}

/// Whether the words of `text` are joined as a list is: every two neighbours have a
/// separator or a connector word between them.
fn is_list_shaped(text: &str) -> bool {
    let connector = |w: &str| listed("and et or ou & / ; ,", &w.to_lowercase());
    let words: Vec<&str> = text.split_whitespace().collect();
    words.iter().zip(words.iter().skip(1)).all(|(a, b)| {
        a.ends_with([',', ';', '/'])
            || b.starts_with([',', ';', '/'])
            || connector(a)
            || connector(b)
    })
}

/// Words that open a name given as prose ("Any cookie starting with _hs").
const PROSE_OPENERS: &str = "all any chaque cookie cookies each every les tous tout toutes";

/// How strongly a whole cell reads as a name cell: a list whose every item looks like a
/// cookie name (the weakest item counts), or prose that introduces a name ("Any cookie
/// starting with _hs").
fn name_cell_strength(text: &str) -> Option<u8> {
    if has_prose_lead(text) {
        let first = text.split_whitespace().next()?.to_lowercase();
        let names_one = text.split_whitespace().any(|w| {
            name_strength(w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | '(' | ')')))
                >= MEDIUM
        });
        return (listed(PROSE_OPENERS, &first) && names_one).then_some(STRONG);
    }
    let items: Vec<&str> = split_names(text)
        .into_iter()
        .map(|r| text.get(r).unwrap_or(""))
        .collect();
    let strengths = items.iter().map(|item| match name_strength(item) {
        // In a list that holds a real name, short lower-case items are names too ("bcookie,
        // lidc").
        0 if items.len() > 1 && is_short_name(item) => WEAK,
        s => s,
    });
    let weakest = strengths.min().filter(|&s| s > 0)?;
    items
        .iter()
        .any(|i| name_strength(i) > 0)
        .then_some(weakest)
}

/// A short lower-case token that is not a common short word ("lidc", "lang", "uid").
fn is_short_name(item: &str) -> bool {
    const SHORT_WORDS: &str = "aux avec dans data des for from les nos our page pour site that \
        the this une user vos with your";
    (2..=5).contains(&item.len())
        && item
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && !listed(SHORT_WORDS, item)
}

/// Splits `range` into one cell per role at some of `gaps` (those inside `range`, in
/// order), choosing each cell's end from its role; returns the cells and their score.
fn split_part(
    row: &Row,
    range: Range<usize>,
    gaps: &[Gap],
    roles: &[Option<ColumnRole>],
) -> Option<(Vec<Range<usize>>, i32)> {
    let mut cells = Vec::with_capacity(roles.len());
    let mut score = 0;
    let mut start = range.start;
    let mut next_gap = 0;
    for (i, &role) in roles.iter().enumerate() {
        let later = roles.len() - i - 1;
        let (end, next_start) = if later == 0 {
            (range.end, range.end)
        } else {
            let last = gaps.len().checked_sub(later)?;
            let usable = gaps.get(next_gap..=last).filter(|u| !u.is_empty())?;
            let next_role = roles.get(i + 1).copied().flatten();
            let chosen =
                next_gap + choose_end(row, start, range.end, usable, role, next_role, later);
            let gap = gaps.get(chosen)?;
            next_gap = chosen + 1;
            score -= gap.cost();
            (gap.end, gap.start)
        };
        let cell = trim_range(row.line, start..end);
        if cell.is_empty() {
            return None;
        }
        if role == Some(ColumnRole::Provider)
            && contradicts_known_provider(row, start, end, range.end)
        {
            score -= PROVIDER_MISMATCH_COST;
        }
        score += cell_score(row, role, row.text(cell.clone()));
        cells.push(cell);
        start = next_start;
    }
    Some((cells, score))
}

/// Whether a provider cell `start..end` (inside a part ending at `part_end`) ends elsewhere
/// than a known provider that the part starts with, at a place where the cells could be
/// glued ("Example | SAChoices" when "Example SA" is known).
fn contradicts_known_provider(row: &Row, start: usize, end: usize, part_end: usize) -> bool {
    let Some(known_end) = known_provider_end(row, start, part_end) else {
        return false;
    };
    if known_end == end {
        return false;
    }
    let glued = |i: usize| {
        let before: Vec<char> = row
            .text(tail_start(row.line, i, 8)..i)
            .chars()
            .rev()
            .take(2)
            .collect();
        let mut after = row.text(i..part_end).chars();
        match (before.first(), after.next()) {
            (Some(&x), Some(y)) => {
                is_glued_boundary(before.get(1).copied(), x, y, [after.next(), after.next()])
            }
            _ => false,
        }
    };
    row.joint == Joint::Glued || glued(known_end)
}

/// Chooses where a cell of `role` that starts at `start` ends, as an index into `usable`.
fn choose_end(
    row: &Row,
    start: usize,
    end: usize,
    usable: &[Gap],
    role: Option<ColumnRole>,
    next_role: Option<ColumnRole>,
    later: usize,
) -> usize {
    let at_gap = |e: usize| usable.iter().position(|g| g.end == e);
    let rest = row.text(start..end);
    match role {
        Some(ColumnRole::Provider) => {
            let known = row
                .providers
                .iter()
                .filter(|p| !p.is_empty() && rest.starts_with(**p))
                .filter_map(|p| at_gap(start + p.len()).map(|i| (p.len(), i)))
                .max();
            if let Some((_, i)) = known {
                return i;
            }
            if row.joint == Joint::Spaced {
                let mut word_start = start;
                let mut legal = None;
                for (i, gap) in usable.iter().enumerate().take(6) {
                    if is_legal_form(row.text(word_start..gap.end)) {
                        legal = Some(i);
                    }
                    word_start = gap.start;
                }
                return legal.unwrap_or(0);
            }
        }
        Some(ColumnRole::Duration) => {
            // The duration phrase opens the cell, or closes a few words of prose ("Token
            // reset between two sessions. Up to 12 months").
            let phrase_starts =
                std::iter::once(start).chain(usable.iter().take(8).map(|g| g.start));
            for phrase_start in phrase_starts {
                let phrase = row.text(phrase_start..end);
                let Some(len) = duration_len(phrase) else {
                    continue;
                };
                let e = phrase_start + len;
                let dotted = phrase.get(len..).is_some_and(|r| r.starts_with('.'));
                if let Some(i) = at_gap(e).or_else(|| at_gap(e + 1).filter(|_| dotted)) {
                    return i;
                }
            }
        }
        _ => {}
    }
    if next_role == Some(ColumnRole::Duration) && later == 1 {
        // A duration is a few words long: only the last boundaries can start it.
        let from = usable.len().saturating_sub(8);
        let tail = usable.get(from..).unwrap_or_default();
        if let Some(i) = tail
            .iter()
            .position(|g| is_duration(row.text(g.start..end)))
        {
            return from + i;
        }
    }
    // Otherwise the first boundary before a capital, after a `)` if there is one when the
    // cells are spaced ("Authentication (front office) To remember").
    let capital_after = |g: &Gap| row.text(g.start..end).starts_with(char::is_uppercase);
    let paren_before = |g: &Gap| row.text(start..g.end).ends_with(')');
    usable
        .iter()
        .position(|g| row.joint == Joint::Spaced && paren_before(g) && capital_after(g))
        .or_else(|| usable.iter().position(capital_after))
        .unwrap_or(0)
}

/// The evidence a cell gives that it holds its role: positive when it reads as expected,
/// negative when it does not.
fn cell_score(row: &Row, role: Option<ColumnRole>, text: &str) -> i32 {
    let first = text.chars().next().unwrap_or(' ');
    let lower_start = if first.is_lowercase() { -1 } else { 0 };
    // A capital inside a word of a spaced row ("OpendatasoftChoices") suggests that the row
    // was glued after all and this split is wrong.
    let glue_smell = row.joint == Joint::Spaced && has_inner_capital(text);
    let role_score = match role {
        Some(ColumnRole::Provider) if row.providers.contains(&text) => 4,
        Some(ColumnRole::Provider) => {
            let last = text.split_whitespace().last().unwrap_or("");
            i32::from(is_legal_form(last)) + lower_start
        }
        Some(ColumnRole::Duration) if is_duration(text) => 3,
        Some(ColumnRole::Duration) if ends_with_duration(text) => 1,
        Some(ColumnRole::Duration) => -3,
        Some(ColumnRole::Purpose) => {
            let first_word = text.split_whitespace().next().unwrap_or("");
            let camel = has_inner_capital(first_word);
            let starter = listed(PURPOSE_STARTERS, &first_word.to_lowercase());
            let opening = match (starter, first.is_uppercase()) {
                (true, true) => 3,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) if first.is_lowercase() => -1,
                _ => -2,
            };
            opening - if camel { 3 } else { 0 }
        }
        _ => lower_start,
    };
    role_score - if glue_smell { 3 } else { 0 }
}

mod header;
#[cfg(test)]
mod tests;
mod words;
