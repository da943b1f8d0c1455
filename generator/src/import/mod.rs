//! Stage 0: reference pages → spec YAML, a front-end that only writes what `load` reads.
//!
//! Each page (HTML, or the flattened text of the seeds) is read into blocks (`page`), then
//! drafted into an operation and the types its tables describe (`draft`), with the facts its
//! descriptions state (`facts`); the drafts are written as spec YAML (`yaml`) into a new
//! file, or added to an existing one without touching its entries. Whatever the importer
//! could not settle is a `review:` note that `lint` lists.

mod draft;
mod facts;
mod html;
mod page;
mod spec;
mod text;
mod update;
mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heck::ToSnakeCase;

use crate::diagnostic::Diagnostic;
use crate::load::ServiceSpec;
use draft::{Outcome, Pages, Types};
use page::Page;
use spec::{OperationDraft, TypeDraft, TypeKind};
pub use update::{Applied, UpdateResult};

/// The largest page read: reference pages are tens of kilobytes; anything this large is not
/// one, and reading it would only hold the import up.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// What became of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageResult {
    Imported {
        operation: String,
        parameters: usize,
        fields: usize,
        types: usize,
    },
    /// The spec file has the operation already (its `source` names this page); left as it is.
    AlreadyThere {
        operation: String,
    },
    /// Not an operation page: no `METHOD /path` line in a URI section.
    Skipped,
    Failed {
        place: String,
        message: String,
    },
}

impl std::fmt::Display for PageResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageResult::Imported { operation, parameters, fields, types } => {
                write!(f, "imported {operation}: {parameters} parameter(s), {types} new type(s) with {fields} field(s)")
            }
            PageResult::AlreadyThere { operation } => write!(f, "already in the spec as {operation}; left as it is"),
            PageResult::Skipped => f.write_str("skipped: not an operation page (no METHOD /path in a URI section)"),
            PageResult::Failed { place, message } => write!(f, "failed at {place}: {message}"),
        }
    }
}

/// The outcome of an import: one result per page, in the order given, and the spec file.
#[derive(Debug)]
pub struct Report {
    pub pages: Vec<(PathBuf, PageResult)>,
    pub spec_file: PathBuf,
    /// Whether the spec file was written (false when nothing new was drafted).
    pub written: bool,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.pages.iter().any(|(_, result)| matches!(result, PageResult::Failed { .. }))
    }
}

/// Imports `pages` into `spec_dir/<service>.yaml`. A page that cannot be read or drafted is
/// reported and the others still import; the file is written atomically, and only when it
/// loads back. An error is returned for what stops the import as a whole: a service name that
/// is no module name, or an existing spec file that does not load.
pub fn import(service: &str, spec_dir: &Path, pages: &[PathBuf]) -> Result<Report, Diagnostic> {
    let spec_file = spec_dir.join(format!("{service}.yaml"));
    if service.to_snake_case() != service || !service.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(Diagnostic::io(
            &spec_file,
            format!("expected a snake_case service name (a module and feature name), found {service:?}"),
        ));
    }
    let existing = match std::fs::read_to_string(&spec_file) {
        Ok(text) => Some((crate::load::load_str(&spec_file, &text).map_err(|d| first(d, &spec_file))?, text)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(Diagnostic::io(&spec_file, format!("cannot read the spec file: {err}"))),
    };
    let existing = existing.as_ref().map(|(file, text)| (&file.spec, text.as_str()));
    let Drafted { pages: report_pages, text } = draft(service, existing, pages);
    let Some(text) = text else {
        return Ok(Report { pages: report_pages, spec_file, written: false });
    };
    // What is written must load: a draft that does not is the importer's bug, not the page's.
    if let Err(diagnostics) = crate::load::load_str(&spec_file, &text) {
        let first = first(diagnostics, &spec_file);
        return Err(Diagnostic::io(
            &spec_file,
            format!("internal error: the drafted spec does not load ({first}); please report it"),
        ));
    }
    crate::write::write_file(&spec_file, &text)
        .map_err(|err| Diagnostic::io(&spec_file, format!("cannot write the spec file: {err}")))?;
    Ok(Report { pages: report_pages, spec_file, written: true })
}

/// The outcome of `import --update`: one result per page, in the order given.
#[derive(Debug)]
pub struct UpdateReport {
    pub pages: Vec<(PathBuf, UpdateResult)>,
    pub spec_file: PathBuf,
    /// Whether the spec file was written (false when nothing changed).
    pub written: bool,
}

impl UpdateReport {
    pub fn failed(&self) -> bool {
        self.pages.iter().any(|(_, result)| matches!(result, UpdateResult::Imported(PageResult::Failed { .. })))
    }
}

/// Applies `pages` to `spec_dir/<service>.yaml` in place ([`update`]'s rules): the operations
/// the file has are updated from their pages (or removed when their page documents none), the
/// others added as `import` adds them. Written atomically, only when it loads, and only when
/// something changed; an error for a file that is missing or does not load.
pub fn update(service: &str, spec_dir: &Path, pages: &[PathBuf]) -> Result<UpdateReport, Diagnostic> {
    let spec_file = spec_dir.join(format!("{service}.yaml"));
    let text = std::fs::read_to_string(&spec_file).map_err(|err| {
        Diagnostic::io(&spec_file, format!("expected a spec file to update (import the pages first): {err}"))
    })?;
    let file = crate::load::load_str(&spec_file, &text).map_err(|d| first(d, &spec_file))?;
    let (updated, results) = update::apply(&file.spec, &text, pages);
    let internal = |stage: &str, diagnostics: crate::Diagnostics| {
        let first = first(diagnostics, &spec_file);
        Diagnostic::io(
            &spec_file,
            format!("internal error: the {stage} spec does not load ({first}); please report it"),
        )
    };
    let updated_spec = crate::load::load_str(&spec_file, &updated).map_err(|d| internal("updated", d))?;
    // Pages of operations the file lacks: drafted and added as `import` adds them.
    let Drafted { pages: drafted, text: added } = draft(service, Some((&updated_spec.spec, &updated)), pages);
    let text_out = added.unwrap_or(updated);
    crate::load::load_str(&spec_file, &text_out).map_err(|d| internal("updated", d))?;
    let pages = drafted
        .into_iter()
        .zip(results)
        .map(|((path, drafted), updated)| (path, updated.unwrap_or(UpdateResult::Imported(drafted))))
        .collect();
    let written = text_out != text;
    if written {
        crate::write::write_file(&spec_file, &text_out)
            .map_err(|err| Diagnostic::io(&spec_file, format!("cannot write the spec file: {err}")))?;
    }
    Ok(UpdateReport { pages, spec_file, written })
}

/// Pages drafted as spec YAML, written nowhere yet.
#[derive(Debug)]
pub struct Drafted {
    /// One result per page, in the order given.
    pub pages: Vec<(PathBuf, PageResult)>,
    /// The spec file's new text; `None` when nothing new was drafted.
    pub text: Option<String>,
}

/// Drafts `pages` as the spec file of `service`: a new file, or, given the `existing` spec and
/// its text, that text with the operations it lacks (by source page) and their types added.
pub fn draft(service: &str, existing: Option<(&ServiceSpec, &str)>, pages: &[PathBuf]) -> Drafted {
    let mut results: BTreeMap<usize, PageResult> = BTreeMap::new();
    let mut read: Vec<(usize, Page)> = Vec::new();
    for (index, path) in pages.iter().enumerate() {
        match read_page(path) {
            Ok(page) => read.push((index, page)),
            Err(failure) => {
                results.insert(index, failure);
            }
        }
    }
    // Drafted in file-name order, so ids and type names do not depend on the order given.
    read.sort_by(|(_, a), (_, b)| a.file.cmp(&b.file));
    let index = Pages { by_file: read.iter().map(|(_, page)| (page.file.as_str(), page)).collect() };

    let mut ids = BTreeSet::new();
    let mut types = Types::default();
    let mut sources = BTreeMap::new();
    if let Some((spec, _)) = existing {
        for op in &spec.operations {
            ids.insert(op.id.value.clone());
            sources.insert(source_page(&op.source).to_string(), op.id.value.clone());
        }
        for def in &spec.types {
            types.reserve(&def.name.value);
        }
    }
    let mut operations: Vec<OperationDraft> = Vec::new();
    for (position, page) in &read {
        if let Some(id) = sources.get(&page.file) {
            results.insert(*position, PageResult::AlreadyThere { operation: id.clone() });
            continue;
        }
        let before = types.drafts.len();
        let result = match draft::draft(page, &index, &mut types, &mut ids) {
            Ok(Outcome::Imported(op)) => {
                let new = &types.drafts[before..];
                let fields = new.iter().map(|t| if let TypeKind::Struct(f) = &t.kind { f.len() } else { 0 }).sum();
                let result = PageResult::Imported {
                    operation: op.id.clone(),
                    parameters: op.parameters.len(),
                    fields,
                    types: new.len(),
                };
                operations.push(*op);
                result
            }
            Ok(Outcome::Skipped) => PageResult::Skipped,
            Err(failure) => PageResult::Failed { place: failure.place, message: failure.message },
        };
        results.insert(*position, result);
    }
    types.avoid_generated_names(&mut operations);

    let pages = pages.iter().cloned().zip(results.into_values()).collect();
    let text = (!operations.is_empty() || !types.drafts.is_empty()).then(|| match existing {
        None => new_file(service, &read, &operations, &types),
        Some((_, text)) => add_to(text, &operations, &types.drafts),
    });
    Drafted { pages, text }
}

/// The page an operation's `source` names first (`01_0207.html` of `01_0207.html; response
/// body from 01_0208.html`): how `import` and `drift` find the operation a page documents.
pub fn source_page(source: &str) -> &str {
    source.split([';', ' ']).next().unwrap_or_default()
}

fn first(diagnostics: crate::Diagnostics, file: &Path) -> Diagnostic {
    diagnostics.0.into_iter().next().unwrap_or_else(|| Diagnostic::io(file, "the spec does not load"))
}

/// Reads one page file into blocks: HTML when it has markup, else the flattened text form.
fn read_page(path: &Path) -> Result<Page, PageResult> {
    let failed = |place: &str, message: String| PageResult::Failed { place: place.into(), message };
    let metadata = std::fs::metadata(path).map_err(|err| failed("the file", format!("cannot read it: {err}")))?;
    if metadata.len() > MAX_PAGE_BYTES {
        return Err(failed(
            "the file",
            format!("expected a reference page (at most {} bytes), found {} bytes", MAX_PAGE_BYTES, metadata.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|err| failed("the file", format!("cannot read it: {err}")))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        failed(&format!("byte {offset}"), "expected UTF-8 text, found a byte sequence that is not".into())
    })?;
    let file = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let page = if looks_like_html(&text) { html::read(&file, &text) } else { text::read(&file, &text) };
    if page.title.is_empty() && page.blocks.is_empty() {
        return Err(failed(
            "the file",
            "expected an HTML reference page or its text form, found no title and no text".into(),
        ));
    }
    Ok(page)
}

fn looks_like_html(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["<html", "<h1", "<table", "<p>", "<p ", "<div"].iter().any(|tag| lower.contains(tag))
}

/// The most common API version of the drafted paths (`v2.1`).
fn api_version(operations: &[OperationDraft]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for op in operations {
        let segment = op.path.trim_start_matches('/').split('/').next().unwrap_or_default();
        if segment.starts_with('v') {
            *counts.entry(segment.to_string()).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(_, count)| *count).map_or_else(|| "v1".to_string(), |(version, _)| version)
}

fn new_file(service: &str, pages: &[(usize, Page)], operations: &[OperationDraft], types: &Types) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Drafted by `huaweicloud-codegen import` from {} page(s). Check the title and",
        operations.len()
    );
    out.push_str("# endpoint, settle each `review:` note (`lint` lists them), then remove the note.\n");
    let _ = writeln!(out, "service:\n  name: {service}\n  title: {}", yaml::scalar(&service.to_uppercase(), false));
    let _ = writeln!(out, "  api_version: {}", yaml::scalar(&api_version(operations), false));
    let _ = writeln!(out, "  endpoint: https://{service}.{{region}}.myhuaweicloud.com");
    out.push_str("  sources:\n");
    let imported: BTreeSet<&str> =
        operations.iter().map(|op| op.source.split(';').next().unwrap_or_default()).collect();
    for (_, page) in pages.iter().filter(|(_, page)| imported.contains(page.file.as_str())) {
        let _ = writeln!(out, "    - {}", yaml::scalar(&format!("{}: {}", page.file, page.title), false));
    }
    append_sections(&mut out, operations, &types.drafts);
    out
}

fn append_sections(out: &mut String, operations: &[OperationDraft], types: &[TypeDraft]) {
    if !operations.is_empty() {
        out.push_str("\noperations:\n");
        out.push_str(&entries(operations, yaml::operation));
    }
    if !types.is_empty() {
        out.push_str("\ntypes:\n");
        out.push_str(&entries(types, yaml::type_def));
    }
}

/// List entries, a blank line between two.
fn entries<T>(items: &[T], write: fn(&mut String, &T)) -> String {
    let mut out = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        write(&mut out, item);
    }
    out
}

/// The existing file with the new operations and types added at the end of their sections;
/// every existing line stays as it was.
fn add_to(existing: &str, operations: &[OperationDraft], types: &[TypeDraft]) -> String {
    let mut out = existing.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for (key, text) in [("operations", entries(operations, yaml::operation)), ("types", entries(types, yaml::type_def))]
    {
        if text.is_empty() {
            continue;
        }
        match section_end(&out, key) {
            Some(end) => out.insert_str(end, &format!("\n{text}")),
            None => out.push_str(&format!("\n{key}:\n{text}")),
        }
    }
    out
}

/// Where the top-level `key:` section ends: before the next top-level key (blank lines and
/// comments before it stay with it), or at the end of the text.
fn section_end(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    let mut in_section = false;
    let mut end = None;
    for line in text.split_inclusive('\n') {
        let top_level = line.starts_with(|c: char| c.is_ascii_alphabetic());
        if top_level {
            if in_section {
                return end.or(Some(offset));
            }
            in_section = line.trim_end() == format!("{key}:");
        } else if in_section && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            end = Some(offset + line.len());
        }
        offset += line.len();
    }
    in_section.then_some(end.unwrap_or(text.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_entries_go_at_the_end_of_their_section() {
        let text = "service:\n  name: x\n\noperations:\n  - id: a\n\n# the types\ntypes:\n  - name: A\n";
        let end = section_end(text, "operations").unwrap();
        assert!(text[..end].ends_with("  - id: a\n") && text[end..].starts_with("\n# the types"));
        assert_eq!(&text[..section_end(text, "types").unwrap()], text);
        assert_eq!(section_end(text, "patterns"), None);
    }
}
