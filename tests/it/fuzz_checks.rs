//! The properties the fuzz targets assert, in one place, so that the seed-replay test
//! (`fuzz_seeds`) and the targets in `fuzz/fuzz_targets/` (which include this file with
//! `#[path]`) check exactly the same things.
//!
//! Each check takes raw input and returns `Err` with a sentence naming the broken property;
//! the caller decides how to fail (the targets panic, the test collects every failure).
//! Input that the decoder refuses (empty, binary, too large) passes: refusing it is the
//! documented behaviour, not a parser failure. Only the public API is used.

use std::path::Path;

use cookielint::config::{resolve_text, Config};
use cookielint::convert::to_markdown;
use cookielint::lint::lint_document;
use cookielint::model::{invariants, parse, Document, ParseOptions};
use cookielint::normalize;
use cookielint::report::{self, HumanOptions, Located, Results, Store};
use cookielint::source::{SourceFile, DEFAULT_MAX_FILE_SIZE};
use cookielint::syntax::Format;

/// The path given to fuzz input: no extension, so format detection uses the content only.
const INPUT_NAME: &str = "fuzz-input";

/// Parses `bytes` forced to `format`; the model's invariants must hold.
pub fn invariants_hold(bytes: &[u8], format: Format) -> Result<(), String> {
    let Ok(source) = SourceFile::from_bytes(INPUT_NAME, bytes, DEFAULT_MAX_FILE_SIZE) else {
        return Ok(());
    };
    let parsed = parse(
        &source,
        ParseOptions {
            format: Some(format),
            ..ParseOptions::default()
        },
    );
    invariants::check(&source.text, &parsed.document)
        .map_err(|violation| format!("parsed as {}: {violation}", format.as_str()))
}

/// Parses `bytes` (format detected), renders canonical Markdown and parses that as
/// Markdown: the second model must keep its invariants and have the same cookie names and
/// section headings (display text and depth), and rendering it again must give the same
/// Markdown (rendering is a fixed point after one round).
pub fn round_trip_is_stable(bytes: &[u8]) -> Result<(), String> {
    let Ok(source) = SourceFile::from_bytes(INPUT_NAME, bytes, DEFAULT_MAX_FILE_SIZE) else {
        return Ok(());
    };
    let first = parse(&source, ParseOptions::default()).document;
    let markdown = to_markdown(&first);
    let rendered = SourceFile::from_text("fuzz-input.canonical.md", markdown.as_str());
    let second = parse(
        &rendered,
        ParseOptions {
            format: Some(Format::Markdown),
            ..ParseOptions::default()
        },
    )
    .document;
    invariants::check(&rendered.text, &second)
        .map_err(|violation| format!("canonical Markdown {markdown:?}: {violation}"))?;
    if cookie_names(&second) != cookie_names(&first) {
        return Err(format!(
            "cookie names changed by the round trip: {:?} -> {:?} (canonical Markdown {markdown:?})",
            cookie_names(&first),
            cookie_names(&second)
        ));
    }
    if headings(&second) != headings(&first) {
        return Err(format!(
            "section headings changed by the round trip: {:?} -> {:?} (canonical Markdown {markdown:?})",
            headings(&first),
            headings(&second)
        ));
    }
    let again = to_markdown(&second);
    if again != markdown {
        return Err(format!(
            "canonical Markdown is not a fixed point: {markdown:?} -> {again:?}"
        ));
    }
    Ok(())
}

/// Both normalised forms are idempotent on `text`.
pub fn normalization_is_idempotent(text: &str) -> Result<(), String> {
    let shown = normalize::display(text);
    let shown_twice = normalize::display(&shown);
    if shown_twice != shown {
        return Err(format!(
            "display is not idempotent: {text:?} -> {shown:?} -> {shown_twice:?}"
        ));
    }
    let key = normalize::key(text);
    let key_twice = normalize::key(&key);
    if key_twice != key {
        return Err(format!(
            "key is not idempotent: {text:?} -> {key:?} -> {key_twice:?}"
        ));
    }
    // What is shown compares as what is written: a text and its display form have one key.
    let key_shown = normalize::key(&shown);
    if key_shown != key {
        return Err(format!(
            "the display form has another key: {text:?} -> {key:?}, shown {shown:?} -> {key_shown:?}"
        ));
    }
    Ok(())
}

/// Most documents one input is split into by [`check_pipeline_holds`].
pub const MAX_DOCUMENTS: usize = 8;

/// The documents one input holds for the several-document target: the parts between NUL
/// bytes (which no accepted document contains), at most [`MAX_DOCUMENTS`].
pub fn split_documents(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split(|&b| b == 0).take(MAX_DOCUMENTS).collect()
}

/// Runs the whole `check` pipeline (decode, parse, every per-document rule, summary, every
/// corpus rule, every report format) on `documents`. Every finding must point inside its
/// document on character boundaries, with positions that agree with its span, and every
/// report must render; the JSON report must be valid JSON with one entry per finding.
pub fn check_pipeline_holds(documents: &[&[u8]]) -> Result<(), String> {
    check_pipeline_holds_with(&Config::defaults(Path::new("."), Path::new(".")), documents)
}

/// The text of a `cookielint.toml` and the documents one input holds for the
/// configuration target: the configuration before the first NUL byte (all of the input
/// when it has none), then the documents as [`split_documents`] splits the rest.
pub fn split_configuration(bytes: &[u8]) -> (&[u8], Vec<&[u8]>) {
    match bytes.iter().position(|&b| b == 0) {
        Some(at) => (
            bytes.get(..at).unwrap_or_default(),
            split_documents(bytes.get(at + 1..).unwrap_or_default()),
        ),
        None => (bytes, Vec::new()),
    }
}

/// Resolves the configuration of an input (see [`split_configuration`]) as `check` resolves
/// a `cookielint.toml`. A configuration refused must say where: its span lies inside the
/// text on character boundaries, and the error renders as the user would see it. A
/// configuration accepted runs the whole pipeline on the input's documents, with the
/// properties of [`check_pipeline_holds`], its rule selection, severities, overrides,
/// vocabulary, typos and cookies in force.
pub fn configuration_holds(bytes: &[u8]) -> Result<(), String> {
    let (config, documents) = split_configuration(bytes);
    let Ok(text) = std::str::from_utf8(config) else {
        return Ok(());
    };
    match resolve_text("cookielint.toml", text, Path::new("."), Path::new(".")) {
        Ok(config) => check_pipeline_holds_with(&config, &documents),
        Err(error) => {
            if let Some(span) = error.span {
                let (start, end) = (span.offset(), span.offset() + span.len());
                if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end)
                {
                    return Err(format!(
                        "configuration error outside its text or off a character boundary: {error:?}"
                    ));
                }
            }
            let mut shown = String::new();
            // Unwrapped, so that the message is found whole however long it is.
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
                .with_wrap_lines(false)
                .render_report(&mut shown, error.as_ref())
                .map_err(|e| format!("configuration error not rendered ({e}): {error:?}"))?;
            if !shown.contains(error.message.as_str()) {
                return Err(format!(
                    "configuration error rendered without its message: {shown:?}"
                ));
            }
            Ok(())
        }
    }
}

/// [`check_pipeline_holds`] with `config` in force.
fn check_pipeline_holds_with(config: &Config, documents: &[&[u8]]) -> Result<(), String> {
    let options = ParseOptions {
        format: None,
        vocabulary: Some(&config.vocabulary),
    };
    let mut sources = Vec::new();
    for (i, &part) in documents.iter().enumerate() {
        if let Ok(source) =
            SourceFile::from_bytes(format!("doc{i}.md"), part, DEFAULT_MAX_FILE_SIZE)
        {
            sources.push(source);
        }
    }
    let mut results: Results = Results::default();
    let mut summaries = Vec::new();
    for source in &sources {
        let parsed = parse(source, options);
        let settings = config.settings_for(Path::new(&source.path));
        for d in lint_document(source, &parsed, &config.options, &settings) {
            let located = Located::new(source, d);
            well_placed(source, &located)?;
            results.diagnostics.push(located);
        }
        summaries.push(cookielint::corpus::summarize(source, &parsed));
        results.files.push(source.path.as_str().into());
    }
    let reread = cookielint::corpus::sources_in(&sources);
    for located in cookielint::corpus::run(&summaries, &config.settings, &config.corpus, &reread) {
        let source = sources
            .iter()
            .find(|s| s.path == located.diagnostic.file)
            .ok_or_else(|| format!("corpus finding for an unknown file: {located:?}"))?;
        well_placed(source, &located)?;
        results.diagnostics.push(located);
    }
    // In output order, as `check` hands them to the renderers.
    results
        .diagnostics
        .sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
    let options = HumanOptions {
        color: false,
        width: 100,
    };
    for source in &sources {
        let own: Vec<Located> = results
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.file == source.path)
            .cloned()
            .collect();
        // Each finding is drawn from the few lines around it, and remembered: the report
        // must be the one drawn from the whole text.
        if report::human(source, &own, options)
            != report::human_from_whole_text(source, &own, options)
        {
            return Err(format!(
                "the human report of {} differs from its drawing from the whole text",
                source.path
            ));
        }
    }
    for rendered in [
        report::concise(&results),
        report::sarif(&results),
        report::github(&results),
        report::junit(&results),
        report::statistics(&results),
    ] {
        if rendered.is_empty() && !results.diagnostics.is_empty() {
            return Err("a report rendered nothing for a run with findings".into());
        }
    }
    let json: serde_json::Value = serde_json::from_str(&report::json(&results))
        .map_err(|e| format!("the JSON report is not JSON: {e}"))?;
    let listed = json["diagnostics"].as_array().map_or(0, Vec::len);
    if listed != results.diagnostics.len() {
        return Err(format!(
            "the JSON report lists {listed} findings of {}",
            results.diagnostics.len()
        ));
    }
    // The compact store `check` keeps findings in gives every report the same text.
    let mut stored = Results {
        diagnostics: Store::new(),
        errors: results.errors.clone(),
        files: results.files.clone(),
    };
    for d in &results.diagnostics {
        stored.diagnostics.push(d.clone());
    }
    stored.diagnostics.sort();
    if report::json(&stored) != report::json(&results)
        || report::junit(&stored) != report::junit(&results)
        || report::statistics(&stored) != report::statistics(&results)
    {
        return Err("a report read from the store differs from the same report of a list".into());
    }
    Ok(())
}

/// A finding's span lies inside its document, on character boundaries, and its line and
/// column agree with the span.
fn well_placed(source: &SourceFile, located: &Located) -> Result<(), String> {
    let span = located.diagnostic.span;
    let text = &source.text;
    if span.start > span.end
        || span.end > text.len()
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return Err(format!(
            "{} finding outside its document or off a character boundary: {located:?}",
            located.diagnostic.code
        ));
    }
    if located.start != source.line_col(span.start) || located.end != source.line_col(span.end) {
        return Err(format!(
            "{} finding whose position disagrees with its span: {located:?}",
            located.diagnostic.code
        ));
    }
    Ok(())
}

/// Every check on one input, each failure prefixed with the fuzz target that asserts it
/// (and so reproduces it: `cargo fuzz run -s none TARGET FILE`).
pub fn failures(bytes: &[u8]) -> Vec<String> {
    let mut checks = vec![
        ("parse_text", invariants_hold(bytes, Format::Text)),
        ("parse_markdown", invariants_hold(bytes, Format::Markdown)),
        ("roundtrip_markdown", round_trip_is_stable(bytes)),
        ("check_document", check_pipeline_holds(&[bytes])),
        (
            "check_documents",
            check_pipeline_holds(&split_documents(bytes)),
        ),
        ("configuration", configuration_holds(bytes)),
    ];
    if let Ok(text) = std::str::from_utf8(bytes) {
        checks.push(("normalize", normalization_is_idempotent(text)));
    }
    checks
        .into_iter()
        .filter_map(|(target, result)| result.err().map(|e| format!("{target}: {e}")))
        .collect()
}

fn cookie_names(doc: &Document) -> Vec<&str> {
    doc.cookies.iter().map(|c| &*c.name.display).collect()
}

fn headings(doc: &Document) -> Vec<(u8, &str)> {
    doc.sections
        .iter()
        .map(|s| (s.depth, &*s.heading.text.display))
        .collect()
}
