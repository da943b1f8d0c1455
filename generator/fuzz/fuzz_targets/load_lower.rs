//! Arbitrary bytes through the loader, lowering and emit: they must never panic, every error
//! must point at a line and column, and whatever lowers must emit files that all parse as what
//! they are (`emit::verify`), the build script's one-file bundle included.
#![no_main]

use std::path::Path;

use huaweicloud_codegen::{emit, load, lower};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let diagnostics = match load::load_str(Path::new("fuzz.yaml"), text).map(|file| lower::lower(&[file])) {
        Ok(Ok(api)) => {
            let files = emit::emit(&api).unwrap_or_else(|err| panic!("emit failed on a spec that lowers: {err}"));
            emit::verify(&files).unwrap_or_else(|err| panic!("an emitted file does not parse: {err}"));
            let bundle = emit::bundle(&files).unwrap_or_else(|err| panic!("no bundle: {err}"));
            assert!(syn::parse_file(&bundle).is_ok(), "the bundle does not parse");
            return;
        }
        Ok(Err(diagnostics)) | Err(diagnostics) => diagnostics,
    };
    for diagnostic in &diagnostics.0 {
        assert!(diagnostic.loc.is_some_and(|loc| loc.line > 0), "an error without a location: {diagnostic}");
    }
});
