//! `--format sarif`: SARIF 2.1.0, with a rule descriptor for every rule (id, name, short and
//! full description, help URI, default level) and one result per diagnostic. Columns are
//! counted in Unicode code points, as the run declares (`columnKind`).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{json, Value};

use super::{Diagnostics, Located, Results};
use crate::lint::{Severity, RULES};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A displayed path as a URI reference: a relative path as a relative reference, an
/// absolute one as a `file://` URI; forward slashes, every other reserved character
/// percent-encoded. A byte that was not UTF-8, which the path shows as `\xNN` (on Unix),
/// is encoded as that byte, and a backslash of the name (shown doubled) as `%5C`.
fn uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_owned()
    };
    let mut out = String::with_capacity(path.len() + 8);
    let bytes = path.as_bytes();
    let mut rest = path.as_str();
    if path.starts_with('/') {
        out.push_str("file://");
    } else if cfg!(windows) && bytes.get(1) == Some(&b':') && bytes.get(2) == Some(&b'/') {
        // A Windows drive: `C:/a` is `file:///C:/a`.
        out.push_str("file:///");
        out.push_str(path.get(..2).unwrap_or(""));
        rest = path.get(2..).unwrap_or("");
    }
    while let Some(c) = rest.chars().next() {
        let escaped_byte = (cfg!(unix) && c == '\\')
            .then(|| rest.get(1..4))
            .flatten()
            .and_then(|e| e.strip_prefix('x'))
            .and_then(|hex| u8::from_str_radix(hex, 16).ok().filter(|b| *b >= 0x80));
        if let Some(byte) = escaped_byte {
            out.push_str(&format!("%{byte:02X}"));
            rest = rest.get(4..).unwrap_or("");
            continue;
        }
        if cfg!(unix) && rest.starts_with("\\\\") {
            // A backslash of the name, doubled by the displayed path.
            out.push_str("%5C");
            rest = rest.get(2..).unwrap_or("");
            continue;
        }
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' | '/' => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    out
}

/// The log's skeleton; the results are converted one at a time while they are written.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Value,
    column_kind: &'static str,
    invocations: Value,
    results: RunResults<'a>,
}

struct RunResults<'a>(&'a dyn Diagnostics);

impl Serialize for RunResults<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.all().map(|d| result(&d)))
    }
}

/// The SARIF log, pretty-printed, with a final line break, as a string (see
/// [`write_sarif`]).
pub fn sarif<D: Diagnostics>(results: &Results<D>) -> String {
    super::render(|out| write_sarif(results, out))
}

/// Writes the SARIF log, pretty-printed, with a final line break.
pub fn write_sarif<D: Diagnostics>(results: &Results<D>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let m = &r.meta;
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary() },
                "fullDescription": { "text": m.doc() },
                "help": { "text": m.doc(), "markdown": m.doc() },
                "helpUri": m.url(),
                "defaultConfiguration": { "level": level(m.severity) },
                "properties": { "tags": [m.group.as_str()] }
            })
        })
        .collect();
    let notifications: Vec<Value> = results
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&e.file) } } }]
            })
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({
                "driver": {
                    "name": "cookielint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": crate::lint::registry::DOCS_URL,
                    "rules": rules
                }
            }),
            column_kind: "unicodeCodePoints",
            invocations: json!([{
                "executionSuccessful": results.errors.is_empty(),
                "toolExecutionNotifications": notifications
            }]),
            results: RunResults(&results.diagnostics),
        }],
    };
    // Buffered here, where the writer's type is known (see `write_json`).
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut buffered, &log)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// One result.
fn result(d: &Located) -> Value {
    let diag = &d.diagnostic;
    let index = RULES.iter().position(|r| r.meta.code == diag.code);
    let mut text = diag.message.clone();
    if let Some(help) = &diag.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let related: Vec<Value> = diag
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i,
                "message": { "text": r.message },
                "physicalLocation": {
                    "artifactLocation": { "uri": uri(&r.file) },
                    "region": { "startLine": r.line, "startColumn": r.column }
                }
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": diag.code,
        "level": level(diag.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&diag.file) },
                "region": {
                    "startLine": d.start.line,
                    "startColumn": d.start.column,
                    "endLine": d.end.line,
                    "endColumn": d.end.column
                }
            }
        }],
        "partialFingerprints": { "cookielint/v1": diag.fingerprint },
    });
    if let (Some(i), Some(obj)) = (index, result.as_object_mut()) {
        obj.insert("ruleIndex".into(), json!(i));
        if !related.is_empty() {
            obj.insert("relatedLocations".into(), Value::Array(related));
        }
    }
    result
}

#[cfg(all(test, unix))]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("corpus/fr-paris.md"), "corpus/fr-paris.md");
        assert_eq!(uri("a b/é.md"), "a%20b/%C3%A9.md");
        // Absolute: a `file` URI.
        assert_eq!(uri("/tmp/a b.md"), "file:///tmp/a%20b.md");
        // A Latin-1 name shown with its byte escaped: the byte itself.
        assert_eq!(uri("caf\\xE9.md"), "caf%E9.md");
        // A backslash of the name is shown doubled.
        assert_eq!(uri("a\\\\b.md"), "a%5Cb.md");
        assert_eq!(uri("caf\\\\xE9.md"), "caf%5CxE9.md");
    }
}
