//! The key-value recogniser: entries of `Key: value` lines whose keys name columns.
//!
//! Like every recogniser it declines or consumes a run of entries and returns the table
//! and the index of the first entry after it.

use super::{exact_role, line_at, row, skip_blanks};
use crate::syntax::blocks::Entry;
use crate::syntax::line::LineKind;
use crate::syntax::{RowBlock, TableBlock, TableLayout};

use crate::source::Span;
use crate::vocab::{ColumnRole, Extra};

/// `key-value-table = entry *( *blank entry )` with `entry = 2*( key-value-line
/// *continuation-line )`, where each key names a column exactly and a repeated key opens a
/// new entry.
///
/// Columns are the roles met, in order of first appearance; a key renamed between entries
/// ("Expiration" then "Duration") lands in the same column. The table needs a name column.
pub(super) fn key_value(
    text: &str,
    entries: &[Entry],
    i: usize,
    extra: Option<&Extra>,
) -> Option<(TableBlock, usize)> {
    let kv_role = |j: usize| match line_at(entries, j) {
        Some((_, LineKind::KeyValue { key, value })) => {
            exact_role(key.slice(text), extra).map(|role| (role, *key, *value))
        }
        _ => None,
    };
    kv_role(i)?;
    kv_role(i + 1)?;
    let mut columns: Vec<(ColumnRole, Span)> = Vec::new();
    let mut rows: Vec<(Span, Vec<(ColumnRole, Span)>)> = Vec::new();
    let mut current: Vec<(ColumnRole, Span)> = Vec::new();
    let mut current_span: Option<Span> = None;
    let mut j = i;
    let mut end = Span::default();
    let mut finish = |current: &mut Vec<(ColumnRole, Span)>, span: &mut Option<Span>| {
        if let Some(s) = span.take() {
            rows.push((s, std::mem::take(current)));
        }
    };
    loop {
        if let Some((role, key_span, value)) = kv_role(j) {
            if current.iter().any(|(r, _)| *r == role) {
                // The first entry decides: without a name it is not a cookie table, and
                // giving up now (rather than at the end of the run) keeps the scan from
                // being repeated from every line of a long run of `Key: value` lines.
                if !has_name(&columns) {
                    return None;
                }
                finish(&mut current, &mut current_span);
            }
            if !columns.iter().any(|(r, _)| *r == role) {
                columns.push((role, key_span));
            }
            current.push((role, value));
            let line = key_span.cover(value);
            current_span = Some(current_span.map_or(line, |s| s.cover(line)));
            end = line;
            j += 1;
            continue;
        }
        match entries.get(j) {
            Some(Entry::Line(span, LineKind::Text)) if !current.is_empty() => {
                if let Some((_, value)) = current.last_mut() {
                    *value = value.cover(*span);
                }
                current_span = current_span.map(|s| s.cover(*span));
                end = *span;
                j += 1;
            }
            Some(Entry::Blank(_)) => {
                let (k, _) = skip_blanks(entries, j);
                if kv_role(k).is_none() {
                    break;
                }
                if !has_name(&columns) {
                    return None;
                }
                finish(&mut current, &mut current_span);
                j = k;
            }
            _ => break,
        }
    }
    finish(&mut current, &mut current_span);
    if !has_name(&columns) {
        return None;
    }
    let header = row(&columns.iter().map(|(_, k)| *k).collect::<Vec<_>>());
    let rows = rows
        .into_iter()
        .map(|(span, values)| RowBlock {
            span,
            cells: columns
                .iter()
                .map(|(role, _)| {
                    values
                        .iter()
                        .find(|(r, _)| r == role)
                        .map_or(Span::empty(span.end), |(_, v)| *v)
                })
                .collect(),
        })
        .collect();
    let start = line_at(entries, i).map_or(end, |(s, _)| s);
    Some((
        TableBlock {
            span: start.cover(end),
            layout: TableLayout::KeyValue,
            header: Some(header),
            separator: None,
            rows,
            gaps: Vec::new(),
        },
        j,
    ))
}

fn has_name(columns: &[(ColumnRole, Span)]) -> bool {
    columns.iter().any(|(r, _)| *r == ColumnRole::Name)
}
