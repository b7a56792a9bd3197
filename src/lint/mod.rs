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

/// Lints one document with the given options and rule settings; returns its diagnostics
/// with severities applied, suppressions honoured, sorted.
pub fn lint_document(
    source: &SourceFile,
    parsed: &Parsed,
    options: &LintOptions,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
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
    let mut diagnostics = suppress::apply(source, &parsed.document, diagnostics, settings);
    diagnostic::sort(&mut diagnostics);
    diagnostics
}
