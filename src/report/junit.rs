//! `--format junit`: JUnit XML with one test case per file and one failure per diagnostic
//! (at or above the failing severity: the caller filters), and an error for unreadable files.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{Diagnostics, Located, Results};

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
pub fn junit<D: Diagnostics>(results: &Results<D>) -> String {
    super::render(|out| write_junit(results, out))
}

/// Writes the JUnit report: one test case per file checked (and per file a diagnostic
/// names that was not among them), in path order.
pub fn write_junit<D: Diagnostics>(results: &Results<D>, out: &mut dyn Write) -> io::Result<()> {
    // Diagnostics come sorted by file: count the files with findings, and those that are
    // not in the list of files checked, without holding the diagnostics.
    let checked: BTreeSet<&str> = results.files.iter().map(|f| &**f).collect();
    let mut failing: Vec<String> = Vec::new();
    for d in results.diagnostics.all() {
        if failing.last().map(String::as_str) != Some(d.diagnostic.file.as_str()) {
            failing.push(d.diagnostic.file.clone());
        }
    }
    failing.dedup();
    let failures = failing.len();
    let extra: BTreeSet<&str> = failing
        .iter()
        .map(String::as_str)
        .filter(|f| !checked.contains(f))
        .collect();
    let tests = checked.len() + extra.len() + results.errors.len();
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
    let mut diagnostics = results.diagnostics.all().peekable();
    for file in checked.union(&extra) {
        let name = xml(file);
        let mine = |d: &Cow<'_, Located>| d.diagnostic.file == *file;
        if !diagnostics.peek().is_some_and(mine) {
            writeln!(out, "    <testcase name=\"{name}\" classname=\"{name}\"/>")?;
            continue;
        }
        writeln!(out, "    <testcase name=\"{name}\" classname=\"{name}\">")?;
        while let Some(d) = diagnostics.next_if(mine) {
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
