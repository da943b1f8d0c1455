//! The YAML library, behind two small functions: parse a document into spec types, and turn a
//! library location into ours. Replacing the library means rewriting this file only.

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::{Loc, ServiceSpec, Spanned};
use crate::diagnostic::Diagnostic;

pub(super) fn parse(path: &Path, text: &str) -> Result<ServiceSpec, Diagnostic> {
    // Duplicate keys are an error (the library's default), never silently last-wins. Tracking
    // the field path costs as much as parsing, so only a spec that fails pays for it.
    serde_saphyr::from_str_with_options(text, options()).or_else(|_| parse_tracking_path(path, text))
}

/// The library's limits guard against alias bombs and runaway input. Its default node and
/// event counts would cap one spec file near 1,600 operations, so those two are raised a
/// hundredfold; the alias, depth and size limits keep their defaults. Non-finite numbers
/// (`.inf`, `1e999`) pass through to lowering, which rejects them naming the field and what it
/// expected, as it does every other bad value.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_nodes: 25_000_000, max_events: 100_000_000 },
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    }
}

/// Parses again, noting the path of the field where deserializing stopped.
fn parse_tracking_path(path: &Path, text: &str) -> Result<ServiceSpec, Diagnostic> {
    let mut field = String::new();
    serde_saphyr::with_deserializer_from_str_with_options(text, options(), |deserializer| {
        serde_path_to_error::deserialize(deserializer).map_err(|err| {
            field = clean_path(&err.path().to_string());
            err.into_inner()
        })
    })
    .map_err(|err| {
        let loc = err.location().map(to_loc).unwrap_or_default();
        let field = (!field.is_empty() && field != ".").then_some(field);
        Diagnostic { field, ..Diagnostic::yaml(path, loc, plain_message(&err)) }
    })
}

/// serde_path_to_error's path, less what only this library puts in it: the `.value` step
/// through `Spanned`'s internal map and a trailing `.?` for a position it could not name.
fn clean_path(path: &str) -> String {
    let path = path.replace(".value", "");
    path.strip_suffix(".?").unwrap_or(&path).to_string()
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
    let message = message.trim();
    if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key);
        return format!("expected each key once in a mapping, found `{key}` twice");
    }
    // An unquoted comma inside `{ … }` ends the value and starts a "key" made of prose.
    let prose_key = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .is_some_and(|(key, _)| key.contains(' '));
    if prose_key {
        format!("{message} (hint: inside `{{ … }}` a comma ends a value; quote text that contains commas)")
    } else {
        message.to_string()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(Spanned { value: spanned.value, loc: to_loc(spanned.referenced) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The library's default budget refuses a document of more than 250,000 nodes (about 1,600
    /// synthetic operations); a spec that large must still load.
    #[test]
    fn specs_beyond_the_default_node_budget_load() {
        let header =
            "service:\n  name: big\n  title: Big\n  api_version: v1\n  endpoint: https://big.{region}.example.com\n";
        let values: String = (0..90_000).map(|i| format!("      - {{ value: V{i} }}\n")).collect();
        let text = format!("{header}types:\n  - name: Big\n    description: Many values.\n    enum:\n{values}");
        let default_budget = serde_saphyr::from_str::<ServiceSpec>(&text);
        assert!(default_budget.is_err_and(|err| err.to_string().contains("budget")), "the default refuses it");
        let spec = parse(Path::new("big.yaml"), &text).expect("loads with the raised budget");
        assert_eq!(spec.types[0].values.as_ref().map(|values| values.len()), Some(90_000));
    }
}
