//! Stage 1: YAML → spec types.
//!
//! This is the only module that knows which YAML library parses the spec (today
//! `serde-saphyr`, chosen over the archived `serde_yaml` because it reports a line and column
//! for every node). Everything after this stage sees plain spec types whose interesting values
//! carry a [`Loc`], so a later error can still point at the file, line and column.

mod spec;
mod yaml;

use std::path::{Path, PathBuf};

pub use spec::*;

pub use crate::diagnostic::Loc;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::parallel::{self, Panicked};

/// A value together with where the spec wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// One parsed spec file.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The path as given to the loader, used in every diagnostic about this file.
    pub path: PathBuf,
    pub spec: ServiceSpec,
}

/// Reads every `*.yaml` file directly in `dir` (one file per service), in file-name order so
/// the output never depends on the order the file system lists them in. The files are parsed
/// side by side, one per free core: parsing YAML is most of loading, and a file's parse needs
/// nothing from the others.
pub fn load_dir(dir: &Path) -> Result<Vec<SpecFile>, Diagnostics> {
    let paths = spec_paths(dir)?;
    let loaded = parallel::map(paths.iter().collect(), |path: &PathBuf| load_file(path));
    let mut files = Vec::new();
    let mut errors = Diagnostics::default();
    for (path, result) in paths.iter().zip(loaded) {
        match result.unwrap_or_else(|Panicked| Err(Diagnostic::internal(path, "parsing").into())) {
            Ok(file) => files.push(file),
            Err(diagnostics) => errors.extend(diagnostics),
        }
    }
    errors.into_result(files)
}

/// The spec files of a directory, sorted: every `*.yaml` (or `*.yml`) directly in it.
pub fn spec_paths(dir: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let entries =
        std::fs::read_dir(dir).map_err(|err| Diagnostic::io(dir, format!("cannot read the spec directory: {err}")))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Diagnostic::io(dir, "no *.yaml spec files in this directory").into());
    }
    Ok(paths)
}

/// Reads and parses one spec file.
pub fn load_file(path: &Path) -> Result<SpecFile, Diagnostics> {
    let text = std::fs::read_to_string(path)
        .map_err(|err| Diagnostic::io(path, format!("cannot read the spec file: {err}")))?;
    load_str(path, &text)
}

/// Parses spec text; `path` only names the source in diagnostics.
pub fn load_str(path: &Path, text: &str) -> Result<SpecFile, Diagnostics> {
    let spec = yaml::parse(path, text)?;
    Ok(SpecFile { path: path.to_path_buf(), spec })
}
