//! ## What it does
//! Reports the legacy row of dashes under the header of a tab-separated table
//! (`-----<TAB>-----<TAB>...`). The `|---|---|` line of a pipe table is part of the table
//! syntax and is not reported.
//!
//! ## Why it matters
//! Nothing renders a tab-separated table's dashes as a rule: readers see a row of dashes
//! as if it were a cookie, and the copies of the template that keep it differ from those
//! that do not.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! ------------------	---------------	---------
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur
//! ```
//!
//! ## Fix
//! Delete the line of dashes.

use crate::lint::{Emitter, LintContext};
use crate::normalize::key;
use crate::syntax::TableLayout;

/// Reports the dashed separator row of each tab-separated table.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in &cx.doc.tables {
        let Some(separator) = table.separator else {
            continue;
        };
        if table.layout != TableLayout::Tab {
            continue;
        }
        let _ = out
            .emit(
                separator,
                "a row of dashes separates the table's header from its rows",
            )
            .help("delete the line of dashes: tab-separated tables have no separator row")
            .fingerprint(format!(
                "separator-row:{}",
                key(table.header.map_or("", |h| cx.source.slice(h)))
            ));
    }
}
