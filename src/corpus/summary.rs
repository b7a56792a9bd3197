//! [`DocumentSummary`]: what the corpus phase keeps of one document, built in the parallel
//! phase by [`summarize`] while the document is at hand.
//!
//! A summary holds, for every text the corpus rules compare (the title, headings,
//! paragraphs, header cells and cookie cells), its masked display form (see [`super::mask`]),
//! a 64-bit hash of its comparison key, and its position (a byte span: lines and columns
//! are computed by [`super::locate`], for the few findings a corpus has, by reading their
//! documents again). It never holds the document itself: raw text, rows' other cells and
//! parse details are dropped.
//!
//! A corpus keeps one summary per document until the end of the run, so they are compact:
//! a [`Place`] stores two 32-bit offsets (8 bytes); equal texts share one allocation; a
//! cookie's category value is derived from its category and name position instead of being
//! stored; lists are boxed slices of exactly their length.
//!
//! Invariants: sections are in source order and the first one is always the opening
//! pseudo-section (title and introduction); passages of a section are in source order; a
//! cookie's `table` indexes `tables`; a table's `section` indexes `sections`. A place's
//! span is in bounds and on `char` boundaries of the text it was made from (which
//! [`DocumentSummary::describes`] recognises). Only a text over 4 GiB (400 times the
//! default size limit) can have a position past 32 bits: it is moved back to the last
//! character boundary before 4 GiB.

use std::sync::Arc;

use serde::Serialize;

use super::mask::{self, Mask};
use crate::lang::Language;
use crate::model::{Document, Parsed, Text};
use crate::normalize;
use crate::source::{SourceFile, Span};
use crate::vocab::{Category, ColumnRole, SectionRole};

/// A position in a document: a byte range in 32-bit offsets (8 bytes). Lines and columns
/// are not kept: [`super::locate`] reads the few documents that have corpus findings again
/// to compute them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    start: u32,
    end: u32,
}

/// The largest offset a [`Place`] stores.
const PLACE_LIMIT: usize = u32::MAX as usize - 1;

impl Place {
    /// The position of `span` in `source`; offsets past [`u32::MAX`] (texts over 4 GiB) are
    /// moved back to the last character boundary that fits.
    pub fn new(source: &SourceFile, span: Span) -> Self {
        let text = source.text.as_str();
        let fit = |offset: usize| {
            let mut at = offset.min(PLACE_LIMIT).min(text.len());
            while at > 0 && !text.is_char_boundary(at) {
                at -= 1;
            }
            narrow(at)
        };
        Place {
            start: fit(span.start),
            end: fit(span.end),
        }
    }

    /// The byte range.
    pub fn span(&self) -> Span {
        Span::new(widen(self.start), widen(self.end))
    }

    /// The start of a document, for findings about the whole document.
    fn origin() -> Self {
        Place { start: 0, end: 0 }
    }
}

/// `value` in 32 bits, saturated (a [`Place`] only holds values that fit, see
/// [`PLACE_LIMIT`]).
fn narrow(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// `value` as an offset, line or column.
fn widen(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
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

/// A masked display text with the hash of its comparison key, behind one thin pointer
/// (8 bytes) shared by every equal text; it reads as the text (`&*text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedText(Arc<Keyed>);

#[derive(Debug, PartialEq, Eq)]
struct Keyed {
    key: u64,
    text: Box<str>,
}

impl SharedText {
    /// `text`, whose comparison key hashes to `key`.
    pub(crate) fn new(key: u64, text: &str) -> Self {
        SharedText(Arc::new(Keyed {
            key,
            text: text.into(),
        }))
    }

    /// Hash of the comparison key.
    pub fn key(&self) -> u64 {
        self.0.key
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0.text
    }
}

/// A text the family compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// What it is.
    pub kind: PassageKind,
    /// The masked display text and its key's hash.
    pub text: SharedText,
    /// Where it is.
    pub place: Place,
}

impl Passage {
    /// Hash of the comparison key of the masked text.
    pub fn key(&self) -> u64 {
        self.text.key()
    }
}

/// A section: its identity, its heading's position and its texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    /// Its identity across documents.
    pub slot: SectionSlot,
    /// The heading (or, for the opening, the title or the document's first line).
    pub place: Place,
    /// The heading first (when there is one), then paragraphs and header cells.
    pub passages: Box<[Passage]>,
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
    pub section: u32,
    /// The columns' roles, in order.
    pub columns: Box<[Option<ColumnRole>]>,
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
    /// Every field (the columns first, in the order [`CookieSummary`] stores them, then the
    /// category).
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

/// One value of a cookie field, as [`CookieSummary::field`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldValue<'a> {
    /// Hash of the comparison key of the masked text.
    pub key: u64,
    /// The masked display text.
    pub text: &'a str,
    /// Where it is (the cell; the cookie's name for the category).
    pub place: Place,
}

/// A cookie's cell in one of the columns of [`Field`].
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    /// The masked display text and its key's hash.
    text: SharedText,
    /// Where the cell is.
    place: Place,
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
    pub table: u32,
    /// The category it is declared under.
    pub category: Option<Category>,
    /// The cells of the fields that are columns, in the order of [`Field::ALL`] (`None`: no
    /// such column, or an empty cell). The category's value is derived from `category`.
    cells: [Option<Cell>; 4],
}

impl CookieSummary {
    /// The value of `field` (`None`: no such column, an empty cell, or no category). The
    /// category's value is the category's name, placed at the cookie's name.
    pub fn field(&self, field: Field) -> Option<FieldValue<'_>> {
        match field.column() {
            Some(_) => self
                .cells
                .get(field as usize)
                .and_then(Option::as_ref)
                .map(|cell| FieldValue {
                    key: cell.text.key(),
                    text: &cell.text,
                    place: cell.place,
                }),
            None => self.category.map(|category| FieldValue {
                key: hash(category.as_str()),
                text: category.as_str(),
                place: self.place,
            }),
        }
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
    /// Length of its text in bytes (saturated at 32 bits), with `content` to recognise the
    /// text when it is read again.
    length: u32,
    /// The platform it names.
    pub platform: Option<PlatformSummary>,
    /// The opening pseudo-section first, then every section in order.
    pub sections: Box<[SectionSummary]>,
    /// Its cookie tables, in order.
    pub tables: Box<[TableSummary]>,
    /// Its cookies, in order; a name declared twice is kept once (the first).
    pub cookies: Box<[CookieSummary]>,
    /// Indexes into `cookies`, sorted by key, for lookups by name.
    by_key: Box<[u32]>,
    /// Regions where Markdown comments suppress rules (start, end, codes; none = all).
    pub suppressions: Vec<crate::lint::suppress::Region>,
}

impl DocumentSummary {
    /// The position of the document's first line, for findings about the whole document.
    pub fn start(&self) -> Place {
        self.sections
            .first()
            .map_or_else(Place::origin, |s| s.place)
    }

    /// Whether `source` is the text this summary was made from (so that its places point
    /// into it): same length, same content hash.
    pub fn describes(&self, source: &SourceFile) -> bool {
        self.length == narrow(source.text.len()) && self.content == content_hash(&source.text)
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
            .binary_search_by(|&i| self.cookie_key(i).cmp(key))
            .ok()?;
        self.by_key
            .get(found)
            .and_then(|&i| self.cookies.get(widen(i)))
    }

    /// The key of the cookie at `index` (`""` when there is none).
    fn cookie_key(&self, index: u32) -> &str {
        self.cookies.get(widen(index)).map_or("", |c| &*c.key)
    }

    /// The platform's name for tables: its normalized URL, or the path when it names none.
    pub fn platform_name(&self) -> &str {
        self.platform
            .as_ref()
            .map_or(self.path.as_str(), |p| p.normalized.as_str())
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

    fn masked(&self, text: &Text) -> SharedText {
        let masked = self.mask.apply(&text.display);
        // The key of the display form is the key of the text, so it is known unless the
        // mask changed something; either way it depends on the masked text alone, which is
        // what the memo remembers it by.
        let unmasked = matches!(masked, std::borrow::Cow::Borrowed(_));
        crate::memo::shared_text(&masked, |m| {
            if unmasked {
                hash(&text.key)
            } else {
                hash(&normalize::key(m))
            }
        })
    }

    fn passage(&self, kind: PassageKind, text: &Text) -> Passage {
        Passage {
            kind,
            text: self.masked(text),
            place: self.place(text.span),
        }
    }

    fn cell(&self, text: &Text) -> Cell {
        Cell {
            text: self.masked(text),
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
    let tables: Box<[TableSummary]> = doc
        .tables
        .iter()
        .map(|t| TableSummary {
            place: b.place(first_line(source, t.header.unwrap_or(t.span))),
            category: t.category,
            section: narrow(section_of(t.section).min(sections.len().saturating_sub(1))),
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
        let cell = |field: Field| {
            let role = field.column()?;
            doc.cookie_field(cookie, role).map(|t| b.cell(t))
        };
        cookies.push(CookieSummary {
            name: crate::memo::shared(&cookie.name.display),
            key: crate::memo::shared(&cookie.name.key),
            place: b.place(cookie.name.span),
            table: narrow(cookie.table),
            category: cookie.category,
            cells: [
                cell(Field::Provider),
                cell(Field::Service),
                cell(Field::Purpose),
                cell(Field::Duration),
            ],
        });
    }
    let cookies = cookies.into_boxed_slice();
    let mut by_key: Box<[u32]> = (0..cookies.len()).map(narrow).collect();
    by_key.sort_by(|&a, &b| {
        let key = |i: u32| cookies.get(widen(i)).map_or("", |c| &*c.key);
        key(a).cmp(key(b))
    });
    DocumentSummary {
        path: source.path.clone(),
        language: doc.language,
        content: content_hash(&source.text),
        length: narrow(source.text.len()),
        platform: doc.platform_url.as_ref().map(|p| PlatformSummary {
            url: p.url.clone(),
            normalized: mask::normalize_url(&p.url),
            place: b.place(p.span),
        }),
        sections,
        tables,
        by_key,
        cookies,
        suppressions: crate::lint::suppress::regions(source, doc),
    }
}

/// The opening pseudo-section, then one summary per section of the model.
fn sections(b: &Builder<'_>, doc: &Document) -> Box<[SectionSummary]> {
    let mut out = Vec::with_capacity(doc.sections.len() + 1);
    let mut opening = Vec::with_capacity(usize::from(doc.title.is_some()) + doc.introduction.len());
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
        passages: opening.into_boxed_slice(),
    });
    let mut seen: std::collections::HashMap<SlotId, u32> = std::collections::HashMap::new();
    for section in &doc.sections {
        let heading = b.passage(PassageKind::Heading, &section.heading.text);
        let id = section
            .role
            .map_or(SlotId::Heading(heading.key()), SlotId::Role);
        let occurrence = seen.entry(id).or_insert(0);
        let slot = SectionSlot {
            id,
            occurrence: *occurrence,
        };
        *occurrence += 1;
        let place = heading.place;
        let tables = || section.tables.iter().filter_map(|&t| doc.tables.get(t));
        let headers = tables()
            .flat_map(|t| &t.columns)
            .filter(|c| !c.header.is_empty());
        let mut passages = Vec::with_capacity(1 + section.paragraphs.len() + headers.count());
        passages.push(heading);
        passages.extend(
            section
                .paragraphs
                .iter()
                .map(|p| b.passage(PassageKind::Paragraph, &p.text)),
        );
        passages.extend(
            tables()
                .flat_map(|t| &t.columns)
                .filter(|c| !c.header.is_empty())
                .map(|c| b.passage(PassageKind::HeaderCell, &c.header)),
        );
        // The heading stays first; the body is put in source order.
        if let Some(body) = passages.get_mut(1..) {
            body.sort_by_key(|p| p.place.span().start);
        }
        out.push(SectionSummary {
            slot,
            place,
            passages: passages.into_boxed_slice(),
        });
    }
    out.into_boxed_slice()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_compact_and_gives_back_its_position() {
        assert_eq!(std::mem::size_of::<Place>(), 8);
        let source =
            SourceFile::from_text("doc.md", "Cookies\r\n\r\nLe cookie « _ga » dure 13 mois.\n");
        for (start, end) in [(0, 7), (11, 31), (33, 33), (43, 43)] {
            let span = Span::new(start, end);
            assert_eq!(Place::new(&source, span).span(), span);
        }
        // Past the end or inside a character: back to the last boundary.
        assert_eq!(
            Place::new(&source, Span::new(22, 99)).span(),
            Span::new(21, source.text.len())
        );
        assert_eq!(Place::origin().span(), Span::new(0, 0));
    }

    #[test]
    fn a_summary_knows_the_text_it_was_made_from() {
        let text = "# Cookies\n\nLe cookie _ga dure 13 mois.\n";
        let source = SourceFile::from_text("doc.md", text);
        let summary = summarize(&source, &crate::model::parse(&source, Default::default()));
        assert!(summary.describes(&source));
        for changed in [
            "# Cookies\n\nLe cookie _gb dure 13 mois.\n",
            "# Cookies\r\n\r\nLe cookie _ga dure 13 mois.\r\n",
            "# Cookies  \n\nLe cookie _ga dure 13 mois.\n",
        ] {
            assert!(!summary.describes(&SourceFile::from_text("doc.md", changed)));
        }
    }
}
