//! Helpers shared by the cross-crate tests.

pub mod server;
pub mod specgen;

use std::path::{Path, PathBuf};

use huaweicloud_codegen::{Diagnostics, emit, ir, load, lower};

/// The repository root, whatever directory cargo runs the tests from.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Loads and lowers one fixture, naming it in diagnostics by its path relative to `tests/`
/// so rendered errors are the same on every machine.
/// A fresh directory under the system's temporary one, for a test's scratch spec.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hwc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the temporary directory is writable");
    dir
}

/// The page files of a fixture directory under `tests/fixtures/pages`, in name order.
pub fn pages(dir: &str) -> Vec<PathBuf> {
    let listing = std::fs::read_dir(repo_root().join("tests/fixtures/pages").join(dir)).expect("the fixture exists");
    let mut pages: Vec<PathBuf> = listing.map(|entry| entry.expect("the fixture is readable").path()).collect();
    pages.sort();
    pages
}

pub fn lower_fixture(path: &Path) -> Result<ir::Api, Diagnostics> {
    let text = std::fs::read_to_string(path).expect("fixture is readable");
    let shown = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path);
    let file = load::load_str(shown, &text)?;
    lower::lower(&[file])
}

/// Loads and lowers `text` as one spec file, and emits it when it lowers. A rejected spec must
/// have every diagnostic located (a line and column); a spec that lowers must emit files that
/// all parse as what they are, and a build-script bundle that parses. Says whether it lowered.
pub fn lowers_and_emits(text: &str) -> Result<bool, String> {
    let diagnostics = match load::load_str(Path::new("generated.yaml"), text).map(|file| lower::lower(&[file])) {
        Ok(Ok(api)) => {
            let files = emit::emit(&api).map_err(|err| format!("{err}\n--- spec:\n{text}"))?;
            emit::verify(&files).map_err(|err| format!("{err}\n--- spec:\n{text}"))?;
            let bundle = emit::bundle(&files).map_err(|err| err.to_string())?;
            syn::parse_file(&bundle).map_err(|err| format!("the bundle does not parse: {err}\n--- spec:\n{text}"))?;
            return Ok(true);
        }
        Ok(Err(diagnostics)) | Err(diagnostics) => diagnostics,
    };
    match diagnostics.0.iter().find(|d| d.loc.is_none_or(|loc| loc.line == 0)) {
        Some(unlocated) => Err(format!("an error without a location: {unlocated}\n--- spec:\n{text}")),
        None => Ok(false),
    }
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

/// The service's error a call ended with; panics on any other outcome.
pub fn api_error<T: std::fmt::Debug>(
    result: Result<T, huaweicloud_client::runtime::Error>,
) -> huaweicloud_client::runtime::ApiError {
    match result {
        Err(huaweicloud_client::runtime::Error::Api(api)) => api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

/// Recomputes the signature of a request captured on the wire, from what the server received
/// alone, and returns the `Authorization` header it should carry.
pub fn expected_authorization(request: &server::Recorded, ak: &str, sk: &str) -> String {
    let authorization = request.header("Authorization").expect("a signed request has Authorization");
    let signed = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("Authorization names its signed headers");
    let headers: Vec<(&str, &str)> =
        signed.split(';').map(|name| (name, request.header(name).expect("a signed header was sent"))).collect();
    let query = huaweicloud_client::runtime::canonical_query(&request.query());
    let signable = huaweicloud_client::runtime::Signable {
        method: &request.method,
        path: request.path(),
        query: &query,
        headers: &headers,
        body: &request.body,
    };
    huaweicloud_client::runtime::authorization(ak, sk, &signable)
}
