//! The JSON contract: the output of `to_json_value` for every corpus document and every
//! parser fixture validates against `docs/document.schema.json`, and the schema is strict
//! enough to reject a document with a missing or an unknown field.

use cookielint::convert::{to_json_string, to_json_value, JSON_SCHEMA_VERSION};
use serde_json::{json, Value};

use crate::support::{corpus_files, fixture_files, parse_path, relative, root};

/// The schema file, checked against the draft 2020-12 meta-schema.
fn schema() -> Value {
    let path = root().join("docs/document.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    if let Err(err) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("the schema is not a valid draft 2020-12 schema: {err}");
    }
    schema
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).unwrap()
}

/// The validation errors of `instance`, one per line (empty when it is valid).
fn errors(validator: &jsonschema::Validator, instance: &Value) -> String {
    validator
        .iter_errors(instance)
        .map(|e| format!("  {}: {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A named change to a valid document, for the negative tests.
type Mutation = (&'static str, fn(&mut Value));

/// A real document's JSON, to mutate in the negative tests.
fn sample() -> Value {
    let path = corpus_files().into_iter().next().unwrap();
    let (source, parsed) = parse_path(&path);
    to_json_value(&source, &parsed)
}

#[test]
fn every_corpus_document_and_fixture_matches_the_schema() {
    let validator = validator();
    let paths: Vec<_> = corpus_files().into_iter().chain(fixture_files()).collect();
    assert!(paths.len() > 5, "no fixtures found");
    let mut failures = Vec::new();
    for path in &paths {
        let (source, parsed) = parse_path(path);
        let value = to_json_value(&source, &parsed);
        assert_eq!(value["schema_version"], JSON_SCHEMA_VERSION);
        let found = errors(&validator, &value);
        if !found.is_empty() {
            failures.push(format!("{}:\n{found}", relative(path)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_documented_example_is_valid_and_real() {
    let path = root().join("docs/json.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let start = page
        .find("```json\n")
        .expect("docs/json.md has a ```json example")
        + 8;
    let length = page[start..].find("\n```").unwrap();
    let example: Value = serde_json::from_str(&page[start..start + length]).unwrap();
    assert_eq!(
        errors(&validator(), &example),
        "",
        "the example in docs/json.md"
    );

    // The example is an excerpt of a real conversion: everything it shows in full is what
    // the converter prints today (paragraph texts are shortened, so they are not compared).
    let source = example["source"].as_str().unwrap();
    let (file, parsed) = parse_path(&root().join(source));
    let real = to_json_value(&file, &parsed);
    for (key, value) in example.as_object().unwrap() {
        if !value.is_array() {
            assert_eq!(value, &real[key], "docs/json.md example: {key}");
        }
    }
    for key in ["preamble", "introduction", "problems"] {
        assert_eq!(example[key], real[key], "docs/json.md example: {key}");
    }
    for (i, section) in example["sections"].as_array().unwrap().iter().enumerate() {
        for (key, value) in section.as_object().unwrap() {
            if key != "paragraphs" {
                assert_eq!(
                    value, &real["sections"][i][key],
                    "example section {i}: {key}"
                );
            }
        }
    }
    let (table, real_table) = (&example["tables"][0], &real["tables"][0]);
    for (key, value) in table.as_object().unwrap() {
        if key != "rows" {
            assert_eq!(value, &real_table[key], "example table: {key}");
        }
    }
    assert_eq!(table["rows"][0], real_table["rows"][0], "example row");
    assert_eq!(example["cookies"][0], real["cookies"][0], "example cookie");
}

#[test]
fn the_sample_is_valid_and_has_something_to_mutate() {
    let value = sample();
    assert_eq!(errors(&validator(), &value), "");
    assert!(!value["sections"].as_array().unwrap().is_empty());
    assert!(!value["tables"].as_array().unwrap().is_empty());
    assert!(!value["cookies"].as_array().unwrap().is_empty());
}

#[test]
fn a_missing_field_is_rejected() {
    let validator = validator();
    let cases: [Mutation; 4] = [
        ("document.title", |v| {
            v.as_object_mut().unwrap().remove("title");
        }),
        ("section.role", |v| {
            v["sections"][0].as_object_mut().unwrap().remove("role");
        }),
        ("table.rows[0].span", |v| {
            v["tables"][0]["rows"][0]
                .as_object_mut()
                .unwrap()
                .remove("span");
        }),
        ("cookie.duration", |v| {
            v["cookies"][0].as_object_mut().unwrap().remove("duration");
        }),
    ];
    for (what, mutate) in cases {
        let mut value = sample();
        mutate(&mut value);
        assert!(!validator.is_valid(&value), "{what} removed, still valid");
    }
}

#[test]
fn an_unknown_field_is_rejected() {
    let validator = validator();
    let cases: [Mutation; 4] = [
        ("document", |v| v["extra"] = json!(1)),
        ("section", |v| v["sections"][0]["extra"] = json!("x")),
        ("column", |v| {
            v["tables"][0]["columns"][0]["extra"] = json!(null)
        }),
        ("cookie", |v| v["cookies"][0]["extra"] = json!(true)),
    ];
    for (what, mutate) in cases {
        let mut value = sample();
        mutate(&mut value);
        assert!(
            !validator.is_valid(&value),
            "extra field on {what}, still valid"
        );
    }
}

#[test]
fn wrong_values_are_rejected() {
    let validator = validator();
    let cases: [Mutation; 7] = [
        ("schema_version 2", |v| v["schema_version"] = json!(2)),
        ("unknown format", |v| v["format"] = json!("html")),
        ("unknown language", |v| v["language"] = json!("pt")),
        ("line 0", |v| v["cookies"][0]["line"] = json!(0)),
        ("three-item span", |v| {
            v["cookies"][0]["span"] = json!([1, 2, 3])
        }),
        ("negative span", |v| v["tables"][0]["span"] = json!([-1, 2])),
        ("url without line", |v| {
            v["platform_url"] = json!("https://example.org");
            v["platform_url_line"] = json!(null);
        }),
    ];
    for (what, mutate) in cases {
        let mut value = sample();
        mutate(&mut value);
        assert!(!validator.is_valid(&value), "{what}: still valid");
    }
}

/// `convert --to json` prints the contract as `serde_json` prints it: one document as an
/// object, several as an array, each element the document's JSON Lines object indented one
/// level. The documents are converted a window at a time and printed as they come, so the
/// array here is longer than a window (256), and holds a file that cannot be read.
#[test]
fn convert_prints_one_object_or_an_array_as_serde_json_does() {
    let dir = tempfile::tempdir().unwrap();
    let documents = corpus_files();
    for i in 0..300 {
        let from = &documents[i % documents.len()];
        let name = format!("{i:03}-{}", from.file_name().unwrap().to_string_lossy());
        std::fs::copy(from, dir.path().join(name)).unwrap();
    }
    // Over the size limit given below: reported, and the others still printed.
    std::fs::write(dir.path().join("150-too-large.txt"), "a".repeat(200_000)).unwrap();
    let run = |format: &str, path: &std::path::Path| {
        crate::support::cookielint(&[
            "convert".as_ref(),
            "--max-file-size".as_ref(),
            "100000".as_ref(),
            "--to".as_ref(),
            format.as_ref(),
            path.as_os_str(),
        ])
    };
    let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap() + "\n";
    let lines = run("jsonl", dir.path());
    let elements: Vec<Value> = lines.stdout.lines().map(crate::support::json).collect();
    assert_eq!(elements.len(), 300, "{}", lines.stderr);
    assert!(
        lines.stderr.contains("150-too-large.txt"),
        "{}",
        lines.stderr
    );
    assert_eq!(lines.code, 1);
    let array = run("json", dir.path());
    assert_eq!(array.code, lines.code);
    assert_eq!(array.stdout, pretty(&Value::Array(elements.clone())));
    let expected = &elements[7];
    let one = std::path::PathBuf::from(expected["source"].as_str().unwrap());
    let single = run("json", &one);
    assert_eq!(single.code, 0, "{}", single.stderr);
    assert_eq!(single.stdout, pretty(expected));
}

/// A document of more than 1 MB is converted to JSON as its output is written, instead of
/// being held whole: the text is the library's, alone, as an element of an array, as JSON
/// Lines, and in a file under `--output-dir`.
#[test]
fn a_large_document_s_json_is_written_as_it_is_rendered() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "Cookies policy\n\nWhat cookies are used on the <https://x.example.com> platform\n\n\
         Service provider\tCookie name\tPurpose\tDuration\n",
    );
    for i in 0..20_000 {
        text += &format!("Opendatasoft\tcookie_{i}\tRemember the user's \"choice\"\t1 year\n");
    }
    assert!(text.len() > 1 << 20);
    let large = dir.path().join("large.txt");
    std::fs::write(&large, &text).unwrap();
    std::fs::copy(&corpus_files()[0], dir.path().join("small.txt")).unwrap();
    let (source, parsed) = parse_path(&large);
    assert_eq!(parsed.document.cookies.len(), 20_000);
    let pretty = to_json_string(&source, &parsed, true) + "\n";
    let line = to_json_string(&source, &parsed, false) + "\n";
    let run = |args: &[&std::ffi::OsStr]| {
        let run = crate::support::cookielint(
            &[&["convert".as_ref(), "--no-config".as_ref()], args].concat(),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let (json, jsonl) = ("json".as_ref(), "jsonl".as_ref());
    assert_eq!(run(&["--to".as_ref(), json, large.as_os_str()]), pretty);
    assert_eq!(run(&["--to".as_ref(), jsonl, large.as_os_str()]), line);
    let lines = run(&["--to".as_ref(), jsonl, dir.path().as_os_str()]);
    assert_eq!(
        lines.lines().next().map(|l| l.to_owned() + "\n"),
        Some(line)
    );
    let elements: Vec<Value> = lines.lines().map(crate::support::json).collect();
    assert_eq!(elements.len(), 2);
    let array = run(&["--to".as_ref(), json, dir.path().as_os_str()]);
    assert_eq!(
        array,
        serde_json::to_string_pretty(&Value::Array(elements)).unwrap() + "\n"
    );
    let out = dir.path().join("out");
    run(&[
        "--to".as_ref(),
        json,
        "-o".as_ref(),
        out.as_os_str(),
        large.as_os_str(),
    ]);
    assert_eq!(
        std::fs::read_to_string(out.join("large.json")).unwrap(),
        pretty
    );
}
