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
        let sentence = paragraph
            .find(". ")
            .and_then(|end| paragraph.get(..=end))
            .unwrap_or(&paragraph);
        sentence.trim().to_owned()
    }

    /// The URL of the rule's documentation.
    pub fn url(&self) -> String {
        format!("{DOCS_URL}#{}", self.name)
    }
}

/// Where the rules reference is published.
pub const DOCS_URL: &str = "https://github.com/cookielint/cookielint/blob/main/docs/rules.md";

/// A rule's implementation.
#[derive(Clone, Copy)]
pub enum Check {
    /// Looks at one document.
    Document(fn(&LintContext<'_>, &mut Emitter<'_>)),
    /// Compares documents; run by the corpus phase.
    Corpus,
}

/// A rule: its metadata and its check.
pub struct Rule {
    /// What is known about it.
    pub meta: RuleMeta,
    /// How it runs.
    pub check: Check,
}

macro_rules! rules {
    ($($code:literal $name:literal $severity:ident $group:ident $module:ident $file:literal;)*) => {
        $(
            #[path = $file]
            mod $module;
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
        ];
    };
}

rules! {
    "CL002" "unused-suppression" Warning Text unused_suppression "rules/unused-suppression.rs";
    "CL101" "missing-title" Error Structure missing_title "rules/missing-title.rs";
    "CL205" "table-gap" Warning Tables table_gap "rules/table-gap.rs";
}

/// Finds a rule by code (`CL101`, case-insensitive) or name (`missing-title`).
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| {
        r.meta.name == name_or_code || r.meta.code.eq_ignore_ascii_case(name_or_code)
    })
}
