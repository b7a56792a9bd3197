//! The line grammar shared by both front ends, written with nom.
//!
//! Every content line of a document (a plain-text line, or a line inside a Markdown
//! paragraph) is classified exactly once by [`classify`]. Each production is given in its
//! parser's doc comment in ABNF-like notation (`WSP` is space or tab, `TAB` is `%x09`).
//!
//! Invariant: every [`Span`] returned lies inside the line it came from, is trimmed of
//! surrounding whitespace and starts and ends on `char` boundaries (all delimiters are ASCII).

use nom::branch::alt;
use nom::bytes::complete::{is_not, tag, take_while, take_while1, take_while_m_n};
use nom::character::complete::{char, digit1, one_of, space0};
use nom::combinator::{opt, recognize, verify};
use nom::multi::{many0_count, many1_count, separated_list1};
use nom::sequence::{delimited, pair, preceded, terminated};
use nom::{IResult, Parser};

use crate::source::Span;

/// What one line is, as far as the table grammar is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Only whitespace.
    Blank,
    /// A row of dashes separating a header from the rows, tab- or pipe-delimited.
    Separator {
        /// The dashed cells.
        cells: Vec<Span>,
    },
    /// Cells separated by tabs.
    TabRow {
        /// The cells, trimmed (an empty cell has an empty span).
        cells: Vec<Span>,
    },
    /// Cells separated by pipes.
    PipeRow {
        /// The cells, trimmed.
        cells: Vec<Span>,
        /// Whether the line opens with a pipe.
        leading: bool,
        /// Whether the line closes with a pipe.
        trailing: bool,
    },
    /// `Key: value`, where the key may name a table column.
    KeyValue {
        /// The key, without the colon.
        key: Span,
        /// The value after the colon.
        value: Span,
    },
    /// A line holding only a URL, possibly in angle brackets.
    Url {
        /// The URL without brackets.
        url: Span,
    },
    /// Anything else: prose, a heading, a cell on its own line.
    Text,
}

/// Classifies the line at `span` of `text`.
pub fn classify(text: &str, span: Span) -> LineKind {
    let line = span.slice(text);
    if line.trim().is_empty() {
        return LineKind::Blank;
    }
    let base = span.start;
    // One scan for both delimiters: most lines are prose and hold neither.
    let bytes = line.as_bytes();
    let (has_tab, has_pipe) = match memchr::memchr2(b'\t', b'|', bytes) {
        None => (false, false),
        Some(at) => {
            let rest = bytes.get(at + 1..).unwrap_or_default();
            let tab_first = bytes.get(at) == Some(&b'\t');
            (
                tab_first || memchr::memchr(b'\t', rest).is_some(),
                !tab_first || memchr::memchr(b'|', rest).is_some(),
            )
        }
    };
    if has_tab || has_pipe {
        if let Ok((rest, cells)) = separator_row(line) {
            if rest.trim().is_empty() {
                return LineKind::Separator {
                    cells: cells.into_iter().map(|c| sub_span(line, c, base)).collect(),
                };
            }
        }
    }
    if has_tab && !is_indented_prose(line) {
        let cells = tab_cells(line, base);
        if cells.len() >= 2 && !is_field_then_tab(text, &cells) {
            return LineKind::TabRow { cells };
        }
    }
    if has_pipe {
        if let Some(kind) = pipe_row(line, base) {
            return kind;
        }
    }
    if let Ok((rest, url)) = url_line(line) {
        if rest.trim().is_empty() {
            return LineKind::Url {
                url: sub_span(line, url, base),
            };
        }
    }
    if let Ok((_, (key, value))) = key_value(line) {
        return LineKind::KeyValue {
            key: sub_span(line, key, base),
            value: sub_span(line, value, base),
        };
    }
    LineKind::Text
}

/// Whether a line of two tab-separated cells is a key-value field with a tab after its
/// colon (`Name:<TAB>_ga`): the first cell is a column's name followed by a colon, and the
/// second names no column (a two-column header such as `Name:<TAB>Purpose` stays a row).
fn is_field_then_tab(text: &str, cells: &[Span]) -> bool {
    let [first, second] = cells else {
        return false;
    };
    let names_column = |cell: &str| {
        let key = cell.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        !key.is_empty() && crate::vocab::exact_column_role(&crate::normalize::key(key)).is_some()
    };
    let second = second.slice(text).trim_end();
    first
        .slice(text)
        .trim_end()
        .strip_suffix(':')
        .is_some_and(names_column)
        && !names_column(second.strip_suffix(':').unwrap_or(second))
}

/// A tab at the very start of an otherwise ordinary line is indentation, not a column break.
fn is_indented_prose(line: &str) -> bool {
    let inner = line.trim_matches(|c| c == '\t' || c == ' ');
    !inner.contains('\t')
}

/// The span of `part` (a sub-slice of `line`) in document coordinates, trimmed.
fn sub_span(line: &str, part: &str, base: usize) -> Span {
    let start = (part.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
    Span::new(base + start, base + start + part.len()).trim_in(line, base)
}

impl Span {
    /// Trims a span known to lie inside `line`, which starts at document offset `base`.
    fn trim_in(self, line: &str, base: usize) -> Span {
        Span::new(self.start - base, self.end - base)
            .trim(line)
            .offset(base)
    }
}

/// `tab-row = cell 1*( TAB cell )` where `cell = *( any character but TAB )`.
///
/// Splitting on tabs needs no backtracking, so it is done directly; every tab is a column
/// break, so two tabs in a row make an empty cell (reported later as a ragged row).
fn tab_cells(line: &str, base: usize) -> Vec<Span> {
    let trimmed_end = line.trim_end_matches([' ', '\t']).len();
    let body = line.get(..trimmed_end).unwrap_or(line);
    // Leading indentation before the first cell is not a column.
    let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
    let mut cells = Vec::with_capacity(TYPICAL_COLUMNS);
    let mut start = lead;
    for i in memchr::memchr_iter(b'\t', body.as_bytes()).filter(|&i| i >= lead) {
        cells.push(Span::new(base + start, base + i).trim_in(line, base));
        start = i + 1;
    }
    cells.push(Span::new(base + start, base + trimmed_end).trim_in(line, base));
    cells
}

/// Columns a row's cell list is first made room for (the templates' tables have four or
/// five).
const TYPICAL_COLUMNS: usize = 6;

/// `sep-cell = *WSP [":"] 3*"-" [":"] *WSP`
fn separator_cell(input: &str) -> IResult<&str, &str> {
    delimited(
        take_while(|c| c == ' '),
        recognize((
            opt(char(':')),
            take_while_m_n(3, usize::MAX, |c| c == '-'),
            opt(char(':')),
        )),
        take_while(|c| c == ' '),
    )
    .parse(input)
}

/// `separator-row = [ "|" ] sep-cell *( ( "|" / 1*TAB ) sep-cell ) [ "|" ] *WSP`
fn separator_row(input: &str) -> IResult<&str, Vec<&str>> {
    let (input, _) = space0(input)?;
    let (input, _) = opt(char('|')).parse(input)?;
    let (input, cells) =
        separated_list1(alt((tag("|"), take_while1(|c| c == '\t'))), separator_cell)
            .parse(input)?;
    let (input, _) = opt(char('|')).parse(input)?;
    let (input, _) = space0(input)?;
    Ok((input, cells))
}

/// `pipe-cell = *( "\\" / "\|" / any character but "|" )`
fn pipe_cell(input: &str) -> IResult<&str, &str> {
    recognize(many0_count(alt((
        tag("\\\\"),
        tag("\\|"),
        is_not("|\\"),
        tag("\\"),
    ))))
    .parse(input)
}

/// `pipe-cells = pipe-cell *( "|" pipe-cell )`: the pieces of `line` between its unescaped
/// pipes, untrimmed and in order (a line without one is a single piece).
///
/// The pieces are consecutive sub-slices of `line`, each followed by exactly one `|`.
pub fn pipe_cells(line: &str) -> Vec<&str> {
    separated_list1(char('|'), pipe_cell)
        .parse(line)
        .map_or_else(|_| vec![line], |(_, pieces)| pieces)
}

/// `pipe-row = [ "|" ] pipe-cell 1*( "|" pipe-cell ) [ "|" ]`, or `"|" pipe-cell "|"`.
///
/// A line is a pipe row only if, after removing edge pipes, it still has at least two cells,
/// or it had both edge pipes; prose with a stray `|` and one side empty is not a row.
fn pipe_row(line: &str, base: usize) -> Option<LineKind> {
    let trimmed = line.trim();
    let leading = trimmed.starts_with('|');
    let trailing = trimmed.ends_with('|') && !trimmed.ends_with("\\|") && trimmed.len() > 1;
    let parts = pipe_cells(trimmed);
    let mut parts: &[&str] = &parts;
    if leading {
        parts = parts.get(1..)?;
    }
    if trailing {
        parts = parts.get(..parts.len().checked_sub(1)?)?;
    }
    let enough = parts.len() >= 2 || (leading && trailing && !parts.is_empty());
    if !enough {
        return None;
    }
    let cells = parts.iter().map(|p| sub_span(line, p, base)).collect();
    Some(LineKind::PipeRow {
        cells,
        leading,
        trailing,
    })
}

/// `url-line = *WSP ( "<" url ">" / "[" url "](" url ")" / url ) *WSP`: a URL alone, in
/// angle brackets, or as a Markdown link whose text is a URL (the text is the URL kept; the
/// target is not compared with it).
fn url_line(input: &str) -> IResult<&str, &str> {
    let target = recognize(pair(
        alt((tag("https://"), tag("http://"))),
        take_while1(|c: char| !ends_url(c) && c != ')'),
    ));
    let link = terminated(
        delimited(char('['), url, tag("](")),
        terminated(target, char(')')),
    );
    preceded(
        space0,
        alt((delimited(char('<'), url, char('>')), link, url)),
    )
    .parse(input)
}

/// `url = ( "http://" / "https://" ) 1*( any character that does not [`end_url`] )`
///
/// A pipe ends a bare URL: `https://example.org)|` closes a pipe row rather than being a URL.
pub fn url(input: &str) -> IResult<&str, &str> {
    recognize(pair(
        alt((tag("https://"), tag("http://"))),
        take_while1(|c: char| !ends_url(c)),
    ))
    .parse(input)
}

/// Whether `c` ends a bare URL: white space, a bracket or quotation mark around it, or a
/// pipe (a table's separator). None of them is written unencoded inside a URL.
pub fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '|' | '"' | '[' | ']' | '\u{201C}' | '\u{201D}' | '\u{AB}' | '\u{BB}'
        )
}

/// What is trimmed off the end of a bare URL: sentence punctuation and closing marks, which
/// end a sentence or a quotation rather than the URL.
pub const URL_TRAILING: [char; 9] = ['.', ',', ';', ':', ')', '"', '\'', '\u{2019}', '!'];

/// Finds the first `http://` or `https://` URL in `text`, with trailing sentence
/// punctuation excluded. Returns its byte range in `text`.
pub fn find_url(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text
        .find("https://")
        .into_iter()
        .chain(text.find("http://"))
        .min()?;
    let rest = text.get(start..)?;
    let (_, found) = url(rest).ok()?;
    let found = found.trim_end_matches(URL_TRAILING);
    Some(start..start + found.len())
}

/// The URL of a text that is nothing but a URL (possibly in angle brackets).
pub fn url_only(text: &str) -> Option<std::ops::Range<usize>> {
    let (rest, found) = url_line(text).ok()?;
    if !rest.trim().is_empty() {
        return None;
    }
    let start = (found.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    Some(start..start + found.len())
}

/// `key-value = *WSP [emph] key [emph] *WSP ":" [emph] *WSP value`, with
/// `key = 1*40( any character but ":" / TAB / "|" / "*" )`, `emph = "**" / "__" / "*" / "_"` and
/// `value` the non-empty rest of the line.
///
/// Whether the key names a column is decided by the caller (vocabulary); the grammar only
/// shapes the line. The key may not contain a URL scheme, so `https://...` is not a key.
fn key_value(input: &str) -> IResult<&str, (&str, &str)> {
    if !may_be_key_value(input) {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    key_value_grammar(input)
}

/// [`key_value`]'s grammar itself.
fn key_value_grammar(input: &str) -> IResult<&str, (&str, &str)> {
    let (input, (key, value)) = key_and_rest(input)?;
    if value.trim().is_empty() || value.starts_with("//") {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok((input, (key, value)))
}

/// `field = *WSP [emph] key [emph] *WSP ":" [emph] *WSP field-value`, with `key` and `emph`
/// as in [`key_value`] and `field-value` the rest of the line, possibly empty, pipes and
/// tabs included.
///
/// A field of a key-value entry, read where an entry is expected: the caller checks that
/// the key names a column exactly, which is what keeps prose ending with a colon, and the
/// header of a pipe or tab table (`Name | Purpose`, whose key would hold a separator and
/// is not followed by a colon), from reading as a field. Returns the key and the value
/// (an empty value is the empty span at the end of the line), or `None` if the line is not
/// shaped so. A value starting with `//` makes the key a URL scheme, not a field.
pub fn field(text: &str, span: Span) -> Option<(Span, Span)> {
    let line = span.slice(text);
    if !may_be_key_value(line) {
        return None;
    }
    let (_, (key, value)) = key_and_rest(line).ok()?;
    if value.starts_with("//") {
        return None;
    }
    // The value is the rest of the line, so it is placed from the line's end: an empty
    // slice from the parser need not point where the line ends.
    let value_start = span.start + line.len() - value.len();
    let value = Span::new(value_start, span.end).trim_in(line, span.start);
    Some((sub_span(line, key, span.start), value))
}

/// The shape shared by [`key_value_grammar`] and [`field`]: the key and the rest of the
/// line after its colon (and any emphasis and blanks after the colon).
fn key_and_rest(input: &str) -> IResult<&str, (&str, &str)> {
    let emphasis = |i| alt((tag("**"), tag("__"), tag("*"), tag("_"))).parse(i);
    let (input, _) = space0(input)?;
    let (input, _) = opt(emphasis).parse(input)?;
    let (input, key) = verify(
        take_while_m_n(1, 40, |c: char| {
            c != ':' && c != '\t' && c != '|' && c != '*'
        }),
        |k: &str| !k.trim().is_empty(),
    )
    .parse(input)?;
    let (input, _) = opt(emphasis).parse(input)?;
    let (input, _) = terminated(space0, char(':')).parse(input)?;
    let (input, _) = opt(emphasis).parse(input)?;
    let (input, value) = preceded(space0, nom::combinator::rest).parse(input)?;
    Ok((input, (key, value)))
}

/// Most characters [`key_value_grammar`] accepts before its colon, blanks around them
/// aside: an emphasis of up to two characters on each side of a 40-character key.
const MAX_KEY_CHARS: usize = 44;

/// A necessary condition for [`key_value_grammar`], decided without walking a long line: nothing
/// before the key's colon can be a colon, so it is the line's first, and what precedes it,
/// trimmed of spaces and tabs, is at most [`MAX_KEY_CHARS`] characters.
fn may_be_key_value(line: &str) -> bool {
    let Some(colon) = memchr::memchr(b':', line.as_bytes()) else {
        return false;
    };
    let before = line.get(..colon).unwrap_or("").trim_matches([' ', '\t']);
    before.len() <= MAX_KEY_CHARS || before.chars().nth(MAX_KEY_CHARS).is_none()
}

/// `numbering = 1*( 1*DIGIT "." ) [ 1*DIGIT ] [ ")" / "." ] 1*WSP` or `1*DIGIT ")" 1*WSP` or
/// roman numerals `1*( "I" / "V" / "X" ) ( "." / ")" / " -" ) 1*WSP`.
///
/// Returns the number of levels (`2.1.` has two) and the length in bytes of the prefix
/// including the trailing whitespace.
pub fn numbering(line: &str) -> Option<(usize, usize)> {
    let (rest, prefix) = numbering_prefix(line).ok()?;
    if rest.trim().is_empty() {
        return None;
    }
    let levels = if prefix.starts_with(|c: char| c.is_ascii_digit()) {
        prefix
            .split('.')
            .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
            .count()
            .max(1)
    } else {
        1
    };
    Some((levels, line.len() - rest.len()))
}

fn numbering_prefix(input: &str) -> IResult<&str, &str> {
    let arabic = recognize(pair(
        many1_count(terminated(
            digit1::<&str, nom::error::Error<&str>>,
            char('.'),
        )),
        opt(digit1),
    ));
    let digits_paren = recognize(terminated(digit1, one_of(").")));
    let roman = recognize(terminated(
        take_while1(|c| matches!(c, 'I' | 'V' | 'X')),
        alt((tag("."), tag(")"), tag(" -"))),
    ));
    terminated(
        alt((arabic, digits_paren, roman)),
        take_while1(|c| c == ' ' || c == '\t'),
    )
    .parse(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> LineKind {
        classify(line, Span::new(0, line.len()))
    }

    fn texts<'a>(line: &'a str, cells: &[Span]) -> Vec<&'a str> {
        cells.iter().map(|c| c.slice(line)).collect()
    }

    /// Every line [`key_value_grammar`] accepts passes [`may_be_key_value`]: the shortcut
    /// never turns a key-value line into prose.
    #[test]
    fn the_key_value_shortcut_rejects_only_what_the_grammar_rejects() {
        let mut lines: Vec<String> = Vec::new();
        let blanks = ["", " ", "\t", " \t  "];
        let marks = ["", "*", "**", "_", "__"];
        for lead in blanks {
            for open in marks {
                for unit in ["a", " ", "\u{E9}", "\u{20AC}", "\u{1D11E}", "a b"] {
                    for n in [1, 20, 38, 39, 40, 41, 42, 44, 45] {
                        let key: String = unit.repeat(n).chars().take(n).collect();
                        for close in marks {
                            for gap in blanks {
                                for value in ["", " v", "v", " //x", " https://a.b:8/", "\t\tx"] {
                                    lines.push(format!("{lead}{open}{key}{close}{gap}:{value}"));
                                }
                            }
                        }
                    }
                }
            }
        }
        let files = ["corpus", "tests/fixtures"].into_iter().flat_map(|dir| {
            walk_text_files(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        });
        for text in files {
            lines.extend(text.lines().map(str::to_owned));
        }
        let mut accepted = 0;
        for line in &lines {
            if key_value_grammar(line).is_ok() {
                accepted += 1;
                assert!(may_be_key_value(line), "{line:?}");
            }
            assert_eq!(
                key_value(line).ok(),
                key_value_grammar(line).ok(),
                "{line:?}"
            );
        }
        // The cases reach both sides of the limits.
        assert!(accepted > 1000 && accepted < lines.len() / 2, "{accepted}");
    }

    /// The text of every UTF-8 file under `dir`.
    fn walk_text_files(dir: std::path::PathBuf) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push(text);
                }
            }
        }
        out
    }

    #[test]
    fn tab_rows_and_separators() {
        let line = "Nom du prestataire\tService\tNom du cookies\tFinalités";
        match kind(line) {
            LineKind::TabRow { cells } => assert_eq!(
                texts(line, &cells),
                [
                    "Nom du prestataire",
                    "Service",
                    "Nom du cookies",
                    "Finalités"
                ]
            ),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(kind("-----\t------\t---"), LineKind::Separator { cells } if cells.len() == 3)
        );
        assert!(
            matches!(kind("|---|:---:|---|"), LineKind::Separator { cells } if cells.len() == 3)
        );
        assert_eq!(kind("\tindented prose"), LineKind::Text);
    }

    #[test]
    fn pipe_rows_with_and_without_edges() {
        let line = "| Example SA | sessionid | 2 weeks | Keeps you signed in. | ";
        match kind(line) {
            LineKind::PipeRow {
                cells,
                leading,
                trailing,
            } => {
                assert!(leading && trailing);
                assert_eq!(
                    texts(line, &cells),
                    ["Example SA", "sessionid", "2 weeks", "Keeps you signed in."]
                );
            }
            other => panic!("{other:?}"),
        }
        let bare = "Example SA | sessionid | a \\| b";
        match kind(bare) {
            LineKind::PipeRow {
                cells,
                leading,
                trailing,
            } => {
                assert!(!leading && !trailing);
                assert_eq!(texts(bare, &cells), ["Example SA", "sessionid", "a \\| b"]);
            }
            other => panic!("{other:?}"),
        }
        // Prose with a stray pipe at the end: one cell and a closing pipe is not a row.
        assert_eq!(kind("a stray pipe at the end |"), LineKind::Text);
        assert_eq!(kind("| only"), LineKind::Text);
        assert_eq!(pipe_cells("a \\| b \\\\| c |"), ["a \\| b \\\\", " c ", ""]);
        assert_eq!(pipe_cells("no pipe"), ["no pipe"]);
    }

    /// A tab after a column's name and its colon separates a field's key from its value;
    /// a row of two column names, or of a name and a value without a colon, stays a row.
    #[test]
    fn a_tab_after_a_fields_colon_is_not_a_column_break() {
        for (line, expected) in [
            ("Name:\tsessionid", ("Name", "sessionid")),
            ("Nom :\t_ga", ("Nom", "_ga")),
            ("**Durée** : \t 13 mois", ("Durée", "13 mois")),
        ] {
            match kind(line) {
                LineKind::KeyValue { key, value } => {
                    assert_eq!(
                        (key.slice(line).trim(), value.slice(line)),
                        expected,
                        "{line:?}"
                    );
                }
                other => panic!("{line:?}: {other:?}"),
            }
        }
        for row in [
            "Name:\tPurpose",
            "Name:\tPurpose:",
            "Name\tsessionid",
            "sessionid:\tvalue",
            "Name:\tsessionid\t13 months",
        ] {
            assert!(matches!(kind(row), LineKind::TabRow { .. }), "{row:?}");
        }
    }

    #[test]
    fn urls_and_key_values() {
        let line = "<https://opendata.example.org>";
        assert!(
            matches!(kind(line), LineKind::Url { url } if url.slice(line) == "https://opendata.example.org")
        );
        let kv = "**Name:** sessionid";
        match kind(kv) {
            LineKind::KeyValue { key, value } => {
                assert_eq!((key.slice(kv), value.slice(kv)), ("Name", "sessionid"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(kind("See https://example.org for more"), LineKind::Text);
        // A pipe ends a bare URL: the end of a broken pipe row is not a URL line.
        assert_eq!(kind("https://example.org/privacy)|"), LineKind::Text);
        assert_eq!(find_url("https://example.org|x"), Some(0..19));
        // A Markdown link to itself, curly quotes, guillemets: the URL alone.
        let link = "[https://example.org](https://example.org)";
        assert!(
            matches!(kind(link), LineKind::Url { url } if url.slice(link) == "https://example.org")
        );
        assert_eq!(find_url(&format!("platform {link}")), Some(10..29));
        assert_eq!(
            find_url("\u{201C}https://www.cnil.fr\u{201D}."),
            Some(3..22)
        );
        assert_eq!(find_url("\u{AB} https://www.cnil.fr \u{BB}"), Some(3..22));
        assert_eq!(find_url("see https://www.cnil.fr!"), Some(4..23));
        assert_eq!(kind("There are several kinds of cookies:"), LineKind::Text);
    }

    #[test]
    fn fields_may_have_an_empty_value_or_one_with_pipes_and_tabs() {
        fn field_of(line: &str) -> Option<(&str, &str)> {
            field(line, Span::new(0, line.len())).map(|(k, v)| (k.slice(line), v.slice(line)))
        }
        assert_eq!(field_of("Purpose:"), Some(("Purpose", "")));
        assert_eq!(field_of("**Purpose:**  "), Some(("Purpose", "")));
        assert_eq!(field_of("Purpose: a | b"), Some(("Purpose", "a | b")));
        assert_eq!(field_of("Purpose:\ta\tb"), Some(("Purpose", "a\tb")));
        // The empty value is where a value would end.
        assert_eq!(
            field("Purpose:  ", Span::new(0, 10)),
            Some((Span::new(0, 7), Span::empty(10)))
        );
        // A separator before the colon, a URL, no colon: not a field.
        assert_eq!(field_of("Name | Purpose:"), None);
        assert_eq!(field_of("Name\tPurpose:"), None);
        assert_eq!(field_of("https://example.org"), None);
        assert_eq!(field_of("Name"), None);
        // The context-free classification is unchanged: such lines are not key-value lines.
        assert_eq!(kind("Purpose:"), LineKind::Text);
        assert!(matches!(kind("Purpose: a | b"), LineKind::PipeRow { .. }));
    }

    #[test]
    fn numbering_prefixes() {
        assert_eq!(numbering("2.1. Necessary cookies"), Some((2, 5)));
        assert_eq!(numbering("1. What is a cookie?"), Some((1, 3)));
        assert_eq!(numbering("3) Contact"), Some((1, 3)));
        assert_eq!(numbering("II. Types"), Some((1, 4)));
        assert_eq!(numbering("2024 was a year"), None);
        assert_eq!(numbering("1."), None);
    }

    #[test]
    fn spans_stay_inside_the_line_on_odd_input() {
        for line in [
            "|",
            "||",
            "\t",
            "|\t|",
            "a\t",
            "\u{e9}|\u{e9}",
            ":",
            "x:",
            "| - |",
            "--- | ---",
        ] {
            if let LineKind::TabRow { cells }
            | LineKind::PipeRow { cells, .. }
            | LineKind::Separator { cells } = kind(line)
            {
                for c in cells {
                    assert!(
                        c.end <= line.len()
                            && line.is_char_boundary(c.start)
                            && line.is_char_boundary(c.end)
                    );
                }
            }
        }
    }
}
