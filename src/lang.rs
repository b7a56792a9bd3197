//! Language identification from built-in word lists (no model, no download).
//!
//! A text, given as a comparison key (see [`crate::normalize::key`]), is split into words;
//! each word found in a language's list of frequent words is one hit for that language. A
//! word frequent in several languages ("de", "la", "die", "in") sits in each of their
//! lists, so it adds to all of them and cannot decide alone. The best language is returned
//! only when it has strictly more hits than every other one; otherwise the text carries no
//! evidence (a cookie name, a provider, a number) or mixed evidence, and the answer is
//! `None`.
//!
//! Invariants: detection never allocates per call and never panics; the word lists are
//! sorted, free of duplicates and written in comparison-key form (checked by tests); the
//! merged index is built once per process. Evidence is additive, so the language of a whole
//! document is the [`LanguageEvidence::best`] of the sum of its parts' evidence.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use rustc_hash::FxHasher;

use serde::Serialize;

/// A language the template exists in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French.
    Fr,
    /// English.
    En,
    /// Spanish.
    Es,
    /// Catalan.
    Ca,
    /// Dutch.
    Nl,
    /// German.
    De,
    /// Italian.
    It,
}

impl Language {
    /// Every supported language, in a fixed order.
    pub const ALL: [Language; 7] = [
        Language::Fr,
        Language::En,
        Language::Es,
        Language::Ca,
        Language::Nl,
        Language::De,
        Language::It,
    ];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
            Language::Es => "es",
            Language::Ca => "ca",
            Language::Nl => "nl",
            Language::De => "de",
            Language::It => "it",
        }
    }

    /// Parses an ISO 639-1 code.
    pub fn from_code(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The language of a piece of text given as a comparison key, or `None` when the text
/// carries too little evidence (a cookie name, a provider, a number) or evidence for two
/// languages in equal measure.
///
/// Same as `LanguageEvidence::of(key).best()`.
pub fn detect(key: &str) -> Option<Language> {
    LanguageEvidence::of(key).best()
}

/// Word hits per language, in the order of [`Language::ALL`].
///
/// Evidence adds up: summing the evidence of a document's paragraphs and cells gives the
/// evidence of the document without building its whole text.
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct LanguageEvidence {
    counts: [u32; 7],
}

impl LanguageEvidence {
    /// The evidence carried by one text, given as a comparison key.
    ///
    /// The words of a URL are not evidence: an English policy citing
    /// `https://www.cnil.fr/fr/cookies-et-autres-traceurs` is not written in French.
    pub fn of(key: &str) -> Self {
        let mut evidence = LanguageEvidence::default();
        if !may_hold_url(key) {
            for_each_word(key, |word| evidence.record(languages_of(word)));
            return evidence;
        }
        for token in key.split_whitespace().filter(|token| !is_url(token)) {
            for_each_word(token, |word| evidence.record(languages_of(word)));
        }
        evidence
    }

    /// Adds another text's evidence to this one.
    pub fn add(&mut self, other: Self) {
        for (count, more) in self.counts.iter_mut().zip(other.counts) {
            *count = count.saturating_add(more);
        }
    }

    /// The number of hits for one language.
    pub fn count(&self, language: Language) -> u32 {
        self.counts.get(language as usize).copied().unwrap_or(0)
    }

    /// The language with strictly more hits than every other one, or `None` when no
    /// language has a hit or the two best are tied.
    ///
    /// One hit is enough: a table cell like "13 mois" or "(front et back office)" has only
    /// one telling word, and a tie already rejects words shared by the two best languages.
    pub fn best(&self) -> Option<Language> {
        let top = self.counts.iter().copied().max().unwrap_or(0);
        let mut leaders = Language::ALL
            .into_iter()
            .zip(self.counts)
            .filter(|&(_, count)| count == top);
        match (leaders.next(), leaders.next()) {
            (Some((language, _)), None) if top > 0 => Some(language),
            _ => None,
        }
    }

    /// Counts one hit for every language in `mask` (bit `i` is `Language::ALL[i]`).
    fn record(&mut self, mask: u8) {
        // Only the bits set are visited: a word is listed in a few languages at most.
        let mut bits = mask;
        while bits != 0 {
            if let Some(count) = self.counts.get_mut(bits.trailing_zeros() as usize) {
                *count = count.saturating_add(1);
            }
            bits &= bits - 1;
        }
    }
}

/// Calls `visit` with every word of `key`, in the form to look up.
///
/// A word is a run of letters, digits and underscores, so that cookie names such as
/// `django_language` or `_pk_id` stay one (unknown) word instead of yielding English
/// "language". A dot or a Catalan middle dot between two word characters joins them
/// (`_pk_id.1`, `opendata.paris.fr`, `col·lecció`). An apostrophe between two word
/// characters splits the word but is kept on both sides, so that the elided French
/// `qu'`/`l'`/`d'`, Italian `un'`/`dell'` and English `'s`/`'t` can be listed; when that
/// form is unknown, the bare word is used instead ("provider's" counts "provider").
/// Whether `text` may hold a URL ([`is_url`]): a quick test that most texts fail.
fn may_hold_url(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"://").is_some()
        || memchr::memmem::find(text.as_bytes(), b"www.").is_some()
}

/// Whether a whitespace-free token is (or wraps, in brackets or quotes) a URL: it has a
/// scheme's `://` or starts with `www.`.
fn is_url(token: &str) -> bool {
    let bare = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    token.contains("://") || bare.starts_with("www.")
}

fn for_each_word(key: &str, mut visit: impl FnMut(&str)) {
    let bytes = key.as_bytes();
    // The character at byte `at` (an ASCII byte is its own character); a space past the
    // end, which ends the last word like any other.
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b.is_ascii() => char::from(b),
        Some(_) => key
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .unwrap_or(' '),
        None => ' ',
    };
    // The current word as (where its apostrophe form starts, where its letters start).
    let mut word: Option<(usize, usize)> = None;
    let mut apostrophe: Option<usize> = None;
    let mut at = 0;
    while at <= bytes.len() {
        let c = char_at(at);
        let next = at + c.len_utf8();
        if is_word_char(c) {
            if word.is_none() {
                word = Some((apostrophe.take().unwrap_or(at), at));
            }
            // The rest of a run of ASCII word characters, without decoding them.
            at = next
                + bytes
                    .get(next..)
                    .unwrap_or_default()
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
                    .unwrap_or(bytes.len().saturating_sub(next));
            continue;
        }
        let Some((lead, start)) = word else {
            at = next;
            continue;
        };
        let joins_next = next < bytes.len() && is_word_char(char_at(next));
        if joins_next && matches!(c, '.' | '\u{B7}') {
            at = next;
            continue;
        }
        let elided = joins_next && c == '\'';
        let bare = key.get(start..at).unwrap_or_default();
        // The apostrophe is ASCII, so `at + 1` is a character boundary.
        let with_apostrophe = key.get(lead..if elided { at + 1 } else { at });
        visit(match with_apostrophe {
            Some(form) if form.len() != bare.len() && languages_of(form) != 0 => form,
            _ => bare,
        });
        word = None;
        apostrophe = elided.then_some(at);
        at = next;
    }
}

/// Letters, digits and the underscore of cookie names.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The languages whose list holds `word`, as a bit mask over [`Language::ALL`].
fn languages_of(word: &str) -> u8 {
    let index = index();
    if word.len() <= index.longest {
        if let Some(&mask) = index.words.get(word) {
            return mask;
        }
    }
    // The middle dot of "l·l" exists only in Catalan spelling.
    if word.contains('·') {
        1 << Language::Ca as u8
    } else {
        0
    }
}

/// All lists merged into one hash map from word to language mask, so that a word costs one
/// hash and one comparison instead of seven searches; built on first use.
struct Index {
    words: HashMap<&'static str, u8, BuildHasherDefault<FxHasher>>,
    /// The byte length of the longest word: longer words are not looked up.
    longest: usize,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut words: HashMap<&'static str, u8, BuildHasherDefault<FxHasher>> = HashMap::default();
        for language in Language::ALL {
            let bit = 1u8 << language as u8;
            for &word in self::words(language) {
                *words.entry(word).or_default() |= bit;
            }
        }
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Index { words, longest }
    })
}

/// The frequent words of one language.
fn words(language: Language) -> &'static [&'static str] {
    match language {
        Language::Fr => FR,
        Language::En => EN,
        Language::Es => ES,
        Language::Ca => CA,
        Language::Nl => NL,
        Language::De => DE,
        Language::It => IT,
    }
}

// The lists hold function words and the template's frequent words. A word frequent in
// several languages goes in each of their lists rather than in none: being shared is what
// keeps it from deciding alone, and it still tells those languages from the others.
// Loanwords used everywhere ("cookie", "web", "internet", "front", "back", "office",
// "analytics", "via", "etc") are in no list, and neither are English words that are also
// common cookie or provider names ("consent", "token", the "tag" of Google Tag Manager).
// Three exceptions, weighed: Catalan "et" (a pronoun) and French "y" (rare in these texts)
// are left out, so that French "et" and Spanish "y" stay telling in untranslated fragments
// such as "(front et back office)"; both languages have plenty of other words. Catalan
// "des" only opens "des de", whose "de" counts already; listing it would tie the French
// header "Nom des cookies" with Catalan.
// Each list is sorted by bytes (the order `str` compares in, so accented words come last)
// and kept several words to a line, hence `rustfmt::skip`.

#[rustfmt::skip]
static FR: &[&str] = &[
    "afin", "ainsi", "alors", "an", "année", "années", "ans", "appareil", "appels", "après", "au",
    "aucun", "aucune", "auprès", "aussi", "authentification", "autre", "autres", "aux", "avec",
    "avez", "avoir", "avons", "bon", "c'", "car", "catégorie", "ce", "ceci", "cela", "celle",
    "celles", "celui", "certaine", "certaines", "certains", "ces", "cet", "cette", "ceux", "chaque",
    "charte", "chez", "choisie", "choix", "comme", "comment", "concernant", "consentement",
    "conservation", "contenu", "courant", "d'", "dans", "de", "des", "deux", "dire", "dits", "donc",
    "dont", "du", "durée", "déposé", "déposés", "elle", "elles", "en", "encore", "enregistrer",
    "entre", "est", "et", "expiration", "façon", "fin", "finalité", "finalités", "fois",
    "fonctionnels", "fonctionnement", "fournisseur", "gestion", "généralement", "heure", "heures",
    "identifiant", "identifié", "il", "ils", "information", "informations", "internaute", "j'",
    "je", "jour", "jours", "jusqu'", "l'", "la", "langue", "laquelle", "le", "lequel", "les",
    "leur", "leurs", "lorsqu'", "lorsque", "lui", "m'", "mais", "marchand", "mesure", "minutes",
    "mois", "mémoriser", "même", "n'", "navigateur", "navigation", "ne", "ni", "nom", "non", "nos",
    "notre", "nous", "nécessaire", "nécessaires", "on", "ont", "opéré", "ou", "où", "page", "pages",
    "panier", "par", "parmi", "pas", "pendant", "permet", "permettant", "permettent", "personne",
    "personnelles", "peut", "peuvent", "plateforme", "plus", "plusieurs", "politique", "possible",
    "pour", "pouvez", "prestataire", "préférences", "publicitaires", "puisqu'", "qu'", "quand",
    "que", "quel", "quelle", "quelles", "quelqu'", "quels", "qui", "quoi", "récupérer", "s'", "sa",
    "sans", "se", "secondes", "selon", "semaine", "semaines", "sera", "seront", "serveur", "servir",
    "ses", "session", "si", "site", "son", "sont", "souvenir", "souvent", "statistiques", "suite",
    "suivre", "sur", "sélection", "t'", "tels", "tiers", "tous", "tout", "toute", "toutes", "très",
    "types", "un", "une", "utilisateur", "utilisateurs", "utilise", "utiliser", "utilisons",
    "utilisées", "utilisés", "valeur", "vie", "visiteur", "vos", "votre", "vous", "à", "ça", "été",
    "être",
];

#[rustfmt::skip]
static EN: &[&str] = &[
    "'ll", "'re", "'s", "'t", "'ve", "about", "after", "again", "all", "allow", "allows", "also",
    "an", "and", "another", "any", "are", "as", "authentication", "be", "been", "before", "being",
    "best", "between", "both", "browser", "browsing", "but", "by", "calls", "can", "cannot",
    "category", "certain", "choices", "collect", "could", "data", "day", "days", "default", "do",
    "does", "duration", "each", "either", "ensure", "every", "example", "expiration", "expires",
    "expiry", "first", "for", "from", "function", "functionality", "functions", "further", "has",
    "have", "hour", "hours", "how", "however", "if", "in", "information", "into", "is", "it", "its",
    "keep", "keeps", "kept", "language", "lifetime", "made", "make", "many", "may", "minutes",
    "month", "months", "more", "most", "much", "must", "name", "necessary", "needed", "no", "not",
    "of", "on", "only", "or", "order", "other", "others", "our", "out", "over", "own", "page",
    "pages", "period", "personal", "platform", "policy", "possible", "preferences", "properly",
    "provide", "provider", "purpose", "purposes", "related", "remember", "remembering", "remembers",
    "required", "retention", "retrieve", "same", "see", "selection", "sent", "session", "several",
    "should", "site", "so", "some", "statistical", "store", "stored", "strictly", "such",
    "supplier", "than", "that", "the", "their", "them", "then", "there", "these", "they", "third",
    "this", "those", "through", "time", "to", "track", "tracking", "two", "types", "under", "until",
    "up", "us", "use", "used", "user", "users", "uses", "using", "value", "visit", "visited",
    "visiting", "visitor", "visitors", "was", "we", "website", "websites", "week", "weeks", "were",
    "what", "when", "where", "whether", "which", "while", "who", "will", "with", "within", "would",
    "year", "years", "you", "your",
];

#[rustfmt::skip]
static ES: &[&str] = &[
    "al", "algunas", "algunos", "analíticas", "antes", "análisis", "así", "autenticación", "año",
    "años", "buen", "cada", "como", "con", "configuración", "consentimiento", "correcto", "cual",
    "cuales", "cuando", "cuál", "datos", "de", "del", "desde", "después", "duración", "durante",
    "día", "días", "el", "elección", "ella", "ellos", "en", "entre", "es", "esa", "ese", "eso",
    "esta", "estas", "este", "esto", "estos", "está", "están", "fin", "finalidad", "finalidades",
    "funcionamiento", "garantizar", "ha", "han", "hasta", "hay", "horas", "idioma", "información",
    "la", "las", "le", "les", "llamadas", "lo", "los", "mediante", "mejor", "meses", "mientras",
    "minutos", "mismo", "muy", "más", "navegación", "navegador", "necesarias", "ni", "no", "nombre",
    "nos", "nuestra", "nuestras", "nuestro", "nuestros", "o", "ofrecer", "ofrecerle", "opciones",
    "otra", "otras", "otro", "otros", "para", "permite", "permiten", "pero", "poder", "política",
    "por", "posible", "preferencias", "propias", "propio", "proveedor", "puede", "pueden", "página",
    "páginas", "que", "qué", "recordar", "recuperar", "relativas", "se", "selección", "semana",
    "semanas", "servicio", "sesión", "si", "sin", "sitio", "sobre", "solo", "son", "su", "sus",
    "también", "terceros", "tiene", "tienen", "tipo", "todas", "todos", "tu", "tus", "técnicas",
    "un", "una", "unas", "unos", "usamos", "usted", "usuario", "usuarios", "utiliza", "utilizamos",
    "utilizan", "vez", "visita", "visitante", "y", "ya",
];

#[rustfmt::skip]
static CA: &[&str] = &[
    "al", "als", "amb", "analítiques", "any", "anys", "aquest", "aquesta", "aquestes", "aquests",
    "autenticació", "bon", "cada", "com", "configuració", "consentiment", "correcte", "crides",
    "d'", "dades", "de", "del", "dels", "dia", "dies", "durada", "durant", "el", "elecció", "els",
    "em", "en", "ens", "entre", "es", "fer", "finalitat", "finalitats", "fins", "funcionament",
    "galeta", "galetes", "garantir", "ha", "han", "hi", "ho", "hores", "i", "idioma", "informació",
    "l'", "la", "les", "lloc", "m'", "mesos", "millor", "minuts", "mitjançant", "més", "n'",
    "navegació", "navegador", "necessàries", "ni", "no", "nom", "nostra", "nostre", "nostres", "o",
    "oferir", "on", "opcions", "pel", "pels", "per", "perquè", "però", "poden", "política",
    "possible", "pot", "preferències", "proveïdor", "pàgina", "pàgines", "quan", "que", "quina",
    "quines", "què", "recordar", "recuperar", "relatives", "s'", "se", "segons", "selecció",
    "sense", "servei", "servir", "sessió", "setmana", "setmanes", "seu", "seus", "seva", "seves",
    "si", "sobre", "són", "t'", "també", "tercers", "tipus", "tot", "totes", "tots", "un", "una",
    "us", "usuari", "usuaris", "utilitza", "utilitzem", "utilitzen", "visita", "visitant", "vostra",
    "vostre", "vostres", "és",
];

#[rustfmt::skip]
static NL: &[&str] = &[
    "aan", "aanbieder", "af", "al", "alle", "alleen", "als", "altijd", "andere", "authenticatie",
    "beleid", "bepaalde", "best", "beste", "bezoek", "bezoeker", "bezoekers", "bieden", "bij",
    "bijvoorbeeld", "binnen", "browser", "cookiebeleid", "dag", "dagen", "dan", "dat", "de", "deze",
    "die", "dienst", "diensten", "dit", "doel", "doeleinden", "door", "duur", "een", "eigen", "en",
    "er", "functionele", "functioneren", "gebruik", "gebruiken", "gebruiker", "gebruikers",
    "gebruikt", "geen", "gegevens", "goed", "goede", "hebben", "heeft", "het", "hoe", "hun", "in",
    "instellingen", "is", "jaar", "je", "jouw", "kan", "keuze", "keuzes", "kunnen", "kunt",
    "leverancier", "maanden", "maar", "meer", "met", "minuten", "moet", "mogelijk", "mogelijke",
    "naam", "naar", "niet", "nog", "noodzakelijk", "noodzakelijke", "of", "om", "onder", "ons",
    "onthouden", "onze", "ook", "op", "ophalen", "over", "periode", "sessie", "sommige", "taal",
    "taalkeuze", "taalselectie", "te", "tot", "tussen", "u", "uit", "uur", "uw", "van", "vanaf",
    "verzamelen", "voor", "voorkeuren", "waar", "wanneer", "wat", "we", "website", "websites",
    "weken", "welke", "werking", "wij", "worden", "wordt", "zal", "zich", "zijn", "zo", "zoals",
    "zodat",
];

#[rustfmt::skip]
static DE: &[&str] = &[
    "ab", "abrufen", "alle", "als", "am", "an", "anbieter", "anbieters", "andere", "auch", "auf",
    "aus", "auswahl", "authentifizierung", "bei", "beim", "benutzer", "bestimmte", "bestmöglichen",
    "besucher", "besuchers", "bieten", "bis", "browser", "da", "damit", "dann", "das", "dass",
    "daten", "datenschutz", "dauer", "dem", "den", "der", "des", "die", "dienst", "dienste", "dies",
    "diese", "diesem", "diesen", "dieser", "dieses", "du", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "einstellungen", "ende", "erforderlich", "erforderliche", "es", "funktion",
    "funktionen", "für", "gespeichert", "gewährleisten", "haben", "hat", "ihnen", "ihr", "ihre",
    "ihrem", "ihren", "ihrer", "im", "in", "informationen", "ist", "jahr", "jahre", "jahren",
    "kann", "keine", "können", "man", "merken", "minuten", "mit", "monat", "monate", "monaten",
    "nach", "name", "nicht", "noch", "notwendig", "notwendige", "nur", "nutzer", "nutzung", "oder",
    "ohne", "richtlinie", "sich", "sie", "sind", "sitzung", "so", "sowie", "speicherdauer",
    "speichern", "sprachauswahl", "sprache", "stunden", "tage", "tagen", "um", "und", "uns",
    "unser", "unsere", "unserer", "verwenden", "verwendet", "von", "vor", "warum", "was",
    "webseite", "website", "wenn", "werden", "wie", "wir", "wird", "wochen", "zu", "zum", "zur",
    "zweck", "zwecke", "zwischen", "über",
];

#[rustfmt::skip]
static IT: &[&str] = &[
    "agli", "ai", "al", "alcune", "alcuni", "all'", "alla", "alle", "allo", "anche", "anni", "anno",
    "autenticazione", "browser", "c'", "che", "chi", "chiamate", "ci", "come", "con", "consenso",
    "corretto", "cos'", "così", "cui", "da", "dai", "dal", "dall'", "dalla", "dalle", "dati",
    "degli", "dei", "del", "dell'", "della", "delle", "dello", "di", "dopo", "due", "durante",
    "durata", "e", "essere", "finalità", "fino", "fornitore", "funzionamento", "garantire",
    "giorni", "gli", "ha", "hanno", "i", "il", "impostazioni", "in", "informativa", "informazioni",
    "l'", "la", "le", "lingua", "lo", "loro", "ma", "mesi", "miglior", "migliore", "minuti",
    "navigazione", "ne", "necessari", "negli", "nei", "nel", "nell'", "nella", "nelle", "nome",
    "non", "nostra", "nostre", "nostri", "nostro", "o", "ogni", "oppure", "ore", "parti", "per",
    "piattaforma", "più", "possibile", "possono", "preferenze", "prima", "proprio", "può", "quale",
    "quali", "quando", "quello", "quest'", "questa", "queste", "questi", "questo", "recuperare",
    "relative", "ricordare", "sarà", "scelta", "scelte", "se", "selezione", "senza", "servizio",
    "sessione", "settimana", "settimane", "si", "sia", "sito", "solo", "sono", "statistici", "sua",
    "sue", "sui", "sul", "sull'", "sulla", "suo", "suoi", "tecnici", "terze", "terzi", "tipo",
    "tra", "tramite", "tutte", "tutti", "tutto", "un", "un'", "una", "uno", "utente", "utenti",
    "utilizza", "utilizzano", "utilizzati", "utilizziamo", "vengono", "viene", "visita",
    "visitatore", "vostro", "è",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::key;
    use Language::*;

    /// The words of `key` found by decoding every character (the scanner skips runs of ASCII
    /// word characters without decoding them).
    fn words_by_char(key: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = key
            .char_indices()
            .chain(std::iter::once((key.len(), ' ')))
            .peekable();
        let mut word: Option<(usize, usize)> = None;
        let mut apostrophe: Option<usize> = None;
        while let Some((at, c)) = chars.next() {
            if is_word_char(c) {
                if word.is_none() {
                    word = Some((apostrophe.take().unwrap_or(at), at));
                }
                continue;
            }
            let Some((lead, start)) = word else {
                continue;
            };
            let joins_next = chars.peek().is_some_and(|&(_, next)| is_word_char(next));
            if joins_next && matches!(c, '.' | '\u{B7}') {
                continue;
            }
            let elided = joins_next && c == '\'';
            let bare = &key[start..at];
            let form = &key[lead..if elided { at + 1 } else { at }];
            out.push(if form.len() != bare.len() && languages_of(form) != 0 {
                form.to_owned()
            } else {
                bare.to_owned()
            });
            word = None;
            apostrophe = elided.then_some(at);
        }
        out
    }

    #[test]
    fn words_are_split_as_by_a_scan_of_every_character() {
        let alphabet = [
            "a",
            "Z",
            "7",
            "_",
            " ",
            ".",
            "\u{B7}",
            "'",
            "-",
            "\u{E9}",
            "\u{153}",
            "\u{2019}",
            "\u{A0}",
            "\u{3B1}",
            "\u{1D7D8}",
            "l",
            "qu",
            "d",
            "col",
            "lecci\u{F3}",
            "the",
            "s",
        ];
        let mut next = crate::testing::pseudo_random(0x2545_F491_4F6C_DD1D_u64);
        for _ in 0..20_000 {
            let key = crate::testing::random_text(&mut next, &alphabet, 16);
            let mut words = Vec::new();
            for_each_word(&key, |w| words.push(w.to_owned()));
            assert_eq!(words, words_by_char(&key), "{key:?}");
        }
    }

    /// Checks each line of a table "code: sample | sample | ...", where the code is the
    /// expected language or "none". Samples are raw text; the key is built here, as callers do.
    fn check(table: &[&str]) {
        for line in table {
            let (code, samples) = line.split_once(": ").unwrap_or_default();
            let expected = Language::from_code(code);
            assert!(expected.is_some() || code == "none", "bad line {line:?}");
            for sample in samples.split(" | ") {
                let evidence = LanguageEvidence::of(&key(sample));
                assert_eq!(evidence.best(), expected, "{sample:?}: {evidence:?}");
                assert_eq!(detect(&key(sample)), expected);
            }
        }
    }

    #[test]
    fn lists_are_sorted_unique_and_in_key_form() {
        for language in Language::ALL {
            let list = words(language);
            for (a, b) in list.iter().zip(list.iter().skip(1)) {
                assert!(a < b, "{language:?}: {a:?} {b:?} unsorted or duplicated");
            }
            for &word in list {
                assert_eq!(key(word), word, "{language:?}: {word:?} is not a key");
                // Every entry must be reachable: one word, with an apostrophe only where
                // the tokenizer keeps one (after an elided word, before an English clitic).
                let letters = word.trim_start_matches('\'').trim_end_matches('\'');
                assert!(!letters.is_empty() && letters.chars().all(char::is_alphabetic));
                assert!(letters.len() + 1 >= word.len(), "{word:?}");
            }
        }
        let merged = index();
        for language in Language::ALL {
            for &word in words(language) {
                let mask = merged.words.get(word).copied().unwrap_or(0);
                assert!(mask & (1 << language as u8) != 0, "{word:?}");
                assert!(word.len() <= merged.longest);
            }
        }
        assert_eq!(
            merged.words.len(),
            Language::ALL
                .iter()
                .flat_map(|&l| words(l).iter())
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        );
    }

    #[test]
    fn untranslated_fragment_in_a_table() {
        check(&[
            "fr: (front et back office) | API (CSRF) (front et back office)",
            "en: Authentication (front and back office)",
            "fr: Sélection de la langue (front et back office)",
            "en: Language selection (front and back office)",
            "es: (front y back office) | Autenticación (front y back office)",
            "ca: Autenticació (front i back office)",
            "it: Autenticazione (front e back office)",
            "nl: Authenticatie (front en back office)",
            "de: Authentifizierung (Front- und Back-Office)",
            // Dutch "en" is also the Romance preposition "en", so it cannot decide alone.
            "none: (front en back office)",
        ]);
    }

    #[test]
    fn names_and_numbers_carry_no_evidence() {
        check(&[
            "none:  | 13 | sessionid | Opendatasoft | csrftoken | django_language | _ga | _pk_id.*",
            "none: cookies_preferences | _hjSessionUser; _hjid | XSRF-TOKEN | SSESS<ID> | {num}",
            "none: CONSENT | Google Analytics | Google Tag Manager | AT Internet | Matomo | Hotjar",
            "none: API (CSRF) | https://opendata.paris.fr | Cookies | Cookie | Type | Description",
        ]);
    }

    #[test]
    fn durations() {
        check(&[
            "fr: 13 mois | 2 semaines | Durée de conservation | Jusqu'à 13 mois",
            "en: 2 weeks | 2 weeks by default | 12 months | Duration",
            "en: Token reset between two sessions. Up to 12 months",
            "es: 2 semanas | 12 meses | Duración | Hasta el fin de la sesión",
            "ca: 2 setmanes | 12 mesos | Durada | Fins al final de la sessió",
            "it: 2 settimane | 12 mesi | Durata | Fino alla fine della sessione",
            "nl: 2 weken | 12 maanden | Duur | Tot het einde van de sessie",
            "de: 2 Wochen | 12 Monate | Dauer | Bis zum Ende der Sitzung",
        ]);
    }

    #[test]
    fn headings_and_headers() {
        check(&[
            "fr: Qu'est ce qu'un cookie ? | Qu\u{2019}est-ce qu\u{2019}un cookie ? | Finalités",
            "fr: Nom du prestataire | Nom des cookies | Nom du cookies | Service et emplacement",
            "fr: Charte cookies | Politique cookies | Cookies de mesure d'audience",
            "en: What is a cookie? | Service provider's name | Service provider\u{2019}s name",
            "en: Cookies policy | Cookie Policy | Purposes | Function and location",
            // English "name" and German "Name" tie in "Cookie name(s)", French and Catalan
            // "nom" tie alone, Spanish and Catalan share "política".
            "none: Cookie name(s) | Nom | Name | Política de cookies",
            "es: ¿Qué es una cookie? | Nombre del proveedor | Selección del idioma",
            "ca: Què és una galeta? | Nom del proveïdor | Política de galetes",
            "it: Cos'è un cookie? | Nome del fornitore | Informativa sui cookie",
            "nl: Wat is een cookie? | Naam van de aanbieder | Cookiebeleid",
            "de: Was ist ein Cookie? | Name des Anbieters | Cookie-Richtlinie",
        ]);
    }

    #[test]
    fn french_and_english_sentences() {
        check(&[
            "fr: Afin de vous proposer le meilleur service possible nous utilisons des cookies \
             pour assurer son bon fonctionnement. | Se souvenir de l'utilisateur d'une page à \
             une autre. | Récupérer des données via des appels API | Mémoriser la session \
             | Vous pouvez accepter ou refuser les cookies à tout moment.",
            "en: In order to provide you with the best service possible, we use cookies to \
             ensure it functions properly, and to perform web analytics. | To remember the user \
             from one page to another | To retrieve data via API calls | Cookies necessary for \
             the platform to function properly/functionality cookies | Keeps you signed in. \
             | Strictly necessary cookies: These cookies are needed for the site to work.",
        ]);
    }

    #[test]
    fn spanish_catalan_and_italian_apart() {
        check(&[
            "es: Para ofrecerle el mejor servicio posible, utilizamos cookies para garantizar su \
             correcto funcionamiento. | Las cookies de terceros son instaladas por un sitio web \
             distinto al que está visitando. | El usuario puede desactivar las cookies desde la \
             configuración de su navegador. | Cookies necesarias para el buen funcionamiento de \
             la plataforma | Estas cookies permiten recordar el idioma elegido por el usuario. \
             | Puede aceptar o rechazar las cookies en cualquier momento. | Recordar la sesión \
             del usuario | Recordar las preferencias del visitante sobre las cookies",
            "ca: Per oferir-vos el millor servei possible, utilitzem galetes per garantir-ne el \
             bon funcionament. | Les galetes de tercers són instal·lades per un lloc web \
             diferent del que esteu visitant. | L'usuari pot desactivar les galetes des de la \
             configuració del seu navegador. | Galetes necessàries per al bon funcionament de \
             la plataforma | Aquestes galetes permeten recordar l'idioma triat per l'usuari. \
             | Podeu acceptar o rebutjar les galetes en qualsevol moment. | Recordar la sessió \
             de l'usuari | Selecció de l'idioma",
            "it: Per offrirti il miglior servizio possibile, utilizziamo i cookie per \
             garantirne il corretto funzionamento. | I cookie di terze parti sono installati da \
             un sito diverso da quello che stai visitando. | L'utente può disattivare i cookie \
             dalle impostazioni del proprio browser. | Cookie necessari al corretto \
             funzionamento della piattaforma | Questi cookie permettono di ricordare la lingua \
             scelta dall'utente. | Puoi accettare o rifiutare i cookie in qualsiasi momento. \
             | Ricordare la sessione dell'utente | Selezione della lingua",
        ]);
    }

    #[test]
    fn dutch_and_german_apart() {
        check(&[
            "nl: Om u de best mogelijke service te bieden, gebruiken wij cookies om de goede \
             werking van de website te garanderen. | Deze cookies zijn noodzakelijk voor het \
             functioneren van de website. | Die cookies worden door de browser van de bezoeker \
             opgeslagen. | U kunt cookies op elk moment accepteren of weigeren.",
            "de: Um Ihnen den bestmöglichen Service zu bieten, verwenden wir Cookies, um die \
             ordnungsgemäße Funktion der Website zu gewährleisten. | Diese Cookies sind für den \
             Betrieb der Website erforderlich. | Die Cookies werden vom Browser des Besuchers \
             gespeichert. | Sie können Cookies jederzeit akzeptieren oder ablehnen.",
        ]);
    }

    #[test]
    fn elisions_and_clitics() {
        let evidence = LanguageEvidence::of("qu'un");
        assert_eq!((evidence.count(Fr), evidence.count(Ca)), (2, 1));
        // Unknown apostrophe forms fall back to the bare word.
        assert_eq!(LanguageEvidence::of("visitor's").count(En), 2);
        assert_eq!(LanguageEvidence::of("don't").count(En), 1);
        check(&[
            // "l'" is French, Catalan and Italian alike: it cannot decide alone.
            "none: l' | l'a | aujourd'hui",
            "fr: l'utilisateur | d'une | qu'il",
            "ca: l'usuari | d'un lloc",
            "it: l'utente | un'altra | dell'utente",
            // A Catalan middle dot between letters is Catalan evidence on its own.
            "ca: col·lecció",
        ]);
    }

    #[test]
    fn evidence_adds_up_over_the_corpus() {
        let documents = [
            (En, include_str!("../corpus/en-eco-compteur.txt")),
            (Fr, include_str!("../corpus/fr-paris.md")),
            (Fr, include_str!("../corpus/fr-regaz.md")),
            (Fr, include_str!("../corpus/fr-electricitedemayotte.txt")),
            (Fr, include_str!("../corpus/fr-no-platform-section.txt")),
        ];
        for (expected, document) in documents {
            let mut summed = LanguageEvidence::default();
            for part in document.split(['\n', '\t']) {
                let part = key(part);
                let evidence = LanguageEvidence::of(&part);
                assert_eq!(detect(&part), evidence.best());
                // A cell or line is its document's language, or undecided (a cookie name),
                // except the one French fragment left in the English table.
                let found = evidence.best();
                assert!(found.is_none() || found == Some(expected) || part.contains(" et "));
                summed.add(evidence);
            }
            assert_eq!(summed, LanguageEvidence::of(&key(document)));
            assert_eq!(summed.best(), Some(expected));
        }
    }

    #[test]
    fn best_needs_a_strict_lead() {
        assert_eq!(LanguageEvidence::default().best(), None);
        let mut tie = LanguageEvidence::of("et");
        tie.add(LanguageEvidence::of("and"));
        assert_eq!(tie.best(), None);
        tie.add(LanguageEvidence::of("the"));
        assert_eq!(tie.best(), Some(En));
    }

    #[test]
    fn the_words_of_a_url_are_not_evidence() {
        check(&[
            "en: For more information, see https://www.cnil.fr/fr/cookies-et-autres-traceurs/que-dit-la-loi. \
             | see <https://www.cnil.fr/fr/cookies-et-autres-traceurs> for more \
             | To retrieve data via [API calls](https://www.example.org/fr/donnees-recuperees) \
             | the (www.cnil.fr/fr/les-cookies-et-la-loi) page",
            "none: https://www.cnil.fr/fr/cookies-et-autres-traceurs | www.cnil.fr/fr/cookies",
            // Without a URL, the same words are evidence.
            "fr: cookies et autres traceurs | voir la page sur le site https://www.cnil.fr",
        ]);
    }
}
