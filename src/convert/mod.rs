//! Renderers that turn a parsed document into structured output: the JSON contract
//! (`docs/json.md`), CSV (one row per cookie) and canonical Markdown.
//!
//! Renderers are pure: they take the model and the source (for line numbers) and return a
//! `String`; writing files is the command line's business.

mod csv;
mod json;
mod markdown;

pub use self::csv::{csv_field, csv_header, csv_rows};
pub use self::json::{to_json_string, to_json_value, write_json, JSON_SCHEMA_VERSION};
pub use self::markdown::to_markdown;
