//! Arbitrary bytes through the loader and lowering: they must never panic, and every error
//! must point at a line and column.
#![no_main]

use std::path::Path;

use huaweicloud_codegen::{load, lower};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let diagnostics = match load::load_str(Path::new("fuzz.yaml"), text) {
        Ok(file) => match lower::lower(&[file]) {
            Ok(_) => return,
            Err(diagnostics) => diagnostics,
        },
        Err(diagnostics) => diagnostics,
    };
    for diagnostic in &diagnostics.0 {
        assert!(diagnostic.loc.is_some_and(|loc| loc.line > 0), "an error without a location: {diagnostic}");
    }
});
