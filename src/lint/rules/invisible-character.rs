//! ## What it does
//! Reports every character a reader cannot see. These are zero-width spaces and joiners,
//! bidirectional controls, a byte-order mark inside the text, the soft hyphen, and control
//! characters other than tab and line breaks. The whole file is checked, markup included.
//!
//! ## Why it matters
//! Invisible characters split words for searches and comparisons ("session\u{200B}id" is
//! not "sessionid"), and bidirectional controls can make text display in another order than
//! it is stored.
//!
//! ## Example
//! Failing (a ZERO WIDTH SPACE after "session", shown here as `<U+200B>`):
//! ```text
//! Opendatasoft	Authentication	session<U+200B>id	To remember the user
//! ```
//! Passing:
//! ```text
//! Opendatasoft	Authentication	sessionid	To remember the user
//! ```
//!
//! ## Fix
//! Delete the character (most editors can show them; `grep -nP '[\x{200B}-\x{200F}]'`
//! finds the common ones).

use crate::lint::{Emitter, LintContext};
use crate::normalize::{invisible_chars, is_invisible};
use crate::source::Span;

/// Reports each invisible character.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    // Most documents hold none: the census says so without a scan.
    let census = cx.source.census();
    if !census.has_ascii_control() && !census.may_hold(is_invisible) {
        return;
    }
    for (at, c) in invisible_chars(cx.text()) {
        let _ = out
            .emit(
                Span::new(at, at + c.len_utf8()),
                format!("invisible character U+{:04X} {}", u32::from(c), name(c)),
            )
            .help("delete it: readers cannot see it, but it breaks searches and comparisons")
            .fingerprint(format!("invisible:{:04X}", u32::from(c)));
    }
}

/// The Unicode name of an invisible character, or a description for unnamed controls.
fn name(c: char) -> &'static str {
    match c {
        '\u{0000}' => "NULL",
        '\u{0007}' => "BELL",
        '\u{0008}' => "BACKSPACE",
        '\u{000B}' => "LINE TABULATION",
        '\u{000C}' => "FORM FEED",
        '\u{001B}' => "ESCAPE",
        '\u{007F}' => "DELETE",
        '\u{0085}' => "NEXT LINE",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte-order mark)",
        _ => "(control character)",
    }
}
