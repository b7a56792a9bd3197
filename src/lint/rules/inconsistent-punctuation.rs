//! ## What it does
//! Reports the cells of a purpose or service column that end with a period when the others
//! do not, or the reverse. The minority
//! is reported; on a tie, the cells with a period are, since most copies of the template
//! write none.
//!
//! ## Why it matters
//! A table reads as one list; a period on some items only looks careless, and the copies of
//! the template drift apart on it (the French template ends only its first purpose with a
//! period).
//!
//! ## Example
//! Failing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur d'une page à une autre.
//! Opendatasoft	django_language	Se souvenir de la langue du visiteur
//! Opendatasoft	csrftoken	Récupérer des données via des appels API
//! ```
//! Passing:
//! ```text
//! Nom du prestataire	Nom des cookies	Finalités
//! Opendatasoft	sessionid	Se souvenir de l'utilisateur d'une page à une autre
//! Opendatasoft	django_language	Se souvenir de la langue du visiteur
//! Opendatasoft	csrftoken	Récupérer des données via des appels API
//! ```
//!
//! ## Fix
//! End every cell of the column the same way: remove the reported periods, or add the
//! missing ones.

use crate::lint::{Emitter, LintContext};
use crate::model::Text;
use crate::vocab::ColumnRole;
use crate::wording::agreeing;

/// Reports the cells of a purpose or service column that end unlike the majority.
pub fn check(cx: &LintContext<'_>, out: &mut Emitter<'_>) {
    for table in &cx.doc.tables {
        for (role, plural) in [
            (ColumnRole::Purpose, "purposes"),
            (ColumnRole::Service, "services"),
        ] {
            let Some(column) = table.column(role) else {
                continue;
            };
            let cells: Vec<&Text> = table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(column))
                .filter(|c| !c.is_empty())
                .collect();
            let total = cells.len();
            let with = cells.iter().filter(|c| ends_with_period(c)).count();
            if with == 0 || with == total {
                continue;
            }
            // The minority is reported; a tie reports the periods.
            let report_periods = with * 2 <= total;
            let help = if report_periods {
                format!("remove the final period, as the other {plural} have none")
            } else {
                format!("end the cell with a period, as the other {plural} do")
            };
            // Built without the formatting machinery: a long table reports many cells.
            let (mut with_text, mut total_text) = (itoa::Buffer::new(), itoa::Buffer::new());
            let message = [
                with_text.format(with),
                " of ",
                total_text.format(total),
                " ",
                plural,
                agreeing(with, " ends with a period", " end with a period"),
            ]
            .concat();
            for cell in cells
                .iter()
                .filter(|c| ends_with_period(c) == report_periods)
            {
                let _ = out
                    .emit(cell.span, message.clone())
                    .help(help.clone())
                    .fingerprint(["inconsistent-punctuation:", &cell.key].concat());
            }
        }
    }
}

fn ends_with_period(cell: &Text) -> bool {
    cell.display.ends_with('.') && !cell.display.ends_with("...")
}
