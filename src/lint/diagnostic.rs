//! Diagnostics: plain data pushed by rules, rendered later.
//!
//! A diagnostic holds a byte span into its file's decoded text; line and column are computed
//! by the renderers. Ordering is total and deterministic (file, position, code, message), so
//! the same input always gives the same output.

use serde::Serialize;

use crate::source::Span;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless asked.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The lower-case name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `info`, `warning` or `error`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A secondary location, possibly in another file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Related {
    /// The file it is in.
    pub file: String,
    /// Where in that file.
    pub span: Span,
    /// 1-based line and column in that file (computed by whoever had its line index).
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// The rule's code, such as `CL101`.
    pub code: &'static str,
    /// The rule's kebab-case name.
    pub rule: &'static str,
    /// The severity in force for this finding.
    pub severity: Severity,
    /// The file it is in.
    pub file: String,
    /// Where in that file.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other locations that explain it.
    pub related: Vec<Related>,
    /// A line-independent fingerprint of the offending content (for baselines).
    pub fingerprint: String,
}

impl Diagnostic {
    /// The sort key that makes output deterministic.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.file,
            self.span.start,
            self.span.end,
            self.code,
            &self.message,
        )
    }
}

/// Sorts diagnostics deterministically and removes exact duplicates.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}
