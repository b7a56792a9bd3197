//! Throughput benchmarks (`cargo bench`), on documents made by the corpus generator
//! (`examples/gen`, seed 1), so that every run measures the same bytes:
//!
//! - `front_end/*`: each front end on in-memory bytes, beside pulldown-cmark's own parse of
//!   the same bytes (all events consumed), the reference the issue compares against; then
//!   the whole model (front end, table recognition, heading inference, normalisation).
//! - `check/*`: the `cookielint check` binary over 1,000 and 10,000 generated documents on
//!   disk, JSON output to a pipe: reading, parsing, every rule, the corpus phase, output.
//! - `corpus_phase`: the cross-document phase alone, on the summaries of 10,000 documents.
//! - `hostile/SHAPE/1x|8x`: every per-document stage (decode, parse, every rule, summary) on
//!   adversarial inputs at two sizes; time is linear when the two throughputs (MiB/s) agree.
//! - `hostile_report/*`: the same, then the human report drawn, on a document with a finding
//!   on each of 5,000 and 40,000 lines, and on a table of 2,000 and 16,000 rows declaring
//!   one cookie (each duplicate names the first declaration, farther and farther away).
//! - `hostile_convert/SHAPE/1x|8x`: what `convert` does with each adversarial input (decode,
//!   parse, then the JSON contract, canonical Markdown and CSV), at the two sizes.
//!
//! Figures and the machine they were measured on are in BENCHMARKS.md.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use cookielint::config::Config;
use cookielint::model::{parse, ParseOptions};
use cookielint::source::SourceFile;
use cookielint::syntax::Format;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Every generated document of `dir`, decoded, split by format.
fn load(dir: &Path) -> (Vec<SourceFile>, Vec<SourceFile>) {
    let (mut text, mut markdown) = (Vec::new(), Vec::new());
    for path in gen::files(dir) {
        let bytes = std::fs::read(&path).unwrap();
        let source = SourceFile::from_bytes(path.display().to_string(), &bytes, u64::MAX).unwrap();
        if path.extension().is_some_and(|e| e == "md") {
            markdown.push(source);
        } else {
            text.push(source);
        }
    }
    (text, markdown)
}

fn bytes(sources: &[SourceFile]) -> u64 {
    sources.iter().map(|s| s.text.len() as u64).sum()
}

fn pulldown(sources: &[SourceFile]) -> usize {
    sources
        .iter()
        .map(|s| {
            pulldown_cmark::Parser::new_ext(&s.text, pulldown_cmark::Options::empty())
                .into_offset_iter()
                .count()
        })
        .sum()
}

fn front_ends(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    gen::generate(1000, dir.path(), 1).unwrap();
    let (text, markdown) = load(dir.path());
    for (name, sources, format) in [
        ("text", &text, Format::Text),
        ("markdown", &markdown, Format::Markdown),
    ] {
        let mut group = c.benchmark_group(format!("front_end/{name}"));
        group.throughput(Throughput::Bytes(bytes(sources)));
        group.bench_function("pulldown_cmark", |b| {
            b.iter(|| black_box(pulldown(sources)))
        });
        group.bench_function("syntax", |b| {
            b.iter(|| {
                sources
                    .iter()
                    .map(|s| cookielint::syntax::parse(s, format, None).blocks.len())
                    .sum::<usize>()
            })
        });
        group.bench_function("model", |b| {
            b.iter(|| {
                sources
                    .iter()
                    .map(|s| {
                        let options = ParseOptions {
                            format: Some(format),
                            vocabulary: None,
                        };
                        parse(s, options).document.cookies.len()
                    })
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

/// The release binary, built by `cargo bench` beside this benchmark.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(Path::parent).unwrap();
    profile_dir.join(format!("cookielint{}", std::env::consts::EXE_SUFFIX))
}

fn check(c: &mut Criterion) {
    let bin = binary();
    if !bin.exists() {
        eprintln!(
            "{} is not built: run `cargo build --release` first",
            bin.display()
        );
        return;
    }
    let mut group = c.benchmark_group("check");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in [1000, 10_000] {
        let dir = tempfile::tempdir().unwrap();
        gen::generate(n, dir.path(), 1).unwrap();
        let total: u64 = gen::files(dir.path())
            .iter()
            .map(|p| std::fs::metadata(p).unwrap().len())
            .sum();
        group.throughput(Throughput::Bytes(total));
        group.bench_function(format!("{n}_documents"), |b| {
            b.iter(|| {
                let status = Command::new(&bin)
                    .args(["check", "--format", "json", "--exit-zero", "--no-config"])
                    .arg(dir.path())
                    .stdout(Stdio::null())
                    .status()
                    .unwrap();
                assert!(status.success());
            })
        });
    }
    group.finish();
}

fn corpus_phase(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    gen::generate(10_000, dir.path(), 1).unwrap();
    let (text, markdown) = load(dir.path());
    let mut sources: Vec<&SourceFile> = text.iter().chain(&markdown).collect();
    // In the order `check` gives them: sorted by path.
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let summaries: Vec<_> = sources
        .iter()
        .map(|s| cookielint::corpus::summarize(s, &parse(s, ParseOptions::default())))
        .collect();
    // The corpus phase reads the documents with findings again to locate them.
    let owned: Vec<SourceFile> = sources.into_iter().cloned().collect();
    let reread = cookielint::corpus::sources_in(&owned);
    let config = Config::defaults(dir.path(), dir.path());
    let mut group = c.benchmark_group("corpus_phase");
    group.sample_size(10);
    group.bench_function("10000_documents", |b| {
        b.iter(|| {
            cookielint::corpus::run(&summaries, &config.settings, &config.corpus, &reread).len()
        })
    });
    group.finish();
}

/// Decodes, parses, lints, locates the findings of and summarises one input, as `check`
/// does for each file.
fn check_bytes(config: &Config, bytes: &[u8]) -> usize {
    let Ok(source) = SourceFile::from_bytes("hostile.md", bytes, u64::MAX) else {
        return 0;
    };
    let parsed = parse(&source, ParseOptions::default());
    let settings = config.settings_for(Path::new("hostile.md"));
    let found = cookielint::lint::lint_document(&source, &parsed, &config.options, &settings);
    // Every report locates each finding by line and column.
    let columns: usize = found
        .iter()
        .map(|d| source.line_col(d.span.start).column)
        .sum();
    let summary = cookielint::corpus::summarize(&source, &parsed);
    found.len() + columns + summary.sections.len()
}

/// The adversarial inputs of the performance issue, each at `scale` (1 or 8) times a base
/// size; the base sizes are the issue's sizes divided by 8, so that 8x is the issue's size.
fn hostile_inputs(scale: usize) -> Vec<(&'static str, Vec<u8>)> {
    let row = "Google\tGoogle Analytics\t_ga\tMesure d'audience\t13 mois\n";
    let header = "Fournisseur\tService\tNom du cookie\tFinalité\tDurée\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "# Charte cookies\n\nTexte.\n"
        .encode_utf16()
        .cycle()
        .take(scale * 50_000)
    {
        utf16.extend(unit.to_le_bytes());
    }
    utf16.push(b'x');
    let endings = ["\n", "\r\n", "\r"];
    vec![
        (
            "long_line",
            "a b ".repeat(scale * 1_250_000 / 4).into_bytes(),
        ),
        ("tabs", "\t".repeat(scale * 131_072).into_bytes()),
        (
            "table_rows",
            format!("{header}{}", row.repeat(scale * 12_500)).into_bytes(),
        ),
        (
            "headings",
            (0..scale * 6_250)
                .map(|i| format!("## Section {i}\n\nTexte.\n\n"))
                .collect::<String>()
                .into_bytes(),
        ),
        ("hashes", "#".repeat(scale * 1_250).into_bytes()),
        (
            "nesting",
            (0..scale * 2_000)
                .map(|i| format!("{}- item\n", "> ".repeat(i % 64)))
                .collect::<String>()
                .into_bytes(),
        ),
        ("nul_bytes", vec![0; scale * 131_072]),
        (
            "invalid_utf8",
            (0..scale * 131_072)
                .map(|i| if i % 3 == 0 { 0xC3 } else { b'a' })
                .collect(),
        ),
        ("odd_utf16", utf16),
        (
            "mixed_endings",
            (0..scale * 20_000)
                .map(|i| format!("Ligne {i}{}", endings[i % 3]))
                .collect::<String>()
                .into_bytes(),
        ),
        // Shapes found by hand after the issue's: each once took quadratic time.
        // `http:/` repeated: each `http:` began a URL running to the end of the line.
        (
            "url_prefixes",
            format!("# Charte cookies\n\n{}\n", "http:/".repeat(scale * 10_000)).into_bytes(),
        ),
        // Many findings along one line: each column was counted from the line's start.
        (
            "findings_on_a_line",
            format!(
                "# Charte cookies\n\n{}\n",
                vec!["cookie"; scale * 50_000].join("\u{200B}")
            )
            .into_bytes(),
        ),
        // A blank line after every row: the rows were scanned once per gap.
        (
            "row_gaps",
            format!(
                "| Fournisseur | Service | Nom du cookie | Finalité |\n|---|---|---|---|\n{}",
                (0..scale * 12_500)
                    .map(|i| format!("| Opendatasoft | Auth | c{i} | Se souvenir |\n\n"))
                    .collect::<String>()
            )
            .into_bytes(),
        ),
        // One heading repeated: the section order compared every pair of sections.
        (
            "same_headings",
            "## Cookies nécessaires\n\n"
                .repeat(scale * 6_250)
                .into_bytes(),
        ),
        // A platform host of many labels: each label was a portal word, searched for in the
        // whole document and compared with every other.
        (
            "host_labels",
            format!(
                "## A quoi servent les cookies sur la plateforme <https://{}.fr>\n\n{}",
                (0..scale * 2_000)
                    .map(|i| format!("p{i:06}"))
                    .collect::<Vec<_>>()
                    .join("."),
                "Un paragraphe ordinaire.\n\n".repeat(scale * 500)
            )
            .into_bytes(),
        ),
        // A header of thousands of columns, then rows: each cookie's fields searched the
        // whole header for their column.
        (
            "wide_header",
            format!(
                "Nom du cookie\t{}\n{}",
                (0..scale * 2_000)
                    .map(|i| format!("h{i}"))
                    .collect::<Vec<_>>()
                    .join("\t"),
                (0..scale * 2_000)
                    .map(|i| format!("c{i}\tp\n"))
                    .collect::<String>()
            )
            .into_bytes(),
        ),
        // A suppression before every line: each finding was matched with every region.
        (
            "suppressions",
            "<!-- cookielint-disable-next-line known-typo -->\nQu'est ce qu'un cookie\n"
                .repeat(scale * 5_000)
                .into_bytes(),
        ),
    ]
}

/// Benchmarks `run` on every adversarial input at 1x and 8x, one group `PREFIX/SHAPE` each.
fn at_two_sizes(c: &mut Criterion, prefix: &str, seconds: u64, run: impl Fn(&[u8]) -> usize) {
    let (small, large) = (hostile_inputs(1), hostile_inputs(8));
    for ((name, small), (_, large)) in small.iter().zip(&large) {
        let mut group = c.benchmark_group(format!("{prefix}/{name}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(seconds));
        for (label, input) in [("1x", small), ("8x", large)] {
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(label, |b| b.iter(|| run(input)));
        }
        group.finish();
    }
}

fn hostile(c: &mut Criterion) {
    let config = Config::defaults(Path::new("."), Path::new("."));
    at_two_sizes(c, "hostile", 3, |input| check_bytes(&config, input));
}

/// Decodes and parses one input, then renders it in each of `convert`'s formats.
fn convert_bytes(bytes: &[u8]) -> usize {
    let Ok(source) = SourceFile::from_bytes("hostile.md", bytes, u64::MAX) else {
        return 0;
    };
    let parsed = parse(&source, ParseOptions::default());
    cookielint::convert::to_json_string(&source, &parsed, true).len()
        + cookielint::convert::to_markdown(&parsed.document).len()
        + cookielint::convert::csv_rows(&source, &parsed.document).len()
}

fn hostile_convert(c: &mut Criterion) {
    at_two_sizes(c, "hostile_convert", 2, convert_bytes);
}

/// A document with one finding (trailing whitespace) on each of `lines` lines.
fn many_findings(lines: usize) -> Vec<u8> {
    let mut text = String::from("Charte cookies\n\n");
    for i in 0..lines {
        text.push_str(&format!("Ligne {i} avec un espace final \n"));
    }
    text.into_bytes()
}

/// Checks one input as [`check_bytes`] does, then draws the human report of its findings.
fn report_bytes(config: &Config, bytes: &[u8]) -> usize {
    let Ok(source) = SourceFile::from_bytes("hostile.md", bytes, u64::MAX) else {
        return 0;
    };
    let parsed = parse(&source, ParseOptions::default());
    let settings = config.settings_for(Path::new("hostile.md"));
    let found: Vec<cookielint::report::Located> =
        cookielint::lint::lint_document(&source, &parsed, &config.options, &settings)
            .into_iter()
            .map(|d| cookielint::report::Located::new(&source, d))
            .collect();
    cookielint::report::human(&source, &found, Default::default()).len()
}

/// A table declaring one cookie on each of `rows` rows: each row after the first is a
/// duplicate whose related place, the first declaration, is farther and farther away.
fn far_duplicates(rows: usize) -> Vec<u8> {
    let mut text = String::from(
        "Charte cookies\n\nCookies de mesure d'audience\n\n\
         Fournisseur\tService\tNom du cookie\tFinalité\tDurée\n",
    );
    for _ in 0..rows {
        text.push_str("Google\tGoogle Analytics\t_ga\tMesure d'audience\t13 mois\n");
    }
    text.into_bytes()
}

fn hostile_report(c: &mut Criterion) {
    let config = Config::defaults(Path::new("."), Path::new("."));
    type Shape = fn(usize) -> Vec<u8>;
    let shapes: [(&str, Shape, usize); 2] = [
        ("findings", many_findings, 5_000),
        ("far_duplicates", far_duplicates, 2_000),
    ];
    for (name, shape, base) in shapes {
        let mut group = c.benchmark_group(format!("hostile_report/{name}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(3));
        for (label, scale) in [("1x", 1), ("8x", 8)] {
            let input = shape(base * scale);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(label, |b| b.iter(|| report_bytes(&config, &input)));
        }
        group.finish();
    }
}

criterion_group!(
    benches,
    front_ends,
    check,
    corpus_phase,
    hostile,
    hostile_report,
    hostile_convert
);
criterion_main!(benches);
