//! The template's canonical wording, per language: the table headers and the section
//! headings the generator writes, for rules that compare a document against the template
//! (`header-mismatch`, `missing-section`).
//!
//! The vocabulary in [`crate::vocab`] recognises every wording seen in the wild; this module
//! says which of them the template itself uses. A language may have several template
//! versions (the English template was reworded: "Service provider's name" became "Supplier
//! name"); a wording of any version is canonical. Everything here is plain data, written as
//! users read it; comparisons go through [`crate::normalize::key`].

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::lang::Language;
use crate::normalize::key;
use crate::vocab::{ColumnRole, SectionRole};

/// One version of a language's table header: the wordings of each column role, preferred
/// wording first.
pub struct HeaderSet {
    /// The language the header is written in.
    pub language: Language,
    /// Each role's accepted wordings, preferred first.
    pub columns: &'static [(ColumnRole, &'static [&'static str])],
}

use ColumnRole::{Duration, Name, Provider, Purpose, Service};

/// The template's table headers, every version of every language.
pub static HEADER_SETS: &[HeaderSet] = &[
    HeaderSet {
        language: Language::Fr,
        columns: &[
            (Provider, &["Nom du prestataire"]),
            (Service, &["Service et emplacement"]),
            (Name, &["Nom des cookies", "Nom du cookie"]),
            (Purpose, &["Finalités"]),
            (Duration, &["Durée"]),
        ],
    },
    HeaderSet {
        language: Language::En,
        columns: &[
            (Provider, &["Service provider's name"]),
            (Service, &["Function and location"]),
            (Name, &["Cookie name(s)"]),
            (Purpose, &["Purposes"]),
            (Duration, &["Duration"]),
        ],
    },
    // The newer English template (pipe tables with a duration column).
    HeaderSet {
        language: Language::En,
        columns: &[
            (Provider, &["Supplier name"]),
            (Service, &["Service", "Service and location"]),
            (Name, &["Cookie name"]),
            (Purpose, &["Function", "Purpose"]),
            (Duration, &["Duration"]),
        ],
    },
    HeaderSet {
        language: Language::Es,
        columns: &[
            (Provider, &["Nombre del proveedor"]),
            (Service, &["Servicio y ubicación"]),
            (Name, &["Nombre de la cookie", "Nombre de las cookies"]),
            (Purpose, &["Finalidades"]),
            (Duration, &["Duración"]),
        ],
    },
    HeaderSet {
        language: Language::Ca,
        columns: &[
            (Provider, &["Nom del proveïdor"]),
            (Service, &["Servei i ubicació"]),
            (Name, &["Nom de la galeta", "Nom de les galetes"]),
            (Purpose, &["Finalitats"]),
            (Duration, &["Durada"]),
        ],
    },
    HeaderSet {
        language: Language::Nl,
        columns: &[
            (Provider, &["Naam van de aanbieder"]),
            (Service, &["Dienst en locatie"]),
            (Name, &["Naam van de cookie"]),
            (Purpose, &["Doeleinden"]),
            (Duration, &["Duur"]),
        ],
    },
    HeaderSet {
        language: Language::De,
        columns: &[
            (Provider, &["Name des Anbieters"]),
            (Service, &["Dienst und Ort"]),
            (Name, &["Name des Cookies"]),
            (Purpose, &["Zwecke"]),
            (Duration, &["Dauer"]),
        ],
    },
    HeaderSet {
        language: Language::It,
        columns: &[
            (Provider, &["Nome del fornitore"]),
            (Service, &["Servizio e posizione"]),
            (Name, &["Nome del cookie", "Nome dei cookie"]),
            (Purpose, &["Finalità"]),
            (Duration, &["Durata"]),
        ],
    },
];

impl HeaderSet {
    /// The accepted wordings of `role` in this version (empty when it has no such column).
    pub fn wordings(&self, role: ColumnRole) -> &'static [&'static str] {
        self.columns
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(&[], |(_, w)| *w)
    }

    /// Whether `header_key` (a comparison key) is one of this version's wordings for `role`.
    pub fn accepts(&self, role: ColumnRole, header_key: &str) -> bool {
        self.wordings(role)
            .iter()
            .any(|w| wording_key(w).map_or_else(|| key(w) == header_key, |k| k == header_key))
    }
}

/// The comparison key of a wording of [`HEADER_SETS`], worked out once per process (every
/// header cell of every document is compared with them); `None` for another wording (a
/// set built elsewhere), whose key is then worked out on each comparison.
fn wording_key(wording: &str) -> Option<&'static str> {
    static KEYS: OnceLock<FxHashMap<&'static str, String>> = OnceLock::new();
    KEYS.get_or_init(|| {
        HEADER_SETS
            .iter()
            .flat_map(|set| set.columns.iter().flat_map(|(_, wordings)| wordings.iter()))
            .map(|w| (*w, key(w)))
            .collect()
    })
    .get(wording)
    .map(String::as_str)
}

/// The template versions of `language`.
pub fn header_sets(language: Language) -> impl Iterator<Item = &'static HeaderSet> {
    HEADER_SETS.iter().filter(move |s| s.language == language)
}

/// Whether the template has a canonical header for `role` in `language`.
pub fn has_canonical_header(language: Language, role: ColumnRole) -> bool {
    header_sets(language).any(|s| !s.wordings(role).is_empty())
}

/// Whether `header_key` is a canonical wording of `role` in any version of `language`'s
/// template.
pub fn is_canonical_header(language: Language, role: ColumnRole, header_key: &str) -> bool {
    header_sets(language).any(|s| s.accepts(role, header_key))
}

/// The preferred wording of `role` in the version of `language`'s template that best matches
/// the other headers of the table (given as `(role, key)` pairs); the first version wins ties.
pub fn preferred_header(
    language: Language,
    role: ColumnRole,
    table: &[(ColumnRole, &str)],
) -> Option<&'static str> {
    let mut best: Option<(usize, &'static HeaderSet)> = None;
    for set in header_sets(language).filter(|s| !s.wordings(role).is_empty()) {
        let score = table.iter().filter(|(r, k)| set.accepts(*r, k)).count();
        match best {
            Some((s, _)) if s >= score => {}
            _ => best = Some((score, set)),
        }
    }
    best.and_then(|(_, set)| set.wordings(role).first().copied())
}

/// The template's heading for a section role in `language`, as the generator writes it.
pub fn section_heading(language: Language, role: SectionRole) -> Option<&'static str> {
    use Language::{Ca, De, En, Es, Fr, It, Nl};
    use SectionRole::*;
    Some(match (language, role) {
        (Fr, WhatIsACookie) => "Qu'est-ce qu'un cookie ?",
        (Fr, CookieTypes) => "Les différents types de cookies",
        (Fr, CookiesUsed) => "A quoi servent les cookies sur la plateforme",
        (Fr, NecessaryCookies) => {
            "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels"
        }
        (Fr, CookieManagement) => "Gestion des cookies",
        (Fr, Contact) => "Nous contacter",
        (En, WhatIsACookie) => "What is a cookie?",
        (En, CookieTypes) => "Types of cookies",
        (En, CookiesUsed) => "What cookies are used on the platform",
        (En, NecessaryCookies) => {
            "Cookies necessary for the platform to function properly/functionality cookies"
        }
        (En, CookieManagement) => "Managing cookies",
        (En, Contact) => "Contact",
        (Es, WhatIsACookie) => "¿Qué es una cookie?",
        (Es, CookiesUsed) => "¿Para qué sirven las cookies en la plataforma?",
        (Es, NecessaryCookies) => {
            "Cookies necesarias para el buen funcionamiento de la plataforma / cookies funcionales"
        }
        (Ca, WhatIsACookie) => "Què és una galeta?",
        (Ca, CookiesUsed) => "Per a què serveixen les galetes a la plataforma",
        (Ca, NecessaryCookies) => {
            "Galetes necessàries per al bon funcionament de la plataforma / galetes funcionals"
        }
        (Nl, WhatIsACookie) => "Wat is een cookie?",
        (Nl, CookiesUsed) => "Waarvoor worden cookies gebruikt op het platform",
        (Nl, NecessaryCookies) => {
            "Noodzakelijke cookies voor de goede werking van het platform / functionele cookies"
        }
        (De, WhatIsACookie) => "Was ist ein Cookie?",
        (De, CookiesUsed) => "Wofür werden Cookies auf der Plattform verwendet?",
        (De, NecessaryCookies) => {
            "Für den ordnungsgemäßen Betrieb der Plattform notwendige Cookies / Funktionale Cookies"
        }
        (It, WhatIsACookie) => "Che cos'è un cookie?",
        (It, CookiesUsed) => "A cosa servono i cookie sulla piattaforma",
        (It, NecessaryCookies) => {
            "Cookie necessari al buon funzionamento della piattaforma / cookie funzionali"
        }
        _ => return None,
    })
}

/// Every section role, in the order the template writes them.
pub const NATURAL_ORDER: [SectionRole; 11] = SectionRole::ALL;

/// The template order of section roles: the configured required sections in their order,
/// then every other role inserted before the first role that naturally follows it.
pub fn template_order(required: &[SectionRole]) -> Vec<SectionRole> {
    let natural = |role: SectionRole| NATURAL_ORDER.iter().position(|r| *r == role);
    let mut order: Vec<SectionRole> = Vec::with_capacity(NATURAL_ORDER.len());
    for role in required {
        if !order.contains(role) {
            order.push(*role);
        }
    }
    for role in NATURAL_ORDER {
        if order.contains(&role) {
            continue;
        }
        let at = order
            .iter()
            .position(|r| natural(*r) > natural(role))
            .unwrap_or(order.len());
        order.insert(at, role);
    }
    order
}

/// The rank of `role` in `order` (from [`template_order`]). All category sections share the
/// rank of the first one: the template does not order categories among themselves.
pub fn template_rank(order: &[SectionRole], role: SectionRole) -> usize {
    let position = |role: SectionRole| order.iter().position(|r| *r == role);
    let rank = if role.category().is_some() {
        order.iter().position(|r| r.category().is_some())
    } else {
        position(role)
    };
    rank.unwrap_or(order.len())
}

/// A description of a section role in English, for messages when the template's heading in
/// the document's language is not known.
pub fn section_description(role: SectionRole) -> &'static str {
    match role {
        SectionRole::WhatIsACookie => "what is a cookie",
        SectionRole::CookieTypes => "types of cookies",
        SectionRole::CookiesUsed => "what cookies are used on the platform",
        SectionRole::NecessaryCookies => "necessary cookies",
        SectionRole::FunctionalCookies => "functional cookies",
        SectionRole::AnalyticsCookies => "analytics cookies",
        SectionRole::AdvertisingCookies => "advertising cookies",
        SectionRole::SocialCookies => "social-network cookies",
        SectionRole::OtherCookies => "other cookies",
        SectionRole::CookieManagement => "managing cookies",
        SectionRole::Contact => "contact",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::{column_role, section_role};

    #[test]
    fn a_header_set_built_elsewhere_accepts_its_own_wording() {
        let set = HeaderSet {
            language: Language::En,
            columns: &[(ColumnRole::Name, &["Cookie ID"])],
        };
        assert!(set.accepts(ColumnRole::Name, &key("cookie  id")));
        assert!(!set.accepts(ColumnRole::Name, &key("Cookie name")));
        for set in HEADER_SETS {
            for (role, wordings) in set.columns {
                for wording in *wordings {
                    assert!(set.accepts(*role, &key(wording)), "{wording:?}");
                }
            }
        }
    }

    #[test]
    fn canonical_headers_are_recognised_with_their_role() {
        for set in HEADER_SETS {
            for (role, wordings) in set.columns {
                for wording in *wordings {
                    assert_eq!(column_role(&key(wording)), Some(*role), "{wording:?}");
                }
            }
        }
    }

    #[test]
    fn canonical_headings_are_recognised_with_their_role() {
        use SectionRole::*;
        let roles = [
            WhatIsACookie,
            CookieTypes,
            CookiesUsed,
            NecessaryCookies,
            CookieManagement,
            Contact,
        ];
        for language in Language::ALL {
            for role in roles {
                if let Some(heading) = section_heading(language, role) {
                    assert_eq!(section_role(&key(heading)), Some(role), "{heading:?}");
                }
            }
        }
    }

    #[test]
    fn every_language_has_a_header_and_the_main_headings() {
        for language in Language::ALL {
            assert!(
                has_canonical_header(language, ColumnRole::Name),
                "{language:?}"
            );
            for role in [SectionRole::WhatIsACookie, SectionRole::CookiesUsed] {
                assert!(
                    section_heading(language, role).is_some(),
                    "{language:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn template_order_extends_the_required_sections() {
        use SectionRole::*;
        let order = template_order(&[Contact, WhatIsACookie]);
        assert_eq!(order.first(), Some(&CookieTypes));
        assert_eq!(order.len(), NATURAL_ORDER.len());
        let rank = |role| template_rank(&order, role);
        assert!(rank(Contact) < rank(WhatIsACookie));
        assert_eq!(rank(AnalyticsCookies), rank(NecessaryCookies));
        assert_eq!(
            template_order(&[WhatIsACookie, CookiesUsed]),
            NATURAL_ORDER.to_vec()
        );
    }

    #[test]
    fn the_best_matching_version_is_preferred() {
        let newer = [(Provider, "supplier name"), (Name, "cookie name")];
        assert_eq!(
            preferred_header(Language::En, Purpose, &newer),
            Some("Function")
        );
        assert_eq!(
            preferred_header(Language::En, Purpose, &[]),
            Some("Purposes")
        );
        assert!(is_canonical_header(Language::Fr, Name, "nom du cookie"));
        assert!(!is_canonical_header(Language::Fr, Name, "nom du cookies"));
    }
}
