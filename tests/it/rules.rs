//! Every rule has a fixture where it fires and one where it does not:
//! `tests/fixtures/rules/<rule-name>/fires.{txt,md}` with `fires.expect` (one
//! `LINE:COLUMN message` line per diagnostic of that rule, in order) and
//! `passes.{txt,md}` where the rule reports nothing. The rule table itself is checked too.

use std::path::{Path, PathBuf};

use cookielint::lint::{lint_document, Check, LintOptions, RuleSettings, RULES};

use crate::support::{parse_path, root};

fn fixture(dir: &Path, stem: &str) -> Option<PathBuf> {
    ["txt", "md"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .find(|p| p.exists())
}

/// `LINE:COLUMN message` for each diagnostic of `rule` in the file.
fn findings(path: &Path, rule: &str) -> Vec<String> {
    let (source, parsed) = parse_path(path);
    findings_in(&source, &parsed, &LintOptions::default(), rule)
}

/// `LINE:COLUMN message` for each diagnostic of `rule` in a parsed document.
fn findings_in(
    source: &cookielint::source::SourceFile,
    parsed: &cookielint::model::Parsed,
    options: &LintOptions,
    rule: &str,
) -> Vec<String> {
    lint_document(source, parsed, options, &RuleSettings::default())
        .into_iter()
        .filter(|d| d.rule == rule)
        .map(|d| {
            let at = source.line_col(d.span.start);
            format!("{}:{} {}", at.line, at.column, d.message)
        })
        .collect()
}

#[test]
fn every_document_rule_fires_on_its_fixture_and_not_on_the_other() {
    let mut problems = Vec::new();
    for rule in RULES
        .iter()
        .filter(|r| matches!(r.check, Check::Document(_)))
    {
        let name = rule.meta.name;
        let dir = root().join("tests/fixtures/rules").join(name);
        let (Some(fires), Some(passes)) = (fixture(&dir, "fires"), fixture(&dir, "passes")) else {
            problems.push(format!(
                "{name}: missing fires.* or passes.* in {}",
                dir.display()
            ));
            continue;
        };
        let expected: Vec<String> = std::fs::read_to_string(dir.join("fires.expect"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let got = findings(&fires, name);
        if expected.is_empty() {
            problems.push(format!("{name}: fires.expect is missing or empty"));
        }
        if got != expected {
            problems.push(format!(
                "{name}: fires\n  expected {expected:#?}\n  got      {got:#?}"
            ));
        }
        let clean = findings(&passes, name);
        if !clean.is_empty() {
            problems.push(format!("{name}: passes reports {clean:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn rule_table_is_sorted_unique_and_documented() {
    let mut previous = "";
    for rule in RULES {
        let meta = &rule.meta;
        assert!(
            meta.code > previous,
            "{} is out of order or duplicated",
            meta.code
        );
        previous = meta.code;
        assert!(
            meta.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            meta.name
        );
        let doc = meta.doc();
        for heading in ["## What it does", "## Why it matters", "## Example"] {
            assert!(doc.contains(heading), "{} lacks {heading:?}", meta.name);
        }
        assert!(!meta.summary().is_empty(), "{} has no summary", meta.name);
    }
    let mut names: Vec<_> = RULES.iter().map(|r| r.meta.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), RULES.len(), "rule names are unique");
}

#[test]
fn rules_reference_is_up_to_date() {
    let generated = cookielint::lint::reference_markdown();
    let committed = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

/// `LINE:COLUMN message` for each `known-typo` finding in `text` with `options`.
fn typos_found(text: &str, options: &LintOptions) -> Vec<String> {
    let (source, parsed) = crate::support::parse_bytes("typos.txt", text.as_bytes());
    findings_in(&source, &parsed, options, "known-typo")
}

#[test]
fn known_typos_are_placed_in_each_copy_of_a_text_and_beyond_64_typos_alike() {
    // The same paragraph twice, the second time further along its line: where a typo
    // is written is remembered per text, so each copy must still get its own position.
    let paragraph = "Qu'est ce qu'un cookie ? Vous vous re-connecterez.";
    let text = format!("Charte cookies\n\n{paragraph}\n\nIntro. {paragraph}\n");
    let options = LintOptions::default();
    let found = typos_found(&text, &options);
    assert_eq!(
        found,
        [
            "3:1 \"Qu'est ce qu'\" should read \"Qu'est-ce qu'\"",
            "3:36 \"re-connecterez\" should read \"reconnecterez\"",
            "5:8 \"Qu'est ce qu'\" should read \"Qu'est-ce qu'\"",
            "5:43 \"re-connecterez\" should read \"reconnecterez\"",
        ]
    );
    // Again on the same thread (from the memo), and with more typos than the 64 the memo
    // takes (the list padded with wordings found nowhere): the same findings.
    assert_eq!(typos_found(&text, &options), found);
    let mut padded = options.clone();
    padded.typos.extend(
        (0..70).map(|i| cookielint::lint::known::KnownTypo::new(&format!("zz{i}qq"), &["x"])),
    );
    assert_eq!(typos_found(&text, &padded), found);
}

#[test]
fn mixed_quotes_breaks_a_tie_by_the_first_mark_in_the_document() {
    // One straight and one curly apostrophe, each at offset 1 of its own text: the style
    // written second in the document is the odd one, whatever its offset in its text.
    let text = "Charte cookies\n\nl'un\n\nl\u{2019}autre\n";
    let (source, parsed) = crate::support::parse_bytes("quotes.txt", text.as_bytes());
    let found = findings_in(&source, &parsed, &LintOptions::default(), "mixed-quotes");
    assert_eq!(
        found,
        ["5:2 curly apostrophe \u{2019} while 1 of the document's 2 apostrophes are straight"]
    );
}

/// In Markdown, two trailing spaces are a hard line break in a paragraph, but a table row
/// is one line: trailing blanks there are reported, and a tab after a pipe row's closing
/// pipe separates no cell.
#[test]
fn trailing_blanks_of_markdown_table_rows_are_reported() {
    let text = "# Cookies policy\n\n\
        A paragraph with a hard break  \ncontinued here.\n\n\
        | Service provider's name | Cookie name(s) |  \n\
        | --- | --- |\n\
        | Example SA | sessionid |\t\n\
        | Example SA | csrftoken |\n";
    let (source, parsed) = crate::support::parse_bytes("policy.md", text.as_bytes());
    assert_eq!(parsed.document.tables.len(), 1);
    let found = findings_in(
        &source,
        &parsed,
        &LintOptions::default(),
        "trailing-whitespace",
    );
    assert_eq!(
        found,
        [
            "6:45 line ends with 2 whitespace characters",
            "8:27 line ends with 1 whitespace character",
        ]
    );
}

/// A Markdown cell is linted as a reader sees it: an escaped underscore is a valid name, a
/// name in a code span is the name (a known cookie, the duplicate of the same name written
/// plainly), and a finding still points at the name as written.
#[test]
fn markdown_cells_are_linted_as_a_reader_sees_them() {
    let text = "# Cookies policy\n\n\
        ## What cookies are used on the <https://opendata.example.org> platform\n\n\
        ### Cookies necessary for the platform to function properly\n\n\
        | Service provider's name | Function and location | Cookie name(s) | Purposes |\n\
        |---|---|---|---|\n\
        | Example SA | Language | django\\_language | To remember the language |\n\
        | Google | Audience measurement | `_ga` | To tell visitors apart |\n\
        | Google | Audience measurement | _ga | To tell visitors apart |\n\
        | Example SA | Sessions | sessionid<br>csrftoken | To keep you signed in |\n\
        | Example SA | Portal | _ga_&lt;ID&gt; | To tell visitors apart |\n";
    let (source, parsed) = crate::support::parse_bytes("policy.md", text.as_bytes());
    let options = LintOptions::default();
    let found = |rule| findings_in(&source, &parsed, &options, rule);
    assert_eq!(found("invalid-cookie-name"), Vec::<String>::new());
    assert_eq!(
        found("category-mismatch"),
        [
            "10:35 `_ga` is an analytics cookie from Google but is declared as necessary",
            "11:35 `_ga` is an analytics cookie from Google but is declared as necessary",
            "13:25 `_ga_<ID>` is an analytics cookie from Google but is declared as necessary",
        ]
    );
    assert_eq!(
        found("duplicate-cookie"),
        ["11:35 cookie `_ga` is declared more than once; it is first declared on line 10"]
    );
    let names: Vec<&str> = parsed
        .document
        .cookies
        .iter()
        .map(|c| &*c.name.display)
        .collect();
    assert_eq!(
        names,
        [
            "django_language",
            "_ga",
            "_ga",
            "sessionid",
            "csrftoken",
            "_ga_<ID>"
        ]
    );
}

/// The fragment `mixed-language` points at in a cell that mixes languages covers the
/// foreign words and their neighbours that tell no language, up to the words in the
/// document's language ("Se", a word the French list does not know, was left out).
#[test]
fn a_mixed_cell_s_foreign_fragment_takes_in_its_untold_neighbours() {
    let text = "Cookies policy\n\n\
        Service provider's name\tFunction and location\tCookie name(s)\tPurposes\n\
        Example SA\tAuthentication\tsessionid\tSe souvenir de la langue du user\n";
    let (source, parsed) = crate::support::parse_bytes("policy.txt", text.as_bytes());
    let found: Vec<(String, String)> = lint_document(
        &source,
        &parsed,
        &LintOptions::default(),
        &RuleSettings::default(),
    )
    .into_iter()
    .filter(|d| d.rule == "mixed-language")
    .map(|d| (source.slice(d.span).to_owned(), d.message))
    .collect();
    assert_eq!(
        found,
        [(
            "Se souvenir de la langue du".to_owned(),
            "this purpose cell has French text in a document written in English".to_owned()
        )]
    );
}

#[test]
fn a_table_gap_covers_its_blank_lines_whole_up_to_the_next_row() {
    let header = "Fournisseur\tService\tNom du cookie\tFinalité";
    for (newline, blanks) in [("\n", 1), ("\n", 3), ("\r\n", 2), ("\r", 2)] {
        let mut lines = vec![
            "Charte cookies",
            "",
            header,
            "Google\tAnalytics\t_ga\tMesure",
        ];
        lines.extend(std::iter::repeat_n("", blanks));
        lines.push("Google\tAnalytics\t_gid\tMesure");
        let text = lines.join(newline) + newline;
        let (source, parsed) = crate::support::parse_bytes("gap.txt", text.as_bytes());
        let gaps: Vec<_> = lint_document(
            &source,
            &parsed,
            &LintOptions::default(),
            &RuleSettings::default(),
        )
        .into_iter()
        .filter(|d| d.rule == "table-gap")
        .collect();
        assert_eq!(gaps.len(), 1, "{text:?}");
        let span = gaps[0].span;
        assert_eq!(source.slice(span), newline.repeat(blanks), "{text:?}");
        let (start, end) = (source.line_col(span.start), source.line_col(span.end));
        assert_eq!((start.line, start.column), (5, 1), "{text:?}");
        assert_eq!((end.line, end.column), (5 + blanks, 1), "{text:?}");
    }
}
