//! The cross-document phase: compares compact per-document summaries.
//!
//! Phase one (per document, parallel) turns each parsed document into a
//! [`DocumentSummary`] with [`summarize`]; [`run`] then groups the summaries into families
//! (one template, one language; see [`family`]), computes each family's consensus (see
//! [`consensus`]) and runs the corpus rules of the rule table over them. This phase never
//! sees whole documents, so memory stays bounded on large corpora, and it does no
//! all-pairs comparison: documents are grouped and counted through hash maps keyed by
//! passage hash, family, cookie name and platform URL, so its cost is near-linear.
//!
//! Invariants: the result depends only on the set of summaries, not on their order or on
//! the number of threads of phase one (documents are visited in path order and every
//! tie is broken by that order); diagnostics come out sorted like per-document ones.

pub mod align;
pub mod consensus;
pub mod diff;
pub mod family;
pub mod inventory;
pub mod mask;
pub mod summary;
mod translation;

pub use consensus::{
    Consensus, CookieConsensus, FieldVerdict, SectionOrder, SlotConsensus, UsualPassage,
};
pub use family::{Family, Global};
pub use summary::{
    summarize, ColumnRoles, CookieName, CookieSummary, DocumentSummary, Field, FieldValue,
    HeadingKey, Passage, PassageKind, Place, PlatformSummary, SectionSlot, SectionSummary, SlotId,
    TableSummary,
};

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::config::CorpusSettings;
use crate::lang::Language;
use crate::lint::diagnostic::{Diagnostic, Related};
use crate::lint::{Check, CorpusCheck, RuleMeta, RuleSettings, Severity, RULES};
use crate::report::Located;
use crate::source::{LineCol, SourceFile};

/// What a corpus rule reads: the summaries, their families with consensus, and the
/// corpus-wide verdicts on language-neutral cookie fields. Built once per run.
pub struct CorpusContext<'a> {
    /// Every document's summary (in the caller's order).
    pub summaries: &'a [DocumentSummary],
    /// Summary indexes sorted by path: the order rules visit documents in.
    pub order: Vec<usize>,
    /// The families, in order of their first member's path.
    pub families: Vec<Family>,
    /// Each summary's family (index into `families`).
    pub family_of: Vec<usize>,
    /// Corpus-wide verdicts on providers and categories.
    pub global: Global,
    /// The thresholds in force.
    pub settings: CorpusSettings,
}

impl<'a> CorpusContext<'a> {
    /// Groups `summaries` into families and computes every consensus.
    pub fn new(summaries: &'a [DocumentSummary], settings: &CorpusSettings) -> Self {
        let mut order: Vec<usize> = (0..summaries.len()).collect();
        order.sort_by(|&a, &b| {
            let path = |i: usize| summaries.get(i).map_or("", |s| &*s.path);
            path(a).cmp(path(b)).then(a.cmp(&b))
        });
        let ((families, family_of), global) = rayon::join(
            || family::families(summaries, &order, settings),
            || Global::new(summaries, &order, settings),
        );
        CorpusContext {
            summaries,
            order,
            families,
            family_of,
            global,
            settings: *settings,
        }
    }

    /// The summary at `index`.
    pub fn summary(&self, index: usize) -> Option<&'a DocumentSummary> {
        self.summaries.get(index)
    }

    /// Every document with its summary index, in path order.
    pub fn documents(&self) -> impl Iterator<Item = (usize, &'a DocumentSummary)> + '_ {
        self.order
            .iter()
            .filter_map(|&i| self.summaries.get(i).map(|s| (i, s)))
    }

    /// The family of the summary at `index`.
    pub fn family(&self, index: usize) -> Option<&Family> {
        self.family_of
            .get(index)
            .and_then(|&f| self.families.get(f))
    }

    /// The family of the summary at `index` and its consensus, when it has one.
    pub fn consensus(&self, index: usize) -> Option<(&Family, &Consensus)> {
        let family = self.family(index)?;
        Some((family, family.consensus.as_ref()?))
    }

    /// "4 documents of its family (French)", for messages.
    pub fn describe(&self, family: &Family) -> String {
        let n = family.members.len();
        format!(
            "{n} {} of its family ({})",
            if n == 1 { "document" } else { "documents" },
            language_name(family.language)
        )
    }
}

/// Collects one corpus rule's diagnostics.
pub struct CorpusEmitter<'a> {
    meta: &'static RuleMeta,
    severity: Severity,
    out: &'a mut Vec<Located>,
}

impl<'a> CorpusEmitter<'a> {
    /// An emitter for the rule `meta` at `severity`, appending to `out`.
    pub fn new(meta: &'static RuleMeta, severity: Severity, out: &'a mut Vec<Located>) -> Self {
        CorpusEmitter {
            meta,
            severity,
            out,
        }
    }

    /// Reports `message` at `place` in `doc` (its line and column are computed by [`locate`]); `fingerprint` identifies the finding for
    /// baselines independently of line numbers and of the rest of the corpus. The
    /// diagnostic is recorded when the returned builder is dropped.
    pub fn emit(
        &mut self,
        doc: &DocumentSummary,
        place: Place,
        message: impl Into<String>,
        fingerprint: impl Into<String>,
    ) -> CorpusDiagnosticBuilder<'_> {
        CorpusDiagnosticBuilder {
            located: Some(Located {
                diagnostic: Diagnostic {
                    code: self.meta.code,
                    rule: self.meta.name,
                    severity: self.severity,
                    file: doc.path.to_string(),
                    span: place.span(),
                    message: message.into(),
                    help: None,
                    related: Vec::new(),
                    fingerprint: fingerprint.into(),
                },
                start: UNPLACED,
                end: UNPLACED,
            }),
            out: self.out,
        }
    }
}

/// A related location at `place` in `doc`.
pub fn related(doc: &DocumentSummary, place: Place, message: impl Into<String>) -> Related {
    Related {
        file: doc.path.to_string(),
        span: place.span(),
        line: UNPLACED.line,
        column: UNPLACED.column,
        message: message.into(),
    }
}

/// A corpus diagnostic being built; recorded when dropped.
pub struct CorpusDiagnosticBuilder<'e> {
    located: Option<Located>,
    out: &'e mut Vec<Located>,
}

impl CorpusDiagnosticBuilder<'_> {
    /// Sets the help text.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(l) = self.located.as_mut() {
            l.diagnostic.help = Some(help.into());
        }
        self
    }

    /// Adds a related location.
    pub fn related(mut self, related: Related) -> Self {
        if let Some(l) = self.located.as_mut() {
            l.diagnostic.related.push(related);
        }
        self
    }
}

impl Drop for CorpusDiagnosticBuilder<'_> {
    fn drop(&mut self) {
        if let Some(l) = self.located.take() {
            self.out.push(l);
        }
    }
}

/// Runs the enabled corpus rules over the summaries; returns their diagnostics, located
/// and sorted like per-document ones (file, position, code, message). Families and rules
/// are independent tasks on the current rayon pool (the caller's `install`, else rayon's
/// global pool); the result does not depend on the number of threads.
pub fn run(
    summaries: &[DocumentSummary],
    rules: &RuleSettings,
    settings: &CorpusSettings,
    sources: &Sources<'_>,
) -> Vec<Located> {
    let any_enabled = RULES
        .iter()
        .enumerate()
        .any(|(i, r)| matches!(r.check, Check::Corpus(_)) && rules.is_enabled(i));
    if !any_enabled || summaries.len() < 2 {
        return Vec::new();
    }
    let mut found = run_rules(&CorpusContext::new(summaries, settings), rules);
    locate(&mut found, summaries, sources);
    found
}

/// Runs the enabled corpus rules over an analysed corpus, sorted; lines and columns are not
/// computed yet (see [`locate`]).
pub fn run_rules(cx: &CorpusContext<'_>, rules: &RuleSettings) -> Vec<Located> {
    use rayon::prelude::*;
    // Rules run in parallel, each into its own list; the lists are joined in rule order,
    // so the (stable) sort sees the same sequence whatever the number of threads.
    let enabled: Vec<(&RuleMeta, Severity, CorpusCheck)> = RULES
        .iter()
        .enumerate()
        .filter_map(|(index, rule)| match rule.check {
            Check::Corpus(check) if rules.is_enabled(index) => {
                Some((&rule.meta, rules.severity(index), check))
            }
            Check::Corpus(_) | Check::Document(_) => None,
        })
        .collect();
    // One rule per task: a few rules take most of the time.
    let found: Vec<Vec<Located>> = enabled
        .par_iter()
        .with_max_len(1)
        .map(|&(meta, severity, check)| {
            let mut out = Vec::new();
            check(cx, &mut CorpusEmitter::new(meta, severity, &mut out));
            out
        })
        .collect();
    let mut out: Vec<Located> = found.into_iter().flatten().collect();
    sort(&mut out);
    out
}

/// Reads documents again, for [`locate`]: given paths, their texts, in the same order
/// (`None` for one that cannot be read). It is asked for at most [`LOCATE_BATCH`] at a time.
pub type Sources<'a> = dyn Fn(&[&str]) -> Vec<Option<SourceFile>> + 'a;

/// How many documents [`locate`] asks for at once.
pub const LOCATE_BATCH: usize = 256;

/// The line and column of a position not located yet.
const UNPLACED: LineCol = LineCol { line: 0, column: 0 };

/// Computes the lines and columns of corpus findings and their related locations: summaries
/// keep byte offsets only, so the documents named are read again through `sources`, a batch
/// at a time, each once. A document that can no longer be read, or whose text is no longer
/// the one its summary was made from, gives its findings line 1, column 1.
pub fn locate(found: &mut [Located], summaries: &[DocumentSummary], sources: &Sources<'_>) {
    // Every position to compute, by document: (finding, related location or NONE).
    const NONE: usize = usize::MAX;
    let mut wanted: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    for (i, l) in found.iter().enumerate() {
        wanted
            .entry(l.diagnostic.file.clone())
            .or_default()
            .push((i, NONE));
        for (j, r) in l.diagnostic.related.iter().enumerate() {
            wanted.entry(r.file.clone()).or_default().push((i, j));
        }
    }
    let mut paths: Vec<&str> = wanted.keys().map(String::as_str).collect();
    paths.sort_unstable();
    let summary_of: FxHashMap<&str, &DocumentSummary> =
        summaries.iter().map(|s| (&*s.path, s)).collect();
    let one = LineCol { line: 1, column: 1 };
    for batch in paths.chunks(LOCATE_BATCH) {
        let mut read = sources(batch).into_iter();
        for &path in batch {
            // Gone, or no longer the text summarised: line 1, column 1.
            let source = read
                .next()
                .flatten()
                .filter(|s| summary_of.get(path).is_some_and(|d| d.describes(s)));
            let at = |offset: usize| source.as_ref().map_or(one, |s| s.line_col(offset));
            for &(i, j) in wanted.get(path).map_or(&[][..], Vec::as_slice) {
                let Some(l) = found.get_mut(i) else {
                    continue;
                };
                if j == NONE {
                    l.start = at(l.diagnostic.span.start);
                    l.end = at(l.diagnostic.span.end);
                } else if let Some(r) = l.diagnostic.related.get_mut(j) {
                    let start = at(r.span.start);
                    (r.line, r.column) = (start.line, start.column);
                }
            }
        }
    }
}

/// [`Sources`] for documents already in memory.
pub fn sources_in(documents: &[SourceFile]) -> impl Fn(&[&str]) -> Vec<Option<SourceFile>> + '_ {
    let by_path: HashMap<&str, &SourceFile> =
        documents.iter().map(|d| (d.path.as_str(), d)).collect();
    move |paths| {
        paths
            .iter()
            .map(|p| by_path.get(p).map(|&d| d.clone()))
            .collect()
    }
}

/// Sorts located diagnostics like [`crate::lint::diagnostic::sort`] (file, position, code,
/// message) and removes exact duplicates.
pub fn sort(located: &mut Vec<Located>) {
    located.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
    located.dedup_by(|a, b| a.diagnostic == b.diagnostic);
}

/// The first `max` characters of `text`, with `…` when it was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text).trim_end()),
        None => text.to_owned(),
    }
}

/// A section's name for messages: its heading in quotes and its role, as in
/// `"A quoi servent les cookies sur la plateforme" (cookies-used)`.
pub fn section_name(heading: &str, slot: SectionSlot) -> String {
    let heading = excerpt(heading, 80);
    match slot.id {
        SlotId::Role(role) if heading.is_empty() => role.as_str().to_owned(),
        SlotId::Role(role) => format!("\"{heading}\" ({})", role.as_str()),
        _ if heading.is_empty() => "the opening".to_owned(),
        _ => format!("\"{heading}\""),
    }
}

/// The English name of a language (or "unknown language"), for messages.
pub fn language_name(language: Option<Language>) -> &'static str {
    match language {
        Some(Language::Fr) => "French",
        Some(Language::En) => "English",
        Some(Language::Es) => "Spanish",
        Some(Language::Ca) => "Catalan",
        Some(Language::Nl) => "Dutch",
        Some(Language::De) => "German",
        Some(Language::It) => "Italian",
        None => "unknown language",
    }
}

/// Where a missing cookie of category `category` would be declared in `doc`: the first
/// line of its table of that category, else of its first table, else its first line.
pub fn table_place(doc: &DocumentSummary, category: Option<crate::vocab::Category>) -> Place {
    doc.tables
        .iter()
        .find(|t| category.is_some() && t.category == category)
        .or_else(|| doc.tables.first())
        .map_or_else(|| doc.start(), |t| t.place)
}

/// A short description of a cookie's row in `doc` ("Opendatasoft · To remember the
/// user"), for help texts.
pub fn row_description(doc: &DocumentSummary, key: &str) -> String {
    let Some(cookie) = doc.cookie(key) else {
        return String::new();
    };
    [Field::Provider, Field::Purpose]
        .iter()
        .filter_map(|f| cookie.field(*f).map(|v| excerpt(v.text, 50)))
        .collect::<Vec<_>>()
        .join(" · ")
}
