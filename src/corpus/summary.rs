//! [`DocumentSummary`]: what the corpus phase keeps of one document, built in the parallel
//! phase by [`summarize`] while the document is at hand.
//!
//! A summary holds, for every text the corpus rules compare (the title, headings,
//! paragraphs, header cells and cookie cells), its masked display form (see [`super::mask`]),
//! a 64-bit hash of its comparison key, and its position (byte span plus resolved line and
//! column, so that diagnostics can be located without the source). It never holds the
//! document itself: raw text, rows' other cells and parse details are dropped.
//!
//! Invariants: sections are in source order and the first one is always the opening
//! pseudo-section (title and introduction); passages of a section are in source order; a
//! cookie's `table` indexes `tables`; a table's `section` indexes `sections`.

use std::sync::Arc;

use serde::Serialize;

use super::mask::{self, Mask};
use crate::lang::Language;
use crate::model::{Document, Parsed, Text};
use crate::normalize;
use crate::source::{LineCol, SourceFile, Span};
use crate::vocab::{Category, ColumnRole, SectionRole};

/// A position in a document, resolved while its line index was at hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The byte range.
    pub span: Span,
    /// 1-based line and column of its start.
    pub start: LineCol,
    /// 1-based line and column of its end.
    pub end: LineCol,
}

impl Place {
    /// Resolves `span` in `source`.
    pub fn new(source: &SourceFile, span: Span) -> Self {
        Place {
            span,
            start: source.line_col(span.start),
            end: source.line_col(span.end),
        }
    }
}

/// What identifies a section across the documents of a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlotId {
    /// The title and the introduction before the first section.
    Opening,
    /// A section whose heading wording is known.
    Role(SectionRole),
    /// A section of unknown role, identified by its masked heading key's hash.
    Heading(u64),
}

/// A section's identity: its role (or heading) and which occurrence of it this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SectionSlot {
    /// The role or heading.
    pub id: SlotId,
    /// 0 for the first section with this id in the document, 1 for the second, ...
    pub occurrence: u32,
}

/// What kind of text a passage is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassageKind {
    /// The document's title.
    Title,
    /// A section heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A table's header cell.
    HeaderCell,
}

impl PassageKind {
    /// "this paragraph", "this heading", ... for messages.
    pub fn noun(self) -> &'static str {
        match self {
            PassageKind::Title => "title",
            PassageKind::Heading => "heading",
            PassageKind::Paragraph => "paragraph",
            PassageKind::HeaderCell => "header cell",
        }
    }
}

/// A text the family compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// What it is.
    pub kind: PassageKind,
    /// Hash of the comparison key of the masked text.
    pub key: u64,
    /// The masked display text (shared by every equal text).
    pub text: Arc<str>,
    /// Where it is.
    pub place: Place,
}

/// A section: its identity, its heading's position and its texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    /// Its identity across documents.
    pub slot: SectionSlot,
    /// The heading (or, for the opening, the title or the document's first line).
    pub place: Place,
    /// The heading first (when there is one), then paragraphs and header cells.
    pub passages: Vec<Passage>,
}

impl SectionSummary {
    /// The heading's masked text (empty for an opening without title).
    pub fn heading(&self) -> &str {
        self.passages
            .first()
            .filter(|p| matches!(p.kind, PassageKind::Heading | PassageKind::Title))
            .map_or("", |p| &*p.text)
    }
}

/// A cookie table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSummary {
    /// Its first line (the header row, or the first row).
    pub place: Place,
    /// The category its cookies are declared under.
    pub category: Option<Category>,
    /// The section it is in (index into [`DocumentSummary::sections`]).
    pub section: usize,
    /// The columns' roles, in order.
    pub columns: Vec<Option<ColumnRole>>,
}

/// A declared fact about a cookie that documents can disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Field {
    /// Who sets it.
    Provider,
    /// Which service and where.
    Service,
    /// What it is for.
    Purpose,
    /// How long it lives.
    Duration,
    /// The category it is declared under.
    Category,
}

impl Field {
    /// Every field, in the order of [`CookieSummary::fields`].
    pub const ALL: [Field; 5] = [
        Field::Provider,
        Field::Service,
        Field::Purpose,
        Field::Duration,
        Field::Category,
    ];

    /// The lower-case name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Provider => "provider",
            Field::Service => "service",
            Field::Purpose => "purpose",
            Field::Duration => "duration",
            Field::Category => "category",
        }
    }

    /// Whether its values are the same words in every language (so that documents in
    /// different languages can be compared on it).
    pub fn is_language_neutral(self) -> bool {
        matches!(self, Field::Provider | Field::Category)
    }

    fn column(self) -> Option<ColumnRole> {
        match self {
            Field::Provider => Some(ColumnRole::Provider),
            Field::Service => Some(ColumnRole::Service),
            Field::Purpose => Some(ColumnRole::Purpose),
            Field::Duration => Some(ColumnRole::Duration),
            Field::Category => None,
        }
    }
}

/// One value of a cookie field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldValue {
    /// Hash of the comparison key of the masked text.
    pub key: u64,
    /// The masked display text (shared by every equal text).
    pub text: Arc<str>,
    /// Where it is (the cell; the cookie's name for the category).
    pub place: Place,
}

/// One declared cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSummary {
    /// The name as displayed.
    pub name: Arc<str>,
    /// The name's comparison key (cookies are matched across documents on it).
    pub key: Arc<str>,
    /// Where the name is.
    pub place: Place,
    /// Index into [`DocumentSummary::tables`].
    pub table: usize,
    /// The category it is declared under.
    pub category: Option<Category>,
    /// Values of [`Field::ALL`], in that order (`None`: no such column, or an empty cell).
    pub fields: [Option<FieldValue>; 5],
}

impl CookieSummary {
    /// The value of `field`.
    pub fn field(&self, field: Field) -> Option<&FieldValue> {
        self.fields.get(field as usize).and_then(Option::as_ref)
    }
}

/// The platform a document names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformSummary {
    /// The URL as written.
    pub url: String,
    /// Comparable form (see [`mask::normalize_url`]).
    pub normalized: String,
    /// Where it is.
    pub place: Place,
}

/// What the corpus phase keeps of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSummary {
    /// The document's path.
    pub path: String,
    /// The language of its prose.
    pub language: Option<Language>,
    /// Hash of its text (line endings and trailing spaces aside), to tell copies apart.
    pub content: u64,
    /// The platform it names.
    pub platform: Option<PlatformSummary>,
    /// The opening pseudo-section first, then every section in order.
    pub sections: Vec<SectionSummary>,
    /// Its cookie tables, in order.
    pub tables: Vec<TableSummary>,
    /// Its cookies, in order; a name declared twice is kept once (the first).
    pub cookies: Vec<CookieSummary>,
    /// Indexes into `cookies`, sorted by key, for lookups by name.
    by_key: Vec<usize>,
    /// Regions where Markdown comments suppress rules (start, end, codes; none = all).
    pub suppressions: Vec<crate::lint::suppress::Region>,
}

impl DocumentSummary {
    /// The position of the document's first line, for findings about the whole document.
    pub fn start(&self) -> Place {
        self.sections.first().map_or_else(origin, |s| s.place)
    }

    /// The sections after the opening.
    pub fn body(&self) -> &[SectionSummary] {
        self.sections.get(1..).unwrap_or(&[])
    }

    /// The section with `slot`, with its index.
    pub fn section(&self, slot: SectionSlot) -> Option<(usize, &SectionSummary)> {
        self.sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.slot == slot)
    }

    /// The cookie named by `key`.
    pub fn cookie(&self, key: &str) -> Option<&CookieSummary> {
        let found = self
            .by_key
            .binary_search_by(|&i| self.cookies.get(i).map_or("", |c| &*c.key).cmp(key))
            .ok()?;
        self.by_key.get(found).and_then(|&i| self.cookies.get(i))
    }

    /// The platform's name for tables: its normalized URL, or the path when it names none.
    pub fn platform_name(&self) -> &str {
        self.platform
            .as_ref()
            .map_or(self.path.as_str(), |p| p.normalized.as_str())
    }
}

fn origin() -> Place {
    let start = LineCol { line: 1, column: 1 };
    Place {
        span: Span::empty(0),
        start,
        end: start,
    }
}

/// FNV-1a, 64 bits: stable across runs, platforms and compiler versions.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

struct Builder<'a> {
    source: &'a SourceFile,
    mask: Mask,
}

impl Builder<'_> {
    fn place(&self, span: Span) -> Place {
        Place::new(self.source, span)
    }

    fn masked(&self, text: &Text) -> (u64, Arc<str>) {
        let masked = self.mask.apply(&text.display);
        let key = if matches!(masked, std::borrow::Cow::Borrowed(_)) {
            hash(&text.key)
        } else {
            hash(&normalize::key(&masked))
        };
        (key, crate::memo::shared(&masked))
    }

    fn passage(&self, kind: PassageKind, text: &Text) -> Passage {
        let (key, masked) = self.masked(text);
        Passage {
            kind,
            key,
            text: masked,
            place: self.place(text.span),
        }
    }

    fn value(&self, text: &Text) -> FieldValue {
        let (key, masked) = self.masked(text);
        FieldValue {
            key,
            text: masked,
            place: self.place(text.span),
        }
    }
}

/// Builds the summary of a parsed document.
pub fn summarize(source: &SourceFile, parsed: &Parsed) -> DocumentSummary {
    let doc = &parsed.document;
    let b = Builder {
        source,
        mask: Mask::for_platform(doc.platform_url.as_ref().map(|p| p.url.as_str())),
    };
    let sections = sections(&b, doc);
    // Model section index -> summary section index (the opening shifts them by one).
    let section_of = |model: Option<usize>| model.map_or(0, |i| i + 1);
    let tables: Vec<TableSummary> = doc
        .tables
        .iter()
        .map(|t| TableSummary {
            place: b.place(first_line(source, t.header.unwrap_or(t.span))),
            category: t.category,
            section: section_of(t.section).min(sections.len().saturating_sub(1)),
            columns: t.columns.iter().map(|c| c.role).collect(),
        })
        .collect();
    let mut cookies: Vec<CookieSummary> = Vec::with_capacity(doc.cookies.len());
    let mut seen: std::collections::HashSet<&str> =
        std::collections::HashSet::with_capacity(doc.cookies.len());
    for cookie in &doc.cookies {
        if cookie.name.key.is_empty() || !seen.insert(cookie.name.key.as_str()) {
            continue;
        }
        let place = b.place(cookie.name.span);
        let fields = Field::ALL.map(|field| match field.column() {
            Some(role) => doc.cookie_field(cookie, role).map(|t| b.value(t)),
            None => cookie.category.map(|c| FieldValue {
                key: hash(c.as_str()),
                text: crate::memo::shared(c.as_str()),
                place,
            }),
        });
        cookies.push(CookieSummary {
            name: crate::memo::shared(&cookie.name.display),
            key: crate::memo::shared(&cookie.name.key),
            place,
            table: cookie.table,
            category: cookie.category,
            fields,
        });
    }
    DocumentSummary {
        path: source.path.clone(),
        language: doc.language,
        content: content_hash(&source.text),
        platform: doc.platform_url.as_ref().map(|p| PlatformSummary {
            url: p.url.clone(),
            normalized: mask::normalize_url(&p.url),
            place: b.place(p.span),
        }),
        sections,
        tables,
        by_key: {
            let mut order: Vec<usize> = (0..cookies.len()).collect();
            order.sort_by(|&a, &b| {
                let key = |i: usize| cookies.get(i).map_or("", |c| &*c.key);
                key(a).cmp(key(b))
            });
            order
        },
        cookies,
        suppressions: crate::lint::suppress::regions(source, doc),
    }
}

/// The opening pseudo-section, then one summary per section of the model.
fn sections(b: &Builder<'_>, doc: &Document) -> Vec<SectionSummary> {
    let mut out = Vec::with_capacity(doc.sections.len() + 1);
    let mut opening = Vec::new();
    if let Some(title) = &doc.title {
        opening.push(b.passage(PassageKind::Title, &title.text));
    }
    opening.extend(
        doc.introduction
            .iter()
            .map(|p| b.passage(PassageKind::Paragraph, &p.text)),
    );
    let start = doc
        .title
        .as_ref()
        .map(|t| t.span)
        .or_else(|| doc.introduction.first().map(|p| p.text.span))
        .unwrap_or_else(|| b.source.first_content_line());
    out.push(SectionSummary {
        slot: SectionSlot {
            id: SlotId::Opening,
            occurrence: 0,
        },
        place: b.place(start),
        passages: opening,
    });
    let mut seen: std::collections::HashMap<SlotId, u32> = std::collections::HashMap::new();
    for section in &doc.sections {
        let heading = b.passage(PassageKind::Heading, &section.heading.text);
        let id = section
            .role
            .map_or(SlotId::Heading(heading.key), SlotId::Role);
        let occurrence = seen.entry(id).or_insert(0);
        let slot = SectionSlot {
            id,
            occurrence: *occurrence,
        };
        *occurrence += 1;
        let mut body: Vec<Passage> = section
            .paragraphs
            .iter()
            .map(|p| b.passage(PassageKind::Paragraph, &p.text))
            .collect();
        for table in section.tables.iter().filter_map(|&t| doc.tables.get(t)) {
            body.extend(
                table
                    .columns
                    .iter()
                    .filter(|c| !c.header.is_empty())
                    .map(|c| b.passage(PassageKind::HeaderCell, &c.header)),
            );
        }
        body.sort_by_key(|p| p.place.span.start);
        let mut passages = Vec::with_capacity(body.len() + 1);
        passages.push(heading);
        passages.extend(body);
        out.push(SectionSummary {
            slot,
            place: b.place(section.heading.text.span),
            passages,
        });
    }
    out
}

/// The first line of `span`.
fn first_line(source: &SourceFile, span: Span) -> Span {
    let text = source.slice(span);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Span::new(span.start, span.start + end)
}

/// Hash of the text with line endings and trailing whitespace ignored.
fn content_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for line in crate::source::lines(text) {
        for b in line
            .slice(text)
            .trim_end()
            .bytes()
            .chain(std::iter::once(b'\n'))
        {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}
