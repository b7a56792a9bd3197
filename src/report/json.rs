//! `--format json`: `{"version": 1, "diagnostics": [...], "errors": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use std::borrow::Cow;

use super::{Diagnostics, Located, Results, Summary};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    diagnostics: AllDiagnostics<'a>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
}

/// The diagnostics, converted one at a time while they are written.
struct AllDiagnostics<'a>(&'a dyn Diagnostics);

impl Serialize for AllDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.all().map(One))
    }
}

/// One diagnostic, borrowed or read from a store.
struct One<'a>(Cow<'a, Located>);

impl Serialize for One<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        diagnostic(&self.0).serialize(serializer)
    }
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

/// Writes the JSON report, pretty-printed, with a final line break.
pub fn write_json<D: Diagnostics>(results: &Results<D>, out: &mut dyn Write) -> io::Result<()> {
    let report = JsonReport {
        version: 1,
        diagnostics: AllDiagnostics(&results.diagnostics),
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
    // serde_json writes many small pieces: buffer them here, where the writer's type is
    // known, rather than paying a dynamic call for each.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// The JSON report as a string (see [`write_json`]).
pub fn json<D: Diagnostics>(results: &Results<D>) -> String {
    super::render(|out| write_json(results, out))
}
