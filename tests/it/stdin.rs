//! Standard input as a document: `-` among the paths, or `--stdin-filename NAME`, for
//! `check`, `convert` and `inventory`. (An endless stream is in `cli_faults`, under its hang
//! guard.)

use std::path::Path;

use serde_json::Value;

use crate::support::{cookielint_in, cookielint_with_input, json, root, Run};

/// `(code, line, column, message)` of each finding of `file` in a JSON report, in order.
fn findings_of(run: &Run, file: &str) -> Vec<(String, u64, u64, String)> {
    json(&run.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The codes of the findings of `file` in a JSON report.
fn codes_of(run: &Run, file: &str) -> Vec<String> {
    findings_of(run, file).into_iter().map(|f| f.0).collect()
}

/// `cookielint ARGS...` run from the repository root with `input` on standard input,
/// expected to exit with 0.
fn piped(args: &[&str], input: &str) -> Run {
    expect(cookielint_with_input(&root(), args, input.as_bytes()), 0)
}

fn expect(run: Run, code: i32) -> Run {
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(root().join("corpus").join(name)).unwrap()
}

/// A document with one `known-typo` finding, and nothing `trailing-whitespace` reports.
const TYPO: &str =
    "# Charte cookies\n\n## Qu'est ce qu'un cookie ?\n\nUn cookie est un petit fichier.\n";

/// A document with one `trailing-whitespace` finding and no `known-typo` one.
const TRAILING: &str = "# Charte cookies\n\nUn cookie est un petit fichier.  \n";

/// Checks with the two rules the documents above were written for.
const TWO_RULES: [&str; 7] = [
    "--select",
    "known-typo,trailing-whitespace",
    "--format",
    "json",
    "--fail-on",
    "info",
    "--exit-zero",
];

#[test]
fn a_dash_reads_standard_input_as_a_document_named_dash() {
    let text = corpus_text("fr-paris.md");
    let run = piped(&["check", "-", "--no-config", "--format", "json"], &text);
    let on_disk = expect(
        cookielint_in(
            &root(),
            &[
                "check",
                "corpus/fr-paris.md",
                "--no-config",
                "--format",
                "json",
            ],
        ),
        0,
    );
    let from_stdin = findings_of(&run, "-");
    assert!(!from_stdin.is_empty(), "{}", run.stdout);
    assert_eq!(from_stdin, findings_of(&on_disk, "corpus/fr-paris.md"));
    assert_eq!(json(&run.stdout)["summary"]["files"], 1);
}

#[test]
fn the_stdin_filename_stands_for_a_file_of_the_corpus_in_place_of_the_one_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("other.md"), TRAILING).unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    // The saved version; standard input holds the edited one.
    std::fs::write(dir.path().join("docs/edited.md"), TRAILING).unwrap();
    let mut args = vec![
        "check",
        ".",
        "--no-config",
        "--stdin-filename",
        "docs/edited.md",
    ];
    args.extend(TWO_RULES);
    let run = expect(cookielint_with_input(dir.path(), &args, TYPO.as_bytes()), 0);
    assert_eq!(
        codes_of(&run, "docs/edited.md"),
        ["CL406"],
        "{}",
        run.stdout
    );
    assert_eq!(codes_of(&run, "other.md"), ["CL405"], "{}", run.stdout);
    // Two documents, not three: the file on disk is not read besides.
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
    // Spelled differently from the walk's path, or reached through a link, it still stands
    // for the same file, whether `-` comes before the directory or after it.
    let absolute = dir.path().canonicalize().unwrap().join("docs/edited.md");
    let absolute = absolute.to_str().unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("docs/edited.md", dir.path().join("link.txt")).unwrap();
    let mut spellings = vec![
        ("./docs/edited.md", "docs/edited.md"),
        ("docs/../docs/edited.md", "docs/../docs/edited.md"),
        (absolute, absolute),
    ];
    if cfg!(unix) {
        spellings.push(("link.txt", "link.txt"));
    }
    for (name, shown) in spellings {
        for dash_first in [false, true] {
            let mut args = match dash_first {
                true => vec!["check", "-", "."],
                false => vec!["check", "."],
            };
            args.extend(["--no-config", "--stdin-filename", name]);
            args.extend(TWO_RULES);
            let run = expect(cookielint_with_input(dir.path(), &args, TYPO.as_bytes()), 0);
            assert_eq!(codes_of(&run, shown), ["CL406"], "{name}: {}", run.stdout);
            assert_eq!(
                codes_of(&run, "other.md"),
                ["CL405"],
                "{name}: {}",
                run.stdout
            );
            assert_eq!(
                json(&run.stdout)["summary"]["files"],
                2,
                "{name}: {}",
                run.stdout
            );
        }
    }
}

#[test]
fn a_file_named_dash_is_shown_as_dot_slash_dash_and_checked_beside_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("-"), TRAILING).unwrap();
    let mut args = vec!["check", "./-", "-", "--no-config"];
    args.extend(TWO_RULES);
    let run = expect(cookielint_with_input(dir.path(), &args, TYPO.as_bytes()), 0);
    assert_eq!(codes_of(&run, "./-"), ["CL405"], "{}", run.stdout);
    assert_eq!(codes_of(&run, "-"), ["CL406"], "{}", run.stdout);
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
}

#[test]
fn a_directory_is_no_name_for_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    for command in ["check", "convert", "inventory"] {
        let run = cookielint_with_input(
            dir.path(),
            &[command, "--stdin-filename", "docs"],
            TYPO.as_bytes(),
        );
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("--stdin-filename docs names a directory"),
            "{command}: {}",
            run.stderr
        );
    }
}

#[test]
fn the_stdin_filename_chooses_the_configuration_and_its_per_file_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cookielint.toml"),
        "[[overrides]]\nfiles = [\"legacy\"]\nignore = [\"known-typo\"]\n",
    )
    .unwrap();
    let check = |name: &str| {
        let mut args = vec!["check", "--stdin-filename", name];
        args.extend(TWO_RULES);
        expect(cookielint_with_input(dir.path(), &args, TYPO.as_bytes()), 0)
    };
    let legacy = check("legacy/policy.md");
    assert_eq!(json(&legacy.stdout)["summary"]["files"], 1);
    assert!(
        codes_of(&legacy, "legacy/policy.md").is_empty(),
        "{}",
        legacy.stdout
    );
    let current = check("current/policy.md");
    assert_eq!(
        codes_of(&current, "current/policy.md"),
        ["CL406"],
        "{}",
        current.stdout
    );
}

#[test]
fn standard_input_over_the_size_limit_is_reported_and_the_other_files_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.md"), TRAILING).unwrap();
    let mut args = vec![
        "check",
        "-",
        "small.md",
        "--no-config",
        "--max-file-size",
        "100",
    ];
    args.extend(TWO_RULES);
    let big = TYPO.repeat(20);
    let run = cookielint_with_input(dir.path(), &args, big.as_bytes());
    assert_eq!(run.code, 2, "{}", run.stdout);
    let errors = &json(&run.stdout)["errors"];
    assert_eq!(errors[0]["file"], "-", "{errors}");
    assert_eq!(
        errors[0]["message"],
        "-: standard input holds more than the limit of 100 bytes"
    );
    assert_eq!(codes_of(&run, "small.md"), ["CL405"], "{}", run.stdout);
    assert_eq!(json(&run.stdout)["summary"]["unreadable"], 1);
    // `inventory` takes the same limit.
    let inventory = cookielint_with_input(
        dir.path(),
        &["inventory", "-", "--no-config", "--max-file-size", "100"],
        big.as_bytes(),
    );
    assert_eq!(inventory.code, 2, "{}", inventory.stderr);
    assert!(
        inventory
            .stderr
            .contains("-: standard input holds more than the limit of 100 bytes"),
        "{}",
        inventory.stderr
    );
    // At the limit exactly, it is read.
    let exact = &big[..100];
    let run = cookielint_with_input(dir.path(), &args, exact.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["summary"]["files"], 2);
}

#[test]
fn convert_reads_standard_input_and_names_its_output_after_the_stdin_filename() {
    let text = corpus_text("en-eco-compteur.txt");
    let csv = piped(&["convert", "-", "--to", "csv"], &text);
    let on_disk = expect(
        cookielint_in(
            &root(),
            &["convert", "corpus/en-eco-compteur.txt", "--to", "csv"],
        ),
        0,
    );
    let rows = |out: &str, source: &str| -> Vec<String> {
        out.lines()
            .skip(1)
            .map(|l| l.strip_prefix(source).unwrap().to_owned())
            .collect()
    };
    let from_stdin = rows(&csv.stdout, "-,");
    assert!(!from_stdin.is_empty());
    assert_eq!(
        from_stdin,
        rows(&on_disk.stdout, "corpus/en-eco-compteur.txt,")
    );

    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().to_str().unwrap();
    let convert = |args: &[&str]| {
        let mut all = vec!["convert", "--to", "markdown", "-o", out_dir];
        all.extend_from_slice(args);
        piped(&all, &text)
    };
    convert(&["-"]);
    convert(&["--stdin-filename", "sub/policy.txt"]);
    let written: Vec<String> = walk(out.path());
    assert_eq!(written, ["stdin.md", "sub/policy.md"]);
    let markdown = std::fs::read_to_string(out.path().join("sub/policy.md")).unwrap();
    assert!(markdown.contains("sessionid"), "{markdown}");
}

/// The files under `dir`, relative to it, sorted.
fn walk(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                found.push(relative.to_str().unwrap().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn inventory_counts_standard_input_among_the_documents() {
    let text = corpus_text("fr-regaz.md");
    let run = piped(
        &[
            "inventory",
            "-",
            "corpus/fr-paris.md",
            "--format",
            "json",
            "--no-config",
        ],
        &text,
    );
    let report: Value = json(&run.stdout);
    let documents: Vec<&str> = report["documents"]
        .as_array()
        .unwrap_or_else(|| panic!("{}", run.stdout))
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(documents, ["-", "corpus/fr-paris.md"]);
}
