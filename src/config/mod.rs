//! Configuration: `cookielint.toml`, found by searching upward from each input path (or
//! named with `--config`), resolved into rule settings, lint options and file filters.
//!
//! Every mistake in a configuration file (syntax, unknown key, unknown rule, bad value) is
//! an error that points at the offending text in the file. Nothing here does I/O: the
//! command line finds and reads the file and hands its text to [`resolve_text`].

mod file;

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
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

/// Per-file overrides, applied in order to files matching their patterns.
#[derive(Debug, Clone)]
pub struct Override {
    /// The files it applies to (see [`patterns`]).
    files: Gitignore,
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
    /// The directory globs are relative to (absolute; the command line gives it canonical).
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
    /// Files to skip (see [`patterns`]).
    pub exclude: Gitignore,
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
            exclude: Gitignore::empty(),
            max_file_size: None,
            fail_on: None,
            corpus: CorpusSettings::default(),
        }
    }

    /// `path` relative to [`Config::root`], found lexically (no file-system access):
    /// `None` for a path that is not below the root as written.
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        absolute(path, &self.cwd)
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    /// The rule settings for a file (overrides applied), whose path relative to the root is
    /// `relative` (see [`Config::relative`]; `None` for a file outside the root, which no
    /// override covers). `relative` is asked only when there are overrides.
    pub fn settings_at(&self, relative: impl FnOnce() -> Option<PathBuf>) -> RuleSettings {
        if self.overrides.is_empty() {
            return self.settings.clone();
        }
        let relative = relative();
        let mut settings = self.settings.clone();
        for o in &self.overrides {
            if relative.as_deref().is_some_and(|r| covers(&o.files, r)) {
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

    /// [`Config::settings_at`] with the path relative to the root found lexically.
    pub fn settings_for(&self, path: &Path) -> RuleSettings {
        self.settings_at(|| self.relative(path))
    }

    /// Whether a file found while walking a directory is checked, its path relative to the
    /// root being `relative` (as in [`Config::settings_at`]). `include` takes a file by
    /// its name, or by its relative path; `exclude` leaves out one below the root only.
    pub fn is_included_at(&self, path: &Path, relative: impl Fn() -> Option<PathBuf>) -> bool {
        // The relative path is only built when a glob needs it: the usual patterns (`*.md`)
        // take a file by its name (one they leave is asked again by its relative path), and
        // an empty `exclude` (the usual case) is not asked.
        let known = std::cell::OnceCell::new();
        let below = || known.get_or_init(&relative).as_deref();
        let name = Path::new(path.file_name().unwrap_or_default());
        let included =
            self.include.is_match(name) || below().is_some_and(|r| self.include.is_match(r));
        included && (self.exclude.is_empty() || !below().is_some_and(|r| covers(&self.exclude, r)))
    }

    /// [`Config::is_included_at`] with the path relative to the root found lexically.
    pub fn is_included(&self, path: &Path) -> bool {
        self.is_included_at(path, || self.relative(path))
    }
}

/// Whether the patterns `set` cover a file at `relative` (to their root): the file, or a
/// directory it is in.
fn covers(set: &Gitignore, relative: &Path) -> bool {
    // The matcher takes paths below its root only (it asserts that).
    !relative.as_os_str().is_empty()
        && !relative.has_root()
        && set.matched_path_or_any_parents(relative, false).is_ignore()
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

/// The patterns that pick files to leave out or to treat apart (`exclude`, overrides'
/// `files`), relative to `root`, read as lines of a `.gitignore` there (ignoring case): a
/// name without `/` (but a trailing one) matches at any depth; a leading `/`, or a `/`
/// inside, anchors a pattern to the root; `*` does not cross a `/`, `**` does; a trailing
/// `/` matches directories only; `!` takes back what an earlier pattern matched; and a
/// pattern that matches a directory covers everything below it. A leading `./` stands for
/// the root, as a leading `/` does. On error, the index of the pattern at fault.
pub(crate) fn patterns<'a>(
    root: &Path,
    patterns: impl IntoIterator<Item = &'a str>,
) -> Result<Gitignore, (usize, ignore::Error)> {
    let mut builder = GitignoreBuilder::new(root);
    // (Never fails: the result type is historical.)
    let _ = builder.case_insensitive(true);
    for (index, p) in patterns.into_iter().enumerate() {
        let anchored;
        let line = match p.strip_prefix("./") {
            Some(rest) => {
                anchored = format!("/{rest}");
                anchored.as_str()
            }
            None => p,
        };
        builder.add_line(None, line).map_err(|e| (index, e))?;
    }
    builder.build().map_err(|e| (0, e))
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
