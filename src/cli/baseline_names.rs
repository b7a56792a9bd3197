//! How a baseline names files: relative to the baseline file's directory, so that one
//! baseline serves `check` whichever directory it runs from and however the files are
//! named (`corpus`, `./corpus`, `$PWD/corpus`, `.` from inside `corpus`).
//!
//! Names are worked out from the displayed paths without touching the disk (`.` and `..`
//! are taken lexically against the working directory), once per file. A baseline written
//! from its own directory with relative paths (the usual `--write-baseline
//! .cookielint-baseline.json`) names files as they are displayed, as before.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use cookielint::config::absolute;

/// The names of files in one baseline.
pub struct BaselineNames {
    cwd: PathBuf,
    dir: PathBuf,
    known: HashMap<String, String>,
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
        }
    }

    /// The baseline's name for the file displayed as `shown`.
    pub fn name(&mut self, shown: &str) -> String {
        if let Some(name) = self.known.get(shown) {
            return name.clone();
        }
        let name = relative(&absolute(Path::new(shown), &self.cwd), &self.dir);
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
            assert_eq!(names.name(shown), "corpus/a.md", "{shown}");
        }
        // Run from inside `corpus`, with the baseline one level up.
        let mut inside = BaselineNames::new(
            Path::new("../baseline.json"),
            Path::new("/nonexistent/project/corpus"),
        );
        assert_eq!(inside.name("a.md"), "corpus/a.md");
        // A baseline kept elsewhere: names climb out of its directory.
        let mut elsewhere = BaselineNames::new(Path::new("ci/baselines/b.json"), cwd);
        assert_eq!(elsewhere.name("corpus/a.md"), "../../corpus/a.md");
        assert_eq!(elsewhere.name("ci/baselines/x.md"), "x.md");
        assert_eq!(
            elsewhere.name("/elsewhere/x.md"),
            "../../../../elsewhere/x.md"
        );
    }
}
