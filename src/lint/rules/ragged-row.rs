//! ## What it does
//! Reports a table row whose number of cells differs from the number of columns in the
//! table's header. Too few cells usually means a separator lost between two cells, too many
//! one typed inside a cell (in an HTML table, a `<td>` missing or one too many). Rows the parser already reported as unreadable (`parse-problem`) are not
//! reported again.
//!
//! ## Why it matters
//! Cells are matched to columns by position: in a ragged row the purpose lands under the
//! cookie name, or the last column is missing, and the table says something other than
//! what was meant.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! Opendatasoft	Authentification (front et back office) sessionid	Se souvenir de l'utilisateur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! Opendatasoft	Authentification (front et back office)	sessionid	Se souvenir de l'utilisateur
//! ```
//!
//! ## Fix
//! Put back the missing separator, or remove the extra one, so that the row has one cell
//! per column.

use crate::cookie_name::looks_like_cookie_name;
use crate::lint::{Emitter, LintContext};
use crate::model::{CookieTable, Row};
use crate::syntax::TableLayout;
use crate::vocab::ColumnRole;
use crate::wording::{agreeing, counted};

/// Reports each row whose cell count differs from its header's column count.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in cx.doc.tables.iter().filter(|t| t.header.is_some()) {
        let columns = table.columns.len();
        for row in &table.rows {
            let cells = row.cells.len();
            if cells == columns || cx.problems.iter().any(|p| p.span == row.span) {
                continue;
            }
            let html = table.layout == TableLayout::Html;
            let help = if html && cells < columns {
                agreeing(
                    columns - cells,
                    "add the missing <td> cell",
                    "add the missing <td> cells",
                )
            } else if html {
                agreeing(
                    cells - columns,
                    "remove the extra <td> cell",
                    "remove the extra <td> cells",
                )
            } else if cells < columns {
                agreeing(
                    columns - cells,
                    "add the missing cell: a separator between two cells was probably lost",
                    "add the missing cells: a separator between two cells was probably lost",
                )
            } else {
                agreeing(
                    cells - columns,
                    "remove the extra cell: a separator was probably typed inside a cell",
                    "remove the extra cells: a separator was probably typed inside a cell",
                )
            };
            let label = row_label(table, row);
            let _ = out
                .emit(
                    row.span,
                    format!(
                        "row `{label}` has {} but the header has {}",
                        counted(cells, "cell", "cells"),
                        counted(columns, "column", "columns")
                    ),
                )
                .help(help)
                .fingerprint(format!("ragged-row:{label}:{cells}/{columns}"));
        }
    }
}

/// What names a row in a message: its cookie name when the row is long enough for the
/// name column to be trusted, else the first word shaped like a cookie name, else its first
/// cell; shortened.
fn row_label(table: &CookieTable, row: &Row) -> String {
    let name = table
        .column(ColumnRole::Name)
        .filter(|_| row.cells.len() >= table.columns.len())
        .and_then(|c| row.cells.get(c))
        .filter(|c| !c.is_empty())
        .map(|c| c.display.as_ref());
    let shaped = || {
        row.cells
            .iter()
            .flat_map(|c| c.display.split_whitespace())
            .find(|word| looks_like_cookie_name(word))
    };
    let first = || {
        row.cells
            .iter()
            .find(|c| !c.is_empty())
            .map(|c| c.display.as_ref())
    };
    shorten(name.or_else(shaped).or_else(first).unwrap_or(""), 40)
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text).trim_end()),
        None => text.to_owned(),
    }
}
