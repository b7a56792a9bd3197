//! `cookielint check`: lint files and directories and report in the chosen format.
//!
//! Phase one (parallel, one task per file): read, decode, parse, lint, locate diagnostics,
//! summarize. Phase two compares the summaries (the corpus rules). Then baseline filtering
//! and output, in sorted file order, so output is byte-identical whatever the number of
//! threads. The report is written to standard output as it is rendered, never built whole
//! in memory: the human format reads each file with findings again to draw its excerpts, a
//! batch of files at a time.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::{IntoDiagnostic, Result};
use rayon::prelude::*;

use cookielint::config::Config;
use cookielint::lint::baseline::Baseline;
use cookielint::lint::{lint_before_corpus_into, Severity, RULES};
use cookielint::model::{parse, ParseOptions};
use cookielint::report::{self, Diagnostics, FileError, HumanOptions, Located, Results, Store};
use cookielint::source::DEFAULT_MAX_FILE_SIZE;
use cookielint::wording::counted;

use super::baseline_names::BaselineNames;
use super::configs::{Configurations, RelativePaths, Selection};
use super::input::{self, Listed};
use super::write::{overwrites_an_input, write_atomic, write_atomic_with};

mod found;
mod human;
use super::{InputFormat, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
use human::{concise_footer, human_footer, use_color, write_human, Texts};

/// Arguments of `check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check (`-`: standard input) [default: the current directory,
    /// or with --stdin-filename standard input alone].
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Exit 0 even when there are findings (errors reading files still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Run only these rules (codes, names, code prefixes or groups; comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Also run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
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
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in this baseline file and exit 0 (2 if some input could
    /// not be read).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// Write the report to this file instead of standard output, atomically: an interrupted
    /// run leaves the old file or the new one, never a part.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        conflicts_with = "write_baseline"
    )]
    output_file: Option<PathBuf>,
    /// Number of threads [default: every core].
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Largest file read, in bytes [default: 10 MiB, or the configuration's].
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// When to use colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Graphical report with source snippets.
    Human,
    /// One line per finding.
    Concise,
    /// A JSON document.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML.
    Junit,
}

/// `--fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Files checked per parallel batch.
const CHUNK: usize = 512;

struct Checked {
    file: std::sync::Arc<str>,
    diagnostics: found::Found,
    /// The `unused-suppression` findings that stand only if their comment silences no
    /// corpus finding either, with the comment's index among the document's suppressions.
    unless_corpus_uses: Vec<(usize, Located, bool)>,
    /// What the corpus phase needs of the document.
    summary: cookielint::corpus::DocumentSummary,
}

/// Runs `check` and returns the exit code.
pub fn run(args: CheckArgs) -> Result<u8> {
    if args.statistics
        && !matches!(
            args.format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        miette::bail!(
            "--statistics prints a table (human or concise format) or JSON (json format), not {}",
            args.format
                .to_possible_value()
                .map_or_else(String::new, |v| v.get_name().to_owned())
        );
    }
    let paths = input::with_stdin(
        &args.paths,
        args.stdin_filename.as_deref(),
        Some(Path::new(".")),
    )?;
    let mut registry = Configurations::new(
        Selection {
            select: &args.select,
            extend: &args.extend_select,
            ignore: &args.ignore,
        },
        args.config.as_deref(),
        args.no_config,
    )?;
    // The paths given, grouped by the configuration above each.
    let mut groups: Vec<(usize, Vec<PathBuf>)> = Vec::new();
    for path in &paths {
        let index = registry.for_argument(path)?;
        match groups.iter_mut().find(|(i, _)| *i == index) {
            Some((_, group)) => group.push(path.clone()),
            None => groups.push((index, vec![path.clone()])),
        }
    }
    // Walked files take the configuration nearest above them, `[files]` included; its
    // patterns see them relative to its directory.
    let registry = std::cell::RefCell::new(registry);
    let relative = RelativePaths::default();
    // Each file and its configuration; when several paths are given, what each file is
    // (to check it once), beside.
    let mut found: Vec<(PathBuf, usize)> = Vec::new();
    let mut identities: Vec<Option<Box<Path>>> = Vec::new();
    let mut walk_errors = Vec::new();
    for (_, group) in &groups {
        let include = |p: &Path| {
            let mut registry = registry.borrow_mut();
            let nearest = registry.for_walked(p);
            registry
                .get(nearest)
                .is_some_and(|c| c.is_included_at(p, || relative.of(c, p)))
        };
        let (files, errors) = input::collect(group, &include, paths.len() > 1);
        for file in files {
            // A named file's directory has its configuration already (see `for_argument`).
            let nearest = registry.borrow_mut().for_walked(&file.path);
            if paths.len() > 1 {
                identities.push(file.identity);
            }
            found.push((file.path, nearest));
        }
        walk_errors.extend(errors);
    }
    let configs = registry.into_inner().finish()?;
    if paths.len() > 1 {
        found = first_of_each(found, identities);
    }
    for (what, target) in [
        ("report", &args.output_file),
        ("baseline", &args.write_baseline),
    ] {
        if let Some(target) = target {
            if overwrites_an_input(target, found.iter().map(|(p, _)| p.as_path()), &paths) {
                miette::bail!(
                    "{what} {} not written: it would overwrite an input file",
                    target.display()
                );
            }
        }
    }
    // Cross-document thresholds and the corpus phase's selection come from the first
    // configuration; per-file overrides still apply to its findings.
    let Some(config) = configs.first() else {
        return Ok(EXIT_OK);
    };
    let mut baseline = match &args.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| miette::miette!("cannot read baseline {}: {e}", path.display()))?;
            Some(
                Baseline::from_json(&text)
                    .map_err(|e| miette::miette!("invalid baseline {}: {e}", path.display()))?,
            )
        }
        None => None,
    };
    // Output is sorted by file whatever the order of the arguments; a file named twice is
    // checked once. Files are checked in that order, so that findings can be stored as
    // they come. The list is held until the end (to read documents with corpus findings
    // again), with each displayed path allocated once for the whole run.
    let files = input::listed(found);
    // Each file is read with its configuration's size limit; a file is read again (for the
    // corpus findings and the human report's excerpts) up to the largest of them, which its
    // first read kept it under.
    let max_size_of = |config: &Config| {
        args.max_file_size
            .or(config.max_file_size)
            .unwrap_or(DEFAULT_MAX_FILE_SIZE)
    };
    let max_size = configs
        .iter()
        .map(max_size_of)
        .max()
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let human = HumanOptions {
        // `auto` colours a terminal only, and a report written to a file goes to none.
        color: match args.output_file {
            Some(_) => args.color == ColorChoice::Always,
            None => use_color(args.color),
        },
        width: 100,
    };
    let want_human = args.format == OutputFormat::Human && !args.statistics;
    let check_one = |(file, index): &(Listed, usize)| -> std::result::Result<Checked, FileError> {
        let config = configs.get(*index).unwrap_or(config);
        let options = ParseOptions {
            format: args.input_format.map(Into::into),
            vocabulary: Some(&config.vocabulary),
        };
        let source = file.read(max_size_of(config)).map_err(|e| FileError {
            file: file.shown().to_string(),
            message: e.to_string(),
        })?;
        let parsed = parse(&source, options);
        let settings = config.settings_at(|| relative.of(config, file.path()));
        let mut gathering = found::Gathering::new();
        let unless_corpus_uses =
            lint_before_corpus_into(&source, &parsed, &config.options, &settings, |d| {
                gathering.push(file.shown(), &source, d)
            })
            .into_iter()
            .map(|u| {
                (
                    u.suppression,
                    Located::new(&source, u.diagnostic),
                    u.corpus_only,
                )
            })
            .collect();
        let diagnostics = gathering.finish(&source);
        let mut summary = cookielint::corpus::summarize(&source, &parsed);
        if summary.path == *file.shown() {
            summary.path = std::sync::Arc::clone(file.shown());
        }
        Ok(Checked {
            file: summary.path.clone(),
            diagnostics,
            unless_corpus_uses,
            summary,
        })
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .into_diagnostic()?;
    let mut results = Results {
        diagnostics: Store::new(),
        errors: walk_errors
            .into_iter()
            .map(|e| FileError {
                file: e.path().unwrap_or_default().to_owned(),
                message: e.to_string(),
            })
            .collect(),
        files: Vec::with_capacity(files.len()),
    };
    let mut summaries = Vec::with_capacity(files.len());
    // For the human report, what recognises each checked file's text when it is read again
    // (same order as `results.files`).
    let mut identities: Vec<(u32, u64)> = Vec::new();
    // The findings of unused suppressions that wait for the corpus phase (few: kept whole).
    let mut unless_corpus_uses: Vec<(std::sync::Arc<str>, usize, Located, bool)> = Vec::new();
    // In chunks, so that only two chunks' findings are ever held whole: the store keeps the
    // rest compact. A chunk is stored while the next one is checked.
    let mut keep = |outcomes: Vec<std::result::Result<Checked, FileError>>| {
        for outcome in outcomes {
            match outcome {
                Ok(checked) => {
                    match checked.diagnostics {
                        found::Found::Few(list) => {
                            for d in list {
                                results.diagnostics.push_in(&checked.file, d);
                            }
                        }
                        found::Found::Many(store) => results.diagnostics.append(store),
                    }
                    unless_corpus_uses.extend(checked.unless_corpus_uses.into_iter().map(
                        |(suppression, d, corpus_only)| {
                            (checked.file.clone(), suppression, d, corpus_only)
                        },
                    ));
                    results.files.push(checked.file);
                    if want_human {
                        identities.push(checked.summary.identity());
                    }
                    summaries.push(checked.summary);
                }
                Err(e) => results.errors.push(e),
            }
        }
    };
    let mut pending = Vec::new();
    for chunk in files.chunks(CHUNK) {
        pending = std::thread::scope(|scope| {
            let checking = scope
                .spawn(|| pool.install(|| chunk.par_iter().map(check_one).collect::<Vec<_>>()));
            keep(std::mem::take(&mut pending));
            checking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
    }
    keep(pending);
    // The per-document memos have done their work: free them before the corpus phase.
    pool.broadcast(|_| cookielint::release_memos());
    // Phase two: compare the documents with each other, then merge in output order.
    // Files are sorted by their displayed path: found again by binary search.
    let mut corpus = pool.install(|| {
        cookielint::corpus::run(
            &summaries,
            &config.settings,
            &config.corpus,
            &input::reread(&pool, &files, max_size),
        )
    });
    // Each file's own configuration first: a comment is not credited with silencing a
    // finding that the configuration drops anyway.
    let settings_of = |shown: &str| {
        let (index, path) = match input::find_listed(&files, shown) {
            Some((file, index)) => (*index, file.path()),
            None => (0, Path::new(shown)),
        };
        configs
            .get(index)
            .map(|config| config.settings_at(|| relative.of(config, path)))
    };
    apply_file_settings(&configs, settings_of, &mut corpus);
    // Markdown suppression comments silence corpus findings too.
    let suppressions: std::collections::HashMap<&str, &[cookielint::lint::suppress::Region]> =
        summaries
            .iter()
            .filter(|s| !s.suppressions().is_empty())
            .map(|s| (&*s.path, s.suppressions()))
            .collect();
    // Each file's findings are matched with its regions at once (one file may have many
    // of both).
    let mut by_file: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, d) in corpus.iter().enumerate() {
        let file = d.diagnostic.file.as_str();
        if suppressions.contains_key(file) {
            by_file.entry(file).or_default().push(i);
        }
    }
    let mut silenced = vec![false; corpus.len()];
    // The comments that silence some corpus finding: their indexes, by file.
    let mut used: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (file, indexes) in by_file {
        let regions = suppressions.get(file).copied().unwrap_or_default();
        let findings: Vec<(usize, &str)> = indexes
            .iter()
            .filter_map(|&i| corpus.get(i))
            .map(|d| (d.diagnostic.span.start, d.diagnostic.code))
            .collect();
        let verdicts = cookielint::lint::suppress::silencing(regions, &findings);
        let mut users = Vec::new();
        for (&i, verdict) in indexes.iter().zip(verdicts) {
            if let (Some(slot), Some(suppression)) = (silenced.get_mut(i), verdict) {
                *slot = true;
                users.push(suppression);
            }
        }
        if !users.is_empty() {
            users.sort_unstable();
            users.dedup();
            used.insert(file.to_owned(), users);
        }
    }
    let mut verdicts = silenced.into_iter();
    corpus.retain(|_| !verdicts.next().unwrap_or(false));
    drop(suppressions);
    // Freeing a large corpus's summaries (millions of small allocations) takes a while:
    // done beside the rest of the run, and waited for when `check` returns.
    let _freeing = Freeing::start(summaries);
    for d in corpus {
        results.diagnostics.push(d);
    }
    // A comment that silences nothing in its document is unused only if it silences no
    // corpus finding either; one naming only cross-document rules in a file checked alone
    // cannot be judged (a pre-commit hook checking the changed file), and is not reported.
    let alone = results.files.len() < 2;
    for (file, suppression, d, corpus_only) in unless_corpus_uses {
        if !(alone && corpus_only)
            && used
                .get(&*file)
                .is_none_or(|users| users.binary_search(&suppression).is_err())
        {
            results.diagnostics.push_in(&file, d);
        }
    }
    results.diagnostics.sort();
    // Baselines name files by their paths as given, not as displayed (which escapes).
    let given: std::collections::HashMap<&str, &Path> =
        match args.baseline.is_some() || args.write_baseline.is_some() {
            true => files
                .iter()
                .map(|(f, _)| (&**f.shown(), f.path()))
                .collect(),
            false => std::collections::HashMap::new(),
        };
    let name_in = |names: &mut BaselineNames, shown: &str| {
        names.name(shown, given.get(shown).copied().unwrap_or(Path::new(shown)))
    };
    if let (Some(baseline), Some(path)) = (baseline.as_mut(), &args.baseline) {
        let mut names = BaselineNames::new(path, &std::env::current_dir().into_diagnostic()?);
        results.diagnostics.retain(|d| {
            let file = name_in(&mut names, &d.diagnostic.file);
            !baseline.absorb_as(&file, &d.diagnostic)
        });
    }

    if let Some(path) = &args.write_baseline {
        for e in &results.errors {
            super::to_stderr(format_args!(
                "error: {}",
                report::escape_control(&e.message)
            ));
        }
        let mut names = BaselineNames::new(path, &std::env::current_dir().into_diagnostic()?);
        let recorded = Baseline::record_as(results.diagnostics.all().map(|d| {
            let d = d.into_owned().diagnostic;
            (name_in(&mut names, &d.file), d)
        }));
        write_atomic(path, recorded.to_json().as_bytes())
            .map_err(|e| miette::miette!("cannot write baseline {}: {e}", path.display()))?;
        super::to_stderr(format_args!(
            "recorded {} in {}",
            counted(results.diagnostics.total(), "finding", "findings"),
            path.display()
        ));
        return Ok(if results.errors.is_empty() {
            EXIT_OK
        } else {
            EXIT_ERROR
        });
    }

    let report = |out: &mut (dyn std::io::Write + Send)| {
        if args.statistics {
            let table = match args.format {
                OutputFormat::Json => report::statistics_json(&results),
                _ => report::statistics(&results),
            };
            return out.write_all(table.as_bytes());
        }
        match args.format {
            OutputFormat::Human => {
                let texts = Texts {
                    files: &files,
                    checked: &results.files,
                    identities: &identities,
                    max_size,
                };
                write_human(&results.diagnostics, &texts, human, &pool, out)?;
                out.write_all(human_footer(&results).as_bytes())
            }
            OutputFormat::Concise => {
                report::write_concise(&results, out)?;
                out.write_all(concise_footer(&results).as_bytes())
            }
            OutputFormat::Json => pool.install(|| report::write_json(&results, out)),
            OutputFormat::Sarif => report::write_sarif(&results, out),
            OutputFormat::Github => report::write_github(&results, out),
            OutputFormat::Junit => report::write_junit(&results, out),
        }
    };
    match &args.output_file {
        Some(path) => write_atomic_with(path, report)
            .map_err(|e| miette::miette!("cannot write report {}: {e}", path.display()))?,
        None => super::print_with(report)?,
    }
    // Concise output lists unreadable files itself; the other formats carry them in their
    // own structure (JSON, SARIF, JUnit) except human and statistics, which use stderr.
    if matches!(args.format, OutputFormat::Human | OutputFormat::Github) || args.statistics {
        for e in &results.errors {
            super::to_stderr(format_args!(
                "error: {}",
                report::escape_control(&e.message)
            ));
        }
    }
    let failing = fails(&args, &configs, &files, &results.diagnostics);
    Ok(if !results.errors.is_empty() {
        EXIT_ERROR
    } else if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// A value being dropped on a thread of its own, waited for when this is dropped (the value
/// is dropped in place if no thread can be started).
struct Freeing(Option<std::thread::JoinHandle<()>>);

impl Freeing {
    fn start<T: Send + 'static>(value: T) -> Self {
        Freeing(
            std::thread::Builder::new()
                .name("free".into())
                .spawn(move || drop(value))
                .ok(),
        )
    }
}

impl Drop for Freeing {
    fn drop(&mut self) {
        if let Some(thread) = self.0.take() {
            // A panic while freeing is passed on, unless this thread is already panicking.
            if let Err(panic) = thread.join() {
                if !std::thread::panicking() {
                    std::panic::resume_unwind(panic);
                }
            }
        }
    }
}

/// Per-file overrides apply to corpus findings too: a rule switched off for a file reports
/// nothing there, and its severity is the file's.
///
/// With one configuration and no overrides, every file has the settings the corpus phase
/// ran with, so nothing changes and nothing is looked up. Otherwise a file's settings are
/// worked out once for its run of findings (corpus findings come sorted by file), by
/// `settings_of` (the file's displayed path).
fn apply_file_settings(
    configs: &[Config],
    settings_of: impl Fn(&str) -> Option<cookielint::lint::RuleSettings>,
    found: &mut Vec<Located>,
) {
    if let [only] = configs {
        if only.overrides.is_empty() {
            return;
        }
    }
    let mut current: Option<(String, Option<cookielint::lint::RuleSettings>)> = None;
    found.retain_mut(|d| {
        let file = &d.diagnostic.file;
        let settings = match &current {
            Some((path, settings)) if path == file => settings,
            _ => {
                let settings = settings_of(file);
                &current.insert((file.clone(), settings)).1
            }
        };
        let Some(settings) = settings else {
            return true;
        };
        match RULES.iter().position(|r| r.meta.code == d.diagnostic.code) {
            Some(index) if settings.is_enabled(index) => {
                d.diagnostic.severity = settings.severity(index);
                true
            }
            Some(_) => false,
            None => true,
        }
    });
}

/// Whether the findings fail the run: whether one of them has at least the failing severity
/// in force for its file (`--fail-on`, else its configuration's `fail-on`, else errors).
fn fails(args: &CheckArgs, configs: &[Config], files: &[(Listed, usize)], found: &Store) -> bool {
    let fail_on = |config: Option<&Config>| {
        args.fail_on
            .map(|f| match f {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            })
            .or(config.and_then(|c| c.fail_on))
            .unwrap_or(Severity::Error)
    };
    let first = fail_on(configs.first());
    if configs.iter().all(|c| fail_on(Some(c)) == first) {
        return found.any_at_least(first);
    }
    // Configurations disagree: each finding is judged by its file's.
    let by_file: std::collections::HashMap<&str, Severity> = files
        .iter()
        .map(|(file, index)| (&**file.shown(), fail_on(configs.get(*index))))
        .collect();
    found.all().any(|d| {
        let d = &d.diagnostic;
        d.severity >= by_file.get(d.file.as_str()).copied().unwrap_or(first)
    })
}

/// `found` with each file once, as the first path that reached it (`identities`: what each
/// file is, see [`input::collect`]). Every path to a file gives it the same configuration,
/// the nearest above it, so the first is kept whole.
fn first_of_each(
    found: Vec<(PathBuf, usize)>,
    identities: Vec<Option<Box<Path>>>,
) -> Vec<(PathBuf, usize)> {
    let mut seen: std::collections::HashSet<Box<Path>> =
        std::collections::HashSet::with_capacity(found.len());
    found
        .into_iter()
        .zip(identities)
        .filter(|((file, _), identity)| !input::shadowed_by_stdin(file, identity.as_deref()))
        .filter(|(_, identity)| identity.as_ref().is_none_or(|i| seen.insert(i.clone())))
        .map(|(file, _)| file)
        .collect()
}
