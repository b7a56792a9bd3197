//! The handle rules push diagnostics through: it fills in the rule's code, name, severity
//! and file, and a content fingerprint, so rules only say where and what.

use super::diagnostic::{Diagnostic, Related};
use super::registry::RuleMeta;
use crate::normalize;
use crate::source::{SourceFile, Span};

/// Where an [`Emitter`] puts the diagnostics it records.
pub trait Collect {
    /// Takes one finished diagnostic.
    fn collect(&mut self, diagnostic: Diagnostic);
}

impl Collect for Vec<Diagnostic> {
    fn collect(&mut self, diagnostic: Diagnostic) {
        self.push(diagnostic);
    }
}

/// Collects one rule's diagnostics for one file.
pub struct Emitter<'a> {
    meta: &'static RuleMeta,
    source: &'a SourceFile,
    out: &'a mut dyn Collect,
}

impl<'a> Emitter<'a> {
    /// An emitter for `meta` on `source`, handing what it records to `out` (a
    /// `Vec<Diagnostic>` appends it).
    pub fn new(meta: &'static RuleMeta, source: &'a SourceFile, out: &'a mut dyn Collect) -> Self {
        Emitter { meta, source, out }
    }

    /// Reports `message` at `span`. The diagnostic is recorded when the returned builder is
    /// dropped, so the rule can chain help and related locations.
    pub fn emit(&mut self, span: Span, message: impl Into<String>) -> DiagnosticBuilder<'_> {
        DiagnosticBuilder {
            diagnostic: Some(Diagnostic {
                code: self.meta.code,
                rule: self.meta.name,
                severity: self.meta.severity,
                file: self.source.path.clone(),
                span,
                message: message.into(),
                help: None,
                related: Vec::new(),
                fingerprint: String::new(),
            }),
            fingerprinted: false,
            source: self.source,
            out: self.out,
        }
    }

    /// A related location in the same file.
    pub fn related(&self, span: Span, message: impl Into<String>) -> Related {
        let position = self.source.line_col(span.start);
        Related {
            file: self.source.path.clone(),
            span,
            line: position.line,
            column: position.column,
            message: message.into(),
        }
    }
}

/// A diagnostic being built; pushed to the output when dropped.
pub struct DiagnosticBuilder<'e> {
    diagnostic: Option<Diagnostic>,
    /// Whether the rule chose the fingerprint; if not, it is the key of the span's text,
    /// computed when the diagnostic is recorded.
    fingerprinted: bool,
    source: &'e SourceFile,
    out: &'e mut dyn Collect,
}

impl DiagnosticBuilder<'_> {
    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(d) = self.diagnostic.as_mut() {
            d.help = Some(help.into());
        }
        self
    }

    /// Adds a related location.
    pub fn related(mut self, related: Related) -> Self {
        if let Some(d) = self.diagnostic.as_mut() {
            d.related.push(related);
        }
        self
    }

    /// Replaces the content fingerprint (for rules whose span text is not distinctive).
    pub fn fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        if let Some(d) = self.diagnostic.as_mut() {
            d.fingerprint = fingerprint.into();
            self.fingerprinted = true;
        }
        self
    }
}

impl Drop for DiagnosticBuilder<'_> {
    fn drop(&mut self) {
        if let Some(mut d) = self.diagnostic.take() {
            if !self.fingerprinted {
                d.fingerprint = normalize::key(self.source.slice(d.span));
            }
            self.out.collect(d);
        }
    }
}
