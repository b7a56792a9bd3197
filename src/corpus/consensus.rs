//! A family's consensus: what most of its members say.
//!
//! "Most" is a share strictly above the configured majority (default one half) of the
//! members counted. Where no value reaches it, the consensus records that there is no
//! majority instead of picking one, and the rules report nothing there. Everything is
//! counted with hash maps in one pass over the members, so building a consensus is linear
//! in the size of the family's summaries.
//!
//! - Sections: a slot is usual when a majority of members have it; the usual sequence is the
//!   usual slots ordered by their mean position in the members that have them, and that
//!   order is agreed when a majority of members follow it (comparing only the usual slots
//!   each member has). A usual slot's passages (heading, paragraphs, header cells) are
//!   voted position by position over all members.
//! - Cookies: a cookie is usual when a majority of members declare it; each of its fields is
//!   voted over the members that declare it with a value for that field, and only when
//!   there are at least `min_family_size` of them.

use rustc_hash::{FxHashMap, FxHashSet};

use super::summary::{CookieSummary, DocumentSummary, Field, PassageKind, SectionSlot};
use crate::config::CorpusSettings;

/// Whether `count` of `of` is a majority under `settings`.
pub fn is_majority(count: usize, of: usize, settings: &CorpusSettings) -> bool {
    of > 0 && count as f64 > settings.majority * of as f64
}

/// The usual passage at one position of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsualPassage {
    /// Hash of the usual masked key.
    pub key: u64,
    /// What kind of text it is.
    pub kind: PassageKind,
    /// How many members have it there.
    pub count: usize,
    /// A member that has it (summary index), with the section and passage index there.
    pub holder: (usize, usize, usize),
}

/// The consensus on one section slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotConsensus {
    /// How many members have the section.
    pub present: usize,
    /// A member that has it with its usual heading (summary index), and the section's
    /// index there: the heading wording (masked key) most of the members having the
    /// section use, a tie going to the wording met first in path order, and of the members
    /// using it the first in path order. Messages name the section with this heading, so
    /// they quote the family's wording rather than one member's.
    pub holder: (usize, usize),
    /// Per position: the usual passage, or `None` where there is no majority.
    pub passages: Vec<Option<UsualPassage>>,
}

/// The consensus on one field of one cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldVerdict {
    /// A majority of the declaring members give this value.
    Usual {
        /// Hash of its masked key.
        key: u64,
        /// How many give it.
        count: usize,
        /// How many give a value at all.
        of: usize,
        /// A member that gives it (summary index).
        holder: usize,
    },
    /// Enough members give a value, but none has a majority.
    NoMajority {
        /// How many give a value.
        of: usize,
    },
    /// Fewer than `min_family_size` members give a value.
    TooFew,
}

/// The consensus on one cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieConsensus {
    /// The name as first declared.
    pub name: String,
    /// How many members declare it.
    pub declared: usize,
    /// Whether a majority of members declare it.
    pub usual: bool,
    /// The first member declaring it (summary index).
    pub holder: usize,
    /// Verdicts on [`Field::ALL`], in that order.
    pub fields: [FieldVerdict; 5],
}

impl CookieConsensus {
    /// The verdict on `field`.
    pub fn field(&self, field: Field) -> FieldVerdict {
        self.fields
            .get(field as usize)
            .copied()
            .unwrap_or(FieldVerdict::TooFew)
    }
}

/// The usual section sequence of a family.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionOrder {
    /// The slots a majority of members have, in their usual order.
    pub slots: Vec<SectionSlot>,
    /// How many members have the usual slots they have in that order.
    pub followed_by: usize,
    /// Whether `followed_by` is a majority (otherwise the order is not judged).
    pub agreed: bool,
}

/// What most members of a family say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consensus {
    /// Number of members.
    pub size: usize,
    /// The usual sections (after the opening), in their usual order.
    pub sections: SectionOrder,
    /// Slots a majority of members have.
    pub slots: FxHashMap<SectionSlot, SlotConsensus>,
    /// Slots some members have and a majority lack: out of the usual structure. A slot
    /// neither usual nor unusual (half the members have it) is not judged.
    pub unusual: FxHashSet<SectionSlot>,
    /// Every cookie a member declares, by name key.
    pub cookies: FxHashMap<String, CookieConsensus>,
    /// The keys of the usual ones, sorted: a few, where `cookies` grows with the family
    /// (every one-off name of every member), so rules that visit each member read these.
    usual: Vec<String>,
}

impl Consensus {
    /// Usual cookie keys, sorted.
    pub fn usual_cookies(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.usual.iter().map(String::as_str)
    }
}

/// Builds the consensus of the members (summary indexes, in path order).
pub fn build(
    summaries: &[DocumentSummary],
    members: &[usize],
    settings: &CorpusSettings,
) -> Consensus {
    let size = members.len();
    let docs = || {
        members
            .iter()
            .filter_map(|&m| summaries.get(m).map(|s| (m, s)))
    };

    let (slots, unusual) = slot_consensus(docs(), size, settings);
    let sections = section_order(docs().map(|(_, s)| s), &slots, size, settings);
    let cookies = cookie_consensus(docs(), size, settings);
    let mut usual: Vec<String> = cookies
        .iter()
        .filter(|(_, c)| c.usual)
        .map(|(k, _)| k.clone())
        .collect();
    usual.sort_unstable();
    Consensus {
        size,
        sections,
        slots,
        unusual,
        cookies,
        usual,
    }
}

/// Orders the usual slots by mean position and counts the members that follow that order.
fn section_order<'a>(
    docs: impl Iterator<Item = &'a DocumentSummary> + Clone,
    slots: &FxHashMap<SectionSlot, SlotConsensus>,
    size: usize,
    settings: &CorpusSettings,
) -> SectionOrder {
    let usual = |slot: &SectionSlot| slot.id != super::SlotId::Opening && slots.contains_key(slot);
    // Sum of positions (among each member's usual slots) and count, per slot.
    let mut positions: FxHashMap<SectionSlot, (usize, usize)> = FxHashMap::default();
    for doc in docs.clone() {
        for (position, section) in doc.body().iter().filter(|s| usual(&s.slot)).enumerate() {
            let entry = positions.entry(section.slot).or_default();
            entry.0 += position;
            entry.1 += 1;
        }
    }
    let mut order: Vec<(SectionSlot, f64)> = positions
        .into_iter()
        .map(|(slot, (sum, count))| (slot, sum as f64 / count.max(1) as f64))
        .collect();
    order.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let ordered: Vec<SectionSlot> = order.into_iter().map(|(slot, _)| slot).collect();
    let followed_by = docs
        .filter(|doc| {
            let mine = doc.body().iter().map(|s| s.slot).filter(|s| usual(s));
            mine.eq(ordered
                .iter()
                .copied()
                .filter(|s| doc.section(*s).is_some()))
        })
        .count();
    SectionOrder {
        agreed: is_majority(followed_by, size, settings),
        slots: ordered,
        followed_by,
    }
}

/// Passage key -> (count, kind, first holder: member, section, passage).
type Tally = FxHashMap<u64, (usize, PassageKind, (usize, usize, usize))>;

/// Value key -> (count, first member giving it).
pub type ValueCounts = FxHashMap<u64, (usize, usize)>;

/// Heading key -> (count, rank in path order of the first member using it, that member
/// and the section's index there).
type HeadingTally = FxHashMap<u64, (usize, usize, (usize, usize))>;

/// What is counted for one section slot.
struct SlotTally {
    /// Members having the slot.
    present: usize,
    /// The first of them and the section's index there.
    holder: (usize, usize),
    /// The wordings of its heading among them.
    headings: HeadingTally,
    /// Per position: members with a passage there, and the tally of their keys.
    positions: Vec<(usize, Tally)>,
}

/// The usual slots, and the unusual ones (see [`Consensus::unusual`]).
fn slot_consensus<'a>(
    docs: impl Iterator<Item = (usize, &'a DocumentSummary)>,
    size: usize,
    settings: &CorpusSettings,
) -> (
    FxHashMap<SectionSlot, SlotConsensus>,
    FxHashSet<SectionSlot>,
) {
    let mut tallies: FxHashMap<SectionSlot, SlotTally> = FxHashMap::default();
    // `rank` is the member's place in path order: summary indexes follow the caller's order.
    for (rank, (m, s)) in docs.enumerate() {
        for (index, section) in s.sections.iter().enumerate() {
            let entry = tallies.entry(section.slot).or_insert_with(|| SlotTally {
                present: 0,
                holder: (m, index),
                headings: FxHashMap::default(),
                positions: Vec::new(),
            });
            entry.present += 1;
            if let Some(heading) = s
                .passages(section)
                .first()
                .filter(|p| matches!(p.kind(), PassageKind::Heading | PassageKind::Title))
            {
                entry
                    .headings
                    .entry(heading.key())
                    .or_insert((0, rank, (m, index)))
                    .0 += 1;
            }
            for (p, passage) in s.passages(section).iter().enumerate() {
                if entry.positions.len() <= p {
                    entry.positions.push((0, FxHashMap::default()));
                }
                if let Some((present, tally)) = entry.positions.get_mut(p) {
                    *present += 1;
                    tally
                        .entry(passage.key())
                        .or_insert((0, passage.kind(), (m, index, p)))
                        .0 += 1;
                }
            }
        }
    }
    let unusual = tallies
        .iter()
        .filter(|(_, t)| is_majority(size.saturating_sub(t.present), size, settings))
        .map(|(slot, _)| *slot)
        .collect();
    let usual = tallies
        .into_iter()
        .filter(|(_, t)| is_majority(t.present, size, settings))
        .map(|(slot, t)| {
            let passages = t
                .positions
                .into_iter()
                .take_while(|(present, _)| is_majority(*present, size, settings))
                .map(|(_, tally)| {
                    tally
                        .into_iter()
                        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .2.cmp(&a.1 .2)))
                        .filter(|(_, (count, _, _))| is_majority(*count, size, settings))
                        .map(|(key, (count, kind, holder))| UsualPassage {
                            key,
                            kind,
                            count,
                            holder,
                        })
                })
                .collect();
            (
                slot,
                SlotConsensus {
                    present: t.present,
                    holder: usual_heading(t.headings).unwrap_or(t.holder),
                    passages,
                },
            )
        })
        .collect();
    (usual, unusual)
}

/// The member and section index holding the most used heading wording, a tie going to the
/// wording met first in path order (so that the choice does not depend on the order the
/// summaries were made in).
fn usual_heading(headings: HeadingTally) -> Option<(usize, usize)> {
    headings
        .into_values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, holder)| holder)
}

/// The consensus on each cookie of a family. Its holder (whose row messages quote) is the
/// first member, in path order, whose row gives the most of the usual values: every one,
/// when a member does; the members are visited again only for the cookies whose first
/// declaring member departs from the consensus.
fn cookie_consensus<'a>(
    docs: impl Iterator<Item = (usize, &'a DocumentSummary)> + Clone,
    size: usize,
    settings: &CorpusSettings,
) -> FxHashMap<String, CookieConsensus> {
    struct CookieTally {
        name: String,
        declared: usize,
        holder: usize,
        fields: [ValueCounts; 5],
    }
    let mut tallies: FxHashMap<String, CookieTally> = FxHashMap::default();
    for (m, s) in docs.clone() {
        for cookie in &s.cookies {
            let tally = tallies
                .entry(cookie.key().to_string())
                .or_insert_with(|| CookieTally {
                    name: cookie.name().to_string(),
                    declared: 0,
                    holder: m,
                    fields: Default::default(),
                });
            tally.declared += 1;
            for (field, counts) in Field::ALL.into_iter().zip(tally.fields.iter_mut()) {
                if let Some(value) = cookie.field(field) {
                    counts.entry(value.key).or_insert((0, m)).0 += 1;
                }
            }
        }
    }
    let mut cookies: FxHashMap<String, CookieConsensus> = tallies
        .into_iter()
        .map(|(key, t)| {
            let fields = t.fields.map(|counts| field_verdict(counts, settings));
            let consensus = CookieConsensus {
                name: t.name,
                declared: t.declared,
                usual: is_majority(t.declared, size, settings),
                holder: t.holder,
                fields,
            };
            (key, consensus)
        })
        .collect();
    // How many usual values a member's row gives.
    let agreement = |c: &CookieConsensus, cookie: &CookieSummary| {
        Field::ALL
            .into_iter()
            .zip(&c.fields)
            .filter(|(field, verdict)| match verdict {
                FieldVerdict::Usual { key, .. } => {
                    cookie.field(*field).is_some_and(|v| v.key == *key)
                }
                _ => false,
            })
            .count()
    };
    let usual_values = |c: &CookieConsensus| {
        c.fields
            .iter()
            .filter(|v| matches!(v, FieldVerdict::Usual { .. }))
            .count()
    };
    // The cookies whose first holder departs: the best row met so far (member, score, the
    // name as it writes it).
    let mut better: FxHashMap<&'a str, (usize, usize, &'a str)> = FxHashMap::default();
    for (m, s) in docs.clone() {
        for cookie in &s.cookies {
            if let Some(c) = cookies.get(cookie.key()) {
                if m == c.holder {
                    let score = agreement(c, cookie);
                    if score < usual_values(c) {
                        better
                            .entry(cookie.key())
                            .or_insert((m, score, cookie.name()));
                    }
                }
            }
        }
    }
    if !better.is_empty() {
        for (m, s) in docs {
            for cookie in &s.cookies {
                let (Some(best), Some(c)) =
                    (better.get_mut(cookie.key()), cookies.get(cookie.key()))
                else {
                    continue;
                };
                let score = agreement(c, cookie);
                if score > best.1 {
                    *best = (m, score, cookie.name());
                }
            }
        }
        for (key, (holder, _, name)) in better {
            if let Some(c) = cookies.get_mut(key) {
                c.holder = holder;
                c.name = name.to_owned();
            }
        }
    }
    cookies
}

/// The verdict on one field from its value counts (value key -> count, first holder).
pub fn field_verdict(counts: ValueCounts, settings: &CorpusSettings) -> FieldVerdict {
    let of: usize = counts.values().map(|(c, _)| c).sum();
    if of < settings.min_family_size.max(1) {
        return FieldVerdict::TooFew;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .filter(|(_, (count, _))| is_majority(*count, of, settings))
        .map_or(FieldVerdict::NoMajority { of }, |(key, (count, holder))| {
            FieldVerdict::Usual {
                key,
                count,
                of,
                holder,
            }
        })
}
