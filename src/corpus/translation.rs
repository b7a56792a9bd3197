//! Linking each family to the family it translates.
//!
//! A family in one language is a translation of a larger family (one with more members
//! and a consensus) in another language with the same columns, the one among them whose
//! usual cookies include the most of the cookies the family declares; ties go to the
//! larger, then to the smaller id.
//!
//! Instead of comparing every family with every other, candidate originals are grouped by
//! (language, columns, usual cookies): all the members of a group share the same number of
//! cookies with any family, so only the one that wins the tie-break within the group (most
//! members, then smallest id) can be chosen, and it is a candidate for exactly the families
//! for which any member of its group is. An inverted index from (columns, usual cookie) to
//! groups then lets each family count, for every group it shares a cookie with, how many it
//! shares, without visiting the groups it shares none with.
//!
//! Invariant: the result is the one the plain all-pairs definition above gives.

use rustc_hash::FxHashMap;

use crate::lang::Language;
use crate::vocab::ColumnRole;

/// What linking needs to know about one family.
#[derive(Clone, Debug)]
pub(crate) struct LinkFamily<'a> {
    /// The family's id, returned as the link of the families that translate it.
    pub id: usize,
    /// The language of its documents.
    pub language: Option<Language>,
    /// Its number of members.
    pub size: usize,
    /// The column roles of its usual tables (sorted).
    pub columns: &'a [ColumnRole],
    /// The keys of the cookies its members declare, without repeats.
    pub declared: Vec<&'a str>,
    /// The keys of its usual cookies, sorted and without repeats; `None` without a
    /// consensus.
    pub usual: Option<Vec<&'a str>>,
}

/// The id of the family each family (in order) translates, if any: see the module comment.
///
/// Cost: building the groups and the index is linear in the total number of usual cookies.
/// Each family then visits, for every cookie it declares, the groups with its columns
/// whose usual cookies include that cookie. In realistic corpora a cookie is usual in the
/// templates of a few groups (copies of one template, however many, form one group), so
/// this is near-linear. The worst case remains quadratic: many families declaring a cookie
/// that is usual in many groups with pairwise different usual cookies (say `_ga` usual in
/// thousands of distinct templates, each with its own other cookies) make every such
/// family visit every such group, F × G. No exact scheme avoids this in general: finding,
/// for each set, the set that shares the most with it is maximum inner-product search,
/// for which no exact sub-quadratic method is known.
pub(crate) fn originals(families: &[LinkFamily<'_>]) -> Vec<Option<usize>> {
    originals_counting(families).0
}

/// [`originals`], also returning the number of index entries visited (the work done, for
/// tests).
fn originals_counting(families: &[LinkFamily<'_>]) -> (Vec<Option<usize>>, usize) {
    // The winner of each group: a candidate with more members, then a smaller id, wins.
    let mut group_of: FxHashMap<(Language, &[ColumnRole], &[&str]), usize> = FxHashMap::default();
    let mut winners: Vec<&LinkFamily<'_>> = Vec::new();
    for r in families {
        let (Some(language), Some(usual)) = (r.language, r.usual.as_deref()) else {
            continue;
        };
        if usual.is_empty() {
            // It shares no cookie with any family, so it is never chosen.
            continue;
        }
        match group_of.get(&(language, r.columns, usual)) {
            Some(&g) => {
                if let Some(w) = winners.get_mut(g) {
                    if (r.size, std::cmp::Reverse(r.id)) > (w.size, std::cmp::Reverse(w.id)) {
                        *w = r;
                    }
                }
            }
            None => {
                group_of.insert((language, r.columns, usual), winners.len());
                winners.push(r);
            }
        }
    }
    let mut index: FxHashMap<(&[ColumnRole], &str), Vec<usize>> = FxHashMap::default();
    for (&(_, columns, usual), &g) in &group_of {
        for &key in usual {
            index.entry((columns, key)).or_default().push(g);
        }
    }
    let mut shared = vec![0usize; winners.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut work = 0;
    let links = families
        .iter()
        .map(|f| {
            let language = f.language?;
            for &key in &f.declared {
                for &g in index.get(&(f.columns, key)).into_iter().flatten() {
                    work += 1;
                    if let Some(count) = shared.get_mut(g) {
                        if *count == 0 {
                            touched.push(g);
                        }
                        *count += 1;
                    }
                }
            }
            let mut best: Option<(usize, usize, std::cmp::Reverse<usize>)> = None;
            for g in touched.drain(..) {
                let count = shared.get_mut(g).map(std::mem::take).unwrap_or_default();
                let Some(r) = winners.get(g) else { continue };
                if r.language.is_some_and(|l| l != language) && r.size > f.size {
                    let candidate = (count, r.size, std::cmp::Reverse(r.id));
                    if best.is_none_or(|b| candidate > b) {
                        best = Some(candidate);
                    }
                }
            }
            best.map(|(_, _, std::cmp::Reverse(id))| id)
        })
        .collect();
    (links, work)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The all-pairs definition, as `link_translations` computed it before the index.
    fn reference(families: &[LinkFamily<'_>]) -> Vec<Option<usize>> {
        families
            .iter()
            .map(|f| {
                let language = f.language?;
                families
                    .iter()
                    .filter(|r| {
                        r.language.is_some_and(|l| l != language)
                            && r.size > f.size
                            && r.columns == f.columns
                    })
                    .filter_map(|r| {
                        let usual = r.usual.as_ref()?;
                        let shared = usual.iter().filter(|k| f.declared.contains(k)).count();
                        (shared > 0).then_some((r.id, shared, r.size))
                    })
                    .max_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(&a.0)))
                    .map(|(id, _, _)| id)
            })
            .collect()
    }

    const LANGUAGES: [Option<Language>; 4] = [
        None,
        Some(Language::Fr),
        Some(Language::En),
        Some(Language::Es),
    ];
    const COLUMNS: [&[ColumnRole]; 2] = [
        &[ColumnRole::Name],
        &[ColumnRole::Provider, ColumnRole::Name],
    ];
    const COOKIES: [&str; 6] = ["_ga", "_gid", "sid", "lang", "csrf", "pref"];

    /// Keys of `COOKIES` picked by the bits of `mask`, sorted.
    fn pick(mask: u8) -> Vec<&'static str> {
        let mut keys: Vec<&str> = COOKIES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, k)| *k)
            .collect();
        keys.sort_unstable();
        keys
    }

    /// Families from (language, size, columns, declared mask, usual mask or none).
    fn build(specs: &[(usize, usize, usize, u8, Option<u8>)]) -> Vec<LinkFamily<'static>> {
        specs
            .iter()
            .enumerate()
            .map(
                |(id, &(language, size, columns, declared, usual))| LinkFamily {
                    id,
                    language: LANGUAGES.get(language).copied().flatten(),
                    size,
                    columns: COLUMNS.get(columns).copied().unwrap_or_default(),
                    declared: pick(declared),
                    usual: usual.map(pick),
                },
            )
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Small random corpora (few languages, columns and cookies, so groups and ties are
        /// frequent) give the links of the all-pairs definition.
        #[test]
        fn same_links_as_all_pairs(
            specs in proptest::collection::vec(
                (0..4usize, 1..5usize, 0..2usize, 0..64u8, proptest::option::of(0..64u8)),
                0..24,
            )
        ) {
            let families = build(&specs);
            prop_assert_eq!(originals(&families), reference(&families));
        }
    }

    /// Many copies of a large template in one language and many one-off families in
    /// another: the all-pairs definition did families × families × cookies; the index does
    /// work in proportion to the corpus.
    #[test]
    fn work_grows_linearly_with_copies_of_a_template() {
        let usual: Vec<String> = (0..100).map(|i| format!("cookie_{i}")).collect();
        let work = |n: usize| {
            let families: Vec<LinkFamily<'_>> = (0..2 * n)
                .map(|id| {
                    let english = id < n;
                    LinkFamily {
                        id,
                        language: Some(if english { Language::En } else { Language::Fr }),
                        size: if english { 3 } else { 1 },
                        columns: &[ColumnRole::Name],
                        declared: usual
                            .iter()
                            .take(if english { 100 } else { 5 })
                            .map(String::as_str)
                            .collect(),
                        usual: english.then(|| usual.iter().map(String::as_str).collect()),
                    }
                })
                .collect();
            let (links, work) = originals_counting(&families);
            assert_eq!(links, reference(&families));
            work
        };
        let (small, large) = (work(50), work(200));
        assert!(
            large <= 4 * small,
            "work {small} for 100 families, {large} for 400"
        );
    }
}
