//! `--format github`: GitHub Actions workflow commands, one per diagnostic
//! (`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`).

use std::io::{self, Write};

use super::{Diagnostics, Results};
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

/// The workflow commands for every diagnostic and unreadable file, as a string (see
/// [`write_github`]).
pub fn github<D: Diagnostics>(results: &Results<D>) -> String {
    super::render(|out| write_github(results, out))
}

/// Writes the workflow commands for every diagnostic and unreadable file.
pub fn write_github<D: Diagnostics>(results: &Results<D>, out: &mut dyn Write) -> io::Result<()> {
    for d in results.diagnostics.all() {
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
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&super::escape_control(&diag.file)),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            escape_property(&format!("{} {}", diag.code, diag.rule)),
            escape_data(&message)
        )?;
    }
    for e in &results.errors {
        writeln!(
            out,
            "::error file={},title=unreadable file::{}",
            escape_property(&super::escape_control(&e.file)),
            escape_data(&super::escape_control(&e.message))
        )?;
    }
    Ok(())
}
