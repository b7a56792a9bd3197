//! Maps byte offsets to 1-based line and column numbers.
//!
//! Built once per file. Lines end at `\n`, `\r\n` or a lone `\r`, so CR-only files number
//! their lines like any other. Columns count characters, not bytes, starting at 1.

/// Start offsets of every line of a text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The number of characters before every [`MARK`]th byte of the text, taken the first
    /// time a column lies far along its line (most texts never need it): a column is then
    /// counted from the nearest mark instead of from the start of its line, so that many
    /// findings along one very long line do not each count the whole line again.
    marks: std::sync::OnceLock<Vec<usize>>,
}

/// The distance in bytes between two of a [`LineIndex`]'s character marks.
const MARK: usize = 4096;

/// The number of characters starting in `bytes` (bytes that are not UTF-8 continuation
/// bytes): for a slice of a `str` cut anywhere, the characters that start before its end.
fn chars_starting_in(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| !(0x80..0xC0).contains(&b))
        .count()
}

/// A 1-based line and character column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0);
        // One search for every break (a search started at each line cost its setup per line).
        let mut from = 0;
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\n` of a `\r\n` pair, already counted.
            if at < from {
                continue;
            }
            // A `\r\n` pair is one line break.
            let end = if bytes.get(at) == Some(&b'\r') && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(end);
            from = end;
        }
        LineIndex {
            starts,
            marks: std::sync::OnceLock::new(),
        }
    }

    /// The start offset of every line but the first: where each line break ends.
    pub(crate) fn break_ends(&self) -> &[usize] {
        self.starts.get(1..).unwrap_or_default()
    }

    /// Number of lines (a text ending with a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line number of the byte at `offset`.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte offset where 1-based `line` starts, if the text has such a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// The span of each line of `text` (the text this index was built from) without its
    /// terminator, as [`super::lines`] gives them, from the index instead of a new scan.
    pub fn spans<'t>(&'t self, text: &'t str) -> impl Iterator<Item = crate::source::Span> + 't {
        let bytes = text.as_bytes();
        let len = bytes.len();
        self.starts
            .iter()
            .enumerate()
            .take_while(move |&(_, &start)| start < len)
            .map(move |(i, &start)| {
                let end = match self.starts.get(i + 1) {
                    // The break before the next line: `\r\n`, or one `\n` or `\r`.
                    Some(&next)
                        if next >= start + 2 && bytes.get(next - 2..next) == Some(b"\r\n") =>
                    {
                        next - 2
                    }
                    Some(&next) => next - 1,
                    None => len,
                };
                crate::source::Span::new(start, end)
            })
    }

    /// Line and character column of `offset` in `text` (the text this index was built from).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line(offset);
        let start = self.line_start(line).unwrap_or(0);
        let column = if offset.saturating_sub(start) <= MARK
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(offset)
        {
            text.get(start..offset).map_or(1, |s| s.chars().count() + 1)
        } else {
            self.chars_before(text, offset)
                .saturating_sub(self.chars_before(text, start))
                + 1
        };
        LineCol { line, column }
    }

    /// The number of characters of `text` that start before byte `offset`, counted from
    /// the nearest mark at or before it.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        let marks = self.marks.get_or_init(|| {
            let mut marks = Vec::with_capacity(bytes.len() / MARK + 2);
            let mut before = 0;
            marks.push(before);
            for chunk in bytes.chunks(MARK) {
                before += chars_starting_in(chunk);
                marks.push(before);
            }
            marks
        });
        let mark = offset / MARK;
        let counted = marks.get(mark).copied().unwrap_or(0);
        counted + chars_starting_in(bytes.get(mark * MARK..offset).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_for_every_ending() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(5), 3);
        assert_eq!(index.line(7), 4);
        // Every ending in a row, a `\r\n` pair counting once.
        assert_eq!(LineIndex::new("\r\r\n\n\r").starts, [0, 1, 3, 4, 5]);
    }

    #[test]
    fn columns_far_along_a_line_count_characters_from_the_marks() {
        let line = "é\u{200b}x".repeat(5 * MARK);
        let text = format!("ab\n{line}\r\n{line}");
        let index = LineIndex::new(&text);
        for offset in (0..=text.len()).step_by(997).chain([text.len()]) {
            if !text.is_char_boundary(offset) {
                continue;
            }
            let line = index.line(offset);
            let start = index.line_start(line).unwrap_or(0);
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(index.line_col(&text, offset), LineCol { line, column });
        }
    }

    #[test]
    fn columns_count_characters() {
        let text = "é\tx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, column: 3 });
    }
}
