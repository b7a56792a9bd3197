//! Tests of the vocabulary tables and lookups.
use std::collections::HashSet;

use super::*;
use crate::lang::Language;
use crate::normalize::key;

use ColumnRole::{Category as Cat, Duration, Name, Provider, Purpose, Service};
use SectionRole::*;

/// Known wordings of one language, as a reader would type them (not keys).
struct Wordings {
    titles: &'static [&'static str],
    sections: &'static [(&'static str, SectionRole)],
    columns: &'static [(&'static str, ColumnRole)],
}

fn check(wordings: &Wordings) {
    for title in wordings.titles {
        assert!(is_title(&key(title)), "title {title:?}");
    }
    for (heading, role) in wordings.sections {
        assert_eq!(section_role(&key(heading)), Some(*role), "{heading:?}");
        // Again, from the thread's memo, and worked out afresh: the same role.
        assert_eq!(section_role(&key(heading)), Some(*role), "{heading:?}");
        assert_eq!(section_role_of(&key(heading)), Some(*role), "{heading:?}");
    }
    for (header, role) in wordings.columns {
        assert_eq!(column_role(&key(header)), Some(*role), "{header:?}");
    }
}

/// Checks that a table's phrases are comparison keys, trimmed, and unique.
fn check_table<'a>(name: &str, keys: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for phrase in keys {
        assert_eq!(
            phrase,
            key(phrase),
            "{name}: {phrase:?} is not a comparison key"
        );
        assert!(!phrase.is_empty(), "{name}: empty phrase");
        assert!(seen.insert(phrase), "{name}: duplicate phrase {phrase:?}");
    }
}

#[test]
fn tables_hold_unique_comparison_keys() {
    check_table("titles", TITLE_PHRASES.iter().map(|p| p.key));
    check_table("sections", SECTION_PHRASES.iter().map(|p| p.key));
    check_table("columns", COLUMN_PHRASES.iter().map(|p| p.key));
}

#[test]
fn every_language_names_every_role() {
    for language in Language::ALL {
        let titles = TITLE_PHRASES.iter().filter(|p| p.language == language);
        assert!(titles.count() > 0, "no title in {language:?}");
        for role in SectionRole::ALL {
            let found = SECTION_PHRASES
                .iter()
                .any(|p| p.language == language && p.role == role);
            assert!(found, "no {role:?} heading in {language:?}");
        }
        for role in ColumnRole::ALL {
            let found = COLUMN_PHRASES
                .iter()
                .any(|p| p.language == language && p.role == role);
            assert!(found, "no {role:?} header in {language:?}");
        }
    }
}

#[test]
fn category_phrases_start_with_a_word_character() {
    // `contained_category` tries phrases only where a word starts.
    for p in SECTION_PHRASES
        .iter()
        .filter(|p| p.role.category().is_some())
    {
        assert!(
            p.key.starts_with(|c: char| c.is_alphanumeric() || c == '_'),
            "{:?}",
            p.key
        );
    }
    assert_eq!(
        section_role("für den betrieb notwendige cookies"),
        Some(SectionRole::NecessaryCookies)
    );
}

#[test]
fn bare_cookie_words_are_not_sections() {
    for word in ["cookie", "cookies", "galeta", "galetes"] {
        assert!(SECTION_PHRASES.iter().all(|p| p.key != word), "{word}");
        assert_eq!(section_role(word), None, "{word}");
    }
}

#[test]
fn recognises_french() {
    check(&Wordings {
        titles: &["Charte cookies", "Politique relative aux cookies"],
        sections: &[
            ("Qu'est ce qu'un cookie ?", WhatIsACookie),
            ("Qu’est-ce qu’un cookie ?", WhatIsACookie),
            ("Qu'est-ce qu'un « cookie » ?", WhatIsACookie),
            ("Qu'est-ce qu'un «cookie» ?", WhatIsACookie),
            ("Les différents types de cookies", CookieTypes),
            (
                "A quoi servent les cookies sur la plateforme <https://x.fr>",
                CookiesUsed,
            ),
            ("À quoi servent les cookies sur la plateforme", CookiesUsed),
            // The first category named wins: the longest phrase is "cookies nécessaires".
            (
                "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
                NecessaryCookies,
            ),
            ("Cookies de mesure d'audience", AnalyticsCookies),
            ("Gestion des cookies", CookieManagement),
            ("Contactez-nous", Contact),
        ],
        columns: &[
            ("Nom du prestataire", Provider),
            ("Service et emplacement", Service),
            ("Nom du cookies", Name),
            ("Nom des cookies", Name),
            ("Finalités", Purpose),
            ("Durée", Duration),
            ("Durée de conservation", Duration),
            ("Catégorie", Cat),
        ],
    });
}

#[test]
fn recognises_english() {
    check(&Wordings {
        titles: &["Cookies policy", "Cookie Policy", "Cookie notice"],
        sections: &[
            ("What is a cookie?", WhatIsACookie),
            ("What are cookies?", WhatIsACookie),
            ("Types of cookies", CookieTypes),
            (
                "What cookies are used on the <https://x.example.org> platform",
                CookiesUsed,
            ),
            ("What are cookies used for on the platform", CookiesUsed),
            (
                "Cookies necessary for the platform to function properly/functionality cookies",
                NecessaryCookies,
            ),
            ("Strictly necessary cookies", NecessaryCookies),
            ("2.1. Necessary cookies", NecessaryCookies),
            ("Social media cookies", SocialCookies),
            ("How to manage cookies", CookieManagement),
            ("Contact us", Contact),
        ],
        columns: &[
            ("Service provider's name", Provider),
            ("Service provider’s name", Provider),
            ("Supplier name", Provider),
            ("Function and location", Service),
            ("Service", Service),
            ("Cookie name(s)", Name),
            ("Cookie name", Name),
            ("Purposes", Purpose),
            ("Function", Purpose),
            ("Duration", Duration),
        ],
    });
    let label = key("Strictly necessary cookies: These cookies are needed for the site to work.");
    assert_eq!(category_label(&label), Some(Category::Necessary));
    assert_eq!(
        category_label(&key("Analytics cookies")),
        Some(Category::Analytics)
    );
    assert_eq!(category_label(&key("What is a cookie?")), None);
}

#[test]
fn recognises_spanish() {
    check(&Wordings {
        titles: &["Política de cookies"],
        sections: &[
            ("¿Qué es una cookie?", WhatIsACookie),
            ("¿Para qué sirven las cookies en la plataforma?", CookiesUsed),
            (
                "Cookies necesarias para el buen funcionamiento de la plataforma / cookies funcionales",
                NecessaryCookies,
            ),
            ("Cookies de análisis", AnalyticsCookies),
        ],
        columns: &[
            ("Nombre del proveedor", Provider),
            ("Servicio y ubicación", Service),
            ("Nombre de la cookie", Name),
            ("Nombre", Name),
            ("Finalidad", Purpose),
            ("Duración", Duration),
        ],
    });
}

#[test]
fn recognises_catalan() {
    check(&Wordings {
        titles: &["Política de galetes"],
        sections: &[
            ("Què és una galeta?", WhatIsACookie),
            (
                "Per a què serveixen les galetes a la plataforma",
                CookiesUsed,
            ),
            (
                "Galetes necessàries per al bon funcionament de la plataforma",
                NecessaryCookies,
            ),
            ("Galetes d’anàlisi", AnalyticsCookies),
        ],
        columns: &[
            ("Nom del proveïdor", Provider),
            ("Servei i ubicació", Service),
            ("Nom de la galeta", Name),
            ("Finalitat", Purpose),
            ("Durada", Duration),
        ],
    });
}

#[test]
fn recognises_dutch() {
    check(&Wordings {
        titles: &["Cookiebeleid"],
        sections: &[
            ("Wat is een cookie?", WhatIsACookie),
            (
                "Welke cookies worden er op het platform gebruikt",
                CookiesUsed,
            ),
            ("Noodzakelijke cookies", NecessaryCookies),
            ("Contactgegevens", Contact),
        ],
        columns: &[
            ("Naam van de leverancier", Provider),
            ("Dienst en locatie", Service),
            ("Cookienaam", Name),
            ("Naam", Name),
            ("Doel", Purpose),
            ("Bewaartermijn", Duration),
        ],
    });
}

#[test]
fn recognises_german() {
    check(&Wordings {
        titles: &["Cookie-Richtlinie", "Cookie‑Richtlinie"],
        sections: &[
            ("Was ist ein Cookie?", WhatIsACookie),
            (
                "Welche Cookies werden auf der Plattform verwendet",
                CookiesUsed,
            ),
            ("Unbedingt erforderliche Cookies", NecessaryCookies),
            ("Kontakt", Contact),
        ],
        columns: &[
            ("Name des Anbieters", Provider),
            ("Dienst und Speicherort", Service),
            ("Cookie-Name", Name),
            ("Zweck", Purpose),
            ("Funktion", Purpose),
            ("Speicherdauer", Duration),
        ],
    });
}

#[test]
fn recognises_italian() {
    check(&Wordings {
        titles: &["Informativa sui cookie"],
        sections: &[
            ("Cos’è un cookie?", WhatIsACookie),
            ("A cosa servono i cookie sulla piattaforma", CookiesUsed),
            ("Cookie tecnici", NecessaryCookies),
            ("Cookie analitici di terze parti", AnalyticsCookies),
        ],
        columns: &[
            ("Nome del fornitore", Provider),
            ("Servizio e posizione", Service),
            ("Nome del cookie", Name),
            ("Finalità", Purpose),
            ("Durata", Duration),
        ],
    });
}

#[test]
fn recognises_key_value_entry_keys() {
    check(&Wordings {
        titles: &[],
        sections: &[],
        columns: &[
            ("Name:", Name),
            ("Nom :", Name),
            ("Purpose:", Purpose),
            ("Finalité :", Purpose),
            ("Expiration:", Duration),
            ("Expiry", Duration),
            ("Duration", Duration),
            ("Durée", Duration),
            ("Provider", Provider),
            ("Category:", Cat),
        ],
    });
}

#[test]
fn ordinary_text_is_not_vocabulary() {
    for sentence in [
        "Il existe plusieurs types de cookies :",
        "Several types of cookies exist:",
        "Existen varios tipos de cookies:",
        "Er zijn verschillende soorten cookies:",
        "Es gibt verschiedene Arten von Cookies:",
        "Esistono diversi tipi di cookie:",
        "Les cookies « nécessaires », internes, permettent d'enregistrer des informations.",
        "“Necessary” internal cookies allow information to be saved between two visits.",
        "Afin de vous proposer le meilleur service possible nous utilisons des cookies.",
        "Contactless payments are not affected.",
    ] {
        let k = key(sentence);
        assert_eq!(section_role(&k), None, "{sentence}");
        assert!(!is_title(&k), "{sentence}");
        assert_eq!(column_role(&k), None, "{sentence}");
    }
    for cell in [
        "Opendatasoft",
        "sessionid",
        "cookies_preferences",
        "django_language",
        "Nombreux usages",
        "Authentication (front and back office)",
        "Se souvenir de la langue du visiteur",
        "Colour",
    ] {
        assert_eq!(column_role(&key(cell)), None, "{cell}");
    }
    assert!(!is_title(&key(
        "Cookie policy of our partners and how they apply to you"
    )));
}

/// In each corpus document, the headings are the only lines recognised as a title or a
/// section, and the table header is the only tab-separated row with column roles.
#[test]
fn corpus_lines_match_only_their_headings() {
    const NECESSARY_FR: &str =
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels";
    let documents: [(&str, &[&str]); 5] = [
        (
            include_str!("../../corpus/en-eco-compteur.txt"),
            &[
                "Cookies policy",
                "What is a cookie?",
                "What cookies are used on the <https://eco-compteur-odsapps.opendatasoft.com> platform",
                "Cookies necessary for the platform to function properly/functionality cookies",
            ],
        ),
        (
            include_str!("../../corpus/fr-electricitedemayotte.txt"),
            &[
                "Charte cookies",
                "Qu'est ce qu'un cookie ?",
                "A quoi servent les cookies sur la plateforme",
                NECESSARY_FR,
            ],
        ),
        (
            include_str!("../../corpus/fr-no-platform-section.txt"),
            &["Charte cookies", "Qu'est ce qu'un cookie ?", NECESSARY_FR],
        ),
        (
            include_str!("../../corpus/fr-paris.md"),
            &[
                "Charte cookies",
                "Qu'est ce qu'un cookie ?",
                "A quoi servent les cookies sur la plateforme <https://opendata.paris.fr>",
                NECESSARY_FR,
            ],
        ),
        (
            include_str!("../../corpus/fr-regaz.md"),
            &[
                "Charte cookies",
                "Qu'est ce qu'un cookie ?",
                "A quoi servent les cookies sur la plateforme <https://opendata.regaz.fr>",
                NECESSARY_FR,
            ],
        ),
    ];
    for (text, headings) in documents {
        let mut matched = Vec::new();
        for line in text.lines() {
            let line = line.trim_start_matches('#').trim();
            if line.contains('\t') {
                let roles: Vec<_> = line.split('\t').map(|c| column_role(&key(c))).collect();
                let header = roles.iter().all(Option::is_some);
                assert!(header || roles.iter().all(Option::is_none), "{line}");
                continue;
            }
            let k = key(line);
            if is_title(&k) || section_role(&k).is_some() {
                matched.push(line);
            }
        }
        assert_eq!(matched, headings);
    }
}

#[test]
fn strips_arabic_and_roman_numbering() {
    for (heading, stripped) in [
        ("2.1. necessary cookies", "necessary cookies"),
        ("2.1 - necessary cookies", "necessary cookies"),
        ("2.1 necessary cookies", "necessary cookies"),
        ("3) contact", "contact"),
        ("1.- qué es una cookie", "qué es una cookie"),
        ("ii. types of cookies", "types of cookies"),
        ("iv - contact", "contact"),
        ("IV) Contact", "Contact"),
        ("xii: contact", "contact"),
        ("  10.  contact", "contact"),
        ("i cookie tecnici", "i cookie tecnici"),
        ("vi informiamo", "vi informiamo"),
        ("i.e. cookies", "i.e. cookies"),
        ("3d cookies", "3d cookies"),
        ("2-factor cookies", "2-factor cookies"),
        ("10:30 contact", "10:30 contact"),
        ("charte cookies", "charte cookies"),
        ("", ""),
    ] {
        assert_eq!(strip_heading_numbering(heading), stripped, "{heading:?}");
    }
    assert_eq!(section_role(&key("IV - Contact")), Some(Contact));
    assert_eq!(
        section_role(&key("II. Types of cookies")),
        Some(CookieTypes)
    );
}

#[test]
fn stripping_never_panics() {
    let samples = "2é. 1.ü 3)ß iv.ñ ⅱ. ١٢. 2.1 -— x)語 ‑ i.\u{301} 9\u{0}  ¿¡ ii";
    let cuts: Vec<usize> = samples
        .char_indices()
        .map(|(i, _)| i)
        .chain([samples.len()])
        .collect();
    for (n, &start) in cuts.iter().enumerate() {
        for &end in cuts.iter().skip(n) {
            let Some(piece) = samples.get(start..end) else {
                continue;
            };
            let stripped = strip_heading_numbering(piece);
            assert!(piece.ends_with(stripped), "{piece:?}");
            let _ = (is_title(piece), section_role(piece), column_role(piece));
        }
    }
}

/// The index answers what a scan of the list in order answers, for every listed key and
/// for keys that are not listed.
#[test]
fn the_exact_column_index_agrees_with_the_list() {
    let listed = COLUMN_PHRASES.iter().map(|p| p.key);
    for key in listed.chain(["", "nom", "cookie name ", "purpose of the cookie x"]) {
        let scanned = COLUMN_PHRASES.iter().find(|p| p.key == key).map(|p| p.role);
        assert_eq!(exact_column_role(key), scanned, "{key:?}");
    }
}

#[test]
fn a_denied_category_is_no_category() {
    for heading in [
        "Non-essential cookies",
        "Non essential cookies",
        "Non-necessary cookies",
        "Cookies not strictly necessary",
    ] {
        let role = section_role(&crate::normalize::key(heading));
        assert!(
            role.and_then(SectionRole::category).is_none(),
            "{heading}: {role:?}"
        );
    }
    assert_eq!(
        section_role(&crate::normalize::key("Essential cookies")),
        Some(NecessaryCookies)
    );
}

#[test]
fn headings_naming_several_categories_are_told_apart_from_the_template() {
    let several = |h: &str| names_several_categories(&crate::normalize::key(h));
    for heading in [
        "Analytics and advertising cookies",
        "Cookies de mesure d'audience et publicitaires",
        "Necessary and marketing cookies",
        "Performance and functionality cookies",
        "Cookies statistiques et de réseaux sociaux",
        "Cookies de mesure d'audience et publicitaires",
        "Cookies de mesure d'audience et publicite",
    ] {
        assert!(several(heading), "{heading}");
    }
    for heading in [
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
        "Cookies necessary for the platform to function properly/functionality cookies",
        "Cookies de mesure d'audience",
        "Advertising cookies",
        "Social media cookies",
        "Analytics cookies (consent required)",
    ] {
        assert!(!several(heading), "{heading}");
    }
}

#[test]
fn wording_that_lost_its_accents_is_recognised() {
    let role = |h: &str| section_role(&key(h));
    assert_eq!(
        role("Cookies necessaires au bon fonctionnement de la plateforme / cookies fonctionnels"),
        Some(NecessaryCookies)
    );
    assert_eq!(role("Qu'est-ce qu'un cookie ?"), Some(WhatIsACookie));
    assert_eq!(role("Cookies de reseaux sociaux"), Some(SocialCookies));
    assert_eq!(column_role(&key("Finalites")), Some(Purpose));
    assert_eq!(column_role(&key("Duree de conservation")), Some(Duration));
    assert_eq!(without_accents("nécessaires à"), "necessaires a");
    assert!(matches!(
        without_accents("plain"),
        std::borrow::Cow::Borrowed("plain")
    ));
    // Every accented phrase has its copy, and the copies add no other wording.
    let unaccented: HashSet<String> = SECTION_PHRASES
        .iter()
        .map(|p| without_accents(p.key).into_owned())
        .collect();
    assert!(section_phrases()
        .iter()
        .all(|p| unaccented.contains(p.key) || SECTION_PHRASES.iter().any(|q| q.key == p.key)));
}

#[test]
fn emphasis_delimiters_in_a_heading_are_not_words() {
    for (heading, role) in [
        ("**Necessary** cookies", SectionRole::NecessaryCookies),
        ("**Necessary cookies**", SectionRole::NecessaryCookies),
        ("_Analytics_ cookies", SectionRole::AnalyticsCookies),
        (
            "Cookies *de mesure d'audience*",
            SectionRole::AnalyticsCookies,
        ),
        (
            "2. **Qu'est-ce qu'un cookie ?**",
            SectionRole::WhatIsACookie,
        ),
    ] {
        assert_eq!(section_role(&key(heading)), Some(role), "{heading:?}");
        assert_eq!(section_role_of(&key(heading)), Some(role), "{heading:?}");
    }
    // An underscore inside a word is the word's; delimiters alone are nothing.
    assert_eq!(without_emphasis("**a** _b_ c_d ** __"), "a b c_d");
    assert_eq!(section_role(&key("** __")), None);
}
