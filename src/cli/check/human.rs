//! The human and concise reports of `check`: the human report's excerpts drawn from the
//! checked texts read again, a batch of files at a time; colour; the closing counts.

use std::io::IsTerminal;

use rayon::prelude::*;

use cookielint::report::{self, Diagnostics, HumanOptions, Located, Results, Store};
use cookielint::wording::counted;

use super::super::input::{self, Listed};
use super::ColorChoice;

/// Where the human report finds the texts of the checked files again.
pub(super) struct Texts<'a> {
    pub(super) files: &'a [(Listed, usize)],
    /// The files checked, sorted, and what recognises the text of each.
    pub(super) checked: &'a [std::sync::Arc<str>],
    pub(super) identities: &'a [(u32, u64)],
    pub(super) max_size: u64,
}

impl Texts<'_> {
    /// The text of `path` as it was checked (`None`: unreadable or changed since).
    fn read(&self, path: &str) -> Option<cookielint::source::SourceFile> {
        let checked = self
            .checked
            .binary_search_by(|f| (**f).cmp(path))
            .ok()
            .and_then(|i| self.identities.get(i))?;
        let (file, _) = input::find_listed(self.files, path)?;
        let source = file.read(self.max_size).ok()?;
        (cookielint::corpus::summary::identity(&source) == *checked).then_some(source)
    }
}

/// Findings rendered in one batch of the human report (whole files, or a part of a file
/// with more): enough to keep every thread busy, few enough to hold.
const HUMAN_BATCH: usize = 4096;

/// Writes the human report of `found` (sorted by file): each file's findings drawn with
/// excerpts of its text, read again, a batch of files at a time on `pool`, in order. A file
/// that cannot be read again, or whose text changed since it was checked, gets one concise
/// line per finding.
pub(super) fn write_human(
    found: &Store,
    texts: &Texts<'_>,
    options: HumanOptions,
    pool: &rayon::ThreadPool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let render = |source: Option<&cookielint::source::SourceFile>, group: &[Located]| match source {
        Some(source) => report::human(source, group, options),
        None => group
            .iter()
            .map(|d| report::concise_line(d) + "\n")
            .collect(),
    };
    let decoded = |run: &std::ops::Range<usize>| -> Vec<Located> {
        found.range(run.clone()).map(|d| d.into_owned()).collect()
    };
    let source_of = |run: &std::ops::Range<usize>| {
        found
            .range(run.start..run.start + 1)
            .next()
            .and_then(|d| texts.read(&d.diagnostic.file))
    };
    // Batches of whole files (a file with more findings than a batch holds is one batch of
    // its own); within a batch, each file's findings are decoded and drawn by one task.
    let runs = found.file_runs();
    let mut batches: Vec<&[std::ops::Range<usize>]> = Vec::new();
    let mut rest = runs.as_slice();
    while !rest.is_empty() {
        let mut findings = 0;
        let size = rest
            .iter()
            .take_while(|run| {
                let take = findings == 0 || (findings < HUMAN_BATCH && run.len() <= HUMAN_BATCH);
                findings += run.len();
                take
            })
            .count();
        let (batch, after) = rest.split_at(size.max(1).min(rest.len()));
        batches.push(batch);
        rest = after;
    }
    for batch in batches {
        if let [run] = batch {
            if run.len() > HUMAN_BATCH {
                // Its text is read once, and its findings are decoded and drawn a batch's
                // worth at a time, so that memory holds a few batches, not the whole file's
                // findings and drawings (the drawings of a file are those of its findings,
                // one after the other).
                let source = source_of(run);
                let pieces: Vec<std::ops::Range<usize>> = run
                    .clone()
                    .step_by(HUMAN_BATCH)
                    .map(|start| start..(start + HUMAN_BATCH).min(run.end))
                    .collect();
                for some in pieces.chunks(pool.current_num_threads().max(1)) {
                    let rendered: Vec<String> = pool.install(|| {
                        some.par_iter()
                            .map(|piece| render(source.as_ref(), &decoded(piece)))
                            .collect()
                    });
                    for text in rendered {
                        out.write_all(text.as_bytes())?;
                    }
                }
                continue;
            }
        }
        let rendered: Vec<String> = pool.install(|| {
            batch
                .par_iter()
                .map(|run| render(source_of(run).as_ref(), &decoded(run)))
                .collect()
        });
        for text in rendered {
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// Whether the human report is coloured.
pub(super) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The closing counts: findings by severity, files, unreadable files.
fn counts(results: &Results<Store>) -> String {
    let s = results.summary();
    let unreadable = match s.unreadable {
        0 => String::new(),
        n => format!("; {} could not be read", counted(n, "file", "files")),
    };
    format!(
        "{}, {}, {} in {}{unreadable}",
        counted(s.errors, "error", "errors"),
        counted(s.warnings, "warning", "warnings"),
        counted(s.infos, "info", "infos"),
        counted(s.files, "file", "files")
    )
}

/// The human report's closing line.
pub(super) fn human_footer(results: &Results<Store>) -> String {
    if results.diagnostics.total() == 0 && results.errors.is_empty() {
        format!("All checks passed: {}.\n", counts(results))
    } else if results.diagnostics.total() == 0 {
        format!("No findings: {}.\n", counts(results))
    } else {
        format!("Found {}.\n", counts(results))
    }
}

/// The concise report's closing line (none without findings).
pub(super) fn concise_footer(results: &Results<Store>) -> String {
    if results.diagnostics.total() == 0 {
        String::new()
    } else {
        format!("Found {}.\n", counts(results))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookielint::lint::Diagnostic;
    use cookielint::lint::Severity;
    use cookielint::source::{LineCol, Span};

    fn finding(file: &str) -> Located {
        Located {
            diagnostic: Diagnostic {
                code: "CL999",
                rule: "some-rule",
                severity: Severity::Warning,
                file: file.to_owned(),
                span: Span::new(10, 15),
                message: "a message".to_owned(),
                help: None,
                related: Vec::new(),
                fingerprint: String::new(),
            },
            start: LineCol { line: 2, column: 1 },
            end: LineCol { line: 2, column: 6 },
        }
    }

    #[test]
    fn the_human_report_draws_excerpts_only_from_the_text_that_was_checked() {
        let dir = tempfile::tempdir().unwrap();
        let [same, changed, gone] = ["same.md", "changed.md", "gone.md"].map(|name| {
            let path = dir.path().join(name);
            std::fs::write(&path, "# Cookies\n\nwords here\n").unwrap();
            path
        });
        let files = input::listed([same, changed.clone(), gone.clone()].map(|p| (p, 0)));
        let checked: Vec<std::sync::Arc<str>> =
            files.iter().map(|(f, _)| f.shown().clone()).collect();
        let identities: Vec<(u32, u64)> = files
            .iter()
            .map(|(f, _)| cookielint::corpus::summary::identity(&f.read(1 << 20).unwrap()))
            .collect();
        std::fs::write(&changed, "# Cookies\n\nother words\n").unwrap();
        std::fs::remove_file(&gone).unwrap();
        let mut found = Store::new();
        for (f, _) in &files {
            found.push(finding(f.shown()));
            found.push(finding(f.shown()));
        }
        found.sort();
        let texts = Texts {
            files: &files,
            checked: &checked,
            identities: &identities,
            max_size: 1 << 20,
        };
        let options = HumanOptions {
            color: false,
            width: 80,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let mut out = Vec::new();
        write_human(&found, &texts, options, &pool, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let shown = |name: &str| dir.path().join(name).display().to_string();
        // Unchanged: drawn with its text, both findings.
        assert_eq!(out.matches("words here").count(), 2, "{out}");
        assert!(
            out.contains(&format!("[{}:2:1]", shown("same.md"))),
            "{out}"
        );
        // Changed or gone: one concise line per finding, no excerpt of the new text.
        for name in ["changed.md", "gone.md"] {
            let line = format!("{}:2:1: warning[CL999 some-rule] a message\n", shown(name));
            assert_eq!(out.matches(&line).count(), 2, "{out}");
        }
        assert!(!out.contains("other words"), "{out}");
    }
}
