//! A `cookielint.toml` (the input up to its first NUL byte) resolved as `check` resolves
//! one: a configuration refused must point inside its text and render; a configuration
//! accepted runs the whole `check` pipeline on the documents after the NUL byte (split on
//! further NUL bytes), with every property of `check_documents` and the configuration's
//! selection, severities, overrides, vocabulary, typos and cookies in force.
#![no_main]

// The checks are shared with the seed-replay test; this target uses only some of them.
#[allow(dead_code)]
#[path = "../../tests/it/fuzz_checks.rs"]
mod fuzz_checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(failure) = fuzz_checks::configuration_holds(data) {
        panic!("{failure}");
    }
});
