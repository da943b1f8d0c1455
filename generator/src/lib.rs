//! huaweicloud-codegen: generates a typed, validated Rust client for Huawei Cloud APIs from
//! YAML specs transcribed from their API reference pages.
//!
//! The pipeline runs in stages, each its own module, data flowing one way: `import` (reference
//! pages → spec YAML, feature `import`) → [`load`] (YAML → spec types with locations) →
//! [`lower`] (spec → [`ir`], with every check) → [`emit`] (IR → file contents in memory) →
//! [`write`](mod@write) (only changed files, atomically). [`diff`] and `drift` read the IR and
//! classify changes with one engine.
//!
//! ```no_run
//! let files = huaweicloud_codegen::generate(std::path::Path::new("spec"))?;
//! huaweicloud_codegen::write::write(std::path::Path::new("generated"), &files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod builder;
pub mod diagnostic;
pub mod diff;
#[cfg(feature = "import")]
pub mod drift;
pub mod emit;
#[cfg(feature = "import")]
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
mod parallel;
pub mod prose;
pub mod write;

use std::fmt;
use std::path::Path;

pub use builder::Builder;
pub use diagnostic::{Diagnostic, Diagnostics};

/// Why generation produced nothing.
#[derive(Debug)]
pub enum Error {
    /// The spec has errors; each names file, line, column and field.
    Spec(Diagnostics),
    /// The generator failed on a valid spec: a bug in the generator.
    Emit(emit::EmitError),
    /// The output could not be written, or the build script's environment lacks `OUT_DIR`.
    Io(Diagnostic),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Spec(diagnostics) => diagnostics.fmt(f),
            Error::Emit(err) => err.fmt(f),
            Error::Io(diagnostic) => diagnostic.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Spec(diagnostics)
    }
}

/// Loads and checks every spec in `spec_dir`, returning the IR.
pub fn lower_dir(spec_dir: &Path) -> Result<ir::Api, Diagnostics> {
    lower::lower(&load::load_dir(spec_dir)?)
}

/// Every error and warning in the specs of `spec_dir`, in file and position order.
pub fn lint(spec_dir: &Path) -> Diagnostics {
    match load::load_dir(spec_dir) {
        Err(diagnostics) => diagnostics,
        Ok(files) => match lower::lower_with_warnings(&files) {
            Ok((_, warnings)) => warnings,
            Err(diagnostics) => diagnostics,
        },
    }
}

/// Loads, checks and emits every spec in `spec_dir`: the client crate's files, in memory.
pub fn generate(spec_dir: &Path) -> Result<emit::Files, Error> {
    let api = lower_dir(spec_dir)?;
    emit::emit(&api).map_err(Error::Emit)
}
