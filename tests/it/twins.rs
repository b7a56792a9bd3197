//! Text variants against their Markdown twins: a document written as plain text and the same
//! document written in Markdown must give the same model, spans aside (STYLE: "nothing after
//! the syntax layer knows whether the input was text or Markdown").
//!
//! The models are compared through the JSON contract (`cookielint::convert::to_json_value`),
//! which carries every part of the model, after removing what legitimately depends on the
//! bytes of the file rather than on its content: positions, the file's name, format, line
//! endings and encoding, parse problems (which are about the syntax written) and each
//! table's layout (tab-separated or pipes, also syntax).

use std::path::Path;

use serde_json::Value;

use crate::support::{parse_path, root};

/// Position fields: byte spans and the lines and columns computed from them.
const POSITIONS: [&str; 5] = ["span", "line", "column", "title_line", "platform_url_line"];

/// Fields about the file rather than the document.
const FILE_FIELDS: [&str; 5] = ["source", "format", "line_endings", "encoding", "problems"];

/// Removes every position field, at any depth.
fn without_positions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for key in POSITIONS {
                map.remove(key);
            }
            map.values_mut().for_each(without_positions);
        }
        Value::Array(items) => items.iter_mut().for_each(without_positions),
        _ => {}
    }
}

/// The model of a file as JSON, without positions and file fields.
fn model(path: &Path) -> Value {
    let (source, parsed) = parse_path(path);
    let mut value = cookielint::convert::to_json_value(&source, &parsed);
    let map = value
        .as_object_mut()
        .unwrap_or_else(|| panic!("{}: not a JSON object", path.display()));
    for key in FILE_FIELDS {
        assert!(
            map.remove(key).is_some(),
            "{}: no `{key}` field: has the JSON contract changed?",
            path.display()
        );
    }
    // A table's layout says how it was written (`tab`, `pipe`, ...), which is syntax: a
    // Markdown pipe table and its plain-text twin's tab-separated table are the same table.
    if let Some(tables) = value["tables"].as_array_mut() {
        for table in tables {
            if let Some(table) = table.as_object_mut() {
                table.remove("layout");
            }
        }
    }
    without_positions(&mut value);
    value
}

/// Asserts that the two files give the same model, spans aside.
fn check(markdown: &str, text: &str) {
    let markdown_model = model(&root().join(markdown));
    let text_model = model(&root().join(text));
    assert!(
        markdown_model["cookies"]
            .as_array()
            .is_some_and(|c| !c.is_empty()),
        "{markdown}: no cookies, so the comparison would prove little"
    );
    if markdown_model != text_model {
        let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap();
        panic!(
            "{markdown} and {text} give different models\n--- {markdown}\n{}\n--- {text}\n{}",
            pretty(&markdown_model),
            pretty(&text_model)
        );
    }
}

#[test]
fn multi_names_and_placeholders() {
    check(
        "tests/fixtures/parse/14-en-md-multi-names-placeholders.md",
        "tests/fixtures/parse/15-en-text-multi-names-placeholders.txt",
    );
}

#[test]
fn rows_broken_in_their_last_cell() {
    check(
        "tests/fixtures/parse/43-en-md-pipe-no-outer-pipes-row-broken.md",
        "tests/fixtures/parse/42-en-text-tab-row-broken.txt",
    );
}

#[test]
fn regaz_corpus_document() {
    check("corpus/fr-regaz.md", "tests/fixtures/twins/fr-regaz.txt");
}

/// The comparison is not vacuous: a change of content (one cookie renamed) is seen.
#[test]
fn a_content_difference_is_seen() {
    let text = root().join("tests/fixtures/twins/fr-regaz.txt");
    let original = std::fs::read_to_string(&text).unwrap();
    let changed = original.replacen("csrftoken", "csrf_token", 1);
    assert_ne!(changed, original);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fr-regaz.txt");
    std::fs::write(&path, changed).unwrap();
    assert_ne!(model(&root().join("corpus/fr-regaz.md")), model(&path));
}
