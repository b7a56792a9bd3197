//! ## What it does
//! Reports a table column whose header names none of the known columns. The known ones are
//! provider, service and location, cookie name, purpose, duration, category and value, in
//! any supported language. Tables without a header row are not checked. Header wordings can be
//! added in the configuration.
//!
//! ## Why it matters
//! The cells of an unknown column are not attached to the cookies: no rule checks them and
//! no export carries them. It is often a known column with a mangled header, or a column
//! that slipped in from another page.
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Remarques	Nom des cookies	Finalités
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! ```
//!
//! ## Fix
//! Give the column the template's header, or add its wording to the configuration.

use crate::lint::{Emitter, LintContext};

/// Reports each header cell whose wording is not known.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in cx.doc.tables.iter().filter(|t| t.header.is_some()) {
        for column in &table.columns {
            if column.role.is_some() || column.header.is_empty() {
                continue;
            }
            let header = &column.header;
            let _ = out
                .emit(
                    header.span,
                    format!("column `{}` is not a known column", header.display),
                )
                .help("use the template's header for the column (provider, service and location, cookie name, purpose or duration), or add the wording to the configuration")
                .fingerprint(format!("unknown-column:{}", header.key));
        }
    }
}
