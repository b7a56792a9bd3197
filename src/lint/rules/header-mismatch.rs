//! ## What it does
//! Reports a table header cell worded differently from the template's header for its
//! column. The template's headers in the document's language are: in French "Nom du prestataire", "Service et
//! emplacement", "Nom des cookies" (or "Nom du cookie"), "Finalités", "Durée"; in English
//! "Service provider's name", "Function and location", "Cookie name(s)", "Purposes",
//! "Duration", or the newer template's "Supplier name", "Service" (or "Service and
//! location"), "Cookie name", "Function" (or "Purpose"); and the like in Spanish, Catalan,
//! Dutch, German and Italian.
//!
//! Only recognised columns are compared (see `unknown-column` for the others), case and
//! apostrophe style aside. Headers holding a known wording error, such as "Nom du cookies",
//! are left to `known-typo`, and the keys of key-value entries (`Name: sessionid`) are not
//! table headers and are not checked.
//!
//! ## Why it matters
//! Documents of one family should differ only in what is specific to the portal; a
//! reworded header is a drift between copies that readers of both notice and that makes
//! the copies harder to compare.
//!
//! ## Example
//! Failing:
//! ```text
//! Prestataire	Service et emplacement	Nom des cookies	Finalités
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Service et emplacement	Nom des cookies	Finalités
//! ```
//!
//! ## Fix
//! Replace the header with the template's wording given in the message.

use crate::lint::canon::{has_canonical_header, is_canonical_header, preferred_header};
use crate::lint::claims::find_in_key;
use crate::lint::{Emitter, LintContext};
use crate::syntax::TableLayout;
use crate::vocab::ColumnRole;

/// Reports each header cell worded differently from the template.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    let Some(language) = cx.doc.language else {
        return;
    };
    for table in &cx.doc.tables {
        if table.header.is_none() || table.layout == TableLayout::KeyValue {
            continue;
        }
        let headers: Vec<(ColumnRole, &str)> = table
            .columns
            .iter()
            .filter_map(|c| Some((c.role?, c.header.key.as_ref())))
            .collect();
        for column in &table.columns {
            let Some(role) = column.role else {
                continue;
            };
            let header = &column.header;
            if header.is_empty()
                || !has_canonical_header(language, role)
                || is_canonical_header(language, role, &header.key)
                || has_known_typo(cx, &header.key)
                || is_configured(cx, &header.key)
            {
                continue;
            }
            let Some(canonical) = preferred_header(language, role, &headers) else {
                continue;
            };
            let _ = out
                .emit(
                    header.span,
                    format!(
                        "column `{}` is worded differently from the template's \"{canonical}\"",
                        header.display
                    ),
                )
                .help(format!("rename the column \"{canonical}\""))
                .fingerprint(format!("header-mismatch:{}", header.key));
        }
    }
}

/// Whether the header holds a wording error that `known-typo` reports.
fn has_known_typo(cx: &LintContext<'_>, header_key: &str) -> bool {
    cx.options
        .typos
        .iter()
        .any(|typo| !typo.wrong.is_empty() && find_in_key(header_key, &typo.wrong).next().is_some())
}

/// Wording the user added in `[vocabulary] columns` is accepted as written.
fn is_configured(cx: &LintContext<'_>, key: &str) -> bool {
    cx.options
        .vocabulary
        .columns
        .iter()
        .any(|(phrase, _)| phrase == key)
}
