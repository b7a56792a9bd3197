//! Canonical Markdown: ATX headings at the normalised depth, prose paragraphs, and GFM pipe
//! tables, one per cookie category within a section (consecutive tables of one category and
//! one column layout are merged).
//!
//! Invariant: converting the output again yields the same headings and cookies (tested).
//! Preamble noise is dropped; a platform URL written on its own line stays on its own line.

use crate::cookie_name::split_names;
use crate::model::{CookieTable, Document, Paragraph, Row, Section, UrlPlacement};
use crate::syntax::recover;
use crate::vocab::ColumnRole;

/// Renders `doc` as canonical Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(title) = &doc.title {
        out.push_str("# ");
        out.push_str(&title.text.display);
        if title.text.display.ends_with('#') {
            out.push_str(" #");
        }
        out.push_str("\n\n");
    }
    // Tables outside any section sit among the introduction's paragraphs.
    let loose: Vec<usize> = doc
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| t.section.is_none())
        .map(|(i, _)| i)
        .collect();
    push_blocks(&mut out, doc, &doc.introduction, &loose);
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
    if section.heading.text.display.ends_with('#') {
        // Otherwise the final `#`s would read as the optional closing sequence.
        out.push_str(" #");
    }
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
    push_blocks(out, doc, &section.paragraphs, &section.tables);
}

/// Paragraphs and tables in source order, so an inline label stays before its table.
fn push_blocks(out: &mut String, doc: &Document, paragraphs: &[Paragraph], tables: &[usize]) {
    let mut paragraphs = paragraphs.iter().peekable();
    let mut tables = tables.iter().filter_map(|&t| doc.tables.get(t)).peekable();
    let mut pending: Vec<&CookieTable> = Vec::new();
    // Whether the last block written is a paragraph that reads as a table header.
    let mut header_like = false;
    loop {
        let next_paragraph = paragraphs.peek().map(|p| p.text.span.start);
        let next_table = tables.peek().map(|t| t.span.start);
        match (next_paragraph, next_table) {
            (Some(p), Some(t)) if t < p => pending.extend(tables.next()),
            (None, Some(_)) => pending.extend(tables.next()),
            (Some(_), _) => {
                if !pending.is_empty() {
                    flush_tables(out, doc, &mut pending);
                    header_like = false;
                }
                if let Some(paragraph) = paragraphs.next() {
                    if header_like {
                        out.push_str(NOT_A_TABLE);
                    }
                    header_like = push_paragraph(out, paragraph);
                }
            }
            (None, None) => break,
        }
    }
    flush_tables(out, doc, &mut pending);
}

/// Written between a paragraph made only of column-header phrases and the paragraph after
/// it. The source's line breaks kept them apart ("Service" and "Purpose" on lines of their
/// own are prose); on the one line canonical Markdown gives a paragraph, they would read
/// back as the header of a table whose separators were lost, and the next paragraph as its
/// row. A comment ends such a table and is invisible in rendered Markdown.
const NOT_A_TABLE: &str = "<!-- not a table: the paragraph above is prose -->\n\n";

/// A paragraph on one line; a leading character that Markdown would read as block markup
/// (heading, quote, list, fence, HTML, table row, link reference definition) is escaped so
/// the paragraph stays one.
/// Returns whether the line reads as a table header whose separators were lost.
fn push_paragraph(out: &mut String, paragraph: &Paragraph) -> bool {
    let start = out.len();
    // An unescaped pipe could make the paragraph read as a table row.
    let escaped = escape_pipes(&paragraph.text.display);
    let text = &escaped;
    let first = text.chars().next();
    let numbered = text.split_once(['.', ')']).is_some_and(|(n, _)| {
        !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())
    });
    if numbered {
        // "2024. text" would open an ordered list: escape the delimiter.
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(text.get(..digits).unwrap_or(""));
        out.push('\\');
        out.push_str(text.get(digits..).unwrap_or(""));
    } else {
        if matches!(
            first,
            Some('#' | '>' | '-' | '+' | '*' | '=' | '`' | '~' | '<' | '|' | '_' | '[')
        ) {
            out.push('\\');
        }
        out.push_str(text);
    }
    let header_like = out
        .get(start..)
        .and_then(recover::split_header)
        .is_some_and(|phrases| phrases.len() >= 2);
    out.push_str("\n\n");
    header_like
}

/// Escapes every `|` not already escaped: one after an even run of backslashes (`\\|` is
/// an escaped backslash and a bare pipe) gets one more.
fn escape_pipes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut backslashes = 0usize;
    for c in text.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        out.push(c);
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    out
}

/// Writes consecutive tables, merging those of one category and one column layout.
fn flush_tables(out: &mut String, doc: &Document, pending: &mut Vec<&CookieTable>) {
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
        push_table(out, doc, &group);
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

fn push_table(out: &mut String, doc: &Document, group: &[&CookieTable]) {
    let Some(first) = group.first() else {
        return;
    };
    // The header keeps the table's own width and each row its own cells: padding or widening
    // would change the model when the output is read back (a ragged row stays ragged).
    let width = match first.columns.len() {
        0 => group
            .iter()
            .flat_map(|t| t.rows.iter().map(|r| r.cells.len()))
            .max()
            .unwrap_or(0),
        n => n,
    };
    if width == 0 {
        return;
    }
    let header: Vec<&str> = (0..width)
        .map(|i| {
            first
                .columns
                .get(i)
                .map_or("", |c| c.header.display.as_ref())
        })
        .collect();
    push_row(out, &header);
    out.push('|');
    for _ in 0..width {
        out.push_str(" --- |");
    }
    out.push('\n');
    for table in group {
        let index = doc.tables.iter().position(|t| std::ptr::eq(t, *table));
        let name_column = table.column(ColumnRole::Name);
        for (r, row) in table.rows.iter().enumerate() {
            if row.cells.is_empty() {
                continue;
            }
            let names = row_names(doc, index, r, name_column, row);
            let cells: Vec<&str> = row
                .cells
                .iter()
                .enumerate()
                .map(|(c, cell)| match &names {
                    Some(joined) if Some(c) == name_column => joined.as_str(),
                    _ => cell.display.as_ref(),
                })
                .collect();
            push_row(out, &cells);
        }
    }
    out.push('\n');
}

/// The name cell of row `r` rewritten as its cookie names joined by `; `, when its display
/// text (line breaks collapsed to spaces) would not split into the same names: names written
/// on separate lines of one cell stay separate when read back, and a separator alone on its
/// line (`/` then a name given as prose on the next) does not join the name.
fn row_names(
    doc: &Document,
    table: Option<usize>,
    r: usize,
    name_column: Option<usize>,
    row: &Row,
) -> Option<String> {
    let cell = row.cells.get(name_column?)?;
    let names: Vec<&str> = doc
        .cookies
        .iter()
        .filter(|c| Some(c.table) == table && c.row == r)
        .map(|c| c.name.display.as_ref())
        .collect();
    let read_back: Vec<&str> = split_names(&cell.display)
        .into_iter()
        .filter_map(|range| cell.display.get(range))
        .collect();
    (read_back != names).then(|| names.join("; "))
}

fn push_row(out: &mut String, cells: &[&str]) {
    // A row of dashes only ("| --- | --- |") would read back as a separator row: its first
    // dash is escaped (`\-` reads back as `-`).
    let dashes_only = !cells.is_empty() && cells.iter().all(|c| is_separator_cell(c));
    out.push('|');
    for (i, cell) in cells.iter().enumerate() {
        out.push(' ');
        // Inside a pipe table, `\` and `|` are written escaped (read back as themselves).
        let escaped = cell.replace('\\', "\\\\").replace('|', "\\|");
        if dashes_only && i == 0 {
            out.push_str(&escaped.replacen('-', "\\-", 1));
        } else {
            out.push_str(&escaped);
        }
        out.push_str(" |");
    }
    out.push('\n');
}

/// Whether a cell's text has the shape of a separator cell: `[:]---[:]`.
fn is_separator_cell(cell: &str) -> bool {
    let dashes = cell.strip_prefix(':').unwrap_or(cell);
    let dashes = dashes.strip_suffix(':').unwrap_or(dashes);
    dashes.len() >= 3 && dashes.bytes().all(|b| b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by `roundtrip_markdown`: a pipe after an escaped backslash was taken as escaped,
    /// and the paragraph read back as a table row.
    #[test]
    fn a_pipe_is_escaped_unless_an_odd_run_of_backslashes_precedes_it() {
        assert_eq!(escape_pipes("a|b"), "a\\|b");
        assert_eq!(escape_pipes("a\\|b"), "a\\|b");
        assert_eq!(escape_pipes("a\\\\|b"), "a\\\\\\|b");
        assert_eq!(escape_pipes("a\\\\\\|b|"), "a\\\\\\|b\\|");
    }

    /// Found by `roundtrip_markdown`: a data row of dashes (a separator row with a form feed
    /// in it, read as a row) was written as `| --- | --- |` and read back as a separator.
    #[test]
    fn a_row_of_dashes_is_not_written_as_a_separator() {
        let mut out = String::new();
        push_row(&mut out, &["---", ":----:"]);
        assert_eq!(out, "| \\--- | :----: |\n");
        out.clear();
        push_row(&mut out, &["---", "--"]);
        assert_eq!(out, "| --- | -- |\n");
        out.clear();
        push_row(&mut out, &[":---"]);
        assert_eq!(out, "| :\\--- |\n");
    }

    /// Found by `roundtrip_markdown`: a `/` alone on the first line of a name cell and a
    /// name given as prose on the next are one name (`t a`); written on one line, the `/`
    /// joined the prose name (`/ t a`). The cell is written as the names it holds.
    #[test]
    fn a_name_cell_is_written_as_its_names_when_its_line_breaks_matter() {
        use crate::model::{parse, ParseOptions};
        use crate::source::SourceFile;
        let source = SourceFile::from_text("policy.txt", "o|nom\n||/\nt a");
        let doc = parse(&source, ParseOptions::default()).document;
        let names: Vec<&str> = doc
            .cookies
            .iter()
            .map(|c| c.name.display.as_ref())
            .collect();
        assert_eq!(names, ["t a"]);
        assert!(to_markdown(&doc).contains("|  | t a |\n"));
    }
}
