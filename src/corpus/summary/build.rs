//! Building a [`DocumentSummary`] from a parsed document: masking each text the corpus
//! rules compare, sharing equal texts, placing each in 32-bit offsets.

use super::super::mask::{Hits, Mask};
use super::{
    narrow, widen, Cell, ColumnRoles, CookieSummary, DocumentSummary, Extra, Field, HeadingKey,
    Passage, PassageKind, Place, PlatformSummary, SectionSlot, SectionSummary, SharedText, SlotId,
    TableSummary, INDEXED_COOKIES,
};
use crate::model::{Document, Parsed, Text};
use crate::normalize;
use crate::source::{SourceFile, Span};

/// FNV-1a, 64 bits: stable across runs, platforms and compiler versions.
pub fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

struct Builder<'a> {
    source: &'a SourceFile,
    mask: Mask,
    hits: Hits,
}

impl Builder<'_> {
    fn place(&self, span: Span) -> Place {
        Place::new(self.source, span)
    }

    fn masked(&self, kind: Option<PassageKind>, text: &Text) -> SharedText {
        // The key of the display form is the key of the text, so it is known unless the
        // mask changes something; either way it depends on the masked text alone, which is
        // what the memo remembers it by.
        if self.hits.spare(text.span, self.source.slice(text.span)) {
            return crate::memo::shared_display(&text.display, kind, |_| hash(&text.key));
        }
        match self.mask.apply(&text.display) {
            std::borrow::Cow::Borrowed(_) => {
                crate::memo::shared_display(&text.display, kind, |_| hash(&text.key))
            }
            std::borrow::Cow::Owned(masked) => {
                crate::memo::shared_text(&masked, kind, |m| hash(&normalize::key(m)))
            }
        }
    }

    fn passage(&self, kind: PassageKind, text: &Text) -> Passage {
        Passage {
            text: self.masked(Some(kind), text),
            place: self.place(text.span),
        }
    }

    fn cell(&self, text: &Text) -> Cell {
        Cell {
            text: self.masked(None, text),
            place: self.place(text.span),
        }
    }
}

/// Builds the summary of a parsed document.
pub fn summarize(source: &SourceFile, parsed: &Parsed) -> DocumentSummary {
    let doc = &parsed.document;
    let mask = Mask::for_platform(doc.platform_url.as_ref().map(|p| p.url.as_str()));
    let b = Builder {
        source,
        hits: mask.hits(&source.text),
        mask,
    };
    let (sections, passages) = sections(&b, doc);
    // Model section index -> summary section index (the opening shifts them by one).
    let section_of = |model: Option<usize>| model.map_or(0, |i| i + 1);
    let tables: Box<[TableSummary]> = doc
        .tables
        .iter()
        .map(|t| TableSummary {
            place: b.place(first_line(source, t.header.unwrap_or(t.span))),
            category: t.category,
            section: narrow(section_of(t.section).min(sections.len().saturating_sub(1))),
        })
        .collect();
    let mut columns = ColumnRoles::default();
    for role in doc
        .tables
        .iter()
        .flat_map(|t| &t.columns)
        .filter_map(|c| c.role)
    {
        columns.insert(role);
    }
    let mut cookies: Vec<CookieSummary> = Vec::with_capacity(doc.cookies.len());
    let mut seen: rustc_hash::FxHashSet<&str> =
        rustc_hash::FxHashSet::with_capacity_and_hasher(doc.cookies.len(), Default::default());
    for cookie in &doc.cookies {
        if cookie.name.key.is_empty() || !seen.insert(cookie.name.key.as_ref()) {
            continue;
        }
        let cell = |field: Field| {
            let role = field.column()?;
            doc.cookie_field(cookie, role).map(|t| b.cell(t))
        };
        cookies.push(CookieSummary {
            names: crate::memo::cookie_name(&cookie.name.display, &cookie.name.key),
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
    let mut by_key: Box<[u32]> = if cookies.len() < INDEXED_COOKIES {
        Box::default()
    } else {
        (0..cookies.len()).map(narrow).collect()
    };
    by_key.sort_by(|&a, &b| {
        let key = |i: u32| cookies.get(widen(i)).map_or("", CookieSummary::key);
        key(a).cmp(key(b))
    });
    let suppressions = crate::lint::suppress::regions(source, doc).into_boxed_slice();
    DocumentSummary {
        path: source.path.as_str().into(),
        language: doc.language,
        content: content_hash(source),
        length: narrow(source.text.len()),
        platform: doc
            .platform_url
            .as_ref()
            .map(|p| PlatformSummary::new(&p.url, b.place(p.span))),
        sections,
        passages,
        tables,
        cookies,
        columns,
        extra: (!by_key.is_empty() || !suppressions.is_empty()).then(|| {
            Box::new(Extra {
                by_key,
                suppressions,
            })
        }),
    }
}

/// The opening pseudo-section, then one summary per section of the model; with the
/// passages of all of them.
fn sections(b: &Builder<'_>, doc: &Document) -> (Box<[SectionSummary]>, Box<[Passage]>) {
    let mut out = Vec::with_capacity(doc.sections.len() + 1);
    let count = usize::from(doc.title.is_some())
        + doc.introduction.len()
        + doc
            .sections
            .iter()
            .map(|s| {
                1 + s.paragraphs.len()
                    + s.tables
                        .iter()
                        .filter_map(|&t| doc.tables.get(t))
                        .flat_map(|t| &t.columns)
                        .filter(|c| !c.header.is_empty())
                        .count()
            })
            .sum::<usize>();
    let mut passages = Vec::with_capacity(count);
    // The range of the passages pushed since `start`.
    let range = |start: usize, passages: &Vec<Passage>| [narrow(start), narrow(passages.len())];
    if let Some(title) = &doc.title {
        passages.push(b.passage(PassageKind::Title, &title.text));
    }
    passages.extend(
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
        passages: range(0, &passages),
    });
    let mut seen: rustc_hash::FxHashMap<SlotId, u32> = rustc_hash::FxHashMap::default();
    for section in &doc.sections {
        let heading = b.passage(PassageKind::Heading, &section.heading.text);
        let id = section.role.map_or(
            SlotId::Heading(HeadingKey::new(heading.key())),
            SlotId::Role,
        );
        let occurrence = seen.entry(id).or_insert(0);
        let slot = SectionSlot {
            id,
            occurrence: *occurrence,
        };
        *occurrence += 1;
        let place = heading.place;
        let tables = || section.tables.iter().filter_map(|&t| doc.tables.get(t));
        let first = passages.len();
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
        if let Some(body) = passages.get_mut(first + 1..) {
            body.sort_by_key(|p| p.place.span().start);
        }
        out.push(SectionSummary {
            slot,
            place,
            passages: range(first, &passages),
        });
    }
    (out.into_boxed_slice(), passages.into_boxed_slice())
}

/// The first line of `span`.
fn first_line(source: &SourceFile, span: Span) -> Span {
    let text = source.slice(span);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    Span::new(span.start, span.start + end)
}

/// What recognises `source`'s text when it is read again: its length in bytes (saturated at
/// 32 bits) and the hash of its content (line endings and trailing whitespace aside).
pub fn identity(source: &SourceFile) -> (u32, u64) {
    (narrow(source.text.len()), content_hash(source))
}

/// Hash of the text with line endings and trailing whitespace ignored (compared within a
/// run only, so a fast word-at-a-time hash: the text is hashed once when summarised and once
/// more when it is read again).
fn content_hash(source: &SourceFile) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for line in source.lines() {
        let line = source.slice(line).trim_end();
        h.write_usize(line.len());
        h.write(line.as_bytes());
    }
    h.finish()
}
