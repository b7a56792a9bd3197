//! Helpers shared by the test modules: locating files, parsing them, comparing models,
//! running the binary.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};

use cookielint::model::{parse, Document, ParseOptions, Parsed};
use cookielint::source::{SourceFile, DEFAULT_MAX_FILE_SIZE};
use cookielint::vocab::ColumnRole;
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of a directory under the root with one of `extensions`, sorted.
pub fn files(dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        })
        .collect();
    out.sort();
    out
}

/// The five corpus documents.
pub fn corpus_files() -> Vec<PathBuf> {
    files("corpus", &["txt", "md"])
}

/// The parser fixtures.
pub fn fixture_files() -> Vec<PathBuf> {
    files("tests/fixtures/parse", &["txt", "md"])
        .into_iter()
        .filter(|p| p.with_extension("expect").exists())
        .collect()
}

/// The path relative to the root, with `/` separators (stable in snapshots).
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Reads, decodes and parses a file; checks the model's invariants on the way.
pub fn parse_path(path: &Path) -> (SourceFile, Parsed) {
    let bytes = std::fs::read(path).unwrap();
    parse_bytes(&relative(path), &bytes)
}

/// Decodes and parses bytes; checks the model's invariants on the way.
pub fn parse_bytes(name: &str, bytes: &[u8]) -> (SourceFile, Parsed) {
    let source = SourceFile::from_bytes(name, bytes, DEFAULT_MAX_FILE_SIZE)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let parsed = parse(&source, ParseOptions::default());
    if let Err(violation) = cookielint::model::invariants::check(&source.text, &parsed.document) {
        panic!("{name}: invariant broken: {violation}");
    }
    (source, parsed)
}

/// One cookie as a comparable tuple: name, provider, service, purpose, duration, category.
pub type CookieRow = (String, String, String, String, String, String);

/// The cookies of a document as comparable tuples (`-` for absent values).
pub fn cookie_rows(doc: &Document) -> Vec<CookieRow> {
    doc.cookies
        .iter()
        .map(|c| {
            let field = |role| {
                doc.cookie_field(c, role)
                    .map_or("-".to_owned(), |t| t.display.to_string())
            };
            (
                c.name.display.to_string(),
                field(ColumnRole::Provider),
                field(ColumnRole::Service),
                field(ColumnRole::Purpose),
                field(ColumnRole::Duration),
                c.category.map_or("-".to_owned(), |c| c.as_str().to_owned()),
            )
        })
        .collect()
}

/// Section headings with their depth.
pub fn headings(doc: &Document) -> Vec<(u8, String)> {
    doc.sections
        .iter()
        .map(|s| (s.depth, s.heading.text.display.to_string()))
        .collect()
}

/// What one run of the binary gave back.
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cookielint ARGS...` from the repository root (so `corpus/...` paths work).
pub fn cookielint<S: AsRef<OsStr>>(args: &[S]) -> Run {
    cookielint_in(&root(), args)
}

/// Runs `cookielint ARGS...` with `dir` as the working directory.
pub fn cookielint_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_cookielint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Runs `cookielint ARGS...` with `dir` as the working directory and `input` on its
/// standard input (written from another thread, so that a run that reads only part of it,
/// or none, does not block the test; a closed pipe ends the writing).
pub fn cookielint_with_input<S: AsRef<OsStr>>(dir: &Path, args: &[S], input: &[u8]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cookielint"));
    let (child, mut stdin) = spawn_piped(command.args(args).current_dir(dir));
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Starts `command` with its standard input, output and error piped; returns it and the
/// writing end of its standard input.
pub fn spawn_piped(command: &mut Command) -> (Child, ChildStdin) {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    let stdin = child.stdin.take().unwrap();
    (child, stdin)
}

/// Parses JSON text, showing the text when it is not JSON.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}
