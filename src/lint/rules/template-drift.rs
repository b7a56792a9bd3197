//! ## What it does
//! Reports a title, heading, paragraph or table header cell whose text differs from the
//! text most documents of its family (same template, same language) have at that place,
//! and shows the difference word by word (`[-removed-]`, `{+added+}`). Also reports a
//! paragraph or header cell that the family's other documents do not have, and one they
//! have that is missing here. Platform URLs and portal names are masked before comparing,
//! so they never count as differences; case, quotes and apostrophes do not count either.
//!
//! Texts are compared section by section (sections are matched by role), position by
//! position within a section, after aligning the two sequences so that one inserted
//! paragraph does not shift every following one. A family's usual text at a position is the
//! one more than `majority` (default half) of its members have; where no text has that
//! majority, nothing is reported there. Families smaller than `min-family-size` (default 3)
//! are not judged. A missing title or section is left to `missing-title` and
//! `structure-drift`.
//!
//! ## Why it matters
//! The documents of a family are generated from one template: a sentence worded
//! differently in one of them is an edit that was not carried over (or a mistake), and
//! readers of different portals get different promises.
//!
//! ## Example
//! With three other documents of the family reading "Afin de vous proposer le meilleur
//! service possible nous utilisons des cookies", failing:
//! ```text
//! Charte cookies
//!
//! Afin de vous proposer le meilleur service possible, nous utilisons des cookies pour assurer son bon fonctionnement.
//! ```
//! reported with the help `… le meilleur service possible{+,+} nous utilisons des …`.
//! Passing: the same sentence without the comma.
//!
//! ## Fix
//! Bring the text back to the family's wording, or change the template everywhere.

use crate::corpus::align::{align, gaps, Gap};
use crate::corpus::diff::word_diff;
use crate::corpus::{
    excerpt, related, Consensus, CorpusContext, CorpusEmitter, DocumentSummary, Family, Passage,
    PassageKind, SectionSummary, SlotConsensus, UsualPassage,
};
use crate::normalize;

/// Compares every section of every judged document with its family's usual texts.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let Some((family, consensus)) = cx.consensus(d) else {
            continue;
        };
        for section in &doc.sections {
            if let Some(slot) = consensus.slots.get(&section.slot) {
                let report = Report {
                    cx,
                    doc,
                    family,
                    consensus,
                    section,
                    passages: doc.passages(section),
                };
                report.section(slot, out);
            }
        }
    }
}

struct Report<'c, 'a> {
    cx: &'c CorpusContext<'a>,
    doc: &'c DocumentSummary,
    family: &'c Family,
    consensus: &'c Consensus,
    section: &'c SectionSummary,
    /// The section's passages.
    passages: &'c [Passage],
}

impl Report<'_, '_> {
    fn section(&self, slot: &SlotConsensus, out: &mut CorpusEmitter<'_>) {
        let passages = self.passages;
        let steps = align(passages.len(), slot.passages.len(), |i, j| {
            match (passages.get(i), slot.passages.get(j)) {
                (Some(p), Some(Some(u))) => p.key() == u.key,
                _ => false,
            }
        });
        for gap in gaps(&steps) {
            self.gap(&gap, slot, out);
        }
    }

    /// Pairs the unmatched passages of a gap in order, kind with kind; a position without a
    /// majority pairs with anything and reports nothing.
    fn gap(&self, gap: &Gap, slot: &SlotConsensus, out: &mut CorpusEmitter<'_>) {
        let mut usual = gap.right.iter();
        for &i in &gap.left {
            let Some(passage) = self.passages.get(i) else {
                continue;
            };
            let mut paired = false;
            for &j in usual.by_ref() {
                match slot.passages.get(j).and_then(Option::as_ref) {
                    None => {
                        paired = true;
                        break;
                    }
                    Some(u) if u.kind == passage.kind() => {
                        self.differs(passage, u, out);
                        paired = true;
                        break;
                    }
                    Some(u) => self.missing(u, Some(passage), out),
                }
            }
            if !paired {
                self.extra(passage, out);
            }
        }
        let next = gap.next_left.and_then(|i| self.passages.get(i));
        for &j in usual {
            if let Some(u) = slot.passages.get(j).and_then(Option::as_ref) {
                self.missing(u, next, out);
            }
        }
    }

    fn holder(&self, usual: &UsualPassage) -> Option<(&DocumentSummary, &Passage)> {
        let (doc, section, passage) = usual.holder;
        let holder = self.cx.summary(doc)?;
        let passage = holder
            .passages(holder.sections.get(section)?)
            .get(passage)?;
        Some((holder, passage))
    }

    fn differs(&self, passage: &Passage, usual: &UsualPassage, out: &mut CorpusEmitter<'_>) {
        let Some((holder, text)) = self.holder(usual) else {
            return;
        };
        let noun = passage.kind().noun();
        let diff = word_diff(&text.text, &passage.text)
            .unwrap_or_else(|| format!("\"{}\"", excerpt(&text.text, 120)));
        let _ = out
            .emit(
                self.doc,
                passage.place,
                format!(
                    "this {noun} differs from the one {} of the {} have here",
                    usual.count,
                    self.cx.describe(self.family)
                ),
                normalize::key(&passage.text),
            )
            .help(format!(
                "word diff against the family's usual {noun} ([-removed-] {{+added+}}): {diff}"
            ))
            .related(related(holder, text.place, format!("the usual {noun}")));
    }

    fn extra(&self, passage: &Passage, out: &mut CorpusEmitter<'_>) {
        if !matches!(
            passage.kind(),
            PassageKind::Paragraph | PassageKind::HeaderCell
        ) {
            return;
        }
        let noun = passage.kind().noun();
        let _ = out
            .emit(
                self.doc,
                passage.place,
                format!(
                    "this {noun} is not in the usual text of the {}",
                    self.cx.describe(self.family)
                ),
                normalize::key(&passage.text),
            )
            .help(format!(
                "remove it, or add it to the template if every document should have it (most of the {} documents have no such {noun} here)",
                self.consensus.size
            ));
    }

    fn missing(&self, usual: &UsualPassage, before: Option<&Passage>, out: &mut CorpusEmitter<'_>) {
        if !matches!(usual.kind, PassageKind::Paragraph | PassageKind::HeaderCell) {
            return;
        }
        let Some((holder, text)) = self.holder(usual) else {
            return;
        };
        let noun = usual.kind.noun();
        let place = before.map_or_else(
            || self.passages.last().map_or(self.section.place, |p| p.place),
            |p| p.place,
        );
        let _ = out
            .emit(
                self.doc,
                place,
                format!(
                    "a {noun} that {} of the {} have here is missing: \"{}\"",
                    usual.count,
                    self.cx.describe(self.family),
                    excerpt(&text.text, 60)
                ),
                format!("missing {}", normalize::key(&text.text)),
            )
            .help(format!(
                "add the family's {noun} back, or remove it from the template"
            ))
            .related(related(holder, text.place, format!("the usual {noun}")));
    }
}
