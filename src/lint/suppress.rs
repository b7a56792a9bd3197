//! Suppression comments (Markdown only; plain text has no comments, so it relies on per-file
//! ignores and baselines):
//!
//! - `<!-- cookielint-disable RULE... -->` ... `<!-- cookielint-enable RULE... -->`
//! - `<!-- cookielint-disable-next-line RULE... -->`
//! - `<!-- cookielint-disable-file RULE... -->`
//!
//! Rules are named by name or code, separated by spaces or commas; none means every rule,
//! while a comment whose names are all unknown does nothing. An `enable` turns on only the
//! rules it names. A suppression that silences nothing, or names an unknown rule, is itself
//! reported as `unused-suppression`; for a comment that may silence cross-document findings
//! that is decided after the corpus phase ([`Applied::unless_corpus_uses`]).

use super::diagnostic::Diagnostic;
use super::emit::Emitter;
use super::registry::{find, RULES};
use super::selection::{suggestion, RuleSettings};
use crate::model::Document;
use crate::source::{SourceFile, Span};
use crate::wording::agreeing;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
    File,
}

/// The rules a directive names.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Named {
    /// No rule named: every rule.
    Every,
    /// The codes of the known rules named, each once. Empty when every name given is
    /// unknown: such a directive does nothing (a misspelt name must not become "all").
    Only(Vec<&'static str>),
}

#[derive(Debug)]
struct Directive {
    kind: Kind,
    span: Span,
    rules: Named,
    unknown: Vec<String>,
}

/// The rules a region silences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Silenced {
    /// Every rule.
    Every,
    /// These codes.
    Only(Vec<&'static str>),
    /// Every rule but these codes (a bare `disable` after `enable RULE`).
    AllBut(Vec<&'static str>),
}

impl Silenced {
    /// Whether rule `code` is silenced.
    pub fn includes(&self, code: &str) -> bool {
        match self {
            Silenced::Every => true,
            Silenced::Only(codes) => codes.contains(&code),
            Silenced::AllBut(codes) => !codes.contains(&code),
        }
    }
}

/// A region where some rules are silenced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// Which directive silences them (index in source order).
    directive: usize,
    /// First byte silenced.
    pub start: usize,
    /// One past the last byte silenced; for a region that runs to the end of the text, one
    /// past the end, so that a finding placed at the very end (a section missing after the
    /// last line of a text without a final line break) is silenced too.
    pub end: usize,
    /// The rules silenced.
    pub rules: Silenced,
}

impl Region {
    /// Whether this region silences a finding of rule `code` starting at byte `at`.
    pub fn silences(&self, at: usize, code: &str) -> bool {
        at >= self.start && at < self.reach() && self.rules.includes(code)
    }

    /// Which suppression comment silences the region's rules: its index among the
    /// document's suppression comments, in source order.
    pub fn suppression(&self) -> usize {
        self.directive
    }

    /// One past the last byte silenced, at least one byte after the start: an empty
    /// region (a directive on the last line, say) still silences a finding at its start.
    fn reach(&self) -> usize {
        self.end.max(self.start + 1)
    }
}

/// The suppression regions of a document (for findings made after the per-document phase,
/// such as the corpus rules').
pub fn regions(source: &SourceFile, doc: &Document) -> Vec<Region> {
    let directives = directives(&source.text, doc);
    build_regions(source, &directives)
}

fn directives(text: &str, doc: &Document) -> Vec<Directive> {
    doc.comments
        .iter()
        .filter_map(|c| parse_directive(text, *c))
        .collect()
}

fn parse_directive(text: &str, span: Span) -> Option<Directive> {
    let inner = span
        .slice(text)
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("cookielint-")?;
    let (kind, names) = [
        ("disable-next-line", Kind::NextLine),
        ("disable-file", Kind::File),
        ("disable", Kind::Disable),
        ("enable", Kind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let names = rest.strip_prefix(word)?;
        (names.is_empty() || names.starts_with([' ', '\t', '\n', '\r', ',']))
            .then_some((kind, names))
    })?;
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for name in names
        .split([' ', ',', '\t', '\n', '\r'])
        .filter(|n| !n.is_empty())
    {
        match find(name) {
            // Each rule once, however often it is named: directives are compared with each
            // other by the rules they name.
            Some(rule) if rules.contains(&rule.meta.code) => {}
            Some(rule) => rules.push(rule.meta.code),
            None => unknown.push(name.to_owned()),
        }
    }
    let rules = if rules.is_empty() && unknown.is_empty() {
        Named::Every
    } else {
        Named::Only(rules)
    };
    Some(Directive {
        kind,
        span,
        rules,
        unknown,
    })
}

/// Whether a directive may silence findings of the corpus phase, which runs after this
/// one: whether it is used can only be told once that phase has run.
fn may_silence_corpus_findings(d: &Directive) -> bool {
    match &d.rules {
        Named::Every => true,
        Named::Only(codes) => codes.iter().any(|code| {
            RULES.iter().any(|r| {
                r.meta.code == *code && matches!(r.check, super::registry::Check::Corpus(_))
            })
        }),
    }
}

/// Whether `d` names rules, all of them cross-document ones.
fn names_only_corpus_rules(d: &Directive) -> bool {
    match &d.rules {
        Named::Every => false,
        Named::Only(codes) => {
            !codes.is_empty()
                && codes.iter().all(|code| {
                    RULES.iter().any(|r| {
                        r.meta.code == *code && matches!(r.check, super::registry::Check::Corpus(_))
                    })
                })
        }
    }
}

/// An `unused-suppression` finding about a comment that silences nothing in its document
/// but may silence findings of the corpus phase: it stands only if it silences none of
/// those either.
#[derive(Clone, Debug)]
pub struct UnlessCorpusUses {
    /// The comment: its index among the document's suppression comments
    /// ([`Region::suppression`]).
    pub suppression: usize,
    /// The finding.
    pub diagnostic: Diagnostic,
    /// Whether the comment names cross-document rules only: with no other document to
    /// compare its document with (a file checked alone), nothing can tell whether it is
    /// used, and it is not reported.
    pub corpus_only: bool,
}

/// The outcome of [`apply`].
#[derive(Debug, Default)]
pub struct Applied {
    /// The diagnostics not silenced, and the `unused-suppression` findings that stand
    /// whatever the corpus phase finds.
    pub kept: Vec<Diagnostic>,
    /// The `unused-suppression` findings to be dropped if their comment silences a finding
    /// of the corpus phase.
    pub unless_corpus_uses: Vec<UnlessCorpusUses>,
}

/// A document's suppression comments while its findings are filtered, batch after batch
/// ([`Suppressions::silence`]); [`Suppressions::finish`] then reports the comments that
/// silenced nothing.
#[derive(Debug)]
pub struct Suppressions {
    directives: Vec<Directive>,
    regions: Vec<Region>,
    /// Per directive, whether it silenced a finding.
    used: Vec<bool>,
}

impl Suppressions {
    /// The suppression comments of `doc`.
    pub fn new(source: &SourceFile, doc: &Document) -> Self {
        let directives = directives(&source.text, doc);
        let regions = match directives.is_empty() {
            true => Vec::new(),
            false => build_regions(source, &directives),
        };
        Suppressions {
            used: vec![false; directives.len()],
            directives,
            regions,
        }
    }

    /// Whether the document has no suppression comment (nothing to filter or report).
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// How many findings to filter at a time: a batch costs a pass over the regions, so
    /// a batch at least as long as the regions keeps the total linear.
    pub fn batch(&self) -> usize {
        self.regions.len().max(4096)
    }

    /// Drops the silenced findings of `batch`, recording which comments silenced them.
    pub fn silence(&mut self, batch: &mut Vec<Diagnostic>) {
        if self.regions.is_empty() {
            return;
        }
        let queries: Vec<(usize, &str)> = batch.iter().map(|d| (d.span.start, d.code)).collect();
        let hits = first_silencing(&self.regions, &queries);
        for region in hits.iter().flatten().filter_map(|&r| self.regions.get(r)) {
            if let Some(u) = self.used.get_mut(region.directive) {
                *u = true;
            }
        }
        let mut hits = hits.into_iter();
        batch.retain(|_| hits.next().flatten().is_none());
    }

    /// The `unused-suppression` findings about the comments that silenced nothing.
    pub fn finish(self, source: &SourceFile, settings: &RuleSettings) -> Applied {
        let mut applied = Applied::default();
        report_unused(source, &self.directives, &self.used, settings, &mut applied);
        applied
    }
}

/// Whether each finding, given by its start and rule code, is silenced by one of `regions`.
pub fn silenced(regions: &[Region], findings: &[(usize, &str)]) -> Vec<bool> {
    first_silencing(regions, findings)
        .into_iter()
        .map(|hit| hit.is_some())
        .collect()
}

/// For each finding, given by its start and rule code, the suppression comment of
/// `regions` that silences it, if one does ([`Region::suppression`]).
pub fn silencing(regions: &[Region], findings: &[(usize, &str)]) -> Vec<Option<usize>> {
    first_silencing(regions, findings)
        .into_iter()
        .map(|hit| hit.and_then(|r| regions.get(r)).map(Region::suppression))
        .collect()
}

/// For each finding (its start and rule code, in any order), the index of the first of
/// `regions` that silences it ([`Region::silences`]).
///
/// The findings are visited by position while the regions around that position are kept,
/// by rule, in sets ordered by index: a document of many suppressions and many findings
/// takes `n log n` steps, not one test of every region for every finding. The regions
/// silencing all rules but some are tested one by one: the regions of one document have
/// at most one of them open at any place.
fn first_silencing(regions: &[Region], findings: &[(usize, &str)]) -> Vec<Option<usize>> {
    use std::cmp::Reverse;
    use std::collections::{BTreeSet, BinaryHeap, HashMap};
    let mut hits = vec![None; findings.len()];
    if regions.is_empty() {
        return hits;
    }
    let mut by_start: Vec<(usize, &Region)> = regions.iter().enumerate().collect();
    by_start.sort_by_key(|(_, r)| r.start);
    let mut by_position: Vec<(usize, usize, &str)> = findings
        .iter()
        .enumerate()
        .map(|(i, &(at, code))| (at, i, code))
        .collect();
    by_position.sort_unstable();
    let mut entering = by_start.into_iter().peekable();
    // The regions open at the current position: those silencing every rule, every rule
    // but some, and by rule.
    let mut every: BTreeSet<usize> = BTreeSet::new();
    let mut all_but: BTreeSet<usize> = BTreeSet::new();
    let mut named: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    // When each open region ends ([`Region::reach`]).
    let mut leaving: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    let codes = |region: &Region| match &region.rules {
        Silenced::Only(codes) => codes.clone(),
        Silenced::Every | Silenced::AllBut(_) => Vec::new(),
    };
    for (at, finding, code) in by_position {
        while let Some((index, region)) = entering.next_if(|(_, r)| r.start <= at) {
            match &region.rules {
                Silenced::Every => {
                    every.insert(index);
                }
                Silenced::AllBut(_) => {
                    all_but.insert(index);
                }
                Silenced::Only(codes) => {
                    for rule in codes {
                        named.entry(rule).or_default().insert(index);
                    }
                }
            }
            leaving.push(Reverse((region.reach(), index)));
        }
        while let Some(&Reverse((end, index))) = leaving.peek() {
            if end > at {
                break;
            }
            leaving.pop();
            every.remove(&index);
            all_but.remove(&index);
            for rule in regions.get(index).map(codes).unwrap_or_default() {
                if let Some(open) = named.get_mut(rule) {
                    open.remove(&index);
                }
            }
        }
        let first = [
            every.first(),
            named.get(code).and_then(|open| open.first()),
            all_but.iter().find(|&&r| {
                regions
                    .get(r)
                    .is_some_and(|region| region.rules.includes(code))
            }),
        ]
        .into_iter()
        .flatten()
        .min()
        .copied();
        if let Some(slot) = hits.get_mut(finding) {
            *slot = first;
        }
    }
    hits
}

/// The region of a directive whose reach does not depend on the others (the directive `i`,
/// `d`): the whole file, or the line after it; `None` for a `disable` or an `enable`, and
/// for a directive naming only unknown rules.
fn fixed_region(source: &SourceFile, i: usize, d: &Directive) -> Option<Region> {
    let end_of_text = source.text.len();
    let (start, end) = match d.kind {
        Kind::File => (0, past_the_end(source)),
        Kind::NextLine => {
            let line = source.line(d.span.end) + 1;
            let index = &source.line_index;
            (
                index.line_start(line).unwrap_or(end_of_text),
                index
                    .line_start(line + 1)
                    .unwrap_or_else(|| past_the_end(source)),
            )
        }
        Kind::Disable | Kind::Enable => return None,
    };
    let rules = match &d.rules {
        Named::Every => Silenced::Every,
        Named::Only(codes) if codes.is_empty() => return None,
        Named::Only(codes) => Silenced::Only(codes.clone()),
    };
    Some(Region {
        directive: i,
        start,
        end,
        rules,
    })
}

/// The bare `disable` holding off every rule but some.
struct HoldingEvery {
    directive: usize,
    /// Where its current region starts (it is cut at each `enable` that names rules).
    start: usize,
    /// The rules it does not hold: held by a named `disable` before it, or enabled since.
    except: Vec<&'static str>,
}

/// The regions the directives silence.
///
/// Directives are read in order, as a state of which rules are off (markdownlint's
/// model): a `disable` turns off the rules it names (all if none), an `enable` turns on
/// the rules it names (all if none) and only those. Each rule that is off is held by the
/// first `disable` that turned it off, and a region runs while it holds it: a `disable`
/// naming rules already off silences nothing more, so it is not credited with findings
/// the earlier one silences. A named `disable` gives a region per rule; a bare one gives
/// "every rule but those held or enabled", cut by each `enable` naming rules. Each
/// directive costs at most a few steps per rule named (or per rule, for a bare one).
/// `disable-file` and `disable-next-line` regions stand apart from this state.
/// Where a region that runs to the end of `source`'s text ends: one past the end, since a
/// finding may be placed at the end itself, past every byte.
fn past_the_end(source: &SourceFile) -> usize {
    source.text.len() + 1
}

fn build_regions(source: &SourceFile, directives: &[Directive]) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    // Each rule held off by a named disable (or by a bare one that came after another
    // bare one), with the directive and where its region starts.
    let mut held: std::collections::BTreeMap<&'static str, (usize, usize)> =
        std::collections::BTreeMap::new();
    let mut every: Option<HoldingEvery> = None;
    let close = |regions: &mut Vec<Region>,
                 held: &mut std::collections::BTreeMap<&'static str, (usize, usize)>,
                 every: &mut Option<HoldingEvery>,
                 end: usize| {
        regions.extend(
            std::mem::take(held)
                .into_iter()
                .map(|(code, (directive, start))| Region {
                    directive,
                    start,
                    end,
                    rules: Silenced::Only(vec![code]),
                }),
        );
        regions.extend(every.take().map(|e| Region {
            directive: e.directive,
            start: e.start,
            end,
            rules: Silenced::AllBut(e.except),
        }));
    };
    for (i, d) in directives.iter().enumerate() {
        match (d.kind, &d.rules) {
            (Kind::File | Kind::NextLine, _) => regions.extend(fixed_region(source, i, d)),
            (Kind::Disable, Named::Only(codes)) => {
                for &code in codes {
                    let off = held.contains_key(code)
                        || every.as_ref().is_some_and(|e| !e.except.contains(&code));
                    if !off {
                        held.insert(code, (i, d.span.end));
                    }
                }
            }
            (Kind::Disable, Named::Every) => match &every {
                // Every rule is off again: the new disable holds those the first one
                // does not.
                Some(e) => {
                    for &code in &e.except {
                        held.entry(code).or_insert((i, d.span.end));
                    }
                }
                None => {
                    every = Some(HoldingEvery {
                        directive: i,
                        start: d.span.end,
                        except: held.keys().copied().collect(),
                    });
                }
            },
            (Kind::Enable, Named::Only(codes)) => {
                let end = d.span.start;
                for code in codes {
                    if let Some((directive, start)) = held.remove(code) {
                        regions.push(Region {
                            directive,
                            start,
                            end,
                            rules: Silenced::Only(vec![code]),
                        });
                    }
                }
                if let Some(e) = every.as_mut() {
                    let newly: Vec<&'static str> = codes
                        .iter()
                        .filter(|code| !e.except.contains(code))
                        .copied()
                        .collect();
                    if !newly.is_empty() {
                        regions.push(Region {
                            directive: e.directive,
                            start: e.start,
                            end,
                            rules: Silenced::AllBut(e.except.clone()),
                        });
                        e.except.extend(newly);
                        e.start = end;
                    }
                }
            }
            (Kind::Enable, Named::Every) => {
                close(&mut regions, &mut held, &mut every, d.span.start)
            }
        }
    }
    close(&mut regions, &mut held, &mut every, past_the_end(source));
    regions
}

fn report_unused(
    source: &SourceFile,
    directives: &[Directive],
    used: &[bool],
    settings: &RuleSettings,
    out: &mut Applied,
) {
    let Some((index, rule)) = RULES
        .iter()
        .enumerate()
        .find(|(_, r)| r.meta.name == "unused-suppression")
    else {
        return;
    };
    if !settings.is_enabled(index) {
        return;
    }
    let severity = settings.severity(index);
    let mut found = Vec::new();
    for (i, (d, was_used)) in directives.iter().zip(used).enumerate() {
        let mut emitter = Emitter::new(&rule.meta, source, &mut found);
        if !d.unknown.is_empty() {
            let without_effect = d.rules == Named::Only(Vec::new());
            let effect = match (without_effect, d.kind) {
                (true, Kind::Enable) => "the comment enables nothing",
                (true, _) => "the comment silences nothing",
                (false, Kind::Enable) => "the comment enables only the other rules it names",
                (false, _) => "the comment silences only the other rules it names",
            };
            let _ = emitter
                .emit(
                    d.span,
                    format!(
                        "suppression names {}: {} ({effect})",
                        agreeing(d.unknown.len(), "an unknown rule", "unknown rules"),
                        d.unknown.join(", ")
                    ),
                )
                .help(
                    match d.unknown.as_slice() {
                        [one] => suggestion(one).map(|s| ["did you mean `", s, "`?"].concat()),
                        _ => None,
                    }
                    .unwrap_or_else(|| {
                        "use a rule name or code listed by `cookielint rules`".to_owned()
                    }),
                );
        } else if !was_used && d.kind != Kind::Enable {
            let help = if may_silence_corpus_findings(d) {
                "remove the comment: no diagnostic it names occurs where it applies, neither \
                 in the document nor from comparing the documents checked together"
            } else {
                "remove the comment: no diagnostic it names occurs where it applies"
            };
            let _ = emitter
                .emit(d.span, "this suppression silences nothing")
                .help(help);
        }
        // An unknown name is reported whatever the corpus phase finds.
        let pending = d.unknown.is_empty() && may_silence_corpus_findings(d);
        for mut diagnostic in found.drain(..) {
            diagnostic.severity = severity;
            if pending {
                out.unless_corpus_uses.push(UnlessCorpusUses {
                    suppression: i,
                    diagnostic,
                    corpus_only: names_only_corpus_rules(d),
                });
            } else {
                out.kept.push(diagnostic);
            }
        }
    }
}

#[cfg(test)]
mod tests;
