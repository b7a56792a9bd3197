//! Grouping documents into families (one template, one language) and linking translations.
//!
//! A template is recognised by its wording: each document's set of passage hashes (title,
//! headings, paragraphs, header cells, all masked) is compared with the first document of
//! each template already met in its language, found through an inverted index from hash to
//! template, so a document is only compared with templates it shares text with. It joins
//! the template with which it shares the most, when that is at least half of the larger of
//! the two sets; otherwise it starts a new template. Documents are visited in path order,
//! so the result is deterministic. The cost is linear in the number of passages times the
//! (small) number of templates sharing a passage.
//!
//! A family in one language is linked as a translation of a family in another language
//! when both have the same table columns (the template's shape) and share cookies; the
//! larger family (with a consensus) is taken as the original (see `translation`,
//! which finds it through an index rather than by comparing every pair of families).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::consensus::{self, Consensus, FieldVerdict, ValueCounts};
use super::summary::{ColumnRoles, DocumentSummary, Field};
use super::translation::{self, LinkFamily};
use crate::config::CorpusSettings;
use crate::lang::Language;
use crate::vocab::ColumnRole;

/// Documents of one template in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    /// Its index in [`super::CorpusContext::families`].
    pub id: usize,
    /// The language of its documents.
    pub language: Option<Language>,
    /// Its members (summary indexes), in path order.
    pub members: Vec<usize>,
    /// The column roles of its usual tables (sorted), the template's shape.
    pub columns: Vec<ColumnRole>,
    /// The family it translates (another language, larger), if any.
    pub translation_of: Option<usize>,
    /// What most members say; `None` when the family is smaller than `min_family_size`.
    pub consensus: Option<Consensus>,
}

struct Template {
    family: usize,
    representative: Vec<u64>,
}

/// Groups the documents (visited in `order`) into families, builds their consensus and
/// links translations. Returns the families and each summary's family.
pub fn families(
    summaries: &[DocumentSummary],
    order: &[usize],
    settings: &CorpusSettings,
) -> (Vec<Family>, Vec<usize>) {
    let mut families: Vec<Family> = Vec::new();
    let mut family_of = vec![0; summaries.len()];
    let mut templates: Vec<Template> = Vec::new();
    let mut index: FxHashMap<(Option<Language>, u64), Vec<usize>> = FxHashMap::default();
    for &d in order {
        let Some(summary) = summaries.get(d) else {
            continue;
        };
        let passages = passage_set(summary);
        let best = sharing_templates(&index, &templates, summary.language, &passages)
            .into_iter()
            .filter_map(|(t, count)| {
                let larger = templates.get(t)?.representative.len().max(passages.len());
                (count * 2 >= larger && larger > 0).then_some((t, count as f64 / larger as f64))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let family = match best.and_then(|(t, _)| templates.get(t)) {
            Some(template) => template.family,
            None => {
                let id = families.len();
                let t = templates.len();
                for hash in &passages {
                    index.entry((summary.language, *hash)).or_default().push(t);
                }
                templates.push(Template {
                    family: id,
                    representative: passages,
                });
                families.push(Family {
                    id,
                    language: summary.language,
                    members: Vec::new(),
                    columns: Vec::new(),
                    translation_of: None,
                    consensus: None,
                });
                id
            }
        };
        if let Some(f) = families.get_mut(family) {
            f.members.push(d);
        }
        if let Some(slot) = family_of.get_mut(d) {
            *slot = family;
        }
    }
    families.par_iter_mut().for_each(|family| {
        family.columns = usual_columns(summaries, &family.members);
        if family.members.len() >= settings.min_family_size.max(1) {
            family.consensus = Some(consensus::build(summaries, &family.members, settings));
        }
    });
    link_translations(summaries, &mut families);
    (families, family_of)
}

/// The templates in `language` that share at least half of `passages` (sorted, distinct)
/// with a document, and how many each shares: every template that could take the document.
///
/// A template sharing at least half of the n passages appears in the index lists of at
/// least ceil(n/2) of them, hence in at least one of any n/2 + 1 (rounded down) of them:
/// only the shortest such lists are walked (prefix filtering), then each template found
/// is counted exactly by merging its representative with the passages. Boilerplate shared
/// by every template thus costs nothing as long as most of a document's passages are
/// rarer. The worst case remains quadratic: documents more than half of whose passages
/// are each shared by many templates, yet which join none of them (each template being
/// much larger than the document), walk those long lists.
fn sharing_templates(
    index: &FxHashMap<(Option<Language>, u64), Vec<usize>>,
    templates: &[Template],
    language: Option<Language>,
    passages: &[u64],
) -> Vec<(usize, usize)> {
    let mut lists: Vec<&[usize]> = passages
        .iter()
        .map(|hash| index.get(&(language, *hash)).map_or(&[][..], Vec::as_slice))
        .collect();
    lists.sort_unstable_by_key(|list| list.len());
    let mut candidates: Vec<usize> = lists
        .into_iter()
        .take(passages.len() / 2 + 1)
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    candidates
        .into_iter()
        .filter_map(|t| {
            let representative = &templates.get(t)?.representative;
            Some((t, common_count(representative, passages)))
        })
        .collect()
}

/// The number of values two sorted, distinct lists have in common.
fn common_count(a: &[u64], b: &[u64]) -> usize {
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    let mut count = 0;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                count += 1;
                a.next();
                b.next();
            }
        }
    }
    count
}

/// The distinct passage hashes of a document, sorted.
fn passage_set(summary: &DocumentSummary) -> Vec<u64> {
    let mut set: Vec<u64> = summary
        .sections
        .iter()
        .flat_map(|s| summary.passages(s).iter().map(|p| p.key()))
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

/// The most frequent column-role set among the members (ties: the smallest).
fn usual_columns(summaries: &[DocumentSummary], members: &[usize]) -> Vec<ColumnRole> {
    let mut counts: FxHashMap<ColumnRoles, usize> = FxHashMap::default();
    for s in members.iter().filter_map(|&m| summaries.get(m)) {
        *counts.entry(s.columns).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(roles, n)| (roles.iter().collect::<Vec<ColumnRole>>(), n))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(roles, _)| roles)
        .unwrap_or_default()
}

/// Links each family to the larger family in another language with the same columns that
/// shares the most usual cookies with it (see the `translation` module).
fn link_translations(summaries: &[DocumentSummary], families: &mut [Family]) {
    let links = {
        let sides: Vec<LinkFamily<'_>> = families
            .iter()
            .map(|f| {
                let declared: FxHashSet<&str> = f
                    .members
                    .iter()
                    .filter_map(|&m| summaries.get(m))
                    .flat_map(|s| s.cookies.iter().map(|c| c.key()))
                    .collect();
                LinkFamily {
                    id: f.id,
                    language: f.language,
                    size: f.members.len(),
                    columns: &f.columns,
                    declared: declared.into_iter().collect(),
                    usual: f.consensus.as_ref().map(|c| c.usual_cookies().collect()),
                }
            })
            .collect();
        translation::originals(&sides)
    };
    for (family, link) in families.iter_mut().zip(links) {
        family.translation_of = link;
    }
}

/// Verdicts on the language-neutral fields of each cookie over the whole corpus, for
/// documents whose own family cannot judge (too small, or too few declarations).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Global {
    /// Cookie key -> verdicts on [`Field::ALL`] (only language-neutral ones are computed).
    pub cookies: FxHashMap<String, [FieldVerdict; 5]>,
}

impl Global {
    /// Counts the language-neutral fields of every cookie of every document.
    pub fn new(summaries: &[DocumentSummary], order: &[usize], settings: &CorpusSettings) -> Self {
        let mut counts: FxHashMap<&str, [ValueCounts; 5]> = FxHashMap::default();
        for &d in order {
            let Some(s) = summaries.get(d) else { continue };
            for cookie in &s.cookies {
                let tally = counts.entry(cookie.key()).or_default();
                for field in Field::ALL.into_iter().filter(|f| f.is_language_neutral()) {
                    if let (Some(value), Some(count)) =
                        (cookie.field(field), tally.get_mut(field as usize))
                    {
                        count.entry(value.key).or_insert((0, d)).0 += 1;
                    }
                }
            }
        }
        let cookies = counts
            .into_iter()
            .map(|(key, tally)| {
                (
                    key.to_owned(),
                    tally.map(|counts| {
                        if counts.is_empty() {
                            FieldVerdict::TooFew
                        } else {
                            consensus::field_verdict(counts, settings)
                        }
                    }),
                )
            })
            .collect();
        Global { cookies }
    }

    /// The corpus-wide verdict on `field` of cookie `key`.
    pub fn verdict(&self, key: &str, field: Field) -> FieldVerdict {
        self.cookies
            .get(key)
            .and_then(|v| v.get(field as usize))
            .copied()
            .unwrap_or(FieldVerdict::TooFew)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The templates `sharing_templates` returns include every one sharing at least half
        /// of the passages, with the count of the plain walk over every index list.
        #[test]
        fn sharing_templates_finds_every_possible_template(
            reps in proptest::collection::vec(proptest::collection::btree_set(0..12u64, 0..8), 0..12),
            doc in proptest::collection::btree_set(0..12u64, 0..8),
        ) {
            let templates: Vec<Template> = reps
                .into_iter()
                .enumerate()
                .map(|(family, set)| Template { family, representative: set.into_iter().collect() })
                .collect();
            let mut index: FxHashMap<(Option<Language>, u64), Vec<usize>> = FxHashMap::default();
            for (t, template) in templates.iter().enumerate() {
                for &hash in &template.representative {
                    index.entry((None, hash)).or_default().push(t);
                }
            }
            let passages: Vec<u64> = doc.into_iter().collect();
            let mut plain: FxHashMap<usize, usize> = FxHashMap::default();
            for hash in &passages {
                for &t in index.get(&(None, *hash)).into_iter().flatten() {
                    *plain.entry(t).or_default() += 1;
                }
            }
            let found: FxHashMap<usize, usize> =
                sharing_templates(&index, &templates, None, &passages).into_iter().collect();
            for (t, count) in &found {
                prop_assert_eq!(plain.get(t).copied().unwrap_or_default(), *count);
            }
            for (t, count) in plain {
                if count * 2 >= passages.len() {
                    prop_assert_eq!(found.get(&t).copied(), Some(count));
                }
            }
        }
    }
}
