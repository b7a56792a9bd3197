//! A per-thread memo of text normalisation: a corpus is hundreds of copies of one template,
//! so the same paragraph, heading, line or cell text comes back in document after document,
//! and its display form, key and language are worked out once per thread instead of once
//! per copy.
//!
//! The memo is a pure function cache: what it returns is exactly what computing afresh
//! returns, so output never depends on what was seen before (or on how many threads ran).
//! Its size is bounded: texts over [`MAX_TEXT_BYTES`] are not kept, and a memo is emptied
//! when it holds more than [`MAX_MEMO_BYTES`] (the memo of drawings,
//! [`MAX_DRAWING_MEMO_BYTES`]). When a thread is done with documents, [`release`] frees
//! every memo it filled (values still in use elsewhere, such as the shared texts of
//! summaries, stay alive through their own references).

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;
use std::thread::LocalKey;

use rustc_hash::FxHasher;

use crate::corpus::summary::{CookieName, PassageKind, SharedText};
use crate::lang::Language;
use crate::normalize;

/// Longest text kept, in bytes (longer texts are rarely repeated exactly).
const MAX_TEXT_BYTES: usize = 2048;

/// Bytes of text (raw and derived) one memo keeps before starting afresh. A template's texts
/// fit many times over; a larger memo only keeps more one-off texts (at 100,000 generated
/// documents, 8 MiB cost 20 MB more peak memory than 2 MiB for the same instruction count).
const MAX_MEMO_BYTES: usize = 2 << 20;

/// Bytes an entry costs beyond its key, value and text: the table's control byte and spare
/// slots, and the allocator's rounding of the text's allocation.
const ENTRY_OVERHEAD: usize = 32;

/// The derived forms of one raw text.
#[derive(Clone)]
pub(crate) struct Forms {
    /// [`normalize::display`].
    pub display: Arc<str>,
    /// [`normalize::key`] of the display form.
    pub key: Arc<str>,
    /// [`crate::lang::detect`] of the key.
    pub language: Option<Language>,
}

impl Forms {
    fn compute(raw: &str) -> Self {
        let display = normalize::display(raw);
        let key = normalize::key(&display);
        let language = crate::lang::detect(&key);
        Forms {
            display: display.into(),
            key: key.into(),
            language,
        }
    }
}

/// Remembered values by raw text (or by the address of a shared text, see
/// [`remembered_for`]), with the bytes they hold and the scope they were computed in (see
/// [`remembered_in`]).
pub(crate) struct Memo<T, K = Box<str>> {
    values: HashMap<K, T, BuildHasherDefault<FxHasher>>,
    bytes: usize,
    /// Bytes it keeps before starting afresh.
    limit: usize,
    scope: u64,
    /// Whether [`release`] knows of this memo on its thread.
    registered: bool,
}

impl<T, K> Default for Memo<T, K> {
    fn default() -> Self {
        Memo::with_limit(MAX_MEMO_BYTES)
    }
}

impl<T, K> Memo<T, K> {
    /// An empty memo keeping up to `limit` bytes.
    pub(crate) fn with_limit(limit: usize) -> Self {
        Memo {
            values: HashMap::default(),
            bytes: 0,
            limit,
            scope: 0,
            registered: false,
        }
    }
}

/// A memo of values by shared text (see [`remembered_for`]): each value with the text it
/// belongs to, by the text's address.
pub(crate) type SharedMemo<T> = Memo<(Arc<str>, T), usize>;

thread_local! {
    /// How to empty each memo this thread has filled since the last [`release`].
    static FILLED: RefCell<Vec<Box<dyn Fn()>>> = const { RefCell::new(Vec::new()) };
}

/// Frees every memo the calling thread has filled (their tables and the values no one else
/// holds). Memos fill again if the thread goes on normalising text; results do not change.
pub fn release() {
    let filled = FILLED.with(|f| f.try_borrow_mut().map(|mut f| std::mem::take(&mut *f)));
    for empty in filled.unwrap_or_default() {
        empty();
    }
}

thread_local! {
    static FORMS: RefCell<Memo<Forms>> = RefCell::new(Memo::default());
    static KEYS: RefCell<Memo<Arc<str>>> = RefCell::new(Memo::default());
    static NAMES: RefCell<Memo<CookieName>> = RefCell::new(Memo::default());
    static SHARED_TEXTS: RefCell<Memo<SharedText>> = RefCell::new(Memo::default());
    static NAME_RANGES: RefCell<Memo<Rc<[Range<usize>]>>> = RefCell::new(Memo::default());
    static SHARED_DISPLAYS: RefCell<SharedMemo<SharedText>> = RefCell::new(Memo::default());
    static DRAWINGS: RefCell<Memo<Option<Arc<str>>>> =
        RefCell::new(Memo::with_limit(MAX_DRAWING_MEMO_BYTES));
}

/// Longest description of a finding's drawing [`drawing`] keeps: the few lines of text it
/// shows, its messages and its spans.
const MAX_DRAWING_KEY_BYTES: usize = 16 << 10;

/// Bytes of descriptions and drawings the memo of drawings keeps: each weighs a few
/// kilobytes, and 10,000 generated documents hold about 5,000 distinct ones.
const MAX_DRAWING_MEMO_BYTES: usize = 8 << 20;

/// Bytes kept by a memo whose texts are a template's few (a rule's answers for the cells or
/// headings that can hold what it looks for): each memo filled on a worker thread holds its
/// bytes until the thread is done with documents, and at 100,000 documents the full-size
/// memos of two such rules cost 5 MB more peak memory.
pub(crate) const SMALL_MEMO_BYTES: usize = 256 << 10;

/// The cookie name `display` with its comparison key `key`, the same allocation as every
/// equal name shared before on this thread: what the corpus phase keeps of 100,000
/// declarations of one cookie is one name and 100,000 pointers.
pub(crate) fn cookie_name(display: &str, key: &str) -> CookieName {
    let name = remembered(
        &NAMES,
        display,
        |d: &str| CookieName::new(d, key),
        |n| n.display().len() + n.key().len(),
    );
    // Names are remembered by their display form; a key computed otherwise (from a
    // configured vocabulary, say) is not mixed up with another one.
    if name.key() == key {
        name
    } else {
        CookieName::new(display, key)
    }
}

/// `text` as a passage of `kind` (none: a cell), with the hash of its comparison key
/// (`key(text)`, computed only for a text not remembered): the same allocation as every
/// equal text of that kind shared before on this thread.
pub(crate) fn shared_text(
    text: &str,
    kind: Option<PassageKind>,
    key: impl Fn(&str) -> u64,
) -> SharedText {
    let shared = remembered(
        &SHARED_TEXTS,
        text,
        |t: &str| SharedText::new(key(t), kind, t),
        |s| s.len(),
    );
    // Remembered by text alone: the same words as another kind of passage (or as a cell)
    // get their own allocation, with the key already computed (it depends on the text).
    if shared.kind() == kind {
        shared
    } else {
        SharedText::new(shared.key(), kind, text)
    }
}

/// [`shared_text`] for a text's display form (`display`, shared through [`forms`]): found by
/// the display form's address first, so that a template's texts, met again in document
/// after document, are neither hashed nor compared.
pub(crate) fn shared_display(
    display: &Arc<str>,
    kind: Option<PassageKind>,
    key: impl Fn(&str) -> u64,
) -> SharedText {
    let shared = remembered_for(
        &SHARED_DISPLAYS,
        0,
        display,
        |d| shared_text(d, kind, &key),
        |s| s.len(),
    );
    if shared.kind() == kind {
        shared
    } else {
        shared_text(display, kind, key)
    }
}

/// The display form, key and language of `raw`.
pub(crate) fn forms(raw: &str) -> Forms {
    remembered(&FORMS, raw, Forms::compute, |f| {
        f.display.len() + f.key.len()
    })
}

/// The comparison key of `raw` (see [`normalize::key`]), shared: a remembered key is given
/// back without a copy.
pub(crate) fn key(raw: &str) -> Arc<str> {
    remembered(&KEYS, raw, |r| Arc::from(normalize::key(r)), |k| k.len())
}

/// The byte ranges of the cookie names in the name cell `raw` (see
/// [`crate::cookie_name::split_names`]).
pub(crate) fn name_ranges(raw: &str) -> Rc<[Range<usize>]> {
    remembered(
        &NAME_RANGES,
        raw,
        |r| crate::cookie_name::split_names(r).into(),
        |r| r.len() * std::mem::size_of::<Range<usize>>(),
    )
}

/// `compute(raw)`, from `memo` when it was computed before on this thread.
fn remembered<T: Clone + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    raw: &str,
    compute: impl Fn(&str) -> T,
    size_of: impl Fn(&T) -> usize,
) -> T {
    remembered_in(memo, 0, raw, compute, size_of)
}

/// `compute(raw)`, from `memo` when it was computed before on this thread in the same
/// `scope`: a value that also depends on something other than `raw` (a configured list of
/// phrases) is remembered under a fingerprint of it, and a memo meeting another scope starts
/// afresh.
pub(crate) fn remembered_in<T: Clone + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    scope: u64,
    raw: &str,
    compute: impl Fn(&str) -> T,
    size_of: impl Fn(&T) -> usize,
) -> T {
    remembered_up_to(memo, scope, raw, MAX_TEXT_BYTES, compute, size_of)
}

/// [`remembered_in`] for texts of at most `longest` bytes.
fn remembered_up_to<T: Clone + 'static>(
    memo: &'static LocalKey<RefCell<Memo<T>>>,
    scope: u64,
    raw: &str,
    longest: usize,
    compute: impl Fn(&str) -> T,
    size_of: impl Fn(&T) -> usize,
) -> T {
    if raw.len() > longest {
        return compute(raw);
    }
    memo.with(|cell| {
        let Ok(mut values) = cell.try_borrow_mut() else {
            return compute(raw);
        };
        values.enter(memo, scope);
        if let Some(found) = values.values.get(raw) {
            return found.clone();
        }
        let value = compute(raw);
        values.keep(raw.into(), value.clone(), raw.len() + size_of(&value));
        value
    })
}

/// `draw()`, the drawing of a finding (`None`: it could not be drawn), from the thread's
/// memo when a finding with the same `description` was drawn before. The description must
/// hold everything the drawing depends on: a corpus repeats one template's lines, and with
/// them the same findings drawn alike, file after file.
pub(crate) fn drawing(description: &str, draw: impl Fn() -> Option<Arc<str>>) -> Option<Arc<str>> {
    remembered_up_to(
        &DRAWINGS,
        0,
        description,
        MAX_DRAWING_KEY_BYTES,
        |_| draw(),
        |d| d.as_ref().map_or(0, |d| d.len()),
    )
}

/// `compute(text)` for a text shared through [`forms`] (a [`crate::model::Text`]'s display
/// form or key), from `memo` when it was computed before on this thread in the same `scope`
/// for that same allocation. The lookup goes by the text's address: it neither hashes nor
/// compares the text. The memo holds the text alive, so no other text can take its address
/// while it is remembered; an equal text at another address is merely computed again.
pub(crate) fn remembered_for<T: Clone + 'static>(
    memo: &'static LocalKey<RefCell<SharedMemo<T>>>,
    scope: u64,
    text: &Arc<str>,
    compute: impl Fn(&str) -> T,
    size_of: impl Fn(&T) -> usize,
) -> T {
    if text.len() > MAX_TEXT_BYTES {
        return compute(text);
    }
    let address = Arc::as_ptr(text).cast::<u8>() as usize;
    memo.with(|cell| {
        let Ok(mut values) = cell.try_borrow_mut() else {
            return compute(text);
        };
        values.enter(memo, scope);
        if let Some((held, found)) = values.values.get(&address) {
            if Arc::ptr_eq(held, text) {
                return found.clone();
            }
        }
        let value = compute(text);
        let size = text.len() + size_of(&value);
        values.keep(address, (Arc::clone(text), value.clone()), size);
        value
    })
}

impl<T: 'static, K: std::hash::Hash + Eq + 'static> Memo<T, K> {
    /// Starts afresh when the scope changes, and makes sure [`release`] empties the memo
    /// (`local`: the thread-local it lives in).
    fn enter(&mut self, local: &'static LocalKey<RefCell<Memo<T, K>>>, scope: u64) {
        if self.scope != scope {
            self.values.clear();
            self.bytes = 0;
            self.scope = scope;
        }
        if !self.registered {
            self.registered = true;
            let empty = move || {
                local.with(|m| {
                    if let Ok(mut m) = m.try_borrow_mut() {
                        *m = Memo::with_limit(m.limit);
                    }
                });
            };
            FILLED.with(|f| {
                if let Ok(mut f) = f.try_borrow_mut() {
                    f.push(Box::new(empty));
                }
            });
        }
    }

    /// Remembers `value` (holding `size` bytes) under `key`, first emptying a memo that
    /// would grow past its limit. The entry itself counts too (the table's slot
    /// and an allocation's bookkeeping): most remembered texts are short cells, for which
    /// the entry weighs more than the text.
    fn keep(&mut self, key: K, value: T, size: usize) {
        let size = size + std::mem::size_of::<(K, T)>() + ENTRY_OVERHEAD;
        if self.bytes + size > self.limit {
            self.values.clear();
            self.bytes = 0;
        }
        self.bytes += size;
        self.values.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_values_are_the_computed_ones() {
        for raw in [
            "  Nom du  cookie ",
            "Qu\u{2019}est-ce qu\u{2019}un cookie ?",
            "_ga",
            "_ga, _gid / _gat",
            "",
        ] {
            let fresh = Forms::compute(raw);
            for f in [forms(raw), forms(raw)] {
                assert_eq!(f.display, fresh.display);
                assert_eq!(f.key, fresh.key);
                assert_eq!(f.language, fresh.language);
            }
            assert_eq!(*key(raw), *normalize::key(raw));
            assert_eq!(*key(raw), *normalize::key(raw));
            let ranges = crate::cookie_name::split_names(raw);
            assert_eq!(*name_ranges(raw), *ranges);
            assert_eq!(*name_ranges(raw), *ranges);
        }
    }

    #[test]
    fn the_memo_stays_bounded() {
        for i in 0..20_000 {
            let raw = format!("{i:0>1000}");
            let _ = forms(&raw);
            let _ = key(&raw);
        }
        FORMS.with(|memo| assert!(memo.borrow().bytes <= MAX_MEMO_BYTES));
        let (a, b) = (cookie_name("_ga", "ga"), cookie_name("_ga", "ga"));
        assert!(std::ptr::eq(a.display(), b.display()));
        assert_eq!((a.display(), a.key()), ("_ga", "ga"));
        // Remembered by display form, but never given with another key.
        let other = cookie_name("_ga", "_ga");
        assert_eq!((other.display(), other.key()), ("_ga", "_ga"));
        KEYS.with(|memo| assert!(memo.borrow().bytes <= MAX_MEMO_BYTES));
    }

    #[test]
    fn values_remembered_by_address_are_those_of_the_same_text() {
        thread_local! {
            static LENGTHS: RefCell<SharedMemo<usize>> = RefCell::new(Memo::default());
        }
        let calls = std::cell::Cell::new(0);
        let length = |text: &str| {
            calls.set(calls.get() + 1);
            text.chars().count()
        };
        let a: Arc<str> = "caf\u{e9}".into();
        assert_eq!(remembered_for(&LENGTHS, 0, &a, length, |_| 8), 4);
        assert_eq!(
            remembered_for(&LENGTHS, 0, &Arc::clone(&a), length, |_| 8),
            4
        );
        assert_eq!(
            calls.get(),
            1,
            "the same allocation is looked up, not recomputed"
        );
        // Equal words at another address, and a new scope, are computed afresh.
        let b: Arc<str> = "caf\u{e9}".into();
        assert_eq!(remembered_for(&LENGTHS, 0, &b, length, |_| 8), 4);
        assert_eq!(remembered_for(&LENGTHS, 1, &a, length, |_| 8), 4);
        assert_eq!(calls.get(), 3);
        // A text freed after it was remembered cannot lend its address to another one:
        // the memo holds it.
        drop(a);
        for i in 0..1000 {
            let other: Arc<str> = format!("{i:>5}").into();
            assert_eq!(remembered_for(&LENGTHS, 1, &other, length, |_| 8), 5);
        }
        // Bounded like every memo.
        for i in 0..20_000 {
            let long: Arc<str> = format!("{i:0>1000}").into();
            let _ = remembered_for(&LENGTHS, 1, &long, length, |_| 8);
        }
        LENGTHS.with(|memo| assert!(memo.borrow().bytes <= MAX_MEMO_BYTES));
    }

    #[test]
    fn release_empties_every_filled_memo_and_they_fill_again() {
        let raw = "Qu\u{2019}est-ce qu\u{2019}un cookie ?";
        let before = forms(raw);
        let _ = key(raw);
        let name = cookie_name("_ga", "ga");
        FORMS.with(|memo| assert!(memo.borrow().registered));
        release();
        FORMS.with(|memo| assert!(memo.borrow().values.is_empty()));
        KEYS.with(|memo| assert_eq!(memo.borrow().bytes, 0));
        NAMES.with(|memo| assert!(!memo.borrow().registered));
        FILLED.with(|f| assert!(f.borrow().is_empty()));
        // A value handed out before stays valid; the memos work as before.
        assert_eq!(name.display(), "_ga");
        assert_eq!(forms(raw).display, before.display);
        FORMS.with(|memo| assert_eq!(memo.borrow().values.len(), 1));
        FILLED.with(|f| assert_eq!(f.borrow().len(), 1));
        release();
    }

    thread_local! {
        static SCOPED: RefCell<Memo<String>> = RefCell::new(Memo::default());
    }

    #[test]
    fn a_value_is_remembered_only_within_its_scope() {
        let with = |scope: u64| {
            remembered_in(
                &SCOPED,
                scope,
                "text",
                |t| format!("{t}@{scope}"),
                String::len,
            )
        };
        assert_eq!(with(1), "text@1");
        assert_eq!(with(1), "text@1");
        assert_eq!(with(2), "text@2");
        assert_eq!(with(1), "text@1");
    }
}
