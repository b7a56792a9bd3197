//! The Markdown front end, on pulldown-cmark's offset iterator.
//!
//! pulldown-cmark finds the block structure (headings, paragraphs, code blocks, HTML,
//! containers). Paragraph content is reduced to its source lines, so that tab- and
//! pipe-separated rows inside paragraphs go through the same line grammar as plain text.
//! GFM tables are deliberately not enabled: pipe tables stay paragraph lines and are read by
//! the shared table grammar, which also accepts the broken variants GFM rejects.
//!
//! Line text is taken from the source, not from rendered events, so placeholders such as
//! `SSESS<ID>` (which CommonMark reads as inline HTML) are kept as written. Beside the lines,
//! the inline events that show other text than their source (escapes, code spans, links,
//! entities, `<br>`) are listed as [`Inline`]s, from which a table cell's text is shown as a
//! reader sees it.

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::{HeadingBlock, HeadingMarkup, Inline, Item, Problem, Shown};
use crate::source::{lines, SourceFile, Span};
use crate::vocab::Extra;

/// Whether `text` shows unambiguous Markdown markup: ATX or setext headings, fenced code,
/// links, HTML comments or strong emphasis (`**` opening before a word and closed on the
/// same line: a lone `**`, a footnote's mark in a plain text, is no sign).
pub(crate) fn has_markdown_signals(text: &str) -> bool {
    // Strong emphasis and a link's `](` hold no line break: one search of the whole text
    // each instead of one per line (most texts have neither).
    use memchr::memmem::Finder;
    // Their searchers are built once per process.
    static NEEDLES: std::sync::OnceLock<[Finder<'static>; 2]> = std::sync::OnceLock::new();
    let [strong, link] = NEEDLES.get_or_init(|| [Finder::new(b"**"), Finder::new(b"](")]);
    if has_strong_emphasis(text.as_bytes(), strong) {
        return true;
    }
    let links = link.find(text.as_bytes()).is_some();
    let mut previous_was_text = false;
    for span in lines(text) {
        let line = span.slice(text);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
            if (1..=6).contains(&hashes)
                && trimmed
                    .as_bytes()
                    .get(hashes)
                    .is_some_and(|b| *b == b' ' || *b == b'\t')
            {
                return true;
            }
            let underline = trimmed.trim_end();
            if previous_was_text
                && underline.len() >= 3
                && (underline.bytes().all(|b| b == b'=') || underline.bytes().all(|b| b == b'-'))
            {
                return true;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("<!--") {
                return true;
            }
        }
        if links && line.contains("](") && line.contains('[') {
            return true;
        }
        previous_was_text = !trimmed.is_empty();
    }
    false
}

/// Whether `bytes` hold `**`, then a character that is not a blank, then `**` again on the
/// same line. Linear: when an opening finds no closing before its line ends, no later
/// opening on that line can, so the search goes on from the next line.
fn has_strong_emphasis(bytes: &[u8], strong: &memchr::memmem::Finder<'_>) -> bool {
    let mut from = 0;
    while let Some(found) = bytes.get(from..).and_then(|rest| strong.find(rest)) {
        let open = from + found;
        let opens_word = bytes
            .get(open + 2)
            .is_some_and(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        if !opens_word {
            from = open + 2;
            continue;
        }
        let line_end = memchr::memchr2(b'\n', b'\r', bytes.get(open..).unwrap_or_default())
            .map_or(bytes.len(), |end| open + end);
        let line_rest = bytes.get(open + 3..line_end).unwrap_or_default();
        if strong.find(line_rest).is_some() {
            return true;
        }
        from = line_end;
    }
    false
}

/// Adds an inline event's range to the heading being read, or else to the current line. An
/// event whose text crosses line breaks (a code span or inline HTML spanning two table
/// rows) is cut at them, and so is the source between the current line and the event when
/// it crosses one that no event marks (a link destination, title or reference label
/// continued on the next line, which has no event of its own), so every source line stays
/// its own line.
fn extend(
    heading: &mut Option<(Span, HeadingLevel, Option<Span>)>,
    line: &mut LineBuilder,
    range: std::ops::Range<usize>,
    text: &str,
    out: &mut Vec<Item>,
) {
    if let Some((_, _, inner)) = heading.as_mut() {
        let span = Span::new(range.start, range.end);
        *inner = Some(inner.map_or(span, |s| s.cover(span)));
        return;
    }
    if let Some(current) = line.current {
        let gap = Span::new(current.end, range.start.max(current.end));
        if gap.slice(text).contains(['\n', '\r']) {
            add_lines(line, gap, text, out);
        }
    }
    add_lines(line, Span::new(range.start, range.end), text, out);
}

/// Adds the source at `span` to the current line, ending the line at each line break in it.
/// A line after a break starts after its block-quote markers, as pulldown-cmark's own
/// lines do.
fn add_lines(line: &mut LineBuilder, span: Span, text: &str, out: &mut Vec<Item>) {
    let mut pieces = lines(span.slice(text)).peekable();
    if pieces.peek().is_none() {
        line.extend(span.start..span.end);
        return;
    }
    let mut first = true;
    while let Some(piece) = pieces.next() {
        let mut piece = piece.offset(span.start);
        if !first {
            piece.start = piece.end - without_quote_markers(piece.slice(text)).len();
        }
        first = false;
        line.extend(piece.start..piece.end);
        let ends_line = pieces.peek().is_some() || span.slice(text).ends_with(['\n', '\r']);
        if ends_line {
            line.flush(text, out);
        }
    }
}

/// `line` without the block-quote markers that open it (`>`, each after at most three
/// spaces of indentation). Inside a paragraph, a line whose `>` is indented so little
/// would start a block quote, so such a `>` is always a container's marker.
pub(crate) fn without_quote_markers(line: &str) -> &str {
    let mut rest = line;
    loop {
        let unindented = rest.trim_start_matches([' ', '\t']);
        let indent = rest.len() - unindented.len();
        match unindented.strip_prefix('>') {
            Some(after) if indent <= 3 => rest = after,
            _ => return rest,
        }
    }
}

/// Collects the line currently being built from inline events.
struct LineBuilder {
    current: Option<Span>,
}

impl LineBuilder {
    fn extend(&mut self, range: std::ops::Range<usize>) {
        let span = Span::new(range.start, range.end);
        self.current = Some(self.current.map_or(span, |c| c.cover(span)));
    }

    fn flush(&mut self, text: &str, out: &mut Vec<Item>) {
        if let Some(span) = self.current.take() {
            let span = with_opening_escape(text, span.trim(text));
            if !span.is_empty() {
                out.push(Item::Line(span));
            }
        }
    }
}

/// A line as written when it opens with a backslash escape: pulldown-cmark starts the escaped
/// character's text after the backslash, which would turn `\| carte) |` (the continuation of
/// a broken pipe row) into a row of its own. Escapes inside a line are already kept.
fn with_opening_escape(text: &str, span: Span) -> Span {
    let escaped = text
        .get(..span.start)
        .is_some_and(|before| before.ends_with('\\'));
    if escaped {
        Span::new(span.start.saturating_sub(1), span.end)
    } else {
        span
    }
}

/// Lists the inline events of paragraphs that show other text than their source.
#[derive(Default)]
struct Inlines {
    out: Vec<Inline>,
    /// The end of the last text event: a backslash right before a text event is an escape's
    /// unless it ends the text before (a backslash ends no other event).
    text_end: usize,
    /// The links and images open: each one's range and the end of what it shows so far
    /// (`None`: an autolink, shown as written like a URL in angle brackets elsewhere).
    links: Vec<Option<(std::ops::Range<usize>, usize)>>,
}

impl Inlines {
    /// An event inside a paragraph ends at `end`: what an open link shows goes on to there.
    fn inside(&mut self, end: usize) {
        if let Some(Some((_, shown_end))) = self.links.last_mut() {
            *shown_end = (*shown_end).max(end);
        }
    }

    /// An inline container opens.
    fn open(&mut self, tag: &Tag<'_>, range: &std::ops::Range<usize>) {
        match tag {
            Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            } => self.links.push(None),
            Tag::Link { .. } => self.open_link(range, 1),
            Tag::Image { .. } => self.open_link(range, 2),
            _ => self.inside(range.end),
        }
    }

    /// An inline container closes.
    fn close(&mut self, tag: &TagEnd, range: &std::ops::Range<usize>) {
        if matches!(tag, TagEnd::Link | TagEnd::Image) {
            if let Some(Some((link, shown_end))) = self.links.pop() {
                self.push(shown_end..link.end, link.clone(), Shown::Closing);
            }
        }
        self.inside(range.end);
    }

    /// Inline HTML: `<br>` is a line break.
    fn html(&mut self, html: &str, range: &std::ops::Range<usize>) {
        if is_line_break(html) {
            self.push(range.clone(), range.clone(), Shown::LineBreak);
        } else if let Some(closing) = super::html::inline_tag(html) {
            // `<code>`, `</b>`...: a reader sees the content only, as in an HTML cell.
            let shown = match closing {
                true => Shown::Closing,
                false => Shown::Opening,
            };
            self.push(range.clone(), range.clone(), shown);
        }
        self.inside(range.end);
    }

    /// A link or image whose opening delimiter (`[`, `![`) is `opening` bytes long.
    fn open_link(&mut self, range: &std::ops::Range<usize>, opening: usize) {
        let shown_start = (range.start + opening).min(range.end);
        self.push(range.start..shown_start, range.clone(), Shown::Opening);
        self.links.push(Some((range.clone(), shown_start)));
    }

    /// A text event: after an escape's backslash, or a decoded entity.
    fn text(&mut self, text: &str, shown: &str, range: &std::ops::Range<usize>) {
        self.inside(range.end);
        let bytes = text.as_bytes();
        let first = bytes.get(range.start).copied().unwrap_or(0);
        let after_backslash = range.start > self.text_end
            && range
                .start
                .checked_sub(1)
                .and_then(|at| bytes.get(at))
                .is_some_and(|&b| b == b'\\');
        self.text_end = range.end;
        if after_backslash
            && first.is_ascii_punctuation()
            && shown.as_bytes().first() == Some(&first)
        {
            let backslash = range.start - 1;
            self.push(
                backslash..range.start,
                backslash..range.start + 1,
                Shown::Opening,
            );
        } else if first == b'&' {
            let source = text.get(range.clone()).unwrap_or("");
            if source.len() > 2 && source.ends_with(';') && shown != source {
                // A numeric entity may stand for a line break, which a reader sees as a
                // space.
                let shown = shown.replace(['\n', '\r'], " ");
                self.push(range.clone(), range.clone(), Shown::Text(shown.into()));
            }
        }
    }

    /// A code span: its delimiters (and the space inside each, when stripped) show nothing.
    fn code(&mut self, text: &str, code: &CowStr<'_>, range: &std::ops::Range<usize>) {
        self.inside(range.end);
        let source = text.get(range.clone()).unwrap_or("");
        let ticks = source.bytes().take_while(|&b| b == b'`').count();
        let inner = source.get(ticks..source.len().saturating_sub(ticks));
        let strip = match inner {
            Some(inner) if inner == &**code => Some(ticks),
            Some(inner) if inner.len() >= 2 && inner.get(1..inner.len() - 1) == Some(&**code) => {
                Some(ticks + 1)
            }
            _ => None,
        };
        match strip {
            Some(strip) => {
                let (open, close) = (range.start + strip, range.end - strip);
                self.push(range.start..open, range.clone(), Shown::Opening);
                self.push(close..range.end, range.clone(), Shown::Closing);
            }
            None => {
                // Line endings inside the span became spaces: show its content whole.
                self.push(
                    range.clone(),
                    range.clone(),
                    Shown::Text(code.as_ref().into()),
                );
            }
        }
    }

    fn push(
        &mut self,
        span: std::ops::Range<usize>,
        construct: std::ops::Range<usize>,
        shown: Shown,
    ) {
        self.out.push(Inline {
            span: Span::new(span.start, span.end),
            construct: Span::new(construct.start, construct.end),
            shown,
        });
    }

    /// The list, ordered by position.
    fn finish(mut self) -> Vec<Inline> {
        if !self.out.is_sorted_by_key(|i| i.span.start) {
            self.out.sort_by_key(|i| i.span.start);
        }
        self.out
    }
}

/// `text` with each carriage return that no line feed follows written as a line feed, for
/// pulldown-cmark to parse. It ends the lines of an HTML block at line feeds only, so with
/// lone carriage returns (old Mac line endings) an HTML block, a suppression comment
/// included, ran over the blank line after it and hid the rest of the document. One byte
/// stands for one, so every offset it gives is the source's.
fn lone_returns_as_line_feeds(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |at: usize| bytes.get(at + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in memchr::memchr_iter(b'\r', bytes).filter(|&at| lone(at)) {
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push('\n');
        from = at + 1;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    std::borrow::Cow::Owned(out)
}

/// Whether inline HTML is a line break: `<br>`, `<br/>` or `<br />`, in any case.
fn is_line_break(html: &str) -> bool {
    let opens = html
        .get(..3)
        .is_some_and(|open| open.eq_ignore_ascii_case("<br"));
    let tail = html
        .get(3..)
        .unwrap_or("")
        .trim_start_matches([' ', '\t', '\n', '\r']);
    opens && matches!(tail, ">" | "/>")
}

/// The items of a Markdown document, the inline markup of its paragraphs and HTML table
/// cells that shows other text than its source, and what a reader would not expect of the
/// Markdown (a table indented into a code block, an HTML table not read whole).
pub(crate) fn items(
    source: &SourceFile,
    vocabulary: Option<&Extra>,
) -> (Vec<Item>, Vec<Inline>, Vec<Problem>) {
    let text = source.text.as_str();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut inlines = Inlines::default();
    let mut line = LineBuilder { current: None };
    let mut heading: Option<(Span, HeadingLevel, Option<Span>)> = None;
    let mut code_depth = 0usize;
    let mut html_opens = false;
    let parsed = lone_returns_as_line_feeds(text);
    for (event, range) in Parser::new_ext(&parsed, Options::empty()).into_offset_iter() {
        if code_depth > 0 {
            if let Event::End(TagEnd::CodeBlock) = event {
                code_depth -= 1;
            }
            continue;
        }
        // Headings are not table cells: their inline markup is not listed.
        let inline = heading.is_none();
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                line.flush(text, &mut out);
                heading = Some((Span::new(range.start, range.end), level, None));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((span, level, inner)) = heading.take() {
                    out.push(Item::Heading(heading_block(text, span, level, inner)));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                line.flush(text, &mut out);
                code_depth += 1;
                let block = Span::new(range.start, range.end);
                if matches!(kind, CodeBlockKind::Indented)
                    && rows_after_separator(text, &out, block)
                {
                    give_back_rows(text, block, &mut out);
                    continue;
                }
                out.push(Item::Break);
                if matches!(kind, CodeBlockKind::Indented) {
                    let block = Span::new(range.start, range.end);
                    problems.extend(
                        indented_table(text, block)
                            .or_else(|| super::html::indented_rows(text, block)),
                    );
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                line.flush(text, &mut out);
                html_opens = true;
            }
            // Read by `html::tables` below: a table, a comment or a break.
            Event::Html(_) => {
                line.flush(text, &mut out);
                let opens = std::mem::take(&mut html_opens);
                out.push(Item::Html {
                    line: Span::new(range.start, range.end),
                    opens,
                });
            }
            Event::Rule => {
                line.flush(text, &mut out);
                let span = Span::new(range.start, range.end).trim(text);
                let rule = span.slice(text);
                // A dashed separator row with tabs parses as a thematic break; give it back
                // to the table grammar.
                if rule.contains('\t') || rule.contains('|') {
                    out.push(Item::Line(span));
                } else {
                    out.push(Item::Break);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                inlines.inside(range.end);
                if let Some((_, _, inner)) = heading.as_mut() {
                    let span = Span::new(range.start, range.end);
                    *inner = Some(inner.map_or(span, |s| s.cover(span)));
                } else {
                    line.flush(text, &mut out);
                }
            }
            // An inline container's range spans the whole element, possibly several lines:
            // only its opening (or closing) position belongs to the current line.
            Event::Start(
                ref tag @ (Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }),
            ) => {
                if inline {
                    inlines.open(tag, &range);
                }
                extend(
                    &mut heading,
                    &mut line,
                    range.start..range.start,
                    text,
                    &mut out,
                )
            }
            Event::End(
                ref tag @ (TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image),
            ) => {
                if inline {
                    inlines.close(tag, &range);
                }
                extend(
                    &mut heading,
                    &mut line,
                    range.end..range.end,
                    text,
                    &mut out,
                )
            }
            Event::Text(ref shown) => {
                if inline {
                    inlines.text(text, shown, &range);
                }
                extend(&mut heading, &mut line, range, text, &mut out)
            }
            Event::Code(ref code) => {
                if inline {
                    inlines.code(text, code, &range);
                }
                extend(&mut heading, &mut line, range, text, &mut out)
            }
            Event::InlineHtml(ref html) => {
                if inline {
                    inlines.html(html, &range);
                }
                extend(&mut heading, &mut line, range, text, &mut out)
            }
            Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => extend(&mut heading, &mut line, range, text, &mut out),
            _ => line.flush(text, &mut out),
        }
    }
    line.flush(text, &mut out);
    // Most documents hold no HTML block: their items need no second pass.
    if out.iter().any(|item| matches!(item, Item::Html { .. })) {
        let (tabled, cells, html_problems) = super::html::tables(text, out, vocabulary);
        out = tabled;
        inlines.out.extend(cells);
        problems.extend(html_problems);
    }
    (merge_blank_lines(source, out), inlines.finish(), problems)
}

/// Whether the indented code block at `block` holds the rows of a tab table whose dashed
/// separator row was just given back to the table grammar (a thematic break in Markdown,
/// see `Event::Rule`): a row right under the separator whose first cell is empty starts
/// with a tab, which Markdown reads as a code block's indentation after a thematic break.
/// Its first line must be a tab row (a tab after its first characters) on the line right
/// after the separator.
fn rows_after_separator(text: &str, out: &[Item], block: Span) -> bool {
    let Some(Item::Line(separator)) = out.last() else {
        return false;
    };
    let separator_text = separator.slice(text);
    let is_separator = separator_text.contains('\t')
        && separator_text
            .bytes()
            .all(|b| matches!(b, b'-' | b':' | b'\t' | b' ' | b'|'));
    // One line break, then the indentation of the row.
    let between = text.get(separator.end..block.start).unwrap_or_default();
    let indentation = ["\r\n", "\n", "\r"]
        .iter()
        .find_map(|end| between.strip_prefix(end));
    let next_line = indentation.is_some_and(|i| i.trim_matches([' ', '\t']).is_empty());
    let first_row = lines(block.slice(text)).next().is_some_and(|line| {
        let raw = line.slice(block.slice(text));
        raw.trim().contains('\t')
    });
    is_separator && next_line && first_row
}

/// Gives the tab rows opening the indented code block at `block` back as lines, each from
/// its first character after its block-quote markers and indentation: the table grammar
/// reads the tab before it (see [`rows_after_separator`]). The block stays code from its
/// first blank line or line that is not a tab row on (an indented block can run over blank
/// lines: what follows them is code, as Markdown shows it).
fn give_back_rows(text: &str, block: Span, out: &mut Vec<Item>) {
    for (n, piece) in lines(block.slice(text)).enumerate() {
        let piece = piece.offset(block.start);
        let raw = piece.slice(text);
        // The first line's range starts at its content; the others at the line's start.
        let unquoted = if n == 0 {
            raw
        } else {
            without_quote_markers(raw)
        };
        let content = unquoted
            .trim_start_matches([' ', '\t'])
            .trim_end_matches(['\r', '\n']);
        if content.trim().is_empty() || !content.trim().contains('\t') {
            out.push(Item::Break);
            return;
        }
        let start = piece.start + (raw.len() - unquoted.trim_start_matches([' ', '\t']).len());
        out.push(Item::Line(Span::new(start, start + content.len())));
    }
}

/// Fewest rows that make an indented code block a table (a header and one row).
const INDENTED_TABLE_ROWS: usize = 2;

/// A problem at the first row of the indented code block at `block` when its lines are
/// table rows (two cells or more, between tabs or pipes): indented by four spaces (or a
/// tab), a table is a code block in Markdown, shown as code, and its cookies are not read.
/// Fenced code is left alone: fencing a table is a deliberate choice.
fn indented_table(text: &str, block: Span) -> Option<Problem> {
    let block_text = block.slice(text);
    let mut rows = lines(block_text).filter_map(|line| {
        let raw = line.slice(block_text);
        let row = raw.trim();
        let cells = if row.contains('\t') {
            row.split('\t').filter(|c| !c.trim().is_empty()).count()
        } else {
            row.trim_matches('|').split('|').count()
        };
        let start = block.start + line.start + (raw.len() - raw.trim_start().len());
        (cells >= 2).then(|| Span::new(start, start + row.len()))
    });
    let first = rows.next()?;
    if rows.count() + 1 < INDENTED_TABLE_ROWS {
        return None;
    }
    Some(Problem {
        span: first,
        message: "this table is indented by four spaces or more, so Markdown shows it as a code block and its cookies are not read; remove the indentation".into(),
    })
}

fn heading_block(text: &str, span: Span, level: HeadingLevel, inner: Option<Span>) -> HeadingBlock {
    let span = span.trim(text);
    let markup = if span.slice(text).starts_with('#') {
        HeadingMarkup::Atx
    } else {
        HeadingMarkup::Setext
    };
    // The text starts at its backslash when it opens with an escape (`## \\Cookies`).
    let mut text_span = inner.map_or(Span::empty(span.start), |s| {
        with_opening_escape(text, s.trim(text))
    });
    if markup == HeadingMarkup::Atx {
        text_span = without_closing_hashes(text, text_span, span.end);
    }
    let level = match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    };
    HeadingBlock {
        span,
        text: text_span,
        level: Some(level),
        markup,
        numbering: None,
    }
}

/// The text of an ATX heading (`inner`, ending its line at `line_end`) without a closing
/// sequence left in it.
///
/// CommonMark ends an ATX heading's text before an optional closing run of `#`s preceded by
/// a space or tab and followed only by spaces or tabs; pulldown-cmark 0.13 keeps the run in
/// the text when a tab follows it (`# Cookie Policy #\t`). Only a run ending the line is
/// removed; an escaped `\#` is not preceded by a space or tab, so it stays.
fn without_closing_hashes(text: &str, inner: Span, line_end: usize) -> Span {
    let heading = inner.slice(text);
    let open = heading.trim_end_matches('#');
    let after = Span::new(inner.end, line_end).slice(text);
    if open.len() == heading.len() || !after.trim().is_empty() {
        return inner;
    }
    let run_start = inner.start + open.len();
    let spaced = text
        .get(..run_start)
        .and_then(|before| before.chars().next_back())
        .is_some_and(|c| c == ' ' || c == '\t');
    if spaced {
        Span::new(inner.start, run_start).trim(text)
    } else {
        inner
    }
}

/// Inserts a [`Item::Blank`] for every blank source line, in source order.
fn merge_blank_lines(source: &SourceFile, items: Vec<Item>) -> Vec<Item> {
    let text = source.text.as_str();
    let mut blanks = source
        .lines()
        .filter(|span| span.slice(text).trim().is_empty())
        .peekable();
    let mut out = Vec::with_capacity(items.len() * 2);
    for item in items {
        let start = match &item {
            Item::Line(s) | Item::Blank(s) | Item::Comment(s) => Some(s.start),
            Item::Heading(h) => Some(h.span.start),
            Item::Table(t) => Some(t.span.start),
            Item::Break | Item::Html { .. } => None,
        };
        if let Some(start) = start {
            while let Some(blank) = blanks.next_if(|b| b.end <= start) {
                out.push(Item::Blank(blank));
            }
        }
        out.push(item);
    }
    out.extend(blanks.map(Item::Blank));
    out
}

#[cfg(test)]
mod tests;
