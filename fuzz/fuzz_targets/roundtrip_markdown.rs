//! Asserts that parse -> canonical Markdown -> parse is stable: for any bytes the decoder
//! accepts (format detected from the content), rendering the document with `to_markdown`
//! and parsing that as Markdown gives a document whose invariants hold, with the same
//! cookie names and section headings (display text and depth), and rendering it again
//! gives the same Markdown byte for byte (a fixed point after one round).
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(failure) = fuzz_checks::round_trip_is_stable(data) {
        panic!("{failure}");
    }
});
