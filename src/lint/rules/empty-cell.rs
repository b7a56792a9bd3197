//! ## What it does
//! Reports an empty cell in a table row, such as two tabs in a row where a purpose should
//! be, or a tab opening a row that lacks its first cell (a provider written only on the
//! table's first row); a tab the header starts with too only indents the table. In
//! key-value entries (`Name: sessionid` / `Purpose: ...`), reports an entry that
//! lacks a key the other entries have, or whose key has no value (`Purpose:` alone). Cells
//! missing at the end of a short row are reported by `ragged-row` instead.
//!
//! ## Why it matters
//! A cookie without a provider, a purpose or a duration is a declaration the regulation
//! asks for but the policy does not give.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! Opendatasoft		sessionid	Se souvenir de l'utilisateur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! Opendatasoft	Authentification (front et back office)	sessionid	Se souvenir de l'utilisateur
//! ```
//!
//! ## Fix
//! Fill in the cell, or the missing key or value of the entry.

use crate::lint::{Emitter, LintContext};
use crate::model::{CookieTable, Row, Text};
use crate::source::Span;
use crate::syntax::TableLayout;
use crate::vocab::ColumnRole;

/// Reports each empty cell, and each key missing from a key-value entry.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in &cx.doc.tables {
        let key_value = table.layout == TableLayout::KeyValue;
        for row in &table.rows {
            for (index, (column, cell)) in table.columns.iter().zip(&row.cells).enumerate() {
                if !cell.is_empty() {
                    continue;
                }
                let label = row_cell(table, row);
                let name = label.map_or("", |c| c.display.as_ref());
                // A table without a header names its columns by role, or by position.
                let column_name = match (column.header.is_empty(), column.role) {
                    (false, _) => column.header.display.to_string(),
                    (true, Some(role)) => role.as_str().to_owned(),
                    (true, None) => format!("column {}", index + 1),
                };
                // A key the entry lacks is an empty cell at the entry's start; a key
                // written without a value is one at the end of its own line.
                let lacks_key = cell.span == Span::empty(row.span.start);
                let (span, message, help) = if key_value && lacks_key {
                    (
                        label.map_or(row.span, |c| c.span),
                        format!("entry `{name}` has no `{column_name}` key"),
                        format!("add a `{column_name}:` line to the entry"),
                    )
                } else if key_value {
                    (
                        cell.span,
                        format!("entry `{name}` has an empty `{column_name}` value"),
                        format!("write the value after `{column_name}:`"),
                    )
                } else {
                    (
                        cell.span,
                        format!("row `{name}` has an empty `{column_name}` cell"),
                        "fill in the cell".to_owned(),
                    )
                };
                let _ = out
                    .emit(span, message)
                    .help(help)
                    .fingerprint(format!("empty-cell:{name}:{column_name}"));
            }
        }
    }
}

/// The cell that names a row: its cookie name, else its first non-empty cell.
fn row_cell<'t>(table: &CookieTable, row: &'t Row) -> Option<&'t Text> {
    table
        .column(ColumnRole::Name)
        .and_then(|c| row.cells.get(c))
        .filter(|c| !c.is_empty())
        .or_else(|| row.cells.iter().find(|c| !c.is_empty()))
}
