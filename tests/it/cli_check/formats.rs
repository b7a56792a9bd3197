//! Each output format of `check`, read back and compared field by field with the JSON
//! report of the same run; SARIF validated against the vendored schema; the human report's
//! snippets, escaping and colour.

use std::collections::BTreeSet;
use std::path::Path;

use cookielint::lint::{find, RULES};
use serde_json::Value;

use super::{
    check, check_exit, diagnostics, dir_with, file_codes, format_fixture, format_run, plain, write,
    ACCENTED, CLEAN, MIXED, RULES_USED, UNTITLED,
};
use crate::support::{json, root};

#[test]
fn json_reports_every_field_with_character_columns() {
    let dir = format_fixture();
    let run = format_run(dir.path(), "json");
    let report = json(&run.stdout);
    assert_eq!(report["version"], 1);

    let all = diagnostics(&run);
    let accented: Vec<&Value> = all
        .iter()
        .filter(|d| plain(d["file"].as_str().unwrap()) == "accents.txt")
        .collect();
    assert_eq!(accented.len(), 1, "{all:#?}");
    let d = accented[0];
    assert_eq!(d["code"], "CL405");
    assert_eq!(d["rule"], "trailing-whitespace");
    assert_eq!(d["severity"], "info");
    assert_eq!(d["line"], 3);
    // "Café élégant" is 12 characters but 15 bytes: columns count characters.
    assert_eq!(d["column"], 13);
    assert_eq!(d["end_line"], 3);
    assert_eq!(d["end_column"], 15);
    assert_eq!(d["message"], "line ends with 2 whitespace characters");
    assert_eq!(
        d["help"],
        "remove the spaces and tabs at the end of the line"
    );
    assert_eq!(d["related"], Value::Array(Vec::new()));

    let untitled = all
        .iter()
        .find(|d| plain(d["file"].as_str().unwrap()) == "mixed.txt" && d["code"] == "CL101")
        .unwrap();
    assert_eq!(untitled["rule"], "missing-title");
    assert_eq!(untitled["severity"], "error");
    assert_eq!(
        (
            &untitled["line"],
            &untitled["column"],
            &untitled["end_line"],
            &untitled["end_column"]
        ),
        (&1.into(), &1.into(), &1.into(), &18.into()),
        "1-based: the span is the first line, \"What is a cookie?\""
    );
    assert!(untitled["help"].as_str().unwrap().contains("title"));

    assert_eq!(
        file_codes(&run),
        [
            ("accents.txt", "CL405"),
            ("mixed.txt", "CL101"),
            ("mixed.txt", "CL404"),
            ("mixed.txt", "CL404"),
            ("mixed.txt", "CL405"),
            ("warning.md", "CL002"),
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
    let escapes: Vec<(u64, u64)> = all
        .iter()
        .filter(|d| d["code"] == "CL404")
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert_eq!(escapes, [(3, 7), (3, 16)]);

    let summary = &report["summary"];
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["errors"], 3);
    assert_eq!(summary["warnings"], 1);
    assert_eq!(summary["infos"], 2);
}

#[test]
fn concise_is_one_line_per_finding() {
    let dir = format_fixture();
    let run = format_run(dir.path(), "concise");
    let reference = diagnostics(&format_run(dir.path(), "json"));
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("Found "))
        .collect();
    let expected: Vec<String> = reference
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}[{} {}] {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(lines, expected, "{}", run.stdout);
    let accented = lines.iter().find(|l| l.contains("accents.txt")).unwrap();
    assert!(
        accented.ends_with(
            "accents.txt:3:13: info[CL405 trailing-whitespace] line ends with 2 whitespace characters"
        ),
        "{accented}"
    );
}

#[test]
fn github_writes_one_workflow_command_per_finding() {
    let dir = format_fixture();
    let run = format_run(dir.path(), "github");
    let reference = diagnostics(&format_run(dir.path(), "json"));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), reference.len(), "{}", run.stdout);
    for (line, d) in lines.iter().zip(&reference) {
        let level = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let prefix = format!(
            "::{level} file={},line={},col={},",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"]
        );
        assert!(line.starts_with(&prefix), "{line}\nexpected {prefix}");
        let title = format!(
            ",title={} {}::{}",
            d["code"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        );
        assert!(line.contains(&title), "{line}\nexpected {title}");
    }
    let untitled = reference.iter().position(|d| d["code"] == "CL101").unwrap();
    assert_eq!(
        lines[untitled],
        format!(
            "::error file={},line=1,col=1,endLine=1,endColumn=18,title=CL101 missing-title::the document has no title%0Ahelp: start the document with the template's title, such as \"Charte cookies\" or \"Cookies policy\"",
            reference[untitled]["file"].as_str().unwrap()
        )
    );
}

#[test]
fn junit_has_one_test_case_per_file_and_one_failure_per_finding() {
    let dir = format_fixture();
    write(dir.path(), "empty.txt", "");
    let args = ["--no-config", "--select", RULES_USED, "--format", "junit"];
    let run = check_exit(dir.path(), &args, 2);
    let xml = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|e| panic!("not XML ({e}):\n{}", run.stdout));
    let cases: Vec<roxmltree::Node> = xml
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let names: Vec<&str> = cases
        .iter()
        .map(|c| plain(c.attribute("name").unwrap()))
        .collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(
        names.len(),
        unique.len(),
        "one test case per file: {names:?}"
    );
    assert_eq!(
        unique,
        BTreeSet::from([
            "accents.txt",
            "clean.md",
            "empty.txt",
            "mixed.txt",
            "warning.md"
        ])
    );
    let failures = |name: &str| -> Vec<String> {
        let case = cases
            .iter()
            .find(|c| plain(c.attribute("name").unwrap()) == name)
            .unwrap();
        case.children()
            .filter(|n| n.has_tag_name("failure"))
            .map(|n| n.attribute("message").unwrap().to_owned())
            .collect()
    };
    assert_eq!(failures("clean.md").len(), 0);
    assert_eq!(failures("accents.txt").len(), 1);
    assert_eq!(failures("mixed.txt").len(), 4, "{}", run.stdout);
    assert_eq!(failures("warning.md").len(), 1);
    assert!(
        failures("mixed.txt")
            .iter()
            .any(|m| m.contains("CL101") && m.contains("missing-title")),
        "{:?}",
        failures("mixed.txt")
    );
    let empty = cases
        .iter()
        .find(|c| plain(c.attribute("name").unwrap()) == "empty.txt")
        .unwrap();
    assert_eq!(
        empty.children().filter(|n| n.has_tag_name("error")).count(),
        1,
        "the empty file is an error"
    );
    // The per-file failure counts agree with the JSON report of the same run.
    let mut json_args = args.to_vec();
    json_args.pop();
    json_args.push("json");
    let reference = check_exit(dir.path(), &json_args, 2);
    assert_eq!(
        diagnostics(&reference).len(),
        xml.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count()
    );
}

/// The vendored SARIF 2.1.0 schema (see tests/schemas/README.md), itself checked against
/// its meta-schema.
fn sarif_validator() -> jsonschema::Validator {
    let path = root().join("tests/schemas/sarif-schema-2.1.0.json");
    let schema = json(&std::fs::read_to_string(&path).unwrap());
    if let Err(err) = jsonschema::meta::validate(&schema) {
        panic!("the SARIF schema is not a valid JSON schema: {err}");
    }
    jsonschema::validator_for(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("  {}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn sarif_matches_the_schema_and_describes_every_rule() {
    let validator = sarif_validator();
    let dir = format_fixture();
    let log = json(&format_run(dir.path(), "sarif").stdout);
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "{errors}");
    assert_eq!(log["version"], "2.1.0");

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let expected: Vec<&str> = RULES.iter().map(|r| r.meta.code).collect();
    assert_eq!(ids, expected);
    for (descriptor, rule) in rules.iter().zip(RULES) {
        assert_eq!(descriptor["name"], rule.meta.name);
        assert_eq!(descriptor["helpUri"], rule.meta.url().as_str());
        assert!(!descriptor["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
    }

    let results = run["results"].as_array().unwrap();
    let reference = diagnostics(&format_run(dir.path(), "json"));
    assert_eq!(results.len(), reference.len());
    for (result, d) in results.iter().zip(&reference) {
        assert_eq!(result["ruleId"], d["code"]);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d["code"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], d["line"]);
        assert_eq!(region["startColumn"], d["column"]);
        assert_eq!(region["endLine"], d["end_line"]);
        assert_eq!(region["endColumn"], d["end_column"]);
        let level = match d["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(result["level"], level);
    }
    let accented = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with("accents.txt")
        })
        .unwrap();
    assert_eq!(
        accented["locations"][0]["physicalLocation"]["region"]["startColumn"],
        13
    );

    // The validation has teeth: a region starting at line 0 is rejected.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!schema_errors(&validator, &broken).is_empty());
}

#[test]
fn sarif_with_unreadable_files_and_on_the_corpus_matches_the_schema() {
    let validator = sarif_validator();
    let dir = dir_with(&[("accents.txt", ACCENTED), ("empty.md", "")]);
    let run = check_exit(dir.path(), &["--no-config", "--format", "sarif"], 2);
    let log = json(&run.stdout);
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "{errors}");

    let run = check(&root(), &["corpus", "--no-config", "--format", "sarif"]);
    assert_ne!(run.code, 2, "{}", run.stderr);
    let log = json(&run.stdout);
    let errors = schema_errors(&validator, &log);
    assert!(errors.is_empty(), "{errors}");
    assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
}

#[test]
fn human_shows_code_rule_help_link_and_snippet() {
    let dir = dir_with(&[("untitled.txt", UNTITLED)]);
    let run = check_exit(dir.path(), &["--no-config", "--select", RULES_USED], 1);
    let out = &run.stdout;
    let rule = find("missing-title").unwrap();
    for expected in [
        "CL101",
        "missing-title",
        "the document has no title",
        "help: start the document with the template's title",
        "untitled.txt",
        rule.meta.url().as_str(),
    ] {
        assert!(out.contains(expected), "{expected:?} missing:\n{out}");
    }
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("1 │ What is a cookie?")),
        "no snippet line:\n{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "colour while not on a terminal:\n{out}"
    );

    let clean = dir_with(&[("clean.md", CLEAN)]);
    let run = check_exit(clean.path(), &["--no-config", "--select", RULES_USED], 0);
    assert!(!run.stdout.contains("CL"), "{}", run.stdout);
}

#[test]
fn human_escapes_control_characters_from_documents() {
    let dir = dir_with(&[("mixed.txt", MIXED)]);
    let run = check_exit(dir.path(), &["--no-config", "--select", RULES_USED], 1);
    assert!(
        !run.stdout.contains('\x1b'),
        "a raw ESC reached the output:\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("3 │ A red ") && l.contains("[31mword")),
        "no snippet of line 3:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("CL404"), "{}", run.stdout);

    // With colour forced, the output has colour sequences, but never the document's own.
    let run = check_exit(
        dir.path(),
        &["--no-config", "--select", RULES_USED, "--color", "always"],
        1,
    );
    assert!(run.stdout.contains('\x1b'), "no colour:\n{}", run.stdout);
    assert!(!run.stdout.contains("\x1b[31mword"), "{}", run.stdout);
}

/// Runs `check` under a pseudo-terminal (util-linux `script`) and returns what it printed.
#[cfg(target_os = "linux")]
fn on_a_terminal(dir: &Path, no_color: Option<&str>) -> String {
    on_a_terminal_with(dir, no_color, "");
    std::fs::read_to_string(dir.join("terminal.out")).unwrap()
}

/// Runs `check ... untitled.txt EXTRA` under a pseudo-terminal and keeps what it printed in
/// `dir/terminal.out`.
#[cfg(target_os = "linux")]
fn on_a_terminal_with(dir: &Path, no_color: Option<&str>, extra: &str) {
    let command = format!(
        "'{}' check --no-config --select {RULES_USED} untitled.txt {extra}",
        env!("CARGO_BIN_EXE_cookielint")
    );
    let mut script = std::process::Command::new("script");
    script
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .current_dir(dir)
        .env_remove("NO_COLOR");
    if let Some(value) = no_color {
        script.env("NO_COLOR", value);
    }
    let output = script
        .output()
        .unwrap_or_else(|e| panic!("util-linux `script` is needed for this test: {e}"));
    std::fs::write(dir.join("terminal.out"), output.stdout).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let dir = dir_with(&[("untitled.txt", UNTITLED)]);
    let coloured = on_a_terminal(dir.path(), None);
    assert!(coloured.contains("missing-title"), "{coloured}");
    assert!(coloured.contains('\x1b'));
    let plain = on_a_terminal(dir.path(), Some("1"));
    assert!(plain.contains("missing-title"), "{plain}");
    assert!(!plain.contains('\x1b'));
    // A report written to a file goes to no terminal: no colour, unless asked for.
    for (option, colour) in [("", false), ("--color always", true)] {
        on_a_terminal_with(dir.path(), None, &format!("-o report.txt {option}"));
        let written = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
        assert!(written.contains("missing-title"), "{written}");
        assert_eq!(written.contains('\x1b'), colour, "{option:?}: {written}");
    }
}

/// A file with more findings than the human report draws in one batch (4,096) is drawn a
/// part at a time: every finding once, in order, with its excerpt, whatever the number of
/// threads.
#[test]
fn the_human_report_of_a_file_with_many_findings_draws_each_once_in_order() {
    let lines = 10_000;
    let mut text = String::from("Charte cookies\n\n");
    for i in 0..lines {
        text.push_str(&format!("Ligne {i} \n"));
    }
    let dir = dir_with(&[("many.txt", &text)]);
    let args = |jobs: &'static str| {
        [
            "--no-config",
            "--select",
            "trailing-whitespace",
            "--fail-on",
            "error",
            "--jobs",
            jobs,
            "many.txt",
        ]
    };
    let run = check_exit(dir.path(), &args("3"), 0);
    let drawn: Vec<usize> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_once("[many.txt:"))
        .map(|(_, at)| at.split(':').next().unwrap().parse().unwrap())
        .collect();
    let expected: Vec<usize> = (3..lines + 3).collect();
    assert_eq!(drawn, expected);
    for i in [0, 4095, 4096, 8191, 8192, lines - 1] {
        assert!(
            run.stdout.contains(&format!(" │ Ligne {i} \n")),
            "line {i} not drawn"
        );
    }
    assert_eq!(check_exit(dir.path(), &args("1"), 0).stdout, run.stdout);
}

/// `--output-file` writes, in every format, exactly what standard output gets without it
/// (replacing what the file held), and prints nothing.
#[test]
fn output_file_gets_exactly_the_report_standard_output_gets() {
    let dir = format_fixture();
    let out = tempfile::tempdir().unwrap();
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        let expected = format_run(dir.path(), format).stdout;
        assert!(!expected.is_empty(), "{format}");
        let file = out.path().join(format!("report.{format}"));
        std::fs::write(&file, "old report\n").unwrap();
        let run = check_exit(
            dir.path(),
            &[
                "--no-config",
                "--select",
                RULES_USED,
                "--format",
                format,
                "--output-file",
                file.to_str().unwrap(),
            ],
            1,
        );
        assert_eq!(run.stdout, "", "{format}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            expected,
            "{format}"
        );
    }
}

/// `--output-file` and `--write-baseline` refuse to replace a document being checked,
/// named directly, found by the walk, named through a linked directory, or named as a link
/// of another name to it, as `convert -o` does; the document is left whole and the run
/// exits 2.
#[cfg(unix)]
#[test]
fn output_files_never_replace_an_input() {
    let dir = format_fixture();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("linked")).unwrap();
    let name = "accents.txt";
    std::os::unix::fs::symlink(name, dir.path().join("alias.txt")).unwrap();
    let before = std::fs::read(dir.path().join(name)).unwrap();
    let through_link = format!("linked/{name}");
    for option in ["--output-file", "--write-baseline"] {
        for (paths, target) in [
            (vec![name], name),
            (vec!["."], name),
            (vec!["."], through_link.as_str()),
            (vec!["alias.txt"], name),
        ] {
            let mut args = vec!["--no-config", option, target];
            args.extend(paths.iter().copied());
            let run = check_exit(dir.path(), &args, 2);
            assert!(
                run.stderr.contains("it would overwrite an input file"),
                "{args:?}: {}",
                run.stderr
            );
            assert_eq!(
                std::fs::read(dir.path().join(name)).unwrap(),
                before,
                "{args:?}"
            );
        }
    }
    // A new file beside the documents is written as before.
    check_exit(
        dir.path(),
        &["--no-config", "--write-baseline", "new.json", name],
        0,
    );
    assert!(dir.path().join("new.json").is_file());
}

#[test]
fn human_snippet_headers_give_the_positions_the_other_reports_give() {
    // The bundled corpus: French text, accented letters and curly quotes before findings.
    let positions = |args: &[&str]| -> Vec<String> {
        let run = crate::support::cookielint(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
            .lines()
            .filter_map(|line| match args.contains(&"concise") {
                true => line
                    .split(": ")
                    .next()
                    .filter(|p| p.matches(':').count() == 2),
                false => line
                    .split_once("╭─[")
                    .and_then(|(_, rest)| rest.strip_suffix(']')),
            })
            .map(str::to_owned)
            .collect()
    };
    let concise = positions(&["check", "corpus", "--exit-zero", "--format", "concise"]);
    let human = positions(&["check", "corpus", "--exit-zero"]);
    assert!(concise.len() > 20, "{concise:?}");
    assert_eq!(human, concise);
}

/// A control character in a file name (found by the walk, or named and unreadable) never
/// reaches the output raw, whatever the format.
#[cfg(unix)]
#[test]
fn control_characters_in_file_names_are_escaped_in_every_format() {
    let dir = dir_with(&[("e\x1bf.txt", UNTITLED)]);
    for format in ["human", "concise", "github", "junit", "json", "sarif"] {
        let args = [
            ".",
            "no\x1bne.txt",
            "--no-config",
            "--select",
            RULES_USED,
            "--format",
            format,
        ];
        let run = check_exit(dir.path(), &args, 2);
        for (stream, out) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert!(
                !out.contains('\x1b'),
                "--format {format}: raw ESC on {stream}:\n{out}"
            );
        }
        // SARIF gives file names as URIs, percent-encoded.
        let escaped = match format {
            "json" => "\\u001b",
            "sarif" => "%1B",
            _ => "\\u{1b}",
        };
        let both = format!("{}{}", run.stdout, run.stderr);
        for name in ["e", "no"] {
            let shown = format!("{name}{escaped}");
            assert!(
                both.contains(&shown),
                "--format {format}: no {shown:?} in:\n{both}"
            );
        }
    }
}

/// `--statistics` with `--format json` gives the counts as JSON, the same as the table and
/// as the report's findings; with a format that has no statistics form, a usage error.
#[test]
fn statistics_follow_the_format() {
    let dir = format_fixture();
    let report = diagnostics(&format_run(dir.path(), "json"));
    let mut expected: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for d in &report {
        let key = (
            d["code"].as_str().unwrap().to_owned(),
            d["rule"].as_str().unwrap().to_owned(),
        );
        *expected.entry(key).or_default() += 1;
    }
    let args = ["--no-config", "--select", RULES_USED, "--statistics"];
    let run = check_exit(dir.path(), &[&args[..], &["--format", "json"]].concat(), 1);
    let rows = json(&run.stdout);
    let counted: std::collections::BTreeMap<(String, String), u64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let key = (
                r["code"].as_str().unwrap().to_owned(),
                r["rule"].as_str().unwrap().to_owned(),
            );
            (key, r["count"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(counted, expected);
    let table = check_exit(dir.path(), &args, 1);
    for ((code, rule), count) in &expected {
        assert!(
            table
                .stdout
                .contains(&format!("{count:>6}  {code}  {rule}\n")),
            "{}",
            table.stdout
        );
    }
    for format in ["sarif", "junit", "github"] {
        let run = check_exit(dir.path(), &[&args[..], &["--format", format]].concat(), 2);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("--statistics"), "{}", run.stderr);
    }
}

/// A finding farther along its line than miette can draw (over 65,535 columns) is reported in
/// every format; the human report gives its concise line (it panicked, and the run lost every
/// finding with exit code 101).
#[test]
fn a_finding_far_along_a_long_line_is_reported_in_every_format() {
    let line = format!("{}re-connecterez\n", "mot ".repeat(50_000));
    let text = format!("Charte cookies\n\n{line}");
    let dir = dir_with(&[("long.txt", &text)]);
    let column = 50_000 * 4 + 1;
    for format in ["human", "concise", "json", "sarif", "github", "junit"] {
        let run = check_exit(
            dir.path(),
            &[
                "--format",
                format,
                "--select",
                "known-typo",
                "--fail-on",
                "warning",
                "--color",
                "never",
            ],
            1,
        );
        assert!(
            run.stdout.contains("re-connecterez"),
            "{format}: {}",
            run.stderr
        );
        if matches!(format, "human" | "concise") {
            assert!(
                run.stdout.contains(&format!("long.txt:3:{column}")),
                "{format}: {}",
                run.stdout.get(..2_000).unwrap_or(&run.stdout)
            );
        }
    }
}
