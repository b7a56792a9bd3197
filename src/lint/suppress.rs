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
    /// Whether this region silences `diagnostic`.
    pub fn silences(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.span.start >= self.start
            && diagnostic.span.start < self.end.max(self.start + 1)
            && names(&self.rules, diagnostic.code)
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
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|diag| {
            let hit = regions.iter().find(|r| r.silences(diag));
            if let Some(region) = hit {
                if let Some(u) = used.get_mut(region.directive) {
                    *u = true;
                }
            }
            hit.is_none()
        })
        .collect();
    report_unused(source, &directives, &used, settings, &mut kept);
    kept
}

/// The regions the directives silence, in source order of their directives.
fn build_regions(source: &SourceFile, directives: &[Directive]) -> Vec<Region> {
    let text = source.text.as_str();
    let mut regions: Vec<Region> = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new(); // (directive, start)
    for (i, d) in directives.iter().enumerate() {
        match d.kind {
            Kind::File => regions.push(Region {
                directive: i,
                start: 0,
                end: text.len(),
                rules: d.rules.clone(),
            }),
            Kind::NextLine => {
                let line = source.line(d.span.end) + 1;
                let start = source.line_index.line_start(line).unwrap_or(text.len());
                let end = source.line_index.line_start(line + 1).unwrap_or(text.len());
                regions.push(Region {
                    directive: i,
                    start,
                    end,
                    rules: d.rules.clone(),
                });
            }
            Kind::Disable => open.push((i, d.span.end)),
            Kind::Enable => {
                // An enable closes every open disable that it names (or all, if it names none).
                let mut still_open = Vec::new();
                for (j, start) in open.drain(..) {
                    let disabled = directives
                        .get(j)
                        .map(|x| x.rules.clone())
                        .unwrap_or_default();
                    let closes = d.rules.is_empty()
                        || disabled.is_empty()
                        || disabled.iter().any(|r| d.rules.contains(r));
                    if closes {
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
            rules: directives
                .get(j)
                .map(|x| x.rules.clone())
                .unwrap_or_default(),
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
