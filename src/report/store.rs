//! [`Store`]: a run's diagnostics, kept compact until they are written.
//!
//! A corpus of 100,000 documents yields half a million findings, and most of their text is
//! repeated: the same message, help and fingerprint in thousands of documents. The store
//! keeps each distinct text once and a finding as a 44-byte record of indexes and 32-bit
//! positions (a finding that does not fit, with a position past 32 bits, a column or a line
//! count past 16 bits, or more than 255 related locations, is kept whole beside the
//! records). Renderers read it through [`Diagnostics`], which rebuilds one [`Located`] at a
//! time.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::Arc;

use super::{Diagnostics, Located, RelatedView, View};
use crate::lint::Severity;
use crate::source::{LineCol, Span};

/// "No such text" in a record's index fields.
const NONE: u32 = u32::MAX;

/// Bytes of text per chunk of [`Texts`] (a longer text gets a chunk of its own).
const CHUNK_BYTES: usize = 1 << 20;

/// Distinct strings, each kept once, by index. Their bytes are packed into chunks of
/// [`CHUNK_BYTES`] that never move (no allocation per text, no copy when growing), and the
/// index holds 4-byte ids hashed by the text they stand for.
#[derive(Debug, Default)]
struct Texts {
    chunks: Vec<String>,
    /// Per id: chunk, start and end in the chunk.
    spans: Vec<[u32; 3]>,
    index: hashbrown::HashTable<u32>,
}

/// The text `id` stands for in `chunks` (empty for an unknown id).
fn text_of<'t>(chunks: &'t [String], spans: &[[u32; 3]], id: u32) -> &'t str {
    spans
        .get(widen(id))
        .and_then(|&[chunk, start, end]| chunks.get(widen(chunk))?.get(widen(start)..widen(end)))
        .unwrap_or("")
}

impl Texts {
    /// The index of `text`, added when new. `None` when the store is full (4 billion
    /// distinct texts or chunks, or a text of 4 GiB).
    fn id(&mut self, text: &str) -> Option<u32> {
        let Texts {
            chunks,
            spans,
            index,
        } = self;
        let hasher = rustc_hash::FxBuildHasher;
        let hash = hasher.hash_one(text);
        if let Some(&id) = index.find(hash, |&id| text_of(chunks, spans, id) == text) {
            return Some(id);
        }
        let id = narrow(spans.len()).filter(|&id| id != NONE)?;
        narrow(text.len())?;
        let room = chunks
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= text.len());
        if !room {
            chunks.push(String::with_capacity(CHUNK_BYTES.max(text.len())));
        }
        let chunk_id = narrow(chunks.len().saturating_sub(1))?;
        let chunk = chunks.last_mut()?;
        let start = narrow(chunk.len())?;
        chunk.push_str(text);
        spans.push([chunk_id, start, narrow(chunk.len())?]);
        index.insert_unique(hash, id, |&id| hasher.hash_one(text_of(chunks, spans, id)));
        Some(id)
    }

    fn get(&self, id: u32) -> &str {
        text_of(&self.chunks, &self.spans, id)
    }
}

/// One finding that fits (see the module documentation), in 44 bytes.
#[derive(Clone, Copy, Debug)]
struct Record {
    /// The file's index in the store's list of files, or [`NONE`]: the finding did not fit
    /// and is whole in `wide`, at index `message`.
    file: u32,
    /// Index into the store's (code, rule) pairs.
    rule: u16,
    severity: Severity,
    /// How many related locations, from `related` on.
    related_count: u8,
    span: [u32; 2],
    /// Start line and column.
    start: [u32; 2],
    /// End line minus start line, and end column.
    end: [u16; 2],
    message: u32,
    help: u32,
    fingerprint: u32,
    /// First related location in the store's list.
    related: u32,
}

impl Record {
    /// Where the finding is in `wide`, when it did not fit.
    fn wide(&self) -> Option<usize> {
        (self.file == NONE).then(|| widen(self.message))
    }
}

/// A related location whose positions fit in 32 bits.
#[derive(Clone, Copy, Debug)]
struct RelatedRecord {
    file: u32,
    span: [u32; 2],
    line: u32,
    column: u32,
    message: u32,
}

/// The findings of a run, compact (see the module documentation).
#[derive(Debug, Default)]
pub struct Store {
    texts: Texts,
    /// The files of the findings, in the order they first came (sorted when findings come
    /// file after file in path order, as `check` gives them).
    files: Vec<Arc<str>>,
    rules: Vec<(&'static str, &'static str)>,
    records: Vec<Record>,
    related: Vec<RelatedRecord>,
    wide: Vec<Located>,
    /// The file last found by a search of `files`: the corpus phase's findings come file
    /// after file, most of them in files already listed.
    recent: Option<u32>,
}

fn narrow(value: usize) -> Option<u32> {
    u32::try_from(value).ok().filter(|&v| v != NONE)
}

fn widen(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        Store::default()
    }

    /// Adds `located` after those already there.
    pub fn push(&mut self, located: Located) {
        let file = self.file_id(&located.diagnostic.file, || {
            Arc::from(located.diagnostic.file.as_str())
        });
        self.push_record(file, located);
    }

    /// Adds `located`, found in `file` (the same path as its own, shared instead of copied),
    /// after those already there.
    pub fn push_in(&mut self, file: &Arc<str>, located: Located) {
        let id = if *located.diagnostic.file == **file {
            self.file_id(file, || Arc::clone(file))
        } else {
            self.file_id(&located.diagnostic.file, || {
                Arc::from(located.diagnostic.file.as_str())
            })
        };
        self.push_record(id, located);
    }

    /// The index of `path` in the list of files, added (as `shared()`) when it is not the
    /// last one, nor the one found last, nor found by a binary search (a path listed out of
    /// order may so be listed twice: both give the same text). `None` when the list is full.
    fn file_id(&mut self, path: &str, shared: impl FnOnce() -> Arc<str>) -> Option<u32> {
        let last = self.files.len().checked_sub(1).and_then(narrow);
        for candidate in [last, self.recent].into_iter().flatten() {
            if self
                .files
                .get(widen(candidate))
                .is_some_and(|f| **f == *path)
            {
                return Some(candidate);
            }
        }
        if let Ok(found) = self.files.binary_search_by(|f| (**f).cmp(path)) {
            self.recent = narrow(found);
            return narrow(found);
        }
        let id = narrow(self.files.len())?;
        self.files.push(shared());
        Some(id)
    }

    fn push_record(&mut self, file: Option<u32>, located: Located) {
        let record = file.and_then(|file| self.compact(file, &located));
        let record = record.unwrap_or_else(|| {
            let wide = narrow(self.wide.len()).unwrap_or(NONE);
            self.wide.push(located);
            Record {
                file: NONE,
                rule: 0,
                severity: Severity::Info,
                related_count: 0,
                span: [0; 2],
                start: [0; 2],
                end: [0; 2],
                message: wide,
                help: NONE,
                fingerprint: NONE,
                related: 0,
            }
        });
        self.records.push(record);
    }

    /// `located` as a record, or `None` when a position does not fit in 32 bits.
    fn compact(&mut self, file: u32, located: &Located) -> Option<Record> {
        let d = &located.diagnostic;
        let mut related = Vec::with_capacity(d.related.len());
        for r in &d.related {
            related.push(RelatedRecord {
                file: self.texts.id(&r.file)?,
                span: [narrow(r.span.start)?, narrow(r.span.end)?],
                line: narrow(r.line)?,
                column: narrow(r.column)?,
                message: self.texts.id(&r.message)?,
            });
        }
        let first_related = narrow(self.related.len())?;
        let rule = match self.rules.iter().position(|&p| p == (d.code, d.rule)) {
            Some(i) => u16::try_from(i).ok()?,
            None => {
                let i = u16::try_from(self.rules.len()).ok()?;
                self.rules.push((d.code, d.rule));
                i
            }
        };
        let lines = located.end.line.checked_sub(located.start.line)?;
        let record = Record {
            file,
            rule,
            severity: d.severity,
            related_count: u8::try_from(related.len()).ok()?,
            span: [narrow(d.span.start)?, narrow(d.span.end)?],
            start: [narrow(located.start.line)?, narrow(located.start.column)?],
            end: [
                u16::try_from(lines).ok()?,
                u16::try_from(located.end.column).ok()?,
            ],
            message: self.texts.id(&d.message)?,
            help: match &d.help {
                Some(help) => self.texts.id(help)?,
                None => NONE,
            },
            fingerprint: self.texts.id(&d.fingerprint)?,
            related: first_related,
        };
        self.related.extend(related);
        Some(record)
    }

    /// The finding a record stands for.
    fn decode(&self, record: &Record) -> Cow<'_, Located> {
        match record.wide().and_then(|wide| self.wide.get(wide)) {
            Some(located) => Cow::Borrowed(located),
            None => Cow::Owned(self.view(record).to_located()),
        }
    }

    /// The finding a record stands for, its texts borrowed from the store ([`Store::decode`]
    /// without copies).
    fn view(&self, record: &Record) -> View<'_> {
        if let Some(wide) = record.wide() {
            // A missing whole finding never happens: `push` keeps every index it records.
            return self.wide.get(wide).map_or_else(View::placeholder, View::of);
        }
        let (code, rule) = self
            .rules
            .get(usize::from(record.rule))
            .copied()
            .unwrap_or(("", ""));
        let related = self
            .related
            .get(widen(record.related)..)
            .unwrap_or(&[])
            .iter()
            .take(usize::from(record.related_count))
            .map(|r| RelatedView {
                file: self.texts.get(r.file),
                span: Span::new(widen(r.span[0]), widen(r.span[1])),
                line: widen(r.line),
                column: widen(r.column),
                message: self.texts.get(r.message),
            })
            .collect();
        let [start_line, start_column] = record.start.map(widen);
        let [lines, end_column] = record.end.map(usize::from);
        View {
            code,
            rule,
            severity: record.severity,
            file: self.file(record.file),
            span: Span::new(widen(record.span[0]), widen(record.span[1])),
            start: LineCol {
                line: start_line,
                column: start_column,
            },
            end: LineCol {
                line: start_line + lines,
                column: end_column,
            },
            message: self.texts.get(record.message),
            help: (record.help != NONE).then(|| self.texts.get(record.help)),
            related,
            fingerprint: self.texts.get(record.fingerprint),
        }
    }

    /// The path of file `id` (empty for an unknown one).
    fn file(&self, id: u32) -> &str {
        self.files.get(widen(id)).map_or("", |f| f)
    }

    /// The sort key's parts that records hold without decoding: file, span, code, message.
    fn key<'s>(&'s self, record: &Record) -> (&'s str, usize, usize, &'s str, &'s str) {
        if let Some(wide) = record.wide() {
            if let Some(located) = self.wide.get(wide) {
                return located.diagnostic.sort_key();
            }
        }
        let code = self
            .rules
            .get(usize::from(record.rule))
            .map_or("", |&(code, _)| code);
        (
            self.file(record.file),
            widen(record.span[0]),
            widen(record.span[1]),
            code,
            self.texts.get(record.message),
        )
    }

    /// Sorts the findings in output order (file, position, code, message), keeping the
    /// order in which equal ones were added.
    pub fn sort(&mut self) {
        let mut records = std::mem::take(&mut self.records);
        // Files listed in strictly increasing path order (as `check` adds them) compare by
        // index as by path.
        let files_sorted = self.files.is_sorted_by(|a, b| a < b);
        records.sort_by(|a, b| {
            if files_sorted && a.file != b.file && a.file != NONE && b.file != NONE {
                return a.file.cmp(&b.file);
            }
            // Equal file indexes are equal paths: compare the strings only when they differ.
            let (ka, kb) = (self.key(a), self.key(b));
            if a.file != NONE && a.file == b.file {
                (ka.1, ka.2, ka.3, ka.4).cmp(&(kb.1, kb.2, kb.3, kb.4))
            } else {
                ka.cmp(&kb)
            }
        });
        self.records = records;
    }

    /// The findings in runs of one file each, in their order: the positions of each run
    /// (consecutive findings of one path make one run, found without decoding them).
    pub fn file_runs(&self) -> Vec<std::ops::Range<usize>> {
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        let mut previous: Option<&Record> = None;
        for (at, record) in self.records.iter().enumerate() {
            let same = previous.is_some_and(|p| {
                (p.file == record.file && p.file != NONE) || self.key(p).0 == self.key(record).0
            });
            match runs.last_mut() {
                Some(run) if same => run.end = at + 1,
                _ => runs.push(at..at + 1),
            }
            previous = Some(record);
        }
        runs
    }

    /// Keeps the findings for which `keep` is true, calling it once for each, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Located) -> bool) {
        let mut records = std::mem::take(&mut self.records);
        records.retain(|r| keep(&self.decode(r)));
        self.records = records;
    }

    /// Whether any finding has `severity` or a higher one.
    pub fn any_at_least(&self, severity: Severity) -> bool {
        self.records.iter().any(|r| self.severity_of(r) >= severity)
    }

    fn severity_of(&self, record: &Record) -> Severity {
        if let Some(wide) = record.wide() {
            return self
                .wide
                .get(wide)
                .map_or(Severity::Info, |l| l.diagnostic.severity);
        }
        record.severity
    }
}

impl Diagnostics for Store {
    fn all(&self) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_> {
        Box::new(self.records.iter().map(|r| self.decode(r)))
    }

    fn views(&self, range: std::ops::Range<usize>) -> Box<dyn Iterator<Item = View<'_>> + '_> {
        Box::new(
            super::within(&self.records, range)
                .iter()
                .map(|r| self.view(r)),
        )
    }

    fn total(&self) -> usize {
        self.records.len()
    }

    fn range(
        &self,
        range: std::ops::Range<usize>,
    ) -> Box<dyn Iterator<Item = Cow<'_, Located>> + '_> {
        Box::new(
            super::within(&self.records, range)
                .iter()
                .map(|r| self.decode(r)),
        )
    }

    fn count(&self, severity: Severity) -> usize {
        self.records
            .iter()
            .filter(|r| self.severity_of(r) == severity)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::{Diagnostic, Related};

    fn located(file: &str, start: usize, code: &'static str, message: &str) -> Located {
        Located {
            diagnostic: Diagnostic {
                code,
                rule: "some-rule",
                severity: Severity::Warning,
                file: file.to_owned(),
                span: Span::new(start, start + 2),
                message: message.to_owned(),
                help: Some("fix it".to_owned()),
                related: vec![Related {
                    file: "other.md".to_owned(),
                    span: Span::new(3, 4),
                    line: 2,
                    column: 7,
                    message: "there".to_owned(),
                }],
                fingerprint: format!("{code}:{message}"),
            },
            start: LineCol {
                line: start + 1,
                column: 3,
            },
            end: LineCol {
                line: start + 1,
                column: 5,
            },
        }
    }

    #[test]
    fn texts_are_kept_once_across_chunks_whatever_their_length() {
        let mut texts = Texts::default();
        let long = "x".repeat(CHUNK_BYTES + 3);
        let mut given: Vec<String> = (0..40_000).map(|i| format!("text number {i}")).collect();
        given.insert(20_000, long);
        given.push(String::new());
        let ids: Vec<u32> = given.iter().map(|t| texts.id(t).unwrap_or(NONE)).collect();
        assert!(texts.chunks.len() > 1, "the texts fill more than one chunk");
        for (text, &id) in given.iter().zip(&ids) {
            assert_eq!(texts.get(id), text);
            assert_eq!(texts.id(text), Some(id), "a known text keeps its id");
        }
        let distinct: std::collections::HashSet<u32> = ids.iter().copied().collect();
        assert_eq!(distinct.len(), given.len());
        assert_eq!(texts.get(NONE), "");
    }

    #[test]
    fn gives_back_what_it_was_given_sorted_and_shares_repeated_texts() {
        let wide = {
            let mut l = located("b.md", 0, "CL002", "far away");
            l.diagnostic.span = Span::new(usize::MAX - 1, usize::MAX);
            l.end.column = usize::MAX;
            l
        };
        let given = vec![
            located("b.md", 5, "CL001", "same text"),
            wide.clone(),
            located("a.md", 9, "CL001", "same text"),
            located("a.md", 1, "CL003", "same text"),
            located("a.md", 1, "CL002", "same text"),
        ];
        let mut store = Store::new();
        for l in &given {
            store.push(l.clone());
        }
        // The message, help, fingerprints and paths are kept once each.
        assert!(store.texts.spans.len() < 5 * 5);
        assert_eq!(store.wide.len(), 1);
        store.sort();
        let mut expected = given.clone();
        expected.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        let back: Vec<Located> = store.all().map(Cow::into_owned).collect();
        assert_eq!(back, expected);
        // Runs of one file: a.md (3), b.md (2, the wide finding's path included).
        assert_eq!(store.file_runs(), vec![0..3, 3..5]);
        // Any part of the output order, the wide finding included, cut at the end.
        for (start, end) in [(0, 5), (1, 3), (2, 2), (3, 9), (5, 6), (7, 8)] {
            let part: Vec<Located> = store.range(start..end).map(Cow::into_owned).collect();
            let list: Vec<Located> = expected.range(start..end).map(Cow::into_owned).collect();
            let want = expected.get(start.min(5)..end.min(5)).unwrap_or_default();
            assert_eq!(
                (part.as_slice(), list.as_slice()),
                (want, want),
                "{start}..{end}"
            );
        }
        assert_eq!(store.count(Severity::Warning), 5);
        assert!(store.any_at_least(Severity::Warning));
        assert!(!store.any_at_least(Severity::Error));
        store.retain(|l| l.diagnostic.file == "a.md");
        assert_eq!(store.total(), 3);
        let files: Vec<String> = store.all().map(|l| l.diagnostic.file.clone()).collect();
        assert_eq!(files, ["a.md", "a.md", "a.md"]);
    }

    #[test]
    fn findings_added_file_after_file_then_more_sort_as_their_keys() {
        // Files first met in path order, as `check` adds them; later findings (the corpus
        // phase's) for earlier files; a finding too wide for a record.
        let mut wide = located("b.md", 0, "CL002", "far away");
        wide.diagnostic.span = Span::new(usize::MAX - 1, usize::MAX);
        let given = vec![
            located("a.md", 3, "CL001", "one"),
            located("a.md", 9, "CL001", "two"),
            located("b.md", 1, "CL003", "three"),
            located("c.md", 2, "CL001", "four"),
            located("c.md", 0, "CL101", "five"),
            located("a.md", 3, "CL001", "a corpus one"),
            wide,
            located("b.md", 1, "CL002", "three"),
            located("a.md", 0, "CL101", "six"),
        ];
        let mut store = Store::new();
        for l in &given {
            store.push(l.clone());
        }
        assert!(store.files.is_sorted());
        store.sort();
        let mut expected = given.clone();
        expected.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
        let back: Vec<Located> = store.all().map(Cow::into_owned).collect();
        assert_eq!(back, expected);
    }

    #[test]
    fn a_finding_that_does_not_fit_a_record_comes_back_whole() {
        let fits = located("a.md", 4, "CL001", "fits");
        let mut long_line = located("a.md", 4, "CL001", "far right");
        long_line.end.column = usize::from(u16::MAX) + 1;
        let mut many_lines = located("a.md", 4, "CL001", "many lines");
        many_lines.end.line = many_lines.start.line + usize::from(u16::MAX) + 1;
        let mut many_related = located("a.md", 4, "CL001", "many related");
        let one = many_related.diagnostic.related.clone();
        many_related.diagnostic.related = one.iter().cycle().take(256).cloned().collect();
        let mut edge = located("a.md", 4, "CL001", "edge");
        edge.end.column = usize::from(u16::MAX);
        edge.end.line = edge.start.line + usize::from(u16::MAX);
        edge.diagnostic.related = one.iter().cycle().take(255).cloned().collect();
        let given = [fits, long_line, many_lines, many_related, edge];
        let mut store = Store::new();
        for l in &given {
            store.push(l.clone());
        }
        assert_eq!(
            store.wide.len(),
            3,
            "all but the first and the last are kept whole"
        );
        let back: Vec<Located> = store.all().map(Cow::into_owned).collect();
        assert_eq!(back, given);
        assert_eq!(std::mem::size_of::<Record>(), 44);
    }

    #[test]
    fn files_are_shared_and_found_again_in_any_order() {
        let mut store = Store::new();
        let a: Arc<str> = Arc::from("a.md");
        let b: Arc<str> = Arc::from("b.md");
        store.push_in(&a, located("a.md", 1, "CL001", "x"));
        store.push_in(&a, located("a.md", 5, "CL001", "y"));
        store.push_in(&b, located("b.md", 1, "CL001", "x"));
        // Out of order, and without the shared path: found again.
        store.push(located("a.md", 9, "CL002", "z"));
        // Again (the file found last, asked before any search).
        store.push(located("a.md", 12, "CL003", "w"));
        // A path other than the one given is the finding's own.
        store.push_in(&b, located("c.md", 1, "CL001", "x"));
        store.push(located("0.md", 1, "CL001", "x"));
        assert_eq!(store.files.len(), 4);
        assert!(store.files.first().is_some_and(|f| Arc::ptr_eq(f, &a)));
        store.sort();
        let back: Vec<(String, usize)> = store
            .all()
            .map(|l| (l.diagnostic.file.clone(), l.diagnostic.span.start))
            .collect();
        let expected = [
            ("0.md", 1),
            ("a.md", 1),
            ("a.md", 5),
            ("a.md", 9),
            ("a.md", 12),
            ("b.md", 1),
            ("c.md", 1),
        ];
        assert_eq!(back, expected.map(|(f, s)| (f.to_owned(), s)));
    }

    #[test]
    fn keeps_equal_findings_in_the_order_they_came() {
        let mut store = Store::new();
        let mut first = located("a.md", 1, "CL001", "same text");
        first.diagnostic.fingerprint = "first".to_owned();
        store.push(located("a.md", 1, "CL001", "same text"));
        store.push(first.clone());
        store.sort();
        let back: Vec<String> = store
            .all()
            .map(|l| l.diagnostic.fingerprint.clone())
            .collect();
        assert_eq!(back, ["CL001:same text", "first"]);
    }
}
