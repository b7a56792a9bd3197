//! The command line: argument parsing (clap), file I/O, output and exit codes.
//!
//! This is the only place that prints or exits. Exit codes: 0 success; 1 findings at the
//! failing severity (`check`) or some input could not be read (`convert`); 2 usage,
//! configuration or I/O errors, and unreadable inputs for `check` and `inventory` (which
//! still process the others). Standard output goes through [`print`] or [`print_with`], so
//! a closed pipe ends the output quietly instead of panicking.

mod baseline_names;
mod check;
mod config_file;
mod configs;
mod convert;
mod input;
mod inventory;
mod rules;
mod write;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Parse, convert and lint cookie-policy documents.
#[derive(Parser, Debug)]
#[command(name = "cookielint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint documents and report problems.
    Check(check::CheckArgs),
    /// Convert documents to JSON, JSON Lines, CSV or canonical Markdown.
    Convert(convert::ConvertArgs),
    /// List every rule.
    Rules(rules::RulesArgs),
    /// Show a rule's documentation.
    Explain(rules::ExplainArgs),
    /// Print the effective configuration.
    Config(rules::ConfigArgs),
    /// Show which platform declares which cookie, and each family's consensus.
    Inventory(inventory::InventoryArgs),
}

/// Input format override shared by the subcommands.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum InputFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
}

impl From<InputFormat> for cookielint::syntax::Format {
    fn from(value: InputFormat) -> Self {
        match value {
            InputFormat::Text => cookielint::syntax::Format::Text,
            InputFormat::Markdown => cookielint::syntax::Format::Markdown,
        }
    }
}

/// The configuration in force: none with `--no-config`, the named file with `--config`,
/// else the nearest `cookielint.toml` above the first path that has one (or above the
/// current directory). `check` instead finds one per path.
fn load_config(
    named: Option<&std::path::Path>,
    no_config: bool,
    paths: &[std::path::PathBuf],
) -> miette::Result<cookielint::config::Config> {
    use cookielint::config::Config;
    use miette::IntoDiagnostic;
    let cwd = std::env::current_dir().into_diagnostic()?;
    if no_config {
        return Ok(Config::defaults(&cwd, &cwd));
    }
    let path = match named {
        Some(path) => Some(path.to_path_buf()),
        None => paths
            .iter()
            .find_map(|p| config_file::discover(p))
            .or_else(|| config_file::discover(&cwd)),
    };
    match path {
        Some(path) => config_file::load(&path, &cwd).map_err(|e| miette::Report::new(*e)),
        None => Ok(Config::defaults(&cwd, &cwd)),
    }
}

/// Writes `text` to standard output and flushes it. A closed pipe (`cookielint rules | head
/// -1`) is not an error worth reporting: the reader has all it wanted, so the rest is dropped
/// quietly instead of failing (or, with `print!`, panicking).
pub(super) fn print(text: &str) -> miette::Result<()> {
    print_with(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on a buffered standard output and flushes it, so that a large report goes
/// out as it is rendered instead of being built in memory first; a closed pipe is handled
/// as in [`print`].
///
/// The writer can be sent to another thread (a report rendered on the thread pool writes
/// from there), so it is not the locked handle: its buffer takes the lock once per 64 KiB.
pub(super) fn print_with(
    write: impl FnOnce(&mut (dyn std::io::Write + Send)) -> std::io::Result<()>,
) -> miette::Result<()> {
    use miette::IntoDiagnostic;
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.into_diagnostic(),
    }
}

/// Writes one line to standard error. A line that cannot be written (stderr closed, or a
/// pipe whose reader is gone) is dropped: the exit code says how the run went, and
/// `eprintln!` would panic instead.
pub(super) fn to_stderr(line: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Exit code: success.
const EXIT_OK: u8 = 0;
/// Exit code: findings, or some inputs could not be read.
const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error.
const EXIT_ERROR: u8 = 2;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr.
            let code = if err.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_OK
            };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Rules(args) => rules::rules(args),
        Command::Explain(args) => rules::explain(args),
        Command::Config(args) => rules::show_config(args),
        Command::Inventory(args) => inventory::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            to_stderr(format_args!("{report:?}"));
            ExitCode::from(EXIT_ERROR)
        }
    }
}
