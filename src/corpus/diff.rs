//! Word-level diff between two texts, in `git diff --word-diff=plain` notation: removed
//! words as `[-old-]`, added ones as `{+new+}`, a few words of context around each change,
//! and `…` where unchanged text is left out. Punctuation marks are words of their own, so
//! one added comma shows as `possible{+,+} nous`.
//!
//! Words are compared on their comparison keys (case, quotes and compatibility forms
//! folded), the same equality the corpus rules use.

use super::align::{align, Step};
use crate::normalize;

/// Words of context kept on each side of a change.
const CONTEXT: usize = 3;

struct Token<'t> {
    text: &'t str,
    key: String,
    space_before: bool,
}

/// Splits a text into words and punctuation marks, remembering which follow a space.
fn tokens<'t>(text: &'t str) -> Vec<Token<'t>> {
    let is_word =
        |c: char| c.is_alphanumeric() || matches!(c, '_' | '\'' | '\u{2019}' | '-' | '{' | '}');
    let mut out = Vec::new();
    let mut space_before = false;
    let mut word_start: Option<usize> = None;
    let push = |out: &mut Vec<Token<'t>>, piece: &'t str, space: &mut bool| {
        if !piece.is_empty() {
            out.push(Token {
                text: piece,
                key: normalize::key(piece),
                space_before: *space,
            });
        }
        *space = false;
    };
    for (at, c) in text.char_indices() {
        if is_word(c) {
            word_start.get_or_insert(at);
            continue;
        }
        if let Some(start) = word_start.take() {
            push(
                &mut out,
                text.get(start..at).unwrap_or(""),
                &mut space_before,
            );
        }
        if c.is_whitespace() {
            space_before = true;
        } else {
            push(
                &mut out,
                text.get(at..at + c.len_utf8()).unwrap_or(""),
                &mut space_before,
            );
        }
    }
    if let Some(start) = word_start {
        push(&mut out, text.get(start..).unwrap_or(""), &mut space_before);
    }
    out
}

/// The word diff from `old` to `new`, or `None` when they have the same words.
pub fn word_diff(old: &str, new: &str) -> Option<String> {
    let (a, b) = (tokens(old), tokens(new));
    let steps = align(a.len(), b.len(), |i, j| {
        a.get(i).map(|t| &t.key) == b.get(j).map(|t| &t.key)
    });
    let changed: Vec<bool> = steps.iter().map(|s| !matches!(s, Step::Same(..))).collect();
    if !changed.contains(&true) {
        return None;
    }
    // Keep steps within CONTEXT same-steps of a change.
    let mut keep = vec![false; steps.len()];
    for (k, is_change) in changed.iter().enumerate() {
        if *is_change {
            let from = k.saturating_sub(CONTEXT);
            let to = (k + CONTEXT + 1).min(steps.len());
            for slot in keep.iter_mut().take(to).skip(from) {
                *slot = true;
            }
        }
    }
    let mut out = String::new();
    let mut open: Option<char> = None;
    let mut skipped = false;
    for (k, step) in steps.iter().enumerate() {
        if !keep.get(k).copied().unwrap_or(false) {
            skipped = true;
            continue;
        }
        let (token, mark) = match *step {
            Step::Same(_, j) => (b.get(j), None),
            Step::Left(i) => (a.get(i), Some('-')),
            Step::Right(j) => (b.get(j), Some('+')),
        };
        let Some(token) = token else { continue };
        if open != mark {
            close(&mut out, open);
        }
        if skipped {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push('…');
            skipped = false;
        }
        // A replacement reads `[-old-]{+new+}`, without a space between the two.
        let replacing = open == Some('-') && mark == Some('+');
        if token.space_before && !out.is_empty() && !replacing {
            out.push(' ');
        }
        if open != mark {
            match mark {
                Some('-') => out.push_str("[-"),
                Some(_) => out.push_str("{+"),
                None => {}
            }
            open = mark;
        }
        out.push_str(token.text);
    }
    close(&mut out, open);
    if skipped {
        out.push_str(" …");
    }
    Some(out)
}

fn close(out: &mut String, open: Option<char>) {
    match open {
        Some('-') => out.push_str("-]"),
        Some(_) => out.push_str("+}"),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn one_added_comma() {
        let old = "Afin de vous proposer le meilleur service possible nous utilisons des cookies pour assurer son bon fonctionnement.";
        let new = "Afin de vous proposer le meilleur service possible, nous utilisons des cookies pour assurer son bon fonctionnement.";
        assert_eq!(
            word_diff(old, new).as_deref(),
            Some("… meilleur service possible{+,+} nous utilisons des …")
        );
    }

    #[test]
    fn replaced_and_removed_words() {
        assert_eq!(
            word_diff("to remember the user", "to forget the user").as_deref(),
            Some("to [-remember-]{+forget+} the user")
        );
        assert_eq!(word_diff("a b c", "a c").as_deref(), Some("a [-b-] c"));
        assert_eq!(word_diff("Same words", "same  words"), None);
    }
}
