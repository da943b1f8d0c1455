//! Helpers shared by the cross-crate tests.

use std::path::{Path, PathBuf};

use huaweicloud_codegen::{Diagnostics, emit, ir, load, lower};

/// The repository root, whatever directory cargo runs the tests from.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Loads and lowers one fixture, naming it in diagnostics by its path relative to `tests/`
/// so rendered errors are the same on every machine.
pub fn lower_fixture(path: &Path) -> Result<ir::Api, Diagnostics> {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path);
    let file = load::load_str(shown, &text)?;
    lower::lower(&[file])
}

/// The emitted Rust of every service in a fixture, file by file, for a snapshot.
pub fn emitted_service_code(api: &ir::Api) -> String {
    let files = emit::emit(api).expect("emit succeeds on a lowered spec");
    files
        .iter()
        .filter(|(path, _)| {
            path.starts_with("src") && !path.starts_with("src/runtime") && path != &Path::new("src/lib.rs")
        })
        .map(|(path, text)| format!("===== {} =====\n{text}", path.display()))
        .collect::<Vec<_>>()
        .join("\n")
}
