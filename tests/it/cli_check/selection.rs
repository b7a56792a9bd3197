//! Exit codes (`--fail-on`, `--exit-zero`, errors), rule selection by code, name and group,
//! `--statistics`, `rules` and `explain`.

use cookielint::lint::{find, RULES};

use super::{
    check_exit, codes, dir_with, group_of, set, ACCENTED, CLEAN, MIXED, RULES_USED, UNTITLED,
    WARNING,
};
use crate::support::{cookielint_in, root};

#[test]
fn exit_codes_follow_fail_on_and_exit_zero() {
    let dir = dir_with(&[
        ("info.txt", ACCENTED),
        ("warning.md", WARNING),
        ("error.txt", UNTITLED),
        ("clean.md", CLEAN),
    ]);
    let cases: [(&str, &[&str], i32); 13] = [
        ("clean.md", &[], 0),
        ("clean.md", &["--fail-on", "info"], 0),
        ("info.txt", &[], 0),
        ("info.txt", &["--fail-on", "warning"], 0),
        ("info.txt", &["--fail-on", "info"], 1),
        ("info.txt", &["--fail-on", "info", "--exit-zero"], 0),
        ("warning.md", &[], 0),
        ("warning.md", &["--fail-on", "error"], 0),
        ("warning.md", &["--fail-on", "warning"], 1),
        ("warning.md", &["--fail-on", "info"], 1),
        ("error.txt", &[], 1),
        ("error.txt", &["--fail-on", "error"], 1),
        ("error.txt", &["--exit-zero"], 0),
    ];
    for (file, extra, code) in cases {
        let mut args = vec![file, "--no-config", "--select", RULES_USED];
        args.extend_from_slice(extra);
        check_exit(dir.path(), &args, code);
    }
}

#[test]
fn fail_on_from_the_configuration_and_the_command_line() {
    let dir = dir_with(&[
        ("warning.md", WARNING),
        (
            "cookielint.toml",
            "[lint]\nfail-on = \"warning\"\nselect = [\"unused-suppression\"]\n",
        ),
    ]);
    check_exit(dir.path(), &["warning.md"], 1);
    check_exit(dir.path(), &["warning.md", "--fail-on", "error"], 0);
    check_exit(dir.path(), &["warning.md", "--exit-zero"], 0);
}

#[test]
fn errors_exit_2_even_with_exit_zero() {
    let dir = dir_with(&[("error.txt", UNTITLED), ("empty.txt", "")]);
    for args in [
        &["--no-config", "--exit-zero"][..],
        &["--no-config", "--exit-zero", "missing.txt"],
        &["--no-config", "--select", "nope"],
        &["--no-config", "--format", "yaml"],
        &["--no-config", "--fail-on", "never"],
    ] {
        let run = check_exit(dir.path(), args, 2);
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn select_and_ignore_by_code_name_and_group() {
    let dir = dir_with(&[("mixed.txt", MIXED)]);
    let run_with = |args: &[&str]| {
        let mut all = vec!["--no-config", "--format", "json", "--exit-zero"];
        all.extend_from_slice(args);
        codes(&check_exit(dir.path(), &all, 0))
    };
    let everything = run_with(&[]);
    for code in ["CL101", "CL404", "CL405"] {
        assert!(everything.contains(code), "{everything:?}");
    }

    assert_eq!(run_with(&["--select", "CL101"]), set(&["CL101"]));
    assert_eq!(run_with(&["--select", "cl101"]), set(&["CL101"]));
    assert_eq!(
        run_with(&["--select", "trailing-whitespace"]),
        set(&["CL405"])
    );
    assert_eq!(
        run_with(&["--select", "missing-title,CL405"]),
        set(&["CL101", "CL405"])
    );
    let text = run_with(&["--select", "text"]);
    assert!(text.contains("CL404") && text.contains("CL405"), "{text:?}");
    assert!(text.iter().all(|c| group_of(c) == "text"), "{text:?}");

    let without = run_with(&["--ignore", "CL404"]);
    assert!(!without.contains("CL404"), "{without:?}");
    assert!(without.contains("CL101") && without.contains("CL405"));
    let without = run_with(&["--ignore", "missing-title"]);
    assert!(!without.contains("CL101"), "{without:?}");
    assert!(without.contains("CL404") && without.contains("CL405"));
    let without = run_with(&["--ignore", "text"]);
    assert!(without.iter().all(|c| group_of(c) != "text"), "{without:?}");
    assert!(without.contains("CL101"), "{without:?}");

    assert_eq!(
        run_with(&["--select", "text", "--ignore", "invisible-character,CL002"]),
        set(&["CL405"])
    );
}

#[test]
fn unknown_selectors_exit_2() {
    let dir = dir_with(&[("mixed.txt", MIXED)]);
    for option in ["--select", "--ignore", "--extend-select"] {
        let run = check_exit(dir.path(), &["--no-config", option, "no-such-rule"], 2);
        assert_eq!(run.stdout, "", "{option}");
        assert!(
            run.stderr.contains("no-such-rule"),
            "{option}: {}",
            run.stderr
        );
    }
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = dir_with(&[("mixed.txt", MIXED), ("warning.md", WARNING)]);
    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "--statistics"],
        1,
    );
    let rows: Vec<Vec<&str>> = run
        .stdout
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        rows,
        [
            ["2", "CL404", "invisible-character"],
            ["1", "CL002", "unused-suppression"],
            ["1", "CL101", "missing-title"],
            ["1", "CL405", "trailing-whitespace"],
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn rules_lists_every_rule() {
    let run = cookielint_in(&root(), &["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        RULES.len() + 1,
        "a header and one line per rule"
    );
    for rule in RULES {
        let m = &rule.meta;
        let expected = [m.code, m.name, m.group.as_str(), m.severity.as_str()];
        assert!(
            lines
                .iter()
                .any(|l| l.split_whitespace().take(4).eq(expected.iter().copied())),
            "{expected:?} not listed:\n{}",
            run.stdout
        );
    }
}

#[test]
fn explain_prints_a_rules_documentation() {
    let by_name = cookielint_in(&root(), &["explain", "table-gap"]);
    assert_eq!(by_name.code, 0, "{}", by_name.stderr);
    let doc = find("table-gap").unwrap().meta.doc();
    assert!(by_name.stdout.contains(&doc), "{}", by_name.stdout);
    assert!(by_name.stdout.contains("## What it does"));
    assert!(by_name.stdout.contains("CL205"));

    let by_code = cookielint_in(&root(), &["explain", "CL205"]);
    assert_eq!(by_code.code, 0, "{}", by_code.stderr);
    assert_eq!(by_code.stdout, by_name.stdout);

    let unknown = cookielint_in(&root(), &["explain", "nope"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.stdout, "");
    assert!(unknown.stderr.contains("nope"), "{}", unknown.stderr);
}
