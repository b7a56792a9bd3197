//! Wording shared by messages: a count with its noun in the right number.

/// `n` followed by `one` when `n` is 1, by `many` otherwise: `counted(1, "row", "rows")` is
/// "1 row", `counted(3, "row", "rows")` is "3 rows", `counted(0, "row", "rows")` is "0 rows".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    // Built without the formatting machinery: some rules report thousands of counts.
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let noun = agreeing(n, one, many);
    let mut out = String::with_capacity(digits.len() + 1 + noun.len());
    out.push_str(digits);
    out.push(' ');
    out.push_str(noun);
    out
}

/// `one` when `n` is 1, `many` otherwise: the verb (or any word) agreeing with a count.
pub fn agreeing<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "blank line", "blank lines"), "1 blank line");
        assert_eq!(counted(0, "blank line", "blank lines"), "0 blank lines");
        assert_eq!(counted(2, "blank line", "blank lines"), "2 blank lines");
        assert_eq!(counted(11, "cell", "cells"), "11 cells");
        assert_eq!(agreeing(1, "is", "are"), "is");
        assert_eq!(agreeing(21, "is", "are"), "are");
    }
}
