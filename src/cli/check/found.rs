//! One file's findings as a `check` worker gathers them.

use std::sync::Arc;

use cookielint::lint::{diagnostic, Diagnostic};
use cookielint::report::{Located, Store};
use cookielint::source::SourceFile;

/// How many findings a file keeps whole before it keeps them compact.
const SPILL: usize = 4096;

/// One file's findings while its rules run: whole while they are few (most files), in a
/// [`Store`] of their own past [`SPILL`], so that a file of millions of findings is never
/// held as [`Diagnostic`]s (several hundred bytes each, against tens in a store).
pub(super) struct Gathering {
    few: Vec<Diagnostic>,
    many: Option<Store>,
}

/// One file's findings, in output order, exact duplicates dropped.
pub(super) enum Found {
    Few(Vec<Located>),
    Many(Store),
}

impl Gathering {
    pub(super) fn new() -> Self {
        Gathering {
            few: Vec::new(),
            many: None,
        }
    }

    /// Adds `diagnostic`, found in `file` (read as `source`).
    pub(super) fn push(&mut self, file: &Arc<str>, source: &SourceFile, diagnostic: Diagnostic) {
        if self.many.is_none() && self.few.len() < SPILL {
            self.few.push(diagnostic);
            return;
        }
        let store = self.many.get_or_insert_with(Store::new);
        // Moved once, when the findings reach SPILL (and their room freed).
        for earlier in std::mem::take(&mut self.few) {
            store.push_in(file, Located::new(source, earlier));
        }
        store.push_in(file, Located::new(source, diagnostic));
    }

    /// The findings in output order, exact duplicates dropped, as
    /// [`diagnostic::sort`] leaves them.
    pub(super) fn finish(self, source: &SourceFile) -> Found {
        match self.many {
            Some(mut store) => {
                store.sort();
                store.dedup();
                store.shrink_to_fit();
                Found::Many(store)
            }
            None => {
                let mut few = self.few;
                diagnostic::sort(&mut few);
                Found::Few(few.into_iter().map(|d| Located::new(source, d)).collect())
            }
        }
    }
}
