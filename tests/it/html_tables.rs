//! A cookie table written as an HTML `<table>` in a Markdown document, through the real
//! binary: `convert` gives its cookies (with spans at the names as written) in every
//! format, and `check` sees the table like any other.

use std::path::{Path, PathBuf};

use crate::support::{cookielint, json, Run};

const POLICY: &str = "# Cookie policy

## What cookies are used on the <https://opendata.example.org> platform

### Necessary cookies

<table class=\"cookies\">
  <thead>
    <tr><th>Supplier name</th><th>Cookie name</th><th>Purpose</th><th>Duration</th></tr>
  </thead>
  <tbody>
    <tr>
      <td>Opendatasoft</td>
      <td>sessionid<br>csrftoken</td>
      <td>Remember the user &amp; protect forms</td>
      <td>1 year</td>
    </tr>

  <tr><td>Opendatasoft</td><td><code>ods_lang</code></td><td>Remember the language</td><td>Session</td></tr>
  </tbody>
</table>

### Analytics cookies

<TABLE><TR><TH>Supplier name</TH><TH>Cookie name</TH><TH>Purpose</TH><TH>Duration</TH></TR><TR><TD>Google</TD><TD>_ga_&lt;ID&gt;</TD><TD>Count visits</TD><TD>13 months</TD></TR></TABLE>
";

/// Writes the policy into a new directory and returns both.
fn policy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.md");
    std::fs::write(&path, POLICY).unwrap();
    (dir, path)
}

fn run(args: &[&str], path: &Path) -> Run {
    let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    all.push(path.as_os_str());
    cookielint(&all)
}

#[test]
fn convert_gives_the_cookies_of_an_html_table_with_their_spans() {
    let (_dir, path) = policy();
    let out = run(&["convert", "--to", "json"], &path);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = json(&out.stdout);
    let layouts: Vec<&str> = doc["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["layout"].as_str().unwrap())
        .collect();
    assert_eq!(layouts, ["html", "html"]);
    let cookies: Vec<(&str, &str, &str, &str, u64)> = doc["cookies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let span = c["span"].as_array().unwrap();
            let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            (
                c["name"].as_str().unwrap(),
                &POLICY[start as usize..end as usize],
                c["purpose"].as_str().unwrap(),
                c["category"].as_str().unwrap(),
                c["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let purpose = "Remember the user & protect forms";
    assert_eq!(
        cookies,
        [
            ("sessionid", "sessionid", purpose, "necessary", 14),
            ("csrftoken", "csrftoken", purpose, "necessary", 14),
            (
                "ods_lang",
                "<code>ods_lang</code>",
                "Remember the language",
                "necessary",
                19
            ),
            (
                "_ga_<ID>",
                "_ga_&lt;ID&gt;",
                "Count visits",
                "analytics",
                25
            ),
        ]
    );
    assert_eq!(doc["problems"].as_array().unwrap().len(), 0, "{doc}");

    let csv = run(&["convert", "--to", "csv"], &path);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    for name in ["sessionid", "csrftoken", "ods_lang", "_ga_<ID>"] {
        assert!(csv.stdout.contains(&format!(",{name},")), "{}", csv.stdout);
    }

    // Canonical Markdown writes the tables as pipe tables.
    let markdown = run(&["convert", "--to", "markdown"], &path);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(
        markdown
            .stdout
            .contains("| Opendatasoft | ods_lang | Remember the language | Session |"),
        "{}",
        markdown.stdout
    );
    assert!(!markdown.stdout.contains("<td"), "{}", markdown.stdout);
}

#[test]
fn check_sees_an_html_table_as_the_content_of_its_section() {
    let (_dir, path) = policy();
    let out = run(&["check", "--format", "json", "--exit-zero"], &path);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rules: Vec<String> = json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect();
    for rule in ["empty-section", "parse-problem", "ragged-row", "empty-cell"] {
        assert!(!rules.iter().any(|r| r == rule), "{rules:?}");
    }
}

/// Pieces of HTML tables, well and badly formed, and of the Markdown around them.
const PIECES: &[&str] = &[
    "<table>",
    "</table>",
    "<TABLE class=\"x\">",
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "<th>",
    "</th>",
    "<thead>",
    "</tbody>",
    "<caption>",
    "<td colspan=\"3\">",
    "<td rowspan=2>",
    "<td title='a>b'",
    "<br>",
    "<code>",
    "</code>",
    "<a href=\"u\">",
    "</a>",
    "&amp;",
    "&lt;ID&gt;",
    "&#10;",
    "&nope;",
    "&",
    "<",
    "<!--",
    "-->",
    "\"",
    "_ga",
    "sessionid, csrftoken",
    "Cookie name",
    "Purpose",
    "é",
    "🍪",
    "\u{a0}",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\n    ",
    "\n> ",
    "\n- ",
    "\n## Heading\n",
    "\n```\n",
    "\\",
    "`",
    "|",
    "\t",
];

/// Cell contents.
const CELLS: &[&str] = &[
    "_ga",
    "sessionid, csrftoken",
    "_ga_&lt;ID&gt;",
    "_pk_id<br>_pk_ses",
    "<code>_gid</code>",
    "Visits &amp; pages",
    "é🍪",
    "",
    " _hjid ",
    "\n_hjSession\n",
    "a\n\nb",
];

/// An HTML cookie table with `rows` (the first is the header) and `noise` pieces put in
/// among its tags.
fn noisy_table(rows: &[Vec<&str>], noise: &[(proptest::sample::Index, &str)]) -> String {
    let mut tokens = vec![
        "<table>",
        "\n<tr><th>",
        "Cookie name",
        "</th><th>",
        "Purpose",
        "</th></tr>",
    ];
    for row in rows {
        tokens.push("\n<tr>");
        for cell in row {
            tokens.extend(["<td>", cell, "</td>"]);
        }
        tokens.push("</tr>");
    }
    tokens.push("\n</table>");
    for (at, piece) in noise {
        tokens.insert(at.index(tokens.len() + 1), piece);
    }
    tokens.concat()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 256,
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// Whatever the HTML, parsing keeps the model's invariants (spans inside the text, on
    /// `char` boundaries, in order), and its canonical Markdown gives the same cookies.
    #[test]
    fn html_tables_keep_the_invariants_and_round_trip(
        rows in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(CELLS), 0..4),
            0..5,
        ),
        noise in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), proptest::sample::select(PIECES)),
            0..12,
        ),
    ) {
        use cookielint::model::{invariants, parse, ParseOptions};
        use cookielint::source::SourceFile;
        let table = noisy_table(&rows, &noise);
        let text = format!("# Cookie policy\n\n## Necessary cookies\n\n{table}\n\nText.\n");
        let source = SourceFile::from_text("policy.md", text.as_str());
        let first = parse(&source, ParseOptions::default());
        invariants::check(&text, &first.document).map_err(proptest::test_runner::TestCaseError::fail)?;
        for problem in &first.problems {
            proptest::prop_assert!(text.get(problem.span.start..problem.span.end).is_some());
        }
        let markdown = cookielint::convert::to_markdown(&first.document);
        let again = parse(&SourceFile::from_text("policy.md", markdown.as_str()), ParseOptions::default());
        let names = |doc: &cookielint::model::Document| -> Vec<String> {
            doc.cookies.iter().map(|c| c.name.display.to_string()).collect()
        };
        proptest::prop_assert_eq!(names(&again.document), names(&first.document), "{}", markdown);
    }
}
