//! `cookielint inventory`: the cookie-by-platform matrix of a corpus and, per family, its
//! consensus and the documents that deviate from it.
//!
//! Files are read, parsed and summarised in parallel (like `check`'s first phase); the
//! inventory itself is built by the library from the summaries (`corpus::inventory`). The
//! table format fits the terminal: long cells are cut with `…`, and cookie columns that do
//! not fit are counted instead of shown (the CSV and JSON formats have everything).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, Result};
use rayon::prelude::*;

use cookielint::corpus::inventory::{inventory, Inventory, Verdict};
use cookielint::corpus::{summarize, DocumentSummary};
use cookielint::model::{parse, ParseOptions};
use cookielint::source::DEFAULT_MAX_FILE_SIZE;
use cookielint::wording::{agreeing, counted};

use super::configs::RelativePaths;
use super::input::{self, Listed};
use super::{EXIT_ERROR, EXIT_OK};

/// Arguments of `inventory`.
#[derive(Args, Debug)]
pub struct InventoryArgs {
    /// Files or directories to read (`-`: standard input) [default: the current directory,
    /// or with --stdin-filename standard input alone].
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = InventoryFormat::Table)]
    format: InventoryFormat,
    /// Use this configuration file instead of searching for cookielint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore every cookielint.toml.
    #[arg(long)]
    no_config: bool,
    /// Read standard input as the document at this path (for its format, its configuration and
    /// how it is named in output); a file of that name is read from standard input instead of
    /// from disk. `-` among the paths also reads standard input.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Number of threads [default: every core].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Largest file read, in bytes [default: 10 MiB, or the configuration's].
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
    /// Width of the table [default: $COLUMNS, or 100].
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
}

/// Formats of `inventory`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    /// Aligned tables for a terminal.
    Table,
    /// One row per declared cookie: platform, document, language, family, cookie, category,
    /// provider.
    Csv,
    /// Everything, including each family's consensus and deviations.
    Json,
}

/// Runs `inventory` and returns the exit code.
pub fn run(args: InventoryArgs) -> Result<u8> {
    let paths = input::with_stdin(
        &args.paths,
        args.stdin_filename.as_deref(),
        Some(Path::new(".")),
    )?;
    let config = super::load_config(args.config.as_deref(), args.no_config, &paths)?;
    let (files, walk_errors) = {
        let relative = RelativePaths::default();
        let include = |p: &Path| config.is_included_at(p, || relative.of(&config, p));
        input::collect(&paths, &include, paths.len() > 1)
    };
    // Documents are listed by path whatever the order of the arguments, and a file named
    // twice (`inventory corpus corpus/a.md`) counts once, as in `check`.
    let files = input::listed(files.into_iter().map(|f| (f.path, ())));
    let max_size = args
        .max_file_size
        .or(config.max_file_size)
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let options = ParseOptions {
        format: None,
        vocabulary: Some(&config.vocabulary),
    };
    let summarize_one =
        |(file, ()): &(Listed, ())| -> std::result::Result<DocumentSummary, String> {
            let source = file.read(max_size).map_err(|e| e.to_string())?;
            Ok(summarize(&source, &parse(&source, options)))
        };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .into_diagnostic()?;
    let outcomes: Vec<_> = pool.install(|| files.par_iter().map(summarize_one).collect());
    let mut errors: Vec<String> = walk_errors.iter().map(ToString::to_string).collect();
    let mut summaries = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        match outcome {
            Ok(summary) => summaries.push(summary),
            Err(e) => errors.push(e),
        }
    }
    // On the pool: the corpus phase's tasks keep to `--jobs`.
    let inventory = pool.install(|| {
        inventory(
            &summaries,
            &config.settings,
            &config.corpus,
            &input::reread(&pool, &files, max_size),
        )
    });
    let out = match args.format {
        InventoryFormat::Json => {
            let mut text = serde_json::to_string_pretty(&inventory).into_diagnostic()?;
            text.push('\n');
            text
        }
        InventoryFormat::Csv => csv(&inventory),
        InventoryFormat::Table => table(&inventory, args.width.unwrap_or_else(terminal_width)),
    };
    super::print(&out)?;
    for e in &errors {
        super::to_stderr(format_args!(
            "error: {}",
            cookielint::report::escape_control(e)
        ));
    }
    Ok(if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERROR
    })
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|&w: &usize| w >= 40)
        .unwrap_or(100)
}

/// One row per declared cookie.
fn csv(inventory: &Inventory) -> String {
    let mut out = String::from("platform,document,language,family,cookie,category,provider\n");
    for d in &inventory.matrix {
        let (Some(doc), Some(cookie)) = (
            inventory.documents.get(d.document),
            inventory.cookies.get(d.cookie),
        ) else {
            continue;
        };
        let fields = [
            doc.platform.as_deref().unwrap_or(""),
            &doc.path,
            doc.language.unwrap_or(""),
            &doc.family.to_string(),
            &cookie.name,
            d.category.as_deref().unwrap_or(""),
            d.provider.as_deref().unwrap_or(""),
        ]
        .map(csv_field);
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// Quotes a CSV field when needed; neutralises a leading formula character.
fn csv_field(value: &str) -> String {
    // A leading =, +, - or @ would be read as a formula by spreadsheets.
    if value.starts_with(['=', '+', '-', '@']) {
        cookielint::convert::csv_field(&format!("'{value}")).into_owned()
    } else {
        cookielint::convert::csv_field(value).into_owned()
    }
}

/// `text` cut to `width` characters with `…`, padded to `width`.
fn cell(text: &str, width: usize) -> String {
    let text = cookielint::report::escape_control(text);
    let count = text.chars().count();
    if count > width {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        format!("{text}{}", " ".repeat(width - count))
    }
}

fn abbreviation(category: Option<&str>) -> &'static str {
    match category {
        Some("necessary") => "nec",
        Some("functional") => "fun",
        Some("analytics") => "ana",
        Some("advertising") => "adv",
        Some("social") => "soc",
        Some(_) => "oth",
        None => "?",
    }
}

/// The terminal tables: cookies, the platform × cookie matrix, then the families.
fn table(inventory: &Inventory, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}, {}, {}\n",
        counted(inventory.documents.len(), "document", "documents"),
        counted(inventory.cookies.len(), "cookie", "cookies"),
        counted(inventory.families.len(), "family", "families")
    );
    cookies_table(&mut out, inventory, width);
    matrix_table(&mut out, inventory, width);
    families_table(&mut out, inventory, width);
    out
}

fn cookies_table(out: &mut String, inventory: &Inventory, width: usize) {
    let name_width = inventory
        .cookies
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(6)
        .clamp(6, 28);
    let rest = width.saturating_sub(name_width + 10 + 12 + 3).max(12);
    let _ = writeln!(
        out,
        "{} {:>9} {} provider",
        cell("cookie", name_width),
        "documents",
        cell("category", 12)
    );
    for c in &inventory.cookies {
        let _ = writeln!(
            out,
            "{} {:>9} {} {}",
            cell(&c.name, name_width),
            c.documents,
            cell(&c.categories.join(", "), 12),
            cell(&c.providers.join(", "), rest).trim_end()
        );
    }
    out.push('\n');
}

fn matrix_table(out: &mut String, inventory: &Inventory, width: usize) {
    const COLUMN: usize = 11;
    let platform_width = inventory
        .documents
        .iter()
        .map(|d| d.platform.as_deref().unwrap_or(&d.path).chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 36);
    let fitting = width.saturating_sub(platform_width + 5) / (COLUMN + 1);
    let shown = inventory.cookies.len().min(fitting.max(1));
    let mut header = format!("{} {}", cell("platform", platform_width), cell("lang", 4));
    for c in inventory.cookies.iter().take(shown) {
        header.push(' ');
        header.push_str(&cell(&c.name, COLUMN));
    }
    let _ = writeln!(out, "{}", header.trim_end());
    let mut rows: Vec<Vec<&'static str>> = vec![vec![""; shown]; inventory.documents.len()];
    for d in &inventory.matrix {
        if let Some(slot) = rows.get_mut(d.document).and_then(|r| r.get_mut(d.cookie)) {
            *slot = abbreviation(d.category.as_deref());
        }
    }
    for (doc, marks) in inventory.documents.iter().zip(rows) {
        let mut line = format!(
            "{} {}",
            cell(doc.platform.as_deref().unwrap_or(&doc.path), platform_width),
            cell(doc.language.unwrap_or("?"), 4)
        );
        for mark in marks {
            line.push(' ');
            line.push_str(&cell(if mark.is_empty() { "·" } else { mark }, COLUMN));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    let _ = writeln!(
        out,
        "(nec necessary, fun functional, ana analytics, adv advertising, soc social,"
    );
    let _ = writeln!(out, " oth other, ? no category, · not declared)");
    if shown < inventory.cookies.len() {
        let _ = writeln!(
            out,
            "({} {} not fit: use --width, --format csv or --format json)",
            counted(
                inventory.cookies.len() - shown,
                "more cookie column",
                "more cookie columns"
            ),
            agreeing(inventory.cookies.len() - shown, "does", "do")
        );
    }
    out.push('\n');
}

fn families_table(out: &mut String, inventory: &Inventory, width: usize) {
    for f in &inventory.families {
        let _ = write!(
            out,
            "family {} ({}, {})",
            f.id,
            f.language.unwrap_or("unknown language"),
            counted(f.members.len(), "document", "documents")
        );
        if let Some(original) = f.translation_of {
            let _ = write!(out, ", translation of family {original}");
        }
        out.push('\n');
        let Some(consensus) = &f.consensus else {
            let _ = writeln!(out, "  no consensus: too few documents\n");
            continue;
        };
        let _ = writeln!(
            out,
            "  usual sections{}:",
            if consensus.section_order_agreed {
                ""
            } else {
                " (order: no majority)"
            }
        );
        for section in &consensus.sections {
            let _ = writeln!(
                out,
                "    {}",
                cell(section, width.saturating_sub(4)).trim_end()
            );
        }
        let _ = writeln!(out, "  usual cookies:");
        for c in &consensus.cookies {
            let describe = |field: &str| match c.fields.get(field) {
                Some(Verdict::Usual { value, .. }) => value.clone(),
                Some(Verdict::NoMajority { .. }) => "(no majority)".to_owned(),
                _ => "-".to_owned(),
            };
            let line = format!(
                "{} ({}/{}): {} · {} · {}",
                c.name,
                c.declared_by,
                f.members.len(),
                describe("category"),
                describe("provider"),
                describe("purpose")
            );
            let _ = writeln!(
                out,
                "    {}",
                cell(&line, width.saturating_sub(4)).trim_end()
            );
        }
        if f.deviations.is_empty() {
            let _ = writeln!(out, "  no document deviates\n");
            continue;
        }
        let _ = writeln!(out, "  deviating documents:");
        for d in &f.deviations {
            let _ = writeln!(
                out,
                "    {}",
                cell(&d.document, width.saturating_sub(4)).trim_end()
            );
            for finding in &d.findings {
                let line = format!(
                    "{}:{} {} {}",
                    finding.code, finding.line, finding.rule, finding.message
                );
                let _ = writeln!(
                    out,
                    "      {}",
                    cell(&line, width.saturating_sub(6)).trim_end()
                );
            }
        }
        out.push('\n');
    }
}
