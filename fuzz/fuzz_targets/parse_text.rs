//! Asserts that any bytes the decoder accepts, parsed as plain text (format forced), give a
//! document whose structural invariants hold (`cookielint::model::invariants::check`:
//! spans in bounds and on char boundaries, children inside parents, indexes in range,
//! source order). Input the decoder refuses (empty, binary, too large) is skipped.
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use cookielint::syntax::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(failure) = fuzz_checks::invariants_hold(data, Format::Text) {
        panic!("{failure}");
    }
});
