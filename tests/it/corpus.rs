//! What the parser must find in the five corpus documents.

use cookielint::model::UrlPlacement;
use cookielint::syntax::Format;
use cookielint::vocab::SectionRole;

use crate::support::{cookie_rows, corpus_files, parse_path, root};

fn parse_corpus(name: &str) -> cookielint::model::Document {
    parse_path(&root().join("corpus").join(name)).1.document
}

const FRENCH_COOKIES: [(&str, &str, &str); 4] = [
    (
        "sessionid",
        "Authentification (front et back office)",
        "Se souvenir de l'utilisateur d'une page à une autre.",
    ),
    (
        "django_language",
        "Sélection de la langue (front et back office)",
        "Se souvenir de la langue du visiteur",
    ),
    (
        "csrftoken",
        "API (CSRF) (front et back office)",
        "Récupérer des données via des appels API",
    ),
    (
        "cookies_preferences",
        "Choix concernant vos préférences sur les cookies",
        "Se souvenir du choix opéré par le visiteur concernant les cookies",
    ),
];

#[test]
fn every_corpus_document_yields_its_four_cookies() {
    let files = corpus_files();
    assert_eq!(files.len(), 5);
    for path in files {
        let doc = parse_path(&path).1.document;
        let rows = cookie_rows(&doc);
        assert_eq!(rows.len(), 4, "{}", path.display());
        for row in &rows {
            assert_eq!(
                row.1,
                "Opendatasoft",
                "{}: provider of {}",
                path.display(),
                row.0
            );
            assert_eq!(row.4, "-", "the corpus tables have no duration column");
            assert_eq!(
                row.5,
                "necessary",
                "{}: category of {}",
                path.display(),
                row.0
            );
        }
    }
}

#[test]
fn french_documents_declare_the_same_cookies() {
    for name in [
        "fr-electricitedemayotte.txt",
        "fr-no-platform-section.txt",
        "fr-regaz.md",
        "fr-paris.md",
    ] {
        let doc = parse_corpus(name);
        let rows = cookie_rows(&doc);
        let got: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|r| (r.0.as_str(), r.2.as_str(), r.3.as_str()))
            .collect();
        assert_eq!(got, FRENCH_COOKIES, "{name}");
    }
}

#[test]
fn english_document_cookies() {
    let doc = parse_corpus("en-eco-compteur.txt");
    let rows = cookie_rows(&doc);
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.0.as_str(), r.2.as_str(), r.3.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "sessionid",
                "Authentication (front and back office)",
                "To remember the user from one page to another"
            ),
            (
                "django_language",
                "Language selection (front and back office)",
                "To remember the visitor's language"
            ),
            (
                "csrftoken",
                "API (CSRF) (front et back office)",
                "To retrieve data via API calls"
            ),
            (
                "cookies_preferences",
                "Choices related to your cookie preferences",
                "To remember the visitor's cookie preferences"
            ),
        ]
    );
}

#[test]
fn platform_urls_are_found_wherever_they_are_written() {
    let cases = [
        (
            "fr-electricitedemayotte.txt",
            Some((
                "https://opendata.electricitedemayotte.com",
                UrlPlacement::OwnLine,
            )),
        ),
        ("fr-no-platform-section.txt", None),
        (
            "fr-regaz.md",
            Some(("https://opendata.regaz.fr", UrlPlacement::Heading)),
        ),
        (
            "en-eco-compteur.txt",
            Some((
                "https://eco-compteur-odsapps.opendatasoft.com",
                UrlPlacement::Heading,
            )),
        ),
        (
            "fr-paris.md",
            Some(("https://opendata.paris.fr", UrlPlacement::Heading)),
        ),
    ];
    for (name, expected) in cases {
        let doc = parse_corpus(name);
        let got = doc
            .platform_url
            .as_ref()
            .map(|p| (p.url.as_str(), p.placement));
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn formats_titles_and_languages() {
    let cases = [
        (
            "fr-electricitedemayotte.txt",
            Format::Text,
            "Charte cookies",
            "fr",
        ),
        (
            "fr-no-platform-section.txt",
            Format::Text,
            "Charte cookies",
            "fr",
        ),
        ("fr-regaz.md", Format::Markdown, "Charte cookies", "fr"),
        ("en-eco-compteur.txt", Format::Text, "Cookies policy", "en"),
        ("fr-paris.md", Format::Markdown, "Charte cookies", "fr"),
    ];
    for (name, format, title, language) in cases {
        let doc = parse_corpus(name);
        assert_eq!(doc.format, format, "{name}");
        assert_eq!(
            doc.title.as_ref().map(|t| &*t.text.display),
            Some(title),
            "{name}"
        );
        assert_eq!(doc.language.map(|l| l.code()), Some(language), "{name}");
    }
}

/// Heading keys with the platform URL masked, so that portals compare equal.
fn masked_headings(doc: &cookielint::model::Document) -> Vec<(u8, Option<SectionRole>, String)> {
    doc.sections
        .iter()
        .map(|s| {
            let mut key = s.heading.text.key.to_string();
            if let Some(start) = key.find(" <http") {
                key.truncate(start);
            }
            (s.depth, s.role, key)
        })
        .collect()
}

#[test]
fn french_documents_give_the_same_headings_in_text_and_markdown() {
    let reference = masked_headings(&parse_corpus("fr-regaz.md"));
    assert_eq!(
        reference.iter().map(|h| h.1).collect::<Vec<_>>(),
        [
            Some(SectionRole::WhatIsACookie),
            Some(SectionRole::CookiesUsed),
            Some(SectionRole::NecessaryCookies)
        ]
    );
    assert_eq!(masked_headings(&parse_corpus("fr-paris.md")), reference);
    assert_eq!(
        masked_headings(&parse_corpus("fr-electricitedemayotte.txt")),
        reference
    );
    // 001 lacks the platform section; without it its category section is a direct child of
    // the title.
    let without: Vec<_> = masked_headings(&parse_corpus("fr-no-platform-section.txt"))
        .into_iter()
        .map(|(_, role, key)| (role, key))
        .collect();
    let expected: Vec<_> = reference
        .iter()
        .filter(|h| h.1 != Some(SectionRole::CookiesUsed))
        .map(|(_, role, key)| (*role, key.clone()))
        .collect();
    assert_eq!(without, expected);
}

#[test]
fn corpus_tables_record_their_legacy_shapes() {
    let mayotte = parse_corpus("fr-electricitedemayotte.txt");
    let table = &mayotte.tables[0];
    assert!(table.separator.is_some(), "dashed separator row");
    assert_eq!(table.gaps.len(), 1, "three blank lines after the separator");
    let regaz = parse_corpus("fr-regaz.md");
    assert!(regaz.tables[0].separator.is_none());
    assert_eq!(
        regaz.tables[0].gaps.len(),
        1,
        "blank line after the first row"
    );
    assert_eq!(parse_corpus("en-eco-compteur.txt").tables[0].gaps.len(), 1);
}
