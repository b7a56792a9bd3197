//! ## What it does
//! Reports a file that is not stored as plain UTF-8. It may be UTF-8 with a byte-order
//! mark, UTF-16, or a legacy single-byte encoding (read as Windows-1252). The file was
//! decoded correctly; the diagnostic says how it is stored. A UTF-8 file holding a few bytes
//! that are not UTF-8 (a character typed in another encoding) is read as UTF-8 with those
//! bytes read as Windows-1252, and is reported at the first of them.
//!
//! ## Why it matters
//! Web servers, diff tools and other linters assume UTF-8 without a byte-order mark; other
//! encodings show up as garbled accents ("nÃ©cessaires") or a stray character at the top
//! of the page once the file leaves the editor it was written in.
//!
//! ## Example
//! Failing: a policy saved by an old editor as Windows-1252, or as "UTF-8 with BOM".
//!
//! Passing: the same text saved as UTF-8.
//!
//! ## Fix
//! Save the file as UTF-8 without a byte-order mark (for instance
//! `iconv -f WINDOWS-1252 -t UTF-8`).

use crate::lint::{Emitter, LintContext};
use crate::source::{Encoding, Span};
use crate::wording::{agreeing, counted};

/// Reports the encoding of a file that is not plain UTF-8, and the stray bytes of a UTF-8
/// file.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    if let Some(stray) = cx.source.stray {
        let message = format!(
            "{} of this UTF-8 file {} not UTF-8; {} read as Windows-1252 \"{}\"",
            counted(stray.count, "byte", "bytes"),
            agreeing(stray.count, "is", "are"),
            agreeing(stray.count, "it was", "this one was"),
            cx.source.slice(stray.first)
        );
        let _ = out
            .emit(stray.first, message)
            .help("type the character again and save the file as UTF-8")
            .fingerprint("encoding:stray-bytes");
    }
    let message = match cx.source.encoding {
        Encoding::Utf8 => return,
        Encoding::Utf8Bom => "the file starts with a UTF-8 byte-order mark",
        Encoding::Utf16Le => "the file is encoded in UTF-16 (little endian), not UTF-8",
        Encoding::Utf16Be => "the file is encoded in UTF-16 (big endian), not UTF-8",
        Encoding::Windows1252 => "the file is not UTF-8; it was read as Windows-1252",
    };
    let _ = out
        .emit(Span::empty(0), message)
        .help("save the file as UTF-8 without a byte-order mark")
        .fingerprint(format!("encoding:{}", cx.source.encoding.as_str()));
}
