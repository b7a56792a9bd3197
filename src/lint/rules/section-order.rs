//! ## What it does
//! Reports sections that come in a different order from the template's. The template's
//! order is: what is a cookie, the kinds of cookies, the cookies used on the platform, the
//! category sections, managing cookies, contact (the configured required sections first,
//! in their configured order).
//! Only sections whose heading is recognised are compared, and category sections may come in
//! any order among themselves. When sections are out of order, the fewest sections that
//! explain it are reported: moving them restores the order.
//!
//! ## Why it matters
//! Documents of one family are compared section by section; a section moved out of place
//! usually means a block was pasted at the wrong spot, and readers look for it in vain.
//!
//! ## Example
//! Failing:
//! ```text
//! Cookies policy
//!
//! What cookies are used on the <https://opendata.example.org> platform
//!
//! What is a cookie?
//! ```
//! Passing:
//! ```text
//! Cookies policy
//!
//! What is a cookie?
//!
//! What cookies are used on the <https://opendata.example.org> platform
//! ```
//!
//! ## Fix
//! Move the reported section to the place the message gives.

use crate::lint::canon::{template_order, template_rank};
use crate::lint::{Emitter, LintContext};
use crate::model::Section;
use crate::vocab::SectionRole;

/// Reports the sections that break the template order.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let required = cx
        .doc
        .language
        .and_then(|l| cx.options.required_sections.get(&l))
        .map_or(&[][..], Vec::as_slice);
    let order = template_order(required);
    let known: Vec<(&Section, SectionRole, usize)> = cx
        .doc
        .sections
        .iter()
        .filter_map(|s| s.role.map(|role| (s, role, template_rank(&order, role))))
        .collect();
    let ranks: Vec<usize> = known.iter().map(|(_, _, rank)| *rank).collect();
    // Most documents follow the template: nothing is out of place.
    if ranks.is_sorted() {
        return;
    }
    let kept = longest_ordered(&ranks);
    let mut is_kept = vec![false; known.len()];
    for &k in &kept {
        if let Some(slot) = is_kept.get_mut(k) {
            *slot = true;
        }
    }
    // The sections kept, in order: their ranks never decrease.
    let in_order: Vec<(&Section, usize)> = kept
        .iter()
        .filter_map(|&k| known.get(k))
        .map(|(s, _, r)| (*s, *r))
        .collect();
    for (i, (section, role, rank)) in known.iter().enumerate() {
        if is_kept.get(i).copied().unwrap_or(false) {
            continue;
        }
        // The last kept section ranked at most as this one, and the first ranked after it.
        let split = in_order.partition_point(|(_, r)| r <= rank);
        let after = split.checked_sub(1).and_then(|k| in_order.get(k));
        let before = in_order.get(split);
        let (place, anchor) = match (after, before) {
            (Some((s, _)), _) => ("after", *s),
            (None, Some((s, _))) => ("before", *s),
            (None, None) => continue,
        };
        let heading = &section.heading.text;
        let anchor_text = &anchor.heading.text;
        let message = format!(
            "section \"{}\" ({}) is out of place: the template puts it {place} \"{}\"",
            heading.display,
            role.as_str(),
            anchor_text.display
        );
        let related = out.related(
            anchor_text.span,
            format!("the section it should come {place}"),
        );
        let _ = out
            .emit(heading.span, message)
            .help(format!(
                "move the section {place} \"{}\"",
                anchor_text.display
            ))
            .related(related)
            .fingerprint(format!("section-order:{}", role.as_str()));
    }
}

/// The indexes of a longest non-decreasing subsequence of `ranks` (the earliest such
/// subsequence when there are several).
///
/// Each index has the length of the longest such subsequence ending at it, and the first
/// index of the length before as its predecessor, among those ranked at most as it: the
/// indexes of one length, in order, have decreasing ranks (one ranked at least as an
/// earlier one would be longer), so both are binary searches, and a document of many
/// sections takes `n log n` steps, not `n²`.
fn longest_ordered(ranks: &[usize]) -> Vec<usize> {
    // The indexes of each length (from 1), in order; their ranks decrease.
    let mut lengths: Vec<Vec<usize>> = Vec::new();
    // The rank of the last index of each length: these never decrease.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; ranks.len()];
    for (i, &rank) in ranks.iter().enumerate() {
        let below = tails.partition_point(|&tail| tail <= rank);
        if let Some(shorter) = below.checked_sub(1).and_then(|l| lengths.get(l)) {
            let first = shorter.partition_point(|&j| ranks.get(j).is_some_and(|&r| r > rank));
            if let Some(slot) = previous.get_mut(i) {
                *slot = shorter.get(first).copied();
            }
        }
        match (lengths.get_mut(below), tails.get_mut(below)) {
            (Some(indexes), Some(tail)) => {
                indexes.push(i);
                *tail = rank;
            }
            _ => {
                lengths.push(vec![i]);
                tails.push(rank);
            }
        }
    }
    let mut kept = Vec::new();
    let mut cursor = lengths.last().and_then(|longest| longest.first()).copied();
    while let Some(i) = cursor {
        kept.push(i);
        cursor = previous.get(i).copied().flatten();
    }
    kept.reverse();
    kept
}

#[cfg(test)]
mod tests {
    use super::longest_ordered;

    /// The quadratic search this replaces: for each index, the longest run ending there and
    /// the first predecessor giving it; the first longest run wins.
    fn by_every_pair(ranks: &[usize]) -> Vec<usize> {
        let mut length = vec![1usize; ranks.len()];
        let mut previous: Vec<Option<usize>> = vec![None; ranks.len()];
        for i in 0..ranks.len() {
            for j in 0..i {
                if ranks[j] <= ranks[i] && length[j] + 1 > length[i] {
                    length[i] = length[j] + 1;
                    previous[i] = Some(j);
                }
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, &l) in length.iter().enumerate() {
            if best.is_none_or(|(_, b)| l > b) {
                best = Some((i, l));
            }
        }
        let mut kept = Vec::new();
        let mut cursor = best.map(|(i, _)| i);
        while let Some(i) = cursor {
            kept.push(i);
            cursor = previous[i];
        }
        kept.reverse();
        kept
    }

    #[test]
    fn keeps_the_run_the_search_of_every_pair_keeps() {
        // Every sequence of up to 7 ranks among 4 values.
        for len in 0..=7u32 {
            for code in 0..4usize.pow(len) {
                let ranks: Vec<usize> = (0..len).map(|k| code / 4usize.pow(k) % 4).collect();
                assert_eq!(longest_ordered(&ranks), by_every_pair(&ranks), "{ranks:?}");
            }
        }
    }

    #[test]
    fn keeps_the_longest_ordered_run() {
        assert_eq!(longest_ordered(&[0, 10, 2, 3]), vec![0, 2, 3]);
        assert_eq!(longest_ordered(&[2, 0, 3]), vec![0, 2]);
        assert_eq!(longest_ordered(&[0, 3, 3, 2]), vec![0, 1, 2]);
        assert!(longest_ordered(&[]).is_empty());
    }
}
