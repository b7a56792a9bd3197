//! The shared assembler: classifies every content line once with the line grammar, then
//! groups lines into tables (see [`super::tables`]), paragraphs and inferred headings.
//!
//! Heading inference runs only for plain text (Markdown marks its headings): a line is a heading when it stands alone between blank lines and has a
//! heading's shape, or opens a block and carries the template's heading vocabulary or a
//! section number. Lead-ins ending in ":" and sentences ending in "." are never headings.

use super::line::{classify, numbering, LineKind};
use super::tables;
use super::{Block, HeadingBlock, HeadingMarkup, Item, ParagraphBlock, Problem, TableBlock};
use crate::cookie_name::looks_like_cookie_name;
use crate::memo::key;
use crate::source::Span;
use crate::vocab;

/// An item after line classification.
#[derive(Clone, Debug)]
pub(crate) enum Entry {
    /// A content line and its grammar class.
    Line(Span, LineKind),
    /// A blank line.
    Blank(Span),
    /// An explicit heading.
    Heading(HeadingBlock),
    /// An HTML comment.
    Comment(Span),
    /// A hard break.
    Break,
    /// A table the front end read itself (an HTML table); boxed, as it is rare and large.
    Table(Box<TableBlock>),
}

/// Builds blocks from front-end items.
pub(crate) fn assemble(
    text: &str,
    items: Vec<Item>,
    infer_headings: bool,
    vocabulary: Option<&crate::vocab::Extra>,
) -> (Vec<Block>, Vec<Problem>) {
    let mut entries: Vec<Entry> = items
        .into_iter()
        .map(|item| match item {
            Item::Line(span) => Entry::Line(span, classify(text, span)),
            Item::Blank(span) => Entry::Blank(span),
            Item::Heading(h) => Entry::Heading(h),
            Item::Comment(span) => Entry::Comment(span),
            Item::Break | Item::Html { .. } => Entry::Break,
            Item::Table(t) => Entry::Table(t),
        })
        .collect();
    let mut assembler = Assembler {
        text,
        infer_headings,
        blocks: Vec::new(),
        problems: Vec::new(),
        pending: Vec::new(),
        pending_starts_run: true,
    };
    let mut i = 0;
    while i < entries.len() {
        match entries.get_mut(i) {
            Some(Entry::Line(span, _)) => {
                let span = *span;
                if let Some((table, next)) =
                    tables::recognise(text, &entries, i, &mut assembler.problems, vocabulary)
                {
                    assembler.flush();
                    assembler.blocks.push(Block::Table(table));
                    // Lines right after a table continue the same run of lines.
                    assembler.pending_starts_run = false;
                    i = next.max(i + 1);
                    continue;
                }
                assembler.pending.push(span);
            }
            Some(Entry::Heading(h)) => {
                assembler.flush();
                let mut heading = h.clone();
                heading.numbering = heading_numbering(text, heading.text);
                assembler.blocks.push(Block::Heading(heading));
                assembler.pending_starts_run = true;
            }
            Some(entry @ Entry::Table(_)) => {
                // Moved out: the assembler never looks back at an entry it has passed.
                if let Entry::Table(table) = std::mem::replace(entry, Entry::Break) {
                    assembler.flush();
                    assembler.blocks.push(Block::Table(*table));
                    assembler.pending_starts_run = false;
                }
            }
            Some(Entry::Comment(span)) => {
                assembler.flush();
                assembler.blocks.push(Block::Comment(*span));
                assembler.pending_starts_run = true;
            }
            Some(Entry::Blank(_) | Entry::Break) | None => {
                assembler.flush();
                assembler.pending_starts_run = true;
            }
        }
        i += 1;
    }
    assembler.flush();
    (assembler.blocks, assembler.problems)
}

struct Assembler<'t> {
    text: &'t str,
    infer_headings: bool,
    blocks: Vec<Block>,
    problems: Vec<Problem>,
    /// Consecutive prose lines not yet turned into a block.
    pending: Vec<Span>,
    /// Whether `pending` opens a run of lines (follows a blank line, a heading or the start).
    pending_starts_run: bool,
}

impl Assembler<'_> {
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // Taken out and put back emptied, so that its capacity serves the next run.
        let mut lines = std::mem::take(&mut self.pending);
        let mut rest: &[Span] = &lines;
        if self.infer_headings && self.pending_starts_run {
            if let Some(first) = lines.first() {
                let line = first.slice(self.text);
                let alone = lines.len() == 1;
                if heading_like(line)
                    && (alone || has_heading_vocabulary(line))
                    && !vocab::is_noise(&key(line))
                {
                    self.blocks.push(Block::Heading(HeadingBlock {
                        span: *first,
                        text: *first,
                        level: None,
                        markup: HeadingMarkup::Plain,
                        numbering: heading_numbering(self.text, *first),
                    }));
                    rest = lines.get(1..).unwrap_or(&[]);
                }
            }
        }
        if let (Some(first), Some(last)) = (rest.first(), rest.last()) {
            self.blocks.push(Block::Paragraph(ParagraphBlock {
                span: first.cover(*last),
                lines: rest.to_vec(),
            }));
        }
        lines.clear();
        self.pending = lines;
        self.pending_starts_run = true;
    }
}

/// The numbering prefix of a heading's text, if any.
fn heading_numbering(text: &str, heading: Span) -> Option<(usize, Span)> {
    let (levels, len) = numbering(heading.slice(text))?;
    Some((
        levels,
        Span::new(heading.start, heading.start + len).trim(text),
    ))
}

/// Whether a line has the shape of a heading: short, capitalised or numbered, few words,
/// and not ending like a sentence or a lead-in.
pub(crate) fn heading_like(line: &str) -> bool {
    let line = line.trim();
    // The cheap tests first: most lines given are prose, ending like a sentence. Counts stop
    // as soon as they pass their limit (lines can be long).
    if line.ends_with([':', '.', ';', ',']) && !line.ends_with("...") {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    let opens_well = first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(
            first,
            '"' | '\u{201C}' | '\u{00AB}' | '\u{00BF}' | '\u{00A1}' | '\''
        );
    if !opens_well || !(2..=100).contains(&line.chars().take(101).count()) {
        return false;
    }
    let words = line.split_whitespace().take(15).count();
    words <= 14 && !(words == 1 && looks_like_cookie_name(line))
}

/// Whether a line uses the template's title or heading wording, or a section number.
pub(crate) fn has_heading_vocabulary(line: &str) -> bool {
    if numbering(line).is_some() {
        return true;
    }
    let k = key(line);
    vocab::is_title(&k) || vocab::section_role(&k).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_shapes() {
        assert!(heading_like("Qu'est ce qu'un cookie ?"));
        assert!(heading_like(
            "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels"
        ));
        assert!(heading_like("2.1. Necessary cookies"));
        assert!(!heading_like("Il existe plusieurs types de cookies :"));
        assert!(!heading_like("Several types of cookies exist:"));
        assert!(!heading_like("<https://opendata.example.org>"));
        assert!(!heading_like(
            "Afin de vous proposer le meilleur service possible nous utilisons des cookies."
        ));
    }
}
