//! Tests of the table recognisers, on whole documents parsed by either front end.

use super::*;
use crate::source::SourceFile;
use crate::syntax::{parse, Block, Format};

/// A block as the tests compare it: a table's rows as their cells' texts (whitespace
/// collapsed), or a paragraph's or a heading's text.
#[derive(Debug, PartialEq)]
enum Shape {
    Table(Vec<Vec<String>>),
    Paragraph(String),
    Heading(String),
}

fn collapsed(text: &str, span: Span) -> String {
    span.slice(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn shapes(text: &str, format: Format) -> Vec<Shape> {
    let source = SourceFile::from_text("policy", text);
    let tree = parse(&source, format, None);
    tree.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(Shape::Table(
                table
                    .rows
                    .iter()
                    .map(|r| r.cells.iter().map(|c| collapsed(text, *c)).collect())
                    .collect(),
            )),
            Block::Paragraph(p) => Some(Shape::Paragraph(collapsed(text, p.span))),
            Block::Heading(h) => Some(Shape::Heading(collapsed(text, h.text))),
            Block::Comment(_) => None,
        })
        .collect()
}

fn table(rows: &[&[&str]]) -> Shape {
    Shape::Table(
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect(),
    )
}

fn paragraph(text: &str) -> Shape {
    Shape::Paragraph(text.to_owned())
}

const HEADER: &str = "Supplier name\tCookie name\tPurpose\n";

#[test]
fn a_tab_row_broken_in_its_last_cell_stays_one_row_of_one_table() {
    let three = format!(
        "{HEADER}X\tsessionid\tTo remember\nthe user\nX\tcsrftoken\tCSRF\nX\tdjango_language\tLanguage\n"
    );
    assert_eq!(
        shapes(&three, Format::Text),
        [table(&[
            &["X", "sessionid", "To remember the user"],
            &["X", "csrftoken", "CSRF"],
            &["X", "django_language", "Language"],
        ])]
    );
    // Without the last row, the row after the break is still a row, not prose.
    let two = format!("{HEADER}X\tsessionid\tTo remember\nthe user\nX\tcsrftoken\tCSRF\n");
    let expected = [table(&[
        &["X", "sessionid", "To remember the user"],
        &["X", "csrftoken", "CSRF"],
    ])];
    assert_eq!(shapes(&two, Format::Text), expected);
    // So in Markdown, and over several lines, and with CRLF line endings.
    assert_eq!(shapes(&two, Format::Markdown), expected);
    let lines = format!("{HEADER}X\tsessionid\tTo\nremember\nthe user\nX\tcsrftoken\tCSRF\n");
    assert_eq!(shapes(&lines, Format::Text), expected);
    assert_eq!(shapes(&two.replace('\n', "\r\n"), Format::Text), expected);
}

#[test]
fn the_cell_of_a_broken_row_covers_both_pieces() {
    let text = format!("{HEADER}X\tsessionid\tTo remember\r\nthe user\r\nX\tcsrftoken\tCSRF");
    let source = SourceFile::from_text("policy", text.as_str());
    let tree = parse(&source, Format::Text, None);
    let [Block::Table(table)] = tree.blocks.as_slice() else {
        panic!("{:?}", tree.blocks);
    };
    let at = |s: &str| text.find(s).unwrap_or_default();
    let row = &table.rows[0];
    let cell = row.cells[2];
    assert_eq!(cell, Span::new(at("To remember"), at("the user") + 8));
    assert_eq!(row.span, Span::new(at("X\tsession"), at("the user") + 8));
    assert_eq!(table.span, Span::new(0, text.len()));
    assert!(row.cells.iter().all(|c| row.span.contains(*c)));
    assert!(table.rows.iter().all(|r| table.span.contains(r.span)));
}

#[test]
fn the_last_row_continues_on_a_short_line_that_carries_its_cell_on() {
    let expected = |tail: &str| {
        table(&[
            &["X", "sessionid", "To remember"],
            &["X", "csrftoken", &format!("To protect {tail}")],
        ])
    };
    // Before a blank line (the paragraph after it stays a paragraph), and at the end.
    let text = format!(
        "{HEADER}X\tsessionid\tTo remember\nX\tcsrftoken\tTo protect\nforms\n\nThese cookies are needed.\n"
    );
    assert_eq!(
        shapes(&text, Format::Text),
        [expected("forms"), paragraph("These cookies are needed.")]
    );
    let text = format!("{HEADER}X\tsessionid\tTo remember\nX\tcsrftoken\tTo protect\nforms");
    assert_eq!(shapes(&text, Format::Text), [expected("forms")]);
    // In a pipe table without edge pipes, written as text or in Markdown.
    let pipes = "Supplier name | Cookie name | Purpose\n--- | --- | ---\n\
                 X | sessionid | To remember\nX | csrftoken | To protect\nthe forms.\n";
    assert_eq!(shapes(pipes, Format::Text), [expected("the forms.")]);
    assert_eq!(shapes(pipes, Format::Markdown), [expected("the forms.")]);
}

#[test]
fn prose_and_headings_after_a_table_are_not_swallowed() {
    let rows = [
        &["X", "sessionid", "To remember"][..],
        &["X", "csrftoken", "To protect forms."],
    ];
    let with = |after: &str| {
        format!("{HEADER}X\tsessionid\tTo remember\nX\tcsrftoken\tTo protect forms.{after}")
    };
    // After a cell that ends a sentence, a line in lower case is prose.
    assert_eq!(
        shapes(&with("\nsee below\n"), Format::Text),
        [table(&rows), paragraph("see below")]
    );
    let open = [
        &["X", "sessionid", "To remember"][..],
        &["X", "csrftoken", "To protect"],
    ];
    let with =
        |after: &str| format!("{HEADER}X\tsessionid\tTo remember\nX\tcsrftoken\tTo protect{after}");
    for (after, prose) in [
        // A paragraph after a blank line.
        ("\n\nforms\n", "forms"),
        // A capitalised sentence, a run of two lines, a long line.
        (
            "\nThese cookies are needed.\n\n",
            "These cookies are needed.",
        ),
        (
            "\nforms and more\nand yet more\n",
            "forms and more and yet more",
        ),
        (
            "\nforms and other things that go on for far too long to be a cell's end\n",
            "forms and other things that go on for far too long to be a cell's end",
        ),
    ] {
        assert_eq!(
            shapes(&with(after), Format::Text),
            [table(&open), paragraph(prose)],
            "{after:?}"
        );
    }
    // A heading between two rows, and a line before the header of a new table.
    let text = format!(
        "{HEADER}X\tsessionid\tTo remember\nAnalytics cookies\nG\t_ga\tAudience\nG\t_gid\tAudience\n"
    );
    assert_eq!(
        shapes(&text, Format::Text),
        [
            table(&[&["X", "sessionid", "To remember"]]),
            paragraph("Analytics cookies"),
            table(&[&["G", "_ga", "Audience"], &["G", "_gid", "Audience"]]),
        ]
    );
    let text = format!("{HEADER}X\tsessionid\tTo remember\nmore\n{HEADER}G\t_ga\tAudience\n");
    assert_eq!(
        shapes(&text, Format::Text),
        [
            table(&[&["X", "sessionid", "To remember"]]),
            paragraph("more"),
            table(&[&["G", "_ga", "Audience"]]),
        ]
    );
    // A broken header is left as is: only a data row is continued.
    let text = "Supplier name\tCookie name\tPurpose of\nthe cookie\nX\tsessionid\tTo remember\nX\tcsrftoken\tCSRF\n";
    assert_eq!(
        shapes(text, Format::Text),
        [
            table(&[]),
            paragraph("the cookie"),
            table(&[
                &["X", "sessionid", "To remember"],
                &["X", "csrftoken", "CSRF"]
            ]),
        ]
    );
}

#[test]
fn a_trailing_tab_separates_an_empty_last_cell_up_to_the_header_s_columns() {
    let text =
        format!("{HEADER}X\tsessionid\t\nX\tcsrftoken\tCSRF\t\nX\t_ga\t\t\t\t\nY\t_gid\t \t\n");
    assert_eq!(
        shapes(&text, Format::Text),
        [table(&[
            // One tab: one empty cell.
            &["X", "sessionid", ""],
            // A full row's stray tab adds nothing.
            &["X", "csrftoken", "CSRF"],
            // Tabs beyond the header's columns add nothing either.
            &["X", "_ga", ""],
            // Spaces between the trailing tabs change nothing.
            &["Y", "_gid", ""],
        ])]
    );
    // Without a header there are no columns to fill.
    assert_eq!(
        shapes("a\tb\tc\nX\tsessionid\t\n", Format::Text),
        [table(&[&["a", "b", "c"], &["X", "sessionid"]])]
    );
}

#[test]
fn a_leading_tab_closes_an_empty_first_cell_up_to_the_header_s_columns() {
    // A provider written only on the table's first row.
    let text = format!("{HEADER}X\tsessionid\tSession\n\tcsrftoken\tCSRF\n\t\t_gid\tVisits\n");
    assert_eq!(
        shapes(&text, Format::Text),
        [table(&[
            &["X", "sessionid", "Session"],
            &["", "csrftoken", "CSRF"],
            // More tabs than missing cells: the ones nearest the first cell count.
            &["", "_gid", "Visits"],
        ])]
    );
    for format in [Format::Text, Format::Markdown] {
        // An indented row as long as its header is only indented.
        let text = format!("{HEADER}\tX\tsessionid\tSession\n");
        assert_eq!(
            shapes(&text, format),
            [table(&[&["X", "sessionid", "Session"]])],
            "{format:?}"
        );
    }
    // Tabs the header starts with indent the whole table.
    let text = format!("\t{HEADER}\tX\tsessionid\tSession\n\t\tcsrftoken\tCSRF\n");
    assert_eq!(
        shapes(&text, Format::Text),
        [table(&[
            &["X", "sessionid", "Session"],
            &["", "csrftoken", "CSRF"]
        ])]
    );
    // In Markdown the leading tab of a paragraph's line is not in the line, but is in the
    // source line: the same empty cell.
    let text = format!("{HEADER}X\tsessionid\tSession\n\tcsrftoken\tCSRF\n");
    assert_eq!(
        shapes(&text, Format::Markdown),
        [table(&[
            &["X", "sessionid", "Session"],
            &["", "csrftoken", "CSRF"]
        ])]
    );
}

#[test]
fn a_header_in_inline_tags_is_worded_as_its_words() {
    let text = "<b>Supplier name</b>\t<b>Cookie name</b>\t<b>Purpose</b>\nX\tsessionid\tSession\nY\t_ga\tVisits\n";
    for format in [Format::Text, Format::Markdown] {
        let tree = parse(&SourceFile::from_text("t", text), format, None);
        let header = tree.blocks.iter().find_map(|b| match b {
            Block::Table(t) => t.header.as_ref().map(|h| h.cells.len()),
            _ => None,
        });
        assert_eq!(header, Some(3), "{format:?}");
        assert_eq!(
            shapes(text, format),
            [table(&[
                &["X", "sessionid", "Session"],
                &["Y", "_ga", "Visits"]
            ])],
            "{format:?}"
        );
    }
    assert_eq!(words("<b>Cookie</b> <code>name</code>"), "Cookie name");
    assert_eq!(words("SSESS<ID> <b"), "SSESS<ID> <b");
}

#[test]
fn in_markdown_rows_under_a_tab_separator_may_start_with_a_tab() {
    // The dashed separator is a thematic break in Markdown, and a row under it that starts
    // with a tab (its first cell empty) an indented code block: both are the table's.
    let separator = "-----\t-----\t-----\n";
    for ending in ["\n", "\r\n"] {
        let text =
            format!("{HEADER}{separator}\tsessionid\tSession\n\t_ga\tVisits\nY\t_gid\tCount\n")
                .replace('\n', ending);
        assert_eq!(
            shapes(&text, Format::Markdown),
            [table(&[
                &["", "sessionid", "Session"],
                &["", "_ga", "Visits"],
                &["Y", "_gid", "Count"]
            ])],
            "{text:?}"
        );
    }
    // In a block quote.
    let quoted = format!("> {HEADER}> {separator}> \tsessionid\tSession\n> \t_ga\tVisits\n");
    assert_eq!(
        shapes(&quoted, Format::Markdown),
        [table(&[
            &["", "sessionid", "Session"],
            &["", "_ga", "Visits"]
        ])],
        "{quoted:?}"
    );
    // The rows opening the block only: after a blank line inside it, it is code.
    let text = format!("{HEADER}{separator}\tsessionid\tSession\n\n\tcurl https//x\n\tmore code\n");
    let found = shapes(&text, Format::Markdown);
    assert_eq!(found, [table(&[&["", "sessionid", "Session"]])], "{text:?}");
    // After a blank line, an indented block is code, as Markdown shows it.
    let text = format!("{HEADER}{separator}X\tsessionid\tSession\n\n\tcode\tblock\n");
    assert_eq!(
        shapes(&text, Format::Markdown),
        [table(&[&["X", "sessionid", "Session"]])]
    );
    // Under a thematic break that is not a tab separator, too.
    let text = "Prose.\n\n-----\n\tcode\tblock\n";
    assert!(shapes(text, Format::Markdown)
        .iter()
        .all(|shape| !matches!(shape, Shape::Table(_))));
}

#[test]
fn a_tab_row_broken_inside_a_cell_or_after_a_tab_is_one_row() {
    let header = "Supplier name\tService\tCookie name\tPurpose\n";
    for format in [Format::Text, Format::Markdown] {
        // Inside a cell: the cut cell is read across the line break.
        let text = format!(
            "{header}Example SA\tAuthentication (front\nand back office)\tsessionid\tRemember\n\
             Example SA\tAPI\tcsrftoken\tForms\n"
        );
        assert_eq!(
            shapes(&text, format),
            [table(&[
                &[
                    "Example SA",
                    "Authentication (front and back office)",
                    "sessionid",
                    "Remember"
                ],
                &["Example SA", "API", "csrftoken", "Forms"],
            ])],
            "{format:?}"
        );
        // Right after a tab.
        let text = format!(
            "{header}Example SA\tAuthentication\t\nsessionid\tRemember\n\
             Example SA\tAPI\tcsrftoken\tForms\n"
        );
        assert_eq!(
            shapes(&text, format),
            [table(&[
                &["Example SA", "Authentication", "sessionid", "Remember"],
                &["Example SA", "API", "csrftoken", "Forms"],
            ])],
            "{format:?}"
        );
    }
    // Two short rows are two rows: a cell that ends a sentence, a next line opening in
    // upper case, a next line opening with the row's provider.
    let header = "Supplier name\tCookie name\tPurpose\n";
    for rows in [
        "X\tRemembers the user.\nand more\tY\n",
        "X\tsessionid\nY\t_ga\n",
        "X\tsessionid\t\nX\t_ga\n",
        // Rows missing their purpose: the next one opens with a cookie's name.
        "sessionid\tExample SA\ncsrftoken\tExample SA\n",
    ] {
        let text = format!("{header}{rows}");
        let shape = shapes(&text, Format::Text);
        let Some(Shape::Table(found)) = shape.first() else {
            panic!("{text:?}: {shape:?}");
        };
        assert_eq!(found.len(), 2, "{text:?}: {found:?}");
    }
    // Rows each with an empty last cell, after a tab: two rows.
    let text = "Supplier name\tCookie name\tPurpose\tDuration\n\
                Example SA\tsessionid\t\nMatomo\t_pk_id\t\n";
    let shape = shapes(text, Format::Text);
    let Some(Shape::Table(found)) = shape.first() else {
        panic!("{text:?}: {shape:?}");
    };
    assert_eq!(found.len(), 2, "{found:?}");
}

/// Key-value entries, the second one left as written in `second`.
fn entries(second: &str) -> String {
    format!(
        "Name: sessionid\nProvider: Example SA\nPurpose: Keeps you signed in.\nExpiration: 2 weeks\n\n{second}"
    )
}

const FIRST: &[&str] = &["sessionid", "Example SA", "Keeps you signed in.", "2 weeks"];

#[test]
fn a_key_without_a_value_is_an_empty_field_of_its_entry() {
    let text = entries("Name: csrftoken\nProvider: Example SA\nPurpose:\nExpiration: 1 year\n");
    let expected = [table(&[FIRST, &["csrftoken", "Example SA", "", "1 year"]])];
    assert_eq!(shapes(&text, Format::Text), expected);
    assert_eq!(shapes(&text, Format::Markdown), expected);
    // In bold, and with blanks after the colon.
    let bold = entries(
        "**Name:** csrftoken\n**Provider:** Example SA\n**Purpose:**  \n**Expiration:** 1 year\n",
    );
    assert_eq!(shapes(&bold, Format::Markdown), expected);
    // The first entry's key without a value, and a value on the lines after its key.
    let text = "Name: sessionid\nPurpose:\nKeeps you\nsigned in.\nExpiration: 2 weeks\n";
    assert_eq!(
        shapes(text, Format::Text),
        [table(&[&["sessionid", "Keeps you signed in.", "2 weeks"]])]
    );
    // Prose ending with a colon names no column: it ends the entries.
    let text = entries("Les cookies suivants sont utilisés :\n");
    assert_eq!(
        shapes(&text, Format::Text),
        [
            table(&[FIRST]),
            paragraph("Les cookies suivants sont utilisés :")
        ]
    );
    // Keys alone, one per line, are the header of a one-cell-per-line table.
    let text = "Name:\nProvider:\nPurpose:\n\nsessionid\nExample SA\nKeeps you.\n";
    assert_eq!(
        shapes(text, Format::Text),
        [table(&[&["sessionid", "Example SA", "Keeps you."]])]
    );
}

#[test]
fn an_entry_s_names_may_stand_on_the_line_after_its_name_key() {
    let text = "Name:\nsessionid\nPurpose: Keeps you.\n\nName:\n_ga, _gid\nPurpose:\nAudience\n";
    let expected = [table(&[
        &["sessionid", "Keeps you."],
        &["_ga, _gid", "Audience"],
    ])];
    assert_eq!(shapes(text, Format::Text), expected);
    // A key alone followed by prose, or by a table's lines, is not an entry's start: the
    // lines keep the shapes they had without the rule.
    let prose = "These cookies are necessary for the platform to work.";
    let entry = "Name: sessionid\nProvider: Example SA\nPurpose: To remember.\n";
    for key in ["Description:", "Cookies:", "Name:"] {
        let text = format!("{key}\n{prose}\n{entry}");
        let shape = shapes(&text, Format::Text);
        assert_eq!(
            shape.last(),
            Some(&table(&[&["sessionid", "Example SA", "To remember."]])),
            "{key}"
        );
        assert!(
            shape
                .iter()
                .all(|s| !format!("{s:?}").contains(&format!("\"{prose}\""))
                    || matches!(s, Shape::Paragraph(_))),
            "{key}: {shape:?}"
        );
    }
    let one_per_line = "Cookies:\nCookie name\nPurpose\nsessionid\nTo remember the user.\n\
                        csrftoken\nTo protect forms.\n";
    let shape = shapes(one_per_line, Format::Text);
    assert!(
        shape.contains(&table(&[
            &["sessionid", "To remember the user."],
            &["csrftoken", "To protect forms."]
        ])),
        "{shape:?}"
    );
}

#[test]
fn a_field_value_may_hold_a_pipe_or_a_tab() {
    for purpose in ["Keeps you (table | map).", "Keeps you\t(table)."] {
        let text = entries(&format!(
            "Name: csrftoken\nProvider: Example SA\nPurpose: {purpose}\nExpiration: 1 year\n"
        ));
        // The tests show a cell with its blanks collapsed.
        let shown = purpose.replace('\t', " ");
        let expected = [table(&[
            FIRST,
            &["csrftoken", "Example SA", &shown, "1 year"],
        ])];
        for format in [Format::Text, Format::Markdown] {
            assert_eq!(shapes(&text, format), expected, "{purpose:?} {format:?}");
        }
        // So in an entry's first field.
        let text = format!("Purpose: {purpose}\nName: csrftoken\n");
        assert_eq!(
            shapes(&text, Format::Text),
            [table(&[&[&shown, "csrftoken"]])],
            "{purpose:?}"
        );
    }
    // Pipe and tab tables stay tables, their header keys followed by colons or not, and
    // right after key-value entries.
    let rows = [
        &["sessionid", "Keeps you."][..],
        &["csrftoken", "Protects."],
    ];
    for (header, row) in [
        ("Name | Purpose", "{} | {}"),
        ("| Name | Purpose |", "| {} | {} |"),
        ("Name: | Purpose:", "{} | {}"),
        ("Name\tPurpose", "{}\t{}"),
        ("Name:\tPurpose:", "{}\t{}"),
    ] {
        let body: String = [["sessionid", "Keeps you."], ["csrftoken", "Protects."]]
            .iter()
            .map(|[a, b]| row.replacen("{}", a, 1).replacen("{}", b, 1) + "\n")
            .collect();
        let text = format!("{header}\n{body}");
        assert_eq!(shapes(&text, Format::Text), [table(&rows)], "{header:?}");
        let text = format!("Name: _ga\nPurpose: Audience.\n{header}\n{body}");
        assert_eq!(
            shapes(&text, Format::Text),
            [table(&[&["_ga", "Audience."]]), table(&rows)],
            "{header:?}"
        );
    }
}

#[test]
fn a_value_left_empty_on_its_key_s_line_may_hold_a_pipe_or_a_tab_on_the_next() {
    for next in [
        "To remember the user | across pages",
        "To remember\tthe user",
    ] {
        let text = format!(
            "Name: sessionid\nPurpose:\n{next}\nDuration: 1 year\n\n\
             Name: csrftoken\nPurpose: Security\nDuration: 1 year\n"
        );
        for format in [Format::Text, Format::Markdown] {
            let shape = shapes(&text, format);
            let Some(Shape::Table(rows)) = shape.first() else {
                panic!("{text:?}: {shape:?}");
            };
            assert_eq!(rows.len(), 2, "{format:?} {rows:?}");
            assert_eq!(rows[0][0], "sessionid", "{format:?} {rows:?}");
            assert!(rows[0][1].starts_with("To remember"), "{format:?} {rows:?}");
            assert_eq!(rows[0][2], "1 year", "{format:?} {rows:?}");
        }
    }
}

/// The shortcut of [`exact_role`] (a text with more ASCII letters and digits than the
/// longest column phrase names no column) never turns away a text that names one: every
/// phrase, and variants the key folds back onto it (case, a decomposed accent, invisible
/// characters, spread whitespace, the Kelvin sign, markup trimmed away), keeps its role.
#[test]
fn the_length_shortcut_keeps_every_column_phrase() {
    use crate::vocab::{column_phrases, too_long_for_column_phrase};
    let mut next = crate::testing::pseudo_random(0x7AB1_E5C0_1D00_u64);
    const NOISE: [&str; 6] = ["\u{200B}", "  ", "\u{301}", "\u{AD}", "\t", "\u{FEFF}"];
    for phrase in column_phrases() {
        let mut variants = vec![
            phrase.key.to_owned(),
            phrase.key.to_uppercase(),
            format!("** {}: **", phrase.key),
            phrase.key.replace('k', "\u{212A}"),
            unicode_normalization::UnicodeNormalization::nfd(phrase.key).collect(),
        ];
        for _ in 0..20 {
            let mut noisy = String::new();
            for c in phrase.key.chars() {
                noisy.push(c);
                if next(3) == 0 {
                    noisy.push_str(NOISE.get(next(NOISE.len())).copied().unwrap_or(""));
                }
            }
            variants.push(noisy);
        }
        for text in &variants {
            let role = exact_role_of(
                text.trim_matches(|c: char| c == '*' || c.is_whitespace()),
                None,
            );
            if role.is_some() {
                assert!(!too_long_for_column_phrase(text), "{text:?}");
            }
        }
        assert!(exact_role(&variants[0], None).is_some(), "{:?}", phrase.key);
    }
    // Prose is turned away without being looked up.
    assert!(too_long_for_column_phrase(
        "Ces cookies permettent de mesurer l'audience du site et de comprendre sa navigation."
    ));
}
