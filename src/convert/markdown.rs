//! Canonical Markdown: ATX headings at the normalised depth, prose paragraphs, and GFM pipe
//! tables, one per cookie category within a section (consecutive tables of one category and
//! one column layout are merged).
//!
//! Invariant: converting the output again yields the same headings and cookies (tested).
//! Preamble noise is dropped; a platform URL written on its own line stays on its own line.

use std::borrow::Cow;

use crate::cookie_name::split_names;
use crate::model::{CookieTable, Document, Paragraph, Row, Section, UrlPlacement};
use crate::syntax::recover;
use crate::vocab::ColumnRole;

/// The names of the cookies read from each row, by table and row index, in the order of
/// the document's cookies: built once, so a document of many rows costs no search of all
/// its cookies per row.
type RowNames<'d> = rustc_hash::FxHashMap<(usize, usize), Vec<&'d str>>;

/// Renders `doc` as canonical Markdown.
pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    let mut names = RowNames::default();
    for cookie in &doc.cookies {
        names
            .entry((cookie.table, cookie.row))
            .or_default()
            .push(cookie.name.display.as_ref());
    }
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
    push_blocks(&mut out, doc, &names, &doc.introduction, &loose);
    for (index, section) in doc.sections.iter().enumerate() {
        push_section(&mut out, doc, &names, index, section);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn push_section(
    out: &mut String,
    doc: &Document,
    names: &RowNames<'_>,
    index: usize,
    section: &Section,
) {
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
    push_blocks(out, doc, names, &section.paragraphs, &section.tables);
}

/// Paragraphs and tables in source order, so an inline label stays before its table.
fn push_blocks(
    out: &mut String,
    doc: &Document,
    names: &RowNames<'_>,
    paragraphs: &[Paragraph],
    tables: &[usize],
) {
    let mut paragraphs = paragraphs.iter().peekable();
    let mut tables = tables
        .iter()
        .filter_map(|&t| doc.tables.get(t).map(|table| (t, table)))
        .peekable();
    let mut pending: Vec<(usize, &CookieTable)> = Vec::new();
    // Whether the last block written is a paragraph that reads as a table header.
    let mut header_like = false;
    loop {
        let next_paragraph = paragraphs.peek().map(|p| p.text.span.start);
        let next_table = tables.peek().map(|(_, t)| t.span.start);
        match (next_paragraph, next_table) {
            (Some(p), Some(t)) if t < p => pending.extend(tables.next()),
            (None, Some(_)) => pending.extend(tables.next()),
            (Some(_), _) => {
                if !pending.is_empty() {
                    flush_tables(out, names, &mut pending);
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
    flush_tables(out, names, &mut pending);
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
fn flush_tables(out: &mut String, names: &RowNames<'_>, pending: &mut Vec<(usize, &CookieTable)>) {
    let mut groups: Vec<Vec<(usize, &CookieTable)>> = Vec::new();
    for (index, table) in pending.drain(..) {
        match groups.last_mut() {
            Some(group)
                if group
                    .first()
                    .is_some_and(|(_, first)| same_shape(first, table)) =>
            {
                group.push((index, table))
            }
            _ => groups.push(vec![(index, table)]),
        }
    }
    for group in groups {
        push_table(out, names, &group);
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

fn push_table(out: &mut String, names: &RowNames<'_>, group: &[(usize, &CookieTable)]) {
    let Some((_, first)) = group.first() else {
        return;
    };
    // The header keeps the table's own width and each row its own cells: padding or widening
    // would change the model when the output is read back (a ragged row stays ragged).
    let width = match first.columns.len() {
        0 => group
            .iter()
            .flat_map(|(_, t)| t.rows.iter().map(|r| r.cells.len()))
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
    let mut rows: Vec<Vec<Cow<'_, str>>> = Vec::new();
    for &(index, table) in group {
        let name_column = table.column(ColumnRole::Name);
        for (r, row) in table.rows.iter().enumerate() {
            if row.cells.is_empty() {
                continue;
            }
            let mut names = row_names(names, index, r, name_column, row);
            let cells = row
                .cells
                .iter()
                .enumerate()
                .map(
                    |(c, cell)| match names.take_if(|_| Some(c) == name_column) {
                        Some(joined) => Cow::Owned(joined),
                        None => Cow::Borrowed(cell.display.as_ref()),
                    },
                )
                .collect();
            rows.push(cells);
        }
    }
    let all = header
        .iter()
        .copied()
        .chain(rows.iter().flatten().map(|c| c.as_ref()));
    let escapes = Escapes::of(all);
    push_row(out, &header, escapes);
    out.push('|');
    for _ in 0..width {
        out.push_str(" --- |");
    }
    out.push('\n');
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(|c| c.as_ref()).collect();
        push_row(out, &cells, escapes);
    }
    out.push('\n');
}

/// What the cells of one table escape beyond `\` and `|`, so that they read back as
/// themselves: a Markdown table cell is read as a reader sees it (escapes resolved, code
/// spans, links, entities and `<br>` shown as what they show), while emphasis and other
/// inline HTML (the placeholder in `SSESS<ID>`) and autolinks are read as written.
///
/// A table is one paragraph, whose code spans, links and inline HTML may run across cells
/// and rows; inside a code span, a link destination or inline HTML, an escape is read as
/// written. So the choice is the table's: every backtick when it holds two or more, every
/// `[` when `](` occurs in it, and, when an escape of those or of a `&` or `<` is written
/// (`&` opening something shaped like an entity, `<` opening a `<br>` or an inline tag a
/// reader does not see, such as `<code>`), every `<` that could open inline HTML. (`\\`
/// and `\|` are read back inside code spans and inline HTML too, as in any pipe table.)
#[derive(Clone, Copy, Default)]
struct Escapes {
    backticks: bool,
    brackets: bool,
    html: bool,
}

impl Escapes {
    fn of<'c>(cells: impl Iterator<Item = &'c str> + Clone) -> Self {
        let backticks = cells
            .clone()
            .map(|c| c.bytes().filter(|&b| b == b'`').count())
            .sum::<usize>()
            >= 2;
        let brackets = cells.clone().any(|c| c.contains("]("));
        let mut escapes = Escapes {
            backticks,
            brackets,
            html: false,
        };
        escapes.html = cells.into_iter().any(|cell| {
            cell.char_indices().any(|(at, c)| {
                let rest = cell.get(at + c.len_utf8()..).unwrap_or("");
                matches!(c, '`' | '[' | '&' | '<') && escapes.needed(c, rest)
            })
        });
        escapes
    }

    /// Whether `c`, followed by `rest`, is written escaped.
    fn needed(self, c: char, rest: &str) -> bool {
        match c {
            '\\' | '|' => true,
            '`' => self.backticks,
            '[' => self.brackets,
            '&' => opens_entity(rest),
            '<' => {
                opens_line_break(rest)
                    || crate::syntax::html::inline_tag_after_lt(rest).is_some()
                    || self.html && opens_html(rest)
            }
            _ => false,
        }
    }
}

/// The name cell of row `r` rewritten as its cookie names joined by `; `, when its display
/// text (line breaks collapsed to spaces) would not split into the same names: names written
/// on separate lines of one cell stay separate when read back, and a separator alone on its
/// line (`/` then a name given as prose on the next) does not join the name.
fn row_names(
    names: &RowNames<'_>,
    table: usize,
    r: usize,
    name_column: Option<usize>,
    row: &Row,
) -> Option<String> {
    let cell = row.cells.get(name_column?)?;
    let names: &[&str] = names.get(&(table, r)).map_or(&[], Vec::as_slice);
    let read_back: Vec<&str> = split_names(&cell.display)
        .into_iter()
        .filter_map(|range| cell.display.get(range))
        .collect();
    (read_back != names).then(|| names.join("; "))
}

fn push_row(out: &mut String, cells: &[&str], escapes: Escapes) {
    // A row of dashes only ("| --- | --- |") would read back as a separator row: its first
    // dash is escaped (`\-` reads back as `-`).
    let dashes_only = !cells.is_empty() && cells.iter().all(|c| is_separator_cell(c));
    out.push('|');
    for (i, cell) in cells.iter().enumerate() {
        out.push(' ');
        let escaped = escape_cell(cell, escapes);
        if dashes_only && i == 0 {
            out.push_str(&escaped.replacen('-', "\\-", 1));
        } else {
            out.push_str(&escaped);
        }
        out.push_str(" |");
    }
    out.push('\n');
}

/// A cell's text written so that it reads back as itself (see [`Escapes`]).
fn escape_cell(cell: &str, escapes: Escapes) -> String {
    let mut out = String::with_capacity(cell.len() + 2);
    for (at, c) in cell.char_indices() {
        if escapes.needed(c, cell.get(at + c.len_utf8()..).unwrap_or("")) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after a `&` is shaped like the rest of an entity: `#`, letters and
/// digits, then `;`.
fn opens_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let name = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && body.as_bytes().get(name) == Some(&b';')
}

/// Whether the text after a `<` makes it a `<br>` tag (`br` in any case, then a blank, `/`
/// or `>`).
fn opens_line_break(rest: &str) -> bool {
    rest.get(..2)
        .is_some_and(|br| br.eq_ignore_ascii_case("br"))
        && rest
            .as_bytes()
            .get(2)
            .is_some_and(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
}

/// Whether the text after a `<` may make it open inline HTML: a tag name, a closing tag, a
/// comment, declaration or processing instruction.
fn opens_html(rest: &str) -> bool {
    rest.bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
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

    /// A Markdown cell is read as a reader sees it, so what would read as markup is escaped
    /// where it would: in a table with a code span's two backticks, a link's `](`, an
    /// entity or a `<br>`; and then every `<` that could open inline HTML, inside which an
    /// escape would be read as written. A table with none of these is written as it is.
    #[test]
    fn cells_are_escaped_where_they_would_read_as_markup() {
        use crate::model::{parse, ParseOptions};
        use crate::source::SourceFile;
        use crate::syntax::Format;
        let rows = |text: &str, format| -> Vec<Vec<String>> {
            let options = ParseOptions {
                format: Some(format),
                ..ParseOptions::default()
            };
            let doc = parse(&SourceFile::from_text("t", text), options).document;
            doc.tables
                .iter()
                .flat_map(|t| &t.rows)
                .map(|r| r.cells.iter().map(|c| c.display.to_string()).collect())
                .collect()
        };
        let head = "Cookie policy\n\nNecessary cookies\n\nSupplier name\tCookie name\tPurpose\n";
        for (cells, written) in [
            (
                "Example SA\tSSESS<ID>, _pk_id.*\tA `tick and <https://x.example>",
                "| Example SA | SSESS<ID>, _pk_id.* | A `tick and <https://x.example> |",
            ),
            (
                "Example SA\ta `b` c\t[d] e",
                "| Example SA | a \\`b\\` c | [d] e |",
            ),
            (
                "[Example](u)\tx<ID>\ta\\b|c",
                "| \\[Example](u) | x\\<ID> | a\\\\b\\|c |",
            ),
            (
                "Example SA\tsessionid<br>csrftoken\tAT&T &amp; co",
                "| Example SA | sessionid\\<br>csrftoken | AT&T \\&amp; co |",
            ),
            // An inline tag a reader does not see would read back as markup (found by
            // `roundtrip_markdown`): escaped, and with it every `<` that could open HTML.
            (
                "Example SA\t<code>_ga</code>\tstats</code></td>",
                "| Example SA | \\<code>_ga\\</code> | stats\\</code>\\</td> |",
            ),
            // Inline HTML running over two rows would keep the escape inside it as written.
            (
                "Example SA\tsessionid\t<span title=\"\nExample SA\tcsrftoken\t&amp;\">",
                "| Example SA | sessionid | \\<span title=\" |\n| Example SA | csrftoken | \\&amp;\"> |",
            ),
        ] {
            let text = format!("{head}{cells}\n");
            let options = ParseOptions {
                format: Some(Format::Text),
                ..ParseOptions::default()
            };
            let doc = parse(&SourceFile::from_text("t.txt", text.as_str()), options).document;
            let markdown = to_markdown(&doc);
            assert!(markdown.contains(&format!("{written}\n")), "{markdown}");
            assert_eq!(
                rows(&markdown, Format::Markdown),
                rows(&text, Format::Text),
                "{markdown}"
            );
        }
    }

    /// Found by `roundtrip_markdown`: a data row of dashes (a separator row with a form feed
    /// in it, read as a row) was written as `| --- | --- |` and read back as a separator.
    #[test]
    fn a_row_of_dashes_is_not_written_as_a_separator() {
        let mut out = String::new();
        push_row(&mut out, &["---", ":----:"], Escapes::default());
        assert_eq!(out, "| \\--- | :----: |\n");
        out.clear();
        push_row(&mut out, &["---", "--"], Escapes::default());
        assert_eq!(out, "| --- | -- |\n");
        out.clear();
        push_row(&mut out, &[":---"], Escapes::default());
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
