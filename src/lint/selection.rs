//! Which rules run and at what severity: defaults, then `select`/`ignore` selectors (by
//! code, name, group or `all`), then severity overrides. Resolved once per file.

use super::diagnostic::Severity;
use super::registry::{Group, RULES};

/// The enabled flag and severity of every rule, indexed like [`RULES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSettings {
    enabled: Vec<bool>,
    severity: Vec<Severity>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            enabled: vec![true; RULES.len()],
            severity: RULES.iter().map(|r| r.meta.severity).collect(),
        }
    }
}

/// A selector that names no rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule, code or group `{0}`")]
pub struct UnknownSelector(pub String);

/// The indexes of the rules a selector names: a code (`CL101`), a code prefix (`CL1`), a
/// name (`missing-title`), a group (`tables`) or `all`.
pub fn resolve(selector: &str) -> Result<Vec<usize>, UnknownSelector> {
    let selector = selector.trim();
    let matches: Vec<usize> = RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            selector.eq_ignore_ascii_case("all")
                || r.meta.name == selector
                || r.meta.code.eq_ignore_ascii_case(selector)
                || (selector.len() >= 3
                    && selector.len() < r.meta.code.len()
                    && r.meta
                        .code
                        .get(..selector.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(selector)))
                || Group::ALL
                    .iter()
                    .any(|g| g.as_str() == selector && r.meta.group == *g)
        })
        .map(|(i, _)| i)
        .collect();
    if matches.is_empty() {
        Err(UnknownSelector(selector.to_owned()))
    } else {
        Ok(matches)
    }
}

impl RuleSettings {
    /// Whether rule `index` runs.
    pub fn is_enabled(&self, index: usize) -> bool {
        self.enabled.get(index).copied().unwrap_or(false)
    }

    /// The severity of rule `index`.
    pub fn severity(&self, index: usize) -> Severity {
        self.severity
            .get(index)
            .copied()
            .unwrap_or(Severity::Warning)
    }

    /// Runs only the rules the selectors name (when there are any).
    pub fn select(&mut self, selectors: &[String]) -> Result<(), UnknownSelector> {
        if selectors.is_empty() {
            return Ok(());
        }
        let mut enabled = vec![false; RULES.len()];
        for selector in selectors {
            for i in resolve(selector)? {
                if let Some(slot) = enabled.get_mut(i) {
                    *slot = true;
                }
            }
        }
        self.enabled = enabled;
        Ok(())
    }

    /// Also runs the rules the selectors name.
    pub fn extend(&mut self, selectors: &[String]) -> Result<(), UnknownSelector> {
        self.set_enabled(selectors, true)
    }

    /// Stops running the rules the selectors name.
    pub fn ignore(&mut self, selectors: &[String]) -> Result<(), UnknownSelector> {
        self.set_enabled(selectors, false)
    }

    fn set_enabled(&mut self, selectors: &[String], value: bool) -> Result<(), UnknownSelector> {
        for selector in selectors {
            for i in resolve(selector)? {
                if let Some(slot) = self.enabled.get_mut(i) {
                    *slot = value;
                }
            }
        }
        Ok(())
    }

    /// Sets the severity of the rules a selector names.
    pub fn set_severity(
        &mut self,
        selector: &str,
        severity: Severity,
    ) -> Result<(), UnknownSelector> {
        for i in resolve(selector)? {
            if let Some(slot) = self.severity.get_mut(i) {
                *slot = severity;
            }
        }
        Ok(())
    }
}
