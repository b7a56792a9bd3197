//! The whole `check` pipeline on one document (any bytes): decoding, parsing, every
//! per-document rule, the summary, every corpus rule and every report format. Asserts that
//! nothing panics, that every finding lies inside the document on character boundaries with
//! positions that agree with its span, and that the JSON report lists every finding.
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(failure) = fuzz_checks::check_pipeline_holds(&[data]) {
        panic!("{failure}");
    }
});
