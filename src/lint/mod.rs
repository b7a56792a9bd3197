//! The lint engine: runs the per-document rules over a parsed document, then applies
//! severities, suppression comments and ordering in one place.
//!
//! Rules are plain functions listed in [`registry::RULES`]; each reads a [`LintContext`]
//! (the model and shared options, never the raw syntax: rules never re-parse) and pushes
//! diagnostics through an [`Emitter`]. Cross-document rules run in a separate phase over
//! per-document summaries (see `corpus`), so this phase is embarrassingly parallel.

pub mod baseline;
pub mod canon;
pub mod claims;
pub mod context;
pub mod diagnostic;
pub mod emit;
pub mod known;
pub mod reference;
pub mod registry;
pub mod selection;
pub mod suppress;

pub use context::{LintContext, LintOptions};
pub use diagnostic::{Diagnostic, Related, Severity};
pub use emit::Emitter;
pub use reference::reference_markdown;
pub use registry::{find, Check, CorpusCheck, Group, Rule, RuleMeta, RULES};
pub use selection::{did_you_mean, RuleSettings};

use crate::model::Parsed;
use crate::source::SourceFile;

/// Lints one document on its own with the given options and rule settings; returns its
/// diagnostics with severities applied, suppressions honoured, sorted. A suppression
/// comment is reported as unused when it silences nothing in this document: with no corpus
/// phase after, the document's findings are all the findings there are. A comment naming
/// only cross-document rules is not reported: alone, the document cannot tell.
pub fn lint_document(
    source: &SourceFile,
    parsed: &Parsed,
    options: &LintOptions,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    let FirstPhase {
        mut diagnostics,
        unless_corpus_uses,
    } = lint_before_corpus(source, parsed, options, settings);
    diagnostics.extend(
        unless_corpus_uses
            .into_iter()
            .filter(|u| !u.corpus_only)
            .map(|u| u.diagnostic),
    );
    diagnostic::sort(&mut diagnostics);
    diagnostics
}

/// One document's findings when the corpus phase follows ([`lint_before_corpus`]).
#[derive(Debug, Default)]
pub struct FirstPhase {
    /// The diagnostics, sorted, with severities applied and suppressions honoured.
    pub diagnostics: Vec<Diagnostic>,
    /// The `unused-suppression` findings about comments that may silence corpus findings:
    /// each stands only if its comment silences none of the corpus phase's either.
    pub unless_corpus_uses: Vec<suppress::UnlessCorpusUses>,
}

/// Lints one document as the first phase of a run whose corpus phase follows: like
/// [`lint_document`], but the findings about suppressions that silence nothing here and
/// may silence corpus findings are kept apart, for the caller to keep those whose comment
/// silences none of the corpus findings either.
pub fn lint_before_corpus(
    source: &SourceFile,
    parsed: &Parsed,
    options: &LintOptions,
    settings: &RuleSettings,
) -> FirstPhase {
    let cx = LintContext {
        source,
        doc: &parsed.document,
        problems: &parsed.problems,
        options,
    };
    let mut diagnostics = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        let Check::Document(check) = rule.check else {
            continue;
        };
        if !settings.is_enabled(index) {
            continue;
        }
        let start = diagnostics.len();
        let mut emitter = Emitter::new(&rule.meta, source, &mut diagnostics);
        check(&cx, &mut emitter);
        let severity = settings.severity(index);
        for d in diagnostics.iter_mut().skip(start) {
            d.severity = severity;
        }
    }
    let suppress::Applied {
        kept: mut diagnostics,
        unless_corpus_uses,
    } = suppress::apply(source, &parsed.document, diagnostics, settings);
    diagnostic::sort(&mut diagnostics);
    FirstPhase {
        diagnostics,
        unless_corpus_uses,
    }
}
