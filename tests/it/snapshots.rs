//! Golden JSON of every corpus document and fixture (reviewed snapshots in
//! `tests/it/snapshots/`).

use cookielint::convert::to_json_value;

use crate::support::{corpus_files, fixture_files, parse_path};

fn snapshot_all(paths: Vec<std::path::PathBuf>) {
    for path in paths {
        let (source, parsed) = parse_path(&path);
        let json = to_json_value(&source, &parsed);
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_json_snapshot!(name, json);
        });
    }
}

#[test]
fn corpus_json() {
    snapshot_all(corpus_files());
}

#[test]
fn fixture_json() {
    snapshot_all(fixture_files());
}
