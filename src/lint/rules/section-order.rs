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
    let kept = longest_ordered(&ranks);
    for (i, (section, role, rank)) in known.iter().enumerate() {
        if kept.contains(&i) {
            continue;
        }
        let in_order = || {
            kept.iter()
                .filter_map(|&k| known.get(k))
                .map(|(s, _, r)| (*s, *r))
        };
        let after = in_order().rfind(|(_, r)| r <= rank);
        let before = in_order().find(|(_, r)| r > rank);
        let (place, anchor) = match (after, before) {
            (Some((s, _)), _) => ("after", s),
            (None, Some((s, _))) => ("before", s),
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
fn longest_ordered(ranks: &[usize]) -> Vec<usize> {
    let mut length = vec![1usize; ranks.len()];
    let mut previous: Vec<Option<usize>> = vec![None; ranks.len()];
    for (i, rank) in ranks.iter().enumerate() {
        for (j, earlier) in ranks.iter().enumerate().take(i) {
            let candidate = length.get(j).copied().unwrap_or(0) + 1;
            if earlier <= rank && candidate > length.get(i).copied().unwrap_or(0) {
                if let Some(slot) = length.get_mut(i) {
                    *slot = candidate;
                }
                if let Some(slot) = previous.get_mut(i) {
                    *slot = Some(j);
                }
            }
        }
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, &l) in length.iter().enumerate() {
        match best {
            Some((_, b)) if b >= l => {}
            _ => best = Some((i, l)),
        }
    }
    let mut kept = Vec::new();
    let mut cursor = best.map(|(i, _)| i);
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

    #[test]
    fn keeps_the_longest_ordered_run() {
        assert_eq!(longest_ordered(&[0, 10, 2, 3]), vec![0, 2, 3]);
        assert_eq!(longest_ordered(&[2, 0, 3]), vec![0, 2]);
        assert_eq!(longest_ordered(&[0, 3, 3, 2]), vec![0, 1, 2]);
        assert!(longest_ordered(&[]).is_empty());
    }
}
