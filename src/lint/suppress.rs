//! Suppression comments (Markdown only; plain text has no comments, so it relies on per-file
//! ignores and baselines):
//!
//! - `<!-- cookielint-disable RULE... -->` ... `<!-- cookielint-enable RULE... -->`
//! - `<!-- cookielint-disable-next-line RULE... -->`
//! - `<!-- cookielint-disable-file RULE... -->`
//!
//! Rules are named by name or code, separated by spaces or commas; none means every rule.
//! A suppression that silences nothing, or names an unknown rule, is itself reported as
//! `unused-suppression`.

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

#[derive(Debug)]
struct Directive {
    kind: Kind,
    span: Span,
    /// Rule codes named; empty means all rules.
    rules: Vec<&'static str>,
    unknown: Vec<String>,
}

/// A region where some rules are silenced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// Which directive opened it (index in source order).
    directive: usize,
    /// First byte silenced.
    pub start: usize,
    /// One past the last byte silenced.
    pub end: usize,
    /// Codes of the rules silenced; empty means every rule.
    pub rules: Vec<&'static str>,
}

impl Region {
    /// Whether this region silences a finding of rule `code` starting at byte `at`.
    pub fn silences(&self, at: usize, code: &str) -> bool {
        at >= self.start && at < self.reach() && names(&self.rules, code)
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
    Some(Directive {
        kind,
        span,
        rules,
        unknown,
    })
}

/// Corpus findings are made after this phase, so whether such a directive is used cannot be
/// known here.
fn names_only_corpus_rules(d: &Directive) -> bool {
    !d.rules.is_empty()
        && d.rules.iter().all(|code| {
            RULES.iter().any(|r| {
                r.meta.code == *code && matches!(r.check, super::registry::Check::Corpus(_))
            })
        })
}

fn names(rules: &[&'static str], code: &str) -> bool {
    rules.is_empty() || rules.contains(&code)
}

/// Drops suppressed diagnostics and adds `unused-suppression` findings.
pub fn apply(
    source: &SourceFile,
    doc: &Document,
    diagnostics: Vec<Diagnostic>,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    let directives = directives(&source.text, doc);
    if directives.is_empty() {
        return diagnostics;
    }
    let regions = build_regions(source, &directives);
    let mut used = vec![false; directives.len()];
    let queries: Vec<(usize, &str)> = diagnostics.iter().map(|d| (d.span.start, d.code)).collect();
    let hits = first_silencing(&regions, &queries);
    for region in hits.iter().flatten().filter_map(|&r| regions.get(r)) {
        if let Some(u) = used.get_mut(region.directive) {
            *u = true;
        }
    }
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .zip(hits)
        .filter_map(|(diag, hit)| hit.is_none().then_some(diag))
        .collect();
    report_unused(source, &directives, &used, settings, &mut kept);
    kept
}

/// Whether each finding, given by its start and rule code, is silenced by one of `regions`.
pub fn silenced(regions: &[Region], findings: &[(usize, &str)]) -> Vec<bool> {
    first_silencing(regions, findings)
        .into_iter()
        .map(|hit| hit.is_some())
        .collect()
}

/// For each finding (its start and rule code, in any order), the index of the first of
/// `regions` that silences it ([`Region::silences`]).
///
/// The findings are visited by position while the regions around that position are kept,
/// by rule, in sets ordered by index: a document of many suppressions and many findings
/// takes `n log n` steps, not one test of every region for every finding.
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
    // The regions open at the current position: those silencing every rule, and by rule.
    let mut every: BTreeSet<usize> = BTreeSet::new();
    let mut named: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    // When each open region ends ([`Region::reach`]).
    let mut leaving: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
    for (at, finding, code) in by_position {
        while let Some((index, region)) = entering.next_if(|(_, r)| r.start <= at) {
            if region.rules.is_empty() {
                every.insert(index);
            }
            for rule in &region.rules {
                named.entry(rule).or_default().insert(index);
            }
            leaving.push(Reverse((region.reach(), index)));
        }
        while let Some(&Reverse((end, index))) = leaving.peek() {
            if end > at {
                break;
            }
            leaving.pop();
            every.remove(&index);
            for rule in regions.get(index).map_or(&[][..], |r| r.rules.as_slice()) {
                if let Some(open) = named.get_mut(rule) {
                    open.remove(&index);
                }
            }
        }
        let first_named = named.get(code).and_then(|open| open.first());
        let first = match (every.first(), first_named) {
            (Some(a), Some(b)) => Some(*a.min(b)),
            (a, b) => a.or(b).copied(),
        };
        if let Some(slot) = hits.get_mut(finding) {
            *slot = first;
        }
    }
    hits
}

/// The region of a directive whose reach does not depend on the others (the directive `i`,
/// `d`): the whole file, or the line after it; `None` for a `disable` or an `enable`.
fn fixed_region(source: &SourceFile, i: usize, d: &Directive) -> Option<Region> {
    let end_of_text = source.text.len();
    let (start, end) = match d.kind {
        Kind::File => (0, end_of_text),
        Kind::NextLine => {
            let line = source.line(d.span.end) + 1;
            let index = &source.line_index;
            (
                index.line_start(line).unwrap_or(end_of_text),
                index.line_start(line + 1).unwrap_or(end_of_text),
            )
        }
        Kind::Disable | Kind::Enable => return None,
    };
    Some(Region {
        directive: i,
        start,
        end,
        rules: d.rules.clone(),
    })
}

/// The regions the directives silence, in source order of their directives.
fn build_regions(source: &SourceFile, directives: &[Directive]) -> Vec<Region> {
    let text = source.text.as_str();
    let mut regions: Vec<Region> = Vec::new();
    // The disables not closed yet, by index; those naming no rule; those naming each rule
    // (the last two may still list disables closed since).
    let mut open: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut open_every: Vec<usize> = Vec::new();
    let mut open_by_rule: std::collections::HashMap<&str, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            Kind::File | Kind::NextLine => regions.extend(fixed_region(source, i, d)),
            Kind::Disable => {
                open.insert(i);
                if d.rules.is_empty() {
                    open_every.push(i);
                }
                for rule in &d.rules {
                    open_by_rule.entry(rule).or_default().push(i);
                }
            }
            Kind::Enable => {
                // An enable closes every open disable that it names (or all, if it names none).
                // Each disable is looked at once when it is closed (and once more for each
                // rule it names), not at every enable while it stays open.
                let mut closed: Vec<usize> = if d.rules.is_empty() {
                    std::mem::take(&mut open).into_iter().collect()
                } else {
                    let mut candidates = std::mem::take(&mut open_every);
                    for rule in &d.rules {
                        candidates.extend(open_by_rule.remove(rule).unwrap_or_default());
                    }
                    candidates.retain(|j| open.remove(j));
                    candidates.sort_unstable();
                    candidates
                };
                closed.dedup();
                for j in closed {
                    let disabled = directives.get(j);
                    regions.push(Region {
                        directive: j,
                        start: disabled.map_or(0, |x| x.span.end),
                        end: d.span.start,
                        rules: disabled.map(|x| x.rules.clone()).unwrap_or_default(),
                    });
                }
            }
        }
    }
    for j in open {
        let disabled = directives.get(j);
        regions.push(Region {
            directive: j,
            start: disabled.map_or(0, |x| x.span.end),
            end: text.len(),
            rules: disabled.map(|x| x.rules.clone()).unwrap_or_default(),
        });
    }
    regions
}

fn report_unused(
    source: &SourceFile,
    directives: &[Directive],
    used: &[bool],
    settings: &RuleSettings,
    out: &mut Vec<Diagnostic>,
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
    let start = out.len();
    let mut emitter = Emitter::new(&rule.meta, source, out);
    for (d, was_used) in directives.iter().zip(used) {
        if !d.unknown.is_empty() {
            let _ = emitter
                .emit(
                    d.span,
                    format!(
                        "suppression names {}: {}",
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
        } else if !was_used && d.kind != Kind::Enable && !names_only_corpus_rules(d) {
            let _ = emitter
                .emit(d.span, "this suppression silences nothing")
                .help("remove the comment: no diagnostic it names occurs where it applies");
        }
    }
    let severity = settings.severity(index);
    for d in out.iter_mut().skip(start) {
        d.severity = severity;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 3] = ["CL205", "CL405", "CL406"];

    fn some_rules(next: &mut impl FnMut(usize) -> usize) -> Vec<&'static str> {
        let mut rules: Vec<&'static str> = Vec::new();
        for _ in 0..next(3) {
            let code = CODES[next(CODES.len())];
            if !rules.contains(&code) {
                rules.push(code);
            }
        }
        rules
    }

    /// The regions as they were built before: every enable looked at every open disable.
    fn regions_by_every_pair(source: &SourceFile, directives: &[Directive]) -> Vec<Region> {
        let text = source.text.as_str();
        let mut regions = Vec::new();
        let mut open: Vec<(usize, usize)> = Vec::new();
        for (i, d) in directives.iter().enumerate() {
            match d.kind {
                Kind::File | Kind::NextLine => regions.extend(fixed_region(source, i, d)),
                Kind::Disable => open.push((i, d.span.end)),
                Kind::Enable => {
                    let mut still_open = Vec::new();
                    for (j, start) in open.drain(..) {
                        let disabled = directives[j].rules.clone();
                        if d.rules.is_empty()
                            || disabled.is_empty()
                            || disabled.iter().any(|r| d.rules.contains(r))
                        {
                            regions.push(Region {
                                directive: j,
                                start,
                                end: d.span.start,
                                rules: disabled,
                            });
                        } else {
                            still_open.push((j, start));
                        }
                    }
                    open = still_open;
                }
            }
        }
        for (j, start) in open {
            regions.push(Region {
                directive: j,
                start,
                end: text.len(),
                rules: directives[j].rules.clone(),
            });
        }
        regions
    }

    #[test]
    fn regions_and_the_regions_silencing_each_finding_are_those_of_every_pair() {
        let text = "0123456789\n".repeat(40);
        let source = SourceFile::from_text("s.md", text.as_str());
        let mut next = crate::testing::pseudo_random(7);
        for _ in 0..500 {
            let mut directives = Vec::new();
            let mut at = 0;
            while at + 10 < text.len() && directives.len() < 12 {
                at += next(40);
                let kind = [Kind::Disable, Kind::Enable, Kind::NextLine, Kind::File][next(4)];
                let kind = if kind == Kind::File && next(4) > 0 {
                    Kind::Disable
                } else {
                    kind
                };
                let end = (at + 1 + next(5)).min(text.len());
                directives.push(Directive {
                    kind,
                    span: Span::new(at.min(end), end),
                    rules: some_rules(&mut next),
                    unknown: Vec::new(),
                });
            }
            let regions = build_regions(&source, &directives);
            assert_eq!(regions, regions_by_every_pair(&source, &directives));
            let findings: Vec<(usize, &str)> = (0..30)
                .map(|_| (next(text.len() + 1), CODES[next(CODES.len())]))
                .collect();
            let expected: Vec<Option<usize>> = findings
                .iter()
                .map(|&(at, code)| regions.iter().position(|r| r.silences(at, code)))
                .collect();
            assert_eq!(
                first_silencing(&regions, &findings),
                expected,
                "{regions:?}"
            );
        }
    }

    #[test]
    fn a_rule_named_many_times_is_kept_once() {
        let text = format!(
            "<!-- cookielint-disable {} -->",
            ["table-gap"; 1000].join(", ")
        );
        let directive = parse_directive(&text, Span::new(0, text.len())).unwrap();
        assert_eq!(directive.rules, ["CL205"]);
    }
}
