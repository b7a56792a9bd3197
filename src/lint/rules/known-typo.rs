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

use rustc_hash::FxHasher;

use crate::lint::claims::{find_in_key, locate, texts};
use crate::lint::known::KnownTypo;
use crate::lint::{Emitter, LintContext};
use crate::memo::{remembered_in, Memo};
use crate::model::Text;
use crate::normalize::display;
use crate::source::Span;

thread_local! {
    /// Which typos each comparison key holds (bit i: typo i), under a fingerprint of the
    /// typo list: the template's texts come back in document after document.
    static FOUND: RefCell<Memo<u64>> = RefCell::new(Memo::default());
}

/// Reports each occurrence of each known wording error.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let typos = &cx.options.typos;
    let scope = fingerprint(typos);
    for text in texts(cx.doc) {
        if typos.len() <= 64 {
            let found = remembered_in(&FOUND, scope, &text.key, |key| held(key, typos), |_| 8);
            for (i, typo) in typos.iter().enumerate() {
                if found & (1 << i) != 0 {
                    report(cx, out, text, typo);
                }
            }
        } else {
            for typo in typos.iter().filter(|typo| holds(&text.key, typo)) {
                report(cx, out, text, typo);
            }
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

/// Reports the occurrences of `typo` in `text`, whose key is known to hold it.
fn report(cx: &LintContext<'_>, out: &mut Emitter<'_>, text: &Text, typo: &KnownTypo) {
    let raw = text.span.slice(cx.text());
    let corrections = typo
        .right
        .iter()
        .map(|r| format!("\"{r}\""))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut emit = |span: Span, written: &str| {
        let (message, help) = if corrections.is_empty() {
            (
                format!("\"{written}\" is a known wording error"),
                "reword it".to_owned(),
            )
        } else {
            (
                format!("\"{written}\" should read {corrections}"),
                format!("replace it with {corrections}"),
            )
        };
        let _ = out
            .emit(span, message)
            .help(help)
            .fingerprint(format!("typo:{}", typo.wrong));
    };
    let mut found = false;
    for range in locate(raw, &typo.wrong) {
        let span = Span::new(text.span.start + range.start, text.span.start + range.end);
        emit(span, &display(cx.source.slice(span)));
        found = true;
    }
    // A wording the key holds but the raw text spells differently (decomposed letters) is
    // reported on the whole text rather than not at all.
    if !found {
        emit(text.span, &typo.wrong_display);
    }
}
