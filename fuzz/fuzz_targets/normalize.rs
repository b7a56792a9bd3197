//! Asserts that both normalised forms are idempotent on any UTF-8 string:
//! `display(display(x)) == display(x)` and `key(key(x)) == key(x)`. Bytes that are not
//! valid UTF-8 are skipped.
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(failure) = fuzz_checks::normalization_is_idempotent(text) {
        panic!("{failure}");
    }
});
