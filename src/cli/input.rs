//! Finding and reading input files.
//!
//! Paths named on the command line are read whatever their extension; directories are walked
//! in sorted order for the files the configuration takes (by default `*.txt`, `*.md` and
//! `*.markdown`, in any case), without following symbolic
//! links (so a link can neither leave the tree nor loop). Each file is opened and read once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use cookielint::source::{DecodeError, SourceFile};

mod ignore_files;
use ignore_files::{odd_global_git_file, odd_ignore_file, GLOBAL_REPORTED};

/// One input file: where it was found and how it is named in output.
#[derive(Clone, Debug)]
pub struct InputFile {
    /// The file's path.
    pub path: PathBuf,
    /// Where the file's output goes under `-o DIR`: the path relative to the directory
    /// argument it was found under; for a file named directly, the path as given when it is
    /// relative and stays below the working directory, else its file name.
    pub relative: PathBuf,
    /// The file itself, whatever path reached it: its canonical path, when [`collect`] was
    /// asked to tell files apart (boxed: a corpus's list of files is long).
    pub identity: Option<Box<Path>>,
}

/// Why one input could not be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum InputError {
    /// The path could not be read.
    #[error("{path}: {source}")]
    #[diagnostic(code(cookielint::input::io))]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The path is a FIFO, socket or device: reading it could block or never end.
    #[error("{path}: not a regular file")]
    #[diagnostic(
        code(cookielint::input::not_a_file),
        help("name regular files or directories; FIFOs, sockets and devices are not read")
    )]
    NotAFile {
        /// The path.
        path: String,
    },
    /// A directory is not walked: one of its ignore files (`.gitignore`, `.ignore`,
    /// `.git/info/exclude`), or one of a parent directory's, is a FIFO, socket or device,
    /// which the walk would wait on forever or read without end.
    #[error("{dir}: not walked: its ignore file {file} is not a regular file")]
    #[diagnostic(
        code(cookielint::input::ignore_file),
        help("replace it with a regular file, or remove it")
    )]
    IgnoreFile {
        /// The directory.
        dir: String,
        /// The ignore file.
        file: String,
    },
    /// Git's global ignore rules are not read: a git configuration file the walk would read
    /// to find them (see `odd_global_git_file`) is a FIFO, socket or device, which opening
    /// would wait on forever or read without end. The walk goes on without them.
    #[error("{file}: git's global ignore rules not read: not a regular file")]
    #[diagnostic(
        code(cookielint::input::global_ignore_file),
        help("replace it with a regular file, or name another with GIT_CONFIG_GLOBAL or GIT_CONFIG_SYSTEM")
    )]
    GlobalIgnoreFile {
        /// The file.
        file: String,
    },
    /// A directory could not be listed while walking (permission, vanished entry, loop).
    #[error("{message}")]
    #[diagnostic(code(cookielint::input::walk))]
    Walk {
        /// The path the walker names (the directory it could not list, the entry it could
        /// not read), when it names one.
        path: Option<String>,
        /// What the walker said.
        message: String,
    },
    /// Standard input held more bytes than the size limit (it is read no further).
    #[error("{path}: standard input holds more than the limit of {limit} bytes")]
    #[diagnostic(
        code(cookielint::input::too_large),
        help("raise the limit with --max-file-size if this really is a cookie policy")
    )]
    StdinTooLarge {
        /// The path standard input stands for.
        path: String,
        /// The limit in force.
        limit: u64,
    },
    /// The bytes could not be decoded.
    #[error("{path}: {source}")]
    #[diagnostic(code(cookielint::input::decode))]
    Decode {
        /// The path.
        path: String,
        /// The decoding error.
        #[diagnostic_source]
        source: DecodeError,
    },
}

impl InputError {
    /// The path it is about (the directory, for an ignore file), when it names one (a walk
    /// error names one unless the walker gave none).
    pub fn path(&self) -> Option<&str> {
        match self {
            InputError::Io { path, .. }
            | InputError::NotAFile { path }
            | InputError::StdinTooLarge { path, .. }
            | InputError::Decode { path, .. } => Some(path),
            InputError::IgnoreFile { dir, .. } => Some(dir),
            InputError::GlobalIgnoreFile { file } => Some(file),
            InputError::Walk { path, .. } => path.as_deref(),
        }
    }
}

/// The path a walk error is about, looking through the walker's wrappers (depth, line
/// number, partial errors); for a link loop, the link.
fn walk_error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(walk_error_path),
        _ => None,
    }
}

/// Expands the command-line paths into input files, in a stable order.
///
/// Files named directly are always taken (if they are regular files). Directories are walked
/// with `.gitignore`, `.ignore` and hidden-file rules applied, without following symbolic
/// links (so a link can neither leave the tree nor loop), keeping files `include` accepts.
/// Paths that do not exist or cannot be listed are returned as errors alongside the files.
///
/// With `identify` (needed only when several paths are given, here or across calls), files
/// are told apart by their canonical path ([`InputFile::identity`]), and a file reached by
/// several paths (named twice, found by two walks, named through a link or with `..`) is
/// taken once, as the first path named it. That costs one look-up per argument, not per
/// file: a walk does not follow links, so a walked file's canonical path is its root's
/// joined with the rest.
pub fn collect(
    paths: &[PathBuf],
    include: &dyn Fn(&Path) -> bool,
    identify: bool,
) -> (Vec<InputFile>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if let Some(stdin) = STDIN.get().filter(|s| s.path == *path) {
            files.push(InputFile {
                path: path.clone(),
                relative: stdin_relative(path),
                identity: identify.then(|| stdin.identity.clone()),
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, include, identify, &mut files, &mut errors),
            Ok(meta) if !meta.is_file() => errors.push(InputError::NotAFile {
                path: path.display().to_string(),
            }),
            Ok(_) => files.push(InputFile {
                path: path.clone(),
                relative: named_relative(path),
                identity: identify
                    .then(|| path.canonicalize().unwrap_or_else(|_| path.clone()).into()),
            }),
            Err(source) => errors.push(InputError::Io {
                path: path.display().to_string(),
                source,
            }),
        }
    }
    if identify {
        // Standard input stands for the file it is named after, however either is spelled.
        files.retain(|f| !shadowed_by_stdin(&f.path, f.identity.as_deref()));
        let mut seen = std::collections::HashSet::with_capacity(files.len());
        files.retain(|f| seen.insert(f.identity.clone()));
    }
    hold_for_tests();
    (files, errors)
}

/// How the command line names standard input among the paths.
pub const STDIN_ARGUMENT: &str = "-";

/// Standard input as one of the documents: the path it stands for, and its bytes, read
/// whole (up to the size limit) the first time the document is read, so that every later
/// read (the corpus phase's, the human report's) sees the same bytes.
struct StdinDocument {
    /// `--stdin-filename`, else `-`.
    path: PathBuf,
    /// The file it stands for (see [`InputFile::identity`]): the canonical path of the file
    /// named, when there is one; else the name as given (`-` for none), which no canonical
    /// path (always absolute) can equal.
    identity: Box<Path>,
    /// [`display_path`] of `path`: what reads compare (a walked file and the name given
    /// may spell the same path differently).
    shown: String,
    /// The bytes read, at most the limit plus one; or the error reading them.
    bytes: OnceLock<Result<Vec<u8>, (std::io::ErrorKind, String)>>,
}

/// Standard input, when the command line asks for it (see [`with_stdin`]).
static STDIN: OnceLock<StdinDocument> = OnceLock::new();

/// The paths of the command line, standard input taken into account. `-` among them, or
/// `name` (`--stdin-filename`), makes standard input one of the documents, named `name`
/// (else `-`): `-` is replaced with that name, which is added when missing, and the file of
/// that name, however a path spells it, is read from standard input instead of from disk
/// (an editor's unsaved buffer checked with the corpus it belongs to). `default` is what no
/// paths at all mean (the working directory for `check` and `inventory`); with `name` and
/// no paths, standard input alone is read. A `name` that is a directory is an error.
pub fn with_stdin(
    paths: &[PathBuf],
    name: Option<&Path>,
    default: Option<&Path>,
) -> miette::Result<Vec<PathBuf>> {
    let dash = Path::new(STDIN_ARGUMENT);
    let named = paths.iter().any(|p| p == dash);
    let Some(path) = name.or(named.then_some(dash)) else {
        return Ok(match (paths.is_empty(), default) {
            (true, Some(default)) => vec![default.to_path_buf()],
            _ => paths.to_vec(),
        });
    };
    if name.is_some_and(Path::is_dir) {
        miette::bail!(
            "--stdin-filename {} names a directory: give the name of the file standard input stands for",
            path.display()
        );
    }
    let identity = match name {
        Some(name) => name.canonicalize().unwrap_or_else(|_| name.to_path_buf()),
        None => dash.to_path_buf(),
    };
    let _ = STDIN.set(StdinDocument {
        path: path.to_path_buf(),
        identity: identity.into(),
        shown: display_path(path),
        bytes: OnceLock::new(),
    });
    let mut paths: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            if p == dash {
                path.to_path_buf()
            } else {
                p.clone()
            }
        })
        .collect();
    if !paths.iter().any(|p| p == path) {
        paths.push(path.to_path_buf());
    }
    Ok(paths)
}

/// Whether the file at `path`, which is `identity`, is left out because standard input
/// stands for it (see [`with_stdin`]).
pub fn shadowed_by_stdin(path: &Path, identity: Option<&Path>) -> bool {
    STDIN
        .get()
        .is_some_and(|s| identity == Some(&*s.identity) && s.path != path)
}

/// Where standard input's output goes under `-o DIR`: as a file named directly, or
/// `stdin` when it has no name.
fn stdin_relative(path: &Path) -> PathBuf {
    match path == Path::new(STDIN_ARGUMENT) {
        true => PathBuf::from("stdin"),
        false => named_relative(path),
    }
}

/// Standard input's document, when `shown` is the path it stands for: read once (at most
/// `max_size + 1` bytes, so an endless stream costs no more than that) and decoded.
fn read_stdin(shown: &str, max_size: u64) -> Option<Result<SourceFile, InputError>> {
    use std::io::Read;
    let stdin = STDIN.get().filter(|s| s.shown == shown)?;
    let bytes = stdin.bytes.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| (e.kind(), e.to_string()))
    });
    let path = shown.to_owned();
    Some(match bytes {
        Err((kind, message)) => Err(InputError::Io {
            path,
            source: std::io::Error::new(*kind, message.clone()),
        }),
        Ok(bytes) if bytes.len() as u64 > max_size => Err(InputError::StdinTooLarge {
            path,
            limit: max_size,
        }),
        Ok(bytes) => SourceFile::from_bytes(path.clone(), bytes, max_size)
            .map_err(|source| InputError::Decode { path, source }),
    })
}

/// The environment variable naming the FIFO of [`hold_for_tests`].
const TEST_GATE: &str = "COOKIELINT_TEST_WALKED";

/// A test hook: when [`TEST_GATE`] names a file, reads it to its end once the inputs are
/// listed and before any is read. The fault tests name a FIFO there, which holds the run
/// until the test (its writer) has changed the tree and closed it: a file removed between
/// its listing and its reading, deterministically. Unset (always, outside those tests), it
/// costs one environment lookup.
fn hold_for_tests() {
    if let Some(gate) = std::env::var_os(TEST_GATE) {
        let _ = std::fs::read(gate);
    }
}

/// Where a file named directly goes under `-o DIR`: its path as given, without `./`
/// components, so `a/x.md` and `b/x.md` do not collide. A path that is absolute or has a
/// `..` component would place the output outside `DIR` (or mirror an arbitrary tree), so it
/// gives its file name instead.
fn named_relative(path: &Path) -> PathBuf {
    use std::path::Component;
    let mirrored: Option<PathBuf> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    match mirrored {
        Some(relative) if !relative.as_os_str().is_empty() => relative,
        _ => PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
    }
}

/// The error for `dir` not walked because of its ignore file `file`.
fn ignore_file_error(dir: &Path, file: &Path) -> InputError {
    InputError::IgnoreFile {
        dir: display_path(dir),
        file: display_path(file),
    }
}

/// The order of a walk that lists each directory sorted by name before descending into it
/// is the order of the paths' components. On Unix, where a path holds no NUL byte, the
/// path's bytes with `/` made the smallest byte sort the same way, as plain bytes, without
/// splitting the paths into components (the walker's own sorting did, per comparison, and
/// that cost more than the rest of the walk).
#[cfg(unix)]
fn walk_key(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str()
        .as_bytes()
        .iter()
        .map(|&b| if b == b'/' { 0 } else { b })
        .collect()
}

/// See the Unix version: elsewhere, the components themselves.
#[cfg(not(unix))]
fn walk_key(path: &Path) -> PathBuf {
    path.to_path_buf()
}

fn walk(
    root: &Path,
    include: &dyn Fn(&Path) -> bool,
    identify: bool,
    files: &mut Vec<InputFile>,
    errors: &mut Vec<InputError>,
) {
    // The walk reads the ignore files of the root's parents and of every directory it
    // enters, opening them as they come: one that is a FIFO would stop it for good. Such
    // directories are reported and not walked (a parent's stops the whole walk).
    let start = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    if let Some((dir, file)) = start
        .ancestors()
        .find_map(|dir| odd_ignore_file(dir).map(|file| (dir, file)))
    {
        // Named as the user named the root; a parent's file by its full path.
        let file = match file.strip_prefix(&start) {
            Ok(name) if dir == start => root.join(name),
            _ => file,
        };
        errors.push(ignore_file_error(root, &file));
        return;
    }
    let odd_global = odd_global_git_file();
    if let Some(file) = odd_global {
        if !GLOBAL_REPORTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            errors.push(InputError::GlobalIgnoreFile {
                file: display_path(file),
            });
        }
    }
    let skipped: std::sync::Arc<std::sync::Mutex<Vec<(PathBuf, PathBuf)>>> = Default::default();
    let skipping = std::sync::Arc::clone(&skipped);
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(false)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(odd_global.is_none())
        .require_git(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            match is_dir.then(|| odd_ignore_file(entry.path())).flatten() {
                Some(file) => {
                    if let Ok(mut skipped) = skipping.lock() {
                        skipped.push((entry.path().to_path_buf(), file));
                    }
                    false
                }
                None => true,
            }
        })
        .build();
    // Listed unsorted, then sorted (see `walk_key`): files and errors come out in the order
    // of a walk that sorts each directory. Errors keep the path they name for that.
    let first_file = files.len();
    let mut walk_errors: Vec<(Option<PathBuf>, InputError)> = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                if is_file && include(path) {
                    let relative = path
                        .strip_prefix(root)
                        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
                    files.push(InputFile {
                        path: path.to_path_buf(),
                        identity: identify.then(|| start.join(&relative).into()),
                        relative,
                    });
                }
            }
            Err(err) => {
                let path = walk_error_path(&err).map(Path::to_path_buf);
                walk_errors.push((
                    path.clone(),
                    InputError::Walk {
                        path: path.map(|p| p.display().to_string()),
                        message: err.to_string(),
                    },
                ));
            }
        }
    }
    if let Some(walked) = files.get_mut(first_file..) {
        walked.sort_by_cached_key(|f| walk_key(&f.path));
    }
    // The walker reports the ignore files of the root's parents before anything else, by
    // paths outside the root: they stay first, in the order they came; errors that name
    // no path go last, in the order they came.
    walk_errors.sort_by_cached_key(|(path, _)| match path {
        Some(path) if path.starts_with(root) => (1, Some(walk_key(path))),
        Some(_) => (0, None),
        None => (2, None),
    });
    errors.extend(walk_errors.into_iter().map(|(_, error)| error));
    let mut skipped: Vec<(PathBuf, PathBuf)> = match skipped.lock() {
        Ok(mut skipped) => std::mem::take(&mut *skipped),
        Err(_) => Vec::new(),
    };
    skipped.sort_by_cached_key(|(dir, _)| walk_key(dir));
    errors.extend(
        skipped
            .iter()
            .map(|(dir, file)| ignore_file_error(dir, file)),
    );
}

/// How a path is shown in output and recorded in baselines: as given, without `./`
/// components, with `/` separators, so `check .` and `check a.txt` name a file alike; bytes
/// of a Unix name that are not UTF-8 are written `\xNN`.
pub fn display_path(path: &Path) -> String {
    match path.to_str().filter(|p| shown_as_is(p)) {
        Some(plain) => plain.to_owned(),
        None => cleaned_path(path),
    }
}

/// Whether [`display_path`] shows `path` exactly as written: on Unix, no `.` component, no
/// repeated, trailing or backslash separator (every walked file of an ordinary tree), so
/// the components need not be taken apart and joined again.
fn shown_as_is(path: &str) -> bool {
    // (Elsewhere, prefixes such as `C:.` have components of their own: the long way.)
    cfg!(unix)
        && !path.is_empty()
        && path != "."
        && !path.starts_with("./")
        && !path.ends_with('/')
        && !path.ends_with("/.")
        && !path.contains("/./")
        && !path.contains("//")
        && !path.contains('\\')
}

/// [`display_path`] the long way: through the path's components. A file named `-` in the
/// working directory stays `./-`: `-` alone names standard input.
fn cleaned_path(path: &Path) -> String {
    let cleaned: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    let shown = if cleaned.as_os_str().is_empty() {
        escaped(path)
    } else {
        escaped(&cleaned)
    };
    // A backslash separates components on Windows only; on Unix it is part of a name (and
    // of the escapes above).
    let shown = if cfg!(unix) {
        shown
    } else {
        shown.replace('\\', "/")
    };
    match shown == STDIN_ARGUMENT {
        true => format!("./{STDIN_ARGUMENT}"),
        false => shown,
    }
}

/// `path` as text, each byte that is not part of valid UTF-8 written `\xNN` and each
/// backslash doubled: two names that differ only in such bytes stay two names (U+FFFD
/// would make them one, and one of the files would be taken for the other).
#[cfg(unix)]
fn escaped(path: &Path) -> String {
    use std::fmt::Write;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        // A backslash of the name is doubled, so that `\xE9` written in a name is not
        // taken for the escaped byte.
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02X}");
        }
    }
    out
}

/// See the Unix version: elsewhere, names are Unicode (or lossily shown).
#[cfg(not(unix))]
fn escaped(path: &Path) -> String {
    path.display().to_string()
}

/// A file as a whole-corpus run keeps it until the end: its displayed path (see
/// [`display_path`]), shared with the findings and summary that name it, and its path on
/// disk only when the displayed one does not name it (`./a.md`, a non-UTF-8 name).
#[derive(Clone, Debug)]
pub struct Listed {
    shown: Arc<str>,
    path: Option<Box<Path>>,
}

impl Listed {
    /// The file at `path`.
    pub fn new(path: PathBuf) -> Self {
        if let Some(plain) = path.to_str().filter(|p| shown_as_is(p)) {
            return Listed {
                shown: plain.into(),
                path: None,
            };
        }
        let shown: Arc<str> = display_path(&path).into();
        let path = (Path::new(&*shown) != path).then(|| path.into_boxed_path());
        Listed { shown, path }
    }

    /// How it is named in output.
    pub fn shown(&self) -> &Arc<str> {
        &self.shown
    }

    /// Where it is read from.
    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(&*self.shown))
    }

    /// Reads and decodes it (see [`read`]).
    pub fn read(&self, max_size: u64) -> Result<SourceFile, InputError> {
        read_at(self.path(), self.shown.to_string(), max_size)
    }
}

/// The files of `found` sorted by displayed path, each path once, with what `found` gave
/// with them.
pub fn listed<T>(found: impl IntoIterator<Item = (PathBuf, T)>) -> Vec<(Listed, T)> {
    let mut files: Vec<(Listed, T)> = found
        .into_iter()
        .map(|(path, with)| (Listed::new(path), with))
        .collect();
    files.sort_by(|a, b| a.0.shown.cmp(&b.0.shown));
    files.dedup_by(|a, b| a.0.shown == b.0.shown);
    files
}

/// The entry of `files` (as [`listed`] sorts them) displayed as `shown`.
pub fn find_listed<'a, T>(files: &'a [(Listed, T)], shown: &str) -> Option<&'a (Listed, T)> {
    files
        .binary_search_by(|(f, _)| (*f.shown).cmp(shown))
        .ok()
        .and_then(|i| files.get(i))
}

/// The corpus phase's [`cookielint::corpus::Sources`]: reads again, on `pool`, the files
/// of `files` (as [`listed`] sorts them) for the paths asked (`None` for one that is
/// unknown or unreadable now).
pub fn reread<'a, T: Sync>(
    pool: &'a rayon::ThreadPool,
    files: &'a [(Listed, T)],
    max_size: u64,
) -> impl Fn(&[&str]) -> Vec<Option<SourceFile>> + 'a {
    use rayon::prelude::*;
    move |paths| {
        pool.install(|| {
            paths
                .par_iter()
                .map(|p| find_listed(files, p).and_then(|(f, _)| f.read(max_size).ok()))
                .collect()
        })
    }
}

/// Opens a file for reading without waiting: a FIFO put where a regular file was opens at
/// once (and is then refused) instead of blocking until a writer comes.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads and decodes one file (one open, one read of at most `max_size + 1` bytes, so a
/// huge or endless file costs no more than that).
pub fn read(file: &InputFile, max_size: u64) -> Result<SourceFile, InputError> {
    read_at(&file.path, display_path(&file.path), max_size)
}

/// [`read`] of the file at `at`, displayed as `path`.
fn read_at(at: &Path, path: String, max_size: u64) -> Result<SourceFile, InputError> {
    use std::io::Read;
    if let Some(read) = read_stdin(&path, max_size) {
        return read;
    }
    let io = |source| InputError::Io {
        path: path.clone(),
        source,
    };
    let handle = open_without_blocking(at).map_err(io)?;
    let meta = handle.metadata().map_err(io)?;
    // Checked again on the open file: the path may have been replaced since the walk.
    if !meta.is_file() {
        return Err(InputError::NotAFile { path });
    }
    let size = meta.len();
    if size > max_size {
        return Err(InputError::Decode {
            path,
            source: DecodeError::TooLarge {
                size,
                limit: max_size,
            },
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    handle
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    SourceFile::from_bytes(path.clone(), &bytes, max_size)
        .map_err(|source| InputError::Decode { path, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_shown_as_is_are_what_the_components_give() {
        // Every path of up to six characters over `a`, `/`, `.` and `\\`.
        let alphabet = ['a', '/', '.', '\\'];
        let mut paths = vec![String::new()];
        let mut shown_as_written = 0;
        for _ in 0..6 {
            let longer: Vec<String> = paths
                .iter()
                .flat_map(|p| alphabet.iter().map(move |c| format!("{p}{c}")))
                .collect();
            for path in &longer {
                let slow = cleaned_path(Path::new(path));
                assert_eq!(display_path(Path::new(path)), slow, "{path:?}");
                let listed = Listed::new(PathBuf::from(path));
                assert_eq!(&**listed.shown(), slow, "{path:?}");
                assert_eq!(listed.path(), Path::new(path), "{path:?}");
                shown_as_written += usize::from(shown_as_is(path));
            }
            paths = longer;
        }
        assert!(shown_as_written > 100, "{shown_as_written}");
    }

    #[test]
    fn walk_keys_order_paths_as_their_components_do() {
        // Names around `/` in byte order: space, `-`, `.`, digits, upper and lower case.
        let names = ["a", "a b", "a-b", "a.d", "a0", "A", "ab", "b", "\u{e9}"];
        let mut paths = vec![PathBuf::from("root")];
        for first in names {
            paths.push(Path::new("root").join(first));
            for second in names {
                paths.push(Path::new("root").join(first).join(second));
            }
        }
        let mut by_components = paths.clone();
        by_components.sort();
        paths.reverse();
        paths.sort_by_cached_key(|p| walk_key(p));
        assert_eq!(paths, by_components);
    }

    #[test]
    fn a_listed_file_keeps_its_disk_path_only_when_the_shown_one_differs() {
        let plain = Listed::new(PathBuf::from("corpus/a.md"));
        assert_eq!(&**plain.shown(), "corpus/a.md");
        assert!(plain.path.is_none());
        assert_eq!(plain.path(), Path::new("corpus/a.md"));
        let dotted = Listed::new(PathBuf::from("./corpus/./a.md"));
        assert_eq!(&**dotted.shown(), "corpus/a.md");
        assert_eq!(dotted.path(), Path::new("./corpus/./a.md"));
    }

    #[test]
    fn listed_files_are_sorted_by_shown_path_once_each_and_found_again() {
        let files = listed([
            (PathBuf::from("b.md"), 1),
            (PathBuf::from("./a.md"), 2),
            (PathBuf::from("a.md"), 3),
            (PathBuf::from("c/d.md"), 4),
        ]);
        let shown: Vec<(&str, i32)> = files.iter().map(|(f, i)| (&**f.shown(), *i)).collect();
        assert_eq!(shown, [("a.md", 2), ("b.md", 1), ("c/d.md", 4)]);
        for (name, with) in [("a.md", 2), ("b.md", 1), ("c/d.md", 4)] {
            assert_eq!(find_listed(&files, name).map(|(_, i)| *i), Some(with));
        }
        assert!(find_listed(&files, "./a.md").is_none());
        assert!(find_listed(&files, "d.md").is_none());
    }
}
