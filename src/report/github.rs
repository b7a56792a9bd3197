//! `--format github`: GitHub Actions workflow commands, one per diagnostic
//! (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`).

use super::Results;
use crate::lint::Severity;

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow commands for every diagnostic and unreadable file.
pub fn github(results: &Results) -> String {
    let mut out = String::new();
    for d in &results.diagnostics {
        let diag = &d.diagnostic;
        let level = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = super::escape_control(&diag.message);
        if let Some(help) = &diag.help {
            message.push_str("\nhelp: ");
            message.push_str(&super::escape_control(help));
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&diag.file),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            escape_property(&format!("{} {}", diag.code, diag.rule)),
            escape_data(&message)
        ));
    }
    for e in &results.errors {
        out.push_str(&format!(
            "::error file={},title=unreadable file::{}\n",
            escape_property(&e.file),
            escape_data(&e.message)
        ));
    }
    out
}
