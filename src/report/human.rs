//! `--format human`: miette's graphical report for each diagnostic, with the source snippet,
//! the labelled span, the code and rule name, the help text and a link to the rule's
//! documentation.
//!
//! Control characters in documents never reach the terminal: the snippet is rendered from a
//! copy of the text in which each control or bidirectional-override character is replaced by
//! a visible character of the same UTF-8 length, so every span still lines up.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{escape_control, Located};
use crate::lint::{find, Severity};
use crate::source::{LineIndex, SourceFile};

/// Rendering options.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    /// Use colour (only on a terminal, and never with `NO_COLOR`).
    pub color: bool,
    /// Terminal width.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

struct Report<'a> {
    located: &'a Located,
    message: String,
    help: Option<String>,
    source: &'a Snippets<'a>,
}

/// A document's text as miette reads it: named, sanitised, with the document's line index.
///
/// miette finds a span's lines by scanning the text from its first byte, so drawing every
/// finding of a long document took time in the square of its length. Here its scan starts
/// at a line boundary a few lines before the span (found in the index), and the lines and
/// offsets it reports are shifted back: the result is the one a scan from the top gives,
/// but for the column, which is counted in characters (miette counts bytes) so that the
/// snippet's header agrees with the other reports.
struct Snippets<'a> {
    name: String,
    text: std::borrow::Cow<'a, str>,
    index: &'a LineIndex,
}

impl SourceCode for Snippets<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Two lines more than the context, so that a span starting inside a line break
        // still has its context within the window.
        let line = self.index.line(span.offset());
        let first = line
            .saturating_sub(context_lines_before.saturating_add(2))
            .max(1);
        let (first, base) = match self.index.line_start(first) {
            Some(base) if base <= span.offset() => (first, base),
            _ => (1, 0),
        };
        let window = self.text.as_bytes().get(base..).unwrap_or(&[]);
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = window.read_span(&local, context_lines_before, context_lines_after)?;
        // Line breaks before the window.
        let shift = first - 1;
        let offset = inner.span().offset() + base;
        // miette counts the column in bytes; the other reports count characters, and the
        // header shown must agree with them.
        let column = self
            .index
            .line_start(inner.line() + shift + 1)
            .and_then(|start| self.text.get(start..offset))
            .map_or(inner.column(), |before| before.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(offset.into(), inner.span().len()),
            inner.line() + shift,
            column,
            inner.line_count() + shift,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl MietteDiagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let d = &self.located.diagnostic;
        Some(Box::new(format!("{} {}", d.code, d.rule)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.located.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        find(self.located.diagnostic.rule).map(|r| Box::new(r.meta.url()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = &self.located.diagnostic;
        let main = LabeledSpan::new_primary_with_span(
            Some(short_label(&d.message)),
            (d.span.start, d.span.len()),
        );
        let related = d.related.iter().filter(|r| r.file == d.file).map(|r| {
            LabeledSpan::new_with_span(
                Some(escape_control(&r.message)),
                (r.span.start, r.span.len()),
            )
        });
        Some(Box::new(std::iter::once(main).chain(related)))
    }
}

/// A label is the message's first clause, kept short for the snippet.
fn short_label(message: &str) -> String {
    let label = escape_control(message);
    if label.chars().count() <= 60 {
        label
    } else {
        "here".to_owned()
    }
}

/// Replaces characters that could drive a terminal by visible ones of equal UTF-8 length;
/// borrowed when there are none (they are all invisible characters, found by a fast scan).
fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    if crate::normalize::invisible_chars(text).next().is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c.is_control() => match c.len_utf8() {
                1 => '?',
                _ => '\u{00BF}',
            },
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200B}'..='\u{200F}'
            | '\u{FEFF}' => '\u{FFFD}',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Renders the diagnostics of one file (all must belong to `source`).
pub fn human(source: &SourceFile, diagnostics: &[Located], options: HumanOptions) -> String {
    let named = Snippets {
        name: escape_control(&source.path),
        text: sanitize(&source.text),
        index: &source.line_index,
    };
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines wrap at spaces, never after a hyphen or a slash: URLs, paths and cookie names
    // stay whole unless one alone is wider than a line (finding the Unicode line-break
    // opportunities of every message also cost more than the rest of the report).
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for located in diagnostics {
        let d = &located.diagnostic;
        let mut help = d.help.as_deref().map(escape_control);
        let elsewhere: Vec<String> = d
            .related
            .iter()
            .filter(|r| r.file != d.file)
            .map(|r| {
                format!(
                    "{}:{}:{}: {}",
                    escape_control(&r.file),
                    r.line,
                    r.column,
                    escape_control(&r.message)
                )
            })
            .collect();
        if !elsewhere.is_empty() {
            let joined = elsewhere.join("\n");
            help = Some(match help {
                Some(h) => format!("{h}\nsee also {joined}"),
                None => format!("see also {joined}"),
            });
        }
        let report = Report {
            located,
            message: escape_control(&d.message),
            help,
            source: &named,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&super::concise_line(located));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette's own reading of the whole text gives, field by field, but the column
    /// (miette counts it in bytes, the snippets in characters).
    fn parts(contents: &dyn SpanContents<'_>) -> (Vec<u8>, usize, usize, usize, usize) {
        (
            contents.data().to_vec(),
            contents.span().offset(),
            contents.span().len(),
            contents.line(),
            contents.line_count(),
        )
    }

    #[test]
    fn long_messages_wrap_at_spaces_never_inside_a_url_or_path() {
        let source = SourceFile::from_text("doc.md", "Cookies\n");
        let path = "/tmp/corpus/part-6/en-vanecasbcn-odsapps.txt";
        let url = "https://vanecasbcn-odsapps.opendatasoft.com/explore/dataset/x-y";
        let diagnostic = crate::lint::Diagnostic {
            code: "CL301",
            rule: "duplicate-platform",
            severity: Severity::Warning,
            file: "doc.md".to_owned(),
            span: crate::source::Span::new(0, 7),
            message: format!("the platform {url} is also named by {path}, whose content differs"),
            help: Some(format!(
                "see {path} and {url} before choosing which one to keep"
            )),
            related: Vec::new(),
            fingerprint: String::new(),
        };
        let out = human(
            &source,
            &[Located::new(&source, diagnostic)],
            HumanOptions::default(),
        );
        assert!(out.contains(path) && out.contains(url), "{out}");
        // The message is wider than the report: it was wrapped, at a space.
        assert!(
            out.lines()
                .any(|l| l.trim_end().ends_with("is also named by")),
            "{out}"
        );
    }

    #[test]
    fn sanitizing_replaces_every_terminal_control_and_copies_only_then() {
        let plain = "Le cookie \u{AB}\u{A0}_ga\u{A0}\u{BB} dure 13\u{202F}mois, c\u{2019}est \u{E9}crit.\t\r\n";
        assert!(matches!(sanitize(plain), std::borrow::Cow::Borrowed(_)));
        for c in [
            '\u{1B}', '\u{7F}', '\u{85}', '\u{9B}', '\u{202E}', '\u{2067}', '\u{200B}', '\u{FEFF}',
        ] {
            let text = format!("a{c}b");
            let clean = sanitize(&text);
            assert!(matches!(clean, std::borrow::Cow::Owned(_)), "{c:?}");
            assert_eq!(clean.len(), text.len(), "{c:?}");
            assert!(!clean.contains(c), "{c:?}");
        }
    }

    #[test]
    fn snippets_read_what_a_scan_from_the_top_reads() {
        let texts = [
            "one\ntwo\r\nthree\rfour\n\nsix\r\n\r\nnine",
            "\r\n\r\n\n\r\rx\ny\r\n",
            "a single line without a break",
            "é\nàç\r\n€ end\n",
            "",
        ];
        for text in texts {
            let index = LineIndex::new(text);
            let snippets = Snippets {
                name: "doc".to_owned(),
                text: text.into(),
                index: &index,
            };
            let whole = miette::NamedSource::new("doc", text.to_owned());
            // Spans inside the text, as every finding's is (miette itself panics past it).
            for offset in 0..=text.len() {
                let lens = [0, 1, 2, 5, text.len() - offset];
                for len in lens.into_iter().filter(|&len| offset + len <= text.len()) {
                    for (before, after) in [(0, 0), (1, 1), (2, 3), (5, 0)] {
                        let span = SourceSpan::new(offset.into(), len);
                        let expected = whole.read_span(&span, before, after);
                        let got = snippets.read_span(&span, before, after);
                        match (expected, got) {
                            (Ok(e), Ok(g)) => {
                                assert_eq!(
                                    parts(&*g),
                                    parts(&*e),
                                    "{text:?} at {offset}+{len}, context {before}/{after}"
                                );
                                // The column the other reports give (in characters),
                                // where the contents start on a character boundary.
                                let at = g.span().offset();
                                if text.is_char_boundary(at) {
                                    let column = index.line_col(text, at).column;
                                    assert_eq!(
                                        g.column() + 1,
                                        column,
                                        "{text:?} at {offset}+{len}"
                                    );
                                }
                            }
                            (Err(_), Err(_)) => {}
                            (e, g) => panic!(
                                "{text:?} at {offset}+{len}: {:?} against {:?}",
                                e.map(|c| parts(&*c)),
                                g.map(|c| parts(&*c))
                            ),
                        }
                    }
                }
            }
        }
    }
}
