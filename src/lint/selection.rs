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
#[error("unknown rule, code or group `{0}`{hint}", hint = did_you_mean(&self.0))]
pub struct UnknownSelector(pub String);

/// `"; did you mean `table-gap`?"` when `selector` is a near miss of a rule name or code or
/// of a group ([`suggestion`]), else nothing: the tail of an "unknown rule" message.
pub fn did_you_mean(selector: &str) -> String {
    suggestion(selector)
        .map(|s| ["; did you mean `", s, "`?"].concat())
        .unwrap_or_default()
}

/// The rule name, code or group that `selector` most likely misspells: the nearest by edit
/// distance (letters compared without case), at most one edit away for a selector of up to
/// four characters and two for a longer one, the first in the rule table on a tie; `None`
/// when nothing is that near (or the selector is too long to be a misspelling).
pub fn suggestion(selector: &str) -> Option<&'static str> {
    /// Longer selectors are not compared (the distance table grows with the product).
    const LONGEST: usize = 64;
    let selector = selector.trim().to_ascii_lowercase();
    if selector.is_empty() || selector.len() > LONGEST {
        return None;
    }
    let most = if selector.chars().count() <= 4 { 1 } else { 2 };
    let names = RULES.iter().map(|r| r.meta.name);
    let codes = RULES.iter().map(|r| r.meta.code);
    let groups = Group::ALL.iter().map(|g| g.as_str());
    names
        .chain(groups)
        .chain(codes)
        .map(|candidate| {
            (
                edit_distance(&selector, &candidate.to_ascii_lowercase()),
                candidate,
            )
        })
        .filter(|&(distance, _)| distance > 0 && distance <= most)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// The number of single-character insertions, deletions, substitutions and swaps of two
/// neighbours that turn `a` into `b` (optimal string alignment distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two rows back (for swaps), the previous one, the current one.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let deleted = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let inserted = current.get(j).map_or(usize::MAX, |d| d + 1);
            let replaced = previous.get(j).map_or(usize::MAX, |d| d + cost);
            let mut best = deleted.min(inserted).min(replaced);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if swapped {
                best = best.min(before.get(j - 1).map_or(usize::MAX, |d| d + 1));
            }
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = best;
            }
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_distance_counts_insertions_deletions_substitutions_and_swaps() {
        assert_eq!(edit_distance("table-gap", "table-gap"), 0);
        assert_eq!(edit_distance("tabel-gap", "table-gap"), 1, "a swap");
        assert_eq!(edit_distance("table-gp", "table-gap"), 1, "a deletion");
        assert_eq!(edit_distance("table-gapp", "table-gap"), 1, "an insertion");
        assert_eq!(edit_distance("cable-gap", "table-gap"), 1, "a substitution");
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ca", "abc"), 3, "no swap across an insertion");
        assert_eq!(edit_distance("é-gap", "e-gap"), 1, "characters, not bytes");
    }

    #[test]
    fn a_near_miss_of_a_name_code_or_group_is_suggested_and_nothing_else() {
        assert_eq!(suggestion("tabel-gap"), Some("table-gap"));
        assert_eq!(suggestion("Mixed-Quote"), Some("mixed-quotes"));
        assert_eq!(suggestion("cl2o5"), Some("CL205"));
        assert_eq!(suggestion("tabls"), Some("tables"));
        assert_eq!(
            suggestion("table-gap"),
            None,
            "an exact name is no misspelling"
        );
        assert_eq!(suggestion("xyz"), None);
        assert_eq!(suggestion(""), None);
        assert_eq!(
            suggestion("txt"),
            Some("text"),
            "one edit in a short selector"
        );
        assert_eq!(
            suggestion("tx"),
            None,
            "two edits in a short selector are too many"
        );
        assert_eq!(suggestion(&"a".repeat(10_000)), None);
        assert_eq!(
            UnknownSelector("tabel-gap".into()).to_string(),
            "unknown rule, code or group `tabel-gap`; did you mean `table-gap`?"
        );
        assert_eq!(
            UnknownSelector("xyz".into()).to_string(),
            "unknown rule, code or group `xyz`"
        );
    }
}
