//! Baselines: written with `--write-baseline`, read with `--baseline`, matched by file, rule
//! and content rather than by line.

use serde_json::Value;

use super::{
    check_exit, diagnostics, dir_with, line_of, plain, write, ACCENTED, RULES_USED, UNTITLED,
};
use crate::support::json;

const BASELINE_ARGS: [&str; 5] = ["--no-config", "--select", RULES_USED, "--fail-on", "info"];

#[test]
fn a_baseline_absorbs_moved_findings_and_reports_new_ones() {
    let dir = dir_with(&[("a.txt", ACCENTED), ("b.txt", UNTITLED)]);
    let mut write_args = BASELINE_ARGS.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    let run = check_exit(dir.path(), &write_args, 0);
    assert_eq!(run.stdout, "");
    let recorded = json(&std::fs::read_to_string(dir.path().join("baseline.json")).unwrap());
    assert!(recorded.is_object(), "{recorded}");

    let mut read_args = BASELINE_ARGS.to_vec();
    read_args.extend(["--baseline", "baseline.json", "--format", "json"]);
    let run = check_exit(dir.path(), &read_args, 0);
    assert_eq!(diagnostics(&run), Vec::<Value>::new());

    // Lines inserted above the finding: still absorbed. A new finding: reported.
    let moved = ACCENTED.replacen(
        "\n\nCafé",
        "\n\nA new paragraph.\n\nAnother one.\n\nCafé",
        1,
    ) + "A new line with blanks  \n";
    write(dir.path(), "a.txt", &moved);
    let run = check_exit(dir.path(), &read_args, 1);
    let all = diagnostics(&run);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(plain(all[0]["file"].as_str().unwrap()), "a.txt");
    assert_eq!(all[0]["code"], "CL405");
    assert_eq!(all[0]["line"], line_of(&moved, "A new line with blanks"));

    // Without the baseline, all three findings are there.
    let mut plain_args = BASELINE_ARGS.to_vec();
    plain_args.extend(["--format", "json"]);
    let run = check_exit(dir.path(), &plain_args, 1);
    assert_eq!(diagnostics(&run).len(), 3);
}

#[test]
fn a_baseline_matches_a_file_however_it_is_named() {
    let dir = dir_with(&[("a.txt", ACCENTED)]);
    let mut write_args = BASELINE_ARGS.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    check_exit(dir.path(), &write_args, 0);
    let mut read_args = BASELINE_ARGS.to_vec();
    read_args.extend(["--baseline", "baseline.json", "--format", "json", "a.txt"]);
    let run = check_exit(dir.path(), &read_args, 0);
    assert_eq!(diagnostics(&run), Vec::<Value>::new(), "{}", run.stdout);
}

#[test]
fn the_human_report_keeps_its_snippets_with_a_baseline() {
    let dir = dir_with(&[("a.txt", ACCENTED)]);
    let mut write_args = BASELINE_ARGS.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    check_exit(dir.path(), &write_args, 0);
    write(dir.path(), "a.txt", &format!("{ACCENTED}New blanks  \n"));
    let mut read_args = BASELINE_ARGS.to_vec();
    read_args.extend(["--baseline", "baseline.json"]);
    let run = check_exit(dir.path(), &read_args, 1);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.trim_start().starts_with("6 │ New blanks")),
        "no snippet:\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("help: "), "{}", run.stdout);
    assert!(!run.stdout.contains("Café élégant"), "{}", run.stdout);
}

/// A baseline names files relative to itself: it matches whichever directory `check` runs
/// from and however the files are named, and it may live in a directory of its own.
#[test]
fn a_baseline_matches_from_any_directory_and_any_spelling() {
    let dir = dir_with(&[("docs/a.txt", ACCENTED), ("docs/sub/b.txt", UNTITLED)]);
    // (Canonical: the working directory `check` sees is, through any link on the way.)
    let absolute = dir.path().canonicalize().unwrap().join("docs");
    let absolute = absolute.to_str().unwrap();
    for baseline in ["baseline.json", "ci/baseline.json"] {
        let mut write_args = BASELINE_ARGS.to_vec();
        write_args.extend(["docs", "--write-baseline", baseline]);
        check_exit(dir.path(), &write_args, 0);
        let recorded = std::fs::read_to_string(dir.path().join(baseline)).unwrap();
        let expected_name = if baseline == "baseline.json" {
            "docs/a.txt"
        } else {
            "../docs/a.txt"
        };
        assert!(
            recorded.contains(&format!("\"{expected_name}\"")),
            "{recorded}"
        );
        let from_root = format!("{}", dir.path().join(baseline).display());
        for (cwd, paths) in [
            (dir.path().to_path_buf(), vec!["docs"]),
            (dir.path().to_path_buf(), vec![absolute]),
            (
                dir.path().to_path_buf(),
                vec!["./docs/sub/../a.txt", "docs/sub/b.txt"],
            ),
            (dir.path().join("docs"), vec!["."]),
            (dir.path().join("docs/sub"), vec!["..", "b.txt"]),
        ] {
            let mut read_args = BASELINE_ARGS.to_vec();
            read_args.extend(["--baseline", &from_root, "--format", "json"]);
            read_args.extend(&paths);
            let run = check_exit(&cwd, &read_args, 0);
            assert_eq!(
                diagnostics(&run),
                Vec::<Value>::new(),
                "{baseline} from {cwd:?} with {paths:?}"
            );
        }
    }
}

#[test]
fn a_baseline_saved_with_a_byte_order_mark_is_read() {
    let dir = dir_with(&[("a.txt", ACCENTED)]);
    let mut write_args = BASELINE_ARGS.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    check_exit(dir.path(), &write_args, 0);
    let path = dir.path().join("baseline.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("\u{FEFF}{text}")).unwrap();
    let mut read_args = BASELINE_ARGS.to_vec();
    read_args.extend(["--baseline", "baseline.json", "--format", "json"]);
    let run = check_exit(dir.path(), &read_args, 0);
    assert_eq!(diagnostics(&run), Vec::<Value>::new(), "{}", run.stderr);
}

/// Writing a baseline while an input cannot be read: the baseline holds the readable
/// files' findings, the run exits 2, and stderr says which input failed and why.
#[test]
fn writing_a_baseline_reports_the_inputs_that_could_not_be_read() {
    let dir = dir_with(&[("a.txt", ACCENTED), ("empty.txt", "")]);
    let mut write_args = BASELINE_ARGS.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    let run = check_exit(dir.path(), &write_args, 2);
    assert!(run.stderr.contains("empty.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("empty"), "{}", run.stderr);
    assert!(
        run.stderr.contains("recorded 1 finding in"),
        "{}",
        run.stderr
    );
}

/// The bundled corpus, in a temporary directory.
fn bundled_corpus() -> tempfile::TempDir {
    let corpus = crate::support::root().join("corpus");
    let files: Vec<(String, String)> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    dir_with(&named)
}

/// Numbers the heading of the "cookies used" section of the document `name` in `dir`.
fn number_heading(dir: &std::path::Path, name: &str) {
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let changed = text.replacen("A quoi servent", "2. A quoi servent", 1);
    assert_ne!(changed, text, "{name}");
    write(dir, name, &changed);
}

/// A section missing from one document is recorded by what it is, not by how the other
/// documents word its heading: editing their headings, even so that the family's usual
/// wording changes, leaves the unchanged document's finding absorbed by the baseline.
#[test]
fn a_missing_section_stays_absorbed_when_other_documents_reword_its_heading() {
    let dir = bundled_corpus();
    let args = [
        "--no-config",
        "--select",
        "structure-drift",
        "--format",
        "json",
    ];
    let run = check_exit(dir.path(), &args, 0);
    let found = diagnostics(&run);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        plain(found[0]["file"].as_str().unwrap()),
        "fr-no-platform-section.txt"
    );

    let mut write_args = args.to_vec();
    write_args.extend(["--write-baseline", "baseline.json"]);
    check_exit(dir.path(), &write_args, 0);
    let mut read_args = args.to_vec();
    read_args.extend(["--baseline", "baseline.json"]);

    // The first document by path to have the section numbers its heading.
    number_heading(dir.path(), "fr-electricitedemayotte.txt");
    let run = check_exit(dir.path(), &read_args, 0);
    assert_eq!(diagnostics(&run), Vec::<Value>::new());

    // The two others do too: the numbered wording is now the usual one, and the message
    // says so, but the finding is the same one.
    number_heading(dir.path(), "fr-paris.md");
    number_heading(dir.path(), "fr-regaz.md");
    let run = check_exit(dir.path(), &args, 0);
    let found = diagnostics(&run);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = found[0]["message"].as_str().unwrap();
    assert!(message.contains("\"2. A quoi servent"), "{message}");
    let run = check_exit(dir.path(), &read_args, 0);
    assert_eq!(diagnostics(&run), Vec::<Value>::new());
}

/// A baseline matches a file named through a link to the project (`$PWD/corpus` when the
/// working directory was entered through one), or in a directory whose name holds a
/// backslash (which reports escape), as it matches the file named relatively: whichever
/// spelling wrote it, whichever reads it.
#[cfg(unix)]
#[test]
fn a_baseline_matches_files_named_through_links_and_unusual_directory_names() {
    for project in ["real", "back\\slash"] {
        let outer = tempfile::tempdir().unwrap();
        let real = outer.path().join(project);
        write(&real, "corpus/a.txt", ACCENTED);
        std::os::unix::fs::symlink(&real, outer.path().join("link")).unwrap();
        let spellings = [
            "corpus".to_owned(),
            real.join("corpus").to_str().unwrap().to_owned(),
            outer
                .path()
                .join("link/corpus")
                .to_str()
                .unwrap()
                .to_owned(),
        ];
        for written in &spellings {
            let mut write_args = BASELINE_ARGS.to_vec();
            write_args.extend(["--write-baseline", "baseline.json", written]);
            check_exit(&real, &write_args, 0);
            for read in &spellings {
                let mut read_args = BASELINE_ARGS.to_vec();
                read_args.extend(["--baseline", "baseline.json", "--format", "json", read]);
                let run = check_exit(&real, &read_args, 0);
                assert_eq!(
                    diagnostics(&run),
                    Vec::<Value>::new(),
                    "{written} then {read}"
                );
            }
        }
    }
}
