//! Byte ranges into the decoded text of one source file.
//!
//! Invariant: a [`Span`] produced by the parser always lies inside the text it was taken
//! from and starts and ends on `char` boundaries. Line and column numbers are never stored:
//! they are computed from a [`crate::source::LineIndex`] when a position is rendered.

use serde::Serialize;

/// A half-open byte range `start..end` into a document's decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped so that it is never before `start`.
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `offset`.
    pub fn empty(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or `""` when it does not fit `text` (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Shifts a span relative to a sub-slice back into the coordinates of the whole text.
    pub fn offset(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// The sub-span of `self` whose text is `self`'s text with surrounding whitespace removed.
    pub fn trim(self, text: &str) -> Span {
        let slice = self.slice(text);
        let start_trimmed = slice.trim_start();
        let start = self.start + (slice.len() - start_trimmed.len());
        let trimmed = start_trimmed.trim_end();
        Span::new(start, start + trimmed.len())
    }
}
