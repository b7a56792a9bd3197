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
    let wide = too_wide("b.md");
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
    // Columns and line counts past 16 bits fit (every finding on a line of 64 K
    // characters or more has such columns).
    let mut long_line = located("a.md", 4, "CL001", "far right");
    long_line.start.column = usize::from(u16::MAX) + 7;
    long_line.end.column = usize::from(u16::MAX) + 9;
    let mut many_lines = located("a.md", 4, "CL001", "many lines");
    many_lines.end.line = many_lines.start.line + usize::from(u16::MAX) + 1;
    let mut far_right = located("a.md", 4, "CL001", "past 32 bits");
    far_right.end.column = 1 << 32;
    let mut many_related = located("a.md", 4, "CL001", "many related");
    let one = many_related.diagnostic.related.clone();
    many_related.diagnostic.related = one.iter().cycle().take(256).cloned().collect();
    let mut edge = located("a.md", 4, "CL001", "edge");
    edge.end.column = (1 << 32) - 2;
    edge.end.line = edge.start.line + usize::from(u16::MAX);
    edge.diagnostic.related = one.iter().cycle().take(255).cloned().collect();
    let given = [fits, long_line, many_lines, far_right, many_related, edge];
    let mut store = Store::new();
    for l in &given {
        store.push(l.clone());
    }
    assert_eq!(
        store.wide.len(),
        2,
        "the column past 32 bits and the 256 related places are kept whole"
    );
    let back: Vec<Located> = store.all().map(Cow::into_owned).collect();
    assert_eq!(back, given);
    assert_eq!(std::mem::size_of::<Record>(), 48);
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

/// A finding whose span does not fit a record.
fn too_wide(file: &str) -> Located {
    let mut wide = located(file, 0, "CL002", "far away");
    wide.diagnostic.span = Span::new(usize::MAX - 1, usize::MAX);
    wide
}

/// Findings of two files, with repeated texts, related places, exact repeats and a
/// finding too wide for a record.
fn two_files() -> (Vec<Located>, Vec<Located>) {
    let wide = too_wide("b.md");
    let a = vec![
        located("a.md", 3, "CL001", "one"),
        located("a.md", 9, "CL002", "two"),
        located("a.md", 3, "CL001", "one"),
    ];
    let mut b = vec![
        located("b.md", 1, "CL003", "two"),
        wide.clone(),
        located("b.md", 1, "CL003", "three"),
        located("b.md", 4, "CL004", "one"),
        wide,
    ];
    b[3].diagnostic.related.clear();
    (a, b)
}

#[test]
fn appending_a_store_gives_what_pushing_its_findings_gives() {
    let (a, b) = two_files();
    let mut pushed = Store::new();
    let mut appended = Store::new();
    let mut other = Store::new();
    for l in &a {
        pushed.push(l.clone());
        appended.push(l.clone());
    }
    for l in &b {
        pushed.push(l.clone());
        other.push(l.clone());
    }
    appended.append(other);
    let all = |store: &Store| store.all().map(Cow::into_owned).collect::<Vec<Located>>();
    assert_eq!(all(&appended), all(&pushed));
    assert_eq!(all(&appended), [a.clone(), b.clone()].concat());
    // Each text is kept once in the store appended to.
    assert_eq!(appended.texts.spans.len(), pushed.texts.spans.len());
    assert_eq!(appended.files.len(), 2);
    assert_eq!(appended.wide.len(), 2);
    appended.sort();
    pushed.sort();
    assert_eq!(all(&appended), all(&pushed));
    // An empty store takes the other as it is.
    let mut empty = Store::new();
    let mut other = Store::new();
    for l in &b {
        other.push(l.clone());
    }
    empty.append(other);
    assert_eq!(all(&empty), b);
}

#[test]
fn dedup_after_sort_drops_what_vec_dedup_drops() {
    let (a, b) = two_files();
    let mut given = [a, b].concat();
    // Equal keys, other fingerprint: not a repeat, and it comes between the two exact
    // repeats of a.md, which so both stay (as with `Vec::dedup`).
    let mut near = located("a.md", 3, "CL001", "one");
    near.diagnostic.fingerprint = "other".to_owned();
    given.insert(1, near);
    let mut store = Store::new();
    for l in &given {
        store.push(l.clone());
    }
    store.sort();
    store.dedup();
    let mut expected = given.clone();
    expected.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));
    expected.dedup();
    assert_eq!(
        expected.len(),
        given.len() - 1,
        "the wide repeat in b.md is dropped"
    );
    assert_eq!(
        expected
            .iter()
            .filter(|l| l.diagnostic.message == "one")
            .count(),
        4
    );
    let back: Vec<Located> = store.all().map(Cow::into_owned).collect();
    assert_eq!(back, expected);
}
