//! What a rule sees: the source, its model, the parser's problems, and the options resolved
//! from configuration (vocabulary extensions and thresholds). Built once per document.

use std::collections::BTreeMap;

use super::known::{KnownCookie, KnownTypo, BUILTIN_COOKIES, BUILTIN_TYPOS};
use crate::lang::Language;
use crate::model::Document;
use crate::source::SourceFile;
use crate::syntax::Problem;
use crate::vocab::SectionRole;

/// Options that rules read, resolved from configuration.
#[derive(Clone, Debug)]
pub struct LintOptions {
    /// Wording errors to report (built-in ones plus configured ones).
    pub typos: Vec<KnownTypo>,
    /// Well-known cookies and their categories (built-in plus configured).
    pub cookies: Vec<KnownCookie>,
    /// Sections each language's template requires, in template order.
    pub required_sections: BTreeMap<Language, Vec<SectionRole>>,
    /// Heading and header wording added by configuration (accepted as canonical).
    pub vocabulary: crate::vocab::Extra,
}

impl Default for LintOptions {
    fn default() -> Self {
        let template = vec![
            SectionRole::WhatIsACookie,
            SectionRole::CookiesUsed,
            SectionRole::NecessaryCookies,
        ];
        LintOptions {
            typos: BUILTIN_TYPOS.iter().map(KnownTypo::from_builtin).collect(),
            cookies: BUILTIN_COOKIES
                .iter()
                .map(KnownCookie::from_builtin)
                .collect(),
            required_sections: Language::ALL
                .iter()
                .map(|l| (*l, template.clone()))
                .collect(),
            vocabulary: crate::vocab::Extra::default(),
        }
    }
}

/// Everything a document rule reads.
pub struct LintContext<'a> {
    /// The decoded file.
    pub source: &'a SourceFile,
    /// Its model.
    pub doc: &'a Document,
    /// What the parser could not understand.
    pub problems: &'a [Problem],
    /// Resolved options.
    pub options: &'a LintOptions,
}

impl LintContext<'_> {
    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.source.text
    }
}
