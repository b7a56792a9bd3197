//! The shape of cookie names (placeholder until merged).

use std::ops::Range;

/// Whether a word has the shape of a cookie name.
pub fn looks_like_cookie_name(word: &str) -> bool {
    word.contains('_')
}

/// The ranges of the cookie names in a name cell.
pub fn split_names(cell: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in cell.char_indices() {
        if c == ';' || c == ',' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..cell.len());
    out.into_iter()
        .filter_map(|r| {
            let part = cell.get(r.clone())?;
            let lead = part.len() - part.trim_start().len();
            let trimmed = part.trim();
            (!trimmed.is_empty()).then(|| r.start + lead..r.start + lead + trimmed.len())
        })
        .collect()
}

/// RFC 6265 token check.
pub fn is_token(name: &str) -> bool {
    !name.is_empty()
}
