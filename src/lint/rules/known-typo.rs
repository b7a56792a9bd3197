//! ## What it does
//! Reports known wording errors of the template and its translations. Errors such as "Nom
//! du cookies", "Qu'est ce qu'", "re-connecterez" or "Cookie name(s)s" are looked for in
//! headings, table headers, cells and paragraphs, and each occurrence is reported. Matching
//! ignores case, apostrophe style and line breaks. The list is built in and can be extended
//! in the configuration.
//!
//! ## Why it matters
//! These errors were copied from one portal to the next; fixing them in every copy keeps
//! the policies correct and identical.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom du cookies	Finalités
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! ```
//!
//! ## Fix
//! Replace the wording with the correction given in the diagnostic.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;

use rustc_hash::FxHasher;

use crate::lint::claims::{find_in_key, locate, texts};
use crate::lint::known::KnownTypo;
use crate::lint::{Emitter, LintContext};
use crate::memo::{remembered_for, remembered_in, Memo, SharedMemo};
use crate::model::Text;
use crate::normalize::display;
use crate::source::Span;

thread_local! {
    /// Which typos each comparison key holds (bit i: typo i), under a fingerprint of the
    /// typo list: the template's texts come back in document after document.
    static FOUND: RefCell<SharedMemo<u64>> = RefCell::new(Memo::default());
    /// Where the typos a raw text holds are written in it (see [`places`]), under the same
    /// fingerprint: a template's paragraph is searched once per thread, not once per copy.
    static PLACES: RefCell<Memo<Rc<[Place]>>> = RefCell::new(Memo::default());
}

/// A typo's occurrence in a raw text: the typo's index in the list, and its byte range in
/// the text (`None`: the key holds the wording but the raw text spells it differently).
type Place = (usize, Option<Range<usize>>);

/// Reports each occurrence of each known wording error.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let typos = &cx.options.typos;
    let scope = fingerprint(typos);
    for text in texts(cx.doc) {
        if typos.len() <= 64 {
            let found = remembered_for(&FOUND, scope, &text.key, |key| held(key, typos), |_| 8);
            if found == 0 {
                continue;
            }
            let raw = text.span.slice(cx.text());
            let held = typos
                .iter()
                .enumerate()
                .filter(|(i, _)| found & (1 << i) != 0);
            let places = remembered_in(
                &PLACES,
                scope,
                raw,
                |raw| places(raw, held.clone()).into(),
                |places| places.len() * std::mem::size_of::<Place>(),
            );
            report(cx, out, text, typos, &places);
        } else {
            let raw = text.span.slice(cx.text());
            let held = typos
                .iter()
                .enumerate()
                .filter(|(_, typo)| holds(&text.key, typo));
            report(cx, out, text, typos, &places(raw, held));
        }
    }
}

/// Whether `key` holds the wording of `typo`.
fn holds(key: &str, typo: &KnownTypo) -> bool {
    !typo.wrong.is_empty() && find_in_key(key, &typo.wrong).next().is_some()
}

/// The typos (at most 64) `key` holds, as a bit set.
fn held(key: &str, typos: &[KnownTypo]) -> u64 {
    typos
        .iter()
        .enumerate()
        .filter(|(_, typo)| holds(key, typo))
        .fold(0, |set, (i, _)| set | (1 << i))
}

/// A hash of the typo list's wordings, in order.
fn fingerprint(typos: &[KnownTypo]) -> u64 {
    let mut hasher = FxHasher::default();
    for typo in typos {
        typo.wrong.hash(&mut hasher);
    }
    hasher.finish()
}

/// Where the typos `held` (index in the list, typo), whose wordings the key of `raw` holds,
/// are written in `raw`, typo after typo.
fn places<'t>(raw: &str, held: impl Iterator<Item = (usize, &'t KnownTypo)>) -> Vec<Place> {
    let mut out = Vec::new();
    for (i, typo) in held {
        let before = out.len();
        out.extend(locate(raw, &typo.wrong).map(|range| (i, Some(range))));
        // A wording the key holds but the raw text spells differently (decomposed letters)
        // is reported on the whole text rather than not at all.
        if out.len() == before {
            out.push((i, None));
        }
    }
    out
}

/// `"a" or "b"`, built without the formatting machinery (this rule reports more than any
/// other).
fn quoted_alternatives(words: &[String]) -> String {
    let mut joined = String::with_capacity(words.iter().map(|w| w.len() + 6).sum());
    for (n, word) in words.iter().enumerate() {
        if n > 0 {
            joined.push_str(" or ");
        }
        joined.push('"');
        joined.push_str(word);
        joined.push('"');
    }
    joined
}

/// Reports the typos of `typos` at `places` in `text` (see [`places`]).
fn report(
    cx: &LintContext<'_>,
    out: &mut Emitter<'_>,
    text: &Text,
    typos: &[KnownTypo],
    places: &[Place],
) {
    let mut corrections = (usize::MAX, String::new());
    for (i, range) in places {
        let Some(typo) = typos.get(*i) else {
            continue;
        };
        if corrections.0 != *i {
            corrections = (*i, quoted_alternatives(&typo.right));
        }
        let (span, written) = match range {
            Some(range) => {
                let span = Span::new(text.span.start + range.start, text.span.start + range.end);
                (span, display(cx.source.slice(span)))
            }
            None => (text.span, typo.wrong_display.as_str().into()),
        };
        // Built with their final capacity: this rule reports more than any other.
        let (message, help) = if corrections.1.is_empty() {
            (
                ["\"", &written, "\" is a known wording error"].concat(),
                "reword it".to_owned(),
            )
        } else {
            (
                ["\"", &written, "\" should read ", &corrections.1].concat(),
                ["replace it with ", &corrections.1].concat(),
            )
        };
        let _ = out
            .emit(span, message)
            .help(help)
            .fingerprint(["typo:", &typo.wrong].concat());
    }
}
