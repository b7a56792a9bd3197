//! Data-driven parser fixtures: each `tests/fixtures/parse/NN-*.{txt,md}` has a sidecar
//! `.expect` file listing the title, platform URL, language, section headings and cookies a
//! careful reader finds in it. Every mismatch of every fixture is reported at once.

use std::fmt::Write;
use std::path::Path;

use crate::support::{cookie_rows, fixture_files, parse_path};

#[derive(Default, Debug, PartialEq)]
struct Expectation {
    title: Option<String>,
    platform_url: Option<String>,
    language: Option<String>,
    headings: Vec<String>,
    cookies: Vec<String>,
}

fn dash_is_none(value: &str) -> Option<String> {
    (value != "-").then(|| value.to_owned())
}

fn read_expectation(path: &Path) -> Expectation {
    let text = std::fs::read_to_string(path.with_extension("expect"))
        .unwrap_or_else(|e| panic!("{}: missing .expect sidecar: {e}", path.display()));
    let mut expectation = Expectation::default();
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (key, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{}: bad line {line:?}", path.display()));
        let value = value.trim();
        match key {
            "title" => expectation.title = dash_is_none(value),
            "platform_url" => expectation.platform_url = dash_is_none(value),
            "language" => expectation.language = dash_is_none(value),
            "heading" => expectation.headings.push(value.to_owned()),
            "cookie" => expectation.cookies.push(normalise_cookie_line(value)),
            other => panic!("{}: unknown key {other:?}", path.display()),
        }
    }
    expectation
}

/// `name | provider | purpose | duration | category`, whitespace around bars normalised.
fn normalise_cookie_line(value: &str) -> String {
    value
        .split('|')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" | ")
}

fn actual(path: &Path) -> Expectation {
    let doc = parse_path(path).1.document;
    Expectation {
        title: doc.title.as_ref().map(|t| t.text.display.to_string()),
        platform_url: doc.platform_url.as_ref().map(|p| p.url.clone()),
        language: doc.language.map(|l| l.code().to_owned()),
        headings: doc
            .sections
            .iter()
            .map(|s| s.heading.text.display.to_string())
            .collect(),
        cookies: cookie_rows(&doc)
            .into_iter()
            .map(|(name, provider, _service, purpose, duration, category)| {
                [name, provider, purpose, duration, category].join(" | ")
            })
            .collect(),
    }
}

#[test]
fn fixtures_match_their_expectations() {
    let files = fixture_files();
    assert!(
        files.len() >= 25,
        "expected the full fixture set, found {}",
        files.len()
    );
    let mut report = String::new();
    for path in &files {
        let expected = read_expectation(path);
        let got = actual(path);
        if got != expected {
            let name = path.file_name().unwrap().to_string_lossy();
            let _ = writeln!(report, "== {name}");
            let mut field = |label: &str, e: &dyn std::fmt::Debug, g: &dyn std::fmt::Debug| {
                let (e, g) = (format!("{e:?}"), format!("{g:?}"));
                if e != g {
                    let _ = writeln!(report, "  {label}:\n    expected {e}\n    got      {g}");
                }
            };
            field("title", &expected.title, &got.title);
            field("platform_url", &expected.platform_url, &got.platform_url);
            field("language", &expected.language, &got.language);
            field("headings", &expected.headings, &got.headings);
            field("cookies", &expected.cookies, &got.cookies);
        }
    }
    assert!(
        report.is_empty(),
        "fixtures differ from their expectations:\n{report}"
    );
}
