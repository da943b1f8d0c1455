//! Stage 3: IR → the files of the client crate, in memory.
//!
//! Rust items are built with `quote!` and formatted with prettyplease; the crate's scaffolding
//! (manifest, README, module headers) comes from minijinja templates; the runtime is copied
//! verbatim. The result is a sorted map from relative path to contents, so the output never
//! depends on the order things were produced in.

mod builders;
mod bundle;
mod client;
mod docs;
mod fields;
mod mock;
mod models;
mod requests;
mod scaffold;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;

use crate::ir::Api;
use crate::parallel::{self, Panicked};

pub use bundle::{BUNDLE_FILE, bundle};

/// The generated crate: relative path → file contents.
pub type Files = BTreeMap<PathBuf, String>;

/// A failure inside the generator itself (a template or emitted code that does not parse).
/// The spec was already checked by `lower`, so this is a bug to report, never the user's fault.
#[derive(Debug)]
pub struct EmitError {
    pub file: PathBuf,
    pub message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "internal error emitting {}: {}", self.file.display(), self.message)
    }
}

impl std::error::Error for EmitError {}

/// Where emit's CPU time went, summed over threads: building token streams, and formatting
/// them (syn parsing plus prettyplease printing). The benchmark reports the share.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub build: Duration,
    pub format: Duration,
}

pub fn emit(api: &Api) -> Result<Files, EmitError> {
    emit_timed(api).map(|(files, _)| files)
}

/// [`emit`], also saying how its time divided between building and formatting.
pub fn emit_timed<'a>(api: &'a Api) -> Result<(Files, Timings), EmitError> {
    let mut files = scaffold::render(api)?;
    let mut sources: Vec<Source> = Vec::new();
    // Every part of every file, in output order, with the index of its file in `sources`.
    let mut parts: Vec<(usize, Part<'a>)> = Vec::new();
    let mut add = |path: PathBuf, origin: String, file_parts: Vec<Part<'a>>| {
        parts.extend(file_parts.into_iter().map(|part| (sources.len(), part)));
        sources.push(Source { path, origin });
    };
    add(PathBuf::from("src/lib.rs"), "spec/".into(), vec![part(move || scaffold::lib_rs(api))]);
    add(PathBuf::from("src/mock.rs"), "spec/".into(), vec![part(move || mock::crate_mock(api))]);
    for service in &api.services {
        let dir = PathBuf::from("src").join(&service.module);
        let origin = format!("spec/{}", service.spec_file);
        add(dir.join("mod.rs"), origin.clone(), vec![part(move || scaffold::service_mod(service))]);
        if !service.types.is_empty() {
            add(dir.join("types.rs"), origin.clone(), models::types_file(service));
        }
        if !service.operations.is_empty() {
            add(dir.join("operations.rs"), origin.clone(), requests::operations_file(service));
            add(dir.join("client.rs"), origin.clone(), client::client_file(service));
            add(dir.join("builders.rs"), origin.clone(), builders::builders_file(service));
            add(dir.join("mock.rs"), origin, mock::mock_file(service));
        }
    }
    let paths: Vec<&Path> = sources.iter().map(|source| source.path.as_path()).collect();
    let (texts, timings) = format_parts(&paths, parts)?;
    for (source, text) in sources.iter().zip(texts) {
        files.insert(source.path.clone(), with_header(&source.origin, &space_items(&text)));
    }
    Ok((files, timings))
}

/// Checks that every emitted file parses as what it is: Rust with syn, TOML with the toml
/// crate; Markdown parses whatever it holds. The fuzz target and the property tests run it on
/// every spec that lowers, which is how "emit cannot fail once lowering succeeded" is checked.
#[cfg(feature = "verify")]
pub fn verify(files: &Files) -> Result<(), EmitError> {
    for (path, text) in files {
        let failed = |message: String| EmitError { file: path.clone(), message };
        match path.extension().and_then(|ext| ext.to_str()) {
            Some("rs") => {
                syn::parse_file(text).map_err(|err| failed(format!("emitted Rust does not parse: {err}")))?;
            }
            Some("toml") => {
                text.parse::<toml::Table>().map_err(|err| failed(format!("emitted TOML does not parse: {err}")))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// One top-level part of a generated file (its imports, a type, a request…) as the recipe
/// that builds its tokens. Token streams cannot cross threads but recipes can, so each part
/// is built and formatted on whichever thread is free.
pub(crate) type Part<'a> = Box<dyn FnOnce() -> TokenStream + Send + 'a>;

pub(crate) fn part<'a>(build: impl FnOnce() -> TokenStream + Send + 'a) -> Part<'a> {
    Box::new(build)
}

/// A Rust file to emit: where it goes, and the spec it comes from.
struct Source {
    path: PathBuf,
    origin: String,
}

/// Builds and formats every part (tagged with the index of its file in `paths`) on a few
/// threads, since formatting is most of generation and the parts are independent; then joins
/// each file's parts in their original order. Returns one text per path.
fn format_parts(paths: &[&Path], parts: Vec<(usize, Part)>) -> Result<(Vec<String>, Timings), EmitError> {
    let files: Vec<usize> = parts.iter().map(|(file, _)| *file).collect();
    let formatted = parallel::map(parts, |(file, build)| {
        let start = Instant::now();
        let tokens = build();
        let built = Instant::now();
        let text = syn::parse2::<syn::File>(tokens)
            .map(|parsed| prettyplease::unparse(&parsed))
            .map_err(|err| parse_failure(paths[file], &err));
        (text, Timings { build: built - start, format: built.elapsed() })
    });
    let mut texts = vec![String::new(); paths.len()];
    let mut timings = Timings::default();
    for (file, result) in files.into_iter().zip(formatted) {
        let panicked = |Panicked| EmitError { file: paths[file].to_path_buf(), message: "formatting panicked".into() };
        let (text, spent) = result.map_err(panicked)?;
        texts[file].push_str(&text?);
        timings.build += spent.build;
        timings.format += spent.format;
    }
    Ok((texts, timings))
}

/// `use super::super::runtime;`, for a service file (`<service>/<file>.rs`) that names runtime
/// items, which it does by this one path (`runtime::Validate`): a spec type may be called
/// `Validate`, never `runtime`. Relative, so the code works wherever it is placed: at a crate's
/// root, or in the module a build script's consumer `include!`s it into.
fn uses_runtime(used: bool) -> Option<TokenStream> {
    used.then(|| {
        quote::quote!(
            use super::super::runtime;
        )
    })
}

/// A parse failure here is a generator bug, reported rather than panicking.
fn parse_failure(path: &Path, err: &syn::Error) -> EmitError {
    EmitError { file: path.to_path_buf(), message: format!("generated code does not parse: {err}") }
}

/// prettyplease puts top-level items on consecutive lines; a blank line between items (and
/// after the module docs and the imports) makes files read, and diff, like hand-written code.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        let top_level = !line.is_empty() && !line.starts_with(char::is_whitespace);
        // A comment's text is not code: a doc line ending in `}` ends no item.
        let after_item = !previous.starts_with("//") && (previous.ends_with('}') || previous.ends_with(';'));
        let same_kind = |prefix: &str| previous.starts_with(prefix) && line.starts_with(prefix);
        let grouped = ["use ", "pub use ", "mod ", "pub mod "].into_iter().any(same_kind);
        let after_docs = previous.starts_with("//!") && !line.starts_with("//!");
        if top_level
            && line != "}"
            && ((after_item && !grouped && !previous.starts_with(char::is_whitespace)) || after_docs)
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// The first line of every generated Rust file: where it comes from, and not to edit it.
fn with_header(origin: &str, text: &str) -> String {
    format!("// @generated by huaweicloud-codegen from {origin}. Do not edit by hand.\n\n{text}")
}
