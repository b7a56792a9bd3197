//! How a baseline names files: relative to the baseline file's directory, so that one
//! baseline serves `check` whichever directory it runs from and however the files are
//! named (`corpus`, `./corpus`, `$PWD/corpus`, `.` from inside `corpus`).
//!
//! Names are worked out from the paths as given (`.` and `..` are taken lexically against
//! the working directory), once per file. A path that does not lead into the baseline's
//! directory that way may still reach it through a link (`$PWD/corpus` when the working
//! directory was entered through one): its directory is then resolved on disk, once per
//! directory. A baseline written from its own directory with relative paths (the usual
//! `--write-baseline .cookielint-baseline.json`) names files as they are displayed.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use cookielint::config::absolute;

/// The names of files in one baseline.
pub struct BaselineNames {
    cwd: PathBuf,
    dir: PathBuf,
    known: HashMap<String, String>,
    /// Directories resolved on disk (see [`BaselineNames::name`]), as found.
    resolved: HashMap<PathBuf, Option<PathBuf>>,
}

impl BaselineNames {
    /// For the baseline file at `baseline`, with `cwd` the working directory.
    pub fn new(baseline: &Path, cwd: &Path) -> Self {
        let dir = absolute(baseline.parent().unwrap_or(Path::new("")), cwd);
        // Through any link on the way, as the working directory itself is given.
        let dir = dir.canonicalize().unwrap_or(dir);
        BaselineNames {
            cwd: cwd.to_path_buf(),
            dir,
            known: HashMap::new(),
            resolved: HashMap::new(),
        }
    }

    /// The baseline's name for the file at `path` (as given), displayed as `shown`.
    pub fn name(&mut self, shown: &str, path: &Path) -> String {
        if let Some(name) = self.known.get(shown) {
            return name.clone();
        }
        let lexical = absolute(path, &self.cwd);
        let name = if lexical.starts_with(&self.dir) {
            relative(&lexical, &self.dir)
        } else {
            // Perhaps inside it through a link: resolve the file's directory (not the file,
            // which may be a link to somewhere else), once per directory.
            let resolved = match (lexical.parent(), lexical.file_name()) {
                (Some(parent), Some(file)) => self
                    .resolved
                    .entry(parent.to_path_buf())
                    .or_insert_with(|| parent.canonicalize().ok())
                    .as_ref()
                    .map(|parent| parent.join(file)),
                _ => None,
            };
            relative(resolved.as_deref().unwrap_or(&lexical), &self.dir)
        };
        self.known.insert(shown.to_owned(), name.clone());
        name
    }
}

/// `path` relative to `base` (both absolute and lexical), with `/` separators: `..` for
/// each component of `base` past their common start.
fn relative(path: &Path, base: &Path) -> String {
    let path: Vec<Component> = path.components().collect();
    let base: Vec<Component> = base.components().collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let ups = base.iter().skip(common).map(|_| "..".to_owned());
    let downs = path
        .iter()
        .skip(common)
        .map(|c| c.as_os_str().to_string_lossy().into_owned());
    let parts: Vec<String> = ups.chain(downs).collect();
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_baseline_directory_however_files_are_given() {
        let cwd = Path::new("/nonexistent/project");
        let mut names = BaselineNames::new(Path::new("baseline.json"), cwd);
        for shown in [
            "corpus/a.md",
            "./corpus/a.md",
            "corpus/sub/../a.md",
            "/nonexistent/project/corpus/a.md",
            "/nonexistent/other/../project/corpus/a.md",
        ] {
            assert_eq!(
                names.name(shown, Path::new(shown)),
                "corpus/a.md",
                "{shown}"
            );
        }
        // Run from inside `corpus`, with the baseline one level up.
        let mut inside = BaselineNames::new(
            Path::new("../baseline.json"),
            Path::new("/nonexistent/project/corpus"),
        );
        assert_eq!(inside.name("a.md", Path::new("a.md")), "corpus/a.md");
        // A baseline kept elsewhere: names climb out of its directory.
        let mut elsewhere = BaselineNames::new(Path::new("ci/baselines/b.json"), cwd);
        let mut name = |shown: &str| elsewhere.name(shown, Path::new(shown));
        assert_eq!(name("corpus/a.md"), "../../corpus/a.md");
        assert_eq!(name("ci/baselines/x.md"), "x.md");
        assert_eq!(name("/elsewhere/x.md"), "../../../../elsewhere/x.md");
    }
}
