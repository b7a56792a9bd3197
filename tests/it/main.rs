//! The integration tests: one binary, one module per kind of test.
//!
//! Tests drive the library through its top-level entry points (`parse`, the renderers) or
//! run the real binary; they do not reach into internal modules, so refactoring the parser
//! does not rewrite the tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod cli_check;
mod cli_convert;
mod cli_faults;
mod corpus;
mod corpus_rules;
mod encoding;
mod fixtures;
mod fuzz_seeds;
mod hostile;
mod html_tables;
mod properties;
mod roundtrip;
mod rules;
mod schema;
mod snapshots;
mod stdin;
mod support;
mod twins;
