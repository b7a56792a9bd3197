//! The path patterns of a configuration (`[files] exclude`, `[[overrides]] files`): matched
//! as in `.gitignore`, against the path relative to the configuration's directory only,
//! however that directory is reached (named from above, by an absolute path, through a
//! symbolic link).

use std::collections::BTreeSet;
use std::path::Path;

use super::{check_exit, dir_with, file_codes, MIXED};
use crate::support::{cookielint_with_input, json};

/// Two rules that fire on `MIXED`: `missing-title` (CL101) and `trailing-whitespace`
/// (CL405).
const SELECT: &str = "[lint]\nselect = [\"missing-title\", \"trailing-whitespace\"]\n\n";

/// Each file checked by `check ARGS... --format json` in `dir` (as reported, without a
/// leading `prefix`), with whether `missing-title` fired on it.
fn checked(dir: &Path, args: &[&str], prefix: &str) -> BTreeSet<(String, bool)> {
    let mut all = args.to_vec();
    all.extend(["--format", "json", "--exit-zero"]);
    let run = check_exit(dir, &all, 0);
    let found = file_codes(&run);
    let names: BTreeSet<String> = found.iter().map(|(f, _)| f.clone()).collect();
    names
        .into_iter()
        .map(|f| {
            let titled = !found.iter().any(|(g, c)| *g == f && c == "CL101");
            let shown = f.strip_prefix(prefix).unwrap_or(&f).to_owned();
            (shown, !titled)
        })
        .collect()
}

/// `(file, whether missing-title fired)` pairs, owned.
fn expected(items: &[(&str, bool)]) -> BTreeSet<(String, bool)> {
    items.iter().map(|(f, t)| ((*f).to_owned(), *t)).collect()
}

/// A name without `/` covers that name below the configuration's directory, never a
/// directory above it: `archive/site/cookielint.toml` excluding `archive` leaves
/// `archive/site` itself checked, however the site is named.
#[test]
fn a_pattern_never_matches_a_directory_above_the_configuration() {
    let config = format!(
        "{SELECT}[files]\nexclude = [\"archive\"]\n\n\
         [[overrides]]\nfiles = [\"legacy\"]\nignore = [\"missing-title\"]\n"
    );
    let dir = dir_with(&[
        ("legacy/archive/site/cookielint.toml", &config),
        ("legacy/archive/site/keep.txt", MIXED),
        ("legacy/archive/site/archive/old.txt", MIXED),
        ("legacy/archive/site/legacy/l.txt", MIXED),
    ]);
    let want = expected(&[("keep.txt", true), ("legacy/l.txt", false)]);
    let site = dir.path().join("legacy/archive/site");
    assert_eq!(checked(&site, &["."], "./"), want);
    assert_eq!(
        checked(dir.path(), &["legacy/archive/site"], "legacy/archive/site/"),
        want
    );
    let absolute = site.to_str().unwrap();
    assert_eq!(
        checked(dir.path(), &[absolute], &format!("{absolute}/")),
        want
    );
    // A file named on the command line takes the overrides by the same rule.
    let named = checked(dir.path(), &["legacy/archive/site/keep.txt"], "");
    assert_eq!(named, expected(&[("legacy/archive/site/keep.txt", true)]));
}

/// The configuration's directory is known by its canonical path; a project reached through a
/// symbolic link is matched by the same patterns as when it is named directly.
#[test]
#[cfg(unix)]
fn patterns_hold_through_a_symbolic_link() {
    let config = format!(
        "{SELECT}[files]\nexclude = [\"legacy/*.txt\"]\n\n\
         [[overrides]]\nfiles = [\"odd/*.txt\"]\nignore = [\"missing-title\"]\n"
    );
    let dir = dir_with(&[
        ("real/proj/cookielint.toml", &config),
        ("real/proj/new/b.txt", MIXED),
        ("real/proj/legacy/a.txt", MIXED),
        ("real/proj/odd/c.txt", MIXED),
    ]);
    std::os::unix::fs::symlink("real/proj", dir.path().join("link")).unwrap();
    let want = expected(&[("new/b.txt", true), ("odd/c.txt", false)]);
    assert_eq!(checked(dir.path(), &["real/proj"], "real/proj/"), want);
    assert_eq!(checked(dir.path(), &["link"], "link/"), want);
    let absolute = dir.path().join("link");
    let absolute = absolute.to_str().unwrap();
    assert_eq!(
        checked(dir.path(), &[absolute], &format!("{absolute}/")),
        want
    );
    // Standard input named after a file below the link.
    let args = [
        "check",
        "--stdin-filename",
        "link/odd/s.txt",
        "--format",
        "json",
        "--exit-zero",
    ];
    let run = cookielint_with_input(dir.path(), &args, MIXED.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CL405"], "{}", run.stdout);
}

/// `exclude` and overrides' `files` follow `.gitignore`: a leading `/` anchors a pattern to
/// the configuration's directory, so does a `/` inside it, `*` stays within one directory,
/// `**` crosses them, a trailing `/` names directories only, and a name without `/` matches
/// at any depth.
#[test]
fn patterns_follow_gitignore() {
    let files = [
        "top.txt",
        "x/mid.txt",
        "x/y/deep.txt",
        "z/top.txt",
        "z/x/mid.txt",
        "y",
    ];
    for (pattern, left) in [
        (
            "/top.txt",
            &["x/mid.txt", "x/y/deep.txt", "y", "z/top.txt", "z/x/mid.txt"][..],
        ),
        (
            "top.txt",
            &["x/mid.txt", "x/y/deep.txt", "y", "z/x/mid.txt"],
        ),
        ("/x", &["top.txt", "y", "z/top.txt", "z/x/mid.txt"]),
        (
            "x/*.txt",
            &["top.txt", "x/y/deep.txt", "y", "z/top.txt", "z/x/mid.txt"],
        ),
        ("x/**/*.txt", &["top.txt", "y", "z/top.txt", "z/x/mid.txt"]),
        ("**/x/*.txt", &["top.txt", "x/y/deep.txt", "y", "z/top.txt"]),
        (
            "y/",
            &["top.txt", "x/mid.txt", "y", "z/top.txt", "z/x/mid.txt"],
        ),
    ] {
        let config = format!(
            "{SELECT}[files]\ninclude = [\"*.txt\", \"y\"]\nexclude = [\"{pattern}\"]\n\n\
             [[overrides]]\nfiles = [\"{pattern}\"]\nignore = [\"missing-title\"]\n"
        );
        let mut all: Vec<(&str, &str)> = files.iter().map(|f| (*f, MIXED)).collect();
        all.push(("cookielint.toml", &config));
        let dir = dir_with(&all);
        let walked = checked(dir.path(), &[], "");
        let want: BTreeSet<(String, bool)> = left.iter().map(|f| ((*f).to_owned(), true)).collect();
        assert_eq!(walked, want, "exclude {pattern:?}");
        // Each file named: none is excluded, and the override takes what the exclusion
        // left out.
        let named = checked(dir.path(), &files, "");
        let want: BTreeSet<(String, bool)> = files
            .iter()
            .map(|f| ((*f).to_owned(), left.contains(f)))
            .collect();
        assert_eq!(named, want, "override {pattern:?}");
    }
}
