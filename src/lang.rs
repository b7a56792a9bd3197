//! Language identification from built-in word lists (no model, no download).
//!
//! STUB: the detector is filled in by `detect`; the enum is the shared interface.

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
/// carries too little evidence (a cookie name, a provider, a number).
pub fn detect(key: &str) -> Option<Language> {
    let _ = key;
    None
}
