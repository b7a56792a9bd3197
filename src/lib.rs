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

/// Frees the calling thread's text memos (see the `memo` module): call it on each thread
/// that parsed documents once it is done with them, before long work that parses none.
pub use memo::release as release_memos;
