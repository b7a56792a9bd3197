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

#[test]
fn a_utf8_file_with_one_stray_latin1_byte_keeps_its_accents() {
    // One "é" of a UTF-8 document saved as the single Windows-1252 byte 0xE9, as an editor
    // in another encoding leaves it: the rest of the file is still UTF-8.
    let original =
        std::fs::read_to_string(root().join("corpus/fr-electricitedemayotte.txt")).unwrap();
    let at = original.find("Finalités").unwrap() + "Finalit".len();
    let mut bytes = original.as_bytes()[..at].to_vec();
    bytes.push(0xE9);
    bytes.extend(&original.as_bytes()[at + "é".len()..]);
    let (source, parsed) = parse_bytes("stray.txt", &bytes);
    let (_, reference) = parse_bytes("reference.txt", original.as_bytes());
    assert_eq!(source.text, original);
    assert_eq!(source.encoding, Encoding::Utf8);
    assert_eq!(
        cookie_rows(&parsed.document),
        cookie_rows(&reference.document)
    );
    assert_eq!(headings(&parsed.document), headings(&reference.document));
    // What was read in another encoding is known, where it is: the `encoding` rule reports
    // it (once: it is not a parse problem too).
    let stray = source.stray.unwrap();
    assert_eq!((stray.count, stray.first.start), (1, at));
    assert_eq!(source.slice(stray.first), "é");
    assert!(parsed.problems.is_empty());
}

#[test]
fn windows_1252_text_with_a_sequence_that_looks_like_utf8_is_still_windows_1252() {
    // "Ã©" (0xC3 0xA9) is valid UTF-8 for "é", but beside a handful of lone accented
    // bytes it is one more Windows-1252 text.
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Durée, catégorie, réglé : Ã©.\n");
    let (source, _) = parse_bytes("latin.txt", &latin);
    assert_eq!(source.encoding, Encoding::Windows1252);
    assert_eq!(source.text, "Durée, catégorie, réglé : Ã©.\n");
}

#[test]
fn the_encoding_rule_points_at_a_stray_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.md");
    std::fs::write(
        &path,
        b"# Charte cookies\n\nDur\xc3\xa9e, cat\xc3\xa9gorie, finalit\xe9.\n",
    )
    .unwrap();
    let run = crate::support::cookielint(&[
        "check".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "concise".as_ref(),
        "--select".as_ref(),
        "encoding,parse-problem".as_ref(),
    ]);
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.contains(": ")).collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].contains("CL407"), "{}", lines[0]);
    // Line 3, after "Durée, catégorie, finalit": column 26.
    assert!(lines[0].contains("stray.md:3:26: "), "{}", lines[0]);
    assert!(lines[0].contains("Windows-1252"), "{}", lines[0]);
}
