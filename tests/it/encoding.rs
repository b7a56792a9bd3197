//! The same document stored in every supported encoding and line-ending style gives the
//! same cookies.

use cookielint::source::Encoding;

use crate::support::{cookie_rows, headings, parse_bytes, root};

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

#[test]
fn every_encoding_gives_the_same_cookies() {
    let original =
        std::fs::read_to_string(root().join("corpus/fr-electricitedemayotte.txt")).unwrap();
    let crlf = original.replace('\n', "\r\n");
    let cr = original.replace('\n', "\r");
    let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&original);
    assert!(!unmappable);
    let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
    bom_crlf.extend(crlf.as_bytes());
    let variants: Vec<(&str, Vec<u8>, Encoding)> = vec![
        ("utf-8", original.as_bytes().to_vec(), Encoding::Utf8),
        ("utf-8 bom crlf", bom_crlf, Encoding::Utf8Bom),
        ("cr", cr.into_bytes(), Encoding::Utf8),
        ("utf-16le", utf16(&original, false), Encoding::Utf16Le),
        ("utf-16be crlf", utf16(&crlf, true), Encoding::Utf16Be),
        ("windows-1252", latin.into_owned(), Encoding::Windows1252),
    ];
    let (_, reference) = parse_bytes("reference.txt", original.as_bytes());
    let expected = cookie_rows(&reference.document);
    assert_eq!(expected.len(), 4);
    for (name, bytes, encoding) in variants {
        let (source, parsed) = parse_bytes(&format!("{name}.txt"), &bytes);
        assert_eq!(source.encoding, encoding, "{name}");
        assert_eq!(cookie_rows(&parsed.document), expected, "{name}");
        assert_eq!(
            headings(&parsed.document),
            headings(&reference.document),
            "{name}"
        );
    }
}
