//! Stage 3: IR → the files of the client crate, in memory.
//!
//! Rust items are built with `quote!` and formatted with prettyplease; the crate's scaffolding
//! (manifest, README, module headers) comes from minijinja templates; the runtime is copied
//! verbatim. The result is a sorted map from relative path to contents, so the output never
//! depends on the order things were produced in.

mod bundle;
mod client;
mod docs;
mod fields;
mod models;
mod requests;
mod scaffold;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use crate::ir::{Api, Service};

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

pub fn emit(api: &Api) -> Result<Files, EmitError> {
    let mut files = scaffold::render(api)?;
    for service in &api.services {
        let dir = PathBuf::from("src").join(&service.module);
        let origin = format!("spec/{}", service.spec_file);
        type Part = (&'static str, fn(&Service) -> proc_macro2::TokenStream);
        let mut parts: Vec<Part> = Vec::new();
        if !service.types.is_empty() {
            parts.push(("types.rs", models::types_file));
        }
        if !service.operations.is_empty() {
            parts.push(("operations.rs", requests::operations_file));
            parts.push(("client.rs", client::client_file));
        }
        // Parsing the tokens for prettyplease is most of generation time, and the files are
        // independent: each is built and formatted on its own thread (token streams cannot
        // cross threads; the IR can). Joined in a fixed order, so the output never varies.
        let formatted: Vec<Result<String, EmitError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .map(|(name, build)| {
                    let path = dir.join(name);
                    scope.spawn(move || format_tokens(&path, build(service)))
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().unwrap_or_else(|_| Err(panicked(&dir)))).collect()
        });
        for ((name, _), text) in parts.iter().zip(formatted) {
            files.insert(dir.join(name), with_header(&origin, &text?));
        }
    }
    Ok(files)
}

fn panicked(dir: &std::path::Path) -> EmitError {
    EmitError { file: dir.to_path_buf(), message: "a formatting thread panicked".into() }
}

/// Formats emitted tokens with prettyplease, without a round trip through a string.
fn format_tokens(path: &std::path::Path, tokens: proc_macro2::TokenStream) -> Result<String, EmitError> {
    finish(path, syn::parse2(tokens))
}

/// Formats Rust source (a rendered template) with prettyplease.
fn format_rust(path: &std::path::Path, source: &str) -> Result<String, EmitError> {
    finish(path, syn::parse_file(source))
}

/// A parse failure here is a generator bug, reported rather than panicking.
fn finish(path: &std::path::Path, parsed: syn::Result<syn::File>) -> Result<String, EmitError> {
    let file = parsed.map_err(|err| EmitError {
        file: path.to_path_buf(),
        message: format!("generated code does not parse: {err}"),
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
}

/// prettyplease puts top-level items on consecutive lines; a blank line between items (and
/// after the module docs and the imports) makes files read, and diff, like hand-written code.
fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        let top_level = !line.is_empty() && !line.starts_with(char::is_whitespace);
        let after_item = previous.ends_with('}') || previous.ends_with(';');
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
