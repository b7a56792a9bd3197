//! ## What it does
//! Reports a file whose lines do not all end with a line feed (LF). A file using Windows
//! (CRLF) or classic Mac OS (CR) line endings throughout is reported once, at its first
//! line break; a file mixing conventions is reported once, at the first line whose ending
//! differs from the most common one.
//!
//! ## Why it matters
//! Mixed endings make diffs show every line as changed and confuse tools that split lines
//! on one convention; a lone CR is not a line break at all for most of them.
//!
//! ## Example
//! Failing: a policy edited on two systems, some lines ending with CRLF and others with LF.
//!
//! Passing: the same file with LF endings only.
//!
//! ## Fix
//! Convert the file to LF line endings (`dos2unix`, or the line-ending setting of the
//! editor).

use crate::lint::{Emitter, LintContext};
use crate::source::{LineEndings, Span};

/// Reports CRLF, CR or mixed line endings.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let convention = cx.source.line_endings;
    if convention == LineEndings::Lf {
        return;
    }
    let counts = Counts::of(cx.text());
    let usual = counts.most_common();
    let mut all = breaks(cx.text());
    let first = if convention == LineEndings::Mixed {
        all.find(|(_, e)| *e != usual)
    } else {
        all.next()
    };
    let Some((span, ending)) = first else {
        return;
    };
    let message = match convention {
        LineEndings::Mixed => format!(
            "this line ends with {}, while {} of the file's {} line breaks are {}",
            name(ending),
            counts.get(usual),
            counts.total(),
            name(usual)
        ),
        _ => format!("the file uses {} line endings instead of LF", name(ending)),
    };
    let _ = out
        .emit(span, message)
        .help("convert the file to LF line endings")
        .fingerprint(format!("line-endings:{}", convention.as_str()));
}

/// A single line ending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    Lf,
    Crlf,
    Cr,
}

/// How an ending is called in messages.
fn name(ending: Ending) -> &'static str {
    match ending {
        Ending::Lf => "LF",
        Ending::Crlf => "CRLF",
        Ending::Cr => "CR",
    }
}

/// How many line breaks of each kind a text has.
#[derive(Default)]
struct Counts {
    lf: usize,
    crlf: usize,
    cr: usize,
}

impl Counts {
    /// Counts the line breaks of `text`.
    fn of(text: &str) -> Self {
        let mut counts = Counts::default();
        for (_, ending) in breaks(text) {
            match ending {
                Ending::Lf => counts.lf += 1,
                Ending::Crlf => counts.crlf += 1,
                Ending::Cr => counts.cr += 1,
            }
        }
        counts
    }

    /// The count of one kind.
    fn get(&self, ending: Ending) -> usize {
        match ending {
            Ending::Lf => self.lf,
            Ending::Crlf => self.crlf,
            Ending::Cr => self.cr,
        }
    }

    /// The number of line breaks.
    fn total(&self) -> usize {
        self.lf + self.crlf + self.cr
    }

    /// The most frequent ending; LF, then CRLF, win ties.
    fn most_common(&self) -> Ending {
        [Ending::Lf, Ending::Crlf, Ending::Cr]
            .into_iter()
            .rev()
            .max_by_key(|e| self.get(*e))
            .unwrap_or(Ending::Lf)
    }
}

/// Every line break of `text`: its span and kind.
fn breaks(text: &str) -> impl Iterator<Item = (Span, Ending)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = bytes.get(pos..)?;
        let at = pos + rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
        let (len, ending) = match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'\r'), Some(b'\n')) => (2, Ending::Crlf),
            (Some(b'\r'), _) => (1, Ending::Cr),
            _ => (1, Ending::Lf),
        };
        pos = at + len;
        Some((Span::new(at, at + len), ending))
    })
}
