//! `--format json`: `{"version": 1, "diagnostics": [...], "errors": [...], "summary": {...}}`.

use serde::Serialize;

use super::{Located, Results, Summary};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    file: &'a str,
    message: &'a str,
}

fn diagnostic(d: &Located) -> JsonDiagnostic<'_> {
    let diag = &d.diagnostic;
    JsonDiagnostic {
        code: diag.code,
        rule: diag.rule,
        severity: diag.severity.as_str(),
        file: &diag.file,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
        message: &diag.message,
        help: diag.help.as_deref(),
        related: diag
            .related
            .iter()
            .map(|r| JsonRelated {
                file: &r.file,
                line: r.line,
                column: r.column,
                message: &r.message,
            })
            .collect(),
        fingerprint: &diag.fingerprint,
    }
}

/// The JSON report, pretty-printed, with a final line break.
pub fn json(results: &Results) -> String {
    let report = JsonReport {
        version: 1,
        diagnostics: results.diagnostics.iter().map(diagnostic).collect(),
        errors: results
            .errors
            .iter()
            .map(|e| JsonError {
                file: &e.file,
                message: &e.message,
            })
            .collect(),
        summary: results.summary(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
