//! The corpus inventory (`cookielint inventory`): which platform declares which cookie, with
//! which category and provider, and for each family its consensus and the documents that
//! deviate from it. Plain data, serialisable; the command line renders it.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::{section_name, CorpusContext, DocumentSummary, Field, FieldVerdict};
use crate::config::CorpusSettings;
use crate::lint::RuleSettings;

/// Everything `inventory` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Inventory {
    /// Every document, in path order.
    pub documents: Vec<InventoryDocument>,
    /// Every cookie, by name.
    pub cookies: Vec<InventoryCookie>,
    /// Which document declares which cookie (indexes into `documents` and `cookies`).
    pub matrix: Vec<Declaration>,
    /// The families.
    pub families: Vec<InventoryFamily>,
}

/// One document.
#[derive(Clone, Debug, Serialize)]
pub struct InventoryDocument {
    /// Its path.
    pub path: String,
    /// The platform URL it names (normalised), if any.
    pub platform: Option<String>,
    /// Its language code.
    pub language: Option<&'static str>,
    /// Its family (index into `families`).
    pub family: usize,
}

/// One cookie across the corpus.
#[derive(Clone, Debug, Serialize)]
pub struct InventoryCookie {
    /// The name as first declared.
    pub name: String,
    /// How many documents declare it.
    pub documents: usize,
    /// The categories it is declared under, most frequent first.
    pub categories: Vec<String>,
    /// The providers given for it, most frequent first.
    pub providers: Vec<String>,
}

/// One cookie declared by one document.
#[derive(Clone, Debug, Serialize)]
pub struct Declaration {
    /// Index into `documents`.
    pub document: usize,
    /// Index into `cookies`.
    pub cookie: usize,
    /// The category it is declared under.
    pub category: Option<String>,
    /// The provider given.
    pub provider: Option<String>,
}

/// A family and what most of its members say.
#[derive(Clone, Debug, Serialize)]
pub struct InventoryFamily {
    /// Its index.
    pub id: usize,
    /// Its language code.
    pub language: Option<&'static str>,
    /// Its members' paths.
    pub members: Vec<String>,
    /// The family it translates, if any.
    pub translation_of: Option<usize>,
    /// Its consensus; `None` when it has fewer than `min_family_size` members.
    pub consensus: Option<FamilyConsensus>,
    /// Members with corpus findings, and those findings.
    pub deviations: Vec<Deviation>,
}

/// A family's consensus, for people.
#[derive(Clone, Debug, Serialize)]
pub struct FamilyConsensus {
    /// The usual sections, named, in their usual order.
    pub sections: Vec<String>,
    /// Whether a majority of members follow that order.
    pub section_order_agreed: bool,
    /// The usual cookies.
    pub cookies: Vec<UsualCookie>,
}

/// A usual cookie of a family and its usual fields.
#[derive(Clone, Debug, Serialize)]
pub struct UsualCookie {
    /// Its name.
    pub name: String,
    /// How many members declare it.
    pub declared_by: usize,
    /// Usual values of provider, service, purpose, duration and category.
    pub fields: BTreeMap<&'static str, Verdict>,
}

/// The consensus on one field.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Verdict {
    /// A majority gives `value`.
    Usual {
        /// The value.
        value: String,
        /// How many give it.
        count: usize,
        /// How many give a value.
        of: usize,
    },
    /// No value has a majority.
    NoMajority {
        /// How many give a value.
        of: usize,
    },
    /// Too few members give a value to judge.
    TooFew,
}

/// One member's corpus findings.
#[derive(Clone, Debug, Serialize)]
pub struct Deviation {
    /// Its path.
    pub document: String,
    /// Its findings.
    pub findings: Vec<Finding>,
}

/// One corpus finding, briefly.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub rule: &'static str,
    /// 1-based line.
    pub line: usize,
    /// The message.
    pub message: String,
}

/// Builds the inventory of a corpus; deviations are the findings of the corpus rules
/// enabled in `rules`, located by reading their documents again through `sources`.
pub fn inventory(
    summaries: &[DocumentSummary],
    rules: &RuleSettings,
    settings: &CorpusSettings,
    sources: &super::Sources<'_>,
) -> Inventory {
    let cx = CorpusContext::new(summaries, settings);
    let mut findings = super::run_rules(&cx, rules);
    super::locate(&mut findings, summaries, sources);
    let mut documents = Vec::with_capacity(summaries.len());
    let mut position: HashMap<usize, usize> = HashMap::new();
    for (i, doc) in cx.documents() {
        position.insert(i, documents.len());
        documents.push(InventoryDocument {
            path: doc.path.to_string(),
            platform: doc.platform.as_ref().map(|p| p.normalized().to_string()),
            language: doc.language.map(|l| l.code()),
            family: cx.family_of.get(i).copied().unwrap_or(0),
        });
    }
    let (cookies, matrix) = matrix(&cx, &position);
    let mut by_file: HashMap<&str, Vec<Finding>> = HashMap::new();
    for l in &findings {
        by_file
            .entry(l.diagnostic.file.as_str())
            .or_default()
            .push(Finding {
                code: l.diagnostic.code,
                rule: l.diagnostic.rule,
                line: l.start.line,
                message: l.diagnostic.message.clone(),
            });
    }
    let families = cx
        .families
        .iter()
        .map(|f| {
            let members: Vec<&DocumentSummary> =
                f.members.iter().filter_map(|&m| cx.summary(m)).collect();
            InventoryFamily {
                id: f.id,
                language: f.language.map(|l| l.code()),
                members: members.iter().map(|d| d.path.to_string()).collect(),
                translation_of: f.translation_of,
                consensus: f.consensus.as_ref().map(|c| family_consensus(&cx, c)),
                deviations: members
                    .iter()
                    .filter_map(|d| {
                        let findings = by_file.remove(&*d.path)?;
                        Some(Deviation {
                            document: d.path.to_string(),
                            findings,
                        })
                    })
                    .collect(),
            }
        })
        .collect();
    Inventory {
        documents,
        cookies,
        matrix,
        families,
    }
}

fn matrix(
    cx: &CorpusContext<'_>,
    position: &HashMap<usize, usize>,
) -> (Vec<InventoryCookie>, Vec<Declaration>) {
    struct Tally {
        name: String,
        documents: usize,
        categories: BTreeMap<String, usize>,
        providers: BTreeMap<String, usize>,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for (_, doc) in cx.documents() {
        for cookie in &doc.cookies {
            let t = tallies.entry(cookie.key()).or_insert_with(|| Tally {
                name: cookie.name().to_string(),
                documents: 0,
                categories: BTreeMap::new(),
                providers: BTreeMap::new(),
            });
            t.documents += 1;
            if let Some(c) = cookie.category {
                *t.categories.entry(c.as_str().to_owned()).or_default() += 1;
            }
            if let Some(p) = cookie.field(Field::Provider) {
                *t.providers.entry(p.text.to_string()).or_default() += 1;
            }
        }
    }
    let by_frequency = |counts: BTreeMap<String, usize>| {
        let mut values: Vec<(String, usize)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        values.into_iter().map(|(v, _)| v).collect::<Vec<_>>()
    };
    let index: HashMap<&str, usize> = tallies.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut matrix = Vec::new();
    for (i, doc) in cx.documents() {
        for cookie in &doc.cookies {
            if let (Some(&document), Some(&c)) = (position.get(&i), index.get(cookie.key())) {
                matrix.push(Declaration {
                    document,
                    cookie: c,
                    category: cookie.category.map(|c| c.as_str().to_owned()),
                    provider: cookie.field(Field::Provider).map(|p| p.text.to_string()),
                });
            }
        }
    }
    let cookies = tallies
        .into_values()
        .map(|t| InventoryCookie {
            name: t.name,
            documents: t.documents,
            categories: by_frequency(t.categories),
            providers: by_frequency(t.providers),
        })
        .collect();
    (cookies, matrix)
}

fn family_consensus(cx: &CorpusContext<'_>, consensus: &super::Consensus) -> FamilyConsensus {
    let sections = consensus
        .sections
        .slots
        .iter()
        .map(|slot| {
            let heading = consensus
                .slots
                .get(slot)
                .and_then(|s| {
                    let doc = cx.summary(s.holder.0)?;
                    Some(doc.heading(doc.sections.get(s.holder.1)?))
                })
                .unwrap_or("");
            section_name(heading, *slot)
        })
        .collect();
    let cookies = consensus
        .usual_cookies()
        .filter_map(|key| {
            let c = consensus.cookies.get(key)?;
            let fields = Field::ALL
                .iter()
                .map(|&field| {
                    let verdict = match c.field(field) {
                        FieldVerdict::Usual {
                            count, of, holder, ..
                        } => Verdict::Usual {
                            value: cx
                                .summary(holder)
                                .and_then(|h| h.cookie(key))
                                .and_then(|k| k.field(field))
                                .map_or_else(String::new, |v| v.text.to_string()),
                            count,
                            of,
                        },
                        FieldVerdict::NoMajority { of } => Verdict::NoMajority { of },
                        FieldVerdict::TooFew => Verdict::TooFew,
                    };
                    (field.as_str(), verdict)
                })
                .collect();
            Some(UsualCookie {
                name: c.name.clone(),
                declared_by: c.declared,
                fields,
            })
        })
        .collect();
    FamilyConsensus {
        sections,
        section_order_agreed: consensus.sections.agreed,
        cookies,
    }
}
