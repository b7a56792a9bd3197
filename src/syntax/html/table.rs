//! The table being read from HTML: rows and cells as their tags open and close, merged
//! cells spread over the places they cover, and the header chosen when it ends.

use super::lex::Tag;
use crate::source::Span;
use crate::syntax::tables::known_header_cells;
use crate::syntax::{RowBlock, TableBlock, TableLayout};
use crate::vocab::Extra;

/// Most places a `colspan` or `rowspan` fills with empty cells.
const MAX_COVERED: usize = 16;

/// Columns a `rowspan` is followed in.
const MAX_COVERED_COLUMNS: usize = 256;

/// A table being read.
#[derive(Default)]
pub(super) struct Building {
    /// Its `<table>` tag.
    pub(super) tag: Span,
    /// The end of what was read of it.
    pub(super) end: usize,
    /// Tables open, itself included: a table nested in a cell is not read.
    pub(super) depth: usize,
    /// Inside `<thead>`, `<caption>`.
    pub(super) head: bool,
    pub(super) caption: bool,
    pub(super) rows: Vec<OpenRow>,
    pub(super) row: Option<OpenRow>,
    pub(super) cell: Option<OpenCell>,
    /// For each column, the row a `rowspan` above covers it until (excluded).
    pub(super) covered: Vec<usize>,
    /// Problems already reported: a nested table, merged cells, text outside cells.
    pub(super) nested: bool,
    pub(super) merged: bool,
    pub(super) stray: bool,
}

#[derive(Default)]
pub(super) struct OpenRow {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) cells: Vec<Span>,
    /// Opened inside `<thead>`; every cell a `<th>`.
    pub(super) head: bool,
    pub(super) all_th: bool,
}

pub(super) struct OpenCell {
    /// The end of its start tag.
    pub(super) after: usize,
    pub(super) content: Option<Span>,
    pub(super) tag: Tag,
}

impl Building {
    pub(super) fn open_row(&mut self, start: usize) {
        self.row = Some(OpenRow {
            start,
            end: start,
            head: self.head,
            all_th: true,
            ..OpenRow::default()
        });
    }

    /// Ends the open cell, if any, at its end tag (`end`) or else at the last of its
    /// content.
    pub(super) fn close_cell(&mut self, text: &str, end: Option<usize>) {
        let Some(cell) = self.cell.take() else {
            return;
        };
        let width = self.rows.first().map(|r| r.cells.len());
        let index = self.rows.len();
        let Some(row) = self.row.as_mut() else {
            return;
        };
        let span = cell.content.unwrap_or(Span::empty(cell.after)).trim(text);
        let column = row.cells.len();
        row.cells.push(span);
        row.end = row.end.max(end.unwrap_or(span.end)).max(cell.after);
        let covers = |n: u16| usize::from(n).saturating_sub(1).min(MAX_COVERED);
        for _ in 0..covers(cell.tag.colspan) {
            if width.is_some_and(|w| row.cells.len() >= w) {
                break;
            }
            row.cells.push(Span::empty(span.end));
        }
        if cell.tag.rowspan > 1 && column < MAX_COVERED_COLUMNS {
            if self.covered.len() <= column {
                self.covered.resize(column + 1, 0);
            }
            if let Some(until) = self.covered.get_mut(column) {
                *until = index + 1 + covers(cell.tag.rowspan);
            }
        }
    }

    /// Ends the open row, if any, at `end` (its `</tr>`) or else at the last of it read.
    pub(super) fn close_row(&mut self, text: &str, end: Option<usize>) {
        self.close_cell(text, None);
        let Some(mut row) = self.row.take() else {
            return;
        };
        row.end = end.unwrap_or(row.end).max(row.start);
        if !row.cells.is_empty() {
            self.rows.push(row);
        }
    }

    /// The table read, when it has rows; the open row ends with it.
    pub(super) fn finish(mut self, text: &str, extra: Option<&Extra>) -> Option<TableBlock> {
        self.close_row(text, None);
        let mut rows = self.rows.into_iter().map(|r| {
            let header = r.head || r.all_th;
            (
                RowBlock {
                    span: Span::new(r.start, r.end),
                    cells: r.cells,
                },
                header,
            )
        });
        let (first, header_like) = rows.next()?;
        let header = header_like || known_header_cells(text, &first.cells, extra) > 0;
        let (header, rows) = if header {
            (Some(first), rows.map(|(r, _)| r).collect())
        } else {
            (
                None,
                std::iter::once(first).chain(rows.map(|(r, _)| r)).collect(),
            )
        };
        Some(TableBlock {
            span: Span::new(self.tag.start, self.end),
            layout: TableLayout::Html,
            header,
            separator: None,
            rows,
            gaps: Vec::new(),
        })
    }
}
