//! `cookielint rules`, `cookielint explain RULE` and `cookielint config`: what the linter
//! knows and how it is configured.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, Result};

use cookielint::lint::{did_you_mean, find, reference_markdown, Check, RULES};

use super::{EXIT_ERROR, EXIT_OK};

/// Arguments of `rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
    format: RulesFormat,
}

/// Formats of `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Table,
    /// The Markdown reference (docs/rules.md).
    Markdown,
    /// JSON.
    Json,
}

/// Arguments of `explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A rule name (`missing-title`) or code (`CL101`).
    rule: String,
}

/// Arguments of `config`.
#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Where to search for cookielint.toml [default: the current directory].
    path: Option<PathBuf>,
    /// Use this configuration file.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// Runs `rules`.
pub fn rules(args: RulesArgs) -> Result<u8> {
    let out = match args.format {
        RulesFormat::Markdown => reference_markdown(),
        RulesFormat::Json => {
            let rules: Vec<_> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.meta.code,
                        "name": r.meta.name,
                        "group": r.meta.group.as_str(),
                        "severity": r.meta.severity.as_str(),
                        "phase": if matches!(r.check, Check::Document(_)) { "document" } else { "corpus" },
                        "summary": r.meta.summary(),
                        "url": r.meta.url(),
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&rules).into_diagnostic()?;
            text.push('\n');
            text
        }
        RulesFormat::Table => {
            let width = RULES.iter().map(|r| r.meta.name.len()).max().unwrap_or(0);
            let mut text = format!(
                "{:<6} {:<width$} {:<10} {:<8} summary\n",
                "code", "name", "group", "severity"
            );
            for r in RULES {
                let m = &r.meta;
                text.push_str(&format!(
                    "{:<6} {:<width$} {:<10} {:<8} {}\n",
                    m.code,
                    m.name,
                    m.group.as_str(),
                    m.severity.as_str(),
                    m.summary()
                ));
            }
            text
        }
    };
    super::print(&out)?;
    Ok(EXIT_OK)
}

/// Runs `explain`.
pub fn explain(args: ExplainArgs) -> Result<u8> {
    match find(&args.rule) {
        Some(rule) => {
            let m = &rule.meta;
            super::print(&format!(
                "# {} ({})\n\ngroup: {} · default severity: {} · {}\n\n{}\n",
                m.name,
                m.code,
                m.group.as_str(),
                m.severity.as_str(),
                m.url(),
                m.doc()
            ))?;
            Ok(EXIT_OK)
        }
        None => {
            let hint = match did_you_mean(&args.rule) {
                hint if hint.is_empty() => "; run `cookielint rules` to list them".to_owned(),
                hint => hint,
            };
            super::to_stderr(format_args!("error: unknown rule `{}`{hint}", args.rule));
            Ok(EXIT_ERROR)
        }
    }
}

/// Runs `config`: prints the effective configuration.
pub fn show_config(args: ConfigArgs) -> Result<u8> {
    let start: Vec<PathBuf> = args.path.iter().cloned().collect();
    let config = super::load_config(args.config.as_deref(), false, &start)?;
    let mut out = String::new();
    out.push_str(&format!(
        "# configuration file: {}\n",
        config
            .path
            .as_ref()
            .map_or("none (built-in defaults)".to_owned(), |p| p
                .display()
                .to_string())
    ));
    out.push_str(&format!(
        "fail-on = \"{}\"\n",
        config.fail_on.map_or("error", |s| s.as_str())
    ));
    out.push_str(&format!(
        "max-file-size = {}\n",
        config
            .max_file_size
            .unwrap_or(cookielint::source::DEFAULT_MAX_FILE_SIZE)
    ));
    out.push_str(&format!("overrides = {}\n", config.overrides.len()));
    out.push_str(&format!(
        "corpus.min-family-size = {}\ncorpus.majority = {}\n",
        config.corpus.min_family_size, config.corpus.majority
    ));
    out.push_str("\n[rules]\n");
    for (i, r) in RULES.iter().enumerate() {
        let state = if config.settings.is_enabled(i) {
            config.settings.severity(i).as_str()
        } else {
            "off"
        };
        out.push_str(&format!(
            "{} = \"{}\"  # {}\n",
            r.meta.name, state, r.meta.code
        ));
    }
    out.push_str("\n[template.required-sections]\n");
    for (language, roles) in &config.options.required_sections {
        let roles: Vec<String> = roles
            .iter()
            .map(|r| format!("\"{}\"", r.as_str()))
            .collect();
        out.push_str(&format!("{} = [{}]\n", language.code(), roles.join(", ")));
    }
    out.push_str(&format!(
        "\n# {} known typos, {} known cookies, {} extra heading and {} extra header phrases\n",
        config.options.typos.len(),
        config.options.cookies.len(),
        config.vocabulary.sections.len(),
        config.vocabulary.columns.len()
    ));
    super::print(&out)?;
    Ok(EXIT_OK)
}
