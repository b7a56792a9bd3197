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
//! a [`Place`] stores two 32-bit offsets (8 bytes); equal texts share one allocation, which
//! also holds a passage's kind and a cookie name's key; a cookie's category value is
//! derived from its category and name position instead of being stored; the passages of
//! all sections are one list (a section holds its range); lists are boxed slices of
//! exactly their length, and a document with few cookies has no lookup index.
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

use super::mask;
use crate::lang::Language;
use crate::source::{SourceFile, Span};
use crate::vocab::{Category, ColumnRole, SectionRole};

mod build;
pub use build::{hash, identity, summarize};

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
    Heading(HeadingKey),
}

/// A 64-bit hash as two 32-bit halves (high first, so that it orders as the number does):
/// a section's identity is then 16 bytes, not 24.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct HeadingKey([u32; 2]);

impl HeadingKey {
    /// The halves of `hash`.
    pub fn new(hash: u64) -> Self {
        let [a, b, c, d, e, f, g, h] = hash.to_be_bytes();
        HeadingKey([
            u32::from_be_bytes([a, b, c, d]),
            u32::from_be_bytes([e, f, g, h]),
        ])
    }

    /// The hash.
    pub fn get(self) -> u64 {
        let [high, low] = self.0;
        (u64::from(high) << 32) | u64::from(low)
    }
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

/// A masked display text with the hash of its comparison key and the kind of passage it is
/// (none for a cookie's cell), behind one thin pointer (8 bytes) shared by every equal text
/// of that kind; it reads as the text (`&*text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedText(Arc<Keyed>);

#[derive(Debug, PartialEq, Eq)]
struct Keyed {
    key: u64,
    kind: Option<PassageKind>,
    text: Box<str>,
}

impl SharedText {
    /// `text`, whose comparison key hashes to `key`, as a passage of `kind` (none: a cell).
    pub(crate) fn new(key: u64, kind: Option<PassageKind>, text: &str) -> Self {
        SharedText(Arc::new(Keyed {
            key,
            kind,
            text: text.into(),
        }))
    }

    /// Hash of the comparison key.
    pub fn key(&self) -> u64 {
        self.0.key
    }

    /// The kind of passage it is (none: a cookie's cell).
    pub(crate) fn kind(&self) -> Option<PassageKind> {
        self.0.kind
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0.text
    }
}

/// A text the family compares (16 bytes: its kind is kept with the shared text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The masked display text, its key's hash and its kind.
    pub text: SharedText,
    /// Where it is.
    pub place: Place,
}

impl Passage {
    /// What it is.
    pub fn kind(&self) -> PassageKind {
        // Passages are only made with a kind (see `Builder::passage`).
        self.text.kind().unwrap_or(PassageKind::Paragraph)
    }

    /// Hash of the comparison key of the masked text.
    pub fn key(&self) -> u64 {
        self.text.key()
    }
}

/// A section: its identity, its heading's position and where its texts are among the
/// document's passages (see [`DocumentSummary::passages`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSummary {
    /// Its identity across documents.
    pub slot: SectionSlot,
    /// The heading (or, for the opening, the title or the document's first line).
    pub place: Place,
    /// Its passages: `start..end` in the document's list.
    passages: [u32; 2],
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
}

/// A set of column roles, one bit each (see [`ColumnRole::ALL`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ColumnRoles(u8);

impl ColumnRoles {
    /// The bit of `role`.
    fn bit(role: ColumnRole) -> u8 {
        let index = ColumnRole::ALL.iter().position(|&r| r == role).unwrap_or(0);
        1 << index
    }

    /// Adds `role`.
    pub fn insert(&mut self, role: ColumnRole) {
        self.0 |= Self::bit(role);
    }

    /// Whether `role` is in the set.
    pub fn contains(self, role: ColumnRole) -> bool {
        self.0 & Self::bit(role) != 0
    }

    /// The roles in the set, in order.
    pub fn iter(self) -> impl Iterator<Item = ColumnRole> {
        ColumnRole::ALL
            .into_iter()
            .filter(move |&r| self.contains(r))
    }
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

/// A cookie's name as displayed and its comparison key, behind one thin pointer (8 bytes)
/// shared by every equal name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieName(Arc<NameForms>);

#[derive(Debug, PartialEq, Eq)]
struct NameForms {
    display: Box<str>,
    key: Box<str>,
}

impl CookieName {
    /// The name `display`, whose comparison key is `key`.
    pub(crate) fn new(display: &str, key: &str) -> Self {
        CookieName(Arc::new(NameForms {
            display: display.into(),
            key: key.into(),
        }))
    }

    /// The name as displayed.
    pub fn display(&self) -> &str {
        &self.0.display
    }

    /// The comparison key.
    pub fn key(&self) -> &str {
        &self.0.key
    }
}

/// One declared cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieSummary {
    /// The name as displayed and its comparison key (cookies are matched across documents
    /// on the key).
    names: CookieName,
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
    /// The name as displayed.
    pub fn name(&self) -> &str {
        self.names.display()
    }

    /// The name's comparison key (cookies are matched across documents on it).
    pub fn key(&self) -> &str {
        self.names.key()
    }

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
    /// The URL as written, then its comparable form (one allocation).
    text: Box<str>,
    /// Where the comparable form starts in `text`.
    split: u32,
    /// Where it is.
    pub place: Place,
}

impl PlatformSummary {
    /// The URL `url` at `place`.
    fn new(url: &str, place: Place) -> Self {
        let normalized = mask::normalize_url(url);
        let mut text = String::with_capacity(url.len() + normalized.len());
        text.push_str(url);
        text.push_str(&normalized);
        PlatformSummary {
            // A URL is part of a document, so it is shorter than a document's 4 GiB limit
            // (see `Place`); a longer one keeps its comparable form whole and loses the URL.
            split: u32::try_from(url.len()).unwrap_or(0),
            text: text.into_boxed_str(),
            place,
        }
    }

    /// The URL as written.
    pub fn url(&self) -> &str {
        self.text.get(..widen(self.split)).unwrap_or("")
    }

    /// Comparable form (see [`mask::normalize_url`]).
    pub fn normalized(&self) -> &str {
        self.text.get(widen(self.split)..).unwrap_or("")
    }
}

/// Below this many cookies, a document's cookie is looked up by a scan, not an index.
const INDEXED_COOKIES: usize = 16;

/// What the corpus phase keeps of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentSummary {
    /// The document's path.
    pub path: Arc<str>,
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
    /// The passages of every section, section after section.
    passages: Box<[Passage]>,
    /// Its cookie tables, in order.
    pub tables: Box<[TableSummary]>,
    /// Its cookies, in order; a name declared twice is kept once (the first).
    pub cookies: Box<[CookieSummary]>,
    /// The roles of the columns of all its tables.
    pub columns: ColumnRoles,
    /// What few documents have (none for most).
    extra: Option<Box<Extra>>,
}

/// The parts of a summary that most documents do without, kept apart so that they cost
/// those documents one pointer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Extra {
    /// Indexes into `cookies`, sorted by key, for lookups by name (empty when there are
    /// fewer than [`INDEXED_COOKIES`]: they are scanned).
    by_key: Box<[u32]>,
    /// Regions where Markdown comments suppress rules (start, end, codes; none = all).
    suppressions: Box<[crate::lint::suppress::Region]>,
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
        self.identity() == identity(source)
    }

    /// The length and content hash of the text it was made from (see [`identity`]).
    pub fn identity(&self) -> (u32, u64) {
        (self.length, self.content)
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

    /// The passages of `section` (one of this document's): the heading first (when there
    /// is one), then paragraphs and header cells.
    pub fn passages(&self, section: &SectionSummary) -> &[Passage] {
        let [start, end] = section.passages;
        self.passages.get(widen(start)..widen(end)).unwrap_or(&[])
    }

    /// The masked text of `section`'s heading (empty for an opening without title).
    pub fn heading(&self, section: &SectionSummary) -> &str {
        self.passages(section)
            .first()
            .filter(|p| matches!(p.kind(), PassageKind::Heading | PassageKind::Title))
            .map_or("", |p| &*p.text)
    }

    /// Regions where Markdown comments suppress rules (start, end, codes; none = all).
    pub fn suppressions(&self) -> &[crate::lint::suppress::Region] {
        self.extra.as_ref().map_or(&[], |e| &e.suppressions)
    }

    /// Indexes into `cookies`, sorted by key (empty: the cookies are scanned).
    fn by_key(&self) -> &[u32] {
        self.extra.as_ref().map_or(&[], |e| &e.by_key)
    }

    /// The cookie named by `key`.
    pub fn cookie(&self, key: &str) -> Option<&CookieSummary> {
        let by_key = self.by_key();
        if by_key.is_empty() {
            return self.cookies.iter().find(|c| c.key() == key);
        }
        let found = by_key
            .binary_search_by(|&i| self.cookie_key(i).cmp(key))
            .ok()?;
        by_key.get(found).and_then(|&i| self.cookies.get(widen(i)))
    }

    /// The key of the cookie at `index` (`""` when there is none).
    fn cookie_key(&self, index: u32) -> &str {
        self.cookies
            .get(widen(index))
            .map_or("", CookieSummary::key)
    }

    /// The platform's name for tables: its normalized URL, or the path when it names none.
    pub fn platform_name(&self) -> &str {
        self.platform
            .as_ref()
            .map_or(&*self.path, PlatformSummary::normalized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_escaped_hyphen_in_a_pipe_cell_still_forms_a_portal_word() {
        // The display form of `data\-gouv` is `data-gouv`, the portal word of the host.
        let text = "# Cookies policy\n\n## What cookies are used on the <https://data-gouv.fr> platform\n\n\
                    | Provider | Cookie name | Purpose |\n|---|---|---|\n\
                    | data\\-gouv | sid | session |\n";
        let source = SourceFile::from_text("doc.md", text);
        let parsed = crate::model::parse(&source, crate::model::ParseOptions::default());
        let summary = summarize(&source, &parsed);
        let cookie = summary.cookies.first().expect("one cookie");
        assert_eq!(cookie.name(), "sid");
        let provider = cookie.field(Field::Provider).expect("a provider");
        assert_eq!(provider.text, super::mask::PORTAL);
    }

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

    /// A Markdown policy with a title, an introduction, two sections and `cookies` rows.
    fn policy(cookies: usize) -> String {
        let mut text = String::from(
            "## Charte cookies\n\nNous utilisons des cookies.\n\n\
             ### Qu'est ce qu'un cookie ?\n\nUn cookie est une suite d'informations.\n\n\
             ### A quoi servent les cookies sur la plateforme <https://Data.Example.org/>\n\n\
             Nom du prestataire\tService et emplacement\tNom du cookies\tFinalités\n",
        );
        for i in 0..cookies {
            text.push_str(&format!("Opendatasoft\tAPI\tcookie_{i}\tSe souvenir\n"));
        }
        text
    }

    #[test]
    fn sections_read_their_own_passages_and_cookies_are_found_by_key() {
        for count in [3, INDEXED_COOKIES, 40] {
            let source = SourceFile::from_text("doc.md", policy(count));
            let summary = summarize(&source, &crate::model::parse(&source, Default::default()));
            let headings: Vec<&str> = summary
                .sections
                .iter()
                .map(|s| summary.heading(s))
                .collect();
            assert_eq!(headings.len(), 3, "{headings:?}");
            assert_eq!(headings.first(), Some(&"Charte cookies"));
            let kinds: Vec<Vec<PassageKind>> = summary
                .sections
                .iter()
                .map(|s| summary.passages(s).iter().map(Passage::kind).collect())
                .collect();
            assert_eq!(
                kinds,
                [
                    vec![PassageKind::Title, PassageKind::Paragraph],
                    vec![PassageKind::Heading, PassageKind::Paragraph],
                    vec![
                        PassageKind::Heading,
                        PassageKind::HeaderCell,
                        PassageKind::HeaderCell,
                        PassageKind::HeaderCell,
                        PassageKind::HeaderCell
                    ],
                ]
            );
            // The ranges cover the document's list, section after section.
            let lengths: usize = summary
                .sections
                .iter()
                .map(|s| summary.passages(s).len())
                .sum();
            assert_eq!(lengths, summary.passages.len());
            assert_eq!(summary.cookies.len(), count);
            assert_eq!(summary.by_key().is_empty(), count < INDEXED_COOKIES);
            for i in 0..count {
                let name = format!("cookie_{i}");
                let found = summary.cookie(&name).map(CookieSummary::name);
                assert_eq!(found, Some(name.as_str()));
            }
            assert!(summary.cookie("cookie_").is_none());
            let platform = summary.platform.as_ref().map(|p| (p.url(), p.normalized()));
            assert_eq!(
                platform,
                Some(("https://Data.Example.org/", "data.example.org"))
            );
        }
        assert_eq!(std::mem::size_of::<Passage>(), 16);
        assert_eq!(std::mem::size_of::<SectionSummary>(), 32);
    }

    #[test]
    fn column_roles_are_listed_once_each_in_order() {
        let source = SourceFile::from_text("doc.md", policy(2));
        let summary = summarize(&source, &crate::model::parse(&source, Default::default()));
        let roles: Vec<ColumnRole> = summary.columns.iter().collect();
        assert_eq!(
            roles,
            [
                ColumnRole::Provider,
                ColumnRole::Service,
                ColumnRole::Name,
                ColumnRole::Purpose
            ]
        );
        assert!(!summary.columns.contains(ColumnRole::Duration));
        // Set order is the roles' order, whatever order they were added in.
        let mut set = ColumnRoles::default();
        for role in ColumnRole::ALL.into_iter().rev().chain(ColumnRole::ALL) {
            set.insert(role);
        }
        let all: Vec<ColumnRole> = set.iter().collect();
        let mut sorted = ColumnRole::ALL.to_vec();
        sorted.sort();
        assert_eq!(all, sorted);
    }

    #[test]
    fn a_heading_key_orders_as_its_hash() {
        let hashes = [0, 1, u64::from(u32::MAX), 1 << 32, u64::MAX - 1, u64::MAX];
        for a in hashes {
            assert_eq!(HeadingKey::new(a).get(), a);
            for b in hashes {
                assert_eq!(HeadingKey::new(a).cmp(&HeadingKey::new(b)), a.cmp(&b));
            }
        }
    }
}
