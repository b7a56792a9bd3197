//! The key-value recogniser: entries of `Key: value` lines whose keys name columns.
//!
//! Like every recogniser it declines or consumes a run of entries and returns the table
//! and the index of the first entry after it.

use super::{exact_role, line_at, row, skip_blanks};
use crate::syntax::blocks::Entry;
use crate::syntax::line::{self, LineKind};
use crate::syntax::{RowBlock, TableBlock, TableLayout};

use crate::source::Span;
use crate::vocab::{ColumnRole, Extra};

/// `key-value-table = entry *( *blank entry )` with `entry = 2*( field-line
/// *continuation-line )`, where each key names a column exactly and a repeated key opens a
/// new entry, and the first two lines are not both without a value (but an entry's first
/// line may be `Name:` alone, its names on the next line).
///
/// A field line ([`field_at`]) may have an empty value (`Purpose:` alone) and a value
/// holding pipes or tabs. Columns are the roles met, in order of first appearance; a key
/// renamed between entries ("Expiration" then "Duration") lands in the same column. The
/// table needs a name column. A key an entry lacks gives it an empty cell at the entry's
/// start, and an empty value an empty cell at the end of its line: never the same place,
/// since a key precedes the value (`empty-cell` tells the two apart so).
pub(super) fn key_value(
    text: &str,
    entries: &[Entry],
    i: usize,
    extra: Option<&Extra>,
) -> Option<(TableBlock, usize)> {
    let kv_role = |j: usize| field_at(text, entries, j, extra);
    let (role, _, first) = kv_role(i)?;
    // An entry's name left off its key's line may stand alone on the next (`Name:` /
    // `_ga` / `Purpose: ...`): a line of cookie names only, so that a key alone followed by
    // prose (`Description:` / a sentence) or by a table's lines stays what it was.
    let k = match (role, entries.get(i + 1)) {
        (ColumnRole::Name, Some(Entry::Line(span, LineKind::Text)))
            if first.is_empty() && kv_role(i + 1).is_none() && names_only(span.slice(text)) =>
        {
            i + 2
        }
        _ => i + 1,
    };
    let (_, _, second) = kv_role(k)?;
    // Lines that are keys alone are the header of a one-cell-per-line table ("Name:" /
    // "Purpose:"), not an entry.
    if first.is_empty() && second.is_empty() && k == i + 1 {
        return None;
    }
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
            // A value goes on over the next lines; one left empty on its key's line starts
            // on the next, which may hold a pipe or a tab like any value.
            Some(Entry::Line(span, kind))
                if !current.is_empty()
                    && (matches!(kind, LineKind::Text)
                        || (matches!(
                            kind,
                            LineKind::PipeRow { .. } | LineKind::TabRow { .. }
                        ) && current.last().is_some_and(|(_, v)| v.is_empty()))) =>
            {
                if let Some((_, value)) = current.last_mut() {
                    // A value left empty on its key's line starts on the next line.
                    *value = if value.is_empty() {
                        *span
                    } else {
                        value.cover(*span)
                    };
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
                        .map_or(Span::empty(span.start), |(_, v)| *v)
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

/// The field at entry `j`: the role its key names exactly, the key and the value.
///
/// A `Key: value` line is one, and so is, inside a key-value table only, a line of another
/// kind that is shaped as a field ([`line::field`]): `Purpose:` with no value (prose, for
/// the line grammar), or a value holding a pipe or a tab (a pipe or tab row). Real table
/// rows never qualify: a header such as `Name | Purpose` has no colon after its first
/// word, one such as `Name: | Purpose:` has no value in its first cell, and a key must name
/// a column exactly, so prose ending with a colon stays prose.
fn field_at(
    text: &str,
    entries: &[Entry],
    j: usize,
    extra: Option<&Extra>,
) -> Option<(ColumnRole, Span, Span)> {
    let (key, value) = match line_at(entries, j)? {
        (_, LineKind::KeyValue { key, value }) => (*key, *value),
        // Line classification already gave the text lines with a value: a text line is a
        // field only as a key alone (quick test first: most text lines are prose).
        (span, LineKind::Text) if ends_with_colon(span.slice(text)) => line::field(text, span)?,
        (span, LineKind::PipeRow { cells, .. } | LineKind::TabRow { cells })
            if cells
                .first()
                .is_some_and(|first| first.slice(text).contains(':')) =>
        {
            let (key, value) = line::field(text, span)?;
            // The value starts in the row's first cell: a row of cells that are keys alone
            // (`Name:<TAB>Purpose:`) is a table's header.
            let first = cells.first()?;
            (value.start < first.end).then_some((key, value))?
        }
        _ => return None,
    };
    exact_role(key.slice(text), extra).map(|role| (role, key, value))
}

/// Whether `line` ends with a colon, blanks and emphasis after it aside (`Purpose:`,
/// `**Purpose:**`).
fn ends_with_colon(line: &str) -> bool {
    line.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_')
        .ends_with(':')
}

/// Whether `line` lists cookie names and nothing else (`_ga`, `_ga, _gid`).
fn names_only(line: &str) -> bool {
    let names = crate::cookie_name::split_names(line);
    !names.is_empty()
        && names.iter().all(|name| {
            line.get(name.clone())
                .is_some_and(crate::cookie_name::looks_like_cookie_name)
        })
}

fn has_name(columns: &[(ColumnRole, Span)]) -> bool {
    columns.iter().any(|(r, _)| *r == ColumnRole::Name)
}
