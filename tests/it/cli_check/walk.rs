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

/// However a file is reached (through a directory named twice, an absolute path, `..`, a
/// link to a directory), it is checked once, under the first path that named it.
#[cfg(unix)]
#[test]
fn a_file_reached_by_several_paths_is_checked_once() {
    let dir = dir_with(&[("docs/a.txt", ACCENTED), ("docs/sub/b.md", ACCENTED)]);
    std::os::unix::fs::symlink(dir.path().join("docs"), dir.path().join("link")).unwrap();
    let alone = check_exit(dir.path(), &[&WALK_ARGS[..], &["docs"]].concat(), 1);
    let absolute = dir.path().join("docs");
    let absolute = absolute.to_str().unwrap();
    for also in [
        vec!["docs"],
        vec![absolute],
        vec!["link"],
        vec!["docs/sub/.."],
        vec!["docs/a.txt", "./docs/sub/../a.txt", "link/a.txt"],
    ] {
        let mut args = WALK_ARGS.to_vec();
        args.push("docs");
        args.extend(&also);
        let run = check_exit(dir.path(), &args, 1);
        assert_eq!(run.stdout, alone.stdout, "docs {also:?}");
    }
    assert_eq!(files(&alone), set(&["docs/a.txt", "docs/sub/b.md"]));
}

/// Two names that differ only in bytes that are not UTF-8 are two files, each shown with
/// its bytes escaped (U+FFFD would show both alike, and one was taken for the other).
#[cfg(target_os = "linux")]
#[test]
fn names_that_are_not_utf8_stay_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = dir_with(&[]);
    for name in [&b"\xff.md"[..], b"\xfe.md", b"caf\xe9 \\ x.md", b"\\xFF.md"] {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, ACCENTED).unwrap();
    }
    let run = check_exit(dir.path(), &WALK_ARGS, 1);
    assert_eq!(
        files(&run),
        set(&["\\xFE.md", "\\xFF.md", "caf\\xE9 \\\\ x.md", "\\\\xFF.md"])
    );
    assert_eq!(json(&run.stdout)["summary"]["files"], 4);
}

/// The human report's last line never says all checks passed when an input could not be
/// read, and counts those inputs.
#[test]
fn the_summary_line_counts_inputs_that_could_not_be_read() {
    let dir = dir_with(&[("clean.md", CLEAN), ("empty.md", "")]);
    let run = check_exit(dir.path(), &["--no-config", "--select", RULES_USED], 2);
    assert!(!run.stdout.contains("All checks passed"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with(
            "No findings: 0 errors, 0 warnings, 0 infos in 1 file; 1 file could not be read.\n"
        ),
        "{}",
        run.stdout
    );
    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "clean.md"],
        0,
    );
    assert!(
        run.stdout.starts_with("All checks passed: "),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("could not be read"), "{}", run.stdout);
}
