//! `cookielint convert`: documents to JSON, JSON Lines, CSV or canonical Markdown.
//!
//! Documents are parsed with the vocabulary of the configuration in force (the nearest
//! `cookielint.toml` above the first path that has one, as for `inventory`), so a
//! configured header or heading wording gives the same model here as in `check`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use miette::Result;
use rayon::prelude::*;

use cookielint::convert::{csv_header, csv_rows, to_json_string, to_markdown, write_json};
use cookielint::model::{parse, ParseOptions, Parsed};
use cookielint::source::{SourceFile, DEFAULT_MAX_FILE_SIZE};

use super::configs::RelativePaths;
use super::input::{self, InputError, InputFile};
use super::write::{write_atomic, write_atomic_with};
use super::{InputFormat, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};

/// Arguments of `convert`.
#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// Files or directories to convert (directories are walked for *.txt, *.md, *.markdown;
    /// `-`: standard input).
    #[arg(required_unless_present = "stdin_filename")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    to: OutputFormat,
    /// Write one output file per input into this directory instead of stdout.
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Use this configuration file (for its `[vocabulary]` and the files its `[files]`
    /// takes) instead of searching for cookielint.toml.
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
    /// Largest file read, in bytes [default: 10 MiB, or the configuration's].
    #[arg(long, value_name = "BYTES")]
    max_file_size: Option<u64>,
}

/// Output formats of `convert`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One JSON object per document (an array for several documents).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// One row per cookie.
    Csv,
    /// Canonical Markdown.
    Markdown,
}

impl OutputFormat {
    fn extension(self) -> &'static str {
        match self {
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
            OutputFormat::Markdown => "md",
        }
    }
}

/// Runs `convert` and returns the exit code.
pub fn run(args: ConvertArgs) -> Result<u8> {
    // The configuration's vocabulary (extra heading and header wording) shapes the model:
    // without it, a document `check` understands could convert to one without cookies.
    let paths = input::with_stdin(&args.paths, args.stdin_filename.as_deref(), None)?;
    let config = super::load_config(args.config.as_deref(), args.no_config, &paths)?;
    // Walked directories give the files the configuration's `[files]` takes, as in `check`.
    let (mut files, errors) = {
        let relative = RelativePaths::default();
        let include = |p: &Path| config.is_included_at(p, || relative.of(&config, p));
        input::collect(&paths, &include, paths.len() > 1)
    };
    let max_size = args
        .max_file_size
        .or(config.max_file_size)
        .unwrap_or(DEFAULT_MAX_FILE_SIZE);
    let options = ParseOptions {
        format: args.input_format.map(Into::into),
        vocabulary: Some(&config.vocabulary),
    };
    if let Some(dir) = &args.output_dir {
        // Never read back what an earlier run wrote into an output directory inside a
        // walked input. (An output directory that is itself an input keeps its inputs, and
        // so does a file named on the command line: the overwrite check below protects
        // them.)
        if let Ok(out) = dir.canonicalize() {
            let named: HashSet<PathBuf> =
                paths.iter().filter_map(|p| p.canonicalize().ok()).collect();
            if !named.contains(&out) {
                files.retain(|f| {
                    f.path
                        .canonicalize()
                        .map_or(true, |p| named.contains(&p) || !p.starts_with(&out))
                });
            }
        }
    }
    for err in &errors {
        super::to_stderr(format_args!("error: {err}"));
    }
    let convert = |file: &InputFile| -> std::result::Result<Converted, InputError> {
        let source = input::read(file, max_size)?;
        let parsed = parse(&source, options);
        let json = matches!(args.to, OutputFormat::Json | OutputFormat::Jsonl);
        Ok(match json && source.text.len() > STREAMED_BYTES {
            true => Converted::Streamed(Box::new((source, parsed))),
            false => Converted::Text(render(args.to, &source, &parsed)),
        })
    };
    let mut failed = !errors.is_empty();
    let code = match &args.output_dir {
        Some(dir) => write_files(&args, dir, &files, &convert, &mut failed),
        None => {
            // One path that is not a directory: one file, even when it is missing.
            let single = paths.len() == 1 && paths.iter().all(|p| !p.is_dir());
            print_stdout(args.to, &files, single, &convert, &mut failed)?;
            EXIT_OK
        }
    };
    Ok(if code != EXIT_OK {
        code
    } else if failed {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Reads, parses and renders one file.
type Convert<'a> = dyn Fn(&InputFile) -> std::result::Result<Converted, InputError> + Sync + 'a;

/// A document larger than this is converted to JSON as its output is written.
const STREAMED_BYTES: usize = 1 << 20;

/// One converted document.
enum Converted {
    /// Its output.
    Text(String),
    /// A large document to be converted to JSON as the output is written
    /// ([`Converted::write_to`]), instead of being held whole.
    Streamed(Box<(SourceFile, Parsed)>),
}

impl Converted {
    /// Writes the output: the text as rendered, or a streamed document's JSON (`pretty`, or
    /// on one line) followed by a line break.
    fn write_to(&self, pretty: bool, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Converted::Text(text) => out.write_all(text.as_bytes()),
            Converted::Streamed(document) => {
                let (source, parsed) = &**document;
                write_json(source, parsed, pretty, out)?;
                out.write_all(b"\n")
            }
        }
    }
}

/// Writes what it is given with every line after the first indented by two spaces: a
/// pretty JSON document as an element of a pretty array (a JSON string holds no raw line
/// break).
struct Indented<'w> {
    out: &'w mut dyn std::io::Write,
}

impl std::io::Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut lines = buf.split(|&b| b == b'\n');
        if let Some(first) = lines.next() {
            self.out.write_all(first)?;
        }
        for line in lines {
            self.out.write_all(b"\n  ")?;
            self.out.write_all(line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Documents converted at once: enough to keep every thread busy, few enough that the
/// outputs held before they are written stay small whatever the number of files.
const WINDOW: usize = 256;

/// Input bytes converted at once. An output can be a hundred times its input (a cell of
/// thousands of cookie names), so a window also ends before its files reach this size: a
/// file as large is converted alone.
const WINDOW_BYTES: u64 = 8 << 20;

/// The end of the window that starts at `start`: at most [`WINDOW`] files, and no more
/// than [`WINDOW_BYTES`] of input after the first file (`size` gives a file's, or 0 when
/// it cannot tell).
fn window_end(count: usize, start: usize, mut size: impl FnMut(usize) -> u64) -> usize {
    let mut end = start;
    let mut bytes = 0u64;
    while end < count && end - start < WINDOW {
        bytes = bytes.saturating_add(size(end));
        if end > start && bytes > WINDOW_BYTES {
            break;
        }
        end += 1;
    }
    end
}

/// Converts `files` a window at a time on the thread pool and hands each output to `emit`
/// in the order of `files`; a file that cannot be read is reported and sets `failed`.
fn convert_in_order(
    files: &[InputFile],
    convert: &Convert<'_>,
    failed: &mut bool,
    mut emit: impl FnMut(&InputFile, Converted) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let size = |i: usize| {
        files
            .get(i)
            .and_then(|f| std::fs::metadata(&f.path).ok())
            .map_or(0, |m| m.len())
    };
    let mut start = 0;
    while start < files.len() {
        let end = window_end(files.len(), start, size);
        let window = files.get(start..end).unwrap_or_default();
        start = end;
        let outputs: Vec<_> = window.par_iter().map(convert).collect();
        for (file, output) in window.iter().zip(outputs) {
            match output {
                Ok(converted) => emit(file, converted)?,
                Err(err) => {
                    super::to_stderr(format_args!("error: {err}"));
                    *failed = true;
                }
            }
        }
    }
    Ok(())
}

fn render(format: OutputFormat, source: &SourceFile, parsed: &Parsed) -> String {
    match format {
        OutputFormat::Json => {
            let mut text = to_json_string(source, parsed, true);
            text.push('\n');
            text
        }
        OutputFormat::Jsonl => {
            let mut line = to_json_string(source, parsed, false);
            line.push('\n');
            line
        }
        OutputFormat::Csv => csv_rows(source, &parsed.document),
        OutputFormat::Markdown => to_markdown(&parsed.document),
    }
}

/// Prints every document as it is converted; `single` (exactly one file named) prints a
/// JSON object rather than an array, decided from the arguments so the shape never
/// depends on what failed (nothing at all when that file could not be read).
fn print_stdout(
    format: OutputFormat,
    files: &[InputFile],
    single: bool,
    convert: &Convert<'_>,
    failed: &mut bool,
) -> Result<()> {
    let array = format == OutputFormat::Json && !single;
    super::print_with(|out| {
        if format == OutputFormat::Csv {
            out.write_all(csv_header().as_bytes())?;
        }
        let mut count = 0usize;
        convert_in_order(files, convert, failed, |_, converted| {
            let first = count == 0;
            count += 1;
            match format {
                OutputFormat::Json if array => {
                    out.write_all(if first { b"[\n  " } else { b",\n  " })?;
                    write_json_element(&converted, out)
                }
                // Canonical Markdown documents are separated by a blank line.
                OutputFormat::Markdown if !first => {
                    out.write_all(b"\n")?;
                    converted.write_to(false, out)
                }
                _ => converted.write_to(format == OutputFormat::Json, out),
            }
        })?;
        if array {
            out.write_all(if count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    })
}

/// Writes a document's pretty JSON as an element of `serde_json`'s pretty array: one level
/// deeper (a JSON string holds no raw line break, so every line break starts a line of the
/// element), without the document's own final line break.
fn write_json_element(converted: &Converted, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match converted {
        Converted::Streamed(document) => {
            let (source, parsed) = &**document;
            write_json(source, parsed, true, &mut Indented { out })
        }
        Converted::Text(text) => {
            let element = text.strip_suffix('\n').unwrap_or(text);
            out.write_all(element.replace('\n', "\n  ").as_bytes())
        }
    }
}

/// Writes one file per input under `dir`, mirroring each input's path relative to the
/// directory it was found in, or, for a file named directly, its path as given (its file
/// name when that path is absolute or climbs with `..`). Refuses to write over an input file
/// and to write two inputs to one output.
fn write_files(
    args: &ConvertArgs,
    dir: &Path,
    files: &[InputFile],
    convert: &Convert<'_>,
    failed: &mut bool,
) -> u8 {
    let inputs: HashSet<PathBuf> = files
        .iter()
        .filter_map(|f| f.path.canonicalize().ok())
        .collect();
    let mut code = EXIT_OK;
    let mut written = HashSet::new();
    let _ = convert_in_order(files, convert, failed, |file, converted| {
        let target = dir.join(file.relative.with_extension(args.to.extension()));
        let clash = target.canonicalize().is_ok_and(|t| inputs.contains(&t));
        if clash || !written.insert(target.clone()) {
            super::to_stderr(format_args!(
                "error: {}: not written, it would overwrite {}",
                target.display(),
                if clash {
                    "an input file"
                } else {
                    "the output of another input"
                }
            ));
            code = EXIT_ERROR;
            return Ok(());
        }
        let written = match converted {
            Converted::Text(text) if args.to == OutputFormat::Csv => {
                write_atomic(&target, (csv_header() + &text).as_bytes())
            }
            Converted::Text(text) => write_atomic(&target, text.as_bytes()),
            streamed => write_atomic_with(&target, |out| {
                streamed.write_to(args.to == OutputFormat::Json, out)
            }),
        };
        if let Err(err) = written {
            super::to_stderr(format_args!("error: {}: {err}", target.display()));
            code = EXIT_ERROR;
        }
        Ok(())
    });
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windows `window_end` cuts `sizes` into.
    fn windows(sizes: &[u64]) -> Vec<std::ops::Range<usize>> {
        let mut cut = Vec::new();
        let mut start = 0;
        while start < sizes.len() {
            let end = window_end(sizes.len(), start, |i| sizes.get(i).copied().unwrap_or(0));
            cut.push(start..end);
            start = end;
        }
        cut
    }

    #[test]
    fn a_window_ends_at_its_count_or_its_bytes_and_holds_a_large_file_alone() {
        const MB: u64 = 1 << 20;
        assert_eq!(windows(&[]), Vec::<std::ops::Range<usize>>::new());
        assert_eq!(windows(&[1; 600]), [0..256, 256..512, 512..600]);
        // 3 + 3 fit; the third pushes past 8 MB and starts the next window.
        assert_eq!(windows(&[3 * MB, 3 * MB, 3 * MB, 1]), [0..2, 2..4]);
        // A file larger than a window is converted alone, wherever it comes.
        assert_eq!(
            windows(&[1, 2, 20 * MB, 1, 30 * MB, 30 * MB]),
            [0..2, 2..3, 3..4, 4..5, 5..6]
        );
        // Exactly 8 MB fit; unknown sizes count for nothing.
        assert_eq!(windows(&[4 * MB, 4 * MB, 0, 1]), [0..3, 3..4]);
    }
}
