//! `cookielint convert` run as a real process: output shapes for each `--to` format, files
//! written with `-o DIR`, the configured vocabulary, and exit codes for bad inputs and usage
//! errors. Also two checks the other output commands share with `convert`: a closed stdout
//! is not a panic, and `inventory` counts a file named twice once.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{cookielint, json, root, Run};

/// Runs `cookielint convert ARGS...` and expects exit code `code`.
fn convert<S: AsRef<std::ffi::OsStr>>(args: &[S], code: i32) -> Run {
    let mut all: Vec<std::ffi::OsString> = vec!["convert".into()];
    all.extend(args.iter().map(|a| a.as_ref().to_owned()));
    let run = cookielint(&all);
    assert_eq!(
        run.code, code,
        "convert {all:?}\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

/// The error reports on stderr, one string each: reports are separated by blank lines, and
/// the lines a report was wrapped into (miette wraps at 80 columns, prefixing continuation
/// lines with `│`) are joined back with single spaces.
fn reports(stderr: &str) -> Vec<String> {
    stderr
        .split("\n\n")
        .map(|report| {
            report
                .split_whitespace()
                .filter(|word| *word != "│")
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|report| !report.is_empty())
        .collect()
}

/// The one report naming `name`.
fn report_naming(stderr: &str, name: &str) -> String {
    let found: Vec<String> = reports(stderr)
        .into_iter()
        .filter(|r| r.contains(name))
        .collect();
    assert_eq!(found.len(), 1, "{name} not named once:\n{stderr}");
    found.into_iter().next().unwrap()
}

/// Every file under `dir`, relative to it, sorted, with `/` separators.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).unwrap();
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Copies a corpus document to `to`, creating directories.
fn copy_corpus(name: &str, to: &Path) -> PathBuf {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(root().join("corpus").join(name), to).unwrap();
    to.to_path_buf()
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields, doubled quotes, line
/// breaks inside quotes).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "no line break after the last record"
    );
    records
}

const CORPUS: [&str; 5] = [
    "corpus/en-eco-compteur.txt",
    "corpus/fr-electricitedemayotte.txt",
    "corpus/fr-no-platform-section.txt",
    "corpus/fr-paris.md",
    "corpus/fr-regaz.md",
];

#[test]
fn one_file_gives_one_object() {
    let run = convert(&["corpus/fr-paris.md"], 0);
    let doc = json(&run.stdout);
    assert!(doc.is_object(), "{doc}");
    assert_eq!(doc["source"], "corpus/fr-paris.md");
    assert_eq!(doc["title"], "Charte cookies");
    assert_eq!(doc["platform_url"], "https://opendata.paris.fr");
    assert_eq!(doc["format"], "markdown");
    assert_eq!(doc["cookies"].as_array().unwrap().len(), 4);
    assert_eq!(doc["cookies"][0]["name"], "sessionid");
    assert_eq!(run.stderr, "");

    // One named file that cannot be read: no object, so no JSON at all (not an array).
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "").unwrap();
    let run = convert(&[empty.as_os_str()], 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("empty.md"), "{}", run.stderr);
    // Nor when it does not exist: the shape is the one for one file whatever went wrong.
    let missing = dir.path().join("missing.md");
    let run = convert(&[missing.as_os_str()], 1);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("missing.md"), "{}", run.stderr);
}

#[test]
fn a_directory_gives_an_array_in_sorted_order() {
    let run = convert(&["corpus", "--to", "json"], 0);
    let docs = json(&run.stdout);
    let docs = docs.as_array().unwrap();
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(sources, CORPUS);
    let cookies: usize = docs
        .iter()
        .map(|d| d["cookies"].as_array().unwrap().len())
        .sum();
    assert_eq!(cookies, 20);
}

#[test]
fn several_files_give_an_array() {
    let run = convert(&["corpus/fr-regaz.md", "corpus/en-eco-compteur.txt"], 0);
    let docs = json(&run.stdout);
    let sources: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        ["corpus/fr-regaz.md", "corpus/en-eco-compteur.txt"]
    );
}

#[test]
fn jsonl_gives_one_object_per_line() {
    let run = convert(&["corpus", "--to", "jsonl"], 0);
    assert!(run.stdout.ends_with('\n'));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    for (line, source) in lines.iter().zip(CORPUS) {
        let doc = json(line);
        assert!(doc.is_object());
        assert_eq!(doc["source"], source);
    }
    // Each line is the same document as the pretty JSON, only compact.
    let single = json(&convert(&["corpus/fr-paris.md"], 0).stdout);
    assert_eq!(json(lines[3]), single);
}

#[test]
fn csv_gives_one_row_per_cookie_across_inputs() {
    let run = convert(&["corpus", "--to", "csv"], 0);
    assert!(run.stdout.contains("\r\n"), "records end with CRLF");
    let records = parse_csv(&run.stdout);
    assert_eq!(
        records[0],
        [
            "source",
            "platform_url",
            "language",
            "section",
            "category",
            "provider",
            "service",
            "name",
            "purpose",
            "duration",
            "line"
        ]
    );
    let rows = &records[1..];
    assert_eq!(rows.len(), 20);
    assert!(rows.iter().all(|r| r.len() == 11), "{rows:?}");

    // The first cookie of the Mayotte document, checked field by field against its JSON.
    let doc = json(&convert(&["corpus/fr-electricitedemayotte.txt"], 0).stdout);
    let row = rows
        .iter()
        .find(|r| r[0] == "corpus/fr-electricitedemayotte.txt")
        .unwrap();
    let language = doc["language"].as_str().unwrap_or("");
    let expected = [
        "corpus/fr-electricitedemayotte.txt",
        "https://opendata.electricitedemayotte.com",
        language,
        "Cookies nécessaires au bon fonctionnement de la plateforme / cookies fonctionnels",
        "necessary",
        "Opendatasoft",
        "Authentification (front et back office)",
        "sessionid",
        "Se souvenir de l'utilisateur d'une page à une autre.",
        "",
        "34",
    ];
    assert_eq!(row, &expected);
    assert_eq!(doc["cookies"][0]["line"], 34);

    // No platform URL gives an empty field, not "null".
    let row = rows
        .iter()
        .find(|r| r[0] == "corpus/fr-no-platform-section.txt")
        .unwrap();
    assert_eq!(row[1], "");
}

#[test]
fn csv_quotes_fields_with_commas_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quoted.txt");
    let original = std::fs::read_to_string(root().join("corpus/en-eco-compteur.txt")).unwrap();
    let text = original.replacen("Opendatasoft", "Open, \"data\" soft", 1);
    assert_ne!(text, original);
    std::fs::write(&path, text).unwrap();
    let run = convert(&[path.as_os_str(), "--to".as_ref(), "csv".as_ref()], 0);
    assert!(
        run.stdout.contains("\"Open, \"\"data\"\" soft\""),
        "{}",
        run.stdout
    );
    let records = parse_csv(&run.stdout);
    assert_eq!(records[1][5], "Open, \"data\" soft");
    assert!(records.iter().all(|r| r.len() == 11));
}

#[test]
fn markdown_gives_the_canonical_form() {
    let run = convert(
        &["corpus/fr-electricitedemayotte.txt", "--to", "markdown"],
        0,
    );
    assert!(
        run.stdout.starts_with("# Charte cookies\n\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\n| --- | --- | --- | --- |\n"));
    assert!(run
        .stdout
        .contains("<https://opendata.electricitedemayotte.com>"));
    assert!(run.stdout.ends_with("|\n") || run.stdout.ends_with("|\n\n"));
}

#[test]
fn output_dir_mirrors_relative_names() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("in");
    let good = copy_corpus("fr-paris.md", &input.join("paris.md"));
    let nested = copy_corpus("en-eco-compteur.txt", &input.join("nested/deeper/eco.txt"));
    let out = work.path().join("out");
    for (to, extension) in [
        ("json", "json"),
        ("jsonl", "jsonl"),
        ("csv", "csv"),
        ("markdown", "md"),
    ] {
        let dir = out.join(to);
        let run = convert(
            &[
                input.as_os_str(),
                "--to".as_ref(),
                to.as_ref(),
                "-o".as_ref(),
                dir.as_os_str(),
            ],
            0,
        );
        assert_eq!(run.stdout, "", "nothing on stdout with -o");
        assert_eq!(
            tree(&dir),
            [
                format!("nested/deeper/eco.{extension}"),
                format!("paris.{extension}")
            ],
            "--to {to}: no other file (no leftover .cookielint-*.tmp)"
        );
        for (input_file, written) in [
            (&good, dir.join(format!("paris.{extension}"))),
            (&nested, dir.join(format!("nested/deeper/eco.{extension}"))),
        ] {
            let alone = convert(&[input_file.as_os_str(), "--to".as_ref(), to.as_ref()], 0);
            let content = std::fs::read_to_string(&written).unwrap();
            assert_eq!(content, alone.stdout, "--to {to}: {written:?}");
        }
    }
}

#[test]
fn output_dir_overwrites_its_own_earlier_output() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("corpus/fr-paris.json");
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    std::fs::write(&target, "stale").unwrap();
    convert(
        &[
            "corpus/fr-paris.md".as_ref(),
            "-o".as_ref(),
            out.path().as_os_str(),
        ],
        0,
    );
    let doc = json(&std::fs::read_to_string(&target).unwrap());
    assert_eq!(doc["source"], "corpus/fr-paris.md");
    assert_eq!(tree(out.path()), ["corpus/fr-paris.json"]);
}

#[test]
fn output_dir_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = copy_corpus("fr-paris.md", &dir.path().join("policy.md"));
    let other = copy_corpus("fr-regaz.md", &dir.path().join("other.txt"));
    let before = std::fs::read(&input).unwrap();
    let run = convert(
        &[
            dir.path().as_os_str(),
            "--to".as_ref(),
            "markdown".as_ref(),
            "-o".as_ref(),
            dir.path().as_os_str(),
        ],
        2,
    );
    assert!(run.stderr.contains("policy.md"), "{}", run.stderr);
    assert!(run.stderr.contains("overwrite"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(&input).unwrap(),
        before,
        "the input was changed"
    );
    // The other input does not clash (other.txt -> other.md) and is still written.
    let written = std::fs::read_to_string(dir.path().join("other.md")).unwrap();
    let alone = convert(
        &[other.as_os_str(), "--to".as_ref(), "markdown".as_ref()],
        0,
    );
    assert_eq!(written, alone.stdout);
    assert_eq!(tree(dir.path()), ["other.md", "other.txt", "policy.md"]);
}

#[test]
fn a_walk_skips_the_output_dir_inside_it_but_a_named_file_there_is_converted() {
    let work = tempfile::tempdir().unwrap();
    copy_corpus("fr-paris.md", &work.path().join("docs/policy.md"));
    // What an earlier run wrote into the output directory, which lies inside the walked
    // input: never read back.
    copy_corpus("fr-regaz.md", &work.path().join("docs/out/earlier.md"));
    let run = crate::support::cookielint_in(work.path(), &["convert", "docs", "-o", "docs/out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        tree(&work.path().join("docs/out")),
        ["earlier.md", "policy.json"]
    );

    // A file inside the output directory named on the command line is an input like any
    // other: converted, not dropped in silence.
    let run = crate::support::cookielint_in(
        work.path(),
        &["convert", "docs/out/earlier.md", "-o", "docs/out"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        tree(&work.path().join("docs/out")),
        ["docs/out/earlier.json", "earlier.md", "policy.json"]
    );
    let written = std::fs::read_to_string(work.path().join("docs/out/docs/out/earlier.json"));
    assert_eq!(
        json(&written.unwrap())["platform_url"],
        "https://opendata.regaz.fr"
    );

    // Named with an output that would replace it, it is refused, not overwritten.
    let before = std::fs::read(work.path().join("docs/policy.md")).unwrap();
    let run = crate::support::cookielint_in(
        &work.path().join("docs"),
        &["convert", "policy.md", "--to", "markdown", "-o", "."],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("overwrite an input file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(work.path().join("docs/policy.md")).unwrap(),
        before
    );
}

/// Written files get the mode a plain write gives (the umask's), and a replaced file keeps
/// its own: not the owner-only mode of the temporary file they are written through.
#[cfg(unix)]
#[test]
fn output_files_get_the_mode_of_a_plain_write() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let out = tempfile::tempdir().unwrap();
    // The test and the binary share the umask: a file this process writes is the reference.
    let reference = out.path().join("reference");
    std::fs::write(&reference, "").unwrap();
    convert(
        &[
            "corpus/fr-paris.md".as_ref(),
            "-o".as_ref(),
            out.path().as_os_str(),
        ],
        0,
    );
    let written = out.path().join("corpus/fr-paris.json");
    assert_eq!(mode(&written), mode(&reference));

    std::fs::set_permissions(&written, std::fs::Permissions::from_mode(0o640)).unwrap();
    std::fs::write(&written, "stale").unwrap();
    convert(
        &[
            "corpus/fr-paris.md".as_ref(),
            "-o".as_ref(),
            out.path().as_os_str(),
        ],
        0,
    );
    assert_ne!(std::fs::read_to_string(&written).unwrap(), "stale");
    assert_eq!(mode(&written), 0o640);
}

#[test]
fn bad_inputs_are_reported_and_the_good_ones_still_converted() {
    let dir = tempfile::tempdir().unwrap();
    let good = copy_corpus("fr-paris.md", &dir.path().join("good.md"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"Charte cookies\0\x01\x02\n").unwrap();
    let missing = dir.path().join("missing.txt");
    let run = convert(
        &[
            missing.as_os_str(),
            empty.as_os_str(),
            good.as_os_str(),
            binary.as_os_str(),
            "--to".as_ref(),
            "jsonl".as_ref(),
        ],
        1,
    );
    for (name, why) in [
        ("missing.txt", "No such file"),
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
    ] {
        let report = report_naming(&run.stderr, name);
        assert!(report.contains(why), "{name}: {report}");
    }
    assert!(!run.stderr.contains("good.md"), "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(json(lines[0])["source"], good.to_str().unwrap());
}

#[test]
fn bad_files_found_by_the_walk_are_reported_too() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus("fr-paris.md", &dir.path().join("a-good.md"));
    std::fs::write(dir.path().join("b-empty.txt"), "").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = convert(
        &[
            dir.path().as_os_str(),
            "-o".as_ref(),
            out.path().as_os_str(),
        ],
        1,
    );
    assert!(run.stderr.contains("b-empty.txt"), "{}", run.stderr);
    assert_eq!(tree(out.path()), ["a-good.json"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    copy_corpus("fr-paris.md", &dir.path().join("good.md"));
    let fifo = dir.path().join("pipe.txt");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());

    // Found by the walk: skipped without a word (reading it would block).
    let run = convert(
        &[dir.path().as_os_str(), "--to".as_ref(), "jsonl".as_ref()],
        0,
    );
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(json(lines[0])["title"], "Charte cookies");
    assert_eq!(run.stderr, "");

    // Named on the command line: reported, the other input still converted.
    let good = dir.path().join("good.md");
    let run = convert(
        &[
            fifo.as_os_str(),
            good.as_os_str(),
            "--to".as_ref(),
            "jsonl".as_ref(),
        ],
        1,
    );
    let report = report_naming(&run.stderr, "pipe.txt");
    assert!(report.contains("not a regular file"), "{report}");
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["convert", "--bogus", "corpus"][..],
        &["convert", "corpus", "--to", "yaml"],
        &["convert", "corpus", "--input-format", "html"],
        &["convert", "corpus", "--max-file-size", "ten"],
        &["convert"],
        &["frobnicate"],
    ] {
        let run = cookielint(args);
        assert_eq!(run.code, 2, "{args:?}\n{}", run.stderr);
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn input_format_overrides_detection() {
    let detected = json(&convert(&["corpus/fr-paris.md"], 0).stdout);
    assert_eq!(detected["format"], "markdown");
    let forced = json(&convert(&["corpus/fr-paris.md", "--input-format", "text"], 0).stdout);
    assert_eq!(forced["format"], "text");
    let forced = json(
        &convert(
            &["corpus/en-eco-compteur.txt", "--input-format", "markdown"],
            0,
        )
        .stdout,
    );
    assert_eq!(forced["format"], "markdown");
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.txt");
    std::fs::write(&small, "Charte cookies\n\nQu'est ce qu'un cookie ?\n").unwrap();
    let big = copy_corpus("fr-paris.md", &dir.path().join("big.md"));
    let run = convert(
        &[
            big.as_os_str(),
            small.as_os_str(),
            "--max-file-size".as_ref(),
            "100".as_ref(),
            "--to".as_ref(),
            "jsonl".as_ref(),
        ],
        1,
    );
    let size = std::fs::metadata(&big).unwrap().len().to_string();
    let report = report_naming(&run.stderr, "big.md");
    let expected = format!("the file is {size} bytes, over the limit of 100 bytes");
    assert!(report.contains(&expected), "{report}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(json(lines[0])["source"], small.to_str().unwrap());

    // A file exactly at the limit is read.
    let run = convert(
        &[big.as_os_str(), "--max-file-size".as_ref(), size.as_ref()],
        0,
    );
    assert_eq!(json(&run.stdout)["title"], "Charte cookies");
}

#[test]
fn the_configured_size_limit_applies_unless_the_option_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = copy_corpus("fr-paris.md", &dir.path().join("big.md"));
    std::fs::write(
        dir.path().join("cookielint.toml"),
        "[files]\nmax-file-size = 100\n",
    )
    .unwrap();
    let run = convert(&[big.as_os_str()], 1);
    let report = report_naming(&run.stderr, "big.md");
    assert!(report.contains("over the limit of 100 bytes"), "{report}");
    let size = std::fs::metadata(&big).unwrap().len().to_string();
    let run = convert(
        &[big.as_os_str(), "--max-file-size".as_ref(), size.as_ref()],
        0,
    );
    assert_eq!(json(&run.stdout)["title"], "Charte cookies");
}

#[test]
fn files_named_directly_keep_their_relative_path_under_the_output_dir() {
    let work = tempfile::tempdir().unwrap();
    copy_corpus("fr-paris.md", &work.path().join("a/x.md"));
    copy_corpus("fr-regaz.md", &work.path().join("b/x.md"));
    let run =
        crate::support::cookielint_in(work.path(), &["convert", "a/x.md", "./b/x.md", "-o", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    // `./` is dropped: the output is placed as `b/x.md` would be.
    assert_eq!(tree(&work.path().join("out")), ["a/x.json", "b/x.json"]);
    let a = json(&std::fs::read_to_string(work.path().join("out/a/x.json")).unwrap());
    assert_eq!(a["platform_url"], "https://opendata.paris.fr");
    let b = json(&std::fs::read_to_string(work.path().join("out/b/x.json")).unwrap());
    assert_eq!(b["platform_url"], "https://opendata.regaz.fr");

    // A path climbing with `..` (or an absolute one) gives its file name: the output stays
    // inside the output directory.
    let run = crate::support::cookielint_in(
        &work.path().join("a"),
        &["convert", "../b/x.md", "-o", "../up"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(tree(&work.path().join("up")), ["x.json"]);
    let absolute = work.path().join("a/x.md");
    let out = work.path().join("abs");
    convert(&[absolute.as_os_str(), "-o".as_ref(), out.as_os_str()], 0);
    assert_eq!(tree(&out), ["x.json"]);
}

/// A policy whose cookie-name column is headed `Identifiant`, a wording the built-in
/// vocabulary does not know. Each name cell holds two names, so the column does not have the
/// shape of a name column either: only the configured vocabulary makes it one.
fn identifiant_document(dir: &Path) -> PathBuf {
    let text = "## Charte cookies\n\n\
        ### A quoi servent les cookies sur la plateforme <https://opendata.example.fr>\n\n\
        #### Cookies nécessaires au bon fonctionnement de la plateforme\n\n\
        Nom du prestataire\tIdentifiant\tFinalités\n\
        Opendatasoft\tsessionid, csrftoken\tSe souvenir de l'utilisateur.\n\
        Opendatasoft\tdjango_language, cookies_preferences\tSe souvenir de ses choix.\n";
    let path = dir.join("policy.md");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_configured_vocabulary_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let document = identifiant_document(dir.path());
    // The role of the `Identifiant` column and the cookie names.
    let model = |run: &Run| -> (serde_json::Value, Vec<String>) {
        let doc = json(&run.stdout);
        let names = doc["cookies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect();
        (doc["tables"][0]["columns"][1]["role"].clone(), names)
    };
    let configured = (
        serde_json::json!("name"),
        vec![
            "sessionid".to_owned(),
            "csrftoken".to_owned(),
            "django_language".to_owned(),
            "cookies_preferences".to_owned(),
        ],
    );
    let unconfigured = (serde_json::Value::Null, Vec::new());

    // Without a configuration the column is not the name column: no cookies.
    assert_eq!(model(&convert(&[document.as_os_str()], 0)), unconfigured);

    // With one beside the document (found as `check` finds it), it is.
    let config = "[vocabulary]\ncolumns = { name = [\"Identifiant\"] }\n";
    std::fs::write(dir.path().join("cookielint.toml"), config).unwrap();
    assert_eq!(model(&convert(&[document.as_os_str()], 0)), configured);

    // `--no-config` ignores it; `--config FILE` names one from elsewhere.
    let ignored = convert(&[document.as_os_str(), "--no-config".as_ref()], 0);
    assert_eq!(model(&ignored), unconfigured);
    let elsewhere = tempfile::tempdir().unwrap();
    let named = elsewhere.path().join("vocabulary.toml");
    std::fs::write(&named, config).unwrap();
    std::fs::remove_file(dir.path().join("cookielint.toml")).unwrap();
    let run = convert(
        &[document.as_os_str(), "--config".as_ref(), named.as_os_str()],
        0,
    );
    assert_eq!(model(&run), configured);

    // An invalid configuration stops the run, as in `check`.
    std::fs::write(dir.path().join("cookielint.toml"), "[vocabulary\n").unwrap();
    let run = convert(&[document.as_os_str()], 2);
    assert_eq!(run.stdout, "");
}

/// Walked directories give `convert` the files the configuration's `[files]` takes, as
/// they give `check`: an excluded folder is not converted, an added pattern is.
#[test]
fn the_configured_files_are_the_ones_converted() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("policies");
    for name in ["a.txt", "drafts/b.txt", "c.policy", "D.TXT", "Drafts/e.txt"] {
        copy_corpus("en-eco-compteur.txt", &corpus.join(name));
    }
    let sources = |run: &Run| -> Vec<String> {
        json(&run.stdout)
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["source"].as_str().unwrap().replace('\\', "/"))
            .collect()
    };
    // Globs ignore case: the default `*.txt` takes `D.TXT`.
    let all = convert(&[corpus.as_os_str()], 0);
    let found = sources(&all);
    assert_eq!(found.len(), 4, "{}", all.stdout);
    assert!(
        found.iter().any(|s| s.ends_with("policies/D.TXT")),
        "{found:?}"
    );
    // Globs are relative to the configuration file's directory.
    std::fs::write(
        corpus.join("cookielint.toml"),
        "[files]\ninclude = [\"*.txt\", \"*.policy\"]\nexclude = [\"drafts/**\"]\n",
    )
    .unwrap();
    let configured = convert(&[corpus.as_os_str()], 0);
    let found = sources(&configured);
    // `drafts/**` excludes `Drafts/e.txt` as well.
    assert_eq!(found.len(), 3, "{}", configured.stdout);
    assert!(
        found.iter().any(|s| s.ends_with("policies/D.TXT")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|s| s.ends_with("policies/a.txt")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|s| s.ends_with("policies/c.policy")),
        "{found:?}"
    );
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    use std::process::Stdio;
    for args in [
        &["rules"][..],
        &["rules", "--format", "markdown"],
        &["explain", "table-gap"],
        &["config"],
        &["convert", "corpus"],
        &["inventory", "corpus"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cookielint"))
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end before the program writes: its write fails with a broken pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(
            output.status.code(),
            Some(101),
            "{args:?} panicked:\n{stderr}"
        );
        assert_eq!(output.status.code(), Some(0), "{args:?}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}:\n{stderr}");
    }
}

#[test]
fn convert_takes_a_file_reached_by_several_paths_once() {
    // As `check` and `inventory` do: the first path that names it is the one used.
    let run = convert(&["corpus", "corpus/fr-paris.md", "--to", "jsonl"], 0);
    let sources: Vec<String> = run
        .stdout
        .lines()
        .map(|l| json(l)["source"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sources, CORPUS);
    let out = tempfile::tempdir().unwrap();
    let run = convert(
        &[
            "corpus/fr-paris.md".as_ref(),
            "./corpus/../corpus/fr-paris.md".as_ref(),
            "-o".as_ref(),
            out.path().as_os_str(),
        ],
        0,
    );
    assert_eq!(run.stderr, "");
    assert_eq!(tree(out.path()), ["corpus/fr-paris.json"]);
}

#[test]
fn inventory_counts_a_file_named_twice_once() {
    let run = cookielint(&[
        "inventory",
        "corpus",
        "corpus/fr-regaz.md",
        "./corpus/fr-paris.md",
        "corpus/../corpus/fr-paris.md",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let inventory = json(&run.stdout);
    let paths: Vec<&str> = inventory["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, CORPUS);
}

#[test]
fn configured_header_wording_reaches_table_recognition() {
    // One cell per line: the table is recognised only when every header line is a known
    // column header, so "Société" must come from the configuration.
    let dir = tempfile::tempdir().unwrap();
    let document = dir.path().join("policy.txt");
    std::fs::write(
        &document,
        "Charte cookies\n\nCookies nécessaires\n\nSociété\nNom du cookie\nFinalité\n\n\
         Opendatasoft\nsessionid\nSe souvenir de l'utilisateur\n\n\
         Opendatasoft\ncsrftoken\nProtéger les formulaires\n",
    )
    .unwrap();
    let names = |run: &Run| -> Vec<String> {
        json(&run.stdout)["cookies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let without = convert(&[document.as_os_str(), "--no-config".as_ref()], 0);
    assert!(names(&without).is_empty(), "{}", without.stdout);
    std::fs::write(
        dir.path().join("cookielint.toml"),
        "[vocabulary]\ncolumns = { provider = [\"Société\"] }\n",
    )
    .unwrap();
    let with = convert(&[document.as_os_str()], 0);
    assert_eq!(names(&with), ["sessionid", "csrftoken"], "{}", with.stdout);
    assert_eq!(json(&with.stdout)["cookies"][0]["provider"], "Opendatasoft");
}
