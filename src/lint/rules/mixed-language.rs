//! ## What it does
//! Reports a paragraph, heading or table cell written in another language than the
//! document. Cells are checked in the service, purpose and duration columns only: cookie
//! names and providers are not words of any language. A text is checked when its words give
//! a clear answer, however short it is ("13 mois" is French); in a cell that mixes
//! languages, the diagnostic points at the foreign fragment ("(front et back office)"),
//! and so it does when the rest of the cell is in the document's language and only words in
//! parentheses are not ("Language selection (front et back office)"; two words at least).
//!
//! ## Why it matters
//! An untranslated fragment is usually a translation that was left half done; readers of
//! the English policy cannot be expected to read the French words.
//!
//! ## Example
//! Failing:
//! ```text
//! Cookies policy
//!
//! Provider	Function and location	Cookie name(s)	Purposes
//! Example SA	API (CSRF) (front et back office)	csrftoken	To retrieve data via API calls
//! ```
//! Passing:
//! ```text
//! Cookies policy
//!
//! Provider	Function and location	Cookie name(s)	Purposes
//! Example SA	API (CSRF) (front and back office)	csrftoken	To retrieve data via API calls
//! ```
//!
//! ## Fix
//! Translate the text into the document's language.

use std::rc::Rc;

use crate::lang::{detect, Language};
use crate::lint::{Emitter, LintContext};
use crate::model::Text;
use crate::normalize::key;
use crate::source::Span;
use crate::vocab::ColumnRole;

/// Reports each text whose detected language differs from the document's.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let Some(document) = cx.doc.language else {
        return;
    };
    let mut report_in = |what: &str, language: Option<Language>, span: Span| {
        let Some(language) = language.filter(|l| *l != document) else {
            return;
        };
        let _ = out
            .emit(
                span,
                format!(
                    "{what} has {} text in a document written in {}",
                    name(language),
                    name(document)
                ),
            )
            .help(format!(
                "translate it into {}, the language of the document",
                name(document)
            ));
    };
    if let Some(title) = &cx.doc.title {
        report_in("the title", title.text.language, title.text.span);
    }
    for paragraph in cx.doc.paragraphs() {
        report_in(
            "this paragraph",
            paragraph.text.language,
            paragraph.text.span,
        );
    }
    for section in &cx.doc.sections {
        report_in(
            "this heading",
            section.heading.text.language,
            section.heading.text.span,
        );
    }
    for table in &cx.doc.tables {
        for (column, what) in [
            (ColumnRole::Service, "this service cell"),
            (ColumnRole::Purpose, "this purpose cell"),
            (ColumnRole::Duration, "this duration cell"),
        ] {
            let Some(index) = table.column(column) else {
                continue;
            };
            for cell in table.rows.iter().filter_map(|r| r.cells.get(index)) {
                if cell.language.is_some_and(|l| l != document) {
                    let span = fragment(cx.text(), cell, document).unwrap_or(cell.span);
                    report_in(what, cell.language, span);
                } else if let Some((language, span)) = foreign_aside(cx.text(), cell, document) {
                    report_in(what, Some(language), span);
                }
            }
        }
    }
}

/// The part of a mixed cell written in the foreign language: the parentheses around its
/// words telling that language ("(front et back office)"), or else the words from the
/// first to the last of them when other words tell the document's language, widened over
/// the neighbouring words that tell neither (a word the word lists do not know, or one of
/// a third language: "Se" in "Se souvenir de la langue du user"); `None` when the whole
/// cell is foreign ("13 mois"). Runs only on cells already found foreign, so its
/// allocations are rare.
fn fragment(text: &str, cell: &Text, document: Language) -> Option<Span> {
    let foreign = cell.language?;
    let raw = cell.span.slice(text);
    // Each word's offsets and whether it tells the foreign language (`Some(true)`), the
    // document's (`Some(false)`) or neither (`None`).
    let told: Vec<(usize, usize, Option<bool>)> = words(raw)
        .map(|(start, word)| {
            let tells = match detect(&key(word)) {
                Some(language) if language == foreign => Some(true),
                Some(language) if language == document => Some(false),
                _ => None,
            };
            (start, start + word.len(), tells)
        })
        .collect();
    let first_at = told.iter().position(|w| w.2 == Some(true))?;
    let last_at = told.iter().rposition(|w| w.2 == Some(true))?;
    let mixed = told.iter().any(|w| w.2 == Some(false));
    let (first, last) = (told.get(first_at)?.0, told.get(last_at)?.1);
    let before = raw.get(..first)?;
    let after = raw.get(last..)?;
    let parentheses = before
        .rfind('(')
        .zip(after.find(')'))
        .filter(|&(open, close)| {
            let open_inside = before.get(open..).is_some_and(|s| !s.contains(')'));
            let close_inside = after.get(..close).is_some_and(|s| !s.contains('('));
            open_inside && close_inside
        });
    let (start, end) = match parentheses {
        Some((open, close)) => (open, last + close + 1),
        None if mixed => {
            let tells_document = |w: &&(usize, usize, Option<bool>)| w.2 == Some(false);
            let start = told
                .get(..first_at)
                .and_then(|ws| ws.iter().rev().take_while(|w| !tells_document(w)).last())
                .map_or(first, |w| w.0);
            let end = told
                .get(last_at + 1..)
                .and_then(|ws| ws.iter().take_while(|w| !tells_document(w)).last())
                .map_or(last, |w| w.1);
            (start, end)
        }
        None => return None,
    };
    Some(Span::new(cell.span.start + start, cell.span.start + end))
}

/// A part in parentheses of a cell in the document's language that is itself in another
/// language ("Language selection (front et back office)"): its language and span. Only
/// cells with parentheses are looked at.
fn foreign_aside(text: &str, cell: &Text, document: Language) -> Option<(Language, Span)> {
    thread_local! {
        /// The parts in parentheses of each raw cell text seen on the thread whose
        /// language is clear, with offsets in the text: a template's cells come back in
        /// document after document.
        static ASIDES: std::cell::RefCell<crate::memo::Memo<Rc<[Aside]>>> =
            std::cell::RefCell::new(crate::memo::Memo::with_limit(crate::memo::SMALL_MEMO_BYTES));
    }
    let raw = cell.span.slice(text);
    if !raw.contains('(') {
        return None;
    }
    let asides = crate::memo::remembered_in(&ASIDES, 0, raw, asides_in, |a| {
        a.len() * std::mem::size_of::<Aside>()
    });
    let &(language, start, end) = asides.iter().find(|(l, _, _)| *l != document)?;
    Some((
        language,
        Span::new(cell.span.start + start, cell.span.start + end),
    ))
}

/// A part in parentheses of a text: its language and its offsets in the text.
type Aside = (Language, usize, usize);

/// The parts in parentheses of `raw` of two words or more whose language is clear.
fn asides_in(raw: &str) -> Rc<[Aside]> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = raw
        .get(rest..)
        .and_then(|r| r.find('('))
        .map(|at| rest + at)
    {
        let Some(close) = raw
            .get(open..)
            .and_then(|r| r.find(')'))
            .map(|at| open + at)
        else {
            break;
        };
        let inside = raw.get(open + 1..close).unwrap_or_default();
        rest = close + 1;
        // At least two words, so that one shared word ("(menu)") decides nothing.
        if words(inside).count() < 2 {
            continue;
        }
        if let Some(language) = detect(&key(inside)) {
            found.push((language, open, close + 1));
        }
    }
    found.into()
}

/// The words of `raw` with their byte offsets: runs of letters, digits, underscores and
/// apostrophes, so that elided forms ("l'utilisateur") stay whole for detection.
fn words(raw: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'' || c == '\u{2019}';
    let mut start: Option<usize> = None;
    raw.char_indices()
        .chain(std::iter::once((raw.len(), ' ')))
        .filter_map(move |(at, c)| {
            if is_word(c) {
                start.get_or_insert(at);
                return None;
            }
            let from = start.take()?;
            Some((from, raw.get(from..at)?))
        })
}

/// The English name of a language, for messages.
fn name(language: Language) -> &'static str {
    match language {
        Language::Fr => "French",
        Language::En => "English",
        Language::Es => "Spanish",
        Language::Ca => "Catalan",
        Language::Nl => "Dutch",
        Language::De => "German",
        Language::It => "Italian",
    }
}
