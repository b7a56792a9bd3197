//! A table cell as a reader sees it when inline Markdown markup changes its text: escapes
//! resolved, code spans without their backticks, links as their text, entities decoded and
//! `<br>` as a line break (the front end lists these as [`Inline`]s). Emphasis delimiters,
//! autolinks and other inline HTML (the placeholder in `SSESS<ID>`) are shown as written,
//! as they are in plain text.
//!
//! Each byte of the shown text keeps the source it stands for, so that a part of it (a
//! cookie name) has a span in the source covering the part as written: `django\_language`
//! with its backslash, `` `_ga` `` with its backticks. A cell without such markup (all plain
//! text, and most Markdown cells) never comes here.

use std::ops::Range;

use crate::source::Span;
use crate::syntax::{Inline, Shown};

/// The inline markup that changes the text of `cell`, or `None` when there is none (the cell
/// is shown as written). `inlines` is ordered by position.
pub(crate) fn markup_in(inlines: &[Inline], cell: Span) -> Option<&[Inline]> {
    if inlines.is_empty() {
        return None;
    }
    let from = inlines.partition_point(|i| i.span.start < cell.start);
    let rest = inlines.get(from..)?;
    let markup = rest.get(..rest.partition_point(|i| i.span.start < cell.end))?;
    markup
        .iter()
        .any(|i| cell.contains(i.construct))
        .then_some(markup)
}

/// What must be resolved for a Markdown `cell` to read as a reader sees it: its inline
/// markup ([`markup_in`]), or, in a row of a block-quoted table broken over lines, only the
/// quote markers opening its lines after the first, which belong to the quote, not to the
/// cell. `None`: the cell reads as written. A plain-text document (not `markdown`) has no
/// markup and no containers: a `>` there is text.
pub(crate) fn to_resolve<'i>(
    source: &str,
    inlines: &'i [Inline],
    cell: Span,
    markdown: bool,
) -> Option<&'i [Inline]> {
    if !markdown {
        return None;
    }
    markup_in(inlines, cell).or_else(|| quoted_lines(cell.slice(source)).then_some(&[][..]))
}

/// Whether a line of `cell` after its first opens with a block-quote marker.
fn quoted_lines(cell: &str) -> bool {
    memchr::memchr2_iter(b'\n', b'\r', cell.as_bytes()).any(|at| {
        let rest = cell.get(at + 1..).unwrap_or("");
        quote_markers(rest) > 0
    })
}

/// The length of the block-quote markers opening `line` (0 when none).
fn quote_markers(line: &str) -> usize {
    line.len() - crate::syntax::without_quote_markers(line).len()
}

/// A cell's shown text, and the source each of its bytes stands for.
pub(crate) struct Seen {
    text: String,
    /// Where the source of each byte starts (an opening delimiter before it included).
    starts: Vec<usize>,
    /// Where the source of each byte ends (a closing delimiter after it included).
    ends: Vec<usize>,
    /// The start of opening markup not yet written with a character.
    pending: Option<usize>,
    /// Whether the next character is one a backslash escape made literal.
    after_escape: bool,
}

impl Seen {
    /// The text of `cell` as shown, given the inline markup in it (see [`markup_in`]); a part
    /// of the markup whose construct is not wholly inside the cell is shown as written. In
    /// a pipe table, what is shown as written still has its `\\`, `\|` and `\-` unescaped,
    /// as in a cell without markup (inside a code span too, as GFM does for `\|`).
    pub(crate) fn new(source: &str, cell: Span, markup: &[Inline], pipe_table: bool) -> Self {
        let mut seen = Seen {
            text: String::with_capacity(cell.len()),
            starts: Vec::with_capacity(cell.len()),
            ends: Vec::with_capacity(cell.len()),
            pending: None,
            after_escape: false,
        };
        let mut at = cell.start;
        for inline in markup {
            if inline.span.start < at || !cell.contains(inline.construct) {
                continue;
            }
            seen.copy(source, at..inline.span.start, pipe_table);
            match &inline.shown {
                Shown::Opening => {
                    seen.pending.get_or_insert(inline.span.start);
                    // An escape's backslash: the character after it is literal.
                    seen.after_escape =
                        inline.construct.len() == 2 && inline.span.slice(source) == "\\";
                }
                // A construct that showed nothing (`[](u)`) goes with no character.
                Shown::Closing if seen.pending.take().is_some() => {}
                Shown::Closing => {
                    if let Some(end) = seen.ends.last_mut() {
                        *end = inline.span.end.max(*end);
                    }
                }
                Shown::LineBreak => seen.push("\n", inline.span),
                Shown::Text(shown) => seen.push(shown, inline.span),
            }
            at = inline.span.end;
        }
        seen.copy(source, at..cell.end, pipe_table);
        seen
    }

    /// The shown text.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The source of the shown bytes `range` (non-empty, on `char` boundaries).
    pub(crate) fn span(&self, range: Range<usize>) -> Span {
        let start = self.starts.get(range.start).copied().unwrap_or(0);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|last| self.ends.get(last))
            .copied()
            .unwrap_or(start);
        Span::new(start, end.max(start))
    }

    /// Writes the source at `range` as it is, but that in a pipe table `\\`, `\|` and `\-`
    /// stand for `\`, `|` and `-` (as in any pipe-table cell, see `build::cell_text`), outside
    /// the character an escape just made literal, and that the block-quote markers opening a
    /// line after a line break are left out (a quoted row broken over lines).
    fn copy(&mut self, source: &str, range: Range<usize>, pipe_table: bool) {
        let Some(piece) = source.get(range.clone()) else {
            return;
        };
        let mut literal = std::mem::take(&mut self.after_escape);
        let mut chars = piece.char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let at = range.start + offset;
            let escapes = pipe_table
                && !literal
                && c == '\\'
                && chars
                    .peek()
                    .is_some_and(|&(_, next)| matches!(next, '\\' | '|' | '-'));
            literal = escapes;
            if escapes {
                self.pending.get_or_insert(at);
                continue;
            }
            self.text.push(c);
            for i in 0..c.len_utf8() {
                let start = if i == 0 { self.pending.take() } else { None };
                self.starts.push(start.unwrap_or(at + i));
                self.ends.push(at + i + 1);
            }
            let line_break =
                c == '\n' || (c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n'));
            if line_break {
                let next_line = offset + 1;
                let markers = quote_markers(piece.get(next_line..).unwrap_or(""));
                while chars.next_if(|&(o, _)| o < next_line + markers).is_some() {}
            }
        }
    }

    /// Writes `shown` in place of the source at `span`.
    fn push(&mut self, shown: &str, span: Span) {
        let start = self.pending.take().unwrap_or(span.start);
        self.text.push_str(shown);
        for i in 0..shown.len() {
            self.starts.push(if i == 0 { start } else { span.start });
            self.ends.push(span.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{parse, Document, ParseOptions};
    use crate::source::SourceFile;

    const HEAD: &str = "# Cookie policy\n\n## Necessary cookies\n\n";

    fn parsed(path: &str, text: &str) -> Document {
        parse(&SourceFile::from_text(path, text), ParseOptions::default()).document
    }

    /// Each cookie's display name and its source as written.
    fn names<'t>(doc: &Document, text: &'t str) -> Vec<(String, &'t str)> {
        doc.cookies
            .iter()
            .map(|c| (c.name.display.to_string(), c.name.span.slice(text)))
            .collect()
    }

    /// The display text of every cell of the first table.
    fn cells(doc: &Document) -> Vec<Vec<String>> {
        doc.tables
            .first()
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| r.cells.iter().map(|c| c.display.to_string()).collect())
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn markdown_cells_show_what_a_reader_sees_and_names_keep_their_source() {
        let text = format!(
            "{HEAD}| Supplier name | Cookie name | Purpose |\n|---|---|---|\n\
             | [Opendatasoft](https://www.opendatasoft.com \"Home\") | django\\_language | Language |\n\
             | Example SA | `_ga` | Visits &amp; pages |\n\
             | Example SA | sessionid<br>csrftoken | Session |\n\
             | Example SA | _ga_&lt;ID&gt; | Visits |\n\
             | Example SA | [\\_pk\\_id.*](https://x.example) | Visits |\n\
             | Example SA | `a\\|b` | Code |\n\
             | Example SA | SSESS<ID>, *_hjid* | As written |\n"
        );
        let doc = parsed("policy.md", &text);
        assert_eq!(
            names(&doc, &text),
            [
                ("django_language".to_owned(), "django\\_language"),
                ("_ga".to_owned(), "`_ga`"),
                ("sessionid".to_owned(), "sessionid"),
                ("csrftoken".to_owned(), "csrftoken"),
                ("_ga_<ID>".to_owned(), "_ga_&lt;ID&gt;"),
                ("_pk_id.*".to_owned(), "[\\_pk\\_id.*](https://x.example)"),
                ("a|b".to_owned(), "`a\\|b`"),
                ("SSESS<ID>".to_owned(), "SSESS<ID>"),
                ("*_hjid*".to_owned(), "*_hjid*"),
            ]
        );
        let shown = cells(&doc);
        assert_eq!(shown[0], ["Opendatasoft", "django_language", "Language"]);
        assert_eq!(shown[1], ["Example SA", "_ga", "Visits & pages"]);
        assert_eq!(shown[2][1], "sessionid csrftoken");
        // The cell's span is still the whole cell as written.
        let cell = &doc.tables[0].rows[0].cells[0];
        assert_eq!(
            cell.span.slice(&text),
            "[Opendatasoft](https://www.opendatasoft.com \"Home\")"
        );
        crate::model::invariants::check(&text, &doc).unwrap();
    }

    #[test]
    fn markup_running_across_cells_is_shown_as_written() {
        // A code span and a link over two cells: neither is the cell's own markup (a GFM
        // table splits cells first); the escape inside the first cell still is.
        let text = format!(
            "{HEAD}| Supplier name | Cookie name | Purpose |\n|---|---|---|\n\
             | `a | b` | \\_c [d |\n| e | f](u) | g |\n"
        );
        let doc = parsed("policy.md", &text);
        assert_eq!(cells(&doc)[0], ["`a", "b`", "_c [d"]);
        assert_eq!(cells(&doc)[1], ["e", "f](u)", "g"]);
    }

    #[test]
    fn plain_text_cells_are_shown_as_written() {
        let text = "Cookie policy\n\nNecessary cookies\n\n\
             Supplier name\tCookie name\tPurpose\n\
             Example SA\tdjango\\_language\tLanguage &amp; `x`\n\
             Example SA\tsessionid<br>csrftoken\t[a] &lt;b&gt;\n";
        let doc = parsed("policy.txt", text);
        assert_eq!(doc.format, crate::syntax::Format::Text);
        assert_eq!(
            names(&doc, text),
            [
                ("django\\_language".to_owned(), "django\\_language"),
                (
                    "sessionid<br>csrftoken".to_owned(),
                    "sessionid<br>csrftoken"
                ),
            ]
        );
        assert_eq!(cells(&doc)[0][2], "Language &amp; `x`");
        assert_eq!(cells(&doc)[1][2], "[a] &lt;b&gt;");
    }

    #[test]
    fn quote_markers_of_a_broken_row_are_not_in_its_cells() {
        // A row broken over two lines inside a block quote: the second line's `>` is the
        // quote's. In a pipe table and a tab table, with the names in the broken cell, with
        // every line ending, with nested quotes and markup.
        let tables = [
            "> | Supplier name | Cookie name | Purpose |\n> |---|---|---|\n\
             > | Example SA | _ga | Remember the user\n> across pages |\n",
            "> Supplier name\tPurpose\tCookie name\n\
             > Example SA\tRemember the user\tsessionid,\n>  csrftoken\n\
             > Example SA\tRemember the language\tdjango_language\n",
            "> > Supplier name\tCookie name\tPurpose\n\
             > > Example SA\t_ga\tRemember the **user**\n>> across pages\n\
             > > Example SA\t_gid\tCount\n",
        ];
        let expected: [(&[&str], &[&str]); 3] = [
            (
                &["Example SA", "_ga", "Remember the user across pages"],
                &["_ga"],
            ),
            (
                &["Example SA", "Remember the user", "sessionid, csrftoken"],
                &["sessionid", "csrftoken", "django_language"],
            ),
            (
                &["Example SA", "_ga", "Remember the **user** across pages"],
                &["_ga", "_gid"],
            ),
        ];
        for (table, (row, cookies)) in tables.iter().zip(expected) {
            for ending in ["\n", "\r\n", "\r"] {
                let text = format!("{HEAD}{table}").replace('\n', ending);
                let doc = parsed("policy.md", &text);
                assert_eq!(
                    cells(&doc).first().cloned().unwrap_or_default(),
                    row,
                    "{text:?}"
                );
                let names = names(&doc, &text);
                let shown: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
                assert_eq!(shown, cookies, "{text:?}");
                assert!(names.iter().all(|(n, source)| n == source), "{text:?}");
            }
        }
        // In plain text a `>` is text.
        let text = "Cookie policy\n\nNecessary cookies\n\n\
             Supplier name\tCookie name\tPurpose\n\
             Example SA\t_ga\tRemember the user\n> across pages\n\
             Example SA\t_gid\tCount\n";
        let doc = parsed("policy.txt", text);
        assert_eq!(cells(&doc)[0][2], "Remember the user > across pages");
    }
}
