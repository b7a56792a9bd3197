//! Baselines: today's findings recorded by file, rule and content fingerprint (not line
//! numbers), so a corpus with known debt can adopt the linter and fail only on new findings.
//!
//! Matching counts occurrences: if a file had two identical findings recorded and now has
//! three, one is new. Editing lines above a finding does not make it new; changing the
//! offending text does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    file: String,
    rule: String,
    fingerprint: String,
    count: usize,
}

/// Recorded findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    counts: BTreeMap<(String, String, String), usize>,
}

fn key_of(file: &str, d: &Diagnostic) -> (String, String, String) {
    (file.to_owned(), d.rule.to_owned(), d.fingerprint.clone())
}

impl Baseline {
    /// Records `diagnostics`, each under the file it names.
    pub fn record<D: std::borrow::Borrow<Diagnostic>>(
        diagnostics: impl IntoIterator<Item = D>,
    ) -> Self {
        Baseline::record_as(diagnostics.into_iter().map(|d| {
            let file = d.borrow().file.clone();
            (file, d)
        }))
    }

    /// Records `findings`, each under the file name given with it (the command line names
    /// files relative to the baseline file, see `check`).
    pub fn record_as<D: std::borrow::Borrow<Diagnostic>>(
        findings: impl IntoIterator<Item = (String, D)>,
    ) -> Self {
        let mut counts = BTreeMap::new();
        for (file, d) in findings {
            *counts.entry(key_of(&file, d.borrow())).or_insert(0) += 1;
        }
        Baseline { counts }
    }

    /// The baseline file's JSON text.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: 1,
            entries: self
                .counts
                .iter()
                .map(|((file, rule, fingerprint), count)| Entry {
                    file: file.clone(),
                    rule: rule.clone(),
                    fingerprint: fingerprint.clone(),
                    count: *count,
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file's JSON text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        // A byte-order mark, as some editors save one, is not JSON but is no reason to fail.
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported baseline version {}", file.version));
        }
        let mut counts = BTreeMap::new();
        for e in file.entries {
            let count = counts
                .entry((e.file, e.rule, e.fingerprint))
                .or_insert(0usize);
            *count = count.saturating_add(e.count);
        }
        Ok(Baseline { counts })
    }

    /// Whether `d` is recorded; each recorded occurrence absorbs one finding. Call in output
    /// order so the result is deterministic.
    pub fn absorb(&mut self, d: &Diagnostic) -> bool {
        self.absorb_as(&d.file, d)
    }

    /// [`Baseline::absorb`] for `d` under the file name `file` (see [`Baseline::record_as`]).
    pub fn absorb_as(&mut self, file: &str, d: &Diagnostic) -> bool {
        match self.counts.get_mut(&key_of(file, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}
