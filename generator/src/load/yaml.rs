//! The YAML library, behind two small functions: parse a document into spec types, and turn a
//! library location into ours. Replacing the library means rewriting this file only.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::{Loc, ServiceSpec, Spanned};
use crate::diagnostic::Diagnostic;

pub(super) fn parse(path: &Path, text: &str) -> Result<ServiceSpec, Diagnostic> {
    // Duplicate keys are an error (the library's default), never silently last-wins.
    serde_saphyr::from_str(text).map_err(|err| {
        let loc = err.location().map(to_loc).unwrap_or_default();
        Diagnostic::yaml(path, loc, plain_message(&err))
    })
}

fn to_loc(location: serde_saphyr::Location) -> Loc {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Loc { line: clamp(location.line()), column: clamp(location.column()) }
}

/// The library's message without its own location prefix and source excerpt: our diagnostic
/// renders the location itself, the same way for YAML and semantic errors.
fn plain_message(err: &serde_saphyr::Error) -> String {
    let rendered = err.to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    // The library writes "line 3 column 5: message"; we print the location our own way.
    let message = match first.strip_prefix("line ").and_then(|rest| rest.split_once(": ")) {
        Some((position, message)) if position.contains(" column ") => message,
        _ => first,
    };
    message.trim().to_string()
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned { value: spanned.value, loc: to_loc(spanned.referenced) })
    }
}
