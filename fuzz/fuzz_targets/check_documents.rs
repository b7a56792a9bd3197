//! The whole `check` pipeline on several documents at once: the input is split on NUL
//! bytes into up to eight documents, which are checked together, so that the corpus rules
//! (families, consensus, drift, conflicts) see documents that agree and disagree. Asserts
//! the same properties as `check_document`, for every document.
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(failure) = fuzz_checks::check_pipeline_holds(&fuzz_checks::split_documents(data)) {
        panic!("{failure}");
    }
});
