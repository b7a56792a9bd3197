//! ## What it does
//! Reports a suppression comment (`<!-- cookielint-disable ... -->` and its variants) that
//! silences no diagnostic, or that names a rule that does not exist.
//!
//! A name that is not a rule silences nothing: a comment naming only unknown rules has no
//! effect. A comment that may silence cross-document findings (naming a cross-document
//! rule, or no rule) is judged after the cross-document phase, by all the findings of the
//! run: it is unused if it silences nothing in either phase. A comment naming only
//! cross-document rules is not reported when its file is checked alone, with nothing to
//! compare it with.
//!
//! ## Why it matters
//! Stale suppressions hide future problems of the same kind and mislead readers about
//! what is wrong with the document.
//!
//! ## Example
//! Failing (nothing on the next line has trailing whitespace):
//! ```markdown
//! <!-- cookielint-disable-next-line trailing-whitespace -->
//! ## Charte cookies
//! ```
//! Passing: the comment removed.
//!
//! ## Fix
//! Remove the comment, or correct the rule name.

use crate::lint::{Emitter, LintContext};

/// The engine reports unused suppressions after all other rules ran (it alone knows which
/// suppressions were used); this check has nothing to look at by itself.
pub fn check(_cx: &LintContext<'_>, _out: &mut Emitter<'_>) {}
