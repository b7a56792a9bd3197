//! Phrase tables: the known wordings of titles, section headings and column headers, per
//! language. Keys are written in comparison-key form (lower case, straight apostrophes).

use super::{ColumnRole, SectionRole};
use crate::lang::Language;

/// A known title wording.
pub struct TitlePhrase {
    /// The phrase, as a comparison key.
    pub key: &'static str,
    /// The language it is written in.
    pub language: Language,
}

/// A known heading wording and the section role it reveals.
pub struct SectionPhrase {
    /// The phrase (a prefix of the heading key).
    pub key: &'static str,
    /// The role it reveals.
    pub role: SectionRole,
    /// The language it is written in.
    pub language: Language,
}

/// A known column header wording.
pub struct ColumnPhrase {
    /// The phrase, as a comparison key.
    pub key: &'static str,
    /// The role it reveals.
    pub role: ColumnRole,
    /// The language it is written in.
    pub language: Language,
}

macro_rules! phrases {
    ($ty:ident { $($key:literal => $role:ident, $lang:ident;)* }) => {
        &[$($ty { key: $key, role: $role, language: Language::$lang },)*]
    };
}

/// Titles of the document.
pub static TITLE_PHRASES: &[TitlePhrase] = &[
    TitlePhrase {
        key: "charte cookies",
        language: Language::Fr,
    },
    TitlePhrase {
        key: "charte des cookies",
        language: Language::Fr,
    },
    TitlePhrase {
        key: "politique cookies",
        language: Language::Fr,
    },
    TitlePhrase {
        key: "politique de cookies",
        language: Language::Fr,
    },
    TitlePhrase {
        key: "politique relative aux cookies",
        language: Language::Fr,
    },
    TitlePhrase {
        key: "cookies policy",
        language: Language::En,
    },
    TitlePhrase {
        key: "cookie policy",
        language: Language::En,
    },
    TitlePhrase {
        key: "cookie notice",
        language: Language::En,
    },
];

use ColumnRole::*;
use SectionRole::*;

/// Section headings.
pub static SECTION_PHRASES: &[SectionPhrase] = phrases!(SectionPhrase {
    "qu'est ce qu'un cookie" => WhatIsACookie, Fr;
    "qu'est-ce qu'un cookie" => WhatIsACookie, Fr;
    "what is a cookie" => WhatIsACookie, En;
    "what are cookies" => WhatIsACookie, En;
    "les différents types de cookies" => CookieTypes, Fr;
    "types de cookies" => CookieTypes, Fr;
    "types of cookies" => CookieTypes, En;
    "a quoi servent les cookies" => CookiesUsed, Fr;
    "à quoi servent les cookies" => CookiesUsed, Fr;
    "quels cookies sont utilisés" => CookiesUsed, Fr;
    "what cookies are used" => CookiesUsed, En;
    "what are cookies used for" => CookiesUsed, En;
    "which cookies are used" => CookiesUsed, En;
    "cookies nécessaires" => NecessaryCookies, Fr;
    "cookies strictement nécessaires" => NecessaryCookies, Fr;
    "cookies necessary" => NecessaryCookies, En;
    "necessary cookies" => NecessaryCookies, En;
    "strictly necessary cookies" => NecessaryCookies, En;
    "essential cookies" => NecessaryCookies, En;
    "cookies fonctionnels" => FunctionalCookies, Fr;
    "functional cookies" => FunctionalCookies, En;
    "functionality cookies" => FunctionalCookies, En;
    "preference cookies" => FunctionalCookies, En;
    "cookies statistiques" => AnalyticsCookies, Fr;
    "cookies de mesure d'audience" => AnalyticsCookies, Fr;
    "cookies analytiques" => AnalyticsCookies, Fr;
    "analytics cookies" => AnalyticsCookies, En;
    "analytical cookies" => AnalyticsCookies, En;
    "statistics cookies" => AnalyticsCookies, En;
    "statistical cookies" => AnalyticsCookies, En;
    "performance cookies" => AnalyticsCookies, En;
    "cookies publicitaires" => AdvertisingCookies, Fr;
    "advertising cookies" => AdvertisingCookies, En;
    "marketing cookies" => AdvertisingCookies, En;
    "targeting cookies" => AdvertisingCookies, En;
    "cookies de réseaux sociaux" => SocialCookies, Fr;
    "social media cookies" => SocialCookies, En;
    "social network cookies" => SocialCookies, En;
    "other cookies" => OtherCookies, En;
    "autres cookies" => OtherCookies, Fr;
    "gestion des cookies" => CookieManagement, Fr;
    "comment gérer les cookies" => CookieManagement, Fr;
    "managing cookies" => CookieManagement, En;
    "how to manage cookies" => CookieManagement, En;
    "contact" => Contact, En;
    "nous contacter" => Contact, Fr;
});

/// Table column headers.
pub static COLUMN_PHRASES: &[ColumnPhrase] = phrases!(ColumnPhrase {
    "nom du prestataire" => Provider, Fr;
    "prestataire" => Provider, Fr;
    "fournisseur" => Provider, Fr;
    "éditeur" => Provider, Fr;
    "service provider's name" => Provider, En;
    "supplier name" => Provider, En;
    "provider" => Provider, En;
    "supplier" => Provider, En;
    "service et emplacement" => Service, Fr;
    "service" => Service, En;
    "function and location" => Service, En;
    "service and location" => Service, En;
    "nom du cookie" => Name, Fr;
    "nom des cookies" => Name, Fr;
    "nom du cookies" => Name, Fr;
    "nom" => Name, Fr;
    "cookie" => Name, En;
    "cookies" => Name, En;
    "cookie name" => Name, En;
    "cookie name(s)" => Name, En;
    "cookie names" => Name, En;
    "name" => Name, En;
    "finalité" => Purpose, Fr;
    "finalités" => Purpose, Fr;
    "objet" => Purpose, Fr;
    "purpose" => Purpose, En;
    "purposes" => Purpose, En;
    "function" => Purpose, En;
    "description" => Purpose, En;
    "durée" => Duration, Fr;
    "durée de conservation" => Duration, Fr;
    "durée de vie" => Duration, Fr;
    "duration" => Duration, En;
    "expiration" => Duration, En;
    "expiry" => Duration, En;
    "retention period" => Duration, En;
    "lifetime" => Duration, En;
    "catégorie" => Category, Fr;
    "category" => Category, En;
    "type" => Category, En;
    "valeur" => Value, Fr;
    "value" => Value, En;
});
