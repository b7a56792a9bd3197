//! Builds a [`Document`] from a front end's blocks.
//!
//! One pass over the blocks in order: find the title, put what precedes it in the preamble,
//! open a section at every later heading, attach paragraphs and tables to the open section,
//! then derive depths, parents, the platform URL, table categories and the cookie list.
//! Nothing here looks at markup: only at blocks, the inline markup the front end lists as
//! changing what a line shows (Markdown cells are shown as a reader sees them, see `shown`)
//! and the shared vocabulary.

use super::shown::{to_resolve, Seen};
use super::{
    Column, Cookie, CookieTable, Document, Heading, Paragraph, PlatformUrl, Row, Section, Text,
    UrlPlacement,
};
use crate::cookie_name::looks_like_cookie_name;
use crate::lang::Language;
use crate::memo::key;
use crate::source::{SourceFile, Span};
use crate::syntax::line::{find_url, url_only};
use crate::syntax::{Block, HeadingBlock, ParagraphBlock, SyntaxTree, TableBlock};
use crate::vocab::{self, Category, ColumnRole, SectionRole};

/// Builds the model of `source` from its syntax tree.
pub fn build(source: &SourceFile, tree: &SyntaxTree, extra: Option<&vocab::Extra>) -> Document {
    let text = source.text.as_str();
    let blocks = &tree.blocks;
    let title_index = find_title(text, blocks);
    let mut doc = Document {
        source: source.path.clone(),
        format: tree.format,
        encoding: source.encoding,
        line_endings: source.line_endings,
        language: None,
        title: None,
        platform_url: None,
        preamble: Vec::new(),
        introduction: Vec::new(),
        sections: Vec::new(),
        tables: Vec::new(),
        cookies: Vec::new(),
        comments: Vec::new(),
    };
    let mut label: Option<Category> = None;
    for (index, block) in blocks.iter().enumerate() {
        let before_title = title_index.is_some_and(|t| index < t);
        match block {
            Block::Comment(span) => doc.comments.push(*span),
            _ if before_title => doc.preamble.extend(preamble_texts(text, block)),
            Block::Heading(h) if Some(index) == title_index => doc.title = Some(heading(text, h)),
            Block::Heading(h) => {
                let heading = heading(text, h);
                let role = vocab::section_role_with(&heading.text.key, extra);
                label = None;
                doc.sections.push(Section {
                    span: heading.span,
                    heading,
                    depth: 2,
                    role,
                    parent: None,
                    paragraphs: Vec::new(),
                    tables: Vec::new(),
                });
            }
            Block::Paragraph(p) => {
                let paragraph = paragraph(text, p);
                if paragraph.label.is_some() {
                    label = paragraph.label;
                }
                match doc.sections.last_mut() {
                    Some(section) => {
                        section.span = section.span.cover(p.span);
                        section.paragraphs.push(paragraph);
                    }
                    None => doc.introduction.push(paragraph),
                }
            }
            Block::Table(t) => {
                let section = doc.sections.len().checked_sub(1);
                let index = doc.tables.len();
                let mut table = table(text, t, section, extra, tree);
                table.category = label;
                if let Some(s) = doc.sections.last_mut() {
                    s.span = s.span.cover(t.span);
                    s.tables.push(index);
                }
                doc.tables.push(table);
            }
        }
    }
    assign_depths(&mut doc.sections, doc.title.as_ref());
    assign_parents(&mut doc.sections);
    for table in &mut doc.tables {
        if table.category.is_none() {
            table.category = inherited_category(&doc.sections, table.section);
        }
    }
    doc.platform_url = platform_url(text, &mut doc.sections);
    doc.cookies = cookies(text, &doc.tables, tree);
    doc.language = document_language(&doc);
    doc
}

/// The block index of the title: the first heading worded like a title before any table,
/// or else the first heading, when it comes before any table and names no known section.
fn find_title(text: &str, blocks: &[Block]) -> Option<usize> {
    let first_table = blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
        .unwrap_or(blocks.len());
    let headings = || {
        blocks
            .iter()
            .enumerate()
            .take(first_table)
            .filter_map(|(i, b)| match b {
                Block::Heading(h) => Some((i, key(h.text.slice(text)))),
                _ => None,
            })
    };
    if let Some((i, _)) = headings().find(|(_, k)| vocab::is_title(k)) {
        return Some(i);
    }
    let (i, k) = headings().next()?;
    vocab::section_role(&k).is_none().then_some(i)
}

fn preamble_texts(text: &str, block: &Block) -> Vec<Text> {
    match block {
        Block::Heading(h) => vec![Text::new(text, h.text)],
        Block::Paragraph(p) => p.lines.iter().map(|l| Text::new(text, *l)).collect(),
        Block::Table(t) => vec![Text::new(text, t.span)],
        Block::Comment(_) => Vec::new(),
    }
}

fn heading(text: &str, h: &HeadingBlock) -> Heading {
    Heading {
        span: h.span,
        text: Text::new(text, h.text),
        level: h.level,
        markup: h.markup,
        numbering: h.numbering.map(|(_, span)| span),
    }
}

fn paragraph(text: &str, p: &ParagraphBlock) -> Paragraph {
    let mut text_value = Text::new(text, p.span);
    if p.lines.len() > 1 {
        // The text is the paragraph's own lines joined: between them the source may hold
        // container markers (`> ` of a quote) that are not part of the paragraph.
        let joined: Vec<&str> = p.lines.iter().map(|l| l.slice(text)).collect();
        let display = crate::normalize::display(&joined.join(" ")).into_owned();
        if *display != *text_value.display {
            text_value.key = crate::normalize::key(&display).into();
            text_value.language = crate::lang::detect(&text_value.key);
            text_value.display = display.into();
        }
    }
    let label = p
        .lines
        .first()
        .and_then(|first| inline_label(first.slice(text)));
    Paragraph {
        text: text_value,
        label,
    }
}

/// The category named by a label opening a line: "Strictly necessary cookies: These ...".
fn inline_label(line: &str) -> Option<Category> {
    // A label is short: its colon is among the first 81 bytes (a paragraph's first line
    // can be long, and most have no label).
    let head = line.as_bytes().get(..81).unwrap_or(line.as_bytes());
    let colon = memchr::memchr(b':', head)?;
    let label = line.get(..colon)?;
    vocab::category_label(&key(label))
}

fn table(
    text: &str,
    t: &TableBlock,
    section: Option<usize>,
    extra: Option<&vocab::Extra>,
    tree: &SyntaxTree,
) -> CookieTable {
    let pipes = t.layout == crate::syntax::TableLayout::Pipe;
    let cell = |span: Span| cell_text(text, span, pipes, tree);
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| Row {
            span: r.span,
            cells: r.cells.iter().map(|c| cell(*c)).collect(),
        })
        .collect();
    let mut columns: Vec<Column> = match &t.header {
        Some(header) => header
            .cells
            .iter()
            .map(|c| {
                let header = cell(*c);
                let role = vocab::column_role_with(&header.key, extra);
                Column { header, role }
            })
            .collect(),
        None => {
            let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            let start = t.span.start;
            (0..width)
                .map(|_| Column {
                    header: Text::new(text, Span::empty(start)),
                    role: None,
                })
                .collect()
        }
    };
    if !columns.iter().any(|c| c.role == Some(ColumnRole::Name)) {
        guess_name_column(&mut columns, &rows);
    }
    CookieTable {
        span: t.span,
        section,
        layout: t.layout,
        inferred: t.layout == crate::syntax::TableLayout::Inferred,
        first_of_role: CookieTable::first_of_role(&columns),
        columns,
        header: t.header.as_ref().map(|h| h.span),
        separator: t.separator,
        rows,
        gaps: t.gaps.clone(),
        category: None,
    }
}

/// `\\`, `\|` and `\-` in a pipe-table cell stand for a backslash, a pipe and a dash (the
/// escapes canonical Markdown writes; `\-` keeps a row of dashes from reading as a separator).
fn unescape_pipe_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(&next @ ('\\' | '|' | '-'))) => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A cell's text; in a pipe table, `\|` stands for a literal pipe and `\\` for a backslash.
/// Inline Markdown markup in the cell (`tree`'s inlines) is shown as a reader sees it, as
/// are the quote markers of a quoted row broken over lines (see `to_resolve`).
pub(crate) fn cell_text(text: &str, span: Span, pipe_table: bool, tree: &SyntaxTree) -> Text {
    let markdown = tree.format == crate::syntax::Format::Markdown;
    if let Some(markup) = to_resolve(text, &tree.inlines, span, markdown) {
        return Text::shown(span, Seen::new(text, span, markup, pipe_table).text());
    }
    as_written(text, span, pipe_table)
}

/// A cell's text as written (a cell, or a part of one, with nothing to resolve); in a pipe
/// table, `\|` stands for a literal pipe and `\\` for a backslash.
fn as_written(text: &str, span: Span, pipe_table: bool) -> Text {
    let mut cell = Text::new(text, span);
    if pipe_table && cell.display.contains('\\') {
        cell.display = unescape_pipe_cell(&cell.display).into();
        cell.key = crate::normalize::key(&cell.display).into();
    }
    cell
}

/// Without a recognised name header, the column whose cells mostly have the shape of cookie
/// names (and whose header, if any, is not otherwise recognised) holds the names.
fn guess_name_column(columns: &mut [Column], rows: &[Row]) {
    let best = (0..columns.len())
        .filter(|&c| columns.get(c).is_some_and(|col| col.role.is_none()))
        .map(|c| {
            let shaped = rows
                .iter()
                .filter(|r| {
                    r.cells
                        .get(c)
                        .is_some_and(|cell| looks_like_cookie_name(&cell.display))
                })
                .count();
            (shaped, c)
        })
        .max_by_key(|(shaped, c)| (*shaped, std::cmp::Reverse(*c)));
    if let Some((shaped, c)) = best {
        if shaped * 2 > rows.len() && shaped > 0 {
            if let Some(column) = columns.get_mut(c) {
                column.role = Some(ColumnRole::Name);
            }
        }
    }
}

/// Sets each section's normalised depth: Markdown levels ranked below the title's; numbered
/// headings by their number of levels; plain headings at 2, or 3 for a category section
/// that follows a "cookies used" section.
fn assign_depths(sections: &mut [Section], title: Option<&Heading>) {
    // Markup levels count from the title's level (a `##` title makes `###` depth 2), or,
    // without a marked-up title, from level 1 (where the template's title is), or from
    // level 0 when sections use level 1 themselves. Skipped levels stay skipped (the
    // heading-level rule reports them), so rendering at the normalised depth and reading
    // back gives the same depths, with or without a title.
    let base = title
        .and_then(|t| t.level)
        .or_else(|| {
            sections
                .iter()
                .filter_map(|s| s.heading.level)
                .min()
                .map(|l| (l - 1).min(1))
        })
        .unwrap_or(0);
    let mut seen_cookies_used = false;
    for section in sections.iter_mut() {
        let numbered = section.heading.numbering.is_some();
        section.depth = match section.heading.level {
            Some(level) => (level.saturating_sub(base) + 1).clamp(2, 6),
            None if numbered => numbering_depth(&section.heading.text.display),
            None => {
                let category = section.role.and_then(SectionRole::category).is_some();
                if category && seen_cookies_used {
                    3
                } else {
                    2
                }
            }
        };
        seen_cookies_used |= section.role == Some(SectionRole::CookiesUsed);
    }
}

fn numbering_depth(heading: &str) -> u8 {
    crate::syntax::line::numbering(heading).map_or(2, |(levels, _)| (levels.min(5) + 1) as u8)
}

fn assign_parents(sections: &mut [Section]) {
    let mut stack: Vec<(usize, u8)> = Vec::new();
    for (i, section) in sections.iter_mut().enumerate() {
        while stack.last().is_some_and(|&(_, d)| d >= section.depth) {
            stack.pop();
        }
        section.parent = stack.last().map(|&(p, _)| p);
        stack.push((i, section.depth));
    }
}

fn inherited_category(sections: &[Section], mut section: Option<usize>) -> Option<Category> {
    while let Some(s) = section.and_then(|i| sections.get(i)) {
        if let Some(category) = s.role.and_then(SectionRole::category) {
            // A heading naming several categories gives its tables none (a table under
            // "Analytics and advertising cookies" holds both kinds).
            return (!vocab::names_several_categories(&s.heading.text.key)).then_some(category);
        }
        section = s.parent;
    }
    None
}

/// The platform URL: in the heading of the "cookies used" section, or on its own line right
/// after it (that paragraph is then removed from the section), or in any heading.
fn platform_url(text: &str, sections: &mut [Section]) -> Option<PlatformUrl> {
    let in_heading = |s: &Section| {
        let span = s.heading.text.span;
        find_url(span.slice(text)).map(|r| Span::new(span.start + r.start, span.start + r.end))
    };
    let used = sections
        .iter()
        .position(|s| s.role == Some(SectionRole::CookiesUsed));
    if let Some(i) = used {
        let section = sections.get_mut(i)?;
        if let Some(span) = in_heading(section) {
            return Some(platform(text, span, UrlPlacement::Heading, Some(i)));
        }
        let own_line = section.paragraphs.first().and_then(|p| {
            // Trimmed of every kind of blank (a no-break space before the URL included).
            let span = p.text.span.trim(text);
            url_only(span.slice(text)).map(|r| Span::new(span.start + r.start, span.start + r.end))
        });
        if let Some(span) = own_line {
            section.paragraphs.remove(0);
            return Some(platform(text, span, UrlPlacement::OwnLine, Some(i)));
        }
    }
    sections.iter().enumerate().find_map(|(i, s)| {
        in_heading(s).map(|span| platform(text, span, UrlPlacement::Heading, Some(i)))
    })
}

fn platform(
    text: &str,
    span: Span,
    placement: UrlPlacement,
    section: Option<usize>,
) -> PlatformUrl {
    PlatformUrl {
        url: span.slice(text).to_owned(),
        span,
        placement,
        section,
    }
}

/// The cookies the name cells declare. Names are split in the text a reader sees: the
/// markup in a Markdown cell (`inlines`) is resolved first, so that `<br>` separates two
/// names and an entity's `;` does not.
fn cookies(text: &str, tables: &[CookieTable], tree: &SyntaxTree) -> Vec<Cookie> {
    let markdown = tree.format == crate::syntax::Format::Markdown;
    let mut out = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        let Some(column) = table.column(ColumnRole::Name) else {
            continue;
        };
        let pipes = table.layout == crate::syntax::TableLayout::Pipe;
        for (r, row) in table.rows.iter().enumerate() {
            let Some(cell) = row.cells.get(column) else {
                continue;
            };
            let cookie = |name: Text| Cookie {
                name,
                table: t,
                row: r,
                category: table.category,
                section: table.section,
            };
            if let Some(markup) = to_resolve(text, &tree.inlines, cell.span, markdown) {
                let seen = Seen::new(text, cell.span, markup, pipes);
                let shown = seen.text();
                // (Not remembered: such cells are rare.)
                for range in crate::cookie_name::split_names(shown) {
                    let name = shown.get(range.clone()).unwrap_or("");
                    out.push(cookie(Text::shown(seen.span(range), name)));
                }
                continue;
            }
            let raw = cell.span.slice(text);
            for range in crate::memo::name_ranges(raw).iter().cloned() {
                let span = Span::new(cell.span.start + range.start, cell.span.start + range.end);
                // The cell has nothing to resolve (above): neither has a part of it.
                out.push(cookie(as_written(text, span, pipes)));
            }
        }
    }
    out
}

/// The language most paragraphs and headings are written in.
fn document_language(doc: &Document) -> Option<Language> {
    let mut votes = [0usize; Language::ALL.len()];
    let texts = doc
        .paragraphs()
        .map(|p| &p.text)
        .chain(doc.title.iter().map(|t| &t.text))
        .chain(doc.sections.iter().map(|s| &s.heading.text));
    for text in texts {
        if let Some(language) = text.language {
            if let Some(slot) = Language::ALL
                .iter()
                .position(|l| *l == language)
                .and_then(|i| votes.get_mut(i))
            {
                *slot += 1;
            }
        }
    }
    let (best, count) = votes
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (*count > 0)
        .then(|| Language::ALL.get(best).copied())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_label_ends_with_a_colon_within_the_first_81_bytes() {
        let label = "Analytics cookies";
        assert!(inline_label(&format!("{label}: they count visits")).is_some());
        for pad in 0..80 {
            let line = format!("{label}{}: they count visits", " ".repeat(pad));
            let colon = label.len() + pad;
            assert_eq!(inline_label(&line).is_some(), colon <= 80, "{colon}");
        }
        assert_eq!(inline_label("no label here"), None);
        assert_eq!(inline_label("Analytics cookies"), None);
    }

    /// The roles' column indexes, worked out when a table is built, are the first column of
    /// each role: with a role repeated, a role missing, an unknown header, and a table
    /// without a header whose name column is guessed.
    #[test]
    fn each_role_is_found_at_its_first_column() {
        let text = "Charte cookies\n\nCookies de mesure d'audience\n\n\
                    Inconnu\tNom du cookie\tFinalité\tNom du cookie\tDurée\n\
                    x\t_ga\tMesure\t_gid\t13 mois\n\n\
                    | a | b |\n|---|---|\n| sessionid | 1 jour |\n";
        let doc = crate::model::parse(
            &crate::source::SourceFile::from_text("roles.md", text),
            crate::model::ParseOptions::default(),
        )
        .document;
        assert!(doc.tables.len() >= 2, "{:?}", doc.tables.len());
        for table in &doc.tables {
            for role in ColumnRole::ALL {
                let first = table.columns.iter().position(|c| c.role == Some(role));
                assert_eq!(table.column(role), first, "{role:?}");
            }
        }
        let first = doc.tables.first().map(|t| t.column(ColumnRole::Name));
        assert_eq!(first, Some(Some(1)));
    }
}
