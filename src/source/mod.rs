//! Source files: decoded text, its line index, and how it was stored on disk.
//!
//! A [`SourceFile`] is the only owner of a document's text. Everything downstream refers to
//! it through [`Span`]s (byte ranges into [`SourceFile::text`]), and converts spans to lines
//! and columns through [`SourceFile::line_index`] only when rendering.

mod census;
mod decode;
mod line_index;
mod span;

pub use census::Census;
pub use decode::{decode, DecodeError, Decoded, Encoding, StrayBytes, DEFAULT_MAX_FILE_SIZE};
pub use line_index::{LineCol, LineIndex};
pub use span::Span;

use serde::Serialize;

/// The line-ending convention of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndings {
    /// `\n` only (also used for a file with no line break at all).
    Lf,
    /// `\r\n` only.
    Crlf,
    /// `\r` only.
    Cr,
    /// More than one convention in one file.
    Mixed,
}

impl LineEndings {
    /// Classifies the line breaks of `text`.
    pub fn detect(text: &str) -> Self {
        let bytes = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (false, false, false);
        let mut from = 0;
        while let Some(found) = bytes
            .get(from..)
            .and_then(|rest| memchr::memchr2(b'\n', b'\r', rest))
        {
            let at = from + found;
            from = at + 1;
            if bytes.get(at) == Some(&b'\n') {
                lf = true;
            } else if bytes.get(at + 1) == Some(&b'\n') {
                crlf = true;
                from += 1;
            } else {
                cr = true;
            }
        }
        match (lf, crlf, cr) {
            (_, false, false) => LineEndings::Lf,
            (false, true, false) => LineEndings::Crlf,
            (false, false, true) => LineEndings::Cr,
            _ => LineEndings::Mixed,
        }
    }

    /// Classifies the line breaks of `text` from its line index (`index` was built from
    /// `text`): what [`LineEndings::detect`] finds, from the byte or two before each line
    /// start instead of a scan of the text.
    pub fn from_index(text: &str, index: &LineIndex) -> Self {
        let bytes = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (false, false, false);
        for &end in index.break_ends() {
            let before = |n: usize| end.checked_sub(n).and_then(|at| bytes.get(at));
            match (before(2), before(1)) {
                (Some(b'\r'), Some(b'\n')) => crlf = true,
                (_, Some(b'\n')) => lf = true,
                _ => cr = true,
            }
        }
        match (lf, crlf, cr) {
            (_, false, false) => LineEndings::Lf,
            (false, true, false) => LineEndings::Crlf,
            (false, false, true) => LineEndings::Cr,
            _ => LineEndings::Mixed,
        }
    }

    /// The name used in JSON output and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEndings::Lf => "lf",
            LineEndings::Crlf => "crlf",
            LineEndings::Cr => "cr",
            LineEndings::Mixed => "mixed",
        }
    }
}

/// One decoded document and its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given by the user (or a label such as `<stdin>`).
    pub path: String,
    /// The decoded text, line endings as in the file, without a byte-order mark.
    pub text: String,
    /// The encoding the bytes were decoded from.
    pub encoding: Encoding,
    /// The line-ending convention found in the text.
    pub line_endings: LineEndings,
    /// Malformed sequences replaced by U+FFFD while decoding.
    pub replacements: usize,
    /// Bytes of a UTF-8 file that are not UTF-8, read as Windows-1252.
    pub stray: Option<StrayBytes>,
    /// Line starts, for rendering positions.
    pub line_index: LineIndex,
    /// Which characters the text holds, taken on first use (see [`SourceFile::census`]).
    census: std::sync::OnceLock<Census>,
}

impl SourceFile {
    /// Decodes `bytes` read from `path`.
    pub fn from_bytes(
        path: impl Into<String>,
        bytes: &[u8],
        max_size: u64,
    ) -> Result<Self, DecodeError> {
        let decoded = decode(bytes, max_size)?;
        Ok(Self::from_decoded(path.into(), decoded))
    }

    /// Wraps text that is already decoded (tests, stdin, generated documents).
    pub fn from_text(path: impl Into<String>, text: impl Into<String>) -> Self {
        Self::from_decoded(
            path.into(),
            Decoded {
                text: text.into(),
                encoding: Encoding::Utf8,
                replacements: 0,
                stray: None,
            },
        )
    }

    fn from_decoded(path: String, decoded: Decoded) -> Self {
        let line_index = LineIndex::new(&decoded.text);
        let line_endings = LineEndings::from_index(&decoded.text, &line_index);
        SourceFile {
            path,
            text: decoded.text,
            encoding: decoded.encoding,
            line_endings,
            replacements: decoded.replacements,
            stray: decoded.stray,
            line_index,
            census: std::sync::OnceLock::new(),
        }
    }

    /// Which characters the text holds (taken on the first call, then kept).
    pub fn census(&self) -> &Census {
        self.census.get_or_init(|| Census::of(&self.text))
    }

    /// The text a span covers (empty when the span does not fit).
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }

    /// Line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(&self.text, offset)
    }

    /// The first line with content, trimmed (an empty span at 0 for a blank text): where
    /// findings about the whole document point.
    pub fn first_content_line(&self) -> Span {
        self.lines()
            .map(|line| line.trim(&self.text))
            .find(|line| !line.is_empty())
            .unwrap_or_default()
    }

    /// The span of each line without its terminator (see [`lines`]), from the line index.
    pub fn lines(&self) -> impl Iterator<Item = Span> + '_ {
        self.line_index.spans(&self.text)
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.line_index.line(offset)
    }
}

/// Splits `text` into lines, yielding the span of each line without its terminator.
///
/// Recognises `\n`, `\r\n` and lone `\r`. A text ending with a terminator yields no empty
/// last line.
pub fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let rest = bytes.get(start..).unwrap_or(&[]);
        match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let end = start + i;
                pos = end + 1;
                if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
                    pos += 1;
                }
                Some(Span::new(start, end))
            }
            None => {
                pos = bytes.len();
                Some(Span::new(start, bytes.len()))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_classified() {
        assert_eq!(LineEndings::detect("a\nb"), LineEndings::Lf);
        assert_eq!(LineEndings::detect("a\r\nb\r\n"), LineEndings::Crlf);
        assert_eq!(LineEndings::detect("a\rb"), LineEndings::Cr);
        assert_eq!(LineEndings::detect("a\r\nb\n"), LineEndings::Mixed);
        assert_eq!(LineEndings::detect("abc"), LineEndings::Lf);
        assert_eq!(LineEndings::detect("a\r\r\nb"), LineEndings::Mixed);
        assert_eq!(LineEndings::detect("a\r\n\r\n"), LineEndings::Crlf);
        assert_eq!(LineEndings::detect("\r"), LineEndings::Cr);
    }

    #[test]
    fn the_line_index_gives_the_lines_a_scan_gives() {
        // Every text of up to seven characters from `a`, `\r` and `\n`.
        let alphabet = ['a', '\r', '\n'];
        for len in 0..=7u32 {
            for n in 0..3usize.pow(len) {
                let text: String = (0..len).map(|i| alphabet[n / 3usize.pow(i) % 3]).collect();
                let source = SourceFile::from_text("t.txt", &text);
                let indexed: Vec<Span> = source.lines().collect();
                let scanned: Vec<Span> = lines(&text).collect();
                assert_eq!(indexed, scanned, "{text:?}");
                assert_eq!(source.line_endings, LineEndings::detect(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn lines_split_on_every_terminator() {
        let text = "a\r\nbc\rd\n\ne";
        let got: Vec<&str> = lines(text).map(|s| s.slice(text)).collect();
        assert_eq!(got, ["a", "bc", "d", "", "e"]);
    }
}
