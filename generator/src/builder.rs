//! Generating the client from a build script.
//!
//! ```rust,ignore
//! // build.rs
//! fn main() {
//!     let result = huaweicloud_codegen::Builder::new().spec_dir("spec").services(["modelarts"]).generate_to_out_dir();
//!     if let Err(err) = result {
//!         eprintln!("{err}");
//!         std::process::exit(1);
//!     }
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/huaweicloud_client.rs"));
//! ```
//!
//! The consuming crate needs the client's dependencies (see the generated crate's
//! `Cargo.toml`). Cargo reruns the script only when a spec file changes: the templates are
//! compiled into the generator, so a new generator version is what changes them.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::{Error, emit, load, lower};

#[derive(Debug, Clone)]
pub struct Builder {
    spec_dir: PathBuf,
    services: Option<Vec<String>>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder { spec_dir: PathBuf::from("spec"), services: None }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    /// The directory of spec files, relative to the crate's manifest (default `spec`).
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dir = dir.into();
        self
    }

    /// Generates only these services (by `service.name`); all by default.
    pub fn services<I: IntoIterator<Item = S>, S: Into<String>>(mut self, services: I) -> Self {
        self.services = Some(services.into_iter().map(Into::into).collect());
        self
    }

    /// Writes `$OUT_DIR/huaweicloud_client.rs` (only when its contents change) and prints a
    /// `cargo:rerun-if-changed` line for the spec directory and each spec file.
    pub fn generate_to_out_dir(self) -> Result<PathBuf, Error> {
        let out_dir = std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
            Error::Io(Diagnostic::io(Path::new("OUT_DIR"), "not set: generate_to_out_dir runs in a build script"))
        })?;
        println!("cargo:rerun-if-changed={}", self.spec_dir.display());
        if let Ok(paths) = load::spec_paths(&self.spec_dir) {
            for path in paths {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        self.generate_to(&out_dir)
    }

    /// Writes the bundled client into `dir`, returning the file's path.
    pub fn generate_to(self, dir: &Path) -> Result<PathBuf, Error> {
        let mut files = load::load_dir(&self.spec_dir)?;
        if let Some(wanted) = &self.services {
            if let Some(missing) = wanted.iter().find(|name| !files.iter().any(|f| f.spec.service.name.value == **name))
            {
                let message = format!("no spec file here has `service.name: {missing}`");
                return Err(Error::Spec(Diagnostic::io(&self.spec_dir, message).into()));
            }
            files.retain(|file| wanted.contains(&file.spec.service.name.value));
        }
        let api = lower::lower(&files)?;
        let bundle = emit::emit(&api).and_then(|files| emit::bundle(&files)).map_err(Error::Emit)?;
        let path = dir.join(emit::BUNDLE_FILE);
        // Unchanged output is not rewritten, so cargo does not rebuild for nothing.
        crate::write::write_file(&path, &bundle)
            .map_err(|err| Error::Io(Diagnostic::io(&path, format!("cannot write: {err}"))))?;
        Ok(path)
    }
}
