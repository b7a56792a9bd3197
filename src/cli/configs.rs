//! The configurations of one `check` run. Each file is checked with the `cookielint.toml`
//! nearest above it, as ruff and markdownlint-cli2 do: for a path given on the command line,
//! the nearest above the path; for a file found by walking a directory, the nearest in the
//! directories between the file and that path, else the path's own. `--config FILE` and
//! `--no-config` give one configuration for everything and nothing is looked for.
//!
//! The disk is asked once per directory met (is there a `cookielint.toml`?); per file, the
//! directory is compared with the last one, or looked up in a table.
//!
//! A configuration's patterns are matched against a file's path relative to the
//! configuration's directory, which is canonical: [`RelativePaths`] finds that path through
//! symbolic links, asking the disk at most once per directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use miette::{IntoDiagnostic, Result};

use cookielint::config::{absolute, Config, CONFIG_NAME};

/// The rule selection given on the command line, applied to every configuration.
pub struct Selection<'a> {
    /// `--select`.
    pub select: &'a [String],
    /// `--extend-select`.
    pub extend: &'a [String],
    /// `--ignore`.
    pub ignore: &'a [String],
}

/// The configurations in force in one run (see the module documentation).
pub struct Configurations<'a> {
    selection: Selection<'a>,
    /// `--config FILE`, or `--no-config`: nothing is looked for.
    fixed: Option<Option<&'a Path>>,
    cwd: PathBuf,
    /// Each configuration, by the canonical path of its file (`None`: the defaults, or the
    /// one fixed configuration).
    configs: Vec<(Option<PathBuf>, Config)>,
    /// The configuration in force in each directory met (as the walk spells it).
    in_dir: HashMap<PathBuf, usize>,
    /// The last directory asked about, and its configuration: a walk gives a directory's
    /// files one after the other.
    last: Option<(PathBuf, usize)>,
    /// The first configuration found while walking that could not be loaded.
    failed: Option<miette::Report>,
}

impl<'a> Configurations<'a> {
    /// No configuration yet; `config` and `no_config` as given on the command line.
    pub fn new(
        selection: Selection<'a>,
        config: Option<&'a Path>,
        no_config: bool,
    ) -> Result<Self> {
        let fixed = match (config, no_config) {
            (Some(file), _) => Some(Some(file)),
            (None, true) => Some(None),
            (None, false) => None,
        };
        Ok(Configurations {
            selection,
            fixed,
            cwd: std::env::current_dir().into_diagnostic()?,
            configs: Vec::new(),
            in_dir: HashMap::new(),
            last: None,
            failed: None,
        })
    }

    /// The configuration of a path given on the command line: the nearest above it.
    pub fn for_argument(&mut self, path: &Path) -> Result<usize> {
        // The configuration above a file is its directory's (as written: a link named on
        // the command line takes the configuration of the directory it is in, and a file
        // that does not exist that of the directory it would be in).
        let dir = match path.is_dir() {
            true => path,
            false => spelled(path.parent().unwrap_or(Path::new(""))),
        };
        let found = match self.fixed {
            Some(_) => None,
            None => super::config_file::discover(dir),
        };
        let index = self.index_of(found)?;
        self.in_dir.insert(dir.to_path_buf(), index);
        Ok(index)
    }

    /// The configuration of `file`, found by walking a directory given to
    /// [`Configurations::for_argument`]: the nearest in the directories between them, else
    /// that directory's. A configuration that fails to load is kept for
    /// [`Configurations::finish`], and the directory's own is used meanwhile.
    pub fn for_walked(&mut self, file: &Path) -> usize {
        // The bytes before the file's last separator: its directory, as the walk spells it
        // (compared without taking the path apart, which costs more than all the rest).
        if let Some((last, index)) = &self.last {
            let bytes = file.as_os_str().as_encoded_bytes();
            let cut = bytes
                .iter()
                .rposition(|&b| std::path::is_separator(char::from(b)));
            if cut.and_then(|cut| bytes.get(..cut)) == Some(last.as_os_str().as_encoded_bytes()) {
                return *index;
            }
        }
        let Some(dir) = file.parent() else {
            return 0;
        };
        // Up from the file's directory to one whose configuration is known.
        let mut unknown = Vec::new();
        let mut at = Some(spelled(dir));
        let index = loop {
            let Some(d) = at else {
                break 0;
            };
            if let Some(&index) = self.in_dir.get(d) {
                break index;
            }
            if self.fixed.is_none() {
                let candidate = d.join(CONFIG_NAME);
                if candidate.is_file() {
                    let canonical = candidate.canonicalize().unwrap_or(candidate);
                    match self.index_of(Some(canonical)) {
                        Ok(index) => {
                            unknown.push(d);
                            break index;
                        }
                        Err(report) => {
                            self.failed.get_or_insert(report);
                        }
                    }
                }
            }
            unknown.push(d);
            at = d.parent().map(spelled).filter(|p| *p != d);
        };
        for d in unknown {
            self.in_dir.insert(d.to_path_buf(), index);
        }
        self.last = Some((dir.to_path_buf(), index));
        index
    }

    /// Configuration `index`.
    pub fn get(&self, index: usize) -> Option<&Config> {
        self.configs.get(index).map(|(_, c)| c)
    }

    /// The configurations, by index; the first error met while walking, if any.
    pub fn finish(self) -> Result<Vec<Config>> {
        match self.failed {
            Some(report) => Err(report),
            None => Ok(self.configs.into_iter().map(|(_, c)| c).collect()),
        }
    }

    /// The index of the configuration in the file `found` (`None`: the defaults, or the
    /// fixed one), loaded and given the command line's selection the first time.
    fn index_of(&mut self, found: Option<PathBuf>) -> Result<usize> {
        if let Some(index) = self.configs.iter().position(|(p, _)| *p == found) {
            return Ok(index);
        }
        let mut config = match (&found, self.fixed) {
            (Some(file), _) => {
                super::config_file::load(file, &self.cwd).map_err(|e| miette::Report::new(*e))?
            }
            (None, Some(named)) => super::load_config(named, named.is_none(), &[])?,
            (None, None) => Config::defaults(&self.cwd, &self.cwd),
        };
        config
            .settings
            .select(self.selection.select)
            .into_diagnostic()?;
        config
            .settings
            .extend(self.selection.extend)
            .into_diagnostic()?;
        config
            .settings
            .ignore(self.selection.ignore)
            .into_diagnostic()?;
        self.configs.push((found, config));
        Ok(self.configs.len() - 1)
    }
}

/// `dir` as the directory table spells it: the working directory (the parent of a bare file
/// name, `""`) as `.`.
fn spelled(dir: &Path) -> &Path {
    match dir.as_os_str().is_empty() {
        true => Path::new("."),
        false => dir,
    }
}

/// Files' paths relative to their configuration's directory ([`Config::root`], canonical),
/// for its patterns. The path as written is tried first, without asking the disk; one that is
/// not below the root as written (it goes through a symbolic link, or is outside the root)
/// is tried again through the canonical path of its directory, found once per directory.
#[derive(Default)]
pub struct RelativePaths {
    /// The canonical path of each directory asked about (absolute, as written), if found.
    canonical: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
}

impl RelativePaths {
    /// `path` relative to `config`'s root; `None` for a file outside it.
    pub fn of(&self, config: &Config, path: &Path) -> Option<PathBuf> {
        if let Some(relative) = config.relative(path) {
            return Some(relative);
        }
        let absolute = absolute(path, &config.cwd);
        let canonical = self.canonical_dir(absolute.parent()?)?;
        let relative = canonical.strip_prefix(&config.root).ok()?;
        Some(relative.join(absolute.file_name()?))
    }

    /// The canonical path of `dir`, remembered.
    fn canonical_dir(&self, dir: &Path) -> Option<PathBuf> {
        // A poisoned table still holds right answers.
        let table = || {
            self.canonical
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some(found) = table().get(dir) {
            return found.clone();
        }
        let found = canonical(dir);
        table().insert(dir.to_path_buf(), found.clone());
        found
    }
}

/// The canonical path of `dir`; for one that does not exist (the directory standard input
/// is named in), its nearest existing ancestor's, joined with the rest.
fn canonical(dir: &Path) -> Option<PathBuf> {
    match dir.canonicalize() {
        Ok(found) => Some(found),
        Err(_) => Some(canonical(dir.parent()?)?.join(dir.file_name()?)),
    }
}
