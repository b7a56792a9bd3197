//! The table of all rules: code, name, default severity, group and implementation.
//!
//! Adding a rule is one new file in `rules/` (named by the rule's kebab-case name, opening
//! with its documentation) and one line in the `rules!` table below. Codes are stable once
//! given: never reuse or renumber one. The table is kept sorted by code (checked by a test).

use super::context::LintContext;
use super::diagnostic::Severity;
use super::emit::Emitter;

/// Families of rules, for selection (`--select tables`) and for the reference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Headings, sections and the platform URL.
    Structure,
    /// Cookie tables.
    Tables,
    /// Prose against tables.
    Content,
    /// Characters, wording, encoding.
    Text,
    /// Comparisons between documents.
    Corpus,
}

impl Group {
    /// The lower-case name used on the command line and in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Structure => "structure",
            Group::Tables => "tables",
            Group::Content => "content",
            Group::Text => "text",
            Group::Corpus => "corpus",
        }
    }

    /// Every group.
    pub const ALL: [Group; 5] = [
        Group::Structure,
        Group::Tables,
        Group::Content,
        Group::Text,
        Group::Corpus,
    ];
}

/// What is known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, such as `CL101`.
    pub code: &'static str,
    /// Kebab-case name, such as `missing-title`.
    pub name: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Its family.
    pub group: Group,
    /// The rule's source file; its documentation is the leading `//!` block.
    source: &'static str,
}

impl RuleMeta {
    /// The rule's documentation, in Markdown, read from the `//!` block of its file.
    pub fn doc(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            doc.push('\n');
        }
        doc.trim_end().to_owned()
    }

    /// The first sentence of "What it does", for tables and SARIF short descriptions.
    pub fn summary(&self) -> String {
        let doc = self.doc();
        let what = doc
            .split("## What it does")
            .nth(1)
            .unwrap_or(&doc)
            .trim_start();
        let paragraph = what.split("\n\n").next().unwrap_or("").replace('\n', " ");
        // The first ". " that ends a sentence (not an ellipsis).
        let end = paragraph
            .match_indices(". ")
            .map(|(i, _)| i)
            .find(|&i| i == 0 || paragraph.get(i - 1..i) != Some("."));
        let sentence = end
            .and_then(|end| paragraph.get(..=end))
            .unwrap_or(&paragraph);
        sentence.trim().to_owned()
    }

    /// The URL of the rule's documentation.
    pub fn url(&self) -> String {
        format!("{DOCS_URL}#{}", self.name)
    }
}

/// Where the rules reference is published: `docs/rules.md` in the repository named by
/// `Cargo.toml`'s `repository` field (override with `COOKIELINT_DOCS_URL` at build time).
pub const DOCS_URL: &str = match option_env!("COOKIELINT_DOCS_URL") {
    Some(url) => url,
    None => concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules.md"),
};

/// A rule's implementation.
#[derive(Clone, Copy)]
pub enum Check {
    /// Looks at one document.
    Document(fn(&LintContext<'_>, &mut Emitter<'_>)),
    /// Compares documents; run by the corpus phase over summaries.
    Corpus(CorpusCheck),
}

/// A corpus rule's check.
pub type CorpusCheck = fn(&crate::corpus::CorpusContext<'_>, &mut crate::corpus::CorpusEmitter<'_>);

/// A rule: its metadata and its check.
pub struct Rule {
    /// What is known about it.
    pub meta: RuleMeta,
    /// How it runs.
    pub check: Check,
}

macro_rules! rules {
    (
        $($code:literal $name:literal $severity:ident $group:ident $module:ident $file:literal;)*
        corpus {
            $($c_code:literal $c_name:literal $c_severity:ident $c_group:ident $c_module:ident $c_file:literal;)*
        }
    ) => {
        $(
            // Rule docs show tab-separated tables, tabs included.
            #[allow(clippy::tabs_in_doc_comments)]
            #[path = $file]
            mod $module;
        )*
        $(
            #[allow(clippy::tabs_in_doc_comments)]
            #[path = $c_file]
            mod $c_module;
        )*

        /// Every rule, sorted by code.
        pub static RULES: &[Rule] = &[
            $(Rule {
                meta: RuleMeta {
                    code: $code,
                    name: $name,
                    severity: Severity::$severity,
                    group: Group::$group,
                    source: include_str!($file),
                },
                check: Check::Document($module::check),
            },)*
            $(Rule {
                meta: RuleMeta {
                    code: $c_code,
                    name: $c_name,
                    severity: Severity::$c_severity,
                    group: Group::$c_group,
                    source: include_str!($c_file),
                },
                check: Check::Corpus($c_module::check),
            },)*
        ];
    };
}

rules! {
    "CL001" "parse-problem" Warning Structure parse_problem "rules/parse-problem.rs";
    "CL002" "unused-suppression" Warning Text unused_suppression "rules/unused-suppression.rs";
    "CL101" "missing-title" Error Structure missing_title "rules/missing-title.rs";
    "CL102" "missing-section" Error Structure missing_section "rules/missing-section.rs";
    "CL103" "section-order" Warning Structure section_order "rules/section-order.rs";
    "CL104" "heading-level" Warning Structure heading_level "rules/heading-level.rs";
    "CL105" "empty-section" Warning Structure empty_section "rules/empty-section.rs";
    "CL106" "missing-platform-url" Warning Structure missing_platform_url "rules/missing-platform-url.rs";
    "CL107" "detached-platform-url" Info Structure detached_platform_url "rules/detached-platform-url.rs";
    "CL108" "invalid-url" Error Structure invalid_url "rules/invalid-url.rs";
    "CL201" "unknown-column" Warning Tables unknown_column "rules/unknown-column.rs";
    "CL202" "header-mismatch" Warning Tables header_mismatch "rules/header-mismatch.rs";
    "CL203" "ragged-row" Error Tables ragged_row "rules/ragged-row.rs";
    "CL204" "empty-cell" Warning Tables empty_cell "rules/empty-cell.rs";
    "CL205" "table-gap" Warning Tables table_gap "rules/table-gap.rs";
    "CL206" "separator-row" Info Tables separator_row "rules/separator-row.rs";
    "CL207" "duplicate-cookie" Warning Tables duplicate_cookie "rules/duplicate-cookie.rs";
    "CL208" "invalid-cookie-name" Error Tables invalid_cookie_name "rules/invalid-cookie-name.rs";
    "CL209" "inconsistent-punctuation" Warning Tables inconsistent_punctuation "rules/inconsistent-punctuation.rs";
    "CL210" "inferred-columns" Info Tables inferred_columns "rules/inferred-columns.rs";
    "CL301" "undeclared-category" Warning Content undeclared_category "rules/undeclared-category.rs";
    "CL302" "category-mismatch" Error Content category_mismatch "rules/category-mismatch.rs";
    "CL401" "mixed-language" Warning Text mixed_language "rules/mixed-language.rs";
    "CL402" "mixed-quotes" Warning Text mixed_quotes "rules/mixed-quotes.rs";
    "CL403" "non-nfc" Warning Text non_nfc "rules/non-nfc.rs";
    "CL404" "invisible-character" Error Text invisible_character "rules/invisible-character.rs";
    "CL405" "trailing-whitespace" Info Text trailing_whitespace "rules/trailing-whitespace.rs";
    "CL406" "known-typo" Warning Text known_typo "rules/known-typo.rs";
    "CL407" "encoding" Info Text encoding "rules/encoding.rs";
    "CL408" "line-endings" Info Text line_endings "rules/line-endings.rs";
    // Cross-document rules, run by the corpus phase over document summaries.
    corpus {
        "CL501" "template-drift" Warning Corpus template_drift "rules/template-drift.rs";
        "CL502" "structure-drift" Warning Corpus structure_drift "rules/structure-drift.rs";
        "CL503" "missing-cookie" Warning Corpus missing_cookie "rules/missing-cookie.rs";
        "CL504" "extra-cookie" Info Corpus extra_cookie "rules/extra-cookie.rs";
        "CL505" "conflicting-declaration" Warning Corpus conflicting_declaration "rules/conflicting-declaration.rs";
        "CL506" "translation-drift" Warning Corpus translation_drift "rules/translation-drift.rs";
        "CL507" "duplicate-platform" Warning Corpus duplicate_platform "rules/duplicate-platform.rs";
    }
}

/// Finds a rule by code (`CL101`, case-insensitive) or name (`missing-title`).
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|r| r.meta.name == name_or_code || r.meta.code.eq_ignore_ascii_case(name_or_code))
}
