//! ## What it does
//! Reports headings whose level is wrong for their place.
//!
//! - a Markdown heading more than one level below its parent (`###` directly under `#`, or
//!   `####` under `##`), or a numbered heading more than one level below the numbered
//!   heading before it ("1." then "1.1.1.");
//! - sections of the same kind at different levels, such as two category sections, one
//!   `###` and one `####`. The level the most sections of that kind use is taken as right.
//!
//! Plain-text headings without numbers have no level, so only numbered ones are checked.
//!
//! ## Why it matters
//! Renderers build the table of contents and the page outline from heading levels; a
//! skipped level or a category one level too high breaks the outline and tells readers a
//! section belongs somewhere it does not.
//!
//! ## Example
//! Failing:
//! ```markdown
//! ## Cookies policy
//!
//! ### What cookies are used on the <https://opendata.example.org> platform
//!
//! ##### Necessary cookies
//! ```
//! Passing:
//! ```markdown
//! ## Cookies policy
//!
//! ### What cookies are used on the <https://opendata.example.org> platform
//!
//! #### Necessary cookies
//! ```
//!
//! ## Fix
//! Give the heading the level one below its parent, and the same level as the other
//! sections of its kind.

use crate::lint::{Emitter, LintContext};
use crate::model::{Heading, Section};
use crate::wording::counted;

/// Reports skipped levels and inconsistent levels within a kind of section.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let mut skipped = skipped_markup_levels(cx, out);
    skipped.extend(skipped_numbering_levels(cx, out));
    // A heading already reported for skipping a level is not also compared with its kind.
    inconsistent_kinds(cx, out, &skipped);
}

/// Reports Markdown headings more than one level below their parent (or the title);
/// returns their indexes.
fn skipped_markup_levels(cx: &LintContext<'_>, out: &mut Emitter<'_>) -> Vec<usize> {
    let sections = &cx.doc.sections;
    let mut skipped = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        let Some(level) = section.heading.level else {
            continue;
        };
        let parent = match section.parent.and_then(|p| sections.get(p)) {
            Some(parent) => parent.heading.level,
            None => cx.doc.title.as_ref().and_then(|t| t.level),
        };
        let Some(parent) = parent else {
            continue;
        };
        if level > parent + 1 {
            skipped.push(index);
            let _ = out
                .emit(
                    section.heading.span,
                    format!(
                        "heading \"{}\" is at level {level} under a level-{parent} heading, skipping level {}",
                        section.heading.text.display,
                        parent + 1
                    ),
                )
                .help(format!(
                    "make it a level-{} heading ({})",
                    parent + 1,
                    "#".repeat(usize::from(parent) + 1)
                ))
                .fingerprint(format!("skipped-level:{}", section.heading.text.key));
        }
    }
    skipped
}

/// Reports plain-text numbered headings more than one level below the numbered heading
/// before them; returns their indexes.
fn skipped_numbering_levels(cx: &LintContext<'_>, out: &mut Emitter<'_>) -> Vec<usize> {
    let mut previous = 0usize;
    let mut skipped = Vec::new();
    for (index, section) in cx.doc.sections.iter().enumerate() {
        if section.heading.level.is_some() {
            continue;
        }
        let Some(levels) = numbering_levels(cx, &section.heading) else {
            continue;
        };
        if levels > previous + 1 {
            skipped.push(index);
            let number = section
                .heading
                .numbering
                .map_or("", |n| cx.source.slice(n))
                .trim();
            let message = if previous == 0 {
                format!(
                    "heading \"{}\" is numbered at level {levels} but no numbered heading opens level {}",
                    section.heading.text.display,
                    levels - 1
                )
            } else {
                format!(
                    "heading \"{}\" is numbered at level {levels} after a level-{previous} heading, skipping level {}",
                    section.heading.text.display,
                    previous + 1
                )
            };
            let _ = out
                .emit(section.heading.text.span, message)
                .help(format!(
                    "renumber \"{number}\" so that it has {}",
                    counted(previous + 1, "level", "levels")
                ))
                .fingerprint(format!("skipped-number:{}", section.heading.text.key));
        }
        previous = levels;
    }
    skipped
}

/// The number of levels of a heading's numbering ("2.1." has 2).
fn numbering_levels(cx: &LintContext<'_>, heading: &Heading) -> Option<usize> {
    let number = cx.source.slice(heading.numbering?);
    let arabic = number
        .split('.')
        .filter(|part| part.chars().any(|c| c.is_ascii_digit()))
        .count();
    Some(arabic.max(1))
}

/// The level of a section's heading: its markup level, or the depth of its numbering.
fn level(cx: &LintContext<'_>, section: &Section) -> Option<usize> {
    match section.heading.level {
        Some(level) => Some(usize::from(level)),
        None => numbering_levels(cx, &section.heading),
    }
}

/// Sections of one kind (all category sections, or one other role) at different levels.
fn inconsistent_kinds(cx: &LintContext<'_>, out: &mut Emitter<'_>, skipped: &[usize]) {
    let kind = |s: &Section| {
        s.role.map(|role| match role.category() {
            Some(_) => "category",
            None => role.as_str(),
        })
    };
    let mut is_skipped = vec![false; cx.doc.sections.len()];
    for &i in skipped {
        if let Some(slot) = is_skipped.get_mut(i) {
            *slot = true;
        }
    }
    let leveled: Vec<(&Section, &str, usize)> = cx
        .doc
        .sections
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_skipped.get(*i).copied().unwrap_or(false))
        .filter_map(|(_, s)| Some((s, kind(s)?, level(cx, s)?)))
        .collect();
    let mut kinds: Vec<&str> = leveled.iter().map(|(_, k, _)| *k).collect();
    kinds.sort_unstable();
    kinds.dedup();
    for name in kinds {
        let members: Vec<(&Section, usize)> = leveled
            .iter()
            .filter(|(_, k, _)| *k == name)
            .map(|(s, _, l)| (*s, *l))
            .collect();
        let mut counts: rustc_hash::FxHashMap<usize, usize> = rustc_hash::FxHashMap::default();
        for (_, level) in &members {
            *counts.entry(*level).or_default() += 1;
        }
        let count = |level: usize| counts.get(&level).copied().unwrap_or(0);
        // The most used level; the first section's level wins a tie.
        let Some(&(first, majority)) = members
            .iter()
            .max_by_key(|(s, l)| (count(*l), std::cmp::Reverse(s.heading.span.start)))
        else {
            continue;
        };
        let reference = members
            .iter()
            .find(|(_, l)| *l == majority)
            .map_or(first, |(s, _)| *s);
        for (section, level) in members.iter().filter(|(_, l)| *l != majority) {
            let related = out.related(
                reference.heading.text.span,
                format!("a {name} section at level {majority}"),
            );
            let _ = out
                .emit(
                    section.heading.span,
                    format!(
                        "{name} section \"{}\" is at level {level}, unlike \"{}\" at level {majority}",
                        section.heading.text.display, reference.heading.text.display
                    ),
                )
                .help(format!(
                    "give every {name} section the same level ({majority})"
                ))
                .related(related)
                .fingerprint(format!("kind-level:{}", section.heading.text.key));
        }
    }
}
