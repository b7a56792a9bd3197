//! `cookielint.toml`: errors pointing into the file, discovery, `--config`, `--no-config`,
//! overrides, file globs, and `cookielint config`.

use std::collections::BTreeSet;

use cookielint::lint::RULES;

use super::{
    check, check_exit, codes, dir_with, file_codes, files, set, write, ACCENTED, MIXED, RULES_USED,
};
use crate::support::{cookielint_in, json};

#[test]
fn an_unknown_key_is_an_error_pointing_into_the_file() {
    let dir = dir_with(&[
        ("accents.txt", ACCENTED),
        (
            "cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\nbogus-key = 1\n",
        ),
    ]);
    let run = check_exit(dir.path(), &[], 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("cookielint.toml:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("bogus-key"), "{}", run.stderr);
    assert!(
        run.stderr
            .lines()
            .any(|l| l.trim_start() == "3 │ bogus-key = 1"),
        "no snippet of the offending line:\n{}",
        run.stderr
    );
}

#[test]
fn an_unknown_rule_in_the_configuration_is_an_error_with_its_span() {
    let config = "[lint]\nignore = [\"trailing-whitespace\", \"no-such-rule\"]\n";
    let dir = dir_with(&[("accents.txt", ACCENTED), ("cookielint.toml", config)]);
    let run = check_exit(dir.path(), &[], 2);
    assert_eq!(run.stdout, "");
    // `"no-such-rule"` starts at line 2, column 34.
    assert!(
        run.stderr.contains("cookielint.toml:2:34"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no-such-rule"), "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    let snippet = lines
        .iter()
        .position(|l| l.contains("│ ignore = ["))
        .unwrap_or_else(|| panic!("no snippet:\n{}", run.stderr));
    let quote = lines[snippet].chars().position(|c| c == '"').unwrap() + 23;
    let underline = lines[snippet + 1].chars().position(|c| c == '─').unwrap();
    assert_eq!(
        underline, quote,
        "the label underlines the unknown rule:\n{}",
        run.stderr
    );
}

/// A misspelt rule name gets the nearest name as a suggestion wherever rules are named:
/// the configuration, `--select`, `explain` and a suppression comment.
#[test]
fn a_misspelt_rule_name_is_answered_with_the_nearest_one() {
    let hint = "did you mean `table-gap`?";
    let dir = dir_with(&[
        ("accents.txt", ACCENTED),
        ("cookielint.toml", "[lint]\nignore = [\"tabel-gap\"]\n"),
    ]);
    let run = check_exit(dir.path(), &[], 2);
    assert!(
        run.stderr.contains(&format!("`tabel-gap`; {hint}")),
        "{}",
        run.stderr
    );

    let dir = dir_with(&[(
        "policy.md",
        "# Cookies\n\n<!-- cookielint-disable tabel-gap -->\nText.\n",
    )]);
    let run = check_exit(dir.path(), &["--select", "tabel-gap"], 2);
    assert!(run.stderr.contains(hint), "{}", run.stderr);
    let run = check(
        dir.path(),
        &["--format", "json", "--select", "unused-suppression"],
    );
    let report = json(&run.stdout);
    let finding = &report["diagnostics"][0];
    assert_eq!(
        finding["message"],
        "suppression names an unknown rule: tabel-gap (the comment silences nothing)",
        "{report:#}"
    );
    assert_eq!(finding["help"], hint, "{report:#}");

    let run = cookielint_in(dir.path(), &["explain", "tabel-gap"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        format!("error: unknown rule `tabel-gap`; {hint}\n")
    );
    let run = cookielint_in(dir.path(), &["explain", "zzz"]);
    assert_eq!(
        run.stderr,
        "error: unknown rule `zzz`; run `cookielint rules` to list them\n"
    );
}

#[test]
fn a_valid_configuration_is_found_upward_and_applied() {
    let dir = dir_with(&[
        ("docs/mixed.txt", MIXED),
        (
            "cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\n",
        ),
    ]);
    let docs = dir.path().join("docs");
    let args = ["--format", "json", "--exit-zero"];
    let found = codes(&check_exit(&docs, &args, 0));
    assert!(!found.contains("CL405"), "{found:?}");
    assert!(found.contains("CL101"), "{found:?}");

    // --no-config: the rule is back.
    let mut no_config = args.to_vec();
    no_config.push("--no-config");
    let found = codes(&check_exit(&docs, &no_config, 0));
    assert!(found.contains("CL405"), "{found:?}");

    // --config names a file elsewhere.
    let elsewhere = dir_with(&[("other.toml", "[lint]\nignore = [\"missing-title\"]\n")]);
    let other = elsewhere.path().join("other.toml");
    let mut named = args.to_vec();
    named.extend(["--config", other.to_str().unwrap()]);
    let found = codes(&check_exit(&docs, &named, 0));
    assert!(!found.contains("CL101"), "{found:?}");
    assert!(found.contains("CL405"), "{found:?}");
}

#[test]
fn no_config_does_not_read_a_broken_configuration() {
    let dir = dir_with(&[("accents.txt", ACCENTED), ("cookielint.toml", "[lint\n")]);
    check_exit(dir.path(), &[], 2);
    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "--format", "json"],
        0,
    );
    assert_eq!(files(&run), set(&["accents.txt"]));
}

#[test]
fn overrides_apply_to_files_matching_their_globs() {
    let dir = dir_with(&[
        ("a.txt", ACCENTED),
        ("legacy/b.txt", ACCENTED),
        ("legacy/c.md", ACCENTED),
        (
            "cookielint.toml",
            "[[overrides]]\nfiles = [\"legacy/*.txt\"]\nignore = [\"CL405\"]\n",
        ),
    ]);
    let run = check_exit(dir.path(), &["--format", "json", "--exit-zero"], 0);
    let with_trailing: BTreeSet<String> = file_codes(&run)
        .into_iter()
        .filter(|(_, code)| code == "CL405")
        .map(|(file, _)| file)
        .collect();
    assert_eq!(with_trailing, set(&["a.txt", "legacy/c.md"]));
}

#[test]
fn overrides_apply_to_corpus_findings_file_by_file() {
    // The bundled corpus gives `fr-no-platform-section.txt` two corpus findings, CL501 and
    // CL502. An override switches one off and raises the other for that file only; a copy
    // of the file under another name keeps the defaults.
    let corpus = crate::support::root().join("corpus");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let drifted = files
        .iter()
        .find(|(name, _)| name == "fr-no-platform-section.txt")
        .unwrap()
        .1
        .clone();
    files.push(("twin/fr-copy.txt".into(), drifted));
    let config = "[[overrides]]\nfiles = [\"fr-no-platform-section.txt\"]\n\
                  ignore = [\"template-drift\"]\nseverity = { structure-drift = \"error\" }\n";
    files.push(("cookielint.toml".into(), config.into()));
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let dir = dir_with(&named);
    let run = check_exit(dir.path(), &["--format", "json", "--exit-zero"], 0);
    let corpus_findings: BTreeSet<(String, String, String)> = super::diagnostics(&run)
        .iter()
        .filter(|d| ["CL501", "CL502"].contains(&d["code"].as_str().unwrap()))
        .map(|d| {
            (
                super::plain(d["file"].as_str().unwrap()).to_owned(),
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String, String)> = [
        ("fr-no-platform-section.txt", "CL502", "error"),
        ("twin/fr-copy.txt", "CL501", "warning"),
        ("twin/fr-copy.txt", "CL502", "warning"),
    ]
    .into_iter()
    .map(|(f, c, s)| (f.to_owned(), c.to_owned(), s.to_owned()))
    .collect();
    assert_eq!(corpus_findings, expected);
}

#[test]
fn files_include_and_exclude_choose_what_is_walked() {
    let dir = dir_with(&[
        ("keep.txt", ACCENTED),
        ("notes.rst", ACCENTED),
        ("skipped.md", ACCENTED),
        ("drafts/draft.txt", ACCENTED),
        (
            "cookielint.toml",
            "[lint]\nselect = [\"trailing-whitespace\"]\n\n[files]\ninclude = [\"*.txt\", \"*.rst\"]\nexclude = [\"drafts/**\"]\n",
        ),
    ]);
    let run = check_exit(dir.path(), &["--format", "json", "--fail-on", "info"], 1);
    assert_eq!(files(&run), set(&["keep.txt", "notes.rst"]));
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
}

/// As in `.gitignore`, an `exclude` or override pattern that names a directory covers
/// everything below it, at any depth when it has no `/`; a leading `./` is the root.
#[test]
fn a_pattern_naming_a_directory_covers_what_is_below_it() {
    let config = "[lint]\nselect = [\"trailing-whitespace\", \"missing-title\"]\n\n\
        [files]\nexclude = [\"drafts\", \"old/\"]\n\n\
        [[overrides]]\nfiles = [\"./legacy\"]\nignore = [\"missing-title\"]\n";
    let dir = dir_with(&[
        ("keep.txt", MIXED),
        ("drafts/a.txt", MIXED),
        ("nested/drafts/deep/b.txt", MIXED),
        ("old/c.txt", MIXED),
        ("nested/old/d.txt", MIXED),
        ("drafts.txt", MIXED),
        ("legacy/fr/e.txt", MIXED),
        ("cookielint.toml", config),
    ]);
    let run = check_exit(dir.path(), &["--format", "json", "--exit-zero"], 0);
    // `old/` without another `/` before its end: at any depth, like `drafts`.
    assert_eq!(
        files(&run),
        set(&["drafts.txt", "keep.txt", "legacy/fr/e.txt"])
    );
    let found = file_codes(&run);
    assert!(
        found.contains(&("keep.txt".to_owned(), "CL101".to_owned())),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|(f, c)| f == "legacy/fr/e.txt" && c == "CL101"),
        "{found:?}"
    );
}

#[test]
fn config_prints_the_effective_settings() {
    let dir = dir_with(&[(
        "cookielint.toml",
        "[lint]\nignore = [\"trailing-whitespace\"]\nfail-on = \"warning\"\n\n[lint.severity]\ntable-gap = \"error\"\n",
    )]);
    let run = cookielint_in(dir.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = std::fs::canonicalize(dir.path().join("cookielint.toml")).unwrap();
    let out = &run.stdout;
    for expected in [
        format!("# configuration file: {}", path.display()),
        "fail-on = \"warning\"".to_owned(),
        "trailing-whitespace = \"off\"".to_owned(),
        "table-gap = \"error\"".to_owned(),
        "missing-title = \"error\"".to_owned(),
    ] {
        assert!(
            out.lines().any(|l| l.starts_with(&expected)),
            "{expected:?} missing:\n{out}"
        );
    }
    for rule in RULES {
        assert!(
            out.lines()
                .any(|l| l.starts_with(&format!("{} = ", rule.meta.name))),
            "{} missing:\n{out}",
            rule.meta.name
        );
    }

    let none = tempfile::tempdir().unwrap();
    let run = cookielint_in(none.path(), &["config"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("none (built-in defaults)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("trailing-whitespace = \"info\""),
        "{}",
        run.stdout
    );
}

#[test]
fn each_path_uses_the_configuration_found_above_it() {
    let dir = dir_with(&[
        ("a/mixed.txt", MIXED),
        (
            "a/cookielint.toml",
            "[lint]\nignore = [\"missing-title\"]\n",
        ),
        ("b/mixed.txt", MIXED),
        (
            "b/cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\n",
        ),
    ]);
    let run = check_exit(
        dir.path(),
        &["a", "b", "--format", "json", "--exit-zero"],
        0,
    );
    let found = file_codes(&run);
    let has = |file: &str, code: &str| found.iter().any(|(f, c)| f.ends_with(file) && c == code);
    // a/ ignores missing-title but keeps trailing-whitespace; b/ the other way round.
    assert!(!has("a/mixed.txt", "CL101"), "{found:?}");
    assert!(has("a/mixed.txt", "CL405"), "{found:?}");
    assert!(has("b/mixed.txt", "CL101"), "{found:?}");
    assert!(!has("b/mixed.txt", "CL405"), "{found:?}");
}

/// A file reached through two arguments whose configurations differ is checked once, under
/// the configuration nearest above it, whatever the order of the arguments.
#[test]
fn a_file_under_two_configurations_takes_the_nearest_whatever_the_order() {
    let dir = dir_with(&[
        (
            "outer/cookielint.toml",
            "[lint]\nignore = [\"missing-title\"]\n",
        ),
        ("outer/mixed.txt", MIXED),
        (
            "outer/inner/cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\n",
        ),
        ("outer/inner/mixed.txt", MIXED),
    ]);
    let inner = "outer/inner/mixed.txt";
    let mut runs = Vec::new();
    for order in [["outer", inner], [inner, "outer"]] {
        let mut args = vec!["--format", "json", "--exit-zero"];
        args.extend(order);
        let run = check_exit(dir.path(), &args, 0);
        assert_eq!(json(&run.stdout)["summary"]["files"], 2, "{order:?}");
        runs.push(run.stdout);
    }
    assert_eq!(
        runs[0], runs[1],
        "the order of the arguments changed the report"
    );
    let run = check_exit(
        dir.path(),
        &["outer", inner, "--format", "json", "--exit-zero"],
        0,
    );
    let found = file_codes(&run);
    let has = |file: &str, code: &str| found.iter().any(|(f, c)| f == file && c == code);
    // The outer file under the outer configuration; the inner one under its own.
    assert!(!has("outer/mixed.txt", "CL101"), "{found:?}");
    assert!(has("outer/mixed.txt", "CL405"), "{found:?}");
    assert!(has(inner, "CL101"), "{found:?}");
    assert!(!has(inner, "CL405"), "{found:?}");
}

/// Walking a directory, each file takes the configuration nearest above it: one in a
/// subdirectory applies to that subdirectory's files (its `[files]` too), as when the
/// subdirectory is named itself.
#[test]
fn a_configuration_in_a_walked_subdirectory_applies_below_it() {
    let dir = dir_with(&[
        (
            "outer/cookielint.toml",
            "[lint]\nignore = [\"missing-title\"]\n",
        ),
        ("outer/mixed.txt", MIXED),
        (
            "outer/inner/cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\n\n[files]\nexclude = [\"skipped.txt\"]\n",
        ),
        ("outer/inner/mixed.txt", MIXED),
        ("outer/inner/skipped.txt", MIXED),
        ("outer/inner/deeper/mixed.txt", MIXED),
        ("outer/skipped.txt", MIXED),
    ]);
    let run = check_exit(dir.path(), &["outer", "--format", "json", "--exit-zero"], 0);
    let found = file_codes(&run);
    let has = |file: &str, code: &str| found.iter().any(|(f, c)| f == file && c == code);
    assert!(!has("outer/mixed.txt", "CL101"), "{found:?}");
    assert!(has("outer/mixed.txt", "CL405"), "{found:?}");
    for inner in ["outer/inner/mixed.txt", "outer/inner/deeper/mixed.txt"] {
        assert!(has(inner, "CL101"), "{inner}: {found:?}");
        assert!(!has(inner, "CL405"), "{inner}: {found:?}");
    }
    // The inner `[files]` excludes its own `skipped.txt`, not the outer one.
    assert!(
        !found.iter().any(|(f, _)| f == "outer/inner/skipped.txt"),
        "{found:?}"
    );
    assert!(has("outer/skipped.txt", "CL405"), "{found:?}");
    // The same findings for the inner files as when their directory is named.
    let named = check_exit(
        dir.path(),
        &["outer/inner", "--format", "json", "--exit-zero"],
        0,
    );
    let inner_only = |all: &[(String, String)]| -> Vec<(String, String)> {
        all.iter()
            .filter(|(f, _)| f.starts_with("outer/inner/"))
            .cloned()
            .collect()
    };
    assert_eq!(inner_only(&found), inner_only(&file_codes(&named)));

    // A configuration met while walking that cannot be loaded stops the run, as one above a
    // named path does.
    write(
        dir.path(),
        "outer/inner/cookielint.toml",
        "[lint]\nignore = [\"no-such-rule\"]\n",
    );
    let run = check_exit(dir.path(), &["outer"], 2);
    assert!(run.stderr.contains("no-such-rule"), "{}", run.stderr);
}

/// A file named on the command line does not decide the configuration of its directory for
/// the files walked there: a missing file (no configuration found through it) or a link
/// (whose target lies under another configuration) named before `.`.
#[cfg(unix)]
#[test]
fn a_named_file_does_not_set_its_directory_s_configuration() {
    let dir = dir_with(&[
        (
            "s1/cookielint.toml",
            "[lint]\nignore = [\"trailing-whitespace\"]\n",
        ),
        ("s1/a.txt", MIXED),
        (
            "other/cookielint.toml",
            "[lint]\nignore = [\"missing-title\"]\n",
        ),
        ("other/real.txt", MIXED),
    ]);
    std::os::unix::fs::symlink(
        dir.path().join("other/real.txt"),
        dir.path().join("s1/link.txt"),
    )
    .unwrap();
    let s1 = dir.path().join("s1");
    for first in ["missing.txt", "link.txt"] {
        let run = check(&s1, &[first, ".", "--format", "json"]);
        let found = file_codes(&run);
        assert!(
            !found.iter().any(|(f, c)| f == "a.txt" && c == "CL405"),
            "{first} .: {found:?}"
        );
        assert!(
            found.iter().any(|(f, c)| f == "a.txt" && c == "CL101"),
            "{first} .: {found:?}"
        );
    }
}

/// Entries that could only produce nonsense are errors that point at the value: a typo whose
/// right form reads as its wrong form (every correct text would be reported), empty wrong
/// forms, cookie names and vocabulary phrases (they would match nothing).
#[test]
fn entries_that_match_nothing_or_everything_are_errors() {
    for (config, at, says) in [
        (
            "[[typos]]\nwrong = \"Cookie name(s)\"\nright = [\"Cookie names\", \"cookie  NAME(S)\"]\n",
            "cookielint.toml:3:26",
            "reads as the wrong form",
        ),
        (
            "[[typos]]\nwrong = \" \"\nright = [\"x\"]\n",
            "cookielint.toml:2:9",
            "empty `wrong`",
        ),
        (
            "[[cookies]]\nname = \"\"\ncategory = \"analytics\"\n",
            "cookielint.toml:2:8",
            "empty cookie name",
        ),
        (
            "[vocabulary]\nsections = { cookies-used = [\"Nos traceurs\", \"\\u200B\"] }\n",
            "cookielint.toml:2:46",
            "empty phrase",
        ),
        (
            "[vocabulary]\ncolumns = { provider = [\"  \"] }\n",
            "cookielint.toml:2:25",
            "empty phrase",
        ),
    ] {
        let dir = dir_with(&[("accents.txt", ACCENTED), ("cookielint.toml", config)]);
        let run = check_exit(dir.path(), &[], 2);
        assert_eq!(run.stdout, "", "{config}");
        assert!(run.stderr.contains(at), "{config}\n{}", run.stderr);
        assert!(run.stderr.contains(says), "{config}\n{}", run.stderr);
    }
}

/// A configured cookie without a provider: the message has no gap where the provider would
/// be, and its article agrees with the category.
#[test]
fn a_configured_cookie_without_a_provider_reads_well() {
    let policy = "Cookies policy\n\nNecessary cookies\n\n\
        Provider\tCookie name\tPurpose\n\
        Example SA\tmyco_id\tTo tell visitors apart\n";
    let config = "[[cookies]]\nname = \"myco_*\"\ncategory = \"analytics\"\n";
    let dir = dir_with(&[("policy.txt", policy), ("cookielint.toml", config)]);
    let run = check_exit(
        dir.path(),
        &["--format", "concise", "--select", "category-mismatch"],
        1,
    );
    assert!(
        run.stdout
            .contains("`myco_id` is an analytics cookie but is declared as necessary"),
        "{}",
        run.stdout
    );
}

/// `fail-on` and `max-file-size` apply to the files of the configuration that sets them,
/// whatever the order of the paths: not to every file when its directory comes first, nor
/// to none when it does not.
#[test]
fn fail_on_and_max_file_size_apply_to_their_configurations_files_in_any_order() {
    let orders: [&[&str]; 4] = [
        &["site-b"],
        &["site-a", "site-b"],
        &["site-b", "site-a"],
        &["."],
    ];
    let run_with = |dir: &std::path::Path, paths: &[&str], code: i32| {
        let mut args = vec!["--select", RULES_USED, "--format", "concise"];
        args.extend_from_slice(paths);
        check_exit(dir, &args, code)
    };
    // ACCENTED has one finding, an info: it fails the run under site-b's `fail-on` only.
    let dir = dir_with(&[
        ("site-a/a.txt", ACCENTED),
        ("site-b/b.txt", ACCENTED),
        ("site-b/cookielint.toml", "[lint]\nfail-on = \"info\"\n"),
    ]);
    for paths in orders {
        run_with(dir.path(), paths, 1);
    }
    run_with(dir.path(), &["site-a"], 0);

    let limit = format!("[files]\nmax-file-size = {}\n", ACCENTED.len() - 1);
    let dir = dir_with(&[
        ("site-a/a.txt", ACCENTED),
        ("site-b/b.txt", ACCENTED),
        ("site-b/cookielint.toml", &limit),
    ]);
    for paths in orders.iter().chain([&["site-a"][..]].iter()) {
        let run = run_with(dir.path(), paths, if paths == &["site-a"] { 0 } else { 2 });
        let refused: Vec<&str> = run
            .stdout
            .lines()
            .filter(|l| l.contains(": error: "))
            .collect();
        let expected = usize::from(paths != &["site-a"]);
        assert_eq!(refused.len(), expected, "{paths:?}:\n{}", run.stdout);
        assert!(
            refused.iter().all(|l| l.contains("b.txt")),
            "{paths:?}:\n{}",
            run.stdout
        );
        if paths != &["site-b"] {
            assert!(
                run.stdout.contains("a.txt:3:"),
                "{paths:?}:\n{}",
                run.stdout
            );
        }
    }
}
