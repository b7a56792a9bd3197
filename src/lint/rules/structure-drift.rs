//! ## What it does
//! Reports a document whose sequence of sections differs from the one most documents of its
//! family (same template, same language) have: a section missing, a section the others do
//! not have, or a section out of place. Sections are identified by their role ("what is a
//! cookie", "cookies used on the platform", one per cookie category, ...), or by their
//! heading when its wording is not known, and named in the message by the heading most of
//! the documents having the section give it (a tie going to the wording met first in path
//! order), not by one document's wording. A baseline records a missing section by its role
//! (or its heading's comparison key) and occurrence, so editing another document's heading
//! does not make the finding new.
//!
//! A section is usual in a family when more than `majority` (default half) of its members
//! have it, and out of the usual structure when more than that share lack it; with the
//! default majority, a section exactly half the members have is neither, and is not judged
//! (with another, a band of sections is never judged, or a section may be both). The usual
//! order is the order of the usual sections' mean positions, and a
//! section out of place is reported only when a majority of members follow that order (with
//! no agreed order, moves are not judged). Families smaller than `min-family-size` (default
//! 3) are not judged.
//!
//! ## Why it matters
//! A section missing from one variant of a template is usually a copy-and-paste accident:
//! the variant without its "cookies used on the platform" section no longer says which
//! platform it is about.
//!
//! ## Example
//! With three other documents of the family having a section "A quoi servent les cookies
//! sur la plateforme" between "Qu'est-ce qu'un cookie ?" and the cookie table, failing:
//! ```text
//! Charte cookies
//!
//! Qu'est-ce qu'un cookie ?
//!
//! Un cookie est ...
//!
//! Cookies nécessaires au bon fonctionnement de la plateforme
//! ```
//! Passing: the same document with the missing section restored.
//!
//! ## Fix
//! Restore, remove or move the section so that the document follows its template.

use rustc_hash::FxHashSet;

use crate::corpus::align::{align, gaps};
use crate::corpus::{
    related, section_name, Consensus, CorpusContext, CorpusEmitter, DocumentSummary, Family, Place,
    SectionSlot, SectionSummary, SlotId,
};
use crate::normalize;

/// Compares every judged document's sections with its family's usual ones.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    for (d, doc) in cx.documents() {
        let Some((family, consensus)) = cx.consensus(d) else {
            continue;
        };
        let report = Report {
            cx,
            doc,
            family,
            consensus,
        };
        report.run(out);
    }
}

struct Report<'c, 'a> {
    cx: &'c CorpusContext<'a>,
    doc: &'c DocumentSummary,
    family: &'c Family,
    consensus: &'c Consensus,
}

impl Report<'_, '_> {
    fn run(&self, out: &mut CorpusEmitter<'_>) {
        let usual = &self.consensus.sections.slots;
        let usual_set: FxHashSet<&SectionSlot> = usual.iter().collect();
        // The document's usual sections, in its order; the others are extra.
        let mut mine: Vec<&SectionSummary> = Vec::new();
        for section in self.doc.body() {
            if usual_set.contains(&section.slot) {
                mine.push(section);
            } else if self.consensus.unusual.contains(&section.slot) {
                // Only where most members lack it: half the family having a section is no
                // usual structure to hold the others to.
                self.extra(section, out);
            }
        }
        let present: FxHashSet<SectionSlot> = mine.iter().map(|s| s.slot).collect();
        let steps = align(mine.len(), usual.len(), |i, j| {
            mine.get(i).map(|s| s.slot) == usual.get(j).copied()
        });
        for gap in gaps(&steps) {
            if self.consensus.sections.agreed {
                for section in gap.left.iter().filter_map(|&i| mine.get(i)) {
                    self.moved(section, out);
                }
            }
            for slot in gap.right.iter().filter_map(|&j| usual.get(j)) {
                if present.contains(slot) {
                    continue;
                }
                let place = gap
                    .next_left
                    .and_then(|i| mine.get(i).copied())
                    .or_else(|| self.doc.body().last())
                    .map_or_else(|| self.doc.start(), |s| s.place);
                self.missing(*slot, place, out);
            }
        }
    }

    fn extra(&self, section: &SectionSummary, out: &mut CorpusEmitter<'_>) {
        let name = section_name(self.doc.heading(section), section.slot);
        let _ = out
            .emit(
                self.doc,
                section.place,
                format!(
                    "the section {name} is not in the usual structure of the {}",
                    self.cx.describe(self.family)
                ),
                format!("extra {name}"),
            )
            .help("most documents of the family have no such section; remove it, or add it to the template");
    }

    fn missing(&self, slot: SectionSlot, place: Place, out: &mut CorpusEmitter<'_>) {
        let holder = self.holder(slot);
        let heading = holder.map_or("", |(d, s)| d.heading(s));
        let name = section_name(heading, slot);
        let present = self.consensus.slots.get(&slot).map_or(0, |s| s.present);
        let mut diagnostic = out
            .emit(
                self.doc,
                place,
                format!(
                    "the section {name} is missing here: {present} of the {} have it",
                    self.cx.describe(self.family),
                ),
                missing_fingerprint(slot, heading),
            )
            .help("restore the section from the template");
        if let Some((holder, section)) = holder {
            diagnostic = diagnostic.related(related(
                holder,
                section.place,
                "the section in another document",
            ));
        }
        drop(diagnostic);
    }

    fn moved(&self, section: &SectionSummary, out: &mut CorpusEmitter<'_>) {
        let usual = &self.consensus.sections.slots;
        let name = section_name(self.doc.heading(section), section.slot);
        let after = usual
            .iter()
            .position(|s| *s == section.slot)
            .and_then(|p| p.checked_sub(1))
            .and_then(|p| usual.get(p))
            .map(|previous| {
                let heading = self.holder(*previous).map_or("", |(d, s)| d.heading(s));
                format!("after {}", section_name(heading, *previous))
            })
            .unwrap_or_else(|| "first".to_owned());
        let _ = out
            .emit(
                self.doc,
                section.place,
                format!(
                    "the section {name} is out of place: {} of the {} have it {after}",
                    self.consensus.sections.followed_by,
                    self.cx.describe(self.family)
                ),
                format!("moved {name}"),
            )
            .help("move the section to where the template has it");
    }

    /// A member having `slot` with the family's usual heading, with that section.
    fn holder(&self, slot: SectionSlot) -> Option<(&DocumentSummary, &SectionSummary)> {
        let (doc, index) = self.consensus.slots.get(&slot)?.holder;
        let holder = self.cx.summary(doc)?;
        Some((holder, holder.sections.get(index)?))
    }
}

/// The fingerprint of a missing section: the slot it fills (its role, or for a section of
/// unknown role the comparison key of its heading, which every member having it shares) and
/// which occurrence it is. It depends neither on how the members having the section word or
/// number its heading nor on which of them is quoted, so that editing another document
/// does not make this document's finding new against a baseline.
fn missing_fingerprint(slot: SectionSlot, usual_heading: &str) -> String {
    let id = match slot.id {
        SlotId::Role(role) => role.as_str().to_owned(),
        SlotId::Heading(_) => format!("\"{}\"", normalize::key(usual_heading)),
        SlotId::Opening => "opening".to_owned(),
    };
    match slot.occurrence {
        0 => format!("missing {id}"),
        n => format!("missing {id} #{}", u64::from(n) + 1),
    }
}
