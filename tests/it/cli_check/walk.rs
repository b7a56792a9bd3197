//! The directory walk: default extensions, `.gitignore`, symbolic links, unreadable and
//! empty files; deterministic, sorted output.

use serde_json::Value;

use super::{
    check, check_exit, dir_with, files, format_fixture, plain, set, ACCENTED, CLEAN, RULES_USED,
};
use crate::support::{json, root};

/// Checks with one rule that fires on every file, so the report lists the files walked.
const WALK_ARGS: [&str; 7] = [
    "--no-config",
    "--select",
    "CL405",
    "--format",
    "json",
    "--fail-on",
    "info",
];

#[test]
fn the_walk_takes_text_and_markdown_and_respects_gitignore() {
    let dir = dir_with(&[
        ("keep.txt", ACCENTED),
        ("sub/keep.md", ACCENTED),
        ("notes.rst", ACCENTED),
        ("data.json", ACCENTED),
        ("ignored.txt", ACCENTED),
        ("build/out.md", ACCENTED),
        (".gitignore", "ignored.txt\nbuild/\n"),
    ]);
    let run = check_exit(dir.path(), &WALK_ARGS, 1);
    assert_eq!(files(&run), set(&["keep.txt", "sub/keep.md"]));
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_never_followed() {
    use std::os::unix::fs::symlink;
    let outside = dir_with(&[("secret.txt", ACCENTED)]);
    let dir = dir_with(&[("a.txt", ACCENTED), ("sub/b.md", CLEAN)]);
    symlink(dir.path(), dir.path().join("loop")).unwrap();
    symlink("..", dir.path().join("sub/up")).unwrap();
    symlink(outside.path(), dir.path().join("outside")).unwrap();
    symlink(
        outside.path().join("secret.txt"),
        dir.path().join("secret-link.txt"),
    )
    .unwrap();
    let run = check_exit(dir.path(), &WALK_ARGS, 1);
    assert_eq!(files(&run), set(&["a.txt"]));
    let report = json(&run.stdout);
    assert_eq!(report["summary"]["files"], 2, "a.txt and sub/b.md only");
    assert_eq!(report["errors"], Value::Array(Vec::new()));
    assert!(!run.stdout.contains("secret"), "{}", run.stdout);
}

#[cfg(unix)]
#[test]
fn unreadable_and_empty_files_are_reported_and_the_rest_still_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = dir_with(&[
        ("a-good.txt", ACCENTED),
        ("b-empty.md", ""),
        ("c-locked.md", CLEAN),
    ]);
    let locked = dir.path().join("c-locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a file whatever its mode: then the locked file is not unreadable.
    let unreadable = std::fs::read(&locked).is_err();

    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "--format", "json"],
        2,
    );
    let report = json(&run.stdout);
    assert_eq!(files(&run), set(&["a-good.txt"]));
    let errors: Vec<(String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                plain(e["file"].as_str().unwrap()).to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let empty = errors.iter().find(|(f, _)| f == "b-empty.md");
    assert!(
        empty.is_some_and(|(_, m)| m.contains("empty")),
        "{errors:?}"
    );
    if unreadable {
        let locked = errors.iter().find(|(f, _)| f == "c-locked.md");
        assert!(
            locked.is_some_and(|(_, m)| m.contains("ermission")),
            "{errors:?}"
        );
    }

    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "--format", "concise"],
        2,
    );
    assert!(run.stdout.contains("a-good.txt:3:13"), "{}", run.stdout);
    assert!(
        format!("{}{}", run.stdout, run.stderr).contains("b-empty.md"),
        "{}",
        run.stderr
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    for format in ["json", "concise", "sarif", "junit", "github", "human"] {
        let run = |jobs: &str| {
            check(
                &root(),
                &["corpus", "--no-config", "--format", format, "--jobs", jobs],
            )
        };
        let first = run("1");
        assert!(!first.stdout.is_empty(), "{format}");
        for jobs in ["1", "2", "2"] {
            let again = run(jobs);
            assert_eq!(again.code, first.code, "{format} --jobs {jobs}");
            assert!(
                again.stdout == first.stdout,
                "{format}: --jobs {jobs} differs from --jobs 1"
            );
        }
    }
}

#[test]
fn output_is_sorted_by_file_whatever_the_argument_order() {
    let dir = format_fixture();
    let args = |order: [&'static str; 3]| {
        let mut all = vec!["--no-config", "--select", RULES_USED, "--format", "concise"];
        all.extend(order);
        all
    };
    let sorted = check_exit(
        dir.path(),
        &args(["accents.txt", "mixed.txt", "warning.md"]),
        1,
    );
    let reversed = check_exit(
        dir.path(),
        &args(["warning.md", "mixed.txt", "accents.txt"]),
        1,
    );
    assert_eq!(reversed.stdout, sorted.stdout);
}
