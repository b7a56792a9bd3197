//! Maps byte offsets to 1-based line and column numbers.
//!
//! Built once per file. Lines end at `\n`, `\r\n` or a lone `\r`, so CR-only files number
//! their lines like any other. Columns count characters, not bytes, starting at 1.

/// Start offsets of every line of a text.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
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
        LineIndex { starts }
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
        let column = text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        LineCol { line, column }
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
    fn columns_count_characters() {
        let text = "é\tx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, column: 3 });
    }
}
