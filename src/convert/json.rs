//! The JSON document contract, version 1 (see `docs/json.md` and
//! `docs/document.schema.json`).
//!
//! The serialised structs here are the contract; they are built from the model rather than
//! derived on it, so the model can change without changing the output by accident.

use serde::Serialize;

use crate::lang::Language;
use crate::model::{Document, Parsed, Text, UrlPlacement};
use crate::source::{Encoding, LineEndings, SourceFile, Span};
use crate::syntax::{Format, TableLayout};
use crate::vocab::{Category, ColumnRole, SectionRole};

/// The version of the JSON document contract.
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonDocument<'a> {
    schema_version: u32,
    source: &'a str,
    format: Format,
    encoding: Encoding,
    line_endings: LineEndings,
    language: Option<Language>,
    title: Option<&'a str>,
    title_line: Option<usize>,
    platform_url: Option<&'a str>,
    platform_url_line: Option<usize>,
    platform_url_placement: Option<UrlPlacement>,
    preamble: Vec<&'a str>,
    introduction: Vec<&'a str>,
    sections: Vec<JsonSection<'a>>,
    tables: Vec<JsonTable<'a>>,
    cookies: Vec<JsonCookie<'a>>,
    problems: Vec<JsonProblem<'a>>,
}

#[derive(Serialize)]
struct JsonSection<'a> {
    heading: &'a str,
    depth: u8,
    role: Option<SectionRole>,
    line: usize,
    span: [usize; 2],
    language: Option<Language>,
    paragraphs: Vec<&'a str>,
    paragraph_languages: Vec<Option<Language>>,
    tables: Vec<usize>,
}

#[derive(Serialize)]
struct JsonTable<'a> {
    section: Option<usize>,
    line: usize,
    span: [usize; 2],
    layout: TableLayout,
    inferred: bool,
    category: Option<Category>,
    columns: Vec<JsonColumn<'a>>,
    rows: Vec<JsonRow<'a>>,
}

#[derive(Serialize)]
struct JsonColumn<'a> {
    header: &'a str,
    role: Option<ColumnRole>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    line: usize,
    span: [usize; 2],
    cells: Vec<&'a str>,
    languages: Vec<Option<Language>>,
}

#[derive(Serialize)]
struct JsonCookie<'a> {
    name: &'a str,
    provider: Option<&'a str>,
    service: Option<&'a str>,
    purpose: Option<&'a str>,
    duration: Option<&'a str>,
    category: Option<Category>,
    section: Option<&'a str>,
    table: usize,
    row: usize,
    line: usize,
    column: usize,
    span: [usize; 2],
}

#[derive(Serialize)]
struct JsonProblem<'a> {
    line: usize,
    message: &'a str,
}

fn span(s: Span) -> [usize; 2] {
    [s.start, s.end]
}

fn display(text: &Text) -> &str {
    &text.display
}

/// The JSON value of a parsed document, following contract version 1.
pub fn to_json_value(source: &SourceFile, parsed: &Parsed) -> serde_json::Value {
    serde_json::to_value(contract(source, parsed)).unwrap_or(serde_json::Value::Null)
}

/// The JSON text of a parsed document, following contract version 1: pretty-printed (two
/// spaces an indent, as `serde_json` prints them) or on one line. The same text as
/// [`to_json_value`] printed, written from the contract's structs directly: a value tree
/// costs several hundred bytes per input byte on a document of many short entries.
pub fn to_json_string(source: &SourceFile, parsed: &Parsed, pretty: bool) -> String {
    let json = contract(source, parsed);
    let text = match pretty {
        true => serde_json::to_string_pretty(&json),
        false => serde_json::to_string(&json),
    };
    text.unwrap_or_default()
}

/// Writes the JSON text of a parsed document to `out` as it is rendered: the same text as
/// [`to_json_string`], without holding it whole (a large document's JSON can be a hundred
/// times its size).
pub fn write_json(
    source: &SourceFile,
    parsed: &Parsed,
    pretty: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let json = contract(source, parsed);
    match pretty {
        true => serde_json::to_writer_pretty(out, &json)?,
        false => serde_json::to_writer(out, &json)?,
    }
    Ok(())
}

/// The contract's structs for a parsed document (borrowing its texts).
fn contract<'a>(source: &SourceFile, parsed: &'a Parsed) -> JsonDocument<'a> {
    let doc = &parsed.document;
    let line = |s: Span| source.line(s.start);
    JsonDocument {
        schema_version: JSON_SCHEMA_VERSION,
        source: &doc.source,
        format: doc.format,
        encoding: doc.encoding,
        line_endings: doc.line_endings,
        language: doc.language,
        title: doc.title.as_ref().map(|t| display(&t.text)),
        title_line: doc.title.as_ref().map(|t| line(t.span)),
        platform_url: doc.platform_url.as_ref().map(|p| p.url.as_str()),
        platform_url_line: doc.platform_url.as_ref().map(|p| line(p.span)),
        platform_url_placement: doc.platform_url.as_ref().map(|p| p.placement),
        preamble: doc.preamble.iter().map(display).collect(),
        introduction: doc.introduction.iter().map(|p| display(&p.text)).collect(),
        sections: doc
            .sections
            .iter()
            .map(|s| JsonSection {
                heading: display(&s.heading.text),
                depth: s.depth,
                role: s.role,
                line: line(s.heading.span),
                span: span(s.span),
                language: s.heading.text.language,
                paragraphs: s.paragraphs.iter().map(|p| display(&p.text)).collect(),
                paragraph_languages: s.paragraphs.iter().map(|p| p.text.language).collect(),
                tables: s.tables.clone(),
            })
            .collect(),
        tables: doc
            .tables
            .iter()
            .map(|t| JsonTable {
                section: t.section,
                line: line(t.span),
                span: span(t.span),
                layout: t.layout,
                inferred: t.inferred,
                category: t.category,
                columns: t
                    .columns
                    .iter()
                    .map(|c| JsonColumn {
                        header: display(&c.header),
                        role: c.role,
                    })
                    .collect(),
                rows: t
                    .rows
                    .iter()
                    .map(|r| JsonRow {
                        line: line(r.span),
                        span: span(r.span),
                        cells: r.cells.iter().map(display).collect(),
                        languages: r.cells.iter().map(|c| c.language).collect(),
                    })
                    .collect(),
            })
            .collect(),
        cookies: cookies(source, doc),
        problems: parsed
            .problems
            .iter()
            .map(|p| JsonProblem {
                line: line(p.span),
                message: &p.message,
            })
            .collect(),
    }
}

fn cookies<'a>(source: &SourceFile, doc: &'a Document) -> Vec<JsonCookie<'a>> {
    doc.cookies
        .iter()
        .map(|c| {
            let field = |role| doc.cookie_field(c, role).map(display);
            let position = source.line_col(c.name.span.start);
            JsonCookie {
                name: display(&c.name),
                provider: field(ColumnRole::Provider),
                service: field(ColumnRole::Service),
                purpose: field(ColumnRole::Purpose),
                duration: field(ColumnRole::Duration),
                category: c.category,
                section: c
                    .section
                    .and_then(|s| doc.sections.get(s))
                    .map(|s| display(&s.heading.text)),
                table: c.table,
                row: c.row,
                line: position.line,
                column: position.column,
                span: span(c.name.span),
            }
        })
        .collect()
}
