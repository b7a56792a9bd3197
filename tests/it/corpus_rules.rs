//! The cross-document rules, on the bundled corpus, on fixtures built from it by changing
//! one thing, and on a generated corpus with known injected drifts.
//!
//! A fixture is a directory `tests/fixtures/corpus/<case>/` holding the changed document(s),
//! named like the corpus document they replace, and `expect`: one `FILE:LINE RULE` line per
//! corpus finding the change must add. The case is the corpus with those documents
//! replaced; its corpus findings must be the bundled corpus's plus exactly the expected
//! ones, so the untouched documents get nothing new.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cookielint::config::CorpusSettings;
use cookielint::corpus::{self, DocumentSummary};
use cookielint::lint::{lint_document, LintOptions, RuleSettings};
use cookielint::report::Located;
use cookielint::source::SourceFile;

use crate::support::{cookielint, json, parse_bytes, root};

#[path = "../../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

/// Documents by name.
type Docs = BTreeMap<String, Vec<u8>>;

fn read_dir(dir: &Path) -> Docs {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

fn bundled() -> Docs {
    read_dir(&root().join("corpus"))
}

/// Parses, lints and summarises every document (as `check` does), then runs the corpus
/// phase with the default settings.
fn run(docs: &Docs) -> Vec<Located> {
    let mut sources = Vec::new();
    let summaries: Vec<DocumentSummary> = docs
        .iter()
        .map(|(name, bytes)| {
            let (source, parsed) = parse_bytes(name, bytes);
            let _ = lint_document(
                &source,
                &parsed,
                &LintOptions::default(),
                &RuleSettings::default(),
            );
            let summary = corpus::summarize(&source, &parsed);
            sources.push(source);
            summary
        })
        .collect();
    let reread = corpus::sources_in(&sources);
    corpus::run(
        &summaries,
        &RuleSettings::default(),
        &CorpusSettings::default(),
        &reread,
    )
}

/// `FILE:LINE RULE` for each finding.
fn lines(found: &[Located]) -> BTreeSet<String> {
    found
        .iter()
        .map(|l| {
            format!(
                "{}:{} {}",
                l.diagnostic.file, l.start.line, l.diagnostic.rule
            )
        })
        .collect()
}

fn describe(found: &[Located]) -> String {
    found
        .iter()
        .map(|l| {
            format!(
                "{}:{} {} {} | {}",
                l.diagnostic.file,
                l.start.line,
                l.diagnostic.rule,
                l.diagnostic.message,
                l.diagnostic.help.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn bundled_corpus_reports_the_comma_and_the_missing_section_only() {
    let found = run(&bundled());
    let expected: BTreeSet<String> = [
        "fr-no-platform-section.txt:5 template-drift",
        "fr-no-platform-section.txt:21 structure-drift",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(lines(&found), expected, "\n{}", describe(&found));
    let comma = &found[0].diagnostic;
    assert_eq!(comma.rule, "template-drift");
    assert!(
        comma
            .help
            .as_deref()
            .unwrap()
            .contains("possible{+,+} nous"),
        "{:?}",
        comma.help
    );
    assert!(
        comma.related[0].file.starts_with("fr-"),
        "{:?}",
        comma.related
    );
    let section = &found[1].diagnostic;
    assert!(
        section.message.contains("cookies-used"),
        "{}",
        section.message
    );
}

/// The documents and their summaries.
fn summarised(docs: &Docs) -> (Vec<SourceFile>, Vec<DocumentSummary>) {
    docs.iter()
        .map(|(name, bytes)| {
            let (source, parsed) = parse_bytes(name, bytes);
            let summary = corpus::summarize(&source, &parsed);
            (source, summary)
        })
        .unzip()
}

#[test]
fn corpus_findings_do_not_depend_on_input_order() {
    let (sources, summaries) = summarised(&bundled());
    let settings = (RuleSettings::default(), CorpusSettings::default());
    let reread = corpus::sources_in(&sources);
    let forward = corpus::run(&summaries, &settings.0, &settings.1, &reread);
    let reversed: Vec<DocumentSummary> = summaries.iter().rev().cloned().collect();
    assert_eq!(
        forward,
        corpus::run(&reversed, &settings.0, &settings.1, &reread)
    );
}

#[test]
fn findings_in_documents_that_cannot_be_read_again_are_kept_at_line_one() {
    let (sources, summaries) = summarised(&bundled());
    let settings = (RuleSettings::default(), CorpusSettings::default());
    let located = corpus::run(
        &summaries,
        &settings.0,
        &settings.1,
        &corpus::sources_in(&sources),
    );
    assert!(located.iter().any(|l| l.start.line > 1));
    // Gone, or changed since they were summarised: same findings, at 1:1.
    let changed: Vec<SourceFile> = sources
        .iter()
        .map(|s| SourceFile::from_text(s.path.clone(), format!("{}\n", s.text)))
        .collect();
    let gone = |paths: &[&str]| paths.iter().map(|_| None).collect();
    for unplaced in [
        corpus::run(&summaries, &settings.0, &settings.1, &gone),
        corpus::run(
            &summaries,
            &settings.0,
            &settings.1,
            &corpus::sources_in(&changed),
        ),
    ] {
        assert_eq!(unplaced.len(), located.len());
        for (u, l) in unplaced.iter().zip(&located) {
            assert_eq!(u.diagnostic.span, l.diagnostic.span);
            assert_eq!(u.diagnostic.message, l.diagnostic.message);
            assert_eq!((u.start.line, u.start.column), (1, 1));
            assert!(u
                .diagnostic
                .related
                .iter()
                .all(|r| (r.line, r.column) == (1, 1)));
        }
    }
}

#[test]
fn each_changed_fixture_is_reported_by_the_right_rule_and_nothing_else() {
    let base_docs = bundled();
    let base = lines(&run(&base_docs));
    let dir = root().join("tests/fixtures/corpus");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 6, "{cases:?}");
    let mut problems = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let changed = read_dir(&case);
        assert!(!changed.is_empty(), "{name}: no document");
        let mut docs = base_docs.clone();
        for (file, bytes) in changed {
            assert!(
                docs.contains_key(&file),
                "{name}: {file} is not a corpus document"
            );
            docs.insert(file, bytes);
        }
        let expected: BTreeSet<String> = std::fs::read_to_string(case.join("expect"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        assert!(!expected.is_empty(), "{name}: expect is missing or empty");
        let found = run(&docs);
        let got = lines(&found);
        let added: BTreeSet<String> = got.difference(&base).cloned().collect();
        let lost: BTreeSet<String> = base.difference(&got).cloned().collect();
        if added != expected || !lost.is_empty() {
            problems.push(format!(
                "{name}: expected {expected:?}, added {added:?}, lost {lost:?}\n{}",
                describe(&found)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The Markdown document of the corpus with its table cells written as HTML-to-Markdown
/// converters write them (`django\_language`, the provider as a link) declares the same
/// cookies and providers: the corpus gets no finding it did not have.
#[test]
fn markdown_cells_with_escapes_and_links_add_no_corpus_finding() {
    let mut docs = bundled();
    let original = String::from_utf8(docs["fr-paris.md"].clone()).unwrap();
    let converted: String = original
        .lines()
        .map(|line| {
            if line.contains('\t') {
                line.replace('_', "\\_").replace(
                    "Opendatasoft\t",
                    "[Opendatasoft](https://www.opendatasoft.com)\t",
                )
            } else {
                line.to_owned()
            }
        })
        .map(|line| line + "\n")
        .collect();
    assert!(converted.contains("django\\_language"), "{converted}");
    assert!(converted.contains("[Opendatasoft]("), "{converted}");
    let base = lines(&run(&docs));
    let rows = |text: &str| {
        crate::support::cookie_rows(&parse_bytes("fr-paris.md", text.as_bytes()).1.document)
    };
    assert_eq!(rows(&converted), rows(&original));
    docs.insert("fr-paris.md".to_owned(), converted.into_bytes());
    let found = run(&docs);
    assert_eq!(lines(&found), base, "{}", describe(&found));
}

#[test]
fn a_conflicting_provider_points_at_a_document_with_the_usual_one() {
    let mut docs = bundled();
    let changed = read_dir(&root().join("tests/fixtures/corpus/provider-changed"));
    docs.extend(changed);
    let found = run(&docs);
    let conflict = found
        .iter()
        .map(|l| &l.diagnostic)
        .find(|d| d.rule == "conflicting-declaration")
        .expect("a conflicting-declaration finding");
    assert!(
        conflict.message.contains("Example SA"),
        "{}",
        conflict.message
    );
    assert!(
        conflict.message.contains("Opendatasoft"),
        "{}",
        conflict.message
    );
    let related = &conflict.related[0];
    assert_ne!(related.file, conflict.file);
    assert!(related.file.starts_with("fr-"), "{related:?}");
}

#[test]
fn check_reports_corpus_findings_in_every_format() {
    let run = cookielint(&[
        "check",
        "corpus",
        "--no-config",
        "--select",
        "corpus",
        "--format",
        "json",
    ]);
    let value = json(&run.stdout);
    let rules: Vec<(&str, u64)> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("template-drift", 5), ("structure-drift", 21)],
        "{}",
        run.stdout
    );
    let human = cookielint(&[
        "check",
        "corpus",
        "--no-config",
        "--select",
        "corpus",
        "--color",
        "never",
    ]);
    assert!(
        human.stdout.contains("possible{+,+} nous"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("fr-no-platform-section.txt:21:1"),
        "{}",
        human.stdout
    );
}

#[test]
fn inventory_lists_cookies_by_platform_and_family_deviations() {
    let run = cookielint(&["inventory", "corpus", "--no-config", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = json(&run.stdout);
    assert_eq!(value["documents"].as_array().unwrap().len(), 5);
    assert_eq!(value["cookies"].as_array().unwrap().len(), 4);
    assert_eq!(value["matrix"].as_array().unwrap().len(), 20);
    let families = value["families"].as_array().unwrap();
    let french = families.iter().find(|f| f["language"] == "fr").unwrap();
    assert_eq!(french["members"].as_array().unwrap().len(), 4);
    assert_eq!(french["consensus"]["cookies"].as_array().unwrap().len(), 4);
    assert_eq!(
        french["deviations"][0]["document"],
        "corpus/fr-no-platform-section.txt"
    );
    let english = families.iter().find(|f| f["language"] == "en").unwrap();
    assert_eq!(english["translation_of"], french["id"]);

    let table = cookielint(&["inventory", "corpus", "--no-config", "--width", "80"]);
    assert!(
        table.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("opendata.paris.fr"),
        "{}",
        table.stdout
    );
    let csv = cookielint(&["inventory", "corpus", "--no-config", "--format", "csv"]);
    assert_eq!(csv.stdout.lines().count(), 21, "{}", csv.stdout);
}

#[test]
fn generated_corpus_reports_the_injected_drifts_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = gen::generate(200, dir.path(), 7).unwrap();
    assert!(manifest.documents >= 200);
    assert!(
        manifest.drifts.len() >= 15,
        "{} drifts",
        manifest.drifts.len()
    );
    let mut docs = Docs::new();
    for path in gen::files(dir.path()) {
        let name = path
            .strip_prefix(dir.path())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        docs.insert(name, std::fs::read(&path).unwrap());
    }
    assert_eq!(docs.len(), manifest.documents);
    let found = run(&docs);
    let got = lines(&found);
    let expected: BTreeSet<String> = manifest
        .drifts
        .iter()
        .map(|d| format!("{}:{} {}", d.path, d.line, d.rule))
        .collect();
    let missed: Vec<_> = expected.difference(&got).collect();
    let unexpected: Vec<_> = found
        .iter()
        .filter(|l| {
            !expected.contains(&format!(
                "{}:{} {}",
                l.diagnostic.file, l.start.line, l.diagnostic.rule
            ))
        })
        .map(|l| describe(std::slice::from_ref(l)))
        .collect();
    assert!(
        missed.is_empty() && unexpected.is_empty(),
        "missed {missed:#?}\nunexpected {unexpected:#?}"
    );
}

#[test]
fn check_writes_the_same_bytes_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    gen::generate(300, dir.path(), 11).unwrap();
    let corpus = dir.path().to_str().unwrap();
    for format in ["json", "human", "sarif", "concise"] {
        let run = |jobs: &str| {
            let run = cookielint(&[
                "check", corpus, "--format", format, "--color", "never", "--jobs", jobs,
            ]);
            assert_eq!(run.code, 1, "{format} --jobs {jobs}: {}", run.stderr);
            run.stdout
        };
        let one = run("1");
        if format == "json" {
            // Enough findings for the report to be rendered in several parts.
            let findings = json(&one)["diagnostics"].as_array().unwrap().len();
            assert!(findings > 1500, "{findings} findings");
            assert!(
                json(&one)["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["rule"] == "template-drift"),
                "no corpus finding"
            );
        }
        for jobs in ["2", "3"] {
            assert!(
                run(jobs) == one,
                "{format}: --jobs {jobs} differs from --jobs 1"
            );
        }
    }
}

/// When half a family has a section and half lacks it, there is no usual structure to hold
/// either half to: nothing is reported about that section on either side.
#[test]
fn a_section_half_the_family_has_is_not_judged() {
    let mut docs = bundled();
    let regaz = String::from_utf8(docs["fr-regaz.md"].clone()).unwrap();
    let without: String = regaz
        .lines()
        .filter(|l| !l.starts_with("### A quoi servent les cookies"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without, regaz);
    docs.insert("fr-regaz.md".to_owned(), without.into_bytes());
    let found = run(&docs);
    let about_the_section: Vec<&Located> = found
        .iter()
        .filter(|l| l.diagnostic.rule == "structure-drift")
        .filter(|l| l.diagnostic.message.contains("cookies-used"))
        .collect();
    assert!(about_the_section.is_empty(), "{}", describe(&found));
}

/// `docs` with the heading of the "cookies used" section numbered `2.` in `names`.
fn numbered(mut docs: Docs, names: &[&str]) -> Docs {
    for name in names {
        let text = String::from_utf8(docs[*name].clone()).unwrap();
        let changed = text.replacen("A quoi servent", "2. A quoi servent", 1);
        assert_ne!(changed, text, "{name}");
        docs.insert((*name).to_owned(), changed.into_bytes());
    }
    docs
}

/// The message of the single `structure-drift` finding of `found`.
fn structure_drift_message(found: &[Located]) -> String {
    let drift: Vec<&Located> = found
        .iter()
        .filter(|l| l.diagnostic.rule == "structure-drift")
        .collect();
    assert_eq!(drift.len(), 1, "{}", describe(found));
    drift[0].diagnostic.message.clone()
}

/// A missing section is named by the heading most of the documents having it use, not by
/// the wording of the first of them by path.
#[test]
fn a_missing_section_is_named_by_the_family_s_usual_heading() {
    let usual = "\"A quoi servent les cookies sur la plateforme\" (cookies-used)";
    let renumbered = "\"2. A quoi servent les cookies sur la plateforme\" (cookies-used)";

    // The first document by path to have the section words it differently from the two
    // others.
    let found = run(&numbered(bundled(), &["fr-electricitedemayotte.txt"]));
    let message = structure_drift_message(&found);
    assert!(message.contains(usual), "{message}");
    assert!(!message.contains("2. A quoi"), "{message}");

    // Once two of the three number it, the numbered wording is the usual one.
    let found = run(&numbered(bundled(), &["fr-paris.md", "fr-regaz.md"]));
    let message = structure_drift_message(&found);
    assert!(message.contains(renumbered), "{message}");
}

/// `docs` with `from` replaced by `to` once in `name`.
fn edited(mut docs: Docs, name: &str, from: &str, to: &str) -> Docs {
    let text = String::from_utf8(docs[name].clone()).unwrap();
    let changed = text.replacen(from, to, 1);
    assert_ne!(changed, text, "{name}: {from:?}");
    docs.insert(name.to_owned(), changed.into_bytes());
    docs
}

/// A missing cookie is described by a row that gives the family's usual values, not by the
/// first declaring document's when that one departs from them.
#[test]
fn a_missing_cookie_is_described_by_a_row_with_the_usual_values() {
    let row = "Opendatasoft\tAPI (CSRF) (front et back office)\tcsrftoken\tRécupérer des données via des appels API";
    let departing = "Autre SA\tAPI (CSRF) (front et back office)\tcsrftoken\tRécupérer des données via des appels API";
    let docs = edited(bundled(), "fr-regaz.md", &format!("{row}\n"), "");
    // The first French document by path declares it with another provider.
    let docs = edited(docs, "fr-electricitedemayotte.txt", row, departing);
    let found = run(&docs);
    let missing: Vec<&Located> = found
        .iter()
        .filter(|l| l.diagnostic.rule == "missing-cookie")
        .collect();
    assert_eq!(missing.len(), 1, "{}", describe(&found));
    let diagnostic = &missing[0].diagnostic;
    assert_eq!(diagnostic.file, "fr-regaz.md");
    let help = diagnostic.help.as_deref().unwrap_or_default();
    assert!(help.contains("Opendatasoft"), "{help}");
    assert!(!help.contains("Autre SA"), "{help}");
    let related = &diagnostic.related[0];
    assert_ne!(related.file, "fr-electricitedemayotte.txt", "{related:?}");
}

/// Documents naming one platform are each paired with the first other document whose
/// content differs (never an identical copy); identical copies alone are not reported.
#[test]
fn a_duplicate_platform_is_paired_with_the_first_document_that_differs() {
    let paris = bundled()["fr-paris.md"].clone();
    let changed = edited(
        BTreeMap::from([("c.md".to_owned(), paris.clone())]),
        "c.md",
        "Charte cookies",
        "Charte des cookies",
    );
    let mut docs: Docs = BTreeMap::from([
        ("a.md".to_owned(), paris.clone()),
        ("b.md".to_owned(), paris.clone()),
    ]);
    docs.extend(changed);
    let found = run(&docs);
    let pairs: Vec<(String, String)> = found
        .iter()
        .filter(|l| l.diagnostic.rule == "duplicate-platform")
        .map(|l| {
            let d = &l.diagnostic;
            (
                d.file.clone(),
                d.related
                    .first()
                    .map(|r| r.file.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let expected = [("a.md", "c.md"), ("b.md", "c.md"), ("c.md", "a.md")]
        .map(|(a, b)| (a.to_owned(), b.to_owned()));
    assert_eq!(pairs, expected, "{}", describe(&found));

    let copies: Docs = ["a.md", "b.md", "c.md"]
        .into_iter()
        .map(|n| (n.to_owned(), paris.clone()))
        .collect();
    let found = run(&copies);
    assert!(
        found
            .iter()
            .all(|l| l.diagnostic.rule != "duplicate-platform"),
        "{}",
        describe(&found)
    );
}
