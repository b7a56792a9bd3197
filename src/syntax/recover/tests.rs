//! Tests of the `recover` module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;

/// Roles from one letter each: Provider, Service, Name, pUrpose, Duration, `-` unknown.
fn roles(code: &str) -> Vec<Option<ColumnRole>> {
    use ColumnRole::*;
    let role = |c| match c {
        'P' => Some(Provider),
        'S' => Some(Service),
        'N' => Some(Name),
        'U' => Some(Purpose),
        'D' => Some(Duration),
        _ => None,
    };
    code.chars().map(role).collect()
}

/// Splits a row, checks the invariants every result must hold, and joins the cells with
/// " | ".
fn row(line: &str, code: &str, providers: &[&str]) -> Option<String> {
    let cells = split_row(line, &roles(code), providers)?;
    assert_eq!(cells.len(), code.len());
    let mut previous_end = 0;
    let mut texts = Vec::new();
    for cell in cells {
        let text = line.get(cell.clone()).expect("range on char boundaries");
        assert!(
            !text.is_empty() && text.trim() == text,
            "{cell:?} in {line}"
        );
        assert!(cell.start >= previous_end, "overlap in {line}");
        previous_end = cell.end;
        texts.push(text);
    }
    Some(texts.join(" | "))
}

/// Checks that each case, "ROLES: cell | cell | ...", splits back from the line made by
/// joining its cells with each of `joints`.
fn check(cases: &[&str], joints: &[&str], providers: &[&str]) {
    for case in cases {
        let (code, cells) = case.split_once(": ").unwrap();
        for joint in joints {
            let line = cells.replace(" | ", joint);
            assert_eq!(
                row(&line, code, providers).as_deref(),
                Some(cells),
                "{line}"
            );
        }
    }
}

fn header(line: &str) -> Option<String> {
    let cells = split_header(line)?;
    let texts: Vec<_> = cells
        .into_iter()
        .map(|(r, role)| format!("{}={}", &line[r], role.as_str()))
        .collect();
    Some(texts.join(" | "))
}

#[test]
fn splits_spaced_and_glued_headers() {
    for (line, expected) in [
        ("Supplier name Service Cookie name Purpose", "Supplier name=provider | Service=service | Cookie name=name | Purpose=purpose"),
        ("Supplier nameServiceCookie namePurpose", "Supplier name=provider | Service=service | Cookie name=name | Purpose=purpose"),
        ("Nom du prestataireService et emplacementNom du cookieFinalités", "Nom du prestataire=provider | Service et emplacement=service | Nom du cookie=name | Finalités=purpose"),
        ("NOM DU PRESTATAIRE SERVICE ET EMPLACEMENT NOM DU COOKIES FINALITÉS", "NOM DU PRESTATAIRE=provider | SERVICE ET EMPLACEMENT=service | NOM DU COOKIES=name | FINALITÉS=purpose"),
        ("Service provider\u{2019}s name Function and location Cookie name(s)Purposes", "Service provider\u{2019}s name=provider | Function and location=service | Cookie name(s)=name | Purposes=purpose"),
        ("  Supplier name Cookie name Duration Function ", "Supplier name=provider | Cookie name=name | Duration=duration | Function=purpose"),
        // Trailing separators; a last phrase ending in a bracket or a non-ASCII letter.
        ("**Provider:** **Cookie name(s):** :* ", "Provider=provider | Cookie name(s)=name"),
        ("Nom du cookie Durée\tFINALITÉ", "Nom du cookie=name | Durée=duration | FINALITÉ=purpose"),
        ("Service provider`s name Cookie", "Service provider`s name=provider | Cookie=name"),
    ] {
        assert_eq!(header(line).as_deref(), Some(expected), "{line}");
    }
}

#[test]
fn refuses_headers_it_cannot_segment() {
    for line in [
        "Cookie name",
        "Supplier name Colour Purpose",
        "This site uses cookies",
        "Cookiesname Purpose",
        "",
    ] {
        assert_eq!(header(line), None, "{line}");
    }
    assert_eq!(header(&"Service ".repeat(100)), None);
    assert_eq!(split_header(&"x".repeat(10_000_000)), None);
}

#[test]
fn splits_the_english_example_rows() {
    for providers in [&[][..], &["Example SA"][..]] {
        check(&["PSNU: Example SA | Authentication (front and back office) | sessionid | To remember the user"], &[" "], providers);
        check(&["PSNU: Example SA | Authentication (front and back office) | sessionid | Remembering the user."], &[""], providers);
    }
}

#[test]
fn splits_the_corpus_rows_spaced_and_glued() {
    let rows = [
        "PSNU: Opendatasoft | Authentification (front et back office) | sessionid | Se souvenir de l'utilisateur d'une page à une autre.",
        "PSNU: Opendatasoft | Sélection de la langue (front et back office) | django_language | Se souvenir de la langue du visiteur",
        "PSNU: Opendatasoft | API (CSRF) (front et back office) | csrftoken | Récupérer des données via des appels API",
        "PSNU: Opendatasoft | Language selection (front and back office) | django_language | To remember the visitor's language",
        "PSNU: Opendatasoft | API (CSRF) (front et back office) | csrftoken | To retrieve data via API calls",
    ];
    let prefs = "PSNU: Opendatasoft | Choix concernant vos préférences sur les cookies | cookies_preferences | Se souvenir du choix opéré par le visiteur concernant les cookies";
    for providers in [&[][..], &["Opendatasoft"][..]] {
        check(&rows, &[" ", ""], providers);
        check(&[prefs], &[" "], providers);
    }
}

#[test]
fn splits_rows_with_a_duration() {
    let rows = [
        "PNDU: Example SA | sessionid | 2 weeks by default | Authentication: keeps you signed in.",
        "PNDU: Example SA | ods.session | 13 mois | Authentification",
        "PSNUD: Matomo | Audience measurement | _pk_id.* | To distinguish visitors | 13 months",
        "PSNUD: Google Ireland Limited | Google Analytics | _ga, _gid | To distinguish users | 13 months",
        "PSNUD: YouTube | Embedded videos | YSC | To count views | Session",
    ];
    check(&rows, &[" ", ""], &["YouTube"]);
    let spaced = [
        "PSNUD: Matomo | Mesure d'audience | _pk_ses.* | Compter les visites | Session",
        "PNDU: Example SA | sessionid | Token reset between two sessions. Up to 12 months | Authentication",
    ];
    check(&spaced, &[" "], &[]);
}

#[test]
fn splits_camel_case_names_lists_placeholders_and_other_orders() {
    let rows = [
        "PSNU: Hotjar Ltd | Analyse (all pages) | _hjSessionUser | To keep a user ID",
        "PSNU: Hotjar Ltd | Analyse (all pages) | _hjSessionUser; _hjid | To keep a user ID",
        "PSNUD: Drupal | Session | SSESS<ID> | Keeps you logged in | 23 days",
        "NPSU: sessionid | Example SA | Authentication (front and back office) | To remember the user",
    ];
    check(&rows, &[" ", ""], &[]);
    let spaced = [
        "PSNUD: WordPress | Admin | wp-settings-{num} | Stores interface settings | 1 year",
        "PSNUD: LinkedIn | Insight tag | bcookie, lidc | Browser ID | 2 years",
        "PSNU: HubSpot | Tracking | Any cookie starting with _hs | To measure visits",
        "N-: SSESS<ID> | Session cookie",
    ];
    check(&spaced, &[" "], &["HubSpot"]);
}

#[test]
fn refuses_rows_without_a_plausible_split() {
    for line in [
        "This site uses cookies to remember your preferences and measure traffic.",
        "Strictly necessary cookies: These cookies are needed for the site to work.",
        "This cookie is called sessionid and it expires.",
        "Example SA Authentication sessionid",
        // Glued with nothing to show where the service ends and the name begins.
        "OpendatasoftChoices related to your cookie preferencescookies_preferencesTo remember",
        "sessionid",
        "",
        "   ",
    ] {
        assert_eq!(row(line, "PSNU", &[]), None, "{line}");
    }
    assert_eq!(row("a b c", "", &[]), None);
    assert_eq!(
        row("Example SA Authentication To remember", "PSU", &[]),
        None
    );
}

#[test]
fn ranges_stay_on_char_boundaries() {
    let lines = [
        "Société Générale SAAuthentification (front et back office)sessionidSe souvenir de l'utilisateur",
        "ÉditeurÇa va (été)_pk_id.*Über die Seite 13 mois",
        "été été été _ga été été",
        "\u{2003}Ünïcödé\u{00A0}_ga\u{00A0}Ça\u{2003}",
        "_ga_日本語 日本語 Ελληνικά Σσς İstanbul",
    ];
    for line in lines {
        for code in ["PSNU", "PSNUD", "NU"] {
            let _ = row(line, code, &["Société Générale SA"]);
        }
        let _ = header(line);
    }
    let first = row(lines[0], "PSNU", &["Société Générale SA"]).unwrap();
    assert!(
        first.starts_with("Société Générale SA | Authentification"),
        "{first}"
    );
}

#[test]
fn long_and_dense_lines_are_refused_or_bounded() {
    assert_eq!(row(&"aB".repeat(MAX_ROW_BYTES), "PSNU", &[]), None);
    assert_eq!(row(&"sessionid ".repeat(300), "PSNU", &[]), None);
    for dense in [
        "_ga, ",
        "sessionid ",
        "aB_x)y ",
        "Ab ",
        "_ga Ab 13 months ",
        "é_a, ",
        "preferencescookies_preferences",
        "Xab_ing9",
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz_session",
    ] {
        let _ = row(&dense.repeat(MAX_ROW_BYTES / dense.len()), "PSNUD", &["Ab"]);
    }
}

#[test]
fn splits_glued_rows_after_a_known_provider() {
    // The fixture 10-en-lost-separators-glued: "Example SA" is learnt from the first rows.
    let providers = ["Example SA", "Opendatasoft"];
    assert_eq!(
        row(
            "Example SAAPI (CSRF) (front and back office)csrftokenRetrieving data via API calls.",
            "PSNU",
            &providers
        )
        .as_deref(),
        Some("Example SA | API (CSRF) (front and back office) | csrftoken | Retrieving data via API calls.")
    );
    assert_eq!(
        row(
            "Example SAChoices related to your cookie preferencescookies_preferencesRemembering the visitor's cookie choices.",
            "PSNU",
            &providers
        )
        .as_deref(),
        Some("Example SA | Choices related to your cookie preferences | cookies_preferences | Remembering the visitor's cookie choices.")
    );
    check(
        &[
            "PSNU: Opendatasoft | Language selection | django_language | To remember the visitor's language",
            "PSNU: Opendatasoft | Choix concernant vos préférences sur les cookies | cookies_preferences | Se souvenir du choix opéré par le visiteur",
        ],
        &[""],
        &providers,
    );
}

#[test]
fn glued_rows_without_their_provider_are_not_split_wrongly() {
    // Without "Example SA", nothing tells "SAAPI" apart, and a boundary inside
    // "preferencescookies" is too weak a guess on its own.
    for line in [
        "Example SAAPI (CSRF) (front and back office)csrftokenRetrieving data via API calls.",
        "Example SAChoices related to your cookie preferencescookies_preferencesRemembering the visitor's cookie choices.",
    ] {
        assert_eq!(row(line, "PSNU", &[]), None, "{line}");
        assert_eq!(row(line, "PSNU", &["Opendatasoft"]), None, "{line}");
    }
}

#[test]
fn a_spaced_split_never_takes_glued_words_for_a_name() {
    let line = "Example SAChoices related to your cookie preferencescookies_preferencesRemembering the visitor's cookie choices.";
    let roles = roles("PSNU");
    for providers in [&[][..], &["Example SA"][..]] {
        let row = Row {
            line,
            providers,
            has_provider: true,
            joint: Joint::Spaced,
        };
        let whole = 0..line.len();
        let gaps = find_gaps(&row, whole.clone());
        let found = split_around_name(&row, whole, &gaps, &roles, 2);
        assert!(found.is_none(), "{found:?}");
    }
    assert!(ends_with_glued_word(
        "preferencescookies_preferencesRemembering"
    ));
    assert!(!ends_with_glued_word("_gaTo remember"));
    for name in [
        "_hjSessionUser",
        "hubspotUtk",
        "ASP.NET_SessionId",
        "_ga",
        "cookiesTo",
    ] {
        assert!(!ends_with_glued_word(name), "{name}");
    }
}

#[test]
fn finds_names_glued_after_prose_inside_a_lower_case_run() {
    // The line cut at its gaps, with `~` before a weak one.
    let starts = |line: &str, providers: &[&str]| -> String {
        let row = Row {
            line,
            providers,
            has_provider: true,
            joint: Joint::Glued,
        };
        let mut cut = String::new();
        let mut at = 0;
        for gap in find_gaps(&row, 0..line.len()) {
            cut.push_str(&line[at..gap.end]);
            cut.push_str(if gap.weak { "|~" } else { "|" });
            at = gap.start;
        }
        cut.push_str(&line[at..]);
        cut
    };
    // A known name wins, then the longest common word on the left.
    assert_eq!(
        starts("your cookie preferencescookies_preferences", &[]),
        "your cookie preferences|~cookies_preferences"
    );
    assert_eq!(
        starts("Language selectiondjango_languageTo remember", &[]),
        "Language selection|~django_language|To remember"
    );
    assert_eq!(
        starts("your preferencesmycookies_settings", &[]),
        "your preferences|~mycookies_settings"
    );
    // Not inside a name, nor where the `_` starts one already.
    assert_eq!(
        starts("x_cookies_preferences", &[]),
        "x_cookies_preferences"
    );
    assert_eq!(starts("measurement_pk", &[]), "measurement|_pk");
    // A known provider at the start ends a cell where the text shows no boundary.
    assert_eq!(
        starts("Example SAAPI (CSRF)", &["Example SA"]),
        "Example SA|API (CSRF)"
    );
    assert_eq!(starts("Examples Ltd", &["Example"]), "Examples Ltd");
}
