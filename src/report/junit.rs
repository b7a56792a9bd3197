//! `--format junit`: JUnit XML with one test case per file and one failure per diagnostic
//! (every finding reported, whatever its severity), and an error for unreadable files.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{Diagnostics, Located, Results};

/// Escapes text for XML character data; characters XML 1.0 cannot carry at all are
/// written as visible escapes. A carriage return is a character reference: a parser reads
/// a raw one as a line feed.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for an XML attribute value, as [`xml`] does, and a tab or line feed too: a
/// parser reads a raw one in an attribute as a space.
fn xml_attribute(text: &str) -> String {
    xml(text).replace('\t', "&#9;").replace('\n', "&#10;")
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
        let name = xml_attribute(file);
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
                xml_attribute(diag.rule),
                xml_attribute(&message),
                xml(&format!(
                    "{message}\n{}",
                    diag.help.as_deref().unwrap_or("")
                ))
            )?;
        }
        out.write_all(b"    </testcase>\n")?;
    }
    for e in &results.errors {
        let name = xml_attribute(&e.file);
        writeln!(
            out,
            "    <testcase name=\"{name}\" classname=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>",
            xml_attribute(&e.message)
        )?;
    }
    out.write_all(b"  </testsuite>\n</testsuites>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Diagnostic, Severity};
    use crate::report::FileError;
    use crate::source::{LineCol, Span};

    #[test]
    fn tabs_and_line_breaks_read_back_as_written() {
        // A raw tab or line break in an attribute is read as a space, and a raw `\r`
        // anywhere as a line feed.
        let file = "dir/a\tb\nc\rd.txt";
        let located = Located {
            diagnostic: Diagnostic {
                code: "CL405",
                rule: "trailing-whitespace",
                severity: Severity::Info,
                file: file.to_owned(),
                span: Span::new(0, 1),
                message: "one\ttwo\nthree\rfour".to_owned(),
                help: Some("five\rsix".to_owned()),
                related: Vec::new(),
                fingerprint: String::new(),
            },
            start: LineCol { line: 1, column: 1 },
            end: LineCol { line: 1, column: 2 },
        };
        let results = Results {
            diagnostics: vec![located],
            errors: vec![FileError {
                file: "bad\tname\n.txt".to_owned(),
                message: "cannot\tread\r\nit".to_owned(),
            }],
            files: vec![file.into()],
        };
        let report = junit(&results);
        let xml = match roxmltree::Document::parse(&report) {
            Ok(xml) => xml,
            Err(e) => panic!("not XML ({e}):\n{report}"),
        };
        let cases: Vec<_> = xml
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let names: Vec<_> = cases.iter().map(|c| c.attribute("name")).collect();
        assert_eq!(names, [Some(file), Some("bad\tname\n.txt")], "{report}");
        let failure = xml.descendants().find(|n| n.has_tag_name("failure"));
        let message = "1:1: info[CL405 trailing-whitespace] one\ttwo\nthree\rfour";
        assert_eq!(
            failure.and_then(|f| f.attribute("message")),
            Some(message),
            "{report}"
        );
        assert_eq!(
            failure.and_then(|f| f.text()),
            Some(format!("{message}\nfive\rsix").as_str()),
            "{report}"
        );
        let error = xml.descendants().find(|n| n.has_tag_name("error"));
        assert_eq!(
            error.and_then(|e| e.attribute("message")),
            Some("cannot\tread\r\nit"),
            "{report}"
        );
    }
}
