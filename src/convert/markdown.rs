//! Canonical Markdown: ATX headings at the normalised depth, prose paragraphs, and GFM pipe
//! tables, one per cookie category within a section (consecutive tables of one category and
//! one column layout are merged).
//!
//! Invariant: converting the output again yields the same headings and cookies (tested).
//! Preamble noise is dropped; a platform URL written on its own line stays on its own line.

use crate::model::{CookieTable, Document, Paragraph, Section, UrlPlacement};

/// Renders `doc` as canonical Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str("# ");
        out.push_str(&title.text.display);
        out.push_str("\n\n");
    }
    for paragraph in &doc.introduction {
        push_paragraph(&mut out, paragraph);
    }
    for (index, section) in doc.sections.iter().enumerate() {
        push_section(&mut out, doc, index, section);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn push_section(out: &mut String, doc: &Document, index: usize, section: &Section) {
    for _ in 0..section.depth.clamp(2, 6) {
        out.push('#');
    }
    out.push(' ');
    out.push_str(&section.heading.text.display);
    out.push_str("\n\n");
    if let Some(url) = doc
        .platform_url
        .as_ref()
        .filter(|p| p.section == Some(index) && p.placement == UrlPlacement::OwnLine)
    {
        out.push('<');
        out.push_str(&url.url);
        out.push_str(">\n\n");
    }
    // Paragraphs and tables in source order, so an inline label stays before its table.
    let mut paragraphs = section.paragraphs.iter().peekable();
    let mut tables = section
        .tables
        .iter()
        .filter_map(|&t| doc.tables.get(t))
        .peekable();
    let mut pending: Vec<&CookieTable> = Vec::new();
    loop {
        let next_paragraph = paragraphs.peek().map(|p| p.text.span.start);
        let next_table = tables.peek().map(|t| t.span.start);
        match (next_paragraph, next_table) {
            (Some(p), Some(t)) if t < p => pending.extend(tables.next()),
            (_, Some(_)) if next_paragraph.is_none() => pending.extend(tables.next()),
            (Some(_), _) => {
                flush_tables(out, &mut pending);
                if let Some(paragraph) = paragraphs.next() {
                    push_paragraph(out, paragraph);
                }
            }
            _ => break,
        }
    }
    flush_tables(out, &mut pending);
}

fn push_paragraph(out: &mut String, paragraph: &Paragraph) {
    out.push_str(&paragraph.text.display);
    out.push_str("\n\n");
}

/// Writes consecutive tables, merging those of one category and one column layout.
fn flush_tables(out: &mut String, pending: &mut Vec<&CookieTable>) {
    let mut groups: Vec<Vec<&CookieTable>> = Vec::new();
    for table in pending.drain(..) {
        match groups.last_mut() {
            Some(group) if group.first().is_some_and(|first| same_shape(first, table)) => {
                group.push(table)
            }
            _ => groups.push(vec![table]),
        }
    }
    for group in groups {
        push_table(out, &group);
    }
}

fn same_shape(a: &CookieTable, b: &CookieTable) -> bool {
    a.category == b.category
        && a.columns.len() == b.columns.len()
        && a.columns
            .iter()
            .zip(&b.columns)
            .all(|(x, y)| x.role == y.role && x.header.key == y.header.key)
}

fn push_table(out: &mut String, group: &[&CookieTable]) {
    let Some(first) = group.first() else {
        return;
    };
    let width = group
        .iter()
        .flat_map(|t| t.rows.iter().map(|r| r.cells.len()))
        .chain(std::iter::once(first.columns.len()))
        .max()
        .unwrap_or(0);
    if width == 0 {
        return;
    }
    let header: Vec<&str> = (0..width)
        .map(|i| {
            first
                .columns
                .get(i)
                .map_or("", |c| c.header.display.as_str())
        })
        .collect();
    push_row(out, &header);
    out.push('|');
    for _ in 0..width {
        out.push_str(" --- |");
    }
    out.push('\n');
    for table in group {
        for row in &table.rows {
            let cells: Vec<&str> = (0..width)
                .map(|i| row.cells.get(i).map_or("", |c| c.display.as_str()))
                .collect();
            push_row(out, &cells);
        }
    }
    out.push('\n');
}

fn push_row(out: &mut String, cells: &[&str]) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(&cell.replace('|', "\\|"));
        out.push_str(" |");
    }
    out.push('\n');
}
