//! The shape of `cookielint.toml` (serde, unknown keys rejected) and its resolution into a
//! [`Config`]. Values keep their spans so that every error points into the file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    check_selector, cookie, glob_set, parse_severity, patterns, typo, Config, ConfigError,
    CorpusSettings, Override,
};
use crate::lang::Language;
use crate::lint::did_you_mean;
use crate::normalize::key;
use crate::vocab::{Category, ColumnRole, SectionRole};

type Str = Spanned<String>;

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    #[serde(default)]
    lint: LintSection,
    #[serde(default)]
    files: FilesSection,
    #[serde(default)]
    overrides: Vec<OverrideSection>,
    #[serde(default)]
    vocabulary: VocabularySection,
    #[serde(default)]
    template: TemplateSection,
    #[serde(default)]
    typos: Vec<TypoEntry>,
    #[serde(default)]
    cookies: Vec<CookieEntry>,
    #[serde(default)]
    corpus: CorpusSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LintSection {
    select: Option<Vec<Str>>,
    #[serde(default)]
    extend_select: Vec<Str>,
    #[serde(default)]
    ignore: Vec<Str>,
    fail_on: Option<Str>,
    #[serde(default)]
    severity: BTreeMap<Str, Str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FilesSection {
    include: Option<Vec<Str>>,
    #[serde(default)]
    exclude: Vec<Str>,
    max_file_size: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct OverrideSection {
    files: Vec<Str>,
    #[serde(default)]
    ignore: Vec<Str>,
    #[serde(default)]
    select: Vec<Str>,
    #[serde(default)]
    severity: BTreeMap<Str, Str>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct VocabularySection {
    #[serde(default)]
    sections: BTreeMap<Str, Vec<Str>>,
    #[serde(default)]
    columns: BTreeMap<Str, Vec<Str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TemplateSection {
    #[serde(default)]
    required_sections: BTreeMap<Str, Vec<Str>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TypoEntry {
    wrong: Str,
    right: Vec<Str>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CookieEntry {
    name: Str,
    category: Str,
    #[serde(default)]
    provider: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CorpusSection {
    min_family_size: Option<Spanned<i64>>,
    majority: Option<Spanned<f64>>,
}

/// Builds an error at a span, with optional help.
pub(super) type ErrorAt<'a> = dyn Fn(String, Range<usize>, Option<String>) -> Box<ConfigError> + 'a;

fn selectors(values: &[Str], error: &ErrorAt<'_>) -> Result<Vec<String>, Box<ConfigError>> {
    values
        .iter()
        .map(|v| {
            if check_selector(v.get_ref()) {
                Ok(v.get_ref().clone())
            } else {
                Err(error(
                    format!(
                        "unknown rule, code or group `{}`{}",
                        v.get_ref(),
                        did_you_mean(v.get_ref())
                    ),
                    v.span(),
                    Some("run `cookielint rules` to list rule names and codes; groups are structure, tables, content, text, corpus".into()),
                ))
            }
        })
        .collect()
}

fn severities(
    map: &BTreeMap<Str, Str>,
    error: &ErrorAt<'_>,
) -> Result<Vec<(String, crate::lint::Severity)>, Box<ConfigError>> {
    let mut out = Vec::new();
    for (rule, severity) in map {
        selectors(std::slice::from_ref(rule), error)?;
        let level = parse_severity(severity.get_ref()).ok_or_else(|| {
            error(
                format!("unknown severity `{}`", severity.get_ref()),
                severity.span(),
                Some("use error, warning or info".into()),
            )
        })?;
        out.push((rule.get_ref().clone(), level));
    }
    Ok(out)
}

fn enum_value<T>(
    value: &Str,
    parse: impl Fn(&str) -> Option<T>,
    what: &str,
    allowed: &str,
    error: &ErrorAt<'_>,
) -> Result<T, Box<ConfigError>> {
    parse(value.get_ref()).ok_or_else(|| {
        error(
            format!("unknown {what} `{}`", value.get_ref()),
            value.span(),
            Some(format!("use one of: {allowed}")),
        )
    })
}

/// The comparison keys of a vocabulary role's phrases; a phrase with nothing to compare
/// (empty, or only spaces and invisible characters) would never match a heading or header.
fn phrase_keys(phrases: &[Str], error: &ErrorAt<'_>) -> Result<Vec<String>, Box<ConfigError>> {
    phrases
        .iter()
        .map(|p| {
            let phrase = key(p.get_ref());
            if phrase.is_empty() {
                Err(error(
                    "an empty phrase matches no heading or column header".into(),
                    p.span(),
                    Some("write the words of the heading or header, or remove this entry".into()),
                ))
            } else {
                Ok(phrase)
            }
        })
        .collect()
}

/// Checks one `[[typos]]` entry: `known-typo` compares comparison keys (case, quote style
/// and spacing ignored), so a wrong form with no key would match nothing, and a right form
/// with the wrong form's key would report every correct text.
fn check_typo(entry: &TypoEntry, error: &ErrorAt<'_>) -> Result<(), Box<ConfigError>> {
    let wrong = key(entry.wrong.get_ref());
    if wrong.is_empty() {
        return Err(error(
            "an empty `wrong` matches no text".into(),
            entry.wrong.span(),
            Some("write the wording error to report".into()),
        ));
    }
    if let Some(same) = entry.right.iter().find(|r| key(r.get_ref()) == wrong) {
        return Err(error(
            format!(
                "`{}` reads as the wrong form `{}`: texts are compared ignoring case, quote style and spacing, so every correct text would be reported",
                same.get_ref(),
                entry.wrong.get_ref()
            ),
            same.span(),
            Some("a right form must differ from the wrong one in its words or punctuation".into()),
        ));
    }
    Ok(())
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|x| name(*x)).collect::<Vec<_>>().join(", ")
}

impl ConfigFile {
    /// Validates every value and builds the configuration.
    pub(super) fn resolve(
        self,
        root: &Path,
        cwd: &Path,
        error: &ErrorAt<'_>,
    ) -> Result<Config, Box<ConfigError>> {
        let mut config = Config::defaults(root, cwd);
        let lint = &self.lint;
        if let Some(select) = &lint.select {
            let select = selectors(select, error)?;
            // Validated above, so selection cannot fail.
            let _ = config.settings.select(&select);
        }
        let _ = config
            .settings
            .extend(&selectors(&lint.extend_select, error)?);
        let _ = config.settings.ignore(&selectors(&lint.ignore, error)?);
        for (rule, severity) in severities(&lint.severity, error)? {
            let _ = config.settings.set_severity(&rule, severity);
        }
        if let Some(fail_on) = &lint.fail_on {
            config.fail_on = Some(enum_value(
                fail_on,
                parse_severity,
                "severity",
                "error, warning, info",
                error,
            )?);
        }
        let glob_error = |values: &[Str], e: globset::Error| {
            let span = values.first().map_or(0..0, Spanned::span);
            error(format!("invalid glob: {e}"), span, None)
        };
        if let Some(include) = &self.files.include {
            let patterns: Vec<String> = include.iter().map(|s| s.get_ref().clone()).collect();
            config.include = glob_set(&patterns).map_err(|e| glob_error(include, e))?;
        }
        // `exclude` and overrides' `files` are read as in `.gitignore`, against the path
        // relative to the configuration's directory.
        let below = |values: &[Str]| {
            patterns(root, values.iter().map(|s| s.get_ref().as_str())).map_err(|(at, e)| {
                let span = values
                    .get(at)
                    .or(values.first())
                    .map_or(0..0, Spanned::span);
                error(format!("invalid pattern: {e}"), span, None)
            })
        };
        config.exclude = below(&self.files.exclude)?;
        config.max_file_size = self.files.max_file_size;
        for o in &self.overrides {
            config.overrides.push(Override {
                files: below(&o.files)?,
                ignore: selectors(&o.ignore, error)?,
                select: selectors(&o.select, error)?,
                severity: severities(&o.severity, error)?,
            });
        }
        let section_names = names(&SectionRole::ALL, SectionRole::as_str);
        for (role, phrases) in &self.vocabulary.sections {
            let role = enum_value(
                role,
                SectionRole::from_name,
                "section role",
                &section_names,
                error,
            )?;
            config
                .vocabulary
                .sections
                .extend(phrase_keys(phrases, error)?.into_iter().map(|p| (p, role)));
        }
        let column_names = names(&ColumnRole::ALL, ColumnRole::as_str);
        for (role, phrases) in &self.vocabulary.columns {
            let role = enum_value(
                role,
                ColumnRole::from_name,
                "column role",
                &column_names,
                error,
            )?;
            config
                .vocabulary
                .columns
                .extend(phrase_keys(phrases, error)?.into_iter().map(|p| (p, role)));
        }
        config.options.vocabulary = config.vocabulary.clone();
        let languages = Language::ALL
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ");
        for (language, roles) in &self.template.required_sections {
            let language =
                enum_value(language, Language::from_code, "language", &languages, error)?;
            let roles = roles
                .iter()
                .map(|r| {
                    enum_value(
                        r,
                        SectionRole::from_name,
                        "section role",
                        &section_names,
                        error,
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            config.options.required_sections.insert(language, roles);
        }
        for t in &self.typos {
            check_typo(t, error)?;
            let right: Vec<String> = t.right.iter().map(|r| r.get_ref().clone()).collect();
            config.options.typos.push(typo(t.wrong.get_ref(), &right));
        }
        let category_names = names(&Category::ALL, Category::as_str);
        for c in &self.cookies {
            let category = enum_value(
                &c.category,
                Category::from_name,
                "category",
                &category_names,
                error,
            )?;
            if c.name.get_ref().trim().is_empty() {
                return Err(error(
                    "an empty cookie name matches no cookie".into(),
                    c.name.span(),
                    Some("write the cookie's name, or a pattern such as `_myco_*`".into()),
                ));
            }
            config
                .options
                .cookies
                .push(cookie(c.name.get_ref(), category, &c.provider));
        }
        let defaults = CorpusSettings::default();
        config.corpus = CorpusSettings {
            min_family_size: match &self.corpus.min_family_size {
                Some(v) if *v.get_ref() < 2 => {
                    return Err(error(
                        "min-family-size must be at least 2".into(),
                        v.span(),
                        None,
                    ))
                }
                Some(v) => usize::try_from(*v.get_ref()).unwrap_or(usize::MAX),
                None => defaults.min_family_size,
            },
            majority: match &self.corpus.majority {
                Some(v) if !(0.5..=1.0).contains(v.get_ref()) => {
                    return Err(error(
                        "majority must be between 0.5 and 1".into(),
                        v.span(),
                        None,
                    ))
                }
                Some(v) => *v.get_ref(),
                None => defaults.majority,
            },
        };
        Ok(config)
    }
}
