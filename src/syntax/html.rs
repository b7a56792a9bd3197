//! HTML tables in Markdown: a cookie table written as a `<table>` (on one line or many, with
//! or without `<thead>`/`<tbody>`, attributes on its tags, entities and `<br>` in its cells)
//! is read into a [`TableBlock`] of layout [`TableLayout::Html`], so that nothing after the
//! front end tells it from a pipe table.
//!
//! pulldown-cmark gives an HTML block as its raw lines ([`Item::Html`]); they are read here
//! with a small tokenizer ([`lex`]). The header is the first row when it is in `<thead>`,
//! made of `<th>` cells, or worded like a header; a cell's span is its content, trimmed,
//! between its tags. What a reader sees differently from the source (entities, `<br>`,
//! inline tags such as `<code>` or `<a>`) is listed as [`Inline`]s, as for Markdown markup.
//!
//! A blank line ends an HTML block, so a table spread over blank lines arrives as several
//! blocks, with Markdown paragraphs between them: while a table is open, the lines of the
//! next HTML blocks are read as its own, and so are paragraph lines inside one of its cells
//! (a browser shows them in that cell); other paragraphs stay paragraphs. A heading, a code
//! block, a thematic break or the end of the document ends a table left open, with a
//! [`Problem`]; so do nested tables, merged cells (`colspan`, `rowspan`: read as one cell
//! and empty ones in the places they cover) and text outside any cell. An HTML block that
//! holds no table is left as it was: a comment, or a break.

mod lex;
mod table;
#[cfg(test)]
mod tests;

use lex::{Lexer, Tag, Token};
use pulldown_cmark::{Event, Parser};
use table::{Building, OpenCell};

use super::{Inline, Item, Problem, Shown, TableBlock};
use crate::source::Span;
use crate::vocab::Extra;

/// Whether `html` (one tag, as Markdown's inline HTML gives it) is an inline tag a reader
/// does not see, only its content (`<code>`, `</b>`, `<span class=x>`...): `Some(true)` for
/// a closing tag, `Some(false)` for an opening one.
pub(crate) fn inline_tag(html: &str) -> Option<bool> {
    inline_tag_after_lt(html.strip_prefix('<')?)
}

/// [`inline_tag`] of the text after a `<`.
pub(crate) fn inline_tag_after_lt(rest: &str) -> Option<bool> {
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    let length = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let (name, after) = rest.split_at_checked(length)?;
    let ends = after.starts_with(['>', '/', ' ', '\t', '\n', '\r']);
    (ends && INLINE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))).then_some(closing)
}

/// Tags shown as nothing in a cell: only their content is seen.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var",
];

/// Tags shown as a line break in a cell.
const BREAK_TAGS: &[&str] = &[
    "br",
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "blockquote",
];

/// Reads the HTML tables among a Markdown document's `items`: each becomes an
/// [`Item::Table`] where it starts, the lines read into it are dropped, and the other HTML
/// lines become comments or breaks. Also gives the markup of the tables' cells that shows
/// other text than its source, and the problems met.
pub(crate) fn tables(
    text: &str,
    items: Vec<Item>,
    extra: Option<&Extra>,
) -> (Vec<Item>, Vec<Inline>, Vec<Problem>) {
    let mut reader = Reader {
        text,
        extra,
        lexer: Lexer::default(),
        tokens: Vec::new(),
        table: None,
        ended: Vec::new(),
        inlines: Vec::new(),
        problems: Vec::new(),
    };
    let mut out = Vec::with_capacity(items.len());
    // Where the table being read goes in `out`.
    let mut slot = None;
    for item in items {
        match item {
            Item::Html { line, opens } => {
                let reading = reader.table.is_some();
                if opens {
                    reader.lexer.reset();
                }
                let trimmed = line.trim(text);
                if trimmed.slice(text).starts_with("<!--") {
                    // Kept for suppression comments, inside a table too.
                    out.push(Item::Comment(trimmed));
                } else if !reading {
                    out.push(Item::Break);
                }
                reader.feed(line, true);
            }
            Item::Line(span) if reader.table.as_ref().is_some_and(|t| t.cell.is_some()) => {
                reader.feed(span, false);
            }
            Item::Heading(_) | Item::Break if reader.table.is_some() => {
                reader.end(false);
                place(&mut out, &mut slot, &mut reader);
                out.push(item);
                continue;
            }
            item => out.push(item),
        }
        place(&mut out, &mut slot, &mut reader);
    }
    reader.end(false);
    place(&mut out, &mut slot, &mut reader);
    (out, reader.inlines, reader.problems)
}

/// Puts the tables that ended in their places, and keeps one for the table left open.
fn place(out: &mut Vec<Item>, slot: &mut Option<usize>, reader: &mut Reader<'_>) {
    for table in reader.ended.drain(..) {
        let at = slot.take();
        if let Some(table) = table {
            match at.and_then(|at| out.get_mut(at)) {
                Some(placed) => *placed = Item::Table(Box::new(table)),
                None => out.push(Item::Table(Box::new(table))),
            }
        }
    }
    if reader.table.is_some() && slot.is_none() {
        *slot = Some(out.len());
        out.push(Item::Break);
    }
}

struct Reader<'t> {
    text: &'t str,
    extra: Option<&'t Extra>,
    lexer: Lexer,
    /// The tokens of the piece being read (kept for its capacity).
    tokens: Vec<Token>,
    /// The table being read.
    table: Option<Building>,
    /// The tables ended since last placed (`None`: one without rows).
    ended: Vec<Option<TableBlock>>,
    inlines: Vec<Inline>,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    /// Reads the source at `piece`: a line of an HTML block (`html`), or a Markdown line in
    /// a cell (whose markup the Markdown front end lists).
    fn feed(&mut self, piece: Span, html: bool) {
        let mut tokens = std::mem::take(&mut self.tokens);
        self.lexer.feed(self.text, piece, &mut tokens);
        for token in tokens.drain(..) {
            self.token(token, html);
        }
        self.tokens = tokens;
    }

    fn token(&mut self, token: Token, html: bool) {
        let Some(t) = self.table.as_mut() else {
            if let Token::Tag(tag) = token {
                if !tag.closing && tag.name.is("table") {
                    self.table = Some(Building {
                        tag: tag.span,
                        end: tag.span.end,
                        depth: 1,
                        ..Building::default()
                    });
                }
            }
            return;
        };
        let tag = match token {
            Token::Text(span) | Token::Entity(span) => {
                t.end = span.end;
                if t.depth > 1 || t.caption {
                    return;
                }
                match t.cell.as_mut() {
                    Some(cell) => {
                        cell.content = Some(cell.content.map_or(span, |c| c.cover(span)));
                        if html && matches!(token, Token::Entity(_)) {
                            self.inlines.extend(entity(self.text, span));
                        }
                    }
                    None if !t.stray => {
                        t.stray = true;
                        self.problems.push(Problem {
                            span,
                            message: "this text is inside an HTML table but in none of its cells, so it is not read as part of the table; put it in a <td> cell or outside the table".into(),
                        });
                    }
                    None => {}
                }
                return;
            }
            Token::Tag(tag) => tag,
        };
        t.end = tag.span.end;
        if tag.name.is("table") {
            if tag.closing {
                t.depth -= 1;
                if t.depth == 0 {
                    self.end(true);
                }
            } else {
                t.depth += 1;
                if !t.nested {
                    t.nested = true;
                    self.problems.push(Problem {
                        span: tag.span,
                        message: "a table nested in a cell of an HTML table is not read: its cells are lost; write it as a table of its own".into(),
                    });
                }
            }
            return;
        }
        if t.depth > 1 {
            return;
        }
        let name = tag.name;
        let text = self.text;
        if name.is("tr") {
            t.close_row(text, tag.closing.then_some(tag.span.end));
            if !tag.closing {
                t.open_row(tag.span.start);
            }
        } else if name.is_any(&["td", "th"]) {
            t.close_cell(text, tag.closing.then_some(tag.span.end));
            if !tag.closing {
                self.open_cell(tag);
            }
        } else if name.is_any(&["thead", "tbody", "tfoot", "caption"]) {
            t.close_row(text, None);
            t.head = !tag.closing && name.is("thead");
            t.caption = !tag.closing && name.is("caption");
        } else if let Some(cell) = t.cell.as_mut().filter(|_| !t.caption) {
            cell.content = Some(cell.content.map_or(tag.span, |c| c.cover(tag.span)));
            let shown = if name.is_any(BREAK_TAGS) {
                Some(Shown::LineBreak)
            } else if name.is_any(INLINE_TAGS) {
                Some(if tag.closing {
                    Shown::Closing
                } else {
                    Shown::Opening
                })
            } else {
                None
            };
            if let Some(shown) = shown.filter(|_| html) {
                self.inlines.push(Inline {
                    span: tag.span,
                    construct: tag.span,
                    shown,
                });
            }
        }
    }

    /// A `<td>` or `<th>` opens (a row with it when none is open).
    fn open_cell(&mut self, tag: Tag) {
        let Some(t) = self.table.as_mut() else {
            return;
        };
        if t.row.is_none() {
            t.open_row(tag.span.start);
        }
        let width = t.rows.first().map(|r| r.cells.len());
        let index = t.rows.len();
        let Some(row) = t.row.as_mut() else {
            return;
        };
        // Places a rowspan above covers: empty cells.
        while t
            .covered
            .get(row.cells.len())
            .is_some_and(|&until| until > index)
            && width.is_none_or(|w| row.cells.len() < w)
        {
            row.cells.push(Span::empty(tag.span.start));
        }
        row.all_th &= tag.name.is("th");
        if (tag.colspan > 1 || tag.rowspan > 1) && !t.merged {
            t.merged = true;
            self.problems.push(Problem {
                span: tag.span,
                message: "this HTML table merges cells (colspan or rowspan): each merged cell is read once, the places it covers as empty cells; write the value in every cell".into(),
            });
        }
        t.cell = Some(OpenCell {
            after: tag.span.end,
            content: None,
            tag,
        });
    }
}

impl Reader<'_> {
    /// Ends the table being read: at its `</table>` (`closed`), or else where its reading
    /// stopped.
    fn end(&mut self, closed: bool) {
        let Some(t) = self.table.take() else {
            return;
        };
        if !closed {
            self.problems.push(Problem {
                span: t.tag,
                message: "this HTML table is not closed by </table> before a heading, a code block or the end of the document: it was read up to there".into(),
            });
        }
        self.ended.push(t.finish(self.text, self.extra));
    }
}

/// A problem at the first line of the indented code block at `block` that holds HTML table
/// rows or cells: after a blank line, rows indented by four spaces are code in Markdown,
/// shown as written, and the table they belonged to goes without them.
pub(crate) fn indented_rows(text: &str, block: Span) -> Option<Problem> {
    let block_text = block.slice(text);
    let row = crate::source::lines(block_text).find_map(|line| {
        let raw = line.slice(block_text);
        let trimmed = raw.trim();
        let opens = ["<tr", "<td", "<th", "</t"].iter().any(|tag| {
            trimmed
                .get(..tag.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(tag))
        });
        let start = block.start + line.start + (raw.len() - raw.trim_start().len());
        opens.then(|| Span::new(start, start + trimmed.len()))
    })?;
    Some(Problem {
        span: row,
        message: "this part of an HTML table is indented by four spaces or more after a blank line, so Markdown shows it as a code block and its cookies are not read; remove the indentation or the blank line".into(),
    })
}

/// What a character reference in a cell shows, when it is one (decoded as CommonMark
/// decodes it in text).
fn entity(text: &str, span: Span) -> Option<Inline> {
    let source = span.slice(text);
    let mut shown = String::new();
    for event in Parser::new(source) {
        if let Event::Text(part) = event {
            shown.push_str(&part);
        }
    }
    // A numeric reference may stand for a line break, which a reader sees as a space.
    let shown = shown.replace(['\n', '\r'], " ");
    (!shown.is_empty() && shown != source).then(|| Inline {
        span,
        construct: span,
        shown: Shown::Text(shown.into()),
    })
}
