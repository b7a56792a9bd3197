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
    let mut diagnostics = Vec::new();
    let unless_corpus_uses =
        lint_before_corpus_into(source, parsed, options, settings, |d| diagnostics.push(d));
    diagnostic::sort(&mut diagnostics);
    FirstPhase {
        diagnostics,
        unless_corpus_uses,
    }
}

/// [`lint_before_corpus`] handing each finding to `keep` as soon as it is known not to be
/// silenced, a batch at a time, so that a document of millions of findings is never held
/// whole as [`Diagnostic`]s. The findings come with their severity, in no particular order
/// and not deduplicated (what [`diagnostic::sort`] does is left to the caller); the
/// `unless_corpus_uses` findings are returned.
pub fn lint_before_corpus_into(
    source: &SourceFile,
    parsed: &Parsed,
    options: &LintOptions,
    settings: &RuleSettings,
    keep: impl FnMut(Diagnostic),
) -> Vec<suppress::UnlessCorpusUses> {
    let cx = LintContext {
        source,
        doc: &parsed.document,
        problems: &parsed.problems,
        options,
    };
    let mut batches = Batches {
        suppressions: suppress::Suppressions::new(source, &parsed.document),
        pending: Vec::new(),
        severity: Severity::Info,
        keep,
    };
    for (index, rule) in RULES.iter().enumerate() {
        let Check::Document(check) = rule.check else {
            continue;
        };
        if !settings.is_enabled(index) {
            continue;
        }
        batches.severity = settings.severity(index);
        check(&cx, &mut Emitter::new(&rule.meta, source, &mut batches));
    }
    batches.flush();
    let Batches {
        suppressions,
        mut keep,
        ..
    } = batches;
    let applied = suppressions.finish(source, settings);
    applied.kept.into_iter().for_each(&mut keep);
    applied.unless_corpus_uses
}

/// The findings of [`lint_before_corpus_into`] on their way to its caller: given their
/// rule's severity, then filtered by the suppression comments a batch at a time.
struct Batches<K> {
    suppressions: suppress::Suppressions,
    pending: Vec<Diagnostic>,
    /// The severity of the rule that is running.
    severity: Severity,
    keep: K,
}

impl<K: FnMut(Diagnostic)> Batches<K> {
    fn flush(&mut self) {
        self.suppressions.silence(&mut self.pending);
        self.pending.drain(..).for_each(&mut self.keep);
    }
}

impl<K: FnMut(Diagnostic)> emit::Collect for Batches<K> {
    fn collect(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.severity = self.severity;
        if self.suppressions.is_empty() {
            (self.keep)(diagnostic);
            return;
        }
        self.pending.push(diagnostic);
        if self.pending.len() >= self.suppressions.batch() {
            self.flush();
        }
    }
}
