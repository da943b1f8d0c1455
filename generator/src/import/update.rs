//! `import --update`: each page's current facts applied to the spec file in place.
//!
//! A page's operation is found by its `source`, drafted afresh, and matched with the spec's
//! row by row: parameters and struct fields by name (a `page: { name }` record's name for a
//! renamed row), enum values by value, responses by status, the types a row holds by place
//! (the body with the body, a field's type with the same field's). A row whose facts changed
//! is rewritten in the importer's layout; a new row goes after the last of its list; a row the
//! page no longer has is removed; so is an operation whose page documents none. Rows that
//! record a decision (`page`, `from`, `note`) or hold what only the spec knows (`sensitive`,
//! `format`, `example`) are left exactly as they are, and listed when the page changed under
//! them. Every other byte of the file stays: comments, order, the layout of untouched rows.
//! Operations whose `page_text` is recorded keep their (settled) descriptions.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::draft::{self, Outcome, Pages, Types};
use super::facts::Number;
use super::spec::{FieldDraft, OperationDraft, ResponseDraft, TypeDraft, TypeKind, Value};
use super::{PageResult, read_page, source_page, yaml};
use crate::load::{Bound, FieldSpec, Scalar, ServiceSpec, TypeSpec};
use crate::prose::same_words;

/// What an update did to one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub changed: usize,
    pub added: usize,
    pub removed: usize,
    pub new_types: usize,
    /// Rows that record a decision, left as they are though the page changed them:
    /// `parameters.limit`, `types.Flavor.id`.
    pub kept: Vec<String>,
}

impl std::fmt::Display for Applied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} row(s) changed, {} added, {} removed, {} new type(s)",
            self.changed, self.added, self.removed, self.new_types
        )?;
        if !self.kept.is_empty() {
            write!(f, "; kept as recorded, though the page changed them (review): {}", self.kept.join(", "))?;
        }
        Ok(())
    }
}

/// One replacement in the spec text: the bytes `start..end` become `text`.
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// The spec text with its lines' byte offsets, to find a row's extent from its location.
struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { text, starts }
    }

    fn line(&self, index: usize) -> &'t str {
        let start = self.starts[index];
        let end = self.starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        &self.text[start..end]
    }

    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }

    /// The list item a key on `line` (1-based) belongs to: its byte range (whole lines, up to
    /// its last non-blank line) and the column of its `-`.
    fn item(&self, line: u32) -> Option<(usize, usize, usize)> {
        let mut first = usize::try_from(line).ok()?.checked_sub(1)?;
        while !self.line(first).trim_start().starts_with("- ") {
            first = first.checked_sub(1)?;
        }
        let dash = Self::indent(self.line(first));
        Some((self.starts[first], self.block_end(first, dash), dash))
    }

    /// The byte range of `key:` (at column `indent`) and its value, among the lines of the item
    /// starting at byte `start` and ending at byte `end`.
    fn key(&self, start: usize, end: usize, indent: usize, key: &str) -> Option<(usize, usize)> {
        let first = self.starts.iter().position(|&s| s >= start)?;
        let prefix = format!("{}{key}:", " ".repeat(indent));
        let at = (first..self.starts.len())
            .take_while(|&i| self.starts[i] < end)
            .find(|&i| self.line(i).starts_with(&prefix))?;
        Some((self.starts[at], self.block_end(at, indent)))
    }

    /// Where the block opened on line `first` ends: after its last non-blank line, before the
    /// first non-blank line indented `indent` or less.
    fn block_end(&self, first: usize, indent: usize) -> usize {
        let last = (first + 1..self.starts.len())
            .map(|index| (index, self.line(index)))
            .filter(|(_, line)| !line.trim().is_empty())
            .take_while(|(_, line)| Self::indent(line) > indent)
            .last()
            .map_or(first, |(index, _)| index);
        self.starts.get(last + 1).copied().unwrap_or(self.text.len())
    }
}

/// A field row of the spec, by the name the page gives it.
struct Row<'s> {
    key: String,
    line: u32,
    field: &'s FieldSpec,
}

pub(super) struct Updater<'a> {
    spec: &'a ServiceSpec,
    lines: Lines<'a>,
    edits: Vec<Edit>,
    /// The types of the spec, by name.
    types: BTreeMap<&'a str, &'a TypeSpec>,
    /// Drafted types already paired with a spec type or added, so each is handled once.
    paired: BTreeMap<String, String>,
    /// Spec types already updated.
    updated: BTreeSet<String>,
    /// Drafted types to add to the spec file.
    new_types: Vec<TypeDraft>,
}

impl<'a> Updater<'a> {
    pub(super) fn new(spec: &'a ServiceSpec, text: &'a str) -> Self {
        let types = spec.types.iter().map(|t| (t.name.value.as_str(), t)).collect();
        Updater {
            spec,
            lines: Lines::new(text),
            edits: Vec::new(),
            types,
            paired: BTreeMap::new(),
            updated: BTreeSet::new(),
            new_types: Vec::new(),
        }
    }

    /// Applies a page's drafted operation to the spec's operation at `index`.
    pub(super) fn operation(&mut self, index: usize, draft: &OperationDraft, drafts: &[TypeDraft]) -> Applied {
        let op = &self.spec.operations[index];
        let settled = op.page_text.is_some();
        let mut applied = Applied::default();
        let rows = op.parameters.iter().map(field_row).collect();
        self.rows("parameters", rows, &draft.parameters, drafts, settled, &mut applied);
        if let (Some(body), Some(drafted)) = (&op.body, &draft.body) {
            self.pair(&body.type_name.value, drafted, drafts, settled, &mut applied);
        }
        let spec_output = op
            .responses
            .iter()
            .filter(|r| (200..300).contains(&r.status.value))
            .find_map(|r| r.body.as_ref().map(|b| b.type_name.value.clone()));
        let draft_output =
            draft.responses.iter().filter(|r| (200..300).contains(&r.status)).find_map(|r| r.body.clone());
        if let (Some(spec_body), Some(draft_body)) = (spec_output, draft_output) {
            self.pair(&spec_body, &draft_body, drafts, settled, &mut applied);
        }
        self.responses(index, &draft.responses, drafts, settled, &mut applied);
        self.operation_texts(index, draft, settled, &mut applied);
        applied
    }

    /// The operation's summary, description and example requests, as the page gives them now
    /// (its descriptions only while no `page_text` says they were settled).
    fn operation_texts(&mut self, index: usize, draft: &OperationDraft, settled: bool, applied: &mut Applied) {
        let op = &self.spec.operations[index];
        let Some((start, end, dash)) = self.lines.item(op.id.loc.line) else { return };
        let indent = dash + 2;
        let mut texts: Vec<(&str, String)> = Vec::new();
        if !settled && !same_words(Some(op.summary.as_str()), Some(draft.summary.as_str())) {
            let mut text = String::new();
            yaml::text_entry(&mut text, indent, "summary", &draft.summary);
            texts.push(("summary", text));
        }
        if !settled && !same_words(op.description.as_deref(), draft.description.as_deref()) {
            let mut text = String::new();
            if let Some(description) = &draft.description {
                yaml::text_entry(&mut text, indent, "description", description);
            }
            texts.push(("description", text));
        }
        let spec_examples: Vec<String> = op.example_request.0.iter().map(|e| e.value.clone()).collect();
        if !same_examples(&spec_examples, &draft.example_requests) {
            let mut text = String::new();
            yaml::example_entry(&mut text, indent, "example_request", &draft.example_requests);
            texts.push(("example_request", text));
        }
        for (key, text) in texts {
            match self.lines.key(start, end, indent, key) {
                Some((from, to)) => self.edits.push(Edit { start: from, end: to, text }),
                // A key the spec lacks goes after `source`, which every operation has.
                None => match self.lines.key(start, end, indent, "source") {
                    Some((_, after)) => self.edits.push(Edit { start: after, end: after, text }),
                    None => continue,
                },
            }
            applied.changed += 1;
        }
    }

    /// Removes the operation at `index`: its page documents none now.
    pub(super) fn remove_operation(&mut self, index: usize) {
        if let Some((start, end, _)) = self.lines.item(self.spec.operations[index].id.loc.line) {
            self.edits.push(Edit { start, end, text: String::new() });
        }
    }

    /// The spec text with every edit applied, and the drafted types to add.
    pub(super) fn finish(mut self) -> (String, Vec<TypeDraft>) {
        // From the end, so earlier offsets hold; at one offset, a replacement before an
        // insertion, so the insertion is not replaced with it.
        self.edits.sort_by_key(|edit| (std::cmp::Reverse(edit.start), edit.start == edit.end));
        let mut text = self.lines.text.to_string();
        for edit in &self.edits {
            text.replace_range(edit.start..edit.end, &edit.text);
        }
        (text, self.new_types)
    }

    /// A spec type and the drafted type in its place: struct fields or enum values updated.
    fn pair(&mut self, spec_expr: &str, draft_expr: &str, drafts: &[TypeDraft], settled: bool, applied: &mut Applied) {
        let (Some(spec_name), Some(draft_name)) = (draft::named_type(spec_expr), draft::named_type(draft_expr)) else {
            return;
        };
        let (Some(spec_type), Some(drafted)) =
            (self.types.get(spec_name.as_str()).copied(), drafts.iter().find(|t| t.name == draft_name))
        else {
            return;
        };
        // A type several operations share is updated from the first page that holds it.
        if self.paired.insert(draft_name.clone(), spec_name.clone()).is_some()
            || !self.updated.insert(spec_name.clone())
        {
            return;
        }
        match (&drafted.kind, &spec_type.fields, &spec_type.values) {
            (TypeKind::Struct(fields), Some(spec_fields), _) => {
                let rows = spec_fields.value.iter().map(field_row).collect();
                self.rows(&format!("types.{spec_name}"), rows, fields, drafts, settled, applied);
            }
            (TypeKind::Enum { values, integer }, _, Some(spec_values)) => {
                // Values from the SDK or the examples are the spec's own.
                if spec_type.values_from.as_ref().is_some_and(|from| from.value != "page") {
                    return;
                }
                let spec_rows: Vec<(String, u32, Option<&String>)> = spec_values
                    .value
                    .iter()
                    .map(|v| (v.value.value.clone(), v.value.loc.line, v.description.as_ref()))
                    .collect();
                self.enum_values(&spec_rows, values, *integer, settled, applied);
            }
            _ => {}
        }
    }

    /// Updates a list of spec rows from the drafted rows: changed rows rewritten, new ones
    /// added after the last, gone ones removed; recorded decisions kept.
    fn rows(
        &mut self,
        place: &str,
        spec_rows: Vec<Row<'a>>,
        drafted: &[FieldDraft],
        drafts: &[TypeDraft],
        settled: bool,
        applied: &mut Applied,
    ) {
        let by_key: BTreeMap<&str, &FieldDraft> = drafted.iter().map(|f| (f.name.as_str(), f)).collect();
        let mut end_of_list = None;
        for row in &spec_rows {
            let field = row.field;
            let Some((start, end, dash)) = self.lines.item(row.line) else { continue };
            end_of_list = Some((end, dash));
            let curated = is_curated(field);
            let Some(page_row) = by_key.get(row.key.as_str()) else {
                if !curated {
                    self.edits.push(Edit { start, end, text: String::new() });
                    applied.removed += 1;
                }
                continue;
            };
            let as_on_page = *page_row;
            let mut page_row = as_on_page.clone();
            page_row.name = field.name.value.clone();
            page_row.type_expr = self.type_expr(&field.type_expr.value, &page_row.type_expr, drafts, settled, applied);
            if settled {
                page_row.description = field.description.clone();
            }
            let mut spec_row = as_draft(field);
            spec_row.review.clear();
            let review = std::mem::take(&mut page_row.review);
            if same_facts(&spec_row, &page_row) {
                continue;
            }
            if curated {
                if !record_holds(field, as_on_page) {
                    applied.kept.push(format!("{place}.{}", row.key));
                }
                continue;
            }
            page_row.review = review;
            let mut text = String::new();
            yaml::field_item(&mut text, dash, &page_row);
            self.edits.push(Edit { start, end, text });
            applied.changed += 1;
        }
        let known: BTreeSet<&str> = spec_rows.iter().map(|row| row.key.as_str()).collect();
        let added: Vec<&FieldDraft> = drafted.iter().filter(|f| !known.contains(f.name.as_str())).collect();
        let Some((end, dash)) = end_of_list.filter(|_| !added.is_empty()) else { return };
        let mut text = String::new();
        for field in added {
            let mut field = field.clone();
            field.type_expr = self.type_expr("", &field.type_expr, drafts, settled, applied);
            yaml::field_item(&mut text, dash, &field);
            applied.added += 1;
        }
        self.edits.push(Edit { start: end, end, text });
    }

    /// The drafted type expression in the spec's names: a type in the place of a spec type
    /// is that type (updated from the draft); a new one is added under its drafted name.
    fn type_expr(
        &mut self,
        spec_expr: &str,
        draft_expr: &str,
        drafts: &[TypeDraft],
        settled: bool,
        applied: &mut Applied,
    ) -> String {
        // A String where the spec has an enum whose values come from the SDK or the examples:
        // `values_from` records that the page lists none (as `drift` reads it).
        let spec_enum = draft::named_type(spec_expr).and_then(|name| self.types.get(name.as_str()).copied());
        let values_elsewhere = spec_enum
            .is_some_and(|t| t.values.is_some() && t.values_from.as_ref().is_some_and(|from| from.value != "page"));
        if values_elsewhere
            && canonical(draft_expr)
                == canonical(&spec_expr.replace(&draft::named_type(spec_expr).unwrap_or_default(), "String"))
        {
            return spec_expr.to_string();
        }
        let Some(draft_name) = draft::named_type(draft_expr) else { return draft_expr.to_string() };
        let Some(drafted) = drafts.iter().find(|t| t.name == draft_name) else { return draft_expr.to_string() };
        let spec_name = draft::named_type(spec_expr).filter(|name| self.types.contains_key(name.as_str()));
        match spec_name {
            Some(spec_name) if canonical(&draft_expr.replace(&draft_name, &spec_name)) == canonical(spec_expr) => {
                self.pair(spec_expr, draft_expr, drafts, settled, applied);
                spec_expr.to_string()
            }
            Some(spec_name) => {
                self.pair(spec_expr, draft_expr, drafts, settled, applied);
                draft_expr.replace(&draft_name, &spec_name)
            }
            None => {
                if !self.paired.contains_key(&draft_name) {
                    self.paired.insert(draft_name.clone(), draft_name.clone());
                    self.add_type(drafted, drafts, applied);
                }
                draft_expr.to_string()
            }
        }
    }

    /// A drafted type the spec lacks, with the new types its fields hold.
    fn add_type(&mut self, drafted: &TypeDraft, drafts: &[TypeDraft], applied: &mut Applied) {
        self.new_types.push(drafted.clone());
        applied.new_types += 1;
        if let TypeKind::Struct(fields) = &drafted.kind {
            for field in fields {
                let Some(name) = draft::named_type(&field.type_expr) else { continue };
                if let Some(inner) = drafts.iter().find(|t| t.name == name)
                    && !self.paired.contains_key(&name)
                {
                    self.paired.insert(name.clone(), name.clone());
                    self.add_type(inner, drafts, applied);
                }
            }
        }
    }

    /// Enum values by value: gone ones removed, new ones added after the last, a value whose
    /// description changed rewritten (unless the operation's descriptions are settled).
    fn enum_values(
        &mut self,
        spec_rows: &[(String, u32, Option<&String>)],
        values: &[(String, Option<String>)],
        integer: bool,
        settled: bool,
        applied: &mut Applied,
    ) {
        let drafted: BTreeMap<&str, Option<&String>> =
            values.iter().map(|(value, description)| (value.as_str(), description.as_ref())).collect();
        let mut end_of_list = None;
        for (value, line, description) in spec_rows {
            let Some((start, end, dash)) = self.lines.item(*line) else { continue };
            end_of_list = Some((end, dash));
            match drafted.get(value.as_str()) {
                None => {
                    self.edits.push(Edit { start, end, text: String::new() });
                    applied.removed += 1;
                }
                Some(page) if !settled && !same_words(page.map(String::as_str), description.map(String::as_str)) => {
                    let mut text = String::new();
                    yaml::enum_value_item(&mut text, dash, value, page.map(String::as_str), integer);
                    self.edits.push(Edit { start, end, text });
                    applied.changed += 1;
                }
                Some(_) => {}
            }
        }
        let known: BTreeSet<&str> = spec_rows.iter().map(|(value, _, _)| value.as_str()).collect();
        let Some((end, dash)) = end_of_list else { return };
        let mut text = String::new();
        for (value, description) in values.iter().filter(|(value, _)| !known.contains(value.as_str())) {
            yaml::enum_value_item(&mut text, dash, value, description.as_deref(), integer);
            applied.added += 1;
        }
        if !text.is_empty() {
            self.edits.push(Edit { start: end, end, text });
        }
    }

    /// A response both document is rewritten when its description or examples changed,
    /// keeping the spec's body type (paired above) and unless it lists headers, which may hold
    /// what only the spec knows.
    fn responses(
        &mut self,
        index: usize,
        drafted: &[ResponseDraft],
        drafts: &[TypeDraft],
        settled: bool,
        applied: &mut Applied,
    ) {
        let op = &self.spec.operations[index];
        let known: BTreeSet<u16> = op.responses.iter().map(|r| r.status.value).collect();
        let documented: BTreeMap<u16, &ResponseDraft> = drafted.iter().map(|r| (r.status, r)).collect();
        let mut end_of_list = None;
        for response in &op.responses {
            let Some((start, end, dash)) = self.lines.item(response.status.loc.line) else { continue };
            end_of_list = Some((end, dash));
            let Some(page) = documented.get(&response.status.value) else {
                self.edits.push(Edit { start, end, text: String::new() });
                applied.removed += 1;
                continue;
            };
            let description_changed =
                !settled && !same_words(response.description.as_deref(), page.description.as_deref());
            let spec_examples: Vec<String> = response.example.0.iter().map(|e| e.value.clone()).collect();
            let examples_changed = !same_examples(&spec_examples, &page.examples);
            if !(description_changed || examples_changed) {
                continue;
            }
            if !response.headers.is_empty() {
                applied.kept.push(format!("responses.{}", response.status.value));
                continue;
            }
            let rewritten = ResponseDraft {
                status: response.status.value,
                description: if settled { response.description.clone() } else { page.description.clone() },
                body: response.body.as_ref().map(|b| b.type_name.value.clone()),
                headers: Vec::new(),
                examples: page.examples.clone(),
            };
            let mut text = String::new();
            yaml::response_item(&mut text, dash, &rewritten);
            self.edits.push(Edit { start, end, text });
            applied.changed += 1;
        }
        let Some((end, dash)) = end_of_list else { return };
        let mut text = String::new();
        for response in drafted.iter().filter(|r| !known.contains(&r.status)) {
            let mut response = response.clone();
            if let Some(body) = &response.body {
                response.body = Some(self.type_expr("", body, drafts, false, applied));
            }
            yaml::response_item(&mut text, dash, &response);
            applied.added += 1;
        }
        if !text.is_empty() {
            self.edits.push(Edit { start: end, end, text });
        }
    }
}

fn field_row(field: &FieldSpec) -> Row<'_> {
    let recorded = field.page.as_ref().and_then(|record| match record.value.get("name") {
        Some(Scalar::String(name)) => Some(name.clone()),
        _ => None,
    });
    Row { key: recorded.unwrap_or_else(|| field.name.value.clone()), line: field.name.loc.line, field }
}

/// A row that records a decision, or holds what the page cannot state.
fn is_curated(field: &FieldSpec) -> bool {
    field.page.is_some()
        || field.from.is_some()
        || field.note.is_some()
        || field.sensitive
        || field.format.is_some()
        || field.example.is_some()
}

/// Whether the page still states what the row's `page` record says it stated (a record about
/// other pages, `on`, is not checked here: `drift` checks it page by page).
fn record_holds(field: &FieldSpec, page: &FieldDraft) -> bool {
    let Some(record) = &field.page else { return true };
    if record.value.contains_key("on") {
        return true;
    }
    let text = |n: Option<String>| n.unwrap_or_default();
    let number = |n: Option<Number>| {
        text(n.map(|n| match n {
            Number::Int(n) => n.to_string(),
            Number::Float(n) => n.to_string(),
        }))
    };
    record.value.iter().filter(|(key, _)| key.as_str() != "absent").all(|(key, recorded)| {
        let recorded = match recorded {
            Scalar::String(s) => s.clone(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(n) => n.to_string(),
        };
        let now = match key.as_str() {
            "name" => page.name.clone(),
            "in" => text(page.location.map(str::to_string)),
            "type" => return canonical(&recorded) == canonical(&page.type_expr),
            "required" => page.required.to_string(),
            "description" => text(page.description.clone()),
            "pattern" => text(page.pattern.clone()),
            "min_length" => text(page.min_length.map(|n| n.to_string())),
            "max_length" => text(page.max_length.map(|n| n.to_string())),
            "minimum" => number(page.minimum),
            "maximum" => number(page.maximum),
            "min_items" => text(page.min_items.map(|n| n.to_string())),
            "max_items" => text(page.max_items.map(|n| n.to_string())),
            _ => return true,
        };
        recorded == now
    })
}

/// A spec row as the importer would draft it, to compare facts.
fn as_draft(field: &FieldSpec) -> FieldDraft {
    let number = |bound: &Bound| match bound {
        Bound::Int(n) => Number::Int(*n),
        Bound::Float(n) => Number::Float(*n),
    };
    FieldDraft {
        name: field.name.value.clone(),
        location: field.location.as_ref().and_then(|l| match l.value.as_str() {
            "path" => Some("path"),
            "query" => Some("query"),
            "header" => Some("header"),
            _ => None,
        }),
        type_expr: field.type_expr.value.clone(),
        required: field.required,
        description: field.description.clone(),
        pattern: field.pattern.as_ref().map(|p| p.value.clone()),
        min_length: field.min_length.as_ref().map(|n| n.value),
        max_length: field.max_length.as_ref().map(|n| n.value),
        minimum: field.minimum.as_ref().map(|n| number(&n.value)),
        maximum: field.maximum.as_ref().map(|n| number(&n.value)),
        min_items: field.min_items.as_ref().map(|n| n.value),
        max_items: field.max_items.as_ref().map(|n| n.value),
        default: field.default.as_ref().map(|d| match &d.value {
            Scalar::Bool(b) => Value::Boolean(*b),
            Scalar::Int(n) => Value::Integer(*n),
            Scalar::Float(n) => Value::Float(*n),
            Scalar::String(s) => Value::String(s.clone()),
        }),
        review: Vec::new(),
    }
}

/// Whether two rows state the same facts: descriptions by their words, types by shape.
fn same_facts(spec: &FieldDraft, page: &FieldDraft) -> bool {
    let facts = |f: &FieldDraft| {
        let mut f = f.clone();
        f.type_expr = canonical(&f.type_expr);
        f.description = None;
        f
    };
    facts(spec) == facts(page) && same_words(spec.description.as_deref(), page.description.as_deref())
}

/// Whether two lists of JSON examples are the same but for whitespace.
fn same_examples(a: &[String], b: &[String]) -> bool {
    let tidy = |text: &String| text.split_whitespace().collect::<String>();
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| tidy(a) == tidy(b))
}

/// A type expression in one spelling: `Array of strings` and `Array of String`,
/// `Foo object` and `Foo`, alike.
fn canonical(expr: &str) -> String {
    let expr = expr.trim();
    let (array, inner) = match expr.strip_prefix("Array of ") {
        Some(inner) => (true, inner.trim()),
        None => (false, expr),
    };
    let inner = inner.strip_suffix(" objects").or_else(|| inner.strip_suffix(" object")).unwrap_or(inner);
    let inner = match inner.to_lowercase().as_str() {
        "strings" | "string" => "String".to_string(),
        "integers" | "integer" => "Integer".to_string(),
        "longs" | "long" => "Long".to_string(),
        "booleans" | "boolean" => "Boolean".to_string(),
        "objects" | "object" => "Object".to_string(),
        _ => inner.to_string(),
    };
    if array { format!("Array of {inner}") } else { inner }
}

/// What became of one page on update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateResult {
    /// The page's operation is in the spec; its facts applied.
    Updated { operation: String, applied: Applied },
    /// The operation's page documents none now; the operation was removed.
    Removed { operation: String },
    /// Not in the spec: drafted and added, as `import` adds it.
    Imported(PageResult),
}

impl std::fmt::Display for UpdateResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UpdateResult::Updated { operation, applied } if *applied == Applied::default() => {
                write!(f, "{operation} is up to date")
            }
            UpdateResult::Updated { operation, applied } => write!(f, "updated {operation}: {applied}"),
            UpdateResult::Removed { operation } => {
                write!(f, "removed {operation}: the page documents no operation now")
            }
            UpdateResult::Imported(result) => result.fmt(f),
        }
    }
}

/// Applies the pages to `spec`'s text: the updated text, and a result for each page (in the
/// order given) whose operation the spec has; the others are left to `import`'s drafting.
pub(super) fn apply(spec: &ServiceSpec, text: &str, pages: &[PathBuf]) -> (String, Vec<Option<UpdateResult>>) {
    let mut read = Vec::new();
    let mut results: Vec<Option<UpdateResult>> = vec![None; pages.len()];
    for (position, path) in pages.iter().enumerate() {
        // A page that cannot be read is reported by the drafting that follows.
        if let Ok(page) = read_page(path) {
            read.push((position, page));
        }
    }
    let index = Pages { by_file: read.iter().map(|(_, page)| (page.file.as_str(), page)).collect() };
    let by_source: BTreeMap<&str, usize> =
        spec.operations.iter().enumerate().map(|(i, op)| (source_page(&op.source), i)).collect();
    let mut updater = Updater::new(spec, text);
    for (position, page) in &read {
        let Some(&op_index) = by_source.get(page.file.as_str()) else { continue };
        let operation = spec.operations[op_index].id.value.clone();
        let mut types = Types::default();
        for def in &spec.types {
            types.reserve(&def.name.value);
        }
        let result = match draft::draft(page, &index, &mut types, &mut BTreeSet::new()) {
            Ok(Outcome::Imported(drafted)) => {
                let applied = updater.operation(op_index, &drafted, &types.drafts);
                UpdateResult::Updated { operation, applied }
            }
            Ok(Outcome::Skipped) => {
                updater.remove_operation(op_index);
                UpdateResult::Removed { operation }
            }
            Err(failure) => {
                UpdateResult::Imported(PageResult::Failed { place: failure.place, message: failure.message })
            }
        };
        results[*position] = Some(result);
    }
    let (text, new_types) = updater.finish();
    let text = if new_types.is_empty() { text } else { super::add_to(&text, &[], &new_types) };
    (text, results)
}
