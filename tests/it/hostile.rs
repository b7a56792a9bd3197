//! Hostile documents whose findings could grow faster than the document: the size of what
//! the binary reports stays in proportion to what it reads.

use crate::support::{cookielint_in, json, Run};

/// Writes `text` as `name` in a new directory and checks it with `--no-config --exit-zero`
/// and the report options `report`.
fn check_with(name: &str, text: &str, report: [&str; 2]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    let [option, value] = report;
    let run = cookielint_in(
        dir.path(),
        &["check", "--no-config", option, value, "--exit-zero", name],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// The JSON report of `text` checked as `name`.
fn check_json(name: &str, text: &str) -> serde_json::Value {
    json(&check_with(name, text, ["--format", "json"]).stdout)
}

/// The human report of `text` checked as `name`, without colour.
fn check_human(name: &str, text: &str) -> Run {
    check_with(name, text, ["--color", "never"])
}

/// Every `http:` of `http:/http:/...` began a malformed URL running to the end of the
/// paragraph, so a paragraph of `n` of them was reported `n` times, each message quoting the
/// rest of it: quadratic output (a 120 KB paragraph took 2.5 GB and 13 s, 480 KB did not
/// finish in 2 minutes with 24 GB). A URL inside a URL is part of it.
#[test]
fn urls_inside_a_url_are_one_url() {
    let text = format!("# Cookies policy\n\n{}\n", "http:/".repeat(3000));
    let report = check_json("urls.md", &text);
    let urls: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "CL108")
        .collect();
    assert_eq!(urls.len(), 1, "{} findings", urls.len());
    assert_eq!(
        (urls[0]["line"].as_u64(), urls[0]["column"].as_u64()),
        (Some(3), Some(1))
    );
}

/// Each finding was drawn with its lines whole, so the findings along one long line each
/// repeated it: 20,000 typos on a line of 860 KB gave 4.2 GB of report (74 s, 7 GB of
/// memory), 100,000 zero-width spaces on a line of 700 KB did not finish in 2 minutes
/// (14 GB). Findings whose lines are too long get concise lines.
#[test]
fn findings_on_a_long_line_do_not_each_draw_it() {
    let line = "cookie\u{200b}".repeat(2000);
    let text = format!("# Cookies policy\n\n{line}\n");
    let run = check_human("long.md", &text);
    assert!(
        run.stdout.len() < 20 * text.len(),
        "{} bytes of report for {} bytes of text",
        run.stdout.len(),
        text.len()
    );
    let concise = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("long.md:3:") && l.contains("CL404"))
        .count();
    assert!(concise >= 1999, "{concise} concise lines");
}

/// A finding was drawn from one stretch of the text holding all its labels, so each
/// duplicate of a cookie declared thousands of rows earlier carried every row between:
/// 400 KB of duplicates took 0.7 s, 1.6 MB 13 s. A related place that far away is named in
/// the help, as places in other files are, and the drawing shows the finding's own lines.
#[test]
fn a_far_related_place_is_named_not_drawn() {
    let mut text = String::from(
        "Charte cookies\n\nCookies de mesure d'audience\n\n\
         Fournisseur\tService\tNom du cookie\tFinalité\tDurée\n",
    );
    for _ in 0..1_000 {
        text.push_str("Google\tGoogle Analytics\t_ga\tMesure d'audience\t13 mois\n");
    }
    let run = check_human("dup.txt", &text);
    // Each finding starts with a line naming its code and rule.
    let mut findings: Vec<String> = Vec::new();
    for line in run.stdout.lines() {
        if line.starts_with("CL") {
            findings.push(String::new());
        }
        if let Some(finding) = findings.last_mut() {
            finding.push_str(line);
            finding.push('\n');
        }
    }
    findings.retain(|f| f.starts_with("CL207 duplicate-cookie"));
    assert_eq!(findings.len(), 999);
    // The second row's duplicate is drawn with the first declaration beside it.
    assert!(
        findings[0].contains("first declared here"),
        "{}",
        findings[0]
    );
    assert!(!findings[0].contains("see also"), "{}", findings[0]);
    // The last one is 50 KB further: the first declaration is named, not drawn, and the
    // drawing holds a few lines, not the thousand between.
    let last = &findings[998];
    assert!(last.contains("see also dup.txt:6:"), "{last}");
    assert!(last.lines().count() < 20, "{} lines", last.lines().count());
}
