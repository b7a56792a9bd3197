//! Structural invariants of a parsed document, checked by tests and fuzz targets.
//!
//! Every span lies inside the text and on `char` boundaries; cells lie inside their rows,
//! rows inside their tables, cookie names inside their name cells; every index points inside
//! its vector; sections and tables are in source order.

use super::{Document, Text};
use crate::source::Span;

/// Checks every invariant of `doc` against the text it was parsed from; returns the first
/// violation found, described in a sentence.
pub fn check(text: &str, doc: &Document) -> Result<(), String> {
    let span_ok = |what: &str, span: Span| -> Result<(), String> {
        if span.start > span.end
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(format!(
                "{what} span {span:?} is outside the text or not on a char boundary"
            ));
        }
        Ok(())
    };
    let text_ok = |what: &str, t: &Text| span_ok(what, t.span);
    let inside = |what: &str, outer: Span, inner: Span| -> Result<(), String> {
        if !outer.contains(inner) {
            return Err(format!("{what} {inner:?} is not inside {outer:?}"));
        }
        Ok(())
    };
    if let Some(title) = &doc.title {
        span_ok("title", title.span)?;
        text_ok("title text", &title.text)?;
    }
    if let Some(url) = &doc.platform_url {
        span_ok("platform url", url.span)?;
        if url.section.is_some_and(|s| s >= doc.sections.len()) {
            return Err("platform url section index out of range".into());
        }
    }
    for t in &doc.preamble {
        text_ok("preamble", t)?;
    }
    let mut previous = 0;
    for (i, section) in doc.sections.iter().enumerate() {
        span_ok("section", section.span)?;
        span_ok("heading", section.heading.span)?;
        text_ok("heading text", &section.heading.text)?;
        if section.heading.span.start < previous {
            return Err(format!("section {i} is out of source order"));
        }
        previous = section.heading.span.start;
        if section.parent.is_some_and(|p| p >= i) {
            return Err(format!("section {i} has a parent that does not precede it"));
        }
        for p in &section.paragraphs {
            text_ok("paragraph", &p.text)?;
            inside("paragraph", section.span, p.text.span)?;
        }
        for &t in &section.tables {
            let table = doc
                .tables
                .get(t)
                .ok_or("section table index out of range")?;
            inside("table", section.span, table.span)?;
            if table.section != Some(i) {
                return Err(format!("table {t} does not point back to section {i}"));
            }
        }
    }
    for p in &doc.introduction {
        text_ok("introduction", &p.text)?;
    }
    let mut previous = 0;
    for (i, table) in doc.tables.iter().enumerate() {
        span_ok("table", table.span)?;
        if table.span.start < previous {
            return Err(format!("table {i} is out of source order"));
        }
        previous = table.span.start;
        for column in &table.columns {
            text_ok("column header", &column.header)?;
        }
        for row in &table.rows {
            span_ok("row", row.span)?;
            inside("row", table.span, row.span)?;
            for cell in &row.cells {
                text_ok("cell", cell)?;
                inside("cell", row.span, cell.span)?;
            }
        }
        for gap in &table.gaps {
            inside("gap", table.span, *gap)?;
        }
    }
    for cookie in &doc.cookies {
        text_ok("cookie name", &cookie.name)?;
        let table = doc
            .tables
            .get(cookie.table)
            .ok_or("cookie table index out of range")?;
        let row = table
            .rows
            .get(cookie.row)
            .ok_or("cookie row index out of range")?;
        let column = table
            .column(crate::vocab::ColumnRole::Name)
            .ok_or("cookie in a table without a name column")?;
        let cell = row.cells.get(column).ok_or("cookie name cell missing")?;
        inside("cookie name", cell.span, cookie.name.span)?;
        if cookie.name.is_empty() {
            return Err("empty cookie name".into());
        }
    }
    for comment in &doc.comments {
        span_ok("comment", *comment)?;
    }
    Ok(())
}
