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

use crate::corpus::mask::{distinctive_labels, host};
use crate::corpus::{related, CorpusContext, CorpusEmitter, DocumentSummary, PlatformSummary};

/// Groups documents by platform URL and language: the documents naming a platform, sorted
/// by (URL, language) keeping path order within a group; a group is a run of that list.
/// Groups are reported in the path order of their first member.
pub fn check(cx: &CorpusContext<'_>, out: &mut CorpusEmitter<'_>) {
    fn key(doc: &DocumentSummary) -> (&str, Option<crate::lang::Language>) {
        (
            doc.platform
                .as_ref()
                .map_or("", PlatformSummary::normalized),
            doc.language,
        )
    }
    let mut named: Vec<(usize, &DocumentSummary)> = cx
        .documents()
        .map(|(_, doc)| doc)
        .filter(|doc| doc.platform.is_some())
        .enumerate()
        .collect();
    named.sort_by(|(_, a), (_, b)| key(a).cmp(&key(b)));
    let mut groups: Vec<(usize, Vec<&DocumentSummary>)> = named
        .chunk_by(|(_, a), (_, b)| key(a) == key(b))
        .filter(|run| run.len() > 1)
        .map(|run| {
            let first = run.iter().map(|&(n, _)| n).min().unwrap_or(0);
            (first, run.iter().map(|&(_, doc)| doc).collect())
        })
        .collect();
    drop(named);
    groups.sort_by_key(|&(first, _)| first);
    for (_, group) in &groups {
        report(group, out);
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
    for doc in group {
        if judged_by_owner && owns(doc) {
            continue;
        }
        // The document it clashes with: an owner if there is one, else any other; never an
        // identical copy.
        let other = owners
            .iter()
            .chain(group.iter())
            .find(|o| o.path != doc.path && o.content != doc.content);
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
