//! What changed in the API between two specs, for a reviewer to read before the code diff:
//! services, operations, parameters, types, fields, enum values and rules, each classified by
//! what it means for the generated crate's users, with the version bump that implies. `drift`
//! classifies a page's changes against the spec with the same engine ([`Compare`]).
//!
//! The rules: removing anything, changing a type or a method or path, making a field required
//! (or no longer required: `T` and `Option<T>` differ), adding a required parameter or request
//! field, and tightening a rule of a type sent in requests are breaking. Adding an operation,
//! a type, an optional field or an enum value (enums are `#[non_exhaustive]`) and loosening a
//! rule are additive. Tightening a rule of a response-only type is additive too: responses are
//! never validated. Descriptions, examples, defaults, sources and response headers (which the
//! client does not read) are documentation.

mod compare;
mod spec_tree;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

pub use compare::{Compare, Match};
pub use spec_tree::SpecTree;

use crate::ir::Api;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    Breaking,
    Additive,
    Documentation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub impact: Impact,
    /// Where: `modelarts/list_notebooks/limit`, `modelarts/NotebookResp/token`.
    pub path: String,
    /// What, with the old and the new value: `range 1..=100 → 1..=50`.
    pub change: String,
}

/// Where the spec departs from a page on purpose (a `page` record, or a row taken from the
/// SDK), as `drift` meets it: what the page stated when the decision was made and what it
/// states now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Where: `modelarts/list_notebooks/workspace_id`.
    pub path: String,
    /// The fact: a `page` record's key (`type`, `name`, `max_length`…); `row` for a row the
    /// spec takes from the SDK or from another page sharing the type; `body` for an error body
    /// the page leaves out.
    pub fact: String,
    /// What the page stated when the decision was recorded (empty: it stated nothing).
    pub page_then: String,
    /// What the page states now.
    pub page_now: String,
    /// What the spec says instead.
    pub spec: String,
    /// The row's note: why.
    pub note: Option<String>,
}

impl Decision {
    /// Whether the page still states what it stated when the decision was made.
    pub fn holds(&self) -> bool {
        self.page_then == self.page_now
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.impact == Impact::Breaking)
    }

    /// `major`, `minor`, `patch` or `none`; for a 0.x crate, cargo reads a breaking change as
    /// a bump of x.
    pub fn bump(&self) -> &'static str {
        bump(&self.changes)
    }

    pub fn to_text(&self, old: &str, new: &str) -> String {
        let mut out = format!("API changes from {old} to {new}: suggested version bump {}\n", self.bump());
        write_by_impact(&mut out, &self.changes, "");
        out
    }

    pub fn to_json(&self) -> String {
        let value = serde_json::json!({ "bump": self.bump(), "changes": self.changes });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}

/// The version bump a list of changes calls for.
pub fn bump(changes: &[Change]) -> &'static str {
    match changes.iter().map(|c| c.impact).min() {
        Some(Impact::Breaking) => "major",
        Some(Impact::Additive) => "minor",
        Some(Impact::Documentation) => "patch",
        None => "none",
    }
}

/// Changes grouped under `Breaking (n):`, `Additive (n):`, `Documentation (n):`, each line
/// signed `-`, `+` or `~`; `indent` goes before every line.
pub fn write_by_impact(out: &mut String, changes: &[Change], indent: &str) {
    for (impact, title, sign) in [
        (Impact::Breaking, "Breaking", '-'),
        (Impact::Additive, "Additive", '+'),
        (Impact::Documentation, "Documentation", '~'),
    ] {
        let changes: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if !changes.is_empty() {
            let _ = writeln!(out, "\n{indent}{title} ({}):", changes.len());
            for change in changes {
                let _ = writeln!(out, "{indent}  {sign} {}: {}", change.path, change.change);
            }
        }
    }
}

pub fn diff(old: &Api, new: &Api) -> Report {
    let Api { services: old_services } = old;
    let Api { services: new_services } = new;
    let (old_services, new_services) = (by(old_services, |s| &s.module), by(new_services, |s| &s.module));
    let mut changes = Vec::new();
    for (name, old_service) in &old_services {
        match new_services.get(name) {
            Some(new_service) => changes.extend(Compare::new(old_service, new_service, Match::ByName).service()),
            None => changes.push(Change {
                impact: Impact::Breaking,
                path: name.to_string(),
                change: "service removed".into(),
            }),
        }
    }
    for name in new_services.keys().filter(|name| !old_services.contains_key(*name)) {
        changes.push(Change { impact: Impact::Additive, path: name.to_string(), change: "service added".into() });
    }
    Report { changes }
}

fn by<'a, T, K: Ord + 'a>(items: &'a [T], key: impl Fn(&'a T) -> K) -> BTreeMap<K, &'a T> {
    items.iter().map(|item| (key(item), item)).collect()
}
