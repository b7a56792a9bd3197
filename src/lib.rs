//! cookielint: parse, convert and lint cookie-policy documents.
//!
//! Data flows one way: bytes -> [`source::SourceFile`] -> [`syntax`] (plain-text or
//! Markdown front end, sharing one line grammar) -> [`model::Document`] -> outputs.
//! The library never prints and never exits; the binary's `cli` module does that.

pub mod config;
pub mod convert;
pub mod cookie_name;
pub mod corpus;
pub mod lang;
pub mod lint;
mod memo;
pub mod model;
pub mod normalize;
pub mod report;
pub mod source;
pub mod syntax;
pub mod vocab;
pub mod wording;

/// Frees the calling thread's text memos (see the `memo` module): call it on each thread
/// that parsed documents once it is done with them, before long work that parses none.
pub use memo::release as release_memos;

/// Helpers shared by unit tests.
#[cfg(test)]
pub(crate) mod testing {
    /// A deterministic pseudo-random generator (xorshift64) from `seed`: each call gives a
    /// number below its argument (which must not be zero).
    pub(crate) fn pseudo_random(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        }
    }

    /// A text of fewer than `longest` pieces, each drawn from `alphabet` by `next` (a
    /// [`pseudo_random`] generator).
    pub(crate) fn random_text<T: AsRef<str>>(
        next: &mut impl FnMut(usize) -> usize,
        alphabet: &[T],
        longest: usize,
    ) -> String {
        let pieces = next(longest);
        (0..pieces)
            .filter_map(|_| alphabet.get(next(alphabet.len())))
            .map(AsRef::as_ref)
            .collect()
    }
}
