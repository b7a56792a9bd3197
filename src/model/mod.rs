//! The document model: what a cookie policy says, independent of how it was written.
//!
//! Built once per document by [`build`] from the front end's blocks. Every text value is a
//! [`Text`]: its span in the source, its display form and its comparison key, computed once
//! here so that rules compare keys and show display text without normalising again.
//!
//! Invariants: indexes (`Section::tables`, `CookieTable::section`, `Cookie::table`, ...)
//! always point inside their vectors; sections and tables are in source order; a cookie's
//! name span lies inside its row's name cell.

mod build;
pub mod invariants;
mod shown;

pub use build::build;

use std::sync::Arc;

use serde::Serialize;

use crate::lang::Language;
use crate::source::{Encoding, LineEndings, SourceFile, Span};
use crate::syntax::{Format, HeadingMarkup, Problem, TableLayout};
use crate::vocab::{Category, ColumnRole, SectionRole};
use crate::wording::{agreeing, counted};

/// A piece of document text in its three forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Where it is in the source.
    pub span: Span,
    /// NFC, trimmed, whitespace collapsed: what users are shown (shared by the texts that
    /// are written alike).
    pub display: Arc<str>,
    /// The comparison key (see [`crate::normalize::key`]).
    pub key: Arc<str>,
    /// The language of the text, when it carries enough evidence.
    pub language: Option<Language>,
}

impl Text {
    /// Builds the forms of the text at `span` (remembered per thread, see `crate::memo`).
    pub fn new(source: &str, span: Span) -> Self {
        let crate::memo::Forms {
            display,
            key,
            language,
        } = crate::memo::forms(span.slice(source));
        Text {
            span,
            display,
            key,
            language,
        }
    }

    /// The text at `span` shown as `shown` (inline markup resolved, see `shown`), with the
    /// forms of `shown`.
    pub(crate) fn shown(span: Span, shown: &str) -> Self {
        Text {
            span,
            ..Text::new(shown, Span::new(0, shown.len()))
        }
    }

    /// Whether the text is empty once trimmed.
    pub fn is_empty(&self) -> bool {
        self.display.is_empty()
    }
}

/// A heading (the title or a section heading).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The whole heading line(s), markup included.
    pub span: Span,
    /// The heading text, markup excluded.
    pub text: Text,
    /// Markup level (1-6) or `None` for plain text.
    pub level: Option<u8>,
    /// How it was marked up.
    pub markup: HeadingMarkup,
    /// A leading section number such as `2.1.`.
    pub numbering: Option<Span>,
}

/// A paragraph of prose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text (lines joined).
    pub text: Text,
    /// An inline category label opening the paragraph ("Strictly necessary cookies: ...").
    pub label: Option<Category>,
}

/// A section: a heading and what follows it up to the next heading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The heading.
    pub heading: Heading,
    /// Normalised depth: the title is 1, its sections 2, their subsections 3, ...
    pub depth: u8,
    /// What the section is about, when its wording is known.
    pub role: Option<SectionRole>,
    /// The enclosing section.
    pub parent: Option<usize>,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Indexes into [`Document::tables`].
    pub tables: Vec<usize>,
    /// Span from the heading to the end of the section's last block.
    pub span: Span,
}

/// Where the platform URL was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UrlPlacement {
    /// Inside the heading of the "cookies used" section.
    Heading,
    /// On its own line after that heading.
    OwnLine,
}

/// The platform the policy is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformUrl {
    /// The URL without angle brackets.
    pub url: String,
    /// Where the URL itself is (brackets excluded).
    pub span: Span,
    /// Where it was written.
    pub placement: UrlPlacement,
    /// The section it belongs to.
    pub section: Option<usize>,
}

/// A table column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header text (empty when the table has no header).
    pub header: Text,
    /// What the column holds, when the header wording is known.
    pub role: Option<ColumnRole>,
}

/// A table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The whole row.
    pub span: Span,
    /// The cells, in column order (there may be more or fewer than columns).
    pub cells: Vec<Text>,
}

/// A table of cookies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieTable {
    /// The whole table.
    pub span: Span,
    /// The section it is in.
    pub section: Option<usize>,
    /// How it was written.
    pub layout: TableLayout,
    /// Columns were recovered from lost separators.
    pub inferred: bool,
    /// The columns.
    pub columns: Vec<Column>,
    /// The header row, when there is one.
    pub header: Option<Span>,
    /// A legacy dashed separator row.
    pub separator: Option<Span>,
    /// The data rows.
    pub rows: Vec<Row>,
    /// Blank-line runs inside the table.
    pub gaps: Vec<Span>,
    /// The category its cookies are declared under.
    pub category: Option<Category>,
    /// The index of the first column of each role, in the order of [`ColumnRole::ALL`],
    /// worked out when the table is built: [`CookieTable::column`] is asked for each
    /// cookie and each field, and a header of thousands of columns (a hostile file) would
    /// make every answer a search of them all.
    first_of_role: [Option<usize>; ColumnRole::ALL.len()],
}

impl CookieTable {
    /// Index of the first column with `role` (as the table was built: `columns` changed
    /// afterwards is not looked at).
    pub fn column(&self, role: ColumnRole) -> Option<usize> {
        let slot = ColumnRole::ALL.iter().position(|r| *r == role)?;
        self.first_of_role.get(slot).copied().flatten()
    }

    /// [`CookieTable::first_of_role`] of `columns`.
    fn first_of_role(columns: &[Column]) -> [Option<usize>; ColumnRole::ALL.len()] {
        ColumnRole::ALL.map(|role| columns.iter().position(|c| c.role == Some(role)))
    }
}

/// One declared cookie (a cell naming several cookies gives several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cookie {
    /// The name, as written (placeholders and wildcards kept).
    pub name: Text,
    /// Index into [`Document::tables`].
    pub table: usize,
    /// Index into that table's rows.
    pub row: usize,
    /// The category it is declared under.
    pub category: Option<Category>,
    /// The section it is declared in.
    pub section: Option<usize>,
}

/// A parsed cookie policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The source path.
    pub source: String,
    /// The markup it was written in.
    pub format: Format,
    /// The encoding it was decoded from.
    pub encoding: Encoding,
    /// Its line-ending convention.
    pub line_endings: LineEndings,
    /// The language of its prose.
    pub language: Option<Language>,
    /// The title heading.
    pub title: Option<Heading>,
    /// The platform URL.
    pub platform_url: Option<PlatformUrl>,
    /// Noise before the title ("Download as PDF", banners).
    pub preamble: Vec<Text>,
    /// Paragraphs between the title and the first section.
    pub introduction: Vec<Paragraph>,
    /// Every heading after the title, in order.
    pub sections: Vec<Section>,
    /// Every table, in order.
    pub tables: Vec<CookieTable>,
    /// Every declared cookie, in order.
    pub cookies: Vec<Cookie>,
    /// HTML comments (Markdown), for suppression comments.
    pub comments: Vec<Span>,
}

impl Document {
    /// The cell of `cookie`'s row in the first column with `role`, if present and not empty.
    pub fn cookie_field(&self, cookie: &Cookie, role: ColumnRole) -> Option<&Text> {
        let table = self.tables.get(cookie.table)?;
        let column = table.column(role)?;
        let cell = table.rows.get(cookie.row)?.cells.get(column)?;
        (!cell.is_empty()).then_some(cell)
    }

    /// Every paragraph, introduction first, then section by section.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.introduction
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.paragraphs.iter()))
    }
}

/// A document and what the parser could not understand in it.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The document (always produced).
    pub document: Document,
    /// Problems met while parsing.
    pub problems: Vec<Problem>,
}

/// Options for [`parse`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions<'a> {
    /// Forces a format instead of detecting it.
    pub format: Option<Format>,
    /// Heading and header wording added by configuration.
    pub vocabulary: Option<&'a crate::vocab::Extra>,
}

/// Parses a source file: detects its format, runs the front end and builds the model.
pub fn parse(source: &SourceFile, options: ParseOptions<'_>) -> Parsed {
    let format = options
        .format
        .unwrap_or_else(|| crate::syntax::detect_format(&source.text, Some(&source.path)));
    let tree = crate::syntax::parse(source, format, options.vocabulary);
    let mut problems = tree.problems.clone();
    if source.replacements > 0 {
        let at = source.text.find('\u{FFFD}').unwrap_or(0);
        problems.push(Problem {
            span: Span::new(
                at,
                at + if at < source.text.len() {
                    '\u{FFFD}'.len_utf8()
                } else {
                    0
                },
            ),
            message: format!(
                "{} in the file {} replaced by U+FFFD",
                counted(
                    source.replacements,
                    "malformed sequence",
                    "malformed sequences"
                ),
                agreeing(source.replacements, "was", "were")
            ),
        });
    }
    let document = build(source, &tree, options.vocabulary);
    Parsed { document, problems }
}
