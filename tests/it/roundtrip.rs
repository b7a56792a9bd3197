//! `convert --to markdown` then parsing the result gives the same cookies and headings as
//! the original, for every corpus document and fixture.

use cookielint::convert::to_markdown;

use crate::support::{
    cookie_rows, corpus_files, fixture_files, headings, parse_bytes, parse_path, relative,
};

#[test]
fn canonical_markdown_round_trips() {
    let mut failures = Vec::new();
    for path in corpus_files().into_iter().chain(fixture_files()) {
        let (_, parsed) = parse_path(&path);
        let original = &parsed.document;
        let markdown = to_markdown(original);
        let name = format!("{}.canonical.md", relative(&path));
        let (_, reparsed) = parse_bytes(&name, markdown.as_bytes());
        let again = &reparsed.document;
        if cookie_rows(again) != cookie_rows(original) || headings(again) != headings(original) {
            failures.push(format!(
                "{}\n  cookies {:?}\n       -> {:?}\n  headings {:?}\n       -> {:?}",
                relative(&path),
                cookie_rows(original),
                cookie_rows(again),
                headings(original),
                headings(again)
            ));
        }
        // Rendering is a fixed point after one round.
        assert_eq!(to_markdown(again), markdown, "{}", relative(&path));
    }
    assert!(
        failures.is_empty(),
        "round trip changed:\n{}",
        failures.join("\n")
    );
}
