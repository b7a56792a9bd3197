//! Table recognisers, tried in order at each content line: key-value entries, delimited
//! rows (tab or pipe), one cell per line, and rows whose separators were lost.
//!
//! Each recogniser either declines (`None`) or consumes a run of entries, blank lines
//! included, and returns the table and the index of the first entry after it. All are
//! linear in the number of entries they consume; none looks back.

use super::blocks::{has_heading_vocabulary, heading_like, Entry};
use super::line::{pipe_cells, LineKind};
use super::recover;
use super::{Problem, RowBlock, TableBlock, TableLayout};
use std::cell::RefCell;

use crate::memo::{key, remembered_in, Memo};
use crate::normalize;
use crate::source::Span;
use crate::vocab::{self, ColumnRole, Extra};

/// Providers that commonly appear in the provider column; used to anchor the split of rows
/// whose separators were lost.
const KNOWN_PROVIDERS: &[&str] = &[
    "Opendatasoft",
    "Google",
    "Google Analytics",
    "Hotjar",
    "Matomo",
    "Meta",
    "Facebook",
    "Microsoft",
    "YouTube",
    "Twitter",
    "LinkedIn",
    "HubSpot",
    "Cloudflare",
    "Axeptio",
    "Didomi",
    "AT Internet",
    "Xiti",
];

/// How many providers an inferred table learns from its own rows.
const MAX_LEARNED_PROVIDERS: usize = 16;

/// Tries every recogniser at entry `i`.
pub(crate) fn recognise(
    text: &str,
    entries: &[Entry],
    i: usize,
    problems: &mut Vec<Problem>,
    extra: Option<&Extra>,
) -> Option<(TableBlock, usize)> {
    // Key-value entries first: a field's value may hold a pipe or a tab, and no row of a
    // pipe or tab table reads as two fields in a row (see `key_value::field_at`).
    key_value::key_value(text, entries, i, extra)
        .or_else(|| delimited(text, entries, i, extra))
        .or_else(|| cell_per_line(text, entries, i, extra))
        .or_else(|| inferred(text, entries, i, problems))
}

/// The role a text names exactly (no prefix matching): used where a false positive would
/// swallow prose, such as key-value keys and one-cell-per-line headers.
///
/// Every text line is asked (a cell-per-line table starts with such lines), so without
/// configured column wording the answer is remembered per thread by the trimmed text.
fn exact_role(text: &str, extra: Option<&Extra>) -> Option<ColumnRole> {
    thread_local! {
        static ROLES: RefCell<Memo<Option<ColumnRole>>> = RefCell::new(Memo::default());
    }
    let trimmed = text.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    match extra.filter(|e| !e.columns.is_empty()) {
        Some(extra) => exact_role_of(trimmed, Some(extra)),
        None if vocab::too_long_for_column_phrase(trimmed) => None,
        None => remembered_in(&ROLES, 0, trimmed, |t| exact_role_of(t, None), |_| 1),
    }
}

/// [`exact_role`] of a trimmed text, worked out.
fn exact_role_of(trimmed: &str, extra: Option<&Extra>) -> Option<ColumnRole> {
    let k = normalize::key(trimmed);
    let k = k.trim_end_matches(':').trim_end();
    extra
        .and_then(|e| {
            e.columns
                .iter()
                .find(|(phrase, _)| phrase == k)
                .map(|(_, role)| *role)
        })
        .or_else(|| vocab::exact_column_role(k))
}

fn line_at(entries: &[Entry], j: usize) -> Option<(Span, &LineKind)> {
    match entries.get(j) {
        Some(Entry::Line(span, kind)) => Some((*span, kind)),
        _ => None,
    }
}

/// Index of the first entry at or after `j` that is not a blank line, and the span of the
/// blank lines skipped (if any).
fn skip_blanks(entries: &[Entry], mut j: usize) -> (usize, Option<Span>) {
    let mut gap: Option<Span> = None;
    while let Some(Entry::Blank(span)) = entries.get(j) {
        gap = Some(gap.map_or(*span, |g| g.cover(*span)));
        j += 1;
    }
    (j, gap)
}

fn row(cells: &[Span]) -> RowBlock {
    let span = match (cells.first(), cells.last()) {
        (Some(a), Some(b)) => a.cover(*b),
        _ => Span::default(),
    };
    RowBlock {
        span,
        cells: cells.to_vec(),
    }
}

/// How many cells use known column-header wording.
pub(crate) fn known_header_cells(text: &str, cells: &[Span], extra: Option<&Extra>) -> usize {
    cells
        .iter()
        .filter(|c| vocab::column_role_with(&key(&words(c.slice(text))), extra).is_some())
        .count()
}

/// How many cells are exactly a known column header phrase (see [`exact_role`]).
fn header_phrase_cells(text: &str, cells: &[Span], extra: Option<&Extra>) -> usize {
    cells
        .iter()
        .filter(|c| exact_role(&words(c.slice(text)), extra).is_some())
        .count()
}

/// A cell's source without the inline HTML tags a reader does not see (`<b>Cookie
/// name</b>`, `<strong>`, `<span class="x">`), so that a header written in bold HTML is
/// worded as its words. Other `<` (a placeholder such as `SSESS<ID>`) stay.
fn words(cell: &str) -> std::borrow::Cow<'_, str> {
    if !cell.contains('<') {
        return cell.into();
    }
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(lt) = rest.find('<') {
        let (before, tag) = rest.split_at(lt);
        out.push_str(before);
        let after_lt = tag.get(1..).unwrap_or_default();
        match (
            super::html::inline_tag_after_lt(after_lt),
            after_lt.find('>'),
        ) {
            (Some(_), Some(gt)) => rest = after_lt.get(gt + 1..).unwrap_or_default(),
            _ => {
                out.push('<');
                rest = after_lt;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The cells of a row of `layout`, and whether the row is open: a pipe row that starts
/// with a pipe but does not end with one continues on the next line.
fn delimited_cells(kind: &LineKind, layout: TableLayout) -> Option<(&[Span], bool)> {
    match (kind, layout) {
        (LineKind::TabRow { cells }, TableLayout::Tab) => Some((cells, false)),
        (
            LineKind::PipeRow {
                cells,
                leading,
                trailing,
            },
            TableLayout::Pipe,
        ) => Some((cells, *leading && !*trailing)),
        _ => None,
    }
}

/// `delimited-table = row [ separator ] *( row / blank-run row / continuation )`
///
/// Rows are tab- or pipe-separated lines of one kind. The first row is the header when it
/// uses known header words or a separator follows it. Blank lines inside the table are
/// recorded as gaps when a row of the same kind follows them and is not a new header. A row
/// broken in two continues on the next line: a pipe row that lacks its closing pipe, and
/// any data row followed by lines without the table's separators that a row follows, or
/// by one such line ending its run of lines that reads as the rest of the row's last cell
/// ([`broken_cell_end`]).
fn delimited(
    text: &str,
    entries: &[Entry],
    i: usize,
    extra: Option<&Extra>,
) -> Option<(TableBlock, usize)> {
    let (first_span, first_kind) = line_at(entries, i)?;
    let layout = match first_kind {
        LineKind::TabRow { .. } => TableLayout::Tab,
        LineKind::PipeRow { .. } => TableLayout::Pipe,
        _ => return None,
    };
    let (first_cells, first_open) = delimited_cells(first_kind, layout)?;
    let mut j = i + 1;
    let mut separator = None;
    if let Some((span, LineKind::Separator { .. })) = line_at(entries, j) {
        separator = Some(span);
        j += 1;
    }
    let has_header = separator.is_some() || known_header_cells(text, first_cells, extra) > 0;
    let mut rows: Vec<RowBlock> = Vec::new();
    if !has_header {
        rows.push(row(first_cells));
    }
    let mut gaps = Vec::new();
    // A broken first data row continues on the next line; a broken header is left as is.
    let mut last_open = !has_header && first_open;
    let mut end = separator.unwrap_or(first_span);
    // The lines before this entry were found to continue the last row's last cell.
    let mut broken_until = j;
    loop {
        match entries.get(j) {
            Some(Entry::Line(span, kind)) => {
                let continuation = if last_open {
                    matches!(
                        kind,
                        LineKind::Text
                            | LineKind::KeyValue { .. }
                            | LineKind::PipeRow { leading: false, .. }
                    )
                } else if j < broken_until {
                    true
                } else if let Some(k) = broken_cell_end(text, entries, j, layout, &rows, extra) {
                    broken_until = k;
                    true
                } else {
                    false
                };
                if continuation {
                    if let Some(last) = rows.last_mut() {
                        let closed = continue_row(text, last, *span, layout);
                        // Only a row opened with a pipe is left open, until a line closes it.
                        last_open &= !closed;
                    }
                } else if let Some((cells, open)) = delimited_cells(kind, layout) {
                    // A new table's header is looked for only after blank lines (below):
                    // checking every row against the vocabulary would cost more than parsing.
                    let mut row = row(cells);
                    let mut joined = None;
                    if has_header && layout == TableLayout::Tab {
                        let columns = first_cells.len();
                        pad_with_leading_tabs(text, &mut row, first_cells, columns);
                        let unpadded = row.cells.len();
                        pad_with_trailing_tabs(text, &mut row, *span, columns);
                        let next = line_at(entries, j + 1);
                        joined = next.filter(|&(next_span, next_kind)| {
                            join_broken_tab_row(
                                text,
                                &mut row,
                                (*span, unpadded),
                                (next_span, next_kind),
                                columns,
                            )
                        });
                    }
                    rows.push(row);
                    last_open = open;
                    if let Some((next_span, _)) = joined {
                        end = next_span;
                        j += 2;
                        continue;
                    }
                } else {
                    break;
                }
                end = *span;
                j += 1;
            }
            Some(Entry::Blank(_)) => {
                let (k, gap) = skip_blanks(entries, j);
                if !continues_table(text, entries, k, layout, extra) {
                    break;
                }
                gaps.extend(gap);
                j = k;
            }
            _ => break,
        }
    }
    if !has_header && rows.len() < 2 {
        return None;
    }
    let header = has_header.then(|| row(first_cells));
    Some((
        TableBlock {
            span: first_span.cover(end),
            layout,
            header,
            separator,
            rows,
            gaps,
        },
        j,
    ))
}

/// Joins to `row` the tab row on the next line when the row was broken over the two lines
/// inside a cell ("Example SA<TAB>Authentication (front" / "and back office)<TAB>sessionid
/// <TAB>..."), or right after a tab ("...office)<TAB>" / "sessionid<TAB>..."): the two
/// lines are each short of the header's `columns`, and their cells add up to exactly that
/// count (the cell cut in two counted once). Two short rows are not one broken row: a cell
/// cut in two reads on (no sentence ends at the cut, the next line goes on in lower case or
/// with closing punctuation, not with a cookie's name), and after a tab the next line
/// neither opens with the row's own first cell nor ends with a tab itself. `line` is the row's line and the number of its cells before trailing
/// tabs opened empty ones. Returns whether the next line was joined.
fn join_broken_tab_row(
    text: &str,
    row: &mut RowBlock,
    (line, unpadded): (Span, usize),
    (next_span, next_kind): (Span, &LineKind),
    columns: usize,
) -> bool {
    let LineKind::TabRow { cells: next } = next_kind else {
        return false;
    };
    let after_tab = ends_with_tab(text, line);
    let (Some(row_first), Some(next_first)) = (row.cells.first(), next.first()) else {
        return false;
    };
    let next_first = next_first.slice(text);
    if after_tab {
        // A line opening with the row's own first cell (its provider) is a new row, and
        // so is one that ends with a tab too: a run of rows each with an empty last cell.
        if unpadded + next.len() != columns
            || next_first == row_first.slice(text)
            || ends_with_tab(text, next_span)
        {
            return false;
        }
        row.cells.truncate(unpadded);
        row.cells.extend(next.iter().copied());
    } else {
        // The cell cut in two reads on: it does not end a sentence, and the next line
        // carries it on in lower case or with closing punctuation, not with a cookie's
        // name (a row that lacks its first cells).
        let cut = row.cells.last().map_or("", |c| c.slice(text));
        let carried_on = !cut.ends_with(['.', '!', '?'])
            && next_first.starts_with(|c: char| c.is_lowercase() || ")]}»,;:".contains(c))
            && !crate::cookie_name::looks_like_cookie_name(next_first);
        if unpadded + next.len() != columns + 1 || row.cells.len() != unpadded || !carried_on {
            return false;
        }
        let (Some(last), Some(first)) = (row.cells.last_mut(), next.first()) else {
            return false;
        };
        *last = last.cover(*first);
        row.cells.extend(next.iter().skip(1).copied());
    }
    row.span = row.span.cover(next_span);
    true
}

/// Whether the source line holding `line` ends with a tab (blanks after it aside): up to
/// the end of the source line, since Markdown gives a paragraph's line without the blanks
/// that end it.
fn ends_with_tab(text: &str, line: Span) -> bool {
    let rest = text.get(line.start..).unwrap_or_default();
    rest.get(..memchr::memchr2(b'\n', b'\r', rest.as_bytes()).unwrap_or(rest.len()))
        .unwrap_or_default()
        .trim_end_matches(' ')
        .ends_with('\t')
}

/// Gives a tab row that starts with more tabs than its header does, and has fewer cells
/// than the header (`columns`), an empty first cell for each of those tabs, up to the
/// header's count: a leading tab closes an empty first cell ("<TAB>Example SA<TAB>sessionid"
/// under three columns, a provider written only on the table's first row). Tabs the header
/// starts with too indent the whole table (a container's indentation included), and a row
/// as long as its header is only indented.
fn pad_with_leading_tabs(text: &str, row: &mut RowBlock, header: &[Span], columns: usize) {
    let missing = columns.saturating_sub(row.cells.len());
    let (Some(first), Some(header_first)) = (row.cells.first(), header.first()) else {
        return;
    };
    if missing == 0 {
        return;
    }
    let tabs = tabs_before_on_line(text, first.start);
    let indent = tabs_before_on_line(text, header_first.start).len();
    let extra = tabs.get(indent..).unwrap_or_default();
    let kept = extra
        .get(extra.len().saturating_sub(missing)..)
        .unwrap_or_default();
    if kept.is_empty() {
        return;
    }
    let empty = kept.iter().map(|&at| Span::new(at, at));
    row.cells.splice(0..0, empty);
    if let Some(&at) = kept.first() {
        row.span = row.span.cover(Span::new(at, at));
    }
}

/// The offsets of the tabs between the start of the source line holding offset `at` and
/// `at`.
fn tabs_before_on_line(text: &str, at: usize) -> Vec<usize> {
    let before = text.get(..at).unwrap_or_default();
    let line_start = memchr::memrchr2(b'\n', b'\r', before.as_bytes()).map_or(0, |i| i + 1);
    before
        .get(line_start..)
        .unwrap_or_default()
        .match_indices('\t')
        .map(|(i, _)| line_start + i)
        .collect()
}

/// Gives a tab row that ends with tabs and has fewer cells than its header (`columns`)
/// an empty cell for each of those tabs, up to the header's count: a trailing tab
/// separates an empty last cell ("Example SA<TAB>sessionid<TAB>" under three columns).
/// Stray trailing tabs after a full row are left alone.
fn pad_with_trailing_tabs(text: &str, row: &mut RowBlock, line: Span, columns: usize) {
    let raw = line.slice(text);
    let body = raw.trim_end_matches([' ', '\t']).len();
    // Each tab of the trailing blanks (spaces may stand between them) opens an empty cell.
    let tabs = raw
        .get(body..)
        .unwrap_or_default()
        .match_indices('\t')
        .map(|(at, _)| line.start + body + at + 1);
    let missing = columns.saturating_sub(row.cells.len());
    for at in tabs.take(missing) {
        row.cells.push(Span::new(at, at));
        row.span = row.span.cover(Span::new(at, at));
    }
}

/// Whether the row at entry `k` (reached after blank lines, or after the continuation of
/// a broken row) continues a table of `layout`: it does unless it looks like the header of
/// a new table, that is, mostly header phrases (whole cells, as in the other recognisers: a
/// value such as "Durée de la session" only starts with header words), or followed by a
/// separator row.
fn continues_table(
    text: &str,
    entries: &[Entry],
    k: usize,
    layout: TableLayout,
    extra: Option<&Extra>,
) -> bool {
    line_at(entries, k).is_some_and(|(_, kind)| {
        delimited_cells(kind, layout).is_some_and(|(cells, _)| {
            cells.len() >= 2 && header_phrase_cells(text, cells, extra) * 2 <= cells.len()
        })
    }) && !matches!(
        line_at(entries, k + 1),
        Some((_, LineKind::Separator { .. }))
    )
}

/// Most words in the one line after a table's last row that may still end its last cell.
const MAX_CELL_TAIL_WORDS: usize = 12;

/// Where the continuation of a data row broken in its last cell ends, when the row looked
/// closed on its line (every tab row, and pipe rows not opened with a pipe or closed with
/// one) and the lines from entry `j` carry that cell on.
///
/// Such lines hold none of the table's separators (prose, `Key: value`, a URL) and none
/// reads as a heading (a heading's shape and the template's heading vocabulary, as when
/// headings are inferred). They continue the cell when a row of the table follows them
/// directly ([`continues_table`]: not the header of a new table). Without a row after it,
/// a single line that ends its run of lines (a blank line, a heading or the end follows
/// it) continues the cell only if it reads as its rest: prose of a few words carrying a
/// sentence on in lower case (so never a heading's shape), after a cell that does not end
/// one. Otherwise it is the prose after the table. Returns the index of the first entry
/// after the continuation lines.
fn broken_cell_end(
    text: &str,
    entries: &[Entry],
    j: usize,
    layout: TableLayout,
    rows: &[RowBlock],
    extra: Option<&Extra>,
) -> Option<usize> {
    let cell = rows.last()?.cells.last()?.slice(text);
    let mut k = j;
    while let Some((span, kind)) = line_at(entries, k) {
        let line = span.slice(text);
        let unseparated = matches!(
            kind,
            LineKind::Text | LineKind::KeyValue { .. } | LineKind::Url { .. }
        );
        if !unseparated || (heading_like(line) && has_heading_vocabulary(line)) {
            break;
        }
        k += 1;
    }
    if k == j {
        return None;
    }
    if line_at(entries, k).is_some() {
        return continues_table(text, entries, k, layout, extra).then_some(k);
    }
    let (span, kind) = line_at(entries, j)?;
    let line = span.slice(text).trim();
    let tail = k == j + 1
        && matches!(kind, LineKind::Text)
        && line.chars().next().is_some_and(char::is_lowercase)
        && line.split_whitespace().nth(MAX_CELL_TAIL_WORDS).is_none()
        && !cell.trim().is_empty()
        && !cell.trim_end().ends_with(['.', '!', '?', ':', ';'])
        && !vocab::is_noise(&key(line));
    tail.then_some(k)
}

/// Appends a continuation line to a row broken over two lines. In a tab table the line
/// (which holds no tab) extends the last cell. In a pipe table text up to the first pipe
/// extends it, and further pipe-separated pieces become new cells; pipes are split as in
/// pipe rows ([`pipe_cells`]: `\|` and `\\` are escapes). Returns whether the line ended
/// with a pipe, closing a pipe row left open.
fn continue_row(text: &str, row: &mut RowBlock, line: Span, layout: TableLayout) -> bool {
    row.span = row.span.cover(line);
    if layout == TableLayout::Tab {
        extend_last_cell(row, line.trim(text));
        return false;
    }
    let pieces = pipe_cells(line.slice(text));
    let closed = pieces.len() > 1 && pieces.last().is_some_and(|p| p.trim().is_empty());
    let mut offset = line.start;
    for (n, piece) in pieces.into_iter().enumerate() {
        let span = Span::new(offset, offset + piece.len()).trim(text);
        offset += piece.len() + 1;
        if n == 0 {
            extend_last_cell(row, span);
        } else if !span.is_empty() {
            row.cells.push(span);
        }
    }
    closed
}

/// Extends a row's last cell over `span` (the cell then covers the line break between its
/// pieces, which the cell's display form reads as a space).
fn extend_last_cell(row: &mut RowBlock, span: Span) {
    if let Some(last) = row.cells.last_mut() {
        if !span.is_empty() {
            *last = last.cover(span);
        }
    }
}

/// `cell-per-line-table = 2*header-line 1*( *blank row )` with `row = n*content-line`,
/// where every header line is exactly a known column header and `n` is their number.
///
/// Rows follow the header directly or after blank lines; a run of lines whose length is not
/// a multiple of `n` ends the table (its remainder becomes a short row when it directly
/// follows the header or a row).
fn cell_per_line(
    text: &str,
    entries: &[Entry],
    i: usize,
    extra: Option<&Extra>,
) -> Option<(TableBlock, usize)> {
    let mut j = i;
    let mut header = Vec::new();
    let mut roles = Vec::new();
    while let Some((span, LineKind::Text)) = line_at(entries, j) {
        match exact_role(span.slice(text), extra) {
            Some(role) if !roles.contains(&role) => {
                roles.push(role);
                header.push(span);
                j += 1;
            }
            _ => break,
        }
    }
    let n = header.len();
    if n < 2 || !roles.contains(&ColumnRole::Name) {
        return None;
    }
    let run_len = |from: usize| {
        let mut k = from;
        while line_at(entries, k).is_some() {
            k += 1;
        }
        k - from
    };
    let mut rows = Vec::new();
    let mut end = header.last().copied().unwrap_or_default();
    loop {
        let mut len = run_len(j);
        if len == 0 {
            let (k, _) = skip_blanks(entries, j);
            let next = run_len(k);
            if k == j || next == 0 || next % n != 0 {
                break;
            }
            j = k;
            len = next;
        }
        // Consume the run in rows of n lines; a short remainder is a ragged row.
        let mut taken = 0;
        while taken < len {
            let cells: Vec<Span> = (j..j + n.min(len - taken))
                .filter_map(|k| line_at(entries, k).map(|(s, _)| s))
                .collect();
            taken += cells.len();
            j += cells.len();
            if let Some(last) = cells.last() {
                end = *last;
            }
            rows.push(row(&cells));
        }
    }
    if rows.is_empty() {
        return None;
    }
    let start = header.first().copied().unwrap_or_default();
    Some((
        TableBlock {
            span: start.cover(end),
            layout: TableLayout::CellPerLine,
            header: Some(row(&header)),
            separator: None,
            rows,
            gaps: Vec::new(),
        },
        j,
    ))
}

/// `inferred-table = lost-header 1*( *blank lost-row )`: a header made only of known header
/// phrases with its separators lost, then rows split by [`recover::split_row`].
///
/// A row that cannot be split inside the table is kept whole in its first cell and recorded
/// as a problem; one that cannot be split after a blank line ends the table.
fn inferred(
    text: &str,
    entries: &[Entry],
    i: usize,
    problems: &mut Vec<Problem>,
) -> Option<(TableBlock, usize)> {
    let (header_span, LineKind::Text) = line_at(entries, i)? else {
        return None;
    };
    let header_text = header_span.slice(text);
    let phrases = recover::split_header(header_text)?;
    if phrases.len() < 2 {
        return None;
    }
    let roles: Vec<Option<ColumnRole>> = phrases.iter().map(|(_, r)| Some(*r)).collect();
    let header_cells: Vec<Span> = phrases
        .iter()
        .map(|(r, _)| Span::new(header_span.start + r.start, header_span.start + r.end))
        .collect();
    // Providers recovered from earlier rows anchor the split of later ones ("Example SA"
    // glued to "API" is only separable once "Example SA" is known).
    let provider_column = roles.iter().position(|r| *r == Some(ColumnRole::Provider));
    let mut providers: Vec<String> = KNOWN_PROVIDERS.iter().map(|p| (*p).to_owned()).collect();
    let split = |span: Span, providers: &[String]| {
        let known: Vec<&str> = providers.iter().map(String::as_str).collect();
        recover::split_row(span.slice(text), &roles, &known).map(|ranges| {
            ranges
                .into_iter()
                .map(|r| Span::new(span.start + r.start, span.start + r.end))
                .collect::<Vec<_>>()
        })
    };
    let mut rows = Vec::new();
    let mut gaps = Vec::new();
    let mut j = i + 1;
    let mut end = header_span;
    loop {
        match entries.get(j) {
            Some(Entry::Line(span, LineKind::Text)) => {
                match split(*span, &providers) {
                    Some(cells) => {
                        let provider = provider_column
                            .and_then(|c| cells.get(c))
                            .map(|c| c.slice(text));
                        // Learned providers are few in real tables; the cap keeps each row's
                        // split linear on a hostile table with a new provider on every row.
                        let learned = providers.len() - KNOWN_PROVIDERS.len();
                        if let Some(p) = provider.filter(|p| !providers.iter().any(|k| k == p)) {
                            if learned < MAX_LEARNED_PROVIDERS {
                                // Most recent first; the splitter prefers the longest match.
                                providers.insert(0, p.to_owned());
                            }
                        }
                        rows.push(RowBlock { span: *span, cells });
                    }
                    None if !rows.is_empty() => {
                        problems.push(Problem {
                            span: *span,
                            message: "the columns of this row could not be recovered".into(),
                        });
                        rows.push(RowBlock {
                            span: *span,
                            cells: vec![*span],
                        });
                    }
                    None => break,
                }
                end = *span;
                j += 1;
            }
            Some(Entry::Blank(_)) => {
                let (k, gap) = skip_blanks(entries, j);
                let continues = matches!(line_at(entries, k), Some((s, LineKind::Text)) if split(s, &providers).is_some());
                if !continues {
                    break;
                }
                if !rows.is_empty() {
                    gaps.extend(gap);
                }
                j = k;
            }
            _ => break,
        }
    }
    if rows.is_empty() {
        return None;
    }
    Some((
        TableBlock {
            span: header_span.cover(end),
            layout: TableLayout::Inferred,
            header: Some(row(&header_cells)),
            separator: None,
            rows,
            gaps,
        },
        j,
    ))
}

mod key_value;

#[cfg(test)]
mod tests;
