//! ## What it does
//! Reports a document that names the same platform URL as another document in the same
//! language whose text differs. URLs are compared without scheme, `www.`, case or trailing
//! slash. Translations (the same platform in another language) and identical copies of one
//! file are not reported.
//!
//! When the path of one of the documents names the platform (`regaz` in
//! `fr-regaz.md` for `https://opendata.regaz.fr`) and the others do not, that one is taken
//! as the platform's own policy and only the others are reported; otherwise every
//! document naming the URL is.
//!
//! ## Why it matters
//! Each portal has its own policy: two different policies claiming the same platform
//! usually mean that one was copied from the other and its URL never updated, so the copy
//! now points its readers at someone else's site.
//!
//! ## Example
//! Failing, `fr-paris.md` (a copy of `fr-regaz.md` whose URL was not changed):
//! ```text
//! A quoi servent les cookies sur la plateforme <https://opendata.regaz.fr>
//! ```
//! Passing:
//! ```text
//! A quoi servent les cookies sur la plateforme <https://opendata.paris.fr>
//! ```
//!
//! ## Fix
//! Write the document's own platform URL.

use rustc_hash::FxHashMap;

use crate::corpus::mask::{distinctive_labels, host};
use crate::corpus::{related, CorpusContext, CorpusEmitter, DocumentSummary, PlatformSummary};
use crate::lang::Language;

/// Groups documents by platform URL and language: each document naming a platform joins
/// the group of the first document (in path order) with the same URL and language, found
/// by hashing, so that a large corpus costs one look-up per document rather than a sort by
/// URL. A group keeps path order, and groups are reported in the path order of their first
/// member.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    let named: Vec<(&DocumentSummary, &PlatformSummary)> = cx
        .documents()
        .filter_map(|(_, doc)| Some((doc, doc.platform.as_ref()?)))
        .collect();
    // Per document, its group: the position in `named` of the group's first member.
    let mut first_of: FxHashMap<(&str, Option<Language>), usize> = FxHashMap::default();
    let group: Vec<usize> = named
        .iter()
        .enumerate()
        .map(|(i, (doc, platform))| {
            *first_of
                .entry((platform.normalized(), doc.language))
                .or_insert(i)
        })
        .collect();
    drop(first_of);
    let mut size = vec![0_usize; named.len()];
    for &g in &group {
        if let Some(count) = size.get_mut(g) {
            *count += 1;
        }
    }
    // The members of groups of two or more, by group then path.
    let mut shared: Vec<(usize, usize)> = group
        .iter()
        .enumerate()
        .filter(|&(_, &g)| size.get(g).is_some_and(|&n| n > 1))
        .map(|(i, &g)| (g, i))
        .collect();
    shared.sort_unstable();
    for run in shared.chunk_by(|a, b| a.0 == b.0) {
        let members: Vec<&DocumentSummary> = run
            .iter()
            .filter_map(|&(_, i)| named.get(i).map(|&(doc, _)| doc))
            .collect();
        report(&members, out);
    }
}

fn report(group: &[&DocumentSummary], out: &mut CorpusEmitter<'_>) {
    let Some(url) = group.first().and_then(|d| d.platform.as_ref()) else {
        return;
    };
    let labels = host(url.url()).map(distinctive_labels).unwrap_or_default();
    let owns = |doc: &DocumentSummary| {
        let path = doc.path.to_lowercase();
        labels.iter().any(|l| path.contains(l.as_str()))
    };
    let owners: Vec<&DocumentSummary> = group.iter().copied().filter(|d| owns(d)).collect();
    let judged_by_owner = !owners.is_empty() && owners.len() < group.len();
    // The document each one clashes with: the first owner, else the first other document,
    // whose content differs from its own (never an identical copy, nor itself). That is
    // the first of the candidates if its content differs, else the first whose content
    // differs from the first's: found once, not by a scan of the group per document.
    let mut candidates = owners.iter().chain(group.iter()).copied();
    let first = candidates.next();
    let first_unlike_first = first.and_then(|f| candidates.find(|o| o.content != f.content));
    for doc in group {
        if judged_by_owner && owns(doc) {
            continue;
        }
        let other = match first {
            Some(f) if f.content != doc.content => Some(f),
            _ => first_unlike_first.filter(|o| o.content != doc.content),
        };
        let (Some(other), Some(platform)) = (other, &doc.platform) else {
            continue;
        };
        let mut diagnostic = out
            .emit(
                doc,
                platform.place,
                format!(
                    "the platform {} is also named by {}, whose content differs",
                    platform.url(), other.path
                ),
                format!("platform {}", platform.normalized()),
            )
            .help(if judged_by_owner {
                "the other document's path names this platform: if this document was copied from it, write this document's own platform URL"
            } else {
                "if one document was copied from the other, write its own platform URL; if both describe this platform, keep one"
            });
        if let Some(p) = &other.platform {
            diagnostic = diagnostic.related(related(other, p.place, "the same platform"));
        }
        drop(diagnostic);
    }
}
