//! Tests of the `cookie_name` module.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use super::*;

#[test]
fn recognises_cookie_names() {
    let names = "sessionid csrftoken django_language cookies_preferences _ga _gid _pk_id.* \
        _hjSessionUser _hjid IDE _fbp SSESS<ID> wp-settings-{num} wp-settings-1 __Secure-x \
        ods.session JSESSIONID NID XSRF-TOKEN PHPSESSID _ga_* hubspotutk bcookie hubspotUtk \
        cookielawinfo-checkbox-necessary ASP.NET_SessionId .ASPXAUTH uid2ab";
    for name in names.split_whitespace() {
        assert!(
            looks_like_cookie_name(name),
            "{name} should look like a name"
        );
    }
}

#[test]
fn rejects_prose_and_providers() {
    let words = "Opendatasoft Example SA API CSRF (CSRF) Authentication Authentication: To \
        remember retrieve the user user. Google Se souvenir récupérer another office office) \
        language selection preferences visitor's concernant utilisateur données session e.g. \
        example.org www.example third-party up-to-date COVID-19 UTF-8 utf8 13 2nd 24h v1.2 \
        YouTube LinkedIn iPhone cookie* {num} <https://x.fr> necessary";
    for word in words.split_whitespace().chain(["", "two words", "_"]) {
        assert!(
            !looks_like_cookie_name(word),
            "{word} should not look like a name"
        );
    }
}

fn names(cell: &str) -> Vec<&str> {
    split_names(cell)
        .into_iter()
        .map(|r| cell.get(r).unwrap_or("<bad range>"))
        .collect()
}

#[test]
fn splits_lists_of_names() {
    assert_eq!(names("_hjSessionUser; _hjid"), ["_hjSessionUser", "_hjid"]);
    assert_eq!(names("a, b"), ["a", "b"]);
    assert_eq!(names(" _ga / _gid and _gat "), ["_ga", "_gid", "_gat"]);
    assert_eq!(
        names("sessionid et csrftoken ou NID"),
        ["sessionid", "csrftoken", "NID"]
    );
    assert_eq!(names("_ga\n_gid\r\n"), ["_ga", "_gid"]);
    // U+037E is canonically equivalent to `;` (its NFC form is `;`).
    assert_eq!(names("_ga\u{37e}_gid"), ["_ga", "_gid"]);
    assert_eq!(names("sessionid"), ["sessionid"]);
    assert!(names("  ").is_empty());
    assert!(names(";,").is_empty());
}

#[test]
fn keeps_placeholders_brackets_and_prose_whole() {
    assert_eq!(
        names("SSESS<ID>, wp-settings-{num}"),
        ["SSESS<ID>", "wp-settings-{num}"]
    );
    assert_eq!(names("x<a,b>y; z{c/d}"), ["x<a,b>y", "z{c/d}"]);
    assert_eq!(
        names("_ga (Google, 2 years), _gid"),
        ["_ga (Google, 2 years)", "_gid"]
    );
    assert_eq!(
        names("Any cookie starting with _hs"),
        ["Any cookie starting with _hs"]
    );
    assert_eq!(
        names("Tous les cookies commençant par _pk, et _hj"),
        ["Tous les cookies commençant par _pk, et _hj"]
    );
    assert_eq!(
        names("sessionid; Any cookie starting with _hs and _hp").len(),
        2
    );
}

#[test]
fn name_ranges_are_on_char_boundaries() {
    let cell = "é_a, ü<ï>; «x» et ñ";
    for range in split_names(cell) {
        assert!(cell.get(range.clone()).is_some(), "{range:?}");
        assert!(!range.is_empty());
    }
}

#[test]
fn checks_tokens() {
    let good = "sessionid _pk_id.* SSESS<ID> wp-settings-{num} __Secure-x a!#$%&'*+-.^`|~";
    for name in good.split_whitespace() {
        assert!(is_token(name), "{name}");
    }
    let bad = [
        "", "a b", "a\tb", "a;b", "a=b", "é", "a<b", "<>", "a{}", "a<b c>", "\"a\"",
    ];
    for name in bad.into_iter().chain(["a\u{7f}", "(a)", "a/b", "a,b"]) {
        assert!(!is_token(name), "{name}");
    }
}

#[test]
fn knows_well_known_names_and_common_words() {
    for name in "sessionid csrftoken django_language cookies_preferences _ga _gid _fbp NID IDE"
        .split_whitespace()
    {
        assert!(is_known_name(name), "{name}");
        assert!(looks_like_cookie_name(name), "{name}");
    }
    for word in [
        "",
        "preferences",
        "cookies_preference",
        "Sessionid",
        "ga",
        "_g",
    ] {
        assert!(!is_known_name(word), "{word}");
    }
    assert!(is_common_word("preferences") && is_common_word("cookies"));
    assert!(!is_common_word("") && !is_common_word("sessionid") && !is_common_word("prefer"));
    // Known lower-case names keep the strength of their shape.
    assert_eq!(name_strength("sessionid"), MEDIUM);
}
