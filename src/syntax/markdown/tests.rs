//! Tests of the Markdown front end.

use super::*;

/// Whether some line of `text` shows a link or strong emphasis, line by line.
fn inline_signal_by_line(text: &str) -> bool {
    lines(text).any(|span| {
        let line = span.slice(text);
        // `**` before a non-blank, closed by `**` further on.
        let strong = (0..line.len()).any(|i| {
            line.as_bytes()
                .get(i..)
                .is_some_and(|rest| rest.starts_with(b"**"))
                && line
                    .as_bytes()
                    .get(i + 2)
                    .is_some_and(|b| !b" \t".contains(b))
                && line
                    .as_bytes()
                    .get(i + 3..)
                    .is_some_and(|rest| rest.windows(2).any(|w| w == b"**"))
        });
        line.contains("](") && line.contains('[') || strong
    })
}

/// The lines `items` gives for `text`, as text.
fn item_lines(text: &str) -> Vec<String> {
    let source = SourceFile::from_text("t.md", text);
    items(&source, None)
        .0
        .into_iter()
        .filter_map(|item| match item {
            Item::Line(span) => Some(span.slice(text).to_owned()),
            _ => None,
        })
        .collect()
}

/// The inline markup `items` lists for `text`: each part's source, what it shows
/// (`<` opening, `>` closing, `\n` a line break) and its construct's source.
fn inline_parts(text: &str) -> Vec<(String, String, String)> {
    let source = SourceFile::from_text("t.md", text);
    items(&source, None)
        .1
        .into_iter()
        .map(|inline| {
            let shown = match inline.shown {
                Shown::Opening => "<".to_owned(),
                Shown::Closing => ">".to_owned(),
                Shown::LineBreak => "\n".to_owned(),
                Shown::Text(shown) => shown.into(),
            };
            let part = inline.span.slice(text).to_owned();
            (part, shown, inline.construct.slice(text).to_owned())
        })
        .collect()
}

fn parts(list: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
        .collect()
}

#[test]
fn inline_markup_that_changes_the_text_is_listed() {
    for (text, expected) in [
        ("| django\\_language |", vec![("\\", "<", "\\_")]),
        // An escaped backslash escapes nothing after it.
        ("a\\\\_b", vec![("\\", "<", "\\\\")]),
        ("| `_ga` |", vec![("`", "<", "`_ga`"), ("`", ">", "`_ga`")]),
        (
            "`` a`b ``",
            vec![("`` ", "<", "`` a`b ``"), (" ``", ">", "`` a`b ``")],
        ),
        (
            "a<br>b<BR />c",
            vec![("<br>", "\n", "<br>"), ("<BR />", "\n", "<BR />")],
        ),
        (
            "_ga_&lt;ID&gt;",
            vec![("&lt;", "<", "&lt;"), ("&gt;", ">", "&gt;")],
        ),
        (
            "[Opendatasoft](https://x.example \"t\")",
            vec![
                ("[", "<", "[Opendatasoft](https://x.example \"t\")"),
                (
                    "](https://x.example \"t\")",
                    ">",
                    "[Opendatasoft](https://x.example \"t\")",
                ),
            ],
        ),
        (
            "![a](i) [](u)",
            vec![
                ("![", "<", "![a](i)"),
                ("](i)", ">", "![a](i)"),
                ("[", "<", "[](u)"),
                ("](u)", ">", "[](u)"),
            ],
        ),
        // Inline tags a reader does not see, in any case and with attributes, as in HTML
        // cells (`<ID>`, `<codex>` and the like are not among them: below).
        (
            "<code>_ga</code> <SPAN class=\"x\">a</Span> <b\t>b</b>",
            vec![
                ("<code>", "<", "<code>"),
                ("</code>", ">", "</code>"),
                ("<SPAN class=\"x\">", "<", "<SPAN class=\"x\">"),
                ("</Span>", ">", "</Span>"),
                ("<b\t>", "<", "<b\t>"),
                ("</b>", ">", "</b>"),
            ],
        ),
        ("<codex>a</codex> <c>b</c> </ code>", vec![]),
        // Shown as written: emphasis, autolinks, other inline HTML, a backslash before
        // a letter, an unknown entity, and headings (never table cells).
        ("*_ga_* <https://x.example> SSESS<ID> a\\b &nope; x", vec![]),
        ("# django\\_language `x`\n", vec![]),
    ] {
        assert_eq!(inline_parts(text), parts(&expected), "{text:?}");
    }
}

/// Found by `roundtrip_markdown`: a link title written over two table rows has no event
/// of its own, and the rows were read as one line.
#[test]
fn a_link_title_over_two_lines_leaves_them_two_lines() {
    for (text, expected) in [
        (
            "| a | [](a ( |\n| )) | ` |\n",
            vec!["| a | [](a ( |", "| )) | ` |"],
        ),
        (
            "see [x](u \"one\ntwo\nthree\") after\r\nnext",
            vec!["see [x](u \"one", "two", "three\") after", "next"],
        ),
        (
            "plain [x](u \"t\") link\nnext",
            vec!["plain [x](u \"t\") link", "next"],
        ),
        ("a [x](u 't\r\nu') b", vec!["a [x](u 't", "u') b"]),
        ("see [x](\nu) after", vec!["see [x](", "u) after"]),
        // Inside block quotes, the next line starts after its markers.
        (
            "> | a | [](a ( |\n> | )) | ` |",
            vec!["| a | [](a ( |", "| )) | ` |"],
        ),
        (
            "> > q [x](u 'one\n> >   two') after",
            vec!["q [x](u 'one", "two') after"],
        ),
        ("> `a\n>b` c", vec!["`a", "b` c"]),
        // Indented four spaces, a `>` is the paragraph's text.
        ("a `b\n    > c` d", vec!["a `b", "> c` d"]),
    ] {
        assert_eq!(item_lines(text), expected, "{text:?}");
    }
}

#[test]
fn links_and_strong_emphasis_are_signals_only_within_one_line() {
    let inline = [
        "see [the site](https://example.org)",
        "a **strong** word",
        "**",
        "***",
        "****",
        "a ** b **",
        "a **b\n** c",
        "a **b\r** c",
        "footnote** and more** later",
        "** x ** y**z",
        "é**é**",
        "text\n[a](b)\nmore",
        "a [b\n](c)",
        "a [b\r\n](c)",
        "a *\n* b",
        "a *\r* b",
        "[x\n\n](y) [z](w)",
        "](\n[",
        "[ ](",
        "no signal at all",
        "",
    ];
    for text in inline {
        // Texts with no other signal: the answer is the line-by-line one.
        assert_eq!(
            has_markdown_signals(text),
            inline_signal_by_line(text),
            "{text:?}"
        );
    }
    assert!(has_markdown_signals("# Title\nplain"));
    assert!(!has_markdown_signals("plain\ttable\nrow"));
}

/// The source at each problem `items` reports for `text`.
fn problems_at(text: &str) -> Vec<String> {
    let source = SourceFile::from_text("t.md", text);
    items(&source, None)
        .2
        .into_iter()
        .map(|p| p.span.slice(text).to_owned())
        .collect()
}

#[test]
fn a_table_indented_into_a_code_block_is_a_problem_at_its_first_row() {
    let tab = "# Cookies\n\n    Provider\tCookie name\tPurpose\n    \n    Example SA\tsessionid\tTo remember you\n";
    assert_eq!(problems_at(tab), ["Provider\tCookie name\tPurpose"]);
    let pipe = "# Cookies\n\nText.\n\n\t| Provider | Cookie name |\n\t|---|---|\n\t| Example SA | sessionid |\n";
    assert_eq!(problems_at(pipe), ["| Provider | Cookie name |"]);
    // Nested in a quote, the span still points at the row in the source.
    let quoted = "> intro\n>\n>     a\tb\n>     c\td\n";
    assert_eq!(problems_at(quoted), ["a\tb"]);
    for (what, text) in [
        (
            "fenced",
            "# Cookies\n\n```\nProvider\tCookie name\nExample SA\tsessionid\n```\n",
        ),
        ("one row", "# Cookies\n\n    Provider\tCookie name\n"),
        ("no cells", "# Cookies\n\n    let a = 1;\n    let b = 2;\n"),
        (
            "not indented enough",
            "# Cookies\n\n   Provider\tCookie name\n   Example SA\tsessionid\n",
        ),
    ] {
        assert_eq!(problems_at(text), Vec::<String>::new(), "{what}");
    }
}
