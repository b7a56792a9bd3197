//! [`Store`]: a run's diagnostics, kept compact until they are written.
//!
//! A corpus of 100,000 documents yields half a million findings, and most of their text is
//! repeated: the same message, help and fingerprint in thousands of documents. The store
//! keeps each distinct text once and a finding as a 48-byte record of indexes and 32-bit
//! positions (a finding that does not fit, with a position, line or column past 32 bits, or
//! more than 255 related locations, is kept whole beside the records). Renderers read it
//! through [`Diagnostics`], which rebuilds one [`Located`] at a time.

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

/// One finding that fits (see the module documentation), in 48 bytes.
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
    /// End line minus start line, and end column (a long line's columns pass 16 bits, and
    /// so do all of its findings').
    end: [u32; 2],
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

    /// The index of the rule `(code, name)` in the store's list, added when new; `None`
    /// when the list is full.
    fn rule_id(&mut self, code: &'static str, name: &'static str) -> Option<u16> {
        if let Some(i) = self.rules.iter().position(|&p| p == (code, name)) {
            return u16::try_from(i).ok();
        }
        let i = u16::try_from(self.rules.len()).ok()?;
        self.rules.push((code, name));
        Some(i)
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
        let rule = self.rule_id(d.code, d.rule)?;
        let lines = located.end.line.checked_sub(located.start.line)?;
        let record = Record {
            file,
            rule,
            severity: d.severity,
            related_count: u8::try_from(related.len()).ok()?,
            span: [narrow(d.span.start)?, narrow(d.span.end)?],
            start: [narrow(located.start.line)?, narrow(located.start.column)?],
            end: [narrow(lines)?, narrow(located.end.column)?],
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
        let [lines, end_column] = record.end.map(widen);
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

    /// Drops each finding equal in every field to the one before it (after
    /// [`Store::sort`], every exact duplicate), as `Vec::dedup` does.
    pub fn dedup(&mut self) {
        let mut records = std::mem::take(&mut self.records);
        records.dedup_by(|later, earlier| {
            let (a, b) = (*earlier, *later);
            // Texts are kept once: records of one text have one index, and two findings
            // at different places differ.
            let differ = a.file != NONE
                && b.file != NONE
                && (a.file != b.file || a.span != b.span || a.message != b.message);
            !differ && self.view(&a) == self.view(&b)
        });
        self.records = records;
    }

    /// Frees the room kept for findings to come.
    pub fn shrink_to_fit(&mut self) {
        self.records.shrink_to_fit();
        self.related.shrink_to_fit();
        self.wide.shrink_to_fit();
    }

    /// Adds the findings of `other` after those already there, in their order. Each of
    /// its distinct texts is looked up here once, not once per finding; an empty store
    /// takes `other` as it is.
    pub fn append(&mut self, other: Store) {
        if self.files.is_empty() && self.records.is_empty() && self.wide.is_empty() {
            *self = other;
            return;
        }
        self.records.reserve(other.records.len());
        let mut text_ids: Vec<Option<u32>> = vec![None; other.texts.spans.len()];
        let mut text_id = |this: &mut Texts, id: u32| -> Option<u32> {
            if id == NONE {
                return Some(NONE);
            }
            let slot = text_ids.get_mut(widen(id))?;
            if slot.is_none() {
                *slot = this.id(other.texts.get(id));
            }
            *slot
        };
        let file_ids: Vec<Option<u32>> = other
            .files
            .iter()
            .map(|f| self.file_id(f, || Arc::clone(f)))
            .collect();
        for record in &other.records {
            let related_before = self.related.len();
            let compact = (|| {
                let file = file_ids.get(widen(record.file)).copied().flatten()?;
                let &(code, rule) = other.rules.get(usize::from(record.rule))?;
                let rule = self.rule_id(code, rule)?;
                let first_related = narrow(self.related.len())?;
                let from = widen(record.related);
                let count = usize::from(record.related_count);
                for r in other.related.get(from..from + count)? {
                    let mapped = RelatedRecord {
                        file: text_id(&mut self.texts, r.file)?,
                        message: text_id(&mut self.texts, r.message)?,
                        ..*r
                    };
                    self.related.push(mapped);
                }
                Some(Record {
                    file,
                    rule,
                    message: text_id(&mut self.texts, record.message)?,
                    help: text_id(&mut self.texts, record.help)?,
                    fingerprint: text_id(&mut self.texts, record.fingerprint)?,
                    related: first_related,
                    ..*record
                })
            })();
            match compact {
                Some(compact) => self.records.push(compact),
                // A whole finding, or one this store has no room for.
                None => {
                    self.related.truncate(related_before);
                    let located = other.decode(record).into_owned();
                    self.push(located);
                }
            }
        }
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
mod tests;
