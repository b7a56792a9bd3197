//! HTML tables in Markdown, through the whole front end and the model.

use crate::model::{invariants, parse, Document, ParseOptions};
use crate::source::SourceFile;
use crate::syntax::{self, Block, Format};

const HEAD: &str = "# Cookie policy\n\n## Necessary cookies\n\n";

/// A table as source text: its layout, its header's cells and its rows' cells.
type Seen = (String, Vec<String>, Vec<Vec<String>>);

/// The tables the Markdown front end finds in `text`.
fn tables(text: &str) -> Vec<Seen> {
    let source = SourceFile::from_text("t.md", text);
    let tree = syntax::parse(&source, Format::Markdown, None);
    let slices = |cells: &[crate::source::Span]| -> Vec<String> {
        cells.iter().map(|c| c.slice(text).to_owned()).collect()
    };
    tree.blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(t) => Some((
                format!("{:?}", t.layout),
                t.header
                    .as_ref()
                    .map(|h| slices(&h.cells))
                    .unwrap_or_default(),
                t.rows.iter().map(|r| slices(&r.cells)).collect(),
            )),
            _ => None,
        })
        .collect()
}

fn seen(header: &[&str], rows: &[&[&str]]) -> Seen {
    let owned = |cells: &[&str]| cells.iter().map(|c| (*c).to_owned()).collect();
    (
        "Html".to_owned(),
        owned(header),
        rows.iter().map(|r| owned(r)).collect(),
    )
}

/// The document parsed from `text`, after checking its invariants.
fn document(text: &str) -> (Document, Vec<String>) {
    let parsed = parse(
        &SourceFile::from_text("t.md", text),
        ParseOptions::default(),
    );
    invariants::check(text, &parsed.document).unwrap();
    let problems = parsed
        .problems
        .iter()
        .map(|p| {
            assert!(text.get(p.span.start..p.span.end).is_some(), "{p:?}");
            p.span.slice(text).to_owned()
        })
        .collect();
    (parsed.document, problems)
}

/// Each cookie's name as shown and as written.
fn cookies(text: &str) -> Vec<(String, String)> {
    let (doc, _) = document(text);
    doc.cookies
        .iter()
        .map(|c| {
            (
                c.name.display.to_string(),
                c.name.span.slice(text).to_owned(),
            )
        })
        .collect()
}

/// The source at each problem found in `text`.
fn problems(text: &str) -> Vec<String> {
    document(text).1
}

/// The cells of the first table as a reader sees them.
fn shown(text: &str) -> Vec<Vec<String>> {
    let (doc, _) = document(text);
    doc.tables[0]
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.display.to_string()).collect())
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn a_table_on_one_line_is_read() {
    let text = format!(
        "{HEAD}<table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>_ga</td><td> Visits </td></tr><tr><td>_gid</td><td></td></tr></table>\n"
    );
    assert_eq!(
        tables(&text),
        [seen(
            &["Cookie", "Purpose"],
            &[&["_ga", "Visits"], &["_gid", ""]]
        )]
    );
    assert_eq!(cookies(&text), pairs(&[("_ga", "_ga"), ("_gid", "_gid")]));
    assert!(problems(&text).is_empty());
}

#[test]
fn a_table_over_many_lines_is_read() {
    let text = format!(
        "{HEAD}<table>\n  <tr>\n    <th>Cookie name</th>\n    <th>Purpose</th>\n  </tr>\n  <tr>\n    <td>\n      _ga\n    </td>\n    <td>Counts visits\n    and pages</td>\n  </tr>\n</table>\n\nAfter the table.\n"
    );
    assert_eq!(
        tables(&text),
        [seen(
            &["Cookie name", "Purpose"],
            &[&["_ga", "Counts visits\n    and pages"]]
        )]
    );
    assert_eq!(shown(&text), [["_ga", "Counts visits and pages"]]);
    let (doc, _) = document(&text);
    assert_eq!(doc.sections[0].paragraphs.len(), 1);
}

#[test]
fn thead_and_tbody_give_the_header_and_the_rows() {
    // A header in <thead> need not use <th>; without either, a first row worded like a
    // header is the header, and any other first row is data.
    let text = format!(
        "{HEAD}<table>\n<thead><tr><td>Supplier</td><td>Cookies</td></tr></thead>\n<tbody>\n<tr><td>Example SA</td><td>sessionid</td></tr>\n</tbody>\n</table>\n\n\
         <table><tr><td>Cookie name</td><td>Purpose</td></tr><tr><td>_ga</td><td>x</td></tr></table>\n\n\
         <table><tr><td>_hjid</td><td>x</td></tr><tr><td>_hjSession</td><td>y</td></tr></table>\n"
    );
    assert_eq!(
        tables(&text),
        [
            seen(&["Supplier", "Cookies"], &[&["Example SA", "sessionid"]]),
            seen(&["Cookie name", "Purpose"], &[&["_ga", "x"]]),
            seen(&[], &[&["_hjid", "x"], &["_hjSession", "y"]]),
        ]
    );
    let names: Vec<String> = cookies(&text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["sessionid", "_ga", "_hjid", "_hjSession"]);
}

#[test]
fn attributes_and_upper_case_tags_are_read() {
    let text = format!(
        "{HEAD}<TABLE class=\"cookies\" border=1>\n<TR style='x'><TH scope=\"col\">Cookie</TH><Th>Purpose</tH></TR>\n<tr data-x='a>b' \n  id=r1><td title=\"<td>\">_ga</td><TD\n class=c>Visits</TD></tr></Table>\n"
    );
    assert_eq!(
        tables(&text),
        [seen(&["Cookie", "Purpose"], &[&["_ga", "Visits"]])]
    );
}

#[test]
fn entities_and_inline_tags_are_shown_as_a_reader_sees_them() {
    let text = format!(
        "{HEAD}<table><tr><th>Cookie</th><th>Purpose</th></tr>\n\
         <tr><td>_ga_&lt;ID&gt;</td><td>Visits &amp; pages&nbsp;seen &#8212; <a href=\"https://x.example\">more</a></td></tr>\n\
         <tr><td><code>_gid</code></td><td><b>Sessions</b> &bogus; x</td></tr>\n</table>\n"
    );
    assert_eq!(
        cookies(&text),
        pairs(&[
            ("_ga_<ID>", "_ga_&lt;ID&gt;"),
            ("_gid", "<code>_gid</code>")
        ])
    );
    let cells = shown(&text);
    assert_eq!(cells[0][1], "Visits & pages seen \u{2014} more");
    assert_eq!(cells[1][1], "Sessions &bogus; x");
}

#[test]
fn a_br_in_a_cell_breaks_its_line() {
    let text = format!(
        "{HEAD}<table><tr><th>Cookie</th><th>Purpose</th></tr>\n<tr><td>sessionid<br>csrftoken<BR />\n_ga</td><td>Session<br/>security</td></tr>\n</table>\n"
    );
    assert_eq!(
        cookies(&text),
        pairs(&[
            ("sessionid", "sessionid"),
            ("csrftoken", "csrftoken"),
            ("_ga", "_ga")
        ])
    );
    assert_eq!(shown(&text)[0][1], "Session security");
}

#[test]
fn a_table_spread_over_blank_lines_is_read_whole() {
    // A blank line ends an HTML block: the rows after it start new blocks, and a line of
    // text inside a cell is a Markdown paragraph, shown in that cell.
    let text = format!(
        "{HEAD}<table>\n<tr><th>Cookie</th><th>Purpose</th></tr>\n\n<tr><td>_ga</td><td>Visits</td></tr>\n\n<tr>\n<td>\n\n_gid\n\n</td>\n<td>Sessions</td>\n</tr>\n</table>\n\nProse after.\n"
    );
    assert_eq!(
        tables(&text),
        [seen(
            &["Cookie", "Purpose"],
            &[&["_ga", "Visits"], &["_gid", "Sessions"]]
        )]
    );
    let (doc, problems) = document(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(doc.sections[0].paragraphs.len(), 1);
    assert_eq!(&*doc.sections[0].paragraphs[0].text.display, "Prose after.");
}

#[test]
fn what_cannot_be_read_whole_is_a_problem_and_the_rest_is_read() {
    // Not closed before the next heading.
    let open = format!(
        "{HEAD}<table><tr><th>Cookie</th><th>Purpose</th></tr>\n<tr><td>_ga</td><td>Visits\n\n## Other\n\nText.\n"
    );
    assert_eq!(
        tables(&open),
        [seen(&["Cookie", "Purpose"], &[&["_ga", "Visits"]])]
    );
    assert_eq!(problems(&open), ["<table>"]);
    // Merged cells: read once, the places they cover as empty cells.
    let merged = format!(
        "{HEAD}<table><tr><th>Provider</th><th>Cookie</th><th>Purpose</th></tr>\n\
         <tr><td rowspan=\"2\">Google</td><td>_ga</td><td colspan=2>Visits</td></tr>\n\
         <tr><td>_gid</td><td>Sessions</td></tr></table>\n"
    );
    assert_eq!(
        tables(&merged),
        [seen(
            &["Provider", "Cookie", "Purpose"],
            &[&["Google", "_ga", "Visits"], &["", "_gid", "Sessions"]]
        )]
    );
    assert_eq!(problems(&merged), ["<td rowspan=\"2\">"]);
    // A nested table and text outside cells.
    let nested = format!(
        "{HEAD}<table><tr><th>Cookie</th><th>Purpose</th></tr>stray\n<tr><td>_ga</td><td>x<table><tr><td>in</td></tr></table></td></tr></table>\n"
    );
    assert_eq!(problems(&nested), ["stray", "<table>"]);
    assert_eq!(cookies(&nested), pairs(&[("_ga", "_ga")]));
}

#[test]
fn broken_html_never_panics_and_keeps_the_invariants() {
    let table = "<table class=\"a\"><thead><tr><th>Cookie</th><th>Purpose</th></tr></thead>\n<tr><td rowspan=3>é_ga&amp;</td><td>Vis\u{e9}ts<br>ok &#x1F600; <!-- c --> <b>x</b></td></tr>\n<tr><td colspan=\"99\">_gid</td></tr><td>naïve</td></table>";
    // Every prefix and suffix, at every character boundary, alone and after a heading.
    for (at, _) in table.char_indices() {
        for piece in [&table[..at], &table[at..]] {
            let text = format!("{HEAD}{piece}\n\nText.\n");
            let _ = problems(&text);
        }
    }
    for text in ["<table", "<table><</table>", "<table></table>"] {
        let _ = problems(&format!("{HEAD}{text}"));
    }
    // Each of these gives a table or a problem: nothing is lost silently.
    for text in [
        "<table><tr><td a=\"",
        "<table><tr><td>&",
        "<table></ ><!-x><!--",
        "<table><tr><td>a</td></tr></table></table><table>",
        "<table><td colspan=65535 rowspan=99999999>x",
        "> <table>\n> <tr><td>a\n>\n> b</td></tr>\n> </table>\n",
        "- <table><tr>\n\n  <td>a</td></tr></table>\n",
        "<table>\n\n    <tr><td>indented</td></tr>\n\n</table>\n",
    ] {
        let text = format!("{HEAD}{text}");
        assert!(
            !problems(&text).is_empty() || !tables(&text).is_empty(),
            "{text:?}"
        );
    }
}

#[test]
fn html_that_holds_no_table_is_left_as_it_was() {
    let text = format!(
        "{HEAD}<div class=\"note\">\n<p>Cookies help us.</p>\n</div>\n\n<!-- cookielint-disable empty-cell -->\nText.\n"
    );
    assert!(tables(&text).is_empty());
    let (doc, problems) = document(&text);
    assert!(problems.is_empty());
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(doc.sections[0].paragraphs.len(), 1);
}

#[test]
fn rows_indented_into_a_code_block_are_a_problem() {
    // After a blank line, a row indented by four spaces is code: shown as written, its
    // cookies not read. The table before it is read, and left unclosed.
    let text = format!(
        "{HEAD}<table>\n    <tr><th>Cookie</th><th>Purpose</th></tr>\n    <tr><td>_ga</td><td>x</td></tr>\n\n    <tr><td>_gid</td><td>y</td></tr>\n</table>\n"
    );
    assert_eq!(
        tables(&text),
        [seen(&["Cookie", "Purpose"], &[&["_ga", "x"]])]
    );
    assert_eq!(
        problems(&text),
        ["<table>", "<tr><td>_gid</td><td>y</td></tr>"]
    );
}

#[test]
fn a_first_row_worded_like_a_header_in_inline_tags_is_the_header() {
    // `<td><strong>Cookie name</strong></td>`: the words, not the tags, make the header.
    let bold = "<table>\n<tr><td><strong>Supplier name</strong></td><td><b>Cookie name</b></td>\
                <td><span class=\"x\">Purpose</span></td></tr>\n\
                <tr><td>Example SA</td><td>sessionid</td><td>Session</td></tr>\n</table>\n";
    assert_eq!(
        tables(bold),
        [seen(
            &[
                "<strong>Supplier name</strong>",
                "<b>Cookie name</b>",
                "<span class=\"x\">Purpose</span>"
            ],
            &[&["Example SA", "sessionid", "Session"]]
        )]
    );
    let (doc, _) = document(bold);
    let names: Vec<&str> = doc.cookies.iter().map(|c| &*c.name.display).collect();
    assert_eq!(names, ["sessionid"]);
    // A tag that is not inline markup is not taken away: no header here.
    let other = bold.replace("<b>", "<x>").replace("</b>", "</x>");
    let other = other
        .replace("<strong>", "<x>")
        .replace("</strong>", "</x>");
    let other = other
        .replace("<span class=\"x\">", "<x>")
        .replace("</span>", "</x>");
    assert!(tables(&other)
        .iter()
        .all(|(_, header, _)| header.is_empty()));
}
