//! `--format junit`: JUnit XML with one test case per file and one failure per diagnostic
//! (at or above the failing severity: the caller filters), and an error for unreadable files.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Located, Results};

/// Escapes text for XML character data and attribute values; characters XML 1.0 cannot
/// carry at all are written as visible escapes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// The JUnit report as a string (see [`write_junit`]).
pub fn junit(results: &Results) -> String {
    super::render(|out| write_junit(results, out))
}

/// Writes the JUnit report.
pub fn write_junit(results: &Results, out: &mut dyn Write) -> io::Result<()> {
    let mut by_file: BTreeMap<&str, Vec<&Located>> = results
        .files
        .iter()
        .map(|f| (f.as_str(), Vec::new()))
        .collect();
    for d in &results.diagnostics {
        by_file
            .entry(d.diagnostic.file.as_str())
            .or_default()
            .push(d);
    }
    let failures: usize = by_file.values().filter(|v| !v.is_empty()).count();
    let tests = by_file.len() + results.errors.len();
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    writeln!(
        out,
        "<testsuites name=\"cookielint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
        results.errors.len()
    )?;
    writeln!(
        out,
        "  <testsuite name=\"cookielint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">",
        results.errors.len()
    )?;
    for (file, diagnostics) in &by_file {
        let name = xml(file);
        if diagnostics.is_empty() {
            writeln!(out, "    <testcase name=\"{name}\" classname=\"{name}\"/>")?;
            continue;
        }
        writeln!(out, "    <testcase name=\"{name}\" classname=\"{name}\">")?;
        for d in diagnostics {
            let diag = &d.diagnostic;
            let message = format!(
                "{}:{}: {}[{} {}] {}",
                d.start.line,
                d.start.column,
                diag.severity.as_str(),
                diag.code,
                diag.rule,
                diag.message
            );
            writeln!(
                out,
                "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                xml(diag.rule),
                xml(&message),
                xml(&format!(
                    "{message}\n{}",
                    diag.help.as_deref().unwrap_or("")
                ))
            )?;
        }
        out.write_all(b"    </testcase>\n")?;
    }
    for e in &results.errors {
        let name = xml(&e.file);
        writeln!(
            out,
            "    <testcase name=\"{name}\" classname=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>",
            xml(&e.message)
        )?;
    }
    out.write_all(b"  </testsuite>\n</testsuites>\n")
}
