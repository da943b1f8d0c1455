//! What changed in the API between two specs, for a reviewer to read before the code diff:
//! services, operations, parameters, types, fields, enum values and rules, each classified by
//! what it means for the generated crate's users, with the version bump that implies.
//!
//! The rules: removing anything, changing a type or a method or path, making a field required
//! (or no longer required: `T` and `Option<T>` differ), adding a required parameter or request
//! field, and tightening a rule of a type sent in requests are breaking. Adding an operation,
//! a type, an optional field or an enum value (enums are `#[non_exhaustive]`) and loosening a
//! rule are additive. Tightening a rule of a response-only type is additive too: responses are
//! never validated. Descriptions are documentation.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;

use crate::ir::{Api, Bounds, Enum, Field, Number, Operation, Service, Struct, Type, TypeDef};

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
    pub change: String,
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
        match self.changes.iter().map(|c| c.impact).min() {
            Some(Impact::Breaking) => "major",
            Some(Impact::Additive) => "minor",
            Some(Impact::Documentation) => "patch",
            None => "none",
        }
    }

    pub fn to_text(&self, old: &str, new: &str) -> String {
        let mut out = format!("API changes from {old} to {new}: suggested version bump {}\n", self.bump());
        for (impact, title, sign) in [
            (Impact::Breaking, "Breaking", '-'),
            (Impact::Additive, "Additive", '+'),
            (Impact::Documentation, "Documentation", '~'),
        ] {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.impact == impact).collect();
            if !changes.is_empty() {
                let _ = writeln!(out, "\n{title} ({}):", changes.len());
                for change in changes {
                    let _ = writeln!(out, "  {sign} {}: {}", change.path, change.change);
                }
            }
        }
        out
    }

    pub fn to_json(&self) -> String {
        let value = serde_json::json!({ "bump": self.bump(), "changes": self.changes });
        serde_json::to_string_pretty(&value).unwrap_or_default()
    }
}

pub fn diff(old: &Api, new: &Api) -> Report {
    let mut report = Report::default();
    let (old_services, new_services) = (by(&old.services, |s| &s.module), by(&new.services, |s| &s.module));
    for (name, old_service) in &old_services {
        match new_services.get(name) {
            Some(new_service) => Differ { report: &mut report, old: old_service, new: new_service }.service(),
            None => report.push(Impact::Breaking, name, "service removed"),
        }
    }
    for name in new_services.keys().filter(|name| !old_services.contains_key(*name)) {
        report.push(Impact::Additive, name, "service added");
    }
    report
}

impl Report {
    fn push(&mut self, impact: Impact, path: &str, change: impl Into<String>) {
        self.changes.push(Change { impact, path: path.to_string(), change: change.into() });
    }
}

fn by<'a, T, K: Ord + 'a>(items: &'a [T], key: impl Fn(&'a T) -> K) -> BTreeMap<K, &'a T> {
    items.iter().map(|item| (key(item), item)).collect()
}

struct Differ<'a> {
    report: &'a mut Report,
    old: &'a Service,
    new: &'a Service,
}

impl Differ<'_> {
    fn service(&mut self) {
        let module = self.new.module.clone();
        let (old_ops, new_ops) = (by(&self.old.operations, |o| &o.id), by(&self.new.operations, |o| &o.id));
        for (id, old_op) in &old_ops {
            let path = format!("{module}/{id}");
            match new_ops.get(id) {
                Some(new_op) => self.operation(&path, old_op, new_op),
                None => self.report.push(Impact::Breaking, &path, "operation removed"),
            }
        }
        for (id, op) in new_ops.iter().filter(|(id, _)| !old_ops.contains_key(*id)) {
            self.report.push(
                Impact::Additive,
                &format!("{module}/{id}"),
                format!("operation added: {} {}", op.method, op.path_template),
            );
        }
        let requested = request_types(self.new);
        let (old_types, new_types) = (by(&self.old.types, type_ident), by(&self.new.types, type_ident));
        for (ident, old_type) in &old_types {
            let path = format!("{module}/{ident}");
            match (old_type, new_types.get(ident)) {
                (_, None) => self.report.push(Impact::Breaking, &path, "type removed"),
                (TypeDef::Struct(old), Some(TypeDef::Struct(new))) => {
                    self.fields(&path, &old.fields, &new.fields, requested.contains(*ident));
                    self.description(&path, &old.description, &new.description);
                }
                (TypeDef::Enum(old), Some(TypeDef::Enum(new))) => self.enumeration(&path, old, new),
                (_, Some(_)) => self.report.push(Impact::Breaking, &path, "changed between struct and enum"),
            }
        }
        for ident in new_types.keys().filter(|ident| !old_types.contains_key(*ident)) {
            self.report.push(Impact::Additive, &format!("{module}/{ident}"), "type added");
        }
    }

    fn operation(&mut self, path: &str, old: &Operation, new: &Operation) {
        if (&old.method, &old.path_template) != (&new.method, &new.path_template) {
            let change = format!("{} {} → {} {}", old.method, old.path_template, new.method, new.path_template);
            self.report.push(Impact::Breaking, path, change);
        }
        let params = |op: &Operation| op.params.iter().map(|p| p.field.clone()).collect::<Vec<_>>();
        self.fields(path, &params(old), &params(new), true);
        let body = |service: &Service, op: &Operation| op.body.as_ref().map(|b| service.type_name(&b.ty));
        let (old_body, new_body) = (body(self.old, old), body(self.new, new));
        if old_body != new_body {
            let show = |b: Option<String>| b.unwrap_or_else(|| "none".into());
            self.report.push(Impact::Breaking, path, format!("request body {} → {}", show(old_body), show(new_body)));
        }
        let output = |service: &Service, op: &Operation| {
            op.responses.iter().filter(|r| r.is_success()).find_map(|r| r.body.as_ref()).map(|ty| service.type_name(ty))
        };
        let (old_output, new_output) = (output(self.old, old), output(self.new, new));
        if old_output != new_output {
            let show = |b: Option<String>| b.unwrap_or_else(|| "none".into());
            self.report.push(
                Impact::Breaking,
                path,
                format!("response body {} → {}", show(old_output), show(new_output)),
            );
        }
        let statuses = |op: &Operation| op.responses.iter().map(|r| r.status).collect::<BTreeSet<_>>();
        let (old_statuses, new_statuses) = (statuses(old), statuses(new));
        for status in new_statuses.difference(&old_statuses) {
            self.report.push(Impact::Additive, path, format!("response {status} documented"));
        }
        for status in old_statuses.difference(&new_statuses) {
            self.report.push(Impact::Documentation, path, format!("response {status} no longer documented"));
        }
        self.description(path, &Some(old.summary.clone()), &Some(new.summary.clone()));
    }

    /// Struct fields, or an operation's parameters (`sent` is true for both of those that go
    /// into requests).
    fn fields(&mut self, path: &str, old: &[Field], new: &[Field], sent: bool) {
        let (old_fields, new_fields) = (by(old, |f| &f.wire), by(new, |f| &f.wire));
        for (wire, old_field) in &old_fields {
            let path = format!("{path}/{wire}");
            let Some(new_field) = new_fields.get(wire) else {
                self.report.push(Impact::Breaking, &path, "removed");
                continue;
            };
            let (old_type, new_type) = (field_type(self.old, old_field), field_type(self.new, new_field));
            if self.old.type_name(&old_field.ty) != self.new.type_name(&new_field.ty)
                || old_field.sensitive != new_field.sensitive
            {
                self.report.push(Impact::Breaking, &path, format!("type {old_type} → {new_type}"));
            } else if old_field.required != new_field.required {
                let change = if new_field.required { "now required" } else { "no longer required" };
                self.report.push(Impact::Breaking, &path, change);
            }
            self.rules(&path, old_field, new_field, sent);
            self.description(&path, &old_field.description, &new_field.description);
        }
        for (wire, field) in new_fields.iter().filter(|(wire, _)| !old_fields.contains_key(*wire)) {
            let impact = if field.required && sent { Impact::Breaking } else { Impact::Additive };
            self.report.push(impact, &format!("{path}/{wire}"), format!("added ({})", field_type(self.new, field)));
        }
    }

    fn rules(&mut self, path: &str, old: &Field, new: &Field, sent: bool) {
        let tightened = if sent { Impact::Breaking } else { Impact::Additive };
        let (old_rules, new_rules) = (&old.rules, &new.rules);
        let regex = |service: &Service, field: &Field| {
            field
                .rules
                .pattern
                .as_ref()
                .and_then(|ident| service.patterns.iter().find(|p| &p.ident == ident))
                .map(|p| p.regex.clone())
        };
        let (old_regex, new_regex) = (regex(self.old, old), regex(self.new, new));
        if old_regex != new_regex {
            let show = |r: &Option<String>| r.clone().unwrap_or_else(|| "none".into());
            let impact = if new_regex.is_none() { Impact::Additive } else { tightened };
            self.report.push(impact, path, format!("pattern {} → {}", show(&old_regex), show(&new_regex)));
        }
        let as_f64 = |n: Number| match n {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        };
        let count = |b: Option<Bounds<u64>>| b.map(|b| (b.min.map(|m| m as f64), b.max.map(|m| m as f64)));
        let number = |b: Option<Bounds<Number>>| b.map(|b| (b.min.map(as_f64), b.max.map(as_f64)));
        for (name, old_bounds, new_bounds) in [
            ("length", count(old_rules.length), count(new_rules.length)),
            ("range", number(old_rules.range), number(new_rules.range)),
            ("item count", count(old_rules.items), count(new_rules.items)),
        ] {
            let (old_min, old_max) = old_bounds.unwrap_or((None, None));
            let (new_min, new_max) = new_bounds.unwrap_or((None, None));
            if (old_min, old_max) == (new_min, new_max) {
                continue;
            }
            let narrower_min = match (old_min, new_min) {
                (None, Some(_)) => true,
                (Some(old), Some(new)) => new > old,
                _ => false,
            };
            let narrower_max = match (old_max, new_max) {
                (None, Some(_)) => true,
                (Some(old), Some(new)) => new < old,
                _ => false,
            };
            let impact = if narrower_min || narrower_max { tightened } else { Impact::Additive };
            let (old, new) = (Bounds { min: old_min, max: old_max }, Bounds { min: new_min, max: new_max });
            self.report.push(impact, path, format!("{name} {old} → {new}"));
        }
    }

    fn enumeration(&mut self, path: &str, old: &Enum, new: &Enum) {
        let values = |e: &Enum| e.values.iter().map(|v| v.wire.clone()).collect::<BTreeSet<_>>();
        let (old_values, new_values) = (values(old), values(new));
        for value in old_values.difference(&new_values) {
            self.report.push(Impact::Breaking, path, format!("value {value} removed"));
        }
        for value in new_values.difference(&old_values) {
            self.report.push(Impact::Additive, path, format!("value {value} added"));
        }
        match (old.open, new.open) {
            (true, false) => {
                self.report.push(Impact::Breaking, path, "closed: undocumented values are now rejected in requests")
            }
            (false, true) => {
                self.report.push(Impact::Additive, path, "opened: undocumented values are now accepted in requests")
            }
            _ => {}
        }
        self.description(path, &old.description, &new.description);
    }

    fn description(&mut self, path: &str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.report.push(Impact::Documentation, path, "description changed");
        }
    }
}

fn type_ident(def: &TypeDef) -> &String {
    match def {
        TypeDef::Struct(Struct { ident, .. }) | TypeDef::Enum(Enum { ident, .. }) => ident,
    }
}

/// Struct types that go into requests: bodies and what they contain.
fn request_types(service: &Service) -> BTreeSet<String> {
    let mut pending: Vec<&Type> = service.operations.iter().filter_map(|op| op.body.as_ref().map(|b| &b.ty)).collect();
    let mut found = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => pending.push(inner),
            Type::Named(id) if found.insert(service.type_def(*id).ident().to_string()) => {
                if let Some(s) = service.struct_def(*id) {
                    pending.extend(s.fields.iter().map(|f| &f.ty));
                }
            }
            _ => {}
        }
    }
    found
}

fn field_type(service: &Service, field: &Field) -> String {
    let optional = if field.required { "required" } else { "optional" };
    let sensitive = if field.sensitive { ", sensitive" } else { "" };
    format!("{optional} {}{sensitive}", service.type_name(&field.ty))
}

/// One side of a diff: a directory of spec files, or the spec directory at a git revision.
pub enum SpecTree {
    Directory(PathBuf),
    Git { revision: String, spec_dir: PathBuf, checkout: PathBuf },
}

impl SpecTree {
    /// A directory when `arg` is one; otherwise a git revision of `spec_dir`, whose files are
    /// read with `git show` into a temporary directory.
    pub fn resolve(arg: &str, spec_dir: &Path) -> Result<SpecTree, String> {
        if Path::new(arg).is_dir() {
            return Ok(SpecTree::Directory(PathBuf::from(arg)));
        }
        let git = |args: &[&str]| -> Result<String, String> {
            let output = Command::new("git").args(args).output().map_err(|err| format!("cannot run git: {err}"))?;
            if !output.status.success() {
                return Err(format!(
                    "{arg:?} is neither a directory nor a git revision: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ));
            }
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        };
        let prefix = format!("./{}/", spec_dir.display());
        let listing = git(&["ls-tree", "--name-only", arg, &prefix])?;
        let checkout = std::env::temp_dir().join(format!("hwc-diff-{}-{}", std::process::id(), sanitize(arg)));
        std::fs::create_dir_all(&checkout).map_err(|err| format!("cannot create {}: {err}", checkout.display()))?;
        for path in listing.lines().filter(|p| p.ends_with(".yaml") || p.ends_with(".yml")) {
            let name = Path::new(path).file_name().ok_or("git listed an empty path")?;
            let text = git(&["show", &format!("{arg}:./{path}")])?;
            std::fs::write(checkout.join(name), text)
                .map_err(|err| format!("cannot write {}: {err}", checkout.display()))?;
        }
        Ok(SpecTree::Git { revision: arg.to_string(), spec_dir: spec_dir.to_path_buf(), checkout })
    }

    pub fn label(&self) -> String {
        match self {
            SpecTree::Directory(dir) => dir.display().to_string(),
            SpecTree::Git { revision, spec_dir, .. } => format!("{revision}:{}", spec_dir.display()),
        }
    }

    pub fn lower(&self) -> Result<Api, String> {
        let dir = match self {
            SpecTree::Directory(dir) => dir,
            SpecTree::Git { checkout, .. } => checkout,
        };
        crate::lower_dir(dir).map_err(|diagnostics| format!("{} does not lower:\n{diagnostics}", self.label()))
    }
}

impl Drop for SpecTree {
    fn drop(&mut self) {
        if let SpecTree::Git { checkout, .. } = self {
            let _ = std::fs::remove_dir_all(checkout);
        }
    }
}

fn sanitize(revision: &str) -> String {
    revision.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}
