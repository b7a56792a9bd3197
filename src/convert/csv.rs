//! CSV output: one row per cookie across all inputs (RFC 4180 quoting).

use crate::model::Document;
use crate::source::SourceFile;
use crate::vocab::ColumnRole;

const COLUMNS: [&str; 11] = [
    "source",
    "platform_url",
    "language",
    "section",
    "category",
    "provider",
    "service",
    "name",
    "purpose",
    "duration",
    "line",
];

/// The header line, with its line break.
pub fn csv_header() -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    out
}

/// One CSV line per cookie of `doc`, each ending with CRLF as RFC 4180 asks.
pub fn csv_rows(source: &SourceFile, doc: &Document) -> String {
    let mut out = String::new();
    for cookie in &doc.cookies {
        let field = |role| {
            doc.cookie_field(cookie, role)
                .map_or("", |t| t.display.as_ref())
        };
        let section = cookie
            .section
            .and_then(|s| doc.sections.get(s))
            .map_or("", |s| s.heading.text.display.as_ref());
        let line = source.line(cookie.name.span.start).to_string();
        let values = [
            doc.source.as_str(),
            doc.platform_url.as_ref().map_or("", |p| p.url.as_str()),
            doc.language.map_or("", |l| l.code()),
            section,
            cookie.category.map_or("", |c| c.as_str()),
            field(ColumnRole::Provider),
            field(ColumnRole::Service),
            cookie.name.display.as_ref(),
            field(ColumnRole::Purpose),
            field(ColumnRole::Duration),
            line.as_str(),
        ];
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&csv_field(value));
        }
        out.push_str("\r\n");
    }
    out
}

/// One CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
pub fn csv_field(value: &str) -> std::borrow::Cow<'_, str> {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\"")).into()
    } else {
        value.into()
    }
}
