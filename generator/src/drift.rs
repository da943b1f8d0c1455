//! `drift`: what reference pages state now, against the spec drafted from them and curated
//! since. The pages are drafted as `import` drafts them (in memory), loaded and lowered like
//! any spec, and each page's operation is compared with the spec's by place, with the engine
//! `diff` uses ([`Compare`]): the same rules, the same wording, the same version bump. Facts the
//! spec records the page stating (`page:`, `from: sdk`) are decisions, shown apart: holding,
//! or changed on the page since.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use std::collections::BTreeSet;

use crate::diff::{self, Change, Compare, Decision, Match};
use crate::import::{self, PageResult};
use crate::ir::{Api, Operation, PathPart, Service, Type, TypeDef};

/// The drift of a set of pages against a spec directory.
#[derive(Debug, Serialize)]
pub struct Drift {
    pub pages: Vec<PageDrift>,
    /// Spec operations whose page was given but documents them no longer: `ecs/list_servers`.
    pub gone: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PageDrift {
    pub page: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The page documents an operation of the spec (`ecs/list_servers`).
    Compared {
        operation: String,
        /// The digest of the page's descriptions now, to record as the operation's
        /// `page_text` once the spec's descriptions are settled against them.
        page_text: String,
        /// The spec's `page_text` when it differs from the page's now: the page's descriptions
        /// changed since, and are compared.
        page_text_was: Option<String>,
        /// The spec's version bump if the page's facts were applied.
        bump: &'static str,
        changes: Vec<Change>,
        decisions: Vec<Decision>,
    },
    /// The page documents an operation the spec does not have.
    New { operation: String, method: String, path: String },
    /// Not an operation page.
    Skipped,
}

impl Outcome {
    /// Whether the page states something the spec does not: a change, a decision the page
    /// changed under, changed descriptions, or a new operation.
    pub fn drifted(&self) -> bool {
        match self {
            Outcome::Compared { changes, decisions, page_text_was, .. } => {
                !changes.is_empty() || decisions.iter().any(|d| !d.holds()) || page_text_was.is_some()
            }
            Outcome::New { .. } => true,
            Outcome::Skipped => false,
        }
    }
}

impl Drift {
    /// Whether any page drifted, or an operation's page no longer documents it.
    pub fn drifted(&self) -> bool {
        !self.gone.is_empty() || self.pages.iter().any(|page| page.outcome.drifted())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn to_text(&self, spec: &str) -> String {
        let count = |f: fn(&Outcome) -> bool| self.pages.iter().filter(|p| f(&p.outcome)).count();
        let drifted = count(
            |o| matches!(o, Outcome::Compared { changes, decisions, .. } if !changes.is_empty() || decisions.iter().any(|d| !d.holds())),
        );
        let mut out = format!(
            "Drift of {} page(s) against {spec}: {drifted} operation(s) drifted, {} new, {} gone\n",
            self.pages.len(),
            count(|o| matches!(o, Outcome::New { .. })),
            self.gone.len(),
        );
        let mut curated = Vec::new();
        for PageDrift { page, outcome } in &self.pages {
            match outcome {
                Outcome::Compared { operation, page_text, page_text_was, bump, changes, decisions } => {
                    let (holding, changed): (Vec<&Decision>, Vec<&Decision>) =
                        decisions.iter().partition(|d| d.holds());
                    curated.extend(holding);
                    if !outcome.drifted() {
                        let _ = writeln!(out, "\n{page} → {operation}: no drift");
                        continue;
                    }
                    let _ = writeln!(out, "\n{page} → {operation}: drifted; applying it is a {bump} change");
                    if let Some(was) = page_text_was {
                        let _ = writeln!(
                            out,
                            "  The page's descriptions changed (page_text {was} → {page_text}): settle the spec's, then record the new page_text."
                        );
                    }
                    diff::write_by_impact(&mut out, changes, "  ");
                    if !changed.is_empty() {
                        let _ =
                            writeln!(out, "\n  The page changed under a curated decision; review ({}):", changed.len());
                        for decision in changed {
                            let _ = writeln!(
                                out,
                                "  ! {}: {} {:?} when decided, {:?} now; the spec says {:?}{}",
                                decision.path,
                                decision.fact,
                                decision.page_then,
                                decision.page_now,
                                decision.spec,
                                because(decision)
                            );
                        }
                    }
                }
                Outcome::New { operation, method, path } => {
                    let _ = writeln!(out, "\n{page}: new operation {operation}: {method} {path}");
                }
                Outcome::Skipped => {
                    let _ = writeln!(out, "\n{page}: not an operation page");
                }
            }
        }
        for operation in &self.gone {
            let _ = writeln!(out, "\n{operation}: its page no longer documents it");
        }
        if !curated.is_empty() {
            let _ = writeln!(out, "\nCurated: the spec departs from the page on purpose ({}):", curated.len());
            for decision in curated {
                let _ = writeln!(
                    out,
                    "  = {}: {} {:?} on the page, {:?} in the spec{}",
                    decision.path,
                    decision.fact,
                    decision.page_now,
                    decision.spec,
                    because(decision)
                );
            }
        }
        out
    }
}

fn because(decision: &Decision) -> String {
    decision.note.as_ref().map_or_else(String::new, |note| format!(": {note}"))
}

/// Drafts `pages` and compares each page's operation with `spec_dir`'s. Errors: the spec does
/// not lower, a page cannot be read or drafted (naming it), or the draft does not lower.
pub fn drift(spec_dir: &Path, pages: &[PathBuf]) -> Result<Drift, String> {
    let spec = crate::lower_dir(spec_dir).map_err(|d| format!("{} does not lower:\n{d}", spec_dir.display()))?;
    let drafted = import::draft("pages", None, pages);
    for (page, result) in &drafted.pages {
        if let PageResult::Failed { place, message } = result {
            return Err(format!("{}: {place}: {message}", page.display()));
        }
    }
    let draft = match &drafted.text {
        None => Api { services: Vec::new() },
        Some(text) => {
            let path = Path::new("pages.yaml");
            let file = crate::load::load_str(path, text)
                .map_err(|d| format!("internal error: the pages' draft does not load; please report it:\n{d}"))?;
            crate::lower::lower(&[file])
                .map_err(|d| format!("internal error: the pages' draft does not lower; please report it:\n{d}"))?
        }
    };
    let draft_service = draft.services.first();

    let mut result = Drift { pages: Vec::new(), gone: Vec::new() };
    for (page, page_result) in &drafted.pages {
        let file = page.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let documented = match page_result {
            PageResult::Imported { operation, .. } => {
                draft_service.and_then(|s| Some((s, s.operations.iter().find(|op| &op.id == operation)?)))
            }
            _ => None,
        };
        let outcome = match documented {
            None => Outcome::Skipped,
            Some((page_service, page_op)) => match find(&spec, &file, page_op) {
                Some((service, op)) => {
                    let operation = format!("{}/{}", service.module, op.id);
                    let page_text = prose_digest(page_service, page_op);
                    let settled = op.page_text.as_ref() == Some(&page_text);
                    let compare = Compare::new(service, page_service, Match::ByPlace).on_page(&file);
                    let compare = if settled { compare.settled_prose() } else { compare };
                    let (changes, decisions) = compare.operation(&operation, op, page_op);
                    let page_text_was = op.page_text.clone().filter(|_| !settled);
                    Outcome::Compared {
                        operation,
                        page_text,
                        page_text_was,
                        bump: diff::bump(&changes),
                        changes,
                        decisions,
                    }
                }
                None => Outcome::New {
                    operation: page_op.id.clone(),
                    method: page_op.method.to_string(),
                    path: page_op.path_template.clone(),
                },
            },
        };
        if matches!(outcome, Outcome::Skipped) {
            result
                .gone
                .extend(operations_of(&spec, &file).map(|(service, op)| format!("{}/{}", service.module, op.id)));
        }
        result.pages.push(PageDrift { page: page.display().to_string(), outcome });
    }
    Ok(result)
}

/// A digest of every description the page gives the operation (its summary and description,
/// its parameters', bodies', responses' and their types' fields and enum values), as words:
/// neither presentation nor the order of rows changes it. FNV-1a, 64 bits, in hex: stable
/// across platforms and toolchains, which a spec file needs.
pub fn prose_digest(service: &Service, op: &Operation) -> String {
    let mut texts = BTreeSet::new();
    let mut add = |text: &Option<String>| {
        if let Some(text) = text {
            texts.insert(crate::prose::words(text).join(" "));
        }
    };
    add(&Some(op.summary.clone()));
    add(&op.description);
    let mut pending: Vec<&Type> = Vec::new();
    for param in &op.params {
        add(&param.field.description);
        pending.push(&param.field.ty);
    }
    if let Some(body) = &op.body {
        add(&body.description);
        pending.push(&body.ty);
    }
    for response in &op.responses {
        add(&response.description);
        pending.extend(&response.body);
        response.headers.iter().for_each(|header| add(&header.description));
    }
    let mut seen = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            Type::Array(inner) | Type::Map(inner) => pending.push(inner),
            Type::Named(id) if seen.insert(*id) => match service.type_def(*id) {
                TypeDef::Struct(s) => {
                    add(&s.description);
                    for field in &s.fields {
                        add(&field.description);
                        pending.push(&field.ty);
                    }
                }
                TypeDef::Enum(e) => {
                    add(&e.description);
                    e.values.iter().for_each(|value| add(&value.description));
                }
            },
            _ => {}
        }
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in texts.iter().flat_map(|text| text.bytes().chain([b'\n'])) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The spec operation a page documents: the one imported from it, else the one with its
/// method and path (parameter names aside), else the one with its id.
fn find<'a>(spec: &'a Api, file: &'a str, page_op: &Operation) -> Option<(&'a Service, &'a Operation)> {
    let all = || spec.services.iter().flat_map(|s| s.operations.iter().map(move |op| (s, op)));
    let same_shape = |op: &Operation| op.method == page_op.method && path_shape(op) == path_shape(page_op);
    operations_of(spec, file)
        .next()
        .or_else(|| all().find(|(_, op)| same_shape(op)))
        .or_else(|| all().find(|(_, op)| op.id == page_op.id))
}

fn operations_of<'a>(spec: &'a Api, file: &'a str) -> impl Iterator<Item = (&'a Service, &'a Operation)> + 'a {
    spec.services
        .iter()
        .flat_map(|s| s.operations.iter().map(move |op| (s, op)))
        .filter(move |(_, op)| import::source_page(&op.source) == file)
}

/// An operation's path as its literal segments, parameters by place whatever their names:
/// `/v1/{project_id}/servers` and `/v1/{tenant}/servers` alike.
fn path_shape(op: &Operation) -> Vec<Option<&str>> {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => Some(text.as_str()),
            PathPart::Param(_) => None,
        })
        .collect()
}
