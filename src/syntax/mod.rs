//! Front ends: turn a [`SourceFile`]'s text into a flat list of [`Block`]s.
//!
//! Two front ends exist, plain text ([`text`]) and Markdown ([`markdown`], through
//! pulldown-cmark's offset iterator). Each reduces its input to the same [`Item`] stream
//! (content lines, blank lines, explicit headings, comments, hard breaks); the shared
//! assembler ([`blocks`]) then classifies every line with the nom grammar in [`line`] and
//! builds paragraphs, inferred headings and tables. So both formats share one table grammar,
//! and nothing after this module knows which format a document was written in.
//!
//! Invariants: parsing never fails and never panics; every span in the output lies inside
//! the source text, on `char` boundaries; blocks are in source order.

mod blocks;
pub(crate) mod html;
pub mod line;
mod markdown;
pub mod recover;
mod tables;
mod text;

pub(crate) use markdown::without_quote_markers;
use serde::Serialize;

use crate::source::{SourceFile, Span};

/// The markup a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: headings are bare lines, tables are tab- or pipe-separated lines.
    Text,
    /// Markdown (CommonMark); tables may still be tab-separated lines in paragraphs.
    Markdown,
}

impl Format {
    /// The name used in JSON output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }
}

/// How a heading was marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingMarkup {
    /// `## Heading`.
    Atx,
    /// `Heading` underlined with `===` or `---`.
    Setext,
    /// A bare line recognised as a heading by its shape (plain text).
    Plain,
}

/// A heading line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingBlock {
    /// The whole heading, markup included.
    pub span: Span,
    /// The heading text, markup excluded (numbering included).
    pub text: Span,
    /// The markup level (1 to 6), or `None` for a plain-text heading.
    pub level: Option<u8>,
    /// How it was marked up.
    pub markup: HeadingMarkup,
    /// A leading section number such as `2.1.`: its depth and its span.
    pub numbering: Option<(usize, Span)>,
}

/// A paragraph: consecutive prose lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParagraphBlock {
    /// From the first character of the first line to the last of the last line.
    pub span: Span,
    /// Each line's text.
    pub lines: Vec<Span>,
}

/// How a table was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableLayout {
    /// Cells separated by tabs.
    Tab,
    /// Cells separated by pipes.
    Pipe,
    /// Separators lost: columns recovered from header words and cookie-name shapes.
    Inferred,
    /// One cell per line.
    CellPerLine,
    /// `Key: value` entries.
    KeyValue,
    /// An HTML `<table>` in a Markdown document.
    Html,
}

/// One table row: its cells in column order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowBlock {
    /// The whole row (may cover several lines).
    pub span: Span,
    /// The cells, trimmed; a missing cell of a key-value entry is an empty span.
    pub cells: Vec<Span>,
}

/// A table as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableBlock {
    /// The whole table, from the header to the last row.
    pub span: Span,
    /// How it was written.
    pub layout: TableLayout,
    /// The header row, when the table has one.
    pub header: Option<RowBlock>,
    /// A dashed separator row under the header.
    pub separator: Option<Span>,
    /// The data rows.
    pub rows: Vec<RowBlock>,
    /// Runs of blank lines inside the table.
    pub gaps: Vec<Span>,
}

/// A block of the document, in source order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A heading (explicit or inferred).
    Heading(HeadingBlock),
    /// A paragraph.
    Paragraph(ParagraphBlock),
    /// A table.
    Table(TableBlock),
    /// An HTML comment (Markdown), kept for suppression comments.
    Comment(Span),
}

/// Something the front end could not fully understand; the document is still produced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Where.
    pub span: Span,
    /// What, in a sentence.
    pub message: String,
}

/// What a reader sees in place of a piece of inline Markdown markup that changes the text
/// (a backslash escape, a code span, a link, an entity, a `<br>`): the source at `span` is
/// shown as `shown`. Emphasis delimiters, autolinks (`<https://...>`, kept in angle brackets
/// as in plain text) and other inline HTML (the placeholder in `SSESS<ID>`) are not listed:
/// they are shown as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inline {
    /// The source replaced.
    pub span: Span,
    /// The whole construct it belongs to (a link from `[` to `)`): a part counts in a table
    /// cell only when its construct lies inside the cell, as if the cell had been parsed on
    /// its own.
    pub construct: Span,
    /// What is shown instead.
    pub shown: Shown,
}

/// What an [`Inline`] shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Nothing; the source is written with the character after it (an escape's backslash,
    /// the opening delimiter of a code span or link).
    Opening,
    /// Nothing; the source is written with the character before it (a closing delimiter, a
    /// link's destination).
    Closing,
    /// A line break (`<br>`), as between the lines of a cell broken over two lines.
    LineBreak,
    /// Other text: a decoded entity, or the content of a code span that differs from its
    /// source.
    Text(Box<str>),
}

/// The result of a front end: blocks and problems.
#[derive(Clone, Debug)]
pub struct SyntaxTree {
    /// The format that was parsed.
    pub format: Format,
    /// The blocks in source order.
    pub blocks: Vec<Block>,
    /// What could not be understood.
    pub problems: Vec<Problem>,
    /// The inline markup that changes what paragraph lines show, ordered by `span.start`
    /// (Markdown; empty for plain text).
    pub inlines: Vec<Inline>,
}

/// A unit of input shared by both front ends, before line classification.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    /// A content line (Markdown: one line of a paragraph, container markers excluded).
    Line(Span),
    /// A blank line.
    Blank(Span),
    /// An explicit heading (Markdown).
    Heading(HeadingBlock),
    /// An HTML comment (Markdown).
    Comment(Span),
    /// A construct tables and paragraphs cannot continue across (code block, raw HTML).
    Break,
    /// A line of an HTML block (Markdown), container markers excluded; `opens` when it is
    /// the block's first line. The Markdown front end turns these into tables (see
    /// [`html`]), comments and breaks before assembly.
    Html { line: Span, opens: bool },
    /// A table read by the front end itself (an HTML table).
    Table(Box<TableBlock>),
}

/// Detects the format from content; `hint` (the file name) decides only when the content
/// shows no sign either way.
pub fn detect_format(text: &str, hint: Option<&str>) -> Format {
    // A Markdown extension gives Markdown either way: the content need not be looked at.
    let markdown_extension = hint
        .and_then(|h| h.rsplit_once('.'))
        .is_some_and(|(_, ext)| {
            ["md", "markdown", "mdown", "mkd"]
                .iter()
                .any(|md| ext.eq_ignore_ascii_case(md))
        });
    if markdown_extension || markdown::has_markdown_signals(text) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Parses `source` as `format`; `vocabulary` adds configured column-header wording to the
/// built-in one when recognising tables.
pub fn parse(
    source: &SourceFile,
    format: Format,
    vocabulary: Option<&crate::vocab::Extra>,
) -> SyntaxTree {
    let text = source.text.as_str();
    // Markdown marks its headings; only plain text has them inferred from line shapes.
    let (items, inlines, markdown_problems, infer_headings) = match format {
        Format::Text => (text::items(source), Vec::new(), Vec::new(), true),
        Format::Markdown => {
            let (items, inlines, problems) = markdown::items(source, vocabulary);
            (items, inlines, problems, false)
        }
    };
    let (blocks, mut problems) = blocks::assemble(text, items, infer_headings, vocabulary);
    if !markdown_problems.is_empty() {
        problems.extend(markdown_problems);
        problems.sort_by_key(|p| p.span.start);
    }
    SyntaxTree {
        format,
        blocks,
        problems,
        inlines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_signals_or_a_markdown_extension_give_markdown() {
        let plain = "Cookies policy\n\nplain\ttable\nrow\n";
        let marked = "# Cookies policy\n\nplain\n";
        for (text, hint, format) in [
            (plain, Some("a.md"), Format::Markdown),
            (plain, Some("dir/a.MarkDown"), Format::Markdown),
            (plain, Some("a.mkd"), Format::Markdown),
            (plain, Some("a.mdown"), Format::Markdown),
            (plain, Some("a.txt"), Format::Text),
            (plain, Some("a.md.txt"), Format::Text),
            (plain, Some("md"), Format::Text),
            (plain, None, Format::Text),
            (marked, Some("a.txt"), Format::Markdown),
            (marked, None, Format::Markdown),
            (marked, Some("a.md"), Format::Markdown),
            // Strong emphasis is a sign; a lone `**` (a footnote's mark) is not.
            (
                "Cookies\n\nsee **this** page\n",
                Some("a.txt"),
                Format::Markdown,
            ),
            ("Cookies\n\n**Note**: x\n", None, Format::Markdown),
            ("Cookies\n\nx***y**\n", None, Format::Markdown),
            (
                "Cookies policy**\n\nsessionid\n\n** see below\n",
                Some("a.txt"),
                Format::Text,
            ),
            ("a ** b **\nc**\n**\n** d\n", None, Format::Text),
            ("a**\nb**\n", None, Format::Text),
            ("a **b\r**c\n", None, Format::Text),
        ] {
            assert_eq!(detect_format(text, hint), format, "{text:?} {hint:?}");
        }
    }
}
