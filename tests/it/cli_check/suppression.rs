//! Suppression comments in Markdown, and the `unused-suppression` findings for those that
//! silence nothing.

use super::{
    check_exit, codes, diagnostics, dir_with, file_codes, line_of, lines_with, set, RULES_USED,
};

#[test]
fn suppression_comments_of_each_kind() {
    let text = "# Cookies policy\n\
        \n\
        Line one  \n\
        \n\
        <!-- cookielint-disable-next-line trailing-whitespace -->\n\
        Line two  \n\
        \n\
        <!-- cookielint-disable CL405 -->\n\
        \n\
        Line three  \n\
        \n\
        <!-- cookielint-enable CL405 -->\n\
        \n\
        Line four  \n\
        \n\
        <!-- cookielint-disable -->\n\
        \n\
        Line five  \n\
        \n\
        <!-- cookielint-enable -->\n\
        \n\
        <!-- cookielint-disable-next-line known-typo -->\n\
        Nothing to silence here.\n\
        \n\
        <!-- cookielint-disable-next-line no-such-rule -->\n\
        Line six\n";
    let dir = dir_with(&[("s.md", text)]);
    let run = check_exit(
        dir.path(),
        &["--no-config", "--format", "json", "--exit-zero"],
        0,
    );
    let all = diagnostics(&run);
    assert_eq!(
        lines_with(&all, "CL405"),
        [line_of(text, "Line one"), line_of(text, "Line four")].map(|l| l as u64),
        "{all:#?}"
    );
    assert_eq!(
        lines_with(&all, "CL002"),
        [
            line_of(text, "disable-next-line known-typo"),
            line_of(text, "no-such-rule")
        ]
        .map(|l| l as u64),
        "{all:#?}"
    );
    let unknown = all
        .iter()
        .find(|d| d["code"] == "CL002" && d["line"] == line_of(text, "no-such-rule"))
        .unwrap();
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule"),
        "{unknown}"
    );
}

#[test]
fn disable_file_silences_the_whole_file_and_is_reported_when_unused() {
    let used = "<!-- cookielint-disable-file missing-title trailing-whitespace -->\n\nWhat is a cookie?\n\nText  \n";
    let unused = "<!-- cookielint-disable-file missing-title -->\n# Cookies policy\n\nText\n";
    let dir = dir_with(&[("used.md", used), ("unused.md", unused)]);
    let run = check_exit(
        dir.path(),
        &[
            "--no-config",
            "--select",
            RULES_USED,
            "--format",
            "json",
            "--fail-on",
            "info",
        ],
        1,
    );
    assert_eq!(
        file_codes(&run),
        [("unused.md".to_owned(), "CL002".to_owned())]
    );
    assert_eq!(diagnostics(&run)[0]["line"], 1);

    // Without the comment, the file has both findings.
    let bare = dir_with(&[("used.md", &used[used.find('\n').unwrap() + 1..])]);
    let run = check_exit(
        bare.path(),
        &["--no-config", "--select", RULES_USED, "--format", "json"],
        1,
    );
    assert_eq!(codes(&run), set(&["CL101", "CL405"]));
}

#[test]
fn suppression_comments_silence_corpus_findings_too() {
    let corpus = |name: &str| {
        std::fs::read_to_string(crate::support::root().join("corpus").join(name)).unwrap()
    };
    let drifted =
        corpus("fr-paris.md").replace("service possible nous", "service possible, vraiment, nous");
    let files = |paris: &str| {
        dir_with(&[
            ("regaz.md", &corpus("fr-regaz.md")),
            ("mayotte.txt", &corpus("fr-electricitedemayotte.txt")),
            (
                "other.txt",
                &corpus("fr-electricitedemayotte.txt").replace("mayotte", "guyane"),
            ),
            ("paris.md", paris),
        ])
    };
    let args = [
        "--format",
        "json",
        "--exit-zero",
        "--select",
        "template-drift,unused-suppression",
    ];
    // Without a comment the reworded introduction is reported...
    let plain = files(&drifted);
    let found = file_codes(&check_exit(plain.path(), &args, 0));
    assert!(
        found
            .iter()
            .any(|(f, c)| f.ends_with("paris.md") && c == "CL501"),
        "{found:?}"
    );
    // ...and a disable-file comment naming the corpus rule silences it, without being
    // reported as unused.
    let silenced = files(&format!(
        "<!-- cookielint-disable-file template-drift -->\n{drifted}"
    ));
    let found = file_codes(&check_exit(silenced.path(), &args, 0));
    assert!(
        !found.iter().any(|(f, _)| f.ends_with("paris.md")),
        "{found:?}"
    );
}
