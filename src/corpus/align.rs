//! Sequence alignment (longest common subsequence), shared by the section-order comparison,
//! the passage comparison and the word diff.
//!
//! The sequences compared are short (sections of a document, passages of a section, words
//! of a paragraph), so the quadratic table is cheap; beyond [`MAX_CELLS`] cells the common
//! prefix and suffix are kept and the middle is reported as one replacement, so the cost
//! stays bounded whatever the input.

/// Largest DP table built (cells); longer inputs fall back to prefix/suffix matching.
const MAX_CELLS: usize = 1 << 20;

/// One step of an alignment of `left` against `right`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// `left[i]` matches `right[j]`.
    Same(usize, usize),
    /// `left[i]` has no counterpart.
    Left(usize),
    /// `right[j]` has no counterpart.
    Right(usize),
}

/// Aligns two sequences; `same(i, j)` says whether `left[i]` matches `right[j]`. Steps come
/// in order; within a gap between matches, every `Left` comes before every `Right`.
pub fn align(left: usize, right: usize, same: impl Fn(usize, usize) -> bool) -> Vec<Step> {
    let prefix = (0..left.min(right)).take_while(|&k| same(k, k)).count();
    let suffix = (0..(left - prefix).min(right - prefix))
        .take_while(|&k| same(left - 1 - k, right - 1 - k))
        .count();
    let (l_mid, r_mid) = (left - prefix - suffix, right - prefix - suffix);
    let mut steps: Vec<Step> = (0..prefix).map(|k| Step::Same(k, k)).collect();
    if l_mid.saturating_mul(r_mid) <= MAX_CELLS && l_mid > 0 && r_mid > 0 {
        steps.extend(
            lcs(l_mid, r_mid, |i, j| same(prefix + i, prefix + j))
                .into_iter()
                .map(|s| match s {
                    Step::Same(i, j) => Step::Same(prefix + i, prefix + j),
                    Step::Left(i) => Step::Left(prefix + i),
                    Step::Right(j) => Step::Right(prefix + j),
                }),
        );
    } else {
        steps.extend((prefix..prefix + l_mid).map(Step::Left));
        steps.extend((prefix..prefix + r_mid).map(Step::Right));
    }
    steps.extend((0..suffix).map(|k| Step::Same(left - suffix + k, right - suffix + k)));
    steps
}

/// The classic dynamic programme. On ties the right element is skipped first, so that in
/// a move it is the element out of place on the left that stays unmatched.
fn lcs(left: usize, right: usize, same: impl Fn(usize, usize) -> bool) -> Vec<Step> {
    let width = right + 1;
    // table[i * width + j]: LCS length of left[i..] and right[j..].
    let mut table = vec![0u32; (left + 1) * width];
    for i in (0..left).rev() {
        for j in (0..right).rev() {
            let value = if same(i, j) {
                table.get((i + 1) * width + j + 1).copied().unwrap_or(0) + 1
            } else {
                let down = table.get((i + 1) * width + j).copied().unwrap_or(0);
                let across = table.get(i * width + j + 1).copied().unwrap_or(0);
                down.max(across)
            };
            if let Some(cell) = table.get_mut(i * width + j) {
                *cell = value;
            }
        }
    }
    let at = |i: usize, j: usize| table.get(i * width + j).copied().unwrap_or(0);
    let mut steps = Vec::with_capacity(left + right);
    let (mut i, mut j) = (0, 0);
    let mut pending_right = Vec::new();
    while i < left || j < right {
        if i < left && j < right && same(i, j) && at(i, j) == at(i + 1, j + 1) + 1 {
            steps.append(&mut pending_right);
            steps.push(Step::Same(i, j));
            i += 1;
            j += 1;
        } else if i < left && (j == right || at(i + 1, j) > at(i, j + 1)) {
            steps.push(Step::Left(i));
            i += 1;
        } else {
            pending_right.push(Step::Right(j));
            j += 1;
        }
    }
    steps.append(&mut pending_right);
    steps
}

/// A gap between two matches: the unmatched indexes on each side.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gap {
    /// Unmatched left indexes.
    pub left: Vec<usize>,
    /// Unmatched right indexes.
    pub right: Vec<usize>,
    /// The left index of the match that ends the gap (`None` at the end).
    pub next_left: Option<usize>,
}

/// The gaps of an alignment, in order (empty gaps omitted).
pub fn gaps(steps: &[Step]) -> Vec<Gap> {
    let mut out = Vec::new();
    let mut gap = Gap::default();
    for step in steps {
        match *step {
            Step::Same(i, _) => {
                if !gap.left.is_empty() || !gap.right.is_empty() {
                    gap.next_left = Some(i);
                    out.push(std::mem::take(&mut gap));
                }
            }
            Step::Left(i) => gap.left.push(i),
            Step::Right(j) => gap.right.push(j),
        }
    }
    if !gap.left.is_empty() || !gap.right.is_empty() {
        out.push(gap);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(a: &str, b: &str) -> Vec<Step> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        align(a.len(), b.len(), |i, j| a.get(i) == b.get(j))
    }

    #[test]
    fn aligns_insertions_deletions_and_moves() {
        assert_eq!(
            run("abc", "ac"),
            [Step::Same(0, 0), Step::Left(1), Step::Same(2, 1)]
        );
        assert_eq!(
            run("ac", "abc"),
            [Step::Same(0, 0), Step::Right(1), Step::Same(1, 2)]
        );
        assert_eq!(
            run("axc", "ayc"),
            [
                Step::Same(0, 0),
                Step::Left(1),
                Step::Right(1),
                Step::Same(2, 2)
            ]
        );
        let steps = run("abc", "bca");
        assert_eq!(
            steps.iter().filter(|s| matches!(s, Step::Same(..))).count(),
            2
        );
        assert!(run("", "").is_empty());
        assert_eq!(gaps(&run("abcd", "axcd")).len(), 1);
    }
}
