//! Configuration: `cookielint.toml`, found by searching upward from each input path (or
//! named with `--config`), resolved into rule settings, lint options and file filters.
//!
//! Every mistake in a configuration file (syntax, unknown key, unknown rule, bad value) is
//! an error that points at the offending text in the file. Nothing here does I/O: the
//! command line finds and reads the file and hands its text to [`resolve_text`].

mod file;

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use miette::{NamedSource, SourceSpan};

use crate::lint::known::{KnownCookie, KnownTypo};
use crate::lint::selection::resolve;
use crate::lint::{LintOptions, RuleSettings, Severity};
use crate::vocab::{Category, Extra};

pub use file::ConfigFile;

/// The file name searched for.
pub const CONFIG_NAME: &str = "cookielint.toml";

/// A configuration error, pointing into the configuration file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(cookielint::config))]
pub struct ConfigError {
    /// What is wrong.
    pub message: String,
    /// The configuration text.
    #[source_code]
    pub source_code: NamedSource<String>,
    /// Where.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// The label text.
    pub label: String,
    /// How to fix it.
    #[help]
    pub help: Option<String>,
}

/// Per-file overrides, applied in order to files matching their globs.
#[derive(Debug, Clone)]
pub struct Override {
    globs: GlobSet,
    /// Rules to stop running.
    pub ignore: Vec<String>,
    /// Rules to also run.
    pub select: Vec<String>,
    /// Severity changes.
    pub severity: Vec<(String, Severity)>,
}

/// Thresholds of the cross-document phase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CorpusSettings {
    /// Smallest family whose consensus is trusted.
    pub min_family_size: usize,
    /// Share of a family that makes a majority (0.5 to 1).
    pub majority: f64,
}

impl Default for CorpusSettings {
    fn default() -> Self {
        CorpusSettings {
            min_family_size: 3,
            majority: 0.5,
        }
    }
}

/// A resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from (`None`: built-in defaults).
    pub path: Option<PathBuf>,
    /// The directory globs are relative to (absolute).
    pub root: PathBuf,
    /// The directory relative input paths are resolved against (absolute).
    pub cwd: PathBuf,
    /// Rule settings before per-file overrides.
    pub settings: RuleSettings,
    /// Per-file overrides.
    pub overrides: Vec<Override>,
    /// Options the rules read.
    pub options: LintOptions,
    /// Heading and column-header wording added to the built-in vocabulary.
    pub vocabulary: Extra,
    /// Files to check in walked directories (default `*.txt`, `*.md`, `*.markdown`).
    pub include: GlobSet,
    /// Files to skip.
    pub exclude: GlobSet,
    /// Largest file read.
    pub max_file_size: Option<u64>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<Severity>,
    /// Cross-document thresholds.
    pub corpus: CorpusSettings,
}

impl Config {
    /// The built-in configuration, with globs relative to `root`; relative paths are resolved
    /// against `cwd` (both absolute).
    pub fn defaults(root: &Path, cwd: &Path) -> Self {
        Config {
            path: None,
            root: absolute(root, cwd),
            cwd: cwd.to_path_buf(),
            settings: RuleSettings::default(),
            overrides: Vec::new(),
            options: LintOptions::default(),
            vocabulary: Extra::default(),
            include: globs(&["*.txt", "*.md", "*.markdown"]).unwrap_or_else(|_| GlobSet::empty()),
            exclude: GlobSet::empty(),
            max_file_size: None,
            fail_on: None,
            corpus: CorpusSettings::default(),
        }
    }

    /// The rule settings for a file (overrides applied).
    pub fn settings_for(&self, path: &Path) -> RuleSettings {
        if self.overrides.is_empty() {
            return self.settings.clone();
        }
        let absolute = absolute(path, &self.cwd);
        let relative = absolute.strip_prefix(&self.root).unwrap_or(path);
        let mut settings = self.settings.clone();
        for o in &self.overrides {
            if o.globs.is_match(relative) || o.globs.is_match(path) {
                // Selectors were validated when the configuration was loaded.
                let _ = settings.ignore(&o.ignore);
                let _ = settings.extend(&o.select);
                for (selector, severity) in &o.severity {
                    let _ = settings.set_severity(selector, *severity);
                }
            }
        }
        settings
    }

    /// Whether a file found while walking a directory is checked.
    pub fn is_included(&self, path: &Path) -> bool {
        // The path relative to the configuration's root is only built when a glob needs it:
        // the usual patterns (`*.md`) take a file by its name (one they leave is asked
        // again by its relative path), and a glob set builds a candidate (an allocation)
        // before it looks at its globs, so an empty one (no `exclude`, the usual case) is
        // not asked.
        let made_absolute = std::cell::OnceCell::new();
        let relative = || {
            made_absolute
                .get_or_init(|| absolute(path, &self.cwd))
                .strip_prefix(&self.root)
                .unwrap_or(path)
        };
        let name = Path::new(path.file_name().unwrap_or_default());
        let included = self.include.is_match(name) || self.include.is_match(relative());
        included
            && (self.exclude.is_empty()
                || !(self.exclude.is_match(relative()) || self.exclude.is_match(path)))
    }
}

/// `path` made absolute (against `cwd`) with `.` and `..` resolved lexically, so it can be
/// compared with the configuration's root. No file system access.
pub fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    // Most paths (every walked one) hold no `.`, `..` or empty segment (`a//b`, `a/`):
    // nothing to resolve or tidy. The first segment is empty in a rooted path.
    let irregular = joined
        .as_os_str()
        .as_encoded_bytes()
        .split(|&b| std::path::is_separator(char::from(b)))
        .skip(1)
        .any(|segment| matches!(segment, b"" | b"." | b".."));
    if !irregular {
        return joined;
    }
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The glob set of `patterns`; a pattern without `/` matches the file name at any depth.
/// Globs ignore case, as the file systems of Windows and macOS do: `*.md` takes `README.MD`
/// (files exported on those systems often carry upper-case extensions), and `drafts/**`
/// excludes `Drafts/` too.
fn globs(patterns: &[&str]) -> Result<GlobSet, globset::Error> {
    let glob = |p: &str| GlobBuilder::new(p).case_insensitive(true).build();
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(glob(p)?);
        if !p.contains('/') {
            builder.add(glob(&format!("**/{p}"))?);
        }
    }
    builder.build()
}

/// Parses and resolves configuration text (`name` labels errors): globs are relative to
/// `root`, relative input paths to `cwd` (both absolute). Reading the file is the caller's
/// business.
pub fn resolve_text(
    name: &str,
    text: &str,
    root: &Path,
    cwd: &Path,
) -> Result<Config, Box<ConfigError>> {
    let error = |message: String,
                 span: Option<std::ops::Range<usize>>,
                 label: &str,
                 help: Option<String>| {
        Box::new(ConfigError {
            message,
            source_code: NamedSource::new(name, text.to_owned()),
            span: span.map(|r| SourceSpan::from(r.start..r.end)),
            label: label.to_owned(),
            help,
        })
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        error(
            format!("invalid configuration: {}", e.message()),
            e.span(),
            "here",
            Some("see the Configuration section of the README for every key".into()),
        )
    })?;
    file.resolve(root, cwd, &|message, span, help| {
        error(message, Some(span), "here", help)
    })
}

pub(crate) fn parse_severity(value: &str) -> Option<Severity> {
    Severity::parse(value)
}

pub(crate) fn check_selector(selector: &str) -> bool {
    resolve(selector).is_ok()
}

pub(crate) fn typo(wrong: &str, right: &[String]) -> KnownTypo {
    let right: Vec<&str> = right.iter().map(String::as_str).collect();
    KnownTypo::new(wrong, &right)
}

pub(crate) fn cookie(pattern: &str, category: Category, provider: &str) -> KnownCookie {
    KnownCookie {
        pattern: pattern.to_owned(),
        category,
        provider: provider.to_owned(),
    }
}

pub(crate) fn glob_set(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    // `./legacy/*.md` means `legacy/*.md`: paths are matched relative to the root.
    let refs: Vec<&str> = patterns
        .iter()
        .map(|p| p.strip_prefix("./").unwrap_or(p))
        .collect();
    globs(&refs)
}

/// [`glob_set`] for patterns that pick files to leave out or to treat apart (`exclude`,
/// overrides' `files`): as in `.gitignore`, a pattern that matches a directory matches
/// everything below it too, so `drafts` (or `drafts/`) excludes `drafts/a.md` at any depth,
/// and `legacy` in an override covers `legacy/fr/a.md`.
pub(crate) fn glob_set_below(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut all: Vec<String> = Vec::with_capacity(patterns.len() * 2);
    for p in patterns {
        let p = p.trim_end_matches('/');
        all.push(p.to_owned());
        if !p.is_empty() && !p.ends_with("**") {
            all.push(format!("{p}/**"));
            if !p.contains('/') {
                all.push(format!("**/{p}/**"));
            }
        }
    }
    glob_set(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn absolute_paths_resolve_dots_and_keep_regular_paths() {
        let cwd = Path::new("/work/cwd");
        for (path, expected) in [
            ("a/b.md", "/work/cwd/a/b.md"),
            ("/x/y.txt", "/x/y.txt"),
            ("./a/../b.md", "/work/cwd/b.md"),
            ("../up.md", "/work/up.md"),
            ("/x/./y/../z", "/x/z"),
            ("a//b.md", "/work/cwd/a/b.md"),
            ("a/", "/work/cwd/a"),
            (".", "/work/cwd"),
            ("..", "/work"),
            ("..a/b..", "/work/cwd/..a/b.."),
            (".hidden/x", "/work/cwd/.hidden/x"),
        ] {
            let got = absolute(Path::new(path), cwd);
            assert_eq!(got.as_os_str(), expected, "{path}");
        }
    }
}
