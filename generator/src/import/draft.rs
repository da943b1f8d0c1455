//! A page, read into blocks, into the spec entries a person would have transcribed: one
//! operation (its URI, parameters, body, responses and examples) and the types its tables
//! describe, named from the captions or the fields that refer to them, with the facts each
//! description states.
//!
//! Tables are told apart by the section they are in (URI, request, response and its status
//! code), their caption (`Query Parameters`, `Request header parameters`), and whether another
//! table refers to them: by a link to their anchor, by "Table N" in a description, or by the
//! type name in a Type column (`Array of ServerResponse objects`). A referred table is a nested
//! type; the others are the operation's own.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use heck::{ToSnakeCase, ToUpperCamelCase};
use regex::Regex;

use super::facts::{self, Kind};
use super::page::{Block, Page, Table, Text};
use super::spec::{FieldDraft, OperationDraft, ResponseDraft, TypeDraft, TypeKind, Value};

/// Headers the client sends itself: authentication and content negotiation. A page's table of
/// request headers lists them, but they are not parameters of the operation.
const CLIENT_HEADERS: &[&str] =
    &["x-auth-token", "content-type", "x-sdk-date", "authorization", "x-project-id", "x-security-token", "host"];

/// The pages of one import, by file name, so a response documented on another page ("See
/// Responses (Task)") can be read from it.
pub struct Pages<'a> {
    pub by_file: BTreeMap<&'a str, &'a Page>,
}

/// The types of the whole service being drafted: a table described the same way twice is one
/// type; a name two different tables want is told apart.
#[derive(Default)]
pub struct Types {
    pub drafts: Vec<TypeDraft>,
    /// Each name taken, with the draft holding it; `None` for a type of the existing spec file.
    taken: BTreeMap<String, Option<usize>>,
}

impl Types {
    /// Keeps `name` from new types: a type of the spec file the import adds to.
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string(), None);
    }

    /// Renames the drafted types whose name the generator writes itself (`Client`, an
    /// operation's `<Id>Request`), and every reference to them.
    pub fn avoid_generated_names(&mut self, operations: &mut [OperationDraft]) {
        let mut generated: BTreeSet<String> = [crate::ir::reserved::CLIENT.to_string()].into();
        for op in operations.iter() {
            generated.insert(format!("{}Request", op.id.to_upper_camel_case()));
        }
        let renames: BTreeMap<String, String> = self
            .drafts
            .iter()
            .filter(|def| generated.contains(&def.name))
            .map(|def| {
                let free = (0..)
                    .map(|n| if n == 0 { format!("{}Object", def.name) } else { format!("{}Object{n}", def.name) })
                    .find(|name| !self.taken.contains_key(name) && !generated.contains(name))
                    .expect("an endless sequence of candidates has a free one");
                (def.name.clone(), free)
            })
            .collect();
        if renames.is_empty() {
            return;
        }
        let rename = |expr: &mut String| {
            let (prefix, name, suffix) = split_type_expr(expr);
            if let Some(new) = renames.get(name) {
                *expr = format!("{prefix}{new}{suffix}");
            }
        };
        for def in &mut self.drafts {
            if let Some(new) = renames.get(&def.name) {
                def.review.push(format!("the page names it {:?}, a name the generator writes itself", def.name));
                def.name = new.clone();
            }
            if let TypeKind::Struct(fields) = &mut def.kind {
                fields.iter_mut().for_each(|field| rename(&mut field.type_expr));
            }
        }
        for op in operations {
            op.parameters.iter_mut().for_each(|field| rename(&mut field.type_expr));
            op.body.iter_mut().for_each(rename);
            for response in &mut op.responses {
                response.body.iter_mut().for_each(rename);
            }
        }
        let existing: Vec<String> =
            self.taken.iter().filter(|(_, draft)| draft.is_none()).map(|(name, _)| name.clone()).collect();
        self.taken = self.drafts.iter().enumerate().map(|(index, def)| (def.name.clone(), Some(index))).collect();
        self.taken.extend(existing.into_iter().map(|name| (name, None)));
    }

    /// Adds a type, or finds the same one already drafted; returns the name to refer to it by.
    /// A different type under the same name is named after the operation (`StartServersServers`),
    /// then numbered.
    fn add(&mut self, mut draft: TypeDraft, prefix: &str) -> String {
        let candidates = std::iter::once(draft.name.clone())
            .chain(std::iter::once(format!("{prefix}{}", draft.name)))
            .chain((2..).map(|n| format!("{prefix}{}{n}", draft.name)));
        for candidate in candidates {
            match self.taken.get(&candidate) {
                Some(&Some(index)) if self.drafts[index].kind == draft.kind => return candidate,
                Some(_) => continue,
                None => {
                    if candidate != draft.name {
                        draft.review.push(format!(
                            "another table is named {:?} with other rows; this one is named {candidate:?}",
                            draft.name
                        ));
                    }
                    draft.name = candidate.clone();
                    self.taken.insert(candidate.clone(), Some(self.drafts.len()));
                    self.drafts.push(draft);
                    return candidate;
                }
            }
        }
        unreachable!("an endless sequence of candidates has a free one")
    }
}

/// What a page yields.
pub enum Outcome {
    Imported(Box<OperationDraft>),
    /// Not an operation page: no `METHOD /path` line in a URI section.
    Skipped,
}

/// Why a page could not be imported, with where on the page.
#[derive(Debug)]
pub struct Failure {
    /// The table or line (`table 3`, `URI`).
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Other,
    Function,
    Uri,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    Status,
}

fn section(heading: &str) -> Option<Section> {
    let lower = heading.to_lowercase();
    let example = lower.contains("example") || heading.contains("示例");
    Some(match lower.as_str() {
        _ if lower == "uri" => Section::Uri,
        _ if example && (lower.contains("request") || heading.contains("请求")) => Section::ExampleRequest,
        _ if example && (lower.contains("response") || heading.contains("响应")) => Section::ExampleResponse,
        _ if lower.starts_with("request") || heading.starts_with("请求参数") => Section::Request,
        _ if lower.starts_with("response") || heading.starts_with("响应参数") => Section::Response,
        _ if lower.starts_with("status code")
            || lower.starts_with("returned value")
            || heading.starts_with("状态码") =>
        {
            Section::Status
        }
        _ if lower.starts_with("function") || heading.starts_with("功能介绍") => Section::Function,
        "constraints" | "debugging" | "error codes" | "authorization" | "contents" | "context" => Section::Other,
        _ if heading.starts_with("约束") || heading.starts_with("调试") || heading.starts_with("错误码") => {
            Section::Other
        }
        _ => return None,
    })
}

static REQUEST_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD)\s+(/\S*)").expect("the importer's own pattern compiles")
});
static STATUS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:status code|状态码)\s*[:：]?\s*(\d{3})").expect("the importer's own pattern compiles")
});
static TABLE_MENTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:Table|表)\s*(\d+)").expect("the importer's own pattern compiles"));

/// A table with where it stood on the page.
struct Placed<'p> {
    table: &'p Table,
    section: Section,
    /// The status code of the response it documents, when the page said one.
    status: Option<u16>,
    /// Its position among the page's tables, for messages (1-based).
    index: usize,
}

/// The columns of a parameter table.
struct Columns {
    name: usize,
    mandatory: Option<usize>,
    kind: Option<usize>,
    description: Option<usize>,
}

fn columns(table: &Table) -> Option<Columns> {
    let name = table.column(&["Parameter", "参数", "Name", "名称", "Field", "参数名", "Attribute"])?;
    let description = table.column(&["Description", "描述", "说明", "参数说明", "Remarks"]);
    let kind = table.column(&["Type", "参数类型", "类型"]);
    if description.is_none() && kind.is_none() {
        return None;
    }
    Some(Columns {
        name, mandatory: table.column(&["Mandatory", "是否必选", "Required", "必选"]), kind, description
    })
}

pub fn draft(page: &Page, pages: &Pages, types: &mut Types, ids: &mut BTreeSet<String>) -> Result<Outcome, Failure> {
    let mut current = Section::Other;
    let mut status = None;
    let mut function = Vec::new();
    let mut lines = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let mut example_requests = Vec::new();
    let mut example_responses: Vec<(Option<u16>, String)> = Vec::new();
    let mut statuses: BTreeMap<u16, Option<String>> = BTreeMap::new();
    let mut response_links: Vec<String> = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Heading(heading) => {
                if let Some(next) = section(heading) {
                    current = next;
                    status = None;
                }
            }
            Block::Paragraph(text) => {
                if let Some(captures) = STATUS_LINE.captures(&text.text) {
                    status = captures[1].parse().ok();
                    if let Some(code) = status.filter(|_| current == Section::Response) {
                        statuses.entry(code).or_default();
                    }
                    continue;
                }
                match current {
                    Section::Function => function.push(text.text.clone()),
                    Section::Uri => lines.extend(request_line(&text.text)),
                    Section::Response => {
                        response_links.extend(text.links.iter().map(|(href, _)| href.clone()));
                    }
                    _ => {}
                }
            }
            Block::Code(code) => match current {
                Section::Uri => lines.extend(request_line(code)),
                Section::ExampleRequest if json(code) => example_requests.push(code.clone()),
                Section::ExampleResponse if json(code) => example_responses.push((status, code.clone())),
                _ => {}
            },
            Block::Table(table) => {
                if current == Section::Status || (columns(table).is_none() && is_status_table(table)) {
                    for row in &table.rows {
                        let code = row.first().and_then(|cell| cell.text.split_whitespace().next()?.parse().ok());
                        if let Some(code) = code.filter(|code: &u16| (100..=599).contains(code)) {
                            statuses.insert(code, row.get(1).map(|cell| one_line(&cell.text)));
                        }
                    }
                    continue;
                }
                placed.push(Placed { table, section: current, status, index: placed.len() + 1 });
            }
        }
    }
    let Some((method, path, other_paths)) = newest(&lines) else { return Ok(Outcome::Skipped) };
    let (path, query_template) = split_query(&path);

    let id = unique_id(operation_id(page, &method, &path), ids);
    let prefix = id.to_upper_camel_case();
    let mut op = OperationDraft {
        id,
        summary: one_line(&page.title),
        description: (!function.is_empty()).then(|| function.join("\n")),
        method,
        path: path.clone(),
        source: page.file.clone(),
        parameters: Vec::new(),
        body: None,
        example_requests: Vec::new(),
        responses: Vec::new(),
        review: Vec::new(),
    };
    if !other_paths.is_empty() {
        op.review
            .push(format!("the page also documents {}; this draft uses the newest version", other_paths.join(", ")));
    }

    let roots = roots(&placed, &example_requests, &example_responses);
    let mut drafter = Drafter::new(page, &placed, types, prefix.clone(), &roots);
    let referenced = drafter.referenced();
    let placeholders = placeholders(&path);
    let mut seen = BTreeSet::new();
    let mut response_tables: BTreeMap<u16, usize> = BTreeMap::new();
    let mut response_headers: BTreeMap<u16, Vec<FieldDraft>> = BTreeMap::new();
    for (index, table) in placed.iter().enumerate() {
        if referenced.contains(&index) || columns(table.table).is_none() {
            continue;
        }
        let caption = table.table.caption.to_lowercase();
        let location = match table.section {
            Section::Uri | Section::Request if caption.contains("header") || table.table.caption.contains("头") => {
                Some("header")
            }
            Section::Uri | Section::Request if caption.contains("query") || table.table.caption.contains("Query") => {
                Some("query")
            }
            Section::Uri => Some("path"),
            Section::Request if caption.contains("path") => Some("path"),
            _ => None,
        };
        match (location, table.section) {
            (Some(location), _) => {
                let fields = drafter.fields(index)?;
                // A URI table with path parameters and others: the others go in the query.
                let mixed = fields.iter().any(|f| placeholders.contains(&f.name));
                for mut field in fields {
                    if location == "header" && CLIENT_HEADERS.contains(&field.name.to_lowercase().as_str()) {
                        continue;
                    }
                    let in_path = placeholders.contains(&field.name);
                    let location = match location {
                        "path" if !in_path => "query",
                        other => other,
                    };
                    if location == "query" && mixed && !query_template.contains(&field.name) {
                        field.review.push(
                            "listed with the URI's parameters, but the path has no such placeholder: sent in the query"
                                .into(),
                        );
                    }
                    if location == "path" && !field.required {
                        field.required = true;
                        field.review.push("a path parameter the page marks optional; a path needs it".into());
                    }
                    if seen.insert(field.name.clone()) {
                        field.location = Some(location);
                        op.parameters.push(field);
                    }
                }
            }
            (None, Section::Request) if op.body.is_none() => {
                let name = drafter.struct_type(index, "Body", None)?;
                op.body = Some(name);
            }
            (None, Section::Response) if is_header_table(table.table) => {
                let code = table.status.unwrap_or(0);
                response_headers.entry(code).or_default().extend(drafter.fields(index)?);
            }
            (None, Section::Response) => {
                let code = table.status.unwrap_or(0);
                response_tables.entry(code).or_insert(index);
            }
            (None, _) => {
                op.review.push(format!(
                    "table {} ({}) belongs to no parameter list, body or response; not imported",
                    table.index, table.table.caption
                ));
            }
        }
    }
    for placeholder in &placeholders {
        if !seen.contains(placeholder) {
            op.parameters.insert(
                0,
                FieldDraft {
                    name: placeholder.clone(),
                    location: Some("path"),
                    type_expr: "String".into(),
                    required: true,
                    review: vec!["the URI names this parameter, no table describes it".into()],
                    ..Default::default()
                },
            );
        }
    }
    for name in &query_template {
        if !seen.contains(name) && !placeholders.contains(name) {
            op.parameters.push(FieldDraft {
                name: name.clone(),
                location: Some("query"),
                type_expr: "String".into(),
                review: vec!["the URI's query names this parameter, no table describes it".into()],
                ..Default::default()
            });
            seen.insert(name.clone());
        }
    }

    // Statuses: the status table's, those the response section names, and those with a body.
    let first_success = statuses.keys().copied().find(|code| (200..300).contains(code));
    let success = first_success.unwrap_or(200);
    if statuses.is_empty() {
        op.review.push("the page states no status code; 200 is assumed".into());
    } else if first_success.is_none() {
        op.review.push("the page states no 2xx status code; 200 is assumed".into());
    }
    statuses.entry(success).or_default();
    let mut bodies: BTreeMap<u16, String> = BTreeMap::new();
    for (code, index) in response_tables {
        let code = if code == 0 { success } else { code };
        statuses.entry(code).or_default();
        let name = if (200..300).contains(&code) && code == success {
            drafter.struct_type(index, "Response", None)?
        } else if (200..300).contains(&code) {
            drafter.struct_type(index, &format!("Response{code}"), None)?
        } else {
            drafter.struct_type(index, "ErrorResponse", Some("ErrorResponse"))?
        };
        bodies.insert(code, name);
    }
    if let std::collections::btree_map::Entry::Vacant(body) = bodies.entry(success) {
        // "See Responses (Task)": the body is documented on a page of this import.
        if let Some(linked) = response_links.iter().find_map(|href| pages.by_file.get(href.split('#').next()?)) {
            if let Some(name) = linked_response(linked, drafter.types)? {
                body.insert(name);
                op.source = format!("{}; response body from {}", page.file, linked.file);
            }
        } else if let Some(href) = response_links.first() {
            op.review.push(format!("the response is documented on {href}, which this import does not include"));
        }
    }
    for (code, description) in statuses {
        let examples = example_responses
            .iter()
            .filter(|(status, _)| status.unwrap_or(success) == code)
            .map(|(_, text)| text.clone())
            .collect();
        let headers =
            response_headers.remove(&code).or_else(|| (code == success).then(|| response_headers.remove(&0)).flatten());
        op.responses.push(ResponseDraft {
            status: code,
            description,
            body: bodies.remove(&code),
            headers: headers.unwrap_or_default(),
            examples,
        });
    }
    if op.body.is_some() {
        op.example_requests = example_requests;
    }
    Ok(Outcome::Imported(Box::new(op)))
}

/// The tables a body starts from: the request's first table that is no parameter list, and
/// each response status's first table that lists no headers; each with the page's example for
/// it, which tells its nested tables apart on a page that lost their captions.
fn roots(
    placed: &[Placed],
    example_requests: &[String],
    example_responses: &[(Option<u16>, String)],
) -> Vec<(usize, Option<serde_json::Value>)> {
    let parse = |text: &String| serde_json::from_str::<serde_json::Value>(text).ok();
    let mut roots = Vec::new();
    let mut statuses = BTreeSet::new();
    let mut request_root = false;
    for (index, table) in placed.iter().enumerate() {
        if columns(table.table).is_none() || is_header_table(table.table) {
            continue;
        }
        let caption = table.table.caption.to_lowercase();
        match table.section {
            Section::Request if !request_root && !["query", "path", "header"].iter().any(|w| caption.contains(w)) => {
                request_root = true;
                roots.push((index, example_requests.first().and_then(parse)));
            }
            Section::Response if statuses.insert(table.status) => {
                let example = example_responses
                    .iter()
                    .find(|(status, _)| *status == table.status || (status.is_none() && table.status == Some(200)))
                    .and_then(|(_, text)| parse(text));
                roots.push((index, example));
            }
            _ => {}
        }
    }
    roots
}

/// The body of a shared response page ("Responses (Task)"): its first parameter table.
fn linked_response(page: &Page, types: &mut Types) -> Result<Option<String>, Failure> {
    let placed: Vec<Placed> = page
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            _ => None,
        })
        .enumerate()
        .map(|(index, table)| Placed { table, section: Section::Response, status: None, index: index + 1 })
        .collect();
    let prefix = page.title.to_upper_camel_case();
    let first = (0..placed.len()).find(|index| columns(placed[*index].table).is_some());
    let roots: Vec<(usize, Option<serde_json::Value>)> = first.map(|index| (index, None)).into_iter().collect();
    let mut drafter = Drafter::new(page, &placed, types, prefix.clone(), &roots);
    let referenced = drafter.referenced();
    let Some(root) =
        (0..placed.len()).find(|index| !referenced.contains(index) && columns(placed[*index].table).is_some())
    else {
        return Ok(None);
    };
    drafter.struct_type(root, "", Some(&prefix)).map(Some)
}

/// The table each row refers to, by (table, row).
type Targets = BTreeMap<(usize, usize), usize>;

struct Drafter<'a, 'p> {
    page: &'p Page,
    placed: &'a [Placed<'p>],
    types: &'a mut Types,
    /// The operation's type prefix (`StartServers`).
    prefix: String,
    /// Tables being drafted, to cut a cycle of references.
    in_progress: BTreeSet<usize>,
    targets: Targets,
    /// The page's example object for a table, where it has one.
    examples: BTreeMap<usize, serde_json::Value>,
}

/// What a row's Type column and description say about the row's value.
enum Shape {
    Scalar(&'static str, Kind),
    /// `Object`: a nested table when one is referred to, else any JSON.
    Object,
    /// An array of what the inner shape says.
    Array(Box<Shape>),
    /// A type named in the Type column (`ServerResponse object`).
    Named(String),
    Map(String),
    /// A Type column the importer does not know.
    Unknown(String),
}

impl<'a, 'p> Drafter<'a, 'p> {
    fn new(
        page: &'p Page,
        placed: &'a [Placed<'p>],
        types: &'a mut Types,
        prefix: String,
        roots: &[(usize, Option<serde_json::Value>)],
    ) -> Self {
        let mut drafter = Drafter {
            page,
            placed,
            types,
            prefix,
            in_progress: BTreeSet::new(),
            targets: BTreeMap::new(),
            examples: BTreeMap::new(),
        };
        (drafter.targets, drafter.examples) = drafter.find_targets(roots);
        drafter
    }

    /// The tables another table's row refers to.
    fn referenced(&self) -> BTreeSet<usize> {
        self.targets.values().copied().collect()
    }

    /// What each row refers to. First what it names (see [`Self::reference`]). Then, walking
    /// from `roots` (a body's top table with the page's example for it), each object row that
    /// names nothing takes: the table its type name already took; else the free table whose
    /// rows best cover the keys the example gives the field; else the next free table on the
    /// page. Pages that lost their captions and links (the text form) are read this way; their
    /// tables are in no order a reader could rely on, but their examples are.
    fn find_targets(
        &self,
        roots: &[(usize, Option<serde_json::Value>)],
    ) -> (Targets, BTreeMap<usize, serde_json::Value>) {
        let mut targets = BTreeMap::new();
        for (index, placed) in self.placed.iter().enumerate() {
            let Some(columns) = columns(placed.table) else { continue };
            for (row_index, row) in placed.table.rows.iter().enumerate() {
                if let Some(target) = self.reference(index, row, &columns).filter(|&target| target != index) {
                    targets.insert((index, row_index), target);
                }
            }
        }
        let mut taken: BTreeSet<usize> = targets.values().copied().chain(roots.iter().map(|(root, _)| *root)).collect();
        let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
        let mut queue: std::collections::VecDeque<(usize, Option<serde_json::Value>)> = roots.iter().cloned().collect();
        let mut visited = BTreeSet::new();
        let mut examples = BTreeMap::new();
        while let Some((index, example)) = queue.pop_front() {
            if !visited.insert(index) {
                continue;
            }
            if let Some(example) = &example {
                examples.insert(index, example.clone());
            }
            let Some(table_columns) = columns(self.placed[index].table) else { continue };
            // Object rows with the example's value for each; those the example or a name
            // settles go first, so a row without an example cannot take their table.
            let mut pending = Vec::new();
            for (row_index, row) in self.placed[index].table.rows.iter().enumerate() {
                let kind =
                    table_columns.kind.and_then(|c| row.get(c)).map(|cell| cell.text.as_str()).unwrap_or_default();
                let object = match shape(kind) {
                    Shape::Object | Shape::Named(_) => true,
                    Shape::Array(inner) => matches!(*inner, Shape::Object | Shape::Named(_)),
                    _ => false,
                };
                if !object {
                    continue;
                }
                let name = row.get(table_columns.name).map(|cell| field_name(&cell.text)).unwrap_or_default();
                let mut value = example.as_ref().and_then(|example| example.get(&name)).cloned();
                if let Some(serde_json::Value::Array(items)) = &value {
                    value = items.first().cloned();
                }
                pending.push((row_index, value));
            }
            for by_order in [false, true] {
                for (row_index, value) in &pending {
                    if targets.contains_key(&(index, *row_index)) && by_order {
                        continue;
                    }
                    let named = self.row_type_name(index, *row_index);
                    let mut target = targets
                        .get(&(index, *row_index))
                        .copied()
                        .or_else(|| by_name.get(named.as_deref()?).copied())
                        .or_else(|| self.best_cover(value.as_ref()?, &taken));
                    if by_order {
                        target = target.or_else(|| {
                            (index + 1..self.placed.len()).find(|&candidate| {
                                !taken.contains(&candidate) && columns(self.placed[candidate].table).is_some()
                            })
                        });
                    }
                    if let Some(target) = target {
                        let first = !targets.contains_key(&(index, *row_index)) || !visited.contains(&target);
                        targets.insert((index, *row_index), target);
                        taken.insert(target);
                        by_name.extend(named.map(|name| (name, target)));
                        if first {
                            queue.push_back((target, value.clone()));
                        }
                    }
                }
            }
        }
        (targets, examples)
    }

    /// The free table whose field names cover most of the keys of an example object, if it
    /// covers at least half of them.
    fn best_cover(&self, example: &serde_json::Value, taken: &BTreeSet<usize>) -> Option<usize> {
        let keys: Vec<&String> = example.as_object()?.keys().collect();
        let covered = |index: usize| {
            let table = self.placed[index].table;
            let name = columns(table)?.name;
            let names: BTreeSet<String> =
                table.rows.iter().filter_map(|row| Some(field_name(&row.get(name)?.text))).collect();
            Some(keys.iter().filter(|key| names.contains(key.as_str())).count())
        };
        let (best, count) = (0..self.placed.len())
            .filter(|index| !taken.contains(index))
            .filter_map(|index| Some((index, covered(index)?)))
            .max_by_key(|&(index, count)| (count, std::cmp::Reverse(index)))?;
        (count * 2 >= keys.len() && count > 0).then_some(best)
    }

    /// The type a row's Type column names (`ServerResponse` of `Array of ServerResponse objects`).
    fn row_type_name(&self, index: usize, row_index: usize) -> Option<String> {
        let table = self.placed[index].table;
        let kind = columns(table)?.kind?;
        named_type(&table.rows[row_index].get(kind)?.text)
    }

    /// The table a caption names, where two tables have the same caption (a type described
    /// twice): the first after table `from` in its section, else the first after it, else the
    /// first on the page.
    fn nearest(&self, from: usize, matches: impl Fn(&Table) -> bool) -> Option<usize> {
        let found: Vec<usize> = (0..self.placed.len()).filter(|&index| matches(self.placed[index].table)).collect();
        let section = self.placed[from].section;
        found
            .iter()
            .find(|&&index| index > from && self.placed[index].section == section)
            .or_else(|| found.iter().find(|&&index| index > from))
            .or(found.first())
            .copied()
    }

    /// The table a row refers to: by a link to its anchor, by "Table N" in the description, by
    /// the type named in the Type column, or by a caption naming the row's field.
    fn reference(&self, from: usize, row: &[Text], columns: &Columns) -> Option<usize> {
        let description = columns.description.and_then(|c| row.get(c));
        // A link to another page (`see Table 1` of the EIP page) names none of this page's tables.
        let elsewhere = |href: &str| !href.starts_with('#') && href.split('#').next() != Some(self.page.file.as_str());
        let links = description.into_iter().flat_map(|d| &d.links);
        let by_anchor = links.clone().filter(|(href, _)| !elsewhere(href)).find_map(|(href, _)| {
            let anchor = href.strip_prefix('#').or_else(|| href.split_once('#').map(|(_, anchor)| anchor))?;
            self.placed.iter().position(|p| p.table.anchors.iter().any(|a| a == anchor))
        });
        let linked_elsewhere: BTreeSet<&str> =
            links.filter(|(href, _)| elsewhere(href)).map(|(_, text)| text.trim()).collect();
        let by_number = || {
            let text = &description?.text;
            TABLE_MENTION.captures_iter(text).find_map(|captures| {
                if linked_elsewhere.contains(captures[0].trim()) {
                    return None;
                }
                let number: u32 = captures[1].parse().ok()?;
                self.placed.iter().position(|p| p.table.number == Some(number))
            })
        };
        let kind = columns.kind.and_then(|c| row.get(c)).map(|cell| cell.text.as_str()).unwrap_or_default();
        let by_type = || {
            let named = named_type(kind)?;
            self.nearest(from, |table| table.caption.eq_ignore_ascii_case(&named))
        };
        let by_caption = || {
            let name = row.get(columns.name)?.text.trim();
            let shape = shape(kind);
            if !matches!(shape, Shape::Object)
                && !matches!(&shape, Shape::Array(inner) if matches!(**inner, Shape::Object))
            {
                return None;
            }
            self.nearest(from, |table| caption_name(&table.caption).is_some_and(|c| c.eq_ignore_ascii_case(name)))
        };
        by_anchor.or_else(by_number).or_else(by_type).or_else(by_caption)
    }

    /// The rows of table `index` as fields.
    fn fields(&mut self, index: usize) -> Result<Vec<FieldDraft>, Failure> {
        let table = self.placed[index].table;
        let columns = columns(table).ok_or_else(|| Failure {
            place: format!("table {}", self.placed[index].index),
            message: "expected Parameter and Description (or Type) columns".into(),
        })?;
        let mut fields = Vec::new();
        for (row_index, row) in table.rows.iter().enumerate() {
            let Some(name) = row.get(columns.name).map(|cell| field_name(&cell.text)) else { continue };
            if name.is_empty() {
                continue;
            }
            let description = columns.description.and_then(|c| row.get(c)).map(|cell| cell.text.trim().to_string());
            let type_text = columns.kind.and_then(|c| row.get(c)).map(|cell| one_line(&cell.text)).unwrap_or_default();
            let required = columns.mandatory.and_then(|c| row.get(c)).is_some_and(|cell| {
                matches!(cell.text.trim().to_lowercase().as_str(), "yes" | "是" | "true" | "mandatory")
            });
            let target = self.targets.get(&(index, row_index)).copied();
            let mut field = FieldDraft { name: name.clone(), required, ..Default::default() };
            if name.contains(char::is_whitespace) {
                field
                    .review
                    .push("the Parameter column holds prose, not a name: the value may be a map keyed by it".into());
            }
            let shape = if type_text.is_empty() { Shape::Scalar("String", Kind::String) } else { shape(&type_text) };
            field.type_expr = self.type_expr(&shape, target, &name, &mut field.review)?;
            // URI tables often have no Type column: path and query values are text.
            if type_text.is_empty() && self.placed[index].section != Section::Uri {
                field.review.push("the table has no Type column; String is assumed".into());
            }
            let kind = match &shape {
                Shape::Scalar(_, kind) => *kind,
                Shape::Array(_) => Kind::Array,
                _ => Kind::Other,
            };
            if let Some(description) = &description {
                self.apply_facts(&mut field, description, kind);
            }
            if let Some(value) = self.examples.get(&index).and_then(|example| example.get(&name)) {
                let stated = |ty: &str| field.type_expr == ty;
                let differs = match value {
                    serde_json::Value::Number(n) => stated("String") || (stated("Integer") && !n.is_i64()),
                    serde_json::Value::Bool(_) => stated("String") || stated("Integer") || stated("Double"),
                    serde_json::Value::String(_) => stated("Integer") || stated("Long") || stated("Boolean"),
                    _ => false,
                };
                if differs {
                    field
                        .review
                        .push(format!("the Type column says {}, the page's example gives {value}", field.type_expr));
                }
            }
            field.description = description.filter(|d| !d.is_empty());
            fields.push(field);
        }
        Ok(fields)
    }

    /// The spec's Type expression for a row, drafting the nested table it refers to.
    fn type_expr(
        &mut self,
        shape: &Shape,
        target: Option<usize>,
        field: &str,
        review: &mut Vec<String>,
    ) -> Result<String, Failure> {
        Ok(match shape {
            Shape::Scalar(name, _) => (*name).to_string(),
            Shape::Map(value) => format!("Map<String,{value}>"),
            Shape::Object | Shape::Named(_) => match target {
                Some(target) => self.nested(target, shape, field, review)?,
                None => {
                    if let Shape::Named(name) = shape {
                        review.push(format!("the Type column names {name}, which no table of the page describes"));
                    }
                    "Object".into()
                }
            },
            Shape::Array(inner) => match (&**inner, target) {
                (Shape::Object | Shape::Named(_), Some(target)) => {
                    format!("Array of {}", self.nested(target, inner, field, review)?)
                }
                (inner, None) => format!("Array of {}", self.type_expr(inner, None, field, review)?),
                (inner, Some(_)) => format!("Array of {}", self.type_expr(inner, None, field, review)?),
            },
            Shape::Unknown(text) => {
                review
                    .push(format!("the Type column says {text:?}, which is no type the spec knows; Object is assumed"));
                "Object".into()
            }
        })
    }

    /// The type of nested table `target`, named after the type the Type column names, the
    /// caption, or the field that refers to it.
    fn nested(
        &mut self,
        target: usize,
        shape: &Shape,
        field: &str,
        review: &mut Vec<String>,
    ) -> Result<String, Failure> {
        if self.in_progress.contains(&target) {
            review.push("the table refers back to a table that contains it; Object is assumed".into());
            return Ok("Object".into());
        }
        let named = match shape {
            Shape::Named(name) => Some(name.clone()),
            _ => None,
        };
        let caption = caption_name(&self.placed[target].table.caption);
        let name = named.or(caption).unwrap_or_else(|| field.to_string()).to_upper_camel_case();
        self.struct_type(target, "", Some(&name))
    }

    /// Drafts table `index` as a struct named `name`, or `<prefix><suffix>`.
    fn struct_type(&mut self, index: usize, suffix: &str, name: Option<&str>) -> Result<String, Failure> {
        self.in_progress.insert(index);
        let fields = self.fields(index);
        self.in_progress.remove(&index);
        let fields = fields?;
        let placed = &self.placed[index];
        let caption = &placed.table.caption;
        let draft = TypeDraft {
            name: name.map_or_else(|| format!("{}{suffix}", self.prefix), str::to_string),
            description: (!caption.is_empty()).then(|| caption.clone()),
            source: match placed.table.number {
                Some(number) => format!("{} table {number}", self.page.file),
                None => format!("{} table {}", self.page.file, placed.index),
            },
            kind: TypeKind::Struct(fields),
            review: Vec::new(),
        };
        Ok(self.types.add(draft, &self.prefix))
    }

    /// Rules, default and options from the description; a String field with listed values
    /// becomes a closed enum of its own.
    fn apply_facts(&mut self, field: &mut FieldDraft, description: &str, kind: Kind) {
        let found = facts::read(description, kind);
        field.review.extend(found.review);
        field.pattern = found.pattern;
        field.min_length = found.min_length;
        field.max_length = found.max_length;
        field.minimum = found.minimum;
        field.maximum = found.maximum;
        field.min_items = found.min_items;
        field.max_items = found.max_items;
        field.default = found.default.as_deref().map(|value| typed(value, kind));
        let (array, integer) = match field.type_expr.as_str() {
            "String" => (false, false),
            "Array of String" => (true, false),
            "Integer" | "Long" => (false, true),
            "Array of Integer" | "Array of Long" => (true, true),
            _ => return,
        };
        if found.options.is_empty() || (integer && found.options.iter().any(|(v, _)| v.parse::<i64>().is_err())) {
            return;
        }
        let default = match &field.default {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Integer(n)) => Some(n.to_string()),
            _ => None,
        };
        if let Some(default) = default
            && !found.options.iter().any(|(value, _)| *value == default)
        {
            field.review.push(format!("the page's default {default:?} is not one of its listed values"));
            field.default = None;
        }
        // A range restating the listed numbers says nothing more.
        if integer {
            (field.minimum, field.maximum) = (None, None);
        }
        if field.pattern.is_some() || field.min_length.is_some() || field.max_length.is_some() {
            field.review.push("the page lists the values and also a pattern or length; the values are kept".into());
            (field.pattern, field.min_length, field.max_length) = (None, None, None);
        }
        let draft = TypeDraft {
            name: field.name.to_upper_camel_case(),
            description: Some(format!("Values of `{}`.", field.name)),
            source: format!("{} (the values listed in the description of {})", self.page.file, field.name),
            kind: TypeKind::Enum { values: found.options, integer },
            review: Vec::new(),
        };
        let name = self.types.add(draft, &self.prefix);
        field.type_expr = if array { format!("Array of {name}") } else { name };
    }
}

/// `Array of Map<String,X>` → (`Array of Map<String,`, `X`, `>`): the named type inside.
fn split_type_expr(expr: &str) -> (String, &str, String) {
    let mut prefix = String::new();
    let mut rest = expr;
    let mut suffix = String::new();
    loop {
        if let Some(inner) = rest.strip_prefix("Array of ") {
            prefix.push_str("Array of ");
            rest = inner;
        } else if let Some(inner) = rest.strip_prefix("Map<String,").and_then(|r| r.strip_suffix('>')) {
            prefix.push_str("Map<String,");
            suffix.insert(0, '>');
            rest = inner;
        } else {
            return (prefix, rest, suffix);
        }
    }
}

/// A default as the field's type writes it.
fn typed(value: &str, kind: Kind) -> Value {
    match kind {
        Kind::Integer => value.parse().map_or_else(|_| Value::String(value.into()), Value::Integer),
        Kind::Float => value.parse().map_or_else(|_| Value::String(value.into()), Value::Float),
        Kind::Boolean => Value::Boolean(value == "true"),
        _ => Value::String(value.into()),
    }
}

/// What a Type column says.
fn shape(text: &str) -> Shape {
    let text = text.trim();
    let lower = text.to_lowercase();
    if let Some(inner) = lower.strip_prefix("array of ").map(|_| &text["array of ".len()..]) {
        let inner = inner.trim();
        return Shape::Array(Box::new(match inner.to_lowercase().as_str() {
            "objects" | "object" => Shape::Object,
            "strings" | "string" => Shape::Scalar("String", Kind::String),
            "integers" | "integer" => Shape::Scalar("Integer", Kind::Integer),
            "longs" | "long" => Shape::Scalar("Long", Kind::Integer),
            "booleans" | "boolean" => Shape::Scalar("Boolean", Kind::Boolean),
            "floats" | "float" | "doubles" | "double" | "numbers" | "number" => Shape::Scalar("Double", Kind::Float),
            _ => named_type(text).map_or_else(|| Shape::Unknown(text.to_string()), Shape::Named),
        }));
    }
    if let Some(value) = text.strip_prefix("Map<String,").and_then(|rest| rest.strip_suffix('>')) {
        return Shape::Map(value.trim().to_string());
    }
    match lower.as_str() {
        "string" | "str" => Shape::Scalar("String", Kind::String),
        "integer" | "int" | "int32" => Shape::Scalar("Integer", Kind::Integer),
        "long" | "int64" => Shape::Scalar("Long", Kind::Integer),
        "boolean" | "bool" => Shape::Scalar("Boolean", Kind::Boolean),
        "float" => Shape::Scalar("Float", Kind::Float),
        "double" | "number" | "bigdecimal" => Shape::Scalar("Double", Kind::Float),
        "object" | "dict" | "map" | "json" => Shape::Object,
        "list" | "array" => Shape::Array(Box::new(Shape::Scalar("String", Kind::String))),
        "list(dict)" => Shape::Array(Box::new(Shape::Object)),
        _ => named_type(text).map_or_else(|| Shape::Unknown(text.to_string()), Shape::Named),
    }
}

/// The type a Type column (or a spec's type) names: `ServerResponse object`, `Array of
/// NotebookResp objects`, `Map<String,Tag>`.
pub(super) fn named_type(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_prefix("Array of ").unwrap_or(text);
    let text = text.strip_prefix("Map<String,").and_then(|rest| rest.strip_suffix('>')).unwrap_or(text).trim();
    let name = text.strip_suffix(" objects").or_else(|| text.strip_suffix(" object")).unwrap_or(text).trim();
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let scalar = [
        "string", "integer", "long", "boolean", "float", "double", "object", "objects", "null", "list", "number",
        "file",
    ];
    (plain && name.starts_with(|c: char| c.is_ascii_alphabetic()) && !scalar.contains(&name.to_lowercase().as_str()))
        .then(|| name.to_string())
}

/// The name a caption gives a nested table: `servers field description` → `servers`,
/// `ip_range objects` → `ip_range`, `NotebookResp` → `NotebookResp`.
fn caption_name(caption: &str) -> Option<String> {
    let lower = caption.to_lowercase();
    let suffixes = [
        " field description",
        " field descriptions",
        " fields",
        " objects",
        " object",
        " parameters",
        " parameter description",
        " parameter information",
        " field structure",
        " structure",
        " description",
    ];
    let name = suffixes
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix).map(|stem| &caption[..stem.len()]))
        .unwrap_or(caption)
        .trim();
    let name =
        name.trim_start_matches("Objects of request parameter ").trim_start_matches("Objects of response parameter ");
    let plain = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ':' | '.'))
        && name.starts_with(|c: char| c.is_ascii_alphabetic());
    plain.then(|| name.to_string())
}

/// A parameter's name as the table writes it: its first line.
fn field_name(text: &str) -> String {
    one_line(text.lines().next().unwrap_or_default())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|value| value.is_object() || value.is_array())
}

/// A table of response headers: its caption says so, or every name is one (`X-Request-Id`).
fn is_header_table(table: &Table) -> bool {
    static HEADER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][A-Za-z0-9]*(-[A-Za-z0-9]+)+$").expect("the importer's own pattern compiles")
    });
    let caption = table.caption.to_lowercase();
    caption.contains("header")
        || table.caption.contains("头")
        || (!table.rows.is_empty()
            && table.rows.iter().all(|row| row.first().is_some_and(|cell| HEADER.is_match(cell.text.trim()))))
}

fn is_status_table(table: &Table) -> bool {
    table.column(&["Status Code", "状态码", "Normal Status Code", "Error Status Code", "Returned Value"]).is_some()
}

/// `METHOD /path` lines of the URI section.
fn request_line(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let captures = REQUEST_LINE.captures(line.trim())?;
            Some((captures[1].to_string(), captures[2].replace("&amp;", "&")))
        })
        .collect()
}

/// The request line with the newest version (`/v2.1/…` over `/v2/…`), and the other paths.
fn newest(lines: &[(String, String)]) -> Option<(String, String, Vec<String>)> {
    let version = |path: &str| -> Vec<u32> {
        let segment = path.trim_start_matches('/').split('/').next().unwrap_or_default();
        segment.strip_prefix('v').map_or_else(Vec::new, |v| v.split('.').filter_map(|n| n.parse().ok()).collect())
    };
    let best = lines.iter().max_by(|a, b| version(&a.1).cmp(&version(&b.1)).then_with(|| b.1.cmp(&a.1)))?;
    let others: BTreeSet<String> =
        lines.iter().filter(|line| line.1 != best.1).map(|(method, path)| format!("{method} {path}")).collect();
    Some((best.0.clone(), best.1.clone(), others.into_iter().collect()))
}

/// The path without its query, and the query's parameter names: `?a={a}&b=1`, `{?a}`.
fn split_query(path: &str) -> (String, Vec<String>) {
    let mut names = Vec::new();
    let mut path = path.to_string();
    if let Some(start) = path.find("{?") {
        let end = path[start..].find('}').map_or(path.len(), |end| start + end + 1);
        names.extend(path[start + 2..end.saturating_sub(1)].split(',').map(|n| n.trim().to_string()));
        path.replace_range(start..end, "");
    }
    if let Some((base, query)) = path.clone().split_once('?') {
        names.extend(query.split('&').filter_map(|pair| Some(pair.split('=').next()?.trim().to_string())));
        path = base.to_string();
    }
    names.retain(|name| !name.is_empty());
    (path, names)
}

fn placeholders(path: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in path.split('{').skip(1) {
        if let Some((name, _)) = part.split_once('}')
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    }
    names
}

/// Verbs the pages' titles use, as a method name writes them (`Querying` → `query`).
const VERBS: &[(&str, &str)] = &[
    ("querying", "query"),
    ("creating", "create"),
    ("deleting", "delete"),
    ("updating", "update"),
    ("modifying", "modify"),
    ("starting", "start"),
    ("stopping", "stop"),
    ("restarting", "restart"),
    ("rebooting", "reboot"),
    ("adding", "add"),
    ("removing", "remove"),
    ("changing", "change"),
    ("resizing", "resize"),
    ("attaching", "attach"),
    ("detaching", "detach"),
    ("obtaining", "get"),
    ("binding", "bind"),
    ("unbinding", "unbind"),
    ("reinstalling", "reinstall"),
    ("migrating", "migrate"),
    ("registering", "register"),
    ("configuring", "configure"),
    ("enabling", "enable"),
    ("disabling", "disable"),
    ("setting", "set"),
    ("getting", "get"),
    ("importing", "import"),
    ("exporting", "export"),
    ("locking", "lock"),
    ("unlocking", "unlock"),
    ("pausing", "pause"),
    ("unpausing", "unpause"),
    ("suspending", "suspend"),
    ("resuming", "resume"),
    ("rebuilding", "rebuild"),
    ("synchronizing", "sync"),
    ("switching", "switch"),
    ("managing", "manage"),
    ("associating", "associate"),
    ("disassociating", "disassociate"),
    ("allocating", "allocate"),
    ("releasing", "release"),
    ("batch", "batch"),
];

/// The operation id a page gives: an UpperCamel file name (`ListDatasets.html`), else its
/// title, snake_case, the leading verb as a method writes it (`Querying Tags` → `query_tags`),
/// else (a title in another script) the method and the path's words
/// (`GET /v1/{project_id}/dev-servers/hyperinstance` → `get_dev_servers_hyperinstance`).
fn operation_id(page: &Page, method: &str, path: &str) -> String {
    let stem = page.file.rsplit('/').next().unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or_default();
    if stem.starts_with(|c: char| c.is_ascii_uppercase()) && stem.chars().all(|c| c.is_ascii_alphanumeric()) {
        return stem.to_snake_case();
    }
    if !page.title.is_ascii() {
        let words = path.split('/').filter(|segment| !segment.is_empty() && !segment.starts_with('{'));
        // The version segment (`v1`) says nothing about the operation.
        let words: Vec<&str> = words.filter(|segment| !segment.starts_with('v') || segment.len() > 4).collect();
        return format!("{}_{}", method.to_lowercase(), words.join("_")).to_snake_case();
    }
    let words: Vec<String> = page
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| !matches!(word.as_str(), "a" | "an" | "the" | "of" | "for" | "to" | "in" | "on" | "by"))
        .enumerate()
        .map(|(index, word)| match VERBS.iter().find(|(gerund, _)| *gerund == word) {
            Some((_, verb)) if index == 0 => (*verb).to_string(),
            _ => word,
        })
        .collect();
    let id = words.join("_").to_snake_case();
    if id.is_empty() || !id.starts_with(|c: char| c.is_ascii_alphabetic()) { format!("operation_{id}") } else { id }
}

/// `id`, or `id_2`, `id_3`… when another page took it.
fn unique_id(id: String, ids: &mut BTreeSet<String>) -> String {
    let unique = std::iter::once(id.clone())
        .chain((2..).map(|n| format!("{id}_{n}")))
        .find(|candidate| !ids.contains(candidate))
        .expect("an endless sequence of candidates has a free one");
    ids.insert(unique.clone());
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_paths_and_queries() {
        let lines = request_line("GET /v2.1/{project_id}/flavors/detail?minDisk={minDisk}&amp;sort_key={sort_key}");
        let (method, path, others) =
            newest(&[lines[0].clone(), ("GET".into(), "/v2/{project_id}/flavors/detail".into())]).unwrap();
        assert_eq!((method.as_str(), others), ("GET", vec!["GET /v2/{project_id}/flavors/detail".to_string()]));
        assert_eq!(
            split_query(&path),
            ("/v2.1/{project_id}/flavors/detail".into(), vec!["minDisk".into(), "sort_key".into()])
        );
        assert_eq!(
            split_query("/v2/{p}/x/{port_id}{?reserve_port}"),
            ("/v2/{p}/x/{port_id}".into(), vec!["reserve_port".into()])
        );
        assert_eq!(placeholders("/v2/{project_id}/os-quota-sets/{project_id}/defaults"), ["project_id"]);
    }

    #[test]
    fn ids_come_from_file_names_or_titles() {
        let page = |file: &str, title: &str| Page { file: file.into(), title: title.into(), blocks: vec![] };
        let id = |file: &str, title: &str| {
            operation_id(&page(file, title), "GET", "/v1/{project_id}/dev-servers/hyperinstance")
        };
        assert_eq!(id("ListDatasets.html", "whatever"), "list_datasets");
        assert_eq!(id("en-us_topic_1.html", "Starting ECSs in a Batch"), "start_ecss_batch");
        assert_eq!(id("x.html", "Querying Tags of an ECS (Discarded)"), "query_tags_ecs_discarded");
        assert_eq!(id("001.txt", "查询用户所有超节点实例详情"), "get_dev_servers_hyperinstance");
        let mut ids = BTreeSet::new();
        assert_eq!(unique_id("a".into(), &mut ids), "a");
        assert_eq!(unique_id("a".into(), &mut ids), "a_2");
    }

    #[test]
    fn type_columns_and_captions() {
        assert!(
            matches!(shape("Array of NotebookResp objects"), Shape::Array(inner) if matches!(*inner, Shape::Named(ref n) if n == "NotebookResp"))
        );
        assert!(matches!(shape("Array of objects"), Shape::Array(inner) if matches!(*inner, Shape::Object)));
        assert!(matches!(shape("Null"), Shape::Unknown(_)));
        assert_eq!(caption_name("servers field description").as_deref(), Some("servers"));
        assert_eq!(caption_name("NotebookResp").as_deref(), Some("NotebookResp"));
        assert_eq!(caption_name("Data structure of the network which an ECS accesses"), None);
    }
}
