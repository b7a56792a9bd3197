//! `--format human`: miette's graphical report for each diagnostic, with the source snippet,
//! the labelled span, the code and rule name, the help text and a link to the rule's
//! documentation.
//!
//! Control characters in documents never reach the terminal: the snippet is rendered from a
//! copy of the text in which each control or bidirectional-override character is replaced by
//! a visible character of the same UTF-8 length, so every span still lines up.

use std::borrow::Cow;
use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{escape_control, Located};
use crate::lint::{find, Related, Severity};
use crate::source::{LineIndex, SourceFile, Span};

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
    /// Where `source`'s text starts in the document: labels are drawn at their offset less
    /// this.
    shift: usize,
}

/// A document's text as miette reads it: named, sanitised, with its line index.
///
/// miette finds a span's lines by scanning the text from its first byte, so drawing every
/// finding of a long document took time in the square of its length. Here its scan starts
/// at a line boundary a few lines before the span (found in the index), and the lines and
/// offsets it reports are shifted back: the result is the one a scan from the top gives,
/// but for the column, which is counted in characters (miette counts bytes) so that the
/// snippet's header agrees with the other reports.
///
/// The text may also be a window of whole lines cut from a document, `lines_before` line
/// breaks after its start ([`Window`]): offsets are then the window's own, and line
/// numbers the document's.
struct Snippets<'a> {
    name: &'a str,
    text: std::borrow::Cow<'a, str>,
    index: std::borrow::Cow<'a, LineIndex>,
    lines_before: usize,
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
            self.name.to_owned(),
            inner.data(),
            SourceSpan::new(offset.into(), inner.span().len()),
            inner.line() + shift + self.lines_before,
            column,
            inner.line_count() + shift + self.lines_before,
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
            (d.span.start.saturating_sub(self.shift), d.span.len()),
        );
        let related = d.related.iter().filter(|r| r.file == d.file).map(|r| {
            LabeledSpan::new_with_span(
                Some(escape_control(&r.message)),
                (r.span.start.saturating_sub(self.shift), r.span.len()),
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

/// Replaces characters that could drive a terminal by visible ones of equal UTF-8 length,
/// and a lone `\r` line break by `\n` (miette ends its snippet lines at `\n` only, and
/// would send the `\r` to the terminal); borrowed when there are none (invisible
/// characters and carriage returns, found by fast scans).
fn sanitize(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone_cr = |at: usize| bytes.get(at + 1) != Some(&b'\n');
    if crate::normalize::invisible_chars(text).next().is_none()
        && !memchr::memchr_iter(b'\r', bytes).any(lone_cr)
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut chars = text.chars().peekable();
    std::iter::from_fn(|| {
        let c = chars.next()?;
        Some(match c {
            '\r' if chars.peek() != Some(&'\n') => '\n',
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
    })
    .collect::<String>()
    .into()
}

/// What stands for the document's name in a drawing kept for other documents: a NUL,
/// which nothing else in a report can hold (messages are escaped, snippets sanitised).
const NAME: &str = "\0";

/// What marks a line number in a drawing kept for other documents (see [`renumbered`]):
/// U+0001 before its digits, which nothing else in a report can hold either.
const LINE_MARK: u8 = 1;

/// The line breaks a window is drawn as having before it, so that its drawing serves every
/// window of the same text whose line numbers have as many digits: miette numbers the lines
/// it shows from the window's line breaks before it to one more than that plus the breaks
/// in the window. When all of these have `d` digits, the window is drawn as if it had
/// 10^(d-1) breaks before it (none when `d` is 1) and the numbers are put right afterwards
/// ([`mark_line_numbers`], [`push_drawn`]); otherwise (`None`), with its own numbers.
///
/// Only the numbers change, for a finding with one label: with two, miette draws one
/// snippet or two depending on a sum of line numbers that the renumbering would change.
fn renumbered(window: &Window, raw: &str) -> Option<usize> {
    let digits = |n: usize| n.checked_ilog10().map_or(1, |log| log + 1);
    let bytes = raw.as_bytes();
    // Line breaks: every `\n` and `\r`, a `\r\n` counting once.
    let breaks = memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&at| bytes.get(at..at + 2) != Some(b"\r\n".as_slice()))
        .count();
    let lowest = window.lines_before;
    let highest = lowest + 1 + breaks;
    let d = digits(lowest);
    if digits(highest) != d {
        return None;
    }
    match d {
        1 => Some(0),
        _ => 10usize.checked_pow(d - 1),
    }
}

/// `drawn` (with the lines numbered as [`renumbered`] says) with [`LINE_MARK`] before
/// every line number: the one after the file's name in each snippet's header
/// (`[NAME:line:column]`), and the one opening each line of the snippet up to its closing
/// line, after miette's gutter padding and colour. Messages and help, the only other text
/// that can start a line with a digit, lie outside the snippets.
fn mark_line_numbers(drawn: &str) -> String {
    let mut out = String::with_capacity(drawn.len() + 32);
    let mut in_snippet = false;
    let named = format!("{NAME}:");
    for line in drawn.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let header = memchr::memmem::find(bytes, named.as_bytes()).map(|at| at + named.len());
        let number = match header {
            Some(at) => {
                in_snippet = true;
                Some(at)
            }
            None if in_snippet => {
                let gutter = gutter_number(bytes);
                // The snippet's closing line: its padding, then `╰`.
                if gutter.is_none() && line.trim_start_matches(' ').starts_with('\u{2570}') {
                    in_snippet = false;
                }
                gutter
            }
            None => None,
        };
        match number.and_then(|at| Some((line.get(..at)?, line.get(at..)?))) {
            Some((before, after)) => {
                out.push_str(before);
                out.push(char::from(LINE_MARK));
                out.push_str(after);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Where the line number of a snippet line starts: a space, miette's colour for it (an
/// escape sequence, when coloured), its padding, then digits.
fn gutter_number(line: &[u8]) -> Option<usize> {
    let mut at = usize::from(line.first() == Some(&b' '));
    if at == 0 {
        return None;
    }
    if line
        .get(at..)
        .is_some_and(|rest| rest.starts_with(b"\x1b["))
    {
        at += memchr::memchr(b'm', line.get(at..)?)? + 1;
    }
    at += line.get(at..)?.iter().take_while(|&&b| b == b' ').count();
    line.get(at).is_some_and(u8::is_ascii_digit).then_some(at)
}

/// Context lines miette draws around a label (its default).
const CONTEXT_LINES: usize = 1;

/// The whole lines of a document that drawing a finding reads: the context lines before
/// its first label to the context lines after its last (miette's scan stops at the line
/// break that ends the context; `drawing_a_window_is_drawing_the_whole_text` checks that
/// nothing outside is read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Window {
    start: usize,
    end: usize,
    /// Line breaks before `start`.
    lines_before: usize,
}

impl Window {
    /// The window holding `spans` (`None` if one is not within the text).
    fn around(source: &SourceFile, spans: impl Iterator<Item = Span>) -> Option<Window> {
        let len = source.text.len();
        let (mut low, mut high) = (usize::MAX, 0);
        for span in spans {
            if span.end > len || span.start > span.end {
                return None;
            }
            low = low.min(span.start);
            high = high.max(span.end);
        }
        let index = &source.line_index;
        let first = index
            .line(low.min(len))
            .saturating_sub(CONTEXT_LINES)
            .max(1);
        let start = index.line_start(first)?;
        let end = index
            .line_start(index.line(high) + CONTEXT_LINES + 2)
            .unwrap_or(len);
        Some(Window {
            start,
            end,
            lines_before: first - 1,
        })
    }
}

/// The most bytes between the lines of a finding's own span and those of a related place in
/// its file, context lines included, for the place to be drawn with it. A finding is
/// drawn from one window of the text holding all its labels, and miette draws every line
/// between two labels whose contexts it joins, so a place far away (a cookie declared again
/// thousands of rows after its first declaration) would make each such finding cost, and
/// draw, the whole text between them: a report of many of them quadratic.
const NEAR_BYTES: usize = DRAWABLE_BYTES;

/// `located` without the related places in its own file that are not within
/// [`NEAR_BYTES`] of its span, and those places: they are named in the help instead, as
/// the places in other files are.
fn near_labels<'l>(source: &SourceFile, located: &'l Located) -> (Cow<'l, Located>, Vec<Related>) {
    let d = &located.diagnostic;
    let near = |r: &Related| {
        r.file != d.file
            || Window::around(source, [d.span, r.span].into_iter())
                .is_some_and(|w| w.end - w.start <= NEAR_BYTES)
    };
    if d.related.iter().all(near) {
        return (Cow::Borrowed(located), Vec::new());
    }
    let mut trimmed = located.clone();
    let (kept, far) = trimmed.diagnostic.related.drain(..).partition(|r| near(r));
    trimmed.diagnostic.related = kept;
    (Cow::Owned(trimmed), far)
}

/// The spans a finding labels in its own file, each with its related message (none: the
/// finding's own span, labelled with its message).
fn labelled(d: &crate::lint::Diagnostic) -> impl Iterator<Item = (Span, Option<&str>)> + '_ {
    std::iter::once((d.span, None)).chain(
        d.related
            .iter()
            .filter(|r| r.file == d.file)
            .map(|r| (r.span, Some(r.message.as_str()))),
    )
}

/// Renders the diagnostics of one file (all must belong to `source`).
///
/// A finding is drawn from the few lines around its labels ([`Window`]), under a stand-in
/// for the file's name: the drawing depends only on those lines, their line numbers and the
/// finding's messages and spans within them, so it is drawn once per thread and reused for
/// every finding described alike (a corpus repeats a template's lines, and its findings,
/// file after file).
pub fn human(source: &SourceFile, diagnostics: &[Located], options: HumanOptions) -> String {
    let name = escape_control(&source.path);
    let handlers = Handlers::new(options, true);
    let mut whole = None;
    let mut out = String::new();
    let mut description = String::new();
    for located in diagnostics {
        let (located, far) = near_labels(source, located);
        let located = located.as_ref();
        let d = &located.diagnostic;
        // Decided before the finding is described (the description holds its lines).
        let spans = labelled(d).map(|(span, _)| span);
        if !within_drawable_bytes(&source.line_index, source.text.len(), spans, 0) {
            out.push_str(&super::concise_line(located));
            out.push('\n');
            continue;
        }
        let (message, help) = texts(d, &far);
        let draw_from = |snippets: &Snippets<'_>, shift: usize| {
            draw(&handlers, located, (&message, &help), snippets, shift)
        };
        let drawn = match Window::around(source, labelled(d).map(|(span, _)| span)) {
            Some(window) => {
                let raw = source
                    .text
                    .get(window.start..window.end)
                    .unwrap_or_default();
                // miette decides whether two labels share a snippet from their line
                // numbers (see `renumbered`): only a finding with one label is renumbered.
                let renumber = labelled(d)
                    .nth(1)
                    .is_none()
                    .then(|| renumbered(&window, raw))
                    .flatten();
                let drawn_window = Window {
                    lines_before: renumber.unwrap_or(window.lines_before),
                    ..window
                };
                describe(
                    &mut description,
                    options,
                    drawn_window,
                    raw,
                    d,
                    &message,
                    &help,
                );
                description.push(if renumber.is_some() { '#' } else { '=' });
                crate::memo::drawing(&description, || {
                    let snippets = Snippets {
                        name: NAME,
                        text: sanitize(raw),
                        index: std::borrow::Cow::Owned(LineIndex::new(raw)),
                        lines_before: drawn_window.lines_before,
                    };
                    let drawn = draw_from(&snippets, window.start)?;
                    Some(match renumber {
                        Some(_) => mark_line_numbers(&drawn).into(),
                        None => drawn.into(),
                    })
                })
                .map(|drawn| {
                    let shift = window.lines_before - drawn_window.lines_before;
                    push_drawn(&mut out, &drawn, &name, shift);
                })
            }
            // A span past the end of the text: miette says so, with the offsets.
            None => {
                let text = whole.get_or_insert_with(|| sanitize(&source.text));
                let snippets = Snippets {
                    name: &name,
                    text: std::borrow::Cow::Borrowed(text),
                    index: std::borrow::Cow::Borrowed(&source.line_index),
                    lines_before: 0,
                };
                draw_from(&snippets, 0).map(|drawn| out.push_str(&drawn))
            }
        };
        if drawn.is_none() {
            out.push_str(&super::concise_line(located));
        }
        out.push('\n');
    }
    out
}

/// The handlers findings are drawn with.
struct Handlers {
    /// Wraps the message and help at the report's width.
    wrapping: GraphicalReportHandler,
    /// Does not wrap: used when wrapping would leave the message and help as they are
    /// (see [`unchanged_by_wrapping`]), which spares finding and fitting their words.
    unwrapped: Option<GraphicalReportHandler>,
    width: usize,
}

impl Handlers {
    /// The handlers for `options`; `unwrapped` is only ever the wrapping handler when
    /// `shortcut` is false.
    fn new(options: HumanOptions, shortcut: bool) -> Handlers {
        let wrapping = handler(options);
        Handlers {
            unwrapped: shortcut.then(|| wrapping.clone().with_wrap_lines(false)),
            wrapping,
            width: options.width,
        }
    }

    /// The handler for a finding with this message and help.
    fn for_texts(&self, message: &str, help: Option<&str>) -> &GraphicalReportHandler {
        let unchanged = |text: &str| unchanged_by_wrapping(text, self.width);
        match &self.unwrapped {
            Some(unwrapped) if unchanged(message) && help.is_none_or(unchanged) => unwrapped,
            _ => &self.wrapping,
        }
    }
}

/// The widest indent miette puts before a wrapped line of a finding (`  help: `).
const WRAP_INDENT: usize = 8;

/// Whether the report's wrapping (at `width`, after an indent of at most [`WRAP_INDENT`]
/// columns) leaves every line of `text` as it is: each line is short enough never to reach
/// the edge (its bytes bound its columns: a character two columns wide takes three bytes
/// or more), and none is empty, starts or ends with whitespace, or holds a control
/// character, which wrapping would trim, indent differently or measure otherwise.
fn unchanged_by_wrapping(text: &str, width: usize) -> bool {
    text.split('\n').all(|line| {
        WRAP_INDENT + line.len() + 4 <= width
            && !line.is_empty()
            && !line.starts_with(char::is_whitespace)
            && !line.ends_with(char::is_whitespace)
            && !line.chars().any(char::is_control)
    })
}

/// The report handler drawing findings with `options`.
fn handler(options: HumanOptions) -> GraphicalReportHandler {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines wrap at spaces, never after a hyphen or a slash: URLs, paths and cookie names
    // stay whole unless one alone is wider than a line (finding the Unicode line-break
    // opportunities of every message also cost more than the rest of the report).
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// `located` drawn from `snippets` (whose text starts at `shift` in the document), with
/// its message and help as [`texts`] gives them; `None` if miette could not draw it.
fn draw(
    handlers: &Handlers,
    located: &Located,
    (message, help): (&str, &Option<String>),
    snippets: &Snippets<'_>,
    shift: usize,
) -> Option<String> {
    let labels = || labelled(&located.diagnostic).map(|(span, _)| span);
    if !within_drawable_bytes(&snippets.index, snippets.text.len(), labels(), shift)
        || !within_drawable_columns(snippets, labels(), shift)
    {
        return None;
    }
    let handler = handlers.for_texts(message, help.as_deref());
    let report = Report {
        located,
        message: message.to_owned(),
        help: help.clone(),
        source: snippets,
        shift,
    };
    let mut drawn = String::new();
    handler.render_report(&mut drawn, &report).ok()?;
    Some(drawn)
}

/// The most bytes of lines a finding is drawn with, for each of its labels: its lines and
/// their context lines. Each drawing shows its lines whole, so the findings along one
/// long line, drawn each with the whole line, would make a report quadratic in the line
/// (100,000 findings on a line of 700 KB: gigabytes); such findings get concise lines.
const DRAWABLE_BYTES: usize = 8 << 10;

/// Whether the lines drawn for each of `spans` (at their offset less `shift` in a text of
/// `len` bytes indexed by `index`), context lines included, hold at most
/// [`DRAWABLE_BYTES`]. The same for a [`Window`] as for the whole text: a window holds
/// those lines whole.
fn within_drawable_bytes(
    index: &LineIndex,
    len: usize,
    mut spans: impl Iterator<Item = Span>,
    shift: usize,
) -> bool {
    spans.all(|span| {
        let first = index
            .line(span.start.saturating_sub(shift).min(len))
            .saturating_sub(CONTEXT_LINES)
            .max(1);
        let last = index.line(span.end.saturating_sub(shift).min(len)) + CONTEXT_LINES;
        let start = index.line_start(first).unwrap_or(0);
        let end = index.line_start(last + 1).unwrap_or(len);
        end.saturating_sub(start) <= DRAWABLE_BYTES
    })
}

/// The farthest column along its line at which miette can draw a label: it pads the
/// underline with a formatting width, and Rust panics on one past `u16::MAX`.
const DRAWABLE_COLUMNS: usize = u16::MAX as usize - 1;

/// Whether both ends of each of `spans` (at their offset less `shift` in `snippets`) are
/// within [`DRAWABLE_COLUMNS`] of their line's start, bounded from above: a tab takes at
/// most 4 columns, a character beyond ASCII at most 2 (and 2 bytes or more).
fn within_drawable_columns(
    snippets: &Snippets<'_>,
    mut spans: impl Iterator<Item = Span>,
    shift: usize,
) -> bool {
    let near = |at: usize| {
        let at = at.saturating_sub(shift);
        let line_start = snippets
            .index
            .line_start(snippets.index.line(at))
            .unwrap_or(0);
        let before = snippets.text.get(line_start..at).unwrap_or_default();
        before.len() <= DRAWABLE_COLUMNS / 4
            || before
                .chars()
                .map(|c| match c {
                    '\t' => 4,
                    c if c.is_ascii() => 1,
                    _ => 2,
                })
                .sum::<usize>()
                <= DRAWABLE_COLUMNS
    };
    spans.all(|span| near(span.start) && near(span.end))
}

/// Appends `drawn` to `out`, with the stand-in for the file's name replaced by `name` and
/// every marked line number (see [`mark_line_numbers`]) moved on by `shift` lines, which
/// keeps its number of digits (see [`renumbered`]).
fn push_drawn(out: &mut String, drawn: &str, name: &str, shift: usize) {
    let mut from = 0;
    let bytes = drawn.as_bytes();
    for at in memchr::memchr2_iter(0, LINE_MARK, bytes) {
        out.push_str(drawn.get(from..at).unwrap_or_default());
        if bytes.get(at) == Some(&0) {
            out.push_str(name);
            from = at + NAME.len();
            continue;
        }
        let digits = bytes
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let number = drawn
            .get(at + 1..at + 1 + digits)
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        out.push_str(itoa::Buffer::new().format(number + shift));
        from = at + 1 + digits;
    }
    out.push_str(drawn.get(from..).unwrap_or_default());
}

/// [`human`] the plain way: each finding drawn from the whole text under the file's own
/// name, nothing remembered. What [`human`] gives must be exactly this; tests and fuzz
/// targets check it.
pub fn human_from_whole_text(
    source: &SourceFile,
    diagnostics: &[Located],
    options: HumanOptions,
) -> String {
    let name = escape_control(&source.path);
    // Always wrapped: the reference for the shortcut too.
    let handlers = Handlers::new(options, false);
    let snippets = Snippets {
        name: &name,
        text: sanitize(&source.text),
        index: std::borrow::Cow::Borrowed(&source.line_index),
        lines_before: 0,
    };
    let mut out = String::new();
    for located in diagnostics {
        let (located, far) = near_labels(source, located);
        let located = located.as_ref();
        let (message, help) = texts(&located.diagnostic, &far);
        match draw(&handlers, located, (&message, &help), &snippets, 0) {
            Some(drawn) => out.push_str(&drawn),
            None => out.push_str(&super::concise_line(located)),
        }
        out.push('\n');
    }
    out
}

/// A finding's message and help as drawn: escaped, with the places it names in other
/// files, and then the places in its own file too far away to be drawn with it (`far`),
/// appended to the help.
fn texts(d: &crate::lint::Diagnostic, far: &[Related]) -> (String, Option<String>) {
    let mut help = d.help.as_deref().map(escape_control);
    let elsewhere: Vec<String> = d
        .related
        .iter()
        .filter(|r| r.file != d.file)
        .chain(far)
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
    (escape_control(&d.message), help)
}

/// Writes into `description` everything the drawing of `d` from `window` (whose text is
/// `raw`) depends on, each field with its length so that no two differ only in where one
/// ends.
fn describe(
    description: &mut String,
    options: HumanOptions,
    window: Window,
    raw: &str,
    d: &crate::lint::Diagnostic,
    message: &str,
    help: &Option<String>,
) {
    let number = |description: &mut String, n: usize| {
        description.push_str(itoa::Buffer::new().format(n));
        description.push(',');
    };
    let field = |description: &mut String, text: &str| {
        description.push_str(itoa::Buffer::new().format(text.len()));
        description.push(':');
        description.push_str(text);
    };
    description.clear();
    number(description, usize::from(options.color));
    number(description, options.width);
    number(description, window.lines_before);
    field(description, raw);
    field(description, d.code);
    field(description, d.rule);
    number(description, d.severity as usize);
    field(description, message);
    match help {
        Some(help) => field(description, help),
        None => description.push('-'),
    }
    for (span, label) in labelled(d) {
        number(description, span.start - window.start);
        number(description, span.len());
        if let Some(label) = label {
            field(description, label);
        }
    }
}

#[cfg(test)]
mod tests;
