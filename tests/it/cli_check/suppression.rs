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
fn a_finding_at_the_very_end_of_the_text_is_silenced_by_a_region_running_to_the_end() {
    // Without a final line break, the sections missing after the last one are reported at
    // the end of the text, past its last byte.
    let body = "# Cookies policy\n\n## What is a cookie?\n\n";
    let last = "A cookie is a small file.";
    let texts = [
        format!("<!-- cookielint-disable -->\n{body}{last}"),
        format!("<!-- cookielint-disable-file missing-section -->\n{body}{last}"),
        format!("{body}<!-- cookielint-disable-next-line missing-section -->\n{last}"),
    ];
    let dir = dir_with(&[
        ("disable.md", &texts[0]),
        ("file.md", &texts[1]),
        ("next-line.md", &texts[2]),
    ]);
    let run = check_exit(
        dir.path(),
        &[
            "--no-config",
            "--select",
            "missing-section,unused-suppression",
            "--format",
            "json",
        ],
        0,
    );
    assert!(diagnostics(&run).is_empty(), "{:#?}", diagnostics(&run));

    // Without the comments, each file has the findings, at the end of its text.
    let bare = dir_with(&[("bare.md", &format!("{body}{last}"))]);
    let run = check_exit(
        bare.path(),
        &[
            "--no-config",
            "--select",
            "missing-section",
            "--format",
            "json",
        ],
        1,
    );
    let all = diagnostics(&run);
    assert_eq!(all.len(), 2, "{all:#?}");
    for d in &all {
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(5), Some(26)),
            "{d}"
        );
    }
}

/// Each file's lines with findings of `code`, as `(file, line)`.
fn places(run: &crate::support::Run, code: &str) -> Vec<(String, u64)> {
    let mut found: Vec<(String, u64)> = diagnostics(run)
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            let file = d["file"].as_str().unwrap_or_default();
            let file = file.strip_prefix("./").unwrap_or(file).to_owned();
            (file, d["line"].as_u64().unwrap_or_default())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_comment_naming_only_unknown_rules_silences_nothing() {
    let text = "# Cookies policy\n\
        \n\
        <!-- cookielint-disable-next-line trailing-whitspace -->\n\
        Line one  \n\
        \n\
        <!-- cookielint-disable trailing-whitspace -->\n\
        \n\
        Line two  \n\
        \n\
        <!-- cookielint-enable trailing-whitspace -->\n\
        \n\
        <!-- cookielint-disable-next-line trailing-whitspace, invisible-character -->\n\
        Line\u{200b}three  \n";
    let file = "<!-- cookielint-disable-file trailing-whitspace -->\n# Cookies policy\n\nText  \n";
    let dir = dir_with(&[("s.md", text), ("file.md", file)]);
    let run = check_exit(
        dir.path(),
        &[
            "--no-config",
            "--select",
            RULES_USED,
            "--format",
            "json",
            "--exit-zero",
        ],
        0,
    );
    let at = |name: &str, text: &str, needle: &str| (name.to_owned(), line_of(text, needle) as u64);
    assert_eq!(
        places(&run, "CL405"),
        [
            at("file.md", file, "Text"),
            at("s.md", text, "Line one"),
            at("s.md", text, "Line two"),
            at("s.md", text, "three"),
        ]
    );
    // The known rule of the last comment is silenced.
    assert_eq!(places(&run, "CL404"), []);
    let all = diagnostics(&run);
    let message = |name: &str, line: u64| {
        all.iter()
            .find(|d| d["code"] == "CL002" && d["file"] == name && d["line"] == line)
            .and_then(|d| d["message"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    for (name, text, needle, effect) in [
        (
            "file.md",
            file,
            "disable-file",
            "the comment silences nothing",
        ),
        (
            "s.md",
            text,
            "disable-next-line trailing-whitspace -->",
            "the comment silences nothing",
        ),
        (
            "s.md",
            text,
            "disable trailing-whitspace",
            "the comment silences nothing",
        ),
        (
            "s.md",
            text,
            "enable trailing-whitspace",
            "the comment enables nothing",
        ),
        (
            "s.md",
            text,
            "invisible-character -->",
            "the comment silences only the other rules it names",
        ),
    ] {
        let message = message(name, line_of(text, needle) as u64);
        assert!(
            message.contains("trailing-whitspace") && message.contains(effect),
            "{needle}: {message:?}"
        );
    }
}

#[test]
fn an_enable_turns_on_only_the_rules_it_names() {
    let body = "\n\
        One\u{200b}word  \n\
        \n\
        <!-- cookielint-enable trailing-whitespace -->\n\
        \n\
        Two\u{200b}word  \n\
        \n\
        <!-- cookielint-enable -->\n\
        \n\
        Three\u{200b}word  \n";
    let named = format!(
        "# Cookies policy\n\n<!-- cookielint-disable trailing-whitespace, invisible-character -->\n{body}"
    );
    let bare = format!("# Cookies policy\n\n<!-- cookielint-disable -->\n{body}");
    let dir = dir_with(&[("named.md", &named), ("bare.md", &bare)]);
    let run = check_exit(
        dir.path(),
        &[
            "--no-config",
            "--select",
            RULES_USED,
            "--format",
            "json",
            "--exit-zero",
        ],
        0,
    );
    let lines = |needle: &str| {
        ["bare.md", "named.md"].map(|f| (f.to_owned(), line_of(body, needle) as u64 + 3))
    };
    let [bare_two, named_two] = lines("Two");
    let [bare_three, named_three] = lines("Three");
    // After `enable trailing-whitespace`, only that rule is back.
    assert_eq!(
        places(&run, "CL405"),
        [
            bare_two.clone(),
            bare_three.clone(),
            named_two.clone(),
            named_three.clone()
        ]
    );
    assert_eq!(places(&run, "CL404"), [bare_three, named_three]);
    assert_eq!(places(&run, "CL002"), []);
}

#[test]
fn a_disable_is_unused_when_its_rules_are_enabled_before_it_silences_anything() {
    // The first disable keeps invisible-character off across the second one.
    let used = "# Cookies policy\n\
        \n\
        <!-- cookielint-disable trailing-whitespace, invisible-character -->\n\
        <!-- cookielint-enable trailing-whitespace -->\n\
        <!-- cookielint-disable trailing-whitespace -->\n\
        \n\
        One\u{200b}word  \n\
        \n\
        <!-- cookielint-enable -->\n";
    let unused = "# Cookies policy\n\
        \n\
        <!-- cookielint-disable trailing-whitespace, invisible-character -->\n\
        <!-- cookielint-enable trailing-whitespace -->\n\
        <!-- cookielint-enable invisible-character -->\n\
        \n\
        One\u{200b}word  \n";
    let dir = dir_with(&[("used.md", used), ("unused.md", unused)]);
    let run = check_exit(
        dir.path(),
        &[
            "--no-config",
            "--select",
            RULES_USED,
            "--format",
            "json",
            "--exit-zero",
        ],
        0,
    );
    let line = line_of(unused, "cookielint-disable") as u64;
    assert_eq!(places(&run, "CL002"), [("unused.md".to_owned(), line)]);
    assert_eq!(
        places(&run, "CL404"),
        [("unused.md".to_owned(), line_of(unused, "One") as u64)]
    );
}

/// A document of the bundled corpus.
fn corpus(name: &str) -> String {
    std::fs::read_to_string(crate::support::root().join("corpus").join(name)).unwrap()
}

/// `fr-paris.md` with one paragraph reworded: a `template-drift` finding in
/// [`french_family`].
fn drifted_paris() -> String {
    corpus("fr-paris.md").replace("service possible nous", "service possible, vraiment, nous")
}

/// A directory holding a French family of four documents, `paris` as its `paris.md`.
fn french_family(paris: &str) -> tempfile::TempDir {
    dir_with(&[
        ("regaz.md", &corpus("fr-regaz.md")),
        ("mayotte.txt", &corpus("fr-electricitedemayotte.txt")),
        (
            "other.txt",
            &corpus("fr-electricitedemayotte.txt").replace("mayotte", "guyane"),
        ),
        ("paris.md", paris),
    ])
}

#[test]
fn suppression_comments_silence_corpus_findings_too() {
    let drifted = drifted_paris();
    let files = french_family;
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

#[test]
fn a_comment_silencing_only_corpus_findings_is_used() {
    let drifted = drifted_paris();
    let files = french_family;
    let args = [
        "--no-config",
        "--format",
        "json",
        "--exit-zero",
        "--select",
        "template-drift,unused-suppression",
    ];
    let above =
        |comment: &str| drifted.replace("Afin de vous", &format!("{comment}\nAfin de vous"));
    for comment in [
        "<!-- cookielint-disable-next-line -->",
        "<!-- cookielint-disable-next-line template-drift, known-typo -->",
        "<!-- cookielint-disable-next-line template-drift -->",
    ] {
        let dir = files(&above(comment));
        let found = file_codes(&check_exit(dir.path(), &args, 0));
        assert!(
            !found.iter().any(|(f, _)| f.ends_with("paris.md")),
            "{comment}: {found:?}"
        );
    }
    // A comment that silences nothing in either phase is reported, whatever it names.
    for comment in [
        "<!-- cookielint-disable-next-line -->",
        "<!-- cookielint-disable-next-line template-drift, known-typo -->",
        "<!-- cookielint-disable-next-line template-drift -->",
    ] {
        let paris =
            corpus("fr-paris.md").replace("Afin de vous", &format!("{comment}\nAfin de vous"));
        let dir = files(&paris);
        let run = check_exit(dir.path(), &args, 0);
        assert_eq!(
            places(&run, "CL002"),
            [("paris.md".to_owned(), line_of(&paris, comment) as u64)],
            "{comment}"
        );
        let help = diagnostics(&run)
            .iter()
            .find(|d| d["code"] == "CL002")
            .and_then(|d| d["help"].as_str().map(str::to_owned))
            .unwrap_or_default();
        assert!(help.contains("comparing the documents"), "{help}");
    }
    // Checked alone, the drifted file has no corpus finding: the comment silences nothing
    // in the run.
    let dir = dir_with(&[("paris.md", &above("<!-- cookielint-disable-next-line -->"))]);
    let found = file_codes(&check_exit(dir.path(), &args, 0));
    assert_eq!(found, [("paris.md".to_owned(), "CL002".to_owned())]);
    // One naming only cross-document rules cannot be judged in a file checked alone (a
    // pre-commit hook's run): not reported.
    let comment = "<!-- cookielint-disable-next-line template-drift -->";
    let dir = dir_with(&[("paris.md", &above(comment))]);
    let found = file_codes(&check_exit(dir.path(), &args, 0));
    assert_eq!(found, [] as [(String, String); 0]);
}
