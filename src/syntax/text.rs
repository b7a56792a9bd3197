//! The plain-text front end: every line is a content line or a blank line.
//!
//! Plain text has no markup, so all structure (headings, tables) is recognised by the shared
//! assembler from the shape of the lines.

use super::Item;
use crate::source::SourceFile;

/// The items of a plain-text document, one per line.
pub(crate) fn items(source: &SourceFile) -> Vec<Item> {
    let text = source.text.as_str();
    source
        .lines()
        .map(|span| {
            if span.slice(text).trim().is_empty() {
                Item::Blank(span)
            } else {
                Item::Line(span)
            }
        })
        .collect()
}
