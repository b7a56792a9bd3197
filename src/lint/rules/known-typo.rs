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

use crate::lint::claims::{find_in_key, locate, texts};
use crate::lint::known::KnownTypo;
use crate::lint::{Emitter, LintContext};
use crate::model::Text;
use crate::normalize::display;
use crate::source::Span;

/// Reports each occurrence of each known wording error.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for text in texts(cx.doc) {
        for typo in &cx.options.typos {
            if typo.wrong.is_empty() || find_in_key(&text.key, &typo.wrong).next().is_none() {
                continue;
            }
            report(cx, out, text, typo);
        }
    }
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
