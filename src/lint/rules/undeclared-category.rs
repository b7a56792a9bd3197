//! ## What it does
//! Reports prose that says cookies are used for analytics or advertising when no table
//! declares cookies of that category. Analytics is recognised by wordings such as "web
//! analytics", "mesure d'audience" or "statistiques de fréquentation", advertising by
//! "advertising", "publicitaires" or "ciblage", and their translations. Only the
//! introduction and the sections about the platform's own cookies count as claims; the
//! sections explaining what cookies are and which kinds exist describe cookies in general
//! and are not read. A clause that denies the use ("we do not use advertising cookies")
//! is not a claim; a negation reaches only its own clause ("we use advertising cookies,
//! but not analytics cookies" claims advertising; "web analytics, which do not identify
//! you" claims analytics), "without" denies only what follows it, and "ne ... que" ("only
//! for") restricts rather than denies. The first claim of each category is reported.
//!
//! ## Why it matters
//! Visitors are told a purpose the policy then never accounts for: either the cookies are
//! set and undeclared, which the law does not allow, or the sentence is stale.
//!
//! ## Example
//! Failing:
//! ```text
//! Cookies policy
//!
//! We use cookies to ensure the platform works properly, and to perform web analytics.
//!
//! Necessary cookies
//!
//! Provider	Cookie name	Purpose
//! Example SA	sessionid	To remember the user
//! ```
//! Passing: the same document with a table of analytics cookies, or without "and to
//! perform web analytics".
//!
//! ## Fix
//! Declare the cookies of that category in their own section and table, or remove the claim
//! if the platform sets none.

use std::cell::RefCell;

use crate::lint::claims::{claim_phrases, find_in_key, is_negated, locate};
use crate::lint::{Emitter, LintContext};
use crate::memo::{remembered_for, Memo, SharedMemo};
use crate::model::{Document, Paragraph};
use crate::source::Span;
use crate::vocab::{Category, SectionRole};

/// The categories prose is checked for.
const CLAIMED: [Category; 2] = [Category::Analytics, Category::Advertising];

/// Reports the first claim of each category that no table declares.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let doc = cx.doc;
    for category in CLAIMED {
        let declared = doc.tables.iter().any(|t| t.category == Some(category))
            || doc.cookies.iter().any(|c| c.category == Some(category));
        if declared {
            continue;
        }
        let Some(span) = claims(doc).find_map(|p| first_claim(cx.text(), p, category)) else {
            continue;
        };
        let name = category.as_str();
        let _ = out
            .emit(
                span,
                format!("the text says cookies are used for {name}, but no table declares {name} cookies"),
            )
            .help(format!(
                "add a section and a table listing the {name} cookies, or remove this claim if the platform sets none"
            ))
            .fingerprint(format!("undeclared:{name}"));
    }
}

/// The paragraphs that speak about the platform's own cookies: the introduction, and the
/// sections that are about the cookies used, about one category, or of unknown role, unless
/// they sit inside a section about cookies in general.
fn claims(doc: &Document) -> impl Iterator<Item = &Paragraph> {
    let about_platform = |mut index: usize| loop {
        let Some(section) = doc.sections.get(index) else {
            return true;
        };
        let own = match section.role {
            None | Some(SectionRole::CookiesUsed) => true,
            Some(role) => role.category().is_some(),
        };
        if !own {
            return false;
        }
        match section.parent {
            Some(parent) if parent < index => index = parent,
            _ => return true,
        }
    };
    let sections = doc
        .sections
        .iter()
        .enumerate()
        .filter(move |&(i, _)| about_platform(i))
        .flat_map(|(_, s)| s.paragraphs.iter());
    doc.introduction.iter().chain(sections)
}

thread_local! {
    /// [`first_phrase`] by comparison key, one memo per claimed category.
    static FIRST_ANALYTICS: RefCell<SharedMemo<Option<(usize, usize)>>> =
        RefCell::new(Memo::default());
    static FIRST_ADVERTISING: RefCell<SharedMemo<Option<(usize, usize)>>> =
        RefCell::new(Memo::default());
}

/// The span of the earliest wording in `paragraph` that claims a use of `category` (the
/// longest wording when two start together), or `None`.
fn first_claim(text: &str, paragraph: &Paragraph, category: Category) -> Option<Span> {
    let key = &paragraph.text.key;
    let memo = match category {
        Category::Advertising => &FIRST_ADVERTISING,
        _ => &FIRST_ANALYTICS,
    };
    let size = |_: &Option<(usize, usize)>| 16;
    let (phrase, nth) = remembered_for(memo, 0, key, |key| first_phrase(key, category), size)?;
    let phrase = claim_phrases(category).get(phrase)?;
    let span = paragraph.text.span;
    let raw = span.slice(text);
    Some(locate(raw, phrase).nth(nth).map_or(span, |range| {
        Span::new(span.start + range.start, span.start + range.end)
    }))
}

/// The earliest claim of `category` in `key` (the longest wording when two start together):
/// the index of its phrase in [`claim_phrases`] and which occurrence of the phrase it is.
fn first_phrase(key: &str, category: Category) -> Option<(usize, usize)> {
    claim_phrases(category)
        .iter()
        .enumerate()
        .filter_map(|(index, phrase)| {
            find_in_key(key, phrase)
                .enumerate()
                .find(|&(_, at)| !is_negated(key, at))
                .map(|(nth, at)| ((at, std::cmp::Reverse(phrase.len())), index, nth))
        })
        .min_by_key(|(position, _, _)| *position)
        .map(|(_, index, nth)| (index, nth))
}
