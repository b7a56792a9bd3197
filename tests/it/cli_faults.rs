//! File-system faults met by `check` and `convert`, one test per fault: an unreadable file, a
//! file removed during the walk, a directory without permission, symbolic link loops, FIFOs
//! (named, walked, or where the walk reads ignore rules), a 2 GiB sparse file, endless
//! standard input, `convert -o` output interrupted by SIGINT or by a full disk, and the
//! files `check` writes (`--write-baseline`, `--output-file`) on a full disk.
//!
//! Each test asserts, for `check` and (where it applies) `convert`: one clear diagnostic per
//! faulty path, naming it and saying what went wrong; the exit code the README documents
//! (`check`: 2 when some input could not be read; `convert`: 1 when some input could not be
//! read, 2 when an output file could not be written); and that the good files of the same
//! run were still checked (their findings are reported) or converted (their documents are
//! output). Every run of the binary has a hang guard: it is killed, and the test fails, if
//! it is still running after [`HANG_GUARD`] (a guard against blocking, not a speed test).
#![cfg(unix)]

use std::collections::BTreeSet;
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::{json, root, spawn_piped};

const BIN: &str = env!("CARGO_BIN_EXE_cookielint");

/// How long one run may take before it counts as a hang. Not a speed target (each run takes
/// well under a second): a run that blocks (on a FIFO, say) would otherwise never end, so
/// the guard turns a hang into a failure, with room for any loaded machine.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// A good document: one `trailing-whitespace` finding (info), on line 3.
const GOOD: &str = "Cookies policy\n\nA cookie is a small piece of data.  \n";

/// The good files of [`fixture`], as reported.
const GOOD_FILES: [&str; 3] = ["c-good.txt", "walked/a-good.txt", "walked/sub/b-good.md"];

/// The paths every run is given: a walked directory and a file named directly.
const GOOD_PATHS: [&str; 2] = ["walked", "c-good.txt"];

/// The user a run drops to when the tests run as root, so that permissions apply.
const NOBODY: u32 = 65534;

/// How one run of the binary ended.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Finished {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

impl std::fmt::Display for Finished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\nstdout:\n{}\nstderr:\n{}",
            self.status, self.stdout, self.stderr
        )
    }
}

/// Runs one command line (the binary's arguments) and returns how it ended.
type Runner<'a> = &'a dyn Fn(&[&str]) -> Finished;

/// A [`Runner`] that owns its state.
type OwnedRunner<'a> = Box<dyn Fn(&[&str]) -> Finished + 'a>;

/// `cookielint ARGS...` run in `dir`.
fn cookielint(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(dir);
    command
}

/// Starts `command` with its output captured.
fn spawn(command: &mut Command) -> Child {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"))
}

/// Waits for `child` (draining its output meanwhile), killing it and failing the test if it
/// is still running after [`HANG_GUARD`].
fn finish(mut child: Child, what: &str) -> Finished {
    fn drain(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            from.read_to_end(&mut bytes).unwrap();
            String::from_utf8(bytes).unwrap()
        })
    }
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let status = wait_guarded(&mut child, what);
    Finished {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Waits for `child`, killing it and failing the test if it is still running after
/// [`HANG_GUARD`] (a guard against blocking, not a time limit on the run).
fn wait_guarded(child: &mut Child, what: &str) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if start.elapsed() > HANG_GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {HANG_GUARD:?}, killed: it hangs");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs `command` under the hang guard.
fn guarded(mut command: Command) -> Finished {
    let what = format!("{command:?}");
    finish(spawn(&mut command), &what)
}

/// A directory with good files: `c-good.txt`, and `walked/a-good.txt` and
/// `walked/sub/b-good.md` found by walking `walked`.
fn fixture() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in GOOD_FILES {
        write(dir.path(), name, GOOD);
    }
    dir
}

/// Writes `text` to `dir/name`, creating directories.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

/// `paths` after the good paths.
fn with_good(paths: &[&'static str]) -> Vec<&'static str> {
    let mut all = GOOD_PATHS.to_vec();
    all.extend_from_slice(paths);
    all
}

/// The `check` arguments of the fault tests: only the rule the good documents trigger.
fn check_args<'a>(format: &'a str, paths: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "check",
        "--no-config",
        "--select",
        "trailing-whitespace",
        "--fail-on",
        "info",
        "--format",
        format,
    ];
    args.extend_from_slice(paths);
    args
}

/// The `convert` arguments of the fault tests: one JSON object per line on stdout.
fn convert_args<'a>(paths: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["convert", "--no-config", "--to", "jsonl"];
    args.extend_from_slice(paths);
    args
}

fn set<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> BTreeSet<String> {
    items.into_iter().map(|s| s.as_ref().to_owned()).collect()
}

/// Asserts that exactly one of `reports` names `path`, and that it says `why`.
fn assert_one_naming(reports: &[String], path: &str, why: &str, run: &Finished) {
    let naming: Vec<&String> = reports.iter().filter(|r| r.contains(path)).collect();
    assert_eq!(
        naming.len(),
        1,
        "{path} not named once in {reports:?}\n{run}"
    );
    assert!(naming[0].contains(why), "{path}: {why:?} not in {naming:?}");
}

/// Runs `check` on `paths` in the JSON and the human formats and asserts: exit code 2 (some
/// input could not be read); one error per fault (`(path, why)`), naming its path and saying
/// why, and no other; every good file checked (one finding each, nothing from elsewhere).
fn assert_check(run: Runner<'_>, paths: &[&str], faults: &[(&str, &str)], good: &[&str]) {
    let finished = run(&check_args("json", paths));
    assert_eq!(finished.code(), Some(2), "{finished}");
    let report = json(&finished.stdout);
    let errors: Vec<String> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{}: {}", e["file"].as_str().unwrap(), e["message"]))
        .collect();
    assert_eq!(errors.len(), faults.len(), "{errors:?}\n{finished}");
    for (path, why) in faults {
        assert_one_naming(&errors, path, why, &finished);
        // The `file` field names the path itself, not only the message.
        assert!(
            report["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["file"]
                    .as_str()
                    .unwrap()
                    .ends_with(path.trim_end_matches(':'))),
            "no error's file is {path}\n{finished}"
        );
    }
    let checked = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_owned());
    assert_eq!(set(checked), set(good), "{finished}");
    assert_eq!(report["summary"]["files"], good.len(), "{finished}");
    assert_eq!(report["summary"]["unreadable"], faults.len(), "{finished}");

    // The human format: findings on stdout, one `error:` line per unreadable input on stderr.
    let finished = run(&check_args("human", paths));
    assert_eq!(finished.code(), Some(2), "{finished}");
    let errors: Vec<String> = finished.stderr.lines().map(str::to_owned).collect();
    assert_eq!(errors.len(), faults.len(), "{finished}");
    assert!(
        errors.iter().all(|e| e.starts_with("error: ")),
        "{finished}"
    );
    for (path, why) in faults {
        assert_one_naming(&errors, path, why, &finished);
    }
    for file in good {
        assert!(
            finished.stdout.contains(&format!("[{file}:3:")),
            "{file} not checked\n{finished}"
        );
    }
    let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    let footer = format!(
        "in {}; {} could not be read.",
        files(good.len()),
        files(faults.len())
    );
    assert!(
        finished.stdout.ends_with(&format!("{footer}\n")),
        "{finished}"
    );
}

/// Runs `convert --to jsonl` on `paths` and asserts: exit code 1 (some input could not be
/// read); one `error:` line per fault, naming its path and saying why, and nothing else on
/// stderr; every good file converted, and nothing else.
fn assert_convert(run: Runner<'_>, paths: &[&str], faults: &[(&str, &str)], good: &[&str]) {
    let finished = run(&convert_args(paths));
    assert_eq!(finished.code(), Some(1), "{finished}");
    let errors: Vec<String> = finished.stderr.lines().map(str::to_owned).collect();
    assert_eq!(errors.len(), faults.len(), "{finished}");
    assert!(
        errors.iter().all(|e| e.starts_with("error: ")),
        "{finished}"
    );
    for (path, why) in faults {
        assert_one_naming(&errors, path, why, &finished);
    }
    let sources: Vec<String> = finished
        .stdout
        .lines()
        .map(|l| json(l)["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sources.len(), good.len(), "{finished}");
    assert_eq!(set(&sources), set(good), "{finished}");
}

/// Whether this process reads files whatever their mode (root, or CAP_DAC_OVERRIDE).
fn permissions_are_bypassed() -> bool {
    let dir = tempfile::tempdir().unwrap();
    let locked = write(dir.path(), "locked", "x");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(&locked).is_ok()
}

/// How to run the binary so that file permissions apply: as is when they already do; as
/// `nobody` when running as root (if `nobody` may run the binary at all); else `None`. Under
/// `nobody`, `dir` is made world-readable so that only the faults set up in it stand out.
fn permission_respecting_runner(dir: &Path) -> Option<OwnedRunner<'_>> {
    if !permissions_are_bypassed() {
        return Some(Box::new(move |args| guarded(cookielint(dir, args))));
    }
    let mut probe = Command::new(BIN);
    probe.arg("--version").uid(NOBODY).gid(NOBODY);
    probe.stdout(Stdio::null()).stderr(Stdio::null());
    if !probe.status().is_ok_and(|s| s.success()) {
        return None;
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    Some(Box::new(move |args| {
        let mut command = cookielint(dir, args);
        command.uid(NOBODY).gid(NOBODY);
        guarded(command)
    }))
}

/// Fault 1: an unreadable file, named directly: reported, the other files still checked.
///
/// `chmod 000` does not stop root, so the test also uses a read that fails for everyone:
/// `/proc/self/mem` is a regular file of size 0 that opens fine, but whose first read fails
/// with EIO (nothing is mapped at address 0). It is named through a symbolic link, since a
/// link named on the command line is read. The `chmod 000` file is read by a run as the
/// current user when permissions apply to it, else (root) by a run as `nobody`.
#[test]
fn an_unreadable_file_is_reported_and_the_others_still_checked() {
    let dir = fixture();
    let mut faults: Vec<(&str, &str)> = Vec::new();
    if cfg!(target_os = "linux") {
        assert!(
            std::fs::read("/proc/self/mem").is_err(),
            "a read that fails"
        );
        symlink("/proc/self/mem", dir.path().join("eio.txt")).unwrap();
        faults.push(("eio.txt", "Input/output error"));
    }
    let normal = |args: &[&str]| guarded(cookielint(dir.path(), args));
    let paths = with_good(&faults.iter().map(|(p, _)| *p).collect::<Vec<_>>());
    if !faults.is_empty() {
        assert_check(&normal, &paths, &faults, &GOOD_FILES);
        assert_convert(&normal, &paths, &faults, &GOOD_FILES);
    }

    let locked = write(dir.path(), "locked.md", GOOD);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    match permission_respecting_runner(dir.path()) {
        Some(run) => {
            faults.push(("locked.md", "Permission denied"));
            let paths = with_good(&faults.iter().map(|(p, _)| *p).collect::<Vec<_>>());
            assert_check(&*run, &paths, &faults, &GOOD_FILES);
            assert_convert(&*run, &paths, &faults, &GOOD_FILES);
        }
        // Root, and `nobody` cannot run the binary here: no run can be denied the file.
        None => eprintln!("skipped: chmod 000 does not stop this user"),
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// A FIFO at `path`.
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Runs `args` in `dir`, holding the run once its walk has listed every input and before it
/// reads any, and running `during` (given `dir`) meanwhile: a real race, made deterministic.
///
/// The binary's test hook (`COOKIELINT_TEST_WALKED`, see `cli::input::hold_for_tests`)
/// reads the FIFO `gate` at that point; opening a FIFO waits for a writer. The test is that
/// writer: its open returns exactly when the run is held there. It runs `during`, then
/// closes the FIFO and the run goes on.
fn hold_the_walk(dir: &Path, args: &[&str], during: fn(&Path)) -> Finished {
    let gate = dir.join("gate");
    let mut command = cookielint(dir, args);
    command.env("COOKIELINT_TEST_WALKED", &gate);
    let child = spawn(&mut command);
    let (staged, was_staged) = std::sync::mpsc::channel();
    let writer = {
        let (gate, dir) = (gate.clone(), dir.to_path_buf());
        std::thread::spawn(move || {
            let fifo = std::fs::OpenOptions::new().write(true).open(&gate).unwrap();
            during(&dir);
            staged.send(()).unwrap();
            drop(fifo);
        })
    };
    let finished = finish(child, "a run with its walk held");
    let staged = was_staged.try_recv().is_ok();
    if !staged {
        // The run never opened the gate: release the writer (too late for this run) and
        // fail below.
        let _ = File::open(&gate);
    }
    writer.join().unwrap();
    assert!(
        staged,
        "the run never opened {}: the race could not be staged\n{finished}",
        gate.display()
    );
    finished
}

/// A fixture with the gate of [`hold_the_walk`] (a FIFO the walk itself skips).
fn gated_fixture() -> TempDir {
    let dir = fixture();
    mkfifo(&dir.path().join("gate"));
    dir
}

/// Fault 2: a file removed during the walk: listed, then gone when it is read. Reported, the
/// other files still checked. The race is real (see [`hold_the_walk`]).
#[test]
fn a_file_removed_during_the_walk_is_reported_and_the_others_still_checked() {
    let dir = gated_fixture();
    let run = |args: &[&str]| {
        write(dir.path(), "walked/b-doomed.txt", GOOD);
        hold_the_walk(dir.path(), args, |dir| {
            std::fs::remove_file(dir.join("walked/b-doomed.txt")).unwrap();
        })
    };
    let faults = [("walked/b-doomed.txt", "No such file or directory")];
    assert_check(&run, &GOOD_PATHS, &faults, &GOOD_FILES);
    assert_convert(&run, &GOOD_PATHS, &faults, &GOOD_FILES);
}

/// Fault 2': the same seen from the command line: a named file that no longer exists, and a
/// named symbolic link whose target no longer exists.
#[test]
fn a_named_file_that_no_longer_exists_is_reported_and_the_others_still_checked() {
    let dir = fixture();
    let vanished = write(dir.path(), "vanished.md", GOOD);
    symlink("vanished.md", dir.path().join("dangling.md")).unwrap();
    let gone = write(dir.path(), "gone.txt", GOOD);
    std::fs::remove_file(vanished).unwrap();
    std::fs::remove_file(gone).unwrap();
    let run = |args: &[&str]| guarded(cookielint(dir.path(), args));
    let paths = with_good(&["gone.txt", "dangling.md"]);
    let faults = [
        ("gone.txt", "No such file or directory"),
        ("dangling.md", "No such file or directory"),
    ];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
}

/// Fault 3: a directory that cannot be listed (`chmod 000`) inside a walked directory: one walk
/// error naming it, the other files still checked.
///
/// Root lists it anyway: then its files are simply checked like the others, and the
/// permission error is asserted on a run as `nobody` when `nobody` may run the binary.
#[test]
fn a_directory_without_permission_is_reported_and_the_others_still_checked() {
    let dir = fixture();
    write(dir.path(), "walked/locked/inside.txt", GOOD);
    let locked = dir.path().join("walked/locked");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();

    if std::fs::read_dir(&locked).is_ok() {
        // Root: the directory is listable, so there is no fault, and its file is checked.
        let finished = guarded(cookielint(dir.path(), &check_args("json", &GOOD_PATHS)));
        assert_eq!(finished.code(), Some(1), "{finished}");
        let report = json(&finished.stdout);
        assert_eq!(report["errors"], Value::Array(Vec::new()), "{finished}");
        let checked = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned());
        let mut expected = GOOD_FILES.to_vec();
        expected.push("walked/locked/inside.txt");
        assert_eq!(set(checked), set(&expected), "{finished}");
    }
    match permission_respecting_runner(dir.path()) {
        Some(run) => {
            let faults = [("walked/locked", "Permission denied")];
            assert_check(&*run, &GOOD_PATHS, &faults, &GOOD_FILES);
            assert_convert(&*run, &GOOD_PATHS, &faults, &GOOD_FILES);
        }
        None => eprintln!("skipped: chmod 000 does not stop this user"),
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Fault 4: symbolic link loops. Found by the walk they are never followed (README: "a link can
/// neither leave the tree nor loop"), so they are skipped without a word; named directly, a
/// looping link is reported. Either way the other files are still checked.
#[test]
fn symbolic_link_loops_are_reported_when_named_and_never_followed_by_the_walk() {
    let dir = fixture();
    let walked = dir.path().join("walked");
    symlink("loop.txt", walked.join("loop.txt")).unwrap();
    symlink("ring-b.md", walked.join("ring-a.md")).unwrap();
    symlink("ring-a.md", walked.join("ring-b.md")).unwrap();
    symlink("..", walked.join("sub/up")).unwrap();
    symlink(".", walked.join("here")).unwrap();
    let run = |args: &[&str]| guarded(cookielint(dir.path(), args));
    let paths = with_good(&["walked/loop.txt"]);
    let faults = [("walked/loop.txt", "Too many levels of symbolic links")];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
}

/// Fault 5: FIFOs are never opened (opening one waits for a writer, which never comes here):
/// found by the walk (with a `.txt` name) it is skipped without a word, like every other entry
/// that is not a regular file; named directly it is reported. The hang guard turns a blocked
/// run into a failure.
#[test]
fn a_fifo_never_blocks_and_is_reported_when_named() {
    let dir = fixture();
    mkfifo(&dir.path().join("walked/pipe.txt"));
    let run = |args: &[&str]| guarded(cookielint(dir.path(), args));
    let paths = with_good(&["walked/pipe.txt"]);
    let faults = [("walked/pipe.txt", "not a regular file")];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
}

/// Fault 5'': a FIFO where the walk reads ignore rules: `.gitignore` in a walked directory,
/// `.ignore` in a directory named on the command line. The walk opens such files to read
/// them, and a FIFO would hold it forever: each directory is reported and not walked, the
/// rest still checked.
#[test]
fn a_fifo_as_an_ignore_file_never_blocks_the_walk() {
    let dir = fixture();
    write(dir.path(), "walked/ignored/skipped.md", GOOD);
    mkfifo(&dir.path().join("walked/ignored/.gitignore"));
    write(dir.path(), "other/skipped.txt", GOOD);
    mkfifo(&dir.path().join("other/.ignore"));
    let run = |args: &[&str]| guarded(cookielint(dir.path(), args));
    let paths = with_good(&["other"]);
    let faults = [
        (
            "walked/ignored:",
            "walked/ignored/.gitignore is not a regular file",
        ),
        ("other:", "other/.ignore is not a regular file"),
    ];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
    // The JSON report names the directory in each error's `file`.
    let finished = run(&check_args("json", &paths));
    let files = json(&finished.stdout)["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert_eq!(set(files), set(["other", "walked/ignored"]), "{finished}");
}

/// `cookielint ARGS...` run in `dir` with git's global configuration looked for under
/// `dir/home` only: `HOME` there, no `XDG_CONFIG_HOME`, no system configuration, and
/// `GIT_CONFIG_GLOBAL` as given.
fn with_home(dir: &Path, global: Option<&str>, args: &[&str]) -> Command {
    let mut command = cookielint(dir, args);
    command
        .env("HOME", dir.join("home"))
        .env_remove("XDG_CONFIG_HOME")
        .env("GIT_CONFIG_SYSTEM", dir.join("home/no-system-config"));
    match global {
        Some(global) => command.env("GIT_CONFIG_GLOBAL", global),
        None => command.env_remove("GIT_CONFIG_GLOBAL"),
    };
    command
}

/// Fault 5''': a FIFO where the walk reads git's configuration to find the global ignore
/// rules (`~/.gitconfig`, then the system configuration when no earlier file sets
/// `core.excludesFile`). Opening it would hold the walk forever: it is reported once, and
/// every directory is still walked without those rules. No fault where the walk would not
/// open the FIFO: an excludes file that is one (the walk skips it), a system configuration
/// after a user configuration that sets the excludes file, `GIT_CONFIG_GLOBAL=/dev/null`.
#[test]
fn a_fifo_as_git_configuration_never_blocks_the_walk() {
    let no_fault = |dir: &TempDir, global: Option<&str>, checked: usize| {
        let finished = guarded(with_home(
            dir.path(),
            global,
            &check_args("json", &GOOD_PATHS),
        ));
        let report = json(&finished.stdout);
        assert_eq!(report["errors"], serde_json::json!([]), "{finished}");
        assert_eq!(report["summary"]["files"], checked, "{finished}");
    };
    let gitconfig = |dir: &TempDir, excludes: &Path| {
        let text = format!("[core]\n\texcludesFile = {}\n", excludes.display());
        write(dir.path(), "home/.gitconfig", &text);
    };

    // The user configuration is a FIFO; the system configuration is one, and no user
    // configuration sets the excludes file.
    for fifo in ["home/.gitconfig", "home/no-system-config"] {
        let dir = fixture();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        mkfifo(&dir.path().join(fifo));
        let run = |args: &[&str]| guarded(with_home(dir.path(), None, args));
        let faults = [(fifo, "not a regular file")];
        assert_check(&run, &GOOD_PATHS, &faults, &GOOD_FILES);
        assert_convert(&run, &GOOD_PATHS, &faults, &GOOD_FILES);
    }

    // The excludes file is a FIFO: the walk never opens it.
    let dir = fixture();
    let excludes = dir.path().join("home/excludes");
    gitconfig(&dir, &excludes);
    mkfifo(&excludes);
    no_fault(&dir, None, GOOD_FILES.len());

    // A regular excludes file is read (what it ignores is not checked), and the system
    // configuration after it is not, FIFO or not.
    let dir = fixture();
    let excludes = write(dir.path(), "home/excludes", "b-good.md\n");
    gitconfig(&dir, &excludes);
    mkfifo(&dir.path().join("home/no-system-config"));
    no_fault(&dir, None, 2);

    // `/dev/null` as the global configuration.
    no_fault(&fixture(), Some("/dev/null"), GOOD_FILES.len());
}

/// Fault 5'''': a linked worktree's `.git` file names its git directory (`gitdir: X`);
/// the walk reads `X/commondir`, then the `info/exclude` of the directory it names. A FIFO
/// at either would hold it forever: the worktree is reported and not walked.
#[test]
fn a_fifo_in_a_linked_worktrees_git_directory_never_blocks_the_walk() {
    for odd in ["commondir", "common/info/exclude"] {
        let dir = fixture();
        write(dir.path(), "walked/wt/skipped.md", GOOD);
        let git_dir = dir.path().join("gitdir");
        write(
            dir.path(),
            "walked/wt/.git",
            &format!("gitdir: {}\n", git_dir.display()),
        );
        std::fs::create_dir_all(git_dir.join("common/info")).unwrap();
        if odd != "commondir" {
            write(&git_dir, "commondir", "./common\n");
        }
        mkfifo(&git_dir.join(odd));
        let run = |args: &[&str]| guarded(with_home(dir.path(), None, args));
        let why = format!("{odd} is not a regular file");
        let faults = [("walked/wt:", why.as_str())];
        assert_check(&run, &GOOD_PATHS, &faults, &GOOD_FILES);
    }
}

/// Fault 5': a file named directly that is replaced by a FIFO after it was looked at and before
/// it is read (the run is held between listing and reading, see [`hold_the_walk`]): reading
/// must not block: `input::read` opens with `O_NONBLOCK` (harmless on regular files) and
/// refuses what the open handle says is not a regular file.
#[test]
fn a_named_file_replaced_by_a_fifo_before_it_is_read_never_blocks() {
    let dir = gated_fixture();
    let run = |args: &[&str]| {
        let swapped = dir.path().join("swapped.txt");
        let _ = std::fs::remove_file(&swapped);
        write(dir.path(), "swapped.txt", GOOD);
        hold_the_walk(dir.path(), args, |dir| {
            std::fs::remove_file(dir.join("swapped.txt")).unwrap();
            mkfifo(&dir.join("swapped.txt"));
        })
    };
    // `swapped.txt` is looked at before `walked` is walked.
    let paths = ["swapped.txt", "walked", "c-good.txt"];
    let faults = [("swapped.txt", "not a regular file")];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
}

/// Fault 6: a 2 GiB sparse file, named directly and found by the walk: refused by its size,
/// before any reading. The runs have their address space limited to 1.5 GiB, so allocating
/// (let alone reading) the file would fail the run; the message gives the size from the file
/// system.
#[test]
fn a_2gb_sparse_file_is_refused_by_size_without_reading_it() {
    let dir = fixture();
    for name in ["huge.md", "walked/huge.txt"] {
        File::create(dir.path().join(name))
            .unwrap()
            .set_len(2 << 30)
            .unwrap();
    }
    let run = |args: &[&str]| {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("ulimit -v 1572864 && exec \"$0\" \"$@\"")
            .arg(BIN)
            .args(args)
            .current_dir(dir.path())
            // Few threads and malloc arenas, so that the address space they reserve stays
            // far below the limit on a machine with many cores.
            .env("RAYON_NUM_THREADS", "2")
            .env("MALLOC_ARENA_MAX", "2");
        guarded(command)
    };
    let paths = with_good(&["huge.md"]);
    let why = "the file is 2147483648 bytes, over the limit of 10485760 bytes";
    let faults = [("huge.md", why), ("walked/huge.txt", why)];
    assert_check(&run, &paths, &faults, &GOOD_FILES);
    assert_convert(&run, &paths, &faults, &GOOD_FILES);
}

/// Standard input that never ends (`yes | cookielint check -`): read up to the size limit
/// and no further, reported as too large, and the files named beside it still checked.
#[test]
fn an_endless_standard_input_is_read_up_to_the_size_limit_only() {
    use std::io::Write;
    let dir = fixture();
    let run = |args: &[&str]| {
        let (child, mut stdin) = spawn_piped(&mut cookielint(dir.path(), args));
        // Writes until the run ends and the pipe closes.
        let writer = std::thread::spawn(move || {
            let chunk = "Un cookie est un petit fichier.\n".repeat(2048);
            while stdin.write_all(chunk.as_bytes()).is_ok() {}
        });
        let finished = finish(child, "endless standard input");
        writer.join().unwrap();
        finished
    };
    let paths = with_good(&["-", "--stdin-filename", "piped.md"]);
    let why = "standard input holds more than the limit of 10485760 bytes";
    assert_check(&run, &paths, &[("piped.md", why)], &GOOD_FILES);
    assert_convert(&run, &paths, &[("piped.md", why)], &GOOD_FILES);
}

/// A policy with `rows` generated cookies in a tab-separated table.
fn large_policy(rows: usize) -> String {
    let mut text = std::fs::read_to_string(root().join("corpus/en-eco-compteur.txt")).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    for i in 0..rows {
        text.push_str(&format!(
            "Opendatasoft\tGenerated service {i}\tgenerated_cookie_{i}\tTo remember item {i}\n"
        ));
    }
    text
}

/// Every file under `dir` (relative to it), sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk_files(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn is_temp_file(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.starts_with(".cookielint-") && file.ends_with(".tmp")
}

/// Fault 7a: `convert -o DIR` interrupted by SIGINT at several moments: each output file is
/// byte for byte either its old contents or the complete new contents, never a mix or a prefix.
///
/// The moments are spread over the length of an uninterrupted run (timing only chooses the
/// moment; it is never asserted). A run that finished before the signal must have exited 0,
/// written every new output and left no temporary file. A run killed by the signal may leave
/// a `.cookielint-*.tmp` file: cookielint installs no signal handler (that takes `unsafe`
/// code, which the crate forbids), and a process killed by a signal cannot remove anything;
/// the temporary file is never the output, which is only ever replaced by a rename.
#[test]
fn output_files_are_old_or_new_after_sigint() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = ["a.txt", "b.txt"];
    for (i, name) in inputs.iter().enumerate() {
        write(dir.path(), name, &large_policy(40_000 + i));
    }
    let outputs = ["a.json", "b.json"];
    let old: Vec<Vec<u8>> = outputs
        .iter()
        .map(|name| format!("{{\"old\": \"{name}\"}}\n").into_bytes())
        .collect();
    let args = |out: &str| -> Vec<String> {
        let mut args: Vec<String> = ["convert", "--no-config", "--to", "json"]
            .map(str::to_owned)
            .to_vec();
        args.extend(inputs.map(str::to_owned));
        args.extend(["--max-file-size", "1000000000", "-o", out].map(str::to_owned));
        args
    };
    let command = |out: &str| {
        let args = args(out);
        let mut command = Command::new(BIN);
        command.args(&args).current_dir(dir.path());
        command
    };

    // The complete new contents, from an uninterrupted run.
    let start = Instant::now();
    let reference = guarded(command("reference"));
    let length = start.elapsed();
    assert_eq!(reference.code(), Some(0), "{reference}");
    let new: Vec<Vec<u8>> = outputs
        .iter()
        .map(|name| std::fs::read(dir.path().join("reference").join(name)).unwrap())
        .collect();
    for (old, new) in old.iter().zip(&new) {
        assert_ne!(old, new);
    }

    let mut moments: Vec<Duration> = [0, 50, 200].map(Duration::from_millis).to_vec();
    moments.extend([10, 25, 50, 70, 85, 95, 99, 120].map(|percent| length * percent / 100));
    let mut outcomes = Vec::new();
    for (round, moment) in moments.into_iter().enumerate() {
        let out_name = format!("out-{round}");
        let out = dir.path().join(&out_name);
        for (name, contents) in outputs.iter().zip(&old) {
            std::fs::create_dir_all(&out).unwrap();
            std::fs::write(out.join(name), contents).unwrap();
        }
        let child = spawn(&mut command(&out_name));
        std::thread::sleep(moment);
        let pid = child.id().to_string();
        // The child is not reaped before `finish`, so the pid is still its own (or a zombie's).
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success(), "kill -INT {pid}");
        let finished = finish(child, "convert -o, interrupted");
        let files = tree(&out);
        for ((name, old), new) in outputs.iter().zip(&old).zip(&new) {
            let now = std::fs::read(out.join(name)).unwrap();
            assert!(
                now == *old || now == *new,
                "{moment:?}: {name} is neither old nor new ({} bytes; old {}, new {})",
                now.len(),
                old.len(),
                new.len()
            );
        }
        let extra: Vec<&String> = files
            .iter()
            .filter(|f| !outputs.contains(&f.as_str()))
            .collect();
        let states: Vec<bool> = outputs
            .iter()
            .zip(&new)
            .map(|(name, new)| std::fs::read(out.join(name)).unwrap() == *new)
            .collect();
        outcomes.push(format!(
            "{moment:?}: new {states:?}, {}",
            if finished.status.signal().is_some() {
                format!("interrupted, {} temporary file(s) left", extra.len())
            } else {
                "completed".to_owned()
            }
        ));
        match finished.status.signal() {
            Some(signal) => {
                assert_eq!(signal, 2, "killed by SIGINT\n{finished}");
                assert!(extra.iter().all(|f| is_temp_file(f)), "{files:?}");
            }
            None => {
                assert_eq!(finished.code(), Some(0), "{finished}");
                assert!(extra.is_empty(), "left behind: {extra:?}");
                for (name, new) in outputs.iter().zip(&new) {
                    assert_eq!(std::fs::read(out.join(name)).unwrap(), *new, "{name}");
                }
            }
        }
    }
    // What the moments hit, for whoever reads the output (it varies from run to run).
    eprintln!("uninterrupted run: {length:?}\n{}", outcomes.join("\n"));
}

/// Runs `cookielint ARGS...` in `dir` with files limited to `blocks` blocks of 512 bytes
/// (`ulimit -f`), and SIGXFSZ ignored when `trap` is set, so that a write past the limit
/// fails with EFBIG instead of killing the process.
fn with_file_size_limit(dir: &Path, blocks: u64, trap: bool, args: &[&str]) -> Finished {
    let script = format!(
        "{}ulimit -f {blocks} && exec \"$0\" \"$@\"",
        if trap { "trap '' XFSZ; " } else { "" }
    );
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .args(args)
        .current_dir(dir);
    guarded(command)
}

/// Fault 7b: `convert -o DIR` on a full disk (the file-size limit, `ulimit -f`): the output
/// that does not fit is not written, its old contents are untouched, no temporary file remains,
/// one error names it, the exit code is 2 (README: "an output file could not be written"), and
/// the output that fits is still written.
///
/// With SIGXFSZ at its default action, the write past the limit kills the process instead
/// (no program can report that); the old output must still be untouched.
#[test]
fn output_files_are_untouched_when_the_disk_is_full() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "small.txt", GOOD);
    write(dir.path(), "big.txt", &large_policy(2_000));
    let convert = ["convert", "--no-config", "--to", "json"];
    let reference = guarded(cookielint(
        dir.path(),
        &[&convert[..], &["small.txt", "big.txt", "-o", "reference"]].concat(),
    ));
    assert_eq!(reference.code(), Some(0), "{reference}");
    let new_small = std::fs::read(dir.path().join("reference/small.json")).unwrap();
    let new_big = std::fs::read(dir.path().join("reference/big.json")).unwrap();
    // The limit: room for the small output, not for the big one (`ulimit -f` counts blocks
    // of 512 bytes in POSIX shells, 1024 in bash outside POSIX mode; both fit).
    let blocks = new_small.len() as u64 / 256 + 8;
    assert!(blocks * 1024 < new_big.len() as u64, "the big output fits");

    for trap in [true, false] {
        let out_name = format!("out-{trap}");
        let out = dir.path().join(&out_name);
        write(&out, "small.json", "old small\n");
        write(&out, "big.json", "old big\n");
        let args = [&convert[..], &["small.txt", "big.txt", "-o", &out_name]].concat();
        let finished = with_file_size_limit(dir.path(), blocks, trap, &args);
        assert_eq!(std::fs::read(out.join("small.json")).unwrap(), new_small);
        assert_eq!(
            std::fs::read_to_string(out.join("big.json")).unwrap(),
            "old big\n"
        );
        let extra: Vec<String> = tree(&out)
            .into_iter()
            .filter(|f| f != "small.json" && f != "big.json")
            .collect();
        if trap {
            assert_eq!(finished.code(), Some(2), "{finished}");
            assert!(extra.is_empty(), "left behind: {extra:?}");
            let errors: Vec<String> = finished.stderr.lines().map(str::to_owned).collect();
            assert_eq!(errors.len(), 1, "{finished}");
            let big = format!("{out_name}/big.json");
            assert!(errors[0].starts_with("error: "), "{finished}");
            assert_one_naming(&errors, &big, "File too large", &finished);
            assert!(!finished.stderr.contains("small"), "{finished}");
        } else {
            assert_eq!(finished.status.signal(), Some(25), "SIGXFSZ\n{finished}");
            assert!(extra.iter().all(|f| is_temp_file(f)), "{extra:?}");
        }
    }
}

/// Runs `check --write-baseline baseline.json` with no room for a single byte (`ulimit -f 0`,
/// SIGXFSZ ignored), over an old `baseline.json`.
fn write_baseline_on_a_full_disk() -> (TempDir, Finished) {
    let dir = fixture();
    write(dir.path(), "baseline.json", "old baseline\n");
    let mut args = check_args("concise", &GOOD_PATHS);
    args.extend(["--write-baseline", "baseline.json"]);
    let finished = with_file_size_limit(dir.path(), 0, true, &args);
    (dir, finished)
}

/// Fault 7c: `check --write-baseline FILE` (the other command that writes a file, atomically
/// too) on a full disk: the old baseline is untouched, no temporary file remains, exit code 2,
/// and one error report saying why.
#[test]
fn a_baseline_is_untouched_when_the_disk_is_full() {
    let (dir, finished) = write_baseline_on_a_full_disk();
    assert_eq!(finished.code(), Some(2), "{finished}");
    let baseline = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    assert_eq!(baseline, "old baseline\n");
    let left: Vec<String> = tree(dir.path())
        .into_iter()
        .filter(|f| is_temp_file(f))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let reports = finished.stderr.matches("File too large").count();
    assert_eq!(reports, 1, "{finished}");
    assert!(finished.stdout.is_empty(), "{finished}");
}

/// Fault 7d: `check --output-file FILE` on a full disk: the old report is untouched, no
/// temporary file remains, exit code 2, and one error names the report file and says why.
#[test]
fn a_report_file_is_untouched_when_the_disk_is_full() {
    let dir = fixture();
    write(dir.path(), "report.json", "old report\n");
    let mut args = check_args("json", &GOOD_PATHS);
    args.extend(["--output-file", "report.json"]);
    let finished = with_file_size_limit(dir.path(), 0, true, &args);
    assert_eq!(finished.code(), Some(2), "{finished}");
    let report = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert_eq!(report, "old report\n");
    let left: Vec<String> = tree(dir.path())
        .into_iter()
        .filter(|f| is_temp_file(f))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(
        finished.stderr.contains("cannot write report report.json")
            && finished.stderr.contains("File too large"),
        "{finished}"
    );
    assert!(finished.stdout.is_empty(), "{finished}");
}

/// Fault 7c': the error of 7c names the baseline file. It does not today: `check` passes the
/// `io::Error` of `write_atomic` on as is, and the only path in it is the temporary file's
/// (`File too large (os error 27) at path "./.cookielint-XXXXXX.tmp"`). The fix belongs in
/// `check.rs`: `.map_err(|e| miette::miette!("cannot write baseline {}: {e}", ...))`, as for
/// `--baseline`.
#[test]
fn a_baseline_that_cannot_be_written_is_named() {
    let (_dir, finished) = write_baseline_on_a_full_disk();
    assert!(finished.stderr.contains("baseline.json"), "{finished}");
}

/// Runs `args` in `dir` with standard error on a pipe whose reader is gone before the run
/// writes to it: the run is held at the gate of [`hold_the_walk`] (after its inputs are
/// listed, before any message about them is written) while the test closes the pipe.
fn with_stderr_closed(dir: &Path, args: &[&str]) -> ExitStatus {
    let gate = dir.join("gate");
    let mut child = cookielint(dir, args)
        .env("COOKIELINT_TEST_WALKED", &gate)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    // Opening the gate waits for the run to reach it; closing it lets the run go on.
    drop(std::fs::OpenOptions::new().write(true).open(&gate).unwrap());
    wait_guarded(&mut child, &format!("{args:?}"))
}

/// Messages on standard error that cannot be written (its reader is gone, as in
/// `cookielint check ... 2>&1 | head -1`) are dropped: the run ends with its documented
/// exit code, not a panic, and writes what it was asked to write.
#[test]
fn a_closed_standard_error_changes_no_exit_code() {
    let dir = gated_fixture();
    let missing = "walked/missing.md";
    for (args, code) in [
        (check_args("human", &["walked", missing]), 2),
        (convert_args(&["walked", missing]), 1),
    ] {
        let status = with_stderr_closed(dir.path(), &args);
        assert_eq!(status.code(), Some(code), "{args:?}: {status:?}");
    }
    let baseline = dir.path().join("recorded.json");
    let status = with_stderr_closed(
        dir.path(),
        &["check", "walked", "--write-baseline", "recorded.json"],
    );
    assert_eq!(status.code(), Some(0), "{status:?}");
    let recorded = json(&std::fs::read_to_string(&baseline).unwrap());
    assert!(recorded.is_object(), "{recorded}");
}
