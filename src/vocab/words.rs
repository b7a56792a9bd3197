//! Phrase tables: the known wordings of titles, section headings and column headers, per
//! language. Keys are written in comparison-key form (lower case, straight apostrophes and
//! quotes, `-` for every dash), and each key appears once per table: a wording shared by
//! several languages ("contact", "name", "política de cookies") is listed under the language
//! it is most often seen in, so its `language` is a hint, not a proof.
//!
//! Section phrases are prefixes, matched on a word boundary, and the longest one wins: keep
//! them specific enough not to open ordinary sentences ("cookies" alone, "il existe
//! plusieurs types de cookies"), and leave out banner button labels ("Manage cookies",
//! "Cookie settings") that would turn noise into sections.

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

/// `Role, Language: "phrase", "phrase", ...;` lines, one per role and language.
macro_rules! phrases {
    ($ty:ident { $($role:ident, $lang:ident: $($key:literal),+;)* }) => {
        &[$($($ty { key: $key, role: $role, language: Language::$lang },)+)*]
    };
}

/// `Language: "phrase", "phrase", ...;` lines.
macro_rules! titles {
    ($($lang:ident: $($key:literal),+;)*) => {
        &[$($(TitlePhrase { key: $key, language: Language::$lang },)+)*]
    };
}

/// Titles of the document.
pub static TITLE_PHRASES: &[TitlePhrase] = titles!(
    Fr: "charte cookies", "charte des cookies", "charte relative aux cookies",
        "charte d'utilisation des cookies", "politique cookies", "politique de cookies",
        "politique des cookies", "politique relative aux cookies",
        "politique d'utilisation des cookies", "politique en matière de cookies";
    En: "cookies policy", "cookie policy", "cookie notice", "cookies notice", "cookie statement",
        "cookies charter", "cookie charter";
    Es: "política de cookies", "política sobre cookies", "política de uso de cookies",
        "aviso de cookies";
    Ca: "política de galetes", "política de les galetes", "política sobre galetes",
        "política d'ús de galetes";
    Nl: "cookiebeleid", "cookie-beleid", "cookie beleid", "cookieverklaring", "cookie-verklaring";
    De: "cookie-richtlinie", "cookie-richtlinien", "cookierichtlinie", "cookie richtlinie",
        "cookie-erklärung", "cookie-hinweise", "hinweise zu cookies";
    It: "informativa sui cookie", "informativa sull'uso dei cookie", "informativa cookie",
        "politica sui cookie", "politica dei cookie";
);

use ColumnRole::*;
use SectionRole::*;

/// Section headings.
pub static SECTION_PHRASES: &[SectionPhrase] = phrases!(SectionPhrase {
    WhatIsACookie, Fr: "qu'est ce qu'un cookie", "qu'est-ce qu'un cookie",
        "qu'est ce qu'un \"cookie\"", "qu'est-ce qu'un \"cookie\"",
        "qu'est ce qu'un \" cookie \"", "qu'est-ce qu'un \" cookie \"", "qu'est-ce que les cookies",
        "que sont les cookies";
    WhatIsACookie, En: "what is a cookie", "what are cookies", "what's a cookie";
    WhatIsACookie, Es: "qué es una cookie", "que es una cookie", "qué son las cookies";
    WhatIsACookie, Ca: "què és una galeta", "què són les galetes", "què és una cookie",
        "què són les cookies";
    WhatIsACookie, Nl: "wat is een cookie", "wat zijn cookies";
    WhatIsACookie, De: "was ist ein cookie", "was sind cookies";
    WhatIsACookie, It: "cos'è un cookie", "che cos'è un cookie", "cosa sono i cookie",
        "che cosa sono i cookie";

    CookieTypes, Fr: "les différents types de cookies", "types de cookies", "les types de cookies";
    CookieTypes, En: "types of cookies", "the different types of cookies", "kinds of cookies",
        "cookie types", "categories of cookies";
    CookieTypes, Es: "tipos de cookies", "los distintos tipos de cookies",
        "los diferentes tipos de cookies";
    CookieTypes, Ca: "tipus de galetes", "tipus de cookies", "els diferents tipus de galetes";
    CookieTypes, Nl: "soorten cookies", "de verschillende soorten cookies";
    CookieTypes, De: "arten von cookies", "die verschiedenen arten von cookies", "cookie-arten";
    CookieTypes, It: "tipi di cookie", "tipologie di cookie", "i diversi tipi di cookie";

    CookiesUsed, Fr: "a quoi servent les cookies", "à quoi servent les cookies",
        "quels cookies sont utilisés", "quels sont les cookies utilisés", "les cookies utilisés",
        "utilisation des cookies", "liste des cookies";
    CookiesUsed, En: "what cookies are used", "what are cookies used for",
        "which cookies are used", "what cookies do we use", "which cookies do we use",
        "cookies used on", "the cookies we use", "how we use cookies", "use of cookies",
        "our use of cookies", "list of cookies";
    CookiesUsed, Es: "para qué sirven las cookies", "para qué se utilizan las cookies",
        "qué cookies se utilizan", "qué cookies utiliza", "cookies utilizadas", "uso de cookies";
    CookiesUsed, Ca: "per a què serveixen les galetes", "per a què s'utilitzen les galetes",
        "quines galetes s'utilitzen", "per a què serveixen les cookies",
        "quines cookies s'utilitzen", "ús de galetes";
    CookiesUsed, Nl: "welke cookies worden", "welke cookies gebruikt", "waarvoor worden cookies",
        "waarvoor worden de cookies", "waarvoor dienen de cookies", "gebruik van cookies";
    CookiesUsed, De: "welche cookies werden", "welche cookies verwendet", "wofür werden cookies",
        "wofür werden die cookies", "wozu dienen die cookies", "verwendung von cookies";
    CookiesUsed, It: "a cosa servono i cookie", "quali cookie vengono utilizzati",
        "quali cookie sono utilizzati", "uso dei cookie";

    NecessaryCookies, Fr: "cookies nécessaires", "cookies strictement nécessaires",
        "cookies indispensables", "cookies essentiels", "cookies techniques";
    NecessaryCookies, En: "cookies necessary", "cookies strictly necessary", "necessary cookies",
        "strictly necessary cookies", "essential cookies", "strictly essential cookies",
        "required cookies", "technical cookies";
    NecessaryCookies, Es: "cookies necesarias", "cookies necesarios",
        "cookies estrictamente necesarias", "cookies técnicas", "cookies técnicos",
        "cookies esenciales";
    NecessaryCookies, Ca: "galetes necessàries", "galetes estrictament necessàries",
        "galetes tècniques", "cookies necessàries", "cookies tècniques";
    NecessaryCookies, Nl: "noodzakelijke cookies", "strikt noodzakelijke cookies",
        "essentiële cookies", "technische cookies", "cookies die nodig zijn",
        "cookies die noodzakelijk zijn";
    NecessaryCookies, De: "notwendige cookies", "unbedingt notwendige cookies",
        "technisch notwendige cookies", "erforderliche cookies", "unbedingt erforderliche cookies",
        "technisch erforderliche cookies", "essenzielle cookies", "essentielle cookies";
    NecessaryCookies, It: "cookie necessari", "cookie strettamente necessari", "cookie tecnici",
        "cookie essenziali";

    FunctionalCookies, Fr: "cookies fonctionnels", "cookies de fonctionnalité",
        "cookies de préférences", "cookies de personnalisation";
    FunctionalCookies, En: "functional cookies", "functionality cookies", "preference cookies",
        "preferences cookies";
    FunctionalCookies, Es: "cookies funcionales", "cookies de preferencias",
        "cookies de personalización";
    FunctionalCookies, Ca: "galetes funcionals", "galetes de preferències",
        "galetes de personalització", "cookies funcionals";
    FunctionalCookies, Nl: "functionele cookies", "voorkeurscookies";
    FunctionalCookies, De: "funktionale cookies", "funktionelle cookies", "präferenz-cookies";
    FunctionalCookies, It: "cookie funzionali", "cookie di funzionalità", "cookie di preferenza";

    AnalyticsCookies, Fr: "cookies statistiques", "cookies de statistiques",
        "cookies de mesure d'audience", "cookies d'audience", "cookies analytiques",
        "cookies d'analyse", "cookies de performance";
    AnalyticsCookies, En: "analytics cookies", "analytical cookies", "statistics cookies",
        "statistical cookies", "performance cookies", "audience measurement cookies";
    AnalyticsCookies, Es: "cookies de análisis", "cookies analíticas", "cookies estadísticas",
        "cookies de rendimiento", "cookies de medición";
    AnalyticsCookies, Ca: "galetes d'anàlisi", "galetes analítiques", "galetes estadístiques",
        "galetes de rendiment", "cookies d'anàlisi", "cookies analítiques";
    AnalyticsCookies, Nl: "analytische cookies", "statistische cookies", "analysecookies",
        "prestatiecookies";
    AnalyticsCookies, De: "analyse-cookies", "statistik-cookies", "performance-cookies",
        "leistungs-cookies";
    AnalyticsCookies, It: "cookie analitici", "cookie di analisi", "cookie statistici",
        "cookie di prestazione";

    AdvertisingCookies, Fr: "cookies publicitaires", "cookies de publicité", "cookies de ciblage",
        "cookies marketing", "cookies de marketing";
    AdvertisingCookies, En: "advertising cookies", "advertisement cookies", "marketing cookies",
        "targeting cookies", "tracking cookies";
    AdvertisingCookies, Es: "cookies publicitarias", "cookies de publicidad",
        "cookies de segmentación";
    AdvertisingCookies, Ca: "galetes publicitàries", "galetes de publicitat",
        "galetes de màrqueting", "cookies publicitàries";
    AdvertisingCookies, Nl: "advertentiecookies", "marketingcookies", "trackingcookies";
    AdvertisingCookies, De: "werbe-cookies", "werbecookies", "marketing-cookies",
        "targeting-cookies";
    AdvertisingCookies, It: "cookie pubblicitari", "cookie di profilazione", "cookie di marketing";

    SocialCookies, Fr: "cookies de réseaux sociaux", "cookies des réseaux sociaux";
    SocialCookies, En: "social media cookies", "social network cookies",
        "social networking cookies";
    SocialCookies, Es: "cookies de redes sociales";
    SocialCookies, Ca: "galetes de xarxes socials", "cookies de xarxes socials";
    SocialCookies, Nl: "cookies van sociale media", "sociale-mediacookies";
    SocialCookies, De: "social-media-cookies", "cookies sozialer netzwerke";
    SocialCookies, It: "cookie dei social network", "cookie di social network",
        "cookie dei social media";

    OtherCookies, Fr: "autres cookies";
    OtherCookies, En: "other cookies";
    OtherCookies, Es: "otras cookies";
    OtherCookies, Ca: "altres galetes", "altres cookies";
    OtherCookies, Nl: "overige cookies", "andere cookies";
    OtherCookies, De: "sonstige cookies", "weitere cookies";
    OtherCookies, It: "altri cookie";

    CookieManagement, Fr: "gestion des cookies", "comment gérer les cookies",
        "paramétrage des cookies", "comment refuser les cookies", "comment désactiver les cookies",
        "accepter ou refuser les cookies";
    CookieManagement, En: "managing cookies", "how to manage cookies", "cookie management",
        "controlling cookies", "how to control cookies", "how to disable cookies",
        "how to refuse cookies", "accepting or refusing cookies";
    CookieManagement, Es: "gestión de cookies", "gestión de las cookies",
        "cómo gestionar las cookies", "cómo desactivar las cookies";
    CookieManagement, Ca: "gestió de les galetes", "gestió de galetes",
        "com gestionar les galetes", "com desactivar les galetes", "gestió de les cookies";
    CookieManagement, Nl: "beheer van cookies", "hoe kunt u cookies beheren",
        "hoe kan ik cookies beheren", "cookies uitschakelen";
    CookieManagement, De: "verwaltung von cookies", "cookie-verwaltung",
        "wie kann ich cookies verwalten", "wie sie cookies verwalten", "cookies deaktivieren";
    CookieManagement, It: "gestione dei cookie", "come gestire i cookie",
        "come disabilitare i cookie";

    Contact, Fr: "nous contacter", "contactez-nous", "contactez nous", "coordonnées",
        "délégué à la protection des données";
    Contact, En: "contact", "contacts", "how to contact us", "data protection officer";
    Contact, Es: "contacto", "contáctenos", "delegado de protección de datos";
    Contact, Ca: "contacte", "contacteu-nos", "delegat de protecció de dades";
    Contact, Nl: "contactgegevens", "contact opnemen", "functionaris voor gegevensbescherming";
    Contact, De: "kontakt", "kontaktieren sie uns", "datenschutzbeauftragte",
        "datenschutzbeauftragter";
    Contact, It: "contatti", "contattaci", "responsabile della protezione dei dati";
});

/// Table column headers, and the keys of key-value entries ("Name: sessionid").
pub static COLUMN_PHRASES: &[ColumnPhrase] = phrases!(ColumnPhrase {
    Provider, Fr: "nom du prestataire", "prestataire", "fournisseur", "nom du fournisseur",
        "éditeur", "émetteur";
    Provider, En: "service provider's name", "service provider", "service provider name",
        "supplier name", "provider name", "provider", "supplier";
    Provider, Es: "proveedor", "nombre del proveedor", "prestador";
    Provider, Ca: "proveïdor", "nom del proveïdor";
    Provider, Nl: "aanbieder", "naam aanbieder", "naam van de aanbieder", "leverancier",
        "naam leverancier", "naam van de leverancier";
    Provider, De: "anbieter", "anbietername", "name des anbieters", "dienstleister",
        "name des dienstleisters";
    Provider, It: "fornitore", "nome del fornitore", "nome fornitore";

    Service, Fr: "service et emplacement", "fonction et emplacement";
    Service, En: "service", "function and location", "service and location";
    Service, Es: "servicio", "servicio y ubicación", "función y ubicación";
    Service, Ca: "servei", "servei i ubicació", "funció i ubicació";
    Service, Nl: "dienst", "dienst en locatie", "functie en locatie";
    Service, De: "dienst und ort", "dienst und speicherort", "funktion und ort",
        "funktion und speicherort";
    Service, It: "servizio", "servizio e posizione", "servizio e ubicazione",
        "funzione e posizione";

    Name, Fr: "nom", "nom du cookie", "nom des cookies", "nom du cookies";
    Name, En: "name", "cookie", "cookies", "cookie name", "cookie name(s)", "cookie names",
        "name of the cookie";
    Name, Es: "nombre", "nombre de la cookie", "nombre de las cookies", "nombre de cookie";
    Name, Ca: "galeta", "galetes", "nom de la galeta", "nom de les galetes", "nom de la cookie";
    Name, Nl: "naam", "cookienaam", "naam cookie", "naam van de cookie";
    Name, De: "cookie-name", "cookiename", "name des cookies", "bezeichnung";
    Name, It: "nome", "nome del cookie", "nome dei cookie", "nome cookie";

    Purpose, Fr: "finalité", "finalités", "objet", "fonction", "utilité";
    Purpose, En: "purpose", "purposes", "function", "description", "usage";
    Purpose, Es: "finalidad", "finalidades", "propósito", "función", "descripción";
    Purpose, Ca: "finalitat", "finalitats", "propòsit", "funció", "descripció";
    Purpose, Nl: "doel", "doeleinde", "doeleinden", "functie", "beschrijving", "omschrijving";
    Purpose, De: "zweck", "zwecke", "verwendungszweck", "funktion", "beschreibung";
    Purpose, It: "finalità", "scopo", "funzione", "descrizione";

    Duration, Fr: "durée", "durée de conservation", "durée de vie", "délai de conservation";
    Duration, En: "duration", "expiration", "expiry", "expires", "retention period", "retention",
        "storage period", "lifetime", "lifespan";
    Duration, Es: "duración", "caducidad", "expiración", "vencimiento", "plazo de conservación";
    Duration, Ca: "durada", "caducitat", "expiració", "termini de conservació";
    Duration, Nl: "duur", "looptijd", "bewaartermijn", "bewaarperiode", "vervaldatum",
        "geldigheid";
    Duration, De: "dauer", "speicherdauer", "laufzeit", "lebensdauer", "ablauf", "ablaufdatum",
        "gültigkeit";
    Duration, It: "durata", "durata di conservazione", "scadenza", "conservazione";

    Category, Fr: "catégorie";
    Category, En: "category", "type", "cookie type", "cookie category";
    Category, Es: "categoría", "tipo";
    Category, Ca: "tipus";
    Category, Nl: "categorie", "soort";
    Category, De: "kategorie", "typ";
    Category, It: "categoria", "tipologia";

    Value, Fr: "valeur", "contenu";
    Value, En: "value", "content", "example value";
    Value, Es: "valor";
    Value, Ca: "contingut";
    Value, Nl: "waarde", "inhoud";
    Value, De: "wert", "inhalt";
    Value, It: "valore", "contenuto";
});
