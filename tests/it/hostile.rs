//! Hostile documents whose findings could grow faster than the document: the size of what
//! the binary reports stays in proportion to what it reads.

use cookielint::lint::suppress::Suppressions;
use cookielint::lint::{
    diagnostic, lint_before_corpus, lint_document, Check, Emitter, RuleSettings, RULES,
};

use crate::support::{cookielint_in, json, parse_bytes, Run};

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

/// A Markdown document of more findings than `check` keeps whole for a file (4,096) and
/// than the suppression comments are applied to at a time (4,096): 4,200 `empty-cell`,
/// then 800 `duplicate-cookie` findings. A comment near the end silences one of the
/// latter, found in the second batch; another silences nothing.
fn many_findings() -> String {
    let head = "# Cookies policy\n\nIn order to provide you with the best service possible, we \
        use cookies.\n\n## What cookies are used on the <https://x.example.com> platform\n\n\
        ### Cookies necessary for the platform to function properly\n\nProvider: \
        Opendatasoft\nService: Auth\nName: first\nPurpose: p\nDuration: 1 day\n\
        Category: necessary\nValue: v\n";
    let entries = |n: usize| "Name: x\n".repeat(n);
    [
        head,
        &entries(700),
        "<!-- cookielint-disable-next-line duplicate-cookie -->\n",
        &entries(101),
        "<!-- cookielint-disable-next-line known-typo -->\n",
        &entries(1),
    ]
    .concat()
}

/// Suppression comments are applied to a document's findings a batch at a time, as the
/// rules find them: the outcome is that of applying them to all the findings at once.
#[test]
fn suppressions_applied_batch_by_batch_silence_what_they_silence_at_once() {
    let (source, parsed) = parse_bytes("many.md", many_findings().as_bytes());
    let options = cookielint::lint::LintOptions::default();
    let settings = RuleSettings::default();
    let mut all = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        if let Check::Document(check) = rule.check {
            let start = all.len();
            check(
                &cookielint::lint::LintContext {
                    source: &source,
                    doc: &parsed.document,
                    problems: &parsed.problems,
                    options: &options,
                },
                &mut Emitter::new(&rule.meta, &source, &mut all),
            );
            for d in all.iter_mut().skip(start) {
                d.severity = settings.severity(index);
            }
        }
    }
    let found = all.len();
    let mut suppressions = Suppressions::new(&source, &parsed.document);
    suppressions.silence(&mut all);
    assert_eq!(all.len(), found - 1, "one finding is silenced");
    let mut applied = suppressions.finish(&source, &settings);
    all.append(&mut applied.kept);
    diagnostic::sort(&mut all);
    let unused: Vec<usize> = all
        .iter()
        .filter(|d| d.rule == "unused-suppression")
        .map(|d| source.line_col(d.span.start).line)
        .collect();
    assert_eq!(unused, [818], "the second comment only");
    let batched = lint_before_corpus(&source, &parsed, &options, &settings);
    assert!(batched.diagnostics.len() > 4096);
    assert_eq!(batched.diagnostics, all);
    assert_eq!(
        batched.unless_corpus_uses.len(),
        applied.unless_corpus_uses.len()
    );
}

/// `check` keeps the findings of a file of many findings compact as it finds them: its
/// report lists what the library finds, in the library's order.
#[test]
fn a_file_of_many_findings_is_reported_as_the_library_finds_them() {
    let text = many_findings();
    let (source, parsed) = parse_bytes("many.md", text.as_bytes());
    let expected: Vec<String> = lint_document(
        &source,
        &parsed,
        &Default::default(),
        &RuleSettings::default(),
    )
    .into_iter()
    .map(|d| {
        let at = source.line_col(d.span.start);
        let related = d
            .related
            .iter()
            .map(|r| r.line.to_string())
            .collect::<Vec<_>>();
        format!(
            "{}:{} {} {} [{}] {}",
            at.line,
            at.column,
            d.code,
            d.message,
            related.join(","),
            d.fingerprint
        )
    })
    .collect();
    let report = check_json("many.md", &text);
    let reported: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let related: Vec<String> = d["related"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["line"].to_string())
                .collect();
            format!(
                "{}:{} {} {} [{}] {}",
                d["line"],
                d["column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                related.join(","),
                d["fingerprint"].as_str().unwrap()
            )
        })
        .collect();
    assert!(expected.len() > 4096);
    assert_eq!(reported, expected);
}
