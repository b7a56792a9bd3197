//! Turns raw bytes into text: BOM sniffing, UTF-16, Windows-1252 fallback, refusal of
//! binary, empty and oversized input.
//!
//! Decoding never panics and never guesses silently: the encoding that was used is
//! returned so that the model (and the `encoding` rule) can report it. Malformed sequences
//! in UTF-16 input become U+FFFD and are counted. A UTF-8 file with a few bytes that are
//! not UTF-8 (a character typed in a legacy editor) stays UTF-8: only those bytes are read
//! as Windows-1252, and they are counted.

use serde::Serialize;

/// The character encoding a file was decoded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark.
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16 little endian (with a BOM, or detected from its zero bytes).
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16 big endian (with a BOM, or detected from its zero bytes).
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Legacy single-byte text: a file that is not valid UTF-8 (and not mostly UTF-8 with
    /// a few stray bytes, see [`Decoded::stray`]) is read as Windows-1252.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    /// The name used in JSON output and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// Why a file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum DecodeError {
    /// The file has no bytes at all (or only a byte-order mark).
    #[error("the file is empty")]
    #[diagnostic(
        code(cookielint::input::empty),
        help("an empty file cannot be a cookie policy; remove it or exclude it")
    )]
    Empty,
    /// The file contains NUL bytes and is not UTF-16, or is UTF-16 holding a NUL
    /// character: it is not text.
    #[error("the file looks binary (NUL byte at offset {offset})")]
    #[diagnostic(
        code(cookielint::input::binary),
        help("only text and Markdown files can be read; exclude binary files from the paths")
    )]
    Binary {
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file is larger than the configured limit.
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    #[diagnostic(
        code(cookielint::input::too_large),
        help("raise the limit with --max-file-size if this file really is a cookie policy")
    )]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
}

/// Decoded text and what was learnt while decoding it.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding that was detected.
    pub encoding: Encoding,
    /// Number of malformed sequences replaced by U+FFFD (UTF-16 input only).
    pub replacements: usize,
    /// Bytes of a UTF-8 file that are not UTF-8, each read as Windows-1252.
    pub stray: Option<StrayBytes>,
}

/// The bytes of a file read as UTF-8 that are not UTF-8: each was read as the
/// Windows-1252 character it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrayBytes {
    /// How many bytes.
    pub count: usize,
    /// Where the first one's character is in the decoded text.
    pub first: crate::source::Span,
}

/// Default size limit: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Decodes `bytes`, refusing empty, binary and oversized input.
pub fn decode(bytes: &[u8], max_size: u64) -> Result<Decoded, DecodeError> {
    let size = bytes.len() as u64;
    if size > max_size {
        return Err(DecodeError::TooLarge {
            size,
            limit: max_size,
        });
    }
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        decode_utf8_or_legacy(rest, Encoding::Utf8Bom)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        decode_utf16(rest, Encoding::Utf16Le, 2)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        decode_utf16(rest, Encoding::Utf16Be, 2)?
    } else if let Some(encoding) = memchr_nul(bytes).and_then(|_| sniff_utf16(bytes)) {
        decode_utf16(bytes, encoding, 0)?
    } else {
        decode_utf8_or_legacy(bytes, Encoding::Utf8)?
    };
    if decoded.text.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(decoded)
}

fn decode_utf8_or_legacy(bytes: &[u8], utf8: Encoding) -> Result<Decoded, DecodeError> {
    if let Some(offset) = memchr_nul(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    // (A vectorised check: text with many accented letters leaves std's ASCII fast path.)
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: utf8,
            replacements: 0,
            stray: None,
        }),
        Err(_) => Ok(decode_mostly_utf8(bytes, utf8).unwrap_or_else(|| {
            // Windows-1252 maps every byte to a character, so this cannot fail.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                encoding: Encoding::Windows1252,
                replacements: 0,
                stray: None,
            }
        })),
    }
}

/// Decodes invalid UTF-8 as UTF-8 with each invalid byte read as Windows-1252, when the
/// file is mostly UTF-8: it holds more multi-byte UTF-8 characters than invalid bytes.
/// (A Windows-1252 text rarely holds a byte pair that happens to be UTF-8, such as `Ã©`,
/// and then beside many lone accented bytes; a UTF-8 text where one character was typed
/// in a legacy editor holds one invalid byte among its accented letters.) `None`: the file
/// is rather Windows-1252.
fn decode_mostly_utf8(bytes: &[u8], utf8: Encoding) -> Option<Decoded> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let (mut multibyte, mut count, mut first) = (0usize, 0usize, None);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        // The first byte of each character of two bytes or more.
        multibyte += valid.bytes().filter(|&b| b >= 0xC0).count();
        text.push_str(valid);
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            let start = text.len();
            let (legacy, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(invalid);
            text.push_str(&legacy);
            let end = start + legacy.chars().next().map_or(0, char::len_utf8);
            first.get_or_insert(crate::source::Span::new(start, end));
            count += invalid.len();
        }
    }
    let first = first?;
    (multibyte > count).then_some(Decoded {
        text,
        encoding: utf8,
        replacements: 0,
        stray: Some(StrayBytes { count, first }),
    })
}

/// Decodes UTF-16 (`bytes` start `bom` bytes into the file), refusing text that holds a
/// NUL character: no text does (a UTF-32 file, whose byte-order mark starts like UTF-16
/// LE's, holds one in every other code unit).
fn decode_utf16(bytes: &[u8], encoding: Encoding, bom: usize) -> Result<Decoded, DecodeError> {
    if let Some(unit) = bytes.chunks_exact(2).position(|unit| unit == [0, 0]) {
        return Err(DecodeError::Binary {
            offset: bom + 2 * unit,
        });
    }
    let codec = match encoding {
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        _ => encoding_rs::UTF_16LE,
    };
    // Count replacements only when decoding actually replaced something: a valid file may
    // contain U+FFFD itself.
    let (text, replaced) = codec.decode_without_bom_handling(bytes);
    let replacements = if replaced {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding,
        replacements,
        stray: None,
    })
}

/// Recognises BOM-less UTF-16 from the pattern of zero bytes in the first kilobyte: text in
/// Latin scripts has a zero high byte in most code units. (Only asked of input with a zero
/// byte somewhere.)
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..bytes.len().min(1024))?;
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if let [a, b] = pair {
            even_zero += usize::from(*a == 0);
            odd_zero += usize::from(*b == 0);
        }
    }
    // Most high bytes zero on one side and almost none on the other.
    if odd_zero * 10 >= pairs * 6 && even_zero * 20 <= pairs {
        Some(Encoding::Utf16Le)
    } else if even_zero * 10 >= pairs * 6 && odd_zero * 20 <= pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn detects_each_encoding() {
        let plain = decode("Charte cookies\n".as_bytes(), DEFAULT_MAX_FILE_SIZE);
        assert_eq!(plain.map(|d| d.encoding), Ok(Encoding::Utf8));
        let bom = decode(b"\xEF\xBB\xBFabc", DEFAULT_MAX_FILE_SIZE);
        assert_eq!(
            bom.map(|d| (d.encoding, d.text)),
            Ok((Encoding::Utf8Bom, "abc".into()))
        );
        let latin = decode(b"Finalit\xe9s", DEFAULT_MAX_FILE_SIZE);
        assert_eq!(
            latin.map(|d| (d.encoding, d.text)),
            Ok((Encoding::Windows1252, "Finalités".into()))
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le("Nom du cookie"));
        let decoded = decode(&le, DEFAULT_MAX_FILE_SIZE);
        assert_eq!(
            decoded.map(|d| (d.encoding, d.text)),
            Ok((Encoding::Utf16Le, "Nom du cookie".into()))
        );
        let bare = decode(
            &utf16le("Cookies policy and more text"),
            DEFAULT_MAX_FILE_SIZE,
        );
        assert_eq!(bare.map(|d| d.encoding), Ok(Encoding::Utf16Le));
    }

    #[test]
    fn refuses_empty_binary_and_large_input() {
        assert_eq!(decode(b"", 10).map(|d| d.text), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\xEF\xBB\xBF", 10).map(|d| d.text),
            Err(DecodeError::Empty)
        );
        assert_eq!(
            decode(b"ab\0cd", 10).map(|d| d.text),
            Err(DecodeError::Binary { offset: 2 })
        );
        assert_eq!(
            decode(b"abcdef", 3).map(|d| d.text),
            Err(DecodeError::TooLarge { size: 6, limit: 3 })
        );
    }

    #[test]
    fn utf16_holding_nul_characters_is_binary() {
        // A UTF-32 LE file: its byte-order mark starts with UTF-16 LE's, and every other
        // code unit of the rest is zero.
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend(
            "Charte cookies"
                .chars()
                .flat_map(|c| u32::from(c).to_le_bytes()),
        );
        assert_eq!(
            decode(&utf32, DEFAULT_MAX_FILE_SIZE).map(|d| d.text),
            Err(DecodeError::Binary { offset: 2 })
        );
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le("Nom\0du cookie"));
        assert_eq!(
            decode(&le, DEFAULT_MAX_FILE_SIZE).map(|d| d.text),
            Err(DecodeError::Binary { offset: 8 })
        );
    }

    #[test]
    fn odd_utf16_is_replaced_not_refused() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16le("abc"));
        le.push(b'x');
        let decoded = decode(&le, DEFAULT_MAX_FILE_SIZE);
        assert_eq!(
            decoded.map(|d| (d.text, d.replacements)),
            Ok(("abc\u{FFFD}".into(), 1))
        );
    }
}
